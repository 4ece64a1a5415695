/*
 * The folder ROPs on a folder's content (MS-OXCFOLD 3.2.5.4 - 3.2.5.12):
 * emptying it, deleting, moving and copying its messages.  RopEmptyFolder
 * and RopDeleteMessages soft delete (the store keeps the items hidden,
 * see MSTORE_SOFT_DELETED), their Hard variants delete for good.
 */
#include "emsmdb.h"
#include "emsmdb_logon.h"
#include "emsmdb_rop_handlers.h"

#include <util/debug.h>

static uint64_t fid_of(struct emsmdb_object *o)
{
	struct emsmdb_folder *f = talloc_get_type_abort(o->data,
						       struct emsmdb_folder);

	return f->fid;
}

#define PidTagFolderType 0x36010003
#define FOLDER_SEARCH 2

/*
 * MS-OXCFOLD 3.2.5.9: emptying the Root folder or a search folder
 * SHOULD be ecNotSupported (R1248, R1249; R3012: "a folder that this ROP
 * was called on is not allowed to be emptied"); RopHardDeleteMessages-
 * AndSubfolders behaves the same (3.2.5.10).
 */
static enum MAPISTATUS check_emptiable(struct emsmdb_rop_call *call,
				       struct mstore *store, uint64_t fid)
{
	const uint32_t tag = PidTagFolderType;
	struct mstore_value *v = NULL;
	uint64_t parent = 0;
	enum MAPISTATUS rv;

	rv = mstore_folder_parent(store, fid, &parent);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (parent == 0) {
		return MAPI_E_NO_SUPPORT;
	}
	rv = mstore_folder_get_props(call->mem_ctx, store, fid, &tag, 1, &v);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	return v[0].tag == tag && v[0].v.i32 == FOLDER_SEARCH ?
	       MAPI_E_NO_SUPPORT : MAPI_E_SUCCESS;
}

/* The folder's messages (FAI ones too with @a associated) and subfolders,
 * soft deleted unless MSTORE_DEL_HARD is in @a flags. */
static enum MAPISTATUS empty(struct emsmdb_rop_call *call, bool associated,
			     uint32_t flags)
{
	struct mstore *store = emsmdb_store_of(call->input);
	uint64_t fid = fid_of(call->input);
	enum MAPISTATUS rv = check_emptiable(call, store, fid);

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	return mstore_folder_empty_ex(store, fid, flags |
				      (associated ? MSTORE_EMPTY_ASSOCIATED :
						    0));
}

/* MS-OXCFOLD 3.2.5.9 RopEmptyFolder: "the server soft deletes the
 * folder's messages and subfolders" (the FAI messages with
 * WantDeleteAssociated); special folders stay. */
enum MAPISTATUS emsmdb_rop_empty_folder(struct emsmdb_rop_call *call)
{
	const struct RopEmptyFolder_req *req =
		&call->request->Body.EmptyFolder;

	call->response->Body.EmptyFolder.PartialCompletion = 0;
	return empty(call, req->WantDeleteAssociated != 0, 0);
}

/* MS-OXCFOLD 3.2.5.10 RopHardDeleteMessagesAndSubfolders: as
 * RopEmptyFolder, for good. */
enum MAPISTATUS emsmdb_rop_hard_delete_messages_and_subfolders(
	struct emsmdb_rop_call *call)
{
	const struct RopHardDeleteMessagesAndSubfolders_req *req =
		&call->request->Body.HardDeleteMessagesAndSubfolders;

	call->response->Body.HardDeleteMessagesAndSubfolders
		.PartialCompletion = 0;
	return empty(call, req->WantDeleteAssociated != 0, MSTORE_DEL_HARD);
}

/* MS-OXCFOLD 3.2.5.11 RopDeleteMessages: the messages are soft deleted
 * (2.2.1.11); MIDs not in the folder are skipped.  NotifyNonRead asks for
 * non-read receipts: none are sent. */
enum MAPISTATUS emsmdb_rop_delete_messages(struct emsmdb_rop_call *call)
{
	const struct RopDeleteMessages_req *req =
		&call->request->Body.DeleteMessages;

	call->response->Body.DeleteMessages.PartialCompletion = 0;
	return mstore_messages_delete_ex(emsmdb_store_of(call->input),
					 fid_of(call->input), req->MessageIds,
					 req->MessageIdCount, 0, NULL);
}

/* MS-OXCFOLD 3.2.5.12 RopHardDeleteMessages: for good, soft-deleted
 * messages of the folder too. */
enum MAPISTATUS emsmdb_rop_hard_delete_messages(struct emsmdb_rop_call *call)
{
	const struct RopHardDeleteMessages_req *req =
		&call->request->Body.HardDeleteMessages;

	call->response->Body.HardDeleteMessages.PartialCompletion = 0;
	return mstore_messages_delete_ex(emsmdb_store_of(call->input),
					 fid_of(call->input), req->MessageIds,
					 req->MessageIdCount, MSTORE_DEL_HARD,
					 NULL);
}

/* Whether message @a mid is in folder @a fid. */
static bool in_folder(struct mstore *store, uint64_t mid, uint64_t fid)
{
	struct mstore_message *msg = NULL;
	TALLOC_CTX *tmp = talloc_new(NULL);
	bool ok;

	ok = tmp != NULL &&
	     mstore_message_open(tmp, store, mid, &msg) == MAPI_E_SUCCESS &&
	     mstore_message_fid(msg) == fid;
	talloc_free(tmp);
	return ok;
}

/*
 * MS-OXCFOLD 3.2.5.6 RopMoveCopyMessages: messages of the source folder
 * moved (or with WantCopy copied) to the folder at DestHandleIndex, of
 * the same logon.  A message that is not there, or fails, makes
 * PartialCompletion nonzero; the others are still processed.
 */
enum MAPISTATUS emsmdb_rop_move_copy_messages(struct emsmdb_rop_call *call)
{
	const struct RopMoveCopyMessages_req *req =
		&call->request->Body.MoveCopyMessages;
	union MoveCopy_resp_data *d =
		&call->response->Body.MoveCopyMessages.Data;
	struct mstore *store = emsmdb_store_of(call->input);
	struct emsmdb_object *dst;
	uint64_t src_fid = fid_of(call->input), dst_fid, new_mid;
	enum MAPISTATUS rv;
	uint16_t i;

	dst = emsmdb_rop_object_at(call, req->DestHandleIndex);
	if (dst == NULL) {
		d->NullDestination.DestHandleIndex = req->DestHandleIndex;
		call->keep_body = true;
		return ecDstNullObject;
	}
	if (dst->type != EMSMDB_OBJECT_FOLDER) {
		/* MS-OXCFOLD 3.2.5.6 (R590): ecNotSupported */
		return MAPI_E_NO_SUPPORT;
	}
	dst_fid = fid_of(dst);
	d->PartialCompletion = 0;
	for (i = 0; i < req->MessageIdCount; i++) {
		uint64_t mid = req->MessageIds[i];

		if (!in_folder(store, mid, src_fid)) {
			d->PartialCompletion = 1;
			continue;
		}
		rv = req->WantCopy ?
		     mstore_message_copy(store, mid, dst_fid, &new_mid) :
		     mstore_message_move(store, mid, dst_fid);
		if (rv != MAPI_E_SUCCESS) {
			DBG_INFO("message 0x%016llx: 0x%08x\n",
				 (unsigned long long)mid, rv);
			d->PartialCompletion = 1;
		}
	}
	return MAPI_E_SUCCESS;
}
