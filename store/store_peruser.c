/*
 * sambamapi message store: per-user information of public folders
 * (MS-OXCSTOR 2.2.1.10 - 2.2.1.13, 3.2.5.10 - 3.2.5.13).
 *
 * A private mailbox caches, for each public folder the user read, the
 * read/unread data (an opaque blob to the store) and the replica GUID of
 * the public store that gave it.  The public store keeps the current data
 * of each user.  One record per (user, folder) under CN=PERUSER:
 *   ltid	 48 hex digits of the folder's LongTermId
 *   replGuid the replica GUID of the writer's public store (private)
 *   data	 the committed blob
 *   pending  a write in progress (RopWritePerUserInformation chunks
 *	     before HasFinished)
 * A private mailbox's records have no user (the mailbox is the user).
 */
#include <string.h>
#include <util/debug.h>
#include "store/store_private.h"

#define MSTORE_DN_PERUSER	"CN=PERUSER"
#define LTID_SIZE		24

static char *ltid_hex(TALLOC_CTX *mem_ctx,
		      const struct mstore_long_term_id *ltid)
{
	uint8_t raw[LTID_SIZE];
	char *hex = talloc_array(mem_ctx, char, 2 * LTID_SIZE + 1);
	size_t i;

	if (hex == NULL) {
		return NULL;
	}
	mstore_long_term_id_put(raw, ltid);
	for (i = 0; i < LTID_SIZE; i++) {
		snprintf(hex + 2 * i, 3, "%02x", raw[i]);
	}
	return hex;
}

static bool ltid_from_hex(const char *hex, struct mstore_long_term_id *ltid)
{
	uint8_t raw[LTID_SIZE];
	unsigned int b;
	size_t i;

	if (hex == NULL || strlen(hex) != 2 * LTID_SIZE) {
		return false;
	}
	for (i = 0; i < LTID_SIZE; i++) {
		if (sscanf(hex + 2 * i, "%2x", &b) != 1) {
			return false;
		}
		raw[i] = (uint8_t)b;
	}
	return mstore_long_term_id_get(raw, ltid);
}

/* The user part of a record's RDN: hex of the lower-cased name ("-" for
 * a private mailbox), so that any account name makes a valid DN. */
static char *user_key(TALLOC_CTX *mem_ctx, const char *user)
{
	char *key;
	size_t i, n;

	if (user == NULL) {
		return talloc_strdup(mem_ctx, "-");
	}
	n = strlen(user);
	key = talloc_array(mem_ctx, char, 2 * n + 1);
	for (i = 0; key != NULL && i < n; i++) {
		unsigned char c = (unsigned char)user[i];

		if (c >= 'A' && c <= 'Z') {
			c = c - 'A' + 'a';
		}
		snprintf(key + 2 * i, 3, "%02x", c);
	}
	if (key != NULL) {
		key[2 * n] = '\0';
	}
	return key;
}

static struct ldb_dn *peruser_dn(TALLOC_CTX *mem_ctx, struct mstore *store,
				 const char *user,
				 const struct mstore_long_term_id *ltid)
{
	char *u = user_key(mem_ctx, user);
	char *l = ltid_hex(mem_ctx, ltid);

	if (u == NULL || l == NULL) {
		return NULL;
	}
	return ldb_dn_new_fmt(mem_ctx, store->ldb, "CN=%s.%s,%s", u, l,
			      MSTORE_DN_PERUSER);
}

static bool user_ok(const struct mstore *store, const char *user)
{
	/* the public store keeps data per user; a mailbox is its user's */
	return store->is_public ? (user != NULL && user[0] != '\0')
				: user == NULL;
}

static const DATA_BLOB *blob_of(const struct ldb_message *msg,
				const char *attr)
{
	const struct ldb_val *v = ldb_msg_find_ldb_val(msg, attr);
	static const DATA_BLOB empty = { NULL, 0 };

	return v != NULL ? v : &empty;
}

enum MAPISTATUS mstore_peruser_read(TALLOC_CTX *mem_ctx, struct mstore *store,
				    const char *user,
				    const struct mstore_long_term_id *folder,
				    struct mstore_bin *data,
				    struct mstore_guid *repl_guid)
{
	static const char *attrs[] = { "data", "replGuid", NULL };
	struct ldb_message *msg;
	const DATA_BLOB *b;
	enum MAPISTATUS ret;

	if (!user_ok(store, user)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	ret = mstore_record_load(mem_ctx, store,
				 peruser_dn(mem_ctx, store, user, folder),
				 attrs, &msg);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	b = blob_of(msg, "data");
	data->length = b->length;
	data->data = b->length > 0 ? talloc_memdup(mem_ctx, b->data,
						   b->length)
				   : NULL;
	if (repl_guid != NULL &&
	    !mstore_guid_from_hex(ldb_msg_find_attr_as_string(msg, "replGuid",
							      ""),
				  repl_guid)) {
		memset(repl_guid, 0, sizeof(*repl_guid));
	}
	talloc_free(msg);
	return data->length == 0 || data->data != NULL
		       ? MAPI_E_SUCCESS
		       : MAPI_E_NOT_ENOUGH_MEMORY;
}

/* The new "pending" and "data" values of a write. */
static enum MAPISTATUS write_values(TALLOC_CTX *mem_ctx,
				    const struct ldb_message *old,
				    const struct mstore_peruser_chunk *c,
				    DATA_BLOB *pending)
{
	const DATA_BLOB *prev = old && c->offset > 0 ? blob_of(old, "pending")
						     : NULL;
	size_t have = prev ? prev->length : 0;

	/* chunks follow each other: DataOffset is what was written so far
	 * (MS-OXCSTOR 2.2.1.13.1) */
	if (c->offset != have) {
		return MAPI_E_INVALID_PARAMETER;
	}
	*pending = data_blob_talloc(mem_ctx, NULL, have + c->length);
	if (have + c->length > 0 && pending->data == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (have > 0) {
		memcpy(pending->data, prev->data, have);
	}
	if (c->length > 0) {
		memcpy(pending->data + have, c->data, c->length);
	}
	return MAPI_E_SUCCESS;
}

/* ldb has no empty values: empty data is a missing attribute. */
static int put_blob(struct ldb_message *msg, const char *attr,
		    const DATA_BLOB *b)
{
	if (ldb_msg_add_empty(msg, attr, LDB_FLAG_MOD_REPLACE, NULL) != 0) {
		return -1;
	}
	return b->length > 0 ? ldb_msg_add_value(msg, attr, b, NULL) : 0;
}

static enum MAPISTATUS write_record(TALLOC_CTX *tmp, struct mstore *store,
				    struct ldb_dn *dn,
				    const struct ldb_message *old,
				    const struct mstore_peruser_chunk *c,
				    const DATA_BLOB *pending)
{
	struct ldb_message *msg = ldb_msg_new(tmp);
	DATA_BLOB empty = data_blob_null;
	int err;

	if (msg == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	msg->dn = dn;
	err = put_blob(msg, "pending", c->finished ? &empty : pending);
	if (err == 0 && c->finished) {
		err = put_blob(msg, "data", pending);
	}
	if (err == 0 && c->offset == 0 && c->repl_guid != NULL) {
		err = ldb_msg_add_empty(msg, "replGuid", LDB_FLAG_MOD_REPLACE,
					NULL) ||
		      ldb_msg_add_string(msg, "replGuid",
					 mstore_guid_hex(msg, c->repl_guid));
	}
	if (err == 0 && c->offset == 0) {
		err = ldb_msg_add_empty(msg, "ltid", LDB_FLAG_MOD_REPLACE,
					NULL) ||
		      ldb_msg_add_string(msg, "ltid",
					 ltid_hex(msg, c->folder));
	}
	if (err != 0) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (old != NULL) {
		return mstore_ldb_status(store, ldb_modify(store->ldb, msg));
	}
	/* a new record: every attribute with a value is simply added */
	for (err = msg->num_elements - 1; err >= 0; err--) {
		msg->elements[err].flags = 0;
		if (msg->elements[err].num_values == 0) {
			ldb_msg_remove_element(msg, &msg->elements[err]);
		}
	}
	return mstore_record_add(store, msg);
}

static enum MAPISTATUS write_in_txn(TALLOC_CTX *tmp, struct mstore *store,
				    const char *user,
				    const struct mstore_peruser_chunk *c)
{
	static const char *attrs[] = { "pending", NULL };
	struct ldb_dn *dn = peruser_dn(tmp, store, user, c->folder);
	struct ldb_message *old = NULL;
	DATA_BLOB pending;
	enum MAPISTATUS ret;

	ret = mstore_record_load(tmp, store, dn, attrs, &old);
	if (ret == MAPI_E_NOT_FOUND) {
		old = NULL;
	} else if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	ret = write_values(tmp, old, c, &pending);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	return write_record(tmp, store, dn, old, c, &pending);
}

enum MAPISTATUS mstore_peruser_write(struct mstore *store, const char *user,
				     const struct mstore_peruser_chunk *chunk)
{
	TALLOC_CTX *tmp;
	enum MAPISTATUS ret;

	if (!user_ok(store, user) || chunk->folder == NULL ||
	    (chunk->length > 0 && chunk->data == NULL)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	tmp = talloc_new(store);
	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mstore_txn_start(store);
	if (ret == MAPI_E_SUCCESS) {
		ret = write_in_txn(tmp, store, user, chunk);
		ret = mstore_txn_finish(store, ret);
	}
	talloc_free(tmp);
	return ret;
}

static enum MAPISTATUS list_append(TALLOC_CTX *mem_ctx,
				   const struct ldb_message *msg,
				   struct mstore_long_term_id **ltids,
				   uint32_t *count)
{
	struct mstore_long_term_id lt, *n;

	if (!ltid_from_hex(ldb_msg_find_attr_as_string(msg, "ltid", NULL),
			   &lt)) {
		return MAPI_E_CORRUPT_STORE;
	}
	n = talloc_realloc(mem_ctx, *ltids, struct mstore_long_term_id,
			   *count + 1);
	if (n == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	n[(*count)++] = lt;
	*ltids = n;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_peruser_list(TALLOC_CTX *mem_ctx, struct mstore *store,
				    const struct mstore_guid *repl_guid,
				    struct mstore_long_term_id **ltids,
				    uint32_t *count)
{
	static const char *attrs[] = { "ltid", NULL };
	struct ldb_result *res = NULL;
	struct ldb_dn *base;
	enum MAPISTATUS ret;
	unsigned int i;
	char *hex;

	*ltids = NULL;
	*count = 0;
	if (store->is_public) {
		return MAPI_E_NO_SUPPORT;
	}
	hex = mstore_guid_hex(mem_ctx, repl_guid);
	base = ldb_dn_new(mem_ctx, store->ldb, MSTORE_DN_PERUSER);
	if (hex == NULL || base == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mstore_ldb_status(store, ldb_search(store->ldb, mem_ctx, &res,
						  base, LDB_SCOPE_SUBTREE,
						  attrs, "(replGuid=%s)",
						  hex));
	for (i = 0; ret == MAPI_E_SUCCESS && i < res->count; i++) {
		ret = list_append(mem_ctx, res->msgs[i], ltids, count);
	}
	talloc_free(res);
	talloc_free(hex);
	talloc_free(base);
	return ret;
}
