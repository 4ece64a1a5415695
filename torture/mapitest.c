/*
 * mapitest: protocol torture program for sambamapi (or any server that
 * speaks the Exchange protocols).  Runs named suites, one per
 * specification area, against a server given by a profile (-p) or by
 * Samba-style credentials (-U, -W, -I); prints text, TAP or JSON.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <popt.h>
#include <talloc.h>
#include <util/debug.h>

#include "mapitest.h"
#include "libmapi/mapi_cmdline.h"

enum mapitest_format { FORMAT_TEXT, FORMAT_TAP, FORMAT_JSON };

struct mapitest_run {
	TALLOC_CTX *mem;
	struct mapitest mt;
	enum mapitest_format format;
	const char *suites;		/* comma-separated, NULL: all */
	const char *test;		/* "suite.test" or "test", or NULL */
	unsigned passed, failed, not_implemented, number;
};

/* ------------------------------------------------------ test helpers */

void mapitest_note(struct mapitest *mt, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	talloc_free(mt->note);
	mt->note = talloc_vasprintf(mt->note_ctx, fmt, ap);
	va_end(ap);
}

enum mapitest_result mapitest_not_implemented(struct mapitest *mt,
					      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	talloc_free(mt->note);
	mt->note = talloc_vasprintf(mt->note_ctx, fmt, ap);
	va_end(ap);
	return MAPITEST_NOT_IMPLEMENTED;
}

struct mapi_nspi *mapitest_nspi(struct mapitest *mt, TALLOC_CTX *mem_ctx)
{
	struct mapi_nspi *nspi = NULL;
	enum MAPISTATUS ret;

	ret = mapi_nspi_connect(mem_ctx, mt->rpc, &mt->params,
				mt->self->code_page, mt->self->locale, &nspi);
	if (ret != MAPI_E_SUCCESS) {
		mapitest_note(mt, "NSPI session: %s (0x%08x)",
			      mapi_status_string(ret), (unsigned int)ret);
		return NULL;
	}
	return nspi;
}

uint32_t mapitest_self_mid(struct mapitest *mt, struct mapi_nspi *nspi,
			   TALLOC_CTX *mem_ctx)
{
	struct PropertyTagArray_r *mids = NULL;
	const char *dn = mt->self->user_dn;
	enum MAPISTATUS ret;

	ret = mapi_nspi_dn_to_mid(nspi, mem_ctx, &dn, 1, &mids);
	if (ret != MAPI_E_SUCCESS || mids == NULL || mids->cValues != 1 ||
	    mids->aulPropTag[0] == 0) {
		mapitest_note(mt, "NspiDNToMId of %s: %s", dn,
			      mapi_status_string(ret));
		return 0;
	}
	return mids->aulPropTag[0];
}

/* ------------------------------------------------------------ output */

static void json_string(const char *s)
{
	if (s == NULL) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			printf("\\%c", c);
		} else if (c == '\n') {
			fputs("\\n", stdout);
		} else if (c < 0x20) {
			printf("\\u%04x", c);
		} else {
			putchar(c);
		}
	}
	putchar('"');
}

static const char *result_word(enum mapitest_result r)
{
	switch (r) {
	case MAPITEST_PASS:
		return "passed";
	case MAPITEST_NOT_IMPLEMENTED:
		return "not implemented";
	default:
		return "failed";
	}
}

static void report(struct mapitest_run *run, const struct mapitest_suite *s,
		   const struct mapitest_test *t, enum mapitest_result r)
{
	const char *note = run->mt.note;

	run->number++;
	switch (run->format) {
	case FORMAT_TAP:
		printf("%s %u - %s.%s", r == MAPITEST_PASS ? "ok" : "not ok",
		       run->number, s->name, t->name);
		if (r == MAPITEST_NOT_IMPLEMENTED) {
			printf(" # TODO not implemented");
		}
		printf("\n");
		if (note != NULL) {
			printf("# %s\n", note);
		}
		break;
	case FORMAT_JSON:
		printf("%s\n    {\"suite\": ", run->number > 1 ? "," : "");
		json_string(s->name);
		printf(", \"test\": ");
		json_string(t->name);
		printf(", \"result\": ");
		json_string(result_word(r));
		printf(", \"message\": ");
		json_string(note);
		printf("}");
		break;
	default:
		printf("%s - %s.%s%s%s\n", r == MAPITEST_PASS ? "ok" :
		       r == MAPITEST_FAIL ? "FAIL" : "not implemented",
		       s->name, t->name, note ? ": " : "", note ? note : "");
	}
	fflush(stdout);
}

static void report_start(struct mapitest_run *run, unsigned total)
{
	switch (run->format) {
	case FORMAT_TAP:
		printf("TAP version 13\n1..%u\n", total);
		break;
	case FORMAT_JSON:
		printf("{\"server\": ");
		json_string(run->mt.params.server);
		printf(", \"user\": ");
		json_string(run->mt.params.username);
		printf(", \"tests\": [");
		break;
	default:
		printf("# mapitest against %s as %s\n", run->mt.params.server,
		       run->mt.params.username);
	}
}

static void report_end(struct mapitest_run *run)
{
	switch (run->format) {
	case FORMAT_TAP:
		printf("# %u passed, %u failed, %u not implemented\n",
		       run->passed, run->failed, run->not_implemented);
		break;
	case FORMAT_JSON:
		printf("%s],\n \"passed\": %u, \"failed\": %u, "
		       "\"not_implemented\": %u}\n", run->number ? "\n" : "",
		       run->passed, run->failed, run->not_implemented);
		break;
	default:
		printf("%u passed, %u failed, %u not implemented\n",
		       run->passed, run->failed, run->not_implemented);
	}
}

/* ------------------------------------------------------------ runner */

static bool suite_selected(const struct mapitest_run *run,
			   const struct mapitest_suite *s)
{
	size_t n = strlen(s->name);
	const char *p = run->suites;

	if (p == NULL) {
		return true;
	}
	while (*p != '\0') {
		if (strncmp(p, s->name, n) == 0 && (p[n] == ',' ||
						    p[n] == '\0')) {
			return true;
		}
		p = strchr(p, ',');
		if (p == NULL) {
			break;
		}
		p++;
	}
	return false;
}

static bool test_selected(const struct mapitest_run *run,
			  const struct mapitest_suite *s,
			  const struct mapitest_test *t)
{
	const char *dot;
	size_t n;

	if (!suite_selected(run, s)) {
		return false;
	}
	if (run->test == NULL) {
		return true;
	}
	dot = strchr(run->test, '.');
	if (dot == NULL) {
		return strcmp(run->test, t->name) == 0;
	}
	n = dot - run->test;
	return strlen(s->name) == n && strncmp(run->test, s->name, n) == 0 &&
	       strcmp(dot + 1, t->name) == 0;
}

static unsigned count_selected(const struct mapitest_run *run)
{
	unsigned total = 0;
	size_t i, j;

	for (i = 0; mapitest_suites[i] != NULL; i++) {
		const struct mapitest_suite *s = mapitest_suites[i];

		for (j = 0; j < s->count; j++) {
			total += test_selected(run, s, &s->tests[j]) ? 1 : 0;
		}
	}
	return total;
}

/* Unknown names in --suite are usage errors. */
static bool check_suites(const struct mapitest_run *run)
{
	char *copy, *tok, *save = NULL;
	bool ok = true;
	size_t i;

	if (run->suites == NULL) {
		return true;
	}
	copy = talloc_strdup(run->mem, run->suites);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		bool found = false;

		for (i = 0; mapitest_suites[i] != NULL; i++) {
			found |= strcmp(mapitest_suites[i]->name, tok) == 0;
		}
		if (!found) {
			fprintf(stderr, "mapitest: no suite '%s' (see "
				"--list)\n", tok);
			ok = false;
		}
	}
	talloc_free(copy);
	return ok;
}

static void list_tests(const struct mapitest_run *run)
{
	size_t i, j;

	for (i = 0; mapitest_suites[i] != NULL; i++) {
		const struct mapitest_suite *s = mapitest_suites[i];

		if (!suite_selected(run, s)) {
			continue;
		}
		printf("%s\t%s\n", s->name, s->description);
		for (j = 0; j < s->count; j++) {
			printf("  %s.%s\t%s\n", s->name, s->tests[j].name,
			       s->tests[j].description);
		}
	}
}

static void run_one(struct mapitest_run *run, const struct mapitest_suite *s,
		    const struct mapitest_test *t)
{
	TALLOC_CTX *tmp = talloc_new(run->mem);
	enum mapitest_result r;

	run->mt.note_ctx = tmp;
	run->mt.note = NULL;
	DBG_INFO("running %s.%s\n", s->name, t->name);
	r = t->run(&run->mt, tmp);
	switch (r) {
	case MAPITEST_PASS:
		run->passed++;
		break;
	case MAPITEST_NOT_IMPLEMENTED:
		run->not_implemented++;
		break;
	default:
		r = MAPITEST_FAIL;
		run->failed++;
	}
	report(run, s, t, r);
	run->mt.note = NULL;
	talloc_free(tmp);
}

static void run_all(struct mapitest_run *run)
{
	size_t i, j;

	report_start(run, count_selected(run));
	for (i = 0; mapitest_suites[i] != NULL; i++) {
		const struct mapitest_suite *s = mapitest_suites[i];

		for (j = 0; j < s->count; j++) {
			if (test_selected(run, s, &s->tests[j])) {
				run_one(run, s, &s->tests[j]);
			}
		}
	}
	report_end(run);
}

/* ------------------------------------------------------- credentials */

/* Server and credentials from the profile @name (NULL: the default). */
static int params_from_profile(struct mapitest_run *run, const char *db_path,
			       const char *name)
{
	struct mapi_profile_db *db = NULL;
	struct mapi_profile *p = NULL;
	enum MAPISTATUS ret;

	ret = mapi_profile_db_open(run->mem, db_path, &db);
	if (ret == MAPI_E_SUCCESS) {
		ret = mapi_profile_get(db, run->mem, name, &p);
	}
	if (ret == MAPI_E_NOT_FOUND) {
		if (name != NULL) {
			fprintf(stderr, "mapitest: no profile '%s'\n", name);
		} else {
			fprintf(stderr, "mapitest: give -p PROFILE or -U "
				"USER%%PASSWORD (there is no default "
				"profile)\n");
		}
		return 2;
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mapi_profile_to_params(run->mem, p, NULL,
					     &run->mt.params);
	}
	if (ret != MAPI_E_SUCCESS) {
		fprintf(stderr, "mapitest: profile %s: %s\n",
			name ? name : "(default)", mapi_profile_strerror(ret));
		return 1;
	}
	return 0;
}

/* Who the user is, asked of the server once: also the check that the
 * server answers and the credentials are right. */
static int identify(struct mapitest_run *run)
{
	struct mapi_rpc_params *params = &run->mt.params;
	struct mapi_profile *self = NULL;
	const char *d = params->domain;
	enum MAPISTATUS ret;

	ret = mapi_profile_fetch(run->mem, run->mt.rpc, params, "mapitest",
				 &self);
	switch (ret) {
	case MAPI_E_SUCCESS:
		run->mt.self = self;
		return 0;
	case MAPI_E_LOGON_FAILED:
		fprintf(stderr, "mapitest: logon failed for %s%s%s: wrong "
			"user name or password\n", d ? d : "", d ? "\\" : "",
			params->username);
		break;
	case MAPI_E_NETWORK_ERROR:
		fprintf(stderr, "mapitest: cannot reach the server %s\n",
			params->server);
		break;
	case MAPI_E_NOT_FOUND:
		fprintf(stderr, "mapitest: user '%s' has no mailbox in the "
			"address book of %s\n", params->username,
			params->server);
		break;
	default:
		fprintf(stderr, "mapitest: cannot identify %s on %s: %s\n",
			params->username, params->server,
			mapi_profile_strerror(ret));
	}
	return 1;
}

/* ------------------------------------------------------------ main */

struct mapitest_options {
	char *user, *server, *workgroup, *configfile, *profile, *database;
	char *suite, *test, *format, *peer;
	int list, debuglevel;
};

static void free_options(struct mapitest_options *o)
{
	free(o->user);
	free(o->server);
	free(o->workgroup);
	free(o->configfile);
	free(o->profile);
	free(o->database);
	free(o->suite);
	free(o->test);
	free(o->format);
	free(o->peer);
}

static int parse_format(struct mapitest_run *run, const char *format)
{
	if (format == NULL || strcmp(format, "text") == 0) {
		run->format = FORMAT_TEXT;
	} else if (strcmp(format, "tap") == 0) {
		run->format = FORMAT_TAP;
	} else if (strcmp(format, "json") == 0) {
		run->format = FORMAT_JSON;
	} else {
		fprintf(stderr, "mapitest: unknown format '%s' (text, tap, "
			"json)\n", format);
		return 2;
	}
	return 0;
}

/* --peer USER%PASSWORD: a second account on the same server. */
static int setup_peer(struct mapitest_run *run, const char *peer)
{
	struct mapi_rpc_params *p = &run->mt.peer;

	if (peer == NULL) {
		return 0;
	}
	*p = run->mt.params;
	p->username = NULL;
	p->password = NULL;
	mapi_rpc_params_parse_user(run->mem, p, peer);
	if (p->username == NULL || p->password == NULL) {
		fprintf(stderr, "mapitest: give --peer as USER%%PASSWORD\n");
		return 2;
	}
	if (p->domain == NULL) {
		p->domain = run->mt.params.domain;
	}
	run->mt.has_peer = true;
	return 0;
}

static int setup(struct mapitest_run *run, struct mapitest_options *o)
{
	int rc;

	if (o->user != NULL) {
		run->mt.params.server = o->server ? o->server : "127.0.0.1";
		mapi_rpc_params_parse_user(run->mem, &run->mt.params, o->user);
	} else {
		rc = params_from_profile(run, o->database, o->profile);
		if (rc != 0) {
			return rc;
		}
		if (o->server != NULL) {
			run->mt.params.server = o->server;
		}
	}
	if (o->workgroup != NULL) {
		run->mt.params.domain = o->workgroup;
	}
	if (!mapi_cmdline_password(run->mem, &run->mt.params)) {
		fprintf(stderr, "mapitest: no password (give -U "
			"USER%%PASSWORD, store one in the profile or set "
			"PASSWD)\n");
		return 2;
	}
	rc = setup_peer(run, o->peer);
	if (rc != 0) {
		return rc;
	}
	run->mt.rpc = mapi_rpc_context_init(run->mem, o->configfile);
	if (run->mt.rpc == NULL) {
		fprintf(stderr, "mapitest: cannot initialise the RPC client\n");
		return 1;
	}
	return identify(run);
}

int main(int argc, const char **argv)
{
	struct mapitest_options o = { 0 };
	struct mapitest_run run = { 0 };
	int opt, rc;
	poptContext pc;
	struct poptOption options[] = {
		POPT_AUTOHELP
		{ "profile", 'p', POPT_ARG_STRING, &o.profile, 0,
		  "Use this profile (default: the default profile)",
		  "PROFILE" },
		{ "database", 0, POPT_ARG_STRING, &o.database, 0,
		  "Profile database", "PATH" },
		{ "user", 'U', POPT_ARG_STRING, &o.user, 0,
		  "Set the network username", "[DOMAIN\\]USERNAME[%PASSWORD]" },
		{ "workgroup", 'W', POPT_ARG_STRING, &o.workgroup, 0,
		  "Set the workgroup (domain) name", "WORKGROUP" },
		{ "server", 'I', POPT_ARG_STRING, &o.server, 0,
		  "Server to test (default 127.0.0.1)", "HOST" },
		{ "configfile", 's', POPT_ARG_STRING, &o.configfile, 0,
		  "Use alternative configuration file", "CONFIGFILE" },
		{ "debuglevel", 'd', POPT_ARG_INT, &o.debuglevel, 0,
		  "Set debug level", "DEBUGLEVEL" },
		{ "list", 'l', POPT_ARG_NONE, &o.list, 0,
		  "List the suites and their tests", NULL },
		{ "suite", 0, POPT_ARG_STRING, &o.suite, 0,
		  "Run only these suites", "NAME[,NAME...]" },
		{ "test", 0, POPT_ARG_STRING, &o.test, 0,
		  "Run only this test", "[SUITE.]TEST" },
		{ "format", 0, POPT_ARG_STRING, &o.format, 0,
		  "Output: text (default), tap or json", "FORMAT" },
		{ "peer", 0, POPT_ARG_STRING, &o.peer, 0,
		  "A second account for the tests that need two users",
		  "[DOMAIN\\]USERNAME%PASSWORD" },
		POPT_TABLEEND
	};

	run.mem = talloc_new(NULL);
	pc = poptGetContext("mapitest", argc, argv, options, 0);
	while ((opt = poptGetNextOpt(pc)) >= 0) {
	}
	if (opt < -1 || poptPeekArg(pc) != NULL) {
		if (opt < -1) {
			fprintf(stderr, "mapitest: %s: %s\n",
				poptBadOption(pc, POPT_BADOPTION_NOALIAS),
				poptStrerror(opt));
		} else {
			poptPrintUsage(pc, stderr, 0);
		}
		rc = 2;
		goto out;
	}
	setup_logging("mapitest", DEBUG_STDERR);
	debuglevel_set(o.debuglevel);
	run.suites = o.suite;
	run.test = o.test;
	rc = parse_format(&run, o.format);
	if (rc == 0 && !check_suites(&run)) {
		rc = 2;
	}
	if (rc != 0 || o.list) {
		if (rc == 0) {
			list_tests(&run);
		}
		goto out;
	}
	if (count_selected(&run) == 0) {
		fprintf(stderr, "mapitest: no test '%s' (see --list)\n",
			o.test ? o.test : "");
		rc = 2;
		goto out;
	}
	rc = setup(&run, &o);
	if (rc == 0) {
		run_all(&run);
		rc = run.failed == 0 ? 0 : 1;
	}
out:
	poptFreeContext(pc);
	talloc_free(run.mem);
	free_options(&o);
	return rc;
}
