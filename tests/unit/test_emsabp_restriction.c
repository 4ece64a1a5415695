/*
 * Unit tests of NSPI restriction checking and evaluation (providers/
 * emsabp/emsabp_restriction.c, [MS-OXNSPI] 2.2.5, [MS-OXCDATA] 2.12)
 * against a fake address book entry: every restriction type and
 * relational operator, multivalued properties, the ANR callback, nesting
 * limits and malformed restrictions.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <stdlib.h>
#include <stdbool.h>
#include <cmocka.h>

#include "providers/emsabp/emsabp_match.h"

#define TAG(id, type) (((uint32_t)(id) << 16) | (type))

#define u_UML "\xc3\xbc"

#define P_DISPLAY_NAME	TAG(0x3001, PT_UNICODE)
#define P_DISPLAY_NAME_A TAG(0x3001, PT_STRING8)
#define P_ACCOUNT	TAG(0x3A00, PT_UNICODE)
#define P_GIVEN_NAME	TAG(0x3A06, PT_UNICODE)
#define P_SURNAME	TAG(0x3A11, PT_UNICODE)
#define P_NICKNAME	TAG(0x3A4F, PT_UNICODE)
#define P_TITLE		TAG(0x3A17, PT_UNICODE)	/* absent */
#define P_DISPLAY_TYPE	TAG(0x3900, PT_LONG)
#define P_OBJECT_TYPE	TAG(0x0FFE, PT_LONG)
#define P_ENTRYID	TAG(0x0FFF, PT_BINARY)
#define P_RICH_INFO	TAG(0x3A40, PT_BOOLEAN)
#define P_CREATED	TAG(0x3007, PT_SYSTIME)
#define P_SHORT		TAG(0x7000, PT_SHORT)
#define P_GUID		TAG(0x7001, PT_CLSID)
#define P_MV_LONG	TAG(0x7002, PT_MV_LONG)
#define P_MV_BINARY	TAG(0x7003, PT_MV_BINARY)
#define P_PROXY		TAG(0x800F, PT_MV_UNICODE)
#define P_PROXY_A	TAG(0x800F, PT_MV_STRING8)
#define P_ANR		TAG(EMSABP_PID_ANR, PT_UNICODE)
#define P_ANR_A		TAG(EMSABP_PID_ANR, PT_STRING8)
#define P_WRONG_TYPE	TAG(0x7004, PT_LONG)	/* getter lies */

struct fake_entry {
	uint32_t count;
	struct PropertyValue_r *props;
	bool lie;		/* answer P_WRONG_TYPE with a string */
};

struct anr_log {
	unsigned calls;
	const char *last;
};

static uint8_t entryid[] = { 0, 0, 0, 0, 0xDC, 0xA7, 0x40, 0xC8 };
static struct FlatUID_r guid = { { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
				   13, 14, 15, 16 } };
static int32_t mv_longs[] = { 1, 5, 9 };
static const char *proxies[] = { "SMTP:juergen@example.com",
				 "smtp:jm@example.org" };
static uint8_t bin1[] = { 0xAA, 0xBB };
static uint8_t bin2[] = { 0x01, 0x02, 0x03 };
static struct Binary_r mv_bins[] = { { 2, bin1 }, { 3, bin2 } };

static struct PropertyValue_r sv(uint32_t tag)
{
	struct PropertyValue_r v;

	memset(&v, 0, sizeof(v));
	v.ulPropTag = tag;
	return v;
}

static struct PropertyValue_r str(uint32_t tag, const char *s)
{
	struct PropertyValue_r v = sv(tag);

	if ((tag & 0xFFFF) == PT_STRING8) {
		v.Value.lpszA = s;
	} else {
		v.Value.lpszW = s;
	}
	return v;
}

static struct PropertyValue_r lng(uint32_t tag, int32_t l)
{
	struct PropertyValue_r v = sv(tag);

	v.Value.l = l;
	return v;
}

static struct PropertyValue_r bin(uint32_t tag, uint8_t *p, uint32_t cb)
{
	struct PropertyValue_r v = sv(tag);

	v.Value.bin.cb = cb;
	v.Value.bin.lpb = p;
	return v;
}

static struct fake_entry *make_entry(TALLOC_CTX *mem_ctx)
{
	struct fake_entry *e = talloc_zero(mem_ctx, struct fake_entry);
	struct PropertyValue_r *p = talloc_zero_array(e,
		struct PropertyValue_r, 20);
	uint32_t n = 0;

	p[n++] = str(P_DISPLAY_NAME, "J" u_UML "rgen M" u_UML "ller");
	p[n++] = str(P_ACCOUNT, "jmueller");
	p[n++] = str(P_GIVEN_NAME, "J" u_UML "rgen");
	p[n++] = str(P_SURNAME, "M" u_UML "ller");
	p[n++] = str(P_NICKNAME, "J" u_UML "rgen");
	p[n++] = lng(P_DISPLAY_TYPE, 0);
	p[n++] = lng(P_OBJECT_TYPE, 6);
	p[n++] = bin(P_ENTRYID, entryid, sizeof(entryid));
	p[n] = sv(P_RICH_INFO);
	p[n++].Value.b = 1;
	p[n] = sv(P_CREATED);
	p[n].Value.ft.dwHighDateTime = 0x01D00000;
	p[n++].Value.ft.dwLowDateTime = 0x80000000;
	p[n] = sv(P_SHORT);
	p[n++].Value.i = -5;
	p[n] = sv(P_GUID);
	p[n++].Value.lpguid = &guid;
	p[n] = sv(P_MV_LONG);
	p[n].Value.MVl.cValues = 3;
	p[n++].Value.MVl.lpl = mv_longs;
	p[n] = sv(P_MV_BINARY);
	p[n].Value.MVbin.cValues = 2;
	p[n++].Value.MVbin.lpbin = mv_bins;
	p[n] = sv(P_PROXY);
	p[n].Value.MVszW.cValues = 2;
	p[n++].Value.MVszW.lppszW = proxies;
	e->count = n;
	e->props = p;
	return e;
}

static bool same_prop(uint32_t have, uint32_t want)
{
	uint32_t ht = have & 0xFFFF, wt = want & 0xFFFF;

	if ((have >> 16) != (want >> 16)) {
		return false;
	}
	if (ht == wt) {
		return true;
	}
	/* strings are UTF-8 in memory: either string type serves */
	return ((ht | 1) == PT_UNICODE && (wt | 1) == PT_UNICODE) ||
		((ht | 1) == PT_MV_UNICODE && (wt | 1) == PT_MV_UNICODE);
}

static bool fake_get(TALLOC_CTX *mem_ctx, void *entry, uint32_t tag,
		     struct PropertyValue_r *value)
{
	struct fake_entry *e = entry;
	uint32_t i;

	if (e->lie && tag == P_WRONG_TYPE) {
		*value = str(TAG(0x7004, PT_UNICODE), "not a long");
		return true;
	}
	for (i = 0; i < e->count; i++) {
		if (same_prop(e->props[i].ulPropTag, tag)) {
			*value = e->props[i];
			value->ulPropTag = tag;
			return true;
		}
	}
	return false;
}

static bool fake_anr(void *entry, const char *text, void *priv)
{
	struct anr_log *log = priv;

	log->calls++;
	log->last = text;
	return strcmp(text, "jm") == 0;
}

struct fixture {
	struct fake_entry *entry;
	struct emsabp_match_ctx ctx;
	struct anr_log anr;
};

static int setup(void **state)
{
	struct fixture *f = talloc_zero(NULL, struct fixture);

	if (f == NULL) {
		return -1;
	}
	f->entry = make_entry(f);
	f->ctx.get = fake_get;
	f->ctx.coll = mapi_collator_new(f, 0x0407, 0);
	f->ctx.anr = fake_anr;
	f->ctx.anr_private = &f->anr;
	*state = f;
	return f->entry == NULL || f->ctx.coll == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	talloc_free(*state);
	return 0;
}

/* ------------------------------------------------ restriction builders */

static struct Restriction_r *res_new(TALLOC_CTX *mem, uint32_t rt)
{
	struct Restriction_r *r = talloc_zero(mem, struct Restriction_r);

	assert_non_null(r);
	r->rt = rt;
	return r;
}

static struct PropertyValue_r *val_dup(TALLOC_CTX *mem,
				       struct PropertyValue_r v)
{
	struct PropertyValue_r *p = talloc(mem, struct PropertyValue_r);

	assert_non_null(p);
	*p = v;
	return p;
}

static struct Restriction_r *content(TALLOC_CTX *mem, uint32_t fuzzy,
				     uint32_t tag, struct PropertyValue_r v)
{
	struct Restriction_r *r = res_new(mem, EMSABP_RES_CONTENT);

	r->res.resContent.ulFuzzyLevel = fuzzy;
	r->res.resContent.ulPropTag = tag;
	r->res.resContent.lpProp = val_dup(r, v);
	return r;
}

static struct Restriction_r *prop(TALLOC_CTX *mem, uint32_t relop,
				  uint32_t tag, struct PropertyValue_r v)
{
	struct Restriction_r *r = res_new(mem, EMSABP_RES_PROPERTY);

	r->res.resProperty.relop = relop;
	r->res.resProperty.ulPropTag = tag;
	r->res.resProperty.lpProp = val_dup(r, v);
	return r;
}

static struct Restriction_r *cmp_props(TALLOC_CTX *mem, uint32_t relop,
				       uint32_t t1, uint32_t t2)
{
	struct Restriction_r *r = res_new(mem, EMSABP_RES_COMPAREPROPS);

	r->res.resCompareProps.relop = relop;
	r->res.resCompareProps.ulPropTag1 = t1;
	r->res.resCompareProps.ulPropTag2 = t2;
	return r;
}

static struct Restriction_r *bitmask(TALLOC_CTX *mem, uint32_t bmr,
				     uint32_t tag, uint32_t mask)
{
	struct Restriction_r *r = res_new(mem, EMSABP_RES_BITMASK);

	r->res.resBitMask.relBMR = bmr;
	r->res.resBitMask.ulPropTag = tag;
	r->res.resBitMask.ulMask = mask;
	return r;
}

static struct Restriction_r *size(TALLOC_CTX *mem, uint32_t relop,
				  uint32_t tag, uint32_t cb)
{
	struct Restriction_r *r = res_new(mem, EMSABP_RES_SIZE);

	r->res.resSize.relop = relop;
	r->res.resSize.ulPropTag = tag;
	r->res.resSize.cb = cb;
	return r;
}

static struct Restriction_r *exist(TALLOC_CTX *mem, uint32_t tag)
{
	struct Restriction_r *r = res_new(mem, EMSABP_RES_EXIST);

	r->res.resExist.ulPropTag = tag;
	return r;
}

static struct Restriction_r *not(TALLOC_CTX *mem, struct Restriction_r *c)
{
	struct Restriction_r *r = res_new(mem, EMSABP_RES_NOT);

	r->res.resNot.lpRes = c;
	return r;
}

/* AND or OR of @a n restrictions (copied into one array). */
static struct Restriction_r *list(TALLOC_CTX *mem, uint32_t rt, uint32_t n,
				  ...)
{
	struct Restriction_r *r = res_new(mem, rt);
	struct Restriction_r *items = talloc_zero_array(r,
		struct Restriction_r, n);
	va_list ap;
	uint32_t i;

	va_start(ap, n);
	for (i = 0; i < n; i++) {
		items[i] = *va_arg(ap, struct Restriction_r *);
	}
	va_end(ap);
	/* AndRestriction_r and OrRestriction_r have one layout */
	r->res.resAnd.cRes = n;
	r->res.resAnd.lpRes = n == 0 ? NULL : items;
	return r;
}

/* Validates, then evaluates against the fixture's entry. */
static bool eval(struct fixture *f, const struct Restriction_r *r)
{
	assert_int_equal(emsabp_restriction_validate(r), MAPI_E_SUCCESS);
	return emsabp_restriction_match(&f->ctx, r, f->entry);
}

static void assert_refused(struct fixture *f, const struct Restriction_r *r,
			   enum MAPISTATUS expected)
{
	assert_int_equal(emsabp_restriction_validate(r), expected);
	/* evaluating it anyway must not crash, and matches nothing */
	assert_false(emsabp_restriction_match(&f->ctx, r, f->entry));
}

/* ---------------------------------------------------------------- tests */

static void test_and_or_not(void **state)
{
	struct fixture *f = *state;
	struct Restriction_r *yes = exist(f, P_ACCOUNT);
	struct Restriction_r *no = exist(f, P_TITLE);

	assert_true(eval(f, yes));
	assert_false(eval(f, no));
	assert_true(eval(f, list(f, EMSABP_RES_AND, 0)));
	assert_false(eval(f, list(f, EMSABP_RES_OR, 0)));
	assert_true(eval(f, list(f, EMSABP_RES_AND, 2, yes, yes)));
	assert_false(eval(f, list(f, EMSABP_RES_AND, 2, yes, no)));
	assert_true(eval(f, list(f, EMSABP_RES_OR, 2, no, yes)));
	assert_false(eval(f, list(f, EMSABP_RES_OR, 2, no, no)));
	assert_false(eval(f, not(f, yes)));
	assert_true(eval(f, not(f, no)));
	assert_true(eval(f, not(f, not(f, yes))));
	assert_true(eval(f, list(f, EMSABP_RES_AND, 2, yes,
				 not(f, list(f, EMSABP_RES_OR, 1, no)))));
}

static void test_content_strings(void **state)
{
	struct fixture *f = *state;
	const uint32_t IC = MAPI_FL_IGNORECASE;
	const uint32_t NS = MAPI_FL_IGNORENONSPACE;
	struct PropertyValue_r full = str(P_DISPLAY_NAME,
					  "J" u_UML "rgen M" u_UML "ller");

	assert_true(eval(f, content(f, MAPI_FL_FULLSTRING, P_DISPLAY_NAME,
				    full)));
	assert_false(eval(f, content(f, MAPI_FL_FULLSTRING, P_DISPLAY_NAME,
				     str(P_DISPLAY_NAME, "J" u_UML "rgen"))));
	assert_true(eval(f, content(f, MAPI_FL_PREFIX, P_DISPLAY_NAME,
				    str(P_DISPLAY_NAME, "J" u_UML "rg"))));
	assert_false(eval(f, content(f, MAPI_FL_PREFIX, P_DISPLAY_NAME,
				     str(P_DISPLAY_NAME, "M" u_UML))));
	assert_true(eval(f, content(f, MAPI_FL_SUBSTRING, P_DISPLAY_NAME,
				    str(P_DISPLAY_NAME, "M" u_UML))));
	assert_false(eval(f, content(f, MAPI_FL_SUBSTRING, P_DISPLAY_NAME,
				     str(P_DISPLAY_NAME, "MULLER"))));
	assert_false(eval(f, content(f, MAPI_FL_SUBSTRING | IC,
				     P_DISPLAY_NAME,
				     str(P_DISPLAY_NAME, "MULLER"))));
	assert_true(eval(f, content(f, MAPI_FL_SUBSTRING | IC | NS,
				    P_DISPLAY_NAME,
				    str(P_DISPLAY_NAME, "MULLER"))));
	assert_true(eval(f, content(f, MAPI_FL_PREFIX | MAPI_FL_LOOSE,
				    P_DISPLAY_NAME,
				    str(P_DISPLAY_NAME, "jurgen m"))));
	/* PT_STRING8 restriction on the same property, and mixed types */
	assert_true(eval(f, content(f, MAPI_FL_PREFIX, P_DISPLAY_NAME_A,
				    str(P_DISPLAY_NAME_A, "J"))));
	assert_true(eval(f, content(f, MAPI_FL_PREFIX, P_DISPLAY_NAME_A,
				    str(P_DISPLAY_NAME, "J"))));
	/* missing property: false, and NOT of it true */
	assert_false(eval(f, content(f, MAPI_FL_SUBSTRING, P_TITLE,
				     str(P_TITLE, ""))));
	assert_true(eval(f, not(f, content(f, MAPI_FL_SUBSTRING, P_TITLE,
					   str(P_TITLE, "")))));
}

static void test_content_binary_and_mv(void **state)
{
	struct fixture *f = *state;
	uint8_t pre[] = { 0, 0, 0, 0 }, mid[] = { 0xDC, 0xA7 };
	uint8_t other[] = { 0xA7, 0xDC };

	assert_true(eval(f, content(f, MAPI_FL_FULLSTRING, P_ENTRYID,
				    bin(P_ENTRYID, entryid,
					sizeof(entryid)))));
	assert_false(eval(f, content(f, MAPI_FL_FULLSTRING, P_ENTRYID,
				     bin(P_ENTRYID, pre, 4))));
	assert_true(eval(f, content(f, MAPI_FL_PREFIX, P_ENTRYID,
				    bin(P_ENTRYID, pre, 4))));
	assert_false(eval(f, content(f, MAPI_FL_PREFIX, P_ENTRYID,
				     bin(P_ENTRYID, mid, 2))));
	assert_true(eval(f, content(f, MAPI_FL_SUBSTRING, P_ENTRYID,
				    bin(P_ENTRYID, mid, 2))));
	assert_false(eval(f, content(f, MAPI_FL_SUBSTRING, P_ENTRYID,
				     bin(P_ENTRYID, other, 2))));
	assert_true(eval(f, content(f, MAPI_FL_SUBSTRING, P_ENTRYID,
				    bin(P_ENTRYID, NULL, 0))));

	/* multivalued: any value */
	assert_true(eval(f, content(f, MAPI_FL_SUBSTRING, P_PROXY,
				    str(P_DISPLAY_NAME, "jm@"))));
	assert_true(eval(f, content(f, MAPI_FL_PREFIX |
				    MAPI_FL_IGNORECASE, P_PROXY_A,
				    str(P_DISPLAY_NAME_A, "smtp:juergen"))));
	assert_false(eval(f, content(f, MAPI_FL_FULLSTRING, P_PROXY,
				     str(P_DISPLAY_NAME, "jm@example.org"))));
	assert_true(eval(f, content(f, MAPI_FL_FULLSTRING, P_MV_BINARY,
				    bin(P_ENTRYID, bin2, 3))));
	assert_false(eval(f, content(f, MAPI_FL_FULLSTRING, P_MV_BINARY,
				     bin(P_ENTRYID, bin2, 2))));
	/* MultivalueInstance: the same, value by value */
	assert_true(eval(f, content(f, MAPI_FL_SUBSTRING,
				    P_PROXY | 0x2000,
				    str(P_DISPLAY_NAME, "example.org"))));
}

static void assert_relops(struct fixture *f, uint32_t tag,
			  struct PropertyValue_r less,
			  struct PropertyValue_r same,
			  struct PropertyValue_r more)
{
	/* the entry's value compared with a smaller, equal and larger
	 * constant: "value relop constant" ([MS-OXCDATA] 2.12.5.1) */
	static const struct {
		uint32_t relop;
		bool vs_less, vs_same, vs_more;
	} table[] = {
		{ EMSABP_RELOP_LT, false, false, true },
		{ EMSABP_RELOP_LE, false, true, true },
		{ EMSABP_RELOP_GT, true, false, false },
		{ EMSABP_RELOP_GE, true, true, false },
		{ EMSABP_RELOP_EQ, false, true, false },
		{ EMSABP_RELOP_NE, true, false, true },
	};
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		uint32_t op = table[i].relop;
		if (eval(f, prop(f, op, tag, less)) != table[i].vs_less ||
		    eval(f, prop(f, op, tag, same)) != table[i].vs_same ||
		    eval(f, prop(f, op, tag, more)) != table[i].vs_more) {
			fail_msg("relop %u on tag 0x%08x", op, tag);
		}
		/* a missing property satisfies no relop */
		assert_false(eval(f, prop(f, op, (P_TITLE & 0xFFFF0000) |
					  (tag & 0xFFFF), same)));
	}
}

static void test_property_relops(void **state)
{
	struct fixture *f = *state;
	struct FlatUID_r g_less = guid, g_more = guid;
	struct PropertyValue_r a, b, c;
	uint8_t e_less[] = { 0, 0, 0, 0, 0xDC };	/* a prefix */
	uint8_t e_more[] = { 0, 0, 0, 1 };

	assert_relops(f, P_OBJECT_TYPE, lng(P_OBJECT_TYPE, 5),
		      lng(P_OBJECT_TYPE, 6), lng(P_OBJECT_TYPE, 7));
	assert_relops(f, P_OBJECT_TYPE, lng(P_OBJECT_TYPE, INT32_MIN),
		      lng(P_OBJECT_TYPE, 6), lng(P_OBJECT_TYPE, INT32_MAX));
	a = sv(P_SHORT); a.Value.i = -6;
	b = sv(P_SHORT); b.Value.i = -5;
	c = sv(P_SHORT); c.Value.i = 0;
	assert_relops(f, P_SHORT, a, b, c);
	a = sv(P_RICH_INFO); a.Value.b = 0;
	b = sv(P_RICH_INFO); b.Value.b = 7;	/* any non-zero is TRUE */
	c = sv(P_RICH_INFO); c.Value.b = 1;
	assert_int_equal(eval(f, prop(f, EMSABP_RELOP_EQ, P_RICH_INFO, b)),
			 true);
	assert_int_equal(eval(f, prop(f, EMSABP_RELOP_GT, P_RICH_INFO, a)),
			 true);
	assert_int_equal(eval(f, prop(f, EMSABP_RELOP_NE, P_RICH_INFO, c)),
			 false);
	/* strings in the German order: Ü sorts with U */
	assert_relops(f, P_SURNAME, str(P_SURNAME, "Muller"),
		      str(P_SURNAME, "M" u_UML "ller"),
		      str(P_SURNAME, "Mz"));
	assert_relops(f, P_SURNAME, str(P_SURNAME, "Ma"),
		      str(TAG(0x3A11, PT_STRING8), "M" u_UML "ller"),
		      str(P_SURNAME, "m" u_UML "llers"));
	assert_relops(f, P_ENTRYID, bin(P_ENTRYID, e_less, sizeof(e_less)),
		      bin(P_ENTRYID, entryid, sizeof(entryid)),
		      bin(P_ENTRYID, e_more, sizeof(e_more)));
	g_less.ab[15] = 15;
	g_more.ab[0] = 2;
	a = sv(P_GUID); a.Value.lpguid = &g_less;
	b = sv(P_GUID); b.Value.lpguid = &guid;
	c = sv(P_GUID); c.Value.lpguid = &g_more;
	assert_relops(f, P_GUID, a, b, c);
	a = sv(P_CREATED);
	a.Value.ft.dwHighDateTime = 0x01D00000;
	a.Value.ft.dwLowDateTime = 0x7FFFFFFF;
	b = sv(P_CREATED);
	b.Value.ft.dwHighDateTime = 0x01D00000;
	b.Value.ft.dwLowDateTime = 0x80000000;
	c = sv(P_CREATED);
	c.Value.ft.dwHighDateTime = 0x01D00001;
	c.Value.ft.dwLowDateTime = 0;
	assert_relops(f, P_CREATED, a, b, c);
}

static void test_property_mv(void **state)
{
	struct fixture *f = *state;

	/* {1, 5, 9}: some value satisfies the relop */
	assert_true(eval(f, prop(f, EMSABP_RELOP_EQ, P_MV_LONG,
				 lng(P_OBJECT_TYPE, 5))));
	assert_false(eval(f, prop(f, EMSABP_RELOP_EQ, P_MV_LONG,
				  lng(P_OBJECT_TYPE, 4))));
	assert_true(eval(f, prop(f, EMSABP_RELOP_GT, P_MV_LONG,
				 lng(P_OBJECT_TYPE, 8))));
	assert_false(eval(f, prop(f, EMSABP_RELOP_GT, P_MV_LONG,
				  lng(P_OBJECT_TYPE, 9))));
	assert_true(eval(f, prop(f, EMSABP_RELOP_LT, P_MV_LONG,
				 lng(P_OBJECT_TYPE, 2))));
	assert_true(eval(f, prop(f, EMSABP_RELOP_NE, P_MV_LONG,
				 lng(P_OBJECT_TYPE, 5))));
	assert_true(eval(f, prop(f, EMSABP_RELOP_EQ, P_PROXY,
				 str(P_DISPLAY_NAME,
				     "smtp:jm@example.org"))));
	assert_true(eval(f, prop(f, EMSABP_RELOP_EQ, P_MV_BINARY,
				 bin(P_ENTRYID, bin1, 2))));
}

static void test_compare_props(void **state)
{
	struct fixture *f = *state;

	assert_true(eval(f, cmp_props(f, EMSABP_RELOP_EQ, P_GIVEN_NAME,
				      P_NICKNAME)));
	assert_false(eval(f, cmp_props(f, EMSABP_RELOP_NE, P_GIVEN_NAME,
				       P_NICKNAME)));
	assert_true(eval(f, cmp_props(f, EMSABP_RELOP_LT, P_GIVEN_NAME,
				      P_SURNAME)));
	assert_true(eval(f, cmp_props(f, EMSABP_RELOP_LE, P_GIVEN_NAME,
				      P_SURNAME)));
	assert_false(eval(f, cmp_props(f, EMSABP_RELOP_GT, P_GIVEN_NAME,
				       P_SURNAME)));
	assert_true(eval(f, cmp_props(f, EMSABP_RELOP_GE, P_SURNAME,
				      P_GIVEN_NAME)));
	assert_true(eval(f, cmp_props(f, EMSABP_RELOP_GT, P_OBJECT_TYPE,
				      P_DISPLAY_TYPE)));
	assert_true(eval(f, cmp_props(f, EMSABP_RELOP_EQ, P_GIVEN_NAME,
				      TAG(0x3A4F, PT_STRING8))));
	/* one side missing: false either way */
	assert_false(eval(f, cmp_props(f, EMSABP_RELOP_EQ, P_TITLE,
				       P_GIVEN_NAME)));
	assert_false(eval(f, cmp_props(f, EMSABP_RELOP_NE, P_GIVEN_NAME,
				       P_TITLE)));
}

static void test_bitmask(void **state)
{
	struct fixture *f = *state;

	/* PidTagObjectType 6 = 0b110 */
	assert_true(eval(f, bitmask(f, EMSABP_BMR_NEZ, P_OBJECT_TYPE, 2)));
	assert_false(eval(f, bitmask(f, EMSABP_BMR_EQZ, P_OBJECT_TYPE, 2)));
	assert_true(eval(f, bitmask(f, EMSABP_BMR_EQZ, P_OBJECT_TYPE, 1)));
	assert_false(eval(f, bitmask(f, EMSABP_BMR_NEZ, P_OBJECT_TYPE, 1)));
	assert_true(eval(f, bitmask(f, EMSABP_BMR_EQZ, P_DISPLAY_TYPE,
				    0xFFFFFFFF)));
	/* -5 as a 16-bit value is 0xFFFB */
	assert_true(eval(f, bitmask(f, EMSABP_BMR_NEZ, P_SHORT, 0x8000)));
	assert_true(eval(f, bitmask(f, EMSABP_BMR_EQZ, P_SHORT, 0x10004)));
	/* no single-valued property of that id: false */
	assert_false(eval(f, bitmask(f, EMSABP_BMR_EQZ, TAG(0x7002, PT_LONG),
				     1)));
	assert_false(eval(f, bitmask(f, EMSABP_BMR_NEZ,
				     TAG(0x3A17, PT_LONG), 1)));
}

static void test_size(void **state)
{
	struct fixture *f = *state;
	/* "Jürgen Müller": 13 characters, 15 UTF-8 bytes */
	const uint32_t w = 2 * (13 + 1), a = 15 + 1;

	assert_true(eval(f, size(f, EMSABP_RELOP_EQ, P_DISPLAY_NAME, w)));
	assert_true(eval(f, size(f, EMSABP_RELOP_EQ, P_DISPLAY_NAME_A, a)));
	assert_true(eval(f, size(f, EMSABP_RELOP_LT, P_DISPLAY_NAME, w + 1)));
	assert_false(eval(f, size(f, EMSABP_RELOP_GT, P_DISPLAY_NAME, w)));
	assert_true(eval(f, size(f, EMSABP_RELOP_GE, P_ENTRYID, 8)));
	assert_true(eval(f, size(f, EMSABP_RELOP_LE, P_ENTRYID, 8)));
	assert_true(eval(f, size(f, EMSABP_RELOP_NE, P_ENTRYID, 9)));
	assert_true(eval(f, size(f, EMSABP_RELOP_EQ, P_OBJECT_TYPE, 4)));
	assert_true(eval(f, size(f, EMSABP_RELOP_EQ, P_SHORT, 2)));
	assert_true(eval(f, size(f, EMSABP_RELOP_EQ, P_GUID, 16)));
	assert_true(eval(f, size(f, EMSABP_RELOP_EQ, P_CREATED, 8)));
	assert_true(eval(f, size(f, EMSABP_RELOP_EQ, P_MV_LONG, 12)));
	assert_true(eval(f, size(f, EMSABP_RELOP_EQ, P_MV_BINARY, 5)));
	assert_false(eval(f, size(f, EMSABP_RELOP_GE, P_TITLE, 0)));
}

static void test_exist(void **state)
{
	struct fixture *f = *state;

	assert_true(eval(f, exist(f, P_DISPLAY_NAME)));
	assert_true(eval(f, exist(f, P_DISPLAY_NAME_A)));
	assert_true(eval(f, exist(f, P_PROXY)));
	assert_false(eval(f, exist(f, P_TITLE)));
	assert_true(eval(f, not(f, exist(f, P_TITLE))));
	/* a type the entry does not have it in */
	assert_false(eval(f, exist(f, TAG(0x3001, PT_LONG))));
}

static void test_anr(void **state)
{
	struct fixture *f = *state;
	struct Restriction_r *r;

	r = prop(f, EMSABP_RELOP_EQ, P_ANR, str(P_ANR, "jm"));
	assert_true(eval(f, r));
	assert_int_equal(f->anr.calls, 1);
	assert_string_equal(f->anr.last, "jm");
	assert_false(eval(f, prop(f, EMSABP_RELOP_EQ, P_ANR_A,
				  str(P_ANR_A, "nobody"))));
	assert_string_equal(f->anr.last, "nobody");
	assert_true(eval(f, content(f, MAPI_FL_PREFIX, P_ANR,
				    str(P_ANR, "jm"))));
	assert_int_equal(f->anr.calls, 3);
	/* under a NOT, and with no callback */
	assert_false(eval(f, not(f, r)));
	f->ctx.anr = NULL;
	assert_false(eval(f, r));
	assert_int_equal(f->anr.calls, 4);
	/* PidTagAnr is a string property */
	assert_refused(f, prop(f, EMSABP_RELOP_EQ, TAG(EMSABP_PID_ANR,
						       PT_LONG),
			       lng(TAG(EMSABP_PID_ANR, PT_LONG), 1)),
		       MAPI_E_TOO_COMPLEX);
}

static struct Restriction_r *nested_nots(TALLOC_CTX *mem, unsigned n,
					 struct Restriction_r *leaf)
{
	struct Restriction_r *r = leaf;

	while (n-- > 0) {
		r = not(mem, r);
	}
	return r;
}

static void test_nesting(void **state)
{
	struct fixture *f = *state;
	struct Restriction_r *leaf = exist(f, P_ACCOUNT);
	struct Restriction_r *r;
	unsigned i;

	/* 64 levels of NOT (even: same as the leaf) are fine, 65 not */
	assert_true(eval(f, nested_nots(f, EMSABP_RESTRICTION_MAX_DEPTH,
					leaf)));
	assert_refused(f, nested_nots(f, EMSABP_RESTRICTION_MAX_DEPTH + 1,
				      leaf), MAPI_E_TOO_COMPLEX);
	/* the same through AND/OR */
	r = leaf;
	for (i = 0; i < EMSABP_RESTRICTION_MAX_DEPTH; i++) {
		r = list(f, i % 2 ? EMSABP_RES_AND : EMSABP_RES_OR, 2, leaf,
			 r);
		if (i == 10) {
			/* wide is fine */
			assert_true(eval(f, r));
		}
	}
	assert_int_equal(emsabp_restriction_validate(r), MAPI_E_SUCCESS);
	r = list(f, EMSABP_RES_AND, 1, r);
	assert_int_equal(emsabp_restriction_validate(r),
			 MAPI_E_TOO_COMPLEX);
	/* very deep, never validated: refused at evaluation, no crash */
	r = nested_nots(f, 100000, leaf);
	assert_refused(f, r, MAPI_E_TOO_COMPLEX);
}

static void test_sub_and_unknown(void **state)
{
	struct fixture *f = *state;
	struct Restriction_r *sub = res_new(f, EMSABP_RES_SUBRESTRICTION);

	/* sub-object restrictions have no meaning for an entry */
	sub->res.resSubRestriction.ulSubObject = TAG(0x0E12, PT_OBJECT);
	sub->res.resSubRestriction.lpRes = exist(f, P_ACCOUNT);
	assert_refused(f, sub, MAPI_E_TOO_COMPLEX);
	assert_refused(f, res_new(f, 0x0A), MAPI_E_TOO_COMPLEX);
	assert_refused(f, res_new(f, 0x0B), MAPI_E_TOO_COMPLEX);
	assert_refused(f, res_new(f, 0xFFFFFFFF), MAPI_E_TOO_COMPLEX);
	assert_refused(f, list(f, EMSABP_RES_OR, 2, exist(f, P_ACCOUNT),
			       sub), MAPI_E_TOO_COMPLEX);
}

static void test_bad_input(void **state)
{
	struct fixture *f = *state;
	struct Restriction_r *r;
	struct PropertyValue_r v;

	assert_int_equal(emsabp_restriction_validate(NULL),
			 MAPI_E_INVALID_PARAMETER);
	assert_false(emsabp_restriction_match(&f->ctx, NULL, f->entry));
	assert_false(emsabp_restriction_match(NULL, exist(f, P_ACCOUNT),
					      f->entry));

	/* missing operands */
	r = res_new(f, EMSABP_RES_AND);
	r->res.resAnd.cRes = 3;
	assert_refused(f, r, MAPI_E_INVALID_PARAMETER);
	r = res_new(f, EMSABP_RES_OR);
	r->res.resOr.cRes = 1;
	assert_refused(f, r, MAPI_E_INVALID_PARAMETER);
	assert_refused(f, res_new(f, EMSABP_RES_NOT),
		       MAPI_E_INVALID_PARAMETER);
	r = content(f, MAPI_FL_PREFIX, P_ACCOUNT, str(P_ACCOUNT, "j"));
	r->res.resContent.lpProp = NULL;
	assert_refused(f, r, MAPI_E_INVALID_PARAMETER);
	r = prop(f, EMSABP_RELOP_EQ, P_ACCOUNT, str(P_ACCOUNT, "j"));
	r->res.resProperty.lpProp = NULL;
	assert_refused(f, r, MAPI_E_INVALID_PARAMETER);
	assert_refused(f, prop(f, EMSABP_RELOP_EQ, P_ACCOUNT,
			       str(P_ACCOUNT, NULL)),
		       MAPI_E_INVALID_PARAMETER);
	assert_refused(f, content(f, MAPI_FL_PREFIX, P_ACCOUNT,
				  str(P_ACCOUNT, NULL)),
		       MAPI_E_INVALID_PARAMETER);
	assert_refused(f, content(f, MAPI_FL_PREFIX, P_ENTRYID,
				  bin(P_ENTRYID, NULL, 4)),
		       MAPI_E_INVALID_PARAMETER);
	v = sv(P_GUID);
	assert_refused(f, prop(f, EMSABP_RELOP_EQ, P_GUID, v),
		       MAPI_E_INVALID_PARAMETER);

	/* operators out of range */
	assert_refused(f, prop(f, 7, P_OBJECT_TYPE, lng(P_OBJECT_TYPE, 6)),
		       MAPI_E_INVALID_PARAMETER);
	assert_refused(f, prop(f, 0xFFFFFFFF, P_OBJECT_TYPE,
			       lng(P_OBJECT_TYPE, 6)),
		       MAPI_E_INVALID_PARAMETER);
	assert_refused(f, cmp_props(f, 9, P_GIVEN_NAME, P_SURNAME),
		       MAPI_E_INVALID_PARAMETER);
	assert_refused(f, size(f, 0x63, P_ENTRYID, 1),
		       MAPI_E_INVALID_PARAMETER);
	assert_refused(f, bitmask(f, 2, P_OBJECT_TYPE, 1),
		       MAPI_E_INVALID_PARAMETER);
	/* RELOP_RE and RELOP_MEMBER_OF_DL: defined, not supported */
	assert_refused(f, prop(f, EMSABP_RELOP_RE, P_ACCOUNT,
			       str(P_ACCOUNT, "j.*")), MAPI_E_TOO_COMPLEX);
	assert_refused(f, prop(f, EMSABP_RELOP_MEMBER_OF_DL, P_ENTRYID,
			       bin(P_ENTRYID, entryid, 8)),
		       MAPI_E_TOO_COMPLEX);

	/* type mismatches and types that cannot be compared */
	assert_refused(f, prop(f, EMSABP_RELOP_EQ, P_OBJECT_TYPE,
			       str(P_ACCOUNT, "6")), MAPI_E_TOO_COMPLEX);
	assert_refused(f, content(f, MAPI_FL_PREFIX, P_ACCOUNT,
				  bin(P_ENTRYID, entryid, 8)),
		       MAPI_E_TOO_COMPLEX);
	assert_refused(f, content(f, MAPI_FL_PREFIX, P_OBJECT_TYPE,
				  lng(P_OBJECT_TYPE, 6)),
		       MAPI_E_TOO_COMPLEX);
	assert_refused(f, content(f, 3, P_ACCOUNT, str(P_ACCOUNT, "j")),
		       MAPI_E_TOO_COMPLEX);
	assert_refused(f, prop(f, EMSABP_RELOP_EQ, TAG(0x7005, PT_OBJECT),
			       lng(TAG(0x7005, PT_OBJECT), 0)),
		       MAPI_E_TOO_COMPLEX);
	assert_refused(f, prop(f, EMSABP_RELOP_EQ, TAG(0x7005, PT_NULL),
			       lng(TAG(0x7005, PT_NULL), 0)),
		       MAPI_E_TOO_COMPLEX);
	assert_refused(f, prop(f, EMSABP_RELOP_EQ, TAG(0x7005, PT_ERROR),
			       lng(TAG(0x7005, PT_ERROR), 0)),
		       MAPI_E_TOO_COMPLEX);
	assert_refused(f, prop(f, EMSABP_RELOP_EQ, TAG(0x7005, 0x100B),
			       lng(TAG(0x7005, PT_BOOLEAN), 0)),
		       MAPI_E_TOO_COMPLEX);
	v = sv(P_MV_LONG);
	assert_refused(f, prop(f, EMSABP_RELOP_EQ, P_MV_LONG, v),
		       MAPI_E_TOO_COMPLEX);
	assert_refused(f, cmp_props(f, EMSABP_RELOP_EQ, P_GIVEN_NAME,
				    P_OBJECT_TYPE), MAPI_E_TOO_COMPLEX);
	assert_refused(f, cmp_props(f, EMSABP_RELOP_EQ, P_MV_LONG,
				    P_MV_LONG), MAPI_E_TOO_COMPLEX);
	assert_refused(f, bitmask(f, EMSABP_BMR_EQZ, P_ACCOUNT, 1),
		       MAPI_E_TOO_COMPLEX);
	assert_refused(f, size(f, EMSABP_RELOP_EQ, TAG(0x7005, PT_OBJECT),
			       1), MAPI_E_TOO_COMPLEX);
	/* a bad leaf deep inside is found */
	assert_refused(f, list(f, EMSABP_RES_AND, 2, exist(f, P_ACCOUNT),
			       not(f, prop(f, 7, P_OBJECT_TYPE,
					   lng(P_OBJECT_TYPE, 6)))),
		       MAPI_E_INVALID_PARAMETER);
}

/* Values the getter hands back are checked before they are read. */
static void test_getter_misbehaves(void **state)
{
	struct fixture *f = *state;
	static const char *holes[] = { NULL, "x" };
	uint32_t n = f->entry->count;

	f->entry->lie = true;
	assert_false(eval(f, prop(f, EMSABP_RELOP_EQ, P_WRONG_TYPE,
				  lng(P_WRONG_TYPE, 0))));
	assert_false(eval(f, exist(f, P_WRONG_TYPE)));
	assert_false(eval(f, bitmask(f, EMSABP_BMR_EQZ, P_WRONG_TYPE, 1)));

	/* an MV value with a NULL array, a NULL string inside */
	f->entry->props[n] = sv(TAG(0x7006, PT_MV_UNICODE));
	f->entry->props[n].Value.MVszW.cValues = 5;
	f->entry->props[n + 1] = sv(TAG(0x7007, PT_MV_UNICODE));
	f->entry->props[n + 1].Value.MVszW.cValues = 2;
	f->entry->props[n + 1].Value.MVszW.lppszW = holes;
	f->entry->props[n + 2] = str(TAG(0x7008, PT_UNICODE), NULL);
	f->entry->count = n + 3;
	assert_false(eval(f, content(f, MAPI_FL_SUBSTRING,
				     TAG(0x7006, PT_MV_UNICODE),
				     str(P_ACCOUNT, ""))));
	assert_true(eval(f, content(f, MAPI_FL_SUBSTRING,
				    TAG(0x7007, PT_MV_UNICODE),
				    str(P_ACCOUNT, "x"))));
	assert_false(eval(f, prop(f, EMSABP_RELOP_LT,
				  TAG(0x7007, PT_MV_UNICODE),
				  str(P_ACCOUNT, "a"))));
	assert_false(eval(f, prop(f, EMSABP_RELOP_NE, TAG(0x7008, PT_UNICODE),
				  str(P_ACCOUNT, "a"))));
	assert_true(eval(f, size(f, EMSABP_RELOP_EQ, TAG(0x7007,
							  PT_MV_UNICODE), 4)));

	/* no getter at all: nothing exists */
	f->ctx.get = NULL;
	assert_false(eval(f, exist(f, P_ACCOUNT)));
	/* no collator: strings compare by bytes */
	f->ctx.get = fake_get;
	f->ctx.coll = NULL;
	assert_true(eval(f, prop(f, EMSABP_RELOP_EQ, P_ACCOUNT,
				 str(P_ACCOUNT, "jmueller"))));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_and_or_not),
		T(test_content_strings),
		T(test_content_binary_and_mv),
		T(test_property_relops),
		T(test_property_mv),
		T(test_compare_props),
		T(test_bitmask),
		T(test_size),
		T(test_exist),
		T(test_anr),
		T(test_nesting),
		T(test_sub_and_unknown),
		T(test_bad_input),
		T(test_getter_misbehaves),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
