/*
 * sambamapi message store: opening a store database, its GUIDs, id
 * allocation (MS-OXCDATA 2.2.1), replica ids and entry ids.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>
#include <util/debug.h>
#include "store/store_private.h"

#define MSTORE_DEFAULT_ID_RANGE 64
#define MSTORE_DB_VERSION "1"
/* The faster backend measured by bench/store_bench (see README). */
#define MSTORE_FASTER_BACKEND MSTORE_BACKEND_LMDB

/* LMDB maps the whole database: reserve room for a large mailbox (the
 * file only grows as data is written). */
static const char *connect_options[] = {
	"lmdb_env_size:17179869184", NULL
};

static const char *mailbox_attrs[] = {
	"mailboxGuid", "replicaGuid", "globcnt", "isPublic", NULL
};

enum MAPISTATUS mstore_ldb_status(struct mstore *store, int ldb_ret)
{
	switch (ldb_ret) {
	case LDB_SUCCESS:
		return MAPI_E_SUCCESS;
	case LDB_ERR_NO_SUCH_OBJECT:
		return MAPI_E_NOT_FOUND;
	case LDB_ERR_ENTRY_ALREADY_EXISTS:
		return MAPI_E_COLLISION;
	case LDB_ERR_BUSY:
		return MAPI_E_BUSY;
	case LDB_ERR_OPERATIONS_ERROR:
	case LDB_ERR_UNAVAILABLE:
	default:
		DBG_ERR("ldb error %d: %s\n", ldb_ret,
			    ldb_errstring(store->ldb));
		return MAPI_E_DISK_ERROR;
	}
}

/* Every record carries a random objectGUID: ldb's GUID index mode
 * (@IDXGUID), which its LMDB backend requires, keys records by it. */
enum MAPISTATUS mstore_record_add(struct mstore *store,
				  struct ldb_message *msg)
{
	struct mstore_guid guid;
	struct ldb_val v;

	mstore_guid_random(&guid);
	v.data = guid.bytes;
	v.length = sizeof(guid.bytes);
	if (ldb_msg_add_value(msg, "objectGUID", &v, NULL) != LDB_SUCCESS) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return mstore_ldb_status(store, ldb_add(store->ldb, msg));
}

enum MAPISTATUS mstore_txn_start(struct mstore *store)
{
	enum MAPISTATUS ret;

	ret = mstore_ldb_status(store, ldb_transaction_start(store->ldb));
	if (ret == MAPI_E_SUCCESS) {
		store->txn_depth++;
	}
	return ret;
}

/* The outermost transaction's end also removes the value files it left
 * unreferenced (store_lob_gc.c) and publishes its change events
 * (store_events.c). */
enum MAPISTATUS mstore_txn_finish(struct mstore *store, enum MAPISTATUS ret)
{
	if (ret == MAPI_E_SUCCESS && store->txn_depth == 1) {
		ret = mstore_lob_sync_dir(store);
	}
	if (ret != MAPI_E_SUCCESS) {
		ldb_transaction_cancel(store->ldb);
	} else {
		ret = mstore_ldb_status(store,
					ldb_transaction_commit(store->ldb));
	}
	if (store->txn_depth > 0 && --store->txn_depth == 0) {
		mstore_lob_txn_end(store, ret == MAPI_E_SUCCESS);
		/* the outermost commit publishes the transaction's events */
		mstore_txn_events_end(store, ret == MAPI_E_SUCCESS);
	}
	return ret;
}

char *mstore_hex64(TALLOC_CTX *mem_ctx, uint64_t v)
{
	return talloc_asprintf(mem_ctx, "%016llX", (unsigned long long)v);
}

struct ldb_dn *mstore_object_dn(TALLOC_CTX *mem_ctx, struct mstore *store,
				const char *container, uint64_t id)
{
	return ldb_dn_new_fmt(mem_ctx, store->ldb, "CN=%016llX,%s",
			      (unsigned long long)id, container);
}

uint64_t mstore_now_filetime(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	/* FILETIME: 100 ns units since 1601-01-01 (MS-DTYP 2.3.3). */
	return ((uint64_t)tv.tv_sec + 11644473600ULL) * 10000000ULL +
	       (uint64_t)tv.tv_usec * 10;
}

char *mstore_db_path(TALLOC_CTX *mem_ctx, const char *directory,
		     const char *mailbox)
{
	char *name;
	const unsigned char *p;
	unsigned char c;

	if (mailbox == NULL) {
		return talloc_asprintf(mem_ctx, "%s/public.ldb", directory);
	}
	name = talloc_strdup(mem_ctx, "mbx-");
	for (p = (const unsigned char *)mailbox; name != NULL && *p; p++) {
		c = *p;
		if (c >= 'A' && c <= 'Z') {
			c = c - 'A' + 'a';
		}
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_' || c == '-') {
			name = talloc_asprintf_append(name, "%c", c);
		} else {
			name = talloc_asprintf_append(name, "%%%02X", c);
		}
	}
	if (name == NULL) {
		return NULL;
	}
	return talloc_asprintf(mem_ctx, "%s/%s.ldb", directory, name);
}

/* An existing file's backend from its first bytes; tdb files start with
 * "TDB file". */
static enum mstore_backend detect_backend(const char *path,
					  enum mstore_backend wanted)
{
	char magic[8];
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd == -1) {
		return wanted;
	}
	n = read(fd, magic, sizeof(magic));
	close(fd);
	if (n < (ssize_t)sizeof(magic)) {
		return wanted;
	}
	return memcmp(magic, "TDB file", 8) == 0 ? MSTORE_BACKEND_TDB
						 : MSTORE_BACKEND_LMDB;
}

static const char *backend_scheme(enum mstore_backend backend)
{
	if (backend == MSTORE_BACKEND_DEFAULT) {
		backend = MSTORE_FASTER_BACKEND;
	}
	return backend == MSTORE_BACKEND_LMDB ? "mdb" : "tdb";
}

static enum MAPISTATUS write_index_list(struct mstore *store)
{
	struct ldb_message *msg = ldb_msg_new(store);
	enum MAPISTATUS ret = MAPI_E_NOT_ENOUGH_MEMORY;

	if (msg == NULL) {
		return ret;
	}
	msg->dn = ldb_dn_new(msg, store->ldb, "@INDEXLIST");
	if (msg->dn != NULL &&
	    ldb_msg_add_string(msg, "@IDXATTR", MSTORE_ATTR_PARENT) == 0 &&
	    ldb_msg_add_string(msg, "@IDXATTR", MSTORE_ATTR_MSG) == 0 &&
	    ldb_msg_add_string(msg, "@IDXATTR", MSTORE_ATTR_SOFT_PARENT) == 0 &&
	    ldb_msg_add_string(msg, "@IDXATTR", "npKey") == 0 &&
	    ldb_msg_add_string(msg, "@IDXATTR", MSTORE_ATTR_LOBREF) == 0 &&
	    ldb_msg_add_string(msg, "@IDXGUID", "objectGUID") == 0 &&
	    ldb_msg_add_string(msg, "@IDX_DN_GUID", "GUID") == 0) {
		ret = mstore_ldb_status(store, ldb_add(store->ldb, msg));
	}
	talloc_free(msg);
	return ret;
}

static enum MAPISTATUS write_mailbox_record(struct mstore *store)
{
	struct ldb_message *msg = ldb_msg_new(store);
	enum MAPISTATUS ret = MAPI_E_NOT_ENOUGH_MEMORY;

	if (msg == NULL) {
		return ret;
	}
	msg->dn = ldb_dn_new(msg, store->ldb, MSTORE_DN_MAILBOX);
	if (msg->dn != NULL &&
	    ldb_msg_add_string(msg, "version", MSTORE_DB_VERSION) == 0 &&
	    ldb_msg_add_string(msg, "mailboxGuid",
			       mstore_guid_hex(msg, &store->mailbox_guid))
	    == 0 &&
	    ldb_msg_add_string(msg, "replicaGuid",
			       mstore_guid_hex(msg, &store->replica_guid))
	    == 0 &&
	    ldb_msg_add_string(msg, "globcnt", "1") == 0 &&
	    ldb_msg_add_string(msg, "nextNamedId", "32768") == 0 &&
	    ldb_msg_add_string(msg, "isPublic",
			       store->is_public ? "1" : "0") == 0) {
		ret = mstore_record_add(store, msg);
	}
	talloc_free(msg);
	return ret;
}

static enum MAPISTATUS provision(struct mstore *store,
				 const struct mstore_open_params *params)
{
	enum MAPISTATUS ret;

	if (params->mailbox_guid != NULL) {
		store->mailbox_guid = *params->mailbox_guid;
	} else {
		mstore_guid_random(&store->mailbox_guid);
	}
	mstore_guid_random(&store->replica_guid);
	ret = write_index_list(store);
	if (ret == MAPI_E_SUCCESS) {
		ret = write_mailbox_record(store);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_special_provision(store, params->name_hook,
					       params->name_hook_priv);
	}
	return ret;
}

/* A store from before soft deletion gets the index of softParent (ldb
 * reindexes the database once). */
static enum MAPISTATUS upgrade_index_list(struct mstore *store)
{
	static const char *attrs[] = { "@IDXATTR", NULL };
	struct ldb_result *res = NULL;
	struct ldb_message *mod;
	struct ldb_dn *dn = ldb_dn_new(store, store->ldb, "@INDEXLIST");
	enum MAPISTATUS ret;
	struct ldb_val v;

	if (dn == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mstore_ldb_status(store, ldb_search(store->ldb, dn, &res, dn,
						  LDB_SCOPE_BASE, attrs,
						  NULL));
	v = data_blob_string_const(MSTORE_ATTR_SOFT_PARENT);
	if (ret != MAPI_E_SUCCESS || res->count != 1 ||
	    ldb_msg_find_val(ldb_msg_find_element(res->msgs[0], "@IDXATTR"),
			     &v) != NULL) {
		talloc_free(dn);
		return ret;
	}
	mod = ldb_msg_new(dn);
	ret = MAPI_E_NOT_ENOUGH_MEMORY;
	if (mod != NULL) {
		mod->dn = dn;
		if (ldb_msg_add_empty(mod, "@IDXATTR", LDB_FLAG_MOD_ADD,
				      NULL) == 0 &&
		    ldb_msg_add_string(mod, "@IDXATTR",
				       MSTORE_ATTR_SOFT_PARENT) == 0) {
			ret = mstore_ldb_status(store,
						ldb_modify(store->ldb, mod));
		}
	}
	talloc_free(dn);
	return ret;
}

static enum MAPISTATUS read_mailbox_record(struct mstore *store,
					   struct ldb_message *msg)
{
	if (!mstore_guid_from_hex(ldb_msg_find_attr_as_string(
					  msg, "mailboxGuid", NULL),
				  &store->mailbox_guid) ||
	    !mstore_guid_from_hex(ldb_msg_find_attr_as_string(
					  msg, "replicaGuid", NULL),
				  &store->replica_guid)) {
		DBG_ERR("%s: mailbox record without GUIDs\n", store->url);
		return MAPI_E_CORRUPT_STORE;
	}
	store->is_public = ldb_msg_find_attr_as_int(msg, "isPublic", 0) != 0;
	if (upgrade_index_list(store) != MAPI_E_SUCCESS) {
		DBG_ERR("%s: cannot index softParent\n", store->url);
		return MAPI_E_DISK_ERROR;
	}
	return mstore_special_load(store);
}

/* Stores created before values were kept out of line lack the index of
 * lobRef: add it (ldb re-indexes). */
static enum MAPISTATUS index_lobref(struct mstore *store)
{
	static const char *attrs[] = { "@IDXATTR", NULL };
	struct ldb_message *idx, *mod;
	struct ldb_message_element *el;
	enum MAPISTATUS ret;
	unsigned int i;

	ret = mstore_record_load(store, store,
				 ldb_dn_new(store, store->ldb, "@INDEXLIST"),
				 attrs, &idx);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	el = ldb_msg_find_element(idx, "@IDXATTR");
	for (i = 0; el != NULL && i < el->num_values; i++) {
		if (strcmp((const char *)el->values[i].data,
			   MSTORE_ATTR_LOBREF) == 0) {
			talloc_free(idx);
			return MAPI_E_SUCCESS;
		}
	}
	mod = ldb_msg_new(idx);
	ret = MAPI_E_NOT_ENOUGH_MEMORY;
	if (mod != NULL) {
		mod->dn = idx->dn;
		if (ldb_msg_add_empty(mod, "@IDXATTR", LDB_FLAG_MOD_ADD,
				      NULL) == 0 &&
		    ldb_msg_add_string(mod, "@IDXATTR",
				       MSTORE_ATTR_LOBREF) == 0) {
			ret = mstore_ldb_status(store,
						ldb_modify(store->ldb, mod));
		}
	}
	talloc_free(idx);
	return ret;
}

/* Load the mailbox record, or create the whole mailbox when allowed. */
static enum MAPISTATUS load_or_provision(struct mstore *store,
					 const struct mstore_open_params *p,
					 bool may_create)
{
	struct ldb_result *res = NULL;
	struct ldb_dn *dn;
	enum MAPISTATUS ret;
	int lret;

	ret = mstore_txn_start(store);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	dn = ldb_dn_new(store, store->ldb, MSTORE_DN_MAILBOX);
	lret = ldb_search(store->ldb, store, &res, dn, LDB_SCOPE_BASE,
			  mailbox_attrs, NULL);
	if (lret == LDB_SUCCESS && res->count == 1) {
		ret = read_mailbox_record(store, res->msgs[0]);
		if (ret == MAPI_E_SUCCESS) {
			ret = index_lobref(store);
		}
	} else if ((lret == LDB_SUCCESS || lret == LDB_ERR_NO_SUCH_OBJECT) &&
		   may_create) {
		ret = provision(store, p);
	} else if (lret == LDB_SUCCESS || lret == LDB_ERR_NO_SUCH_OBJECT) {
		DBG_ERR("%s: not a message store\n", store->url);
		ret = MAPI_E_CORRUPT_STORE;
	} else {
		ret = mstore_ldb_status(store, lret);
	}
	talloc_free(res);
	talloc_free(dn);
	return mstore_txn_finish(store, ret);
}

enum MAPISTATUS mstore_open(TALLOC_CTX *mem_ctx,
			    const struct mstore_open_params *params,
			    struct mstore **store_out)
{
	struct mstore *store;
	enum mstore_backend backend;
	struct stat st;
	char *path;
	bool exists;
	enum MAPISTATUS ret;

	if (params == NULL || params->directory == NULL || store_out == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	store = talloc_zero(mem_ctx, struct mstore);
	if (store == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	store->is_public = (params->mailbox == NULL);
	store->id_range = params->id_range ? params->id_range
					   : MSTORE_DEFAULT_ID_RANGE;
	store->large_threshold = params->large_threshold ?
				 params->large_threshold :
				 MSTORE_LARGE_THRESHOLD;
	path = mstore_db_path(store, params->directory, params->mailbox);
	if (path == NULL) {
		talloc_free(store);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	exists = stat(path, &st) == 0;
	if (!exists && !params->create) {
		talloc_free(store);
		return MAPI_E_NOT_FOUND;
	}
	backend = exists ? detect_backend(path, params->backend)
			 : params->backend;
	store->url = talloc_asprintf(store, "%s://%s",
				     backend_scheme(backend), path);
	store->ldb = ldb_init(store, NULL);
	if (store->url == NULL || store->ldb == NULL) {
		talloc_free(store);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (ldb_connect(store->ldb, store->url, 0, connect_options)
	    != LDB_SUCCESS) {
		DBG_ERR("cannot open %s: %s\n", store->url,
			ldb_errstring(store->ldb));
		talloc_free(store);
		return exists ? MAPI_E_CORRUPT_STORE : MAPI_E_DISK_ERROR;
	}
	ret = load_or_provision(store, params, params->create);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_lob_init(store, path);
	}
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(store);
		return ret;
	}
	if (mstore_lob_scan(store) != MAPI_E_SUCCESS) {
		DBG_WARNING("%s: unreferenced values not checked\n",
			    store->url);
	}
	*store_out = store;
	return MAPI_E_SUCCESS;
}

const struct mstore_guid *mstore_mailbox_guid(const struct mstore *store)
{
	return &store->mailbox_guid;
}

const struct mstore_guid *mstore_replica_guid(const struct mstore *store)
{
	return &store->replica_guid;
}

bool mstore_is_public(const struct mstore *store)
{
	return store->is_public;
}

const char *mstore_url(const struct mstore *store)
{
	return store->url;
}

/* ------------------------------------------------------ id counters */

enum MAPISTATUS mstore_reserve_globcnts(struct mstore *store,
					uint32_t count, uint64_t *first)
{
	TALLOC_CTX *tmp;
	struct ldb_message *msg;
	uint64_t next = 0;
	enum MAPISTATUS ret;

	if (count == 0) {
		return MAPI_E_INVALID_PARAMETER;
	}
	tmp = talloc_new(store);
	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mstore_txn_start(store);
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(tmp);
		return ret;
	}
	ret = mstore_record_load(tmp, store,
				 ldb_dn_new(tmp, store->ldb,
					    MSTORE_DN_MAILBOX),
				 mailbox_attrs, &msg);
	if (ret == MAPI_E_SUCCESS) {
		next = ldb_msg_find_attr_as_uint64(msg, "globcnt", 0);
		if (next == 0 || next + count > MSTORE_GLOBCNT_MAX) {
			ret = MAPI_E_CORRUPT_STORE;
		}
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_record_set_string(
			store, msg->dn, "globcnt",
			talloc_asprintf(tmp, "%llu",
					(unsigned long long)(next + count)));
	}
	ret = mstore_txn_finish(store, ret);
	if (ret == MAPI_E_SUCCESS) {
		*first = next;
	}
	talloc_free(tmp);
	return ret;
}

enum MAPISTATUS mstore_new_id(struct mstore *store, uint64_t *id)
{
	enum MAPISTATUS ret;
	uint64_t first;

	if (store->next_globcnt == store->end_globcnt) {
		ret = mstore_reserve_globcnts(store, store->id_range, &first);
		if (ret != MAPI_E_SUCCESS) {
			return ret;
		}
		store->next_globcnt = first;
		store->end_globcnt = first + store->id_range;
	}
	*id = mstore_id_make(MSTORE_LOCAL_REPLID, store->next_globcnt++);
	return MAPI_E_SUCCESS;
}

/* ---------------------------------------------------- replica ids */

/* Replica ids other than 1 are kept as "replid:guidhex" values of the
 * mailbox record's "replica" attribute. */
static enum MAPISTATUS load_replicas(TALLOC_CTX *mem_ctx,
				     struct mstore *store,
				     struct ldb_message **msg)
{
	static const char *attrs[] = { "replica", NULL };

	return mstore_record_load(mem_ctx, store,
				  ldb_dn_new(mem_ctx, store->ldb,
					     MSTORE_DN_MAILBOX),
				  attrs, msg);
}

static bool parse_replica(const uint8_t *data, size_t length,
			  uint16_t *replid, struct mstore_guid *guid)
{
	char buf[64];
	unsigned int r;

	if (length >= sizeof(buf)) {
		return false;
	}
	memcpy(buf, data, length);
	buf[length] = '\0';
	if (sscanf(buf, "%4x:", &r) != 1 || strlen(buf) != 37) {
		return false;
	}
	*replid = (uint16_t)r;
	return mstore_guid_from_hex(buf + 5, guid);
}

enum MAPISTATUS mstore_replid_to_guid(struct mstore *store, uint16_t replid,
				      struct mstore_guid *guid)
{
	struct ldb_message *msg;
	struct ldb_message_element *el;
	struct mstore_guid g;
	uint16_t r;
	enum MAPISTATUS ret;
	unsigned int i;

	if (replid == MSTORE_LOCAL_REPLID) {
		*guid = store->replica_guid;
		return MAPI_E_SUCCESS;
	}
	ret = load_replicas(store, store, &msg);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	ret = MAPI_E_NOT_FOUND;
	el = ldb_msg_find_element(msg, "replica");
	for (i = 0; el != NULL && i < el->num_values; i++) {
		if (parse_replica(el->values[i].data, el->values[i].length,
				  &r, &g) && r == replid) {
			*guid = g;
			ret = MAPI_E_SUCCESS;
		}
	}
	talloc_free(msg);
	return ret;
}

static enum MAPISTATUS find_replid(struct ldb_message *msg,
				   const struct mstore_guid *guid,
				   uint16_t *replid, uint16_t *highest)
{
	struct ldb_message_element *el = ldb_msg_find_element(msg, "replica");
	struct mstore_guid g;
	enum MAPISTATUS ret = MAPI_E_NOT_FOUND;
	unsigned int i;
	uint16_t r;

	*highest = MSTORE_LOCAL_REPLID;
	for (i = 0; el != NULL && i < el->num_values; i++) {
		if (!parse_replica(el->values[i].data, el->values[i].length,
				  &r, &g)) {
			return MAPI_E_CORRUPT_STORE;
		}
		if (r > *highest) {
			*highest = r;
		}
		if (mstore_guid_equal(&g, guid)) {
			*replid = r;
			ret = MAPI_E_SUCCESS;
		}
	}
	return ret;
}

static enum MAPISTATUS add_replid(struct mstore *store,
				  struct ldb_message *old, uint16_t replid,
				  const struct mstore_guid *guid)
{
	struct ldb_message *msg = ldb_msg_new(old);
	char *v;

	if (msg == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	msg->dn = old->dn;
	v = talloc_asprintf(msg, "%04X:%s", replid,
			    mstore_guid_hex(msg, guid));
	if (v == NULL ||
	    ldb_msg_add_empty(msg, "replica", LDB_FLAG_MOD_ADD, NULL) != 0 ||
	    ldb_msg_add_string(msg, "replica", v) != 0) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return mstore_ldb_status(store, ldb_modify(store->ldb, msg));
}

enum MAPISTATUS mstore_guid_to_replid(struct mstore *store,
				      const struct mstore_guid *guid,
				      bool create, uint16_t *replid)
{
	struct ldb_message *msg = NULL;
	uint16_t highest = MSTORE_LOCAL_REPLID;
	enum MAPISTATUS ret;

	if (mstore_guid_equal(guid, &store->replica_guid)) {
		*replid = MSTORE_LOCAL_REPLID;
		return MAPI_E_SUCCESS;
	}
	ret = mstore_txn_start(store);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	ret = load_replicas(store, store, &msg);
	if (ret == MAPI_E_SUCCESS) {
		ret = find_replid(msg, guid, replid, &highest);
	}
	if (ret == MAPI_E_NOT_FOUND && create) {
		/* 0x0001-0x0004 are taken or reserved (MS-OXCDATA 2.2.1.1
		 * maps 1 to the local replica); new ones start at 5. */
		*replid = highest < 4 ? 5 : highest + 1;
		ret = *replid == 0 ? MAPI_E_NOT_ENOUGH_RESOURCES
				   : add_replid(store, msg, *replid, guid);
	}
	talloc_free(msg);
	return mstore_txn_finish(store, ret);
}

enum MAPISTATUS mstore_id_to_long_term(struct mstore *store, uint64_t id,
				       struct mstore_long_term_id *ltid)
{
	ltid->globcnt = mstore_id_globcnt(id);
	return mstore_replid_to_guid(store, mstore_id_replid(id),
				     &ltid->guid);
}

enum MAPISTATUS mstore_long_term_to_id(struct mstore *store,
				       const struct mstore_long_term_id *lt,
				       uint64_t *id)
{
	uint16_t replid;
	enum MAPISTATUS ret;

	ret = mstore_guid_to_replid(store, &lt->guid, false, &replid);
	if (ret == MAPI_E_SUCCESS) {
		*id = mstore_id_make(replid, lt->globcnt);
	}
	return ret;
}

enum MAPISTATUS mstore_folder_entryid(TALLOC_CTX *mem_ctx,
				      struct mstore *store, uint64_t fid,
				      struct mstore_bin *entryid)
{
	struct mstore_guid database;
	enum MAPISTATUS ret;

	ret = mstore_replid_to_guid(store, mstore_id_replid(fid), &database);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	return mstore_folder_entryid_make(
		mem_ctx, &store->mailbox_guid,
		store->is_public ? MSTORE_EIT_PUBLIC_FOLDER
				 : MSTORE_EIT_PRIVATE_FOLDER,
		&database, mstore_id_globcnt(fid), entryid);
}

enum MAPISTATUS mstore_folder_entryid_to_fid(struct mstore *store,
					     const struct mstore_bin *eid,
					     uint64_t *fid)
{
	struct mstore_long_term_id lt;
	struct mstore_guid provider;
	uint16_t type;
	enum MAPISTATUS ret;

	ret = mstore_folder_entryid_parse(eid, &provider, &type, &lt.guid,
					  &lt.globcnt);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	if (!mstore_guid_equal(&provider, &store->mailbox_guid)) {
		return MAPI_E_INVALID_ENTRYID;
	}
	return mstore_long_term_to_id(store, &lt, fid);
}
