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
	{ RopGetHierarchyTable, emsmdb_rop_get_hierarchy_table,
	  EMSMDB_OBJECT_BIT(EMSMDB_OBJECT_FOLDER), 0 },
	{ RopGetContentsTable, emsmdb_rop_get_contents_table,
	  EMSMDB_OBJECT_BIT(EMSMDB_OBJECT_FOLDER), 0 },
	/* Table ROPs check the object type themselves: on anything but a
	 * table they answer ecNotSupported (MS-OXCTABL 3.2.5). */
	{ RopSetColumns, emsmdb_rop_set_columns, EMSMDB_OBJECT_ANY, 0 },
	{ RopSortTable, emsmdb_rop_sort_table, EMSMDB_OBJECT_ANY, 0 },
	{ RopRestrict, emsmdb_rop_restrict, EMSMDB_OBJECT_ANY, 0 },
	{ RopQueryRows, emsmdb_rop_query_rows, EMSMDB_OBJECT_ANY, 0 },
	{ RopAbort, emsmdb_rop_abort, EMSMDB_OBJECT_ANY, 0 },
	{ RopGetStatus, emsmdb_rop_get_status, EMSMDB_OBJECT_ANY, 0 },
	{ RopQueryPosition, emsmdb_rop_query_position, EMSMDB_OBJECT_ANY, 0 },
	{ RopSeekRow, emsmdb_rop_seek_row, EMSMDB_OBJECT_ANY, 0 },
	{ RopSeekRowBookmark, emsmdb_rop_seek_row_bookmark,
	  EMSMDB_OBJECT_ANY, 0 },
	{ RopSeekRowFractional, emsmdb_rop_seek_row_fractional,
	  EMSMDB_OBJECT_ANY, 0 },
	{ RopCreateBookmark, emsmdb_rop_create_bookmark, EMSMDB_OBJECT_ANY,
	  0 },
	{ RopQueryColumnsAll, emsmdb_rop_query_columns_all,
	  EMSMDB_OBJECT_ANY, 0 },
	{ RopFindRow, emsmdb_rop_find_row, EMSMDB_OBJECT_ANY, 0 },
	{ RopFreeBookmark, emsmdb_rop_free_bookmark, EMSMDB_OBJECT_ANY, 0 },
	{ RopResetTable, emsmdb_rop_reset_table, EMSMDB_OBJECT_ANY, 0 },
	{ RopExpandRow, emsmdb_rop_expand_row, EMSMDB_OBJECT_ANY, 0 },
	{ RopCollapseRow, emsmdb_rop_collapse_row, EMSMDB_OBJECT_ANY, 0 },
	{ RopGetCollapseState, emsmdb_rop_get_collapse_state,
	  EMSMDB_OBJECT_ANY, 0 },
	{ RopSetCollapseState, emsmdb_rop_set_collapse_state,
	  EMSMDB_OBJECT_ANY, 0 },
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
