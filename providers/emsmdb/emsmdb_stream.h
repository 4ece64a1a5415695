/*
 * Stream objects (MS-OXCPRPT 1.3.3, 3.2.5.11 - 3.2.5.24): one property of
 * a folder, message or attachment opened as bytes, with a seek pointer.
 *
 * The bytes are shared by a stream and its clones.  They are held in
 * memory while small and in a staged large value of the store
 * (store/store_lob.h) beyond MSTORE_LARGE_THRESHOLD, so a value of many
 * megabytes is never held whole in memory.  A value kept out of line is
 * read in place; the first write makes a copy.
 *
 * A message's or an attachment's stream sets what it writes in the object
 * at once; the object's save stores it.  A folder's stream stores its
 * value at RopCommitStream or when its last Stream object is released
 * (MS-OXCPRPT 3.2.5.13).
 */
#ifndef EMSMDB_STREAM_H
#define EMSMDB_STREAM_H

#include "emsmdb_rop.h"

/** Largest stream: 2^31 bytes (MS-OXCPRPT 2.2.19.2, 3.2.5.18). */
#define EMSMDB_STREAM_MAX 0x80000000ULL

/** The bytes and state shared by a stream and its clones. */
struct emsmdb_stream_data;

/** A Stream object's data (emsmdb_object.data). */
struct emsmdb_stream {
	struct emsmdb_stream_data *data;	/**< shared with clones */
	uint64_t position;			/**< the seek pointer */
};

/**
 * @brief RopOpenStream: a stream on property @a tag of @a owner, opened
 * with OpenModeFlags @a mode (MS-OXCPRPT 2.2.14.1, 3.2.5.11), on
 * @a mem_ctx.
 * @return MAPI_E_NO_SUPPORT for an object or type without streams, or a
 *	   write mode on a public folder; MAPI_E_NOT_FOUND for a property
 *	   that is not set (without Create); MAPI_E_NO_ACCESS for a write
 *	   mode on a read-only object; MAPI_E_INVALID_PARAMETER for unknown
 *	   flags
 */
enum MAPISTATUS emsmdb_stream_open(TALLOC_CTX *mem_ctx,
				   struct emsmdb_rop_call *call,
				   struct emsmdb_object *owner, uint32_t tag,
				   uint8_t mode, struct emsmdb_stream **out);

/** @brief RopCloneStream: a stream on the same bytes, at the same
 *  position (MS-OXCPRPT 3.2.5.24). */
struct emsmdb_stream *emsmdb_stream_clone(TALLOC_CTX *mem_ctx,
					  const struct emsmdb_stream *s);

/** @brief The stream of a Stream object. */
struct emsmdb_stream *emsmdb_stream_of(struct emsmdb_object *object);

/** @brief Current size in bytes. */
uint64_t emsmdb_stream_size(const struct emsmdb_stream *s);

/** @brief Whether the stream was opened for writing. */
bool emsmdb_stream_writable(const struct emsmdb_stream *s);

/** @brief Whether it is a folder's (stored at commit and release). */
bool emsmdb_stream_direct(const struct emsmdb_stream *s);

/**
 * @brief Read up to @a want bytes at the seek pointer, which moves past
 * them (MS-OXCPRPT 3.2.5.12).
 */
enum MAPISTATUS emsmdb_stream_read(struct emsmdb_stream *s, uint8_t *buf,
				   size_t want, size_t *got);

/**
 * @brief Write at the seek pointer, which moves past what was written
 * (MS-OXCPRPT 3.2.5.13); what would go beyond EMSMDB_STREAM_MAX is not
 * written (MAPI_E_TOO_BIG, @a written says how much was).
 * @return STG_E_ACCESSDENIED on a stream not opened for writing
 */
enum MAPISTATUS emsmdb_stream_write(struct emsmdb_stream *s,
				    const uint8_t *data, size_t length,
				    size_t *written);

/**
 * @brief Set the size; new bytes are zeros (MS-OXCPRPT 3.2.5.17).
 * @return STG_E_ACCESSDENIED on a read-only stream; STG_E_MEDIUMFULL
 *	   beyond EMSMDB_STREAM_MAX
 */
enum MAPISTATUS emsmdb_stream_set_size(struct emsmdb_stream *s,
				       uint64_t size);

/**
 * @brief Set the stream's bytes as the property's value (MS-OXCPRPT
 * 3.2.5.15): in the message or attachment, or stored for a folder.
 */
enum MAPISTATUS emsmdb_stream_commit(struct emsmdb_stream *s);

/**
 * @brief RopLockRegionStream (MS-OXCPRPT 3.2.5.21).
 * @return MAPI_E_NO_ACCESS (AccessDenied) when a lock on an overlapping
 *	   region exists
 */
enum MAPISTATUS emsmdb_stream_lock(struct emsmdb_stream *s, uint64_t offset,
				   uint64_t size, uint32_t flags);

/** @brief RopUnlockRegionStream: remove the locks on regions overlapping
 *  the one given (MS-OXCPRPT 3.2.5.22). */
void emsmdb_stream_unlock(struct emsmdb_stream *s, uint64_t offset,
			  uint64_t size, uint32_t flags);

#endif /* EMSMDB_STREAM_H */
