/*
 * Mail from one user to two others, end to end through libmapi and the
 * server (issue 5's scenario), one step per test, in order:
 *
 *  - bob's session subscribes to new mail (RopRegisterNotification) and
 *    waits on AsyncEMSMDB (EcDoAsyncWaitEx, MS-OXCRPC 3.3.4.1);
 *  - alice writes a message in her Outbox: an HTML body, two attachments
 *    (a small one set as a property, one of 3 MB written through a
 *    stream, MS-OXCPRPT 2.2.14-2.2.18), bob as To and carol as Cc
 *    (RopModifyRecipients), and submits it (RopSubmitMessage);
 *  - bob's wait completes with NotificationPending; RopNotify names the
 *    new message in his Inbox (NewMail, MS-OXCNOTIF 2.2.1.4.1.2);
 *  - bob reads it: sender, subject, recipients, the HTML body and both
 *    attachments through streams, byte for byte; carol has it too;
 *  - alice's Sent Items holds her copy and her Outbox no longer does;
 *  - bob's and carol's Inbox counts grew by one unread message; bob
 *    marks it read (RopSetMessageReadFlag) and his unread count is back.
 */
#include "itest_emsmdb.h"
#include <sys/time.h>
#include <unistd.h>
#include "libmapi/attachment.h"
#include "libmapi/body.h"
#include "libmapi/notify.h"
#include "libmapi/stream.h"
#include "libmapi/table.h"
#include "libmapi/transport.h"
#include "libmapi/ndr/recipient_row.h"

#define PidTagSubject_W			0x0037001F
#define PidTagMessageClass_W		0x001A001F
#define PidTagSenderName_W		0x0C1A001F
#define PidTagDisplayTo_W		0x0E04001F
#define PidTagDisplayCc_W		0x0E03001F
#define PidTagMessageFlags		0x0E070003
#define PidTagHasAttachments		0x0E1B000B
#define PidTagBody_W			0x1000001F
#define PidTagHtml			0x10130102
#define PidTagContentUnreadCount	0x36030003
#define PidTagAttachDataBinary		0x37010102
#define PidTagAttachLongFilename_W	0x3707001F
#define PidTagAttachMethod		0x37050003
#define PidTagMid			0x674A0014

#define MSGFLAG_READ		0x01
#define MSGFLAG_HASATTACH	0x10
#define AF_BY_VALUE		1
#define RECIP_TO		1
#define RECIP_CC		2
#define BIG_SIZE		(3 * 1024 * 1024)
#define SMALL_SIZE		1000
#define WAKE_MS			20000	/* the longest bob waits for mail */

static const char html[] =
	"<html><head><meta charset=\"utf-8\"></head><body>"
	"<h1>Quarterly figures</h1><p>Dear Bob, dear Carol,</p>"
	"<p>the figures are <b>attached</b> &mdash; both files.</p>"
	"<p>Gr\xc3\xbc\xc3\x9f" "e, Alice</p></body></html>";

/* What the steps share; on env->mem_ctx, so that it outlives each test. */
struct flow {
	struct mapi_logon *alice, *bob, *carol;
	struct mapi_notify_waiter *waiter;
	struct tevent_req *wait;
	uint32_t sub;			/* bob's subscription */
	const char *subject;
	uint8_t *small, *big;		/* the attachments' bytes */
	uint64_t bob_mid;		/* from the NewMail notification */
	int64_t bob_total, bob_unread;	/* bob's Inbox before */
	int64_t carol_total, carol_unread;
	bool sent;
};

static struct flow *F;

/* ----------------------------------------------------------- helpers */

/* A logon of test user @a index (0 alice, 1 bob, 2 carol). */
static struct mapi_logon *logon_as(struct itest_env *env,
				   TALLOC_CTX *mem_ctx, int index,
				   struct mapi_rpc_params *who)
{
	struct mapi_emsmdb *e = NULL;
	struct mapi_logon *logon = NULL;
	const char *dn;

	if (!itest_user_from_env(mem_ctx, index, who)) {
		return NULL;
	}
	dn = itest_dn_of(env, mem_ctx, who);
	if (dn == NULL || mapi_emsmdb_connect(mem_ctx, env->rpc, who, dn,
					      &e) != MAPI_E_SUCCESS ||
	    mapi_logon_private(mem_ctx, e, 0, dn, &logon) != MAPI_E_SUCCESS) {
		return NULL;
	}
	return logon;
}

static uint8_t *pattern(TALLOC_CTX *mem_ctx, size_t size, unsigned seed)
{
	uint8_t *p = talloc_size(mem_ctx, size);
	size_t i;

	for (i = 0; p != NULL && i < size; i++) {
		p[i] = (uint8_t)((i * 131 + seed * 7 + (i >> 12)) & 0xFF);
	}
	return p;
}

/* An integer property of folder @a fid. */
static int64_t folder_long(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			   uint64_t fid, uint32_t tag)
{
	uint32_t h;
	int64_t v;

	if (mapi_folder_open(logon, mem_ctx, logon->handle, fid, &h) !=
	    MAPI_E_SUCCESS) {
		return -1;
	}
	v = itest_prop_long(logon, mem_ctx, h, tag);
	mapi_object_release(logon, h);
	return v;
}

static int64_t inbox_long(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			  uint32_t tag)
{
	return folder_long(logon, mem_ctx, logon->folder_ids[MAPI_LOGON_INBOX],
			   tag);
}

/* The MIDs of the messages of @a fid with @a subject: how many, the
 * last in @a mid. */
static int find(struct mapi_logon *logon, TALLOC_CTX *mem_ctx, uint64_t fid,
		const char *subject, uint64_t *mid)
{
	static const uint32_t cols[] = { PidTagMid, PidTagSubject_W };
	struct mapi_table_rows rows = { 0 };
	struct mapi_table *t = NULL;
	uint32_t h, i;
	int found = 0;

	if (mapi_folder_open(logon, mem_ctx, logon->handle, fid, &h) !=
	    MAPI_E_SUCCESS ||
	    mapi_table_contents(logon, mem_ctx, h, 0, &t, NULL) !=
	    MAPI_E_SUCCESS ||
	    mapi_table_set_columns(t, cols, 2) != MAPI_E_SUCCESS ||
	    mapi_table_query_all(t, mem_ctx, 100, 0, &rows) !=
	    MAPI_E_SUCCESS) {
		return -1;
	}
	for (i = 0; i < rows.count; i++) {
		const union PropertyValueUnion *s, *m;

		s = mapi_table_cell(t, &rows.rows[i], PidTagSubject_W);
		m = mapi_table_cell(t, &rows.rows[i], PidTagMid);
		if (s != NULL && m != NULL && strcmp(s->String, subject) == 0) {
			*mid = m->Integer64;
			found++;
		}
	}
	mapi_table_release(t);
	mapi_object_release(logon, h);
	return found;
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

/* ----------------------------------------------------- alice's message */

/* The recipients: bob To by his legacyExchangeDN (EX), carol Cc by her
 * SMTP address. */
static bool recipients(struct itest_env *env, TALLOC_CTX *mem_ctx,
		       struct mapi_logon *alice, uint32_t m)
{
	struct mapi_rpc_params bob = { 0 }, carol = { 0 };
	const char *bob_dn, *carol_smtp;
	struct mapi_recipient r[2];
	struct TaggedPropertyValue *p;

	p = talloc_zero_array(mem_ctx, struct TaggedPropertyValue, 6);
	if (p == NULL || !itest_user_from_env(mem_ctx, 1, &bob) ||
	    !itest_user_from_env(mem_ctx, 2, &carol)) {
		return false;
	}
	bob_dn = itest_dn_of(env, mem_ctx, &bob);
	carol_smtp = talloc_asprintf(mem_ctx, "%s@%s", carol.username,
				     strlower_talloc(mem_ctx,
						     getenv("REALM")));
	if (bob_dn == NULL || carol_smtp == NULL) {
		return false;
	}
	p[0] = (struct TaggedPropertyValue){ RECIPIENT_PidTagDisplayName,
					     { .String = "Bob Tester" } };
	p[1] = (struct TaggedPropertyValue){ RECIPIENT_PidTagAddressType,
					     { .String = "EX" } };
	p[2] = (struct TaggedPropertyValue){ RECIPIENT_PidTagEmailAddress,
					     { .String = bob_dn } };
	p[3] = (struct TaggedPropertyValue){ RECIPIENT_PidTagDisplayName,
					     { .String = "Carol Tester" } };
	p[4] = (struct TaggedPropertyValue){ RECIPIENT_PidTagAddressType,
					     { .String = "SMTP" } };
	p[5] = (struct TaggedPropertyValue){ RECIPIENT_PidTagEmailAddress,
					     { .String = carol_smtp } };
	r[0] = (struct mapi_recipient){ .row_id = 0, .type = RECIP_TO,
					.props = p, .count = 3 };
	r[1] = (struct mapi_recipient){ .row_id = 1, .type = RECIP_CC,
					.props = p + 3, .count = 3 };
	return mapi_recipients_modify(alice, mem_ctx, m, NULL, 0, r, 2) ==
	       MAPI_E_SUCCESS;
}

/* A by-value attachment named @a name; its data set as a property, or
 * with @a stream written through a stream (Create, WriteStream pieces,
 * CommitStream). */
static bool attach(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
		   uint32_t m, const char *name, const uint8_t *data,
		   size_t size, bool stream)
{
	struct TaggedPropertyValue v[3] = {
		{ .PropertyTag = PidTagAttachMethod },
		{ .PropertyTag = PidTagAttachLongFilename_W },
		{ .PropertyTag = PidTagAttachDataBinary },
	};
	uint32_t num, att, st;
	bool ok;

	v[0].Value.Integer32 = AF_BY_VALUE;
	v[1].Value.String = name;
	v[2].Value.Binary.Count = size;
	v[2].Value.Binary.Data = discard_const_p(uint8_t, data);
	if (mapi_attachment_create(logon, mem_ctx, m, &num, &att) !=
	    MAPI_E_SUCCESS ||
	    mapi_props_set(logon, mem_ctx, att, v, stream ? 2 : 3, NULL) !=
	    MAPI_E_SUCCESS) {
		return false;
	}
	if (stream) {
		ok = mapi_stream_open(logon, mem_ctx, att,
				      PidTagAttachDataBinary,
				      OpenStream_Create, &st, NULL) ==
		     MAPI_E_SUCCESS &&
		     mapi_stream_write_all(logon, st, data, size) ==
		     MAPI_E_SUCCESS &&
		     mapi_stream_commit(logon, st) == MAPI_E_SUCCESS &&
		     mapi_object_release(logon, st) == MAPI_E_SUCCESS;
		if (!ok) {
			return false;
		}
	}
	ok = mapi_attachment_save(logon, mem_ctx, att, KeepOpenReadOnly) ==
	     MAPI_E_SUCCESS;
	mapi_object_release(logon, att);
	return ok;
}

/* The message, saved in alice's Outbox and kept open read/write. */
static bool compose(struct itest_env *env, TALLOC_CTX *mem_ctx,
		    struct mapi_logon *alice, uint32_t *m)
{
	uint64_t outbox = alice->folder_ids[MAPI_LOGON_OUTBOX];
	struct TaggedPropertyValue *body = NULL;
	uint16_t n = 0;

	return mapi_message_create(alice, mem_ctx, alice->handle, outbox,
				   false, m) == MAPI_E_SUCCESS &&
	       itest_set_string(alice, mem_ctx, *m, PidTagSubject_W,
				F->subject, NULL) == MAPI_E_SUCCESS &&
	       itest_set_string(alice, mem_ctx, *m, PidTagMessageClass_W,
				"IPM.Note", NULL) == MAPI_E_SUCCESS &&
	       mapi_body_set_html(mem_ctx, html, &body, &n) ==
	       MAPI_E_SUCCESS &&
	       mapi_props_set(alice, mem_ctx, *m, body, n, NULL) ==
	       MAPI_E_SUCCESS &&
	       attach(alice, mem_ctx, *m, "summary.txt", F->small, SMALL_SIZE,
		      false) &&
	       attach(alice, mem_ctx, *m, "figures.bin", F->big, BIG_SIZE,
		      true) &&
	       recipients(env, mem_ctx, alice, *m) &&
	       mapi_message_save(alice, mem_ctx, *m, KeepOpenReadWrite,
				 NULL) == MAPI_E_SUCCESS;
}

/* ----------------------------------------------------- reading a copy */

/* @a tag of @a object read through a stream equals @a data. */
static bool stream_is(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
		      uint32_t object, uint32_t tag, const void *data,
		      size_t size)
{
	DATA_BLOB got = { 0 };

	return mapi_stream_read_property(logon, mem_ctx, object, tag, &got) ==
	       MAPI_E_SUCCESS && got.length == size &&
	       memcmp(got.data, data, size) == 0;
}

/* Attachment @a num of @a m: named @a name, holding @a data. */
static bool attachment_is(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			  uint32_t m, uint32_t num, const char *name,
			  const uint8_t *data, size_t size)
{
	const char *got;
	uint32_t att;
	bool ok;

	if (mapi_attachment_open(logon, mem_ctx, m, num,
				 OpenAttachment_ReadOnly, &att) !=
	    MAPI_E_SUCCESS) {
		return false;
	}
	got = itest_prop_string(logon, mem_ctx, att,
				PidTagAttachLongFilename_W);
	ok = got != NULL && strcmp(got, name) == 0 &&
	     stream_is(logon, mem_ctx, att, PidTagAttachDataBinary, data,
		       size);
	mapi_object_release(logon, att);
	return ok;
}

/* The copy @a mid in @a logon's Inbox: what alice wrote, byte for byte. */
static bool copy_is_whole(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			  uint64_t mid)
{
	struct mapi_message_info *info = NULL;
	uint32_t *nums = NULL, m;
	uint16_t count = 0;
	const char *s;
	bool ok;

	if (mapi_message_open(logon, mem_ctx, logon->handle,
			      logon->folder_ids[MAPI_LOGON_INBOX], mid,
			      OpenMessage_ReadOnly, &m, &info) !=
	    MAPI_E_SUCCESS) {
		printf("    cannot open the copy\n");
		return false;
	}
	s = itest_prop_string(logon, mem_ctx, m, PidTagSubject_W);
	ok = s != NULL && strcmp(s, F->subject) == 0 &&
	     info->recipient_count == 2;
	s = itest_prop_string(logon, mem_ctx, m, PidTagSenderName_W);
	ok = ok && s != NULL && strcmp(s, "Alice Tester") == 0;
	s = itest_prop_string(logon, mem_ctx, m, PidTagDisplayTo_W);
	ok = ok && s != NULL && strcmp(s, "Bob Tester") == 0;
	s = itest_prop_string(logon, mem_ctx, m, PidTagDisplayCc_W);
	ok = ok && s != NULL && strcmp(s, "Carol Tester") == 0;
	if (!ok) {
		printf("    subject, sender or recipients differ\n");
	}
	ok = ok && stream_is(logon, mem_ctx, m, PidTagHtml, html,
			     strlen(html));
	s = itest_prop_string(logon, mem_ctx, m, PidTagBody_W);
	ok = ok && s != NULL && strstr(s, "Quarterly figures") != NULL;
	ok = ok && itest_prop_long(logon, mem_ctx, m, PidTagHasAttachments) ==
		   1 &&
	     mapi_attachments_valid(logon, mem_ctx, m, &nums, &count) ==
	     MAPI_E_SUCCESS && count == 2 &&
	     attachment_is(logon, mem_ctx, m, nums[0], "summary.txt",
			   F->small, SMALL_SIZE) &&
	     attachment_is(logon, mem_ctx, m, nums[1], "figures.bin", F->big,
			   BIG_SIZE);
	mapi_object_release(logon, m);
	return ok;
}

/* ------------------------------------------------------------- tests */

/* bob and carol as they were; bob subscribed and waiting. */
static bool test_bob_waits(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_rpc_params *bob = talloc_zero(env->mem_ctx,
						  struct mapi_rpc_params);
	struct mapi_rpc_params carol = { 0 }, alice = { 0 };

	F = talloc_zero(env->mem_ctx, struct flow);
	ITEST_ASSERT(F != NULL && bob != NULL, "memory");
	F->subject = talloc_asprintf(F, "mail flow %ld.%d", (long)time(NULL),
				     (int)getpid());
	F->small = pattern(F, SMALL_SIZE, 1);
	F->big = pattern(F, BIG_SIZE, 2);
	F->alice = logon_as(env, F, 0, &alice);
	F->bob = logon_as(env, F, 1, bob);
	F->carol = logon_as(env, F, 2, &carol);
	ITEST_ASSERT(F->alice && F->bob && F->carol, "logons");
	F->bob_total = inbox_long(F->bob, mem_ctx, PidTagContentCount);
	F->bob_unread = inbox_long(F->bob, mem_ctx, PidTagContentUnreadCount);
	F->carol_total = inbox_long(F->carol, mem_ctx, PidTagContentCount);
	F->carol_unread = inbox_long(F->carol, mem_ctx,
				     PidTagContentUnreadCount);
	ITEST_ASSERT(F->bob_total >= 0 && F->bob_unread >= 0 &&
		     F->carol_total >= 0 && F->carol_unread >= 0, "counts");
	ITEST_MAPI(mapi_notify_register(F->bob, F, F->bob->handle,
					NotificationTypes_NewMail, true, 0, 0,
					&F->sub), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_notify_waiter_open(F, env->rpc, bob, F->bob->emsmdb,
					   &F->waiter), MAPI_E_SUCCESS);
	F->wait = mapi_notify_wait_send(F, F->waiter);
	ITEST_ASSERT(F->wait != NULL, "EcDoAsyncWaitEx");
	ITEST_ASSERT(!run_until_done(F->waiter->ev, F->wait, 300),
		     "the wait completed before any mail");
	return true;
}

static bool test_alice_sends(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	uint32_t m;

	ITEST_ASSERT(F != NULL && F->alice != NULL, "no earlier step");
	ITEST_ASSERT(compose(env, mem_ctx, F->alice, &m),
		     "cannot write the message");
	ITEST_MAPI(mapi_message_submit(F->alice, mem_ctx, m, 0),
		   MAPI_E_SUCCESS);
	mapi_object_release(F->alice, m);
	F->sent = true;
	return true;
}

/* The NewMail of bob's subscription in what a poll brings, or 0. */
static uint64_t new_mail(struct mapi_logon *bob, TALLOC_CTX *mem_ctx,
			 bool *pending)
{
	struct mapi_notifications n;
	uint32_t i;

	*pending = false;
	if (mapi_notify_poll(bob->emsmdb, mem_ctx, &n) != MAPI_E_SUCCESS) {
		return 0;
	}
	for (i = 0; i < n.pending_count; i++) {
		*pending |= n.pending[i] == bob->emsmdb->icxr;
	}
	for (i = 0; i < n.count; i++) {
		const struct NotificationData *d = &n.list[i].data;
		const struct NotifyNewMail *nm = &d->NewMail.NewMail;

		if (n.list[i].handle == F->sub &&
		    (d->NotificationFlags & 0x0FFF) ==
		    NotificationType_NewMail &&
		    d->FolderId.Id == bob->folder_ids[MAPI_LOGON_INBOX] &&
		    nm->UnicodeFlag &&
		    strcmp(nm->MessageClass.Unicode, "IPM.Note") == 0 &&
		    (nm->MessageFlags & MSGFLAG_READ) == 0) {
			return d->MessageId.Id;
		}
	}
	return 0;
}

/* bob's wait completes with NotificationPending (a wait the server ends
 * for want of events, after its timeout, is made again, as a client
 * does), and the NewMail names the message. */
static bool test_bob_wakes(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct timeval end = timeval_current_ofs_msec(WAKE_MS);
	bool pending = false, more = false;
	int polls = 0;

	ITEST_ASSERT(F != NULL && F->sent && F->wait != NULL,
		     "no earlier step");
	while (!pending && !timeval_expired(&end)) {
		if (!run_until_done(F->waiter->ev, F->wait, 1000)) {
			continue;
		}
		ITEST_MAPI(mapi_notify_wait_recv(F->wait, &pending),
			   MAPI_E_SUCCESS);
		TALLOC_FREE(F->wait);
		if (!pending) {
			F->wait = mapi_notify_wait_send(F, F->waiter);
			ITEST_ASSERT(F->wait != NULL, "EcDoAsyncWaitEx");
		}
	}
	ITEST_ASSERT(pending, "the wait did not wake within %d s",
		     WAKE_MS / 1000);
	do {
		F->bob_mid = new_mail(F->bob, mem_ctx, &more);
	} while (F->bob_mid == 0 && more && ++polls < 10);
	ITEST_ASSERT(F->bob_mid != 0, "no NewMail for the message");
	return true;
}

static bool test_bob_reads(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	uint64_t mid = 0;

	ITEST_ASSERT(F != NULL && F->bob_mid != 0, "no earlier step");
	ITEST_ASSERT(find(F->bob, mem_ctx,
			  F->bob->folder_ids[MAPI_LOGON_INBOX], F->subject,
			  &mid) == 1 && mid == F->bob_mid,
		     "the notification names another message");
	ITEST_ASSERT(copy_is_whole(F->bob, mem_ctx, F->bob_mid),
		     "bob's copy is not what alice sent");
	return true;
}

static bool test_carol_reads(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	uint64_t mid = 0;

	ITEST_ASSERT(F != NULL && F->sent, "no earlier step");
	ITEST_ASSERT(find(F->carol, mem_ctx,
			  F->carol->folder_ids[MAPI_LOGON_INBOX], F->subject,
			  &mid) == 1, "carol has no copy");
	ITEST_ASSERT(copy_is_whole(F->carol, mem_ctx, mid),
		     "carol's copy is not what alice sent");
	return true;
}

static bool test_sent_items(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *a;
	uint64_t mid = 0;
	uint32_t m;

	ITEST_ASSERT(F != NULL && F->sent, "no earlier step");
	a = F->alice;
	ITEST_ASSERT(find(a, mem_ctx, a->folder_ids[MAPI_LOGON_OUTBOX],
			  F->subject, &mid) == 0, "still in alice's Outbox");
	ITEST_ASSERT(find(a, mem_ctx, a->folder_ids[MAPI_LOGON_SENT_ITEMS],
			  F->subject, &mid) == 1, "not in alice's Sent Items");
	ITEST_MAPI(mapi_message_open(a, mem_ctx, a->handle,
				     a->folder_ids[MAPI_LOGON_SENT_ITEMS],
				     mid, OpenMessage_ReadOnly, &m, NULL),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(a, mem_ctx, m, PidTagMessageFlags) &
		     MSGFLAG_READ, "alice's copy is unread");
	ITEST_ASSERT(stream_is(a, mem_ctx, m, PidTagHtml, html,
			       strlen(html)), "alice's copy: the HTML body");
	mapi_object_release(a, m);
	return true;
}

static bool test_unread_counts(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	ITEST_ASSERT(F != NULL && F->sent, "no earlier step");
	ITEST_ASSERT(inbox_long(F->bob, mem_ctx, PidTagContentCount) ==
		     F->bob_total + 1, "bob's Inbox count");
	ITEST_ASSERT(inbox_long(F->bob, mem_ctx, PidTagContentUnreadCount) ==
		     F->bob_unread + 1, "bob's unread count");
	ITEST_ASSERT(inbox_long(F->carol, mem_ctx, PidTagContentCount) ==
		     F->carol_total + 1, "carol's Inbox count");
	ITEST_ASSERT(inbox_long(F->carol, mem_ctx, PidTagContentUnreadCount)
		     == F->carol_unread + 1, "carol's unread count");
	return true;
}

/* RopSetMessageReadFlag: bob's count of unread messages is back, carol's
 * copy stays unread. */
static bool test_mark_read(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *b;
	uint32_t m;

	ITEST_ASSERT(F != NULL && F->bob_mid != 0, "no earlier step");
	b = F->bob;
	ITEST_MAPI(mapi_message_open(b, mem_ctx, b->handle,
				     b->folder_ids[MAPI_LOGON_INBOX],
				     F->bob_mid, OpenMessage_ReadOnly, &m,
				     NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT((itest_prop_long(b, mem_ctx, m, PidTagMessageFlags) &
		      (MSGFLAG_READ | MSGFLAG_HASATTACH)) ==
		     MSGFLAG_HASATTACH, "unread with attachments before");
	ITEST_MAPI(mapi_message_set_read_flag(b, mem_ctx, m, rfDefault, NULL,
					      NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(b, mem_ctx, m, PidTagMessageFlags) &
		     MSGFLAG_READ, "not read");
	mapi_object_release(b, m);
	ITEST_ASSERT(inbox_long(b, mem_ctx, PidTagContentUnreadCount) ==
		     F->bob_unread, "bob's unread count after reading");
	ITEST_ASSERT(inbox_long(F->carol, mem_ctx, PidTagContentUnreadCount)
		     == F->carol_unread + 1, "carol's copy was read");
	return true;
}

int main(int argc, const char **argv)
{
	static const struct itest tests[] = {
		{ "bob-waits", test_bob_waits },
		{ "alice-sends", test_alice_sends },
		{ "bob-wakes", test_bob_wakes },
		{ "bob-reads", test_bob_reads },
		{ "carol-reads", test_carol_reads },
		{ "sent-items", test_sent_items },
		{ "unread-counts", test_unread_counts },
		{ "mark-read", test_mark_read },
	};

	return itest_main("emsmdb-mailflow", tests, ARRAY_SIZE(tests), argc,
			  argv);
}
