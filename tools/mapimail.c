/*
 * mapimail: a mail client on the command line, over the message store
 * protocol (EMSMDB, MS-OXCRPC, and the ROPs of MS-OXCROPS) through
 * libmapi.  This file reads the options and dispatches the command (see
 * mapimail.h for the parts and doc/mapimail.1 for the commands).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <popt.h>

#include "mapimail.h"

int mail_fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mapimail: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	return MAPIMAIL_FAILED;
}

int mail_rop_fail(const char *what, const char *path, enum MAPISTATUS rv)
{
	return mail_fail("%s '%s': %s (%s)", what, path, mapi_strerror(rv),
			 mapi_status_string(rv));
}

#define MANY 1000

static const struct command {
	const char *name;
	int min_args;
	int max_args;
	int (*run)(struct mail_ctx *m, const char **args);
	const char *usage;
} commands[] = {
	{ "folders", 0, 1, cmd_folders,
	  "folders [PATH]                 the folder tree with counts" },
	{ "mkdir", 1, 1, cmd_mkdir,
	  "mkdir PATH [--class C] [--comment T] [--parents]" },
	{ "rmdir", 1, 1, cmd_rmdir, "rmdir PATH [--recursive] [--hard]" },
	{ "mv", 2, 2, cmd_mv, "mv PATH DEST                   move a folder" },
	{ "cp", 2, 2, cmd_cp,
	  "cp PATH DEST [--recursive]     copy a folder" },
	{ "rename", 2, 2, cmd_rename,
	  "rename PATH NEWNAME            rename a folder" },
	{ "ls", 0, 1, cmd_ls,
	  "ls [PATH] [--limit N] [--offset N] [--sort KEY] [--reverse]\n"
	  "       [--subject TEXT] [--unread]  the messages of a folder" },
	{ "props", 0, 1, cmd_props,
	  "props [PATH]                   every property of a folder" },
	/* the message commands: not implemented yet */
	{ "send", 0, MANY, NULL, "send                           send a message" },
	{ "fetch", 0, MANY, NULL, "fetch                          fetch messages" },
	{ "show", 0, MANY, NULL, "show                           print a message" },
	{ "delete", 0, MANY, NULL, "delete                         delete messages" },
	{ "move-msg", 0, MANY, NULL, "move-msg                       move messages" },
	{ "mark-read", 0, MANY, NULL, "mark-read                      mark messages read" },
	{ "mark-unread", 0, MANY, NULL, "mark-unread                    mark messages unread" },
	{ "attachments", 0, MANY, NULL, "attachments                    save attachments" },
	{ "appointment", 0, 0, cmd_appointment,
	  "appointment --subject S --start TIME [--end TIME] [--location L]\n"
	  "       [--attendee WHO]... [--weekly N [--days D]] ...  a new "
	  "appointment" },
	{ "contact", 0, 0, cmd_contact,
	  "contact --name NAME [--email A] [--phone N] ...  a new contact" },
	{ "task", 0, 0, cmd_task,
	  "task --subject S [--due DATE] [--status S]  a new task" },
	{ "note", 0, 0, cmd_note,
	  "note --text TEXT [--color C]   a new note" },
	{ "watch", 0, 0, cmd_watch,
	  "watch [--folder PATH] [--all] [--count N] [--timeout SECONDS]\n"
	  "       print new mail (--all: every change) as it arrives" },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(poptContext pc)
{
	size_t i;

	poptPrintUsage(pc, stderr, 0);
	fprintf(stderr, "commands:\n");
	for (i = 0; i < N_COMMANDS; i++) {
		if (commands[i].run != NULL) {
			fprintf(stderr, "  %s\n", commands[i].usage);
		}
	}
	fprintf(stderr, "not implemented yet:");
	for (i = 0; i < N_COMMANDS; i++) {
		if (commands[i].run == NULL) {
			fprintf(stderr, " %s", commands[i].name);
		}
	}
	fprintf(stderr, "\n");
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < N_COMMANDS; i++) {
		if (strcmp(commands[i].name, name) == 0) {
			return &commands[i];
		}
	}
	return NULL;
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

static int check_options(const struct mail_options *o)
{
	static const char *const sorts[] = { "date", "subject", "from",
					     "size" };
	size_t i;

	if (o->limit < 0 || o->offset < 0) {
		return mail_fail("--limit and --offset take a number of "
				 "messages, 0 or more");
	}
	if (o->sort == NULL) {
		return MAPIMAIL_OK;
	}
	for (i = 0; i < sizeof(sorts) / sizeof(sorts[0]); i++) {
		if (strcmp(o->sort, sorts[i]) == 0) {
			return MAPIMAIL_OK;
		}
	}
	return mail_fail("unknown sort key '%s' (date, subject, from, size)",
			 o->sort);
}

static int run(struct mail_ctx *m, const struct mapi_cmdline *cl,
	       const struct command *cmd, const char **args)
{
	int rc;

	if (cmd->run == NULL) {
		fprintf(stderr, "mapimail: '%s' is not implemented yet (see "
			"mapimail(1))\n", cmd->name);
		return MAPIMAIL_NOT_IMPLEMENTED;
	}
	rc = check_options(m->opt);
	if (rc != MAPIMAIL_OK) {
		return MAPIMAIL_USAGE;
	}
	rc = mail_connect(m, cl);
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	return cmd->run(m, args);
}

static void free_options(struct mail_options *o, struct mapi_cmdline *cl)
{
	free(o->profile);
	free(o->database);
	free(o->container_class);
	free(o->comment);
	free(o->sort);
	free(o->subject);
	mail_item_options_free();
	mapi_cmdline_free(cl);
}

static int dispatch(struct mail_ctx *m, poptContext pc,
		    const struct mapi_cmdline *cl)
{
	const struct command *cmd;
	const char **args;
	int nargs;

	args = rest_args(m->mem, pc, &nargs);
	if (args == NULL || nargs == 0) {
		usage(pc);
		return MAPIMAIL_USAGE;
	}
	cmd = find_command(args[0]);
	if (cmd == NULL) {
		fprintf(stderr, "mapimail: unknown command '%s'\n", args[0]);
		usage(pc);
		return MAPIMAIL_USAGE;
	}
	if (nargs - 1 < cmd->min_args || nargs - 1 > cmd->max_args) {
		fprintf(stderr, "mapimail: usage: mapimail [OPTIONS] %s\n",
			cmd->usage);
		return MAPIMAIL_USAGE;
	}
	return run(m, cl, cmd, args + 1);
}

int main(int argc, const char **argv)
{
	struct mail_options o = { 0 };
	struct mapi_cmdline cl = { 0 };
	struct mail_ctx m = { .opt = &o };
	int opt, rc, version = 0;
	poptContext pc;
	struct poptOption options[] = {
		POPT_AUTOHELP
		{ "profile", 'p', POPT_ARG_STRING, &o.profile, 0,
		  "Use this profile (default: the default profile)",
		  "PROFILE" },
		{ "database", 0, POPT_ARG_STRING, &o.database, 0,
		  "Profile database", "PATH" },
		MAPI_POPT_CONNECTION(&cl),
		{ "version", 'V', POPT_ARG_NONE, &version, 0,
		  "Print version", NULL },
		{ "public", 0, POPT_ARG_NONE, &o.public_store, 0,
		  "Work on the public folders", NULL },
		{ "root", 0, POPT_ARG_NONE, &o.root, 0,
		  "Paths start at the store's root folder", NULL },
		{ "class", 0, POPT_ARG_STRING, &o.container_class, 0,
		  "Container class of a new folder (mkdir)", "CLASS" },
		{ "comment", 0, POPT_ARG_STRING, &o.comment, 0,
		  "Comment of a new folder (mkdir)", "TEXT" },
		{ "parents", 0, POPT_ARG_NONE, &o.parents, 0,
		  "Create missing parent folders; an existing folder is "
		  "no error (mkdir)", NULL },
		{ "recursive", 'r', POPT_ARG_NONE, &o.recursive, 0,
		  "With messages and subfolders (rmdir, cp)", NULL },
		{ "hard", 0, POPT_ARG_NONE, &o.hard, 0,
		  "Delete for good, not recoverably (rmdir)", NULL },
		{ "limit", 0, POPT_ARG_INT, &o.limit, 0,
		  "List at most N messages (ls)", "N" },
		{ "offset", 0, POPT_ARG_INT, &o.offset, 0,
		  "Skip the first N messages (ls)", "N" },
		{ "sort", 0, POPT_ARG_STRING, &o.sort, 0,
		  "Sort by date (default, newest first), subject, from or "
		  "size (ls)", "KEY" },
		{ "reverse", 0, POPT_ARG_NONE, &o.reverse, 0,
		  "Reverse the order (ls)", NULL },
		{ "subject", 0, POPT_ARG_STRING, &o.subject, 0,
		  "Only messages whose subject contains TEXT (ls); the "
		  "subject of a new appointment or task", "TEXT" },
		{ "unread", 0, POPT_ARG_NONE, &o.unread, 0,
		  "Only unread messages (ls)", NULL },
		{ NULL, 0, POPT_ARG_INCLUDE_TABLE, mail_item_options, 0,
		  "Options of appointment, contact, task and note:", NULL },
		{ NULL, 0, POPT_ARG_INCLUDE_TABLE, mail_watch_options, 0,
		  "Options of watch (and --count, --folder):", NULL },
		POPT_TABLEEND
	};

	m.mem = talloc_new(NULL);
	pc = poptGetContext("mapimail", argc, argv, options, 0);
	poptSetOtherOptionHelp(pc, "[OPTIONS] COMMAND [ARGS]");
	while ((opt = poptGetNextOpt(pc)) >= 0) {
	}
	if (opt < -1) {
		fprintf(stderr, "mapimail: %s: %s\n",
			poptBadOption(pc, POPT_BADOPTION_NOALIAS),
			poptStrerror(opt));
		rc = MAPIMAIL_USAGE;
	} else if (version) {
		printf("mapimail (sambamapi) %s\n", SMAPI_VERSION);
		rc = MAPIMAIL_OK;
	} else {
		rc = dispatch(&m, pc, &cl);
	}
	poptFreeContext(pc);
	talloc_free(m.mem);
	free_options(&o, &cl);
	return rc;
}
