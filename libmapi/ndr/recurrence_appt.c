/*
   AppointmentRecurrencePattern ([MS-OXOCAL] 2.2.1.44.5) with its
   ExceptionInfo (2.2.1.44.2) and ExtendedException (2.2.1.44.3)
   structures, both directions.

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
#include <charset.h>

/* The ExtendedException carries dates and wide strings only for an
 * exception that changes its subject or location. */
#define ARO_EXT_STRINGS (MAPI_ARO_SUBJECT | MAPI_ARO_LOCATION)

/* A reserved block: a 32-bit size, then as many bytes. */
static void get_block(TALLOC_CTX *mem_ctx, struct le_reader *r,
		      struct mapi_recur_block *b)
{
	b->size = le_get32(r);
	b->data = le_dup_bytes(mem_ctx, r, b->size);
}

static void put_block(struct le_writer *w, const struct mapi_recur_block *b)
{
	le_put32(w, b->size);
	le_put_bytes(w, b->data, b->size);
}

/* An 8-bit string of ExceptionInfo: Length (chars + 1), Length2
 * (chars), the chars. */
static char *get_string8(TALLOC_CTX *mem_ctx, struct le_reader *r)
{
	uint16_t len = le_get16(r), len2 = le_get16(r);

	if (len != (uint32_t)len2 + 1) {
		r->bad = true;
		return NULL;
	}
	return (char *)le_dup_bytes(mem_ctx, r, len2);
}

static bool put_string8(struct le_writer *w, const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	if (s == NULL || n >= UINT16_MAX) {
		return false;
	}
	le_put16(w, n + 1);
	le_put16(w, n);
	le_put_bytes(w, s, n);
	return true;
}

static bool put_wide(struct le_writer *w, const char *s)
{
	void *u = NULL;
	size_t len = 0;

	if (s == NULL) {
		return false;
	}
	if (*s != '\0' &&
	    !convert_string_talloc(w->mem_ctx, CH_UTF8, CH_UTF16LE, s,
				   strlen(s), &u, &len)) {
		return false;
	}
	if (len / 2 > UINT16_MAX) {
		return false;
	}
	le_put16(w, len / 2);
	le_put_bytes(w, u, len);
	talloc_free(u);
	return true;
}

static uint32_t get_if(struct le_reader *r, uint16_t flags, uint16_t bit)
{
	return (flags & bit) ? le_get32(r) : 0;
}

static void pull_info(TALLOC_CTX *mem_ctx, struct le_reader *r,
		      struct mapi_recur_exception *e)
{
	uint16_t f;

	e->start = le_get32(r);
	e->end = le_get32(r);
	e->original_start = le_get32(r);
	f = e->override_flags = le_get16(r);
	if (f & MAPI_ARO_SUBJECT) {
		e->subject = get_string8(mem_ctx, r);
	}
	e->meeting_type = get_if(r, f, MAPI_ARO_MEETINGTYPE);
	e->reminder_delta = get_if(r, f, MAPI_ARO_REMINDERDELTA);
	e->reminder_set = get_if(r, f, MAPI_ARO_REMINDER);
	if (f & MAPI_ARO_LOCATION) {
		e->location = get_string8(mem_ctx, r);
	}
	e->busy_status = get_if(r, f, MAPI_ARO_BUSYSTATUS);
	e->attachment = get_if(r, f, MAPI_ARO_ATTACHMENT);
	e->sub_type = get_if(r, f, MAPI_ARO_SUBTYPE);
	e->appointment_color = get_if(r, f, MAPI_ARO_APPTCOLOR);
}

static void pull_extended(TALLOC_CTX *mem_ctx, struct le_reader *r,
			  uint32_t writer_version2,
			  struct mapi_recur_exception *e)
{
	uint16_t f = e->override_flags;

	if (writer_version2 >= MAPI_RECUR_WRITER_VERSION2) {
		get_block(mem_ctx, r, &e->change_highlight);
	}
	get_block(mem_ctx, r, &e->reserved_ee1);
	if ((f & ARO_EXT_STRINGS) == 0) {
		return;
	}
	e->ext_start = le_get32(r);
	e->ext_end = le_get32(r);
	e->ext_original_start = le_get32(r);
	if (f & MAPI_ARO_SUBJECT) {
		e->wide_subject = le_get_utf16_counted(mem_ctx, r);
	}
	if (f & MAPI_ARO_LOCATION) {
		e->wide_location = le_get_utf16_counted(mem_ctx, r);
	}
	get_block(mem_ctx, r, &e->reserved_ee2);
}

static enum MAPISTATUS pull_exceptions(TALLOC_CTX *mem_ctx,
				       struct le_reader *r,
				       struct mapi_appt_recurrence *a)
{
	uint16_t i;

	/* an ExceptionInfo takes 14 bytes at least */
	a->exception_count = le_get16(r);
	if (r->bad || a->exception_count > le_left(r) / 14) {
		return MAPI_E_CORRUPT_DATA;
	}
	a->exceptions = talloc_zero_array(mem_ctx, struct mapi_recur_exception,
					  a->exception_count ?
					  a->exception_count : 1);
	if (a->exceptions == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < a->exception_count && !r->bad; i++) {
		pull_info(a->exceptions, r, &a->exceptions[i]);
	}
	get_block(mem_ctx, r, &a->reserved1);
	for (i = 0; i < a->exception_count && !r->bad; i++) {
		pull_extended(a->exceptions, r, a->writer_version2,
			      &a->exceptions[i]);
	}
	get_block(mem_ctx, r, &a->reserved2);
	return r->bad ? MAPI_E_CORRUPT_DATA : MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_appt_recurrence_decode(TALLOC_CTX *mem_ctx,
					    const uint8_t *data, size_t size,
					    struct mapi_appt_recurrence *out)
{
	struct le_reader r;
	enum MAPISTATUS rv;
	size_t used = 0;

	if (out == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	memset(out, 0, sizeof(*out));
	rv = mapi_recurrence_decode(mem_ctx, data, size, &out->pattern,
				    &used);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	le_reader_init(&r, data + used, size - used);
	out->reader_version2 = le_get32(&r);
	out->writer_version2 = le_get32(&r);
	out->start_time_offset = le_get32(&r);
	out->end_time_offset = le_get32(&r);
	rv = pull_exceptions(mem_ctx, &r, out);
	if (rv == MAPI_E_SUCCESS && le_left(&r) != 0) {
		rv = MAPI_E_CORRUPT_DATA;
	}
	return rv;
}

static void put_if(struct le_writer *w, uint16_t flags, uint16_t bit,
		   uint32_t v)
{
	if (flags & bit) {
		le_put32(w, v);
	}
}

static bool push_info(struct le_writer *w,
		      const struct mapi_recur_exception *e)
{
	uint16_t f = e->override_flags;

	le_put32(w, e->start);
	le_put32(w, e->end);
	le_put32(w, e->original_start);
	le_put16(w, f);
	if ((f & MAPI_ARO_SUBJECT) && !put_string8(w, e->subject)) {
		return false;
	}
	put_if(w, f, MAPI_ARO_MEETINGTYPE, e->meeting_type);
	put_if(w, f, MAPI_ARO_REMINDERDELTA, e->reminder_delta);
	put_if(w, f, MAPI_ARO_REMINDER, e->reminder_set);
	if ((f & MAPI_ARO_LOCATION) && !put_string8(w, e->location)) {
		return false;
	}
	put_if(w, f, MAPI_ARO_BUSYSTATUS, e->busy_status);
	put_if(w, f, MAPI_ARO_ATTACHMENT, e->attachment);
	put_if(w, f, MAPI_ARO_SUBTYPE, e->sub_type);
	put_if(w, f, MAPI_ARO_APPTCOLOR, e->appointment_color);
	return true;
}

static bool push_extended(struct le_writer *w, uint32_t writer_version2,
			  const struct mapi_recur_exception *e)
{
	uint16_t f = e->override_flags;

	if (writer_version2 >= MAPI_RECUR_WRITER_VERSION2) {
		put_block(w, &e->change_highlight);
	}
	put_block(w, &e->reserved_ee1);
	if ((f & ARO_EXT_STRINGS) == 0) {
		return true;
	}
	le_put32(w, e->ext_start);
	le_put32(w, e->ext_end);
	le_put32(w, e->ext_original_start);
	if ((f & MAPI_ARO_SUBJECT) && !put_wide(w, e->wide_subject)) {
		return false;
	}
	if ((f & MAPI_ARO_LOCATION) && !put_wide(w, e->wide_location)) {
		return false;
	}
	put_block(w, &e->reserved_ee2);
	return true;
}

static bool push_appt(struct le_writer *w,
		      const struct mapi_appt_recurrence *a)
{
	uint16_t i;
	bool ok = true;

	if (a->exception_count != 0 && a->exceptions == NULL) {
		return false;
	}
	le_put32(w, a->reader_version2);
	le_put32(w, a->writer_version2);
	le_put32(w, a->start_time_offset);
	le_put32(w, a->end_time_offset);
	le_put16(w, a->exception_count);
	for (i = 0; ok && i < a->exception_count; i++) {
		ok = push_info(w, &a->exceptions[i]);
	}
	put_block(w, &a->reserved1);
	for (i = 0; ok && i < a->exception_count; i++) {
		ok = push_extended(w, a->writer_version2, &a->exceptions[i]);
	}
	put_block(w, &a->reserved2);
	return ok;
}

enum MAPISTATUS mapi_appt_recurrence_encode(TALLOC_CTX *mem_ctx,
					    const struct mapi_appt_recurrence
						    *in,
					    uint8_t **data, size_t *size)
{
	uint8_t *head = NULL, *tail = NULL;
	size_t hlen = 0;
	struct le_writer w;
	enum MAPISTATUS rv;

	if (in == NULL || data == NULL || size == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	rv = mapi_recurrence_encode(mem_ctx, &in->pattern, &head, &hlen);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	le_writer_init(&w, head);
	le_put_bytes(&w, head, hlen);
	if (!push_appt(&w, in) || w.oom) {
		rv = w.oom ? MAPI_E_NOT_ENOUGH_MEMORY
			   : MAPI_E_INVALID_PARAMETER;
		talloc_free(head);
		return rv;
	}
	tail = talloc_steal(mem_ctx, w.data);
	talloc_free(head);
	*data = tail;
	*size = w.len;
	return MAPI_E_SUCCESS;
}
