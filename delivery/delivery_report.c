/*
 * Delivery status reports (MS-OXOMSG 2.2.2, 3.3.5.1), in the sender's
 * receive folder for their class, at most one of each kind per
 * submission:
 *
 * - the non-delivery report, "REPORT." + the original class + ".NDR",
 *   for every recipient that could not be delivered to: one recipient
 *   row each with PidTagNonDeliveryReportReasonCode, DiagCode,
 *   StatusCode, PidTagSupplementaryInfo and PidTagReportTime; it carries
 *   the original message as an embedded message attachment, so that the
 *   sender can send it again, unless PidTagContentReturnRequested is
 *   false;
 * - the delivery report, ".DR", when the sender asked for one
 *   (PidTagOriginatorDeliveryReportRequested): one row per local
 *   recipient delivered to, with PidTagDeliverTime (2.2.2.29) and
 *   PidTagReportTime; no copy of the original.
 *
 * Both carry the original's subject, submit time, class, sender and
 * display lists (PidTagOriginal*) and PidTagParentKey, the original's
 * search key (2.2.2.18).
 */
#include <string.h>
#include <util/debug.h>
#include "delivery/delivery_private.h"

/* The name reports come from (the server itself has no mailbox). */
#define REPORT_SENDER "Mail Delivery System"

static const char *orig_string(const struct mstore_row *orig, uint16_t id)
{
	const char *s = mdeliver_row_string(orig, id);

	return s ? s : "";
}

static const char *diag_text(uint32_t diag)
{
	switch (diag) {
	case MD_NDR_DIAG_NAME_AMBIGUOUS:
		return "5.1.4 the address matches several recipients";
	case MD_NDR_DIAG_UNSUPPORTED_ADDRTYPE:
		return "5.1.3 the address type cannot be delivered to";
	default:
		return "5.1.1 the recipient is not known to this server";
	}
}

/* What distinguishes the kinds of report. */
struct report_kind {
	const char *suffix;		/* of the message class */
	const char *subject;		/* before the original subject */
	const char *text;		/* first line of the report text */
	enum mdeliver_target_kind target;	/* the recipients listed */
};

static const struct report_kind kinds[] = {
	[MDELIVER_REPORT_NDR] = {
		"NDR", "Undeliverable: ",
		"Delivery has failed to these recipients:\r\n",
		MDELIVER_FAILED
	},
	[MDELIVER_REPORT_DR] = {
		"DR", "Delivered: ",
		"Your message has been delivered to these recipients:\r\n",
		MDELIVER_LOCAL
	},
};

/* Whether @a t is listed in a report of kind @a k. */
static bool listed(const struct report_kind *k,
		   const struct mdeliver_target *t)
{
	return t->kind == k->target &&
	       (t->kind != MDELIVER_LOCAL || t->done);
}

/** The message class of @a kind's report about a message of class
 *  @a cls (MS-OXOMSG 2.2.2). */
char *mdeliver_report_class(TALLOC_CTX *mem_ctx, enum mdeliver_report kind,
			    const char *cls)
{
	return talloc_asprintf(mem_ctx, "REPORT.%s.%s",
			       cls ? cls : "IPM.Note", kinds[kind].suffix);
}

static char *report_text(TALLOC_CTX *mem_ctx, const struct report_kind *k,
			 const struct mdeliver_entry *e)
{
	char *text = talloc_strdup(mem_ctx, k->text);
	uint32_t i;

	for (i = 0; text != NULL && i < e->count; i++) {
		const struct mdeliver_target *t = &e->targets[i];

		if (!listed(k, t)) {
			continue;
		}
		text = talloc_asprintf_append(
			text, "%s (%s)%s%s\r\n", t->name,
			t->kind == MDELIVER_LOCAL ? (t->smtp ? t->smtp : "") :
			(t->email ? t->email : ""),
			t->kind == MDELIVER_FAILED ? ": " : "",
			t->kind == MDELIVER_FAILED ? diag_text(t->diag) : "");
	}
	return text;
}

/* What every report says of the original (MS-OXOMSG 2.2.2). */
static enum MAPISTATUS original_props(TALLOC_CTX *mem_ctx,
				      const struct mdeliver_entry *e,
				      const struct mstore_row *orig,
				      struct mstore_value **v, uint32_t *n)
{
	const char *cls = mdeliver_row_string(orig, MD_ID_MESSAGE_CLASS);
	const struct mstore_value *key = mstore_values_find(
		orig->values, orig->count, MD_PidTagSearchKey);
	enum MAPISTATUS rv;

	rv = mdeliver_put_string(mem_ctx, v, n, MD_PidTagOriginalSubject,
				 orig_string(orig, MD_ID_SUBJECT));
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n,
				       MD_PidTagOriginalMessageClass,
				       cls ? cls : "IPM.Note");
	rv = rv ?: mdeliver_put_int(mem_ctx, v, n, MD_PidTagOriginalSubmitTime,
				    (int64_t)e->submit_time);
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n,
				       MD_PidTagOriginalSenderName,
				       e->from.name);
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n,
				       MD_PidTagOriginalSenderAddressType,
				       "EX");
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n,
				       MD_PidTagOriginalSenderEmailAddress,
				       e->from.dn);
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n,
				       MD_PidTagOriginalSentRepresentingName,
				       e->from.name);
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n,
				       MD_PidTagOriginalDisplayTo,
				       orig_string(orig, 0x0E04));
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n,
				       MD_PidTagOriginalDisplayCc,
				       orig_string(orig, 0x0E03));
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n,
				       MD_PidTagOriginalDisplayBcc,
				       orig_string(orig, 0x0E02));
	if (rv == MAPI_E_SUCCESS && key != NULL &&
	    MSTORE_PROP_TYPE(key->tag) == PT_BINARY) {
		rv = mdeliver_put_bin(mem_ctx, v, n, MD_PidTagParentKey,
				      key->v.bin.data, key->v.bin.length);
	}
	return rv;
}

/* The report's own properties. */
static enum MAPISTATUS report_props(TALLOC_CTX *mem_ctx,
				    const struct mdeliver_entry *e,
				    enum mdeliver_report kind,
				    const struct mstore_row *orig,
				    struct mstore_value **v, uint32_t *n)
{
	const struct report_kind *k = &kinds[kind];
	const char *cls = mdeliver_row_string(orig, MD_ID_MESSAGE_CLASS);
	uint64_t now = mdeliver_now();
	char *text = report_text(mem_ctx, k, e);
	enum MAPISTATUS rv;

	rv = text ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n, MD_PidTagMessageClass,
				       mdeliver_report_class(mem_ctx, kind,
							     cls));
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n, MD_PidTagSubject,
				       talloc_asprintf(mem_ctx, "%s%s",
						       k->subject,
						       orig_string(
							orig,
							MD_ID_SUBJECT)));
	rv = rv ?: original_props(mem_ctx, e, orig, v, n);
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n, MD_PidTagReportText,
				       text);
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n, MD_PidTagBody, text);
	rv = rv ?: mdeliver_put_int(mem_ctx, v, n, MD_PidTagReportTime,
				    (int64_t)now);
	if (rv == MAPI_E_SUCCESS && kind == MDELIVER_REPORT_DR) {
		rv = mdeliver_put_int(mem_ctx, v, n, MD_PidTagReceiptTime,
				      (int64_t)now);
	}
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n, MD_PidTagSenderName,
				       REPORT_SENDER);
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n,
				       MD_PidTagSentRepresentingName,
				       REPORT_SENDER);
	rv = rv ?: mdeliver_put_int(mem_ctx, v, n, MD_PidTagClientSubmitTime,
				    (int64_t)now);
	rv = rv ?: mdeliver_put_int(mem_ctx, v, n,
				    MD_PidTagMessageDeliveryTime,
				    (int64_t)now);
	rv = rv ?: mdeliver_put_int(mem_ctx, v, n, MD_PidTagMessageFlags, 0);
	return rv;
}

/* The non-delivery columns of a failed recipient's row. */
static enum MAPISTATUS failed_columns(TALLOC_CTX *mem_ctx,
				      const struct mdeliver_target *t,
				      struct mstore_value **v, uint32_t *c)
{
	enum MAPISTATUS rv;

	rv = mdeliver_put_string(mem_ctx, v, c, MD_PidTagAddressType,
				 t->addrtype ? t->addrtype : "");
	rv = rv ?: mdeliver_put_string(mem_ctx, v, c, MD_PidTagEmailAddress,
				       t->email);
	rv = rv ?: mdeliver_put_int(mem_ctx, v, c,
				    MD_PidTagNonDeliveryReportReasonCode,
				    MD_NDR_REASON_TRANSFER_FAILED);
	rv = rv ?: mdeliver_put_int(mem_ctx, v, c,
				    MD_PidTagNonDeliveryReportDiagCode,
				    t->diag);
	rv = rv ?: mdeliver_put_int(
		mem_ctx, v, c, MD_PidTagNonDeliveryReportStatusCode,
		t->diag == MD_NDR_DIAG_NAME_AMBIGUOUS ? 514 :
		t->diag == MD_NDR_DIAG_UNSUPPORTED_ADDRTYPE ? 513 : 511);
	return rv ?: mdeliver_put_string(mem_ctx, v, c,
					 MD_PidTagSupplementaryInfo,
					 diag_text(t->diag));
}

/* The delivery columns of a delivered recipient's row (2.2.2.29). */
static enum MAPISTATUS delivered_columns(TALLOC_CTX *mem_ctx,
					 const struct mdeliver_target *t,
					 uint64_t now,
					 struct mstore_value **v,
					 uint32_t *c)
{
	enum MAPISTATUS rv;

	rv = mdeliver_put_string(mem_ctx, v, c, MD_PidTagAddressType, "EX");
	rv = rv ?: mdeliver_put_string(mem_ctx, v, c, MD_PidTagEmailAddress,
				       t->dn);
	rv = rv ?: mdeliver_put_string(mem_ctx, v, c, MD_PidTagSmtpAddress,
				       t->smtp);
	return rv ?: mdeliver_put_int(mem_ctx, v, c, MD_PidTagDeliverTime,
				      (int64_t)now);
}

/* One recipient row per recipient the report is about. */
static enum MAPISTATUS report_rows(TALLOC_CTX *mem_ctx,
				   const struct mdeliver_entry *e,
				   enum mdeliver_report kind,
				   struct mstore_row **rows, uint32_t *count)
{
	struct mstore_row *r = talloc_zero_array(mem_ctx, struct mstore_row,
						 e->count + 1);
	enum MAPISTATUS rv = r ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
	uint64_t now = mdeliver_now();
	uint32_t i, n = 0;

	for (i = 0; rv == MAPI_E_SUCCESS && i < e->count; i++) {
		const struct mdeliver_target *t = &e->targets[i];
		struct mstore_value **v = &r[n].values;
		uint32_t *c = &r[n].count;

		if (!listed(&kinds[kind], t)) {
			continue;
		}
		n++;
		rv = mdeliver_put_int(r, v, c, MD_PidTagRecipientType,
				      t->recip_type);
		rv = rv ?: mdeliver_put_string(r, v, c, MD_PidTagDisplayName,
					       t->name);
		if (rv == MAPI_E_SUCCESS && kind == MDELIVER_REPORT_NDR) {
			rv = failed_columns(r, t, v, c);
		} else if (rv == MAPI_E_SUCCESS) {
			rv = delivered_columns(r, t, now, v, c);
		}
		rv = rv ?: mdeliver_put_int(r, v, c, MD_PidTagReportTime,
					    (int64_t)now);
	}
	*rows = r;
	*count = n;
	return rv;
}

/*
 * The original message as an embedded message attachment of the
 * non-delivery report (both in the sender's mailbox), unless the sender
 * set PidTagContentReturnRequested to false.
 */
static enum MAPISTATUS return_content(TALLOC_CTX *mem_ctx,
				      struct mstore *store,
				      struct mstore_message *orig,
				      const struct mstore_row *o,
				      struct mstore_message *report)
{
	struct mstore_attachment *att = NULL;
	struct mstore_message *em = NULL;
	struct mstore_value *v = NULL;
	uint32_t n = 0;
	enum MAPISTATUS rv;

	if (mdeliver_msg_bool(orig, MD_PidTagContentReturnRequested) == 0) {
		return MAPI_E_SUCCESS;
	}
	rv = mdeliver_put_int(mem_ctx, &v, &n, MD_PidTagAttachMethod,
			      MD_ATTACH_EMBEDDED_MESSAGE);
	rv = rv ?: mdeliver_put_string(mem_ctx, &v, &n, MD_PidTagDisplayName,
				       orig_string(o, MD_ID_SUBJECT));
	rv = rv ?: mstore_attachment_create(mem_ctx, report, &att);
	rv = rv ?: mstore_attachment_set_props(att, v, n);
	rv = rv ?: mstore_attachment_embedded(mem_ctx, att, true, &em);
	rv = rv ?: mdeliver_copy_message(mem_ctx, store, orig, store, em, 1);
	rv = rv ?: mstore_message_save(em);
	return rv ?: mstore_attachment_save(att);
}

/** Fill @a report (new, in the sender's mailbox) as @a e's report of
 *  kind @a kind. */
enum MAPISTATUS mdeliver_build_report(struct mdeliver *ctx,
				      const struct mdeliver_entry *e,
				      enum mdeliver_report kind,
				      struct mstore *store,
				      struct mstore_message *orig,
				      struct mstore_message *report)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mstore_row o = { 0 }, *rows = NULL;
	struct mstore_value *v = NULL;
	uint32_t n = 0, count = 0;
	static const uint32_t received[6] = {
		MD_PidTagReceivedByName, MD_PidTagReceivedByEntryId,
		MD_PidTagReceivedByAddressType,
		MD_PidTagReceivedByEmailAddress,
		MD_PidTagReceivedBySmtpAddress, MD_PidTagReceivedBySearchKey
	};
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mstore_message_get_all_props(tmp, orig, &o.values, &o.count);
	rv = rv ?: report_props(tmp, e, kind, &o, &v, &n);
	rv = rv ?: mdeliver_person_props(tmp, &e->from, received, &v, &n);
	rv = rv ?: mdeliver_set_props(report, v, n);
	rv = rv ?: report_rows(tmp, e, kind, &rows, &count);
	rv = rv ?: mstore_message_set_recipients(report, rows, count);
	if (rv == MAPI_E_SUCCESS && kind == MDELIVER_REPORT_NDR) {
		rv = return_content(tmp, store, orig, &o, report);
	}
	talloc_free(tmp);
	return rv;
}
