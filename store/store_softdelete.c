/*
 * sambamapi message store: soft deletion (MS-OXCFOLD 1.3.3, 2.2.1.3.1,
 * 2.2.1.11, 3.2.5.9).  A soft-deleted folder or message keeps its record
 * with softParent (the folder it was in) in place of parent, so that no
 * listing or count of that folder sees it, and PidTagDeletedOn; the
 * folders below a soft-deleted folder carry deletedUnder.  Hard deletes
 * and mstore_purge_soft_deleted() remove them for good.
 */
#include <stdlib.h>
#include <string.h>
#include <util/debug.h>
#include "store/store_private.h"

static struct ldb_dn *record_dn(TALLOC_CTX *mem_ctx, struct mstore *store,
				const char *container, uint64_t id)
{
	return mstore_object_dn(mem_ctx, store, container, id);
}

/*
 * Hide a record: parent becomes softParent, PidTagDeletedOn is now.  One
 * ldb modify.
 */
static enum MAPISTATUS hide_record(struct mstore *store, struct ldb_dn *dn,
				   uint64_t parent)
{
	struct ldb_message *msg = ldb_msg_new(store);
	struct mstore_value when = { .tag = MSTORE_PidTagDeletedOn };
	enum MAPISTATUS ret = MAPI_E_NOT_ENOUGH_MEMORY;

	if (msg == NULL) {
		return ret;
	}
	msg->dn = dn;
	when.v.u64 = mstore_now_filetime();
	if (ldb_msg_add_empty(msg, MSTORE_ATTR_PARENT, LDB_FLAG_MOD_DELETE,
			      NULL) == 0 &&
	    ldb_msg_add_empty(msg, MSTORE_ATTR_SOFT_PARENT,
			      LDB_FLAG_MOD_REPLACE, NULL) == 0 &&
	    ldb_msg_add_string(msg, MSTORE_ATTR_SOFT_PARENT,
			       mstore_hex64(msg, parent)) == 0) {
		ret = mstore_msg_add_values(store, msg, &when, 1,
					    LDB_FLAG_MOD_REPLACE);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_ldb_status(store, ldb_modify(store->ldb, msg));
	}
	talloc_free(msg);
	return ret;
}

/* Mark @a child and the folders below it as in the soft-deleted folder
 * *@a private_data (a uint64_t). */
static enum MAPISTATUS mark_subtree(struct mstore *store, uint64_t child,
				    void *private_data)
{
	const uint64_t *top = private_data;
	TALLOC_CTX *tmp = talloc_new(store);
	enum MAPISTATUS ret;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mstore_record_set_string(
		store, record_dn(tmp, store, MSTORE_DN_FOLDERS, child),
		MSTORE_ATTR_DELETED_UNDER, mstore_hex64(tmp, *top));
	talloc_free(tmp);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_folder_each_child(store, child, false,
					       mark_subtree, private_data);
	}
	return ret;
}

/* Mark the folders below @a fid as in the soft-deleted folder @a top. */
static enum MAPISTATUS mark_below(struct mstore *store, uint64_t fid,
				  uint64_t top)
{
	return mstore_folder_each_child(store, fid, false, mark_subtree, &top);
}

enum MAPISTATUS mstore_folder_soft_delete(struct mstore *store, uint64_t fid,
					  uint64_t parent)
{
	TALLOC_CTX *tmp = talloc_new(store);
	enum MAPISTATUS ret;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = hide_record(store, record_dn(tmp, store, MSTORE_DN_FOLDERS, fid),
			  parent);
	if (ret == MAPI_E_SUCCESS) {
		/* gone, to clients (MS-OXCNOTIF ObjectDeleted) */
		mstore_event_folder(store, MSTORE_EVENT_DELETED, fid, parent,
				    0);
		ret = mark_below(store, fid, fid);
	}
	if (ret == MAPI_E_SUCCESS) {
		/* no longer among the parent's subfolders */
		ret = mstore_folder_adjust_children(store, parent, -1);
	}
	talloc_free(tmp);
	return ret;
}

/* Soft delete one message of folder @a fid; @a done when it was there. */
static enum MAPISTATUS soft_delete_one(struct mstore *store, uint64_t fid,
				       uint64_t mid, bool *done)
{
	static const char *attrs[] = {
		MSTORE_ATTR_PARENT, MSTORE_ATTR_ASSOC, "p0e070003",
		"p0e080003", NULL
	};
	struct ldb_message *rec;
	const char *parent;
	int32_t flags;
	int64_t size;
	bool assoc, unread;
	enum MAPISTATUS ret;

	*done = false;
	ret = mstore_record_load(store, store, record_dn(store, store,
			MSTORE_DN_MESSAGES, mid), attrs, &rec);
	if (ret != MAPI_E_SUCCESS) {
		return ret == MAPI_E_NOT_FOUND ? MAPI_E_SUCCESS : ret;
	}
	parent = ldb_msg_find_attr_as_string(rec, MSTORE_ATTR_PARENT, NULL);
	if (parent == NULL || strtoull(parent, NULL, 16) != fid) {
		talloc_free(rec);	/* elsewhere, or soft deleted */
		return MAPI_E_SUCCESS;
	}
	assoc = ldb_msg_find_attr_as_int(rec, MSTORE_ATTR_ASSOC, 0) != 0;
	flags = (int32_t)mstore_record_int(rec, MSTORE_PidTagMessageFlags, 0);
	unread = !assoc && !(flags & MSTORE_MSGFLAG_READ);
	size = mstore_record_int(rec, MSTORE_PidTagMessageSize, 0);
	ret = hide_record(store, rec->dn, fid);
	if (ret == MAPI_E_SUCCESS) {
		mstore_event_message(store, MSTORE_EVENT_DELETED, fid, mid,
				     assoc);
		/* the counts as if it were gone: it is, to the folder */
		ret = mstore_folder_adjust(store, fid, assoc ? 0 : -1,
					   unread ? -1 : 0, assoc ? -1 : 0,
					   -size);
	}
	*done = ret == MAPI_E_SUCCESS;
	talloc_free(rec);
	return ret;
}

enum MAPISTATUS mstore_messages_soft_delete(struct mstore *store,
					    uint64_t fid, const uint64_t *mids,
					    uint32_t count)
{
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	uint32_t i;
	bool done;

	for (i = 0; ret == MAPI_E_SUCCESS && i < count; i++) {
		ret = soft_delete_one(store, fid, mids[i], &done);
	}
	return ret;
}

/* Hard delete one message of folder @a fid, soft deleted or not. */
static enum MAPISTATUS hard_delete_one(struct mstore *store, uint64_t fid,
				       uint64_t mid, bool *done)
{
	struct mstore_message *msg = NULL;
	enum MAPISTATUS ret;

	*done = false;
	ret = mstore_message_open_ex(store, store, mid, MSTORE_SOFT_DELETED,
				     &msg);
	if (ret == MAPI_E_NOT_FOUND) {
		return MAPI_E_SUCCESS;
	}
	if (ret == MAPI_E_SUCCESS && mstore_message_fid(msg) == fid) {
		ret = mstore_message_remove(store, mid, true);
		/* the folder's tables follow (a soft-deleted message moved
		 * no count) */
		if (ret == MAPI_E_SUCCESS) {
			ret = mstore_folder_adjust(store, fid, 0, 0, 0, 0);
		}
		*done = ret == MAPI_E_SUCCESS;
	}
	talloc_free(msg);
	return ret;
}

enum MAPISTATUS mstore_messages_delete_ex(struct mstore *store, uint64_t fid,
					  const uint64_t *mids,
					  uint32_t count, uint32_t flags,
					  uint32_t *done)
{
	enum MAPISTATUS ret;
	uint32_t i, n = 0;
	bool one;

	ret = mstore_txn_start(store);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	for (i = 0; ret == MAPI_E_SUCCESS && i < count; i++) {
		ret = flags & MSTORE_DEL_HARD ?
		      hard_delete_one(store, fid, mids[i], &one) :
		      soft_delete_one(store, fid, mids[i], &one);
		n += one ? 1 : 0;
	}
	ret = mstore_txn_finish(store, ret);
	if (ret == MAPI_E_SUCCESS && done != NULL) {
		*done = n;
	}
	return ret;
}

/* ------------------------------------------------------------ purging */

static const char *purge_attrs[] = {
	MSTORE_ATTR_SOFT_PARENT, "p668f0040", "p67480014", "p674a0014", NULL
};

/* The soft-deleted records of @a container (in folder @a fid, or in any
 * with fid 0) deleted before @a before (0: all). */
static enum MAPISTATUS deleted_records(TALLOC_CTX *mem_ctx,
				       struct mstore *store,
				       const char *container, uint64_t fid,
				       uint64_t before,
				       struct ldb_result **res)
{
	struct ldb_dn *base = ldb_dn_new(mem_ctx, store->ldb, container);
	unsigned int i, k = 0;
	uint64_t when;
	int lret;

	if (base == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	lret = fid != 0 ?
	       ldb_search(store->ldb, mem_ctx, res, base, LDB_SCOPE_SUBTREE,
			  purge_attrs, "(" MSTORE_ATTR_SOFT_PARENT "=%016llX)",
			  (unsigned long long)fid) :
	       ldb_search(store->ldb, mem_ctx, res, base, LDB_SCOPE_SUBTREE,
			  purge_attrs, "(" MSTORE_ATTR_SOFT_PARENT "=*)");
	if (lret != LDB_SUCCESS) {
		return mstore_ldb_status(store, lret);
	}
	for (i = 0; i < (*res)->count; i++) {
		when = (uint64_t)mstore_record_int((*res)->msgs[i],
						   MSTORE_PidTagDeletedOn, 0);
		if (before == 0 || when < before) {
			(*res)->msgs[k++] = (*res)->msgs[i];
		}
	}
	(*res)->count = k;
	return MAPI_E_SUCCESS;
}

static uint64_t soft_parent_of(const struct ldb_message *msg)
{
	return strtoull(ldb_msg_find_attr_as_string(
		msg, MSTORE_ATTR_SOFT_PARENT, "0"), NULL, 16);
}

/* Remove soft-deleted messages; their folders' tables follow. */
static enum MAPISTATUS purge_messages(struct mstore *store,
				      struct ldb_result *res)
{
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	uint64_t mid, fid;
	unsigned int i;

	for (i = 0; ret == MAPI_E_SUCCESS && i < res->count; i++) {
		mid = (uint64_t)mstore_record_int(res->msgs[i],
						  MSTORE_PidTagMid, 0);
		fid = soft_parent_of(res->msgs[i]);
		ret = mstore_message_remove(store, mid, false);
		if (ret == MAPI_E_SUCCESS) {
			/* the folder may be gone with its own purge */
			ret = mstore_folder_adjust(store, fid, 0, 0, 0, 0);
			ret = ret == MAPI_E_NOT_FOUND ? MAPI_E_SUCCESS : ret;
		}
	}
	return ret;
}

enum MAPISTATUS mstore_messages_purge_in(struct mstore *store, uint64_t fid,
					 uint64_t before)
{
	TALLOC_CTX *tmp = talloc_new(store);
	struct ldb_result *res = NULL;
	enum MAPISTATUS ret;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = deleted_records(tmp, store, MSTORE_DN_MESSAGES, fid, before,
			      &res);
	if (ret == MAPI_E_SUCCESS) {
		ret = purge_messages(store, res);
	}
	talloc_free(tmp);
	return ret;
}

/* Remove soft-deleted folders with their trees. */
static enum MAPISTATUS purge_folders(struct mstore *store, uint64_t before,
				     uint32_t *purged)
{
	TALLOC_CTX *tmp = talloc_new(store);
	struct ldb_result *res = NULL;
	enum MAPISTATUS ret;
	unsigned int i;
	uint64_t fid;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = deleted_records(tmp, store, MSTORE_DN_FOLDERS, 0, before, &res);
	for (i = 0; ret == MAPI_E_SUCCESS && i < res->count; i++) {
		fid = (uint64_t)mstore_record_int(res->msgs[i],
						  MSTORE_PidTagFolderId, 0);
		/* one below another purged one went with it */
		if (mstore_folder_open_ex(store, fid, MSTORE_SOFT_DELETED) !=
		    MAPI_E_SUCCESS) {
			continue;
		}
		ret = mstore_folder_remove_tree(store, fid);
		if (ret == MAPI_E_SUCCESS) {
			(*purged)++;
			ret = mstore_folder_touch_hierarchy(
				store, soft_parent_of(res->msgs[i]));
			ret = ret == MAPI_E_NOT_FOUND ? MAPI_E_SUCCESS : ret;
		}
	}
	talloc_free(tmp);
	return ret;
}

static enum MAPISTATUS purge_in_txn(struct mstore *store, uint64_t before,
				    uint32_t *purged)
{
	TALLOC_CTX *tmp = talloc_new(store);
	struct ldb_result *res = NULL;
	enum MAPISTATUS ret;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = purge_folders(store, before, purged);
	if (ret == MAPI_E_SUCCESS) {
		ret = deleted_records(tmp, store, MSTORE_DN_MESSAGES, 0,
				      before, &res);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = purge_messages(store, res);
		*purged += res->count;
	}
	talloc_free(tmp);
	return ret;
}

enum MAPISTATUS mstore_purge_soft_deleted(struct mstore *store,
					  uint64_t before, uint32_t *purged)
{
	uint32_t n = 0;
	enum MAPISTATUS ret;

	if (before == 0) {
		return MAPI_E_INVALID_PARAMETER;
	}
	ret = mstore_txn_start(store);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	ret = purge_in_txn(store, before, &n);
	ret = mstore_txn_finish(store, ret);
	if (ret == MAPI_E_SUCCESS) {
		DBG_NOTICE("%s: purged %u soft-deleted items\n", store->url,
			   n);
		if (purged != NULL) {
			*purged = n;
		}
	}
	return ret;
}
