/*
 * Unit tests of the message store's value serialisation, identifiers,
 * XIDs, PCLs and entry IDs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <stdbool.h>
#include <cmocka.h>
#include "store/store.h"

static bool is_variable(uint16_t type)
{
	return type == PT_STRING8 || type == PT_UNICODE ||
	       type == PT_BINARY || type == PT_SVREID ||
	       type == PT_SRESTRICT || type == PT_ACTIONS;
}

static void roundtrip(const struct mstore_value *v)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mstore_bin bin;
	struct mstore_value back;

	assert_int_equal(mstore_value_pack(tmp, v, &bin), MAPI_E_SUCCESS);
	assert_int_equal(mstore_value_unpack(tmp, v->tag, bin.data,
					     bin.length, &back),
			 MAPI_E_SUCCESS);
	assert_true(mstore_value_equal(v, &back));
	/* A truncated fixed-size or multi-valued value is refused (the
	 * length of a single string or binary is the stored length). */
	if (bin.length > 2 && !is_variable(MSTORE_PROP_TYPE(v->tag))) {
		assert_int_not_equal(mstore_value_unpack(tmp, v->tag, bin.data,
							 bin.length - 1,
							 &back),
				     MAPI_E_SUCCESS);
	}
	talloc_free(tmp);
}

static void test_single_types(void **state)
{
	struct mstore_value v;
	uint8_t bytes[5] = { 0, 1, 2, 0xFF, 0 };

	memset(&v, 0, sizeof(v));
	v.tag = 0x00010002; v.v.i16 = -1234; roundtrip(&v);
	v.tag = 0x00010003; v.v.i32 = -123456789; roundtrip(&v);
	v.tag = 0x00010004; v.v.flt = 3.25f; roundtrip(&v);
	v.tag = 0x00010005; v.v.dbl = -1e300; roundtrip(&v);
	v.tag = 0x00010006; v.v.i64 = -922337203685477580LL; roundtrip(&v);
	v.tag = 0x00010007; v.v.dbl = 45000.5; roundtrip(&v);
	v.tag = 0x0001000A; v.v.err = MAPI_E_NOT_FOUND; roundtrip(&v);
	v.tag = 0x0001000B; v.v.b = true; roundtrip(&v);
	v.tag = 0x00010014; v.v.i64 = 0x7FFFFFFFFFFFFFFFLL; roundtrip(&v);
	v.tag = 0x00010040; v.v.u64 = 133000000000000000ULL; roundtrip(&v);
	v.tag = 0x0001001E; v.v.str = "plain string8"; roundtrip(&v);
	v.tag = 0x0001001F;
	v.v.str = "Unicode \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
	roundtrip(&v);
	v.tag = 0x0001001F; v.v.str = ""; roundtrip(&v);
	v.tag = 0x00010048;
	memset(v.v.guid.bytes, 0xA5, 16); roundtrip(&v);
	v.tag = 0x00010102; v.v.bin.data = bytes; v.v.bin.length = 5;
	roundtrip(&v);
	v.tag = 0x000100FB; roundtrip(&v);
	v.tag = 0x000100FD; roundtrip(&v);
	v.tag = 0x000100FE; roundtrip(&v);
	v.tag = 0x00010102; v.v.bin.data = NULL; v.v.bin.length = 0;
	roundtrip(&v);
}

static void test_multi_types(void **state)
{
	int16_t s[] = { 1, -2, 3 };
	int32_t l[] = { 1, -2, 0x7FFFFFFF };
	float f[] = { 1.5f, -2.25f };
	double d[] = { 1.5, -2.25, 1e-300 };
	int64_t i8[] = { 1, -2, INT64_MIN };
	uint64_t t[] = { 1, 133000000000000000ULL };
	const char *str[] = { "a", "", "\xc3\xa9t\xc3\xa9" };
	struct mstore_guid g[2];
	uint8_t b1[3] = { 1, 2, 3 };
	struct mstore_bin bins[2] = { { 3, b1 }, { 0, NULL } };
	struct mstore_value v;

	memset(g, 0x11, sizeof(g));
	memset(&v, 0, sizeof(v));
	v.tag = 0x00011002; v.v.mv.count = 3; v.v.mv.i16 = s; roundtrip(&v);
	v.tag = 0x00011003; v.v.mv.i32 = l; roundtrip(&v);
	v.tag = 0x00011004; v.v.mv.count = 2; v.v.mv.flt = f; roundtrip(&v);
	v.tag = 0x00011005; v.v.mv.count = 3; v.v.mv.dbl = d; roundtrip(&v);
	v.tag = 0x00011006; v.v.mv.i64 = i8; roundtrip(&v);
	v.tag = 0x00011007; v.v.mv.dbl = d; roundtrip(&v);
	v.tag = 0x00011014; v.v.mv.i64 = i8; roundtrip(&v);
	v.tag = 0x00011040; v.v.mv.count = 2; v.v.mv.u64 = t; roundtrip(&v);
	v.tag = 0x0001101E; v.v.mv.count = 3; v.v.mv.str = str; roundtrip(&v);
	v.tag = 0x0001101F; roundtrip(&v);
	v.tag = 0x00011048; v.v.mv.count = 2; v.v.mv.guid = g; roundtrip(&v);
	v.tag = 0x00011102; v.v.mv.bin = bins; roundtrip(&v);
	v.tag = 0x00011102; v.v.mv.count = 0; roundtrip(&v);
}

static void test_large_values(void **state)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mstore_value v;
	size_t n = 4 * 1024 * 1024;
	char *s = talloc_array(tmp, char, n + 1);

	memset(s, 'x', n);
	s[n] = '\0';
	memset(&v, 0, sizeof(v));
	v.tag = 0x1000001F;
	v.v.str = s;
	roundtrip(&v);
	v.tag = 0x37010102;
	v.v.bin.data = (uint8_t *)s;
	v.v.bin.length = n;
	roundtrip(&v);
	talloc_free(tmp);
}

static void test_equal_and_find_id(void **state)
{
	uint8_t one[3] = { 1, 2, 3 }, other[3] = { 1, 2, 4 };
	struct mstore_value a, b;
	struct mstore_value v[3];

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.tag = b.tag = 0x10000102;
	a.v.bin.data = one; a.v.bin.length = 3;
	b.v.bin.data = other; b.v.bin.length = 3;
	assert_false(mstore_value_equal(&a, &b));
	b.v.bin.data = one;
	assert_true(mstore_value_equal(&a, &b));
	b.v.bin.data = NULL;	/* a length without data: equal to nothing */
	assert_false(mstore_value_equal(&a, &b));
	a.tag = b.tag = 0x1000001F;
	a.v.str = NULL; b.v.str = "";	/* NULL is the empty string */
	assert_true(mstore_value_equal(&a, &b));
	b.v.str = "x";
	assert_false(mstore_value_equal(&a, &b));
	b.tag = 0x1000001E;
	b.v.str = NULL;
	assert_false(mstore_value_equal(&a, &b));

	memset(v, 0, sizeof(v));
	v[0].tag = 0x1000000A;		/* an error value counts as absent */
	v[1].tag = 0x1000001F;
	v[2].tag = 0x10000102;
	assert_ptr_equal(mstore_values_find_id(v, 3, 0x1000), &v[1]);
	assert_null(mstore_values_find_id(v, 1, 0x1000));
	assert_null(mstore_values_find_id(v, 3, 0x1001));
	assert_null(mstore_values_find_id(NULL, 0, 0x1000));
}

static void test_bad_types(void **state)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mstore_value v = { .tag = 0x0001000D };
	struct mstore_bin bin;
	uint8_t wrong[] = { 0x03, 0x00, 1, 2, 3, 4 };

	assert_int_equal(mstore_value_pack(tmp, &v, &bin),
			 MAPI_E_INVALID_TYPE);
	v.tag = 0x00010001;
	assert_int_equal(mstore_value_pack(tmp, &v, &bin),
			 MAPI_E_INVALID_TYPE);
	/* Stored as PT_LONG, read as PT_SHORT: refused. */
	assert_int_equal(mstore_value_unpack(tmp, 0x00010002, wrong,
					     sizeof(wrong), &v),
			 MAPI_E_CORRUPT_DATA);
	talloc_free(tmp);
}

static void test_ids(void **state)
{
	uint64_t id = mstore_id_make(1, 0x123456789ABCULL);
	uint8_t lt[24];
	struct mstore_long_term_id a = { .globcnt = 0xABCDEF012345ULL }, b;

	/* Wire bytes: 01 00 12 34 56 78 9A BC. */
	assert_int_equal(id & 0xFFFF, 1);
	assert_int_equal((id >> 16) & 0xFF, 0x12);
	assert_int_equal(id >> 56, 0xBC);
	assert_int_equal(mstore_id_replid(id), 1);
	assert_int_equal(mstore_id_globcnt(id), 0x123456789ABCULL);
	memset(a.guid.bytes, 7, 16);
	mstore_long_term_id_put(lt, &a);
	assert_int_equal(lt[16], 0xAB);
	assert_int_equal(lt[21], 0x45);
	assert_int_equal(lt[22] | lt[23], 0);
	assert_true(mstore_long_term_id_get(lt, &b));
	assert_true(mstore_guid_equal(&a.guid, &b.guid));
	assert_int_equal(a.globcnt, b.globcnt);
	lt[23] = 1;
	assert_false(mstore_long_term_id_get(lt, &b));
}

static void test_xid_pcl(void **state)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mstore_guid g1, g2;
	struct mstore_bin x1, x2, x3, pcl1, pcl2, pcl3, bad;
	uint8_t junk[3] = { 30, 1, 2 };

	memset(g1.bytes, 1, 16);
	memset(g2.bytes, 2, 16);
	assert_int_equal(mstore_xid_make(tmp, &g1, 5, &x1), 0);
	assert_int_equal(x1.length, 22);
	assert_int_equal(x1.data[21], 5);
	assert_int_equal(mstore_xid_make(tmp, &g1, 9, &x2), 0);
	assert_int_equal(mstore_xid_make(tmp, &g2, 3, &x3), 0);
	assert_int_equal(mstore_pcl_merge(tmp, NULL, &x1, &pcl1), 0);
	assert_int_equal(pcl1.length, 23);
	assert_int_equal(pcl1.data[0], 22);
	/* Same namespace: replaced by the greater one. */
	assert_int_equal(mstore_pcl_merge(tmp, &pcl1, &x2, &pcl2), 0);
	assert_int_equal(pcl2.length, 23);
	assert_true(mstore_pcl_includes(&pcl2, &x1));
	assert_true(mstore_pcl_includes(&pcl2, &x2));
	assert_false(mstore_pcl_includes(&pcl2, &x3));
	/* An older change does not lower it. */
	assert_int_equal(mstore_pcl_merge(tmp, &pcl2, &x1, &pcl3), 0);
	assert_true(mstore_pcl_includes(&pcl3, &x2));
	assert_int_equal(mstore_pcl_merge(tmp, &pcl2, &x3, &pcl3), 0);
	assert_int_equal(pcl3.length, 46);
	assert_true(mstore_pcl_includes(&pcl3, &x3));
	bad.data = junk;
	bad.length = sizeof(junk);
	assert_int_equal(mstore_pcl_merge(tmp, &bad, &x1, &pcl3),
			 MAPI_E_CORRUPT_DATA);
	talloc_free(tmp);
}

static void test_folder_entryid(void **state)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mstore_guid p, d, p2, d2;
	struct mstore_bin eid;
	uint16_t type;
	uint64_t gc;

	memset(p.bytes, 0x10, 16);
	memset(d.bytes, 0x20, 16);
	assert_int_equal(mstore_folder_entryid_make(tmp, &p, 1, &d, 0x42,
						    &eid), 0);
	assert_int_equal(eid.length, 46);
	assert_int_equal(eid.data[0] | eid.data[1] | eid.data[2] |
			 eid.data[3], 0);
	assert_int_equal(eid.data[4], 0x10);
	assert_int_equal(eid.data[20], 1);
	assert_int_equal(eid.data[22], 0x20);
	assert_int_equal(eid.data[43], 0x42);
	assert_int_equal(mstore_folder_entryid_parse(&eid, &p2, &type, &d2,
						     &gc), 0);
	assert_true(mstore_guid_equal(&p, &p2));
	assert_true(mstore_guid_equal(&d, &d2));
	assert_int_equal(type, 1);
	assert_int_equal(gc, 0x42);
	eid.length = 45;
	assert_int_equal(mstore_folder_entryid_parse(&eid, &p2, &type, &d2,
						     &gc),
			 MAPI_E_INVALID_ENTRYID);
	talloc_free(tmp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single_types),
		cmocka_unit_test(test_multi_types),
		cmocka_unit_test(test_large_values),
		cmocka_unit_test(test_equal_and_find_id),
		cmocka_unit_test(test_bad_types),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_xid_pcl),
		cmocka_unit_test(test_folder_entryid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
