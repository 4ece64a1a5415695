/*
 * Address book building blocks with no RPC, ldb or dcesrv dependency:
 * evaluation of NSPI restrictions ([MS-OXNSPI] 2.2.5, semantics of
 * [MS-OXCDATA] 2.12) against one address book entry, strings compared in
 * the collation of the sort locale (collation/mapi_collation.h).
 */
#ifndef EMSABP_MATCH_H
#define EMSABP_MATCH_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include <gen_ndr/exchange_nsp.h>
#include "collation/mapi_collation.h"

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

/* PidTagAnr: ambiguous name resolution ([MS-OXPROPS]) */
#define EMSABP_PID_ANR		0x360C

/** Deepest nesting of and/or/not a restriction may have. */
#define EMSABP_RESTRICTION_MAX_DEPTH 64

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
	const struct mapi_collator *coll;
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
