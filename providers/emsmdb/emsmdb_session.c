/*
 * Session Contexts (MS-OXCRPC 3.1.1) kept behind EMSMDB context handles,
 * and the asynchronous context handles bound to them (MS-OXCRPC 3.3.1).
 *
 * Samba binds a context handle to the association group and the SID of
 * its creator; the session also remembers the account and refuses any
 * other, so a handle is never usable from another user's connection.
 */
#include "emsmdb.h"

#include <param.h>

#include <string.h>
#include <util/debug.h>

static int session_destructor(struct emsmdb_session *s)
{
	if (s->async != NULL) {
		struct emsmdb_async *a = talloc_get_type(s->async->data,
							 struct emsmdb_async);

		if (a != NULL) {
			a->session = NULL;
		}
		TALLOC_FREE(s->async);
	}
	return 0;
}

/* smb.conf "mapistore:directory", by default "mapistore" in Samba's
 * private directory (mailboxes are as private as the password hashes). */
static const char *store_directory(TALLOC_CTX *mem_ctx,
				   struct loadparm_context *lp_ctx)
{
	const char *dir = mpx_option_string(lp_ctx, "mapistore", "directory",
					    NULL);

	if (dir != NULL) {
		return talloc_strdup(mem_ctx, dir);
	}
	return lpcfg_private_path(mem_ctx, lp_ctx, "mapistore");
}

struct emsmdb_session *emsmdb_session_new(struct dcesrv_call_state *dce_call,
					  struct policy_handle *wire)
{
	struct emsmdb_session *s = talloc_zero(dce_call,
					       struct emsmdb_session);
	struct dcesrv_handle *h;
	int max = mpx_option_int(dce_call->conn->dce_ctx->lp_ctx, "emsmdb",
				 "max objects", EMSMDB_MAX_OBJECTS_DEFAULT);

	if (s == NULL) {
		return NULL;
	}
	if (max <= 0 || max > EMSMDB_MAX_OBJECTS_LIMIT) {
		max = EMSMDB_MAX_OBJECTS_DEFAULT;
	}
	s->account_name = talloc_strdup(s, dcesrv_call_account_name(dce_call));
	s->objects = emsmdb_object_table_new(s, max);
	s->store_directory = store_directory(s,
					     dce_call->conn->dce_ctx->lp_ctx);
	s->server_name = talloc_strdup(
		s, lpcfg_netbios_name(dce_call->conn->dce_ctx->lp_ctx));
	if (s->account_name == NULL || s->objects == NULL ||
	    s->store_directory == NULL || s->server_name == NULL) {
		talloc_free(s);
		return NULL;
	}
	h = mpx_handle_new(dce_call, MPX_HANDLE_EMSMDB_SESSION, s);
	if (h == NULL) {
		talloc_free(s);
		return NULL;
	}
	talloc_set_destructor(s, session_destructor);
	*wire = h->wire_handle;
	return s;
}

struct emsmdb_session *emsmdb_session_find(struct dcesrv_call_state *dce_call,
					   const struct policy_handle *wire)
{
	struct emsmdb_session *s = talloc_get_type(
		mpx_handle_data(dce_call, wire, MPX_HANDLE_EMSMDB_SESSION),
		struct emsmdb_session);

	if (s != NULL &&
	    strcmp(s->account_name, dcesrv_call_account_name(dce_call)) != 0) {
		DBG_WARNING("%s used the session of %s\n",
			    dcesrv_call_account_name(dce_call),
			    s->account_name);
		return NULL;
	}
	return s;
}

void emsmdb_session_close(struct dcesrv_call_state *dce_call,
			  struct policy_handle *wire)
{
	mpx_handle_close(dce_call, wire, MPX_HANDLE_EMSMDB_SESSION);
}

static int async_destructor(struct emsmdb_async *a)
{
	if (a->session != NULL) {
		a->session->async = NULL;
	}
	return 0;
}

/*
 * MS-OXCRPC 3.1.4.4: one asynchronous context handle per session; asking
 * again gives the same one.
 */
bool emsmdb_session_async(struct dcesrv_call_state *dce_call,
			  struct emsmdb_session *session,
			  struct policy_handle *wire)
{
	struct emsmdb_async *a;
	struct dcesrv_handle *h;

	if (session->async != NULL) {
		*wire = session->async->wire_handle;
		return true;
	}
	a = talloc_zero(dce_call, struct emsmdb_async);
	if (a == NULL) {
		return false;
	}
	a->session = session;
	h = mpx_handle_new(dce_call, MPX_HANDLE_EMSMDB_ASYNC, a);
	if (h == NULL) {
		talloc_free(a);
		return false;
	}
	talloc_set_destructor(a, async_destructor);
	session->async = h;
	*wire = h->wire_handle;
	return true;
}
