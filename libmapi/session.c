/*
 * libmapi: a session on the user's mailbox server (see session.h).
 */
#include "session.h"

#include <util/debug.h>

/* A copy of @p on @mem_ctx: the strings too. */
static struct mapi_profile *profile_copy(TALLOC_CTX *mem_ctx,
					 const struct mapi_profile *p)
{
	struct mapi_profile *c = talloc_zero(mem_ctx, struct mapi_profile);
	const char **fields[] = {
		&c->name, &c->server, &c->username, &c->domain, &c->password,
		&c->user_dn, &c->display_name, &c->smtp_address, &c->home_mdb,
		&c->server_dn, &c->server_name, &c->server_fqdn,
	};
	size_t i;

	if (c == NULL) {
		return NULL;
	}
	*c = *p;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (*fields[i] == NULL) {
			continue;
		}
		*fields[i] = talloc_strdup(c, *fields[i]);
		if (*fields[i] == NULL) {
			talloc_free(c);
			return NULL;
		}
	}
	return c;
}

static bool params_copy(TALLOC_CTX *mem_ctx, struct mapi_rpc_params *dst,
			const struct mapi_rpc_params *src)
{
	const char **fields[] = { &dst->server, &dst->username,
				  &dst->password, &dst->domain,
				  &dst->options };
	size_t i;

	*dst = *src;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (*fields[i] != NULL) {
			*fields[i] = talloc_strdup(mem_ctx, *fields[i]);
			if (*fields[i] == NULL) {
				return false;
			}
		}
	}
	return true;
}

static enum MAPISTATUS session_profile(struct mapi_session *s,
				       const struct mapi_profile *profile)
{
	if (profile != NULL) {
		s->profile = profile_copy(s, profile);
		return s->profile ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return mapi_profile_fetch(s, s->rpc, &s->params, "session",
				  &s->profile);
}

enum MAPISTATUS mapi_session_open(TALLOC_CTX *mem_ctx,
				  struct mapi_rpc_context *rpc,
				  const struct mapi_rpc_params *params,
				  const struct mapi_profile *profile,
				  struct mapi_session **out)
{
	struct mapi_session *s = talloc_zero(mem_ctx, struct mapi_session);
	struct mapi_emsmdb_connect_params cp;
	enum MAPISTATUS rv;

	*out = NULL;
	if (s == NULL || !params_copy(s, &s->params, params)) {
		talloc_free(s);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	s->rpc = rpc;
	rv = session_profile(s, profile);
	if (rv != MAPI_E_SUCCESS) {
		DBG_INFO("who is %s: %s\n", params->username,
			 mapi_status_string(rv));
		talloc_free(s);
		return rv;
	}
	if (s->profile->user_dn == NULL) {
		talloc_free(s);
		return MAPI_E_INVALID_PARAMETER;
	}
	mapi_emsmdb_connect_params_init(&cp, s->profile->user_dn);
	if (s->profile->code_page != 0) {
		cp.code_page = s->profile->code_page;
	}
	if (s->profile->locale != 0) {
		cp.locale = s->profile->locale;
	}
	rv = mapi_emsmdb_connect_ex(s, rpc, &s->params, &cp, NULL,
				    &s->emsmdb);
	if (rv != MAPI_E_SUCCESS) {
		DBG_INFO("EcDoConnectEx as %s: %s\n", s->profile->user_dn,
			 mapi_status_string(rv));
		talloc_free(s);
		return rv;
	}
	*out = s;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_session_mailbox(struct mapi_session *session,
				     struct mapi_logon **out)
{
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	if (session->mailbox == NULL) {
		rv = mapi_logon_private(session, session->emsmdb,
					MAPI_SESSION_MAILBOX_LOGON_ID,
					session->profile->user_dn,
					&session->mailbox);
	}
	*out = session->mailbox;
	return rv;
}

enum MAPISTATUS mapi_session_public(struct mapi_session *session,
				    struct mapi_logon **out)
{
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	if (session->public_folders == NULL) {
		rv = mapi_logon_public(session, session->emsmdb,
				       MAPI_SESSION_PUBLIC_LOGON_ID,
				       &session->public_folders);
	}
	*out = session->public_folders;
	return rv;
}
