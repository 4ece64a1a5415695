/*
 * Read and non-read receipts (MS-OXOMSG 2.2.1.29; MS-OXCMSG 2.2.1.6,
 * 2.2.3.10.1).  A delivered copy whose sender asked for receipts has
 * mfNotifyRead and/or mfNotifyUnread set (delivery_copy.c).  When the
 * recipient marks it read (rfDefault, rfGenerateReceiptOnly), a read
 * receipt "REPORT." + class + ".IPNRN" goes to the sender, or to the
 * receipt recipient of PidTagReadReceiptEntryId; when the recipient
 * deletes it unread, a non-read receipt ".IPNNRN".  Either is sent once:
 * both flags are cleared after it.
 *
 * A receipt is a message from the recipient: it is written into the
 * recipient's hidden transport folder and submitted from there with
 * PidTagDeleteAfterSubmit, so local delivery carries it (the receipt
 * recipient's receive folder for its class, or the queue for an address
 * outside this server) and removes it once sent.  No non-delivery report
 * is asked for about a receipt (PidTagOriginatorNonDeliveryReportRequested
 * false).
 */
#include <string.h>
#include <util/debug.h>
#include "delivery/delivery_private.h"

/* The folder RopGetTransportFolder names (MS-OXOMSG 2.2.5.2). */
#define TRANSPORT_FOLDER_NAME "Transport"

/* What tells one kind of receipt from the other. */
struct receipt_kind {
	const char *suffix;		/* of the message class */
	const char *subject;		/* before the original subject */
	const char *text;		/* the report text */
	int32_t pending;		/* PidTagMessageFlags bit */
};

static const struct receipt_kind kinds[] = {
	[MDELIVER_RECEIPT_READ] = {
		"IPNRN", "Read: ", "Your message was read.",
		MD_MSGFLAG_NOTIFYREAD
	},
	[MDELIVER_RECEIPT_NONREAD] = {
		"IPNNRN", "Not read: ",
		"Your message was deleted without being read.",
		MD_MSGFLAG_NOTIFYUNREAD
	},
};

enum MAPISTATUS mdeliver_transport_folder(struct mstore *store, uint64_t *fid)
{
	uint64_t root = 0;
	enum MAPISTATUS rv;

	rv = mstore_special_fid(store, MSTORE_ROOT, &root);
	return rv ?: mstore_folder_create(store, root, TRANSPORT_FOLDER_NAME,
					  NULL, 0, MSTORE_OPEN_IF_EXISTS, fid,
					  NULL);
}

/* Whether the receipt of @a kind is pending on @a orig (row of all its
 * properties): its flag set, and for a non-read receipt, still unread. */
static bool pending(const struct mstore_row *orig, enum mdeliver_receipt kind)
{
	const struct mstore_value *f = mstore_values_find(
		orig->values, orig->count, MD_PidTagMessageFlags);
	int32_t flags = f != NULL ? f->v.i32 : 0;

	if ((flags & kinds[kind].pending) == 0) {
		return false;
	}
	return kind == MDELIVER_RECEIPT_READ ||
	       (flags & MD_MSGFLAG_READ) == 0;
}

/* Copy the value of @a from in @a orig, if any, under @a to. */
static enum MAPISTATUS carry(TALLOC_CTX *mem_ctx,
			     const struct mstore_row *orig, uint32_t from,
			     uint32_t to, struct mstore_value **v,
			     uint32_t *n)
{
	const struct mstore_value *found = mstore_values_find(
		orig->values, orig->count, from);
	struct mstore_value copy;

	if (found == NULL) {
		return MAPI_E_SUCCESS;
	}
	copy = *found;
	copy.tag = to;
	return mdeliver_put(mem_ctx, v, n, &copy);
}

/* What the receipt says of the original (MS-OXOMSG 2.2.2). */
static enum MAPISTATUS original_props(TALLOC_CTX *mem_ctx,
				      const struct mstore_row *orig,
				      struct mstore_value **v, uint32_t *n)
{
	static const uint32_t map[][2] = {
		{ MD_PidTagSubject, MD_PidTagOriginalSubject },
		{ MD_PidTagMessageClass, MD_PidTagOriginalMessageClass },
		{ MD_PidTagClientSubmitTime, MD_PidTagOriginalSubmitTime },
		{ MD_PidTagMessageDeliveryTime, MD_PidTagOriginalDeliveryTime },
		{ MD_PidTagSenderName, MD_PidTagOriginalSenderName },
		{ MD_PidTagSenderEntryId, MD_PidTagOriginalSenderEntryId },
		{ MD_PidTagSenderAddressType,
		  MD_PidTagOriginalSenderAddressType },
		{ MD_PidTagSenderEmailAddress,
		  MD_PidTagOriginalSenderEmailAddress },
		{ MD_PidTagSentRepresentingName,
		  MD_PidTagOriginalSentRepresentingName },
		{ MD_PidTagSentRepresentingAddressType,
		  MD_PidTagOriginalSentRepresentingAddressType },
		{ MD_PidTagSentRepresentingEmailAddress,
		  MD_PidTagOriginalSentRepresentingEmailAddress },
		{ MD_PidTagDisplayTo, MD_PidTagOriginalDisplayTo },
		{ MD_PidTagDisplayCc, MD_PidTagOriginalDisplayCc },
		/* 2.2.2.18: the original's search key */
		{ MD_PidTagSearchKey, MD_PidTagParentKey },
	};
	enum MAPISTATUS rv = MAPI_E_SUCCESS;
	size_t i;

	for (i = 0; rv == MAPI_E_SUCCESS && i < ARRAY_SIZE(map); i++) {
		rv = carry(mem_ctx, orig, map[i][0], map[i][1], v, n);
	}
	return rv;
}

/* The receipt's own properties. */
static enum MAPISTATUS receipt_props(TALLOC_CTX *mem_ctx,
				     const struct mstore_row *orig,
				     enum mdeliver_receipt kind,
				     struct mstore_value **v, uint32_t *n)
{
	const struct receipt_kind *k = &kinds[kind];
	const char *cls = mdeliver_row_string(orig, MD_ID_MESSAGE_CLASS);
	const char *subject = mdeliver_row_string(orig, MD_ID_SUBJECT);
	enum MAPISTATUS rv;

	rv = mdeliver_put_string(mem_ctx, v, n, MD_PidTagMessageClass,
				 talloc_asprintf(mem_ctx, "REPORT.%s.%s",
						 cls ? cls : "IPM.Note",
						 k->suffix));
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n, MD_PidTagSubject,
				       talloc_asprintf(mem_ctx, "%s%s",
						       k->subject,
						       subject ? subject :
						       ""));
	rv = rv ?: original_props(mem_ctx, orig, v, n);
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n, MD_PidTagReportText,
				       k->text);
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n, MD_PidTagBody, k->text);
	rv = rv ?: mdeliver_put_int(mem_ctx, v, n, MD_PidTagReportTime,
				    (int64_t)mdeliver_now());
	rv = rv ?: mdeliver_put_int(mem_ctx, v, n,
				    MD_PidTagDeleteAfterSubmit, 1);
	return rv ?: mdeliver_put_int(
		mem_ctx, v, n, MD_PidTagOriginatorNonDeliveryReportRequested,
		0);
}

/*
 * The receipt's one recipient row (MS-OXOMSG 2.2.1.29): the receipt
 * recipient of PidTagReadReceiptEntryId, else the original's sender.
 */
static enum MAPISTATUS receipt_recipient(TALLOC_CTX *mem_ctx,
					 const struct mstore_row *orig,
					 struct mstore_row *row)
{
	const struct mstore_value *eid = mstore_values_find(
		orig->values, orig->count, MD_PidTagReadReceiptEntryId);
	enum MAPISTATUS rv;

	rv = mdeliver_put_int(mem_ctx, &row->values, &row->count,
			      MD_PidTagRecipientType, MD_RECIP_TO);
	if (rv == MAPI_E_SUCCESS && eid != NULL && eid->v.bin.length > 0) {
		/* delivery resolves the entry ID (the row has no address) */
		return mdeliver_put(mem_ctx, &row->values, &row->count, eid);
	}
	if (mdeliver_row_string(orig, MD_ID_SENDER_EMAIL_ADDRESS) == NULL) {
		DBG_NOTICE("a receipt for a message without a sender\n");
		return MAPI_E_NOT_FOUND;
	}
	rv = rv ?: carry(mem_ctx, orig, MD_PidTagSenderName,
			 MD_PidTagDisplayName, &row->values, &row->count);
	rv = rv ?: carry(mem_ctx, orig, MD_PidTagSenderAddressType,
			 MD_PidTagAddressType, &row->values, &row->count);
	rv = rv ?: carry(mem_ctx, orig, MD_PidTagSenderEmailAddress,
			 MD_PidTagEmailAddress, &row->values, &row->count);
	rv = rv ?: carry(mem_ctx, orig, MD_PidTagSenderEntryId,
			 MD_PidTagEntryId, &row->values, &row->count);
	return rv ?: carry(mem_ctx, orig, MD_PidTagSenderSmtpAddress,
			   MD_PidTagSmtpAddress, &row->values, &row->count);
}

/* Write the receipt into @a reader's transport folder and submit it. */
static enum MAPISTATUS send_receipt(struct mdeliver *ctx,
				    TALLOC_CTX *mem_ctx, const char *reader,
				    const struct mstore_row *orig,
				    enum mdeliver_receipt kind)
{
	struct mstore_row to = { 0 };
	struct mstore_value *v = NULL;
	struct mstore_message *m = NULL;
	struct mdeliver_result res;
	struct mstore *store = NULL;
	uint32_t n = 0;
	uint64_t fid = 0;
	enum MAPISTATUS rv;

	rv = receipt_recipient(mem_ctx, orig, &to);
	rv = rv ?: receipt_props(mem_ctx, orig, kind, &v, &n);
	rv = rv ?: mdeliver_open_mailbox(ctx, mem_ctx, reader, &store);
	rv = rv ?: mdeliver_transport_folder(store, &fid);
	rv = rv ?: mstore_message_create(mem_ctx, store, fid, false, &m);
	rv = rv ?: mdeliver_set_props(m, v, n);
	rv = rv ?: mstore_message_set_recipients(m, &to, 1);
	rv = rv ?: mstore_message_save(m);
	return rv ?: mdeliver_submit(ctx, store, reader, mstore_message_mid(m),
				     0, &res);
}

enum MAPISTATUS mdeliver_receipt(struct mdeliver *ctx, struct mstore *store,
				 uint64_t fid, uint64_t mid,
				 const char *reader,
				 enum mdeliver_receipt kind)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mstore_message *m = NULL;
	struct mstore_row orig = { 0 };
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mstore_message_open(tmp, store, mid, &m);
	if (rv == MAPI_E_SUCCESS && fid != 0 && mstore_message_fid(m) != fid) {
		rv = MAPI_E_NOT_FOUND;
	}
	rv = rv ?: mstore_message_get_all_props(tmp, m, &orig.values,
						&orig.count);
	if (rv == MAPI_E_SUCCESS && pending(&orig, kind)) {
		DBG_INFO("%s receipt of message 0x%016llx of %s\n",
			 kinds[kind].suffix, (unsigned long long)mid, reader);
		rv = send_receipt(ctx, tmp, reader, &orig, kind);
		/* MS-OXCMSG 2.2.3.10.1: a receipt is sent once; the other
		 * kind is not due any more either */
		rv = rv ?: mstore_message_set_read_flags(
			store, 0, mid, MD_RF_CLEAR_NOTIFY_READ |
			MD_RF_CLEAR_NOTIFY_UNREAD, NULL);
	}
	talloc_free(tmp);
	return rv;
}
