/*
 * bench_populate: add N mail-enabled users to the SAM database of a test
 * DC, for the address book benchmark.
 *
 * The users carry the attributes mapiadmin sets (mail, proxyAddresses
 * "SMTP:...", legacyExchangeDN under the recipients container) plus a
 * display name drawn, with a fixed seed, from first names and surnames of
 * many languages (non-ASCII ones included).  Accounts are bench00000 ..
 * bench(N-1); the ones already present are left alone, so running it
 * twice adds nothing.  Users are added in ldb transactions of --batch
 * users (one huge transaction is several times slower: its cost grows
 * faster than its size).  No passwords are set (the accounts stay
 * disabled, as samdb makes them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <time.h>
#include <popt.h>
#include <talloc.h>
#include <tevent.h>
#include <ldb.h>
#include <param.h>

/* libsamdb exports these; Samba installs no header for them. */
struct auth_session_info;
struct tsocket_address;
struct auth_session_info *system_session(struct loadparm_context *lp_ctx);
int samdb_connect_url(TALLOC_CTX *mem_ctx, struct tevent_context *ev_ctx,
		      struct loadparm_context *lp_ctx,
		      struct auth_session_info *session_info,
		      unsigned int flags, const char *url,
		      const struct tsocket_address *remote_address,
		      struct ldb_context **ldb_ret, char **errstring);

/* A name as displayed, and its ASCII form for the mail address. */
struct bench_name {
	const char *display;
	const char *ascii;
};

static const struct bench_name first_names[] = {
	{ "James", "james" }, { "Mary", "mary" }, { "José", "jose" },
	{ "Zoë", "zoe" }, { "Søren", "soren" }, { "Łukasz", "lukasz" },
	{ "Ana", "ana" }, { "François", "francois" }, { "Jürgen", "jurgen" },
	{ "Aoife", "aoife" }, { "Siobhán", "siobhan" }, { "Björn", "bjorn" },
	{ "Chloé", "chloe" }, { "Dmitri", "dmitri" }, { "Ingrid", "ingrid" },
	{ "Mohammed", "mohammed" }, { "Fatima", "fatima" }, { "Wei", "wei" },
	{ "Yuki", "yuki" }, { "Priya", "priya" }, { "Raj", "raj" },
	{ "Olúwaseun", "oluwaseun" }, { "Chidi", "chidi" }, { "Ngọc", "ngoc" },
	{ "Đorđe", "djordje" }, { "Çağla", "cagla" }, { "Şükrü", "sukru" },
	{ "Ευάγγελος", "evangelos" }, { "Анна", "anna" }, { "Иван", "ivan" },
	{ "明", "ming" }, { "さくら", "sakura" }, { "지훈", "jihoon" },
	{ "Noa", "noa" }, { "Mateo", "mateo" }, { "Elif", "elif" },
	{ "Kwame", "kwame" }, { "Ximena", "ximena" }, { "Þórunn", "thorunn" },
	{ "Åsa", "asa" }, { "Michał", "michal" }, { "Tomáš", "tomas" },
	{ "Ignacio", "ignacio" }, { "Oisín", "oisin" }, { "Liam", "liam" },
	{ "Emma", "emma" }, { "Noah", "noah" }, { "Olivia", "olivia" },
};

static const struct bench_name surnames[] = {
	{ "Smith", "smith" }, { "García", "garcia" }, { "Müller", "muller" },
	{ "O'Brien", "obrien" }, { "Nguyễn", "nguyen" },
	{ "Kowalski", "kowalski" },
	{ "Núñez", "nunez" }, { "Søndergaard", "sondergaard" },
	{ "Dubois", "dubois" }, { "Rossi", "rossi" }, { "Jensen", "jensen" },
	{ "Öztürk", "ozturk" }, { "Yılmaz", "yilmaz" },
	{ "Papadopoulos", "papadopoulos" },
	{ "Иванов", "ivanov" }, { "Петрова", "petrova" }, { "王", "wang" },
	{ "李", "li" }, { "佐藤", "sato" }, { "김", "kim" }, { "Patel", "patel" },
	{ "Singh", "singh" }, { "Okafor", "okafor" }, { "Adeyemi", "adeyemi" },
	{ "Haddad", "haddad" }, { "Cohen", "cohen" }, { "Lévesque", "levesque" },
	{ "Van der Berg", "vanderberg" }, { "de la Cruz", "delacruz" },
	{ "Šimić", "simic" }, { "Dvořák", "dvorak" }, { "Håkansson", "hakansson" },
	{ "Guðmundsdóttir", "gudmundsdottir" }, { "MacLeod", "macleod" },
	{ "Fernández-López", "fernandezlopez" },
	{ "Ó Súilleabháin", "osuilleabhain" },
	{ "Schröder", "schroder" }, { "Brown", "brown" }, { "Wilson", "wilson" },
	{ "Tanaka", "tanaka" }, { "Mendes", "mendes" }, { "Bianchi", "bianchi" },
};

#define N_FIRST (sizeof(first_names) / sizeof(first_names[0]))
#define N_LAST (sizeof(surnames) / sizeof(surnames[0]))

/* xorshift64*: a fixed sequence for a given seed, on every platform. */
static uint64_t next_random(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545F4914F6CDD1DULL;
}

struct populate {
	TALLOC_CTX *mem;
	struct loadparm_context *lp;
	struct ldb_context *ldb;
	const char *recipients_prefix;
	const char *mail_domain;
	struct ldb_dn *users_dn;
};

static int fail(const char *what, const char *detail)
{
	fprintf(stderr, "bench_populate: %s: %s\n", what, detail);
	return 1;
}

/* Which of bench00000 .. bench(N-1) exist already. */
static int existing_accounts(struct populate *p, uint32_t count,
			     bool *present, uint32_t *n_present)
{
	static const char *attrs[] = { "sAMAccountName", NULL };
	struct ldb_result *res;
	unsigned int i;
	int ret;

	ret = ldb_search(p->ldb, p->mem, &res, ldb_get_default_basedn(p->ldb),
			 LDB_SCOPE_SUBTREE, attrs,
			 "(&(objectClass=user)(sAMAccountName=bench*))");
	if (ret != LDB_SUCCESS) {
		return fail("search", ldb_errstring(p->ldb));
	}
	*n_present = 0;
	for (i = 0; i < res->count; i++) {
		const char *name = ldb_msg_find_attr_as_string(res->msgs[i],
						"sAMAccountName", "");
		char *end;
		unsigned long n;

		if (strlen(name) != 10) {
			continue;
		}
		n = strtoul(name + 5, &end, 10);
		if (*end == '\0' && n < count && !present[n]) {
			present[n] = true;
			(*n_present)++;
		}
	}
	talloc_free(res);
	return 0;
}

static int add_user(struct populate *p, uint32_t n, uint64_t *rng)
{
	const struct bench_name *first, *last;
	TALLOC_CTX *tmp = talloc_new(p->mem);
	struct ldb_message *msg = ldb_msg_new(tmp);
	char account[16], *mail;
	int ret;

	first = &first_names[next_random(rng) % N_FIRST];
	last = &surnames[next_random(rng) % N_LAST];
	if (msg == NULL) {
		talloc_free(tmp);
		return fail("add", "out of memory");
	}
	snprintf(account, sizeof(account), "bench%05u", n);
	mail = talloc_asprintf(tmp, "%s.%s.%05u@%s", first->ascii, last->ascii,
			       n, p->mail_domain);
	msg->dn = ldb_dn_copy(msg, p->users_dn);
	if (mail == NULL || msg->dn == NULL ||
	    !ldb_dn_add_child_fmt(msg->dn, "CN=%s", account)) {
		talloc_free(tmp);
		return fail("add", "out of memory");
	}
	ret = ldb_msg_add_string(msg, "objectClass", "user");
	ret |= ldb_msg_add_string(msg, "sAMAccountName", account);
	ret |= ldb_msg_add_string(msg, "givenName", first->display);
	ret |= ldb_msg_add_string(msg, "sn", last->display);
	ret |= ldb_msg_add_fmt(msg, "displayName", "%s %s", first->display,
			       last->display);
	ret |= ldb_msg_add_string(msg, "mail", mail);
	ret |= ldb_msg_add_fmt(msg, "proxyAddresses", "SMTP:%s", mail);
	ret |= ldb_msg_add_fmt(msg, "legacyExchangeDN", "%s%s",
			       p->recipients_prefix, account);
	if (ret != LDB_SUCCESS) {
		talloc_free(tmp);
		return fail("add", "out of memory");
	}
	ret = ldb_add(p->ldb, msg);
	talloc_free(tmp);
	if (ret != LDB_SUCCESS) {
		return fail(account, ldb_errstring(p->ldb));
	}
	return 0;
}

static int populate(struct populate *p, uint32_t count, uint32_t batch,
		    uint64_t seed)
{
	bool *present = talloc_zero_array(p->mem, bool, count);
	uint32_t n, n_present = 0, added = 0, in_batch = 0;
	uint64_t rng = seed ? seed : 1;
	struct timespec t0, t1;

	if (present == NULL || existing_accounts(p, count, present,
						 &n_present) != 0) {
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (n = 0; n < count; n++) {
		/* draw for every user, so names do not depend on which
		 * users existed before */
		uint64_t user_rng = rng;

		next_random(&rng);
		next_random(&rng);
		if (present[n]) {
			continue;
		}
		if (in_batch == 0 &&
		    ldb_transaction_start(p->ldb) != LDB_SUCCESS) {
			return fail("transaction", ldb_errstring(p->ldb));
		}
		if (add_user(p, n, &user_rng) != 0) {
			ldb_transaction_cancel(p->ldb);
			return 1;
		}
		added++;
		if (++in_batch == batch) {
			if (ldb_transaction_commit(p->ldb) != LDB_SUCCESS) {
				return fail("commit", ldb_errstring(p->ldb));
			}
			in_batch = 0;
		}
	}
	if (in_batch > 0 && ldb_transaction_commit(p->ldb) != LDB_SUCCESS) {
		return fail("commit", ldb_errstring(p->ldb));
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("bench_populate: %u users present, %u added in %.1f s\n",
	       n_present, added, (t1.tv_sec - t0.tv_sec) +
	       (t1.tv_nsec - t0.tv_nsec) / 1e9);
	return 0;
}

static const char *option(struct loadparm_context *lp, const char *name,
			  const char *def)
{
	const char *v = lpcfg_parm_string(lp, NULL, "mapiproxy", name);

	return v != NULL ? v : def;
}

int main(int argc, const char **argv)
{
	struct populate p = { 0 };
	char *configfile = NULL, *url = NULL, *err = NULL, *domain, *d;
	int count = 10000, seed = 20261125, batch = 250, opt, rc = 1;
	poptContext pc;
	struct poptOption options[] = {
		POPT_AUTOHELP
		{ "configfile", 's', POPT_ARG_STRING, &configfile, 0,
		  "smb.conf of the DC", "CONFIGFILE" },
		{ "URL", 'H', POPT_ARG_STRING, &url, 0,
		  "LDB URL of the SAM database (default: from smb.conf)",
		  "URL" },
		{ "count", 'n', POPT_ARG_INT, &count, 0,
		  "Number of users (default 10000)", "N" },
		{ "batch", 0, POPT_ARG_INT, &batch, 0,
		  "Users per ldb transaction (default 250)", "N" },
		{ "seed", 0, POPT_ARG_INT, &seed, 0,
		  "Seed of the name generator", "SEED" },
		POPT_TABLEEND
	};

	p.mem = talloc_new(NULL);
	pc = poptGetContext("bench_populate", argc, argv, options, 0);
	while ((opt = poptGetNextOpt(pc)) >= 0) {
	}
	if (opt < -1 || count <= 0 || count > 100000 || batch < 0) {
		poptPrintUsage(pc, stderr, 0);
		rc = 2;
		goto out;
	}
	p.lp = loadparm_init_global(true);
	if (configfile != NULL ? !lpcfg_load(p.lp, configfile)
			       : !lpcfg_load_default(p.lp)) {
		rc = fail("cannot load", configfile ? configfile : "smb.conf");
		goto out;
	}
	p.recipients_prefix = talloc_asprintf(p.mem,
			"/o=%s/ou=%s/cn=Recipients/cn=",
			option(p.lp, "organization", "First Organization"),
			option(p.lp, "administrative group",
			       "First Administrative Group"));
	domain = talloc_strdup(p.mem, lpcfg_dnsdomain(p.lp));
	for (d = domain; d != NULL && *d != '\0'; d++) {
		*d = tolower((unsigned char)*d);
	}
	p.mail_domain = domain;
	if (samdb_connect_url(p.mem, tevent_context_init(p.mem), p.lp,
			      system_session(p.lp), 0,
			      url ? url : lpcfg_private_path(p.mem, p.lp,
							      "sam.ldb"),
			      NULL, &p.ldb, &err) != LDB_SUCCESS) {
		rc = fail("cannot open the SAM database", err ? err : "");
		goto out;
	}
	p.users_dn = ldb_dn_copy(p.mem, ldb_get_default_basedn(p.ldb));
	if (p.users_dn == NULL ||
	    !ldb_dn_add_child_fmt(p.users_dn, "CN=Users")) {
		rc = fail("users container", "out of memory");
		goto out;
	}
	rc = populate(&p, (uint32_t)count,
		      batch > 0 ? (uint32_t)batch : (uint32_t)count,
		      (uint64_t)seed);
out:
	poptFreeContext(pc);
	talloc_free(p.mem);
	free(configfile);
	free(url);
	return rc;
}
