/*
 * sambamapi message store: serialisation of typed property values.
 *
 * Fixed-size values keep their little-endian wire form of MS-OXCDATA
 * 2.11.1; variable-size ones are stored as bytes whose length the ldb
 * value gives; multi-valued ones as a count and the elements.
 */
#include <string.h>
#include "store/store_value.h"

/* Size in bytes of one element of a fixed-size type; 0 if variable. */
static size_t fixed_size(uint16_t type)
{
	switch (type & ~MSTORE_MV_FLAG) {
	case PT_SHORT:
		return 2;
	case PT_LONG:
	case PT_FLOAT:
	case PT_ERROR:
		return 4;
	case PT_DOUBLE:
	case PT_CURRENCY:
	case PT_APPTIME:
	case PT_I8:
	case PT_SYSTIME:
		return 8;
	case PT_BOOLEAN:
		return 1;
	case PT_CLSID:
		return 16;
	default:
		return 0;
	}
}

bool mstore_type_is_storable(uint16_t type)
{
	switch (type) {
	case PT_SHORT: case PT_LONG: case PT_FLOAT: case PT_DOUBLE:
	case PT_CURRENCY: case PT_APPTIME: case PT_ERROR: case PT_BOOLEAN:
	case PT_I8: case PT_STRING8: case PT_UNICODE: case PT_SYSTIME:
	case PT_CLSID: case PT_SVREID: case PT_SRESTRICT: case PT_ACTIONS:
	case PT_BINARY:
	case PT_MV_SHORT: case PT_MV_LONG: case PT_MV_FLOAT:
	case PT_MV_DOUBLE: case PT_MV_CURRENCY: case PT_MV_APPTIME:
	case PT_MV_I8: case PT_MV_STRING8: case PT_MV_UNICODE:
	case PT_MV_SYSTIME: case PT_MV_CLSID: case PT_MV_BINARY:
	case MSTORE_PT_LARGE:
		return true;
	default:
		return false;
	}
}

static bool is_string_type(uint16_t type)
{
	type &= ~MSTORE_MV_FLAG;
	return type == PT_STRING8 || type == PT_UNICODE;
}

/* ---------------------------------------------------------- writing */

struct pack_buf {
	uint8_t *data;
	size_t length;
	size_t size;
};

static bool buf_reserve(TALLOC_CTX *mem_ctx, struct pack_buf *b, size_t n)
{
	size_t want;
	uint8_t *p;

	if (b->length + n < b->length) {
		return false;
	}
	if (b->length + n <= b->size) {
		return true;
	}
	want = (b->length + n) * 2;
	p = talloc_realloc(mem_ctx, b->data, uint8_t, want);
	if (p == NULL) {
		return false;
	}
	b->data = p;
	b->size = want;
	return true;
}

static bool buf_put(TALLOC_CTX *mem_ctx, struct pack_buf *b,
		    const void *src, size_t n)
{
	if (!buf_reserve(mem_ctx, b, n)) {
		return false;
	}
	if (n > 0) {
		memcpy(b->data + b->length, src, n);
	}
	b->length += n;
	return true;
}

static bool buf_put_le(TALLOC_CTX *mem_ctx, struct pack_buf *b,
		       uint64_t v, size_t n)
{
	uint8_t tmp[8];
	size_t i;

	for (i = 0; i < n; i++) {
		tmp[i] = (uint8_t)(v >> (8 * i));
	}
	return buf_put(mem_ctx, b, tmp, n);
}

/* The raw little-endian integer image of one fixed-size element. */
static uint64_t fixed_bits(uint16_t type, const void *elem)
{
	uint64_t u = 0;
	uint32_t u32;

	switch (type & ~MSTORE_MV_FLAG) {
	case PT_SHORT:
		return (uint16_t)*(const int16_t *)elem;
	case PT_LONG:
		return (uint32_t)*(const int32_t *)elem;
	case PT_ERROR:
		return *(const uint32_t *)elem;
	case PT_FLOAT:
		memcpy(&u32, elem, 4);
		return u32;
	case PT_BOOLEAN:
		return *(const bool *)elem ? 1 : 0;
	default:
		memcpy(&u, elem, 8);
		return u;
	}
}

static bool put_fixed(TALLOC_CTX *mem_ctx, struct pack_buf *b,
		      uint16_t type, const void *elem)
{
	if ((type & ~MSTORE_MV_FLAG) == PT_CLSID) {
		return buf_put(mem_ctx, b, elem, 16);
	}
	return buf_put_le(mem_ctx, b, fixed_bits(type, elem),
			  fixed_size(type));
}

static const void *single_fixed_ptr(const struct mstore_value *v)
{
	switch (MSTORE_PROP_TYPE(v->tag)) {
	case PT_SHORT: return &v->v.i16;
	case PT_LONG: return &v->v.i32;
	case PT_FLOAT: return &v->v.flt;
	case PT_DOUBLE: case PT_APPTIME: return &v->v.dbl;
	case PT_CURRENCY: case PT_I8: return &v->v.i64;
	case PT_SYSTIME: return &v->v.u64;
	case PT_ERROR: return &v->v.err;
	case PT_BOOLEAN: return &v->v.b;
	case PT_CLSID: return &v->v.guid;
	default: return NULL;
	}
}

static const void *mv_fixed_ptr(const struct mstore_value *v, uint32_t i)
{
	switch (MSTORE_PROP_TYPE(v->tag) & ~MSTORE_MV_FLAG) {
	case PT_SHORT: return &v->v.mv.i16[i];
	case PT_LONG: return &v->v.mv.i32[i];
	case PT_FLOAT: return &v->v.mv.flt[i];
	case PT_DOUBLE: case PT_APPTIME: return &v->v.mv.dbl[i];
	case PT_CURRENCY: case PT_I8: return &v->v.mv.i64[i];
	case PT_SYSTIME: return &v->v.mv.u64[i];
	case PT_CLSID: return &v->v.mv.guid[i];
	default: return NULL;
	}
}

static bool put_var(TALLOC_CTX *mem_ctx, struct pack_buf *b, uint16_t type,
		    const char *str, const struct mstore_bin *bin,
		    bool with_length)
{
	const void *p;
	size_t n;

	if (is_string_type(type)) {
		p = str != NULL ? str : "";
		n = strlen(p);
	} else {
		p = bin->data;
		n = bin->length;
		if (n > 0 && p == NULL) {
			return false;
		}
	}
	if (n > UINT32_MAX) {
		return false;
	}
	if (with_length && !buf_put_le(mem_ctx, b, n, 4)) {
		return false;
	}
	return buf_put(mem_ctx, b, p, n);
}

static bool pack_mv(TALLOC_CTX *mem_ctx, struct pack_buf *b,
		    const struct mstore_value *v)
{
	uint16_t type = MSTORE_PROP_TYPE(v->tag);
	uint32_t i;
	bool ok;

	if (!buf_put_le(mem_ctx, b, v->v.mv.count, 4)) {
		return false;
	}
	for (i = 0; i < v->v.mv.count; i++) {
		if (fixed_size(type) != 0) {
			ok = put_fixed(mem_ctx, b, type, mv_fixed_ptr(v, i));
		} else if (is_string_type(type)) {
			ok = put_var(mem_ctx, b, type, v->v.mv.str[i], NULL,
				     true);
		} else {
			ok = put_var(mem_ctx, b, type, NULL, &v->v.mv.bin[i],
				     true);
		}
		if (!ok) {
			return false;
		}
	}
	return true;
}

enum MAPISTATUS mstore_value_pack(TALLOC_CTX *mem_ctx,
				  const struct mstore_value *value,
				  struct mstore_bin *out)
{
	uint16_t type = MSTORE_PROP_TYPE(value->tag);
	struct pack_buf b = { NULL, 0, 0 };
	bool ok;

	if (!mstore_type_is_storable(type)) {
		return MAPI_E_INVALID_TYPE;
	}
	ok = buf_put_le(mem_ctx, &b, type, 2);
	if (ok && (type & MSTORE_MV_FLAG)) {
		ok = pack_mv(mem_ctx, &b, value);
	} else if (ok && fixed_size(type) != 0) {
		ok = put_fixed(mem_ctx, &b, type, single_fixed_ptr(value));
	} else if (ok) {
		ok = put_var(mem_ctx, &b, type, value->v.str, &value->v.bin,
			     false);
	}
	if (!ok) {
		talloc_free(b.data);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	out->data = b.data;
	out->length = b.length;
	return MAPI_E_SUCCESS;
}

/* ---------------------------------------------------------- reading */

struct unpack_buf {
	const uint8_t *data;
	size_t length;
	size_t ofs;
};

static bool get_le(struct unpack_buf *b, size_t n, uint64_t *v)
{
	size_t i;

	if (b->length - b->ofs < n) {
		return false;
	}
	*v = 0;
	for (i = 0; i < n; i++) {
		*v |= ((uint64_t)b->data[b->ofs + i]) << (8 * i);
	}
	b->ofs += n;
	return true;
}

static bool get_fixed(struct unpack_buf *b, uint16_t type, void *elem)
{
	uint64_t u;
	uint32_t u32;

	type &= ~MSTORE_MV_FLAG;
	if (type == PT_CLSID) {
		if (b->length - b->ofs < 16) {
			return false;
		}
		memcpy(elem, b->data + b->ofs, 16);
		b->ofs += 16;
		return true;
	}
	if (!get_le(b, fixed_size(type), &u)) {
		return false;
	}
	switch (type) {
	case PT_SHORT:
		*(int16_t *)elem = (int16_t)(uint16_t)u;
		break;
	case PT_LONG:
		*(int32_t *)elem = (int32_t)(uint32_t)u;
		break;
	case PT_ERROR:
		*(uint32_t *)elem = (uint32_t)u;
		break;
	case PT_FLOAT:
		u32 = (uint32_t)u;
		memcpy(elem, &u32, 4);
		break;
	case PT_BOOLEAN:
		if (u > 1) {
			return false;
		}
		*(bool *)elem = (u != 0);
		break;
	default:
		memcpy(elem, &u, 8);
		break;
	}
	return true;
}

static void *single_fixed_dst(struct mstore_value *v)
{
	return (void *)single_fixed_ptr(v);
}

static bool get_var(TALLOC_CTX *mem_ctx, struct unpack_buf *b,
		    uint16_t type, size_t n, const char **str,
		    struct mstore_bin *bin)
{
	if (b->length - b->ofs < n) {
		return false;
	}
	if (is_string_type(type)) {
		if (memchr(b->data + b->ofs, 0, n) != NULL) {
			return false;
		}
		*str = talloc_strndup(mem_ctx,
				      (const char *)b->data + b->ofs, n);
		if (*str == NULL) {
			return false;
		}
	} else {
		bin->length = n;
		bin->data = talloc_memdup(mem_ctx, b->data + b->ofs,
					  n > 0 ? n : 1);
		if (bin->data == NULL) {
			return false;
		}
	}
	b->ofs += n;
	return true;
}

static bool alloc_mv(TALLOC_CTX *mem_ctx, struct mstore_value *v,
		     uint16_t type, uint32_t count)
{
	size_t esize = fixed_size(type);
	void *p;

	if (esize == 0) {
		esize = is_string_type(type) ? sizeof(char *)
					     : sizeof(struct mstore_bin);
	} else if ((type & ~MSTORE_MV_FLAG) == PT_CLSID) {
		esize = sizeof(struct mstore_guid);
	} else if ((type & ~MSTORE_MV_FLAG) == PT_SHORT) {
		esize = sizeof(int16_t);
	}
	p = talloc_zero_size(mem_ctx, esize * (count > 0 ? count : 1));
	if (p == NULL) {
		return false;
	}
	v->v.mv.count = count;
	v->v.mv.i16 = p;
	return true;
}

static bool unpack_mv(TALLOC_CTX *mem_ctx, struct unpack_buf *b,
		      struct mstore_value *v)
{
	uint16_t type = MSTORE_PROP_TYPE(v->tag);
	uint64_t count, n;
	uint32_t i;
	bool ok;

	if (!get_le(b, 4, &count)) {
		return false;
	}
	/* Every element takes at least one byte: bound the allocation. */
	if (count > b->length - b->ofs) {
		return false;
	}
	if (!alloc_mv(mem_ctx, v, type, count)) {
		return false;
	}
	for (i = 0; i < count; i++) {
		if (fixed_size(type) != 0) {
			ok = get_fixed(b, type, (void *)mv_fixed_ptr(v, i));
		} else {
			ok = get_le(b, 4, &n) &&
			     get_var(v->v.mv.i16, b, type, n,
				     &v->v.mv.str[i], &v->v.mv.bin[i]);
		}
		if (!ok) {
			return false;
		}
	}
	return true;
}

enum MAPISTATUS mstore_value_unpack(TALLOC_CTX *mem_ctx, uint32_t tag,
				    const uint8_t *data, size_t length,
				    struct mstore_value *value)
{
	struct unpack_buf b = { data, length, 0 };
	uint16_t type = MSTORE_PROP_TYPE(tag);
	uint64_t stored_type;
	bool ok;

	memset(value, 0, sizeof(*value));
	value->tag = tag;
	if (!mstore_type_is_storable(type)) {
		return MAPI_E_INVALID_TYPE;
	}
	if (!get_le(&b, 2, &stored_type) || stored_type != type) {
		return MAPI_E_CORRUPT_DATA;
	}
	if (type & MSTORE_MV_FLAG) {
		ok = unpack_mv(mem_ctx, &b, value);
	} else if (fixed_size(type) != 0) {
		ok = get_fixed(&b, type, single_fixed_dst(value));
	} else {
		ok = get_var(mem_ctx, &b, type, length - b.ofs,
			     &value->v.str, &value->v.bin);
	}
	if (!ok || b.ofs != length ||
	    (type == MSTORE_PT_LARGE &&
	     value->v.bin.length != MSTORE_LARGE_REF_SIZE)) {
		return MAPI_E_CORRUPT_DATA;
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_value_copy(TALLOC_CTX *mem_ctx,
				  const struct mstore_value *src,
				  struct mstore_value *dst)
{
	struct mstore_bin packed;
	enum MAPISTATUS ret;

	ret = mstore_value_pack(mem_ctx, src, &packed);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	ret = mstore_value_unpack(mem_ctx, src->tag, packed.data,
				  packed.length, dst);
	talloc_free(packed.data);
	return ret;
}

/* Equal bytes; like the packed forms, a binary without data but with a
 * length is equal to nothing. */
static bool bins_equal(const struct mstore_bin *a, const struct mstore_bin *b)
{
	if (a->length != b->length) {
		return false;
	}
	return a->length == 0 ||
	       (a->data != NULL && b->data != NULL &&
		memcmp(a->data, b->data, a->length) == 0);
}

/* Equal strings; like the packed forms, NULL is the empty string. */
static bool strs_equal(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/* Equal stored forms: the general case of mstore_value_equal(). */
static bool packed_equal(const struct mstore_value *a,
			 const struct mstore_value *b)
{
	TALLOC_CTX *tmp;
	struct mstore_bin pa, pb;
	bool equal = false;

	tmp = talloc_new(NULL);
	if (tmp == NULL) {
		return false;
	}
	if (mstore_value_pack(tmp, a, &pa) == MAPI_E_SUCCESS &&
	    mstore_value_pack(tmp, b, &pb) == MAPI_E_SUCCESS) {
		equal = pa.length == pb.length &&
			memcmp(pa.data, pb.data, pa.length) == 0;
	}
	talloc_free(tmp);
	return equal;
}

bool mstore_value_equal(const struct mstore_value *a,
			const struct mstore_value *b)
{
	if (a->tag != b->tag) {
		return false;
	}
	switch (MSTORE_PROP_TYPE(a->tag)) {
	case PT_BINARY:
		return bins_equal(&a->v.bin, &b->v.bin);
	case PT_UNICODE:
	case PT_STRING8:
		return strs_equal(a->v.str, b->v.str);
	default:
		return packed_equal(a, b);
	}
}

const struct mstore_value *mstore_values_find(const struct mstore_value *v,
					      uint32_t count, uint32_t tag)
{
	uint32_t i;

	for (i = 0; i < count; i++) {
		if (v[i].tag == tag) {
			return &v[i];
		}
	}
	return NULL;
}

const struct mstore_value *mstore_values_find_id(const struct mstore_value *v,
						 uint32_t count, uint16_t id)
{
	uint32_t i;

	for (i = 0; v != NULL && i < count; i++) {
		if (MSTORE_PROP_ID(v[i].tag) == id &&
		    MSTORE_PROP_TYPE(v[i].tag) != PT_ERROR) {
			return &v[i];
		}
	}
	return NULL;
}

bool mstore_value_is_large(const struct mstore_value *v)
{
	return MSTORE_PROP_TYPE(v->tag) == MSTORE_PT_LARGE &&
	       v->v.bin.length == MSTORE_LARGE_REF_SIZE &&
	       v->v.bin.data != NULL;
}

/* The reference: real type (2 bytes), reserved (2), size (8), key (16). */
enum MAPISTATUS mstore_large_info(const struct mstore_value *v,
				  uint32_t *tag, uint64_t *size)
{
	const uint8_t *p;
	uint64_t n = 0;
	int i;

	if (!mstore_value_is_large(v)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	p = v->v.bin.data;
	for (i = 7; i >= 0; i--) {
		n = (n << 8) | p[4 + i];
	}
	*tag = MSTORE_PROP_TAG(MSTORE_PROP_ID(v->tag), p[0] | p[1] << 8);
	*size = n;
	return MAPI_E_SUCCESS;
}

bool mstore_value_has_tag(const struct mstore_value *v, uint32_t tag)
{
	uint32_t real;
	uint64_t size;

	if (v->tag == tag) {
		return true;
	}
	return mstore_large_info(v, &real, &size) == MAPI_E_SUCCESS &&
	       real == tag;
}
