/*
 * Unit tests of large values kept out of line (store/store_lob.h), on
 * real databases in a temporary directory, with both backends: values
 * above the threshold go to files and come back whole; loading a message
 * reads none of them; chunked reads and writes; shared values of copies;
 * unreferenced files removed after their transaction and at open; a
 * writer killed while writing or saving leaves no half value and loses
 * nothing saved.
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
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <cmocka.h>
#include "store/store.h"
#include "store/store_lob.h"

#define PidTagSubject 0x0037001F
#define PidTagBody 0x1000001F
#define PidTagBody_A 0x1000001E
#define PidTagImportance 0x00170003
#define TAG_BINARY 0x68010102
/* sizes just above the threshold */
#define T MSTORE_LARGE_THRESHOLD

struct fixture {
	TALLOC_CTX *mem;
	char dir[64];
	char lobdir[96];
	struct mstore *store;
	enum mstore_backend backend;
	uint64_t inbox;
};

static struct mstore *open_store(struct fixture *f, bool create)
{
	struct mstore_open_params p = { 0 };
	struct mstore *s = NULL;

	p.directory = f->dir;
	p.mailbox = "alice";
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
	if (!test_tmpdir_make(f->dir, sizeof(f->dir), "test_store_lob")) {
		return -1;
	}
	snprintf(f->lobdir, sizeof(f->lobdir), "%s/mbx-alice.lob", f->dir);
	f->store = open_store(f, true);
	if (mstore_special_fid(f->store, MSTORE_INBOX, &f->inbox) != 0) {
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

/* Files in the value directory (names not starting with a dot). */
static unsigned count_files(struct fixture *f)
{
	DIR *d = opendir(f->lobdir);
	struct dirent *e;
	unsigned n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] != '.') {
			n++;
		}
	}
	closedir(d);
	return n;
}

static uint8_t *pattern(TALLOC_CTX *mem, size_t n, unsigned seed)
{
	uint8_t *p = talloc_array(mem, uint8_t, n);
	size_t i;

	for (i = 0; i < n; i++) {
		p[i] = (uint8_t)((i * 31 + seed * 7 + (i >> 9)) & 0xFF);
	}
	return p;
}

static char *text(TALLOC_CTX *mem, size_t n)
{
	char *s = talloc_array(mem, char, n + 1);
	size_t i;

	for (i = 0; i < n; i++) {
		s[i] = 'a' + i % 26;
	}
	memcpy(s, "\xc3\xa9t\xc3\xa9", 5);	/* some UTF-8 */
	s[n] = '\0';
	return s;
}

static uint64_t save_with(struct fixture *f, struct mstore *s,
			  const struct mstore_value *v, uint32_t n)
{
	struct mstore_message *msg;
	uint64_t mid;

	assert_int_equal(mstore_message_create(f->mem, s, f->inbox, false,
					       &msg), 0);
	assert_int_equal(mstore_message_set_props(msg, v, n), 0);
	assert_int_equal(mstore_message_save(msg), 0);
	mid = mstore_message_mid(msg);
	talloc_free(msg);
	return mid;
}

static const struct mstore_value *find_id(const struct mstore_value *v,
					  uint32_t n, uint32_t tag)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		if ((v[i].tag >> 16) == (tag >> 16)) {
			return &v[i];
		}
	}
	return NULL;
}

/* The large value of @a tag in a message, whole. */
static struct mstore_value load(struct fixture *f, struct mstore *s,
				uint64_t mid, uint32_t tag)
{
	struct mstore_message *msg;
	struct mstore_value *all, out;
	const struct mstore_value *v;
	uint32_t n;

	assert_int_equal(mstore_message_open(f->mem, s, mid, &msg), 0);
	assert_int_equal(mstore_message_get_all_props(f->mem, msg, &all, &n),
			 0);
	v = find_id(all, n, tag);
	assert_non_null(v);
	assert_true(mstore_value_is_large(v));
	assert_int_equal(mstore_large_load(f->mem, s, v, &out), 0);
	talloc_free(msg);
	return out;
}

/* Values above the threshold go to files, small ones stay inline, and
 * everything comes back as it was. */
static void test_out_of_line(void **state)
{
	struct fixture *f = *state;
	struct mstore_value v[4] = {
		{ .tag = PidTagSubject }, { .tag = PidTagBody },
		{ .tag = TAG_BINARY }, { .tag = PidTagImportance }
	};
	struct mstore_message *msg;
	struct mstore_value *got, out;
	uint32_t tag, n;
	uint64_t mid, size;
	char *body = text(f->mem, T + 50000);

	v[0].v.str = "small";
	v[1].v.str = body;
	v[2].v.bin.length = 100000;
	v[2].v.bin.data = pattern(f->mem, 100000, 1);
	v[3].v.i32 = 2;
	mid = save_with(f, f->store, v, 4);
	/* the body, the binary, and the HTML derived from the body at save
	 * (mstore_body_sync()); the derived RTF compresses below T */
	assert_int_equal(count_files(f), 3);

	assert_int_equal(mstore_message_open(f->mem, f->store, mid, &msg), 0);
	assert_int_equal(mstore_message_get_props(f->mem, msg, &v[1].tag, 1,
						  &got), 0);
	/* too large to be returned: read with a stream */
	assert_int_equal(got[0].tag, (PidTagBody & 0xFFFF0000) | 0x000A);
	assert_int_equal(got[0].v.err, (uint32_t)MAPI_E_NOT_ENOUGH_MEMORY);
	assert_int_equal(mstore_message_get_props(f->mem, msg, &v[0].tag, 1,
						  &got), 0);
	assert_string_equal(got[0].v.str, "small");
	talloc_free(msg);

	out = load(f, f->store, mid, PidTagBody);
	assert_int_equal(out.tag, PidTagBody);
	assert_string_equal(out.v.str, body);
	out = load(f, f->store, mid, TAG_BINARY);
	assert_int_equal(out.v.bin.length, 100000);
	assert_memory_equal(out.v.bin.data, v[2].v.bin.data, 100000);

	/* the size of a string is that of its UTF-16LE stream form, with
	 * its terminating null */
	assert_int_equal(mstore_message_open(f->mem, f->store, mid, &msg), 0);
	assert_int_equal(mstore_message_get_all_props(f->mem, msg, &got, &n),
			 0);
	assert_int_equal(mstore_large_info(find_id(got, n, PidTagBody),
					   &tag, &size), 0);
	assert_int_equal(tag, PidTagBody);
	assert_int_equal(size, (T + 50000 - 2 + 1) * 2);
	talloc_free(msg);
}

/* Opening a message with a 20 MB value does not read it. */
static void test_lazy_load(void **state)
{
	struct fixture *f = *state;
	struct mstore_value v = { .tag = TAG_BINARY };
	struct mstore_message *msg;
	struct mstore_value *all;
	struct mstore_lob *lob;
	TALLOC_CTX *t = talloc_new(f->mem);
	uint8_t buf[4096], *data = pattern(f->mem, 20 << 20, 3);
	size_t got;
	uint32_t n;
	uint64_t mid;

	v.v.bin.length = 20 << 20;
	v.v.bin.data = data;
	mid = save_with(f, f->store, &v, 1);
	assert_int_equal(mstore_message_open(t, f->store, mid, &msg), 0);
	assert_true(talloc_total_size(t) < 64 * 1024);
	assert_int_equal(mstore_message_get_all_props(t, msg, &all, &n), 0);
	assert_int_equal(mstore_lob_open(t, f->store,
					 find_id(all, n, v.tag), &lob), 0);
	assert_int_equal(mstore_lob_size(lob), 20 << 20);
	assert_false(mstore_lob_writable(lob));
	assert_int_equal(mstore_lob_read(lob, (10 << 20) + 5, buf,
					 sizeof(buf), &got), 0);
	assert_int_equal(got, sizeof(buf));
	assert_memory_equal(buf, data + (10 << 20) + 5, sizeof(buf));
	assert_int_equal(mstore_lob_read(lob, (20 << 20) - 10, buf,
					 sizeof(buf), &got), 0);
	assert_int_equal(got, 10);
	assert_int_equal(mstore_lob_read(lob, 30 << 20, buf, sizeof(buf),
					 &got), 0);
	assert_int_equal(got, 0);
	assert_true(talloc_total_size(t) < 64 * 1024);
	talloc_free(t);
}

/* Writing in chunks, then saving: the value becomes read-only, a clone
 * is writable, and a replaced value's file goes away. */
static void test_chunks(void **state)
{
	struct fixture *f = *state;
	struct mstore_message *msg;
	struct mstore_lob *lob, *copy;
	struct mstore_value ref, out;
	uint8_t *a = pattern(f->mem, (T + 7000), 5), buf[100];
	size_t got;
	uint64_t mid;

	assert_int_equal(mstore_lob_create(f->mem, f->store, &lob), 0);
	assert_true(mstore_lob_writable(lob));
	assert_int_equal(mstore_lob_write(lob, 0, a, (T + 4000)), 0);
	assert_int_equal(mstore_lob_write(lob, (T + 4000), a + (T + 4000),
					 3000), 0);
	assert_int_equal(mstore_lob_write(lob, (T + 8000), a, 10), 0);
	assert_int_equal(mstore_lob_size(lob), (T + 8010));
	assert_int_equal(mstore_lob_read(lob, (T + 7000), buf, 20, &got), 0);
	assert_int_equal(got, 20);
	for (got = 0; got < 20; got++) {
		assert_int_equal(buf[got], 0);	/* the gap */
	}
	assert_int_equal(mstore_lob_truncate(lob, (T + 7000)), 0);
	assert_int_equal(count_files(f), 0);		/* nothing named */

	assert_int_equal(mstore_message_create(f->mem, f->store, f->inbox,
					       false, &msg), 0);
	assert_int_equal(mstore_lob_value(f->mem, lob, TAG_BINARY, &ref), 0);
	assert_int_equal(mstore_message_set_props(msg, &ref, 1), 0);
	talloc_free(lob);	/* the message holds it */
	assert_int_equal(mstore_message_save(msg), 0);
	mid = mstore_message_mid(msg);
	assert_int_equal(count_files(f), 1);

	assert_int_equal(mstore_lob_open(f->mem, f->store, &ref, &lob), 0);
	assert_false(mstore_lob_writable(lob));
	assert_int_equal(mstore_lob_write(lob, 0, a, 1), MAPI_E_NO_ACCESS);
	assert_int_equal(mstore_lob_clone(f->mem, lob, &copy), 0);
	assert_true(mstore_lob_writable(copy));
	assert_int_equal(mstore_lob_write(copy, 0, (const uint8_t *)"X", 1),
			 0);
	assert_int_equal(mstore_lob_value(f->mem, copy, TAG_BINARY, &ref),
			 0);
	assert_int_equal(mstore_message_set_props(msg, &ref, 1), 0);
	talloc_free(copy);
	talloc_free(lob);
	assert_int_equal(mstore_message_save(msg), 0);
	talloc_free(msg);
	assert_int_equal(count_files(f), 1);	/* the old one is gone */
	out = load(f, f->store, mid, TAG_BINARY);
	assert_int_equal(out.v.bin.length, (T + 7000));
	assert_int_equal(out.v.bin.data[0], 'X');
	assert_memory_equal(out.v.bin.data + 1, a + 1, T + 7000 - 1);

	/* a small value replaces it; deleting the message leaves nothing */
	assert_int_equal(mstore_message_open(f->mem, f->store, mid, &msg), 0);
	ref.tag = TAG_BINARY;
	ref.v.bin.length = 3;
	ref.v.bin.data = (uint8_t *)"abc";
	assert_int_equal(mstore_message_set_props(msg, &ref, 1), 0);
	assert_int_equal(mstore_message_save(msg), 0);
	talloc_free(msg);
	assert_int_equal(count_files(f), 0);
	assert_int_equal(mstore_messages_delete(f->store, f->inbox, &mid, 1),
			 0);
}

/* A copy shares the file; it goes with the last message referring to
 * it. */
static void test_copies_share(void **state)
{
	struct fixture *f = *state;
	struct mstore_value v = { .tag = TAG_BINARY }, out;
	uint64_t mid, copy;

	v.v.bin.length = (T + 5000);
	v.v.bin.data = pattern(f->mem, (T + 5000), 9);
	mid = save_with(f, f->store, &v, 1);
	assert_int_equal(mstore_message_copy(f->store, mid, f->inbox, &copy),
			 0);
	assert_int_equal(count_files(f), 1);
	assert_int_equal(mstore_messages_delete(f->store, f->inbox, &mid, 1),
			 0);
	assert_int_equal(count_files(f), 1);
	out = load(f, f->store, copy, TAG_BINARY);
	assert_memory_equal(out.v.bin.data, v.v.bin.data, (T + 5000));
	assert_int_equal(mstore_messages_delete(f->store, f->inbox, &copy, 1),
			 0);
	assert_int_equal(count_files(f), 0);
}

/* Large folder properties: inline ones too long are moved out, and the
 * delete removes the file. */
static void test_folder_values(void **state)
{
	struct fixture *f = *state;
	struct mstore_value v = { .tag = TAG_BINARY }, *got, out;
	uint32_t n, tag = TAG_BINARY;

	v.v.bin.length = (T + 4000);
	v.v.bin.data = pattern(f->mem, (T + 4000), 2);
	assert_int_equal(mstore_folder_set_props(f->store, f->inbox, &v, 1),
			 0);
	assert_int_equal(count_files(f), 1);
	assert_int_equal(mstore_folder_get_props(f->mem, f->store, f->inbox,
						 &tag, 1, &got), 0);
	assert_int_equal(got[0].v.err, (uint32_t)MAPI_E_NOT_ENOUGH_MEMORY);
	assert_int_equal(mstore_folder_get_all_props(f->mem, f->store,
						     f->inbox, &got, &n), 0);
	assert_int_equal(mstore_large_load(f->mem, f->store,
					   find_id(got, n, TAG_BINARY), &out),
			 0);
	assert_memory_equal(out.v.bin.data, v.v.bin.data, (T + 4000));
	/* another change keeps it */
	v.tag = PidTagImportance;
	v.v.i32 = 1;
	assert_int_equal(mstore_folder_set_props(f->store, f->inbox, &v, 1),
			 0);
	assert_int_equal(count_files(f), 1);
	assert_int_equal(mstore_folder_delete_props(f->store, f->inbox, &tag,
						    1), 0);
	assert_int_equal(count_files(f), 0);
	assert_int_equal(mstore_folder_get_props(f->mem, f->store, f->inbox,
						 &tag, 1, &got), 0);
	assert_int_equal(got[0].v.err, (uint32_t)MAPI_E_NOT_FOUND);
	/* a string one, replaced by a value of another type */
	v.tag = PidTagBody_A;
	v.v.str = text(f->mem, (T + 4000));
	assert_int_equal(mstore_folder_set_props(f->store, f->inbox, &v, 1),
			 0);
	assert_int_equal(count_files(f), 1);
	v.tag = PidTagBody;
	v.v.str = "short";
	assert_int_equal(mstore_folder_set_props(f->store, f->inbox, &v, 1),
			 0);
	assert_int_equal(count_files(f), 0);
	tag = PidTagBody;
	assert_int_equal(mstore_folder_get_props(f->mem, f->store, f->inbox,
						 &tag, 1, &got), 0);
	assert_string_equal(got[0].v.str, "short");
}

/* A soft-deleted folder keeps its values; deleted for good, its own and
 * its messages' files go. */
static void test_folder_deleted(void **state)
{
	struct fixture *f = *state;
	struct mstore_value v = { .tag = TAG_BINARY };
	struct mstore_message *msg;
	uint64_t fid, sub;
	bool existed;

	v.v.bin.length = (T + 4000);
	v.v.bin.data = pattern(f->mem, (T + 4000), 6);
	assert_int_equal(mstore_folder_create(f->store, f->inbox, "big", &v,
					      1, 0, &fid, &existed), 0);
	/* an empty subfolder, whose record alone refers to its file */
	assert_int_equal(mstore_folder_create(f->store, fid, "sub", &v, 1, 0,
					      &sub, &existed), 0);
	assert_int_equal(mstore_message_create(f->mem, f->store, fid, false,
					       &msg), 0);
	assert_int_equal(mstore_message_set_props(msg, &v, 1), 0);
	assert_int_equal(mstore_message_save(msg), 0);
	talloc_free(msg);
	assert_int_equal(count_files(f), 3);
	assert_int_equal(mstore_folder_delete(f->store, fid,
					      MSTORE_DEL_MESSAGES |
					      MSTORE_DEL_FOLDERS), 0);
	assert_int_equal(count_files(f), 3);
	assert_int_equal(mstore_folder_delete(f->store, fid,
					      MSTORE_DEL_MESSAGES |
					      MSTORE_DEL_FOLDERS |
					      MSTORE_DEL_HARD), 0);
	assert_int_equal(count_files(f), 0);
}

/* Files no record refers to are removed when the store is opened; other
 * files are left alone. */
static void test_orphans(void **state)
{
	struct fixture *f = *state;
	struct mstore_value v = { .tag = TAG_BINARY };
	const char *names[] = {
		"0123456789abcdef0123456789abcdef", "new-0011", "README"
	};
	char path[160];
	size_t i;
	int fd;

	v.v.bin.length = (T + 4000);
	v.v.bin.data = pattern(f->mem, (T + 4000), 4);
	save_with(f, f->store, &v, 1);
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", f->lobdir, names[i]);
		fd = open(path, O_CREAT | O_WRONLY, 0600);
		assert_true(fd >= 0);
		assert_int_equal(write(fd, "half", 4), 4);
		close(fd);
	}
	assert_int_equal(count_files(f), 4);
	open_store(f, false);
	assert_int_equal(count_files(f), 2);	/* the value and README */
	snprintf(path, sizeof(path), "%s/README", f->lobdir);
	assert_int_equal(access(path, F_OK), 0);
}

/* Another handle replaced the value while this one had the message
 * open: this one still reads its version and saves it whole. */
static void test_replaced_meanwhile(void **state)
{
	struct fixture *f = *state;
	struct mstore *other = open_store(f, false);
	struct mstore_value v = { .tag = TAG_BINARY }, out;
	struct mstore_message *mine, *theirs;
	struct mstore_value *all;
	struct mstore_lob *lob;
	uint8_t *a = pattern(f->mem, (T + 6000), 6), buf[16];
	size_t got;
	uint32_t n;
	uint64_t mid;

	v.v.bin.length = (T + 6000);
	v.v.bin.data = a;
	mid = save_with(f, f->store, &v, 1);
	assert_int_equal(mstore_message_open(f->mem, f->store, mid, &mine),
			 0);
	assert_int_equal(mstore_message_open(f->mem, other, mid, &theirs),
			 0);
	v.v.bin.data = pattern(f->mem, (T + 6000), 7);
	assert_int_equal(mstore_message_set_props(theirs, &v, 1), 0);
	assert_int_equal(mstore_message_save(theirs), 0);
	/* this handle's file lost its name but is still readable */
	assert_int_equal(mstore_message_get_all_props(f->mem, mine, &all, &n),
			 0);
	assert_int_equal(mstore_lob_open(f->mem, f->store,
					 find_id(all, n, TAG_BINARY), &lob),
			 0);
	assert_int_equal(mstore_lob_read(lob, 100, buf, sizeof(buf), &got),
			 0);
	assert_memory_equal(buf, a + 100, sizeof(buf));
	v.tag = PidTagSubject;
	v.v.str = "mine wins";
	assert_int_equal(mstore_message_set_props(mine, &v, 1), 0);
	assert_int_equal(mstore_message_save(mine), 0);
	talloc_free(mine);
	talloc_free(theirs);
	talloc_free(lob);
	out = load(f, other, mid, TAG_BINARY);
	assert_memory_equal(out.v.bin.data, a, (T + 6000));
	assert_int_equal(count_files(f), 1);
}

/* A writer killed while it writes a value leaves nothing visible. */
static void test_killed_while_writing(void **state)
{
	struct fixture *f = *state;
	int pipefd[2], status;
	char c;
	pid_t pid;

	assert_int_equal(pipe(pipefd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct mstore *child = open_store(f, false);
		struct mstore_lob *lob;
		uint8_t *chunk = pattern(NULL, 65536, 8);
		uint64_t off = 0;

		if (mstore_lob_create(NULL, child, &lob) != 0) {
			_exit(1);
		}
		for (;;) {
			if (mstore_lob_write(lob, off, chunk, 65536) != 0) {
				_exit(1);
			}
			off += 65536;
			if (off == 1 << 20 && write(pipefd[1], "w", 1) != 1) {
				_exit(1);
			}
		}
	}
	close(pipefd[1]);
	assert_int_equal(read(pipefd[0], &c, 1), 1);
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	close(pipefd[0]);
	assert_int_equal(count_files(f), 0);
	open_store(f, false);
	assert_int_equal(count_files(f), 0);
}

/* A writer killed while saving messages with large values leaves only
 * whole messages and whole values behind, and no unreferenced file once
 * the store is opened. */
static void test_killed_while_saving(void **state)
{
	struct fixture *f = *state;
	struct mstore_value v[2] = {
		{ .tag = PidTagImportance }, { .tag = TAG_BINARY }
	}, out;
	struct mstore_row *rows;
	struct mstore *after;
	uint64_t *mids;
	uint32_t n, i;
	pid_t pid;
	int status;

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct mstore *child = open_store(f, false);
		int k;

		for (k = 0;; k++) {
			TALLOC_CTX *t = talloc_new(NULL);
			struct mstore_message *msg;

			v[0].v.i32 = k;
			v[1].v.bin.length = (T + 4000) + k;
			v[1].v.bin.data = pattern(t, (T + 4000) + k, k);
			if (mstore_message_create(t, child, f->inbox, false,
						  &msg) != 0 ||
			    mstore_message_set_props(msg, v, 2) != 0 ||
			    mstore_message_save(msg) != 0) {
				_exit(1);
			}
			talloc_free(t);
		}
	}
	usleep(400000);
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	after = open_store(f, false);
	assert_int_equal(mstore_folder_messages(f->mem, after, f->inbox,
						false, &v[0].tag, 1, &mids,
						&rows, &n), 0);
	assert_true(n > 0);
	assert_int_equal(count_files(f), n);
	for (i = 0; i < n; i++) {
		int k = rows[i].values[0].v.i32;

		out = load(f, after, mids[i], TAG_BINARY);
		assert_int_equal(out.v.bin.length, (T + 4000) + k);
		assert_memory_equal(out.v.bin.data,
				    pattern(f->mem, (T + 4000) + k, k),
				    (T + 4000) + k);
	}
}

#define BOTH(t) cmocka_unit_test_setup_teardown(t, setup, teardown), \
		cmocka_unit_test_setup_teardown(t, setup_tdb, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_out_of_line),
		BOTH(test_lazy_load),
		BOTH(test_chunks),
		BOTH(test_copies_share),
		BOTH(test_folder_values),
		BOTH(test_folder_deleted),
		BOTH(test_orphans),
		BOTH(test_replaced_meanwhile),
		BOTH(test_killed_while_writing),
		BOTH(test_killed_while_saving),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
