/*
   One-off entry IDs ([MS-OXCDATA] 2.2.5.1)

   Copyright (C) the sambamapi authors

   This program is free software; you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation; either version 3 of the License, or
   (at your option) any later version.

   This program is distributed in the hope that it will be useful,
   but WITHOUT ANY WARRANTY; without even the implied warranty of
   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
   GNU General Public License for more details.

   You should have received a copy of the GNU General Public License
   along with this program.  If not, see <http://www.gnu.org/licenses/>.
*/

/**
 * @file oneoff.h
 * @brief One-off entry IDs ([MS-OXCDATA] 2.2.5.1): a recipient that is
 * not in the address book, named by its display name, address type and
 * address (PidTagEntryId of such recipients, PidLidEmail1OriginalEntryId
 * of contacts).
 */
#ifndef MAPI_NDR_ONEOFF_H
#define MAPI_NDR_ONEOFF_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include "gen_ndr/mapi_types.h"

/** @brief Flags of a one-off entry ID (the 16-bit field after
 *  Version, little-endian): the strings are UTF-16LE (U). */
#define MAPI_ONEOFF_UNICODE	0x8000
/** @brief Flags: send without rich content, as MIME (M). */
#define MAPI_ONEOFF_NO_RICH_INFO 0x0001

/** @brief What a one-off entry ID says. */
struct mapi_oneoff {
	uint16_t flags;			/**< MAPI_ONEOFF_* */
	const char *display_name;	/**< DisplayName (UTF-8) */
	const char *address_type;	/**< AddressType ("SMTP") */
	const char *address;		/**< EmailAddress */
};

/**
 * @brief A one-off entry ID, with Unicode strings (MAPI_ONEOFF_UNICODE
 * is added to @a in's flags).
 * @param mem_ctx	owner of @a data
 * @param in		the recipient
 * @param[out] data	the entry ID
 * @param[out] size	its size
 */
enum MAPISTATUS mapi_oneoff_encode(TALLOC_CTX *mem_ctx,
				   const struct mapi_oneoff *in,
				   uint8_t **data, size_t *size);

/**
 * @brief Read a one-off entry ID (Unicode or 8-bit strings).
 * @param mem_ctx	owner of the strings of @a out
 * @param data		the entry ID
 * @param size		its size
 * @param[out] out	the recipient
 * @return MAPI_E_CORRUPT_DATA when it is no one-off entry ID
 */
enum MAPISTATUS mapi_oneoff_decode(TALLOC_CTX *mem_ctx, const uint8_t *data,
				   size_t size, struct mapi_oneoff *out);

#endif /* MAPI_NDR_ONEOFF_H */
