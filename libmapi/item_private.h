/*
 * libmapi: the properties the item helpers write (MS-OXPROPS).  Named
 * properties are (long ID << 16 | type), with their set in the name.
 */
#ifndef MAPI_ITEM_PRIVATE_H
#define MAPI_ITEM_PRIVATE_H

#include "item_appointment.h"

#define NAMED(lid, type) (((uint32_t)(lid) << 16) | (type))

/* PSETID_Appointment (MS-OXOCAL 2.2.1) */
#define LID_APPOINTMENT_SEQUENCE	NAMED(0x8201, PT_LONG)
#define LID_BUSY_STATUS			NAMED(0x8205, PT_LONG)
#define LID_LOCATION			NAMED(0x8208, PT_UNICODE)
#define LID_APPOINTMENT_START_WHOLE	NAMED(0x820D, PT_SYSTIME)
#define LID_APPOINTMENT_END_WHOLE	NAMED(0x820E, PT_SYSTIME)
#define LID_APPOINTMENT_DURATION	NAMED(0x8213, PT_LONG)
#define LID_APPOINTMENT_SUB_TYPE	NAMED(0x8215, PT_BOOLEAN)
#define LID_APPOINTMENT_RECUR		NAMED(0x8216, PT_BINARY)
#define LID_APPOINTMENT_STATE_FLAGS	NAMED(0x8217, PT_LONG)
#define LID_RESPONSE_STATUS		NAMED(0x8218, PT_LONG)
#define LID_RECURRING			NAMED(0x8223, PT_BOOLEAN)
#define LID_INTENDED_BUSY_STATUS	NAMED(0x8224, PT_LONG)
#define LID_FINVITED			NAMED(0x8229, PT_BOOLEAN)
#define LID_RECURRENCE_TYPE		NAMED(0x8231, PT_LONG)
#define LID_TIME_ZONE_STRUCT		NAMED(0x8233, PT_BINARY)
#define LID_TIME_ZONE_DESCRIPTION	NAMED(0x8234, PT_UNICODE)
#define LID_CLIP_START			NAMED(0x8235, PT_SYSTIME)
#define LID_CLIP_END			NAMED(0x8236, PT_SYSTIME)
#define LID_TO_ATTENDEES		NAMED(0x823B, PT_UNICODE)
#define LID_CC_ATTENDEES		NAMED(0x823C, PT_UNICODE)
#define LID_TZDEF_START_DISPLAY		NAMED(0x825E, PT_BINARY)
#define LID_TZDEF_END_DISPLAY		NAMED(0x825F, PT_BINARY)
#define LID_TZDEF_RECUR			NAMED(0x8260, PT_BINARY)

/* PSETID_Common (MS-OXORMDR 2.2.1) */
#define LID_REMINDER_DELTA		NAMED(0x8501, PT_LONG)
#define LID_REMINDER_TIME		NAMED(0x8502, PT_SYSTIME)
#define LID_REMINDER_SET		NAMED(0x8503, PT_BOOLEAN)
#define LID_COMMON_START		NAMED(0x8516, PT_SYSTIME)
#define LID_COMMON_END			NAMED(0x8517, PT_SYSTIME)
#define LID_REMINDER_SIGNAL_TIME	NAMED(0x8560, PT_SYSTIME)

/* PSETID_Meeting (MS-OXOCAL 2.2.1, 2.2.6) */
#define LID_WHERE			NAMED(0x0002, PT_UNICODE)
#define LID_GLOBAL_OBJECT_ID		NAMED(0x0003, PT_BINARY)
#define LID_IS_RECURRING		NAMED(0x0005, PT_BOOLEAN)
#define LID_OWNER_CRITICAL_CHANGE	NAMED(0x001A, PT_SYSTIME)
#define LID_CLEAN_GLOBAL_OBJECT_ID	NAMED(0x0023, PT_BINARY)
#define LID_MEETING_TYPE		NAMED(0x0026, PT_LONG)

/* Tagged properties */
#define TAG_START_DATE			0x00600040
#define TAG_END_DATE			0x00610040
#define TAG_RESPONSE_REQUESTED		0x0063000B
#define TAG_RECIPIENT_FLAGS		0x5FFD0003
#define TAG_RECIPIENT_TRACK_STATUS	0x5FFF0003
#define TAG_RECIPIENT_DISPLAY_NAME	0x5FF6001F
#define TAG_SMTP_ADDRESS		0x39FE001F

/* PidLidAppointmentStateFlags (MS-OXOCAL 2.2.1.10) */
#define ASF_MEETING	0x00000001
#define ASF_RECEIVED	0x00000002
/* PidLidResponseStatus (2.2.1.11) */
#define RESP_ORGANIZED		1
#define RESP_NOT_RESPONDED	5
/* PidTagRecipientFlags (2.2.4.10.1) */
#define RECIP_SENDABLE		0x00000001
#define RECIP_ORGANIZER		0x00000002
/* PidLidMeetingType (2.2.6.5) */
#define MTG_REQUEST		0x00000001

/* The appointment's properties into @item, the class left to the
 * caller (item_appointment.c). */
enum MAPISTATUS item_appointment_fill(TALLOC_CTX *mem_ctx,
				      const struct mapi_appointment *a,
				      struct mapi_item *item);

/* The time zone blobs of @a (item_appointment_tz.c). */
enum MAPISTATUS item_appointment_tz(TALLOC_CTX *mem_ctx,
				    const struct mapi_appointment *a,
				    struct mapi_item *item);

/* The effective rule of @a's time zone, or UTC's. */
void item_effective_rule(const struct mapi_appointment *a,
			 struct mapi_tz_rule *rule);

/* The recurrence of @a (item_appointment_recur.c). */
enum MAPISTATUS item_appointment_recur(TALLOC_CTX *mem_ctx,
				       const struct mapi_appointment *a,
				       struct mapi_item *item);

/* The global object IDs of a meeting. */
enum MAPISTATUS item_meeting_goid(TALLOC_CTX *mem_ctx,
				  const struct mapi_appointment *a,
				  struct mapi_item *item);

/* Save @item in @fid (open as @folder) with @a's organizer and
 * attendees as its recipients (item_attendee.c). */
enum MAPISTATUS item_save_with_attendees(struct mapi_logon *logon,
					 TALLOC_CTX *mem_ctx, uint32_t folder,
					 uint64_t fid,
					 const struct mapi_appointment *a,
					 struct mapi_item *item,
					 uint64_t *mid);

#endif /* MAPI_ITEM_PRIVATE_H */
