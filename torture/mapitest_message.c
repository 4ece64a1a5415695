/*
 * mapitest suite "message": messages and attachments (MS-OXCMSG) through
 * libmapi/message.h and libmapi/attachment.h, in scratch folders below
 * the Inbox: creating, saving, opening and reloading messages, their
 * recipients, attachments by value and embedded messages, read flags and
 * the message status, and the errors of an unknown message and a save
 * over another handle's.
 */
#include <string.h>

#include "mapitest.h"
#include "libmapi/attachment.h"
#include "libmapi/folder.h"
#include "libmapi/property.h"

#define TAG_SUBJECT		0x0037001F
#define TAG_NORMALIZED_SUBJECT	0x0E1D001F
#define TAG_DISPLAY_NAME	0x3001001F
#define TAG_ADDRESS_TYPE	0x3002001F
#define TAG_EMAIL_ADDRESS	0x3003001F
#define TAG_SMTP_ADDRESS	0x39FE001F
#define TAG_MESSAGE_FLAGS	0x0E070003
#define TAG_HAS_ATTACHMENTS	0x0E1B000B
#define TAG_DISPLAY_TO		0x0E04001F
#define TAG_DISPLAY_CC		0x0E03001F
#define TAG_ATTACH_METHOD	0x37050003
#define TAG_ATTACH_DATA		0x37010102
#define TAG_ATTACH_FILENAME	0x3707001F
#define TAG_ATTACH_NUM		0x0E210003

#define MSGFLAG_READ		0x00000001
#define MSGFLAG_UNSENT		0x00000008
#define MSGFLAG_HASATTACH	0x00000010
#define MSGSTATUS_REMOTE_DOWNLOAD 0x00001000
#define MSGSTATUS_HIGHLIGHTED	0x00000001

struct fixture {
	struct mapi_logon *logon;
	uint32_t folder;
	uint64_t fid;
};

static bool setup(struct mapitest *mt, TALLOC_CTX *mem_ctx, const char *name,
		  struct fixture *f)
{
	f->logon = mapitest_mailbox(mt, mem_ctx);
	return f->logon != NULL &&
	       mapitest_scratch_folder(mt, mem_ctx, f->logon, 0, name,
				       &f->folder, &f->fid);
}

/* One property of an object: its cell (flag 0 when present). */
static bool get_one(struct fixture *f, TALLOC_CTX *mem_ctx, uint32_t h,
		    uint32_t tag, struct property_row_value *out)
{
	struct property_row row;

	if (mapi_props_get(f->logon, mem_ctx, h, &tag, 1, true, 0, &row) !=
	    MAPI_E_SUCCESS || row.count != 1) {
		return false;
	}
	*out = row.cells[0];
	return true;
}

static bool has_string(struct fixture *f, TALLOC_CTX *mem_ctx, uint32_t h,
		       uint32_t tag, const char *want)
{
	struct property_row_value v;

	return get_one(f, mem_ctx, h, tag, &v) && v.flag == 0 &&
	       v.type != PT_ERROR && v.value.String != NULL &&
	       strcmp(v.value.String, want) == 0;
}

static uint32_t flags_of(struct fixture *f, TALLOC_CTX *mem_ctx, uint32_t h)
{
	struct property_row_value v;

	return get_one(f, mem_ctx, h, TAG_MESSAGE_FLAGS, &v) && v.flag == 0
		       ? v.value.Integer32 : 0xFFFFFFFF;
}

/* 3.2.5.2, 2.2.3.3: a new message is unsent and read; saved, it has a
 * MID, and opening it finds its subject. */
static enum mapitest_result test_create_save_open(struct mapitest *mt,
						  TALLOC_CTX *mem_ctx)
{
	struct TaggedPropertyValue v = { .PropertyTag = TAG_SUBJECT };
	struct mapi_message_info *info = NULL;
	struct fixture f;
	uint64_t mid = 0;
	uint32_t h, h2, flags;

	if (!setup(mt, mem_ctx, "create", &f)) {
		return MAPITEST_FAIL;
	}
	v.Value.String = "created by mapitest";
	MT_ROP(mt, mapi_message_create(f.logon, mem_ctx, f.folder, f.fid,
				       false, &h), MAPI_E_SUCCESS);
	flags = flags_of(&f, mem_ctx, h);
	MT_ASSERT(mt, flags != 0xFFFFFFFF && (flags & MSGFLAG_UNSENT) &&
		  (flags & MSGFLAG_READ), "new message flags 0x%x, expected "
		  "mfUnsent | mfRead", flags);
	MT_ROP(mt, mapi_props_set(f.logon, mem_ctx, h, &v, 1, NULL),
	       MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_message_save(f.logon, mem_ctx, h, KeepOpenReadOnly,
				     &mid), MAPI_E_SUCCESS);
	MT_ASSERT(mt, mid != 0, "RopSaveChangesMessage gave no MessageId");
	mapi_object_release(f.logon, h);
	MT_ROP(mt, mapi_message_open(f.logon, mem_ctx, f.folder, f.fid, mid,
				     OpenMessage_ReadOnly, &h2, &info),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, info != NULL && info->recipient_count == 0,
		  "recipients on a message without any");
	MT_ASSERT(mt, has_string(&f, mem_ctx, h2, TAG_SUBJECT, v.Value.String),
		  "subject not kept");
	return MAPITEST_PASS;
}

/* 2.2.3.1: an unknown message is MAPI_E_NOT_FOUND. */
static enum mapitest_result test_open_unknown(struct mapitest *mt,
					      TALLOC_CTX *mem_ctx)
{
	struct fixture f;
	uint64_t mid;
	uint32_t h;

	if (!setup(mt, mem_ctx, "unknown", &f) ||
	    !mapitest_message(mt, mem_ctx, f.logon, f.folder, f.fid, "x", 1,
			      &mid)) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, mapi_messages_delete(f.logon, mem_ctx, f.folder, &mid, 1,
					true), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_message_open(f.logon, mem_ctx, f.folder, f.fid, mid,
				     OpenMessage_ReadOnly, &h, NULL),
	       MAPI_E_NOT_FOUND);
	return MAPITEST_PASS;
}

/* 3.2.5.3: two handles on one message; the second save is refused
 * unless forced; RopReloadCachedInformation. */
static enum mapitest_result test_save_conflict(struct mapitest *mt,
					       TALLOC_CTX *mem_ctx)
{
	struct TaggedPropertyValue v = { .PropertyTag = TAG_SUBJECT };
	struct mapi_message_info *info = NULL;
	struct fixture f;
	uint64_t mid;
	uint32_t a, b;

	if (!setup(mt, mem_ctx, "conflict", &f) ||
	    !mapitest_message(mt, mem_ctx, f.logon, f.folder, f.fid, "first",
			      1, &mid)) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, mapi_message_open(f.logon, mem_ctx, f.folder, f.fid, mid,
				     OpenMessage_ReadWrite, &a, NULL),
	       MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_message_open(f.logon, mem_ctx, f.folder, f.fid, mid,
				     OpenMessage_ReadWrite, &b, NULL),
	       MAPI_E_SUCCESS);
	v.PropertyTag = TAG_NORMALIZED_SUBJECT;
	v.Value.String = "second";
	MT_ROP(mt, mapi_props_set(f.logon, mem_ctx, a, &v, 1, NULL),
	       MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_message_save(f.logon, mem_ctx, a, KeepOpenReadWrite,
				     NULL), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_message_reload(f.logon, mem_ctx, a, &info),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, info != NULL && info->normalized_subject != NULL &&
		  strcmp(info->normalized_subject, "second") == 0,
		  "RopReloadCachedInformation: not the saved subject");
	v.PropertyTag = TAG_SUBJECT;
	v.Value.String = "third";
	MT_ROP(mt, mapi_props_set(f.logon, mem_ctx, b, &v, 1, NULL),
	       MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_message_save(f.logon, mem_ctx, b, KeepOpenReadWrite,
				     NULL), MAPI_E_OBJECT_CHANGED);
	MT_ROP(mt, mapi_message_save(f.logon, mem_ctx, b,
				     KeepOpenReadWrite | ForceSave, NULL),
	       MAPI_E_SUCCESS);
	return MAPITEST_PASS;
}

static void recipient(TALLOC_CTX *mem_ctx, struct mapi_recipient *r,
		      uint32_t row_id, uint8_t type, const char *name,
		      const char *smtp)
{
	struct TaggedPropertyValue *v = talloc_zero_array(
		mem_ctx, struct TaggedPropertyValue, 4);

	memset(r, 0, sizeof(*r));
	r->row_id = row_id;
	r->type = type;
	r->props = v;
	r->count = v ? 4 : 0;
	if (v != NULL) {
		v[0].PropertyTag = TAG_DISPLAY_NAME;
		v[0].Value.String = name;
		v[1].PropertyTag = TAG_ADDRESS_TYPE;
		v[1].Value.String = "SMTP";
		v[2].PropertyTag = TAG_EMAIL_ADDRESS;
		v[2].Value.String = smtp;
		v[3].PropertyTag = TAG_SMTP_ADDRESS;
		v[3].Value.String = smtp;
	}
}

static const char *row_name(const struct mapi_recipient *r)
{
	uint32_t i;

	for (i = 0; i < r->count; i++) {
		if (r->props[i].PropertyTag == TAG_DISPLAY_NAME) {
			return r->props[i].Value.String;
		}
	}
	return NULL;
}

/* 2.2.3.5 - 2.2.3.7: recipients added, read back, changed, removed;
 * PidTagDisplayTo/Cc follow at save. */
static enum mapitest_result test_recipients(struct mapitest *mt,
					    TALLOC_CTX *mem_ctx)
{
	const uint32_t cols[] = { TAG_SMTP_ADDRESS };
	struct mapi_recipient rows[2], *back = NULL;
	struct mapi_message_info *info = NULL;
	struct fixture f;
	uint8_t n = 0;
	uint32_t h;
	uint64_t mid;

	if (!setup(mt, mem_ctx, "recipients", &f)) {
		return MAPITEST_FAIL;
	}
	recipient(mem_ctx, &rows[0], 0, 1, "Ann Example", "ann@example.org");
	recipient(mem_ctx, &rows[1], 1, 2, "Ben Example", "ben@example.org");
	MT_ROP(mt, mapi_message_create(f.logon, mem_ctx, f.folder, f.fid,
				       false, &h), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_recipients_modify(f.logon, mem_ctx, h, cols, 1, rows,
					  2), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_message_save(f.logon, mem_ctx, h, KeepOpenReadWrite,
				     &mid), MAPI_E_SUCCESS);
	MT_ASSERT(mt, has_string(&f, mem_ctx, h, TAG_DISPLAY_TO,
				 "Ann Example"),
		  "PidTagDisplayTo does not follow the recipients");
	MT_ASSERT(mt, has_string(&f, mem_ctx, h, TAG_DISPLAY_CC,
				 "Ben Example"),
		  "PidTagDisplayCc does not follow the recipients");
	MT_ROP(mt, mapi_recipients_read(f.logon, mem_ctx, h, 0, cols, 1,
					&back, &n), MAPI_E_SUCCESS);
	MT_ASSERT(mt, n == 2 && back[0].type == 1 && back[1].type == 2 &&
		  row_name(&back[1]) != NULL &&
		  strcmp(row_name(&back[1]), "Ben Example") == 0,
		  "RopReadRecipients: %u rows, not the two written", n);
	rows[0].remove = true;
	MT_ROP(mt, mapi_recipients_modify(f.logon, mem_ctx, h, cols, 1, rows,
					  1), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_message_save(f.logon, mem_ctx, h, KeepOpenReadWrite,
				     NULL), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_message_reload(f.logon, mem_ctx, h, &info),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, info->recipient_count == 1, "%u recipients after one "
		  "of two was removed", info->recipient_count);
	MT_ROP(mt, mapi_recipients_remove_all(f.logon, mem_ctx, h),
	       MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_message_save(f.logon, mem_ctx, h, KeepOpenReadWrite,
				     NULL), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_message_reload(f.logon, mem_ctx, h, &info),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, info->recipient_count == 0,
		  "recipients left after RopRemoveAllRecipients");
	return MAPITEST_PASS;
}

/* An attachment by value with @size bytes of data; its number. */
static enum mapitest_result add_attachment(struct mapitest *mt,
					   TALLOC_CTX *mem_ctx,
					   struct fixture *f, uint32_t msg,
					   const uint8_t *data, uint16_t size,
					   uint32_t *num)
{
	struct TaggedPropertyValue v[3] = {
		{ .PropertyTag = TAG_ATTACH_METHOD },
		{ .PropertyTag = TAG_ATTACH_FILENAME },
		{ .PropertyTag = TAG_ATTACH_DATA },
	};
	uint32_t a;

	v[0].Value.Integer32 = 1;	/* afByValue */
	v[1].Value.String = "data.bin";
	v[2].Value.Binary.Count = size;
	v[2].Value.Binary.Data = discard_const_p(uint8_t, data);
	MT_ROP(mt, mapi_attachment_create(f->logon, mem_ctx, msg, num, &a),
	       MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_props_set(f->logon, mem_ctx, a, v, 3, NULL),
	       MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_attachment_save(f->logon, mem_ctx, a,
					KeepOpenReadOnly), MAPI_E_SUCCESS);
	mapi_object_release(f->logon, a);
	return MAPITEST_PASS;
}

static bool data_equal(struct fixture *f, TALLOC_CTX *mem_ctx, uint32_t msg,
		       uint32_t num, const uint8_t *data, uint16_t size)
{
	struct property_row_value v;
	uint32_t a;
	bool ok;

	if (mapi_attachment_open(f->logon, mem_ctx, msg, num,
				 OpenAttachment_ReadOnly, &a) !=
	    MAPI_E_SUCCESS) {
		return false;
	}
	ok = get_one(f, mem_ctx, a, TAG_ATTACH_DATA, &v) && v.flag == 0 &&
	     v.value.Binary.Count == size &&
	     memcmp(v.value.Binary.Data, data, size) == 0;
	mapi_object_release(f->logon, a);
	return ok;
}

/* 2.2.3.12 - 2.2.3.18: an attachment by value is kept byte for byte,
 * listed by its table and RopGetValidAttachments, and deleted. */
static enum mapitest_result test_attachments(struct mapitest *mt,
					     TALLOC_CTX *mem_ctx)
{
	const uint32_t cols[] = { TAG_ATTACH_NUM, TAG_ATTACH_FILENAME };
	struct mapi_table_rows rows = { 0 };
	struct mapi_table *t = NULL;
	struct fixture f;
	uint8_t data[3000];
	uint32_t h, num, *nums = NULL, i;
	uint16_t n = 0;
	uint64_t mid;
	enum mapitest_result r;

	for (i = 0; i < sizeof(data); i++) {
		data[i] = (uint8_t)(i * 7 + (i >> 8));
	}
	if (!setup(mt, mem_ctx, "attachments", &f)) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, mapi_message_create(f.logon, mem_ctx, f.folder, f.fid,
				       false, &h), MAPI_E_SUCCESS);
	r = add_attachment(mt, mem_ctx, &f, h, data, sizeof(data), &num);
	if (r != MAPITEST_PASS) {
		return r;
	}
	MT_ROP(mt, mapi_message_save(f.logon, mem_ctx, h, KeepOpenReadWrite,
				     &mid), MAPI_E_SUCCESS);
	MT_ASSERT(mt, flags_of(&f, mem_ctx, h) & MSGFLAG_HASATTACH,
		  "mfHasAttach not set");
	MT_ASSERT(mt, data_equal(&f, mem_ctx, h, num, data, sizeof(data)),
		  "attachment data changed");
	MT_ROP(mt, mapi_attachments_valid(f.logon, mem_ctx, h, &nums, &n),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, n == 1 && nums[0] == num, "RopGetValidAttachments");
	MT_ROP(mt, mapi_attachment_table(f.logon, mem_ctx, h,
					 AttachmentTable_UseUnicode, &t),
	       MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_table_set_columns(t, cols, 2), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_table_query_all(t, mem_ctx, 0, 0, &rows),
	       MAPI_E_SUCCESS);
	mapi_table_release(t);
	MT_ASSERT(mt, rows.count == 1, "attachment table: %u rows",
		  rows.count);
	MT_ROP(mt, mapi_attachment_delete(f.logon, mem_ctx, h, num),
	       MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_message_save(f.logon, mem_ctx, h, KeepOpenReadWrite,
				     NULL), MAPI_E_SUCCESS);
	MT_ASSERT(mt, !(flags_of(&f, mem_ctx, h) & MSGFLAG_HASATTACH),
		  "mfHasAttach still set without attachments");
	return MAPITEST_PASS;
}

/* 2.2.3.16: an embedded message, created in its attachment and read
 * back. */
static enum mapitest_result test_embedded(struct mapitest *mt,
					  TALLOC_CTX *mem_ctx)
{
	struct TaggedPropertyValue v = { .PropertyTag = TAG_ATTACH_METHOD };
	struct TaggedPropertyValue s = { .PropertyTag = TAG_SUBJECT };
	struct fixture f;
	uint32_t h, a, e, num;
	uint64_t mid;

	if (!setup(mt, mem_ctx, "embedded", &f)) {
		return MAPITEST_FAIL;
	}
	v.Value.Integer32 = 5;		/* afEmbeddedMessage */
	s.Value.String = "inner message";
	MT_ROP(mt, mapi_message_create(f.logon, mem_ctx, f.folder, f.fid,
				       false, &h), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_attachment_create(f.logon, mem_ctx, h, &num, &a),
	       MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_props_set(f.logon, mem_ctx, a, &v, 1, NULL),
	       MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_attachment_open_embedded(f.logon, mem_ctx, a,
						 OpenEmbedded_Create,
						 MAPI_CODE_PAGE_SESSION, &e,
						 NULL), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_props_set(f.logon, mem_ctx, e, &s, 1, NULL),
	       MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_message_save(f.logon, mem_ctx, e, KeepOpenReadOnly,
				     NULL), MAPI_E_SUCCESS);
	mapi_object_release(f.logon, e);
	MT_ROP(mt, mapi_attachment_save(f.logon, mem_ctx, a,
					KeepOpenReadOnly), MAPI_E_SUCCESS);
	mapi_object_release(f.logon, a);
	MT_ROP(mt, mapi_message_save(f.logon, mem_ctx, h, KeepOpenReadOnly,
				     &mid), MAPI_E_SUCCESS);
	mapi_object_release(f.logon, h);
	MT_ROP(mt, mapi_message_open(f.logon, mem_ctx, f.folder, f.fid, mid,
				     OpenMessage_ReadOnly, &h, NULL),
	       MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_attachment_open(f.logon, mem_ctx, h, num,
					OpenAttachment_ReadOnly, &a),
	       MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_attachment_open_embedded(f.logon, mem_ctx, a,
						 OpenEmbedded_ReadOnly,
						 MAPI_CODE_PAGE_SESSION, &e,
						 NULL), MAPI_E_SUCCESS);
	MT_ASSERT(mt, has_string(&f, mem_ctx, e, TAG_SUBJECT,
				 "inner message"),
		  "the embedded message lost its subject");
	return MAPITEST_PASS;
}

/* 2.2.3.10, 2.2.3.11: RopSetReadFlags and RopSetMessageReadFlag. */
static enum mapitest_result test_read_flags(struct mapitest *mt,
					    TALLOC_CTX *mem_ctx)
{
	struct fixture f;
	uint64_t mid;
	uint32_t h;
	bool partial = true;

	if (!setup(mt, mem_ctx, "read", &f) ||
	    !mapitest_message(mt, mem_ctx, f.logon, f.folder, f.fid, "r", 1,
			      &mid)) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, mapi_messages_set_read_flags(f.logon, mem_ctx, f.folder,
						rfClearReadFlag, &mid, 1,
						&partial), MAPI_E_SUCCESS);
	MT_ASSERT(mt, !partial, "PartialCompletion on one existing message");
	MT_ROP(mt, mapi_message_open(f.logon, mem_ctx, f.folder, f.fid, mid,
				     OpenMessage_ReadWrite, &h, NULL),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, !(flags_of(&f, mem_ctx, h) & MSGFLAG_READ),
		  "still read after rfClearReadFlag");
	MT_ROP(mt, mapi_message_set_read_flag(f.logon, mem_ctx, h,
					      rfSuppressReceipt, NULL, NULL),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, flags_of(&f, mem_ctx, h) & MSGFLAG_READ,
		  "not read after RopSetMessageReadFlag");
	return MAPITEST_PASS;
}

/* 2.2.3.8, 2.2.3.9: RopSetMessageStatus changes the masked bits only;
 * RopGetMessageStatus reads them. */
static enum mapitest_result test_status(struct mapitest *mt,
					TALLOC_CTX *mem_ctx)
{
	uint32_t status = 0, old = 0;
	struct fixture f;
	uint64_t mid;

	if (!setup(mt, mem_ctx, "status", &f) ||
	    !mapitest_message(mt, mem_ctx, f.logon, f.folder, f.fid, "s", 1,
			      &mid)) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, mapi_message_set_status(f.logon, mem_ctx, f.folder, mid,
					   MSGSTATUS_HIGHLIGHTED |
					   MSGSTATUS_REMOTE_DOWNLOAD,
					   MSGSTATUS_HIGHLIGHTED, &old),
	       MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_message_get_status(f.logon, mem_ctx, f.folder, mid,
					   &status), MAPI_E_SUCCESS);
	MT_ASSERT(mt, (status & MSGSTATUS_HIGHLIGHTED) &&
		  !(status & MSGSTATUS_REMOTE_DOWNLOAD),
		  "status 0x%x: the mask was not honoured", status);
	MT_ROP(mt, mapi_message_set_status(f.logon, mem_ctx, f.folder, mid, 0,
					   MSGSTATUS_HIGHLIGHTED, &old),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, old & MSGSTATUS_HIGHLIGHTED,
		  "the old status was not returned");
	return MAPITEST_PASS;
}

static const struct mapitest_test tests[] = {
	{ "create_save_open", "RopCreateMessage, RopSaveChangesMessage, "
	  "RopOpenMessage", test_create_save_open },
	{ "open_unknown", "RopOpenMessage of a deleted message",
	  test_open_unknown },
	{ "save_conflict", "a save over another handle's save, ForceSave, "
	  "RopReloadCachedInformation", test_save_conflict },
	{ "recipients", "RopModifyRecipients, RopReadRecipients, "
	  "RopRemoveAllRecipients, display lists", test_recipients },
	{ "attachments", "attachments by value, their table, "
	  "RopGetValidAttachments, RopDeleteAttachment", test_attachments },
	{ "embedded", "RopOpenEmbeddedMessage: create and read back",
	  test_embedded },
	{ "read_flags", "RopSetReadFlags, RopSetMessageReadFlag",
	  test_read_flags },
	{ "status", "RopSetMessageStatus, RopGetMessageStatus", test_status },
};

const struct mapitest_suite mapitest_suite_message = {
	.name = "message",
	.description = "messages and attachments (MS-OXCMSG)",
	.tests = tests,
	.count = ARRAY_SIZE(tests),
};
