/*
 * Address book referral RPC entry points (MS-OXABREF 3.1.4).
 *
 * Referrals need the organisation's server objects, which come with the
 * address book directory; until then both operations answer
 * MAPI_E_NO_SUPPORT.  The pidl-generated server glue is included at the
 * end of this file.
 */
#include "emsabp.h"

#include <util/debug.h>
#include <gen_ndr/ndr_exchange_ds_rfr.h>

/* MS-OXABREF 3.1.4.1 */
static enum MAPISTATUS dcesrv_RfrGetNewDSA(struct dcesrv_call_state *dce_call,
					   TALLOC_CTX *mem_ctx,
					   struct RfrGetNewDSA *r)
{
	return MAPI_E_NO_SUPPORT;
}

/* MS-OXABREF 3.1.4.2 */
static enum MAPISTATUS dcesrv_RfrGetFQDNFromServerDN(
	struct dcesrv_call_state *dce_call, TALLOC_CTX *mem_ctx,
	struct RfrGetFQDNFromServerDN *r)
{
	*r->out.ppszServerFQDN = NULL;
	return MAPI_E_NO_SUPPORT;
}

static NTSTATUS rfr_bind(struct dcesrv_connection_context *context,
			 const struct dcesrv_interface *iface)
{
	return mpx_bind_policy(context, iface);
}

#define DCESRV_INTERFACE_EXCHANGE_DS_RFR_BIND rfr_bind

#include <gen_ndr/ndr_exchange_ds_rfr_s.c>

static NTSTATUS rfr_ndr_pull(struct dcesrv_call_state *dce_call,
			     TALLOC_CTX *mem_ctx, struct ndr_pull *pull,
			     void **r)
{
	return mpx_ndr_pull_checked(dce_call, mem_ctx, pull, r,
				    exchange_ds_rfr__op_ndr_pull);
}

void rfr_fill_interface(struct dcesrv_interface *iface)
{
	*iface = dcesrv_exchange_ds_rfr_interface;
	iface->ndr_pull = rfr_ndr_pull;
}
