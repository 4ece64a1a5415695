/*
 * Integration suite: RopRelease and the ownership of Server objects
 * (MS-OXCROPS 3.1.5.3, 3.2.5.3) through libmapi against the real server
 * of torture/testenv.  A folder does not own the messages, subfolders
 * and contents tables opened through it; a message owns its attachments
 * and attachment table; an attachment its embedded message; releasing a
 * logon releases every object of the logon.
 */
#include "itest_emsmdb.h"

#include "libmapi/attachment.h"
#include "libmapi/table.h"

#define PidTagSubject_W		0x0037001F
#define PidTagMid		0x674A0014

static uint64_t inbox_of(struct mapi_logon *logon)
{
	return logon->folder_ids[MAPI_LOGON_INBOX];
}

/* Whether @a handle still names an object: RopGetPropertiesSpecific of
 * PidTagSubject answers something else than ecNullObject. */
static bool alive(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
		  uint32_t handle)
{
	uint32_t tag = PidTagSubject_W;
	struct property_row row;

	return mapi_props_get(logon, mem_ctx, handle, &tag, 1, true, 0,
			      &row) != ecNullObject;
}

/* ------------------------------------------------------------ folder */

/* A message opened through a folder outlives the folder's release. */
static bool test_folder_message(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint32_t f, m, m2, att, num;
	uint64_t mid;
	const char *s;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, logon->handle,
				    inbox_of(logon), &f), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, f, inbox_of(logon),
				       false, &m), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_object_release(logon, f), MAPI_E_SUCCESS);
	ITEST_ASSERT(!alive(logon, mem_ctx, f), "the folder is released");
	/* the message works on: properties, attachments, save */
	ITEST_MAPI(itest_set_string(logon, mem_ctx, m, PidTagSubject_W,
				    "after the folder", NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_attachment_create(logon, mem_ctx, m, &num, &att),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_attachment_save(logon, mem_ctx, att,
					KeepOpenReadOnly), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadWrite,
				     &mid), MAPI_E_SUCCESS);
	s = itest_prop_string(logon, mem_ctx, m, PidTagSubject_W);
	ITEST_ASSERT(s != NULL && strcmp(s, "after the folder") == 0,
		     "subject on the handle");
	/* and an opened one likewise */
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, logon->handle,
				    inbox_of(logon), &f), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, f, inbox_of(logon), mid,
				     OpenMessage_ReadWrite, &m2, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_object_release(logon, f), MAPI_E_SUCCESS);
	s = itest_prop_string(logon, mem_ctx, m2, PidTagSubject_W);
	ITEST_ASSERT(s != NULL && strcmp(s, "after the folder") == 0,
		     "subject of the opened message");
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m2, KeepOpenReadOnly,
				     NULL), MAPI_E_SUCCESS);
	return true;
}

/* Contents tables and subfolders opened through a folder outlive it. */
static bool test_folder_table(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	static const uint32_t cols[1] = { PidTagMid };
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct mapi_table_rows rows;
	struct mapi_table *t;
	uint32_t f, sub, m, count;
	uint64_t fid;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, logon->handle,
				    inbox_of(logon), &f), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, f, "release-sub", NULL,
				      &fid, &sub, NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_object_release(logon, f), MAPI_E_SUCCESS);
	/* the subfolder works on */
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, sub, fid, false, &m),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadOnly,
				     NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_contents(logon, mem_ctx, sub, 0, &t, &count),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(count == 1, "%u rows", count);
	/* its contents table outlives it */
	ITEST_MAPI(mapi_object_release(logon, sub), MAPI_E_SUCCESS);
	ITEST_ASSERT(!alive(logon, mem_ctx, sub), "the subfolder released");
	ITEST_MAPI(mapi_table_set_columns(t, cols, 1), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 10, 0, true, &rows),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(rows.count == 1, "%u rows after the release",
		     rows.count);
	ITEST_MAPI(mapi_table_release(t), MAPI_E_SUCCESS);
	/* clean up */
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, logon->handle,
				    inbox_of(logon), &f), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_delete(logon, mem_ctx, f, fid,
				      DEL_MESSAGES | DEL_FOLDERS |
				      DELETE_HARD_DELETE, NULL),
		   MAPI_E_SUCCESS);
	return true;
}

/* ----------------------------------------------------------- message */

/* A message owns its attachments and attachment table; an attachment
 * its embedded message. */
static bool test_message_owns(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct mapi_table *t;
	uint32_t m, att, att2, em, num, num2;

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
	/* the attachment takes its embedded message; the message stays */
	ITEST_MAPI(mapi_object_release(logon, att), MAPI_E_SUCCESS);
	ITEST_ASSERT(!alive(logon, mem_ctx, em), "embedded message released");
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, em, KeepOpenReadOnly,
				     NULL), ecNullObject);
	ITEST_ASSERT(alive(logon, mem_ctx, m), "the message stays");
	/* the message takes its attachments and attachment table */
	ITEST_MAPI(mapi_attachment_create(logon, mem_ctx, m, &num2, &att2),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_attachment_table(logon, mem_ctx, m,
					 AttachmentTable_UseUnicode, &t),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_object_release(logon, m), MAPI_E_SUCCESS);
	ITEST_ASSERT(!alive(logon, mem_ctx, att2), "attachment released");
	ITEST_MAPI(mapi_attachment_save(logon, mem_ctx, att2,
					KeepOpenReadOnly), ecNullObject);
	ITEST_MAPI(mapi_table_set_columns(t, &(uint32_t){ PidTagSubject_W },
					  1), ecNullObject);
	return true;
}

/* ------------------------------------------------------------- logon */

/* Releasing the logon releases every object of the logon. */
static bool test_logon(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct mapi_logon *again = NULL;
	struct mapi_table *t;
	uint32_t f, m, att, num;
	const char *dn = itest_dn_of(env, mem_ctx, &env->user);

	ITEST_ASSERT(logon != NULL && dn != NULL, "logon");
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, logon->handle,
				    inbox_of(logon), &f), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, f, inbox_of(logon),
				       false, &m), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_attachment_create(logon, mem_ctx, m, &num, &att),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_contents(logon, mem_ctx, f, 0, &t, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_object_release(logon, f), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_object_release(logon, logon->handle), MAPI_E_SUCCESS);
	ITEST_ASSERT(!alive(logon, mem_ctx, logon->handle), "logon released");
	ITEST_ASSERT(!alive(logon, mem_ctx, m), "message released");
	ITEST_ASSERT(!alive(logon, mem_ctx, att), "attachment released");
	ITEST_MAPI(mapi_table_set_columns(t, &(uint32_t){ PidTagMid }, 1),
		   ecNullObject);
	/* the same LogonId logs on again on the same session */
	ITEST_MAPI(mapi_logon_private(mem_ctx, logon->emsmdb, 0, dn, &again),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_open(again, mem_ctx, again->handle,
				    inbox_of(again), &f), MAPI_E_SUCCESS);
	ITEST_ASSERT(!alive(again, mem_ctx, m), "the old message stays gone");
	return true;
}

int main(int argc, const char **argv)
{
	static const struct itest tests[] = {
		{ "folder-message", test_folder_message },
		{ "folder-table", test_folder_table },
		{ "message-owns", test_message_owns },
		{ "logon", test_logon },
	};

	return itest_main("emsmdb-release", tests, ARRAY_SIZE(tests), argc,
			  argv);
}
