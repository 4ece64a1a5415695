/*
 * Locale collation of MAPI strings (see mapi_collation.h): sort orders
 * of an LCID ([MS-LCID]) and content matching per fuzzy level
 * ([MS-OXCDATA] 2.12.4.1), on ICU.
 */
#include "mapi_collation.h"

#include <string.h>
#include <strings.h>
#include <unicode/ucol.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include <unicode/unorm2.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>

struct mapi_collator {
	UCollator *ucol;
	uint32_t lcid;
	const char *locale;
	/* Turkish and Azeri fold dotted/dotless i differently */
	bool turkic;
	/* equal for the locale: order by the bytes (a total order) */
	bool total;
};

/* UTF-16 units and sort key bytes kept on the stack for short strings. */
#define SHORT_UNITS	256
#define SHORT_KEY	1024

/* [MS-LCID] 2.1: bits 20-31 of an LCID are reserved (zero), 16-19 the
 * sort ID, 0-15 the language ID; the low 10 bits of the language ID are
 * the primary language. */
#define LCID_RESERVED_MASK	0xFFF00000
#define LCID_LANGID(lcid)	((lcid) & 0xFFFF)
#define LANGID_PRIMARY(langid)	((langid) & 0x3FF)

#define LANG_TURKISH		0x1F
#define LANG_AZERI		0x2C

/* [MS-LCID] 2.1 and 2.2: LCIDs that name no particular language:
 * LOCALE_INVARIANT, LOCALE_USER_DEFAULT, LOCALE_SYSTEM_DEFAULT,
 * LOCALE_CUSTOM_DEFAULT, LOCALE_CUSTOM_UNSPECIFIED, and the "neutral"
 * language 0. */
static bool lcid_is_neutral(uint32_t lcid)
{
	switch (LCID_LANGID(lcid)) {
	case 0x0000:
	case 0x007F:
	case 0x0400:
	case 0x0800:
	case 0x0C00:
	case 0x1000:
		return true;
	}
	return false;
}

/* ICU locale name of @a lcid, "" (root) when there is none. */
static const char *lcid_to_locale(TALLOC_CTX *mem_ctx, uint32_t lcid)
{
	char name[ULOC_FULLNAME_CAPACITY];
	UErrorCode err = U_ZERO_ERROR;
	int32_t len;

	if ((lcid & LCID_RESERVED_MASK) != 0 || lcid_is_neutral(lcid)) {
		return talloc_strdup(mem_ctx, "");
	}
	len = uloc_getLocaleForLCID(lcid, name, sizeof(name), &err);
	if (U_FAILURE(err) || err == U_STRING_NOT_TERMINATED_WARNING ||
	    len <= 0 || len >= (int32_t)sizeof(name)) {
		return talloc_strdup(mem_ctx, "");
	}
	return talloc_strndup(mem_ctx, name, len);
}

static int collator_destructor(struct mapi_collator *c)
{
	if (c->ucol != NULL) {
		ucol_close(c->ucol);
		c->ucol = NULL;
	}
	return 0;
}

struct mapi_collator *mapi_collator_new(TALLOC_CTX *mem_ctx, uint32_t lcid,
					uint32_t flags)
{
	struct mapi_collator *c;
	UErrorCode err = U_ZERO_ERROR;
	uint32_t primary = LANGID_PRIMARY(LCID_LANGID(lcid));

	c = talloc_zero(mem_ctx, struct mapi_collator);
	if (c == NULL) {
		return NULL;
	}
	talloc_set_destructor(c, collator_destructor);
	c->lcid = lcid;
	c->locale = lcid_to_locale(c, lcid);
	if (c->locale == NULL) {
		talloc_free(c);
		return NULL;
	}
	c->turkic = !lcid_is_neutral(lcid) &&
		(primary == LANG_TURKISH || primary == LANG_AZERI);
	/* A locale ICU has no tailoring for falls back to root with a
	 * warning, which is what an unknown LCID should get. */
	c->ucol = ucol_open(c->locale, &err);
	if (U_FAILURE(err) || c->ucol == NULL) {
		talloc_free(c);
		return NULL;
	}
	c->total = !(flags & MAPI_COLLATE_IGNORE_CASE);
	if (flags & MAPI_COLLATE_IGNORE_CASE) {
		/* letters and accents count, case does not */
		ucol_setStrength(c->ucol, UCOL_SECONDARY);
	}
	return c;
}

const char *mapi_collator_locale(const struct mapi_collator *c)
{
	return c == NULL ? "" : c->locale;
}

static int sign_of(int v)
{
	return (v > 0) - (v < 0);
}

int mapi_collate(const struct mapi_collator *c, const char *a,
		   const char *b)
{
	UErrorCode err = U_ZERO_ERROR;
	UCollationResult r;

	if (a == NULL || b == NULL) {
		return (a != NULL) - (b != NULL);
	}
	if (c != NULL && c->ucol != NULL) {
		/* ICU reads ill-formed UTF-8 as U+FFFD */
		r = ucol_strcollUTF8(c->ucol, a, -1, b, -1, &err);
		if (U_SUCCESS(err) && r != UCOL_EQUAL) {
			return r == UCOL_LESS ? -1 : 1;
		}
	}
	if (c != NULL && !c->total) {
		return 0;
	}
	/* Equal for the locale: the bytes decide, so that the order is
	 * total and every sort gives the same result. */
	return sign_of(strcmp(a, b));
}

/* @a s as UTF-16 on @a mem_ctx, ill-formed sequences as U+FFFD. */
static UChar *utf8_to_utf16(TALLOC_CTX *mem_ctx, const char *s,
			    int32_t *out_len)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t len = 0;
	UChar *u;

	u_strFromUTF8WithSub(NULL, 0, &len, s, -1, 0xFFFD, NULL, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) {
		return NULL;
	}
	u = talloc_array(mem_ctx, UChar, len + 1);
	if (u == NULL) {
		return NULL;
	}
	err = U_ZERO_ERROR;
	u_strFromUTF8WithSub(u, len + 1, out_len, s, -1, 0xFFFD, NULL, &err);
	if (U_FAILURE(err)) {
		talloc_free(u);
		return NULL;
	}
	return u;
}

/* @a s as UTF-16 in @a buf when it fits (else on @a mem_ctx). */
static UChar *utf16_of(TALLOC_CTX *mem_ctx, const char *s, UChar *buf,
		       int32_t size, int32_t *len)
{
	UErrorCode err = U_ZERO_ERROR;

	u_strFromUTF8WithSub(buf, size, len, s, -1, 0xFFFD, NULL, &err);
	if (U_SUCCESS(err) && err != U_STRING_NOT_TERMINATED_WARNING) {
		return buf;
	}
	return utf8_to_utf16(mem_ctx, s, len);
}

/* The ICU sort key of @a u, its terminating zero included, in @a buf
 * when it fits (else on @a mem_ctx). */
static uint8_t *icu_sort_key(TALLOC_CTX *mem_ctx, const UCollator *ucol,
			     const UChar *u, int32_t ulen, uint8_t *buf,
			     int32_t size, int32_t *klen)
{
	uint8_t *key;
	int32_t need;

	need = ucol_getSortKey(ucol, u, ulen, buf, size);
	if (need <= 0) {
		return NULL;
	}
	if (need <= size) {
		*klen = need;
		return buf;
	}
	key = talloc_array(mem_ctx, uint8_t, need);
	if (key == NULL) {
		return NULL;
	}
	*klen = ucol_getSortKey(ucol, u, ulen, key, need);
	if (*klen != need) {
		talloc_free(key);
		return NULL;
	}
	return key;
}

/*
 * Key = ICU sort key (zero-terminated, no zero inside), then for a total
 * order the UTF-8 bytes and a zero: the bytes break ties as
 * mapi_collate() does, and since each part ends in the only zero it
 * holds, no key is a prefix of another.
 */
bool mapi_sort_key(TALLOC_CTX *mem_ctx, const struct mapi_collator *c,
		   const char *s, DATA_BLOB *key)
{
	UChar ubuf[SHORT_UNITS], *u = NULL;
	uint8_t kbuf[SHORT_KEY], *icu = NULL;
	int32_t ulen = 0, klen = 0;
	size_t slen;
	bool ok = false;

	if (key == NULL) {
		return false;
	}
	key->data = NULL;
	key->length = 0;
	if (s == NULL) {
		s = "";
	}
	slen = c == NULL || c->total ? strlen(s) + 1 : 0;
	/* short strings need no memory but the key's (a table sorts
	 * thousands of them) */
	if (c != NULL && c->ucol != NULL) {
		u = utf16_of(mem_ctx, s, ubuf, SHORT_UNITS, &ulen);
		icu = u == NULL ? NULL :
			icu_sort_key(mem_ctx, c->ucol, u, ulen, kbuf,
				     SHORT_KEY, &klen);
		if (icu == NULL) {
			goto done;
		}
	}
	key->data = talloc_array(mem_ctx, uint8_t, klen + slen);
	if (key->data == NULL) {
		goto done;
	}
	key->length = klen + slen;
	if (klen > 0) {
		memcpy(key->data, icu, klen);
	}
	if (slen > 0) {
		memcpy(key->data + klen, s, slen);
	}
	ok = true;
done:
	if (u != ubuf) {
		talloc_free(u);
	}
	if (icu != kbuf) {
		talloc_free(icu);
	}
	return ok;
}

int mapi_sort_key_cmp(const DATA_BLOB *a, const DATA_BLOB *b)
{
	size_t n = a->length < b->length ? a->length : b->length;
	int r = n == 0 ? 0 : memcmp(a->data, b->data, n);

	if (r != 0) {
		return sign_of(r);
	}
	return (a->length > b->length) - (a->length < b->length);
}

/* ------------------------------------------------------ content matching */

static UChar *normalize(TALLOC_CTX *mem_ctx, const UNormalizer2 *norm,
			const UChar *src, int32_t len, int32_t *out_len)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t need;
	UChar *dst;

	need = unorm2_normalize(norm, src, len, NULL, 0, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) {
		return NULL;
	}
	dst = talloc_array(mem_ctx, UChar, need + 1);
	if (dst == NULL) {
		return NULL;
	}
	err = U_ZERO_ERROR;
	*out_len = unorm2_normalize(norm, src, len, dst, need + 1, &err);
	return U_FAILURE(err) ? NULL : dst;
}

static UChar *fold_case(TALLOC_CTX *mem_ctx, const UChar *src, int32_t len,
			bool turkic, int32_t *out_len)
{
	uint32_t opt = turkic ? U_FOLD_CASE_EXCLUDE_SPECIAL_I :
		U_FOLD_CASE_DEFAULT;
	UErrorCode err = U_ZERO_ERROR;
	int32_t need;
	UChar *dst;

	need = u_strFoldCase(NULL, 0, src, len, opt, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) {
		return NULL;
	}
	dst = talloc_array(mem_ctx, UChar, need + 1);
	if (dst == NULL) {
		return NULL;
	}
	err = U_ZERO_ERROR;
	*out_len = u_strFoldCase(dst, need + 1, src, len, opt, &err);
	return U_FAILURE(err) ? NULL : dst;
}

/* Drop the non-spacing marks (general category Mn) of a decomposed
 * string, in place. */
static int32_t strip_nonspacing(UChar *s, int32_t len)
{
	int32_t in = 0, out = 0, start;
	UChar32 ch;

	while (in < len) {
		start = in;
		U16_NEXT(s, in, len, ch);
		if (u_charType(ch) == U_NON_SPACING_MARK) {
			continue;
		}
		while (start < in) {
			s[out++] = s[start++];
		}
	}
	return out;
}

/*
 * The form two strings are compared in: case folded (FL_IGNORECASE),
 * canonically decomposed, marks dropped (FL_IGNORENONSPACE: "Unicode-
 * defined non-spacing characters"), then recomposed (NFC) so that an
 * accented letter stays one unit when marks count.  FL_LOOSE means both.
 */
static UChar *match_form(TALLOC_CTX *mem_ctx, const struct mapi_collator *c,
			 const char *s, uint32_t fuzzy, int32_t *out_len)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
	bool loose = (fuzzy & MAPI_FL_LOOSE) != 0;
	UChar *u;
	int32_t len = 0;

	if (U_FAILURE(err)) {
		return NULL;
	}
	u = utf8_to_utf16(mem_ctx, s, &len);
	/* fold before decomposing: Turkish folds U+0130 as a whole */
	if (u != NULL && (loose || (fuzzy & MAPI_FL_IGNORECASE))) {
		u = fold_case(mem_ctx, u, len,
			      c != NULL && c->turkic, &len);
	}
	if (u != NULL) {
		u = normalize(mem_ctx, nfd, u, len, &len);
	}
	if (u != NULL && (loose || (fuzzy & MAPI_FL_IGNORENONSPACE))) {
		len = strip_nonspacing(u, len);
	}
	if (u != NULL) {
		u = normalize(mem_ctx, nfc, u, len, &len);
	}
	*out_len = len;
	return u;
}

static bool ustr_match(const UChar *v, int32_t vlen, const UChar *p,
		       int32_t plen, uint32_t low)
{
	switch (low) {
	case MAPI_FL_FULLSTRING:
		return vlen == plen && u_memcmp(v, p, plen) == 0;
	case MAPI_FL_PREFIX:
		return vlen >= plen && u_memcmp(v, p, plen) == 0;
	case MAPI_FL_SUBSTRING:
		return plen == 0 || u_strFindFirst(v, vlen, p, plen) != NULL;
	}
	return false;
}

static bool is_ascii(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((uint8_t)*s >= 0x80) {
			return false;
		}
	}
	return true;
}

/*
 * The match of two ASCII strings, without ICU: ASCII has no marks to
 * drop and is its own normal form, and folds as ASCII does except for I
 * in the Turkic locales (which the caller leaves to ICU).
 */
static bool ascii_match(const char *v, const char *p, uint32_t low,
			bool fold)
{
	size_t vlen = strlen(v), plen = strlen(p), i, last;
	int (*cmp)(const char *, const char *, size_t) =
		fold ? strncasecmp : strncmp;

	if (plen > vlen || (low == MAPI_FL_FULLSTRING && plen != vlen)) {
		return false;
	}
	last = low == MAPI_FL_SUBSTRING ? vlen - plen : 0;
	for (i = 0; i <= last; i++) {
		if (cmp(v + i, p, plen) == 0) {
			return true;
		}
	}
	return false;
}

bool mapi_string_match(const struct mapi_collator *c, const char *value,
		       const char *pattern, uint32_t fuzzy_level)
{
	uint32_t low = fuzzy_level & 0xFFFF;
	bool fold = (fuzzy_level & (MAPI_FL_IGNORECASE | MAPI_FL_LOOSE)) != 0;
	TALLOC_CTX *tmp;
	UChar *v, *p;
	int32_t vlen = 0, plen = 0;
	bool match = false;

	if (value == NULL || pattern == NULL || low > MAPI_FL_PREFIX) {
		return false;
	}
	if (is_ascii(value) && is_ascii(pattern) &&
	    !(fold && c != NULL && c->turkic)) {
		return ascii_match(value, pattern, low, fold);
	}
	tmp = talloc_new(NULL);
	if (tmp == NULL) {
		return false;
	}
	v = match_form(tmp, c, value, fuzzy_level, &vlen);
	p = match_form(tmp, c, pattern, fuzzy_level, &plen);
	if (v != NULL && p != NULL) {
		match = ustr_match(v, vlen, p, plen, low);
	}
	talloc_free(tmp);
	return match;
}
