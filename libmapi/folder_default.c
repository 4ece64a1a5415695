/*
 * libmapi: a mailbox's default folders by kind (MS-OXOSFLD; see
 * folder_path.h).
 */
#include "folder_path.h"
#include "folder.h"
#include "property.h"

#include <string.h>

/* Folder EntryID (MS-OXCDATA 2.2.4.1): Flags (4), ProviderUID (16),
 * FolderType (2), DatabaseGuid (16), GlobalCounter (6), Pad (2). */
#define FOLDER_ENTRYID_SIZE	46
#define ENTRYID_GUID_OFFSET	22
#define ENTRYID_GLOBCNT_OFFSET	38

/* The PidTagIpm*EntryId property of a kind (MS-OXOSFLD 2.2.3), or 0. */
static uint32_t entryid_tag(enum mapi_default_folder kind)
{
	switch (kind) {
	case MAPI_FOLDER_CALENDAR: return 0x36D00102;
	case MAPI_FOLDER_CONTACTS: return 0x36D10102;
	case MAPI_FOLDER_JOURNAL: return 0x36D20102;
	case MAPI_FOLDER_NOTES: return 0x36D30102;
	case MAPI_FOLDER_TASKS: return 0x36D40102;
	case MAPI_FOLDER_DRAFTS: return 0x36D70102;
	default: return 0;
	}
}

/* RopIdFromLongTermId of a Folder EntryID's database and counter. */
static enum MAPISTATUS entryid_to_fid(struct mapi_logon *logon,
				      TALLOC_CTX *mem_ctx,
				      const struct BinaryValue *eid,
				      uint64_t *fid)
{
	struct RopRequest req = { .RopId = RopIdFromLongTermId };
	struct LongTermId *lt = &req.Body.IdFromLongTermId.LongTermId;
	struct RopResponse *resp;
	DATA_BLOB guid;
	enum MAPISTATUS rv;

	if (eid->Count != FOLDER_ENTRYID_SIZE) {
		return MAPI_E_NOT_FOUND;
	}
	guid = data_blob_const(eid->Data + ENTRYID_GUID_OFFSET, 16);
	if (!NT_STATUS_IS_OK(GUID_from_ndr_blob(&guid, &lt->DatabaseGuid))) {
		return MAPI_E_CORRUPT_DATA;
	}
	memcpy(lt->GlobalCounter, eid->Data + ENTRYID_GLOBCNT_OFFSET, 6);
	rv = mapi_logon_rop(logon, mem_ctx, logon->handle, &req, &resp, NULL);
	if (rv == MAPI_E_SUCCESS) {
		*fid = resp->Body.IdFromLongTermId.Data.ObjectId;
	}
	return rv;
}

/* The folder of a PidTagIpm*EntryId property on the root folder. */
static enum MAPISTATUS from_entryid(struct mapi_logon *logon,
				    TALLOC_CTX *mem_ctx, uint32_t tag,
				    uint64_t *fid)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	struct property_row row;
	uint32_t root;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mapi_folder_open(logon, tmp, logon->handle,
			      logon->folder_ids[MAPI_LOGON_ROOT], &root);
	if (rv != MAPI_E_SUCCESS) {
		talloc_free(tmp);
		return rv;
	}
	rv = mapi_props_get(logon, tmp, root, &tag, 1, true, 0, &row);
	if (rv == MAPI_E_SUCCESS) {
		rv = row.count == 1 && row.cells[0].flag == 0 &&
		     row.cells[0].type == PT_BINARY ?
		     entryid_to_fid(logon, tmp, &row.cells[0].value.Binary,
				    fid) : MAPI_E_NOT_FOUND;
	}
	mapi_object_release(logon, root);
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mapi_folder_default(struct mapi_logon *logon,
				    TALLOC_CTX *mem_ctx,
				    enum mapi_default_folder kind,
				    uint64_t *fid)
{
	static const int logon_index[] = {
		[MAPI_FOLDER_TOP] = MAPI_LOGON_IPM_SUBTREE,
		[MAPI_FOLDER_INBOX] = MAPI_LOGON_INBOX,
		[MAPI_FOLDER_OUTBOX] = MAPI_LOGON_OUTBOX,
		[MAPI_FOLDER_SENT_ITEMS] = MAPI_LOGON_SENT_ITEMS,
		[MAPI_FOLDER_DELETED_ITEMS] = MAPI_LOGON_DELETED_ITEMS,
	};
	uint32_t tag = entryid_tag(kind);

	if (logon->is_public) {
		return MAPI_E_NOT_FOUND;
	}
	if (tag != 0) {
		return from_entryid(logon, mem_ctx, tag, fid);
	}
	if ((size_t)kind >= sizeof(logon_index) / sizeof(logon_index[0])) {
		return MAPI_E_INVALID_PARAMETER;
	}
	*fid = logon->folder_ids[logon_index[kind]];
	return MAPI_E_SUCCESS;
}
