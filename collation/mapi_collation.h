/**
 * @file mapi_collation.h
 * @brief Locale collation of MAPI strings, shared by the address book and
 * the message store providers.
 *
 * Tables are sorted in the order of a sort locale, an LCID ([MS-LCID]):
 * the address book's STAT.SortLocale, the message store's ulLcidSort of
 * EcDoConnectEx.  Content restrictions match strings as the fuzzy level of
 * [MS-OXCDATA] 2.12.4.1 asks.  ICU does the work; this library maps the
 * MAPI notions onto it.  Strings are UTF-8.
 */
#ifndef MAPI_COLLATION_H
#define MAPI_COLLATION_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include <util/data_blob.h>

/* Content restriction fuzzy level ([MS-OXCDATA] 2.12.4.1): the low word
 * says where the pattern must be found, the high word how loosely. */
#define MAPI_FL_FULLSTRING	0x00000000
#define MAPI_FL_SUBSTRING	0x00000001
#define MAPI_FL_PREFIX		0x00000002
#define MAPI_FL_IGNORECASE	0x00010000
#define MAPI_FL_IGNORENONSPACE	0x00020000
#define MAPI_FL_LOOSE		0x00040000

/**
 * Collator flag: strings that differ only in case compare equal (their
 * order is then the caller's to decide), and sort keys carry no
 * tie-break.  Without it strings the locale holds equal are ordered by
 * their bytes, so that the order is total.
 */
#define MAPI_COLLATE_IGNORE_CASE 0x0001

/** A collator for one sort locale. */
struct mapi_collator;

/**
 * @brief A collator for @a lcid ([MS-LCID]); 0, the default/neutral LCIDs
 * and unknown ones give the root collation.  Freed with talloc_free(),
 * which closes the ICU objects.
 * @param flags MAPI_COLLATE_IGNORE_CASE or 0
 * @return NULL only when out of memory or ICU fails
 */
struct mapi_collator *mapi_collator_new(TALLOC_CTX *mem_ctx, uint32_t lcid,
					uint32_t flags);

/** @brief The ICU locale the collator uses ("" for the root collation). */
const char *mapi_collator_locale(const struct mapi_collator *c);

/**
 * @brief Compare two strings (<0, 0, >0) in the collator's order.  NULL
 * sorts before any string; ill-formed UTF-8 compares with U+FFFD in place
 * of the bad bytes.  A NULL collator compares bytes.
 */
int mapi_collate(const struct mapi_collator *c, const char *a,
		 const char *b);

/**
 * @brief A sort key for @a s, allocated on @a mem_ctx: memcmp() over the
 * shorter of two keys, then their lengths, orders them exactly as
 * mapi_collate() (mapi_sort_key_cmp() does this).
 */
bool mapi_sort_key(TALLOC_CTX *mem_ctx, const struct mapi_collator *c,
		   const char *s, DATA_BLOB *key);

/** @brief Order two keys made by mapi_sort_key(). */
int mapi_sort_key_cmp(const DATA_BLOB *a, const DATA_BLOB *b);

/**
 * @brief Whether @a value holds @a pattern as a content restriction with
 * @a fuzzy_level asks ([MS-OXCDATA] 2.12.4.1): the whole string, a prefix
 * or a substring; FL_IGNORECASE folds case (as the collator's locale
 * does: Turkish dotted and dotless i), FL_IGNORENONSPACE drops the
 * Unicode non-spacing marks (accents), FL_LOOSE does both.
 * @return false for a NULL value or pattern, or an unknown low word
 */
bool mapi_string_match(const struct mapi_collator *c, const char *value,
		       const char *pattern, uint32_t fuzzy_level);

#endif /* MAPI_COLLATION_H */
