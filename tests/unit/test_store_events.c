/*
 * Unit tests of the store's change events (store/store_notify.h): what
 * each operation reports, transactions that are cancelled, the merges,
 * another process writing the same mailbox (the watcher's fd wakes), an
 * event ring that overflows and a damaged ring file.
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
#include <poll.h>
#include <sys/wait.h>
#include <cmocka.h>
#include "store/store.h"

#define PidTagSubject 0x0037001F
#define PidTagComment 0x3004001F

struct fixture {
	TALLOC_CTX *mem;
	char dir[64];
	struct mstore *store;
	struct mstore_watcher *watcher;
	struct mstore_watch *watch;
	uint64_t inbox;
	uint64_t outbox;
};

static struct mstore *open_store(struct fixture *f)
{
	struct mstore_open_params p = { 0 };
	struct mstore *s = NULL;

	p.directory = f->dir;
	p.mailbox = "alice";
	p.create = true;
	assert_int_equal(mstore_open(f->mem, &p, &s), MAPI_E_SUCCESS);
	return s;
}

static int setup(void **state)
{
	struct fixture *f = talloc_zero(NULL, struct fixture);

	f->mem = f;
	if (!test_tmpdir_make(f->dir, sizeof(f->dir), "test_store_ev")) {
		return -1;
	}
	f->store = open_store(f);
	assert_int_equal(mstore_special_fid(f->store, MSTORE_INBOX,
					    &f->inbox), MAPI_E_SUCCESS);
	assert_int_equal(mstore_special_fid(f->store, MSTORE_OUTBOX,
					    &f->outbox), MAPI_E_SUCCESS);
	assert_int_equal(mstore_watcher_new(f, &f->watcher), MAPI_E_SUCCESS);
	assert_int_equal(mstore_watch_add(f, f->watcher, f->dir, "alice",
					  &f->watch), MAPI_E_SUCCESS);
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

/* The events since the last read. */
static struct mstore_event *events(struct fixture *f, uint32_t *count,
				   bool *lost)
{
	struct mstore_event *ev = NULL;
	bool l = false;

	assert_int_equal(mstore_watch_read(f->mem, f->watch, &ev, count, &l),
			 MAPI_E_SUCCESS);
	if (lost != NULL) {
		*lost = l;
	} else {
		assert_false(l);
	}
	return ev;
}

/* The first event of @a type (and message or not), or NULL. */
static const struct mstore_event *find(const struct mstore_event *ev,
				       uint32_t n, uint16_t type,
				       bool message)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (ev[i].type == type &&
		    !!(ev[i].flags & MSTORE_EVENT_MESSAGE) == message) {
			return &ev[i];
		}
	}
	return NULL;
}

static uint64_t save_message(struct fixture *f, uint64_t fid,
			     bool delivered)
{
	struct mstore_message *msg;
	struct mstore_value v[2];
	uint64_t mid;

	v[0].tag = PidTagSubject;
	v[0].v.str = "hello";
	v[1].tag = MSTORE_PidTagMessageClass;
	v[1].v.str = "IPM.Note.Test";
	assert_int_equal(mstore_message_create(f->mem, f->store, fid, false,
					       &msg), MAPI_E_SUCCESS);
	assert_int_equal(mstore_message_set_props(msg, v, 2),
			 MAPI_E_SUCCESS);
	assert_int_equal(delivered ? mstore_message_save_delivered(msg)
				   : mstore_message_save(msg),
			 MAPI_E_SUCCESS);
	mid = mstore_message_mid(msg);
	talloc_free(msg);
	return mid;
}

static void test_nothing_before_watch(void **state)
{
	struct fixture *f = *state;
	uint32_t n;

	events(f, &n, NULL);
	assert_int_equal(n, 0);
	assert_false(mstore_watch_pending(f->watch));
}

/* A save: the message created, the folder's new counts. */
static void test_message_saved(void **state)
{
	struct fixture *f = *state;
	const struct mstore_event *e;
	struct mstore_event *ev;
	uint64_t mid;
	uint32_t n;

	mid = save_message(f, f->inbox, false);
	assert_true(mstore_watch_pending(f->watch));
	ev = events(f, &n, NULL);
	e = find(ev, n, MSTORE_EVENT_CREATED, true);
	assert_non_null(e);
	assert_true(e->fid == f->inbox && e->mid == mid);
	assert_null(find(ev, n, MSTORE_EVENT_NEW_MAIL, true));
	e = find(ev, n, MSTORE_EVENT_MODIFIED, false);
	assert_non_null(e);
	assert_true(e->fid == f->inbox);
	assert_true(e->flags & MSTORE_EVENT_COUNTS);
	assert_int_equal(e->total, 1);
	assert_int_equal(e->unread, 1);
	assert_false(mstore_watch_pending(f->watch));
}

static void test_new_mail(void **state)
{
	struct fixture *f = *state;
	const struct mstore_event *e;
	struct mstore_event *ev;
	uint64_t mid;
	uint32_t n;

	mid = save_message(f, f->inbox, true);
	ev = events(f, &n, NULL);
	assert_non_null(find(ev, n, MSTORE_EVENT_CREATED, true));
	e = find(ev, n, MSTORE_EVENT_NEW_MAIL, true);
	assert_non_null(e);
	assert_true(e->mid == mid && e->fid == f->inbox);
	assert_string_equal(e->message_class, "IPM.Note.Test");
}

/* A save of an existing message is a modification; read flags too. */
static void test_message_modified(void **state)
{
	struct fixture *f = *state;
	struct mstore_message *msg;
	struct mstore_value v = { .tag = PidTagSubject, .v.str = "again" };
	const struct mstore_event *e;
	struct mstore_event *ev;
	uint64_t mid = save_message(f, f->inbox, false);
	uint32_t n;

	events(f, &n, NULL);
	assert_int_equal(mstore_message_open(f->mem, f->store, mid, &msg),
			 MAPI_E_SUCCESS);
	assert_int_equal(mstore_message_set_props(msg, &v, 1),
			 MAPI_E_SUCCESS);
	assert_int_equal(mstore_message_save(msg), MAPI_E_SUCCESS);
	ev = events(f, &n, NULL);
	assert_null(find(ev, n, MSTORE_EVENT_CREATED, true));
	assert_null(find(ev, n, MSTORE_EVENT_DELETED, true));
	e = find(ev, n, MSTORE_EVENT_MODIFIED, true);
	assert_non_null(e);
	assert_true(e->mid == mid);

	assert_int_equal(mstore_message_set_read(f->store, mid, true),
			 MAPI_E_SUCCESS);
	ev = events(f, &n, NULL);
	e = find(ev, n, MSTORE_EVENT_MODIFIED, true);
	assert_non_null(e);
	assert_int_equal(e->tag_count, 1);
	assert_int_equal(e->tags[0], MSTORE_PidTagMessageFlags);
	e = find(ev, n, MSTORE_EVENT_MODIFIED, false);
	assert_non_null(e);
	assert_int_equal(e->unread, 0);
}

static void test_message_move_copy_delete(void **state)
{
	struct fixture *f = *state;
	const struct mstore_event *e;
	struct mstore_event *ev;
	uint64_t mid = save_message(f, f->inbox, false), copy;
	uint32_t n;

	events(f, &n, NULL);
	assert_int_equal(mstore_message_move(f->store, mid, f->outbox),
			 MAPI_E_SUCCESS);
	ev = events(f, &n, NULL);
	e = find(ev, n, MSTORE_EVENT_MOVED, true);
	assert_non_null(e);
	assert_true(e->fid == f->outbox && e->mid == mid);
	assert_true(e->old_fid == f->inbox && e->old_mid == mid);
	assert_null(find(ev, n, MSTORE_EVENT_DELETED, true));

	assert_int_equal(mstore_message_copy(f->store, mid, f->inbox, &copy),
			 MAPI_E_SUCCESS);
	ev = events(f, &n, NULL);
	e = find(ev, n, MSTORE_EVENT_COPIED, true);
	assert_non_null(e);
	assert_true(e->fid == f->inbox && e->mid == copy);
	assert_true(e->old_fid == f->outbox && e->old_mid == mid);
	assert_null(find(ev, n, MSTORE_EVENT_CREATED, true));

	assert_int_equal(mstore_messages_delete(f->store, f->inbox, &copy, 1),
			 MAPI_E_SUCCESS);
	ev = events(f, &n, NULL);
	e = find(ev, n, MSTORE_EVENT_DELETED, true);
	assert_non_null(e);
	assert_true(e->fid == f->inbox && e->mid == copy);
}

static void test_folders(void **state)
{
	struct fixture *f = *state;
	struct mstore_value v = { .tag = PidTagComment, .v.str = "x" };
	const struct mstore_event *e;
	struct mstore_event *ev;
	uint64_t fid, copy;
	uint32_t n;

	assert_int_equal(mstore_folder_create(f->store, f->inbox, "sub", NULL,
					      0, 0, &fid, NULL),
			 MAPI_E_SUCCESS);
	ev = events(f, &n, NULL);
	e = find(ev, n, MSTORE_EVENT_CREATED, false);
	assert_non_null(e);
	assert_true(e->fid == fid && e->parent_fid == f->inbox);
	/* the parent's child count changed */
	e = find(ev, n, MSTORE_EVENT_MODIFIED, false);
	assert_non_null(e);
	assert_true(e->fid == f->inbox);

	assert_int_equal(mstore_folder_set_props(f->store, fid, &v, 1),
			 MAPI_E_SUCCESS);
	ev = events(f, &n, NULL);
	e = find(ev, n, MSTORE_EVENT_MODIFIED, false);
	assert_non_null(e);
	assert_true(e->fid == fid && e->tag_count == 1 &&
		    e->tags[0] == PidTagComment);

	assert_int_equal(mstore_folder_move(f->store, fid, f->outbox, NULL),
			 MAPI_E_SUCCESS);
	ev = events(f, &n, NULL);
	e = find(ev, n, MSTORE_EVENT_MOVED, false);
	assert_non_null(e);
	assert_true(e->fid == fid && e->parent_fid == f->outbox &&
		    e->old_fid == fid && e->old_parent_fid == f->inbox);

	assert_int_equal(mstore_folder_copy(f->store, fid, f->inbox, NULL,
					    true, &copy), MAPI_E_SUCCESS);
	ev = events(f, &n, NULL);
	e = find(ev, n, MSTORE_EVENT_COPIED, false);
	assert_non_null(e);
	assert_true(e->fid == copy && e->parent_fid == f->inbox &&
		    e->old_fid == fid && e->old_parent_fid == f->outbox);
	assert_null(find(ev, n, MSTORE_EVENT_CREATED, false));

	save_message(f, copy, false);
	events(f, &n, NULL);
	assert_int_equal(mstore_folder_delete(f->store, copy,
					      MSTORE_DEL_MESSAGES |
					      MSTORE_DEL_FOLDERS),
			 MAPI_E_SUCCESS);
	ev = events(f, &n, NULL);
	e = find(ev, n, MSTORE_EVENT_DELETED, false);
	assert_non_null(e);
	assert_true(e->fid == copy && e->parent_fid == f->inbox);
	/* the folder's messages go with it */
	assert_null(find(ev, n, MSTORE_EVENT_DELETED, true));
}

/* Soft deletion is the deletion clients see; removing what is hidden
 * already (hard delete, purge) reports nothing more. */
static void test_soft_delete(void **state)
{
	struct fixture *f = *state;
	const struct mstore_event *e;
	struct mstore_event *ev;
	uint64_t mid = save_message(f, f->inbox, false), fid;
	uint32_t n, done = 0;

	events(f, &n, NULL);
	assert_int_equal(mstore_messages_delete_ex(f->store, f->inbox, &mid, 1,
						   0, &done), MAPI_E_SUCCESS);
	assert_int_equal(done, 1);
	ev = events(f, &n, NULL);
	e = find(ev, n, MSTORE_EVENT_DELETED, true);
	assert_non_null(e);
	assert_true(e->fid == f->inbox && e->mid == mid);
	e = find(ev, n, MSTORE_EVENT_MODIFIED, false);
	assert_non_null(e);
	assert_true(e->fid == f->inbox && (e->flags & MSTORE_EVENT_COUNTS));

	assert_int_equal(mstore_messages_delete_ex(f->store, f->inbox, &mid, 1,
						   MSTORE_DEL_HARD, &done),
			 MAPI_E_SUCCESS);
	events(f, &n, NULL);
	assert_int_equal(n, 0);

	assert_int_equal(mstore_folder_create(f->store, f->inbox, "soft",
					      NULL, 0, 0, &fid, NULL),
			 MAPI_E_SUCCESS);
	save_message(f, fid, false);
	events(f, &n, NULL);
	assert_int_equal(mstore_folder_delete(f->store, fid,
					      MSTORE_DEL_MESSAGES),
			 MAPI_E_SUCCESS);
	ev = events(f, &n, NULL);
	e = find(ev, n, MSTORE_EVENT_DELETED, false);
	assert_non_null(e);
	assert_true(e->fid == fid && e->parent_fid == f->inbox);
	assert_null(find(ev, n, MSTORE_EVENT_DELETED, true));
	assert_int_equal(mstore_purge_soft_deleted(f->store, UINT64_MAX, NULL),
			 MAPI_E_SUCCESS);
	ev = events(f, &n, NULL);
	assert_null(find(ev, n, MSTORE_EVENT_DELETED, false));
	assert_null(find(ev, n, MSTORE_EVENT_DELETED, true));
}

/* RopTransportNewMail: new mail for a message stored already. */
static void test_announce(void **state)
{
	struct fixture *f = *state;
	const struct mstore_event *e;
	struct mstore_event *ev;
	uint64_t mid = save_message(f, f->inbox, false);
	uint32_t n;

	events(f, &n, NULL);
	mstore_announce_new_mail(f->store, f->inbox, mid, "IPM.Note", 0x20);
	ev = events(f, &n, NULL);
	assert_int_equal(n, 1);
	e = find(ev, n, MSTORE_EVENT_NEW_MAIL, true);
	assert_non_null(e);
	assert_true(e->fid == f->inbox && e->mid == mid &&
		    e->message_flags == 0x20);
	assert_string_equal(e->message_class, "IPM.Note");
}

/* A failed operation (its transaction cancelled) reports nothing. */
static void test_cancelled(void **state)
{
	struct fixture *f = *state;
	uint64_t fid;
	uint32_t n;

	assert_int_equal(mstore_folder_create(f->store, f->inbox, "dup", NULL,
					      0, 0, &fid, NULL),
			 MAPI_E_SUCCESS);
	events(f, &n, NULL);
	assert_int_equal(mstore_folder_create(f->store, f->inbox, "dup", NULL,
					      0, 0, &fid, NULL),
			 MAPI_E_COLLISION);
	assert_int_equal(mstore_folder_delete(f->store, f->inbox, 0),
			 MAPI_E_NO_ACCESS);
	events(f, &n, NULL);
	assert_int_equal(n, 0);
}

/* Another process writes: the watcher's fd wakes, the event is read. */
static void test_other_process(void **state)
{
	struct fixture *f = *state;
	struct pollfd p = { .fd = mstore_watcher_fd(f->watcher),
			    .events = POLLIN };
	struct mstore_event *ev;
	uint32_t n;
	pid_t pid;
	int status;

	assert_true(p.fd != -1);
	mstore_watcher_drain(f->watcher);
	pid = fork();
	assert_true(pid != -1);
	if (pid == 0) {
		struct fixture child = *f;

		child.mem = talloc_new(NULL);
		child.store = open_store(&child);
		save_message(&child, f->inbox, true);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(poll(&p, 1, 5000), 1);
	mstore_watcher_drain(f->watcher);
	ev = events(f, &n, NULL);
	assert_non_null(find(ev, n, MSTORE_EVENT_NEW_MAIL, true));
}

/* More events than the ring holds: the reader learns it lost some. */
static void test_overflow(void **state)
{
	struct fixture *f = *state;
	bool lost = false;
	uint64_t fid;
	uint32_t n, i;
	char name[32];

	for (i = 0; i < 1100; i++) {
		snprintf(name, sizeof(name), "f%u", i);
		assert_int_equal(mstore_folder_create(f->store, f->inbox,
						      name, NULL, 0, 0, &fid,
						      NULL), MAPI_E_SUCCESS);
	}
	events(f, &n, &lost);
	assert_true(lost);
	assert_true(n > 0 && n <= 1024);
	events(f, &n, &lost);
	assert_false(lost);
	assert_int_equal(n, 0);
}

/* A damaged ring is refused, a damaged slot skipped: never a crash. */
static void test_damaged_ring(void **state)
{
	struct fixture *f = *state;
	struct mstore_watch *w;
	char *path = mstore_events_path(f->mem, f->dir, "alice");
	bool lost = false;
	uint32_t n, i;
	int fd;

	save_message(f, f->inbox, false);
	fd = open(path, O_WRONLY);
	assert_true(fd != -1);
	/* garbage over every slot: wrong sequence numbers, lengths */
	for (i = 0; i < 1024; i++) {
		assert_int_equal(pwrite(fd, i % 2 ? "\xff\xff\xff\xff"
					"\xff\xff\xff\xff\xff\xff" :
					"\x01\x00\x00\x00\x00\x00\x00"
					"\x00\xff\xff", 10, 64 + i * 512),
				 10);
	}
	events(f, &n, &lost);
	assert_true(lost);
	assert_int_equal(n, 0);
	/* garbage in the header */
	assert_int_equal(pwrite(fd, "XXXXXXXX", 8, 0), 8);
	close(fd);
	assert_int_not_equal(mstore_watch_add(f->mem, f->watcher, f->dir,
					      "alice", &w), MAPI_E_SUCCESS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
		T(test_nothing_before_watch),
		T(test_message_saved),
		T(test_new_mail),
		T(test_message_modified),
		T(test_message_move_copy_delete),
		T(test_folders),
		T(test_soft_delete),
		T(test_announce),
		T(test_cancelled),
		T(test_other_process),
		T(test_overflow),
		T(test_damaged_ring),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
