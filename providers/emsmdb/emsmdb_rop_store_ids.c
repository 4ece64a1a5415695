/*
 * Store ROPs about ids, state and servers (MS-OXCSTOR 3.2.5.5 - 3.2.5.9,
 * MS-OXCROPS 2.2.3.5 - 2.2.3.9): RopGetStoreState, RopGetOwningServers,
 * RopPublicFolderIsGhosted, RopLongTermIdFromId, RopIdFromLongTermId.
 *
 * This server holds the one public folders store and every replica of its
 * folders: no folder is ghosted and the owning server of every public
 * folder is this one.
 */
#include "emsmdb_rop_store.h"
#include "emsmdb_rop_handlers.h"

#include <util/debug.h>

/* MS-OXCSTOR 3.2.5.9: no REPLID left (MS-OXCDATA 2.4.2 ecParameterOverflow) */
#define EC_PARAMETER_OVERFLOW ((enum MAPISTATUS)0x00000450)

/* MS-OXCSTOR 3.2.5.5 RopGetStoreState: STORE_HAS_SEARCHES (0x01000000)
 * would tell of active search folders; searches are not run yet. */
enum MAPISTATUS emsmdb_rop_get_store_state(struct emsmdb_rop_call *call)
{
	if (emsmdb_store_of(call->input) == NULL) {
		return ecNullObject;
	}
	call->response->Body.GetStoreState.Data.StoreState = 0;
	return MAPI_E_SUCCESS;
}

/* The logon of a public folder ROP, and the folder it names. */
static enum MAPISTATUS public_folder(struct emsmdb_rop_call *call,
				     uint64_t fid,
				     struct emsmdb_logon **logon)
{
	*logon = emsmdb_logon_of(call->input);
	if (*logon == NULL || (*logon)->store == NULL) {
		return ecNullObject;
	}
	return mstore_folder_open((*logon)->store, fid);
}

/*
 * MS-OXCSTOR 3.2.5.6 RopGetOwningServers: the servers with a replica of a
 * public folder, this one (MS-OXCSTOR 2.2.1.6.2: the cheapest first).
 * Private mailbox folders have no replicas: ecNotSupported.
 */
enum MAPISTATUS emsmdb_rop_get_owning_servers(struct emsmdb_rop_call *call)
{
	struct RopGetOwningServers_Success *out =
		&call->response->Body.GetOwningServers.Data.Success;
	struct emsmdb_session *session = call->env->session;
	struct emsmdb_logon *logon;
	enum MAPISTATUS rv;

	rv = public_folder(call, call->request->Body.GetOwningServers.FolderId,
			   &logon);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (!emsmdb_logon_is_public(logon) || session == NULL) {
		return MAPI_E_NO_SUPPORT;
	}
	out->OwningServers = talloc_zero_array(call->mem_ctx,
					       struct String8Value, 1);
	if (out->OwningServers == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	out->OwningServers[0].Value = emsmdb_public_mdb_dn(call->mem_ctx,
							   session);
	if (out->OwningServers[0].Value == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	out->OwningServersCount = 1;
	out->CheapServersCount = 1;
	return MAPI_E_SUCCESS;
}

/* MS-OXCSTOR 3.2.5.7 RopPublicFolderIsGhosted: this server is an active
 * replica of every public folder, and mailbox folders are never ghosted. */
enum MAPISTATUS emsmdb_rop_public_folder_is_ghosted(
	struct emsmdb_rop_call *call)
{
	struct emsmdb_logon *logon;
	enum MAPISTATUS rv;

	rv = public_folder(call,
			   call->request->Body.PublicFolderIsGhosted.FolderId,
			   &logon);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	call->response->Body.PublicFolderIsGhosted.Data.Success.IsGhosted = 0;
	return MAPI_E_SUCCESS;
}

/*
 * MS-OXCSTOR 3.2.5.8 RopLongTermIdFromId: the REPLGUID of the id's REPLID
 * and its GLOBCNT; a REPLID the store has never mapped (or 0) is
 * ecNotFound.  Whether the id names an object is not checked.
 */
enum MAPISTATUS emsmdb_rop_long_term_id_from_id(struct emsmdb_rop_call *call)
{
	struct mstore *store = emsmdb_store_of(call->input);
	uint64_t id = call->request->Body.LongTermIdFromId.ObjectId;
	struct mstore_long_term_id lt;
	enum MAPISTATUS rv;

	if (store == NULL) {
		return ecNullObject;
	}
	if (mstore_id_replid(id) == 0) {
		return MAPI_E_NOT_FOUND;
	}
	rv = mstore_id_to_long_term(store, id, &lt);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	emsmdb_ltid_to_wire(
		&call->response->Body.LongTermIdFromId.Data.LongTermId, &lt);
	return MAPI_E_SUCCESS;
}

static bool guid_is_zero(const struct mstore_guid *g)
{
	static const struct mstore_guid zero;

	return mstore_guid_equal(g, &zero);
}

/*
 * MS-OXCSTOR 3.2.5.9 RopIdFromLongTermId: a zero REPLGUID is
 * ecInvalidParam; a zero GLOBCNT gives the id 0; a REPLGUID the store
 * does not know gets a new REPLID, the same one every time after
 * (ecParameterOverflow when none is left).
 */
enum MAPISTATUS emsmdb_rop_id_from_long_term_id(struct emsmdb_rop_call *call)
{
	struct mstore *store = emsmdb_store_of(call->input);
	uint64_t *out = &call->response->Body.IdFromLongTermId.Data.ObjectId;
	struct mstore_long_term_id lt;
	uint16_t replid;
	enum MAPISTATUS rv;

	if (store == NULL) {
		return ecNullObject;
	}
	emsmdb_ltid_from_wire(&lt,
			      &call->request->Body.IdFromLongTermId.LongTermId);
	if (guid_is_zero(&lt.guid)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (lt.globcnt == 0) {
		*out = 0;
		return MAPI_E_SUCCESS;
	}
	rv = mstore_guid_to_replid(store, &lt.guid, true, &replid);
	if (rv == MAPI_E_NOT_ENOUGH_RESOURCES) {
		return EC_PARAMETER_OVERFLOW;
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	*out = mstore_id_make(replid, lt.globcnt);
	return MAPI_E_SUCCESS;
}
