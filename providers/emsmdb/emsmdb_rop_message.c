/*
 * Message ROPs (MS-OXCMSG 3.2.5.1-3.2.5.3, 3.2.5.7; MS-OXCROPS 2.2.6):
 * creating, opening, saving a message and reloading what RopOpenMessage
 * returned.  Recipients: emsmdb_rop_recipients.c; read state and status:
 * emsmdb_rop_read_flags.c; attachments: emsmdb_rop_attachment.c.
 */
#include "emsmdb_rop_message.h"
#include "emsmdb_rop_recipient_rows.h"
#include "emsmdb_rop_handlers.h"
#include "libmapi/ndr/string8.h"

#include <string.h>
#include <sys/param.h>
#include <charset.h>
#include <util/debug.h>
#include <gen_ndr/ndr_rop_types.h>

#define PidTagImportance		0x00170003
#define PidTagMessageClass		0x001A001F
#define PidTagSensitivity		0x00360003
#define PidTagSubjectPrefix		0x003D001F
#define PidTagNormalizedSubject		0x0E1D001F
#define PidTagMessageFlags		0x0E070003
#define PidTagTrustSender		0x0E790003
#define PidTagSearchKey			0x300B0102
#define PidTagMessageLocaleId		0x3FF10003
#define PidTagCreatorName		0x3FF8001F
#define PidTagCreatorEntryId		0x3FF90102
#define PidTagLastModifierName		0x3FFA001F
#define PidTagLastModifierEntryId	0x3FFB0102
#define PidTagLocaleId			0x66A10003

/* MS-OXCMSG 2.2.3.3.1 SaveFlags */
#define SAVE_KEEP_OPEN_READ_ONLY	0x01
#define SAVE_KEEP_OPEN_READ_WRITE	0x02
#define SAVE_FORCE			0x04

/* CodePageId: the logon's code page (MS-OXCMSG 2.2.3.1.1) */
#define CODE_PAGE_LOGON			0x0FFF
/* RowCount of RopOpenMessage is one byte */
#define OPEN_ROWS_MAX			0xFF

/* ----------------------------------------------------------- helpers */

enum MAPISTATUS emsmdb_message_of(struct emsmdb_object *o,
				  struct emsmdb_message **m)
{
	if (o == NULL || o->type != EMSMDB_OBJECT_MESSAGE ||
	    o->data == NULL) {
		return ecNullObject;
	}
	*m = talloc_get_type_abort(o->data, struct emsmdb_message);
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsmdb_folder_fid_of(struct emsmdb_object *o, uint64_t *fid)
{
	struct emsmdb_folder *f;

	if (o == NULL || o->type != EMSMDB_OBJECT_FOLDER || o->data == NULL) {
		return ecNullObject;
	}
	f = talloc_get_type_abort(o->data, struct emsmdb_folder);

	*fid = f->fid;
	return MAPI_E_SUCCESS;
}

uint32_t emsmdb_message_code_page(struct emsmdb_object *object)
{
	for (; object != NULL; object = object->parent) {
		if (object->type == EMSMDB_OBJECT_MESSAGE &&
		    object->data != NULL) {
			struct emsmdb_message *m = object->data;

			if (m->code_page != 0) {
				return m->code_page;
			}
		}
	}
	return 0;
}

enum MAPISTATUS emsmdb_message_code_page_of(uint16_t code_page_id,
					    uint32_t *code_page)
{
	if (code_page_id == CODE_PAGE_LOGON) {
		*code_page = 0;
		return MAPI_E_SUCCESS;
	}
	if (!mapi_code_page_known(code_page_id)) {
		DBG_INFO("unknown code page %u\n", code_page_id);
		return ecUnknownCodePage;
	}
	*code_page = code_page_id;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsmdb_message_new_object(struct emsmdb_rop_call *call,
					  struct emsmdb_object *parent,
					  struct emsmdb_message *m)
{
	if (emsmdb_rop_new_object(call, parent, EMSMDB_OBJECT_MESSAGE,
				  m) == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	talloc_steal(call->output, m);
	return MAPI_E_SUCCESS;
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

/* MS-OXCDATA 2.11.3 TypedString: absent (0x00), empty (0x01) or
 * Unicode (0x04). */
static void typed_string(const char *s, struct TypedString *out)
{
	if (s == NULL || s[0] == '\0') {
		out->StringType = s == NULL ? TypedString_None :
			TypedString_Empty;
		return;
	}
	out->StringType = TypedString_Unicode;
	out->String.Unicode = s;
}

/* HasNamedProperties: a property of the named range (0x8000 on). */
static bool has_named(TALLOC_CTX *mem_ctx, struct mstore_message *msg)
{
	struct mstore_value *v = NULL;
	uint32_t n = 0, i;

	if (mstore_message_get_all_props(mem_ctx, msg, &v, &n) !=
	    MAPI_E_SUCCESS) {
		return false;
	}
	for (i = 0; i < n; i++) {
		if (MSTORE_PROP_ID(v[i].tag) >= 0x8000) {
			return true;
		}
	}
	return false;
}

/* The bytes of a TypedString on the wire. */
static size_t typed_size(const struct TypedString *s)
{
	return 1 + (s->StringType == TypedString_Unicode ?
		    2 * (strlen_m(s->String.Unicode) + 1) : 0);
}

enum MAPISTATUS emsmdb_message_header(struct emsmdb_rop_call *call,
				      struct emsmdb_message *m, size_t fixed,
				      uint8_t *named,
				      struct TypedString *prefix,
				      struct TypedString *normalized,
				      uint16_t *recipient_count,
				      uint16_t *column_count,
				      uint32_t **columns, uint8_t *row_count,
				      struct OpenRecipientRow **rows)
{
	struct mstore_row *rcpts = NULL;
	uint32_t n = 0;
	size_t used, room;
	enum MAPISTATUS rv;

	*named = has_named(call->mem_ctx, m->msg) ? 1 : 0;
	typed_string(string_prop(call->mem_ctx, m->msg, PidTagSubjectPrefix),
		     prefix);
	typed_string(string_prop(call->mem_ctx, m->msg,
				 PidTagNormalizedSubject), normalized);
	rv = mstore_message_get_recipients(call->mem_ctx, m->msg, &rcpts, &n);
	if (rv == MAPI_E_SUCCESS) {
		rv = emsmdb_recipients_columns(call, m);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	*recipient_count = n;
	*column_count = m->rcpt_column_count;
	*columns = m->rcpt_columns;
	/* what the rest of the response takes (MS-OXCROPS 2.2.6.1.2) */
	used = fixed + 1 + typed_size(prefix) + typed_size(normalized) + 2 +
	       2 + 4 * m->rcpt_column_count + 1;
	room = MIN(call->out_room, EMSMDB_RECIPIENT_ROOM);
	if (used > room) {
		return ecBufferTooSmall;
	}
	return emsmdb_recipients_open_rows(call, m, room - used,
					   OPEN_ROWS_MAX, rows, row_count);
}

/* ------------------------------------------------------ new messages */

/* MS-OXCDATA 2.2.5.2: the Address Book EntryID of an X500 DN. */
static struct mstore_bin ab_entryid(TALLOC_CTX *mem_ctx, const char *dn)
{
	static const uint8_t provider[16] = {
		0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
		0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82
	};
	struct mstore_bin b = { 0 };
	size_t len = strlen(dn) + 1;

	b.data = talloc_zero_array(mem_ctx, uint8_t, 28 + len);
	if (b.data == NULL) {
		return b;
	}
	memcpy(b.data + 4, provider, sizeof(provider));
	b.data[20] = 0x01;		/* Version 1; Flags, Type 0 */
	memcpy(b.data + 28, dn, len);
	b.length = 28 + len;
	return b;
}

static void put_long(struct mstore_value *v, uint32_t tag, int32_t i)
{
	v->tag = tag;
	v->v.i32 = i;
}

static void put_string(struct mstore_value *v, uint32_t tag, const char *s)
{
	v->tag = tag;
	v->v.str = s;
}

static void put_bin(struct mstore_value *v, uint32_t tag,
		    struct mstore_bin b)
{
	v->tag = tag;
	v->v.bin = b;
}

/* The creator and last modifier: the session's mailbox owner. */
static uint32_t modifier_values(TALLOC_CTX *mem_ctx,
				struct emsmdb_session *s,
				struct mstore_value *v, bool creator)
{
	struct mstore_bin eid;
	uint32_t n = 0;

	if (s == NULL || s->user_dn == NULL) {
		return 0;
	}
	eid = ab_entryid(mem_ctx, s->user_dn);
	if (eid.data == NULL) {
		return 0;
	}
	if (s->display_name != NULL) {
		put_string(&v[n++], PidTagLastModifierName, s->display_name);
		if (creator) {
			put_string(&v[n++], PidTagCreatorName, s->display_name);
		}
	}
	put_bin(&v[n++], PidTagLastModifierEntryId, eid);
	if (creator) {
		put_bin(&v[n++], PidTagCreatorEntryId, eid);
	}
	return n;
}

/*
 * MS-OXCMSG 3.2.5.2: the properties a new message starts with.
 * PidTagMessageFlags is mfRead | mfUnsent with mfEverRead (Exchange 2010
 * on); the times are the store's; PidTagAccess, PidTagAccessLevel and
 * PidTagHasAttachments are computed (emsmdb_rop_objprops.c, the store).
 */
static enum MAPISTATUS message_defaults(struct emsmdb_rop_call *call,
					struct mstore_message *msg)
{
	struct emsmdb_session *s = call->env->session;
	struct mstore_value v[16];
	struct mstore_guid key;
	uint32_t n = 0, lcid = s != NULL ? s->lcid_string : 0;

	memset(v, 0, sizeof(v));
	put_long(&v[n++], PidTagImportance, 1);
	put_string(&v[n++], PidTagMessageClass, "IPM.Note");
	put_long(&v[n++], PidTagSensitivity, 0);
	put_long(&v[n++], PidTagMessageFlags, MSTORE_MSGFLAG_READ |
		 MSTORE_MSGFLAG_UNSENT | MSTORE_MSGFLAG_EVERREAD);
	put_long(&v[n++], PidTagTrustSender, 1);
	mstore_guid_random(&key);
	put_bin(&v[n++], PidTagSearchKey,
		(struct mstore_bin){ .length = 16, .data = key.bytes });
	if (lcid != 0) {
		put_long(&v[n++], PidTagMessageLocaleId, (int32_t)lcid);
		put_long(&v[n++], PidTagLocaleId, (int32_t)lcid);
	}
	n += modifier_values(call->mem_ctx, s, &v[n], true);
	return mstore_message_set_props(msg, v, n);
}

/*
 * MS-OXCMSG 3.2.5.2 RopCreateMessage: a new message in FolderId (normal
 * or FAI), kept in memory until saved; the response has no MessageId
 * (it is given at RopSaveChangesMessage).
 */
enum MAPISTATUS emsmdb_rop_create_message(struct emsmdb_rop_call *call)
{
	const struct RopCreateMessage_req *req =
		&call->request->Body.CreateMessage;
	struct mstore *store = emsmdb_store_of(call->input);
	struct emsmdb_message *m;
	enum MAPISTATUS rv;

	m = talloc_zero(call->mem_ctx, struct emsmdb_message);
	if (m == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = emsmdb_message_code_page_of(req->CodePageId, &m->code_page);
	if (rv == MAPI_E_SUCCESS) {
		rv = mstore_message_create(m, store, req->FolderId,
					   req->AssociatedFlag != 0, &m->msg);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = message_defaults(call, m->msg);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	m->fid = req->FolderId;
	m->mid = mstore_message_mid(m->msg);
	m->writable = true;
	m->associated = req->AssociatedFlag != 0;
	call->response->Body.CreateMessage.Data.Success.HasMessageId = 0;
	return emsmdb_message_new_object(call, call->input, m);
}

/* ------------------------------------------------------------ opening */

/* RopId, OutputHandleIndex and ReturnValue */
#define RESPONSE_FIXED 6

static enum MAPISTATUS open_info(struct emsmdb_rop_call *call,
				 struct emsmdb_message *m, size_t fixed,
				 struct MessageRecipientsInfo *ok)
{
	return emsmdb_message_header(call, m, fixed, &ok->HasNamedProperties,
				     &ok->SubjectPrefix,
				     &ok->NormalizedSubject,
				     &ok->RecipientCount, &ok->ColumnCount,
				     &ok->RecipientColumns, &ok->RowCount,
				     &ok->RecipientRows);
}

/*
 * MS-OXCMSG 3.2.5.1 RopOpenMessage: the message MessageId of FolderId,
 * through a folder (any of the store) or the logon.  OpenModeFlags:
 * ReadOnly, ReadWrite, BestAccess (the owner may write); OpenSoftDeleted
 * also opens a soft-deleted message; other bits are ignored (2.2.3.1.1).
 */
enum MAPISTATUS emsmdb_rop_open_message(struct emsmdb_rop_call *call)
{
	const struct RopOpenMessage_req *req =
		&call->request->Body.OpenMessage;
	struct mstore *store = emsmdb_store_of(call->input);
	struct emsmdb_message *m;
	enum MAPISTATUS rv;

	if (call->input->type != EMSMDB_OBJECT_FOLDER &&
	    call->input->type != EMSMDB_OBJECT_LOGON) {
		return ecNullObject;	/* MS-OXCMSG 3.2.5.1 */
	}
	m = talloc_zero(call->mem_ctx, struct emsmdb_message);
	if (m == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = emsmdb_message_code_page_of(req->CodePageId, &m->code_page);
	/* MS-OXCMSG 2.2.3.1.1: OpenSoftDeleted (0x04) reaches a soft-deleted
	 * message, and one in a soft-deleted folder */
	if (rv == MAPI_E_SUCCESS) {
		rv = mstore_folder_open_ex(store, req->FolderId,
					   req->OpenModeFlags & 0x04 ?
					   MSTORE_SOFT_DELETED : 0);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mstore_message_open_ex(m, store, req->MessageId,
					    req->OpenModeFlags & 0x04 ?
					    MSTORE_SOFT_DELETED : 0, &m->msg);
	}
	if (rv == MAPI_E_SUCCESS && mstore_message_fid(m->msg) !=
	    req->FolderId) {
		rv = MAPI_E_NOT_FOUND;	/* not in that folder */
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	m->fid = req->FolderId;
	m->mid = req->MessageId;
	m->associated = mstore_message_is_associated(m->msg);
	m->writable = (req->OpenModeFlags & OpenMessage_ReadWrite) != 0;
	rv = open_info(call, m, RESPONSE_FIXED,
		       &call->response->Body.OpenMessage.Data.Success);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	return emsmdb_message_new_object(call, call->input, m);
}

/* MS-OXCMSG 3.2.5.7 RopReloadCachedInformation: what RopOpenMessage
 * returned, as the message stands on this handle. */
enum MAPISTATUS emsmdb_rop_reload_cached_information(
	struct emsmdb_rop_call *call)
{
	struct emsmdb_message *m;
	enum MAPISTATUS rv = emsmdb_message_of(call->input, &m);

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	return open_info(
		call, m, RESPONSE_FIXED,
		&call->response->Body.ReloadCachedInformation.Data.Success);
}

/* ------------------------------------------------------------- saving */

/*
 * MS-OXCMSG 3.2.5.3 RopSaveChangesMessage: store the message (an
 * embedded one goes into its attachment object).  A save over a version
 * another handle saved since this one was opened is ecObjectModified
 * unless ForceSave; a message opened read-only cannot be saved (ecError,
 * as Exchange 2010 on).  KeepOpenReadOnly leaves the object read-only,
 * KeepOpenReadWrite and ForceSave read/write; SaveFlags with both
 * KeepOpen bits are no supported combination (ecNotSupported); other
 * bits are ignored (2.2.3.3.1).
 */
enum MAPISTATUS emsmdb_rop_save_changes_message(struct emsmdb_rop_call *call)
{
	const struct RopSaveChangesMessage_req *req =
		&call->request->Body.SaveChangesMessage;
	struct RopSaveChangesMessage_Success *ok =
		&call->response->Body.SaveChangesMessage.Data.Success;
	struct emsmdb_session *s = call->env->session;
	struct emsmdb_message *m = talloc_get_type_abort(
		call->input->data, struct emsmdb_message);
	uint8_t keep = req->SaveFlags & (SAVE_KEEP_OPEN_READ_ONLY |
					 SAVE_KEEP_OPEN_READ_WRITE);
	bool force = (req->SaveFlags & SAVE_FORCE) != 0;
	struct mstore_value v[2];
	uint32_t n;
	enum MAPISTATUS rv;

	if (keep == (SAVE_KEEP_OPEN_READ_ONLY | SAVE_KEEP_OPEN_READ_WRITE)) {
		return MAPI_E_NO_SUPPORT;
	}
	if (!m->writable) {
		return MAPI_E_CALL_FAILED;
	}
	n = modifier_values(call->mem_ctx, s, v, false);
	rv = mstore_message_set_props(m->msg, v, n);
	if (rv == MAPI_E_SUCCESS) {
		rv = mstore_message_save_flags(m->msg, force ? 0 :
					       MSTORE_SAVE_NO_OVERWRITE);
	}
	if (rv != MAPI_E_SUCCESS) {
		/* ecObjectModified, ecObjectDeleted (3.2.5.3) */
		DBG_NOTICE("message 0x%016llx not saved: 0x%08x\n",
			   (unsigned long long)m->mid, rv);
		return rv;
	}
	m->mid = mstore_message_mid(m->msg);
	if (keep == SAVE_KEEP_OPEN_READ_ONLY && !force) {
		m->writable = false;
	}
	ok->InputHandleIndex = req->InputHandleIndex;
	ok->MessageId = m->mid;
	return MAPI_E_SUCCESS;
}
