/*
 * Unit tests of libmapi/body.h: the best body of a message's values as
 * text or HTML ([MS-OXBBODY] 2.1.3.1), and the values that set one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <talloc.h>

#include "libmapi/body.h"
#include "libmapi/ndr/rtfcp.h"

static TALLOC_CTX *mem;

struct props {
	struct TaggedPropertyValue v[8];
	uint16_t n;
};

static void add_str(struct props *p, uint32_t tag, const char *s)
{
	p->v[p->n].PropertyTag = tag;
	p->v[p->n++].Value.String = s;
}

static void add_bin(struct props *p, uint32_t tag, const void *d, size_t n)
{
	p->v[p->n].PropertyTag = tag;
	p->v[p->n].Value.Binary.Count = (uint16_t)n;
	p->v[p->n++].Value.Binary.Data = (uint8_t *)(uintptr_t)d;
}

static void add_long(struct props *p, uint32_t tag, uint32_t v)
{
	p->v[p->n].PropertyTag = tag;
	p->v[p->n++].Value.Integer32 = v;
}

static void add_bool(struct props *p, uint32_t tag, bool v)
{
	p->v[p->n].PropertyTag = tag;
	p->v[p->n++].Value.Boolean = v;
}

static void add_error(struct props *p, uint32_t tag, enum MAPISTATUS e)
{
	p->v[p->n].PropertyTag = (tag & 0xFFFF0000) | PT_ERROR;
	p->v[p->n++].Value.ErrorCode = e;
}

static void add_rtf(struct props *p, const char *rtf)
{
	uint8_t *comp = NULL;
	size_t n = 0;

	assert_int_equal(mapi_rtfcp_compress(mem, (const uint8_t *)rtf,
					     strlen(rtf), true, &comp, &n),
			 MAPI_E_SUCCESS);
	add_bin(p, MAPI_TAG_RTF_COMPRESSED, comp, n);
}

static enum mapi_native_body best(const struct props *p)
{
	enum mapi_native_body f = 99;

	assert_int_equal(mapi_body_best_format(mem, p->v, p->n, &f),
			 MAPI_E_SUCCESS);
	return f;
}

static char *text(const struct props *p)
{
	char *t = NULL;

	assert_int_equal(mapi_body_get_text(mem, p->v, p->n, &t),
			 MAPI_E_SUCCESS);
	return t;
}

static char *html(const struct props *p)
{
	char *h = NULL;

	assert_int_equal(mapi_body_get_html(mem, p->v, p->n, &h),
			 MAPI_E_SUCCESS);
	return h;
}

static void test_tags(void **state)
{
	uint16_t n = 0;
	const uint32_t *tags = mapi_body_tags(&n);

	(void)state;
	assert_int_equal(n, 7);
	assert_int_equal(tags[0], 0x1000001F);
	assert_int_equal(tags[1], 0x10090102);
	assert_int_equal(tags[2], 0x10130102);
}

static void test_plain(void **state)
{
	struct props p = { .n = 0 };

	(void)state;
	add_str(&p, MAPI_TAG_BODY_W, "a < b\r\nline");
	assert_int_equal(best(&p), MAPI_NATIVE_BODY_PLAIN);
	assert_string_equal(text(&p), "a < b\r\nline");
	assert_non_null(strstr(html(&p), "a &lt; b<br>\r\nline"));
}

static void test_html_cp(void **state)
{
	struct props p = { .n = 0 };

	(void)state;
	add_bin(&p, MAPI_TAG_HTML, "<p>Caf\xe9</p>", 11);
	add_long(&p, MAPI_TAG_INTERNET_CPID, 1252);
	add_str(&p, MAPI_TAG_BODY_W, "stale text");
	assert_int_equal(best(&p), MAPI_NATIVE_BODY_HTML);
	assert_string_equal(html(&p), "<p>Caf\xc3\xa9</p>");
	assert_string_equal(text(&p), "Caf\xc3\xa9");
}

/* An RTF body encapsulating HTML is an HTML body (step 3) */
static void test_rtf_fromhtml(void **state)
{
	struct props p = { .n = 0 };

	(void)state;
	add_rtf(&p, "{\\rtf1\\ansi\\fromhtml1 {\\*\\htmltag64 <p>}x"
		    "\\htmlrtf \\par\\htmlrtf0 {\\*\\htmltag72 </p>}}");
	add_bool(&p, MAPI_TAG_RTF_IN_SYNC, true);
	add_str(&p, MAPI_TAG_BODY_W, "x");
	assert_int_equal(best(&p), MAPI_NATIVE_BODY_HTML);
	assert_string_equal(html(&p), "<p>x</p>");
	assert_string_equal(text(&p), "x");
}

static void test_rtf_ordinary(void **state)
{
	struct props p = { .n = 0 };

	(void)state;
	add_rtf(&p, "{\\rtf1 {\\b rich}\\par text}");
	add_long(&p, MAPI_TAG_NATIVE_BODY, MAPI_NATIVE_BODY_RTF);
	assert_int_equal(best(&p), MAPI_NATIVE_BODY_RTF);
	assert_string_equal(text(&p), "rich\r\ntext");
	assert_non_null(strstr(html(&p), "rich<br>\r\ntext"));
}

static void test_errors(void **state)
{
	struct props p = { .n = 0 };
	char *t = NULL;
	uint8_t bad[20] = { 16, 0, 0, 0, 4, 0, 0, 0, 'L', 'Z', 'F', 'u' };
	enum mapi_native_body f;

	(void)state;
	/* no body at all */
	assert_int_equal(mapi_body_get_text(mem, p.v, p.n, &t),
			 MAPI_E_NOT_FOUND);
	assert_int_equal(best(&p), MAPI_NATIVE_BODY_UNDEFINED);
	/* a body too big for the response: present, to be streamed */
	add_error(&p, MAPI_TAG_BODY_W, MAPI_E_NOT_ENOUGH_MEMORY);
	assert_int_equal(best(&p), MAPI_NATIVE_BODY_PLAIN);
	assert_int_equal(mapi_body_get_text(mem, p.v, p.n, &t),
			 MAPI_E_NOT_ENOUGH_MEMORY);
	/* MAPI_E_NOT_FOUND: absent */
	p.n = 0;
	add_error(&p, MAPI_TAG_HTML, MAPI_E_NOT_FOUND);
	assert_int_equal(best(&p), MAPI_NATIVE_BODY_UNDEFINED);
	/* a corrupt RTF body */
	p.n = 0;
	add_bin(&p, MAPI_TAG_RTF_COMPRESSED, bad, sizeof(bad));
	assert_int_equal(mapi_body_best_format(mem, p.v, p.n, &f),
			 MAPI_E_CORRUPT_DATA);
	assert_int_equal(mapi_body_get_html(mem, p.v, p.n, &t),
			 MAPI_E_CORRUPT_DATA);
	assert_int_equal(mapi_body_get_text(mem, p.v, p.n, NULL),
			 MAPI_E_INVALID_PARAMETER);
}

static void test_set(void **state)
{
	struct TaggedPropertyValue *v = NULL;
	uint16_t n = 0;
	char big[70000];

	(void)state;
	assert_int_equal(mapi_body_set_text(mem, "hi", &v, &n),
			 MAPI_E_SUCCESS);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].PropertyTag, 0x1000001F);
	assert_string_equal(v[0].Value.String, "hi");

	assert_int_equal(mapi_body_set_html(mem, "<p>hi</p>", &v, &n),
			 MAPI_E_SUCCESS);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].PropertyTag, 0x10130102);
	assert_int_equal(v[0].Value.Binary.Count, 9);
	assert_memory_equal(v[0].Value.Binary.Data, "<p>hi</p>", 9);
	assert_int_equal(v[1].PropertyTag, 0x3FDE0003);
	assert_int_equal(v[1].Value.Integer32, 65001);
	/* and they read back */
	assert_string_equal(html(&(struct props){ .v = { v[0], v[1] },
						 .n = 2 }), "<p>hi</p>");

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(mapi_body_set_html(mem, big, &v, &n),
			 MAPI_E_TOO_BIG);
}

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tags),
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_html_cp),
		cmocka_unit_test(test_rtf_fromhtml),
		cmocka_unit_test(test_rtf_ordinary),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_set),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
