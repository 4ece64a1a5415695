/*
 * Pure row logic of the EMSMDB tables: value comparison, sort orders
 * (MS-OXCDATA 2.13) and restrictions (MS-OXCDATA 2.12).  Strings compare
 * in the collation of the session's sort locale (collation/).
 */
#include "emsmdb_table_eval.h"

#include <string.h>
#include <strings.h>
#include <ndr.h>
#include "gen_ndr/ndr_rop_types.h"
#include "collation/mapi_collation.h"

/* Operands of prepared restrictions are UTF-8 already: no conversion. */
static enum MAPISTATUS operand(TALLOC_CTX *mem_ctx, uint32_t tag,
			       const union PropertyValueUnion *in,
			       struct mstore_value *out)
{
	return emsmdb_value_convert(mem_ctx, NULL, EMSMDB_WIRE_OPERAND, tag,
				    in, out);
}

#define PTYPE(tag) ((uint16_t)((tag) & 0xFFFF))
#define PID(tag) ((uint16_t)(((uint32_t)(tag)) >> 16))

/* Property types without the multi-value flag, strings folded to one. */
static uint16_t base_type(uint16_t type)
{
	type &= (uint16_t)~(MSTORE_MV_FLAG | EMSMDB_MV_INSTANCE);
	return type == PT_STRING8 ? PT_UNICODE : type;
}

static bool is_mv(uint16_t type)
{
	return (type & MSTORE_MV_FLAG) != 0;
}

static bool is_string(uint16_t type)
{
	return base_type(type) == PT_UNICODE;
}

/* ------------------------------------------------------- comparison */

const struct mstore_value *emsmdb_row_find(const struct mstore_row *row,
					   uint32_t tag)
{
	uint32_t i;

	for (i = 0; i < row->count; i++) {
		const struct mstore_value *v = &row->values[i];

		if (PID(v->tag) != PID(tag) || PTYPE(v->tag) == PT_ERROR) {
			continue;
		}
		if (base_type(PTYPE(v->tag)) == base_type(PTYPE(tag)) &&
		    is_mv(PTYPE(v->tag)) == is_mv(PTYPE(tag))) {
			return v;
		}
	}
	return NULL;
}

#define CMP(a, b) ((a) < (b) ? -1 : (a) > (b) ? 1 : 0)

static int bin_compare(const struct mstore_bin *a, const struct mstore_bin *b)
{
	uint32_t n = a->length < b->length ? a->length : b->length;
	int c = n > 0 ? memcmp(a->data, b->data, n) : 0;

	return c != 0 ? c : CMP(a->length, b->length);
}

/* Two strings: in the collator's order (case-insensitive for EMSMDB
 * tables), or without one with ASCII case folding. */
static int string_compare(const struct mapi_collator *coll, const char *a,
			  const char *b)
{
	if (a == NULL) {
		a = "";
	}
	if (b == NULL) {
		b = "";
	}
	return coll != NULL ? mapi_collate(coll, a, b) : strcasecmp(a, b);
}

static int single_compare(const struct mapi_collator *coll, uint16_t type,
			  const struct mstore_value *a,
			  const struct mstore_value *b)
{
	switch (type) {
	case PT_SHORT:
		return CMP(a->v.i16, b->v.i16);
	case PT_LONG:
		return CMP(a->v.i32, b->v.i32);
	case PT_FLOAT:
		return CMP(a->v.flt, b->v.flt);
	case PT_DOUBLE:
	case PT_APPTIME:
		return CMP(a->v.dbl, b->v.dbl);
	case PT_CURRENCY:
	case PT_I8:
		return CMP(a->v.i64, b->v.i64);
	case PT_SYSTIME:
		return CMP(a->v.u64, b->v.u64);
	case PT_ERROR:
		return CMP(a->v.err, b->v.err);
	case PT_BOOLEAN:
		return CMP(a->v.b, b->v.b);
	case PT_UNICODE:
		return string_compare(coll, a->v.str, b->v.str);
	case PT_CLSID:
		return memcmp(a->v.guid.bytes, b->v.guid.bytes, 16);
	case PT_BINARY:
	case PT_SVREID:
		return bin_compare(&a->v.bin, &b->v.bin);
	default:
		return 0;
	}
}

/* Element i of a multi-valued value as a single value. */
static void mv_element(uint16_t type, const struct mstore_value *mv,
		       uint32_t i, struct mstore_value *out)
{
	memset(out, 0, sizeof(*out));
	switch (type) {
	case PT_SHORT:
		out->v.i16 = mv->v.mv.i16[i];
		break;
	case PT_LONG:
		out->v.i32 = mv->v.mv.i32[i];
		break;
	case PT_FLOAT:
		out->v.flt = mv->v.mv.flt[i];
		break;
	case PT_DOUBLE:
	case PT_APPTIME:
		out->v.dbl = mv->v.mv.dbl[i];
		break;
	case PT_CURRENCY:
	case PT_I8:
		out->v.i64 = mv->v.mv.i64[i];
		break;
	case PT_SYSTIME:
		out->v.u64 = mv->v.mv.u64[i];
		break;
	case PT_UNICODE:
		out->v.str = mv->v.mv.str[i];
		break;
	case PT_CLSID:
		out->v.guid = mv->v.mv.guid[i];
		break;
	case PT_BINARY:
		out->v.bin = mv->v.mv.bin[i];
		break;
	default:
		break;
	}
}

int emsmdb_value_compare(const struct mapi_collator *coll,
			 const struct mstore_value *a,
			 const struct mstore_value *b)
{
	uint16_t ta = PTYPE(a->tag), tb = PTYPE(b->tag);
	uint16_t type = base_type(ta);
	struct mstore_value ea, eb;
	uint32_t i;
	int c;

	if (type != base_type(tb) || is_mv(ta) != is_mv(tb)) {
		return CMP(ta, tb);
	}
	if (!is_mv(ta)) {
		return single_compare(coll, type, a, b);
	}
	for (i = 0; i < a->v.mv.count && i < b->v.mv.count; i++) {
		mv_element(type, a, i, &ea);
		mv_element(type, b, i, &eb);
		c = single_compare(coll, type, &ea, &eb);
		if (c != 0) {
			return c;
		}
	}
	return CMP(a->v.mv.count, b->v.mv.count);
}

/* One sort order of two found values (NULL: missing). */
static int order_compare(const struct mapi_collator *coll,
			 const struct SortOrder *sort,
			 const struct mstore_value *va,
			 const struct mstore_value *vb)
{
	int c;

	if (va == NULL || vb == NULL) {
		c = va != NULL ? 1 : vb != NULL ? -1 : 0;
	} else {
		c = emsmdb_value_compare(coll, va, vb);
	}
	return (sort->Order & EMSMDB_SORT_DESCEND) ? -c : c;
}

static uint32_t sort_tag(const struct SortOrder *sort)
{
	return MSTORE_PROP_TAG(sort->PropertyId,
			       sort->PropertyType & ~EMSMDB_MV_INSTANCE);
}

int emsmdb_row_compare(const struct mapi_collator *coll,
		       const struct SortOrder *sorts, uint32_t count,
		       const struct mstore_row *a,
		       const struct mstore_row *b)
{
	uint32_t i;
	int c;

	for (i = 0; i < count; i++) {
		uint32_t tag = sort_tag(&sorts[i]);

		c = order_compare(coll, &sorts[i], emsmdb_row_find(a, tag),
				  emsmdb_row_find(b, tag));
		if (c != 0) {
			return c;
		}
	}
	return 0;
}

void emsmdb_sort_values(const struct SortOrder *sorts, uint32_t count,
			const struct mstore_row *row,
			const struct mstore_value **values)
{
	uint32_t i;

	for (i = 0; i < count; i++) {
		values[i] = emsmdb_row_find(row, sort_tag(&sorts[i]));
	}
}

int emsmdb_sort_values_compare(const struct mapi_collator *coll,
			       const struct SortOrder *sorts, uint32_t count,
			       const struct mstore_value *const *a,
			       const struct mstore_value *const *b)
{
	uint32_t i;
	int c;

	for (i = 0; i < count; i++) {
		c = order_compare(coll, &sorts[i], a[i], b[i]);
		if (c != 0) {
			return c;
		}
	}
	return 0;
}

/* ----------------------------------------------------- restrictions */

static bool relop_ok(uint8_t relop)
{
	/* RELOP_RE and RELOP_MEMBER_OF_DL (2.12.5) are not supported. */
	return relop <= RELOP_NE;
}

static bool relop_holds(uint8_t relop, int c)
{
	switch (relop) {
	case RELOP_LT:
		return c < 0;
	case RELOP_LE:
		return c <= 0;
	case RELOP_GT:
		return c > 0;
	case RELOP_GE:
		return c >= 0;
	case RELOP_EQ:
		return c == 0;
	case RELOP_NE:
		return c != 0;
	default:
		return false;
	}
}

static enum MAPISTATUS operand_check(uint32_t prop_tag,
				     const struct TaggedPropertyValue *tv)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mstore_value v;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = operand(tmp, tv->PropertyTag, &tv->Value, &v);
	talloc_free(tmp);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	/* The value's type must be the property's (a multi-valued property
	 * is compared with single values of its element type). */
	if (base_type(PTYPE(prop_tag)) != base_type(PTYPE(tv->PropertyTag)) ||
	    (is_mv(PTYPE(tv->PropertyTag)) && !is_mv(PTYPE(prop_tag)))) {
		return MAPI_E_TOO_COMPLEX;
	}
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS check_list(const struct Restriction *list,
				  uint32_t count)
{
	enum MAPISTATUS rv = MAPI_E_SUCCESS;
	uint32_t i;

	for (i = 0; rv == MAPI_E_SUCCESS && i < count; i++) {
		rv = emsmdb_restriction_check(&list[i]);
	}
	return rv;
}

static enum MAPISTATUS check_content(const struct ContentRestriction *c)
{
	uint16_t t = base_type(PTYPE(c->PropertyTag));

	if ((t != PT_UNICODE && t != PT_BINARY) ||
	    is_mv(PTYPE(c->TaggedValue.PropertyTag)) ||
	    c->FuzzyLevelLow > FL_PREFIX) {
		return MAPI_E_TOO_COMPLEX;
	}
	return operand_check(c->PropertyTag, &c->TaggedValue);
}

/*
 * MS-OXCDATA 2.12: every restriction type but SubObjectRestriction
 * (recipients and attachments are not table rows here) and the RelOps
 * RELOP_RE and RELOP_MEMBER_OF_DL.
 */
enum MAPISTATUS emsmdb_restriction_check(const struct Restriction *r)
{
	const union RestrictionUnion *u = &r->Res;

	switch (r->RestrictType) {
	case RES_AND:
		return check_list(u->And.Restricts, u->And.RestrictCount);
	case RES_OR:
		return check_list(u->Or.Restricts, u->Or.RestrictCount);
	case RES_NOT:
		return emsmdb_restriction_check(u->Not.Restriction);
	case RES_CONTENT:
		return check_content(&u->Content);
	case RES_PROPERTY:
		if (!relop_ok(u->Property.RelOp)) {
			return MAPI_E_TOO_COMPLEX;
		}
		return operand_check(u->Property.PropTag,
				     &u->Property.TaggedValue);
	case RES_COMPAREPROPS:
		if (!relop_ok(u->CompareProperties.RelOp) ||
		    base_type(PTYPE(u->CompareProperties.PropTag1)) !=
		    base_type(PTYPE(u->CompareProperties.PropTag2))) {
			return MAPI_E_TOO_COMPLEX;
		}
		return MAPI_E_SUCCESS;
	case RES_BITMASK:
		if (u->BitMask.BitmapRelOp > BMR_NEZ ||
		    (PTYPE(u->BitMask.PropTag) != PT_LONG &&
		     PTYPE(u->BitMask.PropTag) != PT_SHORT)) {
			return MAPI_E_TOO_COMPLEX;
		}
		return MAPI_E_SUCCESS;
	case RES_SIZE:
		return relop_ok(u->Size.RelOp) ? MAPI_E_SUCCESS :
		       MAPI_E_TOO_COMPLEX;
	case RES_EXIST:
		return MAPI_E_SUCCESS;
	case RES_COMMENT:
		if (u->Comment.RestrictionPresent == 0) {
			return MAPI_E_SUCCESS;
		}
		return emsmdb_restriction_check(
			u->Comment.Restriction.Present.Restriction);
	case RES_COUNT:
		return emsmdb_restriction_check(u->Count.SubRestriction);
	default:
		return MAPI_E_TOO_COMPLEX;
	}
}

static enum MAPISTATUS add_tag(TALLOC_CTX *mem_ctx, uint32_t tag,
			       uint32_t **tags, uint32_t *count)
{
	uint32_t *n;
	uint32_t i;

	tag &= ~(uint32_t)EMSMDB_MV_INSTANCE;
	for (i = 0; i < *count; i++) {
		if ((*tags)[i] == tag) {
			return MAPI_E_SUCCESS;
		}
	}
	n = talloc_realloc(mem_ctx, *tags, uint32_t, *count + 1);
	if (n == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	n[(*count)++] = tag;
	*tags = n;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS tags_list(TALLOC_CTX *mem_ctx,
				 const struct Restriction *list,
				 uint32_t n, uint32_t **tags,
				 uint32_t *count)
{
	enum MAPISTATUS rv = MAPI_E_SUCCESS;
	uint32_t i;

	for (i = 0; rv == MAPI_E_SUCCESS && i < n; i++) {
		rv = emsmdb_restriction_tags(mem_ctx, &list[i], tags, count);
	}
	return rv;
}

enum MAPISTATUS emsmdb_restriction_tags(TALLOC_CTX *mem_ctx,
					const struct Restriction *r,
					uint32_t **tags, uint32_t *count)
{
	const union RestrictionUnion *u = &r->Res;
	enum MAPISTATUS rv;

	switch (r->RestrictType) {
	case RES_AND:
		return tags_list(mem_ctx, u->And.Restricts,
				 u->And.RestrictCount, tags, count);
	case RES_OR:
		return tags_list(mem_ctx, u->Or.Restricts,
				 u->Or.RestrictCount, tags, count);
	case RES_NOT:
		return tags_list(mem_ctx, u->Not.Restriction, 1, tags, count);
	case RES_CONTENT:
		return add_tag(mem_ctx, u->Content.PropertyTag, tags, count);
	case RES_PROPERTY:
		return add_tag(mem_ctx, u->Property.PropTag, tags, count);
	case RES_COMPAREPROPS:
		rv = add_tag(mem_ctx, u->CompareProperties.PropTag1, tags,
			     count);
		if (rv != MAPI_E_SUCCESS) {
			return rv;
		}
		return add_tag(mem_ctx, u->CompareProperties.PropTag2, tags,
			       count);
	case RES_BITMASK:
		return add_tag(mem_ctx, u->BitMask.PropTag, tags, count);
	case RES_SIZE:
		return add_tag(mem_ctx, u->Size.PropTag, tags, count);
	case RES_EXIST:
		return add_tag(mem_ctx, u->Exist.PropTag, tags, count);
	case RES_COMMENT:
		if (u->Comment.RestrictionPresent == 0) {
			return MAPI_E_SUCCESS;
		}
		return tags_list(mem_ctx,
				 u->Comment.Restriction.Present.Restriction,
				 1, tags, count);
	case RES_COUNT:
		return tags_list(mem_ctx, u->Count.SubRestriction, 1, tags,
				 count);
	default:
		return MAPI_E_SUCCESS;
	}
}

/* Whether @a hay contains @a needle per FuzzyLevelLow/High (2.12.4). */
static bool bytes_match(const uint8_t *hay, size_t hlen,
			const uint8_t *needle, size_t nlen, uint16_t low)
{
	size_t i, last;

	if (nlen > hlen) {
		return false;
	}
	if (low == FL_FULLSTRING && nlen != hlen) {
		return false;
	}
	last = low == FL_SUBSTRING ? hlen - nlen : 0;
	for (i = 0; i <= last; i++) {
		if (memcmp(hay + i, needle, nlen) == 0) {
			return true;
		}
	}
	return false;
}

static bool content_one(const struct mapi_collator *coll,
			const struct ContentRestriction *c,
			const struct mstore_value *v,
			const struct mstore_value *want)
{
	if (is_string(PTYPE(want->tag))) {
		/* MS-OXCDATA 2.12.4.1: FL_IGNORECASE, FL_IGNORENONSPACE and
		 * FL_LOOSE as the session's locale folds */
		return mapi_string_match(coll, v->v.str, want->v.str,
					 c->FuzzyLevelLow |
					 (uint32_t)c->FuzzyLevelHigh << 16);
	}
	return bytes_match(v->v.bin.data, v->v.bin.length, want->v.bin.data,
			   want->v.bin.length, c->FuzzyLevelLow);
}

/* Whether an element of a multi-valued value @a mv compares to @a want
 * as @a relop says (RELOP_EQ for a ContentRestriction @a c). */
static bool any_element(const struct mapi_collator *coll,
			const struct mstore_value *mv,
			const struct mstore_value *want, uint8_t relop,
			const struct ContentRestriction *c)
{
	uint16_t type = base_type(PTYPE(mv->tag));
	struct mstore_value e;
	uint32_t i;

	for (i = 0; i < mv->v.mv.count; i++) {
		mv_element(type, mv, i, &e);
		e.tag = MSTORE_PROP_TAG(0, type);
		if (c != NULL ? content_one(coll, c, &e, want) :
		    relop_holds(relop, emsmdb_value_compare(coll, &e,
							    want))) {
			return true;
		}
	}
	return false;
}

static bool match_content(const struct mapi_collator *coll,
			  const struct ContentRestriction *c,
			  const struct mstore_row *row)
{
	const struct mstore_value *v = emsmdb_row_find(row, c->PropertyTag);
	struct mstore_value want;

	if (v == NULL ||
	    operand(NULL, c->TaggedValue.PropertyTag, &c->TaggedValue.Value,
		    &want) != MAPI_E_SUCCESS) {
		return false;
	}
	if (!is_mv(PTYPE(v->tag))) {
		return content_one(coll, c, v, &want);
	}
	return any_element(coll, v, &want, RELOP_EQ, c);
}

static bool match_property(const struct mapi_collator *coll,
			   const struct PropertyRestriction *p,
			   const struct mstore_row *row)
{
	const struct mstore_value *v = emsmdb_row_find(row, p->PropTag);
	struct mstore_value want;
	TALLOC_CTX *tmp;
	bool hit;

	if (v == NULL) {
		return false;
	}
	/* only a multi-valued operand needs memory */
	tmp = is_mv(PTYPE(p->TaggedValue.PropertyTag)) ? talloc_new(NULL) :
	      NULL;
	if ((tmp == NULL && is_mv(PTYPE(p->TaggedValue.PropertyTag))) ||
	    operand(tmp, p->TaggedValue.PropertyTag, &p->TaggedValue.Value,
		    &want) != MAPI_E_SUCCESS) {
		talloc_free(tmp);
		return false;
	}
	if (is_mv(PTYPE(v->tag)) && !is_mv(PTYPE(want.tag))) {
		want.tag = MSTORE_PROP_TAG(0, base_type(PTYPE(v->tag)));
		hit = any_element(coll, v, &want, p->RelOp, NULL);
	} else {
		hit = relop_holds(p->RelOp,
				  emsmdb_value_compare(coll, v, &want));
	}
	talloc_free(tmp);
	return hit;
}

/* UTF-16 code units of a UTF-8 string (a 4-byte sequence is 2 units). */
static size_t utf16_units(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		uint8_t c = (uint8_t)*s;

		if ((c & 0xC0) != 0x80) {
			n += c >= 0xF0 ? 2 : 1;
		}
	}
	return n;
}

/* The size of a value (MS-OXCDATA 2.12.8: "the number of bytes used to
 * store the property value"): strings with their terminator. */
static uint32_t value_size(const struct mstore_value *v)
{
	switch (PTYPE(v->tag)) {
	case PT_SHORT:
		return 2;
	case PT_LONG:
	case PT_FLOAT:
	case PT_ERROR:
		return 4;
	case PT_BOOLEAN:
		return 1;
	case PT_STRING8:
		return strlen(v->v.str) + 1;
	case PT_UNICODE:
		return (utf16_units(v->v.str) + 1) * 2;
	case PT_CLSID:
		return 16;
	case PT_BINARY:
	case PT_SVREID:
		return v->v.bin.length;
	default:
		return is_mv(PTYPE(v->tag)) ? 4 + v->v.mv.count * 8 : 8;
	}
}

static bool match_list(const struct mapi_collator *coll,
		       const struct Restriction *list, uint32_t n,
		       bool any, const struct mstore_row *row,
		       struct emsmdb_match_state *state)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (emsmdb_restriction_match(coll, &list[i], row, state) ==
		    any) {
			return any;
		}
	}
	return !any;
}

static bool match_compare(const struct mapi_collator *coll,
			  const struct ComparePropertiesRestriction *c,
			  const struct mstore_row *row)
{
	const struct mstore_value *a = emsmdb_row_find(row, c->PropTag1);
	const struct mstore_value *b = emsmdb_row_find(row, c->PropTag2);

	return a != NULL && b != NULL &&
	       relop_holds(c->RelOp, emsmdb_value_compare(coll, a, b));
}

static bool match_bitmask(const struct BitMaskRestriction *m,
			  const struct mstore_row *row)
{
	const struct mstore_value *v = emsmdb_row_find(row, m->PropTag);
	uint32_t bits;

	if (v == NULL) {
		return false;
	}
	bits = PTYPE(v->tag) == PT_SHORT ? (uint16_t)v->v.i16 :
	       (uint32_t)v->v.i32;
	return ((bits & m->Mask) != 0) == (m->BitmapRelOp == BMR_NEZ);
}

static bool match_size(const struct SizeRestriction *s,
		       const struct mstore_row *row)
{
	const struct mstore_value *v = emsmdb_row_find(row, s->PropTag);

	return v != NULL &&
	       relop_holds(s->RelOp, CMP(value_size(v), s->Size));
}

/* MS-OXCDATA 2.12.12: at most Count rows pass, the first ones (in the
 * order the rows are evaluated) that match the subrestriction. */
static bool match_count(const struct mapi_collator *coll,
			const struct CountRestriction *c,
			const struct mstore_row *row,
			struct emsmdb_match_state *state)
{
	uint32_t i;

	if (!emsmdb_restriction_match(coll, c->SubRestriction, row, state)) {
		return false;
	}
	if (state == NULL) {
		return c->Count > 0;
	}
	for (i = 0; i < state->count; i++) {
		if (state->keys[i] == c) {
			break;
		}
	}
	if (i == state->count) {
		if (i == EMSMDB_MATCH_COUNTERS) {
			return true;
		}
		state->keys[i] = c;
		state->used[i] = 0;
		state->count++;
	}
	if (state->used[i] >= c->Count) {
		return false;
	}
	state->used[i]++;
	return true;
}

bool emsmdb_restriction_match(const struct mapi_collator *coll,
			      const struct Restriction *r,
			      const struct mstore_row *row,
			      struct emsmdb_match_state *state)
{
	const union RestrictionUnion *u = &r->Res;

	switch (r->RestrictType) {
	case RES_AND:
		return match_list(coll, u->And.Restricts,
				  u->And.RestrictCount, false, row, state);
	case RES_OR:
		return match_list(coll, u->Or.Restricts, u->Or.RestrictCount,
				  true, row, state);
	case RES_NOT:
		return !emsmdb_restriction_match(coll, u->Not.Restriction,
						 row, state);
	case RES_CONTENT:
		return match_content(coll, &u->Content, row);
	case RES_PROPERTY:
		return match_property(coll, &u->Property, row);
	case RES_COMPAREPROPS:
		return match_compare(coll, &u->CompareProperties, row);
	case RES_BITMASK:
		return match_bitmask(&u->BitMask, row);
	case RES_SIZE:
		return match_size(&u->Size, row);
	case RES_EXIST:
		return emsmdb_row_find(row, u->Exist.PropTag) != NULL;
	case RES_COMMENT:
		/* 2.12.11: without a restriction, every row matches */
		return u->Comment.RestrictionPresent == 0 ||
		       emsmdb_restriction_match(
			       coll, u->Comment.Restriction.Present.Restriction,
			       row, state);
	case RES_COUNT:
		return match_count(coll, &u->Count, row, state);
	default:
		return false;
	}
}

enum MAPISTATUS emsmdb_restriction_copy(TALLOC_CTX *mem_ctx,
					const struct Restriction *in,
					struct Restriction **out)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	struct Restriction *r = talloc_zero(mem_ctx, struct Restriction);
	enum ndr_err_code err;
	DATA_BLOB blob;

	if (tmp == NULL || r == NULL) {
		talloc_free(tmp);
		talloc_free(r);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	err = ndr_push_struct_blob(&blob, tmp, in,
		(ndr_push_flags_fn_t)ndr_push_Restriction);
	if (NDR_ERR_CODE_IS_SUCCESS(err)) {
		err = ndr_pull_struct_blob_all(&blob, r, r,
			(ndr_pull_flags_fn_t)ndr_pull_Restriction);
	}
	talloc_free(tmp);
	if (!NDR_ERR_CODE_IS_SUCCESS(err)) {
		talloc_free(r);
		return MAPI_E_TOO_COMPLEX;
	}
	*out = r;
	return MAPI_E_SUCCESS;
}

/* ----------------------------------------------------- preparation */

/* A string8 operand, or each value of an MV one, from the code page to
 * UTF-8, in place. */
static enum MAPISTATUS prepare_value(TALLOC_CTX *mem_ctx,
				     const struct emsmdb_strconv *conv,
				     struct TaggedPropertyValue *tv)
{
	struct mstore_value v;
	enum MAPISTATUS rv;
	uint32_t i;

	if (PTYPE(tv->PropertyTag) != PT_STRING8 &&
	    PTYPE(tv->PropertyTag) != PT_MV_STRING8) {
		return MAPI_E_SUCCESS;
	}
	rv = emsmdb_value_convert(mem_ctx, conv, EMSMDB_WIRE_OPERAND,
				  tv->PropertyTag, &tv->Value, &v);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (PTYPE(tv->PropertyTag) == PT_STRING8) {
		tv->Value.String8 = v.v.str;
		return MAPI_E_SUCCESS;
	}
	for (i = 0; i < v.v.mv.count; i++) {
		tv->Value.MultipleString8.Values[i].Value = v.v.mv.str[i];
	}
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS prepare(TALLOC_CTX *mem_ctx,
			       const struct emsmdb_strconv *conv,
			       struct Restriction *r);

static enum MAPISTATUS prepare_list(TALLOC_CTX *mem_ctx,
				    const struct emsmdb_strconv *conv,
				    struct Restriction *list, uint32_t n)
{
	enum MAPISTATUS rv = MAPI_E_SUCCESS;
	uint32_t i;

	for (i = 0; rv == MAPI_E_SUCCESS && i < n; i++) {
		rv = prepare(mem_ctx, conv, &list[i]);
	}
	return rv;
}

static enum MAPISTATUS prepare(TALLOC_CTX *mem_ctx,
			       const struct emsmdb_strconv *conv,
			       struct Restriction *r)
{
	union RestrictionUnion *u = &r->Res;

	switch (r->RestrictType) {
	case RES_AND:
		return prepare_list(mem_ctx, conv, u->And.Restricts,
				    u->And.RestrictCount);
	case RES_OR:
		return prepare_list(mem_ctx, conv, u->Or.Restricts,
				    u->Or.RestrictCount);
	case RES_NOT:
		return prepare(mem_ctx, conv, u->Not.Restriction);
	case RES_CONTENT:
		return prepare_value(mem_ctx, conv, &u->Content.TaggedValue);
	case RES_PROPERTY:
		return prepare_value(mem_ctx, conv, &u->Property.TaggedValue);
	case RES_COMMENT:
		if (u->Comment.RestrictionPresent == 0) {
			return MAPI_E_SUCCESS;
		}
		return prepare(mem_ctx, conv,
			       u->Comment.Restriction.Present.Restriction);
	case RES_COUNT:
		return prepare(mem_ctx, conv, u->Count.SubRestriction);
	default:
		return MAPI_E_SUCCESS;
	}
}

enum MAPISTATUS emsmdb_restriction_prepare(TALLOC_CTX *mem_ctx,
					   const struct emsmdb_strconv *conv,
					   const struct Restriction *in,
					   struct Restriction **out)
{
	struct Restriction *r = NULL;
	enum MAPISTATUS rv = emsmdb_restriction_check(in);

	if (rv == MAPI_E_SUCCESS) {
		rv = emsmdb_restriction_copy(mem_ctx, in, &r);
	}
	if (rv == MAPI_E_SUCCESS && conv != NULL) {
		rv = prepare(r, conv, r);
	}
	if (rv != MAPI_E_SUCCESS) {
		talloc_free(r);
		return rv;
	}
	*out = r;
	return MAPI_E_SUCCESS;
}
