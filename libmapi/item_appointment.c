/*
 * libmapi: appointments (MS-OXOCAL): their properties and saving them.
 * Time zones are in item_appointment_tz.c, recurrence in
 * item_appointment_recur.c, attendees in item_attendee.c.
 */
#include <string.h>

#include "item_private.h"

/* FILETIME ticks per second, and from 1601 to 1970 */
#define TICKS		10000000LL
#define EPOCH_1601	11644473600LL

NTTIME mapi_item_nttime(int64_t t)
{
	return (NTTIME)((t + EPOCH_1601) * TICKS);
}

void item_effective_rule(const struct mapi_appointment *a,
			 struct mapi_tz_rule *rule)
{
	uint16_t i;

	if (a->tz == NULL || a->tz->rule_count == 0) {
		mapi_tz_rule_utc(rule);
		return;
	}
	*rule = a->tz->rules[0];
	for (i = 0; i < a->tz->rule_count; i++) {
		if (a->tz->rules[i].flags & MAPI_TZRULE_EFFECTIVE) {
			*rule = a->tz->rules[i];
		}
	}
}

static void reminder(const struct mapi_appointment *a,
		     struct mapi_item *item)
{
	NTTIME at = mapi_item_nttime(a->start - (int64_t)a->reminder * 60);

	mapi_item_bool(item, MAPI_PS_COMMON, LID_REMINDER_SET,
		       a->reminder >= 0);
	if (a->reminder < 0) {
		return;
	}
	mapi_item_long(item, MAPI_PS_COMMON, LID_REMINDER_DELTA, a->reminder);
	mapi_item_time(item, MAPI_PS_COMMON, LID_REMINDER_TIME,
		       mapi_item_nttime(a->start));
	mapi_item_time(item, MAPI_PS_COMMON, LID_REMINDER_SIGNAL_TIME, at);
}

static void times(const struct mapi_appointment *a, struct mapi_item *item)
{
	NTTIME start = mapi_item_nttime(a->start);
	NTTIME end = mapi_item_nttime(a->end);

	mapi_item_time(item, MAPI_PS_APPOINTMENT, LID_APPOINTMENT_START_WHOLE,
		       start);
	mapi_item_time(item, MAPI_PS_APPOINTMENT, LID_APPOINTMENT_END_WHOLE,
		       end);
	mapi_item_time(item, MAPI_PS_NONE, TAG_START_DATE, start);
	mapi_item_time(item, MAPI_PS_NONE, TAG_END_DATE, end);
	mapi_item_time(item, MAPI_PS_COMMON, LID_COMMON_START, start);
	mapi_item_time(item, MAPI_PS_COMMON, LID_COMMON_END, end);
	mapi_item_long(item, MAPI_PS_APPOINTMENT, LID_APPOINTMENT_DURATION,
		       (a->end - a->start) / 60);
	mapi_item_bool(item, MAPI_PS_APPOINTMENT, LID_APPOINTMENT_SUB_TYPE,
		       a->all_day);
}

/* PidLidToAttendeesString, PidLidCcAttendeesString: the names, "; "
 * between them (MS-OXOCAL 2.2.1.16, 2.2.1.17). */
static void attendee_strings(TALLOC_CTX *mem_ctx,
			     const struct mapi_appointment *a,
			     struct mapi_item *item)
{
	char *to = talloc_strdup(mem_ctx, ""), *cc = talloc_strdup(mem_ctx,
								   "");
	uint16_t i;

	for (i = 0; to != NULL && cc != NULL && i < a->attendee_count; i++) {
		const struct mapi_attendee *at = &a->attendees[i];
		char **s = at->type == MAPI_ATTENDEE_REQUIRED ? &to : &cc;

		if (at->type == MAPI_ATTENDEE_RESOURCE) {
			continue;
		}
		*s = talloc_asprintf_append(*s, "%s%s", **s ? "; " : "",
					    at->name ? at->name : at->address);
	}
	if (to == NULL || cc == NULL) {
		item->failed = true;
		return;
	}
	mapi_item_string(item, MAPI_PS_APPOINTMENT, LID_TO_ATTENDEES, to);
	mapi_item_string(item, MAPI_PS_APPOINTMENT, LID_CC_ATTENDEES, cc);
}

static void meeting(TALLOC_CTX *mem_ctx, const struct mapi_appointment *a,
		    struct mapi_item *item)
{
	bool is_meeting = a->attendee_count != 0;

	mapi_item_long(item, MAPI_PS_APPOINTMENT, LID_APPOINTMENT_STATE_FLAGS,
		       is_meeting ? ASF_MEETING : 0);
	mapi_item_long(item, MAPI_PS_APPOINTMENT, LID_RESPONSE_STATUS,
		       is_meeting ? RESP_ORGANIZED : 0);
	mapi_item_long(item, MAPI_PS_APPOINTMENT, LID_APPOINTMENT_SEQUENCE, 0);
	if (is_meeting) {
		attendee_strings(mem_ctx, a, item);
	}
}

enum MAPISTATUS item_appointment_fill(TALLOC_CTX *mem_ctx,
				      const struct mapi_appointment *a,
				      struct mapi_item *item)
{
	enum MAPISTATUS rv;

	if (a == NULL || a->subject == NULL || a->end < a->start ||
	    (a->attendee_count != 0 && a->attendees == NULL)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	mapi_item_string(item, MAPI_PS_NONE, MAPI_TAG_SUBJECT, a->subject);
	mapi_item_string(item, MAPI_PS_NONE, MAPI_TAG_BODY, a->body);
	mapi_item_string(item, MAPI_PS_APPOINTMENT, LID_LOCATION,
			 a->location ? a->location : "");
	mapi_item_long(item, MAPI_PS_APPOINTMENT, LID_BUSY_STATUS, a->busy);
	times(a, item);
	reminder(a, item);
	meeting(mem_ctx, a, item);
	rv = item_appointment_tz(mem_ctx, a, item);
	if (rv == MAPI_E_SUCCESS) {
		rv = item_appointment_recur(mem_ctx, a, item);
	}
	if (rv == MAPI_E_SUCCESS && a->attendee_count != 0) {
		rv = item_meeting_goid(mem_ctx, a, item);
	}
	if (rv == MAPI_E_SUCCESS && item->failed) {
		rv = MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return rv;
}

enum MAPISTATUS mapi_appointment_props(TALLOC_CTX *mem_ctx,
				       const struct mapi_appointment *a,
				       struct mapi_item *item)
{
	mapi_item_init(mem_ctx, item);
	mapi_item_string(item, MAPI_PS_NONE, MAPI_TAG_MESSAGE_CLASS,
			 MAPI_CLASS_APPOINTMENT);
	return item_appointment_fill(mem_ctx, a, item);
}

enum MAPISTATUS mapi_appointment_save(struct mapi_logon *logon,
				      TALLOC_CTX *mem_ctx, uint32_t folder,
				      uint64_t fid,
				      const struct mapi_appointment *a,
				      uint64_t *mid)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	struct mapi_item item;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mapi_appointment_props(tmp, a, &item);
	if (rv == MAPI_E_SUCCESS && a->attendee_count == 0) {
		rv = mapi_item_save(logon, tmp, folder, fid, &item, NULL, 0,
				    mid);
	} else if (rv == MAPI_E_SUCCESS) {
		rv = item_save_with_attendees(logon, tmp, folder, fid, a,
					      &item, mid);
	}
	talloc_free(tmp);
	return rv;
}
