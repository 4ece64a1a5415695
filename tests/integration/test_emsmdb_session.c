/*
 * EMSMDB sessions, EcDoRpcExt2 framing and the ROP engine, through libmapi
 * against torture/testenv (MS-OXCRPC 3.1.4, MS-OXCROPS 2.2.1, 3.2.5).
 */
#include "itest.h"

#include "libmapi/emsmdb.h"
#include "libmapi/nspi.h"
#include "libmapi/ndr/rpc_ext.h"
#include "gen_ndr/ndr_exchange_emsmdb.h"
#include "gen_ndr/ndr_exchange_emsmdb_c.h"
#include "gen_ndr/ndr_rops.h"

#define NO_SUPPORT MAPI_E_NO_SUPPORT
/* A ROP without a handler yet (MS-OXCFXICS) and without an output
 * handle: its failure response names the input handle index. */
#define UNIMPLEMENTED RopTellVersion

/* The caller's legacyExchangeDN, from the address book. */
static const char *user_dn(struct itest_env *env, TALLOC_CTX *mem_ctx,
			   const struct mapi_rpc_params *user)
{
	struct mapi_nspi *nspi;
	struct mapi_nspi_resolved *res;
	const char *names[] = { user->username };
	const uint32_t tag = MAPI_NSPI_TAG_EMAIL_ADDRESS;

	if (mapi_nspi_connect(mem_ctx, env->rpc, user, 1252, 0x409, &nspi) !=
	    MAPI_E_SUCCESS ||
	    mapi_nspi_resolve(nspi, mem_ctx, names, 1,
			      mapi_nspi_tags(mem_ctx, 1, &tag),
			      &res) != MAPI_E_SUCCESS ||
	    res[0].state != MAPI_NSPI_RESOLVED ||
	    res[0].row->cValues < 1) {
		return NULL;
	}
	return res[0].row->lpProps[0].Value.lpszA;
}

static bool open_session(struct itest_env *env, TALLOC_CTX *mem_ctx,
			 struct mapi_emsmdb **e)
{
	const char *dn = user_dn(env, mem_ctx, &env->user);
	enum MAPISTATUS rv;

	ITEST_ASSERT(dn != NULL, "cannot resolve %s", env->user.username);
	rv = mapi_emsmdb_connect(mem_ctx, env->rpc, &env->user, dn, e);
	ITEST_ASSERT(rv == MAPI_E_SUCCESS, "connect: %s",
		     mapi_status_string(rv));
	return true;
}

static struct RopRequest rop(enum RopId id, uint8_t index)
{
	struct RopRequest r = { .RopId = id, .LogonId = 0,
				.HandleIndex = index };
	return r;
}

static bool expect_rop(const struct mapi_emsmdb_rop_result *res, uint32_t i,
		       enum RopId id, uint8_t index, enum MAPISTATUS rv)
{
	const uint8_t *b;
	uint32_t got;

	ITEST_ASSERT(i < res->count, "only %u responses", res->count);
	ITEST_ASSERT(res->responses[i].RopId == id, "response %u: RopId 0x%02x",
		     i, res->responses[i].RopId);
	/* every response has the handle index and ReturnValue first */
	b = (const uint8_t *)&res->responses[i].Body;
	memcpy(&got, b + 4, sizeof(got));
	ITEST_ASSERT(b[0] == index, "response %u: index %u", i, b[0]);
	ITEST_ASSERT(got == rv, "response %u: 0x%08x, expected 0x%08x", i,
		     got, rv);
	return true;
}

/* MS-OXCRPC 3.1.4.1: every output of a successful EcDoConnectEx. */
static bool test_connect_self(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	const char *dn = user_dn(env, mem_ctx, &env->user);
	struct mapi_emsmdb *e;

	ITEST_ASSERT(open_session(env, mem_ctx, &e), "no session");
	ITEST_ASSERT(e->polls_max_ms > 0 && e->retry_count > 0 &&
		     e->retry_delay_ms > 0, "timing advice missing");
	ITEST_ASSERT(e->dn_prefix != NULL &&
		     strncasecmp(dn, e->dn_prefix, strlen(e->dn_prefix)) == 0,
		     "DN prefix '%s' of '%s'", e->dn_prefix, dn);
	ITEST_ASSERT(e->display_name != NULL && e->display_name[0] != '\0',
		     "no display name");
	ITEST_ASSERT(e->server_version[0] == 14 &&
		     (e->server_version[1] & 0x8000), "server version %u.%x",
		     e->server_version[0], e->server_version[1]);
	ITEST_ASSERT(e->timestamp != 0, "no time stamp");
	/* AUX_SERVER_CAPABILITIES in one extended buffer */
	ITEST_ASSERT(e->aux_out_len == 16 && e->aux_out[8 + 3] == 0x46,
		     "aux out of %u bytes", e->aux_out_len);
	ITEST_ASSERT(mapi_emsmdb_disconnect(e) == MAPI_E_SUCCESS,
		     "disconnect");
	return true;
}

static enum MAPISTATUS connect_dn(struct itest_env *env, TALLOC_CTX *mem_ctx,
				  const char *dn,
				  struct mapi_emsmdb_connect_params *cp)
{
	struct mapi_emsmdb_connect_params def;
	struct mapi_emsmdb *e;

	if (cp == NULL) {
		mapi_emsmdb_connect_params_init(&def, dn);
		cp = &def;
	}
	return mapi_emsmdb_connect_ex(mem_ctx, env->rpc, &env->user, cp, NULL,
				      &e);
}

/* MS-OXCRPC 3.1.4.1: only the owner opens a mailbox. */
static bool test_connect_other(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	const char *other = user_dn(env, mem_ctx, &env->user2);
	enum MAPISTATUS rv;

	ITEST_ASSERT(other != NULL, "cannot resolve %s", env->user2.username);
	rv = connect_dn(env, mem_ctx, other, NULL);
	ITEST_ASSERT(rv == MAPI_E_NO_ACCESS, "other's DN: %s",
		     mapi_status_string(rv));
	rv = connect_dn(env, mem_ctx, "/o=Nowhere/cn=Recipients/cn=nobody",
			NULL);
	ITEST_ASSERT(rv == ecUnknownUser, "unknown DN: 0x%08x", rv);
	rv = connect_dn(env, mem_ctx, "", NULL);
	ITEST_ASSERT(rv == MAPI_E_NO_ACCESS, "empty DN: 0x%08x", rv);
	return true;
}

/* MS-OXCRPC 3.2.4.1.3.2: 11.0.0.0 is the oldest client. */
static bool test_old_client(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	const char *dn = user_dn(env, mem_ctx, &env->user);
	struct mapi_emsmdb_connect_params cp;
	enum MAPISTATUS rv;

	mapi_emsmdb_connect_params_init(&cp, dn);
	cp.client_version[0] = 10;
	cp.client_version[1] = 0x8000;
	rv = connect_dn(env, mem_ctx, dn, &cp);
	ITEST_ASSERT(rv == MAPI_E_VERSION, "10.0: 0x%08x", rv);
	cp.client_version[0] = 0x0A00;	/* older layout, 10.0 */
	cp.client_version[1] = 2000;
	rv = connect_dn(env, mem_ctx, dn, &cp);
	ITEST_ASSERT(rv == MAPI_E_VERSION, "old layout 10.0: 0x%08x", rv);
	cp.client_version[0] = 12;	/* Outlook 2007, older layout */
	cp.client_version[1] = 6206;
	rv = connect_dn(env, mem_ctx, dn, &cp);
	ITEST_ASSERT(rv == MAPI_E_SUCCESS, "12.0: 0x%08x", rv);
	cp.flags = ulFlags_Administrator;
	rv = connect_dn(env, mem_ctx, dn, &cp);
	ITEST_ASSERT(rv == ecLoginPerm, "administrator: 0x%08x", rv);
	return true;
}

/* cbAuxIn 0, a valid compressed+obfuscated rgbAuxIn, a malformed one. */
static bool test_aux_in(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	const char *dn = user_dn(env, mem_ctx, &env->user);
	struct mapi_emsmdb_connect_params cp;
	/* AUX_HEADER v1 + AUX_PERF_CLIENTINFO-sized filler, twice */
	uint8_t blocks[64] = { 0 }, *buf = NULL;
	size_t len = 0;
	enum MAPISTATUS rv;

	blocks[0] = 32; blocks[2] = 1; blocks[3] = 0x02;
	blocks[32] = 32; blocks[34] = 1; blocks[35] = 0x02;
	mapi_emsmdb_connect_params_init(&cp, dn);
	rv = connect_dn(env, mem_ctx, dn, &cp);
	ITEST_ASSERT(rv == MAPI_E_SUCCESS, "cbAuxIn 0: 0x%08x", rv);
	ITEST_ASSERT(mapi_rpc_ext_encode(mem_ctx, &buf, &len, blocks,
					 sizeof(blocks),
					 RHEF_COMPRESSED | RHEF_XORMAGIC,
					 true, 0x1008) == MAPI_RPC_EXT_OK,
		     "encode");
	cp.aux_in = buf;
	cp.aux_in_len = len;
	rv = connect_dn(env, mem_ctx, dn, &cp);
	ITEST_ASSERT(rv == MAPI_E_SUCCESS, "aux in: 0x%08x", rv);
	cp.aux_in_len = len - 1;
	rv = connect_dn(env, mem_ctx, dn, &cp);
	ITEST_ASSERT(rv == ecRpcFormat, "truncated aux: 0x%08x", rv);
	/* pcbAuxOut too small for AUX_SERVER_CAPABILITIES: no aux out */
	cp.aux_in_len = 0;
	cp.aux_out_max = 8;
	rv = connect_dn(env, mem_ctx, dn, &cp);
	ITEST_ASSERT(rv == MAPI_E_SUCCESS, "small pcbAuxOut: 0x%08x", rv);
	return true;
}

static enum MAPISTATUS raw_rpc(struct mapi_emsmdb *e, TALLOC_CTX *mem_ctx,
			       const uint8_t *in, uint32_t len,
			       uint32_t max_out, NTSTATUS *nt)
{
	DATA_BLOB out;
	enum MAPISTATUS rv = mapi_emsmdb_rpc_ext2(e, mem_ctx, 0, in, len,
						  max_out, &out);

	*nt = mapi_emsmdb_last_ntstatus(e);
	return rv;
}

/* MS-OXCRPC 3.1.4.3: a closed session is gone, for its owner too. */
static bool test_disconnect_reuse(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_emsmdb *e;
	struct policy_handle old;
	struct RopRequest r = rop(UNIMPLEMENTED, 0);
	struct mapi_emsmdb_rop_result res;
	enum MAPISTATUS rv;

	ITEST_ASSERT(open_session(env, mem_ctx, &e), "no session");
	old = e->handle;
	ITEST_ASSERT(mapi_emsmdb_disconnect(e) == MAPI_E_SUCCESS, "disconnect");
	e->handle = old;
	e->connected = true;
	rv = mapi_emsmdb_rops(e, mem_ctx, &r, 1, NULL, 0, NULL, &res);
	ITEST_ASSERT(rv == MAPI_E_END_OF_SESSION, "reuse: 0x%08x", rv);
	ITEST_NTSTATUS(mapi_emsmdb_last_ntstatus(e),
		       NT_STATUS_RPC_SS_CONTEXT_MISMATCH);
	e->connected = false;
	return true;
}

/* A session handle is useless on another user's connection. */
static bool test_other_user_handle(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_emsmdb *e;
	struct dcerpc_pipe *p;
	uint32_t flags = 0, cb_out = 0x8008, cb_aux = 0, trans = 0;
	uint8_t in[11] = { 0x00, 0x00, RHEF_LAST, 0x00, 3, 0, 3, 0,
			   0x03, 0x00 }, out[0x8008], aux[16];
	enum MAPISTATUS result;

	ITEST_ASSERT(open_session(env, mem_ctx, &e), "no session");
	ITEST_OK(mapi_rpc_connect(mem_ctx, env->rpc, &env->user2,
				  &ndr_table_exchange_emsmdb, &p));
	ITEST_NTSTATUS(dcerpc_EcDoRpcExt2(p->binding_handle, mem_ctx,
					  &e->handle, &flags, in, 10, out,
					  &cb_out, NULL, 0, aux, &cb_aux,
					  &trans, &result),
		       NT_STATUS_RPC_SS_CONTEXT_MISMATCH);
	return true;
}

/* MS-OXCRPC 3.1.4.4: one asynchronous context handle per session. */
static bool test_async_connect(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_emsmdb *e;
	struct policy_handle a1, a2;

	ITEST_ASSERT(open_session(env, mem_ctx, &e), "no session");
	ITEST_ASSERT(mapi_emsmdb_async_connect(e, &a1) == MAPI_E_SUCCESS,
		     "async connect");
	ITEST_ASSERT(!ndr_policy_handle_empty(&a1), "empty async handle");
	ITEST_ASSERT(mapi_emsmdb_async_connect(e, &a2) == MAPI_E_SUCCESS,
		     "async connect again");
	ITEST_ASSERT(memcmp(&a1, &a2, sizeof(a1)) == 0, "two async handles");
	return true;
}

static struct RopRequest logon_request(void)
{
	struct RopRequest r = rop(RopLogon, 0);

	r.Body.Logon.LogonFlags = LogonFlags_Private;
	r.Body.Logon.OpenFlags = LogonOpenFlags_USE_PER_MDB_REPLID_MAPPING;
	return r;
}

/* MS-OXCROPS 3.2.5.1: each ROP answers on its own; unimplemented ones
 * with their failure response; RopRelease with none. */
static bool rops_round(struct mapi_emsmdb *e, TALLOC_CTX *mem_ctx,
		       const struct mapi_emsmdb_rop_options *opts)
{
	struct RopRequest r[] = {
		rop(UNIMPLEMENTED, 0),
		rop(RopRelease, 0),
		rop(UNIMPLEMENTED, 1),
		logon_request(),
		rop(UNIMPLEMENTED, 7),	/* beyond the handle table */
	};
	const uint32_t handles[] = { 0xFFFFFFFF, 0xFFFFFFFF };
	struct mapi_emsmdb_rop_result res;
	enum MAPISTATUS rv;

	rv = mapi_emsmdb_rops(e, mem_ctx, r, ARRAY_SIZE(r), handles, 2, opts,
			      &res);
	ITEST_ASSERT(rv == MAPI_E_SUCCESS, "EcDoRpcExt2: %s",
		     mapi_status_string(rv));
	ITEST_ASSERT(res.count == 4, "%u responses", res.count);
	ITEST_ASSERT(expect_rop(&res, 0, UNIMPLEMENTED, 0,
				NO_SUPPORT), "0");
	ITEST_ASSERT(expect_rop(&res, 1, UNIMPLEMENTED, 1, NO_SUPPORT),
		     "1");
	/* a logon without an Essdn names no mailbox */
	ITEST_ASSERT(expect_rop(&res, 2, RopLogon, 0,
				MAPI_E_INVALID_PARAMETER), "2");
	ITEST_ASSERT(expect_rop(&res, 3, UNIMPLEMENTED, 7, ecNullObject),
		     "3");
	ITEST_ASSERT(res.handle_count == 2 && res.handles[0] == 0xFFFFFFFF,
		     "handle table");
	return true;
}

static bool test_several_rops(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_emsmdb *e;

	ITEST_ASSERT(open_session(env, mem_ctx, &e), "no session");
	return rops_round(e, mem_ctx, NULL);
}

/* Compressed and obfuscated requests; responses framed as pulFlags say. */
static bool test_compressed_obfuscated(struct itest_env *env,
				       TALLOC_CTX *mem_ctx)
{
	struct mapi_emsmdb *e;
	struct mapi_emsmdb_rop_options o = { .compress = true,
					     .obfuscate = true };
	struct RopRequest r[64];
	DATA_BLOB rops, out;
	uint8_t *in = NULL;
	size_t len = 0, i;
	const uint32_t handle = 0xFFFFFFFF;

	ITEST_ASSERT(open_session(env, mem_ctx, &e), "no session");
	ITEST_ASSERT(rops_round(e, mem_ctx, &o), "compressed+xor, 0 flags");
	o.pul_flags = pulFlags_NoCompression | pulFlags_NoXorMagic;
	ITEST_ASSERT(rops_round(e, mem_ctx, &o), "plain response");
	/* check the response headers themselves */
	for (i = 0; i < ARRAY_SIZE(r); i++) {
		r[i] = rop(UNIMPLEMENTED, 0);
	}
	ITEST_ASSERT(mapi_emsmdb_build_rops(mem_ctx, r, ARRAY_SIZE(r), &handle,
					    1, &rops) == MAPI_E_SUCCESS,
		     "build");
	mapi_rpc_ext_encode(mem_ctx, &in, &len, rops.data, rops.length,
			    RHEF_COMPRESSED | RHEF_XORMAGIC, true, 0x40000);
	ITEST_ASSERT(mapi_emsmdb_rpc_ext2(e, mem_ctx, 0, in, len, 0x40000,
					  &out) == MAPI_E_SUCCESS, "rpc 0");
	ITEST_ASSERT(out.length > 8 && (out.data[2] & RHEF_COMPRESSED) &&
		     (out.data[2] & RHEF_XORMAGIC) && (out.data[2] & RHEF_LAST),
		     "response flags 0x%02x", out.data[2]);
	ITEST_ASSERT(mapi_emsmdb_rpc_ext2(e, mem_ctx,
					  pulFlags_NoCompression |
					  pulFlags_NoXorMagic, in, len,
					  0x40000, &out) == MAPI_E_SUCCESS,
		     "rpc plain");
	ITEST_ASSERT(out.length == 8 + 2 + 64 * 6 + 4 &&
		     out.data[2] == RHEF_LAST, "plain response flags 0x%02x",
		     out.data[2]);
	return true;
}

/* Two extended buffers in one rgbIn (MS-OXCRPC 3.1.4.2.1.1.1). */
static bool test_packed_request(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_emsmdb *e;
	struct RopRequest r = rop(UNIMPLEMENTED, 0);
	const uint32_t handle = 0xFFFFFFFF;
	DATA_BLOB rops, out;
	uint8_t *in = NULL;
	size_t len = 0;
	struct mapi_emsmdb_rop_result res = { 0 };
	struct mapi_rpc_ext_payload *p;
	size_t count;

	ITEST_ASSERT(open_session(env, mem_ctx, &e), "no session");
	mapi_emsmdb_build_rops(mem_ctx, &r, 1, &handle, 1, &rops);
	mapi_rpc_ext_encode(mem_ctx, &in, &len, rops.data, rops.length,
			    RHEF_XORMAGIC, false, 0x40000);
	mapi_rpc_ext_encode(mem_ctx, &in, &len, rops.data, rops.length,
			    RHEF_COMPRESSED, true, 0x40000);
	ITEST_ASSERT(mapi_emsmdb_rpc_ext2(e, mem_ctx, 0, in, len, 0x40000,
					  &out) == MAPI_E_SUCCESS, "rpc");
	ITEST_ASSERT(mapi_rpc_ext_decode(mem_ctx, out.data, out.length,
					 0xFFFF, 0x40000, &p, &count) ==
		     MAPI_RPC_EXT_OK && count == 2, "%zu payloads", count);
	ITEST_ASSERT(!(p[0].flags & RHEF_LAST) && (p[1].flags & RHEF_LAST),
		     "Last flags");
	out = data_blob_const(p[1].data, p[1].length);
	ITEST_ASSERT(mapi_emsmdb_parse_rops(mem_ctx, &out, &res) ==
		     MAPI_E_SUCCESS && res.count == 1, "parse");
	return expect_rop(&res, 0, UNIMPLEMENTED, 0, NO_SUPPORT);
}

static bool still_serving(struct mapi_emsmdb *e, TALLOC_CTX *mem_ctx)
{
	return rops_round(e, mem_ctx, NULL);
}

/* Malformed framing: ecRpcFormat (or a stub-data fault for sizes the
 * spec bounds), and the session keeps working. */
static bool test_malformed_framing(struct itest_env *env,
				   TALLOC_CTX *mem_ctx)
{
	struct mapi_emsmdb *e;
	/* Version 1 */
	const uint8_t bad_version[10] = { 1, 0, RHEF_LAST, 0, 2, 0, 2, 0,
					  2, 0 };
	/* a first payload without Last, then half a header */
	const uint8_t cut_header[14] = { 0, 0, 0, 0, 2, 0, 2, 0, 2, 0,
					 0, 0, RHEF_LAST, 0 };
	/* Size beyond the buffer */
	const uint8_t beyond[10] = { 0, 0, RHEF_LAST, 0, 40, 0, 40, 0, 2, 0 };
	/* compressed garbage that claims 100 bytes */
	const uint8_t bogus_lz77[16] = { 0, 0, RHEF_LAST | RHEF_COMPRESSED, 0,
					 8, 0, 100, 0, 0xff, 0xff, 0xff, 0xff,
					 0xff, 0xff, 0xff, 0xff };
	/* a ROP buffer whose RopSize goes past the payload */
	const uint8_t bad_ropsize[12] = { 0, 0, RHEF_LAST, 0, 4, 0, 4, 0,
					  0x40, 0, 0x68, 0 };
	/* a truncated ROP request (RopGetOwningServers lacks FolderId) */
	const uint8_t bad_rop[13] = { 0, 0, RHEF_LAST, 0, 5, 0, 5, 0,
				      5, 0, 0x42, 0, 0 };
	NTSTATUS nt;

	ITEST_ASSERT(open_session(env, mem_ctx, &e), "no session");
	ITEST_ASSERT(raw_rpc(e, mem_ctx, bad_version, 10, 0x8008, &nt) ==
		     ecRpcFormat, "bad version");
	ITEST_ASSERT(raw_rpc(e, mem_ctx, beyond, 10, 0x8008, &nt) ==
		     ecRpcFormat, "size beyond");
	ITEST_ASSERT(raw_rpc(e, mem_ctx, cut_header, 14, 0x8008, &nt) ==
		     ecRpcFormat, "truncated second header");
	ITEST_ASSERT(raw_rpc(e, mem_ctx, bogus_lz77, 16, 0x8008, &nt) ==
		     ecRpcFormat, "bogus LZ77");
	ITEST_ASSERT(raw_rpc(e, mem_ctx, bad_ropsize, 12, 0x8008, &nt) ==
		     ecRpcFormat, "bad RopSize");
	ITEST_ASSERT(raw_rpc(e, mem_ctx, bad_rop, 13, 0x8008, &nt) ==
		     ecRpcFormat, "truncated ROP");
	/* MS-OXCRPC 3.1.4.2: cbIn below 8 is RPC_X_BAD_STUB_DATA */
	raw_rpc(e, mem_ctx, bad_version, 4, 0x8008, &nt);
	ITEST_NTSTATUS(nt, NT_STATUS_RPC_BAD_STUB_DATA);
	return still_serving(e, mem_ctx);
}

/* pcbOut below 0x8008 is refused; responses beyond the 32 KB payload end
 * with RopBufferTooSmall carrying the rest, which runs on resending. */
static bool test_small_output(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_emsmdb *e;
	struct mapi_emsmdb_rop_options o = { .max_out = 0x8008 };
	const uint8_t in[10] = { 0, 0, RHEF_LAST, 0, 2, 0, 2, 0, 2, 0 };
	const uint32_t handle = 0xFFFFFFFF;
	struct mapi_emsmdb_rop_result res;
	struct RopRequest *r;
	const uint32_t n = 10000;
	uint32_t i, left, done, round;
	NTSTATUS nt;

	ITEST_ASSERT(open_session(env, mem_ctx, &e), "no session");
	raw_rpc(e, mem_ctx, in, 10, 0x100, &nt);
	ITEST_NTSTATUS(nt, NT_STATUS_RPC_BAD_STUB_DATA);
	/* 3-byte requests with 6-byte responses (RopGetStoreState on no
	 * object: ecNullObject), so that the responses outgrow pcbOut */
	r = talloc_array(mem_ctx, struct RopRequest, n);
	for (i = 0; i < n; i++) {
		r[i] = rop(RopGetStoreState, 0);
	}
	ITEST_ASSERT(mapi_emsmdb_rops(e, mem_ctx, r, n, &handle, 1, &o,
				      &res) == MAPI_E_SUCCESS, "rops");
	ITEST_ASSERT(res.count > 1 && res.count < n, "%u responses",
		     res.count);
	ITEST_ASSERT(res.responses[res.count - 1].RopId == RopBufferTooSmall,
		     "last RopId 0x%02x", res.responses[res.count - 1].RopId);
	left = res.responses[res.count - 1].Body.BufferTooSmall
		.RequestBuffers.length / 3;
	ITEST_ASSERT(left == n - (res.count - 1), "%u requests back", left);
	/* RPC_HEADER_EXT + RopSize + the responses + the one that did not
	 * fit + the handle table */
	ITEST_ASSERT(res.responses[res.count - 1].Body.BufferTooSmall
		     .SizeNeeded == 8 + 2 + 6 * res.count + 4, "SizeNeeded %u",
		     res.responses[res.count - 1].Body.BufferTooSmall
		     .SizeNeeded);
	/* the client resends what came back until everything ran */
	done = res.count - 1;
	for (round = 0; left > 0 && round < 50; round++) {
		ITEST_ASSERT(mapi_emsmdb_rops(e, mem_ctx, r, left, &handle, 1,
					      &o, &res) == MAPI_E_SUCCESS,
			     "resend");
		if (res.responses[res.count - 1].RopId == RopBufferTooSmall) {
			done += res.count - 1;
			left -= res.count - 1;
		} else {
			done += res.count;
			left = 0;
		}
	}
	ITEST_ASSERT(left == 0 && done == n, "%u of %u ROPs ran", done, n);
	return still_serving(e, mem_ctx);
}

static const struct itest tests[] = {
	{ "connect-self", test_connect_self },
	{ "connect-other-refused", test_connect_other },
	{ "old-client-refused", test_old_client },
	{ "aux-in", test_aux_in },
	{ "disconnect-then-reuse", test_disconnect_reuse },
	{ "other-user-handle", test_other_user_handle },
	{ "async-connect", test_async_connect },
	{ "several-rops", test_several_rops },
	{ "compressed-obfuscated", test_compressed_obfuscated },
	{ "packed-request", test_packed_request },
	{ "malformed-framing", test_malformed_framing },
	{ "small-output", test_small_output },
};

int main(int argc, const char **argv)
{
	return itest_main("emsmdb-session", tests, ARRAY_SIZE(tests), argc,
			  argv);
}
