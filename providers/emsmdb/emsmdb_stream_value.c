/*
 * A stream's bytes and the property value they stand for (MS-OXCPRPT
 * 2.2.14, 3.2.5.11, 3.2.5.15).
 *
 * A PtypBinary (or PtypObject) stream holds the value's bytes; a
 * PtypString stream its UTF-16LE code units and a PtypString8 stream its
 * bytes in the session's code page, each followed by a terminating null
 * character when built from a value.  Back to a value, a string ends at
 * its first null character; strings are stored as Unicode.  Large values
 * the store keeps out of line in the stream's own form are read in place.
 */
#include "emsmdb.h"
#include "emsmdb_stream_data.h"
#include "libmapi/ndr/string8.h"

#include <string.h>
#include <util/debug.h>

/* The tag a stream's value is stored under: strings as Unicode, a
 * PtypObject (an attachment's data, MS-OXCMSG 2.2.2.7) as its binary. */
uint32_t emsmdb_stream_stored_tag(uint32_t tag)
{
	uint16_t id = MSTORE_PROP_ID(tag);

	switch (MSTORE_PROP_TYPE(tag)) {
	case PT_OBJECT:
	case PT_BINARY:
		return MSTORE_PROP_TAG(id, PT_BINARY);
	default:
		return MSTORE_PROP_TAG(id, PT_UNICODE);
	}
}

static bool is_string(uint16_t type)
{
	return type == PT_STRING8 || type == PT_UNICODE;
}

/* ------------------------------------------------------ UTF-16LE */

static size_t utf16_put(uint8_t *p, uint32_t c)
{
	if (c < 0x10000) {
		p[0] = c & 0xFF;
		p[1] = c >> 8;
		return 2;
	}
	c -= 0x10000;
	utf16_put(p, 0xD800 | (c >> 10));
	utf16_put(p + 2, 0xDC00 | (c & 0x3FF));
	return 4;
}

/* One UTF-8 character (U+FFFD for a malformed one); its length. */
static size_t utf8_get(const uint8_t *s, size_t n, uint32_t *c)
{
	size_t len, i;

	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	}
	len = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 :
	      (s[0] & 0xF8) == 0xF0 ? 4 : 0;
	*c = 0xFFFD;
	if (len == 0 || len > n) {
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			return 1;
		}
	}
	*c = s[0] & (0x7F >> len);
	for (i = 1; i < len; i++) {
		*c = (*c << 6) | (s[i] & 0x3F);
	}
	return len;
}

/* UTF-8 as UTF-16LE with a terminating null character. */
static uint8_t *utf16_of(TALLOC_CTX *mem_ctx, const char *utf8,
			 size_t *out_len)
{
	size_t n = strlen(utf8), i = 0, used = 0;
	uint8_t *out = talloc_array(mem_ctx, uint8_t, 2 * n + 2);
	uint32_t c;

	while (out != NULL && i < n) {
		i += utf8_get((const uint8_t *)utf8 + i, n - i, &c);
		used += utf16_put(out + used, c);
	}
	if (out != NULL) {
		out[used++] = 0;
		out[used++] = 0;
		*out_len = used;
	}
	return out;
}

static size_t utf8_put(uint8_t *p, uint32_t c)
{
	if (c < 0x80) {
		p[0] = c;
		return 1;
	}
	if (c < 0x800) {
		p[0] = 0xC0 | (c >> 6);
		p[1] = 0x80 | (c & 0x3F);
		return 2;
	}
	if (c < 0x10000) {
		p[0] = 0xE0 | (c >> 12);
		p[1] = 0x80 | ((c >> 6) & 0x3F);
		p[2] = 0x80 | (c & 0x3F);
		return 3;
	}
	p[0] = 0xF0 | (c >> 18);
	p[1] = 0x80 | ((c >> 12) & 0x3F);
	p[2] = 0x80 | ((c >> 6) & 0x3F);
	p[3] = 0x80 | (c & 0x3F);
	return 4;
}

/* UTF-16LE up to its first null character as UTF-8; an unpaired
 * surrogate becomes U+FFFD and an odd last byte is dropped, so that any
 * bytes a client wrote so far make a value. */
static char *utf8_of(TALLOC_CTX *mem_ctx, const uint8_t *p, size_t n)
{
	char *out = talloc_array(mem_ctx, char, (n / 2) * 3 + 1);
	size_t i, used = 0;
	uint32_t c, lo;

	for (i = 0; out != NULL && i + 1 < n; i += 2) {
		c = p[i] | p[i + 1] << 8;
		if (c == 0) {
			break;
		}
		if (c >= 0xD800 && c < 0xDC00 && i + 3 < n) {
			lo = p[i + 2] | p[i + 3] << 8;
			if (lo >= 0xDC00 && lo < 0xE000) {
				c = 0x10000 + ((c - 0xD800) << 10) +
				    (lo - 0xDC00);
				i += 2;
			} else {
				c = 0xFFFD;
			}
		} else if (c >= 0xD800 && c < 0xE000) {
			c = 0xFFFD;
		}
		used += utf8_put((uint8_t *)out + used, c);
	}
	if (out != NULL) {
		out[used] = '\0';
	}
	return out;
}

/* -------------------------------------------------- value to bytes */

static enum MAPISTATUS set_bytes(struct emsmdb_stream_data *d,
				 const uint8_t *p, size_t n)
{
	enum MAPISTATUS ret;

	d->len = 0;
	if (n <= MSTORE_LARGE_THRESHOLD) {
		d->mem = talloc_memdup(d, p, n > 0 ? n : 1);
		d->len = n;
		return d->mem != NULL ? MAPI_E_SUCCESS
				      : MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mstore_lob_create(d, d->store, &d->lob);
	if (ret == MAPI_E_SUCCESS) {
		d->own = true;
		ret = mstore_lob_write(d->lob, 0, p, n);
	}
	return ret;
}

/* An ordinary value's bytes in the stream's form. */
static enum MAPISTATUS load_inline(struct emsmdb_stream_data *d,
				   const struct mstore_value *v)
{
	uint16_t want = MSTORE_PROP_TYPE(d->tag);
	uint16_t have = MSTORE_PROP_TYPE(v->tag);
	TALLOC_CTX *tmp;
	const char *utf8;
	uint8_t *p;
	size_t n = 0;
	enum MAPISTATUS ret;

	if (!is_string(want)) {
		return have == PT_BINARY ?
		       set_bytes(d, v->v.bin.data, v->v.bin.length) :
		       MAPI_E_NOT_FOUND;
	}
	if (!is_string(have)) {
		return MAPI_E_NOT_FOUND;
	}
	tmp = talloc_new(d);
	utf8 = v->v.str != NULL ? v->v.str : "";
	if (have == PT_STRING8) {	/* set through the store alone */
		utf8 = mapi_string8_decode(tmp, d->code_page, utf8,
					   strlen(utf8), &n);
	}
	if (utf8 == NULL) {
		p = NULL;
	} else if (want == PT_UNICODE) {
		p = utf16_of(tmp, utf8, &n);
	} else {
		p = (uint8_t *)mapi_string8_encode(tmp, d->code_page, utf8,
						   strlen(utf8) + 1, &n);
	}
	ret = p != NULL ? set_bytes(d, p, n) : MAPI_E_NOT_ENOUGH_MEMORY;
	talloc_free(tmp);
	return ret;
}

/* A large value: read in place when kept in the stream's form. */
static enum MAPISTATUS load_large(struct emsmdb_stream_data *d,
				  const struct mstore_value *v)
{
	uint16_t want = MSTORE_PROP_TYPE(d->tag);
	struct mstore_value whole;
	uint64_t size;
	uint32_t real;
	enum MAPISTATUS ret;

	mstore_large_info(v, &real, &size);
	if (want == PT_OBJECT) {
		want = PT_BINARY;
	}
	if (want == MSTORE_PROP_TYPE(real)) {
		return mstore_lob_open(d, d->store, v, &d->lob);
	}
	if (!is_string(want) || !is_string(MSTORE_PROP_TYPE(real))) {
		return MAPI_E_NOT_FOUND;
	}
	/* the other string type: converted, whole, once */
	ret = mstore_large_load(d, d->store, v, &whole);
	if (ret == MAPI_E_SUCCESS) {
		ret = load_inline(d, &whole);
		talloc_free(discard_const(whole.v.str));
	}
	return ret;
}

enum MAPISTATUS emsmdb_stream_data_load(struct emsmdb_stream_data *d,
					const struct mstore_value *v)
{
	if (v == NULL) {
		return MAPI_E_NOT_FOUND;
	}
	if (mstore_value_is_large(v)) {
		return load_large(d, v);
	}
	return load_inline(d, v);
}

/* -------------------------------------------------- bytes to value */

/* Whether making a value costs a conversion of the whole stream: a
 * large PtypString8 one (its value is set at commit and release only). */
bool emsmdb_stream_data_costly(const struct emsmdb_stream_data *d)
{
	return MSTORE_PROP_TYPE(d->tag) == PT_STRING8 &&
	       emsmdb_stream_data_size(d) > MSTORE_LARGE_THRESHOLD;
}

static enum MAPISTATUS read_all(TALLOC_CTX *mem_ctx,
				struct emsmdb_stream_data *d, uint8_t **p,
				size_t *n)
{
	uint64_t size = emsmdb_stream_data_size(d);
	enum MAPISTATUS ret;

	*p = talloc_array(mem_ctx, uint8_t, size + 1);
	if (*p == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = emsmdb_stream_data_read(d, 0, *p, size, n);
	(*p)[*n] = 0;
	return ret;
}

static enum MAPISTATUS small_value(TALLOC_CTX *mem_ctx,
				   struct emsmdb_stream_data *d,
				   struct mstore_value *v)
{
	uint8_t *p;
	size_t n = 0, out;
	enum MAPISTATUS ret = read_all(mem_ctx, d, &p, &n);

	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	switch (MSTORE_PROP_TYPE(d->tag)) {
	case PT_BINARY:
	case PT_OBJECT:
		v->v.bin.length = n;
		v->v.bin.data = p;
		return MAPI_E_SUCCESS;
	case PT_UNICODE:
		v->v.str = utf8_of(mem_ctx, p, n);
		break;
	default:
		v->v.str = mapi_string8_decode(mem_ctx, d->code_page,
					       (const char *)p,
					       strlen((const char *)p), &out);
		break;
	}
	return v->v.str != NULL ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
}

/* A large PtypString8 stream as a large Unicode value. */
static enum MAPISTATUS large_string8_value(TALLOC_CTX *mem_ctx,
					   struct emsmdb_stream_data *d,
					   struct mstore_value *v)
{
	struct mstore_value text = { .tag = v->tag };
	struct mstore_lob *lob;
	uint8_t *utf16;
	size_t n;
	enum MAPISTATUS ret = small_value(mem_ctx, d, &text);

	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	utf16 = utf16_of(mem_ctx, text.v.str, &n);
	ret = utf16 != NULL ? mstore_lob_create(mem_ctx, d->store, &lob)
			    : MAPI_E_NOT_ENOUGH_MEMORY;
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_lob_write(lob, 0, utf16, n);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_lob_value(mem_ctx, lob, v->tag, v);
	}
	return ret;
}

enum MAPISTATUS emsmdb_stream_data_value(TALLOC_CTX *mem_ctx,
					 struct emsmdb_stream_data *d,
					 struct mstore_value *v)
{
	memset(v, 0, sizeof(*v));
	v->tag = emsmdb_stream_stored_tag(d->tag);
	if (emsmdb_stream_data_size(d) <= MSTORE_LARGE_THRESHOLD) {
		return small_value(mem_ctx, d, v);
	}
	if (MSTORE_PROP_TYPE(d->tag) == PT_STRING8) {
		return large_string8_value(mem_ctx, d, v);
	}
	return mstore_lob_value(mem_ctx, d->lob, v->tag, v);
}
