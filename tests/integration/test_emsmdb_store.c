/*
 * Store ROPs through libmapi against the test DC (MS-OXCSTOR): RopLogon
 * to one's own mailbox (the special folders, created at the first logon
 * and the same at the next), refused for another user's mailbox and for
 * a malformed Essdn; the public folders logon; the receive folders
 * (get, set and its protected classes, the table); long-term ids; store
 * state, owning servers, ghosting; per-user information of public
 * folders on both kinds of logon.
 */
#include "itest.h"

#include "libmapi/nspi.h"
#include "libmapi/logon.h"
#include "libmapi/ndr/property_row.h"
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


/* One ROP on the logon object itself. */
static enum MAPISTATUS logon_rop(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
				 struct RopRequest *req,
				 struct RopResponse **resp)
{
	return mapi_logon_rop(logon, mem_ctx, logon->handle, req, resp, NULL);
}

/* A private and a public logon on one session. */
static bool both_logons(struct itest_env *env, TALLOC_CTX *mem_ctx,
			struct mapi_emsmdb **e, struct mapi_logon **priv,
			struct mapi_logon **pub)
{
	const char *dn;

	*e = session(env, mem_ctx, &dn);
	return *e != NULL &&
	       mapi_logon_private(mem_ctx, *e, 0, dn, priv) ==
	       MAPI_E_SUCCESS &&
	       mapi_logon_public(mem_ctx, *e, 1, pub) == MAPI_E_SUCCESS;
}

static bool test_logon_public(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct RopRequest req = { .RopId = RopLogon, .LogonId = 2 };
	struct mapi_logon *pub, *pub2;
	struct mapi_emsmdb *e, *e2 = NULL;
	struct RopResponse *resp;
	const char *dn2 = dn_of(env, mem_ctx, &env->user2);
	const char *dn;
	int i, j;

	e = session(env, mem_ctx, &dn);
	ITEST_ASSERT(e != NULL && dn2 != NULL, "session");
	ITEST_MAPI(mapi_logon_public(mem_ctx, e, 0, &pub), MAPI_E_SUCCESS);
	/* MS-OXCSTOR 2.2.1.1.4: ten folders, then three unused ids */
	for (i = 0; i < 13; i++) {
		ITEST_ASSERT((pub->folder_ids[i] != 0) == (i < 10),
			     "public folder %d: 0x%016llx", i,
			     (unsigned long long)pub->folder_ids[i]);
		for (j = 0; j < i && i < 10; j++) {
			ITEST_ASSERT(pub->folder_ids[i] != pub->folder_ids[j],
				     "public folders %d %d", i, j);
		}
	}
	ITEST_ASSERT(pub->replid == 1 && !GUID_all_zero(&pub->replica_guid),
		     "ReplId %u", pub->replid);
	/* the public folders open like any folder */
	for (i = 0; i < 10; i++) {
		struct RopRequest o = { .RopId = RopOpenFolder };

		o.Body.OpenFolder.OutputHandleIndex = 1;
		o.Body.OpenFolder.FolderId = pub->folder_ids[i];
		ITEST_MAPI(mapi_logon_rop(pub, mem_ctx, pub->handle, &o, &resp,
					  NULL), MAPI_E_SUCCESS);
	}
	/* one public store per server: another user sees the same one */
	ITEST_MAPI(mapi_emsmdb_connect(mem_ctx, env->rpc, &env->user2, dn2,
				       &e2), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_logon_public(mem_ctx, e2, 0, &pub2), MAPI_E_SUCCESS);
	ITEST_ASSERT(memcmp(pub->folder_ids, pub2->folder_ids,
			    sizeof(pub->folder_ids)) == 0 &&
		     GUID_equal(&pub->replica_guid, &pub2->replica_guid),
		     "two public stores");
	/* without OpenFlags PUBLIC (MS-OXCSTOR 3.2.5.1.2) */
	ITEST_MAPI(mapi_emsmdb_object_rop(e, mem_ctx, 0xFFFFFFFF, &req, &resp,
					  NULL), MAPI_E_INVALID_PARAMETER);
	mapi_emsmdb_disconnect(e2);
	mapi_emsmdb_disconnect(e);
	return true;
}

static enum MAPISTATUS set_receive(struct mapi_logon *logon,
				   TALLOC_CTX *mem_ctx, const char *cls,
				   uint64_t fid)
{
	struct RopRequest req = { .RopId = RopSetReceiveFolder };
	struct RopResponse *resp;

	req.Body.SetReceiveFolder.FolderId = fid;
	req.Body.SetReceiveFolder.MessageClass = cls;
	return logon_rop(logon, mem_ctx, &req, &resp);
}

static uint64_t get_receive(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			    const char *cls, const char **expl)
{
	struct RopRequest req = { .RopId = RopGetReceiveFolder };
	struct RopResponse *resp;

	req.Body.GetReceiveFolder.MessageClass = cls;
	if (logon_rop(logon, mem_ctx, &req, &resp) != MAPI_E_SUCCESS) {
		return 0;
	}
	*expl = resp->Body.GetReceiveFolder.Data.Success.ExplicitMessageClass;
	return resp->Body.GetReceiveFolder.Data.Success.FolderId;
}

static bool test_set_receive_folder(struct itest_env *env,
				    TALLOC_CTX *mem_ctx)
{
	static const struct { const char *cls; uint64_t fid; int rv; }
	refused[] = {
		/* MS-OXCSTOR 3.2.5.3: "IPM" never changes, the default
		 * receive folder is not removed */
		{ "IPM", 1, MAPI_E_NO_ACCESS },
		{ "ipm", 0, MAPI_E_NO_ACCESS },
		{ "", 0, MAPI_E_CALL_FAILED },
		/* MS-OXCSTOR 2.2.1.3.1: the class's syntax */
		{ ".IPM", 1, MAPI_E_INVALID_PARAMETER },
		{ "IPM.", 1, MAPI_E_INVALID_PARAMETER },
		{ "IPM..Note", 1, MAPI_E_INVALID_PARAMETER },
		{ "IPM.\x01", 1, MAPI_E_INVALID_PARAMETER },
	};
	struct mapi_logon *logon, *pub;
	struct mapi_emsmdb *e;
	const char *expl = NULL;
	uint64_t sent;
	size_t i;

	ITEST_ASSERT(both_logons(env, mem_ctx, &e, &logon, &pub), "logons");
	sent = logon->folder_ids[MAPI_LOGON_SENT_ITEMS];
	for (i = 0; i < ARRAY_SIZE(refused); i++) {
		uint64_t fid = refused[i].fid ? sent : 0;

		ITEST_MAPI(set_receive(logon, mem_ctx, refused[i].cls, fid),
			   (enum MAPISTATUS)refused[i].rv);
	}
	/* a folder that does not exist */
	ITEST_MAPI(set_receive(logon, mem_ctx, "IPM.Custom",
			       0x7FFFFFFF0001ULL), MAPI_E_NOT_FOUND);
	/* receive folders are a mailbox's */
	ITEST_MAPI(set_receive(pub, mem_ctx, "IPM.Custom",
			       pub->folder_ids[MAPI_PUBLIC_IPM_SUBTREE]),
		   MAPI_E_NO_SUPPORT);
	/* a class of one's own, its subclasses follow; then removed */
	ITEST_MAPI(set_receive(logon, mem_ctx, "IPM.Custom", sent),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(get_receive(logon, mem_ctx, "IPM.Custom.Sub", &expl) ==
		     sent && strcasecmp(expl, "IPM.Custom") == 0,
		     "IPM.Custom.Sub -> %s", expl ? expl : "?");
	ITEST_MAPI(set_receive(logon, mem_ctx, "IPM.Custom", 0),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(get_receive(logon, mem_ctx, "IPM.Custom.Sub", &expl) ==
		     logon->folder_ids[MAPI_LOGON_INBOX] &&
		     strcasecmp(expl, "IPM") == 0, "removed: %s",
		     expl ? expl : "?");
	/* REPORT.IPM may move, and back; so may the default one */
	ITEST_MAPI(set_receive(logon, mem_ctx, "REPORT.IPM", sent),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(get_receive(logon, mem_ctx, "Report.IPM.Note", &expl) ==
		     sent, "REPORT.IPM moved");
	ITEST_MAPI(set_receive(logon, mem_ctx, "REPORT.IPM",
			       logon->folder_ids[MAPI_LOGON_INBOX]),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(set_receive(logon, mem_ctx, "", sent), MAPI_E_SUCCESS);
	ITEST_ASSERT(get_receive(logon, mem_ctx, "Other.Class", &expl) ==
		     sent, "default moved");
	ITEST_MAPI(set_receive(logon, mem_ctx, "",
			       logon->folder_ids[MAPI_LOGON_INBOX]),
		   MAPI_E_SUCCESS);
	mapi_emsmdb_disconnect(e);
	return true;
}

/* MS-OXCSTOR 2.2.1.4.2: FolderId, MessageClass, LastModificationTime */
static const uint32_t rf_columns[] = { 0x67480014, 0x001A001E, 0x30080040 };

static bool check_rf_row(const struct property_row *row,
			 const struct mapi_logon *logon)
{
	const char *cls = row->cells[1].value.String8;
	uint64_t fid = row->cells[0].value.Integer64;
	int want = strcasecmp(cls, "IPC") == 0 ? MAPI_LOGON_ROOT
					       : MAPI_LOGON_INBOX;

	return row->cells[2].value.Time != 0 &&
	       fid == logon->folder_ids[want];
}

static bool test_receive_folder_table(struct itest_env *env,
				      TALLOC_CTX *mem_ctx)
{
	struct RopRequest req = { .RopId = RopGetReceiveFolderTable };
	const struct RopGetReceiveFolderTable_Success *ok;
	struct mapi_logon *logon, *pub;
	struct RopResponse *resp;
	struct mapi_emsmdb *e;
	struct ndr_pull *pull;
	uint32_t i;

	ITEST_ASSERT(both_logons(env, mem_ctx, &e, &logon, &pub), "logons");
	ITEST_MAPI(logon_rop(logon, mem_ctx, &req, &resp), MAPI_E_SUCCESS);
	ok = &resp->Body.GetReceiveFolderTable.Data.Success;
	/* "", IPM, REPORT.IPM and IPC of a new mailbox */
	ITEST_ASSERT(ok->RowCount == 4, "%u rows", ok->RowCount);
	pull = ndr_pull_init_blob(&ok->Rows, mem_ctx);
	ITEST_ASSERT(pull != NULL, "pull");
	pull->flags |= LIBNDR_FLAG_NOALIGN;
	for (i = 0; i < ok->RowCount; i++) {
		struct property_row row;

		ITEST_ASSERT(ndr_pull_property_row(pull, mem_ctx, rf_columns,
						   3, &row) ==
			     NDR_ERR_SUCCESS, "row %u", i);
		ITEST_ASSERT(check_rf_row(&row, logon), "row %u: %s", i,
			     row.cells[1].value.String8);
	}
	ITEST_ASSERT(pull->offset == ok->Rows.length, "trailing bytes");
	ITEST_MAPI(logon_rop(pub, mem_ctx, &req, &resp), MAPI_E_NO_SUPPORT);
	mapi_emsmdb_disconnect(e);
	return true;
}

static enum MAPISTATUS ltid_from_id(struct mapi_logon *logon,
				    TALLOC_CTX *mem_ctx, uint64_t id,
				    struct LongTermId *lt)
{
	struct RopRequest req = { .RopId = RopLongTermIdFromId };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	req.Body.LongTermIdFromId.ObjectId = id;
	rv = logon_rop(logon, mem_ctx, &req, &resp);
	if (rv == MAPI_E_SUCCESS) {
		*lt = resp->Body.LongTermIdFromId.Data.LongTermId;
	}
	return rv;
}

static enum MAPISTATUS id_from_ltid(struct mapi_logon *logon,
				    TALLOC_CTX *mem_ctx,
				    const struct LongTermId *lt, uint64_t *id)
{
	struct RopRequest req = { .RopId = RopIdFromLongTermId };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	req.Body.IdFromLongTermId.LongTermId = *lt;
	rv = logon_rop(logon, mem_ctx, &req, &resp);
	if (rv == MAPI_E_SUCCESS) {
		*id = resp->Body.IdFromLongTermId.Data.ObjectId;
	}
	return rv;
}

static bool test_long_term_ids(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon, *pub;
	struct LongTermId lt, foreign, back;
	struct mapi_emsmdb *e;
	uint64_t inbox, id = 0, id2 = 0;

	ITEST_ASSERT(both_logons(env, mem_ctx, &e, &logon, &pub), "logons");
	inbox = logon->folder_ids[MAPI_LOGON_INBOX];
	/* MS-OXCSTOR 3.2.5.8: REPLID 1 is the store's ReplGuid */
	ITEST_MAPI(ltid_from_id(logon, mem_ctx, inbox, &lt), MAPI_E_SUCCESS);
	ITEST_ASSERT(GUID_equal(&lt.DatabaseGuid, &logon->replica_guid) &&
		     memcmp(lt.GlobalCounter, (uint8_t *)&inbox + 2, 6) == 0
		     && lt.Pad == 0, "LongTermId of the Inbox");
	ITEST_MAPI(id_from_ltid(logon, mem_ctx, &lt, &id), MAPI_E_SUCCESS);
	ITEST_ASSERT(id == inbox, "round trip 0x%016llx",
		     (unsigned long long)id);
	/* a REPLID never mapped, and REPLID 0 */
	ITEST_MAPI(ltid_from_id(logon, mem_ctx, 0x0000010000007777ULL, &lt),
		   MAPI_E_NOT_FOUND);
	ITEST_MAPI(ltid_from_id(logon, mem_ctx, 0x0000010000000000ULL, &lt),
		   MAPI_E_NOT_FOUND);
	/* MS-OXCSTOR 3.2.5.9: a zero REPLGUID is refused; a foreign one
	 * gets a REPLID of its own, the same every time */
	ITEST_MAPI(ltid_from_id(logon, mem_ctx, inbox, &lt), MAPI_E_SUCCESS);
	foreign = lt;
	memset(&foreign.DatabaseGuid, 0, sizeof(foreign.DatabaseGuid));
	ITEST_MAPI(id_from_ltid(logon, mem_ctx, &foreign, &id),
		   MAPI_E_INVALID_PARAMETER);
	foreign.DatabaseGuid = GUID_random();
	ITEST_MAPI(id_from_ltid(logon, mem_ctx, &foreign, &id),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(id_from_ltid(logon, mem_ctx, &foreign, &id2),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(id == id2 && (id & 0xFFFF) >= 5 &&
		     (id >> 16) == (inbox >> 16), "foreign id 0x%016llx",
		     (unsigned long long)id);
	ITEST_MAPI(ltid_from_id(logon, mem_ctx, id, &back), MAPI_E_SUCCESS);
	ITEST_ASSERT(GUID_equal(&back.DatabaseGuid, &foreign.DatabaseGuid),
		     "foreign GUID back");
	/* a zero GLOBCNT gives the id 0 */
	memset(foreign.GlobalCounter, 0, 6);
	ITEST_MAPI(id_from_ltid(logon, mem_ctx, &foreign, &id),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(id == 0, "zero GLOBCNT");
	/* the public store maps its own */
	ITEST_MAPI(ltid_from_id(pub, mem_ctx, pub->folder_ids[0], &lt),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(GUID_equal(&lt.DatabaseGuid, &pub->replica_guid),
		     "public LongTermId");
	mapi_emsmdb_disconnect(e);
	return true;
}

static bool test_state_and_servers(struct itest_env *env,
				   TALLOC_CTX *mem_ctx)
{
	struct RopRequest req = { .RopId = RopGetStoreState };
	const struct RopGetOwningServers_Success *os;
	struct mapi_logon *logon, *pub;
	struct RopResponse *resp;
	struct mapi_emsmdb *e;
	uint64_t ipm;

	ITEST_ASSERT(both_logons(env, mem_ctx, &e, &logon, &pub), "logons");
	ipm = pub->folder_ids[MAPI_PUBLIC_IPM_SUBTREE];
	ITEST_MAPI(logon_rop(logon, mem_ctx, &req, &resp), MAPI_E_SUCCESS);
	ITEST_ASSERT(resp->Body.GetStoreState.Data.StoreState == 0,
		     "StoreState");
	/* MS-OXCSTOR 3.2.5.6: this server owns every public folder */
	req.RopId = RopGetOwningServers;
	req.Body.GetOwningServers.FolderId = ipm;
	ITEST_MAPI(logon_rop(pub, mem_ctx, &req, &resp), MAPI_E_SUCCESS);
	os = &resp->Body.GetOwningServers.Data.Success;
	ITEST_ASSERT(os->OwningServersCount == 1 &&
		     os->CheapServersCount == 1 &&
		     strstr(os->OwningServers[0].Value,
			    "/cn=Configuration/cn=Servers/cn=") != NULL &&
		     strstr(os->OwningServers[0].Value,
			    "/cn=Microsoft Public MDB") != NULL,
		     "owning server %s", os->OwningServersCount ?
		     os->OwningServers[0].Value : "none");
	req.Body.GetOwningServers.FolderId = 0x7FFFFFFF0001ULL;
	ITEST_MAPI(logon_rop(pub, mem_ctx, &req, &resp), MAPI_E_NOT_FOUND);
	req.Body.GetOwningServers.FolderId =
		logon->folder_ids[MAPI_LOGON_INBOX];
	ITEST_MAPI(logon_rop(logon, mem_ctx, &req, &resp), MAPI_E_NO_SUPPORT);
	/* MS-OXCSTOR 3.2.5.7: nothing is ghosted */
	req.RopId = RopPublicFolderIsGhosted;
	req.Body.PublicFolderIsGhosted.FolderId = ipm;
	ITEST_MAPI(logon_rop(pub, mem_ctx, &req, &resp), MAPI_E_SUCCESS);
	ITEST_ASSERT(resp->Body.PublicFolderIsGhosted.Data.Success.IsGhosted
		     == 0, "ghosted");
	req.Body.PublicFolderIsGhosted.FolderId = 0x7FFFFFFF0001ULL;
	ITEST_MAPI(logon_rop(pub, mem_ctx, &req, &resp), MAPI_E_NOT_FOUND);
	mapi_emsmdb_disconnect(e);
	return true;
}

/* RopReadPerUserInformation: every chunk of at most max bytes. */
static enum MAPISTATUS read_per_user(struct mapi_logon *logon,
				     TALLOC_CTX *mem_ctx,
				     const struct LongTermId *lt,
				     uint16_t max, DATA_BLOB *out)
{
	struct RopRequest req = { .RopId = RopReadPerUserInformation };
	const struct RopReadPerUserInformation_Success *ok;
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	*out = data_blob_null;
	req.Body.ReadPerUserInformation.FolderId = *lt;
	req.Body.ReadPerUserInformation.MaxDataSize = max;
	do {
		req.Body.ReadPerUserInformation.DataOffset = out->length;
		rv = logon_rop(logon, mem_ctx, &req, &resp);
		if (rv != MAPI_E_SUCCESS) {
			return rv;
		}
		ok = &resp->Body.ReadPerUserInformation.Data.Success;
		if (ok->DataSize > max ||
		    !data_blob_append(mem_ctx, out, ok->Data, ok->DataSize)) {
			return MAPI_E_CALL_FAILED;
		}
	} while (!ok->HasFinished && ok->DataSize > 0);
	return ok->HasFinished ? MAPI_E_SUCCESS : MAPI_E_CALL_FAILED;
}

static enum MAPISTATUS write_per_user(struct mapi_logon *logon,
				      TALLOC_CTX *mem_ctx,
				      const struct LongTermId *lt,
				      const struct GUID *repl,
				      const char *data, uint32_t offset,
				      bool finished)
{
	struct mapi_per_user_write w = {
		.folder = *lt, .finished = finished, .offset = offset,
		.data = (const uint8_t *)data, .size = strlen(data),
		.repl_guid = *repl,
	};

	return mapi_logon_write_per_user(logon, mem_ctx, &w);
}

/* On the public logon: the caller's current data, in chunks. */
static bool per_user_public(struct mapi_logon *pub, TALLOC_CTX *mem_ctx,
			    const struct LongTermId *lt)
{
	struct LongTermId nowhere = *lt;
	DATA_BLOB b;

	ITEST_MAPI(write_per_user(pub, mem_ctx, lt, &pub->replica_guid,
				  "read:", 0, false), MAPI_E_SUCCESS);
	ITEST_MAPI(write_per_user(pub, mem_ctx, lt, &pub->replica_guid,
				  "1-9", 9, true), MAPI_E_INVALID_PARAMETER);
	ITEST_MAPI(write_per_user(pub, mem_ctx, lt, &pub->replica_guid,
				  "1-9", 5, true), MAPI_E_SUCCESS);
	ITEST_MAPI(read_per_user(pub, mem_ctx, lt, 3, &b), MAPI_E_SUCCESS);
	ITEST_ASSERT(b.length == 8 && memcmp(b.data, "read:1-9", 8) == 0,
		     "public per-user data (%zu bytes)", b.length);
	/* a folder the public store does not have */
	nowhere.GlobalCounter[0] ^= 0x7F;
	ITEST_MAPI(read_per_user(pub, mem_ctx, &nowhere, 16, &b),
		   MAPI_E_NOT_FOUND);
	return true;
}

/* On the private logon: the mailbox's cache, with the public store's
 * ReplGuid. */
static bool per_user_private(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			     const struct LongTermId *lt,
			     const struct GUID *pub_guid)
{
	struct RopRequest req = { .RopId = RopGetPerUserGuid };
	const struct RopGetPerUserLongTermIds_Success *ids;
	struct RopResponse *resp;
	struct LongTermId other = *lt;
	DATA_BLOB b;
	uint16_t i;
	bool found = false;

	ITEST_MAPI(write_per_user(logon, mem_ctx, lt, pub_guid, "cached", 0,
				  true), MAPI_E_SUCCESS);
	ITEST_MAPI(read_per_user(logon, mem_ctx, lt, 4, &b), MAPI_E_SUCCESS);
	ITEST_ASSERT(b.length == 6 && memcmp(b.data, "cached", 6) == 0,
		     "cached per-user data");
	req.Body.GetPerUserGuid.LongTermId = *lt;
	ITEST_MAPI(logon_rop(logon, mem_ctx, &req, &resp), MAPI_E_SUCCESS);
	ITEST_ASSERT(GUID_equal(&resp->Body.GetPerUserGuid.Data.DatabaseGuid,
				pub_guid), "per-user GUID");
	other.GlobalCounter[5] ^= 0x55;
	req.Body.GetPerUserGuid.LongTermId = other;
	ITEST_MAPI(logon_rop(logon, mem_ctx, &req, &resp), MAPI_E_NOT_FOUND);
	req.RopId = RopGetPerUserLongTermIds;
	req.Body.GetPerUserLongTermIds.DatabaseGuid = *pub_guid;
	ITEST_MAPI(logon_rop(logon, mem_ctx, &req, &resp), MAPI_E_SUCCESS);
	ids = &resp->Body.GetPerUserLongTermIds.Data.Success;
	for (i = 0; i < ids->LongTermIdCount; i++) {
		found |= memcmp(&ids->LongTermIds[i], lt, sizeof(*lt)) == 0;
	}
	ITEST_ASSERT(found, "folder not in %u long-term ids",
		     ids->LongTermIdCount);
	return true;
}

static bool test_per_user(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct RopRequest req = { .RopId = RopGetPerUserLongTermIds };
	struct mapi_logon *logon, *pub;
	struct RopResponse *resp;
	struct mapi_emsmdb *e;
	struct LongTermId lt;
	DATA_BLOB b;

	ITEST_ASSERT(both_logons(env, mem_ctx, &e, &logon, &pub), "logons");
	ITEST_MAPI(ltid_from_id(pub, mem_ctx,
				pub->folder_ids[MAPI_PUBLIC_IPM_SUBTREE], &lt),
		   MAPI_E_SUCCESS);
	if (!per_user_public(pub, mem_ctx, &lt) ||
	    !per_user_private(logon, mem_ctx, &lt, &pub->replica_guid)) {
		return false;
	}
	/* MS-OXCSTOR 3.2.5.10, 3.2.5.11: private logons only */
	req.Body.GetPerUserLongTermIds.DatabaseGuid = pub->replica_guid;
	ITEST_MAPI(logon_rop(pub, mem_ctx, &req, &resp), MAPI_E_NO_SUPPORT);
	req.RopId = RopGetPerUserGuid;
	req.Body.GetPerUserGuid.LongTermId = lt;
	ITEST_MAPI(logon_rop(pub, mem_ctx, &req, &resp), MAPI_E_NO_SUPPORT);
	/* the public data did not change with the mailbox's cache */
	ITEST_MAPI(read_per_user(pub, mem_ctx, &lt, 100, &b), MAPI_E_SUCCESS);
	ITEST_ASSERT(b.length == 8, "public data kept");
	/* an offset past the end */
	req.RopId = RopReadPerUserInformation;
	req.Body.ReadPerUserInformation.FolderId = lt;
	req.Body.ReadPerUserInformation.DataOffset = 100;
	req.Body.ReadPerUserInformation.MaxDataSize = 10;
	ITEST_MAPI(logon_rop(pub, mem_ctx, &req, &resp),
		   MAPI_E_INVALID_PARAMETER);
	mapi_emsmdb_disconnect(e);
	return true;
}

static const struct itest tests[] = {
	{ "open-folder", test_open_folder },
	{ "logon-own-mailbox", test_logon_own_mailbox },
	{ "logon-refused", test_logon_refused },
	{ "receive-folder", test_receive_folder },
	{ "logon-public", test_logon_public },
	{ "set-receive-folder", test_set_receive_folder },
	{ "receive-folder-table", test_receive_folder_table },
	{ "long-term-ids", test_long_term_ids },
	{ "state-and-servers", test_state_and_servers },
	{ "per-user", test_per_user },
};

int main(int argc, const char **argv)
{
	return itest_main("emsmdb-store", tests, ARRAY_SIZE(tests), argc, argv);
}
