/*
 * sambamapi message store: the property tags the store itself reads or
 * computes (MS-OXPROPS).
 */
#ifndef SMAPI_STORE_TAGS_H
#define SMAPI_STORE_TAGS_H

#define MSTORE_PidTagMessageClass		0x001A001F
#define MSTORE_PidTagMessageFlags		0x0E070003
#define MSTORE_PidTagMessageSize		0x0E080003
#define MSTORE_PidTagMessageSizeExtended	0x0E080014
#define MSTORE_PidTagParentEntryId		0x0E090102
#define MSTORE_PidTagHasAttachments		0x0E1B000B
#define MSTORE_PidTagAttachSize			0x0E200003
#define MSTORE_PidTagAttachNumber		0x0E210003
#define MSTORE_PidTagRecordKey			0x0FF90102
#define MSTORE_PidTagEntryId			0x0FFF0102
#define MSTORE_PidTagRowid			0x30000003
#define MSTORE_PidTagDisplayName		0x3001001F
#define MSTORE_PidTagCreationTime		0x30070040
#define MSTORE_PidTagLastModificationTime	0x30080040
#define MSTORE_PidTagFolderType			0x36010003
#define MSTORE_PidTagContentCount		0x36020003
#define MSTORE_PidTagContentUnreadCount		0x36030003
#define MSTORE_PidTagSubfolders			0x360A000B
#define MSTORE_PidTagContainerClass		0x3613001F
#define MSTORE_PidTagAssociatedContentCount	0x36170003
#define MSTORE_PidTagIpmAppointmentEntryId	0x36D00102
#define MSTORE_PidTagIpmContactEntryId		0x36D10102
#define MSTORE_PidTagIpmJournalEntryId		0x36D20102
#define MSTORE_PidTagIpmNoteEntryId		0x36D30102
#define MSTORE_PidTagIpmTaskEntryId		0x36D40102
#define MSTORE_PidTagRemindersOnlineEntryId	0x36D50102
#define MSTORE_PidTagIpmDraftsEntryId		0x36D70102
#define MSTORE_PidTagAdditionalRenEntryIds	0x36D81102
#define MSTORE_PidTagAdditionalRenEntryIdsEx	0x36D90102
#define MSTORE_PidTagSourceKey			0x65E00102
#define MSTORE_PidTagParentSourceKey		0x65E10102
#define MSTORE_PidTagChangeKey			0x65E20102
#define MSTORE_PidTagPredecessorChangeList	0x65E30102
#define MSTORE_PidTagFolderChildCount		0x66380003
#define MSTORE_PidTagDeletedOn			0x668F0040
#define MSTORE_PidTagFolderId			0x67480014
#define MSTORE_PidTagParentFolderId		0x67490014
#define MSTORE_PidTagMid			0x674A0014
#define MSTORE_PidTagChangeNumber		0x67A40014
#define MSTORE_PidTagAssociated			0x67AA000B

/** PidTagMessageFlags bits (MS-OXCMSG 2.2.1.6). */
#define MSTORE_MSGFLAG_READ		0x00000001
#define MSTORE_MSGFLAG_UNMODIFIED	0x00000002
#define MSTORE_MSGFLAG_UNSENT		0x00000008
#define MSTORE_MSGFLAG_HASATTACH	0x00000010
#define MSTORE_MSGFLAG_ASSOCIATED	0x00000040
#define MSTORE_MSGFLAG_NOTIFYREAD	0x00000100
#define MSTORE_MSGFLAG_NOTIFYUNREAD	0x00000200
#define MSTORE_MSGFLAG_EVERREAD		0x00000400

/** PidTagFolderType values (MS-OXCFOLD 2.2.2.2.1.2). */
#define MSTORE_FOLDER_ROOT	0
#define MSTORE_FOLDER_GENERIC	1
#define MSTORE_FOLDER_SEARCH	2

#endif
