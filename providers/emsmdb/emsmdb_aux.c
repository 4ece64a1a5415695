/*
 * Auxiliary buffers (MS-OXCRPC 2.2.2.2, 3.1.4.1.1.1).
 */
#include "emsmdb_aux.h"

#include <stdbool.h>
#include <util/debug.h>
#include "libmapi/ndr/rpc_ext.h"

static bool blocks_valid(const uint8_t *p, size_t len)
{
	size_t off = 0;

	while (off < len) {
		uint16_t size;
		uint8_t version;

		if (len - off < AUX_HEADER_SIZE) {
			return false;
		}
		size = (uint16_t)(p[off] | (p[off + 1] << 8));
		version = p[off + 2];
		if (size < AUX_HEADER_SIZE || size > len - off ||
		    (version != AUX_VERSION_1 && version != AUX_VERSION_2)) {
			return false;
		}
		off += size;
	}
	return true;
}

enum MAPISTATUS emsmdb_aux_validate(TALLOC_CTX *mem_ctx, const uint8_t *buf,
				    uint32_t len)
{
	struct mapi_rpc_ext_payload *payloads = NULL;
	size_t count = 0, i;
	enum mapi_rpc_ext_status st;
	bool ok = true;

	if (len == 0) {
		return MAPI_E_SUCCESS;
	}
	st = mapi_rpc_ext_decode(mem_ctx, buf, len, RPC_EXT_SPEC_MAX_PAYLOAD,
				 RPC_EXT_SPEC_MAX_PAYLOAD, &payloads, &count);
	if (st != MAPI_RPC_EXT_OK) {
		DBG_NOTICE("bad auxiliary buffer: %s\n",
			   mapi_rpc_ext_errstr(st));
		return ecRpcFormat;
	}
	for (i = 0; i < count && ok; i++) {
		ok = blocks_valid(payloads[i].data, payloads[i].length);
	}
	talloc_free(payloads);
	if (!ok) {
		DBG_NOTICE("bad AUX_HEADER in the auxiliary buffer\n");
		return ecRpcFormat;
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsmdb_aux_connect_out(TALLOC_CTX *mem_ctx, uint32_t max,
				       uint8_t **out, uint32_t *out_len)
{
	/* AUX_HEADER + AUX_SERVER_CAPABILITIES (MS-OXCRPC 2.2.2.2.19): no
	 * packed buffers are supported, so ServerCapabilityFlags is 0. */
	const uint8_t block[] = {
		AUX_HEADER_SIZE + 4, 0x00, AUX_VERSION_1,
		AUX_TYPE_SERVER_CAPABILITIES,
		0x00, 0x00, 0x00, 0x00,
	};
	uint8_t *buf = NULL;
	size_t len = 0;
	enum mapi_rpc_ext_status st;

	*out = NULL;
	*out_len = 0;
	st = mapi_rpc_ext_encode(mem_ctx, &buf, &len, block, sizeof(block), 0,
				 true, max);
	if (st == MAPI_RPC_EXT_ERR_LIMIT) {
		return MAPI_E_SUCCESS;
	}
	if (st != MAPI_RPC_EXT_OK) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	*out = buf;
	*out_len = len;
	return MAPI_E_SUCCESS;
}
