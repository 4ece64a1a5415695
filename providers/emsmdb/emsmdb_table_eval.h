/*
 * Pure row logic of the EMSMDB tables: comparing property values, sorting
 * rows by sort orders (MS-OXCDATA 2.13) and evaluating restrictions
 * (MS-OXCDATA 2.12) against rows of store values.  Strings compare in a
 * collator's order (the session's sort locale; NULL: ASCII case
 * folding).  No store, RPC or session here: the unit tests drive it with
 * hand-made rows.
 */
#ifndef EMSMDB_TABLE_EVAL_H
#define EMSMDB_TABLE_EVAL_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include <ndr.h>
#include "gen_ndr/rop_types.h"
#include "store/store_value.h"
#include "emsmdb_propval.h"

struct mapi_collator;

/** TABLE_SORT_* of MS-OXCDATA 2.13.1 SortOrder.Order (low bits). */
#define EMSMDB_SORT_DESCEND 0x01
/** MS-OXCDATA 2.13.1: MultivalueInstance bit of SortOrder.PropertyType. */
#define EMSMDB_MV_INSTANCE 0x2000

/**
 * @brief Find the value of property @a tag in a row, matching the
 * property id and a compatible type (PtypString and PtypString8 are
 * interchangeable); PT_ERROR entries count as missing.  NULL if absent.
 */
const struct mstore_value *emsmdb_row_find(const struct mstore_row *row,
					   uint32_t tag);

/**
 * @brief Order of two values of compatible single-valued types:
 * negative, zero or positive.  Strings compare in @a coll's order, or
 * case-insensitively with ASCII folding without one; binaries bytewise
 * then by length, booleans false before true.  Multi-valued values
 * compare element by element.
 */
int emsmdb_value_compare(const struct mapi_collator *coll,
			 const struct mstore_value *a,
			 const struct mstore_value *b);

/**
 * @brief Order of two rows by @a count sort orders.  Row @a a holds the
 * value of sorts[i] found by emsmdb_row_find(); a missing value sorts
 * before any present one (after, descending).
 */
int emsmdb_row_compare(const struct mapi_collator *coll,
		       const struct SortOrder *sorts, uint32_t count,
		       const struct mstore_row *a,
		       const struct mstore_row *b);

/**
 * @brief The values of a row for @a count sort orders (NULL where it has
 * none), for emsmdb_sort_values_compare().
 */
void emsmdb_sort_values(const struct SortOrder *sorts, uint32_t count,
			const struct mstore_row *row,
			const struct mstore_value **values);

/**
 * @brief emsmdb_row_compare() of rows whose sort values were found
 * before (emsmdb_sort_values()): a sort compares each row many times.
 */
int emsmdb_sort_values_compare(const struct mapi_collator *coll,
			       const struct SortOrder *sorts, uint32_t count,
			       const struct mstore_value *const *a,
			       const struct mstore_value *const *b);

/**
 * @brief Check that a restriction can be evaluated on a table
 * (SubObjectRestrictions are not: recipients and attachments are no
 * table rows here).
 * @return MAPI_E_SUCCESS, or MAPI_E_TOO_COMPLEX for a restriction type or
 *	   operator that is not supported, a bad property type, or an
 *	   operand whose type does not match its property tag
 */
enum MAPISTATUS emsmdb_restriction_check(const struct Restriction *r);

/**
 * @brief The property tags a restriction reads, appended to @a tags
 * (a talloc array, may start NULL) without duplicates.
 */
enum MAPISTATUS emsmdb_restriction_tags(TALLOC_CTX *mem_ctx,
					const struct Restriction *r,
					uint32_t **tags, uint32_t *count);

/** CountRestrictions (MS-OXCDATA 2.12.12) one evaluation pass tracks. */
#define EMSMDB_MATCH_COUNTERS 8

/**
 * State of one pass of a restriction over the rows of a table: how many
 * rows each CountRestriction let through.  Zero it before each pass.
 */
struct emsmdb_match_state {
	uint32_t count;
	const void *keys[EMSMDB_MATCH_COUNTERS];
	uint32_t used[EMSMDB_MATCH_COUNTERS];
};

/**
 * @brief Whether a row satisfies a restriction (MS-OXCDATA 2.12); the
 * restriction must have passed emsmdb_restriction_check() and its string8
 * operands must be UTF-8 (emsmdb_restriction_prepare()).  Strings
 * compare in @a coll's order; content restrictions fold as
 * mapi_string_match() in @a coll's locale.
 * @param state the pass's state (NULL: CountRestrictions do not limit)
 */
bool emsmdb_restriction_match(const struct mapi_collator *coll,
			      const struct Restriction *r,
			      const struct mstore_row *row,
			      struct emsmdb_match_state *state);

/**
 * @brief A restriction of the wire made ready to evaluate: checked
 * (emsmdb_restriction_check()), copied, and its string8 operands
 * converted from @a conv's code page to UTF-8 (@a conv NULL: they are
 * taken as UTF-8).
 */
enum MAPISTATUS emsmdb_restriction_prepare(TALLOC_CTX *mem_ctx,
					   const struct emsmdb_strconv *conv,
					   const struct Restriction *in,
					   struct Restriction **out);

/**
 * @brief Deep copy of a restriction (through its wire form).
 */
enum MAPISTATUS emsmdb_restriction_copy(TALLOC_CTX *mem_ctx,
					const struct Restriction *in,
					struct Restriction **out);

#endif /* EMSMDB_TABLE_EVAL_H */
