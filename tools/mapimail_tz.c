/*
 * mapimail: the time zone of the process (TZ) as a time zone definition
 * of MS-OXOCAL 2.2.1.41 for appointments: its standard offset and, when
 * it has summer time, the yearly transitions of the given year, read
 * off the C library's local time.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mapimail.h"
#include "libmapi/ndr/tzdef.h"

#define DAY 86400

/* Minutes east of UTC at @t. */
static long offset_at(time_t t)
{
	struct tm tm;

	return localtime_r(&t, &tm) != NULL ? tm.tm_gmtoff / 60 : 0;
}

/* The first second after @from where the offset changes, searching
 * @days days (0: none). */
static time_t next_change(time_t from, int days)
{
	long off = offset_at(from);
	time_t lo, hi;
	int d;

	for (d = 1; d <= days; d++) {
		if (offset_at(from + (time_t)d * DAY) != off) {
			break;
		}
	}
	if (d > days) {
		return 0;
	}
	lo = from + (time_t)(d - 1) * DAY;
	hi = from + (time_t)d * DAY;
	while (hi - lo > 1) {
		time_t mid = lo + (hi - lo) / 2;

		if (offset_at(mid) == off) {
			lo = mid;
		} else {
			hi = mid;
		}
	}
	return hi;
}

/* The yearly rule of a transition at @t, read in the offset before it:
 * month, weekday, week of the month (5: the last), time. */
static void rule_of(time_t t, long before, struct mapi_systemtime *st)
{
	time_t local = t + before * 60;
	struct tm tm;
	int last;

	gmtime_r(&local, &tm);
	memset(st, 0, sizeof(*st));
	st->month = tm.tm_mon + 1;
	st->day_of_week = tm.tm_wday;
	st->hour = tm.tm_hour;
	st->minute = tm.tm_min;
	/* the last such weekday of its month is week 5 */
	local += 7 * DAY;
	gmtime_r(&local, &tm);
	last = tm.tm_mon + 1 != st->month;
	local -= 7 * DAY;
	gmtime_r(&local, &tm);
	st->day = last ? 5 : (tm.tm_mday - 1) / 7 + 1;
}

static void set_transitions(struct mapi_tz_rule *r, time_t a, time_t b)
{
	long before_a = offset_at(a - 1), after_a = offset_at(a);
	time_t to_dst = after_a > before_a ? a : b;
	time_t to_std = after_a > before_a ? b : a;
	long std = offset_at(to_std), dst = offset_at(to_dst);

	r->bias = -std;
	r->daylight_bias = -(dst - std);
	rule_of(to_dst, std, &r->daylight_date);
	rule_of(to_std, dst, &r->standard_date);
}

int mail_local_tz(TALLOC_CTX *mem_ctx, int64_t when,
		  struct mapi_tz_definition *def)
{
	struct mapi_tz_rule *r = talloc_zero(mem_ctx, struct mapi_tz_rule);
	const char *name = getenv("TZ");
	struct tm tm;
	time_t t = (time_t)when, start, a, b;

	if (r == NULL || localtime_r(&t, &tm) == NULL) {
		return MAPIMAIL_FAILED;
	}
	tm.tm_mon = 0;
	tm.tm_mday = 1;
	tm.tm_hour = 12;
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	start = mktime(&tm);
	r->flags = MAPI_TZRULE_EFFECTIVE;
	r->year = tm.tm_year + 1900;
	r->bias = -offset_at(start);
	a = next_change(start, 366);
	b = a ? next_change(a, 366 - (a - start) / DAY) : 0;
	if (a != 0 && b != 0) {
		set_transitions(r, a, b);
	}
	def->key_name = name != NULL && *name != '\0'
				? (name[0] == ':' ? name + 1 : name)
				: "Local";
	def->rule_count = 1;
	def->rules = r;
	return MAPIMAIL_OK;
}
