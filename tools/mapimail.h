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
 *   mapimail_send.c       send: composing and submitting a message
 *   mapimail_recipients.c recipients of send: SMTP addresses or names
 *                         resolved by the address book
 *   mapimail_attach.c     attachments: from files, to files, listed
 *   mapimail_data.c       large property values (bodies, attachment
 *                         data): written and read in pieces
 *   mapimail_read.c       reading a message: properties, recipients,
 *                         bodies, attachments
 *   mapimail_mime.c       a message as RFC 5322 / MIME text (GMime)
 *   mapimail_fetch.c      fetch, show: messages to the terminal, stdout
 *                         or an mbox file
 *   mapimail_msgops.c     delete, move-msg, copy-msg, mark-read,
 *                         mark-unread: messages by ID
 *   mapimail_ab.c         gal, resolve: the address book (NSPI)
 *   mapimail_progress.c   the progress bar of long transfers
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
#define TAG_MESSAGE_CLASS	0x001A001F
#define TAG_SUBJECT_PREFIX	0x003D001F
#define TAG_NORMALIZED_SUBJECT	0x0E1D001F
#define TAG_HAS_ATTACHMENTS	0x0E1B000B
#define TAG_SUBMIT_TIME		0x00390040
#define TAG_INTERNET_MSGID	0x1035001F
#define TAG_IN_REPLY_TO		0x1042001F
#define TAG_REFERENCES		0x1039001F
#define TAG_IMPORTANCE		0x00170003
#define TAG_SENT_REPR_SMTP	0x5D02001F
#define TAG_SENT_REPR_ADDRESS	0x0065001F
#define TAG_SENT_REPR_ADDRTYPE	0x0064001F
#define TAG_SENDER_SMTP		0x5D01001F
#define TAG_SENDER_ADDRESS	0x0C1F001F
#define TAG_SENDER_ADDRTYPE	0x0C1E001F
#define TAG_DISPLAY_TO		0x0E04001F
#define TAG_DISPLAY_CC		0x0E03001F
#define TAG_DISPLAY_BCC		0x0E02001F
#define TAG_BODY		0x1000001F
#define TAG_HTML		0x10130102
#define TAG_INTERNET_CODEPAGE	0x3FDE0003
/* recipients (MS-OXCMSG 2.2.3.x, MS-OXOABK) */
#define TAG_ADDRESS_TYPE	0x3002001F
#define TAG_EMAIL_ADDRESS	0x3003001F
#define TAG_SMTP_ADDRESS	0x39FE001F
#define TAG_DISPLAY_TYPE	0x39000003
#define TAG_ACCOUNT		0x3A00001F
#define TAG_OBJECT_TYPE		0x0FFE0003
/* attachments (MS-OXCMSG 2.2.2) */
#define TAG_ATTACH_NUM		0x0E210003
#define TAG_ATTACH_SIZE		0x0E200003
#define TAG_ATTACH_METHOD	0x37050003
#define TAG_ATTACH_DATA		0x37010102
#define TAG_ATTACH_FILENAME	0x3704001F
#define TAG_ATTACH_LONG_FILENAME 0x3707001F
#define TAG_ATTACH_EXTENSION	0x3703001F
#define TAG_ATTACH_MIME_TAG	0x370E001F
#define TAG_ATTACH_CONTENT_ID	0x3712001F
#define TAG_RENDERING_POSITION	0x370B0003

#define MSGFLAG_READ		0x00000001	/* PidTagMessageFlags */
#define MSGFLAG_HASATTACH	0x00000010
#define ATTACH_BY_VALUE		1		/* PidTagAttachMethod */
#define ATTACH_EMBEDDED_MSG	5
#define RECIPIENT_TO		1		/* PidTagRecipientType */
#define RECIPIENT_CC		2
#define RECIPIENT_BCC		3

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
	char **to;			/* send --to (repeated) */
	char **cc;			/* send --cc */
	char **bcc;			/* send --bcc */
	char **attach;			/* send --attach FILE */
	char *body;			/* send --body TEXT */
	char *body_file;		/* send --body-file FILE ("-": stdin) */
	int html;			/* send --html: the body is HTML */
	char *folder;			/* --folder: of messages by ID */
	int full;			/* fetch --full */
	char *mbox;			/* fetch --mbox FILE */
	char *save_dir;			/* --save-attachments DIR */
	int mime;			/* show --mime */
	int no_progress;		/* --no-progress */
};

struct mail_ctx {
	TALLOC_CTX *mem;
	const struct mail_options *opt;
	struct mapi_session *session;
	struct mapi_logon *logon;	/* the mailbox or the public folders */
	uint64_t base;			/* where paths start */
	struct mapi_nspi *nspi;		/* the address book, once used */
	bool progress_busy;		/* a progress bar is on the screen */
};

/* A progress bar on stderr, drawn only on a terminal. */
struct mail_progress {
	const char *label;
	uint64_t total;			/* units: bytes or messages */
	uint64_t done;
	bool bytes;			/* show the amounts as sizes */
	bool active;			/* stderr is a terminal */
	int shown;			/* per mille last drawn, -1: none */
	bool *busy;			/* mail_ctx.progress_busy */
};

/* One recipient of a message. */
struct mail_recipient {
	uint8_t type;			/* RECIPIENT_TO, _CC, _BCC */
	const char *name;		/* PidTagDisplayName */
	const char *addr_type;		/* "EX", "SMTP", ... */
	const char *address;		/* PidTagEmailAddress */
	const char *smtp;		/* PidTagSmtpAddress, or NULL */
};

struct mail_message;

/* One attachment of a message read from the store. */
struct mail_attachment {
	uint32_t num;			/* PidTagAttachNumber */
	uint32_t method;		/* PidTagAttachMethod */
	const char *name;		/* the best file name, never NULL */
	const char *mime_type;		/* PidTagAttachMimeTag, or NULL */
	const char *content_id;		/* PidTagAttachContentId */
	uint32_t size;			/* PidTagAttachSize */
	DATA_BLOB data;			/* by value: the bytes read */
	struct mail_message *embedded;	/* an embedded message read */
};

/* A message read from the store (mail_message_read()). */
struct mail_message {
	uint64_t mid;
	struct TaggedPropertyValue *props; /* the envelope properties */
	uint16_t prop_count;
	struct mail_recipient *rcpt;
	uint32_t rcpt_count;
	struct mail_attachment *att;
	uint32_t att_count;
	char *text;			/* the body as text, or NULL */
	char *html;			/* an HTML body as HTML */
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

struct mapi_table;
struct mapi_table_rows;
struct property_row;
int mail_list_messages(struct mail_ctx *m, const char *path,
		       const uint32_t *columns, uint32_t count,
		       uint32_t *folder, uint64_t *fid,
		       struct mapi_table **table,
		       struct mapi_table_rows *rows);
const char *mail_default_path(struct mail_ctx *m, const char *path);
void mail_print_column(const char *s, size_t width);
void mail_print_summary(const struct mapi_table *t,
			const struct property_row *row);

/* mapimail_props.c */
int cmd_props(struct mail_ctx *m, const char **args);

/* mapimail_progress.c */
void mail_progress_start(struct mail_ctx *m, struct mail_progress *p,
			 const char *label, uint64_t total, bool bytes);
void mail_progress_add(struct mail_progress *p, uint64_t n);
void mail_progress_end(struct mail_progress *p);

/* mapimail_data.c */
enum MAPISTATUS mail_data_write(struct mail_ctx *m, uint32_t object,
				uint32_t tag, const uint8_t *data, size_t len,
				struct mail_progress *p);
enum MAPISTATUS mail_data_read(struct mail_ctx *m, TALLOC_CTX *mem_ctx,
			       uint32_t object, uint32_t tag,
			       struct mail_progress *p, DATA_BLOB *out);
bool mail_data_inline(size_t len);

/* mapimail_ab.c */
struct mapi_nspi_resolved;
int mail_nspi(struct mail_ctx *m, struct mapi_nspi **nspi);
int mail_ab_resolve(struct mail_ctx *m, const char *what,
		    const char *const *names, uint32_t count,
		    struct mapi_nspi_resolved **out);
const char *mail_ab_smtp_of_dn(struct mail_ctx *m, TALLOC_CTX *mem_ctx,
			       const char *dn);
int cmd_gal(struct mail_ctx *m, const char **args);
int cmd_resolve(struct mail_ctx *m, const char **args);

/* mapimail_recipients.c */
int mail_recipients_collect(struct mail_ctx *m, const char **args,
			    struct mail_recipient **out, uint32_t *count);
int mail_recipients_write(struct mail_ctx *m, uint32_t message,
			  const struct mail_recipient *r, uint32_t count);

/* mapimail_attach.c */
int mail_attach_check(const struct mail_options *o);
int mail_attach_files(struct mail_ctx *m, uint32_t message);
int mail_attach_read(struct mail_ctx *m, TALLOC_CTX *mem_ctx,
		     uint32_t message, bool data, int depth,
		     struct mail_message *msg);
int mail_attach_save(struct mail_ctx *m, const struct mail_message *msg,
		     const char *dir);
int cmd_attachments(struct mail_ctx *m, const char **args);

/* mapimail_send.c */
int cmd_send(struct mail_ctx *m, const char **args);

/* mapimail_read.c */
const union PropertyValueUnion *mail_prop(const struct mail_message *msg,
					  uint32_t tag);
const char *mail_prop_string(const struct mail_message *msg, uint32_t tag);
int mail_message_read(struct mail_ctx *m, TALLOC_CTX *mem_ctx,
		      uint32_t folder, uint64_t fid, uint64_t mid,
		      bool data, struct mail_message **out);
struct mapi_message_info;
int mail_message_read_open(struct mail_ctx *m, TALLOC_CTX *mem_ctx,
			   uint32_t handle,
			   const struct mapi_message_info *info, bool data,
			   int depth, struct mail_message *msg);

/* mapimail_mime.c */
char *mail_mime_render(TALLOC_CTX *mem_ctx, const struct mail_message *msg);
char *mail_mbox_entry(TALLOC_CTX *mem_ctx, const struct mail_message *msg,
		      const char *rfc5322);

/* mapimail_fetch.c */
int cmd_fetch(struct mail_ctx *m, const char **args);
int cmd_show(struct mail_ctx *m, const char **args);

/* mapimail_msgops.c */
int mail_parse_mid(const char *arg, uint64_t *mid);
int mail_open_messages_folder(struct mail_ctx *m, uint32_t *handle,
			      uint64_t *fid);
int cmd_delete(struct mail_ctx *m, const char **args);
int cmd_move_msg(struct mail_ctx *m, const char **args);
int cmd_copy_msg(struct mail_ctx *m, const char **args);
int cmd_mark_read(struct mail_ctx *m, const char **args);
int cmd_mark_unread(struct mail_ctx *m, const char **args);

/* mapimail_items.c, mapimail_itemopts.c, mapimail_tz.c: the item
 * commands, their options (mail_item_options, a popt table the main
 * table includes) and helpers */
struct mapi_attendee;
struct mapi_tz_definition;
struct item_options {
	char *start, *end, *location, *busy, *days, *until;
	char *name, *given, *surname, *email, *phone, *mobile, *home_phone;
	char *company, *title, *file_as, *due, *status, *text, *color;
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
 * --folder and the item commands' --count */
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
