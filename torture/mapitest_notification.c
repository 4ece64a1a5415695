/*
 * mapitest suite "notification": MS-OXCNOTIF through libmapi/notify.h.
 * A subscription made and released (RopRegisterNotification, RopRelease);
 * new mail sent by a second session (the --peer account; without one, a
 * second session of the run's user) waking an EcDoAsyncWaitEx (MS-OXCRPC
 * 3.3.4.1) and named by a NewMail notification; an object created in a
 * folder by another session; a row added to an open contents table
 * (TableModified); and a wait without events that the server ends
 * without NotificationPending.  Notification details come with RopNotify
 * in EcDoRpcExt2 replies (MS-OXCNOTIF 3.2.5.6).  What a test sends or
 * saves is deleted (hard) again.
 */
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/time.h>
#include <tevent.h>
#include <util/time.h>

#include "mapitest.h"
#include "libmapi/folder.h"
#include "libmapi/message.h"
#include "libmapi/notify.h"
#include "libmapi/property.h"
#include "libmapi/restriction.h"
#include "libmapi/table.h"
#include "libmapi/transport.h"

#define TAG_SUBJECT		0x0037001F
#define TAG_MESSAGE_CLASS	0x001A001F
#define TAG_DELETE_AFTER_SUBMIT	0x0E01000B
#define TAG_DISPLAY_NAME	0x3001001F
#define TAG_ADDRESS_TYPE	0x3002001F
#define TAG_EMAIL_ADDRESS	0x3003001F
#define TAG_MID			0x674A0014

#define NOTE_TYPE(d)		((d)->NotificationFlags & 0x0FFF)
#define NOTE_IS_MESSAGE(d)	(((d)->NotificationFlags & 0x8000) != 0)

/* How long a notification may take to come: polls, 250 ms apart. */
#define POLL_TRIES		40
/* How long the new mail may take to wake a wait. */
#define WAKE_MS			30000
/* A wait without events must not end sooner than this. */
#define QUIET_MS		500

/* ------------------------------------------------------------ helpers */

/* What a notification must be: its handle, type, and the object's ID
 * (0: any); for TableModified the row's event. */
struct want {
	uint32_t handle;
	uint16_t type;
	bool message;
	uint64_t id;
	uint16_t table_event;
};

static bool matches(const struct mapi_notification *n, const struct want *w)
{
	const struct NotificationData *d = &n->data;
	const struct NotifyTableMessageEvent *t = &d->Table.Message;

	if (n->handle != w->handle || NOTE_TYPE(d) != w->type ||
	    NOTE_IS_MESSAGE(d) != w->message) {
		return false;
	}
	if (w->type == NotificationType_TableModified) {
		return t->TableEventType == w->table_event &&
		       (w->id == 0 || t->Row.Row.TableRowMessageID == w->id);
	}
	return w->id == 0 || (w->message ? d->MessageId.Id : d->FolderId.Id) ==
	       w->id;
}

/* Poll the session (an EcDoRpcExt2 without ROPs) until a notification as
 * @a w says comes; a copy on @a mem_ctx, or NULL. */
static struct mapi_notification *await(struct mapi_logon *logon,
				       TALLOC_CTX *mem_ctx,
				       const struct want *w)
{
	struct mapi_notifications n;
	uint32_t i;
	int tries;

	for (tries = 0; tries < POLL_TRIES; tries++) {
		if (mapi_notify_poll(logon->emsmdb, mem_ctx, &n) !=
		    MAPI_E_SUCCESS) {
			return NULL;
		}
		for (i = 0; i < n.count; i++) {
			if (matches(&n.list[i], w)) {
				return &n.list[i];
			}
		}
		usleep(250 * 1000);
	}
	return NULL;
}

/* Nothing for the handles @a a and @a b in what the session has
 * received: one poll. */
static bool quiet(struct mapi_logon *logon, TALLOC_CTX *mem_ctx, uint32_t a,
		  uint32_t b)
{
	struct mapi_notifications n;
	uint32_t i;

	if (mapi_notify_poll(logon->emsmdb, mem_ctx, &n) != MAPI_E_SUCCESS) {
		return false;
	}
	for (i = 0; i < n.count; i++) {
		if (n.list[i].handle == a || n.list[i].handle == b) {
			return false;
		}
	}
	return true;
}

static void tick(struct tevent_context *ev, struct tevent_timer *te,
		 struct timeval now, void *private_data)
{
}

/* Run the waiter's events until @a req completes, at most @a ms. */
static bool run_until_done(struct mapi_notify_waiter *waiter,
			   struct tevent_req *req, int ms)
{
	struct timeval end = timeval_current_ofs_msec(ms);
	TALLOC_CTX *tmp = talloc_new(NULL);

	while (tmp != NULL && tevent_req_is_in_progress(req) &&
	       !timeval_expired(&end)) {
		tevent_add_timer(waiter->ev, tmp, timeval_current_ofs_msec(100),
				 tick, NULL);
		tevent_loop_once(waiter->ev);
		talloc_free_children(tmp);
	}
	talloc_free(tmp);
	return !tevent_req_is_in_progress(req);
}

static const char *unique_subject(TALLOC_CTX *mem_ctx, const char *what)
{
	return talloc_asprintf(mem_ctx, "mapitest-%s-%d-%ld", what,
			       (int)getpid(), (long)time(NULL));
}

/* --------------------------------------------- cleaning up the mail */

/* Messages with one subject in one folder, deleted (hard) when the
 * test's context goes. */
struct sent {
	struct mapi_logon *logon;
	uint64_t fid;
	const char *subject;
};

static int sent_destructor(struct sent *s)
{
	const uint32_t cols[] = { TAG_MID };
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mapi_table_rows rows = { 0 };
	struct mapi_table *t = NULL;
	uint64_t mids[8];
	uint32_t h, i;

	if (tmp == NULL || mapi_folder_open(s->logon, tmp, s->logon->handle,
					    s->fid, &h) != MAPI_E_SUCCESS) {
		talloc_free(tmp);
		return 0;
	}
	if (mapi_table_contents(s->logon, tmp, h, 0, &t, NULL) ==
	    MAPI_E_SUCCESS) {
		if (mapi_table_set_columns(t, cols, 1) == MAPI_E_SUCCESS &&
		    mapi_table_restrict(t, mapi_restriction_content(
				tmp, TAG_SUBJECT, s->subject, FL_FULLSTRING,
				0)) == MAPI_E_SUCCESS) {
			mapi_table_query_all(t, tmp, 0, 8, &rows);
		}
		mapi_table_release(t);
	}
	for (i = 0; i < rows.count; i++) {
		mids[i] = rows.rows[i].cells[0].value.Integer64;
	}
	if (rows.count > 0) {
		mapi_messages_delete(s->logon, tmp, h, mids, rows.count, true);
	}
	mapi_object_release(s->logon, h);
	talloc_free(tmp);
	return 0;
}

static void clean_up(TALLOC_CTX *mem_ctx, struct mapi_logon *logon,
		     uint64_t fid, const char *subject)
{
	struct sent *s = talloc(mem_ctx, struct sent);

	if (s != NULL) {
		*s = (struct sent){ logon, fid, subject };
		talloc_set_destructor(s, sent_destructor);
	}
}

/* A message from @a from to @a to (To, by legacyExchangeDN), submitted
 * with PidTagDeleteAfterSubmit: the sender keeps no copy. */
static enum MAPISTATUS send_to(struct mapi_logon *from, TALLOC_CTX *mem_ctx,
			       const struct mapi_profile *to,
			       const char *subject)
{
	uint64_t outbox = from->folder_ids[MAPI_LOGON_OUTBOX];
	struct TaggedPropertyValue v[3] = {
		{ .PropertyTag = TAG_SUBJECT, .Value.String = subject },
		{ .PropertyTag = TAG_MESSAGE_CLASS, .Value.String = "IPM.Note" },
		{ .PropertyTag = TAG_DELETE_AFTER_SUBMIT, .Value.Boolean = 1 },
	};
	struct TaggedPropertyValue r[3] = {
		{ .PropertyTag = TAG_DISPLAY_NAME },
		{ .PropertyTag = TAG_ADDRESS_TYPE, .Value.String = "EX" },
		{ .PropertyTag = TAG_EMAIL_ADDRESS },
	};
	struct mapi_recipient row = { .type = 1, .props = r, .count = 3 };
	enum MAPISTATUS rv;
	uint32_t m;

	r[0].Value.String = to->display_name;
	r[2].Value.String = to->user_dn;
	rv = mapi_message_create(from, mem_ctx, from->handle, outbox, false,
				 &m);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	rv = mapi_props_set(from, mem_ctx, m, v, 3, NULL);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_recipients_modify(from, mem_ctx, m, NULL, 0, &row, 1);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_message_submit(from, mem_ctx, m, 0);
	}
	mapi_object_release(from, m);
	return rv;
}

/* The session that sends the mail: the --peer account, else a second
 * session of the run's user (noted). */
static struct mapi_logon *sender(struct mapitest *mt, TALLOC_CTX *mem_ctx)
{
	const struct mapi_profile *who = NULL;

	if (mt->has_peer) {
		return mapitest_peer_mailbox(mt, mem_ctx, &who);
	}
	mapitest_note(mt, "sent by a second session of the user (no --peer "
		      "given)");
	return mapitest_mailbox(mt, mem_ctx);
}

/* -------------------------------------------------------------- tests */

/* MS-OXCNOTIF 2.2.1.2.1, 3.2.5.1: subscriptions on the mailbox and on
 * a folder; after RopRelease, no notification of the subscription. */
static enum mapitest_result test_register_release(struct mapitest *mt,
						  TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	struct mapi_logon *other = mapitest_mailbox(mt, mem_ctx);
	struct want w = { .type = NotificationType_ObjectCreated,
			  .message = true };
	uint32_t store_sub, folder_sub, folder;
	uint64_t fid, mid;

	if (logon == NULL || other == NULL ||
	    !mapitest_scratch_folder(mt, mem_ctx, other, 0, "notify-release",
				     &folder, &fid)) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, mapi_notify_register(logon, mem_ctx, logon->handle,
					NotificationTypes_NewMail |
					NotificationTypes_ObjectCreated, true,
					0, 0, &store_sub), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_notify_register(logon, mem_ctx, logon->handle,
					NotificationTypes_ObjectCreated, false,
					fid, 0, &folder_sub), MAPI_E_SUCCESS);
	MT_ASSERT(mt, store_sub != folder_sub, "one handle for two "
		  "subscriptions");
	w.handle = folder_sub;
	if (!mapitest_message(mt, mem_ctx, other, folder, fid,
			      "mapitest-notify-registered", 1, &w.id)) {
		return MAPITEST_FAIL;
	}
	MT_ASSERT(mt, await(logon, mem_ctx, &w) != NULL,
		  "no ObjectCreated while subscribed");
	MT_MAPI(mt, mapi_object_release(logon, store_sub), MAPI_E_SUCCESS);
	MT_MAPI(mt, mapi_object_release(logon, folder_sub), MAPI_E_SUCCESS);
	quiet(logon, mem_ctx, store_sub, folder_sub); /* what came before */
	if (!mapitest_message(mt, mem_ctx, other, folder, fid,
			      "mapitest-notify-released", 1, &mid)) {
		return MAPITEST_FAIL;
	}
	sleep(1);	/* time for a notification that should not come */
	MT_ASSERT(mt, quiet(logon, mem_ctx, store_sub, folder_sub),
		  "a released subscription notified");
	return MAPITEST_PASS;
}

/* Message @a mid of folder @a fid has the subject @a subject. */
static bool subject_is(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
		       uint64_t fid, uint64_t mid, const char *subject)
{
	const uint32_t tag = TAG_SUBJECT;
	struct property_row row = { 0 };
	uint32_t m;
	bool ok;

	if (mapi_message_open(logon, mem_ctx, logon->handle, fid, mid,
			      OpenMessage_ReadOnly, &m, NULL) !=
	    MAPI_E_SUCCESS) {
		return false;
	}
	ok = mapi_props_get(logon, mem_ctx, m, &tag, 1, true, 0, &row) ==
	     MAPI_E_SUCCESS && row.count == 1 && row.cells[0].flag == 0 &&
	     strcmp(row.cells[0].value.String, subject) == 0;
	mapi_object_release(logon, m);
	return ok;
}

/* Wait (MS-OXCNOTIF 3.2.5.5.1) until NotificationPending: a wait the
 * server ends without it is made again. */
static bool woken(struct mapi_notify_waiter *waiter, TALLOC_CTX *mem_ctx,
		  struct tevent_req **req)
{
	struct timeval end = timeval_current_ofs_msec(WAKE_MS);
	bool pending = false;

	while (!pending && !timeval_expired(&end)) {
		if (!run_until_done(waiter, *req, WAKE_MS)) {
			return false;
		}
		if (mapi_notify_wait_recv(*req, &pending) != MAPI_E_SUCCESS) {
			return false;
		}
		TALLOC_FREE(*req);
		if (!pending) {
			*req = mapi_notify_wait_send(mem_ctx, waiter);
			if (*req == NULL) {
				return false;
			}
		}
	}
	return pending;
}

/* 3.2.5.5.1, 2.2.1.4.1.2: new mail from another session wakes a pending
 * EcDoAsyncWaitEx; RopNotify then names it: NewMail, the Inbox, the
 * message, its class. */
static enum mapitest_result test_new_mail(struct mapitest *mt,
					  TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx), *from;
	const char *subject = unique_subject(mem_ctx, "notify-newmail");
	struct want w = { .type = NotificationType_NewMail, .message = true };
	const struct NotifyNewMail *nm;
	struct mapi_notify_waiter *waiter = NULL;
	struct mapi_notification *n;
	struct tevent_req *req;
	uint64_t inbox;

	if (logon == NULL || (from = sender(mt, mem_ctx)) == NULL) {
		return MAPITEST_FAIL;
	}
	inbox = logon->folder_ids[MAPI_LOGON_INBOX];
	clean_up(mem_ctx, logon, inbox, subject);
	MT_ROP(mt, mapi_notify_register(logon, mem_ctx, logon->handle,
					NotificationTypes_NewMail, true, 0, 0,
					&w.handle), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_notify_waiter_open(mem_ctx, mt->rpc, &mt->params,
					   logon->emsmdb, &waiter),
	       MAPI_E_SUCCESS);
	req = mapi_notify_wait_send(mem_ctx, waiter);
	MT_ASSERT(mt, req != NULL, "EcDoAsyncWaitEx: out of memory");
	MT_ASSERT(mt, !run_until_done(waiter, req, QUIET_MS),
		  "EcDoAsyncWaitEx completed before any mail");
	MT_ROP(mt, send_to(from, mem_ctx, mt->self, subject), MAPI_E_SUCCESS);
	MT_ASSERT(mt, woken(waiter, mem_ctx, &req), "EcDoAsyncWaitEx did not "
		  "complete with NotificationPending within %d s",
		  WAKE_MS / 1000);
	n = await(logon, mem_ctx, &w);
	MT_ASSERT(mt, n != NULL, "no NewMail notification");
	nm = &n->data.NewMail.NewMail;
	MT_ASSERT(mt, n->data.FolderId.Id == inbox, "NewMail not in the Inbox");
	MT_ASSERT(mt, strcmp(nm->UnicodeFlag ? nm->MessageClass.Unicode :
			     nm->MessageClass.String8, "IPM.Note") == 0,
		  "NewMail MessageClass");
	MT_ASSERT(mt, (nm->MessageFlags & 0x1) == 0, "new mail marked read");
	MT_ASSERT(mt, subject_is(logon, mem_ctx, inbox, n->data.MessageId.Id,
				 subject), "NewMail names another message");
	return MAPITEST_PASS;
}

/* 2.2.1.4.1.2: a message saved in a folder by another session is
 * ObjectCreated on a subscription to that folder: the folder, the new
 * message's ID. */
static enum mapitest_result test_object_created(struct mapitest *mt,
						TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	struct mapi_logon *other = mapitest_mailbox(mt, mem_ctx);
	struct want w = { .type = NotificationType_ObjectCreated,
			  .message = true };
	struct mapi_notification *n;
	uint32_t folder;
	uint64_t fid;

	if (logon == NULL || other == NULL ||
	    !mapitest_scratch_folder(mt, mem_ctx, other, 0, "notify-created",
				     &folder, &fid)) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, mapi_notify_register(logon, mem_ctx, logon->handle,
					NotificationTypes_ObjectCreated, false,
					fid, 0, &w.handle), MAPI_E_SUCCESS);
	if (!mapitest_message(mt, mem_ctx, other, folder, fid,
			      "mapitest-notify-created", 1, &w.id)) {
		return MAPITEST_FAIL;
	}
	n = await(logon, mem_ctx, &w);
	MT_ASSERT(mt, n != NULL, "no ObjectCreated for the new message");
	MT_ASSERT(mt, n->data.FolderId.Id == fid,
		  "ObjectCreated names another folder");
	return MAPITEST_PASS;
}

/* MS-OXCNOTIF 2.2.1.4.1.2, MS-OXCTABL: a row added to an open contents
 * table (that has been read) is TableModified/TableRowAdded on the
 * table's handle, with the row's data. */
static enum mapitest_result test_table_row_added(struct mapitest *mt,
						 TALLOC_CTX *mem_ctx)
{
	const uint32_t cols[] = { TAG_MID, TAG_SUBJECT };
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	struct mapi_logon *other = mapitest_mailbox(mt, mem_ctx);
	struct want w = { .type = NotificationType_TableModified,
			  .message = true,
			  .table_event = TableEvent_TableRowAdded };
	struct mapi_table_rows rows = { 0 };
	struct mapi_table *t = NULL;
	struct mapi_notification *n;
	uint32_t folder, mine;
	uint64_t fid;

	if (logon == NULL || other == NULL ||
	    !mapitest_scratch_folder(mt, mem_ctx, other, 0, "notify-table",
				     &folder, &fid)) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, mapi_folder_open(logon, mem_ctx, logon->handle, fid,
				    &mine), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_table_contents(logon, mem_ctx, mine, 0, &t, NULL),
	       MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_table_set_columns(t, cols, 2), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_table_query_all(t, mem_ctx, 0, 0, &rows),
	       MAPI_E_SUCCESS);
	w.handle = t->handle;
	if (!mapitest_message(mt, mem_ctx, other, folder, fid,
			      "mapitest-notify-table", 1, &w.id)) {
		return MAPITEST_FAIL;
	}
	n = await(logon, mem_ctx, &w);
	MT_ASSERT(mt, n != NULL, "no TableRowAdded on the contents table");
	MT_ASSERT(mt, n->data.Table.Message.Row.Row.TableRowFolderID == fid,
		  "TableRowAdded: TableRowFolderID");
	MT_ASSERT(mt, n->data.Table.Message.RowData.RowData.TableRowDataSize >
		  0, "TableRowAdded without the row's data");
	mapi_table_release(t);
	mapi_object_release(logon, mine);
	return MAPITEST_PASS;
}

/* MS-OXCRPC 3.3.4.1: without events, the server ends EcDoAsyncWaitEx
 * after its wait (5 minutes of no client activity) without
 * NotificationPending; not at once. */
static enum mapitest_result test_async_wait_timeout(struct mapitest *mt,
						    TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	struct mapi_notify_waiter *waiter = NULL;
	struct tevent_req *req;
	struct timeval start;
	bool pending = true;
	uint32_t sub, folder;
	uint64_t fid;

	if (logon == NULL ||
	    !mapitest_scratch_folder(mt, mem_ctx, logon, 0, "notify-wait",
				     &folder, &fid)) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, mapi_notify_register(logon, mem_ctx, logon->handle,
					NotificationTypes_ObjectCreated, false,
					fid, 0, &sub), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_notify_waiter_open(mem_ctx, mt->rpc, &mt->params,
					   logon->emsmdb, &waiter),
	       MAPI_E_SUCCESS);
	start = timeval_current();
	req = mapi_notify_wait_send(mem_ctx, waiter);
	MT_ASSERT(mt, req != NULL, "EcDoAsyncWaitEx: out of memory");
	MT_ASSERT(mt, run_until_done(waiter, req, 330 * 1000),
		  "EcDoAsyncWaitEx still waiting after 330 s");
	MT_MAPI(mt, mapi_notify_wait_recv(req, &pending), MAPI_E_SUCCESS);
	MT_ASSERT(mt, !pending, "NotificationPending without any event");
	MT_ASSERT(mt, timeval_elapsed(&start) * 1000 >= QUIET_MS,
		  "EcDoAsyncWaitEx ended at once (%.3f s)",
		  timeval_elapsed(&start));
	mapitest_note(mt, "the server ended the wait after %.1f s",
		      timeval_elapsed(&start));
	return MAPITEST_PASS;
}

static const struct mapitest_test tests[] = {
	{ "register_release", "RopRegisterNotification on the mailbox and "
	  "a folder; nothing after RopRelease", test_register_release },
	{ "new_mail", "mail from the --peer user wakes EcDoAsyncWaitEx; "
	  "NewMail names it", test_new_mail },
	{ "object_created", "a message saved by another session: "
	  "ObjectCreated", test_object_created },
	{ "table_row_added", "a message added to an open contents table: "
	  "TableRowAdded", test_table_row_added },
	{ "async_wait_timeout", "EcDoAsyncWaitEx without events ends "
	  "without NotificationPending", test_async_wait_timeout },
};

const struct mapitest_suite mapitest_suite_notification = {
	.name = "notification",
	.description = "notifications (MS-OXCNOTIF, MS-OXCRPC "
		       "EcDoAsyncWaitEx)",
	.tests = tests,
	.count = ARRAY_SIZE(tests),
};
