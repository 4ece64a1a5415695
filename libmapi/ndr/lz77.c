/*
   MAPI extended buffer compression: LZ77 with DIRECT2 encoding

   Written from [MS-OXCRPC] 3.1.4.1.1.2 "Compression Algorithm" (numbered
   3.1.7.2 in older revisions) and [MS-XCA] 2.3/2.4 "Plain LZ77", which
   describe the same byte format:

   - The stream is a sequence of 32-bit little-endian bitmasks, each
     followed by the 32 items it describes.  Bits are consumed from the
     most significant one down: 0 = the next byte is a literal, 1 = the
     next bytes are metadata (a match).
   - Metadata is a 16-bit little-endian value: the high 13 bits hold
     (offset - 1), so offsets 1..8192; the low 3 bits hold (length - 3)
     for lengths 3..9.  b'111' means "10 or more": the extra length goes
     into a nibble of a byte that two long matches share (the first one
     adds the byte and uses its low nibble, the next long match uses its
     high nibble).  A nibble of 15 adds a byte; a byte of 255 adds a
     16-bit value that holds (length - 3).
   - The stream ends where a bitmask bit says "metadata" but the input is
     exhausted; the compressor therefore sets all unused bits of the last
     bitmask.

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

#include <stdbool.h>
#include <string.h>

#include "lz77.h"

#define LZ77_MIN_MATCH		3
/* 13 offset bits storing offset - 1 */
#define LZ77_WINDOW		8192
/* the 16-bit length form stores length - 3 */
#define LZ77_MAX_MATCH		(0xFFFF + LZ77_MIN_MATCH)
/* lengths below this fit in the 3 in-line bits (b'111' is the escape) */
#define LZ77_INLINE_MAX		7
#define LZ77_NIBBLE_MAX		15
#define LZ77_BYTE_MAX		255

/* largest step of the match finder through data without matches */
#define LZ77_MAX_SKIP		16

#define LZ77_HASH_BITS_MIN	8
#define LZ77_HASH_BITS_MAX	14

static inline uint16_t load16le(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t load32le(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) |
		((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline void store16le(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void store32le(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* Native-order loads: only used for hashing and byte comparison */
static inline uint32_t load32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

static inline uint64_t load64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

/*
 * Compressor
 */

struct lz77_writer {
	uint8_t *op;		/* next output byte */
	uint8_t *oend;
	uint8_t *flag_pos;	/* where the current bitmask is stored */
	uint32_t flags;		/* bits collected so far, latest in bit 0 */
	unsigned nflags;
	uint8_t *nibble;	/* shared length byte with a free high nibble */
};

/* Store the full bitmask and reserve room for the next one */
static bool lz77_flush_flags(struct lz77_writer *w)
{
	store32le(w->flag_pos, w->flags);
	if (w->oend - w->op < 4) {
		return false;
	}
	w->flag_pos = w->op;
	w->op += 4;
	w->flags = 0;
	w->nflags = 0;
	return true;
}

/* Copy n bytes in 16-byte steps: up to 15 bytes more are read and
 * written, which the caller has checked to be inside both buffers */
static inline void lz77_wild_copy(uint8_t *dst, const uint8_t *src,
				  size_t n)
{
	uint8_t *end = dst + n;

	do {
		memcpy(dst, src, 16);
		dst += 16;
		src += 16;
	} while (dst < end);
}

/* Literals: 0 bits.  Bytes written past op are scratch: everything after
 * op is written again later, and only [out, op) is the result. */
static bool lz77_put_literals(struct lz77_writer *w,
			      const uint8_t *src, size_t n,
			      const uint8_t *src_end)
{
	while (n > 0) {
		size_t room = 32 - w->nflags;
		size_t k = n < room ? n : room;
		size_t out_room = (size_t)(w->oend - w->op);

		if (out_room < k) {
			return false;
		}
		if (out_room >= k + 16 && (size_t)(src_end - src) >= k + 16) {
			lz77_wild_copy(w->op, src, k);
		} else {
			memcpy(w->op, src, k);
		}
		w->op += k;
		src += k;
		n -= k;
		/* a literal is a 0 bit; k may be 32, hence the wide shift */
		w->flags = (uint32_t)((uint64_t)w->flags << k);
		w->nflags += k;
		if (w->nflags == 32 && !lz77_flush_flags(w)) {
			return false;
		}
	}
	return true;
}

/* Number of bytes that the length encoding of a match needs beyond the
 * 2-byte metadata ([MS-OXCRPC] 3.1.4.1.1.2.2, "match length") */
static size_t lz77_length_extra(const struct lz77_writer *w, size_t len)
{
	size_t l = len - LZ77_MIN_MATCH;
	size_t extra = 0;

	if (l < LZ77_INLINE_MAX) {
		return 0;
	}
	if (w->nibble == NULL) {
		extra += 1;
	}
	l -= LZ77_INLINE_MAX;
	if (l >= LZ77_NIBBLE_MAX) {
		l -= LZ77_NIBBLE_MAX;
		extra += (l < LZ77_BYTE_MAX) ? 1 : 3;
	}
	return extra;
}

static void lz77_put_nibble(struct lz77_writer *w, uint8_t v)
{
	if (w->nibble == NULL) {
		w->nibble = w->op;
		*w->op++ = v;
	} else {
		*w->nibble |= (uint8_t)(v << 4);
		w->nibble = NULL;
	}
}

static bool lz77_put_match(struct lz77_writer *w, size_t offset, size_t len)
{
	size_t l = len - LZ77_MIN_MATCH;
	uint16_t meta = (uint16_t)((offset - 1) << 3);

	if ((size_t)(w->oend - w->op) < 2 + lz77_length_extra(w, len)) {
		return false;
	}

	if (l < LZ77_INLINE_MAX) {
		store16le(w->op, meta | (uint16_t)l);
		w->op += 2;
	} else {
		store16le(w->op, meta | LZ77_INLINE_MAX);
		w->op += 2;
		l -= LZ77_INLINE_MAX;
		if (l < LZ77_NIBBLE_MAX) {
			lz77_put_nibble(w, (uint8_t)l);
		} else {
			lz77_put_nibble(w, LZ77_NIBBLE_MAX);
			l -= LZ77_NIBBLE_MAX;
			if (l < LZ77_BYTE_MAX) {
				*w->op++ = (uint8_t)l;
			} else {
				/* the 16-bit form carries the whole length - 3 */
				*w->op++ = LZ77_BYTE_MAX;
				store16le(w->op, (uint16_t)(len - LZ77_MIN_MATCH));
				w->op += 2;
			}
		}
	}

	w->flags = (w->flags << 1) | 1;
	w->nflags++;
	if (w->nflags == 32) {
		return lz77_flush_flags(w);
	}
	return true;
}

/* Unused bits of the last bitmask are set: a 1 bit with no input left is
 * the end of the stream ([MS-XCA] 2.3.4 / 2.4.4) */
static void lz77_finish(struct lz77_writer *w)
{
	unsigned unused = 32 - w->nflags;
	uint64_t f = (uint64_t)w->flags << unused;

	f |= ((uint64_t)1 << unused) - 1;
	store32le(w->flag_pos, (uint32_t)f);
}

static inline uint32_t lz77_hash(uint32_t v, unsigned bits)
{
	return (v * 2654435761U) >> (32 - bits);
}

/* Length of the common prefix of a and b, not reading past b_end
 * (a < b, so a never runs past it either) */
static inline size_t lz77_common(const uint8_t *a, const uint8_t *b,
				 const uint8_t *b_end)
{
	const uint8_t *start = b;

	while (b_end - b >= 8) {
		uint64_t x = load64(a) ^ load64(b);

		if (x != 0) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
			return (size_t)(b - start) + (__builtin_clzll(x) >> 3);
#else
			return (size_t)(b - start) + (__builtin_ctzll(x) >> 3);
#endif
		}
		a += 8;
		b += 8;
	}
	while (b < b_end && *a == *b) {
		a++;
		b++;
	}
	return (size_t)(b - start);
}

static unsigned lz77_hash_bits(size_t in_len)
{
	unsigned bits = LZ77_HASH_BITS_MIN;

	/* small ROP buffers do not pay for clearing a large table */
	while (bits < LZ77_HASH_BITS_MAX && ((size_t)1 << bits) < in_len) {
		bits++;
	}
	return bits;
}

ssize_t mapi_lz77_compress(const uint8_t *in, size_t in_len,
			   uint8_t *out, size_t out_max)
{
	uint32_t table[1 << LZ77_HASH_BITS_MAX];
	struct lz77_writer w;
	const uint8_t *ip, *anchor, *iend;
	unsigned bits = lz77_hash_bits(in_len);
	unsigned misses = 0;

	if (out_max < 4) {
		return -1;
	}
	if (in_len == 0) {
		/* only the final bitmask, every bit set */
		store32le(out, 0xFFFFFFFFU);
		return 4;
	}
	ip = in;
	anchor = in;
	iend = in + in_len;
	w = (struct lz77_writer) {
		.op = out + 4,
		.oend = out + out_max,
		.flag_pos = out,
	};

	if (in_len >= 8) {
		/* last position where 4 bytes can be loaded for hashing */
		const uint8_t *limit = iend - 4;

		memset(table, 0, sizeof(uint32_t) << bits);
		while (ip < limit) {
			uint32_t seq = load32(ip);
			uint32_t h = lz77_hash(seq, bits);
			const uint8_t *cand = in + table[h];
			size_t dist = (size_t)(ip - cand);
			size_t len;

			table[h] = (uint32_t)(ip - in);
			if (dist - 1 >= LZ77_WINDOW || load32(cand) != seq) {
				/* skip faster through incompressible data, but
				 * not so fast that a compressible part after
				 * it is missed */
				size_t step = 1 + (misses >> 5);

				if (step < LZ77_MAX_SKIP) {
					misses++;
				}
				if ((size_t)(limit - ip) <= step) {
					break;
				}
				ip += step;
				continue;
			}
			misses = 0;
			len = 4 + lz77_common(cand + 4, ip + 4, iend);
			if (len > LZ77_MAX_MATCH) {
				len = LZ77_MAX_MATCH;
			}
			if (!lz77_put_literals(&w, anchor, (size_t)(ip - anchor), iend) ||
			    !lz77_put_match(&w, dist, len)) {
				return -1;
			}
			ip += len;
			anchor = ip;
			/* seed the table from inside the match so that runs and
			 * periodic data keep matching at short offsets */
			if (ip - 2 < limit) {
				table[lz77_hash(load32(ip - 2), bits)] =
					(uint32_t)(ip - 2 - in);
			}
		}
	}

	if (!lz77_put_literals(&w, anchor, (size_t)(iend - anchor), iend)) {
		return -1;
	}
	lz77_finish(&w);
	return (ssize_t)(w.op - out);
}

/*
 * Decompressor: every read is checked against iend, every write against
 * oend, and every match offset against the output produced so far.
 */

/* Decode the length of a match whose metadata holds l3 in its low bits.
 * Returns the match length, or 0 for a truncated/invalid encoding. */
static inline size_t lz77_read_length(unsigned l3, const uint8_t **pip,
				      const uint8_t *iend,
				      const uint8_t **nibble)
{
	const uint8_t *ip = *pip;
	size_t len = l3;

	if (len == LZ77_INLINE_MAX) {
		if (*nibble == NULL) {
			if (ip == iend) {
				return 0;
			}
			*nibble = ip;
			len = *ip++ & 0x0F;
		} else {
			len = **nibble >> 4;
			*nibble = NULL;
		}
		if (len == LZ77_NIBBLE_MAX) {
			if (ip == iend) {
				return 0;
			}
			len = *ip++;
			if (len == LZ77_BYTE_MAX) {
				if (iend - ip < 2) {
					return 0;
				}
				len = load16le(ip);
				ip += 2;
				/* this form holds length - 3 outright; smaller
				 * values cannot be produced by an encoder */
				if (len < LZ77_NIBBLE_MAX + LZ77_INLINE_MAX) {
					return 0;
				}
				len -= LZ77_NIBBLE_MAX + LZ77_INLINE_MAX;
			}
			len += LZ77_NIBBLE_MAX;
		}
		len += LZ77_INLINE_MAX;
	}
	*pip = ip;
	return len + LZ77_MIN_MATCH;
}

/* Copy a match whose source may overlap its destination; the caller
 * has checked that op + len <= oend */
static inline void lz77_copy_match(uint8_t *op, size_t offset, size_t len,
				   const uint8_t *oend)
{
	const uint8_t *src = op - offset;
	uint8_t *end = op + len;
	size_t slack = (size_t)(oend - end);

	if (offset >= 16 && slack >= 16) {
		/*
		 * The common case: fixed 16-byte steps, plain vector loads
		 * and stores.  With offset >= 16 each step reads only bytes
		 * already written.  Up to 15 bytes past len may be written;
		 * they lie inside the buffer and are overwritten by what
		 * follows.
		 */
		do {
			memcpy(op, src, 16);
			op += 16;
			src += 16;
		} while (op < end);
	} else if (offset >= 8 && slack >= 8) {
		do {
			memcpy(op, src, 8);
			op += 8;
			src += 8;
		} while (op < end);
	} else if (offset >= len) {
		memcpy(op, src, len);
	} else if (offset == 1) {
		memset(op, *src, len);
	} else {
		/* repeat the period, doubling the chunk each time: the
		 * bytes between src and op always hold whole periods */
		while (len > 0) {
			size_t n = (size_t)(op - src);

			if (n > len) {
				n = len;
			}
			memcpy(op, src, n);
			op += n;
			len -= n;
		}
	}
}

ssize_t mapi_lz77_decompress(const uint8_t *in, size_t in_len,
			     uint8_t *out, size_t out_max)
{
	const uint8_t *ip, *iend;
	const uint8_t *nibble = NULL;
	uint8_t *op, *oend;
	uint8_t dummy;
	uint32_t flags = 0;	/* current bit is bit 31 */
	unsigned nflags = 0;

	if (in_len == 0) {
		/* nothing at all: an empty stream */
		return 0;
	}
	if (out == NULL) {
		/* no pointer arithmetic on NULL, even with out_max == 0 */
		out = &dummy;
		out_max = 0;
	}
	ip = in;
	iend = in + in_len;
	op = out;
	oend = out + out_max;

	for (;;) {
		size_t offset, len;
		uint16_t meta;

		if (nflags == 0) {
			if (ip == iend) {
				break;
			}
			if (iend - ip < 4) {
				return -1;
			}
			flags = load32le(ip);
			ip += 4;
			nflags = 32;
		}

		if ((flags & 0x80000000U) == 0) {
			/* a run of literals */
			size_t run = flags == 0 ? 32 : (size_t)__builtin_clz(flags);

			if (run > nflags) {
				run = nflags;
			}
			if ((size_t)(iend - ip) >= 32 &&
			    (size_t)(oend - op) >= 32) {
				/* fixed size copy; the extra bytes are inside
				 * both buffers and get overwritten later */
				memcpy(op, ip, 32);
			} else if ((size_t)(iend - ip) < run ||
				   (size_t)(oend - op) < run) {
				return -1;
			} else {
				memcpy(op, ip, run);
			}
			op += run;
			ip += run;
			flags = (uint32_t)((uint64_t)flags << run);
			nflags -= run;
			continue;
		}

		flags <<= 1;
		nflags--;
		if (ip == iend) {
			/* end of stream */
			break;
		}
		if (iend - ip < 2) {
			return -1;
		}
		meta = load16le(ip);
		ip += 2;
		offset = ((size_t)meta >> 3) + 1;
		len = lz77_read_length(meta & 7, &ip, iend, &nibble);
		if (len == 0 ||
		    offset > (size_t)(op - out) ||
		    len > (size_t)(oend - op)) {
			return -1;
		}
		lz77_copy_match(op, offset, len, oend);
		op += len;
	}

	return (ssize_t)(op - out);
}

void mapi_xor_obfuscate(uint8_t *buf, size_t len)
{
	const uint64_t magic = 0xA5A5A5A5A5A5A5A5ULL;
	size_t i = 0;

	for (; len - i >= 8; i += 8) {
		uint64_t v;

		memcpy(&v, buf + i, 8);
		v ^= magic;
		memcpy(buf + i, &v, 8);
	}
	for (; i < len; i++) {
		buf[i] ^= 0xA5;
	}
}
