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
