/**
 * @file restriction.h
 * @brief libmapi: building restrictions for tables (MS-OXCDATA 2.12).
 *
 * Each builder returns a struct Restriction allocated on the caller's
 * context, or NULL when out of memory.  Strings and values are copied;
 * the And, Or and Not builders copy the sub-restrictions' top structs,
 * not what those point to: build a whole restriction on one context.  Pass the result to mapi_table_restrict() or
 * mapi_table_find_row().
 *
 * @code
 * // messages whose subject contains "report", case-insensitively,
 * // and that are unread
 * struct Restriction *parts[2] = {
 *	mapi_restriction_content(mem_ctx, 0x0037001F, "report",
 *				 FL_SUBSTRING, FL_IGNORECASE),
 *	mapi_restriction_bitmask(mem_ctx, 0x0E070003, 0x1, false),
 * };
 * struct Restriction *r = mapi_restriction_and(mem_ctx, parts, 2);
 * @endcode
 */
#ifndef MAPI_RESTRICTION_H
#define MAPI_RESTRICTION_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include <ndr.h>
#include "gen_ndr/rop_types.h"

/**
 * @brief ContentRestriction (2.12.4) on a string or binary property.
 * @param mem_ctx	owner of the result
 * @param tag	a PT_UNICODE, PT_STRING8 or PT_BINARY property tag
 * @param text	the string (UTF-8) looked for; for PT_BINARY its bytes
 * @param fuzzy_low	FL_FULLSTRING, FL_SUBSTRING or FL_PREFIX
 * @param fuzzy_high	FL_IGNORECASE, FL_IGNORENONSPACE, FL_LOOSE or 0
 */
struct Restriction *mapi_restriction_content(TALLOC_CTX *mem_ctx,
					     uint32_t tag, const char *text,
					     uint16_t fuzzy_low,
					     uint16_t fuzzy_high);

/**
 * @brief PropertyRestriction (2.12.5): the column of @a value's tag
 * compared with @a value.
 * @param mem_ctx	owner of the result
 * @param relop	RELOP_LT, RELOP_LE, RELOP_GT, RELOP_GE, RELOP_EQ, RELOP_NE
 * @param value	the value; strings and binaries are copied
 */
struct Restriction *mapi_restriction_property(
	TALLOC_CTX *mem_ctx, uint8_t relop,
	const struct TaggedPropertyValue *value);

/** @brief PropertyRestriction on a PT_LONG property. */
struct Restriction *mapi_restriction_long(TALLOC_CTX *mem_ctx,
					  uint8_t relop, uint32_t tag,
					  uint32_t value);

/** @brief ExistRestriction (2.12.9): rows that have property @a tag. */
struct Restriction *mapi_restriction_exist(TALLOC_CTX *mem_ctx,
					   uint32_t tag);

/**
 * @brief BitMaskRestriction (2.12.7).
 * @param mem_ctx	owner of the result
 * @param tag		a PT_LONG property tag
 * @param mask		the bits tested
 * @param nonzero	true: BMR_NEZ (some bit of @a mask set), false:
 *			BMR_EQZ (no bit of @a mask set)
 */
struct Restriction *mapi_restriction_bitmask(TALLOC_CTX *mem_ctx,
					     uint32_t tag, uint32_t mask,
					     bool nonzero);

/**
 * @brief AndRestriction (2.12.1) of @a count restrictions.
 * @return NULL also when one of @a subs is NULL
 */
struct Restriction *mapi_restriction_and(TALLOC_CTX *mem_ctx,
					 struct Restriction *const *subs,
					 uint16_t count);

/** @brief OrRestriction (2.12.2), like mapi_restriction_and(). */
struct Restriction *mapi_restriction_or(TALLOC_CTX *mem_ctx,
					struct Restriction *const *subs,
					uint16_t count);

/** @brief NotRestriction (2.12.3) of @a sub; NULL if @a sub is NULL. */
struct Restriction *mapi_restriction_not(TALLOC_CTX *mem_ctx,
					 const struct Restriction *sub);

#endif /* MAPI_RESTRICTION_H */
