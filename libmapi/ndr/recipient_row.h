/**
 * @file recipient_row.h
 * @brief RecipientRow structures (MS-OXCDATA 2.8.3) to and from the
 * properties of a recipient.
 *
 * A RecipientRow carries the standard properties of a recipient in
 * fixed fields announced by RecipientFlags, then the values of the
 * recipient columns as a PropertyRow (2.8.1).  IDL cannot tie the row to
 * its columns, so this is the one hand-written place for it; the server
 * (RopOpenMessage, RopReadRecipients, RopModifyRecipients) and the
 * client use it alike.
 *
 * The standard properties and the fields they travel in:
 * - PidTagAddressType: the Type of RecipientFlags ("EX" X500DN, "SMTP",
 *   "MSMAIL", "FAX", "PROFS", "MAPIPDL" for the personal distribution
 *   lists), any other as AddressType with the O flag;
 * - PidTagEmailAddress: X500DN for "EX", else EmailAddress (E);
 * - PidTagDisplayType: DisplayType (X500DN recipients);
 * - PidTagEntryId, PidTagSearchKey: EntryId, SearchKey (distribution
 *   lists);
 * - PidTagDisplayName (D), PidTagAddressBookDisplayNamePrintable
 *   (SimpleDisplayName, I), PidTagTransmittableDisplayName (T, or S when
 *   it equals the display name);
 * - PidTagResponsibility (R), PidTagSendRichInfo (N when false).
 */
#ifndef LIBMAPI_NDR_RECIPIENT_ROW_H
#define LIBMAPI_NDR_RECIPIENT_ROW_H

#include <stdbool.h>
#include <stdint.h>
#include <ndr.h>
#include "gen_ndr/rop_types.h"

/** PidTagResponsibility */
#define RECIPIENT_PidTagResponsibility		0x0E0F000B
/** PidTagRecipientType */
#define RECIPIENT_PidTagRecipientType		0x0C150003
/** PidTagEntryId */
#define RECIPIENT_PidTagEntryId			0x0FFF0102
/** PidTagInstanceKey */
#define RECIPIENT_PidTagInstanceKey		0x0FF60102
/** PidTagRowid */
#define RECIPIENT_PidTagRowid			0x30000003
/** PidTagDisplayName */
#define RECIPIENT_PidTagDisplayName		0x3001001F
/** PidTagAddressType */
#define RECIPIENT_PidTagAddressType		0x3002001F
/** PidTagEmailAddress */
#define RECIPIENT_PidTagEmailAddress		0x3003001F
/** PidTagSearchKey */
#define RECIPIENT_PidTagSearchKey		0x300B0102
/** PidTagDisplayType */
#define RECIPIENT_PidTagDisplayType		0x39000003
/** PidTagSimpleDisplayName */
#define RECIPIENT_PidTagSimpleDisplayName	0x39FF001F
/** PidTagTransmittableDisplayName */
#define RECIPIENT_PidTagTransmittableDisplayName 0x3A20001F
/** PidTagSendRichInfo */
#define RECIPIENT_PidTagSendRichInfo		0x3A40000B

/**
 * @brief Whether the property (by id) travels in the fixed fields of a
 * RecipientRow or around it (PidTagRecipientType, PidTagRowid,
 * PidTagInstanceKey): such properties are no recipient columns
 * (MS-OXCMSG 2.2.3.5.1).
 */
bool recipient_row_is_standard(uint32_t tag);

/**
 * @brief Build the RecipientRow of a recipient.
 *
 * Strings go as Unicode (the U flag); values of @a props may be
 * PT_UNICODE or PT_STRING8 (taken as UTF-8).  RecipientProperties holds
 * one cell per column of @a columns (a flagged row when a value is
 * missing); RecipientColumnCount is @a column_count.
 *
 * @return NDR_ERR_SUCCESS, or an error for a value a column cannot hold
 */
enum ndr_err_code recipient_row_build(TALLOC_CTX *mem_ctx,
				      const struct TaggedPropertyValue *props,
				      uint32_t count, const uint32_t *columns,
				      uint16_t column_count,
				      struct RecipientRow *row);

/**
 * @brief The properties of a RecipientRow: the fixed fields and the
 * values of its first RecipientColumnCount columns (of @a columns, which
 * has @a column_count).  Strings come as PT_UNICODE with the U flag,
 * PT_STRING8 (the sender's code page) without; missing cells are left
 * out.
 *
 * @return NDR_ERR_SUCCESS, or an error for a malformed row or one with
 *	   more columns than @a column_count
 */
enum ndr_err_code recipient_row_parse(TALLOC_CTX *mem_ctx,
				      const struct RecipientRow *row,
				      const uint32_t *columns,
				      uint16_t column_count,
				      struct TaggedPropertyValue **props,
				      uint32_t *count);

#endif /* LIBMAPI_NDR_RECIPIENT_ROW_H */
