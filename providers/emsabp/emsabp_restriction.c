/*
 * NSPI restrictions ([MS-OXNSPI] 2.2.5, the Restriction_r family) checked
 * and evaluated against one address book entry, with the semantics of
 * the restriction structures of [MS-OXCDATA] 2.12.  Property values come
 * from a getter the caller supplies; strings are compared through the
 * collator of the table's sort locale.
 */
#include "emsabp_match.h"

#include <string.h>

#define RTYPE(tag)		((tag) & 0xFFFF)
#define RPROP_ID(tag)		((tag) >> 16)

/* [MS-OXCDATA] 2.11.1: the multivalue flag; 2.9: with MultivalueInstance
 * (0x2000) a restriction applies to each value of the property. */
#define MV_FLAG			0x1000
#define MV_INSTANCE		0x2000

/* ------------------------------------------------------------ types */

static uint32_t single_type(uint32_t type)
{
	return type & ~(uint32_t)(MV_FLAG | MV_INSTANCE);
}

static bool is_multi(uint32_t type)
{
	return (type & (MV_FLAG | MV_INSTANCE)) != 0;
}

static bool is_string_type(uint32_t type)
{
	return type == PT_STRING8 || type == PT_UNICODE;
}

/* Values are UTF-8 in memory whatever their type: PT_STRING8 and
 * PT_UNICODE are one type here. */
static uint32_t canonical_type(uint32_t type)
{
	if (type == PT_STRING8) {
		return PT_UNICODE;
	}
	return type == PT_MV_STRING8 ? PT_MV_UNICODE : type;
}

/* Single-valued types a PropertyValue_r can hold and that have an order. */
static bool is_comparable(uint32_t type)
{
	switch (type) {
	case PT_SHORT:
	case PT_LONG:
	case PT_BOOLEAN:
	case PT_STRING8:
	case PT_UNICODE:
	case PT_BINARY:
	case PT_CLSID:
	case PT_SYSTIME:
		return true;
	}
	return false;
}

/* Property types a restriction may name: the comparable ones and their
 * multivalued forms (PropertyValue_r has no PT_MV_BOOLEAN). */
static bool is_known_prop_type(uint32_t type)
{
	uint32_t base = single_type(type);

	if (!is_comparable(base)) {
		return false;
	}
	return !is_multi(type) || base != PT_BOOLEAN;
}

/* The type the getter is asked for: MultivalueInstance means the
 * multivalued property. */
static uint32_t fetch_tag(uint32_t tag)
{
	if ((RTYPE(tag) & MV_INSTANCE) != 0) {
		return (tag & ~(uint32_t)MV_INSTANCE) | MV_FLAG;
	}
	return tag;
}

/* ------------------------------------------------------- validation */

static bool relop_known(uint32_t relop)
{
	return relop <= EMSABP_RELOP_NE || relop == EMSABP_RELOP_RE ||
		relop == EMSABP_RELOP_MEMBER_OF_DL;
}

/* RELOP_RE (regular expressions) and RELOP_MEMBER_OF_DL are defined but
 * not evaluated by the address book: too complex, not malformed. */
static enum MAPISTATUS check_relop(uint32_t relop)
{
	if (!relop_known(relop)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (relop > EMSABP_RELOP_NE) {
		return MAPI_E_TOO_COMPLEX;
	}
	return MAPI_E_SUCCESS;
}

/* A constant operand: present, single-valued, with its pointers set. */
static enum MAPISTATUS check_operand(const struct PropertyValue_r *v)
{
	uint32_t type;

	if (v == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	type = RTYPE(v->ulPropTag);
	if (is_multi(type) || !is_comparable(type)) {
		return MAPI_E_TOO_COMPLEX;
	}
	switch (type) {
	case PT_STRING8:
		return v->Value.lpszA == NULL ?
			MAPI_E_INVALID_PARAMETER : MAPI_E_SUCCESS;
	case PT_UNICODE:
		return v->Value.lpszW == NULL ?
			MAPI_E_INVALID_PARAMETER : MAPI_E_SUCCESS;
	case PT_BINARY:
		return v->Value.bin.cb > 0 && v->Value.bin.lpb == NULL ?
			MAPI_E_INVALID_PARAMETER : MAPI_E_SUCCESS;
	case PT_CLSID:
		return v->Value.lpguid == NULL ?
			MAPI_E_INVALID_PARAMETER : MAPI_E_SUCCESS;
	}
	return MAPI_E_SUCCESS;
}

/* [MS-OXCDATA] 2.12.4 and 2.12.5: the types of PropTag and of the
 * TaggedValue must agree (the single-valued type for a multivalued
 * property); MAPI answers a mismatch with MAPI_E_TOO_COMPLEX. */
static enum MAPISTATUS check_tag_and_operand(uint32_t tag,
					     const struct PropertyValue_r *v)
{
	enum MAPISTATUS st = check_operand(v);

	if (st != MAPI_E_SUCCESS) {
		return st;
	}
	if (!is_known_prop_type(RTYPE(tag)) ||
	    canonical_type(single_type(RTYPE(tag))) !=
	    canonical_type(RTYPE(v->ulPropTag))) {
		return MAPI_E_TOO_COMPLEX;
	}
	return MAPI_E_SUCCESS;
}

static bool is_anr(uint32_t tag)
{
	return RPROP_ID(tag) == EMSABP_PID_ANR;
}

static enum MAPISTATUS validate_content(const struct ContentRestriction_r *r)
{
	uint32_t base = single_type(RTYPE(r->ulPropTag));

	/* 2.12.4.1: exactly one of FL_FULLSTRING, FL_SUBSTRING, FL_PREFIX;
	 * content restrictions apply to strings and binary values only. */
	if ((r->ulFuzzyLevel & 0xFFFF) > MAPI_FL_PREFIX) {
		return MAPI_E_TOO_COMPLEX;
	}
	if (!is_string_type(base) && base != PT_BINARY) {
		return r->lpProp == NULL ?
			MAPI_E_INVALID_PARAMETER : MAPI_E_TOO_COMPLEX;
	}
	return check_tag_and_operand(r->ulPropTag, r->lpProp);
}

static enum MAPISTATUS validate_property(const struct PropertyRestriction_r *r)
{
	enum MAPISTATUS st = check_relop(r->relop);

	if (st != MAPI_E_SUCCESS) {
		return st;
	}
	st = check_tag_and_operand(r->ulPropTag, r->lpProp);
	if (st == MAPI_E_SUCCESS && is_anr(r->ulPropTag) &&
	    !is_string_type(RTYPE(r->ulPropTag))) {
		return MAPI_E_TOO_COMPLEX;
	}
	return st;
}

static enum MAPISTATUS validate_compare(
	const struct ComparePropsRestriction_r *r)
{
	enum MAPISTATUS st = check_relop(r->relop);
	uint32_t t1 = RTYPE(r->ulPropTag1), t2 = RTYPE(r->ulPropTag2);

	if (st != MAPI_E_SUCCESS) {
		return st;
	}
	if (is_multi(t1) || is_multi(t2) || !is_comparable(t1) ||
	    canonical_type(t1) != canonical_type(t2)) {
		return MAPI_E_TOO_COMPLEX;
	}
	return MAPI_E_SUCCESS;
}

/* [MS-OXCDATA] 2.12.7.1: the mask applies to an integer property. */
static enum MAPISTATUS validate_bitmask(const struct BitMaskRestriction_r *r)
{
	uint32_t type = RTYPE(r->ulPropTag);

	if (r->relBMR != EMSABP_BMR_EQZ && r->relBMR != EMSABP_BMR_NEZ) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (type != PT_LONG && type != PT_SHORT) {
		return MAPI_E_TOO_COMPLEX;
	}
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS validate_size(const struct SizeRestriction_r *r)
{
	enum MAPISTATUS st = check_relop(r->relop);

	if (st != MAPI_E_SUCCESS) {
		return st;
	}
	return is_known_prop_type(RTYPE(r->ulPropTag)) ?
		MAPI_E_SUCCESS : MAPI_E_TOO_COMPLEX;
}

static enum MAPISTATUS validate_at(const struct Restriction_r *res,
				   uint32_t depth);

static enum MAPISTATUS validate_list(uint32_t count,
				     const struct Restriction_r *list,
				     uint32_t depth)
{
	enum MAPISTATUS st;
	uint32_t i;

	if (count > 0 && list == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	for (i = 0; i < count; i++) {
		st = validate_at(&list[i], depth + 1);
		if (st != MAPI_E_SUCCESS) {
			return st;
		}
	}
	return MAPI_E_SUCCESS;
}

static bool is_composite(uint32_t rt)
{
	return rt == EMSABP_RES_AND || rt == EMSABP_RES_OR ||
		rt == EMSABP_RES_NOT;
}

static enum MAPISTATUS validate_at(const struct Restriction_r *res,
				   uint32_t depth)
{
	if (res == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (is_composite(res->rt) && depth >= EMSABP_RESTRICTION_MAX_DEPTH) {
		return MAPI_E_TOO_COMPLEX;
	}
	switch (res->rt) {
	case EMSABP_RES_AND:
		return validate_list(res->res.resAnd.cRes,
				     res->res.resAnd.lpRes, depth);
	case EMSABP_RES_OR:
		return validate_list(res->res.resOr.cRes,
				     res->res.resOr.lpRes, depth);
	case EMSABP_RES_NOT:
		if (res->res.resNot.lpRes == NULL) {
			return MAPI_E_INVALID_PARAMETER;
		}
		return validate_at(res->res.resNot.lpRes, depth + 1);
	case EMSABP_RES_CONTENT:
		return validate_content(&res->res.resContent);
	case EMSABP_RES_PROPERTY:
		return validate_property(&res->res.resProperty);
	case EMSABP_RES_COMPAREPROPS:
		return validate_compare(&res->res.resCompareProps);
	case EMSABP_RES_BITMASK:
		return validate_bitmask(&res->res.resBitMask);
	case EMSABP_RES_SIZE:
		return validate_size(&res->res.resSize);
	case EMSABP_RES_EXIST:
		return MAPI_E_SUCCESS;
	}
	/* Sub-object restrictions (recipients, attachments of a message)
	 * have no meaning for address book entries; like any other type
	 * this table does not support, they are too complex. */
	return MAPI_E_TOO_COMPLEX;
}

enum MAPISTATUS emsabp_restriction_validate(const struct Restriction_r *res)
{
	return validate_at(res, 0);
}

/* ------------------------------------------------------- values */

/* One property of the entry, checked to be of the type asked (strings
 * of either type accepted); false when the entry lacks it. */
static bool fetch(TALLOC_CTX *mem_ctx, const struct emsabp_match_ctx *ctx,
		  void *entry, uint32_t tag, struct PropertyValue_r *v)
{
	uint32_t want = fetch_tag(tag);

	memset(v, 0, sizeof(*v));
	if (ctx->get == NULL || !ctx->get(mem_ctx, entry, want, v)) {
		return false;
	}
	return canonical_type(RTYPE(v->ulPropTag)) ==
		canonical_type(RTYPE(want));
}

static uint32_t value_count(const struct PropertyValue_r *v)
{
	const union PROP_VAL_UNION *u = &v->Value;

	switch (RTYPE(v->ulPropTag)) {
	case PT_MV_SHORT:
		return u->MVi.lpi == NULL ? 0 : u->MVi.cValues;
	case PT_MV_LONG:
		return u->MVl.lpl == NULL ? 0 : u->MVl.cValues;
	case PT_MV_STRING8:
		return u->MVszA.lppszA == NULL ? 0 : u->MVszA.cValues;
	case PT_MV_UNICODE:
		return u->MVszW.lppszW == NULL ? 0 : u->MVszW.cValues;
	case PT_MV_BINARY:
		return u->MVbin.lpbin == NULL ? 0 : u->MVbin.cValues;
	case PT_MV_CLSID:
		return u->MVguid.lpguid == NULL ? 0 : u->MVguid.cValues;
	case PT_MV_SYSTIME:
		return u->MVft.lpft == NULL ? 0 : u->MVft.cValues;
	}
	return is_multi(RTYPE(v->ulPropTag)) ? 0 : 1;
}

/* Value @a i of @a v as a single value (the value itself when @a v is
 * single-valued). */
static void value_at(const struct PropertyValue_r *v, uint32_t i,
		     struct PropertyValue_r *out)
{
	const union PROP_VAL_UNION *u = &v->Value;
	uint32_t type = RTYPE(v->ulPropTag);

	if (!is_multi(type)) {
		*out = *v;
		return;
	}
	memset(out, 0, sizeof(*out));
	out->ulPropTag = (v->ulPropTag & 0xFFFF0000) | single_type(type);
	switch (type) {
	case PT_MV_SHORT:
		out->Value.i = u->MVi.lpi[i];
		break;
	case PT_MV_LONG:
		out->Value.l = u->MVl.lpl[i];
		break;
	case PT_MV_STRING8:
		out->Value.lpszA = u->MVszA.lppszA[i];
		break;
	case PT_MV_UNICODE:
		out->Value.lpszW = u->MVszW.lppszW[i];
		break;
	case PT_MV_BINARY:
		out->Value.bin = u->MVbin.lpbin[i];
		break;
	case PT_MV_CLSID:
		out->Value.lpguid = u->MVguid.lpguid[i];
		break;
	case PT_MV_SYSTIME:
		out->Value.ft = u->MVft.lpft[i];
		break;
	}
}

static const char *string_of(const struct PropertyValue_r *v)
{
	return RTYPE(v->ulPropTag) == PT_STRING8 ? v->Value.lpszA :
		v->Value.lpszW;
}

static int cmp_int(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

static int cmp_u64(uint64_t a, uint64_t b)
{
	return (a > b) - (a < b);
}

static int cmp_bytes(const uint8_t *a, uint32_t alen, const uint8_t *b,
		     uint32_t blen)
{
	uint32_t n = alen < blen ? alen : blen;
	int r = n == 0 ? 0 : memcmp(a, b, n);

	return r != 0 ? (r > 0) - (r < 0) : cmp_int(alen, blen);
}

static uint64_t filetime(const struct FILETIME *ft)
{
	return ((uint64_t)ft->dwHighDateTime << 32) | ft->dwLowDateTime;
}

static bool binary_ok(const struct Binary_r *b)
{
	return b->cb == 0 || b->lpb != NULL;
}

/* Order two single values of one type; false when they cannot be
 * (a NULL string or GUID, an inconsistent binary). */
static bool compare_values(const struct mapi_collator *coll,
			   const struct PropertyValue_r *a,
			   const struct PropertyValue_r *b, int *result)
{
	const union PROP_VAL_UNION *x = &a->Value, *y = &b->Value;

	switch (canonical_type(RTYPE(a->ulPropTag))) {
	case PT_SHORT:
		*result = cmp_int(x->i, y->i);
		return true;
	case PT_LONG:
		*result = cmp_int(x->l, y->l);
		return true;
	case PT_BOOLEAN:
		*result = cmp_int(x->b != 0, y->b != 0);
		return true;
	case PT_UNICODE:
		if (string_of(a) == NULL || string_of(b) == NULL) {
			return false;
		}
		*result = mapi_collate(coll, string_of(a), string_of(b));
		return true;
	case PT_BINARY:
		if (!binary_ok(&x->bin) || !binary_ok(&y->bin)) {
			return false;
		}
		*result = cmp_bytes(x->bin.lpb, x->bin.cb, y->bin.lpb,
				    y->bin.cb);
		return true;
	case PT_CLSID:
		if (x->lpguid == NULL || y->lpguid == NULL) {
			return false;
		}
		*result = cmp_bytes(x->lpguid->ab, 16, y->lpguid->ab, 16);
		return true;
	case PT_SYSTIME:
		*result = cmp_u64(filetime(&x->ft), filetime(&y->ft));
		return true;
	}
	return false;
}

static bool relop_holds(uint32_t relop, int cmp)
{
	switch (relop) {
	case EMSABP_RELOP_LT:
		return cmp < 0;
	case EMSABP_RELOP_LE:
		return cmp <= 0;
	case EMSABP_RELOP_GT:
		return cmp > 0;
	case EMSABP_RELOP_GE:
		return cmp >= 0;
	case EMSABP_RELOP_EQ:
		return cmp == 0;
	case EMSABP_RELOP_NE:
		return cmp != 0;
	}
	return false;
}

/* UTF-16 code units of a UTF-8 string (4-byte sequences are surrogate
 * pairs). */
static uint64_t utf16_units(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	uint64_t n = 0;

	for (; *p != '\0'; p++) {
		if ((*p & 0xC0) != 0x80) {
			n += *p >= 0xF0 ? 2 : 1;
		}
	}
	return n;
}

/* Size in bytes of a single value as [MS-OXCDATA] 2.11.1 lays the type
 * out: strings with their terminating null character. */
static uint64_t value_size(const struct PropertyValue_r *v)
{
	switch (RTYPE(v->ulPropTag)) {
	case PT_SHORT:
		return 2;
	case PT_LONG:
		return 4;
	case PT_BOOLEAN:
		return 1;
	case PT_STRING8:
		return v->Value.lpszA == NULL ? 0 : strlen(v->Value.lpszA) + 1;
	case PT_UNICODE:
		return v->Value.lpszW == NULL ? 0 :
			2 * (utf16_units(v->Value.lpszW) + 1);
	case PT_BINARY:
		return v->Value.bin.cb;
	case PT_CLSID:
		return 16;
	case PT_SYSTIME:
		return 8;
	}
	return 0;
}

/* ------------------------------------------------------- evaluation */

static bool binary_match(const struct Binary_r *value,
			 const struct Binary_r *pattern, uint32_t low)
{
	uint32_t i;

	if (!binary_ok(value) || !binary_ok(pattern)) {
		return false;
	}
	switch (low) {
	case MAPI_FL_FULLSTRING:
		return cmp_bytes(value->lpb, value->cb, pattern->lpb,
				 pattern->cb) == 0;
	case MAPI_FL_PREFIX:
		return value->cb >= pattern->cb &&
			cmp_bytes(value->lpb, pattern->cb, pattern->lpb,
				  pattern->cb) == 0;
	case MAPI_FL_SUBSTRING:
		for (i = 0; i + pattern->cb <= value->cb; i++) {
			if (pattern->cb == 0 ||
			    memcmp(value->lpb + i, pattern->lpb,
				   pattern->cb) == 0) {
				return true;
			}
		}
		return false;
	}
	return false;
}

static bool content_value_match(const struct emsabp_match_ctx *ctx,
				const struct PropertyValue_r *value,
				const struct ContentRestriction_r *r)
{
	if (RTYPE(value->ulPropTag) == PT_BINARY) {
		return binary_match(&value->Value.bin, &r->lpProp->Value.bin,
				    r->ulFuzzyLevel & 0xFFFF);
	}
	return mapi_string_match(ctx->coll, string_of(value),
				   string_of(r->lpProp), r->ulFuzzyLevel);
}

static bool anr_match(const struct emsabp_match_ctx *ctx, void *entry,
		      const struct PropertyValue_r *text)
{
	return ctx->anr != NULL && string_of(text) != NULL &&
		ctx->anr(entry, string_of(text), ctx->anr_private);
}

/* Does any value of @a v (each value of a multivalued one) satisfy the
 * leaf?  [MS-OXCDATA] 2.12: a multivalued property matches when one of
 * its values does. */
typedef bool (*value_test)(const struct emsabp_match_ctx *ctx,
			   const struct PropertyValue_r *value,
			   const void *leaf);

static bool any_value(const struct emsabp_match_ctx *ctx,
		      const struct PropertyValue_r *v, value_test test,
		      const void *leaf)
{
	struct PropertyValue_r one;
	uint32_t i, n = value_count(v);

	for (i = 0; i < n; i++) {
		value_at(v, i, &one);
		if (test(ctx, &one, leaf)) {
			return true;
		}
	}
	return false;
}

static bool leaf_with_value(const struct emsabp_match_ctx *ctx, void *entry,
			    uint32_t tag, value_test test, const void *leaf)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct PropertyValue_r v;
	bool match = false;

	if (tmp == NULL) {
		return false;
	}
	if (fetch(tmp, ctx, entry, tag, &v)) {
		match = any_value(ctx, &v, test, leaf);
	}
	talloc_free(tmp);
	return match;
}

static bool test_content(const struct emsabp_match_ctx *ctx,
			 const struct PropertyValue_r *value, const void *leaf)
{
	return content_value_match(ctx, value, leaf);
}

static bool test_property(const struct emsabp_match_ctx *ctx,
			  const struct PropertyValue_r *value,
			  const void *leaf)
{
	const struct PropertyRestriction_r *r = leaf;
	int cmp;

	return compare_values(ctx->coll, value, r->lpProp, &cmp) &&
		relop_holds(r->relop, cmp);
}

static bool test_bitmask(const struct emsabp_match_ctx *ctx,
			 const struct PropertyValue_r *value, const void *leaf)
{
	const struct BitMaskRestriction_r *r = leaf;
	uint32_t bits = RTYPE(value->ulPropTag) == PT_SHORT ?
		(uint32_t)(uint16_t)value->Value.i : (uint32_t)value->Value.l;
	bool zero = (bits & r->ulMask) == 0;

	return r->relBMR == EMSABP_BMR_EQZ ? zero : !zero;
}

static bool match_content(const struct emsabp_match_ctx *ctx,
			  const struct ContentRestriction_r *r, void *entry)
{
	if (r->lpProp == NULL) {
		return false;
	}
	if (is_anr(r->ulPropTag) && is_string_type(RTYPE(r->ulPropTag))) {
		return anr_match(ctx, entry, r->lpProp);
	}
	return leaf_with_value(ctx, entry, r->ulPropTag, test_content, r);
}

static bool match_property(const struct emsabp_match_ctx *ctx,
			   const struct PropertyRestriction_r *r, void *entry)
{
	if (r->lpProp == NULL) {
		return false;
	}
	if (is_anr(r->ulPropTag) && is_string_type(RTYPE(r->ulPropTag))) {
		return anr_match(ctx, entry, r->lpProp);
	}
	return leaf_with_value(ctx, entry, r->ulPropTag, test_property, r);
}

static bool match_compare(const struct emsabp_match_ctx *ctx,
			  const struct ComparePropsRestriction_r *r,
			  void *entry)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct PropertyValue_r a, b;
	bool match = false;
	int cmp;

	if (tmp == NULL) {
		return false;
	}
	if (fetch(tmp, ctx, entry, r->ulPropTag1, &a) &&
	    fetch(tmp, ctx, entry, r->ulPropTag2, &b) &&
	    !is_multi(RTYPE(a.ulPropTag)) && !is_multi(RTYPE(b.ulPropTag))) {
		match = compare_values(ctx->coll, &a, &b, &cmp) &&
			relop_holds(r->relop, cmp);
	}
	talloc_free(tmp);
	return match;
}

/* [MS-OXCDATA] 2.12.8: the size of a multivalued property is taken as
 * the sum of the sizes of its values. */
static bool match_size(const struct emsabp_match_ctx *ctx,
		       const struct SizeRestriction_r *r, void *entry)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct PropertyValue_r v, one;
	uint64_t size = 0;
	uint32_t i, n;
	bool match = false;

	if (tmp == NULL) {
		return false;
	}
	if (fetch(tmp, ctx, entry, r->ulPropTag, &v)) {
		n = value_count(&v);
		for (i = 0; i < n; i++) {
			value_at(&v, i, &one);
			size += value_size(&one);
		}
		match = relop_holds(r->relop, cmp_u64(size, r->cb));
	}
	talloc_free(tmp);
	return match;
}

static bool match_exist(const struct emsabp_match_ctx *ctx,
			const struct ExistRestriction_r *r, void *entry)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct PropertyValue_r v;
	bool found;

	if (tmp == NULL) {
		return false;
	}
	found = fetch(tmp, ctx, entry, r->ulPropTag, &v);
	talloc_free(tmp);
	return found;
}

static bool match_at(const struct emsabp_match_ctx *ctx,
		     const struct Restriction_r *res, void *entry,
		     uint32_t depth);

static bool match_all(const struct emsabp_match_ctx *ctx,
		      const struct AndRestriction_r *r, void *entry,
		      uint32_t depth)
{
	uint32_t i;

	if (r->cRes > 0 && r->lpRes == NULL) {
		return false;
	}
	for (i = 0; i < r->cRes; i++) {
		if (!match_at(ctx, &r->lpRes[i], entry, depth + 1)) {
			return false;
		}
	}
	return true;
}

static bool match_any(const struct emsabp_match_ctx *ctx,
		      const struct OrRestriction_r *r, void *entry,
		      uint32_t depth)
{
	uint32_t i;

	if (r->cRes > 0 && r->lpRes == NULL) {
		return false;
	}
	for (i = 0; i < r->cRes; i++) {
		if (match_at(ctx, &r->lpRes[i], entry, depth + 1)) {
			return true;
		}
	}
	return false;
}

static bool match_at(const struct emsabp_match_ctx *ctx,
		     const struct Restriction_r *res, void *entry,
		     uint32_t depth)
{
	if (res == NULL ||
	    (is_composite(res->rt) && depth >= EMSABP_RESTRICTION_MAX_DEPTH)) {
		return false;
	}
	switch (res->rt) {
	case EMSABP_RES_AND:
		return match_all(ctx, &res->res.resAnd, entry, depth);
	case EMSABP_RES_OR:
		return match_any(ctx, &res->res.resOr, entry, depth);
	case EMSABP_RES_NOT:
		/* a NOT over a leaf whose property is missing is true */
		return res->res.resNot.lpRes != NULL &&
			!match_at(ctx, res->res.resNot.lpRes, entry,
				  depth + 1);
	case EMSABP_RES_CONTENT:
		return match_content(ctx, &res->res.resContent, entry);
	case EMSABP_RES_PROPERTY:
		return match_property(ctx, &res->res.resProperty, entry);
	case EMSABP_RES_COMPAREPROPS:
		return match_compare(ctx, &res->res.resCompareProps, entry);
	case EMSABP_RES_BITMASK:
		return leaf_with_value(ctx, entry,
				       res->res.resBitMask.ulPropTag,
				       test_bitmask, &res->res.resBitMask);
	case EMSABP_RES_SIZE:
		return match_size(ctx, &res->res.resSize, entry);
	case EMSABP_RES_EXIST:
		return match_exist(ctx, &res->res.resExist, entry);
	}
	return false;
}

bool emsabp_restriction_match(const struct emsabp_match_ctx *ctx,
			      const struct Restriction_r *res, void *entry)
{
	/* Checking costs far less than fetching the values, and spares
	 * every leaf from reading a union member of the wrong type. */
	if (ctx == NULL || validate_at(res, 0) != MAPI_E_SUCCESS) {
		return false;
	}
	return match_at(ctx, res, entry, 0);
}
