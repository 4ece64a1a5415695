/*
 * Attachment ROPs (MS-OXCMSG 3.2.5.12-3.2.5.17, 2.2.3.18; MS-OXCROPS
 * 2.2.6.12-2.2.6.18): attachment objects are copies of an attachment of
 * their message object, saved into it by RopSaveChangesAttachment and
 * stored with the message by RopSaveChangesMessage; an embedded message
 * is a message object saved into its attachment object.
 */
#include "emsmdb_rop_message.h"
#include "emsmdb_rop_handlers.h"
#include "emsmdb_table.h"

#include <util/debug.h>

/* MS-OXCMSG 2.2.3.17.1 TableFlags: Standard, Unicode */
#define ATTACHMENT_TABLE_FLAGS	EMSMDB_TABLE_USE_UNICODE

/* RopId, OutputHandleIndex, ReturnValue, Reserved and MessageId of
 * RopOpenEmbeddedMessage */
#define EMBEDDED_FIXED 15

/* SaveFlags (MS-OXCMSG 2.2.3.3.1, 2.2.3.15.1) */
#define SAVE_KEEP_OPEN_READ_ONLY	0x01
#define SAVE_KEEP_OPEN_READ_WRITE	0x02
#define SAVE_FORCE			0x04

/* The attachment of an attachment object; ecNullObject for another
 * kind of object. */
static enum MAPISTATUS attachment_of(struct emsmdb_object *o,
				     struct emsmdb_attachment **a)
{
	if (o == NULL || o->type != EMSMDB_OBJECT_ATTACHMENT ||
	    o->data == NULL) {
		return ecNullObject;
	}
	*a = talloc_get_type_abort(o->data, struct emsmdb_attachment);
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS new_attachment_object(struct emsmdb_rop_call *call,
					     struct emsmdb_attachment *a)
{
	if (emsmdb_rop_new_object(call, call->input,
				  EMSMDB_OBJECT_ATTACHMENT, a) == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	talloc_steal(call->output, a);
	return MAPI_E_SUCCESS;
}

/*
 * MS-OXCMSG 3.2.5.12 RopOpenAttachment: ReadOnly, ReadWrite, BestAccess
 * (read/write when the message is); ReadWrite on a message opened
 * read-only is ecAccessDenied.
 */
enum MAPISTATUS emsmdb_rop_open_attachment(struct emsmdb_rop_call *call)
{
	const struct RopOpenAttachment_req *req =
		&call->request->Body.OpenAttachment;
	struct emsmdb_message *m;
	struct emsmdb_attachment *a;
	uint8_t mode = req->OpenAttachmentFlags & OpenAttachment_BestAccess;
	enum MAPISTATUS rv = emsmdb_message_of(call->input, &m);

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (mode == OpenAttachment_ReadWrite && !m->writable) {
		return MAPI_E_NO_ACCESS;
	}
	a = talloc_zero(call->mem_ctx, struct emsmdb_attachment);
	if (a == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mstore_attachment_open(a, m->msg, req->AttachmentID, &a->att);
	if (rv != MAPI_E_SUCCESS) {
		return rv;	/* ecNotFound: no such AttachmentID */
	}
	a->writable = m->writable && (mode & OpenAttachment_ReadWrite);
	return new_attachment_object(call, a);
}

/* MS-OXCMSG 3.2.5.13 RopCreateAttachment: part of the message once
 * saved by RopSaveChangesAttachment. */
enum MAPISTATUS emsmdb_rop_create_attachment(struct emsmdb_rop_call *call)
{
	struct emsmdb_message *m;
	struct emsmdb_attachment *a;
	enum MAPISTATUS rv = emsmdb_message_of(call->input, &m);

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (!m->writable) {
		return MAPI_E_NO_ACCESS;
	}
	a = talloc_zero(call->mem_ctx, struct emsmdb_attachment);
	if (a == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mstore_attachment_create(a, m->msg, &a->att);
	if (rv != MAPI_E_SUCCESS) {
		return rv;	/* ecMaxAttachmentExceeded */
	}
	a->writable = true;
	call->response->Body.CreateAttachment.Data.AttachmentID =
		mstore_attachment_num(a->att);
	return new_attachment_object(call, a);
}

/* MS-OXCMSG 3.2.5.15 RopDeleteAttachment: gone from the message on this
 * handle (PidTagHasAttachments follows), from the store at its save. */
enum MAPISTATUS emsmdb_rop_delete_attachment(struct emsmdb_rop_call *call)
{
	struct emsmdb_message *m;
	enum MAPISTATUS rv = emsmdb_message_of(call->input, &m);

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (!m->writable) {
		return MAPI_E_NO_ACCESS;
	}
	return mstore_message_delete_attachment(
		m->msg, call->request->Body.DeleteAttachment.AttachmentID);
}

/*
 * MS-OXCMSG 3.2.5.14 RopSaveChangesAttachment: into the message object
 * (stored by its RopSaveChangesMessage).  On anything but an attachment
 * object, or SaveFlags with both KeepOpen bits: ecNotSupported.  An
 * attachment opened read-only cannot be saved (ecError, as a message).
 */
enum MAPISTATUS emsmdb_rop_save_changes_attachment(
	struct emsmdb_rop_call *call)
{
	uint8_t flags = call->request->Body.SaveChangesAttachment.SaveFlags;
	uint8_t keep = flags & (SAVE_KEEP_OPEN_READ_ONLY |
				SAVE_KEEP_OPEN_READ_WRITE);
	struct emsmdb_attachment *a;
	enum MAPISTATUS rv;

	if (attachment_of(call->input, &a) != MAPI_E_SUCCESS ||
	    keep == (SAVE_KEEP_OPEN_READ_ONLY | SAVE_KEEP_OPEN_READ_WRITE)) {
		return MAPI_E_NO_SUPPORT;
	}
	if (!a->writable) {
		return MAPI_E_CALL_FAILED;
	}
	rv = mstore_attachment_save(a->att);
	if (rv == MAPI_E_SUCCESS && keep == SAVE_KEEP_OPEN_READ_ONLY &&
	    !(flags & SAVE_FORCE)) {
		a->writable = false;
	}
	return rv;
}

/* MS-OXCMSG 3.2.5.17 RopGetAttachmentTable: a table of the attachments
 * of the message object. */
enum MAPISTATUS emsmdb_rop_get_attachment_table(struct emsmdb_rop_call *call)
{
	uint8_t flags = call->request->Body.GetAttachmentTable.TableFlags;
	struct emsmdb_session *s = call->env->session;
	struct emsmdb_message *m;
	struct emsmdb_table *t;
	enum MAPISTATUS rv = emsmdb_message_of(call->input, &m);

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (flags & ~ATTACHMENT_TABLE_FLAGS) {
		return MAPI_E_INVALID_PARAMETER;
	}
	t = emsmdb_table_new(call->mem_ctx, emsmdb_store_of(call->input),
			     EMSMDB_TABLE_ATTACHMENTS, m->fid, flags,
			     s != NULL && s->code_page != 0 ? s->code_page :
							      1252,
			     emsmdb_table_collator(call));
	if (t == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	t->message = m->msg;
	if (emsmdb_rop_new_object(call, call->input, EMSMDB_OBJECT_TABLE,
				  t) == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	talloc_steal(call->output, t);
	return MAPI_E_SUCCESS;
}

/* MS-OXCMSG 2.2.3.18 RopGetValidAttachments: the numbers of the
 * attachments saved into the message. */
enum MAPISTATUS emsmdb_rop_get_valid_attachments(struct emsmdb_rop_call *call)
{
	struct RopGetValidAttachments_Success *ok =
		&call->response->Body.GetValidAttachments.Data.Success;
	struct emsmdb_message *m;
	uint32_t n = 0;
	enum MAPISTATUS rv = emsmdb_message_of(call->input, &m);

	if (rv == MAPI_E_SUCCESS) {
		rv = mstore_message_attachment_nums(call->mem_ctx, m->msg,
						    &ok->AttachmentIdArray,
						    &n);
	}
	if (rv == MAPI_E_SUCCESS) {
		/* AttachmentIdCount: 16 bits (at most 0x4000 in a buffer) */
		ok->AttachmentIdCount = n > 0x4000 ? 0x4000 : n;
	}
	return rv;
}

/*
 * MS-OXCMSG 3.2.5.16 RopOpenEmbeddedMessage: the message embedded in the
 * attachment (Create: a new one when there is none), as a message object
 * whose RopSaveChangesMessage puts it into the attachment object.
 * ReadOnly opens it read-only (as Exchange 2007); ReadWrite and Create
 * need a writable attachment (ecAccessDenied).
 */
enum MAPISTATUS emsmdb_rop_open_embedded_message(struct emsmdb_rop_call *call)
{
	const struct RopOpenEmbeddedMessage_req *req =
		&call->request->Body.OpenEmbeddedMessage;
	struct RopOpenEmbeddedMessage_Success *ok =
		&call->response->Body.OpenEmbeddedMessage.Data.Success;
	bool create = (req->OpenModeFlags & OpenEmbedded_Create) != 0;
	bool write = create ||
		     (req->OpenModeFlags & OpenEmbedded_ReadWrite) != 0;
	struct emsmdb_attachment *a;
	struct emsmdb_message *m, *parent;
	enum MAPISTATUS rv = attachment_of(call->input, &a);

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (write && !a->writable) {
		return MAPI_E_NO_ACCESS;
	}
	m = talloc_zero(call->mem_ctx, struct emsmdb_message);
	if (m == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = emsmdb_message_code_page_of(req->CodePageId, &m->code_page);
	if (rv == MAPI_E_SUCCESS) {
		rv = mstore_attachment_embedded(m, a->att, create, &m->msg);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	parent = talloc_get_type_abort(call->input->parent->data,
				       struct emsmdb_message);
	m->fid = parent->fid;
	m->mid = mstore_message_mid(m->msg);
	m->writable = write;
	m->embedded = true;
	ok->MessageId = m->mid;
	rv = emsmdb_message_header(call, m, EMBEDDED_FIXED,
				   &ok->HasNamedProperties,
				   &ok->SubjectPrefix, &ok->NormalizedSubject,
				   &ok->RecipientCount, &ok->ColumnCount,
				   &ok->RecipientColumns, &ok->RowCount,
				   &ok->RecipientRows);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	return emsmdb_message_new_object(call, call->input, m);
}
