/*
 * Unit tests of the store's public folders tree and RopLogon folder ids
 * (MS-OXCSTOR 2.2.1.1.4), the receive folder table (3.2.5.4) and the
 * per-user information of public folders (2.2.1.10 - 2.2.1.13), each on
 * both backends.
 */
#include "test_tmpdir.h"
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdbool.h>
#include <unistd.h>
#include <cmocka.h>
#include "store/store.h"
#include <ldb.h>

struct fixture {
	TALLOC_CTX *mem;
	char dir[64];
	struct mstore *mbx;
	struct mstore *pub;
	enum mstore_backend backend;
};

static struct mstore *open_store(struct fixture *f, const char *mailbox)
{
	struct mstore_open_params p = { 0 };
	struct mstore *s = NULL;

	p.directory = f->dir;
	p.mailbox = mailbox;
	p.backend = f->backend;
	p.create = true;
	assert_int_equal(mstore_open(f->mem, &p, &s), MAPI_E_SUCCESS);
	return s;
}

static int setup_backend(void **state, enum mstore_backend backend)
{
	struct fixture *f = talloc_zero(NULL, struct fixture);

	f->mem = f;
	f->backend = backend;
	if (!test_tmpdir_make(f->dir, sizeof(f->dir), "test_store_pub")) {
		return -1;
	}
	f->mbx = open_store(f, "alice");
	f->pub = open_store(f, NULL);
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

static uint64_t parent_of(struct mstore *s, uint64_t fid)
{
	uint64_t p = 0;

	assert_int_equal(mstore_folder_parent(s, fid, &p), MAPI_E_SUCCESS);
	return p;
}

static void test_public_logon_fids(void **state)
{
	struct fixture *f = *state;
	uint64_t fids[13], again[13];
	struct mstore *pub2;
	int i, j;

	assert_int_equal(mstore_logon_fids(f->pub, fids), MAPI_E_SUCCESS);
	for (i = 0; i < 10; i++) {
		assert_int_not_equal(fids[i], 0);
		assert_int_equal(mstore_folder_open(f->pub, fids[i]),
				 MAPI_E_SUCCESS);
		for (j = 0; j < i; j++) {
			assert_int_not_equal(fids[i], fids[j]);
		}
	}
	for (i = 10; i < 13; i++) {
		assert_int_equal(fids[i], 0);
	}
	/* the tree: root > IPM_SUBTREE, NON_IPM_SUBTREE > EFORMS REGISTRY,
	 * free/busy, OAB, NNTP; the locale's forms in EFORMS REGISTRY */
	assert_int_equal(parent_of(f->pub, fids[0]), 0);
	assert_int_equal(parent_of(f->pub, fids[1]), fids[0]);
	assert_int_equal(parent_of(f->pub, fids[2]), fids[0]);
	assert_int_equal(parent_of(f->pub, fids[3]), fids[2]);
	assert_int_equal(parent_of(f->pub, fids[4]), fids[2]);
	assert_int_equal(parent_of(f->pub, fids[5]), fids[2]);
	assert_int_equal(parent_of(f->pub, fids[6]), fids[3]);
	assert_int_equal(parent_of(f->pub, fids[7]), fids[4]);
	assert_int_equal(parent_of(f->pub, fids[8]), fids[5]);
	assert_int_equal(parent_of(f->pub, fids[9]), fids[2]);
	/* one public store: a second handle sees the same folders */
	pub2 = open_store(f, NULL);
	assert_int_equal(mstore_logon_fids(pub2, again), MAPI_E_SUCCESS);
	assert_memory_equal(fids, again, sizeof(fids));
}

/* Remove the public special folders from MSTORE_PUBLIC_OAB on, as in a
 * public store made before they existed. */
static void forget_new_public_folders(struct fixture *f)
{
	struct ldb_context *ldb = ldb_init(f->mem, NULL);
	struct ldb_message *msg = ldb_msg_new(f->mem);
	int i;

	assert_non_null(ldb);
	assert_int_equal(ldb_connect(ldb, mstore_url(f->pub), 0, NULL),
			 LDB_SUCCESS);
	msg->dn = ldb_dn_new(msg, ldb, "CN=MAILBOX");
	ldb_msg_add_empty(msg, "specialFid", LDB_FLAG_MOD_REPLACE, NULL);
	for (i = MSTORE_PUBLIC_ROOT; i < MSTORE_PUBLIC_OAB; i++) {
		uint64_t fid;

		assert_int_equal(mstore_special_fid(f->pub, i, &fid), 0);
		ldb_msg_add_fmt(msg, "specialFid", "%d:%016llX", i,
				(unsigned long long)fid);
	}
	assert_int_equal(ldb_modify(ldb, msg), LDB_SUCCESS);
	for (i = MSTORE_PUBLIC_OAB; i < MSTORE_SPECIAL_COUNT; i++) {
		uint64_t fid;

		assert_int_equal(mstore_special_fid(f->pub, i, &fid), 0);
		assert_int_equal(ldb_delete(ldb, ldb_dn_new_fmt(
			msg, ldb, "CN=%016llX,CN=FOLDERS",
			(unsigned long long)fid)), LDB_SUCCESS);
	}
	talloc_free(ldb);
}

static void test_public_store_upgrade(void **state)
{
	struct fixture *f = *state;
	uint64_t before[13], after[13];
	struct mstore *pub;
	int i;

	assert_int_equal(mstore_logon_fids(f->pub, before), MAPI_E_SUCCESS);
	TALLOC_FREE(f->pub);
	{
		struct mstore *tmp = open_store(f, NULL);

		f->pub = tmp;
		forget_new_public_folders(f);
		TALLOC_FREE(f->pub);
	}
	/* the next open adds the missing folders, and keeps the others */
	pub = open_store(f, NULL);
	assert_int_equal(mstore_logon_fids(pub, after), MAPI_E_SUCCESS);
	for (i = 0; i < 5; i++) {
		assert_int_equal(after[i], before[i]);
	}
	for (i = 5; i < 10; i++) {
		assert_int_not_equal(after[i], 0);
		assert_int_equal(mstore_folder_open(pub, after[i]),
				 MAPI_E_SUCCESS);
	}
}

static void test_receive_folder_table(void **state)
{
	struct fixture *f = *state;
	char **classes;
	uint64_t *fids, *times, inbox, root, drafts;
	uint32_t count, i;
	bool seen_ipc = false, seen_note = false;

	assert_int_equal(mstore_special_fid(f->mbx, MSTORE_INBOX, &inbox), 0);
	assert_int_equal(mstore_special_fid(f->mbx, MSTORE_ROOT, &root), 0);
	assert_int_equal(mstore_special_fid(f->mbx, MSTORE_DRAFTS, &drafts),
			 0);
	assert_int_equal(mstore_set_receive_folder(f->mbx, "IPM.Note.X",
						   drafts), MAPI_E_SUCCESS);
	assert_int_equal(mstore_receive_folders(f->mem, f->mbx, &classes,
						&fids, &times, &count),
			 MAPI_E_SUCCESS);
	/* "", IPM, REPORT.IPM, IPC and the new one */
	assert_int_equal(count, 5);
	for (i = 0; i < count; i++) {
		assert_int_not_equal(times[i], 0);
		if (strcasecmp(classes[i], "IPC") == 0) {
			assert_int_equal(fids[i], root);
			seen_ipc = true;
		} else if (strcasecmp(classes[i], "IPM.Note.X") == 0) {
			assert_int_equal(fids[i], drafts);
			seen_note = true;
		} else {
			assert_int_equal(fids[i], inbox);
		}
	}
	assert_true(seen_ipc && seen_note);
	/* removed: gone from the table */
	assert_int_equal(mstore_set_receive_folder(f->mbx, "ipm.note.x", 0),
			 MAPI_E_SUCCESS);
	assert_int_equal(mstore_receive_folders(f->mem, f->mbx, &classes,
						&fids, &times, &count),
			 MAPI_E_SUCCESS);
	assert_int_equal(count, 4);
}

static void ltid_of(struct mstore *s, uint64_t fid,
		    struct mstore_long_term_id *lt)
{
	assert_int_equal(mstore_id_to_long_term(s, fid, lt), MAPI_E_SUCCESS);
}

static void test_peruser_private(void **state)
{
	struct fixture *f = *state;
	const uint8_t part1[] = { 1, 2, 3 }, part2[] = { 4, 5 };
	struct mstore_long_term_id folder, other, *list;
	struct mstore_peruser_chunk c = { 0 };
	struct mstore_guid guid, got;
	struct mstore_bin data;
	uint64_t ipm;
	uint32_t count;

	assert_int_equal(mstore_special_fid(f->pub, MSTORE_PUBLIC_IPM_SUBTREE,
					    &ipm), 0);
	ltid_of(f->pub, ipm, &folder);
	guid = *mstore_replica_guid(f->pub);
	assert_int_equal(mstore_peruser_read(f->mem, f->mbx, NULL, &folder,
					     &data, &got), MAPI_E_NOT_FOUND);
	/* two chunks; nothing is committed before HasFinished */
	c.folder = &folder;
	c.data = part1;
	c.length = sizeof(part1);
	c.repl_guid = &guid;
	assert_int_equal(mstore_peruser_write(f->mbx, NULL, &c), 0);
	assert_int_equal(mstore_peruser_read(f->mem, f->mbx, NULL, &folder,
					     &data, &got), MAPI_E_SUCCESS);
	assert_int_equal(data.length, 0);
	/* a chunk out of sequence */
	c.offset = 7;
	assert_int_equal(mstore_peruser_write(f->mbx, NULL, &c),
			 MAPI_E_INVALID_PARAMETER);
	c.offset = sizeof(part1);
	c.data = part2;
	c.length = sizeof(part2);
	c.finished = true;
	c.repl_guid = NULL;
	assert_int_equal(mstore_peruser_write(f->mbx, NULL, &c), 0);
	assert_int_equal(mstore_peruser_read(f->mem, f->mbx, NULL, &folder,
					     &data, &got), MAPI_E_SUCCESS);
	assert_int_equal(data.length, 5);
	assert_memory_equal(data.data, "\1\2\3\4\5", 5);
	assert_true(mstore_guid_equal(&got, &guid));
	/* the folders cached from that public store */
	assert_int_equal(mstore_peruser_list(f->mem, f->mbx, &guid, &list,
					     &count), MAPI_E_SUCCESS);
	assert_int_equal(count, 1);
	assert_true(mstore_guid_equal(&list[0].guid, &folder.guid) &&
		    list[0].globcnt == folder.globcnt);
	other = folder;
	other.guid.bytes[0] ^= 0xFF;
	assert_int_equal(mstore_peruser_list(f->mem, f->mbx, &other.guid,
					     &list, &count), MAPI_E_SUCCESS);
	assert_int_equal(count, 0);
	/* a private mailbox has no other users' data; the public store has
	 * no cache */
	assert_int_equal(mstore_peruser_write(f->mbx, "bob", &c),
			 MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mstore_peruser_list(f->mem, f->pub, &guid, &list,
					     &count), MAPI_E_NO_SUPPORT);
}

static void test_peruser_public(void **state)
{
	struct fixture *f = *state;
	struct mstore_peruser_chunk c = { 0 };
	struct mstore_long_term_id folder;
	struct mstore_bin data;
	uint64_t ipm;

	assert_int_equal(mstore_special_fid(f->pub, MSTORE_PUBLIC_IPM_SUBTREE,
					    &ipm), 0);
	ltid_of(f->pub, ipm, &folder);
	c.folder = &folder;
	c.data = (const uint8_t *)"alice";
	c.length = 5;
	c.finished = true;
	assert_int_equal(mstore_peruser_write(f->pub, NULL, &c),
			 MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mstore_peruser_write(f->pub, "Alice", &c), 0);
	c.data = (const uint8_t *)"bob";
	c.length = 3;
	assert_int_equal(mstore_peruser_write(f->pub, "bob", &c), 0);
	/* each user's own data; account names compare case-insensitively */
	assert_int_equal(mstore_peruser_read(f->mem, f->pub, "alice", &folder,
					     &data, NULL), MAPI_E_SUCCESS);
	assert_int_equal(data.length, 5);
	assert_memory_equal(data.data, "alice", 5);
	assert_int_equal(mstore_peruser_read(f->mem, f->pub, "bob", &folder,
					     &data, NULL), MAPI_E_SUCCESS);
	assert_int_equal(data.length, 3);
	assert_int_equal(mstore_peruser_read(f->mem, f->pub, "carol",
					     &folder, &data, NULL),
			 MAPI_E_NOT_FOUND);
	/* an empty write replaces the data */
	c.length = 0;
	c.data = NULL;
	assert_int_equal(mstore_peruser_write(f->pub, "bob", &c), 0);
	assert_int_equal(mstore_peruser_read(f->mem, f->pub, "bob", &folder,
					     &data, NULL), MAPI_E_SUCCESS);
	assert_int_equal(data.length, 0);
}

#define BOTH(t) cmocka_unit_test_setup_teardown(t, setup, teardown), \
		cmocka_unit_test_setup_teardown(t, setup_tdb, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_public_logon_fids),
		BOTH(test_public_store_upgrade),
		BOTH(test_receive_folder_table),
		BOTH(test_peruser_private),
		BOTH(test_peruser_public),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
