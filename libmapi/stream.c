/*
 * libmapi: property streams (MS-OXCPRPT 2.2.14 - 2.2.26).
 */
#include "stream.h"
#include "folder.h"

#include <string.h>

/* One ROP on a stream, on a temporary context. */
static enum MAPISTATUS stream_rop(struct mapi_logon *logon, uint32_t stream,
				  struct RopRequest *req,
				  TALLOC_CTX **tmp, struct RopResponse **resp)
{
	*tmp = talloc_new(NULL);
	if (*tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return mapi_logon_rop(logon, *tmp, stream, req, resp, NULL);
}

enum MAPISTATUS mapi_stream_open(struct mapi_logon *logon,
				 TALLOC_CTX *mem_ctx, uint32_t object,
				 uint32_t tag, uint8_t mode,
				 uint32_t *stream, uint32_t *size)
{
	struct RopRequest req = { .RopId = RopOpenStream };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	req.Body.OpenStream.OutputHandleIndex = 1;
	req.Body.OpenStream.PropertyTag = tag;
	req.Body.OpenStream.OpenModeFlags = mode;
	rv = mapi_logon_rop(logon, mem_ctx, object, &req, &resp, stream);
	if (rv == MAPI_E_SUCCESS && size != NULL) {
		*size = resp->Body.OpenStream.Data.Success.StreamSize;
	}
	return rv;
}

enum MAPISTATUS mapi_stream_read(struct mapi_logon *logon,
				 TALLOC_CTX *mem_ctx, uint32_t stream,
				 uint32_t max, uint8_t **data, uint16_t *got)
{
	struct RopRequest req = { .RopId = RopReadStream };
	struct RopReadStream_req *r = &req.Body.ReadStream;
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	/* MS-OXCROPS 2.2.9.2.1: above 16 bits, the MaximumByteCount form */
	if (max > UINT16_MAX || max == ROP_READSTREAM_USE_MAXIMUM) {
		r->ByteCount = ROP_READSTREAM_USE_MAXIMUM;
		r->MaximumByteCount.MaximumByteCount = max;
	} else {
		r->ByteCount = max;
	}
	*got = 0;
	rv = mapi_logon_rop(logon, mem_ctx, stream, &req, &resp, NULL);
	if (resp != NULL) {
		*data = resp->Body.ReadStream.Data;
		*got = resp->Body.ReadStream.DataSize;
	}
	return rv;
}

enum MAPISTATUS mapi_stream_read_all(struct mapi_logon *logon,
				     TALLOC_CTX *mem_ctx, uint32_t stream,
				     DATA_BLOB *out)
{
	TALLOC_CTX *tmp;
	uint8_t *data;
	uint16_t got;
	enum MAPISTATUS rv;

	*out = data_blob_talloc(mem_ctx, NULL, 0);
	do {
		tmp = talloc_new(NULL);
		if (tmp == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		rv = mapi_stream_read(logon, tmp, stream, MAPI_STREAM_READ_MAX,
				      &data, &got);
		if (rv == MAPI_E_SUCCESS && got > 0 &&
		    !data_blob_append(mem_ctx, out, data, got)) {
			rv = MAPI_E_NOT_ENOUGH_MEMORY;
		}
		talloc_free(tmp);
	} while (rv == MAPI_E_SUCCESS && got > 0);
	return rv;
}

/*
 * RopWriteStream, RopWriteStreamExtended or RopWriteAndCommitStream: the
 * three requests have the same layout, DataSize then Data, and each
 * answer has WrittenSize whatever its ReturnValue (MS-OXCROPS 2.2.9.3,
 * 2.2.9.4, 2.2.9.12).
 */
static enum MAPISTATUS write_rop(struct mapi_logon *logon,
				 TALLOC_CTX *mem_ctx, uint32_t stream,
				 enum RopId rop, const uint8_t *data,
				 uint16_t length, uint32_t *written)
{
	struct RopRequest req = { .RopId = rop };
	struct RopResponse *resp;
	uint8_t *bytes = discard_const_p(uint8_t, data);
	enum MAPISTATUS rv;

	if (rop == RopWriteStream) {
		req.Body.WriteStream.DataSize = length;
		req.Body.WriteStream.Data = bytes;
	} else if (rop == RopWriteStreamExtended) {
		req.Body.WriteStreamExtended.DataSize = length;
		req.Body.WriteStreamExtended.Data = bytes;
	} else {
		req.Body.WriteAndCommitStream.DataSize = length;
		req.Body.WriteAndCommitStream.Data = bytes;
	}
	rv = mapi_logon_rop(logon, mem_ctx, stream, &req, &resp, NULL);
	*written = 0;
	if (resp != NULL && rop == RopWriteStream) {
		*written = resp->Body.WriteStream.WrittenSize;
	} else if (resp != NULL && rop == RopWriteStreamExtended) {
		*written = resp->Body.WriteStreamExtended.WrittenSize;
	} else if (resp != NULL) {
		*written = resp->Body.WriteAndCommitStream.WrittenSize;
	}
	return rv;
}

enum MAPISTATUS mapi_stream_write(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint32_t stream,
				  const uint8_t *data, uint16_t length,
				  uint16_t *written)
{
	uint32_t n;
	enum MAPISTATUS rv = write_rop(logon, mem_ctx, stream,
				       RopWriteStream, data, length, &n);

	*written = (uint16_t)n;
	return rv;
}

enum MAPISTATUS mapi_stream_write_extended(struct mapi_logon *logon,
					   TALLOC_CTX *mem_ctx,
					   uint32_t stream,
					   const uint8_t *data,
					   uint16_t length,
					   uint32_t *written)
{
	return write_rop(logon, mem_ctx, stream, RopWriteStreamExtended,
			 data, length, written);
}

enum MAPISTATUS mapi_stream_write_all(struct mapi_logon *logon,
				      uint32_t stream, const uint8_t *data,
				      size_t length)
{
	TALLOC_CTX *tmp;
	size_t done = 0, n;
	uint16_t written = 0;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	while (rv == MAPI_E_SUCCESS && done < length) {
		n = length - done < MAPI_STREAM_WRITE_CHUNK ?
		    length - done : MAPI_STREAM_WRITE_CHUNK;
		tmp = talloc_new(NULL);
		if (tmp == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		rv = mapi_stream_write(logon, tmp, stream, data + done, n,
				       &written);
		talloc_free(tmp);
		if (rv == MAPI_E_SUCCESS && written != n) {
			rv = MAPI_E_CALL_FAILED;
		}
		done += written;
	}
	return rv;
}

enum MAPISTATUS mapi_stream_write_and_commit(struct mapi_logon *logon,
					     TALLOC_CTX *mem_ctx,
					     uint32_t stream,
					     const uint8_t *data,
					     uint16_t length,
					     uint16_t *written)
{
	uint32_t n;
	enum MAPISTATUS rv = write_rop(logon, mem_ctx, stream,
				       RopWriteAndCommitStream, data, length,
				       &n);

	*written = (uint16_t)n;
	return rv;
}

enum MAPISTATUS mapi_stream_commit(struct mapi_logon *logon,
				   uint32_t stream)
{
	struct RopRequest req = { .RopId = RopCommitStream };
	struct RopResponse *resp;
	TALLOC_CTX *tmp;
	enum MAPISTATUS rv = stream_rop(logon, stream, &req, &tmp, &resp);

	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mapi_stream_seek(struct mapi_logon *logon, uint32_t stream,
				 uint8_t origin, int64_t offset,
				 uint64_t *position)
{
	struct RopRequest req = { .RopId = RopSeekStream };
	struct RopResponse *resp;
	TALLOC_CTX *tmp;
	enum MAPISTATUS rv;

	req.Body.SeekStream.Origin = origin;
	req.Body.SeekStream.Offset = (uint64_t)offset;
	rv = stream_rop(logon, stream, &req, &tmp, &resp);
	if (rv == MAPI_E_SUCCESS && position != NULL) {
		*position = resp->Body.SeekStream.Data.Success.NewPosition;
	}
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mapi_stream_get_size(struct mapi_logon *logon,
				     uint32_t stream, uint32_t *size)
{
	struct RopRequest req = { .RopId = RopGetStreamSize };
	struct RopResponse *resp;
	TALLOC_CTX *tmp;
	enum MAPISTATUS rv = stream_rop(logon, stream, &req, &tmp, &resp);

	if (rv == MAPI_E_SUCCESS) {
		*size = resp->Body.GetStreamSize.Data.Success.StreamSize;
	}
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mapi_stream_set_size(struct mapi_logon *logon,
				     uint32_t stream, uint64_t size)
{
	struct RopRequest req = { .RopId = RopSetStreamSize };
	struct RopResponse *resp;
	TALLOC_CTX *tmp;
	enum MAPISTATUS rv;

	req.Body.SetStreamSize.StreamSize = size;
	rv = stream_rop(logon, stream, &req, &tmp, &resp);
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mapi_stream_copy_to(struct mapi_logon *logon, uint32_t src,
				    uint32_t dst, uint64_t count,
				    uint64_t *read, uint64_t *written)
{
	struct RopRequest req = { .RopId = RopCopyToStream };
	const union RopCopyToStream_resp_data *d;
	struct RopResponse *resp;
	TALLOC_CTX *tmp = talloc_new(NULL);
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	req.Body.CopyToStream.DestHandleIndex = 1;
	req.Body.CopyToStream.ByteCount = count;
	rv = mapi_logon_rop_pair(logon, tmp, src, dst, &req, &resp);
	if (resp != NULL && rv != ecDstNullObject) {
		d = &resp->Body.CopyToStream.Data;
		if (read != NULL) {
			*read = d->Counts.ReadByteCount;
		}
		if (written != NULL) {
			*written = d->Counts.WrittenByteCount;
		}
	}
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mapi_stream_clone(struct mapi_logon *logon, uint32_t stream,
				  uint32_t *clone)
{
	struct RopRequest req = { .RopId = RopCloneStream };
	struct RopResponse *resp;
	TALLOC_CTX *tmp = talloc_new(NULL);
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	req.Body.CloneStream.OutputHandleIndex = 1;
	rv = mapi_logon_rop(logon, tmp, stream, &req, &resp, clone);
	talloc_free(tmp);
	return rv;
}

static enum MAPISTATUS lock_rop(struct mapi_logon *logon, uint32_t stream,
				bool lock, uint64_t offset, uint64_t size,
				uint32_t flags)
{
	struct RopRequest req = {
		.RopId = lock ? RopLockRegionStream : RopUnlockRegionStream
	};
	struct RopResponse *resp;
	TALLOC_CTX *tmp;
	enum MAPISTATUS rv;

	/* the two requests have the same layout (MS-OXCROPS 2.2.9.10,
	 * 2.2.9.11) */
	if (lock) {
		req.Body.LockRegionStream.RegionOffset = offset;
		req.Body.LockRegionStream.RegionSize = size;
		req.Body.LockRegionStream.LockFlags = flags;
	} else {
		req.Body.UnlockRegionStream.RegionOffset = offset;
		req.Body.UnlockRegionStream.RegionSize = size;
		req.Body.UnlockRegionStream.LockFlags = flags;
	}
	rv = stream_rop(logon, stream, &req, &tmp, &resp);
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mapi_stream_lock(struct mapi_logon *logon, uint32_t stream,
				 uint64_t offset, uint64_t size,
				 uint32_t flags)
{
	return lock_rop(logon, stream, true, offset, size, flags);
}

enum MAPISTATUS mapi_stream_unlock(struct mapi_logon *logon, uint32_t stream,
				   uint64_t offset, uint64_t size,
				   uint32_t flags)
{
	return lock_rop(logon, stream, false, offset, size, flags);
}

enum MAPISTATUS mapi_stream_read_property(struct mapi_logon *logon,
					  TALLOC_CTX *mem_ctx,
					  uint32_t object, uint32_t tag,
					  DATA_BLOB *value)
{
	uint32_t stream = 0;
	enum MAPISTATUS rv, closing;

	rv = mapi_stream_open(logon, mem_ctx, object, tag,
			      OpenStream_ReadOnly, &stream, NULL);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	rv = mapi_stream_read_all(logon, mem_ctx, stream, value);
	closing = mapi_object_release(logon, stream);
	return rv != MAPI_E_SUCCESS ? rv : closing;
}

enum MAPISTATUS mapi_stream_write_property(struct mapi_logon *logon,
					   uint32_t object, uint32_t tag,
					   const uint8_t *data, size_t length)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	uint32_t stream = 0;
	enum MAPISTATUS rv, closing;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mapi_stream_open(logon, tmp, object, tag, OpenStream_Create,
			      &stream, NULL);
	talloc_free(tmp);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	rv = mapi_stream_write_all(logon, stream, data, length);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_stream_commit(logon, stream);
	}
	closing = mapi_object_release(logon, stream);
	return rv != MAPI_E_SUCCESS ? rv : closing;
}
