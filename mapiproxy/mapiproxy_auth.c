/*
 * The access policy applied to every call of every provider interface.
 *
 * Exchange requires authenticated RPC (MS-OXCRPC 2.1, MS-OXNSPI 2.1) and
 * this server requires packet privacy by default.  Anonymous callers are
 * refused: NTLMSSP can authenticate the anonymous identity, so checking
 * the auth level alone would let it through.
 */
#include "mapiproxy.h"

#include <util/debug.h>
#include <gen_ndr/auth.h>
#include <gen_ndr/security.h>
#include <gen_ndr/dcerpc.h>

/* S-1-5-7, NT AUTHORITY\ANONYMOUS LOGON */
static bool sid_is_anonymous(const struct dom_sid *sid)
{
	static const uint8_t nt_authority[6] = { 0, 0, 0, 0, 0, 5 };

	return sid->sid_rev_num == 1 && sid->num_auths == 1 &&
	       memcmp(sid->id_auth, nt_authority, sizeof(nt_authority)) == 0 &&
	       sid->sub_auths[0] == 7;
}

static struct loadparm_context *call_lp_ctx(struct dcesrv_call_state *dce_call)
{
	return dce_call->conn->dce_ctx->lp_ctx;
}

NTSTATUS mpx_bind_policy(struct dcesrv_connection_context *context,
			 const struct dcesrv_interface *iface)
{
	if (!mpx_require_sealing(context->conn->dce_ctx->lp_ctx)) {
		return NT_STATUS_OK;
	}
	/* Every request on this context without sealing then fails with
	 * access denied inside Samba's RPC core, before it reaches us. */
	return dcesrv_interface_bind_require_privacy(context, iface);
}

bool mpx_call_is_authorised(struct dcesrv_call_state *dce_call)
{
	struct auth_session_info *session;
	enum dcerpc_AuthType auth_type;
	enum dcerpc_AuthLevel auth_level;

	if (!dcesrv_call_authenticated(dce_call)) {
		DBG_NOTICE("refusing unauthenticated call on %s\n",
			   dce_call->context->iface->name);
		return false;
	}
	session = dcesrv_call_session_info(dce_call);
	if (session == NULL || session->security_token == NULL ||
	    session->security_token->num_sids == 0 ||
	    sid_is_anonymous(&session->security_token->sids[0])) {
		DBG_NOTICE("refusing anonymous call on %s\n",
			   dce_call->context->iface->name);
		return false;
	}
	dcesrv_call_auth_info(dce_call, &auth_type, &auth_level);
	if (mpx_require_sealing(call_lp_ctx(dce_call)) &&
	    auth_level < DCERPC_AUTH_LEVEL_PRIVACY) {
		DBG_NOTICE("refusing call without sealing on %s from %s\n",
			   dce_call->context->iface->name,
			   dcesrv_call_account_name(dce_call));
		return false;
	}
	return true;
}

NTSTATUS mpx_ndr_pull_checked(struct dcesrv_call_state *dce_call,
			      TALLOC_CTX *mem_ctx, struct ndr_pull *pull,
			      void **r, mpx_ndr_pull_fn ndr_pull)
{
	if (!mpx_call_is_authorised(dce_call)) {
		dce_call->fault_code = DCERPC_FAULT_ACCESS_DENIED;
		return NT_STATUS_NET_WRITE_FAULT;
	}
	return ndr_pull(dce_call, mem_ctx, pull, r);
}
