/*
 * Unit tests of the message store on real databases in a temporary
 * directory: special folders, named properties, the folder tree,
 * messages and their counts, change tracking, two handles, errors.
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
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <cmocka.h>
#include "store/store.h"

#define PidTagSubject 0x0037001F
#define PidTagBody 0x1000001F
#define PidTagDisplayTo 0x0E04001F
#define PidTagAttachDataBinary 0x37010102
#define PidTagAttachLongFilename 0x3707001F
#define PidTagEmailAddress 0x3003001F

struct fixture {
	TALLOC_CTX *mem;
	char dir[64];
	struct mstore *store;
	enum mstore_backend backend;
};

static struct mstore *open_store(struct fixture *f, const char *mailbox,
				 bool create)
{
	struct mstore_open_params p = { 0 };
	struct mstore *s = NULL;

	p.directory = f->dir;
	p.mailbox = mailbox;
	p.backend = f->backend;
	p.create = create;
	assert_int_equal(mstore_open(f->mem, &p, &s), MAPI_E_SUCCESS);
	return s;
}

static int setup_backend(void **state, enum mstore_backend backend)
{
	struct fixture *f = talloc_zero(NULL, struct fixture);

	f->mem = f;
	f->backend = backend;
	if (!test_tmpdir_make(f->dir, sizeof(f->dir), "test_store")) {
		return -1;
	}
	f->store = open_store(f, "alice", true);
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

static int32_t folder_long(struct mstore *s, uint64_t fid, uint32_t tag)
{
	struct mstore_value *v;
	int32_t r;

	assert_int_equal(mstore_folder_get_props(NULL, s, fid, &tag, 1, &v),
			 MAPI_E_SUCCESS);
	assert_int_equal(v[0].tag, tag);
	r = MSTORE_PROP_TYPE(tag) == PT_BOOLEAN ? v[0].v.b : v[0].v.i32;
	talloc_free(v);
	return r;
}

static const char *folder_string(TALLOC_CTX *mem, struct mstore *s,
				 uint64_t fid, uint32_t tag)
{
	struct mstore_value *v;

	assert_int_equal(mstore_folder_get_props(mem, s, fid, &tag, 1, &v),
			 MAPI_E_SUCCESS);
	if (v[0].tag != tag) {
		return NULL;
	}
	return v[0].v.str;
}

/* ------------------------------------------------------------ tests */

static void test_special_folders(void **state)
{
	struct fixture *f = *state;
	struct mstore *s = f->store;
	uint64_t fids[13], root, ipm, inbox, parent, fid;
	struct mstore_value *v;
	struct mstore_bin eid;
	uint32_t tags[3] = {
		MSTORE_PidTagIpmAppointmentEntryId,
		MSTORE_PidTagAdditionalRenEntryIds,
		MSTORE_PidTagAdditionalRenEntryIdsEx
	};
	char *cls;
	int i;

	assert_int_equal(mstore_logon_fids(s, fids), MAPI_E_SUCCESS);
	root = fids[0];
	ipm = fids[3];
	inbox = fids[4];
	for (i = 0; i < 13; i++) {
		assert_int_not_equal(fids[i], 0);
		assert_int_equal(mstore_id_replid(fids[i]), 1);
	}
	assert_int_equal(mstore_folder_parent(s, root, &parent), 0);
	assert_int_equal(parent, 0);
	assert_int_equal(mstore_folder_parent(s, inbox, &parent), 0);
	assert_int_equal(parent, ipm);
	assert_int_equal(mstore_folder_parent(s, fids[1], &parent), 0);
	assert_int_equal(parent, root);
	assert_string_equal(folder_string(f->mem, s, inbox,
					  MSTORE_PidTagDisplayName), "Inbox");
	assert_string_equal(folder_string(f->mem, s, inbox,
					  MSTORE_PidTagContainerClass),
			    "IPF.Note");
	assert_string_equal(folder_string(f->mem, s,
					  special(s, MSTORE_CALENDAR),
					  MSTORE_PidTagContainerClass),
			    "IPF.Appointment");
	assert_string_equal(folder_string(f->mem, s,
					  special(s, MSTORE_NOTES),
					  MSTORE_PidTagContainerClass),
			    "IPF.StickyNote");
	assert_int_equal(mstore_folder_find(s, special(s, MSTORE_SYNC_ISSUES),
					    "server failures", &fid), 0);
	assert_int_equal(fid, special(s, MSTORE_SERVER_FAILURES));
	assert_int_equal(folder_long(s, root, MSTORE_PidTagFolderType),
			 MSTORE_FOLDER_ROOT);
	assert_int_equal(folder_long(s, inbox, MSTORE_PidTagFolderType),
			 MSTORE_FOLDER_GENERIC);
	assert_true(folder_long(s, ipm, MSTORE_PidTagSubfolders));

	/* Entry IDs on the Inbox and the root name the right folders. */
	assert_int_equal(mstore_folder_get_props(f->mem, s, inbox, tags, 3,
						 &v), 0);
	assert_int_equal(v[0].tag, tags[0]);
	assert_int_equal(mstore_folder_entryid_to_fid(s, &v[0].v.bin, &fid),
			 0);
	assert_int_equal(fid, special(s, MSTORE_CALENDAR));
	assert_int_equal(v[1].tag, tags[1]);
	assert_int_equal(v[1].v.mv.count, 5);
	assert_int_equal(mstore_folder_entryid_to_fid(s, &v[1].v.mv.bin[4],
						      &fid), 0);
	assert_int_equal(fid, special(s, MSTORE_JUNK_EMAIL));
	assert_int_equal(v[2].tag, tags[2]);
	assert_int_equal(v[2].v.bin.data[0] | v[2].v.bin.data[1] << 8,
			 0x8001);
	eid.data = v[2].v.bin.data + 8;
	eid.length = 46;
	assert_int_equal(mstore_folder_entryid_to_fid(s, &eid, &fid), 0);
	assert_int_equal(fid, special(s, MSTORE_RSS_FEEDS));
	assert_int_equal(mstore_folder_get_props(f->mem, s, root, tags, 1,
						 &v), 0);
	assert_int_equal(v[0].tag, tags[0]);

	/* Receive folders. */
	assert_int_equal(mstore_get_receive_folder(f->mem, s, "IPM.Note",
						   &fid, &cls), 0);
	assert_int_equal(fid, inbox);
	assert_string_equal(cls, "IPM");
	assert_int_equal(mstore_get_receive_folder(f->mem, s, "ipc.x",
						   &fid, &cls), 0);
	assert_int_equal(fid, root);
	assert_int_equal(mstore_get_receive_folder(f->mem, s,
						   "Report.IPM.Note.NDR",
						   &fid, &cls), 0);
	assert_string_equal(cls, "REPORT.IPM");
	assert_int_equal(mstore_get_receive_folder(f->mem, s, "Other",
						   &fid, &cls), 0);
	assert_string_equal(cls, "");
	assert_int_equal(mstore_set_receive_folder(s, "IPM.Custom",
						   special(s, MSTORE_NOTES)),
			 0);
	assert_int_equal(mstore_get_receive_folder(f->mem, s,
						   "IPM.Custom.Sub", &fid,
						   &cls), 0);
	assert_int_equal(fid, special(s, MSTORE_NOTES));
	assert_int_equal(mstore_get_receive_folder(f->mem, s, "IPM.Customer",
						   &fid, &cls), 0);
	assert_int_equal(fid, inbox);

	/* Special folders cannot go away. */
	assert_int_equal(mstore_folder_delete(s, inbox, MSTORE_DEL_HARD),
			 MAPI_E_NO_ACCESS);
	assert_int_equal(mstore_folder_move(s, inbox, root, NULL),
			 MAPI_E_NO_ACCESS);
}

static void test_reopen_keeps_identity(void **state)
{
	struct fixture *f = *state;
	struct mstore *again;
	struct mstore_open_params p = { 0 };
	struct mstore *none;
	uint64_t a[13], b[13];

	again = open_store(f, "ALICE", false);
	assert_true(mstore_guid_equal(mstore_mailbox_guid(f->store),
				      mstore_mailbox_guid(again)));
	assert_true(mstore_guid_equal(mstore_replica_guid(f->store),
				      mstore_replica_guid(again)));
	assert_int_equal(mstore_logon_fids(f->store, a), 0);
	assert_int_equal(mstore_logon_fids(again, b), 0);
	assert_memory_equal(a, b, sizeof(a));
	p.directory = f->dir;
	p.mailbox = "bob";
	assert_int_equal(mstore_open(f->mem, &p, &none), MAPI_E_NOT_FOUND);
	p.mailbox = "../../etc/x";
	assert_int_equal(mstore_open(f->mem, &p, &none), MAPI_E_NOT_FOUND);
	assert_non_null(strstr(mstore_db_path(f->mem, f->dir, "../x"),
			       "mbx-..%2Fx.ldb"));
}

static void test_public_store(void **state)
{
	struct fixture *f = *state;
	struct mstore *pub = open_store(f, NULL, true);
	uint64_t fids[13], root, ipm, parent;

	assert_true(mstore_is_public(pub));
	root = special(pub, MSTORE_PUBLIC_ROOT);
	ipm = special(pub, MSTORE_PUBLIC_IPM_SUBTREE);
	assert_int_equal(mstore_folder_parent(pub, ipm, &parent), 0);
	assert_int_equal(parent, root);
	/* the public logon's folders: tests/unit/test_store_public.c */
	assert_int_equal(mstore_logon_fids(pub, fids), MAPI_E_SUCCESS);
	assert_int_equal(fids[0], root);
}

static void test_ids_and_replicas(void **state)
{
	struct fixture *f = *state;
	struct mstore *s = f->store;
	struct mstore_long_term_id lt, other = { .globcnt = 7 };
	uint64_t a, b, id, first;
	uint16_t replid, replid2;
	struct mstore_guid g;

	assert_int_equal(mstore_new_id(s, &a), 0);
	assert_int_equal(mstore_new_id(s, &b), 0);
	assert_int_equal(mstore_id_globcnt(b), mstore_id_globcnt(a) + 1);
	assert_int_equal(mstore_reserve_globcnts(s, 1000, &first), 0);
	assert_true(first > mstore_id_globcnt(b));
	assert_int_equal(mstore_id_to_long_term(s, a, &lt), 0);
	assert_true(mstore_guid_equal(&lt.guid, mstore_replica_guid(s)));
	assert_int_equal(lt.globcnt, mstore_id_globcnt(a));
	assert_int_equal(mstore_long_term_to_id(s, &lt, &id), 0);
	assert_int_equal(id, a);

	memset(other.guid.bytes, 0x5A, 16);
	assert_int_equal(mstore_long_term_to_id(s, &other, &id),
			 MAPI_E_NOT_FOUND);
	assert_int_equal(mstore_guid_to_replid(s, &other.guid, true, &replid),
			 0);
	assert_true(replid > 1);
	assert_int_equal(mstore_guid_to_replid(s, &other.guid, true,
					       &replid2), 0);
	assert_int_equal(replid, replid2);
	assert_int_equal(mstore_long_term_to_id(s, &other, &id), 0);
	assert_int_equal(mstore_id_replid(id), replid);
	assert_int_equal(mstore_id_globcnt(id), 7);
	assert_int_equal(mstore_replid_to_guid(s, replid, &g), 0);
	assert_true(mstore_guid_equal(&g, &other.guid));
	assert_int_equal(mstore_replid_to_guid(s, 999, &g), MAPI_E_NOT_FOUND);
}

static void test_named_properties(void **state)
{
	struct fixture *f = *state;
	struct mstore *s = f->store;
	struct mstore_named_prop a = { .lid = 0x8503 }, b = { .is_string = true,
		.name = "Keywords" }, c = { .is_string = true,
		.name = "keywords" }, back, *list;
	uint16_t ida, idb, idc, again, *ids;
	uint32_t n;

	memset(a.guid.bytes, 3, 16);
	memset(b.guid.bytes, 4, 16);
	c.guid = b.guid;
	assert_int_equal(mstore_named_to_id(s, &a, false, &ida),
			 MAPI_E_NOT_FOUND);
	assert_int_equal(mstore_named_to_id(s, &a, true, &ida), 0);
	assert_int_equal(ida, 0x8000);
	assert_int_equal(mstore_named_to_id(s, &b, true, &idb), 0);
	assert_int_equal(mstore_named_to_id(s, &c, true, &idc), 0);
	assert_int_not_equal(idb, idc);
	assert_int_equal(mstore_named_to_id(s, &a, true, &again), 0);
	assert_int_equal(again, ida);
	assert_int_equal(mstore_named_to_id(s, &b, false, &again), 0);
	assert_int_equal(again, idb);
	assert_int_equal(mstore_id_to_named(f->mem, s, idb, &back), 0);
	assert_true(back.is_string);
	assert_string_equal(back.name, "Keywords");
	assert_true(mstore_guid_equal(&back.guid, &b.guid));
	assert_int_equal(mstore_id_to_named(f->mem, s, ida, &back), 0);
	assert_false(back.is_string);
	assert_int_equal(back.lid, 0x8503);
	assert_int_equal(mstore_id_to_named(f->mem, s, 0x9000, &back),
			 MAPI_E_NOT_FOUND);
	assert_int_equal(mstore_named_list(f->mem, s, &ids, &list, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(ids[0], 0x8000);
	assert_int_equal(ids[2], 0x8002);
	assert_int_equal(list[0].lid, 0x8503);
	assert_string_equal(list[2].name, "keywords");
}

static void test_folder_tree(void **state)
{
	struct fixture *f = *state;
	struct mstore *s = f->store;
	uint64_t ipm = special(s, MSTORE_IPM_SUBTREE), a, b, c, x, parent;
	uint64_t *kids, copy;
	struct mstore_value v = { .tag = MSTORE_PidTagContainerClass };
	struct mstore_value name = { .tag = MSTORE_PidTagDisplayName };
	struct mstore_value bad = { .tag = MSTORE_PidTagFolderId };
	uint32_t n, before;
	bool existed;

	before = folder_long(s, ipm, MSTORE_PidTagFolderChildCount);
	v.v.str = "IPF.Note";
	assert_int_equal(mstore_folder_create(s, ipm, "Projects", &v, 1, 0,
					      &a, &existed), 0);
	assert_false(existed);
	assert_int_equal(folder_long(s, ipm, MSTORE_PidTagFolderChildCount),
			 before + 1);
	assert_int_equal(mstore_folder_create(s, ipm, "PROJECTS", NULL, 0, 0,
					      &x, NULL), MAPI_E_COLLISION);
	assert_int_equal(mstore_folder_create(s, ipm, "projects", NULL, 0,
					      MSTORE_OPEN_IF_EXISTS, &x,
					      &existed), 0);
	assert_true(existed);
	assert_int_equal(x, a);
	assert_int_equal(mstore_folder_create(s, ipm, "x", &bad, 1, 0, &x,
					      NULL), MAPI_E_COMPUTED);
	assert_int_equal(mstore_folder_create(s, a, "B", NULL, 0, 0, &b,
					      NULL), 0);
	assert_int_equal(mstore_folder_create(s, b, "C", NULL, 0, 0, &c,
					      NULL), 0);
	assert_true(folder_long(s, a, MSTORE_PidTagSubfolders));
	assert_int_equal(mstore_folder_children(f->mem, s, a, &kids, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(kids[0], b);

	/* Rename: clash refused, then renamed. */
	assert_int_equal(mstore_folder_create(s, a, "D", NULL, 0, 0, &x,
					      NULL), 0);
	name.v.str = "b";
	assert_int_equal(mstore_folder_set_props(s, x, &name, 1),
			 MAPI_E_COLLISION);
	name.v.str = "E";
	assert_int_equal(mstore_folder_set_props(s, x, &name, 1), 0);
	assert_int_equal(mstore_folder_find(s, a, "e", &parent), 0);
	assert_int_equal(parent, x);
	assert_int_equal(mstore_folder_find(s, a, "D", &parent),
			 MAPI_E_NOT_FOUND);

	/* Moves: no cycles, no clash. */
	assert_int_equal(mstore_folder_move(s, a, c, NULL),
			 MAPI_E_FOLDER_CYCLE);
	assert_int_equal(mstore_folder_move(s, a, a, NULL),
			 MAPI_E_FOLDER_CYCLE);
	assert_int_equal(mstore_folder_move(s, x, b, "c"), MAPI_E_COLLISION);
	assert_int_equal(mstore_folder_move(s, c, a, NULL), 0);
	assert_int_equal(mstore_folder_parent(s, c, &parent), 0);
	assert_int_equal(parent, a);
	assert_false(folder_long(s, b, MSTORE_PidTagSubfolders));
	assert_int_equal(folder_long(s, a, MSTORE_PidTagFolderChildCount), 3);

	/* Recursive copy. */
	assert_int_equal(mstore_folder_create(s, c, "Deep", NULL, 0, 0, &x,
					      NULL), 0);
	assert_int_equal(mstore_folder_copy(s, a, ipm, "Projects 2", true,
					    &copy), 0);
	assert_int_equal(mstore_folder_children(f->mem, s, copy, &kids, &n),
			 0);
	assert_int_equal(n, 3);
	assert_int_equal(mstore_folder_find(s, copy, "C", &x), 0);
	assert_int_equal(mstore_folder_find(s, x, "Deep", &x), 0);
	assert_string_equal(folder_string(f->mem, s, copy,
					  MSTORE_PidTagContainerClass),
			    "IPF.Note");
	assert_int_equal(mstore_folder_copy(s, a, c, NULL, true, &x),
			 MAPI_E_FOLDER_CYCLE);

	/* Deletes. */
	assert_int_equal(mstore_folder_delete(s, a, 0), MAPI_E_HAS_FOLDERS);
	assert_int_equal(mstore_folder_delete(s, a, MSTORE_DEL_FOLDERS |
					      MSTORE_DEL_MESSAGES), 0);
	assert_int_equal(mstore_folder_open(s, a), MAPI_E_NOT_FOUND);
	assert_int_equal(mstore_folder_open(s, c), MAPI_E_NOT_FOUND);
	assert_int_equal(folder_long(s, ipm, MSTORE_PidTagFolderChildCount),
			 before + 1);
	assert_int_equal(mstore_folder_empty(s, copy, true), 0);
	assert_int_equal(folder_long(s, copy, MSTORE_PidTagFolderChildCount),
			 0);
	assert_false(folder_long(s, copy, MSTORE_PidTagSubfolders));
}

static uint64_t save_message(TALLOC_CTX *mem, struct mstore *s, uint64_t fid,
			     bool assoc, const char *subject)
{
	struct mstore_message *msg;
	struct mstore_value v = { .tag = PidTagSubject };
	uint64_t mid;

	v.v.str = subject;
	assert_int_equal(mstore_message_create(mem, s, fid, assoc, &msg), 0);
	assert_int_equal(mstore_message_set_props(msg, &v, 1), 0);
	assert_int_equal(mstore_message_save(msg), 0);
	mid = mstore_message_mid(msg);
	talloc_free(msg);
	return mid;
}

static void test_message_save_reopen(void **state)
{
	struct fixture *f = *state;
	struct mstore *s = f->store;
	uint64_t inbox = special(s, MSTORE_INBOX);
	struct mstore_message *msg, *again;
	struct mstore_value v[3], *got, rcpt[2];
	struct mstore_row rows[2], *rrows, *arows;
	uint32_t tags[6] = {
		PidTagSubject, PidTagBody, MSTORE_PidTagMid,
		MSTORE_PidTagChangeKey, MSTORE_PidTagSourceKey,
		MSTORE_PidTagMessageSize
	};
	uint8_t data[1000];
	uint32_t n, num;
	uint64_t mid;
	struct mstore_bin key1, pcl;

	memset(data, 0x42, sizeof(data));
	assert_int_equal(mstore_message_create(f->mem, s, inbox, false, &msg),
			 0);
	v[0].tag = PidTagSubject;
	v[0].v.str = "Hello";
	v[1].tag = PidTagBody;
	v[1].v.str = "Body text";
	v[2].tag = MSTORE_PidTagMid;
	v[2].v.i64 = 5;
	assert_int_equal(mstore_message_set_props(msg, &v[2], 1),
			 MAPI_E_COMPUTED);
	assert_int_equal(mstore_message_set_props(msg, v, 2), 0);
	rcpt[0].tag = PidTagEmailAddress;
	rcpt[0].v.str = "bob@example.com";
	rcpt[1].tag = PidTagEmailAddress;
	rcpt[1].v.str = "carol@example.com";
	rows[0].count = 1;
	rows[0].values = &rcpt[0];
	rows[1].count = 1;
	rows[1].values = &rcpt[1];
	assert_int_equal(mstore_message_set_recipients(msg, rows, 2), 0);
	v[2].tag = PidTagAttachDataBinary;
	v[2].v.bin.data = data;
	v[2].v.bin.length = sizeof(data);
	assert_int_equal(mstore_message_add_attachment(msg, &v[2], 1, &num),
			 0);
	assert_int_equal(num, 0);
	/* Nothing is visible before the save. */
	mid = mstore_message_mid(msg);
	assert_int_equal(mstore_message_open(f->mem, s, mid, &again),
			 MAPI_E_NOT_FOUND);
	assert_int_equal(mstore_message_save(msg), 0);

	assert_int_equal(mstore_message_open(f->mem, s, mid, &again), 0);
	assert_int_equal(mstore_message_fid(again), inbox);
	assert_int_equal(mstore_message_get_props(f->mem, again, tags, 6,
						  &got), 0);
	assert_string_equal(got[0].v.str, "Hello");
	assert_string_equal(got[1].v.str, "Body text");
	assert_int_equal((uint64_t)got[2].v.i64, mid);
	assert_int_equal(got[3].v.bin.length, 22);
	assert_memory_equal(got[3].v.bin.data, mstore_replica_guid(s), 16);
	assert_int_equal(got[4].v.bin.length, 22);
	assert_int_equal(mstore_globcnt_get(got[4].v.bin.data + 16),
			 mstore_id_globcnt(mid));
	assert_true(got[5].v.i32 > (int32_t)sizeof(data));
	key1 = got[3].v.bin;
	assert_int_equal(mstore_message_get_recipients(f->mem, again, &rrows,
						       &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(mstore_values_find(rrows[1].values,
					       rrows[1].count,
					       PidTagEmailAddress)->v.str,
			    "carol@example.com");
	assert_int_equal(mstore_values_find(rrows[1].values, rrows[1].count,
					    MSTORE_PidTagRowid)->v.i32, 1);
	assert_int_equal(mstore_message_get_attachments(f->mem, again, &arows,
							&n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(mstore_values_find(arows[0].values, arows[0].count,
					    PidTagAttachDataBinary)
			 ->v.bin.length, sizeof(data));

	/* A second save: new change key, the PCL holds the latest. */
	v[0].v.str = "Hello again";
	assert_int_equal(mstore_message_set_props(again, v, 1), 0);
	assert_int_equal(mstore_message_delete_props(again, &tags[1], 1), 0);
	assert_int_equal(mstore_message_save(again), 0);
	assert_int_equal(mstore_message_open(f->mem, s, mid, &msg), 0);
	tags[1] = MSTORE_PidTagPredecessorChangeList;
	assert_int_equal(mstore_message_get_props(f->mem, msg, tags, 4, &got),
			 0);
	assert_string_equal(got[0].v.str, "Hello again");
	assert_memory_not_equal(got[3].v.bin.data, key1.data, 22);
	pcl = got[1].v.bin;
	assert_int_equal(pcl.length, 23);
	assert_true(mstore_pcl_includes(&pcl, &got[3].v.bin));
	assert_true(mstore_pcl_includes(&pcl, &key1));
	tags[1] = PidTagBody;
	assert_int_equal(mstore_message_get_props(f->mem, msg, &tags[1], 1,
						  &got), 0);
	assert_int_equal(MSTORE_PROP_TYPE(got[0].tag), PT_ERROR);
	assert_int_equal(got[0].v.err, (uint32_t)MAPI_E_NOT_FOUND);
}

static void test_counts_and_listing(void **state)
{
	struct fixture *f = *state;
	struct mstore *s = f->store;
	uint64_t inbox = special(s, MSTORE_INBOX), m1, m2, m3, fai, copy;
	uint64_t drafts = special(s, MSTORE_DRAFTS), *mids;
	struct mstore_row *rows;
	uint32_t tag = PidTagSubject, n;

	m1 = save_message(f->mem, s, inbox, false, "one");
	m2 = save_message(f->mem, s, inbox, false, "two");
	m3 = save_message(f->mem, s, inbox, false, "three");
	fai = save_message(f->mem, s, inbox, true, "view");
	assert_int_equal(folder_long(s, inbox, MSTORE_PidTagContentCount), 3);
	assert_int_equal(folder_long(s, inbox,
				     MSTORE_PidTagContentUnreadCount), 3);
	assert_int_equal(folder_long(s, inbox,
				     MSTORE_PidTagAssociatedContentCount), 1);
	assert_true(folder_long(s, inbox, MSTORE_PidTagMessageSize) > 0);

	assert_int_equal(mstore_message_set_read(s, m1, true), 0);
	assert_int_equal(mstore_message_set_read(s, m1, true), 0);
	assert_int_equal(folder_long(s, inbox,
				     MSTORE_PidTagContentUnreadCount), 2);
	assert_int_equal(mstore_message_set_read(s, fai, true), 0);
	assert_int_equal(folder_long(s, inbox,
				     MSTORE_PidTagContentUnreadCount), 2);

	assert_int_equal(mstore_folder_messages(f->mem, s, inbox, false, &tag,
						1, &mids, &rows, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(mids[0], m1);
	assert_int_equal(mids[2], m3);
	assert_string_equal(rows[1].values[0].v.str, "two");
	assert_int_equal(mstore_folder_messages(f->mem, s, inbox, true, &tag,
						1, &mids, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(mids[0], fai);
	assert_string_equal(rows[0].values[0].v.str, "view");

	/* Move keeps the MID, copy makes a new one; counts follow. */
	assert_int_equal(mstore_message_move(s, m2, drafts), 0);
	assert_int_equal(folder_long(s, inbox, MSTORE_PidTagContentCount), 2);
	assert_int_equal(folder_long(s, inbox,
				     MSTORE_PidTagContentUnreadCount), 1);
	assert_int_equal(folder_long(s, drafts, MSTORE_PidTagContentCount),
			 1);
	assert_int_equal(mstore_message_copy(s, m1, drafts, &copy), 0);
	assert_int_not_equal(copy, m1);
	assert_int_equal(folder_long(s, drafts, MSTORE_PidTagContentCount),
			 2);
	assert_int_equal(folder_long(s, drafts,
				     MSTORE_PidTagContentUnreadCount), 1);

	assert_int_equal(mstore_messages_delete(s, inbox, &m3, 1), 0);
	assert_int_equal(folder_long(s, inbox, MSTORE_PidTagContentCount), 1);
	assert_int_equal(folder_long(s, inbox,
				     MSTORE_PidTagContentUnreadCount), 0);
	assert_int_equal(mstore_folder_empty(s, inbox, false), 0);
	assert_int_equal(folder_long(s, inbox, MSTORE_PidTagContentCount), 0);
	assert_int_equal(folder_long(s, inbox,
				     MSTORE_PidTagAssociatedContentCount), 1);
	assert_int_equal(mstore_folder_empty(s, inbox, true), 0);
	assert_int_equal(folder_long(s, inbox,
				     MSTORE_PidTagAssociatedContentCount), 0);
	assert_int_equal(folder_long(s, inbox, MSTORE_PidTagMessageSize), 0);
}

static void test_folder_change_tracking(void **state)
{
	struct fixture *f = *state;
	struct mstore *s = f->store;
	uint64_t ipm = special(s, MSTORE_IPM_SUBTREE), a;
	uint32_t tags[4] = {
		MSTORE_PidTagChangeKey, MSTORE_PidTagPredecessorChangeList,
		MSTORE_PidTagChangeNumber, MSTORE_PidTagLastModificationTime
	};
	struct mstore_value *v1, *v2, cls = {
		.tag = MSTORE_PidTagContainerClass };

	assert_int_equal(mstore_folder_create(s, ipm, "Tracked", NULL, 0, 0,
					      &a, NULL), 0);
	assert_int_equal(mstore_folder_get_props(f->mem, s, a, tags, 4, &v1),
			 0);
	cls.v.str = "IPF.Task";
	assert_int_equal(mstore_folder_set_props(s, a, &cls, 1), 0);
	assert_int_equal(mstore_folder_get_props(f->mem, s, a, tags, 4, &v2),
			 0);
	assert_true(mstore_id_globcnt(v2[2].v.i64) >
		    mstore_id_globcnt(v1[2].v.i64));
	assert_int_equal(mstore_globcnt_get(v2[0].v.bin.data + 16),
			 mstore_id_globcnt(v2[2].v.i64));
	assert_true(mstore_pcl_includes(&v2[1].v.bin, &v1[0].v.bin));
	assert_true(v2[3].v.u64 >= v1[3].v.u64);
	assert_int_equal(mstore_folder_delete_props(s, a, &cls.tag, 1), 0);
	assert_null(folder_string(f->mem, s, a, MSTORE_PidTagContainerClass));
}

static void test_two_handles(void **state)
{
	struct fixture *f = *state;
	struct mstore *s1 = f->store, *s2 = open_store(f, "alice", false);
	uint64_t inbox = special(s1, MSTORE_INBOX), ipm, a, b;
	uint64_t mids[40];
	uint32_t i, j;
	bool existed;

	ipm = special(s2, MSTORE_IPM_SUBTREE);
	for (i = 0; i < 40; i++) {
		mids[i] = save_message(f->mem, i % 2 ? s1 : s2, inbox, false,
				       "interleaved");
	}
	for (i = 0; i < 40; i++) {
		for (j = i + 1; j < 40; j++) {
			assert_int_not_equal(mids[i], mids[j]);
		}
	}
	assert_int_equal(folder_long(s1, inbox, MSTORE_PidTagContentCount),
			 40);
	assert_int_equal(folder_long(s2, inbox,
				     MSTORE_PidTagContentUnreadCount), 40);
	assert_int_equal(mstore_folder_create(s1, ipm, "Shared", NULL, 0, 0,
					      &a, NULL), 0);
	assert_int_equal(mstore_folder_create(s2, ipm, "shared", NULL, 0, 0,
					      &b, NULL), MAPI_E_COLLISION);
	assert_int_equal(mstore_folder_create(s2, ipm, "shared", NULL, 0,
					      MSTORE_OPEN_IF_EXISTS, &b,
					      &existed), 0);
	assert_int_equal(a, b);
}

static void test_two_processes(void **state)
{
	struct fixture *f = *state;
	uint64_t inbox = special(f->store, MSTORE_INBOX);
	pid_t pid;
	int i, status;

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct mstore *child = open_store(f, "alice", false);

		for (i = 0; i < 25; i++) {
			save_message(f->mem, child, inbox, false, "child");
		}
		_exit(0);
	}
	for (i = 0; i < 25; i++) {
		save_message(f->mem, f->store, inbox, false, "parent");
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(folder_long(f->store, inbox,
				     MSTORE_PidTagContentCount), 50);
}

/* A writer killed at any moment leaves only whole messages behind, and
 * folder counts that match them. */
static void test_killed_writer(void **state)
{
	struct fixture *f = *state;
	uint64_t inbox = special(f->store, MSTORE_INBOX), *mids;
	struct mstore_value rcpt = { .tag = PidTagEmailAddress };
	struct mstore_row rows[2] = { { 1, &rcpt }, { 1, &rcpt } }, *got;
	struct mstore_message *msg;
	struct mstore *after;
	uint32_t n, nr, i;
	pid_t pid;
	int status;

	rcpt.v.str = "someone@example.com";
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct mstore *child = open_store(f, "alice", false);

		for (;;) {
			TALLOC_CTX *t = talloc_new(NULL);

			if (mstore_message_create(t, child, inbox, false,
						  &msg) != 0 ||
			    mstore_message_set_recipients(msg, rows, 2) != 0 ||
			    mstore_message_save(msg) != 0) {
				_exit(1);
			}
			talloc_free(t);
		}
	}
	usleep(300000);
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	after = open_store(f, "alice", false);
	assert_int_equal(mstore_folder_messages(f->mem, after, inbox, false,
						NULL, 0, &mids, &got, &n), 0);
	assert_true(n > 0);
	assert_int_equal(folder_long(after, inbox, MSTORE_PidTagContentCount),
			 n);
	assert_int_equal(folder_long(after, inbox,
				     MSTORE_PidTagContentUnreadCount), n);
	for (i = 0; i < n; i++) {
		assert_int_equal(mstore_message_open(f->mem, after, mids[i],
						     &msg), 0);
		assert_int_equal(mstore_message_get_recipients(f->mem, msg,
							       &got, &nr), 0);
		assert_int_equal(nr, 2);
	}
	/* The store stays writable. */
	save_message(f->mem, after, inbox, false, "after the crash");
}

static const char *french(void *priv, enum mstore_special_folder folder,
			  const char *english)
{
	(*(int *)priv)++;
	return folder == MSTORE_INBOX ? "Bo\xc3\xaete de r\xc3\xa9""ception"
				      : NULL;
}

static void test_name_hook(void **state)
{
	struct fixture *f = *state;
	struct mstore_open_params p = { 0 };
	struct mstore *s;
	int calls = 0;

	p.directory = f->dir;
	p.mailbox = "claude";
	p.create = true;
	p.backend = f->backend;
	p.name_hook = french;
	p.name_hook_priv = &calls;
	assert_int_equal(mstore_open(f->mem, &p, &s), 0);
	assert_true(calls > 20);
	assert_string_equal(folder_string(f->mem, s, special(s, MSTORE_INBOX),
					  MSTORE_PidTagDisplayName),
			    "Bo\xc3\xaete de r\xc3\xa9""ception");
	assert_string_equal(folder_string(f->mem, s, special(s, MSTORE_DRAFTS),
					  MSTORE_PidTagDisplayName), "Drafts");
}

static void test_corrupt_and_missing(void **state)
{
	struct fixture *f = *state;
	struct mstore_open_params p = { 0 };
	struct mstore *s;
	char path[128];
	int fd;

	p.directory = f->dir;
	p.mailbox = "broken";
	snprintf(path, sizeof(path), "%s/mbx-broken.ldb", f->dir);
	fd = open(path, O_CREAT | O_WRONLY, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "this is not a database at all, no....",
			       37), 37);
	close(fd);
	assert_int_equal(mstore_open(f->mem, &p, &s), MAPI_E_CORRUPT_STORE);
	p.directory = "/nonexistent/dir";
	p.create = true;
	assert_int_not_equal(mstore_open(f->mem, &p, &s), MAPI_E_SUCCESS);
	assert_int_equal(mstore_folder_open(f->store, 0x1234),
			 MAPI_E_NOT_FOUND);
	assert_int_equal(mstore_message_set_read(f->store, 0x1234, true),
			 MAPI_E_NOT_FOUND);
}

#define BOTH(t) cmocka_unit_test_setup_teardown(t, setup, teardown), \
		cmocka_unit_test_setup_teardown(t, setup_tdb, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_special_folders),
		BOTH(test_reopen_keeps_identity),
		BOTH(test_public_store),
		BOTH(test_ids_and_replicas),
		BOTH(test_named_properties),
		BOTH(test_folder_tree),
		BOTH(test_message_save_reopen),
		BOTH(test_counts_and_listing),
		BOTH(test_folder_change_tracking),
		BOTH(test_two_handles),
		BOTH(test_two_processes),
		BOTH(test_killed_writer),
		BOTH(test_name_hook),
		BOTH(test_corrupt_and_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
