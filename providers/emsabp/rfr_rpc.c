/*
 * Address book referral RPC entry points (MS-OXABREF 3.1.4).
 *
 * Every server of the organisation runs the address book on the same
 * replicated directory, so this server is the NSPI server of every
 * mailbox; the FQDNs of the other registered servers come from the
 * directory (mapiproxy/mapiproxy_home.h).
 * The pidl-generated server glue is included at the end of this file.
 */
#include "emsabp.h"
#include "mapiproxy/mapiproxy_home.h"

#include <strings.h>
#include <ldb.h>
#include <param.h>
#include <util/debug.h>
#include <gen_ndr/ndr_exchange_ds_rfr.h>

/* This server's DNS name: NetBIOS name, lower-cased, in the DNS domain. */
static char *server_fqdn(TALLOC_CTX *mem_ctx, struct loadparm_context *lp_ctx)
{
	return mpx_home_default_fqdn(mem_ctx, lpcfg_netbios_name(lp_ctx),
				     lpcfg_dnsdomain(lp_ctx));
}

/*
 * MS-OXABREF 3.1.4.1: the NSPI server for the caller.  Every server of
 * the organisation serves the whole address book, so the answer is this
 * server (the one the client reached), whatever pUserDN says.
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

/* The server part of a server or database DN: up to the end of the
 * element after "/cn=Servers/" (MS-OXABREF 3.1.4.2); its length, with
 * the name's start in @a name, or 0. */
static size_t server_part(const char *dn, const char **name)
{
	const char *servers = strcasestr(dn, "/cn=Servers/cn=");
	const char *end;

	if (servers == NULL) {
		return 0;
	}
	*name = servers + strlen("/cn=Servers/cn=");
	end = strchr(*name, '/');
	return end != NULL ? (size_t)(end - dn) : strlen(dn);
}

/* The registered server whose ESSDN is the @a len first bytes of @a dn. */
static const struct mpx_server *registered(struct ldb_context *samdb,
					   TALLOC_CTX *mem_ctx,
					   const char *dn, size_t len)
{
	struct mpx_server *list;
	unsigned int count, i;

	if (samdb == NULL ||
	    mpx_home_servers(mem_ctx, samdb, &list, &count) != LDB_SUCCESS) {
		DBG_WARNING("cannot read the servers of the organisation\n");
		return NULL;
	}
	for (i = 0; i < count; i++) {
		if (strlen(list[i].legacy_dn) == len &&
		    strncasecmp(list[i].legacy_dn, dn, len) == 0) {
			return &list[i];
		}
	}
	return NULL;
}

/*
 * MS-OXABREF 3.1.4.2: a server DN (".../cn=Servers/cn=NAME", possibly
 * followed by a database part such as "/cn=Microsoft Private MDB") to
 * its FQDN.  A server registered in the organisation answers with the
 * dNSHostName of its DC's computer account, else NAME in the DNS domain;
 * this server's name answers even before the organisation is
 * provisioned.  Anything else is not found.
 */
static enum MAPISTATUS dcesrv_RfrGetFQDNFromServerDN(
	struct dcesrv_call_state *dce_call, TALLOC_CTX *mem_ctx,
	struct RfrGetFQDNFromServerDN *r)
{
	struct loadparm_context *lp_ctx = dce_call->conn->dce_ctx->lp_ctx;
	const char *dn = r->in.szMailboxServerDN;
	const char *name = NULL;
	size_t len = server_part(dn, &name);
	struct ldb_context *samdb;
	const struct mpx_server *s;

	*r->out.ppszServerFQDN = NULL;
	if (len == 0) {
		return MAPI_E_NOT_FOUND;
	}
	samdb = emsabp_samdb(mem_ctx, dce_call);
	s = registered(samdb, mem_ctx, dn, len);
	if (s != NULL) {
		*r->out.ppszServerFQDN = mpx_home_server_fqdn(
			mem_ctx, samdb, s->name, lpcfg_dnsdomain(lp_ctx));
	} else if (strlen(lpcfg_netbios_name(lp_ctx)) == len - (name - dn) &&
		   strncasecmp(name, lpcfg_netbios_name(lp_ctx),
			       len - (name - dn)) == 0) {
		*r->out.ppszServerFQDN = server_fqdn(mem_ctx, lp_ctx);
	} else {
		DBG_INFO("RfrGetFQDNFromServerDN: unknown server %s\n", dn);
		return MAPI_E_NOT_FOUND;
	}
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
