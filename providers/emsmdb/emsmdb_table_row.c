/*
 * Row data of the tables: a row's store values (and its computed
 * columns) as the cells of a PropertyRow (MS-OXCDATA 2.8.1) for the
 * table's columns (MS-OXCTABL 3.2.5.5).
 */
#include "emsmdb_table.h"

#include <string.h>
#include <sys/param.h>
#include <util/debug.h>
#include "libmapi/ndr/string8.h"

#define PTYPE(tag) ((uint16_t)((tag) & 0xFFFF))
#define PID(tag) ((uint16_t)(((uint32_t)(tag)) >> 16))

/* Computed columns of table rows (MS-OXCTABL 2.2.1.2, MS-OXCFOLD). */
#define PidTagInstID		0x674D0014
#define PidTagInstanceNum	0x674E0003
#define PidTagRowType		0x0FF50003
#define PidTagDepth		0x30050003
#define PidTagInstanceKey	0x0FF60102
/* PidTagRowType TBL_LEAF_ROW (MS-OXCTABL 2.2.1.3) */
#define TBL_LEAF_ROW		0x00000001

static enum MAPISTATUS put(TALLOC_CTX *mem_ctx, struct mstore_row *row,
			   const struct mstore_value *v)
{
	struct mstore_value *n;
	uint32_t i;

	for (i = 0; i < row->count; i++) {
		if (row->values[i].tag == v->tag) {
			return MAPI_E_SUCCESS;	/* stored value wins */
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

enum MAPISTATUS emsmdb_table_add_computed(TALLOC_CTX *mem_ctx,
					  const struct emsmdb_table *t,
					  uint64_t id, uint32_t depth,
					  struct mstore_row *row)
{
	bool contents = t->type == EMSMDB_TABLE_CONTENTS;
	/* attachment rows: the instance columns only (ids are numbers) */
	int last = t->type == EMSMDB_TABLE_ATTACHMENTS ? 5 : 7;
	uint8_t *key = talloc_array(mem_ctx, uint8_t, 8);
	struct mstore_value v[7];
	enum MAPISTATUS rv = MAPI_E_SUCCESS;
	int i;

	if (key == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < 8; i++) {
		key[i] = (id >> (8 * i)) & 0xFF;
	}
	memset(v, 0, sizeof(v));
	v[0].tag = PidTagInstID;
	v[0].v.i64 = (int64_t)id;
	v[1].tag = PidTagInstanceNum;
	v[2].tag = PidTagRowType;
	v[2].v.i32 = TBL_LEAF_ROW;
	v[3].tag = PidTagDepth;
	v[3].v.i32 = (int32_t)depth;
	v[4].tag = PidTagInstanceKey;
	v[4].v.bin.length = 8;
	v[4].v.bin.data = key;
	v[5].tag = MSTORE_PidTagFolderId;
	v[5].v.i64 = (int64_t)(contents ? t->fid : id);
	v[6].tag = contents ? MSTORE_PidTagMid : MSTORE_PidTagParentFolderId;
	v[6].v.i64 = (int64_t)id;
	for (i = 0; rv == MAPI_E_SUCCESS && i < last; i++) {
		if (!contents && i == 6) {
			break;	/* a folder's parent is stored */
		}
		rv = put(mem_ctx, row, &v[i]);
	}
	return rv;
}

/* The row of attachment @a num, as the message stands. */
static enum MAPISTATUS attachment_values(TALLOC_CTX *mem_ctx,
					 struct emsmdb_table *t, uint64_t num,
					 struct mstore_row *row)
{
	struct mstore_row *rows = NULL;
	const struct mstore_value *v;
	uint32_t n = 0, i;
	enum MAPISTATUS rv;

	rv = mstore_message_get_attachments(mem_ctx, t->message, &rows, &n);
	for (i = 0; rv == MAPI_E_SUCCESS && i < n; i++) {
		v = mstore_values_find(rows[i].values, rows[i].count,
				       MSTORE_PidTagAttachNumber);
		if (v != NULL && (uint32_t)v->v.i32 == num) {
			*row = rows[i];
			return MAPI_E_SUCCESS;
		}
	}
	return rv == MAPI_E_SUCCESS ? MAPI_E_NOT_FOUND : rv;
}

enum MAPISTATUS emsmdb_table_row_values(TALLOC_CTX *mem_ctx,
					struct emsmdb_table *t, uint64_t id,
					uint32_t depth,
					struct mstore_row *row)
{
	struct mstore_message *msg;
	struct emsmdb_category *c;
	enum MAPISTATUS rv;

	c = t->category_count > 0 ? emsmdb_category_find(t, id) : NULL;
	if (c != NULL) {
		return emsmdb_category_values(mem_ctx, t, c, row);
	}
	if (t->type == EMSMDB_TABLE_ATTACHMENTS) {
		rv = attachment_values(mem_ctx, t, id, row);
	} else if (t->type == EMSMDB_TABLE_HIERARCHY) {
		rv = mstore_folder_get_all_props(mem_ctx, t->store, id,
						 &row->values, &row->count);
	} else {
		rv = mstore_message_open_ex(mem_ctx, t->store, id,
					    t->flags & EMSMDB_TABLE_SOFT_DELETES ?
					    MSTORE_SOFT_DELETED : 0, &msg);
		if (rv == MAPI_E_SUCCESS) {
			rv = mstore_message_get_all_props(mem_ctx, msg,
							  &row->values,
							  &row->count);
			talloc_free(msg);
		}
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	return emsmdb_table_add_computed(mem_ctx, t, id, depth, row);
}

/* ---------------------------------------------------- value to wire */

static const char *string8_of(TALLOC_CTX *mem_ctx, struct emsmdb_table *t,
			      const char *utf8)
{
	const char *p;

	for (p = utf8; *p != '\0' && (uint8_t)*p < 0x80; p++) {
	}
	if (*p == '\0') {
		return utf8;	/* ASCII: the same in every code page */
	}
	if (t->string8 == NULL) {
		t->string8 = mapi_string8_map_new(t);
	}
	if (t->string8 == NULL) {
		return NULL;
	}
	return mapi_string8_to_wire(mem_ctx, t->string8, t->code_page, utf8);
}

static void guid_to_wire(const struct mstore_guid *g, struct GUID *out)
{
	const uint8_t *b = g->bytes;

	out->time_low = b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
	out->time_mid = b[4] | b[5] << 8;
	out->time_hi_and_version = b[6] | b[7] << 8;
	memcpy(out->clock_seq, b + 8, 2);
	memcpy(out->node, b + 10, 6);
}

static bool mv_strings_to_wire(TALLOC_CTX *mem_ctx, struct emsmdb_table *t,
			       uint16_t type, const struct mstore_value *v,
			       union PropertyValueUnion *out)
{
	uint32_t i, n = v->v.mv.count;

	if (type == PT_MV_STRING8) {
		struct String8Value *s = talloc_array(mem_ctx,
						      struct String8Value, n);

		for (i = 0; s != NULL && i < n; i++) {
			s[i].Value = string8_of(mem_ctx, t, v->v.mv.str[i]);
		}
		out->MultipleString8.Count = n;
		out->MultipleString8.Values = s;
		return n == 0 || s != NULL;
	} else {
		struct UnicodeValue *s = talloc_array(mem_ctx,
						      struct UnicodeValue, n);

		for (i = 0; s != NULL && i < n; i++) {
			s[i].Value = v->v.mv.str[i];
		}
		out->MultipleString.Count = n;
		out->MultipleString.Values = s;
		return n == 0 || s != NULL;
	}
}

static bool mv_to_wire(TALLOC_CTX *mem_ctx, struct emsmdb_table *t,
		       uint16_t type, const struct mstore_value *v,
		       union PropertyValueUnion *out)
{
	uint32_t i, n = v->v.mv.count;

	switch (type) {
	case PT_MV_LONG:
		out->MultipleInteger32.Count = n;
		out->MultipleInteger32.Values = talloc_array(mem_ctx,
							     uint32_t, n);
		for (i = 0; out->MultipleInteger32.Values && i < n; i++) {
			out->MultipleInteger32.Values[i] = v->v.mv.i32[i];
		}
		return n == 0 || out->MultipleInteger32.Values != NULL;
	case PT_MV_I8:
		out->MultipleInteger64.Count = n;
		out->MultipleInteger64.Values = talloc_array(mem_ctx,
							     uint64_t, n);
		for (i = 0; out->MultipleInteger64.Values && i < n; i++) {
			out->MultipleInteger64.Values[i] = v->v.mv.i64[i];
		}
		return n == 0 || out->MultipleInteger64.Values != NULL;
	case PT_MV_SYSTIME:
		out->MultipleTime.Count = n;
		out->MultipleTime.Values = talloc_array(mem_ctx, NTTIME, n);
		for (i = 0; out->MultipleTime.Values && i < n; i++) {
			out->MultipleTime.Values[i] = v->v.mv.u64[i];
		}
		return n == 0 || out->MultipleTime.Values != NULL;
	case PT_MV_STRING8:
	case PT_MV_UNICODE:
		return mv_strings_to_wire(mem_ctx, t, type, v, out);
	case PT_MV_BINARY:
		out->MultipleBinary.Count = n;
		out->MultipleBinary.Values = talloc_array(mem_ctx,
						struct BinaryValue, n);
		for (i = 0; out->MultipleBinary.Values && i < n; i++) {
			out->MultipleBinary.Values[i].Count =
				MIN(v->v.mv.bin[i].length, UINT16_MAX);
			out->MultipleBinary.Values[i].Data =
				v->v.mv.bin[i].data;
		}
		return n == 0 || out->MultipleBinary.Values != NULL;
	default:
		return false;
	}
}

/* A store value as the wire value of type @a type (the column's). */
static bool value_to_wire(TALLOC_CTX *mem_ctx, struct emsmdb_table *t,
			  uint16_t type, const struct mstore_value *v,
			  union PropertyValueUnion *out)
{
	switch (type) {
	case PT_SHORT:
		out->Integer16 = (uint16_t)v->v.i16;
		return true;
	case PT_LONG:
		out->Integer32 = (uint32_t)v->v.i32;
		return true;
	case PT_FLOAT:
		memcpy(&out->Floating32, &v->v.flt, 4);
		return true;
	case PT_DOUBLE:
		out->Floating64 = v->v.dbl;
		return true;
	case PT_APPTIME:
		out->FloatingTime = v->v.dbl;
		return true;
	case PT_CURRENCY:
		out->Currency = v->v.i64;
		return true;
	case PT_I8:
		out->Integer64 = (uint64_t)v->v.i64;
		return true;
	case PT_SYSTIME:
		out->Time = v->v.u64;
		return true;
	case PT_BOOLEAN:
		out->Boolean = v->v.b ? 1 : 0;
		return true;
	case PT_STRING8:
		out->String8 = PTYPE(v->tag) == PT_UNICODE ?
			string8_of(mem_ctx, t, v->v.str) : v->v.str;
		return out->String8 != NULL;
	case PT_UNICODE:
		out->String = v->v.str;
		return true;
	case PT_CLSID:
		guid_to_wire(&v->v.guid, &out->Guid);
		return true;
	case PT_BINARY:
		if (v->v.bin.length > UINT16_MAX) {
			return false;
		}
		out->Binary.Count = v->v.bin.length;
		out->Binary.Data = v->v.bin.data;
		return true;
	default:
		return mv_to_wire(mem_ctx, t, type, v, out);
	}
}

/* The value of a column: a PtypUnspecified column takes any type. */
static const struct mstore_value *column_value(const struct mstore_row *row,
					       uint32_t column)
{
	uint32_t i;

	if (PTYPE(column) != PT_UNSPECIFIED) {
		return emsmdb_row_find(row, column);
	}
	for (i = 0; i < row->count; i++) {
		if (PID(row->values[i].tag) == PID(column) &&
		    PTYPE(row->values[i].tag) != PT_ERROR) {
			return &row->values[i];
		}
	}
	return NULL;
}

/* The type a cell is sent as: the column's; for PtypUnspecified the
 * value's, strings per UseUnicode (MS-OXCFOLD 2.2.1.13.1). */
static uint16_t cell_type(const struct emsmdb_table *t, uint32_t column,
			  const struct mstore_value *v)
{
	uint16_t type = PTYPE(column), base;
	bool unicode = (t->flags & EMSMDB_TABLE_USE_UNICODE) != 0;

	if (type != PT_UNSPECIFIED) {
		return type;
	}
	type = PTYPE(v->tag);
	base = type & ~MSTORE_MV_FLAG;
	if (base == PT_STRING8 || base == PT_UNICODE) {
		return (type & MSTORE_MV_FLAG) |
		       (unicode ? PT_UNICODE : PT_STRING8);
	}
	return type;
}

static void cell_error(struct property_row_value *cell,
		       enum MAPISTATUS error)
{
	cell->type = PT_ERROR;
	cell->flag = PROPERTY_FLAG_ERROR;
	cell->value.ErrorCode = error;
}

/* Whether the row has the column's value kept out of line. */
static bool large_value(const struct mstore_row *row, uint32_t column)
{
	uint32_t i;

	for (i = 0; i < row->count; i++) {
		if (PID(row->values[i].tag) == PID(column) &&
		    mstore_value_is_large(&row->values[i])) {
			return true;
		}
	}
	return false;
}

static void make_cell(TALLOC_CTX *mem_ctx, struct emsmdb_table *t,
		      uint32_t column, const struct mstore_row *values,
		      struct property_row_value *cell)
{
	const struct mstore_value *v = column_value(values, column);

	if (v == NULL) {
		/* too large for a row: read with a stream (MS-OXCDATA
		 * 2.4.2) */
		cell_error(cell, large_value(values, column) ?
				 MAPI_E_NOT_ENOUGH_MEMORY : MAPI_E_NOT_FOUND);
		return;
	}
	cell->type = cell_type(t, column, v);
	cell->flag = PROPERTY_FLAG_VALUE;
	if (!value_to_wire(mem_ctx, t, cell->type, v, &cell->value)) {
		/* too large for a row, or a type with no row encoding */
		cell_error(cell, MAPI_E_NOT_ENOUGH_MEMORY);
	}
}

enum MAPISTATUS emsmdb_table_row(TALLOC_CTX *mem_ctx, struct emsmdb_table *t,
				 uint32_t index, struct property_row *row)
{
	struct mstore_row values = { 0 };
	enum MAPISTATUS rv;
	uint32_t i;

	if (index >= t->count) {
		return MAPI_E_NOT_FOUND;
	}
	rv = emsmdb_table_row_values(mem_ctx, t, t->ids[index],
				     t->depths[index], &values);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	row->count = t->column_count;
	row->cells = talloc_zero_array(mem_ctx, struct property_row_value,
				       t->column_count);
	if (t->column_count > 0 && row->cells == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < t->column_count; i++) {
		make_cell(mem_ctx, t, t->columns[i], &values, &row->cells[i]);
	}
	row->kind = property_row_choose_kind(row);
	return MAPI_E_SUCCESS;
}

static bool has_tag(const uint32_t *tags, uint32_t n, uint32_t tag)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (tags[i] == tag) {
			return true;
		}
	}
	return false;
}

/* The properties of the first rows (every row of a hierarchy table),
 * with the computed columns: what RopQueryColumnsAll reports
 * (MS-OXCTABL 3.2.5.13). */
#define ALL_COLUMNS_SAMPLE 64

enum MAPISTATUS emsmdb_table_all_columns(TALLOC_CTX *mem_ctx,
					 struct emsmdb_table *t,
					 uint32_t **tags, uint32_t *count)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	uint32_t *out = talloc_array(mem_ctx, uint32_t, 0);
	uint32_t n = 0, i, j, rows;
	enum MAPISTATUS rv = emsmdb_table_refresh(t);

	if (tmp == NULL || out == NULL) {
		rv = MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rows = t->type == EMSMDB_TABLE_HIERARCHY ? t->count :
	       MIN(t->count, ALL_COLUMNS_SAMPLE);
	/* row -1: the computed columns alone, even in an empty table */
	for (i = 0; rv == MAPI_E_SUCCESS && i <= rows; i++) {
		struct mstore_row r = { 0 };

		rv = i == 0 ? emsmdb_table_add_computed(tmp, t, 0, 0, &r) :
		     emsmdb_table_row_values(tmp, t, t->ids[i - 1], 0, &r);
		if (rv == MAPI_E_NOT_FOUND) {
			rv = MAPI_E_SUCCESS;	/* gone meanwhile */
			continue;
		}
		for (j = 0; rv == MAPI_E_SUCCESS && j < r.count; j++) {
			uint32_t tag = r.values[j].tag;
			uint64_t size;

			/* a value kept out of line: its own tag */
			mstore_large_info(&r.values[j], &tag, &size);

			if (has_tag(out, n, tag)) {
				continue;
			}
			out = talloc_realloc(mem_ctx, out, uint32_t, n + 1);
			if (out == NULL) {
				rv = MAPI_E_NOT_ENOUGH_MEMORY;
				break;
			}
			out[n++] = tag;
		}
	}
	talloc_free(tmp);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	*tags = out;
	*count = n;
	return MAPI_E_SUCCESS;
}
