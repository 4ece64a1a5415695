/*
 * Store ROPs (MS-OXCSTOR, MS-OXCROPS 2.2.3): RopLogon and the receive
 * folders.  The id, server and per-user ROPs are in
 * emsmdb_rop_store_ids.c and emsmdb_rop_store_peruser.c.
 *
 * A private logon opens the caller's own mailbox: the session belongs to
 * the mailbox's owner (EcDoConnectEx checked it), and RopLogon's Essdn
 * must name that same mailbox.  Another user's mailbox needs delegate
 * rights (the permissions issue): until then ecLoginPerm.  A mailbox
 * whose home record names another server (EcDoConnectEx read it) gets
 * the redirect response instead of a store.
 */
#include "emsmdb_rop_store.h"
#include "emsmdb_rop_handlers.h"
#include "libmapi/ndr/property_row.h"

#include <errno.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <util/debug.h>

/* MS-OXCSTOR 2.2.1.1.3: the logon's owner has every right on it */
#define OWNER_RESPONSE_FLAGS (LogonResponseFlags_Reserved | \
			      LogonResponseFlags_OwnerRight | \
			      LogonResponseFlags_SendAsRight)

struct emsmdb_logon *emsmdb_logon_of(struct emsmdb_object *object)
{
	while (object != NULL && object->type != EMSMDB_OBJECT_LOGON) {
		object = object->parent;
	}
	return object != NULL ? talloc_get_type(object->data,
						struct emsmdb_logon) : NULL;
}

struct mstore *emsmdb_store_of(struct emsmdb_object *object)
{
	struct emsmdb_logon *logon = emsmdb_logon_of(object);

	return logon != NULL ? logon->store : NULL;
}

/* Essdn: EssdnSize bytes of NUL-terminated ASCII (2.2.3.1.1). */
static const char *essdn_of(TALLOC_CTX *mem_ctx, const struct RopLogon_req *r)
{
	if (r->EssdnSize == 0 || r->Essdn[r->EssdnSize - 1] != '\0') {
		return NULL;
	}
	return talloc_strndup(mem_ctx, (const char *)r->Essdn, r->EssdnSize);
}

/* A mailbox (NULL: the public folders, one store per server), created
 * at first use. */
static enum MAPISTATUS open_store(struct emsmdb_session *session,
				  TALLOC_CTX *mem_ctx, const char *mailbox,
				  struct mstore **store)
{
	struct mstore_open_params p = {
		.directory = session->store_directory,
		.mailbox = mailbox,
		.create = true,
	};

	if (mkdir(p.directory, 0700) != 0 && errno != EEXIST) {
		DBG_ERR("cannot create the store directory %s: %s\n",
			p.directory, strerror(errno));
		return MAPI_E_CALL_FAILED;
	}
	return mstore_open(mem_ctx, &p, store);
}

static void logon_time(struct LogonTime *t)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	t->Seconds = tm.tm_sec;
	t->Minutes = tm.tm_min;
	t->Hour = tm.tm_hour;
	t->DayOfWeek = tm.tm_wday;
	t->Day = tm.tm_mday;
	t->Month = tm.tm_mon + 1;
	t->Year = tm.tm_year + 1900;
}

void emsmdb_guid_to_wire(struct GUID *out, const struct mstore_guid *in)
{
	DATA_BLOB b = data_blob_const(in->bytes, sizeof(in->bytes));

	GUID_from_ndr_blob(&b, out);
}

void emsmdb_guid_from_wire(struct mstore_guid *out, const struct GUID *in)
{
	struct GUID_ndr_buf buf;

	if (!NT_STATUS_IS_OK(GUID_to_ndr_buf(in, &buf))) {
		memset(out, 0, sizeof(*out));
		return;
	}
	memcpy(out->bytes, buf.buf, sizeof(out->bytes));
}

void emsmdb_ltid_from_wire(struct mstore_long_term_id *out,
			   const struct LongTermId *in)
{
	emsmdb_guid_from_wire(&out->guid, &in->DatabaseGuid);
	out->globcnt = mstore_globcnt_get(in->GlobalCounter);
}

void emsmdb_ltid_to_wire(struct LongTermId *out,
			 const struct mstore_long_term_id *in)
{
	emsmdb_guid_to_wire(&out->DatabaseGuid, &in->guid);
	mstore_globcnt_put(out->GlobalCounter, in->globcnt);
	out->Pad = 0;
}

bool emsmdb_logon_is_public(const struct emsmdb_logon *logon)
{
	return !(logon->logon_flags & LogonFlags_Private);
}

const char *emsmdb_public_mdb_dn(TALLOC_CTX *mem_ctx,
				 const struct emsmdb_session *session)
{
	const char *cut = strcasestr(session->user_dn, "/cn=Recipients/");
	int org = cut != NULL ? (int)(cut - session->user_dn)
			      : (int)strlen(session->user_dn);

	return talloc_asprintf(mem_ctx,
			       "%.*s/cn=Configuration/cn=Servers/cn=%s"
			       "/cn=Microsoft Public MDB", org,
			       session->user_dn, session->server_name);
}

/* 2.2.3.1.2: the private mailbox response. */
static enum MAPISTATUS private_response(struct emsmdb_logon *logon,
					struct RopLogon_resp *resp)
{
	struct RopLogon_PrivateMailbox *pm;
	uint64_t fids[13];
	enum MAPISTATUS rv;
	int i;

	rv = mstore_logon_fids(logon->store, fids);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	resp->Data.Success.LogonFlags = logon->logon_flags;
	pm = &resp->Data.Success.Body.Private;
	for (i = 0; i < 13; i++) {
		pm->FolderIds[i] = fids[i];
	}
	pm->ResponseFlags = OWNER_RESPONSE_FLAGS;
	emsmdb_guid_to_wire(&pm->MailboxGuid,
			    mstore_mailbox_guid(logon->store));
	pm->ReplId = MSTORE_LOCAL_REPLID;
	emsmdb_guid_to_wire(&pm->ReplGuid, mstore_replica_guid(logon->store));
	logon_time(&pm->LogonTime);
	pm->GwartTime = 0;
	pm->StoreState = 0;
	return MAPI_E_SUCCESS;
}

/* 2.2.3.1.3 / MS-OXCSTOR 2.2.1.1.4: the public folders response. */
static enum MAPISTATUS public_response(struct emsmdb_logon *logon,
				       struct RopLogon_resp *resp)
{
	struct RopLogon_PublicFolders *pf;
	uint64_t fids[MSTORE_LOGON_FID_COUNT];
	enum MAPISTATUS rv;
	int i;

	rv = mstore_logon_fids(logon->store, fids);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	resp->Data.Success.LogonFlags = logon->logon_flags;
	pf = &resp->Data.Success.Body.Public;
	for (i = 0; i < MSTORE_LOGON_FID_COUNT; i++) {
		pf->FolderIds[i] = fids[i];
	}
	pf->ReplId = MSTORE_LOCAL_REPLID;
	emsmdb_guid_to_wire(&pf->ReplGuid,
			    mstore_replica_guid(logon->store));
	/* the per-user data of this store's folders is kept under its
	 * replica GUID (RopGetPerUserLongTermIds' DatabaseGuid) */
	emsmdb_guid_to_wire(&pf->PerUserGuid,
			    mstore_replica_guid(logon->store));
	return MAPI_E_SUCCESS;
}

/*
 * MS-OXCROPS 2.2.3.1.4, MS-OXCSTOR 2.2.1.1.2: the redirect response of
 * ReturnValue ecWrongServer: the request's Private, Undercover and Ghosted
 * flags, and the ESSDN of the server to connect to with its terminating
 * NUL, ServerNameSize bytes.  A DN too long for one size byte is
 * ecLoginFailure (the caller cannot be told where to go).
 */
enum MAPISTATUS emsmdb_logon_redirect(TALLOC_CTX *mem_ctx,
				      struct RopLogon_resp *resp,
				      uint8_t logon_flags,
				      const char *server_dn)
{
	struct RopLogon_Redirect *rd = &resp->Data.Redirect;
	size_t size = strlen(server_dn) + 1;

	if (size > UINT8_MAX) {
		return MAPI_E_LOGON_FAILED;
	}
	rd->ServerName = talloc_memdup(mem_ctx, server_dn, size);
	if (rd->ServerName == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rd->LogonFlags = logon_flags & (LogonFlags_Private |
					LogonFlags_Undercover |
					LogonFlags_Ghosted);
	rd->ServerNameSize = (uint8_t)size;
	return ecWrongServer;
}

/* MS-OXCSTOR 3.2.5.1.1: "If the user's configured mailbox is not hosted
 * by this server", ecWrongServer naming the server that is. */
static enum MAPISTATUS logon_wrong_server(struct emsmdb_rop_call *call,
					  struct emsmdb_session *session)
{
	enum MAPISTATUS rv;

	rv = emsmdb_logon_redirect(call->mem_ctx,
				   &call->response->Body.Logon,
				   call->request->Body.Logon.LogonFlags,
				   session->home_server_dn);
	call->keep_body = rv == ecWrongServer;
	DBG_NOTICE("%s: mailbox %s is homed on %s: redirected\n",
		   session->account_name, session->user_dn,
		   session->home_server_dn);
	return rv;
}

/* MS-OXCSTOR 3.2.5.1.1: a private logon, to the caller's own mailbox. */
static enum MAPISTATUS logon_private(struct emsmdb_rop_call *call,
				     struct emsmdb_session *session,
				     struct emsmdb_logon *logon)
{
	const char *essdn = essdn_of(call->mem_ctx,
				     &call->request->Body.Logon);
	enum MAPISTATUS rv;

	if (essdn == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (strcasecmp(essdn, session->user_dn) != 0) {
		DBG_NOTICE("%s may not log on to %s\n", session->account_name,
			   essdn);
		return ecLoginPerm;
	}
	if (session->home_server_dn != NULL) {
		return logon_wrong_server(call, session);
	}
	logon->mailbox = talloc_strdup(logon, session->account_name);
	if (logon->mailbox == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = open_store(session, logon, logon->mailbox, &logon->store);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	return private_response(logon, &call->response->Body.Logon);
}

/*
 * MS-OXCSTOR 3.2.5.1.2: a public folders logon.  Every mailbox of the
 * directory is homed here and this server holds the one public folders
 * store, so any mailbox user may log on to it (EcDoConnectEx checked the
 * user); OpenFlags must carry PUBLIC.  The Essdn is not used.
 */
static enum MAPISTATUS logon_public(struct emsmdb_rop_call *call,
				    struct emsmdb_session *session,
				    struct emsmdb_logon *logon)
{
	enum MAPISTATUS rv;

	if (!(call->request->Body.Logon.OpenFlags &
	      LogonOpenFlags_PUBLIC)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	rv = open_store(session, logon, NULL, &logon->store);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	return public_response(logon, &call->response->Body.Logon);
}

/* MS-OXCSTOR 3.2.5.1 RopLogon */
enum MAPISTATUS emsmdb_rop_logon(struct emsmdb_rop_call *call)
{
	const struct RopLogon_req *req = &call->request->Body.Logon;
	struct emsmdb_session *session = call->env->session;
	struct emsmdb_logon *logon;
	enum MAPISTATUS rv;

	if (session == NULL) {
		return MAPI_E_CALL_FAILED;
	}
	logon = talloc_zero(call->mem_ctx, struct emsmdb_logon);
	if (logon == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	logon->logon_flags = req->LogonFlags;
	logon->open_flags = req->OpenFlags;
	if (req->LogonFlags & LogonFlags_Private) {
		rv = logon_private(call, session, logon);
	} else {
		rv = logon_public(call, session, logon);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (emsmdb_rop_new_object(call, NULL, EMSMDB_OBJECT_LOGON,
				  logon) == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	talloc_steal(call->output, logon);
	return MAPI_E_SUCCESS;
}

/* MS-OXCSTOR 3.2.5.2 RopGetReceiveFolder */
enum MAPISTATUS emsmdb_rop_get_receive_folder(struct emsmdb_rop_call *call)
{
	const struct RopGetReceiveFolder_req *req =
		&call->request->Body.GetReceiveFolder;
	struct RopGetReceiveFolder_Success *out =
		&call->response->Body.GetReceiveFolder.Data.Success;
	struct mstore *store = emsmdb_store_of(call->input);
	char *explicit_class = NULL;
	uint64_t fid = 0;
	enum MAPISTATUS rv;

	if (store == NULL) {
		return ecNullObject;
	}
	rv = mstore_get_receive_folder(call->mem_ctx, store,
				       req->MessageClass ? req->MessageClass
							 : "",
				       &fid, &explicit_class);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	out->FolderId = fid;
	out->ExplicitMessageClass = explicit_class ? explicit_class : "";
	return MAPI_E_SUCCESS;
}

/*
 * MS-OXCSTOR 2.2.1.3.1: a message class is 1-255 ASCII characters 32-126
 * that neither start nor end with a period and have no two periods in a
 * row; the empty class names the default receive folder.
 */
static bool message_class_valid(const char *cls)
{
	size_t i, n = strlen(cls);

	if (n == 0) {
		return true;
	}
	if (n > 255 || cls[0] == '.' || cls[n - 1] == '.') {
		return false;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)cls[i];

		if (c < 32 || c > 126 || (c == '.' && cls[i + 1] == '.')) {
			return false;
		}
	}
	return true;
}

/*
 * MS-OXCSTOR 3.2.5.3, in its order: a class that breaks 2.2.1.3.1 is
 * ecInvalidParam (R858); the class "IPM" (case-insensitive) cannot be
 * changed, ecAccessDenied (R859); removing the default receive folder
 * (empty class, FolderId 0) is ecError 0x80004005 (R860).  Any other
 * class may be set, moved or removed (R1235, R864, R59754), the "IPC"
 * and "REPORT.IPM" rows primed at mailbox creation included.
 */
static enum MAPISTATUS receive_change_allowed(const char *cls, uint64_t fid)
{
	if (!message_class_valid(cls)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (strcasecmp(cls, "IPM") == 0) {
		return MAPI_E_NO_ACCESS;
	}
	if (cls[0] == '\0' && fid == 0) {
		return MAPI_E_CALL_FAILED;
	}
	return MAPI_E_SUCCESS;
}

/* MS-OXCSTOR 3.2.5.3 RopSetReceiveFolder: receive folders belong to a
 * mailbox, on a public folders logon ecNotSupported (R856); FolderId 0
 * removes the class's own entry (R864). */
enum MAPISTATUS emsmdb_rop_set_receive_folder(struct emsmdb_rop_call *call)
{
	const struct RopSetReceiveFolder_req *req =
		&call->request->Body.SetReceiveFolder;
	struct emsmdb_logon *logon = emsmdb_logon_of(call->input);
	const char *cls = req->MessageClass ? req->MessageClass : "";
	enum MAPISTATUS rv;

	if (logon == NULL || logon->store == NULL) {
		return ecNullObject;
	}
	if (emsmdb_logon_is_public(logon)) {
		return MAPI_E_NO_SUPPORT;
	}
	rv = receive_change_allowed(cls, req->FolderId);
	if (rv != MAPI_E_SUCCESS) {
		DBG_INFO("receive folder of \"%s\" not changed: 0x%08x\n",
			 cls, rv);
		return rv;
	}
	return mstore_set_receive_folder(logon->store, cls, req->FolderId);
}

/* MS-OXCSTOR 2.2.1.4.2: the fixed columns of the receive folder rows. */
static const uint32_t receive_table_columns[] = {
	MSTORE_PidTagFolderId,
	0x001A001E,			/* PidTagMessageClass, PtypString8 */
	MSTORE_PidTagLastModificationTime,
};

static enum ndr_err_code push_receive_row(struct ndr_push *push,
					  const char *cls, uint64_t fid,
					  uint64_t time)
{
	struct property_row_value cells[3] = {
		{ .type = PT_I8, .value.Integer64 = fid },
		{ .type = PT_STRING8, .value.String8 = cls },
		{ .type = PT_SYSTIME, .value.Time = time },
	};
	struct property_row row = {
		.kind = PROPERTY_ROW_STANDARD, .count = 3, .cells = cells
	};

	return ndr_push_property_row(push, receive_table_columns, 3, &row);
}

/* MS-OXCSTOR 3.2.5.4 RopGetReceiveFolderTable: one row per message class
 * with a receive folder (the default one's class is empty). */
enum MAPISTATUS emsmdb_rop_get_receive_folder_table(
	struct emsmdb_rop_call *call)
{
	struct RopGetReceiveFolderTable_Success *out =
		&call->response->Body.GetReceiveFolderTable.Data.Success;
	struct emsmdb_logon *logon = emsmdb_logon_of(call->input);
	struct ndr_push *push;
	char **classes;
	uint64_t *fids, *times;
	uint32_t count, i;
	enum MAPISTATUS rv;

	if (logon == NULL || logon->store == NULL) {
		return ecNullObject;
	}
	if (emsmdb_logon_is_public(logon)) {
		return MAPI_E_NO_SUPPORT;
	}
	rv = mstore_receive_folders(call->mem_ctx, logon->store, &classes,
				    &fids, &times, &count);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	push = ndr_push_init_ctx(call->mem_ctx);
	if (push == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	push->flags |= LIBNDR_FLAG_NOALIGN;
	for (i = 0; i < count; i++) {
		if (push_receive_row(push, classes[i], fids[i], times[i]) !=
		    NDR_ERR_SUCCESS) {
			return MAPI_E_CALL_FAILED;
		}
	}
	out->RowCount = count;
	out->Rows = ndr_push_blob(push);
	return MAPI_E_SUCCESS;
}
