/*
 * The EMSMDB ROP engine without RPC: Server object table (MS-OXCROPS
 * 1.3.1), ROP input/output buffers (2.2.1, 3.2.5), generic failure
 * responses, RopRelease, RopBufferTooSmall (2.2.15.1), and auxiliary
 * buffer checks (MS-OXCRPC 2.2.2.2).
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
#include "rop_buffer.h"
#include "rpc_ext.h"
#include "providers/emsmdb/emsmdb_rop.h"
#include "providers/emsmdb/emsmdb_aux.h"
#include "providers/emsmdb/emsmdb_logon.h"

#define NO_SUPPORT 0x80040102
#define NULL_OBJECT 0x000004B9
#define INVALID_OBJECT 0x80040108

/* A ROP without a handler yet (permissions, MS-OXCPERM) and its
 * failure response: RopId, OutputHandleIndex, ecNotSupported. */
#define UNIMPLEMENTED_ROP RopGetPermissionsTable, 0, 0, 0, 0
#define UNIMPLEMENTED_SIZE 5
#define UNIMPLEMENTED_RESPONSE RopGetPermissionsTable, 0, 0x02, 0x01, 0x04, 0x80

static uint32_t le32(const uint8_t *p)
{
	return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

static DATA_BLOB rop_in(TALLOC_CTX *mem, const uint8_t *rops, size_t len,
			const uint32_t *handles, uint32_t count)
{
	struct rop_buffer rb = {
		.rops = data_blob_const(rops, len),
		.handle_count = count,
		.handles = discard_const_p(uint32_t, handles),
	};
	DATA_BLOB out;

	assert_int_equal(rop_buffer_build(mem, &rb, &out), NDR_ERR_SUCCESS);
	return out;
}

static struct rop_buffer run(TALLOC_CTX *mem, struct emsmdb_rop_env *env,
			     const uint8_t *rops, size_t len,
			     const uint32_t *handles, uint32_t count,
			     size_t limit)
{
	DATA_BLOB in = rop_in(mem, rops, len, handles, count), out;
	struct rop_buffer rb;

	assert_int_equal(emsmdb_rop_process(mem, env, &in, limit, &out),
			 MAPI_E_SUCCESS);
	assert_int_equal(rop_buffer_parse(mem, &out, &rb), NDR_ERR_SUCCESS);
	return rb;
}

static void test_objects(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct emsmdb_object_table *t = emsmdb_object_table_new(mem, 3);
	struct emsmdb_object *logon, *folder, *msg, *other;
	uint32_t msg_handle;

	logon = emsmdb_object_new(t, NULL, EMSMDB_OBJECT_LOGON, 1, NULL);
	assert_non_null(logon);
	assert_int_not_equal(logon->handle, 0xFFFFFFFF);
	folder = emsmdb_object_new(t, logon, EMSMDB_OBJECT_FOLDER, 1, NULL);
	msg = emsmdb_object_new(t, folder, EMSMDB_OBJECT_MESSAGE, 1, NULL);
	assert_non_null(msg);
	/* limit of 3 objects */
	assert_null(emsmdb_object_new(t, folder, EMSMDB_OBJECT_TABLE, 1,
				      NULL));
	/* wrong logon for the parent */
	assert_null(emsmdb_object_new(t, folder, EMSMDB_OBJECT_TABLE, 2,
				      NULL));
	assert_ptr_equal(emsmdb_object_find(t, folder->handle, 1), folder);
	assert_null(emsmdb_object_find(t, folder->handle, 2));
	assert_ptr_equal(emsmdb_object_logon(t, 1), logon);
	/* a folder does not own the messages opened through it
	 * (MS-OXCROPS 3.1.5.3): the message outlives it, owned by the
	 * logon */
	msg_handle = msg->handle;
	emsmdb_object_release(folder);
	assert_int_equal(emsmdb_object_count(t), 2);
	assert_ptr_equal(emsmdb_object_find(t, msg_handle, 1), msg);
	assert_ptr_equal(msg->parent, logon);
	/* a new logon with the same id replaces the old one */
	other = emsmdb_object_new(t, NULL, EMSMDB_OBJECT_LOGON, 1, NULL);
	assert_non_null(other);
	assert_int_equal(emsmdb_object_count(t), 1);
	assert_ptr_equal(emsmdb_object_logon(t, 1), other);
	talloc_free(mem);
}

/* MS-OXCROPS 3.1.5.3: what each kind of object owns. */
static void test_ownership(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct emsmdb_object_table *t = emsmdb_object_table_new(mem, 32);
	struct emsmdb_object *logon, *folder, *ftable, *fstream, *sub;
	struct emsmdb_object *msg, *att, *atable, *emb, *astream, *clone;
	uint32_t h[6];

	logon = emsmdb_object_new(t, NULL, EMSMDB_OBJECT_LOGON, 0, NULL);
	folder = emsmdb_object_new(t, logon, EMSMDB_OBJECT_FOLDER, 0, NULL);
	sub = emsmdb_object_new(t, folder, EMSMDB_OBJECT_FOLDER, 0, NULL);
	ftable = emsmdb_object_new(t, folder, EMSMDB_OBJECT_TABLE, 0, NULL);
	fstream = emsmdb_object_new(t, folder, EMSMDB_OBJECT_STREAM, 0,
				    NULL);
	msg = emsmdb_object_new(t, folder, EMSMDB_OBJECT_MESSAGE, 0, NULL);
	att = emsmdb_object_new(t, msg, EMSMDB_OBJECT_ATTACHMENT, 0, NULL);
	atable = emsmdb_object_new(t, msg, EMSMDB_OBJECT_TABLE, 0, NULL);
	emb = emsmdb_object_new(t, att, EMSMDB_OBJECT_MESSAGE, 0, NULL);
	astream = emsmdb_object_new(t, att, EMSMDB_OBJECT_STREAM, 0, NULL);
	clone = emsmdb_object_new(t, astream, EMSMDB_OBJECT_STREAM, 0,
				  NULL);
	assert_non_null(clone);
	assert_ptr_equal(sub->parent, logon);
	assert_ptr_equal(ftable->parent, logon);
	assert_ptr_equal(fstream->parent, folder);
	assert_ptr_equal(msg->parent, logon);
	assert_ptr_equal(att->parent, msg);
	assert_ptr_equal(atable->parent, msg);
	assert_ptr_equal(emb->parent, att);
	assert_ptr_equal(astream->parent, att);
	assert_ptr_equal(clone->parent, att);
	assert_int_equal(emsmdb_object_count(t), 11);

	/* the folder takes its stream only */
	emsmdb_object_release(folder);
	assert_int_equal(emsmdb_object_count(t), 9);
	assert_ptr_equal(emsmdb_object_find(t, sub->handle, 0), sub);
	assert_ptr_equal(emsmdb_object_find(t, ftable->handle, 0), ftable);

	/* the message takes its attachment, the attachment's embedded
	 * message and streams, and its attachment table */
	h[0] = att->handle;
	h[1] = atable->handle;
	h[2] = emb->handle;
	h[3] = astream->handle;
	h[4] = clone->handle;
	emsmdb_object_release(msg);
	assert_int_equal(emsmdb_object_count(t), 3);
	for (int i = 0; i < 5; i++) {
		assert_null(emsmdb_object_find(t, h[i], 0));
	}

	/* the logon takes every object of the logon */
	h[0] = sub->handle;
	h[1] = ftable->handle;
	emsmdb_object_release(logon);
	assert_int_equal(emsmdb_object_count(t), 0);
	assert_null(emsmdb_object_find(t, h[0], 0));
	assert_null(emsmdb_object_find(t, h[1], 0));
	assert_null(emsmdb_object_logon(t, 0));
	talloc_free(mem);
}

/* Every response the engine can write starts RopId, index, ReturnValue. */
static void test_error_responses(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	unsigned id;
	unsigned seen = 0;

	for (id = 0; id < 0x100; id++) {
		struct RopResponse r;
		struct ndr_push *push = ndr_push_init_ctx(mem);
		DATA_BLOB b;

		if (id == RopNotify || id == RopPending || id == RopBackoff ||
		    id == RopBufferTooSmall) {
			continue;	/* server-initiated, no ReturnValue */
		}
		emsmdb_rop_error_response(&r, id, 7, NO_SUPPORT);
		push->flags |= LIBNDR_FLAG_NOALIGN;
		if (ndr_push_RopResponse(push, NDR_SCALARS | NDR_BUFFERS, &r) !=
		    NDR_ERR_SUCCESS) {
			continue;	/* no such response */
		}
		b = ndr_push_blob(push);
		assert_true(b.length >= 6);
		assert_int_equal(b.data[0], id);
		assert_int_equal(b.data[1], 7);
		assert_int_equal(le32(b.data + 2), NO_SUPPORT);
		seen++;
	}
	assert_true(seen > 100);
	talloc_free(mem);
}

/* Unimplemented ROPs answer NO_SUPPORT each; a bad index ecNullObject;
 * RopRelease answers nothing. */
static void test_dispatch(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct emsmdb_rop_env env = {
		.objects = emsmdb_object_table_new(mem, 16)
	};
	const uint8_t rops[] = {
		UNIMPLEMENTED_ROP,
		RopRelease, 0, 0,
		RopGetStoreState, 0, 5,
		UNIMPLEMENTED_ROP,
	};
	const uint32_t handles[] = { 0xFFFFFFFF };
	const uint8_t expect[] = {
		UNIMPLEMENTED_RESPONSE,
		RopGetStoreState, 5, 0xB9, 0x04, 0x00, 0x00,
		UNIMPLEMENTED_RESPONSE,
	};
	struct rop_buffer rb = run(mem, &env, rops, sizeof(rops), handles, 1,
				   0x8000);

	assert_int_equal(rb.rops.length, sizeof(expect));
	assert_memory_equal(rb.rops.data, expect, sizeof(expect));
	assert_int_equal(rb.handle_count, 1);
	talloc_free(mem);
}

static void test_release(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct emsmdb_rop_env env = {
		.objects = emsmdb_object_table_new(mem, 16)
	};
	struct emsmdb_object *logon = emsmdb_object_new(
		env.objects, NULL, EMSMDB_OBJECT_LOGON, 3, NULL);
	struct emsmdb_object *f = emsmdb_object_new(
		env.objects, logon, EMSMDB_OBJECT_FOLDER, 3, NULL);
	uint32_t handles[] = { f->handle, logon->handle };
	/* wrong logon id first: nothing released */
	const uint8_t rops1[] = { RopRelease, 4, 0 };
	const uint8_t rops2[] = { RopRelease, 3, 1 };
	struct rop_buffer rb;

	rb = run(mem, &env, rops1, sizeof(rops1), handles, 2, 0x8000);
	assert_int_equal(rb.rops.length, 0);
	assert_int_equal(emsmdb_object_count(env.objects), 2);
	rb = run(mem, &env, rops2, sizeof(rops2), handles, 2, 0x8000);
	assert_int_equal(rb.rops.length, 0);
	assert_int_equal(emsmdb_object_count(env.objects), 0);
	talloc_free(mem);
}

/*
 * Handle indexes beyond InputHandleIndex: RopSaveChangesMessage resolves
 * its InputHandleIndex (the 4th byte) and answers on ResponseHandleIndex
 * (MS-OXCROPS 2.2.6.3); a move whose DestHandleIndex names no object
 * answers the Null Destination Failure Response (2.2.4.7.3).
 */
static void test_secondary_indexes(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct emsmdb_rop_env env = {
		.objects = emsmdb_object_table_new(mem, 16)
	};
	struct emsmdb_object *logon = emsmdb_object_new(
		env.objects, NULL, EMSMDB_OBJECT_LOGON, 3, NULL);
	struct emsmdb_object *f = emsmdb_object_new(
		env.objects, logon, EMSMDB_OBJECT_FOLDER, 3, NULL);
	const uint32_t handles[] = { f->handle, 0xFFFFFFFF };
	const uint8_t rops[] = {
		RopSaveChangesMessage, 3, 1, 0, 0x02,
		RopMoveFolder, 3, 0, 1, 0, 0,
		1, 0, 0, 0, 0, 0, 0, 0, 'x', 0,
	};
	const uint8_t expect[] = {
		RopSaveChangesMessage, 1, 0x08, 0x01, 0x04, 0x80,
		RopMoveFolder, 0, 0x03, 0x05, 0x00, 0x00, 1, 0, 0, 0, 0,
	};
	struct rop_buffer rb = run(mem, &env, rops, sizeof(rops), handles, 2,
				   0x8000);

	assert_int_equal(rb.rops.length, sizeof(expect));
	assert_memory_equal(rb.rops.data, expect, sizeof(expect));
	talloc_free(mem);
}

static void test_unparsable(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct emsmdb_rop_env env = {
		.objects = emsmdb_object_table_new(mem, 16)
	};
	const uint8_t truncated[] = { RopGetPermissionsTable, 0 };
	const uint8_t unknown[] = { 0xEE, 0, 0 };
	const uint8_t response_only[] = { RopBufferTooSmall, 0, 0 };
	const uint8_t bad_size[] = { 0x01, 0x00 };
	DATA_BLOB in, out;

	in = rop_in(mem, truncated, sizeof(truncated), NULL, 0);
	assert_int_equal(emsmdb_rop_process(mem, &env, &in, 0x8000, &out),
			 ecRpcFormat);
	in = rop_in(mem, unknown, sizeof(unknown), NULL, 0);
	assert_int_equal(emsmdb_rop_process(mem, &env, &in, 0x8000, &out),
			 ecRpcFormat);
	in = rop_in(mem, response_only, sizeof(response_only), NULL, 0);
	assert_int_equal(emsmdb_rop_process(mem, &env, &in, 0x8000, &out),
			 ecRpcFormat);
	in = data_blob_const(bad_size, sizeof(bad_size));
	assert_int_equal(emsmdb_rop_process(mem, &env, &in, 0x8000, &out),
			 ecRpcFormat);
	talloc_free(mem);
}

/* MS-OXCROPS 2.2.15.1: what does not fit comes back unprocessed. */
static void test_buffer_too_small(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct emsmdb_rop_env env = {
		.objects = emsmdb_object_table_new(mem, 16)
	};
	const uint8_t one[] = { UNIMPLEMENTED_ROP };
	uint8_t rops[10 * UNIMPLEMENTED_SIZE];
	const uint32_t handles[] = { 0xFFFFFFFF };
	struct rop_buffer rb;
	DATA_BLOB in, out;
	int i;

	for (i = 0; i < 10; i++) {
		memcpy(rops + UNIMPLEMENTED_SIZE * i, one, sizeof(one));
	}
	/* RopSize + one handle + 55 bytes of responses: a response fits
	 * only with room for a RopBufferTooSmall carrying the rest */
	rb = run(mem, &env, rops, sizeof(rops), handles, 1, 2 + 4 + 55);
	/* two responses of 6 bytes, then RopBufferTooSmall + 8 requests */
	assert_int_equal(rb.rops.length, 12 + 3 + 8 * UNIMPLEMENTED_SIZE);
	assert_int_equal(rb.rops.data[12], RopBufferTooSmall);
	assert_memory_equal(rb.rops.data + 15, rops + 2 * UNIMPLEMENTED_SIZE,
			    8 * UNIMPLEMENTED_SIZE);
	/* not even RopBufferTooSmall fits */
	in = rop_in(mem, rops, sizeof(rops), handles, 1);
	assert_int_equal(emsmdb_rop_process(mem, &env, &in, 2 + 4 + 10, &out),
			 ecBufferTooSmall);
	talloc_free(mem);
}

static void test_aux(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	const uint8_t good_blocks[] = { 8, 0, 1, 0x46, 0, 0, 0, 0,
					4, 0, 2, 0x99 };
	const uint8_t bad_blocks[] = { 9, 0, 1, 0x46, 0, 0, 0, 0 };
	const uint8_t bad_version[] = { 4, 0, 3, 0x46 };
	uint8_t *buf = NULL, *out = NULL;
	size_t len = 0;
	uint32_t out_len = 0;

	assert_int_equal(emsmdb_aux_validate(mem, NULL, 0), MAPI_E_SUCCESS);
	assert_int_equal(mapi_rpc_ext_encode(mem, &buf, &len, good_blocks,
					     sizeof(good_blocks),
					     RHEF_XORMAGIC, true, 0x1008),
			 MAPI_RPC_EXT_OK);
	assert_int_equal(emsmdb_aux_validate(mem, buf, len), MAPI_E_SUCCESS);
	assert_int_equal(emsmdb_aux_validate(mem, buf, len - 1), ecRpcFormat);
	buf = NULL;
	len = 0;
	mapi_rpc_ext_encode(mem, &buf, &len, bad_blocks, sizeof(bad_blocks),
			    0, true, 0x1008);
	assert_int_equal(emsmdb_aux_validate(mem, buf, len), ecRpcFormat);
	buf = NULL;
	len = 0;
	mapi_rpc_ext_encode(mem, &buf, &len, bad_version, sizeof(bad_version),
			    0, true, 0x1008);
	assert_int_equal(emsmdb_aux_validate(mem, buf, len), ecRpcFormat);
	assert_int_equal(emsmdb_aux_connect_out(mem, 0x1008, &out, &out_len),
			 MAPI_E_SUCCESS);
	assert_int_equal(out_len, 8 + 8);
	assert_int_equal(emsmdb_aux_validate(mem, out, out_len),
			 MAPI_E_SUCCESS);
	assert_int_equal(emsmdb_aux_connect_out(mem, 10, &out, &out_len),
			 MAPI_E_SUCCESS);
	assert_int_equal(out_len, 0);
	talloc_free(mem);
}

/*
 * A request whose layout depends on its logon (MS-OXCROPS 2.2.3.13.1):
 * RopWritePerUserInformation carries ReplGuid on a private logon when
 * DataOffset is 0, and the ROP after it still parses on either kind.
 */
static void write_per_user_layout(bool private_logon)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct emsmdb_rop_env env = {
		.objects = emsmdb_object_table_new(mem, 16)
	};
	struct emsmdb_logon *l = talloc_zero(mem, struct emsmdb_logon);
	struct emsmdb_object *logon;
	uint8_t rops[3 + 24 + 1 + 4 + 2 + 2 + 16 + UNIMPLEMENTED_SIZE] = {
		RopWritePerUserInformation, 0, 0,
	};
	size_t n = 3 + 24 + 1 + 4;
	const uint8_t expect[] = {
		RopWritePerUserInformation, 0, 0xB9, 0x04, 0x00, 0x00,
		UNIMPLEMENTED_RESPONSE,
	};
	struct rop_buffer rb;
	uint32_t handles[1];

	l->logon_flags = private_logon ? 0x01 : 0x00;	/* Private */
	logon = emsmdb_object_new(env.objects, NULL, EMSMDB_OBJECT_LOGON, 0,
				  l);
	handles[0] = logon->handle;
	rops[3 + 24] = 1;			/* HasFinished */
	rops[n++] = 2;				/* DataSize */
	rops[n++] = 0;
	rops[n++] = 'h';
	rops[n++] = 'i';
	if (private_logon) {
		memset(rops + n, 0xAB, 16);	/* ReplGuid */
		n += 16;
	}
	memcpy(rops + n, (const uint8_t[]){ UNIMPLEMENTED_ROP },
	       UNIMPLEMENTED_SIZE);
	n += UNIMPLEMENTED_SIZE;
	/* the logon has no store here: the handler answers ecNullObject */
	rb = run(mem, &env, rops, n, handles, 1, 0x8000);
	assert_int_equal(rb.rops.length, sizeof(expect));
	assert_memory_equal(rb.rops.data, expect, sizeof(expect));
	talloc_free(mem);
}

static void test_write_per_user_layout(void **state)
{
	write_per_user_layout(true);
	write_per_user_layout(false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_objects),
		cmocka_unit_test(test_ownership),
		cmocka_unit_test(test_error_responses),
		cmocka_unit_test(test_dispatch),
		cmocka_unit_test(test_release),
		cmocka_unit_test(test_secondary_indexes),
		cmocka_unit_test(test_unparsable),
		cmocka_unit_test(test_buffer_too_small),
		cmocka_unit_test(test_aux),
		cmocka_unit_test(test_write_per_user_layout),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
