/*
 * libmapi: the body of a message as text or HTML ([MS-OXBBODY]
 * 2.1.3.1), and the properties that set one.
 */
#include <string.h>
#include <strings.h>
#include <util/debug.h>

#include "libmapi/body.h"
#include "libmapi/ndr/rtfcp.h"
#include "libmapi/ndr/string8.h"

/* the largest PtypBinary of a ROP buffer: a 16-bit count */
#define ROP_BINARY_MAX	0xFFFF

static const uint32_t body_tags[] = {
	MAPI_TAG_BODY_W, MAPI_TAG_RTF_COMPRESSED, MAPI_TAG_HTML,
	MAPI_TAG_RTF_IN_SYNC, MAPI_TAG_NATIVE_BODY, MAPI_TAG_INTERNET_CPID,
	MAPI_TAG_MESSAGE_CLASS,
};

const uint32_t *mapi_body_tags(uint16_t *count)
{
	*count = sizeof(body_tags) / sizeof(body_tags[0]);
	return body_tags;
}

/* The value of a property id, any type (PT_ERROR included); NULL if
 * absent or MAPI_E_NOT_FOUND */
static const struct TaggedPropertyValue *
find(const struct TaggedPropertyValue *v, uint16_t count, uint32_t tag)
{
	uint16_t i;

	for (i = 0; v != NULL && i < count; i++) {
		if ((v[i].PropertyTag >> 16) != (tag >> 16)) {
			continue;
		}
		if ((v[i].PropertyTag & 0xFFFF) == PT_ERROR &&
		    v[i].Value.ErrorCode != MAPI_E_NOT_ENOUGH_MEMORY) {
			return NULL;
		}
		return &v[i];
	}
	return NULL;
}

static bool is_error(const struct TaggedPropertyValue *v)
{
	return (v->PropertyTag & 0xFFFF) == PT_ERROR;
}

static bool has_type(const struct TaggedPropertyValue *v, uint16_t type)
{
	return v != NULL && (v->PropertyTag & 0xFFFF) == type;
}

/* What a message's values are made of */
struct body_values {
	const struct TaggedPropertyValue *body, *rtf, *html;
	uint32_t cpid;		/* PidTagInternetCodepage, 0 if none */
	struct mapi_body_presence p;
};

static void body_values_read(const struct TaggedPropertyValue *v,
			     uint16_t n, struct body_values *b)
{
	const struct TaggedPropertyValue *x;

	memset(b, 0, sizeof(*b));
	b->body = find(v, n, MAPI_TAG_BODY_W);
	b->rtf = find(v, n, MAPI_TAG_RTF_COMPRESSED);
	b->html = find(v, n, MAPI_TAG_HTML);
	b->p.body = b->body != NULL;
	b->p.rtf = b->rtf != NULL;
	b->p.html = b->html != NULL;
	x = find(v, n, MAPI_TAG_RTF_IN_SYNC);
	if (has_type(x, PT_BOOLEAN)) {
		b->p.has_in_sync = true;
		b->p.in_sync = x->Value.Boolean != 0;
	}
	x = find(v, n, MAPI_TAG_NATIVE_BODY);
	if (has_type(x, PT_LONG)) {
		b->p.has_native = true;
		b->p.native = x->Value.Integer32;
	}
	x = find(v, n, MAPI_TAG_INTERNET_CPID);
	if (has_type(x, PT_LONG)) {
		b->cpid = x->Value.Integer32;
	}
	x = find(v, n, MAPI_TAG_MESSAGE_CLASS);
	b->p.clear_signed = x != NULL && !is_error(x) &&
		strncasecmp(has_type(x, PT_STRING8) ? x->Value.String8 :
			    x->Value.String, "IPM.Note.SMIME.MultipartSigned",
			    30) == 0;
}

/* The uncompressed RTF body */
static enum MAPISTATUS read_rtf(TALLOC_CTX *mem_ctx,
				const struct body_values *b, char **rtf,
				size_t *len)
{
	uint8_t *out = NULL;
	enum MAPISTATUS ret;

	if (is_error(b->rtf)) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (!has_type(b->rtf, PT_BINARY)) {
		return MAPI_E_CORRUPT_DATA;
	}
	ret = mapi_rtfcp_decompress(mem_ctx, b->rtf->Value.Binary.Data,
				    b->rtf->Value.Binary.Count, &out, len);
	*rtf = (char *)out;
	return ret;
}

static enum MAPISTATUS read_html(TALLOC_CTX *mem_ctx,
				 const struct body_values *b, char **html,
				 size_t *len)
{
	uint32_t cp = b->cpid;

	if (is_error(b->html)) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (!has_type(b->html, PT_BINARY)) {
		return MAPI_E_CORRUPT_DATA;
	}
	if (cp != 0 && !mapi_code_page_known(cp)) {
		DEBUG(3, ("libmapi: PidTagInternetCodepage %u unknown\n", cp));
		cp = 0;
	}
	return mapi_charset_to_utf8(mem_ctx, b->html->Value.Binary.Data,
				    b->html->Value.Binary.Count, cp, html,
				    len);
}

static enum MAPISTATUS read_body(TALLOC_CTX *mem_ctx,
				 const struct body_values *b, char **text)
{
	const char *s;
	size_t len = 0;

	if (is_error(b->body)) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (has_type(b->body, PT_STRING8)) {
		s = b->body->Value.String8 ? b->body->Value.String8 : "";
		return mapi_charset_to_utf8(mem_ctx, (const uint8_t *)s,
					    strlen(s), 0, text, &len);
	}
	s = b->body->Value.String ? b->body->Value.String : "";
	*text = talloc_strdup(mem_ctx, s);
	return *text != NULL ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
}

/* The best format; with an RTF body, also its RTF (on tmp) */
static enum MAPISTATUS best_format(TALLOC_CTX *tmp,
				   const struct body_values *b,
				   enum mapi_native_body *format, char **rtf,
				   size_t *rtf_len)
{
	enum MAPISTATUS ret;

	*format = mapi_best_body(&b->p);
	*rtf = NULL;
	if (*format != MAPI_NATIVE_BODY_RTF) {
		return MAPI_E_SUCCESS;
	}
	/* step 3: what the RTF encapsulates */
	ret = read_rtf(tmp, b, rtf, rtf_len);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	switch (mapi_rtf_kind(*rtf, *rtf_len)) {
	case MAPI_RTF_FROMHTML:
		*format = MAPI_NATIVE_BODY_HTML;
		break;
	case MAPI_RTF_FROMTEXT:
		*format = MAPI_NATIVE_BODY_PLAIN;
		break;
	case MAPI_RTF_ORDINARY:
		break;
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_body_best_format(TALLOC_CTX *mem_ctx,
				      const struct TaggedPropertyValue *values,
				      uint16_t count,
				      enum mapi_native_body *format)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	struct body_values b;
	char *rtf;
	size_t len = 0;
	enum MAPISTATUS ret;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (format == NULL) {
		talloc_free(tmp);
		return MAPI_E_INVALID_PARAMETER;
	}
	body_values_read(values, count, &b);
	ret = best_format(tmp, &b, format, &rtf, &len);
	talloc_free(tmp);
	return ret;
}

/* The text of the best body; the RTF when that is where it is */
static enum MAPISTATUS text_of(TALLOC_CTX *mem_ctx, TALLOC_CTX *tmp,
			       const struct body_values *b,
			       enum mapi_native_body format, const char *rtf,
			       size_t rtf_len, char **text)
{
	char *html = NULL;
	size_t len = 0;
	enum MAPISTATUS ret;

	if (format == MAPI_NATIVE_BODY_PLAIN && rtf == NULL) {
		return read_body(mem_ctx, b, text);
	}
	if (rtf != NULL) {
		return mapi_rtf_to_text(mem_ctx, rtf, rtf_len, text, &len);
	}
	ret = read_html(tmp, b, &html, &len);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	return mapi_html_to_text(mem_ctx, html, len, text, &len);
}

static enum MAPISTATUS get_body(TALLOC_CTX *mem_ctx,
				const struct TaggedPropertyValue *values,
				uint16_t count, bool want_html, char **out)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	struct body_values b;
	enum mapi_native_body format;
	char *rtf = NULL, *text = NULL;
	size_t rtf_len = 0, len = 0;
	enum MAPISTATUS ret;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	body_values_read(values, count, &b);
	ret = best_format(tmp, &b, &format, &rtf, &rtf_len);
	if (ret == MAPI_E_SUCCESS &&
	    (format == MAPI_NATIVE_BODY_UNDEFINED ||
	     format == MAPI_NATIVE_BODY_CLEAR_SIGNED)) {
		ret = MAPI_E_NOT_FOUND;
	} else if (ret == MAPI_E_SUCCESS && want_html &&
		   format == MAPI_NATIVE_BODY_HTML) {
		ret = rtf != NULL ?
			mapi_rtf_to_html(mem_ctx, rtf, rtf_len, out, &len,
					 NULL) :
			read_html(mem_ctx, &b, out, &len);
	} else if (ret == MAPI_E_SUCCESS && want_html) {
		ret = text_of(tmp, tmp, &b, format, rtf, rtf_len, &text);
		if (ret == MAPI_E_SUCCESS) {
			ret = mapi_text_to_html(mem_ctx, text, strlen(text),
						out, &len);
		}
	} else if (ret == MAPI_E_SUCCESS) {
		ret = text_of(mem_ctx, tmp, &b, format, rtf, rtf_len, out);
	}
	talloc_free(tmp);
	return ret;
}

enum MAPISTATUS mapi_body_get_text(TALLOC_CTX *mem_ctx,
				   const struct TaggedPropertyValue *values,
				   uint16_t count, char **text)
{
	if (text == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	return get_body(mem_ctx, values, count, false, text);
}

enum MAPISTATUS mapi_body_get_html(TALLOC_CTX *mem_ctx,
				   const struct TaggedPropertyValue *values,
				   uint16_t count, char **html)
{
	if (html == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	return get_body(mem_ctx, values, count, true, html);
}

enum MAPISTATUS mapi_body_set_text(TALLOC_CTX *mem_ctx, const char *text,
				   struct TaggedPropertyValue **values,
				   uint16_t *count)
{
	struct TaggedPropertyValue *v;

	if (text == NULL || values == NULL || count == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	v = talloc_zero_array(mem_ctx, struct TaggedPropertyValue, 1);
	if (v == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	v[0].PropertyTag = MAPI_TAG_BODY_W;
	v[0].Value.String = talloc_strdup(v, text);
	if (v[0].Value.String == NULL) {
		talloc_free(v);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	*values = v;
	*count = 1;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_body_set_html(TALLOC_CTX *mem_ctx, const char *html,
				   struct TaggedPropertyValue **values,
				   uint16_t *count)
{
	struct TaggedPropertyValue *v;
	size_t len;

	if (html == NULL || values == NULL || count == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	len = strlen(html);
	if (len > ROP_BINARY_MAX) {
		return MAPI_E_TOO_BIG;
	}
	v = talloc_zero_array(mem_ctx, struct TaggedPropertyValue, 2);
	if (v == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	v[0].PropertyTag = MAPI_TAG_HTML;
	v[0].Value.Binary.Count = (uint16_t)len;
	v[0].Value.Binary.Data = talloc_memdup(v, html, len + 1);
	v[1].PropertyTag = MAPI_TAG_INTERNET_CPID;
	v[1].Value.Integer32 = MAPI_CP_UTF8;
	if (v[0].Value.Binary.Data == NULL) {
		talloc_free(v);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	*values = v;
	*count = 2;
	return MAPI_E_SUCCESS;
}
