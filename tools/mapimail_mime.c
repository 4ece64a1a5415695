/*
 * mapimail: a message as Internet mail (RFC 5322 with MIME, RFC 2045 -
 * 2049), made with GMime 3, following the mapping of MS-OXCMAIL 2.2.3
 * for what a client needs to read:
 *
 *   From      PidTagSentRepresentingName / SMTP address (else the
 *             sender's); Sender when the sender is someone else
 *   To/Cc/Bcc the recipient rows of each type (Bcc only where the
 *             store kept them: the sender's copy, a Bcc recipient's own)
 *   Date      PidTagClientSubmitTime, else PidTagMessageDeliveryTime,
 *             else PidTagLastModificationTime
 *   Subject, Message-ID, In-Reply-To, References, Importance
 *   body      text/plain; an HTML body as multipart/alternative of the
 *             text and the HTML
 *   attachments  multipart/mixed: by value with their name and type,
 *             base64; embedded messages as message/rfc822
 *
 * mail_mbox_entry() wraps a rendered message for an mbox file (mboxrd:
 * a "From " line, lines starting with ">*From " get one more '>').
 */
#include <string.h>
#include <strings.h>
#include <time.h>
#include <gmime/gmime.h>
#include <util/time.h>

#include "mapimail.h"

static const char *sender_name(const struct mail_message *msg)
{
	const char *s = mail_prop_string(msg, TAG_SENT_REPR_NAME);

	return s != NULL ? s : mail_prop_string(msg, TAG_SENDER_NAME);
}

/* The SMTP address of the sender, or NULL. */
static const char *smtp_of(const struct mail_message *msg, uint32_t smtp,
			   uint32_t addrtype, uint32_t address)
{
	const char *s = mail_prop_string(msg, smtp);
	const char *type = mail_prop_string(msg, addrtype);

	if (s == NULL && type != NULL && strcasecmp(type, "SMTP") == 0) {
		s = mail_prop_string(msg, address);
	}
	return s;
}

static const char *sender_smtp(const struct mail_message *msg)
{
	const char *s = smtp_of(msg, TAG_SENT_REPR_SMTP,
				TAG_SENT_REPR_ADDRTYPE, TAG_SENT_REPR_ADDRESS);

	return s != NULL ? s : smtp_of(msg, TAG_SENDER_SMTP,
				       TAG_SENDER_ADDRTYPE,
				       TAG_SENDER_ADDRESS);
}

static void add_from(GMimeMessage *gm, const struct mail_message *msg)
{
	const char *from = smtp_of(msg, TAG_SENT_REPR_SMTP,
				   TAG_SENT_REPR_ADDRTYPE,
				   TAG_SENT_REPR_ADDRESS);
	const char *sender = smtp_of(msg, TAG_SENDER_SMTP,
				     TAG_SENDER_ADDRTYPE, TAG_SENDER_ADDRESS);
	const char *name = sender_name(msg);

	if (from == NULL && name == NULL) {
		from = sender;
	}
	if (from != NULL || name != NULL) {
		g_mime_message_add_mailbox(gm, GMIME_ADDRESS_TYPE_FROM, name,
					   from ? from : "");
	}
	if (from != NULL && sender != NULL && strcasecmp(from, sender) != 0) {
		g_mime_message_add_mailbox(gm, GMIME_ADDRESS_TYPE_SENDER,
					   mail_prop_string(msg,
							    TAG_SENDER_NAME),
					   sender);
	}
}

static void add_recipients(GMimeMessage *gm, const struct mail_message *msg)
{
	static const GMimeAddressType types[] = {
		[RECIPIENT_TO] = GMIME_ADDRESS_TYPE_TO,
		[RECIPIENT_CC] = GMIME_ADDRESS_TYPE_CC,
		[RECIPIENT_BCC] = GMIME_ADDRESS_TYPE_BCC,
	};
	const struct mail_recipient *r;
	uint32_t i;

	for (i = 0; i < msg->rcpt_count; i++) {
		r = &msg->rcpt[i];
		if (r->type < RECIPIENT_TO || r->type > RECIPIENT_BCC) {
			continue;
		}
		g_mime_message_add_mailbox(gm, types[r->type], r->name,
					   r->smtp ? r->smtp : "");
	}
}

static void add_date(GMimeMessage *gm, const struct mail_message *msg)
{
	static const uint32_t tags[] = {
		TAG_SUBMIT_TIME, TAG_DELIVERY_TIME, TAG_LAST_MODIFIED
	};
	const union PropertyValueUnion *v = NULL;
	GDateTime *date;
	size_t i;

	for (i = 0; v == NULL && i < ARRAY_SIZE(tags); i++) {
		v = mail_prop(msg, tags[i]);
	}
	if (v == NULL) {
		return;
	}
	date = g_date_time_new_from_unix_local(nt_time_to_unix(v->Time));
	if (date != NULL) {
		g_mime_message_set_date(gm, date);
		g_date_time_unref(date);
	}
}

/* "<id>" as GMime wants it: without the brackets. */
static void add_message_id(GMimeMessage *gm, const struct mail_message *msg)
{
	const char *id = mail_prop_string(msg, TAG_INTERNET_MSGID);
	char *bare;
	size_t len;

	if (id == NULL) {
		return;
	}
	len = strlen(id);
	if (len > 2 && id[0] == '<' && id[len - 1] == '>') {
		bare = g_strndup(id + 1, len - 2);
		g_mime_message_set_message_id(gm, bare);
		g_free(bare);
	} else {
		g_mime_message_set_message_id(gm, id);
	}
}

static void add_headers(GMimeMessage *gm, const struct mail_message *msg)
{
	const union PropertyValueUnion *imp = mail_prop(msg, TAG_IMPORTANCE);
	const char *s;

	add_from(gm, msg);
	add_recipients(gm, msg);
	s = mail_prop_string(msg, TAG_SUBJECT);
	g_mime_message_set_subject(gm, s ? s : "", "utf-8");
	add_date(gm, msg);
	add_message_id(gm, msg);
	s = mail_prop_string(msg, TAG_IN_REPLY_TO);
	if (s != NULL) {
		g_mime_object_set_header(GMIME_OBJECT(gm), "In-Reply-To", s,
					 NULL);
	}
	s = mail_prop_string(msg, TAG_REFERENCES);
	if (s != NULL) {
		g_mime_object_set_header(GMIME_OBJECT(gm), "References", s,
					 NULL);
	}
	if (imp != NULL && imp->Integer32 != 1) {
		g_mime_object_set_header(GMIME_OBJECT(gm), "Importance",
					 imp->Integer32 > 1 ? "high" : "low",
					 NULL);
	}
}

static GMimeObject *text_part(const char *subtype, const char *text)
{
	GMimeTextPart *p = g_mime_text_part_new_with_subtype(subtype);
	GMimeContentEncoding enc;

	g_mime_text_part_set_text(p, text);
	enc = g_mime_part_get_best_content_encoding(
		GMIME_PART(p), GMIME_ENCODING_CONSTRAINT_7BIT);
	g_mime_part_set_content_encoding(GMIME_PART(p), enc);
	return GMIME_OBJECT(p);
}

static GMimeObject *body_part(const struct mail_message *msg)
{
	GMimeMultipart *alt;
	GMimeObject *part;

	if (msg->html == NULL) {
		return text_part("plain", msg->text ? msg->text : "");
	}
	alt = g_mime_multipart_new_with_subtype("alternative");
	part = text_part("plain", msg->text ? msg->text : "");
	g_mime_multipart_add(alt, part);
	g_object_unref(part);
	part = text_part("html", msg->html);
	g_mime_multipart_add(alt, part);
	g_object_unref(part);
	return GMIME_OBJECT(alt);
}

static GMimeMessage *build(const struct mail_message *msg);

static GMimeObject *embedded_part(const struct mail_attachment *a)
{
	GMimeMessage *inner = build(a->embedded);
	GMimeMessagePart *mp = g_mime_message_part_new_with_message("rfc822",
								    inner);

	g_object_unref(inner);
	g_mime_object_set_disposition(GMIME_OBJECT(mp), "attachment");
	return GMIME_OBJECT(mp);
}

static GMimePart *typed_part(const char *mime_type)
{
	const char *slash = mime_type ? strchr(mime_type, '/') : NULL;
	GMimePart *p;
	char *type;

	if (slash == NULL || slash == mime_type || slash[1] == '\0' ||
	    strpbrk(mime_type, " ;\t") != NULL) {
		return g_mime_part_new_with_type("application",
						 "octet-stream");
	}
	type = g_strndup(mime_type, slash - mime_type);
	p = g_mime_part_new_with_type(type, slash + 1);
	g_free(type);
	return p;
}

static GMimeObject *attachment_part(const struct mail_attachment *a)
{
	GMimePart *p;
	GMimeStream *s;
	GMimeDataWrapper *w;

	if (a->embedded != NULL) {
		return embedded_part(a);
	}
	p = typed_part(a->mime_type);
	s = g_mime_stream_mem_new_with_buffer((const char *)a->data.data,
					      a->data.length);
	w = g_mime_data_wrapper_new_with_stream(s,
						GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content(p, w);
	g_object_unref(w);
	g_object_unref(s);
	g_mime_object_set_disposition(GMIME_OBJECT(p), "attachment");
	g_mime_part_set_filename(p, a->name);
	if (a->content_id != NULL) {
		g_mime_part_set_content_id(p, a->content_id);
	}
	g_mime_part_set_content_encoding(p, GMIME_CONTENT_ENCODING_BASE64);
	return GMIME_OBJECT(p);
}

static GMimeMessage *build(const struct mail_message *msg)
{
	GMimeMessage *gm = g_mime_message_new(TRUE);
	GMimeObject *top = body_part(msg), *part;
	GMimeMultipart *mixed;
	uint32_t i;

	add_headers(gm, msg);
	if (msg->att_count > 0) {
		mixed = g_mime_multipart_new_with_subtype("mixed");
		g_mime_multipart_add(mixed, top);
		g_object_unref(top);
		for (i = 0; i < msg->att_count; i++) {
			part = attachment_part(&msg->att[i]);
			g_mime_multipart_add(mixed, part);
			g_object_unref(part);
		}
		top = GMIME_OBJECT(mixed);
	}
	g_mime_message_set_mime_part(gm, top);
	g_object_unref(top);
	return gm;
}

char *mail_mime_render(TALLOC_CTX *mem_ctx, const struct mail_message *msg)
{
	GMimeMessage *gm = build(msg);
	char *s = g_mime_object_to_string(GMIME_OBJECT(gm), NULL);
	char *out = s ? talloc_strdup(mem_ctx, s) : NULL;

	g_free(s);
	g_object_unref(gm);
	return out;
}

/* The "From " line's date: asctime format, UTC. */
static char *from_line(TALLOC_CTX *mem_ctx, const struct mail_message *msg)
{
	const union PropertyValueUnion *v = mail_prop(msg, TAG_SUBMIT_TIME);
	const char *addr = sender_smtp(msg);
	time_t t = time(NULL);
	struct tm tm;
	char date[40];

	if (v == NULL) {
		v = mail_prop(msg, TAG_DELIVERY_TIME);
	}
	if (v != NULL) {
		t = nt_time_to_unix(v->Time);
	}
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(date, sizeof(date), "%a %b %e %H:%M:%S %Y", &tm) == 0) {
		strcpy(date, "Thu Jan  1 00:00:00 1970");
	}
	return talloc_asprintf(mem_ctx, "From %s %s\n",
			       addr && !strpbrk(addr, " \t") ? addr
							     : "MAILER-DAEMON",
			       date);
}

static bool is_from_line(const char *line)
{
	while (*line == '>') {
		line++;
	}
	return strncmp(line, "From ", 5) == 0;
}

/* Lines of @text that need one more '>'. */
static size_t count_from_lines(const char *text)
{
	const char *line = text;
	size_t n = 0;

	while (line != NULL && *line != '\0') {
		n += is_from_line(line) ? 1 : 0;
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	return n;
}

char *mail_mbox_entry(TALLOC_CTX *mem_ctx, const struct mail_message *msg,
		      const char *rfc5322)
{
	char *head = from_line(mem_ctx, msg), *out, *o;
	size_t len = strlen(rfc5322), hlen;
	const char *in;
	bool bol = true;

	if (head == NULL) {
		return NULL;
	}
	hlen = strlen(head);
	out = talloc_realloc(mem_ctx, head, char,
			     hlen + len + count_from_lines(rfc5322) + 3);
	if (out == NULL) {
		return NULL;
	}
	o = out + hlen;
	for (in = rfc5322; *in != '\0'; in++) {
		if (bol && is_from_line(in)) {
			*o++ = '>';
		}
		*o++ = *in;
		bol = *in == '\n';
	}
	if (!bol) {
		*o++ = '\n';
	}
	*o++ = '\n';
	*o = '\0';
	return out;
}
