/*
   One-off entry IDs ([MS-OXCDATA] 2.2.5.1).

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

#include "oneoff.h"
#include "le_private.h"
#include <charset.h>

/* ProviderUID of one-off entry IDs ([MS-OXCDATA] 2.2.5.1). */
static const uint8_t oneoff_uid[16] = {
	0x81, 0x2B, 0x1F, 0xA4, 0xBE, 0xA3, 0x10, 0x19,
	0x9D, 0x6E, 0x00, 0xDD, 0x01, 0x0F, 0x54, 0x02
};

/* A UTF-8 string as UTF-16LE with its terminating NUL. */
static bool put_unicode(struct le_writer *w, const char *s)
{
	void *u = NULL;
	size_t len = 0;

	if (s == NULL) {
		return false;
	}
	if (!convert_string_talloc(w->mem_ctx, CH_UTF8, CH_UTF16LE, s,
				   strlen(s) + 1, &u, &len)) {
		return false;
	}
	le_put_bytes(w, u, len);
	talloc_free(u);
	return true;
}

enum MAPISTATUS mapi_oneoff_encode(TALLOC_CTX *mem_ctx,
				   const struct mapi_oneoff *in,
				   uint8_t **data, size_t *size)
{
	struct le_writer w;
	bool ok;

	if (in == NULL || data == NULL || size == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	le_writer_init(&w, mem_ctx);
	le_put32(&w, 0);
	le_put_bytes(&w, oneoff_uid, sizeof(oneoff_uid));
	le_put16(&w, 0);
	le_put16(&w, in->flags | MAPI_ONEOFF_UNICODE);
	ok = put_unicode(&w, in->display_name) &&
	     put_unicode(&w, in->address_type) &&
	     put_unicode(&w, in->address);
	if (!ok || w.oom) {
		TALLOC_FREE(w.data);
		return ok ? MAPI_E_NOT_ENOUGH_MEMORY : MAPI_E_INVALID_PARAMETER;
	}
	*data = w.data;
	*size = w.len;
	return MAPI_E_SUCCESS;
}

/* A NUL-terminated string: UTF-16LE (two zero bytes at an even offset
 * end it) or 8-bit. */
static const char *get_string(TALLOC_CTX *mem_ctx, struct le_reader *r,
			      bool unicode)
{
	size_t n, unit = unicode ? 2 : 1;
	const uint8_t *p = r->data + r->off;
	char *s = NULL;
	size_t len = 0;

	for (n = 0; n + unit <= le_left(r); n += unit) {
		if (p[n] == 0 && (!unicode || p[n + 1] == 0)) {
			break;
		}
	}
	if (le_get_bytes(r, n + unit) == NULL) {
		return NULL;
	}
	if (!unicode) {
		return talloc_strndup(mem_ctx, (const char *)p, n);
	}
	if (n == 0) {
		return talloc_strdup(mem_ctx, "");
	}
	if (!convert_string_talloc(mem_ctx, CH_UTF16LE, CH_UTF8, p, n, &s,
				   &len)) {
		return NULL;
	}
	return talloc_strndup(mem_ctx, s, len);
}

enum MAPISTATUS mapi_oneoff_decode(TALLOC_CTX *mem_ctx, const uint8_t *data,
				   size_t size, struct mapi_oneoff *out)
{
	struct le_reader r;
	const uint8_t *uid;
	bool unicode;

	if (out == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	memset(out, 0, sizeof(*out));
	le_reader_init(&r, data, size);
	le_get32(&r);
	uid = le_get_bytes(&r, sizeof(oneoff_uid));
	if (uid == NULL || memcmp(uid, oneoff_uid, sizeof(oneoff_uid)) != 0 ||
	    le_get16(&r) != 0) {
		return MAPI_E_CORRUPT_DATA;
	}
	out->flags = le_get16(&r);
	unicode = (out->flags & MAPI_ONEOFF_UNICODE) != 0;
	out->display_name = get_string(mem_ctx, &r, unicode);
	out->address_type = get_string(mem_ctx, &r, unicode);
	out->address = get_string(mem_ctx, &r, unicode);
	if (r.bad || out->display_name == NULL || out->address_type == NULL ||
	    out->address == NULL || le_left(&r) != 0) {
		return MAPI_E_CORRUPT_DATA;
	}
	return MAPI_E_SUCCESS;
}
