/*
 * mapitest suite "folder": the folder ROPs (MS-OXCFOLD) through libmapi.
 * Every test works in scratch folders below the Inbox, which go away
 * with the test.
 */
#include <string.h>

#include "mapitest.h"
#include "libmapi/folder.h"
#include "libmapi/folder_path.h"
#include "libmapi/property.h"

#define TAG_DISPLAY_NAME	0x3001001F
#define TAG_FOLDER_TYPE		0x36010003
#define TAG_CONTENT_COUNT	0x36020003
#define TAG_SUBFOLDERS		0x360A000B
#define TAG_FOLDER_ID		0x67480014
#define TAG_PARENT_FOLDER_ID	0x67490014
#define UNKNOWN_FID		0x7FFFFFFF0001ULL
#define HARD			(DEL_MESSAGES | DEL_FOLDERS | DELETE_HARD_DELETE)

/* One property of an object as an integer, or -1. */
static int64_t prop_long(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			 uint32_t handle, uint32_t tag)
{
	struct property_row row;

	if (mapi_props_get(logon, mem_ctx, handle, &tag, 1, true, 0, &row) !=
	    MAPI_E_SUCCESS || row.count != 1 || row.cells[0].flag != 0) {
		return -1;
	}
	switch (row.cells[0].type) {
	case PT_LONG: return row.cells[0].value.Integer32;
	case PT_BOOLEAN: return row.cells[0].value.Boolean;
	case PT_I8: return (int64_t)row.cells[0].value.Integer64;
	default: return -1;
	}
}

/* 2.2.1.1: the special folders open by their IDs, and say so. */
static enum mapitest_result test_open_special(struct mapitest *mt,
					      TALLOC_CTX *mem_ctx)
{
	static const int which[] = {
		MAPI_LOGON_ROOT, MAPI_LOGON_IPM_SUBTREE, MAPI_LOGON_INBOX,
		MAPI_LOGON_OUTBOX, MAPI_LOGON_SENT_ITEMS,
		MAPI_LOGON_DELETED_ITEMS,
	};
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	uint32_t h;
	size_t i;

	if (logon == NULL) {
		return MAPITEST_FAIL;
	}
	for (i = 0; i < ARRAY_SIZE(which); i++) {
		uint64_t fid = logon->folder_ids[which[i]];

		MT_ROP(mt, mapi_folder_open(logon, mem_ctx, logon->handle, fid,
					    &h), MAPI_E_SUCCESS);
		MT_ASSERT(mt, prop_long(logon, mem_ctx, h, TAG_FOLDER_ID) ==
			  (int64_t)fid, "PidTagFolderId of folder %d",
			  which[i]);
		mapi_object_release(logon, h);
	}
	return MAPITEST_PASS;
}

/* An unknown folder ID: ecNotFound, and the session goes on. */
static enum mapitest_result test_open_unknown(struct mapitest *mt,
					      TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	uint32_t h;

	if (logon == NULL) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, mapi_folder_open(logon, mem_ctx, logon->handle,
				    UNKNOWN_FID, &h), MAPI_E_NOT_FOUND);
	MT_MAPI(mt, mapi_folder_open(logon, mem_ctx, logon->handle,
				     logon->folder_ids[MAPI_LOGON_INBOX], &h),
		MAPI_E_SUCCESS);
	return MAPITEST_PASS;
}

/* 2.2.1.2: a generic folder; its parent now has subfolders. */
static enum mapitest_result test_create(struct mapitest *mt,
					TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	uint32_t parent, h;
	uint64_t pfid, fid;
	bool existed = true;

	if (logon == NULL || !mapitest_scratch_folder(mt, mem_ctx, logon, 0,
						      "create", &parent,
						      &pfid)) {
		return MAPITEST_FAIL;
	}
	MT_ASSERT(mt, prop_long(logon, mem_ctx, parent, TAG_SUBFOLDERS) == 0,
		  "a new folder has subfolders");
	MT_ROP(mt, mapi_folder_create(logon, mem_ctx, parent, "child", NULL,
				      &fid, &h, &existed), MAPI_E_SUCCESS);
	MT_ASSERT(mt, !existed && fid != 0, "IsExistingFolder on a new one");
	MT_ASSERT(mt, prop_long(logon, mem_ctx, h, TAG_FOLDER_TYPE) == 1,
		  "PidTagFolderType is not FOLDER_GENERIC");
	MT_ASSERT(mt, prop_long(logon, mem_ctx, h, TAG_PARENT_FOLDER_ID) ==
		  (int64_t)pfid, "PidTagParentFolderId");
	MT_ASSERT(mt, prop_long(logon, mem_ctx, parent, TAG_SUBFOLDERS) == 1,
		  "the parent's PidTagSubfolders");
	return MAPITEST_PASS;
}

/* 3.2.5.2: a name in use (in any case): ecDuplicateName; OpenExisting
 * opens the folder there. */
static enum mapitest_result test_create_duplicate(struct mapitest *mt,
						  TALLOC_CTX *mem_ctx)
{
	struct mapi_folder_create_options o = { .open_existing = true };
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	uint32_t parent, h;
	uint64_t pfid, fid, fid2;
	bool existed = false;

	if (logon == NULL || !mapitest_scratch_folder(mt, mem_ctx, logon, 0,
						      "duplicate", &parent,
						      &pfid)) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, mapi_folder_create(logon, mem_ctx, parent, "Twice", NULL,
				      &fid, &h, NULL), MAPI_E_SUCCESS);
	MT_MAPI(mt, mapi_folder_create(logon, mem_ctx, parent, "TWICE", NULL,
				       &fid2, &h, NULL), MAPI_E_COLLISION);
	MT_MAPI(mt, mapi_folder_create(logon, mem_ctx, parent, "twice", &o,
				       &fid2, &h, &existed), MAPI_E_SUCCESS);
	MT_ASSERT(mt, existed && fid2 == fid, "OpenExisting opened another "
		  "folder");
	return MAPITEST_PASS;
}

/* A search folder under the search root (FolderType 2). */
static enum mapitest_result test_create_search(struct mapitest *mt,
					       TALLOC_CTX *mem_ctx)
{
	struct mapi_folder_create_options o = { .type = FOLDER_SEARCH };
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	uint32_t finder, h;
	uint64_t fid;

	if (logon == NULL) {
		return MAPITEST_FAIL;
	}
	MT_MAPI(mt, mapi_folder_open(logon, mem_ctx, logon->handle,
				     logon->folder_ids[MAPI_LOGON_SEARCH],
				     &finder), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_folder_create(logon, mem_ctx, finder,
				      "mapitest-search", &o, &fid, &h, NULL),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, prop_long(logon, mem_ctx, h, TAG_FOLDER_TYPE) == 2,
		  "PidTagFolderType is not FOLDER_SEARCH");
	mapi_object_release(logon, h);
	MT_MAPI(mt, mapi_folder_delete(logon, mem_ctx, finder, fid, HARD,
				       NULL), MAPI_E_SUCCESS);
	return MAPITEST_PASS;
}

/* A rename is a new PidTagDisplayName; a sibling's name is a problem. */
static enum mapitest_result test_rename(struct mapitest *mt,
					TALLOC_CTX *mem_ctx)
{
	struct TaggedPropertyValue v = { .PropertyTag = TAG_DISPLAY_NAME };
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	struct PropertyProblemList p = { 0 };
	uint32_t parent, a, b;
	uint64_t pfid, fid;

	if (logon == NULL || !mapitest_scratch_folder(mt, mem_ctx, logon, 0,
						      "rename", &parent,
						      &pfid)) {
		return MAPITEST_FAIL;
	}
	MT_MAPI(mt, mapi_folder_create(logon, mem_ctx, parent, "A", NULL,
				       NULL, &a, NULL), MAPI_E_SUCCESS);
	MT_MAPI(mt, mapi_folder_create(logon, mem_ctx, parent, "B", NULL,
				       NULL, &b, NULL), MAPI_E_SUCCESS);
	v.Value.String = "A2";
	MT_ROP(mt, mapi_props_set(logon, mem_ctx, a, &v, 1, &p),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, p.PropertyProblemCount == 0, "rename: a problem");
	MT_MAPI(mt, mapi_folder_find_child(logon, mem_ctx, parent, "a2", &fid),
		MAPI_E_SUCCESS);
	v.Value.String = "b";
	MT_MAPI(mt, mapi_props_set(logon, mem_ctx, a, &v, 1, &p),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, p.PropertyProblemCount == 1 &&
		  p.PropertyProblems[0].ErrorCode == MAPI_E_COLLISION,
		  "a sibling's name is not refused");
	return MAPITEST_PASS;
}

/* 2.2.1.7: a folder moves with its subfolders, renamed; not into its own
 * subtree (ecFolderCycle). */
static enum mapitest_result test_move(struct mapitest *mt,
				      TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	uint32_t root, a, b, c;
	uint64_t rfid, fa, fb, fc, found;

	if (logon == NULL || !mapitest_scratch_folder(mt, mem_ctx, logon, 0,
						      "move", &root, &rfid)) {
		return MAPITEST_FAIL;
	}
	MT_MAPI(mt, mapi_folder_create(logon, mem_ctx, root, "A", NULL, &fa,
				       &a, NULL), MAPI_E_SUCCESS);
	MT_MAPI(mt, mapi_folder_create(logon, mem_ctx, root, "B", NULL, &fb,
				       &b, NULL), MAPI_E_SUCCESS);
	MT_MAPI(mt, mapi_folder_create(logon, mem_ctx, a, "C", NULL, &fc, &c,
				       NULL), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_folder_move_copy(logon, mem_ctx, root, b, fa, "A2",
					 false, false), MAPI_E_SUCCESS);
	MT_MAPI(mt, mapi_folder_find_child(logon, mem_ctx, b, "A2", &found),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, found == fa, "the moved folder has a new ID");
	MT_MAPI(mt, mapi_folder_find_child(logon, mem_ctx, root, "A", &found),
		MAPI_E_NOT_FOUND);
	MT_MAPI(mt, mapi_folder_move_copy(logon, mem_ctx, root, c, fb, "B",
					  false, false), MAPI_E_FOLDER_CYCLE);
	return MAPITEST_PASS;
}

/* 2.2.1.8: a recursive copy has the subfolders; the original stays. */
static enum mapitest_result test_copy(struct mapitest *mt,
				      TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	uint32_t root, a, c, copy;
	uint64_t rfid, fa, fc, fcopy, found;

	if (logon == NULL || !mapitest_scratch_folder(mt, mem_ctx, logon, 0,
						      "copy", &root, &rfid)) {
		return MAPITEST_FAIL;
	}
	MT_MAPI(mt, mapi_folder_create(logon, mem_ctx, root, "A", NULL, &fa,
				       &a, NULL), MAPI_E_SUCCESS);
	MT_MAPI(mt, mapi_folder_create(logon, mem_ctx, a, "C", NULL, &fc, &c,
				       NULL), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_folder_move_copy(logon, mem_ctx, root, root, fa,
					 "A copy", true, true),
	       MAPI_E_SUCCESS);
	MT_MAPI(mt, mapi_folder_find_child(logon, mem_ctx, root, "A copy",
					   &fcopy), MAPI_E_SUCCESS);
	MT_ASSERT(mt, fcopy != fa, "the copy has the original's ID");
	MT_MAPI(mt, mapi_folder_open(logon, mem_ctx, logon->handle, fcopy,
				     &copy), MAPI_E_SUCCESS);
	MT_MAPI(mt, mapi_folder_find_child(logon, mem_ctx, copy, "C", &found),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, found != fc, "the copied subfolder is the original");
	MT_MAPI(mt, mapi_folder_find_child(logon, mem_ctx, root, "A", &found),
		MAPI_E_SUCCESS);
	return MAPITEST_PASS;
}

/* 2.2.1.3: without flags a folder that is not empty stays
 * (PartialCompletion); with them it goes. */
static enum mapitest_result test_delete(struct mapitest *mt,
					TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	uint32_t root, a, h;
	uint64_t rfid, fa, mid;
	bool partial = false;

	if (logon == NULL || !mapitest_scratch_folder(mt, mem_ctx, logon, 0,
						      "delete", &root, &rfid)) {
		return MAPITEST_FAIL;
	}
	MT_MAPI(mt, mapi_folder_create(logon, mem_ctx, root, "A", NULL, &fa,
				       &a, NULL), MAPI_E_SUCCESS);
	if (!mapitest_message(mt, mem_ctx, logon, a, fa, "keep me", 1,
			      &mid)) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, mapi_folder_delete(logon, mem_ctx, root, fa, 0, &partial),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, partial, "no PartialCompletion for a folder with a "
		  "message");
	MT_MAPI(mt, mapi_folder_open(logon, mem_ctx, logon->handle, fa, &h),
		MAPI_E_SUCCESS);
	MT_MAPI(mt, mapi_folder_delete(logon, mem_ctx, root, fa, HARD,
				       &partial), MAPI_E_SUCCESS);
	MT_ASSERT(mt, !partial, "PartialCompletion with DEL_MESSAGES");
	MT_MAPI(mt, mapi_folder_open(logon, mem_ctx, logon->handle, fa, &h),
		MAPI_E_NOT_FOUND);
	MT_MAPI(mt, mapi_folder_delete(logon, mem_ctx, root, fa, HARD, NULL),
		MAPI_E_NOT_FOUND);
	return MAPITEST_PASS;
}

/* MS-OXOSFLD: a special folder is not deleted. */
static enum mapitest_result test_delete_special(struct mapitest *mt,
						TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	uint64_t inbox;
	uint32_t ipm, h;
	bool partial = false;
	enum MAPISTATUS rv;

	if (logon == NULL) {
		return MAPITEST_FAIL;
	}
	inbox = logon->folder_ids[MAPI_LOGON_INBOX];
	MT_MAPI(mt, mapi_folder_open(logon, mem_ctx, logon->handle,
				     logon->folder_ids[MAPI_LOGON_IPM_SUBTREE],
				     &ipm), MAPI_E_SUCCESS);
	rv = mapi_folder_delete(logon, mem_ctx, ipm, inbox, HARD, &partial);
	MT_ASSERT(mt, rv != MAPI_E_SUCCESS || partial,
		  "deleting the Inbox succeeded");
	MT_MAPI(mt, mapi_folder_open(logon, mem_ctx, logon->handle, inbox,
				     &h), MAPI_E_SUCCESS);
	return MAPITEST_PASS;
}

/* 2.2.1.9: RopEmptyFolder leaves no message and no subfolder. */
static enum mapitest_result test_empty(struct mapitest *mt,
				       TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	uint32_t root, h;
	uint64_t rfid, mid;

	if (logon == NULL || !mapitest_scratch_folder(mt, mem_ctx, logon, 0,
						      "empty", &root, &rfid) ||
	    !mapitest_message(mt, mem_ctx, logon, root, rfid, "one", 1,
			      &mid) ||
	    !mapitest_message(mt, mem_ctx, logon, root, rfid, "two", 1,
			      &mid)) {
		return MAPITEST_FAIL;
	}
	MT_MAPI(mt, mapi_folder_create(logon, mem_ctx, root, "sub", NULL,
				       NULL, &h, NULL), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_folder_empty(logon, mem_ctx, root, false),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, prop_long(logon, mem_ctx, root, TAG_CONTENT_COUNT) == 0,
		  "messages left");
	MT_ASSERT(mt, prop_long(logon, mem_ctx, root, TAG_SUBFOLDERS) == 0,
		  "subfolders left");
	return MAPITEST_PASS;
}

/* 2.2.1.11, 2.2.1.6: messages deleted, moved and copied. */
static enum mapitest_result test_messages(struct mapitest *mt,
					  TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	uint32_t a, b;
	uint64_t fa, fb, mids[3];
	bool partial = true;
	int i;

	if (logon == NULL || !mapitest_scratch_folder(mt, mem_ctx, logon, 0,
						      "messages-a", &a, &fa) ||
	    !mapitest_scratch_folder(mt, mem_ctx, logon, 0, "messages-b", &b,
				     &fb)) {
		return MAPITEST_FAIL;
	}
	for (i = 0; i < 3; i++) {
		if (!mapitest_message(mt, mem_ctx, logon, a, fa, "message", 1,
				      &mids[i])) {
			return MAPITEST_FAIL;
		}
	}
	MT_ROP(mt, mapi_messages_move_copy(logon, mem_ctx, a, b, &mids[0], 1,
					   false, &partial), MAPI_E_SUCCESS);
	MT_ASSERT(mt, !partial, "move: PartialCompletion");
	MT_ROP(mt, mapi_messages_move_copy(logon, mem_ctx, a, b, &mids[1], 1,
					   true, &partial), MAPI_E_SUCCESS);
	MT_ASSERT(mt, prop_long(logon, mem_ctx, a, TAG_CONTENT_COUNT) == 2 &&
		  prop_long(logon, mem_ctx, b, TAG_CONTENT_COUNT) == 2,
		  "counts after a move and a copy");
	MT_ROP(mt, mapi_messages_delete(logon, mem_ctx, a, &mids[2], 1, true),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, prop_long(logon, mem_ctx, a, TAG_CONTENT_COUNT) == 1,
		  "count after a hard delete");
	return MAPITEST_PASS;
}

static const struct mapitest_test folder_tests[] = {
	{ "open_special", "RopOpenFolder on the special folders",
	  test_open_special },
	{ "open_unknown", "RopOpenFolder of an unknown folder ID",
	  test_open_unknown },
	{ "create", "RopCreateFolder, a generic folder", test_create },
	{ "create_duplicate", "RopCreateFolder: duplicate names, OpenExisting",
	  test_create_duplicate },
	{ "create_search", "RopCreateFolder, a search folder",
	  test_create_search },
	{ "rename", "a folder renamed, and onto a sibling's name",
	  test_rename },
	{ "move", "RopMoveFolder, and into its own subtree", test_move },
	{ "copy", "RopCopyFolder, recursive", test_copy },
	{ "delete", "RopDeleteFolder with and without flags", test_delete },
	{ "delete_special", "RopDeleteFolder of the Inbox",
	  test_delete_special },
	{ "empty", "RopEmptyFolder", test_empty },
	{ "messages", "RopMoveCopyMessages, RopHardDeleteMessages",
	  test_messages },
};

const struct mapitest_suite mapitest_suite_folder = {
	.name = "folder",
	.description = "folders (MS-OXCFOLD)",
	.tests = folder_tests,
	.count = ARRAY_SIZE(folder_tests),
};
