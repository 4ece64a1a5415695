/*
 * libmapi: attachments of a message and embedded messages (MS-OXCMSG
 * 2.2.3.12 - 2.2.3.18).
 */
#include "attachment.h"

enum MAPISTATUS mapi_attachment_table(struct mapi_logon *logon,
				      TALLOC_CTX *mem_ctx, uint32_t message,
				      uint8_t flags, struct mapi_table **table)
{
	struct RopRequest req = { .RopId = RopGetAttachmentTable };
	struct RopResponse *resp;

	req.Body.GetAttachmentTable.OutputHandleIndex = 1;
	req.Body.GetAttachmentTable.TableFlags = flags;
	return mapi_table_open(logon, mem_ctx, message, &req, &resp, table);
}

enum MAPISTATUS mapi_attachment_open(struct mapi_logon *logon,
				     TALLOC_CTX *mem_ctx, uint32_t message,
				     uint32_t num, uint8_t flags,
				     uint32_t *handle)
{
	struct RopRequest req = { .RopId = RopOpenAttachment };
	struct RopResponse *resp;

	req.Body.OpenAttachment.OutputHandleIndex = 1;
	req.Body.OpenAttachment.OpenAttachmentFlags = flags;
	req.Body.OpenAttachment.AttachmentID = num;
	return mapi_logon_rop(logon, mem_ctx, message, &req, &resp, handle);
}

enum MAPISTATUS mapi_attachment_create(struct mapi_logon *logon,
				       TALLOC_CTX *mem_ctx, uint32_t message,
				       uint32_t *num, uint32_t *handle)
{
	struct RopRequest req = { .RopId = RopCreateAttachment };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	req.Body.CreateAttachment.OutputHandleIndex = 1;
	rv = mapi_logon_rop(logon, mem_ctx, message, &req, &resp, handle);
	if (rv == MAPI_E_SUCCESS) {
		*num = resp->Body.CreateAttachment.Data.AttachmentID;
	}
	return rv;
}

enum MAPISTATUS mapi_attachment_delete(struct mapi_logon *logon,
				       TALLOC_CTX *mem_ctx, uint32_t message,
				       uint32_t num)
{
	struct RopRequest req = { .RopId = RopDeleteAttachment };
	struct RopResponse *resp;

	req.Body.DeleteAttachment.AttachmentID = num;
	return mapi_logon_rop(logon, mem_ctx, message, &req, &resp, NULL);
}

enum MAPISTATUS mapi_attachment_save(struct mapi_logon *logon,
				     TALLOC_CTX *mem_ctx, uint32_t handle,
				     uint8_t flags)
{
	struct RopRequest req = { .RopId = RopSaveChangesAttachment };
	struct RopResponse *resp;

	/* MS-OXCROPS 2.2.6.15.1: ResponseHandleIndex, then InputHandleIndex */
	req.Body.SaveChangesAttachment.InputHandleIndex = 0;
	req.Body.SaveChangesAttachment.SaveFlags = flags;
	return mapi_logon_rop(logon, mem_ctx, handle, &req, &resp, NULL);
}

enum MAPISTATUS mapi_attachments_valid(struct mapi_logon *logon,
				       TALLOC_CTX *mem_ctx, uint32_t message,
				       uint32_t **nums, uint16_t *count)
{
	struct RopRequest req = { .RopId = RopGetValidAttachments };
	struct RopResponse *resp;
	const struct RopGetValidAttachments_Success *s;
	enum MAPISTATUS rv;

	rv = mapi_logon_rop(logon, mem_ctx, message, &req, &resp, NULL);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	s = &resp->Body.GetValidAttachments.Data.Success;
	*count = s->AttachmentIdCount;
	*nums = s->AttachmentIdArray;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS parse_embedded(TALLOC_CTX *mem_ctx, TALLOC_CTX *tmp,
				      const struct
				      RopOpenEmbeddedMessage_Success *s,
				      struct mapi_message_info **info)
{
	enum MAPISTATUS rv;

	rv = mapi_message_info_parse(tmp, s->HasNamedProperties,
				     &s->SubjectPrefix, &s->NormalizedSubject,
				     s->RecipientCount, s->RecipientColumns,
				     s->ColumnCount, s->RecipientRows,
				     s->RowCount, info);
	if (rv == MAPI_E_SUCCESS) {
		(*info)->mid = s->MessageId;
		mapi_message_info_adopt(mem_ctx, *info, tmp);
	}
	return rv;
}

enum MAPISTATUS mapi_attachment_open_embedded(struct mapi_logon *logon,
					      TALLOC_CTX *mem_ctx,
					      uint32_t attachment, uint8_t mode,
					      uint16_t code_page,
					      uint32_t *handle,
					      struct mapi_message_info **info)
{
	struct RopRequest req = { .RopId = RopOpenEmbeddedMessage };
	struct RopResponse *resp;
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	req.Body.OpenEmbeddedMessage.OutputHandleIndex = 1;
	req.Body.OpenEmbeddedMessage.CodePageId = code_page;
	req.Body.OpenEmbeddedMessage.OpenModeFlags = mode;
	rv = mapi_logon_rop(logon, tmp, attachment, &req, &resp, handle);
	if (rv == MAPI_E_SUCCESS && info != NULL) {
		rv = parse_embedded(mem_ctx, tmp,
				    &resp->Body.OpenEmbeddedMessage.Data
					     .Success, info);
		if (rv == MAPI_E_SUCCESS) {
			return rv;
		}
	}
	talloc_free(tmp);
	return rv;
}
