/*
   MAPI extended buffer compression: LZ77 with DIRECT2 encoding

   [MS-OXCRPC] 3.1.4.1.1.2 (section 3.1.7.2 in older revisions) and the
   bit-identical "Plain LZ77" format of [MS-XCA] 2.3/2.4.

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

#ifndef __LIBMAPI_NDR_LZ77_H__
#define __LIBMAPI_NDR_LZ77_H__

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/**
 * @brief Worst-case compressed size for @p n input bytes.
 *
 * Every 32 items (a literal is one item) cost a 4-byte bitmask, and the
 * stream always ends with one more bitmask whose unused bits are set.
 * An output buffer of this size never makes mapi_lz77_compress() fail.
 */
#define MAPI_LZ77_COMPRESS_BOUND(n) ((size_t)(n) + 4 * ((size_t)(n) / 32) + 8)

/**
 * @brief Compress a buffer with LZ77 + DIRECT2 ([MS-OXCRPC] 3.1.4.1.1.2).
 *
 * Greedy parse with a single hash table over the 8 KB window that the
 * 13-bit DIRECT2 offset allows.  The output is a pure function of the
 * input (no randomness, no state kept between calls, thread safe); about
 * 64 KB of stack is used for the match finder.
 *
 * @param in      Data to compress (may be NULL if @p in_len is 0).
 * @param in_len  Number of bytes at @p in.
 * @param out     Output buffer.
 * @param out_max Capacity of @p out in bytes.
 *
 * @return The compressed size in bytes, or -1 if the compressed stream
 *         does not fit in @p out_max bytes.  Use MAPI_LZ77_COMPRESS_BOUND()
 *         to size @p out so that this cannot happen.
 */
ssize_t mapi_lz77_compress(const uint8_t *in, size_t in_len,
			   uint8_t *out, size_t out_max);

/**
 * @brief Decompress an LZ77 + DIRECT2 stream.
 *
 * Safe on hostile input: never reads outside in[0..in_len) nor writes
 * outside out[0..out_max), whatever the bytes say.
 *
 * The stream ends where a bitmask bit announces metadata but the input is
 * exhausted ([MS-XCA] 2.4.4); an input that ends exactly where the next
 * bitmask would start is also accepted as complete.
 *
 * @param in      Compressed data.
 * @param in_len  Number of bytes at @p in.
 * @param out     Output buffer.
 * @param out_max Capacity of @p out in bytes.
 *
 * @return The decompressed size in bytes, or -1 if the stream is corrupt
 *         (truncated item, offset before the start of the output, invalid
 *         length encoding) or would produce more than @p out_max bytes.
 */
ssize_t mapi_lz77_decompress(const uint8_t *in, size_t in_len,
			     uint8_t *out, size_t out_max);

/**
 * @brief Obfuscate or de-obfuscate a buffer in place.
 *
 * XORs every byte with 0xA5 ([MS-OXCRPC] 3.1.4.1.1.3, "XorMagic"); the
 * operation is its own inverse.
 *
 * @param buf Buffer to transform (may be NULL if @p len is 0).
 * @param len Number of bytes at @p buf.
 */
void mapi_xor_obfuscate(uint8_t *buf, size_t len);

#endif /* __LIBMAPI_NDR_LZ77_H__ */
