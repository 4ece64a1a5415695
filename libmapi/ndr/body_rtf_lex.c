/*
   Message body conversions: the RTF tokenizer ([MSFT-RTF] "RTF Syntax").

   An RTF stream is groups ({ }), control words (a backslash, up to 32
   ASCII letters, an optional signed number, and an optional space that
   belongs to the word), control symbols (a backslash and one other
   character; \'xx carries one byte in hexadecimal) and text.  Raw CR
   and LF bytes are not text: writers insert them freely.

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

#include "body_private.h"

/* More digits than an int32 has: the value saturates */
#define PARAM_DIGITS_MAX 10

void rtf_lex_init(struct rtf_lexer *lx, const char *rtf, size_t len)
{
	lx->p = (const uint8_t *)rtf;
	lx->len = len;
	lx->pos = 0;
}

void rtf_lex_skip(struct rtf_lexer *lx, size_t n)
{
	size_t left = lx->len - lx->pos;

	lx->pos += n < left ? n : left;
}

static bool is_alpha(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(uint8_t c)
{
	return c >= '0' && c <= '9';
}

static int hex_value(uint8_t c)
{
	if (is_digit(c)) {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

/* The optional numeric parameter of a control word */
static void lex_param(struct rtf_lexer *lx, struct rtf_token *t)
{
	bool neg = false;
	int64_t v = 0;
	unsigned digits = 0;

	if (lx->pos < lx->len && lx->p[lx->pos] == '-' &&
	    lx->pos + 1 < lx->len && is_digit(lx->p[lx->pos + 1])) {
		neg = true;
		lx->pos++;
	}
	while (lx->pos < lx->len && is_digit(lx->p[lx->pos])) {
		if (digits++ < PARAM_DIGITS_MAX) {
			v = v * 10 + (lx->p[lx->pos] - '0');
		}
		lx->pos++;
	}
	if (digits == 0) {
		return;
	}
	if (v > INT32_MAX) {
		v = INT32_MAX;
	}
	t->has_param = true;
	t->param = (int32_t)(neg ? -v : v);
}

static void lex_word(struct rtf_lexer *lx, struct rtf_token *t)
{
	size_t n = 0;

	t->type = RTF_WORD;
	t->has_param = false;
	t->param = 0;
	while (lx->pos < lx->len && is_alpha(lx->p[lx->pos])) {
		if (n < RTF_WORD_MAX) {
			t->word[n++] = (char)lx->p[lx->pos];
		}
		lx->pos++;
	}
	t->word[n] = '\0';
	lex_param(lx, t);
	/* a space delimiting the word is part of it */
	if (lx->pos < lx->len && lx->p[lx->pos] == ' ') {
		lx->pos++;
	}
}

/* After a backslash */
static void lex_escape(struct rtf_lexer *lx, struct rtf_token *t)
{
	uint8_t c;
	int hi, lo;

	if (lx->pos >= lx->len) {
		t->type = RTF_EOF;
		return;
	}
	c = lx->p[lx->pos];
	if (is_alpha(c)) {
		lex_word(lx, t);
		return;
	}
	lx->pos++;
	if (c == '\'' && lx->len - lx->pos >= 2 &&
	    (hi = hex_value(lx->p[lx->pos])) >= 0 &&
	    (lo = hex_value(lx->p[lx->pos + 1])) >= 0) {
		lx->pos += 2;
		t->type = RTF_HEX;
		t->byte = (uint8_t)(hi << 4 | lo);
		return;
	}
	t->type = RTF_SYMBOL;
	t->byte = c;
}

void rtf_lex_next(struct rtf_lexer *lx, struct rtf_token *t)
{
	uint8_t c;

	while (lx->pos < lx->len) {
		c = lx->p[lx->pos++];
		switch (c) {
		case '{':
			t->type = RTF_OPEN;
			return;
		case '}':
			t->type = RTF_CLOSE;
			return;
		case '\\':
			lex_escape(lx, t);
			return;
		case '\r':
		case '\n':
		case '\0':
			continue;
		default:
			t->type = RTF_TEXT;
			t->byte = c;
			return;
		}
	}
	t->type = RTF_EOF;
}
