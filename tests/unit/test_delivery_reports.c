/*
 * Unit tests of what local delivery writes besides plain copies, on real
 * store databases in a temporary directory and a small directory shaped
 * like the AD's recipients: embedded messages carried into copies (two
 * levels), delivery and non-delivery reports (the original attached to
 * the latter), read and non-read receipts sent once, and the list of
 * messages waiting for a spooler.
 */
#include "test_tmpdir.h"
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>
#include <cmocka.h>
#include "delivery/delivery_private.h"
#include <ldb.h>

#define ORG "/o=Org/ou=AG/cn=Recipients/cn="

struct fixture {
	char dir[64];
	struct ldb_context *ldb;
	struct mdeliver *ctx;
};

static void add_user(struct ldb_context *ldb, const char *cn)
{
	struct ldb_message *m = ldb_msg_new(ldb);

	m->dn = ldb_dn_new_fmt(m, ldb, "CN=%s,CN=Users,DC=example,DC=test",
			       cn);
	assert_int_equal(ldb_msg_add_string(m, "objectClass", "user"), 0);
	assert_int_equal(ldb_msg_add_string(m, "cn", cn), 0);
	assert_int_equal(ldb_msg_add_string(m, "sAMAccountName", cn), 0);
	assert_int_equal(ldb_msg_add_string(m, "displayName", cn), 0);
	assert_int_equal(ldb_msg_add_fmt(m, "mail", "%s@example.test", cn),
			 0);
	assert_int_equal(ldb_msg_add_fmt(m, "legacyExchangeDN", ORG "%s",
					 cn), 0);
	assert_int_equal(ldb_add(ldb, m), LDB_SUCCESS);
	talloc_free(m);
}

static int setup(void **state)
{
	static const char *const domains[] = { "example.test", NULL };
	struct fixture *f = talloc_zero(NULL, struct fixture);
	struct mdeliver_params p = { 0 };
	char *url;

	if (!test_tmpdir_make(f->dir, sizeof(f->dir), "test_delivery_rep")) {
		return -1;
	}
	url = talloc_asprintf(f, "tdb://%s/directory.ldb", f->dir);
	f->ldb = ldb_init(f, NULL);
	assert_int_equal(ldb_connect(f->ldb, url, 0, NULL), LDB_SUCCESS);
	add_user(f->ldb, "alice");
	add_user(f->ldb, "bob");
	p.store_directory = f->dir;
	p.directory = f->ldb;
	p.local_domains = domains;
	assert_int_equal(mdeliver_new(f, &p, &f->ctx), MAPI_E_SUCCESS);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	if (test_tmpdir_remove(f->dir) != 0) {
		fprintf(stderr, "cannot remove %s\n", f->dir);
	}
	talloc_free(f);
	return 0;
}

static struct mstore *mailbox(TALLOC_CTX *mem, struct fixture *f,
			      const char *name)
{
	struct mstore *s = NULL;

	assert_int_equal(mdeliver_open_mailbox(f->ctx, mem, name, &s),
			 MAPI_E_SUCCESS);
	return s;
}

static struct mstore_value str_value(uint32_t tag, const char *s)
{
	struct mstore_value v = { .tag = tag };

	v.v.str = s;
	return v;
}

static struct mstore_value int_value(uint32_t tag, int32_t i)
{
	struct mstore_value v = { .tag = tag };

	v.v.i32 = i;
	return v;
}

/* Put into @a m a new attachment embedding a message @a subject (itself
 * embedding one @a inner when not NULL). */
static void embed(TALLOC_CTX *mem, struct mstore_message *m,
		  const char *subject, const char *inner)
{
	struct mstore_attachment *att = NULL;
	struct mstore_message *em = NULL;
	struct mstore_value v = str_value(MD_PidTagSubject, subject);

	assert_int_equal(mstore_attachment_create(mem, m, &att),
			 MAPI_E_SUCCESS);
	assert_int_equal(mstore_attachment_embedded(mem, att, true, &em),
			 MAPI_E_SUCCESS);
	assert_int_equal(mstore_message_set_props(em, &v, 1),
			 MAPI_E_SUCCESS);
	if (inner != NULL) {
		embed(mem, em, inner, NULL);
	}
	assert_int_equal(mstore_message_save(em), MAPI_E_SUCCESS);
	assert_int_equal(mstore_attachment_save(att), MAPI_E_SUCCESS);
}

/* A message of alice's Outbox to @a to with the properties @a v. */
static uint64_t outbox_message(TALLOC_CTX *mem, struct fixture *f,
			       const char *subject, const char *to,
			       const struct mstore_value *v, uint32_t n,
			       bool embedded)
{
	struct mstore *s = mailbox(mem, f, "alice");
	struct mstore_message *m = NULL;
	struct mstore_value sv = str_value(MD_PidTagSubject, subject);
	struct mstore_row r = { .count = 3 };
	uint64_t fid;

	r.values = talloc_array(mem, struct mstore_value, 3);
	r.values[0] = int_value(MD_PidTagRecipientType, MD_RECIP_TO);
	r.values[1] = str_value(MD_PidTagAddressType, "SMTP");
	r.values[2] = str_value(MD_PidTagEmailAddress, to);
	assert_int_equal(mstore_special_fid(s, MSTORE_OUTBOX, &fid),
			 MAPI_E_SUCCESS);
	assert_int_equal(mstore_message_create(mem, s, fid, false, &m),
			 MAPI_E_SUCCESS);
	assert_int_equal(mstore_message_set_props(m, &sv, 1),
			 MAPI_E_SUCCESS);
	if (n > 0) {
		assert_int_equal(mstore_message_set_props(m, v, n),
				 MAPI_E_SUCCESS);
	}
	assert_int_equal(mstore_message_set_recipients(m, &r, 1),
			 MAPI_E_SUCCESS);
	if (embedded) {
		embed(mem, m, "outer", "inner");
	}
	assert_int_equal(mstore_message_save(m), MAPI_E_SUCCESS);
	return mstore_message_mid(m);
}

static void submit(TALLOC_CTX *mem, struct fixture *f, uint64_t mid,
		   uint8_t flags)
{
	struct mdeliver_result r;

	assert_int_equal(mdeliver_submit(f->ctx, mailbox(mem, f, "alice"),
					 "alice", mid, flags, &r),
			 MAPI_E_SUCCESS);
}

/* The message of @a who's Inbox with @a subject (0: none), and how many
 * there are. */
static uint32_t in_inbox(TALLOC_CTX *mem, struct fixture *f, const char *who,
			 const char *subject, uint64_t *mid)
{
	struct mstore *s = mailbox(mem, f, who);
	struct mstore_row *rows = NULL;
	uint64_t fid, *mids = NULL;
	uint32_t tag = MD_PidTagSubject, n = 0, i, found = 0;

	assert_int_equal(mstore_special_fid(s, MSTORE_INBOX, &fid),
			 MAPI_E_SUCCESS);
	assert_int_equal(mstore_folder_messages(mem, s, fid, false, &tag, 1,
						&mids, &rows, &n),
			 MAPI_E_SUCCESS);
	for (i = 0; i < n; i++) {
		if (rows[i].values[0].tag == tag &&
		    strcmp(rows[i].values[0].v.str, subject) == 0) {
			*mid = mids[i];
			found++;
		}
	}
	return found;
}

static struct mstore_message *open_in(TALLOC_CTX *mem, struct fixture *f,
				      const char *who, uint64_t mid)
{
	struct mstore_message *m = NULL;

	assert_int_equal(mstore_message_open(mem, mailbox(mem, f, who), mid,
					     &m), MAPI_E_SUCCESS);
	return m;
}

static const char *subject_of(TALLOC_CTX *mem, struct mstore_message *m)
{
	uint32_t tag = MD_PidTagSubject;
	struct mstore_value *v = NULL;

	assert_int_equal(mstore_message_get_props(mem, m, &tag, 1, &v),
			 MAPI_E_SUCCESS);
	return v[0].tag == tag ? v[0].v.str : NULL;
}

/* The message embedded in the first attachment of @a m. */
static struct mstore_message *first_embedded(TALLOC_CTX *mem,
					     struct mstore_message *m)
{
	struct mstore_attachment *att = NULL;
	struct mstore_message *em = NULL;
	uint32_t *nums = NULL, n = 0;

	assert_int_equal(mstore_message_attachment_nums(mem, m, &nums, &n),
			 MAPI_E_SUCCESS);
	assert_true(n >= 1);
	assert_int_equal(mstore_attachment_open(mem, m, nums[0], &att),
			 MAPI_E_SUCCESS);
	assert_int_equal(mstore_attachment_embedded(mem, att, false, &em),
			 MAPI_E_SUCCESS);
	return em;
}

static int32_t flags_of(TALLOC_CTX *mem, struct mstore_message *m)
{
	uint32_t tag = MD_PidTagMessageFlags;
	struct mstore_value *v = NULL;

	assert_int_equal(mstore_message_get_props(mem, m, &tag, 1, &v),
			 MAPI_E_SUCCESS);
	return v[0].tag == tag ? v[0].v.i32 : 0;
}

/* Embedded messages two levels deep reach bob's mailbox whole. */
static void test_embedded(void **state)
{
	struct fixture *f = *state;
	TALLOC_CTX *mem = talloc_new(f);
	uint64_t mid = outbox_message(mem, f, "with attachments",
				      "bob@example.test", NULL, 0, true);
	struct mstore_message *copy, *outer;
	uint64_t got = 0;

	submit(mem, f, mid, 0);
	assert_int_equal(in_inbox(mem, f, "bob", "with attachments", &got),
			 1);
	copy = open_in(mem, f, "bob", got);
	outer = first_embedded(mem, copy);
	assert_string_equal(subject_of(mem, outer), "outer");
	assert_string_equal(subject_of(mem, first_embedded(mem, outer)),
			    "inner");
	talloc_free(mem);
}

/* A delivery report for bob, a non-delivery report for nobody with the
 * original attached. */
static void test_reports(void **state)
{
	struct fixture *f = *state;
	TALLOC_CTX *mem = talloc_new(f);
	struct mstore_value ask = {
		.tag = MD_PidTagOriginatorDeliveryReportRequested,
		.v.b = true
	};
	struct mstore_row *rows = NULL;
	struct mstore_message *m;
	uint64_t mid, dr = 0, ndr = 0;
	uint32_t n = 0;

	mid = outbox_message(mem, f, "reported", "bob@example.test", &ask, 1,
			     false);
	submit(mem, f, mid, 0);
	assert_int_equal(in_inbox(mem, f, "alice", "Delivered: reported",
				  &dr), 1);
	m = open_in(mem, f, "alice", dr);
	assert_int_equal(mstore_message_get_recipients(mem, m, &rows, &n),
			 MAPI_E_SUCCESS);
	assert_int_equal(n, 1);
	assert_non_null(mstore_values_find(rows[0].values, rows[0].count,
					   MD_PidTagDeliverTime));

	mid = outbox_message(mem, f, "lost", "nobody@example.test", NULL, 0,
			     false);
	submit(mem, f, mid, 0);
	assert_int_equal(in_inbox(mem, f, "alice", "Undeliverable: lost",
				  &ndr), 1);
	assert_int_equal(in_inbox(mem, f, "alice", "Delivered: lost", &dr),
			 0);
	m = open_in(mem, f, "alice", ndr);
	assert_string_equal(subject_of(mem, first_embedded(mem, m)), "lost");
	talloc_free(mem);
}

/* Read receipt once; non-read receipt only while unread. */
static void test_receipts(void **state)
{
	struct fixture *f = *state;
	TALLOC_CTX *mem = talloc_new(f);
	struct mstore_value ask = { .tag = MD_PidTagReadReceiptRequested,
				    .v.b = true };
	struct mstore_read_result res;
	struct mstore *bob = mailbox(mem, f, "bob");
	uint64_t mid, copy = 0, rr = 0;

	mid = outbox_message(mem, f, "please read", "bob@example.test", &ask,
			     1, false);
	submit(mem, f, mid, 0);
	assert_int_equal(in_inbox(mem, f, "bob", "please read", &copy), 1);
	assert_int_equal(flags_of(mem, open_in(mem, f, "bob", copy)) &
			 (MD_MSGFLAG_NOTIFYREAD | MD_MSGFLAG_NOTIFYUNREAD),
			 MD_MSGFLAG_NOTIFYREAD | MD_MSGFLAG_NOTIFYUNREAD);
	assert_int_equal(mstore_message_set_read_flags(bob, 0, copy, 0,
						       &res),
			 MAPI_E_SUCCESS);
	assert_true(res.receipt_due);
	assert_int_equal(mdeliver_receipt(f->ctx, bob, 0, copy, "bob",
					  MDELIVER_RECEIPT_READ),
			 MAPI_E_SUCCESS);
	assert_int_equal(in_inbox(mem, f, "alice", "Read: please read", &rr),
			 1);
	/* once: nothing pending any more, not even a non-read receipt */
	assert_int_equal(flags_of(mem, open_in(mem, f, "bob", copy)) &
			 (MD_MSGFLAG_NOTIFYREAD | MD_MSGFLAG_NOTIFYUNREAD), 0);
	assert_int_equal(mdeliver_receipt(f->ctx, bob, 0, copy, "bob",
					  MDELIVER_RECEIPT_READ),
			 MAPI_E_SUCCESS);
	assert_int_equal(mdeliver_receipt(f->ctx, bob, 0, copy, "bob",
					  MDELIVER_RECEIPT_NONREAD),
			 MAPI_E_SUCCESS);
	assert_int_equal(in_inbox(mem, f, "alice", "Read: please read", &rr),
			 1);
	assert_int_equal(in_inbox(mem, f, "alice", "Not read: please read",
				  &rr), 0);
	/* another one deleted unread: the non-read receipt */
	mid = outbox_message(mem, f, "ignored", "bob@example.test", &ask, 1,
			     false);
	submit(mem, f, mid, 0);
	assert_int_equal(in_inbox(mem, f, "bob", "ignored", &copy), 1);
	assert_int_equal(mdeliver_receipt(f->ctx, bob, 0, copy, "bob",
					  MDELIVER_RECEIPT_NONREAD),
			 MAPI_E_SUCCESS);
	assert_int_equal(in_inbox(mem, f, "alice", "Not read: ignored", &rr),
			 1);
	talloc_free(mem);
}

/* NeedsSpooler: listed until a spooler finishes it. */
static void test_spooler_queue(void **state)
{
	struct fixture *f = *state;
	TALLOC_CTX *mem = talloc_new(f);
	uint64_t mid, *mids = NULL;
	uint32_t n = 9;

	mid = outbox_message(mem, f, "spooled", "bob@example.test", NULL, 0,
			     false);
	assert_int_equal(mdeliver_spooler_queue(f->ctx, mem, "alice", &mids,
						&n), MAPI_E_SUCCESS);
	assert_int_equal(n, 0);
	submit(mem, f, mid, MDELIVER_SUBMIT_NEEDS_SPOOLER);
	assert_int_equal(mdeliver_spooler_queue(f->ctx, mem, "alice", &mids,
						&n), MAPI_E_SUCCESS);
	assert_int_equal(n, 1);
	assert_true(mids[0] == mid);
	assert_int_equal(mdeliver_spooler_queue(f->ctx, mem, "bob", &mids,
						&n), MAPI_E_SUCCESS);
	assert_int_equal(n, 0);
	assert_int_equal(mdeliver_spooler_lock(f->ctx,
					       mailbox(mem, f, "alice"),
					       "alice", mid, MDELIVER_LOCK),
			 MAPI_E_SUCCESS);
	assert_int_equal(mdeliver_spooler_queue(f->ctx, mem, "alice", &mids,
						&n), MAPI_E_SUCCESS);
	assert_int_equal(n, 1);
	assert_int_equal(mdeliver_spooler_lock(f->ctx,
					       mailbox(mem, f, "alice"),
					       "alice", mid,
					       MDELIVER_FINISHED),
			 MAPI_E_SUCCESS);
	assert_int_equal(mdeliver_spooler_queue(f->ctx, mem, "alice", &mids,
						&n), MAPI_E_SUCCESS);
	assert_int_equal(n, 0);
	talloc_free(mem);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_embedded, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_reports, setup, teardown),
		cmocka_unit_test_setup_teardown(test_receipts, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_spooler_queue, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
