/*
   Message body conversions: code pages (iconv), RTF font charsets.

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

#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "body_private.h"
#include "string8.h"

struct cp_decoder {
	iconv_t cd;
	uint32_t code_page;
};

struct cp_encoder {
	iconv_t cd;
	bool ascii;	/* ASCII bytes stand for themselves */
};

static int decoder_destructor(struct cp_decoder *d)
{
	iconv_close(d->cd);
	return 0;
}

static int encoder_destructor(struct cp_encoder *e)
{
	iconv_close(e->cd);
	return 0;
}

static iconv_t open_cd(uint32_t code_page, bool to_utf8)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	const char *name = mapi_iconv_name(tmp, code_page);
	iconv_t cd = (iconv_t)-1;

	if (name != NULL) {
		cd = to_utf8 ? iconv_open("UTF-8", name) :
			       iconv_open(name, "UTF-8");
	}
	talloc_free(tmp);
	return cd;
}

struct cp_decoder *cp_decoder_new(TALLOC_CTX *mem, uint32_t code_page)
{
	struct cp_decoder *d;
	iconv_t cd = open_cd(code_page, true);

	if (cd == (iconv_t)-1) {
		return NULL;
	}
	d = talloc(mem, struct cp_decoder);
	if (d == NULL) {
		iconv_close(cd);
		return NULL;
	}
	d->cd = cd;
	d->code_page = code_page;
	talloc_set_destructor(d, decoder_destructor);
	return d;
}

uint32_t cp_decoder_code_page(const struct cp_decoder *d)
{
	return d->code_page;
}

void cp_decode(struct cp_decoder *d, const uint8_t *in, size_t len,
	       struct body_buf *out)
{
	char chunk[1024];

	while (len > 0) {
		char *ip = (char *)(uintptr_t)in, *op = chunk;
		size_t ileft = len, oleft = sizeof(chunk);
		size_t r = iconv(d->cd, &ip, &ileft, &op, &oleft);

		bb_add(out, chunk, (size_t)(op - chunk));
		len -= (size_t)((const uint8_t *)ip - in);
		in = (const uint8_t *)ip;
		if (r != (size_t)-1 || errno == E2BIG) {
			continue;
		}
		/* a byte the code page lacks, or a sequence cut short */
		bb_add_utf8(out, UNICODE_REPLACEMENT);
		in++;
		len--;
		iconv(d->cd, NULL, NULL, NULL, NULL);
	}
}

struct cp_encoder *cp_encoder_new(TALLOC_CTX *mem, uint32_t code_page)
{
	struct cp_encoder *e;
	iconv_t cd = open_cd(code_page, false);
	char a[] = "A", out[8], *ip = a, *op = out;
	size_t ileft = 1, oleft = sizeof(out);

	if (cd == (iconv_t)-1) {
		return NULL;
	}
	e = talloc(mem, struct cp_encoder);
	if (e == NULL) {
		iconv_close(cd);
		return NULL;
	}
	e->cd = cd;
	talloc_set_destructor(e, encoder_destructor);
	e->ascii = iconv(cd, &ip, &ileft, &op, &oleft) != (size_t)-1 &&
		   op - out == 1 && out[0] == 'A';
	iconv(cd, NULL, NULL, NULL, NULL);
	return e;
}

size_t cp_encode(struct cp_encoder *e, uint32_t c, uint8_t *bytes)
{
	uint8_t utf8[4];
	char out[8], *ip = (char *)utf8, *op = out;
	size_t ileft, oleft = sizeof(out), n;

	if (c < 0x80 && e->ascii) {
		bytes[0] = (uint8_t)c;
		return 1;
	}
	ileft = utf8_encode(c, utf8);
	if (iconv(e->cd, &ip, &ileft, &op, &oleft) == (size_t)-1) {
		iconv(e->cd, NULL, NULL, NULL, NULL);
		return 0;
	}
	n = (size_t)(op - out);
	if (n == 0 || n > 4) {
		return 0;
	}
	memcpy(bytes, out, n);
	return n;
}

/*
 * RTF font charsets ([MSFT-RTF], \fcharsetN) and the Windows code pages
 * they stand for.
 */
static const struct {
	int32_t charset;
	uint32_t code_page;
} charsets[] = {
	{ 77, 10000 }, { 128, 932 }, { 129, 949 }, { 130, 1361 },
	{ 134, 936 }, { 136, 950 }, { 161, 1253 }, { 162, 1254 },
	{ 163, 1258 }, { 177, 1255 }, { 178, 1256 }, { 186, 1257 },
	{ 204, 1251 }, { 222, 874 }, { 238, 1250 }, { 254, 437 },
	{ 255, 850 },
};

#define NCHARSETS (sizeof(charsets) / sizeof(charsets[0]))

uint32_t rtf_charset_code_page(int32_t charset)
{
	size_t i;

	for (i = 0; i < NCHARSETS; i++) {
		if (charsets[i].charset == charset) {
			return charsets[i].code_page;
		}
	}
	return 0;
}

int32_t rtf_code_page_charset(uint32_t code_page)
{
	size_t i;

	for (i = 0; i < NCHARSETS; i++) {
		if (charsets[i].code_page == code_page) {
			return charsets[i].charset;
		}
	}
	return 0;
}

/* The Windows ANSI, OEM, DBCS and Mac code pages \ansicpg can name;
 * UTF-8, UTF-16 and the ISO-2022 family it cannot */
uint32_t rtf_usable_code_page(uint32_t cp)
{
	bool windows = (cp >= 437 && cp <= 1361) ||
		       (cp >= 10000 && cp <= 10099);

	return windows && mapi_code_page_known(cp) ? cp : MAPI_CP_WESTERN;
}

/*
 * Public conversions
 */

enum MAPISTATUS mapi_charset_to_utf8(TALLOC_CTX *mem_ctx, const uint8_t *in,
				     size_t len, uint32_t code_page,
				     char **out, size_t *out_len)
{
	struct cp_decoder *d;
	struct body_buf b;

	if ((in == NULL && len > 0) || out == NULL || out_len == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (code_page == 0) {
		code_page = utf8_valid(in, len) ? MAPI_CP_UTF8 :
						  MAPI_CP_WESTERN;
	}
	d = cp_decoder_new(mem_ctx, code_page);
	if (d == NULL) {
		return MAPI_E_NO_SUPPORT;
	}
	bb_init(&b, mem_ctx, len + len / 2 + 1);
	cp_decode(d, in, len, &b);
	talloc_free(d);
	return bb_finish(&b, out, out_len);
}

/* One character the code page lacks */
static void unmapped(struct body_buf *b, uint32_t c, bool html_refs)
{
	if (!html_refs) {
		bb_addc(b, '?');
		return;
	}
	bb_adds(b, "&#");
	bb_addi(b, c);
	bb_addc(b, ';');
}

enum MAPISTATUS mapi_charset_from_utf8(TALLOC_CTX *mem_ctx, const char *in,
				       size_t len, uint32_t code_page,
				       bool html_refs, uint8_t **out,
				       size_t *out_len)
{
	struct cp_encoder *e;
	struct body_buf b;
	uint8_t bytes[4];
	size_t pos = 0, n;
	char *res = NULL;
	enum MAPISTATUS ret;

	if ((in == NULL && len > 0) || out == NULL || out_len == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	e = cp_encoder_new(mem_ctx, code_page);
	if (e == NULL) {
		return MAPI_E_NO_SUPPORT;
	}
	bb_init(&b, mem_ctx, len + 1);
	while (pos < len) {
		uint32_t c = utf8_next(in, len, &pos);

		n = cp_encode(e, c, bytes);
		if (n == 0) {
			unmapped(&b, c, html_refs);
		} else {
			bb_add(&b, bytes, n);
		}
	}
	talloc_free(e);
	ret = bb_finish(&b, &res, out_len);
	*out = (uint8_t *)res;
	return ret;
}
