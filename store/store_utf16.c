/*
 * sambamapi message store: UTF-8 <-> UTF-16LE, for string values kept out
 * of line in their stream form (store_lob.h).
 */
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include "store/store_private.h"

/* Convert @a length bytes; NULL on invalid input or no memory. */
static uint8_t *convert(TALLOC_CTX *mem_ctx, const char *to,
			const char *from, const uint8_t *in, size_t length,
			size_t *out_len)
{
	iconv_t cd = iconv_open(to, from);
	size_t cap = length * 2 + 4, ileft = length, oleft;
	char *ip = (char *)(uintptr_t)in, *op;
	uint8_t *out;

	if (cd == (iconv_t)-1) {
		return NULL;
	}
	out = talloc_array(mem_ctx, uint8_t, cap);
	oleft = cap;
	op = (char *)out;
	if (out != NULL && ileft > 0 &&
	    iconv(cd, &ip, &ileft, &op, &oleft) == (size_t)-1) {
		TALLOC_FREE(out);	/* E2BIG cannot happen: cap is enough */
	}
	iconv_close(cd);
	if (out != NULL) {
		*out_len = cap - oleft;
	}
	return out;
}

enum MAPISTATUS mstore_utf8_to_utf16(TALLOC_CTX *mem_ctx, const char *utf8,
				     struct mstore_bin *out)
{
	size_t n = 0;
	uint8_t *p = convert(mem_ctx, "UTF-16LE", "UTF-8",
			     (const uint8_t *)utf8, strlen(utf8), &n);

	if (p == NULL) {
		return MAPI_E_CORRUPT_DATA;
	}
	out->data = p;
	out->length = n;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_utf16_to_utf8(TALLOC_CTX *mem_ctx,
				     const uint8_t *data, size_t length,
				     char **out)
{
	size_t n = 0;
	uint8_t *p = convert(mem_ctx, "UTF-8", "UTF-16LE", data,
			     length & ~(size_t)1, &n);
	uint8_t *s;

	if (p == NULL) {
		return MAPI_E_CORRUPT_DATA;
	}
	s = talloc_realloc(mem_ctx, p, uint8_t, n + 1);
	if (s == NULL) {
		talloc_free(p);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	s[n] = 0;
	*out = (char *)s;
	return MAPI_E_SUCCESS;
}
