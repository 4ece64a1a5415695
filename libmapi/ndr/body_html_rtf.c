/*
   Message body conversions: HTML to RTF encapsulating it ([MS-OXRTFEX]
   2.1.3.2, \fromhtml1).

   Following the steps of [MS-OXRTFEX] 2.1.3.2: a header with
   \fromhtml1, \ansicpgN and a font table; an empty {\*\htmltag64}
   before any text; every part of the HTML that RTF cannot show (tags,
   comments, declarations, text of the head, of scripts and styles,
   character references, line breaks of the source) in \*\htmltag
   groups, with an HTMLTagParameter ([MS-OXRTFEX] 2.1.3.1.4.1: the
   Destination in bits 0-1, the TagType in bits 4-7); and what RTF shows
   instead of them inside \htmlrtf ... \htmlrtf0, so that a
   de-encapsulating reader ignores it.

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
#include <strings.h>

#include "body_private.h"

/* HTMLTagParameter: Destination flag */
#define DEST_INBODY	0x00
#define DEST_INHEAD	0x01
#define DEST_INHTML	0x02
#define DEST_OUTHTML	0x03
/* HTMLTagParameter: TagType flag */
#define TYPE_TEXT	0x00
#define TYPE_HTML	0x10
#define TYPE_HEAD	0x20
#define TYPE_BODY	0x30
#define TYPE_P		0x40
#define TYPE_STARTP	0x50
#define TYPE_ENDP	0x60
#define TYPE_BR		0x70
#define TYPE_PRE	0x80
#define TYPE_FONT	0x90
/* The group holds an end tag (as Outlook writes \htmltag27 </html>:
 * HTML | 0x08 | OUTHTML); not named by the spec's tables */
#define FLAG_CLOSE	0x08

struct html_rtf {
	struct rtf_writer w;
	struct body_buf *out;
	unsigned dest;		/* Destination of what comes next */
	unsigned hidden;	/* inside head, script, style, title */
	unsigned pre;		/* inside pre */
};

/* CONTENT of an \*\htmltag group: RTF-escaped, the source's line breaks
 * kept exactly (CR LF as \par, a lone CR or LF as \'0d, \'0a) */
static void htmltag(struct html_rtf *o, unsigned param, const char *s,
		    size_t len)
{
	size_t pos = 0;

	bb_adds(o->out, "{\\*\\htmltag");
	bb_addi(o->out, param);
	bb_addc(o->out, ' ');
	while (pos < len) {
		if (s[pos] == '\r' && pos + 1 < len && s[pos + 1] == '\n') {
			bb_adds(o->out, "\\par ");
			pos += 2;
			continue;
		}
		rtfw_char(&o->w, utf8_next(s, len, &pos));
	}
	bb_addc(o->out, '}');
}

/* RTF that only the RTF rendering sees */
static void rtf_only(struct html_rtf *o, const char *rtf)
{
	bb_adds(o->out, "\\htmlrtf ");
	bb_adds(o->out, rtf);
	bb_adds(o->out, "\\htmlrtf0 ");
}

static bool rendered(const struct html_rtf *o)
{
	return o->dest == DEST_INBODY && o->hidden == 0;
}

static unsigned tag_type(const struct html_token *t)
{
	static const struct {
		const char *name;
		unsigned type;
	} types[] = {
		{ "html", TYPE_HTML }, { "head", TYPE_HEAD },
		{ "body", TYPE_BODY }, { "p", TYPE_P }, { "br", TYPE_BR },
		{ "pre", TYPE_PRE }, { "font", TYPE_FONT },
	};
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		if (strcmp(t->name, types[i].name) == 0) {
			return types[i].type;
		}
	}
	if (html_is_block(t->name)) {
		return t->end ? TYPE_ENDP : TYPE_STARTP;
	}
	return TYPE_TEXT;
}

static bool hides(const char *name)
{
	return strcmp(name, "head") == 0 || strcmp(name, "title") == 0 ||
	       strcmp(name, "script") == 0 || strcmp(name, "style") == 0;
}

/* Where the parts after this tag belong */
static void track_tag(struct html_rtf *o, const struct html_token *t)
{
	if (hides(t->name)) {
		if (!t->end) {
			o->hidden++;
		} else if (o->hidden > 0) {
			o->hidden--;
		}
	}
	if (strcmp(t->name, "html") == 0) {
		o->dest = t->end ? DEST_OUTHTML : DEST_INHTML;
	} else if (strcmp(t->name, "head") == 0) {
		o->dest = t->end ? DEST_INHTML : DEST_INHEAD;
	} else if (strcmp(t->name, "body") == 0) {
		o->dest = t->end ? DEST_INHTML : DEST_INBODY;
		o->hidden = 0;
	} else if (strcmp(t->name, "pre") == 0) {
		if (!t->end) {
			o->pre++;
		} else if (o->pre > 0) {
			o->pre--;
		}
	}
}

/* The RTF rendering of a tag: breaks for <br> and block elements */
static void render_tag(struct html_rtf *o, const struct html_token *t)
{
	if (!rendered(o)) {
		return;
	}
	if (strcmp(t->name, "br") == 0) {
		rtf_only(o, "\\line");
	} else if (strcmp(t->name, "td") == 0 || strcmp(t->name, "th") == 0) {
		if (t->end) {
			rtf_only(o, "\\tab");
		}
	} else if (html_is_block(t->name) &&
		   (t->end || strcmp(t->name, "hr") == 0)) {
		rtf_only(o, "\\par");
	}
}

static void put_tag(struct html_rtf *o, const struct html_token *t)
{
	unsigned param = o->dest | tag_type(t) | (t->end ? FLAG_CLOSE : 0);

	htmltag(o, param, t->p, t->len);
	track_tag(o, t);
	render_tag(o, t);
}

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

/* A run of white space from s[0]: its length, and whether it holds a
 * character other than a space */
static size_t ws_run(const char *s, size_t len, bool *special)
{
	size_t n = 0;

	*special = false;
	while (n < len && is_ws(s[n])) {
		*special = *special || s[n] != ' ';
		n++;
	}
	return n;
}

/* Line breaks and tabs of the source: kept in \htmltag, shown as one
 * space (or, in <pre>, as they are) */
static void put_space(struct html_rtf *o, const char *s, size_t n)
{
	size_t i;

	htmltag(o, o->dest | TYPE_TEXT, s, n);
	if (o->pre == 0) {
		rtf_only(o, " ");
		return;
	}
	for (i = 0; i < n; i++) {
		if (s[i] == '\n' || (s[i] == '\r' &&
				     (i + 1 == n || s[i + 1] != '\n'))) {
			rtf_only(o, "\\par");
		} else if (s[i] == '\t') {
			rtf_only(o, "\\tab");
		} else if (s[i] != '\r') {
			rtf_only(o, " ");
		}
	}
}

static void put_reference(struct html_rtf *o, const char *s, size_t n,
			  uint32_t c)
{
	htmltag(o, o->dest | TYPE_TEXT, s, n);
	bb_adds(o->out, "\\htmlrtf ");
	rtfw_char(&o->w, c);
	bb_adds(o->out, "\\htmlrtf0 ");
}

static void put_visible(struct html_rtf *o, const char *s, size_t len)
{
	size_t pos = 0, n;
	bool special;
	uint32_t c;

	while (pos < len) {
		if (s[pos] == '&' && (n = html_entity(s + pos, len - pos,
						     &c)) > 0) {
			put_reference(o, s + pos, n, c);
			pos += n;
		} else if ((n = ws_run(s + pos, len - pos, &special)) > 0 &&
			   special) {
			put_space(o, s + pos, n);
			pos += n;
		} else if (n > 0) {
			while (n-- > 0) {
				bb_addc(o->out, ' ');
				pos++;
			}
		} else {
			rtfw_char(&o->w, utf8_next(s, len, &pos));
		}
	}
}

static void put_token(struct html_rtf *o, const struct html_token *t)
{
	switch (t->type) {
	case HTML_TAG:
		put_tag(o, t);
		break;
	case HTML_COMMENT:
	case HTML_DECL:
		htmltag(o, o->dest | TYPE_TEXT, t->p, t->len);
		break;
	case HTML_TEXT:
		if (rendered(o) && !t->raw) {
			put_visible(o, t->p, t->len);
		} else {
			htmltag(o, o->dest | TYPE_TEXT, t->p, t->len);
		}
		break;
	case HTML_EOF:
		break;
	}
}

/* Before <html>, outside it; a fragment without <html> is body */
static unsigned first_destination(const char *html, size_t len)
{
	size_t i;

	for (i = 0; i + 5 <= len; i++) {
		if (html[i] == '<' &&
		    strncasecmp(html + i + 1, "html", 4) == 0 &&
		    (i + 5 == len || !((html[i + 5] >= 'a' &&
					html[i + 5] <= 'z') ||
				       (html[i + 5] >= 'A' &&
					html[i + 5] <= 'Z')))) {
			return DEST_OUTHTML;
		}
	}
	return DEST_INBODY;
}

enum MAPISTATUS mapi_html_to_rtf(TALLOC_CTX *mem_ctx, const char *html,
				 size_t len, uint32_t code_page, char **rtf,
				 size_t *rtf_len)
{
	TALLOC_CTX *tmp;
	struct html_rtf o;
	struct html_lexer lx;
	struct html_token t;
	struct body_buf b;

	if ((html == NULL && len > 0) || rtf == NULL || rtf_len == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	tmp = talloc_new(mem_ctx);
	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	memset(&o, 0, sizeof(o));
	bb_init(&b, mem_ctx, len * 2 + 256);
	o.out = &b;
	if (!rtfw_init(&o.w, tmp, &b, code_page, "fromhtml1")) {
		talloc_free(tmp);
		bb_free(&b);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	/* [MS-OXRTFEX] 2.1.3.2: INBODY | P, empty, before any text */
	bb_adds(&b, "{\\*\\htmltag64}");
	o.dest = first_destination(html, len);
	html_lex_init(&lx, html, len);
	for (html_lex_next(&lx, &t); t.type != HTML_EOF;
	     html_lex_next(&lx, &t)) {
		put_token(&o, &t);
	}
	bb_adds(&b, "}\r\n");
	talloc_free(tmp);
	return bb_finish(&b, rtf, rtf_len);
}
