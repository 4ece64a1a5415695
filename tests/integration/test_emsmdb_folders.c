/*
 * Folder ROPs through libmapi against the test DC (MS-OXCFOLD): the
 * special folders' properties; creating (generic, search, string8,
 * OpenExisting), renaming, moving, copying and deleting folders with
 * their error paths; moving, copying and deleting messages; wrong object
 * types and bad handle indexes.  The session keeps working after every
 * error.
 */
#include "itest_emsmdb.h"
#include "libmapi/table.h"

#define NO_HANDLE 0xFFFFFFFF

/* The special folders: names, classes, counts. */
static bool test_special_folders(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	static const struct { int index; const char *name; const char *cls; }
	cases[] = {
		{ MAPI_LOGON_ROOT, "Root Container", NULL },
		{ MAPI_LOGON_IPM_SUBTREE, "Top of Information Store", NULL },
		{ MAPI_LOGON_INBOX, "Inbox", "IPF.Note" },
		{ MAPI_LOGON_OUTBOX, "Outbox", "IPF.Note" },
		{ MAPI_LOGON_SENT_ITEMS, "Sent Items", "IPF.Note" },
	};
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	size_t i;

	ITEST_ASSERT(logon != NULL, "logon");
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		uint32_t h = NO_HANDLE;
		const char *s;

		ITEST_MAPI(mapi_folder_open(logon, mem_ctx, logon->handle,
					    logon->folder_ids[cases[i].index],
					    &h), MAPI_E_SUCCESS);
		s = itest_prop_string(logon, mem_ctx, h, PidTagDisplayName_W);
		ITEST_ASSERT(s != NULL && strcmp(s, cases[i].name) == 0,
			     "name of %s: %s", cases[i].name,
			     s ? s : "(none)");
		s = itest_prop_string(logon, mem_ctx, h,
				      PidTagContainerClass_W);
		ITEST_ASSERT(cases[i].cls == NULL ||
			     (s != NULL && strcmp(s, cases[i].cls) == 0),
			     "class of %s", cases[i].name);
		ITEST_ASSERT(itest_prop_long(logon, mem_ctx, h,
					     PidTagFolderId) ==
			     (int64_t)logon->folder_ids[cases[i].index],
			     "FolderId of %s", cases[i].name);
		ITEST_ASSERT(itest_prop_long(logon, mem_ctx, h,
					     PidTagContentCount) >= 0,
			     "count of %s", cases[i].name);
		ITEST_MAPI(mapi_object_release(logon, h), MAPI_E_SUCCESS);
	}
	/* the root has subfolders */
	{
		uint32_t h;

		ITEST_MAPI(mapi_folder_open(logon, mem_ctx, logon->handle,
					    logon->folder_ids[0], &h),
			   MAPI_E_SUCCESS);
		ITEST_ASSERT(itest_prop_long(logon, mem_ctx, h,
					     PidTagSubfolders) == 1,
			     "root subfolders");
	}
	return true;
}

static uint32_t open_special(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			     int index)
{
	uint32_t h = NO_HANDLE;

	mapi_folder_open(logon, mem_ctx, logon->handle,
			 logon->folder_ids[index], &h);
	return h;
}

static bool test_create_folder(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_folder_create_options o = { .type = FOLDER_GENERIC };
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint32_t inbox, h, h2;
	uint64_t fid, fid2;
	bool existed = true;
	const char *s;

	ITEST_ASSERT(logon != NULL, "logon");
	inbox = open_special(logon, mem_ctx, MAPI_LOGON_INBOX);
	o.comment = "a comment";
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, inbox, "create-A", &o,
				      &fid, &h, &existed), MAPI_E_SUCCESS);
	ITEST_ASSERT(!existed && (fid & 0xFFFF) == 1 && h != NO_HANDLE,
		     "new folder");
	s = itest_prop_string(logon, mem_ctx, h, PidTagComment_W);
	ITEST_ASSERT(s != NULL && strcmp(s, "a comment") == 0, "comment");
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, h, PidTagFolderType) ==
		     1, "generic folder type");
	/* the same name again: ecDuplicateName, case-insensitively */
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, inbox, "CREATE-a", NULL,
				      &fid2, &h2, NULL), MAPI_E_COLLISION);
	/* ... unless OpenExisting */
	o.open_existing = true;
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, inbox, "create-A", &o,
				      &fid2, &h2, &existed), MAPI_E_SUCCESS);
	ITEST_ASSERT(existed && fid2 == fid, "existing folder opened");
	/* string8 names */
	o.open_existing = false;
	o.string8 = true;
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, inbox, "create-8", &o,
				      &fid2, &h2, NULL), MAPI_E_SUCCESS);
	s = itest_prop_string(logon, mem_ctx, h2, PidTagDisplayName_A);
	ITEST_ASSERT(s != NULL && strcmp(s, "create-8") == 0,
		     "string8 name as string8: %s", s ? s : "(none)");
	s = itest_prop_string(logon, mem_ctx, h2, PidTagDisplayName_W);
	ITEST_ASSERT(s != NULL && strcmp(s, "create-8") == 0,
		     "string8 name as Unicode");
	/* a search folder, under the search root */
	{
		struct mapi_folder_create_options so = {
			.type = FOLDER_SEARCH
		};
		uint32_t finder = open_special(logon, mem_ctx,
					       MAPI_LOGON_SEARCH);

		ITEST_MAPI(mapi_folder_create(logon, mem_ctx, finder,
					      "create-search", &so, &fid2,
					      &h2, NULL), MAPI_E_SUCCESS);
		ITEST_ASSERT(itest_prop_long(logon, mem_ctx, h2,
					     PidTagFolderType) == 2,
			     "search folder type");
	}
	/* a bad folder type, an empty name */
	o.string8 = false;
	o.type = 7;
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, inbox, "create-x", &o,
				      &fid2, &h2, NULL),
		   MAPI_E_INVALID_PARAMETER);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, inbox, "", NULL, &fid2,
				      &h2, NULL), MAPI_E_INVALID_PARAMETER);
	/* the session still works: the folder opens by its id */
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, inbox, fid, &h2),
		   MAPI_E_SUCCESS);
	return true;
}

/* Renaming is SetProperties on PidTagDisplayName. */
static bool test_rename(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct PropertyProblemList p;
	uint32_t inbox, a, b;
	const char *s;

	ITEST_ASSERT(logon != NULL, "logon");
	inbox = open_special(logon, mem_ctx, MAPI_LOGON_INBOX);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, inbox, "rename-A", NULL,
				      NULL, &a, NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, inbox, "rename-B", NULL,
				      NULL, &b, NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(itest_set_string(logon, mem_ctx, a, PidTagDisplayName_W,
				    "rename-A2", &p), MAPI_E_SUCCESS);
	ITEST_ASSERT(p.PropertyProblemCount == 0, "rename problems");
	s = itest_prop_string(logon, mem_ctx, a, PidTagDisplayName_W);
	ITEST_ASSERT(s != NULL && strcmp(s, "rename-A2") == 0, "renamed");
	/* to a sibling's name: a problem, the name stays */
	ITEST_MAPI(itest_set_string(logon, mem_ctx, a, PidTagDisplayName_A,
				    "rename-B", &p), MAPI_E_SUCCESS);
	ITEST_ASSERT(p.PropertyProblemCount == 1 &&
		     p.PropertyProblems[0].ErrorCode == MAPI_E_COLLISION &&
		     p.PropertyProblems[0].PropertyTag == PidTagDisplayName_A,
		     "clash problem");
	s = itest_prop_string(logon, mem_ctx, a, PidTagDisplayName_W);
	ITEST_ASSERT(s != NULL && strcmp(s, "rename-A2") == 0, "name kept");
	return true;
}

static bool test_move_copy(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint32_t inbox, a, b, c, d, h;
	uint64_t fa, fb, fc, fd, fcopy;
	bool existed;

	ITEST_ASSERT(logon != NULL, "logon");
	inbox = open_special(logon, mem_ctx, MAPI_LOGON_INBOX);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, inbox, "mc-A", NULL,
				      &fa, &a, NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, inbox, "mc-B", NULL,
				      &fb, &b, NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, a, "mc-C", NULL, &fc,
				      &c, NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, c, "mc-D", NULL, &fd,
				      &d, NULL), MAPI_E_SUCCESS);
	/* C (with D) from A to B, renamed */
	ITEST_MAPI(mapi_folder_move_copy(logon, mem_ctx, a, b, fc, "mc-C2",
					 false, false), MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, c,
				     PidTagParentFolderId) == (int64_t)fb,
		     "moved under B");
	ITEST_ASSERT(strcmp(itest_prop_string(logon, mem_ctx, c,
					      PidTagDisplayName_W),
			    "mc-C2") == 0, "moved and renamed");
	/* no longer in A */
	ITEST_MAPI(mapi_folder_move_copy(logon, mem_ctx, a, b, fc, "x",
					 false, false), MAPI_E_NOT_FOUND);
	/* B into its own subtree (into D): a cycle */
	ITEST_MAPI(mapi_folder_move_copy(logon, mem_ctx, inbox, d, fb, "mc-B",
					 false, false), MAPI_E_FOLDER_CYCLE);
	/* a name clash at the destination */
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, a, "mc-C2", NULL, NULL,
				      &h, NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_move_copy(logon, mem_ctx, b, a, fc, "mc-C2",
					 false, false), MAPI_E_COLLISION);
	/* an unknown folder id; no destination object */
	ITEST_MAPI(mapi_folder_move_copy(logon, mem_ctx, inbox, a,
					 0x7FFFFFFF0001ULL, "y", false, false),
		   MAPI_E_NOT_FOUND);
	ITEST_MAPI(mapi_folder_move_copy(logon, mem_ctx, inbox, NO_HANDLE,
					 fa, "y", false, false),
		   ecDstNullObject);
	/* a special folder does not move */
	ITEST_MAPI(mapi_folder_move_copy(logon, mem_ctx, inbox, a,
					 logon->folder_ids[MAPI_LOGON_INBOX],
					 "z", false, false),
		   MAPI_E_NOT_FOUND);
	/* copy B recursively into A */
	ITEST_MAPI(mapi_folder_move_copy(logon, mem_ctx, inbox, a, fb,
					 "mc-Bcopy", true, true),
		   MAPI_E_SUCCESS);
	{
		struct mapi_folder_create_options o = {
			.open_existing = true
		};

		ITEST_MAPI(mapi_folder_create(logon, mem_ctx, a, "mc-Bcopy",
					      &o, &fcopy, &h, &existed),
			   MAPI_E_SUCCESS);
		ITEST_ASSERT(existed && fcopy != fb, "copy exists");
		ITEST_ASSERT(itest_prop_long(logon, mem_ctx, h,
					     PidTagSubfolders) == 1,
			     "recursive copy has the subfolder");
		ITEST_MAPI(mapi_folder_create(logon, mem_ctx, h, "mc-C2",
					      &o, NULL, &h, &existed),
			   MAPI_E_SUCCESS);
		ITEST_ASSERT(existed, "copied subfolder");
	}
	/* the original stays */
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, inbox, fb, &h),
		   MAPI_E_SUCCESS);
	return true;
}

static bool test_delete_folder(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint32_t inbox, a, h, ipm;
	uint64_t fa;
	bool partial = false;

	ITEST_ASSERT(logon != NULL, "logon");
	inbox = open_special(logon, mem_ctx, MAPI_LOGON_INBOX);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, inbox, "del-A", NULL,
				      &fa, &a, NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, a, "del-B", NULL, NULL,
				      &h, NULL), MAPI_E_SUCCESS);
	/* not empty, no flags: nothing deleted, PartialCompletion */
	ITEST_MAPI(mapi_folder_delete(logon, mem_ctx, inbox, fa, 0,
				      &partial), MAPI_E_SUCCESS);
	ITEST_ASSERT(partial, "partial completion");
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, inbox, fa, &h),
		   MAPI_E_SUCCESS);
	/* with the flags it goes, with its subfolder */
	ITEST_MAPI(mapi_folder_delete(logon, mem_ctx, inbox, fa,
				      DEL_MESSAGES | DEL_FOLDERS |
				      DELETE_HARD_DELETE, &partial),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(!partial, "complete");
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, inbox, fa, &h),
		   MAPI_E_NOT_FOUND);
	/* again: not found; a special folder: access denied */
	ITEST_MAPI(mapi_folder_delete(logon, mem_ctx, inbox, fa, 0, NULL),
		   MAPI_E_NOT_FOUND);
	ipm = open_special(logon, mem_ctx, MAPI_LOGON_IPM_SUBTREE);
	ITEST_MAPI(mapi_folder_delete(logon, mem_ctx, ipm,
				      logon->folder_ids[MAPI_LOGON_INBOX],
				      DEL_MESSAGES | DEL_FOLDERS, NULL),
		   MAPI_E_NO_ACCESS);
	/* an undefined DeleteFolderFlags bit: ecInvalidParam (MS-OXCFOLD
	 * 3.2.5.3) */
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, inbox, "del-C", NULL,
				      &fa, &a, NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_delete(logon, mem_ctx, inbox, fa, 0x02, NULL),
		   MAPI_E_INVALID_PARAMETER);
	ITEST_MAPI(mapi_folder_delete(logon, mem_ctx, inbox, fa,
				      DELETE_HARD_DELETE, NULL),
		   MAPI_E_SUCCESS);
	/* the session still works */
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, logon->handle,
				    logon->folder_ids[MAPI_LOGON_INBOX], &h),
		   MAPI_E_SUCCESS);
	return true;
}

/* Folders that cannot be emptied; TableFlags a hierarchy table does not
 * take (MS-OXCFOLD 3.2.5.9, 3.2.5.10, 3.2.5.13). */
static bool test_not_supported(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct mapi_folder_create_options o = { .type = FOLDER_SEARCH };
	struct mapi_table *t = NULL;
	uint32_t root, inbox, s = 0;
	uint64_t fs = 0;

	ITEST_ASSERT(logon != NULL, "logon");
	root = open_special(logon, mem_ctx, MAPI_LOGON_ROOT);
	inbox = open_special(logon, mem_ctx, MAPI_LOGON_INBOX);
	ITEST_MAPI(mapi_folder_empty(logon, mem_ctx, root, false),
		   MAPI_E_NO_SUPPORT);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, inbox, "ns-search", &o,
				      &fs, &s, NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_empty(logon, mem_ctx, s, false),
		   MAPI_E_NO_SUPPORT);
	/* Associated is a contents table flag */
	ITEST_MAPI(mapi_table_hierarchy(logon, mem_ctx, inbox,
					TableFlags_Associated, &t, NULL),
		   MAPI_E_NO_SUPPORT);
	ITEST_MAPI(mapi_table_hierarchy(logon, mem_ctx, inbox, 0, &t, NULL),
		   MAPI_E_SUCCESS);
	return true;
}

static bool save_message(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			 uint32_t folder, uint64_t fid, uint64_t *mid)
{
	uint32_t m;

	return mapi_message_create(logon, mem_ctx, folder, fid, false, &m) ==
	       MAPI_E_SUCCESS &&
	       itest_set_string(logon, mem_ctx, m, 0x0037001F, "msg",
				NULL) == MAPI_E_SUCCESS &&
	       mapi_message_save(logon, mem_ctx, m, KeepOpenReadOnly, mid) ==
	       MAPI_E_SUCCESS &&
	       mapi_object_release(logon, m) == MAPI_E_SUCCESS;
}

static bool test_messages(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint32_t inbox, a, b, h;
	uint64_t fa, fb, mids[3], bogus[2];
	bool partial = true;

	ITEST_ASSERT(logon != NULL, "logon");
	inbox = open_special(logon, mem_ctx, MAPI_LOGON_INBOX);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, inbox, "msg-A", NULL,
				      &fa, &a, NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, inbox, "msg-B", NULL,
				      &fb, &b, NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT(save_message(logon, mem_ctx, a, fa, &mids[0]) &&
		     save_message(logon, mem_ctx, a, fa, &mids[1]) &&
		     save_message(logon, mem_ctx, a, fa, &mids[2]),
		     "messages saved");
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, a, PidTagContentCount)
		     == 3, "3 in A");
	/* move one, copy one */
	ITEST_MAPI(mapi_messages_move_copy(logon, mem_ctx, a, b, &mids[0], 1,
					   false, &partial), MAPI_E_SUCCESS);
	ITEST_ASSERT(!partial, "moved");
	ITEST_MAPI(mapi_messages_move_copy(logon, mem_ctx, a, b, &mids[1], 1,
					   true, &partial), MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, a, PidTagContentCount)
		     == 2 && itest_prop_long(logon, mem_ctx, b,
					     PidTagContentCount) == 2,
		     "counts after move/copy");
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, b, fb, mids[0], 0, &h,
				     NULL), MAPI_E_SUCCESS);
	/* a message not in the source: partial completion */
	bogus[0] = mids[0];
	bogus[1] = mids[2];
	ITEST_MAPI(mapi_messages_move_copy(logon, mem_ctx, a, b, bogus, 2,
					   false, &partial), MAPI_E_SUCCESS);
	ITEST_ASSERT(partial, "partial move");
	ITEST_MAPI(mapi_messages_move_copy(logon, mem_ctx, a, NO_HANDLE,
					   mids, 1, false, NULL),
		   ecDstNullObject);
	/* delete, then empty */
	ITEST_MAPI(mapi_messages_delete(logon, mem_ctx, b, &mids[0], 1,
					false), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, b, fb, mids[0], 0, &h,
				     NULL), MAPI_E_NOT_FOUND);
	ITEST_MAPI(mapi_messages_delete(logon, mem_ctx, a, &mids[1], 1,
					true), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, b, "msg-sub", NULL,
				      NULL, &h, NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_empty(logon, mem_ctx, b, false),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, b, PidTagContentCount)
		     == 0 && itest_prop_long(logon, mem_ctx, b,
					     PidTagSubfolders) == 0,
		     "emptied");
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, a, PidTagContentCount)
		     == 0, "A empty");
	return true;
}

#define OPEN_SOFT_DELETED	0x04	/* MS-OXCFOLD 2.2.1.1.1, MS-OXCMSG */
#define TABLE_SOFT_DELETES	0x20	/* MS-OXCFOLD 2.2.1.13.1, 2.2.1.14.1 */

static uint32_t table_rows(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			   uint32_t folder, bool hierarchy, uint8_t flags)
{
	struct mapi_table *t;
	uint32_t count = 0xFFFFFFFF;

	if ((hierarchy ? mapi_table_hierarchy(logon, mem_ctx, folder, flags,
					      &t, &count) :
	     mapi_table_contents(logon, mem_ctx, folder, flags, &t, &count)) !=
	    MAPI_E_SUCCESS) {
		return 0xFFFFFFFF;
	}
	return count;
}

/* mapiadmin purge-deleted on the test user's mailbox. */
static bool purge(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	const char *dir = getenv("BUILDDIR");
	char *cmd = talloc_asprintf(mem_ctx, "%s/bin/mapiadmin -s '%s' "
				    "purge-deleted %s --days 0 >/dev/null",
				    dir != NULL ? dir : ".", env->smb_conf,
				    env->user.username);

	return cmd != NULL && system(cmd) == 0;
}

/* RopHardDeleteMessagesAndSubfolders on the folder @a handle (libmapi
 * has no call for it): its ReturnValue. */
static enum MAPISTATUS hard_empty(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint32_t handle)
{
	struct RopRequest req = {
		.RopId = RopHardDeleteMessagesAndSubfolders,
		.LogonId = logon->logon_id
	};
	struct mapi_emsmdb_rop_result r;
	enum MAPISTATUS rv;

	rv = mapi_emsmdb_rops(logon->emsmdb, mem_ctx, &req, 1, &handle, 1,
			      NULL, &r);
	if (rv != MAPI_E_SUCCESS || r.count != 1) {
		return rv != MAPI_E_SUCCESS ? rv : MAPI_E_CALL_FAILED;
	}
	return r.responses[0].Body.HardDeleteMessagesAndSubfolders
		.ReturnValue;
}

/*
 * Soft deletion (MS-OXCFOLD 2.2.1.3.1, 2.2.1.11, 3.2.5.9): deleted
 * messages and folders are hidden but listed by SoftDeletes tables and
 * opened with OpenSoftDeleted; the Hard ROPs and mapiadmin purge-deleted
 * remove them.
 */
static bool test_soft_delete(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint32_t inbox, a, sub, h;
	uint64_t fa, fsub, mids[2], inner;

	ITEST_ASSERT(logon != NULL, "logon");
	inbox = open_special(logon, mem_ctx, MAPI_LOGON_INBOX);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, inbox, "soft-A", NULL,
				      &fa, &a, NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, a, "soft-sub", NULL,
				      &fsub, &sub, NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT(save_message(logon, mem_ctx, a, fa, &mids[0]) &&
		     save_message(logon, mem_ctx, a, fa, &mids[1]) &&
		     save_message(logon, mem_ctx, sub, fsub, &inner),
		     "messages saved");
	/* RopDeleteMessages: hidden, kept */
	ITEST_MAPI(mapi_messages_delete(logon, mem_ctx, a, &mids[0], 1,
					false), MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, a, PidTagContentCount)
		     == 1, "one left");
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, a, fa, mids[0], 0, &h,
				     NULL), MAPI_E_NOT_FOUND);
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, a, fa, mids[0],
				     OPEN_SOFT_DELETED, &h, NULL),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(table_rows(logon, mem_ctx, a, false, 0) == 1 &&
		     table_rows(logon, mem_ctx, a, false,
				TABLE_SOFT_DELETES) == 1, "tables");
	/* RopHardDeleteMessages: gone for good */
	ITEST_MAPI(mapi_messages_delete(logon, mem_ctx, a, &mids[0], 1,
					true), MAPI_E_SUCCESS);
	ITEST_ASSERT(table_rows(logon, mem_ctx, a, false,
				TABLE_SOFT_DELETES) == 0, "hard deleted");
	/* RopDeleteFolder without DELETE_HARD_DELETE */
	ITEST_MAPI(mapi_folder_delete(logon, mem_ctx, a, fsub,
				      DEL_MESSAGES | DEL_FOLDERS, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, a, fsub, &h),
		   MAPI_E_NOT_FOUND);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, a, PidTagSubfolders) ==
		     0, "no subfolder");
	ITEST_ASSERT(table_rows(logon, mem_ctx, a, true, 0) == 0 &&
		     table_rows(logon, mem_ctx, a, true, TABLE_SOFT_DELETES)
		     == 1, "hierarchy tables");
	ITEST_MAPI(mapi_folder_open_ex(logon, mem_ctx, a, fsub,
				       OPEN_SOFT_DELETED, &h), MAPI_E_SUCCESS);
	ITEST_ASSERT(table_rows(logon, mem_ctx, h, false, 0) == 1,
		     "its message is still there");
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, h, fsub, inner, 0, &sub,
				     NULL), MAPI_E_NOT_FOUND);
	/* RopEmptyFolder soft deletes the last message */
	ITEST_MAPI(mapi_folder_empty(logon, mem_ctx, a, false),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(table_rows(logon, mem_ctx, a, false, 0) == 0 &&
		     table_rows(logon, mem_ctx, a, false,
				TABLE_SOFT_DELETES) == 1, "emptied");
	/* the administrator's purge */
	ITEST_ASSERT(purge(env, mem_ctx), "mapiadmin purge-deleted");
	ITEST_ASSERT(table_rows(logon, mem_ctx, a, false,
				TABLE_SOFT_DELETES) == 0 &&
		     table_rows(logon, mem_ctx, a, true, TABLE_SOFT_DELETES)
		     == 0, "purged");
	ITEST_MAPI(mapi_folder_open_ex(logon, mem_ctx, a, fsub,
				       OPEN_SOFT_DELETED, &h),
		   MAPI_E_NOT_FOUND);
	/* RopHardDeleteMessagesAndSubfolders (3.2.5.10): nothing kept */
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, a, "soft-sub2", NULL,
				      &fsub, &sub, NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT(save_message(logon, mem_ctx, a, fa, &mids[0]) &&
		     save_message(logon, mem_ctx, sub, fsub, &inner),
		     "more messages saved");
	ITEST_ASSERT(hard_empty(logon, mem_ctx, a) == MAPI_E_SUCCESS,
		     "RopHardDeleteMessagesAndSubfolders");
	ITEST_ASSERT(table_rows(logon, mem_ctx, a, false, 0) == 0 &&
		     table_rows(logon, mem_ctx, a, false,
				TABLE_SOFT_DELETES) == 0 &&
		     table_rows(logon, mem_ctx, a, true, 0) == 0 &&
		     table_rows(logon, mem_ctx, a, true, TABLE_SOFT_DELETES)
		     == 0, "hard emptied");
	ITEST_MAPI(mapi_folder_open_ex(logon, mem_ctx, a, fsub,
				       OPEN_SOFT_DELETED, &h),
		   MAPI_E_NOT_FOUND);
	return true;
}

/* A ROP on an object of the wrong kind; a bad handle index. */
static bool test_wrong_objects(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct RopRequest req = { .RopId = RopGetPropertiesList };
	struct mapi_emsmdb_rop_result r;
	uint32_t handles[1];
	uint32_t h;
	uint64_t fid;

	ITEST_ASSERT(logon != NULL, "logon");
	/* RopCreateFolder takes a folder, not a logon: ecNotSupported
	 * (MS-OXCFOLD 3.2.5.2) */
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, logon->handle, "wrong",
				      NULL, &fid, &h, NULL),
		   MAPI_E_NO_SUPPORT);
	/* RopSaveChangesMessage on a folder */
	h = open_special(logon, mem_ctx, MAPI_LOGON_INBOX);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, h, 0, NULL),
		   MAPI_E_INVALID_OBJECT);
	/* a logon as the destination of RopMoveFolder, RopMoveCopyMessages:
	 * ecNotSupported (MS-OXCFOLD 3.2.5.6, 3.2.5.7) */
	ITEST_MAPI(mapi_folder_move_copy(logon, mem_ctx, h, logon->handle,
					 logon->folder_ids[MAPI_LOGON_INBOX],
					 "x", false, false), MAPI_E_NO_SUPPORT);
	fid = 1;
	ITEST_MAPI(mapi_messages_move_copy(logon, mem_ctx, h, logon->handle,
					   &fid, 1, false, NULL),
		   MAPI_E_NO_SUPPORT);
	/* an index outside the handle table */
	handles[0] = logon->handle;
	req.LogonId = logon->logon_id;
	req.HandleIndex = 3;
	ITEST_MAPI(mapi_emsmdb_rops(logon->emsmdb, mem_ctx, &req, 1, handles,
				    1, NULL, &r), MAPI_E_SUCCESS);
	ITEST_ASSERT(r.count == 1 &&
		     r.responses[0].Body.GetPropertiesList.ReturnValue ==
		     ecNullObject, "bad index");
	/* a released handle */
	ITEST_MAPI(mapi_object_release(logon, h), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_empty(logon, mem_ctx, h, false), ecNullObject);
	/* still working */
	ITEST_ASSERT(itest_prop_string(logon, mem_ctx, logon->handle,
				       PidTagDisplayName_W) != NULL,
		     "session works");
	return true;
}

/* The ReturnValue of response @a i, or 0xFFFFFFFF if it is not @a rop. */
static uint32_t rv_of(const struct mapi_emsmdb_rop_result *r, uint32_t i,
		      enum RopId rop)
{
	const struct RopResponse *x = &r->responses[i];

	if (i >= r->count || x->RopId != rop) {
		return 0xFFFFFFFF;
	}
	switch (rop) {
	case RopOpenFolder:
		return x->Body.OpenFolder.ReturnValue;
	case RopCreateFolder:
		return x->Body.CreateFolder.ReturnValue;
	case RopGetPropertiesList:
		return x->Body.GetPropertiesList.ReturnValue;
	default:
		return 0xFFFFFFFF;
	}
}

/*
 * One request mixing failing and working ROPs (MS-OXCROPS 3.2.5.1): an
 * unknown folder id, a ROP on the handle it did not make, a folder ROP on
 * a logon, an index beyond the handle table; each has its own error and
 * the ROPs after them still run.
 */
static bool test_mixed_errors(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct RopRequest r[7];
	uint32_t handles[4] = { 0, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF };
	struct mapi_emsmdb_rop_result res;
	size_t i;

	ITEST_ASSERT(logon != NULL, "logon");
	handles[0] = logon->handle;
	memset(r, 0, sizeof(r));
	for (i = 0; i < ARRAY_SIZE(r); i++) {
		r[i].LogonId = logon->logon_id;
		r[i].RopId = RopGetPropertiesList;
	}
	r[0].RopId = RopOpenFolder;		/* unknown folder id */
	r[0].Body.OpenFolder.OutputHandleIndex = 1;
	r[0].Body.OpenFolder.FolderId = 0x7FFFFFFF0001ULL;
	r[1].HandleIndex = 1;			/* nothing there */
	r[2].RopId = RopCreateFolder;		/* on the logon */
	r[2].Body.CreateFolder.OutputHandleIndex = 2;
	r[2].Body.CreateFolder.UseUnicodeStrings = 1;
	r[2].Body.CreateFolder.DisplayName.Unicode = "mixed";
	r[2].Body.CreateFolder.Comment.Unicode = "";
	r[3].RopId = RopOpenFolder;		/* works */
	r[3].Body.OpenFolder.OutputHandleIndex = 3;
	r[3].Body.OpenFolder.FolderId = logon->folder_ids[MAPI_LOGON_INBOX];
	r[4].HandleIndex = 3;			/* on that folder */
	r[5].HandleIndex = 9;			/* beyond the table */
	r[6].HandleIndex = 0;			/* the logon */
	ITEST_MAPI(mapi_emsmdb_rops(logon->emsmdb, mem_ctx, r, ARRAY_SIZE(r),
				    handles, ARRAY_SIZE(handles), NULL, &res),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(res.count == ARRAY_SIZE(r), "%u responses", res.count);
	ITEST_ASSERT(rv_of(&res, 0, RopOpenFolder) == MAPI_E_NOT_FOUND,
		     "unknown folder");
	ITEST_ASSERT(rv_of(&res, 1, RopGetPropertiesList) == ecNullObject,
		     "no object");
	ITEST_ASSERT(rv_of(&res, 2, RopCreateFolder) == MAPI_E_NO_SUPPORT,
		     "folder ROP on a logon");
	ITEST_ASSERT(rv_of(&res, 3, RopOpenFolder) == MAPI_E_SUCCESS,
		     "open after errors");
	ITEST_ASSERT(rv_of(&res, 4, RopGetPropertiesList) == MAPI_E_SUCCESS,
		     "on the opened folder");
	ITEST_ASSERT(rv_of(&res, 5, RopGetPropertiesList) == ecNullObject,
		     "beyond the table");
	ITEST_ASSERT(rv_of(&res, 6, RopGetPropertiesList) == MAPI_E_SUCCESS,
		     "last ROP");
	ITEST_ASSERT(res.handle_count == ARRAY_SIZE(handles) &&
		     res.handles[1] == 0xFFFFFFFF &&
		     res.handles[2] == 0xFFFFFFFF &&
		     res.handles[3] != 0xFFFFFFFF, "handle table");
	return true;
}

static const struct itest tests[] = {
	{ "special-folders", test_special_folders },
	{ "create-folder", test_create_folder },
	{ "rename", test_rename },
	{ "move-copy", test_move_copy },
	{ "delete-folder", test_delete_folder },
	{ "messages", test_messages },
	{ "wrong-objects", test_wrong_objects },
	{ "not-supported", test_not_supported },
	{ "mixed-errors", test_mixed_errors },
	{ "soft-delete", test_soft_delete },
};

int main(int argc, const char **argv)
{
	return itest_main("emsmdb-folders", tests, ARRAY_SIZE(tests), argc,
			  argv);
}
