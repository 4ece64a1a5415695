/*
 * EcDoConnectEx, EcDoRpcExt2 and the asynchronous connection
 * (MS-OXCRPC 3.1.4.1, 3.1.4.2, 3.1.4.4, 3.3.4.1).
 *
 * Session establishment needs the mailbox directory and the message store,
 * which are not part of this release: EcDoConnectEx answers
 * MAPI_E_NO_SUPPORT and creates no session, so no other operation can
 * reach a session either.
 */
#include "emsmdb.h"

#include <util/debug.h>
#include <string.h>

enum MAPISTATUS emsmdb_connect(struct dcesrv_call_state *dce_call,
			       TALLOC_CTX *mem_ctx, struct EcDoConnectEx *r)
{
	DBG_NOTICE("EcDoConnectEx from %s for '%s': not supported yet\n",
		   dcesrv_call_account_name(dce_call),
		   r->in.szUserDN);
	/* On failure the handle is NULL (MS-OXCRPC 3.1.4.1, pcxh). */
	memset(r->out.handle, 0, sizeof(*r->out.handle));
	*r->out.pcmsPollsMax = 0;
	*r->out.pcRetry = 0;
	*r->out.pcmsRetryDelay = 0;
	*r->out.picxr = 0;
	*r->out.szDNPrefix = NULL;
	*r->out.szDisplayName = NULL;
	*r->out.pcbAuxOut = 0;
	return MAPI_E_NO_SUPPORT;
}

enum MAPISTATUS emsmdb_rpc_ext2(struct emsmdb_session *session,
				struct dcesrv_call_state *dce_call,
				TALLOC_CTX *mem_ctx, struct EcDoRpcExt2 *r)
{
	*r->out.pcbOut = 0;
	*r->out.pcbAuxOut = 0;
	*r->out.pulTransTime = 0;
	return MAPI_E_NO_SUPPORT;
}

enum MAPISTATUS emsmdb_async_connect(struct emsmdb_session *session,
				     struct dcesrv_call_state *dce_call,
				     TALLOC_CTX *mem_ctx,
				     struct EcDoAsyncConnectEx *r)
{
	memset(r->out.async_handle, 0, sizeof(*r->out.async_handle));
	return MAPI_E_NO_SUPPORT;
}

enum MAPISTATUS emsmdb_async_wait(struct dcesrv_call_state *dce_call,
				  TALLOC_CTX *mem_ctx,
				  struct EcDoAsyncWaitEx *r)
{
	/* No asynchronous context handle can exist yet: every one is
	 * invalid, which MS-OXCRPC 3.3.4.1 answers this way. */
	*r->out.pulFlagsOut = NotificationPending;
	return MAPI_E_SUCCESS;
}
