/*
 * libmapi: folders and the messages in them (MS-OXCFOLD).
 */
#include "folder.h"

#include <string.h>

enum MAPISTATUS mapi_object_release(struct mapi_logon *logon,
				    uint32_t handle)
{
	struct RopRequest req = { .RopId = RopRelease,
				  .LogonId = logon->logon_id };
	struct mapi_emsmdb_rop_result r;
	TALLOC_CTX *tmp = talloc_new(NULL);
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mapi_emsmdb_rops(logon->emsmdb, tmp, &req, 1, &handle, 1, NULL,
			      &r);
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mapi_folder_open(struct mapi_logon *logon,
				 TALLOC_CTX *mem_ctx, uint32_t parent,
				 uint64_t fid, uint32_t *handle)
{
	return mapi_folder_open_ex(logon, mem_ctx, parent, fid, 0, handle);
}

enum MAPISTATUS mapi_folder_open_ex(struct mapi_logon *logon,
				    TALLOC_CTX *mem_ctx, uint32_t parent,
				    uint64_t fid, uint8_t mode,
				    uint32_t *handle)
{
	struct RopRequest req = { .RopId = RopOpenFolder };
	struct RopResponse *resp;

	req.Body.OpenFolder.OutputHandleIndex = 1;
	req.Body.OpenFolder.FolderId = fid;
	req.Body.OpenFolder.OpenModeFlags = mode;
	return mapi_logon_rop(logon, mem_ctx, parent, &req, &resp, handle);
}

static void folder_string(union FolderString *s, bool string8,
			  const char *value)
{
	if (string8) {
		s->String8 = value ? value : "";
	} else {
		s->Unicode = value ? value : "";
	}
}

enum MAPISTATUS mapi_folder_create(struct mapi_logon *logon,
				   TALLOC_CTX *mem_ctx, uint32_t parent,
				   const char *name,
				   const struct mapi_folder_create_options *o,
				   uint64_t *fid, uint32_t *handle,
				   bool *existed)
{
	static const struct mapi_folder_create_options defaults = {
		.type = FOLDER_GENERIC
	};
	struct RopRequest req = { .RopId = RopCreateFolder };
	struct RopCreateFolder_req *c = &req.Body.CreateFolder;
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	if (o == NULL) {
		o = &defaults;
	}
	c->OutputHandleIndex = 1;
	c->FolderType = o->type ? o->type : FOLDER_GENERIC;
	c->UseUnicodeStrings = o->string8 ? 0 : 1;
	c->OpenExisting = o->open_existing ? 1 : 0;
	folder_string(&c->DisplayName, o->string8, name);
	folder_string(&c->Comment, o->string8, o->comment);
	rv = mapi_logon_rop(logon, mem_ctx, parent, &req, &resp, handle);
	if (rv == MAPI_E_SUCCESS) {
		const struct RopCreateFolder_Success *ok =
			&resp->Body.CreateFolder.Data.Success;

		if (fid != NULL) {
			*fid = ok->FolderId;
		}
		if (existed != NULL) {
			*existed = ok->IsExistingFolder != 0;
		}
	}
	return rv;
}

enum MAPISTATUS mapi_folder_delete(struct mapi_logon *logon,
				   TALLOC_CTX *mem_ctx, uint32_t parent,
				   uint64_t fid, uint8_t flags,
				   bool *partial)
{
	struct RopRequest req = { .RopId = RopDeleteFolder };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	req.Body.DeleteFolder.DeleteFolderFlags = flags;
	req.Body.DeleteFolder.FolderId = fid;
	rv = mapi_logon_rop(logon, mem_ctx, parent, &req, &resp, NULL);
	if (partial != NULL && resp != NULL) {
		*partial = resp->Body.DeleteFolder.PartialCompletion != 0;
	}
	return rv;
}

enum MAPISTATUS mapi_folder_move_copy(struct mapi_logon *logon,
				      TALLOC_CTX *mem_ctx, uint32_t src,
				      uint32_t dst, uint64_t fid,
				      const char *name, bool copy,
				      bool recursive)
{
	struct RopRequest req = { .RopId = copy ? RopCopyFolder :
						  RopMoveFolder };
	struct RopResponse *resp;

	if (copy) {
		struct RopCopyFolder_req *c = &req.Body.CopyFolder;

		c->DestHandleIndex = 1;
		c->WantRecursive = recursive ? 1 : 0;
		c->UseUnicode = 1;
		c->FolderId = fid;
		c->NewFolderName.Unicode = name ? name : "";
	} else {
		struct RopMoveFolder_req *m = &req.Body.MoveFolder;

		m->DestHandleIndex = 1;
		m->UseUnicode = 1;
		m->FolderId = fid;
		m->NewFolderName.Unicode = name ? name : "";
	}
	return mapi_logon_rop_pair(logon, mem_ctx, src, dst, &req, &resp);
}

enum MAPISTATUS mapi_folder_empty(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint32_t handle,
				  bool associated)
{
	struct RopRequest req = { .RopId = RopEmptyFolder };
	struct RopResponse *resp;

	req.Body.EmptyFolder.WantDeleteAssociated = associated ? 1 : 0;
	return mapi_logon_rop(logon, mem_ctx, handle, &req, &resp, NULL);
}

enum MAPISTATUS mapi_messages_delete(struct mapi_logon *logon,
				     TALLOC_CTX *mem_ctx, uint32_t folder,
				     const uint64_t *mids, uint16_t count,
				     bool hard)
{
	struct RopRequest req = { .RopId = hard ? RopHardDeleteMessages :
						  RopDeleteMessages };
	struct RopResponse *resp;

	/* both requests have the same layout */
	req.Body.DeleteMessages.MessageIdCount = count;
	req.Body.DeleteMessages.MessageIds = discard_const_p(uint64_t, mids);
	if (hard) {
		req.Body.HardDeleteMessages.MessageIdCount = count;
		req.Body.HardDeleteMessages.MessageIds =
			discard_const_p(uint64_t, mids);
	}
	return mapi_logon_rop(logon, mem_ctx, folder, &req, &resp, NULL);
}

enum MAPISTATUS mapi_messages_move_copy(struct mapi_logon *logon,
					TALLOC_CTX *mem_ctx, uint32_t src,
					uint32_t dst, const uint64_t *mids,
					uint16_t count, bool copy,
					bool *partial)
{
	struct RopRequest req = { .RopId = RopMoveCopyMessages };
	struct RopMoveCopyMessages_req *m = &req.Body.MoveCopyMessages;
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	m->DestHandleIndex = 1;
	m->MessageIdCount = count;
	m->MessageIds = discard_const_p(uint64_t, mids);
	m->WantCopy = copy ? 1 : 0;
	rv = mapi_logon_rop_pair(logon, mem_ctx, src, dst, &req, &resp);
	if (rv == MAPI_E_SUCCESS && partial != NULL) {
		*partial = resp->Body.MoveCopyMessages.Data.PartialCompletion;
	}
	return rv;
}
