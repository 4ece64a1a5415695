/*
 * Store ROPs through libmapi against the test DC (MS-OXCSTOR): RopLogon
 * to one's own mailbox (the special folders, created at the first logon
 * and the same at the next), refused for another user's mailbox and for
 * a malformed Essdn; RopGetReceiveFolder.
 */
#include "itest.h"

#include "libmapi/nspi.h"
#include "libmapi/logon.h"
#include "gen_ndr/ndr_exchange_nsp.h"

#define ITEST_MAPI(expr, expected) do { \
	enum MAPISTATUS _r = (expr); \
	if (_r != (expected)) { \
		ITEST_FAIL("%s:%d: %s gave %s (0x%08x), expected %s", \
			   __FILE__, __LINE__, #expr, mapi_status_string(_r), \
			   (unsigned int)_r, mapi_status_string(expected)); \
	} \
} while (0)

/* The user's legacyExchangeDN, from the address book. */
static const char *dn_of(struct itest_env *env, TALLOC_CTX *mem_ctx,
			 const struct mapi_rpc_params *who)
{
	uint32_t tag = 0x3003001F;	/* PidTagEmailAddress */
	struct PropertyTagArray_r *tags = mapi_nspi_tags(mem_ctx, 1, &tag);
	struct mapi_nspi_resolved *r;
	struct mapi_nspi *nspi;
	const char *name = who->username;

	if (mapi_nspi_connect(mem_ctx, env->rpc, &env->user, 1252, 0x409,
			      &nspi) != MAPI_E_SUCCESS ||
	    mapi_nspi_resolve(nspi, mem_ctx, &name, 1, tags, &r) !=
	    MAPI_E_SUCCESS || r[0].state != MAPI_NSPI_RESOLVED) {
		return NULL;
	}
	return talloc_strdup(mem_ctx, mapi_nspi_row_string(r[0].row, 0x3003));
}

static struct mapi_emsmdb *session(struct itest_env *env, TALLOC_CTX *mem_ctx,
				   const char **dn)
{
	struct mapi_emsmdb *e = NULL;

	*dn = dn_of(env, mem_ctx, &env->user);
	if (*dn == NULL || mapi_emsmdb_connect(mem_ctx, env->rpc, &env->user,
					       *dn, &e) != MAPI_E_SUCCESS) {
		return NULL;
	}
	return e;
}

static bool test_logon_own_mailbox(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon, *again;
	struct mapi_emsmdb *e;
	const char *dn;
	int i, j;

	e = session(env, mem_ctx, &dn);
	ITEST_ASSERT(e != NULL, "EMSMDB session");
	ITEST_MAPI(mapi_logon_private(mem_ctx, e, 0, dn, &logon),
		   MAPI_E_SUCCESS);
	for (i = 0; i < 13; i++) {
		ITEST_ASSERT(logon->folder_ids[i] != 0, "folder %d", i);
		/* FIDs are REPLID 1 + GLOBCNT (MS-OXCDATA 2.2.1.1) */
		ITEST_ASSERT((logon->folder_ids[i] & 0xFFFF) == 0x0001,
			     "folder %d replica", i);
		for (j = 0; j < i; j++) {
			ITEST_ASSERT(logon->folder_ids[i] !=
				     logon->folder_ids[j], "folders %d %d",
				     i, j);
		}
	}
	ITEST_ASSERT((logon->response_flags & 0x07) == 0x07,
		     "owner flags 0x%02x", logon->response_flags);
	ITEST_ASSERT(logon->replid == 1, "ReplId %u", logon->replid);
	/* the same mailbox at the next logon, on a second LogonId */
	ITEST_MAPI(mapi_logon_private(mem_ctx, e, 1, dn, &again),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(GUID_equal(&logon->mailbox_guid, &again->mailbox_guid) &&
		     memcmp(logon->folder_ids, again->folder_ids,
			    sizeof(logon->folder_ids)) == 0,
		     "mailbox changed between logons");
	mapi_emsmdb_disconnect(e);
	return true;
}

static bool test_logon_refused(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	const char *other = dn_of(env, mem_ctx, &env->user2);
	struct RopRequest req = { .RopId = RopLogon };
	struct RopResponse *resp;
	struct mapi_logon *logon;
	struct mapi_emsmdb *e;
	const char *dn;

	e = session(env, mem_ctx, &dn);
	ITEST_ASSERT(e != NULL && other != NULL, "session");
	ITEST_MAPI(mapi_logon_private(mem_ctx, e, 0, other, &logon),
		   ecLoginPerm);
	/* an Essdn without its terminator */
	req.Body.Logon.LogonFlags = LogonFlags_Private;
	req.Body.Logon.EssdnSize = 3;
	req.Body.Logon.Essdn = (uint8_t *)talloc_strdup(mem_ctx, "/o=");
	ITEST_MAPI(mapi_emsmdb_object_rop(e, mem_ctx, 0xFFFFFFFF, &req, &resp,
					  NULL), MAPI_E_INVALID_PARAMETER);
	/* the session still works */
	ITEST_MAPI(mapi_logon_private(mem_ctx, e, 0, dn, &logon),
		   MAPI_E_SUCCESS);
	mapi_emsmdb_disconnect(e);
	return true;
}

static bool test_receive_folder(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	static const struct { const char *cls; const char *expl; int fid; }
	cases[] = {
		{ "IPM.Note", "IPM", MAPI_LOGON_INBOX },
		{ "REPORT.IPM.Note.NDR", "REPORT.IPM", MAPI_LOGON_INBOX },
		{ "IPC.Something", "IPC", MAPI_LOGON_ROOT },
	};
	struct mapi_logon *logon;
	struct mapi_emsmdb *e;
	const char *dn;
	size_t i;

	e = session(env, mem_ctx, &dn);
	ITEST_ASSERT(e != NULL, "session");
	ITEST_MAPI(mapi_logon_private(mem_ctx, e, 0, dn, &logon),
		   MAPI_E_SUCCESS);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct RopRequest req = { .RopId = RopGetReceiveFolder };
		struct RopResponse *resp;
		const struct RopGetReceiveFolder_Success *ok;

		req.Body.GetReceiveFolder.MessageClass = cases[i].cls;
		ITEST_MAPI(mapi_logon_rop(logon, mem_ctx, logon->handle, &req,
					  &resp, NULL), MAPI_E_SUCCESS);
		ok = &resp->Body.GetReceiveFolder.Data.Success;
		ITEST_ASSERT(ok->FolderId ==
			     logon->folder_ids[cases[i].fid] &&
			     strcasecmp(ok->ExplicitMessageClass,
					cases[i].expl) == 0,
			     "%s: 0x%016llx %s", cases[i].cls,
			     (unsigned long long)ok->FolderId,
			     ok->ExplicitMessageClass);
	}
	mapi_emsmdb_disconnect(e);
	return true;
}

/* RopOpenFolder on the special folders, and on a folder that is not. */
static bool test_open_folder(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon;
	struct mapi_emsmdb *e;
	const char *dn;
	int i;

	e = session(env, mem_ctx, &dn);
	ITEST_ASSERT(e != NULL, "session");
	ITEST_MAPI(mapi_logon_private(mem_ctx, e, 0, dn, &logon),
		   MAPI_E_SUCCESS);
	for (i = 0; i < 13; i++) {
		struct RopRequest req = { .RopId = RopOpenFolder };
		struct RopResponse *resp;
		uint32_t handle = 0xFFFFFFFF;

		req.Body.OpenFolder.OutputHandleIndex = 1;
		req.Body.OpenFolder.FolderId = logon->folder_ids[i];
		ITEST_MAPI(mapi_logon_rop(logon, mem_ctx, logon->handle, &req,
					  &resp, &handle), MAPI_E_SUCCESS);
		ITEST_ASSERT(handle != 0xFFFFFFFF &&
			     resp->Body.OpenFolder.Data.Success.IsGhosted == 0,
			     "folder %d", i);
	}
	{
		struct RopRequest req = { .RopId = RopOpenFolder };
		struct RopResponse *resp;

		req.Body.OpenFolder.OutputHandleIndex = 1;
		req.Body.OpenFolder.FolderId = 0x7FFFFFFF0001ULL;
		ITEST_MAPI(mapi_logon_rop(logon, mem_ctx, logon->handle, &req,
					  &resp, NULL), MAPI_E_NOT_FOUND);
	}
	mapi_emsmdb_disconnect(e);
	return true;
}

static const struct itest tests[] = {
	{ "open-folder", test_open_folder },
	{ "logon-own-mailbox", test_logon_own_mailbox },
	{ "logon-refused", test_logon_refused },
	{ "receive-folder", test_receive_folder },
};

int main(int argc, const char **argv)
{
	return itest_main("emsmdb-store", tests, ARRAY_SIZE(tests), argc, argv);
}
