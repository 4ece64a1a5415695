/*
   Unit tests of the recurrence blobs ([MS-OXOCAL] 2.2.1.44): the
   examples of [MS-OXOCAL] 4.1.1, decoded, encoded back byte for byte,
   and rebuilt from their rules.

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

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <talloc.h>

#include "recurrence.h"

/*
 * [MS-OXOCAL] 4.1.1.2: the meeting of 4.1.1.1 (every Monday, Thursday
 * and Friday, 10:00-10:30, 12 occurrences from 2007-03-26) with the
 * instance of 2007-04-16 moved to 11:00, its subject and location
 * changed.
 */
static const uint8_t weekly_exception[] = {
	0x04, 0x30, 0x04, 0x30, 0x0b, 0x20, 0x01, 0x00,
	0x00, 0x00, 0xc0, 0x21, 0x00, 0x00, 0x01, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x32, 0x00,
	0x00, 0x00, 0x22, 0x20, 0x00, 0x00, 0x0c, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
	0x00, 0x00, 0xa0, 0x96, 0xbc, 0x0c, 0x01, 0x00,
	0x00, 0x00, 0xa0, 0x96, 0xbc, 0x0c, 0x80, 0x20,
	0xbc, 0x0c, 0x20, 0xad, 0xbc, 0x0c, 0x06, 0x30,
	0x00, 0x00, 0x09, 0x30, 0x00, 0x00, 0x58, 0x02,
	0x00, 0x00, 0x76, 0x02, 0x00, 0x00, 0x01, 0x00,
	0x34, 0x99, 0xbc, 0x0c, 0x52, 0x99, 0xbc, 0x0c,
	0xf8, 0x98, 0xbc, 0x0c, 0x11, 0x00, 0x22, 0x00,
	0x21, 0x00, 0x53, 0x69, 0x6d, 0x70, 0x6c, 0x65,
	0x20, 0x52, 0x65, 0x63, 0x75, 0x72, 0x72, 0x65,
	0x6e, 0x63, 0x65, 0x20, 0x77, 0x69, 0x74, 0x68,
	0x20, 0x65, 0x78, 0x63, 0x65, 0x70, 0x74, 0x69,
	0x6f, 0x6e, 0x73, 0x08, 0x00, 0x07, 0x00, 0x33,
	0x34, 0x2f, 0x34, 0x31, 0x34, 0x31, 0x00, 0x00,
	0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x34, 0x99,
	0xbc, 0x0c, 0x52, 0x99, 0xbc, 0x0c, 0xf8, 0x98,
	0xbc, 0x0c, 0x21, 0x00, 0x53, 0x00, 0x69, 0x00,
	0x6d, 0x00, 0x70, 0x00, 0x6c, 0x00, 0x65, 0x00,
	0x20, 0x00, 0x52, 0x00, 0x65, 0x00, 0x63, 0x00,
	0x75, 0x00, 0x72, 0x00, 0x72, 0x00, 0x65, 0x00,
	0x6e, 0x00, 0x63, 0x00, 0x65, 0x00, 0x20, 0x00,
	0x77, 0x00, 0x69, 0x00, 0x74, 0x00, 0x68, 0x00,
	0x20, 0x00, 0x65, 0x00, 0x78, 0x00, 0x63, 0x00,
	0x65, 0x00, 0x70, 0x00, 0x74, 0x00, 0x69, 0x00,
	0x6f, 0x00, 0x6e, 0x00, 0x73, 0x00, 0x07, 0x00,
	0x33, 0x00, 0x34, 0x00, 0x2f, 0x00, 0x34, 0x00,
	0x31, 0x00, 0x34, 0x00, 0x31, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00,};

/*
 * [MS-OXOCAL] 4.1.1.3: every three days from 2011-04-07 to 2011-05-04,
 * 8:00-8:30, the instances of 2011-04-19 and 2011-04-22 deleted.
 */
static const uint8_t daily_deleted[] = {
	0x04, 0x30, 0x04, 0x30, 0x0a, 0x20, 0x00, 0x00,
	0x00, 0x00, 0xa0, 0x05, 0x00, 0x00, 0xe0, 0x10,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x21, 0x20,
	0x00, 0x00, 0x0a, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0xa0, 0xc1,
	0xdc, 0x0c, 0x80, 0xd2, 0xdc, 0x0c, 0x00, 0x00,
	0x00, 0x00, 0x20, 0x7e, 0xdc, 0x0c, 0x00, 0x16,
	0xdd, 0x0c, 0x06, 0x30, 0x00, 0x00, 0x09, 0x30,
	0x00, 0x00, 0xe0, 0x01, 0x00, 0x00, 0xfe, 0x01,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,};

static void test_daily_decode(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_appt_recurrence a;
	const struct mapi_recurrence *p = &a.pattern;
	struct mapi_recur_date d;

	assert_int_equal(mapi_appt_recurrence_decode(mem, daily_deleted,
						     sizeof(daily_deleted),
						     &a),
			 MAPI_E_SUCCESS);
	assert_int_equal(p->reader_version, 0x3004);
	assert_int_equal(p->frequency, MAPI_RECUR_DAILY);
	assert_int_equal(p->pattern_type, MAPI_PATTERN_DAY);
	assert_int_equal(p->first_date_time, 1440);
	assert_int_equal(p->period, 4320);
	assert_int_equal(p->end_type, MAPI_RECUR_END_AFTER_DATE);
	assert_int_equal(p->occurrence_count, 10);
	assert_int_equal(p->deleted_count, 2);
	mapi_recur_date_of(p->deleted_dates[1], &d);
	assert_int_equal(d.year, 2011);
	assert_int_equal(d.month, 4);
	assert_int_equal(d.day, 22);
	assert_int_equal(p->modified_count, 0);
	assert_int_equal(a.reader_version2, 0x3006);
	assert_int_equal(a.writer_version2, 0x3009);
	assert_int_equal(a.start_time_offset, 480);
	assert_int_equal(a.end_time_offset, 510);
	assert_int_equal(a.exception_count, 0);
	talloc_free(mem);
}

static void test_weekly_decode(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_appt_recurrence a;
	const struct mapi_recur_exception *e;

	assert_int_equal(mapi_appt_recurrence_decode(mem, weekly_exception,
						     sizeof(weekly_exception),
						     &a),
			 MAPI_E_SUCCESS);
	assert_int_equal(a.pattern.frequency, MAPI_RECUR_WEEKLY);
	assert_int_equal(a.pattern.pattern_type, MAPI_PATTERN_WEEK);
	assert_int_equal(a.pattern.pattern[0], 0x32);
	assert_int_equal(a.pattern.first_date_time, 0x21C0);
	assert_int_equal(a.pattern.end_type, MAPI_RECUR_END_AFTER_N);
	assert_int_equal(a.pattern.occurrence_count, 12);
	assert_int_equal(a.pattern.modified_count, 1);
	assert_int_equal(a.start_time_offset, 600);
	assert_int_equal(a.end_time_offset, 630);
	assert_int_equal(a.exception_count, 1);
	e = &a.exceptions[0];
	assert_int_equal(e->override_flags,
			 MAPI_ARO_SUBJECT | MAPI_ARO_LOCATION);
	assert_string_equal(e->subject, "Simple Recurrence with exceptions");
	assert_string_equal(e->location, "34/4141");
	assert_int_equal(e->change_highlight.size, 4);
	assert_int_equal(e->ext_start, e->start);
	assert_string_equal(e->wide_subject,
			    "Simple Recurrence with exceptions");
	assert_string_equal(e->wide_location, "34/4141");
	talloc_free(mem);
}

static void roundtrip(const uint8_t *blob, size_t size)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_appt_recurrence a;
	uint8_t *out = NULL;
	size_t n = 0;

	assert_int_equal(mapi_appt_recurrence_decode(mem, blob, size, &a),
			 MAPI_E_SUCCESS);
	assert_int_equal(mapi_appt_recurrence_encode(mem, &a, &out, &n),
			 MAPI_E_SUCCESS);
	assert_int_equal(n, size);
	assert_memory_equal(out, blob, size);
	talloc_free(mem);
}

static void test_roundtrip_examples(void **state)
{
	roundtrip(daily_deleted, sizeof(daily_deleted));
	roundtrip(weekly_exception, sizeof(weekly_exception));
}

/* The RecurrencePattern alone: the part before ReaderVersion2. */
static void test_pattern_alone(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_recurrence p;
	uint8_t *out = NULL;
	size_t used = 0, n = 0;

	assert_int_equal(mapi_recurrence_decode(mem, daily_deleted,
						sizeof(daily_deleted), &p,
						&used),
			 MAPI_E_SUCCESS);
	assert_int_equal(used, 0x54 - 26);
	assert_int_equal(mapi_recurrence_decode(mem, daily_deleted,
						sizeof(daily_deleted), &p,
						NULL),
			 MAPI_E_CORRUPT_DATA);
	assert_int_equal(mapi_recurrence_encode(mem, &p, &out, &n),
			 MAPI_E_SUCCESS);
	assert_int_equal(n, used);
	assert_memory_equal(out, daily_deleted, n);
	talloc_free(mem);
}

/* Every shorter prefix, and one byte more, is refused. */
static void test_truncated(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_appt_recurrence a;
	uint8_t longer[sizeof(weekly_exception) + 1];
	size_t n;

	for (n = 0; n < sizeof(weekly_exception); n++) {
		assert_int_equal(mapi_appt_recurrence_decode(
					 mem, weekly_exception, n, &a),
				 MAPI_E_CORRUPT_DATA);
	}
	memcpy(longer, weekly_exception, sizeof(weekly_exception));
	longer[sizeof(weekly_exception)] = 0;
	assert_int_equal(mapi_appt_recurrence_decode(mem, longer,
						     sizeof(longer), &a),
			 MAPI_E_CORRUPT_DATA);
	talloc_free(mem);
}

static void test_hostile_counts(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_appt_recurrence a;
	uint8_t bad[sizeof(daily_deleted)];

	/* DeletedInstanceCount far beyond the value */
	memcpy(bad, daily_deleted, sizeof(bad));
	bad[34] = 0xFF;
	bad[35] = 0xFF;
	bad[36] = 0xFF;
	assert_int_equal(mapi_appt_recurrence_decode(mem, bad, sizeof(bad),
						     &a),
			 MAPI_E_CORRUPT_DATA);
	/* an unknown PatternType */
	memcpy(bad, daily_deleted, sizeof(bad));
	bad[6] = 0x07;
	assert_int_equal(mapi_appt_recurrence_decode(mem, bad, sizeof(bad),
						     &a),
			 MAPI_E_CORRUPT_DATA);
	/* ExceptionCount beyond the value */
	memcpy(bad, daily_deleted, sizeof(bad));
	bad[sizeof(bad) - 10] = 0x40;
	assert_int_equal(mapi_appt_recurrence_decode(mem, bad, sizeof(bad),
						     &a),
			 MAPI_E_CORRUPT_DATA);
	talloc_free(mem);
}

/* The rules of the examples give their patterns back. */
static void test_make_daily(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_recur_date start = { 2011, 4, 7 };
	struct mapi_recur_rule rule = {
		.frequency = MAPI_RECUR_DAILY, .interval = 3,
		.until = { 2011, 5, 4 },
	};
	struct mapi_recurrence made, spec;
	uint32_t deleted[2];
	uint8_t *out = NULL;
	size_t used = 0, n = 0;

	assert_int_equal(mapi_recurrence_decode(mem, daily_deleted,
						sizeof(daily_deleted), &spec,
						&used),
			 MAPI_E_SUCCESS);
	assert_int_equal(mapi_recurrence_make(&start, &rule, &made),
			 MAPI_E_SUCCESS);
	deleted[0] = spec.deleted_dates[0];
	deleted[1] = spec.deleted_dates[1];
	made.deleted_count = 2;
	made.deleted_dates = deleted;
	assert_int_equal(mapi_recurrence_encode(mem, &made, &out, &n),
			 MAPI_E_SUCCESS);
	assert_int_equal(n, used);
	assert_memory_equal(out, daily_deleted, n);
	talloc_free(mem);
}

static void test_make_weekly(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_recur_date start = { 2007, 3, 26 };
	struct mapi_recur_rule rule = {
		.frequency = MAPI_RECUR_WEEKLY, .interval = 1,
		.weekdays = 0x32, .count = 12,
	};
	struct mapi_recurrence made, spec;
	uint32_t dates[1];
	uint8_t *out = NULL;
	size_t used = 0, n = 0;

	assert_int_equal(mapi_recurrence_decode(mem, weekly_exception,
						sizeof(weekly_exception),
						&spec, &used),
			 MAPI_E_SUCCESS);
	assert_int_equal(mapi_recurrence_make(&start, &rule, &made),
			 MAPI_E_SUCCESS);
	dates[0] = spec.deleted_dates[0];
	made.deleted_count = made.modified_count = 1;
	made.deleted_dates = made.modified_dates = dates;
	assert_int_equal(mapi_recurrence_encode(mem, &made, &out, &n),
			 MAPI_E_SUCCESS);
	assert_int_equal(n, used);
	assert_memory_equal(out, weekly_exception, n);
	talloc_free(mem);
}

static void test_make_monthly_yearly(void **state)
{
	struct mapi_recur_date start = { 2024, 1, 31 }, d;
	struct mapi_recur_rule rule = {
		.frequency = MAPI_RECUR_MONTHLY, .interval = 1, .count = 3,
	};
	struct mapi_recurrence p;

	/* the 31st, or the month's last day */
	assert_int_equal(mapi_recurrence_make(&start, &rule, &p),
			 MAPI_E_SUCCESS);
	assert_int_equal(p.pattern_type, MAPI_PATTERN_MONTH);
	assert_int_equal(p.pattern[0], 31);
	mapi_recur_date_of(p.end_date, &d);
	assert_int_equal(d.month, 3);
	assert_int_equal(d.day, 31);
	/* months since January 1601, modulo 1: January 1601 */
	assert_int_equal(p.first_date_time, 0);
	/* the second Tuesday of every other month, never ending */
	rule.interval = 2;
	rule.count = 0;
	rule.nth = 2;
	rule.weekdays = 0x04;
	assert_int_equal(mapi_recurrence_make(&start, &rule, &p),
			 MAPI_E_SUCCESS);
	assert_int_equal(p.pattern_type, MAPI_PATTERN_MONTH_NTH);
	assert_int_equal(p.end_type, MAPI_RECUR_NEVER_END);
	assert_int_equal(p.end_date, MAPI_RECUR_END_NEVER_DATE);
	mapi_recur_date_of(p.start_date, &d);
	assert_int_equal(d.month, 3);
	assert_int_equal(d.day, 12);
	/* (2024 - 1601) * 12 + 0 is even: January 1601 again */
	assert_int_equal(p.first_date_time, 0);
	/* yearly on 29 February, 4 times */
	start.month = 2;
	start.day = 29;
	memset(&rule, 0, sizeof(rule));
	rule.frequency = MAPI_RECUR_YEARLY;
	rule.interval = 1;
	rule.count = 4;
	assert_int_equal(mapi_recurrence_make(&start, &rule, &p),
			 MAPI_E_SUCCESS);
	assert_int_equal(p.period, 12);
	mapi_recur_date_of(p.first_date_time, &d);
	assert_int_equal(d.year, 1601);
	assert_int_equal(d.month, 2);
	mapi_recur_date_of(p.end_date, &d);
	assert_int_equal(d.year, 2027);
	assert_int_equal(d.day, 28);
}

static void test_make_invalid(void **state)
{
	struct mapi_recur_date start = { 2024, 2, 30 };
	struct mapi_recur_rule rule = {
		.frequency = MAPI_RECUR_WEEKLY, .interval = 1,
	};
	struct mapi_recurrence p;

	assert_int_equal(mapi_recurrence_make(&start, &rule, &p),
			 MAPI_E_INVALID_PARAMETER);
	start.day = 1;
	/* weekly without days */
	assert_int_equal(mapi_recurrence_make(&start, &rule, &p),
			 MAPI_E_INVALID_PARAMETER);
	rule.weekdays = 0x02;
	rule.interval = 0;
	assert_int_equal(mapi_recurrence_make(&start, &rule, &p),
			 MAPI_E_INVALID_PARAMETER);
	rule.interval = 1;
	rule.frequency = 0x2000;
	assert_int_equal(mapi_recurrence_make(&start, &rule, &p),
			 MAPI_E_INVALID_PARAMETER);
	/* an end before the start */
	rule.frequency = MAPI_RECUR_DAILY;
	rule.until.year = 2023;
	rule.until.month = 1;
	rule.until.day = 1;
	assert_int_equal(mapi_recurrence_make(&start, &rule, &p),
			 MAPI_E_INVALID_PARAMETER);
}

static void test_minutes(void **state)
{
	struct mapi_recur_date d = { 1601, 1, 2 }, back;

	assert_int_equal(mapi_recur_minutes(&d, 0), 1440);
	d.year = 2007;
	d.month = 3;
	d.day = 26;
	assert_int_equal(mapi_recur_minutes(&d, 0), 0x0CBC2080);
	mapi_recur_date_of(0x5AE980DF, &back);
	assert_int_equal(back.year, 4500);
	assert_int_equal(back.month, 12);
	assert_int_equal(back.day, 31);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_daily_decode),
		cmocka_unit_test(test_weekly_decode),
		cmocka_unit_test(test_roundtrip_examples),
		cmocka_unit_test(test_pattern_alone),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_hostile_counts),
		cmocka_unit_test(test_make_daily),
		cmocka_unit_test(test_make_weekly),
		cmocka_unit_test(test_make_monthly_yearly),
		cmocka_unit_test(test_make_invalid),
		cmocka_unit_test(test_minutes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
