/*
   Recurrence blobs of calendar objects and tasks ([MS-OXOCAL] 2.2.1.44)

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
 * @file recurrence.h
 * @brief The RecurrencePattern ([MS-OXOCAL] 2.2.1.44.1) and
 * AppointmentRecurrencePattern (2.2.1.44.5) structures of
 * PidLidAppointmentRecur and PidLidTaskRecurrence: decoding, encoding,
 * and the dates they are made of.
 *
 * Every field of the structures is kept, reserved blocks included, so
 * that a decoded value encodes back to the same bytes.  Dates are
 * minutes since 1601-01-01 00:00 in the series' time zone
 * (mapi_recur_minutes()).
 */
#ifndef MAPI_NDR_RECURRENCE_H
#define MAPI_NDR_RECURRENCE_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include "gen_ndr/mapi_types.h"

/** @brief ReaderVersion and WriterVersion of a RecurrencePattern. */
#define MAPI_RECUR_VERSION		0x3004
/** @brief ReaderVersion2 of an AppointmentRecurrencePattern. */
#define MAPI_RECUR_READER_VERSION2	0x3006
/** @brief WriterVersion2 written (ChangeHighlight in exceptions). */
#define MAPI_RECUR_WRITER_VERSION2	0x3009

/** @brief RecurFrequency values ([MS-OXOCAL] 2.2.1.44.1). */
enum mapi_recur_frequency {
	MAPI_RECUR_DAILY = 0x200A,	/**< daily */
	MAPI_RECUR_WEEKLY = 0x200B,	/**< weekly */
	MAPI_RECUR_MONTHLY = 0x200C,	/**< monthly */
	MAPI_RECUR_YEARLY = 0x200D,	/**< yearly */
};

/** @brief PatternType values. */
enum mapi_recur_pattern_type {
	MAPI_PATTERN_DAY = 0x0000,		/**< every Period minutes */
	MAPI_PATTERN_WEEK = 0x0001,		/**< days of the week */
	MAPI_PATTERN_MONTH = 0x0002,		/**< a day of the month */
	MAPI_PATTERN_MONTH_NTH = 0x0003,	/**< Nth weekday(s) */
	MAPI_PATTERN_MONTH_END = 0x0004,	/**< last day of month */
	MAPI_PATTERN_HJ_MONTH = 0x000A,		/**< Hijri: day of month */
	MAPI_PATTERN_HJ_MONTH_NTH = 0x000B,	/**< Hijri: Nth weekday */
	MAPI_PATTERN_HJ_MONTH_END = 0x000C,	/**< Hijri: last day */
};

/** @brief EndType values. */
enum mapi_recur_end_type {
	MAPI_RECUR_END_AFTER_DATE = 0x2021,	/**< ends on EndDate */
	MAPI_RECUR_END_AFTER_N = 0x2022,	/**< OccurrenceCount times */
	MAPI_RECUR_NEVER_END = 0x2023,		/**< never ends */
	MAPI_RECUR_NEVER_END_OLD = 0xFFFFFFFF,	/**< never ends, too */
};

/** @brief Day-of-week bits of the week patterns (Sunday 0x01 ...
 *  Saturday 0x40). */
#define MAPI_RECUR_SUNDAY	0x01
/** @brief Monday bit. */
#define MAPI_RECUR_MONDAY	0x02
/** @brief Saturday bit (the others lie between). */
#define MAPI_RECUR_SATURDAY	0x40

/** @brief EndDate of a series that never ends (31 December 4500). */
#define MAPI_RECUR_END_NEVER_DATE	0x5AE980DF
/** @brief OccurrenceCount written for a series that never ends. */
#define MAPI_RECUR_NEVER_COUNT		0x0000000A

/** @brief OverrideFlags of an ExceptionInfo ([MS-OXOCAL] 2.2.1.44.2). */
enum mapi_recur_override {
	MAPI_ARO_SUBJECT = 0x0001,	/**< Subject */
	MAPI_ARO_MEETINGTYPE = 0x0002,	/**< MeetingType */
	MAPI_ARO_REMINDERDELTA = 0x0004, /**< ReminderDelta */
	MAPI_ARO_REMINDER = 0x0008,	/**< ReminderSet */
	MAPI_ARO_LOCATION = 0x0010,	/**< Location */
	MAPI_ARO_BUSYSTATUS = 0x0020,	/**< BusyStatus */
	MAPI_ARO_ATTACHMENT = 0x0040,	/**< Attachment */
	MAPI_ARO_SUBTYPE = 0x0080,	/**< SubType */
	MAPI_ARO_APPTCOLOR = 0x0100,	/**< AppointmentColor */
	MAPI_ARO_EXCEPTIONAL_BODY = 0x0200, /**< no field */
};

/** @brief A RecurrencePattern ([MS-OXOCAL] 2.2.1.44.1). */
struct mapi_recurrence {
	uint16_t reader_version;	/**< ReaderVersion, 0x3004 */
	uint16_t writer_version;	/**< WriterVersion, 0x3004 */
	uint16_t frequency;		/**< RecurFrequency */
	uint16_t pattern_type;		/**< PatternType */
	uint16_t calendar_type;		/**< CalendarType (0: Gregorian) */
	uint32_t first_date_time;	/**< FirstDateTime */
	uint32_t period;		/**< Period */
	uint32_t sliding_flag;		/**< SlidingFlag (tasks) */
	/** PatternTypeSpecific: the day mask (week), the day (month), or
	 *  the day mask then N (Nth weekday; 5 is the last) */
	uint32_t pattern[2];
	uint32_t end_type;		/**< EndType */
	uint32_t occurrence_count;	/**< OccurrenceCount */
	uint32_t first_dow;		/**< FirstDOW (0: Sunday) */
	uint32_t deleted_count;		/**< DeletedInstanceCount */
	uint32_t *deleted_dates;	/**< DeletedInstanceDates */
	uint32_t modified_count;	/**< ModifiedInstanceCount */
	uint32_t *modified_dates;	/**< ModifiedInstanceDates */
	uint32_t start_date;		/**< StartDate */
	uint32_t end_date;		/**< EndDate */
};

/** @brief A reserved block: its size and bytes, kept as they are. */
struct mapi_recur_block {
	uint32_t size;		/**< its size field */
	uint8_t *data;		/**< its bytes */
};

/**
 * @brief One exception: an ExceptionInfo ([MS-OXOCAL] 2.2.1.44.2) with
 * its ExtendedException (2.2.1.44.3).
 */
struct mapi_recur_exception {
	uint32_t start;			/**< StartDateTime */
	uint32_t end;			/**< EndDateTime */
	uint32_t original_start;	/**< OriginalStartDate */
	uint16_t override_flags;	/**< OverrideFlags (mapi_recur_override) */
	/** Subject (ARO_SUBJECT): 8-bit characters, NUL-terminated here */
	char *subject;
	uint32_t meeting_type;		/**< MeetingType (ARO_MEETINGTYPE) */
	uint32_t reminder_delta;	/**< ReminderDelta */
	uint32_t reminder_set;		/**< ReminderSet (ARO_REMINDER) */
	char *location;			/**< Location (ARO_LOCATION), 8-bit */
	uint32_t busy_status;		/**< BusyStatus */
	uint32_t attachment;		/**< Attachment */
	uint32_t sub_type;		/**< SubType */
	uint32_t appointment_color;	/**< AppointmentColor */
	/** ChangeHighlight (WriterVersion2 0x3009 on): ChangeHighlightSize,
	 *  the value in its first 4 bytes, the rest reserved */
	struct mapi_recur_block change_highlight;
	struct mapi_recur_block reserved_ee1;	/**< ReservedBlockEE1 */
	uint32_t ext_start;		/**< StartDateTime (subject/location) */
	uint32_t ext_end;		/**< EndDateTime (likewise) */
	uint32_t ext_original_start;	/**< OriginalStartDate (likewise) */
	char *wide_subject;		/**< WideCharSubject, as UTF-8 */
	char *wide_location;		/**< WideCharLocation, as UTF-8 */
	/** ReservedBlockEE2 (after the wide strings) */
	struct mapi_recur_block reserved_ee2;
};

/** @brief An AppointmentRecurrencePattern ([MS-OXOCAL] 2.2.1.44.5). */
struct mapi_appt_recurrence {
	struct mapi_recurrence pattern;	/**< RecurrencePattern */
	uint32_t reader_version2;	/**< ReaderVersion2, 0x3006 */
	uint32_t writer_version2;	/**< WriterVersion2, 0x3006 on */
	uint32_t start_time_offset;	/**< StartTimeOffset: minutes */
	uint32_t end_time_offset;	/**< EndTimeOffset: minutes */
	uint16_t exception_count;	/**< ExceptionCount */
	struct mapi_recur_exception *exceptions; /**< the exceptions */
	struct mapi_recur_block reserved1;	/**< ReservedBlock1 */
	struct mapi_recur_block reserved2;	/**< ReservedBlock2 */
};

/**
 * @brief Decode a RecurrencePattern (PidLidTaskRecurrence, or the
 * first part of PidLidAppointmentRecur).
 * @param mem_ctx	owner of the arrays of @a out
 * @param data		the value
 * @param size		its size
 * @param[out] out	the pattern
 * @param[out] used	bytes it took (may be NULL; NULL requires the
 *			pattern to take every byte)
 * @return MAPI_E_SUCCESS, MAPI_E_CORRUPT_DATA for a truncated or
 * inconsistent value, MAPI_E_NOT_ENOUGH_MEMORY
 */
enum MAPISTATUS mapi_recurrence_decode(TALLOC_CTX *mem_ctx,
				       const uint8_t *data, size_t size,
				       struct mapi_recurrence *out,
				       size_t *used);

/**
 * @brief Encode a RecurrencePattern.
 * @param mem_ctx	owner of @a data
 * @param in		the pattern
 * @param[out] data	the value
 * @param[out] size	its size
 */
enum MAPISTATUS mapi_recurrence_encode(TALLOC_CTX *mem_ctx,
				       const struct mapi_recurrence *in,
				       uint8_t **data, size_t *size);

/**
 * @brief Decode an AppointmentRecurrencePattern (PidLidAppointmentRecur).
 * @param mem_ctx	owner of the strings and arrays of @a out
 * @param data		the value
 * @param size		its size
 * @param[out] out	the pattern with its exceptions
 * @return MAPI_E_SUCCESS, MAPI_E_CORRUPT_DATA (truncated, trailing
 * bytes, bad lengths), MAPI_E_NOT_ENOUGH_MEMORY
 */
enum MAPISTATUS mapi_appt_recurrence_decode(TALLOC_CTX *mem_ctx,
					    const uint8_t *data, size_t size,
					    struct mapi_appt_recurrence *out);

/**
 * @brief Encode an AppointmentRecurrencePattern.
 * @param mem_ctx	owner of @a data
 * @param in		the pattern with its exceptions
 * @param[out] data	the value
 * @param[out] size	its size
 */
enum MAPISTATUS mapi_appt_recurrence_encode(TALLOC_CTX *mem_ctx,
					    const struct mapi_appt_recurrence
						    *in,
					    uint8_t **data, size_t *size);

/** @brief A date of the Gregorian calendar. */
struct mapi_recur_date {
	int year;	/**< 1601 ... 4500 */
	int month;	/**< 1 ... 12 */
	int day;	/**< 1 ... 31 */
};

/**
 * @brief Minutes from 1601-01-01 00:00 to @a date at @a minute_of_day.
 * @param date		the date
 * @param minute_of_day	minutes after its midnight
 */
uint32_t mapi_recur_minutes(const struct mapi_recur_date *date,
			    uint32_t minute_of_day);

/**
 * @brief The date @a minutes (since 1601-01-01 00:00) falls on.
 * @param minutes	minutes since 1601-01-01
 * @param[out] date	the date
 */
void mapi_recur_date_of(uint32_t minutes, struct mapi_recur_date *date);

/** @brief What a simple series is made of (mapi_recurrence_make()). */
struct mapi_recur_rule {
	enum mapi_recur_frequency frequency;	/**< daily ... yearly */
	/** every @a interval days, weeks, months or years (1 or more) */
	uint32_t interval;
	/** weekly: the days (MAPI_RECUR_SUNDAY ... bits); monthly or
	 *  yearly with @a nth: the days counted */
	uint32_t weekdays;
	/** monthly or yearly: 1-31 (the day of the month; 0: that of
	 *  @a start), unless @a nth is set */
	uint32_t month_day;
	/** monthly or yearly: the Nth of @a weekdays (1-4, 5 the last) */
	uint32_t nth;
	/** end: 0 never, else after @a count occurrences */
	uint32_t count;
	/** end on this date (when @a count is 0 and @a until.year set) */
	struct mapi_recur_date until;
	uint32_t first_dow;	/**< first day of the week (0 Sunday) */
};

/**
 * @brief A RecurrencePattern of a series that starts on @a start
 * ([MS-OXOCAL] 2.2.1.44.1.1 for FirstDateTime and Period), with its
 * StartDate and EndDate (the date of the last occurrence, from
 * @a rule's count or until date; MAPI_RECUR_END_NEVER_DATE when it
 * never ends).  No deleted or modified instances.
 * @param start		the first day of the series (its first occurrence
 *			is the first day from @a start on that fits)
 * @param rule		the series
 * @param[out] out	the pattern
 * @return MAPI_E_INVALID_PARAMETER for a rule out of range
 */
enum MAPISTATUS mapi_recurrence_make(const struct mapi_recur_date *start,
				     const struct mapi_recur_rule *rule,
				     struct mapi_recurrence *out);

#endif /* MAPI_NDR_RECURRENCE_H */
