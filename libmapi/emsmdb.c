/*
 * libmapi: message store client (MS-OXCRPC) over the generated EMSMDB
 * marshalling, with the ROP buffers of MS-OXCROPS.
 */
#include "emsmdb.h"
#include "nspi.h"
#include "notify.h"

#include <string.h>
#include <unistd.h>
#include <util/debug.h>
#include <dcerpc.h>
#include <ndr.h>

#include "gen_ndr/ndr_exchange_emsmdb.h"
#include "gen_ndr/ndr_exchange_emsmdb_c.h"
#include "gen_ndr/ndr_rops.h"
#include "ndr/rop_buffer.h"
#include "ndr/rpc_ext.h"

/* MS-OXCRPC 3.1.4.1: pcbAuxOut is at most 0x1008. */
#define AUX_OUT_MAX 0x1008

static enum MAPISTATUS call_done(struct mapi_emsmdb *e, const char *op,
				 NTSTATUS status, enum MAPISTATUS result)
{
	e->last_ntstatus = status;
	if (!NT_STATUS_IS_OK(status)) {
		DBG_INFO("%s: %s\n", op, nt_errstr(status));
		return mapi_status_from_ntstatus(status);
	}
	if (result != MAPI_E_SUCCESS) {
		DBG_INFO("%s: %s (0x%08x)\n", op, mapi_status_string(result),
			 (unsigned int)result);
	}
	return result;
}

static int emsmdb_destructor(struct mapi_emsmdb *e)
{
	mapi_emsmdb_disconnect(e);
	return 0;
}

void mapi_emsmdb_connect_params_init(struct mapi_emsmdb_connect_params *p,
				     const char *user_dn)
{
	static const uint16_t version[3] = MAPI_EMSMDB_CLIENT_VERSION;

	memset(p, 0, sizeof(*p));
	p->user_dn = user_dn;
	memcpy(p->client_version, version, sizeof(version));
	p->code_page = 1252;
	p->locale = 0x409;
	p->aux_out_max = AUX_OUT_MAX;
	p->link = 0xFFFFFFFF;
}

static NTSTATUS do_connect(struct mapi_emsmdb *e,
			   const struct mapi_emsmdb_connect_params *cp,
			   enum MAPISTATUS *result)
{
	struct EcDoConnectEx r = { 0 };
	uint32_t aux_out_len = cp->aux_out_max;
	NTSTATUS status;

	e->aux_out = talloc_zero_array(e, uint8_t, AUX_OUT_MAX);
	if (e->aux_out == NULL) {
		return NT_STATUS_NO_MEMORY;
	}
	r.in.szUserDN = cp->user_dn;
	r.in.ulFlags = cp->flags;
	r.in.ulCpid = cp->code_page;
	r.in.ulLcidString = cp->locale;
	r.in.ulLcidSort = cp->locale;
	r.in.ulIcxrLink = cp->link;
	r.in.usFCanConvertCodePages = 1;
	memcpy(r.in.rgwClientVersion, cp->client_version,
	       sizeof(r.in.rgwClientVersion));
	r.in.pulTimeStamp = &e->timestamp;
	r.in.rgbAuxIn = discard_const_p(uint8_t, cp->aux_in);
	r.in.cbAuxIn = cp->aux_in_len;
	r.in.pcbAuxOut = &aux_out_len;
	r.out.handle = &e->handle;
	r.out.pcmsPollsMax = &e->polls_max_ms;
	r.out.pcRetry = &e->retry_count;
	r.out.pcmsRetryDelay = &e->retry_delay_ms;
	r.out.picxr = &e->icxr;
	r.out.szDNPrefix = &e->dn_prefix;
	r.out.szDisplayName = &e->display_name;
	r.out.pulTimeStamp = &e->timestamp;
	r.out.rgbAuxOut = e->aux_out;
	r.out.pcbAuxOut = &aux_out_len;
	status = dcerpc_EcDoConnectEx_r(e->pipe->binding_handle, e, &r);
	if (NT_STATUS_IS_OK(status)) {
		*result = r.out.result;
		memcpy(e->server_version, r.out.rgwServerVersion,
		       sizeof(e->server_version));
		memcpy(e->best_version, r.out.rgwBestVersion,
		       sizeof(e->best_version));
		/* the reply may come in a buffer of its own */
		e->aux_out = r.out.rgbAuxOut;
		e->aux_out_len = aux_out_len;
	}
	return status;
}

/* What the session was opened with, to open it again elsewhere
 * (mapi_emsmdb_reopen()). */
static bool remember_origin(struct mapi_emsmdb *e,
			    struct mapi_rpc_context *rpc,
			    const struct mapi_rpc_params *params,
			    const struct mapi_emsmdb_connect_params *cp)
{
	const char **strings[] = { &e->params.server, &e->params.username,
				   &e->params.password, &e->params.domain,
				   &e->params.options, &e->connect.user_dn };
	size_t i;

	e->rpc = rpc;
	e->params = *params;
	e->connect = *cp;
	e->connect.aux_in = NULL;
	e->connect.aux_in_len = 0;
	e->connect.link = 0xFFFFFFFF;	/* a session index of this server */
	for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
		if (*strings[i] != NULL) {
			*strings[i] = talloc_strdup(e, *strings[i]);
			if (*strings[i] == NULL) {
				return false;
			}
		}
	}
	return true;
}

enum MAPISTATUS mapi_emsmdb_connect_ex(TALLOC_CTX *mem_ctx,
				       struct mapi_rpc_context *rpc,
				       const struct mapi_rpc_params *params,
				       const struct mapi_emsmdb_connect_params
					       *cp,
				       NTSTATUS *nt_status,
				       struct mapi_emsmdb **out)
{
	struct mapi_emsmdb *e;
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	NTSTATUS status;

	*out = NULL;
	e = talloc_zero(mem_ctx, struct mapi_emsmdb);
	if (e == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	status = mapi_rpc_connect(e, rpc, params, &ndr_table_exchange_emsmdb,
				  &e->pipe);
	if (NT_STATUS_IS_OK(status)) {
		status = do_connect(e, cp, &result);
	}
	if (nt_status != NULL) {
		*nt_status = status;
	}
	result = call_done(e, "EcDoConnectEx", status, result);
	if (result != MAPI_E_SUCCESS) {
		talloc_free(e);
		return result;
	}
	e->connected = true;
	talloc_set_destructor(e, emsmdb_destructor);
	if (!remember_origin(e, rpc, params, cp)) {
		talloc_free(e);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	*out = e;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_emsmdb_connect(TALLOC_CTX *mem_ctx,
				    struct mapi_rpc_context *rpc,
				    const struct mapi_rpc_params *params,
				    const char *user_dn,
				    struct mapi_emsmdb **out)
{
	struct mapi_emsmdb_connect_params cp;

	mapi_emsmdb_connect_params_init(&cp, user_dn);
	return mapi_emsmdb_connect_ex(mem_ctx, rpc, params, &cp, NULL, out);
}

enum MAPISTATUS mapi_emsmdb_disconnect(struct mapi_emsmdb *e)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	NTSTATUS status;

	if (!e->connected) {
		return MAPI_E_SUCCESS;
	}
	status = dcerpc_EcDoDisconnect(e->pipe->binding_handle, e, &e->handle,
				       &result);
	e->connected = false;
	return call_done(e, "EcDoDisconnect", status, result);
}

NTSTATUS mapi_emsmdb_last_ntstatus(const struct mapi_emsmdb *e)
{
	return e->last_ntstatus;
}

enum MAPISTATUS mapi_emsmdb_async_connect(struct mapi_emsmdb *e,
					  struct policy_handle *async)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	NTSTATUS status;

	status = dcerpc_EcDoAsyncConnectEx(e->pipe->binding_handle, e,
					   &e->handle, async, &result);
	return call_done(e, "EcDoAsyncConnectEx", status, result);
}

enum MAPISTATUS mapi_emsmdb_rpc_ext2(struct mapi_emsmdb *e,
				     TALLOC_CTX *mem_ctx, uint32_t flags,
				     const uint8_t *in, uint32_t in_len,
				     uint32_t max_out, DATA_BLOB *out)
{
	uint8_t *buf = talloc_zero_array(mem_ctx, uint8_t, max_out);
	uint8_t aux[16];
	uint32_t cb_out, cb_aux, trans, try;
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	NTSTATUS status = NT_STATUS_NO_MEMORY;

	*out = data_blob_null;
	for (try = 0; buf != NULL; try++) {
		uint32_t f = flags;

		cb_out = max_out;
		cb_aux = 0;
		status = dcerpc_EcDoRpcExt2(e->pipe->binding_handle, mem_ctx,
					    &e->handle, &f,
					    discard_const_p(uint8_t, in),
					    in_len, buf, &cb_out, NULL, 0,
					    aux, &cb_aux, &trans, &result);
		if (!NT_STATUS_EQUAL(status, NT_STATUS_RPC_SERVER_TOO_BUSY) ||
		    try >= e->retry_count) {
			break;
		}
		usleep(e->retry_delay_ms * 1000);
	}
	result = call_done(e, "EcDoRpcExt2", status, result);
	if (result == MAPI_E_SUCCESS) {
		*out = data_blob_const(buf, cb_out);
	}
	return result;
}

enum MAPISTATUS mapi_emsmdb_build_rops(TALLOC_CTX *mem_ctx,
				       const struct RopRequest *requests,
				       uint32_t count,
				       const uint32_t *handles,
				       uint32_t handle_count, DATA_BLOB *out)
{
	struct ndr_push *push = ndr_push_init_ctx(mem_ctx);
	struct rop_buffer rb = { .handle_count = handle_count };
	uint32_t i;

	if (push == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	push->flags |= LIBNDR_FLAG_NOALIGN;
	for (i = 0; i < count; i++) {
		if (ndr_push_RopRequest(push, NDR_SCALARS | NDR_BUFFERS,
					&requests[i]) != NDR_ERR_SUCCESS) {
			return MAPI_E_INVALID_PARAMETER;
		}
	}
	rb.rops = ndr_push_blob(push);
	rb.handles = discard_const_p(uint32_t, handles);
	if (rop_buffer_build(mem_ctx, &rb, out) != NDR_ERR_SUCCESS) {
		return MAPI_E_TOO_BIG;
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_emsmdb_parse_rops(TALLOC_CTX *mem_ctx,
				       const DATA_BLOB *buffer,
				       struct mapi_emsmdb_rop_result *result)
{
	struct rop_buffer rb;
	struct ndr_pull *pull;

	if (rop_buffer_parse(mem_ctx, buffer, &rb) != NDR_ERR_SUCCESS) {
		return MAPI_E_CORRUPT_DATA;
	}
	pull = ndr_pull_init_blob(&rb.rops, mem_ctx);
	if (pull == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	pull->flags |= LIBNDR_FLAG_NOALIGN;
	while (pull->offset < pull->data_size) {
		struct RopResponse *r = talloc_realloc(
			mem_ctx, result->responses, struct RopResponse,
			result->count + 1);

		if (r == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		result->responses = r;
		r = &r[result->count];
		memset(r, 0, sizeof(*r));
		if (ndr_pull_RopResponse(pull, NDR_SCALARS | NDR_BUFFERS, r) !=
		    NDR_ERR_SUCCESS) {
			return MAPI_E_CORRUPT_DATA;
		}
		result->count++;
	}
	result->handles = rb.handles;
	result->handle_count = rb.handle_count;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS frame_request(TALLOC_CTX *mem_ctx,
				     const DATA_BLOB *rops,
				     const struct mapi_emsmdb_rop_options *o,
				     uint8_t **buf, size_t *len)
{
	uint16_t flags = (o->compress ? RHEF_COMPRESSED : 0) |
			 (o->obfuscate ? RHEF_XORMAGIC : 0);

	*buf = NULL;
	*len = 0;
	if (mapi_rpc_ext_encode(mem_ctx, buf, len, rops->data, rops->length,
				flags, true, MAPI_EMSMDB_MAX_OUT) !=
	    MAPI_RPC_EXT_OK) {
		return MAPI_E_TOO_BIG;
	}
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS unframe_response(TALLOC_CTX *mem_ctx,
					const DATA_BLOB *out,
					struct mapi_emsmdb_rop_result *result)
{
	struct mapi_rpc_ext_payload *p = NULL;
	size_t count = 0, i;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	if (mapi_rpc_ext_decode(mem_ctx, out->data, out->length,
				RPC_HEADER_EXT_MAX_PAYLOAD, MAPI_EMSMDB_MAX_OUT,
				&p, &count) != MAPI_RPC_EXT_OK) {
		return MAPI_E_CORRUPT_DATA;
	}
	for (i = 0; i < count && rv == MAPI_E_SUCCESS; i++) {
		DATA_BLOB b = data_blob_const(p[i].data, p[i].length);

		rv = mapi_emsmdb_parse_rops(mem_ctx, &b, result);
	}
	return rv;
}

/* Frame a ROP input buffer, send it, parse the ROP output buffers. */
static enum MAPISTATUS send_rop_buffer(struct mapi_emsmdb *e,
				       TALLOC_CTX *mem_ctx,
				       const DATA_BLOB *rops,
				       const struct mapi_emsmdb_rop_options
					       *opts,
				       struct mapi_emsmdb_rop_result *result)
{
	static const struct mapi_emsmdb_rop_options defaults = { 0 };
	const struct mapi_emsmdb_rop_options *o = opts ? opts : &defaults;
	DATA_BLOB out;
	uint8_t *in = NULL;
	size_t in_len = 0;
	enum MAPISTATUS rv;

	rv = frame_request(mem_ctx, rops, o, &in, &in_len);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_emsmdb_rpc_ext2(e, mem_ctx, o->pul_flags, in, in_len,
					  o->max_out ? o->max_out :
						       MAPI_EMSMDB_MAX_OUT,
					  &out);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = unframe_response(mem_ctx, &out, result);
	}
	if (rv == MAPI_E_SUCCESS) {
		/* notifications are not answers to the requests */
		mapi_notify_keep(e, result);
	}
	return rv;
}

enum MAPISTATUS mapi_emsmdb_rops(struct mapi_emsmdb *e, TALLOC_CTX *mem_ctx,
				 const struct RopRequest *requests,
				 uint32_t count, const uint32_t *handles,
				 uint32_t handle_count,
				 const struct mapi_emsmdb_rop_options *opts,
				 struct mapi_emsmdb_rop_result *result)
{
	DATA_BLOB rops;
	enum MAPISTATUS rv;

	memset(result, 0, sizeof(*result));
	rv = mapi_emsmdb_build_rops(mem_ctx, requests, count, handles,
				    handle_count, &rops);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	return send_rop_buffer(e, mem_ctx, &rops, opts, result);
}

enum MAPISTATUS mapi_emsmdb_rops_list(struct mapi_emsmdb *e,
				      TALLOC_CTX *mem_ctx,
				      const DATA_BLOB *rops_list,
				      const uint32_t *handles,
				      uint32_t handle_count,
				      const struct mapi_emsmdb_rop_options
					      *opts,
				      struct mapi_emsmdb_rop_result *result)
{
	struct rop_buffer rb = { .rops = *rops_list,
				 .handles = discard_const_p(uint32_t, handles),
				 .handle_count = handle_count };
	DATA_BLOB rops;

	memset(result, 0, sizeof(*result));
	if (rop_buffer_build(mem_ctx, &rb, &rops) != NDR_ERR_SUCCESS) {
		return MAPI_E_TOO_BIG;
	}
	return send_rop_buffer(e, mem_ctx, &rops, opts, result);
}

/*
 * One ROP on one server object: the handle table is { @a in_handle,
 * 0xFFFFFFFF }, the request's InputHandleIndex 0 and, for ROPs that
 * create an object, OutputHandleIndex 1 (set by the caller in the body).
 * The ROP's own ReturnValue is the result.
 */
enum MAPISTATUS mapi_emsmdb_object_rop(struct mapi_emsmdb *e,
				       TALLOC_CTX *mem_ctx,
				       uint32_t in_handle,
				       struct RopRequest *request,
				       struct RopResponse **response,
				       uint32_t *out_handle)
{
	uint32_t handles[2] = { in_handle, 0xFFFFFFFF };
	struct mapi_emsmdb_rop_result result;
	/* every Rop*_resp starts with a handle index and ReturnValue (the
	 * generated structures share this layout) */
	struct {
		uint8_t handle_index;
		enum MAPISTATUS return_value;
	} prefix;
	enum MAPISTATUS rv;

	*response = NULL;
	/* RopLogon has no input object: its HandleIndex is the output one */
	request->HandleIndex = request->RopId == RopLogon ? 1 : 0;
	rv = mapi_emsmdb_rops(e, mem_ctx, request, 1, handles, 2, NULL,
			      &result);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (result.count != 1 ||
	    result.responses[0].RopId != request->RopId) {
		return MAPI_E_CALL_FAILED;
	}
	*response = &result.responses[0];
	if (out_handle != NULL && result.handle_count == 2) {
		*out_handle = result.handles[1];
	}
	memcpy(&prefix, &(*response)->Body, sizeof(prefix));
	return prefix.return_value;
}
