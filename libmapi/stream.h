/**
 * @file stream.h
 * @brief libmapi: property streams (MS-OXCPRPT 2.2.14 - 2.2.26,
 * MS-OXCROPS 2.2.9).
 *
 * A stream is a Server object opened on one property of a folder, message
 * or attachment (mapi_stream_open()); the other calls take its handle.
 * Each call sends one ROP and returns its ReturnValue, or the transport
 * error; mapi_object_release() (folder.h) closes a stream.  A PtypString
 * stream carries UTF-16LE, a PtypString8 stream the session's code page.
 */
#ifndef MAPI_STREAM_H
#define MAPI_STREAM_H

#include "logon.h"

/** @brief Bytes one RopWriteStream carries here: what fits a ROP input
 *  buffer of 32 KB with room to spare. */
#define MAPI_STREAM_WRITE_CHUNK 0x7000

/** @brief What mapi_stream_read_all() asks each RopReadStream for: as
 *  much as the response buffer takes (MaximumByteCount may not exceed
 *  0x80000000, MS-OXCROPS 2.2.9.2.1). */
#define MAPI_STREAM_READ_MAX 0x80000000U

/**
 * @brief RopOpenStream on property @a tag of the object @a object.
 * @param logon		the logon the object belongs to
 * @param mem_ctx	context for the call
 * @param object	handle of a folder, message or attachment
 * @param tag		the property (PtypBinary, PtypObject, PtypString8
 *			or PtypString)
 * @param mode		OpenModeFlags: OpenStream_ReadOnly,
 *			OpenStream_ReadWrite, OpenStream_Create or
 *			OpenStream_BestAccess
 * @param[out] stream	the stream's handle
 * @param[out] size	StreamSize (may be NULL)
 */
enum MAPISTATUS mapi_stream_open(struct mapi_logon *logon,
				 TALLOC_CTX *mem_ctx, uint32_t object,
				 uint32_t tag, uint8_t mode,
				 uint32_t *stream, uint32_t *size);

/**
 * @brief One RopReadStream of up to @a max bytes (above 0xFFFF: the
 * MaximumByteCount form, ByteCount 0xBABE).
 * @param logon		the logon the stream belongs to
 * @param mem_ctx	context of @a data
 * @param stream	the stream's handle
 * @param max		most bytes wanted
 * @param[out] data	the bytes read, on @a mem_ctx
 * @param[out] got	how many (0 at the end of the stream)
 */
enum MAPISTATUS mapi_stream_read(struct mapi_logon *logon,
				 TALLOC_CTX *mem_ctx, uint32_t stream,
				 uint32_t max, uint8_t **data, uint16_t *got);

/**
 * @brief Read from the seek pointer to the end of the stream, one
 * RopReadStream after the other.
 * @param logon		the logon the stream belongs to
 * @param mem_ctx	context of @a out
 * @param stream	the stream's handle
 * @param[out] out	the bytes, on @a mem_ctx
 */
enum MAPISTATUS mapi_stream_read_all(struct mapi_logon *logon,
				     TALLOC_CTX *mem_ctx, uint32_t stream,
				     DATA_BLOB *out);

/**
 * @brief One RopWriteStream at the seek pointer.
 * @param logon		the logon the stream belongs to
 * @param mem_ctx	context for the call
 * @param stream	the stream's handle
 * @param data		the bytes
 * @param length	how many
 * @param[out] written	WrittenSize (also on failure)
 */
enum MAPISTATUS mapi_stream_write(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint32_t stream,
				  const uint8_t *data, uint16_t length,
				  uint16_t *written);

/**
 * @brief One RopWriteStreamExtended (a 4-byte WrittenSize).
 * @param logon		the logon the stream belongs to
 * @param mem_ctx	context for the call
 * @param stream	the stream's handle
 * @param data		the bytes
 * @param length	how many
 * @param[out] written	WrittenSize (also on failure)
 */
enum MAPISTATUS mapi_stream_write_extended(struct mapi_logon *logon,
					   TALLOC_CTX *mem_ctx,
					   uint32_t stream,
					   const uint8_t *data,
					   uint16_t length,
					   uint32_t *written);

/**
 * @brief Write @a length bytes at the seek pointer in
 * MAPI_STREAM_WRITE_CHUNK pieces, one RopWriteStream each.
 * @param logon		the logon the stream belongs to
 * @param stream	the stream's handle
 * @param data		the bytes
 * @param length	how many
 * @return the first failure, MAPI_E_CALL_FAILED if the server wrote less
 *	   than asked without one
 */
enum MAPISTATUS mapi_stream_write_all(struct mapi_logon *logon,
				      uint32_t stream, const uint8_t *data,
				      size_t length);

/**
 * @brief RopWriteAndCommitStream (not on a folder's stream).
 * @param logon		the logon the stream belongs to
 * @param mem_ctx	context for the call
 * @param stream	the stream's handle
 * @param data		the bytes
 * @param length	how many
 * @param[out] written	WrittenSize (also on failure)
 */
enum MAPISTATUS mapi_stream_write_and_commit(struct mapi_logon *logon,
					     TALLOC_CTX *mem_ctx,
					     uint32_t stream,
					     const uint8_t *data,
					     uint16_t length,
					     uint16_t *written);

/**
 * @brief RopCommitStream.
 * @param logon		the logon the stream belongs to
 * @param stream	the stream's handle
 */
enum MAPISTATUS mapi_stream_commit(struct mapi_logon *logon,
				   uint32_t stream);

/**
 * @brief RopSeekStream.
 * @param logon		the logon the stream belongs to
 * @param stream	the stream's handle
 * @param origin	StreamSeek_Beginning, StreamSeek_Current or
 *			StreamSeek_End
 * @param offset	from the origin, may be negative
 * @param[out] position	NewPosition (may be NULL)
 */
enum MAPISTATUS mapi_stream_seek(struct mapi_logon *logon, uint32_t stream,
				 uint8_t origin, int64_t offset,
				 uint64_t *position);

/**
 * @brief RopGetStreamSize.
 * @param logon		the logon the stream belongs to
 * @param stream	the stream's handle
 * @param[out] size	StreamSize
 */
enum MAPISTATUS mapi_stream_get_size(struct mapi_logon *logon,
				     uint32_t stream, uint32_t *size);

/**
 * @brief RopSetStreamSize.
 * @param logon		the logon the stream belongs to
 * @param stream	the stream's handle
 * @param size		the new size (new bytes are zeros)
 */
enum MAPISTATUS mapi_stream_set_size(struct mapi_logon *logon,
				     uint32_t stream, uint64_t size);

/**
 * @brief RopCopyToStream of @a count bytes from stream @a src to stream
 * @a dst (each from its seek pointer).
 * @param logon		the logon the streams belong to
 * @param src		the source stream's handle
 * @param dst		the destination stream's handle
 * @param count		bytes to copy
 * @param[out] read	ReadByteCount (may be NULL)
 * @param[out] written	WrittenByteCount (may be NULL)
 */
enum MAPISTATUS mapi_stream_copy_to(struct mapi_logon *logon, uint32_t src,
				    uint32_t dst, uint64_t count,
				    uint64_t *read, uint64_t *written);

/**
 * @brief RopCloneStream: a stream on the same bytes, at the same seek
 * pointer.
 * @param logon		the logon the stream belongs to
 * @param stream	the stream's handle
 * @param[out] clone	the new stream's handle
 */
enum MAPISTATUS mapi_stream_clone(struct mapi_logon *logon, uint32_t stream,
				  uint32_t *clone);

/**
 * @brief RopLockRegionStream.
 * @param logon		the logon the stream belongs to
 * @param stream	the stream's handle
 * @param offset	RegionOffset
 * @param size		RegionSize
 * @param flags		LockFlags (StreamLock_Exclusive or 0)
 */
enum MAPISTATUS mapi_stream_lock(struct mapi_logon *logon, uint32_t stream,
				 uint64_t offset, uint64_t size,
				 uint32_t flags);

/**
 * @brief RopUnlockRegionStream.
 * @param logon		the logon the stream belongs to
 * @param stream	the stream's handle
 * @param offset	RegionOffset
 * @param size		RegionSize
 * @param flags		LockFlags, as when locking
 */
enum MAPISTATUS mapi_stream_unlock(struct mapi_logon *logon, uint32_t stream,
				   uint64_t offset, uint64_t size,
				   uint32_t flags);

/**
 * @brief A whole property read through a stream (opened read-only, read to
 * the end, released): for values too large for RopGetPropertiesSpecific.
 * @param logon		the logon the object belongs to
 * @param mem_ctx	context of @a value
 * @param object	handle of a folder, message or attachment
 * @param tag		the property
 * @param[out] value	the stream's bytes, on @a mem_ctx
 */
enum MAPISTATUS mapi_stream_read_property(struct mapi_logon *logon,
					  TALLOC_CTX *mem_ctx,
					  uint32_t object, uint32_t tag,
					  DATA_BLOB *value);

/**
 * @brief A whole property written through a stream: opened with Create,
 * written, committed and released.  A message's value is then stored by
 * RopSaveChangesMessage, a folder's already is.
 * @param logon		the logon the object belongs to
 * @param object	handle of a folder, message or attachment
 * @param tag		the property
 * @param data		the value's bytes in the stream's form
 * @param length	how many
 */
enum MAPISTATUS mapi_stream_write_property(struct mapi_logon *logon,
					   uint32_t object, uint32_t tag,
					   const uint8_t *data, size_t length);

#endif /* MAPI_STREAM_H */
