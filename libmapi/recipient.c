/*
 * libmapi: the recipients of a message (MS-OXCMSG 2.2.3.4 - 2.2.3.6):
 * RopModifyRecipients, RopReadRecipients, RopRemoveAllRecipients, with
 * the RecipientRows built and parsed by libmapi/ndr/recipient_row.c.
 */
#include "message.h"

#include "gen_ndr/ndr_rop_types.h"
#include "ndr/recipient_row.h"

/* RecipientRowSize must be the size of the encoded RecipientRow
 * (MS-OXCROPS 2.2.6.5.1.1). */
static enum MAPISTATUS row_size(TALLOC_CTX *mem_ctx,
				const struct RecipientRow *row,
				uint16_t *size)
{
	struct ndr_push *push = ndr_push_init_ctx(mem_ctx);

	if (push == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	push->flags |= LIBNDR_FLAG_NOALIGN;
	if (ndr_push_RecipientRow(push, NDR_SCALARS, row) != NDR_ERR_SUCCESS ||
	    push->offset > UINT16_MAX) {
		talloc_free(push);
		return MAPI_E_INVALID_PARAMETER;
	}
	*size = push->offset;
	talloc_free(push);
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS build_row(TALLOC_CTX *mem_ctx,
				 const struct mapi_recipient *in,
				 const uint32_t *columns,
				 uint16_t column_count,
				 struct ModifyRecipientRow *out)
{
	out->RowId = in->row_id;
	out->RecipientType = in->type;
	out->RecipientRowSize = 0;
	if (in->remove) {
		return MAPI_E_SUCCESS;
	}
	if (recipient_row_build(mem_ctx, in->props, in->count, columns,
				column_count,
				&out->RecipientRow.RecipientRow) !=
	    NDR_ERR_SUCCESS) {
		return MAPI_E_INVALID_PARAMETER;
	}
	return row_size(mem_ctx, &out->RecipientRow.RecipientRow,
			&out->RecipientRowSize);
}

enum MAPISTATUS mapi_recipients_modify(struct mapi_logon *logon,
				       TALLOC_CTX *mem_ctx, uint32_t handle,
				       const uint32_t *columns,
				       uint16_t column_count,
				       const struct mapi_recipient *rows,
				       uint16_t count)
{
	struct RopRequest req = { .RopId = RopModifyRecipients };
	struct RopModifyRecipients_req *r = &req.Body.ModifyRecipients;
	struct RopResponse *resp;
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	enum MAPISTATUS rv = MAPI_E_SUCCESS;
	uint16_t i;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	r->ColumnCount = column_count;
	r->RecipientColumns = discard_const_p(uint32_t, columns);
	r->RowCount = count;
	r->RecipientRows = talloc_zero_array(tmp, struct ModifyRecipientRow,
					     count + 1);
	if (r->RecipientRows == NULL) {
		rv = MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < count && rv == MAPI_E_SUCCESS; i++) {
		rv = build_row(tmp, &rows[i], columns, column_count,
			       &r->RecipientRows[i]);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_logon_rop(logon, tmp, handle, &req, &resp, NULL);
	}
	talloc_free(tmp);
	return rv;
}

static enum MAPISTATUS parse_read_rows(TALLOC_CTX *mem_ctx,
				       const struct RopReadRecipients_Success
					       *s,
				       const uint32_t *columns,
				       uint16_t column_count,
				       struct mapi_recipient **rows)
{
	struct mapi_recipient *out;
	uint8_t i;

	out = talloc_zero_array(mem_ctx, struct mapi_recipient,
				s->RowCount + 1);
	if (out == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < s->RowCount; i++) {
		out[i].row_id = s->RecipientRows[i].RowId;
		out[i].type = s->RecipientRows[i].RecipientType;
		if (recipient_row_parse(out, &s->RecipientRows[i].RecipientRow,
					columns, column_count, &out[i].props,
					&out[i].count) != NDR_ERR_SUCCESS) {
			talloc_free(out);
			return MAPI_E_CORRUPT_DATA;
		}
	}
	*rows = out;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_recipients_read(struct mapi_logon *logon,
				     TALLOC_CTX *mem_ctx, uint32_t handle,
				     uint32_t row_id, const uint32_t *columns,
				     uint16_t column_count,
				     struct mapi_recipient **rows,
				     uint8_t *count)
{
	struct RopRequest req = { .RopId = RopReadRecipients };
	struct RopResponse *resp;
	const struct RopReadRecipients_Success *s;
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	req.Body.ReadRecipients.RowId = row_id;
	rv = mapi_logon_rop(logon, tmp, handle, &req, &resp, NULL);
	if (rv != MAPI_E_SUCCESS) {
		talloc_free(tmp);
		return rv;
	}
	s = &resp->Body.ReadRecipients.Data.Success;
	rv = parse_read_rows(tmp, s, columns, column_count, rows);
	if (rv != MAPI_E_SUCCESS) {
		talloc_free(tmp);
		return rv;
	}
	/* the rows' strings point into the response: it goes with them */
	talloc_steal(mem_ctx, *rows);
	talloc_steal(*rows, tmp);
	*count = s->RowCount;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_recipients_remove_all(struct mapi_logon *logon,
					   TALLOC_CTX *mem_ctx,
					   uint32_t handle)
{
	struct RopRequest req = { .RopId = RopRemoveAllRecipients };
	struct RopResponse *resp;

	return mapi_logon_rop(logon, mem_ctx, handle, &req, &resp, NULL);
}
