/*
 * libmapi: meeting requests (MS-OXOCAL 2.2.6) and the global object IDs
 * of meetings (2.2.1.27, 2.2.1.28).
 */
#include <string.h>
#include <time.h>

#include "item_private.h"
#include "item_meeting.h"
#include <sys/random.h>

enum MAPISTATUS mapi_goid_new(TALLOC_CTX *mem_ctx, struct mapi_goid *goid)
{
	memset(goid, 0, sizeof(*goid));
	goid->creation_time = mapi_item_nttime(time(NULL));
	goid->size = 16;
	goid->data = talloc_array(mem_ctx, uint8_t, goid->size);
	if (goid->data == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (getrandom(goid->data, goid->size, 0) != (ssize_t)goid->size) {
		return MAPI_E_CALL_FAILED;
	}
	return MAPI_E_SUCCESS;
}

/* PidLidGlobalObjectId and PidLidCleanGlobalObjectId: of a series, the
 * same (no exception date). */
enum MAPISTATUS item_meeting_goid(TALLOC_CTX *mem_ctx,
				  const struct mapi_appointment *a,
				  struct mapi_item *item)
{
	struct mapi_goid g;
	uint8_t *data = NULL, *clean = NULL;
	size_t size = 0, csize = 0;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	if (a->goid != NULL) {
		g = *a->goid;
	} else {
		rv = mapi_goid_new(mem_ctx, &g);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_goid_encode(mem_ctx, &g, &data, &size);
	}
	g.year = g.month = g.day = 0;
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_goid_encode(mem_ctx, &g, &clean, &csize);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	mapi_item_binary(item, MAPI_PS_MEETING, LID_GLOBAL_OBJECT_ID, data,
			 size);
	mapi_item_binary(item, MAPI_PS_MEETING, LID_CLEAN_GLOBAL_OBJECT_ID,
			 clean, csize);
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_meeting_request_props(TALLOC_CTX *mem_ctx,
					   const struct mapi_appointment *a,
					   struct mapi_item *item)
{
	struct mapi_appointment m;
	enum MAPISTATUS rv;

	if (a == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	m = *a;
	mapi_item_init(mem_ctx, item);
	mapi_item_string(item, MAPI_PS_NONE, MAPI_TAG_MESSAGE_CLASS,
			 MAPI_CLASS_MEETING_REQUEST);
	rv = item_appointment_fill(mem_ctx, &m, item);
	if (rv == MAPI_E_SUCCESS && a->attendee_count == 0) {
		rv = item_meeting_goid(mem_ctx, &m, item);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	/* what the attendee sees: tentative until answered */
	mapi_item_long(item, MAPI_PS_APPOINTMENT, LID_BUSY_STATUS,
		       MAPI_BUSY_TENTATIVE);
	mapi_item_long(item, MAPI_PS_APPOINTMENT, LID_INTENDED_BUSY_STATUS,
		       a->busy);
	mapi_item_long(item, MAPI_PS_APPOINTMENT, LID_APPOINTMENT_STATE_FLAGS,
		       ASF_MEETING | ASF_RECEIVED);
	mapi_item_long(item, MAPI_PS_APPOINTMENT, LID_RESPONSE_STATUS,
		       RESP_NOT_RESPONDED);
	mapi_item_long(item, MAPI_PS_MEETING, LID_MEETING_TYPE, MTG_REQUEST);
	mapi_item_string(item, MAPI_PS_MEETING, LID_WHERE,
			 a->location ? a->location : "");
	mapi_item_time(item, MAPI_PS_MEETING, LID_OWNER_CRITICAL_CHANGE,
		       mapi_item_nttime(time(NULL)));
	mapi_item_bool(item, MAPI_PS_NONE, TAG_RESPONSE_REQUESTED, true);
	return item->failed ? MAPI_E_NOT_ENOUGH_MEMORY : MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_meeting_request_save(struct mapi_logon *logon,
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
	rv = mapi_meeting_request_props(tmp, a, &item);
	if (rv == MAPI_E_SUCCESS) {
		rv = item_save_with_attendees(logon, tmp, folder, fid, a,
					      &item, mid);
	}
	talloc_free(tmp);
	return rv;
}
