/*
 * sambamapi message store: MSTORE_PT_LARGE references (store_value.h).
 *
 * The reference is the real property type (2 bytes), two reserved bytes,
 * the size in bytes (8) and the key of the value (16), little-endian.  In
 * a record the key is the file's id; in memory it names the open file
 * (store_lob.c), which a loaded or edited object keeps open ("holds").
 */
#include <string.h>
#include <util/debug.h>
#include "store/store_private.h"
#include "store/store_lob.h"

#define REF_TYPE 0
#define REF_SIZE 4
#define REF_KEY 12

enum MAPISTATUS mstore_large_ref(TALLOC_CTX *mem_ctx, uint32_t tag,
				 uint64_t size, const uint8_t *key,
				 struct mstore_value *v)
{
	uint8_t *p = talloc_zero_array(mem_ctx, uint8_t,
				       MSTORE_LARGE_REF_SIZE);
	uint16_t type = MSTORE_PROP_TYPE(tag);
	int i;

	if (p == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	p[REF_TYPE] = type & 0xFF;
	p[REF_TYPE + 1] = type >> 8;
	for (i = 0; i < 8; i++) {
		p[REF_SIZE + i] = (uint8_t)(size >> (8 * i));
	}
	memcpy(p + REF_KEY, key, MSTORE_LOB_ID_SIZE);
	memset(v, 0, sizeof(*v));
	v->tag = MSTORE_PROP_TAG(MSTORE_PROP_ID(tag), MSTORE_PT_LARGE);
	v->v.bin.length = MSTORE_LARGE_REF_SIZE;
	v->v.bin.data = p;
	return MAPI_E_SUCCESS;
}

const uint8_t *mstore_large_key(const struct mstore_value *v)
{
	return v->v.bin.data + REF_KEY;
}

/* A reference is only kept for the types a value can be stored out of
 * line for. */
static bool ref_well_formed(const struct mstore_value *v)
{
	uint32_t tag;
	uint64_t size;

	if (mstore_large_info(v, &tag, &size) != MAPI_E_SUCCESS) {
		return false;
	}
	switch (MSTORE_PROP_TYPE(tag)) {
	case PT_BINARY:
	case PT_STRING8:
	case PT_UNICODE:
		return true;
	default:
		return false;
	}
}

enum MAPISTATUS mstore_large_hold(TALLOC_CTX *mem_ctx, struct mstore *store,
				  const struct mstore_value *v)
{
	struct mstore_lob_file *f;
	enum MAPISTATUS ret;

	if (!ref_well_formed(v)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	ret = mstore_lob_file_get(store, mstore_large_key(v), &f);
	if (ret != MAPI_E_SUCCESS || mstore_lob_held_by(f, mem_ctx)) {
		return ret;
	}
	if (mstore_lob_hold(mem_ctx, f) == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_large_hold_all(TALLOC_CTX *mem_ctx,
				      struct mstore *store,
				      const struct mstore_value *v,
				      uint32_t count)
{
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	uint32_t i;

	for (i = 0; ret == MAPI_E_SUCCESS && i < count; i++) {
		if (MSTORE_PROP_TYPE(v[i].tag) == MSTORE_PT_LARGE) {
			ret = mstore_large_hold(mem_ctx, store, &v[i]);
		}
	}
	return ret;
}

/* The bytes of a string value without its terminating null character
 * (and whatever followed one). */
static size_t string_length(const uint8_t *p, size_t n, bool utf16)
{
	size_t i;

	if (!utf16) {
		const uint8_t *z = memchr(p, 0, n);

		return z != NULL ? (size_t)(z - p) : n;
	}
	for (i = 0; i + 1 < n; i += 2) {
		if (p[i] == 0 && p[i + 1] == 0) {
			return i;
		}
	}
	return n & ~(size_t)1;
}

static enum MAPISTATUS to_value(TALLOC_CTX *mem_ctx, uint32_t tag,
				uint8_t *bytes, size_t n,
				struct mstore_value *value)
{
	char *s = NULL;
	enum MAPISTATUS ret = MAPI_E_SUCCESS;

	memset(value, 0, sizeof(*value));
	value->tag = tag;
	switch (MSTORE_PROP_TYPE(tag)) {
	case PT_BINARY:
		value->v.bin.length = n;
		value->v.bin.data = talloc_steal(mem_ctx, bytes);
		return MAPI_E_SUCCESS;
	case PT_UNICODE:
		ret = mstore_utf16_to_utf8(mem_ctx, bytes,
					   string_length(bytes, n, true), &s);
		break;
	default:
		s = talloc_strndup(mem_ctx, (const char *)bytes,
				   string_length(bytes, n, false));
		ret = s != NULL ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
		break;
	}
	talloc_free(bytes);
	value->v.str = s;
	return ret;
}

enum MAPISTATUS mstore_large_load(TALLOC_CTX *mem_ctx, struct mstore *store,
				  const struct mstore_value *large,
				  struct mstore_value *value)
{
	struct mstore_lob *lob;
	uint8_t *bytes;
	uint64_t size;
	uint32_t tag;
	size_t got = 0;
	enum MAPISTATUS ret;

	if (!ref_well_formed(large)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	mstore_large_info(large, &tag, &size);
	ret = mstore_lob_open(mem_ctx, store, large, &lob);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	size = mstore_lob_size(lob);
	bytes = size < SIZE_MAX ? talloc_size(mem_ctx, size + 1) : NULL;
	ret = bytes != NULL ? mstore_lob_read(lob, 0, bytes, size, &got)
			    : MAPI_E_NOT_ENOUGH_MEMORY;
	talloc_free(lob);
	if (ret == MAPI_E_SUCCESS && got != size) {
		ret = MAPI_E_CORRUPT_DATA;
	}
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(bytes);
		return ret;
	}
	bytes[size] = 0;
	return to_value(mem_ctx, tag, bytes, size, value);
}

#define TRANSFER_CHUNK (64 * 1024)

static enum MAPISTATUS copy_lob(struct mstore_lob *in, struct mstore_lob *out)
{
	uint8_t *buf = talloc_size(NULL, TRANSFER_CHUNK);
	uint64_t offset = 0;
	size_t got = 1;
	enum MAPISTATUS ret = buf != NULL ? MAPI_E_SUCCESS :
					    MAPI_E_NOT_ENOUGH_MEMORY;

	while (ret == MAPI_E_SUCCESS && got > 0) {
		ret = mstore_lob_read(in, offset, buf, TRANSFER_CHUNK, &got);
		if (ret == MAPI_E_SUCCESS && got > 0) {
			ret = mstore_lob_write(out, offset, buf, got);
			offset += got;
		}
	}
	talloc_free(buf);
	return ret;
}

enum MAPISTATUS mstore_large_transfer(TALLOC_CTX *mem_ctx, struct mstore *src,
				      const struct mstore_value *large,
				      struct mstore *dst,
				      struct mstore_value *out)
{
	struct mstore_lob *in = NULL, *copy = NULL;
	uint64_t size;
	uint32_t tag;
	enum MAPISTATUS ret;

	if (!ref_well_formed(large)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (src == dst) {
		return mstore_value_copy(mem_ctx, large, out);
	}
	mstore_large_info(large, &tag, &size);
	ret = mstore_lob_open(mem_ctx, src, large, &in);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_lob_create(mem_ctx, dst, &copy);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = copy_lob(in, copy);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_lob_value(mem_ctx, copy, tag, out);
	}
	talloc_free(in);
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(copy);
	}
	return ret;
}

enum MAPISTATUS mstore_large_transfer_all(TALLOC_CTX *mem_ctx,
					  struct mstore *src,
					  struct mstore_value *values,
					  uint32_t count, struct mstore *dst)
{
	struct mstore_value copy;
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	uint32_t i;

	for (i = 0; src != dst && ret == MAPI_E_SUCCESS && i < count; i++) {
		if (!mstore_value_is_large(&values[i])) {
			continue;
		}
		ret = mstore_large_transfer(mem_ctx, src, &values[i], dst,
					    &copy);
		if (ret == MAPI_E_SUCCESS) {
			values[i] = copy;
		}
	}
	return ret;
}
