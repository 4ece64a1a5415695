/*
   Message body conversions: what the conversion files share (not
   installed, not part of the library's API).

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
#ifndef __LIBMAPI_NDR_BODY_PRIVATE_H__
#define __LIBMAPI_NDR_BODY_PRIVATE_H__

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>
#include "body_convert.h"

/* Nothing declared here is exported from libmapi-ndr. */
#pragma GCC visibility push(hidden)

#define UNICODE_REPLACEMENT	0xFFFD

/* ------------------------------------------------ body_buf.c */

/* A growing output buffer; after a failed allocation every append is a
 * no-op and bb_finish() reports the failure once. */
struct body_buf {
	TALLOC_CTX *mem;
	char *data;
	size_t len, cap;
	bool oom;
};

void bb_init(struct body_buf *b, TALLOC_CTX *mem, size_t hint);
void bb_add(struct body_buf *b, const void *p, size_t n);
void bb_addc(struct body_buf *b, char c);
void bb_adds(struct body_buf *b, const char *s);
/* A decimal number */
void bb_addi(struct body_buf *b, int64_t v);
/* One code point as UTF-8 (invalid ones as U+FFFD) */
void bb_add_utf8(struct body_buf *b, uint32_t c);
/* The same into u[0..3]; returns the number of bytes */
size_t utf8_encode(uint32_t c, uint8_t *u);
/* The NUL-terminated result, on the buffer's context */
enum MAPISTATUS bb_finish(struct body_buf *b, char **out, size_t *len);
void bb_free(struct body_buf *b);

/* The code point at s[*pos] (U+FFFD for a bad sequence, one byte
 * consumed); *pos advances */
uint32_t utf8_next(const char *s, size_t len, size_t *pos);
bool utf8_valid(const uint8_t *s, size_t len);

/* ------------------------------------------------ body_charset.c */

/* Bytes in a code page to UTF-8 */
struct cp_decoder;
/* UTF-8 code points to bytes in a code page */
struct cp_encoder;

/* NULL when iconv does not know the code page (or out of memory) */
struct cp_decoder *cp_decoder_new(TALLOC_CTX *mem, uint32_t code_page);
void cp_decode(struct cp_decoder *d, const uint8_t *in, size_t len,
	       struct body_buf *out);
uint32_t cp_decoder_code_page(const struct cp_decoder *d);

struct cp_encoder *cp_encoder_new(TALLOC_CTX *mem, uint32_t code_page);
/* The bytes of @c in the code page (up to 4); 0 if it has none */
size_t cp_encode(struct cp_encoder *e, uint32_t c, uint8_t *bytes);

/* The code page an RTF font charset (\fcharsetN) stands for; 0 for
 * ANSI/default (the document's \ansicpg) */
uint32_t rtf_charset_code_page(int32_t charset);
/* The \fcharsetN of a code page (0 when none) */
int32_t rtf_code_page_charset(uint32_t code_page);
/* A code page RTF can declare with \ansicpg: @p cp, or 1252 */
uint32_t rtf_usable_code_page(uint32_t cp);

/* ------------------------------------------------ body_rtf_lex.c */

enum rtf_tok {
	RTF_EOF,
	RTF_OPEN,	/* { */
	RTF_CLOSE,	/* } */
	RTF_WORD,	/* \letters[-][digits] */
	RTF_SYMBOL,	/* \ and one other character */
	RTF_HEX,	/* \'xx */
	RTF_TEXT	/* one byte of text */
};

#define RTF_WORD_MAX 32

struct rtf_token {
	enum rtf_tok type;
	char word[RTF_WORD_MAX + 1];	/* RTF_WORD, truncated */
	bool has_param;
	int32_t param;			/* clamped to int32 */
	uint8_t byte;			/* RTF_TEXT, RTF_HEX, RTF_SYMBOL */
};

struct rtf_lexer {
	const uint8_t *p;
	size_t len, pos;
};

void rtf_lex_init(struct rtf_lexer *lx, const char *rtf, size_t len);
void rtf_lex_next(struct rtf_lexer *lx, struct rtf_token *t);
/* Skip n bytes of \binN data */
void rtf_lex_skip(struct rtf_lexer *lx, size_t n);

/* ------------------------------------------------ body_rtf_write.c */

struct rtf_writer {
	struct body_buf *out;
	struct cp_encoder *enc;
	uint32_t code_page;
};

/* The header up to and including the default paragraph settings;
 * @p from: "fromtext" or "fromhtml1" */
bool rtfw_init(struct rtf_writer *w, TALLOC_CTX *mem, struct body_buf *out,
	       uint32_t code_page, const char *from);
/* One character, escaped for RTF (\\ \{ \} \tab \'xx \uN?) */
void rtfw_char(struct rtf_writer *w, uint32_t c);
/* UTF-8 text, each character through rtfw_char() */
void rtfw_text(struct rtf_writer *w, const char *s, size_t len);

/* ------------------------------------------------ body_html_lex.c */

enum html_tok {
	HTML_EOF,
	HTML_TEXT,	/* text, or raw text of script/style */
	HTML_TAG,	/* <name ...> or </name> */
	HTML_COMMENT,	/* <!-- ... --> */
	HTML_DECL	/* <!...> or <?...> */
};

#define HTML_NAME_MAX 15

struct html_token {
	enum html_tok type;
	const char *p;			/* the raw token */
	size_t len;
	char name[HTML_NAME_MAX + 1];	/* HTML_TAG, lower case */
	bool end;			/* </name> */
	bool raw;			/* HTML_TEXT of script/style */
};

struct html_lexer {
	const char *p;
	size_t len, pos;
	char raw_end[HTML_NAME_MAX + 1];	/* in script/style: its name */
};

void html_lex_init(struct html_lexer *lx, const char *html, size_t len);
void html_lex_next(struct html_lexer *lx, struct html_token *t);

/* A character reference at s[0] ('&'): its code point and length, or
 * 0 when s does not start one */
size_t html_entity(const char *s, size_t len, uint32_t *c);
/* A named reference ("amp" without & and ;): its code point or 0 */
uint32_t html_entity_named(const char *name, size_t len);

/* Tags that start or end a block (a line of their own) */
bool html_is_block(const char *name);

#pragma GCC visibility pop

#endif /* __LIBMAPI_NDR_BODY_PRIVATE_H__ */
