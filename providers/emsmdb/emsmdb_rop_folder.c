/*
 * Folder ROPs (MS-OXCFOLD, MS-OXCROPS 2.2.4): opening, creating, deleting,
 * moving and copying folders.  The ROPs on the messages of a folder are
 * in emsmdb_rop_folder_messages.c.
 *
 * Every operation runs synchronously: WantAsynchronous is a request the
 * server may decline (MS-OXCFOLD 3.2.5.7, 3.2.5.8), and the response is
 * the ROP's own, never RopProgress.  RopDeleteFolder soft deletes unless
 * DELETE_HARD_DELETE is set (MS-OXCFOLD 2.2.1.3.1).
 */
#include "emsmdb.h"
#include "emsmdb_logon.h"
#include "emsmdb_rop_handlers.h"
#include "emsmdb_rop_propval.h"

#include <util/debug.h>

/* MS-OXCFOLD 2.2.1.1.1 OpenModeFlags */
#define OPEN_SOFT_DELETED	0x04

/*
 * MS-OXCFOLD 3.2.5.1 RopOpenFolder: a folder of the logon's store, opened
 * from the logon or from another folder; a soft-deleted one (or one in a
 * soft-deleted folder) only with OpenSoftDeleted (2.2.1.1.1).  No folder
 * is ghosted (no public folder replicas) and none has rules yet.
 */
enum MAPISTATUS emsmdb_rop_open_folder(struct emsmdb_rop_call *call)
{
	const struct RopOpenFolder_req *req = &call->request->Body.OpenFolder;
	struct RopOpenFolder_Success *ok =
		&call->response->Body.OpenFolder.Data.Success;
	struct mstore *store = emsmdb_store_of(call->input);
	struct emsmdb_folder *folder;
	enum MAPISTATUS rv;

	if (store == NULL) {
		return ecNullObject;
	}
	rv = mstore_folder_open_ex(store, req->FolderId,
				   req->OpenModeFlags & OPEN_SOFT_DELETED ?
				   MSTORE_SOFT_DELETED : 0);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	folder = talloc_zero(call->mem_ctx, struct emsmdb_folder);
	if (folder == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	folder->fid = req->FolderId;
	if (emsmdb_rop_new_object(call, call->input, EMSMDB_OBJECT_FOLDER,
				  folder) == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	talloc_steal(call->output, folder);
	ok->HasRules = 0;
	ok->IsGhosted = 0;
	return MAPI_E_SUCCESS;
}

#define PidTagComment 0x3004001F

static uint64_t fid_of(struct emsmdb_object *o)
{
	struct emsmdb_folder *f = talloc_get_type_abort(o->data,
						       struct emsmdb_folder);

	return f->fid;
}

/* A FolderString of the request as UTF-8 (MS-OXCFOLD 2.2.1.2.1: string8
 * in the session's code page, or Unicode). */
static const char *folder_string(struct emsmdb_rop_call *call, bool unicode,
				 const union FolderString *s)
{
	struct emsmdb_strconv conv;

	if (unicode) {
		return s->Unicode;
	}
	if (s->String8 == NULL ||
	    emsmdb_strconv_of(call, &conv) != MAPI_E_SUCCESS ||
	    conv.map == NULL) {
		return s->String8;
	}
	return mapi_string8_from_wire(call->mem_ctx, conv.map,
				      conv.code_page, s->String8);
}

static enum MAPISTATUS new_folder_object(struct emsmdb_rop_call *call,
					 uint64_t fid)
{
	struct emsmdb_folder *folder = talloc_zero(call->mem_ctx,
						   struct emsmdb_folder);

	if (folder == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	folder->fid = fid;
	if (emsmdb_rop_new_object(call, call->input, EMSMDB_OBJECT_FOLDER,
				  folder) == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	talloc_steal(call->output, folder);
	return MAPI_E_SUCCESS;
}

/*
 * MS-OXCFOLD 3.2.5.2 RopCreateFolder: a generic or search folder under
 * the input folder.  A sibling of the same name is ecDuplicateName
 * (MAPI_E_COLLISION), unless OpenExisting asks for that folder, which is
 * then opened (IsExistingFolder).
 */
enum MAPISTATUS emsmdb_rop_create_folder(struct emsmdb_rop_call *call)
{
	const struct RopCreateFolder_req *req =
		&call->request->Body.CreateFolder;
	struct RopCreateFolder_Success *ok =
		&call->response->Body.CreateFolder.Data.Success;
	struct mstore *store = emsmdb_store_of(call->input);
	struct mstore_value comment = { .tag = PidTagComment };
	const char *name;
	uint32_t flags = 0;
	bool existed = false;
	uint64_t fid = 0;
	enum MAPISTATUS rv;

	if (req->FolderType != FOLDER_GENERIC &&
	    req->FolderType != FOLDER_SEARCH) {
		return MAPI_E_INVALID_PARAMETER;
	}
	name = folder_string(call, req->UseUnicodeStrings, &req->DisplayName);
	comment.v.str = folder_string(call, req->UseUnicodeStrings,
				      &req->Comment);
	if (name == NULL || name[0] == '\0') {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (req->OpenExisting) {
		flags |= MSTORE_OPEN_IF_EXISTS;
	}
	if (req->FolderType == FOLDER_SEARCH) {
		flags |= MSTORE_SEARCH_FOLDER;
	}
	rv = mstore_folder_create(store, fid_of(call->input), name, &comment,
				  comment.v.str && comment.v.str[0] ? 1 : 0,
				  flags, &fid, &existed);
	if (rv != MAPI_E_SUCCESS) {
		DBG_INFO("cannot create folder \"%s\": 0x%08x\n", name, rv);
		return rv;
	}
	ok->FolderId = fid;
	ok->IsExistingFolder = existed ? 1 : 0;
	if (existed) {
		ok->Existing.Existing.HasRules = 0;
		ok->Existing.Existing.IsGhosted = 0;
	}
	return new_folder_object(call, fid);
}

/* The folder @a fid must be a child of the input folder. */
static enum MAPISTATUS check_child(struct mstore *store, uint64_t parent,
				   uint64_t fid)
{
	uint64_t p = 0;
	enum MAPISTATUS rv = mstore_folder_parent(store, fid, &p);

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	return p == parent ? MAPI_E_SUCCESS : MAPI_E_NOT_FOUND;
}

/* MS-OXCFOLD 2.2.1.3.1 DeleteFolderFlags: DEL_MESSAGES, DEL_FOLDERS,
 * DELETE_HARD_DELETE */
#define DELETE_FOLDER_FLAGS \
	(MSTORE_DEL_MESSAGES | MSTORE_DEL_FOLDERS | MSTORE_DEL_HARD)

/*
 * MS-OXCFOLD 3.2.5.3 RopDeleteFolder: a subfolder of the input folder.
 * Without DEL_MESSAGES / DEL_FOLDERS a folder that holds messages or
 * subfolders is left alone, and the answer is success with
 * PartialCompletion set (R371, R1079, R816/R817, R1080/R1081).  Another
 * bit in DeleteFolderFlags is ecInvalidParam (R1234); special folders
 * cannot be deleted (ecAccessDenied, R502).
 */
enum MAPISTATUS emsmdb_rop_delete_folder(struct emsmdb_rop_call *call)
{
	const struct RopDeleteFolder_req *req =
		&call->request->Body.DeleteFolder;
	struct RopDeleteFolder_resp *resp =
		&call->response->Body.DeleteFolder;
	struct mstore *store = emsmdb_store_of(call->input);
	enum MAPISTATUS rv;

	if (req->DeleteFolderFlags & ~DELETE_FOLDER_FLAGS) {
		return MAPI_E_INVALID_PARAMETER;
	}
	rv = check_child(store, fid_of(call->input), req->FolderId);
	if (rv == MAPI_E_SUCCESS) {
		rv = mstore_folder_delete(store, req->FolderId,
					  req->DeleteFolderFlags);
	}
	if (rv == MAPI_E_HAS_MESSAGES || rv == MAPI_E_HAS_FOLDERS) {
		resp->PartialCompletion = 1;
		return MAPI_E_SUCCESS;
	}
	return rv;
}

/*
 * The destination folder of RopMoveFolder / RopCopyFolder
 * (MS-OXCROPS 2.2.4.7, 2.2.4.8): none is the Null Destination Failure
 * Response; an object that is not a folder is ecNotSupported
 * (MS-OXCFOLD 3.2.5.7, 3.2.5.8: "either the source object or the
 * destination object is not a Folder object").
 */
static enum MAPISTATUS destination(struct emsmdb_rop_call *call,
				   uint8_t index, union MoveCopy_resp_data *d,
				   uint64_t *dst_fid)
{
	struct emsmdb_object *dst = emsmdb_rop_object_at(call, index);

	if (dst == NULL) {
		d->NullDestination.DestHandleIndex = index;
		d->NullDestination.PartialCompletion = 0;
		call->keep_body = true;
		return ecDstNullObject;
	}
	if (dst->type != EMSMDB_OBJECT_FOLDER) {
		return MAPI_E_NO_SUPPORT;
	}
	*dst_fid = fid_of(dst);
	return MAPI_E_SUCCESS;
}

/*
 * MS-OXCFOLD 3.2.5.7 RopMoveFolder: FolderId, a subfolder of the source
 * folder, goes under the destination folder as NewFolderName.  Errors:
 * ecNotFound (no such subfolder), ecNotSupported (source or destination
 * not a folder), ecDuplicateName (MAPI_E_COLLISION), ecAccessDenied (a
 * special folder).  A move into the folder's own subtree has no code in
 * MS-OXCFOLD (3.2.5.7 defers to MS-OXCDATA 2.4); it is
 * MAPI_E_FOLDER_CYCLE (FolderCycle 0x8004060B, MS-OXCDATA 2.4), the code
 * MAPI documents for IMAPIFolder::CopyFolder in that case.  The move is
 * one transaction: it happens whole or not at all, so PartialCompletion
 * (2.2.1.7.2: "fails for a subset of targets") stays zero.
 */
enum MAPISTATUS emsmdb_rop_move_folder(struct emsmdb_rop_call *call)
{
	const struct RopMoveFolder_req *req = &call->request->Body.MoveFolder;
	union MoveCopy_resp_data *d = &call->response->Body.MoveFolder.Data;
	struct mstore *store = emsmdb_store_of(call->input);
	const char *name;
	uint64_t dst_fid = 0;
	enum MAPISTATUS rv;

	rv = destination(call, req->DestHandleIndex, d, &dst_fid);
	if (rv == MAPI_E_SUCCESS) {
		rv = check_child(store, fid_of(call->input), req->FolderId);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	name = folder_string(call, req->UseUnicode, &req->NewFolderName);
	rv = mstore_folder_move(store, req->FolderId, dst_fid,
				name && name[0] ? name : NULL);
	d->PartialCompletion = 0;
	return rv;
}

/*
 * MS-OXCFOLD 3.2.5.8 RopCopyFolder: a copy of FolderId (with
 * WantRecursive its subfolders too) under the destination folder, with
 * the errors of RopMoveFolder.
 */
enum MAPISTATUS emsmdb_rop_copy_folder(struct emsmdb_rop_call *call)
{
	const struct RopCopyFolder_req *req = &call->request->Body.CopyFolder;
	union MoveCopy_resp_data *d = &call->response->Body.CopyFolder.Data;
	struct mstore *store = emsmdb_store_of(call->input);
	const char *name;
	uint64_t dst_fid = 0, new_fid = 0;
	enum MAPISTATUS rv;

	rv = destination(call, req->DestHandleIndex, d, &dst_fid);
	if (rv == MAPI_E_SUCCESS) {
		rv = check_child(store, fid_of(call->input), req->FolderId);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	name = folder_string(call, req->UseUnicode, &req->NewFolderName);
	rv = mstore_folder_copy(store, req->FolderId, dst_fid,
				name && name[0] ? name : NULL,
				req->WantRecursive != 0, &new_fid);
	d->PartialCompletion = 0;
	return rv;
}
