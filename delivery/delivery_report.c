/*
 * Non-delivery reports (MS-OXOMSG 2.2.2, 3.3.5.1): one report per
 * submission, for every recipient that could not be delivered to, in
 * the sender's receive folder.  Its class is "REPORT." + the original
 * class + ".NDR"; it carries the original's subject, submit time, class,
 * sender and display lists (PidTagOriginal*), and one recipient row per
 * failed recipient with PidTagNonDeliveryReportReasonCode, DiagCode,
 * StatusCode, PidTagSupplementaryInfo and PidTagReportTime.
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

/* The report's own properties. */
static enum MAPISTATUS report_props(TALLOC_CTX *mem_ctx,
				    const struct mdeliver_entry *e,
				    const struct mstore_row *orig,
				    struct mstore_value **v, uint32_t *n)
{
	const char *cls = mdeliver_row_string(orig, MD_ID_MESSAGE_CLASS);
	const char *subject = orig_string(orig, MD_ID_SUBJECT);
	uint64_t now = mdeliver_now();
	char *text = talloc_strdup(mem_ctx, "Delivery has failed to these "
				   "recipients:\r\n");
	enum MAPISTATUS rv;
	uint32_t i;

	cls = cls ? cls : "IPM.Note";
	for (i = 0; text != NULL && i < e->count; i++) {
		const struct mdeliver_target *t = &e->targets[i];

		if (t->kind == MDELIVER_FAILED) {
			text = talloc_asprintf_append(
				text, "%s (%s): %s\r\n", t->name,
				t->email ? t->email : "", diag_text(t->diag));
		}
	}
	rv = text ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n, MD_PidTagMessageClass,
				       talloc_asprintf(mem_ctx,
						       "REPORT.%s.NDR", cls));
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n, MD_PidTagSubject,
				       talloc_asprintf(mem_ctx,
						       "Undeliverable: %s",
						       subject));
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n, MD_PidTagOriginalSubject,
				       subject);
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n,
				       MD_PidTagOriginalMessageClass, cls);
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
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n, MD_PidTagReportText,
				       text);
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n, MD_PidTagBody, text);
	rv = rv ?: mdeliver_put_int(mem_ctx, v, n, MD_PidTagReportTime,
				    (int64_t)now);
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

/* One recipient row per failed recipient. */
static enum MAPISTATUS report_rows(TALLOC_CTX *mem_ctx,
				   const struct mdeliver_entry *e,
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

		if (t->kind != MDELIVER_FAILED) {
			continue;
		}
		n++;
		rv = mdeliver_put_int(r, v, c, MD_PidTagRecipientType,
				      t->recip_type);
		rv = rv ?: mdeliver_put_string(r, v, c, MD_PidTagDisplayName,
					       t->name);
		rv = rv ?: mdeliver_put_string(r, v, c, MD_PidTagAddressType,
					       t->addrtype ? t->addrtype :
					       "");
		rv = rv ?: mdeliver_put_string(r, v, c, MD_PidTagEmailAddress,
					       t->email);
		rv = rv ?: mdeliver_put_int(
			r, v, c, MD_PidTagNonDeliveryReportReasonCode,
			MD_NDR_REASON_TRANSFER_FAILED);
		rv = rv ?: mdeliver_put_int(
			r, v, c, MD_PidTagNonDeliveryReportDiagCode, t->diag);
		rv = rv ?: mdeliver_put_int(
			r, v, c, MD_PidTagNonDeliveryReportStatusCode,
			t->diag == MD_NDR_DIAG_NAME_AMBIGUOUS ? 514 :
			t->diag == MD_NDR_DIAG_UNSUPPORTED_ADDRTYPE ? 513 :
			511);
		rv = rv ?: mdeliver_put_string(r, v, c,
					       MD_PidTagSupplementaryInfo,
					       diag_text(t->diag));
		rv = rv ?: mdeliver_put_int(r, v, c, MD_PidTagReportTime,
					    (int64_t)now);
	}
	*rows = r;
	*count = n;
	return rv;
}

/** Fill @a report (new, in the sender's mailbox) for @a e's failures. */
enum MAPISTATUS mdeliver_build_report(struct mdeliver *ctx,
				      const struct mdeliver_entry *e,
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
	rv = rv ?: report_props(tmp, e, &o, &v, &n);
	rv = rv ?: mdeliver_person_props(tmp, &e->from, received, &v, &n);
	rv = rv ?: mdeliver_set_props(report, v, n);
	rv = rv ?: report_rows(tmp, e, &rows, &count);
	rv = rv ?: mstore_message_set_recipients(report, rows, count);
	talloc_free(tmp);
	return rv;
}
