/**
 * @file message.h
 * @brief libmapi: messages of a logon (MS-OXCMSG): creating, opening and
 * saving them, their read flags and status, and their recipients.
 *
 * Each call sends one ROP and returns its ReturnValue, or the transport
 * error.  Handles are the server's object handles; mapi_object_release()
 * (folder.h) frees one.  Attachments are in attachment.h.
 */
#ifndef MAPI_MESSAGE_H
#define MAPI_MESSAGE_H

#include "logon.h"

/** @brief CodePageId asking for the session's code page (MS-OXCMSG
 *  2.2.3.2.1: 0x0FFF). */
#define MAPI_CODE_PAGE_SESSION 0x0FFF

/**
 * @brief One recipient: what a RecipientRow carries (MS-OXCDATA 2.8.3),
 * as properties.
 *
 * The standard properties (PidTagDisplayName, PidTagEmailAddress,
 * PidTagAddressType, PidTagEntryId, ..., see libmapi/ndr/recipient_row.h)
 * travel in the row's fixed fields, the others as its recipient columns.
 */
struct mapi_recipient {
	/** RowId; rows of RopOpenMessage carry none, they get their
	 *  position (the server sends them in RowId order) */
	uint32_t row_id;
	/** RecipientType: 1 To, 2 Cc, 3 Bcc, maybe with 0x10 (resend) or
	 *  0x80 (already sent), MS-OXCMSG 2.2.3.1.2 */
	uint8_t type;
	/** RopModifyRecipients: remove the recipient row_id (no row is
	 *  sent, RecipientRowSize 0) */
	bool remove;
	struct TaggedPropertyValue *props;	/**< its properties */
	uint32_t count;				/**< their number */
};

/**
 * @brief A message as RopOpenMessage, RopReloadCachedInformation and
 * RopOpenEmbeddedMessage describe it (MS-OXCROPS 2.2.6.1.2).
 */
struct mapi_message_info {
	uint64_t mid;			/**< MessageId */
	bool has_named_properties;	/**< HasNamedProperties */
	const char *subject_prefix;	/**< UTF-8, NULL when none */
	const char *normalized_subject;	/**< UTF-8, NULL when none */
	uint16_t recipient_count;	/**< RecipientCount: all of them */
	uint32_t *columns;		/**< RecipientColumns */
	uint16_t column_count;		/**< ColumnCount */
	struct mapi_recipient *rows;	/**< the rows that fit, parsed */
	uint8_t row_count;		/**< RowCount */
};

/**
 * @brief RopCreateMessage in @a fid (through @a parent, a folder or the
 * logon), in the session's code page.
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param parent	handle of the folder or the logon
 * @param fid		folder ID of the new message's folder
 * @param associated	a folder associated information (FAI) message
 * @param[out] handle	the new message's handle
 */
enum MAPISTATUS mapi_message_create(struct mapi_logon *logon,
				    TALLOC_CTX *mem_ctx, uint32_t parent,
				    uint64_t fid, bool associated,
				    uint32_t *handle);

/**
 * @brief RopCreateMessage with a CodePageId: the code page of the
 * message's string8 properties.
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param parent	handle of the folder or the logon
 * @param fid		folder ID of the new message's folder
 * @param associated	a folder associated information (FAI) message
 * @param code_page	CodePageId (MAPI_CODE_PAGE_SESSION: the session's)
 * @param[out] handle	the new message's handle
 */
enum MAPISTATUS mapi_message_create_cp(struct mapi_logon *logon,
				       TALLOC_CTX *mem_ctx, uint32_t parent,
				       uint64_t fid, bool associated,
				       uint16_t code_page, uint32_t *handle);

/**
 * @brief RopOpenMessage of @a mid in @a fid, through @a parent (a folder
 * or the logon).
 * @param logon		the logon
 * @param mem_ctx	owner of @a info
 * @param parent	handle of the folder or the logon
 * @param fid		folder ID of the message's folder
 * @param mid		message ID
 * @param mode		OpenModeFlags: OpenMessage_ReadOnly, _ReadWrite,
 *			_BestAccess, maybe | OpenMessage_OpenSoftDeleted
 * @param[out] info	the message and its first recipients (may be
 *			NULL), on @a mem_ctx
 * @param[out] handle	the message's handle
 */
enum MAPISTATUS mapi_message_open(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint32_t parent,
				  uint64_t fid, uint64_t mid, uint8_t mode,
				  uint32_t *handle,
				  struct mapi_message_info **info);

/**
 * @brief RopSaveChangesMessage.
 *
 * MAPI_E_OBJECT_CHANGED (ecObjectModified): another handle saved the
 * message since this one opened it, and ForceSave was not asked;
 * MAPI_E_OBJECT_DELETED: the message was deleted meanwhile.
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param handle	the message
 * @param flags		SaveFlags: KeepOpenReadOnly, KeepOpenReadWrite,
 *			maybe | ForceSave
 * @param[out] mid	the message's MessageId (may be NULL)
 */
enum MAPISTATUS mapi_message_save(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint32_t handle,
				  uint8_t flags, uint64_t *mid);

/**
 * @brief RopReloadCachedInformation: what RopOpenMessage returned, as
 * the message stands on its handle.
 * @param logon		the logon
 * @param mem_ctx	owner of @a info
 * @param handle	the message
 * @param[out] info	the message and its first recipients
 */
enum MAPISTATUS mapi_message_reload(struct mapi_logon *logon,
				    TALLOC_CTX *mem_ctx, uint32_t handle,
				    struct mapi_message_info **info);

/** @brief The outcome of RopSetMessageReadFlag. */
struct mapi_read_flag_result {
	/** ReadStatusChanged: only a public folders logon reports it */
	bool changed;
	uint8_t client_data[24];	/**< ClientData echoed, if changed */
};

/**
 * @brief RopSetMessageReadFlag on the message @a handle, in the request
 * layout of the logon's kind (a public folders logon sends
 * @a client_data, MS-OXCROPS 2.2.6.11.1).
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param handle	the message
 * @param flags		ReadFlags (rfDefault, rfSuppressReceipt, ...)
 * @param client_data	24 bytes, public logons only (NULL: zeros)
 * @param[out] result	may be NULL
 */
enum MAPISTATUS mapi_message_set_read_flag(struct mapi_logon *logon,
					   TALLOC_CTX *mem_ctx,
					   uint32_t handle, uint8_t flags,
					   const uint8_t *client_data,
					   struct mapi_read_flag_result
						   *result);

/**
 * @brief RopSetReadFlags on the messages @a mids of the folder @a folder.
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param folder	handle of the folder
 * @param flags		ReadFlags (rfDefault, rfClearReadFlag, ...)
 * @param mids		message IDs
 * @param count		entries of @a mids
 * @param[out] partial	PartialCompletion (may be NULL)
 */
enum MAPISTATUS mapi_messages_set_read_flags(struct mapi_logon *logon,
					     TALLOC_CTX *mem_ctx,
					     uint32_t folder, uint8_t flags,
					     const uint64_t *mids,
					     uint16_t count, bool *partial);

/**
 * @brief RopGetMessageStatus of @a mid in the folder @a folder.
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param folder	handle of the folder
 * @param mid		message ID
 * @param[out] status	PidTagMessageStatus (msInConflict, ...)
 */
enum MAPISTATUS mapi_message_get_status(struct mapi_logon *logon,
					TALLOC_CTX *mem_ctx, uint32_t folder,
					uint64_t mid, uint32_t *status);

/**
 * @brief RopSetMessageStatus: the bits of @a mask take those of
 * @a status (MS-OXCMSG 3.2.5.8).
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param folder	handle of the folder
 * @param mid		message ID
 * @param status	the new bits
 * @param mask		which bits change
 * @param[out] old	the status before (may be NULL)
 */
enum MAPISTATUS mapi_message_set_status(struct mapi_logon *logon,
					TALLOC_CTX *mem_ctx, uint32_t folder,
					uint64_t mid, uint32_t status,
					uint32_t mask, uint32_t *old);

/**
 * @brief RopModifyRecipients: add, replace or (mapi_recipient.remove)
 * remove recipients, by RowId.
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param handle	the message
 * @param columns	RecipientColumns: the other properties the rows
 *			carry (no standard ones, MS-OXCMSG 2.2.3.5.1)
 * @param column_count	entries of @a columns
 * @param rows		the recipients
 * @param count		entries of @a rows
 */
enum MAPISTATUS mapi_recipients_modify(struct mapi_logon *logon,
				       TALLOC_CTX *mem_ctx, uint32_t handle,
				       const uint32_t *columns,
				       uint16_t column_count,
				       const struct mapi_recipient *rows,
				       uint16_t count);

/**
 * @brief RopReadRecipients from RowId @a row_id (0: the first) on: as
 * many rows as fit.
 * @param logon		the logon
 * @param mem_ctx	owner of @a rows
 * @param handle	the message
 * @param row_id	the first RowId
 * @param columns	the recipient columns the server uses: those of the
 *			last RopOpenMessage/RopReloadCachedInformation or
 *			RopModifyRecipients on this handle
 * @param column_count	entries of @a columns
 * @param[out] rows	on @a mem_ctx
 * @param[out] count	entries of @a rows
 */
enum MAPISTATUS mapi_recipients_read(struct mapi_logon *logon,
				     TALLOC_CTX *mem_ctx, uint32_t handle,
				     uint32_t row_id, const uint32_t *columns,
				     uint16_t column_count,
				     struct mapi_recipient **rows,
				     uint8_t *count);

/**
 * @brief RopRemoveAllRecipients.
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param handle	the message
 */
enum MAPISTATUS mapi_recipients_remove_all(struct mapi_logon *logon,
					   TALLOC_CTX *mem_ctx,
					   uint32_t handle);

/**
 * @brief The message description of a response, parsed on @a mem_ctx:
 * @a rows (OpenRecipientRow of RopOpenMessage and alike) over
 * @a columns; RowIds are the positions.  Strings stay in the response
 * (see mapi_message_info_adopt()).
 * @param mem_ctx		owner of @a info
 * @param has_named_properties	HasNamedProperties
 * @param prefix		SubjectPrefix
 * @param subject		NormalizedSubject
 * @param recipient_count	RecipientCount
 * @param columns		RecipientColumns
 * @param column_count		ColumnCount
 * @param rows			RecipientRows
 * @param row_count		RowCount
 * @param[out] info		the message
 */
enum MAPISTATUS mapi_message_info_parse(TALLOC_CTX *mem_ctx,
					bool has_named_properties,
					const struct TypedString *prefix,
					const struct TypedString *subject,
					uint16_t recipient_count,
					const uint32_t *columns,
					uint16_t column_count,
					const struct OpenRecipientRow *rows,
					uint8_t row_count,
					struct mapi_message_info **info);

/**
 * @brief Move @a info to @a mem_ctx, and @a response_ctx (where the
 * response it was parsed from lives: its strings point there) under it.
 * @param mem_ctx	the new owner of @a info
 * @param info		the message
 * @param response_ctx	context of the response
 */
void mapi_message_info_adopt(TALLOC_CTX *mem_ctx,
			     struct mapi_message_info *info,
			     TALLOC_CTX *response_ctx);

#endif /* MAPI_MESSAGE_H */
