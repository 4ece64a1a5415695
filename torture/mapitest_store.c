/*
 * mapitest suite "store": logons and the store ROPs (MS-OXCSTOR) through
 * libmapi: RopLogon to the mailbox and the public folders, receive
 * folders, long-term IDs, the store state, owning servers and ghosted
 * public folders, the store object's properties.
 */
#include <string.h>
#include <strings.h>

#include "mapitest.h"
#include "libmapi/folder.h"
#include "libmapi/property.h"

#define RESPONSE_FLAGS_RESERVED	0x01	/* MS-OXCSTOR 2.2.1.1.3 */
#define RESPONSE_FLAGS_OWNER	0x02
#define UNKNOWN_FID		0x7FFFFFFF0001ULL

static enum MAPISTATUS store_rop(struct mapi_logon *logon,
				 TALLOC_CTX *mem_ctx, struct RopRequest *req,
				 struct RopResponse **resp)
{
	return mapi_logon_rop(logon, mem_ctx, logon->handle, req, resp, NULL);
}

/* 2.2.1.1.3: thirteen distinct folders, the Reserved and OwnerRight
 * flags on one's own mailbox, a mailbox GUID. */
static enum mapitest_result test_logon_private(struct mapitest *mt,
					       TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	int i, j;

	if (logon == NULL) {
		return MAPITEST_FAIL;
	}
	for (i = 0; i < 13; i++) {
		MT_ASSERT(mt, logon->folder_ids[i] != 0, "FolderIds[%d] is 0",
			  i);
		for (j = 0; j < i; j++) {
			MT_ASSERT(mt, logon->folder_ids[i] !=
				  logon->folder_ids[j],
				  "FolderIds[%d] == FolderIds[%d]", i, j);
		}
	}
	MT_ASSERT(mt, (logon->response_flags & (RESPONSE_FLAGS_RESERVED |
						RESPONSE_FLAGS_OWNER)) ==
		  (RESPONSE_FLAGS_RESERVED | RESPONSE_FLAGS_OWNER),
		  "ResponseFlags 0x%02x", logon->response_flags);
	MT_ASSERT(mt, !GUID_all_zero(&logon->mailbox_guid), "no MailboxGuid");
	MT_ASSERT(mt, !GUID_all_zero(&logon->replica_guid), "no ReplGuid");
	return MAPITEST_PASS;
}

/* 2.2.1.1.4: the public folders' root and subtrees. */
static enum mapitest_result test_logon_public(struct mapitest *mt,
					      TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *pub = mapitest_public(mt, mem_ctx);

	if (pub == NULL) {
		return MAPITEST_FAIL;
	}
	MT_ASSERT(mt, pub->folder_ids[MAPI_PUBLIC_ROOT] != 0 &&
		  pub->folder_ids[MAPI_PUBLIC_IPM_SUBTREE] != 0 &&
		  pub->folder_ids[MAPI_PUBLIC_NON_IPM_SUBTREE] != 0,
		  "public root or subtrees missing");
	MT_ASSERT(mt, !GUID_all_zero(&pub->replica_guid), "no ReplGuid");
	return MAPITEST_PASS;
}

static enum MAPISTATUS get_receive_folder(struct mapi_logon *logon,
					  TALLOC_CTX *mem_ctx,
					  const char *cls, uint64_t *fid,
					  const char **explicit_class)
{
	struct RopRequest req = { .RopId = RopGetReceiveFolder };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	req.Body.GetReceiveFolder.MessageClass = cls;
	rv = store_rop(logon, mem_ctx, &req, &resp);
	if (rv == MAPI_E_SUCCESS) {
		*fid = resp->Body.GetReceiveFolder.Data.Success.FolderId;
		*explicit_class = resp->Body.GetReceiveFolder.Data.Success
					  .ExplicitMessageClass;
	}
	return rv;
}

static enum MAPISTATUS set_receive_folder(struct mapi_logon *logon,
					  TALLOC_CTX *mem_ctx,
					  const char *cls, uint64_t fid)
{
	struct RopRequest req = { .RopId = RopSetReceiveFolder };
	struct RopResponse *resp;

	req.Body.SetReceiveFolder.FolderId = fid;
	req.Body.SetReceiveFolder.MessageClass = cls;
	return store_rop(logon, mem_ctx, &req, &resp);
}

/* 3.2.5.2: IPM.Note mail goes to the Inbox, by the class "IPM". */
static enum mapitest_result test_receive_folder(struct mapitest *mt,
						TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	const char *cls = NULL;
	uint64_t fid = 0;

	if (logon == NULL) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, get_receive_folder(logon, mem_ctx, "IPM.Note", &fid, &cls),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, fid == logon->folder_ids[MAPI_LOGON_INBOX],
		  "IPM.Note goes to 0x%016llx, not the Inbox",
		  (unsigned long long)fid);
	MT_ASSERT(mt, cls != NULL && strcasecmp(cls, "IPM") == 0,
		  "ExplicitMessageClass '%s'", cls ? cls : "");
	return MAPITEST_PASS;
}

/* 3.2.5.3: a class set to a folder, then removed (FolderId 0). */
static enum mapitest_result test_set_receive_folder(struct mapitest *mt,
						    TALLOC_CTX *mem_ctx)
{
	static const char cls[] = "IPM.Note.Mapitest";
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	const char *got = NULL;
	uint64_t fid, rf = 0;
	uint32_t h;

	if (logon == NULL || !mapitest_scratch_folder(mt, mem_ctx, logon, 0,
						      "receive", &h, &fid)) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, set_receive_folder(logon, mem_ctx, cls, fid),
	       MAPI_E_SUCCESS);
	MT_MAPI(mt, get_receive_folder(logon, mem_ctx, "IPM.Note.Mapitest.X",
				       &rf, &got), MAPI_E_SUCCESS);
	MT_ASSERT(mt, rf == fid && got != NULL && strcasecmp(got, cls) == 0,
		  "receive folder of %s.X: 0x%016llx by '%s'", cls,
		  (unsigned long long)rf, got ? got : "");
	MT_MAPI(mt, set_receive_folder(logon, mem_ctx, cls, 0),
		MAPI_E_SUCCESS);
	MT_MAPI(mt, get_receive_folder(logon, mem_ctx, cls, &rf, &got),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, rf == logon->folder_ids[MAPI_LOGON_INBOX],
		  "after removal: 0x%016llx", (unsigned long long)rf);
	return MAPITEST_PASS;
}

/* 3.2.5.8, 3.2.5.9: a folder ID to its long-term ID and back. */
static enum mapitest_result test_long_term_id(struct mapitest *mt,
					      TALLOC_CTX *mem_ctx)
{
	struct RopRequest req = { .RopId = RopLongTermIdFromId };
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	uint64_t inbox;
	struct RopResponse *resp;
	struct LongTermId lt;

	if (logon == NULL) {
		return MAPITEST_FAIL;
	}
	inbox = logon->folder_ids[MAPI_LOGON_INBOX];
	req.Body.LongTermIdFromId.ObjectId = inbox;
	MT_ROP(mt, store_rop(logon, mem_ctx, &req, &resp), MAPI_E_SUCCESS);
	lt = resp->Body.LongTermIdFromId.Data.LongTermId;
	MT_ASSERT(mt, GUID_equal(&lt.DatabaseGuid, &logon->replica_guid),
		  "DatabaseGuid is not the logon's ReplGuid");
	MT_ASSERT(mt, memcmp(lt.GlobalCounter, (uint8_t *)&inbox + 2, 6) == 0,
		  "GlobalCounter differs from the folder ID's");
	req = (struct RopRequest){ .RopId = RopIdFromLongTermId };
	req.Body.IdFromLongTermId.LongTermId = lt;
	MT_ROP(mt, store_rop(logon, mem_ctx, &req, &resp), MAPI_E_SUCCESS);
	MT_ASSERT(mt, resp->Body.IdFromLongTermId.Data.ObjectId == inbox,
		  "round trip gave 0x%016llx", (unsigned long long)
		  resp->Body.IdFromLongTermId.Data.ObjectId);
	return MAPITEST_PASS;
}

/* 3.2.5.5 */
static enum mapitest_result test_store_state(struct mapitest *mt,
					     TALLOC_CTX *mem_ctx)
{
	struct RopRequest req = { .RopId = RopGetStoreState };
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	struct RopResponse *resp;

	if (logon == NULL) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, store_rop(logon, mem_ctx, &req, &resp), MAPI_E_SUCCESS);
	return MAPITEST_PASS;
}

/* 3.2.5.6, 3.2.5.7: a public folder has an owning server and, on the
 * server that answers, is not ghosted; an unknown folder is not found. */
static enum mapitest_result test_public_replicas(struct mapitest *mt,
						 TALLOC_CTX *mem_ctx)
{
	struct RopRequest req = { .RopId = RopGetOwningServers };
	struct mapi_logon *pub = mapitest_public(mt, mem_ctx);
	struct RopResponse *resp;

	if (pub == NULL) {
		return MAPITEST_FAIL;
	}
	req.Body.GetOwningServers.FolderId =
		pub->folder_ids[MAPI_PUBLIC_IPM_SUBTREE];
	MT_ROP(mt, store_rop(pub, mem_ctx, &req, &resp), MAPI_E_SUCCESS);
	MT_ASSERT(mt, resp->Body.GetOwningServers.Data.Success
		  .OwningServersCount >= 1, "no owning server");
	req = (struct RopRequest){ .RopId = RopPublicFolderIsGhosted };
	req.Body.PublicFolderIsGhosted.FolderId =
		pub->folder_ids[MAPI_PUBLIC_IPM_SUBTREE];
	MT_ROP(mt, store_rop(pub, mem_ctx, &req, &resp), MAPI_E_SUCCESS);
	req.Body.PublicFolderIsGhosted.FolderId = UNKNOWN_FID;
	MT_MAPI(mt, store_rop(pub, mem_ctx, &req, &resp), MAPI_E_NOT_FOUND);
	return MAPITEST_PASS;
}

/* MS-OXCPRPT on the store object: its display name and property list. */
static enum mapitest_result test_store_properties(struct mapitest *mt,
						  TALLOC_CTX *mem_ctx)
{
	const uint32_t tag = 0x3001001F;	/* PidTagDisplayName */
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	struct TaggedPropertyValue *all = NULL;
	struct property_row row;
	uint16_t count = 0;

	if (logon == NULL) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, mapi_props_get(logon, mem_ctx, logon->handle, &tag, 1,
				  true, 0, &row), MAPI_E_SUCCESS);
	MT_ASSERT(mt, row.count == 1 && row.cells[0].flag == 0 &&
		  row.cells[0].value.String != NULL &&
		  row.cells[0].value.String[0] != '\0',
		  "the store has no display name");
	MT_ROP(mt, mapi_props_get_all(logon, mem_ctx, logon->handle, true,
				      &all, &count), MAPI_E_SUCCESS);
	MT_ASSERT(mt, count > 0, "RopGetPropertiesAll: no property");
	return MAPITEST_PASS;
}

static const struct mapitest_test store_tests[] = {
	{ "logon_private", "RopLogon to one's mailbox: folders, flags, GUIDs",
	  test_logon_private },
	{ "logon_public", "RopLogon to the public folders",
	  test_logon_public },
	{ "receive_folder", "RopGetReceiveFolder: IPM.Note to the Inbox",
	  test_receive_folder },
	{ "set_receive_folder", "RopSetReceiveFolder, set and removed",
	  test_set_receive_folder },
	{ "long_term_id", "RopLongTermIdFromId and RopIdFromLongTermId",
	  test_long_term_id },
	{ "store_state", "RopGetStoreState", test_store_state },
	{ "public_replicas", "RopGetOwningServers, RopPublicFolderIsGhosted",
	  test_public_replicas },
	{ "store_properties", "properties of the store object",
	  test_store_properties },
};

const struct mapitest_suite mapitest_suite_store = {
	.name = "store",
	.description = "logons and store operations (MS-OXCSTOR)",
	.tests = store_tests,
	.count = ARRAY_SIZE(store_tests),
};
