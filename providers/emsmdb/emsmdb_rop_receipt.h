/*
 * Read and non-read receipts of the messages a session reads or deletes
 * (MS-OXOMSG 2.2.1.29; MS-OXCMSG 2.2.3.10.1, 2.2.3.11; MS-OXCFOLD
 * 2.2.1.11, 2.2.1.12), sent through the session's local delivery.
 */
#ifndef EMSMDB_ROP_RECEIPT_H
#define EMSMDB_ROP_RECEIPT_H

#include "emsmdb_rop.h"
#include "delivery/delivery.h"

/**
 * @brief The read receipt due on message @a mid of @a store now that the
 * ROP @a call made it read (or asked for it, rfGenerateReceiptOnly):
 * sent to its sender.  A failure is logged; the ROP's own result stands.
 */
void emsmdb_receipt_read(struct emsmdb_rop_call *call, struct mstore *store,
			 uint64_t mid);

/**
 * @brief Before messages of folder @a fid are deleted with NotifyNonRead
 * (RopDeleteMessages, RopHardDeleteMessages): the non-read receipt of
 * every one of them deleted unread whose sender asked for one.
 */
void emsmdb_receipts_nonread(struct emsmdb_rop_call *call,
			     struct mstore *store, uint64_t fid,
			     const uint64_t *mids, uint32_t count);

#endif /* EMSMDB_ROP_RECEIPT_H */
