/*
 * sambamapi message store: large values kept out of line, read and written
 * in chunks.
 *
 * A value longer than MSTORE_LARGE_THRESHOLD is kept in a file of its own
 * in the mailbox's value directory, next to the database (mbx-NAME.lob/ by
 * mbx-NAME.ldb), and its record holds a reference.  Loading an object does
 * not read such a value: the object holds an MSTORE_PT_LARGE reference
 * (store_value.h) and an open descriptor, and the value is read with
 * mstore_lob_open() and mstore_lob_read() as far as the reader wants.
 *
 * New values are written into an unnamed file (a "staged" value) that is
 * given its name inside the transaction that saves its object, after it
 * was flushed to disk: a crash leaves no half value behind, and a saved
 * value is on disk before its record is committed.  A file no record
 * refers to is removed when the store is opened, and after the
 * transaction that stopped referring to it.  A saved value never changes:
 * writing to it needs a copy (mstore_lob_clone()).
 *
 * The bytes of a value are its stream form (MS-OXCPRPT 2.2.14): a
 * binary's bytes; for PT_UNICODE the UTF-16LE code units and for
 * PT_STRING8 the bytes of the string, each with a terminating null
 * character when the store built them from a value.
 */
#ifndef SMAPI_STORE_LOB_H
#define SMAPI_STORE_LOB_H

#include "store/store.h"

/** A handle on one large value (talloc object; freeing it lets go). */
struct mstore_lob;

/**
 * @brief A new, empty, writable large value (a staged one: nothing is on
 * disk under a name until an object referring to it is saved).
 */
enum MAPISTATUS mstore_lob_create(TALLOC_CTX *mem_ctx, struct mstore *store,
				  struct mstore_lob **lob);

/**
 * @brief The value an MSTORE_PT_LARGE reference names, for reading (and
 * writing when it is a staged one, see mstore_lob_writable()).
 * @return MAPI_E_INVALID_PARAMETER for a malformed reference;
 *	   MAPI_E_NOT_FOUND when the value no longer exists
 */
enum MAPISTATUS mstore_lob_open(TALLOC_CTX *mem_ctx, struct mstore *store,
				const struct mstore_value *large,
				struct mstore_lob **lob);

/** @brief The value's size in bytes. */
uint64_t mstore_lob_size(const struct mstore_lob *lob);

/**
 * @brief Whether the value can be changed: false once an object referring
 * to it was saved (then mstore_lob_clone() gives a writable copy).
 */
bool mstore_lob_writable(const struct mstore_lob *lob);

/**
 * @brief Read up to @a length bytes at @a offset into @a buf; fewer at
 * the end of the value (@a got 0 at or past it).
 * @return MAPI_E_SUCCESS, MAPI_E_DISK_ERROR
 */
enum MAPISTATUS mstore_lob_read(struct mstore_lob *lob, uint64_t offset,
				uint8_t *buf, size_t length, size_t *got);

/**
 * @brief Write @a length bytes at @a offset (a gap after the end reads as
 * zeros).
 * @return MAPI_E_SUCCESS; MAPI_E_NO_ACCESS for a value that is not
 *	   writable; MAPI_E_NOT_ENOUGH_DISK, MAPI_E_DISK_ERROR
 */
enum MAPISTATUS mstore_lob_write(struct mstore_lob *lob, uint64_t offset,
				 const uint8_t *data, size_t length);

/**
 * @brief Cut or extend (with zeros) the value to @a size bytes.
 * @return as mstore_lob_write()
 */
enum MAPISTATUS mstore_lob_truncate(struct mstore_lob *lob, uint64_t size);

/** @brief A writable copy of a value. */
enum MAPISTATUS mstore_lob_clone(TALLOC_CTX *mem_ctx, struct mstore_lob *src,
				 struct mstore_lob **copy);

/**
 * @brief An MSTORE_PT_LARGE reference to the value as property @a tag
 * (its type: PT_BINARY, PT_STRING8 or PT_UNICODE), with the value's
 * current size; pointers of @a value hang off @a mem_ctx.  Setting it on
 * an object makes the object refer to the value.
 */
enum MAPISTATUS mstore_lob_value(TALLOC_CTX *mem_ctx, struct mstore_lob *lob,
				 uint32_t tag, struct mstore_value *value);

/**
 * @brief A large value of the store @a src made a value of the store
 * @a dst: the reference itself when both are one handle, else a staged
 * copy in @a dst, copied in chunks.  @a out keeps the property id of
 * @a large; its pointers, and the copy, hang off @a mem_ctx until an
 * object of @a dst refers to it.
 */
enum MAPISTATUS mstore_large_transfer(TALLOC_CTX *mem_ctx, struct mstore *src,
				      const struct mstore_value *large,
				      struct mstore *dst,
				      struct mstore_value *out);

/**
 * @brief mstore_large_transfer() on every large value of @a values, in
 * place: afterwards they are values of @a dst (nothing to do when @a src
 * is @a dst).  The copies hang off @a mem_ctx.
 */
enum MAPISTATUS mstore_large_transfer_all(TALLOC_CTX *mem_ctx,
					  struct mstore *src,
					  struct mstore_value *values,
					  uint32_t count, struct mstore *dst);

/**
 * @brief The whole value an MSTORE_PT_LARGE reference names, as an
 * ordinary value of its real tag (strings without their terminating
 * null character; PT_UNICODE converted to UTF-8), on @a mem_ctx.  This
 * holds the whole value in memory: for tools and conversions, not for
 * the protocol paths, which read in chunks.
 */
enum MAPISTATUS mstore_large_load(TALLOC_CTX *mem_ctx, struct mstore *store,
				  const struct mstore_value *large,
				  struct mstore_value *value);

#endif
