/*
 * Folder ROPs (MS-OXCFOLD, MS-OXCROPS 2.2.4).
 */
#include "emsmdb.h"
#include "emsmdb_logon.h"
#include "emsmdb_rop_handlers.h"

#include <util/debug.h>

/* MS-OXCFOLD 2.2.1.1.1 OpenModeFlags */
#define OPEN_SOFT_DELETED	0x04

/*
 * MS-OXCFOLD 3.2.5.1 RopOpenFolder: a folder of the logon's store, opened
 * from the logon or from another folder.  This store keeps no
 * soft-deleted folders, so OpenSoftDeleted finds nothing more; no folder
 * is ghosted (no public folder replicas) and none has rules yet.
 */
enum MAPISTATUS emsmdb_rop_open_folder(struct emsmdb_rop_call *call)
{
	const struct RopOpenFolder_req *req = &call->request->Body.OpenFolder;
	struct RopOpenFolder_Success *ok =
		&call->response->Body.OpenFolder.Data.Success;
	struct mstore *store = emsmdb_store_of(call->input);
	struct emsmdb_folder *folder;
	enum MAPISTATUS rv;

	if (store == NULL) {
		return ecNullObject;
	}
	rv = mstore_folder_open(store, req->FolderId);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	folder = talloc_zero(call->mem_ctx, struct emsmdb_folder);
	if (folder == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	folder->fid = req->FolderId;
	if (emsmdb_rop_new_object(call, call->input, EMSMDB_OBJECT_FOLDER,
				  folder) == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	talloc_steal(call->output, folder);
	ok->HasRules = 0;
	ok->IsGhosted = 0;
	return MAPI_E_SUCCESS;
}
