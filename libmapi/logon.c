/*
 * libmapi: RopLogon to a private mailbox (MS-OXCSTOR 2.2.1.1,
 * MS-OXCROPS 2.2.3.1).
 */
#include "logon.h"

#include <string.h>
#include <util/debug.h>

enum MAPISTATUS mapi_logon_rop(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       uint32_t in_handle, struct RopRequest *request,
			       struct RopResponse **response,
			       uint32_t *out_handle)
{
	request->LogonId = logon->logon_id;
	return mapi_emsmdb_object_rop(logon->emsmdb, mem_ctx, in_handle,
				      request, response, out_handle);
}

enum MAPISTATUS mapi_logon_private(TALLOC_CTX *mem_ctx,
				   struct mapi_emsmdb *emsmdb,
				   uint8_t logon_id, const char *essdn,
				   struct mapi_logon **out)
{
	struct mapi_logon *logon = talloc_zero(mem_ctx, struct mapi_logon);
	struct RopRequest req = { .RopId = RopLogon, .LogonId = logon_id };
	struct RopLogon_req *l = &req.Body.Logon;
	const struct RopLogon_PrivateMailbox *pm;
	struct RopResponse *resp;
	enum MAPISTATUS rv;
	int i;

	*out = NULL;
	if (logon == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	logon->emsmdb = emsmdb;
	logon->logon_id = logon_id;
	/* MS-OXCSTOR 2.2.1.1.1: a home logon to a private mailbox; the
	 * Essdn's size counts its terminating NUL */
	l->LogonFlags = LogonFlags_Private;
	l->OpenFlags = LogonOpenFlags_HOME_LOGON |
		       LogonOpenFlags_USE_PER_MDB_REPLID_MAPPING;
	l->EssdnSize = strlen(essdn) + 1;
	l->Essdn = (uint8_t *)talloc_strdup(logon, essdn);
	if (l->Essdn == NULL) {
		talloc_free(logon);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	/* a logon has no input object: handle table entry 0 is unused;
	 * OutputHandleIndex (the third byte) is the request's HandleIndex */
	rv = mapi_emsmdb_object_rop(emsmdb, logon, 0xFFFFFFFF, &req, &resp,
				    &logon->handle);
	if (rv != MAPI_E_SUCCESS) {
		talloc_free(logon);
		return rv;
	}
	pm = &resp->Body.Logon.Data.Success.Body.Private;
	for (i = 0; i < 13; i++) {
		logon->folder_ids[i] = pm->FolderIds[i];
	}
	logon->response_flags = pm->ResponseFlags;
	logon->mailbox_guid = pm->MailboxGuid;
	logon->replid = pm->ReplId;
	logon->replica_guid = pm->ReplGuid;
	*out = logon;
	return MAPI_E_SUCCESS;
}
