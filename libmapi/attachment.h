/**
 * @file attachment.h
 * @brief libmapi: attachments of a message (MS-OXCMSG 2.2.3.12 -
 * 2.2.3.18).
 *
 * An attachment is numbered in its message (PidTagAttachNumber, the
 * AttachmentID of the ROPs).  Its changes reach the message with
 * mapi_attachment_save(), and the store with the message's
 * mapi_message_save(); an embedded message is saved into its attachment
 * with mapi_message_save() on its own handle.  Every call returns the
 * ROP's ReturnValue, or the transport error.
 */
#ifndef MAPI_ATTACHMENT_H
#define MAPI_ATTACHMENT_H

#include "message.h"
#include "table.h"

/**
 * @brief RopGetAttachmentTable of the message @a message.
 * @param logon		the logon
 * @param mem_ctx	owner of @a table
 * @param message	the message
 * @param[out] table	the open table
 * @param flags	TableFlags: AttachmentTable_UseUnicode or 0
 */
enum MAPISTATUS mapi_attachment_table(struct mapi_logon *logon,
				      TALLOC_CTX *mem_ctx, uint32_t message,
				      uint8_t flags, struct mapi_table **table);

/**
 * @brief RopOpenAttachment of attachment @a num of @a message.
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param message	the message
 * @param num		PidTagAttachNumber (AttachmentID)
 * @param[out] handle	the attachment's handle
 * @param flags	OpenAttachment_ReadOnly, _ReadWrite or _BestAccess
 */
enum MAPISTATUS mapi_attachment_open(struct mapi_logon *logon,
				     TALLOC_CTX *mem_ctx, uint32_t message,
				     uint32_t num, uint8_t flags,
				     uint32_t *handle);

/**
 * @brief RopCreateAttachment on @a message.
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param message	the message
 * @param[out] num	the new attachment's number (AttachmentID)
 * @param[out] handle	its handle
 */
enum MAPISTATUS mapi_attachment_create(struct mapi_logon *logon,
				       TALLOC_CTX *mem_ctx, uint32_t message,
				       uint32_t *num, uint32_t *handle);

/**
 * @brief RopDeleteAttachment of attachment @a num of @a message.
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param message	the message
 * @param num		PidTagAttachNumber (AttachmentID)
 */
enum MAPISTATUS mapi_attachment_delete(struct mapi_logon *logon,
				       TALLOC_CTX *mem_ctx, uint32_t message,
				       uint32_t num);

/**
 * @brief RopSaveChangesAttachment: the attachment's changes into its
 * message.
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param handle	the attachment
 * @param flags	SaveFlags: KeepOpenReadOnly, KeepOpenReadWrite, maybe
 *		| ForceSave
 */
enum MAPISTATUS mapi_attachment_save(struct mapi_logon *logon,
				     TALLOC_CTX *mem_ctx, uint32_t handle,
				     uint8_t flags);

/**
 * @brief RopGetValidAttachments: the numbers of @a message's
 * attachments, on @a mem_ctx.
 * @param logon		the logon
 * @param mem_ctx	owner of @a nums
 * @param message	the message
 * @param[out] nums	the attachments' numbers
 * @param[out] count	entries of @a nums
 */
enum MAPISTATUS mapi_attachments_valid(struct mapi_logon *logon,
				       TALLOC_CTX *mem_ctx, uint32_t message,
				       uint32_t **nums, uint16_t *count);

/**
 * @brief RopOpenEmbeddedMessage: the message attached by the attachment
 * @a attachment (PidTagAttachMethod afEmbeddedMessage).
 * @param logon		the logon
 * @param mem_ctx	owner of @a info
 * @param attachment	the attachment
 * @param[out] handle	the embedded message's handle
 * @param mode	OpenEmbedded_ReadOnly, _ReadWrite, or _Create (makes one
 *		when there is none)
 * @param code_page	CodePageId (MAPI_CODE_PAGE_SESSION: the session's)
 * @param[out] info	the message (MessageId, recipients; may be NULL),
 *			on @a mem_ctx
 */
enum MAPISTATUS mapi_attachment_open_embedded(struct mapi_logon *logon,
					      TALLOC_CTX *mem_ctx,
					      uint32_t attachment, uint8_t mode,
					      uint16_t code_page,
					      uint32_t *handle,
					      struct mapi_message_info **info);

#endif /* MAPI_ATTACHMENT_H */
