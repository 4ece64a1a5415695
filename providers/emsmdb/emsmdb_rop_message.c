/*
 * Message ROPs (MS-OXCMSG 3.2.5, MS-OXCROPS 2.2.6), the part the property
 * ROPs need: creating, opening and saving a message.  Recipients,
 * attachments and the read state follow with the message issue.
 */
#include "emsmdb.h"
#include "emsmdb_logon.h"
#include "emsmdb_rop_handlers.h"

#include <util/debug.h>

#define PidTagSubjectPrefix		0x003D001F
#define PidTagNormalizedSubject		0x0E1D001F

static enum MAPISTATUS new_message_object(struct emsmdb_rop_call *call,
					  struct emsmdb_message *m)
{
	if (emsmdb_rop_new_object(call, call->input, EMSMDB_OBJECT_MESSAGE,
				  m) == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	talloc_steal(call->output, m);
	return MAPI_E_SUCCESS;
}

/*
 * MS-OXCMSG 3.2.5.2 RopCreateMessage: a new message in FolderId, kept
 * in memory until saved; the response has no MessageId (it is given at
 * RopSaveChangesMessage).
 */
enum MAPISTATUS emsmdb_rop_create_message(struct emsmdb_rop_call *call)
{
	const struct RopCreateMessage_req *req =
		&call->request->Body.CreateMessage;
	struct mstore *store = emsmdb_store_of(call->input);
	struct emsmdb_message *m;
	enum MAPISTATUS rv;

	rv = mstore_folder_open(store, req->FolderId);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	m = talloc_zero(call->mem_ctx, struct emsmdb_message);
	if (m == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	m->fid = req->FolderId;
	m->writable = true;
	m->associated = req->AssociatedFlag != 0;
	rv = mstore_message_create(m, store, req->FolderId, m->associated,
				   &m->msg);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	call->response->Body.CreateMessage.Data.Success.HasMessageId = 0;
	return new_message_object(call, m);
}

static const char *string_prop(TALLOC_CTX *mem_ctx,
			       struct mstore_message *msg, uint32_t tag)
{
	struct mstore_value *v = NULL;

	if (mstore_message_get_props(mem_ctx, msg, &tag, 1, &v) !=
	    MAPI_E_SUCCESS || v[0].tag != tag) {
		return NULL;
	}
	return v[0].v.str;
}

/* MS-OXCDATA 2.11.2 TypedString: absent (0x00) or Unicode (0x04). */
static void typed_string(const char *s, struct TypedString *out)
{
	if (s == NULL || s[0] == '\0') {
		out->StringType = s == NULL ? 0x00 : 0x01;
		return;
	}
	out->StringType = 0x04;
	out->String.Unicode = s;
}

/*
 * MS-OXCMSG 3.2.5.1 RopOpenMessage: the message of MessageId in
 * FolderId; the response carries the subject parts and the recipients
 * (none are stored yet: RecipientCount and RowCount 0).  OpenModeFlags:
 * ReadOnly, ReadWrite and BestAccess (the owner may write).
 */
enum MAPISTATUS emsmdb_rop_open_message(struct emsmdb_rop_call *call)
{
	const struct RopOpenMessage_req *req =
		&call->request->Body.OpenMessage;
	struct MessageRecipientsInfo *ok =
		&call->response->Body.OpenMessage.Data.Success;
	struct mstore *store = emsmdb_store_of(call->input);
	struct emsmdb_message *m;
	enum MAPISTATUS rv;

	m = talloc_zero(call->mem_ctx, struct emsmdb_message);
	if (m == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	/* MS-OXCMSG 2.2.3.1.1: OpenSoftDeleted (0x04) reaches a soft-deleted
	 * message, and one in a soft-deleted folder */
	rv = mstore_message_open_ex(m, store, req->MessageId,
				    req->OpenModeFlags & 0x04 ?
				    MSTORE_SOFT_DELETED : 0, &m->msg);
	if (rv == MAPI_E_SUCCESS) {
		rv = mstore_folder_open_ex(store, req->FolderId,
					   req->OpenModeFlags & 0x04 ?
					   MSTORE_SOFT_DELETED : 0);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (mstore_message_fid(m->msg) != req->FolderId) {
		return MAPI_E_NOT_FOUND;
	}
	m->fid = req->FolderId;
	m->mid = req->MessageId;
	m->writable = (req->OpenModeFlags & 0x03) != OpenMessage_ReadOnly;
	ok->HasNamedProperties = 1;
	typed_string(string_prop(call->mem_ctx, m->msg, PidTagSubjectPrefix),
		     &ok->SubjectPrefix);
	typed_string(string_prop(call->mem_ctx, m->msg,
				 PidTagNormalizedSubject),
		     &ok->NormalizedSubject);
	ok->RecipientCount = 0;
	ok->ColumnCount = 0;
	ok->RowCount = 0;
	return new_message_object(call, m);
}

/*
 * MS-OXCMSG 3.2.5.3 RopSaveChangesMessage: store the message; the object
 * stays usable (KeepOpenReadOnly makes it read-only, KeepOpenReadWrite
 * and ForceSave keep it writable).  Every save of this server is a whole
 * message, so there is no conflict to force past.
 */
enum MAPISTATUS emsmdb_rop_save_changes_message(struct emsmdb_rop_call *call)
{
	const struct RopSaveChangesMessage_req *req =
		&call->request->Body.SaveChangesMessage;
	struct RopSaveChangesMessage_Success *ok =
		&call->response->Body.SaveChangesMessage.Data.Success;
	struct emsmdb_message *m = talloc_get_type_abort(
		call->input->data, struct emsmdb_message);
	enum MAPISTATUS rv;

	if (!m->writable) {
		return MAPI_E_NO_ACCESS;
	}
	rv = mstore_message_save(m->msg);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	m->mid = mstore_message_mid(m->msg);
	if ((req->SaveFlags & 0x07) == KeepOpenReadOnly) {
		m->writable = false;
	}
	ok->InputHandleIndex = req->InputHandleIndex;
	ok->MessageId = m->mid;
	return MAPI_E_SUCCESS;
}
