/*
 * The sub-objects of RopCopyTo with WantSubObjects (MS-OXCPRPT 2.2.11.1:
 * "If WantSubObjects is nonzero then sub-objects MUST also be copied"):
 * a folder's messages (normal and FAI) and its subfolders, each with its
 * tree, go into the destination folder; a message's recipients and
 * attachments into the destination message, kept in memory until
 * RopSaveChangesMessage like its properties (MS-OXCPRPT 3.2.5.11).  With
 * the Move flag the source loses them.  A kind of sub-object whose
 * property is in ExcludedTags (PidTagContainerContents,
 * PidTagFolderAssociatedContents, PidTagContainerHierarchy,
 * PidTagMessageRecipients, PidTagMessageAttachments) is left alone.
 *
 * Each folder's message or subfolder is copied in a transaction of its
 * own; the first failure (a name clash, a cycle) stops the ROP with its
 * error, what was copied before stays.
 */
#include "emsmdb.h"
#include "emsmdb_logon.h"
#include "emsmdb_rop_handlers.h"
#include "emsmdb_rop_copysub.h"
#include "store/store_lob.h"

#include <util/debug.h>
#include <gen_ndr/rops_property.h>

/* The sub-object properties (MS-OXPROPS, PtypObject) */
#define PidTagMessageRecipients		0x0E12000D
#define PidTagMessageAttachments	0x0E13000D
#define PidTagContainerHierarchy	0x360E000D
#define PidTagContainerContents		0x360F000D
#define PidTagFolderAssociatedContents	0x3610000D

/* The stores of a copy's source and destination. */
struct stores {
	struct mstore *from;
	struct mstore *to;
};

static bool excluded(const uint32_t *tags, uint16_t n, uint32_t tag)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		if (MSTORE_PROP_ID(tags[i]) == MSTORE_PROP_ID(tag)) {
			return true;
		}
	}
	return false;
}

/* The messages of @a src (FAI ones with @a assoc) into @a dst. */
static enum MAPISTATUS copy_messages(struct mstore *store, uint64_t src,
				     uint64_t dst, bool assoc, bool move)
{
	TALLOC_CTX *tmp = talloc_new(store);
	struct mstore_row *rows;
	uint64_t *mids, copy;
	uint32_t n = 0, i;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mstore_folder_messages(tmp, store, src, assoc, NULL, 0, &mids,
				    &rows, &n);
	for (i = 0; rv == MAPI_E_SUCCESS && i < n; i++) {
		rv = move ? mstore_message_move(store, mids[i], dst) :
			    mstore_message_copy(store, mids[i], dst, &copy);
	}
	talloc_free(tmp);
	return rv;
}

/* The subfolders of @a src, with their trees, into @a dst. */
static enum MAPISTATUS copy_subfolders(struct mstore *store, uint64_t src,
				       uint64_t dst, bool move)
{
	TALLOC_CTX *tmp = talloc_new(store);
	uint64_t *kids, copy;
	uint32_t n = 0, i;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mstore_folder_children(tmp, store, src, &kids, &n);
	for (i = 0; rv == MAPI_E_SUCCESS && i < n; i++) {
		rv = move ? mstore_folder_move(store, kids[i], dst, NULL) :
			    mstore_folder_copy(store, kids[i], dst, NULL, true,
					       &copy);
	}
	talloc_free(tmp);
	return rv;
}

static enum MAPISTATUS folder_subobjects(struct emsmdb_rop_call *call,
					 struct emsmdb_object *dst,
					 uint8_t flags, const uint32_t *ex,
					 uint16_t nex)
{
	struct mstore *store = emsmdb_store_of(call->input);
	uint64_t src_fid = ((struct emsmdb_folder *)call->input->data)->fid;
	uint64_t dst_fid = ((struct emsmdb_folder *)dst->data)->fid;
	bool move = (flags & PropertyCopyFlags_Move) != 0;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	if (store != emsmdb_store_of(dst)) {
		return MAPI_E_NO_SUPPORT;	/* another store */
	}
	if (!excluded(ex, nex, PidTagContainerContents)) {
		rv = copy_messages(store, src_fid, dst_fid, false, move);
	}
	if (rv == MAPI_E_SUCCESS &&
	    !excluded(ex, nex, PidTagFolderAssociatedContents)) {
		rv = copy_messages(store, src_fid, dst_fid, true, move);
	}
	if (rv == MAPI_E_SUCCESS &&
	    !excluded(ex, nex, PidTagContainerHierarchy)) {
		rv = copy_subfolders(store, src_fid, dst_fid, move);
	}
	return rv;
}

/* Rows without the key the store gives each sub-object. */
static void drop_key(struct mstore_row *rows, uint32_t n, uint32_t tag)
{
	uint32_t i, j, k;

	for (i = 0; i < n; i++) {
		for (j = 0, k = 0; j < rows[i].count; j++) {
			if (rows[i].values[j].tag != tag) {
				rows[i].values[k++] = rows[i].values[j];
			}
		}
		rows[i].count = k;
	}
}

/* A message of another store (the mailbox's and the public folders'
 * logons share a session) gets its own copies of the values kept out of
 * line (store_lob.h). */
static enum MAPISTATUS to_store(TALLOC_CTX *mem_ctx, struct stores *st,
				struct mstore_row *rows, uint32_t n)
{
	enum MAPISTATUS rv = MAPI_E_SUCCESS;
	uint32_t i;

	for (i = 0; rv == MAPI_E_SUCCESS && i < n; i++) {
		rv = mstore_large_transfer_all(mem_ctx, st->from,
					       rows[i].values, rows[i].count,
					       st->to);
	}
	return rv;
}

static enum MAPISTATUS copy_recipients(TALLOC_CTX *mem_ctx,
				       struct emsmdb_message *src,
				       struct emsmdb_message *dst,
				       uint8_t flags, struct stores *st)
{
	struct mstore_row *rows, *have;
	uint32_t n = 0, n_have = 0;
	enum MAPISTATUS rv;

	rv = mstore_message_get_recipients(mem_ctx, src->msg, &rows, &n);
	if (rv == MAPI_E_SUCCESS) {
		rv = mstore_message_get_recipients(mem_ctx, dst->msg, &have,
						   &n_have);
	}
	if (rv != MAPI_E_SUCCESS || n == 0 ||
	    ((flags & PropertyCopyFlags_NoOverwrite) && n_have > 0)) {
		return rv;
	}
	drop_key(rows, n, MSTORE_PidTagRowid);
	rv = to_store(mem_ctx, st, rows, n);
	if (rv == MAPI_E_SUCCESS) {
		rv = mstore_message_set_recipients(dst->msg, rows, n);
	}
	if (rv == MAPI_E_SUCCESS && (flags & PropertyCopyFlags_Move)) {
		rv = mstore_message_set_recipients(src->msg, NULL, 0);
	}
	return rv;
}

static enum MAPISTATUS copy_attachments(TALLOC_CTX *mem_ctx,
					struct emsmdb_message *src,
					struct emsmdb_message *dst,
					uint8_t flags, struct stores *st)
{
	const struct mstore_value *num;
	struct mstore_row *rows;
	uint32_t n = 0, i, added;
	enum MAPISTATUS rv;

	rv = mstore_message_get_attachments(mem_ctx, src->msg, &rows, &n);
	if (rv == MAPI_E_SUCCESS) {
		rv = to_store(mem_ctx, st, rows, n);
	}
	for (i = 0; rv == MAPI_E_SUCCESS && i < n; i++) {
		num = mstore_values_find(rows[i].values, rows[i].count,
					 MSTORE_PidTagAttachNumber);
		if ((flags & PropertyCopyFlags_Move) && num != NULL) {
			rv = mstore_message_delete_attachment(
				src->msg, (uint32_t)num->v.i32);
		}
		drop_key(&rows[i], 1, MSTORE_PidTagAttachNumber);
		if (rv == MAPI_E_SUCCESS) {
			rv = mstore_message_add_attachment(
				dst->msg, rows[i].values, rows[i].count,
				&added);
		}
	}
	return rv;
}

static enum MAPISTATUS message_subobjects(struct emsmdb_rop_call *call,
					  struct emsmdb_object *dst_obj,
					  uint8_t flags, const uint32_t *ex,
					  uint16_t nex)
{
	struct emsmdb_message *src = call->input->data;
	struct emsmdb_message *dst = dst_obj->data;
	struct stores st = {
		.from = emsmdb_store_of(call->input),
		.to = emsmdb_store_of(dst_obj)
	};
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	if (!dst->writable ||
	    ((flags & PropertyCopyFlags_Move) && !src->writable)) {
		return MAPI_E_NO_ACCESS;
	}
	if (!excluded(ex, nex, PidTagMessageRecipients)) {
		rv = copy_recipients(call->mem_ctx, src, dst, flags, &st);
	}
	if (rv == MAPI_E_SUCCESS &&
	    !excluded(ex, nex, PidTagMessageAttachments)) {
		rv = copy_attachments(call->mem_ctx, src, dst, flags, &st);
	}
	return rv;
}

enum MAPISTATUS emsmdb_copy_subobjects(struct emsmdb_rop_call *call,
				       struct emsmdb_object *dst,
				       uint8_t flags, const uint32_t *excl,
				       uint16_t count)
{
	switch (call->input->type) {
	case EMSMDB_OBJECT_FOLDER:
		return folder_subobjects(call, dst, flags, excl, count);
	case EMSMDB_OBJECT_MESSAGE:
		return message_subobjects(call, dst, flags, excl, count);
	default:
		return MAPI_E_NO_SUPPORT;
	}
}
