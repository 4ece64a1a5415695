/*
   Unit tests for the message body conversions (body_convert.h):
   [MS-OXRTFEX] encapsulation and de-encapsulation, RTF and HTML to
   text, the best body of [MS-OXBBODY].

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

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <talloc.h>

#include "body_convert.h"
#include "test_random.h"

#define S(x) x, strlen(x)

static TALLOC_CTX *mem;

static int setup(void **state)
{
	(void)state;
	mem = talloc_new(NULL);
	return mem == NULL;
}

static int teardown(void **state)
{
	(void)state;
	talloc_free(mem);
	return 0;
}

static char *rtf_text(const char *rtf)
{
	char *text = NULL;
	size_t n = 0;

	assert_int_equal(mapi_rtf_to_text(mem, S(rtf), &text, &n),
			 MAPI_E_SUCCESS);
	assert_int_equal(strlen(text), n);
	return text;
}

static char *rtf_html(const char *rtf, uint32_t *cp)
{
	char *html = NULL;
	size_t n = 0;

	assert_int_equal(mapi_rtf_to_html(mem, S(rtf), &html, &n, cp),
			 MAPI_E_SUCCESS);
	assert_int_equal(strlen(html), n);
	return html;
}

static char *html_text(const char *html)
{
	char *text = NULL;
	size_t n = 0;

	assert_int_equal(mapi_html_to_text(mem, S(html), &text, &n),
			 MAPI_E_SUCCESS);
	return text;
}

/* ------------------------------------------------- plain text -> RTF */

static void test_text_to_rtf(void **state)
{
	const char *text = "Hello\r\nWorld {x} \\ \xc3\xa9 \xe2\x82\xac\tT "
			   "\xf0\x9f\x98\x80 \xce\xa9";
	char *rtf = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(mapi_text_to_rtf(mem, S(text), 1252, &rtf, &n),
			 MAPI_E_SUCCESS);
	assert_int_equal(strncmp(rtf, "{\\rtf1\\ansi\\ansicpg1252\\fromtext ",
				 32), 0);
	assert_non_null(strstr(rtf, "Hello\\par\r\nWorld \\{x\\} \\\\ "
				    "\\'e9 \\'80\\tab T "
				    "\\u-10179?\\u-8704? \\u937?}"));
	assert_int_equal(mapi_rtf_kind(rtf, n), MAPI_RTF_FROMTEXT);
	/* and back, exactly */
	assert_string_equal(rtf_text(rtf), text);
}

/* \ansicpg names the code page; UTF-8 cannot be named: 1252 then */
static void test_text_to_rtf_code_pages(void **state)
{
	const char *text = "\xd0\x9f\xd1\x80\xd0\xb8 \xe6\x97\xa5";
	char *rtf = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(mapi_text_to_rtf(mem, S(text), 1251, &rtf, &n),
			 MAPI_E_SUCCESS);
	assert_non_null(strstr(rtf, "\\ansicpg1251\\"));
	assert_non_null(strstr(rtf, "\\fcharset204 "));
	assert_non_null(strstr(rtf, "\\'cf\\'f0\\'e8 \\u26085?"));
	assert_string_equal(rtf_text(rtf), text);

	/* a double-byte code page: both bytes escaped */
	assert_int_equal(mapi_text_to_rtf(mem, S(text), 932, &rtf, &n),
			 MAPI_E_SUCCESS);
	assert_non_null(strstr(rtf, "\\ansicpg932\\"));
	assert_non_null(strstr(rtf, "\\'93\\'fa"));
	assert_string_equal(rtf_text(rtf), text);

	assert_int_equal(mapi_text_to_rtf(mem, S(text), 65001, &rtf, &n),
			 MAPI_E_SUCCESS);
	assert_non_null(strstr(rtf, "\\ansicpg1252\\"));
	assert_string_equal(rtf_text(rtf), text);
}

/* Line ends: CR LF, LF and CR all end a paragraph (CR LF back) */
static void test_text_line_ends(void **state)
{
	char *rtf = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(mapi_text_to_rtf(mem, S("a\nb\rc\r\n\r\nd"), 1252,
					  &rtf, &n), MAPI_E_SUCCESS);
	assert_string_equal(rtf_text(rtf), "a\r\nb\r\nc\r\n\r\nd");
	assert_int_equal(mapi_text_to_rtf(mem, "", 0, 1252, &rtf, &n),
			 MAPI_E_SUCCESS);
	assert_string_equal(rtf_text(rtf), "");
}

/* ------------------------------------------------ RTF -> plain text */

static void test_rtf_to_text_ordinary(void **state)
{
	const char *rtf =
		"{\\rtf1\\ansi\\ansicpg1252\\deff0\\nouicompat"
		"{\\fonttbl{\\f0\\fswiss\\fcharset0 Calibri;}"
		"{\\f1\\fnil\\fcharset204 Arial Cyr;}"
		"{\\f2\\fnil\\fcharset128 MS Gothic;}}\r\n"
		"{\\colortbl ;\\red0\\green0\\blue255;}\r\n"
		"{\\stylesheet{\\s0 Normal;}}"
		"{\\*\\generator Riched20 10.0;}\\viewkind4\\uc1 \r\n"
		"\\pard\\f0\\fs22 Gr\\'fc\\'dfe {\\b bold}\\par\r\n"
		"{\\f1 \\'cf\\'f0\\'e8}{\\f2 \\'93\\'fa}\\line "
		"\\u8364?\\uc0\\u8364 \\uc2\\u937\\'3f\\'3f!\\par\r\n"
		"{\\*\\unknowndest hidden}{\\pict\\wmetafile8 0a0b}"
		"\\tab x\\~y\\{z\\}\\\\\\lquote q\\rquote\\emdash "
		"\\u-10179?\\u-8704?\\bin3 {}}}z\\par\r\n"
		"}";

	(void)state;
	assert_string_equal(rtf_text(rtf),
		"Gr\xc3\xbc\xc3\x9f" "e bold\r\n"
		"\xd0\x9f\xd1\x80\xd0\xb8\xe6\x97\xa5\r\n"
		"\xe2\x82\xac\xe2\x82\xac\xce\xa9!\r\n"
		"\tx\xc2\xa0y{z}\\\xe2\x80\x98q\xe2\x80\x99\xe2\x80\x94"
		"\xf0\x9f\x98\x80z\r\n");
}

static void test_rtf_kind(void **state)
{
	(void)state;
	assert_int_equal(mapi_rtf_kind(S("{\\rtf1\\ansi\\fromhtml1 "
					 "\\deff0{\\fonttbl}}")),
			 MAPI_RTF_FROMHTML);
	assert_int_equal(mapi_rtf_kind(S("{\\rtf1\\ansi\\ansicpg1252"
					 "\\fromtext \\fbidis\\deff0}")),
			 MAPI_RTF_FROMTEXT);
	assert_int_equal(mapi_rtf_kind(S("{\\rtf1\\ansi\\fromhtml0 }")),
			 MAPI_RTF_ORDINARY);
	/* after the font table: not in the header any more */
	assert_int_equal(mapi_rtf_kind(S("{\\rtf1{\\fonttbl}\\fromhtml1 }")),
			 MAPI_RTF_ORDINARY);
	assert_int_equal(mapi_rtf_kind(S("{\\rtf1 text\\fromtext }")),
			 MAPI_RTF_ORDINARY);
	assert_int_equal(mapi_rtf_kind(S("not rtf")), MAPI_RTF_ORDINARY);
	assert_int_equal(mapi_rtf_kind(NULL, 0), MAPI_RTF_ORDINARY);
}

/* ------------------------------------------------ de-encapsulation */

/* As Outlook writes it: tags in \htmltag groups, RTF-only formatting in
 * \htmlrtf, text in between, a Cyrillic font for some text */
static const char outlook_rtf[] =
	"{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\deff0"
	"{\\fonttbl{\\f0\\fswiss Arial;}{\\f1\\fmodern Courier New;}"
	"{\\f2\\fnil\\fcharset2 Symbol;}"
	"{\\f3\\fmodern\\fcharset204 Courier New Cyr;}}\r\n"
	"{\\colortbl\\red0\\green0\\blue0;\\red0\\green0\\blue255;}\r\n"
	"\\uc1\\pard\\plain\\deftab360 \\f0\\fs24 \r\n"
	"{\\*\\htmltag19 <html>}\r\n"
	"{\\*\\htmltag34 <head>}\r\n"
	"{\\*\\htmltag161 <style>}\r\n"
	"{\\*\\htmltag241 p \\{ margin:0 \\}\\par  a:link \\{\\}}\r\n"
	"{\\*\\htmltag169 </style>}\r\n"
	"{\\*\\htmltag41 </head>}\r\n"
	"{\\*\\htmltag2 \\par }\r\n"
	"{\\*\\htmltag50 <body lang=\"de\">}"
	"\\htmlrtf \\lang1031 \\htmlrtf0 \r\n"
	"{\\*\\htmltag64}\r\n"
	"{\\*\\htmltag64 <p>}\\htmlrtf {\\htmlrtf0 Gr\\'fc\\'dfe,"
	"{\\*\\htmltag0 &nbsp;}\\htmlrtf \\'a0\\htmlrtf0 "
	"{\\*\\htmltag84 <a href=\"http://x/?a=1&amp;b=2\">}"
	"\\htmlrtf {\\field{\\*\\fldinst{HYPERLINK \"http://x/\"}}"
	"{\\fldrslt\\cf1\\ul \\htmlrtf0 Link\\htmlrtf }\\htmlrtf0 "
	"\\htmlrtf }\\htmlrtf0 {\\*\\htmltag92 </a>}"
	" {\\f3 \\'cf\\'f0\\'e8} \\u8364? \\{x\\}\\tab t"
	"\\htmlrtf\\par}\\htmlrtf0 \r\n"
	"{\\*\\htmltag72 </p>}\r\n"
	"{\\*\\htmltag0 \\par }\r\n"
	"{\\*\\htmltag58 </body>}\r\n"
	"{\\*\\htmltag27 </html>}}\r\n";

static const char outlook_html[] =
	"<html><head><style>p { margin:0 }\r\n a:link {}</style></head>\r\n"
	"<body lang=\"de\"><p>Gr\xc3\xbc\xc3\x9f" "e,&nbsp;"
	"<a href=\"http://x/?a=1&amp;b=2\">Link</a> "
	"\xd0\x9f\xd1\x80\xd0\xb8 \xe2\x82\xac {x}\tt</p>\r\n"
	"</body></html>";

static void test_deencapsulate(void **state)
{
	uint32_t cp = 0;

	(void)state;
	assert_int_equal(mapi_rtf_kind(S(outlook_rtf)), MAPI_RTF_FROMHTML);
	assert_string_equal(rtf_html(outlook_rtf, &cp), outlook_html);
	assert_int_equal(cp, 1252);
	/* its text goes through the HTML */
	assert_string_equal(rtf_text(outlook_rtf),
			    "Gr\xc3\xbc\xc3\x9f" "e, Link "
			    "\xd0\x9f\xd1\x80\xd0\xb8 \xe2\x82\xac {x} t");
}

/* \htmlrtf is a toggle saved and restored with groups
 * ([MS-OXRTFEX] 2.1.3.1.3) */
static void test_htmlrtf_groups(void **state)
{
	(void)state;
	assert_string_equal(rtf_html("{\\rtf1\\fromhtml1 a\\htmlrtf b{c"
				     "\\htmlrtf0 d}e\\htmlrtf1 f\\htmlrtf0 "
				     "g{\\htmlrtf h}i}", NULL),
			    "adgi");
}

static void test_deencapsulate_not_html(void **state)
{
	char *html = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(mapi_rtf_to_html(mem, S("{\\rtf1 plain}"), &html, &n,
					  NULL), MAPI_E_NOT_FOUND);
	assert_null(html);
}

/* ------------------------------------------------ HTML -> RTF -> HTML */

static void roundtrip_html(const char *html, uint32_t cp)
{
	char *rtf = NULL;
	size_t n = 0;

	assert_int_equal(mapi_html_to_rtf(mem, S(html), cp, &rtf, &n),
			 MAPI_E_SUCCESS);
	assert_int_equal(mapi_rtf_kind(rtf, n), MAPI_RTF_FROMHTML);
	assert_string_equal(rtf_html(rtf, NULL), html);
}

static void test_html_to_rtf(void **state)
{
	const char *html =
		"<!DOCTYPE html>\n<html><head><title>T</title>"
		"<style>p {x:1}</style></head>\r\n<body>\n"
		"<p>Caf\xc3\xa9 &amp; <b>bold</b>\t&lt;x&gt; &#8364; "
		"\xe2\x82\xac {} \\</p><!-- c -->\r"
		"<pre>a\n  b\r\n\tc</pre><br>1<br/>"
		"<script>if (a < b) {}</script></body></html>\n";
	char *rtf = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(mapi_html_to_rtf(mem, S(html), 1252, &rtf, &n),
			 MAPI_E_SUCCESS);
	assert_int_equal(strncmp(rtf, "{\\rtf1\\ansi\\ansicpg1252"
				 "\\fromhtml1 ", 33), 0);
	/* the empty INBODY|P group before any text */
	assert_non_null(strstr(rtf, "{\\*\\htmltag64}"));
	/* tags with their parameters: <html> OUTHTML, <p> INBODY|P,
	 * </p> with the end flag, a character reference */
	assert_non_null(strstr(rtf, "{\\*\\htmltag19 <html>}"));
	assert_non_null(strstr(rtf, "{\\*\\htmltag64 <p>}"));
	assert_non_null(strstr(rtf, "{\\*\\htmltag72 </p>}"));
	assert_non_null(strstr(rtf, "{\\*\\htmltag0 &amp;}\\htmlrtf &"
				    "\\htmlrtf0 "));
	assert_non_null(strstr(rtf, "Caf\\'e9 "));
	assert_string_equal(rtf_html(rtf, NULL), html);
	/* the text an RTF reader shows */
	assert_string_equal(rtf_text(rtf),
			    "Caf\xc3\xa9 & bold <x> \xe2\x82\xac \xe2\x82\xac "
			    "{} \\\r\n\r\na\r\n  b\r\n\tc\r\n\r\n1");
}

static void test_html_roundtrip_misc(void **state)
{
	(void)state;
	roundtrip_html("", 1252);
	roundtrip_html("just text, no tags", 1252);
	roundtrip_html("<p>fragment \xe6\x97\xa5\xe6\x9c\xac</p>", 932);
	roundtrip_html("<p>\xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80</p>",
		       65001);
	roundtrip_html("<p unclosed attr=\"a>b\" x='>'>t</p><", 1252);
	roundtrip_html("a < b && c > d &bogus; &#xZZ; &#;", 1252);
	roundtrip_html("<!-- unterminated comment", 1252);
	roundtrip_html("<script>never closed", 1252);
	roundtrip_html("\n\n  \t \r\r\n", 1252);
}

/* Random HTML-like bytes: always back byte for byte (for valid UTF-8) */
static void test_html_roundtrip_random(void **state)
{
	static const char *parts[] = {
		"<p>", "</p>", "<br>", "&amp;", "&nbsp;", "&#233;", " ", "\r\n",
		"\n", "\t", "text", "{", "}", "\\", "<b>", "</b>", "<!--x-->",
		"\xc3\xa9", "\xe2\x82\xac", "<head>", "</head>", "<body>",
		"<pre>", "</pre>", "<style>a{}</style>", "&", "<", ">", "<?x?>",
		"\xf0\x9f\x98\x80", "1", "\\par", "\x01",
	};
	char buf[2048];
	unsigned i, k;

	(void)state;
	rng_seed(4242);
	for (i = 0; i < 300; i++) {
		size_t len = 0;

		for (k = rng_next() % 60; k > 0; k--) {
			const char *p = parts[rng_next() % (sizeof(parts) /
							    sizeof(parts[0]))];

			memcpy(buf + len, p, strlen(p));
			len += strlen(p);
		}
		buf[len] = '\0';
		roundtrip_html(buf, i % 3 == 0 ? 932 : 1252);
	}
}

/* ------------------------------------------------ HTML -> plain text */

static void test_html_to_text(void **state)
{
	(void)state;
	assert_string_equal(html_text(
		"<html><head><title>Title</title><style>p{}</style>"
		"<script>var x = '<p>';</script></head>\r\n<body>\r\n"
		"<h1>Head</h1>  <p>One   two\r\n three &amp; &lt;4&gt; "
		"&eacute;&#233;&#xE9;&nbsp;x &unknown; &amp</p>"
		"<div>Line<br>break<br><br>twice</div>"
		"<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr>"
		"</table><pre>  keep\n   this</pre>tail\r\n</body></html>"),
		"Head\r\n\r\nOne two three & <4> \xc3\xa9\xc3\xa9\xc3\xa9 x "
		"&unknown; &amp\r\n\r\nLine\r\nbreak\r\n\r\ntwice\r\n"
		"a\tb\r\nc\r\n  keep\r\n   this\r\ntail");
	assert_string_equal(html_text(""), "");
	assert_string_equal(html_text("<head>no end of head<body>x"), "x");
	assert_string_equal(html_text("<<<>>> a<b"), "<<<>>> a");
}

static void test_text_to_html(void **state)
{
	char *html = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(mapi_text_to_html(mem, S("a <b> & \"c\"\r\n  two"
						  "  spaces\ttab\n"),
					   &html, &n), MAPI_E_SUCCESS);
	assert_string_equal(html, "<html>\r\n<body>\r\na &lt;b&gt; &amp; "
			    "&quot;c&quot;<br>\r\n&nbsp;&nbsp;two &nbsp;spaces"
			    "&nbsp;&nbsp;&nbsp;&nbsp;tab<br>\r\n\r\n</body>"
			    "\r\n</html>\r\n");
	assert_string_equal(html_text(html),
			    "a <b> & \"c\"\r\n  two  spaces    tab");
}

/* ------------------------------------------------ code pages */

static void test_charsets(void **state)
{
	char *utf8 = NULL;
	uint8_t *bytes = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(mapi_charset_to_utf8(mem, (const uint8_t *)
					      "caf\xe9 \x80", 6, 1252, &utf8,
					      &n), MAPI_E_SUCCESS);
	assert_string_equal(utf8, "caf\xc3\xa9 \xe2\x82\xac");
	/* 0: UTF-8 when valid, else 1252 */
	assert_int_equal(mapi_charset_to_utf8(mem, (const uint8_t *)
					      "caf\xc3\xa9", 5, 0, &utf8, &n),
			 MAPI_E_SUCCESS);
	assert_string_equal(utf8, "caf\xc3\xa9");
	assert_int_equal(mapi_charset_to_utf8(mem, (const uint8_t *)
					      "caf\xe9", 4, 0, &utf8, &n),
			 MAPI_E_SUCCESS);
	assert_string_equal(utf8, "caf\xc3\xa9");
	/* a byte the code page lacks */
	assert_int_equal(mapi_charset_to_utf8(mem, (const uint8_t *)"a\x81",
					      2, 1252, &utf8, &n),
			 MAPI_E_SUCCESS);
	assert_string_equal(utf8, "a\xef\xbf\xbd");
	assert_int_equal(mapi_charset_to_utf8(mem, (const uint8_t *)"a", 1,
					      4242424, &utf8, &n),
			 MAPI_E_NO_SUPPORT);

	assert_int_equal(mapi_charset_from_utf8(mem, S("\xe2\x82\xac \xce\xa9"),
						1252, true, &bytes, &n),
			 MAPI_E_SUCCESS);
	assert_int_equal(n, 8);
	assert_memory_equal(bytes, "\x80 &#937;", 8);
	assert_int_equal(mapi_charset_from_utf8(mem, S("\xce\xa9"), 1252,
						false, &bytes, &n),
			 MAPI_E_SUCCESS);
	assert_memory_equal(bytes, "?", 2);
}

/* ------------------------------------------------ hostile input */

static void test_hostile_rtf(void **state)
{
	char *deep, *out = NULL;
	size_t n = 0, i;

	(void)state;
	assert_int_equal(mapi_rtf_to_text(mem, S("plain text"), &out, &n),
			 MAPI_E_CORRUPT_DATA);
	assert_int_equal(mapi_rtf_to_text(mem, S("{\\rtf"), &out, &n),
			 MAPI_E_SUCCESS);
	/* truncated escapes and words, unbalanced groups */
	assert_string_equal(rtf_text("{\\rtf1 a\\'4"), "a4");
	assert_string_equal(rtf_text("{\\rtf1 a\\'zzb\\"), "azzb");
	assert_string_equal(rtf_text("{\\rtf1 a}}}}b{{{c"), "abc");
	assert_string_equal(rtf_text("{\\rtf1 \\u99999999999999999999?x"
				     "\\ucx\\uc-5\\u-99999 y"),
			    "\xef\xbf\xbdx\xef\xbf\xbdy");
	/* a control word of 10,000 letters */
	deep = talloc_array(mem, char, 10020);
	strcpy(deep, "{\\rtf1 \\");
	memset(deep + 8, 'a', 10000);
	strcpy(deep + 10008, " ok}");
	assert_string_equal(rtf_text(deep), "ok");
	/* nesting beyond the limit */
	for (i = 0; i < 5000; i++) {
		deep[i] = '{';
	}
	memcpy(deep, "{\\rtf1 ", 7);
	deep[5000] = '\0';
	assert_int_equal(mapi_rtf_to_text(mem, S(deep), &out, &n),
			 MAPI_E_CORRUPT_DATA);
	/* \bin longer than what follows */
	assert_string_equal(rtf_text("{\\rtf1 a\\bin999999 xyz"), "a");
}

static void test_hostile_random(void **state)
{
	static const char *parts[] = {
		"{", "}", "\\", "\\'", "\\'e9", "\\u", "\\u-1", "\\uc",
		"\\htmlrtf", "\\htmlrtf0", "{\\*\\htmltag", "\\par", "\\f",
		"\\fcharset", "{\\fonttbl", "\\bin", "1", "99", "-", " ", "a",
		"\xff", ";", "\\*", "\\ansicpg", "932", "\r\n",
	};
	char buf[1024];
	unsigned i, k;

	(void)state;
	rng_seed(31337);
	for (i = 0; i < 3000; i++) {
		TALLOC_CTX *tmp = talloc_new(mem);
		char *out = NULL;
		size_t len = 16, n = 0;
		enum MAPISTATUS ret;

		memcpy(buf, "{\\rtf1\\fromhtml1", 16);
		for (k = rng_next() % 80; k > 0; k--) {
			const char *p = parts[rng_next() % (sizeof(parts) /
							    sizeof(parts[0]))];

			memcpy(buf + len, p, strlen(p));
			len += strlen(p);
		}
		ret = mapi_rtf_to_text(tmp, buf, len, &out, &n);
		assert_true(ret == MAPI_E_SUCCESS ||
			    ret == MAPI_E_CORRUPT_DATA);
		ret = mapi_rtf_to_html(tmp, buf, len, &out, &n, NULL);
		assert_true(ret == MAPI_E_SUCCESS ||
			    ret == MAPI_E_CORRUPT_DATA);
		ret = mapi_html_to_text(tmp, buf, len, &out, &n);
		assert_int_equal(ret, MAPI_E_SUCCESS);
		talloc_free(tmp);
	}
}

/* ------------------------------------------------ best body */

static void test_best_body(void **state)
{
	struct mapi_body_presence p;

	(void)state;
	memset(&p, 0, sizeof(p));
	assert_int_equal(mapi_best_body(&p), MAPI_NATIVE_BODY_UNDEFINED);
	p.body = true;
	assert_int_equal(mapi_best_body(&p), MAPI_NATIVE_BODY_PLAIN);
	p.rtf = true;
	/* RTF and text, not in sync: the text is newer */
	assert_int_equal(mapi_best_body(&p), MAPI_NATIVE_BODY_PLAIN);
	p.has_in_sync = p.in_sync = true;
	assert_int_equal(mapi_best_body(&p), MAPI_NATIVE_BODY_RTF);
	p.in_sync = false;
	p.html = true;
	assert_int_equal(mapi_best_body(&p), MAPI_NATIVE_BODY_HTML);
	p.body = p.html = false;
	assert_int_equal(mapi_best_body(&p), MAPI_NATIVE_BODY_RTF);
	/* PidTagNativeBody wins when its property is there */
	p.body = true;
	p.has_native = true;
	p.native = MAPI_NATIVE_BODY_RTF;
	assert_int_equal(mapi_best_body(&p), MAPI_NATIVE_BODY_RTF);
	p.native = MAPI_NATIVE_BODY_HTML;
	assert_int_equal(mapi_best_body(&p), MAPI_NATIVE_BODY_PLAIN);
	p.native = 77;
	assert_int_equal(mapi_best_body(&p), MAPI_NATIVE_BODY_PLAIN);
	p.clear_signed = true;
	assert_int_equal(mapi_best_body(&p), MAPI_NATIVE_BODY_CLEAR_SIGNED);
	assert_int_equal(mapi_best_body(NULL), MAPI_NATIVE_BODY_UNDEFINED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_to_rtf),
		cmocka_unit_test(test_text_to_rtf_code_pages),
		cmocka_unit_test(test_text_line_ends),
		cmocka_unit_test(test_rtf_to_text_ordinary),
		cmocka_unit_test(test_rtf_kind),
		cmocka_unit_test(test_deencapsulate),
		cmocka_unit_test(test_htmlrtf_groups),
		cmocka_unit_test(test_deencapsulate_not_html),
		cmocka_unit_test(test_html_to_rtf),
		cmocka_unit_test(test_html_roundtrip_misc),
		cmocka_unit_test(test_html_roundtrip_random),
		cmocka_unit_test(test_html_to_text),
		cmocka_unit_test(test_text_to_html),
		cmocka_unit_test(test_charsets),
		cmocka_unit_test(test_hostile_rtf),
		cmocka_unit_test(test_hostile_random),
		cmocka_unit_test(test_best_body),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
