/*
 * The properties of a Server object (MS-OXCPRPT 1.3): a logon's are the
 * store's (read-only), a folder's live in the store, a message's in the
 * message being edited until RopSaveChangesMessage.
 */
#include "emsmdb.h"
#include "emsmdb_logon.h"
#include "emsmdb_rop_objprops.h"
#include "emsmdb_rop_storeprops.h"

#include <util/debug.h>

static struct emsmdb_folder *folder_of(struct emsmdb_object *o)
{
	return talloc_get_type(o->data, struct emsmdb_folder);
}

static struct emsmdb_message *message_of(struct emsmdb_object *o)
{
	return talloc_get_type(o->data, struct emsmdb_message);
}

enum MAPISTATUS emsmdb_objprops_all(TALLOC_CTX *mem_ctx,
				    struct emsmdb_rop_call *call,
				    struct emsmdb_object *object,
				    struct mstore_value **values,
				    uint32_t *count)
{
	struct mstore *store = emsmdb_store_of(object);

	if (store == NULL) {
		return ecNullObject;
	}
	switch (object->type) {
	case EMSMDB_OBJECT_LOGON:
		return emsmdb_storeprops_all(mem_ctx, call,
					     emsmdb_logon_of(object),
					     values, count);
	case EMSMDB_OBJECT_FOLDER:
		return mstore_folder_get_all_props(mem_ctx, store,
						   folder_of(object)->fid,
						   values, count);
	case EMSMDB_OBJECT_MESSAGE:
		return mstore_message_get_all_props(mem_ctx,
						    message_of(object)->msg,
						    values, count);
	default:
		return MAPI_E_NO_SUPPORT;
	}
}

const struct mstore_value *emsmdb_objprops_find(
	const struct mstore_value *values, uint32_t count, uint32_t tag)
{
	uint32_t i;

	for (i = 0; i < count; i++) {
		if (MSTORE_PROP_ID(values[i].tag) == MSTORE_PROP_ID(tag) &&
		    MSTORE_PROP_TYPE(values[i].tag) != PT_ERROR) {
			return &values[i];
		}
	}
	return NULL;
}

static enum MAPISTATUS set_one(struct emsmdb_object *object,
			       struct mstore *store,
			       const struct mstore_value *v)
{
	switch (object->type) {
	case EMSMDB_OBJECT_FOLDER:
		return mstore_folder_set_props(store, folder_of(object)->fid,
					       v, 1);
	case EMSMDB_OBJECT_MESSAGE:
		return mstore_message_set_props(message_of(object)->msg, v,
						1);
	default:
		/* the store's own properties are computed */
		return MAPI_E_NO_ACCESS;
	}
}

static enum MAPISTATUS delete_one(struct emsmdb_object *object,
				  struct mstore *store, uint32_t tag)
{
	switch (object->type) {
	case EMSMDB_OBJECT_FOLDER:
		return mstore_folder_delete_props(store,
						  folder_of(object)->fid,
						  &tag, 1);
	case EMSMDB_OBJECT_MESSAGE:
		return mstore_message_delete_props(message_of(object)->msg,
						   &tag, 1);
	default:
		return MAPI_E_NO_ACCESS;
	}
}

/* MS-OXCMSG 3.2.5.2: a message opened read-only takes no changes. */
static enum MAPISTATUS check_writable(struct emsmdb_object *object)
{
	if (object->type == EMSMDB_OBJECT_MESSAGE &&
	    !message_of(object)->writable) {
		return MAPI_E_NO_ACCESS;
	}
	if (object->type != EMSMDB_OBJECT_LOGON &&
	    object->type != EMSMDB_OBJECT_FOLDER &&
	    object->type != EMSMDB_OBJECT_MESSAGE) {
		return MAPI_E_NO_SUPPORT;
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsmdb_objprops_set(struct emsmdb_rop_call *call,
				    struct emsmdb_object *object,
				    const struct mstore_value *values,
				    uint32_t count, enum MAPISTATUS *status)
{
	struct mstore *store = emsmdb_store_of(object);
	enum MAPISTATUS rv = check_writable(object);
	uint32_t i;

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	for (i = 0; i < count; i++) {
		status[i] = set_one(object, store, &values[i]);
		if (status[i] != MAPI_E_SUCCESS) {
			DBG_INFO("property 0x%08x not set: 0x%08x\n",
				 values[i].tag, status[i]);
		}
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsmdb_objprops_delete(struct emsmdb_rop_call *call,
				       struct emsmdb_object *object,
				       const uint32_t *tags, uint32_t count,
				       enum MAPISTATUS *status)
{
	struct mstore *store = emsmdb_store_of(object);
	enum MAPISTATUS rv = check_writable(object);
	uint32_t i;

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	for (i = 0; i < count; i++) {
		status[i] = delete_one(object, store, tags[i]);
	}
	return MAPI_E_SUCCESS;
}
