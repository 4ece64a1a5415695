/*
 * Property values between the store and ROP buffers (MS-OXCDATA 2.11.1,
 * MS-OXCPRPT 3.2.5.1): one conversion of wire values for the store and
 * for restriction operands.  No session here (the unit tests of the
 * tables link it).
 */
#include "emsmdb_propval.h"

#include <string.h>
#include <util/debug.h>
#include <gen_ndr/ndr_rop_types.h>
#include <gen_ndr/ndr_misc.h>

bool emsmdb_is_string8(uint16_t type)
{
	return type == PT_STRING8 || type == PT_MV_STRING8;
}

static bool is_string(uint16_t type)
{
	return type == PT_STRING8 || type == PT_UNICODE;
}

static bool is_mv_string(uint16_t type)
{
	return type == PT_MV_STRING8 || type == PT_MV_UNICODE;
}

uint16_t emsmdb_wire_type(uint16_t stored, uint16_t requested,
			  bool want_unicode)
{
	if (requested != PT_UNSPECIFIED) {
		return requested;
	}
	if (is_string(stored)) {
		return want_unicode ? PT_UNICODE : PT_STRING8;
	}
	if (is_mv_string(stored)) {
		return want_unicode ? PT_MV_UNICODE : PT_MV_STRING8;
	}
	return stored;
}

static const char *str_out(TALLOC_CTX *mem_ctx,
			   const struct emsmdb_strconv *conv, bool string8,
			   const char *utf8)
{
	if (utf8 == NULL) {
		utf8 = "";
	}
	if (!string8 || conv->map == NULL) {
		return utf8;
	}
	return mapi_string8_to_wire(mem_ctx, conv->map, conv->code_page,
				    utf8);
}

/* A wire string as UTF-8: string8 converted from the code page when
 * @a conv can; copied for the store, else used in place. */
static const char *str_in(TALLOC_CTX *mem_ctx,
			  const struct emsmdb_strconv *conv,
			  enum emsmdb_wire_mode mode, bool string8,
			  const char *wire)
{
	if (wire == NULL) {
		wire = "";
	}
	if (string8 && conv != NULL && conv->map != NULL) {
		return mapi_string8_from_wire(mem_ctx, conv->map,
					      conv->code_page, wire);
	}
	return mode == EMSMDB_WIRE_STORE ? talloc_strdup(mem_ctx, wire) : wire;
}

static void guid_out(struct GUID *g, const struct mstore_guid *m)
{
	DATA_BLOB b = data_blob_const(m->bytes, sizeof(m->bytes));

	GUID_from_ndr_blob(&b, g);
}

static void guid_in(struct mstore_guid *m, const struct GUID *g)
{
	DATA_BLOB b = data_blob_null;
	TALLOC_CTX *tmp = talloc_new(NULL);

	memset(m, 0, sizeof(*m));
	if (tmp != NULL && NT_STATUS_IS_OK(GUID_to_ndr_blob(g, tmp, &b)) &&
	    b.length == sizeof(m->bytes)) {
		memcpy(m->bytes, b.data, b.length);
	}
	talloc_free(tmp);
}

static enum MAPISTATUS mv_strings_out(TALLOC_CTX *mem_ctx,
				      const struct emsmdb_strconv *conv,
				      const struct mstore_value *v,
				      uint16_t type,
				      union PropertyValueUnion *out)
{
	uint32_t i, n = v->v.mv.count;

	if (type == PT_MV_STRING8) {
		struct String8Value *a = talloc_zero_array(
			mem_ctx, struct String8Value, n);

		if (a == NULL && n > 0) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		for (i = 0; i < n; i++) {
			a[i].Value = str_out(mem_ctx, conv, true,
					     v->v.mv.str[i]);
		}
		out->MultipleString8.Count = n;
		out->MultipleString8.Values = a;
	} else {
		struct UnicodeValue *a = talloc_zero_array(
			mem_ctx, struct UnicodeValue, n);

		if (a == NULL && n > 0) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		for (i = 0; i < n; i++) {
			a[i].Value = str_out(mem_ctx, conv, false,
					     v->v.mv.str[i]);
		}
		out->MultipleString.Count = n;
		out->MultipleString.Values = a;
	}
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS mv_binary_out(TALLOC_CTX *mem_ctx,
				     const struct mstore_value *v,
				     union PropertyValueUnion *out)
{
	uint32_t i, n = v->v.mv.count;
	struct BinaryValue *a = talloc_zero_array(mem_ctx, struct BinaryValue,
						  n);

	if (a == NULL && n > 0) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < n; i++) {
		if (v->v.mv.bin[i].length > UINT16_MAX) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		a[i].Count = v->v.mv.bin[i].length;
		a[i].Data = v->v.mv.bin[i].data;
	}
	out->MultipleBinary.Count = n;
	out->MultipleBinary.Values = a;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS mv_guid_out(TALLOC_CTX *mem_ctx,
				   const struct mstore_value *v,
				   union PropertyValueUnion *out)
{
	uint32_t i, n = v->v.mv.count;
	struct GUID *a = talloc_zero_array(mem_ctx, struct GUID, n);

	if (a == NULL && n > 0) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < n; i++) {
		guid_out(&a[i], &v->v.mv.guid[i]);
	}
	out->MultipleGuid.Count = n;
	out->MultipleGuid.Values = a;
	return MAPI_E_SUCCESS;
}

/* Fixed-size MV types share their element layout with the store's. */
static enum MAPISTATUS mv_fixed_out(const struct mstore_value *v,
				    uint16_t type,
				    union PropertyValueUnion *out)
{
	uint32_t n = v->v.mv.count;

	switch (type) {
	case PT_MV_SHORT:
		out->MultipleInteger16.Count = n;
		out->MultipleInteger16.Values = (uint16_t *)v->v.mv.i16;
		break;
	case PT_MV_LONG:
		out->MultipleInteger32.Count = n;
		out->MultipleInteger32.Values = (uint32_t *)v->v.mv.i32;
		break;
	case PT_MV_FLOAT:
		out->MultipleFloating32.Count = n;
		out->MultipleFloating32.Values = (uint32_t *)v->v.mv.flt;
		break;
	case PT_MV_DOUBLE:
		out->MultipleFloating64.Count = n;
		out->MultipleFloating64.Values = v->v.mv.dbl;
		break;
	case PT_MV_APPTIME:
		out->MultipleFloatingTime.Count = n;
		out->MultipleFloatingTime.Values = v->v.mv.dbl;
		break;
	case PT_MV_CURRENCY:
		out->MultipleCurrency.Count = n;
		out->MultipleCurrency.Values = v->v.mv.i64;
		break;
	case PT_MV_I8:
		out->MultipleInteger64.Count = n;
		out->MultipleInteger64.Values = (uint64_t *)v->v.mv.i64;
		break;
	case PT_MV_SYSTIME:
		out->MultipleTime.Count = n;
		out->MultipleTime.Values = v->v.mv.u64;
		break;
	default:
		return MAPI_E_INVALID_TYPE;
	}
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS scalar_out(const struct mstore_value *v,
				  uint16_t type, union PropertyValueUnion *out)
{
	uint32_t f;

	switch (type) {
	case PT_SHORT: out->Integer16 = v->v.i16; break;
	case PT_LONG: out->Integer32 = v->v.i32; break;
	case PT_FLOAT:
		memcpy(&f, &v->v.flt, sizeof(f));
		out->Floating32 = f;
		break;
	case PT_DOUBLE: out->Floating64 = v->v.dbl; break;
	case PT_APPTIME: out->FloatingTime = v->v.dbl; break;
	case PT_CURRENCY: out->Currency = v->v.i64; break;
	case PT_I8: out->Integer64 = v->v.i64; break;
	case PT_SYSTIME: out->Time = v->v.u64; break;
	case PT_ERROR: out->ErrorCode = v->v.err; break;
	case PT_BOOLEAN: out->Boolean = v->v.b ? 1 : 0; break;
	case PT_CLSID: guid_out(&out->Guid, &v->v.guid); break;
	case PT_BINARY:
		if (v->v.bin.length > UINT16_MAX) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		out->Binary.Count = v->v.bin.length;
		out->Binary.Data = v->v.bin.data;
		break;
	default:
		return MAPI_E_INVALID_TYPE;
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsmdb_value_to_wire(TALLOC_CTX *mem_ctx,
				     const struct emsmdb_strconv *conv,
				     const struct mstore_value *v,
				     uint16_t type,
				     union PropertyValueUnion *out)
{
	uint16_t stored = MSTORE_PROP_TYPE(v->tag);

	memset(out, 0, sizeof(*out));
	if (is_string(stored) && is_string(type)) {
		const char *s = str_out(mem_ctx, conv, type == PT_STRING8,
					v->v.str);

		if (s == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		if (type == PT_STRING8) {
			out->String8 = s;
		} else {
			out->String = s;
		}
		return MAPI_E_SUCCESS;
	}
	if (is_mv_string(stored) && is_mv_string(type)) {
		return mv_strings_out(mem_ctx, conv, v, type, out);
	}
	if (stored != type) {
		return MAPI_E_INVALID_TYPE;
	}
	switch (type) {
	case PT_MV_BINARY:
		return mv_binary_out(mem_ctx, v, out);
	case PT_MV_CLSID:
		return mv_guid_out(mem_ctx, v, out);
	default:
		break;
	}
	if (type & MSTORE_MV_FLAG) {
		return mv_fixed_out(v, type, out);
	}
	return scalar_out(v, type, out);
}

static enum MAPISTATUS mv_strings_in(TALLOC_CTX *mem_ctx,
				     const struct emsmdb_strconv *conv,
				     enum emsmdb_wire_mode mode, uint16_t type,
				     const union PropertyValueUnion *in,
				     struct mstore_value *out)
{
	bool s8 = type == PT_MV_STRING8;
	uint32_t i, n = s8 ? in->MultipleString8.Count :
			     in->MultipleString.Count;
	const char **a = talloc_zero_array(mem_ctx, const char *, n);

	if (a == NULL && n > 0) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < n; i++) {
		a[i] = str_in(mem_ctx, conv, mode, s8,
			      s8 ? in->MultipleString8.Values[i].Value :
				   in->MultipleString.Values[i].Value);
		if (a[i] == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	out->v.mv.count = n;
	out->v.mv.str = a;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS mv_other_in(TALLOC_CTX *mem_ctx, uint16_t type,
				   const union PropertyValueUnion *in,
				   struct mstore_value *out)
{
	uint32_t i, n;

	switch (type) {
	case PT_MV_BINARY:
		n = in->MultipleBinary.Count;
		out->v.mv.bin = talloc_zero_array(mem_ctx, struct mstore_bin,
						  n);
		if (out->v.mv.bin == NULL && n > 0) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		for (i = 0; i < n; i++) {
			out->v.mv.bin[i].length =
				in->MultipleBinary.Values[i].Count;
			out->v.mv.bin[i].data =
				in->MultipleBinary.Values[i].Data;
		}
		break;
	case PT_MV_CLSID:
		n = in->MultipleGuid.Count;
		out->v.mv.guid = talloc_zero_array(mem_ctx,
						   struct mstore_guid, n);
		if (out->v.mv.guid == NULL && n > 0) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		for (i = 0; i < n; i++) {
			guid_in(&out->v.mv.guid[i],
				&in->MultipleGuid.Values[i]);
		}
		break;
	case PT_MV_SHORT:
		n = in->MultipleInteger16.Count;
		out->v.mv.i16 = (int16_t *)in->MultipleInteger16.Values;
		break;
	case PT_MV_LONG:
		n = in->MultipleInteger32.Count;
		out->v.mv.i32 = (int32_t *)in->MultipleInteger32.Values;
		break;
	case PT_MV_FLOAT:
		n = in->MultipleFloating32.Count;
		out->v.mv.flt = (float *)in->MultipleFloating32.Values;
		break;
	case PT_MV_DOUBLE:
		n = in->MultipleFloating64.Count;
		out->v.mv.dbl = in->MultipleFloating64.Values;
		break;
	case PT_MV_APPTIME:
		n = in->MultipleFloatingTime.Count;
		out->v.mv.dbl = in->MultipleFloatingTime.Values;
		break;
	case PT_MV_CURRENCY:
		n = in->MultipleCurrency.Count;
		out->v.mv.i64 = in->MultipleCurrency.Values;
		break;
	case PT_MV_I8:
		n = in->MultipleInteger64.Count;
		out->v.mv.i64 = (int64_t *)in->MultipleInteger64.Values;
		break;
	case PT_MV_SYSTIME:
		n = in->MultipleTime.Count;
		out->v.mv.u64 = in->MultipleTime.Values;
		break;
	default:
		return MAPI_E_INVALID_TYPE;
	}
	out->v.mv.count = n;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS scalar_in(uint16_t type,
				 const union PropertyValueUnion *in,
				 struct mstore_value *out)
{
	uint32_t f;

	switch (type) {
	case PT_SHORT: out->v.i16 = in->Integer16; break;
	case PT_LONG: out->v.i32 = in->Integer32; break;
	case PT_FLOAT:
		f = in->Floating32;
		memcpy(&out->v.flt, &f, sizeof(f));
		break;
	case PT_DOUBLE: out->v.dbl = in->Floating64; break;
	case PT_APPTIME: out->v.dbl = in->FloatingTime; break;
	case PT_CURRENCY: out->v.i64 = in->Currency; break;
	case PT_I8: out->v.i64 = in->Integer64; break;
	case PT_SYSTIME: out->v.u64 = in->Time; break;
	case PT_BOOLEAN: out->v.b = in->Boolean != 0; break;
	case PT_ERROR: out->v.err = in->ErrorCode; break;
	case PT_CLSID: guid_in(&out->v.guid, &in->Guid); break;
	case PT_BINARY:
		out->v.bin.length = in->Binary.Count;
		out->v.bin.data = in->Binary.Data;
		break;
	default:
		return MAPI_E_INVALID_TYPE;
	}
	return MAPI_E_SUCCESS;
}

/* Whether @a mode takes values of @a type. */
static bool type_ok(enum emsmdb_wire_mode mode, uint16_t type)
{
	if (mode == EMSMDB_WIRE_OPERAND && type == PT_ERROR) {
		return true;	/* an error code compares as a value */
	}
	return mstore_type_is_storable(type) && type != PT_ERROR;
}

enum MAPISTATUS emsmdb_value_convert(TALLOC_CTX *mem_ctx,
				     const struct emsmdb_strconv *conv,
				     enum emsmdb_wire_mode mode, uint32_t tag,
				     const union PropertyValueUnion *in,
				     struct mstore_value *out)
{
	uint16_t type = MSTORE_PROP_TYPE(tag);
	uint16_t id = MSTORE_PROP_ID(tag);
	bool store = mode == EMSMDB_WIRE_STORE;
	enum MAPISTATUS rv;

	memset(out, 0, sizeof(*out));
	out->tag = tag;
	if (is_string(type)) {
		if (store) {
			out->tag = MSTORE_PROP_TAG(id, PT_UNICODE);
		}
		out->v.str = str_in(mem_ctx, conv, mode, type == PT_STRING8,
				    type == PT_STRING8 ? in->String8 :
							 in->String);
		return out->v.str != NULL ? MAPI_E_SUCCESS :
					    MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (is_mv_string(type)) {
		if (store) {
			out->tag = MSTORE_PROP_TAG(id, PT_MV_UNICODE);
		}
		return mv_strings_in(mem_ctx, conv, mode, type, in, out);
	}
	if (!type_ok(mode, type)) {
		/* MS-OXCDATA 2.12: a restriction the server cannot
		 * evaluate is ecTooComplex */
		return store ? MAPI_E_INVALID_TYPE : MAPI_E_TOO_COMPLEX;
	}
	if (type & MSTORE_MV_FLAG) {
		rv = mv_other_in(mem_ctx, type, in, out);
		return rv == MAPI_E_INVALID_TYPE && !store ?
		       MAPI_E_TOO_COMPLEX : rv;
	}
	rv = scalar_in(type, in, out);
	return rv == MAPI_E_INVALID_TYPE && !store ? MAPI_E_TOO_COMPLEX : rv;
}

enum MAPISTATUS emsmdb_value_from_wire(TALLOC_CTX *mem_ctx,
				       const struct emsmdb_strconv *conv,
				       uint32_t tag,
				       const union PropertyValueUnion *in,
				       struct mstore_value *out)
{
	return emsmdb_value_convert(mem_ctx, conv, EMSMDB_WIRE_STORE, tag,
				    in, out);
}

size_t emsmdb_wire_size(TALLOC_CTX *mem_ctx, uint16_t type,
			const union PropertyValueUnion *v)
{
	struct ndr_push *push = ndr_push_init_ctx(mem_ctx);
	size_t size = 0;

	if (push == NULL) {
		return 0;
	}
	push->flags |= LIBNDR_FLAG_NOALIGN;
	if (ndr_push_set_switch_value(push, v, type) == NDR_ERR_SUCCESS &&
	    ndr_push_PropertyValueUnion(push, NDR_SCALARS | NDR_BUFFERS,
					v) == NDR_ERR_SUCCESS) {
		size = push->offset;
	}
	talloc_free(push);
	return size;
}
