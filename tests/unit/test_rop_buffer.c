/*
 * ROP buffers (MS-OXCROPS 2.2.1) and property rows (MS-OXCDATA 2.8.1):
 * the hand-written part of the ROP marshalling, with the generated
 * RopRequest/RopResponse wrappers of idl/rops.idl.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <stdbool.h>
#include <cmocka.h>

#include <talloc.h>
#include <charset.h>
#include "gen_ndr/ndr_rop_types.h"
#include "gen_ndr/ndr_rops.h"
#include "rop_buffer.h"
#include "property_row.h"

#define PR_DISPLAY_NAME_W	0x3001001F
#define PR_MESSAGE_SIZE		0x0E080003
#define PR_ENTRYID		0x0FFF0102
#define PR_SUBJECT_UNSPEC	0x00370000	/* type PtypUnspecified */

static const char essdn[] = "/o=First Organization/ou=Site/cn=Recipients/cn=alice";

static DATA_BLOB push_requests(TALLOC_CTX *mem, struct RopRequest *reqs,
			       size_t count)
{
	struct ndr_push *ndr = ndr_push_init_ctx(mem);
	size_t i;

	assert_non_null(ndr);
	ndr->flags |= LIBNDR_FLAG_NOALIGN;
	for (i = 0; i < count; i++) {
		assert_int_equal(ndr_push_RopRequest(ndr, NDR_SCALARS, &reqs[i]),
				 NDR_ERR_SUCCESS);
	}
	return ndr_push_blob(ndr);
}

static void make_requests(struct RopRequest reqs[4])
{
	static uint32_t tags[] = { PR_DISPLAY_NAME_W, PR_MESSAGE_SIZE };

	memset(reqs, 0, 4 * sizeof(reqs[0]));
	reqs[0].RopId = RopLogon;
	reqs[0].HandleIndex = 0;
	reqs[0].Body.Logon.LogonFlags = 0x01;
	reqs[0].Body.Logon.OpenFlags = 0x01000000;
	reqs[0].Body.Logon.EssdnSize = sizeof(essdn);
	reqs[0].Body.Logon.Essdn = discard_const_p(uint8_t, essdn);

	reqs[1].RopId = RopOpenFolder;
	reqs[1].HandleIndex = 0;
	reqs[1].Body.OpenFolder.OutputHandleIndex = 1;
	reqs[1].Body.OpenFolder.FolderId = 0x0001000000000001ULL;

	reqs[2].RopId = RopGetPropertiesSpecific;
	reqs[2].HandleIndex = 1;
	reqs[2].Body.GetPropertiesSpecific.WantUnicode = 1;
	reqs[2].Body.GetPropertiesSpecific.PropertyTagCount = 2;
	reqs[2].Body.GetPropertiesSpecific.PropertyTags = tags;

	reqs[3].RopId = RopRelease;
	reqs[3].HandleIndex = 1;
}

/* A RopsList of four requests wrapped with a handle table, then split
 * and decoded back one ROP at a time, byte-identical. */
static void test_request_buffer_round_trip(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct RopRequest reqs[4];
	uint32_t handles[2] = { ROP_HANDLE_NONE, ROP_HANDLE_NONE };
	struct rop_buffer buf = { .handle_count = 2, .handles = handles };
	struct rop_buffer parsed;
	DATA_BLOB wire, again;
	struct ndr_pull *pull;
	size_t n = 0;

	make_requests(reqs);
	buf.rops = push_requests(mem, reqs, 4);
	assert_int_equal(rop_buffer_build(mem, &buf, &wire), NDR_ERR_SUCCESS);
	assert_int_equal(wire.data[0] | (wire.data[1] << 8), 2 + buf.rops.length);
	assert_int_equal(wire.length, 2 + buf.rops.length + 8);

	assert_int_equal(rop_buffer_parse(mem, &wire, &parsed), NDR_ERR_SUCCESS);
	assert_int_equal(parsed.handle_count, 2);
	assert_int_equal(parsed.handles[1], ROP_HANDLE_NONE);
	assert_int_equal(parsed.rops.length, buf.rops.length);

	pull = ndr_pull_init_blob(&parsed.rops, mem);
	pull->flags |= LIBNDR_FLAG_NOALIGN;
	while (pull->offset < pull->data_size) {
		struct RopRequest r;

		assert_true(n < 4);
		assert_int_equal(ndr_pull_RopRequest(pull, NDR_SCALARS, &r),
				 NDR_ERR_SUCCESS);
		assert_int_equal(r.RopId, reqs[n].RopId);
		assert_int_equal(r.HandleIndex, reqs[n].HandleIndex);
		reqs[n] = r;
		n++;
	}
	assert_int_equal(n, 4);
	assert_int_equal(reqs[0].Body.Logon.EssdnSize, sizeof(essdn));
	assert_memory_equal(reqs[0].Body.Logon.Essdn, essdn, sizeof(essdn));
	assert_true(reqs[1].Body.OpenFolder.FolderId == 0x0001000000000001ULL);
	assert_int_equal(reqs[2].Body.GetPropertiesSpecific.PropertyTags[1],
			 PR_MESSAGE_SIZE);

	again = push_requests(mem, reqs, 4);
	assert_int_equal(again.length, buf.rops.length);
	assert_memory_equal(again.data, buf.rops.data, again.length);
	talloc_free(mem);
}

/* RopOpenFolder as MS-OXCROPS 2.2.4.1 lays it out, byte by byte. */
static void test_open_folder_bytes(void **state)
{
	static const uint8_t bytes[] = {
		0x02,			/* RopId */
		0x00,			/* LogonId */
		0x00,			/* InputHandleIndex */
		0x01,			/* OutputHandleIndex */
		0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, /* FolderId */
		0x00,			/* OpenModeFlags */
	};
	TALLOC_CTX *mem = talloc_new(NULL);
	DATA_BLOB blob = data_blob_const(bytes, sizeof(bytes));
	struct ndr_pull *pull = ndr_pull_init_blob(&blob, mem);
	struct RopRequest r;

	pull->flags |= LIBNDR_FLAG_NOALIGN;
	assert_int_equal(ndr_pull_RopRequest(pull, NDR_SCALARS, &r),
			 NDR_ERR_SUCCESS);
	assert_int_equal(pull->offset, sizeof(bytes));
	assert_int_equal(r.RopId, RopOpenFolder);
	assert_int_equal(r.Body.OpenFolder.OutputHandleIndex, 1);
	assert_true(r.Body.OpenFolder.FolderId == 0x0001000000000001ULL);
	talloc_free(mem);
}

static void test_malformed_buffers(void **state)
{
	static const uint8_t too_short[] = { 0x01 };
	static const uint8_t size_below_2[] = { 0x01, 0x00, 0xaa };
	static const uint8_t size_beyond[] = { 0x10, 0x00, 0xaa, 0xbb };
	static const uint8_t ragged_table[] = { 0x02, 0x00, 0xff, 0xff, 0xff };
	static const uint8_t empty_ok[] = { 0x02, 0x00 };
	const struct { const uint8_t *d; size_t n; bool ok; } cases[] = {
		{ too_short, sizeof(too_short), false },
		{ size_below_2, sizeof(size_below_2), false },
		{ size_beyond, sizeof(size_beyond), false },
		{ ragged_table, sizeof(ragged_table), false },
		{ empty_ok, sizeof(empty_ok), true },
	};
	TALLOC_CTX *mem = talloc_new(NULL);
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		DATA_BLOB b = data_blob_const(cases[i].d, cases[i].n);
		struct rop_buffer out;
		enum ndr_err_code err = rop_buffer_parse(mem, &b, &out);

		assert_int_equal(err == NDR_ERR_SUCCESS, cases[i].ok);
	}
	talloc_free(mem);
}

/* RopId, LogonId, InputHandleIndex, OutputHandleIndex, FolderId, flags */
#define OPEN_FOLDER_REQUEST_SIZE 13

/* Every prefix of a RopsList that cuts a ROP short fails; an unknown
 * RopId fails. */
static void test_truncated_and_unknown_rops(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct RopRequest reqs[4];
	DATA_BLOB rops;
	size_t cut;
	static const uint8_t unknown[] = { 0x00, 0x00, 0x00 };

	make_requests(reqs);
	/* OpenFolder + GetPropertiesSpecific: no open-ended trailing field */
	rops = push_requests(mem, &reqs[1], 2);
	for (cut = 1; cut < rops.length; cut++) {
		if (cut == OPEN_FOLDER_REQUEST_SIZE) {
			continue;	/* a whole first ROP: a valid list */
		}
		DATA_BLOB b = data_blob_const(rops.data, cut);
		struct ndr_pull *pull = ndr_pull_init_blob(&b, mem);
		enum ndr_err_code err = NDR_ERR_SUCCESS;

		pull->flags |= LIBNDR_FLAG_NOALIGN;
		while (err == NDR_ERR_SUCCESS && pull->offset < pull->data_size) {
			struct RopRequest r;

			err = ndr_pull_RopRequest(pull, NDR_SCALARS, &r);
		}
		assert_int_not_equal(err, NDR_ERR_SUCCESS);
	}
	{
		DATA_BLOB b = data_blob_const(unknown, sizeof(unknown));
		struct ndr_pull *pull = ndr_pull_init_blob(&b, mem);
		struct RopRequest r;

		pull->flags |= LIBNDR_FLAG_NOALIGN;
		assert_int_not_equal(ndr_pull_RopRequest(pull, NDR_SCALARS, &r),
				     NDR_ERR_SUCCESS);
	}
	talloc_free(mem);
}

static const uint32_t columns[] = {
	PR_DISPLAY_NAME_W, PR_MESSAGE_SIZE, PR_ENTRYID, PR_SUBJECT_UNSPEC
};
#define NCOLS 4

static void fill_cells(struct property_row_value cells[NCOLS])
{
	static uint8_t entryid[] = { 0, 0, 0, 0, 0xaa, 0xbb };

	memset(cells, 0, NCOLS * sizeof(cells[0]));
	cells[0].type = PT_UNICODE;
	cells[0].value.String = "Al\xc3\xaf" "ce";	/* non-ASCII */
	cells[1].type = PT_LONG;
	cells[1].value.Integer32 = 0x1234;
	cells[2].type = PT_BINARY;
	cells[2].value.Binary.Count = sizeof(entryid);
	cells[2].value.Binary.Data = entryid;
	cells[3].type = PT_STRING8;
	cells[3].value.String8 = "hi";
}

static DATA_BLOB push_row(TALLOC_CTX *mem, const struct property_row *row,
			  enum ndr_err_code expect)
{
	struct ndr_push *ndr = ndr_push_init_ctx(mem);

	ndr->flags |= LIBNDR_FLAG_NOALIGN;
	assert_int_equal(ndr_push_property_row(ndr, columns, NCOLS, row), expect);
	return ndr_push_blob(ndr);
}

/* MS-OXCDATA 2.8.1.1: a standard row, byte by byte. */
static void test_standard_row(void **state)
{
	static const uint8_t expected[] = {
		0x00,					/* Flag: standard */
		'A', 0, 'l', 0, 0xef, 0, 'c', 0, 'e', 0, 0, 0,	/* UTF-16 */
		0x34, 0x12, 0x00, 0x00,			/* PtypInteger32 */
		0x06, 0x00, 0, 0, 0, 0, 0xaa, 0xbb,	/* PtypBinary */
		0x1e, 0x00, 'h', 'i', 0x00,		/* TypedPropertyValue */
	};
	TALLOC_CTX *mem = talloc_new(NULL);
	struct property_row_value cells[NCOLS];
	struct property_row row = { PROPERTY_ROW_STANDARD, NCOLS, cells };
	struct property_row back;
	struct ndr_pull *pull;
	DATA_BLOB wire;

	fill_cells(cells);
	assert_int_equal(property_row_choose_kind(&row), PROPERTY_ROW_STANDARD);
	wire = push_row(mem, &row, NDR_ERR_SUCCESS);
	assert_int_equal(wire.length, sizeof(expected));
	assert_memory_equal(wire.data, expected, sizeof(expected));

	pull = ndr_pull_init_blob(&wire, mem);
	pull->flags |= LIBNDR_FLAG_NOALIGN;
	assert_int_equal(ndr_pull_property_row(pull, mem, columns, NCOLS, &back),
			 NDR_ERR_SUCCESS);
	assert_int_equal(pull->offset, wire.length);
	assert_string_equal(back.cells[0].value.String, "Al\xc3\xaf" "ce");
	assert_int_equal(back.cells[1].value.Integer32, 0x1234);
	assert_int_equal(back.cells[2].value.Binary.Count, 6);
	assert_int_equal(back.cells[3].type, PT_STRING8);
	assert_string_equal(back.cells[3].value.String8, "hi");
	talloc_free(mem);
}

/* MS-OXCDATA 2.8.1.2: a flagged row with a missing value and an error. */
static void test_flagged_row(void **state)
{
	static const uint8_t expected[] = {
		0x01,					/* Flag: flagged */
		0x01,					/* not found */
		0x0a, 0x0f, 0x01, 0x04, 0x80,		/* error NOT_FOUND */
		0x00, 0x06, 0x00, 0, 0, 0, 0, 0xaa, 0xbb,
		0x1e, 0x00, 0x00, 'h', 'i', 0x00,	/* type, flag, value */
	};
	TALLOC_CTX *mem = talloc_new(NULL);
	struct property_row_value cells[NCOLS];
	struct property_row row = { PROPERTY_ROW_FLAGGED, NCOLS, cells };
	struct property_row back;
	struct ndr_pull *pull;
	DATA_BLOB wire;

	fill_cells(cells);
	cells[0].flag = PROPERTY_FLAG_NOT_FOUND;
	cells[1].flag = PROPERTY_FLAG_ERROR;
	cells[1].value.ErrorCode = MAPI_E_NOT_FOUND;
	assert_int_equal(property_row_choose_kind(&row), PROPERTY_ROW_FLAGGED);
	wire = push_row(mem, &row, NDR_ERR_SUCCESS);
	assert_int_equal(wire.length, sizeof(expected));
	assert_memory_equal(wire.data, expected, sizeof(expected));

	pull = ndr_pull_init_blob(&wire, mem);
	pull->flags |= LIBNDR_FLAG_NOALIGN;
	assert_int_equal(ndr_pull_property_row(pull, mem, columns, NCOLS, &back),
			 NDR_ERR_SUCCESS);
	assert_int_equal(back.cells[0].flag, PROPERTY_FLAG_NOT_FOUND);
	assert_int_equal(back.cells[1].type, PT_ERROR);
	assert_int_equal(back.cells[1].value.ErrorCode, MAPI_E_NOT_FOUND);
	assert_int_equal(back.cells[3].flag, PROPERTY_FLAG_VALUE);

	/* The same cells cannot go into a standard row. */
	row.kind = PROPERTY_ROW_STANDARD;
	push_row(mem, &row, NDR_ERR_BAD_SWITCH);
	talloc_free(mem);
}

static void test_bad_rows(void **state)
{
	static const uint8_t bad_flag[] = { 0x02 };
	static const uint8_t bad_cell_flag[] = { 0x01, 0x07 };
	static const uint8_t truncated[] = { 0x00, 'A', 0 };
	const DATA_BLOB cases[] = {
		data_blob_const(bad_flag, sizeof(bad_flag)),
		data_blob_const(bad_cell_flag, sizeof(bad_cell_flag)),
		data_blob_const(truncated, sizeof(truncated)),
	};
	TALLOC_CTX *mem = talloc_new(NULL);
	struct property_row_value cells[NCOLS];
	struct property_row row = { PROPERTY_ROW_STANDARD, NCOLS, cells };
	size_t i;

	for (i = 0; i < 3; i++) {
		struct ndr_pull *pull = ndr_pull_init_blob(&cases[i], mem);
		struct property_row back;

		pull->flags |= LIBNDR_FLAG_NOALIGN;
		assert_int_not_equal(ndr_pull_property_row(pull, mem, columns,
							   NCOLS, &back),
				     NDR_ERR_SUCCESS);
	}
	/* A flagged row claiming more cells than bytes left is refused
	 * before anything is allocated for them. */
	{
		static const uint32_t many[1] = { PR_MESSAGE_SIZE };
		static const uint8_t b[] = { 0x01, 0x00 };
		DATA_BLOB blob = data_blob_const(b, sizeof(b));
		struct ndr_pull *pull = ndr_pull_init_blob(&blob, mem);
		struct property_row back;

		pull->flags |= LIBNDR_FLAG_NOALIGN;
		assert_int_not_equal(ndr_pull_property_row(pull, mem, many,
							   100000000, &back),
				     NDR_ERR_SUCCESS);
	}
	/* A cell whose type contradicts its column is refused on push. */
	fill_cells(cells);
	cells[1].type = PT_I8;
	push_row(mem, &row, NDR_ERR_BAD_SWITCH);
	talloc_free(mem);
}

/*
 * A hostile multi-valued count (4 bytes in ROP buffers) is refused by the
 * [range] of the count before the array is allocated: the pull fails with
 * NDR_ERR_RANGE and allocates next to nothing.
 */
static enum ndr_err_code pull_tagged_value(TALLOC_CTX *mem, const uint8_t *b,
					   size_t len)
{
	DATA_BLOB blob = data_blob_const(b, len);
	struct ndr_pull *pull = ndr_pull_init_blob(&blob, mem);
	struct TaggedPropertyValue *v = talloc_zero(mem, struct TaggedPropertyValue);

	assert_non_null(pull);
	assert_non_null(v);
	pull->flags |= LIBNDR_FLAG_NOALIGN;
	return ndr_pull_TaggedPropertyValue(pull, NDR_SCALARS | NDR_BUFFERS, v);
}

static void put_le32(uint8_t *b, size_t off, uint32_t v)
{
	b[off] = v & 0xFF;
	b[off + 1] = (v >> 8) & 0xFF;
	b[off + 2] = (v >> 16) & 0xFF;
	b[off + 3] = (v >> 24) & 0xFF;
}

static void test_huge_multivalue_counts(void **state)
{
	/* PropertyTag 0x66661003 (PT_MV_LONG), Count, then a few bytes */
	uint8_t mv_long[] = { 0x03, 0x10, 0x66, 0x66,
			      0xFF, 0xFF, 0xFF, 0x7F,
			      0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00 };
	/* PropertyTag 0x66671102 (PT_MV_BINARY), Count, one 2-byte binary */
	uint8_t mv_binary[] = { 0x02, 0x11, 0x67, 0x66,
				0xFF, 0xFF, 0xFF, 0x7F,
				0x02, 0x00, 0xAA, 0xBB };
	/* MV_LONG / MV_BINARY counts: huge, then just above the range */
	static const uint32_t counts[][2] = {
		{ 0x7FFFFFFF, 0x7FFFFFFF },
		{ 0x00FFFFFF, 0x00FFFFFF },
		{ 0x00100000, 0x00100000 },
		{ 0x00004001, 0x00008001 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		TALLOC_CTX *mem = talloc_new(NULL);

		put_le32(mv_long, 4, counts[i][0]);
		assert_int_equal(pull_tagged_value(mem, mv_long,
						   sizeof(mv_long)),
				 NDR_ERR_RANGE);
		assert_true(talloc_total_size(mem) < 1024 * 1024);

		put_le32(mv_binary, 4, counts[i][1]);
		assert_int_equal(pull_tagged_value(mem, mv_binary,
						   sizeof(mv_binary)),
				 NDR_ERR_RANGE);
		assert_true(talloc_total_size(mem) < 1024 * 1024);
		talloc_free(mem);
	}

	/* Counts within the range still pull, and still stop at the end of
	 * the buffer. */
	{
		TALLOC_CTX *mem = talloc_new(NULL);

		put_le32(mv_long, 4, 2);
		assert_int_equal(pull_tagged_value(mem, mv_long,
						   sizeof(mv_long)),
				 NDR_ERR_SUCCESS);
		put_le32(mv_long, 4, 0x4000);
		assert_int_equal(pull_tagged_value(mem, mv_long,
						   sizeof(mv_long)),
				 NDR_ERR_BUFSIZE);
		put_le32(mv_binary, 4, 0x8000);
		assert_int_equal(pull_tagged_value(mem, mv_binary,
						   sizeof(mv_binary)),
				 NDR_ERR_BUFSIZE);
		put_le32(mv_binary, 4, 1);
		assert_int_equal(pull_tagged_value(mem, mv_binary,
						   sizeof(mv_binary)),
				 NDR_ERR_SUCCESS);
		talloc_free(mem);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request_buffer_round_trip),
		cmocka_unit_test(test_open_folder_bytes),
		cmocka_unit_test(test_malformed_buffers),
		cmocka_unit_test(test_truncated_and_unknown_rops),
		cmocka_unit_test(test_standard_row),
		cmocka_unit_test(test_flagged_row),
		cmocka_unit_test(test_bad_rows),
		cmocka_unit_test(test_huge_multivalue_counts),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	free_iconv_handle();
	return rc;
}
