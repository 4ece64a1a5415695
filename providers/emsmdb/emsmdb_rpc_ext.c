/*
 * EcDoRpcExt2 (MS-OXCRPC 3.1.4.2): the extended buffers of rgbIn and
 * rgbOut (RPC_HEADER_EXT, MS-OXCRPC 2.2.2.1 and 3.1.4.2.1) around the ROP
 * engine.
 *
 * Every payload of rgbIn (several when packed: the Last flag ends them) is
 * one ROP input buffer; each gives one ROP output buffer in rgbOut, in the
 * same order, the last one flagged Last.  Responses are compressed unless
 * the client set NoCompression and obfuscated unless it set NoXorMagic
 * (pulFlags, MS-OXCRPC 3.1.4.2); compression is kept only when it makes
 * the payload smaller (MS-OXCRPC 2.2.2.1).
 */
#include "emsmdb.h"
#include "emsmdb_aux.h"
#include "emsmdb_notify.h"

#include <sys/param.h>
#include <sys/time.h>
#include <util/debug.h>
#include "libmapi/ndr/rpc_ext.h"

/* MS-OXCRPC 3.1.4.2: rgbIn is at most 0x40000 bytes; so is rgbOut */
#define EMSMDB_MAX_BUFFER 0x40000

static uint32_t elapsed_ms(const struct timeval *start)
{
	struct timeval now;

	gettimeofday(&now, NULL);
	return (uint32_t)((now.tv_sec - start->tv_sec) * 1000 +
			  (now.tv_usec - start->tv_usec) / 1000);
}

static uint16_t out_flags(uint32_t pul_flags)
{
	uint16_t f = 0;

	if (!(pul_flags & pulFlags_NoCompression)) {
		f |= RHEF_COMPRESSED;
	}
	if (!(pul_flags & pulFlags_NoXorMagic)) {
		f |= RHEF_XORMAGIC;
	}
	return f;
}

/* Run every ROP input buffer and frame the ROP output buffers. */
static enum MAPISTATUS run_payloads(struct emsmdb_session *session,
				    TALLOC_CTX *mem_ctx,
				    const struct mapi_rpc_ext_payload *in,
				    size_t count, uint16_t flags,
				    size_t limit, uint8_t **out,
				    size_t *out_len)
{
	struct emsmdb_rop_env env = {
		.objects = session->objects,
		.session = session,
		.object_created = emsmdb_notify_object_created,
		.rop_done = emsmdb_notify_rop_done,
	};
	size_t i;

	for (i = 0; i < count; i++) {
		DATA_BLOB rop_in = data_blob_const(in[i].data, in[i].length);
		DATA_BLOB rop_out;
		size_t room = limit - *out_len;
		enum MAPISTATUS rv;

		if (room < RPC_HEADER_EXT_SIZE) {
			return ecBufferTooSmall;
		}
		room = MIN(room - RPC_HEADER_EXT_SIZE,
			   RPC_EXT_SPEC_MAX_PAYLOAD);
		/* notifications follow the last buffer's responses */
		env.tail = i + 1 == count ? emsmdb_notify_tail : NULL;
		rv = emsmdb_rop_process(mem_ctx, &env, &rop_in, room,
					&rop_out);
		if (rv != MAPI_E_SUCCESS) {
			return rv;
		}
		if (mapi_rpc_ext_encode(mem_ctx, out, out_len, rop_out.data,
					rop_out.length, flags, i + 1 == count,
					limit) != MAPI_RPC_EXT_OK) {
			return ecBufferTooSmall;
		}
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsmdb_rpc_ext2(struct emsmdb_session *session,
				struct dcesrv_call_state *dce_call,
				TALLOC_CTX *mem_ctx, struct EcDoRpcExt2 *r)
{
	struct mapi_rpc_ext_payload *payloads = NULL;
	struct timeval start;
	size_t count = 0, out_len = 0;
	uint8_t *out = NULL;
	uint32_t flags_in = *r->in.pulFlags;
	enum mapi_rpc_ext_status st;
	enum MAPISTATUS rv;

	gettimeofday(&start, NULL);
	if (session->notify != NULL) {
		emsmdb_notify_touch(session->notify);
	}
	*r->out.pcbOut = 0;
	*r->out.pcbAuxOut = 0;
	/* MS-OXCRPC 3.1.4.2: pulFlags is 0 on output */
	*r->out.pulFlags = 0;
	rv = emsmdb_aux_validate(mem_ctx, r->in.rgbAuxIn, r->in.cbAuxIn);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	st = mapi_rpc_ext_decode(mem_ctx, r->in.rgbIn, r->in.cbIn,
				 RPC_EXT_SPEC_MAX_PAYLOAD, EMSMDB_MAX_BUFFER,
				 &payloads, &count);
	if (st != MAPI_RPC_EXT_OK) {
		DBG_NOTICE("EcDoRpcExt2 from %s: %s\n", session->account_name,
			   mapi_rpc_ext_errstr(st));
		return ecRpcFormat;
	}
	rv = run_payloads(session, mem_ctx, payloads, count,
			  out_flags(flags_in), *r->in.pcbOut, &out, &out_len);
	*r->out.pulTransTime = elapsed_ms(&start);
	if (rv != MAPI_E_SUCCESS) {
		DBG_NOTICE("EcDoRpcExt2 from %s: 0x%08x\n",
			   session->account_name, rv);
		return rv;
	}
	r->out.rgbOut = out;
	*r->out.pcbOut = out_len;
	return MAPI_E_SUCCESS;
}
