/**
 * @file string8.h
 * @brief String8 values in a session's code page, carried through the
 * NDR layer's DOS charset (see string8.c for how and why).
 */
#ifndef MAPI_NDR_STRING8_H
#define MAPI_NDR_STRING8_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>

/** @brief For each byte, the UTF-8 character the DOS charset maps it to. */
struct mapi_string8_map;

/** @brief Build the map of the process's DOS charset (smb.conf
 *  "dos charset"); NULL when out of memory. */
struct mapi_string8_map *mapi_string8_map_new(TALLOC_CTX *mem_ctx);

/** @brief Whether iconv knows Windows code page @a code_page. */
bool mapi_code_page_known(uint32_t code_page);

/** @brief The iconv name of Windows code page @a code_page. */
const char *mapi_iconv_name(TALLOC_CTX *mem_ctx, uint32_t code_page);

/**
 * @brief A UTF-8 string as it must be handed to the NDR layer so that
 * the peer receives it as string8 in @a code_page ('?' for characters the
 * code page lacks).
 */
const char *mapi_string8_to_wire(TALLOC_CTX *mem_ctx,
				 const struct mapi_string8_map *map,
				 uint32_t code_page, const char *utf8);

/**
 * @brief A string8 value the peer sent in @a code_page, as the NDR layer
 * delivered it, back to UTF-8.
 */
const char *mapi_string8_from_wire(TALLOC_CTX *mem_ctx,
				   const struct mapi_string8_map *map,
				   uint32_t code_page, const char *wire);

/**
 * @brief UTF-8 text as the bytes of @a code_page ('?' for characters the
 * code page lacks), not terminated, for values carried as raw bytes
 * (streams, MS-OXCPRPT 2.2.14); NULL for an unknown code page.
 */
char *mapi_string8_encode(TALLOC_CTX *mem_ctx, uint32_t code_page,
			  const char *utf8, size_t length, size_t *out_len);

/**
 * @brief Bytes of @a code_page as UTF-8, null-terminated; NULL for an
 * unknown code page.
 */
char *mapi_string8_decode(TALLOC_CTX *mem_ctx, uint32_t code_page,
			  const char *bytes, size_t length, size_t *out_len);

#endif /* MAPI_NDR_STRING8_H */
