/*
 * Store ROPs (MS-OXCSTOR, MS-OXCROPS 2.2.3): RopLogon and the receive
 * folders.
 *
 * A private logon opens the caller's own mailbox: the session belongs to
 * the mailbox's owner (EcDoConnectEx checked it), and RopLogon's Essdn
 * must name that same mailbox.  Another user's mailbox needs delegate
 * rights (the permissions issue): until then ecLoginPerm.  Every mailbox
 * of the directory is homed on this server, so there is no wrong-server
 * redirect to give.
 */
#include "emsmdb.h"
#include "emsmdb_logon.h"
#include "emsmdb_rop_handlers.h"

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

static enum MAPISTATUS open_mailbox(struct emsmdb_session *session,
				    TALLOC_CTX *mem_ctx,
				    struct mstore **store)
{
	struct mstore_open_params p = {
		.directory = session->store_directory,
		.mailbox = session->account_name,
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

static void guid_of(struct GUID *out, const struct mstore_guid *in)
{
	DATA_BLOB b = data_blob_const(in->bytes, sizeof(in->bytes));

	GUID_from_ndr_blob(&b, out);
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
	guid_of(&pm->MailboxGuid, mstore_mailbox_guid(logon->store));
	pm->ReplId = 0x0001;
	guid_of(&pm->ReplGuid, mstore_replica_guid(logon->store));
	logon_time(&pm->LogonTime);
	pm->GwartTime = 0;
	pm->StoreState = 0;
	return MAPI_E_SUCCESS;
}

/* MS-OXCSTOR 3.2.5.1 RopLogon */
enum MAPISTATUS emsmdb_rop_logon(struct emsmdb_rop_call *call)
{
	const struct RopLogon_req *req = &call->request->Body.Logon;
	struct emsmdb_session *session = call->env->session;
	struct emsmdb_logon *logon;
	const char *essdn;
	enum MAPISTATUS rv;

	if (session == NULL) {
		return MAPI_E_CALL_FAILED;
	}
	if (!(req->LogonFlags & LogonFlags_Private)) {
		/* public folders come with the public store */
		return MAPI_E_NO_SUPPORT;
	}
	essdn = essdn_of(call->mem_ctx, req);
	if (essdn == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (strcasecmp(essdn, session->user_dn) != 0) {
		DBG_NOTICE("%s may not log on to %s\n", session->account_name,
			   essdn);
		return ecLoginPerm;
	}
	logon = talloc_zero(call->mem_ctx, struct emsmdb_logon);
	if (logon == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	logon->logon_flags = req->LogonFlags;
	logon->open_flags = req->OpenFlags;
	logon->mailbox = talloc_strdup(logon, session->account_name);
	rv = open_mailbox(session, logon, &logon->store);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	rv = private_response(logon, &call->response->Body.Logon);
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
