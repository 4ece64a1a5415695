/*
   Recurrence blobs ([MS-OXOCAL] 2.2.1.44): RecurrencePattern and
   AppointmentRecurrencePattern, both directions.

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

#include "recurrence.h"
#include "le_private.h"

/* Bytes of PatternTypeSpecific for a PatternType, -1 when unknown. */
static int pattern_size(uint16_t type)
{
	switch (type) {
	case MAPI_PATTERN_DAY:
		return 0;
	case MAPI_PATTERN_WEEK:
	case MAPI_PATTERN_MONTH:
	case MAPI_PATTERN_MONTH_END:
	case MAPI_PATTERN_HJ_MONTH:
	case MAPI_PATTERN_HJ_MONTH_END:
		return 4;
	case MAPI_PATTERN_MONTH_NTH:
	case MAPI_PATTERN_HJ_MONTH_NTH:
		return 8;
	default:
		return -1;
	}
}

/* A counted array of dates; the count cannot exceed what is left. */
static uint32_t *get_dates(TALLOC_CTX *mem_ctx, struct le_reader *r,
			   uint32_t *count)
{
	uint32_t *dates, i;

	*count = le_get32(r);
	if (r->bad || *count > le_left(r) / 4) {
		r->bad = true;
		return NULL;
	}
	dates = talloc_array(mem_ctx, uint32_t, *count ? *count : 1);
	for (i = 0; dates != NULL && i < *count; i++) {
		dates[i] = le_get32(r);
	}
	return dates;
}

static enum MAPISTATUS pull_pattern(TALLOC_CTX *mem_ctx, struct le_reader *r,
				    struct mapi_recurrence *p)
{
	int n, i;

	memset(p, 0, sizeof(*p));
	p->reader_version = le_get16(r);
	p->writer_version = le_get16(r);
	p->frequency = le_get16(r);
	p->pattern_type = le_get16(r);
	p->calendar_type = le_get16(r);
	p->first_date_time = le_get32(r);
	p->period = le_get32(r);
	p->sliding_flag = le_get32(r);
	n = pattern_size(p->pattern_type);
	if (n < 0) {
		return MAPI_E_CORRUPT_DATA;
	}
	for (i = 0; i < n / 4; i++) {
		p->pattern[i] = le_get32(r);
	}
	p->end_type = le_get32(r);
	p->occurrence_count = le_get32(r);
	p->first_dow = le_get32(r);
	p->deleted_dates = get_dates(mem_ctx, r, &p->deleted_count);
	p->modified_dates = get_dates(mem_ctx, r, &p->modified_count);
	p->start_date = le_get32(r);
	p->end_date = le_get32(r);
	if (r->bad) {
		return MAPI_E_CORRUPT_DATA;
	}
	if (p->deleted_dates == NULL || p->modified_dates == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_recurrence_decode(TALLOC_CTX *mem_ctx,
				       const uint8_t *data, size_t size,
				       struct mapi_recurrence *out,
				       size_t *used)
{
	struct le_reader r;
	enum MAPISTATUS rv;

	if (out == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	le_reader_init(&r, data, size);
	rv = pull_pattern(mem_ctx, &r, out);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (used != NULL) {
		*used = r.off;
	} else if (le_left(&r) != 0) {
		return MAPI_E_CORRUPT_DATA;
	}
	return MAPI_E_SUCCESS;
}

static bool push_pattern(struct le_writer *w, const struct mapi_recurrence *p)
{
	int n = pattern_size(p->pattern_type), i;
	uint32_t k;

	if (n < 0 || (p->deleted_count && p->deleted_dates == NULL) ||
	    (p->modified_count && p->modified_dates == NULL)) {
		return false;
	}
	le_put16(w, p->reader_version);
	le_put16(w, p->writer_version);
	le_put16(w, p->frequency);
	le_put16(w, p->pattern_type);
	le_put16(w, p->calendar_type);
	le_put32(w, p->first_date_time);
	le_put32(w, p->period);
	le_put32(w, p->sliding_flag);
	for (i = 0; i < n / 4; i++) {
		le_put32(w, p->pattern[i]);
	}
	le_put32(w, p->end_type);
	le_put32(w, p->occurrence_count);
	le_put32(w, p->first_dow);
	le_put32(w, p->deleted_count);
	for (k = 0; k < p->deleted_count; k++) {
		le_put32(w, p->deleted_dates[k]);
	}
	le_put32(w, p->modified_count);
	for (k = 0; k < p->modified_count; k++) {
		le_put32(w, p->modified_dates[k]);
	}
	le_put32(w, p->start_date);
	le_put32(w, p->end_date);
	return true;
}

static enum MAPISTATUS writer_result(struct le_writer *w, bool ok,
				     uint8_t **data, size_t *size)
{
	if (!ok) {
		TALLOC_FREE(w->data);
		return MAPI_E_INVALID_PARAMETER;
	}
	if (w->oom) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	*data = w->data;
	*size = w->len;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_recurrence_encode(TALLOC_CTX *mem_ctx,
				       const struct mapi_recurrence *in,
				       uint8_t **data, size_t *size)
{
	struct le_writer w;

	if (in == NULL || data == NULL || size == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	le_writer_init(&w, mem_ctx);
	return writer_result(&w, push_pattern(&w, in), data, size);
}
