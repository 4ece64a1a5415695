/*
   Compressed RTF: the PidTagRtfCompressed format ([MS-OXRTFCP])

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
 * @file rtfcp.h
 * @brief The RTF compression format of PidTagRtfCompressed
 * ([MS-OXRTFCP]), both directions.
 *
 * A value is a 16-byte header (COMPSIZE, RAWSIZE, COMPTYPE, CRC, all
 * little-endian) and its CONTENTS: the RTF itself ("MELA",
 * uncompressed) or an LZ77 stream whose dictionary starts with a fixed
 * RTF string ("LZFu", compressed; [MS-OXRTFCP] 2.1.3.1).
 */
#ifndef __LIBMAPI_NDR_RTFCP_H__
#define __LIBMAPI_NDR_RTFCP_H__

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>
#include "gen_ndr/mapi_types.h"

/** Size of the header ([MS-OXRTFCP] 2.1.3.1.1). */
#define MAPI_RTFCP_HEADER_SIZE	16
/** COMPTYPE of compressed contents: "LZFu". */
#define MAPI_RTFCP_COMPRESSED	0x75465A4CU
/** COMPTYPE of uncompressed contents: "MELA". */
#define MAPI_RTFCP_UNCOMPRESSED	0x414C454DU
/** Largest RTF accepted for compression (the header's sizes are 32-bit
 *  and the compressed form may be an eighth larger than its input). */
#define MAPI_RTFCP_MAX_RAW	0x7FFFFFFFU

/**
 * @brief The CRC of [MS-OXRTFCP] 2.1.3.2 over @p len bytes.
 *
 * The CRC-32 table of polynomial 0xEDB88320, started from @p crc (0 for
 * a new CONTENTS field) and without a final inversion.  Chunks can be
 * chained: crc(a + b) == mapi_rtfcp_crc(mapi_rtfcp_crc(0, a), b).
 */
uint32_t mapi_rtfcp_crc(uint32_t crc, const uint8_t *data, size_t len);

/**
 * @brief Wrap RTF into a PidTagRtfCompressed value.
 *
 * With @p compress, the LZ compression of [MS-OXRTFCP] 2.3.3.2: the
 * dictionary is preloaded with the spec's initial string, every token is
 * the longest match the dictionary holds (at most 17 bytes, at least 2;
 * among equally long matches the one written longest ago), and the
 * stream ends with the reference to the write position.  Without it, a
 * "MELA" value with the RTF as it is and a CRC of 0.
 *
 * The output is a pure function of the input; it is thread safe and
 * allocates about 40 KB of match-finder state for the call.
 *
 * @param mem_ctx	owner of @p out
 * @param rtf		the RTF (any bytes; may be NULL when @p len is 0)
 * @param len		its length
 * @param compress	true: "LZFu"; false: "MELA"
 * @param[out] out	the value (header and contents)
 * @param[out] out_len	its length
 * @return MAPI_E_SUCCESS, MAPI_E_TOO_BIG when @p len exceeds
 *	   MAPI_RTFCP_MAX_RAW, MAPI_E_INVALID_PARAMETER, or
 *	   MAPI_E_NOT_ENOUGH_MEMORY
 */
enum MAPISTATUS mapi_rtfcp_compress(TALLOC_CTX *mem_ctx, const uint8_t *rtf,
				    size_t len, bool compress, uint8_t **out,
				    size_t *out_len);

/**
 * @brief Unwrap a PidTagRtfCompressed value into its RTF.
 *
 * Checks, each failing with MAPI_E_CORRUPT_DATA (and a DEBUG level 3
 * message saying which): a value shorter than the header; COMPSIZE
 * below 12 or beyond the value; an unknown COMPTYPE; for "LZFu" a CRC
 * that does not match the CONTENTS, a RAWSIZE that CONTENTS of this size
 * cannot produce, a token cut short by the end of CONTENTS, or an output
 * that differs from RAWSIZE; for "MELA" a RAWSIZE beyond the CONTENTS.
 * Bytes after COMPSIZE and after the end reference are ignored (the
 * spec's PADDING).  Allocation never exceeds what the value can really
 * expand to (at most about 8.5 times its size).
 *
 * @param mem_ctx	owner of @p rtf
 * @param in		the value
 * @param len		its length
 * @param[out] rtf	the RTF, NUL-terminated for convenience
 * @param[out] rtf_len	its length without the NUL
 * @return MAPI_E_SUCCESS, MAPI_E_CORRUPT_DATA, MAPI_E_INVALID_PARAMETER
 *	   or MAPI_E_NOT_ENOUGH_MEMORY
 */
enum MAPISTATUS mapi_rtfcp_decompress(TALLOC_CTX *mem_ctx, const uint8_t *in,
				      size_t len, uint8_t **rtf,
				      size_t *rtf_len);

#endif /* __LIBMAPI_NDR_RTFCP_H__ */
