/*
 * libmapi: RopLogon to a private mailbox or the public folders
 * (MS-OXCSTOR 2.2.1.1, MS-OXCROPS 2.2.3.1), and the store ROP whose
 * request depends on the logon's kind (RopWritePerUserInformation).
 * A private logon that is redirected is followed in logon_redirect.c.
 */
#include "logon.h"
#include "logon_private.h"

#include <string.h>
#include <util/debug.h>
#include "gen_ndr/ndr_rops_store.h"

enum MAPISTATUS mapi_logon_rop(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       uint32_t in_handle, struct RopRequest *request,
			       struct RopResponse **response,
			       uint32_t *out_handle)
{
	request->LogonId = logon->logon_id;
	return mapi_emsmdb_object_rop(logon->emsmdb, mem_ctx, in_handle,
				      request, response, out_handle);
}

enum MAPISTATUS mapi_logon_rop_pair(struct mapi_logon *logon,
				    TALLOC_CTX *mem_ctx, uint32_t src,
				    uint32_t dst, struct RopRequest *request,
				    struct RopResponse **response)
{
	uint32_t handles[2] = { src, dst };
	struct mapi_emsmdb_rop_result r;
	struct {
		uint8_t handle_index;
		enum MAPISTATUS return_value;
	} prefix;
	enum MAPISTATUS rv;

	*response = NULL;
	request->LogonId = logon->logon_id;
	request->HandleIndex = 0;
	rv = mapi_emsmdb_rops(logon->emsmdb, mem_ctx, request, 1, handles, 2,
			      NULL, &r);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (r.count != 1 || r.responses[0].RopId != request->RopId) {
		return MAPI_E_CALL_FAILED;
	}
	*response = &r.responses[0];
	/* every Rop*_resp starts with a handle index and ReturnValue */
	memcpy(&prefix, &(*response)->Body, sizeof(prefix));
	return prefix.return_value;
}

/* The redirect response's ServerName as a string (it carries its NUL,
 * MS-OXCSTOR 2.2.1.1.2), on @a mem_ctx; NULL when malformed. */
static const char *redirect_server(TALLOC_CTX *mem_ctx,
				   const struct RopLogon_Redirect *rd)
{
	if (rd->ServerNameSize == 0 || rd->ServerName == NULL ||
	    rd->ServerName[rd->ServerNameSize - 1] != '\0') {
		return NULL;
	}
	return talloc_strdup(mem_ctx, (const char *)rd->ServerName);
}

enum MAPISTATUS logon_private_once(TALLOC_CTX *mem_ctx,
				   struct mapi_emsmdb *emsmdb,
				   uint8_t logon_id, const char *essdn,
				   struct mapi_logon **out,
				   const char **redirect_dn)
{
	struct mapi_logon *logon = talloc_zero(mem_ctx, struct mapi_logon);
	struct RopRequest req = { .RopId = RopLogon, .LogonId = logon_id };
	struct RopLogon_req *l = &req.Body.Logon;
	const struct RopLogon_PrivateMailbox *pm;
	struct RopResponse *resp;
	enum MAPISTATUS rv;
	int i;

	*out = NULL;
	*redirect_dn = NULL;
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
	if (rv == ecWrongServer && resp != NULL) {
		*redirect_dn = redirect_server(mem_ctx,
					       &resp->Body.Logon.Data.Redirect);
	}
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

enum MAPISTATUS mapi_logon_private(TALLOC_CTX *mem_ctx,
				   struct mapi_emsmdb *emsmdb,
				   uint8_t logon_id, const char *essdn,
				   struct mapi_logon **out)
{
	const char *server_dn = NULL;
	enum MAPISTATUS rv;

	rv = logon_private_once(mem_ctx, emsmdb, logon_id, essdn, out,
				&server_dn);
	if (rv != ecWrongServer || server_dn == NULL) {
		return rv;
	}
	rv = logon_follow_redirect(mem_ctx, emsmdb, logon_id, essdn,
				   server_dn, out);
	talloc_free(discard_const_p(char, server_dn));
	return rv;
}

enum MAPISTATUS mapi_logon_public(TALLOC_CTX *mem_ctx,
				  struct mapi_emsmdb *emsmdb,
				  uint8_t logon_id, struct mapi_logon **out)
{
	struct mapi_logon *logon = talloc_zero(mem_ctx, struct mapi_logon);
	struct RopRequest req = { .RopId = RopLogon, .LogonId = logon_id };
	const struct RopLogon_PublicFolders *pf;
	struct RopResponse *resp;
	enum MAPISTATUS rv;
	int i;

	*out = NULL;
	if (logon == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	logon->emsmdb = emsmdb;
	logon->logon_id = logon_id;
	logon->is_public = true;
	/* MS-OXCSTOR 2.2.1.1.1: no Private flag, OpenFlags PUBLIC; no
	 * Essdn */
	req.Body.Logon.OpenFlags = LogonOpenFlags_PUBLIC |
				   LogonOpenFlags_USE_PER_MDB_REPLID_MAPPING;
	rv = mapi_emsmdb_object_rop(emsmdb, logon, 0xFFFFFFFF, &req, &resp,
				    &logon->handle);
	if (rv != MAPI_E_SUCCESS) {
		talloc_free(logon);
		return rv;
	}
	pf = &resp->Body.Logon.Data.Success.Body.Public;
	for (i = 0; i < 13; i++) {
		logon->folder_ids[i] = pf->FolderIds[i];
	}
	logon->replid = pf->ReplId;
	logon->replica_guid = pf->ReplGuid;
	logon->per_user_guid = pf->PerUserGuid;
	*out = logon;
	return MAPI_E_SUCCESS;
}

/* The request's RopsList: RopId, LogonId, InputHandleIndex 0, then the
 * body in the layout of the logon's kind. */
static enum MAPISTATUS per_user_rops(struct mapi_logon *logon,
				     TALLOC_CTX *mem_ctx,
				     const struct mapi_per_user_write *w,
				     DATA_BLOB *out)
{
	struct RopWritePerUserInformation_private_req r = {
		.FolderId = w->folder,
		.HasFinished = w->finished,
		.DataOffset = w->offset,
		.DataSize = w->size,
		.Data = discard_const_p(uint8_t, w->data),
	};
	struct RopWritePerUserInformation_req pub = {
		.FolderId = w->folder,
		.HasFinished = w->finished,
		.DataOffset = w->offset,
		.DataSize = w->size,
		.Data = discard_const_p(uint8_t, w->data),
	};
	struct ndr_push *push = ndr_push_init_ctx(mem_ctx);
	enum ndr_err_code err;

	if (push == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	push->flags |= LIBNDR_FLAG_NOALIGN;
	r.ReplGuid.ReplGuid = w->repl_guid;
	err = ndr_push_uint8(push, NDR_SCALARS, RopWritePerUserInformation);
	if (err == NDR_ERR_SUCCESS) {
		err = ndr_push_uint8(push, NDR_SCALARS, logon->logon_id);
	}
	if (err == NDR_ERR_SUCCESS) {
		err = ndr_push_uint8(push, NDR_SCALARS, 0);
	}
	if (err == NDR_ERR_SUCCESS && logon->is_public) {
		err = ndr_push_RopWritePerUserInformation_req(
			push, NDR_SCALARS | NDR_BUFFERS, &pub);
	} else if (err == NDR_ERR_SUCCESS) {
		err = ndr_push_RopWritePerUserInformation_private_req(
			push, NDR_SCALARS | NDR_BUFFERS, &r);
	}
	if (err != NDR_ERR_SUCCESS) {
		return MAPI_E_INVALID_PARAMETER;
	}
	*out = ndr_push_blob(push);
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_logon_write_per_user(struct mapi_logon *logon,
					  TALLOC_CTX *mem_ctx,
					  const struct mapi_per_user_write *w)
{
	struct mapi_emsmdb_rop_result result;
	const struct RopWritePerUserInformation_resp *r;
	DATA_BLOB rops;
	enum MAPISTATUS rv;

	rv = per_user_rops(logon, mem_ctx, w, &rops);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_emsmdb_rops_list(logon->emsmdb, mem_ctx, &rops,
					   &logon->handle, 1, NULL, &result);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (result.count != 1 ||
	    result.responses[0].RopId != RopWritePerUserInformation) {
		return MAPI_E_CALL_FAILED;
	}
	r = &result.responses[0].Body.WritePerUserInformation;
	return r->ReturnValue;
}
