/*
 * libmapi: the recurrence of appointments (MS-OXOCAL 2.2.1.44 and the
 * properties around it: PidLidRecurring, PidLidRecurrenceType,
 * PidLidClipStart, PidLidClipEnd).  The series is laid out in the
 * appointment's time zone.
 */
#include <string.h>

#include "item_private.h"

/* FILETIME ticks per minute */
#define TICKS_PER_MINUTE 600000000ULL
/* Minutes from 1601 to 1970 */
#define EPOCH_MINUTES 194074560LL

/* The local time of @t (UTC seconds since 1970) in minutes since
 * 1601, and the bias there. */
static uint32_t local_minutes(const struct mapi_tz_rule *rule, int64_t t,
			      int32_t *bias)
{
	*bias = mapi_tz_bias_at(rule, t);
	return (uint32_t)(t / 60 + EPOCH_MINUTES - *bias);
}

/* A local time (minutes since 1601) as FILETIME in UTC. */
static NTTIME utc_of(const struct mapi_tz_rule *rule, uint32_t local)
{
	int64_t guess = ((int64_t)local - EPOCH_MINUTES) * 60;
	int32_t bias = mapi_tz_bias_at(rule, guess);

	return ((NTTIME)local + bias) * TICKS_PER_MINUTE;
}

static void single(const struct mapi_appointment *a, struct mapi_item *item)
{
	mapi_item_bool(item, MAPI_PS_APPOINTMENT, LID_RECURRING, false);
	mapi_item_bool(item, MAPI_PS_MEETING, LID_IS_RECURRING, false);
	mapi_item_long(item, MAPI_PS_APPOINTMENT, LID_RECURRENCE_TYPE, 0);
	mapi_item_time(item, MAPI_PS_APPOINTMENT, LID_CLIP_START,
		       mapi_item_nttime(a->start));
	mapi_item_time(item, MAPI_PS_APPOINTMENT, LID_CLIP_END,
		       mapi_item_nttime(a->end));
}

static void series(const struct mapi_tz_rule *rule,
		   const struct mapi_appt_recurrence *r,
		   struct mapi_item *item)
{
	mapi_item_bool(item, MAPI_PS_APPOINTMENT, LID_RECURRING, true);
	mapi_item_bool(item, MAPI_PS_MEETING, LID_IS_RECURRING, true);
	/* rectypeDaily 1 ... rectypeYearly 4 */
	mapi_item_long(item, MAPI_PS_APPOINTMENT, LID_RECURRENCE_TYPE,
		       r->pattern.frequency - MAPI_RECUR_DAILY + 1);
	mapi_item_time(item, MAPI_PS_APPOINTMENT, LID_CLIP_START,
		       utc_of(rule, r->pattern.start_date));
	mapi_item_time(item, MAPI_PS_APPOINTMENT, LID_CLIP_END,
		       utc_of(rule, r->pattern.end_date));
}

enum MAPISTATUS item_appointment_recur(TALLOC_CTX *mem_ctx,
				       const struct mapi_appointment *a,
				       struct mapi_item *item)
{
	struct mapi_appt_recurrence r;
	struct mapi_recur_date date;
	struct mapi_tz_rule rule;
	uint8_t *blob = NULL;
	size_t size = 0;
	uint32_t local;
	int32_t bias;
	enum MAPISTATUS rv;

	if (a->recurrence == NULL) {
		single(a, item);
		return MAPI_E_SUCCESS;
	}
	item_effective_rule(a, &rule);
	local = local_minutes(&rule, a->start, &bias);
	mapi_recur_date_of(local, &date);
	memset(&r, 0, sizeof(r));
	rv = mapi_recurrence_make(&date, a->recurrence, &r.pattern);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	r.reader_version2 = MAPI_RECUR_READER_VERSION2;
	r.writer_version2 = MAPI_RECUR_WRITER_VERSION2;
	r.start_time_offset = local % 1440;
	r.end_time_offset = r.start_time_offset + (a->end - a->start) / 60;
	rv = mapi_appt_recurrence_encode(mem_ctx, &r, &blob, &size);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	mapi_item_binary(item, MAPI_PS_APPOINTMENT, LID_APPOINTMENT_RECUR,
			 blob, size);
	series(&rule, &r, item);
	return MAPI_E_SUCCESS;
}
