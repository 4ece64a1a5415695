/*
   Global object IDs ([MS-OXOCAL] 2.2.1.27).

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

#include "goid.h"
#include "le_private.h"

/* Byte Array ID ([MS-OXOCAL] 2.2.1.27). */
static const uint8_t goid_id[16] = {
	0x04, 0x00, 0x00, 0x00, 0x82, 0x00, 0xE0, 0x00,
	0x74, 0xC5, 0xB7, 0x10, 0x1A, 0x82, 0xE0, 0x08
};

enum MAPISTATUS mapi_goid_encode(TALLOC_CTX *mem_ctx,
				 const struct mapi_goid *in,
				 uint8_t **data, size_t *size)
{
	struct le_writer w;

	if (in == NULL || data == NULL || size == NULL ||
	    (in->size != 0 && in->data == NULL)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	le_writer_init(&w, mem_ctx);
	le_put_bytes(&w, goid_id, sizeof(goid_id));
	le_put8(&w, in->year >> 8);	/* YH, then YL: big-endian */
	le_put8(&w, in->year & 0xFF);
	le_put8(&w, in->month);
	le_put8(&w, in->day);
	le_put64(&w, in->creation_time);
	le_put_bytes(&w, in->reserved, sizeof(in->reserved));
	le_put32(&w, in->size);
	le_put_bytes(&w, in->data, in->size);
	if (w.oom) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	*data = w.data;
	*size = w.len;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_goid_decode(TALLOC_CTX *mem_ctx, const uint8_t *data,
				 size_t size, struct mapi_goid *out)
{
	struct le_reader r;
	const uint8_t *id, *x;

	if (out == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	memset(out, 0, sizeof(*out));
	le_reader_init(&r, data, size);
	id = le_get_bytes(&r, sizeof(goid_id));
	if (id == NULL || memcmp(id, goid_id, sizeof(goid_id)) != 0) {
		return MAPI_E_CORRUPT_DATA;
	}
	out->year = (uint16_t)le_get8(&r) << 8;
	out->year |= le_get8(&r);
	out->month = le_get8(&r);
	out->day = le_get8(&r);
	out->creation_time = le_get64(&r);
	x = le_get_bytes(&r, sizeof(out->reserved));
	out->size = le_get32(&r);
	if (r.bad || out->size != le_left(&r)) {
		return MAPI_E_CORRUPT_DATA;
	}
	memcpy(out->reserved, x, sizeof(out->reserved));
	out->data = le_dup_bytes(mem_ctx, &r, out->size);
	return out->data != NULL ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
}
