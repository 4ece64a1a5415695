/**
 * @file rop_buffer.h
 * @brief ROP input/output buffers (MS-OXCROPS 2.2.1).
 *
 * A ROP buffer is RopSize (2 bytes, counting itself), the RopsList, then
 * the ServerObjectHandleTable (4 bytes per handle) up to the end of the
 * payload.  The RopsList is a plain concatenation of ROPs without lengths:
 * requests are decoded one after the other with the generated
 * ndr_pull_RopRequest().
 */
#ifndef LIBMAPI_NDR_ROP_BUFFER_H
#define LIBMAPI_NDR_ROP_BUFFER_H

#include <stdint.h>
#include <ndr.h>

/** A ROP buffer split into its parts; @c rops points into the input. */
struct rop_buffer {
	DATA_BLOB rops;			/**< the RopsList bytes */
	uint32_t handle_count;		/**< entries in @c handles */
	uint32_t *handles;		/**< ServerObjectHandleTable */
};

/** Server object handle meaning "no object" (MS-OXCROPS 2.2.1). */
#define ROP_HANDLE_NONE 0xFFFFFFFF

/**
 * @brief Split a ROP buffer.
 *
 * Fails with NDR_ERR_BUFSIZE when RopSize is below 2 or beyond the
 * buffer, or when the handle table is not a whole number of handles.
 * @c out->rops refers to @a data; the handle table is copied onto
 * @a mem_ctx.
 */
enum ndr_err_code rop_buffer_parse(TALLOC_CTX *mem_ctx, const DATA_BLOB *data,
				   struct rop_buffer *out);

/**
 * @brief Assemble a ROP buffer from a RopsList and a handle table.
 *
 * Fails with NDR_ERR_BUFSIZE when the RopsList does not fit RopSize's
 * 16 bits.
 */
enum ndr_err_code rop_buffer_build(TALLOC_CTX *mem_ctx,
				   const struct rop_buffer *in,
				   DATA_BLOB *out);
#endif /* LIBMAPI_NDR_ROP_BUFFER_H */
