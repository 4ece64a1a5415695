/*
 * Read state and status ROPs (MS-OXCMSG 3.2.5.8-3.2.5.11; MS-OXCROPS
 * 2.2.6.8-2.2.6.11): RopSetMessageReadFlag on a message object,
 * RopSetReadFlags, RopGetMessageStatus and RopSetMessageStatus on a
 * folder.  Every change is stored at once, without a new change number
 * (the store's mstore_message_set_read_flags()).
 *
 * Read receipts: the read flags say when one is due (mfNotifyRead set:
 * rfDefault, rfGenerateReceiptOnly); it is sent through local delivery
 * (emsmdb_rop_receipt.c) and is then no longer pending.
 */
#include "emsmdb_rop_message.h"
#include "emsmdb_rop_handlers.h"
#include "emsmdb_rop_store.h"
#include "emsmdb_rop_receipt.h"

#include <string.h>
#include <util/debug.h>
#include <gen_ndr/ndr_rops_message.h>

/* ClientData of a public folders logon (MS-OXCMSG 2.2.3.11.1) */
#define CLIENT_DATA_SIZE 24

/*
 * MS-OXCROPS 2.2.6.11.1: ClientData follows ReadFlags only on a public
 * folders logon; the generated request has the private layout and the
 * ClientData goes to the call's request_extra.
 */
enum ndr_err_code emsmdb_rop_pull_set_message_read_flag(
	struct ndr_pull *pull, struct emsmdb_rop_env *env,
	TALLOC_CTX *mem_ctx, struct RopRequest *req, const void **extra)
{
	struct RopSetMessageReadFlag_req *r = &req->Body.SetMessageReadFlag;
	struct emsmdb_object *o = emsmdb_object_logon(env->objects,
						      req->LogonId);
	struct emsmdb_logon *logon = emsmdb_logon_of(o);
	struct RopSetMessageReadFlag_public_req *p;

	if (logon == NULL || !emsmdb_logon_is_public(logon)) {
		return ndr_pull_RopSetMessageReadFlag_req(
			pull, NDR_SCALARS | NDR_BUFFERS, r);
	}
	p = talloc_zero(mem_ctx, struct RopSetMessageReadFlag_public_req);
	NDR_ERR_HAVE_NO_MEMORY(p);
	NDR_CHECK(ndr_pull_RopSetMessageReadFlag_public_req(
		pull, NDR_SCALARS | NDR_BUFFERS, p));
	r->InputHandleIndex = p->InputHandleIndex;
	r->ReadFlags = p->ReadFlags;
	*extra = p->ClientData;
	return NDR_ERR_SUCCESS;
}

/*
 * MS-OXCMSG 3.2.5.11 RopSetMessageReadFlag: the read state of the
 * message object's message, stored at once (a message never saved
 * changes in memory).  ReadStatusChanged is nonzero only when the state
 * changed on a public folders logon, which then echoes LogonId and
 * ClientData (2.2.3.11.2).  Reading needs no write access.
 */
enum MAPISTATUS emsmdb_rop_set_message_read_flag(struct emsmdb_rop_call *call)
{
	struct RopSetMessageReadFlag_Success *ok =
		&call->response->Body.SetMessageReadFlag.Data.Success;
	struct emsmdb_logon *logon = emsmdb_logon_of(call->input);
	struct mstore_read_result res = { 0 };
	struct emsmdb_message *m;
	enum MAPISTATUS rv = emsmdb_message_of(call->input, &m);

	if (rv == MAPI_E_SUCCESS) {
		uint8_t rf = call->request->Body.SetMessageReadFlag.ReadFlags;

		rv = mstore_message_read_flags(m->msg, rf, &res);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (res.receipt_due && !m->embedded) {
		emsmdb_receipt_read(call, emsmdb_store_of(call->input),
				    m->mid);
	}
	if (res.read_changed && logon != NULL &&
	    emsmdb_logon_is_public(logon) && call->request_extra != NULL) {
		ok->ReadStatusChanged = 1;
		ok->Changed.Changed.LogonId = call->request->LogonId;
		memcpy(ok->Changed.Changed.ClientData, call->request_extra,
		       CLIENT_DATA_SIZE);
	}
	return MAPI_E_SUCCESS;
}

/*
 * MS-OXCMSG 3.2.5.10 RopSetReadFlags: the read state of messages of the
 * folder, each stored at once; the ones that cannot be changed (not in
 * the folder) make PartialCompletion nonzero.  The work is always done
 * before the response (WantAsynchronous is not needed: no RopProgress).
 */
enum MAPISTATUS emsmdb_rop_set_read_flags(struct emsmdb_rop_call *call)
{
	const struct RopSetReadFlags_req *req =
		&call->request->Body.SetReadFlags;
	struct RopSetReadFlags_resp *resp =
		&call->response->Body.SetReadFlags;
	struct mstore *store = emsmdb_store_of(call->input);
	struct mstore_read_result res;
	uint64_t fid;
	uint16_t i;
	enum MAPISTATUS rv = emsmdb_folder_fid_of(call->input, &fid);

	for (i = 0; rv == MAPI_E_SUCCESS && i < req->MessageIdCount; i++) {
		rv = mstore_message_set_read_flags(store, fid,
						   req->MessageIds[i],
						   req->ReadFlags, &res);
		if (rv == MAPI_E_NOT_FOUND) {
			resp->PartialCompletion = 1;
			rv = MAPI_E_SUCCESS;
		} else if (rv == MAPI_E_SUCCESS && res.receipt_due) {
			emsmdb_receipt_read(call, store, req->MessageIds[i]);
		}
	}
	if (rv != MAPI_E_SUCCESS) {
		/* the failure response keeps PartialCompletion */
		resp->PartialCompletion = 1;
		call->keep_body = true;
	}
	return rv;
}

/* MS-OXCMSG 3.2.5.9 RopGetMessageStatus: PidTagMessageStatus of a
 * message of the folder, without opening it. */
enum MAPISTATUS emsmdb_rop_get_message_status(struct emsmdb_rop_call *call)
{
	uint32_t status = 0;
	uint64_t fid;
	enum MAPISTATUS rv = emsmdb_folder_fid_of(call->input, &fid);

	if (rv == MAPI_E_SUCCESS) {
		rv = mstore_message_get_status(
			emsmdb_store_of(call->input), fid,
			call->request->Body.GetMessageStatus.MessageId,
			&status);
	}
	if (rv == MAPI_E_SUCCESS) {
		call->response->Body.GetMessageStatus.Data
			.MessageStatusFlags = status;
	}
	return rv;
}

/* MS-OXCMSG 3.2.5.8 RopSetMessageStatus: the masked bits take their
 * value in MessageStatusFlags; the response has the status before. */
enum MAPISTATUS emsmdb_rop_set_message_status(struct emsmdb_rop_call *call)
{
	const struct RopSetMessageStatus_req *req =
		&call->request->Body.SetMessageStatus;
	uint32_t old = 0;
	uint64_t fid;
	enum MAPISTATUS rv = emsmdb_folder_fid_of(call->input, &fid);

	if (rv == MAPI_E_SUCCESS) {
		rv = mstore_message_set_status(emsmdb_store_of(call->input),
					       fid, req->MessageId,
					       req->MessageStatusFlags,
					       req->MessageStatusMask, &old);
	}
	if (rv == MAPI_E_SUCCESS) {
		call->response->Body.SetMessageStatus.Data
			.MessageStatusFlags = old;
	}
	return rv;
}
