/*
 * Foundation suite: the four Exchange interfaces inside a real Samba AD DC.
 *
 * Registration with the endpoint mapper, sealed NTLM binds, refusal of
 * anonymous, unsealed and wrongly authenticated callers, clean faults for
 * reserved and unknown opnums, malformed requests and unknown context
 * handles, and a server that keeps serving after all of it.
 */
#include "itest.h"

#include <ctype.h>

#include "gen_ndr/ndr_exchange_emsmdb.h"
#include "gen_ndr/ndr_exchange_emsmdb_c.h"
#include "gen_ndr/ndr_exchange_nsp.h"
#include "gen_ndr/ndr_exchange_nsp_c.h"
#include "gen_ndr/ndr_exchange_ds_rfr.h"
#include "gen_ndr/ndr_exchange_ds_rfr_c.h"

static const struct ndr_interface_table *const all_tables[] = {
	&ndr_table_exchange_emsmdb,
	&ndr_table_exchange_async_emsmdb,
	&ndr_table_exchange_nsp,
	&ndr_table_exchange_ds_rfr,
};
#define N_TABLES (sizeof(all_tables) / sizeof(all_tables[0]))

static NTSTATUS connect_as(struct itest_env *env, TALLOC_CTX *mem_ctx,
			   const struct mapi_rpc_params *params,
			   const struct ndr_interface_table *table,
			   struct dcerpc_pipe **p)
{
	return mapi_rpc_connect(mem_ctx, env->rpc, params, table, p);
}

static bool test_epm_registration(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	size_t i;

	for (i = 0; i < N_TABLES; i++) {
		const char *endpoint = NULL;
		NTSTATUS status;

		status = mapi_rpc_map_endpoint(mem_ctx, env->rpc,
					       env->user.server, all_tables[i],
					       &endpoint);
		ITEST_ASSERT(NT_STATUS_IS_OK(status),
			     "%s not mapped: %s", all_tables[i]->name,
			     nt_errstr(status));
		ITEST_ASSERT(endpoint != NULL && atoi(endpoint) > 0,
			     "%s mapped to no TCP port", all_tables[i]->name);
	}
	return true;
}

static bool test_sealed_bind_each(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	size_t i;

	for (i = 0; i < N_TABLES; i++) {
		struct dcerpc_pipe *p;
		NTSTATUS status;

		status = connect_as(env, mem_ctx, &env->user, all_tables[i], &p);
		ITEST_ASSERT(NT_STATUS_IS_OK(status), "sealed bind to %s: %s",
			     all_tables[i]->name, nt_errstr(status));
		talloc_free(p);
	}
	return true;
}

static bool test_ecdummyrpc(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct dcerpc_pipe *p;
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;

	ITEST_OK(connect_as(env, mem_ctx, &env->user,
			    &ndr_table_exchange_emsmdb, &p));
	ITEST_OK(dcerpc_EcDummyRpc(p->binding_handle, mem_ctx, &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "EcDummyRpc returned 0x%08x",
		     result);
	return true;
}

static bool test_ncalrpc_bind(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_rpc_params params = env->user;
	struct dcerpc_pipe *p;
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;

	params.local = true;
	ITEST_OK(connect_as(env, mem_ctx, &params, &ndr_table_exchange_emsmdb,
			    &p));
	ITEST_OK(dcerpc_EcDummyRpc(p->binding_handle, mem_ctx, &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "EcDummyRpc over ncalrpc");
	return true;
}

/* Anonymous callers never reach an operation: either the bind or every
 * call fails. */
static bool test_anonymous_refused(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_rpc_params anon = { .server = env->user.server,
					.anonymous = true, .options = "" };
	const char *options[] = { "", "seal" };
	size_t i, o;

	for (o = 0; o < 2; o++) {
		anon.options = options[o];
		for (i = 0; i < N_TABLES; i++) {
			struct dcerpc_pipe *p;
			uint8_t *out = NULL;
			size_t out_len = 0;
			uint32_t out_flags = 0;
			NTSTATUS status;

			status = connect_as(env, mem_ctx, &anon, all_tables[i], &p);
			if (!NT_STATUS_IS_OK(status)) {
				continue;	/* refused at bind: fine */
			}
			/* Refused before the request is even decoded, so an
			 * empty body on any opnum gets access denied. */
			status = dcerpc_binding_handle_raw_call(p->binding_handle,
					NULL, 6, 0, NULL, 0, mem_ctx, &out,
					&out_len, &out_flags);
			ITEST_ASSERT(NT_STATUS_EQUAL(status, NT_STATUS_ACCESS_DENIED),
				     "anonymous call on %s (options '%s') got %s",
				     all_tables[i]->name, options[o], nt_errstr(status));
			talloc_free(p);
		}
	}
	return true;
}

static bool test_unsealed_refused(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_rpc_params params = env->user;
	const char *options[] = { "sign", "" };
	size_t o;

	for (o = 0; o < 2; o++) {
		struct dcerpc_pipe *p;
		enum MAPISTATUS result;
		NTSTATUS status;

		params.options = options[o];
		status = connect_as(env, mem_ctx, &params,
				    &ndr_table_exchange_emsmdb, &p);
		if (!NT_STATUS_IS_OK(status)) {
			continue;
		}
		status = dcerpc_EcDummyRpc(p->binding_handle, mem_ctx, &result);
		ITEST_NTSTATUS(status, NT_STATUS_ACCESS_DENIED);
		talloc_free(p);
	}
	return true;
}

static bool test_wrong_password(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_rpc_params params = env->user;
	struct dcerpc_pipe *p;

	params.password = "not-the-password";
	ITEST_NTSTATUS(connect_as(env, mem_ctx, &params,
				  &ndr_table_exchange_emsmdb, &p),
		       NT_STATUS_LOGON_FAILURE);
	return true;
}

/* Opnums the spec reserves, and opnums past the end of each interface,
 * fault with nca_op_rng_error. */
static bool test_reserved_opnums(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	static const uint32_t emsmdb_reserved[] = { 0, 2, 3, 5, 7, 8, 9, 12, 13,
						    15, 16, 100, 0xffff };
	struct {
		const struct ndr_interface_table *table;
		uint32_t first_unknown;
	} beyond[] = {
		{ &ndr_table_exchange_async_emsmdb, 1 },
		{ &ndr_table_exchange_nsp, 21 },
		{ &ndr_table_exchange_ds_rfr, 2 },
	};
	struct dcerpc_pipe *p;
	size_t i;

	ITEST_OK(connect_as(env, mem_ctx, &env->user,
			    &ndr_table_exchange_emsmdb, &p));
	for (i = 0; i < ARRAY_SIZE(emsmdb_reserved); i++) {
		uint8_t *out = NULL;
		size_t out_len = 0;
		uint32_t out_flags = 0;

		ITEST_NTSTATUS(dcerpc_binding_handle_raw_call(p->binding_handle,
				NULL, emsmdb_reserved[i], 0, NULL, 0, mem_ctx,
				&out, &out_len, &out_flags),
			       NT_STATUS_RPC_PROCNUM_OUT_OF_RANGE);
	}
	for (i = 0; i < ARRAY_SIZE(beyond); i++) {
		uint8_t *out = NULL;
		size_t out_len = 0;
		uint32_t out_flags = 0;

		ITEST_OK(connect_as(env, mem_ctx, &env->user, beyond[i].table, &p));
		ITEST_NTSTATUS(dcerpc_binding_handle_raw_call(p->binding_handle,
				NULL, beyond[i].first_unknown, 0, NULL, 0,
				mem_ctx, &out, &out_len, &out_flags),
			       NT_STATUS_RPC_PROCNUM_OUT_OF_RANGE);
	}
	return true;
}

/* Garbage stub data on every opnum that takes input: a fault for the
 * call, and the same connection keeps working. */
static bool test_malformed_requests(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	static const uint8_t garbage[] = { 0xff, 0xff, 0xff, 0x7f, 0x01, 0x02 };
	static const uint32_t emsmdb_ops[] = { 1, 4, 10, 11, 14, UINT32_MAX };
	static const uint32_t async_ops[] = { 0, UINT32_MAX };
	static const uint32_t nsp_ops[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
					    12, 13, 14, 15, 16, 17, 18, 19, 20,
					    UINT32_MAX };
	static const uint32_t rfr_ops[] = { 0, 1, UINT32_MAX };
	const uint32_t *ops[] = { emsmdb_ops, async_ops, nsp_ops, rfr_ops };
	size_t i, k;

	for (i = 0; i < N_TABLES; i++) {
		struct dcerpc_pipe *p;
		enum MAPISTATUS result;

		ITEST_OK(connect_as(env, mem_ctx, &env->user, all_tables[i], &p));
		for (k = 0; ops[i][k] != UINT32_MAX; k++) {
			uint8_t *out = NULL;
			size_t out_len = 0;
			uint32_t out_flags = 0;
			NTSTATUS status;

			status = dcerpc_binding_handle_raw_call(p->binding_handle,
					NULL, ops[i][k], 0, garbage,
					sizeof(garbage), mem_ctx, &out,
					&out_len, &out_flags);
			ITEST_ASSERT(NT_STATUS_EQUAL(status, NT_STATUS_RPC_BAD_STUB_DATA) ||
				     NT_STATUS_EQUAL(status, NT_STATUS_RPC_SS_CONTEXT_MISMATCH),
				     "%s opnum %u with garbage: %s",
				     all_tables[i]->name, ops[i][k],
				     nt_errstr(status));
		}
		/* The connection still serves well-formed calls. */
		if (all_tables[i] == &ndr_table_exchange_emsmdb) {
			ITEST_OK(dcerpc_EcDummyRpc(p->binding_handle, mem_ctx,
						   &result));
		}
	}
	return true;
}

static bool test_unknown_session_handle(struct itest_env *env,
					TALLOC_CTX *mem_ctx)
{
	struct dcerpc_pipe *p;
	struct policy_handle h = { .handle_type = 2 };
	uint32_t flags = 0, cb_out = 0x8000, cb_aux = 0, trans = 0;
	uint8_t in[8] = { 0 }, out[0x8000], aux[16];
	enum MAPISTATUS result;
	struct policy_handle async;

	h.uuid = GUID_random();
	ITEST_OK(connect_as(env, mem_ctx, &env->user,
			    &ndr_table_exchange_emsmdb, &p));
	ITEST_NTSTATUS(dcerpc_EcDoRpcExt2(p->binding_handle, mem_ctx, &h,
					  &flags, in, sizeof(in), out, &cb_out,
					  NULL, 0, aux, &cb_aux, &trans, &result),
		       NT_STATUS_RPC_SS_CONTEXT_MISMATCH);
	ITEST_NTSTATUS(dcerpc_EcDoDisconnect(p->binding_handle, mem_ctx, &h,
					     &result),
		       NT_STATUS_RPC_SS_CONTEXT_MISMATCH);
	ITEST_NTSTATUS(dcerpc_EcDoAsyncConnectEx(p->binding_handle, mem_ctx, &h,
						 &async, &result),
		       NT_STATUS_RPC_SS_CONTEXT_MISMATCH);
	/* The all-zero handle is never a session either. */
	memset(&h, 0, sizeof(h));
	ITEST_NTSTATUS(dcerpc_EcDoDisconnect(p->binding_handle, mem_ctx, &h,
					     &result),
		       NT_STATUS_RPC_SS_CONTEXT_MISMATCH);
	return true;
}

/* MS-OXCRPC 3.1.4.1: cbAuxIn may be 0; the caller opens a session on
 * its own mailbox (the full EMSMDB suite is test_emsmdb_session). */
static bool test_connect_no_aux(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct dcerpc_pipe *p;
	struct EcDoConnectEx r = { 0 };
	struct policy_handle handle;
	uint32_t polls, retry, delay, timestamp = 0, cb_aux_out = 0x1008;
	uint16_t icxr;
	const char *dn_prefix = NULL, *display = NULL;
	uint8_t aux_out[0x1008];
	enum MAPISTATUS result;
	const char *dn = talloc_asprintf(mem_ctx,
			 "/o=First Organization/ou=First Administrative Group"
			 "/cn=Recipients/cn=%s", env->user.username);

	ITEST_OK(connect_as(env, mem_ctx, &env->user,
			    &ndr_table_exchange_emsmdb, &p));
	r.in.szUserDN = dn;
	r.in.ulCpid = 1252;
	r.in.ulLcidString = 0x409;
	r.in.ulLcidSort = 0x409;
	r.in.ulIcxrLink = 0xffffffff;
	r.in.usFCanConvertCodePages = 1;
	r.in.rgwClientVersion[0] = 0x000c;
	r.in.rgwClientVersion[1] = 0x183e;
	r.in.rgwClientVersion[2] = 0x03e8;
	r.in.pulTimeStamp = &timestamp;
	r.in.rgbAuxIn = NULL;
	r.in.cbAuxIn = 0;
	r.in.pcbAuxOut = &cb_aux_out;
	r.out.handle = &handle;
	r.out.pcmsPollsMax = &polls;
	r.out.pcRetry = &retry;
	r.out.pcmsRetryDelay = &delay;
	r.out.picxr = &icxr;
	r.out.szDNPrefix = &dn_prefix;
	r.out.szDisplayName = &display;
	r.out.pulTimeStamp = &timestamp;
	r.out.rgbAuxOut = aux_out;
	r.out.pcbAuxOut = &cb_aux_out;
	ITEST_OK(dcerpc_EcDoConnectEx_r(p->binding_handle, mem_ctx, &r));
	ITEST_ASSERT(r.out.result == MAPI_E_SUCCESS,
		     "EcDoConnectEx returned 0x%08x", r.out.result);
	ITEST_ASSERT(!ndr_policy_handle_empty(&handle),
		     "EcDoConnectEx handed out no handle");
	ITEST_OK(dcerpc_EcDoDisconnect(p->binding_handle, mem_ctx, &handle,
				       &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "EcDoDisconnect 0x%08x", result);
	ITEST_ASSERT(ndr_policy_handle_empty(&handle),
		     "EcDoDisconnect left the handle");
	return true;
}

/* MS-OXCRPC 3.3.4.1: an invalid asynchronous context handle completes at
 * once with NotificationPending set. */
static bool test_async_wait_invalid(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct dcerpc_pipe *p;
	struct policy_handle h = { .handle_type = 3 };
	uint32_t flags_out = 0;
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;

	h.uuid = GUID_random();
	ITEST_OK(connect_as(env, mem_ctx, &env->user,
			    &ndr_table_exchange_async_emsmdb, &p));
	ITEST_OK(dcerpc_EcDoAsyncWaitEx(p->binding_handle, mem_ctx, &h, 0,
					&flags_out, &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "result 0x%08x", result);
	ITEST_ASSERT(flags_out & NotificationPending, "flags 0x%08x", flags_out);
	return true;
}

static NTSTATUS nspi_bind(struct dcerpc_pipe *p, TALLOC_CTX *mem_ctx,
			  uint32_t code_page, struct FlatUID_r *guid,
			  struct policy_handle *handle, enum MAPISTATUS *result)
{
	struct STAT stat = { .CodePage = code_page, .TemplateLocale = 0x409,
			     .SortLocale = 0x409 };

	return dcerpc_NspiBind(p->binding_handle, mem_ctx, 0, &stat, guid,
			       handle, result);
}

/* MS-OXNSPI 3.1.4.1.1/3.1.4.1.2: a session per bind, the same server
 * GUID every time, Unicode code page refused, unbind ends the session. */
static bool test_nspi_bind_unbind(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	static const uint8_t zero[16] = { 0 };
	struct dcerpc_pipe *p;
	struct FlatUID_r guid1 = { { 0 } }, guid2 = { { 0 } };
	struct policy_handle h1, h2, none;
	struct STAT stat = { .CodePage = 1252 };
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	int32_t delta = 0;

	ITEST_OK(connect_as(env, mem_ctx, &env->user, &ndr_table_exchange_nsp,
			    &p));
	ITEST_OK(nspi_bind(p, mem_ctx, 1252, &guid1, &h1, &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "NspiBind 0x%08x", result);
	ITEST_ASSERT(!ndr_policy_handle_empty(&h1), "no session handle");
	ITEST_ASSERT(memcmp(guid1.ab, zero, 16) != 0, "no server GUID");
	ITEST_OK(nspi_bind(p, mem_ctx, 1252, &guid2, &h2, &result));
	ITEST_ASSERT(memcmp(guid1.ab, guid2.ab, 16) == 0, "server GUID changed");
	ITEST_ASSERT(memcmp(&h1, &h2, sizeof(h1)) != 0, "same handle twice");

	ITEST_OK(nspi_bind(p, mem_ctx, CP_WINUNICODE, NULL, &none, &result));
	ITEST_ASSERT(result == MAPI_E_UNKNOWN_CPID, "Unicode bind 0x%08x",
		     result);
	ITEST_ASSERT(ndr_policy_handle_empty(&none), "handle on failure");

	/* The session works for directory operations. */
	ITEST_OK(dcerpc_NspiUpdateStat(p->binding_handle, mem_ctx, &h1, 0,
				       &stat, &delta, &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "UpdateStat 0x%08x", result);

	ITEST_OK(dcerpc_NspiUnbind(p->binding_handle, mem_ctx, &h1, 0, &result));
	ITEST_ASSERT(result == MAPI_E_UNBIND_SUCCESS, "Unbind 0x%08x", result);
	ITEST_ASSERT(ndr_policy_handle_empty(&h1), "handle kept after unbind");
	ITEST_OK(dcerpc_NspiUnbind(p->binding_handle, mem_ctx, &h2, 0, &result));
	ITEST_NTSTATUS(dcerpc_NspiUnbind(p->binding_handle, mem_ctx, &h2, 0,
					 &result),
		       NT_STATUS_RPC_SS_CONTEXT_MISMATCH);
	return true;
}

/* A session handle is worth nothing on another user's connection. */
static bool test_nspi_handle_not_shared(struct itest_env *env,
					TALLOC_CTX *mem_ctx)
{
	struct dcerpc_pipe *alice, *bob;
	struct policy_handle h;
	struct STAT stat = { .CodePage = 1252 };
	enum MAPISTATUS result;
	int32_t delta = 0;

	ITEST_OK(connect_as(env, mem_ctx, &env->user, &ndr_table_exchange_nsp,
			    &alice));
	ITEST_OK(connect_as(env, mem_ctx, &env->user2, &ndr_table_exchange_nsp,
			    &bob));
	ITEST_OK(nspi_bind(alice, mem_ctx, 1252, NULL, &h, &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "NspiBind 0x%08x", result);
	ITEST_NTSTATUS(dcerpc_NspiUpdateStat(bob->binding_handle, mem_ctx, &h,
					     0, &stat, &delta, &result),
		       NT_STATUS_RPC_SS_CONTEXT_MISMATCH);
	ITEST_NTSTATUS(dcerpc_NspiUnbind(bob->binding_handle, mem_ctx, &h, 0,
					 &result),
		       NT_STATUS_RPC_SS_CONTEXT_MISMATCH);
	ITEST_OK(dcerpc_NspiUnbind(alice->binding_handle, mem_ctx, &h, 0,
				   &result));
	ITEST_ASSERT(result == MAPI_E_UNBIND_SUCCESS, "Unbind 0x%08x", result);
	return true;
}

static const char *alice_dn =
	"/o=First Organization/ou=First Administrative Group/cn=Recipients/cn=alice";

static NTSTATUS dn_to_mids(struct dcerpc_pipe *p, TALLOC_CTX *mem_ctx,
			   struct policy_handle *h, const char **dns,
			   uint32_t count, struct PropertyTagArray_r **mids,
			   enum MAPISTATUS *result)
{
	struct StringsArray_r names = { .Count = count,
					.Strings = discard_const_p(const char *, dns) };

	return dcerpc_NspiDNToMId(p->binding_handle, mem_ctx, h, 0, &names, mids,
				  result);
}

/* MS-OXNSPI 3.1.4.1.6: a mailbox's legacyExchangeDN maps to the same
 * MId in every session; an unknown DN maps to 0. */
static bool test_nspi_dn_to_mid(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	const char *dns[2] = { alice_dn, "/o=First Organization/cn=nobody" };
	struct PropertyTagArray_r *mids = NULL, *again = NULL;
	struct dcerpc_pipe *p;
	struct policy_handle h1, h2;
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;

	ITEST_OK(connect_as(env, mem_ctx, &env->user, &ndr_table_exchange_nsp, &p));
	ITEST_OK(nspi_bind(p, mem_ctx, 1252, NULL, &h1, &result));
	ITEST_OK(dn_to_mids(p, mem_ctx, &h1, dns, 2, &mids, &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "DNToMId 0x%08x", result);
	ITEST_ASSERT(mids->cValues == 2, "%u MIds", mids->cValues);
	ITEST_ASSERT(mids->aulPropTag[0] >= 0x10, "MId 0x%x", mids->aulPropTag[0]);
	ITEST_ASSERT(mids->aulPropTag[1] == 0, "unknown DN gave 0x%x",
		     mids->aulPropTag[1]);
	ITEST_OK(nspi_bind(p, mem_ctx, 1252, NULL, &h2, &result));
	ITEST_OK(dn_to_mids(p, mem_ctx, &h2, dns, 1, &again, &result));
	ITEST_ASSERT(again->aulPropTag[0] == mids->aulPropTag[0],
		     "MId not stable: 0x%x then 0x%x", mids->aulPropTag[0],
		     again->aulPropTag[0]);
	return true;
}

static const struct PropertyValue_r *find_prop(const struct PropertyRow_r *row,
					       uint32_t tag)
{
	uint32_t i;

	for (i = 0; i < row->cValues; i++) {
		if (row->lpProps[i].ulPropTag == tag) {
			return &row->lpProps[i];
		}
	}
	return NULL;
}

/* MS-OXNSPI 3.1.4.1.7: the properties of a mailbox by its MId. */
static bool test_nspi_get_props(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	static const uint8_t guid_nspi[16] = {
		0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
		0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82 };
	uint32_t tags[] = { 0x3001001F, 0x39FE001E, 0x3003001E, 0x0FFF0102,
			    0x0FFE0003, 0x3A08001E, 0x8006001E };
	struct PropertyTagArray_r req = { .cValues = 7, .aulPropTag = tags };
	const char *dns[1] = { alice_dn };
	struct PropertyTagArray_r *mids = NULL;
	struct PropertyRow_r *row = NULL;
	const struct PropertyValue_r *v;
	struct STAT stat = { .CodePage = 1252 };
	struct dcerpc_pipe *p;
	struct policy_handle h;
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	char *smtp = talloc_asprintf(mem_ctx, "alice@%s", getenv("REALM"));
	char *q;

	for (q = smtp; *q != '\0'; q++) {
		*q = tolower((unsigned char)*q);
	}
	ITEST_OK(connect_as(env, mem_ctx, &env->user, &ndr_table_exchange_nsp, &p));
	ITEST_OK(nspi_bind(p, mem_ctx, 1252, NULL, &h, &result));
	ITEST_OK(dn_to_mids(p, mem_ctx, &h, dns, 1, &mids, &result));
	stat.CurrentRec = mids->aulPropTag[0];
	ITEST_OK(dcerpc_NspiGetProps(p->binding_handle, mem_ctx, &h, 0, &stat,
				     &req, &row, &result));
	ITEST_ASSERT(result == MAPI_W_ERRORS_RETURNED, "GetProps 0x%08x", result);
	ITEST_ASSERT(row != NULL && row->cValues == 7, "row");
	v = find_prop(row, 0x8006001E);
	ITEST_ASSERT(v && strcmp(v->Value.lpszA,
				 "/o=First Organization/ou=First Administrative Group"
				 "/cn=Configuration/cn=Servers/cn=MAPIDC"
				 "/cn=Microsoft Private MDB") == 0,
		     "home MDB '%s'", v ? v->Value.lpszA : "(none)");
	v = find_prop(row, 0x3001001F);
	ITEST_ASSERT(v && strcmp(v->Value.lpszW, "Alice Tester") == 0,
		     "display name");
	v = find_prop(row, 0x39FE001E);
	ITEST_ASSERT(v && strcmp(v->Value.lpszA, smtp) == 0, "SMTP address");
	v = find_prop(row, 0x3003001E);
	ITEST_ASSERT(v && strcmp(v->Value.lpszA, alice_dn) == 0, "email address");
	v = find_prop(row, 0x0FFF0102);
	ITEST_ASSERT(v && v->Value.bin.cb > 28 && v->Value.bin.lpb[0] == 0 &&
		     memcmp(v->Value.bin.lpb + 4, guid_nspi, 16) == 0,
		     "permanent entry ID");
	v = find_prop(row, 0x0FFE0003);
	ITEST_ASSERT(v && v->Value.l == 6, "object type");
	v = find_prop(row, 0x3A08000A);
	ITEST_ASSERT(v && v->Value.err == MAPI_E_NOT_FOUND, "missing property");

	stat.CurrentRec = 0x7fffff00;
	ITEST_OK(dcerpc_NspiGetProps(p->binding_handle, mem_ctx, &h, 0, &stat,
				     &req, &row, &result));
	/* MS-OXNSPI 3.1.4.1.7: an object that does not exist has no
	 * values: a row of errors, ErrorsReturned */
	ITEST_ASSERT(result == MAPI_W_ERRORS_RETURNED && row != NULL &&
		     row->cValues == req.cValues &&
		     (row->lpProps[0].ulPropTag & 0xFFFF) == PT_ERROR,
		     "unknown MId 0x%08x", result);
	return true;
}

static bool has_tag(const struct PropertyTagArray_r *a, uint32_t tag)
{
	uint32_t i;

	for (i = 0; a != NULL && i < a->cValues; i++) {
		if (a->aulPropTag[i] == tag) {
			return true;
		}
	}
	return false;
}

/* NspiQueryColumns and NspiGetPropList: string types follow the flag or
 * code page; an unknown MId gives no list. */
static bool test_nspi_prop_lists(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	const char *dns[1] = { alice_dn };
	struct PropertyTagArray_r *mids = NULL, *cols = NULL, *list = NULL;
	struct dcerpc_pipe *p;
	struct policy_handle h;
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;

	ITEST_OK(connect_as(env, mem_ctx, &env->user, &ndr_table_exchange_nsp, &p));
	ITEST_OK(nspi_bind(p, mem_ctx, 1252, NULL, &h, &result));
	ITEST_OK(dcerpc_NspiQueryColumns(p->binding_handle, mem_ctx, &h, 0, 0,
					 &cols, &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS && has_tag(cols, 0x3001001E) &&
		     has_tag(cols, 0x0FFF0102), "QueryColumns string8");
	ITEST_OK(dcerpc_NspiQueryColumns(p->binding_handle, mem_ctx, &h, 0,
					 NspiUnicodeProptypes, &cols, &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS && has_tag(cols, 0x3001001F),
		     "QueryColumns Unicode");

	ITEST_OK(dn_to_mids(p, mem_ctx, &h, dns, 1, &mids, &result));
	ITEST_OK(dcerpc_NspiGetPropList(p->binding_handle, mem_ctx, &h, 0,
					mids->aulPropTag[0], 1252, &list,
					&result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS && has_tag(list, 0x39FE001E) &&
		     has_tag(list, 0x3003001E), "GetPropList");
	ITEST_OK(dcerpc_NspiGetPropList(p->binding_handle, mem_ctx, &h, 0,
					mids->aulPropTag[0], CP_WINUNICODE,
					&list, &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS && has_tag(list, 0x3001001F),
		     "GetPropList Unicode");
	ITEST_OK(dcerpc_NspiGetPropList(p->binding_handle, mem_ctx, &h, 0,
					0x7fffff00, 1252, &list, &result));
	ITEST_ASSERT(result == MAPI_E_NOT_FOUND && list == NULL,
		     "unknown MId 0x%08x", result);
	return true;
}

static const char *row_name(const struct PropertyRow_r *row)
{
	return row->cValues > 0 && row->lpProps[0].ulPropTag == 0x3001001E ?
	       row->lpProps[0].Value.lpszA : "(error)";
}

/* MS-OXNSPI 3.1.4.1.8 and 3.1.4.5: the GAL sorted by display name, read
 * page by page; the STAT follows the reads.  The GAL starts with alice,
 * bob and carol; other recipients of the test server (a group, a contact)
 * sort after them. */
static bool test_nspi_gal_query_rows(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	uint32_t tags[] = { 0x3001001E, 0x39FE001E };
	struct PropertyTagArray_r cols = { .cValues = 2, .aulPropTag = tags };
	struct STAT stat = { .CodePage = 1252, .CurrentRec = MID_BEGINNING_OF_TABLE };
	struct PropertyRowSet_r *rows = NULL;
	struct dcerpc_pipe *p;
	struct policy_handle h;
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	uint32_t bob_mid, total;

	ITEST_OK(connect_as(env, mem_ctx, &env->user, &ndr_table_exchange_nsp, &p));
	ITEST_OK(nspi_bind(p, mem_ctx, 1252, NULL, &h, &result));
	ITEST_OK(dcerpc_NspiQueryRows(p->binding_handle, mem_ctx, &h, 0, &stat,
				      0, NULL, 2, &cols, &rows, &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "QueryRows 0x%08x", result);
	ITEST_ASSERT(rows->cRows == 2, "%u rows", rows->cRows);
	ITEST_ASSERT(strcmp(row_name(&rows->aRow[0]), "Alice Tester") == 0 &&
		     strcmp(row_name(&rows->aRow[1]), "Bob Tester") == 0,
		     "order: %s, %s", row_name(&rows->aRow[0]),
		     row_name(&rows->aRow[1]));
	total = stat.TotalRecs;
	ITEST_ASSERT(stat.NumPos == 2 && total >= 3 && total < 100 &&
		     stat.Delta == 0 &&
		     stat.CurrentRec >= 0x10, "STAT after page 1: %u/%u cur 0x%x",
		     stat.NumPos, stat.TotalRecs, stat.CurrentRec);
	ITEST_OK(dcerpc_NspiQueryRows(p->binding_handle, mem_ctx, &h, 0, &stat,
				      0, NULL, 100, &cols, &rows, &result));
	ITEST_ASSERT(rows->cRows == total - 2 &&
		     strcmp(row_name(&rows->aRow[0]), "Carol Tester") == 0,
		     "page 2");
	ITEST_ASSERT(stat.CurrentRec == MID_END_OF_TABLE &&
		     stat.NumPos == total,
		     "STAT at the end: cur 0x%x pos %u", stat.CurrentRec,
		     stat.NumPos);

	/* UpdateStat: back from the end to Bob; plDelta reports it. */
	{
		int32_t delta = 99;

		stat.Delta = 1 - (int32_t)total;
		ITEST_OK(dcerpc_NspiUpdateStat(p->binding_handle, mem_ctx, &h, 0,
					       &stat, &delta, &result));
		ITEST_ASSERT(result == MAPI_E_SUCCESS &&
			     delta == 1 - (int32_t)total &&
			     stat.NumPos == 1, "UpdateStat: delta %d pos %u",
			     delta, stat.NumPos);
		bob_mid = stat.CurrentRec;
	}
	/* Fractional positioning: position 2 of a client's view twice the
	 * GAL's size is row 1 (Bob). */
	stat.CurrentRec = MID_CURRENT;
	stat.NumPos = 2;
	stat.TotalRecs = 2 * total;
	ITEST_OK(dcerpc_NspiUpdateStat(p->binding_handle, mem_ctx, &h, 0, &stat,
				       NULL, &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS && stat.NumPos == 1 &&
		     stat.CurrentRec == bob_mid, "fractional: pos %u",
		     stat.NumPos);
	/* An explicit table: rows for the MIds given, unknown ones as errors. */
	{
		uint32_t etable[2] = { bob_mid, 0x7fffff00 };

		ITEST_OK(dcerpc_NspiQueryRows(p->binding_handle, mem_ctx, &h, 0,
					      &stat, 2, etable, 2, &cols, &rows,
					      &result));
		ITEST_ASSERT(result == MAPI_E_SUCCESS && rows->cRows == 2 &&
			     strcmp(row_name(&rows->aRow[0]), "Bob Tester") == 0 &&
			     rows->aRow[1].lpProps[0].ulPropTag == 0x3001000A,
			     "explicit table");
	}
	/* CompareMIds: Alice sorts before Bob, Bob equals Bob. */
	{
		const char *dns[1] = { alice_dn };
		struct PropertyTagArray_r *mids = NULL;
		int32_t cmp = 0;

		ITEST_OK(dn_to_mids(p, mem_ctx, &h, dns, 1, &mids, &result));
		ITEST_OK(dcerpc_NspiCompareMIds(p->binding_handle, mem_ctx, &h, 0,
						&stat, mids->aulPropTag[0],
						bob_mid, &cmp, &result));
		ITEST_ASSERT(result == MAPI_E_SUCCESS && cmp < 0,
			     "CompareMIds alice/bob: %d", cmp);
		ITEST_OK(dcerpc_NspiCompareMIds(p->binding_handle, mem_ctx, &h, 0,
						&stat, bob_mid, bob_mid, &cmp,
						&result));
		ITEST_ASSERT(result == MAPI_E_SUCCESS && cmp == 0, "equal");
		ITEST_OK(dcerpc_NspiCompareMIds(p->binding_handle, mem_ctx, &h, 0,
						&stat, bob_mid, 0x7fffff00, &cmp,
						&result));
		ITEST_ASSERT(result == MAPI_E_NOT_FOUND, "unknown MId 0x%08x",
			     result);
	}
	/* Bad STATs */
	stat.CurrentRec = 0x7fffff00;
	ITEST_OK(dcerpc_NspiQueryRows(p->binding_handle, mem_ctx, &h, 0, &stat,
				      0, NULL, 1, &cols, &rows, &result));
	ITEST_ASSERT(result == MAPI_E_NOT_FOUND, "unknown CurrentRec 0x%08x",
		     result);
	stat.CurrentRec = MID_BEGINNING_OF_TABLE;
	stat.CodePage = CP_WINUNICODE;
	ITEST_OK(dcerpc_NspiUpdateStat(p->binding_handle, mem_ctx, &h, 0, &stat,
				       NULL, &result));
	ITEST_ASSERT(result == MAPI_E_UNKNOWN_CPID, "Unicode STAT 0x%08x", result);
	stat.CodePage = 1252;
	stat.ContainerID = 0x12345;
	ITEST_OK(dcerpc_NspiQueryRows(p->binding_handle, mem_ctx, &h, 0, &stat,
				      0, NULL, 1, &cols, &rows, &result));
	ITEST_ASSERT(result == MAPI_E_INVALID_BOOKMARK, "unknown container 0x%08x",
		     result);
	return true;
}

/* MS-OXNSPI 3.1.4.7: exact and prefix matches, "SMTP:" addresses,
 * unresolved names; rows only for resolved names. */
static bool test_nspi_resolve_names(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	uint32_t tags[] = { 0x3001001F };
	struct PropertyTagArray_r cols = { .cValues = 1, .aulPropTag = tags };
	struct STAT stat = { .CodePage = 1252 };
	char *smtp = talloc_asprintf(mem_ctx, "SMTP:bob@%s", getenv("REALM"));
	const char *names[4] = { "alice", smtp, "Car", "nobody-at-all" };
	struct WStringsArray_r wstr = { .Count = 4, .Strings = names };
	struct StringsArray_r str = { .Count = 4, .Strings = names };
	struct PropertyTagArray_r *mids = NULL;
	struct PropertyRowSet_r *rows = NULL;
	struct dcerpc_pipe *p;
	struct policy_handle h;
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	int pass;

	ITEST_OK(connect_as(env, mem_ctx, &env->user, &ndr_table_exchange_nsp, &p));
	ITEST_OK(nspi_bind(p, mem_ctx, 1252, NULL, &h, &result));
	for (pass = 0; pass < 2; pass++) {
		if (pass == 0) {
			ITEST_OK(dcerpc_NspiResolveNamesW(p->binding_handle,
					mem_ctx, &h, 0, &stat, &cols, &wstr,
					&mids, &rows, &result));
		} else {
			ITEST_OK(dcerpc_NspiResolveNames(p->binding_handle,
					mem_ctx, &h, 0, &stat, &cols, &str,
					&mids, &rows, &result));
		}
		ITEST_ASSERT(result == MAPI_E_SUCCESS, "resolve 0x%08x", result);
		ITEST_ASSERT(mids->cValues == 4 && mids->aulPropTag[0] >= 0x10 &&
			     mids->aulPropTag[1] >= 0x10 &&
			     mids->aulPropTag[2] >= 0x10 &&
			     mids->aulPropTag[3] == MID_UNRESOLVED,
			     "MIds %x %x %x %x", mids->aulPropTag[0],
			     mids->aulPropTag[1], mids->aulPropTag[2],
			     mids->aulPropTag[3]);
		ITEST_ASSERT(rows != NULL && rows->cRows == 3 &&
			     strcmp(rows->aRow[0].lpProps[0].Value.lpszW,
				    "Alice Tester") == 0 &&
			     strcmp(rows->aRow[1].lpProps[0].Value.lpszW,
				    "Bob Tester") == 0 &&
			     strcmp(rows->aRow[2].lpProps[0].Value.lpszW,
				    "Carol Tester") == 0, "resolved rows");
	}
	return true;
}

/* MS-OXABREF: this server is the NSPI server, and its own server DN maps
 * to its FQDN; another server's DN is not found. */
static bool test_rfr_referrals(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct dcerpc_pipe *p;
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	const char *server = NULL, *fqdn = NULL;
	const char *ours = "/o=First Organization/ou=First Administrative Group"
			   "/cn=Configuration/cn=Servers/cn=MAPIDC"
			   "/cn=Microsoft Private MDB";
	const char *other = "/o=First Organization/ou=First Administrative Group"
			    "/cn=Configuration/cn=Servers/cn=ELSEWHERE";
	const char *user_dn = "/o=First Organization/ou=First Administrative Group"
			      "/cn=Recipients/cn=alice";
	char *expected = talloc_asprintf(mem_ctx, "mapidc.%s", getenv("REALM"));
	char *q;

	for (q = expected; *q != '\0'; q++) {
		*q = tolower((unsigned char)*q);
	}
	ITEST_OK(connect_as(env, mem_ctx, &env->user, &ndr_table_exchange_ds_rfr,
			    &p));
	ITEST_OK(dcerpc_RfrGetNewDSA(p->binding_handle, mem_ctx, 0, user_dn,
				     NULL, &server, &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "RfrGetNewDSA 0x%08x", result);
	ITEST_ASSERT(server != NULL && strcmp(server, expected) == 0,
		     "RfrGetNewDSA gave '%s', expected '%s'",
		     server ? server : "(null)", expected);
	ITEST_OK(dcerpc_RfrGetFQDNFromServerDN(p->binding_handle, mem_ctx, 0,
					       strlen(ours) + 1, ours, &fqdn,
					       &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "own DN 0x%08x", result);
	ITEST_ASSERT(fqdn != NULL && strcmp(fqdn, expected) == 0,
		     "FQDN '%s'", fqdn ? fqdn : "(null)");
	ITEST_OK(dcerpc_RfrGetFQDNFromServerDN(p->binding_handle, mem_ctx, 0,
					       strlen(other) + 1, other, &fqdn,
					       &result));
	ITEST_ASSERT(result == MAPI_E_NOT_FOUND, "other DN 0x%08x", result);
	return true;
}

static bool test_many_connections(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	int i;

	for (i = 0; i < 50; i++) {
		TALLOC_CTX *tmp = talloc_new(mem_ctx);
		struct dcerpc_pipe *p;
		enum MAPISTATUS result;

		ITEST_OK(connect_as(env, tmp, (i % 2) ? &env->user : &env->user2,
				    &ndr_table_exchange_emsmdb, &p));
		ITEST_OK(dcerpc_EcDummyRpc(p->binding_handle, tmp, &result));
		talloc_free(tmp);
	}
	return true;
}

static const struct itest tests[] = {
	{ "epm-registration", test_epm_registration },
	{ "sealed-bind-each-interface", test_sealed_bind_each },
	{ "ecdummyrpc", test_ecdummyrpc },
	{ "ncalrpc-bind", test_ncalrpc_bind },
	{ "anonymous-refused", test_anonymous_refused },
	{ "unsealed-refused", test_unsealed_refused },
	{ "wrong-password", test_wrong_password },
	{ "reserved-opnums-fault", test_reserved_opnums },
	{ "malformed-requests-fault", test_malformed_requests },
	{ "unknown-session-handle", test_unknown_session_handle },
	{ "connect-cbauxin-zero", test_connect_no_aux },
	{ "async-wait-invalid-handle", test_async_wait_invalid },
	{ "nspi-bind-unbind", test_nspi_bind_unbind },
	{ "nspi-handle-not-shared", test_nspi_handle_not_shared },
	{ "nspi-dn-to-mid", test_nspi_dn_to_mid },
	{ "nspi-get-props", test_nspi_get_props },
	{ "nspi-prop-lists", test_nspi_prop_lists },
	{ "nspi-gal-query-rows", test_nspi_gal_query_rows },
	{ "nspi-resolve-names", test_nspi_resolve_names },
	{ "rfr-referrals", test_rfr_referrals },
	{ "fifty-connections", test_many_connections },
};

int main(int argc, const char **argv)
{
	return itest_main("rpc-foundation", tests, ARRAY_SIZE(tests), argc, argv);
}
