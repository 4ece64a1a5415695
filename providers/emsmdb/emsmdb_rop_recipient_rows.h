/*
 * The recipients of a message object on the wire: OpenRecipientRow and
 * ReadRecipientRow structures built from the store's recipient rows, and
 * ModifyRecipientRow structures applied to them (MS-OXCROPS 2.2.6.1,
 * 2.2.6.5, 2.2.6.6; MS-OXCDATA 2.8.3).  The RecipientRow itself is
 * libmapi/ndr/recipient_row.c.
 */
#ifndef EMSMDB_ROP_RECIPIENT_ROWS_H
#define EMSMDB_ROP_RECIPIENT_ROWS_H

#include "emsmdb_logon.h"

/* CodePageId of the rows this server sends: their strings are Unicode
 * (1200, UTF-16LE) */
#define EMSMDB_RECIPIENT_CODE_PAGE 1200

/* Response bytes recipient rows take at most, leaving the rest of the
 * ROP output buffer to the ROPs after (MS-OXCMSG 3.2.5.1: "as many as
 * fit") */
#define EMSMDB_RECIPIENT_ROOM 0x4000

/**
 * @brief The recipient columns to announce for @a m: the properties its
 * recipients have beyond the standard ones (MS-OXCMSG 2.2.3.1.2
 * RecipientColumns), in the order met; remembered in @a m for
 * RopReadRecipients.
 */
enum MAPISTATUS emsmdb_recipients_columns(struct emsmdb_rop_call *call,
					  struct emsmdb_message *m);

/**
 * @brief OpenRecipientRows of the recipients from index @a first, as many
 * as fit in @a room bytes (at most @a max), for the columns of @a m.
 * @param[out] rows on the call's context
 */
enum MAPISTATUS emsmdb_recipients_open_rows(struct emsmdb_rop_call *call,
					    struct emsmdb_message *m,
					    size_t room, uint8_t max,
					    struct OpenRecipientRow **rows,
					    uint8_t *count);

/**
 * @brief RopReadRecipients rows from the recipient @a row_id (0: the
 * first) that fit in @a room bytes (MS-OXCMSG 3.2.5.6).
 * @return MAPI_E_NOT_FOUND when there is no recipient @a row_id (or none
 *	   at all), ecBufferTooSmall when not even one fits
 */
enum MAPISTATUS emsmdb_recipients_read_rows(struct emsmdb_rop_call *call,
					    struct emsmdb_message *m,
					    uint32_t row_id, size_t room,
					    struct ReadRecipientRow **rows,
					    uint8_t *count);

/**
 * @brief Apply the rows of RopModifyRecipients (MS-OXCMSG 3.2.5.5) to the
 * message in memory: a RowId present is replaced, a new one added, a
 * row without RecipientRow deletes its recipient.
 */
enum MAPISTATUS emsmdb_recipients_modify(struct emsmdb_rop_call *call,
					 struct emsmdb_message *m,
					 const struct RopModifyRecipients_req
						 *req);

#endif /* EMSMDB_ROP_RECIPIENT_ROWS_H */
