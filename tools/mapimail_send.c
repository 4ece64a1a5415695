/*
 * mapimail send: compose a message and submit it (MS-OXOMSG 3.1.4.1.1,
 * MS-OXCMSG): RopCreateMessage in the Outbox, the envelope properties
 * (class, subject and its parts), the body (plain text in PidTagBody,
 * or HTML in PidTagHtml with PidTagInternetCodepage 65001), the
 * recipients (mapimail_recipients.c), the attachments
 * (mapimail_attach.c), then RopSubmitMessage.  The server delivers the
 * message and files the sender's copy in Sent Items.
 *
 * Everything that can be checked before the message exists is checked
 * first (the files, the body, the recipients), so that bad input leaves
 * nothing behind; a message that fails later is released unsaved.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mapimail.h"
#include "libmapi/folder.h"
#include "libmapi/message.h"
#include "libmapi/property.h"
#include "libmapi/transport.h"

#define CODEPAGE_UTF8	65001
/* PidTagSubjectPrefix + PidTagNormalizedSubject < 254 characters
 * (MS-OXCMSG 2.2.1.9) */
#define MAX_SUBJECT	253
#define MAX_BODY	(64 * 1024 * 1024)

/* The body of --body or --body-file: UTF-8 text or HTML. */
struct body {
	char *text;
	size_t len;
};

static bool utf8_valid(const uint8_t *s, size_t len)
{
	size_t i = 0, n, k;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xE0) == 0xC0) {
			n = 1;
		} else if ((s[i] & 0xF0) == 0xE0) {
			n = 2;
		} else if ((s[i] & 0xF8) == 0xF0) {
			n = 3;
		} else {
			return false;
		}
		if (len - i <= n) {
			return false;
		}
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80) {
				return false;
			}
		}
		i += n + 1;
	}
	return true;
}

/* The whole of @fd on @mem_ctx, NUL-terminated. */
static int read_all(TALLOC_CTX *mem_ctx, int fd, const char *name,
		    struct body *b)
{
	size_t size = 4096;
	ssize_t n;

	b->len = 0;
	b->text = talloc_array(mem_ctx, char, size);
	while (b->text != NULL) {
		if (b->len + 1 == size) {
			size *= 2;
			b->text = size > MAX_BODY ? NULL
				  : talloc_realloc(mem_ctx, b->text, char,
						   size);
			continue;
		}
		n = read(fd, b->text + b->len, size - 1 - b->len);
		if (n < 0) {
			return mail_fail("cannot read the body file '%s': %s",
					 name, strerror(errno));
		}
		if (n == 0) {
			b->text[b->len] = '\0';
			return MAPIMAIL_OK;
		}
		b->len += n;
	}
	return mail_fail("cannot read the body file '%s': larger than %d MB",
			 name, MAX_BODY >> 20);
}

static int load_body(struct mail_ctx *m, struct body *b)
{
	const struct mail_options *o = m->opt;
	int fd, rc;

	b->text = NULL;
	b->len = 0;
	if (o->body != NULL && o->body_file != NULL) {
		mail_fail("give the body with --body or with --body-file, "
			  "not both");
		return MAPIMAIL_USAGE;
	}
	if (o->body != NULL) {
		b->text = o->body;
		b->len = strlen(o->body);
	} else if (o->body_file != NULL) {
		fd = strcmp(o->body_file, "-") == 0 ? STDIN_FILENO
			: open(o->body_file, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			return mail_fail("cannot read the body file '%s': %s",
					 o->body_file, strerror(errno));
		}
		rc = read_all(m->mem, fd, o->body_file, b);
		if (fd != STDIN_FILENO) {
			close(fd);
		}
		if (rc != MAPIMAIL_OK) {
			return rc;
		}
	}
	if (b->text != NULL && (!utf8_valid((const uint8_t *)b->text, b->len) ||
				strlen(b->text) != b->len)) {
		return mail_fail("the body%s%s is not UTF-8 text",
				 o->body_file ? " file " : "",
				 o->body_file ? o->body_file : "");
	}
	return MAPIMAIL_OK;
}

/* The prefix of a subject (MS-OXCMAIL 2.2.3.2.6.1): one to three
 * characters other than colon, blank and digits, a colon and blanks.
 * Returns the prefix's length in @subject (0: none) and where the
 * normalized subject starts. */
static size_t subject_prefix(const char *subject, const char **rest)
{
	size_t chars = 0, i = 0;

	*rest = subject;
	while (subject[i] != '\0' && subject[i] != ':' && chars <= 3) {
		unsigned char c = subject[i];

		if (c == ' ' || (c >= '0' && c <= '9')) {
			return 0;
		}
		i++;
		while (((unsigned char)subject[i] & 0xC0) == 0x80) {
			i++;
		}
		chars++;
	}
	if (subject[i] != ':' || subject[i + 1] != ' ' || chars == 0 ||
	    chars > 3) {
		return 0;
	}
	i++;
	*rest = subject + i;
	while (**rest == ' ') {
		(*rest)++;
	}
	return i;
}

static int set_envelope(struct mail_ctx *m, TALLOC_CTX *mem, uint32_t msg)
{
	const char *subject = m->opt->subject ? m->opt->subject : "";
	const char *rest;
	size_t plen = subject_prefix(subject, &rest);
	struct TaggedPropertyValue v[4] = {
		{ .PropertyTag = TAG_MESSAGE_CLASS },
		{ .PropertyTag = TAG_SUBJECT },
		{ .PropertyTag = TAG_SUBJECT_PREFIX },
		{ .PropertyTag = TAG_NORMALIZED_SUBJECT },
	};
	enum MAPISTATUS rv;

	v[0].Value.String = "IPM.Note";
	v[1].Value.String = subject;
	v[2].Value.String = plen ? talloc_asprintf(mem, "%.*s ", (int)plen,
						   subject) : "";
	v[3].Value.String = rest;
	rv = v[2].Value.String == NULL ? MAPI_E_NOT_ENOUGH_MEMORY :
	     mapi_props_set(m->logon, mem, msg, v, ARRAY_SIZE(v), NULL);
	if (rv != MAPI_E_SUCCESS) {
		return mail_fail("cannot set the subject of the message: %s "
				 "(%s)", mapi_strerror(rv),
				 mapi_status_string(rv));
	}
	return MAPIMAIL_OK;
}

static int set_body(struct mail_ctx *m, TALLOC_CTX *mem, uint32_t msg,
		    const struct body *b)
{
	struct TaggedPropertyValue cp = {
		.PropertyTag = TAG_INTERNET_CODEPAGE
	};
	struct mail_progress p;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	if (b->text == NULL) {
		return MAPIMAIL_OK;
	}
	mail_progress_start(m, &p, "body", b->len, true);
	if (m->opt->html) {
		cp.Value.Integer32 = CODEPAGE_UTF8;
		rv = mapi_props_set(m->logon, mem, msg, &cp, 1, NULL);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mail_data_write(m, msg, m->opt->html ? TAG_HTML : TAG_BODY,
				     (const uint8_t *)b->text, b->len, &p);
	}
	mail_progress_end(&p);
	if (rv != MAPI_E_SUCCESS) {
		return mail_fail("cannot set the body of the message: %s (%s)",
				 mapi_strerror(rv), mapi_status_string(rv));
	}
	return MAPIMAIL_OK;
}

/* Compose the message @msg and submit it. */
static int compose_submit(struct mail_ctx *m, TALLOC_CTX *mem, uint32_t msg,
			  const struct body *b,
			  const struct mail_recipient *r, uint32_t nr)
{
	enum MAPISTATUS rv;
	int rc;

	rc = set_envelope(m, mem, msg);
	if (rc == MAPIMAIL_OK) {
		rc = set_body(m, mem, msg, b);
	}
	if (rc == MAPIMAIL_OK) {
		rc = mail_recipients_write(m, msg, r, nr);
	}
	if (rc == MAPIMAIL_OK) {
		rc = mail_attach_files(m, msg);
	}
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	rv = mapi_message_submit(m->logon, mem, msg, 0);
	if (rv != MAPI_E_SUCCESS) {
		return mail_fail("cannot send the message: %s (%s)",
				 mapi_strerror(rv), mapi_status_string(rv));
	}
	return MAPIMAIL_OK;
}

static int check_input(struct mail_ctx *m)
{
	const char *s = m->opt->subject;
	size_t chars = 0;

	if (m->opt->public_store) {
		mail_fail("send works on the mailbox: not with --public");
		return MAPIMAIL_USAGE;
	}
	for (; s != NULL && *s != '\0'; s++) {
		chars += ((unsigned char)*s & 0xC0) != 0x80;
	}
	if (chars > MAX_SUBJECT) {
		return mail_fail("the subject is too long: %zu characters, at "
				 "most %d", chars, MAX_SUBJECT);
	}
	if (m->opt->subject != NULL &&
	    !utf8_valid((const uint8_t *)m->opt->subject,
			strlen(m->opt->subject))) {
		return mail_fail("the subject is not UTF-8 text");
	}
	return mail_attach_check(m->opt);
}

int cmd_send(struct mail_ctx *m, const char **args)
{
	uint64_t fid = m->logon->folder_ids[MAPI_LOGON_OUTBOX];
	TALLOC_CTX *tmp = talloc_new(m->mem);
	struct mail_recipient *r = NULL;
	uint32_t nr = 0, folder, msg;
	struct body b;
	enum MAPISTATUS rv;
	int rc;

	rc = check_input(m);
	if (rc == MAPIMAIL_OK) {
		rc = load_body(m, &b);
	}
	if (rc == MAPIMAIL_OK) {
		rc = mail_recipients_collect(m, args, &r, &nr);
	}
	if (rc != MAPIMAIL_OK) {
		talloc_free(tmp);
		return rc;
	}
	rv = mapi_folder_open(m->logon, tmp, m->logon->handle, fid, &folder);
	if (rv != MAPI_E_SUCCESS) {
		talloc_free(tmp);
		return mail_rop_fail("cannot open the folder", "Outbox", rv);
	}
	rv = mapi_message_create(m->logon, tmp, folder, fid, false, &msg);
	if (rv == MAPI_E_SUCCESS) {
		rc = compose_submit(m, tmp, msg, &b, r, nr);
		mail_release(m, msg);
	} else {
		rc = mail_rop_fail("cannot create a message in", "Outbox", rv);
	}
	mail_release(m, folder);
	talloc_free(tmp);
	return rc;
}
