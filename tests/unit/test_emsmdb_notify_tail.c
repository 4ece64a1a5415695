/*
 * The EMSMDB notification pieces without RPC: the NotificationData of
 * each store event on the wire (MS-OXCNOTIF 2.2.1.4.1.2), and the
 * responses after the ROPs of EcDoRpcExt2 — RopNotify as many as fit,
 * RopPending for the session and for a linked one (3.1.5.5, 3.1.5.6).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <stdbool.h>
#include <cmocka.h>

#include <talloc.h>
#include "gen_ndr/ndr_rops.h"
#include "gen_ndr/ndr_rops_notify.h"
#include "providers/emsmdb/emsmdb.h"
#include "providers/emsmdb/emsmdb_notify.h"

#define LE16(v) (v) & 0xFF, ((v) >> 8) & 0xFF
#define LE32(v) LE16((v) & 0xFFFF), LE16(((v) >> 16) & 0xFFFF)
#define LE64(v) LE32((uint64_t)(v) & 0xFFFFFFFF), LE32((uint64_t)(v) >> 32)

#define FID1 0x0001000000000A01ULL
#define FID2 0x0001000000000B01ULL
#define MID1 0x0001000000001B02ULL
#define MID2 0x0001000000001C02ULL

/* The RopNotify response of @a e (handle 7, logon 0), without RopId. */
static DATA_BLOB encode(TALLOC_CTX *mem, const struct mstore_event *e)
{
	struct RopNotify_resp r = { .NotificationHandle = 7 };
	struct NotificationData *d = emsmdb_notify_data(mem, e);
	struct ndr_push *push = ndr_push_init_ctx(mem);

	assert_non_null(d);
	r.NotificationData = *d;
	push->flags |= LIBNDR_FLAG_NOALIGN;
	assert_int_equal(ndr_push_RopNotify_resp(push, NDR_SCALARS |
						 NDR_BUFFERS, &r),
			 NDR_ERR_SUCCESS);
	return ndr_push_blob(push);
}

#define CHECK(e, ...) do { \
	static const uint8_t want[] = { LE32(7), 0x00, __VA_ARGS__ }; \
	DATA_BLOB b = encode(mem, (e)); \
	assert_int_equal(b.length, sizeof(want)); \
	assert_memory_equal(b.data, want, sizeof(want)); \
} while (0)

static void test_layouts(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	uint32_t tags[2] = { 0x36020003, 0x36030003 };
	struct mstore_event e;

	/* message created: FolderId, MessageId, TagCount 0 */
	memset(&e, 0, sizeof(e));
	e.type = MSTORE_EVENT_CREATED;
	e.flags = MSTORE_EVENT_MESSAGE;
	e.fid = FID1;
	e.mid = MID1;
	CHECK(&e, LE16(0x8004), LE64(FID1), LE64(MID1), LE16(0));

	/* folder created: FolderId, ParentFolderId, TagCount 0 */
	memset(&e, 0, sizeof(e));
	e.type = MSTORE_EVENT_CREATED;
	e.fid = FID2;
	e.parent_fid = FID1;
	CHECK(&e, LE16(0x0004), LE64(FID2), LE64(FID1), LE16(0));

	/* folder counts: T and U, the tags, the counts */
	memset(&e, 0, sizeof(e));
	e.type = MSTORE_EVENT_MODIFIED;
	e.flags = MSTORE_EVENT_COUNTS;
	e.fid = FID1;
	e.tag_count = 2;
	e.tags = tags;
	e.total = 5;
	e.unread = 2;
	CHECK(&e, LE16(0x3010), LE64(FID1), LE16(2), LE32(0x36020003),
	      LE32(0x36030003), LE32(5), LE32(2));

	/* message modified, tags unknown: TagCount 0 */
	memset(&e, 0, sizeof(e));
	e.type = MSTORE_EVENT_MODIFIED;
	e.flags = MSTORE_EVENT_MESSAGE;
	e.fid = FID1;
	e.mid = MID1;
	e.tag_count = MSTORE_EVENT_TAGS_UNKNOWN;
	CHECK(&e, LE16(0x8010), LE64(FID1), LE64(MID1), LE16(0));

	/* message moved: FolderId, MessageId, OldFolderId, OldMessageId */
	memset(&e, 0, sizeof(e));
	e.type = MSTORE_EVENT_MOVED;
	e.flags = MSTORE_EVENT_MESSAGE;
	e.fid = FID2;
	e.mid = MID1;
	e.old_fid = FID1;
	e.old_mid = MID1;
	CHECK(&e, LE16(0x8020), LE64(FID2), LE64(MID1), LE64(FID1),
	      LE64(MID1));

	/* folder copied: FolderId, ParentFolderId, OldFolderId,
	 * OldParentFolderId */
	memset(&e, 0, sizeof(e));
	e.type = MSTORE_EVENT_COPIED;
	e.fid = FID2;
	e.parent_fid = FID1;
	e.old_fid = MID2;
	e.old_parent_fid = MID1;
	CHECK(&e, LE16(0x0040), LE64(FID2), LE64(FID1), LE64(MID2),
	      LE64(MID1));

	/* message of a search folder deleted: M, S and ParentFolderId */
	memset(&e, 0, sizeof(e));
	e.type = MSTORE_EVENT_DELETED;
	e.flags = MSTORE_EVENT_MESSAGE | MSTORE_EVENT_SEARCH;
	e.fid = FID1;
	e.mid = MID2;
	CHECK(&e, LE16(0xC008), LE64(FID1), LE64(MID2), LE64(FID1));

	/* new mail: MessageFlags, UnicodeFlag, MessageClass (UTF-16) */
	memset(&e, 0, sizeof(e));
	e.type = MSTORE_EVENT_NEW_MAIL;
	e.flags = MSTORE_EVENT_MESSAGE;
	e.fid = FID1;
	e.mid = MID1;
	e.message_flags = 0x01;
	e.message_class = "IPM";
	CHECK(&e, LE16(0x8002), LE64(FID1), LE64(MID1), LE32(1), 0x01,
	      'I', 0, 'P', 0, 'M', 0, 0, 0);
	talloc_free(mem);
}

/* ------------------------------------------------------------- tail */

struct fixture {
	TALLOC_CTX *mem;
	struct emsmdb_hub *hub;
	struct emsmdb_session *s1, *s2;
};

static struct emsmdb_session *session(struct fixture *f, uint32_t link)
{
	struct emsmdb_session *s = talloc_zero(f->mem, struct emsmdb_session);

	s->account_name = "alice";
	s->notify = emsmdb_notify_new(s, f->hub, link);
	assert_non_null(s->notify);
	return s;
}

static int setup(void **state)
{
	struct fixture *f = talloc_zero(NULL, struct fixture);
	struct dcesrv_interface iface = { 0 };

	f->mem = f;
	/* the hub hangs off whatever owns the interface */
	assert_true(NT_STATUS_IS_OK(emsmdb_hub_setup(
		(struct dcesrv_context *)f->mem, &iface)));
	f->hub = discard_const_p(struct emsmdb_hub, iface.private_data);
	f->s1 = session(f, 0xFFFFFFFF);
	f->s2 = session(f, f->s1->notify->index);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	talloc_free(*state);
	return 0;
}

static void queue_many(struct emsmdb_notify *n, uint32_t count)
{
	struct mstore_event e = { .type = MSTORE_EVENT_CREATED,
				  .flags = MSTORE_EVENT_MESSAGE, .fid = FID1 };
	uint32_t i;

	for (i = 0; i < count; i++) {
		e.mid = MID1 + (i << 16);
		emsmdb_notify_queue(n, n, 9, 0, emsmdb_notify_data(n, &e));
	}
}

/* The responses of a tail: RopNotify count, RopPending indexes. */
static void parse(TALLOC_CTX *mem, const DATA_BLOB *b, uint32_t *notifies,
		  uint16_t *pending, uint32_t *pending_count)
{
	struct ndr_pull *pull = ndr_pull_init_blob(b, mem);

	*notifies = 0;
	*pending_count = 0;
	pull->flags |= LIBNDR_FLAG_NOALIGN;
	while (pull->offset < pull->data_size) {
		struct RopResponse r;

		memset(&r, 0, sizeof(r));
		assert_int_equal(ndr_pull_RopResponse(pull, NDR_SCALARS |
						      NDR_BUFFERS, &r),
				 NDR_ERR_SUCCESS);
		if (r.RopId == RopNotify) {
			assert_int_equal(r.Body.Notify.NotificationHandle, 9);
			(*notifies)++;
		} else {
			assert_int_equal(r.RopId, RopPending);
			pending[(*pending_count)++] =
				r.Body.Pending.SessionIndex;
		}
	}
}

static void test_tail(void **state)
{
	struct fixture *f = *state;
	struct emsmdb_rop_env env1 = { .session = f->s1 };
	struct emsmdb_rop_env env2 = { .session = f->s2 };
	uint16_t i1 = f->s1->notify->index, pending[4];
	uint32_t notifies, np, total = 0, rounds = 0;
	DATA_BLOB b;

	assert_int_not_equal(i1, f->s2->notify->index);
	/* nothing pending: nothing */
	assert_int_equal(emsmdb_notify_tail(&env1, f->mem, 1000, &b),
			 MAPI_E_SUCCESS);
	assert_int_equal(b.length, 0);

	queue_many(f->s1->notify, 100);
	/* the linked session learns it */
	assert_int_equal(emsmdb_notify_tail(&env2, f->mem, 1000, &b),
			 MAPI_E_SUCCESS);
	parse(f->mem, &b, &notifies, pending, &np);
	assert_int_equal(notifies, 0);
	assert_int_equal(np, 1);
	assert_int_equal(pending[0], i1);

	/* 26 bytes a RopNotify: 1000 bytes hold 38 and a RopPending */
	do {
		assert_int_equal(emsmdb_notify_tail(&env1, f->mem, 1000, &b),
				 MAPI_E_SUCCESS);
		assert_true(b.length <= 1000);
		parse(f->mem, &b, &notifies, pending, &np);
		total += notifies;
		rounds++;
	} while (np > 0 && pending[0] == i1 && rounds < 10);
	assert_int_equal(total, 100);
	assert_int_equal(rounds, 3);
	assert_false(emsmdb_notify_pending(f->s1->notify));
}

/* What a listener queued goes when it goes. */
static void test_purge(void **state)
{
	struct fixture *f = *state;

	queue_many(f->s1->notify, 3);
	assert_true(emsmdb_notify_pending(f->s1->notify));
	emsmdb_notify_purge(f->s1->notify, f->s1->notify);
	assert_false(emsmdb_notify_pending(f->s1->notify));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layouts),
		cmocka_unit_test_setup_teardown(test_tail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_purge, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
