/*
 * sambamapi local delivery: the property tags it reads and writes
 * (MS-OXPROPS; semantics in MS-OXOMSG 2.2 and MS-OXCMSG 2.2).
 */
#ifndef SMAPI_DELIVERY_TAGS_H
#define SMAPI_DELIVERY_TAGS_H

/* Ids of string properties: read as PT_UNICODE or PT_STRING8. */
#define MD_ID_DISPLAY_NAME		0x3001
#define MD_ID_ADDRTYPE			0x3002
#define MD_ID_EMAIL_ADDRESS		0x3003
#define MD_ID_SMTP_ADDRESS		0x39FE
#define MD_ID_MESSAGE_CLASS		0x001A
#define MD_ID_SUBJECT			0x0037
#define MD_ID_SENDER_EMAIL_ADDRESS	0x0C1F

#define MD_PidTagRecipientType		0x0C150003
#define MD_PidTagEntryId		0x0FFF0102
#define MD_PidTagDisplayName		0x3001001F
#define MD_PidTagAddressType		0x3002001F
#define MD_PidTagEmailAddress		0x3003001F
#define MD_PidTagSmtpAddress		0x39FE001F
#define MD_PidTagResponsibility		0x0E0F000B
#define MD_PidTagRecipientFlags		0x5FFD0003
#define MD_PidTagSearchKey		0x300B0102

#define MD_PidTagMessageClass		0x001A001F
#define MD_PidTagSubject		0x0037001F
#define MD_PidTagMessageFlags		0x0E070003
#define MD_PidTagSubmitFlags		0x0E140003
#define MD_PidTagClientSubmitTime	0x00390040
#define MD_PidTagMessageDeliveryTime	0x0E060040
#define MD_PidTagTransportMessageHeaders 0x007D001F
#define MD_PidTagInternetMessageId	0x1035001F
#define MD_PidTagDeleteAfterSubmit	0x0E01000B
#define MD_PidTagSentMailEntryId	0x0E0A0102
#define MD_PidTagSentMailSvrEID		0x674000FB
#define MD_PidTagTargetEntryId		0x30100102
#define MD_PidTagDisplayTo		0x0E04001F
#define MD_PidTagDisplayCc		0x0E03001F
#define MD_PidTagDisplayBcc		0x0E02001F
#define MD_PidTagMessageToMe		0x0057000B
#define MD_PidTagMessageCcMe		0x0058000B
#define MD_PidTagMessageRecipientMe	0x0059000B
#define MD_PidTagReadReceiptRequested	0x0029000B
#define MD_PidTagNonReceiptNotificationRequested 0x0C06000B
#define MD_PidTagOriginatorDeliveryReportRequested 0x0023000B
#define MD_PidTagOriginatorNonDeliveryReportRequested 0x0C08000B
#define MD_PidTagContentReturnRequested	0x000A000B
#define MD_PidTagReadReceiptEntryId	0x00460102

/* Attachments (MS-OXCMSG 2.2.2). */
#define MD_PidTagAttachNumber		0x0E210003
#define MD_PidTagAttachMethod		0x37050003
#define MD_ATTACH_EMBEDDED_MESSAGE	5

/* Sender, sent-representing, received-by, received-representing:
 * name, entry ID, address type, e-mail address, SMTP address, search
 * key (MS-OXOMSG 2.2.1). */
#define MD_PidTagSenderName			0x0C1A001F
#define MD_PidTagSenderEntryId			0x0C190102
#define MD_PidTagSenderAddressType		0x0C1E001F
#define MD_PidTagSenderEmailAddress		0x0C1F001F
#define MD_PidTagSenderSmtpAddress		0x5D01001F
#define MD_PidTagSenderSearchKey		0x0C1D0102
#define MD_PidTagSentRepresentingName		0x0042001F
#define MD_PidTagSentRepresentingEntryId	0x00410102
#define MD_PidTagSentRepresentingAddressType	0x0064001F
#define MD_PidTagSentRepresentingEmailAddress	0x0065001F
#define MD_PidTagSentRepresentingSmtpAddress	0x5D02001F
#define MD_PidTagSentRepresentingSearchKey	0x003B0102
#define MD_PidTagReceivedByName			0x0040001F
#define MD_PidTagReceivedByEntryId		0x003F0102
#define MD_PidTagReceivedByAddressType		0x0075001F
#define MD_PidTagReceivedByEmailAddress		0x0076001F
#define MD_PidTagReceivedBySmtpAddress		0x5D07001F
#define MD_PidTagReceivedBySearchKey		0x00510102
#define MD_PidTagReceivedRepresentingName	0x0044001F
#define MD_PidTagReceivedRepresentingEntryId	0x00430102
#define MD_PidTagReceivedRepresentingAddressType 0x0077001F
#define MD_PidTagReceivedRepresentingEmailAddress 0x0078001F
#define MD_PidTagReceivedRepresentingSmtpAddress 0x5D08001F
#define MD_PidTagReceivedRepresentingSearchKey	0x00520102

/* Reports (MS-OXOMSG 2.2.2). */
#define MD_PidTagOriginalSubject		0x0049001F
#define MD_PidTagOriginalSubmitTime		0x004E0040
#define MD_PidTagOriginalMessageClass		0x004B001F
#define MD_PidTagOriginalSenderName		0x005A001F
#define MD_PidTagOriginalSenderEntryId		0x005B0102
#define MD_PidTagOriginalSenderAddressType	0x0066001F
#define MD_PidTagOriginalSenderEmailAddress	0x0067001F
#define MD_PidTagOriginalSentRepresentingName	0x005D001F
#define MD_PidTagOriginalDisplayTo		0x0074001F
#define MD_PidTagOriginalDisplayCc		0x0073001F
#define MD_PidTagOriginalDisplayBcc		0x0072001F
#define MD_PidTagOriginalSentRepresentingAddressType 0x0068001F
#define MD_PidTagOriginalSentRepresentingEmailAddress 0x0069001F
#define MD_PidTagOriginalDeliveryTime		0x00550040
#define MD_PidTagParentKey			0x00250102
#define MD_PidTagDeliverTime			0x00100040
#define MD_PidTagReceiptTime			0x002A0040
#define MD_PidTagReportText			0x1001001F
#define MD_PidTagReportTime			0x00320040
#define MD_PidTagNonDeliveryReportReasonCode	0x0C040003
#define MD_PidTagNonDeliveryReportDiagCode	0x0C050003
#define MD_PidTagNonDeliveryReportStatusCode	0x0C200003
#define MD_PidTagSupplementaryInfo		0x0C1B001F
#define MD_PidTagBody				0x1000001F

/* PidTagMessageFlags bits (MS-OXCMSG 2.2.1.6). */
#define MD_MSGFLAG_READ		0x00000001
#define MD_MSGFLAG_UNMODIFIED	0x00000002
#define MD_MSGFLAG_SUBMITTED	0x00000004
#define MD_MSGFLAG_UNSENT	0x00000008
#define MD_MSGFLAG_FROMME	0x00000020
#define MD_MSGFLAG_RESEND	0x00000080
#define MD_MSGFLAG_NOTIFYREAD	0x00000100
#define MD_MSGFLAG_NOTIFYUNREAD	0x00000200
#define MD_MSGFLAG_EVERREAD	0x00000400

/* ReadFlags (MS-OXCMSG 2.2.3.10.1). */
#define MD_RF_CLEAR_NOTIFY_READ		0x20
#define MD_RF_CLEAR_NOTIFY_UNREAD	0x40

/* PidTagRecipientType (MS-OXOMSG 2.2.3.1). */
#define MD_RECIP_TO	0x00000001
#define MD_RECIP_CC	0x00000002
#define MD_RECIP_BCC	0x00000003
#define MD_RECIP_TYPE_MASK 0x0000000F

/* PidTagNonDeliveryReportReasonCode / DiagCode values (the X.400
 * codes MAPI reports use). */
#define MD_NDR_REASON_TRANSFER_FAILED	0
#define MD_NDR_REASON_TRANSFER_IMPOSSIBLE 1
#define MD_NDR_DIAG_NAME_UNRECOGNIZED	0
#define MD_NDR_DIAG_NAME_AMBIGUOUS	1
#define MD_NDR_DIAG_LOOP_DETECTED	3
#define MD_NDR_DIAG_UNSUPPORTED_ADDRTYPE 8

#endif /* SMAPI_DELIVERY_TAGS_H */
