/*
 * mapimail appointment, contact, task, note: create an item of that
 * class with the item helpers of libmapi (item_appointment.h,
 * item_contact.h, item_task.h, item_note.h) in its default folder, or
 * the one --folder names.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mapimail.h"
#include "libmapi/folder.h"
#include "libmapi/folder_path.h"
#include "libmapi/item_appointment.h"
#include "libmapi/item_contact.h"
#include "libmapi/item_task.h"
#include "libmapi/item_note.h"

#define DAY 86400

/* The folder the item goes to: --folder, else the default of @kind. */
static int item_folder(struct mail_ctx *m, enum mapi_default_folder kind,
		       const char *kind_name, uint32_t *h, uint64_t *fid,
		       const char **shown)
{
	enum MAPISTATUS rv;

	if (m->opt->folder != NULL) {
		*shown = mail_path_display(m->mem, m->opt->folder);
		return mail_open_folder(m, m->opt->folder, h, fid);
	}
	*shown = kind_name;
	rv = mapi_folder_default(m->logon, m->mem, kind, fid);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_folder_open(m->logon, m->mem, m->logon->handle, *fid,
				      h);
	}
	return rv == MAPI_E_SUCCESS ? MAPIMAIL_OK
				    : mail_rop_fail("cannot open the folder",
						    kind_name, rv);
}

typedef enum MAPISTATUS (*save_fn)(struct mail_ctx *m, uint32_t h,
				   uint64_t fid, const void *item,
				   uint64_t *mid);

static int save_item(struct mail_ctx *m, enum mapi_default_folder kind,
		     const char *kind_name, const char *what,
		     const char *title, save_fn save, const void *item)
{
	const char *shown = NULL;
	enum MAPISTATUS rv;
	uint64_t fid, mid = 0;
	uint32_t h;
	int rc;

	if (m->opt->public_store) {
		return mail_fail("%ss are made in a mailbox, not in the "
				 "public folders", what);
	}
	rc = item_folder(m, kind, kind_name, &h, &fid, &shown);
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	rv = save(m, h, fid, item, &mid);
	mail_release(m, h);
	if (rv != MAPI_E_SUCCESS) {
		return mail_fail("cannot create the %s '%s' in '%s': %s (%s)",
				 what, title, shown, mapi_strerror(rv),
				 mapi_status_string(rv));
	}
	printf("created %s '%s' in '%s' (message ID 0x%016llx)\n", what,
	       title, shown, (unsigned long long)mid);
	return MAPIMAIL_OK;
}

static int need(const char *value, const char *option, const char *cmd)
{
	if (value == NULL) {
		mail_fail("%s needs %s", cmd, option);
		return MAPIMAIL_USAGE;
	}
	return MAPIMAIL_OK;
}

/* ------------------------------------------------------------ appointment */

static int attendee_list(struct mail_ctx *m, struct mapi_appointment *a)
{
	const struct item_options *o = &mail_item_opt;
	struct mapi_attendee *list;
	size_t n = 0, i, k = 0;
	int rc = MAPIMAIL_OK;

	for (i = 0; o->attendees && o->attendees[i]; i++, n++) {
	}
	for (i = 0; o->optional && o->optional[i]; i++, n++) {
	}
	list = talloc_zero_array(m->mem, struct mapi_attendee, n + 1);
	if (list == NULL || n > 500) {
		return mail_fail("too many attendees");
	}
	for (i = 0; rc == MAPIMAIL_OK && o->attendees && o->attendees[i];
	     i++, k++) {
		rc = mail_parse_who(m->mem, o->attendees[i], &list[k]);
		list[k].type = MAPI_ATTENDEE_REQUIRED;
	}
	for (i = 0; rc == MAPIMAIL_OK && o->optional && o->optional[i];
	     i++, k++) {
		rc = mail_parse_who(m->mem, o->optional[i], &list[k]);
		list[k].type = MAPI_ATTENDEE_OPTIONAL;
	}
	a->attendees = list;
	a->attendee_count = n;
	return rc;
}

static int organizer(struct mail_ctx *m, struct mapi_appointment *a)
{
	const struct mapi_profile *p = m->session->profile;
	struct mapi_attendee *me;

	if (a->attendee_count == 0 || p == NULL || p->smtp_address == NULL) {
		return MAPIMAIL_OK;
	}
	me = talloc_zero(m->mem, struct mapi_attendee);
	if (me == NULL) {
		return mail_fail("out of memory");
	}
	me->name = p->display_name;
	me->address = p->smtp_address;
	me->type = MAPI_ATTENDEE_REQUIRED;
	a->organizer = me;
	return MAPIMAIL_OK;
}

/* --daily/--weekly/--monthly/--yearly N, --days, --count, --until */
static int recurrence(struct mail_ctx *m, struct mapi_appointment *a)
{
	const struct item_options *o = &mail_item_opt;
	struct mapi_recur_rule *r;
	int set = !!o->daily + !!o->weekly + !!o->monthly + !!o->yearly;
	int64_t until;
	struct tm tm;
	time_t t = (time_t)a->start;
	int rc = MAPIMAIL_OK;

	if (set == 0) {
		return o->count || o->until || o->days
			       ? mail_fail("--count, --until and --days need "
					   "--daily, --weekly, --monthly or "
					   "--yearly")
			       : MAPIMAIL_OK;
	}
	if (set > 1 || o->daily < 0 || o->weekly < 0 || o->monthly < 0 ||
	    o->yearly < 0 || o->count < 0 || (o->count && o->until)) {
		return mail_fail("one of --daily, --weekly, --monthly, "
				 "--yearly N (N > 0), and --count or --until");
	}
	r = talloc_zero(m->mem, struct mapi_recur_rule);
	if (r == NULL || localtime_r(&t, &tm) == NULL) {
		return mail_fail("out of memory");
	}
	r->frequency = o->daily ? MAPI_RECUR_DAILY
		       : o->weekly ? MAPI_RECUR_WEEKLY
		       : o->monthly ? MAPI_RECUR_MONTHLY : MAPI_RECUR_YEARLY;
	r->interval = o->daily + o->weekly + o->monthly + o->yearly;
	r->weekdays = 1U << tm.tm_wday;
	r->count = o->count;
	if (o->days != NULL) {
		rc = mail_parse_days(o->days, &r->weekdays);
	}
	if (rc == MAPIMAIL_OK && o->until != NULL) {
		rc = mail_parse_time(o->until, true, &until);
		t = (time_t)until;
		gmtime_r(&t, &tm);
		r->until = (struct mapi_recur_date){ tm.tm_year + 1900,
						     tm.tm_mon + 1,
						     tm.tm_mday };
	}
	a->recurrence = r;
	return rc;
}

static int appointment_times(struct mapi_appointment *a)
{
	const struct item_options *o = &mail_item_opt;
	struct tm tm;
	time_t t;
	int rc = mail_parse_time(o->start, o->all_day, &a->start);

	if (rc == MAPIMAIL_OK && o->all_day) {
		/* local midnights */
		t = (time_t)a->start;
		gmtime_r(&t, &tm);
		tm.tm_isdst = -1;
		a->start = mktime(&tm);
	}
	if (rc == MAPIMAIL_OK && o->end != NULL) {
		rc = mail_parse_time(o->end, o->all_day, &a->end);
		if (rc == MAPIMAIL_OK && o->all_day) {
			t = (time_t)a->end + DAY;
			gmtime_r(&t, &tm);
			tm.tm_isdst = -1;
			a->end = mktime(&tm);
		}
	} else if (rc == MAPIMAIL_OK) {
		a->end = a->start + (o->all_day ? DAY
				     : 60LL * (o->duration > 0 ? o->duration
							       : 60));
	}
	if (rc == MAPIMAIL_OK && (a->end <= a->start || o->duration < 0)) {
		rc = mail_fail("the end must come after the start");
	}
	return rc;
}

static int busy_state(struct mapi_appointment *a)
{
	static const char *const states[] = { "free", "tentative", "busy",
					      "oof" };
	int i = MAPI_BUSY_BUSY, rc = MAPIMAIL_OK;

	if (mail_item_opt.busy != NULL) {
		rc = mail_parse_word("busy state", mail_item_opt.busy, states,
				     ARRAY_SIZE(states), &i);
	} else if (mail_item_opt.all_day) {
		i = MAPI_BUSY_FREE;
	}
	a->busy = (enum mapi_busy_status)i;
	return rc;
}

static enum MAPISTATUS save_appointment(struct mail_ctx *m, uint32_t h,
					uint64_t fid, const void *item,
					uint64_t *mid)
{
	return mapi_appointment_save(m->logon, m->mem, h, fid, item, mid);
}

int cmd_appointment(struct mail_ctx *m, const char **args)
{
	const struct item_options *o = &mail_item_opt;
	struct mapi_tz_definition *tz = talloc_zero(m->mem,
						    struct mapi_tz_definition);
	struct mapi_appointment a = { .subject = m->opt->subject,
				      .location = o->location,
				      .body = m->opt->body,
				      .all_day = o->all_day,
				      .reminder = o->reminder };
	int rc = need(a.subject, "--subject", "appointment");

	if (rc == MAPIMAIL_OK) {
		rc = need(o->start, "--start", "appointment");
	}
	if (rc != MAPIMAIL_OK || tz == NULL) {
		return tz == NULL ? MAPIMAIL_FAILED : rc;
	}
	rc = appointment_times(&a);
	if (rc == MAPIMAIL_OK) {
		rc = mail_local_tz(m->mem, a.start, tz);
		a.tz = tz;
	}
	if (rc == MAPIMAIL_OK) {
		rc = busy_state(&a);
	}
	if (rc == MAPIMAIL_OK) {
		rc = recurrence(m, &a);
	}
	if (rc == MAPIMAIL_OK) {
		rc = attendee_list(m, &a);
	}
	if (rc == MAPIMAIL_OK) {
		rc = organizer(m, &a);
	}
	return rc != MAPIMAIL_OK ? rc
				 : save_item(m, MAPI_FOLDER_CALENDAR,
					     "Calendar", "appointment",
					     a.subject, save_appointment, &a);
}

/* ---------------------------------------------------------------- contact */

static enum MAPISTATUS save_contact(struct mail_ctx *m, uint32_t h,
				    uint64_t fid, const void *item,
				    uint64_t *mid)
{
	return mapi_contact_save(m->logon, m->mem, h, fid, item, mid);
}

int cmd_contact(struct mail_ctx *m, const char **args)
{
	const struct item_options *o = &mail_item_opt;
	struct mapi_contact c = {
		.display_name = o->name, .given_name = o->given,
		.surname = o->surname, .file_as = o->file_as,
		.company = o->company, .title = o->title, .email = o->email,
		.business_phone = o->phone, .home_phone = o->home_phone,
		.mobile_phone = o->mobile, .body = m->opt->body,
	};
	int rc = need(c.display_name, "--name", "contact");

	if (rc == MAPIMAIL_OK && c.email != NULL &&
	    strchr(c.email, '@') == NULL) {
		rc = mail_fail("'%s' is not an e-mail address", c.email);
	}
	return rc != MAPIMAIL_OK ? rc
				 : save_item(m, MAPI_FOLDER_CONTACTS,
					     "Contacts", "contact",
					     c.display_name, save_contact, &c);
}

/* ------------------------------------------------------------------- task */

static int task_state(struct mapi_task *t)
{
	static const char *const states[] = { "not-started", "in-progress",
					      "complete", "waiting",
					      "deferred" };
	const struct item_options *o = &mail_item_opt;
	int i = MAPI_TASK_NOT_STARTED, rc = MAPIMAIL_OK;

	if (o->status != NULL) {
		rc = mail_parse_word("task status", o->status, states,
				     ARRAY_SIZE(states), &i);
	}
	t->status = (enum mapi_task_status)i;
	if (rc == MAPIMAIL_OK && (o->percent > 100 || o->percent < -1)) {
		rc = mail_fail("--percent takes 0 to 100");
	}
	t->percent_complete = o->percent > 0 ? o->percent / 100.0 : 0.0;
	if (rc == MAPIMAIL_OK && t->percent_complete >= 1.0 &&
	    o->status == NULL) {
		t->status = MAPI_TASK_COMPLETE;
	}
	return rc;
}

static enum MAPISTATUS save_task(struct mail_ctx *m, uint32_t h,
				 uint64_t fid, const void *item,
				 uint64_t *mid)
{
	return mapi_task_save(m->logon, m->mem, h, fid, item, mid);
}

int cmd_task(struct mail_ctx *m, const char **args)
{
	const struct item_options *o = &mail_item_opt;
	struct mapi_task t = { .subject = m->opt->subject,
			       .body = m->opt->body };
	int rc = need(t.subject, "--subject", "task");

	if (rc == MAPIMAIL_OK && o->start != NULL) {
		rc = mail_parse_time(o->start, true, &t.start);
	}
	if (rc == MAPIMAIL_OK && o->due != NULL) {
		rc = mail_parse_time(o->due, true, &t.due);
	}
	if (rc == MAPIMAIL_OK && t.start && t.due && t.due < t.start) {
		rc = mail_fail("the due date comes before the start");
	}
	if (rc == MAPIMAIL_OK) {
		rc = task_state(&t);
	}
	return rc != MAPIMAIL_OK ? rc
				 : save_item(m, MAPI_FOLDER_TASKS, "Tasks",
					     "task", t.subject, save_task, &t);
}

/* ------------------------------------------------------------------- note */

static enum MAPISTATUS save_note(struct mail_ctx *m, uint32_t h,
				 uint64_t fid, const void *item,
				 uint64_t *mid)
{
	return mapi_note_save(m->logon, m->mem, h, fid, item, mid);
}

int cmd_note(struct mail_ctx *m, const char **args)
{
	const struct item_options *o = &mail_item_opt;
	struct mapi_note n = { .text = o->text, .color = MAPI_NOTE_YELLOW };
	int rc = need(n.text, "--text", "note");

	if (rc == MAPIMAIL_OK && o->color != NULL &&
	    !mapi_note_color_parse(o->color, &n.color)) {
		rc = mail_fail("unknown colour '%s' (blue, green, pink, "
			       "yellow, white)", o->color);
	}
	return rc != MAPIMAIL_OK ? rc
				 : save_item(m, MAPI_FOLDER_NOTES, "Notes",
					     "note", n.text, save_note, &n);
}
