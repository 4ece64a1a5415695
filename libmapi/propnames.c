/*
 * libmapi: names of property tags and types (MS-OXPROPS, MS-OXCDATA 2.11.1;
 * see propnames.h).
 */
#include "propnames.h"

#include <strings.h>

#define B	PT_BOOLEAN
#define L	PT_LONG
#define I8	PT_I8
#define W	PT_UNICODE
#define T	PT_SYSTIME
#define BIN	PT_BINARY
#define MVBIN	PT_MV_BINARY

/* Sorted by ID; an ID that MS-OXPROPS names twice (by type) appears twice,
 * the more common type first. */
static const struct {
	uint16_t id;
	uint16_t type;
	const char *name;
} names[] = {
	{ 0x0002, B, "PidTagAlternateRecipientAllowed" },
	{ 0x0017, L, "PidTagImportance" },
	{ 0x001A, W, "PidTagMessageClass" },
	{ 0x0023, B, "PidTagOriginatorDeliveryReportRequested" },
	{ 0x0026, L, "PidTagPriority" },
	{ 0x0029, B, "PidTagReadReceiptRequested" },
	{ 0x002B, B, "PidTagRecipientReassignmentProhibited" },
	{ 0x002E, L, "PidTagOriginalSensitivity" },
	{ 0x0036, L, "PidTagSensitivity" },
	{ 0x0037, W, "PidTagSubject" },
	{ 0x0039, T, "PidTagClientSubmitTime" },
	{ 0x003B, BIN, "PidTagSentRepresentingSearchKey" },
	{ 0x003D, W, "PidTagSubjectPrefix" },
	{ 0x003F, BIN, "PidTagReceivedByEntryId" },
	{ 0x0040, W, "PidTagReceivedByName" },
	{ 0x0041, BIN, "PidTagSentRepresentingEntryId" },
	{ 0x0042, W, "PidTagSentRepresentingName" },
	{ 0x0043, BIN, "PidTagReceivedRepresentingEntryId" },
	{ 0x0044, W, "PidTagReceivedRepresentingName" },
	{ 0x0047, BIN, "PidTagMessageSubmissionId" },
	{ 0x004F, BIN, "PidTagReplyRecipientEntries" },
	{ 0x0050, W, "PidTagReplyRecipientNames" },
	{ 0x0051, BIN, "PidTagReceivedBySearchKey" },
	{ 0x0052, BIN, "PidTagReceivedRepresentingSearchKey" },
	{ 0x0057, B, "PidTagMessageToMe" },
	{ 0x0058, B, "PidTagMessageCcMe" },
	{ 0x0060, T, "PidTagStartDate" },
	{ 0x0061, T, "PidTagEndDate" },
	{ 0x0064, W, "PidTagSentRepresentingAddressType" },
	{ 0x0065, W, "PidTagSentRepresentingEmailAddress" },
	{ 0x0070, W, "PidTagConversationTopic" },
	{ 0x0071, BIN, "PidTagConversationIndex" },
	{ 0x0075, W, "PidTagReceivedByAddressType" },
	{ 0x0076, W, "PidTagReceivedByEmailAddress" },
	{ 0x007D, W, "PidTagTransportMessageHeaders" },
	{ 0x0C15, L, "PidTagRecipientType" },
	{ 0x0C17, B, "PidTagReplyRequested" },
	{ 0x0C19, BIN, "PidTagSenderEntryId" },
	{ 0x0C1A, W, "PidTagSenderName" },
	{ 0x0C1D, BIN, "PidTagSenderSearchKey" },
	{ 0x0C1E, W, "PidTagSenderAddressType" },
	{ 0x0C1F, W, "PidTagSenderEmailAddress" },
	{ 0x0E01, B, "PidTagDeleteAfterSubmit" },
	{ 0x0E02, W, "PidTagDisplayBcc" },
	{ 0x0E03, W, "PidTagDisplayCc" },
	{ 0x0E04, W, "PidTagDisplayTo" },
	{ 0x0E06, T, "PidTagMessageDeliveryTime" },
	{ 0x0E07, L, "PidTagMessageFlags" },
	{ 0x0E08, L, "PidTagMessageSize" },
	{ 0x0E08, I8, "PidTagMessageSizeExtended" },
	{ 0x0E09, BIN, "PidTagParentEntryId" },
	{ 0x0E0F, B, "PidTagResponsibility" },
	{ 0x0E17, L, "PidTagMessageStatus" },
	{ 0x0E1B, B, "PidTagHasAttachments" },
	{ 0x0E1D, W, "PidTagNormalizedSubject" },
	{ 0x0E1F, B, "PidTagRtfInSync" },
	{ 0x0E20, L, "PidTagAttachSize" },
	{ 0x0E21, L, "PidTagAttachNumber" },
	{ 0x0E79, L, "PidTagTrustSender" },
	{ 0x0FF4, L, "PidTagAccess" },
	{ 0x0FF6, BIN, "PidTagInstanceKey" },
	{ 0x0FF7, L, "PidTagAccessLevel" },
	{ 0x0FF8, BIN, "PidTagMappingSignature" },
	{ 0x0FF9, BIN, "PidTagRecordKey" },
	{ 0x0FFA, BIN, "PidTagStoreRecordKey" },
	{ 0x0FFB, BIN, "PidTagStoreEntryId" },
	{ 0x0FFE, L, "PidTagObjectType" },
	{ 0x0FFF, BIN, "PidTagEntryId" },
	{ 0x1000, W, "PidTagBody" },
	{ 0x1009, BIN, "PidTagRtfCompressed" },
	{ 0x1013, BIN, "PidTagHtml" },
	{ 0x1013, W, "PidTagBodyHtml" },
	{ 0x1035, W, "PidTagInternetMessageId" },
	{ 0x1039, W, "PidTagInternetReferences" },
	{ 0x1042, W, "PidTagInReplyToId" },
	{ 0x1080, L, "PidTagIconIndex" },
	{ 0x1081, L, "PidTagLastVerbExecuted" },
	{ 0x1082, T, "PidTagLastVerbExecutionTime" },
	{ 0x1090, L, "PidTagFlagStatus" },
	{ 0x1091, T, "PidTagFlagCompleteTime" },
	{ 0x10F4, B, "PidTagAttributeHidden" },
	{ 0x10F5, B, "PidTagAttributeSystem" },
	{ 0x10F6, B, "PidTagAttributeReadOnly" },
	{ 0x3001, W, "PidTagDisplayName" },
	{ 0x3002, W, "PidTagAddressType" },
	{ 0x3003, W, "PidTagEmailAddress" },
	{ 0x3004, W, "PidTagComment" },
	{ 0x3005, L, "PidTagDepth" },
	{ 0x3007, T, "PidTagCreationTime" },
	{ 0x3008, T, "PidTagLastModificationTime" },
	{ 0x300B, BIN, "PidTagSearchKey" },
	{ 0x3010, BIN, "PidTagTargetEntryId" },
	{ 0x3013, BIN, "PidTagConversationId" },
	{ 0x3016, B, "PidTagConversationIndexTracking" },
	{ 0x340D, L, "PidTagStoreSupportMask" },
	{ 0x340E, L, "PidTagStoreState" },
	{ 0x35DF, L, "PidTagValidFolderMask" },
	{ 0x35E0, BIN, "PidTagIpmSubtreeEntryId" },
	{ 0x35E2, BIN, "PidTagIpmOutboxEntryId" },
	{ 0x35E3, BIN, "PidTagIpmWastebasketEntryId" },
	{ 0x35E4, BIN, "PidTagIpmSentMailEntryId" },
	{ 0x35E5, BIN, "PidTagViewsEntryId" },
	{ 0x35E6, BIN, "PidTagCommonViewsEntryId" },
	{ 0x35E7, BIN, "PidTagFinderEntryId" },
	{ 0x3600, L, "PidTagContainerFlags" },
	{ 0x3601, L, "PidTagFolderType" },
	{ 0x3602, L, "PidTagContentCount" },
	{ 0x3603, L, "PidTagContentUnreadCount" },
	{ 0x360A, B, "PidTagSubfolders" },
	{ 0x3613, W, "PidTagContainerClass" },
	{ 0x3617, L, "PidTagAssociatedContentCount" },
	{ 0x36D0, BIN, "PidTagIpmAppointmentEntryId" },
	{ 0x36D1, BIN, "PidTagIpmContactEntryId" },
	{ 0x36D2, BIN, "PidTagIpmJournalEntryId" },
	{ 0x36D3, BIN, "PidTagIpmNoteEntryId" },
	{ 0x36D4, BIN, "PidTagIpmTaskEntryId" },
	{ 0x36D5, BIN, "PidTagRemindersOnlineEntryId" },
	{ 0x36D7, BIN, "PidTagIpmDraftsEntryId" },
	{ 0x36D8, MVBIN, "PidTagAdditionalRenEntryIds" },
	{ 0x36D9, BIN, "PidTagAdditionalRenEntryIdsEx" },
	{ 0x36DA, BIN, "PidTagExtendedFolderFlags" },
	{ 0x36E2, L, "PidTagOrdinalMost" },
	{ 0x36E4, MVBIN, "PidTagFreeBusyEntryIds" },
	{ 0x36E5, W, "PidTagDefaultPostMessageClass" },
	{ 0x3701, BIN, "PidTagAttachDataBinary" },
	{ 0x3703, W, "PidTagAttachExtension" },
	{ 0x3704, W, "PidTagAttachFilename" },
	{ 0x3705, L, "PidTagAttachMethod" },
	{ 0x3707, W, "PidTagAttachLongFilename" },
	{ 0x370E, W, "PidTagAttachMimeTag" },
	{ 0x3712, W, "PidTagAttachContentId" },
	{ 0x3900, L, "PidTagDisplayType" },
	{ 0x3905, L, "PidTagDisplayTypeEx" },
	{ 0x39FE, W, "PidTagSmtpAddress" },
	{ 0x39FF, W, "PidTagAddressBookDisplayNamePrintable" },
	{ 0x3A00, W, "PidTagAccount" },
	{ 0x3A06, W, "PidTagGivenName" },
	{ 0x3A08, W, "PidTagBusinessTelephoneNumber" },
	{ 0x3A11, W, "PidTagSurname" },
	{ 0x3A16, W, "PidTagCompanyName" },
	{ 0x3A17, W, "PidTagTitle" },
	{ 0x3A18, W, "PidTagDepartmentName" },
	{ 0x3A19, W, "PidTagOfficeLocation" },
	{ 0x3A40, B, "PidTagSendRichInfo" },
	{ 0x3A71, L, "PidTagSendInternetEncoding" },
	{ 0x3FDE, L, "PidTagInternetCodepage" },
	{ 0x3FE0, BIN, "PidTagAccessControlListData" },
	{ 0x3FF1, L, "PidTagMessageLocaleId" },
	{ 0x3FF8, W, "PidTagCreatorName" },
	{ 0x3FF9, BIN, "PidTagCreatorEntryId" },
	{ 0x3FFA, W, "PidTagLastModifierName" },
	{ 0x3FFB, BIN, "PidTagLastModifierEntryId" },
	{ 0x3FFD, L, "PidTagMessageCodepage" },
	{ 0x5FF6, W, "PidTagRecipientDisplayName" },
	{ 0x5FF7, BIN, "PidTagRecipientEntryId" },
	{ 0x5FFD, L, "PidTagRecipientFlags" },
	{ 0x5FFF, L, "PidTagRecipientTrackStatus" },
	{ 0x65E0, BIN, "PidTagSourceKey" },
	{ 0x65E1, BIN, "PidTagParentSourceKey" },
	{ 0x65E2, BIN, "PidTagChangeKey" },
	{ 0x65E3, BIN, "PidTagPredecessorChangeList" },
	{ 0x6619, BIN, "PidTagUserEntryId" },
	{ 0x661B, BIN, "PidTagMailboxOwnerEntryId" },
	{ 0x661C, W, "PidTagMailboxOwnerName" },
	{ 0x661D, B, "PidTagOutOfOfficeState" },
	{ 0x6638, L, "PidTagFolderChildCount" },
	{ 0x6639, L, "PidTagRights" },
	{ 0x663A, B, "PidTagHasRules" },
	{ 0x663E, L, "PidTagHierarchyChangeNumber" },
	{ 0x6670, BIN, "PidTagLongTermEntryIdFromTable" },
	{ 0x668F, T, "PidTagDeletedOn" },
	{ 0x66A1, L, "PidTagLocaleId" },
	{ 0x66A8, L, "PidTagFolderFlags" },
	{ 0x6705, L, "PidTagSortLocaleId" },
	{ 0x6709, T, "PidTagLocalCommitTime" },
	{ 0x670A, T, "PidTagLocalCommitTimeMax" },
	{ 0x670B, L, "PidTagDeletedCountTotal" },
	{ 0x6748, I8, "PidTagFolderId" },
	{ 0x6749, I8, "PidTagParentFolderId" },
	{ 0x674A, I8, "PidTagMid" },
	{ 0x674D, I8, "PidTagInstID" },
	{ 0x674E, L, "PidTagInstanceNum" },
	{ 0x67A4, I8, "PidTagChangeNumber" },
	{ 0x67AA, B, "PidTagAssociated" },
};

#undef B
#undef L
#undef I8
#undef W
#undef T
#undef BIN
#undef MVBIN

#define N_NAMES (sizeof(names) / sizeof(names[0]))

const char *mapi_prop_name(uint32_t tag)
{
	uint16_t id = MAPI_PROP_ID(tag);
	const char *first = NULL;
	size_t i;

	for (i = 0; i < N_NAMES; i++) {
		if (names[i].id != id) {
			continue;
		}
		if (names[i].type == MAPI_PROP_TYPE(tag)) {
			return names[i].name;
		}
		if (first == NULL) {
			first = names[i].name;
		}
	}
	return first;
}

uint32_t mapi_prop_tag(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < N_NAMES; i++) {
		if (strcasecmp(names[i].name, name) == 0) {
			return MAPI_PROP_TAG(names[i].id, names[i].type);
		}
	}
	return 0;
}

const char *mapi_prop_type_name(uint16_t type)
{
	switch (type) {
	case PT_UNSPECIFIED: return "PtypUnspecified";
	case PT_NULL: return "PtypNull";
	case PT_SHORT: return "PtypInteger16";
	case PT_LONG: return "PtypInteger32";
	case PT_FLOAT: return "PtypFloating32";
	case PT_DOUBLE: return "PtypFloating64";
	case PT_CURRENCY: return "PtypCurrency";
	case PT_APPTIME: return "PtypFloatingTime";
	case PT_ERROR: return "PtypErrorCode";
	case PT_BOOLEAN: return "PtypBoolean";
	case PT_OBJECT: return "PtypObject";
	case PT_I8: return "PtypInteger64";
	case PT_STRING8: return "PtypString8";
	case PT_UNICODE: return "PtypString";
	case PT_SYSTIME: return "PtypTime";
	case PT_CLSID: return "PtypGuid";
	case PT_SVREID: return "PtypServerId";
	case PT_SRESTRICT: return "PtypRestriction";
	case PT_ACTIONS: return "PtypRuleAction";
	case PT_BINARY: return "PtypBinary";
	case PT_MV_SHORT: return "PtypMultipleInteger16";
	case PT_MV_LONG: return "PtypMultipleInteger32";
	case PT_MV_FLOAT: return "PtypMultipleFloating32";
	case PT_MV_DOUBLE: return "PtypMultipleFloating64";
	case PT_MV_CURRENCY: return "PtypMultipleCurrency";
	case PT_MV_APPTIME: return "PtypMultipleFloatingTime";
	case PT_MV_I8: return "PtypMultipleInteger64";
	case PT_MV_STRING8: return "PtypMultipleString8";
	case PT_MV_UNICODE: return "PtypMultipleString";
	case PT_MV_SYSTIME: return "PtypMultipleTime";
	case PT_MV_CLSID: return "PtypMultipleGuid";
	case PT_MV_BINARY: return "PtypMultipleBinary";
	default: return "PtypUnknown";
	}
}
