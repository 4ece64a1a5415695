/*
 * Integration tests of sending (MS-OXOMSG) against torture/testenv:
 * RopSubmitMessage with local delivery (To, Cc, Bcc, a distribution
 * list, non-delivery reports, external recipients left queued),
 * RopAbortSubmit, the spooler ROPs, RopTransportSend,
 * RopTransportNewMail, RopGetTransportFolder, RopGetAddressTypes,
 * RopOptionsData, and a delivery interrupted by a server crash
 * (smb.conf "emsmdb:fault") completed exactly once after a restart.
 *
 * Everything goes through the server (libmapi): recipients are written
 * with RopModifyRecipients, copies found through contents tables and
 * read by their recipients.  Only the check made while the server is
 * down after its crash reads a mailbox database directly.
 */
#include "itest_mail.h"
#include "libmapi/attachment.h"
#include "libmapi/transport.h"
#include "store/store.h"

#include <libgen.h>

#define PidTagSubject_W			ITEST_PidTagSubject_W
#define PidTagMessageClass_W		ITEST_PidTagMessageClass_W
#define PidTagMessageFlags		0x0E070003
#define PidTagSenderName_W		0x0C1A001F
#define PidTagSenderEmailAddress_W	0x0C1F001F
#define PidTagSentRepresentingName_W	0x0042001F
#define PidTagReceivedByName_W		0x0040001F
#define PidTagClientSubmitTime		0x00390040
#define PidTagMessageDeliveryTime	0x0E060040
#define PidTagTransportMessageHeaders_W	0x007D001F
#define PidTagDisplayBcc_W		0x0E02001F
#define PidTagMessageToMe		0x0057000B
#define PidTagOriginalSubject_W		0x0049001F
#define PidTagDeleteAfterSubmit		0x0E01000B
#define PidTagReadReceiptRequested	0x0029000B
#define PidTagOriginatorDeliveryReportRequested 0x0023000B
#define PidTagSearchKey			0x300B0102
#define PidTagParentKey			0x00250102
#define PidTagAttachMethod		0x37050003
#define PidTagDeliverTime		0x00100040

#define AF_BY_VALUE		1
#define AF_EMBEDDED_MESSAGE	5

#define MSGFLAG_READ		0x01
#define MSGFLAG_SUBMITTED	0x04
#define MSGFLAG_UNSENT		0x08
#define MSGFLAG_NOTIFYREAD	0x100
#define MSGFLAG_NOTIFYUNREAD	0x200

#define RECIP_TO	ITEST_RECIP_TO
#define RECIP_CC	ITEST_RECIP_CC
#define RECIP_BCC	ITEST_RECIP_BCC

/* The logon folders the tests look into. */
#define INBOX	MAPI_LOGON_INBOX
#define OUTBOX	MAPI_LOGON_OUTBOX
#define SENT	MAPI_LOGON_SENT_ITEMS
#define SPOOLER_QUEUE	MAPI_LOGON_SPOOLER_QUEUE


/* ----------------------------------------------------------- helpers */

/* The test server's directory (SMB_CONF is DIR/etc/smb.conf). */
static const char *envdir(TALLOC_CTX *mem_ctx, struct itest_env *env)
{
	char *conf = talloc_strdup(mem_ctx, env->smb_conf);

	return conf ? talloc_strdup(mem_ctx, dirname(dirname(conf))) : NULL;
}

/*
 * The messages with @a subject in @a account's Inbox, read from its
 * mailbox database: only while the server is down (the crash test),
 * where no ROP can look.
 */
static uint32_t stored_in_inbox(struct itest_env *env, TALLOC_CTX *mem_ctx,
				const char *account, const char *subject)
{
	struct mstore_open_params p = { .mailbox = account, .create = true };
	uint32_t tag = PidTagSubject_W, count = 0, found = 0, i;
	struct mstore_row *rows = NULL;
	struct mstore *store = NULL;
	uint64_t fid = 0, *mids = NULL;

	p.directory = talloc_asprintf(mem_ctx, "%s/private/mapistore",
				      envdir(mem_ctx, env));
	if (mstore_open(mem_ctx, &p, &store) != MAPI_E_SUCCESS ||
	    mstore_special_fid(store, MSTORE_INBOX, &fid) != MAPI_E_SUCCESS ||
	    mstore_folder_messages(mem_ctx, store, fid, false, &tag, 1,
				   &mids, &rows, &count) != MAPI_E_SUCCESS) {
		return UINT32_MAX;
	}
	for (i = 0; i < count; i++) {
		found += rows[i].values[0].tag == tag &&
			 strcmp(rows[i].values[0].v.str, subject) == 0;
	}
	talloc_free(store);
	return found;
}

/*
 * A saved message with @a subject in the logon's Outbox (or @a fid),
 * its recipients written by RopModifyRecipients, open read/write: its
 * handle and MID.
 */
static bool make_message(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			 uint64_t fid, const char *subject,
			 const struct itest_recip *r, uint32_t count,
			 uint32_t *handle, uint64_t *mid)
{
	return itest_make_message(logon, mem_ctx, fid, subject, NULL, 0, r,
				  count, handle, mid);
}

/* How many messages with @a subject @a who has in @a folder (the MID of
 * the last in @a mid, may be NULL), through the server. */
static uint32_t find(struct itest_env *env, TALLOC_CTX *mem_ctx,
		     const char *who, enum mapi_logon_folder folder,
		     const char *subject, uint64_t *mid)
{
	return itest_find(env, mem_ctx, who, folder, subject, mid);
}

/* Open message @a mid of the logon's folder @a folder read-only. */
static bool open_in(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
		    enum mapi_logon_folder folder, uint64_t mid, uint32_t *h)
{
	return mapi_message_open(logon, mem_ctx, logon->handle,
				  logon->folder_ids[folder], mid,
				  OpenMessage_ReadOnly, h, NULL) ==
	       MAPI_E_SUCCESS;
}

/* The recipient rows of @a account's copy @a mid in its Inbox, as
 * RopOpenMessage gives them to its owner; how many are Bcc. */
static uint32_t copy_recipients(struct itest_env *env, TALLOC_CTX *mem_ctx,
				const char *account, uint64_t mid,
				uint32_t *bcc)
{
	struct mapi_logon *logon = itest_logon_as(env, mem_ctx, account);
	struct mapi_message_info *info = NULL;
	uint32_t h, i;

	*bcc = 0;
	if (logon == NULL ||
	    mapi_message_open(logon, mem_ctx, logon->handle,
			      logon->folder_ids[MAPI_LOGON_INBOX], mid,
			      OpenMessage_ReadOnly, &h, &info) !=
	    MAPI_E_SUCCESS || info->row_count != info->recipient_count) {
		return UINT32_MAX;
	}
	for (i = 0; i < info->row_count; i++) {
		if ((info->rows[i].type & 0x0F) == RECIP_BCC) {
			(*bcc)++;
		}
	}
	return info->recipient_count;
}

/* A by-value attachment with @a size bytes, saved into @a msg. */
static bool add_file(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
		     uint32_t msg, uint16_t size)
{
	struct TaggedPropertyValue v[2] = {
		{ .PropertyTag = PidTagAttachMethod },
		{ .PropertyTag = 0x37010102 },	/* PidTagAttachDataBinary */
	};
	uint8_t *data = talloc_zero_array(mem_ctx, uint8_t, size);
	uint32_t num, att;

	v[0].Value.Integer32 = AF_BY_VALUE;
	v[1].Value.Binary.Count = size;
	v[1].Value.Binary.Data = data;
	return data != NULL &&
	       mapi_attachment_create(logon, mem_ctx, msg, &num, &att) ==
		       MAPI_E_SUCCESS &&
	       mapi_props_set(logon, mem_ctx, att, v, 2, NULL) ==
		       MAPI_E_SUCCESS &&
	       mapi_attachment_save(logon, mem_ctx, att, KeepOpenReadOnly) ==
		       MAPI_E_SUCCESS;
}

/* A message "inner" with an attachment, embedded in an attachment of
 * @a msg. */
static bool add_embedded(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			 uint32_t msg)
{
	uint32_t num, att, em;

	return mapi_attachment_create(logon, mem_ctx, msg, &num, &att) ==
		       MAPI_E_SUCCESS &&
	       mapi_attachment_open_embedded(logon, mem_ctx, att,
					     OpenEmbedded_Create,
					     MAPI_CODE_PAGE_SESSION, &em,
					     NULL) == MAPI_E_SUCCESS &&
	       itest_set_string(logon, mem_ctx, em, PidTagSubject_W, "inner",
				NULL) == MAPI_E_SUCCESS &&
	       add_file(logon, mem_ctx, em, 300) &&
	       mapi_message_save(logon, mem_ctx, em, KeepOpenReadOnly,
				 NULL) == MAPI_E_SUCCESS &&
	       mapi_attachment_save(logon, mem_ctx, att, KeepOpenReadOnly) ==
		       MAPI_E_SUCCESS;
}

/* The message embedded in attachment @a num of @a msg (read-only):
 * its subject, and how many attachments it has. */
static const char *embedded_subject(struct mapi_logon *logon,
				    TALLOC_CTX *mem_ctx, uint32_t msg,
				    uint32_t num, uint16_t *attachments)
{
	uint32_t att, em, *nums;

	if (mapi_attachment_open(logon, mem_ctx, msg, num,
				 OpenAttachment_ReadOnly, &att) !=
	    MAPI_E_SUCCESS ||
	    itest_prop_long(logon, mem_ctx, att, PidTagAttachMethod) !=
	    AF_EMBEDDED_MESSAGE ||
	    mapi_attachment_open_embedded(logon, mem_ctx, att,
					  OpenEmbedded_ReadOnly,
					  MAPI_CODE_PAGE_SESSION, &em, NULL) !=
	    MAPI_E_SUCCESS ||
	    mapi_attachments_valid(logon, mem_ctx, em, &nums, attachments) !=
	    MAPI_E_SUCCESS) {
		return NULL;
	}
	return itest_prop_string(logon, mem_ctx, em, PidTagSubject_W);
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
	const char *subject = itest_subject(mem_ctx, "no recipients");
	uint32_t h;
	uint64_t mid;

	ITEST_ASSERT(logon != NULL, "no logon");
	ITEST_ASSERT(make_message(logon, mem_ctx, 0, subject, NULL, 0, &h,
				  &mid),
		     "cannot make the message");
	/* MS-OXCDATA 2.4: ecNoRecipients */
	ITEST_MAPI(mapi_message_submit(logon, mem_ctx, h, 0),
		   MAPI_E_NO_RECIPIENTS);
	ITEST_ASSERT(find(env, mem_ctx, env->user.username, OUTBOX,
			  subject, NULL) == 1, "the message left the Outbox");
	return true;
}

/* alice -> To bob (EX), Cc carol (SMTP), Bcc zoe (EX). */
static bool test_send_local(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *alice = itest_logon(env, mem_ctx);
	struct mapi_logon *bob = itest_logon_as(env, mem_ctx, "bob");
	const char *subject = itest_subject(mem_ctx, "local delivery");
	const char *bob_dn = itest_dn_of_account(env, mem_ctx, "bob");
	const char *zoe_dn = itest_dn_of_account(env, mem_ctx, "zoe");
	struct itest_recip r[3] = {
		{ RECIP_TO, "EX", bob_dn, "Bob Tester" },
		{ RECIP_CC, "SMTP", "carol@sambamapi.test", "Carol Tester" },
		{ RECIP_BCC, "EX", zoe_dn, "Ölund Zoë" },
	};
	uint64_t mid, bob_mid = 0, zoe_mid = 0;
	uint32_t h, bh, bcc = 0, n;
	const struct property_row_value *c;
	const char *s;

	ITEST_ASSERT(alice && bob && bob_dn && zoe_dn, "no logons");
	ITEST_ASSERT(make_message(alice, mem_ctx, 0, subject, r, 3, &h, &mid),
		     "cannot make the message");
	ITEST_MAPI(mapi_message_submit(alice, mem_ctx, h, 0), MAPI_E_SUCCESS);

	ITEST_ASSERT(find(env, mem_ctx, "bob", INBOX, subject,
			  &bob_mid) == 1, "bob's copies");
	ITEST_ASSERT(find(env, mem_ctx, "carol", INBOX, subject,
			  NULL) == 1, "carol's copies");
	ITEST_ASSERT(find(env, mem_ctx, "zoe", INBOX, subject,
			  &zoe_mid) == 1, "zoe's copies");
	ITEST_ASSERT(find(env, mem_ctx, "alice", SENT, subject,
			  NULL) == 1, "alice's Sent Items");
	ITEST_ASSERT(find(env, mem_ctx, "alice", OUTBOX, subject,
			  NULL) == 0, "still in the Outbox");

	/* bob's copy, read through the server as bob */
	ITEST_ASSERT(open_in(bob, mem_ctx, INBOX, bob_mid, &bh),
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
	const char *subject = itest_subject(mem_ctx, "group delivery");
	struct itest_recip r[3] = {
		{ RECIP_TO, "SMTP", "staff@sambamapi.test", "Staff" },
		{ RECIP_TO, "SMTP", "bob@sambamapi.test", "Bob" },
		{ RECIP_CC, "EX", itest_dn_of_account(env, mem_ctx, "bob"),
		  "Bob" },
	};
	uint64_t mid;
	uint32_t h;

	ITEST_ASSERT(alice != NULL && r[2].address != NULL, "no logon");
	ITEST_ASSERT(make_message(alice, mem_ctx, 0, subject, r, 3, &h, &mid),
		     "cannot make the message");
	ITEST_MAPI(mapi_message_submit(alice, mem_ctx, h, 0), MAPI_E_SUCCESS);
	ITEST_ASSERT(find(env, mem_ctx, "bob", INBOX, subject, NULL) ==
		     1, "bob's copies");
	ITEST_ASSERT(find(env, mem_ctx, "alice", INBOX, subject,
			  NULL) == 1, "alice's own copy (member of staff)");
	ITEST_ASSERT(find(env, mem_ctx, "carol", INBOX, subject,
			  NULL) == 0, "carol is no member");
	return true;
}

/* An unknown address of this server's domain: a non-delivery report. */
static bool test_ndr(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *alice = itest_logon(env, mem_ctx);
	const char *subject = itest_subject(mem_ctx, "undeliverable");
	const char *report;
	struct itest_recip r[2] = {
		{ RECIP_TO, "SMTP", "nobody@sambamapi.test", "Nobody" },
		{ RECIP_TO, "SMTP", "carol@sambamapi.test", "Carol" },
	};
	uint64_t mid, ndr = 0;
	uint32_t h, nh, *nums;
	uint16_t n = 0;
	const char *s;

	ITEST_ASSERT(alice != NULL, "no logon");
	ITEST_ASSERT(make_message(alice, mem_ctx, 0, subject, r, 2, &h, &mid),
		     "cannot make the message");
	ITEST_MAPI(mapi_message_submit(alice, mem_ctx, h, 0), MAPI_E_SUCCESS);
	ITEST_ASSERT(find(env, mem_ctx, "carol", INBOX, subject,
			  NULL) == 1, "carol's copy");
	report = talloc_asprintf(mem_ctx, "Undeliverable: %s", subject);
	ITEST_ASSERT(find(env, mem_ctx, "alice", INBOX, report, &ndr) ==
		     1, "no report in alice's Inbox");
	ITEST_ASSERT(open_in(alice, mem_ctx, INBOX, ndr, &nh),
		     "cannot open the report");
	s = itest_prop_string(alice, mem_ctx, nh, PidTagMessageClass_W);
	ITEST_ASSERT(s && strcmp(s, "REPORT.IPM.Note.NDR") == 0, "class %s",
		     s);
	s = itest_prop_string(alice, mem_ctx, nh, PidTagOriginalSubject_W);
	ITEST_ASSERT(s && strcmp(s, subject) == 0, "original subject %s", s);
	/* the original comes back as an embedded message */
	ITEST_MAPI(mapi_attachments_valid(alice, mem_ctx, nh, &nums, &n),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(n == 1, "%u attachments on the report", n);
	s = embedded_subject(alice, mem_ctx, nh, nums[0], &n);
	ITEST_ASSERT(s && strcmp(s, subject) == 0, "returned message %s", s);
	ITEST_ASSERT(find(env, mem_ctx, "alice", SENT, subject,
			  NULL) == 1, "sent copy");
	return true;
}

/* An external address stays queued (Outbox, mfSubmitted) until
 * RopAbortSubmit takes it back. */
static bool test_external_and_abort(struct itest_env *env,
				    TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *alice = itest_logon(env, mem_ctx);
	const char *subject = itest_subject(mem_ctx, "external");
	struct itest_recip r[1] = {
		{ RECIP_TO, "SMTP", "someone@example.org", "Someone" },
	};
	uint64_t mid, outbox;
	uint32_t h, oh;

	ITEST_ASSERT(alice != NULL, "no logon");
	outbox = alice->folder_ids[OUTBOX];
	ITEST_ASSERT(make_message(alice, mem_ctx, 0, subject, r, 1, &h, &mid),
		     "cannot make the message");
	ITEST_MAPI(mapi_message_submit(alice, mem_ctx, h, 0), MAPI_E_SUCCESS);
	ITEST_ASSERT(find(env, mem_ctx, "alice", OUTBOX, subject,
			  NULL) == 1, "not queued in the Outbox");
	ITEST_ASSERT(open_in(alice, mem_ctx, OUTBOX, mid, &oh),
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
	ITEST_ASSERT(open_in(alice, mem_ctx, OUTBOX, mid, &oh),
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
	const char *subject = itest_subject(mem_ctx, "spooler");
	struct itest_recip r[1] = {
		{ RECIP_TO, "SMTP", "bob@sambamapi.test", "Bob" },
	};
	uint64_t mid, outbox, queued = 0;
	uint32_t h;

	ITEST_ASSERT(alice != NULL, "no logon");
	outbox = alice->folder_ids[OUTBOX];
	ITEST_ASSERT(make_message(alice, mem_ctx, 0, subject, r, 1, &h, &mid),
		     "cannot make the message");
	ITEST_MAPI(mapi_message_submit(alice, mem_ctx, h,
				       MAPI_SUBMIT_NEEDS_SPOOLER),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(find(env, mem_ctx, "bob", INBOX, subject, NULL) ==
		     0, "delivered without a spooler");
	/* MS-OXOMSG 3.2.4.8: the Spooler Queue folder lists it; it stays
	 * in the Outbox */
	ITEST_ASSERT(itest_count_subject(alice, mem_ctx, SPOOLER_QUEUE,
					 subject, &queued) == 1 &&
		     queued == mid, "not in the Spooler Queue");
	ITEST_ASSERT(find(env, mem_ctx, "alice", OUTBOX, subject, NULL) == 1,
		     "not in the Outbox");
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
	ITEST_ASSERT(itest_count_subject(alice, mem_ctx, SPOOLER_QUEUE,
					 subject, NULL) == 1,
		     "a locked message left the Spooler Queue");
	ITEST_MAPI(mapi_spooler_lock(alice, mem_ctx, mid,
				     MAPI_SPOOLER_FINISHED), MAPI_E_SUCCESS);
	ITEST_ASSERT(find(env, mem_ctx, "alice", SENT, subject,
			  NULL) == 1, "not in Sent Items after lstFinished");
	ITEST_ASSERT(itest_count_subject(alice, mem_ctx, SPOOLER_QUEUE,
					 subject, NULL) == 0,
		     "still in the Spooler Queue");
	ITEST_MAPI(mapi_spooler_lock(alice, mem_ctx, mid, MAPI_SPOOLER_LOCK),
		   MAPI_E_NOT_IN_QUEUE);
	return true;
}

/* RopTransportSend from the transport folder; PidTagDeleteAfterSubmit
 * on a submitted message deletes the sent copy. */
static bool test_transport_send(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *alice = itest_logon(env, mem_ctx);
	const char *subject = itest_subject(mem_ctx, "transport send");
	struct itest_recip r[1] = {
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
	ITEST_ASSERT(make_message(alice, mem_ctx, fid, subject,
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
	ITEST_ASSERT(find(env, mem_ctx, "carol", INBOX, subject,
			  NULL) == 1, "carol's copy");
	ITEST_MAPI(mapi_transport_new_mail(alice, mem_ctx, fid, mid,
					   "IPM.Note", 0), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_transport_new_mail(alice, mem_ctx, fid, mid + 0x10000,
					   "IPM.Note", 0), MAPI_E_NOT_FOUND);

	subject = itest_subject(mem_ctx, "delete after submit");
	ITEST_ASSERT(make_message(alice, mem_ctx, 0, subject, r, 1, &h, &mid),
		     "cannot make the message");
	ITEST_MAPI(mapi_props_set(alice, mem_ctx, h, &del, 1, &problems),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_submit(alice, mem_ctx, h, 0), MAPI_E_SUCCESS);
	ITEST_ASSERT(find(env, mem_ctx, "carol", INBOX, subject,
			  NULL) == 1, "carol's copy");
	ITEST_ASSERT(find(env, mem_ctx, "alice", SENT, subject,
			  NULL) == 0 &&
		     find(env, mem_ctx, "alice", OUTBOX, subject,
			  NULL) == 0, "the sent copy was kept");
	return true;
}

/* --------------------------------------------- embedded messages */

/* alice -> bob, a file and an embedded message with its own file: bob's
 * copy has both, the embedded message whole. */
static bool test_embedded(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *alice = itest_logon(env, mem_ctx);
	struct mapi_logon *bob = itest_logon_as(env, mem_ctx, "bob");
	const char *subject = itest_subject(mem_ctx, "embedded");
	struct itest_recip r[1] = {
		{ RECIP_TO, "SMTP", "bob@sambamapi.test", "Bob" },
	};
	uint32_t h, bh, *nums;
	uint16_t n = 0, inner = 0;
	uint64_t mid, bob_mid = 0;
	const char *s;

	ITEST_ASSERT(alice && bob, "no logons");
	ITEST_ASSERT(make_message(alice, mem_ctx, 0, subject, r, 1, &h, &mid),
		     "cannot make the message");
	ITEST_ASSERT(add_file(alice, mem_ctx, h, 100) &&
		     add_embedded(alice, mem_ctx, h), "attachments");
	ITEST_MAPI(mapi_message_submit(alice, mem_ctx, h, 0), MAPI_E_SUCCESS);
	ITEST_ASSERT(find(env, mem_ctx, "bob", INBOX, subject, &bob_mid) == 1,
		     "bob's copy");
	ITEST_ASSERT(open_in(bob, mem_ctx, INBOX, bob_mid, &bh), "open");
	ITEST_MAPI(mapi_attachments_valid(bob, mem_ctx, bh, &nums, &n),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(n == 2, "%u attachments", n);
	s = embedded_subject(bob, mem_ctx, bh, nums[1], &inner);
	ITEST_ASSERT(s != NULL && strcmp(s, "inner") == 0 && inner == 1,
		     "embedded message %s with %u attachments", s, inner);
	return true;
}

/* ---------------------------------------------- reports, receipts */

/* A message from alice asking for @a what (a Boolean property set to
 * true), submitted to @a account: the MID of its copy there. */
static bool send_asking(struct itest_env *env, TALLOC_CTX *mem_ctx,
			const char *subject, uint32_t what,
			const char *account, uint64_t *copy_mid)
{
	struct mapi_logon *alice = itest_logon(env, mem_ctx);
	struct TaggedPropertyValue ask = { .PropertyTag = what,
					   .Value.Boolean = 1 };
	struct itest_recip r[1] = {
		{ RECIP_TO, "SMTP", talloc_asprintf(mem_ctx,
						    "%s@sambamapi.test",
						    account), account },
	};
	uint32_t h;
	uint64_t mid;

	return alice != NULL &&
	       itest_make_message(alice, mem_ctx, 0, subject, &ask, 1, r, 1,
				  &h, &mid) &&
	       mapi_message_submit(alice, mem_ctx, h, 0) == MAPI_E_SUCCESS &&
	       find(env, mem_ctx, account, INBOX, subject, copy_mid) == 1;
}

/* How many reports "<prefix><subject>" alice has, and the last one. */
static uint32_t reports(struct itest_env *env, TALLOC_CTX *mem_ctx,
			const char *prefix, const char *subject,
			uint64_t *mid)
{
	return find(env, mem_ctx, "alice", INBOX,
		    talloc_asprintf(mem_ctx, "%s%s", prefix, subject), mid);
}

/* The message class of alice's message @a mid in her Inbox. */
static const char *class_in_inbox(struct itest_env *env,
				  TALLOC_CTX *mem_ctx, uint64_t mid)
{
	struct mapi_logon *alice = itest_logon(env, mem_ctx);
	uint32_t h;

	if (alice == NULL || !open_in(alice, mem_ctx, INBOX, mid, &h)) {
		return NULL;
	}
	return itest_prop_string(alice, mem_ctx, h, PidTagMessageClass_W);
}

/*
 * PidTagReadReceiptRequested: bob's copy has mfNotifyRead and
 * mfNotifyUnread pending; marking it read (rfDefault) sends alice one
 * read receipt REPORT.IPM.Note.IPNRN whose PidTagParentKey is the
 * message's search key; after it nothing is pending, and reading it
 * again sends no second receipt.
 */
static bool test_read_receipt(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *bob = itest_logon_as(env, mem_ctx, "bob");
	const char *subject = itest_subject(mem_ctx, "read receipt");
	const struct property_row_value *key, *parent;
	struct mapi_logon *alice = itest_logon(env, mem_ctx);
	uint64_t copy = 0, rr = 0;
	uint32_t h, rh;
	int64_t f;
	const char *s;

	ITEST_ASSERT(bob && alice, "no logons");
	ITEST_ASSERT(send_asking(env, mem_ctx, subject,
				 PidTagReadReceiptRequested, "bob", &copy),
		     "cannot send");
	ITEST_ASSERT(open_in(bob, mem_ctx, INBOX, copy, &h), "open");
	f = itest_prop_long(bob, mem_ctx, h, PidTagMessageFlags);
	ITEST_ASSERT((f & (MSGFLAG_NOTIFYREAD | MSGFLAG_NOTIFYUNREAD |
			   MSGFLAG_READ)) ==
		     (MSGFLAG_NOTIFYREAD | MSGFLAG_NOTIFYUNREAD),
		     "pending receipts 0x%llx", (long long)f);
	ITEST_ASSERT(reports(env, mem_ctx, "Read: ", subject, NULL) == 0,
		     "a receipt before reading");
	ITEST_MAPI(mapi_message_set_read_flag(bob, mem_ctx, h, rfDefault,
					      NULL, NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT(reports(env, mem_ctx, "Read: ", subject, &rr) == 1,
		     "no read receipt");
	s = class_in_inbox(env, mem_ctx, rr);
	ITEST_ASSERT(s && strcmp(s, "REPORT.IPM.Note.IPNRN") == 0, "class %s",
		     s);
	ITEST_ASSERT(open_in(alice, mem_ctx, INBOX, rr, &rh), "open receipt");
	s = itest_prop_string(alice, mem_ctx, rh, PidTagOriginalSubject_W);
	ITEST_ASSERT(s && strcmp(s, subject) == 0, "original subject %s", s);
	s = itest_prop_string(alice, mem_ctx, rh, PidTagSenderName_W);
	ITEST_ASSERT(s && strcmp(s, "Bob Tester") == 0, "from %s", s);
	key = itest_prop(bob, mem_ctx, h, PidTagSearchKey);
	parent = itest_prop(alice, mem_ctx, rh, PidTagParentKey);
	ITEST_ASSERT(key && parent && key->flag == 0 && parent->flag == 0 &&
		     key->value.Binary.Count == parent->value.Binary.Count &&
		     memcmp(key->value.Binary.Data, parent->value.Binary.Data,
			    key->value.Binary.Count) == 0, "PidTagParentKey");
	ITEST_ASSERT(open_in(bob, mem_ctx, INBOX, copy, &h), "reopen");
	f = itest_prop_long(bob, mem_ctx, h, PidTagMessageFlags);
	ITEST_ASSERT((f & (MSGFLAG_NOTIFYREAD | MSGFLAG_NOTIFYUNREAD |
			   MSGFLAG_READ)) == MSGFLAG_READ,
		     "after the receipt 0x%llx", (long long)f);
	/* sent once */
	ITEST_MAPI(mapi_message_set_read_flag(bob, mem_ctx, h,
					      rfClearReadFlag |
					      rfSuppressReceipt, NULL, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_set_read_flag(bob, mem_ctx, h, rfDefault,
					      NULL, NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT(reports(env, mem_ctx, "Read: ", subject, NULL) == 1,
		     "a second receipt");
	/* the receipt left bob's mailbox once sent */
	ITEST_ASSERT(find(env, mem_ctx, "bob", SENT,
			  talloc_asprintf(mem_ctx, "Read: %s", subject),
			  NULL) == 0, "the receipt in bob's Sent Items");
	return true;
}

/*
 * rfSuppressReceipt reads without a receipt (and cancels it);
 * rfGenerateReceiptOnly through RopSetReadFlags sends the receipt and
 * leaves the message unread (MS-OXCMSG 2.2.3.10.1).
 */
static bool test_receipt_flags(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *carol = itest_logon_as(env, mem_ctx, "carol");
	const char *s1 = itest_subject(mem_ctx, "suppressed receipt");
	const char *s2 = itest_subject(mem_ctx, "receipt only");
	uint64_t c1 = 0, c2 = 0;
	uint32_t h, inbox;
	int64_t f;

	ITEST_ASSERT(carol != NULL, "no logon");
	ITEST_ASSERT(send_asking(env, mem_ctx, s1, PidTagReadReceiptRequested,
				 "carol", &c1) &&
		     send_asking(env, mem_ctx, s2, PidTagReadReceiptRequested,
				 "carol", &c2), "cannot send");
	ITEST_ASSERT(open_in(carol, mem_ctx, INBOX, c1, &h), "open");
	ITEST_MAPI(mapi_message_set_read_flag(carol, mem_ctx, h,
					      rfSuppressReceipt, NULL, NULL),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(reports(env, mem_ctx, "Read: ", s1, NULL) == 0,
		     "a suppressed receipt was sent");
	f = itest_prop_long(carol, mem_ctx, h, PidTagMessageFlags);
	ITEST_ASSERT((f & (MSGFLAG_NOTIFYREAD | MSGFLAG_READ)) ==
		     MSGFLAG_READ, "suppressed 0x%llx", (long long)f);

	ITEST_MAPI(mapi_folder_open(carol, mem_ctx, carol->handle,
				    carol->folder_ids[INBOX], &inbox),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_messages_set_read_flags(carol, mem_ctx, inbox,
						rfGenerateReceiptOnly, &c2, 1,
						NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT(reports(env, mem_ctx, "Read: ", s2, NULL) == 1,
		     "no receipt with rfGenerateReceiptOnly");
	ITEST_ASSERT(open_in(carol, mem_ctx, INBOX, c2, &h), "open");
	f = itest_prop_long(carol, mem_ctx, h, PidTagMessageFlags);
	ITEST_ASSERT((f & (MSGFLAG_NOTIFYREAD | MSGFLAG_READ)) == 0,
		     "rfGenerateReceiptOnly 0x%llx", (long long)f);
	return true;
}

/* RopDeleteMessages with NotifyNonRead = @a notify. */
static enum MAPISTATUS delete_notify(struct mapi_logon *logon,
				     TALLOC_CTX *mem_ctx, uint32_t folder,
				     uint64_t *mid, bool notify)
{
	struct RopRequest req = { .RopId = RopDeleteMessages };
	struct RopResponse *resp;

	req.Body.DeleteMessages.NotifyNonRead = notify;
	req.Body.DeleteMessages.MessageIdCount = 1;
	req.Body.DeleteMessages.MessageIds = mid;
	return mapi_logon_rop(logon, mem_ctx, folder, &req, &resp, NULL);
}

/*
 * A copy deleted unread with NotifyNonRead sends alice a non-read
 * receipt REPORT.IPM.Note.IPNNRN (MS-OXOMSG 2.2.1.29, MS-OXCFOLD
 * 2.2.1.11); without NotifyNonRead, none.
 */
static bool test_nonread_receipt(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *carol = itest_logon_as(env, mem_ctx, "carol");
	const char *s1 = itest_subject(mem_ctx, "deleted unread");
	const char *s2 = itest_subject(mem_ctx, "deleted quietly");
	uint64_t c1 = 0, c2 = 0, nrn = 0;
	uint32_t inbox;
	const char *s;

	ITEST_ASSERT(carol != NULL, "no logon");
	ITEST_ASSERT(send_asking(env, mem_ctx, s1, PidTagReadReceiptRequested,
				 "carol", &c1) &&
		     send_asking(env, mem_ctx, s2, PidTagReadReceiptRequested,
				 "carol", &c2), "cannot send");
	ITEST_MAPI(mapi_folder_open(carol, mem_ctx, carol->handle,
				    carol->folder_ids[INBOX], &inbox),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(delete_notify(carol, mem_ctx, inbox, &c1, true),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(delete_notify(carol, mem_ctx, inbox, &c2, false),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(reports(env, mem_ctx, "Not read: ", s1, &nrn) == 1,
		     "no non-read receipt");
	s = class_in_inbox(env, mem_ctx, nrn);
	ITEST_ASSERT(s && strcmp(s, "REPORT.IPM.Note.IPNNRN") == 0,
		     "class %s", s);
	ITEST_ASSERT(reports(env, mem_ctx, "Not read: ", s2, NULL) == 0,
		     "a non-read receipt without NotifyNonRead");
	return true;
}

/*
 * PidTagOriginatorDeliveryReportRequested: alice gets one delivery
 * report REPORT.IPM.Note.DR listing both recipients, with
 * PidTagDeliverTime (MS-OXOMSG 2.2.2.29); no original attached.
 */
static bool test_delivery_report(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *alice = itest_logon(env, mem_ctx);
	const char *subject = itest_subject(mem_ctx, "delivery report");
	struct TaggedPropertyValue ask = {
		.PropertyTag = PidTagOriginatorDeliveryReportRequested,
		.Value.Boolean = 1
	};
	struct itest_recip r[2] = {
		{ RECIP_TO, "SMTP", "bob@sambamapi.test", "Bob" },
		{ RECIP_CC, "SMTP", "carol@sambamapi.test", "Carol" },
	};
	struct mapi_message_info *info = NULL;
	uint64_t mid, dr = 0;
	uint32_t h, *nums;
	uint16_t n = 9;
	const char *s;

	ITEST_ASSERT(alice != NULL, "no logon");
	ITEST_ASSERT(itest_make_message(alice, mem_ctx, 0, subject, &ask, 1,
					r, 2, &h, &mid), "cannot make it");
	ITEST_MAPI(mapi_message_submit(alice, mem_ctx, h, 0), MAPI_E_SUCCESS);
	ITEST_ASSERT(reports(env, mem_ctx, "Delivered: ", subject, &dr) == 1,
		     "no delivery report");
	ITEST_MAPI(mapi_message_open(alice, mem_ctx, alice->handle,
				     alice->folder_ids[INBOX], dr,
				     OpenMessage_ReadOnly, &h, &info),
		   MAPI_E_SUCCESS);
	s = itest_prop_string(alice, mem_ctx, h, PidTagMessageClass_W);
	ITEST_ASSERT(s && strcmp(s, "REPORT.IPM.Note.DR") == 0, "class %s",
		     s);
	ITEST_ASSERT(info->recipient_count == 2, "%u rows",
		     info->recipient_count);
	ITEST_MAPI(mapi_attachments_valid(alice, mem_ctx, h, &nums, &n),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(n == 0, "%u attachments on a delivery report", n);
	/* none without the request */
	subject = itest_subject(mem_ctx, "no delivery report");
	ITEST_ASSERT(make_message(alice, mem_ctx, 0, subject, r, 2, &h, &mid),
		     "cannot make the message");
	ITEST_MAPI(mapi_message_submit(alice, mem_ctx, h, 0), MAPI_E_SUCCESS);
	ITEST_ASSERT(find(env, mem_ctx, "bob", INBOX, subject, NULL) == 1 &&
		     reports(env, mem_ctx, "Delivered: ", subject, NULL) == 0,
		     "an unrequested delivery report");
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
	const char *subject = itest_subject(mem_ctx, "interrupted");
	struct itest_recip r[2] = {
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
	ITEST_ASSERT(make_message(alice, mem_ctx, 0, subject, r, 2, &h, &mid),
		     "cannot make the message");
	rv = mapi_message_submit(alice, mem_ctx, h, 0);
	ITEST_ASSERT(rv != MAPI_E_SUCCESS, "the server did not stop");
	/* the server is down: its databases tell */
	ITEST_ASSERT(stored_in_inbox(env, mem_ctx, "bob", subject) == 1 &&
		     stored_in_inbox(env, mem_ctx, "carol", subject) == 0,
		     "not stopped after the first copy");
	ITEST_ASSERT(testenv(mem_ctx, env, "", "stop") &&
		     testenv(mem_ctx, env, "", "start"),
		     "cannot restart the server");
	/* the next logon takes the delivery up again */
	alice = itest_logon(env, mem_ctx);
	ITEST_ASSERT(alice != NULL, "no logon after the restart");
	ITEST_ASSERT(itest_logon(env, mem_ctx) != NULL, "second logon");
	ITEST_ASSERT(find(env, mem_ctx, "bob", INBOX, subject, NULL) ==
		     1, "bob's copies after the restart");
	ITEST_ASSERT(find(env, mem_ctx, "carol", INBOX, subject,
			  NULL) == 1, "carol's copies after the restart");
	ITEST_ASSERT(find(env, mem_ctx, "alice", SENT, subject,
			  NULL) == 1 &&
		     find(env, mem_ctx, "alice", OUTBOX, subject,
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
	{ "embedded", test_embedded },
	{ "read_receipt", test_read_receipt },
	{ "receipt_flags", test_receipt_flags },
	{ "nonread_receipt", test_nonread_receipt },
	{ "delivery_report", test_delivery_report },
	{ "interrupted", test_interrupted },
};

int main(int argc, const char **argv)
{
	return itest_main("emsmdb-transport", tests, ARRAY_SIZE(tests), argc,
			  argv);
}
