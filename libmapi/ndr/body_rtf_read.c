/*
   Message body conversions: reading RTF, to plain text or to the HTML it
   encapsulates ([MS-OXRTFEX] 2.2.3).

   One reader serves both: it keeps, per group, the destination (text,
   skipped, font table, \*\htmltag), the \htmlrtf toggle, \ucN and the
   current font, as [MSFT-RTF] ("Conventions of an RTF Reader") and
   [MS-OXRTFEX] 2.1.3.1.3 (\htmlrtf is saved and restored with groups)
   require.  Text bytes and \'xx escapes are collected and decoded in the
   code page of the current font (\fcharsetN or \cpgN of the font table)
   or of the document (\ansicpgN), as [MS-OXRTFEX] 2.2.3.2 asks of a
   de-encapsulating reader; \uN gives a UTF-16 unit whose \ucN fallback
   characters are dropped.

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
#include <util/debug.h>

#include "body_private.h"

#define RTF_MAX_DEPTH	1024
#define RTF_MAX_FONTS	1024
#define RTF_MAX_UC	8
/* header control words looked at for \fromhtml / \fromtext */
#define RTF_HEADER_WORDS 128

enum rtf_dest {
	DEST_TEXT,	/* document text */
	DEST_SKIP,	/* a destination whose text is not document text */
	DEST_FONTTBL,	/* the font table */
	DEST_HTMLTAG	/* \*\htmltag: encapsulated HTML */
};

enum rtf_mode {
	MODE_TEXT,	/* the document's text */
	MODE_HTML	/* the encapsulated HTML */
};

struct rtf_state {
	uint8_t dest;
	bool htmlrtf;
	uint8_t uc;
	int32_t font;
};

struct rtf_font {
	int32_t num;
	uint32_t cp;	/* 0: the document's code page */
};

struct rtf_reader {
	TALLOC_CTX *mem;
	struct rtf_lexer lx;
	enum rtf_mode mode;
	struct rtf_state cur;
	struct rtf_state *stack;
	size_t depth;
	bool group_start;	/* the last token opened a group */
	bool star;		/* ... and was followed by \* */
	uint32_t default_cp;
	struct rtf_font *fonts;
	size_t nfonts;
	/* the font table entry being read */
	bool ft_active;
	size_t ft_depth;
	int32_t ft_num, ft_charset, ft_cpg;
	uint32_t skip;		/* \uc fallback characters to drop */
	uint32_t high;		/* a high surrogate waiting for a pair */
	struct body_buf pend;	/* bytes waiting to be decoded */
	uint32_t pend_cp;
	struct cp_decoder *dec;
	struct body_buf out;
	bool corrupt;
};

/* Destinations named by the first control word of a group whose text
 * is not document text ([MSFT-RTF]) */
static const char *const skipped_destinations[] = {
	"annotation", "atnauthor", "atnid", "bkmkend", "bkmkstart",
	"colorschememapping", "colortbl", "comment", "datastore", "fldinst",
	"filetbl", "footer", "footerf", "footerl", "footerr", "footnote",
	"generator", "header", "headerf", "headerl", "headerr", "info",
	"latentstyles", "listoverridetable", "listtable", "mhtmltag",
	"nonshppict", "object", "objdata", "pict", "private", "revtbl",
	"rsidtbl", "shppict", "stylesheet", "tc", "themedata", "txe", "xe",
	"xmlnstbl",
};

/* Control words that stand for one character */
static const struct {
	const char *word;
	uint32_t c;
} char_words[] = {
	{ "bullet", 0x2022 }, { "emdash", 0x2014 }, { "emspace", 0x2003 },
	{ "endash", 0x2013 }, { "enspace", 0x2002 }, { "ldblquote", 0x201C },
	{ "lquote", 0x2018 }, { "ltrmark", 0x200E }, { "qmspace", 0x2005 },
	{ "rdblquote", 0x201D }, { "rquote", 0x2019 }, { "rtlmark", 0x200F },
	{ "zwj", 0x200D }, { "zwnj", 0x200C },
};

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Output
 */

static uint32_t current_cp(const struct rtf_reader *r)
{
	size_t i;

	for (i = 0; i < r->nfonts; i++) {
		if (r->fonts[i].num == r->cur.font) {
			return r->fonts[i].cp ? r->fonts[i].cp : r->default_cp;
		}
	}
	return r->default_cp;
}

static struct cp_decoder *decoder_for(struct rtf_reader *r, uint32_t cp)
{
	if (r->dec != NULL && cp_decoder_code_page(r->dec) == cp) {
		return r->dec;
	}
	TALLOC_FREE(r->dec);
	r->dec = cp_decoder_new(r->mem, cp);
	if (r->dec == NULL && cp != MAPI_CP_WESTERN) {
		DEBUG(5, ("rtf: code page %u unknown, using 1252\n", cp));
		r->dec = cp_decoder_new(r->mem, MAPI_CP_WESTERN);
	}
	return r->dec;
}

/* Decode the bytes collected so far */
static void flush(struct rtf_reader *r)
{
	struct cp_decoder *d;

	if (r->pend.len == 0) {
		return;
	}
	d = decoder_for(r, r->pend_cp);
	if (d != NULL) {
		cp_decode(d, (const uint8_t *)r->pend.data, r->pend.len,
			  &r->out);
	} else {
		r->corrupt = true;	/* no decoder at all: out of memory */
	}
	r->pend.len = 0;
}

static bool visible(const struct rtf_reader *r)
{
	if (r->cur.htmlrtf) {
		return false;
	}
	if (r->cur.dest == DEST_TEXT) {
		return true;
	}
	return r->cur.dest == DEST_HTMLTAG && r->mode == MODE_HTML;
}

/* A lone high surrogate is replaced when anything else follows it */
static void drop_high(struct rtf_reader *r)
{
	if (r->high != 0) {
		bb_add_utf8(&r->out, UNICODE_REPLACEMENT);
		r->high = 0;
	}
}

static void emit_char(struct rtf_reader *r, uint32_t c)
{
	if (!visible(r)) {
		return;
	}
	flush(r);
	drop_high(r);
	bb_add_utf8(&r->out, c);
}

static void emit_str(struct rtf_reader *r, const char *s)
{
	if (!visible(r)) {
		return;
	}
	flush(r);
	drop_high(r);
	bb_adds(&r->out, s);
}

/* A text byte or \'xx */
static void emit_byte(struct rtf_reader *r, uint8_t b, bool raw)
{
	uint32_t cp;

	if (r->skip > 0) {
		r->skip--;
		return;
	}
	if (!visible(r)) {
		return;
	}
	drop_high(r);
	if (raw && b < 0x80 && r->pend.len == 0) {
		bb_addc(&r->out, (char)b);
		return;
	}
	cp = current_cp(r);
	if (r->pend.len > 0 && r->pend_cp != cp) {
		flush(r);
	}
	r->pend_cp = cp;
	bb_addc(&r->pend, (char)b);
}

/* \uN: one UTF-16 unit ([MSFT-RTF] "Unicode RTF") */
static void emit_unicode(struct rtf_reader *r, int32_t n)
{
	uint32_t c = n < 0 ? (uint32_t)(n + 65536) : (uint32_t)n;

	r->skip = r->cur.uc;
	if (!visible(r)) {
		return;
	}
	flush(r);
	if (c >= 0xDC00 && c <= 0xDFFF && r->high != 0) {
		c = 0x10000 + ((r->high - 0xD800) << 10) + (c - 0xDC00);
		r->high = 0;
	} else if (c >= 0xD800 && c <= 0xDBFF) {
		drop_high(r);
		r->high = c;
		return;
	}
	drop_high(r);
	bb_add_utf8(&r->out, c);
}

/*
 * The font table
 */

static void font_commit(struct rtf_reader *r)
{
	uint32_t cp;
	size_t i;

	if (!r->ft_active) {
		return;
	}
	r->ft_active = false;
	cp = r->ft_cpg > 0 ? (uint32_t)r->ft_cpg :
			     rtf_charset_code_page(r->ft_charset);
	for (i = 0; i < r->nfonts; i++) {
		if (r->fonts[i].num == r->ft_num) {
			r->fonts[i].cp = cp;
			return;
		}
	}
	if (r->nfonts == RTF_MAX_FONTS) {
		return;
	}
	r->fonts[r->nfonts].num = r->ft_num;
	r->fonts[r->nfonts].cp = cp;
	r->nfonts++;
}

static void font_word(struct rtf_reader *r, const struct rtf_token *t)
{
	if (strcmp(t->word, "f") == 0 && t->has_param) {
		font_commit(r);
		r->ft_active = true;
		r->ft_depth = r->depth;
		r->ft_num = t->param;
		r->ft_charset = 0;
		r->ft_cpg = 0;
	} else if (strcmp(t->word, "fcharset") == 0) {
		r->ft_charset = t->param;
	} else if (strcmp(t->word, "cpg") == 0) {
		r->ft_cpg = t->param;
	}
}

/*
 * Control words
 */

/* The destination a group's first control word names; -1: none */
static int destination_of(const struct rtf_reader *r, const char *word,
			  bool star)
{
	size_t i;

	if (strcmp(word, "fonttbl") == 0) {
		return DEST_FONTTBL;
	}
	if (star && strcmp(word, "htmltag") == 0) {
		return DEST_HTMLTAG;
	}
	for (i = 0; i < NELEMS(skipped_destinations); i++) {
		if (strcmp(word, skipped_destinations[i]) == 0) {
			return DEST_SKIP;
		}
	}
	/* an unknown \* destination is ignorable ([MSFT-RTF]) */
	return star ? DEST_SKIP : -1;
}

static bool set_destination(struct rtf_reader *r, const char *word,
			    bool star)
{
	int d = destination_of(r, word, star);

	if (d < 0) {
		return false;
	}
	flush(r);
	/* nothing inside a skipped group comes back to life */
	if (r->cur.dest == DEST_TEXT || r->cur.dest == DEST_HTMLTAG) {
		r->cur.dest = (uint8_t)d;
	}
	return true;
}

/* Words of the document header: the default code page */
static bool header_word(struct rtf_reader *r, const struct rtf_token *t)
{
	if (strcmp(t->word, "ansicpg") == 0) {
		if (t->has_param && t->param > 0) {
			r->default_cp = (uint32_t)t->param;
		}
	} else if (strcmp(t->word, "ansi") == 0) {
		r->default_cp = MAPI_CP_WESTERN;
	} else if (strcmp(t->word, "mac") == 0) {
		r->default_cp = 10000;
	} else if (strcmp(t->word, "pc") == 0) {
		r->default_cp = 437;
	} else if (strcmp(t->word, "pca") == 0) {
		r->default_cp = 850;
	} else {
		return false;
	}
	return true;
}

/* Words that produce text */
static bool text_word(struct rtf_reader *r, const struct rtf_token *t)
{
	const char *w = t->word;
	size_t i;

	if (strcmp(w, "par") == 0 || strcmp(w, "line") == 0) {
		emit_str(r, "\r\n");
	} else if (strcmp(w, "tab") == 0) {
		emit_str(r, "\t");
	} else if (r->mode == MODE_TEXT && (strcmp(w, "row") == 0 ||
		   strcmp(w, "sect") == 0 || strcmp(w, "page") == 0)) {
		emit_str(r, "\r\n");
	} else if (r->mode == MODE_TEXT && strcmp(w, "cell") == 0) {
		emit_str(r, "\t");
	} else {
		for (i = 0; i < NELEMS(char_words); i++) {
			if (strcmp(w, char_words[i].word) == 0) {
				emit_char(r, char_words[i].c);
				return true;
			}
		}
		return false;
	}
	return true;
}

static void state_word(struct rtf_reader *r, const struct rtf_token *t)
{
	if (strcmp(t->word, "f") == 0) {
		flush(r);
		r->cur.font = t->param;
	} else if (strcmp(t->word, "uc") == 0) {
		r->cur.uc = (uint8_t)(t->param < 0 ? 0 : t->param > RTF_MAX_UC ?
				      RTF_MAX_UC : t->param);
	} else if (strcmp(t->word, "u") == 0 && t->has_param) {
		emit_unicode(r, t->param);
	} else if (strcmp(t->word, "htmlrtf") == 0) {
		/* a toggle: \htmlrtf and \htmlrtf1 on, \htmlrtf0 off */
		flush(r);
		r->cur.htmlrtf = !t->has_param || t->param != 0;
	}
}

static void handle_word(struct rtf_reader *r, const struct rtf_token *t,
			bool first, bool star)
{
	if (strcmp(t->word, "bin") == 0) {
		/* \binN: N bytes of binary data follow */
		rtf_lex_skip(&r->lx, t->param > 0 ? (size_t)t->param : 0);
		return;
	}
	if ((first || star) && set_destination(r, t->word, star)) {
		return;
	}
	if (r->cur.dest == DEST_SKIP) {
		return;
	}
	if (r->cur.dest == DEST_FONTTBL) {
		font_word(r, t);
		return;
	}
	if (header_word(r, t) || text_word(r, t)) {
		return;
	}
	state_word(r, t);
}

/* \ and a character other than a letter or ' */
static void handle_symbol(struct rtf_reader *r, uint8_t c)
{
	switch (c) {
	case '\\':
	case '{':
	case '}':
		emit_byte(r, c, true);
		break;
	case '~':
		emit_char(r, 0x00A0);
		break;
	case '_':
		emit_char(r, 0x2011);
		break;
	case '\r':
	case '\n':
		/* a backslash before a line end is \par ([MSFT-RTF]) */
		emit_str(r, "\r\n");
		break;
	default:
		/* \- (optional hyphen), \: and \| have no text */
		break;
	}
}

/*
 * Groups
 */

static void group_open(struct rtf_reader *r)
{
	flush(r);
	if (r->depth == RTF_MAX_DEPTH) {
		DEBUG(3, ("rtf: groups nested deeper than %d\n",
			  RTF_MAX_DEPTH));
		r->corrupt = true;
		return;
	}
	r->stack[r->depth++] = r->cur;
	r->group_start = true;
	r->skip = 0;
}

static void group_close(struct rtf_reader *r)
{
	flush(r);
	if (r->ft_active && r->depth <= r->ft_depth) {
		font_commit(r);
	}
	if (r->depth > 0) {
		r->cur = r->stack[--r->depth];
	}
	r->skip = 0;
}

static void handle_text(struct rtf_reader *r, uint8_t b)
{
	if (r->cur.dest == DEST_FONTTBL) {
		if (b == ';') {
			font_commit(r);
		}
		return;
	}
	emit_byte(r, b, true);
}

static void read_all(struct rtf_reader *r)
{
	struct rtf_token t;
	bool first, star;

	while (!r->corrupt) {
		rtf_lex_next(&r->lx, &t);
		first = r->group_start;
		star = r->star;
		r->group_start = false;
		r->star = false;
		switch (t.type) {
		case RTF_EOF:
			return;
		case RTF_OPEN:
			group_open(r);
			break;
		case RTF_CLOSE:
			group_close(r);
			break;
		case RTF_WORD:
			handle_word(r, &t, first, star);
			break;
		case RTF_SYMBOL:
			if (first && t.byte == '*') {
				r->star = true;
			} else {
				handle_symbol(r, t.byte);
			}
			break;
		case RTF_HEX:
			if (r->cur.dest != DEST_FONTTBL) {
				emit_byte(r, t.byte, false);
			}
			break;
		case RTF_TEXT:
			handle_text(r, t.byte);
			break;
		}
	}
}

/* The document must start with "{\rtf" (white space before it is
 * tolerated) */
static bool rtf_start(const char *rtf, size_t len, struct rtf_lexer *lx)
{
	struct rtf_token t;
	size_t i = 0;

	while (i < len && (rtf[i] == ' ' || rtf[i] == '\t' ||
			   rtf[i] == '\r' || rtf[i] == '\n')) {
		i++;
	}
	rtf_lex_init(lx, rtf + i, len - i);
	rtf_lex_next(lx, &t);
	if (t.type != RTF_OPEN) {
		return false;
	}
	rtf_lex_next(lx, &t);
	return t.type == RTF_WORD && strcmp(t.word, "rtf") == 0;
}

static enum MAPISTATUS rtf_read(TALLOC_CTX *mem_ctx, const char *rtf,
				size_t len, enum rtf_mode mode, char **out,
				size_t *out_len, uint32_t *code_page)
{
	struct rtf_reader *r;
	enum MAPISTATUS ret;

	if ((rtf == NULL && len > 0) || out == NULL || out_len == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	r = talloc_zero(mem_ctx, struct rtf_reader);
	if (r == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	r->mem = r;
	r->mode = mode;
	r->default_cp = MAPI_CP_WESTERN;
	r->cur.uc = 1;		/* [MSFT-RTF]: \uc1 unless said so */
	r->stack = talloc_array(r, struct rtf_state, RTF_MAX_DEPTH);
	r->fonts = talloc_array(r, struct rtf_font, RTF_MAX_FONTS);
	bb_init(&r->pend, r, 64);
	bb_init(&r->out, mem_ctx, len);
	if (r->stack == NULL || r->fonts == NULL || r->pend.oom) {
		r->out.oom = true;
	}
	if (!rtf_start(rtf, len, &r->lx)) {
		DEBUG(3, ("rtf: the document does not start with {\\rtf\n"));
		r->corrupt = true;
	} else if (!r->out.oom) {
		/* the group "{\rtf1" opened */
		r->stack[r->depth++] = r->cur;
		read_all(r);
		flush(r);
		drop_high(r);
	}
	if (code_page != NULL) {
		*code_page = r->default_cp;
	}
	if (r->corrupt) {
		bb_free(&r->out);
		ret = r->out.oom ? MAPI_E_NOT_ENOUGH_MEMORY :
				   MAPI_E_CORRUPT_DATA;
	} else {
		ret = bb_finish(&r->out, out, out_len);
	}
	talloc_free(r);
	return ret;
}

/*
 * Public functions
 */

enum mapi_rtf_kind mapi_rtf_kind(const char *rtf, size_t len)
{
	struct rtf_lexer lx;
	struct rtf_token t;
	unsigned n;

	if (rtf == NULL || !rtf_start(rtf, len, &lx)) {
		return MAPI_RTF_ORDINARY;
	}
	/* [MS-OXRTFEX] 2.2.3.1: in the header, before any group or text */
	for (n = 0; n < RTF_HEADER_WORDS; n++) {
		rtf_lex_next(&lx, &t);
		if (t.type != RTF_WORD) {
			break;
		}
		if (strcmp(t.word, "fromhtml") == 0 &&
		    (!t.has_param || t.param != 0)) {
			return MAPI_RTF_FROMHTML;
		}
		if (strcmp(t.word, "fromtext") == 0) {
			return MAPI_RTF_FROMTEXT;
		}
	}
	return MAPI_RTF_ORDINARY;
}

enum MAPISTATUS mapi_rtf_to_html(TALLOC_CTX *mem_ctx, const char *rtf,
				 size_t len, char **html, size_t *html_len,
				 uint32_t *code_page)
{
	if (mapi_rtf_kind(rtf, len) != MAPI_RTF_FROMHTML) {
		return MAPI_E_NOT_FOUND;
	}
	return rtf_read(mem_ctx, rtf, len, MODE_HTML, html, html_len,
			code_page);
}

enum MAPISTATUS mapi_rtf_to_text(TALLOC_CTX *mem_ctx, const char *rtf,
				 size_t len, char **text, size_t *text_len)
{
	char *html = NULL;
	size_t html_len = 0;
	enum MAPISTATUS ret;

	if (mapi_rtf_kind(rtf, len) != MAPI_RTF_FROMHTML) {
		return rtf_read(mem_ctx, rtf, len, MODE_TEXT, text, text_len,
				NULL);
	}
	ret = rtf_read(mem_ctx, rtf, len, MODE_HTML, &html, &html_len, NULL);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	ret = mapi_html_to_text(mem_ctx, html, html_len, text, text_len);
	talloc_free(html);
	return ret;
}
