/*
 * libmapi: notifications (MS-OXCNOTIF), see notify.h.
 */
#include "notify.h"
#include "folder.h"
#include "nspi.h"

#include <string.h>
#include <netinet/in.h>
#include <util/debug.h>
#include <dcerpc.h>
#include <ndr.h>

#include "gen_ndr/ndr_exchange_emsmdb.h"
#include "gen_ndr/ndr_exchange_emsmdb_c.h"
#include "ndr/rop_buffer.h"

/* The client's call timeout on AsyncEMSMDB: longer than the server's
 * five minutes (MS-OXCRPC 3.3.4.1). */
#define WAIT_TIMEOUT_S 360

/* Windows address families and SOCKADDR sizes (MS-OXCRPC 3.1.4.5) */
#define WIRE_AF_INET		2
#define WIRE_AF_INET6		23
#define WIRE_SOCKADDR_IN	16
#define WIRE_SOCKADDR_IN6	28

/* ------------------------------------------------------------ queue */

static struct mapi_notifications *queue_of(struct mapi_emsmdb *e)
{
	if (e->received == NULL) {
		e->received = talloc_zero(e, struct mapi_notifications);
	}
	return e->received;
}

static void *dup_bytes(TALLOC_CTX *mem_ctx, const void *p, size_t n)
{
	return p != NULL && n > 0 ? talloc_memdup(mem_ctx, p, n) : NULL;
}

/* The parts of a NotificationData held elsewhere, copied onto @a ctx
 * (the reply they were parsed from goes with its call). */
static void copy_data(TALLOC_CTX *ctx, struct NotificationData *d)
{
	struct NotifyTags *t = &d->Tags.Tags;
	struct NotifyNewMail *m = &d->NewMail.NewMail;
	struct NotifyMessageRowData *mr = &d->Table.Message.RowData.RowData;
	struct NotifyFolderRowData *fr = &d->Table.Folder.RowData.RowData;
	uint16_t type = d->NotificationFlags & 0x0FFF;

	if (t->TagCount != 0xFFFF) {
		t->Tags = dup_bytes(ctx, t->Tags,
				    t->TagCount * sizeof(uint32_t));
	}
	if (type == NotificationType_NewMail) {
		if (m->UnicodeFlag) {
			m->MessageClass.Unicode = talloc_strdup(
				ctx, m->MessageClass.Unicode);
		} else {
			m->MessageClass.String8 = talloc_strdup(
				ctx, m->MessageClass.String8);
		}
	}
	if (type == NotificationType_TableModified &&
	    (d->NotificationFlags & NotificationFlags_M)) {
		mr->TableRowData = dup_bytes(ctx, mr->TableRowData,
					     mr->TableRowDataSize);
	} else if (type == NotificationType_TableModified) {
		fr->TableRowData = dup_bytes(ctx, fr->TableRowData,
					     fr->TableRowDataSize);
	}
}

static void keep_notify(struct mapi_notifications *q,
			const struct RopNotify_resp *n)
{
	struct mapi_notification *l;

	l = talloc_realloc(q, q->list, struct mapi_notification,
			   q->count + 1);
	if (l == NULL) {
		return;
	}
	q->list = l;
	l[q->count].handle = n->NotificationHandle;
	l[q->count].logon_id = n->LogonId;
	l[q->count].data = n->NotificationData;
	copy_data(q, &l[q->count].data);
	q->count++;
}

static void keep_pending(struct mapi_notifications *q, uint16_t index)
{
	uint16_t *p = talloc_realloc(q, q->pending, uint16_t,
				     q->pending_count + 1);

	if (p != NULL) {
		q->pending = p;
		p[q->pending_count++] = index;
	}
}

void mapi_notify_keep(struct mapi_emsmdb *emsmdb,
		      struct mapi_emsmdb_rop_result *result)
{
	struct mapi_notifications *q = queue_of(emsmdb);
	uint32_t i, k = 0;

	for (i = 0; i < result->count; i++) {
		const struct RopResponse *r = &result->responses[i];

		if (r->RopId == RopNotify && q != NULL) {
			keep_notify(q, &r->Body.Notify);
		} else if (r->RopId == RopPending && q != NULL) {
			keep_pending(q, r->Body.Pending.SessionIndex);
		} else {
			result->responses[k++] = *r;
		}
	}
	result->count = k;
}

void mapi_notify_take(struct mapi_emsmdb *emsmdb, TALLOC_CTX *mem_ctx,
		      struct mapi_notifications *out)
{
	struct mapi_notifications *q = emsmdb->received;

	memset(out, 0, sizeof(*out));
	if (q == NULL) {
		return;
	}
	*out = *q;
	talloc_steal(mem_ctx, q);
	emsmdb->received = NULL;
}

/* ------------------------------------------------------ subscribing */

enum MAPISTATUS mapi_notify_register(struct mapi_logon *logon,
				     TALLOC_CTX *mem_ctx, uint32_t in_handle,
				     uint16_t types, bool whole_store,
				     uint64_t fid, uint64_t mid,
				     uint32_t *handle)
{
	struct RopRequest req = { .RopId = RopRegisterNotification };
	struct RopRegisterNotification_req *r = &req.Body.RegisterNotification;
	struct RopResponse *resp;

	r->OutputHandleIndex = 1;
	r->NotificationTypes = types;
	r->WantWholeStore = whole_store ? 1 : 0;
	if (!whole_store) {
		r->Target.Object.FolderId = fid;
		r->Target.Object.MessageId = mid;
	}
	return mapi_logon_rop(logon, mem_ctx, in_handle, &req, &resp, handle);
}

/* --------------------------------------------------------- polling */

enum MAPISTATUS mapi_notify_poll(struct mapi_emsmdb *emsmdb,
				 TALLOC_CTX *mem_ctx,
				 struct mapi_notifications *out)
{
	struct mapi_emsmdb_rop_result result;
	enum MAPISTATUS rv;

	/* MS-OXCNOTIF 3.2.5.6: no ROP request needed */
	rv = mapi_emsmdb_rops(emsmdb, mem_ctx, NULL, 0, NULL, 0, NULL,
			      &result);
	if (rv == MAPI_E_SUCCESS) {
		mapi_notify_take(emsmdb, mem_ctx, out);
	}
	return rv;
}

/* ---------------------------------------------------------- waiting */

enum MAPISTATUS mapi_notify_waiter_open(TALLOC_CTX *mem_ctx,
					struct mapi_rpc_context *rpc,
					const struct mapi_rpc_params *params,
					struct mapi_emsmdb *emsmdb,
					struct mapi_notify_waiter **out)
{
	struct mapi_notify_waiter *w;
	enum MAPISTATUS rv;
	NTSTATUS status;

	*out = NULL;
	w = talloc_zero(mem_ctx, struct mapi_notify_waiter);
	if (w == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	w->ev = rpc->ev;
	rv = mapi_emsmdb_async_connect(emsmdb, &w->async);
	if (rv != MAPI_E_SUCCESS) {
		talloc_free(w);
		return rv;
	}
	status = mapi_rpc_connect_assoc(
		w, rpc, params, &ndr_table_exchange_async_emsmdb,
		dcerpc_binding_get_assoc_group_id(emsmdb->pipe->binding),
		&w->pipe);
	if (!NT_STATUS_IS_OK(status)) {
		talloc_free(w);
		return mapi_status_from_ntstatus(status);
	}
	dcerpc_binding_handle_set_timeout(w->pipe->binding_handle,
					  WAIT_TIMEOUT_S);
	*out = w;
	return MAPI_E_SUCCESS;
}

struct wait_state {
	uint32_t flags;
	enum MAPISTATUS result;
	NTSTATUS status;	/* transport status */
};

static void wait_done(struct tevent_req *subreq);

struct tevent_req *mapi_notify_wait_send(TALLOC_CTX *mem_ctx,
					 struct mapi_notify_waiter *waiter)
{
	struct tevent_req *req, *subreq;
	struct wait_state *s;

	req = tevent_req_create(mem_ctx, &s, struct wait_state);
	if (req == NULL) {
		return NULL;
	}
	subreq = dcerpc_EcDoAsyncWaitEx_send(s, waiter->ev,
					     waiter->pipe->binding_handle,
					     &waiter->async, 0, &s->flags);
	if (tevent_req_nomem(subreq, req)) {
		return tevent_req_post(req, waiter->ev);
	}
	tevent_req_set_callback(subreq, wait_done, req);
	return req;
}

static void wait_done(struct tevent_req *subreq)
{
	struct tevent_req *req = tevent_req_callback_data(subreq,
							  struct tevent_req);
	struct wait_state *s = tevent_req_data(req, struct wait_state);

	s->status = dcerpc_EcDoAsyncWaitEx_recv(subreq, s, &s->result);
	TALLOC_FREE(subreq);
	tevent_req_done(req);
}

enum MAPISTATUS mapi_notify_wait_recv(struct tevent_req *req, bool *pending)
{
	struct wait_state *s = tevent_req_data(req, struct wait_state);
	enum tevent_req_state state;
	uint64_t err;

	*pending = false;
	if (tevent_req_is_error(req, &state, &err)) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (!NT_STATUS_IS_OK(s->status)) {
		return mapi_status_from_ntstatus(s->status);
	}
	*pending = (s->flags & NotificationPending) != 0;
	return s->result;
}

enum MAPISTATUS mapi_notify_wait(struct mapi_notify_waiter *waiter,
				 bool *pending)
{
	TALLOC_CTX *tmp = talloc_new(waiter);
	struct tevent_req *req;
	enum MAPISTATUS rv = MAPI_E_NOT_ENOUGH_MEMORY;

	*pending = false;
	req = tmp != NULL ? mapi_notify_wait_send(tmp, waiter) : NULL;
	if (req != NULL && tevent_req_poll(req, waiter->ev)) {
		rv = mapi_notify_wait_recv(req, pending);
	} else if (req != NULL) {
		rv = MAPI_E_CALL_FAILED;
	}
	talloc_free(tmp);
	return rv;
}

/* ------------------------------------------------------------- loop */

static bool names_session(const struct mapi_notifications *n, uint16_t index)
{
	uint32_t i;

	for (i = 0; i < n->pending_count; i++) {
		if (n->pending[i] == index) {
			return true;
		}
	}
	return false;
}

/* Hand over what was received; false when @a fn ends the loop. */
static bool dispatch(const struct mapi_notifications *n, mapi_notify_fn fn,
		     void *private_data)
{
	uint32_t i;

	for (i = 0; i < n->count; i++) {
		if (!fn(&n->list[i], private_data)) {
			return false;
		}
	}
	return true;
}

static bool stopped(const bool *stop)
{
	return stop != NULL && *stop;
}

/* EcDoAsyncWaitEx until it completes or *@a stop becomes true (then the
 * call is abandoned: MAPI_E_USER_CANCEL). */
static enum MAPISTATUS wait_until(struct mapi_notify_waiter *waiter,
				  const bool *stop, bool *pending)
{
	TALLOC_CTX *tmp;
	struct tevent_req *req;
	enum MAPISTATUS rv = MAPI_E_NOT_ENOUGH_MEMORY;

	if (stop == NULL) {
		return mapi_notify_wait(waiter, pending);
	}
	*pending = false;
	tmp = talloc_new(waiter);
	req = tmp != NULL ? mapi_notify_wait_send(tmp, waiter) : NULL;
	if (req == NULL) {
		talloc_free(tmp);
		return rv;
	}
	while (tevent_req_is_in_progress(req) && !*stop) {
		if (tevent_loop_once(waiter->ev) != 0) {
			talloc_free(tmp);
			return MAPI_E_CALL_FAILED;
		}
	}
	if (tevent_req_is_in_progress(req)) {
		rv = MAPI_E_USER_CANCEL;
	} else {
		rv = mapi_notify_wait_recv(req, pending);
	}
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mapi_notify_loop_until(struct mapi_emsmdb *emsmdb,
				       struct mapi_notify_waiter *waiter,
				       mapi_notify_fn fn, void *private_data,
				       const bool *stop)
{
	TALLOC_CTX *tmp = talloc_new(waiter);
	struct mapi_notifications n;
	bool pending = true, go_on = true;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	mapi_notify_take(emsmdb, tmp, &n);
	go_on = dispatch(&n, fn, private_data);
	while (go_on && rv == MAPI_E_SUCCESS) {
		if (stopped(stop)) {
			rv = MAPI_E_USER_CANCEL;
			break;
		}
		talloc_free_children(tmp);
		rv = wait_until(waiter, stop, &pending);
		/* RopPending: the rest needs another EcDoRpcExt2 */
		while (go_on && rv == MAPI_E_SUCCESS && pending &&
		       !stopped(stop)) {
			rv = mapi_notify_poll(emsmdb, tmp, &n);
			if (rv == MAPI_E_SUCCESS) {
				go_on = dispatch(&n, fn, private_data);
				pending = names_session(&n, emsmdb->icxr);
			}
		}
	}
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mapi_notify_loop(struct mapi_emsmdb *emsmdb,
				 struct mapi_notify_waiter *waiter,
				 mapi_notify_fn fn, void *private_data)
{
	return mapi_notify_loop_until(emsmdb, waiter, fn, private_data, NULL);
}

/* ------------------------------------------------------------- push */

/* A socket address in the wire SOCKADDR form of MS-OXCRPC 3.1.4.5. */
static bool wire_address(const struct sockaddr *addr, socklen_t len,
			 uint8_t *buf, uint16_t *wire_len)
{
	memset(buf, 0, WIRE_SOCKADDR_IN6);
	if (addr->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)addr;

		buf[0] = WIRE_AF_INET;
		memcpy(buf + 2, &in->sin_port, 2);
		memcpy(buf + 4, &in->sin_addr, 4);
		*wire_len = WIRE_SOCKADDR_IN;
		return true;
	}
	if (addr->sa_family == AF_INET6 &&
	    len >= sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *in6 =
			(const struct sockaddr_in6 *)addr;

		buf[0] = WIRE_AF_INET6;
		memcpy(buf + 2, &in6->sin6_port, 2);
		memcpy(buf + 4, &in6->sin6_flowinfo, 4);
		memcpy(buf + 8, &in6->sin6_addr, 16);
		memcpy(buf + 24, &in6->sin6_scope_id, 4);
		*wire_len = WIRE_SOCKADDR_IN6;
		return true;
	}
	return false;
}

enum MAPISTATUS mapi_notify_register_push(struct mapi_emsmdb *emsmdb,
					  const uint8_t *context,
					  uint16_t context_len,
					  const struct sockaddr *addr,
					  socklen_t addr_len,
					  uint32_t *handle)
{
	uint8_t wire[WIRE_SOCKADDR_IN6];
	uint16_t wire_len = 0;
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	NTSTATUS status;

	*handle = 0;
	if (!wire_address(addr, addr_len, wire, &wire_len)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	status = dcerpc_EcRRegisterPushNotification(
		emsmdb->pipe->binding_handle, emsmdb, &emsmdb->handle, 0,
		discard_const_p(uint8_t, context), context_len, 0xFFFFFFFF,
		wire, wire_len, handle, &result);
	emsmdb->last_ntstatus = status;
	if (!NT_STATUS_IS_OK(status)) {
		return mapi_status_from_ntstatus(status);
	}
	return result;
}
