/*
 * Unit tests of the folder change counters of the message store
 * (mstore_folder_version()): every change of a folder's messages moves
 * its contents version, every change of a folder below it its hierarchy
 * version, on both ldb backends.
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
#include <cmocka.h>
#include "store/store.h"

#define PidTagSubject 0x0037001F

struct fixture {
	TALLOC_CTX *mem;
	char dir[64];
	struct mstore *store;
};

static int setup_backend(void **state, enum mstore_backend backend)
{
	struct fixture *f = talloc_zero(NULL, struct fixture);
	struct mstore_open_params p = { 0 };

	f->mem = f;
	if (!test_tmpdir_make(f->dir, sizeof(f->dir), "test_store")) {
		return -1;
	}
	p.directory = f->dir;
	p.mailbox = "alice";
	p.backend = backend;
	p.create = true;
	if (mstore_open(f->mem, &p, &f->store) != MAPI_E_SUCCESS) {
		return -1;
	}
	*state = f;
	return 0;
}

static int setup(void **state)
{
	return setup_backend(state, MSTORE_BACKEND_DEFAULT);
}

static int setup_tdb(void **state)
{
	return setup_backend(state, MSTORE_BACKEND_TDB);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char dir[sizeof(f->dir)];

	snprintf(dir, sizeof(dir), "%s", f->dir);
	talloc_free(f);		/* the stores close before their files go */
	return test_tmpdir_remove(dir);
}

static uint64_t special(struct mstore *s, enum mstore_special_folder id)
{
	uint64_t fid = 0;

	assert_int_equal(mstore_special_fid(s, id, &fid), MAPI_E_SUCCESS);
	return fid;
}

static uint64_t contents(struct mstore *s, uint64_t fid)
{
	struct mstore_folder_version v;

	assert_int_equal(mstore_folder_version(s, fid, &v), MAPI_E_SUCCESS);
	return v.contents;
}

static uint64_t hierarchy(struct mstore *s, uint64_t fid)
{
	struct mstore_folder_version v;

	assert_int_equal(mstore_folder_version(s, fid, &v), MAPI_E_SUCCESS);
	return v.hierarchy;
}

static struct mstore_message *new_message(TALLOC_CTX *mem, struct mstore *s,
					  uint64_t fid, const char *subject)
{
	struct mstore_message *msg;
	struct mstore_value v = { .tag = PidTagSubject };

	v.v.str = subject;
	assert_int_equal(mstore_message_create(mem, s, fid, false, &msg), 0);
	assert_int_equal(mstore_message_set_props(msg, &v, 1), 0);
	assert_int_equal(mstore_message_save(msg), 0);
	return msg;
}

/* Each change of a message moves its folder's contents version, even
 * one that keeps the folder's counts and size. */
static void test_contents_version(void **state)
{
	struct fixture *f = *state;
	struct mstore *s = f->store;
	uint64_t inbox = special(s, MSTORE_INBOX);
	uint64_t drafts = special(s, MSTORE_DRAFTS);
	struct mstore_value v = { .tag = PidTagSubject };
	struct mstore_message *msg;
	uint64_t before, mid, copy;

	before = contents(s, inbox);
	msg = new_message(f->mem, s, inbox, "abc");
	mid = mstore_message_mid(msg);
	assert_true(contents(s, inbox) > before);

	/* same size, same counts */
	before = contents(s, inbox);
	v.v.str = "xyz";
	assert_int_equal(mstore_message_set_props(msg, &v, 1), 0);
	assert_int_equal(mstore_message_save(msg), 0);
	assert_true(contents(s, inbox) > before);

	before = contents(s, inbox);
	assert_int_equal(mstore_message_set_read(s, mid, true), 0);
	assert_true(contents(s, inbox) > before);
	before = contents(s, inbox);
	assert_int_equal(mstore_message_set_read(s, mid, true), 0);
	assert_true(contents(s, inbox) >= before);
	/* the message status (RopSetMessageStatus) */
	before = contents(s, inbox);
	assert_int_equal(mstore_message_set_status(s, inbox, mid, 0x1000,
						   0x1000, NULL), 0);
	assert_true(contents(s, inbox) > before);

	before = contents(s, drafts);
	assert_int_equal(mstore_message_copy(s, mid, drafts, &copy), 0);
	assert_true(contents(s, drafts) > before);

	before = contents(s, inbox);
	assert_int_equal(mstore_message_move(s, mid, drafts), 0);
	assert_true(contents(s, inbox) > before);

	before = contents(s, drafts);
	assert_int_equal(mstore_messages_delete(s, drafts, &copy, 1), 0);
	assert_true(contents(s, drafts) > before);
	/* a folder's contents do not move the hierarchy of its parent */
	before = hierarchy(s, special(s, MSTORE_IPM_SUBTREE));
	(void)new_message(f->mem, s, inbox, "more");
	assert_int_equal(hierarchy(s, special(s, MSTORE_IPM_SUBTREE)),
			 before);
}

/* A change of a folder moves the hierarchy version of every folder
 * above it. */
static void test_hierarchy_version(void **state)
{
	struct fixture *f = *state;
	struct mstore *s = f->store;
	uint64_t root = special(s, MSTORE_ROOT);
	uint64_t ipm = special(s, MSTORE_IPM_SUBTREE);
	struct mstore_value name = { .tag = 0x3001001F };
	uint64_t a, b, a1, r, i, h;

	assert_int_equal(mstore_folder_create(s, ipm, "A", NULL, 0, 0, &a,
					      NULL), 0);
	assert_int_equal(mstore_folder_create(s, ipm, "B", NULL, 0, 0, &b,
					      NULL), 0);
	r = hierarchy(s, root);
	i = hierarchy(s, ipm);
	h = hierarchy(s, a);
	assert_int_equal(mstore_folder_create(s, a, "A1", NULL, 0, 0, &a1,
					      NULL), 0);
	assert_true(hierarchy(s, a) > h);
	assert_true(hierarchy(s, ipm) > i);
	assert_true(hierarchy(s, root) > r);

	/* a rename two levels down */
	i = hierarchy(s, ipm);
	name.v.str = "A1 renamed";
	assert_int_equal(mstore_folder_set_props(s, a1, &name, 1), 0);
	assert_true(hierarchy(s, ipm) > i);

	/* a move: both parents */
	h = hierarchy(s, a);
	i = hierarchy(s, b);
	assert_int_equal(mstore_folder_move(s, a1, b, NULL), 0);
	assert_true(hierarchy(s, a) > h);
	assert_true(hierarchy(s, b) > i);

	/* property removed, folder deleted */
	i = hierarchy(s, b);
	assert_int_equal(mstore_folder_delete_props(s, a1,
						    (uint32_t[]){ 0x3004001F },
						    1), 0);
	assert_true(hierarchy(s, b) > i);
	i = hierarchy(s, ipm);
	assert_int_equal(mstore_folder_delete(s, a1, MSTORE_DEL_HARD), 0);
	assert_true(hierarchy(s, ipm) > i);

	assert_int_equal(mstore_folder_version(s, 0x7777777777770001ULL,
					       &(struct mstore_folder_version)
					       { 0 }), MAPI_E_NOT_FOUND);
}

#define BOTH(t) cmocka_unit_test_setup_teardown(t, setup, teardown), \
		cmocka_unit_test_setup_teardown(t, setup_tdb, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_contents_version),
		BOTH(test_hierarchy_version),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
