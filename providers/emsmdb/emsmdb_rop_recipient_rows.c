/*
 * The recipients of a message object on the wire (MS-OXCMSG 2.2.3.1,
 * 2.2.3.5, 2.2.3.6, 3.2.5.5, 3.2.5.6): rows built from the store's
 * recipient rows and modifications applied to them.
 */
#include "emsmdb.h"
#include "emsmdb_rop_recipient_rows.h"
#include "emsmdb_rop_propval.h"
#include "libmapi/ndr/recipient_row.h"

#include <util/debug.h>
#include <gen_ndr/ndr_rops_message.h>

/* MS-OXCMSG 2.2.3.6.2: RowCount of RopReadRecipients is below 0xFF */
#define READ_ROWS_MAX 0xFE

static bool has_column(const uint32_t *columns, uint16_t n, uint32_t tag)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		if (MSTORE_PROP_ID(columns[i]) == MSTORE_PROP_ID(tag)) {
			return true;
		}
	}
	return false;
}

static enum MAPISTATUS add_column(struct emsmdb_message *m, uint32_t tag)
{
	uint32_t *c;

	if (has_column(m->rcpt_columns, m->rcpt_column_count, tag) ||
	    m->rcpt_column_count >= 0x4000) {
		return MAPI_E_SUCCESS;
	}
	c = talloc_realloc(m, m->rcpt_columns, uint32_t,
			   m->rcpt_column_count + 1);
	if (c == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	c[m->rcpt_column_count++] = tag;
	m->rcpt_columns = c;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsmdb_recipients_columns(struct emsmdb_rop_call *call,
					  struct emsmdb_message *m)
{
	struct mstore_row *rows = NULL;
	uint32_t n = 0, i, j;
	enum MAPISTATUS rv;

	rv = mstore_message_get_recipients(call->mem_ctx, m->msg, &rows, &n);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	TALLOC_FREE(m->rcpt_columns);
	m->rcpt_column_count = 0;
	for (i = 0; rv == MAPI_E_SUCCESS && i < n; i++) {
		for (j = 0; rv == MAPI_E_SUCCESS && j < rows[i].count; j++) {
			uint32_t tag = rows[i].values[j].tag;
			uint16_t type = emsmdb_wire_type(MSTORE_PROP_TYPE(tag),
							 PT_UNSPECIFIED, true);

			if (recipient_row_is_standard(tag) ||
			    type == PT_ERROR) {
				continue;
			}
			rv = add_column(m, MSTORE_PROP_TAG(
				MSTORE_PROP_ID(tag), type));
		}
	}
	return rv;
}

/* The type a stored value goes as: its column's, else strings as
 * Unicode. */
static uint16_t value_type(const struct emsmdb_message *m, uint32_t tag)
{
	uint16_t i;

	for (i = 0; i < m->rcpt_column_count; i++) {
		if (MSTORE_PROP_ID(m->rcpt_columns[i]) ==
		    MSTORE_PROP_ID(tag)) {
			return MSTORE_PROP_TYPE(m->rcpt_columns[i]);
		}
	}
	return emsmdb_wire_type(MSTORE_PROP_TYPE(tag), PT_UNSPECIFIED, true);
}

/* A stored recipient as wire values. */
static enum MAPISTATUS row_props(TALLOC_CTX *mem_ctx,
				 const struct emsmdb_strconv *conv,
				 const struct emsmdb_message *m,
				 const struct mstore_row *r,
				 struct TaggedPropertyValue **out,
				 uint32_t *count)
{
	struct TaggedPropertyValue *v;
	uint32_t i, n = 0;

	v = talloc_zero_array(mem_ctx, struct TaggedPropertyValue,
			      r->count + 1);
	if (v == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < r->count; i++) {
		const struct mstore_value *s = &r->values[i];
		uint16_t type = value_type(m, s->tag);

		if (type == PT_ERROR ||
		    emsmdb_value_to_wire(mem_ctx, conv, s, type,
					 &v[n].Value) != MAPI_E_SUCCESS) {
			continue;	/* no ROP encoding (too large) */
		}
		v[n++].PropertyTag = MSTORE_PROP_TAG(MSTORE_PROP_ID(s->tag),
						     type);
	}
	*out = v;
	*count = n;
	return MAPI_E_SUCCESS;
}

static uint8_t recipient_type(const struct mstore_row *r)
{
	const struct mstore_value *t = mstore_values_find(
		r->values, r->count, RECIPIENT_PidTagRecipientType);

	return t != NULL ? (uint8_t)t->v.i32 : 0;
}

static uint32_t row_id(const struct mstore_row *r)
{
	const struct mstore_value *id = mstore_values_find(
		r->values, r->count, RECIPIENT_PidTagRowid);

	return id != NULL ? (uint32_t)id->v.i32 : 0;
}

static enum MAPISTATUS build_row(struct emsmdb_rop_call *call,
				 const struct emsmdb_strconv *conv,
				 const struct emsmdb_message *m,
				 const struct mstore_row *r,
				 struct RecipientRow *out)
{
	struct TaggedPropertyValue *props;
	uint32_t n;
	enum MAPISTATUS rv;

	rv = row_props(call->mem_ctx, conv, m, r, &props, &n);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (recipient_row_build(call->mem_ctx, props, n, m->rcpt_columns,
				m->rcpt_column_count, out) !=
	    NDR_ERR_SUCCESS) {
		DBG_WARNING("cannot build a recipient row\n");
		return MAPI_E_CALL_FAILED;
	}
	return MAPI_E_SUCCESS;
}

/* The encoded size of a row structure. */
static size_t encoded_size(TALLOC_CTX *mem_ctx, const void *row,
			   ndr_push_flags_fn_t fn)
{
	DATA_BLOB b = data_blob_null;
	size_t size;

	if (!NDR_ERR_CODE_IS_SUCCESS(ndr_push_struct_blob(
		    &b, mem_ctx, row, fn))) {
		return SIZE_MAX;
	}
	size = b.length;
	data_blob_free(&b);
	return size;
}

/* Whether @row, encoded by @fn, fits in @room beside the @used bytes
 * taken already; when it does, it takes its bytes. */
static bool take_room(TALLOC_CTX *mem_ctx, const void *row,
		      ndr_push_flags_fn_t fn, size_t room, size_t *used)
{
	size_t size = encoded_size(mem_ctx, row, fn);

	if (*used + size > room) {
		return false;
	}
	*used += size;
	return true;
}

static enum MAPISTATUS recipients_of(struct emsmdb_rop_call *call,
				     struct emsmdb_message *m,
				     struct emsmdb_strconv *conv,
				     struct mstore_row **rows, uint32_t *n)
{
	enum MAPISTATUS rv = emsmdb_strconv_of(call, conv);

	if (rv == MAPI_E_SUCCESS) {
		rv = mstore_message_get_recipients(call->mem_ctx, m->msg, rows,
						   n);
	}
	return rv;
}

enum MAPISTATUS emsmdb_recipients_open_rows(struct emsmdb_rop_call *call,
					    struct emsmdb_message *m,
					    size_t room, uint8_t max,
					    struct OpenRecipientRow **rows,
					    uint8_t *count)
{
	struct emsmdb_strconv conv;
	struct mstore_row *stored = NULL;
	struct OpenRecipientRow *out;
	uint32_t n = 0, i;
	size_t used = 0;
	enum MAPISTATUS rv = recipients_of(call, m, &conv, &stored, &n);

	*count = 0;
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	out = talloc_zero_array(call->mem_ctx, struct OpenRecipientRow,
				n + 1);
	if (out == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	/* MS-OXCMSG 3.2.5.1: as many as fit, in RowId order */
	for (i = 0; i < n && *count < max; i++) {
		struct OpenRecipientRow *o = &out[*count];

		rv = build_row(call, &conv, m, &stored[i], &o->RecipientRow);
		if (rv != MAPI_E_SUCCESS) {
			return rv;
		}
		o->RecipientType = recipient_type(&stored[i]);
		o->CodePageId = EMSMDB_RECIPIENT_CODE_PAGE;
		if (!take_room(call->mem_ctx, o, (ndr_push_flags_fn_t)
			       ndr_push_OpenRecipientRow, room, &used)) {
			break;
		}
		(*count)++;
	}
	*rows = out;
	return MAPI_E_SUCCESS;
}

static bool start_index(const struct mstore_row *rows, uint32_t n,
			uint32_t id, uint32_t *start)
{
	uint32_t i;

	if (id == 0) {
		*start = 0;
		return n > 0;
	}
	for (i = 0; i < n; i++) {
		if (row_id(&rows[i]) == id) {
			*start = i;
			return true;
		}
	}
	return false;
}

enum MAPISTATUS emsmdb_recipients_read_rows(struct emsmdb_rop_call *call,
					    struct emsmdb_message *m,
					    uint32_t id, size_t room,
					    struct ReadRecipientRow **rows,
					    uint8_t *count)
{
	struct emsmdb_strconv conv;
	struct mstore_row *stored = NULL;
	struct ReadRecipientRow *out;
	uint32_t n = 0, i;
	size_t used = 0;
	enum MAPISTATUS rv = recipients_of(call, m, &conv, &stored, &n);

	*count = 0;
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (!start_index(stored, n, id, &i)) {
		return MAPI_E_NOT_FOUND;
	}
	out = talloc_zero_array(call->mem_ctx, struct ReadRecipientRow,
				n + 1);
	if (out == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (; i < n && *count < READ_ROWS_MAX; i++) {
		struct ReadRecipientRow *r = &out[*count];

		rv = build_row(call, &conv, m, &stored[i], &r->RecipientRow);
		if (rv != MAPI_E_SUCCESS) {
			return rv;
		}
		r->RowId = row_id(&stored[i]);
		r->RecipientType = recipient_type(&stored[i]);
		r->CodePageId = EMSMDB_RECIPIENT_CODE_PAGE;
		if (!take_room(call->mem_ctx, r, (ndr_push_flags_fn_t)
			       ndr_push_ReadRecipientRow, room, &used)) {
			break;
		}
		(*count)++;
	}
	if (*count == 0) {
		return ecBufferTooSmall;
	}
	*rows = out;
	return MAPI_E_SUCCESS;
}

/* ----------------------------------------------------------- modify */

/* MS-OXCMSG 2.2.3.5.1: columns are typed properties of a recipient. */
static enum MAPISTATUS check_columns(const struct RopModifyRecipients_req *r)
{
	uint16_t i;

	for (i = 0; i < r->ColumnCount; i++) {
		uint16_t type = MSTORE_PROP_TYPE(r->RecipientColumns[i]);

		if (type == PT_UNSPECIFIED || type == PT_ERROR ||
		    !mstore_type_is_storable(type)) {
			return MAPI_E_INVALID_PARAMETER;
		}
	}
	return MAPI_E_SUCCESS;
}

/* Put a value into a row (shallow: the store copies rows it keeps),
 * replacing one of the same property id. */
static enum MAPISTATUS row_put(TALLOC_CTX *mem_ctx, struct mstore_row *row,
			       const struct mstore_value *v)
{
	struct mstore_value *n;
	uint32_t i;

	for (i = 0; i < row->count; i++) {
		if (MSTORE_PROP_ID(row->values[i].tag) ==
		    MSTORE_PROP_ID(v->tag)) {
			row->values[i] = *v;
			return MAPI_E_SUCCESS;
		}
	}
	n = talloc_realloc(mem_ctx, row->values, struct mstore_value,
			   row->count + 1);
	if (n == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	n[row->count++] = *v;
	row->values = n;
	return MAPI_E_SUCCESS;
}

/* The store row of one ModifyRecipientRow. */
static enum MAPISTATUS modified_row(struct emsmdb_rop_call *call,
				    const struct emsmdb_strconv *conv,
				    const struct RopModifyRecipients_req *req,
				    const struct ModifyRecipientRow *in,
				    struct mstore_row *out)
{
	struct TaggedPropertyValue *props;
	struct mstore_value v;
	uint32_t n, i;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	if (recipient_row_parse(call->mem_ctx, &in->RecipientRow.RecipientRow,
				req->RecipientColumns, req->ColumnCount,
				&props, &n) != NDR_ERR_SUCCESS) {
		return MAPI_E_INVALID_PARAMETER;
	}
	out->values = NULL;
	out->count = 0;
	for (i = 0; rv == MAPI_E_SUCCESS && i < n; i++) {
		if (emsmdb_value_from_wire(call->mem_ctx, conv,
					   props[i].PropertyTag,
					   &props[i].Value, &v) !=
		    MAPI_E_SUCCESS) {
			DBG_INFO("recipient property 0x%08x skipped\n",
				 props[i].PropertyTag);
			continue;
		}
		rv = row_put(call->mem_ctx, out, &v);
	}
	v.tag = RECIPIENT_PidTagRowid;
	v.v.i32 = (int32_t)in->RowId;
	if (rv == MAPI_E_SUCCESS) {
		rv = row_put(call->mem_ctx, out, &v);
	}
	v.tag = RECIPIENT_PidTagRecipientType;
	v.v.i32 = in->RecipientType;
	if (rv == MAPI_E_SUCCESS) {
		rv = row_put(call->mem_ctx, out, &v);
	}
	return rv;
}

static int32_t find_row(const struct mstore_row *rows, uint32_t n,
			uint32_t id)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (row_id(&rows[i]) == id) {
			return (int32_t)i;
		}
	}
	return -1;
}

/* Apply one ModifyRecipientRow to the rows. */
static enum MAPISTATUS modify_one(struct emsmdb_rop_call *call,
				  const struct emsmdb_strconv *conv,
				  const struct RopModifyRecipients_req *req,
				  const struct ModifyRecipientRow *in,
				  struct mstore_row **rows, uint32_t *n)
{
	int32_t at = find_row(*rows, *n, in->RowId);
	struct mstore_row row, *r;
	enum MAPISTATUS rv;

	if (in->RecipientRowSize == 0) {
		/* MS-OXCMSG 3.2.5.5: no RecipientRow deletes it */
		if (at >= 0) {
			memmove(&(*rows)[at], &(*rows)[at + 1],
				(*n - at - 1) * sizeof(**rows));
			(*n)--;
		}
		return MAPI_E_SUCCESS;
	}
	rv = modified_row(call, conv, req, in, &row);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (at >= 0) {
		(*rows)[at] = row;
		return MAPI_E_SUCCESS;
	}
	r = talloc_realloc(call->mem_ctx, *rows, struct mstore_row, *n + 1);
	if (r == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	r[(*n)++] = row;
	*rows = r;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsmdb_recipients_modify(struct emsmdb_rop_call *call,
					 struct emsmdb_message *m,
					 const struct RopModifyRecipients_req
						 *req)
{
	struct emsmdb_strconv conv;
	struct mstore_row *rows = NULL;
	uint32_t n = 0, i;
	uint32_t *columns;
	enum MAPISTATUS rv = check_columns(req);

	if (rv == MAPI_E_SUCCESS) {
		rv = recipients_of(call, m, &conv, &rows, &n);
	}
	for (i = 0; rv == MAPI_E_SUCCESS && i < req->RowCount; i++) {
		rv = modify_one(call, &conv, req, &req->RecipientRows[i], &rows,
				&n);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mstore_message_set_recipients(m->msg, rows, n);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	columns = talloc_memdup(m, req->RecipientColumns,
				req->ColumnCount * sizeof(uint32_t));
	if (columns == NULL && req->ColumnCount > 0) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	talloc_free(m->rcpt_columns);
	m->rcpt_columns = columns;
	m->rcpt_column_count = req->ColumnCount;
	return MAPI_E_SUCCESS;
}
