/*
 * sambamapi message store: typed MAPI property values and their compact
 * serialisation (one ldb attribute per property tag).
 */
#ifndef SMAPI_STORE_VALUE_H
#define SMAPI_STORE_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>
#include "gen_ndr/mapi_types.h"

/** Property type of a tag (MS-OXCDATA 2.9: low 16 bits). */
#define MSTORE_PROP_TYPE(tag) ((uint16_t)((tag) & 0xFFFF))
/** Property id of a tag (MS-OXCDATA 2.9: high 16 bits). */
#define MSTORE_PROP_ID(tag) ((uint16_t)(((uint32_t)(tag)) >> 16))
/** Build a tag from an id and a type. */
#define MSTORE_PROP_TAG(id, type) \
	((((uint32_t)(id)) << 16) | ((uint32_t)(type) & 0xFFFF))
/** Bit that marks a multi-valued type (MS-OXCDATA 2.11.1). */
#define MSTORE_MV_FLAG 0x1000

/** A GUID in its 16-byte wire form (MS-DTYP 2.3.4.2, little-endian). */
struct mstore_guid {
	uint8_t bytes[16];
};

/** A counted byte string (PT_BINARY and the opaque wire-form types). */
struct mstore_bin {
	uint32_t length;
	uint8_t *data;
};

/**
 * One property value.  The member used follows MSTORE_PROP_TYPE(tag):
 *
 * - PT_SHORT: i16; PT_LONG: i32; PT_FLOAT: flt; PT_DOUBLE: dbl;
 *   PT_APPTIME: dbl (OLE automation date); PT_CURRENCY, PT_I8: i64;
 *   PT_SYSTIME: u64 (FILETIME); PT_ERROR: err; PT_BOOLEAN: b.
 * - PT_STRING8: str (bytes of the caller's code page, NUL-terminated);
 *   PT_UNICODE: str (UTF-8).
 * - PT_CLSID: guid.
 * - PT_BINARY, PT_SVREID, PT_SRESTRICT, PT_ACTIONS: bin.  The last three
 *   hold the value's own wire form (MS-OXCDATA 2.11.1: ServerId, the
 *   restriction of 2.12 and the rule actions of MS-OXORULE 2.2.5), kept
 *   opaque by the store.
 * - PT_MV_*: mv.count elements in mv.i16, mv.i32, mv.flt, mv.dbl,
 *   mv.i64, mv.u64, mv.str, mv.guid or mv.bin.
 */
struct mstore_value {
	uint32_t tag;
	union {
		int16_t i16;
		int32_t i32;
		float flt;
		double dbl;
		int64_t i64;
		uint64_t u64;
		uint32_t err;
		bool b;
		const char *str;
		struct mstore_guid guid;
		struct mstore_bin bin;
		struct {
			uint32_t count;
			union {
				int16_t *i16;
				int32_t *i32;
				float *flt;
				double *dbl;
				int64_t *i64;
				uint64_t *u64;
				const char **str;
				struct mstore_guid *guid;
				struct mstore_bin *bin;
			};
		} mv;
	} v;
};

/**
 * Property type of a reference to a value kept outside its record, a
 * "large value" (see store_lob.h).  It never appears on the wire: getters
 * that return every value of an object (mstore_message_get_all_props(),
 * mstore_folder_get_all_props(), attachment rows) list a large value as
 * MSTORE_PROP_TAG(id, MSTORE_PT_LARGE) with an opaque reference in v.bin;
 * getters of named tags (mstore_message_get_props(), table rows) answer
 * PT_ERROR MAPI_E_NOT_ENOUGH_MEMORY instead, the value being too large to
 * be retrieved that way (MS-OXCDATA 2.4.2).  A reference may be passed to
 * the setters of any object of the same store: the value is shared, not
 * copied.  mstore_large_info() gives its real tag and size, store_lob.h
 * reads it in chunks.
 */
#define MSTORE_PT_LARGE 0x8102

/** Size in bytes of the reference an MSTORE_PT_LARGE value holds. */
#define MSTORE_LARGE_REF_SIZE 28

/**
 * Single-valued PT_BINARY, PT_STRING8 and PT_UNICODE values longer than
 * this many bytes are written out of line when their object is saved
 * (see README, Message store, for the measurement behind it).
 */
#define MSTORE_LARGE_THRESHOLD (64 * 1024)

/** A row: several values, e.g. one recipient or one listed message. */
struct mstore_row {
	uint32_t count;
	struct mstore_value *values;
};

/**
 * @brief True if the store can keep values of this property type.
 */
bool mstore_type_is_storable(uint16_t type);

/**
 * @brief Serialise a value into its stored form.
 *
 * The stored form is the 16-bit property type, little-endian, followed by
 * the value: fixed-size types in their little-endian wire form; strings
 * and binaries as their bytes; multi-valued types as a 32-bit count and
 * the elements, variable-size ones each preceded by a 32-bit length.
 *
 * @param mem_ctx	owner of the result
 * @param value		value to serialise
 * @param out		the bytes (hung off mem_ctx)
 * @return MAPI_E_SUCCESS, MAPI_E_INVALID_TYPE for a type that cannot be
 *	   stored, MAPI_E_NOT_ENOUGH_MEMORY
 */
enum MAPISTATUS mstore_value_pack(TALLOC_CTX *mem_ctx,
				  const struct mstore_value *value,
				  struct mstore_bin *out);

/**
 * @brief Parse a stored form back into a value of the given tag.
 *
 * @return MAPI_E_SUCCESS, or MAPI_E_CORRUPT_DATA if the bytes do not
 *	   hold a well-formed value of the tag's type
 */
enum MAPISTATUS mstore_value_unpack(TALLOC_CTX *mem_ctx, uint32_t tag,
				    const uint8_t *data, size_t length,
				    struct mstore_value *value);

/**
 * @brief Deep copy of a value; pointers of dst hang off mem_ctx.
 */
enum MAPISTATUS mstore_value_copy(TALLOC_CTX *mem_ctx,
				  const struct mstore_value *src,
				  struct mstore_value *dst);

/**
 * @brief True if both values have the same tag and content.
 *
 * Strings and binaries are compared in place, so that large bodies are
 * not packed to be compared (a NULL string equals the empty one, as in
 * the stored form); other types by their stored form.
 */
bool mstore_value_equal(const struct mstore_value *a,
			const struct mstore_value *b);

/**
 * @brief True for an MSTORE_PT_LARGE reference to a value kept out of
 * line.
 */
bool mstore_value_is_large(const struct mstore_value *v);

/**
 * @brief The real tag and the size in bytes of a large value (the bytes
 * store_lob.h reads: a binary's bytes; a string's in its stream form,
 * UTF-16LE for PT_UNICODE, with its terminating null character).
 *
 * @return MAPI_E_SUCCESS, MAPI_E_INVALID_PARAMETER if @a v is not a
 *	   well-formed MSTORE_PT_LARGE value
 */
enum MAPISTATUS mstore_large_info(const struct mstore_value *v,
				  uint32_t *tag, uint64_t *size);

/**
 * @brief True if @a v is the value of @a tag: a value of that tag, or a
 * large value (MSTORE_PT_LARGE) whose real tag it is.
 */
bool mstore_value_has_tag(const struct mstore_value *v, uint32_t tag);

/**
 * @brief Find a value by tag in an array; NULL if absent.
 */
const struct mstore_value *mstore_values_find(const struct mstore_value *v,
					      uint32_t count, uint32_t tag);

/**
 * @brief Find the value of a property id, whatever its type, in an array.
 *
 * An error value (PT_ERROR) counts as absent.
 *
 * @param v	the values; may be NULL
 * @param count	how many values @a v holds
 * @param id	the property id (the high 16 bits of a tag)
 * @return the first value of @a id, or NULL if absent
 */
const struct mstore_value *mstore_values_find_id(const struct mstore_value *v,
						 uint32_t count, uint16_t id);

#endif
