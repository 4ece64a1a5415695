/*
 * The properties of a Server object, whatever its kind (logon, folder,
 * message, attachment): what the property ROPs of MS-OXCPRPT work on.
 */
#ifndef EMSMDB_ROP_OBJPROPS_H
#define EMSMDB_ROP_OBJPROPS_H

#include "emsmdb_rop.h"
#include "store/store.h"

/**
 * @brief Every property of @a object, strings as Unicode (the store's
 * form), on @a mem_ctx.
 * @return MAPI_E_NO_SUPPORT for a kind of object without properties
 */
enum MAPISTATUS emsmdb_objprops_all(TALLOC_CTX *mem_ctx,
				    struct emsmdb_rop_call *call,
				    struct emsmdb_object *object,
				    struct mstore_value **values,
				    uint32_t *count);

/**
 * @brief Set properties one by one; status[i] receives the result of
 * values[i] (a PropertyProblem when not MAPI_E_SUCCESS).
 * @return the ROP's ReturnValue: an error only when nothing could be
 *	   tried (e.g. a read-only message: MAPI_E_NO_ACCESS)
 */
enum MAPISTATUS emsmdb_objprops_set(struct emsmdb_rop_call *call,
				    struct emsmdb_object *object,
				    const struct mstore_value *values,
				    uint32_t count, enum MAPISTATUS *status);

/** @brief Delete properties one by one, like emsmdb_objprops_set(). */
enum MAPISTATUS emsmdb_objprops_delete(struct emsmdb_rop_call *call,
				       struct emsmdb_object *object,
				       const uint32_t *tags, uint32_t count,
				       enum MAPISTATUS *status);

/**
 * @brief Whether @a object takes changes: MAPI_E_SUCCESS, MAPI_E_NO_ACCESS
 * (a message opened read-only, MS-OXCMSG 3.2.5.2) or MAPI_E_NO_SUPPORT
 * (a kind of object without properties).
 */
enum MAPISTATUS emsmdb_objprops_writable(struct emsmdb_object *object);

/** How an object keeps what a stream on one of its properties writes
 *  (MS-OXCPRPT 3.2.5.13). */
enum emsmdb_stream_kind {
	EMSMDB_STREAMS_NONE,		/**< no streams on this kind */
	EMSMDB_STREAMS_DIRECT,		/**< stored at RopCommitStream or
					     RopRelease (folders) */
	EMSMDB_STREAMS_TRANSACTED	/**< set in the object at once, stored
					     when the object is saved
					     (messages, attachments) */
};

/** @brief Whether and how @a object takes streams (MS-OXCPRPT 2.2.14). */
enum emsmdb_stream_kind emsmdb_objprops_stream_kind(
	const struct emsmdb_object *object);

/**
 * @brief The stored tag with the id of @a tag (its type may differ for
 * strings, or @a tag be PT_UNSPECIFIED); NULL if none.  A value kept out
 * of line is found as its MSTORE_PT_LARGE reference.
 */
const struct mstore_value *emsmdb_objprops_find(
	const struct mstore_value *values, uint32_t count, uint32_t tag);

#endif /* EMSMDB_ROP_OBJPROPS_H */
