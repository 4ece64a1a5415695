/*
 * mapimail: large property values (message bodies, attachment data).
 * A value that fits a ROP buffer goes in RopSetProperties and comes back
 * from RopGetPropertiesSpecific; a server answers a value too big for
 * its response with the error MAPI_E_NOT_ENOUGH_MEMORY in its place
 * (MS-OXCPRPT 3.2.5.1), and the value must then go through a stream.
 * Binary values are the bytes; string values (PT_UNICODE tags) are
 * UTF-8 here.
 */
#include <string.h>
#include <util/debug.h>

#include "mapimail.h"
#include "libmapi/property.h"

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

enum MAPISTATUS mail_data_write(struct mail_ctx *m, uint32_t object,
				uint32_t tag, const uint8_t *data, size_t len,
				struct mail_progress *p)
{
	struct TaggedPropertyValue v = { .PropertyTag = tag };
	struct PropertyProblemList problems = { 0 };
	TALLOC_CTX *tmp;
	enum MAPISTATUS rv;

	if (!mail_data_inline(wire_size(tag, len))) {
		DBG_NOTICE("value 0x%08x of %zu bytes needs a stream\n", tag,
			   len);
		return MAPI_E_TOO_BIG;
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
	if (rv == MAPI_E_SUCCESS && p != NULL) {
		mail_progress_add(p, out->length);
	}
	return rv;
}
