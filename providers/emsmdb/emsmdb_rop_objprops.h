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
 * @brief The stored tag with the id of @a tag (its type may differ for
 * strings, or @a tag be PT_UNSPECIFIED); NULL if none.
 */
const struct mstore_value *emsmdb_objprops_find(
	const struct mstore_value *values, uint32_t count, uint32_t tag);

#endif /* EMSMDB_ROP_OBJPROPS_H */
