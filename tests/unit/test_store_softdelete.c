/*
 * Unit tests of soft deletion in the message store (store_softdelete.c,
 * MS-OXCFOLD 1.3.3): soft-deleted messages and folders are hidden from
 * listings, counts and opens but kept, reachable with
 * MSTORE_SOFT_DELETED, removed by hard deletes and by the purge, on both
 * ldb backends.
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
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include "store/store.h"

#define PidTagSubject 0x0037001F
#define FILETIME_DAY (86400ULL * 10000000ULL)

struct fixture {
	TALLOC_CTX *mem;
	char dir[64];
	struct mstore *store;
	uint64_t folder;	/* a folder of the test under the IPM subtree */
};

static int setup_backend(void **state, enum mstore_backend backend)
{
	struct fixture *f = talloc_zero(NULL, struct fixture);
	struct mstore_open_params p = { 0 };
	uint64_t ipm;

	f->mem = f;
	if (!test_tmpdir_make(f->dir, sizeof(f->dir), "test_store")) {
		return -1;
	}
	p.directory = f->dir;
	p.mailbox = "alice";
	p.backend = backend;
	p.create = true;
	if (mstore_open(f->mem, &p, &f->store) != MAPI_E_SUCCESS ||
	    mstore_special_fid(f->store, MSTORE_IPM_SUBTREE, &ipm) !=
	    MAPI_E_SUCCESS ||
	    mstore_folder_create(f->store, ipm, "Test", NULL, 0, 0,
				 &f->folder, NULL) != MAPI_E_SUCCESS) {
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

static uint64_t save_message(struct fixture *f, uint64_t fid, bool assoc,
			     const char *subject)
{
	struct mstore_message *msg;
	struct mstore_value v = { .tag = PidTagSubject };
	uint64_t mid;

	v.v.str = subject;
	assert_int_equal(mstore_message_create(f->mem, f->store, fid, assoc,
					       &msg), 0);
	assert_int_equal(mstore_message_set_props(msg, &v, 1), 0);
	assert_int_equal(mstore_message_save(msg), 0);
	mid = mstore_message_mid(msg);
	talloc_free(msg);
	return mid;
}

static int32_t folder_long(struct fixture *f, uint64_t fid, uint32_t tag)
{
	struct mstore_value *v;
	int32_t r;

	assert_int_equal(mstore_folder_get_props(f->mem, f->store, fid, &tag,
						 1, &v), MAPI_E_SUCCESS);
	r = v[0].v.i32;
	talloc_free(v);
	return r;
}

static uint32_t listed(struct fixture *f, uint64_t fid, uint32_t flags)
{
	uint32_t tag = PidTagSubject, n = 0;
	struct mstore_row *rows;
	uint64_t *mids;

	assert_int_equal(mstore_folder_messages_ex(f->mem, f->store, fid,
						   flags, &tag, 1, &mids,
						   &rows, &n), 0);
	return n;
}

static uint32_t children(struct fixture *f, uint64_t fid, bool deleted)
{
	uint64_t *fids;
	uint32_t n = 0;

	assert_int_equal(deleted ?
			 mstore_folder_deleted_children(f->mem, f->store, fid,
							&fids, &n) :
			 mstore_folder_children(f->mem, f->store, fid, &fids,
						&n), 0);
	return n;
}

/* RopDeleteMessages' soft delete, then RopHardDeleteMessages. */
static void test_messages(void **state)
{
	struct fixture *f = *state;
	struct mstore_message *msg;
	struct mstore_value *v;
	uint32_t tag = MSTORE_PidTagDeletedOn, done = 0;
	uint64_t m1 = save_message(f, f->folder, false, "one");
	uint64_t m2 = save_message(f, f->folder, false, "two");
	uint64_t mids[3] = { m1, m2, 0x7777777777770001ULL };

	assert_int_equal(folder_long(f, f->folder, MSTORE_PidTagContentCount),
			 2);
	assert_int_equal(mstore_messages_delete_ex(f->store, f->folder, mids,
						   3, 0, &done), 0);
	assert_int_equal(done, 2);
	assert_int_equal(folder_long(f, f->folder, MSTORE_PidTagContentCount),
			 0);
	assert_int_equal(folder_long(f, f->folder,
				     MSTORE_PidTagContentUnreadCount), 0);
	assert_int_equal(listed(f, f->folder, 0), 0);
	assert_int_equal(listed(f, f->folder, MSTORE_SOFT_DELETED), 2);
	assert_int_equal(mstore_message_open(f->mem, f->store, m1, &msg),
			 MAPI_E_NOT_FOUND);
	assert_int_equal(mstore_message_open_ex(f->mem, f->store, m1,
						MSTORE_SOFT_DELETED, &msg), 0);
	assert_int_equal(mstore_message_fid(msg), f->folder);
	assert_int_equal(mstore_message_get_props(f->mem, msg, &tag, 1, &v),
			 0);
	assert_int_equal(v[0].tag, MSTORE_PidTagDeletedOn);
	assert_true(v[0].v.u64 > 0);
	/* neither moved nor read nor deleted again while soft deleted */
	assert_int_equal(mstore_message_move(f->store, m1, f->folder),
			 MAPI_E_NOT_FOUND);
	assert_int_equal(mstore_messages_delete_ex(f->store, f->folder, mids,
						   1, 0, &done), 0);
	assert_int_equal(done, 0);

	/* hard: the soft-deleted ones of the folder go for good */
	assert_int_equal(mstore_messages_delete_ex(f->store, f->folder, mids,
						   1, MSTORE_DEL_HARD, &done),
			 0);
	assert_int_equal(done, 1);
	assert_int_equal(listed(f, f->folder, MSTORE_SOFT_DELETED), 1);
	assert_int_equal(mstore_message_open_ex(f->mem, f->store, m1,
						MSTORE_SOFT_DELETED, &msg),
			 MAPI_E_NOT_FOUND);
	assert_int_equal(folder_long(f, f->folder, MSTORE_PidTagContentCount),
			 0);
}

/* RopDeleteFolder without DELETE_HARD_DELETE, then with it. */
static void test_folders(void **state)
{
	struct fixture *f = *state;
	uint64_t a, a1, again, parent;

	assert_int_equal(mstore_folder_create(f->store, f->folder, "A", NULL,
					      0, 0, &a, NULL), 0);
	assert_int_equal(mstore_folder_create(f->store, a, "A1", NULL, 0, 0,
					      &a1, NULL), 0);
	(void)save_message(f, a1, false, "deep");
	assert_int_equal(mstore_folder_delete(f->store, a, MSTORE_DEL_FOLDERS |
					      MSTORE_DEL_MESSAGES), 0);
	assert_int_equal(children(f, f->folder, false), 0);
	assert_int_equal(children(f, f->folder, true), 1);
	assert_int_equal(folder_long(f, f->folder,
				     MSTORE_PidTagFolderChildCount), 0);
	assert_int_equal(mstore_folder_open(f->store, a), MAPI_E_NOT_FOUND);
	assert_int_equal(mstore_folder_open(f->store, a1), MAPI_E_NOT_FOUND);
	assert_int_equal(mstore_folder_open_ex(f->store, a,
					       MSTORE_SOFT_DELETED), 0);
	assert_int_equal(mstore_folder_open_ex(f->store, a1,
					       MSTORE_SOFT_DELETED), 0);
	assert_int_equal(mstore_folder_parent(f->store, a, &parent), 0);
	assert_int_equal(parent, f->folder);
	/* nothing goes in; its name is free again */
	assert_int_equal(mstore_folder_create(f->store, a, "X", NULL, 0, 0,
					      &again, NULL), MAPI_E_NOT_FOUND);
	assert_int_equal(mstore_folder_move(f->store, a1, f->folder, NULL),
			 MAPI_E_NOT_FOUND);
	assert_int_equal(mstore_folder_create(f->store, f->folder, "A", NULL,
					      0, 0, &again, NULL), 0);
	assert_int_not_equal(again, a);
	/* soft deleted twice: not found; hard: gone with its tree */
	assert_int_equal(mstore_folder_delete(f->store, a, MSTORE_DEL_FOLDERS),
			 MAPI_E_NOT_FOUND);
	assert_int_equal(mstore_folder_delete(f->store, a1, MSTORE_DEL_HARD),
			 MAPI_E_NOT_FOUND);
	assert_int_equal(mstore_folder_delete(f->store, a, MSTORE_DEL_HARD),
			 0);
	assert_int_equal(mstore_folder_open_ex(f->store, a1,
					       MSTORE_SOFT_DELETED),
			 MAPI_E_NOT_FOUND);
	assert_int_equal(children(f, f->folder, true), 0);
	assert_int_equal(folder_long(f, f->folder,
				     MSTORE_PidTagFolderChildCount), 1);
}

/* RopEmptyFolder soft deletes, RopHardDeleteMessagesAndSubfolders not. */
static void test_empty(void **state)
{
	struct fixture *f = *state;
	uint64_t a, b;

	(void)save_message(f, f->folder, false, "one");
	(void)save_message(f, f->folder, true, "fai");
	assert_int_equal(mstore_folder_create(f->store, f->folder, "A", NULL,
					      0, 0, &a, NULL), 0);
	assert_int_equal(mstore_folder_empty_ex(f->store, f->folder, 0), 0);
	assert_int_equal(listed(f, f->folder, 0), 0);
	assert_int_equal(listed(f, f->folder, MSTORE_EMPTY_ASSOCIATED), 1);
	assert_int_equal(listed(f, f->folder, MSTORE_SOFT_DELETED), 1);
	assert_int_equal(children(f, f->folder, true), 1);
	assert_int_equal(mstore_folder_create(f->store, f->folder, "B", NULL,
					      0, 0, &b, NULL), 0);
	assert_int_equal(mstore_folder_empty_ex(f->store, f->folder,
						MSTORE_DEL_HARD |
						MSTORE_EMPTY_ASSOCIATED), 0);
	assert_int_equal(listed(f, f->folder, MSTORE_EMPTY_ASSOCIATED), 0);
	assert_int_equal(mstore_folder_open_ex(f->store, b,
					       MSTORE_SOFT_DELETED),
			 MAPI_E_NOT_FOUND);
	/* the soft-deleted ones stay until purged */
	assert_int_equal(children(f, f->folder, true), 1);
	assert_int_equal(listed(f, f->folder, MSTORE_SOFT_DELETED), 1);
}

/* The purge removes what was deleted before its date, with the
 * soft-deleted content of the folders it removes. */
static void test_purge(void **state)
{
	struct fixture *f = *state;
	uint64_t a, m, now;
	uint32_t purged = 0;

	assert_int_equal(mstore_folder_create(f->store, f->folder, "A", NULL,
					      0, 0, &a, NULL), 0);
	m = save_message(f, a, false, "in A");
	assert_int_equal(mstore_messages_delete_ex(f->store, a, &m, 1, 0,
						   NULL), 0);
	assert_int_equal(mstore_folder_delete(f->store, a, MSTORE_DEL_FOLDERS),
			 0);
	m = save_message(f, f->folder, false, "top");
	assert_int_equal(mstore_messages_delete_ex(f->store, f->folder, &m, 1,
						   0, NULL), 0);
	assert_int_equal(mstore_purge_soft_deleted(f->store, 0, &purged),
			 MAPI_E_INVALID_PARAMETER);
	/* deleted within the last day: a purge of older ones keeps them */
	now = (uint64_t)time(NULL) * 10000000ULL + 116444736000000000ULL;
	assert_int_equal(mstore_purge_soft_deleted(f->store,
						   now - FILETIME_DAY,
						   &purged), 0);
	assert_int_equal(purged, 0);
	assert_int_equal(children(f, f->folder, true), 1);
	assert_int_equal(mstore_purge_soft_deleted(f->store,
						   now + FILETIME_DAY,
						   &purged), 0);
	assert_int_equal(purged, 2);
	assert_int_equal(children(f, f->folder, true), 0);
	assert_int_equal(listed(f, f->folder, MSTORE_SOFT_DELETED), 0);
	assert_int_equal(mstore_message_open_ex(f->mem, f->store, m,
						MSTORE_SOFT_DELETED,
						&(struct mstore_message *){
							NULL }),
			 MAPI_E_NOT_FOUND);
}

#define BOTH(t) cmocka_unit_test_setup_teardown(t, setup, teardown), \
		cmocka_unit_test_setup_teardown(t, setup_tdb, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_messages),
		BOTH(test_folders),
		BOTH(test_empty),
		BOTH(test_purge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
