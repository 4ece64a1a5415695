/*
   Compressed RTF ([MS-OXRTFCP]): header, CRC, decompression and
   compression.

   Written from [MS-OXRTFCP]:
   - 2.1.3.1.1: the value is COMPSIZE, RAWSIZE, COMPTYPE and CRC (4
     little-endian DWORDs) then CONTENTS; COMPSIZE counts CONTENTS plus
     the 12 header bytes after it.  CONTENTS is the raw RTF ("MELA") or a
     sequence of runs: a CONTROL byte whose bits, from the low-order one
     up, say whether each of the next (up to 8) tokens is a literal byte
     (0) or a big-endian dictionary reference (1).
   - 2.1.3.1.2-2.1.3.1.5: a 4096-byte circular dictionary starts with a
     fixed 207-byte RTF string and a write position of 207.  A reference
     is a 12-bit offset and a 4-bit length (stored as length - 2); every
     byte output, literal or copied, is also written at the write
     position, so a reference may read bytes it has just written.  A
     reference whose offset equals the write position ends the stream.
   - 2.3.3.2: the compressor emits, for each input position, the longest
     match the dictionary holds (a literal when it is shorter than 2),
     and ends with the reference to the write position.

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

#include <string.h>
#include <util/debug.h>

#include "rtfcp.h"

#define DICT_SIZE	4096
#define DICT_MASK	(DICT_SIZE - 1)
#define REF_MIN		2
#define REF_MAX		(15 + REF_MIN)
#define NIL		0xFFFF

/* [MS-OXRTFCP] 2.1.3.1.2: the dictionary's initial contents (207 bytes;
 * "\r\n" stands for the CR LF pair at offsets 168-169) */
static const char initial_dict[] =
	"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}"
	"{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript \\fdecor "
	"MS Sans SerifSymbolArialTimes New RomanCourier"
	"{\\colortbl\\red0\\green0\\blue0\r\n\\par "
	"\\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";

#define INITIAL_LEN	(sizeof(initial_dict) - 1)

static inline uint32_t load32le(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) |
	       ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline void store32le(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/*
 * CRC ([MS-OXRTFCP] 2.1.3.2): the usual reflected CRC-32 table, but
 * started from 0 and not inverted at the end.
 */

struct crc_table {
	uint32_t v[256];
};

static void crc_table_build(struct crc_table *t)
{
	uint32_t i, c;
	int k;

	for (i = 0; i < 256; i++) {
		c = i;
		for (k = 0; k < 8; k++) {
			c = (c & 1) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
		}
		t->v[i] = c;
	}
}

uint32_t mapi_rtfcp_crc(uint32_t crc, const uint8_t *data, size_t len)
{
	struct crc_table t;
	size_t i;

	crc_table_build(&t);
	for (i = 0; i < len; i++) {
		crc = t.v[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
	}
	return crc;
}

/*
 * Decompression ([MS-OXRTFCP] 2.1.3.1.3, 2.3.2)
 */

struct rtf_header {
	uint32_t comp_size;
	uint32_t raw_size;
	uint32_t comp_type;
	uint32_t crc;
};

static void header_read(const uint8_t *in, struct rtf_header *h)
{
	h->comp_size = load32le(in);
	h->raw_size = load32le(in + 4);
	h->comp_type = load32le(in + 8);
	h->crc = load32le(in + 12);
}

static void header_write(uint8_t *out, const struct rtf_header *h)
{
	store32le(out, h->comp_size);
	store32le(out + 4, h->raw_size);
	store32le(out + 8, h->comp_type);
	store32le(out + 12, h->crc);
}

/* The most a CONTENTS field of @p n bytes can expand to: runs of eight
 * 2-byte references of 17 bytes each (17 input bytes for 136 out) */
static size_t expansion_bound(size_t n)
{
	return (n / 17 + 1) * 8 * REF_MAX;
}

static void dict_init(uint8_t *dict)
{
	memset(dict, 0, DICT_SIZE);
	memcpy(dict, initial_dict, INITIAL_LEN);
}

struct lzfu_reader {
	const uint8_t *in;
	size_t len, pos;
	uint8_t *out;
	size_t out_len, out_max;
	uint8_t dict[DICT_SIZE];
	uint32_t wp;
};

/* One output byte, written to the dictionary too; false past RAWSIZE */
static inline bool lzfu_emit(struct lzfu_reader *r, uint8_t c)
{
	if (r->out_len == r->out_max) {
		return false;
	}
	r->out[r->out_len++] = c;
	r->dict[r->wp] = c;
	r->wp = (r->wp + 1) & DICT_MASK;
	return true;
}

enum token_result { TOKEN_OK, TOKEN_END, TOKEN_BAD };

/* One token; @p is_ref from the CONTROL bit */
static enum token_result lzfu_token(struct lzfu_reader *r, bool is_ref)
{
	uint32_t ref, rp, n, k;

	if (!is_ref) {
		return lzfu_emit(r, r->in[r->pos++]) ? TOKEN_OK : TOKEN_BAD;
	}
	if (r->len - r->pos < 2) {
		DEBUG(3, ("rtfcp: reference cut short by the end of data\n"));
		return TOKEN_BAD;
	}
	ref = ((uint32_t)r->in[r->pos] << 8) | r->in[r->pos + 1];
	r->pos += 2;
	rp = ref >> 4;
	if (rp == r->wp) {
		return TOKEN_END;
	}
	n = (ref & 0x0F) + REF_MIN;
	for (k = 0; k < n; k++) {
		/* read after each write: overlapping references see the
		 * bytes they have just produced (2.1.3.1.5) */
		if (!lzfu_emit(r, r->dict[(rp + k) & DICT_MASK])) {
			return TOKEN_BAD;
		}
	}
	return TOKEN_OK;
}

static bool lzfu_run_all(struct lzfu_reader *r)
{
	while (r->pos < r->len) {
		uint8_t control = r->in[r->pos++];
		int bit;

		for (bit = 0; bit < 8 && r->pos < r->len; bit++) {
			switch (lzfu_token(r, (control >> bit) & 1)) {
			case TOKEN_END:
				return true;
			case TOKEN_BAD:
				return false;
			case TOKEN_OK:
				break;
			}
		}
	}
	/* no end reference: accepted when RAWSIZE was reached */
	return true;
}

static enum MAPISTATUS lzfu_decompress(const uint8_t *contents, size_t clen,
				       uint8_t *out, size_t raw_size)
{
	struct lzfu_reader r;

	r.in = contents;
	r.len = clen;
	r.pos = 0;
	r.out = out;
	r.out_len = 0;
	r.out_max = raw_size;
	dict_init(r.dict);
	r.wp = INITIAL_LEN;
	if (!lzfu_run_all(&r)) {
		DEBUG(3, ("rtfcp: stream corrupt or longer than RAWSIZE %zu\n",
			  raw_size));
		return MAPI_E_CORRUPT_DATA;
	}
	if (r.out_len != raw_size) {
		DEBUG(3, ("rtfcp: stream gives %zu bytes, RAWSIZE says %zu\n",
			  r.out_len, raw_size));
		return MAPI_E_CORRUPT_DATA;
	}
	return MAPI_E_SUCCESS;
}

/* The header's checks that do not depend on COMPTYPE */
static enum MAPISTATUS header_check(const uint8_t *in, size_t len,
				    struct rtf_header *h, size_t *clen)
{
	if (len < MAPI_RTFCP_HEADER_SIZE) {
		DEBUG(3, ("rtfcp: %zu bytes: shorter than the header\n", len));
		return MAPI_E_CORRUPT_DATA;
	}
	header_read(in, h);
	if (h->comp_size < MAPI_RTFCP_HEADER_SIZE - 4 ||
	    (size_t)h->comp_size > len - 4) {
		DEBUG(3, ("rtfcp: COMPSIZE %u does not fit a value of %zu "
			  "bytes\n", h->comp_size, len));
		return MAPI_E_CORRUPT_DATA;
	}
	*clen = (size_t)h->comp_size - (MAPI_RTFCP_HEADER_SIZE - 4);
	return MAPI_E_SUCCESS;
}

/* What CONTENTS of @p clen bytes can hold, per COMPTYPE */
static enum MAPISTATUS contents_check(const uint8_t *contents, size_t clen,
				      const struct rtf_header *h)
{
	if (h->comp_type == MAPI_RTFCP_UNCOMPRESSED) {
		if (h->raw_size > clen) {
			DEBUG(3, ("rtfcp: MELA RAWSIZE %u beyond %zu bytes\n",
				  h->raw_size, clen));
			return MAPI_E_CORRUPT_DATA;
		}
		return MAPI_E_SUCCESS;
	}
	if (h->comp_type != MAPI_RTFCP_COMPRESSED) {
		DEBUG(3, ("rtfcp: unknown COMPTYPE 0x%08x\n", h->comp_type));
		return MAPI_E_CORRUPT_DATA;
	}
	if (mapi_rtfcp_crc(0, contents, clen) != h->crc) {
		DEBUG(3, ("rtfcp: CRC mismatch (header 0x%08x)\n", h->crc));
		return MAPI_E_CORRUPT_DATA;
	}
	if ((size_t)h->raw_size > expansion_bound(clen)) {
		DEBUG(3, ("rtfcp: RAWSIZE %u impossible from %zu bytes\n",
			  h->raw_size, clen));
		return MAPI_E_CORRUPT_DATA;
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_rtfcp_decompress(TALLOC_CTX *mem_ctx, const uint8_t *in,
				      size_t len, uint8_t **rtf,
				      size_t *rtf_len)
{
	struct rtf_header h;
	const uint8_t *contents;
	size_t clen;
	uint8_t *out;
	enum MAPISTATUS ret;

	if ((in == NULL && len > 0) || rtf == NULL || rtf_len == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	ret = header_check(in, len, &h, &clen);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	contents = in + MAPI_RTFCP_HEADER_SIZE;
	ret = contents_check(contents, clen, &h);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	out = talloc_array(mem_ctx, uint8_t, (size_t)h.raw_size + 1);
	if (out == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (h.comp_type == MAPI_RTFCP_UNCOMPRESSED) {
		memcpy(out, contents, h.raw_size);
	} else {
		ret = lzfu_decompress(contents, clen, out, h.raw_size);
		if (ret != MAPI_E_SUCCESS) {
			talloc_free(out);
			return ret;
		}
	}
	out[h.raw_size] = '\0';
	*rtf = out;
	*rtf_len = h.raw_size;
	return MAPI_E_SUCCESS;
}

/*
 * Compression ([MS-OXRTFCP] 2.3.3.2)
 *
 * The dictionary is kept exactly as the reader will see it.  To find the
 * longest match quickly, every dictionary position p whose two bytes
 * p, p + 1 are final sits in a FIFO of its 2-byte hash: positions enter
 * when their second byte is written and leave when the write position
 * overwrites their first one.  Overwriting happens in the order of
 * writing, so the position leaving is always the oldest one of the
 * whole dictionary, hence the head of its FIFO.  The search walks a FIFO
 * from the oldest position to the newest and keeps a longer match only:
 * among equally long matches the oldest wins (as in the spec's example
 * of 3.1.1.4, whose "ansi" is taken from offset 7, not from the copy
 * just written at 214).  The position before the write position, whose
 * second byte is still to come, is tried separately.  Bytes at and after
 * the write position are read as the input they will become, which is
 * how a reference that crosses the write position (3.1.2, 3.2.2) comes
 * out.  Positions never written (after the initial string) are never
 * referenced.
 */

#define HASH_BITS	12
#define HASH_SIZE	(1 << HASH_BITS)

struct lzfu_writer {
	uint8_t dict[DICT_SIZE];
	uint32_t wp;
	uint16_t head[HASH_SIZE];	/* oldest position of each hash */
	uint16_t tail[HASH_SIZE];	/* newest */
	uint16_t next[DICT_SIZE];	/* next newer position, same hash */
	uint16_t bucket[DICT_SIZE];	/* hash a position is listed in */
	/* output */
	uint8_t *out;
	size_t out_len;
	size_t control_pos;		/* where the run's CONTROL byte is */
	unsigned tokens;		/* tokens in the current run */
};

static inline uint32_t pair_hash(uint8_t a, uint8_t b)
{
	return (((uint32_t)a << 4) ^ b) & (HASH_SIZE - 1);
}

static void fifo_push(struct lzfu_writer *w, uint32_t p)
{
	uint32_t h = pair_hash(w->dict[p], w->dict[(p + 1) & DICT_MASK]);

	w->bucket[p] = (uint16_t)h;
	w->next[p] = NIL;
	if (w->tail[h] == NIL) {
		w->head[h] = (uint16_t)p;
	} else {
		w->next[w->tail[h]] = (uint16_t)p;
	}
	w->tail[h] = (uint16_t)p;
}

/* Position @p is about to be overwritten: it is the oldest listed one */
static void fifo_pop(struct lzfu_writer *w, uint32_t p)
{
	uint32_t h = w->bucket[p];

	if (h == NIL) {
		return;
	}
	w->head[h] = w->next[p];
	if (w->head[h] == NIL) {
		w->tail[h] = NIL;
	}
	w->bucket[p] = NIL;
}

static void writer_init(struct lzfu_writer *w, uint8_t *out)
{
	uint32_t p;

	dict_init(w->dict);
	w->wp = INITIAL_LEN;
	memset(w->head, 0xFF, sizeof(w->head));
	memset(w->tail, 0xFF, sizeof(w->tail));
	memset(w->bucket, 0xFF, sizeof(w->bucket));
	/* 0 .. 205: complete pairs of the initial string, oldest first */
	for (p = 0; p + 1 < INITIAL_LEN; p++) {
		fifo_push(w, p);
	}
	w->out = out;
	w->out_len = MAPI_RTFCP_HEADER_SIZE;
	w->control_pos = w->out_len++;
	w->out[w->control_pos] = 0;
	w->tokens = 0;
}

/* Write one byte at the write position, as the reader will */
static void dict_put(struct lzfu_writer *w, uint8_t c)
{
	uint32_t prev = (w->wp - 1) & DICT_MASK;

	fifo_pop(w, w->wp);
	w->dict[w->wp] = c;
	fifo_push(w, prev);
	w->wp = (w->wp + 1) & DICT_MASK;
}

/* The byte the reader will find at dictionary position p + k when a
 * reference to p is copied: at or after the write position, the input
 * byte it will have written there by then */
static inline uint8_t dict_at(const struct lzfu_writer *w, uint32_t p,
			      uint32_t k, const uint8_t *in)
{
	uint32_t pos = (p + k) & DICT_MASK;
	uint32_t d = (pos - w->wp) & DICT_MASK;

	return d < k ? in[d] : w->dict[pos];
}

/* Length of the match of @p in at dictionary position @p p */
static uint32_t match_length(const struct lzfu_writer *w, uint32_t p,
			     const uint8_t *in, uint32_t max)
{
	uint32_t k;

	for (k = 0; k < max && dict_at(w, p, k, in) == in[k]; k++) {
	}
	return k;
}

/* A candidate can only do better than @p best if it matches one byte
 * further: test that byte first (most candidates fail there) */
static uint32_t try_candidate(const struct lzfu_writer *w, uint32_t p,
			      const uint8_t *in, uint32_t max, uint32_t best)
{
	if (best >= REF_MIN && dict_at(w, p, best, in) != in[best]) {
		return 0;
	}
	return match_length(w, p, in, max);
}

static uint32_t longest_match(const struct lzfu_writer *w, const uint8_t *in,
			      uint32_t max, uint32_t *offset)
{
	uint32_t best = 0, n, p, last;

	if (max < REF_MIN) {
		return 0;
	}
	for (p = w->head[pair_hash(in[0], in[1])]; p != NIL; p = w->next[p]) {
		if (p == w->wp) {
			continue;
		}
		n = try_candidate(w, p, in, max, best);
		if (n > best) {
			best = n;
			*offset = p;
			if (best == max) {
				return best;
			}
		}
	}
	last = (w->wp - 1) & DICT_MASK;
	n = try_candidate(w, last, in, max, best);
	if (n > best) {
		best = n;
		*offset = last;
	}
	return best;
}

/* Close the run when it holds eight tokens, open the next one */
static void token_done(struct lzfu_writer *w)
{
	if (++w->tokens == 8) {
		w->control_pos = w->out_len++;
		w->out[w->control_pos] = 0;
		w->tokens = 0;
	}
}

static void put_reference(struct lzfu_writer *w, uint32_t offset,
			  uint32_t length)
{
	uint32_t ref = (offset << 4) | (length - REF_MIN);

	w->out[w->control_pos] |= (uint8_t)(1u << w->tokens);
	w->out[w->out_len++] = (uint8_t)(ref >> 8);
	w->out[w->out_len++] = (uint8_t)ref;
}

static void lzfu_encode(struct lzfu_writer *w, const uint8_t *in,
			size_t len)
{
	size_t i = 0, left;
	uint32_t n, k, offset = 0;

	while (i < len) {
		left = len - i;
		n = longest_match(w, in + i, left < REF_MAX ? (uint32_t)left :
				  REF_MAX, &offset);
		if (n >= REF_MIN) {
			put_reference(w, offset, n);
		} else {
			n = 1;
			w->out[w->out_len++] = in[i];
		}
		for (k = 0; k < n; k++) {
			dict_put(w, in[i + k]);
		}
		i += n;
		token_done(w);
	}
	/* step 8: the reference to the write position ends the stream; its
	 * run is the last one, however few tokens it has */
	w->out[w->control_pos] |= (uint8_t)(1u << w->tokens);
	w->out[w->out_len++] = (uint8_t)(w->wp >> 4);
	w->out[w->out_len++] = (uint8_t)(w->wp << 4);
}

/* Worst case: all literals, one CONTROL byte per 8, the end reference */
static size_t compress_bound(size_t len)
{
	return MAPI_RTFCP_HEADER_SIZE + len + len / 8 + 1 + 2;
}

static enum MAPISTATUS lzfu_compress(TALLOC_CTX *mem_ctx, const uint8_t *rtf,
				     size_t len, uint8_t **out,
				     size_t *out_len)
{
	struct lzfu_writer *w = talloc(mem_ctx, struct lzfu_writer);
	struct rtf_header h;
	uint8_t *buf;

	if (w == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	buf = talloc_array(mem_ctx, uint8_t, compress_bound(len));
	if (buf == NULL) {
		talloc_free(w);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	writer_init(w, buf);
	lzfu_encode(w, rtf, len);
	h.comp_size = (uint32_t)(w->out_len - 4);
	h.raw_size = (uint32_t)len;
	h.comp_type = MAPI_RTFCP_COMPRESSED;
	h.crc = mapi_rtfcp_crc(0, buf + MAPI_RTFCP_HEADER_SIZE,
			       w->out_len - MAPI_RTFCP_HEADER_SIZE);
	header_write(buf, &h);
	*out_len = w->out_len;
	talloc_free(w);
	*out = talloc_realloc(mem_ctx, buf, uint8_t, *out_len);
	if (*out == NULL) {
		*out = buf;
	}
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS mela_wrap(TALLOC_CTX *mem_ctx, const uint8_t *rtf,
				 size_t len, uint8_t **out, size_t *out_len)
{
	struct rtf_header h;
	uint8_t *buf = talloc_array(mem_ctx, uint8_t,
				    MAPI_RTFCP_HEADER_SIZE + len);

	if (buf == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	h.comp_size = (uint32_t)(len + MAPI_RTFCP_HEADER_SIZE - 4);
	h.raw_size = (uint32_t)len;
	h.comp_type = MAPI_RTFCP_UNCOMPRESSED;
	h.crc = 0;
	header_write(buf, &h);
	if (len > 0) {
		memcpy(buf + MAPI_RTFCP_HEADER_SIZE, rtf, len);
	}
	*out = buf;
	*out_len = MAPI_RTFCP_HEADER_SIZE + len;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_rtfcp_compress(TALLOC_CTX *mem_ctx, const uint8_t *rtf,
				    size_t len, bool compress, uint8_t **out,
				    size_t *out_len)
{
	if ((rtf == NULL && len > 0) || out == NULL || out_len == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (len > MAPI_RTFCP_MAX_RAW) {
		DEBUG(3, ("rtfcp: %zu bytes of RTF: too big\n", len));
		return MAPI_E_TOO_BIG;
	}
	if (!compress) {
		return mela_wrap(mem_ctx, rtf, len, out, out_len);
	}
	return lzfu_compress(mem_ctx, rtf, len, out, out_len);
}
