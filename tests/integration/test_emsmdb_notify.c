/*
 * Notifications (MS-OXCNOTIF, MS-OXCRPC 3.3.4.1 and 3.1.4.5) through
 * libmapi against the test DC: subscriptions and their errors; object
 * events made by a second session of the same user and new mail
 * delivered by another process (this program writing the mailbox's
 * database like a delivery agent), by the server's own delivery and
 * announced by RopTransportNewMail; EcDoAsyncWaitEx waking, timing out
 * (the test server waits 3 s) and refusing a second wait; table
 * notifications of open contents and hierarchy tables; push datagrams on
 * a local UDP socket; RopPending when the notifications do not fit, and
 * for a linked session.
 */
#include "itest_emsmdb.h"

#include <libgen.h>
#include <poll.h>
#include <sys/time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include "libmapi/table.h"
#include "libmapi/notify.h"
#include "libmapi/message.h"
#include "libmapi/transport.h"
#include "libmapi/ndr/recipient_row.h"
#include "store/store.h"
#include "gen_ndr/ndr_exchange_emsmdb_c.h"

#define PidTagSubject_W		0x0037001F
#define PidTagMid		0x674A0014
#define PidTagMessageClass_W	0x001A001F
#define NO_HANDLE		0xFFFFFFFF

/* NotificationFlags (MS-OXCNOTIF 2.2.1.4.1.2) */
#define NT_TYPE(f)	((f) & 0x0FFF)
#define NF_M		0x8000
#define NF_T		0x1000

#define OBJECT_TYPES (NotificationTypes_ObjectCreated | \
		      NotificationTypes_ObjectDeleted | \
		      NotificationTypes_ObjectModified | \
		      NotificationTypes_ObjectMoved | \
		      NotificationTypes_ObjectCopied)

/* A second session of the test user (another client of the mailbox). */
static struct mapi_logon *second_logon(struct itest_env *env,
				       TALLOC_CTX *mem_ctx)
{
	return itest_logon(env, mem_ctx);
}

static uint32_t open_folder(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			    uint64_t fid)
{
	uint32_t h = NO_HANDLE;

	mapi_folder_open(logon, mem_ctx, logon->handle, fid, &h);
	return h;
}

/* A message with a subject saved in @a fid; its MID. */
static uint64_t save_message(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			     uint32_t folder, uint64_t fid,
			     const char *subject)
{
	uint32_t h = NO_HANDLE;
	uint64_t mid = 0;

	if (mapi_message_create(logon, mem_ctx, folder, fid, false, &h) !=
	    MAPI_E_SUCCESS ||
	    itest_set_string(logon, mem_ctx, h, PidTagSubject_W, subject,
			     NULL) != MAPI_E_SUCCESS ||
	    mapi_message_save(logon, mem_ctx, h, 0, &mid) != MAPI_E_SUCCESS) {
		return 0;
	}
	mapi_object_release(logon, h);
	return mid;
}

static bool poll_notes(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
		       struct mapi_notifications *n)
{
	return mapi_notify_poll(logon->emsmdb, mem_ctx, n) == MAPI_E_SUCCESS;
}

/* The first notification of @a handle with NotificationType @a type
 * (and the M bit @a message), or NULL. */
static const struct NotificationData *find_note(
	const struct mapi_notifications *n, uint32_t handle, uint16_t type,
	bool message)
{
	uint32_t i;

	for (i = 0; i < n->count; i++) {
		const struct NotificationData *d = &n->list[i].data;

		if (n->list[i].handle == handle &&
		    NT_TYPE(d->NotificationFlags) == type &&
		    !!(d->NotificationFlags & NF_M) == message) {
			return d;
		}
	}
	return NULL;
}

/* The table notification of @a handle of @a event on row @a id. */
static const struct NotificationData *find_row_note(
	const struct mapi_notifications *n, uint32_t handle, uint16_t event,
	uint64_t id)
{
	uint32_t i;

	for (i = 0; i < n->count; i++) {
		const struct NotificationData *d = &n->list[i].data;
		bool msg = (d->NotificationFlags & NF_M) != 0;

		if (n->list[i].handle != handle ||
		    NT_TYPE(d->NotificationFlags) !=
		    NotificationType_TableModified) {
			continue;
		}
		if (msg && d->Table.Message.TableEventType == event &&
		    d->Table.Message.Row.Row.TableRowMessageID == id) {
			return d;
		}
		if (!msg && d->Table.Folder.TableEventType == event &&
		    d->Table.Folder.Row.TableRowFolderID == id) {
			return d;
		}
	}
	return NULL;
}

/* Run the event loop until @a req completes, at most @a ms. */
static void tick(struct tevent_context *ev, struct tevent_timer *te,
		 struct timeval now, void *private_data)
{
}

static bool run_until_done(struct tevent_context *ev, struct tevent_req *req,
			   int ms)
{
	struct timeval end = timeval_current_ofs_msec(ms);
	TALLOC_CTX *tmp = talloc_new(NULL);
	bool done;

	while (tevent_req_is_in_progress(req) && !timeval_expired(&end)) {
		tevent_add_timer(ev, tmp, timeval_current_ofs_msec(100), tick,
				 NULL);
		tevent_loop_once(ev);
		talloc_free_children(tmp);
	}
	done = !tevent_req_is_in_progress(req);
	talloc_free(tmp);
	return done;
}

/* ------------------------------------------------------------ tests */

/* MS-OXCNOTIF 2.2.1.2.1.1: bad NotificationTypes, scopes, handles. */
static bool test_register_errors(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *a = itest_logon(env, mem_ctx);
	uint64_t inbox;
	struct mapi_table *t;
	uint32_t h, folder;

	ITEST_ASSERT(a != NULL, "logon");
	inbox = a->folder_ids[MAPI_LOGON_INBOX];
	ITEST_MAPI(mapi_notify_register(a, mem_ctx, a->handle, 0, true, 0, 0,
					&h), MAPI_E_INVALID_PARAMETER);
	ITEST_MAPI(mapi_notify_register(a, mem_ctx, a->handle, 0x0001, true,
					0, 0, &h), MAPI_E_INVALID_PARAMETER);
	ITEST_MAPI(mapi_notify_register(a, mem_ctx, a->handle, 0x0802, true,
					0, 0, &h), MAPI_E_INVALID_PARAMETER);
	/* a folder scope needs a folder, an existing one */
	ITEST_MAPI(mapi_notify_register(a, mem_ctx, a->handle,
					NotificationTypes_NewMail, false, 0,
					0, &h), MAPI_E_INVALID_PARAMETER);
	ITEST_MAPI(mapi_notify_register(a, mem_ctx, a->handle,
					NotificationTypes_NewMail, false,
					0x0001000000FFFF01ULL, 0, &h),
		   MAPI_E_NOT_FOUND);
	/* no such object; not an object a subscription hangs on */
	ITEST_MAPI(mapi_notify_register(a, mem_ctx, 0x7ABC1234,
					NotificationTypes_NewMail, true, 0, 0,
					&h), ecNullObject);
	folder = open_folder(a, mem_ctx, inbox);
	ITEST_MAPI(mapi_table_contents(a, mem_ctx, folder, 0, &t, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_notify_register(a, mem_ctx, t->handle,
					NotificationTypes_NewMail, true, 0, 0,
					&h), MAPI_E_INVALID_OBJECT);
	/* good ones: the logon, a folder; the Extended flag's Reserved */
	ITEST_MAPI(mapi_notify_register(a, mem_ctx, a->handle,
					NotificationTypes_NewMail |
					NotificationTypes_Extended, true, 0,
					0, &h), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_object_release(a, h), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_notify_register(a, mem_ctx, folder, OBJECT_TYPES,
					false, inbox, 0, &h), MAPI_E_SUCCESS);
	/* the session still works */
	ITEST_ASSERT(open_folder(a, mem_ctx, inbox) != NO_HANDLE, "alive");
	return true;
}

/* The mailbox database as the server opens it, written by this process
 * (like a delivery agent). */
static struct mstore *open_store(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mstore_open_params p = { 0 };
	struct mstore *store = NULL;
	char *conf = talloc_strdup(mem_ctx, env->smb_conf);

	if (conf == NULL) {
		return NULL;
	}
	p.directory = talloc_asprintf(mem_ctx, "%s/private/mapistore",
				      dirname(dirname(conf)));
	p.mailbox = env->user.username;
	if (mstore_open(mem_ctx, &p, &store) != MAPI_E_SUCCESS) {
		return NULL;
	}
	return store;
}

static uint64_t deliver(struct mstore *store, TALLOC_CTX *mem_ctx,
			uint64_t fid)
{
	struct mstore_value v[2];
	struct mstore_message *msg;

	v[0].tag = PidTagSubject_W;
	v[0].v.str = "delivered";
	v[1].tag = PidTagMessageClass_W;
	v[1].v.str = "IPM.Note";
	if (mstore_message_create(mem_ctx, store, fid, false, &msg) !=
	    MAPI_E_SUCCESS || mstore_message_set_props(msg, v, 2) !=
	    MAPI_E_SUCCESS || mstore_message_save_delivered(msg) !=
	    MAPI_E_SUCCESS) {
		return 0;
	}
	return mstore_message_mid(msg);
}

/* New mail delivered by another process: NewMail on the Inbox's
 * subscription, and the pending wait wakes. */
static bool test_new_mail(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *a = itest_logon(env, mem_ctx);
	struct mapi_notify_waiter *w;
	struct mapi_notifications n;
	const struct NotificationData *d;
	struct mstore *store;
	struct tevent_req *req;
	uint64_t inbox, mid;
	uint32_t sub;
	bool pending = false;

	ITEST_ASSERT(a != NULL, "logon");
	inbox = a->folder_ids[MAPI_LOGON_INBOX];
	ITEST_MAPI(mapi_notify_register(a, mem_ctx, a->handle,
					NotificationTypes_NewMail, false,
					inbox, 0, &sub), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_notify_waiter_open(mem_ctx, env->rpc, &env->user,
					   a->emsmdb, &w), MAPI_E_SUCCESS);
	req = mapi_notify_wait_send(mem_ctx, w);
	ITEST_ASSERT(req != NULL, "wait");
	ITEST_ASSERT(!run_until_done(env->rpc->ev, req, 500),
		     "the wait completed with nothing pending");
	store = open_store(env, mem_ctx);
	ITEST_ASSERT(store != NULL, "store");
	mid = deliver(store, mem_ctx, inbox);
	ITEST_ASSERT(mid != 0, "delivery");
	ITEST_ASSERT(run_until_done(env->rpc->ev, req, 5000),
		     "the wait did not wake");
	ITEST_MAPI(mapi_notify_wait_recv(req, &pending), MAPI_E_SUCCESS);
	ITEST_ASSERT(pending, "NotificationPending not set");
	ITEST_ASSERT(poll_notes(a, mem_ctx, &n), "poll");
	d = find_note(&n, sub, NotificationType_NewMail, true);
	ITEST_ASSERT(d != NULL, "no NewMail (%u notifications)", n.count);
	ITEST_ASSERT(d->FolderId.Id == inbox && d->MessageId.Id == mid,
		     "NewMail ids");
	ITEST_ASSERT(d->NewMail.NewMail.UnicodeFlag == 1 &&
		     strcmp(d->NewMail.NewMail.MessageClass.Unicode,
			    "IPM.Note") == 0, "NewMail class");
	/* only the types asked for */
	ITEST_ASSERT(find_note(&n, sub, NotificationType_ObjectCreated, true)
		     == NULL, "ObjectCreated without asking");
	return true;
}

/* One To recipient: the test user, by legacyExchangeDN (EX). */
static struct mapi_recipient *to_self(struct itest_env *env,
				      TALLOC_CTX *mem_ctx)
{
	struct mapi_recipient *r = talloc_zero(mem_ctx,
					       struct mapi_recipient);
	struct TaggedPropertyValue *p = talloc_zero_array(
		mem_ctx, struct TaggedPropertyValue, 3);
	const char *dn = itest_dn_of(env, mem_ctx, &env->user);

	if (r == NULL || p == NULL || dn == NULL) {
		return NULL;
	}
	p[0].PropertyTag = RECIPIENT_PidTagDisplayName;
	p[0].Value.String = env->user.username;
	p[1].PropertyTag = RECIPIENT_PidTagAddressType;
	p[1].Value.String = "EX";
	p[2].PropertyTag = RECIPIENT_PidTagEmailAddress;
	p[2].Value.String = dn;
	*r = (struct mapi_recipient){ .type = 1, .props = p, .count = 3 };
	return r;
}

/* The MID of the first NewMail of @a sub in @a fid, or 0. */
static uint64_t new_mail_in(const struct mapi_notifications *n,
			    uint32_t sub, uint64_t fid, const char *cls)
{
	const struct NotificationData *d;

	d = find_note(n, sub, NotificationType_NewMail, true);
	if (d == NULL || d->FolderId.Id != fid ||
	    d->NewMail.NewMail.UnicodeFlag != 1 ||
	    strcmp(d->NewMail.NewMail.MessageClass.Unicode, cls) != 0) {
		return 0;
	}
	return d->MessageId.Id;
}

/* The server's own local delivery (RopSubmitMessage to oneself) and
 * RopTransportNewMail (MS-OXOMSG 3.3.5.8) are NewMail to the sessions
 * watching the mailbox. */
static bool test_delivery(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *a = itest_logon(env, mem_ctx);
	struct mapi_logon *b = second_logon(env, mem_ctx);
	struct mapi_recipient *to = to_self(env, mem_ctx);
	struct mapi_notifications n;
	uint64_t inbox, outbox, mid = 0, got;
	uint32_t sub, h;

	ITEST_ASSERT(a != NULL && b != NULL && to != NULL, "logons");
	inbox = a->folder_ids[MAPI_LOGON_INBOX];
	outbox = b->folder_ids[MAPI_LOGON_OUTBOX];
	ITEST_MAPI(mapi_notify_register(a, mem_ctx, a->handle,
					NotificationTypes_NewMail, true, 0, 0,
					&sub), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_create(b, mem_ctx, b->handle, outbox, false,
				       &h), MAPI_E_SUCCESS);
	ITEST_MAPI(itest_set_string(b, mem_ctx, h, PidTagSubject_W,
				    "notify delivery", NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(itest_set_string(b, mem_ctx, h, PidTagMessageClass_W,
				    "IPM.Note", NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_recipients_modify(b, mem_ctx, h, NULL, 0, to, 1),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_submit(b, mem_ctx, h, 0), MAPI_E_SUCCESS);
	ITEST_ASSERT(poll_notes(a, mem_ctx, &n), "poll");
	got = new_mail_in(&n, sub, inbox, "IPM.Note");
	ITEST_ASSERT(got != 0, "no NewMail for the delivery (%u "
		     "notifications)", n.count);
	ITEST_ASSERT(find_note(&n, sub, NotificationType_ObjectCreated, true)
		     == NULL, "ObjectCreated without asking");

	/* the client tells of a message it put there itself */
	mid = save_message(b, mem_ctx, b->handle, inbox, "self-delivered");
	ITEST_ASSERT(mid != 0, "message");
	ITEST_MAPI(mapi_transport_new_mail(b, mem_ctx, inbox, mid,
					   "IPM.Note.Self", 0),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(poll_notes(a, mem_ctx, &n), "poll");
	got = new_mail_in(&n, sub, inbox, "IPM.Note.Self");
	ITEST_ASSERT(got == mid, "no NewMail for RopTransportNewMail (%u "
		     "notifications)", n.count);
	return true;
}

/* Another session creates, moves, copies and deletes: ObjectCreated,
 * ObjectModified (the folder's counts), ObjectMoved, ObjectCopied,
 * ObjectDeleted, with their ids. */
static bool test_object_events(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *a = itest_logon(env, mem_ctx);
	struct mapi_logon *b = second_logon(env, mem_ctx);
	struct mapi_notifications n;
	const struct NotificationData *d;
	uint64_t ipm, inbox, fid, mid, copy = 0;
	uint32_t sub, ipm_h, inbox_h, h;

	ITEST_ASSERT(a != NULL && b != NULL, "logons");
	ipm = b->folder_ids[MAPI_LOGON_IPM_SUBTREE];
	inbox = b->folder_ids[MAPI_LOGON_INBOX];
	ITEST_MAPI(mapi_notify_register(a, mem_ctx, a->handle, OBJECT_TYPES,
					true, 0, 0, &sub), MAPI_E_SUCCESS);
	ipm_h = open_folder(b, mem_ctx, ipm);
	inbox_h = open_folder(b, mem_ctx, inbox);
	ITEST_MAPI(mapi_folder_create(b, mem_ctx, ipm_h, "notify events",
				      NULL, &fid, &h, NULL), MAPI_E_SUCCESS);
	mid = save_message(b, mem_ctx, h, fid, "one");
	ITEST_ASSERT(mid != 0, "message");

	ITEST_ASSERT(poll_notes(a, mem_ctx, &n), "poll");
	d = find_note(&n, sub, NotificationType_ObjectCreated, false);
	ITEST_ASSERT(d != NULL && d->FolderId.Id == fid &&
		     d->ParentFolderId.Id == ipm, "folder created");
	d = find_note(&n, sub, NotificationType_ObjectCreated, true);
	ITEST_ASSERT(d != NULL && d->FolderId.Id == fid &&
		     d->MessageId.Id == mid, "message created");
	d = find_note(&n, sub, NotificationType_ObjectModified, false);
	ITEST_ASSERT(d != NULL, "folder modified");

	ITEST_MAPI(mapi_folder_move_copy(b, mem_ctx, ipm_h, inbox_h, fid,
					 NULL, false, false), MAPI_E_SUCCESS);
	ITEST_ASSERT(poll_notes(a, mem_ctx, &n), "poll");
	d = find_note(&n, sub, NotificationType_ObjectMoved, false);
	ITEST_ASSERT(d != NULL && d->FolderId.Id == fid &&
		     d->ParentFolderId.Id == inbox &&
		     d->OldFolderId.Id == fid &&
		     d->OldParentFolderId.Id == ipm, "folder moved");

	ITEST_MAPI(mapi_folder_move_copy(b, mem_ctx, inbox_h, ipm_h, fid,
					 "notify copy", true, true),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(poll_notes(a, mem_ctx, &n), "poll");
	d = find_note(&n, sub, NotificationType_ObjectCopied, false);
	ITEST_ASSERT(d != NULL && d->ParentFolderId.Id == ipm &&
		     d->OldFolderId.Id == fid &&
		     d->OldParentFolderId.Id == inbox, "folder copied");
	copy = d->FolderId.Id;

	ITEST_MAPI(mapi_messages_delete(b, mem_ctx, h, &mid, 1, false),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(poll_notes(a, mem_ctx, &n), "poll");
	d = find_note(&n, sub, NotificationType_ObjectDeleted, true);
	ITEST_ASSERT(d != NULL && d->MessageId.Id == mid &&
		     d->FolderId.Id == fid, "message deleted");
	d = find_note(&n, sub, NotificationType_ObjectModified, false);
	ITEST_ASSERT(d != NULL && d->FolderId.Id == fid &&
		     (d->NotificationFlags & NF_T) &&
		     d->TotalMessageCount.Count == 0, "folder counts");

	ITEST_MAPI(mapi_folder_delete(b, mem_ctx, inbox_h, fid, 0x05, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_delete(b, mem_ctx, ipm_h, copy, 0x05, NULL),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(poll_notes(a, mem_ctx, &n), "poll");
	d = find_note(&n, sub, NotificationType_ObjectDeleted, false);
	ITEST_ASSERT(d != NULL && d->FolderId.Id == fid &&
		     d->ParentFolderId.Id == inbox, "folder deleted");
	return true;
}

/* MS-OXCRPC 3.3.4.1: without events the wait ends after the timeout
 * (3 s on the test server) without NotificationPending; a second wait
 * of the session is rejected. */
static bool test_async_wait(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *a = itest_logon(env, mem_ctx);
	struct mapi_notify_waiter *w1, *w2;
	struct tevent_req *req1, *req2;
	struct timeval start;
	bool pending = true;
	double took;

	ITEST_ASSERT(a != NULL, "logon");
	ITEST_MAPI(mapi_notify_waiter_open(mem_ctx, env->rpc, &env->user,
					   a->emsmdb, &w1), MAPI_E_SUCCESS);
	start = timeval_current();
	ITEST_MAPI(mapi_notify_wait(w1, &pending), MAPI_E_SUCCESS);
	took = timeval_elapsed(&start);
	ITEST_ASSERT(!pending, "NotificationPending without events");
	ITEST_ASSERT(took > 2.5 && took < 10, "timed out after %.1f s", took);

	/* one outstanding call per session: the second is rejected */
	ITEST_MAPI(mapi_notify_waiter_open(mem_ctx, env->rpc, &env->user,
					   a->emsmdb, &w2), MAPI_E_SUCCESS);
	req1 = mapi_notify_wait_send(mem_ctx, w1);
	ITEST_ASSERT(!run_until_done(env->rpc->ev, req1, 300), "waiting");
	req2 = mapi_notify_wait_send(mem_ctx, w2);
	ITEST_ASSERT(run_until_done(env->rpc->ev, req2, 5000), "second wait");
	ITEST_MAPI(mapi_notify_wait_recv(req2, &pending), ecRejected);
	ITEST_ASSERT(run_until_done(env->rpc->ev, req1, 10000), "first wait");
	ITEST_MAPI(mapi_notify_wait_recv(req1, &pending), MAPI_E_SUCCESS);
	return true;
}

/* A session closed while its wait is outstanding: the wait completes,
 * with NotificationPending. */
static bool test_wait_session_closed(struct itest_env *env,
				     TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *a = itest_logon(env, mem_ctx);
	struct mapi_notify_waiter *w;
	struct tevent_req *req;
	bool pending = false;

	ITEST_ASSERT(a != NULL, "logon");
	ITEST_MAPI(mapi_notify_waiter_open(mem_ctx, env->rpc, &env->user,
					   a->emsmdb, &w), MAPI_E_SUCCESS);
	req = mapi_notify_wait_send(mem_ctx, w);
	ITEST_ASSERT(!run_until_done(env->rpc->ev, req, 300), "waiting");
	ITEST_MAPI(mapi_emsmdb_disconnect(a->emsmdb), MAPI_E_SUCCESS);
	ITEST_ASSERT(run_until_done(env->rpc->ev, req, 2000), "completed");
	ITEST_MAPI(mapi_notify_wait_recv(req, &pending), MAPI_E_SUCCESS);
	ITEST_ASSERT(pending, "NotificationPending");
	return true;
}

/* A categorised contents table gets TableChanged for a new row. */
static bool categorised_changed(struct mapi_logon *a, struct mapi_logon *b,
				TALLOC_CTX *mem_ctx, uint32_t fa, uint32_t fb,
				uint64_t inbox)
{
	static const uint32_t cols[] = { PidTagMid, PidTagSubject_W };
	const struct SortOrder by_subject = {
		.PropertyType = PidTagSubject_W & 0xFFFF,
		.PropertyId = PidTagSubject_W >> 16,
		.Order = TABLE_SORT_ASCEND
	};
	struct mapi_table *t;
	struct mapi_table_rows rows;
	struct mapi_notifications n;
	uint64_t mid;
	bool ok;

	if (mapi_table_contents(a, mem_ctx, fa, 0, &t, NULL) !=
	    MAPI_E_SUCCESS || mapi_table_set_columns(t, cols, 2) !=
	    MAPI_E_SUCCESS || mapi_table_sort_categories(t, &by_subject, 1, 1,
							1) != MAPI_E_SUCCESS ||
	    mapi_table_query_rows(t, mem_ctx, 100, 0, true, &rows) !=
	    MAPI_E_SUCCESS) {
		return false;
	}
	mid = save_message(b, mem_ctx, fb, inbox, "categorised");
	ok = mid != 0 && poll_notes(a, mem_ctx, &n) &&
	     find_row_note(&n, t->handle, TableEvent_TableChanged, 0) != NULL &&
	     find_row_note(&n, t->handle, TableEvent_TableRowAdded, mid) ==
	     NULL;
	mapi_messages_delete(b, mem_ctx, fb, &mid, 1, true);
	mapi_table_release(t);
	return ok;
}

/* Table notifications (MS-OXCNOTIF 3.1.4.3) of an open contents table
 * with a view: rows added, modified, deleted by another session. */
static bool test_contents_table(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	static const uint32_t cols[] = { PidTagMid, PidTagSubject_W };
	struct mapi_logon *a = itest_logon(env, mem_ctx);
	struct mapi_logon *b = second_logon(env, mem_ctx);
	struct mapi_table *t, *quiet;
	struct mapi_table_rows rows;
	struct mapi_notifications n;
	const struct NotificationData *d;
	uint64_t inbox, mid;
	uint32_t fa, fb, h;

	ITEST_ASSERT(a != NULL && b != NULL, "logons");
	inbox = a->folder_ids[MAPI_LOGON_INBOX];
	fa = open_folder(a, mem_ctx, inbox);
	fb = open_folder(b, mem_ctx, inbox);
	ITEST_MAPI(mapi_table_contents(a, mem_ctx, fa, 0, &t, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_set_columns(t, cols, 2), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 100, 0, true, &rows),
		   MAPI_E_SUCCESS);
	/* NoNotifications: this one stays quiet */
	ITEST_MAPI(mapi_table_contents(a, mem_ctx, fa,
				       TableFlags_NoNotifications, &quiet,
				       NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_set_columns(quiet, cols, 2), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_query_rows(quiet, mem_ctx, 100, 0, true, &rows),
		   MAPI_E_SUCCESS);
	poll_notes(a, mem_ctx, &n);

	mid = save_message(b, mem_ctx, fb, inbox, "table row");
	ITEST_ASSERT(mid != 0, "message");
	ITEST_ASSERT(poll_notes(a, mem_ctx, &n), "poll");
	d = find_row_note(&n, t->handle, TableEvent_TableRowAdded, mid);
	ITEST_ASSERT(d != NULL, "TableRowAdded (%u notifications)", n.count);
	ITEST_ASSERT(d->Table.Message.Row.Row.TableRowFolderID == inbox &&
		     d->Table.Message.RowData.RowData.TableRowDataSize > 0,
		     "row added data");
	ITEST_ASSERT(find_row_note(&n, quiet->handle,
				   TableEvent_TableRowAdded, mid) == NULL,
		     "NoNotifications table notified");

	ITEST_MAPI(mapi_message_open(b, mem_ctx, fb, inbox, mid, 1, &h, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(itest_set_string(b, mem_ctx, h, PidTagSubject_W,
				    "table row changed", NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(b, mem_ctx, h, 0, NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT(poll_notes(a, mem_ctx, &n), "poll");
	ITEST_ASSERT(find_row_note(&n, t->handle, TableEvent_TableRowModified,
				   mid) != NULL, "TableRowModified");

	ITEST_MAPI(mapi_messages_delete(b, mem_ctx, fb, &mid, 1, true),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(poll_notes(a, mem_ctx, &n), "poll");
	ITEST_ASSERT(find_row_note(&n, t->handle, TableEvent_TableRowDeleted,
				   mid) != NULL, "TableRowDeleted");

	/* the restriction of a table with a view changed */
	ITEST_MAPI(mapi_table_restrict(t, NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT(poll_notes(a, mem_ctx, &n), "poll");
	ITEST_ASSERT(find_row_note(&n, t->handle,
				   TableEvent_TableRestrictionChanged, 0),
		     "TableRestrictionChanged");
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 100, 0, true, &rows),
		   MAPI_E_SUCCESS);

	/* a categorised view: TableChanged */
	ITEST_ASSERT(categorised_changed(a, b, mem_ctx, fa, fb, inbox),
		     "TableChanged");

	/* released: no more */
	ITEST_MAPI(mapi_table_release(t), MAPI_E_SUCCESS);
	mid = save_message(b, mem_ctx, fb, inbox, "after release");
	ITEST_ASSERT(poll_notes(a, mem_ctx, &n), "poll");
	ITEST_ASSERT(find_row_note(&n, t->handle, TableEvent_TableRowAdded,
				   mid) == NULL, "released table notified");
	mapi_messages_delete(b, mem_ctx, fb, &mid, 1, true);
	return true;
}

/* Hierarchy table: a subfolder created and deleted. */
static bool test_hierarchy_table(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	static const uint32_t cols[] = { PidTagFolderId, PidTagDisplayName_W };
	struct mapi_logon *a = itest_logon(env, mem_ctx);
	struct mapi_logon *b = second_logon(env, mem_ctx);
	struct mapi_table *t;
	struct mapi_table_rows rows;
	struct mapi_notifications n;
	const struct NotificationData *d;
	uint64_t ipm, fid;
	uint32_t fb, h;

	ITEST_ASSERT(a != NULL && b != NULL, "logons");
	ipm = a->folder_ids[MAPI_LOGON_IPM_SUBTREE];
	ITEST_MAPI(mapi_table_hierarchy(a, mem_ctx, open_folder(a, mem_ctx,
								 ipm),
					0, &t, NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_set_columns(t, cols, 2), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 100, 0, true, &rows),
		   MAPI_E_SUCCESS);
	fb = open_folder(b, mem_ctx, ipm);
	ITEST_MAPI(mapi_folder_create(b, mem_ctx, fb, "notify hierarchy",
				      NULL, &fid, &h, NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT(poll_notes(a, mem_ctx, &n), "poll");
	d = find_row_note(&n, t->handle, TableEvent_TableRowAdded, fid);
	ITEST_ASSERT(d != NULL, "TableRowAdded (%u notifications)", n.count);
	ITEST_ASSERT(d->Table.Folder.RowData.RowData.TableRowDataSize > 0,
		     "row data");
	ITEST_MAPI(mapi_folder_delete(b, mem_ctx, fb, fid, 0x05, NULL),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(poll_notes(a, mem_ctx, &n), "poll");
	ITEST_ASSERT(find_row_note(&n, t->handle, TableEvent_TableRowDeleted,
				   fid) != NULL, "TableRowDeleted");
	return true;
}

/* A raw EcRRegisterPushNotification. */
static enum MAPISTATUS push_raw(struct mapi_emsmdb *e, const uint8_t *ctx,
				uint16_t ctx_len, uint32_t bits,
				const uint8_t *addr, uint16_t addr_len)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	uint32_t h = 0;

	if (!NT_STATUS_IS_OK(dcerpc_EcRRegisterPushNotification(
		    e->pipe->binding_handle, e, &e->handle, 0,
		    discard_const_p(uint8_t, ctx), ctx_len, bits,
		    discard_const_p(uint8_t, addr), addr_len, &h,
		    &result))) {
		return MAPI_E_CALL_FAILED;
	}
	return result;
}

static ssize_t recv_within(int fd, uint8_t *buf, size_t len, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (poll(&p, 1, ms) != 1) {
		return -1;
	}
	return recv(fd, buf, len, 0);
}

/* MS-OXCRPC 3.1.4.5: the datagram carries the context; again after the
 * interval (2 s on the test server) while notifications wait. */
static bool test_push(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	static const uint8_t ctx[] = "push-context-01";
	static const uint8_t bad_family[16] = { 99, 0 };
	static const uint8_t short_inet[12] = { 2, 0 };
	struct mapi_logon *a = itest_logon(env, mem_ctx);
	struct mapi_logon *b = second_logon(env, mem_ctx);
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof(sin);
	struct mapi_notifications n;
	uint8_t buf[64];
	uint64_t fid;
	uint32_t sub, push, h;
	int fd;

	ITEST_ASSERT(a != NULL && b != NULL, "logons");
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ITEST_ASSERT(fd != -1 && bind(fd, (struct sockaddr *)&sin,
				      sizeof(sin)) == 0 &&
		     getsockname(fd, (struct sockaddr *)&sin, &len) == 0,
		     "UDP socket");
	/* errors: context too big, bad addresses, advise bits */
	ITEST_MAPI(push_raw(a->emsmdb, buf, 17, 0xFFFFFFFF, bad_family, 16),
		   MAPI_E_TOO_BIG);
	ITEST_MAPI(push_raw(a->emsmdb, ctx, 4, 0xFFFFFFFF, bad_family, 16),
		   MAPI_E_INVALID_PARAMETER);
	ITEST_MAPI(push_raw(a->emsmdb, ctx, 4, 0xFFFFFFFF, short_inet, 12),
		   MAPI_E_INVALID_PARAMETER);
	ITEST_MAPI(push_raw(a->emsmdb, ctx, 4, 0, short_inet, 12),
		   MAPI_E_INVALID_PARAMETER);
	ITEST_MAPI(mapi_notify_register_push(a->emsmdb, ctx, sizeof(ctx) - 1,
					     (struct sockaddr *)&sin,
					     sizeof(sin), &push),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(push != 0, "hNotification");
	ITEST_MAPI(mapi_notify_register(a, mem_ctx, a->handle,
					NotificationTypes_ObjectCreated, true,
					0, 0, &sub), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_create(b, mem_ctx,
				      open_folder(b, mem_ctx, b->folder_ids[
						MAPI_LOGON_IPM_SUBTREE]),
				      "notify push", NULL, &fid, &h, NULL),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(recv_within(fd, buf, sizeof(buf), 5000) ==
		     sizeof(ctx) - 1 && memcmp(buf, ctx, sizeof(ctx) - 1) == 0,
		     "no datagram with the context");
	ITEST_ASSERT(recv_within(fd, buf, sizeof(buf), 5000) ==
		     sizeof(ctx) - 1, "no second datagram");
	ITEST_ASSERT(poll_notes(a, mem_ctx, &n) &&
		     find_note(&n, sub, NotificationType_ObjectCreated, false),
		     "the notification");
	/* fetched: the datagrams stop */
	while (recv_within(fd, buf, sizeof(buf), 0) > 0) {
	}
	ITEST_ASSERT(recv_within(fd, buf, sizeof(buf), 3000) < 0,
		     "datagram after the notifications were fetched");
	mapi_folder_delete(b, mem_ctx, open_folder(b, mem_ctx, b->folder_ids[
				   MAPI_LOGON_IPM_SUBTREE]), fid, 0x05, NULL);
	close(fd);
	return true;
}

/* Create @a count messages in @a fid, twenty per EcDoRpcExt2. */
static bool many_messages(struct mapi_logon *b, TALLOC_CTX *mem_ctx,
			  uint32_t folder, uint64_t fid, int count)
{
	struct RopRequest req[60];
	uint32_t handles[21];
	struct mapi_emsmdb_rop_result res;
	int done = 0, i, k;

	while (done < count) {
		int batch = count - done > 20 ? 20 : count - done;

		handles[0] = folder;
		memset(req, 0, sizeof(req));
		for (i = 0, k = 0; i < batch; i++) {
			handles[i + 1] = NO_HANDLE;
			req[k].RopId = RopCreateMessage;
			req[k].LogonId = b->logon_id;
			req[k].HandleIndex = 0;
			req[k].Body.CreateMessage.OutputHandleIndex = i + 1;
			req[k].Body.CreateMessage.CodePageId = 0x0FFF;
			req[k++].Body.CreateMessage.FolderId = fid;
			req[k].RopId = RopSaveChangesMessage;
			req[k].LogonId = b->logon_id;
			req[k].HandleIndex = i + 1;
			req[k++].Body.SaveChangesMessage.InputHandleIndex =
				i + 1;
			req[k].RopId = RopRelease;
			req[k].LogonId = b->logon_id;
			req[k++].HandleIndex = i + 1;
		}
		if (mapi_emsmdb_rops(b->emsmdb, mem_ctx, req, k, handles,
				     batch + 1, NULL, &res) != MAPI_E_SUCCESS) {
			return false;
		}
		done += batch;
	}
	return true;
}

static uint32_t count_type(const struct mapi_notifications *n,
			   uint32_t handle, uint16_t type)
{
	uint32_t i, c = 0;

	for (i = 0; i < n->count; i++) {
		if (n->list[i].handle == handle &&
		    NT_TYPE(n->list[i].data.NotificationFlags) == type) {
			c++;
		}
	}
	return c;
}

static bool has_pending(const struct mapi_notifications *n, uint16_t index)
{
	uint32_t i;

	for (i = 0; i < n->pending_count; i++) {
		if (n->pending[i] == index) {
			return true;
		}
	}
	return false;
}

/* More notifications than a reply holds: RopPending (MS-OXCNOTIF
 * 3.1.5.5) for the session, and for a session linked to it (3.1.5.6). */
static bool test_pending(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *a = itest_logon(env, mem_ctx);
	struct mapi_logon *b = second_logon(env, mem_ctx);
	struct mapi_emsmdb_connect_params cp;
	struct mapi_emsmdb *linked;
	struct mapi_notifications n;
	uint64_t fid;
	uint32_t sub, fb, h, created = 0, rounds = 0;
	const int count = 600;

	ITEST_ASSERT(a != NULL && b != NULL, "logons");
	mapi_emsmdb_connect_params_init(&cp, itest_dn_of(env, mem_ctx,
							 &env->user));
	cp.link = a->emsmdb->icxr;
	ITEST_MAPI(mapi_emsmdb_connect_ex(mem_ctx, env->rpc, &env->user, &cp,
					  NULL, &linked), MAPI_E_SUCCESS);
	ITEST_ASSERT(linked->icxr != a->emsmdb->icxr, "session indexes");
	ITEST_MAPI(mapi_notify_register(a, mem_ctx, a->handle,
					NotificationTypes_ObjectCreated |
					NotificationTypes_ObjectModified, true,
					0, 0, &sub), MAPI_E_SUCCESS);
	fb = open_folder(b, mem_ctx, b->folder_ids[MAPI_LOGON_IPM_SUBTREE]);
	ITEST_MAPI(mapi_folder_create(b, mem_ctx, fb, "notify pending", NULL,
				      &fid, &h, NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT(many_messages(b, mem_ctx, h, fid, count), "messages");

	/* the linked session learns that the other has notifications */
	ITEST_MAPI(mapi_notify_poll(linked, mem_ctx, &n), MAPI_E_SUCCESS);
	ITEST_ASSERT(has_pending(&n, a->emsmdb->icxr),
		     "no RopPending for the linked session");
	do {
		ITEST_MAPI(mapi_notify_poll(a->emsmdb, mem_ctx, &n),
			   MAPI_E_SUCCESS);
		created += count_type(&n, sub,
				      NotificationType_ObjectCreated);
		rounds++;
	} while (has_pending(&n, a->emsmdb->icxr) && rounds < 20);
	ITEST_ASSERT(rounds > 1, "everything fit in one reply");
	ITEST_ASSERT(created == count + 1, "%u ObjectCreated", created);
	mapi_folder_delete(b, mem_ctx, fb, fid, 0x15, NULL);
	return true;
}

/* mapi_notify_loop: the callback sees the events until it stops. */
struct loop_state {
	uint32_t sub;
	uint64_t fid;
	bool seen;
};

static bool on_note(const struct mapi_notification *n, void *private_data)
{
	struct loop_state *s = private_data;

	if (n->handle == s->sub &&
	    NT_TYPE(n->data.NotificationFlags) ==
	    NotificationType_ObjectCreated && n->data.FolderId.Id == s->fid) {
		s->seen = true;
		return false;
	}
	return true;
}

static bool test_loop(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *a = itest_logon(env, mem_ctx);
	struct mapi_logon *b = second_logon(env, mem_ctx);
	struct mapi_notify_waiter *w;
	struct loop_state s = { 0 };
	uint32_t fb, h;

	ITEST_ASSERT(a != NULL && b != NULL, "logons");
	ITEST_MAPI(mapi_notify_register(a, mem_ctx, a->handle,
					NotificationTypes_ObjectCreated, true,
					0, 0, &s.sub), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_notify_waiter_open(mem_ctx, env->rpc, &env->user,
					   a->emsmdb, &w), MAPI_E_SUCCESS);
	fb = open_folder(b, mem_ctx, b->folder_ids[MAPI_LOGON_IPM_SUBTREE]);
	ITEST_MAPI(mapi_folder_create(b, mem_ctx, fb, "notify loop", NULL,
				      &s.fid, &h, NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_notify_loop(a->emsmdb, w, on_note, &s),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(s.seen, "callback");
	mapi_folder_delete(b, mem_ctx, fb, s.fid, 0x05, NULL);
	return true;
}

/* RopRelease ends a subscription. */
static bool test_release(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *a = itest_logon(env, mem_ctx);
	struct mapi_logon *b = second_logon(env, mem_ctx);
	struct mapi_notifications n;
	uint64_t fid;
	uint32_t sub, fb, h;

	ITEST_ASSERT(a != NULL && b != NULL, "logons");
	ITEST_MAPI(mapi_notify_register(a, mem_ctx, a->handle,
					NotificationTypes_ObjectCreated, true,
					0, 0, &sub), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_object_release(a, sub), MAPI_E_SUCCESS);
	fb = open_folder(b, mem_ctx, b->folder_ids[MAPI_LOGON_IPM_SUBTREE]);
	ITEST_MAPI(mapi_folder_create(b, mem_ctx, fb, "notify release", NULL,
				      &fid, &h, NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT(poll_notes(a, mem_ctx, &n), "poll");
	ITEST_ASSERT(find_note(&n, sub, NotificationType_ObjectCreated, false)
		     == NULL, "a released subscription notified");
	mapi_folder_delete(b, mem_ctx, fb, fid, 0x05, NULL);
	return true;
}

int main(int argc, const char **argv)
{
	static const struct itest tests[] = {
		{ "register-errors", test_register_errors },
		{ "new-mail-other-process", test_new_mail },
		{ "object-events", test_object_events },
		{ "delivery", test_delivery },
		{ "async-wait", test_async_wait },
		{ "wait-session-closed", test_wait_session_closed },
		{ "contents-table", test_contents_table },
		{ "hierarchy-table", test_hierarchy_table },
		{ "push", test_push },
		{ "pending", test_pending },
		{ "loop", test_loop },
		{ "release", test_release },
	};

	return itest_main("emsmdb-notify", tests, ARRAY_SIZE(tests), argc,
			  argv);
}
