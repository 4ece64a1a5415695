/*
 * libmapi: the time zone properties of appointments (MS-OXOCAL
 * 2.2.1.39 - 2.2.1.43): the start and end display definitions, and for
 * a series the recurrence definition, PidLidTimeZoneStruct and
 * PidLidTimeZoneDescription.
 */
#include <string.h>

#include "item_private.h"

/* @a's definition with each rule's flags as @effective_flags (the
 * effective rule) or 0 (the others), on @mem_ctx; a UTC one when @a has
 * none. */
static enum MAPISTATUS definition(TALLOC_CTX *mem_ctx,
				  const struct mapi_appointment *a,
				  uint16_t effective_flags, uint8_t **data,
				  size_t *size)
{
	struct mapi_tz_definition def = { "UTC", 1, NULL };
	struct mapi_tz_rule effective, *rules;
	uint16_t i;

	item_effective_rule(a, &effective);
	if (a->tz != NULL && a->tz->rule_count != 0) {
		def = *a->tz;
	}
	rules = talloc_array(mem_ctx, struct mapi_tz_rule, def.rule_count);
	if (rules == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (a->tz == NULL || a->tz->rule_count == 0) {
		rules[0] = effective;
	} else {
		memcpy(rules, a->tz->rules, def.rule_count * sizeof(*rules));
	}
	for (i = 0; i < def.rule_count; i++) {
		rules[i].flags = (rules[i].flags & MAPI_TZRULE_EFFECTIVE) ||
					 def.rule_count == 1 ? effective_flags
							     : 0;
	}
	def.rules = rules;
	return mapi_tz_definition_encode(mem_ctx, &def, data, size);
}

static enum MAPISTATUS series_tz(TALLOC_CTX *mem_ctx,
				 const struct mapi_appointment *a,
				 struct mapi_item *item)
{
	struct mapi_tz_rule rule;
	uint8_t *recur = NULL, *tzs;
	size_t size = 0;
	enum MAPISTATUS rv;

	rv = definition(mem_ctx, a, MAPI_TZRULE_EFFECTIVE |
				     MAPI_TZRULE_RECUR_CURRENT, &recur, &size);
	tzs = talloc_array(mem_ctx, uint8_t, MAPI_TZ_STRUCT_SIZE);
	if (rv != MAPI_E_SUCCESS || tzs == NULL) {
		return rv != MAPI_E_SUCCESS ? rv : MAPI_E_NOT_ENOUGH_MEMORY;
	}
	item_effective_rule(a, &rule);
	mapi_tz_struct_encode(&rule, tzs);
	mapi_item_binary(item, MAPI_PS_APPOINTMENT, LID_TZDEF_RECUR, recur,
			 size);
	mapi_item_binary(item, MAPI_PS_APPOINTMENT, LID_TIME_ZONE_STRUCT, tzs,
			 MAPI_TZ_STRUCT_SIZE);
	mapi_item_string(item, MAPI_PS_APPOINTMENT, LID_TIME_ZONE_DESCRIPTION,
			 a->tz != NULL ? a->tz->key_name : "UTC");
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS item_appointment_tz(TALLOC_CTX *mem_ctx,
				    const struct mapi_appointment *a,
				    struct mapi_item *item)
{
	uint8_t *display = NULL;
	size_t size = 0;
	enum MAPISTATUS rv;

	/* the display definitions: no R flag (MS-OXOCAL 2.2.1.42) */
	rv = definition(mem_ctx, a, MAPI_TZRULE_EFFECTIVE, &display, &size);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	mapi_item_binary(item, MAPI_PS_APPOINTMENT, LID_TZDEF_START_DISPLAY,
			 display, size);
	mapi_item_binary(item, MAPI_PS_APPOINTMENT, LID_TZDEF_END_DISPLAY,
			 display, size);
	if (a->recurrence == NULL) {
		return MAPI_E_SUCCESS;
	}
	return series_tz(mem_ctx, a, item);
}
