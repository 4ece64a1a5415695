/*
 * libmapi: tasks (MS-OXOTASK 2.2.2).
 */
#include <string.h>
#include <time.h>

#include "item_task.h"
#include "item_appointment.h"

#define NAMED(lid, type) (((uint32_t)(lid) << 16) | (type))

/* PSETID_Task (MS-OXOTASK 2.2.2.2) */
#define LID_TASK_STATUS		NAMED(0x8101, PT_LONG)
#define LID_PERCENT_COMPLETE	NAMED(0x8102, PT_DOUBLE)
#define LID_TEAM_TASK		NAMED(0x8103, PT_BOOLEAN)
#define LID_TASK_START_DATE	NAMED(0x8104, PT_SYSTIME)
#define LID_TASK_DUE_DATE	NAMED(0x8105, PT_SYSTIME)
#define LID_TASK_DATE_COMPLETED	NAMED(0x810F, PT_SYSTIME)
#define LID_TASK_COMPLETE	NAMED(0x811C, PT_BOOLEAN)
#define LID_TASK_FRECURRING	NAMED(0x8126, PT_BOOLEAN)
#define LID_TASK_OWNERSHIP	NAMED(0x8129, PT_LONG)
#define LID_TASK_ACCEPTANCE	NAMED(0x812A, PT_LONG)
/* PSETID_Common */
#define LID_COMMON_START	NAMED(0x8516, PT_SYSTIME)
#define LID_COMMON_END		NAMED(0x8517, PT_SYSTIME)
#define LID_TASK_MODE		NAMED(0x8518, PT_LONG)

/* PidLidTaskOwnership, PidLidTaskAcceptanceState, PidLidTaskMode: a
 * task that is not assigned (0). */

static void dates(const struct mapi_task *t, struct mapi_item *item)
{
	int64_t completed = t->completed;

	if (t->start != 0) {
		mapi_item_time(item, MAPI_PS_TASK, LID_TASK_START_DATE,
			       mapi_item_nttime(t->start));
		mapi_item_time(item, MAPI_PS_COMMON, LID_COMMON_START,
			       mapi_item_nttime(t->start));
	}
	if (t->due != 0) {
		mapi_item_time(item, MAPI_PS_TASK, LID_TASK_DUE_DATE,
			       mapi_item_nttime(t->due));
		mapi_item_time(item, MAPI_PS_COMMON, LID_COMMON_END,
			       mapi_item_nttime(t->due));
	}
	if (t->status == MAPI_TASK_COMPLETE && completed == 0) {
		completed = t->due ? t->due : time(NULL) / 86400 * 86400;
	}
	if (completed != 0) {
		mapi_item_time(item, MAPI_PS_TASK, LID_TASK_DATE_COMPLETED,
			       mapi_item_nttime(completed));
	}
}

static void unassigned(struct mapi_item *item)
{
	mapi_item_bool(item, MAPI_PS_TASK, LID_TEAM_TASK, false);
	mapi_item_bool(item, MAPI_PS_TASK, LID_TASK_FRECURRING, false);
	mapi_item_long(item, MAPI_PS_TASK, LID_TASK_OWNERSHIP, 0);
	mapi_item_long(item, MAPI_PS_TASK, LID_TASK_ACCEPTANCE, 0);
	mapi_item_long(item, MAPI_PS_COMMON, LID_TASK_MODE, 0);
}

enum MAPISTATUS mapi_task_props(TALLOC_CTX *mem_ctx, const struct mapi_task *t,
				struct mapi_item *item)
{
	bool complete;

	mapi_item_init(mem_ctx, item);
	if (t == NULL || t->subject == NULL ||
	    t->status > MAPI_TASK_DEFERRED || !(t->percent_complete >= 0.0) ||
	    t->percent_complete > 1.0 ||
	    (t->start != 0 && t->due != 0 && t->due < t->start)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	complete = t->status == MAPI_TASK_COMPLETE;
	mapi_item_string(item, MAPI_PS_NONE, MAPI_TAG_MESSAGE_CLASS,
			 MAPI_CLASS_TASK);
	mapi_item_string(item, MAPI_PS_NONE, MAPI_TAG_SUBJECT, t->subject);
	mapi_item_string(item, MAPI_PS_NONE, MAPI_TAG_BODY, t->body);
	mapi_item_long(item, MAPI_PS_TASK, LID_TASK_STATUS, t->status);
	mapi_item_double(item, MAPI_PS_TASK, LID_PERCENT_COMPLETE,
			 complete ? 1.0 : t->percent_complete);
	mapi_item_bool(item, MAPI_PS_TASK, LID_TASK_COMPLETE, complete);
	dates(t, item);
	unassigned(item);
	return item->failed ? MAPI_E_NOT_ENOUGH_MEMORY : MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_task_save(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       uint32_t folder, uint64_t fid,
			       const struct mapi_task *t, uint64_t *mid)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	struct mapi_item item;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mapi_task_props(tmp, t, &item);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_item_save(logon, tmp, folder, fid, &item, NULL, 0,
				    mid);
	}
	talloc_free(tmp);
	return rv;
}
