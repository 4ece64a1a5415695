/*
 * sambamapi message store: the folder tree (MS-OXCFOLD).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "store/store_private.h"
#include <charset.h>

static const char *folder_attrs_all[] = { "*", NULL };
static const char *folder_attrs_link[] = {
	MSTORE_ATTR_PARENT, MSTORE_ATTR_SPECIAL, MSTORE_ATTR_SOFT_PARENT,
	MSTORE_ATTR_DELETED_UNDER, NULL
};

static struct ldb_dn *folder_dn(TALLOC_CTX *mem_ctx, struct mstore *store,
				uint64_t fid)
{
	return mstore_object_dn(mem_ctx, store, MSTORE_DN_FOLDERS, fid);
}

static enum MAPISTATUS load_folder(TALLOC_CTX *mem_ctx, struct mstore *store,
				   uint64_t fid, const char **attrs,
				   struct ldb_message **msg)
{
	return mstore_record_load(mem_ctx, store,
				  folder_dn(mem_ctx, store, fid),
				  (const char * const *)attrs, msg);
}

/* The folder a record is in, or was in when it was soft deleted. */
static uint64_t record_parent(const struct ldb_message *msg)
{
	const char *s = ldb_msg_find_attr_as_string(msg, MSTORE_ATTR_PARENT,
						    NULL);

	if (s == NULL) {
		s = ldb_msg_find_attr_as_string(msg, MSTORE_ATTR_SOFT_PARENT,
						NULL);
	}
	return s != NULL ? strtoull(s, NULL, 16) : 0;
}

/* Soft deleted, or in a soft-deleted folder. */
static bool record_deleted(const struct ldb_message *msg)
{
	return ldb_msg_find_element(msg, MSTORE_ATTR_SOFT_PARENT) != NULL ||
	       ldb_msg_find_element(msg, MSTORE_ATTR_DELETED_UNDER) != NULL;
}

/* The most folders mstore_folder_touch_hierarchy() climbs (a guard: the
 * tree has no cycles). */
#define MAX_FOLDER_DEPTH 1024

enum MAPISTATUS mstore_folder_touch_hierarchy(struct mstore *store,
					      uint64_t fid)
{
	static const char *attrs[] = {
		MSTORE_ATTR_PARENT, MSTORE_ATTR_SOFT_PARENT,
		MSTORE_ATTR_HIERARCHY_VERSION, NULL
	};
	struct ldb_message *msg;
	uint64_t version;
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	int depth;

	for (depth = 0; fid != 0 && depth < MAX_FOLDER_DEPTH; depth++) {
		ret = load_folder(store, store, fid, attrs, &msg);
		if (ret != MAPI_E_SUCCESS) {
			break;
		}
		version = ldb_msg_find_attr_as_uint64(
			msg, MSTORE_ATTR_HIERARCHY_VERSION, 0);
		ret = mstore_record_update_counter(
			store, msg->dn, NULL, 0, NULL, 0,
			MSTORE_ATTR_HIERARCHY_VERSION, version + 1);
		fid = record_parent(msg);
		talloc_free(msg);
		if (ret != MAPI_E_SUCCESS) {
			break;
		}
	}
	return ret;
}

enum MAPISTATUS mstore_folder_version(struct mstore *store, uint64_t fid,
				      struct mstore_folder_version *version)
{
	static const char *attrs[] = {
		MSTORE_ATTR_CONTENTS_VERSION, MSTORE_ATTR_HIERARCHY_VERSION,
		NULL
	};
	struct ldb_message *msg;
	enum MAPISTATUS ret;

	ret = load_folder(store, store, fid, attrs, &msg);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	version->contents = ldb_msg_find_attr_as_uint64(
		msg, MSTORE_ATTR_CONTENTS_VERSION, 0);
	version->hierarchy = ldb_msg_find_attr_as_uint64(
		msg, MSTORE_ATTR_HIERARCHY_VERSION, 0);
	talloc_free(msg);
	return MAPI_E_SUCCESS;
}

static char *name_key(TALLOC_CTX *mem_ctx, const char *name)
{
	return strupper_talloc(mem_ctx, name);
}

enum MAPISTATUS mstore_folder_open_ex(struct mstore *store, uint64_t fid,
				      uint32_t flags)
{
	struct ldb_message *msg;
	enum MAPISTATUS ret;

	ret = load_folder(store, store, fid, folder_attrs_link, &msg);
	if (ret == MAPI_E_SUCCESS) {
		if (record_deleted(msg) && !(flags & MSTORE_SOFT_DELETED)) {
			ret = MAPI_E_NOT_FOUND;
		}
		talloc_free(msg);
	}
	return ret;
}

enum MAPISTATUS mstore_folder_open(struct mstore *store, uint64_t fid)
{
	return mstore_folder_open_ex(store, fid, 0);
}

enum MAPISTATUS mstore_folder_deleted(struct mstore *store, uint64_t fid,
				      bool *own, bool *below)
{
	struct ldb_message *msg;
	enum MAPISTATUS ret;

	ret = load_folder(store, store, fid, folder_attrs_link, &msg);
	if (ret == MAPI_E_SUCCESS) {
		*own = ldb_msg_find_element(msg, MSTORE_ATTR_SOFT_PARENT) !=
		       NULL;
		*below = ldb_msg_find_element(msg, MSTORE_ATTR_DELETED_UNDER) !=
			 NULL;
		talloc_free(msg);
	}
	return ret;
}

enum MAPISTATUS mstore_folder_parent(struct mstore *store, uint64_t fid,
				     uint64_t *parent_fid)
{
	struct ldb_message *msg;
	enum MAPISTATUS ret;

	ret = load_folder(store, store, fid, folder_attrs_link, &msg);
	if (ret == MAPI_E_SUCCESS) {
		*parent_fid = record_parent(msg);
		talloc_free(msg);
	}
	return ret;
}

enum MAPISTATUS mstore_folder_find(struct mstore *store, uint64_t parent_fid,
				   const char *name, uint64_t *fid)
{
	static const char *attrs[] = { "p67480014", NULL };
	TALLOC_CTX *tmp = talloc_new(store);
	struct ldb_result *res = NULL;
	struct ldb_dn *base;
	char *key;
	enum MAPISTATUS ret = MAPI_E_NOT_ENOUGH_MEMORY;
	int lret;

	key = name_key(tmp, name);
	base = ldb_dn_new(tmp, store->ldb, MSTORE_DN_FOLDERS);
	if (key == NULL || base == NULL) {
		goto done;
	}
	lret = ldb_search(store->ldb, tmp, &res, base, LDB_SCOPE_SUBTREE,
			  attrs, "(&(" MSTORE_ATTR_PARENT "=%016llX)("
			  MSTORE_ATTR_NAMEKEY "=%s))",
			  (unsigned long long)parent_fid,
			  ldb_binary_encode_string(tmp, key));
	ret = mstore_ldb_status(store, lret);
	if (ret == MAPI_E_SUCCESS && res->count == 0) {
		ret = MAPI_E_NOT_FOUND;
	}
	if (ret == MAPI_E_SUCCESS) {
		*fid = (uint64_t)mstore_record_int(res->msgs[0],
						   MSTORE_PidTagFolderId, 0);
	}
done:
	talloc_free(tmp);
	return ret;
}

/* Keep PidTagSubfolders and PidTagFolderChildCount of fid right. */
enum MAPISTATUS mstore_folder_adjust_children(struct mstore *store,
					      uint64_t fid, int delta)
{
	static const char *attrs[] = { "p66380003", NULL };
	struct mstore_value v[2];
	struct ldb_message *msg;
	int64_t n;
	enum MAPISTATUS ret;

	if (fid == 0) {
		return MAPI_E_SUCCESS;
	}
	ret = load_folder(store, store, fid, attrs, &msg);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	n = mstore_record_int(msg, MSTORE_PidTagFolderChildCount, 0) + delta;
	if (n < 0) {
		n = 0;
	}
	v[0].tag = MSTORE_PidTagFolderChildCount;
	v[0].v.i32 = (int32_t)n;
	v[1].tag = MSTORE_PidTagSubfolders;
	v[1].v.b = n > 0;
	ret = mstore_record_update(store, msg->dn, v, 2, NULL, 0);
	talloc_free(msg);
	if (ret == MAPI_E_SUCCESS) {
		mstore_event_folder_tags(store, fid, (uint32_t[]){
			v[0].tag, v[1].tag }, 2);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_folder_touch_hierarchy(store, fid);
	}
	return ret;
}

enum MAPISTATUS mstore_folder_adjust(struct mstore *store, uint64_t fid,
				     int64_t d_content, int64_t d_unread,
				     int64_t d_assoc, int64_t d_size)
{
	static const char *attrs[] = {
		"p36020003", "p36030003", "p36170003", "p0e080014",
		MSTORE_ATTR_CONTENTS_VERSION, NULL
	};
	struct ldb_message *msg;
	struct mstore_value v[5];
	uint64_t version;
	int64_t size;
	enum MAPISTATUS ret;

	ret = load_folder(store, store, fid, attrs, &msg);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	v[0].tag = MSTORE_PidTagContentCount;
	v[0].v.i32 = (int32_t)(mstore_record_int(
		msg, MSTORE_PidTagContentCount, 0) + d_content);
	v[1].tag = MSTORE_PidTagContentUnreadCount;
	v[1].v.i32 = (int32_t)(mstore_record_int(
		msg, MSTORE_PidTagContentUnreadCount, 0) + d_unread);
	v[2].tag = MSTORE_PidTagAssociatedContentCount;
	v[2].v.i32 = (int32_t)(mstore_record_int(
		msg, MSTORE_PidTagAssociatedContentCount, 0) + d_assoc);
	size = mstore_record_int(msg, MSTORE_PidTagMessageSizeExtended, 0) +
	       d_size;
	v[3].tag = MSTORE_PidTagMessageSizeExtended;
	v[3].v.i64 = size;
	/* The 32-bit size saturates (MS-OXCFOLD 2.2.2.2.1.8). */
	v[4].tag = MSTORE_PidTagMessageSize;
	v[4].v.i32 = size > INT32_MAX ? INT32_MAX : (int32_t)size;
	/* Every change of the folder's messages passes here: the contents
	 * version moves in the same modify (open tables see it). */
	version = ldb_msg_find_attr_as_uint64(msg,
					      MSTORE_ATTR_CONTENTS_VERSION, 0);
	ret = mstore_record_update_counter(store, msg->dn, v, 5, NULL, 0,
					   MSTORE_ATTR_CONTENTS_VERSION,
					   version + 1);
	talloc_free(msg);
	if (ret == MAPI_E_SUCCESS &&
	    (d_content != 0 || d_unread != 0 || d_assoc != 0 || d_size != 0)) {
		mstore_event_folder_counts(store, fid, v[0].v.i32, v[1].v.i32);
	}
	return ret;
}

static enum MAPISTATUS folder_initial_values(TALLOC_CTX *mem_ctx,
					     struct mstore *store,
					     uint64_t fid, uint64_t parent,
					     const char *name, uint32_t type,
					     struct mstore_value **values,
					     uint32_t *count)
{
	static const uint32_t zero_tags[] = {
		MSTORE_PidTagContentCount, MSTORE_PidTagContentUnreadCount,
		MSTORE_PidTagAssociatedContentCount,
		MSTORE_PidTagFolderChildCount, MSTORE_PidTagSubfolders,
		MSTORE_PidTagMessageSize, MSTORE_PidTagMessageSizeExtended
	};
	struct mstore_value v = { .tag = MSTORE_PidTagDisplayName };
	enum MAPISTATUS ret;
	size_t i;

	v.v.str = name;
	ret = mstore_values_put(mem_ctx, values, count, &v);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(mem_ctx, values, count,
				     MSTORE_PidTagFolderId, (int64_t)fid);
	}
	if (ret == MAPI_E_SUCCESS && parent != 0) {
		ret = mstore_put_i64(mem_ctx, values, count,
				     MSTORE_PidTagParentFolderId,
				     (int64_t)parent);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(mem_ctx, values, count,
				     MSTORE_PidTagFolderType, type);
	}
	for (i = 0; ret == MAPI_E_SUCCESS && i < ARRAY_SIZE(zero_tags); i++) {
		ret = mstore_put_i64(mem_ctx, values, count, zero_tags[i], 0);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_source_keys(mem_ctx, store, fid, parent, values,
					 count);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_change_stamp(mem_ctx, store, values, count);
	}
	return ret;
}

static enum MAPISTATUS check_settable(const struct mstore_value *props,
				      uint32_t count)
{
	uint32_t i;

	for (i = 0; i < count; i++) {
		if (mstore_tag_is_computed(props[i].tag)) {
			return MAPI_E_COMPUTED;
		}
		if (!mstore_type_is_storable(MSTORE_PROP_TYPE(props[i].tag))) {
			return MAPI_E_INVALID_TYPE;
		}
	}
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS add_folder_record(struct mstore *store, uint64_t fid,
					 uint64_t parent, const char *name,
					 int special,
					 const struct mstore_value *values,
					 uint32_t count)
{
	struct ldb_message *msg = ldb_msg_new(store);
	enum MAPISTATUS ret = MAPI_E_NOT_ENOUGH_MEMORY;
	const char *key;

	if (msg == NULL) {
		return ret;
	}
	msg->dn = folder_dn(msg, store, fid);
	key = name_key(msg, name);
	if (msg->dn == NULL || key == NULL ||
	    ldb_msg_add_string(msg, MSTORE_ATTR_PARENT,
			       mstore_hex64(msg, parent)) != 0 ||
	    ldb_msg_add_string(msg, MSTORE_ATTR_NAMEKEY, key) != 0 ||
	    (special >= 0 &&
	     ldb_msg_add_fmt(msg, MSTORE_ATTR_SPECIAL, "%d", special) != 0)) {
		goto done;
	}
	ret = mstore_msg_add_values(store, msg, values, count, 0);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_record_add(store, msg);
	}
done:
	talloc_free(msg);
	return ret;
}

static enum MAPISTATUS create_in_txn(struct mstore *store, uint64_t parent,
				     const char *name,
				     const struct mstore_value *props,
				     uint32_t count, uint32_t flags,
				     int special, uint64_t *fid, bool *existed)
{
	TALLOC_CTX *tmp;
	struct mstore_value *values = NULL;
	uint32_t n = 0, i;
	enum MAPISTATUS ret;

	if (parent != 0 && (ret = mstore_folder_open(store, parent))
	    != MAPI_E_SUCCESS) {
		return ret;
	}
	ret = mstore_folder_find(store, parent, name, fid);
	if (ret == MAPI_E_SUCCESS) {
		if (!(flags & MSTORE_OPEN_IF_EXISTS)) {
			return MAPI_E_COLLISION;
		}
		if (existed != NULL) {
			*existed = true;
		}
		return MAPI_E_SUCCESS;
	}
	if (ret != MAPI_E_NOT_FOUND) {
		return ret;
	}
	tmp = talloc_new(store);
	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mstore_new_id(store, fid);
	for (i = 0; ret == MAPI_E_SUCCESS && i < count; i++) {
		ret = mstore_values_put(tmp, &values, &n, &props[i]);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = folder_initial_values(
			tmp, store, *fid, parent, name,
			parent == 0 ? MSTORE_FOLDER_ROOT
			: (flags & MSTORE_SEARCH_FOLDER) ? MSTORE_FOLDER_SEARCH
			: MSTORE_FOLDER_GENERIC, &values, &n);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = add_folder_record(store, *fid, parent, name, special,
					values, n);
	}
	if (ret == MAPI_E_SUCCESS) {
		mstore_event_folder(store, MSTORE_EVENT_CREATED, *fid, parent,
				    0);
		ret = mstore_folder_adjust_children(store, parent, 1);
	}
	if (ret == MAPI_E_SUCCESS && existed != NULL) {
		*existed = false;
	}
	talloc_free(tmp);
	return ret;
}

enum MAPISTATUS mstore_folder_create_special(struct mstore *store,
					     uint64_t parent, const char *name,
					     const struct mstore_value *props,
					     uint32_t count, int special,
					     uint64_t *fid)
{
	return create_in_txn(store, parent, name, props, count, 0, special,
			     fid, NULL);
}

enum MAPISTATUS mstore_folder_create(struct mstore *store,
				     uint64_t parent_fid, const char *name,
				     const struct mstore_value *props,
				     uint32_t count, uint32_t flags,
				     uint64_t *fid, bool *existed)
{
	enum MAPISTATUS ret;

	if (name == NULL || name[0] == '\0' || parent_fid == 0) {
		return MAPI_E_INVALID_PARAMETER;
	}
	ret = check_settable(props, count);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	ret = mstore_txn_start(store);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	ret = create_in_txn(store, parent_fid, name, props, count, flags, -1,
			    fid, existed);
	return mstore_txn_finish(store, ret);
}

enum MAPISTATUS mstore_folder_get_props(TALLOC_CTX *mem_ctx,
					struct mstore *store, uint64_t fid,
					const uint32_t *tags, uint32_t count,
					struct mstore_value **values)
{
	struct ldb_message *msg;
	const char **attrs;
	uint32_t i;
	enum MAPISTATUS ret;

	attrs = talloc_zero_array(mem_ctx, const char *, count + 1);
	if (attrs == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < count; i++) {
		attrs[i] = mstore_tag_attr(attrs, tags[i]);
	}
	ret = load_folder(attrs, store, fid, attrs, &msg);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_record_select(mem_ctx, msg, tags, count, values);
	}
	talloc_free(attrs);
	return ret;
}

enum MAPISTATUS mstore_folder_get_all_props(TALLOC_CTX *mem_ctx,
					    struct mstore *store,
					    uint64_t fid,
					    struct mstore_value **values,
					    uint32_t *count)
{
	struct ldb_message *msg;
	enum MAPISTATUS ret;

	ret = load_folder(mem_ctx, store, fid, folder_attrs_all, &msg);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_record_values(mem_ctx, msg, values, count);
		talloc_free(msg);
	}
	return ret;
}

static void values_remove_tag(struct mstore_value *values, uint32_t *count,
			      uint32_t tag)
{
	uint32_t i;

	for (i = 0; i < *count; i++) {
		if (values[i].tag == tag) {
			memmove(&values[i], &values[i + 1],
				(*count - i - 1) * sizeof(values[0]));
			(*count)--;
			return;
		}
	}
}

/* Rewrite a folder's properties: values replace, del removes, and the
 * change is stamped. */
static enum MAPISTATUS rewrite_folder(struct mstore *store, uint64_t fid,
				      const struct mstore_value *set,
				      uint32_t set_count, const uint32_t *del,
				      uint32_t del_count,
				      const char *new_parent_hex)
{
	TALLOC_CTX *tmp = talloc_new(store);
	struct mstore_value *values = NULL;
	struct ldb_message *old;
	uint32_t n = 0, i, j;
	enum MAPISTATUS ret;
	uint32_t *stale;
	uint32_t nstale = 0;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = load_folder(tmp, store, fid, folder_attrs_all, &old);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_record_values(tmp, old, &values, &n);
	}
	stale = talloc_array(tmp, uint32_t, n + del_count + 1);
	if (stale == NULL) {
		ret = MAPI_E_NOT_ENOUGH_MEMORY;
	}
	/* Old tags whose id gets a value of another type, or removed. */
	for (i = 0; ret == MAPI_E_SUCCESS && i < n; i++) {
		for (j = 0; j < set_count; j++) {
			if (MSTORE_PROP_ID(values[i].tag) ==
			    MSTORE_PROP_ID(set[j].tag) &&
			    values[i].tag != set[j].tag) {
				stale[nstale++] = values[i].tag;
			}
		}
		for (j = 0; j < del_count; j++) {
			if (mstore_value_has_tag(&values[i], del[j])) {
				stale[nstale++] = values[i].tag;
			}
		}
	}
	/* the removed ones go; a retyped one was replaced by its new value
	 * in place */
	for (j = 0; ret == MAPI_E_SUCCESS && j < nstale; j++) {
		values_remove_tag(values, &n, stale[j]);
	}
	for (j = 0; ret == MAPI_E_SUCCESS && j < set_count; j++) {
		ret = mstore_values_put(tmp, &values, &n, &set[j]);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_change_stamp(tmp, store, &values, &n);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_record_update(store, old->dn, values, n, stale,
					   nstale);
	}
	if (ret == MAPI_E_SUCCESS && new_parent_hex != NULL) {
		ret = mstore_record_set_string(store, old->dn,
					       MSTORE_ATTR_PARENT,
					       new_parent_hex);
	}
	talloc_free(tmp);
	return ret;
}

static const char *find_new_name(const struct mstore_value *v, uint32_t n)
{
	const struct mstore_value *dn;

	dn = mstore_values_find(v, n, MSTORE_PidTagDisplayName);
	if (dn == NULL) {
		dn = mstore_values_find(v, n, MSTORE_PROP_TAG(
			MSTORE_PROP_ID(MSTORE_PidTagDisplayName),
			PT_STRING8));
	}
	return dn != NULL ? dn->v.str : NULL;
}

/* Check a new name against the siblings and store its key. */
static enum MAPISTATUS rename_check(struct mstore *store, uint64_t fid,
				    uint64_t parent, const char *name)
{
	TALLOC_CTX *tmp;
	enum MAPISTATUS ret;
	uint64_t other;

	if (name == NULL || name[0] == '\0') {
		return MAPI_E_INVALID_PARAMETER;
	}
	ret = mstore_folder_find(store, parent, name, &other);
	if (ret == MAPI_E_SUCCESS && other != fid) {
		return MAPI_E_COLLISION;
	}
	if (ret != MAPI_E_SUCCESS && ret != MAPI_E_NOT_FOUND) {
		return ret;
	}
	tmp = talloc_new(store);
	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mstore_record_set_string(store, folder_dn(tmp, store, fid),
				       MSTORE_ATTR_NAMEKEY,
				       name_key(tmp, name));
	talloc_free(tmp);
	return ret;
}

enum MAPISTATUS mstore_folder_set_props(struct mstore *store, uint64_t fid,
					const struct mstore_value *values,
					uint32_t count)
{
	const char *name = find_new_name(values, count);
	uint64_t parent = 0;
	enum MAPISTATUS ret;

	ret = check_settable(values, count);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	ret = mstore_txn_start(store);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	ret = mstore_folder_parent(store, fid, &parent);
	if (ret == MAPI_E_SUCCESS && name != NULL) {
		ret = rename_check(store, fid, parent, name);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = rewrite_folder(store, fid, values, count, NULL, 0, NULL);
	}
	if (ret == MAPI_E_SUCCESS) {
		mstore_event_folder_set(store, fid, values, count);
		/* its row in the parent's hierarchy tables changed */
		ret = mstore_folder_touch_hierarchy(store, parent);
	}
	return mstore_txn_finish(store, ret);
}

enum MAPISTATUS mstore_folder_delete_props(struct mstore *store,
					   uint64_t fid,
					   const uint32_t *tags,
					   uint32_t count)
{
	uint64_t parent = 0;
	enum MAPISTATUS ret;
	uint32_t i;

	for (i = 0; i < count; i++) {
		if (mstore_tag_is_computed(tags[i]) ||
		    MSTORE_PROP_ID(tags[i]) ==
		    MSTORE_PROP_ID(MSTORE_PidTagDisplayName)) {
			return MAPI_E_COMPUTED;
		}
	}
	ret = mstore_txn_start(store);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	ret = mstore_folder_parent(store, fid, &parent);
	if (ret == MAPI_E_SUCCESS) {
		ret = rewrite_folder(store, fid, NULL, 0, tags, count, NULL);
	}
	if (ret == MAPI_E_SUCCESS) {
		mstore_event_folder_tags(store, fid, tags, count);
		/* its row in the parent's hierarchy tables changed */
		ret = mstore_folder_touch_hierarchy(store, parent);
	}
	return mstore_txn_finish(store, ret);
}

enum MAPISTATUS mstore_search_in(TALLOC_CTX *mem_ctx, struct mstore *store,
				 const char *container, const char *link,
				 uint64_t fid, const char *extra,
				 const char **attrs, struct ldb_result **res)
{
	struct ldb_dn *base = ldb_dn_new(mem_ctx, store->ldb, container);
	int lret;

	if (base == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	lret = ldb_search(store->ldb, mem_ctx, res, base, LDB_SCOPE_SUBTREE,
			  attrs, "(&(%s=%016llX)%s)", link,
			  (unsigned long long)fid, extra ? extra : "");
	return mstore_ldb_status(store, lret);
}

/* The records in folder @a fid (not the soft-deleted ones). */
static enum MAPISTATUS search_children(TALLOC_CTX *mem_ctx,
				       struct mstore *store,
				       const char *container, uint64_t fid,
				       const char *extra, const char **attrs,
				       struct ldb_result **res)
{
	return mstore_search_in(mem_ctx, store, container, MSTORE_ATTR_PARENT,
				fid, extra, attrs, res);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : (x > y ? 1 : 0);
}

/* The ids of the records of res, sorted: by GLOBCNT, creation order. */
uint64_t *mstore_result_ids(TALLOC_CTX *mem_ctx, struct ldb_result *res,
			    uint32_t tag)
{
	uint64_t *ids = talloc_array(mem_ctx, uint64_t, res->count + 1);
	unsigned int i;

	if (ids == NULL) {
		return NULL;
	}
	for (i = 0; i < res->count; i++) {
		ids[i] = mstore_id_globcnt(
			(uint64_t)mstore_record_int(res->msgs[i], tag, 0));
	}
	qsort(ids, res->count, sizeof(ids[0]), cmp_u64);
	for (i = 0; i < res->count; i++) {
		ids[i] = mstore_id_make(MSTORE_LOCAL_REPLID, ids[i]);
	}
	return ids;
}

enum MAPISTATUS mstore_folder_children(TALLOC_CTX *mem_ctx,
				       struct mstore *store, uint64_t fid,
				       uint64_t **fids, uint32_t *count)
{
	static const char *attrs[] = { "p67480014", NULL };
	struct ldb_result *res = NULL;
	enum MAPISTATUS ret;

	ret = search_children(mem_ctx, store, MSTORE_DN_FOLDERS, fid, NULL,
			      attrs, &res);
	if (ret == MAPI_E_SUCCESS) {
		*fids = mstore_result_ids(mem_ctx, res, MSTORE_PidTagFolderId);
		*count = res->count;
		ret = *fids ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
	}
	talloc_free(res);
	return ret;
}

enum MAPISTATUS mstore_folder_deleted_children(TALLOC_CTX *mem_ctx,
					       struct mstore *store,
					       uint64_t fid, uint64_t **fids,
					       uint32_t *count)
{
	static const char *attrs[] = { "p67480014", NULL };
	struct ldb_result *res = NULL;
	enum MAPISTATUS ret;

	ret = mstore_search_in(mem_ctx, store, MSTORE_DN_FOLDERS,
			       MSTORE_ATTR_SOFT_PARENT, fid, NULL, attrs,
			       &res);
	if (ret == MAPI_E_SUCCESS) {
		*fids = mstore_result_ids(mem_ctx, res,
					  MSTORE_PidTagFolderId);
		*count = res->count;
		ret = *fids ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
	}
	talloc_free(res);
	return ret;
}

bool mstore_folder_is_special(struct mstore *store, uint64_t fid)
{
	int i;

	for (i = 0; i < MSTORE_SPECIAL_COUNT; i++) {
		if (store->special[i] == fid) {
			return true;
		}
	}
	return false;
}

/* MAPI_E_FOLDER_CYCLE if target is fid or one of its descendants. */
static enum MAPISTATUS check_cycle(struct mstore *store, uint64_t fid,
				   uint64_t target)
{
	enum MAPISTATUS ret;

	while (target != 0) {
		if (target == fid) {
			return MAPI_E_FOLDER_CYCLE;
		}
		ret = mstore_folder_parent(store, target, &target);
		if (ret != MAPI_E_SUCCESS) {
			return ret;
		}
	}
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS move_in_txn(struct mstore *store, uint64_t fid,
				   uint64_t new_parent, const char *new_name)
{
	TALLOC_CTX *tmp = talloc_new(store);
	struct mstore_value *set = NULL, name_v;
	struct mstore_value *cur;
	uint32_t nset = 0;
	uint64_t old_parent;
	enum MAPISTATUS ret;
	const char *name = new_name;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mstore_folder_open(store, fid);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_folder_parent(store, fid, &old_parent);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_folder_open(store, new_parent);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = check_cycle(store, fid, new_parent);
	}
	if (ret == MAPI_E_SUCCESS && name == NULL) {
		static const uint32_t t = MSTORE_PidTagDisplayName;

		ret = mstore_folder_get_props(tmp, store, fid, &t, 1, &cur);
		name = ret == MAPI_E_SUCCESS ? cur[0].v.str : NULL;
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = rename_check(store, fid, new_parent, name);
	}
	if (ret == MAPI_E_SUCCESS) {
		name_v.tag = MSTORE_PidTagDisplayName;
		name_v.v.str = name;
		ret = mstore_values_put(tmp, &set, &nset, &name_v);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(tmp, &set, &nset,
				     MSTORE_PidTagParentFolderId,
				     (int64_t)new_parent);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_source_keys(tmp, store, fid, new_parent, &set,
					 &nset);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = rewrite_folder(store, fid, set, nset, NULL, 0,
				     mstore_hex64(tmp, new_parent));
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_folder_adjust_children(store, old_parent, -1);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_folder_adjust_children(store, new_parent, 1);
	}
	if (ret == MAPI_E_SUCCESS) {
		mstore_event_folder(store, MSTORE_EVENT_MOVED, fid, new_parent,
				    old_parent);
	}
	talloc_free(tmp);
	return ret;
}

enum MAPISTATUS mstore_folder_move(struct mstore *store, uint64_t fid,
				   uint64_t new_parent, const char *new_name)
{
	enum MAPISTATUS ret;

	if (mstore_folder_is_special(store, fid)) {
		return MAPI_E_NO_ACCESS;
	}
	ret = mstore_txn_start(store);
	if (ret == MAPI_E_SUCCESS) {
		ret = move_in_txn(store, fid, new_parent, new_name);
		ret = mstore_txn_finish(store, ret);
	}
	return ret;
}

static enum MAPISTATUS folder_message_ids(TALLOC_CTX *mem_ctx,
					  struct mstore *store, uint64_t fid,
					  const char *extra, uint64_t **mids,
					  uint32_t *count)
{
	static const char *attrs[] = { "p674a0014", NULL };
	struct ldb_result *res = NULL;
	enum MAPISTATUS ret;

	ret = search_children(mem_ctx, store, MSTORE_DN_MESSAGES, fid, extra,
			      attrs, &res);
	if (ret == MAPI_E_SUCCESS) {
		*mids = mstore_result_ids(mem_ctx, res, MSTORE_PidTagMid);
		*count = res->count;
		ret = *mids ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
	}
	talloc_free(res);
	return ret;
}

/* Copy with new ids: the folder, its messages and maybe its subtree. */
static enum MAPISTATUS copy_in_txn(struct mstore *store, uint64_t fid,
				   uint64_t new_parent, const char *new_name,
				   bool recursive, uint64_t *new_fid)
{
	static const uint32_t skip[] = {
		MSTORE_PidTagDisplayName, MSTORE_PidTagEntryId
	};
	TALLOC_CTX *tmp = talloc_new(store);
	struct mstore_value *v = NULL, *name = NULL;
	uint64_t *ids = NULL, copy_id;
	uint32_t n = 0, k = 0, i;
	enum MAPISTATUS ret;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mstore_folder_get_all_props(tmp, store, fid, &v, &n);
	if (ret == MAPI_E_SUCCESS && new_name == NULL) {
		name = (struct mstore_value *)mstore_values_find(
			v, n, MSTORE_PidTagDisplayName);
		new_name = name ? talloc_strdup(tmp, name->v.str) : "";
	}
	/* Keep the caller-settable properties only. */
	for (i = 0; ret == MAPI_E_SUCCESS && i < n; i++) {
		if (!mstore_tag_is_computed(v[i].tag) &&
		    MSTORE_PROP_ID(v[i].tag) != MSTORE_PROP_ID(skip[0]) &&
		    v[i].tag != skip[1]) {
			v[k++] = v[i];
		}
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = create_in_txn(store, new_parent, new_name, v, k, 0, -1,
				    new_fid, NULL);
	}
	if (ret == MAPI_E_SUCCESS) {
		mstore_event_folder_copied(store, *new_fid, fid);
		ret = folder_message_ids(tmp, store, fid, NULL, &ids, &n);
	}
	for (i = 0; ret == MAPI_E_SUCCESS && i < n; i++) {
		ret = mstore_message_copy(store, ids[i], *new_fid, &copy_id);
	}
	if (ret == MAPI_E_SUCCESS && recursive) {
		ret = mstore_folder_children(tmp, store, fid, &ids, &n);
	}
	for (i = 0; ret == MAPI_E_SUCCESS && recursive && i < n; i++) {
		ret = copy_in_txn(store, ids[i], *new_fid, NULL, true,
				  &copy_id);
	}
	talloc_free(tmp);
	return ret;
}

enum MAPISTATUS mstore_folder_copy(struct mstore *store, uint64_t fid,
				   uint64_t new_parent, const char *new_name,
				   bool recursive, uint64_t *new_fid)
{
	enum MAPISTATUS ret;

	ret = mstore_txn_start(store);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	ret = mstore_folder_open(store, fid);
	if (ret == MAPI_E_SUCCESS) {
		ret = check_cycle(store, fid, new_parent);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = copy_in_txn(store, fid, new_parent, new_name, recursive,
				  new_fid);
	}
	return mstore_txn_finish(store, ret);
}

static enum MAPISTATUS delete_messages_where(struct mstore *store,
					     uint64_t fid, const char *extra)
{
	TALLOC_CTX *tmp = talloc_new(store);
	uint64_t *mids;
	uint32_t n, i;
	enum MAPISTATUS ret;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = folder_message_ids(tmp, store, fid, extra, &mids, &n);
	for (i = 0; ret == MAPI_E_SUCCESS && i < n; i++) {
		ret = mstore_message_remove(store, mids[i], true);
	}
	talloc_free(tmp);
	return ret;
}

enum MAPISTATUS mstore_folder_each_child(struct mstore *store, uint64_t fid,
					 bool soft, mstore_child_fn fn,
					 void *private_data)
{
	TALLOC_CTX *tmp = talloc_new(store);
	uint64_t *kids;
	uint32_t n, i;
	enum MAPISTATUS ret;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = soft ? mstore_folder_deleted_children(tmp, store, fid, &kids,
						    &n) :
		     mstore_folder_children(tmp, store, fid, &kids, &n);
	for (i = 0; ret == MAPI_E_SUCCESS && i < n; i++) {
		ret = fn(store, kids[i], private_data);
	}
	talloc_free(tmp);
	return ret;
}

static enum MAPISTATUS remove_child_tree(struct mstore *store, uint64_t child,
					 void *private_data)
{
	(void)private_data;
	return mstore_folder_remove_tree(store, child);
}

/* Remove the subfolders, the soft-deleted ones too, with their trees. */
static enum MAPISTATUS remove_subtrees(struct mstore *store, uint64_t fid,
				       bool soft)
{
	return mstore_folder_each_child(store, fid, soft, remove_child_tree,
					NULL);
}

enum MAPISTATUS mstore_folder_remove_tree(struct mstore *store, uint64_t fid)
{
	TALLOC_CTX *tmp = talloc_new(store);
	enum MAPISTATUS ret;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = remove_subtrees(store, fid, false);
	if (ret == MAPI_E_SUCCESS) {
		ret = remove_subtrees(store, fid, true);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = delete_messages_where(store, fid, NULL);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_messages_purge_in(store, fid, 0);
	}
	if (ret == MAPI_E_SUCCESS) {
		/* a folder's own large values (streams) */
		ret = mstore_lob_drop_dn(store, folder_dn(tmp, store, fid));
	}
	if (ret == MAPI_E_SUCCESS) {
		mstore_event_folder_deleted(store, fid);
		ret = mstore_ldb_status(store, ldb_delete(store->ldb,
			folder_dn(tmp, store, fid)));
	}
	talloc_free(tmp);
	return ret;
}

static enum MAPISTATUS delete_in_txn(struct mstore *store, uint64_t fid,
				     uint32_t flags)
{
	static const uint32_t tags[] = {
		MSTORE_PidTagContentCount, MSTORE_PidTagAssociatedContentCount,
		MSTORE_PidTagFolderChildCount
	};
	TALLOC_CTX *tmp = talloc_new(store);
	struct mstore_value *v;
	uint64_t parent;
	bool own = false, below = false;
	enum MAPISTATUS ret;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mstore_folder_deleted(store, fid, &own, &below);
	if (ret == MAPI_E_SUCCESS && (below ||
				      (own && !(flags & MSTORE_DEL_HARD)))) {
		/* only a hard delete reaches a soft-deleted folder, and
		 * only through itself */
		ret = MAPI_E_NOT_FOUND;
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_folder_parent(store, fid, &parent);
	}
	if (ret == MAPI_E_SUCCESS && !own) {
		ret = mstore_folder_get_props(tmp, store, fid, tags, 3, &v);
	}
	if (ret == MAPI_E_SUCCESS && !own && !(flags & MSTORE_DEL_MESSAGES) &&
	    (v[0].v.i32 > 0 || v[1].v.i32 > 0)) {
		ret = MAPI_E_HAS_MESSAGES;
	}
	if (ret == MAPI_E_SUCCESS && !own && !(flags & MSTORE_DEL_FOLDERS) &&
	    v[2].v.i32 > 0) {
		ret = MAPI_E_HAS_FOLDERS;
	}
	talloc_free(tmp);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	if (!(flags & MSTORE_DEL_HARD)) {
		/* MS-OXCFOLD 2.2.1.3.1: without DELETE_HARD_DELETE the
		 * folder is soft deleted */
		return mstore_folder_soft_delete(store, fid, parent);
	}
	ret = mstore_folder_remove_tree(store, fid);
	if (ret == MAPI_E_SUCCESS && own) {
		/* no longer counted among its parent's children */
		ret = mstore_folder_touch_hierarchy(store, parent);
	} else if (ret == MAPI_E_SUCCESS) {
		ret = mstore_folder_adjust_children(store, parent, -1);
	}
	return ret;
}

enum MAPISTATUS mstore_folder_delete(struct mstore *store, uint64_t fid,
				     uint32_t flags)
{
	enum MAPISTATUS ret;

	if (mstore_folder_is_special(store, fid)) {
		return MAPI_E_NO_ACCESS;
	}
	ret = mstore_txn_start(store);
	if (ret == MAPI_E_SUCCESS) {
		ret = delete_in_txn(store, fid, flags);
		ret = mstore_txn_finish(store, ret);
	}
	return ret;
}

static enum MAPISTATUS empty_messages(struct mstore *store, uint64_t fid,
				      uint32_t flags)
{
	const char *which = flags & MSTORE_EMPTY_ASSOCIATED ? NULL :
			    "(" MSTORE_ATTR_ASSOC "=0)";
	TALLOC_CTX *tmp;
	uint64_t *mids;
	uint32_t n;
	enum MAPISTATUS ret;

	if (flags & MSTORE_DEL_HARD) {
		return delete_messages_where(store, fid, which);
	}
	tmp = talloc_new(store);
	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = folder_message_ids(tmp, store, fid, which, &mids, &n);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_messages_soft_delete(store, fid, mids, n);
	}
	talloc_free(tmp);
	return ret;
}

static enum MAPISTATUS empty_in_txn(struct mstore *store, uint64_t fid,
				    uint32_t flags)
{
	TALLOC_CTX *tmp = talloc_new(store);
	uint64_t *kids;
	uint32_t n, i;
	enum MAPISTATUS ret;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = empty_messages(store, fid, flags);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_folder_children(tmp, store, fid, &kids, &n);
	}
	for (i = 0; ret == MAPI_E_SUCCESS && i < n; i++) {
		if (mstore_folder_is_special(store, kids[i])) {
			continue;
		}
		if (!(flags & MSTORE_DEL_HARD)) {
			ret = mstore_folder_soft_delete(store, kids[i], fid);
			continue;
		}
		ret = mstore_folder_remove_tree(store, kids[i]);
		if (ret == MAPI_E_SUCCESS) {
			ret = mstore_folder_adjust_children(store, fid, -1);
		}
	}
	talloc_free(tmp);
	return ret;
}

enum MAPISTATUS mstore_folder_empty_ex(struct mstore *store, uint64_t fid,
				       uint32_t flags)
{
	enum MAPISTATUS ret;

	ret = mstore_txn_start(store);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_folder_open(store, fid);
		if (ret == MAPI_E_SUCCESS) {
			ret = empty_in_txn(store, fid, flags);
		}
		ret = mstore_txn_finish(store, ret);
	}
	return ret;
}

enum MAPISTATUS mstore_folder_empty(struct mstore *store, uint64_t fid,
				    bool associated)
{
	return mstore_folder_empty_ex(store, fid, MSTORE_DEL_HARD |
				      (associated ? MSTORE_EMPTY_ASSOCIATED :
						    0));
}

static int cmp_row_mid(const void *a, const void *b, void *priv)
{
	const uint64_t *mids = priv;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return cmp_u64(&mids[x], &mids[y]);
}

enum MAPISTATUS mstore_folder_messages(TALLOC_CTX *mem_ctx,
				       struct mstore *store, uint64_t fid,
				       bool associated, const uint32_t *tags,
				       uint32_t tag_count, uint64_t **mids_out,
				       struct mstore_row **rows_out,
				       uint32_t *count)
{
	return mstore_folder_messages_ex(mem_ctx, store, fid,
					 associated ? MSTORE_EMPTY_ASSOCIATED :
						      0, tags, tag_count,
					 mids_out, rows_out, count);
}

enum MAPISTATUS mstore_folder_messages_ex(TALLOC_CTX *mem_ctx,
					  struct mstore *store, uint64_t fid,
					  uint32_t flags, const uint32_t *tags,
					  uint32_t tag_count,
					  uint64_t **mids_out,
					  struct mstore_row **rows_out,
					  uint32_t *count)
{
	bool associated = (flags & MSTORE_EMPTY_ASSOCIATED) != 0;
	bool soft = (flags & MSTORE_SOFT_DELETED) != 0;
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	struct ldb_result *res = NULL;
	struct mstore_row *rows;
	uint64_t *mids, *keys;
	uint32_t *order, i;
	const char **attrs;
	enum MAPISTATUS ret = MAPI_E_NOT_ENOUGH_MEMORY;

	attrs = talloc_zero_array(tmp, const char *, tag_count + 2);
	if (attrs == NULL) {
		goto done;
	}
	attrs[0] = "p674a0014";
	for (i = 0; i < tag_count; i++) {
		attrs[i + 1] = mstore_tag_attr(attrs, tags[i]);
	}
	/* the folder may be a soft-deleted one opened with
	 * OpenSoftDeleted: its messages are listed all the same */
	ret = mstore_folder_open_ex(store, fid, MSTORE_SOFT_DELETED);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_search_in(tmp, store, MSTORE_DN_MESSAGES,
				       soft ? MSTORE_ATTR_SOFT_PARENT :
					      MSTORE_ATTR_PARENT, fid,
				       associated ? "(" MSTORE_ATTR_ASSOC "=1)"
						  : "(" MSTORE_ATTR_ASSOC "=0)",
				       attrs, &res);
	}
	if (ret != MAPI_E_SUCCESS) {
		goto done;
	}
	ret = MAPI_E_NOT_ENOUGH_MEMORY;
	mids = talloc_array(mem_ctx, uint64_t, res->count + 1);
	rows = talloc_zero_array(mem_ctx, struct mstore_row, res->count + 1);
	keys = talloc_array(tmp, uint64_t, res->count + 1);
	order = talloc_array(tmp, uint32_t, res->count + 1);
	if (mids == NULL || rows == NULL || keys == NULL || order == NULL) {
		goto done;
	}
	for (i = 0; i < res->count; i++) {
		keys[i] = mstore_id_globcnt((uint64_t)mstore_record_int(
			res->msgs[i], MSTORE_PidTagMid, 0));
		order[i] = i;
	}
	qsort_r(order, res->count, sizeof(order[0]), cmp_row_mid, keys);
	ret = MAPI_E_SUCCESS;
	for (i = 0; ret == MAPI_E_SUCCESS && i < res->count; i++) {
		mids[i] = mstore_id_make(MSTORE_LOCAL_REPLID, keys[order[i]]);
		rows[i].count = tag_count;
		ret = mstore_record_select(rows, res->msgs[order[i]], tags,
					   tag_count, &rows[i].values);
	}
	if (ret == MAPI_E_SUCCESS) {
		*mids_out = mids;
		*rows_out = rows;
		*count = res->count;
	} else {
		talloc_free(mids);
		talloc_free(rows);
	}
done:
	talloc_free(tmp);
	return ret;
}
