/*
 * sambamapi message store: attachments of a message and the messages
 * embedded in them (MS-OXCMSG 2.2.2, 3.2.5.12-3.2.5.16).
 *
 * An attachment object is a copy of one attachment of a message in
 * memory; mstore_attachment_save() puts it back into the message, which
 * stores it with its next mstore_message_save().  An embedded message is
 * a message whose save goes into its attachment object instead of the
 * database; it is stored with the message that holds the attachment.
 */
#include <string.h>
#include <util/debug.h>
#include "store/store_message_private.h"
#include "store/store_lob.h"

/* ----------------------------------------------- attachments in memory */

enum MAPISTATUS mstore_attach_rec_dup(TALLOC_CTX *mem_ctx,
				      const struct mstore_attach_rec *src,
				      struct mstore_attach_rec *dst)
{
	enum MAPISTATUS ret;

	dst->num = src->num;
	dst->embedded = NULL;
	ret = mstore_values_dup(mem_ctx, src->values, src->count,
				&dst->values, &dst->count);
	if (ret == MAPI_E_SUCCESS && src->embedded != NULL) {
		ret = mstore_message_dup(mem_ctx, src->embedded,
					 &dst->embedded);
	}
	return ret;
}

/* MS-OXCMSG 2.2.2.5 PidTagAttachSize: what the attachment takes, its
 * embedded message included. */
int64_t mstore_attach_rec_bytes(TALLOC_CTX *mem_ctx,
				const struct mstore_attach_rec *a)
{
	int64_t size = mstore_values_bytes(mem_ctx, a->values, a->count);

	if (a->embedded != NULL) {
		size += mstore_message_bytes(a->embedded);
	}
	return size;
}

/* The values of an attachment with its computed size. */
enum MAPISTATUS mstore_attach_rec_row(TALLOC_CTX *mem_ctx,
				      const struct mstore_attach_rec *a,
				      struct mstore_row *row)
{
	enum MAPISTATUS ret;

	ret = mstore_values_dup(mem_ctx, a->values, a->count, &row->values,
				&row->count);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(mem_ctx, &row->values, &row->count,
				     MSTORE_PidTagAttachSize,
				     mstore_attach_rec_bytes(mem_ctx, a));
	}
	return ret;
}

static struct mstore_attach_rec *find_rec(struct mstore_message *msg,
					  uint32_t num)
{
	uint32_t i;

	for (i = 0; i < msg->attachment_count; i++) {
		if (msg->attachments[i].num == num) {
			return &msg->attachments[i];
		}
	}
	return NULL;
}

/* Put @a rec (a talloc child of @a msg->attachments once there) into the
 * message: replacing the one with its number, or added in number
 * order. */
static enum MAPISTATUS put_rec(struct mstore_message *msg,
			       const struct mstore_attach_rec *rec)
{
	struct mstore_attach_rec *old = find_rec(msg, rec->num), *r;
	struct mstore_attach_rec copy;
	enum MAPISTATUS ret;
	uint32_t i;

	ret = mstore_attach_rec_dup(msg, rec, &copy);
	if (ret == MAPI_E_SUCCESS) {
		/* its large values are held open by the message */
		ret = mstore_large_hold_all(msg, msg->store, copy.values,
					    copy.count);
	}
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	if (old != NULL) {
		talloc_free(old->values);
		talloc_free(old->embedded);
		*old = copy;
		return MAPI_E_SUCCESS;
	}
	r = talloc_realloc(msg, msg->attachments, struct mstore_attach_rec,
			   msg->attachment_count + 1);
	if (r == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	msg->attachments = r;
	for (i = msg->attachment_count; i > 0 && r[i - 1].num > rec->num;
	     i--) {
		r[i] = r[i - 1];
	}
	r[i] = copy;
	msg->attachment_count++;
	return mstore_message_attach_state(msg);
}

/* ------------------------------------------- attachments of a message */

enum MAPISTATUS mstore_message_add_attachment(struct mstore_message *msg,
					      const struct mstore_value *v,
					      uint32_t count, uint32_t *num)
{
	TALLOC_CTX *tmp = talloc_new(msg);
	struct mstore_attach_rec rec = { .num = msg->next_attach };
	enum MAPISTATUS ret = mstore_props_settable(v, count);

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_values_dup(tmp, v, count, &rec.values,
					&rec.count);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(tmp, &rec.values, &rec.count,
				     MSTORE_PidTagAttachNumber, rec.num);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = put_rec(msg, &rec);
	}
	talloc_free(tmp);
	if (ret == MAPI_E_SUCCESS) {
		*num = msg->next_attach++;
	}
	return ret;
}

enum MAPISTATUS mstore_message_set_attachment(struct mstore_message *msg,
					      uint32_t num,
					      const struct mstore_value *v,
					      uint32_t count)
{
	struct mstore_attach_rec *r = find_rec(msg, num);
	enum MAPISTATUS ret = mstore_props_settable(v, count);
	uint32_t i;

	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	if (r == NULL) {
		return MAPI_E_NOT_FOUND;
	}
	ret = mstore_large_hold_all(msg, msg->store, v, count);
	for (i = 0; ret == MAPI_E_SUCCESS && i < count; i++) {
		ret = mstore_values_put(msg->attachments, &r->values,
					&r->count, &v[i]);
	}
	return ret;
}

enum MAPISTATUS mstore_message_get_attachments(TALLOC_CTX *mem_ctx,
					       struct mstore_message *msg,
					       struct mstore_row **rows,
					       uint32_t *count)
{
	struct mstore_row *r;
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	uint32_t i;

	r = talloc_zero_array(mem_ctx, struct mstore_row,
			      msg->attachment_count + 1);
	if (r == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; ret == MAPI_E_SUCCESS && i < msg->attachment_count; i++) {
		ret = mstore_attach_rec_row(r, &msg->attachments[i], &r[i]);
	}
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(r);
		return ret;
	}
	*rows = r;
	*count = msg->attachment_count;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_message_attachment_nums(TALLOC_CTX *mem_ctx,
					       struct mstore_message *msg,
					       uint32_t **nums,
					       uint32_t *count)
{
	uint32_t *n = talloc_array(mem_ctx, uint32_t,
				   msg->attachment_count + 1);
	uint32_t i;

	if (n == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < msg->attachment_count; i++) {
		n[i] = msg->attachments[i].num;
	}
	*nums = n;
	*count = msg->attachment_count;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_message_delete_attachment(struct mstore_message *m,
						 uint32_t num)
{
	struct mstore_attach_rec *r = find_rec(m, num);
	uint32_t i;

	if (r == NULL) {
		return MAPI_E_NOT_FOUND;
	}
	talloc_free(r->values);
	talloc_free(r->embedded);
	i = r - m->attachments;
	memmove(&m->attachments[i], &m->attachments[i + 1],
		(m->attachment_count - i - 1) * sizeof(m->attachments[0]));
	m->attachment_count--;
	return mstore_message_attach_state(m);
}

/* ------------------------------------------------ attachment objects */

/*
 * MS-OXCMSG 3.2.5.13: a new attachment gets its number, its size, a
 * rendering position of 0xFFFFFFFF and its creation and modification
 * times at once.
 */
enum MAPISTATUS mstore_attachment_create(TALLOC_CTX *mem_ctx,
					 struct mstore_message *msg,
					 struct mstore_attachment **att_out)
{
	struct mstore_attachment *att;
	uint64_t now = mstore_now_filetime();
	enum MAPISTATUS ret;

	if (msg->next_attach >= MSTORE_MAX_ATTACHMENTS ||
	    msg->attachment_count >= MSTORE_MAX_ATTACHMENTS) {
		return ecMaxAttachmentExceeded;
	}
	att = talloc_zero(mem_ctx, struct mstore_attachment);
	if (att == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	att->msg = msg;
	att->rec.num = msg->next_attach++;
	ret = mstore_put_i64(att, &att->rec.values, &att->rec.count,
			     MSTORE_PidTagAttachNumber, att->rec.num);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(att, &att->rec.values, &att->rec.count,
				     MSTORE_PidTagRenderingPosition,
				     (int32_t)0xFFFFFFFF);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(att, &att->rec.values, &att->rec.count,
				     MSTORE_PidTagCreationTime, (int64_t)now);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(att, &att->rec.values, &att->rec.count,
				     MSTORE_PidTagLastModificationTime,
				     (int64_t)now);
	}
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(att);
		return ret;
	}
	*att_out = att;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_attachment_open(TALLOC_CTX *mem_ctx,
				       struct mstore_message *msg,
				       uint32_t num,
				       struct mstore_attachment **att_out)
{
	struct mstore_attach_rec *r = find_rec(msg, num);
	struct mstore_attachment *att;
	enum MAPISTATUS ret;

	if (r == NULL) {
		return MAPI_E_NOT_FOUND;
	}
	att = talloc_zero(mem_ctx, struct mstore_attachment);
	if (att == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	att->msg = msg;
	ret = mstore_attach_rec_dup(att, r, &att->rec);
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(att);
		return ret;
	}
	*att_out = att;
	return MAPI_E_SUCCESS;
}

uint32_t mstore_attachment_num(const struct mstore_attachment *att)
{
	return att->rec.num;
}

enum MAPISTATUS mstore_attachment_get_all_props(TALLOC_CTX *mem_ctx,
						struct mstore_attachment *att,
						struct mstore_value **values,
						uint32_t *count)
{
	struct mstore_row row = { 0 };
	enum MAPISTATUS ret = mstore_attach_rec_row(mem_ctx, &att->rec, &row);

	if (ret == MAPI_E_SUCCESS) {
		*values = row.values;
		*count = row.count;
	}
	return ret;
}

enum MAPISTATUS mstore_attachment_get_props(TALLOC_CTX *mem_ctx,
					    struct mstore_attachment *att,
					    const uint32_t *tags,
					    uint32_t count,
					    struct mstore_value **values)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	struct mstore_row row = { 0 };
	struct mstore_value *v;
	const struct mstore_value *found;
	enum MAPISTATUS ret;
	uint32_t i;

	v = talloc_zero_array(mem_ctx, struct mstore_value, count + 1);
	ret = v != NULL && tmp != NULL ? MAPI_E_SUCCESS :
					 MAPI_E_NOT_ENOUGH_MEMORY;
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_attach_rec_row(tmp, &att->rec, &row);
	}
	for (i = 0; ret == MAPI_E_SUCCESS && i < count; i++) {
		found = mstore_values_find(row.values, row.count, tags[i]);
		if (found == NULL) {
			mstore_value_not_found(&v[i], tags[i]);
		} else {
			ret = mstore_value_copy(v, found, &v[i]);
		}
	}
	talloc_free(tmp);
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(v);
		return ret;
	}
	*values = v;
	return MAPI_E_SUCCESS;
}

/* MS-OXCMSG 2.2.2.5: PidTagAttachSize is computed, read-only. */
static enum MAPISTATUS attachment_settable(const struct mstore_value *v,
					   uint32_t count)
{
	uint32_t i;

	for (i = 0; i < count; i++) {
		if (MSTORE_PROP_ID(v[i].tag) ==
		    MSTORE_PROP_ID(MSTORE_PidTagAttachSize)) {
			return MAPI_E_COMPUTED;
		}
	}
	return mstore_props_settable(v, count);
}

enum MAPISTATUS mstore_attachment_set_props(struct mstore_attachment *att,
					    const struct mstore_value *v,
					    uint32_t count)
{
	enum MAPISTATUS ret = attachment_settable(v, count);
	uint32_t i;

	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_large_hold_all(att, att->msg->store, v, count);
	}
	for (i = 0; ret == MAPI_E_SUCCESS && i < count; i++) {
		ret = mstore_values_put(att, &att->rec.values, &att->rec.count,
					&v[i]);
	}
	return ret;
}

enum MAPISTATUS mstore_attachment_delete_props(struct mstore_attachment *att,
					       const uint32_t *tags,
					       uint32_t count)
{
	uint32_t i;

	for (i = 0; i < count; i++) {
		if (mstore_tag_is_computed(tags[i]) ||
		    MSTORE_PROP_ID(tags[i]) ==
		    MSTORE_PROP_ID(MSTORE_PidTagAttachSize)) {
			return MAPI_E_COMPUTED;
		}
	}
	for (i = 0; i < count; i++) {
		mstore_values_remove(att->rec.values, &att->rec.count,
				     tags[i]);
	}
	return MAPI_E_SUCCESS;
}

/* MS-OXCMSG 3.2.5.14: into the message, not the database yet. */
enum MAPISTATUS mstore_attachment_save(struct mstore_attachment *att)
{
	enum MAPISTATUS ret;

	ret = mstore_put_i64(att, &att->rec.values, &att->rec.count,
			     MSTORE_PidTagLastModificationTime,
			     (int64_t)mstore_now_filetime());
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(att, &att->rec.values, &att->rec.count,
				     MSTORE_PidTagAttachSize,
				     mstore_attach_rec_bytes(att, &att->rec));
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = put_rec(att->msg, &att->rec);
	}
	return ret;
}

/* ------------------------------------------------- embedded messages */

static int32_t attach_method(const struct mstore_attach_rec *rec)
{
	const struct mstore_value *m;

	m = mstore_values_find(rec->values, rec->count,
			       MSTORE_PidTagAttachMethod);
	return m != NULL ? m->v.i32 : -1;
}

enum MAPISTATUS mstore_attachment_embedded(TALLOC_CTX *mem_ctx,
					   struct mstore_attachment *att,
					   bool create,
					   struct mstore_message **msg)
{
	int32_t method = attach_method(&att->rec);
	enum MAPISTATUS ret;

	if (att->rec.embedded != NULL) {
		ret = mstore_message_dup(mem_ctx, att->rec.embedded, msg);
	} else if (!create ||
		   (method != -1 && method != MSTORE_ATTACH_EMBEDDED)) {
		/* no embedded message here, nor one to create */
		return MAPI_E_NOT_FOUND;
	} else {
		ret = mstore_message_create_embedded(mem_ctx, att->msg->store,
						     att->msg->fid, msg);
	}
	if (ret == MAPI_E_SUCCESS) {
		(*msg)->owner = att;
	}
	return ret;
}

/* MS-OXCMSG 3.2.5.16: RopSaveChangesMessage on an embedded message puts
 * it into its attachment object (afEmbeddedMessage). */
enum MAPISTATUS mstore_embedded_commit(struct mstore_message *msg)
{
	struct mstore_attachment *att = msg->owner;
	struct mstore_message *copy;
	enum MAPISTATUS ret;

	ret = mstore_message_computed(msg);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_message_dup(att, msg, &copy);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_put_i64(att, &att->rec.values, &att->rec.count,
				     MSTORE_PidTagAttachMethod,
				     MSTORE_ATTACH_EMBEDDED);
	}
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	copy->is_new = false;
	talloc_free(att->rec.embedded);
	att->rec.embedded = copy;
	msg->is_new = false;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS write_one(struct mstore *store, uint64_t parent,
				 uint32_t num, struct mstore_message *em)
{
	struct ldb_message *rec = ldb_msg_new(store);
	enum MAPISTATUS ret = MAPI_E_NOT_ENOUGH_MEMORY;

	if (rec == NULL) {
		return ret;
	}
	em->store = store;
	rec->dn = mstore_object_dn(rec, store, MSTORE_DN_EMBEDDED, em->mid);
	if (rec->dn != NULL &&
	    ldb_msg_add_string(rec, MSTORE_ATTR_MSG,
			       mstore_hex64(rec, parent)) == 0 &&
	    ldb_msg_add_fmt(rec, MSTORE_ATTR_ATTACH, "%u", num) == 0) {
		ret = mstore_msg_add_values(store, rec, em->values,
					    em->count, 0);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_record_add(store, rec);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_message_write_contents(em);
	}
	talloc_free(rec);
	return ret;
}

enum MAPISTATUS mstore_embedded_write(struct mstore *store,
				      struct mstore_message *parent)
{
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	uint32_t i;

	for (i = 0; ret == MAPI_E_SUCCESS && i < parent->attachment_count;
	     i++) {
		struct mstore_attach_rec *a = &parent->attachments[i];

		if (a->embedded != NULL) {
			ret = write_one(store, parent->mid, a->num,
					a->embedded);
		}
	}
	return ret;
}

static enum MAPISTATUS search_embedded(TALLOC_CTX *mem_ctx,
				       struct mstore *store, uint64_t mid,
				       const char * const *attrs,
				       struct ldb_result **res)
{
	struct ldb_dn *base = ldb_dn_new(mem_ctx, store->ldb,
					 MSTORE_DN_EMBEDDED);

	if (base == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return mstore_ldb_status(store, ldb_search(
		store->ldb, mem_ctx, res, base, LDB_SCOPE_SUBTREE,
		(const char **)attrs,
		"(" MSTORE_ATTR_MSG "=%016llX)", (unsigned long long)mid));
}

static enum MAPISTATUS load_one(struct mstore_message *parent,
				const struct ldb_message *rec)
{
	struct mstore_attach_rec *a = find_rec(
		parent, ldb_msg_find_attr_as_uint(rec, MSTORE_ATTR_ATTACH, 0));
	struct mstore_message *em;
	enum MAPISTATUS ret;

	if (a == NULL) {
		DBG_WARNING("embedded message without its attachment in %s\n",
			    ldb_dn_get_linearized(rec->dn));
		return MAPI_E_SUCCESS;
	}
	em = talloc_zero(parent->attachments, struct mstore_message);
	if (em == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	em->store = parent->store;
	em->fid = parent->fid;
	em->mid = (uint64_t)mstore_record_int(rec, MSTORE_PidTagMid, 0);
	ret = mstore_record_values(em, rec, &em->values, &em->count);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_message_load_contents(em);
	}
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(em);
		return ret;
	}
	a->embedded = em;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_embedded_load(struct mstore_message *parent)
{
	static const char *attrs[] = { "*", NULL };
	TALLOC_CTX *tmp = talloc_new(parent);
	struct ldb_result *res = NULL;
	enum MAPISTATUS ret;
	unsigned int i;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = search_embedded(tmp, parent->store, parent->mid, attrs, &res);
	for (i = 0; ret == MAPI_E_SUCCESS && i < res->count; i++) {
		ret = load_one(parent, res->msgs[i]);
	}
	talloc_free(tmp);
	return ret;
}

enum MAPISTATUS mstore_embedded_remove(struct mstore *store, uint64_t mid)
{
	static const char *attrs[] = {
		"p674a0014", MSTORE_ATTR_LOBREF, NULL
	};
	TALLOC_CTX *tmp = talloc_new(store);
	struct ldb_result *res = NULL;
	enum MAPISTATUS ret;
	unsigned int i;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = search_embedded(tmp, store, mid, attrs, &res);
	for (i = 0; ret == MAPI_E_SUCCESS && i < res->count; i++) {
		ret = mstore_message_remove_contents(
			store, (uint64_t)mstore_record_int(
				res->msgs[i], MSTORE_PidTagMid, 0));
		if (ret == MAPI_E_SUCCESS) {
			mstore_lob_drop_refs(store, res->msgs[i]);
			ret = mstore_ldb_status(store, ldb_delete(
				store->ldb, res->msgs[i]->dn));
		}
	}
	talloc_free(tmp);
	return ret;
}

/* New ids for the embedded messages of a copied message. */
enum MAPISTATUS mstore_embedded_renumber(struct mstore_message *msg)
{
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	uint32_t i;

	for (i = 0; ret == MAPI_E_SUCCESS && i < msg->attachment_count; i++) {
		struct mstore_message *em = msg->attachments[i].embedded;

		if (em == NULL) {
			continue;
		}
		ret = mstore_new_id(msg->store, &em->mid);
		if (ret == MAPI_E_SUCCESS) {
			ret = mstore_put_i64(em, &em->values, &em->count,
					     MSTORE_PidTagMid,
					     (int64_t)em->mid);
		}
		if (ret == MAPI_E_SUCCESS) {
			ret = mstore_embedded_renumber(em);
		}
	}
	return ret;
}
