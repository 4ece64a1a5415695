/**
 * @file item_appointment.h
 * @brief libmapi: appointments (IPM.Appointment, MS-OXOCAL): the
 * properties Outlook needs, attendees as recipients, recurrence, time
 * zones; saved in a calendar folder (MAPI_FOLDER_CALENDAR of
 * folder_path.h).
 */
#ifndef MAPI_ITEM_APPOINTMENT_H
#define MAPI_ITEM_APPOINTMENT_H

#include "item.h"
#include "libmapi/ndr/recurrence.h"
#include "libmapi/ndr/tzdef.h"
#include "libmapi/ndr/goid.h"

/** @brief PidLidBusyStatus values (MS-OXOCAL 2.2.1.2). */
enum mapi_busy_status {
	MAPI_BUSY_FREE = 0,		/**< olFree */
	MAPI_BUSY_TENTATIVE = 1,	/**< olTentative */
	MAPI_BUSY_BUSY = 2,		/**< olBusy */
	MAPI_BUSY_OOF = 3,		/**< olOutOfOffice */
	MAPI_BUSY_ELSEWHERE = 4,	/**< olWorkingElsewhere */
};

/** @brief What an attendee is (the RecipientType it gets,
 *  MS-OXOCAL 2.2.4.10). */
enum mapi_attendee_type {
	MAPI_ATTENDEE_REQUIRED = 1,	/**< To */
	MAPI_ATTENDEE_OPTIONAL = 2,	/**< Cc */
	MAPI_ATTENDEE_RESOURCE = 3,	/**< Bcc */
};

/** @brief An attendee or the organizer of a meeting. */
struct mapi_attendee {
	const char *name;		/**< display name (UTF-8) */
	const char *address;		/**< SMTP address */
	enum mapi_attendee_type type;	/**< required, optional, resource */
};

/** @brief An appointment, or the meeting an organizer sets up. */
struct mapi_appointment {
	const char *subject;		/**< PidTagSubject */
	const char *location;		/**< PidLidLocation (may be NULL) */
	const char *body;		/**< PidTagBody (may be NULL) */
	/** start (UTC, seconds since 1970); of the first occurrence for
	 *  a series */
	int64_t start;
	int64_t end;			/**< end (UTC), after @a start */
	bool all_day;			/**< PidLidAppointmentSubType */
	enum mapi_busy_status busy;	/**< PidLidBusyStatus */
	/** minutes before the start to remind (PidLidReminderDelta);
	 *  negative: no reminder */
	int32_t reminder;
	/** the time zone of the start and end (NULL: UTC); its rule
	 *  flagged MAPI_TZRULE_EFFECTIVE (else the first) is used */
	const struct mapi_tz_definition *tz;
	/** a recurring series (NULL: a single appointment); its start is
	 *  the local date of @a start */
	const struct mapi_recur_rule *recurrence;
	/** the organizer (a meeting: when there are attendees; may be
	 *  NULL), a recipient flagged recipOrganizer */
	const struct mapi_attendee *organizer;
	const struct mapi_attendee *attendees;	/**< the attendees */
	uint16_t attendee_count;		/**< their number */
	/** PidLidGlobalObjectId of a meeting (NULL: a new one) */
	const struct mapi_goid *goid;
};

/** @brief PidTagMessageClass of appointments. */
#define MAPI_CLASS_APPOINTMENT "IPM.Appointment"

/**
 * @brief The properties of @a a as an IPM.Appointment (with
 * attendees: the organizer's meeting object, asfMeeting,
 * respOrganized).
 * @param mem_ctx	owner of the values (blobs included)
 * @param a		the appointment
 * @param[out] item	filled (initialised here)
 * @return MAPI_E_INVALID_PARAMETER for an end before the start, a bad
 * recurrence or time zone
 */
enum MAPISTATUS mapi_appointment_props(TALLOC_CTX *mem_ctx,
				       const struct mapi_appointment *a,
				       struct mapi_item *item);

/**
 * @brief The recipients of a meeting: the organizer (To, recipSendable
 * and recipOrganizer) first, then the attendees (To, Cc or Bcc,
 * recipSendable), each with a one-off entry ID.
 * @param mem_ctx	owner of @a rows
 * @param a		the meeting
 * @param[out] rows	the recipients
 * @param[out] count	their number
 */
enum MAPISTATUS mapi_appointment_recipients(TALLOC_CTX *mem_ctx,
					    const struct mapi_appointment *a,
					    struct mapi_recipient **rows,
					    uint16_t *count);

/**
 * @brief Create and save @a a in the folder @a folder (@a fid).
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param folder	handle of the calendar folder
 * @param fid		its folder ID
 * @param a		the appointment
 * @param[out] mid	the new message's ID
 */
enum MAPISTATUS mapi_appointment_save(struct mapi_logon *logon,
				      TALLOC_CTX *mem_ctx, uint32_t folder,
				      uint64_t fid,
				      const struct mapi_appointment *a,
				      uint64_t *mid);

/**
 * @brief FILETIME of a time in seconds since 1970.
 * @param t	seconds since 1970 (UTC)
 */
NTTIME mapi_item_nttime(int64_t t);

#endif /* MAPI_ITEM_APPOINTMENT_H */
