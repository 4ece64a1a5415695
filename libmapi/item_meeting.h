/**
 * @file item_meeting.h
 * @brief libmapi: meeting requests (IPM.Schedule.Meeting.Request,
 * MS-OXOCAL 2.2.6), made from an appointment with its global object ID.
 * Creation only: no scheduling (sending, responses, updates).
 */
#ifndef MAPI_ITEM_MEETING_H
#define MAPI_ITEM_MEETING_H

#include "item_appointment.h"

/** @brief PidTagMessageClass of meeting requests. */
#define MAPI_CLASS_MEETING_REQUEST "IPM.Schedule.Meeting.Request"

/**
 * @brief A new global object ID ([MS-OXOCAL] 2.2.1.27): the creation
 * time now, 16 random bytes of data, no exception date.
 * @param mem_ctx	owner of the data
 * @param[out] goid	the ID
 */
enum MAPISTATUS mapi_goid_new(TALLOC_CTX *mem_ctx, struct mapi_goid *goid);

/**
 * @brief The properties of a meeting request for the meeting @a a:
 * those of the appointment, the class, PidLidGlobalObjectId and
 * PidLidCleanGlobalObjectId (@a a's, or a new one), PidLidMeetingType
 * mtgRequest, asfMeeting | asfReceived, respNotResponded, the intended
 * busy status, PidTagResponseRequested.
 * @param mem_ctx	owner of the values
 * @param a		the meeting
 * @param[out] item	filled (initialised here)
 */
enum MAPISTATUS mapi_meeting_request_props(TALLOC_CTX *mem_ctx,
					   const struct mapi_appointment *a,
					   struct mapi_item *item);

/**
 * @brief Create and save the meeting request of @a a (with its
 * recipients) in @a fid.
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param folder	handle of the folder
 * @param fid		its folder ID
 * @param a		the meeting
 * @param[out] mid	the new message's ID
 */
enum MAPISTATUS mapi_meeting_request_save(struct mapi_logon *logon,
					  TALLOC_CTX *mem_ctx, uint32_t folder,
					  uint64_t fid,
					  const struct mapi_appointment *a,
					  uint64_t *mid);

#endif /* MAPI_ITEM_MEETING_H */
