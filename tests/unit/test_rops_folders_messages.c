/*
 * Round-trip tests of the ROP buffer types in idl/rop_types.idl,
 * idl/rops_store.idl, idl/rops_folder.idl, idl/rops_table.idl and
 * idl/rops_message.idl.
 *
 * Every buffer is built by hand, field by field, from the layouts of
 * [MS-OXCROPS] 2.2.3-2.2.6 and [MS-OXCDATA] (or copied from the byte
 * examples of the "Protocol Examples" sections of MS-OXCTABL, MS-OXORULE
 * and MS-OXCMSG), pulled with the generated NDR code (packed, no
 * alignment), checked field by field, pushed back and compared byte for
 * byte.  Every shorter prefix of each buffer must then fail to pull,
 * except where the buffer ends with an open-ended field (a null-terminated
 * string or a "remaining bytes" blob), whose truncation libndr accepts.
 *
 * Request buffers here omit RopId, LogonId and the input/output handle
 * index byte; response buffers omit RopId (held by the RopRequest /
 * RopResponse wrappers).
 *
 * Built and run by "make check" (bin/test_rops_folders_messages).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <stdbool.h>
#include <cmocka.h>

#include <talloc.h>
#include <charset.h>	/* free_iconv_handle() */
#include "gen_ndr/ndr_mapi_types.h"
#include "gen_ndr/ndr_rop_types.h"
#include "gen_ndr/ndr_rops_store.h"
#include "gen_ndr/ndr_rops_folder.h"
#include "gen_ndr/ndr_rops_table.h"
#include "gen_ndr/ndr_rops_message.h"

/* ------------------------------------------------------------------ */
/* byte buffer builder                                                 */
/* ------------------------------------------------------------------ */

struct bb {
	uint8_t d[4096];
	size_t n;
};

static void u8(struct bb *b, uint8_t v)
{
	assert_true(b->n + 1 <= sizeof(b->d));
	b->d[b->n++] = v;
}

static void u16(struct bb *b, uint16_t v)
{
	u8(b, v & 0xFF);
	u8(b, v >> 8);
}

static void u32(struct bb *b, uint32_t v)
{
	u16(b, v & 0xFFFF);
	u16(b, v >> 16);
}

static void u64(struct bb *b, uint64_t v)
{
	u32(b, v & 0xFFFFFFFF);
	u32(b, v >> 32);
}

static void raw(struct bb *b, const void *p, size_t len)
{
	assert_true(b->n + len <= sizeof(b->d));
	memcpy(b->d + b->n, p, len);
	b->n += len;
}

static void fill(struct bb *b, uint8_t start, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++) {
		u8(b, (uint8_t)(start + i));
	}
}

/* 8-bit null-terminated string; returns its size in bytes */
static size_t str8(struct bb *b, const char *s)
{
	size_t len = strlen(s) + 1;
	raw(b, s, len);
	return len;
}

/* UTF-16LE null-terminated string from ASCII; returns its size */
static size_t str16(struct bb *b, const char *s)
{
	size_t i, len = strlen(s);
	for (i = 0; i < len; i++) {
		u16(b, (uint8_t)s[i]);
	}
	u16(b, 0);
	return 2 * (len + 1);
}

/* size-prefixed (2 bytes) sub-buffer */
static void sized16(struct bb *b, const struct bb *sub)
{
	u16(b, (uint16_t)sub->n);
	raw(b, sub->d, sub->n);
}

/* ------------------------------------------------------------------ */
/* round trip                                                          */
/* ------------------------------------------------------------------ */

static enum ndr_err_code pull_n(TALLOC_CTX *mem, const uint8_t *d, size_t n,
				ndr_pull_flags_fn_t pull, void *r,
				uint32_t *consumed)
{
	DATA_BLOB blob = data_blob_const(d, n);
	struct ndr_pull *ndr = ndr_pull_init_blob(&blob, mem);
	enum ndr_err_code err;

	assert_non_null(ndr);
	ndr->flags |= LIBNDR_FLAG_NOALIGN;
	err = pull(ndr, NDR_SCALARS | NDR_BUFFERS, r);
	if (consumed != NULL) {
		*consumed = ndr->offset;
	}
	return err;
}

/*
 * Pull d[0..n) into a new zeroed object of size sz, require that all
 * bytes are consumed, push it back and require identical bytes, print it,
 * then require that every prefix shorter than n - tail fails to pull.
 */
static void *roundtrip(TALLOC_CTX *mem, const uint8_t *d, size_t n,
		       ndr_pull_flags_fn_t pull, ndr_push_flags_fn_t push,
		       ndr_print_fn_t print, size_t sz, size_t tail,
		       const char *name)
{
	void *r = talloc_zero_size(mem, sz);
	uint32_t consumed = 0;
	struct ndr_push *p;
	enum ndr_err_code err;
	size_t i;
	char *s;

	assert_non_null(r);
	talloc_set_name_const(r, name);
	err = pull_n(mem, d, n, pull, r, &consumed);
	if (err != NDR_ERR_SUCCESS) {
		print_error("%s: pull failed: %s\n", name, ndr_map_error2string(err));
	}
	assert_int_equal(err, NDR_ERR_SUCCESS);
	assert_int_equal(consumed, n);

	p = ndr_push_init_ctx(mem);
	assert_non_null(p);
	p->flags |= LIBNDR_FLAG_NOALIGN;
	err = push(p, NDR_SCALARS | NDR_BUFFERS, r);
	if (err != NDR_ERR_SUCCESS) {
		print_error("%s: push failed: %s\n", name, ndr_map_error2string(err));
	}
	assert_int_equal(err, NDR_ERR_SUCCESS);
	assert_int_equal(p->offset, n);
	assert_memory_equal(p->data, d, n);

	s = ndr_print_struct_string(mem, print, name, r);
	assert_non_null(s);

	for (i = 0; i < n; i++) {
		void *t = talloc_zero_size(mem, sz);
		assert_non_null(t);
		err = pull_n(t, d, i, pull, t, NULL);
		if (i < n - tail && err == NDR_ERR_SUCCESS) {
			print_error("%s: truncated to %zu of %zu bytes: "
				    "pull succeeded\n", name, i, n);
			fail();
		}
		talloc_free(t);
	}
	return r;
}

#define RT_TAIL(mem, type, b, tail) \
	((struct type *)roundtrip(mem, (b)->d, (b)->n, \
		(ndr_pull_flags_fn_t)ndr_pull_##type, \
		(ndr_push_flags_fn_t)ndr_push_##type, \
		(ndr_print_fn_t)ndr_print_##type, \
		sizeof(struct type), tail, #type))
#define RT(mem, type, b) RT_TAIL(mem, type, b, 0)

#define RT_ARRAY(mem, type, arr, tail) \
	((struct type *)roundtrip(mem, arr, sizeof(arr), \
		(ndr_pull_flags_fn_t)ndr_pull_##type, \
		(ndr_push_flags_fn_t)ndr_push_##type, \
		(ndr_print_fn_t)ndr_print_##type, \
		sizeof(struct type), tail, #type))

/* pull must fail on the complete buffer */
#define MUST_FAIL(mem, type, b) do { \
	struct type *_r = talloc_zero(mem, struct type); \
	assert_int_not_equal(pull_n(mem, (b)->d, (b)->n, \
		(ndr_pull_flags_fn_t)ndr_pull_##type, _r, NULL), \
		NDR_ERR_SUCCESS); \
} while (0)

static int setup(void **state)
{
	*state = talloc_new(NULL);
	return *state == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	talloc_free(*state);
	return 0;
}

static const uint8_t guid_bytes[16] = {
	0x10, 0x32, 0x54, 0x76, 0x98, 0xBA, 0xDC, 0xFE,
	0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF
};

/* ------------------------------------------------------------------ */
/* rop_types.idl                                                       */
/* ------------------------------------------------------------------ */

/* A TaggedPropertyValue of every property type of MS-OXCDATA 2.11.1 */
static void test_tagged_property_values(void **state)
{
	TALLOC_CTX *mem = *state;
	struct bb b;
	struct TaggedPropertyValue *v;
	size_t t;

#define TAG(type, id) do { b.n = 0; u32(&b, ((uint32_t)(id) << 16) | (type)); } while (0)

	TAG(PT_UNSPECIFIED, 0x0001);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_int_equal(v->PropertyTag, 0x00010000);

	TAG(PT_NULL, 0x0002);
	RT(mem, TaggedPropertyValue, &b);

	TAG(PT_SHORT, 0x0003); u16(&b, 0x1234);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_int_equal(v->Value.Integer16, 0x1234);

	TAG(PT_LONG, 0x0E08); u32(&b, 0x12345678);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_int_equal(v->Value.Integer32, 0x12345678);

	TAG(PT_FLOAT, 0x0005); u32(&b, 0x3F800000);	/* 1.0f */
	v = RT(mem, TaggedPropertyValue, &b);
	assert_int_equal(v->Value.Floating32, 0x3F800000);

	TAG(PT_DOUBLE, 0x0006); u64(&b, 0x3FF0000000000000ULL);	/* 1.0 */
	v = RT(mem, TaggedPropertyValue, &b);
	assert_true(v->Value.Floating64 == 1.0);

	TAG(PT_CURRENCY, 0x0007); u64(&b, 0xFFFFFFFFFFFFFF9CULL);	/* -100 */
	v = RT(mem, TaggedPropertyValue, &b);
	assert_true(v->Value.Currency == -100);

	TAG(PT_APPTIME, 0x0008); u64(&b, 0x4015000000000000ULL);	/* 5.25 */
	v = RT(mem, TaggedPropertyValue, &b);
	assert_true(v->Value.FloatingTime == 5.25);

	TAG(PT_ERROR, 0x0009); u32(&b, 0x8004010F);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_int_equal(v->Value.ErrorCode, MAPI_E_NOT_FOUND);

	TAG(PT_BOOLEAN, 0x000A); u8(&b, 0x01);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_int_equal(v->Value.Boolean, 1);

	TAG(PT_OBJECT, 0x3701);
	RT(mem, TaggedPropertyValue, &b);

	TAG(PT_I8, 0x000C); u64(&b, 0x0102030405060708ULL);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_true(v->Value.Integer64 == 0x0102030405060708ULL);

	TAG(PT_STRING8, 0x001A); t = str8(&b, "IPM.Note");
	v = RT_TAIL(mem, TaggedPropertyValue, &b, t);
	assert_string_equal(v->Value.String8, "IPM.Note");

	TAG(PT_UNICODE, 0x0037); t = str16(&b, "Hello");
	v = RT_TAIL(mem, TaggedPropertyValue, &b, t);
	assert_string_equal(v->Value.String, "Hello");

	TAG(PT_SYSTIME, 0x0E06); u64(&b, 0x01D9A1B2C3D4E5F6ULL);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_true(v->Value.Time == 0x01D9A1B2C3D4E5F6ULL);

	TAG(PT_CLSID, 0x0010); raw(&b, guid_bytes, 16);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_int_equal(v->Value.Guid.time_low, 0x76543210);

	/* PtypServerId: COUNT 21, Ours 1, FolderId, MessageId, Instance */
	TAG(PT_SVREID, 0x0011);
	u16(&b, 21); u8(&b, 1); u64(&b, 0x1111); u64(&b, 0x2222); u32(&b, 3);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_int_equal(v->Value.ServerId.Value.Ours, 1);
	assert_true(v->Value.ServerId.Value.Data.Ours.MessageId == 0x2222);
	assert_int_equal(v->Value.ServerId.Value.Data.Ours.Instance, 3);

	/* PtypServerId, Ours 0: client data */
	TAG(PT_SVREID, 0x0011);
	u16(&b, 4); u8(&b, 0); u8(&b, 0xAA); u8(&b, 0xBB); u8(&b, 0xCC);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_int_equal(v->Value.ServerId.Value.Data.ClientData.length, 3);

	/* PtypRestriction: one ExistRestriction */
	TAG(PT_SRESTRICT, 0x0012); u8(&b, RES_EXIST); u32(&b, 0x0E1C000B);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_int_equal(v->Value.Restriction.Restriction[0].RestrictType, RES_EXIST);
	assert_int_equal(v->Value.Restriction.Restriction[0].Res.Exist.PropTag, 0x0E1C000B);

	/* PtypRuleAction: NoOfActions 2, ActionBlocks with ActionLength */
	TAG(PT_ACTIONS, 0x6680);
	u16(&b, 2);
	u16(&b, 3); u8(&b, 0x0A); u8(&b, 0); u8(&b, 0);	/* 3-byte block */
	u16(&b, 1); u8(&b, 0x09);			/* 1-byte block */
	v = RT(mem, TaggedPropertyValue, &b);
	assert_int_equal(v->Value.RuleAction.NoOfActions, 2);
	assert_int_equal(v->Value.RuleAction.ActionBlocks[0].ActionLength, 3);
	assert_int_equal(v->Value.RuleAction.ActionBlocks[1].ActionData[0], 0x09);

	TAG(PT_BINARY, 0x0FFF); u16(&b, 3); u8(&b, 0xAA); u8(&b, 0xBB); u8(&b, 0xCC);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_int_equal(v->Value.Binary.Count, 3);
	assert_int_equal(v->Value.Binary.Data[2], 0xCC);

	TAG(PT_MV_SHORT, 0x0015); u32(&b, 2); u16(&b, 1); u16(&b, 2);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_int_equal(v->Value.MultipleInteger16.Values[1], 2);

	TAG(PT_MV_LONG, 0x0016); u32(&b, 1); u32(&b, 0xDEADBEEF);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_int_equal(v->Value.MultipleInteger32.Values[0], 0xDEADBEEF);

	TAG(PT_MV_FLOAT, 0x0017); u32(&b, 1); u32(&b, 0x40000000);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_int_equal(v->Value.MultipleFloating32.Count, 1);

	TAG(PT_MV_DOUBLE, 0x0018); u32(&b, 2); u64(&b, 0x3FF0000000000000ULL);
	u64(&b, 0x4000000000000000ULL);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_true(v->Value.MultipleFloating64.Values[1] == 2.0);

	TAG(PT_MV_CURRENCY, 0x0019); u32(&b, 1); u64(&b, 10000);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_true(v->Value.MultipleCurrency.Values[0] == 10000);

	TAG(PT_MV_APPTIME, 0x001A); u32(&b, 1); u64(&b, 0x4015000000000000ULL);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_true(v->Value.MultipleFloatingTime.Values[0] == 5.25);

	TAG(PT_MV_I8, 0x001B); u32(&b, 1); u64(&b, 42);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_true(v->Value.MultipleInteger64.Values[0] == 42);

	TAG(PT_MV_STRING8, 0x001C); u32(&b, 2); str8(&b, "x"); t = str8(&b, "yz");
	v = RT_TAIL(mem, TaggedPropertyValue, &b, t);
	assert_string_equal(v->Value.MultipleString8.Values[1].Value, "yz");

	TAG(PT_MV_UNICODE, 0x001D); u32(&b, 2); str16(&b, "ab"); t = str16(&b, "c");
	v = RT_TAIL(mem, TaggedPropertyValue, &b, t);
	assert_string_equal(v->Value.MultipleString.Values[0].Value, "ab");
	assert_string_equal(v->Value.MultipleString.Values[1].Value, "c");

	TAG(PT_MV_SYSTIME, 0x001E); u32(&b, 1); u64(&b, 0x01D0000000000000ULL);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_int_equal(v->Value.MultipleTime.Count, 1);

	TAG(PT_MV_CLSID, 0x001F); u32(&b, 2); raw(&b, guid_bytes, 16);
	raw(&b, guid_bytes, 16);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_int_equal(v->Value.MultipleGuid.Values[1].time_low, 0x76543210);

	TAG(PT_MV_BINARY, 0x0020); u32(&b, 2); u16(&b, 1); u8(&b, 0xFF); u16(&b, 0);
	v = RT(mem, TaggedPropertyValue, &b);
	assert_int_equal(v->Value.MultipleBinary.Values[0].Data[0], 0xFF);
	assert_int_equal(v->Value.MultipleBinary.Values[1].Count, 0);

	/* an unknown property type must fail */
	TAG(0x0099, 0x0021); u32(&b, 0);
	MUST_FAIL(mem, TaggedPropertyValue, &b);
#undef TAG
}

/* PropertyValueUnion as top-level type, with an explicit switch value */
static void test_property_value_union(void **state)
{
	TALLOC_CTX *mem = *state;
	static const uint8_t d[] = { 0x78, 0x56, 0x34, 0x12 };
	DATA_BLOB blob = data_blob_const(d, sizeof(d));
	struct ndr_pull *ndr = ndr_pull_init_blob(&blob, mem);
	struct ndr_push *p;
	union PropertyValueUnion u;

	ndr->flags |= LIBNDR_FLAG_NOALIGN;
	assert_int_equal(ndr_pull_set_switch_value(ndr, &u, PT_LONG), NDR_ERR_SUCCESS);
	assert_int_equal(ndr_pull_PropertyValueUnion(ndr, NDR_SCALARS, &u), NDR_ERR_SUCCESS);
	assert_int_equal(u.Integer32, 0x12345678);
	assert_int_equal(ndr->offset, 4);

	p = ndr_push_init_ctx(mem);
	p->flags |= LIBNDR_FLAG_NOALIGN;
	assert_int_equal(ndr_push_set_switch_value(p, &u, PT_LONG), NDR_ERR_SUCCESS);
	assert_int_equal(ndr_push_PropertyValueUnion(p, NDR_SCALARS, &u), NDR_ERR_SUCCESS);
	assert_int_equal(p->offset, 4);
	assert_memory_equal(p->data, d, 4);
}

static void test_typed_values(void **state)
{
	TALLOC_CTX *mem = *state;
	struct bb b;
	struct TypedPropertyValue *tv;
	struct FlaggedPropertyValueWithType *fv;
	struct TypedString *ts;
	size_t t;

	b.n = 0; u16(&b, PT_BINARY); u16(&b, 2); u8(&b, 1); u8(&b, 2);
	tv = RT(mem, TypedPropertyValue, &b);
	assert_int_equal(tv->PropertyType, PT_BINARY);
	assert_int_equal(tv->PropertyValue.Binary.Count, 2);

	/* FlaggedPropertyValueWithType: Flag 0 (value), 1 (absent), 0x0A */
	b.n = 0; u16(&b, PT_LONG); u8(&b, 0x00); u32(&b, 7);
	fv = RT(mem, FlaggedPropertyValueWithType, &b);
	assert_int_equal(fv->PropertyValue.Integer32, 7);

	b.n = 0; u16(&b, PT_UNICODE); u8(&b, 0x01);
	fv = RT(mem, FlaggedPropertyValueWithType, &b);
	assert_int_equal(fv->Flag, 1);

	b.n = 0; u16(&b, PT_UNICODE); u8(&b, 0x0A); u32(&b, 0x8004010F);
	fv = RT(mem, FlaggedPropertyValueWithType, &b);
	assert_int_equal(fv->PropertyValue.ErrorCode, MAPI_E_NOT_FOUND);

	b.n = 0; u16(&b, PT_LONG); u8(&b, 0x05); u32(&b, 7);
	MUST_FAIL(mem, FlaggedPropertyValueWithType, &b);

	/* TypedString: every StringType */
	b.n = 0; u8(&b, 0x00);
	ts = RT(mem, TypedString, &b);
	assert_int_equal(ts->StringType, 0);
	b.n = 0; u8(&b, 0x01);
	RT(mem, TypedString, &b);
	b.n = 0; u8(&b, 0x02); t = str8(&b, "RE: ");
	ts = RT_TAIL(mem, TypedString, &b, t);
	assert_string_equal(ts->String.String8, "RE: ");
	b.n = 0; u8(&b, 0x03); t = str8(&b, "Hi");
	ts = RT_TAIL(mem, TypedString, &b, t);
	assert_string_equal(ts->String.ReducedUnicode, "Hi");
	b.n = 0; u8(&b, 0x04); t = str16(&b, "Subject");
	ts = RT_TAIL(mem, TypedString, &b, t);
	assert_string_equal(ts->String.Unicode, "Subject");
	b.n = 0; u8(&b, 0x05);
	MUST_FAIL(mem, TypedString, &b);
}

static void test_small_types(void **state)
{
	TALLOC_CTX *mem = *state;
	struct bb b;
	struct PropertyName *pn;
	struct PropertyProblem *pp;
	struct LongTermId *lt;
	struct SortOrder *so;

	/* PropertyName, Kind 0x00: LID */
	b.n = 0; u8(&b, 0x00); raw(&b, guid_bytes, 16); u32(&b, 0x8501);
	pn = RT(mem, PropertyName, &b);
	assert_int_equal(pn->Value.LID, 0x8501);

	/* Kind 0x01: NameSize + Name (UTF-16LE "ab\0" = 6 bytes) */
	b.n = 0; u8(&b, 0x01); raw(&b, guid_bytes, 16); u8(&b, 6);
	str16(&b, "ab");
	pn = RT(mem, PropertyName, &b);
	assert_int_equal(pn->Value.Name.NameSize, 6);
	assert_int_equal(pn->Value.Name.Name[2], 'b');

	/* Kind 0xFF: nothing after the GUID */
	b.n = 0; u8(&b, 0xFF); raw(&b, guid_bytes, 16);
	RT(mem, PropertyName, &b);

	b.n = 0; u16(&b, 3); u32(&b, 0x0037001F); u32(&b, 0x80040102);
	pp = RT(mem, PropertyProblem, &b);
	assert_int_equal(pp->Index, 3);
	assert_int_equal(pp->ErrorCode, MAPI_E_NO_SUPPORT);

	b.n = 0; raw(&b, guid_bytes, 16); fill(&b, 1, 6); u16(&b, 0);
	lt = RT(mem, LongTermId, &b);
	assert_int_equal(lt->GlobalCounter[5], 6);

	b.n = 0; u16(&b, PT_UNICODE); u16(&b, 0x0037); u8(&b, TABLE_SORT_DESCEND);
	so = RT(mem, SortOrder, &b);
	assert_int_equal(so->PropertyId, 0x0037);
	assert_int_equal(so->Order, TABLE_SORT_DESCEND);
}

/*
 * One nested restriction using every restriction type:
 * And(6)[ Or(2)[ Not[Content], Property ], BitMask, Size, Exist,
 *         SubObject[ Count[ Comment(1 value)[ CompareProperties ] ] ],
 *         Comment(0 values, no restriction) ]
 */
static void build_nested_restriction(struct bb *b)
{
	u8(b, RES_AND); u16(b, 6);
	  u8(b, RES_OR); u16(b, 2);
	    u8(b, RES_NOT);
	      u8(b, RES_CONTENT); u16(b, FL_SUBSTRING); u16(b, FL_IGNORECASE);
	      u32(b, 0x0037001F);
	      u32(b, 0x0037001F); str16(b, "a");
	    u8(b, RES_PROPERTY); u8(b, RELOP_EQ); u32(b, 0x0E080003);
	      u32(b, 0x0E080003); u32(b, 100);
	  u8(b, RES_BITMASK); u8(b, BMR_NEZ); u32(b, 0x0E070003); u32(b, 0x2);
	  u8(b, RES_SIZE); u8(b, RELOP_GT); u32(b, 0x10090102); u32(b, 256);
	  u8(b, RES_EXIST); u32(b, 0x0E1C000B);
	  u8(b, RES_SUBRESTRICTION); u32(b, 0x0E12000D);
	    u8(b, RES_COUNT); u32(b, 5);
	      u8(b, RES_COMMENT); u8(b, 1);
	        u32(b, 0x66010003); u32(b, 42);
	        u8(b, 1);
	        u8(b, RES_COMPAREPROPS); u8(b, RELOP_LT);
	        u32(b, 0x0E060040); u32(b, 0x0E070040);
	  u8(b, RES_COMMENT); u8(b, 0); u8(b, 0);
}

static void test_restriction_nested(void **state)
{
	TALLOC_CTX *mem = *state;
	struct bb b;
	struct Restriction *r, *orr, *sub, *cnt, *cmt;

	b.n = 0;
	build_nested_restriction(&b);
	r = RT(mem, Restriction, &b);

	assert_int_equal(r->RestrictType, RES_AND);
	assert_int_equal(r->Res.And.RestrictCount, 6);
	orr = &r->Res.And.Restricts[0];
	assert_int_equal(orr->RestrictType, RES_OR);
	assert_int_equal(orr->Res.Or.Restricts[0].RestrictType, RES_NOT);
	assert_int_equal(orr->Res.Or.Restricts[0].Res.Not.Restriction[0].Res.Content.FuzzyLevelLow, FL_SUBSTRING);
	assert_string_equal(orr->Res.Or.Restricts[0].Res.Not.Restriction[0].Res.Content.TaggedValue.Value.String, "a");
	assert_int_equal(orr->Res.Or.Restricts[1].Res.Property.TaggedValue.Value.Integer32, 100);
	assert_int_equal(r->Res.And.Restricts[1].Res.BitMask.Mask, 2);
	assert_int_equal(r->Res.And.Restricts[2].Res.Size.Size, 256);
	assert_int_equal(r->Res.And.Restricts[3].Res.Exist.PropTag, 0x0E1C000B);
	sub = &r->Res.And.Restricts[4];
	assert_int_equal(sub->Res.SubObject.Subobject, 0x0E12000D);
	cnt = &sub->Res.SubObject.Restriction[0];
	assert_int_equal(cnt->Res.Count.Count, 5);
	cmt = &cnt->Res.Count.SubRestriction[0];
	assert_int_equal(cmt->Res.Comment.TaggedValuesCount, 1);
	assert_int_equal(cmt->Res.Comment.TaggedValues[0].Value.Integer32, 42);
	assert_int_equal(cmt->Res.Comment.RestrictionPresent, 1);
	assert_int_equal(cmt->Res.Comment.Restriction.Present.Restriction[0].Res.CompareProperties.PropTag2, 0x0E070040);
	assert_int_equal(r->Res.And.Restricts[5].Res.Comment.RestrictionPresent, 0);

	/* nesting: 100 NotRestrictions around an ExistRestriction pull;
	 * 300 exceed ROP_RESTRICTION_MAX_DEPTH and fail cleanly */
	{
		int i;
		struct Restriction *n;
		b.n = 0;
		for (i = 0; i < 100; i++) {
			u8(&b, RES_NOT);
		}
		u8(&b, RES_EXIST); u32(&b, 0x0E1C000B);
		n = RT(mem, Restriction, &b);
		for (i = 0; i < 100; i++) {
			assert_int_equal(n->RestrictType, RES_NOT);
			n = &n->Res.Not.Restriction[0];
		}
		assert_int_equal(n->Res.Exist.PropTag, 0x0E1C000B);
		b.n = 0;
		for (i = 0; i < 300; i++) {
			u8(&b, RES_NOT);
		}
		u8(&b, RES_EXIST); u32(&b, 0x0E1C000B);
		MUST_FAIL(mem, Restriction, &b);
	}

	/* unknown RestrictType */
	b.n = 0; u8(&b, 0x0C); u32(&b, 0);
	MUST_FAIL(mem, Restriction, &b);
}

/* RecipientRow variants */
static void build_recipient_smtp_unicode(struct bb *r)
{
	/* Type SMTP, E, D, I, T, U */
	u16(r, 0x0003 | 0x0008 | 0x0010 | 0x0020 | 0x0200 | 0x0400);
	str16(r, "a@b.c");		/* EmailAddress */
	str16(r, "Alice");		/* DisplayName */
	str16(r, "Al");			/* SimpleDisplayName */
	str16(r, "Alice");		/* TransmittableDisplayName */
	u16(r, 2);			/* RecipientColumnCount */
	/* RecipientProperties: a PropertyRow (flag 0, PtypInteger32,
	 * PtypBoolean) kept as bytes */
	u8(r, 0x00); u32(r, 1); u8(r, 1);
}

static void test_recipient_row(void **state)
{
	TALLOC_CTX *mem = *state;
	struct bb b;
	struct RecipientRow *rr;

	b.n = 0;
	build_recipient_smtp_unicode(&b);
	rr = RT_TAIL(mem, RecipientRow, &b, 6);
	assert_string_equal(rr->EmailAddress.Unicode, "a@b.c");
	assert_string_equal(rr->SimpleDisplayName.Unicode, "Al");
	assert_int_equal(rr->RecipientColumnCount, 2);
	assert_int_equal(rr->RecipientProperties.length, 6);

	/* X500DN, 8-bit strings: AddressPrefixUsed, DisplayType, X500DN */
	b.n = 0;
	u16(&b, 0x0001 | 0x0010);
	u8(&b, 3); u8(&b, 0); str8(&b, "/o=A/ou=B/cn=Recipients/cn=bob");
	str8(&b, "Bob");
	u16(&b, 0);
	rr = RT(mem, RecipientRow, &b);
	assert_int_equal(rr->X500.X500.AddressPrefixUsed, 3);
	assert_string_equal(rr->X500.X500.X500DN, "/o=A/ou=B/cn=Recipients/cn=bob");
	assert_string_equal(rr->DisplayName.String8, "Bob");

	/* PersonalDistributionList1: EntryId and SearchKey */
	b.n = 0;
	u16(&b, 0x0006 | 0x0010);
	u16(&b, 4); fill(&b, 0xA0, 4);
	u16(&b, 2); fill(&b, 0xB0, 2);
	str8(&b, "List");
	u16(&b, 0);
	rr = RT(mem, RecipientRow, &b);
	assert_int_equal(rr->DistList.DistList.EntryIdSize, 4);
	assert_int_equal(rr->DistList.DistList.SearchKey[1], 0xB1);

	/* NoType with O: AddressType (8-bit), EmailAddress (Unicode) */
	b.n = 0;
	u16(&b, 0x8000 | 0x0008 | 0x0200);
	str8(&b, "X400");
	str16(&b, "c=us");
	u16(&b, 0);
	rr = RT(mem, RecipientRow, &b);
	assert_string_equal(rr->AddressType.String8, "X400");
	assert_string_equal(rr->EmailAddress.Unicode, "c=us");
}

/* ------------------------------------------------------------------ */
/* rops_store.idl                                                      */
/* ------------------------------------------------------------------ */

static void test_logon(void **state)
{
	TALLOC_CTX *mem = *state;
	struct bb b;
	struct RopLogon_req *req;
	struct RopLogon_resp *resp;
	int i;

	/* request: LogonFlags Private, OpenFlags, StoreState, Essdn */
	b.n = 0;
	u8(&b, 0x01);
	u32(&b, 0x01000404);	/* HOME_LOGON|NO_MAIL|USE_PER_MDB_REPLID_MAPPING */
	u32(&b, 0);
	u16(&b, 10); str8(&b, "/o=A/cn=u");
	req = RT(mem, RopLogon_req, &b);
	assert_int_equal(req->LogonFlags, LogonFlags_Private);
	assert_int_equal(req->OpenFlags, 0x01000404);
	assert_int_equal(req->EssdnSize, 10);
	assert_memory_equal(req->Essdn, "/o=A/cn=u", 10);

	/* private mailbox success response */
	b.n = 0;
	u8(&b, 0x00); u32(&b, 0);
	u8(&b, 0x01);
	for (i = 0; i < 13; i++) {
		u64(&b, 0x0000000000000001ULL | ((uint64_t)(i + 1) << 48));
	}
	u8(&b, 0x07);			/* ResponseFlags */
	raw(&b, guid_bytes, 16);	/* MailboxGuid */
	u16(&b, 0x0001);		/* ReplId */
	raw(&b, guid_bytes, 16);	/* ReplGuid */
	u8(&b, 30); u8(&b, 15); u8(&b, 10); u8(&b, 3);	/* LogonTime */
	u8(&b, 14); u8(&b, 6); u16(&b, 2023);
	u64(&b, 0x01D99E0A00000000ULL);	/* GwartTime */
	u32(&b, 0);			/* StoreState */
	assert_int_equal(b.n, 165);
	resp = RT(mem, RopLogon_resp, &b);
	assert_int_equal(resp->ReturnValue, MAPI_E_SUCCESS);
	assert_int_equal(resp->Data.Success.LogonFlags, 1);
	assert_true(resp->Data.Success.Body.Private.FolderIds[12] == 0x000D000000000001ULL);
	assert_int_equal(resp->Data.Success.Body.Private.ResponseFlags, 7);
	assert_int_equal(resp->Data.Success.Body.Private.ReplId, 1);
	assert_int_equal(resp->Data.Success.Body.Private.LogonTime.Year, 2023);
	assert_int_equal(resp->Data.Success.Body.Private.LogonTime.Month, 6);

	/* public folders success response */
	b.n = 0;
	u8(&b, 0x00); u32(&b, 0);
	u8(&b, 0x00);
	for (i = 0; i < 13; i++) {
		u64(&b, 0x0000000000000001ULL | ((uint64_t)(i + 1) << 48));
	}
	u16(&b, 0x0002);		/* ReplId */
	raw(&b, guid_bytes, 16);	/* ReplGuid */
	fill(&b, 0x40, 16);		/* PerUserGuid */
	assert_int_equal(b.n, 144);
	resp = RT(mem, RopLogon_resp, &b);
	assert_int_equal(resp->Data.Success.LogonFlags, 0);
	assert_int_equal(resp->Data.Success.Body.Public.ReplId, 2);
	assert_true(resp->Data.Success.Body.Public.FolderIds[0] == 0x0001000000000001ULL);

	/* redirect response (ecWrongServer) */
	b.n = 0;
	u8(&b, 0x00); u32(&b, 0x00000478);
	u8(&b, 0x01); u8(&b, 17); str8(&b, "mbx2.example.org");
	resp = RT(mem, RopLogon_resp, &b);
	assert_int_equal(resp->ReturnValue, ecWrongServer);
	assert_int_equal(resp->Data.Redirect.ServerNameSize, 17);
	assert_memory_equal(resp->Data.Redirect.ServerName, "mbx2.example.org", 17);

	/* other failure: nothing after ReturnValue */
	b.n = 0; u8(&b, 0x00); u32(&b, 0x80040111);
	resp = RT(mem, RopLogon_resp, &b);
	assert_int_equal(resp->ReturnValue, MAPI_E_LOGON_FAILED);
}

static void test_store_misc(void **state)
{
	TALLOC_CTX *mem = *state;
	struct bb b;
	size_t t;

	{
		struct RopGetReceiveFolder_req *q;
		struct RopGetReceiveFolder_resp *p;
		b.n = 0; t = str8(&b, "IPM.Note");
		q = RT_TAIL(mem, RopGetReceiveFolder_req, &b, t);
		assert_string_equal(q->MessageClass, "IPM.Note");
		b.n = 0; u8(&b, 0); u32(&b, 0); u64(&b, 0x1234000000000001ULL);
		t = str8(&b, "IPM");
		p = RT_TAIL(mem, RopGetReceiveFolder_resp, &b, t);
		assert_true(p->Data.Success.FolderId == 0x1234000000000001ULL);
		assert_string_equal(p->Data.Success.ExplicitMessageClass, "IPM");
	}
	{
		struct RopSetReceiveFolder_req *q;
		b.n = 0; u64(&b, 0x99); t = str8(&b, "IPC");
		q = RT_TAIL(mem, RopSetReceiveFolder_req, &b, t);
		assert_string_equal(q->MessageClass, "IPC");
		b.n = 0; u8(&b, 0); u32(&b, 0x80070057);
		RT(mem, RopSetReceiveFolder_resp, &b);
	}
	{
		struct RopGetReceiveFolderTable_resp *p;
		b.n = 0; u8(&b, 0); u32(&b, 0); u32(&b, 1);
		/* one StandardPropertyRow: Flag, FolderId, MessageClass, time */
		u8(&b, 0); u64(&b, 7); str8(&b, "IPM"); u64(&b, 1);
		p = RT_TAIL(mem, RopGetReceiveFolderTable_resp, &b, 21);
		assert_int_equal(p->Data.Success.RowCount, 1);
		assert_int_equal(p->Data.Success.Rows.length, 21);
	}
	{
		struct RopLongTermIdFromId_resp *p;
		struct RopIdFromLongTermId_req *q;
		b.n = 0; u8(&b, 0); u32(&b, 0);
		raw(&b, guid_bytes, 16); fill(&b, 0x11, 6); u16(&b, 0);
		p = RT(mem, RopLongTermIdFromId_resp, &b);
		assert_int_equal(p->Data.LongTermId.GlobalCounter[0], 0x11);
		b.n = 0; raw(&b, guid_bytes, 16); fill(&b, 0x11, 6); u16(&b, 0);
		q = RT(mem, RopIdFromLongTermId_req, &b);
		assert_int_equal(q->LongTermId.DatabaseGuid.time_low, 0x76543210);
		b.n = 0; u8(&b, 0); u32(&b, 0); u64(&b, 0x0001000000001122ULL);
		RT(mem, RopIdFromLongTermId_resp, &b);
	}
	{
		struct RopPublicFolderIsGhosted_resp *p;
		b.n = 0; u8(&b, 0); u32(&b, 0); u8(&b, 1);
		u16(&b, 2); u16(&b, 1); str8(&b, "pf1"); t = str8(&b, "pf2");
		p = RT_TAIL(mem, RopPublicFolderIsGhosted_resp, &b, t);
		assert_int_equal(p->Data.Success.Ghosted.Servers.ServersCount, 2);
		assert_string_equal(p->Data.Success.Ghosted.Servers.Servers[1].Value, "pf2");
		b.n = 0; u8(&b, 0); u32(&b, 0); u8(&b, 0);
		RT(mem, RopPublicFolderIsGhosted_resp, &b);
	}
	{
		struct RopGetOwningServers_resp *p;
		b.n = 0; u8(&b, 0); u32(&b, 0); u16(&b, 2); u16(&b, 1);
		str8(&b, "srv-a"); t = str8(&b, "srv-b");
		p = RT_TAIL(mem, RopGetOwningServers_resp, &b, t);
		assert_string_equal(p->Data.Success.OwningServers[0].Value, "srv-a");
	}
	{
		struct RopGetPerUserLongTermIds_resp *p;
		b.n = 0; u8(&b, 0); u32(&b, 0); u16(&b, 2);
		raw(&b, guid_bytes, 16); fill(&b, 1, 6); u16(&b, 0);
		raw(&b, guid_bytes, 16); fill(&b, 2, 6); u16(&b, 0);
		p = RT(mem, RopGetPerUserLongTermIds_resp, &b);
		assert_int_equal(p->Data.Success.LongTermIds[1].GlobalCounter[0], 2);
	}
	{
		struct RopReadPerUserInformation_req *q;
		struct RopReadPerUserInformation_resp *p;
		b.n = 0; raw(&b, guid_bytes, 16); fill(&b, 1, 6); u16(&b, 0);
		u8(&b, 0); u32(&b, 0); u16(&b, 4096);
		q = RT(mem, RopReadPerUserInformation_req, &b);
		assert_int_equal(q->MaxDataSize, 4096);
		b.n = 0; u8(&b, 0); u32(&b, 0); u8(&b, 1); u16(&b, 3); fill(&b, 7, 3);
		p = RT(mem, RopReadPerUserInformation_resp, &b);
		assert_int_equal(p->Data.Success.DataSize, 3);
		assert_int_equal(p->Data.Success.Data[2], 9);
	}
	{
		struct RopWritePerUserInformation_private_req *q;
		/* private logon, DataOffset 0: ReplGuid present */
		b.n = 0; raw(&b, guid_bytes, 16); fill(&b, 1, 6); u16(&b, 0);
		u8(&b, 1); u32(&b, 0); u16(&b, 2); fill(&b, 0xE0, 2);
		raw(&b, guid_bytes, 16);
		q = RT(mem, RopWritePerUserInformation_private_req, &b);
		assert_int_equal(q->ReplGuid.ReplGuid.time_low, 0x76543210);
		/* DataOffset != 0: no ReplGuid */
		b.n = 0; raw(&b, guid_bytes, 16); fill(&b, 1, 6); u16(&b, 0);
		u8(&b, 1); u32(&b, 2); u16(&b, 2); fill(&b, 0xE0, 2);
		RT(mem, RopWritePerUserInformation_private_req, &b);
		RT(mem, RopWritePerUserInformation_req, &b);
		b.n = 0; u8(&b, 0); u32(&b, 0);
		RT(mem, RopWritePerUserInformation_resp, &b);
	}
	{
		struct RopGetStoreState_resp *p;
		b.n = 0;
		RT(mem, RopGetStoreState_req, &b);
		b.n = 0; u8(&b, 0); u32(&b, 0); u32(&b, 0x01000000);
		p = RT(mem, RopGetStoreState_resp, &b);
		assert_int_equal(p->Data.StoreState, 0x01000000);
	}
}

/* ------------------------------------------------------------------ */
/* rops_folder.idl                                                     */
/* ------------------------------------------------------------------ */

static void test_folder(void **state)
{
	TALLOC_CTX *mem = *state;
	struct bb b;
	size_t t;

	{
		struct RopOpenFolder_req *q;
		struct RopOpenFolder_resp *p;
		b.n = 0; u8(&b, 1); u64(&b, 0x0001000000000C01ULL); u8(&b, 0x04);
		q = RT(mem, RopOpenFolder_req, &b);
		assert_int_equal(q->OutputHandleIndex, 1);
		assert_true(q->FolderId == 0x0001000000000C01ULL);
		assert_int_equal(q->OpenModeFlags, OpenFolder_OpenSoftDeleted);

		b.n = 0; u8(&b, 1); u32(&b, 0); u8(&b, 1); u8(&b, 0);
		p = RT(mem, RopOpenFolder_resp, &b);
		assert_int_equal(p->Data.Success.HasRules, 1);

		b.n = 0; u8(&b, 1); u32(&b, 0); u8(&b, 0); u8(&b, 1);
		u16(&b, 2); u16(&b, 1); str8(&b, "srvA"); t = str8(&b, "srvB");
		p = RT_TAIL(mem, RopOpenFolder_resp, &b, t);
		assert_int_equal(p->Data.Success.Ghost.Servers.CheapServerCount, 1);
		assert_string_equal(p->Data.Success.Ghost.Servers.Servers[1].Value, "srvB");

		b.n = 0; u8(&b, 1); u32(&b, 0x8004010F);
		p = RT(mem, RopOpenFolder_resp, &b);
		assert_int_equal(p->ReturnValue, MAPI_E_NOT_FOUND);
	}
	{
		struct RopCreateFolder_req *q;
		struct RopCreateFolder_resp *p;
		b.n = 0; u8(&b, 2); u8(&b, FOLDER_GENERIC); u8(&b, 1); u8(&b, 1);
		u8(&b, 0); str16(&b, "Projects"); t = str16(&b, "notes");
		q = RT_TAIL(mem, RopCreateFolder_req, &b, t);
		assert_string_equal(q->DisplayName.Unicode, "Projects");
		assert_string_equal(q->Comment.Unicode, "notes");

		b.n = 0; u8(&b, 2); u8(&b, FOLDER_SEARCH); u8(&b, 0); u8(&b, 0);
		u8(&b, 0); str8(&b, "Search"); t = str8(&b, "");
		q = RT_TAIL(mem, RopCreateFolder_req, &b, t);
		assert_string_equal(q->DisplayName.String8, "Search");

		b.n = 0; u8(&b, 2); u32(&b, 0); u64(&b, 0x55); u8(&b, 0);
		p = RT(mem, RopCreateFolder_resp, &b);
		assert_true(p->Data.Success.FolderId == 0x55);

		b.n = 0; u8(&b, 2); u32(&b, 0); u64(&b, 0x55); u8(&b, 1);
		u8(&b, 0); u8(&b, 1); u16(&b, 1); u16(&b, 0); t = str8(&b, "s");
		p = RT_TAIL(mem, RopCreateFolder_resp, &b, t);
		assert_int_equal(p->Data.Success.Existing.Existing.IsGhosted, 1);
	}
	{
		struct RopDeleteFolder_resp *p;
		b.n = 0; u8(&b, DEL_MESSAGES | DEL_FOLDERS); u64(&b, 0x77);
		RT(mem, RopDeleteFolder_req, &b);
		/* PartialCompletion is present whatever the ReturnValue */
		b.n = 0; u8(&b, 0); u32(&b, 0x80040609); u8(&b, 1);
		p = RT(mem, RopDeleteFolder_resp, &b);
		assert_int_equal(p->PartialCompletion, 1);
	}
	{
		struct RopDeleteMessages_req *q;
		b.n = 0; u8(&b, 0); u8(&b, 1); u16(&b, 2); u64(&b, 0x10); u64(&b, 0x20);
		q = RT(mem, RopDeleteMessages_req, &b);
		assert_true(q->MessageIds[1] == 0x20);
		RT(mem, RopHardDeleteMessages_req, &b);
		b.n = 0; u8(&b, 0); u32(&b, 0); u8(&b, 0);
		RT(mem, RopDeleteMessages_resp, &b);
		RT(mem, RopHardDeleteMessages_resp, &b);
		RT(mem, RopEmptyFolder_resp, &b);
		RT(mem, RopHardDeleteMessagesAndSubfolders_resp, &b);
		b.n = 0; u8(&b, 0); u8(&b, 1);
		RT(mem, RopEmptyFolder_req, &b);
		RT(mem, RopHardDeleteMessagesAndSubfolders_req, &b);
	}
	{
		struct RopSetSearchCriteria_req *q;
		struct bb r;
		r.n = 0; build_nested_restriction(&r);
		b.n = 0; sized16(&b, &r); u16(&b, 2); u64(&b, 1); u64(&b, 2);
		u32(&b, RESTART_SEARCH | RECURSIVE_SEARCH);
		q = RT(mem, RopSetSearchCriteria_req, &b);
		assert_int_equal(q->RestrictionDataSize, r.n);
		assert_int_equal(q->RestrictionData.Restriction.RestrictType, RES_AND);
		assert_int_equal(q->FolderIdCount, 2);
		assert_int_equal(q->SearchFlags, 0x6);

		/* RestrictionDataSize 0: no restriction */
		b.n = 0; u16(&b, 0); u16(&b, 0); u32(&b, STOP_SEARCH);
		q = RT(mem, RopSetSearchCriteria_req, &b);
		assert_int_equal(q->SearchFlags, 1);
	}
	{
		struct RopGetSearchCriteria_resp *p;
		struct bb r;
		b.n = 0; u8(&b, 1); u8(&b, 1); u8(&b, 1);
		RT(mem, RopGetSearchCriteria_req, &b);
		r.n = 0; u8(&r, RES_EXIST); u32(&r, 0x0E1C000B);
		b.n = 0; u8(&b, 0); u32(&b, 0); sized16(&b, &r); u8(&b, 0);
		u16(&b, 1); u64(&b, 0x33); u32(&b, SEARCH_RUNNING | SEARCH_RECURSIVE);
		p = RT(mem, RopGetSearchCriteria_resp, &b);
		assert_int_equal(p->Data.Success.RestrictionData.Restriction.Res.Exist.PropTag, 0x0E1C000B);
		assert_int_equal(p->Data.Success.SearchFlags, 5);
	}
	{
		struct RopMoveCopyMessages_req *q;
		struct RopMoveCopyMessages_resp *p;
		b.n = 0; u8(&b, 1); u16(&b, 1); u64(&b, 0x42); u8(&b, 0); u8(&b, 1);
		q = RT(mem, RopMoveCopyMessages_req, &b);
		assert_int_equal(q->DestHandleIndex, 1);
		assert_int_equal(q->WantCopy, 1);

		b.n = 0; u8(&b, 0); u32(&b, 0); u8(&b, 0);
		p = RT(mem, RopMoveCopyMessages_resp, &b);
		assert_int_equal(p->Data.PartialCompletion, 0);

		/* Null Destination Failure Response */
		b.n = 0; u8(&b, 0); u32(&b, 0x00000503); u32(&b, 1); u8(&b, 0);
		p = RT(mem, RopMoveCopyMessages_resp, &b);
		assert_int_equal(p->Data.NullDestination.DestHandleIndex, 1);
		RT(mem, RopMoveFolder_resp, &b);
		RT(mem, RopCopyFolder_resp, &b);

		b.n = 0; u8(&b, 0); u32(&b, 0x80040102); u8(&b, 1);
		p = RT(mem, RopMoveCopyMessages_resp, &b);
		assert_int_equal(p->Data.PartialCompletion, 1);
	}
	{
		struct RopMoveFolder_req *q;
		struct RopCopyFolder_req *c;
		b.n = 0; u8(&b, 1); u8(&b, 0); u8(&b, 1); u64(&b, 0x66);
		t = str16(&b, "Moved");
		q = RT_TAIL(mem, RopMoveFolder_req, &b, t);
		assert_string_equal(q->NewFolderName.Unicode, "Moved");
		b.n = 0; u8(&b, 1); u8(&b, 0); u8(&b, 1); u8(&b, 0); u64(&b, 0x66);
		t = str8(&b, "Copy");
		c = RT_TAIL(mem, RopCopyFolder_req, &b, t);
		assert_string_equal(c->NewFolderName.String8, "Copy");
		assert_int_equal(c->WantRecursive, 1);
	}
	{
		struct RopGetContentsTable_resp *p;
		b.n = 0; u8(&b, 1); u8(&b, TableFlags_UseUnicode | TableFlags_Associated);
		RT(mem, RopGetContentsTable_req, &b);
		RT(mem, RopGetHierarchyTable_req, &b);
		b.n = 0; u8(&b, 1); u32(&b, 0); u32(&b, 7);
		p = RT(mem, RopGetContentsTable_resp, &b);
		assert_int_equal(p->Data.RowCount, 7);
		RT(mem, RopGetHierarchyTable_resp, &b);
	}
}

/* ------------------------------------------------------------------ */
/* rops_table.idl                                                      */
/* ------------------------------------------------------------------ */

static void test_table(void **state)
{
	TALLOC_CTX *mem = *state;
	struct bb b;

	{
		struct RopSetColumns_req *q;
		struct RopSetColumns_resp *p;
		b.n = 0; u8(&b, TBL_SYNC); u16(&b, 3);
		u32(&b, 0x6748001F); u32(&b, 0x0037001F); u32(&b, 0x0E080003);
		q = RT(mem, RopSetColumns_req, &b);
		assert_int_equal(q->PropertyTags[2], 0x0E080003);
		/* MS-OXORULE 4.2.2 example, without RopId: 01 00 00 00 00 00 */
		b.n = 0; u8(&b, 1); u32(&b, 0); u8(&b, TBLSTAT_COMPLETE);
		p = RT(mem, RopSetColumns_resp, &b);
		assert_int_equal(p->Data.TableStatus, TBLSTAT_COMPLETE);
		b.n = 0; u8(&b, 1); u32(&b, 0x80040118);
		RT(mem, RopSetColumns_resp, &b);
	}
	{
		struct RopSortTable_req *q;
		b.n = 0; u8(&b, TBL_ASYNC); u16(&b, 2); u16(&b, 1); u16(&b, 1);
		u16(&b, PT_UNICODE); u16(&b, 0x0037); u8(&b, TABLE_SORT_ASCEND);
		u16(&b, PT_SYSTIME); u16(&b, 0x0E06); u8(&b, TABLE_SORT_DESCEND);
		q = RT(mem, RopSortTable_req, &b);
		assert_int_equal(q->SortOrderCount, 2);
		assert_int_equal(q->SortOrders[1].PropertyId, 0x0E06);
	}
	{
		struct RopRestrict_req *q;
		struct bb r;
		r.n = 0; build_nested_restriction(&r);
		b.n = 0; u8(&b, TBL_SYNC); sized16(&b, &r);
		q = RT(mem, RopRestrict_req, &b);
		assert_int_equal(q->RestrictionData.Restriction.Res.And.RestrictCount, 6);
		b.n = 0; u8(&b, TBL_SYNC); u16(&b, 0);
		q = RT(mem, RopRestrict_req, &b);
		assert_int_equal(q->RestrictionDataSize, 0);
	}
	{
		/* MS-OXCTABL 4.5.3.1: 15 00 00 | 00 01 32 00 */
		static const uint8_t qr_req[] = { 0x00, 0x01, 0x32, 0x00 };
		/* MS-OXORULE 4.2.2 RopQueryRows response, without RopId */
		static const uint8_t qr_resp[] = {
			0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x01, 0x00,
			0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x3f,
			0xf8, 0x56, 0x10, 0x00, 0x01, 0x00, 0x00, 0x00,
			0x01, 0x00, 0x00, 0x00, 0x55, 0x55, 0x55, 0x55,
			0xd1, 0x44, 0xe3, 0x40, 0x50, 0x00, 0x72, 0x00,
			0x6f, 0x00, 0x6a, 0x00, 0x65, 0x00, 0x63, 0x00,
			0x74, 0x00, 0x20, 0x00, 0x58, 0x00, 0x00, 0x00
		};
		struct RopQueryRows_req *q;
		struct RopQueryRows_resp *p;
		q = RT_ARRAY(mem, RopQueryRows_req, qr_req, 0);
		assert_int_equal(q->QueryRowsFlags, 0);
		assert_int_equal(q->ForwardRead, 1);
		assert_int_equal(q->RowCount, 50);
		p = RT_ARRAY(mem, RopQueryRows_resp, qr_resp, sizeof(qr_resp) - 8);
		assert_int_equal(p->InputHandleIndex, 1);
		assert_int_equal(p->Data.Success.Origin, BOOKMARK_END);
		assert_int_equal(p->Data.Success.RowCount, 1);
		assert_int_equal(p->Data.Success.RowData.length, sizeof(qr_resp) - 8);
	}
	{
		struct RopGetStatus_resp *p;
		b.n = 0;
		RT(mem, RopGetStatus_req, &b);
		RT(mem, RopAbort_req, &b);
		RT(mem, RopQueryPosition_req, &b);
		RT(mem, RopQueryColumnsAll_req, &b);
		RT(mem, RopCreateBookmark_req, &b);
		RT(mem, RopResetTable_req, &b);
		b.n = 0; u8(&b, 0); u32(&b, 0); u8(&b, TBLSTAT_SORTING);
		p = RT(mem, RopGetStatus_resp, &b);
		assert_int_equal(p->Data.TableStatus, TBLSTAT_SORTING);
		RT(mem, RopAbort_resp, &b);
	}
	{
		struct RopQueryPosition_resp *p;
		b.n = 0; u8(&b, 0); u32(&b, 0); u32(&b, 3); u32(&b, 10);
		p = RT(mem, RopQueryPosition_resp, &b);
		assert_int_equal(p->Data.Success.Denominator, 10);
	}
	{
		struct RopSeekRow_req *q;
		struct RopSeekRow_resp *p;
		b.n = 0; u8(&b, BOOKMARK_CURRENT); u32(&b, (uint32_t)-3); u8(&b, 1);
		q = RT(mem, RopSeekRow_req, &b);
		assert_int_equal(q->RowCount, -3);
		b.n = 0; u8(&b, 0); u32(&b, 0); u8(&b, 1); u32(&b, (uint32_t)-2);
		p = RT(mem, RopSeekRow_resp, &b);
		assert_int_equal(p->Data.Success.RowsSought, -2);
	}
	{
		struct RopSeekRowBookmark_req *q;
		b.n = 0; u16(&b, 4); fill(&b, 0xB0, 4); u32(&b, 5); u8(&b, 0);
		q = RT(mem, RopSeekRowBookmark_req, &b);
		assert_int_equal(q->Bookmark[3], 0xB3);
		assert_int_equal(q->RowCount, 5);
		b.n = 0; u8(&b, 0); u32(&b, 0); u8(&b, 0); u8(&b, 0); u32(&b, 5);
		RT(mem, RopSeekRowBookmark_resp, &b);
	}
	{
		b.n = 0; u32(&b, 1); u32(&b, 2);
		RT(mem, RopSeekRowFractional_req, &b);
		b.n = 0; u8(&b, 0); u32(&b, 0);
		RT(mem, RopSeekRowFractional_resp, &b);
		RT(mem, RopResetTable_resp, &b);
		RT(mem, RopFreeBookmark_resp, &b);
		b.n = 0; u16(&b, 2); fill(&b, 1, 2);
		RT(mem, RopFreeBookmark_req, &b);
	}
	{
		struct RopCreateBookmark_resp *p;
		b.n = 0; u8(&b, 0); u32(&b, 0); u16(&b, 4); fill(&b, 0xC0, 4);
		p = RT(mem, RopCreateBookmark_resp, &b);
		assert_int_equal(p->Data.Success.BookmarkSize, 4);
		RT(mem, RopSetCollapseState_resp, &b);
	}
	{
		struct RopQueryColumnsAll_resp *p;
		b.n = 0; u8(&b, 0); u32(&b, 0); u16(&b, 2);
		u32(&b, 0x0037001F); u32(&b, 0x0E080003);
		p = RT(mem, RopQueryColumnsAll_resp, &b);
		assert_int_equal(p->Data.Success.PropertyTags[0], 0x0037001F);
	}
	{
		struct RopFindRow_req *q;
		struct RopFindRow_resp *p;
		struct bb r;
		r.n = 0; u8(&r, RES_CONTENT); u16(&r, FL_PREFIX); u16(&r, FL_IGNORECASE);
		u32(&r, 0x0037001F); u32(&r, 0x0037001F); str16(&r, "Re");
		b.n = 0; u8(&b, FindRow_Forwards); sized16(&b, &r);
		u8(&b, BOOKMARK_CUSTOM); u16(&b, 4); fill(&b, 0xD0, 4);
		q = RT(mem, RopFindRow_req, &b);
		assert_string_equal(q->RestrictionData.Restriction.Res.Content.TaggedValue.Value.String, "Re");
		assert_int_equal(q->Origin, BOOKMARK_CUSTOM);
		assert_int_equal(q->Bookmark[0], 0xD0);

		b.n = 0; u8(&b, 0); u32(&b, 0); u8(&b, 0); u8(&b, 1);
		u8(&b, 0); u32(&b, 9);	/* PropertyRow: hand-parsed later */
		p = RT_TAIL(mem, RopFindRow_resp, &b, 5);
		assert_int_equal(p->Data.Success.HasRowData, 1);
		assert_int_equal(p->Data.Success.RowData.length, 5);
	}
}

static void test_table_expand(void **state)
{
	TALLOC_CTX *mem = *state;
	struct bb b;
	struct RopExpandRow_req *q;
	struct RopExpandRow_resp *p;
	struct RopCollapseRow_resp *c;
	struct RopGetCollapseState_resp *g;

	b.n = 0; u16(&b, 10); u64(&b, 0x1001);
	q = RT(mem, RopExpandRow_req, &b);
	assert_int_equal(q->MaxRowCount, 10);
	assert_true(q->CategoryId == 0x1001);

	b.n = 0; u8(&b, 0); u32(&b, 0); u32(&b, 12); u16(&b, 2);
	u8(&b, 0); u32(&b, 1); u8(&b, 0); u32(&b, 2);
	p = RT_TAIL(mem, RopExpandRow_resp, &b, 10);
	assert_int_equal(p->Data.Success.ExpandedRowCount, 12);
	assert_int_equal(p->Data.Success.RowCount, 2);

	b.n = 0; u64(&b, 0x1001);
	RT(mem, RopCollapseRow_req, &b);
	b.n = 0; u8(&b, 0); u32(&b, 0); u32(&b, 4);
	c = RT(mem, RopCollapseRow_resp, &b);
	assert_int_equal(c->Data.CollapsedRowCount, 4);

	b.n = 0; u64(&b, 0x2002); u32(&b, 0);
	RT(mem, RopGetCollapseState_req, &b);
	b.n = 0; u8(&b, 0); u32(&b, 0); u16(&b, 3); fill(&b, 0x30, 3);
	g = RT(mem, RopGetCollapseState_resp, &b);
	assert_int_equal(g->Data.Success.CollapseState[2], 0x32);
	b.n = 0; u16(&b, 3); fill(&b, 0x30, 3);
	RT(mem, RopSetCollapseState_req, &b);
}

/* ------------------------------------------------------------------ */
/* rops_message.idl                                                    */
/* ------------------------------------------------------------------ */

static void build_open_recipient_rows(struct bb *b)
{
	struct bb r;

	/* row 1: SMTP, Unicode, with RecipientProperties */
	u8(b, 0x01); u16(b, 1252); u16(b, 0);
	r.n = 0; build_recipient_smtp_unicode(&r);
	sized16(b, &r);

	/* row 2: X500DN, 8-bit, DisplayName only */
	u8(b, 0x02); u16(b, 1252); u16(b, 0);
	r.n = 0;
	u16(&r, 0x0001 | 0x0010);
	u8(&r, 0); u8(&r, 0); str8(&r, "/o=A/cn=b");
	str8(&r, "B");
	u16(&r, 0);
	sized16(b, &r);
}

static void test_message_open(void **state)
{
	TALLOC_CTX *mem = *state;
	struct bb b;
	struct RopOpenMessage_req *q;
	struct RopOpenMessage_resp *p;
	struct RopReloadCachedInformation_resp *rc;
	struct RopOpenEmbeddedMessage_resp *e;

	b.n = 0; u8(&b, 1); u16(&b, 0x0FFF); u64(&b, 0x0001000000000C01ULL);
	u8(&b, OpenMessage_BestAccess); u64(&b, 0x0001000000001001ULL);
	q = RT(mem, RopOpenMessage_req, &b);
	assert_int_equal(q->CodePageId, 0x0FFF);
	assert_true(q->MessageId == 0x0001000000001001ULL);

	b.n = 0; u8(&b, 1); u32(&b, 0);
	u8(&b, 0);				/* HasNamedProperties */
	u8(&b, 0x04); str16(&b, "RE: ");	/* SubjectPrefix */
	u8(&b, 0x02); str8(&b, "Hello");	/* NormalizedSubject */
	u16(&b, 2);				/* RecipientCount */
	u16(&b, 2); u32(&b, 0x0C150003); u32(&b, 0x0FFE000B);	/* columns */
	u8(&b, 2);				/* RowCount */
	build_open_recipient_rows(&b);
	p = RT(mem, RopOpenMessage_resp, &b);
	assert_string_equal(p->Data.Success.SubjectPrefix.String.Unicode, "RE: ");
	assert_string_equal(p->Data.Success.NormalizedSubject.String.String8, "Hello");
	assert_int_equal(p->Data.Success.RowCount, 2);
	assert_string_equal(p->Data.Success.RecipientRows[0].RecipientRow.DisplayName.Unicode, "Alice");
	assert_int_equal(p->Data.Success.RecipientRows[0].RecipientRow.RecipientProperties.length, 6);
	assert_string_equal(p->Data.Success.RecipientRows[1].RecipientRow.X500.X500.X500DN, "/o=A/cn=b");
	assert_int_equal(p->Data.Success.RecipientRows[1].RecipientType, 2);

	/* RopReloadCachedInformation: same success body */
	rc = RT(mem, RopReloadCachedInformation_resp, &b);
	assert_int_equal(rc->Data.Success.ColumnCount, 2);
	b.n = 0; u16(&b, 0);
	RT(mem, RopReloadCachedInformation_req, &b);

	/* RopOpenEmbeddedMessage */
	b.n = 0; u8(&b, 2); u16(&b, 1252); u8(&b, OpenEmbedded_Create);
	RT(mem, RopOpenEmbeddedMessage_req, &b);
	b.n = 0; u8(&b, 2); u32(&b, 0);
	u8(&b, 0); u64(&b, 0x77); u8(&b, 1);
	u8(&b, 0x00); u8(&b, 0x01);		/* no prefix, empty subject */
	u16(&b, 0); u16(&b, 0); u8(&b, 0);
	e = RT(mem, RopOpenEmbeddedMessage_resp, &b);
	assert_true(e->Data.Success.MessageId == 0x77);
	assert_int_equal(e->Data.Success.NormalizedSubject.StringType, 1);
}

static void test_modify_recipients(void **state)
{
	TALLOC_CTX *mem = *state;
	struct bb b, r;
	struct RopModifyRecipients_req *q;
	struct ModifyRecipientRow *rows;

	b.n = 0;
	u16(&b, 2); u32(&b, 0x0C150003); u32(&b, 0x0FFE000B);	/* columns */
	u16(&b, 4);						/* RowCount */

	/* row 0: To, SMTP Unicode recipient */
	u32(&b, 0); u8(&b, 0x01);
	r.n = 0; build_recipient_smtp_unicode(&r);
	sized16(&b, &r);

	/* row 1: Cc, personal distribution list */
	u32(&b, 1); u8(&b, 0x02);
	r.n = 0;
	u16(&r, 0x0006 | 0x0010);
	u16(&r, 4); fill(&r, 0xA0, 4);
	u16(&r, 2); fill(&r, 0xB0, 2);
	str8(&r, "List");
	u16(&r, 2); u8(&r, 0x00); u32(&r, 0x01); u8(&r, 0);
	sized16(&b, &r);

	/* row 2: RecipientRowSize 0: remove recipient 5 */
	u32(&b, 5); u8(&b, 0x03); u16(&b, 0);

	/* row 3: Bcc, NoType + O: AddressType, EmailAddress, DisplayName */
	u32(&b, 6); u8(&b, 0x03);
	r.n = 0;
	u16(&r, 0x8000 | 0x0008 | 0x0010);
	str8(&r, "EX"); str8(&r, "/o=A/cn=c"); str8(&r, "C");
	u16(&r, 0);
	sized16(&b, &r);

	q = RT(mem, RopModifyRecipients_req, &b);
	assert_int_equal(q->ColumnCount, 2);
	assert_int_equal(q->RowCount, 4);
	rows = q->RecipientRows;
	assert_int_equal(rows[0].RecipientType, 1);
	assert_string_equal(rows[0].RecipientRow.RecipientRow.EmailAddress.Unicode, "a@b.c");
	assert_string_equal(rows[0].RecipientRow.RecipientRow.TransmittableDisplayName.Unicode, "Alice");
	assert_int_equal(rows[1].RecipientRow.RecipientRow.DistList.DistList.EntryIdSize, 4);
	assert_int_equal(rows[1].RecipientRow.RecipientRow.RecipientProperties.length, 6);
	assert_int_equal(rows[2].RowId, 5);
	assert_int_equal(rows[2].RecipientRowSize, 0);
	assert_string_equal(rows[3].RecipientRow.RecipientRow.AddressType.String8, "EX");
	assert_string_equal(rows[3].RecipientRow.RecipientRow.EmailAddress.String8, "/o=A/cn=c");

	b.n = 0; u8(&b, 0); u32(&b, 0);
	RT(mem, RopModifyRecipients_resp, &b);
	RT(mem, RopRemoveAllRecipients_resp, &b);
	b.n = 0; u32(&b, 0);
	RT(mem, RopRemoveAllRecipients_req, &b);
}

static void test_read_recipients(void **state)
{
	TALLOC_CTX *mem = *state;
	struct bb b, r;
	struct RopReadRecipients_resp *p;

	b.n = 0; u32(&b, 0); u16(&b, 0);
	RT(mem, RopReadRecipients_req, &b);

	b.n = 0; u8(&b, 0); u32(&b, 0); u8(&b, 1);
	u32(&b, 0); u8(&b, 0x01); u16(&b, 1252); u16(&b, 0);
	r.n = 0; build_recipient_smtp_unicode(&r);
	sized16(&b, &r);
	p = RT(mem, RopReadRecipients_resp, &b);
	assert_int_equal(p->Data.Success.RowCount, 1);
	assert_int_equal(p->Data.Success.RecipientRows[0].CodePageId, 1252);
	assert_string_equal(p->Data.Success.RecipientRows[0].RecipientRow.SimpleDisplayName.Unicode, "Al");

	b.n = 0; u8(&b, 0); u32(&b, 0x8004010F);
	RT(mem, RopReadRecipients_resp, &b);
}

static void test_message_misc(void **state)
{
	TALLOC_CTX *mem = *state;
	struct bb b;

	{
		/* MS-OXCMSG 4.8.1: 0c 00 00 | 01 0a */
		static const uint8_t sc_req[] = { 0x01, 0x0a };
		struct RopSaveChangesMessage_req *q;
		struct RopSaveChangesMessage_resp *p;
		q = RT_ARRAY(mem, RopSaveChangesMessage_req, sc_req, 0);
		assert_int_equal(q->InputHandleIndex, 1);
		assert_int_equal(q->SaveFlags, 0x0a);
		b.n = 0; u8(&b, 0); u32(&b, 0); u8(&b, 1); u64(&b, 0x0001000000002001ULL);
		p = RT(mem, RopSaveChangesMessage_resp, &b);
		assert_int_equal(p->Data.Success.InputHandleIndex, 1);
		assert_true(p->Data.Success.MessageId == 0x0001000000002001ULL);
		b.n = 0; u8(&b, 0); u32(&b, 0x80040109);
		RT(mem, RopSaveChangesMessage_resp, &b);
		RT(mem, RopSaveChangesAttachment_resp, &b);
		b.n = 0; u8(&b, 1); u8(&b, KeepOpenReadWrite);
		RT(mem, RopSaveChangesAttachment_req, &b);
	}
	{
		struct RopCreateMessage_resp *p;
		b.n = 0; u8(&b, 1); u16(&b, 0x0FFF); u64(&b, 0x99); u8(&b, 0);
		RT(mem, RopCreateMessage_req, &b);
		b.n = 0; u8(&b, 1); u32(&b, 0); u8(&b, 1); u64(&b, 0x1234);
		p = RT(mem, RopCreateMessage_resp, &b);
		assert_true(p->Data.Success.MessageId.MessageId == 0x1234);
		b.n = 0; u8(&b, 1); u32(&b, 0); u8(&b, 0);
		p = RT(mem, RopCreateMessage_resp, &b);
		assert_int_equal(p->Data.Success.HasMessageId, 0);
	}
	{
		struct RopSetMessageReadFlag_public_req *q;
		struct RopSetMessageReadFlag_resp *p;
		b.n = 0; u8(&b, 1); u8(&b, rfSuppressReceipt);
		RT(mem, RopSetMessageReadFlag_req, &b);
		fill(&b, 0x50, 24);
		q = RT(mem, RopSetMessageReadFlag_public_req, &b);
		assert_int_equal(q->ClientData[23], 0x50 + 23);
		b.n = 0; u8(&b, 0); u32(&b, 0); u8(&b, 1); u8(&b, 3); fill(&b, 0x50, 24);
		p = RT(mem, RopSetMessageReadFlag_resp, &b);
		assert_int_equal(p->Data.Success.Changed.Changed.LogonId, 3);
		b.n = 0; u8(&b, 0); u32(&b, 0); u8(&b, 0);
		p = RT(mem, RopSetMessageReadFlag_resp, &b);
		assert_int_equal(p->Data.Success.ReadStatusChanged, 0);
	}
	{
		struct RopSetReadFlags_req *q;
		b.n = 0; u8(&b, 0); u8(&b, rfClearReadFlag | rfSuppressReceipt);
		u16(&b, 2); u64(&b, 1); u64(&b, 2);
		q = RT(mem, RopSetReadFlags_req, &b);
		assert_int_equal(q->ReadFlags, 0x05);
		assert_int_equal(q->MessageIdCount, 2);
		b.n = 0; u8(&b, 0); u32(&b, 0); u8(&b, 0);
		RT(mem, RopSetReadFlags_resp, &b);
	}
	{
		struct RopGetMessageStatus_resp *p;
		b.n = 0; u64(&b, 0x10);
		RT(mem, RopGetMessageStatus_req, &b);
		b.n = 0; u64(&b, 0x10); u32(&b, msInConflict); u32(&b, msInConflict);
		RT(mem, RopSetMessageStatus_req, &b);
		b.n = 0; u8(&b, 0); u32(&b, 0); u32(&b, msRemoteDownload);
		p = RT(mem, RopGetMessageStatus_resp, &b);
		assert_int_equal(p->Data.MessageStatusFlags, 0x1000);
		RT(mem, RopSetMessageStatus_resp, &b);
	}
	{
		struct RopCreateAttachment_resp *p;
		struct RopGetValidAttachments_resp *v;
		b.n = 0; u8(&b, 2); u8(&b, OpenAttachment_ReadWrite); u32(&b, 3);
		RT(mem, RopOpenAttachment_req, &b);
		b.n = 0; u8(&b, 2);
		RT(mem, RopCreateAttachment_req, &b);
		b.n = 0; u8(&b, 2); u32(&b, 0); u32(&b, 7);
		p = RT(mem, RopCreateAttachment_resp, &b);
		assert_int_equal(p->Data.AttachmentID, 7);
		b.n = 0; u8(&b, 2); u32(&b, 0);
		RT(mem, RopOpenAttachment_resp, &b);
		RT(mem, RopGetAttachmentTable_resp, &b);
		b.n = 0; u32(&b, 7);
		RT(mem, RopDeleteAttachment_req, &b);
		b.n = 0; u8(&b, 2); u8(&b, AttachmentTable_UseUnicode);
		RT(mem, RopGetAttachmentTable_req, &b);
		b.n = 0;
		RT(mem, RopGetValidAttachments_req, &b);
		b.n = 0; u8(&b, 0); u32(&b, 0); u16(&b, 3); u32(&b, 0); u32(&b, 1); u32(&b, 4);
		v = RT(mem, RopGetValidAttachments_resp, &b);
		assert_int_equal(v->Data.Success.AttachmentIdArray[2], 4);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tagged_property_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_property_value_union, setup, teardown),
		cmocka_unit_test_setup_teardown(test_typed_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_small_types, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restriction_nested, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recipient_row, setup, teardown),
		cmocka_unit_test_setup_teardown(test_logon, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_misc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_table_expand, setup, teardown),
		cmocka_unit_test_setup_teardown(test_message_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_modify_recipients, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_recipients, setup, teardown),
		cmocka_unit_test_setup_teardown(test_message_misc, setup, teardown),
	};
	int ret = cmocka_run_group_tests(tests, NULL, NULL);

	/* release libsamba-util's cached iconv handles (for valgrind) */
	free_iconv_handle();
	return ret;
}
