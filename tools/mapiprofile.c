/*
 * mapiprofile: manage MAPI profiles (libmapi/profile.h).
 *
 *   mapiprofile create NAME -U USER%PASS [-W DOMAIN] -I SERVER
 *               [--store-password] [--default]
 *   mapiprofile list
 *   mapiprofile show [NAME]
 *   mapiprofile delete NAME
 *   mapiprofile rename OLD NEW
 *   mapiprofile default [NAME]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <popt.h>
#include <talloc.h>
#include <util/debug.h>

#include "libmapi/mapi_rpc.h"
#include "libmapi/nspi.h"
#include "libmapi/profile.h"
#include "libmapi/mapi_cmdline.h"

struct mapiprofile {
	TALLOC_CTX *mem;
	struct mapi_profile_db *db;
	const char *database;
	const char *configfile;
	const char *user;
	const char *server;
	const char *workgroup;
	bool store_password;
	bool make_default;
};

static int db_error(const char *what, const char *name, enum MAPISTATUS ret)
{
	if (ret == MAPI_E_NOT_FOUND && name != NULL) {
		fprintf(stderr, "mapiprofile: no profile '%s'\n", name);
	} else if (ret == MAPI_E_COLLISION && name != NULL) {
		fprintf(stderr, "mapiprofile: profile '%s' exists already\n",
			name);
	} else {
		fprintf(stderr, "mapiprofile: %s%s%s%s: %s (%s)\n", what,
			name ? " '" : "", name ? name : "", name ? "'" : "",
			mapi_profile_strerror(ret), mapi_status_string(ret));
	}
	return 1;
}

static int open_db(struct mapiprofile *mp)
{
	enum MAPISTATUS ret;

	ret = mapi_profile_db_open(mp->mem, mp->database, &mp->db);
	if (ret != MAPI_E_SUCCESS) {
		char *path = mapi_profile_db_path(mp->mem, mp->database);

		fprintf(stderr, "mapiprofile: cannot open the profile "
			"database %s: %s\n", path ? path : "(no home)",
			mapi_profile_strerror(ret));
		return 1;
	}
	return 0;
}

static int create_error(const struct mapi_rpc_params *params,
			const char *name, enum MAPISTATUS ret)
{
	const char *d = params->domain;

	switch (ret) {
	case MAPI_E_LOGON_FAILED:
		fprintf(stderr, "mapiprofile: logon failed for %s%s%s: wrong "
			"user name or password\n", d ? d : "", d ? "\\" : "",
			params->username);
		return 1;
	case MAPI_E_NETWORK_ERROR:
		fprintf(stderr, "mapiprofile: cannot reach the server %s\n",
			params->server);
		return 1;
	case MAPI_E_NOT_FOUND:
		fprintf(stderr, "mapiprofile: user '%s' has no mailbox in the "
			"address book of %s\n", params->username,
			params->server);
		return 1;
	case MAPI_E_AMBIGUOUS_RECIP:
		fprintf(stderr, "mapiprofile: user '%s' is ambiguous in the "
			"address book of %s\n", params->username,
			params->server);
		return 1;
	default:
		return db_error("cannot create profile", name, ret);
	}
}

static int cmd_create(struct mapiprofile *mp, const char *name)
{
	struct mapi_rpc_params params = { 0 };
	struct mapi_rpc_context *rpc;
	struct mapi_profile *p = NULL;
	enum MAPISTATUS ret;
	uint32_t flags = 0;

	if (mp->user == NULL || mp->server == NULL) {
		fprintf(stderr, "mapiprofile: create needs -U USER[%%PASSWORD] "
			"and -I SERVER\n");
		return 2;
	}
	params.server = mp->server;
	mapi_rpc_params_parse_user(mp->mem, &params, mp->user);
	if (mp->workgroup != NULL) {
		params.domain = mp->workgroup;
	}
	if (!mapi_cmdline_password(mp->mem, &params)) {
		fprintf(stderr, "mapiprofile: no password (give -U "
			"USER%%PASSWORD or set PASSWD)\n");
		return 2;
	}
	rpc = mapi_rpc_context_init(mp->mem, mp->configfile);
	if (rpc == NULL) {
		fprintf(stderr, "mapiprofile: cannot initialise the RPC "
			"client\n");
		return 1;
	}
	if (open_db(mp) != 0) {
		return 1;
	}
	flags |= mp->store_password ? MAPI_PROFILE_STORE_PASSWORD : 0;
	flags |= mp->make_default ? MAPI_PROFILE_SET_DEFAULT : 0;
	ret = mapi_profile_create(mp->db, mp->mem, rpc, &params, name, flags,
				  &p);
	if (ret != MAPI_E_SUCCESS) {
		return create_error(&params, name, ret);
	}
	printf("profile '%s' created for %s (%s) on %s\n", p->name,
	       p->display_name ? p->display_name : p->username,
	       p->user_dn, p->server_fqdn);
	return 0;
}

static int cmd_list(struct mapiprofile *mp)
{
	struct mapi_profile **list = NULL;
	enum MAPISTATUS ret;
	uint32_t count = 0, i;

	if (open_db(mp) != 0) {
		return 1;
	}
	ret = mapi_profile_list(mp->db, mp->mem, &list, &count);
	if (ret != MAPI_E_SUCCESS) {
		return db_error("cannot list the profiles", NULL, ret);
	}
	for (i = 0; i < count; i++) {
		printf("%s\t%s\t%s%s\n", list[i]->name, list[i]->username,
		       list[i]->server, list[i]->is_default ? "\tdefault" : "");
	}
	return 0;
}

static void show_line(const char *key, const char *value)
{
	printf("%-16s%s\n", key, value != NULL ? value : "");
}

static int cmd_show(struct mapiprofile *mp, const char *name)
{
	struct mapi_profile *p = NULL;
	enum MAPISTATUS ret;

	if (open_db(mp) != 0) {
		return 1;
	}
	ret = mapi_profile_get(mp->db, mp->mem, name, &p);
	if (ret == MAPI_E_NOT_FOUND && name == NULL) {
		fprintf(stderr, "mapiprofile: no default profile\n");
		return 1;
	}
	if (ret != MAPI_E_SUCCESS) {
		return db_error("cannot read profile", name, ret);
	}
	show_line("name:", p->name);
	show_line("default:", p->is_default ? "yes" : "no");
	show_line("server:", p->server);
	show_line("username:", p->username);
	show_line("domain:", p->domain);
	show_line("password:", p->password ? "stored" : "not stored");
	show_line("display name:", p->display_name);
	show_line("email address:", p->user_dn);
	show_line("smtp address:", p->smtp_address);
	show_line("home mdb:", p->home_mdb);
	show_line("server dn:", p->server_dn);
	show_line("server name:", p->server_name);
	show_line("server fqdn:", p->server_fqdn);
	printf("%-16s%u\n", "code page:", p->code_page);
	printf("%-16s0x%x\n", "locale:", p->locale);
	return 0;
}

static int cmd_delete(struct mapiprofile *mp, const char *name)
{
	enum MAPISTATUS ret;

	if (open_db(mp) != 0) {
		return 1;
	}
	ret = mapi_profile_delete(mp->db, name);
	if (ret != MAPI_E_SUCCESS) {
		return db_error("cannot delete profile", name, ret);
	}
	return 0;
}

static int cmd_rename(struct mapiprofile *mp, const char *old_name,
		      const char *new_name)
{
	enum MAPISTATUS ret;

	if (open_db(mp) != 0) {
		return 1;
	}
	ret = mapi_profile_rename(mp->db, old_name, new_name);
	if (ret == MAPI_E_COLLISION) {
		return db_error(NULL, new_name, ret);
	}
	if (ret == MAPI_E_INVALID_PARAMETER) {
		fprintf(stderr, "mapiprofile: invalid profile name '%s'\n",
			new_name);
		return 1;
	}
	if (ret != MAPI_E_SUCCESS) {
		return db_error("cannot rename profile", old_name, ret);
	}
	return 0;
}

static int cmd_default(struct mapiprofile *mp, const char *name)
{
	const char *current = NULL;
	enum MAPISTATUS ret;

	if (open_db(mp) != 0) {
		return 1;
	}
	if (name != NULL) {
		ret = mapi_profile_set_default(mp->db, name);
		if (ret != MAPI_E_SUCCESS) {
			return db_error("cannot set the default profile", name,
					ret);
		}
		return 0;
	}
	ret = mapi_profile_get_default(mp->db, mp->mem, &current);
	if (ret == MAPI_E_NOT_FOUND) {
		fprintf(stderr, "mapiprofile: no default profile\n");
		return 1;
	}
	if (ret != MAPI_E_SUCCESS) {
		return db_error("cannot read the default profile", NULL, ret);
	}
	printf("%s\n", current);
	return 0;
}

static void usage(poptContext pc)
{
	poptPrintUsage(pc, stderr, 0);
	fprintf(stderr, "commands:\n"
		"  create NAME         ask the server and store a profile "
		"(-U, -W, -I)\n"
		"  list                list the profiles\n"
		"  show [NAME]         print a profile (default: the default "
		"one)\n"
		"  delete NAME         delete a profile\n"
		"  rename OLD NEW      rename a profile\n"
		"  default [NAME]      print or set the default profile\n");
}

static int run(struct mapiprofile *mp, poptContext pc, const char *cmd)
{
	const char **args = poptGetArgs(pc);
	uint32_t n = 0;

	while (args != NULL && args[n] != NULL) {
		n++;
	}
	if (strcmp(cmd, "create") == 0 && n == 1) {
		return cmd_create(mp, args[0]);
	} else if (strcmp(cmd, "list") == 0 && n == 0) {
		return cmd_list(mp);
	} else if (strcmp(cmd, "show") == 0 && n <= 1) {
		return cmd_show(mp, n == 1 ? args[0] : NULL);
	} else if (strcmp(cmd, "delete") == 0 && n == 1) {
		return cmd_delete(mp, args[0]);
	} else if (strcmp(cmd, "rename") == 0 && n == 2) {
		return cmd_rename(mp, args[0], args[1]);
	} else if (strcmp(cmd, "default") == 0 && n <= 1) {
		return cmd_default(mp, n == 1 ? args[0] : NULL);
	}
	usage(pc);
	return 2;
}

int main(int argc, const char **argv)
{
	struct mapiprofile mp = { 0 };
	/* popt allocates string arguments with malloc: freed at the end */
	char *user = NULL, *server = NULL, *workgroup = NULL;
	char *configfile = NULL, *database = NULL;
	int store_password = 0, make_default = 0, debuglevel = 0;
	const char *cmd;
	int opt, rc;
	poptContext pc;
	struct poptOption options[] = {
		POPT_AUTOHELP
		{ "user", 'U', POPT_ARG_STRING, &user, 0,
		  "Set the network username", "[DOMAIN\\]USERNAME[%PASSWORD]" },
		{ "workgroup", 'W', POPT_ARG_STRING, &workgroup, 0,
		  "Set the workgroup (domain) name", "WORKGROUP" },
		{ "server", 'I', POPT_ARG_STRING, &server, 0,
		  "Server of the mailbox", "HOST" },
		{ "configfile", 's', POPT_ARG_STRING, &configfile, 0,
		  "Use alternative configuration file", "CONFIGFILE" },
		{ "debuglevel", 'd', POPT_ARG_INT, &debuglevel, 0,
		  "Set debug level", "DEBUGLEVEL" },
		{ "database", 'D', POPT_ARG_STRING, &database, 0,
		  "Profile database (default $SAMBAMAPI_PROFILES or "
		  "~/.sambamapi/profiles.ldb)", "PATH" },
		{ "store-password", 0, POPT_ARG_NONE, &store_password, 0,
		  "create: keep the password in the profile", NULL },
		{ "default", 0, POPT_ARG_NONE, &make_default, 0,
		  "create: make it the default profile", NULL },
		POPT_TABLEEND
	};

	mp.mem = talloc_new(NULL);
	pc = poptGetContext("mapiprofile", argc, argv, options, 0);
	poptSetOtherOptionHelp(pc, "[OPTIONS] create|list|show|delete|"
			       "rename|default [ARGS]");
	while ((opt = poptGetNextOpt(pc)) >= 0) {
	}
	if (opt < -1) {
		fprintf(stderr, "mapiprofile: %s: %s\n",
			poptBadOption(pc, POPT_BADOPTION_NOALIAS),
			poptStrerror(opt));
		rc = 2;
		goto out;
	}
	cmd = poptGetArg(pc);
	if (cmd == NULL) {
		usage(pc);
		rc = 2;
		goto out;
	}
	setup_logging("mapiprofile", DEBUG_STDERR);
	debuglevel_set(debuglevel);
	mp.user = user;
	mp.server = server;
	mp.workgroup = workgroup;
	mp.configfile = configfile;
	mp.database = database;
	mp.store_password = store_password;
	mp.make_default = make_default;
	rc = run(&mp, pc, cmd);
out:
	poptFreeContext(pc);
	talloc_free(mp.mem);
	free(user);
	free(server);
	free(workgroup);
	free(configfile);
	free(database);
	return rc;
}
