/*
 * mapitest suite "emsmdb": the message store connection (MS-OXCRPC).
 *
 * EcDoConnectEx is called through the generated client directly until
 * libmapi has a store session API.  A server that answers
 * MAPI_E_NO_SUPPORT does not implement it yet: reported as such.
 */
#include <string.h>
#include <dcerpc.h>
#include <ndr.h>

#include "mapitest.h"
#include "gen_ndr/ndr_exchange_emsmdb.h"
#include "gen_ndr/ndr_exchange_emsmdb_c.h"

/* Client version Outlook sends (MS-OXCRPC 3.1.4.11: rgwClientVersion). */
static const uint16_t client_version[3] = { 0x000c, 0x183e, 0x03e8 };

struct connect_out {
	struct policy_handle handle;
	uint32_t polls, retry, delay, timestamp, cb_aux_out;
	uint16_t icxr;
	const char *dn_prefix, *display_name;
	uint8_t aux_out[0x1008];
};

static NTSTATUS do_connect(struct dcerpc_pipe *p, TALLOC_CTX *mem_ctx,
			   const char *user_dn, struct connect_out *o,
			   enum MAPISTATUS *result)
{
	struct EcDoConnectEx r = { 0 };
	NTSTATUS status;

	o->cb_aux_out = sizeof(o->aux_out);
	r.in.szUserDN = user_dn;
	r.in.ulCpid = 1252;
	r.in.ulLcidString = 0x409;
	r.in.ulLcidSort = 0x409;
	r.in.ulIcxrLink = 0xffffffff;
	r.in.usFCanConvertCodePages = 1;
	memcpy(r.in.rgwClientVersion, client_version, sizeof(client_version));
	r.in.pulTimeStamp = &o->timestamp;
	r.in.pcbAuxOut = &o->cb_aux_out;
	r.out.handle = &o->handle;
	r.out.pcmsPollsMax = &o->polls;
	r.out.pcRetry = &o->retry;
	r.out.pcmsRetryDelay = &o->delay;
	r.out.picxr = &o->icxr;
	r.out.szDNPrefix = &o->dn_prefix;
	r.out.szDisplayName = &o->display_name;
	r.out.pulTimeStamp = &o->timestamp;
	r.out.rgbAuxOut = o->aux_out;
	r.out.pcbAuxOut = &o->cb_aux_out;
	status = dcerpc_EcDoConnectEx_r(p->binding_handle, mem_ctx, &r);
	*result = r.out.result;
	return status;
}

/* MS-OXCRPC 3.1.4.11: a session for one's own mailbox, then
 * EcDoDisconnect (3.1.4.1) ends it. */
static enum mapitest_result test_connect(struct mapitest *mt,
					 TALLOC_CTX *mem_ctx)
{
	struct connect_out *o = talloc_zero(mem_ctx, struct connect_out);
	struct dcerpc_pipe *p = NULL;
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	NTSTATUS status;

	MT_ASSERT(mt, o != NULL, "out of memory");
	status = mapi_rpc_connect(mem_ctx, mt->rpc, &mt->params,
				  &ndr_table_exchange_emsmdb, &p);
	MT_ASSERT(mt, NT_STATUS_IS_OK(status), "EMSMDB connection: %s",
		  nt_errstr(status));
	status = do_connect(p, mem_ctx, mt->self->user_dn, o, &result);
	MT_ASSERT(mt, NT_STATUS_IS_OK(status), "EcDoConnectEx: %s",
		  nt_errstr(status));
	if (result == MAPI_E_NO_SUPPORT) {
		MT_ASSERT(mt, ndr_policy_handle_empty(&o->handle),
			  "a session handle with MAPI_E_NO_SUPPORT");
		return mapitest_not_implemented(mt, "EcDoConnectEx answers "
						"MAPI_E_NO_SUPPORT");
	}
	MT_ASSERT(mt, result == MAPI_E_SUCCESS, "EcDoConnectEx: %s (0x%08x)",
		  mapi_status_string(result), (unsigned int)result);
	MT_ASSERT(mt, !ndr_policy_handle_empty(&o->handle),
		  "no session handle");
	status = dcerpc_EcDoDisconnect(p->binding_handle, mem_ctx, &o->handle,
				       &result);
	MT_ASSERT(mt, NT_STATUS_IS_OK(status) && result == MAPI_E_SUCCESS,
		  "EcDoDisconnect: %s, %s", nt_errstr(status),
		  mapi_status_string(result));
	MT_ASSERT(mt, ndr_policy_handle_empty(&o->handle),
		  "EcDoDisconnect left the handle set");
	return MAPITEST_PASS;
}

static const struct mapitest_test emsmdb_tests[] = {
	{ "connect", "EcDoConnectEx to one's own mailbox, EcDoDisconnect",
	  test_connect },
};

const struct mapitest_suite mapitest_suite_emsmdb = {
	.name = "emsmdb",
	.description = "message store connection (MS-OXCRPC)",
	.tests = emsmdb_tests,
	.count = ARRAY_SIZE(emsmdb_tests),
};
