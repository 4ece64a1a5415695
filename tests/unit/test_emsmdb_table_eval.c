/*
 * Unit tests of the EMSMDB table row logic (providers/emsmdb/
 * emsmdb_table_eval.c): value comparison, sort orders of several keys
 * (MS-OXCDATA 2.13) and restriction checking and evaluation
 * (MS-OXCDATA 2.12) against hand-made rows of store values, with and
 * without a collator of a sort locale; the wire-value conversion of
 * operands (emsmdb_propval.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <stdlib.h>
#include <stdbool.h>
#include <cmocka.h>

#include "providers/emsmdb/emsmdb_table_eval.h"
#include "collation/mapi_collation.h"

#define TAG(id, type) (((uint32_t)(id) << 16) | (type))
#define P_SUBJECT	TAG(0x0037, PT_UNICODE)
#define P_SUBJECT_A	TAG(0x0037, PT_STRING8)
#define P_IMPORTANCE	TAG(0x0017, PT_LONG)
#define P_FLAGS		TAG(0x0E07, PT_LONG)
#define P_TIME		TAG(0x0E06, PT_SYSTIME)
#define P_BODY		TAG(0x1000, PT_UNICODE)
#define P_KEYWORDS	TAG(0x8001, PT_MV_UNICODE)
#define P_BLOB		TAG(0x8002, PT_BINARY)
#define P_SIZE		TAG(0x0E08, PT_LONG)

/* A message row: subject, importance, flags, time, optional body. */
static struct mstore_row *row_new(TALLOC_CTX *mem_ctx, const char *subject,
				  int importance, int flags, uint64_t time,
				  const char *body)
{
	struct mstore_row *r = talloc_zero(mem_ctx, struct mstore_row);
	static const char *kw[] = { "red", "Blue" };

	r->values = talloc_zero_array(r, struct mstore_value, 7);
	r->values[0].tag = P_SUBJECT;
	r->values[0].v.str = subject;
	r->values[1].tag = P_IMPORTANCE;
	r->values[1].v.i32 = importance;
	r->values[2].tag = P_FLAGS;
	r->values[2].v.i32 = flags;
	r->values[3].tag = P_TIME;
	r->values[3].v.u64 = time;
	r->values[4].tag = P_KEYWORDS;
	r->values[4].v.mv.count = 2;
	r->values[4].v.mv.str = kw;
	r->values[5].tag = P_BLOB;
	r->values[5].v.bin.length = 3;
	r->values[5].v.bin.data = (uint8_t *)"\x01\x02\x03";
	r->count = 6;
	if (body != NULL) {
		r->values[6].tag = P_BODY;
		r->values[6].v.str = body;
		r->count = 7;
	}
	return r;
}

static struct Restriction *res(TALLOC_CTX *mem_ctx, uint8_t type)
{
	struct Restriction *r = talloc_zero(mem_ctx, struct Restriction);

	r->RestrictType = type;
	return r;
}

static struct Restriction *prop_long(TALLOC_CTX *mem_ctx, uint8_t relop,
				     uint32_t tag, uint32_t value)
{
	struct Restriction *r = res(mem_ctx, RES_PROPERTY);

	r->Res.Property.RelOp = relop;
	r->Res.Property.PropTag = tag;
	r->Res.Property.TaggedValue.PropertyTag = tag;
	r->Res.Property.TaggedValue.Value.Integer32 = value;
	return r;
}

static struct Restriction *prop_str(TALLOC_CTX *mem_ctx, uint8_t relop,
				    uint32_t tag, const char *s)
{
	struct Restriction *r = res(mem_ctx, RES_PROPERTY);

	r->Res.Property.RelOp = relop;
	r->Res.Property.PropTag = tag;
	r->Res.Property.TaggedValue.PropertyTag = tag & 0xFFFF0FFF;
	if ((tag & 0x0FFF) == PT_STRING8) {
		r->Res.Property.TaggedValue.Value.String8 = s;
	} else {
		r->Res.Property.TaggedValue.Value.String = s;
	}
	return r;
}

static struct Restriction *content(TALLOC_CTX *mem_ctx, uint16_t low,
				   uint16_t high, uint32_t tag, const char *s)
{
	struct Restriction *r = res(mem_ctx, RES_CONTENT);

	r->Res.Content.FuzzyLevelLow = low;
	r->Res.Content.FuzzyLevelHigh = high;
	r->Res.Content.PropertyTag = tag;
	r->Res.Content.TaggedValue.PropertyTag = TAG(tag >> 16, PT_UNICODE);
	r->Res.Content.TaggedValue.Value.String = s;
	return r;
}

static bool match(const struct Restriction *r, const struct mstore_row *row)
{
	assert_int_equal(emsmdb_restriction_check(r), MAPI_E_SUCCESS);
	return emsmdb_restriction_match(NULL, r, row, NULL);
}

static void test_compare(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mstore_row *a = row_new(mem_ctx, "alpha", 1, 0, 10, NULL);
	struct mstore_row *b = row_new(mem_ctx, "Beta", 2, 0, 5, NULL);
	struct mstore_value s8 = { .tag = P_SUBJECT_A };

	(void)state;
	/* strings fold case; string8 and Unicode compare alike */
	assert_true(emsmdb_value_compare(NULL, &a->values[0], &b->values[0]) < 0);
	s8.v.str = "ALPHA";
	assert_int_equal(emsmdb_value_compare(NULL, &a->values[0], &s8), 0);
	assert_ptr_equal(emsmdb_row_find(a, P_SUBJECT_A), &a->values[0]);
	assert_true(emsmdb_value_compare(NULL, &a->values[1], &b->values[1]) < 0);
	assert_true(emsmdb_value_compare(NULL, &a->values[3], &b->values[3]) > 0);
	assert_null(emsmdb_row_find(a, P_BODY));
	talloc_free(mem_ctx);
}

static void test_sort_keys(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mstore_row *r1 = row_new(mem_ctx, "a", 1, 0, 30, "x");
	struct mstore_row *r2 = row_new(mem_ctx, "b", 1, 0, 20, NULL);
	struct mstore_row *r3 = row_new(mem_ctx, "c", 2, 0, 10, "y");
	struct SortOrder imp_desc_time[2] = {
		{ PT_LONG, 0x0017, 1 }, { PT_SYSTIME, 0x0E06, 0 }
	};
	struct SortOrder body[1] = { { PT_UNICODE, 0x1000, 0 } };
	struct SortOrder body_desc[1] = { { PT_UNICODE, 0x1000, 1 } };

	(void)state;
	/* importance descending first */
	assert_true(emsmdb_row_compare(NULL, imp_desc_time, 2, r3, r1) < 0);
	/* equal importance: time ascending */
	assert_true(emsmdb_row_compare(NULL, imp_desc_time, 2, r2, r1) < 0);
	assert_int_equal(emsmdb_row_compare(NULL, imp_desc_time, 2, r1, r1), 0);
	/* a missing value sorts first ascending, last descending */
	assert_true(emsmdb_row_compare(NULL, body, 1, r2, r1) < 0);
	assert_true(emsmdb_row_compare(NULL, body_desc, 1, r2, r1) > 0);
	talloc_free(mem_ctx);
}

static void test_logic(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mstore_row *row = row_new(mem_ctx, "Hello World", 2, 1, 0,
					 NULL);
	struct Restriction *and = res(mem_ctx, RES_AND);
	struct Restriction *or = res(mem_ctx, RES_OR);
	struct Restriction *not = res(mem_ctx, RES_NOT);
	struct Restriction *list = talloc_array(mem_ctx, struct Restriction,
						2);

	(void)state;
	list[0] = *prop_long(mem_ctx, RELOP_EQ, P_IMPORTANCE, 2);
	list[1] = *prop_long(mem_ctx, RELOP_GT, P_IMPORTANCE, 5);
	and->Res.And.RestrictCount = 2;
	and->Res.And.Restricts = list;
	or->Res.Or.RestrictCount = 2;
	or->Res.Or.Restricts = list;
	assert_false(match(and, row));
	assert_true(match(or, row));
	not->Res.Not.Restriction = and;
	assert_true(match(not, row));
	/* empty And is true, empty Or false */
	and->Res.And.RestrictCount = 0;
	or->Res.Or.RestrictCount = 0;
	assert_true(match(and, row));
	assert_false(match(or, row));
	talloc_free(mem_ctx);
}

static void test_content(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mstore_row *row = row_new(mem_ctx, "Hello World", 0, 0, 0,
					 NULL);

	(void)state;
	assert_true(match(content(mem_ctx, FL_SUBSTRING, FL_IGNORECASE,
				  P_SUBJECT, "o wor"), row));
	assert_false(match(content(mem_ctx, FL_SUBSTRING, 0, P_SUBJECT,
				   "o wor"), row));
	assert_true(match(content(mem_ctx, FL_PREFIX, 0, P_SUBJECT, "Hell"),
			  row));
	assert_false(match(content(mem_ctx, FL_PREFIX, 0, P_SUBJECT, "World"),
			   row));
	assert_true(match(content(mem_ctx, FL_FULLSTRING, FL_IGNORECASE,
				  P_SUBJECT, "hello world"), row));
	assert_false(match(content(mem_ctx, FL_FULLSTRING, 0, P_SUBJECT,
				   "Hello"), row));
	/* multi-valued: any value */
	assert_true(match(content(mem_ctx, FL_FULLSTRING, FL_IGNORECASE,
				  P_KEYWORDS, "blue"), row));
	/* missing property */
	assert_false(match(content(mem_ctx, FL_SUBSTRING, 0, P_BODY, "x"),
			   row));
	talloc_free(mem_ctx);
}

static void test_property(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mstore_row *row = row_new(mem_ctx, "m", 2, 0, 0, NULL);
	static const struct { uint8_t relop; uint32_t v; bool want; } c[] = {
		{ RELOP_LT, 3, true }, { RELOP_LT, 2, false },
		{ RELOP_LE, 2, true }, { RELOP_GT, 1, true },
		{ RELOP_GT, 2, false }, { RELOP_GE, 2, true },
		{ RELOP_EQ, 2, true }, { RELOP_NE, 2, false },
		{ RELOP_NE, 1, true },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		assert_int_equal(match(prop_long(mem_ctx, c[i].relop,
						 P_IMPORTANCE, c[i].v), row),
				 c[i].want);
	}
	assert_true(match(prop_str(mem_ctx, RELOP_EQ, P_SUBJECT_A, "M"), row));
	assert_true(match(prop_str(mem_ctx, RELOP_EQ, P_KEYWORDS, "RED"),
			  row));
	/* missing property: no match */
	assert_false(match(prop_long(mem_ctx, RELOP_NE, TAG(0x7000, PT_LONG),
				     1), row));
	talloc_free(mem_ctx);
}

static void test_bitmask_size_exist(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mstore_row *row = row_new(mem_ctx, "abc", 0, 0x05, 0, "body");
	struct Restriction *r = res(mem_ctx, RES_BITMASK);
	struct Restriction *s = res(mem_ctx, RES_SIZE);
	struct Restriction *e = res(mem_ctx, RES_EXIST);
	struct Restriction *cmp = res(mem_ctx, RES_COMPAREPROPS);

	(void)state;
	r->Res.BitMask.PropTag = P_FLAGS;
	r->Res.BitMask.Mask = 0x04;
	r->Res.BitMask.BitmapRelOp = BMR_NEZ;
	assert_true(match(r, row));
	r->Res.BitMask.BitmapRelOp = BMR_EQZ;
	assert_false(match(r, row));
	r->Res.BitMask.Mask = 0x02;
	assert_true(match(r, row));
	/* "abc" as PtypString: 8 bytes with its terminator */
	s->Res.Size.PropTag = P_SUBJECT;
	s->Res.Size.RelOp = RELOP_EQ;
	s->Res.Size.Size = 8;
	assert_true(match(s, row));
	s->Res.Size.PropTag = P_BLOB;
	s->Res.Size.RelOp = RELOP_LT;
	s->Res.Size.Size = 3;
	assert_false(match(s, row));
	e->Res.Exist.PropTag = P_BODY;
	assert_true(match(e, row));
	e->Res.Exist.PropTag = P_SIZE;
	assert_false(match(e, row));
	cmp->Res.CompareProperties.RelOp = RELOP_GT;
	cmp->Res.CompareProperties.PropTag1 = P_SUBJECT;
	cmp->Res.CompareProperties.PropTag2 = P_BODY;
	assert_false(match(cmp, row));		/* "abc" < "body" */
	talloc_free(mem_ctx);
}

static void test_count_comment(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mstore_row *row = row_new(mem_ctx, "x", 1, 0, 0, NULL);
	struct Restriction *count = res(mem_ctx, RES_COUNT);
	struct Restriction *comment = res(mem_ctx, RES_COMMENT);
	struct emsmdb_match_state st = { 0 };
	int i, n = 0;

	(void)state;
	count->Res.Count.Count = 3;
	count->Res.Count.SubRestriction = prop_long(mem_ctx, RELOP_EQ,
						    P_IMPORTANCE, 1);
	assert_int_equal(emsmdb_restriction_check(count), MAPI_E_SUCCESS);
	for (i = 0; i < 10; i++) {
		n += emsmdb_restriction_match(NULL, count, row, &st) ? 1 : 0;
	}
	assert_int_equal(n, 3);
	assert_true(match(comment, row));	/* no restriction: all rows */
	comment->Res.Comment.RestrictionPresent = 1;
	comment->Res.Comment.Restriction.Present.Restriction =
		prop_long(mem_ctx, RELOP_EQ, P_IMPORTANCE, 2);
	assert_false(match(comment, row));
	talloc_free(mem_ctx);
}

static void test_unsupported(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct Restriction *sub = res(mem_ctx, RES_SUBRESTRICTION);
	struct Restriction *bad = res(mem_ctx, 0x42);
	struct Restriction *re = prop_str(mem_ctx, RELOP_RE, P_SUBJECT, "a");
	struct Restriction *mix = prop_long(mem_ctx, RELOP_EQ, P_SUBJECT, 1);
	struct Restriction *bm = res(mem_ctx, RES_BITMASK);
	struct Restriction *copy = NULL;
	struct Restriction *ok = content(mem_ctx, FL_PREFIX, 0, P_SUBJECT,
					 "abc");

	(void)state;
	mix->Res.Property.TaggedValue.PropertyTag = P_IMPORTANCE;
	bm->Res.BitMask.PropTag = P_SUBJECT;
	assert_int_equal(emsmdb_restriction_check(sub), MAPI_E_TOO_COMPLEX);
	assert_int_equal(emsmdb_restriction_check(bad), MAPI_E_TOO_COMPLEX);
	assert_int_equal(emsmdb_restriction_check(re), MAPI_E_TOO_COMPLEX);
	assert_int_equal(emsmdb_restriction_check(mix), MAPI_E_TOO_COMPLEX);
	assert_int_equal(emsmdb_restriction_check(bm), MAPI_E_TOO_COMPLEX);
	assert_int_equal(emsmdb_restriction_copy(mem_ctx, ok, &copy),
			 MAPI_E_SUCCESS);
	assert_string_equal(copy->Res.Content.TaggedValue.Value.String,
			    "abc");
	talloc_free(mem_ctx);
}

#define O_UML "\xc3\x96"	/* Ö */
#define i_DOTLESS "\xc4\xb1"	/* ı */

/* In a collator of the sort locale: Ö after Z in Swedish, with O in
 * German; case does not count; content restrictions fold as the locale
 * does (Turkish dotless i). */
static void test_collation(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_collator *de = mapi_collator_new(mem_ctx, 0x0407,
						     MAPI_COLLATE_IGNORE_CASE);
	struct mapi_collator *sv = mapi_collator_new(mem_ctx, 0x041D,
						     MAPI_COLLATE_IGNORE_CASE);
	struct mapi_collator *tr = mapi_collator_new(mem_ctx, 0x041F,
						     MAPI_COLLATE_IGNORE_CASE);
	struct mstore_row *o = row_new(mem_ctx, O_UML "rjan", 0, 0, 0, NULL);
	struct mstore_row *z = row_new(mem_ctx, "Zorro", 0, 0, 0, NULL);
	struct mstore_row *lo = row_new(mem_ctx, "zorro", 0, 0, 0, NULL);
	struct mstore_row *t = row_new(mem_ctx, "KIRMIZI", 0, 0, 0, NULL);
	struct SortOrder subj[1] = { { PT_UNICODE, 0x0037, 0 } };
	struct Restriction *r;

	(void)state;
	assert_non_null(de);
	assert_non_null(sv);
	assert_true(emsmdb_row_compare(de, subj, 1, o, z) < 0);
	assert_true(emsmdb_row_compare(sv, subj, 1, o, z) > 0);
	assert_int_equal(emsmdb_row_compare(de, subj, 1, z, lo), 0);
	/* RELOP_EQ of strings ignores case in the locale */
	r = prop_str(mem_ctx, RELOP_EQ, P_SUBJECT, "ZORRO");
	assert_int_equal(emsmdb_restriction_check(r), MAPI_E_SUCCESS);
	assert_true(emsmdb_restriction_match(de, r, lo, NULL));
	r = prop_str(mem_ctx, RELOP_GT, P_SUBJECT, "Z");
	assert_true(emsmdb_restriction_match(sv, r, o, NULL));
	assert_false(emsmdb_restriction_match(de, r, o, NULL));
	/* FL_IGNORECASE | FL_IGNORENONSPACE: "orjan" finds Örjan */
	r = content(mem_ctx, FL_PREFIX, FL_IGNORECASE | FL_IGNORENONSPACE,
		    P_SUBJECT, "orjan");
	assert_true(emsmdb_restriction_match(de, r, o, NULL));
	r = content(mem_ctx, FL_PREFIX, FL_IGNORECASE, P_SUBJECT, "orjan");
	assert_false(emsmdb_restriction_match(de, r, o, NULL));
	/* Turkish: I folds to dotless i */
	r = content(mem_ctx, FL_FULLSTRING, FL_IGNORECASE, P_SUBJECT,
		    "k" i_DOTLESS "rm" i_DOTLESS "z" i_DOTLESS);
	assert_true(emsmdb_restriction_match(tr, r, t, NULL));
	assert_false(emsmdb_restriction_match(de, r, t, NULL));
	talloc_free(mem_ctx);
}

/* Operands: PtypErrorCode is a value, an object is ecTooComplex; the
 * store mode retags string8 as Unicode, the operand mode keeps it. */
static void test_wire_values(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	union PropertyValueUnion in = { 0 };
	struct mstore_value v;

	(void)state;
	in.ErrorCode = 0x8004010F;
	assert_int_equal(emsmdb_value_convert(mem_ctx, NULL,
					      EMSMDB_WIRE_OPERAND,
					      TAG(0x0037, PT_ERROR), &in, &v),
			 MAPI_E_SUCCESS);
	assert_int_equal(v.v.err, 0x8004010F);
	assert_int_equal(emsmdb_value_convert(mem_ctx, NULL,
					      EMSMDB_WIRE_STORE,
					      TAG(0x0037, PT_ERROR), &in, &v),
			 MAPI_E_INVALID_TYPE);
	assert_int_equal(emsmdb_value_convert(mem_ctx, NULL,
					      EMSMDB_WIRE_OPERAND,
					      TAG(0x0037, PT_OBJECT), &in, &v),
			 MAPI_E_TOO_COMPLEX);
	assert_int_equal(emsmdb_value_convert(mem_ctx, NULL,
					      EMSMDB_WIRE_STORE,
					      TAG(0x0037, PT_OBJECT), &in, &v),
			 MAPI_E_INVALID_TYPE);
	in.String8 = "abc";
	assert_int_equal(emsmdb_value_convert(mem_ctx, NULL,
					      EMSMDB_WIRE_OPERAND,
					      P_SUBJECT_A, &in, &v),
			 MAPI_E_SUCCESS);
	assert_int_equal(v.tag, P_SUBJECT_A);
	assert_ptr_equal(v.v.str, in.String8);
	assert_int_equal(emsmdb_value_convert(mem_ctx, NULL,
					      EMSMDB_WIRE_STORE,
					      P_SUBJECT_A, &in, &v),
			 MAPI_E_SUCCESS);
	assert_int_equal(v.tag, P_SUBJECT);
	assert_string_equal(v.v.str, "abc");
	talloc_free(mem_ctx);
}

static void test_tags(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct Restriction *and = res(mem_ctx, RES_AND);
	struct Restriction *list = talloc_array(mem_ctx, struct Restriction,
						3);
	uint32_t *tags = NULL, n = 0;

	(void)state;
	list[0] = *prop_long(mem_ctx, RELOP_EQ, P_IMPORTANCE, 2);
	list[1] = *content(mem_ctx, 0, 0, P_SUBJECT, "x");
	list[2] = *prop_long(mem_ctx, RELOP_NE, P_IMPORTANCE, 1);
	and->Res.And.RestrictCount = 3;
	and->Res.And.Restricts = list;
	assert_int_equal(emsmdb_restriction_tags(mem_ctx, and, &tags, &n),
			 MAPI_E_SUCCESS);
	assert_int_equal(n, 2);
	assert_int_equal(tags[0], P_IMPORTANCE);
	assert_int_equal(tags[1], P_SUBJECT);
	talloc_free(mem_ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_sort_keys),
		cmocka_unit_test(test_logic),
		cmocka_unit_test(test_content),
		cmocka_unit_test(test_property),
		cmocka_unit_test(test_bitmask_size_exist),
		cmocka_unit_test(test_count_comment),
		cmocka_unit_test(test_unsupported),
		cmocka_unit_test(test_tags),
		cmocka_unit_test(test_collation),
		cmocka_unit_test(test_wire_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
