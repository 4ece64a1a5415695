/*
   Message body conversions: writing RTF, and plain text to RTF
   ([MS-OXRTFEX] 2.1.3.1.2: \fromtext).

   The header names the code page (\ansicpgN) and one font whose charset
   matches it; characters of the code page are written as \'xx (every
   byte of a double-byte character), others as \uN followed by a '?'
   for readers without Unicode (\uc1), as [MSFT-RTF] describes.

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

static const char hex_digits[] = "0123456789abcdef";

bool rtfw_init(struct rtf_writer *w, TALLOC_CTX *mem, struct body_buf *out,
	       uint32_t code_page, const char *from)
{
	int32_t charset;

	w->out = out;
	w->code_page = rtf_usable_code_page(code_page);
	w->enc = cp_encoder_new(mem, w->code_page);
	if (w->enc == NULL) {
		return false;
	}
	charset = rtf_code_page_charset(w->code_page);
	bb_adds(out, "{\\rtf1\\ansi\\ansicpg");
	bb_addi(out, w->code_page);
	bb_addc(out, '\\');
	bb_adds(out, from);
	bb_adds(out, " \\deff0{\\fonttbl{\\f0\\fswiss\\fcharset");
	bb_addi(out, charset);
	bb_adds(out, " Arial;}{\\f1\\fmodern\\fcharset");
	bb_addi(out, charset);
	bb_adds(out, " Courier New;}}\r\n{\\*\\generator sambamapi;}"
		"\\uc1\\pard\\plain\\f0\\fs20 ");
	return true;
}

static void put_hex(struct body_buf *b, uint8_t v)
{
	char esc[4] = { '\\', '\'', hex_digits[v >> 4], hex_digits[v & 15] };

	bb_add(b, esc, sizeof(esc));
}

/* \uN takes a signed 16-bit number; characters beyond the BMP are
 * written as their UTF-16 surrogate pair */
static void put_unicode(struct body_buf *b, uint32_t c)
{
	if (c > 0xFFFF) {
		c -= 0x10000;
		put_unicode(b, 0xD800 + (c >> 10));
		put_unicode(b, 0xDC00 + (c & 0x3FF));
		return;
	}
	bb_adds(b, "\\u");
	bb_addi(b, c < 0x8000 ? (int64_t)c : (int64_t)c - 0x10000);
	bb_addc(b, '?');
}

void rtfw_char(struct rtf_writer *w, uint32_t c)
{
	uint8_t bytes[4];
	size_t n, i;

	if (c == '\\' || c == '{' || c == '}') {
		bb_addc(w->out, '\\');
		bb_addc(w->out, (char)c);
	} else if (c == '\t') {
		bb_adds(w->out, "\\tab ");
	} else if (c >= 0x20 && c < 0x7F) {
		bb_addc(w->out, (char)c);
	} else if (c < 0x80) {
		put_hex(w->out, (uint8_t)c);
	} else if ((n = cp_encode(w->enc, c, bytes)) > 0) {
		for (i = 0; i < n; i++) {
			put_hex(w->out, bytes[i]);
		}
	} else {
		put_unicode(w->out, c);
	}
}

void rtfw_text(struct rtf_writer *w, const char *s, size_t len)
{
	size_t pos = 0;

	while (pos < len) {
		rtfw_char(w, utf8_next(s, len, &pos));
	}
}

enum MAPISTATUS mapi_text_to_rtf(TALLOC_CTX *mem_ctx, const char *text,
				 size_t len, uint32_t code_page, char **rtf,
				 size_t *rtf_len)
{
	TALLOC_CTX *tmp;
	struct rtf_writer w;
	struct body_buf b;
	size_t pos = 0;
	uint32_t c;

	if ((text == NULL && len > 0) || rtf == NULL || rtf_len == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	tmp = talloc_new(mem_ctx);
	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	bb_init(&b, mem_ctx, len + len / 4 + 256);
	if (!rtfw_init(&w, tmp, &b, code_page, "fromtext")) {
		talloc_free(tmp);
		bb_free(&b);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	while (pos < len) {
		c = utf8_next(text, len, &pos);
		if (c == '\r' && pos < len && text[pos] == '\n') {
			continue;	/* CR LF: the LF ends the paragraph */
		}
		if (c == '\r' || c == '\n') {
			bb_adds(&b, "\\par\r\n");
		} else {
			rtfw_char(&w, c);
		}
	}
	bb_adds(&b, "}\r\n");
	talloc_free(tmp);
	return bb_finish(&b, rtf, rtf_len);
}
