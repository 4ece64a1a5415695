/*
 * profiles: store a profile for an account (asking the server's address
 * book who it is), then open a mailbox session from the profile alone.
 * A libmapi example: the profile database and sessions from profiles.
 *
 *   profiles -U 'DOMAIN\user%password' -I server DATABASE NAME
 *
 * Build: cc profiles.c $(pkg-config --cflags --libs libmapi)
 */
#include <stdio.h>
#include <popt.h>
#include <libmapi/mapi_cmdline.h>
#include <libmapi/profile.h>
#include <libmapi/session.h>

static enum MAPISTATUS run(TALLOC_CTX *mem, struct mapi_rpc_context *rpc,
			   const struct mapi_rpc_params *params,
			   const char *database, const char *name)
{
	struct mapi_profile_db *db;
	struct mapi_profile *profile;
	struct mapi_rpc_params from_profile;
	struct mapi_session *session;
	struct mapi_logon *logon;
	enum MAPISTATUS rv;

	rv = mapi_profile_db_open(mem, database, &db);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_profile_create(db, mem, rpc, params, name,
					 MAPI_PROFILE_SET_DEFAULT, NULL);
	}
	/* later, or in another program: the default profile */
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_profile_get(db, mem, NULL, &profile);
	}
	if (rv == MAPI_E_SUCCESS) {
		printf("profile %s: %s, %s on %s\n", profile->name,
		       profile->display_name, profile->user_dn,
		       profile->server_fqdn);
		/* the password is not stored: give it */
		rv = mapi_profile_to_params(mem, profile, params->password,
					    &from_profile);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_session_open(mem, rpc, &from_profile, profile,
				       &session);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_session_mailbox(session, &logon);
	}
	if (rv == MAPI_E_SUCCESS) {
		printf("logged on to the mailbox of %s\n",
		       session->emsmdb->display_name);
	}
	return rv;
}

int main(int argc, const char **argv)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_cmdline cl = { 0 };
	struct mapi_rpc_params params = { 0 };
	struct mapi_rpc_context *rpc;
	enum MAPISTATUS rv = MAPI_E_INVALID_PARAMETER;
	const char *database, *name;
	struct poptOption options[] = {
		POPT_AUTOHELP
		MAPI_POPT_CONNECTION(&cl),
		POPT_TABLEEND
	};
	poptContext pc = poptGetContext("profiles", argc, argv, options, 0);

	while (poptGetNextOpt(pc) >= 0) {
	}
	database = poptGetArg(pc);
	name = poptGetArg(pc);
	rpc = mapi_cmdline_setup(mem_ctx, "profiles", &cl, &params);
	if (name != NULL && rpc != NULL &&
	    mapi_cmdline_password(mem_ctx, &params)) {
		rv = run(mem_ctx, rpc, &params, database, name);
	}
	if (rv != MAPI_E_SUCCESS) {
		fprintf(stderr, "profiles: %s (%s)\n", mapi_profile_strerror(rv),
			mapi_status_string(rv));
	}
	poptFreeContext(pc);
	mapi_cmdline_free(&cl);
	talloc_free(mem_ctx);
	return rv == MAPI_E_SUCCESS ? 0 : 1;
}
