/*
 * ROP input/output buffers (MS-OXCROPS 2.2.1).
 */
#include "rop_buffer.h"

#include <string.h>

#define ROP_SIZE_FIELD 2
#define HANDLE_SIZE 4

/* Little-endian fields (MS-OXCROPS 2.2.1). */
static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) |
	       ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static void put_le16(uint8_t *p, uint16_t v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8;
}

static void put_le32(uint8_t *p, uint32_t v)
{
	put_le16(p, v & 0xffff);
	put_le16(p + 2, v >> 16);
}

enum ndr_err_code rop_buffer_parse(TALLOC_CTX *mem_ctx, const DATA_BLOB *data,
				   struct rop_buffer *out)
{
	size_t table_bytes;
	uint16_t rop_size;
	uint32_t i;

	if (data->length < ROP_SIZE_FIELD) {
		return NDR_ERR_BUFSIZE;
	}
	rop_size = le16(data->data);
	if (rop_size < ROP_SIZE_FIELD || rop_size > data->length) {
		return NDR_ERR_BUFSIZE;
	}
	table_bytes = data->length - rop_size;
	if (table_bytes % HANDLE_SIZE != 0) {
		return NDR_ERR_BUFSIZE;
	}
	out->rops = data_blob_const(data->data + ROP_SIZE_FIELD,
				    rop_size - ROP_SIZE_FIELD);
	out->handle_count = table_bytes / HANDLE_SIZE;
	out->handles = talloc_array(mem_ctx, uint32_t, out->handle_count);
	if (out->handle_count > 0 && out->handles == NULL) {
		return NDR_ERR_ALLOC;
	}
	for (i = 0; i < out->handle_count; i++) {
		out->handles[i] = le32(data->data + rop_size + i * HANDLE_SIZE);
	}
	return NDR_ERR_SUCCESS;
}

enum ndr_err_code rop_buffer_build(TALLOC_CTX *mem_ctx,
				   const struct rop_buffer *in,
				   DATA_BLOB *out)
{
	size_t rop_size = ROP_SIZE_FIELD + in->rops.length;
	uint32_t i;

	if (rop_size > UINT16_MAX) {
		return NDR_ERR_BUFSIZE;
	}
	*out = data_blob_talloc(mem_ctx, NULL,
				rop_size + in->handle_count * HANDLE_SIZE);
	if (out->data == NULL) {
		return NDR_ERR_ALLOC;
	}
	put_le16(out->data, rop_size);
	if (in->rops.length > 0) {
		memcpy(out->data + ROP_SIZE_FIELD, in->rops.data,
		       in->rops.length);
	}
	for (i = 0; i < in->handle_count; i++) {
		put_le32(out->data + rop_size + i * HANDLE_SIZE, in->handles[i]);
	}
	return NDR_ERR_SUCCESS;
}
