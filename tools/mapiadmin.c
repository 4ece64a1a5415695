/*
 * mapiadmin: manage the mailbox users of the Samba AD DC.
 *
 * Mailboxes are plain AD users carrying attributes of Samba's base
 * schema, so that no schema extension is needed:
 *   mail              primary SMTP address
 *   proxyAddresses    "SMTP:" primary and "smtp:" secondary addresses
 *   legacyExchangeDN  /o=ORG/ou=ADMINISTRATIVE GROUP/cn=Recipients/cn=ACCOUNT
 * A user is mail-enabled when its legacyExchangeDN lies under the
 * organisation's recipients container.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
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

#define DEFAULT_ORGANIZATION "First Organization"
#define DEFAULT_ADMIN_GROUP "First Administrative Group"

struct admin_ctx {
	TALLOC_CTX *mem;
	struct loadparm_context *lp;
	struct ldb_context *ldb;
	const char *organization;
	const char *admin_group;
	const char *recipients_prefix;	/* /o=ORG/ou=AG/cn=Recipients/cn= */
};

static int fail(const char *fmt, const char *arg)
{
	fprintf(stderr, "mapiadmin: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	return 1;
}

static bool is_mail_enabled(struct admin_ctx *a, const struct ldb_message *msg)
{
	const char *dn = ldb_msg_find_attr_as_string(msg, "legacyExchangeDN",
						     NULL);
	const char *prefix = a->recipients_prefix;

	return dn != NULL && strncasecmp(dn, prefix, strlen(prefix)) == 0;
}

static struct ldb_message *find_user(struct admin_ctx *a, const char *account)
{
	static const char *attrs[] = { "sAMAccountName", "displayName", "mail",
				       "proxyAddresses", "legacyExchangeDN",
				       NULL };
	struct ldb_result *res;
	char *escaped = ldb_binary_encode_string(a->mem, account);
	int ret;

	ret = ldb_search(a->ldb, a->mem, &res, ldb_get_default_basedn(a->ldb),
			 LDB_SCOPE_SUBTREE, attrs,
			 "(&(objectClass=user)(!(objectClass=computer))"
			 "(sAMAccountName=%s))", escaped);
	if (ret != LDB_SUCCESS || res->count != 1) {
		return NULL;
	}
	return res->msgs[0];
}

static char *default_mail(struct admin_ctx *a, const char *account)
{
	char *mail = talloc_asprintf(a->mem, "%s@%s", account,
				     lpcfg_dnsdomain(a->lp));
	char *p;

	for (p = mail; *p != '\0'; p++) {
		*p = tolower((unsigned char)*p);
	}
	return mail;
}

/* Replace the SMTP proxy addresses with the primary one, keeping the
 * others (X500:, secondary smtp: that differ from it) as they were. */
static int set_mail_attributes(struct admin_ctx *a, struct ldb_message *user,
			       const char *mail)
{
	struct ldb_message *mod = ldb_msg_new(a->mem);
	struct ldb_message_element *old;
	const char *legacy;
	unsigned int i;
	int ret;

	mod->dn = user->dn;
	legacy = talloc_asprintf(a->mem, "%s%s", a->recipients_prefix,
				 ldb_msg_find_attr_as_string(user, "sAMAccountName",
							     ""));
	ret = ldb_msg_add_string(mod, "mail", mail);
	ret |= ldb_msg_add_string(mod, "legacyExchangeDN", legacy);
	ret |= ldb_msg_add_empty(mod, "proxyAddresses", LDB_FLAG_MOD_REPLACE,
				 NULL);
	ret |= ldb_msg_add_fmt(mod, "proxyAddresses", "SMTP:%s", mail);
	old = ldb_msg_find_element(user, "proxyAddresses");
	for (i = 0; old != NULL && i < old->num_values; i++) {
		const char *v = (const char *)old->values[i].data;

		if (strncasecmp(v, "smtp:", 5) == 0 &&
		    strcasecmp(v + 5, mail) != 0) {
			ret |= ldb_msg_add_fmt(mod, "proxyAddresses", "smtp:%s",
					       v + 5);
		} else if (strncasecmp(v, "smtp:", 5) != 0) {
			ret |= ldb_msg_add_string(mod, "proxyAddresses", v);
		}
	}
	if (ret != LDB_SUCCESS) {
		return fail("%s", "out of memory");
	}
	mod->elements[0].flags = LDB_FLAG_MOD_REPLACE;
	mod->elements[1].flags = LDB_FLAG_MOD_REPLACE;
	ret = ldb_modify(a->ldb, mod);
	if (ret != LDB_SUCCESS) {
		return fail("cannot update the user: %s", ldb_errstring(a->ldb));
	}
	return 0;
}

static int cmd_enable(struct admin_ctx *a, const char *account,
		      const char *mail)
{
	struct ldb_message *user = find_user(a, account);

	if (user == NULL) {
		return fail("user '%s' does not exist", account);
	}
	if (mail == NULL) {
		mail = ldb_msg_find_attr_as_string(user, "mail", NULL);
	}
	if (mail == NULL) {
		mail = default_mail(a, account);
	}
	if (is_mail_enabled(a, user)) {
		const char *cur = ldb_msg_find_attr_as_string(user, "mail", "");

		if (strcasecmp(cur, mail) == 0) {
			printf("%s is already mail-enabled (%s)\n", account, cur);
			return 0;
		}
	}
	if (set_mail_attributes(a, user, mail) != 0) {
		return 1;
	}
	printf("%s mail-enabled as %s\n", account, mail);
	return 0;
}

static int cmd_disable(struct admin_ctx *a, const char *account)
{
	struct ldb_message *user = find_user(a, account);
	struct ldb_message *mod;
	int ret;

	if (user == NULL) {
		return fail("user '%s' does not exist", account);
	}
	if (!is_mail_enabled(a, user)) {
		printf("%s is not mail-enabled\n", account);
		return 0;
	}
	/* Like disabling a mailbox in Exchange: the user stays, its
	 * recipient identity goes; "mail" is a plain AD attribute and stays. */
	mod = ldb_msg_new(a->mem);
	mod->dn = user->dn;
	ret = ldb_msg_add_empty(mod, "legacyExchangeDN", LDB_FLAG_MOD_DELETE,
				NULL);
	ret |= ldb_msg_add_empty(mod, "proxyAddresses", LDB_FLAG_MOD_DELETE,
				 NULL);
	if (ret != LDB_SUCCESS || ldb_modify(a->ldb, mod) != LDB_SUCCESS) {
		return fail("cannot update the user: %s", ldb_errstring(a->ldb));
	}
	printf("%s mail-disabled\n", account);
	return 0;
}

static int cmd_list(struct admin_ctx *a)
{
	static const char *attrs[] = { "sAMAccountName", "displayName", "mail",
				       "legacyExchangeDN", NULL };
	struct ldb_result *res;
	unsigned int i;
	int ret;

	ret = ldb_search(a->ldb, a->mem, &res, ldb_get_default_basedn(a->ldb),
			 LDB_SCOPE_SUBTREE, attrs,
			 "(&(objectClass=user)(legacyExchangeDN=*))");
	if (ret != LDB_SUCCESS) {
		return fail("search failed: %s", ldb_errstring(a->ldb));
	}
	for (i = 0; i < res->count; i++) {
		const struct ldb_message *m = res->msgs[i];

		if (!is_mail_enabled(a, m)) {
			continue;
		}
		printf("%s\t%s\t%s\t%s\n",
		       ldb_msg_find_attr_as_string(m, "sAMAccountName", ""),
		       ldb_msg_find_attr_as_string(m, "mail", ""),
		       ldb_msg_find_attr_as_string(m, "displayName", ""),
		       ldb_msg_find_attr_as_string(m, "legacyExchangeDN", ""));
	}
	return 0;
}

static void usage(poptContext pc)
{
	poptPrintUsage(pc, stderr, 0);
	fprintf(stderr, "commands:\n"
		"  enable USER [--mail ADDRESS]   mail-enable an existing user\n"
		"  disable USER                   remove the user's mailbox identity\n"
		"  list                           list mail-enabled users\n");
}

int main(int argc, const char **argv)
{
	struct admin_ctx a = { 0 };
	const char *url = NULL, *configfile = NULL, *mail = NULL;
	const char *cmd, *arg;
	char *err = NULL;
	int opt, rc;
	poptContext pc;
	struct poptOption options[] = {
		POPT_AUTOHELP
		{ "URL", 'H', POPT_ARG_STRING, &url, 0,
		  "LDB URL of the SAM database (default: from smb.conf)", "URL" },
		{ "configfile", 's', POPT_ARG_STRING, &configfile, 0,
		  "Use alternative configuration file", "CONFIGFILE" },
		{ "mail", 0, POPT_ARG_STRING, &mail, 0,
		  "Primary SMTP address (enable)", "ADDRESS" },
		{ "organization", 0, POPT_ARG_STRING, &a.organization, 0,
		  "Organisation name (default: mapiproxy:organization)", "NAME" },
		{ "administrative-group", 0, POPT_ARG_STRING, &a.admin_group, 0,
		  "Administrative group (default: mapiproxy:administrative group)",
		  "NAME" },
		POPT_TABLEEND
	};

	a.mem = talloc_new(NULL);
	pc = poptGetContext("mapiadmin", argc, argv, options, 0);
	poptSetOtherOptionHelp(pc, "[OPTIONS] enable|disable|list [USER]");
	while ((opt = poptGetNextOpt(pc)) >= 0) {
	}
	if (opt < -1) {
		fprintf(stderr, "mapiadmin: %s: %s\n",
			poptBadOption(pc, POPT_BADOPTION_NOALIAS),
			poptStrerror(opt));
		return 2;
	}
	cmd = poptGetArg(pc);
	arg = poptGetArg(pc);
	if (cmd == NULL || (strcmp(cmd, "list") != 0 && arg == NULL)) {
		usage(pc);
		return 2;
	}
	a.lp = loadparm_init_global(true);
	if (configfile != NULL ? !lpcfg_load(a.lp, configfile)
			       : !lpcfg_load_default(a.lp)) {
		return fail("cannot load %s", configfile ? configfile : "smb.conf");
	}
	if (a.organization == NULL) {
		a.organization = lpcfg_parm_string(a.lp, NULL, "mapiproxy",
						   "organization");
	}
	if (a.organization == NULL) {
		a.organization = DEFAULT_ORGANIZATION;
	}
	if (a.admin_group == NULL) {
		a.admin_group = lpcfg_parm_string(a.lp, NULL, "mapiproxy",
						  "administrative group");
	}
	if (a.admin_group == NULL) {
		a.admin_group = DEFAULT_ADMIN_GROUP;
	}
	a.recipients_prefix = talloc_asprintf(a.mem,
					      "/o=%s/ou=%s/cn=Recipients/cn=",
					      a.organization, a.admin_group);
	if (url == NULL) {
		url = lpcfg_private_path(a.mem, a.lp, "sam.ldb");
	}
	if (samdb_connect_url(a.mem, tevent_context_init(a.mem), a.lp,
			      system_session(a.lp), 0, url, NULL, &a.ldb,
			      &err) != LDB_SUCCESS) {
		return fail("cannot open the SAM database: %s",
			    err ? err : url);
	}
	if (strcmp(cmd, "enable") == 0) {
		rc = cmd_enable(&a, arg, mail);
	} else if (strcmp(cmd, "disable") == 0) {
		rc = cmd_disable(&a, arg);
	} else if (strcmp(cmd, "list") == 0) {
		rc = cmd_list(&a);
	} else {
		usage(pc);
		rc = 2;
	}
	poptFreeContext(pc);
	talloc_free(a.mem);
	return rc;
}
