/*
 * Property rows (MS-OXCDATA 2.8.1): values laid out by a column set.
 */
#include "property_row.h"
#include "gen_ndr/ndr_rop_types.h"

#define COLUMN_TYPE(tag) ((uint16_t)((tag) & 0xFFFF))

/* In a standard row an error code travels as a PtypErrorCode value in a
 * typed column only when the column asked for PT_ERROR; otherwise the
 * row must be flagged. */
enum property_row_kind property_row_choose_kind(const struct property_row *row)
{
	uint32_t i;

	for (i = 0; i < row->count; i++) {
		if (row->cells[i].flag != PROPERTY_FLAG_VALUE) {
			return PROPERTY_ROW_FLAGGED;
		}
	}
	return PROPERTY_ROW_STANDARD;
}

static enum ndr_err_code push_value(struct ndr_push *ndr, uint16_t type,
				    const union PropertyValueUnion *value)
{
	NDR_CHECK(ndr_push_set_switch_value(ndr, value, type));
	return ndr_push_PropertyValueUnion(ndr, NDR_SCALARS | NDR_BUFFERS,
					   value);
}

static enum ndr_err_code pull_value(struct ndr_pull *ndr, uint16_t type,
				    union PropertyValueUnion *value)
{
	NDR_CHECK(ndr_pull_set_switch_value(ndr, value, type));
	return ndr_pull_PropertyValueUnion(ndr, NDR_SCALARS | NDR_BUFFERS,
					   value);
}

/*
 * One cell.  PtypUnspecified columns carry the type on the wire
 * (TypedPropertyValue / FlaggedPropertyValueWithType); in a flagged row
 * the Flag comes after the type and decides what follows.
 */
static enum ndr_err_code push_cell(struct ndr_push *ndr, uint16_t column_type,
				   enum property_row_kind kind,
				   const struct property_row_value *cell)
{
	bool typed = column_type == PT_UNSPECIFIED;

	if (!typed && cell->flag == PROPERTY_FLAG_VALUE &&
	    cell->type != column_type) {
		return ndr_push_error(ndr, NDR_ERR_BAD_SWITCH,
				      "cell type 0x%04x in a 0x%04x column",
				      cell->type, column_type);
	}
	if (kind == PROPERTY_ROW_STANDARD && cell->flag != PROPERTY_FLAG_VALUE) {
		return ndr_push_error(ndr, NDR_ERR_BAD_SWITCH,
				      "error cell in a standard row");
	}
	if (typed) {
		NDR_CHECK(ndr_push_uint16(ndr, NDR_SCALARS, cell->type));
	}
	if (kind == PROPERTY_ROW_FLAGGED) {
		NDR_CHECK(ndr_push_uint8(ndr, NDR_SCALARS, cell->flag));
	}
	switch (cell->flag) {
	case PROPERTY_FLAG_VALUE:
		return push_value(ndr, typed ? cell->type : column_type,
				  &cell->value);
	case PROPERTY_FLAG_NOT_FOUND:
		return NDR_ERR_SUCCESS;
	case PROPERTY_FLAG_ERROR:
		return push_value(ndr, PT_ERROR, &cell->value);
	default:
		return ndr_push_error(ndr, NDR_ERR_BAD_SWITCH,
				      "bad cell flag 0x%02x", cell->flag);
	}
}

static enum ndr_err_code pull_cell(struct ndr_pull *ndr, uint16_t column_type,
				   enum property_row_kind kind,
				   struct property_row_value *cell)
{
	cell->type = column_type;
	cell->flag = PROPERTY_FLAG_VALUE;
	if (column_type == PT_UNSPECIFIED) {
		NDR_CHECK(ndr_pull_uint16(ndr, NDR_SCALARS, &cell->type));
	}
	if (kind == PROPERTY_ROW_FLAGGED) {
		NDR_CHECK(ndr_pull_uint8(ndr, NDR_SCALARS, &cell->flag));
	}
	switch (cell->flag) {
	case PROPERTY_FLAG_VALUE:
		return pull_value(ndr, cell->type, &cell->value);
	case PROPERTY_FLAG_NOT_FOUND:
		return NDR_ERR_SUCCESS;
	case PROPERTY_FLAG_ERROR:
		cell->type = PT_ERROR;
		return pull_value(ndr, PT_ERROR, &cell->value);
	default:
		return ndr_pull_error(ndr, NDR_ERR_BAD_SWITCH,
				      "bad cell flag 0x%02x", cell->flag);
	}
}

enum ndr_err_code ndr_push_property_row(struct ndr_push *ndr,
					const uint32_t *columns,
					uint32_t count,
					const struct property_row *row)
{
	uint32_t i;

	if (row->count != count) {
		return ndr_push_error(ndr, NDR_ERR_ARRAY_SIZE,
				      "row of %u cells for %u columns",
				      row->count, count);
	}
	if (row->kind != PROPERTY_ROW_STANDARD &&
	    row->kind != PROPERTY_ROW_FLAGGED) {
		return ndr_push_error(ndr, NDR_ERR_BAD_SWITCH,
				      "bad row flag 0x%02x", row->kind);
	}
	NDR_CHECK(ndr_push_uint8(ndr, NDR_SCALARS, row->kind));
	for (i = 0; i < count; i++) {
		NDR_CHECK(push_cell(ndr, COLUMN_TYPE(columns[i]), row->kind,
				    &row->cells[i]));
	}
	return NDR_ERR_SUCCESS;
}

enum ndr_err_code ndr_pull_property_row(struct ndr_pull *ndr,
					TALLOC_CTX *mem_ctx,
					const uint32_t *columns,
					uint32_t count,
					struct property_row *row)
{
	uint8_t kind;
	uint32_t i;

	NDR_CHECK(ndr_pull_uint8(ndr, NDR_SCALARS, &kind));
	if (kind != PROPERTY_ROW_STANDARD && kind != PROPERTY_ROW_FLAGGED) {
		return ndr_pull_error(ndr, NDR_ERR_BAD_SWITCH,
				      "bad row flag 0x%02x", kind);
	}
	/* Every cell needs at least one byte in a flagged row, or zero in
	 * a standard one: bound the allocation by what the buffer holds. */
	if (kind == PROPERTY_ROW_FLAGGED &&
	    count > ndr->data_size - ndr->offset) {
		return ndr_pull_error(ndr, NDR_ERR_BUFSIZE,
				      "%u cells cannot fit", count);
	}
	row->kind = kind;
	row->count = count;
	row->cells = talloc_zero_array(mem_ctx, struct property_row_value,
				       count);
	if (count > 0 && row->cells == NULL) {
		return ndr_pull_error(ndr, NDR_ERR_ALLOC, "no memory");
	}
	for (i = 0; i < count; i++) {
		NDR_CHECK(pull_cell(ndr, COLUMN_TYPE(columns[i]), kind,
				    &row->cells[i]));
	}
	return NDR_ERR_SUCCESS;
}
