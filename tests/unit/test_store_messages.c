/*
 * Unit tests of the store's message features (MS-OXCMSG) on real
 * databases: recipients keeping their RowIds, computed display lists,
 * attachment objects, embedded messages saved with their parent and
 * copied, conflicting saves, saves of deleted messages, the read-flag
 * rules and the message status.
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
#include "store/store.h"

#define PidTagSubject		0x0037001F
#define PidTagDisplayTo		0x0E04001F
#define PidTagDisplayCc		0x0E03001F
#define PidTagRecipientType	0x0C150003
#define PidTagMessageStatus	0x0E170003
#define PidTagAttachDataBinary	0x37010102
#define PidTagAttachMethod	0x37050003
#define PidTagRenderingPosition	0x370B0003
#define PidTagAttachLongFilename 0x3707001F

struct fixture {
	TALLOC_CTX *mem;
	char dir[64];
	struct mstore *store;
	uint64_t inbox;
};

static int setup(void **state)
{
	struct fixture *f = talloc_zero(NULL, struct fixture);
	struct mstore_open_params p = { 0 };

	f->mem = f;
	if (!test_tmpdir_make(f->dir, sizeof(f->dir), "test_msgs")) {
		return -1;
	}
	p.directory = f->dir;
	p.mailbox = "alice";
	p.create = true;
	if (mstore_open(f->mem, &p, &f->store) != MAPI_E_SUCCESS ||
	    mstore_special_fid(f->store, MSTORE_INBOX, &f->inbox) !=
	    MAPI_E_SUCCESS) {
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char dir[sizeof(f->dir)];

	snprintf(dir, sizeof(dir), "%s", f->dir);
	talloc_free(f);		/* the stores close before their files go */
	return test_tmpdir_remove(dir);
}

static struct mstore_value str_value(uint32_t tag, const char *s)
{
	struct mstore_value v = { .tag = tag };

	v.v.str = s;
	return v;
}

static struct mstore_value long_value(uint32_t tag, int32_t i)
{
	struct mstore_value v = { .tag = tag };

	v.v.i32 = i;
	return v;
}

static int64_t prop_long(struct mstore_message *m, uint32_t tag)
{
	struct mstore_value *v;
	int64_t r;

	assert_int_equal(mstore_message_get_props(NULL, m, &tag, 1, &v), 0);
	if (MSTORE_PROP_TYPE(v[0].tag) == PT_ERROR) {
		r = -1;
	} else if (MSTORE_PROP_TYPE(tag) == PT_BOOLEAN) {
		r = v[0].v.b;
	} else {
		r = MSTORE_PROP_TYPE(tag) == PT_I8 ? v[0].v.i64 : v[0].v.i32;
	}
	talloc_free(v);
	return r;
}

static const char *prop_string(TALLOC_CTX *mem, struct mstore_message *m,
			       uint32_t tag)
{
	struct mstore_value *v;

	assert_int_equal(mstore_message_get_props(mem, m, &tag, 1, &v), 0);
	return MSTORE_PROP_TYPE(v[0].tag) == PT_ERROR ? NULL : v[0].v.str;
}

static uint64_t new_saved(struct fixture *f, const char *subject)
{
	struct mstore_message *m;
	struct mstore_value v = str_value(PidTagSubject, subject);
	uint64_t mid;

	assert_int_equal(mstore_message_create(f->mem, f->store, f->inbox,
					       false, &m), 0);
	assert_int_equal(mstore_message_set_props(m, &v, 1), 0);
	assert_int_equal(mstore_message_save(m), 0);
	mid = mstore_message_mid(m);
	talloc_free(m);
	return mid;
}

/* RowIds chosen by the client survive; To/Cc lists are computed. */
static void test_recipients(void **state)
{
	struct fixture *f = *state;
	struct mstore_message *m, *again;
	struct mstore_value r[3][3];
	struct mstore_row rows[3], *got;
	uint32_t n;

	assert_int_equal(mstore_message_create(f->mem, f->store, f->inbox,
					       false, &m), 0);
	r[0][0] = long_value(MSTORE_PidTagRowid, 7);
	r[0][1] = long_value(PidTagRecipientType, 1);
	r[0][2] = str_value(MSTORE_PidTagDisplayName, "Bob");
	r[1][0] = long_value(MSTORE_PidTagRowid, 2);
	r[1][1] = long_value(PidTagRecipientType, 2);
	r[1][2] = str_value(MSTORE_PidTagDisplayName, "Carol");
	r[2][0] = long_value(MSTORE_PidTagRowid, 3);
	r[2][1] = long_value(PidTagRecipientType, 1);
	r[2][2] = str_value(MSTORE_PidTagDisplayName, "Dave");
	for (n = 0; n < 3; n++) {
		rows[n].values = r[n];
		rows[n].count = 3;
	}
	assert_int_equal(mstore_message_set_recipients(m, rows, 3), 0);
	assert_int_equal(mstore_message_save(m), 0);
	assert_int_equal(mstore_message_open(f->mem, f->store,
					     mstore_message_mid(m), &again), 0);
	assert_int_equal(mstore_message_get_recipients(f->mem, again, &got,
						       &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(mstore_values_find(got[0].values, got[0].count,
					    MSTORE_PidTagRowid)->v.i32, 2);
	assert_int_equal(mstore_values_find(got[2].values, got[2].count,
					    MSTORE_PidTagRowid)->v.i32, 7);
	assert_string_equal(prop_string(f->mem, again, PidTagDisplayTo),
			    "Dave; Bob");
	assert_string_equal(prop_string(f->mem, again, PidTagDisplayCc),
			    "Carol");
}

/* Attachment objects: in the message once saved into it, stored with
 * the message; numbers and computed properties. */
static void test_attachments(void **state)
{
	struct fixture *f = *state;
	struct mstore_message *m, *again;
	struct mstore_attachment *a, *b;
	struct mstore_value v[2], *got;
	uint8_t data[100];
	uint32_t *nums, n, count;
	uint32_t tags[] = { MSTORE_PidTagAttachNumber, PidTagRenderingPosition,
			    MSTORE_PidTagAttachSize };

	memset(data, 7, sizeof(data));
	assert_int_equal(mstore_message_create(f->mem, f->store, f->inbox,
					       false, &m), 0);
	assert_int_equal(mstore_attachment_create(f->mem, m, &a), 0);
	assert_int_equal(mstore_attachment_create(f->mem, m, &b), 0);
	assert_int_equal(mstore_attachment_num(a), 0);
	assert_int_equal(mstore_attachment_num(b), 1);
	assert_int_equal(mstore_attachment_get_props(f->mem, a, tags, 3,
						     &got), 0);
	assert_int_equal(got[0].v.i32, 0);
	assert_int_equal((uint32_t)got[1].v.i32, 0xFFFFFFFF);
	assert_true(got[2].v.i32 > 0);
	v[0] = long_value(PidTagAttachMethod, 1);
	v[1].tag = PidTagAttachDataBinary;
	v[1].v.bin.data = data;
	v[1].v.bin.length = sizeof(data);
	assert_int_equal(mstore_attachment_set_props(a, v, 2), 0);
	v[0] = long_value(MSTORE_PidTagAttachSize, 5);
	assert_int_equal(mstore_attachment_set_props(a, v, 1),
			 MAPI_E_COMPUTED);
	/* not part of the message before its save */
	assert_int_equal(mstore_message_attachment_nums(f->mem, m, &nums, &n),
			 0);
	assert_int_equal(n, 0);
	assert_int_equal(mstore_attachment_save(a), 0);
	assert_int_equal(mstore_attachment_save(b), 0);
	assert_int_equal(mstore_message_delete_attachment(m, 1), 0);
	assert_int_equal(mstore_message_delete_attachment(m, 1),
			 MAPI_E_NOT_FOUND);
	assert_int_equal(mstore_attachment_open(f->mem, m, 5, &b),
			 MAPI_E_NOT_FOUND);
	assert_int_equal(mstore_message_save(m), 0);
	assert_int_equal(mstore_message_open(f->mem, f->store,
					     mstore_message_mid(m), &again), 0);
	assert_int_equal(prop_long(again, MSTORE_PidTagHasAttachments), 1);
	assert_true(prop_long(again, MSTORE_PidTagMessageFlags) &
		    MSTORE_MSGFLAG_HASATTACH);
	assert_int_equal(mstore_message_attachment_nums(f->mem, again, &nums,
							&n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(nums[0], 0);
	assert_int_equal(mstore_attachment_open(f->mem, again, 0, &b), 0);
	assert_int_equal(mstore_attachment_get_all_props(f->mem, b, &got,
							 &count), 0);
	assert_int_equal(mstore_values_find(got, count,
					    PidTagAttachDataBinary)
			 ->v.bin.length, sizeof(data));
	assert_true(mstore_values_find(got, count, MSTORE_PidTagAttachSize)
		    ->v.i32 > (int32_t)sizeof(data));
	/* a new attachment gets a number never used on the message */
	assert_int_equal(mstore_attachment_create(f->mem, again, &b), 0);
	assert_int_equal(mstore_attachment_num(b), 1);
	/* deleting the last one clears mfHasAttach */
	assert_int_equal(mstore_message_delete_attachment(again, 0), 0);
	assert_int_equal(mstore_message_save(again), 0);
	assert_int_equal(prop_long(again, MSTORE_PidTagHasAttachments), 0);
}

static struct mstore_message *with_embedded(struct fixture *f,
					    const char *subject,
					    uint64_t *embedded_mid)
{
	struct mstore_message *m, *em;
	struct mstore_attachment *a, *a2;
	struct mstore_value v = str_value(PidTagSubject, subject);
	uint32_t num;

	assert_int_equal(mstore_message_create(f->mem, f->store, f->inbox,
					       false, &m), 0);
	assert_int_equal(mstore_attachment_create(f->mem, m, &a), 0);
	assert_int_equal(mstore_attachment_embedded(f->mem, a, false, &em),
			 MAPI_E_NOT_FOUND);
	assert_int_equal(mstore_attachment_embedded(f->mem, a, true, &em), 0);
	assert_int_equal(mstore_message_set_props(em, &v, 1), 0);
	/* an attachment of the embedded message */
	assert_int_equal(mstore_attachment_create(f->mem, em, &a2), 0);
	v = str_value(PidTagAttachLongFilename, "inner.txt");
	assert_int_equal(mstore_attachment_set_props(a2, &v, 1), 0);
	assert_int_equal(mstore_attachment_save(a2), 0);
	assert_int_equal(mstore_message_save(em), 0);
	*embedded_mid = mstore_message_mid(em);
	assert_int_equal(mstore_attachment_save(a), 0);
	num = mstore_attachment_num(a);
	assert_int_equal(num, 0);
	assert_int_equal(mstore_message_save(m), 0);
	return m;
}

/* Embedded messages are stored with their parent, copied and deleted
 * with it. */
static void test_embedded(void **state)
{
	struct fixture *f = *state;
	struct mstore_message *m, *again, *em, *em2;
	struct mstore_attachment *a, *a2;
	struct mstore_value *got;
	uint64_t emid, copy;
	uint32_t count, n, *nums;

	m = with_embedded(f, "inner subject", &emid);
	assert_int_equal(mstore_message_open(f->mem, f->store,
					     mstore_message_mid(m), &again), 0);
	assert_int_equal(mstore_attachment_open(f->mem, again, 0, &a), 0);
	assert_int_equal(mstore_attachment_get_all_props(f->mem, a, &got,
							 &count), 0);
	assert_int_equal(mstore_values_find(got, count, PidTagAttachMethod)
			 ->v.i32, 5);
	assert_int_equal(mstore_attachment_embedded(f->mem, a, false, &em),
			 0);
	assert_int_equal(mstore_message_mid(em), emid);
	assert_string_equal(prop_string(f->mem, em, PidTagSubject),
			    "inner subject");
	assert_int_equal(mstore_message_attachment_nums(f->mem, em, &nums,
							&n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(mstore_attachment_open(f->mem, em, nums[0], &a2), 0);
	/* the embedded message is no message of the folder */
	assert_int_equal(mstore_message_open(f->mem, f->store, emid, &em2),
			 MAPI_E_NOT_FOUND);
	/* a copy gets embedded messages of its own */
	assert_int_equal(mstore_message_copy(f->store, mstore_message_mid(m),
					     f->inbox, &copy), 0);
	assert_int_equal(mstore_message_open(f->mem, f->store, copy, &again),
			 0);
	assert_int_equal(mstore_attachment_open(f->mem, again, 0, &a), 0);
	assert_int_equal(mstore_attachment_embedded(f->mem, a, false, &em2),
			 0);
	assert_true(mstore_message_mid(em2) != emid);
	assert_string_equal(prop_string(f->mem, em2, PidTagSubject),
			    "inner subject");
	/* deleting the original keeps the copy whole */
	assert_int_equal(mstore_messages_delete(f->store, f->inbox,
						&(uint64_t){
							mstore_message_mid(m)
						}, 1), 0);
	assert_int_equal(mstore_message_open(f->mem, f->store, copy, &again),
			 0);
	assert_int_equal(mstore_attachment_open(f->mem, again, 0, &a), 0);
	assert_int_equal(mstore_attachment_embedded(f->mem, a, false, &em2),
			 0);
	assert_int_equal(mstore_message_attachment_nums(f->mem, em2, &nums,
							&n), 0);
	assert_int_equal(n, 1);
}

/* MS-OXCMSG 3.2.5.3: the second of two copies saved refuses to
 * overwrite unless forced; a deleted message cannot be saved. */
static void test_conflicts(void **state)
{
	struct fixture *f = *state;
	uint64_t mid = new_saved(f, "first");
	struct mstore_message *a, *b;
	struct mstore_value v = str_value(PidTagSubject, "from a");

	assert_int_equal(mstore_message_open(f->mem, f->store, mid, &a), 0);
	assert_int_equal(mstore_message_open(f->mem, f->store, mid, &b), 0);
	assert_int_equal(mstore_message_set_props(a, &v, 1), 0);
	assert_int_equal(mstore_message_save_flags(a,
			 MSTORE_SAVE_NO_OVERWRITE), 0);
	/* a again: its own save does not conflict */
	assert_int_equal(mstore_message_save_flags(a,
			 MSTORE_SAVE_NO_OVERWRITE), 0);
	v = str_value(PidTagSubject, "from b");
	assert_int_equal(mstore_message_set_props(b, &v, 1), 0);
	assert_int_equal(mstore_message_save_flags(b,
			 MSTORE_SAVE_NO_OVERWRITE), MAPI_E_OBJECT_CHANGED);
	assert_int_equal(mstore_message_save_flags(b, 0), 0);
	assert_int_equal(mstore_message_open(f->mem, f->store, mid, &a), 0);
	assert_string_equal(prop_string(f->mem, a, PidTagSubject), "from b");
	assert_int_equal(mstore_messages_delete(f->store, f->inbox, &mid, 1),
			 0);
	assert_int_equal(mstore_message_save_flags(b, 0),
			 MAPI_E_OBJECT_DELETED);
	assert_int_equal(mstore_message_save_flags(a,
			 MSTORE_SAVE_NO_OVERWRITE), MAPI_E_OBJECT_DELETED);
}

static int32_t unread_count(struct fixture *f)
{
	uint32_t tag = MSTORE_PidTagContentUnreadCount;
	struct mstore_value *v;
	int32_t r;

	assert_int_equal(mstore_folder_get_props(NULL, f->store, f->inbox,
						 &tag, 1, &v), 0);
	r = v[0].v.i32;
	talloc_free(v);
	return r;
}

/* The ReadFlags rules of MS-OXCMSG 2.2.3.10.1. */
static void test_read_flags(void **state)
{
	struct fixture *f = *state;
	uint64_t mid = new_saved(f, "read me");
	struct mstore_message *m, *open_copy;
	struct mstore_read_result r;
	struct mstore_value v = long_value(MSTORE_PidTagMessageFlags,
					   MSTORE_MSGFLAG_NOTIFYREAD |
					   MSTORE_MSGFLAG_NOTIFYUNREAD);
	int32_t unread = unread_count(f);

	assert_int_equal(mstore_message_open(f->mem, f->store, mid, &m), 0);
	assert_int_equal(mstore_message_set_props(m, &v, 1), 0);
	assert_int_equal(mstore_message_save(m), 0);
	assert_int_equal(mstore_message_open(f->mem, f->store, mid,
					     &open_copy), 0);
	/* rfGenerateReceiptOnly: the pending receipt is due, no read */
	assert_int_equal(mstore_message_set_read_flags(f->store, f->inbox,
						       mid, 0x10, &r), 0);
	assert_true(r.receipt_due);
	assert_false(r.read_changed);
	assert_int_equal(unread_count(f), unread);
	/* rfDefault: read, receipt due (still pending until sent) */
	assert_int_equal(mstore_message_set_read_flags(f->store, f->inbox,
						       mid, 0x00, &r), 0);
	assert_true(r.receipt_due && r.read_changed);
	assert_int_equal(r.flags & (MSTORE_MSGFLAG_READ |
				    MSTORE_MSGFLAG_EVERREAD |
				    MSTORE_MSGFLAG_NOTIFYREAD),
			 MSTORE_MSGFLAG_READ | MSTORE_MSGFLAG_EVERREAD |
			 MSTORE_MSGFLAG_NOTIFYREAD);
	assert_int_equal(unread_count(f), unread - 1);
	/* rfClearReadFlag | rfSuppressReceipt */
	assert_int_equal(mstore_message_set_read_flags(f->store, f->inbox,
						       mid, 0x05, &r), 0);
	assert_true(r.read_changed && !r.receipt_due);
	assert_int_equal(r.flags & MSTORE_MSGFLAG_READ, 0);
	assert_int_equal(unread_count(f), unread);
	/* rfSuppressReceipt: read, the pending receipt cancelled */
	assert_int_equal(mstore_message_set_read_flags(f->store, f->inbox,
						       mid, 0x01, &r), 0);
	assert_true(r.read_changed && !r.receipt_due);
	assert_int_equal(r.flags & MSTORE_MSGFLAG_NOTIFYREAD, 0);
	/* rfClearNotifyUnread */
	assert_int_equal(mstore_message_set_read_flags(f->store, f->inbox,
						       mid, 0x40, &r), 0);
	assert_int_equal(r.flags & MSTORE_MSGFLAG_NOTIFYUNREAD, 0);
	/* the copy opened before saves: the read state stays */
	v = str_value(PidTagSubject, "edited");
	assert_int_equal(mstore_message_set_props(open_copy, &v, 1), 0);
	assert_int_equal(mstore_message_save(open_copy), 0);
	assert_true(prop_long(open_copy, MSTORE_PidTagMessageFlags) &
		    MSTORE_MSGFLAG_READ);
	/* another folder: not found */
	assert_int_equal(mstore_message_set_read_flags(f->store, 0x1234, mid,
						       0, &r),
			 MAPI_E_NOT_FOUND);
	/* through an open copy */
	assert_int_equal(mstore_message_read_flags(open_copy, 0x05, &r), 0);
	assert_int_equal(prop_long(open_copy, MSTORE_PidTagMessageFlags) &
			 MSTORE_MSGFLAG_READ, 0);
}

/* MS-OXCMSG 3.2.5.8: masked bits change, at once. */
static void test_status(void **state)
{
	struct fixture *f = *state;
	uint64_t mid = new_saved(f, "status");
	struct mstore_message *m;
	uint32_t old, status;

	assert_int_equal(mstore_message_open(f->mem, f->store, mid, &m), 0);
	assert_int_equal(mstore_message_get_status(f->store, f->inbox, mid,
						   &status), 0);
	assert_int_equal(status, 0);
	assert_int_equal(mstore_message_set_status(f->store, f->inbox, mid,
						   0x1800, 0x1000, &old), 0);
	assert_int_equal(old, 0);
	assert_int_equal(mstore_message_set_status(f->store, f->inbox, mid,
						   0x2000, 0x3000, &old), 0);
	assert_int_equal(old, 0x1000);
	assert_int_equal(mstore_message_get_status(f->store, 0, mid, &status),
			 0);
	assert_int_equal(status, 0x2000);
	assert_int_equal(mstore_message_get_status(f->store, 0x99, mid,
						   &status),
			 MAPI_E_NOT_FOUND);
	/* kept when a copy opened before is saved */
	assert_int_equal(mstore_message_save(m), 0);
	assert_int_equal(prop_long(m, PidTagMessageStatus), 0x2000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_recipients, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_attachments, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_embedded, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_conflicts, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_read_flags, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_status, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
