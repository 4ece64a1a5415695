/*
 * Integration tests of sending (MS-OXOMSG) against torture/testenv:
 * RopSubmitMessage with local delivery (To, Cc, Bcc, a distribution
 * list, non-delivery reports, external recipients left queued),
 * RopAbortSubmit, the spooler ROPs, RopTransportSend,
 * RopTransportNewMail, RopGetTransportFolder, RopGetAddressTypes,
 * RopOptionsData, and a delivery interrupted by a server crash
 * (smb.conf "emsmdb:fault") completed exactly once after a restart.
 *
 * Recipients are written with the store library into the sender's
 * mailbox (the tests' fixture), until RopModifyRecipients exists; what
 * is checked goes through the server (libmapi) where a ROP exists, and
 * through the recipient's database for the recipient rows of copies.
 */
#include "itest_emsmdb.h"
#include "libmapi/table.h"
#include "libmapi/transport.h"
#include "store/store.h"

#include <libgen.h>
#include <time.h>
#include <unistd.h>

#define PidTagSubject_W			0x0037001F
#define PidTagMessageClass_W		0x001A001F
#define PidTagBody_W			0x1000001F
#define PidTagMessageFlags		0x0E070003
#define PidTagSenderName_W		0x0C1A001F
#define PidTagSenderEmailAddress_W	0x0C1F001F
#define PidTagSentRepresentingName_W	0x0042001F
#define PidTagReceivedByName_W		0x0040001F
#define PidTagReceivedByEmailAddress_W	0x0076001F
#define PidTagClientSubmitTime		0x00390040
#define PidTagMessageDeliveryTime	0x0E060040
#define PidTagTransportMessageHeaders_W	0x007D001F
#define PidTagDisplayBcc_W		0x0E02001F
#define PidTagMessageToMe		0x0057000B
#define PidTagOriginalSubject_W		0x0049001F
#define PidTagRecipientType		0x0C150003
#define PidTagAddressType_W		0x3002001F
#define PidTagEmailAddress_W		0x3003001F
#define PidTagNdrDiagCode		0x0C050003
#define PidTagDeleteAfterSubmit		0x0E01000B

#define MSGFLAG_READ		0x01
#define MSGFLAG_SUBMITTED	0x04
#define MSGFLAG_UNSENT		0x08

#define RECIP_TO	1
#define RECIP_CC	2
#define RECIP_BCC	3

/* One recipient row of a test message. */
struct recip {
	uint32_t type;
	const char *addrtype;
	const char *address;
	const char *name;
};

/* ----------------------------------------------------------- helpers */

static const char *envdir(TALLOC_CTX *mem_ctx, struct itest_env *env)
{
	char *conf = talloc_strdup(mem_ctx, env->smb_conf);

	return conf ? talloc_strdup(mem_ctx, dirname(dirname(conf))) : NULL;
}

/* The mailbox database of @a account, as the server opens it. */
static struct mstore *open_store(struct itest_env *env, TALLOC_CTX *mem_ctx,
				 const char *account)
{
	struct mstore_open_params p = { .mailbox = account, .create = true };
	struct mstore *store = NULL;

	p.directory = talloc_asprintf(mem_ctx, "%s/private/mapistore",
				      envdir(mem_ctx, env));
	if (mstore_open(mem_ctx, &p, &store) != MAPI_E_SUCCESS) {
		return NULL;
	}
	return store;
}

/* The MIDs of the messages of @a account's special folder with
 * @a subject. */
static uint32_t find(struct itest_env *env, TALLOC_CTX *mem_ctx,
		     const char *account, enum mstore_special_folder folder,
		     const char *subject, uint64_t *mid)
{
	struct mstore *store = open_store(env, mem_ctx, account);
	uint32_t tag = PidTagSubject_W, count = 0, found = 0, i;
	struct mstore_row *rows = NULL;
	uint64_t fid = 0, *mids = NULL;

	if (store == NULL ||
	    mstore_special_fid(store, folder, &fid) != MAPI_E_SUCCESS ||
	    mstore_folder_messages(mem_ctx, store, fid, false, &tag, 1,
				   &mids, &rows, &count) != MAPI_E_SUCCESS) {
		return UINT32_MAX;
	}
	for (i = 0; i < count; i++) {
		if (rows[i].values[0].tag == tag &&
		    strcmp(rows[i].values[0].v.str, subject) == 0) {
			if (mid != NULL) {
				*mid = mids[i];
			}
			found++;
		}
	}
	talloc_free(store);
	return found;
}

/* A unique subject for one test. */
static const char *subject_of(TALLOC_CTX *mem_ctx, const char *what)
{
	return talloc_asprintf(mem_ctx, "%s %ld.%d", what, (long)time(NULL),
			       (int)getpid());
}

static bool set_recipients(struct itest_env *env, TALLOC_CTX *mem_ctx,
			   const char *account, uint64_t mid,
			   const struct recip *r, uint32_t count)
{
	struct mstore *store = open_store(env, mem_ctx, account);
	struct mstore_message *msg = NULL;
	struct mstore_row *rows = talloc_zero_array(mem_ctx, struct mstore_row,
						    count + 1);
	uint32_t i;
	bool ok;

	if (store == NULL || rows == NULL ||
	    mstore_message_open(mem_ctx, store, mid, &msg) !=
	    MAPI_E_SUCCESS) {
		return false;
	}
	for (i = 0; i < count; i++) {
		struct mstore_value *v = talloc_zero_array(
			rows, struct mstore_value, 4);

		v[0].tag = PidTagRecipientType;
		v[0].v.i32 = r[i].type;
		v[1].tag = PidTagDisplayName_W;
		v[1].v.str = r[i].name ? r[i].name : r[i].address;
		v[2].tag = PidTagAddressType_W;
		v[2].v.str = r[i].addrtype;
		v[3].tag = PidTagEmailAddress_W;
		v[3].v.str = r[i].address;
		rows[i].values = v;
		rows[i].count = 4;
	}
	ok = mstore_message_set_recipients(msg, rows, count) ==
	     MAPI_E_SUCCESS && mstore_message_save(msg) == MAPI_E_SUCCESS;
	talloc_free(store);
	return ok;
}

/*
 * A saved message with @a subject in the logon's Outbox (or @a fid),
 * its recipients written, opened read/write: its handle and MID.
 */
static bool make_message(struct itest_env *env, struct mapi_logon *logon,
			 TALLOC_CTX *mem_ctx, uint64_t fid,
			 const char *account, const char *subject,
			 const struct recip *r, uint32_t count,
			 uint32_t *handle, uint64_t *mid)
{
	struct PropertyProblemList problems;
	uint32_t h;

	if (fid == 0) {
		fid = logon->folder_ids[MAPI_LOGON_OUTBOX];
	}
	if (mapi_message_create(logon, mem_ctx, logon->handle, fid, false,
				&h) != MAPI_E_SUCCESS ||
	    itest_set_string(logon, mem_ctx, h, PidTagSubject_W, subject,
			     &problems) != MAPI_E_SUCCESS ||
	    itest_set_string(logon, mem_ctx, h, PidTagMessageClass_W,
			     "IPM.Note", &problems) != MAPI_E_SUCCESS ||
	    itest_set_string(logon, mem_ctx, h, PidTagBody_W,
			     "Hello from the transport tests.",
			     &problems) != MAPI_E_SUCCESS ||
	    mapi_message_save(logon, mem_ctx, h, 0x02, mid) !=
	    MAPI_E_SUCCESS) {
		return false;
	}
	mapi_object_release(logon, h);
	if (count > 0 &&
	    !set_recipients(env, mem_ctx, account, *mid, r, count)) {
		return false;
	}
	return mapi_message_open(logon, mem_ctx, logon->handle, fid, *mid,
				 0x01, handle, NULL) == MAPI_E_SUCCESS;
}

/* A logon of test user @a index (0 alice, 1 bob, 2 carol). */
static struct mapi_logon *logon_as(struct itest_env *env,
				   TALLOC_CTX *mem_ctx, int index)
{
	struct mapi_rpc_params who = { 0 };
	struct mapi_emsmdb *e = NULL;
	struct mapi_logon *logon = NULL;
	const char *dn;

	if (!itest_user_from_env(mem_ctx, index, &who)) {
		return NULL;
	}
	dn = itest_dn_of(env, mem_ctx, &who);
	if (dn == NULL || mapi_emsmdb_connect(mem_ctx, env->rpc, &who, dn,
					      &e) != MAPI_E_SUCCESS ||
	    mapi_logon_private(mem_ctx, e, 0, dn, &logon) != MAPI_E_SUCCESS) {
		return NULL;
	}
	return logon;
}

static const char *dn_of_account(struct itest_env *env, TALLOC_CTX *mem_ctx,
				 const char *account)
{
	struct mapi_rpc_params who = env->user;

	who.username = account;
	return itest_dn_of(env, mem_ctx, &who);
}

/* A property of message @a mid in @a fid, opened by @a logon. */
static bool open_in(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
		    enum mapi_logon_folder folder, uint64_t mid, uint32_t *h)
{
	return mapi_message_open(logon, mem_ctx, logon->handle,
				  logon->folder_ids[folder], mid, 0x00, h,
				  NULL) == MAPI_E_SUCCESS;
}

/* The recipient rows of a copy, from its mailbox. */
static uint32_t copy_recipients(struct itest_env *env, TALLOC_CTX *mem_ctx,
				const char *account, uint64_t mid,
				uint32_t *bcc)
{
	struct mstore *store = open_store(env, mem_ctx, account);
	struct mstore_message *msg = NULL;
	struct mstore_row *rows = NULL;
	uint32_t count = 0, i;

	*bcc = 0;
	if (store == NULL ||
	    mstore_message_open(mem_ctx, store, mid, &msg) != MAPI_E_SUCCESS ||
	    mstore_message_get_recipients(mem_ctx, msg, &rows, &count) !=
	    MAPI_E_SUCCESS) {
		return UINT32_MAX;
	}
	for (i = 0; i < count; i++) {
		const struct mstore_value *v = mstore_values_find(
			rows[i].values, rows[i].count, PidTagRecipientType);

		if (v != NULL && v->v.i32 == RECIP_BCC) {
			(*bcc)++;
		}
	}
	return count;
}

/* ------------------------------------------------------------- tests */

static bool test_address_types(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	const char **types = NULL;
	uint16_t count = 0;

	ITEST_ASSERT(logon != NULL, "no logon");
	ITEST_MAPI(mapi_address_types(logon, mem_ctx, &types, &count),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(count == 2 && strcmp(types[0], "EX") == 0 &&
		     strcmp(types[1], "SMTP") == 0,
		     "address types: %u", count);
	return true;
}

static bool test_options_data(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct mapi_options_data od;

	ITEST_ASSERT(logon != NULL, "no logon");
	ITEST_MAPI(mapi_options_data(logon, mem_ctx, "SMTP", true, &od),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(od.reserved == 1 && od.options_info.length == 0 &&
		     od.help_file.length == 0 && od.help_file_name == NULL,
		     "options data");
	ITEST_MAPI(mapi_options_data(logon, mem_ctx, "X400", false, &od),
		   MAPI_E_NOT_FOUND);
	return true;
}

static bool test_transport_folder(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint64_t fid = 0, again = 0;
	uint32_t h;

	ITEST_ASSERT(logon != NULL, "no logon");
	ITEST_MAPI(mapi_transport_folder(logon, mem_ctx, &fid),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_transport_folder(logon, mem_ctx, &again),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(fid != 0 && fid == again, "transport folder 0x%llx",
		     (unsigned long long)fid);
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, logon->handle, fid, &h),
		   MAPI_E_SUCCESS);
	return true;
}

static bool test_no_recipients(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	const char *subject = subject_of(mem_ctx, "no recipients");
	uint32_t h;
	uint64_t mid;

	ITEST_ASSERT(logon != NULL, "no logon");
	ITEST_ASSERT(make_message(env, logon, mem_ctx, 0, env->user.username,
				  subject, NULL, 0, &h, &mid),
		     "cannot make the message");
	/* MS-OXCDATA 2.4: ecNoRecipients */
	ITEST_MAPI(mapi_message_submit(logon, mem_ctx, h, 0),
		   MAPI_E_NO_RECIPIENTS);
	ITEST_ASSERT(find(env, mem_ctx, env->user.username, MSTORE_OUTBOX,
			  subject, NULL) == 1, "the message left the Outbox");
	return true;
}

/* alice -> To bob (EX), Cc carol (SMTP), Bcc zoe (EX). */
static bool test_send_local(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *alice = itest_logon(env, mem_ctx);
	struct mapi_logon *bob = logon_as(env, mem_ctx, 1);
	const char *subject = subject_of(mem_ctx, "local delivery");
	const char *bob_dn = dn_of_account(env, mem_ctx, "bob");
	const char *zoe_dn = dn_of_account(env, mem_ctx, "zoe");
	struct recip r[3] = {
		{ RECIP_TO, "EX", bob_dn, "Bob Tester" },
		{ RECIP_CC, "SMTP", "carol@sambamapi.test", "Carol Tester" },
		{ RECIP_BCC, "EX", zoe_dn, "Ölund Zoë" },
	};
	uint64_t mid, bob_mid = 0, zoe_mid = 0;
	uint32_t h, bh, bcc = 0, n;
	const struct property_row_value *c;
	const char *s;

	ITEST_ASSERT(alice && bob && bob_dn && zoe_dn, "no logons");
	ITEST_ASSERT(make_message(env, alice, mem_ctx, 0, "alice", subject, r,
				  3, &h, &mid), "cannot make the message");
	ITEST_MAPI(mapi_message_submit(alice, mem_ctx, h, 0), MAPI_E_SUCCESS);

	ITEST_ASSERT(find(env, mem_ctx, "bob", MSTORE_INBOX, subject,
			  &bob_mid) == 1, "bob's copies");
	ITEST_ASSERT(find(env, mem_ctx, "carol", MSTORE_INBOX, subject,
			  NULL) == 1, "carol's copies");
	ITEST_ASSERT(find(env, mem_ctx, "zoe", MSTORE_INBOX, subject,
			  &zoe_mid) == 1, "zoe's copies");
	ITEST_ASSERT(find(env, mem_ctx, "alice", MSTORE_SENT_ITEMS, subject,
			  NULL) == 1, "alice's Sent Items");
	ITEST_ASSERT(find(env, mem_ctx, "alice", MSTORE_OUTBOX, subject,
			  NULL) == 0, "still in the Outbox");

	/* bob's copy, read through the server as bob */
	ITEST_ASSERT(open_in(bob, mem_ctx, MAPI_LOGON_INBOX, bob_mid, &bh),
		     "bob cannot open his copy");
	s = itest_prop_string(bob, mem_ctx, bh, PidTagSenderName_W);
	ITEST_ASSERT(s && strcmp(s, "Alice Tester") == 0, "sender %s", s);
	s = itest_prop_string(bob, mem_ctx, bh, PidTagSenderEmailAddress_W);
	ITEST_ASSERT(s && strcasecmp(s, itest_dn_of(env, mem_ctx,
						    &env->user)) == 0,
		     "sender address %s", s);
	s = itest_prop_string(bob, mem_ctx, bh, PidTagSentRepresentingName_W);
	ITEST_ASSERT(s && strcmp(s, "Alice Tester") == 0, "sent repr. %s", s);
	s = itest_prop_string(bob, mem_ctx, bh, PidTagReceivedByName_W);
	ITEST_ASSERT(s && strcmp(s, "Bob Tester") == 0, "received by %s", s);
	s = itest_prop_string(bob, mem_ctx, bh,
			      PidTagTransportMessageHeaders_W);
	ITEST_ASSERT(s && strstr(s, subject) && strstr(s, "From: "),
		     "headers %s", s);
	s = itest_prop_string(bob, mem_ctx, bh, PidTagDisplayBcc_W);
	ITEST_ASSERT(s && s[0] == '\0', "bob sees Bcc '%s'", s);
	ITEST_ASSERT((itest_prop_long(bob, mem_ctx, bh, PidTagMessageFlags) &
		      (MSGFLAG_READ | MSGFLAG_UNSENT)) == 0, "not unread");
	ITEST_ASSERT(itest_prop_long(bob, mem_ctx, bh, PidTagMessageToMe) ==
		     1, "MessageToMe");
	c = itest_prop(bob, mem_ctx, bh, PidTagClientSubmitTime);
	ITEST_ASSERT(c != NULL && c->flag == 0 && c->type == PT_SYSTIME,
		     "PidTagClientSubmitTime");
	c = itest_prop(bob, mem_ctx, bh, PidTagMessageDeliveryTime);
	ITEST_ASSERT(c != NULL && c->flag == 0 && c->type == PT_SYSTIME,
		     "PidTagMessageDeliveryTime");

	/* Bcc: hidden from bob, zoe sees only herself */
	n = copy_recipients(env, mem_ctx, "bob", bob_mid, &bcc);
	ITEST_ASSERT(n == 2 && bcc == 0, "bob's copy: %u rows, %u Bcc", n,
		     bcc);
	n = copy_recipients(env, mem_ctx, "zoe", zoe_mid, &bcc);
	ITEST_ASSERT(n == 3 && bcc == 1, "zoe's copy: %u rows, %u Bcc", n,
		     bcc);
	return true;
}

/* alice -> To staff (alice, bob) and To bob, Cc bob: one copy each. */
static bool test_send_group(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *alice = itest_logon(env, mem_ctx);
	const char *subject = subject_of(mem_ctx, "group delivery");
	struct recip r[3] = {
		{ RECIP_TO, "SMTP", "staff@sambamapi.test", "Staff" },
		{ RECIP_TO, "SMTP", "bob@sambamapi.test", "Bob" },
		{ RECIP_CC, "EX", dn_of_account(env, mem_ctx, "bob"), "Bob" },
	};
	uint64_t mid;
	uint32_t h;

	ITEST_ASSERT(alice != NULL && r[2].address != NULL, "no logon");
	ITEST_ASSERT(make_message(env, alice, mem_ctx, 0, "alice", subject, r,
				  3, &h, &mid), "cannot make the message");
	ITEST_MAPI(mapi_message_submit(alice, mem_ctx, h, 0), MAPI_E_SUCCESS);
	ITEST_ASSERT(find(env, mem_ctx, "bob", MSTORE_INBOX, subject, NULL) ==
		     1, "bob's copies");
	ITEST_ASSERT(find(env, mem_ctx, "alice", MSTORE_INBOX, subject,
			  NULL) == 1, "alice's own copy (member of staff)");
	ITEST_ASSERT(find(env, mem_ctx, "carol", MSTORE_INBOX, subject,
			  NULL) == 0, "carol is no member");
	return true;
}

/* An unknown address of this server's domain: a non-delivery report. */
static bool test_ndr(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *alice = itest_logon(env, mem_ctx);
	const char *subject = subject_of(mem_ctx, "undeliverable");
	const char *report;
	struct recip r[2] = {
		{ RECIP_TO, "SMTP", "nobody@sambamapi.test", "Nobody" },
		{ RECIP_TO, "SMTP", "carol@sambamapi.test", "Carol" },
	};
	uint64_t mid, ndr = 0;
	uint32_t h, nh;
	const char *s;

	ITEST_ASSERT(alice != NULL, "no logon");
	ITEST_ASSERT(make_message(env, alice, mem_ctx, 0, "alice", subject, r,
				  2, &h, &mid), "cannot make the message");
	ITEST_MAPI(mapi_message_submit(alice, mem_ctx, h, 0), MAPI_E_SUCCESS);
	ITEST_ASSERT(find(env, mem_ctx, "carol", MSTORE_INBOX, subject,
			  NULL) == 1, "carol's copy");
	report = talloc_asprintf(mem_ctx, "Undeliverable: %s", subject);
	ITEST_ASSERT(find(env, mem_ctx, "alice", MSTORE_INBOX, report, &ndr) ==
		     1, "no report in alice's Inbox");
	ITEST_ASSERT(open_in(alice, mem_ctx, MAPI_LOGON_INBOX, ndr, &nh),
		     "cannot open the report");
	s = itest_prop_string(alice, mem_ctx, nh, PidTagMessageClass_W);
	ITEST_ASSERT(s && strcmp(s, "REPORT.IPM.Note.NDR") == 0, "class %s",
		     s);
	s = itest_prop_string(alice, mem_ctx, nh, PidTagOriginalSubject_W);
	ITEST_ASSERT(s && strcmp(s, subject) == 0, "original subject %s", s);
	ITEST_ASSERT(find(env, mem_ctx, "alice", MSTORE_SENT_ITEMS, subject,
			  NULL) == 1, "sent copy");
	return true;
}

/* An external address stays queued (Outbox, mfSubmitted) until
 * RopAbortSubmit takes it back. */
static bool test_external_and_abort(struct itest_env *env,
				    TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *alice = itest_logon(env, mem_ctx);
	const char *subject = subject_of(mem_ctx, "external");
	struct recip r[1] = {
		{ RECIP_TO, "SMTP", "someone@example.org", "Someone" },
	};
	uint64_t mid, outbox;
	uint32_t h, oh;

	ITEST_ASSERT(alice != NULL, "no logon");
	outbox = alice->folder_ids[MAPI_LOGON_OUTBOX];
	ITEST_ASSERT(make_message(env, alice, mem_ctx, 0, "alice", subject, r,
				  1, &h, &mid), "cannot make the message");
	ITEST_MAPI(mapi_message_submit(alice, mem_ctx, h, 0), MAPI_E_SUCCESS);
	ITEST_ASSERT(find(env, mem_ctx, "alice", MSTORE_OUTBOX, subject,
			  NULL) == 1, "not queued in the Outbox");
	ITEST_ASSERT(open_in(alice, mem_ctx, MAPI_LOGON_OUTBOX, mid, &oh),
		     "cannot open it");
	ITEST_ASSERT(itest_prop_long(alice, mem_ctx, oh, PidTagMessageFlags) &
		     MSGFLAG_SUBMITTED, "not submitted");
	/* submitting it again: it is queued already */
	ITEST_MAPI(mapi_message_submit(alice, mem_ctx, oh, 0),
		   MAPI_E_SUBMITTED);
	ITEST_MAPI(mapi_abort_submit(alice, mem_ctx, outbox + 0x10000, mid),
		   MAPI_E_NOT_FOUND);
	ITEST_MAPI(mapi_abort_submit(alice, mem_ctx, outbox, mid),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(open_in(alice, mem_ctx, MAPI_LOGON_OUTBOX, mid, &oh),
		     "cannot open it again");
	ITEST_ASSERT((itest_prop_long(alice, mem_ctx, oh, PidTagMessageFlags) &
		      (MSGFLAG_SUBMITTED | MSGFLAG_UNSENT)) == MSGFLAG_UNSENT,
		     "aborted flags");
	ITEST_MAPI(mapi_abort_submit(alice, mem_ctx, outbox, mid),
		   MAPI_E_NOT_IN_QUEUE);
	return true;
}

/* NeedsSpooler: the message waits for a spooler, which locks and
 * finishes it. */
static bool test_spooler(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *alice = itest_logon(env, mem_ctx);
	const char *subject = subject_of(mem_ctx, "spooler");
	struct recip r[1] = {
		{ RECIP_TO, "SMTP", "bob@sambamapi.test", "Bob" },
	};
	uint64_t mid, outbox;
	uint32_t h;

	ITEST_ASSERT(alice != NULL, "no logon");
	outbox = alice->folder_ids[MAPI_LOGON_OUTBOX];
	ITEST_ASSERT(make_message(env, alice, mem_ctx, 0, "alice", subject, r,
				  1, &h, &mid), "cannot make the message");
	ITEST_MAPI(mapi_message_submit(alice, mem_ctx, h,
				       MAPI_SUBMIT_NEEDS_SPOOLER),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(find(env, mem_ctx, "bob", MSTORE_INBOX, subject, NULL) ==
		     0, "delivered without a spooler");
	/* only a spooler locks */
	ITEST_MAPI(mapi_spooler_lock(alice, mem_ctx, mid, MAPI_SPOOLER_LOCK),
		   MAPI_E_NO_SUPPORT);
	ITEST_MAPI(mapi_set_spooler(alice, mem_ctx), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_spooler_lock(alice, mem_ctx, mid, MAPI_SPOOLER_LOCK),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_spooler_lock(alice, mem_ctx, mid, MAPI_SPOOLER_LOCK),
		   MAPI_E_NOT_IN_QUEUE);
	ITEST_MAPI(mapi_abort_submit(alice, mem_ctx, outbox, mid),
		   MAPI_E_UNABLE_TO_ABORT);
	ITEST_MAPI(mapi_spooler_lock(alice, mem_ctx, mid,
				     MAPI_SPOOLER_FINISHED), MAPI_E_SUCCESS);
	ITEST_ASSERT(find(env, mem_ctx, "alice", MSTORE_SENT_ITEMS, subject,
			  NULL) == 1, "not in Sent Items after lstFinished");
	ITEST_MAPI(mapi_spooler_lock(alice, mem_ctx, mid, MAPI_SPOOLER_LOCK),
		   MAPI_E_NOT_IN_QUEUE);
	return true;
}

/* RopTransportSend from the transport folder; PidTagDeleteAfterSubmit
 * on a submitted message deletes the sent copy. */
static bool test_transport_send(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *alice = itest_logon(env, mem_ctx);
	const char *subject = subject_of(mem_ctx, "transport send");
	struct recip r[1] = {
		{ RECIP_TO, "SMTP", "carol@sambamapi.test", "Carol" },
	};
	struct TaggedPropertyValue *values = NULL;
	struct TaggedPropertyValue del = {
		.PropertyTag = PidTagDeleteAfterSubmit,
		.Value.Boolean = 1
	};
	struct PropertyProblemList problems;
	uint64_t fid = 0, mid;
	uint16_t count = 0, i;
	uint32_t h;
	bool submit_time = false;

	ITEST_ASSERT(alice != NULL, "no logon");
	ITEST_MAPI(mapi_transport_folder(alice, mem_ctx, &fid),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(make_message(env, alice, mem_ctx, fid, "alice", subject,
				  r, 1, &h, &mid), "cannot make the message");
	ITEST_MAPI(mapi_transport_send(alice, mem_ctx, h, &values, &count),
		   MAPI_E_SUCCESS);
	for (i = 0; i < count; i++) {
		submit_time |= values[i].PropertyTag == PidTagClientSubmitTime;
	}
	ITEST_ASSERT(submit_time, "no PidTagClientSubmitTime among %u", count);
	/* the transport object is sent, and stays where it is */
	ITEST_MAPI(mapi_message_open(alice, mem_ctx, alice->handle, fid, mid,
				     0x00, &h, NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT((itest_prop_long(alice, mem_ctx, h, PidTagMessageFlags) &
		      (MSGFLAG_SUBMITTED | MSGFLAG_UNSENT)) == 0,
		     "transport object still unsent");
	ITEST_ASSERT(find(env, mem_ctx, "carol", MSTORE_INBOX, subject,
			  NULL) == 1, "carol's copy");
	ITEST_MAPI(mapi_transport_new_mail(alice, mem_ctx, fid, mid,
					   "IPM.Note", 0), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_transport_new_mail(alice, mem_ctx, fid, mid + 0x10000,
					   "IPM.Note", 0), MAPI_E_NOT_FOUND);

	subject = subject_of(mem_ctx, "delete after submit");
	ITEST_ASSERT(make_message(env, alice, mem_ctx, 0, "alice", subject, r,
				  1, &h, &mid), "cannot make the message");
	ITEST_MAPI(mapi_props_set(alice, mem_ctx, h, &del, 1, &problems),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_submit(alice, mem_ctx, h, 0), MAPI_E_SUCCESS);
	ITEST_ASSERT(find(env, mem_ctx, "carol", MSTORE_INBOX, subject,
			  NULL) == 1, "carol's copy");
	ITEST_ASSERT(find(env, mem_ctx, "alice", MSTORE_SENT_ITEMS, subject,
			  NULL) == 0 &&
		     find(env, mem_ctx, "alice", MSTORE_OUTBOX, subject,
			  NULL) == 0, "the sent copy was kept");
	return true;
}

/* Run torture/testenv on the suite's server, with extra options. */
static bool testenv(TALLOC_CTX *mem_ctx, struct itest_env *env,
		    const char *options, const char *what)
{
	const char *src = getenv("SRCDIR");
	char *cmd = talloc_asprintf(
		mem_ctx, "TESTENV_OPTIONS='%s' '%s/torture/testenv' %s '%s' "
		">/dev/null 2>&1", options, src ? src : ".", what,
		envdir(mem_ctx, env));

	return cmd != NULL && system(cmd) == 0;
}

/*
 * The server dies right after the first recipient's copy is committed
 * (emsmdb:fault = deliver-after-first); after a restart the next logon
 * completes the delivery: every recipient has exactly one copy.
 */
static bool test_interrupted(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	const char *subject = subject_of(mem_ctx, "interrupted");
	struct recip r[2] = {
		{ RECIP_TO, "SMTP", "bob@sambamapi.test", "Bob" },
		{ RECIP_CC, "SMTP", "carol@sambamapi.test", "Carol" },
	};
	struct mapi_logon *alice;
	enum MAPISTATUS rv;
	uint64_t mid;
	uint32_t h;

	ITEST_ASSERT(testenv(mem_ctx, env, "", "stop") &&
		     testenv(mem_ctx, env,
			     "emsmdb:fault = deliver-after-first", "start"),
		     "cannot restart the server with the fault");
	alice = itest_logon(env, mem_ctx);
	ITEST_ASSERT(alice != NULL, "no logon");
	ITEST_ASSERT(make_message(env, alice, mem_ctx, 0, "alice", subject, r,
				  2, &h, &mid), "cannot make the message");
	rv = mapi_message_submit(alice, mem_ctx, h, 0);
	ITEST_ASSERT(rv != MAPI_E_SUCCESS, "the server did not stop");
	ITEST_ASSERT(find(env, mem_ctx, "bob", MSTORE_INBOX, subject, NULL) ==
		     1 && find(env, mem_ctx, "carol", MSTORE_INBOX, subject,
			       NULL) == 0, "not stopped after the first copy");
	ITEST_ASSERT(testenv(mem_ctx, env, "", "stop") &&
		     testenv(mem_ctx, env, "", "start"),
		     "cannot restart the server");
	/* the next logon takes the delivery up again */
	alice = itest_logon(env, mem_ctx);
	ITEST_ASSERT(alice != NULL, "no logon after the restart");
	ITEST_ASSERT(itest_logon(env, mem_ctx) != NULL, "second logon");
	ITEST_ASSERT(find(env, mem_ctx, "bob", MSTORE_INBOX, subject, NULL) ==
		     1, "bob's copies after the restart");
	ITEST_ASSERT(find(env, mem_ctx, "carol", MSTORE_INBOX, subject,
			  NULL) == 1, "carol's copies after the restart");
	ITEST_ASSERT(find(env, mem_ctx, "alice", MSTORE_SENT_ITEMS, subject,
			  NULL) == 1 &&
		     find(env, mem_ctx, "alice", MSTORE_OUTBOX, subject,
			  NULL) == 0, "alice's sent copy");
	return true;
}

static const struct itest tests[] = {
	{ "address_types", test_address_types },
	{ "options_data", test_options_data },
	{ "transport_folder", test_transport_folder },
	{ "no_recipients", test_no_recipients },
	{ "send_local", test_send_local },
	{ "send_group", test_send_group },
	{ "ndr", test_ndr },
	{ "external_and_abort", test_external_and_abort },
	{ "spooler", test_spooler },
	{ "transport_send", test_transport_send },
	{ "interrupted", test_interrupted },
};

int main(int argc, const char **argv)
{
	return itest_main("emsmdb-transport", tests, ARRAY_SIZE(tests), argc,
			  argv);
}
