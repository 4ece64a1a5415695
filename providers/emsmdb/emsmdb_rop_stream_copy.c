/*
 * Stream ROPs between Stream objects (MS-OXCROPS 2.2.9, MS-OXCPRPT
 * 3.2.5.19, 3.2.5.21, 3.2.5.22, 3.2.5.24): RopCopyToStream,
 * RopCloneStream, RopLockRegionStream, RopUnlockRegionStream.
 */
#include "emsmdb.h"
#include "emsmdb_rop_handlers.h"
#include "emsmdb_stream.h"

#include <sys/param.h>
#include <util/debug.h>

#define COPY_CHUNK (64 * 1024)

/* Both seek pointers before RopCopyToStream, put back if its response
 * is dropped for RopBufferTooSmall. */
struct saved_positions {
	struct emsmdb_stream *src, *dst;
	uint64_t src_position, dst_position;
};

static void restore_positions(void *priv)
{
	struct saved_positions *p = priv;

	p->src->position = p->src_position;
	p->dst->position = p->dst_position;
}

static void keep_positions(struct emsmdb_rop_call *call,
			   struct emsmdb_stream *src,
			   struct emsmdb_stream *dst)
{
	struct saved_positions *p = talloc(call->mem_ctx,
					   struct saved_positions);

	if (p != NULL) {
		*p = (struct saved_positions) {
			.src = src, .dst = dst,
			.src_position = src->position,
			.dst_position = dst->position };
		call->discard = restore_positions;
		call->discard_priv = p;
	}
}

/* Copy up to @a count bytes, chunk by chunk; both pointers end past what
 * was written (MS-OXCPRPT 3.2.5.19). */
static enum MAPISTATUS copy_bytes(TALLOC_CTX *mem_ctx,
				  struct emsmdb_stream *src,
				  struct emsmdb_stream *dst, uint64_t count,
				  uint64_t *read, uint64_t *written)
{
	uint8_t *buf = talloc_array(mem_ctx, uint8_t, COPY_CHUNK);
	uint64_t start = src->position;
	size_t got, put;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	if (buf == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	while (rv == MAPI_E_SUCCESS && *read < count) {
		rv = emsmdb_stream_read(src, buf, MIN(count - *read,
						      COPY_CHUNK), &got);
		if (rv != MAPI_E_SUCCESS || got == 0) {
			break;
		}
		*read += got;
		rv = emsmdb_stream_write(dst, buf, got, &put);
		*written += put;
	}
	src->position = start + *written;
	*read = *written;
	talloc_free(buf);
	return rv;
}

/*
 * MS-OXCPRPT 3.2.5.19 RopCopyToStream: ByteCount bytes from the source's
 * seek pointer to the destination's.  No object at DestHandleIndex is
 * NullDestinationObject, the response then naming the index.
 */
enum MAPISTATUS emsmdb_rop_copy_to_stream(struct emsmdb_rop_call *call)
{
	const struct RopCopyToStream_req *req =
		&call->request->Body.CopyToStream;
	union RopCopyToStream_resp_data *d =
		&call->response->Body.CopyToStream.Data;
	struct emsmdb_stream *src = emsmdb_stream_of(call->input), *dst;
	struct emsmdb_object *o;
	uint64_t read = 0, written = 0;
	enum MAPISTATUS rv;

	o = emsmdb_rop_object_at(call, req->DestHandleIndex);
	if (o == NULL) {
		d->NullDestination.DestHandleIndex = req->DestHandleIndex;
		call->keep_body = true;
		return ecDstNullObject;
	}
	if (o->type != EMSMDB_OBJECT_STREAM) {
		return MAPI_E_INVALID_OBJECT;
	}
	dst = emsmdb_stream_of(o);
	if (!emsmdb_stream_writable(dst)) {
		return STG_E_ACCESSDENIED;
	}
	keep_positions(call, src, dst);
	rv = copy_bytes(call->mem_ctx, src, dst, req->ByteCount, &read,
			&written);
	d->Counts.ReadByteCount = read;
	d->Counts.WrittenByteCount = written;
	if (rv != MAPI_E_SUCCESS) {
		call->keep_body = true;	/* the counts go with any error */
	}
	return rv;
}

/*
 * MS-OXCPRPT 3.2.5.24 RopCloneStream: a new Stream object on the same
 * bytes, at the same seek pointer; it belongs to the same object as the
 * source stream.
 */
enum MAPISTATUS emsmdb_rop_clone_stream(struct emsmdb_rop_call *call)
{
	struct emsmdb_stream *clone;

	clone = emsmdb_stream_clone(call->mem_ctx,
				    emsmdb_stream_of(call->input));
	if (clone == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (emsmdb_rop_new_object(call, call->input->parent,
				  EMSMDB_OBJECT_STREAM, clone) == NULL) {
		talloc_free(clone);
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	return MAPI_E_SUCCESS;
}

/* A lock granted by a ROP whose response is dropped is undone: the
 * client asks for it again. */
struct granted_lock {
	struct emsmdb_stream *stream;
	const struct RopLockRegionStream_req *req;
};

static void undo_lock(void *priv)
{
	struct granted_lock *g = priv;

	emsmdb_stream_unlock(g->stream, g->req->RegionOffset,
			     g->req->RegionSize, g->req->LockFlags);
}

/* MS-OXCPRPT 3.2.5.21 RopLockRegionStream */
enum MAPISTATUS emsmdb_rop_lock_region_stream(struct emsmdb_rop_call *call)
{
	const struct RopLockRegionStream_req *req =
		&call->request->Body.LockRegionStream;
	struct granted_lock *g = talloc(call->mem_ctx, struct granted_lock);
	struct emsmdb_stream *s = emsmdb_stream_of(call->input);
	enum MAPISTATUS rv;

	if (g == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = emsmdb_stream_lock(s, req->RegionOffset, req->RegionSize,
				req->LockFlags);
	if (rv == MAPI_E_SUCCESS) {
		g->stream = s;
		g->req = req;
		call->discard = undo_lock;
		call->discard_priv = g;
	}
	return rv;
}

/* MS-OXCPRPT 3.2.5.22 RopUnlockRegionStream */
enum MAPISTATUS emsmdb_rop_unlock_region_stream(struct emsmdb_rop_call *call)
{
	const struct RopUnlockRegionStream_req *req =
		&call->request->Body.UnlockRegionStream;

	emsmdb_stream_unlock(emsmdb_stream_of(call->input), req->RegionOffset,
			     req->RegionSize, req->LockFlags);
	return MAPI_E_SUCCESS;
}
