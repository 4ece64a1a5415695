/*
 * mapimail watch: one notification (MS-OXCNOTIF 2.2.1.4.1.2) as one line.
 * A message is opened read-only to read its sender, subject and delivery
 * time (opening does not mark it read); a folder is named by its path,
 * read from its parents' names.
 *
 *   TIME  EVENT  FOLDER  SENDER  SUBJECT        a message
 *   TIME  EVENT  FOLDER  message ID             a deleted message
 *   TIME  folder EVENT  PATH                    a folder
 */
#include <inttypes.h>
#include <stdio.h>
#include <time.h>

#include "mapimail.h"
#include "libmapi/folder.h"
#include "libmapi/notify.h"
#include "libmapi/property.h"

#define TAG_PARENT_FOLDER_ID	0x67490014
#define MAX_DEPTH		64	/* folders above a folder, at most */
/* the NotificationType: the low 12 bits of NotificationFlags */
#define NT_TYPE_OF(d)		((d)->NotificationFlags & 0x0FFF)
/* NTTIME: 100 ns units since 1601-01-01 (MS-DTYP 2.3.3) */
#define NTTIME_SECOND		10000000ULL
#define NTTIME_UNIX_EPOCH	11644473600ULL

static const char *event_name(uint16_t type)
{
	switch (type) {
	case NotificationType_NewMail: return "new mail";
	case NotificationType_ObjectCreated: return "created";
	case NotificationType_ObjectDeleted: return "deleted";
	case NotificationType_ObjectModified: return "modified";
	case NotificationType_ObjectMoved: return "moved";
	case NotificationType_ObjectCopied: return "copied";
	default: return NULL;
	}
}

/* A string cell, or NULL. */
static const char *cell_string(const struct property_row *row, uint32_t i)
{
	const struct property_row_value *c;

	if (i >= row->count) {
		return NULL;
	}
	c = &row->cells[i];
	return c->flag == 0 && c->type == PT_UNICODE ? c->value.String : NULL;
}

/* @a name with '/' and '\' escaped, as paths write them. */
static char *escape_name(TALLOC_CTX *mem_ctx, const char *name)
{
	char *s = talloc_strdup(mem_ctx, "");
	const char *c;

	for (c = name; s != NULL && *c != '\0'; c++) {
		s = talloc_asprintf_append_buffer(
			s, "%s%c", *c == '/' || *c == '\\' ? "\\" : "", *c);
	}
	return s;
}

/* The name and parent of folder @a fid. */
static bool folder_step(struct mail_ctx *m, TALLOC_CTX *mem_ctx,
			uint64_t fid, const char **name, uint64_t *parent)
{
	static const uint32_t tags[] = { TAG_DISPLAY_NAME,
					 TAG_PARENT_FOLDER_ID };
	struct property_row row = { 0 };
	enum MAPISTATUS rv;
	uint32_t h;

	rv = mapi_folder_open(m->logon, mem_ctx, m->logon->handle, fid, &h);
	if (rv != MAPI_E_SUCCESS) {
		return false;
	}
	rv = mapi_props_get(m->logon, mem_ctx, h, tags, 2, true, 0, &row);
	mail_release(m, h);
	if (rv != MAPI_E_SUCCESS || row.count != 2) {
		return false;
	}
	*name = cell_string(&row, 0);
	*parent = row.cells[1].flag == 0 && row.cells[1].type == PT_I8 ?
		  (uint64_t)row.cells[1].value.Integer64 : 0;
	return *name != NULL;
}

/* The path of folder @a fid below the top folder (above it: from the
 * root), or its ID when it cannot be opened. */
static const char *folder_path(struct mail_ctx *m, TALLOC_CTX *mem_ctx,
			       uint64_t fid)
{
	const char *name = NULL, *path = NULL;
	uint64_t at = fid, parent = 0;
	int depth;

	if (fid == m->base) {
		return "/";
	}
	for (depth = 0; at != m->base && at != 0 && depth < MAX_DEPTH;
	     depth++) {
		if (!folder_step(m, mem_ctx, at, &name, &parent)) {
			return talloc_asprintf(mem_ctx, "folder 0x%" PRIx64,
					       fid);
		}
		name = escape_name(mem_ctx, name);
		path = path == NULL ? name : talloc_asprintf(
			mem_ctx, "%s/%s", name, path);
		at = parent == at ? 0 : parent;
	}
	return path;
}

/* @a when (NTTIME; 0: now) in local time, to the second below (not
 * rounded: a message delivered at 12:00:00.6 did not arrive at 12:00:01). */
static const char *local_time(TALLOC_CTX *mem_ctx, NTTIME when)
{
	time_t t = when != 0 ? (time_t)(when / NTTIME_SECOND -
					NTTIME_UNIX_EPOCH) : time(NULL);
	struct tm tm;
	char buf[32] = "-";

	if (localtime_r(&t, &tm) != NULL) {
		strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
	}
	return talloc_strdup(mem_ctx, buf);
}

/* Sender, subject and delivery time of message @a mid in @a fid. */
static bool read_message(struct mail_ctx *m, TALLOC_CTX *mem_ctx,
			 uint64_t fid, uint64_t mid, struct property_row *row)
{
	static const uint32_t tags[] = { TAG_SENT_REPR_NAME, TAG_SENDER_NAME,
					 TAG_SUBJECT, TAG_DELIVERY_TIME };
	enum MAPISTATUS rv;
	uint32_t h;

	rv = mapi_message_open(m->logon, mem_ctx, m->logon->handle, fid, mid,
			       OpenMessage_ReadOnly, &h, NULL);
	if (rv != MAPI_E_SUCCESS) {
		return false;
	}
	rv = mapi_props_get(m->logon, mem_ctx, h, tags, ARRAY_SIZE(tags),
			    true, 0, row);
	mail_release(m, h);
	return rv == MAPI_E_SUCCESS && row->count == ARRAY_SIZE(tags);
}

static void print_message(struct mail_ctx *m, TALLOC_CTX *mem_ctx,
			  const struct NotificationData *d, const char *event)
{
	struct property_row row = { 0 };
	const char *folder = folder_path(m, mem_ctx, d->FolderId.Id);
	const char *from, *subject;
	NTTIME when = 0;

	if (NT_TYPE_OF(d) == NotificationType_ObjectDeleted ||
	    !read_message(m, mem_ctx, d->FolderId.Id, d->MessageId.Id,
			  &row)) {
		printf("%s  %s  %s  message 0x%" PRIx64 "\n",
		       local_time(mem_ctx, 0), event, folder, d->MessageId.Id);
		return;
	}
	from = cell_string(&row, 0);
	if (from == NULL) {
		from = cell_string(&row, 1);
	}
	subject = cell_string(&row, 2);
	if (NT_TYPE_OF(d) == NotificationType_NewMail &&
	    row.cells[3].flag == 0 && row.cells[3].type == PT_SYSTIME) {
		when = row.cells[3].value.Time;
	}
	printf("%s  %s  %s  %s  %s\n", local_time(mem_ctx, when), event,
	       folder, from ? from : "-", subject ? subject : "");
}

static void print_folder(struct mail_ctx *m, TALLOC_CTX *mem_ctx,
			 const struct NotificationData *d, const char *event)
{
	const char *path;

	if (NT_TYPE_OF(d) == NotificationType_ObjectDeleted) {
		path = talloc_asprintf(mem_ctx, "0x%" PRIx64 " in %s",
				       d->FolderId.Id,
				       folder_path(m, mem_ctx,
						   d->ParentFolderId.Id));
	} else {
		path = folder_path(m, mem_ctx, d->FolderId.Id);
	}
	printf("%s  folder %s  %s\n", local_time(mem_ctx, 0), event, path);
}

int mail_watch_print(struct mail_ctx *m, const struct mapi_notification *n)
{
	const struct NotificationData *d = &n->data;
	const char *event = event_name(NT_TYPE_OF(d));
	TALLOC_CTX *tmp;

	if (event == NULL) {
		return MAPIMAIL_FAILED;	/* not one of ours */
	}
	tmp = talloc_new(m->mem);
	if (tmp == NULL) {
		return mail_fail("out of memory");
	}
	if (d->NotificationFlags & NotificationFlags_M) {
		print_message(m, tmp, d, event);
	} else {
		print_folder(m, tmp, d, event);
	}
	fflush(stdout);
	talloc_free(tmp);
	return MAPIMAIL_OK;
}
