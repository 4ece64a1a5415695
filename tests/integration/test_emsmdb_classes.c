/*
 * Integration suite emsmdb-classes: one message of each class made by
 * the item helpers of libmapi (an appointment with a weekly recurrence
 * and attendees, a meeting request, a contact, a task, a note), saved
 * in its default folder, opened again and compared property by
 * property, byte for byte (named properties and blobs included), and
 * found in its folder's contents table.  Each test deletes what it
 * made.
 */
#include <math.h>
#include <time.h>

#include "itest_emsmdb.h"
#include "libmapi/folder_path.h"
#include "libmapi/table.h"
#include "libmapi/item_appointment.h"
#include "libmapi/item_meeting.h"
#include "libmapi/item_contact.h"
#include "libmapi/item_task.h"
#include "libmapi/item_note.h"
#include "libmapi/ndr/oneoff.h"
#include "libmapi/ndr/recipient_row.h"

#define PidTagMid		0x674A0014
#define PidTagRecipientFlags	0x5FFD0003

/* A folder of the test user's mailbox, open. */
struct folder {
	uint64_t fid;
	uint32_t handle;
};

static bool open_default(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			 enum mapi_default_folder kind, struct folder *f)
{
	return mapi_folder_default(logon, mem_ctx, kind, &f->fid) ==
		       MAPI_E_SUCCESS &&
	       mapi_folder_open(logon, mem_ctx, logon->handle, f->fid,
				&f->handle) == MAPI_E_SUCCESS;
}

/* Whether a cell holds exactly the value written. */
static bool same_value(const struct TaggedPropertyValue *v,
		       const struct property_row_value *c)
{
	const union PropertyValueUnion *a = &v->Value, *b = &c->value;

	if (c->flag != 0 || c->type != (v->PropertyTag & 0xFFFF)) {
		return false;
	}
	switch (c->type) {
	case PT_LONG:
		return a->Integer32 == b->Integer32;
	case PT_BOOLEAN:
		return a->Boolean == b->Boolean;
	case PT_SYSTIME:
		return a->Time == b->Time;
	case PT_DOUBLE:
		return memcmp(&a->Floating64, &b->Floating64, 8) == 0;
	case PT_UNICODE:
		return strcmp(a->String, b->String) == 0;
	case PT_BINARY:
		return a->Binary.Count == b->Binary.Count &&
		       memcmp(a->Binary.Data, b->Binary.Data,
			      a->Binary.Count) == 0;
	case PT_MV_LONG:
		return a->MultipleInteger32.Count ==
			       b->MultipleInteger32.Count &&
		       memcmp(a->MultipleInteger32.Values,
			      b->MultipleInteger32.Values,
			      4 * a->MultipleInteger32.Count) == 0;
	default:
		return false;
	}
}

/* Every value of @item (tags resolved by the save) on message @mid. */
static bool compare_all(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			const struct folder *f, uint64_t mid,
			const struct mapi_item *item,
			struct mapi_message_info **info)
{
	uint32_t *tags = talloc_array(mem_ctx, uint32_t, item->count);
	struct property_row row;
	uint32_t h;
	uint16_t i;

	ITEST_ASSERT(tags != NULL, "memory");
	for (i = 0; i < item->count; i++) {
		tags[i] = item->values[i].PropertyTag;
	}
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, f->handle, f->fid, mid,
				     OpenMessage_ReadOnly, &h, info),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_props_get(logon, mem_ctx, h, tags, item->count, true,
				  0, &row), MAPI_E_SUCCESS);
	mapi_object_release(logon, h);
	ITEST_ASSERT(row.count == item->count, "%u cells", row.count);
	for (i = 0; i < item->count; i++) {
		ITEST_ASSERT(same_value(&item->values[i], &row.cells[i]),
			     "property 0x%08X differs (type 0x%04x flag %u)",
			     tags[i], row.cells[i].type, row.cells[i].flag);
	}
	return true;
}

/* The message is in its folder's contents table, with its class. */
static bool in_contents(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			const struct folder *f, uint64_t mid,
			const char *class)
{
	static const uint32_t cols[] = { PidTagMid, MAPI_TAG_MESSAGE_CLASS };
	struct mapi_table_rows rows;
	struct mapi_table *t;
	uint32_t i;

	ITEST_MAPI(mapi_table_contents(logon, mem_ctx, f->handle, 0, &t,
				       NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_set_columns(t, cols, 2), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_query_all(t, mem_ctx, 0, 0, &rows),
		   MAPI_E_SUCCESS);
	mapi_table_release(t);
	for (i = 0; i < rows.count; i++) {
		const struct property_row_value *c = rows.rows[i].cells;

		if (c[0].value.Integer64 == mid) {
			ITEST_ASSERT(c[1].flag == 0 &&
				     strcmp(c[1].value.String, class) == 0,
				     "class in the table");
			return true;
		}
	}
	ITEST_FAIL("message 0x%llx not in the contents table",
		   (unsigned long long)mid);
}

/* Save, compare, list, delete. */
static bool round_trip(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
		       enum mapi_default_folder kind, struct mapi_item *item,
		       const struct mapi_recipient *rcpt, uint16_t nrcpt,
		       const char *class, struct mapi_message_info **info)
{
	struct folder f;
	uint64_t mid = 0;
	bool ok;

	ITEST_ASSERT(open_default(logon, mem_ctx, kind, &f), "folder");
	ITEST_MAPI(mapi_item_save(logon, mem_ctx, f.handle, f.fid, item, rcpt,
				  nrcpt, &mid), MAPI_E_SUCCESS);
	ok = compare_all(logon, mem_ctx, &f, mid, item, info) &&
	     in_contents(logon, mem_ctx, &f, mid, class);
	ITEST_MAPI(mapi_messages_delete(logon, mem_ctx, f.handle, &mid, 1,
					true), MAPI_E_SUCCESS);
	mapi_object_release(logon, f.handle);
	return ok;
}

/* Central European time, as a definition with one rule. */
static struct mapi_tz_rule cet_rule = {
	.flags = MAPI_TZRULE_EFFECTIVE, .bias = -60, .daylight_bias = -60,
	.standard_date = { 0, 10, 0, 5, 3, 0, 0, 0 },
	.daylight_date = { 0, 3, 0, 5, 2, 0, 0, 0 },
};
static struct mapi_tz_definition cet = { "W. Europe Standard Time", 1,
					 &cet_rule };

static const struct mapi_attendee organizer = {
	"Alice", "alice@sambamapi.test", MAPI_ATTENDEE_REQUIRED
};
static const struct mapi_attendee attendees[] = {
	{ "Bob", "bob@sambamapi.test", MAPI_ATTENDEE_REQUIRED },
	{ "Carol", "carol@sambamapi.test", MAPI_ATTENDEE_OPTIONAL },
	{ "Room 1", "room1@sambamapi.test", MAPI_ATTENDEE_RESOURCE },
};

/* Every Monday and Wednesday, 10 times, 9:30-10:30 CEST from Monday
 * 2024-06-03. */
static const struct mapi_recur_rule weekly = {
	.frequency = MAPI_RECUR_WEEKLY, .interval = 1,
	.weekdays = MAPI_RECUR_MONDAY | 0x08, .count = 10,
};

static void meeting(struct mapi_appointment *a, struct mapi_goid *goid)
{
	memset(a, 0, sizeof(*a));
	a->subject = "Weekly sync";
	a->location = "Room 1";
	a->body = "Agenda: everything.";
	a->start = 1717399800;		/* 2024-06-03 07:30 UTC */
	a->end = a->start + 3600;
	a->busy = MAPI_BUSY_BUSY;
	a->reminder = 15;
	a->tz = &cet;
	a->recurrence = &weekly;
	a->organizer = &organizer;
	a->attendees = attendees;
	a->attendee_count = ARRAY_SIZE(attendees);
	a->goid = goid;
}

static bool check_attendees(const struct mapi_message_info *info)
{
	static const uint8_t types[] = { 1, 1, 2, 3 };
	uint8_t i;

	ITEST_ASSERT(info->recipient_count == 4 && info->row_count == 4,
		     "%u recipients", info->recipient_count);
	for (i = 0; i < 4; i++) {
		ITEST_ASSERT(info->rows[i].type == types[i],
			     "recipient %u type %u", i, info->rows[i].type);
	}
	return true;
}

/* The blob read back decodes to the series asked for. */
static bool check_recurrence(TALLOC_CTX *mem_ctx,
			     const struct mapi_item *item)
{
	struct mapi_appt_recurrence r;
	struct mapi_recur_date d;
	uint16_t i;

	for (i = 0; i < item->count; i++) {
		const struct BinaryValue *b = &item->values[i].Value.Binary;

		if ((item->values[i].PropertyTag & 0xFFFF) != PT_BINARY ||
		    mapi_appt_recurrence_decode(mem_ctx, b->Data, b->Count,
						&r) != MAPI_E_SUCCESS) {
			continue;
		}
		mapi_recur_date_of(r.pattern.end_date, &d);
		ITEST_ASSERT(r.pattern.frequency == MAPI_RECUR_WEEKLY &&
			     r.pattern.pattern[0] == 0x0A &&
			     r.pattern.occurrence_count == 10 &&
			     r.start_time_offset == 570 &&
			     r.end_time_offset == 630 &&
			     d.year == 2024 && d.month == 7 && d.day == 3,
			     "recurrence pattern");
		return true;
	}
	ITEST_FAIL("no recurrence blob");
}

static bool test_appointment(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct mapi_message_info *info = NULL;
	struct mapi_recipient *rows;
	struct mapi_appointment a;
	struct mapi_item item;
	struct mapi_goid goid;
	uint16_t n;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_goid_new(mem_ctx, &goid), MAPI_E_SUCCESS);
	meeting(&a, &goid);
	ITEST_MAPI(mapi_appointment_props(mem_ctx, &a, &item),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_appointment_recipients(mem_ctx, &a, &rows, &n),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(round_trip(logon, mem_ctx, MAPI_FOLDER_CALENDAR, &item,
				rows, n, MAPI_CLASS_APPOINTMENT, &info),
		     "round trip");
	return check_attendees(info) && check_recurrence(mem_ctx, &item);
}

/* The organizer's recipient row carries recipOrganizer. */
static bool test_organizer_flags(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct mapi_recipient *rows, *back;
	struct mapi_message_info *info;
	struct mapi_appointment a;
	struct folder f;
	uint32_t h, j;
	uint64_t mid;
	uint8_t count;
	uint16_t n;

	ITEST_ASSERT(logon != NULL, "logon");
	meeting(&a, NULL);
	ITEST_ASSERT(open_default(logon, mem_ctx, MAPI_FOLDER_CALENDAR, &f),
		     "calendar");
	ITEST_MAPI(mapi_appointment_save(logon, mem_ctx, f.handle, f.fid, &a,
					 &mid), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_appointment_recipients(mem_ctx, &a, &rows, &n),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, f.handle, f.fid, mid,
				     OpenMessage_ReadOnly, &h, &info),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_recipients_read(logon, mem_ctx, h, 0, info->columns,
					info->column_count, &back, &count),
		   MAPI_E_SUCCESS);
	mapi_object_release(logon, h);
	mapi_messages_delete(logon, mem_ctx, f.handle, &mid, 1, true);
	ITEST_ASSERT(count == 4, "%u rows", count);
	for (j = 0; j < back[0].count; j++) {
		if (back[0].props[j].PropertyTag == PidTagRecipientFlags) {
			ITEST_ASSERT(back[0].props[j].Value.Integer32 == 3,
				     "organizer flags");
			return true;
		}
	}
	ITEST_FAIL("no PidTagRecipientFlags");
}

static bool test_meeting_request(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct mapi_message_info *info = NULL;
	struct mapi_recipient *rows;
	struct mapi_appointment a;
	struct mapi_item item;
	struct mapi_goid goid;
	uint16_t n;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_goid_new(mem_ctx, &goid), MAPI_E_SUCCESS);
	meeting(&a, &goid);
	ITEST_MAPI(mapi_meeting_request_props(mem_ctx, &a, &item),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_appointment_recipients(mem_ctx, &a, &rows, &n),
		   MAPI_E_SUCCESS);
	return round_trip(logon, mem_ctx, MAPI_FOLDER_INBOX, &item, rows, n,
			  MAPI_CLASS_MEETING_REQUEST, &info) &&
	       check_attendees(info);
}

static bool test_contact(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct mapi_message_info *info = NULL;
	struct mapi_contact c = {
		.display_name = "Dave Example", .given_name = "Dave",
		.surname = "Example", .company = "Example Ltd",
		.title = "Engineer", .email = "dave@example.test",
		.business_phone = "+1 555 0101", .home_phone = "+1 555 0102",
		.mobile_phone = "+1 555 0103", .body = "Met at the fair.",
	};
	struct mapi_item item;
	struct mapi_oneoff o;
	uint16_t i;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_contact_props(mem_ctx, &c, &item), MAPI_E_SUCCESS);
	ITEST_ASSERT(round_trip(logon, mem_ctx, MAPI_FOLDER_CONTACTS, &item,
				NULL, 0, MAPI_CLASS_CONTACT, &info),
		     "round trip");
	for (i = 0; i < item.count; i++) {
		const struct BinaryValue *b = &item.values[i].Value.Binary;

		if ((item.values[i].PropertyTag & 0xFFFF) == PT_BINARY) {
			ITEST_MAPI(mapi_oneoff_decode(mem_ctx, b->Data,
						      b->Count, &o),
				   MAPI_E_SUCCESS);
			ITEST_ASSERT(strcmp(o.address, c.email) == 0,
				     "Email1OriginalEntryId");
		}
	}
	return true;
}

static bool test_task(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct mapi_message_info *info = NULL;
	struct mapi_task t = {
		.subject = "Write the report", .body = "Ten pages.",
		.status = MAPI_TASK_IN_PROGRESS, .percent_complete = 0.25,
		.start = 1717372800, .due = 1717977600,
	};
	struct mapi_item item;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_task_props(mem_ctx, &t, &item), MAPI_E_SUCCESS);
	return round_trip(logon, mem_ctx, MAPI_FOLDER_TASKS, &item, NULL, 0,
			  MAPI_CLASS_TASK, &info);
}

static bool test_note(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct mapi_message_info *info = NULL;
	struct mapi_note n = { .text = "Call Bob\nabout the report",
			       .color = MAPI_NOTE_YELLOW };
	struct mapi_item item;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_note_props(mem_ctx, &n, &item), MAPI_E_SUCCESS);
	ITEST_ASSERT(strcmp(item.values[1].Value.String, "Call Bob") == 0,
		     "subject: the first line");
	return round_trip(logon, mem_ctx, MAPI_FOLDER_NOTES, &item, NULL, 0,
			  MAPI_CLASS_NOTE, &info);
}

/* Named properties resolve to the same IDs each time, and the set of
 * the helpers' names resolves. */
static bool test_named_stable(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint32_t a = 0, b = 0;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_named_tag(logon, mem_ctx, logon->handle,
				  MAPI_PS_APPOINTMENT,
				  (0x8216u << 16) | PT_BINARY, &a),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_named_tag(logon, mem_ctx, logon->handle,
				  MAPI_PS_APPOINTMENT,
				  (0x8216u << 16) | PT_BINARY, &b),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(a == b && (a >> 16) >= 0x8000 &&
		     (a & 0xFFFF) == PT_BINARY, "0x%08x, 0x%08x", a, b);
	return true;
}

/* Refused before anything is sent. */
static bool test_invalid(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_appointment a;
	struct mapi_contact c = { 0 };
	struct mapi_task t = { .subject = "x", .percent_complete = 2.0 };
	struct mapi_note n = { .text = "x", .color = 9 };
	struct mapi_item item;

	meeting(&a, NULL);
	a.end = a.start - 60;
	ITEST_MAPI(mapi_appointment_props(mem_ctx, &a, &item),
		   MAPI_E_INVALID_PARAMETER);
	ITEST_MAPI(mapi_contact_props(mem_ctx, &c, &item),
		   MAPI_E_INVALID_PARAMETER);
	ITEST_MAPI(mapi_task_props(mem_ctx, &t, &item),
		   MAPI_E_INVALID_PARAMETER);
	ITEST_MAPI(mapi_note_props(mem_ctx, &n, &item),
		   MAPI_E_INVALID_PARAMETER);
	return true;
}

int main(int argc, const char **argv)
{
	static const struct itest tests[] = {
		{ "appointment_weekly_attendees", test_appointment },
		{ "appointment_organizer_flags", test_organizer_flags },
		{ "meeting_request", test_meeting_request },
		{ "contact", test_contact },
		{ "task", test_task },
		{ "note", test_note },
		{ "named_properties_stable", test_named_stable },
		{ "invalid_items", test_invalid },
	};

	return itest_main("emsmdb-classes", tests, ARRAY_SIZE(tests), argc,
			  argv);
}
