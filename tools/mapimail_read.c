/*
 * mapimail: reading a message from the store (MS-OXCMSG) into a struct
 * mail_message: its envelope properties (RopGetPropertiesSpecific), its
 * recipients (the rows of RopOpenMessage, then RopReadRecipients), its
 * body as text and, when it is HTML, as HTML (the best body of
 * MS-OXBBODY, libmapi/body.h; each body property read on its own, as a
 * stream when it is too large for a response), and its attachments
 * (mapimail_attach.c).  EX addresses without an SMTP address get theirs
 * from the address book.
 */
#include <inttypes.h>
#include <string.h>
#include <strings.h>
#include <util/debug.h>

#include "mapimail.h"
#include "libmapi/body.h"
#include "libmapi/folder.h"
#include "libmapi/message.h"
#include "libmapi/property.h"

/* Embedded messages deeper than this are listed, not read. */
#define MAX_DEPTH	8

static const uint32_t envelope_tags[] = {
	TAG_MESSAGE_CLASS, TAG_SUBJECT, TAG_SENT_REPR_NAME,
	TAG_SENT_REPR_SMTP, TAG_SENT_REPR_ADDRESS, TAG_SENT_REPR_ADDRTYPE,
	TAG_SENDER_NAME, TAG_SENDER_SMTP, TAG_SENDER_ADDRESS,
	TAG_SENDER_ADDRTYPE, TAG_SUBMIT_TIME, TAG_DELIVERY_TIME,
	TAG_LAST_MODIFIED, TAG_INTERNET_MSGID, TAG_IN_REPLY_TO,
	TAG_REFERENCES, TAG_IMPORTANCE, TAG_MESSAGE_FLAGS, TAG_MESSAGE_SIZE,
	TAG_DISPLAY_TO, TAG_DISPLAY_CC, TAG_DISPLAY_BCC,
	MAPI_TAG_NATIVE_BODY, MAPI_TAG_RTF_IN_SYNC, MAPI_TAG_INTERNET_CPID,
};

const union PropertyValueUnion *mail_prop(const struct mail_message *msg,
					  uint32_t tag)
{
	uint16_t i;

	for (i = 0; i < msg->prop_count; i++) {
		if (msg->props[i].PropertyTag == tag) {
			return &msg->props[i].Value;
		}
	}
	return NULL;
}

const char *mail_prop_string(const struct mail_message *msg, uint32_t tag)
{
	const union PropertyValueUnion *v = mail_prop(msg, tag);

	return v != NULL && v->String != NULL && v->String[0] != '\0'
		       ? v->String : NULL;
}

/* The values of a row, without the missing ones and the errors. */
static enum MAPISTATUS row_values(TALLOC_CTX *mem, const uint32_t *tags,
				  const struct property_row *row,
				  struct mail_message *msg)
{
	uint32_t i;

	/* room for what read_body() and sender_smtp() add: the body,
	 * HTML and RTF values and the sender's SMTP address */
	msg->props = talloc_zero_array(mem, struct TaggedPropertyValue,
				       row->count + 4);
	if (msg->props == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	msg->prop_count = 0;
	for (i = 0; i < row->count; i++) {
		if (row->cells[i].flag != 0 ||
		    row->cells[i].type == PT_ERROR) {
			continue;
		}
		msg->props[msg->prop_count].PropertyTag = tags[i];
		msg->props[msg->prop_count++].Value = row->cells[i].value;
	}
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS read_envelope(struct mail_ctx *m, TALLOC_CTX *mem,
				     uint32_t h, struct mail_message *msg)
{
	struct property_row row = { 0 };
	enum MAPISTATUS rv;

	rv = mapi_props_get(m->logon, mem, h, envelope_tags,
			    ARRAY_SIZE(envelope_tags), true, 0, &row);
	if (rv == MAPI_E_SUCCESS && row.count != ARRAY_SIZE(envelope_tags)) {
		rv = MAPI_E_CALL_FAILED;
	}
	return rv == MAPI_E_SUCCESS ? row_values(mem, envelope_tags, &row, msg)
				    : rv;
}

/* One body property, read on its own (as a stream when it is large);
 * a property the message lacks is an empty blob with no data. */
static enum MAPISTATUS read_value(struct mail_ctx *m, TALLOC_CTX *mem,
				  uint32_t h, uint32_t tag, DATA_BLOB *out)
{
	enum MAPISTATUS rv = mail_data_read(m, mem, h, tag, NULL, out);

	if (rv == MAPI_E_NOT_FOUND) {
		*out = data_blob_null;
		return MAPI_E_SUCCESS;
	}
	return rv;
}

/* Add a value read by read_value() to the envelope's values. */
static enum MAPISTATUS add_value(TALLOC_CTX *mem, uint32_t tag,
				 const DATA_BLOB *data,
				 struct mail_message *msg)
{
	struct TaggedPropertyValue *v = &msg->props[msg->prop_count];

	if (data->data == NULL) {
		return MAPI_E_SUCCESS;
	}
	v->PropertyTag = tag;
	if ((tag & 0xFFFF) == PT_UNICODE) {
		v->Value.String = talloc_strndup(mem, (const char *)data->data,
						 data->length);
		if (v->Value.String == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	} else {
		v->Value.Binary.Data = data->data;
		v->Value.Binary.Count = data->length;
	}
	msg->prop_count++;
	return MAPI_E_SUCCESS;
}

/* An HTML body longer than a PtypBinary of a ROP buffer (which the
 * helpers of libmapi/body.h take): converted here, MS-OXBBODY's rules
 * for the rest (the native body, else HTML before text). */
static enum MAPISTATUS large_html(TALLOC_CTX *mem, const DATA_BLOB *body,
				  const DATA_BLOB *html,
				  struct mail_message *msg)
{
	const union PropertyValueUnion *native, *cp;
	size_t n;
	enum MAPISTATUS rv;

	native = mail_prop(msg, MAPI_TAG_NATIVE_BODY);
	cp = mail_prop(msg, MAPI_TAG_INTERNET_CPID);
	if (body->data != NULL && native != NULL &&
	    native->Integer32 != MAPI_NATIVE_BODY_HTML) {
		msg->text = talloc_strndup(mem, (const char *)body->data,
					   body->length);
		return msg->text ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mapi_charset_to_utf8(mem, html->data, html->length,
				  cp ? cp->Integer32 : 0, &msg->html, &n);
	if (rv == MAPI_E_SUCCESS && body->data != NULL) {
		msg->text = talloc_strndup(mem, (const char *)body->data,
					   body->length);
		rv = msg->text ? rv : MAPI_E_NOT_ENOUGH_MEMORY;
	} else if (rv == MAPI_E_SUCCESS) {
		rv = mapi_html_to_text(mem, msg->html, n, &msg->text, &n);
	}
	return rv;
}

/* The best body: text always, HTML when the body is HTML. */
static enum MAPISTATUS read_body(struct mail_ctx *m, TALLOC_CTX *mem,
				 uint32_t h, struct mail_message *msg)
{
	enum mapi_native_body format = MAPI_NATIVE_BODY_UNDEFINED;
	DATA_BLOB body, html, rtf = data_blob_null;
	enum MAPISTATUS rv;

	rv = read_value(m, mem, h, MAPI_TAG_BODY_W, &body);
	if (rv == MAPI_E_SUCCESS) {
		rv = read_value(m, mem, h, MAPI_TAG_HTML, &html);
	}
	if (rv == MAPI_E_SUCCESS && html.length > UINT16_MAX) {
		return large_html(mem, &body, &html, msg);
	}
	if (rv == MAPI_E_SUCCESS && body.data == NULL && html.data == NULL) {
		rv = read_value(m, mem, h, MAPI_TAG_RTF_COMPRESSED, &rtf);
		if (rtf.length > UINT16_MAX) {
			DBG_NOTICE("RTF body of %zu bytes not converted\n",
				   rtf.length);
			return MAPI_E_SUCCESS;
		}
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = add_value(mem, MAPI_TAG_BODY_W, &body, msg);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = add_value(mem, MAPI_TAG_HTML, &html, msg);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = add_value(mem, MAPI_TAG_RTF_COMPRESSED, &rtf, msg);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_body_best_format(mem, msg->props, msg->prop_count,
					   &format);
	}
	if (rv != MAPI_E_SUCCESS || format == MAPI_NATIVE_BODY_UNDEFINED) {
		return rv;
	}
	if (format == MAPI_NATIVE_BODY_HTML) {
		rv = mapi_body_get_html(mem, msg->props, msg->prop_count,
					&msg->html);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_body_get_text(mem, msg->props, msg->prop_count,
					&msg->text);
	}
	return rv;
}

/* The string value of a property id, Unicode or 8-bit. */
static const char *find_string(const struct mapi_recipient *r, uint32_t tag)
{
	uint32_t i;

	for (i = 0; i < r->count; i++) {
		if (r->props[i].PropertyTag == tag) {
			return r->props[i].Value.String;
		}
		if (r->props[i].PropertyTag == ((tag & 0xFFFF0000) |
						PT_STRING8)) {
			return r->props[i].Value.String8;
		}
	}
	return NULL;
}

static void recipient_from_row(struct mail_ctx *m, TALLOC_CTX *mem,
			       const struct mapi_recipient *row,
			       struct mail_recipient *r)
{
	r->type = row->type & 0x0F;
	r->name = find_string(row, TAG_DISPLAY_NAME);
	r->addr_type = find_string(row, TAG_ADDRESS_TYPE);
	r->address = find_string(row, TAG_EMAIL_ADDRESS);
	r->smtp = find_string(row, TAG_SMTP_ADDRESS);
	if (r->smtp == NULL && r->addr_type != NULL && r->address != NULL) {
		if (strcasecmp(r->addr_type, "SMTP") == 0) {
			r->smtp = r->address;
		} else if (strcmp(r->addr_type, "EX") == 0) {
			r->smtp = mail_ab_smtp_of_dn(m, mem, r->address);
		}
	}
}

/* Every recipient row: those RopOpenMessage returned if they are all,
 * else RopReadRecipients from the first on. */
static enum MAPISTATUS read_recipients(struct mail_ctx *m, TALLOC_CTX *mem,
				       uint32_t h,
				       const struct mapi_message_info *info,
				       struct mail_message *msg)
{
	struct mapi_recipient *rows = info->rows, *more;
	uint32_t count = info->row_count, row_id, i;
	uint8_t n;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	if (count < info->recipient_count) {
		rows = NULL;
		count = 0;
		row_id = 0;
		while (count < info->recipient_count) {
			rv = mapi_recipients_read(m->logon, mem, h, row_id,
						  info->columns,
						  info->column_count, &more,
						  &n);
			if (rv != MAPI_E_SUCCESS || n == 0) {
				break;
			}
			rows = talloc_realloc(mem, rows, struct mapi_recipient,
					      count + n);
			if (rows == NULL) {
				return MAPI_E_NOT_ENOUGH_MEMORY;
			}
			memcpy(rows + count, more, n * sizeof(*more));
			count += n;
			row_id = more[n - 1].row_id + 1;
		}
		if (rv == MAPI_E_NOT_FOUND && count > 0) {
			rv = MAPI_E_SUCCESS;
		}
	}
	msg->rcpt = talloc_zero_array(mem, struct mail_recipient, count);
	if (rv != MAPI_E_SUCCESS || (count > 0 && msg->rcpt == NULL)) {
		return rv != MAPI_E_SUCCESS ? rv : MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < count; i++) {
		recipient_from_row(m, mem, &rows[i], &msg->rcpt[i]);
	}
	msg->rcpt_count = count;
	return MAPI_E_SUCCESS;
}

/* The sender's SMTP address from the address book, when the message
 * names the sender by EX address only. */
static void sender_smtp(struct mail_ctx *m, TALLOC_CTX *mem,
			struct mail_message *msg)
{
	const char *type = mail_prop_string(msg, TAG_SENT_REPR_ADDRTYPE);
	const char *dn = mail_prop_string(msg, TAG_SENT_REPR_ADDRESS);
	const char *smtp;

	if (mail_prop_string(msg, TAG_SENT_REPR_SMTP) != NULL ||
	    type == NULL || dn == NULL || strcmp(type, "EX") != 0) {
		return;
	}
	smtp = mail_ab_smtp_of_dn(m, mem, dn);
	if (smtp != NULL) {
		msg->props[msg->prop_count].PropertyTag = TAG_SENT_REPR_SMTP;
		msg->props[msg->prop_count++].Value.String = smtp;
	}
}

int mail_message_read_open(struct mail_ctx *m, TALLOC_CTX *mem_ctx,
			   uint32_t handle,
			   const struct mapi_message_info *info, bool data,
			   int depth, struct mail_message *msg)
{
	struct mapi_message_info *reloaded = NULL;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	if (info == NULL) {
		rv = mapi_message_reload(m->logon, mem_ctx, handle, &reloaded);
		info = reloaded;
	}
	if (rv == MAPI_E_SUCCESS) {
		msg->mid = info->mid;
		rv = read_envelope(m, mem_ctx, handle, msg);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = read_body(m, mem_ctx, handle, msg);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = read_recipients(m, mem_ctx, handle, info, msg);
	}
	if (rv != MAPI_E_SUCCESS) {
		return mail_fail("cannot read the message %" PRIx64 ": %s "
				 "(%s)", info ? info->mid : 0,
				 mapi_strerror(rv), mapi_status_string(rv));
	}
	sender_smtp(m, mem_ctx, msg);
	return mail_attach_read(m, mem_ctx, handle, data && depth < MAX_DEPTH,
				depth, msg);
}

int mail_message_read(struct mail_ctx *m, TALLOC_CTX *mem_ctx,
		      uint32_t folder, uint64_t fid, uint64_t mid,
		      bool data, struct mail_message **out)
{
	struct mapi_message_info *info = NULL;
	struct mail_message *msg;
	enum MAPISTATUS rv;
	uint32_t h;
	int rc;

	msg = talloc_zero(mem_ctx, struct mail_message);
	if (msg == NULL) {
		return mail_fail("out of memory");
	}
	rv = mapi_message_open(m->logon, msg, folder, fid, mid,
			       OpenMessage_ReadOnly, &h, &info);
	if (rv == MAPI_E_NOT_FOUND) {
		talloc_free(msg);
		return mail_fail("no message %" PRIx64 " in '%s'", mid,
				 m->opt->folder ? m->opt->folder : "Inbox");
	}
	if (rv != MAPI_E_SUCCESS) {
		talloc_free(msg);
		return mail_fail("cannot open the message %" PRIx64 ": %s (%s)",
				 mid, mapi_strerror(rv),
				 mapi_status_string(rv));
	}
	rc = mail_message_read_open(m, msg, h, info, data, 0, msg);
	mail_release(m, h);
	if (rc != MAPIMAIL_OK) {
		talloc_free(msg);
		return rc;
	}
	*out = msg;
	return MAPIMAIL_OK;
}
