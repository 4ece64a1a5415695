/*
 * A recipient's copy of a submitted message (MS-OXOMSG 3.3.5.1): the
 * sender's properties, recipients and attachments carried over (named
 * properties mapped into the recipient's mailbox), Bcc recipients
 * hidden from everyone but themselves, and the delivery properties:
 * sender and sent-representing (2.2.1.46-2.2.1.57), received-by and
 * received-representing (2.2.1.25-2.2.1.36), PidTagClientSubmitTime,
 * PidTagMessageDeliveryTime, PidTagTransportMessageHeaders,
 * PidTagMessageToMe/CcMe/RecipientMe, unread (PidTagMessageFlags 0).
 */
#include <string.h>
#include <strings.h>
#include <time.h>
#include <util/debug.h>
#include "delivery/delivery_private.h"
#include "store/store_lob.h"

/*
 * Properties of the sender's message that are not carried over: the
 * store computes them for the new message (ids, change tracking, sizes,
 * times, counts, row keys) or they only concern the sender's copy
 * (submission, where the sent copy goes, MS-OXOMSG 2.2.3).
 */
static const uint16_t not_copied[] = {
	/* EntryId, RecordKey, ParentEntryId; FolderId, ParentFolderId,
	 * Mid, ChangeNumber */
	0x0FFF, 0x0FF9, 0x0E09,
	0x6748, 0x6749, 0x674A, 0x67A4,
	0x65E0, 0x65E1, 0x65E2, 0x65E3,	/* SourceKey ... PCL */
	0x3602, 0x3603, 0x3617, 0x360A, 0x6638, 0x3601,
	0x0E08, 0x3007, 0x3008, 0x67AA, 0x3000, 0x0E21, 0x0E1B,
	0x0E07, 0x0E14, 0x0E01, 0x0E0A, 0x6740, 0x3010,
	0x0E20,				/* AttachSize */
};

static bool copied(uint32_t tag)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(not_copied); i++) {
		if (MSTORE_PROP_ID(tag) == not_copied[i]) {
			return false;
		}
	}
	return MSTORE_PROP_TYPE(tag) != PT_ERROR;
}

/* The tag of a named property of @a src in @a dst (mapped by name). */
static enum MAPISTATUS map_named(struct mstore *src, struct mstore *dst,
				 uint32_t tag, uint32_t *out)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mstore_named_prop name;
	uint16_t id;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mstore_id_to_named(tmp, src, MSTORE_PROP_ID(tag), &name);
	if (rv == MAPI_E_SUCCESS) {
		rv = mstore_named_to_id(dst, &name, true, &id);
	}
	if (rv == MAPI_E_SUCCESS) {
		*out = MSTORE_PROP_TAG(id, MSTORE_PROP_TYPE(tag));
	}
	talloc_free(tmp);
	return rv;
}

/**
 * The values of @a src worth carrying into @a dst: without the
 * not-copied ones, named properties mapped by name.
 */
enum MAPISTATUS mdeliver_copy_props(TALLOC_CTX *mem_ctx,
				    struct mstore *src, struct mstore *dst,
				    const struct mstore_value *values,
				    uint32_t count,
				    struct mstore_value **out,
				    uint32_t *out_count)
{
	struct mstore_value v;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;
	uint32_t i;

	*out = NULL;
	*out_count = 0;
	for (i = 0; rv == MAPI_E_SUCCESS && i < count; i++) {
		if (!copied(values[i].tag)) {
			continue;
		}
		v = values[i];
		if (MSTORE_PROP_ID(v.tag) >= 0x8000 && src != dst &&
		    map_named(src, dst, values[i].tag, &v.tag) !=
		    MAPI_E_SUCCESS) {
			DBG_INFO("named property 0x%08x not carried over\n",
				 values[i].tag);
			continue;
		}
		if (mstore_value_is_large(&v)) {
			/* a value kept out of line: copied into dst */
			uint32_t tag = v.tag;

			rv = mstore_large_transfer(mem_ctx, src, &values[i],
						   dst, &v);
			v.tag = tag;
		}
		rv = rv ?: mdeliver_put(mem_ctx, out, out_count, &v);
	}
	return rv;
}

/* MS-OXCDATA 2.2.5.2: the address book permanent entry ID of a DN. */
static enum MAPISTATUS ab_entryid(TALLOC_CTX *mem_ctx, const char *dn,
				  struct mstore_bin *out)
{
	static const uint8_t head[28] = {
		0, 0, 0, 0,
		0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
		0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82,
		1, 0, 0, 0,		/* Version */
		0, 0, 0, 0		/* Type: DT_MAILUSER */
	};
	size_t len = strlen(dn);

	out->length = sizeof(head) + len + 1;
	out->data = talloc_array(mem_ctx, uint8_t, out->length);
	if (out->data == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	memcpy(out->data, head, sizeof(head));
	memcpy(out->data + sizeof(head), dn, len + 1);
	return MAPI_E_SUCCESS;
}

/* MS-OXCPRPT 2.2.1.9: search key "ADDRTYPE:ADDRESS", upper case. */
static char *search_key(TALLOC_CTX *mem_ctx, const char *type,
			const char *addr)
{
	char *k = talloc_asprintf(mem_ctx, "%s:%s", type, addr);
	char *c;

	for (c = k; c != NULL && *c != '\0'; c++) {
		*c = (*c >= 'a' && *c <= 'z') ? *c - 'a' + 'A' : *c;
	}
	return k;
}

/**
 * Name, entry ID, address type, e-mail address, SMTP address and search
 * key of a mailbox user, under @a tags in that order.
 */
enum MAPISTATUS mdeliver_person_props(TALLOC_CTX *mem_ctx,
				      const struct mdeliver_person *p,
				      const uint32_t tags[6],
				      struct mstore_value **values,
				      uint32_t *count)
{
	struct mstore_bin eid = { 0 };
	const char *dn = p->dn ? p->dn : "";
	char *key = search_key(mem_ctx, "EX", dn);
	enum MAPISTATUS rv;

	rv = key ? ab_entryid(mem_ctx, dn, &eid) : MAPI_E_NOT_ENOUGH_MEMORY;
	rv = rv ?: mdeliver_put_string(mem_ctx, values, count, tags[0],
				       p->name);
	rv = rv ?: mdeliver_put_bin(mem_ctx, values, count, tags[1],
				    eid.data, eid.length);
	rv = rv ?: mdeliver_put_string(mem_ctx, values, count, tags[2], "EX");
	rv = rv ?: mdeliver_put_string(mem_ctx, values, count, tags[3], dn);
	rv = rv ?: mdeliver_put_string(mem_ctx, values, count, tags[4],
				       p->smtp);
	rv = rv ?: mdeliver_put_bin(mem_ctx, values, count, tags[5],
				    (const uint8_t *)key, strlen(key) + 1);
	return rv;
}

static const uint32_t sender_tags[6] = {
	MD_PidTagSenderName, MD_PidTagSenderEntryId,
	MD_PidTagSenderAddressType, MD_PidTagSenderEmailAddress,
	MD_PidTagSenderSmtpAddress, MD_PidTagSenderSearchKey
};
static const uint32_t received_tags[6] = {
	MD_PidTagReceivedByName, MD_PidTagReceivedByEntryId,
	MD_PidTagReceivedByAddressType, MD_PidTagReceivedByEmailAddress,
	MD_PidTagReceivedBySmtpAddress, MD_PidTagReceivedBySearchKey
};
static const uint32_t received_rep_tags[6] = {
	MD_PidTagReceivedRepresentingName,
	MD_PidTagReceivedRepresentingEntryId,
	MD_PidTagReceivedRepresentingAddressType,
	MD_PidTagReceivedRepresentingEmailAddress,
	MD_PidTagReceivedRepresentingSmtpAddress,
	MD_PidTagReceivedRepresentingSearchKey
};

/* RFC 5322 3.3 date of a FILETIME, in UTC. */
static char *rfc5322_date(TALLOC_CTX *mem_ctx, uint64_t filetime)
{
	static const char *const days[] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
	};
	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
		"Sep", "Oct", "Nov", "Dec"
	};
	time_t t = (time_t)(filetime / 10000000ULL - 11644473600ULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	return talloc_asprintf(mem_ctx, "%s, %d %s %04d %02d:%02d:%02d +0000",
			       days[tm.tm_wday], tm.tm_mday,
			       months[tm.tm_mon], tm.tm_year + 1900,
			       tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static const char *msg_string(TALLOC_CTX *mem_ctx, struct mstore_message *m,
			      uint16_t id)
{
	struct mstore_row row = { 0 };

	if (mstore_message_get_all_props(mem_ctx, m, &row.values,
					 &row.count) != MAPI_E_SUCCESS) {
		return NULL;
	}
	return mdeliver_row_string(&row, id);
}

/*
 * MS-OXOMSG 2.2.1.61 PidTagTransportMessageHeaders: the Internet
 * headers of the message as delivered (RFC 5322).
 */
static char *transport_headers(TALLOC_CTX *mem_ctx,
			       const struct mdeliver_entry *e,
			       struct mstore_message *orig,
			       const struct mdeliver_target *t)
{
	const char *to = msg_string(mem_ctx, orig, 0x0E04);
	const char *cc = msg_string(mem_ctx, orig, 0x0E03);
	const char *subject = msg_string(mem_ctx, orig, MD_ID_SUBJECT);
	const char *msgid = msg_string(mem_ctx, orig, 0x1035);
	char *h;

	h = talloc_asprintf(mem_ctx,
			    "Received: by sambamapi with MAPI; %s\r\n"
			    "From: \"%s\" <%s>\r\n",
			    rfc5322_date(mem_ctx, mdeliver_now()),
			    e->from.name ? e->from.name : "",
			    e->from.smtp ? e->from.smtp : "");
	if (to != NULL) {
		h = talloc_asprintf_append(h, "To: %s\r\n", to);
	}
	if (cc != NULL) {
		h = talloc_asprintf_append(h, "Cc: %s\r\n", cc);
	}
	h = talloc_asprintf_append(h, "Subject: %s\r\nDate: %s\r\n",
				   subject ? subject : "",
				   rfc5322_date(mem_ctx, e->submit_time));
	if (msgid != NULL) {
		h = talloc_asprintf_append(h, "Message-ID: %s\r\n", msgid);
	}
	return talloc_asprintf_append(h, "MIME-Version: 1.0\r\n"
				      "X-MS-Has-Attach:\r\n\r\n");
}

/* The delivery properties of @a t's copy. */
static enum MAPISTATUS delivery_props(TALLOC_CTX *mem_ctx,
				      const struct mdeliver_entry *e,
				      const struct mdeliver_target *t,
				      struct mstore_message *orig,
				      struct mstore_value **v, uint32_t *n)
{
	struct mdeliver_person me = {
		.mailbox = t->mailbox, .name = t->name, .dn = t->dn,
		.smtp = t->smtp
	};
	enum MAPISTATUS rv;

	rv = mdeliver_person_props(mem_ctx, &e->from, sender_tags, v, n);
	rv = rv ?: mdeliver_person_props(mem_ctx, &me, received_tags, v, n);
	rv = rv ?: mdeliver_person_props(mem_ctx, &me, received_rep_tags, v,
					 n);
	rv = rv ?: mdeliver_put_int(mem_ctx, v, n, MD_PidTagMessageFlags, 0);
	rv = rv ?: mdeliver_put_int(mem_ctx, v, n, MD_PidTagClientSubmitTime,
				    (int64_t)e->submit_time);
	rv = rv ?: mdeliver_put_int(mem_ctx, v, n,
				    MD_PidTagMessageDeliveryTime,
				    (int64_t)mdeliver_now());
	rv = rv ?: mdeliver_put_int(mem_ctx, v, n, MD_PidTagMessageToMe,
				    t->recip_type == MD_RECIP_TO);
	rv = rv ?: mdeliver_put_int(mem_ctx, v, n, MD_PidTagMessageCcMe,
				    t->recip_type == MD_RECIP_CC);
	rv = rv ?: mdeliver_put_int(mem_ctx, v, n,
				    MD_PidTagMessageRecipientMe,
				    t->recip_type != MD_RECIP_BCC);
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n, MD_PidTagDisplayBcc,
				       t->recip_type == MD_RECIP_BCC ?
				       t->name : "");
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n,
				       MD_PidTagTransportMessageHeaders,
				       transport_headers(mem_ctx, e, orig,
							 t));
	return rv;
}

/* MS-OXOMSG 2.2.1.7: a Bcc recipient is seen by itself only. */
static bool row_visible(const struct mstore_row *r, int32_t index,
			const struct mdeliver_target *t)
{
	const struct mstore_value *v = mstore_values_find(
		r->values, r->count, MD_PidTagRecipientType);

	if (v == NULL || (v->v.i32 & MD_RECIP_TYPE_MASK) != MD_RECIP_BCC) {
		return true;
	}
	return t->recip_type == MD_RECIP_BCC && t->row == index;
}

static enum MAPISTATUS copy_recipients(TALLOC_CTX *mem_ctx,
				       const struct mdeliver_target *t,
				       struct mstore *src,
				       struct mstore_message *orig,
				       struct mstore *dst,
				       struct mstore_message *copy)
{
	struct mstore_row *rows = NULL, *out;
	uint32_t count = 0, n = 0, i;
	enum MAPISTATUS rv;

	rv = mstore_message_get_recipients(mem_ctx, orig, &rows, &count);
	out = talloc_zero_array(mem_ctx, struct mstore_row, count + 1);
	if (rv == MAPI_E_SUCCESS && out == NULL) {
		rv = MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; rv == MAPI_E_SUCCESS && i < count; i++) {
		if (!row_visible(&rows[i], (int32_t)i, t)) {
			continue;
		}
		rv = mdeliver_copy_props(out, src, dst, rows[i].values,
					 rows[i].count, &out[n].values,
					 &out[n].count);
		n++;
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mstore_message_set_recipients(copy, out, n);
	}
	return rv;
}

static enum MAPISTATUS copy_attachments(TALLOC_CTX *mem_ctx,
					struct mstore *src,
					struct mstore_message *orig,
					struct mstore *dst,
					struct mstore_message *copy)
{
	struct mstore_row *rows = NULL;
	struct mstore_value *v;
	uint32_t count = 0, n, i, num;
	enum MAPISTATUS rv;

	rv = mstore_message_get_attachments(mem_ctx, orig, &rows, &count);
	for (i = 0; rv == MAPI_E_SUCCESS && i < count; i++) {
		rv = mdeliver_copy_props(mem_ctx, src, dst, rows[i].values,
					 rows[i].count, &v, &n);
		if (rv == MAPI_E_SUCCESS) {
			rv = mstore_message_add_attachment(copy, v, n, &num);
		}
	}
	return rv;
}

/** Fill @a copy (new, in @a dst) as @a t's copy of @a orig. */
enum MAPISTATUS mdeliver_build_copy(struct mdeliver *ctx,
				    const struct mdeliver_entry *e,
				    const struct mdeliver_target *t,
				    struct mstore *src,
				    struct mstore_message *orig,
				    struct mstore *dst,
				    struct mstore_message *copy)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mstore_value *all = NULL, *v = NULL;
	uint32_t all_n = 0, n = 0;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mstore_message_get_all_props(tmp, orig, &all, &all_n);
	rv = rv ?: mdeliver_copy_props(tmp, src, dst, all, all_n, &v, &n);
	rv = rv ?: delivery_props(tmp, e, t, orig, &v, &n);
	rv = rv ?: mdeliver_set_props(copy, v, n);
	rv = rv ?: copy_recipients(tmp, t, src, orig, dst, copy);
	rv = rv ?: copy_attachments(tmp, src, orig, dst, copy);
	talloc_free(tmp);
	return rv;
}
