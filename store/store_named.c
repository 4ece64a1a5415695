/*
 * sambamapi message store: the mailbox's named property mapping
 * (MS-OXCPRPT 3.1.5.2, MS-OXPROPS 1.3.2): GUID + LID or GUID + name to a
 * property id in 0x8000..0xFFFE, allocated on demand.
 */
#include <stdio.h>
#include <string.h>
#include "store/store_private.h"

#define NAMED_FIRST 0x8000
#define NAMED_LAST 0xFFFE

static char *named_key(TALLOC_CTX *mem_ctx, const struct mstore_named_prop *n)
{
	char *g = mstore_guid_hex(mem_ctx, &n->guid);

	if (g == NULL) {
		return NULL;
	}
	if (n->is_string) {
		return talloc_asprintf(mem_ctx, "%s:N:%s", g, n->name);
	}
	return talloc_asprintf(mem_ctx, "%s:L:%08x", g, n->lid);
}

static enum MAPISTATUS parse_record(TALLOC_CTX *mem_ctx,
				    const struct ldb_message *msg,
				    uint16_t *propid,
				    struct mstore_named_prop *n)
{
	const char *key = ldb_msg_find_attr_as_string(msg, "npKey", NULL);
	char guid[33];
	unsigned int lid;

	*propid = (uint16_t)ldb_msg_find_attr_as_uint(msg, "npId", 0);
	if (key == NULL || strlen(key) < 36 || key[32] != ':' ||
	    key[34] != ':' || *propid < NAMED_FIRST) {
		return MAPI_E_CORRUPT_STORE;
	}
	memcpy(guid, key, 32);
	guid[32] = '\0';
	if (!mstore_guid_from_hex(guid, &n->guid)) {
		return MAPI_E_CORRUPT_STORE;
	}
	n->is_string = key[33] == 'N';
	n->name = NULL;
	n->lid = 0;
	if (n->is_string) {
		n->name = talloc_strdup(mem_ctx, key + 35);
		return n->name ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (sscanf(key + 35, "%8x", &lid) != 1) {
		return MAPI_E_CORRUPT_STORE;
	}
	n->lid = lid;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS search_named(TALLOC_CTX *mem_ctx,
				    struct mstore *store, const char *filter,
				    struct ldb_result **res)
{
	static const char *attrs[] = { "npKey", "npId", NULL };
	struct ldb_dn *base = ldb_dn_new(mem_ctx, store->ldb,
					 MSTORE_DN_NAMEDPROPS);

	if (base == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return mstore_ldb_status(store, ldb_search(
		store->ldb, mem_ctx, res, base, LDB_SCOPE_SUBTREE, attrs,
		"%s", filter));
}

static enum MAPISTATUS allocate_named(TALLOC_CTX *tmp, struct mstore *store,
				      const char *key, uint16_t *propid)
{
	static const char *attrs[] = { "nextNamedId", NULL };
	struct ldb_message *mbx, *rec;
	unsigned int next;
	enum MAPISTATUS ret;

	ret = mstore_record_load(tmp, store,
				 ldb_dn_new(tmp, store->ldb,
					    MSTORE_DN_MAILBOX),
				 attrs, &mbx);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	next = ldb_msg_find_attr_as_uint(mbx, "nextNamedId", NAMED_FIRST);
	if (next < NAMED_FIRST) {
		return MAPI_E_CORRUPT_STORE;
	}
	if (next > NAMED_LAST) {
		return MAPI_E_NAMED_PROP_QUOTA_EXCEEDED;
	}
	rec = ldb_msg_new(tmp);
	if (rec == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rec->dn = ldb_dn_new_fmt(rec, store->ldb, "CN=%04X,%s", next,
				 MSTORE_DN_NAMEDPROPS);
	if (rec->dn == NULL || ldb_msg_add_string(rec, "npKey", key) != 0 ||
	    ldb_msg_add_fmt(rec, "npId", "%u", next) != 0) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mstore_record_add(store, rec);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_record_set_string(
			store, mbx->dn, "nextNamedId",
			talloc_asprintf(tmp, "%u", next + 1));
	}
	if (ret == MAPI_E_SUCCESS) {
		*propid = (uint16_t)next;
	}
	return ret;
}

enum MAPISTATUS mstore_named_to_id(struct mstore *store,
				   const struct mstore_named_prop *name,
				   bool create, uint16_t *propid)
{
	TALLOC_CTX *tmp;
	struct ldb_result *res = NULL;
	char *key, *filter;
	enum MAPISTATUS ret;

	if (name->is_string && (name->name == NULL || name->name[0] == 0)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	tmp = talloc_new(store);
	key = tmp ? named_key(tmp, name) : NULL;
	filter = key ? talloc_asprintf(tmp, "(npKey=%s)",
				       ldb_binary_encode_string(tmp, key))
		     : NULL;
	if (filter == NULL) {
		talloc_free(tmp);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = create ? mstore_txn_start(store) : MAPI_E_SUCCESS;
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(tmp);
		return ret;
	}
	ret = search_named(tmp, store, filter, &res);
	if (ret == MAPI_E_SUCCESS && res->count > 0) {
		*propid = (uint16_t)ldb_msg_find_attr_as_uint(res->msgs[0],
							      "npId", 0);
	} else if (ret == MAPI_E_SUCCESS && create) {
		ret = allocate_named(tmp, store, key, propid);
	} else if (ret == MAPI_E_SUCCESS) {
		ret = MAPI_E_NOT_FOUND;
	}
	if (create) {
		ret = mstore_txn_finish(store, ret);
	}
	talloc_free(tmp);
	return ret;
}

enum MAPISTATUS mstore_id_to_named(TALLOC_CTX *mem_ctx,
				   struct mstore *store, uint16_t propid,
				   struct mstore_named_prop *name)
{
	static const char *attrs[] = { "npKey", "npId", NULL };
	struct ldb_message *msg;
	uint16_t id;
	enum MAPISTATUS ret;

	if (propid < NAMED_FIRST || propid > NAMED_LAST) {
		return MAPI_E_NOT_FOUND;
	}
	ret = mstore_record_load(mem_ctx, store,
				 ldb_dn_new_fmt(mem_ctx, store->ldb,
						"CN=%04X,%s", propid,
						MSTORE_DN_NAMEDPROPS),
				 attrs, &msg);
	if (ret == MAPI_E_SUCCESS) {
		ret = parse_record(mem_ctx, msg, &id, name);
		talloc_free(msg);
	}
	return ret;
}

enum MAPISTATUS mstore_named_list(TALLOC_CTX *mem_ctx, struct mstore *store,
				  uint16_t **propids,
				  struct mstore_named_prop **names,
				  uint32_t *count)
{
	static const char *attrs[] = { "nextNamedId", NULL };
	struct ldb_message *mbx;
	struct mstore_named_prop *n;
	uint16_t *ids;
	unsigned int next, i;
	enum MAPISTATUS ret;

	/* Ids are allocated densely from 0x8000: read them by id. */
	ret = mstore_record_load(mem_ctx, store,
				 ldb_dn_new(mem_ctx, store->ldb,
					    MSTORE_DN_MAILBOX),
				 attrs, &mbx);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	next = ldb_msg_find_attr_as_uint(mbx, "nextNamedId", NAMED_FIRST);
	talloc_free(mbx);
	if (next < NAMED_FIRST || next > NAMED_LAST + 1) {
		return MAPI_E_CORRUPT_STORE;
	}
	ids = talloc_zero_array(mem_ctx, uint16_t, next - NAMED_FIRST + 1);
	n = talloc_zero_array(mem_ctx, struct mstore_named_prop,
			      next - NAMED_FIRST + 1);
	if (ids == NULL || n == NULL) {
		ret = MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; ret == MAPI_E_SUCCESS && i < next - NAMED_FIRST; i++) {
		ids[i] = (uint16_t)(NAMED_FIRST + i);
		ret = mstore_id_to_named(n, store, ids[i], &n[i]);
	}
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(ids);
		talloc_free(n);
		return ret;
	}
	*propids = ids;
	*names = n;
	*count = next - NAMED_FIRST;
	return MAPI_E_SUCCESS;
}
