/*
 * mapiadmin: provision the organisation and manage the recipients (mailbox
 * users, mail-enabled groups, contacts) of the Samba AD DC.
 *
 * Everything lives in attributes and classes of Samba's base schema (see
 * mapiadmin.h for the parts and doc/mapiadmin.8 for the layout).  This
 * file reads the options and dispatches the command.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include <popt.h>
#include <tevent.h>

#include "mapiadmin.h"

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

int admin_fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mapiadmin: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	return MAPIADMIN_FAILED;
}

static int run_provision(struct admin_ctx *a, const char **args)
{
	return cmd_provision(a);
}

static int run_show_org(struct admin_ctx *a, const char **args)
{
	return cmd_show_org(a);
}

static int run_create(struct admin_ctx *a, const char **args)
{
	return cmd_create(a, args[0]);
}

static int run_enable(struct admin_ctx *a, const char **args)
{
	return cmd_enable(a, args[0]);
}

static int run_disable(struct admin_ctx *a, const char **args)
{
	return cmd_disable(a, args[0]);
}

static int run_list(struct admin_ctx *a, const char **args)
{
	return cmd_list(a);
}

static int run_add_address(struct admin_ctx *a, const char **args)
{
	return cmd_add_address(a, args[0], args[1]);
}

static int run_remove_address(struct admin_ctx *a, const char **args)
{
	return cmd_remove_address(a, args[0], args[1]);
}

static int run_group_enable(struct admin_ctx *a, const char **args)
{
	return cmd_group_enable(a, args[0]);
}

static int run_group_disable(struct admin_ctx *a, const char **args)
{
	return cmd_group_disable(a, args[0]);
}

static int run_group_create(struct admin_ctx *a, const char **args)
{
	return cmd_group_create(a, args[0]);
}

static int run_group_add(struct admin_ctx *a, const char **args)
{
	return cmd_group_add(a, args[0], args + 1);
}

static int run_group_remove(struct admin_ctx *a, const char **args)
{
	return cmd_group_remove(a, args[0], args + 1);
}

static int run_group_members(struct admin_ctx *a, const char **args)
{
	return cmd_group_members(a, args[0]);
}

static int run_contact_create(struct admin_ctx *a, const char **args)
{
	return cmd_contact_create(a, args[0]);
}

static int run_contact_delete(struct admin_ctx *a, const char **args)
{
	return cmd_contact_delete(a, args[0]);
}

static int run_purge_deleted(struct admin_ctx *a, const char **args)
{
	return cmd_purge_deleted(a, args);
}

static int run_server_add(struct admin_ctx *a, const char **args)
{
	return cmd_server_add(a, args[0]);
}

static int run_server_remove(struct admin_ctx *a, const char **args)
{
	return cmd_server_remove(a, args[0]);
}

static int run_server_list(struct admin_ctx *a, const char **args)
{
	return cmd_server_list(a);
}

static int run_home(struct admin_ctx *a, const char **args)
{
	return cmd_home(a, args[0], args[1]);
}

#define MANY 1000

static const struct command {
	const char *name;
	int min_args;
	int max_args;
	int (*run)(struct admin_ctx *a, const char **args);
	const char *usage;
} commands[] = {
	{ "provision", 0, 0, run_provision,
	  "provision [--organization N] [--admin-group N] [--force]" },
	{ "show-org", 0, 0, run_show_org, "show-org" },
	{ "create", 1, 1, run_create,
	  "create USER --password P [--given-name G] [--surname S]\n"
	  "         [--display-name D] [--mail ADDR] [--alias ADDR ...]\n"
	  "         [--server NAME]" },
	{ "enable", 1, 1, run_enable,
	  "enable USER [--mail ADDR] [--alias ADDR ...] [--display-name D]\n"
	  "         [--server NAME]" },
	{ "disable", 1, 1, run_disable, "disable USER" },
	{ "list", 0, 0, run_list, "list [--all]" },
	{ "add-address", 2, 2, run_add_address, "add-address NAME ADDR" },
	{ "remove-address", 2, 2, run_remove_address,
	  "remove-address NAME ADDR" },
	{ "group-enable", 1, 1, run_group_enable,
	  "group-enable GROUP [--mail ADDR] [--owner USER]" },
	{ "group-disable", 1, 1, run_group_disable, "group-disable GROUP" },
	{ "group-create", 1, 1, run_group_create,
	  "group-create GROUP [--mail ADDR] [--owner USER]\n"
	  "         [--display-name D]" },
	{ "group-add", 2, MANY, run_group_add, "group-add GROUP NAME..." },
	{ "group-remove", 2, MANY, run_group_remove,
	  "group-remove GROUP NAME..." },
	{ "group-members", 1, 1, run_group_members, "group-members GROUP" },
	{ "contact-create", 1, 1, run_contact_create,
	  "contact-create NAME --mail ADDR [--display-name D]" },
	{ "contact-delete", 1, 1, run_contact_delete, "contact-delete NAME" },
	{ "purge-deleted", 0, MANY, run_purge_deleted,
	  "purge-deleted [MAILBOX...] [--days N]" },
	{ "server-add", 1, 1, run_server_add, "server-add NAME" },
	{ "server-remove", 1, 1, run_server_remove, "server-remove NAME" },
	{ "server-list", 0, 0, run_server_list, "server-list" },
	{ "home", 1, 2, run_home, "home USER [SERVER | --clear]" },
};

static void usage(poptContext pc)
{
	size_t i;

	poptPrintUsage(pc, stderr, 0);
	fprintf(stderr, "commands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		fprintf(stderr, "  %s\n", commands[i].usage);
	}
}

static const struct command *find_command(const char *name, int nargs)
{
	size_t i;

	for (i = 0; name != NULL && i < sizeof(commands) / sizeof(commands[0]);
	     i++) {
		if (strcmp(commands[i].name, name) == 0) {
			return nargs >= commands[i].min_args &&
			       nargs <= commands[i].max_args ? &commands[i]
							     : NULL;
		}
	}
	return NULL;
}

static int load_config(struct admin_ctx *a, const char *configfile,
		       const char *debuglevel)
{
	a->lp = loadparm_init_global(true);
	if (a->lp == NULL) {
		return admin_fail("out of memory");
	}
	if (configfile != NULL ? !lpcfg_load(a->lp, configfile)
			       : !lpcfg_load_default(a->lp)) {
		return admin_fail("cannot load %s",
				  configfile ? configfile : "smb.conf");
	}
	if (debuglevel != NULL &&
	    !lpcfg_set_cmdline(a->lp, "log level", debuglevel)) {
		return admin_fail("invalid debug level '%s'", debuglevel);
	}
	return 0;
}

static int connect_samdb(struct admin_ctx *a, const char *url)
{
	struct tevent_context *ev = tevent_context_init(a->mem);
	char *err = NULL;

	if (url == NULL) {
		url = lpcfg_private_path(a->mem, a->lp, "sam.ldb");
	}
	if (ev == NULL || url == NULL) {
		return admin_fail("out of memory");
	}
	if (samdb_connect_url(a->mem, ev, a->lp, system_session(a->lp), 0,
			      url, NULL, &a->ldb, &err) != LDB_SUCCESS) {
		return admin_fail("cannot open the SAM database: %s",
				  err ? err : url);
	}
	return 0;
}

/* The rest of the command line, NULL-terminated. */
static const char **rest_args(TALLOC_CTX *mem, poptContext pc, int *n)
{
	const char **args = talloc_zero_array(mem, const char *, 1);
	const char *arg;

	*n = 0;
	while (args != NULL && (arg = poptGetArg(pc)) != NULL) {
		args = talloc_realloc(mem, args, const char *, *n + 2);
		if (args != NULL) {
			args[(*n)++] = arg;
			args[*n] = NULL;
		}
	}
	return args;
}

static int run(struct admin_ctx *a, const struct command *cmd,
	       const char **args, const char *configfile, const char *url,
	       const char *debuglevel)
{
	if (load_config(a, configfile, debuglevel) != 0 ||
	    connect_samdb(a, url) != 0 || admin_load_organization(a) != 0) {
		return MAPIADMIN_FAILED;
	}
	if (strcmp(cmd->name, "provision") != 0 && admin_check_names(a) != 0) {
		return MAPIADMIN_FAILED;
	}
	return cmd->run(a, args);
}

int main(int argc, const char **argv)
{
	struct admin_options o = { 0 };
	struct admin_ctx a = { 0 };
	const char *url = NULL, *configfile = NULL, *debuglevel = NULL;
	const struct command *cmd;
	const char **args;
	int opt, rc, nargs, all = 0, force = 0, clear = 0, version = 0;
	poptContext pc;
	struct poptOption options[] = {
		POPT_AUTOHELP
		{ "configfile", 's', POPT_ARG_STRING, &configfile, 0,
		  "Use alternative configuration file", "CONFIGFILE" },
		{ "URL", 'H', POPT_ARG_STRING, &url, 0,
		  "LDB URL of the SAM database (default: from smb.conf)",
		  "URL" },
		{ "debuglevel", 'd', POPT_ARG_STRING, &debuglevel, 0,
		  "Set debug level", "DEBUGLEVEL" },
		{ "version", 'V', POPT_ARG_NONE, &version, 0,
		  "Print version", NULL },
		{ "mail", 0, POPT_ARG_STRING, &o.mail, 0,
		  "Primary SMTP address", "ADDRESS" },
		{ "alias", 0, POPT_ARG_ARGV, &o.aliases, 0,
		  "Secondary SMTP address (repeatable)", "ADDRESS" },
		{ "password", 0, POPT_ARG_STRING, &o.password, 0,
		  "Password of a new user (create)", "PASSWORD" },
		{ "given-name", 0, POPT_ARG_STRING, &o.given_name, 0,
		  "Given name (create)", "NAME" },
		{ "surname", 0, POPT_ARG_STRING, &o.surname, 0,
		  "Surname (create)", "NAME" },
		{ "display-name", 0, POPT_ARG_STRING, &o.display_name, 0,
		  "Display name in the address book", "NAME" },
		{ "owner", 0, POPT_ARG_STRING, &o.owner, 0,
		  "Owner of a group (managedBy)", "USER" },
		{ "organization", 0, POPT_ARG_STRING, &o.organization, 0,
		  "Organisation name (provision)", "NAME" },
		{ "admin-group", 0, POPT_ARG_STRING, &o.admin_group, 0,
		  "Administrative group name (provision)", "NAME" },
		{ "administrative-group", 0,
		  POPT_ARG_STRING | POPT_ARGFLAG_DOC_HIDDEN, &o.admin_group, 0,
		  "Same as --admin-group", "NAME" },
		{ "force", 0, POPT_ARG_NONE, &force, 0,
		  "Let provision change the organisation's names", NULL },
		{ "server", 0, POPT_ARG_STRING, &o.server, 0,
		  "Home server of the mailbox (create, enable)", "NAME" },
		{ "clear", 0, POPT_ARG_NONE, &clear, 0,
		  "Remove the mailbox's home record (home)", NULL },
		{ "all", 0, POPT_ARG_NONE, &all, 0,
		  "List every user, group and contact", NULL },
		{ "days", 0, POPT_ARG_INT, &o.days, 0,
		  "Purge what was soft deleted more than N days ago "
		  "(purge-deleted; default 14)", "N" },
		POPT_TABLEEND
	};

	a.mem = talloc_new(NULL);
	a.opt = &o;
	o.days = -1;
	pc = poptGetContext("mapiadmin", argc, argv, options, 0);
	poptSetOtherOptionHelp(pc, "[OPTIONS] COMMAND [ARGS]");
	while ((opt = poptGetNextOpt(pc)) >= 0) {
	}
	if (opt < -1) {
		fprintf(stderr, "mapiadmin: %s: %s\n",
			poptBadOption(pc, POPT_BADOPTION_NOALIAS),
			poptStrerror(opt));
		return MAPIADMIN_USAGE;
	}
	if (version) {
		printf("mapiadmin (sambamapi) %s\n", SMAPI_VERSION);
		poptFreeContext(pc);
		talloc_free(a.mem);
		return MAPIADMIN_OK;
	}
	o.all = all != 0;
	o.force = force != 0;
	o.clear = clear != 0;
	args = rest_args(a.mem, pc, &nargs);
	cmd = args != NULL && nargs > 0 ? find_command(args[0], nargs - 1)
					: NULL;
	if (cmd == NULL) {
		usage(pc);
		rc = MAPIADMIN_USAGE;
	} else {
		rc = run(&a, cmd, args + 1, configfile, url, debuglevel);
	}
	poptFreeContext(pc);
	talloc_free(a.mem);
	return rc;
}
