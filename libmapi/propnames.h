/**
 * @file propnames.h
 * @brief libmapi: names of property tags (MS-OXPROPS) and property values
 * as text.
 *
 * A property tag is a 16-bit property ID and a 16-bit property type
 * (MS-OXCDATA 2.9).  mapi_prop_name() names the tags clients commonly
 * meet on folders, messages, recipients, attachments and stores;
 * mapi_prop_value_string() turns any value of the ROP buffers into a
 * line of text, for tools and logs.
 */
#ifndef MAPI_PROPNAMES_H
#define MAPI_PROPNAMES_H

#include <stdint.h>
#include <talloc.h>
#include <ndr.h>
#include "gen_ndr/rop_types.h"

/** @brief The property type of a tag. */
#define MAPI_PROP_TYPE(tag)	((uint16_t)((tag) & 0xFFFF))
/** @brief The property ID of a tag. */
#define MAPI_PROP_ID(tag)	((uint16_t)(((tag) >> 16) & 0xFFFF))
/** @brief A tag from an ID and a type. */
#define MAPI_PROP_TAG(id, type)	((((uint32_t)(id)) << 16) | (type))

/**
 * @brief The canonical name of a property, e.g. "PidTagDisplayName" for
 * 0x3001001F (or for 0x3001001E: the name depends on the ID; where
 * MS-OXPROPS names one ID twice by type, the exact tag decides).
 * @return a static string, or NULL for a tag this table does not know
 *	   (named properties, 0x8000 and above, are never known)
 */
const char *mapi_prop_name(uint32_t tag);

/**
 * @brief The tag of a property name (the inverse of mapi_prop_name()),
 * with the type MS-OXPROPS gives it, e.g. 0x3001001F for
 * "PidTagDisplayName".  Names compare case-insensitively.
 * @return the tag, or 0 for an unknown name
 */
uint32_t mapi_prop_tag(const char *name);

/**
 * @brief The name of a property type, e.g. "PtypString" for PT_UNICODE.
 * @return a static string; "PtypUnknown" for a type MS-OXCDATA lacks
 */
const char *mapi_prop_type_name(uint16_t type);

/**
 * @brief A value as one line of text: numbers in decimal (and hex for
 * 32-bit integers), booleans as true/false, times as ISO 8601 UTC
 * ("2024-05-01T10:00:00Z"), binaries in hexadecimal, GUIDs in their
 * usual form, multi-valued properties as "[a, b]", errors by name.
 *
 * @param mem_ctx	owner of the result
 * @param type	the value's property type (PT_ERROR for an error cell)
 * @param value	the value
 * @return the text on @a mem_ctx, or NULL when out of memory
 */
char *mapi_prop_value_string(TALLOC_CTX *mem_ctx, uint16_t type,
			     const union PropertyValueUnion *value);

#endif /* MAPI_PROPNAMES_H */
