/*
 * Unit tests of mstore_body_sync(): the body properties of a message
 * kept consistent on save ([MS-OXCMSG] 2.2.1.58, [MS-OXBBODY]).
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

#include "store/store.h"
#include "store/store_body.h"
#include "libmapi/ndr/body_convert.h"
#include "libmapi/ndr/rtfcp.h"

#define TAG_BODY	0x1000001F
#define TAG_BODY_A	0x1000001E
#define TAG_RTF		0x10090102
#define TAG_HTML	0x10130102
#define TAG_NATIVE	0x10160003
#define TAG_IN_SYNC	0x0E1F000B
#define TAG_CPID	0x3FDE0003
#define TAG_CLASS	0x001A001F
#define TAG_SUBJECT	0x0037001F

/* A message's property array, as the store keeps it */
struct msg {
	TALLOC_CTX *mem;
	struct mstore_value *v;
	uint32_t n;
};

static struct msg *msg_new(TALLOC_CTX *ctx)
{
	struct msg *m = talloc_zero(ctx, struct msg);

	assert_non_null(m);
	m->mem = m;
	return m;
}

static struct mstore_value *slot(struct msg *m, uint32_t tag)
{
	uint32_t i;

	for (i = 0; i < m->n; i++) {
		if (MSTORE_PROP_ID(m->v[i].tag) == MSTORE_PROP_ID(tag)) {
			m->v[i].tag = tag;
			return &m->v[i];
		}
	}
	m->v = talloc_realloc(m->mem, m->v, struct mstore_value, m->n + 1);
	assert_non_null(m->v);
	memset(&m->v[m->n], 0, sizeof(m->v[0]));
	m->v[m->n].tag = tag;
	return &m->v[m->n++];
}

static void set_str(struct msg *m, uint32_t tag, const char *s)
{
	slot(m, tag)->v.str = talloc_strdup(m->mem, s);
}

static void set_bin(struct msg *m, uint32_t tag, const void *p, size_t len)
{
	struct mstore_value *v = slot(m, tag);

	v->v.bin.length = (uint32_t)len;
	v->v.bin.data = talloc_memdup(m->mem, p, len ? len : 1);
}

static void set_long(struct msg *m, uint32_t tag, int32_t i)
{
	slot(m, tag)->v.i32 = i;
}

static void set_bool(struct msg *m, uint32_t tag, bool b)
{
	slot(m, tag)->v.b = b;
}

static void del(struct msg *m, uint32_t tag)
{
	uint32_t i;

	for (i = 0; i < m->n; i++) {
		if (MSTORE_PROP_ID(m->v[i].tag) == MSTORE_PROP_ID(tag)) {
			memmove(&m->v[i], &m->v[i + 1],
				(m->n - i - 1) * sizeof(m->v[0]));
			m->n--;
			return;
		}
	}
}

static const struct mstore_value *get(const struct msg *m, uint32_t tag)
{
	return mstore_values_find(m->v, m->n, tag);
}

static void set_rtf(struct msg *m, const char *rtf)
{
	uint8_t *comp = NULL;
	size_t n = 0;

	assert_int_equal(mapi_rtfcp_compress(m->mem, (const uint8_t *)rtf,
					     strlen(rtf), true, &comp, &n),
			 MAPI_E_SUCCESS);
	set_bin(m, TAG_RTF, comp, n);
}

/* The RTF of a message, decompressed */
static char *rtf_of(const struct msg *m)
{
	const struct mstore_value *v = get(m, TAG_RTF);
	uint8_t *rtf = NULL;
	size_t n = 0;

	assert_non_null(v);
	assert_int_equal(mapi_rtfcp_decompress(m->mem, v->v.bin.data,
					       v->v.bin.length, &rtf, &n),
			 MAPI_E_SUCCESS);
	return (char *)rtf;
}

static char *html_of(const struct msg *m)
{
	const struct mstore_value *v = get(m, TAG_HTML);

	assert_non_null(v);
	return talloc_strndup(m->mem, (const char *)v->v.bin.data,
			      v->v.bin.length);
}

static const char *body_of(const struct msg *m)
{
	const struct mstore_value *v = get(m, TAG_BODY);

	assert_non_null(v);
	return v->v.str;
}

/* A copy of the message as saved: the "old" of the next save */
static struct msg *saved(TALLOC_CTX *ctx, const struct msg *m)
{
	struct msg *c = msg_new(ctx);
	uint32_t i;

	c->v = talloc_array(c, struct mstore_value, m->n);
	for (i = 0; i < m->n; i++) {
		assert_int_equal(mstore_value_copy(c, &m->v[i], &c->v[i]),
				 MAPI_E_SUCCESS);
	}
	c->n = m->n;
	return c;
}

static void sync(struct msg *m, const struct msg *old)
{
	assert_int_equal(mstore_body_sync(m->mem, &m->v, &m->n,
					  old ? old->v : NULL,
					  old ? old->n : 0), MAPI_E_SUCCESS);
}

static void check_native(const struct msg *m, int32_t native)
{
	assert_non_null(get(m, TAG_NATIVE));
	assert_int_equal(get(m, TAG_NATIVE)->v.i32, native);
	assert_non_null(get(m, TAG_IN_SYNC));
	assert_true(get(m, TAG_IN_SYNC)->v.b);
}

static const char outlook_rtf[] =
	"{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\deff0"
	"{\\fonttbl{\\f0\\fswiss Arial;}}\r\n"
	"{\\*\\htmltag19 <html>}{\\*\\htmltag50 <body>}{\\*\\htmltag64}"
	"{\\*\\htmltag64 <p>}Caf\\'e9 \\u8364?{\\*\\htmltag72 </p>}"
	"\\htmlrtf \\par\\htmlrtf0 "
	"{\\*\\htmltag58 </body>}{\\*\\htmltag27 </html>}}";

/* ------------------------------------------------------------ new */

static void test_new_plain(void **state)
{
	struct msg *m = msg_new(*state);
	char *rtf, *text = NULL;
	size_t n = 0;

	set_str(m, TAG_SUBJECT, "s");
	set_str(m, TAG_BODY, "Hello\r\nW\xc3\xb6rld <&>");
	sync(m, NULL);
	check_native(m, MAPI_NATIVE_BODY_PLAIN);
	assert_string_equal(body_of(m), "Hello\r\nW\xc3\xb6rld <&>");
	rtf = rtf_of(m);
	assert_int_equal(mapi_rtf_kind(rtf, strlen(rtf)), MAPI_RTF_FROMTEXT);
	assert_int_equal(mapi_rtf_to_text(m->mem, rtf, strlen(rtf), &text,
					  &n), MAPI_E_SUCCESS);
	assert_string_equal(text, "Hello\r\nW\xc3\xb6rld <&>");
	assert_non_null(strstr(html_of(m), "Hello<br>\r\nW\xc3\xb6rld "
					   "&lt;&amp;&gt;"));
	/* the code page the HTML was written in */
	assert_int_equal(get(m, TAG_CPID)->v.i32, 65001);
	assert_non_null(get(m, TAG_SUBJECT));
}

static void test_new_html(void **state)
{
	struct msg *m = msg_new(*state);
	char *rtf, *html = NULL;
	size_t n = 0;

	set_long(m, TAG_CPID, 1252);
	set_bin(m, TAG_HTML, "<p>Caf\xe9 \x80</p>", 13);
	sync(m, NULL);
	check_native(m, MAPI_NATIVE_BODY_HTML);
	assert_string_equal(body_of(m), "Caf\xc3\xa9 \xe2\x82\xac");
	/* the HTML itself is untouched */
	assert_memory_equal(get(m, TAG_HTML)->v.bin.data,
			    "<p>Caf\xe9 \x80</p>", 13);
	rtf = rtf_of(m);
	assert_non_null(strstr(rtf, "\\ansicpg1252\\fromhtml1 "));
	assert_int_equal(mapi_rtf_to_html(m->mem, rtf, strlen(rtf), &html, &n,
					  NULL), MAPI_E_SUCCESS);
	assert_string_equal(html, "<p>Caf\xc3\xa9 \xe2\x82\xac</p>");
	assert_int_equal(get(m, TAG_CPID)->v.i32, 1252);
}

static void test_new_rtf_fromhtml(void **state)
{
	struct msg *m = msg_new(*state);

	set_rtf(m, outlook_rtf);
	sync(m, NULL);
	check_native(m, MAPI_NATIVE_BODY_HTML);
	/* de-encapsulated, in the RTF's code page, recorded */
	assert_string_equal(html_of(m), "<html><body><p>Caf\xe9 \x80</p>"
					"</body></html>");
	assert_int_equal(get(m, TAG_CPID)->v.i32, 1252);
	assert_string_equal(body_of(m), "Caf\xc3\xa9 \xe2\x82\xac");
	assert_string_equal(rtf_of(m), outlook_rtf);
}

static void test_new_rtf_fromtext(void **state)
{
	struct msg *m = msg_new(*state);

	set_rtf(m, "{\\rtf1\\ansi\\ansicpg1252\\fromtext \\deff0 "
		   "line one\\par\r\nline two}");
	sync(m, NULL);
	check_native(m, MAPI_NATIVE_BODY_PLAIN);
	assert_string_equal(body_of(m), "line one\r\nline two");
	assert_non_null(strstr(html_of(m), "line one<br>\r\nline two"));
}

static void test_new_rtf_ordinary(void **state)
{
	struct msg *m = msg_new(*state);

	set_rtf(m, "{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\f0 "
		   "{\\b Bold} text\\par}");
	sync(m, NULL);
	check_native(m, MAPI_NATIVE_BODY_RTF);
	assert_string_equal(body_of(m), "Bold text\r\n");
	assert_non_null(strstr(html_of(m), "Bold text<br>"));
}

/* Every format written together, RTF in sync: RTF (here encapsulating
 * HTML) is native and nothing is rewritten */
static void test_new_all_written(void **state)
{
	struct msg *m = msg_new(*state);

	set_rtf(m, outlook_rtf);
	set_str(m, TAG_BODY, "client text");
	set_bin(m, TAG_HTML, "<p>client html</p>", 18);
	set_bool(m, TAG_IN_SYNC, true);
	sync(m, NULL);
	check_native(m, MAPI_NATIVE_BODY_HTML);
	assert_string_equal(body_of(m), "client text");
	assert_string_equal(html_of(m), "<p>client html</p>");
	assert_string_equal(rtf_of(m), outlook_rtf);
}

/* ------------------------------------------------------------ updates */

static void test_update_body(void **state)
{
	struct msg *m = msg_new(*state), *old;

	set_str(m, TAG_BODY, "first");
	sync(m, NULL);
	old = saved(*state, m);
	set_str(m, TAG_BODY, "second");
	sync(m, old);
	check_native(m, MAPI_NATIVE_BODY_PLAIN);
	assert_non_null(strstr(rtf_of(m), "second}"));
	assert_non_null(strstr(html_of(m), "second"));
	assert_null(strstr(html_of(m), "first"));
}

/* HTML native, then the client writes a text body only: text native,
 * the old HTML and RTF are replaced */
static void test_update_html_to_plain(void **state)
{
	struct msg *m = msg_new(*state), *old;

	set_bin(m, TAG_HTML, "<b>html</b>", 11);
	sync(m, NULL);
	check_native(m, MAPI_NATIVE_BODY_HTML);
	old = saved(*state, m);
	set_str(m, TAG_BODY, "now text");
	sync(m, old);
	check_native(m, MAPI_NATIVE_BODY_PLAIN);
	assert_string_equal(body_of(m), "now text");
	assert_non_null(strstr(html_of(m), "now text"));
	assert_int_equal(mapi_rtf_kind(rtf_of(m), strlen(rtf_of(m))),
			 MAPI_RTF_FROMTEXT);
}

/* A save that leaves the bodies alone changes nothing */
static void test_update_unrelated(void **state)
{
	struct msg *m = msg_new(*state), *old;
	const uint8_t *rtf_data;
	uint32_t n;

	set_str(m, TAG_BODY, "text");
	sync(m, NULL);
	old = saved(*state, m);
	rtf_data = get(m, TAG_RTF)->v.bin.data;
	n = m->n;
	set_str(m, TAG_SUBJECT, "new subject");
	sync(m, old);
	assert_int_equal(m->n, n + 1);
	assert_ptr_equal(get(m, TAG_RTF)->v.bin.data, rtf_data);
}

static void test_delete_native(void **state)
{
	struct msg *m = msg_new(*state), *old;

	set_str(m, TAG_SUBJECT, "s");
	set_str(m, TAG_BODY, "text");
	sync(m, NULL);
	old = saved(*state, m);
	del(m, TAG_BODY);
	sync(m, old);
	assert_null(get(m, TAG_BODY));
	assert_null(get(m, TAG_RTF));
	assert_null(get(m, TAG_HTML));
	assert_null(get(m, TAG_NATIVE));
	assert_null(get(m, TAG_IN_SYNC));
	assert_non_null(get(m, TAG_SUBJECT));
}

static void test_delete_derived(void **state)
{
	struct msg *m = msg_new(*state), *old;

	set_str(m, TAG_BODY, "text");
	sync(m, NULL);
	old = saved(*state, m);
	del(m, TAG_HTML);
	sync(m, old);
	check_native(m, MAPI_NATIVE_BODY_PLAIN);
	assert_non_null(strstr(html_of(m), "text"));
}

/* PidTagRtfInSync FALSE: the RTF written with the text is stale */
static void test_rtf_not_in_sync(void **state)
{
	struct msg *m = msg_new(*state);

	set_rtf(m, "{\\rtf1 old rtf}");
	set_str(m, TAG_BODY, "new text");
	set_bool(m, TAG_IN_SYNC, false);
	sync(m, NULL);
	check_native(m, MAPI_NATIVE_BODY_PLAIN);
	assert_non_null(strstr(rtf_of(m), "new text"));
}

/* In sync: the client's RTF and text both stand */
static void test_rtf_in_sync(void **state)
{
	struct msg *m = msg_new(*state);

	set_rtf(m, "{\\rtf1 {\\b rich} text}");
	set_str(m, TAG_BODY, "rich text as the client put it");
	set_bool(m, TAG_IN_SYNC, true);
	sync(m, NULL);
	check_native(m, MAPI_NATIVE_BODY_RTF);
	assert_string_equal(body_of(m), "rich text as the client put it");
	assert_string_equal(rtf_of(m), "{\\rtf1 {\\b rich} text}");
}

/* ------------------------------------------------------------ edges */

static void test_corrupt_rtf(void **state)
{
	struct msg *m = msg_new(*state);
	uint8_t bad[20] = { 0x10, 0, 0, 0, 0x10, 0, 0, 0, 'L', 'Z', 'F', 'u',
			    1, 2, 3, 4, 0xff, 0xff, 0xff, 0xff };
	uint32_t n;

	set_str(m, TAG_SUBJECT, "s");
	set_bin(m, TAG_RTF, bad, sizeof(bad));
	n = m->n;
	assert_int_equal(mstore_body_sync(m->mem, &m->v, &m->n, NULL, 0),
			 MAPI_E_CORRUPT_DATA);
	assert_int_equal(m->n, n);
	assert_null(get(m, TAG_NATIVE));
}

static void test_clear_signed(void **state)
{
	struct msg *m = msg_new(*state);

	set_str(m, TAG_CLASS, "IPM.Note.SMIME.MultipartSigned");
	set_str(m, TAG_BODY, "signed");
	sync(m, NULL);
	assert_int_equal(get(m, TAG_NATIVE)->v.i32,
			 MAPI_NATIVE_BODY_CLEAR_SIGNED);
	assert_null(get(m, TAG_RTF));
	assert_null(get(m, TAG_HTML));
}

static void test_no_body(void **state)
{
	struct msg *m = msg_new(*state);

	set_str(m, TAG_SUBJECT, "s");
	sync(m, NULL);
	assert_int_equal(m->n, 1);
	assert_int_equal(mstore_body_sync(m->mem, NULL, &m->n, NULL, 0),
			 MAPI_E_INVALID_PARAMETER);
}

/* A PtypString8 body (bytes as the store got them) is read too, and
 * replaced by the Unicode one */
static void test_string8_body(void **state)
{
	struct msg *m = msg_new(*state);

	set_str(m, TAG_BODY_A, "caf\xe9");
	sync(m, NULL);
	check_native(m, MAPI_NATIVE_BODY_PLAIN);
	assert_string_equal(body_of(m), "caf\xc3\xa9");
	assert_null(get(m, TAG_BODY_A));
	assert_non_null(strstr(rtf_of(m), "caf\\'e9"));
}

/* Big bodies: linear, and under valgrind without leaks */
static void test_big_body(void **state)
{
	struct msg *m = msg_new(*state);
	size_t len = 1 << 20, i;
	char *text = talloc_array(m, char, len + 1);

	for (i = 0; i < len; i++) {
		text[i] = "Lorem ipsum \r\n<&>"[i % 17];
	}
	text[len] = '\0';
	slot(m, TAG_BODY)->v.str = text;
	sync(m, NULL);
	check_native(m, MAPI_NATIVE_BODY_PLAIN);
	assert_true(get(m, TAG_RTF)->v.bin.length < len);
}

static int setup(void **state)
{
	*state = talloc_new(NULL);
	return *state == NULL;
}

static int teardown(void **state)
{
	talloc_free(*state);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_plain, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_new_html, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_rtf_fromhtml, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_new_rtf_fromtext, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_new_rtf_ordinary, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_new_all_written, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_update_body, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_update_html_to_plain,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_unrelated, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_delete_native, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_delete_derived, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rtf_not_in_sync, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rtf_in_sync, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_rtf, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_clear_signed, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_no_body, setup, teardown),
		cmocka_unit_test_setup_teardown(test_string8_body, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_big_body, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
