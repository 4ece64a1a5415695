/*
 * sambamapi message store: messages, their recipients and attachments
 * (MS-OXCMSG).  A message is edited in memory and stored by
 * mstore_message_save() in one ldb transaction.
 */
#include <string.h>
#include <util/debug.h>
#include "store/store_private.h"

struct mstore_message {
	struct mstore *store;
	uint64_t mid;
	uint64_t fid;
	bool associated;
	bool is_new;
	bool delivered;		/* saved by mstore_message_save_delivered() */
	struct mstore_value *values;
	uint32_t count;
	struct mstore_row *recipients;
	uint32_t recipient_count;
	struct mstore_row *attachments;
	uint32_t attachment_count;
	uint32_t next_attach;
};

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

enum MAPISTATUS mstore_message_create(TALLOC_CTX *mem_ctx,
				      struct mstore *store, uint64_t fid,
				      bool associated,
				      struct mstore_message **msg_out)
{
	struct mstore_message *msg;
	enum MAPISTATUS ret;

	ret = mstore_folder_open(store, fid);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	msg = talloc_zero(mem_ctx, struct mstore_message);
	if (msg == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	msg->store = store;
	msg->fid = fid;
	msg->associated = associated;
	msg->is_new = true;
	ret = mstore_new_id(store, &msg->mid);
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(msg);
		return ret;
	}
	*msg_out = msg;
	return MAPI_E_SUCCESS;
}

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
	return vx->v.i32 < vy->v.i32 ? -1 : (vx->v.i32 > vy->v.i32);
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

enum MAPISTATUS mstore_message_open(TALLOC_CTX *mem_ctx,
				    struct mstore *store, uint64_t mid,
				    struct mstore_message **msg_out)
{
	struct mstore_message *msg;
	struct ldb_message *rec;
	const struct mstore_value *v;
	uint32_t i;
	enum MAPISTATUS ret;

	msg = talloc_zero(mem_ctx, struct mstore_message);
	if (msg == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	msg->store = store;
	msg->mid = mid;
	ret = mstore_record_load(msg, store, message_dn(msg, store, mid),
				 all_attrs, &rec);
	if (ret == MAPI_E_SUCCESS) {
		msg->fid = strtoull(ldb_msg_find_attr_as_string(
			rec, MSTORE_ATTR_PARENT, "0"), NULL, 16);
		msg->associated = ldb_msg_find_attr_as_int(
			rec, MSTORE_ATTR_ASSOC, 0) != 0;
		ret = mstore_record_values(msg, rec, &msg->values,
					   &msg->count);
		talloc_free(rec);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = load_subs(msg, store, MSTORE_DN_RECIPIENTS, mid,
				MSTORE_PidTagRowid, &msg->recipients,
				&msg->recipient_count);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = load_subs(msg, store, MSTORE_DN_ATTACHMENTS, mid,
				MSTORE_PidTagAttachNumber, &msg->attachments,
				&msg->attachment_count);
	}
	for (i = 0; ret == MAPI_E_SUCCESS && i < msg->attachment_count; i++) {
		v = mstore_values_find(msg->attachments[i].values,
				       msg->attachments[i].count,
				       MSTORE_PidTagAttachNumber);
		if (v != NULL && (uint32_t)v->v.i32 >= msg->next_attach) {
			msg->next_attach = (uint32_t)v->v.i32 + 1;
		}
	}
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(msg);
		return ret;
	}
	*msg_out = msg;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS check_settable(const struct mstore_value *v,
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

enum MAPISTATUS mstore_message_set_props(struct mstore_message *msg,
					 const struct mstore_value *values,
					 uint32_t count)
{
	enum MAPISTATUS ret = check_settable(values, count);

	if (ret != MAPI_E_SUCCESS) {
		return ret;
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
	}
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS row_from(TALLOC_CTX *mem_ctx, struct mstore_row *dst,
				const struct mstore_value *v, uint32_t count,
				uint32_t key_tag, uint32_t key)
{
	enum MAPISTATUS ret;

	dst->values = NULL;
	dst->count = 0;
	ret = put_all(mem_ctx, &dst->values, &dst->count, v, count);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(mem_ctx, &dst->values, &dst->count,
				     key_tag, key);
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
		ret = check_settable(rows[i].values, rows[i].count);
		if (ret == MAPI_E_SUCCESS) {
			ret = row_from(r, &r[i], rows[i].values,
				       rows[i].count, MSTORE_PidTagRowid, i);
		}
	}
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(r);
		return ret;
	}
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

static struct mstore_row *find_attachment(struct mstore_message *msg,
					  uint32_t num)
{
	const struct mstore_value *v;
	uint32_t i;

	for (i = 0; i < msg->attachment_count; i++) {
		v = mstore_values_find(msg->attachments[i].values,
				       msg->attachments[i].count,
				       MSTORE_PidTagAttachNumber);
		if (v != NULL && (uint32_t)v->v.i32 == num) {
			return &msg->attachments[i];
		}
	}
	return NULL;
}

enum MAPISTATUS mstore_message_add_attachment(struct mstore_message *msg,
					      const struct mstore_value *v,
					      uint32_t count, uint32_t *num)
{
	struct mstore_row *r;
	enum MAPISTATUS ret = check_settable(v, count);

	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	r = talloc_realloc(msg, msg->attachments, struct mstore_row,
			   msg->attachment_count + 1);
	if (r == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	msg->attachments = r;
	ret = row_from(r, &r[msg->attachment_count], v, count,
		       MSTORE_PidTagAttachNumber, msg->next_attach);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	msg->attachment_count++;
	*num = msg->next_attach++;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_message_set_attachment(struct mstore_message *msg,
					      uint32_t num,
					      const struct mstore_value *v,
					      uint32_t count)
{
	struct mstore_row *r = find_attachment(msg, num);
	enum MAPISTATUS ret = check_settable(v, count);

	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	if (r == NULL) {
		return MAPI_E_NOT_FOUND;
	}
	return put_all(msg->attachments, &r->values, &r->count, v, count);
}

enum MAPISTATUS mstore_message_get_attachments(TALLOC_CTX *mem_ctx,
					       struct mstore_message *msg,
					       struct mstore_row **rows,
					       uint32_t *count)
{
	return copy_rows(mem_ctx, msg->attachments, msg->attachment_count,
			 rows, count);
}

enum MAPISTATUS mstore_message_delete_attachment(struct mstore_message *m,
						 uint32_t num)
{
	struct mstore_row *r = find_attachment(m, num);
	uint32_t i;

	if (r == NULL) {
		return MAPI_E_NOT_FOUND;
	}
	i = r - m->attachments;
	memmove(&m->attachments[i], &m->attachments[i + 1],
		(m->attachment_count - i - 1) * sizeof(m->attachments[0]));
	m->attachment_count--;
	return MAPI_E_SUCCESS;
}

/* ------------------------------------------------------------ saving */

static int64_t values_size(TALLOC_CTX *mem_ctx,
			   const struct mstore_value *v, uint32_t count)
{
	struct mstore_bin bin;
	int64_t size = 0;
	uint32_t i;

	for (i = 0; i < count; i++) {
		if (mstore_value_pack(mem_ctx, &v[i], &bin) ==
		    MAPI_E_SUCCESS) {
			size += bin.length;
			talloc_free(bin.data);
		}
	}
	return size;
}

static int64_t message_size(struct mstore_message *msg)
{
	int64_t size = values_size(msg, msg->values, msg->count);
	uint32_t i;

	for (i = 0; i < msg->recipient_count; i++) {
		size += values_size(msg, msg->recipients[i].values,
				    msg->recipients[i].count);
	}
	for (i = 0; i < msg->attachment_count; i++) {
		size += values_size(msg, msg->attachments[i].values,
				    msg->attachments[i].count);
	}
	return size;
}

static enum MAPISTATUS delete_subs(struct mstore *store,
				   const char *container, uint64_t mid)
{
	static const char *attrs[] = { MSTORE_ATTR_MSG, NULL };
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
		ret = mstore_ldb_status(store, ldb_delete(store->ldb,
							  res->msgs[i]->dn));
	}
	talloc_free(base);
	return ret;
}

static enum MAPISTATUS add_sub(struct mstore *store, const char *container,
			       uint64_t mid, uint32_t index,
			       const struct mstore_row *row)
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
		ret = mstore_msg_add_values(rec, row->values, row->count, 0);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_record_add(store, rec);
	}
	talloc_free(rec);
	return ret;
}

static enum MAPISTATUS write_record(struct mstore_message *msg)
{
	struct mstore *store = msg->store;
	struct ldb_message *rec = ldb_msg_new(msg);
	enum MAPISTATUS ret = MAPI_E_NOT_ENOUGH_MEMORY;
	uint32_t i;

	if (rec == NULL) {
		return ret;
	}
	rec->dn = message_dn(rec, store, msg->mid);
	if (rec->dn != NULL &&
	    ldb_msg_add_string(rec, MSTORE_ATTR_PARENT,
			       mstore_hex64(rec, msg->fid)) == 0 &&
	    ldb_msg_add_string(rec, MSTORE_ATTR_ASSOC,
			       msg->associated ? "1" : "0") == 0) {
		ret = mstore_msg_add_values(rec, msg->values, msg->count, 0);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_record_add(store, rec);
	}
	for (i = 0; ret == MAPI_E_SUCCESS && i < msg->recipient_count; i++) {
		ret = add_sub(store, MSTORE_DN_RECIPIENTS, msg->mid, i,
			      &msg->recipients[i]);
	}
	for (i = 0; ret == MAPI_E_SUCCESS && i < msg->attachment_count; i++) {
		ret = add_sub(store, MSTORE_DN_ATTACHMENTS, msg->mid, i,
			      &msg->attachments[i]);
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

/* Set the properties the store computes for a message. */
static enum MAPISTATUS computed_values(struct mstore_message *msg)
{
	const struct mstore_value *f;
	int32_t flags;
	enum MAPISTATUS ret;

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
	ret = mstore_put_i64(msg, &msg->values, &msg->count,
			     MSTORE_PidTagMessageFlags, flags);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(msg, &msg->values, &msg->count,
				     MSTORE_PidTagHasAttachments,
				     msg->attachment_count > 0);
	}
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
	return ret;
}

static enum MAPISTATUS save_in_txn(struct mstore_message *msg)
{
	struct mstore *store = msg->store;
	struct mstore_message *old = NULL;
	int64_t size, d_content = 0, d_unread = 0, d_size;
	bool unread;
	enum MAPISTATUS ret = MAPI_E_SUCCESS;

	if (!msg->is_new) {
		ret = mstore_message_open(msg, store, msg->mid, &old);
		if (ret == MAPI_E_SUCCESS) {
			msg->fid = old->fid;
			ret = mstore_message_remove(store, msg->mid, true);
		}
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_folder_open(store, msg->fid);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = computed_values(msg);
	}
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	size = message_size(msg);
	ret = mstore_put_i64(msg, &msg->values, &msg->count,
			     MSTORE_PidTagMessageSize, size);
	if (ret == MAPI_E_SUCCESS) {
		ret = write_record(msg);
	}
	if (ret == MAPI_E_SUCCESS) {
		mstore_event_message_saved(store, msg->fid, msg->mid,
					   msg->associated, msg->delivered,
					   msg->values, msg->count);
	}
	unread = flags_unread(msg->values, msg->count, msg->associated);
	d_content = 1;
	d_unread = unread ? 1 : 0;
	d_size = size;
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_folder_adjust(store, msg->fid,
					   msg->associated ? 0 : d_content,
					   d_unread,
					   msg->associated ? d_content : 0,
					   d_size);
	}
	talloc_free(old);
	return ret;
}

enum MAPISTATUS mstore_message_save(struct mstore_message *msg)
{
	enum MAPISTATUS ret;

	ret = mstore_txn_start(msg->store);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	ret = save_in_txn(msg);
	ret = mstore_txn_finish(msg->store, ret);
	if (ret == MAPI_E_SUCCESS) {
		msg->is_new = false;
	}
	return ret;
}

enum MAPISTATUS mstore_message_save_delivered(struct mstore_message *msg)
{
	enum MAPISTATUS ret;

	msg->delivered = true;
	ret = mstore_message_save(msg);
	msg->delivered = false;
	return ret;
}

/* ---------------------------------------------- whole-message ops */

enum MAPISTATUS mstore_message_remove(struct mstore *store, uint64_t mid,
				      bool adjust_folder)
{
	static const char *attrs[] = {
		MSTORE_ATTR_PARENT, MSTORE_ATTR_ASSOC, "p0e070003",
		"p0e080003", NULL
	};
	struct ldb_message *rec;
	struct mstore_value *v;
	uint32_t n;
	uint64_t fid;
	bool assoc;
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
	size = mstore_record_int(rec, MSTORE_PidTagMessageSize, 0);
	ret = mstore_record_values(rec, rec, &v, &n);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_ldb_status(store, ldb_delete(store->ldb,
							  rec->dn));
	}
	if (ret == MAPI_E_SUCCESS) {
		mstore_event_message(store, MSTORE_EVENT_DELETED, fid, mid,
				     assoc);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = delete_subs(store, MSTORE_DN_RECIPIENTS, mid);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = delete_subs(store, MSTORE_DN_ATTACHMENTS, mid);
	}
	if (ret == MAPI_E_SUCCESS && adjust_folder) {
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
	struct mstore_message *msg;
	enum MAPISTATUS ret;
	uint32_t i;

	ret = mstore_txn_start(store);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	for (i = 0; ret == MAPI_E_SUCCESS && i < count; i++) {
		msg = NULL;
		ret = mstore_message_open(store, store, mids[i], &msg);
		if (ret == MAPI_E_NOT_FOUND) {
			ret = MAPI_E_SUCCESS;
			continue;
		}
		if (ret == MAPI_E_SUCCESS && msg->fid == fid) {
			ret = mstore_message_remove(store, mids[i], true);
		}
		talloc_free(msg);
	}
	return mstore_txn_finish(store, ret);
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
	} else {
		ret = mstore_message_remove(store, mid, true);
	}
	src_fid = msg->fid;
	msg->fid = dst_fid;
	msg->is_new = true;
	if (ret == MAPI_E_SUCCESS) {
		ret = save_in_txn(msg);
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

static enum MAPISTATUS set_read_in_txn(struct mstore *store, uint64_t mid,
				       bool read)
{
	static const char *attrs[] = {
		MSTORE_ATTR_PARENT, MSTORE_ATTR_ASSOC, "p0e070003", NULL
	};
	struct ldb_message *rec;
	struct mstore_value v = { .tag = MSTORE_PidTagMessageFlags };
	int32_t flags;
	bool assoc, was_read;
	uint64_t fid;
	enum MAPISTATUS ret;

	ret = mstore_record_load(store, store, message_dn(store, store, mid),
				 attrs, &rec);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	flags = (int32_t)mstore_record_int(rec, MSTORE_PidTagMessageFlags, 0);
	was_read = (flags & MSTORE_MSGFLAG_READ) != 0;
	assoc = ldb_msg_find_attr_as_int(rec, MSTORE_ATTR_ASSOC, 0) != 0;
	fid = strtoull(ldb_msg_find_attr_as_string(rec, MSTORE_ATTR_PARENT,
						   "0"), NULL, 16);
	v.v.i32 = read ? (flags | MSTORE_MSGFLAG_READ)
		       : (flags & ~MSTORE_MSGFLAG_READ);
	/* The read state is not a change of the message (no new change
	 * number, MS-OXCFXICS 2.2.1.2.1 tracks it separately). */
	ret = mstore_record_update(store, rec->dn, &v, 1, NULL, 0);
	if (ret == MAPI_E_SUCCESS) {
		mstore_event_message_tags(store, fid, mid, assoc, &v.tag, 1);
	}
	if (ret == MAPI_E_SUCCESS && !assoc && was_read != read) {
		ret = mstore_folder_adjust(store, fid, 0, read ? -1 : 1, 0, 0);
	}
	talloc_free(rec);
	return ret;
}

enum MAPISTATUS mstore_message_set_read(struct mstore *store, uint64_t mid,
					bool read)
{
	enum MAPISTATUS ret = mstore_txn_start(store);

	if (ret == MAPI_E_SUCCESS) {
		ret = set_read_in_txn(store, mid, read);
		ret = mstore_txn_finish(store, ret);
	}
	return ret;
}
