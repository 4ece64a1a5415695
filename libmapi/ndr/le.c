/*
 * Little-endian readers and writers of libmapi/ndr's blobs (see
 * le_private.h).
 */
#include <string.h>

#include "le_private.h"
#include <charset.h>

void le_reader_init(struct le_reader *r, const uint8_t *data, size_t size)
{
	r->data = data;
	r->size = data != NULL ? size : 0;
	r->off = 0;
	r->bad = false;
}

size_t le_left(const struct le_reader *r)
{
	return r->size - r->off;
}

const uint8_t *le_get_bytes(struct le_reader *r, size_t n)
{
	const uint8_t *p;

	if (r->bad || n > le_left(r)) {
		r->bad = true;
		return NULL;
	}
	p = r->data + r->off;
	r->off += n;
	return p;
}

static uint64_t get_n(struct le_reader *r, size_t n)
{
	const uint8_t *p = le_get_bytes(r, n);
	uint64_t v = 0;
	size_t i;

	for (i = 0; p != NULL && i < n; i++) {
		v |= (uint64_t)p[i] << (8 * i);
	}
	return v;
}

uint8_t le_get8(struct le_reader *r)
{
	return get_n(r, 1);
}

uint16_t le_get16(struct le_reader *r)
{
	return get_n(r, 2);
}

uint32_t le_get32(struct le_reader *r)
{
	return get_n(r, 4);
}

uint64_t le_get64(struct le_reader *r)
{
	return get_n(r, 8);
}

uint8_t *le_dup_bytes(TALLOC_CTX *mem_ctx, struct le_reader *r, size_t n)
{
	const uint8_t *p = le_get_bytes(r, n);
	uint8_t *copy;

	if (p == NULL) {
		return NULL;
	}
	copy = talloc_array(mem_ctx, uint8_t, n + 1);
	if (copy != NULL) {
		memcpy(copy, p, n);
		copy[n] = 0;
	}
	return copy;
}

char *le_get_utf16_counted(TALLOC_CTX *mem_ctx, struct le_reader *r)
{
	uint16_t chars = le_get16(r);
	const uint8_t *p = le_get_bytes(r, (size_t)chars * 2);
	char *s = NULL;
	size_t len = 0;

	if (p == NULL) {
		return NULL;
	}
	if (chars == 0) {
		return talloc_strdup(mem_ctx, "");
	}
	if (!convert_string_talloc(mem_ctx, CH_UTF16LE, CH_UTF8, p,
				   (size_t)chars * 2, &s, &len)) {
		r->bad = true;
		return NULL;
	}
	return talloc_strndup(mem_ctx, s, len);
}

void le_writer_init(struct le_writer *w, TALLOC_CTX *mem_ctx)
{
	w->mem_ctx = mem_ctx;
	w->data = NULL;
	w->len = 0;
	w->oom = false;
}

void le_put_bytes(struct le_writer *w, const void *p, size_t n)
{
	uint8_t *grown;

	if (w->oom || n == 0) {
		return;
	}
	grown = talloc_realloc(w->mem_ctx, w->data, uint8_t, w->len + n);
	if (grown == NULL) {
		w->oom = true;
		return;
	}
	w->data = grown;
	if (p != NULL) {
		memcpy(w->data + w->len, p, n);
	} else {
		memset(w->data + w->len, 0, n);
	}
	w->len += n;
}

static void put_n(struct le_writer *w, uint64_t v, size_t n)
{
	uint8_t b[8];
	size_t i;

	for (i = 0; i < n; i++) {
		b[i] = (v >> (8 * i)) & 0xFF;
	}
	le_put_bytes(w, b, n);
}

void le_put8(struct le_writer *w, uint8_t v)
{
	put_n(w, v, 1);
}

void le_put16(struct le_writer *w, uint16_t v)
{
	put_n(w, v, 2);
}

void le_put32(struct le_writer *w, uint32_t v)
{
	put_n(w, v, 4);
}

void le_put64(struct le_writer *w, uint64_t v)
{
	put_n(w, v, 8);
}
