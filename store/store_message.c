/*
 * sambamapi message store: messages and their recipients (MS-OXCMSG).  A
 * message is edited in memory and stored by mstore_message_save() in one
 * ldb transaction, with its recipients, its attachments and their
 * embedded messages (store_attachment.c).
 */
#include <string.h>
#include <util/debug.h>
#include "store/store_message_private.h"
#include "store/store_lob.h"

static const char *all_attrs[] = { "*", NULL };

static struct ldb_dn *message_dn(TALLOC_CTX *mem_ctx, struct mstore *store,
				 uint64_t mid)
{
	return mstore_object_dn(mem_ctx, store, MSTORE_DN_MESSAGES, mid);
}

uint64_t mstore_message_mid(const struct mstore_message *msg)
{
	return msg->mid;
}

uint64_t mstore_message_fid(const struct mstore_message *msg)
{
	return msg->fid;
}

bool mstore_message_is_associated(const struct mstore_message *msg)
{
	return msg->associated;
}

bool mstore_message_is_new(const struct mstore_message *msg)
{
	return msg->is_new;
}

/* A message in memory, not stored yet: MS-OXCMSG 3.2.5.2 gives it its
 * creation time when it is created. */
static enum MAPISTATUS put_has_attachments(struct mstore_message *msg);
static enum MAPISTATUS display_lists(struct mstore_message *msg);

static enum MAPISTATUS new_message(TALLOC_CTX *mem_ctx, struct mstore *store,
				   uint64_t fid, bool associated,
				   struct mstore_message **msg_out)
{
	struct mstore_message *msg = talloc_zero(mem_ctx,
						 struct mstore_message);
	uint64_t now = mstore_now_filetime();
	enum MAPISTATUS ret;

	if (msg == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	msg->store = store;
	msg->fid = fid;
	msg->associated = associated;
	msg->is_new = true;
	ret = mstore_new_id(store, &msg->mid);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(msg, &msg->values, &msg->count,
				     MSTORE_PidTagCreationTime, (int64_t)now);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(msg, &msg->values, &msg->count,
				     MSTORE_PidTagLastModificationTime,
				     (int64_t)now);
	}
	if (ret == MAPI_E_SUCCESS) {
		/* MS-OXCMSG 3.2.5.2: no attachments nor recipients yet */
		ret = put_has_attachments(msg);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = display_lists(msg);
	}
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(msg);
		return ret;
	}
	*msg_out = msg;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_message_create(TALLOC_CTX *mem_ctx,
				      struct mstore *store, uint64_t fid,
				      bool associated,
				      struct mstore_message **msg_out)
{
	enum MAPISTATUS ret = mstore_folder_open(store, fid);

	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	return new_message(mem_ctx, store, fid, associated, msg_out);
}

enum MAPISTATUS mstore_message_create_embedded(TALLOC_CTX *mem_ctx,
					       struct mstore *store,
					       uint64_t fid,
					       struct mstore_message **msg)
{
	return new_message(mem_ctx, store, fid, false, msg);
}

/* ---------------------------------------------------------- loading */

static int cmp_row_key(const void *a, const void *b, void *priv)
{
	const uint32_t *tag = priv;
	const struct mstore_row *x = a, *y = b;
	const struct mstore_value *vx, *vy;

	vx = mstore_values_find(x->values, x->count, *tag);
	vy = mstore_values_find(y->values, y->count, *tag);
	if (vx == NULL || vy == NULL) {
		return 0;
	}
	return (uint32_t)vx->v.i32 < (uint32_t)vy->v.i32 ? -1 :
	       ((uint32_t)vx->v.i32 > (uint32_t)vy->v.i32);
}

/* Sub-objects (recipients, attachments) of a message, sorted by key. */
static enum MAPISTATUS load_subs(TALLOC_CTX *mem_ctx, struct mstore *store,
				 const char *container, uint64_t mid,
				 uint32_t key_tag, struct mstore_row **rows,
				 uint32_t *count)
{
	struct ldb_result *res = NULL;
	struct ldb_dn *base = ldb_dn_new(mem_ctx, store->ldb, container);
	struct mstore_row *r;
	enum MAPISTATUS ret;
	unsigned int i;

	if (base == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mstore_ldb_status(store, ldb_search(
		store->ldb, base, &res, base, LDB_SCOPE_SUBTREE, all_attrs,
		"(" MSTORE_ATTR_MSG "=%016llX)", (unsigned long long)mid));
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(base);
		return ret;
	}
	r = talloc_zero_array(mem_ctx, struct mstore_row, res->count + 1);
	ret = r ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
	for (i = 0; ret == MAPI_E_SUCCESS && i < res->count; i++) {
		ret = mstore_record_values(r, res->msgs[i], &r[i].values,
					   &r[i].count);
	}
	if (ret == MAPI_E_SUCCESS) {
		qsort_r(r, res->count, sizeof(r[0]), cmp_row_key, &key_tag);
		*rows = r;
		*count = res->count;
	} else {
		talloc_free(r);
	}
	talloc_free(base);
	return ret;
}

/* The attachments of a message from their rows. */
static enum MAPISTATUS attachments_from_rows(struct mstore_message *msg,
					     struct mstore_row *rows,
					     uint32_t count)
{
	const struct mstore_value *v;
	uint32_t i;

	msg->attachments = talloc_zero_array(msg, struct mstore_attach_rec,
					     count + 1);
	if (msg->attachments == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < count; i++) {
		struct mstore_attach_rec *a = &msg->attachments[i];

		v = mstore_values_find(rows[i].values, rows[i].count,
				       MSTORE_PidTagAttachNumber);
		a->num = v != NULL ? (uint32_t)v->v.i32 : i;
		a->values = talloc_steal(msg->attachments, rows[i].values);
		a->count = rows[i].count;
		if (a->num >= msg->next_attach) {
			msg->next_attach = a->num + 1;
		}
	}
	msg->attachment_count = count;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_message_load_contents(struct mstore_message *msg)
{
	struct mstore_row *rows = NULL;
	uint32_t n = 0;
	enum MAPISTATUS ret;

	ret = load_subs(msg, msg->store, MSTORE_DN_RECIPIENTS, msg->mid,
			MSTORE_PidTagRowid, &msg->recipients,
			&msg->recipient_count);
	if (ret == MAPI_E_SUCCESS) {
		ret = load_subs(msg, msg->store, MSTORE_DN_ATTACHMENTS,
				msg->mid, MSTORE_PidTagAttachNumber, &rows,
				&n);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = attachments_from_rows(msg, rows, n);
		talloc_free(rows);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_embedded_load(msg);
	}
	return ret;
}

/* Keep open the files of the large values a message, its recipients,
 * attachments and embedded messages refer to (store_lob.h). */
enum MAPISTATUS mstore_message_hold_large(struct mstore_message *msg)
{
	enum MAPISTATUS ret;
	uint32_t i;

	ret = mstore_large_hold_all(msg, msg->store, msg->values, msg->count);
	for (i = 0; ret == MAPI_E_SUCCESS && i < msg->recipient_count; i++) {
		ret = mstore_large_hold_all(msg, msg->store,
					    msg->recipients[i].values,
					    msg->recipients[i].count);
	}
	for (i = 0; ret == MAPI_E_SUCCESS && i < msg->attachment_count; i++) {
		struct mstore_attach_rec *a = &msg->attachments[i];

		ret = mstore_large_hold_all(msg, msg->store, a->values,
					    a->count);
		if (ret == MAPI_E_SUCCESS && a->embedded != NULL) {
			a->embedded->store = msg->store;
			ret = mstore_message_hold_large(a->embedded);
		}
	}
	return ret;
}

static enum MAPISTATUS open_once(TALLOC_CTX *mem_ctx, struct mstore *store,
				 uint64_t mid, uint32_t flags,
				 struct mstore_message **msg_out)
{
	const char *soft_parent;
	struct mstore_message *msg;
	struct ldb_message *rec;
	enum MAPISTATUS ret;

	msg = talloc_zero(mem_ctx, struct mstore_message);
	if (msg == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	msg->store = store;
	msg->mid = mid;
	ret = mstore_record_load(msg, store, message_dn(msg, store, mid),
				 all_attrs, &rec);
	soft_parent = ret == MAPI_E_SUCCESS ? ldb_msg_find_attr_as_string(
		rec, MSTORE_ATTR_SOFT_PARENT, NULL) : NULL;
	if (soft_parent != NULL && !(flags & MSTORE_SOFT_DELETED)) {
		ret = MAPI_E_NOT_FOUND;		/* soft deleted */
	}
	if (ret == MAPI_E_SUCCESS) {
		msg->fid = strtoull(ldb_msg_find_attr_as_string(
			rec, MSTORE_ATTR_PARENT, soft_parent ? soft_parent :
			"0"), NULL, 16);
		msg->associated = ldb_msg_find_attr_as_int(
			rec, MSTORE_ATTR_ASSOC, 0) != 0;
		msg->loaded_cn = mstore_record_int(
			rec, MSTORE_PidTagChangeNumber, 0);
		ret = mstore_record_values(msg, rec, &msg->values,
					   &msg->count);
		talloc_free(rec);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_message_load_contents(msg);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_message_hold_large(msg);
		ret = ret == MAPI_E_NOT_FOUND ? MAPI_E_OBJECT_CHANGED : ret;
	}
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(msg);
		return ret;
	}
	*msg_out = msg;
	return MAPI_E_SUCCESS;
}

/*
 * A large value's file is opened when its message is loaded: a reader
 * who read the record just before a writer replaced the value and its
 * file was removed reads the record again.
 */
enum MAPISTATUS mstore_message_open_ex(TALLOC_CTX *mem_ctx,
				       struct mstore *store, uint64_t mid,
				       uint32_t flags,
				       struct mstore_message **msg_out)
{
	enum MAPISTATUS ret = MAPI_E_OBJECT_CHANGED;
	int tries;

	for (tries = 0; tries < 3 && ret == MAPI_E_OBJECT_CHANGED; tries++) {
		ret = open_once(mem_ctx, store, mid, flags, msg_out);
	}
	if (ret == MAPI_E_OBJECT_CHANGED) {
		DBG_ERR("message %016llx refers to a missing value file\n",
			(unsigned long long)mid);
		ret = MAPI_E_CORRUPT_STORE;
	}
	return ret;
}

enum MAPISTATUS mstore_message_open(TALLOC_CTX *mem_ctx,
				    struct mstore *store, uint64_t mid,
				    struct mstore_message **msg_out)
{
	return mstore_message_open_ex(mem_ctx, store, mid, 0, msg_out);
}

/* ------------------------------------------------------- properties */

enum MAPISTATUS mstore_props_settable(const struct mstore_value *v,
				      uint32_t count)
{
	uint32_t i;

	for (i = 0; i < count; i++) {
		if (mstore_tag_is_computed(v[i].tag)) {
			return MAPI_E_COMPUTED;
		}
		if (!mstore_type_is_storable(MSTORE_PROP_TYPE(v[i].tag))) {
			return MAPI_E_INVALID_TYPE;
		}
	}
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS put_all(TALLOC_CTX *mem_ctx,
			       struct mstore_value **values, uint32_t *n,
			       const struct mstore_value *v, uint32_t count)
{
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	uint32_t i;

	for (i = 0; ret == MAPI_E_SUCCESS && i < count; i++) {
		ret = mstore_values_put(mem_ctx, values, n, &v[i]);
	}
	return ret;
}

enum MAPISTATUS mstore_values_dup(TALLOC_CTX *mem_ctx,
				  const struct mstore_value *src,
				  uint32_t count, struct mstore_value **dst,
				  uint32_t *n)
{
	*dst = NULL;
	*n = 0;
	return put_all(mem_ctx, dst, n, src, count);
}

enum MAPISTATUS mstore_message_set_props(struct mstore_message *msg,
					 const struct mstore_value *values,
					 uint32_t count)
{
	enum MAPISTATUS ret = mstore_props_settable(values, count);

	if (ret == MAPI_E_SUCCESS) {
		/* large values set are held open until the message goes */
		ret = mstore_large_hold_all(msg, msg->store, values, count);
	}
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	if (mstore_values_find(values, count, MSTORE_PidTagMessageFlags)) {
		msg->read_set = true;
	}
	return put_all(msg, &msg->values, &msg->count, values, count);
}

enum MAPISTATUS mstore_message_get_props(TALLOC_CTX *mem_ctx,
					 struct mstore_message *msg,
					 const uint32_t *tags, uint32_t count,
					 struct mstore_value **values)
{
	struct mstore_value *v;
	const struct mstore_value *found;
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	uint32_t i;

	v = talloc_zero_array(mem_ctx, struct mstore_value, count + 1);
	if (v == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; ret == MAPI_E_SUCCESS && i < count; i++) {
		found = mstore_values_find(msg->values, msg->count, tags[i]);
		if (found == NULL) {
			mstore_value_not_found(&v[i], tags[i]);
			/* kept out of line: read with a stream (MS-OXCDATA
			 * 2.4.2) */
			if (mstore_values_find(
				    msg->values, msg->count,
				    MSTORE_PROP_TAG(MSTORE_PROP_ID(tags[i]),
						    MSTORE_PT_LARGE))) {
				v[i].v.err = MAPI_E_NOT_ENOUGH_MEMORY;
			}
		} else {
			ret = mstore_value_copy(v, found, &v[i]);
		}
	}
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(v);
		return ret;
	}
	*values = v;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_message_get_all_props(TALLOC_CTX *mem_ctx,
					     struct mstore_message *msg,
					     struct mstore_value **values,
					     uint32_t *count)
{
	struct mstore_value *v = NULL;
	uint32_t n = 0;
	enum MAPISTATUS ret;

	ret = put_all(mem_ctx, &v, &n, msg->values, msg->count);
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(v);
		return ret;
	}
	*values = v;
	*count = n;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_message_delete_props(struct mstore_message *msg,
					    const uint32_t *tags,
					    uint32_t count)
{
	uint32_t i;

	for (i = 0; i < count; i++) {
		if (mstore_tag_is_computed(tags[i])) {
			return MAPI_E_COMPUTED;
		}
	}
	for (i = 0; i < count; i++) {
		if (mstore_values_find(msg->values, msg->count, tags[i])) {
			mstore_values_remove(msg->values, &msg->count,
					     tags[i]);
		}
		if (MSTORE_PROP_ID(tags[i]) ==
		    MSTORE_PROP_ID(MSTORE_PidTagMessageFlags)) {
			msg->read_set = true;
		}
	}
	return MAPI_E_SUCCESS;
}

/* ------------------------------------------------------- recipients */

/* A recipient row: its values with PidTagRowid as given (MS-OXCMSG
 * 3.2.5.5: a recipient keeps the RowId the client chose), or @a index. */
static enum MAPISTATUS recipient_from(TALLOC_CTX *mem_ctx,
				      struct mstore_row *dst,
				      const struct mstore_row *src,
				      uint32_t index)
{
	const struct mstore_value *id;
	uint32_t rowid = index, i;
	enum MAPISTATUS ret = MAPI_E_SUCCESS;

	id = mstore_values_find(src->values, src->count, MSTORE_PidTagRowid);
	if (id != NULL) {
		rowid = (uint32_t)id->v.i32;
	}
	dst->values = NULL;
	dst->count = 0;
	for (i = 0; ret == MAPI_E_SUCCESS && i < src->count; i++) {
		if (src->values[i].tag == MSTORE_PidTagRowid) {
			continue;
		}
		ret = mstore_props_settable(&src->values[i], 1);
		if (ret == MAPI_E_SUCCESS) {
			ret = mstore_values_put(mem_ctx, &dst->values,
						&dst->count, &src->values[i]);
		}
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(mem_ctx, &dst->values, &dst->count,
				     MSTORE_PidTagRowid, rowid);
	}
	return ret;
}

enum MAPISTATUS mstore_message_set_recipients(struct mstore_message *msg,
					      const struct mstore_row *rows,
					      uint32_t count)
{
	struct mstore_row *r;
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	uint32_t i;

	r = talloc_zero_array(msg, struct mstore_row, count + 1);
	if (r == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; ret == MAPI_E_SUCCESS && i < count; i++) {
		ret = recipient_from(r, &r[i], &rows[i], i);
		if (ret == MAPI_E_SUCCESS) {
			ret = mstore_large_hold_all(msg, msg->store,
						    r[i].values, r[i].count);
		}
	}
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(r);
		return ret;
	}
	qsort_r(r, count, sizeof(r[0]), cmp_row_key,
		&(uint32_t){ MSTORE_PidTagRowid });
	talloc_free(msg->recipients);
	msg->recipients = r;
	msg->recipient_count = count;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS copy_rows(TALLOC_CTX *mem_ctx,
				 const struct mstore_row *src, uint32_t count,
				 struct mstore_row **rows, uint32_t *n)
{
	struct mstore_row *r;
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	uint32_t i;

	r = talloc_zero_array(mem_ctx, struct mstore_row, count + 1);
	if (r == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; ret == MAPI_E_SUCCESS && i < count; i++) {
		ret = put_all(r, &r[i].values, &r[i].count, src[i].values,
			      src[i].count);
	}
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(r);
		return ret;
	}
	*rows = r;
	*n = count;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_message_get_recipients(TALLOC_CTX *mem_ctx,
					      struct mstore_message *msg,
					      struct mstore_row **rows,
					      uint32_t *count)
{
	return copy_rows(mem_ctx, msg->recipients, msg->recipient_count,
			 rows, count);
}

/* ---------------------------------------------------------- copying */

enum MAPISTATUS mstore_message_dup(TALLOC_CTX *mem_ctx,
				   const struct mstore_message *src,
				   struct mstore_message **dst)
{
	struct mstore_message *m = talloc_zero(mem_ctx,
					       struct mstore_message);
	enum MAPISTATUS ret;
	uint32_t i;

	if (m == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	*m = *src;
	m->values = NULL;
	m->recipients = NULL;
	m->attachments = talloc_zero_array(m, struct mstore_attach_rec,
					   src->attachment_count + 1);
	m->owner = NULL;
	ret = m->attachments ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_values_dup(m, src->values, src->count,
					&m->values, &m->count);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = copy_rows(m, src->recipients, src->recipient_count,
				&m->recipients, &m->recipient_count);
	}
	for (i = 0; ret == MAPI_E_SUCCESS && i < src->attachment_count; i++) {
		ret = mstore_attach_rec_dup(m->attachments,
					    &src->attachments[i],
					    &m->attachments[i]);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_message_hold_large(m);
	}
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(m);
		return ret;
	}
	*dst = m;
	return MAPI_E_SUCCESS;
}

/* ------------------------------------------------------------ sizes */

int64_t mstore_values_bytes(TALLOC_CTX *mem_ctx,
			    const struct mstore_value *v, uint32_t count)
{
	struct mstore_bin bin;
	int64_t size = 0;
	uint32_t i;

	for (i = 0; i < count; i++) {
		uint64_t large;
		uint32_t tag;

		if (mstore_large_info(&v[i], &tag, &large) ==
		    MAPI_E_SUCCESS) {
			size += large;	/* kept out of line */
		} else if (mstore_value_pack(mem_ctx, &v[i], &bin) ==
		    MAPI_E_SUCCESS) {
			size += bin.length;
			talloc_free(bin.data);
		}
	}
	return size;
}

/* The bytes a message takes: its values, recipients and attachments
 * (with their embedded messages). */
int64_t mstore_message_bytes(struct mstore_message *msg)
{
	int64_t size = mstore_values_bytes(msg, msg->values, msg->count);
	uint32_t i;

	for (i = 0; i < msg->recipient_count; i++) {
		size += mstore_values_bytes(msg, msg->recipients[i].values,
				    msg->recipients[i].count);
	}
	for (i = 0; i < msg->attachment_count; i++) {
		size += mstore_attach_rec_bytes(msg, &msg->attachments[i]);
	}
	return size;
}

/* ------------------------------------------------------------ saving */

static enum MAPISTATUS delete_subs(struct mstore *store,
				   const char *container, uint64_t mid)
{
	static const char *attrs[] = {
		MSTORE_ATTR_MSG, MSTORE_ATTR_LOBREF, NULL
	};
	struct ldb_result *res = NULL;
	struct ldb_dn *base = ldb_dn_new(store, store->ldb, container);
	enum MAPISTATUS ret;
	unsigned int i;

	if (base == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mstore_ldb_status(store, ldb_search(
		store->ldb, base, &res, base, LDB_SCOPE_SUBTREE, attrs,
		"(" MSTORE_ATTR_MSG "=%016llX)", (unsigned long long)mid));
	for (i = 0; ret == MAPI_E_SUCCESS && i < res->count; i++) {
		mstore_lob_drop_refs(store, res->msgs[i]);
		ret = mstore_ldb_status(store, ldb_delete(store->ldb,
							  res->msgs[i]->dn));
	}
	talloc_free(base);
	return ret;
}

/* The recipients, attachments and embedded messages of message @a mid
 * (itself embedded or not). */
enum MAPISTATUS mstore_message_remove_contents(struct mstore *store,
					       uint64_t mid)
{
	enum MAPISTATUS ret = delete_subs(store, MSTORE_DN_RECIPIENTS, mid);

	if (ret == MAPI_E_SUCCESS) {
		ret = delete_subs(store, MSTORE_DN_ATTACHMENTS, mid);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_embedded_remove(store, mid);
	}
	return ret;
}

static enum MAPISTATUS add_sub(struct mstore *store, const char *container,
			       uint64_t mid, uint32_t index,
			       const struct mstore_value *v, uint32_t count)
{
	struct ldb_message *rec = ldb_msg_new(store);
	enum MAPISTATUS ret = MAPI_E_NOT_ENOUGH_MEMORY;

	if (rec == NULL) {
		return ret;
	}
	rec->dn = ldb_dn_new_fmt(rec, store->ldb, "CN=%u,CN=%016llX,%s",
				 index, (unsigned long long)mid, container);
	if (rec->dn != NULL &&
	    ldb_msg_add_string(rec, MSTORE_ATTR_MSG,
			       mstore_hex64(rec, mid)) == 0) {
		ret = mstore_msg_add_values(store, rec, v, count, 0);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_record_add(store, rec);
	}
	talloc_free(rec);
	return ret;
}

/* Recipients, attachments and embedded messages of @a msg, keyed by its
 * MID. */
enum MAPISTATUS mstore_message_write_contents(struct mstore_message *msg)
{
	struct mstore *store = msg->store;
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	uint32_t i;

	for (i = 0; ret == MAPI_E_SUCCESS && i < msg->recipient_count; i++) {
		ret = add_sub(store, MSTORE_DN_RECIPIENTS, msg->mid, i,
			      msg->recipients[i].values,
			      msg->recipients[i].count);
	}
	for (i = 0; ret == MAPI_E_SUCCESS && i < msg->attachment_count; i++) {
		struct mstore_attach_rec *a = &msg->attachments[i];

		ret = mstore_put_i64(msg->attachments, &a->values, &a->count,
				     MSTORE_PidTagAttachSize,
				     mstore_attach_rec_bytes(msg, a));
		if (ret == MAPI_E_SUCCESS) {
			ret = add_sub(store, MSTORE_DN_ATTACHMENTS, msg->mid, i,
				      a->values, a->count);
		}
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_embedded_write(store, msg);
	}
	return ret;
}

static enum MAPISTATUS write_record(struct mstore_message *msg)
{
	struct mstore *store = msg->store;
	struct ldb_message *rec = ldb_msg_new(msg);
	enum MAPISTATUS ret = MAPI_E_NOT_ENOUGH_MEMORY;

	if (rec == NULL) {
		return ret;
	}
	rec->dn = message_dn(rec, store, msg->mid);
	if (rec->dn != NULL &&
	    ldb_msg_add_string(rec, MSTORE_ATTR_PARENT,
			       mstore_hex64(rec, msg->fid)) == 0 &&
	    ldb_msg_add_string(rec, MSTORE_ATTR_ASSOC,
			       msg->associated ? "1" : "0") == 0) {
		ret = mstore_msg_add_values(store, rec, msg->values,
					    msg->count, 0);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_record_add(store, rec);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_message_write_contents(msg);
	}
	talloc_free(rec);
	return ret;
}

static bool flags_unread(const struct mstore_value *v, uint32_t count,
			 bool associated)
{
	const struct mstore_value *f;

	if (associated) {
		return false;
	}
	f = mstore_values_find(v, count, MSTORE_PidTagMessageFlags);
	return f == NULL || !(f->v.i32 & MSTORE_MSGFLAG_READ);
}

/* MS-OXOMSG 2.2.1.7-2.2.1.9: PidTagDisplayTo, Cc and Bcc list the
 * display names of the recipients of each type, separated by "; ". */
static enum MAPISTATUS display_lists(struct mstore_message *msg)
{
	static const uint32_t tags[3] = {
		MSTORE_PidTagDisplayTo, MSTORE_PidTagDisplayCc,
		MSTORE_PidTagDisplayBcc
	};
	struct mstore_value v;
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	uint32_t t, i;

	for (t = 0; ret == MAPI_E_SUCCESS && t < 3; t++) {
		char *list = talloc_strdup(msg, "");

		for (i = 0; list != NULL && i < msg->recipient_count; i++) {
			const struct mstore_row *r = &msg->recipients[i];
			const struct mstore_value *type, *name;

			type = mstore_values_find(r->values, r->count,
						  MSTORE_PidTagRecipientType);
			name = mstore_values_find(r->values, r->count,
						  MSTORE_PidTagDisplayName);
			if (type == NULL || name == NULL ||
			    (type->v.i32 & 0x0F) != (int32_t)(t + 1)) {
				continue;
			}
			list = talloc_asprintf_append(list, "%s%s",
						      list[0] ? "; " : "",
						      name->v.str);
		}
		if (list == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		v.tag = tags[t];
		v.v.str = list;
		ret = mstore_values_put(msg, &msg->values, &msg->count, &v);
		talloc_free(list);
	}
	return ret;
}

static enum MAPISTATUS put_flags(struct mstore_message *msg)
{
	const struct mstore_value *f;
	int32_t flags;

	f = mstore_values_find(msg->values, msg->count,
			       MSTORE_PidTagMessageFlags);
	flags = f ? f->v.i32 : 0;
	flags &= ~(MSTORE_MSGFLAG_ASSOCIATED | MSTORE_MSGFLAG_HASATTACH);
	if (msg->associated) {
		flags |= MSTORE_MSGFLAG_ASSOCIATED;
	}
	if (msg->attachment_count > 0) {
		flags |= MSTORE_MSGFLAG_HASATTACH;
	}
	return mstore_put_i64(msg, &msg->values, &msg->count,
			      MSTORE_PidTagMessageFlags, flags);
}

/* MS-OXCMSG 2.2.1.2: PidTagHasAttachments follows mfHasAttach, and
 * both the attachments the message has. */
static enum MAPISTATUS put_has_attachments(struct mstore_message *msg)
{
	return mstore_put_i64(msg, &msg->values, &msg->count,
			      MSTORE_PidTagHasAttachments,
			      msg->attachment_count > 0);
}

enum MAPISTATUS mstore_message_attach_state(struct mstore_message *msg)
{
	enum MAPISTATUS ret = put_flags(msg);

	if (ret == MAPI_E_SUCCESS) {
		ret = put_has_attachments(msg);
	}
	return ret;
}

/* Set the properties the store computes for a message. */
enum MAPISTATUS mstore_message_computed(struct mstore_message *msg)
{
	enum MAPISTATUS ret = mstore_message_attach_state(msg);

	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(msg, &msg->values, &msg->count,
				     MSTORE_PidTagAssociated,
				     msg->associated);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(msg, &msg->values, &msg->count,
				     MSTORE_PidTagMid, (int64_t)msg->mid);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(msg, &msg->values, &msg->count,
				     MSTORE_PidTagFolderId,
				     (int64_t)msg->fid);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = display_lists(msg);
	}
	if (ret == MAPI_E_SUCCESS &&
	    mstore_values_find(msg->values, msg->count,
			       MSTORE_PidTagSourceKey) == NULL) {
		ret = mstore_source_keys(msg, msg->store, msg->mid, 0,
					 &msg->values, &msg->count);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_change_stamp(msg, msg->store, &msg->values,
					  &msg->count);
	}
	/* MS-OXCMSG 3.2.5.3: the time of the save */
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(msg, &msg->values, &msg->count,
				     MSTORE_PidTagLocalCommitTime,
				     (int64_t)mstore_now_filetime());
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(msg, &msg->values, &msg->count,
				     MSTORE_PidTagMessageSize,
				     mstore_message_bytes(msg));
	}
	return ret;
}

/*
 * The stored version of a message being saved again (MS-OXCMSG 3.2.5.3):
 * gone is ecObjectDeleted; saved by another handle since this copy was
 * loaded is ecObjectModified unless the save forces.
 */
static enum MAPISTATUS check_stored(struct mstore_message *msg,
				    const struct mstore_message *old,
				    uint32_t flags)
{
	const struct mstore_value *cn;

	cn = mstore_values_find(old->values, old->count,
				MSTORE_PidTagChangeNumber);
	if ((flags & MSTORE_SAVE_NO_OVERWRITE) && cn != NULL &&
	    cn->v.i64 != msg->loaded_cn) {
		DBG_NOTICE("message 0x%016llx changed since it was opened\n",
			   (unsigned long long)msg->mid);
		return MAPI_E_OBJECT_CHANGED;
	}
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS replace_stored(struct mstore_message *msg,
				      uint32_t flags,
				      struct mstore_message **old)
{
	struct mstore *store = msg->store;
	enum MAPISTATUS ret;

	ret = mstore_message_open(msg, store, msg->mid, old);
	if (ret == MAPI_E_NOT_FOUND) {
		return MAPI_E_OBJECT_DELETED;
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = check_stored(msg, *old, flags);
	}
	if (ret == MAPI_E_SUCCESS) {
		msg->fid = (*old)->fid;
		ret = mstore_message_keep_state(msg, *old);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_message_remove(store, msg->mid, true);
	}
	return ret;
}

static enum MAPISTATUS save_in_txn(struct mstore_message *msg,
				   uint32_t flags)
{
	struct mstore *store = msg->store;
	struct mstore_message *old = NULL;
	const struct mstore_value *size;
	enum MAPISTATUS ret = MAPI_E_SUCCESS;

	if (!msg->is_new) {
		ret = replace_stored(msg, flags, &old);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_folder_open(store, msg->fid);
	}
	if (ret == MAPI_E_SUCCESS) {
		/* MS-OXCMSG 3.2.5.3 / MS-OXBBODY: the body forms agree */
		ret = mstore_body_sync_message(msg, old);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_message_computed(msg);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = write_record(msg);
	}
	if (ret == MAPI_E_SUCCESS) {
		mstore_event_message_saved(store, msg->fid, msg->mid,
					   msg->associated,
					   (flags & MSTORE_SAVE_DELIVERED) != 0,
					   msg->values, msg->count);
	}
	size = mstore_values_find(msg->values, msg->count,
				  MSTORE_PidTagMessageSize);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_folder_adjust(
			store, msg->fid, msg->associated ? 0 : 1,
			flags_unread(msg->values, msg->count,
				     msg->associated) ? 1 : 0,
			msg->associated ? 1 : 0, size ? size->v.i32 : 0);
	}
	talloc_free(old);
	return ret;
}

static void saved(struct mstore_message *msg)
{
	const struct mstore_value *cn;

	msg->is_new = false;
	msg->read_set = false;
	cn = mstore_values_find(msg->values, msg->count,
				MSTORE_PidTagChangeNumber);
	msg->loaded_cn = cn != NULL ? cn->v.i64 : 0;
}

enum MAPISTATUS mstore_message_save_flags(struct mstore_message *msg,
					  uint32_t flags)
{
	enum MAPISTATUS ret;

	if (msg->owner != NULL) {
		/* an embedded message goes into its attachment */
		return mstore_embedded_commit(msg);
	}
	ret = mstore_txn_start(msg->store);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	ret = save_in_txn(msg, flags);
	ret = mstore_txn_finish(msg->store, ret);
	if (ret == MAPI_E_SUCCESS) {
		saved(msg);
	}
	return ret;
}

enum MAPISTATUS mstore_message_save(struct mstore_message *msg)
{
	return mstore_message_save_flags(msg, 0);
}

enum MAPISTATUS mstore_message_save_delivered(struct mstore_message *msg)
{
	return mstore_message_save_flags(msg, MSTORE_SAVE_DELIVERED);
}

/* ---------------------------------------------- whole-message ops */

enum MAPISTATUS mstore_message_remove(struct mstore *store, uint64_t mid,
				      bool adjust_folder)
{
	static const char *attrs[] = {
		MSTORE_ATTR_PARENT, MSTORE_ATTR_ASSOC, "p0e070003",
		"p0e080003", MSTORE_ATTR_LOBREF, MSTORE_ATTR_SOFT_PARENT, NULL
	};
	struct ldb_message *rec;
	struct mstore_value *v;
	uint32_t n;
	uint64_t fid;
	bool assoc, soft;
	int64_t size;
	enum MAPISTATUS ret;

	ret = mstore_record_load(store, store, message_dn(store, store, mid),
				 attrs, &rec);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	fid = strtoull(ldb_msg_find_attr_as_string(rec, MSTORE_ATTR_PARENT,
						   "0"), NULL, 16);
	assoc = ldb_msg_find_attr_as_int(rec, MSTORE_ATTR_ASSOC, 0) != 0;
	/* a soft-deleted message left its folder's counts already */
	soft = ldb_msg_find_element(rec, MSTORE_ATTR_SOFT_PARENT) != NULL;
	size = mstore_record_int(rec, MSTORE_PidTagMessageSize, 0);
	ret = mstore_record_values(rec, rec, &v, &n);
	if (ret == MAPI_E_SUCCESS) {
		mstore_lob_drop_refs(store, rec);
		ret = mstore_ldb_status(store, ldb_delete(store->ldb,
							  rec->dn));
	}
	if (ret == MAPI_E_SUCCESS && !soft) {
		mstore_event_message(store, MSTORE_EVENT_DELETED, fid, mid,
				     assoc);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_message_remove_contents(store, mid);
	}
	if (ret == MAPI_E_SUCCESS && adjust_folder && !soft) {
		ret = mstore_folder_adjust(store, fid, assoc ? 0 : -1,
					   flags_unread(v, n, assoc) ? -1 : 0,
					   assoc ? -1 : 0, -size);
	}
	talloc_free(rec);
	return ret;
}

enum MAPISTATUS mstore_messages_delete(struct mstore *store, uint64_t fid,
				       const uint64_t *mids, uint32_t count)
{
	return mstore_messages_delete_ex(store, fid, mids, count,
					 MSTORE_DEL_HARD, NULL);
}

static enum MAPISTATUS relocate(struct mstore *store, uint64_t mid,
				uint64_t dst_fid, bool copy,
				uint64_t *new_mid)
{
	static const uint32_t fresh[] = {
		MSTORE_PidTagSourceKey, MSTORE_PidTagChangeKey,
		MSTORE_PidTagPredecessorChangeList, MSTORE_PidTagCreationTime
	};
	struct mstore_message *msg;
	uint64_t src_fid;
	enum MAPISTATUS ret;
	size_t i;

	ret = mstore_folder_open(store, dst_fid);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_message_open(store, store, mid, &msg);
	}
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	if (copy) {
		ret = mstore_new_id(store, &msg->mid);
		for (i = 0; i < ARRAY_SIZE(fresh); i++) {
			mstore_values_remove(msg->values, &msg->count,
					     fresh[i]);
		}
		/* the copy's embedded messages need ids of their own */
		if (ret == MAPI_E_SUCCESS) {
			ret = mstore_embedded_renumber(msg);
		}
	} else {
		ret = mstore_message_remove(store, mid, true);
	}
	src_fid = msg->fid;
	msg->fid = dst_fid;
	msg->is_new = true;
	if (ret == MAPI_E_SUCCESS) {
		ret = save_in_txn(msg, 0);
	}
	if (ret == MAPI_E_SUCCESS && copy) {
		mstore_event_copied(store, true, msg->mid, mid, src_fid);
	}
	if (ret == MAPI_E_SUCCESS && new_mid != NULL) {
		*new_mid = msg->mid;
	}
	talloc_free(msg);
	return ret;
}

enum MAPISTATUS mstore_message_move(struct mstore *store, uint64_t mid,
				    uint64_t dst_fid)
{
	enum MAPISTATUS ret = mstore_txn_start(store);

	if (ret == MAPI_E_SUCCESS) {
		ret = relocate(store, mid, dst_fid, false, NULL);
		ret = mstore_txn_finish(store, ret);
	}
	return ret;
}

enum MAPISTATUS mstore_message_copy(struct mstore *store, uint64_t mid,
				    uint64_t dst_fid, uint64_t *new_mid)
{
	enum MAPISTATUS ret = mstore_txn_start(store);

	if (ret == MAPI_E_SUCCESS) {
		ret = relocate(store, mid, dst_fid, true, new_mid);
		ret = mstore_txn_finish(store, ret);
	}
	return ret;
}
