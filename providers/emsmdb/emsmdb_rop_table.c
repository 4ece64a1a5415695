/*
 * The ROP dispatch table: RopId -> handler (MS-OXCROPS 2.2).
 *
 * A ROP missing here answers its own failure response with ReturnValue
 * MAPI_E_NO_SUPPORT (ecNotSupported, MS-OXCDATA 2.4.1), and the other ROPs
 * of the buffer still run.
 */
#include "emsmdb_rop.h"
#include "emsmdb_rop_handlers.h"

static const struct emsmdb_rop_def rop_defs[] = {
	{ RopRelease, emsmdb_rop_release, EMSMDB_OBJECT_ANY,
	  EMSMDB_ROP_NO_RESPONSE },
	{ RopLogon, emsmdb_rop_logon, 0, 0 },
	{ RopGetReceiveFolder, emsmdb_rop_get_receive_folder,
	  EMSMDB_OBJECT_BIT(EMSMDB_OBJECT_LOGON), 0 },
	{ RopSetReceiveFolder, emsmdb_rop_set_receive_folder,
	  EMSMDB_OBJECT_BIT(EMSMDB_OBJECT_LOGON), 0 },
	{ RopGetReceiveFolderTable, emsmdb_rop_get_receive_folder_table,
	  EMSMDB_OBJECT_BIT(EMSMDB_OBJECT_LOGON), 0 },
	{ RopGetStoreState, emsmdb_rop_get_store_state,
	  EMSMDB_OBJECT_BIT(EMSMDB_OBJECT_LOGON), 0 },
	{ RopGetOwningServers, emsmdb_rop_get_owning_servers,
	  EMSMDB_OBJECT_BIT(EMSMDB_OBJECT_LOGON), 0 },
	{ RopPublicFolderIsGhosted, emsmdb_rop_public_folder_is_ghosted,
	  EMSMDB_OBJECT_BIT(EMSMDB_OBJECT_LOGON), 0 },
	{ RopLongTermIdFromId, emsmdb_rop_long_term_id_from_id,
	  EMSMDB_OBJECT_BIT(EMSMDB_OBJECT_LOGON), 0 },
	{ RopIdFromLongTermId, emsmdb_rop_id_from_long_term_id,
	  EMSMDB_OBJECT_BIT(EMSMDB_OBJECT_LOGON), 0 },
	{ RopGetPerUserLongTermIds, emsmdb_rop_get_per_user_long_term_ids,
	  EMSMDB_OBJECT_BIT(EMSMDB_OBJECT_LOGON), 0 },
	{ RopGetPerUserGuid, emsmdb_rop_get_per_user_guid,
	  EMSMDB_OBJECT_BIT(EMSMDB_OBJECT_LOGON), 0 },
	{ RopReadPerUserInformation, emsmdb_rop_read_per_user_information,
	  EMSMDB_OBJECT_BIT(EMSMDB_OBJECT_LOGON), 0 },
	{ RopWritePerUserInformation, emsmdb_rop_write_per_user_information,
	  EMSMDB_OBJECT_BIT(EMSMDB_OBJECT_LOGON), 0,
	  emsmdb_rop_pull_write_per_user_information },
	{ RopOpenFolder, emsmdb_rop_open_folder,
	  EMSMDB_OBJECT_BIT(EMSMDB_OBJECT_LOGON) |
	  EMSMDB_OBJECT_BIT(EMSMDB_OBJECT_FOLDER), 0 },
};

const struct emsmdb_rop_def *emsmdb_rop_def_find(uint8_t rop_id)
{
	size_t i;

	for (i = 0; i < sizeof(rop_defs) / sizeof(rop_defs[0]); i++) {
		if (rop_defs[i].rop_id == rop_id) {
			return &rop_defs[i];
		}
	}
	return NULL;
}

/*
 * The ROPs whose request carries OutputHandleIndex right after
 * InputHandleIndex (MS-OXCROPS 2.2.3 - 2.2.14), plus RopLogon.
 */
bool emsmdb_rop_has_output_handle(uint8_t rop_id)
{
	switch (rop_id) {
	case RopLogon:
	case RopOpenFolder:
	case RopOpenMessage:
	case RopGetHierarchyTable:
	case RopGetContentsTable:
	case RopCreateMessage:
	case RopCreateFolder:
	case RopGetAttachmentTable:
	case RopOpenAttachment:
	case RopCreateAttachment:
	case RopRegisterNotification:
	case RopOpenStream:
	case RopCloneStream:
	case RopGetPermissionsTable:
	case RopGetRulesTable:
	case RopOpenEmbeddedMessage:
	case RopFastTransferSourceCopyMessages:
	case RopFastTransferSourceCopyFolder:
	case RopFastTransferSourceCopyTo:
	case RopFastTransferSourceCopyProperties:
	case RopFastTransferDestinationConfigure:
	case RopSynchronizationConfigure:
	case RopSynchronizationOpenCollector:
	case RopSynchronizationGetTransferState:
		return true;
	default:
		return false;
	}
}
