/*
 * Helpers shared by the message, recipient, read-flag and attachment ROP
 * files (emsmdb_rop_message.c, emsmdb_rop_recipients.c,
 * emsmdb_rop_read_flags.c, emsmdb_rop_attachment.c).
 */
#ifndef EMSMDB_ROP_MESSAGE_H
#define EMSMDB_ROP_MESSAGE_H

#include "emsmdb.h"
#include "emsmdb_logon.h"

/**
 * @brief The message of a message object.
 * @return ecNullObject when @a o is no message object (MS-OXCMSG
 *	   3.2.5.4-3.2.5.17: "does not refer to a Message object")
 */
enum MAPISTATUS emsmdb_message_of(struct emsmdb_object *o,
				  struct emsmdb_message **m);

/** @brief The folder id of a folder object; ecNullObject for another
 *  kind of object. */
enum MAPISTATUS emsmdb_folder_fid_of(struct emsmdb_object *o, uint64_t *fid);

/**
 * @brief The code page of a CodePageId field (MS-OXCMSG 2.2.3.1.1):
 * 0x0FFF is the logon's (0 is returned), else a Windows code page.
 * @return ecUnknownCodePage for one the server does not know
 */
enum MAPISTATUS emsmdb_message_code_page_of(uint16_t code_page_id,
					    uint32_t *code_page);

/**
 * @brief The response fields RopOpenMessage, RopReloadCachedInformation
 * and RopOpenEmbeddedMessage share (MS-OXCMSG 2.2.3.1.2): subject parts,
 * named properties, the recipient count, columns and as many rows as fit
 * in what is left of the response buffer after @a fixed bytes.
 */
enum MAPISTATUS emsmdb_message_header(struct emsmdb_rop_call *call,
				      struct emsmdb_message *m, size_t fixed,
				      uint8_t *has_named,
				      struct TypedString *prefix,
				      struct TypedString *normalized,
				      uint16_t *recipient_count,
				      uint16_t *column_count,
				      uint32_t **columns, uint8_t *row_count,
				      struct OpenRecipientRow **rows);

/** @brief Make the output message object of the call (a child of
 *  @a parent); @a m moves to it. */
enum MAPISTATUS emsmdb_message_new_object(struct emsmdb_rop_call *call,
					  struct emsmdb_object *parent,
					  struct emsmdb_message *m);

#endif /* EMSMDB_ROP_MESSAGE_H */
