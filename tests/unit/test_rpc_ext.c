/*
   Unit tests for the EMSMDB extended buffer framing
   ([MS-OXCRPC] 2.2.2.1 RPC_HEADER_EXT and 3.1.4.1.1)

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
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lz77.h"
#include "test_random.h"
#include "rpc_ext.h"

#define LIMIT_256K	0x40000

/* Something like a ROP response: repetitive property rows */
static void fill_rows(uint8_t *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		buf[i] = (uint8_t)("\x1f\x00\x37\x00Row subject "[i % 16] +
				   (i / 160) % 3);
	}
}

static int setup_ctx(void **state)
{
	*state = talloc_new(NULL);
	return *state == NULL ? -1 : 0;
}

static int teardown_ctx(void **state)
{
	/* nothing may be left over besides what the test freed */
	talloc_free(*state);
	return 0;
}

/* Decode and expect an error, with nothing left on the context */
static void expect_decode_error(TALLOC_CTX *ctx, const uint8_t *buf,
				size_t len, size_t max_payload,
				size_t max_total,
				enum mapi_rpc_ext_status expected)
{
	struct mapi_rpc_ext_payload *p = (void *)1;
	size_t count = 99;
	size_t blocks = talloc_total_blocks(ctx);
	uint8_t *copy = malloc(len ? len : 1);
	enum mapi_rpc_ext_status st;

	/* exact-size heap copy so that valgrind sees any overread */
	assert_non_null(copy);
	if (len > 0) {
		memcpy(copy, buf, len);
	}
	st = mapi_rpc_ext_decode(ctx, copy, len, max_payload, max_total,
				 &p, &count);
	free(copy);
	assert_int_equal(st, expected);
	assert_null(p);
	assert_int_equal(count, 0);
	assert_int_equal(talloc_total_blocks(ctx), blocks);
}

static void check_header(const uint8_t *wire, uint16_t flags, uint16_t size,
			 uint16_t size_actual)
{
	struct rpc_header_ext hdr;

	mapi_rpc_header_ext_pull(wire, &hdr);
	assert_int_equal(hdr.version, 0);
	assert_int_equal(hdr.flags, flags);
	assert_int_equal(hdr.size, size);
	assert_int_equal(hdr.size_actual, size_actual);
}

static void test_header_wire_format(void **state)
{
	static const uint8_t wire[8] = {
		0x00, 0x00, 0x07, 0x00, 0x34, 0x12, 0x78, 0x56,
	};
	struct rpc_header_ext hdr;
	uint8_t out[8];

	(void)state;
	mapi_rpc_header_ext_pull(wire, &hdr);
	assert_int_equal(hdr.version, 0);
	assert_int_equal(hdr.flags, RHEF_COMPRESSED | RHEF_XORMAGIC | RHEF_LAST);
	assert_int_equal(hdr.size, 0x1234);
	assert_int_equal(hdr.size_actual, 0x5678);
	mapi_rpc_header_ext_push(out, &hdr);
	assert_memory_equal(out, wire, 8);
}

/*
 * [MS-OXCRPC] 4.2: rgbIn with one uncompressed, unobfuscated ROP payload
 * of 0x152 bytes: Version 0x0000, Flags 0x0004, Size = SizeActual = 0x0152,
 * cbIn 0x15A.
 */
static void test_spec_example_rgbin(void **state)
{
	TALLOC_CTX *ctx = *state;
	uint8_t payload[0x152];
	uint8_t *buf = NULL;
	size_t buf_len = 0;
	struct mapi_rpc_ext_payload *p = NULL;
	size_t count = 0;
	static const uint8_t hdr[8] = {
		0x00, 0x00, 0x04, 0x00, 0x52, 0x01, 0x52, 0x01,
	};

	rng_state = 4;
	fill_random(payload, sizeof(payload));
	assert_int_equal(mapi_rpc_ext_encode(ctx, &buf, &buf_len, payload,
					     sizeof(payload), 0, true,
					     LIMIT_256K), MAPI_RPC_EXT_OK);
	assert_int_equal(buf_len, 0x15A);
	assert_memory_equal(buf, hdr, 8);
	assert_int_equal(mapi_rpc_ext_decode(ctx, buf, buf_len,
					     RPC_EXT_SPEC_MAX_PAYLOAD,
					     LIMIT_256K, &p, &count),
			 MAPI_RPC_EXT_OK);
	assert_int_equal(count, 1);
	assert_int_equal(p[0].length, 0x152);
	assert_int_equal(p[0].flags, RHEF_LAST);
	assert_memory_equal(p[0].data, payload, sizeof(payload));
	talloc_free(p);
	talloc_free(buf);
}

/* Every flag combination, on compressible and incompressible data */
static void test_roundtrip_flags(void **state)
{
	TALLOC_CTX *ctx = *state;
	static const uint16_t combos[] = {
		0, RHEF_COMPRESSED, RHEF_XORMAGIC,
		RHEF_COMPRESSED | RHEF_XORMAGIC,
	};
	static const size_t sizes[] = { 0, 1, 7, 100, 4096, 32768, 65535 };
	size_t c, s;
	int kind;

	for (c = 0; c < 4; c++) {
		for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
			for (kind = 0; kind < 2; kind++) {
				size_t len = sizes[s];
				uint8_t *payload = talloc_array(ctx, uint8_t, len);
				uint8_t *buf = NULL;
				size_t buf_len = 0;
				struct mapi_rpc_ext_payload *p = NULL;
				size_t count = 0;
				struct rpc_header_ext hdr;
				bool compressible;

				assert_non_null(payload);
				rng_state = 1 + c * 100 + s * 10 + kind;
				if (kind == 0) {
					fill_rows(payload, len);
				} else {
					fill_random(payload, len);
				}
				assert_int_equal(mapi_rpc_ext_encode(ctx, &buf,
						&buf_len, payload, len,
						combos[c], true, LIMIT_256K),
						MAPI_RPC_EXT_OK);

				mapi_rpc_header_ext_pull(buf, &hdr);
				assert_int_equal(hdr.version, 0);
				assert_int_equal(hdr.size_actual, len);
				assert_int_equal(buf_len, 8 + hdr.size);
				assert_true(hdr.flags & RHEF_LAST);
				assert_int_equal(!!(hdr.flags & RHEF_XORMAGIC),
						 !!(combos[c] & RHEF_XORMAGIC));
				compressible = kind == 0 && len >= 100;
				if ((combos[c] & RHEF_COMPRESSED) && compressible) {
					assert_true(hdr.flags & RHEF_COMPRESSED);
					assert_true(hdr.size < len);
				}
				if (!(combos[c] & RHEF_COMPRESSED) ||
				    kind == 1 || len < 2) {
					assert_false(hdr.flags & RHEF_COMPRESSED);
				}
				if (hdr.flags & RHEF_COMPRESSED) {
					assert_true(hdr.size < hdr.size_actual);
				} else {
					assert_int_equal(hdr.size, len);
				}
				if (hdr.flags == (RHEF_XORMAGIC | RHEF_LAST) &&
				    len > 0) {
					assert_int_equal(buf[8], payload[0] ^ 0xA5);
				}
				if (hdr.flags == RHEF_LAST && len > 0) {
					assert_memory_equal(buf + 8, payload, len);
				}

				assert_int_equal(mapi_rpc_ext_decode(ctx, buf,
						buf_len, 65535, LIMIT_256K, &p,
						&count), MAPI_RPC_EXT_OK);
				assert_int_equal(count, 1);
				assert_int_equal(p[0].length, len);
				assert_int_equal(p[0].flags, hdr.flags);
				if (len > 0) {
					assert_memory_equal(p[0].data, payload,
							    len);
				}
				talloc_free(p);
				talloc_free(buf);
				talloc_free(payload);
			}
		}
	}
	assert_int_equal(talloc_total_blocks(ctx), 1);
}

/* Several payloads in one buffer (chained ROP buffers in rgbOut) */
static void test_chained(void **state)
{
	TALLOC_CTX *ctx = *state;
	uint8_t a[3000], b[10], c[20000];
	const uint8_t *src[4] = { a, b, NULL, c };
	size_t lens[4] = { sizeof(a), sizeof(b), 0, sizeof(c) };
	uint16_t flags[4] = {
		RHEF_COMPRESSED | RHEF_XORMAGIC, RHEF_XORMAGIC, 0,
		RHEF_COMPRESSED,
	};
	uint8_t *buf = NULL;
	size_t buf_len = 0;
	struct mapi_rpc_ext_payload *p = NULL;
	size_t count = 0;
	size_t i, pos;

	rng_state = 77;
	fill_rows(a, sizeof(a));
	fill_random(b, sizeof(b));
	fill_rows(c, sizeof(c));

	for (i = 0; i < 4; i++) {
		assert_int_equal(mapi_rpc_ext_encode(ctx, &buf, &buf_len,
				src[i], lens[i], flags[i], i == 3, LIMIT_256K),
				MAPI_RPC_EXT_OK);
	}

	/* only the last header has Last */
	pos = 0;
	for (i = 0; i < 4; i++) {
		struct rpc_header_ext hdr;

		mapi_rpc_header_ext_pull(buf + pos, &hdr);
		assert_int_equal(!!(hdr.flags & RHEF_LAST), i == 3);
		assert_int_equal(hdr.size_actual, lens[i]);
		pos += 8 + hdr.size;
	}
	assert_int_equal(pos, buf_len);

	assert_int_equal(mapi_rpc_ext_decode(ctx, buf, buf_len, 65535,
			 LIMIT_256K, &p, &count), MAPI_RPC_EXT_OK);
	assert_int_equal(count, 4);
	for (i = 0; i < 4; i++) {
		assert_int_equal(p[i].length, lens[i]);
		if (lens[i] > 0) {
			assert_memory_equal(p[i].data, src[i], lens[i]);
		}
	}
	assert_true(p[0].flags & RHEF_COMPRESSED);
	assert_true(p[0].flags & RHEF_XORMAGIC);
	assert_false(p[1].flags & RHEF_COMPRESSED);
	assert_true(p[3].flags & RHEF_COMPRESSED);
	talloc_free(p);
	talloc_free(buf);
	assert_int_equal(talloc_total_blocks(ctx), 1);
}

/* Build a buffer by hand: header fields as given, then payload bytes */
static size_t put_chunk(uint8_t *out, uint16_t version, uint16_t flags,
			uint16_t size, uint16_t size_actual,
			const uint8_t *data, size_t data_len)
{
	struct rpc_header_ext hdr = {
		.version = version,
		.flags = flags,
		.size = size,
		.size_actual = size_actual,
	};

	mapi_rpc_header_ext_push(out, &hdr);
	if (data_len > 0) {
		memcpy(out + 8, data, data_len);
	}
	return 8 + data_len;
}

static void test_decode_errors(void **state)
{
	TALLOC_CTX *ctx = *state;
	uint8_t buf[512];
	uint8_t comp[64];
	uint8_t text[100];
	size_t n;
	ssize_t clen;

	memset(text, 'x', sizeof(text));
	clen = mapi_lz77_compress(text, sizeof(text), comp, sizeof(comp));
	assert_true(clen > 0 && clen < 20);

	/* empty buffer: no Last */
	expect_decode_error(ctx, buf, 0, 1000, 1000,
			    MAPI_RPC_EXT_ERR_MISSING_LAST);

	/* truncated header, alone and after a valid chunk */
	n = put_chunk(buf, 0, RHEF_LAST, 0, 0, NULL, 0);
	expect_decode_error(ctx, buf, 5, 1000, 1000,
			    MAPI_RPC_EXT_ERR_TRUNCATED_HEADER);
	n = put_chunk(buf, 0, 0, 2, 2, (const uint8_t *)"ab", 2);
	n += put_chunk(buf + n, 0, RHEF_LAST, 0, 0, NULL, 0);
	expect_decode_error(ctx, buf, n - 1, 1000, 1000,
			    MAPI_RPC_EXT_ERR_TRUNCATED_HEADER);

	/* bad version */
	n = put_chunk(buf, 1, RHEF_LAST, 0, 0, NULL, 0);
	expect_decode_error(ctx, buf, n, 1000, 1000,
			    MAPI_RPC_EXT_ERR_BAD_VERSION);

	/* unknown flag bits */
	n = put_chunk(buf, 0, RHEF_LAST | 0x0008, 0, 0, NULL, 0);
	expect_decode_error(ctx, buf, n, 1000, 1000,
			    MAPI_RPC_EXT_ERR_BAD_FLAGS);

	/* Size beyond the buffer */
	n = put_chunk(buf, 0, RHEF_LAST, 10, 10, text, 9);
	expect_decode_error(ctx, buf, n, 1000, 1000,
			    MAPI_RPC_EXT_ERR_SIZE_BEYOND_BUFFER);
	n = put_chunk(buf, 0, RHEF_LAST, 0xFFFF, 0xFFFF, text, 4);
	expect_decode_error(ctx, buf, n, 0x10000, 0x10000,
			    MAPI_RPC_EXT_ERR_SIZE_BEYOND_BUFFER);

	/* not compressed, Size != SizeActual */
	n = put_chunk(buf, 0, RHEF_LAST, 4, 5, text, 4);
	expect_decode_error(ctx, buf, n, 1000, 1000,
			    MAPI_RPC_EXT_ERR_SIZE_MISMATCH);

	/* SizeActual above the per-payload limit */
	n = put_chunk(buf, 0, RHEF_LAST | RHEF_COMPRESSED, (uint16_t)clen,
		      100, comp, (size_t)clen);
	expect_decode_error(ctx, buf, n, 99, 1000,
			    MAPI_RPC_EXT_ERR_PAYLOAD_TOO_BIG);
	n = put_chunk(buf, 0, RHEF_LAST, 4, 4, text, 4);
	expect_decode_error(ctx, buf, n, 3, 1000,
			    MAPI_RPC_EXT_ERR_PAYLOAD_TOO_BIG);

	/* the sum of SizeActual above the total limit */
	n = put_chunk(buf, 0, RHEF_COMPRESSED, (uint16_t)clen, 100, comp,
		      (size_t)clen);
	n += put_chunk(buf + n, 0, RHEF_COMPRESSED | RHEF_LAST,
		       (uint16_t)clen, 100, comp, (size_t)clen);
	expect_decode_error(ctx, buf, n, 100, 199,
			    MAPI_RPC_EXT_ERR_TOTAL_TOO_BIG);

	/* decompression failures: garbage, short output, long output */
	n = put_chunk(buf, 0, RHEF_LAST | RHEF_COMPRESSED, 6, 50,
		      (const uint8_t *)"\xff\xff\xff\xff\x00\x00", 6);
	expect_decode_error(ctx, buf, n, 1000, 1000,
			    MAPI_RPC_EXT_ERR_DECOMPRESS);
	n = put_chunk(buf, 0, RHEF_LAST | RHEF_COMPRESSED, (uint16_t)clen,
		      101, comp, (size_t)clen);
	expect_decode_error(ctx, buf, n, 1000, 1000,
			    MAPI_RPC_EXT_ERR_DECOMPRESS);
	n = put_chunk(buf, 0, RHEF_LAST | RHEF_COMPRESSED, (uint16_t)clen,
		      99, comp, (size_t)clen);
	expect_decode_error(ctx, buf, n, 1000, 1000,
			    MAPI_RPC_EXT_ERR_DECOMPRESS);
	/* compressed data that was not obfuscated but says XorMagic */
	n = put_chunk(buf, 0, RHEF_LAST | RHEF_COMPRESSED | RHEF_XORMAGIC,
		      (uint16_t)clen, 100, comp, (size_t)clen);
	expect_decode_error(ctx, buf, n, 1000, 1000,
			    MAPI_RPC_EXT_ERR_DECOMPRESS);

	/* chunks without Last */
	n = put_chunk(buf, 0, 0, 2, 2, (const uint8_t *)"ab", 2);
	n += put_chunk(buf + n, 0, RHEF_XORMAGIC, 0, 0, NULL, 0);
	expect_decode_error(ctx, buf, n, 1000, 1000,
			    MAPI_RPC_EXT_ERR_MISSING_LAST);

	/* trailing bytes after Last, including a whole extra chunk */
	n = put_chunk(buf, 0, RHEF_LAST, 2, 2, (const uint8_t *)"ab", 2);
	buf[n] = 0;
	expect_decode_error(ctx, buf, n + 1, 1000, 1000,
			    MAPI_RPC_EXT_ERR_TRAILING_DATA);
	n += put_chunk(buf + n, 0, RHEF_LAST, 0, 0, NULL, 0);
	expect_decode_error(ctx, buf, n, 1000, 1000,
			    MAPI_RPC_EXT_ERR_TRAILING_DATA);

	/* an error in the third chunk frees the first two */
	n = put_chunk(buf, 0, 0, 2, 2, (const uint8_t *)"ab", 2);
	n += put_chunk(buf + n, 0, RHEF_COMPRESSED, (uint16_t)clen, 100, comp,
		       (size_t)clen);
	n += put_chunk(buf + n, 2, RHEF_LAST, 0, 0, NULL, 0);
	expect_decode_error(ctx, buf, n, 1000, 1000,
			    MAPI_RPC_EXT_ERR_BAD_VERSION);

	/* bad parameters */
	{
		struct mapi_rpc_ext_payload *p;
		size_t count;

		assert_int_equal(mapi_rpc_ext_decode(ctx, NULL, 8, 10, 10,
						     &p, &count),
				 MAPI_RPC_EXT_ERR_INVALID_PARAMETER);
		assert_int_equal(mapi_rpc_ext_decode(ctx, buf, 8, 10, 10,
						     NULL, &count),
				 MAPI_RPC_EXT_ERR_INVALID_PARAMETER);
	}
	assert_int_equal(talloc_total_blocks(ctx), 1);
}

/* A compressed payload whose Size is not below SizeActual is tolerated */
static void test_decode_lenient_compressed_size(void **state)
{
	TALLOC_CTX *ctx = *state;
	uint8_t buf[64];
	uint8_t comp[32];
	struct mapi_rpc_ext_payload *p = NULL;
	size_t count = 0;
	ssize_t clen;
	size_t n;

	clen = mapi_lz77_compress((const uint8_t *)"hi", 2, comp, sizeof(comp));
	assert_int_equal(clen, 6);
	n = put_chunk(buf, 0, RHEF_LAST | RHEF_COMPRESSED, 6, 2, comp, 6);
	assert_int_equal(mapi_rpc_ext_decode(ctx, buf, n, 100, 100, &p, &count),
			 MAPI_RPC_EXT_OK);
	assert_int_equal(count, 1);
	assert_int_equal(p[0].length, 2);
	assert_memory_equal(p[0].data, "hi", 2);
	talloc_free(p);
}

/* Many empty chunks: bounded work, all returned */
static void test_decode_many_chunks(void **state)
{
	TALLOC_CTX *ctx = *state;
	size_t nchunks = LIMIT_256K / 8;
	uint8_t *buf = talloc_zero_array(ctx, uint8_t, nchunks * 8);
	struct mapi_rpc_ext_payload *p = NULL;
	size_t count = 0;

	assert_non_null(buf);
	buf[(nchunks - 1) * 8 + 2] = RHEF_LAST;
	assert_int_equal(mapi_rpc_ext_decode(ctx, buf, nchunks * 8, 0, 0, &p,
					     &count), MAPI_RPC_EXT_OK);
	assert_int_equal(count, nchunks);
	assert_int_equal(p[nchunks - 1].length, 0);
	talloc_free(p);
	talloc_free(buf);
}

static void test_encode_errors(void **state)
{
	TALLOC_CTX *ctx = *state;
	uint8_t payload[1000];
	uint8_t *buf = NULL;
	size_t buf_len = 0;
	uint8_t *big;

	rng_state = 3;
	fill_random(payload, sizeof(payload));

	/* limit too small for the header */
	assert_int_equal(mapi_rpc_ext_encode(ctx, &buf, &buf_len, payload, 0,
					     0, true, 7),
			 MAPI_RPC_EXT_ERR_LIMIT);
	assert_int_equal(buf_len, 0);
	/* exactly enough for an empty payload */
	assert_int_equal(mapi_rpc_ext_encode(ctx, &buf, &buf_len, payload, 0,
					     0, false, 8), MAPI_RPC_EXT_OK);
	assert_int_equal(buf_len, 8);
	check_header(buf, 0, 0, 0);

	/* incompressible payload one byte over the limit, even when
	 * compression is allowed */
	assert_int_equal(mapi_rpc_ext_encode(ctx, &buf, &buf_len, payload,
					     sizeof(payload), RHEF_COMPRESSED,
					     true, 8 + 8 + sizeof(payload) - 1),
			 MAPI_RPC_EXT_ERR_LIMIT);
	assert_int_equal(buf_len, 8);
	/* and exactly at the limit */
	assert_int_equal(mapi_rpc_ext_encode(ctx, &buf, &buf_len, payload,
					     sizeof(payload), RHEF_COMPRESSED,
					     true, 8 + 8 + sizeof(payload)),
			 MAPI_RPC_EXT_OK);
	assert_int_equal(buf_len, 16 + sizeof(payload));
	check_header(buf + 8, RHEF_LAST, sizeof(payload), sizeof(payload));

	/* already past the limit */
	assert_int_equal(mapi_rpc_ext_encode(ctx, &buf, &buf_len, payload, 0,
					     0, true, 10),
			 MAPI_RPC_EXT_ERR_LIMIT);

	/* payload too large for the 16-bit fields */
	big = talloc_zero_array(ctx, uint8_t, 0x10000);
	assert_non_null(big);
	assert_int_equal(mapi_rpc_ext_encode(ctx, &buf, &buf_len, big, 0x10000,
					     RHEF_COMPRESSED, true, 1 << 20),
			 MAPI_RPC_EXT_ERR_PAYLOAD_TOO_BIG);
	talloc_free(big);

	/* bad parameters */
	assert_int_equal(mapi_rpc_ext_encode(ctx, &buf, &buf_len, payload, 1,
					     RHEF_LAST, true, 1 << 20),
			 MAPI_RPC_EXT_ERR_INVALID_PARAMETER);
	assert_int_equal(mapi_rpc_ext_encode(ctx, &buf, &buf_len, payload, 1,
					     0x0010, true, 1 << 20),
			 MAPI_RPC_EXT_ERR_INVALID_PARAMETER);
	assert_int_equal(mapi_rpc_ext_encode(ctx, &buf, &buf_len, NULL, 1, 0,
					     true, 1 << 20),
			 MAPI_RPC_EXT_ERR_INVALID_PARAMETER);
	assert_int_equal(mapi_rpc_ext_encode(ctx, NULL, &buf_len, payload, 1,
					     0, true, 1 << 20),
			 MAPI_RPC_EXT_ERR_INVALID_PARAMETER);
	assert_int_equal(mapi_rpc_ext_encode(ctx, &buf, NULL, payload, 1, 0,
					     true, 1 << 20),
			 MAPI_RPC_EXT_ERR_INVALID_PARAMETER);
	talloc_free(buf);
}

/* Compression can make a payload fit that would not fit raw */
static void test_encode_fits_only_compressed(void **state)
{
	TALLOC_CTX *ctx = *state;
	uint8_t payload[4000];
	uint8_t *buf = NULL;
	size_t buf_len = 0;
	struct mapi_rpc_ext_payload *p = NULL;
	size_t count = 0;

	fill_rows(payload, sizeof(payload));
	assert_int_equal(mapi_rpc_ext_encode(ctx, &buf, &buf_len, payload,
					     sizeof(payload), 0, true, 1000),
			 MAPI_RPC_EXT_ERR_LIMIT);
	assert_int_equal(buf_len, 0);
	assert_int_equal(mapi_rpc_ext_encode(ctx, &buf, &buf_len, payload,
					     sizeof(payload),
					     RHEF_COMPRESSED | RHEF_XORMAGIC,
					     true, 1000), MAPI_RPC_EXT_OK);
	assert_true(buf_len <= 1000);
	assert_int_equal(mapi_rpc_ext_decode(ctx, buf, buf_len, 4000, 4000, &p,
					     &count), MAPI_RPC_EXT_OK);
	assert_int_equal(count, 1);
	assert_memory_equal(p[0].data, payload, sizeof(payload));
	talloc_free(p);
	talloc_free(buf);
}

/* Random mutations of valid buffers never crash and never leak */
static void test_decode_mutations(void **state)
{
	TALLOC_CTX *ctx = *state;
	uint8_t payload[3000];
	uint8_t *buf = NULL;
	size_t buf_len = 0;
	size_t second;
	unsigned it;

	fill_rows(payload, sizeof(payload));
	assert_int_equal(mapi_rpc_ext_encode(ctx, &buf, &buf_len, payload, 1500,
					     RHEF_COMPRESSED, false, LIMIT_256K),
			 MAPI_RPC_EXT_OK);
	second = buf_len;
	assert_int_equal(mapi_rpc_ext_encode(ctx, &buf, &buf_len, payload, 3000,
					     RHEF_COMPRESSED | RHEF_XORMAGIC,
					     true, LIMIT_256K), MAPI_RPC_EXT_OK);

	rng_state = 12345;
	for (it = 0; it < 20000; it++) {
		size_t len = buf_len;
		uint8_t *m = malloc(len);
		struct mapi_rpc_ext_payload *p = NULL;
		size_t count = 0, i;
		unsigned k;
		enum mapi_rpc_ext_status st;

		assert_non_null(m);
		memcpy(m, buf, len);
		for (k = 0; k < 1 + rng_next() % 3; k++) {
			size_t pos = rng_next() % len;

			if (rng_next() % 4 == 0) {
				/* aim at the headers */
				pos = rng_next() % 8;
				if (rng_next() % 2) {
					pos += second;
				}
			}
			m[pos] ^= (uint8_t)(1 << (rng_next() % 8));
		}
		if (rng_next() % 8 == 0) {
			len = rng_next() % buf_len;
		}
		st = mapi_rpc_ext_decode(ctx, m, len, 3000, 6000, &p, &count);
		if (st == MAPI_RPC_EXT_OK) {
			size_t total = 0;

			for (i = 0; i < count; i++) {
				assert_true(p[i].length <= 3000);
				total += p[i].length;
			}
			assert_true(total <= 6000);
			talloc_free(p);
		} else {
			assert_null(p);
		}
		assert_int_equal(talloc_total_blocks(ctx), 2);
		free(m);
	}
	talloc_free(buf);
}

static void test_errstr(void **state)
{
	int i;

	(void)state;
	for (i = MAPI_RPC_EXT_OK; i <= MAPI_RPC_EXT_ERR_NO_MEMORY; i++) {
		const char *s = mapi_rpc_ext_errstr((enum mapi_rpc_ext_status)i);

		assert_non_null(s);
		assert_string_not_equal(s, "unknown error");
	}
	assert_string_equal(mapi_rpc_ext_errstr((enum mapi_rpc_ext_status)999),
			    "unknown error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_wire_format),
		cmocka_unit_test_setup_teardown(test_spec_example_rgbin,
						setup_ctx, teardown_ctx),
		cmocka_unit_test_setup_teardown(test_roundtrip_flags,
						setup_ctx, teardown_ctx),
		cmocka_unit_test_setup_teardown(test_chained,
						setup_ctx, teardown_ctx),
		cmocka_unit_test_setup_teardown(test_decode_errors,
						setup_ctx, teardown_ctx),
		cmocka_unit_test_setup_teardown(
			test_decode_lenient_compressed_size,
			setup_ctx, teardown_ctx),
		cmocka_unit_test_setup_teardown(test_decode_many_chunks,
						setup_ctx, teardown_ctx),
		cmocka_unit_test_setup_teardown(test_encode_errors,
						setup_ctx, teardown_ctx),
		cmocka_unit_test_setup_teardown(
			test_encode_fits_only_compressed,
			setup_ctx, teardown_ctx),
		cmocka_unit_test_setup_teardown(test_decode_mutations,
						setup_ctx, teardown_ctx),
		cmocka_unit_test(test_errstr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
