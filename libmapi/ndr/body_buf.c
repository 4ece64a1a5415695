/*
   Message body conversions: the output buffer and UTF-8.

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

#include <stdio.h>
#include <string.h>

#include "body_private.h"

void bb_init(struct body_buf *b, TALLOC_CTX *mem, size_t hint)
{
	b->mem = mem;
	b->len = 0;
	b->cap = hint < 64 ? 64 : hint;
	b->data = talloc_array(mem, char, b->cap);
	b->oom = b->data == NULL;
}

static bool bb_grow(struct body_buf *b, size_t n)
{
	size_t cap = b->cap;
	char *d;

	if (b->oom) {
		return false;
	}
	if (n <= b->cap - b->len) {
		return true;
	}
	while (n > cap - b->len) {
		if (cap > SIZE_MAX / 2) {
			b->oom = true;
			return false;
		}
		cap *= 2;
	}
	d = talloc_realloc(b->mem, b->data, char, cap);
	if (d == NULL) {
		b->oom = true;
		return false;
	}
	b->data = d;
	b->cap = cap;
	return true;
}

void bb_add(struct body_buf *b, const void *p, size_t n)
{
	if (n > 0 && bb_grow(b, n)) {
		memcpy(b->data + b->len, p, n);
		b->len += n;
	}
}

void bb_addc(struct body_buf *b, char c)
{
	if (b->len < b->cap && !b->oom) {
		b->data[b->len++] = c;
		return;
	}
	bb_add(b, &c, 1);
}

void bb_adds(struct body_buf *b, const char *s)
{
	bb_add(b, s, strlen(s));
}

void bb_addi(struct body_buf *b, int64_t v)
{
	char num[24];
	int n = snprintf(num, sizeof(num), "%lld", (long long)v);

	bb_add(b, num, (size_t)n);
}

size_t utf8_encode(uint32_t c, uint8_t *u)
{
	size_t n;

	if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		c = UNICODE_REPLACEMENT;
	}
	if (c < 0x80) {
		u[0] = (uint8_t)c;
		return 1;
	}
	if (c < 0x800) {
		u[0] = 0xC0 | (c >> 6);
		n = 2;
	} else if (c < 0x10000) {
		u[0] = 0xE0 | (c >> 12);
		u[1] = 0x80 | ((c >> 6) & 0x3F);
		n = 3;
	} else {
		u[0] = 0xF0 | (c >> 18);
		u[1] = 0x80 | ((c >> 12) & 0x3F);
		u[2] = 0x80 | ((c >> 6) & 0x3F);
		n = 4;
	}
	u[n - 1] = 0x80 | (c & 0x3F);
	return n;
}

void bb_add_utf8(struct body_buf *b, uint32_t c)
{
	uint8_t u[4];

	if (c < 0x80) {
		bb_addc(b, (char)c);
		return;
	}
	bb_add(b, u, utf8_encode(c, u));
}

enum MAPISTATUS bb_finish(struct body_buf *b, char **out, size_t *len)
{
	bb_addc(b, '\0');
	if (b->oom) {
		bb_free(b);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	*out = b->data;
	*len = b->len - 1;
	b->data = NULL;
	return MAPI_E_SUCCESS;
}

void bb_free(struct body_buf *b)
{
	TALLOC_FREE(b->data);
	b->len = b->cap = 0;
}

/* Length of the UTF-8 sequence starting with @p c, 0 if it cannot
 * start one */
static size_t utf8_seq_len(uint8_t c)
{
	if (c < 0x80) {
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF) {
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		return 4;
	}
	return 0;
}

uint32_t utf8_next(const char *str, size_t len, size_t *pos)
{
	const uint8_t *s = (const uint8_t *)str + *pos;
	size_t left = len - *pos, n = utf8_seq_len(s[0]), i;
	uint32_t c;

	if (n == 1) {
		(*pos)++;
		return s[0];
	}
	if (n == 0 || n > left) {
		(*pos)++;
		return UNICODE_REPLACEMENT;
	}
	c = s[0] & (0x7F >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			(*pos)++;
			return UNICODE_REPLACEMENT;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* overlong forms, surrogates and values past U+10FFFF */
	if ((n == 3 && c < 0x800) ||
	    (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF)) {
		(*pos)++;
		return UNICODE_REPLACEMENT;
	}
	*pos += n;
	return c;
}

bool utf8_valid(const uint8_t *s, size_t len)
{
	size_t pos = 0, before;
	uint32_t c;

	while (pos < len) {
		before = pos;
		c = utf8_next((const char *)s, len, &pos);
		if (c == UNICODE_REPLACEMENT && pos - before != 3) {
			return false;
		}
		if (c == UNICODE_REPLACEMENT &&
		    memcmp(s + before, "\xEF\xBF\xBD", 3) != 0) {
			return false;
		}
	}
	return true;
}
