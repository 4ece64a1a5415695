/*
 * Address book referral RPC entry points (MS-OXABREF 3.1.4).
 *
 * This server is the address book server of every mailbox it serves.
 * The pidl-generated server glue is included at the end of this file.
 */
#include "emsabp.h"

#include <ctype.h>
#include <strings.h>
#include <param.h>
#include <util/debug.h>
#include <gen_ndr/ndr_exchange_ds_rfr.h>

/* This server's DNS name: NetBIOS name, lower-cased, in the DNS domain. */
static char *server_fqdn(TALLOC_CTX *mem_ctx, struct loadparm_context *lp_ctx)
{
	char *fqdn = talloc_asprintf(mem_ctx, "%s.%s",
				     lpcfg_netbios_name(lp_ctx),
				     lpcfg_dnsdomain(lp_ctx));
	char *p;

	for (p = fqdn; p != NULL && *p != '\0'; p++) {
		*p = tolower((unsigned char)*p);
	}
	return fqdn;
}

/*
 * MS-OXABREF 3.1.4.1: the NSPI server for the caller.  Every mailbox of
 * this organisation is served by this server's address book, so the answer
 * is this server, whatever pUserDN says.
 */
static enum MAPISTATUS dcesrv_RfrGetNewDSA(struct dcesrv_call_state *dce_call,
					   TALLOC_CTX *mem_ctx,
					   struct RfrGetNewDSA *r)
{
	const char **server = talloc(mem_ctx, const char *);

	if (server == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	*server = server_fqdn(mem_ctx, dce_call->conn->dce_ctx->lp_ctx);
	if (*server == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	r->out.ppszUnused = NULL;
	r->out.ppszServer = server;
	return MAPI_E_SUCCESS;
}

/*
 * MS-OXABREF 3.1.4.2: a server DN (".../cn=Servers/cn=NAME", possibly
 * followed by a database part such as "/cn=Microsoft Private MDB") to its
 * FQDN.  Only this server is known; anything else is not found.
 */
static enum MAPISTATUS dcesrv_RfrGetFQDNFromServerDN(
	struct dcesrv_call_state *dce_call, TALLOC_CTX *mem_ctx,
	struct RfrGetFQDNFromServerDN *r)
{
	struct loadparm_context *lp_ctx = dce_call->conn->dce_ctx->lp_ctx;
	const char *dn = r->in.szMailboxServerDN;
	const char *servers = strcasestr(dn, "/cn=Servers/cn=");
	const char *name, *end;
	size_t len;

	*r->out.ppszServerFQDN = NULL;
	if (servers == NULL) {
		return MAPI_E_NOT_FOUND;
	}
	name = servers + strlen("/cn=Servers/cn=");
	end = strchr(name, '/');
	len = end != NULL ? (size_t)(end - name) : strlen(name);
	if (len != strlen(lpcfg_netbios_name(lp_ctx)) ||
	    strncasecmp(name, lpcfg_netbios_name(lp_ctx), len) != 0) {
		return MAPI_E_NOT_FOUND;
	}
	*r->out.ppszServerFQDN = server_fqdn(mem_ctx, lp_ctx);
	return *r->out.ppszServerFQDN != NULL ? MAPI_E_SUCCESS
					      : MAPI_E_NOT_ENOUGH_RESOURCES;
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
