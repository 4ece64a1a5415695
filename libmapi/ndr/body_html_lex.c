/*
   Message body conversions: the HTML tokenizer and character references.

   A forgiving tokenizer in the manner of HTML parsers: "<" starts a tag
   only before a letter ("<a"), "/" and a letter ("</a"), "!" or "?";
   anything else is text.  A tag runs to the first ">" outside quoted
   attribute values; a comment to "-->".  The content of <script> and
   <style> is raw text up to the matching end tag.  A construct cut
   short by the end of the input runs to the end.

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

/* Numeric references: at most this many digits are read */
#define REF_DIGITS_MAX	8
/* Named references: the longest name known */
#define REF_NAME_MAX	8

void html_lex_init(struct html_lexer *lx, const char *html, size_t len)
{
	lx->p = html;
	lx->len = len;
	lx->pos = 0;
	lx->raw_end[0] = '\0';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Does a markup construct start at p[i]? */
static bool markup_at(const char *p, size_t len, size_t i)
{
	char c;

	if (p[i] != '<' || i + 1 >= len) {
		return false;
	}
	c = p[i + 1];
	return is_alpha(c) || c == '!' || c == '?' ||
	       (c == '/' && i + 2 < len && is_alpha(p[i + 2]));
}

static void set_token(struct html_lexer *lx, struct html_token *t,
		      enum html_tok type, size_t start)
{
	t->type = type;
	t->p = lx->p + start;
	t->len = lx->pos - start;
}

/* Position after the first occurrence of @p pat from @p from, or the
 * end of the input */
static size_t find_after(const struct html_lexer *lx, size_t from,
			 const char *pat)
{
	size_t n = strlen(pat), i;

	for (i = from; i + n <= lx->len; i++) {
		if (memcmp(lx->p + i, pat, n) == 0) {
			return i + n;
		}
	}
	return lx->len;
}

static void lex_tag(struct html_lexer *lx, struct html_token *t, size_t start)
{
	size_t i = start + 1, n = 0;
	char quote = 0;

	t->end = lx->p[i] == '/';
	if (t->end) {
		i++;
	}
	while (i < lx->len && is_alnum(lx->p[i])) {
		if (n < HTML_NAME_MAX) {
			t->name[n++] = lower(lx->p[i]);
		}
		i++;
	}
	t->name[n] = '\0';
	for (; i < lx->len; i++) {
		char c = lx->p[i];

		if (quote != 0) {
			quote = c == quote ? 0 : quote;
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '>') {
			i++;
			break;
		}
	}
	lx->pos = i;
	set_token(lx, t, HTML_TAG, start);
	if (!t->end && (strcmp(t->name, "script") == 0 ||
			strcmp(t->name, "style") == 0)) {
		memcpy(lx->raw_end, t->name, n + 1);
	}
}

/* The raw text of script or style, up to its end tag */
static void lex_raw(struct html_lexer *lx, struct html_token *t)
{
	size_t start = lx->pos, n = strlen(lx->raw_end), i;

	for (i = start; i < lx->len; i++) {
		if (lx->p[i] == '<' && i + 2 + n <= lx->len &&
		    lx->p[i + 1] == '/' &&
		    strncasecmp(lx->p + i + 2, lx->raw_end, n) == 0 &&
		    (i + 2 + n == lx->len || !is_alnum(lx->p[i + 2 + n]))) {
			break;
		}
	}
	lx->pos = i;
	lx->raw_end[0] = '\0';
	set_token(lx, t, HTML_TEXT, start);
	t->raw = true;
}

void html_lex_next(struct html_lexer *lx, struct html_token *t)
{
	size_t start = lx->pos, i;

	t->name[0] = '\0';
	t->end = false;
	t->raw = false;
	if (lx->pos >= lx->len) {
		set_token(lx, t, HTML_EOF, start);
		return;
	}
	if (lx->raw_end[0] != '\0') {
		lex_raw(lx, t);
		if (t->len > 0) {
			return;
		}
		start = lx->pos;
	}
	if (markup_at(lx->p, lx->len, start)) {
		if (lx->len - start >= 4 &&
		    memcmp(lx->p + start, "<!--", 4) == 0) {
			lx->pos = find_after(lx, start + 4, "-->");
			set_token(lx, t, HTML_COMMENT, start);
		} else if (lx->p[start + 1] == '!' ||
			   lx->p[start + 1] == '?') {
			lx->pos = find_after(lx, start + 2, ">");
			set_token(lx, t, HTML_DECL, start);
		} else {
			lex_tag(lx, t, start);
		}
		return;
	}
	for (i = start + 1; i < lx->len && !markup_at(lx->p, lx->len, i); i++) {
	}
	lx->pos = i;
	set_token(lx, t, HTML_TEXT, start);
}

/*
 * Character references (HTML 4.01 section 5.3)
 */

static size_t numeric_ref(const char *s, size_t len, uint32_t *c)
{
	size_t i = 2, digits = 0;
	bool hex = i < len && (s[i] == 'x' || s[i] == 'X');
	uint32_t v = 0;

	if (hex) {
		i++;
	}
	for (; i < len && digits < REF_DIGITS_MAX; i++, digits++) {
		char d = lower(s[i]);

		if (d >= '0' && d <= '9') {
			v = v * (hex ? 16 : 10) + (uint32_t)(d - '0');
		} else if (hex && d >= 'a' && d <= 'f') {
			v = v * 16 + (uint32_t)(d - 'a' + 10);
		} else {
			break;
		}
	}
	if (digits == 0) {
		return 0;
	}
	if (i < len && s[i] == ';') {
		i++;
	}
	if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		v = UNICODE_REPLACEMENT;
	}
	*c = v;
	return i;
}

size_t html_entity(const char *s, size_t len, uint32_t *c)
{
	size_t i = 1;

	if (len < 3 || s[0] != '&') {
		return 0;
	}
	if (s[1] == '#') {
		return numeric_ref(s, len, c);
	}
	while (i < len && i <= REF_NAME_MAX && is_alnum(s[i])) {
		i++;
	}
	/* named references need their ';' */
	if (i == 1 || i >= len || s[i] != ';') {
		return 0;
	}
	*c = html_entity_named(s + 1, i - 1);
	return *c != 0 ? i + 1 : 0;
}

/* Elements that begin a new line of text */
static const char *const block_elements[] = {
	"address", "article", "aside", "blockquote", "caption", "center",
	"dd", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
	"form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
	"main", "nav", "ol", "p", "pre", "section", "table", "tr", "ul",
};

bool html_is_block(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(block_elements) / sizeof(block_elements[0]);
	     i++) {
		if (strcmp(name, block_elements[i]) == 0) {
			return true;
		}
	}
	return false;
}
