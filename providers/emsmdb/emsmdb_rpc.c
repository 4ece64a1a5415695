/*
 * EMSMDB and AsyncEMSMDB RPC entry points (MS-OXCRPC 3.1.4, 3.3.4).
 *
 * Each operation checks its context handle and hands over to the part of
 * the provider that implements it.  The pidl-generated server glue is
 * included at the end of this file: it calls the dcesrv_* functions below.
 */
#include "emsmdb.h"

#include <util/debug.h>
#include <gen_ndr/ndr_exchange_emsmdb.h>

/* Reserved opnums (MS-OXCRPC 3.1.4): not used on the wire. */
#define RESERVED_OPNUM(name) \
	static void dcesrv_##name(struct dcesrv_call_state *dce_call, \
				  TALLOC_CTX *mem_ctx, struct name *r) \
	{ \
		DCESRV_FAULT_VOID(DCERPC_FAULT_OP_RNG_ERROR); \
	}

RESERVED_OPNUM(EcOpnum0Reserved)
RESERVED_OPNUM(EcOpnum2Reserved)
RESERVED_OPNUM(EcOpnum3Reserved)
RESERVED_OPNUM(EcOpnum5Reserved)
RESERVED_OPNUM(EcOpnum7Reserved)
RESERVED_OPNUM(EcOpnum8Reserved)
RESERVED_OPNUM(EcOpnum9Reserved)
RESERVED_OPNUM(EcOpnum12Reserved)
RESERVED_OPNUM(EcOpnum13Reserved)

/*
 * A context handle the RPC server does not know: the RPC runtime answers
 * with nca_s_fault_context_mismatch before the method runs on Exchange.
 */
#define REQUIRE_SESSION(session, wire) do { \
	(session) = emsmdb_session_find(dce_call, (wire)); \
	if ((session) == NULL) { \
		DCESRV_FAULT(DCERPC_FAULT_CONTEXT_MISMATCH); \
	} \
} while (0)

/* MS-OXCRPC 3.1.4.3 */
static enum MAPISTATUS dcesrv_EcDoDisconnect(struct dcesrv_call_state *dce_call,
					     TALLOC_CTX *mem_ctx,
					     struct EcDoDisconnect *r)
{
	struct emsmdb_session *session;

	REQUIRE_SESSION(session, r->in.handle);
	emsmdb_session_close(dce_call, r->out.handle);
	return MAPI_E_SUCCESS;
}

/* MS-OXCRPC 3.1.4.5 (emsmdb_push.c) */
static enum MAPISTATUS dcesrv_EcRRegisterPushNotification(
	struct dcesrv_call_state *dce_call, TALLOC_CTX *mem_ctx,
	struct EcRRegisterPushNotification *r)
{
	struct emsmdb_session *session;

	REQUIRE_SESSION(session, r->in.handle);
	return emsmdb_push_register(session, dce_call, r);
}

/* MS-OXCRPC 3.1.4.6: a no-op that tells the client the server is alive. */
static enum MAPISTATUS dcesrv_EcDummyRpc(struct dcesrv_call_state *dce_call,
					 TALLOC_CTX *mem_ctx,
					 struct EcDummyRpc *r)
{
	return MAPI_E_SUCCESS;
}

/*
 * Buffer sizes MS-OXCRPC 3.1.4.1 and 3.1.4.2 bound: out of range is the
 * RPC status RPC_X_BAD_STUB_DATA (0x6F7), not a MAPI error.
 */
#define EMSMDB_MIN_CB_IN	0x00000008
#define EMSMDB_MAX_CB_IN	0x00040000
#define EMSMDB_MIN_CB_OUT	0x00008008
#define EMSMDB_MAX_CB_AUX	0x00001008

/* MS-OXCRPC 3.1.4.1 */
static enum MAPISTATUS dcesrv_EcDoConnectEx(struct dcesrv_call_state *dce_call,
					    TALLOC_CTX *mem_ctx,
					    struct EcDoConnectEx *r)
{
	if (r->in.cbAuxIn > EMSMDB_MAX_CB_AUX) {
		DCESRV_FAULT(DCERPC_FAULT_BAD_STUB_DATA);
	}
	return emsmdb_connect(dce_call, mem_ctx, r);
}

/* MS-OXCRPC 3.1.4.2 */
static enum MAPISTATUS dcesrv_EcDoRpcExt2(struct dcesrv_call_state *dce_call,
					  TALLOC_CTX *mem_ctx,
					  struct EcDoRpcExt2 *r)
{
	struct emsmdb_session *session;

	REQUIRE_SESSION(session, r->in.handle);
	if (r->in.cbIn < EMSMDB_MIN_CB_IN || r->in.cbIn > EMSMDB_MAX_CB_IN ||
	    *r->in.pcbOut < EMSMDB_MIN_CB_OUT ||
	    r->in.cbAuxIn > EMSMDB_MAX_CB_AUX) {
		DCESRV_FAULT(DCERPC_FAULT_BAD_STUB_DATA);
	}
	return emsmdb_rpc_ext2(session, dce_call, mem_ctx, r);
}

/* MS-OXCRPC 3.1.4.4 */
static enum MAPISTATUS dcesrv_EcDoAsyncConnectEx(
	struct dcesrv_call_state *dce_call, TALLOC_CTX *mem_ctx,
	struct EcDoAsyncConnectEx *r)
{
	struct emsmdb_session *session;

	REQUIRE_SESSION(session, r->in.handle);
	return emsmdb_async_connect(session, dce_call, mem_ctx, r);
}

/* MS-OXCRPC 3.3.4.1 (emsmdb_async.c): completes later, asynchronously */
static enum MAPISTATUS dcesrv_EcDoAsyncWaitEx(struct dcesrv_call_state *dce_call,
					      TALLOC_CTX *mem_ctx,
					      struct EcDoAsyncWaitEx *r)
{
	return emsmdb_async_wait(dce_call, mem_ctx, r);
}

static NTSTATUS emsmdb_bind(struct dcesrv_connection_context *context,
			    const struct dcesrv_interface *iface)
{
	return mpx_bind_policy(context, iface);
}

#define DCESRV_INTERFACE_EXCHANGE_EMSMDB_BIND emsmdb_bind
#define DCESRV_INTERFACE_EXCHANGE_ASYNC_EMSMDB_BIND emsmdb_bind

#include <gen_ndr/ndr_exchange_emsmdb_s.c>

static NTSTATUS emsmdb_ndr_pull(struct dcesrv_call_state *dce_call,
				TALLOC_CTX *mem_ctx, struct ndr_pull *pull,
				void **r)
{
	return mpx_ndr_pull_checked(dce_call, mem_ctx, pull, r,
				    exchange_emsmdb__op_ndr_pull);
}

static NTSTATUS async_emsmdb_ndr_pull(struct dcesrv_call_state *dce_call,
				      TALLOC_CTX *mem_ctx,
				      struct ndr_pull *pull, void **r)
{
	return mpx_ndr_pull_checked(dce_call, mem_ctx, pull, r,
				    exchange_async_emsmdb__op_ndr_pull);
}

void emsmdb_fill_interface(struct dcesrv_interface *iface)
{
	*iface = dcesrv_exchange_emsmdb_interface;
	iface->ndr_pull = emsmdb_ndr_pull;
}

void async_emsmdb_fill_interface(struct dcesrv_interface *iface)
{
	*iface = dcesrv_exchange_async_emsmdb_interface;
	iface->ndr_pull = async_emsmdb_ndr_pull;
}
