/*
 * A session's notifications (MS-OXCNOTIF 3.1.5.5 - 3.1.5.7): the queue
 * of RopNotify responses waiting for the session's next EcDoRpcExt2,
 * RopPending when they do not all fit, session linking, and waking the
 * session's asynchronous wait and push target when notifications arrive.
 */
#include "emsmdb.h"
#include "emsmdb_notify.h"
#include "emsmdb_list.h"

#include <sys/time.h>
#include <util/debug.h>
#include <gen_ndr/ndr_rops.h>

/* The most notifications a session keeps for a client that does not
 * fetch them; newer ones are dropped. */
#define MAX_PENDING 4096

/* RopId + SessionIndex (MS-OXCROPS 2.2.14.3) */
#define PENDING_SIZE 3

/* One RopNotify response waiting to be sent. */
struct emsmdb_pending {
	struct emsmdb_pending *prev, *next;
	const void *owner;
	uint32_t handle;
	uint8_t logon_id;
	struct NotificationData *data;
};

/* A closing session completes its outstanding wait (the client learns
 * from EcDoRpcExt2 that the session is gone). */
static int notify_destructor(struct emsmdb_notify *n)
{
	TALLOC_FREE(n->push);
	if (n->wait != NULL) {
		emsmdb_hub_wake(n->hub, n);
	}
	emsmdb_hub_remove_session(n->hub, n);
	return 0;
}

/* MS-OXCRPC 3.1.4.1 ulIcxrLink: the link group of the session named,
 * if it exists and belongs to the same user. */
static uint32_t link_group(struct emsmdb_notify *n, uint32_t link)
{
	struct emsmdb_notify *other;

	if (link > UINT16_MAX) {
		return n->index;
	}
	other = emsmdb_hub_session(n->hub, (uint16_t)link);
	if (other == NULL || other->session == NULL ||
	    strcmp(other->session->account_name,
		   n->session->account_name) != 0) {
		return n->index;
	}
	return other->link;
}

struct emsmdb_notify *emsmdb_notify_new(struct emsmdb_session *session,
					struct emsmdb_hub *hub,
					uint32_t link)
{
	struct emsmdb_notify *n;

	if (hub == NULL) {
		return NULL;
	}
	n = talloc_zero(session, struct emsmdb_notify);
	if (n == NULL) {
		return NULL;
	}
	n->hub = hub;
	n->session = session;
	n->index = emsmdb_hub_new_index(hub);
	n->link = link_group(n, link);
	gettimeofday(&n->last_access, NULL);
	emsmdb_hub_add_session(hub, n);
	talloc_set_destructor(n, notify_destructor);
	return n;
}

bool emsmdb_notify_pending(struct emsmdb_notify *notify)
{
	return notify->pending != NULL;
}

void emsmdb_notify_touch(struct emsmdb_notify *notify)
{
	gettimeofday(&notify->last_access, NULL);
}

/* ------------------------------------------------------------ queue */

static void pop(struct emsmdb_notify *n, struct emsmdb_pending *p)
{
	if (n->pending_last == p) {
		n->pending_last = p->prev;
	}
	EMSMDB_LIST_REMOVE(n->pending, p);
	n->pending_count--;
	talloc_free(p);
}

/* Wake the waiters once the current event is processed: what the
 * session fetches meanwhile wakes nobody. */
static void wake_now(struct tevent_context *ev, struct tevent_immediate *im,
		     void *private_data)
{
	struct emsmdb_notify *n = private_data;

	if (n->pending != NULL) {
		emsmdb_hub_wake(n->hub, n);
	}
}

static void schedule_wake(struct emsmdb_notify *n)
{
	struct tevent_context *ev = emsmdb_hub_ev(n->hub);

	if (ev == NULL) {
		return;
	}
	if (n->wake == NULL) {
		n->wake = tevent_create_immediate(n);
		if (n->wake == NULL) {
			return;
		}
	}
	tevent_schedule_immediate(n->wake, ev, wake_now, n);
}

void emsmdb_notify_queue(struct emsmdb_notify *notify, const void *owner,
			 uint32_t handle, uint8_t logon_id,
			 struct NotificationData *data)
{
	struct emsmdb_pending *p;

	if (notify->pending_count >= MAX_PENDING) {
		DBG_NOTICE("session %u: notification dropped (%u pending)\n",
			   notify->index, notify->pending_count);
		talloc_free(data);
		return;
	}
	p = talloc_zero(notify, struct emsmdb_pending);
	if (p == NULL) {
		talloc_free(data);
		return;
	}
	p->owner = owner;
	p->handle = handle;
	p->logon_id = logon_id;
	p->data = talloc_steal(p, data);
	if (notify->pending_last == NULL) {
		EMSMDB_LIST_ADD(notify->pending, p);
	} else {
		p->prev = notify->pending_last;
		notify->pending_last->next = p;
	}
	notify->pending_last = p;
	notify->pending_count++;
	schedule_wake(notify);
}

void emsmdb_notify_purge(struct emsmdb_notify *notify, const void *owner)
{
	struct emsmdb_pending *p, *next;

	for (p = notify->pending; p != NULL; p = next) {
		next = p->next;
		if (p->owner == owner) {
			pop(notify, p);
		}
	}
}

/* ------------------------------------------------------------- tail */

static bool push_response(TALLOC_CTX *mem_ctx, const struct RopResponse *r,
			  DATA_BLOB *out)
{
	struct ndr_push *push = ndr_push_init_ctx(mem_ctx);

	if (push == NULL) {
		return false;
	}
	push->flags |= LIBNDR_FLAG_NOALIGN;
	if (!NDR_ERR_CODE_IS_SUCCESS(ndr_push_RopResponse(
		    push, NDR_SCALARS | NDR_BUFFERS, r))) {
		return false;
	}
	*out = ndr_push_blob(push);
	return true;
}

/* MS-OXCROPS 2.2.14.2 */
static bool encode_notify(TALLOC_CTX *mem_ctx, const struct emsmdb_pending *p,
			  DATA_BLOB *out)
{
	struct RopResponse r = { .RopId = RopNotify };

	r.Body.Notify.NotificationHandle = p->handle;
	r.Body.Notify.LogonId = p->logon_id;
	r.Body.Notify.NotificationData = *p->data;
	return push_response(mem_ctx, &r, out);
}

/* MS-OXCROPS 2.2.14.3 */
static bool append_pending(TALLOC_CTX *mem_ctx, DATA_BLOB *out,
			   size_t room, uint16_t index)
{
	struct RopResponse r = { .RopId = RopPending };
	DATA_BLOB b;

	r.Body.Pending.SessionIndex = index;
	if (out->length + PENDING_SIZE > room ||
	    !push_response(mem_ctx, &r, &b)) {
		return false;
	}
	return data_blob_append(mem_ctx, out, b.data, b.length);
}

/*
 * MS-OXCNOTIF 3.1.5.7: as many RopNotify responses as the buffer allows,
 * keeping room for the RopPending that says more remain.  One that can
 * never fit, even alone, is dropped.
 */
static void append_notifies(struct emsmdb_notify *n, TALLOC_CTX *mem_ctx,
			    size_t room, DATA_BLOB *out)
{
	while (n->pending != NULL) {
		struct emsmdb_pending *p = n->pending;
		size_t reserve = p->next != NULL ? PENDING_SIZE : 0;
		DATA_BLOB b;

		if (!encode_notify(mem_ctx, p, &b) ||
		    b.length + PENDING_SIZE > room) {
			DBG_WARNING("session %u: a notification that cannot "
				    "be sent is dropped\n", n->index);
			pop(n, p);
			continue;
		}
		if (out->length + b.length + reserve > room) {
			break;
		}
		if (!data_blob_append(mem_ctx, out, b.data, b.length)) {
			break;
		}
		pop(n, p);
	}
}

/* MS-OXCNOTIF 3.1.5.6: RopPending for the linked sessions that have
 * notifications. */
static void append_linked(struct emsmdb_notify *n, TALLOC_CTX *mem_ctx,
			  size_t room, DATA_BLOB *out)
{
	struct emsmdb_notify *other;

	for (other = emsmdb_hub_sessions(n->hub); other != NULL;
	     other = other->next) {
		if (other != n && other->link == n->link &&
		    other->pending != NULL &&
		    !append_pending(mem_ctx, out, room, other->index)) {
			break;
		}
	}
}

enum MAPISTATUS emsmdb_notify_tail(struct emsmdb_rop_env *env,
				   TALLOC_CTX *mem_ctx, size_t room,
				   DATA_BLOB *out)
{
	struct emsmdb_session *s = env->session;
	struct emsmdb_notify *n = s != NULL ? s->notify : NULL;

	*out = data_blob_null;
	if (n == NULL) {
		return MAPI_E_SUCCESS;
	}
	emsmdb_hub_sync(n);
	append_notifies(n, mem_ctx, room, out);
	if (n->pending != NULL) {
		append_pending(mem_ctx, out, room, n->index);
	}
	append_linked(n, mem_ctx, room, out);
	return MAPI_E_SUCCESS;
}
