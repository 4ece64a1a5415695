/*
 * Address book building blocks with no RPC, ldb or dcesrv dependency:
 * locale collation of display names (STAT.SortLocale, an LCID of
 * [MS-LCID]) and evaluation of NSPI restrictions ([MS-OXNSPI] 2.2.5,
 * semantics of [MS-OXCDATA] 2.12) against one address book entry.
 */
#ifndef EMSABP_MATCH_H
#define EMSABP_MATCH_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include <gen_ndr/exchange_nsp.h>

/* Restriction types ([MS-OXCDATA] 2.12, NSPI encodes them as DWORDs) */
#define EMSABP_RES_AND		0x00
#define EMSABP_RES_OR		0x01
#define EMSABP_RES_NOT		0x02
#define EMSABP_RES_CONTENT	0x03
#define EMSABP_RES_PROPERTY	0x04
#define EMSABP_RES_COMPAREPROPS	0x05
#define EMSABP_RES_BITMASK	0x06
#define EMSABP_RES_SIZE		0x07
#define EMSABP_RES_EXIST	0x08
#define EMSABP_RES_SUBRESTRICTION 0x09

/* Relational operators ([MS-OXCDATA] 2.12.5.1) */
#define EMSABP_RELOP_LT		0x00
#define EMSABP_RELOP_LE		0x01
#define EMSABP_RELOP_GT		0x02
#define EMSABP_RELOP_GE		0x03
#define EMSABP_RELOP_EQ		0x04
#define EMSABP_RELOP_NE		0x05
#define EMSABP_RELOP_RE		0x06
#define EMSABP_RELOP_MEMBER_OF_DL 0x64

/* Bitmask operators ([MS-OXCDATA] 2.12.7.1) */
#define EMSABP_BMR_EQZ		0x00
#define EMSABP_BMR_NEZ		0x01

/* Content restriction fuzzy level ([MS-OXCDATA] 2.12.4.1): the low word
 * says where the pattern must be found, the high word how loosely. */
#define EMSABP_FL_FULLSTRING	0x00000000
#define EMSABP_FL_SUBSTRING	0x00000001
#define EMSABP_FL_PREFIX	0x00000002
#define EMSABP_FL_IGNORECASE	0x00010000
#define EMSABP_FL_IGNORENONSPACE 0x00020000
#define EMSABP_FL_LOOSE		0x00040000

/* PidTagAnr: ambiguous name resolution ([MS-OXPROPS]) */
#define EMSABP_PID_ANR		0x360C

/** Deepest nesting of and/or/not a restriction may have. */
#define EMSABP_RESTRICTION_MAX_DEPTH 64

/* ------------------------------------------------------------ collation */

struct emsabp_collator;

/**
 * A collator for @a lcid ([MS-LCID]); 0, the default/neutral LCIDs and
 * unknown ones give the root collation.  Freed with talloc_free(), which
 * closes the ICU objects.  NULL only when out of memory or ICU fails.
 */
struct emsabp_collator *emsabp_collator_new(TALLOC_CTX *mem_ctx,
					    uint32_t lcid);

/** The ICU locale the collator uses ("" for the root collation). */
const char *emsabp_collator_locale(const struct emsabp_collator *c);

/**
 * Compare two UTF-8 strings (<0, 0, >0) in the collator's order.  Strings
 * the locale holds equal are ordered by their bytes, so the order is total
 * and stable.  NULL sorts before any string; ill-formed UTF-8 compares
 * with U+FFFD in place of the bad bytes.  A NULL collator compares bytes.
 */
int emsabp_collate(const struct emsabp_collator *c, const char *a,
		   const char *b);

/**
 * A sort key for @a s, allocated on @a mem_ctx: memcmp() over the shorter
 * of two keys orders them exactly as emsabp_collate() (a key is never a
 * prefix of a different one; emsabp_sort_key_cmp() does this).
 */
bool emsabp_sort_key(TALLOC_CTX *mem_ctx, const struct emsabp_collator *c,
		     const char *s, DATA_BLOB *key);

/** Order two keys made by emsabp_sort_key(). */
int emsabp_sort_key_cmp(const DATA_BLOB *a, const DATA_BLOB *b);

/**
 * Whether @a value holds @a pattern as a content restriction with
 * @a fuzzy_level asks ([MS-OXCDATA] 2.12.4.1): the whole string, a prefix
 * or a substring; FL_IGNORECASE folds case, FL_IGNORENONSPACE drops the
 * Unicode non-spacing marks (accents), FL_LOOSE does both.  False for a
 * NULL value or pattern, or an unknown low word.
 */
bool emsabp_string_match(const struct emsabp_collator *c, const char *value,
			 const char *pattern, uint32_t fuzzy_level);

/* ---------------------------------------------------------- restriction */

/**
 * Value of one property of an entry, in the type the tag asks (strings
 * UTF-8 in lpszW/lpszA; MV types as the MV structs); false when the entry
 * has no such property.  value->ulPropTag must carry the type of the
 * value (either string type serves for the other); a value of any other
 * type counts as missing.  Allocations go on @a mem_ctx, which the
 * evaluator frees after each leaf.
 */
typedef bool (*emsabp_prop_getter)(TALLOC_CTX *mem_ctx, void *entry,
				   uint32_t prop_tag,
				   struct PropertyValue_r *value);

struct emsabp_match_ctx {
	emsabp_prop_getter get;
	const struct emsabp_collator *coll;
	/* PidTagAnr (0x360C) restrictions: ambiguous name resolution of
	 * text against the entry */
	bool (*anr)(void *entry, const char *text, void *anr_private);
	void *anr_private;
};

/**
 * Check a restriction before evaluating it: MAPI_E_SUCCESS, or
 * MAPI_E_INVALID_PARAMETER for a malformed one (missing operands, bad
 * operator values) or MAPI_E_TOO_COMPLEX for one the address book cannot
 * evaluate (unknown or sub-object restriction, RELOP_RE, property types
 * that differ or cannot be compared, nesting deeper than
 * EMSABP_RESTRICTION_MAX_DEPTH).
 */
enum MAPISTATUS emsabp_restriction_validate(const struct Restriction_r *res);

/**
 * Whether @a entry satisfies @a res.  A restriction that
 * emsabp_restriction_validate() refuses matches no entry.
 */
bool emsabp_restriction_match(const struct emsabp_match_ctx *ctx,
			      const struct Restriction_r *res, void *entry);

#endif /* EMSABP_MATCH_H */
