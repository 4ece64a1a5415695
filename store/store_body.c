/*
 * sambamapi message store: the body properties of a message kept
 * consistent on save ([MS-OXCMSG] 2.2.1.58, [MS-OXBBODY] 2.1.3.1,
 * [MS-OXRTFEX]).  See store_body.h for the rules.
 */
#include <string.h>
#include <strings.h>
#include <util/debug.h>
#include "store/store_private.h"
#include "store/store_body.h"
#include "libmapi/ndr/body_convert.h"
#include "libmapi/ndr/rtfcp.h"
#include "libmapi/ndr/string8.h"

#define ID_BODY		0x1000
#define ID_RTF		0x1009
#define ID_HTML		0x1013
#define ID_NATIVE	0x1016
#define ID_IN_SYNC	0x0E1F
#define ID_CPID		0x3FDE
#define ID_CLASS	0x001A

/* [MS-OXOSMIME] 2.1.1: the message class of a clear-signed message */
#define CLASS_CLEAR_SIGNED "IPM.Note.SMIME.MultipartSigned"

enum slot { SLOT_BODY, SLOT_RTF, SLOT_HTML, NSLOTS };

static const uint16_t slot_ids[NSLOTS] = { ID_BODY, ID_RTF, ID_HTML };

struct body_sync {
	TALLOC_CTX *tmp;
	const struct mstore_value *cur[NSLOTS];	/* in the new values */
	bool written[NSLOTS];		/* added or changed by this save */
	bool deleted[NSLOTS];		/* removed by this save */
	bool keep[NSLOTS];		/* stays as it is */
	bool any_written;
	const struct mstore_value *native_v, *in_sync_v;
	uint32_t cpid;		/* PidTagInternetCodepage if known */
	bool native_written;
	bool clear_signed;
	int32_t old_native;
	enum mapi_native_body native;
	/* the native body, and what is derived from it, UTF-8 */
	char *text, *html, *rtf;
	size_t text_len, html_len, rtf_len;
	uint32_t html_cp;		/* code page of a derived PidTagHtml */
	bool record_cpid;		/* ... to be recorded */
	/* the properties to write */
	struct mstore_value out[NSLOTS];
	bool out_set[NSLOTS];
};

/* ------------------------------------------------------------ reading */

static bool changed(const struct mstore_value *now,
		    const struct mstore_value *before)
{
	return now != NULL &&
	       (before == NULL || !mstore_value_equal(now, before));
}

static void collect(struct body_sync *s, const struct mstore_value *v,
		    uint32_t n, const struct mstore_value *old,
		    uint32_t old_n)
{
	const struct mstore_value *o, *cls;
	int i;

	for (i = 0; i < NSLOTS; i++) {
		s->cur[i] = mstore_values_find_id(v, n, slot_ids[i]);
		o = mstore_values_find_id(old, old_n, slot_ids[i]);
		s->written[i] = changed(s->cur[i], o);
		s->deleted[i] = s->cur[i] == NULL && o != NULL;
		s->any_written = s->any_written || s->written[i];
	}
	s->native_v = mstore_values_find_id(v, n, ID_NATIVE);
	o = mstore_values_find_id(old, old_n, ID_NATIVE);
	s->native_written = changed(s->native_v, o);
	s->old_native = o != NULL && MSTORE_PROP_TYPE(o->tag) == PT_LONG ?
			o->v.i32 : 0;
	s->in_sync_v = mstore_values_find_id(v, n, ID_IN_SYNC);
	o = mstore_values_find_id(v, n, ID_CPID);
	if (o != NULL && MSTORE_PROP_TYPE(o->tag) == PT_LONG &&
	    mapi_code_page_known((uint32_t)o->v.i32)) {
		s->cpid = (uint32_t)o->v.i32;
	}
	cls = mstore_values_find_id(v, n, ID_CLASS);
	s->clear_signed = cls != NULL && cls->v.str != NULL &&
			  strncasecmp(cls->v.str, CLASS_CLEAR_SIGNED,
				      strlen(CLASS_CLEAR_SIGNED)) == 0;
}

static bool in_sync_false(const struct body_sync *s)
{
	return s->in_sync_v != NULL &&
	       MSTORE_PROP_TYPE(s->in_sync_v->tag) == PT_BOOLEAN &&
	       !s->in_sync_v->v.b;
}

static int slot_of(enum mapi_native_body native)
{
	switch (native) {
	case MAPI_NATIVE_BODY_PLAIN:
		return SLOT_BODY;
	case MAPI_NATIVE_BODY_RTF:
		return SLOT_RTF;
	case MAPI_NATIVE_BODY_HTML:
		return SLOT_HTML;
	default:
		return -1;
	}
}

/* ------------------------------------------------------- the decision */

/* The best body among what this save wrote, or among what is there */
static void decide_native(struct body_sync *s)
{
	struct mapi_body_presence p;
	bool *has = s->any_written ? s->written : NULL;
	int i;

	memset(&p, 0, sizeof(p));
	p.body = has ? has[SLOT_BODY] : s->cur[SLOT_BODY] != NULL;
	p.rtf = has ? has[SLOT_RTF] : s->cur[SLOT_RTF] != NULL;
	p.html = has ? has[SLOT_HTML] : s->cur[SLOT_HTML] != NULL;
	if (s->in_sync_v != NULL &&
	    MSTORE_PROP_TYPE(s->in_sync_v->tag) == PT_BOOLEAN) {
		p.has_in_sync = true;
		p.in_sync = s->in_sync_v->v.b;
	}
	/* a stored PidTagNativeBody holds while no body is written; one
	 * the client writes with its body holds too */
	if (s->native_v != NULL &&
	    MSTORE_PROP_TYPE(s->native_v->tag) == PT_LONG &&
	    (!s->any_written || s->native_written) &&
	    slot_of((enum mapi_native_body)s->native_v->v.i32) >= 0) {
		p.has_native = true;
		p.native = (uint32_t)s->native_v->v.i32;
	}
	s->native = mapi_best_body(&p);
	for (i = 0; i < NSLOTS; i++) {
		s->keep[i] = s->cur[i] != NULL &&
			     (s->written[i] || !s->any_written);
	}
	/* PidTagRtfInSync FALSE: the RTF lags behind the other bodies */
	if (s->native != MAPI_NATIVE_BODY_RTF && in_sync_false(s)) {
		s->keep[SLOT_RTF] = false;
	}
	if (slot_of(s->native) >= 0) {
		s->keep[slot_of(s->native)] = true;
	}
}

/* Was the native body of the stored message deleted, nothing written? */
static bool native_deleted(const struct body_sync *s)
{
	int slot = slot_of((enum mapi_native_body)s->old_native);

	return !s->any_written && slot >= 0 && s->deleted[slot];
}

static bool nothing_to_derive(const struct body_sync *s)
{
	int i;

	for (i = 0; i < NSLOTS; i++) {
		if (!s->keep[i]) {
			return false;
		}
	}
	return s->native_v != NULL &&
	       MSTORE_PROP_TYPE(s->native_v->tag) == PT_LONG &&
	       s->native_v->v.i32 == (int32_t)s->native &&
	       s->in_sync_v != NULL && !in_sync_false(s);
}

/* ------------------------------------------------- the native content */

static enum MAPISTATUS load_text(struct body_sync *s)
{
	const struct mstore_value *v = s->cur[SLOT_BODY];
	const char *str = v->v.str ? v->v.str : "";

	if (MSTORE_PROP_TYPE(v->tag) == PT_STRING8) {
		return mapi_charset_to_utf8(s->tmp, (const uint8_t *)str,
					    strlen(str), 0, &s->text,
					    &s->text_len);
	}
	s->text = talloc_strdup(s->tmp, str);
	s->text_len = strlen(str);
	return s->text ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
}

static enum MAPISTATUS load_html(struct body_sync *s)
{
	const struct mstore_bin *b = &s->cur[SLOT_HTML]->v.bin;

	return mapi_charset_to_utf8(s->tmp, b->data, b->length, s->cpid,
				    &s->html, &s->html_len);
}

static enum MAPISTATUS load_rtf(struct body_sync *s)
{
	const struct mstore_bin *b = &s->cur[SLOT_RTF]->v.bin;
	uint8_t *rtf = NULL;
	enum MAPISTATUS ret;

	ret = mapi_rtfcp_decompress(s->tmp, b->data, b->length, &rtf,
				    &s->rtf_len);
	if (ret != MAPI_E_SUCCESS) {
		DEBUG(2, ("store: PidTagRtfCompressed of %u bytes cannot be "
			  "decompressed (0x%08x)\n", b->length, ret));
		return ret;
	}
	s->rtf = (char *)rtf;
	return MAPI_E_SUCCESS;
}

/* An RTF body encapsulating HTML or text makes that format native
 * ([MS-OXBBODY] 2.1.3.1, step 3) */
static enum MAPISTATUS refine_rtf(struct body_sync *s)
{
	uint32_t cp = 0;
	enum MAPISTATUS ret;

	switch (mapi_rtf_kind(s->rtf, s->rtf_len)) {
	case MAPI_RTF_FROMHTML:
		s->native = MAPI_NATIVE_BODY_HTML;
		if (s->keep[SLOT_HTML]) {
			return load_html(s);
		}
		ret = mapi_rtf_to_html(s->tmp, s->rtf, s->rtf_len, &s->html,
				       &s->html_len, &cp);
		if (ret == MAPI_E_SUCCESS && s->cpid == 0) {
			s->html_cp = mapi_code_page_known(cp) ? cp :
							       MAPI_CP_UTF8;
		}
		return ret;
	case MAPI_RTF_FROMTEXT:
		s->native = MAPI_NATIVE_BODY_PLAIN;
		if (s->keep[SLOT_BODY]) {
			return load_text(s);
		}
		return mapi_rtf_to_text(s->tmp, s->rtf, s->rtf_len, &s->text,
					&s->text_len);
	case MAPI_RTF_ORDINARY:
		break;
	}
	return mapi_rtf_to_text(s->tmp, s->rtf, s->rtf_len, &s->text,
				&s->text_len);
}

static enum MAPISTATUS load_native(struct body_sync *s)
{
	enum MAPISTATUS ret;

	switch (s->native) {
	case MAPI_NATIVE_BODY_PLAIN:
		return load_text(s);
	case MAPI_NATIVE_BODY_HTML:
		return load_html(s);
	case MAPI_NATIVE_BODY_RTF:
		ret = load_rtf(s);
		if (ret != MAPI_E_SUCCESS) {
			return ret == MAPI_E_NOT_ENOUGH_MEMORY ? ret :
				MAPI_E_CORRUPT_DATA;
		}
		/* the RTF stays: it is the source of the others */
		s->keep[SLOT_RTF] = true;
		return refine_rtf(s);
	default:
		return MAPI_E_SUCCESS;
	}
}

/* ------------------------------------------------------- derivation */

static enum MAPISTATUS derive_text(struct body_sync *s)
{
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	struct mstore_value *v = &s->out[SLOT_BODY];

	if (s->text == NULL && s->html != NULL) {
		ret = mapi_html_to_text(s->tmp, s->html, s->html_len,
					&s->text, &s->text_len);
	}
	if (ret != MAPI_E_SUCCESS || s->text == NULL) {
		return ret != MAPI_E_SUCCESS ? ret : MAPI_E_CALL_FAILED;
	}
	v->tag = MSTORE_PROP_TAG(ID_BODY, PT_UNICODE);
	v->v.str = s->text;
	s->out_set[SLOT_BODY] = true;
	return MAPI_E_SUCCESS;
}

/* The code page for RTF: the message's, else Western */
static uint32_t rtf_cp(const struct body_sync *s)
{
	if (s->cpid != 0) {
		return s->cpid;
	}
	return s->html_cp ? s->html_cp : MAPI_CP_WESTERN;
}

static enum MAPISTATUS derive_rtf(struct body_sync *s)
{
	struct mstore_value *v = &s->out[SLOT_RTF];
	char *rtf = NULL;
	uint8_t *comp = NULL;
	size_t len = 0, clen = 0;
	enum MAPISTATUS ret;

	if (s->native == MAPI_NATIVE_BODY_HTML) {
		ret = mapi_html_to_rtf(s->tmp, s->html, s->html_len,
				       rtf_cp(s), &rtf, &len);
	} else {
		ret = mapi_text_to_rtf(s->tmp, s->text, s->text_len,
				       rtf_cp(s), &rtf, &len);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mapi_rtfcp_compress(s->tmp, (const uint8_t *)rtf, len,
					  true, &comp, &clen);
	}
	if (ret == MAPI_E_SUCCESS && clen > UINT32_MAX) {
		ret = MAPI_E_TOO_BIG;
	}
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	v->tag = MSTORE_PROP_TAG(ID_RTF, PT_BINARY);
	v->v.bin.length = (uint32_t)clen;
	v->v.bin.data = comp;
	s->out_set[SLOT_RTF] = true;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS derive_html(struct body_sync *s)
{
	struct mstore_value *v = &s->out[SLOT_HTML];
	char *html = s->html;
	size_t len = s->html_len, blen = 0;
	uint8_t *bytes = NULL;
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	uint32_t cp = s->cpid;

	if (html == NULL) {
		ret = mapi_text_to_html(s->tmp, s->text, s->text_len, &html,
					&len);
	}
	if (cp == 0) {
		cp = s->html_cp ? s->html_cp : MAPI_CP_UTF8;
		s->html_cp = cp;
		s->record_cpid = true;
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mapi_charset_from_utf8(s->tmp, html, len, cp, true,
					     &bytes, &blen);
	}
	if (ret == MAPI_E_SUCCESS && blen > UINT32_MAX) {
		ret = MAPI_E_TOO_BIG;
	}
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	v->tag = MSTORE_PROP_TAG(ID_HTML, PT_BINARY);
	v->v.bin.length = (uint32_t)blen;
	v->v.bin.data = bytes;
	s->out_set[SLOT_HTML] = true;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS derive(struct body_sync *s)
{
	enum MAPISTATUS ret = MAPI_E_SUCCESS;

	/* ordinary RTF and plain text both go through the text */
	if (!s->keep[SLOT_BODY] || s->native != MAPI_NATIVE_BODY_HTML) {
		ret = derive_text(s);
		/* a PtypString8 body is rewritten as PtypString */
		if (s->keep[SLOT_BODY] &&
		    MSTORE_PROP_TYPE(s->cur[SLOT_BODY]->tag) != PT_STRING8) {
			s->out_set[SLOT_BODY] = false;
		}
	}
	if (ret == MAPI_E_SUCCESS && !s->keep[SLOT_RTF]) {
		ret = derive_rtf(s);
	}
	if (ret == MAPI_E_SUCCESS && !s->keep[SLOT_HTML]) {
		ret = derive_html(s);
	}
	return ret;
}

/* ----------------------------------------------------------- writing */

static enum MAPISTATUS put_long(TALLOC_CTX *mem_ctx,
				struct mstore_value **values, uint32_t *count,
				uint16_t id, int32_t value)
{
	struct mstore_value v;

	memset(&v, 0, sizeof(v));
	v.tag = MSTORE_PROP_TAG(id, PT_LONG);
	v.v.i32 = value;
	return mstore_values_put(mem_ctx, values, count, &v);
}

static enum MAPISTATUS apply(struct body_sync *s, TALLOC_CTX *mem_ctx,
			     struct mstore_value **values, uint32_t *count)
{
	struct mstore_value in_sync;
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	int i;

	for (i = 0; ret == MAPI_E_SUCCESS && i < NSLOTS; i++) {
		if (s->out_set[i]) {
			ret = mstore_values_put(mem_ctx, values, count,
						&s->out[i]);
		}
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = put_long(mem_ctx, values, count, ID_NATIVE,
			       (int32_t)s->native);
	}
	if (ret == MAPI_E_SUCCESS && s->record_cpid) {
		ret = put_long(mem_ctx, values, count, ID_CPID,
			       (int32_t)s->html_cp);
	}
	if (ret == MAPI_E_SUCCESS) {
		memset(&in_sync, 0, sizeof(in_sync));
		in_sync.tag = MSTORE_PROP_TAG(ID_IN_SYNC, PT_BOOLEAN);
		in_sync.v.b = true;
		ret = mstore_values_put(mem_ctx, values, count, &in_sync);
	}
	return ret;
}

static void remove_bodies(struct mstore_value *values, uint32_t *count)
{
	static const uint16_t ids[] = {
		ID_BODY, ID_RTF, ID_HTML, ID_NATIVE, ID_IN_SYNC
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		mstore_values_remove(values, count,
				     MSTORE_PROP_TAG(ids[i], PT_LONG));
	}
}

/* ------------------------------------------------------------- entry */

static enum MAPISTATUS sync_bodies(struct body_sync *s, TALLOC_CTX *mem_ctx,
				   struct mstore_value **values,
				   uint32_t *count)
{
	enum MAPISTATUS ret;

	if (s->clear_signed) {
		return put_long(mem_ctx, values, count, ID_NATIVE,
				MAPI_NATIVE_BODY_CLEAR_SIGNED);
	}
	if (native_deleted(s)) {
		remove_bodies(*values, count);
		return MAPI_E_SUCCESS;
	}
	if (s->cur[SLOT_BODY] == NULL && s->cur[SLOT_RTF] == NULL &&
	    s->cur[SLOT_HTML] == NULL) {
		return MAPI_E_SUCCESS;
	}
	decide_native(s);
	if (nothing_to_derive(s)) {
		return MAPI_E_SUCCESS;
	}
	ret = load_native(s);
	if (ret == MAPI_E_SUCCESS) {
		ret = derive(s);
	}
	if (ret != MAPI_E_SUCCESS) {
		DEBUG(2, ("store: message bodies not synchronised: 0x%08x\n",
			  ret));
		return ret;
	}
	return apply(s, mem_ctx, values, count);
}

enum MAPISTATUS mstore_body_sync(TALLOC_CTX *mem_ctx,
				 struct mstore_value **values,
				 uint32_t *count,
				 const struct mstore_value *old,
				 uint32_t old_count)
{
	struct body_sync s;
	enum MAPISTATUS ret;

	if (values == NULL || count == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	memset(&s, 0, sizeof(s));
	s.tmp = talloc_new(NULL);
	if (s.tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	collect(&s, *values, *count, old, old_count);
	ret = sync_bodies(&s, mem_ctx, values, count);
	talloc_free(s.tmp);
	return ret;
}
