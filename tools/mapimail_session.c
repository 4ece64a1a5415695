/*
 * mapimail: connecting.  The server and account come from -U (with -W,
 * -I) or else from a profile (-p NAME, or the default profile); the
 * password from -U, the profile, PASSWD or the terminal.  Then one
 * session and a logon to the mailbox (or, with --public, the public
 * folders).
 */
#include <stdio.h>

#include "mapimail.h"
#include "libmapi/profile.h"

static int profile_error(const char *name, enum MAPISTATUS rv)
{
	if (rv == MAPI_E_NOT_FOUND && name != NULL) {
		mail_fail("no profile '%s'", name);
		return MAPIMAIL_USAGE;
	}
	if (rv == MAPI_E_NOT_FOUND) {
		fprintf(stderr, "mapimail: give -p PROFILE or -U "
			"USER%%PASSWORD (there is no default profile)\n");
		return MAPIMAIL_USAGE;
	}
	return mail_fail("profile %s: %s", name ? name : "(default)",
			 mapi_profile_strerror(rv));
}

/* The profile -p names (or the default), and its connection parameters;
 * the command line's -I and -W override the profile's. */
static int from_profile(struct mail_ctx *m, const struct mapi_cmdline *cl,
			struct mapi_rpc_params *params,
			struct mapi_profile **profile)
{
	struct mapi_profile_db *db = NULL;
	const char *name = m->opt->profile;
	enum MAPISTATUS rv;

	rv = mapi_profile_db_open(m->mem, m->opt->database, &db);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_profile_get(db, m->mem, name, profile);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_profile_to_params(m->mem, *profile, NULL, params);
	}
	if (rv != MAPI_E_SUCCESS) {
		return profile_error(name, rv);
	}
	if (cl->server != NULL) {
		params->server = cl->server;
	}
	if (cl->workgroup != NULL) {
		params->domain = cl->workgroup;
	}
	return MAPIMAIL_OK;
}

static int session_error(const struct mapi_rpc_params *p, enum MAPISTATUS rv)
{
	const char *d = p->domain;

	switch (rv) {
	case MAPI_E_LOGON_FAILED:
		return mail_fail("logon failed for %s%s%s: wrong user name or "
				 "password", d ? d : "", d ? "\\" : "",
				 p->username);
	case MAPI_E_NETWORK_ERROR:
		return mail_fail("cannot reach the server %s", p->server);
	case MAPI_E_NOT_FOUND:
		return mail_fail("user '%s' has no mailbox on %s",
				 p->username, p->server);
	default:
		return mail_fail("cannot open a session on %s as %s: %s (%s)",
				 p->server, p->username, mapi_strerror(rv),
				 mapi_status_string(rv));
	}
}

static int log_on(struct mail_ctx *m)
{
	enum MAPISTATUS rv;

	if (m->opt->public_store) {
		rv = mapi_session_public(m->session, &m->logon);
	} else {
		rv = mapi_session_mailbox(m->session, &m->logon);
	}
	if (rv == ecWrongServer && !m->opt->public_store &&
	    mapi_logon_redirect_string(m->mem, m->session->emsmdb) != NULL) {
		return mail_fail("cannot log on to the mailbox: %s",
				 mapi_logon_redirect_string(
					 m->mem, m->session->emsmdb));
	}
	if (rv != MAPI_E_SUCCESS) {
		return mail_fail("cannot log on to the %s: %s (%s)",
				 m->opt->public_store ? "public folders" :
				 "mailbox", mapi_strerror(rv),
				 mapi_status_string(rv));
	}
	if (m->opt->public_store) {
		m->base = m->logon->folder_ids[m->opt->root ? MAPI_PUBLIC_ROOT :
					       MAPI_PUBLIC_IPM_SUBTREE];
	} else {
		m->base = m->logon->folder_ids[m->opt->root ? MAPI_LOGON_ROOT :
					       MAPI_LOGON_IPM_SUBTREE];
	}
	return MAPIMAIL_OK;
}

int mail_connect(struct mail_ctx *m, const struct mapi_cmdline *cl)
{
	struct mapi_rpc_params params = { 0 };
	struct mapi_profile *profile = NULL;
	struct mapi_rpc_context *rpc;
	enum MAPISTATUS rv;
	int rc;

	rpc = mapi_cmdline_setup(m->mem, "mapimail", cl, &params);
	if (rpc == NULL) {
		return mail_fail("cannot initialise the RPC client%s%s",
				 cl->configfile ? " with " : "",
				 cl->configfile ? cl->configfile : "");
	}
	if (cl->user == NULL) {
		rc = from_profile(m, cl, &params, &profile);
		if (rc != MAPIMAIL_OK) {
			return rc;
		}
	}
	if (!mapi_cmdline_password(m->mem, &params)) {
		fprintf(stderr, "mapimail: no password (give -U "
			"USER%%PASSWORD, store one in the profile or set "
			"PASSWD)\n");
		return MAPIMAIL_USAGE;
	}
	rv = mapi_session_open(m->mem, rpc, &params, profile, &m->session);
	if (rv != MAPI_E_SUCCESS) {
		return session_error(&params, rv);
	}
	return log_on(m);
}
