/*
   Time zone blobs of calendar objects ([MS-OXOCAL] 2.2.1.39, 2.2.1.41)

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

/**
 * @file tzdef.h
 * @brief The time zone definition of PidLidAppointmentTimeZoneDefinition*
 * ([MS-OXOCAL] 2.2.1.41: a header and TZRule structures, 2.2.1.41.1),
 * the PidLidTimeZoneStruct value (2.2.1.39), and local times by a rule.
 *
 * Biases are minutes, UTC = local time + bias (+ the standard or
 * daylight bias).  Transition dates are SYSTEMTIMEs: wYear 0 makes them
 * yearly rules, wDay the week of the month (5: the last), wDayOfWeek the
 * day (0: Sunday); wMonth 0 means no daylight saving time.
 */
#ifndef MAPI_NDR_TZDEF_H
#define MAPI_NDR_TZDEF_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include "gen_ndr/mapi_types.h"

/** @brief TZRule flags: the rule matches PidLidTimeZoneStruct (the R
 *  flag, recurring series only). */
#define MAPI_TZRULE_RECUR_CURRENT	0x0001
/** @brief TZRule flags: the effective rule. */
#define MAPI_TZRULE_EFFECTIVE		0x0002

/** @brief A SYSTEMTIME ([MS-DTYP] 2.3.13). */
struct mapi_systemtime {
	uint16_t year;		/**< wYear */
	uint16_t month;		/**< wMonth */
	uint16_t day_of_week;	/**< wDayOfWeek */
	uint16_t day;		/**< wDay */
	uint16_t hour;		/**< wHour */
	uint16_t minute;	/**< wMinute */
	uint16_t second;	/**< wSecond */
	uint16_t milliseconds;	/**< wMilliseconds */
};

/** @brief A TZRule ([MS-OXOCAL] 2.2.1.41.1). */
struct mapi_tz_rule {
	uint16_t flags;		/**< TZRule flags (MAPI_TZRULE_*) */
	uint16_t year;		/**< wYear: the year it takes effect */
	int32_t bias;		/**< lBias */
	int32_t standard_bias;	/**< lStandardBias */
	int32_t daylight_bias;	/**< lDaylightBias */
	struct mapi_systemtime standard_date;	/**< stStandardDate */
	struct mapi_systemtime daylight_date;	/**< stDaylightDate */
};

/** @brief A time zone definition ([MS-OXOCAL] 2.2.1.41). */
struct mapi_tz_definition {
	/** KeyName: the time zone's name (UTF-8 here, UTF-16 on the wire) */
	const char *key_name;
	uint16_t rule_count;		/**< cRules */
	struct mapi_tz_rule *rules;	/**< the rules, by year */
};

/**
 * @brief Encode a time zone definition.
 * @param mem_ctx	owner of @a data
 * @param def		the definition (at least one rule)
 * @param[out] data	the value
 * @param[out] size	its size
 */
enum MAPISTATUS mapi_tz_definition_encode(TALLOC_CTX *mem_ctx,
					  const struct mapi_tz_definition
						  *def,
					  uint8_t **data, size_t *size);

/**
 * @brief Decode a time zone definition.
 * @param mem_ctx	owner of the name and rules of @a def
 * @param data		the value
 * @param size		its size
 * @param[out] def	the definition
 * @return MAPI_E_CORRUPT_DATA for a value of another version, truncated
 * or with trailing bytes
 */
enum MAPISTATUS mapi_tz_definition_decode(TALLOC_CTX *mem_ctx,
					  const uint8_t *data, size_t size,
					  struct mapi_tz_definition *def);

/** @brief Size of a PidLidTimeZoneStruct value. */
#define MAPI_TZ_STRUCT_SIZE 48

/**
 * @brief The PidLidTimeZoneStruct value of @a rule ([MS-OXOCAL]
 * 2.2.1.39: the biases, wStandardYear and wDaylightYear from the
 * rule's dates).
 * @param rule	the rule
 * @param[out] out	the 48 bytes
 */
void mapi_tz_struct_encode(const struct mapi_tz_rule *rule,
			   uint8_t out[MAPI_TZ_STRUCT_SIZE]);

/**
 * @brief A PidLidTimeZoneStruct value as a rule (flags and year 0).
 * @param data		the value
 * @param size		its size (MAPI_TZ_STRUCT_SIZE)
 * @param[out] rule	the rule
 * @return MAPI_E_CORRUPT_DATA for another size
 */
enum MAPISTATUS mapi_tz_struct_decode(const uint8_t *data, size_t size,
				      struct mapi_tz_rule *rule);

/**
 * @brief The bias (minutes, UTC = local + bias) of @a rule at the UTC
 * time @a utc (seconds since 1970).
 * @param rule	the rule
 * @param utc	the instant
 */
int32_t mapi_tz_bias_at(const struct mapi_tz_rule *rule, int64_t utc);

/**
 * @brief A rule for UTC: no bias, no daylight saving time.
 * @param[out] rule	the rule (flags MAPI_TZRULE_EFFECTIVE)
 */
void mapi_tz_rule_utc(struct mapi_tz_rule *rule);

#endif /* MAPI_NDR_TZDEF_H */
