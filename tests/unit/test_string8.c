/*
 * Unit tests of the string8 carrier (libmapi/ndr/string8.c): values in a
 * session's code page travel through the NDR layer's DOS charset (here
 * Samba's default, CP850) as exactly the bytes of that code page.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdbool.h>
#include <string.h>
#include <iconv.h>
#include <cmocka.h>
#include <talloc.h>

#include <util/time.h>
#include <param.h>

#include "libmapi/ndr/string8.h"

/* What the NDR layer puts on the wire for a UTF-8 string: its DOS
 * charset (CP850) bytes. */
static char *ndr_wire_bytes(TALLOC_CTX *mem_ctx, const char *utf8)
{
	iconv_t cd = iconv_open("CP850", "UTF-8");
	char *in = (char *)(uintptr_t)utf8;
	size_t ileft = strlen(utf8), oleft = ileft + 1;
	char *out = talloc_array(mem_ctx, char, oleft), *op = out;

	assert_true(cd != (iconv_t)-1);
	assert_true(iconv(cd, &in, &ileft, &op, &oleft) != (size_t)-1);
	*op = '\0';
	iconv_close(cd);
	return out;
}

/* What the NDR layer delivers for received bytes. */
static char *ndr_from_bytes(TALLOC_CTX *mem_ctx, const char *bytes)
{
	iconv_t cd = iconv_open("UTF-8", "CP850");
	char *in = (char *)(uintptr_t)bytes;
	size_t ileft = strlen(bytes), oleft = 4 * ileft + 1;
	char *out = talloc_array(mem_ctx, char, oleft), *op = out;

	assert_true(cd != (iconv_t)-1);
	assert_true(iconv(cd, &in, &ileft, &op, &oleft) != (size_t)-1);
	*op = '\0';
	iconv_close(cd);
	return out;
}

static void round_trip(uint32_t cp, const char *utf8, const char *bytes,
		       const char *back)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_string8_map *map = mapi_string8_map_new(mem);
	const char *wire;

	assert_non_null(map);
	wire = mapi_string8_to_wire(mem, map, cp, utf8);
	assert_non_null(wire);
	assert_string_equal(ndr_wire_bytes(mem, wire), bytes);
	assert_string_equal(mapi_string8_from_wire(mem, map, cp,
			ndr_from_bytes(mem, bytes)), back);
	talloc_free(mem);
}

static void test_western(void **state)
{
	round_trip(1252, "\xC3\x96lund Zo\xC3\xAB", "\xD6lund Zo\xEB",
		   "\xC3\x96lund Zo\xC3\xAB");
	round_trip(28591, "caf\xC3\xA9", "caf\xE9", "caf\xC3\xA9");
}

static void test_ascii_unchanged(void **state)
{
	round_trip(1252, "Alice Tester", "Alice Tester", "Alice Tester");
	round_trip(20127, "plain", "plain", "plain");
}

/* A character the code page lacks becomes '?'. */
static void test_unrepresentable(void **state)
{
	round_trip(1251, "\xC3\x96lund", "?lund", "?lund");
	round_trip(20127, "Zo\xC3\xAB", "Zo?", "Zo?");
}

/* Multi-byte code pages: UTF-8 as a code page, and Shift-JIS. */
static void test_multibyte(void **state)
{
	round_trip(65001, "Zo\xC3\xAB", "Zo\xC3\xAB", "Zo\xC3\xAB");
	/* U+65E5 U+672C (Japanese "Nihon") in CP932 is 93 FA 96 7B */
	round_trip(932, "\xE6\x97\xA5\xE6\x9C\xAC", "\x93\xFA\x96\x7B",
		   "\xE6\x97\xA5\xE6\x9C\xAC");
}

static void test_code_pages_known(void **state)
{
	assert_true(mapi_code_page_known(1252));
	assert_true(mapi_code_page_known(65001));
	assert_true(mapi_code_page_known(28591));
	assert_false(mapi_code_page_known(4242));
}

/* Invalid UTF-8 and unknown code pages never crash. */
static void test_bad_input(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_string8_map *map = mapi_string8_map_new(mem);

	assert_non_null(mapi_string8_to_wire(mem, map, 1252, "a\xFF\xFE" "b"));
	assert_null(mapi_string8_to_wire(mem, map, 4242, "abc"));
	assert_non_null(mapi_string8_from_wire(mem, map, 1252, "\xC3"));
	assert_string_equal(mapi_string8_to_wire(mem, map, 1252, ""), "");
	talloc_free(mem);
}

int main(void)
{
	/* Samba's defaults, as a process that loaded an smb.conf without a
	 * "dos charset" line has them: CP850. */
	struct loadparm_context *lp_ctx = loadparm_init_global(true);

	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_western),
		cmocka_unit_test(test_ascii_unchanged),
		cmocka_unit_test(test_unrepresentable),
		cmocka_unit_test(test_multibyte),
		cmocka_unit_test(test_code_pages_known),
		cmocka_unit_test(test_bad_input),
	};

	reload_charcnv(lp_ctx);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
