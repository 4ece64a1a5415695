/*
 * Integration suite: the attachment ROPs of MS-OXCMSG through libmapi
 * against the real server of torture/testenv: RopCreateAttachment,
 * RopOpenAttachment, RopSaveChangesAttachment, RopDeleteAttachment,
 * RopGetAttachmentTable (with the table ROPs), RopGetValidAttachments,
 * RopOpenEmbeddedMessage (open and create), attachments by value, OLE
 * and embedded messages, and their errors.
 */
#include "itest_emsmdb.h"

#include "libmapi/attachment.h"
#include "libmapi/table.h"

#define PidTagSubject_W			0x0037001F
#define PidTagMessageFlags		0x0E070003
#define PidTagHasAttachments		0x0E1B000B
#define PidTagAttachSize		0x0E200003
#define PidTagAttachNumber		0x0E210003
#define PidTagAccessLevel		0x0FF70003
#define PidTagCreationTime		0x30070040
#define PidTagAttachDataBinary		0x37010102
#define PidTagAttachFilename_W		0x3704001F
#define PidTagAttachMethod		0x37050003
#define PidTagAttachLongFilename_W	0x3707001F
#define PidTagRenderingPosition		0x370B0003
#define PidTagAttachMimeTag_W		0x370E001F

/* PidTagAttachMethod (MS-OXCMSG 2.2.2.9) */
#define AF_BY_VALUE		1
#define AF_EMBEDDED_MESSAGE	5
#define AF_OLE			6

#define MF_HASATTACH		0x10

static uint64_t inbox_of(struct mapi_logon *logon)
{
	return logon->folder_ids[MAPI_LOGON_INBOX];
}

static enum MAPISTATUS set_long(struct mapi_logon *logon,
				TALLOC_CTX *mem_ctx, uint32_t handle,
				uint32_t tag, uint32_t value)
{
	struct TaggedPropertyValue v = { .PropertyTag = tag };

	v.Value.Integer32 = value;
	return mapi_props_set(logon, mem_ctx, handle, &v, 1, NULL);
}

/* An attachment by value (or OLE) with @a size bytes of data. */
static enum MAPISTATUS set_data(struct mapi_logon *logon,
				TALLOC_CTX *mem_ctx, uint32_t att,
				uint32_t method, const char *name,
				uint16_t size)
{
	struct TaggedPropertyValue v[3] = {
		{ .PropertyTag = PidTagAttachMethod },
		{ .PropertyTag = PidTagAttachDataBinary },
		{ .PropertyTag = PidTagAttachLongFilename_W },
	};
	uint8_t *data = talloc_zero_array(mem_ctx, uint8_t, size);
	uint16_t i;

	for (i = 0; data != NULL && i < size; i++) {
		data[i] = i & 0xFF;
	}
	v[0].Value.Integer32 = method;
	v[1].Value.Binary.Count = size;
	v[1].Value.Binary.Data = data;
	v[2].Value.String = name;
	return mapi_props_set(logon, mem_ctx, att, v, 3, NULL);
}

/* A new attachment of @a msg with data, saved into it; its number. */
static bool add_attachment(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			   uint32_t msg, uint32_t method, const char *name,
			   uint16_t size, uint32_t *num)
{
	uint32_t att;

	return mapi_attachment_create(logon, mem_ctx, msg, num, &att) ==
		       MAPI_E_SUCCESS &&
	       set_data(logon, mem_ctx, att, method, name, size) ==
		       MAPI_E_SUCCESS &&
	       mapi_attachment_save(logon, mem_ctx, att, KeepOpenReadOnly) ==
		       MAPI_E_SUCCESS &&
	       mapi_object_release(logon, att) == MAPI_E_SUCCESS;
}

static bool valid_are(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
		      uint32_t msg, const uint32_t *expect, uint16_t count)
{
	uint32_t *nums;
	uint16_t n, i;

	if (mapi_attachments_valid(logon, mem_ctx, msg, &nums, &n) !=
	    MAPI_E_SUCCESS || n != count) {
		return false;
	}
	for (i = 0; i < n; i++) {
		if (nums[i] != expect[i]) {
			return false;
		}
	}
	return true;
}

/* ----------------------------------------------------------- create */

static bool test_create(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint32_t m, att, num, num2, h;
	uint64_t mid;
	const struct property_row_value *c;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, logon->handle,
				       inbox_of(logon), false, &m),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_attachment_create(logon, mem_ctx, m, &num, &att),
		   MAPI_E_SUCCESS);
	/* MS-OXCMSG 3.2.5.13: what a new attachment has at once */
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, att, PidTagAttachNumber)
		     == num, "PidTagAttachNumber");
	c = itest_prop(logon, mem_ctx, att, PidTagRenderingPosition);
	ITEST_ASSERT(c != NULL && c->flag == 0 &&
		     (uint32_t)c->value.Integer32 == 0xFFFFFFFF,
		     "PidTagRenderingPosition");
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, att, PidTagAccessLevel) ==
		     1, "PidTagAccessLevel");
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, att, PidTagAttachSize) >=
		     0, "PidTagAttachSize");
	c = itest_prop(logon, mem_ctx, att, PidTagCreationTime);
	ITEST_ASSERT(c != NULL && c->flag == 0, "PidTagCreationTime");
	ITEST_MAPI(set_data(logon, mem_ctx, att, AF_BY_VALUE, "a.bin", 1000),
		   MAPI_E_SUCCESS);
	/* PidTagAttachSize is computed */
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, att, PidTagAttachSize) >=
		     1000, "size with the data");
	/* not saved into the message yet */
	ITEST_ASSERT(valid_are(logon, mem_ctx, m, NULL, 0), "none saved");
	ITEST_MAPI(mapi_attachment_save(logon, mem_ctx, att,
					KeepOpenReadWrite), MAPI_E_SUCCESS);
	ITEST_ASSERT(valid_are(logon, mem_ctx, m, &num, 1), "one saved");
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, m, PidTagHasAttachments)
		     == 1, "PidTagHasAttachments");
	ITEST_ASSERT(add_attachment(logon, mem_ctx, m, AF_OLE, "ole.bin", 64,
				    &num2) && num2 != num, "second");
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadOnly,
				     &mid), MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, m, PidTagMessageFlags) &
		     MF_HASATTACH, "mfHasAttach");
	/* stored with the message */
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, logon->handle,
				     inbox_of(logon), mid, 0, &h, NULL),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(valid_are(logon, mem_ctx, h, (uint32_t[]){ num, num2 },
			       2), "both stored");
	ITEST_MAPI(mapi_attachment_open(logon, mem_ctx, h, num2,
					OpenAttachment_ReadOnly, &att),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, att, PidTagAttachMethod)
		     == AF_OLE, "OLE method");
	c = itest_prop(logon, mem_ctx, att, PidTagAttachDataBinary);
	ITEST_ASSERT(c != NULL && c->flag == 0 && c->value.Binary.Count == 64
		     && c->value.Binary.Data[63] == 63, "OLE data");
	/* read-only: no changes (ecAccessDenied), no save (ecError) */
	ITEST_MAPI(set_long(logon, mem_ctx, att, PidTagRenderingPosition, 0),
		   MAPI_E_NO_ACCESS);
	ITEST_MAPI(mapi_attachment_save(logon, mem_ctx, att, 0),
		   MAPI_E_CALL_FAILED);
	ITEST_MAPI(mapi_attachment_create(logon, mem_ctx, h, &num, &att),
		   MAPI_E_NO_ACCESS);
	ITEST_MAPI(mapi_attachment_open(logon, mem_ctx, h, num2,
					OpenAttachment_ReadWrite, &att),
		   MAPI_E_NO_ACCESS);
	ITEST_MAPI(mapi_attachment_delete(logon, mem_ctx, h, num2),
		   MAPI_E_NO_ACCESS);
	return true;
}

/* Attachments reach the store only with their message's save. */
static bool test_not_saved(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint32_t m, att, num, h;
	uint64_t mid;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, logon->handle,
				       inbox_of(logon), false, &m),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadWrite,
				     &mid), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_attachment_create(logon, mem_ctx, m, &num, &att),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_attachment_save(logon, mem_ctx, att,
					KeepOpenReadOnly), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_object_release(logon, m), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, logon->handle,
				     inbox_of(logon), mid, 0, &h, NULL),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(valid_are(logon, mem_ctx, h, NULL, 0), "not stored");
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, h, PidTagHasAttachments)
		     == 0, "no attachments");
	return true;
}

/* ----------------------------------------------------------- delete */

static bool test_delete(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint32_t m, nums[3], att, h;
	uint64_t mid;
	int i;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, logon->handle,
				       inbox_of(logon), false, &m),
		   MAPI_E_SUCCESS);
	for (i = 0; i < 3; i++) {
		ITEST_ASSERT(add_attachment(logon, mem_ctx, m, AF_BY_VALUE,
					    "x.txt", 10, &nums[i]),
			     "attachment %d", i);
	}
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadWrite,
				     &mid), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_attachment_delete(logon, mem_ctx, m, nums[1]),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(valid_are(logon, mem_ctx, m,
			       (uint32_t[]){ nums[0], nums[2] }, 2),
		     "two left");
	/* out of range: ecNotFound */
	ITEST_MAPI(mapi_attachment_open(logon, mem_ctx, m, nums[1],
					OpenAttachment_ReadOnly, &att),
		   MAPI_E_NOT_FOUND);
	ITEST_MAPI(mapi_attachment_open(logon, mem_ctx, m, 0x7FFF,
					OpenAttachment_ReadOnly, &att),
		   MAPI_E_NOT_FOUND);
	ITEST_MAPI(mapi_attachment_delete(logon, mem_ctx, m, nums[1]),
		   MAPI_E_NOT_FOUND);
	ITEST_MAPI(mapi_attachment_delete(logon, mem_ctx, m, nums[0]),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_attachment_delete(logon, mem_ctx, m, nums[2]),
		   MAPI_E_SUCCESS);
	/* MS-OXCMSG 3.2.5.15: PidTagHasAttachments follows */
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, m, PidTagHasAttachments)
		     == 0, "none left");
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadOnly,
				     NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, logon->handle,
				     inbox_of(logon), mid, 0, &h, NULL),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(valid_are(logon, mem_ctx, h, NULL, 0), "deleted stored");
	ITEST_ASSERT(!(itest_prop_long(logon, mem_ctx, h, PidTagMessageFlags)
		       & MF_HASATTACH), "mfHasAttach cleared");
	return true;
}

/* ------------------------------------------------------------ table */

static bool test_table(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	static const uint32_t cols[4] = {
		PidTagAttachNumber, PidTagAttachLongFilename_W,
		PidTagAttachMethod, PidTagAttachSize
	};
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct SortOrder desc = { .PropertyType = PidTagAttachNumber & 0xFFFF,
				  .PropertyId = PidTagAttachNumber >> 16,
				  .Order = TABLE_SORT_DESCEND };
	struct mapi_table_rows rows;
	struct mapi_table *t;
	uint32_t m, nums[3], pos, total;
	const char *names[3] = { "one.txt", "two.doc", "three.png" };
	int i;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, logon->handle,
				       inbox_of(logon), false, &m),
		   MAPI_E_SUCCESS);
	for (i = 0; i < 3; i++) {
		ITEST_ASSERT(add_attachment(logon, mem_ctx, m, AF_BY_VALUE,
					    names[i], 100 * (i + 1),
					    &nums[i]), "attachment %d", i);
	}
	ITEST_MAPI(mapi_attachment_table(logon, mem_ctx, m,
					 AttachmentTable_UseUnicode, &t),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_set_columns(t, cols, 4), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 10, 0, true, &rows),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(rows.count == 3, "%u rows", rows.count);
	for (i = 0; i < 3; i++) {
		const struct property_row_value *c = rows.rows[i].cells;

		ITEST_ASSERT((uint32_t)c[0].value.Integer32 == nums[i] &&
			     strcmp(c[1].value.String, names[i]) == 0 &&
			     c[2].value.Integer32 == AF_BY_VALUE &&
			     c[3].value.Integer32 >= 100 * (i + 1),
			     "row %d", i);
	}
	ITEST_MAPI(mapi_table_sort(t, &desc, 1), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_seek_row(t, BOOKMARK_BEGINNING, 0, NULL, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 10, 0, true, &rows),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(rows.count == 3 && (uint32_t)rows.rows[0].cells[0].value
		     .Integer32 == nums[2], "sorted");
	ITEST_MAPI(mapi_table_query_position(t, &pos, &total),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(pos == 3 && total == 3, "position %u/%u", pos, total);
	/* the table shows the message as it is on its handle */
	ITEST_MAPI(mapi_attachment_delete(logon, mem_ctx, m, nums[0]),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_seek_row(t, BOOKMARK_BEGINNING, 0, NULL, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 10, 0, true, &rows),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(rows.count == 2, "after delete: %u rows", rows.count);
	/* not a message (MS-OXCMSG 3.2.5.17) */
	ITEST_MAPI(mapi_attachment_table(logon, mem_ctx, logon->handle, 0,
					 &t), ecNullObject);
	return true;
}

/* --------------------------------------------------------- embedded */

static bool test_embedded(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct mapi_message_info *info;
	uint32_t m, att, em, num, h;
	uint64_t mid;
	const char *s;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, logon->handle,
				       inbox_of(logon), false, &m),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_attachment_create(logon, mem_ctx, m, &num, &att),
		   MAPI_E_SUCCESS);
	/* none to open yet */
	ITEST_MAPI(mapi_attachment_open_embedded(logon, mem_ctx, att,
						 OpenEmbedded_ReadOnly,
						 MAPI_CODE_PAGE_SESSION, &em,
						 NULL), MAPI_E_NOT_FOUND);
	ITEST_MAPI(mapi_attachment_open_embedded(logon, mem_ctx, att,
						 OpenEmbedded_Create,
						 MAPI_CODE_PAGE_SESSION, &em,
						 &info), MAPI_E_SUCCESS);
	ITEST_ASSERT(info->mid != 0 && info->recipient_count == 0,
		     "new embedded message");
	ITEST_MAPI(itest_set_string(logon, mem_ctx, em, PidTagSubject_W,
				    "inner", NULL), MAPI_E_SUCCESS);
	/* an attachment inside the embedded message */
	ITEST_ASSERT(add_attachment(logon, mem_ctx, em, AF_BY_VALUE, "in.txt",
				    20, &(uint32_t){ 0 }), "inner attachment");
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, em, KeepOpenReadOnly,
				     NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, att, PidTagAttachMethod)
		     == AF_EMBEDDED_MESSAGE, "afEmbeddedMessage");
	ITEST_MAPI(mapi_attachment_save(logon, mem_ctx, att,
					KeepOpenReadOnly), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadOnly,
				     &mid), MAPI_E_SUCCESS);
	/* reopened from the store */
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, logon->handle,
				     inbox_of(logon), mid, 0, &h, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_attachment_open(logon, mem_ctx, h, num,
					OpenAttachment_ReadOnly, &att),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, att, PidTagAttachSize) >
		     20, "size with the embedded message");
	ITEST_MAPI(mapi_attachment_open_embedded(logon, mem_ctx, att,
						 OpenEmbedded_ReadOnly,
						 MAPI_CODE_PAGE_SESSION, &em,
						 &info), MAPI_E_SUCCESS);
	s = itest_prop_string(logon, mem_ctx, em, PidTagSubject_W);
	ITEST_ASSERT(s != NULL && strcmp(s, "inner") == 0, "inner subject");
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, em, PidTagHasAttachments)
		     == 1 && valid_are(logon, mem_ctx, em, (uint32_t[]){ 0 },
				       1), "inner attachment stored");
	/* read-only: no write access, no save */
	ITEST_MAPI(itest_set_string(logon, mem_ctx, em, PidTagSubject_W, "x",
				    NULL), MAPI_E_NO_ACCESS);
	ITEST_MAPI(mapi_attachment_open_embedded(logon, mem_ctx, att,
						 OpenEmbedded_ReadWrite,
						 MAPI_CODE_PAGE_SESSION, &em,
						 NULL), MAPI_E_NO_ACCESS);
	/* not an attachment (MS-OXCMSG 3.2.5.16) */
	ITEST_MAPI(mapi_attachment_open_embedded(logon, mem_ctx, h,
						 OpenEmbedded_ReadOnly,
						 MAPI_CODE_PAGE_SESSION, &em,
						 NULL), ecNullObject);
	ITEST_MAPI(mapi_attachment_open_embedded(logon, mem_ctx, att,
						 OpenEmbedded_ReadOnly, 0x7777,
						 &em, NULL),
		   ecUnknownCodePage);
	return true;
}

/* An embedded message changed and saved again, then its parent. */
static bool test_embedded_update(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint32_t m, att, em, num, h;
	uint64_t mid;
	const char *s;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, logon->handle,
				       inbox_of(logon), false, &m),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_attachment_create(logon, mem_ctx, m, &num, &att),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_attachment_open_embedded(logon, mem_ctx, att,
						 OpenEmbedded_Create,
						 MAPI_CODE_PAGE_SESSION, &em,
						 NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(itest_set_string(logon, mem_ctx, em, PidTagSubject_W,
				    "v1", NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, em, KeepOpenReadOnly,
				     NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_attachment_save(logon, mem_ctx, att,
					KeepOpenReadOnly), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadWrite,
				     &mid), MAPI_E_SUCCESS);
	/* the second version through a read/write chain */
	ITEST_MAPI(mapi_attachment_open(logon, mem_ctx, m, num,
					OpenAttachment_BestAccess, &att),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_attachment_open_embedded(logon, mem_ctx, att,
						 OpenEmbedded_ReadWrite,
						 MAPI_CODE_PAGE_SESSION, &em,
						 NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(itest_set_string(logon, mem_ctx, em, PidTagSubject_W,
				    "v2", NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, em, KeepOpenReadOnly,
				     NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_attachment_save(logon, mem_ctx, att,
					KeepOpenReadOnly), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadOnly,
				     NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, logon->handle,
				     inbox_of(logon), mid, 0, &h, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_attachment_open(logon, mem_ctx, h, num,
					OpenAttachment_ReadOnly, &att),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_attachment_open_embedded(logon, mem_ctx, att,
						 OpenEmbedded_ReadOnly,
						 MAPI_CODE_PAGE_SESSION, &em,
						 NULL), MAPI_E_SUCCESS);
	s = itest_prop_string(logon, mem_ctx, em, PidTagSubject_W);
	ITEST_ASSERT(s != NULL && strcmp(s, "v2") == 0, "subject %s", s);
	return true;
}

/* -------------------------------------------------- wrong objects */

static bool test_wrong_objects(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint32_t f, m, att, num, *nums;
	uint16_t n;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, logon->handle,
				    inbox_of(logon), &f), MAPI_E_SUCCESS);
	/* MS-OXCMSG 3.2.5.12 - 3.2.5.15, 2.2.3.18 */
	ITEST_MAPI(mapi_attachment_open(logon, mem_ctx, f, 0,
					OpenAttachment_ReadOnly, &att),
		   ecNullObject);
	ITEST_MAPI(mapi_attachment_create(logon, mem_ctx, f, &num, &att),
		   ecNullObject);
	ITEST_MAPI(mapi_attachment_delete(logon, mem_ctx, f, 0),
		   ecNullObject);
	ITEST_MAPI(mapi_attachments_valid(logon, mem_ctx, f, &nums, &n),
		   ecNullObject);
	/* RopSaveChangesAttachment on a message: ecNotSupported */
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, f, inbox_of(logon),
				       false, &m), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_attachment_save(logon, mem_ctx, m, KeepOpenReadOnly),
		   MAPI_E_NO_SUPPORT);
	ITEST_MAPI(mapi_attachment_create(logon, mem_ctx, m, &num, &att),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_attachment_save(logon, mem_ctx, att,
					KeepOpenReadOnly | KeepOpenReadWrite),
		   MAPI_E_NO_SUPPORT);
	/* message ROPs on an attachment */
	ITEST_MAPI(mapi_recipients_remove_all(logon, mem_ctx, att),
		   ecNullObject);
	ITEST_MAPI(mapi_attachment_create(logon, mem_ctx, att, &num, &att),
		   ecNullObject);
	return true;
}

int main(int argc, const char **argv)
{
	static const struct itest tests[] = {
		{ "create", test_create },
		{ "not-saved", test_not_saved },
		{ "delete", test_delete },
		{ "table", test_table },
		{ "embedded", test_embedded },
		{ "embedded-update", test_embedded_update },
		{ "wrong-objects", test_wrong_objects },
	};

	return itest_main("emsmdb-attachments", tests, ARRAY_SIZE(tests),
			  argc, argv);
}
