/*
   Global object IDs of meeting objects ([MS-OXOCAL] 2.2.1.27)

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
 * @file goid.h
 * @brief The value of PidLidGlobalObjectId and PidLidCleanGlobalObjectId
 * ([MS-OXOCAL] 2.2.1.27, 2.2.1.28): the fixed Byte Array ID, the
 * original date of an exception (YH, YL, M, D; zero for a whole
 * series), the creation time, 8 reserved bytes and the object's data.
 */
#ifndef MAPI_NDR_GOID_H
#define MAPI_NDR_GOID_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include "gen_ndr/mapi_types.h"

/** @brief The size of a global object ID without its data. */
#define MAPI_GOID_HEADER_SIZE 40

/** @brief A global object ID. */
struct mapi_goid {
	uint16_t year;		/**< YH, YL: the exception's year (0) */
	uint8_t month;		/**< M: its month (0 for a series) */
	uint8_t day;		/**< D: its day (0 for a series) */
	uint64_t creation_time;	/**< Creation Time (FILETIME) */
	uint8_t reserved[8];	/**< X */
	uint32_t size;		/**< Size of @a data */
	uint8_t *data;		/**< Data: identifies the object */
};

/**
 * @brief Encode a global object ID.
 * @param mem_ctx	owner of @a data
 * @param in		the ID
 * @param[out] data	the value
 * @param[out] size	its size
 */
enum MAPISTATUS mapi_goid_encode(TALLOC_CTX *mem_ctx,
				 const struct mapi_goid *in,
				 uint8_t **data, size_t *size);

/**
 * @brief Decode a global object ID.
 * @param mem_ctx	owner of the data of @a out
 * @param data		the value
 * @param size		its size
 * @param[out] out	the ID
 * @return MAPI_E_CORRUPT_DATA for another Byte Array ID or a wrong Size
 */
enum MAPISTATUS mapi_goid_decode(TALLOC_CTX *mem_ctx, const uint8_t *data,
				 size_t size, struct mapi_goid *out);

#endif /* MAPI_NDR_GOID_H */
