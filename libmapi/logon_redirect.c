/*
 * libmapi: following a private logon's redirect.
 *
 * A server that does not host the mailbox answers RopLogon with
 * ecWrongServer and the ESSDN of the server that does (MS-OXCSTOR
 * 3.2.5.1.1, 2.2.1.1.2).  The client asks the address book referral
 * interface for that server's FQDN (MS-OXABREF 1.3: "When connecting to
 * the wrong mailbox ... server, an error will be returned containing the
 * DN of the correct server"; 3.1.4.2 RfrGetFQDNFromServerDN), opens a
 * session there and logs on again, once: a second redirect is reported,
 * not followed.  Whatever happens is kept in the first session's
 * mapi_emsmdb.redirect; the logon made there owns its new session.
 */
#include "logon_private.h"
#include "nspi.h"

#include <string.h>
#include <util/debug.h>

enum MAPISTATUS mapi_emsmdb_reopen(TALLOC_CTX *mem_ctx,
				   struct mapi_emsmdb *emsmdb,
				   const char *server, NTSTATUS *nt_status,
				   struct mapi_emsmdb **out)
{
	struct mapi_rpc_params params;

	*out = NULL;
	if (nt_status != NULL) {
		*nt_status = NT_STATUS_OK;
	}
	if (emsmdb->rpc == NULL || emsmdb->connect.user_dn == NULL ||
	    server == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	params = emsmdb->params;
	params.server = server;
	params.local = false;
	return mapi_emsmdb_connect_ex(mem_ctx, emsmdb->rpc, &params,
				      &emsmdb->connect, nt_status, out);
}

/* The FQDN of @a server_dn, from the referral interface of the server
 * the session is on. */
static enum MAPISTATUS resolve_server(struct mapi_emsmdb *emsmdb,
				      const char *server_dn,
				      const char **fqdn)
{
	TALLOC_CTX *tmp = talloc_new(emsmdb);
	struct mapi_rfr *rfr = NULL;
	const char *name = NULL;
	NTSTATUS status = NT_STATUS_OK;
	enum MAPISTATUS rv;

	*fqdn = NULL;
	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mapi_rfr_connect(tmp, emsmdb->rpc, &emsmdb->params, &status,
			      &rfr);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_rfr_get_fqdn_from_server_dn(rfr, tmp, server_dn,
						      &name);
		status = mapi_rfr_last_ntstatus(rfr);
	}
	emsmdb->redirect.nt_status = status;
	if (rv == MAPI_E_SUCCESS) {
		*fqdn = talloc_strdup(emsmdb, name);
		rv = *fqdn != NULL ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
	}
	talloc_free(tmp);
	return rv;
}

/* The logon on the home server @a home; it owns that session. */
static enum MAPISTATUS logon_there(TALLOC_CTX *mem_ctx,
				   struct mapi_emsmdb *home,
				   uint8_t logon_id, const char *essdn,
				   struct mapi_logon **out)
{
	const char *again = NULL;
	enum MAPISTATUS rv;

	rv = logon_private_once(mem_ctx, home, logon_id, essdn, out, &again);
	if (rv == ecWrongServer) {
		DBG_NOTICE("%s redirected again, to %s: not followed\n",
			   essdn, again ? again : "?");
	}
	talloc_free(discard_const_p(char, again));
	if (rv == MAPI_E_SUCCESS) {
		talloc_steal(*out, home);
	}
	return rv;
}

static enum MAPISTATUS redirect_failed(struct mapi_emsmdb_redirect *rd,
				       const char *step, enum MAPISTATUS rv)
{
	rd->status = rv;
	DBG_NOTICE("mailbox on %s (%s): %s: %s (%s)\n", rd->server_dn,
		   rd->server_fqdn ? rd->server_fqdn : "FQDN unknown", step,
		   mapi_status_string(rv), nt_errstr(rd->nt_status));
	return ecWrongServer;
}

enum MAPISTATUS logon_follow_redirect(TALLOC_CTX *mem_ctx,
				      struct mapi_emsmdb *emsmdb,
				      uint8_t logon_id, const char *essdn,
				      const char *server_dn,
				      struct mapi_logon **out)
{
	struct mapi_emsmdb_redirect *rd = &emsmdb->redirect;
	struct mapi_emsmdb *home = NULL;
	enum MAPISTATUS rv;

	talloc_free(discard_const_p(char, rd->server_dn));
	talloc_free(discard_const_p(char, rd->server_fqdn));
	memset(rd, 0, sizeof(*rd));
	rd->server_dn = talloc_strdup(emsmdb, server_dn);
	if (rd->server_dn == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = resolve_server(emsmdb, server_dn, &rd->server_fqdn);
	if (rv != MAPI_E_SUCCESS) {
		return redirect_failed(rd, "RfrGetFQDNFromServerDN", rv);
	}
	rv = mapi_emsmdb_reopen(mem_ctx, emsmdb, rd->server_fqdn,
				&rd->nt_status, &home);
	if (rv != MAPI_E_SUCCESS) {
		return redirect_failed(rd, "EcDoConnectEx", rv);
	}
	rv = logon_there(mem_ctx, home, logon_id, essdn, out);
	if (rv != MAPI_E_SUCCESS) {
		talloc_free(home);
		rd->nt_status = NT_STATUS_OK;
		redirect_failed(rd, "RopLogon", rv);
		return rv;
	}
	rd->status = MAPI_E_SUCCESS;
	DBG_INFO("%s: logged on at its home server %s\n", essdn,
		 rd->server_fqdn);
	return MAPI_E_SUCCESS;
}

/* The cn of the server an ESSDN names (after its last "/cn="). */
static const char *server_cn(const char *dn)
{
	const char *p = dn, *last = dn;

	while ((p = strcasestr(p, "/cn=")) != NULL) {
		last = p += 4;
	}
	return last;
}

char *mapi_logon_redirect_string(TALLOC_CTX *mem_ctx,
				 const struct mapi_emsmdb *emsmdb)
{
	const struct mapi_emsmdb_redirect *rd = &emsmdb->redirect;
	const char *fqdn = rd->server_fqdn ? rd->server_fqdn
					   : "its address unknown";

	if (rd->server_dn == NULL) {
		return NULL;
	}
	if (rd->status == MAPI_E_SUCCESS) {
		return talloc_asprintf(mem_ctx, "the mailbox is on server %s "
				       "(%s)", server_cn(rd->server_dn), fqdn);
	}
	return talloc_asprintf(mem_ctx, "the mailbox is on server %s (%s, %s),"
			       " which could not be used: %s (%s%s%s)",
			       server_cn(rd->server_dn), rd->server_dn, fqdn,
			       mapi_strerror(rd->status),
			       mapi_status_string(rd->status),
			       NT_STATUS_IS_OK(rd->nt_status) ? "" : ", ",
			       NT_STATUS_IS_OK(rd->nt_status) ? ""
					: nt_errstr(rd->nt_status));
}
