/*
 * mapitest suite "transport": sending messages (MS-OXOMSG) through
 * libmapi/transport.h: the address types and the transport folder, a
 * submit without recipients, a message submitted to another user (the
 * --peer account; without one, to oneself) and found in the recipient's
 * Inbox and in the sender's Sent Items, and a submit queued for a
 * spooler and taken back.  The messages a test sends are deleted (hard)
 * from every mailbox they reach.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mapitest.h"
#include "libmapi/folder.h"
#include "libmapi/message.h"
#include "libmapi/property.h"
#include "libmapi/restriction.h"
#include "libmapi/table.h"
#include "libmapi/transport.h"

#define TAG_SUBJECT		0x0037001F
#define TAG_DISPLAY_NAME	0x3001001F
#define TAG_ADDRESS_TYPE	0x3002001F
#define TAG_EMAIL_ADDRESS	0x3003001F
#define TAG_MID			0x674A0014
#define TAG_MESSAGE_CLASS	0x001A001F

/* Delivery is immediate here; another server may take a moment. */
#define WAIT_TRIES		20

/* A message of this run, found by its subject in a folder. */
struct sent {
	struct mapi_logon *logon;
	uint64_t fid;
	const char *subject;
};

/* The MIDs of the messages of folder @fid with subject @subject. */
static enum MAPISTATUS find(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			    uint64_t fid, const char *subject,
			    uint64_t *mids, uint16_t max, uint16_t *count)
{
	const uint32_t cols[] = { TAG_MID };
	struct mapi_table_rows rows = { 0 };
	struct mapi_table *t = NULL;
	struct Restriction *r;
	enum MAPISTATUS rv;
	uint32_t h, i;

	*count = 0;
	r = mapi_restriction_content(mem_ctx, TAG_SUBJECT, subject,
				     FL_FULLSTRING, 0);
	rv = mapi_folder_open(logon, mem_ctx, logon->handle, fid, &h);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	rv = mapi_table_contents(logon, mem_ctx, h, 0, &t, NULL);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_table_set_columns(t, cols, 1);
		if (rv == MAPI_E_SUCCESS) {
			rv = mapi_table_restrict(t, r);
		}
		if (rv == MAPI_E_SUCCESS) {
			rv = mapi_table_query_all(t, mem_ctx, 0, max, &rows);
		}
		mapi_table_release(t);
	}
	mapi_object_release(logon, h);
	for (i = 0; rv == MAPI_E_SUCCESS && i < rows.count; i++) {
		mids[(*count)++] = rows.rows[i].cells[0].value.Integer64;
	}
	return rv;
}

/* Hard-delete the messages of @s->fid with the subject. */
static int sent_destructor(struct sent *s)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	uint64_t mids[8];
	uint16_t n = 0;
	uint32_t h;

	if (find(s->logon, tmp, s->fid, s->subject, mids, 8, &n) ==
		    MAPI_E_SUCCESS && n > 0 &&
	    mapi_folder_open(s->logon, tmp, s->logon->handle, s->fid, &h) ==
		    MAPI_E_SUCCESS) {
		mapi_messages_delete(s->logon, tmp, h, mids, n, true);
		mapi_object_release(s->logon, h);
	}
	talloc_free(tmp);
	return 0;
}

/* Clean @subject out of folder @fid of @logon when @mem_ctx goes. */
static void clean_up(TALLOC_CTX *mem_ctx, struct mapi_logon *logon,
		     uint64_t fid, const char *subject)
{
	struct sent *s = talloc(mem_ctx, struct sent);

	if (s != NULL) {
		s->logon = logon;
		s->fid = fid;
		s->subject = subject;
		talloc_set_destructor(s, sent_destructor);
	}
}

static const char *unique_subject(TALLOC_CTX *mem_ctx, const char *what)
{
	return talloc_asprintf(mem_ctx, "mapitest-%s-%d-%ld", what,
			       (int)getpid(), (long)time(NULL));
}

/* A message in the Outbox with @subject and, if @to_dn, one EX
 * recipient. */
static enum MAPISTATUS compose(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       const char *subject, const char *to_name,
			       const char *to_dn, uint32_t *folder,
			       uint32_t *msg)
{
	uint64_t outbox = logon->folder_ids[MAPI_LOGON_OUTBOX];
	struct TaggedPropertyValue v[2] = {
		{ .PropertyTag = TAG_SUBJECT },
		{ .PropertyTag = TAG_MESSAGE_CLASS },
	};
	struct TaggedPropertyValue r[3] = {
		{ .PropertyTag = TAG_DISPLAY_NAME },
		{ .PropertyTag = TAG_ADDRESS_TYPE },
		{ .PropertyTag = TAG_EMAIL_ADDRESS },
	};
	struct mapi_recipient row = { .type = 1, .props = r, .count = 3 };
	enum MAPISTATUS rv;

	v[0].Value.String = subject;
	v[1].Value.String = "IPM.Note";
	r[0].Value.String = to_name;
	r[1].Value.String = "EX";
	r[2].Value.String = to_dn;
	rv = mapi_folder_open(logon, mem_ctx, logon->handle, outbox, folder);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	rv = mapi_message_create(logon, mem_ctx, *folder, outbox, false, msg);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_props_set(logon, mem_ctx, *msg, v, 2, NULL);
	}
	if (rv == MAPI_E_SUCCESS && to_dn != NULL) {
		rv = mapi_recipients_modify(logon, mem_ctx, *msg, NULL, 0,
					    &row, 1);
	}
	return rv;
}

/* MS-OXOMSG 2.2.3.4: the address types the server handles: EX and
 * SMTP at least. */
static enum mapitest_result test_address_types(struct mapitest *mt,
					       TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	const char **types = NULL;
	bool ex = false, smtp = false;
	uint16_t n = 0, i;

	if (logon == NULL) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, mapi_address_types(logon, mem_ctx, &types, &n),
	       MAPI_E_SUCCESS);
	for (i = 0; i < n; i++) {
		ex |= strcmp(types[i], "EX") == 0;
		smtp |= strcmp(types[i], "SMTP") == 0;
	}
	MT_ASSERT(mt, ex && smtp, "RopGetAddressTypes: %u types, EX or SMTP "
		  "missing", n);
	return MAPITEST_PASS;
}

/* 2.2.3.8: the transport folder exists and opens. */
static enum mapitest_result test_transport_folder(struct mapitest *mt,
						  TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	uint64_t fid = 0;
	uint32_t h;

	if (logon == NULL) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, mapi_transport_folder(logon, mem_ctx, &fid),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, fid != 0, "RopGetTransportFolder: folder ID 0");
	MT_ROP(mt, mapi_folder_open(logon, mem_ctx, logon->handle, fid, &h),
	       MAPI_E_SUCCESS);
	mapi_object_release(logon, h);
	return MAPITEST_PASS;
}

/* 3.2.5.1.1: a message without recipients is not sent. */
static enum mapitest_result test_no_recipients(struct mapitest *mt,
					       TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	const char *subject = unique_subject(mem_ctx, "norcpt");
	uint32_t folder, msg;

	if (logon == NULL) {
		return MAPITEST_FAIL;
	}
	clean_up(mem_ctx, logon, logon->folder_ids[MAPI_LOGON_OUTBOX],
		 subject);
	MT_ROP(mt, compose(logon, mem_ctx, subject, NULL, NULL, &folder,
			   &msg), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_message_submit(logon, mem_ctx, msg, 0),
	       MAPI_E_NO_RECIPIENTS);
	return MAPITEST_PASS;
}

/* Wait until @subject is in folder @fid of @logon. */
static bool arrived(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
		    uint64_t fid, const char *subject)
{
	uint64_t mids[2];
	uint16_t n = 0;
	int i;

	for (i = 0; i < WAIT_TRIES; i++) {
		if (find(logon, mem_ctx, fid, subject, mids, 2, &n) ==
			    MAPI_E_SUCCESS && n > 0) {
			return true;
		}
		usleep(250 * 1000);
	}
	return false;
}

/* 3.2.5.1: a message to another user (or oneself without --peer) is in
 * the recipient's Inbox, and the sender's copy in Sent Items. */
static enum mapitest_result test_submit(struct mapitest *mt,
					TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx), *peer;
	const char *subject = unique_subject(mem_ctx, "submit");
	const struct mapi_profile *to = mt->self;
	uint64_t sent, outbox;
	uint32_t folder, msg;

	if (logon == NULL) {
		return MAPITEST_FAIL;
	}
	peer = logon;
	if (mt->has_peer) {
		peer = mapitest_peer_mailbox(mt, mem_ctx, &to);
		if (peer == NULL) {
			return MAPITEST_FAIL;
		}
	}
	sent = logon->folder_ids[MAPI_LOGON_SENT_ITEMS];
	outbox = logon->folder_ids[MAPI_LOGON_OUTBOX];
	clean_up(mem_ctx, logon, outbox, subject);
	clean_up(mem_ctx, logon, sent, subject);
	clean_up(mem_ctx, peer, peer->folder_ids[MAPI_LOGON_INBOX], subject);
	MT_ROP(mt, compose(logon, mem_ctx, subject, to->display_name,
			   to->user_dn, &folder, &msg), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_message_submit(logon, mem_ctx, msg, 0),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, arrived(peer, mem_ctx,
			      peer->folder_ids[MAPI_LOGON_INBOX], subject),
		  "not in the Inbox of %s", to->username);
	MT_ASSERT(mt, arrived(logon, mem_ctx, sent, subject),
		  "the sender's copy is not in Sent Items");
	if (!mt->has_peer) {
		mapitest_note(mt, "sent to oneself (no --peer given)");
	}
	return MAPITEST_PASS;
}

/* 3.2.5.1, 2.2.3.2: a message submitted for a spooler stays queued
 * until RopAbortSubmit takes it back. */
static enum mapitest_result test_abort_submit(struct mapitest *mt,
					      TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	const char *subject = unique_subject(mem_ctx, "abort");
	uint64_t outbox, mid = 0;
	uint32_t folder, msg;

	if (logon == NULL) {
		return MAPITEST_FAIL;
	}
	outbox = logon->folder_ids[MAPI_LOGON_OUTBOX];
	clean_up(mem_ctx, logon, outbox, subject);
	MT_ROP(mt, compose(logon, mem_ctx, subject, mt->self->display_name,
			   mt->self->user_dn, &folder, &msg),
	       MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_message_save(logon, mem_ctx, msg, KeepOpenReadWrite,
				     &mid), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_message_submit(logon, mem_ctx, msg,
				       MAPI_SUBMIT_NEEDS_SPOOLER),
	       MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_abort_submit(logon, mem_ctx, outbox, mid),
	       MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_abort_submit(logon, mem_ctx, outbox, mid),
	       MAPI_E_NOT_IN_QUEUE);
	return MAPITEST_PASS;
}

static const struct mapitest_test tests[] = {
	{ "address_types", "RopGetAddressTypes: EX and SMTP",
	  test_address_types },
	{ "transport_folder", "RopGetTransportFolder",
	  test_transport_folder },
	{ "no_recipients", "RopSubmitMessage without recipients",
	  test_no_recipients },
	{ "submit", "RopSubmitMessage to the --peer user: in their Inbox "
	  "and in Sent Items", test_submit },
	{ "abort_submit", "NeedsSpooler, then RopAbortSubmit",
	  test_abort_submit },
};

const struct mapitest_suite mapitest_suite_transport = {
	.name = "transport",
	.description = "sending messages (MS-OXOMSG)",
	.tests = tests,
	.count = ARRAY_SIZE(tests),
};
