/*
   EMSMDB extended buffers: RPC_HEADER_EXT framing, compression and
   obfuscation ([MS-OXCRPC] 2.2.2.1 and 3.1.4.1.1)

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

#include "lz77.h"
#include "rpc_ext.h"

#define RHEF_ALL (RHEF_COMPRESSED | RHEF_XORMAGIC | RHEF_LAST)

const char *mapi_rpc_ext_errstr(enum mapi_rpc_ext_status status)
{
	switch (status) {
	case MAPI_RPC_EXT_OK:
		return "success";
	case MAPI_RPC_EXT_ERR_TRUNCATED_HEADER:
		return "truncated RPC_HEADER_EXT";
	case MAPI_RPC_EXT_ERR_BAD_VERSION:
		return "unsupported RPC_HEADER_EXT version";
	case MAPI_RPC_EXT_ERR_BAD_FLAGS:
		return "unknown RPC_HEADER_EXT flags";
	case MAPI_RPC_EXT_ERR_SIZE_BEYOND_BUFFER:
		return "payload size beyond the end of the buffer";
	case MAPI_RPC_EXT_ERR_SIZE_MISMATCH:
		return "uncompressed payload with Size != SizeActual";
	case MAPI_RPC_EXT_ERR_PAYLOAD_TOO_BIG:
		return "payload larger than allowed";
	case MAPI_RPC_EXT_ERR_TOTAL_TOO_BIG:
		return "payloads larger in total than allowed";
	case MAPI_RPC_EXT_ERR_DECOMPRESS:
		return "payload decompression failed";
	case MAPI_RPC_EXT_ERR_MISSING_LAST:
		return "no RPC_HEADER_EXT with the Last flag";
	case MAPI_RPC_EXT_ERR_TRAILING_DATA:
		return "data after the last payload";
	case MAPI_RPC_EXT_ERR_LIMIT:
		return "output buffer limit exceeded";
	case MAPI_RPC_EXT_ERR_INVALID_PARAMETER:
		return "invalid parameter";
	case MAPI_RPC_EXT_ERR_NO_MEMORY:
		return "out of memory";
	}
	return "unknown error";
}

static inline uint16_t pull_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static inline void push_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

void mapi_rpc_header_ext_pull(const uint8_t *buf, struct rpc_header_ext *hdr)
{
	hdr->version = pull_le16(buf);
	hdr->flags = pull_le16(buf + 2);
	hdr->size = pull_le16(buf + 4);
	hdr->size_actual = pull_le16(buf + 6);
}

void mapi_rpc_header_ext_push(uint8_t *buf, const struct rpc_header_ext *hdr)
{
	push_le16(buf, hdr->version);
	push_le16(buf + 2, hdr->flags);
	push_le16(buf + 4, hdr->size);
	push_le16(buf + 6, hdr->size_actual);
}

/* Check one header against the rest of the buffer and the limits */
static enum mapi_rpc_ext_status rpc_ext_check_header(
	const struct rpc_header_ext *hdr, size_t remaining,
	size_t max_payload, size_t total, size_t max_total)
{
	if (hdr->version != RPC_HEADER_EXT_VERSION) {
		return MAPI_RPC_EXT_ERR_BAD_VERSION;
	}
	if ((hdr->flags & ~RHEF_ALL) != 0) {
		return MAPI_RPC_EXT_ERR_BAD_FLAGS;
	}
	if (hdr->size > remaining) {
		return MAPI_RPC_EXT_ERR_SIZE_BEYOND_BUFFER;
	}
	/* 2.2.2.1: without Compressed, Size and SizeActual MUST match */
	if (!(hdr->flags & RHEF_COMPRESSED) && hdr->size != hdr->size_actual) {
		return MAPI_RPC_EXT_ERR_SIZE_MISMATCH;
	}
	if (hdr->size_actual > max_payload) {
		return MAPI_RPC_EXT_ERR_PAYLOAD_TOO_BIG;
	}
	if (hdr->size_actual > max_total - total) {
		return MAPI_RPC_EXT_ERR_TOTAL_TOO_BIG;
	}
	return MAPI_RPC_EXT_OK;
}

/*
 * Turn the wire bytes of one payload into plain data on mem_ctx.
 * 3.1.4.1.1.3 and 2.2.2.1: the sender compresses, then obfuscates, so we
 * undo the XOR first and decompress second.
 */
static enum mapi_rpc_ext_status rpc_ext_unpack(TALLOC_CTX *mem_ctx,
					       const struct rpc_header_ext *hdr,
					       const uint8_t *wire,
					       struct mapi_rpc_ext_payload *p)
{
	uint8_t *data;

	/* talloc hands out a valid chunk even for 0 bytes */
	data = talloc_array(mem_ctx, uint8_t, hdr->size_actual);
	if (data == NULL) {
		return MAPI_RPC_EXT_ERR_NO_MEMORY;
	}

	if (hdr->flags & RHEF_COMPRESSED) {
		const uint8_t *src = wire;
		uint8_t *tmp = NULL;
		ssize_t n;

		if (hdr->flags & RHEF_XORMAGIC) {
			/* the caller's buffer is const: work on a copy */
			tmp = talloc_array(mem_ctx, uint8_t, hdr->size);
			if (tmp == NULL) {
				talloc_free(data);
				return MAPI_RPC_EXT_ERR_NO_MEMORY;
			}
			memcpy(tmp, wire, hdr->size);
			mapi_xor_obfuscate(tmp, hdr->size);
			src = tmp;
		}
		n = mapi_lz77_decompress(src, hdr->size, data, hdr->size_actual);
		talloc_free(tmp);
		if (n != (ssize_t)hdr->size_actual) {
			talloc_free(data);
			return MAPI_RPC_EXT_ERR_DECOMPRESS;
		}
	} else {
		memcpy(data, wire, hdr->size);
		if (hdr->flags & RHEF_XORMAGIC) {
			mapi_xor_obfuscate(data, hdr->size);
		}
	}

	p->data = data;
	p->length = hdr->size_actual;
	p->flags = hdr->flags;
	return MAPI_RPC_EXT_OK;
}

enum mapi_rpc_ext_status mapi_rpc_ext_decode(TALLOC_CTX *mem_ctx,
					     const uint8_t *buf, size_t len,
					     size_t max_payload,
					     size_t max_total,
					     struct mapi_rpc_ext_payload **payloads,
					     size_t *count)
{
	struct mapi_rpc_ext_payload *list;
	size_t n = 0;
	size_t alloc = 4;
	size_t pos = 0;
	size_t total = 0;
	enum mapi_rpc_ext_status status = MAPI_RPC_EXT_ERR_MISSING_LAST;

	if (payloads == NULL || count == NULL || (buf == NULL && len > 0)) {
		return MAPI_RPC_EXT_ERR_INVALID_PARAMETER;
	}
	*payloads = NULL;
	*count = 0;

	list = talloc_array(mem_ctx, struct mapi_rpc_ext_payload, alloc);
	if (list == NULL) {
		return MAPI_RPC_EXT_ERR_NO_MEMORY;
	}

	while (pos < len) {
		struct rpc_header_ext hdr;

		if (len - pos < RPC_HEADER_EXT_SIZE) {
			status = MAPI_RPC_EXT_ERR_TRUNCATED_HEADER;
			goto fail;
		}
		mapi_rpc_header_ext_pull(buf + pos, &hdr);
		pos += RPC_HEADER_EXT_SIZE;

		status = rpc_ext_check_header(&hdr, len - pos, max_payload,
					      total, max_total);
		if (status != MAPI_RPC_EXT_OK) {
			goto fail;
		}

		if (n == alloc) {
			/* geometric growth: a buffer of many empty payloads
			 * must not cost quadratic copying */
			struct mapi_rpc_ext_payload *nlist;

			nlist = talloc_realloc(mem_ctx, list,
					       struct mapi_rpc_ext_payload,
					       alloc * 2);
			if (nlist == NULL) {
				status = MAPI_RPC_EXT_ERR_NO_MEMORY;
				goto fail;
			}
			list = nlist;
			alloc *= 2;
		}
		status = rpc_ext_unpack(list, &hdr, buf + pos, &list[n]);
		if (status != MAPI_RPC_EXT_OK) {
			goto fail;
		}
		n++;
		pos += hdr.size;
		total += hdr.size_actual;

		if (hdr.flags & RHEF_LAST) {
			if (pos != len) {
				status = MAPI_RPC_EXT_ERR_TRAILING_DATA;
				goto fail;
			}
			*payloads = list;
			*count = n;
			return MAPI_RPC_EXT_OK;
		}
		status = MAPI_RPC_EXT_ERR_MISSING_LAST;
	}

fail:
	/* the payload data are children of list */
	talloc_free(list);
	return status;
}

/* Make room for at least `needed` bytes in the growable output buffer */
static bool rpc_ext_reserve(TALLOC_CTX *mem_ctx, uint8_t **buf,
			    size_t needed, size_t out_limit)
{
	size_t cap = (*buf != NULL) ? talloc_get_size(*buf) : 0;
	uint8_t *nbuf;

	if (cap >= needed) {
		return true;
	}
	/* grow geometrically, but never past what the limit allows */
	cap = (cap > out_limit / 2) ? out_limit : cap * 2;
	if (cap < needed) {
		cap = needed;
	}
	if (*buf == NULL) {
		nbuf = talloc_array(mem_ctx, uint8_t, cap);
	} else {
		nbuf = talloc_realloc(mem_ctx, *buf, uint8_t, cap);
	}
	if (nbuf == NULL) {
		return false;
	}
	*buf = nbuf;
	return true;
}

enum mapi_rpc_ext_status mapi_rpc_ext_encode(TALLOC_CTX *mem_ctx,
					     uint8_t **buf, size_t *buf_len,
					     const uint8_t *payload, size_t len,
					     uint16_t flags_wanted, bool last,
					     size_t out_limit)
{
	struct rpc_header_ext hdr = {
		.version = RPC_HEADER_EXT_VERSION,
		.size = (uint16_t)len,
		.size_actual = (uint16_t)len,
	};
	size_t avail;
	uint8_t *dst;

	if (buf == NULL || buf_len == NULL || (payload == NULL && len > 0) ||
	    (flags_wanted & ~(RHEF_COMPRESSED | RHEF_XORMAGIC)) != 0 ||
	    (*buf == NULL && *buf_len != 0) ||
	    (*buf != NULL && *buf_len > talloc_get_size(*buf))) {
		return MAPI_RPC_EXT_ERR_INVALID_PARAMETER;
	}
	if (len > RPC_HEADER_EXT_MAX_PAYLOAD) {
		return MAPI_RPC_EXT_ERR_PAYLOAD_TOO_BIG;
	}
	if (*buf_len > out_limit ||
	    out_limit - *buf_len < RPC_HEADER_EXT_SIZE) {
		return MAPI_RPC_EXT_ERR_LIMIT;
	}
	avail = out_limit - *buf_len - RPC_HEADER_EXT_SIZE;
	if (!rpc_ext_reserve(mem_ctx, buf, *buf_len + RPC_HEADER_EXT_SIZE +
			     (len < avail ? len : avail), out_limit)) {
		return MAPI_RPC_EXT_ERR_NO_MEMORY;
	}
	dst = *buf + *buf_len + RPC_HEADER_EXT_SIZE;

	if ((flags_wanted & RHEF_COMPRESSED) && len > 0) {
		/* only worth it, and only allowed, if strictly smaller */
		size_t cap = (len - 1 < avail) ? len - 1 : avail;
		ssize_t n = mapi_lz77_compress(payload, len, dst, cap);

		if (n >= 0) {
			hdr.flags |= RHEF_COMPRESSED;
			hdr.size = (uint16_t)n;
		}
	}
	if (!(hdr.flags & RHEF_COMPRESSED)) {
		if (len > avail) {
			return MAPI_RPC_EXT_ERR_LIMIT;
		}
		if (len > 0) {
			memcpy(dst, payload, len);
		}
	}
	if (flags_wanted & RHEF_XORMAGIC) {
		mapi_xor_obfuscate(dst, hdr.size);
		hdr.flags |= RHEF_XORMAGIC;
	}
	if (last) {
		hdr.flags |= RHEF_LAST;
	}

	mapi_rpc_header_ext_push(*buf + *buf_len, &hdr);
	*buf_len += RPC_HEADER_EXT_SIZE + hdr.size;
	return MAPI_RPC_EXT_OK;
}
