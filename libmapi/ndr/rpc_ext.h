/*
   EMSMDB extended buffers: RPC_HEADER_EXT framing, compression and
   obfuscation of rgbIn/rgbOut/rgbAuxIn/rgbAuxOut payloads

   [MS-OXCRPC] 2.2.2.1 (RPC_HEADER_EXT) and 3.1.4.1.1 (extended buffer
   handling; numbered 3.1.7 in older revisions).

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

#ifndef __LIBMAPI_NDR_RPC_EXT_H__
#define __LIBMAPI_NDR_RPC_EXT_H__

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

/** The payload is LZ77/DIRECT2 compressed; SizeActual is its size once
 *  decompressed ([MS-OXCRPC] 2.2.2.1) */
#define RHEF_COMPRESSED		0x0001
/** The payload is XORed with 0xA5 ([MS-OXCRPC] 3.1.4.1.1.3) */
#define RHEF_XORMAGIC		0x0002
/** No RPC_HEADER_EXT follows this payload */
#define RHEF_LAST		0x0004

/** Size of RPC_HEADER_EXT on the wire */
#define RPC_HEADER_EXT_SIZE	8
/** The only defined value of RPC_HEADER_EXT.Version */
#define RPC_HEADER_EXT_VERSION	0x0000
/** Largest payload one header can describe: Size and SizeActual are
 *  16-bit fields */
#define RPC_HEADER_EXT_MAX_PAYLOAD	0xFFFF
/** Protocol limit for one (uncompressed) payload: [MS-OXCRPC] 3.1.4.1.1
 *  "A single payload MUST NOT exceed 32 KB in size"; the usual value for
 *  the max_payload argument of mapi_rpc_ext_decode() */
#define RPC_EXT_SPEC_MAX_PAYLOAD	0x8000

/**
 * @brief RPC_HEADER_EXT, [MS-OXCRPC] 2.2.2.1 (all fields little-endian).
 */
struct rpc_header_ext {
	uint16_t version;	/**< MUST be 0x0000 */
	uint16_t flags;		/**< RHEF_* */
	uint16_t size;		/**< bytes of payload following the header */
	uint16_t size_actual;	/**< payload size after decompression */
};

/**
 * @brief One decoded payload (a ROP or auxiliary buffer).
 *
 * @c data is a talloc child of the array returned by mapi_rpc_ext_decode()
 * and holds @c length bytes, already de-obfuscated and decompressed.
 */
struct mapi_rpc_ext_payload {
	uint8_t *data;		/**< the payload's bytes */
	size_t length;		/**< their number */
	uint16_t flags;		/**< RHEF_* as received, for information */
};

/**
 * @brief Result codes of the extended buffer functions.
 */
enum mapi_rpc_ext_status {
	MAPI_RPC_EXT_OK = 0,
	/** fewer than 8 bytes left where a header must start */
	MAPI_RPC_EXT_ERR_TRUNCATED_HEADER,
	/** Version is not 0x0000 */
	MAPI_RPC_EXT_ERR_BAD_VERSION,
	/** Flags has bits other than Compressed, XorMagic and Last */
	MAPI_RPC_EXT_ERR_BAD_FLAGS,
	/** Size goes past the end of the buffer */
	MAPI_RPC_EXT_ERR_SIZE_BEYOND_BUFFER,
	/** not compressed, but Size differs from SizeActual */
	MAPI_RPC_EXT_ERR_SIZE_MISMATCH,
	/** SizeActual is above the caller's per-payload limit, or a payload
	 *  to encode is above RPC_HEADER_EXT_MAX_PAYLOAD */
	MAPI_RPC_EXT_ERR_PAYLOAD_TOO_BIG,
	/** the payloads together are above the caller's total limit */
	MAPI_RPC_EXT_ERR_TOTAL_TOO_BIG,
	/** corrupt compressed data, or it does not yield SizeActual bytes */
	MAPI_RPC_EXT_ERR_DECOMPRESS,
	/** the buffer ends without a header that has Last set */
	MAPI_RPC_EXT_ERR_MISSING_LAST,
	/** bytes follow the payload of the header that has Last set */
	MAPI_RPC_EXT_ERR_TRAILING_DATA,
	/** encoding would make the output longer than the caller's limit */
	MAPI_RPC_EXT_ERR_LIMIT,
	/** NULL pointer or unsupported flags requested */
	MAPI_RPC_EXT_ERR_INVALID_PARAMETER,
	/** talloc failed */
	MAPI_RPC_EXT_ERR_NO_MEMORY,
};

/**
 * @brief A short English description of a status, for logs.
 *
 * @param status Any value, including unknown ones.
 * @return A static string, never NULL.
 */
const char *mapi_rpc_ext_errstr(enum mapi_rpc_ext_status status);

/**
 * @brief Read an RPC_HEADER_EXT from 8 bytes of wire data.
 *
 * @param buf At least RPC_HEADER_EXT_SIZE readable bytes.
 * @param hdr Filled in; no field is checked.
 */
void mapi_rpc_header_ext_pull(const uint8_t *buf, struct rpc_header_ext *hdr);

/**
 * @brief Write an RPC_HEADER_EXT as 8 bytes of wire data.
 *
 * @param buf At least RPC_HEADER_EXT_SIZE writable bytes.
 * @param hdr Header to write as is.
 */
void mapi_rpc_header_ext_push(uint8_t *buf, const struct rpc_header_ext *hdr);

/**
 * @brief Split an extended buffer into its payloads.
 *
 * Parses RPC_HEADER_EXT + payload pairs until the one with Last set
 * ([MS-OXCRPC] 3.1.4.1.1), undoing the obfuscation and then the
 * compression of each payload (the sender compresses first, then
 * obfuscates).  Works on hostile input: every length is checked against
 * the buffer and the limits before it is used.
 *
 * The buffer must end exactly with the payload of the Last header.  For a
 * compressed payload the data must decompress to exactly SizeActual bytes;
 * a compressed Size that is not below SizeActual is tolerated.
 *
 * @param mem_ctx     Parent of the returned array.
 * @param buf         The extended buffer (e.g. rgbIn of EcDoRpcExt2).
 * @param len         Its length (cbIn).
 * @param max_payload Largest SizeActual accepted for one payload
 *                    (normally RPC_EXT_SPEC_MAX_PAYLOAD).
 * @param max_total   Largest sum of SizeActual over all payloads; bounds
 *                    the memory a small hostile buffer can make us use.
 * @param payloads    On success, a talloc array of @p count payloads
 *                    (the data hangs off the array), on failure NULL.
 * @param count       Number of payloads (0 on failure).
 *
 * @return MAPI_RPC_EXT_OK, or the first error found; on error nothing is
 *         left allocated on @p mem_ctx.
 */
enum mapi_rpc_ext_status mapi_rpc_ext_decode(TALLOC_CTX *mem_ctx,
					     const uint8_t *buf, size_t len,
					     size_t max_payload,
					     size_t max_total,
					     struct mapi_rpc_ext_payload **payloads,
					     size_t *count);

/**
 * @brief Append one RPC_HEADER_EXT + payload to an extended buffer.
 *
 * If @p flags_wanted has RHEF_COMPRESSED and the compressed form is
 * strictly smaller than the payload ([MS-OXCRPC] 2.2.2.1: Size MUST be
 * less than SizeActual when Compressed is set), the payload is stored
 * compressed; otherwise it is stored as is and Compressed is not set.
 * With RHEF_XORMAGIC the stored bytes are then obfuscated.  Last is set
 * when @p last is true.
 *
 * @param mem_ctx      Parent for @p *buf when it is NULL.
 * @param buf          Growable output: NULL, or a talloc uint8_t array
 *                     whose talloc size is its capacity.  It may be
 *                     reallocated (capacity can exceed @p *buf_len).
 * @param buf_len      Bytes of @p *buf in use; advanced on success.
 * @param payload      Payload to append (may be NULL if @p len is 0).
 * @param len          Its size, at most RPC_HEADER_EXT_MAX_PAYLOAD (the
 *                     protocol wants at most RPC_EXT_SPEC_MAX_PAYLOAD;
 *                     that policy is left to the caller).
 * @param flags_wanted A combination of RHEF_COMPRESSED and RHEF_XORMAGIC.
 * @param last         Set the Last flag.
 * @param out_limit    @p *buf_len may not grow beyond this (e.g. the
 *                     client's pcbOut).
 *
 * @return MAPI_RPC_EXT_OK, or an error; on error @p *buf_len and the
 *         bytes before it are unchanged.
 */
enum mapi_rpc_ext_status mapi_rpc_ext_encode(TALLOC_CTX *mem_ctx,
					     uint8_t **buf, size_t *buf_len,
					     const uint8_t *payload, size_t len,
					     uint16_t flags_wanted, bool last,
					     size_t out_limit);

#endif /* __LIBMAPI_NDR_RPC_EXT_H__ */
