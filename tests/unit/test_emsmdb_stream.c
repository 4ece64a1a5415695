/*
 * Unit tests of Stream objects (providers/emsmdb/emsmdb_stream.c) on a
 * real store in a temporary directory, without RPC: any bytes a client
 * wrote so far make a value (odd lengths, unpaired surrogates); string8
 * streams in the code page; the bytes move to a staged large value past
 * the threshold; a saved value is copied before it changes; a folder's
 * stream is stored when its last Stream object goes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "providers/emsmdb/emsmdb_rop.h"
#include "providers/emsmdb/emsmdb_logon.h"
#include "providers/emsmdb/emsmdb_stream.h"
#include "store/store_lob.h"

#define PidTagBody_W 0x1000001F
#define PidTagBody_A 0x1000001E
#define TAG_BINARY 0x68010102

struct fixture {
	char dir[64];
	struct emsmdb_rop_env env;
	struct emsmdb_rop_call call;
	struct mstore *store;
	struct emsmdb_object *logon, *message, *folder;
	uint64_t inbox;
};

static int setup(void **state)
{
	struct fixture *f = talloc_zero(NULL, struct fixture);
	struct mstore_open_params p = { 0 };
	struct emsmdb_logon *l;
	struct emsmdb_message *m;
	struct emsmdb_folder *fo;

	snprintf(f->dir, sizeof(f->dir), "/tmp/test_emsmdb_stream.XXXXXX");
	if (mkdtemp(f->dir) == NULL) {
		return -1;
	}
	p.directory = f->dir;
	p.mailbox = "alice";
	p.create = true;
	f->env.objects = emsmdb_object_table_new(f, 64);
	l = talloc_zero(f, struct emsmdb_logon);
	if (mstore_open(l, &p, &l->store) != MAPI_E_SUCCESS) {
		return -1;
	}
	f->store = l->store;
	mstore_special_fid(f->store, MSTORE_INBOX, &f->inbox);
	f->logon = emsmdb_object_new(f->env.objects, NULL,
				     EMSMDB_OBJECT_LOGON, 0, l);
	m = talloc_zero(f, struct emsmdb_message);
	m->writable = true;
	mstore_message_create(m, f->store, f->inbox, false, &m->msg);
	f->message = emsmdb_object_new(f->env.objects, f->logon,
				       EMSMDB_OBJECT_MESSAGE, 0, m);
	fo = talloc_zero(f, struct emsmdb_folder);
	fo->fid = f->inbox;
	f->folder = emsmdb_object_new(f->env.objects, f->logon,
				      EMSMDB_OBJECT_FOLDER, 0, fo);
	f->call.mem_ctx = f;
	f->call.env = &f->env;
	f->call.input = f->message;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", f->dir);
	talloc_free(f);
	return system(cmd) == 0 ? 0 : -1;
}

static struct mstore_message *msg_of(struct fixture *f)
{
	struct emsmdb_message *m = talloc_get_type(f->message->data,
						   struct emsmdb_message);

	return m->msg;
}

static struct emsmdb_stream *open_on(struct fixture *f,
				     struct emsmdb_object *o, uint32_t tag,
				     uint8_t mode)
{
	struct emsmdb_stream *s = NULL;

	f->call.input = o;
	assert_int_equal(emsmdb_stream_open(f, &f->call, o, tag, mode, &s),
			 MAPI_E_SUCCESS);
	return s;
}

static void write_all(struct emsmdb_stream *s, const void *data, size_t n)
{
	size_t written;

	assert_int_equal(emsmdb_stream_write(s, data, n, &written),
			 MAPI_E_SUCCESS);
	assert_int_equal(written, n);
}

static const char *body(struct fixture *f)
{
	uint32_t tag = PidTagBody_W;
	struct mstore_value *v;

	assert_int_equal(mstore_message_get_props(f, msg_of(f), &tag, 1, &v),
			 MAPI_E_SUCCESS);
	return v[0].tag == PidTagBody_W ? v[0].v.str : NULL;
}

/* Whatever was written so far is a value: an odd last byte is not a
 * character yet, an unpaired surrogate is U+FFFD. */
static void test_partial_utf16(void **state)
{
	struct fixture *f = *state;
	struct emsmdb_stream *s = open_on(f, f->message, PidTagBody_W,
					  OpenStream_Create);
	static const uint8_t a[] = { 'A', 0, 0x00, 0xD8, 'B' };

	write_all(s, a, sizeof(a));
	assert_string_equal(body(f), "A\xef\xbf\xbd");
	write_all(s, "\0", 1);
	assert_string_equal(body(f), "A\xef\xbf\xbd" "B");
	/* a pair, then the terminating null and more: cut at the null */
	write_all(s, "\x3d\xd8\x00\xde\0\0X\0", 8);
	assert_string_equal(body(f), "A\xef\xbf\xbd" "B\xf0\x9f\x98\x80");
	talloc_free(s);
}

/* PtypString8 streams are in the session's code page (1252 here). */
static void test_string8(void **state)
{
	struct fixture *f = *state;
	struct emsmdb_stream *s = open_on(f, f->message, PidTagBody_A,
					  OpenStream_Create);
	uint8_t buf[16];
	size_t got;

	write_all(s, "caf\xe9\x80", 6);
	assert_string_equal(body(f), "caf\xc3\xa9\xe2\x82\xac");
	talloc_free(s);
	s = open_on(f, f->message, PidTagBody_W, OpenStream_ReadOnly);
	assert_int_equal(emsmdb_stream_size(s), 12);
	assert_int_equal(emsmdb_stream_read(s, buf, sizeof(buf), &got), 0);
	assert_int_equal(got, 12);
	assert_memory_equal(buf, "c\0a\0f\0\xe9\0\xac\x20\0\0", 12);
	talloc_free(s);
}

/* Past the threshold the bytes are a staged large value, which the
 * message refers to; once saved, a write copies it first. */
static void test_large_and_saved(void **state)
{
	struct fixture *f = *state;
	size_t n = MSTORE_LARGE_THRESHOLD + 100;
	uint8_t *a = talloc_zero_array(f, uint8_t, n), buf[4];
	struct emsmdb_stream *s = open_on(f, f->message, TAG_BINARY,
					  OpenStream_Create);
	struct mstore_message *saved;
	struct mstore_value *all, whole;
	uint32_t count, i, tag = TAG_BINARY;
	size_t got;

	memset(a, 'a', n);
	write_all(s, a, n);
	assert_int_equal(mstore_message_get_all_props(f, msg_of(f), &all,
						      &count), 0);
	for (i = 0; i < count && !mstore_value_is_large(&all[i]); i++) {
	}
	assert_true(i < count);
	assert_int_equal(mstore_message_save(msg_of(f)), 0);
	/* the saved value stays as it was */
	assert_int_equal(emsmdb_stream_set_size(s, 2), 0);
	assert_int_equal(mstore_message_open(f, f->store,
					     mstore_message_mid(msg_of(f)),
					     &saved), 0);
	assert_int_equal(mstore_message_get_all_props(f, saved, &all,
						      &count), 0);
	for (i = 0; i < count && !mstore_value_is_large(&all[i]); i++) {
	}
	assert_true(i < count);
	assert_int_equal(mstore_large_load(f, f->store, &all[i], &whole), 0);
	assert_int_equal(whole.v.bin.length, n);
	/* the message has the two bytes, read back through the stream */
	assert_int_equal(mstore_message_get_props(f, msg_of(f), &tag, 1,
						  &all), 0);
	assert_int_equal(all[0].v.bin.length, 2);
	s->position = 0;
	assert_int_equal(emsmdb_stream_read(s, buf, 4, &got), 0);
	assert_int_equal(got, 2);
	talloc_free(s);
}

/* A folder's stream is stored at commit, and when its last Stream object
 * goes; a clone shares the bytes. */
static void test_folder_release(void **state)
{
	struct fixture *f = *state;
	struct emsmdb_stream *s = open_on(f, f->folder, TAG_BINARY,
					  OpenStream_Create), *clone;
	uint32_t tag = TAG_BINARY;
	struct mstore_value *v;

	write_all(s, "one", 3);
	clone = emsmdb_stream_clone(f, s);
	assert_int_equal(mstore_folder_get_props(f, f->store, f->inbox, &tag,
						 1, &v), 0);
	assert_int_equal(v[0].tag >> 16, TAG_BINARY >> 16);
	assert_int_equal(v[0].tag & 0xFFFF, PT_ERROR);
	assert_int_equal(emsmdb_stream_commit(clone), 0);
	assert_int_equal(mstore_folder_get_props(f, f->store, f->inbox, &tag,
						 1, &v), 0);
	assert_int_equal(v[0].v.bin.length, 3);
	write_all(clone, "two", 3);
	talloc_free(s);
	assert_int_equal(mstore_folder_get_props(f, f->store, f->inbox, &tag,
						 1, &v), 0);
	assert_int_equal(v[0].v.bin.length, 3);	/* the clone is open */
	talloc_free(clone);
	assert_int_equal(mstore_folder_get_props(f, f->store, f->inbox, &tag,
						 1, &v), 0);
	assert_int_equal(v[0].v.bin.length, 6);
	assert_memory_equal(v[0].v.bin.data, "onetwo", 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_partial_utf16, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_string8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large_and_saved, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_folder_release, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
