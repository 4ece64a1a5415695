/*
   Time zone blobs ([MS-OXOCAL] 2.2.1.39, 2.2.1.41) and local times.

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
#include <time.h>

#include "tzdef.h"
#include "le_private.h"
#include <charset.h>

/* Major and minor versions of the definition and of its rules. */
#define TZ_MAJOR	0x02
#define TZ_MINOR	0x01
/* The Reserved field of the header: the key name is valid. */
#define TZ_HEADER_RESERVED	0x0002
/* The Reserved field of a TZRule. */
#define TZ_RULE_RESERVED	0x003E
/* Bytes of X, a TZRule's zeros. */
#define TZ_RULE_X		14
/* The size of a TZRule. */
#define TZ_RULE_SIZE		66

static void put_systemtime(struct le_writer *w,
			   const struct mapi_systemtime *t)
{
	le_put16(w, t->year);
	le_put16(w, t->month);
	le_put16(w, t->day_of_week);
	le_put16(w, t->day);
	le_put16(w, t->hour);
	le_put16(w, t->minute);
	le_put16(w, t->second);
	le_put16(w, t->milliseconds);
}

static void get_systemtime(struct le_reader *r, struct mapi_systemtime *t)
{
	t->year = le_get16(r);
	t->month = le_get16(r);
	t->day_of_week = le_get16(r);
	t->day = le_get16(r);
	t->hour = le_get16(r);
	t->minute = le_get16(r);
	t->second = le_get16(r);
	t->milliseconds = le_get16(r);
}

static void put_rule(struct le_writer *w, const struct mapi_tz_rule *rule)
{
	le_put8(w, TZ_MAJOR);
	le_put8(w, TZ_MINOR);
	le_put16(w, TZ_RULE_RESERVED);
	le_put16(w, rule->flags);
	le_put16(w, rule->year);
	le_put_bytes(w, NULL, TZ_RULE_X);
	le_put32(w, rule->bias);
	le_put32(w, rule->standard_bias);
	le_put32(w, rule->daylight_bias);
	put_systemtime(w, &rule->standard_date);
	put_systemtime(w, &rule->daylight_date);
}

static bool get_rule(struct le_reader *r, struct mapi_tz_rule *rule)
{
	uint8_t major = le_get8(r);

	le_get8(r);
	le_get16(r);
	rule->flags = le_get16(r);
	rule->year = le_get16(r);
	le_get_bytes(r, TZ_RULE_X);
	rule->bias = (int32_t)le_get32(r);
	rule->standard_bias = (int32_t)le_get32(r);
	rule->daylight_bias = (int32_t)le_get32(r);
	get_systemtime(r, &rule->standard_date);
	get_systemtime(r, &rule->daylight_date);
	return major == TZ_MAJOR && !r->bad;
}

enum MAPISTATUS mapi_tz_definition_encode(TALLOC_CTX *mem_ctx,
					  const struct mapi_tz_definition
						  *def,
					  uint8_t **data, size_t *size)
{
	struct le_writer w;
	void *name = NULL;
	size_t len = 0;
	uint16_t i;

	if (def == NULL || def->key_name == NULL || def->rule_count == 0 ||
	    def->rules == NULL || data == NULL || size == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (*def->key_name != '\0' &&
	    !convert_string_talloc(mem_ctx, CH_UTF8, CH_UTF16LE, def->key_name,
				   strlen(def->key_name), &name, &len)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (len > 2 * 260) {
		talloc_free(name);
		return MAPI_E_INVALID_PARAMETER;
	}
	le_writer_init(&w, mem_ctx);
	le_put8(&w, TZ_MAJOR);
	le_put8(&w, TZ_MINOR);
	le_put16(&w, 6 + len);		/* Reserved .. cRules */
	le_put16(&w, TZ_HEADER_RESERVED);
	le_put16(&w, len / 2);
	le_put_bytes(&w, name, len);
	le_put16(&w, def->rule_count);
	for (i = 0; i < def->rule_count; i++) {
		put_rule(&w, &def->rules[i]);
	}
	talloc_free(name);
	if (w.oom) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	*data = w.data;
	*size = w.len;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_tz_definition_decode(TALLOC_CTX *mem_ctx,
					  const uint8_t *data, size_t size,
					  struct mapi_tz_definition *def)
{
	struct le_reader r;
	uint16_t header, i;
	size_t rules_at;

	if (def == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	memset(def, 0, sizeof(*def));
	le_reader_init(&r, data, size);
	if (le_get8(&r) != TZ_MAJOR) {
		return MAPI_E_CORRUPT_DATA;
	}
	le_get8(&r);
	header = le_get16(&r);
	le_get16(&r);
	def->key_name = le_get_utf16_counted(mem_ctx, &r);
	/* cbHeader counts Reserved to cRules: the rules start after it */
	rules_at = 4 + (size_t)header;
	if (r.bad || def->key_name == NULL || rules_at != r.off + 2) {
		return MAPI_E_CORRUPT_DATA;
	}
	def->rule_count = le_get16(&r);
	if (r.bad || le_left(&r) != (size_t)def->rule_count * TZ_RULE_SIZE) {
		return MAPI_E_CORRUPT_DATA;
	}
	def->rules = talloc_zero_array(mem_ctx, struct mapi_tz_rule,
				       def->rule_count ? def->rule_count : 1);
	if (def->rules == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < def->rule_count; i++) {
		if (!get_rule(&r, &def->rules[i])) {
			return MAPI_E_CORRUPT_DATA;
		}
	}
	return MAPI_E_SUCCESS;
}

void mapi_tz_struct_encode(const struct mapi_tz_rule *rule,
			   uint8_t out[MAPI_TZ_STRUCT_SIZE])
{
	struct le_writer w;
	TALLOC_CTX *tmp = talloc_new(NULL);

	memset(out, 0, MAPI_TZ_STRUCT_SIZE);
	le_writer_init(&w, tmp);
	le_put32(&w, rule->bias);
	le_put32(&w, rule->standard_bias);
	le_put32(&w, rule->daylight_bias);
	le_put16(&w, rule->standard_date.year);
	put_systemtime(&w, &rule->standard_date);
	le_put16(&w, rule->daylight_date.year);
	put_systemtime(&w, &rule->daylight_date);
	if (!w.oom && w.len == MAPI_TZ_STRUCT_SIZE) {
		memcpy(out, w.data, MAPI_TZ_STRUCT_SIZE);
	}
	talloc_free(tmp);
}

enum MAPISTATUS mapi_tz_struct_decode(const uint8_t *data, size_t size,
				      struct mapi_tz_rule *rule)
{
	struct le_reader r;

	if (rule == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (size != MAPI_TZ_STRUCT_SIZE) {
		return MAPI_E_CORRUPT_DATA;
	}
	memset(rule, 0, sizeof(*rule));
	le_reader_init(&r, data, size);
	rule->bias = (int32_t)le_get32(&r);
	rule->standard_bias = (int32_t)le_get32(&r);
	rule->daylight_bias = (int32_t)le_get32(&r);
	le_get16(&r);
	get_systemtime(&r, &rule->standard_date);
	le_get16(&r);
	get_systemtime(&r, &rule->daylight_date);
	return r.bad ? MAPI_E_CORRUPT_DATA : MAPI_E_SUCCESS;
}

void mapi_tz_rule_utc(struct mapi_tz_rule *rule)
{
	memset(rule, 0, sizeof(*rule));
	rule->flags = MAPI_TZRULE_EFFECTIVE;
}

static int month_length(int year, int month)
{
	struct tm tm = { .tm_year = year - 1900, .tm_mon = month,
			 .tm_mday = 0 };

	/* day 0 of the next month: the last of this one */
	timegm(&tm);
	return tm.tm_mday;
}

/* The instant (seconds since 1970, as if local time were UTC) of the
 * transition @t in @year. */
static int64_t transition(const struct mapi_systemtime *t, int year)
{
	struct tm tm = { .tm_year = year - 1900, .tm_mon = t->month - 1,
			 .tm_mday = 1, .tm_hour = t->hour,
			 .tm_min = t->minute, .tm_sec = t->second };
	int day = t->day, last = month_length(year, t->month);

	if (t->year == 0) {
		timegm(&tm);	/* the weekday of the 1st */
		day = 1 + (t->day_of_week - tm.tm_wday + 7) % 7 +
		      (t->day - 1) * 7;
		while (day > last) {
			day -= 7;
		}
	}
	tm.tm_mday = day;
	return (int64_t)timegm(&tm);
}

int32_t mapi_tz_bias_at(const struct mapi_tz_rule *rule, int64_t utc)
{
	int32_t std = rule->bias + rule->standard_bias;
	int32_t dst = rule->bias + rule->daylight_bias;
	time_t local = (time_t)(utc - (int64_t)std * 60);
	int64_t to_dst, to_std;
	struct tm tm;

	if (rule->standard_date.month == 0 || rule->daylight_date.month == 0 ||
	    gmtime_r(&local, &tm) == NULL) {
		return std;
	}
	/* daylight time starts at a standard time, ends at a daylight one */
	to_dst = transition(&rule->daylight_date, tm.tm_year + 1900) +
		 (int64_t)std * 60;
	to_std = transition(&rule->standard_date, tm.tm_year + 1900) +
		 (int64_t)dst * 60;
	if (to_dst < to_std) {
		return utc >= to_dst && utc < to_std ? dst : std;
	}
	return utc >= to_std && utc < to_dst ? std : dst;
}
