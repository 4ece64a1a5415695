/*
 * The ROP engine: processing a ROP input buffer and creating the ROP
 * output buffer (MS-OXCROPS 2.2.1, 3.2.5.1, 3.2.5.2).
 */
#include "emsmdb_rop.h"

#include <stddef.h>
#include <sys/param.h>
#include <string.h>
#include <util/debug.h>
#include <gen_ndr/ndr_rops.h>
#include "libmapi/ndr/rop_buffer.h"

#define ROP_SIZE_FIELD 2
#define HANDLE_SIZE 4
/* RopId + SizeNeeded of RopBufferTooSmall (MS-OXCROPS 2.2.15.1) */
#define BUFFER_TOO_SMALL_FIXED 3
/* RPC_HEADER_EXT in front of the ROP output buffer (MS-OXCRPC 2.2.2.1) */
#define EXT_HEADER_SIZE 8

/*
 * Every ROP response of MS-OXCROPS 2.2 starts with RopId, a handle index
 * (InputHandleIndex, OutputHandleIndex, ...) and ReturnValue; in the
 * generated structures the two fields after RopId are the first two
 * members of every Rop<Name>_resp, so they share this layout (checked for
 * every response by tests/unit/test_emsmdb_rop.c).
 */
struct rop_resp_prefix {
	uint8_t handle_index;
	enum MAPISTATUS return_value;
};

_Static_assert(offsetof(struct RopOpenFolder_resp, ReturnValue) ==
	       offsetof(struct rop_resp_prefix, return_value),
	       "ROP response prefix layout");
_Static_assert(offsetof(struct RopLogon_resp, ReturnValue) ==
	       offsetof(struct rop_resp_prefix, return_value),
	       "ROP response prefix layout");

static void set_prefix(struct RopResponse *r, uint8_t handle_index,
		       enum MAPISTATUS rv)
{
	struct rop_resp_prefix p = {
		.handle_index = handle_index, .return_value = rv
	};

	memcpy(&r->Body, &p, sizeof(p));
}

void emsmdb_rop_error_response(struct RopResponse *response, uint8_t rop_id,
			       uint8_t handle_index,
			       enum MAPISTATUS return_value)
{
	memset(response, 0, sizeof(*response));
	response->RopId = rop_id;
	set_prefix(response, handle_index, return_value);
}

struct emsmdb_object *emsmdb_rop_new_object(struct emsmdb_rop_call *call,
					    struct emsmdb_object *parent,
					    enum emsmdb_object_type type,
					    void *data)
{
	struct emsmdb_object *o;

	if (call->output != NULL) {
		DBG_ERR("ROP 0x%02x creates two objects\n",
			call->request->RopId);
		return NULL;
	}
	o = emsmdb_object_new(call->env->objects, parent, type,
			      call->request->LogonId, data);
	call->output = o;
	return o;
}

struct emsmdb_object *emsmdb_rop_object_at(struct emsmdb_rop_call *call,
					   uint32_t index)
{
	if (index >= call->handle_count) {
		return NULL;
	}
	return emsmdb_object_find(call->env->objects, call->handles[index],
				  call->request->LogonId);
}

/* The state of one ROP input buffer being processed. */
struct rop_run {
	struct emsmdb_rop_env *env;
	DATA_BLOB rops;			/* the RopsList */
	uint32_t *handles;		/* handle table, updated in place */
	uint32_t handle_count;
	size_t avail;			/* room for responses */
	DATA_BLOB resp;			/* responses so far */
	bool stopped;			/* RopBufferTooSmall was written */
};

/* Handle indexes of a request: -1 when the ROP has none; response is
 * the index its response names. */
struct rop_indexes {
	int input;
	int output;
	int response;
};

static struct rop_indexes rop_indexes(const struct RopRequest *req,
				      const uint8_t *raw, size_t raw_len)
{
	struct rop_indexes ix = { .input = req->HandleIndex, .output = -1,
				  .response = req->HandleIndex };

	if (req->RopId == RopLogon) {
		/* MS-OXCROPS 2.2.3.1.1: the third byte is the output */
		ix.input = -1;
		ix.output = req->HandleIndex;
	} else if (req->RopId == RopSaveChangesMessage) {
		/* MS-OXCROPS 2.2.6.3.1: the third byte is
		 * ResponseHandleIndex, InputHandleIndex follows */
		ix.input = req->Body.SaveChangesMessage.InputHandleIndex;
		ix.response = req->HandleIndex;
		return ix;
	} else if (req->RopId == RopSaveChangesAttachment) {
		/* MS-OXCROPS 2.2.6.15.1: likewise */
		ix.input = req->Body.SaveChangesAttachment.InputHandleIndex;
		ix.response = req->HandleIndex;
		return ix;
	} else if (req->RopId == RopSetMessageReadFlag) {
		/* MS-OXCROPS 2.2.6.11.1: likewise */
		ix.input = req->Body.SetMessageReadFlag.InputHandleIndex;
		ix.response = req->HandleIndex;
		return ix;
	} else if (emsmdb_rop_has_output_handle(req->RopId) && raw_len > 3) {
		ix.output = raw[3];
	}
	ix.response = ix.output >= 0 ? ix.output : ix.input;
	return ix;
}

static bool index_ok(const struct rop_run *run, int index)
{
	return index < 0 || (uint32_t)index < run->handle_count;
}

/*
 * Resolve the input object (MS-OXCROPS 3.2.5.1): an index outside the
 * handle table or a handle that names no object of the ROP's logon is
 * ecNullObject; an object of a kind the ROP does not take is
 * MAPI_E_INVALID_OBJECT, or ecNotSupported for the folder ROPs
 * (EMSMDB_ROP_FOLDER_INPUT).
 */
static enum MAPISTATUS resolve_input(struct rop_run *run,
				     const struct emsmdb_rop_def *def,
				     struct emsmdb_rop_call *call, int index)
{
	struct emsmdb_object *o;

	if (index < 0) {
		return MAPI_E_SUCCESS;
	}
	o = emsmdb_object_find(run->env->objects, run->handles[index],
			       call->request->LogonId);
	if (o == NULL) {
		return ecNullObject;
	}
	if ((def->input_types & EMSMDB_OBJECT_BIT(o->type)) == 0) {
		return (def->flags & EMSMDB_ROP_FOLDER_INPUT) ?
		       MAPI_E_NO_SUPPORT : MAPI_E_INVALID_OBJECT;
	}
	call->input = o;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS run_handler(struct rop_run *run,
				   const struct emsmdb_rop_def *def,
				   struct emsmdb_rop_call *call,
				   struct rop_indexes ix)
{
	enum MAPISTATUS rv;

	if (!index_ok(run, ix.input) || !index_ok(run, ix.output)) {
		return ecNullObject;
	}
	if (def == NULL) {
		return MAPI_E_NO_SUPPORT;
	}
	rv = resolve_input(run, def, call, ix.input);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	rv = def->handler(call);
	if (rv == MAPI_E_SUCCESS && ix.output >= 0) {
		if (call->output == NULL) {
			DBG_ERR("ROP 0x%02x made no output object\n",
				call->request->RopId);
			return MAPI_E_CALL_FAILED;
		}
		run->handles[ix.output] = call->output->handle;
		if (run->env->object_created != NULL) {
			run->env->object_created(run->env, call->output);
		}
	}
	if (rv == MAPI_E_SUCCESS && run->env->rop_done != NULL) {
		run->env->rop_done(run->env, call);
	}
	if (rv != MAPI_E_SUCCESS && call->output != NULL) {
		TALLOC_FREE(call->output);
	}
	return rv;
}

static enum ndr_err_code push_response(TALLOC_CTX *mem_ctx,
				       const struct RopResponse *r,
				       DATA_BLOB *out)
{
	struct ndr_push *push = ndr_push_init_ctx(mem_ctx);

	if (push == NULL) {
		return NDR_ERR_ALLOC;
	}
	push->flags |= LIBNDR_FLAG_NOALIGN;
	NDR_CHECK(ndr_push_RopResponse(push, NDR_SCALARS | NDR_BUFFERS, r));
	*out = ndr_push_blob(push);
	return NDR_ERR_SUCCESS;
}

static bool append(struct rop_run *run, TALLOC_CTX *mem_ctx,
		   const DATA_BLOB *b)
{
	return data_blob_append(mem_ctx, &run->resp, b->data, b->length);
}

/*
 * MS-OXCROPS 2.2.15.1 / 3.2.5.2: the responses do not fit; the last
 * response is RopBufferTooSmall carrying every request not processed,
 * from @a start on.
 */
static enum MAPISTATUS buffer_too_small(struct rop_run *run,
					TALLOC_CTX *mem_ctx, size_t start,
					size_t resp_len)
{
	struct RopResponse r = { .RopId = RopBufferTooSmall };
	size_t needed = EXT_HEADER_SIZE + ROP_SIZE_FIELD + run->resp.length +
			resp_len + HANDLE_SIZE * run->handle_count;
	DATA_BLOB b;

	r.Body.BufferTooSmall.SizeNeeded = needed > UINT16_MAX ?
					   UINT16_MAX : needed;
	r.Body.BufferTooSmall.RequestBuffers = data_blob_const(
		run->rops.data + start, run->rops.length - start);
	if (BUFFER_TOO_SMALL_FIXED + run->rops.length - start >
	    run->avail - run->resp.length) {
		DBG_NOTICE("not even RopBufferTooSmall fits\n");
		return ecBufferTooSmall;
	}
	if (push_response(mem_ctx, &r, &b) != NDR_ERR_SUCCESS ||
	    !append(run, mem_ctx, &b)) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	run->stopped = true;
	return MAPI_E_SUCCESS;
}

/*
 * Parse one request: with the generated parser, or the ROP's own when its
 * layout depends on the logon (RopId and LogonId are its first bytes).
 */
static enum ndr_err_code pull_request(struct rop_run *run,
				      struct ndr_pull *pull,
				      TALLOC_CTX *mem_ctx,
				      struct RopRequest *req,
				      const void **extra)
{
	const struct emsmdb_rop_def *def = NULL;
	uint8_t rop_id;

	if (pull->offset < pull->data_size) {
		def = emsmdb_rop_def_find(pull->data[pull->offset]);
	}
	if (def == NULL || def->pull == NULL) {
		return ndr_pull_RopRequest(pull, NDR_SCALARS | NDR_BUFFERS,
					   req);
	}
	NDR_CHECK(ndr_pull_uint8(pull, NDR_SCALARS, &rop_id));
	req->RopId = rop_id;
	NDR_CHECK(ndr_pull_uint8(pull, NDR_SCALARS, &req->LogonId));
	NDR_CHECK(ndr_pull_uint8(pull, NDR_SCALARS, &req->HandleIndex));
	return def->pull(pull, run->env, mem_ctx, req, extra);
}

static enum MAPISTATUS process_one(struct rop_run *run, TALLOC_CTX *mem_ctx,
				   struct ndr_pull *pull)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	struct RopRequest *req = talloc_zero(tmp, struct RopRequest);
	struct RopResponse *resp = talloc_zero(tmp, struct RopResponse);
	struct emsmdb_rop_call call = { .mem_ctx = tmp, .env = run->env,
					.request = req, .response = resp };
	const struct emsmdb_rop_def *def;
	struct rop_indexes ix;
	uint32_t saved_out = 0;
	size_t start = pull->offset, rest, reserve;
	enum MAPISTATUS rv;
	DATA_BLOB b;

	if (req == NULL || resp == NULL) {
		talloc_free(tmp);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (pull_request(run, pull, tmp, req, &call.request_extra) !=
	    NDR_ERR_SUCCESS) {
		DBG_NOTICE("unparsable ROP request at offset %zu\n", start);
		talloc_free(tmp);
		return ecRpcFormat;
	}
	ix = rop_indexes(req, run->rops.data + start, pull->offset - start);
	call.handles = run->handles;
	call.handle_count = run->handle_count;
	call.out_room = run->avail - run->resp.length;
	def = emsmdb_rop_def_find(req->RopId);
	if (ix.output >= 0 && index_ok(run, ix.output)) {
		saved_out = run->handles[ix.output];
	}
	resp->RopId = req->RopId;
	rv = run_handler(run, def, &call, ix);
	DBG_DEBUG("ROP 0x%02x: 0x%08x\n", req->RopId, rv);
	if (def != NULL && (def->flags & EMSMDB_ROP_NO_RESPONSE)) {
		talloc_free(tmp);
		return MAPI_E_SUCCESS;
	}
	if (rv != MAPI_E_SUCCESS && !call.keep_body) {
		emsmdb_rop_error_response(resp, req->RopId, ix.response, rv);
	} else {
		set_prefix(resp, ix.response, rv);
	}
	if (push_response(tmp, resp, &b) != NDR_ERR_SUCCESS) {
		DBG_ERR("cannot encode the response of ROP 0x%02x\n",
			req->RopId);
		emsmdb_rop_error_response(resp, req->RopId, req->HandleIndex,
					  MAPI_E_CALL_FAILED);
		if (push_response(tmp, resp, &b) != NDR_ERR_SUCCESS) {
			talloc_free(tmp);
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	/* keep room for a RopBufferTooSmall carrying the requests after
	 * this one, so that it can always be written */
	rest = run->rops.length - pull->offset;
	reserve = rest > 0 ? BUFFER_TOO_SMALL_FIXED + rest : 0;
	if (b.length + reserve > run->avail - run->resp.length) {
		/* undo what the response would have reported */
		if (call.output != NULL) {
			TALLOC_FREE(call.output);
			run->handles[ix.output] = saved_out;
		}
		if (call.discard != NULL) {
			call.discard(call.discard_priv);
		}
		rv = buffer_too_small(run, mem_ctx, start, b.length);
		talloc_free(tmp);
		return rv;
	}
	rv = append(run, mem_ctx, &b) ? MAPI_E_SUCCESS :
					MAPI_E_NOT_ENOUGH_MEMORY;
	talloc_free(tmp);
	return rv;
}

/* The responses that follow the ROPs' own (env->tail). */
static enum MAPISTATUS append_tail(struct rop_run *run, TALLOC_CTX *mem_ctx)
{
	DATA_BLOB b = data_blob_null;
	enum MAPISTATUS rv;

	if (run->env->tail == NULL) {
		return MAPI_E_SUCCESS;
	}
	rv = run->env->tail(run->env, mem_ctx, run->avail - run->resp.length,
			    &b);
	if (rv != MAPI_E_SUCCESS || b.length == 0) {
		return rv;
	}
	if (b.length > run->avail - run->resp.length) {
		DBG_ERR("the tail overflows the ROP output buffer\n");
		return MAPI_E_CALL_FAILED;
	}
	return append(run, mem_ctx, &b) ? MAPI_E_SUCCESS
					: MAPI_E_NOT_ENOUGH_MEMORY;
}

static enum MAPISTATUS build_output(struct rop_run *run, TALLOC_CTX *mem_ctx,
				    DATA_BLOB *out)
{
	struct rop_buffer rb = {
		.rops = run->resp,
		.handle_count = run->handle_count,
		.handles = run->handles,
	};

	if (rop_buffer_build(mem_ctx, &rb, out) != NDR_ERR_SUCCESS) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsmdb_rop_process(TALLOC_CTX *mem_ctx,
				   struct emsmdb_rop_env *env,
				   const DATA_BLOB *in, size_t out_limit,
				   DATA_BLOB *out)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	struct rop_run run = { .env = env };
	struct rop_buffer rb;
	struct ndr_pull *pull;
	size_t fixed;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	*out = data_blob_null;
	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (rop_buffer_parse(tmp, in, &rb) != NDR_ERR_SUCCESS) {
		DBG_NOTICE("malformed ROP input buffer\n");
		talloc_free(tmp);
		return ecRpcFormat;
	}
	run.rops = rb.rops;
	run.handles = rb.handles;
	run.handle_count = rb.handle_count;
	fixed = ROP_SIZE_FIELD + (size_t)HANDLE_SIZE * rb.handle_count;
	if (out_limit < fixed) {
		talloc_free(tmp);
		return ecBufferTooSmall;
	}
	run.avail = MIN(out_limit - fixed, UINT16_MAX - ROP_SIZE_FIELD);
	pull = ndr_pull_init_blob(&run.rops, tmp);
	if (pull == NULL) {
		talloc_free(tmp);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	pull->flags |= LIBNDR_FLAG_NOALIGN;
	while (rv == MAPI_E_SUCCESS && !run.stopped &&
	       pull->offset < pull->data_size) {
		rv = process_one(&run, tmp, pull);
	}
	if (rv == MAPI_E_SUCCESS && !run.stopped) {
		rv = append_tail(&run, tmp);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = build_output(&run, mem_ctx, out);
	}
	talloc_free(tmp);
	return rv;
}
