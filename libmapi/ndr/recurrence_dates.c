/*
   The dates of recurrence patterns ([MS-OXOCAL] 2.2.1.44.1.1):
   minutes since 1601, FirstDateTime, and the occurrences of a simple
   series (for StartDate, EndDate and OccurrenceCount).

   Copyright (C) the sambamapi authors

   This program is free software; you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation; either version 3 of the License, or
   (at your option) any later version.

   This program is distributed in the hope that it will be useful,
   but WITHOUT ANY WARRANTY; without even the implied warranty of
   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
   GNU General Public License for more details.

   You should have received a copy of the GNU General Public License
   along with this program.  If not, see <http://www.gnu.org/licenses/>.
*/

#include <string.h>

#include "recurrence.h"

#define MINUTES_PER_DAY		1440
#define MINUTES_PER_WEEK	10080
/* The last date a series may reach: 31 December 4500. */
#define LAST_DAY		(MAPI_RECUR_END_NEVER_DATE / MINUTES_PER_DAY)
/* Occurrences at most (the user interfaces stop at 999). */
#define MAX_COUNT		999

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
				    30, 31 };

	return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Days from 1601-01-01 to y-m-d. */
static uint32_t day_number(int y, int m, int d)
{
	uint32_t n = 0;
	int yy = y - 1601, i;

	n = yy * 365 + yy / 4 - yy / 100 + yy / 400;
	for (i = 1; i < m; i++) {
		n += month_days(y, i);
	}
	return n + d - 1;
}

static void date_of_day(uint32_t n, struct mapi_recur_date *date)
{
	int y = 1601 + (int)(n / 366);

	while (day_number(y + 1, 1, 1) <= n) {
		y++;
	}
	n -= day_number(y, 1, 1);
	date->year = y;
	for (date->month = 1; n >= (uint32_t)month_days(y, date->month);
	     date->month++) {
		n -= month_days(y, date->month);
	}
	date->day = n + 1;
}

/* 0 Sunday ... 6 Saturday; 1601-01-01 was a Monday. */
static int weekday(uint32_t day)
{
	return (day + 1) % 7;
}

uint32_t mapi_recur_minutes(const struct mapi_recur_date *date,
			    uint32_t minute_of_day)
{
	return day_number(date->year, date->month, date->day) *
	       MINUTES_PER_DAY + minute_of_day;
}

void mapi_recur_date_of(uint32_t minutes, struct mapi_recur_date *date)
{
	date_of_day(minutes / MINUTES_PER_DAY, date);
}

static bool date_valid(const struct mapi_recur_date *d)
{
	return d->year >= 1601 && d->year <= 4500 && d->month >= 1 &&
	       d->month <= 12 && d->day >= 1 &&
	       d->day <= month_days(d->year, d->month);
}

/* Months from January 1601 to the month of @day. */
static uint32_t month_index(uint32_t day)
{
	struct mapi_recur_date d;

	date_of_day(day, &d);
	return (d.year - 1601) * 12 + d.month - 1;
}

/* The day of its month a monthly series falls on in the month of @day
 * (0: none). */
static int month_target(const struct mapi_recur_rule *rule, uint32_t day)
{
	struct mapi_recur_date d;
	int last, i, seen = 0, found = 0;

	date_of_day(day, &d);
	last = month_days(d.year, d.month);
	if (rule->nth == 0) {
		return (int)rule->month_day < last ? (int)rule->month_day
						     : last;
	}
	for (i = 1; i <= last; i++) {
		uint32_t n = day_number(d.year, d.month, i);

		if (rule->weekdays & (1U << weekday(n))) {
			seen++;
			found = i;
			if ((uint32_t)seen == rule->nth) {
				return i;
			}
		}
	}
	return rule->nth == 5 ? found : 0;
}

/* The first day of the week (rule->first_dow) that holds @day. */
static uint32_t week_start(const struct mapi_recur_rule *rule, uint32_t day)
{
	return day - (weekday(day) - (int)rule->first_dow + 7) % 7;
}

/* Whether the series that starts on @first has an occurrence on @day:
 * months (or years) are counted from the month of @first. */
static bool fits(const struct mapi_recur_rule *rule, uint32_t first,
		 uint32_t day)
{
	struct mapi_recur_date d;
	uint32_t step = rule->interval;

	switch (rule->frequency) {
	case MAPI_RECUR_DAILY:
		return (day - first) % rule->interval == 0;
	case MAPI_RECUR_WEEKLY:
		return (rule->weekdays & (1U << weekday(day))) &&
		       ((week_start(rule, day) - week_start(rule, first)) / 7) %
			       rule->interval == 0;
	case MAPI_RECUR_YEARLY:
		step *= 12;
		break;
	default:
		break;
	}
	date_of_day(day, &d);
	return (month_index(day) - month_index(first)) % step == 0 &&
	       d.day == month_target(rule, day);
}

/* The day of the first occurrence from @start on, and the last of
 * @rule's range; false when the range holds none. */
static bool occurrences(const struct mapi_recur_rule *rule, uint32_t start,
			uint32_t *first, uint32_t *last, uint32_t *count)
{
	uint32_t day, until = LAST_DAY, n = 0;

	if (rule->count == 0 && rule->until.year != 0) {
		until = day_number(rule->until.year, rule->until.month,
				   rule->until.day);
	}
	*first = *last = 0;
	for (day = start; day <= until; day++) {
		if (!fits(rule, start, day)) {
			continue;
		}
		if (n++ == 0) {
			*first = day;
		}
		*last = day;
		if (rule->count != 0 ? n == rule->count
				     : (rule->until.year == 0 && n == 1)) {
			break;
		}
	}
	*count = n;
	return n != 0;
}

static bool rule_valid(const struct mapi_recur_rule *rule)
{
	if (rule->interval < 1 || rule->interval > 999 ||
	    rule->first_dow > 6 || rule->nth > 5 ||
	    rule->weekdays > 0x7F || rule->month_day > 31 ||
	    rule->count > MAX_COUNT) {
		return false;
	}
	if (rule->count == 0 && rule->until.year != 0 &&
	    !date_valid(&rule->until)) {
		return false;
	}
	switch (rule->frequency) {
	case MAPI_RECUR_DAILY:
		return true;
	case MAPI_RECUR_WEEKLY:
		return rule->weekdays != 0;
	case MAPI_RECUR_MONTHLY:
	case MAPI_RECUR_YEARLY:
		return rule->nth == 0 || rule->weekdays != 0;
	default:
		return false;
	}
}

/* FirstDateTime and Period ([MS-OXOCAL] 2.2.1.44.1.1, 2.2.1.44.1). */
static void set_period(const struct mapi_recur_rule *rule, uint32_t first,
		       struct mapi_recurrence *out)
{
	struct mapi_recur_date d = { 1601, 1, 1 };
	uint32_t months;

	switch (rule->frequency) {
	case MAPI_RECUR_DAILY:
		out->period = rule->interval * MINUTES_PER_DAY;
		out->first_date_time = (first * MINUTES_PER_DAY) % out->period;
		return;
	case MAPI_RECUR_WEEKLY:
		out->period = rule->interval;
		out->first_date_time = (week_start(rule, first) *
					MINUTES_PER_DAY) %
				       (rule->interval * MINUTES_PER_WEEK);
		return;
	default:
		break;
	}
	out->period = rule->interval *
		      (rule->frequency == MAPI_RECUR_YEARLY ? 12 : 1);
	months = month_index(first) % out->period;
	d.year += months / 12;
	d.month += months % 12;
	out->first_date_time = mapi_recur_minutes(&d, 0);
}

static void set_pattern(const struct mapi_recur_rule *rule,
			struct mapi_recurrence *out)
{
	out->frequency = rule->frequency;
	if (rule->frequency == MAPI_RECUR_DAILY) {
		out->pattern_type = MAPI_PATTERN_DAY;
	} else if (rule->frequency == MAPI_RECUR_WEEKLY) {
		out->pattern_type = MAPI_PATTERN_WEEK;
		out->pattern[0] = rule->weekdays;
	} else if (rule->nth != 0) {
		out->pattern_type = MAPI_PATTERN_MONTH_NTH;
		out->pattern[0] = rule->weekdays;
		out->pattern[1] = rule->nth;
	} else {
		out->pattern_type = MAPI_PATTERN_MONTH;
		out->pattern[0] = rule->month_day;
	}
}

static void set_end(const struct mapi_recur_rule *rule, uint32_t last,
		    uint32_t count, struct mapi_recurrence *out)
{
	if (rule->count != 0) {
		out->end_type = MAPI_RECUR_END_AFTER_N;
		out->occurrence_count = count;
		out->end_date = last * MINUTES_PER_DAY;
	} else if (rule->until.year != 0) {
		out->end_type = MAPI_RECUR_END_AFTER_DATE;
		out->occurrence_count = count;
		out->end_date = last * MINUTES_PER_DAY;
	} else {
		out->end_type = MAPI_RECUR_NEVER_END;
		out->occurrence_count = MAPI_RECUR_NEVER_COUNT;
		out->end_date = MAPI_RECUR_END_NEVER_DATE;
	}
}

enum MAPISTATUS mapi_recurrence_make(const struct mapi_recur_date *start,
				     const struct mapi_recur_rule *rule,
				     struct mapi_recurrence *out)
{
	struct mapi_recur_rule r;
	uint32_t first, last, count;

	if (start == NULL || rule == NULL || out == NULL ||
	    !date_valid(start) || !rule_valid(rule)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	r = *rule;
	if (r.frequency >= MAPI_RECUR_MONTHLY && r.nth == 0 &&
	    r.month_day == 0) {
		r.month_day = start->day;
	}
	if (!occurrences(&r, day_number(start->year, start->month,
					 start->day),
			 &first, &last, &count)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	memset(out, 0, sizeof(*out));
	out->reader_version = out->writer_version = MAPI_RECUR_VERSION;
	out->first_dow = r.first_dow;
	set_pattern(&r, out);
	set_period(&r, first, out);
	set_end(&r, last, count, out);
	out->start_date = first * MINUTES_PER_DAY;
	return MAPI_E_SUCCESS;
}
