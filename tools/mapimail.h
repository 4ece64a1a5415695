/*
 * mapimail: shared declarations of the tool's parts.
 *
 *   mapimail.c            options, command table, dispatch
 *   mapimail_session.c    connecting: profile or credentials, logon
 *   mapimail_path.c       folder paths: opening, parents, error messages
 *   mapimail_tree.c       folders: the folder tree with counts
 *   mapimail_folders.c    mkdir, rmdir, mv, cp, rename
 *   mapimail_contents.c   ls: the contents table of a folder
 *   mapimail_props.c      props: every property of a folder
 *   mapimail_items.c      appointment, contact, task, note: new items
 *   mapimail_itemopts.c   the options of those and their values
 *   mapimail_tz.c         the process's time zone for appointments
 *   mapimail_watch.c      watch: subscribing, waiting, stopping
 *   mapimail_watch_print.c  watch: one event as one line
 *
 * Every command returns an exit code; it prints its own error messages,
 * naming what is wrong.
 */
#ifndef MAPIMAIL_H
#define MAPIMAIL_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include <popt.h>

#include "libmapi/mapi_cmdline.h"
#include "libmapi/session.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* Exit codes: 0 done, 1 failed or refused, 2 usage, 3 not implemented,
 * 4 watch timed out. */
#define MAPIMAIL_OK			0
#define MAPIMAIL_FAILED			1
#define MAPIMAIL_USAGE			2
#define MAPIMAIL_NOT_IMPLEMENTED	3
#define MAPIMAIL_TIMEOUT		4

/* PidTag* (MS-OXPROPS) the commands read or write */
#define TAG_DISPLAY_NAME	0x3001001F
#define TAG_CONTAINER_CLASS	0x3613001F
#define TAG_CONTENT_COUNT	0x36020003
#define TAG_UNREAD_COUNT	0x36030003
#define TAG_SUBFOLDERS		0x360A000B
#define TAG_FOLDER_ID		0x67480014
#define TAG_MID			0x674A0014
#define TAG_SUBJECT		0x0037001F
#define TAG_SENT_REPR_NAME	0x0042001F
#define TAG_SENDER_NAME		0x0C1A001F
#define TAG_DELIVERY_TIME	0x0E060040
#define TAG_LAST_MODIFIED	0x30080040
#define TAG_MESSAGE_FLAGS	0x0E070003
#define TAG_MESSAGE_SIZE	0x0E080003

/* The options of every command (popt fills them). */
struct mail_options {
	char *profile;			/* -p */
	char *database;			/* --database */
	int public_store;		/* --public */
	int root;			/* --root */
	char *container_class;		/* mkdir --class */
	char *comment;			/* mkdir --comment */
	int parents;			/* mkdir --parents */
	int recursive;			/* rmdir, cp --recursive */
	int hard;			/* rmdir --hard */
	int limit;			/* ls --limit */
	int offset;			/* ls --offset */
	char *sort;			/* ls --sort */
	int reverse;			/* ls --reverse */
	char *subject;			/* ls --subject */
	int unread;			/* ls --unread */
};

struct mail_ctx {
	TALLOC_CTX *mem;
	const struct mail_options *opt;
	struct mapi_session *session;
	struct mapi_logon *logon;	/* the mailbox or the public folders */
	uint64_t base;			/* where paths start */
};

/* mapimail.c */
int mail_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int mail_rop_fail(const char *what, const char *path, enum MAPISTATUS rv);

/* mapimail_session.c */
int mail_connect(struct mail_ctx *m, const struct mapi_cmdline *cl);

/* mapimail_path.c */
const char *mail_path_display(TALLOC_CTX *mem_ctx, const char *path);
int mail_open_folder(struct mail_ctx *m, const char *path, uint32_t *handle,
		     uint64_t *fid);
int mail_open_parent(struct mail_ctx *m, const char *path, uint32_t *parent,
		     char **leaf);
int mail_find_child(struct mail_ctx *m, uint32_t parent, const char *path,
		    const char *leaf, uint64_t *fid);
bool mail_is_special(struct mail_ctx *m, uint64_t fid);
void mail_release(struct mail_ctx *m, uint32_t handle);

/* mapimail_tree.c */
int cmd_folders(struct mail_ctx *m, const char **args);

/* mapimail_folders.c */
int cmd_mkdir(struct mail_ctx *m, const char **args);
int cmd_rmdir(struct mail_ctx *m, const char **args);
int cmd_mv(struct mail_ctx *m, const char **args);
int cmd_cp(struct mail_ctx *m, const char **args);
int cmd_rename(struct mail_ctx *m, const char **args);

/* mapimail_contents.c */
int cmd_ls(struct mail_ctx *m, const char **args);

/* mapimail_props.c */
int cmd_props(struct mail_ctx *m, const char **args);

/* mapimail_items.c, mapimail_itemopts.c, mapimail_tz.c: the item
 * commands, their options (mail_item_options, a popt table the main
 * table includes) and helpers */
struct mapi_attendee;
struct mapi_tz_definition;
struct item_options {
	char *start, *end, *location, *busy, *days, *until, *body;
	char *name, *given, *surname, *email, *phone, *mobile, *home_phone;
	char *company, *title, *file_as, *due, *status, *text, *color;
	char *folder;
	const char **attendees, **optional;	/* POPT_ARG_ARGV */
	int duration, all_day, reminder, daily, weekly, monthly, yearly;
	int count, percent;
};
extern struct item_options mail_item_opt;
extern struct poptOption mail_item_options[];
void mail_item_options_free(void);
int mail_parse_time(const char *s, bool date_only, int64_t *out);
int mail_parse_days(const char *s, uint32_t *mask);
int mail_parse_who(TALLOC_CTX *mem_ctx, const char *s,
		   struct mapi_attendee *who);
int mail_parse_word(const char *what, const char *s,
		    const char *const *words, size_t count, int *index);
int mail_local_tz(TALLOC_CTX *mem_ctx, int64_t when,
		  struct mapi_tz_definition *def);
int cmd_appointment(struct mail_ctx *m, const char **args);
int cmd_contact(struct mail_ctx *m, const char **args);
int cmd_task(struct mail_ctx *m, const char **args);
int cmd_note(struct mail_ctx *m, const char **args);

/* mapimail_watch.c, mapimail_watch_print.c: watch; its options
 * (mail_watch_options, a popt table the main table includes), besides
 * --count and --folder of the item options */
struct watch_options {
	int all;			/* --all: object events too */
	int timeout;			/* --timeout SECONDS, 0: none */
};
extern struct watch_options mail_watch_opt;
extern struct poptOption mail_watch_options[];
struct mapi_notification;
int mail_watch_print(struct mail_ctx *m, const struct mapi_notification *n);
int cmd_watch(struct mail_ctx *m, const char **args);

#endif /* MAPIMAIL_H */
