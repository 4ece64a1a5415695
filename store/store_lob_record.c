/*
 * sambamapi message store: large values in ldb records.
 *
 * A value kept out of line is stored under its property's own attribute
 * ("p" + its real tag), holding the stored form of its MSTORE_PT_LARGE
 * reference (whose key is the file's id) instead of the value; every id
 * a record refers to is also a value of its indexed "lobRef" attribute,
 * which is how the store finds whether a file is still referenced.
 */
#include <string.h>
#include <util/debug.h>
#include "store/store_private.h"
#include "store/store_lob.h"

/* Stored form: the 16-bit MSTORE_PT_LARGE, then the reference. */
#define STORED_REF_SIZE (2 + MSTORE_LARGE_REF_SIZE)

bool mstore_lob_element_is_ref(const struct ldb_message_element *el)
{
	const uint8_t *p;

	if (el->num_values != 1 || el->values[0].length != STORED_REF_SIZE) {
		return false;
	}
	p = el->values[0].data;
	return (p[0] | p[1] << 8) == MSTORE_PT_LARGE;
}

const uint8_t *mstore_lob_element_id(const struct ldb_message_element *el)
{
	return el->values[0].data + 2 + 12;	/* after type, ref header */
}

enum MAPISTATUS mstore_lob_element_value(TALLOC_CTX *mem_ctx, uint32_t tag,
					 const struct ldb_message_element *el,
					 struct mstore_value *v)
{
	uint32_t real;
	uint64_t size;
	enum MAPISTATUS ret;

	ret = mstore_value_unpack(mem_ctx,
				  MSTORE_PROP_TAG(MSTORE_PROP_ID(tag),
						  MSTORE_PT_LARGE),
				  el->values[0].data, el->values[0].length,
				  v);
	if (ret == MAPI_E_SUCCESS &&
	    (mstore_large_info(v, &real, &size) != MAPI_E_SUCCESS ||
	     real != tag)) {
		ret = MAPI_E_CORRUPT_DATA;
	}
	return ret;
}

/* Append @a id to the record's lobRef attribute. */
static enum MAPISTATUS add_lobref(struct ldb_message *msg, int flags,
				  const uint8_t *id)
{
	struct ldb_message_element *el;
	char *name = mstore_lob_name(msg, id);

	if (name == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	el = ldb_msg_find_element(msg, MSTORE_ATTR_LOBREF);
	if (el == NULL &&
	    ldb_msg_add_empty(msg, MSTORE_ATTR_LOBREF, flags, &el) != 0) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (ldb_msg_add_string(msg, MSTORE_ATTR_LOBREF, name) != 0) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return MAPI_E_SUCCESS;
}

/* A value worth writing out of line, and its bytes in stream form. */
static bool oversize(TALLOC_CTX *mem_ctx, struct mstore *store,
		     const struct mstore_value *v, struct mstore_bin *bytes)
{
	size_t n;

	switch (MSTORE_PROP_TYPE(v->tag)) {
	case PT_BINARY:
		if (v->v.bin.length <= store->large_threshold) {
			return false;
		}
		*bytes = v->v.bin;
		return true;
	case PT_STRING8:
	case PT_UNICODE:
		n = v->v.str != NULL ? strlen(v->v.str) : 0;
		if (n <= store->large_threshold) {
			return false;
		}
		if (MSTORE_PROP_TYPE(v->tag) == PT_STRING8) {
			bytes->data = (uint8_t *)(uintptr_t)v->v.str;
			bytes->length = n + 1;	/* with its null */
			return true;
		}
		if (mstore_utf8_to_utf16(mem_ctx, v->v.str, bytes) !=
		    MAPI_E_SUCCESS) {
			return false;	/* kept in the record */
		}
		bytes->data = talloc_realloc(mem_ctx, bytes->data, uint8_t,
					     bytes->length + 2);
		if (bytes->data == NULL) {
			return false;
		}
		bytes->data[bytes->length] = 0;
		bytes->data[bytes->length + 1] = 0;
		bytes->length += 2;
		return true;
	default:
		return false;
	}
}

/* The reference to write for @a v, staging its bytes when inline. */
static enum MAPISTATUS stage_ref(TALLOC_CTX *mem_ctx, struct mstore *store,
				 const struct mstore_value *v, uint32_t *tag,
				 struct mstore_lob_file **f)
{
	struct mstore_bin bytes;
	struct mstore_lob *lob;
	uint64_t size;
	enum MAPISTATUS ret;

	if (MSTORE_PROP_TYPE(v->tag) == MSTORE_PT_LARGE) {
		ret = mstore_large_info(v, tag, &size);
		return ret == MAPI_E_SUCCESS ?
		       mstore_lob_file_get(store, mstore_large_key(v), f) :
		       ret;
	}
	if (!oversize(mem_ctx, store, v, &bytes)) {
		return MAPI_E_NOT_FOUND;	/* an ordinary value */
	}
	ret = mstore_lob_create(mem_ctx, store, &lob);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_lob_write(lob, 0, bytes.data, bytes.length);
	}
	if (ret == MAPI_E_SUCCESS) {
		*tag = v->tag;
		*f = mstore_lob_file_of(lob);
	}
	return ret;
}

/*
 * Add @a v to a record as a large value when it is one, or a value too
 * long to keep inline (inside a transaction only); *added tells whether
 * it was.  @a msg holds the file open until it is written.
 */
enum MAPISTATUS mstore_lob_add_value(struct mstore *store,
				     struct ldb_message *msg,
				     const struct mstore_value *v, int flags,
				     bool *added)
{
	uint8_t id[MSTORE_LOB_ID_SIZE];
	struct mstore_lob_file *f;
	struct mstore_value ref;
	struct mstore_bin packed;
	struct ldb_val val;
	uint32_t tag = 0;
	char *attr;
	enum MAPISTATUS ret;

	*added = false;
	if (MSTORE_PROP_TYPE(v->tag) != MSTORE_PT_LARGE &&
	    (store->txn_depth == 0 || store->lob_dir == NULL)) {
		return MAPI_E_SUCCESS;
	}
	ret = stage_ref(msg, store, v, &tag, &f);
	if (ret == MAPI_E_NOT_FOUND && MSTORE_PROP_TYPE(v->tag) !=
	    MSTORE_PT_LARGE) {
		return MAPI_E_SUCCESS;
	}
	if (ret == MAPI_E_SUCCESS && mstore_lob_hold(msg, f) == NULL) {
		ret = MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_lob_file_link(f, id);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_large_ref(msg, tag, mstore_lob_file_size(f), id,
				       &ref);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_value_pack(msg, &ref, &packed);
	}
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	attr = mstore_tag_attr(msg, tag);
	val.data = packed.data;
	val.length = packed.length;
	if (attr == NULL ||
	    ldb_msg_add_empty(msg, attr, flags, NULL) != LDB_SUCCESS ||
	    ldb_msg_add_value(msg, attr, &val, NULL) != LDB_SUCCESS) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	*added = true;
	return add_lobref(msg, flags, id);
}

/* Every file a record refers to may be unreferenced once it is gone. */
void mstore_lob_drop_refs(struct mstore *store, const struct ldb_message *rec)
{
	const struct ldb_message_element *el;
	uint8_t id[MSTORE_LOB_ID_SIZE];
	char name[MSTORE_LOB_ID_SIZE * 2 + 1];
	unsigned int i;

	el = ldb_msg_find_element(rec, MSTORE_ATTR_LOBREF);
	for (i = 0; el != NULL && i < el->num_values; i++) {
		if (el->values[i].length != sizeof(name) - 1) {
			continue;
		}
		memcpy(name, el->values[i].data, sizeof(name) - 1);
		name[sizeof(name) - 1] = '\0';
		if (mstore_lob_name_parse(name, id)) {
			mstore_lob_drop(store, id);
		}
	}
}

/* The files of the record at @a dn may be unreferenced once it is gone
 * (for a record deleted without being loaded whole). */
enum MAPISTATUS mstore_lob_drop_dn(struct mstore *store, struct ldb_dn *dn)
{
	static const char *attrs[] = { MSTORE_ATTR_LOBREF, NULL };
	struct ldb_message *rec;
	enum MAPISTATUS ret;

	ret = mstore_record_load(store, store, dn, attrs, &rec);
	if (ret == MAPI_E_SUCCESS) {
		mstore_lob_drop_refs(store, rec);
		talloc_free(rec);
	}
	return ret == MAPI_E_NOT_FOUND ? MAPI_E_SUCCESS : ret;
}
