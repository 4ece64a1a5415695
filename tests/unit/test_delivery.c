/*
 * Unit tests of the local delivery library (delivery/) on real store
 * databases in a temporary directory and a small directory in an ldb
 * file shaped like the AD's recipients: entry ID parsing, resolution
 * (nested distribution lists with a loop, duplicates, contacts, unknown
 * addresses), copies, reports, and a delivery interrupted by a process
 * exit (in a child) completed exactly once by mdeliver_resume().
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
#include <unistd.h>
#include <sys/wait.h>
#include <cmocka.h>
#include "delivery/delivery_private.h"
#include "store/store_lob.h"
#include <ldb.h>

#define ORG "/o=Org/ou=AG/cn=Recipients/cn="

struct fixture {
	TALLOC_CTX *mem;
	char dir[64];
	struct ldb_context *ldb;
	struct mdeliver *ctx;
	bool fault;		/* exit at "deliver-after-first" */
};

static void add_entry(struct ldb_context *ldb, const char *cn,
		      const char *cls, const char *mail,
		      const char *const *members)
{
	struct ldb_message *m = ldb_msg_new(ldb);

	m->dn = ldb_dn_new_fmt(m, ldb, "CN=%s,CN=Users,DC=example,DC=test",
			       cn);
	assert_int_equal(ldb_msg_add_string(m, "objectClass", cls), 0);
	assert_int_equal(ldb_msg_add_string(m, "cn", cn), 0);
	assert_int_equal(ldb_msg_add_string(m, "sAMAccountName", cn), 0);
	assert_int_equal(ldb_msg_add_string(m, "displayName", cn), 0);
	assert_int_equal(ldb_msg_add_string(m, "mail", mail), 0);
	assert_int_equal(ldb_msg_add_fmt(m, "legacyExchangeDN", ORG "%s",
					 cn), 0);
	while (members != NULL && *members != NULL) {
		assert_int_equal(ldb_msg_add_fmt(
			m, "member", "CN=%s,CN=Users,DC=example,DC=test",
			*members++), 0);
	}
	assert_int_equal(ldb_add(ldb, m), LDB_SUCCESS);
	talloc_free(m);
}

static void fault_hook(void *priv, const char *point)
{
	struct fixture *f = priv;

	if (f->fault && strcmp(point, "deliver-after-first") == 0) {
		_exit(3);
	}
}

/* The directory connection and the delivery context (a forked child
 * opens its own: ldb handles do not cross fork()). */
static void open_ctx(struct fixture *f)
{
	static const char *const domains[] = { "example.test", NULL };
	struct mdeliver_params p = { 0 };
	char *url = talloc_asprintf(f, "tdb://%s/directory.ldb", f->dir);

	f->ldb = ldb_init(f, NULL);
	assert_int_equal(ldb_connect(f->ldb, url, 0, NULL), LDB_SUCCESS);
	p.store_directory = f->dir;
	p.directory = f->ldb;
	p.local_domains = domains;
	p.fault = fault_hook;
	p.hook_priv = f;
	assert_int_equal(mdeliver_new(f, &p, &f->ctx), MAPI_E_SUCCESS);
}

static void close_ctx(struct fixture *f)
{
	TALLOC_FREE(f->ctx);
	TALLOC_FREE(f->ldb);
}

static int setup(void **state)
{
	struct fixture *f = talloc_zero(NULL, struct fixture);
	static const char *const g1[] = { "alice", "g2", NULL };
	static const char *const g2[] = { "bob", "g1", "dave", NULL };

	f->mem = f;
	if (!test_tmpdir_make(f->dir, sizeof(f->dir), "test_delivery")) {
		return -1;
	}
	open_ctx(f);
	add_entry(f->ldb, "alice", "user", "alice@example.test", NULL);
	add_entry(f->ldb, "bob", "user", "bob@example.test", NULL);
	add_entry(f->ldb, "carol", "user", "carol@example.test", NULL);
	add_entry(f->ldb, "dave", "contact", "dave@example.org", NULL);
	add_entry(f->ldb, "g1", "group", "g1@example.test", g1);
	add_entry(f->ldb, "g2", "group", "g2@example.test", g2);
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

/* A recipient row: type, address type, address. */
static struct mstore_row row(TALLOC_CTX *mem, uint32_t type,
			     const char *addrtype, const char *address)
{
	struct mstore_row r = { .count = 3 };

	r.values = talloc_zero_array(mem, struct mstore_value, 3);
	r.values[0].tag = MD_PidTagRecipientType;
	r.values[0].v.i32 = type;
	r.values[1].tag = MD_PidTagAddressType;
	r.values[1].v.str = addrtype;
	r.values[2].tag = MD_PidTagEmailAddress;
	r.values[2].v.str = address;
	return r;
}

static const struct mdeliver_target *target(const struct mdeliver_target *t,
					    uint32_t n,
					    enum mdeliver_target_kind kind,
					    const char *key)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		const char *k = kind == MDELIVER_LOCAL ? t[i].mailbox :
				kind == MDELIVER_REMOTE ? t[i].smtp :
							   t[i].email;

		if (t[i].kind == kind && k && strcmp(k, key) == 0) {
			return &t[i];
		}
	}
	return NULL;
}

/* MS-OXCDATA 2.2.5.1 one-off (Unicode) and 2.2.5.2 address book IDs. */
static void test_entryids(void **state)
{
	struct fixture *f = *state;
	uint8_t oneoff[] = {
		0, 0, 0, 0, 0x81, 0x2B, 0x1F, 0xA4, 0xBE, 0xA3, 0x10, 0x19,
		0x9D, 0x6E, 0x00, 0xDD, 0x01, 0x0F, 0x54, 0x02,
		0, 0, 0x01, 0x80,
		'Z', 0, 0xEB, 0, 0, 0,			/* "Zë" */
		'S', 0, 'M', 0, 'T', 0, 'P', 0, 0, 0,
		'z', 0, '@', 0, 'x', 0, 0, 0,
	};
	uint8_t ab[28 + sizeof(ORG "bob")] = {
		0, 0, 0, 0, 0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
		0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82, 1, 0, 0, 0,
	};
	struct mstore_bin b = { sizeof(oneoff), oneoff };
	struct mdeliver_address a = { 0 };

	assert_true(mdeliver_entryid_parse(f, &b, &a));
	assert_string_equal(a.name, "Z\xc3\xab");
	assert_string_equal(a.addrtype, "SMTP");
	assert_string_equal(a.email, "z@x");
	memcpy(ab + 28, ORG "bob", sizeof(ORG "bob"));
	b.data = ab;
	b.length = sizeof(ab);
	memset(&a, 0, sizeof(a));
	assert_true(mdeliver_entryid_parse(f, &b, &a));
	assert_string_equal(a.addrtype, "EX");
	assert_string_equal(a.email, ORG "bob");
	/* truncated: refused */
	b.length = 30;
	assert_false(mdeliver_entryid_parse(f, &b, &a));
}

/* Nested lists with a loop, duplicates, a contact, unknown addresses. */
static void test_resolve(void **state)
{
	struct fixture *f = *state;
	struct mstore_row rows[] = {
		/* Bcc: alice, bob, dave; then Cc bob wins over Bcc */
		row(f, 3, "SMTP", "g1@example.test"),
		row(f, 2, "EX", ORG "bob"),
		row(f, 1, "SMTP", "nobody@example.test"),
		row(f, 1, "SMTP", "friend@elsewhere.org"),
		row(f, 1, "X400", "c=us;a=;p=x"),
		row(f, 1, "EX", ORG "carol"),
	};
	struct mdeliver_target *t = NULL;
	const struct mdeliver_target *x;
	uint32_t n = 0;

	assert_int_equal(mdeliver_resolve(f->ctx, f, rows, 6, &t, &n),
			 MAPI_E_SUCCESS);
	assert_int_equal(n, 7);
	x = target(t, n, MDELIVER_LOCAL, "alice");
	assert_non_null(x);
	assert_int_equal(x->recip_type, 3);
	x = target(t, n, MDELIVER_LOCAL, "bob");
	assert_non_null(x);
	assert_int_equal(x->recip_type, 2);
	assert_int_equal(x->row, 1);
	assert_non_null(target(t, n, MDELIVER_LOCAL, "carol"));
	assert_non_null(target(t, n, MDELIVER_REMOTE, "dave@example.org"));
	assert_non_null(target(t, n, MDELIVER_REMOTE, "friend@elsewhere.org"));
	x = target(t, n, MDELIVER_FAILED, "nobody@example.test");
	assert_non_null(x);
	assert_int_equal(x->diag, MD_NDR_DIAG_NAME_UNRECOGNIZED);
	x = target(t, n, MDELIVER_FAILED, "c=us;a=;p=x");
	assert_non_null(x);
	assert_int_equal(x->diag, MD_NDR_DIAG_UNSUPPORTED_ADDRTYPE);
}

static struct mstore *mailbox(struct fixture *f, const char *name)
{
	struct mstore *s = NULL;

	assert_int_equal(mdeliver_open_mailbox(f->ctx, f, name, &s),
			 MAPI_E_SUCCESS);
	return s;
}

/* A message in @a sender's Outbox with @a n recipients. */
static uint64_t outbox_message(struct fixture *f, const char *sender,
			       const char *subject, struct mstore_row *rows,
			       uint32_t n)
{
	struct mstore *s = mailbox(f, sender);
	struct mstore_message *m = NULL;
	struct mstore_value v = { .tag = MD_PidTagSubject };
	uint64_t fid, mid;

	v.v.str = subject;
	assert_int_equal(mstore_special_fid(s, MSTORE_OUTBOX, &fid),
			 MAPI_E_SUCCESS);
	assert_int_equal(mstore_message_create(f, s, fid, false, &m),
			 MAPI_E_SUCCESS);
	assert_int_equal(mstore_message_set_props(m, &v, 1), MAPI_E_SUCCESS);
	assert_int_equal(mstore_message_set_recipients(m, rows, n),
			 MAPI_E_SUCCESS);
	assert_int_equal(mstore_message_save(m), MAPI_E_SUCCESS);
	mid = mstore_message_mid(m);
	talloc_free(s);
	return mid;
}

/* Messages of a special folder of @a who. */
static uint32_t count_in(struct fixture *f, const char *who,
			 enum mstore_special_folder folder)
{
	struct mstore *s = mailbox(f, who);
	struct mstore_row *rows = NULL;
	uint64_t fid, *mids = NULL;
	uint32_t tag = MD_PidTagSubject, n = 0;

	assert_int_equal(mstore_special_fid(s, folder, &fid), MAPI_E_SUCCESS);
	assert_int_equal(mstore_folder_messages(f, s, fid, false, &tag, 1,
						&mids, &rows, &n),
			 MAPI_E_SUCCESS);
	talloc_free(s);
	return n;
}

static void test_submit(void **state)
{
	struct fixture *f = *state;
	struct mstore_row rows[] = {
		/* g2: bob, alice (through g1), dave */
		row(f, 1, "SMTP", "g2@example.test"),
		row(f, 2, "SMTP", "nobody@example.test"),
	};
	uint64_t mid = outbox_message(f, "alice", "hello", rows, 2);
	struct mdeliver_result r;
	struct mstore *s = mailbox(f, "alice");
	enum mdeliver_state st;

	assert_int_equal(mdeliver_submit(f->ctx, s, "alice", mid, 0, &r),
			 MAPI_E_SUCCESS);
	assert_int_equal(r.delivered, 2);
	assert_int_equal(r.failed, 1);
	assert_int_equal(r.remote, 1);
	assert_false(r.finished);
	assert_int_equal(count_in(f, "bob", MSTORE_INBOX), 1);
	/* alice: her own copy and the report */
	assert_int_equal(count_in(f, "alice", MSTORE_INBOX), 2);
	assert_int_equal(mdeliver_state(f->ctx, "alice", mid, &st),
			 MAPI_E_SUCCESS);
	assert_int_equal(st, MDELIVER_STATE_REMOTE);
	/* queued for SMTP: a second submit is refused, abort works once */
	assert_int_equal(mdeliver_submit(f->ctx, s, "alice", mid, 0, &r),
			 MAPI_E_SUBMITTED);
	assert_int_equal(mdeliver_abort(f->ctx, s, "alice", mid),
			 MAPI_E_SUCCESS);
	assert_int_equal(mdeliver_abort(f->ctx, s, "alice", mid),
			 MAPI_E_NOT_IN_QUEUE);
}

/* The large value @a tag of the first message of @a who's Inbox, and
 * of its first attachment, whole. */
static void first_large(struct fixture *f, const char *who, uint32_t tag,
			uint32_t attach_tag, struct mstore_value *value,
			struct mstore_value *attach_value)
{
	struct mstore *s = mailbox(f, who);
	struct mstore_message *m;
	struct mstore_row *rows = NULL;
	struct mstore_value *all;
	uint64_t fid, *mids = NULL;
	uint32_t n = 0, i;

	assert_int_equal(mstore_special_fid(s, MSTORE_INBOX, &fid), 0);
	assert_int_equal(mstore_folder_messages(f, s, fid, false, NULL, 0,
						&mids, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(mstore_message_open(f, s, mids[0], &m), 0);
	assert_int_equal(mstore_message_get_all_props(f, m, &all, &n), 0);
	for (i = 0; i < n && !mstore_value_has_tag(&all[i], tag); i++) {
	}
	assert_true(i < n && mstore_value_is_large(&all[i]));
	assert_int_equal(mstore_large_load(f, s, &all[i], value), 0);
	assert_int_equal(mstore_message_get_attachments(f, m, &rows, &n), 0);
	assert_int_equal(n, 1);
	for (i = 0; i < rows[0].count &&
	     !mstore_value_has_tag(&rows[0].values[i], attach_tag); i++) {
	}
	assert_true(i < rows[0].count);
	assert_int_equal(mstore_large_load(f, s, &rows[0].values[i],
					   attach_value), 0);
	talloc_free(m);
	talloc_free(s);
}

/* Values kept out of line by the sender's mailbox are copied into the
 * recipient's. */
static void test_large_values(void **state)
{
	struct fixture *f = *state;
	struct mstore_row rcpt = row(f, 1, "SMTP", "bob@example.test");
	uint64_t mid = outbox_message(f, "alice", "big", &rcpt, 1);
	struct mstore *s = mailbox(f, "alice");
	struct mstore_value v = { .tag = 0x10130102 }, a = { .tag = 0x37010102 };
	struct mstore_value got, got_a;
	struct mstore_message *m;
	struct mdeliver_result r;
	uint32_t num, i;

	v.v.bin.length = 200000;
	v.v.bin.data = talloc_array(f, uint8_t, 200000);
	a.v.bin.length = 300000;
	a.v.bin.data = talloc_array(f, uint8_t, 300000);
	for (i = 0; i < 300000; i++) {
		a.v.bin.data[i] = i % 251;
		if (i < 200000) {
			v.v.bin.data[i] = i % 253;
		}
	}
	assert_int_equal(mstore_message_open(f, s, mid, &m), 0);
	assert_int_equal(mstore_message_set_props(m, &v, 1), 0);
	assert_int_equal(mstore_message_add_attachment(m, &a, 1, &num), 0);
	assert_int_equal(mstore_message_save(m), 0);
	talloc_free(m);
	assert_int_equal(mdeliver_submit(f->ctx, s, "alice", mid, 0, &r),
			 MAPI_E_SUCCESS);
	assert_int_equal(r.delivered, 1);
	first_large(f, "bob", v.tag, a.tag, &got, &got_a);
	assert_int_equal(got.v.bin.length, 200000);
	assert_memory_equal(got.v.bin.data, v.v.bin.data, 200000);
	assert_int_equal(got_a.v.bin.length, 300000);
	assert_memory_equal(got_a.v.bin.data, a.v.bin.data, 300000);
}

/* The process exits after the first copy; a resume delivers the rest,
 * and nobody gets two. */
static void test_interrupted(void **state)
{
	struct fixture *f = *state;
	struct mstore_row rows[] = {
		row(f, 1, "EX", ORG "bob"),
		row(f, 1, "EX", ORG "carol"),
	};
	uint64_t mid = outbox_message(f, "alice", "crash", rows, 2);
	struct mdeliver_result r;
	uint32_t resumed = 0;
	pid_t pid;
	int status;

	close_ctx(f);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		open_ctx(f);
		f->fault = true;
		mdeliver_submit(f->ctx, mailbox(f, "alice"), "alice", mid, 0,
				&r);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 3);
	open_ctx(f);
	assert_int_equal(count_in(f, "bob", MSTORE_INBOX), 1);
	assert_int_equal(count_in(f, "carol", MSTORE_INBOX), 0);
	assert_int_equal(mdeliver_resume(f->ctx, &resumed), MAPI_E_SUCCESS);
	assert_int_equal(resumed, 1);
	assert_int_equal(count_in(f, "bob", MSTORE_INBOX), 1);
	assert_int_equal(count_in(f, "carol", MSTORE_INBOX), 1);
	assert_int_equal(count_in(f, "alice", MSTORE_SENT_ITEMS), 1);
	assert_int_equal(count_in(f, "alice", MSTORE_OUTBOX), 0);
	assert_int_equal(mdeliver_resume(f->ctx, &resumed), MAPI_E_SUCCESS);
	assert_int_equal(resumed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_entryids, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_resolve, setup, teardown),
		cmocka_unit_test_setup_teardown(test_submit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large_values, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_interrupted, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
