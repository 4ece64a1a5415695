/*
 * sambamapi message store: change tracking.  Every change to a folder or
 * message gets a change number from the GLOBCNT counter, a
 * PidTagChangeKey (an XID of the replica GUID and that GLOBCNT) and a
 * PidTagPredecessorChangeList with the new XID merged in (MS-OXCFXICS
 * 2.2.1.2 and 2.2.2); objects carry their PidTagSourceKey, the XID of
 * their own id (MS-OXCFXICS 2.2.1.2.5).
 */
#include <string.h>
#include "store/store_private.h"

enum MAPISTATUS mstore_values_put(TALLOC_CTX *mem_ctx,
				  struct mstore_value **values,
				  uint32_t *count,
				  const struct mstore_value *v)
{
	struct mstore_value *arr = *values;
	uint32_t i;

	/* A property id holds one type at a time (MS-OXCPRPT 3.2.5.3). */
	for (i = 0; i < *count; i++) {
		if (MSTORE_PROP_ID(arr[i].tag) == MSTORE_PROP_ID(v->tag)) {
			return mstore_value_copy(arr, v, &arr[i]);
		}
	}
	arr = talloc_realloc(mem_ctx, arr, struct mstore_value, *count + 1);
	if (arr == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	*values = arr;
	(*count)++;
	return mstore_value_copy(arr, v, &arr[*count - 1]);
}

void mstore_values_remove(struct mstore_value *values, uint32_t *count,
			  uint32_t tag)
{
	uint32_t i;

	for (i = 0; i < *count; i++) {
		if (MSTORE_PROP_ID(values[i].tag) == MSTORE_PROP_ID(tag)) {
			memmove(&values[i], &values[i + 1],
				(*count - i - 1) * sizeof(values[0]));
			(*count)--;
			return;
		}
	}
}

enum MAPISTATUS mstore_put_i64(TALLOC_CTX *mem_ctx,
			       struct mstore_value **values, uint32_t *count,
			       uint32_t tag, int64_t i)
{
	struct mstore_value v = { .tag = tag };

	switch (MSTORE_PROP_TYPE(tag)) {
	case PT_LONG:
		v.v.i32 = (int32_t)i;
		break;
	case PT_BOOLEAN:
		v.v.b = (i != 0);
		break;
	case PT_SYSTIME:
		v.v.u64 = (uint64_t)i;
		break;
	default:
		v.v.i64 = i;
		break;
	}
	return mstore_values_put(mem_ctx, values, count, &v);
}

enum MAPISTATUS mstore_put_bin(TALLOC_CTX *mem_ctx,
			       struct mstore_value **values, uint32_t *count,
			       uint32_t tag, const struct mstore_bin *bin)
{
	struct mstore_value v = { .tag = tag };

	v.v.bin = *bin;
	return mstore_values_put(mem_ctx, values, count, &v);
}

enum MAPISTATUS mstore_change_stamp(TALLOC_CTX *mem_ctx,
				    struct mstore *store,
				    struct mstore_value **values,
				    uint32_t *count)
{
	const struct mstore_value *old_pcl;
	struct mstore_bin key, pcl;
	uint64_t cn, now = mstore_now_filetime();
	enum MAPISTATUS ret;
	TALLOC_CTX *tmp = talloc_new(mem_ctx);

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mstore_new_id(store, &cn);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_xid_make(tmp, &store->replica_guid,
				      mstore_id_globcnt(cn), &key);
	}
	if (ret == MAPI_E_SUCCESS) {
		old_pcl = mstore_values_find(
			*values, *count, MSTORE_PidTagPredecessorChangeList);
		ret = mstore_pcl_merge(tmp, old_pcl ? &old_pcl->v.bin : NULL,
				       &key, &pcl);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(mem_ctx, values, count,
				     MSTORE_PidTagChangeNumber, (int64_t)cn);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_bin(mem_ctx, values, count,
				     MSTORE_PidTagChangeKey, &key);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_bin(mem_ctx, values, count,
				     MSTORE_PidTagPredecessorChangeList,
				     &pcl);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(mem_ctx, values, count,
				     MSTORE_PidTagLastModificationTime,
				     (int64_t)now);
	}
	if (ret == MAPI_E_SUCCESS &&
	    mstore_values_find(*values, *count,
			       MSTORE_PidTagCreationTime) == NULL) {
		ret = mstore_put_i64(mem_ctx, values, count,
				     MSTORE_PidTagCreationTime, (int64_t)now);
	}
	talloc_free(tmp);
	return ret;
}

enum MAPISTATUS mstore_source_keys(TALLOC_CTX *mem_ctx,
				   struct mstore *store, uint64_t id,
				   uint64_t parent_fid,
				   struct mstore_value **values,
				   uint32_t *count)
{
	struct mstore_guid guid;
	struct mstore_bin key;
	enum MAPISTATUS ret;
	TALLOC_CTX *tmp = talloc_new(mem_ctx);

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mstore_replid_to_guid(store, mstore_id_replid(id), &guid);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_xid_make(tmp, &guid, mstore_id_globcnt(id), &key);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_bin(mem_ctx, values, count,
				     MSTORE_PidTagSourceKey, &key);
	}
	if (ret == MAPI_E_SUCCESS && parent_fid != 0) {
		ret = mstore_replid_to_guid(store, mstore_id_replid(parent_fid),
					    &guid);
		if (ret == MAPI_E_SUCCESS) {
			ret = mstore_xid_make(tmp, &guid,
					      mstore_id_globcnt(parent_fid),
					      &key);
		}
		if (ret == MAPI_E_SUCCESS) {
			ret = mstore_put_bin(mem_ctx, values, count,
					     MSTORE_PidTagParentSourceKey,
					     &key);
		}
	}
	talloc_free(tmp);
	return ret;
}
