/*
   Unit tests for the LZ77 + DIRECT2 codec and the XorMagic obfuscation
   ([MS-OXCRPC] 3.1.4.1.1.2 and 3.1.4.1.1.3)

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

#include "lz77.h"
#include "test_random.h"

/* Text that looks like a message body or a property dump */
static void fill_text(uint8_t *buf, size_t len)
{
	static const char *words[] = {
		"the", "meeting", "is", "scheduled", "for", "Monday", "at",
		"10:00", "in", "room", "B", "please", "confirm", "your",
		"attendance", "Regards,", "Alice", "Subject:", "Re:", "quarterly",
		"report", "attached", "PR_SUBJECT_W", "PidTagBody", "0x0037001F",
		"Exchange", "server", "\r\n", "\r\n\r\n", "and", "of", "to",
	};
	size_t nwords = sizeof(words) / sizeof(words[0]);
	size_t pos = 0;

	while (pos < len) {
		const char *w = words[rng_next() % nwords];
		size_t wl = strlen(w);
		size_t i;

		for (i = 0; i < wl && pos < len; i++) {
			buf[pos++] = (uint8_t)w[i];
		}
		if (pos < len) {
			buf[pos++] = ' ';
		}
	}
}

/* Compress, check the size bound, decompress into an exact-size heap
 * buffer (so that valgrind/ASan see any overrun) and compare. */
static size_t roundtrip(const uint8_t *in, size_t len)
{
	size_t bound = MAPI_LZ77_COMPRESS_BOUND(len);
	uint8_t *comp = malloc(bound);
	uint8_t *back = malloc(len ? len : 1);
	ssize_t clen, dlen;

	assert_non_null(comp);
	assert_non_null(back);

	clen = mapi_lz77_compress(in, len, comp, bound);
	assert_true(clen >= 4);
	assert_true((size_t)clen <= bound);

	dlen = mapi_lz77_decompress(comp, (size_t)clen, back, len);
	assert_int_equal(dlen, len);
	if (len > 0) {
		assert_memory_equal(back, in, len);
	}

	free(comp);
	free(back);
	return (size_t)clen;
}

/*
 * [MS-XCA] 3.1: the 300-byte string "abcabc...abc" compresses to
 * ff ff ff 1f 61 62 63 17 00 0f ff 26 01 (three literals, then one
 * match with offset 3 and length 297 that uses the nibble, the extra
 * byte and the 16-bit length form).
 */
static void test_spec_example_abc(void **state)
{
	static const uint8_t expected[] = {
		0xff, 0xff, 0xff, 0x1f, 0x61, 0x62, 0x63, 0x17, 0x00, 0x0f,
		0xff, 0x26, 0x01,
	};
	uint8_t in[300];
	uint8_t out[400];
	ssize_t n;
	int i;

	(void)state;
	for (i = 0; i < 100; i++) {
		memcpy(in + 3 * i, "abc", 3);
	}

	n = mapi_lz77_compress(in, sizeof(in), out, sizeof(out));
	assert_int_equal(n, sizeof(expected));
	assert_memory_equal(out, expected, sizeof(expected));

	n = mapi_lz77_decompress(expected, sizeof(expected), out, sizeof(out));
	assert_int_equal(n, sizeof(in));
	assert_memory_equal(out, in, sizeof(in));
}

/*
 * [MS-XCA] 3.1: "abcdefghijklmnopqrstuvwxyz" is stored as 26 literals:
 * bitmask 0x0000003f (26 zero bits, then the unused bits set) and the
 * letters.
 */
static void test_spec_example_literals(void **state)
{
	static const char alpha[] = "abcdefghijklmnopqrstuvwxyz";
	uint8_t expected[30] = { 0x3f, 0x00, 0x00, 0x00 };
	uint8_t out[64];
	ssize_t n;

	(void)state;
	memcpy(expected + 4, alpha, 26);

	n = mapi_lz77_compress((const uint8_t *)alpha, 26, out, sizeof(out));
	assert_int_equal(n, sizeof(expected));
	assert_memory_equal(out, expected, sizeof(expected));

	n = mapi_lz77_decompress(expected, sizeof(expected), out, sizeof(out));
	assert_int_equal(n, 26);
	assert_memory_equal(out, alpha, 26);
}

/*
 * [MS-OXCRPC] 3.1.4.1.1.2.2 (DIRECT2 bitmask): a bitmask of 0x01000000
 * means seven bytes of data, then metadata, then 24 more bytes of data.
 */
static void test_spec_bitmask_example(void **state)
{
	uint8_t in[4 + 7 + 2 + 24 + 4];
	uint8_t out[64];
	uint8_t expected[7 + 3 + 24];
	ssize_t n;
	int i;

	(void)state;
	in[0] = 0x00; in[1] = 0x00; in[2] = 0x00; in[3] = 0x01;
	memcpy(in + 4, "abcdefg", 7);
	/* offset 7 ("a"), length 3: ((7 - 1) << 3) | (3 - 3) */
	in[11] = 0x30;
	in[12] = 0x00;
	for (i = 0; i < 24; i++) {
		in[13 + i] = (uint8_t)('A' + i);
	}
	/* final bitmask: every bit says "metadata", none follows: end */
	memset(in + 37, 0xff, 4);

	memcpy(expected, "abcdefgabc", 10);
	for (i = 0; i < 24; i++) {
		expected[10 + i] = (uint8_t)('A' + i);
	}

	n = mapi_lz77_decompress(in, sizeof(in), out, sizeof(out));
	assert_int_equal(n, sizeof(expected));
	assert_memory_equal(out, expected, sizeof(expected));
}

/* [MS-XCA] 2.4.4: "aaaaaa" as [literal "a"][match offset 1, length 5] */
static void test_spec_overlapping_match(void **state)
{
	static const uint8_t in[] = {
		0xff, 0xff, 0xff, 0x7f, 'a', 0x02, 0x00,
	};
	uint8_t out[16];
	ssize_t n;

	(void)state;
	n = mapi_lz77_decompress(in, sizeof(in), out, sizeof(out));
	assert_int_equal(n, 6);
	assert_memory_equal(out, "aaaaaa", 6);
}

/* Two long matches share one length byte: low nibble, then high nibble */
static void test_shared_nibble_decode(void **state)
{
	static const uint8_t in[] = {
		0xff, 0xff, 0xff, 0x3f,	/* 0, 0, 1, 1, then end */
		'x', 'y',
		0x0f, 0x00, 0x52,	/* offset 2, 7 + nibble 2: length 12 */
		0x0f, 0x00,		/* offset 2, 7 + nibble 5: length 15 */
	};
	uint8_t out[64];
	ssize_t n;
	int i;

	(void)state;
	n = mapi_lz77_decompress(in, sizeof(in), out, sizeof(out));
	assert_int_equal(n, 2 + 12 + 15);
	for (i = 0; i < n; i++) {
		assert_int_equal(out[i], (i & 1) ? 'y' : 'x');
	}
}

static void test_empty_and_tiny(void **state)
{
	uint8_t out[16];
	uint8_t back[4];
	ssize_t n;

	(void)state;
	n = mapi_lz77_compress(NULL, 0, out, sizeof(out));
	assert_int_equal(n, 4);
	assert_memory_equal(out, "\xff\xff\xff\xff", 4);
	assert_int_equal(mapi_lz77_decompress(out, 4, back, 0), 0);
	assert_int_equal(mapi_lz77_decompress(out, 0, back, 0), 0);

	n = mapi_lz77_compress((const uint8_t *)"Z", 1, out, sizeof(out));
	assert_int_equal(n, 5);
	assert_memory_equal(out, "\xff\xff\xff\x7fZ", 5);
	assert_int_equal(mapi_lz77_decompress(out, 5, back, 1), 1);
	assert_int_equal(back[0], 'Z');

	/* no room for even the bitmask */
	assert_int_equal(mapi_lz77_compress(NULL, 0, out, 3), -1);
	assert_int_equal(mapi_lz77_compress((const uint8_t *)"Z", 1, out, 4),
			 -1);
}

static void test_random_sizes(void **state)
{
	static const size_t sizes[] = {
		2, 3, 4, 5, 7, 8, 9, 31, 32, 33, 63, 64, 65, 100, 255, 256,
		1000, 4095, 4096, 8191, 8192, 8193, 16384, 32767, 32768,
		65535, 65536, 100000, 262144,
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		uint8_t *buf = malloc(sizes[i]);

		assert_non_null(buf);
		rng_seed(1000 + i);
		fill_random(buf, sizes[i]);
		roundtrip(buf, sizes[i]);
		free(buf);
	}
}

/* Random data with byte values from a small alphabet: many short,
 * nearby matches of all lengths */
static void test_small_alphabet(void **state)
{
	size_t len, i;

	(void)state;
	rng_seed(42);
	for (len = 1; len < 3000; len += 37) {
		uint8_t *buf = malloc(len);

		assert_non_null(buf);
		for (i = 0; i < len; i++) {
			buf[i] = (uint8_t)('a' + rng_next() % 3);
		}
		roundtrip(buf, len);
		free(buf);
	}
}

static void test_zeros_1mb(void **state)
{
	size_t len = 1024 * 1024;
	uint8_t *buf = calloc(1, len);
	size_t clen;

	(void)state;
	assert_non_null(buf);
	clen = roundtrip(buf, len);
	/* 16 matches of 65538 bytes, 8 bytes each, and some bitmasks */
	assert_true(clen < 256);
	free(buf);
}

static void test_periodic(void **state)
{
	size_t period;

	(void)state;
	for (period = 1; period <= 70; period++) {
		size_t len = 20000 + period;
		uint8_t *buf = malloc(len);
		size_t i, clen;

		assert_non_null(buf);
		rng_seed(period);
		fill_random(buf, period);
		for (i = period; i < len; i++) {
			buf[i] = buf[i - period];
		}
		clen = roundtrip(buf, len);
		assert_true(clen < 200 + period + period / 8);
		free(buf);
	}
}

/*
 * One match of every length from 3 to 1100, plus the boundaries of each
 * length form (9/10, 24/25, 279/280) and the largest lengths, preceded by
 * a random block it refers back to.
 */
static void test_match_length_forms(void **state)
{
	static const size_t big[] = {
		65536, 65537, 65538, 65539, 65540, 70000, 131076, 131077,
	};
	size_t mlen;
	size_t i;

	(void)state;
	for (mlen = 3; mlen <= 1100; mlen++) {
		size_t len = 64 + mlen + 1;
		uint8_t *buf = malloc(len);

		assert_non_null(buf);
		rng_seed(mlen);
		fill_random(buf, len);
		/* buf[64..64+mlen) repeats buf[0..mlen) with period 64 */
		for (i = 64; i < 64 + mlen; i++) {
			buf[i] = buf[i - 64];
		}
		buf[64 + mlen] = (uint8_t)(buf[mlen] ^ 0x55);
		roundtrip(buf, len);
		free(buf);
	}
	for (i = 0; i < sizeof(big) / sizeof(big[0]); i++) {
		uint8_t *buf = malloc(big[i]);

		assert_non_null(buf);
		memset(buf, 'q', big[i]);
		roundtrip(buf, big[i]);
		free(buf);
	}
}

/* Alternating literals and long matches, so that consecutive long matches
 * share nibble bytes in both orders */
static void test_shared_nibbles_roundtrip(void **state)
{
	size_t len = 100000;
	uint8_t *buf = malloc(len);
	size_t pos = 0;

	(void)state;
	assert_non_null(buf);
	rng_seed(7);
	while (pos < len) {
		size_t lit = rng_next() % 12;
		size_t run = 3 + rng_next() % 400;
		size_t i;

		for (i = 0; i < lit && pos < len; i++) {
			buf[pos++] = (uint8_t)rng_next();
		}
		for (i = 0; i < run && pos < len; i++) {
			size_t back = 1 + rng_next() % 8;

			buf[pos] = pos >= 64 ? buf[pos - 64 + back - 1] :
				(uint8_t)rng_next();
			pos++;
		}
	}
	roundtrip(buf, len);
	free(buf);
}

static void test_text(void **state)
{
	size_t len = 200000;
	uint8_t *buf = malloc(len);
	size_t clen;

	(void)state;
	assert_non_null(buf);
	rng_seed(2024);
	fill_text(buf, len);
	clen = roundtrip(buf, len);
	assert_true(clen < len / 2);
	free(buf);
}

/* The result is -1 exactly when the compressed stream does not fit */
static void test_compress_out_max_exact(void **state)
{
	static const size_t sizes[] = { 0, 1, 31, 32, 33, 100, 1000, 5000 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t len = sizes[i];
		uint8_t *in = malloc(len + 1);
		uint8_t *out = malloc(MAPI_LZ77_COMPRESS_BOUND(len));
		int kind;

		assert_non_null(in);
		assert_non_null(out);
		for (kind = 0; kind < 3; kind++) {
			ssize_t full, n;
			size_t cap;

			rng_seed(len * 3 + kind);
			if (kind == 0) {
				fill_random(in, len);
			} else if (kind == 1) {
				fill_text(in, len);
			} else {
				memset(in, 0, len);
			}
			full = mapi_lz77_compress(in, len, out,
					MAPI_LZ77_COMPRESS_BOUND(len));
			assert_true(full > 0);
			for (cap = 0; cap <= (size_t)full; cap++) {
				uint8_t *o = malloc(cap ? cap : 1);

				assert_non_null(o);
				n = mapi_lz77_compress(in, len, o, cap);
				if (cap < (size_t)full) {
					assert_int_equal(n, -1);
				} else {
					assert_int_equal(n, full);
					assert_memory_equal(o, out, cap);
				}
				free(o);
				if (cap + 64 < (size_t)full) {
					/* the long tail is not interesting */
					cap += (size_t)full / 64;
				}
			}
		}
		free(in);
		free(out);
	}
}

static void test_decompress_out_max_exact(void **state)
{
	size_t len = 5000;
	uint8_t *in = malloc(len);
	uint8_t *comp = malloc(MAPI_LZ77_COMPRESS_BOUND(len));
	uint8_t *back;
	ssize_t clen;

	(void)state;
	assert_non_null(in);
	assert_non_null(comp);
	rng_seed(99);
	fill_text(in, len);
	clen = mapi_lz77_compress(in, len, comp, MAPI_LZ77_COMPRESS_BOUND(len));
	assert_true(clen > 0);

	back = malloc(len - 1);
	assert_non_null(back);
	assert_int_equal(mapi_lz77_decompress(comp, clen, back, len - 1), -1);
	free(back);
	back = malloc(len);
	assert_non_null(back);
	assert_int_equal(mapi_lz77_decompress(comp, clen, back, len), len);
	assert_memory_equal(back, in, len);
	free(back);
	free(comp);
	free(in);
}

static void test_deterministic(void **state)
{
	size_t len = 50000;
	uint8_t *in = malloc(len);
	uint8_t *a = malloc(MAPI_LZ77_COMPRESS_BOUND(len));
	uint8_t *b = malloc(MAPI_LZ77_COMPRESS_BOUND(len));
	ssize_t na, nb;

	(void)state;
	assert_non_null(in);
	assert_non_null(a);
	assert_non_null(b);
	rng_seed(5);
	fill_text(in, len);
	na = mapi_lz77_compress(in, len, a, MAPI_LZ77_COMPRESS_BOUND(len));
	memset(b, 0x5a, MAPI_LZ77_COMPRESS_BOUND(len));
	nb = mapi_lz77_compress(in, len, b, MAPI_LZ77_COMPRESS_BOUND(len));
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na);
	free(in);
	free(a);
	free(b);
}

static ssize_t decomp_exact(const uint8_t *in, size_t in_len, size_t out_max)
{
	uint8_t *in_copy = malloc(in_len ? in_len : 1);
	uint8_t *out = malloc(out_max ? out_max : 1);
	ssize_t n;

	assert_non_null(in_copy);
	assert_non_null(out);
	if (in_len > 0) {
		memcpy(in_copy, in, in_len);
	}
	n = mapi_lz77_decompress(in_copy, in_len, out, out_max);
	free(in_copy);
	free(out);
	return n;
}

static void test_hostile(void **state)
{
	/* match as the very first item: offset 1 with nothing output */
	static const uint8_t before_start[] = {
		0xff, 0xff, 0xff, 0xff, 0x00, 0x00,
	};
	/* one literal, then offset 2 */
	static const uint8_t offset_too_far[] = {
		0xff, 0xff, 0xff, 0x7f, 'a', 0x08, 0x00,
	};
	/* largest offset (8192) after 8191 bytes would be too far: use a
	 * literal and offset 8192 */
	static const uint8_t offset_max[] = {
		0xff, 0xff, 0xff, 0x7f, 'a', 0xf8, 0xff,
	};
	/* 16-bit length 0xffff: 65538 bytes, far beyond the buffer */
	static const uint8_t huge_len[] = {
		0xff, 0xff, 0xff, 0x7f, 'a', 0x07, 0x00, 0x0f, 0xff,
		0xff, 0xff,
	};
	/* 16-bit length form holding less than 22: invalid */
	static const uint8_t small_len16[] = {
		0xff, 0xff, 0xff, 0x7f, 'a', 0x07, 0x00, 0x0f, 0xff,
		0x05, 0x00,
	};
	static const uint8_t zero_len16[] = {
		0xff, 0xff, 0xff, 0x7f, 'a', 0x07, 0x00, 0x0f, 0xff,
		0x00, 0x00,
	};
	/* truncated inside the length encodings */
	static const uint8_t trunc_nibble[] = {
		0xff, 0xff, 0xff, 0x7f, 'a', 0x07, 0x00,
	};
	static const uint8_t trunc_byte[] = {
		0xff, 0xff, 0xff, 0x7f, 'a', 0x07, 0x00, 0x0f,
	};
	static const uint8_t trunc_word[] = {
		0xff, 0xff, 0xff, 0x7f, 'a', 0x07, 0x00, 0x0f, 0xff, 0x30,
	};
	/* metadata cut after one byte */
	static const uint8_t trunc_meta[] = {
		0xff, 0xff, 0xff, 0x7f, 'a', 0x00,
	};
	/* bitmask cut short */
	static const uint8_t trunc_mask[] = { 0x00, 0x00, 0x00 };
	/* literals announced but missing */
	static const uint8_t missing_literals[] = {
		0x00, 0x00, 0x00, 0x00, 'a', 'b',
	};
	/* valid, for contrast: literal, then offset 1 length 0xffff + 3 */
	static const uint8_t big_ok[] = {
		0xff, 0xff, 0xff, 0x7f, 'a', 0x07, 0x00, 0x0f, 0xff,
		0xff, 0xff,
	};

	(void)state;
	assert_int_equal(decomp_exact(before_start, sizeof(before_start), 100),
			 -1);
	assert_int_equal(decomp_exact(offset_too_far, sizeof(offset_too_far),
				      100), -1);
	assert_int_equal(decomp_exact(offset_max, sizeof(offset_max), 100000),
			 -1);
	assert_int_equal(decomp_exact(huge_len, sizeof(huge_len), 1000), -1);
	assert_int_equal(decomp_exact(small_len16, sizeof(small_len16), 1000),
			 -1);
	assert_int_equal(decomp_exact(zero_len16, sizeof(zero_len16), 1000),
			 -1);
	assert_int_equal(decomp_exact(trunc_nibble, sizeof(trunc_nibble), 100),
			 -1);
	assert_int_equal(decomp_exact(trunc_byte, sizeof(trunc_byte), 100), -1);
	assert_int_equal(decomp_exact(trunc_word, sizeof(trunc_word), 100), -1);
	assert_int_equal(decomp_exact(trunc_meta, sizeof(trunc_meta), 100), -1);
	assert_int_equal(decomp_exact(trunc_mask, sizeof(trunc_mask), 100), -1);
	assert_int_equal(decomp_exact(missing_literals,
				      sizeof(missing_literals), 100), -1);
	assert_int_equal(decomp_exact(big_ok, sizeof(big_ok), 65539), 65539);
	assert_int_equal(decomp_exact(big_ok, sizeof(big_ok), 65538), -1);
	/* output buffer of zero bytes */
	assert_int_equal(decomp_exact(offset_too_far, 5, 0), -1);
}

/* Every prefix of a valid stream decodes to -1 or to a prefix of the data */
static void test_truncations(void **state)
{
	size_t len = 3000;
	uint8_t *in = malloc(len);
	uint8_t *comp = malloc(MAPI_LZ77_COMPRESS_BOUND(len));
	uint8_t *out = malloc(len);
	ssize_t clen;
	size_t cut;

	(void)state;
	assert_non_null(in);
	assert_non_null(comp);
	assert_non_null(out);
	rng_seed(11);
	fill_text(in, len);
	clen = mapi_lz77_compress(in, len, comp, MAPI_LZ77_COMPRESS_BOUND(len));
	assert_true(clen > 0);
	for (cut = 0; cut <= (size_t)clen; cut++) {
		uint8_t *c = malloc(cut ? cut : 1);
		ssize_t n;

		assert_non_null(c);
		memcpy(c, comp, cut);
		n = mapi_lz77_decompress(c, cut, out, len);
		if (n >= 0) {
			assert_true((size_t)n <= len);
			assert_memory_equal(out, in, n);
		}
		free(c);
	}
	free(in);
	free(comp);
	free(out);
}

/*
 * Bounded random-mutation fuzzing: flip, overwrite, insert, delete and
 * truncate bytes of valid streams, and feed pure noise.  Buffers are
 * exact-size heap blocks so that valgrind/ASan report any overrun; the
 * decoder must return -1 or a size within the buffer.
 */
static void test_mutation_fuzz(void **state)
{
	const char *env = getenv("LZ77_FUZZ_ITERATIONS");
	unsigned long iterations = env ? strtoul(env, NULL, 10) : 50000;
	size_t max_in = 2048;
	uint8_t *src = malloc(max_in);
	uint8_t *comp = malloc(MAPI_LZ77_COMPRESS_BOUND(max_in) + 64);
	unsigned long it;

	(void)state;
	assert_non_null(src);
	assert_non_null(comp);
	rng_seed(0xF022);
	for (it = 0; it < iterations; it++) {
		size_t len = rng_next() % max_in;
		size_t out_max;
		ssize_t clen, n;
		uint8_t *c, *out;
		unsigned k, nmut;

		switch (rng_next() % 4) {
		case 0:
			fill_random(src, len);
			break;
		case 1:
			fill_text(src, len);
			break;
		default: {
			size_t i;

			for (i = 0; i < len; i++) {
				src[i] = (uint8_t)('a' + rng_next() % 4);
			}
			break;
		}
		}
		clen = mapi_lz77_compress(src, len, comp,
					  MAPI_LZ77_COMPRESS_BOUND(max_in));
		assert_true(clen > 0);
		if (rng_next() % 16 == 0) {
			clen = rng_next() % 64;
			fill_random(comp, (size_t)clen);
		}

		nmut = 1 + rng_next() % 4;
		for (k = 0; k < nmut && clen > 0; k++) {
			size_t pos = rng_next() % (size_t)clen;

			switch (rng_next() % 5) {
			case 0:
				comp[pos] ^= (uint8_t)(1 << (rng_next() % 8));
				break;
			case 1:
				comp[pos] = (uint8_t)rng_next();
				break;
			case 2:
				if ((size_t)clen < MAPI_LZ77_COMPRESS_BOUND(max_in)) {
					memmove(comp + pos + 1, comp + pos,
						(size_t)clen - pos);
					comp[pos] = (uint8_t)rng_next();
					clen++;
				}
				break;
			case 3:
				memmove(comp + pos, comp + pos + 1,
					(size_t)clen - pos - 1);
				clen--;
				break;
			default:
				clen = (ssize_t)pos;
				break;
			}
		}

		out_max = (rng_next() % 2) ? len : rng_next() % (2 * max_in);
		c = malloc(clen ? (size_t)clen : 1);
		out = malloc(out_max ? out_max : 1);
		assert_non_null(c);
		assert_non_null(out);
		memcpy(c, comp, (size_t)clen);
		n = mapi_lz77_decompress(c, (size_t)clen, out, out_max);
		assert_true(n == -1 || (n >= 0 && (size_t)n <= out_max));
		free(c);
		free(out);
	}
	free(src);
	free(comp);
}

/* Encode, as [MS-OXCRPC] 3.1.4.1.1.2.2 describes, one stream of 31
 * literals and one match (offset, len): the 32 items of one bitmask, so
 * the input ends where the next bitmask would start */
static size_t encode_literals_match(const uint8_t lit[31], size_t offset,
				    size_t len, uint8_t *s)
{
	size_t l = len - 3, n = 0;
	uint16_t meta = (uint16_t)((offset - 1) << 3);

	s[n++] = 0x01;		/* 31 literal bits, then one metadata bit */
	s[n++] = 0;
	s[n++] = 0;
	s[n++] = 0;
	memcpy(s + n, lit, 31);
	n += 31;
	if (l < 7) {
		meta |= (uint16_t)l;
	} else {
		meta |= 7;
	}
	s[n++] = (uint8_t)meta;
	s[n++] = (uint8_t)(meta >> 8);
	if (l >= 7) {
		l -= 7;
		if (l < 15) {
			s[n++] = (uint8_t)l;
		} else {
			s[n++] = 15;
			l -= 15;
			if (l < 255) {
				s[n++] = (uint8_t)l;
			} else {
				s[n++] = 255;
				s[n++] = (uint8_t)(len - 3);
				s[n++] = (uint8_t)((len - 3) >> 8);
			}
		}
	}
	return n;
}

/*
 * Every match copy path of the decoder (offsets 1..31, lengths across
 * every length form), with the match ending exactly at the end of an
 * exact-size heap buffer (an overrun is seen by valgrind/ASan) and with
 * room to spare; checked against a byte-by-byte expansion.
 */
static void test_match_copy_at_end(void **state)
{
	static const size_t lens[] = {
		3, 4, 7, 8, 9, 10, 15, 16, 17, 24, 25, 31, 32, 33, 47, 48, 64,
		100, 279, 280, 281, 1000, 8192, 65538,
	};
	uint8_t lit[31], stream[64];
	size_t offset, i;

	(void)state;
	rng_seed(31);
	fill_random(lit, sizeof(lit));
	for (offset = 1; offset <= 31; offset++) {
		for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
			size_t len = lens[i], total = 31 + len, k;
			size_t slen = encode_literals_match(lit, offset, len,
							    stream);
			uint8_t *want = malloc(total);
			uint8_t *exact = malloc(total);
			uint8_t *roomy = malloc(total + 64);

			assert_non_null(want);
			assert_non_null(exact);
			assert_non_null(roomy);
			memcpy(want, lit, 31);
			for (k = 31; k < total; k++) {
				want[k] = want[k - offset];
			}
			assert_int_equal(mapi_lz77_decompress(stream, slen,
					 exact, total), total);
			assert_memory_equal(exact, want, total);
			assert_int_equal(mapi_lz77_decompress(stream, slen,
					 roomy, total + 64), total);
			assert_memory_equal(roomy, want, total);
			/* one byte short of room: refused, not overrun */
			assert_int_equal(mapi_lz77_decompress(stream, slen,
					 exact, total - 1), -1);
			free(want);
			free(exact);
			free(roomy);
		}
	}
}

/* Text, random bytes and runs mixed: literal runs and matches of every
 * kind next to each other */
static void fill_mixed(uint8_t *buf, size_t len)
{
	size_t pos = 0;

	while (pos < len) {
		size_t n = 1 + rng_next() % 200;
		unsigned kind = rng_next() % 4;

		if (n > len - pos) {
			n = len - pos;
		}
		if (kind == 0) {
			fill_random(buf + pos, n);
		} else if (kind == 1) {
			memset(buf + pos, (int)(rng_next() & 0xff), n);
		} else {
			fill_text(buf + pos, n);
		}
		pos += n;
	}
}

/*
 * Round trips of every size from 0 to 1100 and of sizes around the
 * window and the bitmask, through exact-size heap buffers in and out:
 * the encoder's 16-byte literal copies and the decoder's match copies
 * must stay inside both; the compressed size must equal the size that
 * an exactly sized output buffer accepts.
 */
static void test_random_round_trips(void **state)
{
	static const size_t extra[] = {
		4095, 4096, 4097, 8191, 8192, 8193, 8194, 16383, 16384, 16385,
		32767, 32768, 32769, 65535, 65536, 65537, 65538, 65539,
	};
	size_t len;

	(void)state;
	for (len = 0; len <= 1100 + sizeof(extra) / sizeof(extra[0]); len++) {
		size_t n = len <= 1100 ? len : extra[len - 1101];
		uint8_t *buf = malloc(n ? n : 1);
		uint8_t *comp = malloc(MAPI_LZ77_COMPRESS_BOUND(n));
		uint8_t *exact;
		size_t clen;

		assert_non_null(buf);
		assert_non_null(comp);
		rng_seed(5000 + n);
		fill_mixed(buf, n);
		clen = roundtrip(buf, n);
		exact = malloc(clen);
		assert_non_null(exact);
		assert_int_equal(mapi_lz77_compress(buf, n, exact, clen), clen);
		assert_int_equal(mapi_lz77_compress(buf, n, comp,
				 MAPI_LZ77_COMPRESS_BOUND(n)), clen);
		assert_memory_equal(exact, comp, clen);
		free(exact);
		free(comp);
		free(buf);
	}
}

/*
 * The largest inputs: 4 MB of mixed data (the offset field and the
 * 65538-byte match cap matter, not the input size, but large inputs
 * exercise the hash table's positions far from the start) and a buffer
 * that does not compress at all, at its worst-case bound.
 */
static void test_max_size(void **state)
{
	size_t len = 4 * 1024 * 1024;
	uint8_t *buf = malloc(len);
	size_t clen;

	(void)state;
	assert_non_null(buf);
	rng_seed(4096);
	fill_mixed(buf, len);
	clen = roundtrip(buf, len);
	assert_true(clen < len);
	fill_random(buf, len);
	clen = roundtrip(buf, len);
	assert_true(clen <= MAPI_LZ77_COMPRESS_BOUND(len));
	free(buf);
}

/*
 * End of stream ([MS-XCA] 2.4.4): 32 literals fill a bitmask exactly,
 * so the encoder adds a final bitmask with every bit set; 31 literals
 * leave one bit, set, in the same bitmask.  Both decode back, and a
 * stream cut inside an item is refused.
 */
static void test_end_of_stream(void **state)
{
	uint8_t in[64], out[128], back[64];
	ssize_t n;

	(void)state;
	rng_seed(32);
	fill_random(in, sizeof(in));
	n = mapi_lz77_compress(in, 32, out, sizeof(out));
	assert_int_equal(n, 4 + 32 + 4);
	assert_int_equal(out[0] | out[1] | out[2] | out[3], 0);
	assert_int_equal(out[36] & out[37] & out[38] & out[39], 0xff);
	assert_int_equal(mapi_lz77_decompress(out, n, back, 32), 32);
	assert_memory_equal(back, in, 32);
	/* without the final bitmask the input ends where a bitmask would
	 * start: accepted as complete */
	assert_int_equal(mapi_lz77_decompress(out, n - 4, back, 32), 32);
	/* a final bitmask cut short is refused */
	assert_int_equal(mapi_lz77_decompress(out, n - 2, back, 32), -1);

	n = mapi_lz77_compress(in, 31, out, sizeof(out));
	assert_int_equal(n, 4 + 31);
	assert_int_equal(out[0], 0x01);
	assert_int_equal(mapi_lz77_decompress(out, n, back, 31), 31);
	assert_memory_equal(back, in, 31);
}

static void test_xor(void **state)
{
	uint8_t buf[37];
	uint8_t orig[37];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(buf); i++) {
		buf[i] = orig[i] = (uint8_t)(i * 7);
	}
	mapi_xor_obfuscate(buf, sizeof(buf));
	for (i = 0; i < sizeof(buf); i++) {
		assert_int_equal(buf[i], orig[i] ^ 0xA5);
	}
	mapi_xor_obfuscate(buf, sizeof(buf));
	assert_memory_equal(buf, orig, sizeof(buf));

	buf[0] = 0x00;
	buf[1] = 0xA5;
	buf[2] = 0xFF;
	mapi_xor_obfuscate(buf, 3);
	assert_int_equal(buf[0], 0xA5);
	assert_int_equal(buf[1], 0x00);
	assert_int_equal(buf[2], 0x5A);
	mapi_xor_obfuscate(NULL, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_example_abc),
		cmocka_unit_test(test_spec_example_literals),
		cmocka_unit_test(test_spec_bitmask_example),
		cmocka_unit_test(test_spec_overlapping_match),
		cmocka_unit_test(test_shared_nibble_decode),
		cmocka_unit_test(test_empty_and_tiny),
		cmocka_unit_test(test_random_sizes),
		cmocka_unit_test(test_small_alphabet),
		cmocka_unit_test(test_zeros_1mb),
		cmocka_unit_test(test_periodic),
		cmocka_unit_test(test_match_length_forms),
		cmocka_unit_test(test_shared_nibbles_roundtrip),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_compress_out_max_exact),
		cmocka_unit_test(test_decompress_out_max_exact),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_truncations),
		cmocka_unit_test(test_mutation_fuzz),
		cmocka_unit_test(test_match_copy_at_end),
		cmocka_unit_test(test_random_round_trips),
		cmocka_unit_test(test_max_size),
		cmocka_unit_test(test_end_of_stream),
		cmocka_unit_test(test_xor),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
