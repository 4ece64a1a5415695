/*
 * mapimail: large property values (message bodies, attachment data).
 * A value that fits a ROP buffer goes in RopSetProperties and comes back
 * from RopGetPropertiesSpecific; a larger one is written through a
 * stream (RopOpenStream with Create, RopWriteStream pieces,
 * RopCommitStream), and a server answers a value too big for its
 * response with the error MAPI_E_NOT_ENOUGH_MEMORY in its place
 * (MS-OXCPRPT 3.2.5.1), so that it is read through a stream
 * (RopReadStream pieces).  The pieces move the progress bar.  Binary
 * values are the bytes; string values (PT_UNICODE tags) are UTF-8 here
 * and UTF-16LE in a stream.
 */
#include <string.h>

#include "mapimail.h"
#include <charset.h>
#include <util/debug.h>
#include "libmapi/folder.h"
#include "libmapi/property.h"
#include "libmapi/stream.h"

/* What one RopSetProperties carries safely: the ROP input buffer is
 * 32 KB (MS-OXCRPC 3.1.4.2), with room for the ROP's own fields. */
#define INLINE_MAX	(30 * 1024)

bool mail_data_inline(size_t len)
{
	return len <= INLINE_MAX;
}

/* The size of a value on the wire: UTF-16 for strings. */
static size_t wire_size(uint32_t tag, size_t len)
{
	return (tag & 0xFFFF) == PT_UNICODE ? 2 * (len + 1) : len;
}

/* The bytes of a stream on @tag: UTF-16LE with its NUL for strings. */
static enum MAPISTATUS stream_bytes(TALLOC_CTX *mem_ctx, uint32_t tag,
				    const uint8_t *data, size_t len,
				    DATA_BLOB *out)
{
	char *s;
	size_t n = 0;
	void *u = NULL;

	if ((tag & 0xFFFF) != PT_UNICODE) {
		*out = data_blob_const(data, len);
		return MAPI_E_SUCCESS;
	}
	s = talloc_strndup(mem_ctx, (const char *)data, len);
	if (s == NULL ||
	    !convert_string_talloc(mem_ctx, CH_UTF8, CH_UTF16LE, s,
				   strlen(s) + 1, &u, &n)) {
		return s == NULL ? MAPI_E_NOT_ENOUGH_MEMORY
				 : MAPI_E_INVALID_PARAMETER;
	}
	*out = data_blob_const(u, n);
	return MAPI_E_SUCCESS;
}

/* Write @b at the stream's start, piece by piece. */
static enum MAPISTATUS stream_write(struct mail_ctx *m, uint32_t stream,
				    const DATA_BLOB *b,
				    struct mail_progress *p, size_t len)
{
	TALLOC_CTX *tmp;
	size_t done = 0, n;
	uint16_t written = 0;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	while (rv == MAPI_E_SUCCESS && done < b->length) {
		n = b->length - done < MAPI_STREAM_WRITE_CHUNK
			    ? b->length - done : MAPI_STREAM_WRITE_CHUNK;
		tmp = talloc_new(m->mem);
		if (tmp == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		rv = mapi_stream_write(m->logon, tmp, stream, b->data + done,
				       n, &written);
		talloc_free(tmp);
		if (rv == MAPI_E_SUCCESS && written != n) {
			rv = MAPI_E_CALL_FAILED;
		}
		done += written;
		if (p != NULL) {
			/* in the caller's units: the value's length */
			mail_progress_add(p, (uint64_t)written * len /
						     b->length);
		}
	}
	return rv;
}

static enum MAPISTATUS write_stream(struct mail_ctx *m, uint32_t object,
				    uint32_t tag, const uint8_t *data,
				    size_t len, struct mail_progress *p)
{
	TALLOC_CTX *tmp = talloc_new(m->mem);
	enum MAPISTATUS rv, closing;
	uint32_t stream;
	DATA_BLOB b;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = stream_bytes(tmp, tag, data, len, &b);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_stream_open(m->logon, tmp, object, tag,
				      OpenStream_Create, &stream, NULL);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = stream_write(m, stream, &b, p, len);
		if (rv == MAPI_E_SUCCESS) {
			rv = mapi_stream_commit(m->logon, stream);
		}
		closing = mapi_object_release(m->logon, stream);
		rv = rv != MAPI_E_SUCCESS ? rv : closing;
	}
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mail_data_write(struct mail_ctx *m, uint32_t object,
				uint32_t tag, const uint8_t *data, size_t len,
				struct mail_progress *p)
{
	struct TaggedPropertyValue v = { .PropertyTag = tag };
	struct PropertyProblemList problems = { 0 };
	TALLOC_CTX *tmp;
	enum MAPISTATUS rv;

	if (!mail_data_inline(wire_size(tag, len))) {
		DBG_INFO("value 0x%08x of %zu bytes through a stream\n", tag,
			 len);
		return write_stream(m, object, tag, data, len, p);
	}
	tmp = talloc_new(m->mem);
	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if ((tag & 0xFFFF) == PT_UNICODE) {
		v.Value.String = talloc_strndup(tmp, (const char *)data, len);
		rv = v.Value.String ? MAPI_E_SUCCESS
				    : MAPI_E_NOT_ENOUGH_MEMORY;
	} else {
		v.Value.Binary.Count = len;
		v.Value.Binary.Data = discard_const_p(uint8_t, data);
		rv = MAPI_E_SUCCESS;
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_props_set(m->logon, tmp, object, &v, 1, &problems);
	}
	if (rv == MAPI_E_SUCCESS && problems.PropertyProblemCount > 0) {
		rv = problems.PropertyProblems[0].ErrorCode;
	}
	talloc_free(tmp);
	if (rv == MAPI_E_SUCCESS && p != NULL) {
		mail_progress_add(p, len);
	}
	return rv;
}

/* The value of one cell as bytes (strings without their NUL). */
static enum MAPISTATUS cell_bytes(TALLOC_CTX *mem_ctx, uint32_t tag,
				  const struct property_row_value *c,
				  DATA_BLOB *out)
{
	if (c->flag == 0x01) {
		return MAPI_E_NOT_FOUND;
	}
	if (c->flag != 0 || c->type == PT_ERROR) {
		return c->value.ErrorCode;
	}
	if ((tag & 0xFFFF) == PT_UNICODE) {
		const char *s = c->value.String ? c->value.String : "";

		*out = data_blob_talloc(mem_ctx, s, strlen(s));
	} else {
		*out = data_blob_talloc(mem_ctx, c->value.Binary.Data,
					c->value.Binary.Count);
	}
	return out->length == 0 || out->data != NULL
		       ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
}

/* The value of a stream: strings as UTF-8 without their NUL. */
static enum MAPISTATUS stream_value(TALLOC_CTX *mem_ctx, uint32_t tag,
				    DATA_BLOB *b)
{
	size_t n = 0;
	void *s = NULL;

	if ((tag & 0xFFFF) != PT_UNICODE) {
		return MAPI_E_SUCCESS;
	}
	while (b->length >= 2 && b->data[b->length - 1] == 0 &&
	       b->data[b->length - 2] == 0) {
		b->length -= 2;
	}
	if (b->length == 0) {
		*b = data_blob_talloc(mem_ctx, "", 0);
		return MAPI_E_SUCCESS;
	}
	if (!convert_string_talloc(mem_ctx, CH_UTF16LE, CH_UTF8, b->data,
				   b->length, &s, &n)) {
		return MAPI_E_CORRUPT_DATA;
	}
	data_blob_free(b);
	*b = data_blob_const(s, n);
	return MAPI_E_SUCCESS;
}

/* The whole value of @tag through a stream, piece by piece. */
static enum MAPISTATUS read_stream(struct mail_ctx *m, TALLOC_CTX *mem_ctx,
				   uint32_t object, uint32_t tag,
				   struct mail_progress *p, DATA_BLOB *out)
{
	TALLOC_CTX *tmp;
	uint32_t stream, size = 0;
	uint8_t *data;
	uint16_t got = 0;
	enum MAPISTATUS rv, closing;

	rv = mapi_stream_open(m->logon, mem_ctx, object, tag,
			      OpenStream_ReadOnly, &stream, &size);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	*out = data_blob_talloc(mem_ctx, NULL, 0);
	do {
		tmp = talloc_new(mem_ctx);
		rv = tmp ? mapi_stream_read(m->logon, tmp, stream,
					    MAPI_STREAM_READ_MAX, &data, &got)
			 : MAPI_E_NOT_ENOUGH_MEMORY;
		if (rv == MAPI_E_SUCCESS && got > 0 &&
		    !data_blob_append(mem_ctx, out, data, got)) {
			rv = MAPI_E_NOT_ENOUGH_MEMORY;
		}
		talloc_free(tmp);
		if (rv == MAPI_E_SUCCESS && p != NULL && size > 0) {
			mail_progress_add(p, (uint64_t)got * p->total / size);
		}
	} while (rv == MAPI_E_SUCCESS && got > 0);
	closing = mapi_object_release(m->logon, stream);
	if (rv == MAPI_E_SUCCESS) {
		rv = stream_value(mem_ctx, tag, out);
	}
	return rv != MAPI_E_SUCCESS ? rv : closing;
}

enum MAPISTATUS mail_data_read(struct mail_ctx *m, TALLOC_CTX *mem_ctx,
			       uint32_t object, uint32_t tag,
			       struct mail_progress *p, DATA_BLOB *out)
{
	struct property_row row = { 0 };
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	*out = data_blob_null;
	rv = mapi_props_get(m->logon, tmp, object, &tag, 1, true, 0, &row);
	if (rv == MAPI_E_SUCCESS && row.count != 1) {
		rv = MAPI_E_CALL_FAILED;
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = cell_bytes(mem_ctx, tag, &row.cells[0], out);
	}
	talloc_free(tmp);
	if (rv == MAPI_E_NOT_ENOUGH_MEMORY) {
		DBG_INFO("value 0x%08x through a stream\n", tag);
		return read_stream(m, mem_ctx, object, tag, p, out);
	}
	if (rv == MAPI_E_SUCCESS && p != NULL) {
		mail_progress_add(p, out->length);
	}
	return rv;
}
