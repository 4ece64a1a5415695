/*
 * The ROP dispatch table: RopId -> handler (MS-OXCROPS 2.2).
 *
 * A ROP missing here answers its own failure response with ReturnValue
 * MAPI_E_NO_SUPPORT (ecNotSupported, MS-OXCDATA 2.4.1), and the other ROPs
 * of the buffer still run.
 */
#include "emsmdb_rop.h"
#include "emsmdb_rop_handlers.h"

#define LOGON EMSMDB_OBJECT_BIT(EMSMDB_OBJECT_LOGON)
#define FOLDER EMSMDB_OBJECT_BIT(EMSMDB_OBJECT_FOLDER)
#define MESSAGE EMSMDB_OBJECT_BIT(EMSMDB_OBJECT_MESSAGE)
#define ATTACHMENT EMSMDB_OBJECT_BIT(EMSMDB_OBJECT_ATTACHMENT)
/* MS-OXCPRPT 1.3: objects with properties */
#define PROPS (LOGON | FOLDER | MESSAGE | ATTACHMENT)
#define STREAM EMSMDB_OBJECT_BIT(EMSMDB_OBJECT_STREAM)
/* MS-OXCFOLD ROPs: on a non-folder, ecNotSupported */
#define FOLDER_ROP EMSMDB_ROP_FOLDER_INPUT

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
	{ RopOpenFolder, emsmdb_rop_open_folder, LOGON | FOLDER, 0 },
	/* notifications: MS-OXCROPS 2.2.14 */
	{ RopRegisterNotification, emsmdb_rop_register_notification,
	  LOGON | FOLDER | MESSAGE, 0 },
	/* folders: MS-OXCROPS 2.2.4 */
	{ RopCreateFolder, emsmdb_rop_create_folder, FOLDER, FOLDER_ROP },
	{ RopDeleteFolder, emsmdb_rop_delete_folder, FOLDER, FOLDER_ROP },
	{ RopMoveFolder, emsmdb_rop_move_folder, FOLDER, FOLDER_ROP },
	{ RopCopyFolder, emsmdb_rop_copy_folder, FOLDER, FOLDER_ROP },
	{ RopEmptyFolder, emsmdb_rop_empty_folder, FOLDER, FOLDER_ROP },
	{ RopHardDeleteMessagesAndSubfolders,
	  emsmdb_rop_hard_delete_messages_and_subfolders, FOLDER,
	  FOLDER_ROP },
	{ RopDeleteMessages, emsmdb_rop_delete_messages, FOLDER, FOLDER_ROP },
	{ RopHardDeleteMessages, emsmdb_rop_hard_delete_messages, FOLDER,
	  FOLDER_ROP },
	{ RopMoveCopyMessages, emsmdb_rop_move_copy_messages, FOLDER,
	  FOLDER_ROP },
	/* messages: MS-OXCROPS 2.2.6 */
	{ RopOpenMessage, emsmdb_rop_open_message, EMSMDB_OBJECT_ANY, 0 },
	{ RopCreateMessage, emsmdb_rop_create_message, LOGON | FOLDER, 0 },
	{ RopSaveChangesMessage, emsmdb_rop_save_changes_message, MESSAGE,
	  0 },
	/* MS-OXCMSG 3.2.5: these ROPs answer ecNullObject (or
	 * ecNotSupported) for an object of another kind themselves */
	{ RopReloadCachedInformation, emsmdb_rop_reload_cached_information,
	  EMSMDB_OBJECT_ANY, 0 },
	{ RopRemoveAllRecipients, emsmdb_rop_remove_all_recipients,
	  EMSMDB_OBJECT_ANY, 0 },
	{ RopModifyRecipients, emsmdb_rop_modify_recipients,
	  EMSMDB_OBJECT_ANY, 0 },
	{ RopReadRecipients, emsmdb_rop_read_recipients, EMSMDB_OBJECT_ANY,
	  0 },
	{ RopSetMessageReadFlag, emsmdb_rop_set_message_read_flag,
	  EMSMDB_OBJECT_ANY, 0, emsmdb_rop_pull_set_message_read_flag },
	{ RopSetReadFlags, emsmdb_rop_set_read_flags, EMSMDB_OBJECT_ANY, 0 },
	{ RopGetMessageStatus, emsmdb_rop_get_message_status,
	  EMSMDB_OBJECT_ANY, 0 },
	{ RopSetMessageStatus, emsmdb_rop_set_message_status,
	  EMSMDB_OBJECT_ANY, 0 },
	{ RopOpenAttachment, emsmdb_rop_open_attachment, EMSMDB_OBJECT_ANY,
	  0 },
	{ RopCreateAttachment, emsmdb_rop_create_attachment,
	  EMSMDB_OBJECT_ANY, 0 },
	{ RopDeleteAttachment, emsmdb_rop_delete_attachment,
	  EMSMDB_OBJECT_ANY, 0 },
	{ RopSaveChangesAttachment, emsmdb_rop_save_changes_attachment,
	  EMSMDB_OBJECT_ANY, 0 },
	{ RopGetAttachmentTable, emsmdb_rop_get_attachment_table,
	  EMSMDB_OBJECT_ANY, 0 },
	{ RopGetValidAttachments, emsmdb_rop_get_valid_attachments,
	  EMSMDB_OBJECT_ANY, 0 },
	{ RopOpenEmbeddedMessage, emsmdb_rop_open_embedded_message,
	  EMSMDB_OBJECT_ANY, 0 },
	/* transport: MS-OXCROPS 2.2.7, MS-OXOMSG 2.2.4, 2.2.5 */
	{ RopSubmitMessage, emsmdb_rop_submit_message, MESSAGE, 0 },
	{ RopAbortSubmit, emsmdb_rop_abort_submit, EMSMDB_OBJECT_ANY, 0 },
	{ RopGetAddressTypes, emsmdb_rop_get_address_types, LOGON, 0 },
	{ RopSetSpooler, emsmdb_rop_set_spooler, LOGON, 0 },
	{ RopSpoolerLockMessage, emsmdb_rop_spooler_lock_message, LOGON, 0 },
	{ RopTransportSend, emsmdb_rop_transport_send, MESSAGE, 0 },
	{ RopTransportNewMail, emsmdb_rop_transport_new_mail, LOGON, 0 },
	{ RopGetTransportFolder, emsmdb_rop_get_transport_folder, LOGON, 0 },
	{ RopOptionsData, emsmdb_rop_options_data, LOGON, 0 },
	/* properties: MS-OXCROPS 2.2.8 */
	{ RopGetPropertiesSpecific, emsmdb_rop_get_properties_specific,
	  PROPS, 0 },
	{ RopGetPropertiesAll, emsmdb_rop_get_properties_all, PROPS, 0 },
	{ RopGetPropertiesList, emsmdb_rop_get_properties_list, PROPS, 0 },
	{ RopSetProperties, emsmdb_rop_set_properties, PROPS, 0 },
	{ RopSetPropertiesNoReplicate,
	  emsmdb_rop_set_properties_no_replicate, PROPS, 0 },
	{ RopDeleteProperties, emsmdb_rop_delete_properties, PROPS, 0 },
	{ RopDeletePropertiesNoReplicate,
	  emsmdb_rop_delete_properties_no_replicate, PROPS, 0 },
	{ RopCopyTo, emsmdb_rop_copy_to, FOLDER | MESSAGE, 0 },
	{ RopCopyProperties, emsmdb_rop_copy_properties, FOLDER | MESSAGE,
	  0 },
	{ RopGetPropertyIdsFromNames, emsmdb_rop_get_property_ids_from_names,
	  PROPS, 0 },
	{ RopGetNamesFromPropertyIds, emsmdb_rop_get_names_from_property_ids,
	  PROPS, 0 },
	{ RopQueryNamedProperties, emsmdb_rop_query_named_properties,
	  PROPS, 0 },
	{ RopProgress, emsmdb_rop_progress, FOLDER | MESSAGE | LOGON, 0 },
	/* streams: MS-OXCROPS 2.2.9; RopOpenStream answers NotSupported
	 * on objects without streams (MS-OXCPRPT 3.2.5.11) */
	{ RopOpenStream, emsmdb_rop_open_stream, EMSMDB_OBJECT_ANY, 0 },
	{ RopReadStream, emsmdb_rop_read_stream, STREAM, 0,
	  emsmdb_rop_pull_read_stream },
	{ RopWriteStream, emsmdb_rop_write_stream, STREAM, 0 },
	{ RopWriteStreamExtended, emsmdb_rop_write_stream_extended, STREAM,
	  0 },
	{ RopCommitStream, emsmdb_rop_commit_stream, STREAM, 0 },
	{ RopWriteAndCommitStream, emsmdb_rop_write_and_commit_stream, STREAM,
	  0 },
	{ RopGetStreamSize, emsmdb_rop_get_stream_size, STREAM, 0 },
	{ RopSetStreamSize, emsmdb_rop_set_stream_size, STREAM, 0 },
	{ RopSeekStream, emsmdb_rop_seek_stream, STREAM, 0 },
	{ RopCopyToStream, emsmdb_rop_copy_to_stream, STREAM, 0 },
	{ RopCloneStream, emsmdb_rop_clone_stream, STREAM, 0 },
	{ RopLockRegionStream, emsmdb_rop_lock_region_stream, STREAM, 0 },
	{ RopUnlockRegionStream, emsmdb_rop_unlock_region_stream, STREAM, 0 },
	{ RopGetHierarchyTable, emsmdb_rop_get_hierarchy_table, FOLDER,
	  FOLDER_ROP },
	{ RopGetContentsTable, emsmdb_rop_get_contents_table, FOLDER,
	  FOLDER_ROP },
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
