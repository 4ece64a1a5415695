/*
 * Read and non-read receipts through the session's local delivery
 * (delivery/delivery_receipt.c does the work): the message read or
 * deleted is in the logon's store, the receipt comes from the session's
 * own mailbox.
 */
#include "emsmdb.h"
#include "emsmdb_rop_receipt.h"

#include <util/debug.h>

static void send_receipt(struct emsmdb_rop_call *call, struct mstore *store,
			 uint64_t fid, uint64_t mid,
			 enum mdeliver_receipt kind)
{
	struct emsmdb_session *s = call->env->session;
	enum MAPISTATUS rv;

	if (s == NULL || s->delivery == NULL || store == NULL) {
		DBG_NOTICE("no delivery for the receipt of message "
			   "0x%016llx\n", (unsigned long long)mid);
		return;
	}
	rv = mdeliver_receipt(s->delivery, store, fid, mid, s->account_name,
			      kind);
	if (rv != MAPI_E_SUCCESS && rv != MAPI_E_NOT_FOUND) {
		DBG_WARNING("receipt of message 0x%016llx not sent: "
			    "0x%08x\n", (unsigned long long)mid, rv);
	}
}

void emsmdb_receipt_read(struct emsmdb_rop_call *call, struct mstore *store,
			 uint64_t mid)
{
	send_receipt(call, store, 0, mid, MDELIVER_RECEIPT_READ);
}

void emsmdb_receipts_nonread(struct emsmdb_rop_call *call,
			     struct mstore *store, uint64_t fid,
			     const uint64_t *mids, uint32_t count)
{
	uint32_t i;

	for (i = 0; i < count; i++) {
		send_receipt(call, store, fid, mids[i],
			     MDELIVER_RECEIPT_NONREAD);
	}
}
