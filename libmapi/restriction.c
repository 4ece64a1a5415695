/*
 * libmapi: restriction builders (MS-OXCDATA 2.12; see restriction.h).
 */
#include "restriction.h"

#include <string.h>

#define PROP_TYPE(tag) ((tag) & 0xFFFF)

static struct Restriction *new_restriction(TALLOC_CTX *mem_ctx, uint8_t type)
{
	struct Restriction *r = talloc_zero(mem_ctx, struct Restriction);

	if (r != NULL) {
		r->RestrictType = type;
	}
	return r;
}

/* A copy of @v on @mem_ctx: strings and binaries duplicated. */
static bool copy_value(TALLOC_CTX *mem_ctx, struct TaggedPropertyValue *dst,
		       const struct TaggedPropertyValue *v)
{
	*dst = *v;
	switch (PROP_TYPE(v->PropertyTag)) {
	case PT_UNICODE:
		dst->Value.String = talloc_strdup(mem_ctx, v->Value.String ?
						  v->Value.String : "");
		return dst->Value.String != NULL;
	case PT_STRING8:
		dst->Value.String8 = talloc_strdup(mem_ctx, v->Value.String8 ?
						   v->Value.String8 : "");
		return dst->Value.String8 != NULL;
	case PT_BINARY:
		dst->Value.Binary.Data = talloc_memdup(
			mem_ctx, v->Value.Binary.Data, v->Value.Binary.Count);
		return v->Value.Binary.Count == 0 ||
		       dst->Value.Binary.Data != NULL;
	default:
		return true;
	}
}

struct Restriction *mapi_restriction_content(TALLOC_CTX *mem_ctx,
					     uint32_t tag, const char *text,
					     uint16_t fuzzy_low,
					     uint16_t fuzzy_high)
{
	struct Restriction *r = new_restriction(mem_ctx, RES_CONTENT);
	struct ContentRestriction *c;
	struct TaggedPropertyValue v = { .PropertyTag = tag };

	if (r == NULL) {
		return NULL;
	}
	c = &r->Res.Content;
	c->FuzzyLevelLow = fuzzy_low;
	c->FuzzyLevelHigh = fuzzy_high;
	c->PropertyTag = tag;
	switch (PROP_TYPE(tag)) {
	case PT_STRING8:
		v.Value.String8 = text;
		break;
	case PT_BINARY:
		v.Value.Binary.Count = text ? strlen(text) : 0;
		v.Value.Binary.Data = discard_const_p(uint8_t, text);
		break;
	default:
		v.Value.String = text;
	}
	if (!copy_value(r, &c->TaggedValue, &v)) {
		talloc_free(r);
		return NULL;
	}
	return r;
}

struct Restriction *mapi_restriction_property(
	TALLOC_CTX *mem_ctx, uint8_t relop,
	const struct TaggedPropertyValue *value)
{
	struct Restriction *r = new_restriction(mem_ctx, RES_PROPERTY);

	if (r == NULL) {
		return NULL;
	}
	r->Res.Property.RelOp = relop;
	r->Res.Property.PropTag = value->PropertyTag;
	if (!copy_value(r, &r->Res.Property.TaggedValue, value)) {
		talloc_free(r);
		return NULL;
	}
	return r;
}

struct Restriction *mapi_restriction_long(TALLOC_CTX *mem_ctx,
					  uint8_t relop, uint32_t tag,
					  uint32_t value)
{
	struct TaggedPropertyValue v = { .PropertyTag = tag };

	v.Value.Integer32 = value;
	return mapi_restriction_property(mem_ctx, relop, &v);
}

struct Restriction *mapi_restriction_exist(TALLOC_CTX *mem_ctx,
					   uint32_t tag)
{
	struct Restriction *r = new_restriction(mem_ctx, RES_EXIST);

	if (r != NULL) {
		r->Res.Exist.PropTag = tag;
	}
	return r;
}

struct Restriction *mapi_restriction_bitmask(TALLOC_CTX *mem_ctx,
					     uint32_t tag, uint32_t mask,
					     bool nonzero)
{
	struct Restriction *r = new_restriction(mem_ctx, RES_BITMASK);

	if (r != NULL) {
		r->Res.BitMask.BitmapRelOp = nonzero ? BMR_NEZ : BMR_EQZ;
		r->Res.BitMask.PropTag = tag;
		r->Res.BitMask.Mask = mask;
	}
	return r;
}

/* The top structs of @subs in a new array on @parent. */
static struct Restriction *copy_subs(TALLOC_CTX *parent,
				     struct Restriction *const *subs,
				     uint16_t count)
{
	struct Restriction *a = talloc_zero_array(parent, struct Restriction,
						  count ? count : 1);
	uint16_t i;

	if (a == NULL) {
		return NULL;
	}
	for (i = 0; i < count; i++) {
		if (subs[i] == NULL) {
			talloc_free(a);
			return NULL;
		}
		a[i] = *subs[i];
	}
	return a;
}

static struct Restriction *and_or(TALLOC_CTX *mem_ctx, uint8_t type,
				  struct Restriction *const *subs,
				  uint16_t count)
{
	struct Restriction *r = new_restriction(mem_ctx, type);
	struct Restriction *a;

	if (r == NULL) {
		return NULL;
	}
	a = copy_subs(r, subs, count);
	if (a == NULL) {
		talloc_free(r);
		return NULL;
	}
	if (type == RES_AND) {
		r->Res.And.RestrictCount = count;
		r->Res.And.Restricts = a;
	} else {
		r->Res.Or.RestrictCount = count;
		r->Res.Or.Restricts = a;
	}
	return r;
}

struct Restriction *mapi_restriction_and(TALLOC_CTX *mem_ctx,
					 struct Restriction *const *subs,
					 uint16_t count)
{
	return and_or(mem_ctx, RES_AND, subs, count);
}

struct Restriction *mapi_restriction_or(TALLOC_CTX *mem_ctx,
					struct Restriction *const *subs,
					uint16_t count)
{
	return and_or(mem_ctx, RES_OR, subs, count);
}

struct Restriction *mapi_restriction_not(TALLOC_CTX *mem_ctx,
					 const struct Restriction *sub)
{
	struct Restriction *r;
	struct Restriction *const subs[1] = {
		discard_const_p(struct Restriction, sub)
	};

	if (sub == NULL) {
		return NULL;
	}
	r = new_restriction(mem_ctx, RES_NOT);
	if (r == NULL) {
		return NULL;
	}
	r->Res.Not.Restriction = copy_subs(r, subs, 1);
	if (r->Res.Not.Restriction == NULL) {
		talloc_free(r);
		return NULL;
	}
	return r;
}
