/*
 * Per-user information of public folders (MS-OXCSTOR 2.2.1.10 - 2.2.1.13,
 * 3.2.5.10 - 3.2.5.13): RopGetPerUserLongTermIds, RopGetPerUserGuid,
 * RopReadPerUserInformation, RopWritePerUserInformation.
 *
 * On a private logon these ROPs reach the mailbox's cache of the public
 * folders' read data; on a public folders logon, the caller's current
 * data in the public store.  The data itself is opaque here.
 */
#include "emsmdb_rop_store.h"
#include "emsmdb_rop_handlers.h"

#include <string.h>
#include <sys/param.h>
#include <util/debug.h>
#include <gen_ndr/ndr_rops_store.h>

/* Most bytes one RopReadPerUserInformation returns: well within a ROP
 * output buffer (MS-OXCRPC 3.1.4.2: 32 KB per payload). */
#define PERUSER_READ_MAX 0x4000
/* LongTermIdCount's largest value (MS-OXCROPS 2.2.3.10.2). */
#define PERUSER_LTIDS_MAX 0xAAA

/* The user whose data a logon reaches: NULL for the mailbox's own cache,
 * the account in the public store. */
static const char *peruser_user(struct emsmdb_rop_call *call,
				struct emsmdb_logon *logon)
{
	struct emsmdb_session *session = call->env->session;

	if (!emsmdb_logon_is_public(logon)) {
		return NULL;
	}
	return session != NULL ? session->account_name : "";
}

/* MS-OXCSTOR 3.2.5.10 RopGetPerUserLongTermIds (private logons only) */
enum MAPISTATUS emsmdb_rop_get_per_user_long_term_ids(
	struct emsmdb_rop_call *call)
{
	struct RopGetPerUserLongTermIds_Success *out =
		&call->response->Body.GetPerUserLongTermIds.Data.Success;
	struct emsmdb_logon *logon = emsmdb_logon_of(call->input);
	struct mstore_long_term_id *ltids;
	struct mstore_guid db;
	uint32_t count, i;
	enum MAPISTATUS rv;

	if (logon == NULL || logon->store == NULL) {
		return ecNullObject;
	}
	if (emsmdb_logon_is_public(logon)) {
		return MAPI_E_NO_SUPPORT;
	}
	emsmdb_guid_from_wire(
		&db, &call->request->Body.GetPerUserLongTermIds.DatabaseGuid);
	rv = mstore_peruser_list(call->mem_ctx, logon->store, &db, &ltids,
				 &count);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	count = MIN(count, PERUSER_LTIDS_MAX);
	out->LongTermIds = talloc_zero_array(call->mem_ctx, struct LongTermId,
					     count + 1);
	if (out->LongTermIds == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < count; i++) {
		emsmdb_ltid_to_wire(&out->LongTermIds[i], &ltids[i]);
	}
	out->LongTermIdCount = count;
	return MAPI_E_SUCCESS;
}

/* MS-OXCSTOR 3.2.5.11 RopGetPerUserGuid: the public store a mailbox's
 * cached data came from; ecNotFound when nothing is cached. */
enum MAPISTATUS emsmdb_rop_get_per_user_guid(struct emsmdb_rop_call *call)
{
	struct emsmdb_logon *logon = emsmdb_logon_of(call->input);
	struct mstore_long_term_id lt;
	struct mstore_guid guid;
	struct mstore_bin data;
	enum MAPISTATUS rv;

	if (logon == NULL || logon->store == NULL) {
		return ecNullObject;
	}
	if (emsmdb_logon_is_public(logon)) {
		return MAPI_E_NO_SUPPORT;
	}
	emsmdb_ltid_from_wire(&lt,
			      &call->request->Body.GetPerUserGuid.LongTermId);
	rv = mstore_peruser_read(call->mem_ctx, logon->store, NULL, &lt,
				 &data, &guid);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	emsmdb_guid_to_wire(&call->response->Body.GetPerUserGuid.Data
				     .DatabaseGuid, &guid);
	return MAPI_E_SUCCESS;
}

/* On a public logon the folder must be one of the store's. */
static enum MAPISTATUS public_folder_check(struct emsmdb_logon *logon,
					   const struct mstore_long_term_id *lt)
{
	uint64_t fid;
	enum MAPISTATUS rv;

	if (!emsmdb_logon_is_public(logon)) {
		return MAPI_E_SUCCESS;
	}
	rv = mstore_long_term_to_id(logon->store, lt, &fid);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	return mstore_folder_open(logon->store, fid);
}

/*
 * MS-OXCSTOR 3.2.5.12 RopReadPerUserInformation: up to MaxDataSize bytes
 * from DataOffset; HasFinished once the data's end is in the response.
 * A folder without data reads as empty; an offset past the end is
 * ecInvalidParam.
 */
enum MAPISTATUS emsmdb_rop_read_per_user_information(
	struct emsmdb_rop_call *call)
{
	const struct RopReadPerUserInformation_req *req =
		&call->request->Body.ReadPerUserInformation;
	struct RopReadPerUserInformation_Success *out =
		&call->response->Body.ReadPerUserInformation.Data.Success;
	struct emsmdb_logon *logon = emsmdb_logon_of(call->input);
	struct mstore_long_term_id lt;
	struct mstore_bin data = { 0, NULL };
	size_t n;
	enum MAPISTATUS rv;

	if (logon == NULL || logon->store == NULL) {
		return ecNullObject;
	}
	emsmdb_ltid_from_wire(&lt, &req->FolderId);
	rv = public_folder_check(logon, &lt);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	rv = mstore_peruser_read(call->mem_ctx, logon->store,
				 peruser_user(call, logon), &lt, &data, NULL);
	if (rv != MAPI_E_SUCCESS && rv != MAPI_E_NOT_FOUND) {
		return rv;
	}
	if (req->DataOffset > data.length) {
		return MAPI_E_INVALID_PARAMETER;
	}
	n = MIN(data.length - req->DataOffset,
		MIN(req->MaxDataSize, PERUSER_READ_MAX));
	out->Data = n > 0 ? data.data + req->DataOffset : NULL;
	out->DataSize = n;
	out->HasFinished = req->DataOffset + n == data.length;
	return MAPI_E_SUCCESS;
}

/*
 * MS-OXCSTOR 2.2.1.13.1 / MS-OXCROPS 2.2.3.13.1: on a private logon the
 * request carries ReplGuid after Data when DataOffset is 0; a public
 * logon's never does.  The generated RopRequest has the public layout:
 * the ReplGuid goes to the call's request_extra.
 */
enum ndr_err_code emsmdb_rop_pull_write_per_user_information(
	struct ndr_pull *pull, struct emsmdb_rop_env *env,
	TALLOC_CTX *mem_ctx, struct RopRequest *req, const void **extra)
{
	struct RopWritePerUserInformation_req *w =
		&req->Body.WritePerUserInformation;
	struct emsmdb_object *o = emsmdb_object_logon(env->objects,
						      req->LogonId);
	struct emsmdb_logon *logon = emsmdb_logon_of(o);
	struct RopWritePerUserInformation_private_req *p;
	struct GUID *guid;

	if (logon == NULL || emsmdb_logon_is_public(logon)) {
		return ndr_pull_RopWritePerUserInformation_req(
			pull, NDR_SCALARS | NDR_BUFFERS, w);
	}
	p = talloc_zero(mem_ctx, struct RopWritePerUserInformation_private_req);
	NDR_ERR_HAVE_NO_MEMORY(p);
	NDR_CHECK(ndr_pull_RopWritePerUserInformation_private_req(
		pull, NDR_SCALARS | NDR_BUFFERS, p));
	w->FolderId = p->FolderId;
	w->HasFinished = p->HasFinished;
	w->DataOffset = p->DataOffset;
	w->DataSize = p->DataSize;
	w->Data = p->Data;
	if (p->DataOffset == 0) {
		guid = talloc(mem_ctx, struct GUID);
		NDR_ERR_HAVE_NO_MEMORY(guid);
		*guid = p->ReplGuid.ReplGuid;
		*extra = guid;
	}
	return NDR_ERR_SUCCESS;
}

/*
 * MS-OXCSTOR 3.2.5.13 RopWritePerUserInformation: chunks in order
 * (DataOffset = bytes sent before, else ecInvalidParam); the data
 * replaces the old with the chunk that has HasFinished.  A private
 * logon's first chunk names the public store the data came from.
 */
enum MAPISTATUS emsmdb_rop_write_per_user_information(
	struct emsmdb_rop_call *call)
{
	const struct RopWritePerUserInformation_req *req =
		&call->request->Body.WritePerUserInformation;
	struct emsmdb_logon *logon = emsmdb_logon_of(call->input);
	const struct GUID *repl = call->request_extra;
	struct mstore_peruser_chunk c = { 0 };
	struct mstore_long_term_id lt;
	struct mstore_guid guid;
	enum MAPISTATUS rv;

	if (logon == NULL || logon->store == NULL) {
		return ecNullObject;
	}
	emsmdb_ltid_from_wire(&lt, &req->FolderId);
	rv = public_folder_check(logon, &lt);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (repl != NULL) {
		emsmdb_guid_from_wire(&guid, repl);
		c.repl_guid = &guid;
	}
	c.folder = &lt;
	c.offset = req->DataOffset;
	c.data = req->Data;
	c.length = req->DataSize;
	c.finished = req->HasFinished != 0;
	return mstore_peruser_write(logon->store, peruser_user(call, logon),
				    &c);
}
