/**
 * @file item_task.h
 * @brief libmapi: tasks (IPM.Task, MS-OXOTASK): status, percent
 * complete, start and due dates, completion; saved in a tasks folder
 * (MAPI_FOLDER_TASKS of folder_path.h).  Tasks are not assigned to
 * anybody and do not recur.
 */
#ifndef MAPI_ITEM_TASK_H
#define MAPI_ITEM_TASK_H

#include "item.h"

/** @brief PidTagMessageClass of tasks. */
#define MAPI_CLASS_TASK "IPM.Task"

/** @brief PidLidTaskStatus values (MS-OXOTASK 2.2.2.2.2). */
enum mapi_task_status {
	MAPI_TASK_NOT_STARTED = 0,	/**< not started */
	MAPI_TASK_IN_PROGRESS = 1,	/**< in progress */
	MAPI_TASK_COMPLETE = 2,		/**< complete */
	MAPI_TASK_WAITING = 3,		/**< waiting on someone else */
	MAPI_TASK_DEFERRED = 4,		/**< deferred */
};

/** @brief A task. */
struct mapi_task {
	const char *subject;		/**< PidTagSubject (required) */
	const char *body;		/**< PidTagBody (may be NULL) */
	enum mapi_task_status status;	/**< PidLidTaskStatus */
	/** PidLidPercentComplete, 0.0 to 1.0 (a complete task: 1.0) */
	double percent_complete;
	/** PidLidTaskStartDate: midnight of the start day, the local date
	 *  written as UTC (seconds since 1970; 0: none) */
	int64_t start;
	int64_t due;		/**< PidLidTaskDueDate, likewise (0: none) */
	/** PidLidTaskDateCompleted, likewise (0: none; for a complete
	 *  task, the due date or else today) */
	int64_t completed;
};

/**
 * @brief The properties of @a t as an IPM.Task.
 * @param mem_ctx	owner of the values
 * @param t		the task
 * @param[out] item	filled (initialised here)
 * @return MAPI_E_INVALID_PARAMETER without a subject, for a status or
 * percentage out of range, or a due date before the start
 */
enum MAPISTATUS mapi_task_props(TALLOC_CTX *mem_ctx, const struct mapi_task *t,
				struct mapi_item *item);

/**
 * @brief Create and save @a t in @a fid.
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param folder	handle of the tasks folder
 * @param fid		its folder ID
 * @param t		the task
 * @param[out] mid	the new message's ID
 */
enum MAPISTATUS mapi_task_save(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       uint32_t folder, uint64_t fid,
			       const struct mapi_task *t, uint64_t *mid);

#endif /* MAPI_ITEM_TASK_H */
