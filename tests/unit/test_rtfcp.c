/*
   Unit tests for compressed RTF ([MS-OXRTFCP])

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

#include "rtfcp.h"
#include "test_random.h"

/*
 * [MS-OXRTFCP] 3.1.1 (Example 1, "Simple Compressed RTF") and 3.2.1: the
 * RTF of the example and the bytes it compresses to.
 */
static const char example1_rtf[] =
	"{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n";
static const uint8_t example1[] = {
	0x2d, 0x00, 0x00, 0x00, 0x2b, 0x00, 0x00, 0x00,
	0x4c, 0x5a, 0x46, 0x75, 0xf1, 0xc5, 0xc7, 0xa7,
	0x03, 0x00, 0x0a, 0x00, 0x72, 0x63, 0x70, 0x67,
	0x31, 0x32, 0x35, 0x42, 0x32, 0x0a, 0xf3, 0x20,
	0x68, 0x65, 0x6c, 0x09, 0x00, 0x20, 0x62, 0x77,
	0x05, 0xb0, 0x6c, 0x64, 0x7d, 0x0a, 0x80, 0x0f,
	0xa0,
};

/*
 * [MS-OXRTFCP] 3.1.2 (Example 2, a token that crosses the write
 * position) and 3.2.2: the reference at offset 214 of length 16 reads
 * the four bytes "WXYZ" it keeps writing after them.
 */
static const char example2_rtf[] = "{\\rtf1 WXYZWXYZWXYZWXYZWXYZ}";
static const uint8_t example2[] = {
	0x1a, 0x00, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x00,
	0x4c, 0x5a, 0x46, 0x75, 0xe2, 0xd4, 0x4b, 0x51,
	0x41, 0x00, 0x04, 0x20, 0x57, 0x58, 0x59, 0x5a,
	0x0d, 0x6e, 0x7d, 0x01, 0x0e, 0xb0,
};

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static enum MAPISTATUS unwrap(TALLOC_CTX *mem, const uint8_t *in, size_t len,
			      uint8_t **rtf, size_t *rtf_len)
{
	return mapi_rtfcp_decompress(mem, in, len, rtf, rtf_len);
}

static void check_example(const uint8_t *value, size_t value_len,
			  const char *text)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	size_t tlen = strlen(text), n = 0;
	uint8_t *rtf = NULL, *comp = NULL;

	assert_int_equal(unwrap(mem, value, value_len, &rtf, &n),
			 MAPI_E_SUCCESS);
	assert_int_equal(n, tlen);
	assert_memory_equal(rtf, text, tlen);
	assert_int_equal(rtf[n], '\0');

	assert_int_equal(mapi_rtfcp_compress(mem, (const uint8_t *)text, tlen,
					     true, &comp, &n),
			 MAPI_E_SUCCESS);
	assert_int_equal(n, value_len);
	assert_memory_equal(comp, value, value_len);
	talloc_free(mem);
}

static void test_spec_example1(void **state)
{
	(void)state;
	check_example(example1, sizeof(example1), example1_rtf);
}

static void test_spec_example2(void **state)
{
	(void)state;
	check_example(example2, sizeof(example2), example2_rtf);
}

/* [MS-OXRTFCP] 3.3 (CRC of Example 1): over bytes 0x10-0x30 */
static void test_spec_crc(void **state)
{
	(void)state;
	assert_int_equal(mapi_rtfcp_crc(0, example1 + 16,
					sizeof(example1) - 16), 0xA7C7C5F1);
	assert_int_equal(mapi_rtfcp_crc(0, example2 + 16,
					sizeof(example2) - 16), 0x514BD4E2);
	/* chained in two pieces */
	assert_int_equal(mapi_rtfcp_crc(mapi_rtfcp_crc(0, example1 + 16, 7),
					example1 + 23, sizeof(example1) - 23),
			 0xA7C7C5F1);
}

/* [MS-OXRTFCP] 2.1.3.1.1: MELA, COMPSIZE = RAWSIZE + 12, CRC 0 */
static void test_uncompressed(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	const char *text = "{\\rtf1 raw}";
	size_t len = strlen(text), n = 0;
	uint8_t *value = NULL, *rtf = NULL;

	(void)state;
	assert_int_equal(mapi_rtfcp_compress(mem, (const uint8_t *)text, len,
					     false, &value, &n),
			 MAPI_E_SUCCESS);
	assert_int_equal(n, 16 + len);
	assert_memory_equal(value, "\x17\0\0\0\x0b\0\0\0MELA\0\0\0\0", 16);
	assert_memory_equal(value + 16, text, len);
	assert_int_equal(unwrap(mem, value, n, &rtf, &n), MAPI_E_SUCCESS);
	assert_int_equal(n, len);
	assert_memory_equal(rtf, text, len);
	talloc_free(mem);
}

/* The empty RTF: one run holding just the end reference (offset 207) */
static void test_empty(void **state)
{
	static const uint8_t contents[] = { 0x01, 0x0c, 0xf0 };
	TALLOC_CTX *mem = talloc_new(NULL);
	uint8_t *value = NULL, *rtf = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(mapi_rtfcp_compress(mem, NULL, 0, true, &value, &n),
			 MAPI_E_SUCCESS);
	assert_int_equal(n, 16 + sizeof(contents));
	assert_memory_equal(value + 16, contents, sizeof(contents));
	assert_int_equal(unwrap(mem, value, n, &rtf, &n), MAPI_E_SUCCESS);
	assert_int_equal(n, 0);
	talloc_free(mem);
}

static size_t roundtrip(const uint8_t *in, size_t len)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	uint8_t *value = NULL, *rtf = NULL;
	size_t n = 0, clen;

	assert_int_equal(mapi_rtfcp_compress(mem, in, len, true, &value, &n),
			 MAPI_E_SUCCESS);
	clen = n;
	assert_true(clen <= 16 + len + len / 8 + 3);
	assert_int_equal(unwrap(mem, value, n, &rtf, &n), MAPI_E_SUCCESS);
	assert_int_equal(n, len);
	if (len > 0) {
		assert_memory_equal(rtf, in, len);
	}
	talloc_free(mem);
	return clen;
}

static void test_roundtrip_random(void **state)
{
	static const size_t sizes[] = {
		1, 2, 3, 16, 17, 18, 207, 4095, 4096, 4097, 8192, 65537
	};
	uint8_t *buf = malloc(65537);
	size_t i;

	(void)state;
	assert_non_null(buf);
	rng_seed(0x52544643);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		fill_random(buf, sizes[i]);
		roundtrip(buf, sizes[i]);
	}
	/* few distinct bytes: many short, overlapping references */
	for (i = 0; i < 65537; i++) {
		buf[i] = (uint8_t)"ab\\{}"[rng_next() % 5];
	}
	roundtrip(buf, 65537);
	free(buf);
}

/* One byte repeated: every reference overlaps the write position */
static void test_roundtrip_runs(void **state)
{
	uint8_t buf[10000];
	size_t clen;

	(void)state;
	memset(buf, 'a', sizeof(buf));
	clen = roundtrip(buf, sizeof(buf));
	/* 17 bytes per 2-byte reference */
	assert_true(clen < 16 + sizeof(buf) / 7);
	memset(buf, 0, sizeof(buf));
	roundtrip(buf, sizeof(buf));
}

/* RTF as a mail client writes it, long enough to wrap the dictionary */
static char *sample_rtf(TALLOC_CTX *mem, unsigned paragraphs)
{
	static const char *words[] = {
		"meeting", "budget", "Z\\'fcrich", "\\u8364?", "report",
		"{\\b important}", "\\tab", "please", "confirm", "\\'e9t\\'e9",
	};
	char *s = talloc_strdup(mem,
		"{\\rtf1\\ansi\\ansicpg1252\\deff0\\nouicompat\\deflang1033"
		"{\\fonttbl{\\f0\\fswiss\\fcharset0 Calibri;}"
		"{\\f1\\fmodern\\fcharset0 Courier New;}}\r\n"
		"{\\colortbl ;\\red31\\green73\\blue125;}\r\n"
		"{\\*\\generator Riched20 10.0.19041}\\viewkind4\\uc1 \r\n");
	unsigned p, w;

	for (p = 0; s != NULL && p < paragraphs; p++) {
		s = talloc_asprintf_append(s, "\\pard\\sa200\\sl276\\slmult1"
					   "\\f%u\\fs22\\lang9 ", p % 2);
		for (w = 0; s != NULL && w < 3 + rng_next() % 20; w++) {
			s = talloc_asprintf_append(s, "%s ",
				words[rng_next() % 10]);
		}
		s = talloc_strdup_append(s, "\\par\r\n");
	}
	return s ? talloc_strdup_append(s, "}\r\n") : NULL;
}

static void test_roundtrip_rtf(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	char *rtf;
	size_t len, clen;

	(void)state;
	rng_seed(7);
	rtf = sample_rtf(mem, 400);
	assert_non_null(rtf);
	len = strlen(rtf);
	assert_true(len > 3 * 4096);
	clen = roundtrip((const uint8_t *)rtf, len);
	/* real compression, not just framing */
	assert_true(clen < len / 2);
	talloc_free(mem);
}

static void expect_corrupt(const uint8_t *value, size_t len)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	uint8_t *rtf = NULL;
	size_t n = 0;

	assert_int_equal(unwrap(mem, value, len, &rtf, &n),
			 MAPI_E_CORRUPT_DATA);
	assert_null(rtf);
	assert_int_equal(talloc_total_blocks(mem), 1);
	talloc_free(mem);
}

static void test_hostile_truncated(void **state)
{
	size_t len;

	(void)state;
	for (len = 0; len < sizeof(example1); len++) {
		expect_corrupt(example1, len);
	}
}

static void test_hostile_crc(void **state)
{
	uint8_t v[sizeof(example1)];
	size_t i;

	(void)state;
	for (i = 12; i < sizeof(v); i++) {
		memcpy(v, example1, sizeof(v));
		v[i] ^= 0x10;
		expect_corrupt(v, sizeof(v));
	}
}

static void test_hostile_header(void **state)
{
	uint8_t v[sizeof(example1) + 4];

	(void)state;
	/* COMPSIZE beyond the value, below 12 */
	memcpy(v, example1, sizeof(example1));
	put32(v, 46);
	expect_corrupt(v, sizeof(example1));
	put32(v, 11);
	expect_corrupt(v, sizeof(example1));
	/* unknown COMPTYPE */
	memcpy(v, example1, sizeof(example1));
	memcpy(v + 8, "LZFv", 4);
	expect_corrupt(v, sizeof(example1));
	/* RAWSIZE: one too few, one too many, huge */
	memcpy(v, example1, sizeof(example1));
	put32(v + 4, 42);
	expect_corrupt(v, sizeof(example1));
	put32(v + 4, 44);
	expect_corrupt(v, sizeof(example1));
	put32(v + 4, 0xFFFFFFF0);
	expect_corrupt(v, sizeof(example1));
	/* MELA whose RAWSIZE exceeds its contents */
	memcpy(v, "\x0e\0\0\0\x03\0\0\0MELA\0\0\0\0ab", 18);
	expect_corrupt(v, 18);
}

/* Bytes after COMPSIZE and after the end reference: the PADDING */
static void test_padding_accepted(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	uint8_t v[sizeof(example1) + 5];
	uint8_t *rtf = NULL;
	size_t n = 0;

	(void)state;
	memcpy(v, example1, sizeof(example1));
	memset(v + sizeof(example1), 0xEE, 5);
	assert_int_equal(unwrap(mem, v, sizeof(v), &rtf, &n), MAPI_E_SUCCESS);
	assert_int_equal(n, strlen(example1_rtf));

	/* padding inside CONTENTS, covered by COMPSIZE and the CRC */
	put32(v, sizeof(v) - 4);
	put32(v + 12, mapi_rtfcp_crc(0, v + 16, sizeof(v) - 16));
	assert_int_equal(unwrap(mem, v, sizeof(v), &rtf, &n), MAPI_E_SUCCESS);
	assert_memory_equal(rtf, example1_rtf, n);
	talloc_free(mem);
}

/* Random CONTENTS with a right CRC and random RAWSIZE: never a crash,
 * only success or MAPI_E_CORRUPT_DATA */
static void test_hostile_fuzz(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	uint8_t v[16 + 300];
	unsigned i;

	(void)state;
	rng_seed(99);
	for (i = 0; i < 20000; i++) {
		size_t clen = rng_next() % 300, n = 0;
		uint8_t *rtf = NULL;
		enum MAPISTATUS ret;

		fill_random(v + 16, clen);
		put32(v, clen + 12);
		put32(v + 4, rng_next() % (i % 2 ? 64 : 3000));
		memcpy(v + 8, "LZFu", 4);
		put32(v + 12, mapi_rtfcp_crc(0, v + 16, clen));
		ret = unwrap(mem, v, 16 + clen, &rtf, &n);
		assert_true(ret == MAPI_E_SUCCESS ||
			    ret == MAPI_E_CORRUPT_DATA);
		talloc_free(rtf);
	}
	assert_int_equal(talloc_total_blocks(mem), 1);
	talloc_free(mem);
}

static void test_invalid_parameters(void **state)
{
	uint8_t *out = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(mapi_rtfcp_compress(NULL, NULL, 5, true, &out, &n),
			 MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapi_rtfcp_decompress(NULL, NULL, 5, &out, &n),
			 MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapi_rtfcp_decompress(NULL, example1,
					       sizeof(example1), NULL, &n),
			 MAPI_E_INVALID_PARAMETER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_example1),
		cmocka_unit_test(test_spec_example2),
		cmocka_unit_test(test_spec_crc),
		cmocka_unit_test(test_uncompressed),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_roundtrip_random),
		cmocka_unit_test(test_roundtrip_runs),
		cmocka_unit_test(test_roundtrip_rtf),
		cmocka_unit_test(test_hostile_truncated),
		cmocka_unit_test(test_hostile_crc),
		cmocka_unit_test(test_hostile_header),
		cmocka_unit_test(test_padding_accepted),
		cmocka_unit_test(test_hostile_fuzz),
		cmocka_unit_test(test_invalid_parameters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
