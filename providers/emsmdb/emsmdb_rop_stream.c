/*
 * Stream ROPs (MS-OXCROPS 2.2.9, MS-OXCPRPT 3.2.5.11 - 3.2.5.18, 3.2.5.23):
 * opening, reading, writing, committing, sizing and seeking a property
 * stream.  Copying, cloning and region locks: emsmdb_rop_stream_copy.c.
 */
#include "emsmdb.h"
#include "emsmdb_rop_handlers.h"
#include "emsmdb_stream.h"

#include <sys/param.h>
#include <util/debug.h>
#include <gen_ndr/ndr_rops_stream.h>

/* RopId, InputHandleIndex, ReturnValue and DataSize of RopReadStream */
#define READ_RESPONSE_HEADER 8

/* The seek pointer before a ROP, put back if its response is dropped
 * for RopBufferTooSmall: the client sends the ROP again. */
struct saved_position {
	struct emsmdb_stream *stream;
	uint64_t position;
};

static void restore_position(void *priv)
{
	struct saved_position *p = priv;

	p->stream->position = p->position;
}

static void keep_position(struct emsmdb_rop_call *call,
			  struct emsmdb_stream *s)
{
	struct saved_position *p = talloc(call->mem_ctx,
					  struct saved_position);

	if (p != NULL) {
		p->stream = s;
		p->position = s->position;
		call->discard = restore_position;
		call->discard_priv = p;
	}
}

/* MS-OXCPRPT 3.2.5.11 RopOpenStream */
enum MAPISTATUS emsmdb_rop_open_stream(struct emsmdb_rop_call *call)
{
	const struct RopOpenStream_req *req = &call->request->Body.OpenStream;
	struct emsmdb_stream *s;
	uint64_t size;
	enum MAPISTATUS rv;

	rv = emsmdb_stream_open(call->mem_ctx, call, call->input,
				req->PropertyTag, req->OpenModeFlags, &s);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (emsmdb_rop_new_object(call, call->input, EMSMDB_OBJECT_STREAM,
				  s) == NULL) {
		talloc_free(s);
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	size = emsmdb_stream_size(s);
	call->response->Body.OpenStream.Data.Success.StreamSize =
		MIN(size, UINT32_MAX);
	return MAPI_E_SUCCESS;
}

/* MS-OXCROPS 2.2.9.2.1: a MaximumByteCount above 0x80000000 fails the
 * RPC (ecRpcFormat); the request is checked while it is parsed. */
enum ndr_err_code emsmdb_rop_pull_read_stream(struct ndr_pull *pull,
					      struct emsmdb_rop_env *env,
					      TALLOC_CTX *mem_ctx,
					      struct RopRequest *req,
					      const void **extra)
{
	struct RopReadStream_req *r = &req->Body.ReadStream;

	NDR_CHECK(ndr_pull_RopReadStream_req(pull, NDR_SCALARS | NDR_BUFFERS,
					     r));
	if (r->ByteCount == ROP_READSTREAM_USE_MAXIMUM &&
	    r->MaximumByteCount.MaximumByteCount > EMSMDB_STREAM_MAX) {
		return NDR_ERR_RANGE;
	}
	return NDR_ERR_SUCCESS;
}

/*
 * MS-OXCPRPT 3.2.5.12 RopReadStream: at most ByteCount (or
 * MaximumByteCount) bytes from the seek pointer, and what the response
 * buffer holds; DataSize 0 on failure.
 */
enum MAPISTATUS emsmdb_rop_read_stream(struct emsmdb_rop_call *call)
{
	const struct RopReadStream_req *req = &call->request->Body.ReadStream;
	struct RopReadStream_resp *resp = &call->response->Body.ReadStream;
	struct emsmdb_stream *s = emsmdb_stream_of(call->input);
	size_t want = req->ByteCount, got = 0;
	enum MAPISTATUS rv;

	if (req->ByteCount == ROP_READSTREAM_USE_MAXIMUM) {
		want = req->MaximumByteCount.MaximumByteCount;
	}
	want = MIN(want, UINT16_MAX);
	want = MIN(want, call->out_room > READ_RESPONSE_HEADER ?
			 call->out_room - READ_RESPONSE_HEADER : 0);
	resp->Data = talloc_array(call->mem_ctx, uint8_t, want + 1);
	if (resp->Data == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	keep_position(call, s);
	rv = emsmdb_stream_read(s, resp->Data, want, &got);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	resp->DataSize = got;
	return MAPI_E_SUCCESS;
}

/* MS-OXCPRPT 3.2.5.13: WrittenSize is sent whatever the result. */
static enum MAPISTATUS write_stream(struct emsmdb_rop_call *call,
				    const uint8_t *data, uint16_t length,
				    size_t *written)
{
	struct emsmdb_stream *s = emsmdb_stream_of(call->input);
	enum MAPISTATUS rv;

	keep_position(call, s);
	rv = emsmdb_stream_write(s, data, length, written);
	if (rv != MAPI_E_SUCCESS) {
		call->keep_body = true;
	}
	return rv;
}

/* MS-OXCPRPT 3.2.5.13 RopWriteStream */
enum MAPISTATUS emsmdb_rop_write_stream(struct emsmdb_rop_call *call)
{
	const struct RopWriteStream_req *req =
		&call->request->Body.WriteStream;
	size_t written = 0;
	enum MAPISTATUS rv;

	rv = write_stream(call, req->Data, req->DataSize, &written);
	call->response->Body.WriteStream.WrittenSize = written;
	return rv;
}

/* MS-OXCPRPT 3.2.5.14 RopWriteStreamExtended: as RopWriteStream, with a
 * 4-byte WrittenSize */
enum MAPISTATUS emsmdb_rop_write_stream_extended(struct emsmdb_rop_call *call)
{
	const struct RopWriteStreamExtended_req *req =
		&call->request->Body.WriteStreamExtended;
	size_t written = 0;
	enum MAPISTATUS rv;

	rv = write_stream(call, req->Data, req->DataSize, &written);
	call->response->Body.WriteStreamExtended.WrittenSize = written;
	return rv;
}

/* MS-OXCPRPT 3.2.5.15 RopCommitStream */
enum MAPISTATUS emsmdb_rop_commit_stream(struct emsmdb_rop_call *call)
{
	return emsmdb_stream_commit(emsmdb_stream_of(call->input));
}

/*
 * MS-OXCPRPT 3.2.5.23 RopWriteAndCommitStream: RopWriteStream then
 * RopCommitStream.  It must not be used on a folder's stream (2.2.26):
 * such a request is refused with NotSupported.
 */
enum MAPISTATUS emsmdb_rop_write_and_commit_stream(
	struct emsmdb_rop_call *call)
{
	const struct RopWriteAndCommitStream_req *req =
		&call->request->Body.WriteAndCommitStream;
	struct emsmdb_stream *s = emsmdb_stream_of(call->input);
	size_t written = 0;
	enum MAPISTATUS rv;

	if (emsmdb_stream_direct(s)) {
		return MAPI_E_NO_SUPPORT;
	}
	rv = write_stream(call, req->Data, req->DataSize, &written);
	call->response->Body.WriteAndCommitStream.WrittenSize = written;
	if (rv == MAPI_E_SUCCESS) {
		rv = emsmdb_stream_commit(s);
	}
	return rv;
}

/* MS-OXCPRPT 3.2.5.16 RopGetStreamSize */
enum MAPISTATUS emsmdb_rop_get_stream_size(struct emsmdb_rop_call *call)
{
	uint64_t size = emsmdb_stream_size(emsmdb_stream_of(call->input));

	call->response->Body.GetStreamSize.Data.Success.StreamSize =
		MIN(size, UINT32_MAX);
	return MAPI_E_SUCCESS;
}

/* MS-OXCPRPT 3.2.5.17 RopSetStreamSize; the seek pointer stays. */
enum MAPISTATUS emsmdb_rop_set_stream_size(struct emsmdb_rop_call *call)
{
	return emsmdb_stream_set_size(
		emsmdb_stream_of(call->input),
		call->request->Body.SetStreamSize.StreamSize);
}

/*
 * MS-OXCPRPT 3.2.5.18 RopSeekStream: an invalid Origin is
 * StreamInvalidParam; a position before the start or beyond 2^31 is
 * StreamSeekError; beyond the end, a writable stream is extended with
 * zeros.
 */
enum MAPISTATUS emsmdb_rop_seek_stream(struct emsmdb_rop_call *call)
{
	const struct RopSeekStream_req *req = &call->request->Body.SeekStream;
	struct emsmdb_stream *s = emsmdb_stream_of(call->input);
	int64_t offset = (int64_t)req->Offset, base;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	switch (req->Origin) {
	case StreamSeek_Beginning:
		base = 0;
		break;
	case StreamSeek_Current:
		base = s->position;
		break;
	case StreamSeek_End:
		base = emsmdb_stream_size(s);
		break;
	default:
		return STG_E_INVALIDPARAMETER;
	}
	if (offset < 0 ? -(offset + 1) >= base :
	    (uint64_t)offset > EMSMDB_STREAM_MAX ||
	    base + offset > (int64_t)EMSMDB_STREAM_MAX) {
		return STG_E_SEEKERROR;
	}
	keep_position(call, s);
	if ((uint64_t)(base + offset) > emsmdb_stream_size(s) &&
	    emsmdb_stream_writable(s)) {
		rv = emsmdb_stream_set_size(s, base + offset);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	s->position = base + offset;
	call->response->Body.SeekStream.Data.Success.NewPosition =
		s->position;
	return MAPI_E_SUCCESS;
}
