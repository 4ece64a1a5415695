/*
 * EcDoAsyncWaitEx (MS-OXCRPC 3.3.4.1, MS-OXCNOTIF 3.1.5.3): an
 * asynchronous call that completes when notifications are pending on its
 * session, or after "emsmdb:async wait timeout" seconds (default 300, the
 * spec's 5 minutes) without client activity.
 *
 * The call is left pending in Samba's RPC server
 * (DCESRV_CALL_STATE_FLAG_ASYNC) and answered later with dcesrv_reply():
 * a waiting client costs this structure and a timer in the server's event
 * loop.  The wait belongs to the call: if the client goes away, freeing
 * the call ends the wait.
 *
 * Activity: the wait itself and every EcDoRpcExt2 of the session; the
 * timer moves when EcDoRpcExt2 calls come while it runs.  (Counting the
 * wait keeps a client that only waits from getting an immediate answer
 * over and over.)
 */
#include "emsmdb.h"
#include "emsmdb_notify.h"

#include <util/debug.h>

#define DEFAULT_TIMEOUT_S 300

/* An outstanding EcDoAsyncWaitEx. */
struct emsmdb_wait {
	struct emsmdb_notify *notify;
	struct dcesrv_call_state *call;
	struct EcDoAsyncWaitEx *r;
	struct tevent_timer *timer;
	uint32_t timeout_s;
};

static int wait_destructor(struct emsmdb_wait *w)
{
	if (w->notify != NULL && w->notify->wait == w) {
		w->notify->wait = NULL;
	}
	return 0;
}

/* Answer the call; @a w goes with it. */
static void wait_complete(struct emsmdb_wait *w, uint32_t flags)
{
	struct dcesrv_call_state *call = w->call;
	NTSTATUS status;

	if (w->notify != NULL && w->notify->wait == w) {
		w->notify->wait = NULL;
	}
	w->notify = NULL;
	TALLOC_FREE(w->timer);
	*w->r->out.pulFlagsOut = flags;
	w->r->out.result = MAPI_E_SUCCESS;
	DBG_DEBUG("EcDoAsyncWaitEx completes: 0x%08x\n", flags);
	status = dcesrv_reply(call);
	if (!NT_STATUS_IS_OK(status)) {
		DBG_NOTICE("EcDoAsyncWaitEx reply: %s\n", nt_errstr(status));
	}
}

static void wait_timeout(struct tevent_context *ev, struct tevent_timer *te,
			 struct timeval now, void *private_data)
{
	struct emsmdb_wait *w = private_data;
	struct timeval due;

	w->timer = NULL;
	if (w->notify != NULL) {
		/* activity since the wait began moves the deadline */
		due = timeval_add(&w->notify->last_access, w->timeout_s, 0);
		if (timeval_compare(&due, &now) > 0) {
			w->timer = tevent_add_timer(ev, w, due, wait_timeout,
						    w);
			if (w->timer != NULL) {
				return;
			}
		}
	}
	wait_complete(w, 0);
}

/* emsmdb_wake_fn: notifications are pending, or the session is closing
 * (MS-OXCNOTIF 3.1.5.3: the call completes with NotificationPending). */
void emsmdb_async_wake(struct emsmdb_notify *notify)
{
	if (notify->wait != NULL) {
		wait_complete(notify->wait, NotificationPending);
	}
}

/* The session of an asynchronous context handle: looked up among the
 * hub's sessions (the handle was made on the EMSMDB interface, the call
 * comes on AsyncEMSMDB), for the caller only. */
static struct emsmdb_notify *session_of(struct dcesrv_call_state *dce_call,
					const struct policy_handle *h)
{
	struct emsmdb_hub *hub = emsmdb_hub_of(dce_call);
	const char *account = dcesrv_call_account_name(dce_call);
	struct emsmdb_notify *n;

	if (hub == NULL || ndr_policy_handle_empty(h)) {
		return NULL;
	}
	for (n = emsmdb_hub_sessions(hub); n != NULL; n = n->next) {
		struct emsmdb_session *s = n->session;

		if (s != NULL && s->async != NULL &&
		    s->async->wire_handle.handle_type == h->handle_type &&
		    GUID_equal(&s->async->wire_handle.uuid, &h->uuid) &&
		    strcmp(s->account_name, account) == 0) {
			return n;
		}
	}
	return NULL;
}

static uint32_t timeout_of(struct dcesrv_call_state *dce_call)
{
	int t = mpx_option_int(dce_call->conn->dce_ctx->lp_ctx, "emsmdb",
			       "async wait timeout", DEFAULT_TIMEOUT_S);

	return t > 0 ? (uint32_t)t : DEFAULT_TIMEOUT_S;
}

/* Leave the call pending until wait_complete(). */
static enum MAPISTATUS wait_start(struct dcesrv_call_state *dce_call,
				  struct emsmdb_notify *n,
				  struct EcDoAsyncWaitEx *r)
{
	struct emsmdb_wait *w = talloc_zero(dce_call, struct emsmdb_wait);
	struct tevent_context *ev = emsmdb_hub_ev(n->hub);

	if (w == NULL || ev == NULL) {
		talloc_free(w);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	w->notify = n;
	w->call = dce_call;
	w->r = r;
	w->timeout_s = timeout_of(dce_call);
	emsmdb_notify_touch(n);
	w->timer = tevent_add_timer(ev, w, timeval_current_ofs(w->timeout_s,
							       0),
				    wait_timeout, w);
	if (w->timer == NULL) {
		talloc_free(w);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	talloc_set_destructor(w, wait_destructor);
	n->wait = w;
	dce_call->state_flags |= DCESRV_CALL_STATE_FLAG_ASYNC;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsmdb_async_wait(struct dcesrv_call_state *dce_call,
				  TALLOC_CTX *mem_ctx,
				  struct EcDoAsyncWaitEx *r)
{
	struct emsmdb_notify *n = session_of(dce_call, r->in.async_handle);

	*r->out.pulFlagsOut = 0;
	/* 3.3.4.1: an invalid handle completes at once, NotificationPending
	 * sends the client to EcDoRpcExt2, where it learns why */
	if (n == NULL) {
		*r->out.pulFlagsOut = NotificationPending;
		return MAPI_E_SUCCESS;
	}
	emsmdb_hub_sync(n);
	if (emsmdb_notify_pending(n)) {
		*r->out.pulFlagsOut = NotificationPending;
		return MAPI_E_SUCCESS;
	}
	/* MS-OXCNOTIF 3.1.5.3: one outstanding call per session */
	if (n->wait != NULL) {
		return ecRejected;
	}
	if (!(dce_call->state_flags & DCESRV_CALL_STATE_FLAG_MAY_ASYNC)) {
		DBG_WARNING("EcDoAsyncWaitEx cannot wait on this transport\n");
		return MAPI_E_SUCCESS;
	}
	return wait_start(dce_call, n, r);
}
