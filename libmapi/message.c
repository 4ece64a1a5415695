/*
 * libmapi: creating, opening, saving and reloading messages (MS-OXCMSG
 * 2.2.3.1 - 2.2.3.3, 2.2.3.7), and the message description their
 * responses carry (MS-OXCROPS 2.2.6.1.2).
 */
#include "message.h"

#include <string.h>
#include "ndr/recipient_row.h"

/* A TypedString (MS-OXCDATA 2.11.3) as UTF-8, NULL for none. */
static const char *typed_string(TALLOC_CTX *mem_ctx,
				const struct TypedString *s)
{
	switch (s->StringType) {
	case TypedString_Empty:
		return talloc_strdup(mem_ctx, "");
	case TypedString_String8:
		return talloc_strdup(mem_ctx, s->String.String8);
	case TypedString_ReducedUnicode:
		return talloc_strdup(mem_ctx, s->String.ReducedUnicode);
	case TypedString_Unicode:
		return talloc_strdup(mem_ctx, s->String.Unicode);
	default:
		return NULL;
	}
}

static enum MAPISTATUS parse_open_row(TALLOC_CTX *mem_ctx,
				      const struct OpenRecipientRow *in,
				      uint32_t position,
				      const uint32_t *columns,
				      uint16_t column_count,
				      struct mapi_recipient *out)
{
	out->row_id = position;
	out->type = in->RecipientType;
	out->remove = false;
	if (recipient_row_parse(mem_ctx, &in->RecipientRow, columns,
				column_count, &out->props, &out->count) !=
	    NDR_ERR_SUCCESS) {
		return MAPI_E_CORRUPT_DATA;
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_message_info_parse(TALLOC_CTX *mem_ctx,
					bool has_named_properties,
					const struct TypedString *prefix,
					const struct TypedString *subject,
					uint16_t recipient_count,
					const uint32_t *columns,
					uint16_t column_count,
					const struct OpenRecipientRow *rows,
					uint8_t row_count,
					struct mapi_message_info **info)
{
	struct mapi_message_info *m = talloc_zero(mem_ctx,
						  struct mapi_message_info);
	enum MAPISTATUS rv = MAPI_E_SUCCESS;
	uint8_t i;

	if (m == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	m->has_named_properties = has_named_properties;
	m->subject_prefix = typed_string(m, prefix);
	m->normalized_subject = typed_string(m, subject);
	m->recipient_count = recipient_count;
	m->column_count = column_count;
	/* one more than the columns: never a zero-sized array */
	m->columns = talloc_zero_array(m, uint32_t, column_count + 1);
	m->rows = talloc_zero_array(m, struct mapi_recipient, row_count + 1);
	if (m->columns == NULL || m->rows == NULL) {
		talloc_free(m);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (column_count != 0) {
		memcpy(m->columns, columns, column_count * sizeof(uint32_t));
	}
	for (i = 0; i < row_count && rv == MAPI_E_SUCCESS; i++) {
		rv = parse_open_row(m->rows, &rows[i], i, columns,
				    column_count, &m->rows[i]);
	}
	if (rv != MAPI_E_SUCCESS) {
		talloc_free(m);
		return rv;
	}
	m->row_count = row_count;
	*info = m;
	return MAPI_E_SUCCESS;
}

/* The info of a response on @a tmp, moved to @a mem_ctx with the
 * response (its strings point into it). */
void mapi_message_info_adopt(TALLOC_CTX *mem_ctx,
			     struct mapi_message_info *info,
			     TALLOC_CTX *response_ctx)
{
	talloc_steal(mem_ctx, info);
	talloc_steal(info, response_ctx);
}

static enum MAPISTATUS parse_info(TALLOC_CTX *mem_ctx, TALLOC_CTX *tmp,
				  const struct MessageRecipientsInfo *r,
				  struct mapi_message_info **info)
{
	enum MAPISTATUS rv;

	rv = mapi_message_info_parse(tmp, r->HasNamedProperties,
				     &r->SubjectPrefix, &r->NormalizedSubject,
				     r->RecipientCount, r->RecipientColumns,
				     r->ColumnCount, r->RecipientRows,
				     r->RowCount, info);
	if (rv == MAPI_E_SUCCESS) {
		mapi_message_info_adopt(mem_ctx, *info, tmp);
	}
	return rv;
}

enum MAPISTATUS mapi_message_create_cp(struct mapi_logon *logon,
				       TALLOC_CTX *mem_ctx, uint32_t parent,
				       uint64_t fid, bool associated,
				       uint16_t code_page, uint32_t *handle)
{
	struct RopRequest req = { .RopId = RopCreateMessage };
	struct RopResponse *resp;

	req.Body.CreateMessage.OutputHandleIndex = 1;
	req.Body.CreateMessage.CodePageId = code_page;
	req.Body.CreateMessage.FolderId = fid;
	req.Body.CreateMessage.AssociatedFlag = associated ? 1 : 0;
	return mapi_logon_rop(logon, mem_ctx, parent, &req, &resp, handle);
}

enum MAPISTATUS mapi_message_create(struct mapi_logon *logon,
				    TALLOC_CTX *mem_ctx, uint32_t parent,
				    uint64_t fid, bool associated,
				    uint32_t *handle)
{
	return mapi_message_create_cp(logon, mem_ctx, parent, fid,
				      associated, MAPI_CODE_PAGE_SESSION,
				      handle);
}

enum MAPISTATUS mapi_message_open(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint32_t parent,
				  uint64_t fid, uint64_t mid, uint8_t mode,
				  uint32_t *handle,
				  struct mapi_message_info **info)
{
	struct RopRequest req = { .RopId = RopOpenMessage };
	struct RopResponse *resp;
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	req.Body.OpenMessage.OutputHandleIndex = 1;
	req.Body.OpenMessage.CodePageId = MAPI_CODE_PAGE_SESSION;
	req.Body.OpenMessage.FolderId = fid;
	req.Body.OpenMessage.OpenModeFlags = mode;
	req.Body.OpenMessage.MessageId = mid;
	rv = mapi_logon_rop(logon, tmp, parent, &req, &resp, handle);
	if (rv == MAPI_E_SUCCESS && info != NULL) {
		rv = parse_info(mem_ctx, tmp,
				&resp->Body.OpenMessage.Data.Success, info);
		if (rv == MAPI_E_SUCCESS) {
			(*info)->mid = mid;
			return rv;
		}
	}
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mapi_message_save(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint32_t handle,
				  uint8_t flags, uint64_t *mid)
{
	struct RopRequest req = { .RopId = RopSaveChangesMessage };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	/* MS-OXCROPS 2.2.6.3.1: ResponseHandleIndex, then InputHandleIndex */
	req.Body.SaveChangesMessage.InputHandleIndex = 0;
	req.Body.SaveChangesMessage.SaveFlags = flags;
	rv = mapi_logon_rop(logon, mem_ctx, handle, &req, &resp, NULL);
	if (rv == MAPI_E_SUCCESS && mid != NULL) {
		*mid = resp->Body.SaveChangesMessage.Data.Success.MessageId;
	}
	return rv;
}

enum MAPISTATUS mapi_message_reload(struct mapi_logon *logon,
				    TALLOC_CTX *mem_ctx, uint32_t handle,
				    struct mapi_message_info **info)
{
	struct RopRequest req = { .RopId = RopReloadCachedInformation };
	struct RopResponse *resp;
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mapi_logon_rop(logon, tmp, handle, &req, &resp, NULL);
	if (rv == MAPI_E_SUCCESS) {
		rv = parse_info(mem_ctx, tmp,
				&resp->Body.ReloadCachedInformation.Data
					 .Success, info);
		if (rv == MAPI_E_SUCCESS) {
			return rv;
		}
	}
	talloc_free(tmp);
	return rv;
}
