/*
 * The properties of a Server object (MS-OXCPRPT 1.3): a logon's are the
 * store's (read-only), a folder's live in the store, a message's in the
 * message being edited until RopSaveChangesMessage, an attachment's in
 * the attachment being edited until RopSaveChangesAttachment.  Messages
 * and attachments also show the access of their handle (PidTagAccess,
 * PidTagAccessLevel, MS-OXCPRPT 2.2.1.1-2.2.1.2), which clients cannot
 * set.
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

static struct emsmdb_attachment *attachment_of(struct emsmdb_object *o)
{
	return talloc_get_type(o->data, struct emsmdb_attachment);
}

#define PidTagAccess		0x0FF40003
#define PidTagAccessLevel	0x0FF70003
/* PidTagAccess bits (MS-OXCPRPT 2.2.1.1): Modify, Read */
#define ACCESS_MODIFY		0x00000001
#define ACCESS_READ		0x00000002

static bool handle_computed(uint32_t tag)
{
	return MSTORE_PROP_ID(tag) == MSTORE_PROP_ID(PidTagAccess) ||
	       MSTORE_PROP_ID(tag) == MSTORE_PROP_ID(PidTagAccessLevel);
}

/* The access of a message or attachment handle, replacing any stored
 * value. */
static enum MAPISTATUS add_access(TALLOC_CTX *mem_ctx, bool writable,
				  bool with_access,
				  struct mstore_value **values,
				  uint32_t *count)
{
	struct mstore_value *v;
	uint32_t n = 0, i;

	v = talloc_realloc(mem_ctx, *values, struct mstore_value,
			   *count + 2);
	if (v == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < *count; i++) {
		if (!handle_computed(v[i].tag)) {
			v[n++] = v[i];
		}
	}
	v[n].tag = PidTagAccessLevel;
	v[n++].v.i32 = writable ? 1 : 0;
	if (with_access) {
		v[n].tag = PidTagAccess;
		v[n++].v.i32 = ACCESS_READ | (writable ? ACCESS_MODIFY : 0);
	}
	*values = v;
	*count = n;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS message_props(TALLOC_CTX *mem_ctx,
				     struct emsmdb_message *m,
				     struct mstore_value **values,
				     uint32_t *count)
{
	enum MAPISTATUS rv = mstore_message_get_all_props(mem_ctx, m->msg,
							  values, count);

	if (rv == MAPI_E_SUCCESS) {
		rv = add_access(mem_ctx, m->writable, true, values, count);
	}
	return rv;
}

static enum MAPISTATUS attachment_props(TALLOC_CTX *mem_ctx,
					struct emsmdb_attachment *a,
					struct mstore_value **values,
					uint32_t *count)
{
	enum MAPISTATUS rv = mstore_attachment_get_all_props(mem_ctx, a->att,
							     values, count);

	if (rv == MAPI_E_SUCCESS) {
		rv = add_access(mem_ctx, a->writable, false, values, count);
	}
	return rv;
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
		return message_props(mem_ctx, message_of(object), values,
				     count);
	case EMSMDB_OBJECT_ATTACHMENT:
		return attachment_props(mem_ctx, attachment_of(object), values,
					count);
	default:
		return MAPI_E_NO_SUPPORT;
	}
}

const struct mstore_value *emsmdb_objprops_find(
	const struct mstore_value *values, uint32_t count, uint32_t tag)
{
	return mstore_values_find_id(values, count, MSTORE_PROP_ID(tag));
}

static enum MAPISTATUS set_one(struct emsmdb_object *object,
			       struct mstore *store,
			       const struct mstore_value *v)
{
	if (handle_computed(v->tag)) {
		return MAPI_E_COMPUTED;
	}
	switch (object->type) {
	case EMSMDB_OBJECT_FOLDER:
		return mstore_folder_set_props(store, folder_of(object)->fid,
					       v, 1);
	case EMSMDB_OBJECT_MESSAGE:
		return mstore_message_set_props(message_of(object)->msg, v,
						1);
	case EMSMDB_OBJECT_ATTACHMENT:
		return mstore_attachment_set_props(attachment_of(object)->att,
						   v, 1);
	default:
		/* the store's own properties are computed */
		return MAPI_E_NO_ACCESS;
	}
}

static enum MAPISTATUS delete_one(struct emsmdb_object *object,
				  struct mstore *store, uint32_t tag)
{
	if (handle_computed(tag)) {
		return MAPI_E_COMPUTED;
	}
	switch (object->type) {
	case EMSMDB_OBJECT_FOLDER:
		return mstore_folder_delete_props(store,
						  folder_of(object)->fid,
						  &tag, 1);
	case EMSMDB_OBJECT_MESSAGE:
		return mstore_message_delete_props(message_of(object)->msg,
						   &tag, 1);
	case EMSMDB_OBJECT_ATTACHMENT:
		return mstore_attachment_delete_props(
			attachment_of(object)->att, &tag, 1);
	default:
		return MAPI_E_NO_ACCESS;
	}
}

/* MS-OXCMSG 3.2.5.2: a message (or an attachment) opened read-only
 * takes no changes. */
enum MAPISTATUS emsmdb_objprops_writable(struct emsmdb_object *object)
{
	if (object->type == EMSMDB_OBJECT_MESSAGE &&
	    !message_of(object)->writable) {
		return MAPI_E_NO_ACCESS;
	}
	if (object->type == EMSMDB_OBJECT_ATTACHMENT &&
	    !attachment_of(object)->writable) {
		return MAPI_E_NO_ACCESS;
	}
	if (object->type != EMSMDB_OBJECT_LOGON &&
	    object->type != EMSMDB_OBJECT_FOLDER &&
	    object->type != EMSMDB_OBJECT_MESSAGE &&
	    object->type != EMSMDB_OBJECT_ATTACHMENT) {
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
	enum MAPISTATUS rv = emsmdb_objprops_writable(object);
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
	enum MAPISTATUS rv = emsmdb_objprops_writable(object);
	uint32_t i;

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	for (i = 0; i < count; i++) {
		status[i] = delete_one(object, store, tags[i]);
	}
	return MAPI_E_SUCCESS;
}

/* MS-OXCPRPT 2.2.14: streams on folders, messages and attachments; a
 * message's or attachment's stream writes into the object, saved with
 * it; a folder's is stored when committed or released (3.2.5.13). */
enum emsmdb_stream_kind emsmdb_objprops_stream_kind(
	const struct emsmdb_object *object)
{
	switch (object->type) {
	case EMSMDB_OBJECT_FOLDER:
		return EMSMDB_STREAMS_DIRECT;
	case EMSMDB_OBJECT_MESSAGE:
	case EMSMDB_OBJECT_ATTACHMENT:
		return EMSMDB_STREAMS_TRANSACTED;
	default:
		return EMSMDB_STREAMS_NONE;
	}
}
