/*
   Unit tests of the blobs of calendar and contact items: time zone
   definitions and PidLidTimeZoneStruct ([MS-OXOCAL] 2.2.1.39,
   2.2.1.41), global object IDs (2.2.1.27) and one-off entry IDs
   ([MS-OXCDATA] 2.2.5.1).

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
#include <time.h>
#include <cmocka.h>
#include <talloc.h>

#include "tzdef.h"
#include "goid.h"
#include "oneoff.h"

/* Central European time: UTC+1, summer time from the last Sunday of
 * March 2:00 to the last Sunday of October 3:00. */
static void cet(struct mapi_tz_rule *r)
{
	memset(r, 0, sizeof(*r));
	r->flags = MAPI_TZRULE_EFFECTIVE;
	r->bias = -60;
	r->daylight_bias = -60;
	r->standard_date = (struct mapi_systemtime){ 0, 10, 0, 5, 3, 0, 0, 0 };
	r->daylight_date = (struct mapi_systemtime){ 0, 3, 0, 5, 2, 0, 0, 0 };
}

/* The layout of [MS-OXOCAL] 2.2.1.41 and 2.2.1.41.1, by hand. */
static const uint8_t cet_definition[] = {
	0x02, 0x01, 0x0A, 0x00, 0x02, 0x00, 0x02, 0x00,	/* cbHeader 10 */
	'C', 0, 'E', 0,					/* KeyName */
	0x01, 0x00,					/* cRules */
	0x02, 0x01, 0x3E, 0x00, 0x02, 0x00, 0x00, 0x00,	/* flags, wYear */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* X */
	0xC4, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0,		/* -60, 0 */
	0xC4, 0xFF, 0xFF, 0xFF,				/* -60 */
	0, 0, 10, 0, 0, 0, 5, 0, 3, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 3, 0, 0, 0, 5, 0, 2, 0, 0, 0, 0, 0, 0, 0,
};

static void test_tz_definition(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_tz_rule rule;
	struct mapi_tz_definition def = { "CE", 1, &rule }, back;
	uint8_t *data = NULL;
	size_t size = 0;

	cet(&rule);
	assert_int_equal(mapi_tz_definition_encode(mem, &def, &data, &size),
			 MAPI_E_SUCCESS);
	assert_int_equal(size, sizeof(cet_definition));
	assert_memory_equal(data, cet_definition, size);
	assert_int_equal(mapi_tz_definition_decode(mem, data, size, &back),
			 MAPI_E_SUCCESS);
	assert_string_equal(back.key_name, "CE");
	assert_int_equal(back.rule_count, 1);
	assert_memory_equal(&back.rules[0], &rule, sizeof(rule));
	assert_int_equal(mapi_tz_definition_decode(mem, data, size - 1,
						   &back),
			 MAPI_E_CORRUPT_DATA);
	data[0] = 0x03;
	assert_int_equal(mapi_tz_definition_decode(mem, data, size, &back),
			 MAPI_E_CORRUPT_DATA);
	def.rule_count = 0;
	assert_int_equal(mapi_tz_definition_encode(mem, &def, &data, &size),
			 MAPI_E_INVALID_PARAMETER);
	talloc_free(mem);
}

static void test_tz_struct(void **state)
{
	struct mapi_tz_rule rule, back;
	uint8_t v[MAPI_TZ_STRUCT_SIZE];

	cet(&rule);
	mapi_tz_struct_encode(&rule, v);
	/* lBias, then wStandardYear before stStandardDate at 12 */
	assert_int_equal(v[0], 0xC4);
	assert_int_equal(v[14], 0);
	assert_int_equal(v[16], 10);
	assert_int_equal(v[32], 0);
	assert_int_equal(v[34], 3);
	assert_int_equal(mapi_tz_struct_decode(v, sizeof(v), &back),
			 MAPI_E_SUCCESS);
	rule.flags = 0;
	assert_memory_equal(&back, &rule, sizeof(rule));
	assert_int_equal(mapi_tz_struct_decode(v, 47, &back),
			 MAPI_E_CORRUPT_DATA);
}

static int64_t utc(int y, int mo, int d, int h, int mi)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
			 .tm_hour = h, .tm_min = mi };

	return timegm(&tm);
}

static void test_tz_bias(void **state)
{
	struct mapi_tz_rule rule;

	cet(&rule);
	assert_int_equal(mapi_tz_bias_at(&rule, utc(2024, 1, 15, 12, 0)), -60);
	assert_int_equal(mapi_tz_bias_at(&rule, utc(2024, 7, 1, 12, 0)), -120);
	/* 31 March 2024, 2:00 CET is 1:00 UTC */
	assert_int_equal(mapi_tz_bias_at(&rule, utc(2024, 3, 31, 0, 59)), -60);
	assert_int_equal(mapi_tz_bias_at(&rule, utc(2024, 3, 31, 1, 0)), -120);
	/* 27 October 2024, 3:00 CEST is 1:00 UTC */
	assert_int_equal(mapi_tz_bias_at(&rule, utc(2024, 10, 27, 0, 59)),
			 -120);
	assert_int_equal(mapi_tz_bias_at(&rule, utc(2024, 10, 27, 1, 0)), -60);
	mapi_tz_rule_utc(&rule);
	assert_int_equal(mapi_tz_bias_at(&rule, utc(2024, 7, 1, 12, 0)), 0);
}

static void test_goid(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	uint8_t uid[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
			    15, 16 };
	struct mapi_goid g = { .year = 2024, .month = 5, .day = 6,
			       .creation_time = 0x01DA9F0011223344ULL,
			       .size = sizeof(uid), .data = uid }, back;
	static const uint8_t head[] = {
		0x04, 0x00, 0x00, 0x00, 0x82, 0x00, 0xE0, 0x00,
		0x74, 0xC5, 0xB7, 0x10, 0x1A, 0x82, 0xE0, 0x08,
		0x07, 0xE8, 0x05, 0x06,				/* 2024-05-06 */
		0x44, 0x33, 0x22, 0x11, 0x00, 0x9F, 0xDA, 0x01,
		0, 0, 0, 0, 0, 0, 0, 0,
		0x10, 0x00, 0x00, 0x00,
	};
	uint8_t *data = NULL;
	size_t size = 0;

	assert_int_equal(mapi_goid_encode(mem, &g, &data, &size),
			 MAPI_E_SUCCESS);
	assert_int_equal(size, MAPI_GOID_HEADER_SIZE + 16);
	assert_memory_equal(data, head, sizeof(head));
	assert_memory_equal(data + sizeof(head), uid, sizeof(uid));
	assert_int_equal(mapi_goid_decode(mem, data, size, &back),
			 MAPI_E_SUCCESS);
	assert_int_equal(back.year, 2024);
	assert_int_equal(back.day, 6);
	assert_int_equal(back.creation_time, g.creation_time);
	assert_memory_equal(back.data, uid, sizeof(uid));
	assert_int_equal(mapi_goid_decode(mem, data, size - 1, &back),
			 MAPI_E_CORRUPT_DATA);
	data[4] = 0;
	assert_int_equal(mapi_goid_decode(mem, data, size, &back),
			 MAPI_E_CORRUPT_DATA);
	talloc_free(mem);
}

/* The Unicode one-off entry ID of MS-OXCDATA 2.2.5.1 for "Zë",
 * SMTP, z@x. */
static const uint8_t oneoff[] = {
	0, 0, 0, 0, 0x81, 0x2B, 0x1F, 0xA4, 0xBE, 0xA3, 0x10, 0x19,
	0x9D, 0x6E, 0x00, 0xDD, 0x01, 0x0F, 0x54, 0x02,
	0, 0, 0x01, 0x80,
	'Z', 0, 0xEB, 0, 0, 0,
	'S', 0, 'M', 0, 'T', 0, 'P', 0, 0, 0,
	'z', 0, '@', 0, 'x', 0, 0, 0,
};

static void test_oneoff(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_oneoff o = { MAPI_ONEOFF_NO_RICH_INFO, "Z\xc3\xab", "SMTP",
				 "z@x" }, back;
	static const uint8_t ansi[] = {
		0, 0, 0, 0, 0x81, 0x2B, 0x1F, 0xA4, 0xBE, 0xA3, 0x10, 0x19,
		0x9D, 0x6E, 0x00, 0xDD, 0x01, 0x0F, 0x54, 0x02,
		0, 0, 0x00, 0x00, 'A', 0, 'S', 'M', 'T', 'P', 0, 'a', '@',
		'b', 0,
	};
	uint8_t *data = NULL;
	size_t size = 0;

	assert_int_equal(mapi_oneoff_encode(mem, &o, &data, &size),
			 MAPI_E_SUCCESS);
	assert_int_equal(size, sizeof(oneoff));
	assert_memory_equal(data, oneoff, size);
	assert_int_equal(mapi_oneoff_decode(mem, data, size, &back),
			 MAPI_E_SUCCESS);
	assert_string_equal(back.display_name, "Z\xc3\xab");
	assert_string_equal(back.address, "z@x");
	assert_int_equal(mapi_oneoff_decode(mem, ansi, sizeof(ansi), &back),
			 MAPI_E_SUCCESS);
	assert_string_equal(back.address_type, "SMTP");
	assert_string_equal(back.address, "a@b");
	assert_int_equal(mapi_oneoff_decode(mem, oneoff, sizeof(oneoff) - 1,
					    &back),
			 MAPI_E_CORRUPT_DATA);
	assert_int_equal(mapi_oneoff_decode(mem, oneoff, 20, &back),
			 MAPI_E_CORRUPT_DATA);
	talloc_free(mem);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tz_definition),
		cmocka_unit_test(test_tz_struct),
		cmocka_unit_test(test_tz_bias),
		cmocka_unit_test(test_goid),
		cmocka_unit_test(test_oneoff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
