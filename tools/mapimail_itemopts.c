/*
 * mapimail: the options of the item commands (appointment, contact,
 * task, note) and reading their values: times, dates, days of the week,
 * attendees, names of states and colours.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "mapimail.h"
#include "libmapi/item_appointment.h"

struct item_options mail_item_opt = { .reminder = -1, .percent = -1 };

struct poptOption mail_item_options[] = {
	{ "start", 0, POPT_ARG_STRING, &mail_item_opt.start, 0,
	  "Start: 'YYYY-MM-DD HH:MM' in local time (Z at the end: UTC), a "
	  "date for --all-day and tasks", "TIME" },
	{ "end", 0, POPT_ARG_STRING, &mail_item_opt.end, 0,
	  "End of an appointment (default: --duration after the start)",
	  "TIME" },
	{ "duration", 0, POPT_ARG_INT, &mail_item_opt.duration, 0,
	  "Minutes an appointment lasts (default 60)", "MIN" },
	{ "all-day", 0, POPT_ARG_NONE, &mail_item_opt.all_day, 0,
	  "An all-day appointment (from --start to --end, whole days)",
	  NULL },
	{ "location", 0, POPT_ARG_STRING, &mail_item_opt.location, 0,
	  "Where an appointment takes place", "TEXT" },
	{ "attendee", 0, POPT_ARG_ARGV, &mail_item_opt.attendees, 0,
	  "A required attendee, 'Name <address>' or an address (repeat it)",
	  "WHO" },
	{ "optional", 0, POPT_ARG_ARGV, &mail_item_opt.optional, 0,
	  "An optional attendee (repeat it)", "WHO" },
	{ "busy", 0, POPT_ARG_STRING, &mail_item_opt.busy, 0,
	  "free, tentative, busy (default) or oof", "STATE" },
	{ "reminder", 0, POPT_ARG_INT, &mail_item_opt.reminder, 0,
	  "Remind MIN minutes before the start", "MIN" },
	{ "daily", 0, POPT_ARG_INT, &mail_item_opt.daily, 0,
	  "Repeat every N days", "N" },
	{ "weekly", 0, POPT_ARG_INT, &mail_item_opt.weekly, 0,
	  "Repeat every N weeks (on --days)", "N" },
	{ "monthly", 0, POPT_ARG_INT, &mail_item_opt.monthly, 0,
	  "Repeat every N months (on the start's day)", "N" },
	{ "yearly", 0, POPT_ARG_INT, &mail_item_opt.yearly, 0,
	  "Repeat every N years (on the start's date)", "N" },
	{ "days", 0, POPT_ARG_STRING, &mail_item_opt.days, 0,
	  "Days of a weekly series: mon,tue,... (default: the start's)",
	  "DAYS" },
	{ "count", 0, POPT_ARG_INT, &mail_item_opt.count, 0,
	  "A series ends after N occurrences; watch stops after N events",
	  "N" },
	{ "until", 0, POPT_ARG_STRING, &mail_item_opt.until, 0,
	  "A series ends on this date", "DATE" },
	{ "name", 0, POPT_ARG_STRING, &mail_item_opt.name, 0,
	  "Display name of a contact", "NAME" },
	{ "given-name", 0, POPT_ARG_STRING, &mail_item_opt.given, 0,
	  "Given name of a contact", "NAME" },
	{ "surname", 0, POPT_ARG_STRING, &mail_item_opt.surname, 0,
	  "Surname of a contact", "NAME" },
	{ "email", 0, POPT_ARG_STRING, &mail_item_opt.email, 0,
	  "E-mail address of a contact", "ADDRESS" },
	{ "phone", 0, POPT_ARG_STRING, &mail_item_opt.phone, 0,
	  "Business telephone of a contact", "NUMBER" },
	{ "mobile", 0, POPT_ARG_STRING, &mail_item_opt.mobile, 0,
	  "Mobile telephone of a contact", "NUMBER" },
	{ "home-phone", 0, POPT_ARG_STRING, &mail_item_opt.home_phone, 0,
	  "Home telephone of a contact", "NUMBER" },
	{ "company", 0, POPT_ARG_STRING, &mail_item_opt.company, 0,
	  "Company of a contact", "NAME" },
	{ "job-title", 0, POPT_ARG_STRING, &mail_item_opt.title, 0,
	  "Job title of a contact", "TEXT" },
	{ "file-as", 0, POPT_ARG_STRING, &mail_item_opt.file_as, 0,
	  "How a contact is filed (default: 'Surname, Given name')",
	  "TEXT" },
	{ "due", 0, POPT_ARG_STRING, &mail_item_opt.due, 0,
	  "Due date of a task", "DATE" },
	{ "status", 0, POPT_ARG_STRING, &mail_item_opt.status, 0,
	  "not-started, in-progress, complete, waiting or deferred (task)",
	  "STATE" },
	{ "percent", 0, POPT_ARG_INT, &mail_item_opt.percent, 0,
	  "Percent complete of a task, 0-100", "N" },
	{ "text", 0, POPT_ARG_STRING, &mail_item_opt.text, 0,
	  "Text of a note (its first line is its subject)", "TEXT" },
	{ "color", 0, POPT_ARG_STRING, &mail_item_opt.color, 0,
	  "Colour of a note: blue, green, pink, yellow (default), white",
	  "COLOUR" },
	POPT_TABLEEND
};

/* POPT_ARG_ARGV: an array of strings, each allocated. */
static void free_argv(const char **argv)
{
	size_t i;

	for (i = 0; argv != NULL && argv[i] != NULL; i++) {
		free(discard_const_p(char, argv[i]));
	}
	free(argv);
}

void mail_item_options_free(void)
{
	struct item_options *o = &mail_item_opt;
	char **strings[] = { &o->start, &o->end, &o->location, &o->busy,
			     &o->days, &o->until, &o->name,
			     &o->given, &o->surname, &o->email, &o->phone,
			     &o->mobile, &o->home_phone, &o->company,
			     &o->title, &o->file_as, &o->due, &o->status,
			     &o->text, &o->color };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(strings); i++) {
		free(*strings[i]);
		*strings[i] = NULL;
	}
	free_argv(o->attendees);
	o->attendees = NULL;
	free_argv(o->optional);
	o->optional = NULL;
}

/* "YYYY-MM-DD", then " HH:MM" or "THH:MM", then maybe "Z". */
int mail_parse_time(const char *s, bool date_only, int64_t *out)
{
	struct tm tm = { 0 };
	const char *rest;
	bool utc = false;

	rest = s ? strptime(s, "%Y-%m-%d", &tm) : NULL;
	if (rest != NULL && !date_only && (*rest == ' ' || *rest == 'T')) {
		rest = strptime(rest + 1, "%H:%M", &tm);
	} else if (rest != NULL && !date_only && *rest != '\0') {
		rest = NULL;
	}
	if (rest != NULL && *rest == 'Z') {
		utc = true;
		rest++;
	}
	if (rest == NULL || *rest != '\0') {
		return mail_fail("'%s' is not a %s", s ? s : "",
				 date_only ? "date (YYYY-MM-DD)"
					   : "time (YYYY-MM-DD HH:MM)");
	}
	/* dates alone: midnight in local time, tasks: as UTC */
	tm.tm_isdst = -1;
	*out = utc || date_only ? (int64_t)timegm(&tm) : (int64_t)mktime(&tm);
	return MAPIMAIL_OK;
}

int mail_parse_days(const char *s, uint32_t *mask)
{
	static const char *const names[] = { "sun", "mon", "tue", "wed",
					     "thu", "fri", "sat" };
	char *copy = strdup(s), *tok, *save = NULL;
	size_t i;
	int rc = MAPIMAIL_OK;

	*mask = 0;
	for (tok = copy ? strtok_r(copy, ",", &save) : NULL; tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < 7 && strncasecmp(tok, names[i], 3) != 0; i++) {
		}
		if (i == 7 || strlen(tok) < 3) {
			rc = mail_fail("'%s' is not a day of the week "
				       "(mon, tue, ...)", tok);
			break;
		}
		*mask |= 1U << i;
	}
	free(copy);
	return rc == MAPIMAIL_OK && *mask == 0 ? mail_fail("no days given")
					       : rc;
}

int mail_parse_who(TALLOC_CTX *mem_ctx, const char *s,
		   struct mapi_attendee *who)
{
	const char *lt = strchr(s, '<'), *gt = strrchr(s, '>');
	size_t n;

	if (lt == NULL) {
		who->name = NULL;
		who->address = talloc_strdup(mem_ctx, s);
	} else {
		if (gt == NULL || gt < lt) {
			return mail_fail("'%s' is not 'Name <address>'", s);
		}
		for (n = lt - s; n > 0 && isspace((unsigned char)s[n - 1]);
		     n--) {
		}
		who->name = n ? talloc_strndup(mem_ctx, s, n) : NULL;
		who->address = talloc_strndup(mem_ctx, lt + 1, gt - lt - 1);
	}
	if (who->address == NULL || strchr(who->address, '@') == NULL) {
		return mail_fail("'%s' is not an e-mail address", s);
	}
	return MAPIMAIL_OK;
}

int mail_parse_word(const char *what, const char *s,
		    const char *const *words, size_t count, int *index)
{
	size_t i;

	for (i = 0; i < count; i++) {
		if (strcasecmp(s, words[i]) == 0) {
			*index = (int)i;
			return MAPIMAIL_OK;
		}
	}
	return mail_fail("unknown %s '%s'", what, s);
}
