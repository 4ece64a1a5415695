/*
   Message body conversions: HTML to plain text and plain text to HTML.

   Neither direction is specified by [MS-OXCMSG] or [MS-OXBBODY] (a
   server "generates" the other body formats); the text is what a
   browser shows, line by line: white space collapsed outside <pre>,
   block elements and <br> as line breaks, cells separated by tabs.

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

/* Line breaks asked for but not written yet: at most a blank line */
#define BREAKS_MAX	2

struct text_out {
	struct body_buf b;
	unsigned breaks;	/* line breaks owed before the next text */
	bool space;		/* a collapsed space owed */
	bool tab;		/* a cell separator owed */
	unsigned hidden;	/* inside head, title, script, style */
	unsigned pre;		/* inside pre */
	bool cell_seen;		/* a cell already started in this row */
};

static bool is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
	       c == '\f';
}

/* Pay what is owed before visible text */
static void settle(struct text_out *o)
{
	if (o->b.len == 0) {
		o->breaks = 0;
		o->space = o->tab = false;
		return;
	}
	if (o->breaks > 0) {
		while (o->breaks > 0) {
			bb_add(&o->b, "\r\n", 2);
			o->breaks--;
		}
	} else if (o->tab) {
		bb_addc(&o->b, '\t');
	} else if (o->space) {
		bb_addc(&o->b, ' ');
	}
	o->space = o->tab = false;
}

static void want_breaks(struct text_out *o, unsigned n)
{
	if (o->breaks < n) {
		o->breaks = n;
	}
	o->space = false;
}

static void put_char(struct text_out *o, uint32_t c)
{
	if (o->pre > 0) {
		settle(o);
		if (c == '\n') {
			bb_add(&o->b, "\r\n", 2);
		} else if (c != '\r') {
			bb_add_utf8(&o->b, c);
		}
		return;
	}
	if (is_space(c)) {
		o->space = true;
		return;
	}
	settle(o);
	/* a non-breaking space is a space in plain text */
	bb_add_utf8(&o->b, c == 0x00A0 ? ' ' : c);
}

static void put_text(struct text_out *o, const char *s, size_t len)
{
	size_t pos = 0, n;
	uint32_t c;

	while (pos < len) {
		if (s[pos] == '&' && (n = html_entity(s + pos, len - pos,
						     &c)) > 0) {
			pos += n;
		} else {
			c = utf8_next(s, len, &pos);
		}
		put_char(o, c);
	}
}

static bool name_is(const struct html_token *t, const char *name)
{
	return strcmp(t->name, name) == 0;
}

static bool hides(const struct html_token *t)
{
	return name_is(t, "head") || name_is(t, "title") ||
	       name_is(t, "script") || name_is(t, "style");
}

/* Table cells: a tab between the cells of a row */
static void cell_tag(struct text_out *o, const struct html_token *t)
{
	if (t->end) {
		return;
	}
	if (o->cell_seen && o->breaks == 0) {
		o->tab = true;
		o->space = false;
	}
	o->cell_seen = true;
}

static void put_tag(struct text_out *o, const struct html_token *t)
{
	if (hides(t)) {
		if (!t->end) {
			o->hidden++;
		} else if (o->hidden > 0) {
			o->hidden--;
		}
		return;
	}
	if (name_is(t, "body")) {
		o->hidden = 0;	/* a head without its end tag ends here */
	} else if (name_is(t, "br")) {
		o->breaks++;
		o->space = false;
	} else if (name_is(t, "td") || name_is(t, "th")) {
		cell_tag(o, t);
	} else if (name_is(t, "p") || (t->name[0] == 'h' &&
		   t->name[1] >= '1' && t->name[1] <= '6' && !t->name[2])) {
		want_breaks(o, BREAKS_MAX);
	} else if (html_is_block(t->name)) {
		want_breaks(o, 1);
	}
	if (name_is(t, "tr")) {
		o->cell_seen = false;
	}
	if (name_is(t, "pre")) {
		if (!t->end) {
			o->pre++;
		} else if (o->pre > 0) {
			o->pre--;
		}
	}
}

enum MAPISTATUS mapi_html_to_text(TALLOC_CTX *mem_ctx, const char *html,
				  size_t len, char **text, size_t *text_len)
{
	struct html_lexer lx;
	struct html_token t;
	struct text_out o;

	if ((html == NULL && len > 0) || text == NULL || text_len == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	memset(&o, 0, sizeof(o));
	bb_init(&o.b, mem_ctx, len / 2 + 1);
	html_lex_init(&lx, html, len);
	for (html_lex_next(&lx, &t); t.type != HTML_EOF;
	     html_lex_next(&lx, &t)) {
		if (t.type == HTML_TAG) {
			put_tag(&o, &t);
		} else if (t.type == HTML_TEXT && o.hidden == 0 && !t.raw) {
			put_text(&o, t.p, t.len);
		}
	}
	return bb_finish(&o.b, text, text_len);
}

/*
 * Plain text to HTML
 */

static void html_escape_char(struct body_buf *b, uint32_t c, bool *space)
{
	bool was_space = *space;

	*space = c == ' ';
	switch (c) {
	case '&':
		bb_adds(b, "&amp;");
		break;
	case '<':
		bb_adds(b, "&lt;");
		break;
	case '>':
		bb_adds(b, "&gt;");
		break;
	case '"':
		bb_adds(b, "&quot;");
		break;
	case '\t':
		bb_adds(b, "&nbsp;&nbsp;&nbsp;&nbsp;");
		*space = true;
		break;
	case ' ':
		/* HTML collapses spaces: keep the second one and those
		 * starting a line */
		bb_adds(b, was_space ? "&nbsp;" : " ");
		break;
	default:
		bb_add_utf8(b, c);
		break;
	}
}

enum MAPISTATUS mapi_text_to_html(TALLOC_CTX *mem_ctx, const char *text,
				  size_t len, char **html, size_t *html_len)
{
	struct body_buf b;
	size_t pos = 0;
	bool space = true;	/* at the start of a line */
	uint32_t c;

	if ((text == NULL && len > 0) || html == NULL || html_len == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	bb_init(&b, mem_ctx, len + len / 8 + 64);
	bb_adds(&b, "<html>\r\n<body>\r\n");
	while (pos < len) {
		c = utf8_next(text, len, &pos);
		if (c == '\r' && pos < len && text[pos] == '\n') {
			continue;
		}
		if (c == '\r' || c == '\n') {
			bb_adds(&b, "<br>\r\n");
			space = true;
			continue;
		}
		html_escape_char(&b, c, &space);
	}
	bb_adds(&b, "\r\n</body>\r\n</html>\r\n");
	return bb_finish(&b, html, html_len);
}
