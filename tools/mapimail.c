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
#include <gmime/gmime.h>

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
	{ "send", 0, MANY, cmd_send,
	  "send [TO...] [--to R] [--cc R] [--bcc R] [--subject S]\n"
	  "       [--body TEXT | --body-file FILE] [--html] [--attach FILE]" },
	{ "fetch", 0, 1, cmd_fetch,
	  "fetch [PATH] [--full | --mbox FILE] [--save-attachments DIR]\n"
	  "       [ls options]                 messages of a folder" },
	{ "show", 1, 1, cmd_show,
	  "show MID [--folder PATH] [--mime] [--save-attachments DIR]" },
	{ "attachments", 1, 1, cmd_attachments,
	  "attachments MID [--folder PATH] [--save-attachments DIR]" },
	{ "delete", 1, MANY, cmd_delete,
	  "delete MID... [--folder PATH] [--hard]  delete messages" },
	{ "move-msg", 2, MANY, cmd_move_msg,
	  "move-msg MID... DEST [--folder PATH]    move messages" },
	{ "copy-msg", 2, MANY, cmd_copy_msg,
	  "copy-msg MID... DEST [--folder PATH]    copy messages" },
	{ "mark-read", 1, MANY, cmd_mark_read,
	  "mark-read MID... [--folder PATH]" },
	{ "mark-unread", 1, MANY, cmd_mark_unread,
	  "mark-unread MID... [--folder PATH]" },
	{ "gal", 0, 0, cmd_gal,
	  "gal                            the Global Address List" },
	{ "resolve", 1, MANY, cmd_resolve,
	  "resolve NAME...                names in the address book" },
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
	for (i = 0; i < N_COMMANDS; i++) {
		if (commands[i].run == NULL) {
			fprintf(stderr, "not implemented yet: %s\n",
				commands[i].name);
		}
	}
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

static void free_argv(char **v)
{
	char **p;

	for (p = v; p != NULL && *p != NULL; p++) {
		free(*p);
	}
	free(v);
}

static void free_options(struct mail_options *o, struct mapi_cmdline *cl)
{
	free_argv(o->to);
	free_argv(o->cc);
	free_argv(o->bcc);
	free_argv(o->attach);
	free(o->body);
	free(o->body_file);
	free(o->folder);
	free(o->mbox);
	free(o->save_dir);
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
		  "Delete for good, not recoverably (rmdir, delete)", NULL },
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
		  "The subject (send, appointment, task); only messages "
		  "whose subject contains TEXT (ls, fetch)", "TEXT" },
		{ "unread", 0, POPT_ARG_NONE, &o.unread, 0,
		  "Only unread messages (ls, fetch)", NULL },
		{ "to", 't', POPT_ARG_ARGV, &o.to, 0,
		  "A To recipient: a name or an SMTP address; repeat or "
		  "separate with commas (send)", "RECIPIENT" },
		{ "cc", 'c', POPT_ARG_ARGV, &o.cc, 0,
		  "A Cc recipient (send)", "RECIPIENT" },
		{ "bcc", 'b', POPT_ARG_ARGV, &o.bcc, 0,
		  "A Bcc recipient (send)", "RECIPIENT" },
		{ "body", 0, POPT_ARG_STRING, &o.body, 0,
		  "The body (send); the text of an appointment, contact or "
		  "task", "TEXT" },
		{ "body-file", 0, POPT_ARG_STRING, &o.body_file, 0,
		  "The body from a file, - for stdin (send)", "FILE" },
		{ "html", 0, POPT_ARG_NONE, &o.html, 0,
		  "The body is HTML (send)", NULL },
		{ "attach", 'a', POPT_ARG_ARGV, &o.attach, 0,
		  "Attach a file; repeat for more (send)", "FILE" },
		{ "folder", 'f', POPT_ARG_STRING, &o.folder, 0,
		  "The folder of the messages named by ID (default: Inbox); "
		  "where a new item goes (default: its kind's folder)",
		  "PATH" },
		{ "full", 0, POPT_ARG_NONE, &o.full, 0,
		  "Whole messages as RFC 5322 text, mbox form, on stdout "
		  "(fetch)", NULL },
		{ "mbox", 0, POPT_ARG_STRING, &o.mbox, 0,
		  "Append whole messages to this mbox file (fetch)", "FILE" },
		{ "save-attachments", 0, POPT_ARG_STRING, &o.save_dir, 0,
		  "Write the attachments into DIR (fetch, show, attachments)",
		  "DIR" },
		{ "mime", 0, POPT_ARG_NONE, &o.mime, 0,
		  "The message as RFC 5322 text (show)", NULL },
		{ "no-progress", 0, POPT_ARG_NONE, &o.no_progress, 0,
		  "No progress bar, even on a terminal", NULL },
		{ NULL, 0, POPT_ARG_INCLUDE_TABLE, mail_item_options, 0,
		  "Options of appointment, contact, task and note:", NULL },
		{ NULL, 0, POPT_ARG_INCLUDE_TABLE, mail_watch_options, 0,
		  "Options of watch (and --count, --folder):", NULL },
		POPT_TABLEEND
	};

	m.mem = talloc_new(NULL);
	g_mime_init();
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
	g_mime_shutdown();
	return rc;
}
