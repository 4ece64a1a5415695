/*
 * mapimail fetch, show: reading messages.
 *
 *   fetch [PATH]            the messages of a folder (default: Inbox),
 *                           one line each (as ls, with '@' for messages
 *                           with attachments); --sort, --reverse,
 *                           --limit, --offset, --subject, --unread
 *                           choose them as for ls
 *   fetch --full            the messages as RFC 5322 text on stdout, in
 *                           mbox form (each after a "From " line)
 *   fetch --mbox FILE       appended to the mbox FILE instead
 *   fetch --save-attachments DIR   their attachments written to DIR
 *   show MID [--folder P]   one message: its headers, text and the list
 *                           of its attachments; --mime: as RFC 5322
 *                           text; --save-attachments DIR
 *
 * Reading a message does not mark it read (see mark-read).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <util/time.h>

#include "mapimail.h"
#include "libmapi/table.h"

/* Where full messages go: stdout or an mbox file. */
struct sink {
	int fd;
	const char *name;
};

static int sink_write(const struct sink *s, const char *text)
{
	size_t len = strlen(text), done = 0;
	ssize_t n;

	while (done < len) {
		n = write(s->fd, text + done, len - done);
		if (n <= 0) {
			return mail_fail("cannot write to %s: %s", s->name,
					 strerror(errno));
		}
		done += n;
	}
	return MAPIMAIL_OK;
}

static int sink_open(struct mail_ctx *m, struct sink *s)
{
	s->fd = STDOUT_FILENO;
	s->name = "stdout";
	if (m->opt->mbox == NULL) {
		return MAPIMAIL_OK;
	}
	s->name = m->opt->mbox;
	s->fd = open(m->opt->mbox, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
		     0600);
	if (s->fd < 0) {
		return mail_fail("cannot open the mbox file '%s': %s",
				 m->opt->mbox, strerror(errno));
	}
	return MAPIMAIL_OK;
}

static int sink_close(struct sink *s, int rc)
{
	if (s->fd != STDOUT_FILENO && close(s->fd) != 0 && rc == 0) {
		return mail_fail("cannot write to %s: %s", s->name,
				 strerror(errno));
	}
	if (s->fd == STDOUT_FILENO) {
		fflush(stdout);
	}
	return rc;
}

/* Render @msg to the sink and/or save its attachments. */
static int deliver(struct mail_ctx *m, const struct sink *s,
		   const struct mail_message *msg)
{
	TALLOC_CTX *tmp = talloc_new(m->mem);
	char *text, *entry;
	int rc = MAPIMAIL_OK;

	if (m->opt->full || m->opt->mbox != NULL) {
		text = mail_mime_render(tmp, msg);
		entry = text ? mail_mbox_entry(tmp, msg, text) : NULL;
		rc = entry ? sink_write(s, entry)
			   : mail_fail("cannot render the message %" PRIx64,
				       msg->mid);
	}
	if (rc == MAPIMAIL_OK && m->opt->save_dir != NULL) {
		rc = mail_attach_save(m, msg, m->opt->save_dir);
	}
	talloc_free(tmp);
	return rc;
}

static int fetch_all(struct mail_ctx *m, uint32_t folder, uint64_t fid,
		     const struct mapi_table *t,
		     const struct mapi_table_rows *rows)
{
	const union PropertyValueUnion *mid;
	struct mail_message *msg;
	struct mail_progress p;
	struct sink s;
	uint32_t i;
	int rc;

	rc = sink_open(m, &s);
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	mail_progress_start(m, &p, "fetching", rows->count, false);
	for (i = 0; i < rows->count && rc == MAPIMAIL_OK; i++) {
		mid = mapi_table_cell(t, &rows->rows[i], TAG_MID);
		if (mid == NULL) {
			continue;
		}
		rc = mail_message_read(m, m->mem, folder, fid, mid->Integer64,
				       true, &msg);
		if (rc == MAPIMAIL_OK) {
			rc = deliver(m, &s, msg);
			talloc_free(msg);
		}
		mail_progress_add(&p, 1);
	}
	mail_progress_end(&p);
	return sink_close(&s, rc);
}

int cmd_fetch(struct mail_ctx *m, const char **args)
{
	const struct mail_options *o = m->opt;
	const char *path = mail_default_path(m, args[0]);
	struct mapi_table_rows rows = { 0 };
	struct mapi_table *t = NULL;
	uint32_t folder, i;
	uint64_t fid;
	int rc;

	if (o->full && o->mbox != NULL) {
		mail_fail("give --full (to stdout) or --mbox FILE, not both");
		return MAPIMAIL_USAGE;
	}
	rc = mail_list_messages(m, path, NULL, 0, &folder, &fid, &t, &rows);
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	if (o->full || o->mbox != NULL || o->save_dir != NULL) {
		rc = fetch_all(m, folder, fid, t, &rows);
	}
	for (i = 0; !o->full && rc == MAPIMAIL_OK && i < rows.count; i++) {
		mail_print_summary(t, &rows.rows[i]);
	}
	mail_release(m, folder);
	return rc;
}

/* ------------------------------------------------------------- show */

static void print_addresses(const char *label, const struct mail_message *msg,
			    uint8_t type)
{
	const struct mail_recipient *r;
	bool first = true;
	uint32_t i;

	for (i = 0; i < msg->rcpt_count; i++) {
		r = &msg->rcpt[i];
		if (r->type != type) {
			continue;
		}
		printf("%s%s", first ? label : ", ", r->name ? r->name : "");
		if (r->smtp != NULL) {
			printf(" <%s>", r->smtp);
		}
		first = false;
	}
	if (!first) {
		printf("\n");
	}
}

static void print_date(const struct mail_message *msg)
{
	const union PropertyValueUnion *v = mail_prop(msg, TAG_SUBMIT_TIME);
	struct tm tm;
	time_t t;
	char buf[64];

	if (v == NULL) {
		v = mail_prop(msg, TAG_DELIVERY_TIME);
	}
	if (v == NULL) {
		return;
	}
	t = nt_time_to_unix(v->Time);
	if (localtime_r(&t, &tm) != NULL &&
	    strftime(buf, sizeof(buf), "%a, %d %b %Y %H:%M:%S %z", &tm) > 0) {
		printf("Date: %s\n", buf);
	}
}

static void print_readable(const struct mail_message *msg)
{
	const char *from = mail_prop_string(msg, TAG_SENT_REPR_NAME);
	const char *smtp = mail_prop_string(msg, TAG_SENT_REPR_SMTP);
	const char *subject = mail_prop_string(msg, TAG_SUBJECT);
	uint32_t i;

	if (from == NULL) {
		from = mail_prop_string(msg, TAG_SENDER_NAME);
	}
	printf("From: %s", from ? from : "");
	printf(smtp ? " <%s>\n" : "\n", smtp);
	print_addresses("To: ", msg, RECIPIENT_TO);
	print_addresses("Cc: ", msg, RECIPIENT_CC);
	print_addresses("Bcc: ", msg, RECIPIENT_BCC);
	print_date(msg);
	printf("Subject: %s\n\n", subject ? subject : "");
	if (msg->text != NULL) {
		printf("%s", msg->text);
		if (msg->text[0] != '\0' &&
		    msg->text[strlen(msg->text) - 1] != '\n') {
			printf("\n");
		}
	}
	for (i = 0; i < msg->att_count; i++) {
		if (i == 0) {
			printf("\nAttachments:\n");
		}
		printf("  %u  %s (%u bytes)\n", msg->att[i].num,
		       msg->att[i].name, msg->att[i].size);
	}
}

int cmd_show(struct mail_ctx *m, const char **args)
{
	bool data = m->opt->mime || m->opt->save_dir != NULL;
	struct mail_message *msg = NULL;
	uint64_t mid, fid;
	uint32_t folder;
	char *text;
	int rc;

	rc = mail_parse_mid(args[0], &mid);
	if (rc == MAPIMAIL_OK) {
		rc = mail_open_messages_folder(m, &folder, &fid);
	}
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	rc = mail_message_read(m, m->mem, folder, fid, mid, data, &msg);
	mail_release(m, folder);
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	if (m->opt->mime) {
		text = mail_mime_render(msg, msg);
		if (text == NULL) {
			return mail_fail("cannot render the message %" PRIx64,
					 mid);
		}
		fputs(text, stdout);
	} else {
		print_readable(msg);
	}
	if (m->opt->save_dir != NULL) {
		rc = mail_attach_save(m, msg, m->opt->save_dir);
	}
	return rc;
}
