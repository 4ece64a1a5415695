/*
 * Property values between the store (struct mstore_value) and ROP buffers
 * (union PropertyValueUnion, MS-OXCDATA 2.11.1), with the string8 /
 * Unicode conversions of MS-OXCPRPT 3.2.5.1.
 *
 * The store keeps every string as Unicode (UTF-8): a PtypString8 value a
 * client sets is converted from its code page, and read back as either
 * type (MS-OXCPRPT 3.2.5.1: the server converts string properties to the
 * requested type).
 */
#ifndef EMSMDB_PROPVAL_H
#define EMSMDB_PROPVAL_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include <ndr.h>
#include "gen_ndr/rop_types.h"
#include "store/store_value.h"
#include "libmapi/ndr/string8.h"

/** String conversion context of a logon's session. */
struct emsmdb_strconv {
	const struct mapi_string8_map *map;	/**< the DOS charset map */
	uint32_t code_page;			/**< session code page */
};

/** @brief Whether @a type is a string8 (or MV string8) type. */
bool emsmdb_is_string8(uint16_t type);

/**
 * @brief A stored value as a wire value of type @a type: strings are
 * converted between Unicode and string8; other types must match.
 *
 * @return MAPI_E_SUCCESS, MAPI_E_INVALID_TYPE if it cannot be converted
 */
enum MAPISTATUS emsmdb_value_to_wire(TALLOC_CTX *mem_ctx,
				     const struct emsmdb_strconv *conv,
				     const struct mstore_value *v,
				     uint16_t type,
				     union PropertyValueUnion *out);

/** What a wire value is converted for (emsmdb_value_convert()). */
enum emsmdb_wire_mode {
	/**
	 * A value to store (RopSetProperties, ...): strings are copied,
	 * string8 ones converted from the code page and retagged Unicode
	 * (the store keeps every string as Unicode); a type the store cannot
	 * keep is MAPI_E_INVALID_TYPE.
	 */
	EMSMDB_WIRE_STORE,
	/**
	 * An operand of a restriction or RopFindRow (MS-OXCDATA 2.12): the
	 * tag is kept; string8 is converted from the code page when @a conv
	 * has a map, else taken as UTF-8 already (see
	 * emsmdb_restriction_prepare()); strings are not copied when not
	 * converted; PtypErrorCode is a value; a type no restriction can
	 * compare is MAPI_E_TOO_COMPLEX.
	 */
	EMSMDB_WIRE_OPERAND
};

/**
 * @brief A wire value of @a tag as a store value, for @a mode.  Arrays
 * and converted strings hang off @a mem_ctx; other data may point into
 * @a in.
 * @param conv the session's code page (NULL: string8 is taken as UTF-8)
 * @return MAPI_E_SUCCESS, or the error @a mode says for a type it cannot
 *	   take
 */
enum MAPISTATUS emsmdb_value_convert(TALLOC_CTX *mem_ctx,
				     const struct emsmdb_strconv *conv,
				     enum emsmdb_wire_mode mode, uint32_t tag,
				     const union PropertyValueUnion *in,
				     struct mstore_value *out);

/**
 * @brief A wire value of @a tag as a value for the store
 * (emsmdb_value_convert() with EMSMDB_WIRE_STORE): string8 values become
 * Unicode (the returned tag says so).
 *
 * @return MAPI_E_SUCCESS, MAPI_E_INVALID_TYPE for a type the store cannot
 *	   keep
 */
enum MAPISTATUS emsmdb_value_from_wire(TALLOC_CTX *mem_ctx,
				       const struct emsmdb_strconv *conv,
				       uint32_t tag,
				       const union PropertyValueUnion *in,
				       struct mstore_value *out);

/** @brief Encoded size of a wire value of type @a type (0 on error). */
size_t emsmdb_wire_size(TALLOC_CTX *mem_ctx, uint16_t type,
			const union PropertyValueUnion *v);

/** @brief The type the wire uses for a stored type when the client asked
 *  for @a requested (PT_UNSPECIFIED: @a want_unicode decides strings). */
uint16_t emsmdb_wire_type(uint16_t stored, uint16_t requested,
			  bool want_unicode);

#endif /* EMSMDB_PROPVAL_H */
