/*
 * sambamapi message store: property values in ldb records.  Each
 * property is one attribute "p" + 8 hex digits of its tag, holding the
 * stored form of store_value.c.
 */
#include <stdio.h>
#include <string.h>
#include <util/debug.h>
#include "store/store_private.h"

bool mstore_attr_to_tag(const char *attr, uint32_t *tag)
{
	unsigned int i;
	uint32_t t = 0;
	char c;

	if (attr[0] != 'p' || strlen(attr) != 9) {
		return false;
	}
	for (i = 1; i < 9; i++) {
		c = attr[i];
		t <<= 4;
		if (c >= '0' && c <= '9') {
			t |= c - '0';
		} else if (c >= 'a' && c <= 'f') {
			t |= c - 'a' + 10;
		} else if (c >= 'A' && c <= 'F') {
			t |= c - 'A' + 10;
		} else {
			return false;
		}
	}
	*tag = t;
	return true;
}

char *mstore_tag_attr(TALLOC_CTX *mem_ctx, uint32_t tag)
{
	return talloc_asprintf(mem_ctx, "p%08x", tag);
}

enum MAPISTATUS mstore_record_load(TALLOC_CTX *mem_ctx, struct mstore *st,
				   struct ldb_dn *dn, const char * const *attrs,
				   struct ldb_message **msg)
{
	struct ldb_result *res = NULL;
	int lret;

	if (dn == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	lret = ldb_search(st->ldb, mem_ctx, &res, dn, LDB_SCOPE_BASE,
			  (const char **)attrs, NULL);
	if (lret != LDB_SUCCESS) {
		return mstore_ldb_status(st, lret);
	}
	if (res->count != 1) {
		talloc_free(res);
		return MAPI_E_NOT_FOUND;
	}
	*msg = talloc_steal(mem_ctx, res->msgs[0]);
	talloc_free(res);
	return MAPI_E_SUCCESS;
}

/* A value kept out of line comes back as its MSTORE_PT_LARGE reference. */
static enum MAPISTATUS element_value(TALLOC_CTX *mem_ctx, uint32_t tag,
				     const struct ldb_message_element *el,
				     struct mstore_value *v)
{
	if (el->num_values != 1) {
		return MAPI_E_CORRUPT_DATA;
	}
	if (mstore_lob_element_is_ref(el)) {
		return mstore_lob_element_value(mem_ctx, tag, el, v);
	}
	return mstore_value_unpack(mem_ctx, tag, el->values[0].data,
				   el->values[0].length, v);
}

enum MAPISTATUS mstore_record_values(TALLOC_CTX *mem_ctx,
				     const struct ldb_message *msg,
				     struct mstore_value **values,
				     uint32_t *count)
{
	struct mstore_value *v;
	unsigned int i, n = 0;
	uint32_t tag;
	enum MAPISTATUS ret;

	v = talloc_zero_array(mem_ctx, struct mstore_value,
			      msg->num_elements + 1);
	if (v == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < msg->num_elements; i++) {
		if (!mstore_attr_to_tag(msg->elements[i].name, &tag)) {
			continue;
		}
		ret = element_value(v, tag, &msg->elements[i], &v[n]);
		if (ret != MAPI_E_SUCCESS) {
			DBG_ERR("corrupt value of 0x%08x in %s\n", tag,
				ldb_dn_get_linearized(msg->dn));
			talloc_free(v);
			return ret;
		}
		n++;
	}
	*values = v;
	*count = n;
	return MAPI_E_SUCCESS;
}

void mstore_value_not_found(struct mstore_value *v, uint32_t tag)
{
	memset(v, 0, sizeof(*v));
	v->tag = MSTORE_PROP_TAG(MSTORE_PROP_ID(tag), PT_ERROR);
	v->v.err = MAPI_E_NOT_FOUND;
}

enum MAPISTATUS mstore_record_select(TALLOC_CTX *mem_ctx,
				     const struct ldb_message *msg,
				     const uint32_t *tags, uint32_t count,
				     struct mstore_value **values)
{
	struct mstore_value *v;
	bool few[32] = { false }, *found = few;
	uint32_t i, tag;
	unsigned int e;
	enum MAPISTATUS ret = MAPI_E_SUCCESS;

	v = talloc_zero_array(mem_ctx, struct mstore_value, count + 1);
	if (v != NULL && count > ARRAY_SIZE(few)) {
		found = talloc_zero_array(v, bool, count);
	}
	if (v == NULL || found == NULL) {
		talloc_free(v);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	/* One pass over the record's attributes, their names read as tags
	 * (a table reads this for every row: no name lookups). */
	for (e = 0; ret == MAPI_E_SUCCESS && e < msg->num_elements; e++) {
		if (!mstore_attr_to_tag(msg->elements[e].name, &tag)) {
			continue;
		}
		for (i = 0; ret == MAPI_E_SUCCESS && i < count; i++) {
			if (tags[i] != tag || found[i]) {
				continue;
			}
			found[i] = true;
			if (mstore_lob_element_is_ref(&msg->elements[e])) {
				/* too large to be retrieved here
				 * (MS-OXCDATA 2.4.2): read with a stream */
				mstore_value_not_found(&v[i], tag);
				v[i].v.err = MAPI_E_NOT_ENOUGH_MEMORY;
				continue;
			}
			ret = element_value(v, tag, &msg->elements[e], &v[i]);
		}
	}
	for (i = 0; ret == MAPI_E_SUCCESS && i < count; i++) {
		if (!found[i]) {
			mstore_value_not_found(&v[i], tags[i]);
		}
	}
	if (found != few) {
		talloc_free(found);
	}
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(v);
		return ret;
	}
	*values = v;
	return MAPI_E_SUCCESS;
}

/* Large values and values too long for a record go to files
 * (store_lob_record.c); the others are packed into the record. */
enum MAPISTATUS mstore_msg_add_values(struct mstore *store,
				      struct ldb_message *msg,
				      const struct mstore_value *values,
				      uint32_t count, int flags)
{
	struct ldb_val val;
	struct mstore_bin bin;
	char *attr;
	uint32_t i;
	bool large;
	enum MAPISTATUS ret;

	for (i = 0; i < count; i++) {
		ret = mstore_lob_add_value(store, msg, &values[i], flags,
					   &large);
		if (ret != MAPI_E_SUCCESS) {
			return ret;
		}
		if (large) {
			continue;
		}
		ret = mstore_value_pack(msg, &values[i], &bin);
		if (ret != MAPI_E_SUCCESS) {
			return ret;
		}
		attr = mstore_tag_attr(msg, values[i].tag);
		val.data = bin.data;
		val.length = bin.length;
		if (attr == NULL ||
		    ldb_msg_add_empty(msg, attr, flags, NULL) != LDB_SUCCESS ||
		    ldb_msg_add_value(msg, attr, &val, NULL) != LDB_SUCCESS) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	return MAPI_E_SUCCESS;
}

/*
 * The attribute to remove for @a tag: a large value's (MSTORE_PT_LARGE
 * tag) is named by its real tag, found in the old record; NULL when
 * there is none, or when @a msg already replaces it.
 */
static const char *del_attr(struct ldb_message *msg,
			    const struct ldb_message *old, uint32_t tag)
{
	const char *attr = NULL;
	uint32_t t;
	unsigned int i;

	if (MSTORE_PROP_TYPE(tag) != MSTORE_PT_LARGE) {
		attr = mstore_tag_attr(msg, tag);
	}
	for (i = 0; attr == NULL && i < old->num_elements; i++) {
		if (mstore_attr_to_tag(old->elements[i].name, &t) &&
		    MSTORE_PROP_ID(t) == MSTORE_PROP_ID(tag) &&
		    mstore_lob_element_is_ref(&old->elements[i])) {
			attr = old->elements[i].name;
		}
	}
	if (attr != NULL && ldb_msg_find_element(msg, attr) != NULL) {
		return NULL;
	}
	return attr;
}

/* lobRef after the change: the old record's large values that stay, and
 * the new ones (already in msg); every old one may have become
 * unreferenced. */
static enum MAPISTATUS update_lobrefs(struct mstore *store,
				      struct ldb_message *msg,
				      const struct ldb_message *old)
{
	struct ldb_message_element *el;
	const struct ldb_message_element *o;
	unsigned int i;

	mstore_lob_drop_refs(store, old);
	for (i = 0; i < old->num_elements; i++) {
		o = &old->elements[i];
		if (!mstore_lob_element_is_ref(o) ||
		    ldb_msg_find_element(msg, o->name) != NULL) {
			continue;
		}
		el = ldb_msg_find_element(msg, MSTORE_ATTR_LOBREF);
		if (el == NULL && ldb_msg_add_empty(
			msg, MSTORE_ATTR_LOBREF, LDB_FLAG_MOD_REPLACE,
			&el) != 0) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		if (ldb_msg_add_string(msg, MSTORE_ATTR_LOBREF,
				       mstore_lob_name(
					       msg, mstore_lob_element_id(o)))
		    != 0) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	if (ldb_msg_find_element(msg, MSTORE_ATTR_LOBREF) == NULL &&
	    ldb_msg_find_element(old, MSTORE_ATTR_LOBREF) != NULL &&
	    ldb_msg_add_empty(msg, MSTORE_ATTR_LOBREF, LDB_FLAG_MOD_REPLACE,
			      NULL) != 0) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS update_in_txn(struct mstore *store,
				     struct ldb_message *msg,
				     const struct mstore_value *set,
				     uint32_t set_count, const uint32_t *del,
				     uint32_t del_count)
{
	static const char *all[] = { "*", NULL };
	struct ldb_message *old;
	const char *attr;
	enum MAPISTATUS ret;
	uint32_t i;

	ret = mstore_record_load(msg, store, msg->dn, all, &old);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_msg_add_values(store, msg, set, set_count,
					    LDB_FLAG_MOD_REPLACE);
	}
	for (i = 0; ret == MAPI_E_SUCCESS && i < del_count; i++) {
		attr = del_attr(msg, old, del[i]);
		/* A replace without values removes the attribute. */
		if (attr != NULL &&
		    ldb_msg_add_empty(msg, attr, LDB_FLAG_MOD_REPLACE,
				      NULL) != 0) {
			ret = MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = update_lobrefs(store, msg, old);
	}
	if (ret == MAPI_E_SUCCESS && msg->num_elements > 0) {
		ret = mstore_ldb_status(store, ldb_modify(store->ldb, msg));
	}
	return ret;
}

enum MAPISTATUS mstore_record_update(struct mstore *store, struct ldb_dn *dn,
				     const struct mstore_value *set,
				     uint32_t set_count, const uint32_t *del,
				     uint32_t del_count)
{
	return mstore_record_update_counter(store, dn, set, set_count, del,
					    del_count, NULL, 0);
}

enum MAPISTATUS mstore_record_update_counter(struct mstore *store,
					     struct ldb_dn *dn,
					     const struct mstore_value *set,
					     uint32_t set_count,
					     const uint32_t *del,
					     uint32_t del_count,
					     const char *counter,
					     uint64_t value)
{
	struct ldb_message *msg = ldb_msg_new(store);
	enum MAPISTATUS ret;

	if (msg == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	msg->dn = dn;
	if (counter != NULL &&
	    (ldb_msg_add_empty(msg, counter, LDB_FLAG_MOD_REPLACE, NULL) != 0 ||
	     ldb_msg_add_fmt(msg, counter, "%llu",
			     (unsigned long long)value) != 0)) {
		talloc_free(msg);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mstore_txn_start(store);
	if (ret == MAPI_E_SUCCESS) {
		ret = update_in_txn(store, msg, set, set_count, del,
				    del_count);
		ret = mstore_txn_finish(store, ret);
	}
	talloc_free(msg);
	return ret;
}

enum MAPISTATUS mstore_record_set_string(struct mstore *store,
					 struct ldb_dn *dn, const char *attr,
					 const char *value)
{
	struct ldb_message *msg = ldb_msg_new(store);
	enum MAPISTATUS ret = MAPI_E_NOT_ENOUGH_MEMORY;

	if (msg == NULL || value == NULL) {
		talloc_free(msg);
		return ret;
	}
	msg->dn = dn;
	if (ldb_msg_add_empty(msg, attr, LDB_FLAG_MOD_REPLACE, NULL) == 0 &&
	    ldb_msg_add_string(msg, attr, value) == 0) {
		ret = mstore_ldb_status(store, ldb_modify(store->ldb, msg));
	}
	talloc_free(msg);
	return ret;
}

bool mstore_tag_is_computed(uint32_t tag)
{
	switch (MSTORE_PROP_ID(tag)) {
	case MSTORE_PROP_ID(MSTORE_PidTagFolderId):
	case MSTORE_PROP_ID(MSTORE_PidTagParentFolderId):
	case MSTORE_PROP_ID(MSTORE_PidTagMid):
	case MSTORE_PROP_ID(MSTORE_PidTagChangeNumber):
	case MSTORE_PROP_ID(MSTORE_PidTagSourceKey):
	case MSTORE_PROP_ID(MSTORE_PidTagParentSourceKey):
	case MSTORE_PROP_ID(MSTORE_PidTagChangeKey):
	case MSTORE_PROP_ID(MSTORE_PidTagPredecessorChangeList):
	case MSTORE_PROP_ID(MSTORE_PidTagContentCount):
	case MSTORE_PROP_ID(MSTORE_PidTagContentUnreadCount):
	case MSTORE_PROP_ID(MSTORE_PidTagAssociatedContentCount):
	case MSTORE_PROP_ID(MSTORE_PidTagSubfolders):
	case MSTORE_PROP_ID(MSTORE_PidTagFolderChildCount):
	case MSTORE_PROP_ID(MSTORE_PidTagMessageSize):
	case MSTORE_PROP_ID(MSTORE_PidTagCreationTime):
	case MSTORE_PROP_ID(MSTORE_PidTagLastModificationTime):
	case MSTORE_PROP_ID(MSTORE_PidTagFolderType):
	case MSTORE_PROP_ID(MSTORE_PidTagAssociated):
	case MSTORE_PROP_ID(MSTORE_PidTagRowid):
	case MSTORE_PROP_ID(MSTORE_PidTagAttachNumber):
	case MSTORE_PROP_ID(MSTORE_PidTagHasAttachments):
		return true;
	default:
		return false;
	}
}

int64_t mstore_record_int(const struct ldb_message *msg, uint32_t tag,
			  int64_t dflt)
{
	struct mstore_value v;
	char attr[10];
	const struct ldb_message_element *el;
	int64_t r = dflt;

	snprintf(attr, sizeof(attr), "p%08x", tag);
	el = ldb_msg_find_element(msg, attr);
	if (el == NULL || el->num_values != 1 ||
	    mstore_value_unpack(NULL, tag, el->values[0].data,
				el->values[0].length, &v) != MAPI_E_SUCCESS) {
		return dflt;
	}
	switch (MSTORE_PROP_TYPE(tag)) {
	case PT_LONG:
		r = v.v.i32;
		break;
	case PT_I8:
		r = v.v.i64;
		break;
	case PT_SYSTIME:
		r = (int64_t)v.v.u64;
		break;
	case PT_BOOLEAN:
		r = v.v.b;
		break;
	default:
		break;
	}
	return r;
}
