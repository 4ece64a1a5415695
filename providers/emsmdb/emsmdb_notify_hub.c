/*
 * The per-process notification hub of the EMSMDB provider (see
 * emsmdb_notify.h).
 *
 * The hub hangs off the private data of the EMSMDB and AsyncEMSMDB
 * interfaces (mpx_interface setup hooks); Samba keeps both endpoints,
 * which use context handles, in one process, so every session and every
 * asynchronous wait of the server meets here.  It watches each mailbox
 * some listener needs with the store's watcher (one inotify descriptor
 * for the process, registered with the server's tevent context): a
 * commit in any process wakes the loop, and the new events go to the
 * mailbox's listeners (subscriptions, tables).  Without inotify the
 * rings are polled every POLL_MS.
 */
#include "emsmdb.h"
#include "emsmdb_notify.h"
#include "emsmdb_list.h"

#include <ndr.h>
#include <util/debug.h>
#include <gen_ndr/ndr_exchange_emsmdb.h>

/* Polling interval of the event rings without inotify. */
#define POLL_MS 1000

/* A mailbox some listener of this process needs. */
struct emsmdb_mailbox {
	struct emsmdb_mailbox *prev, *next;
	struct emsmdb_hub *hub;
	char *key;			/* its event ring */
	struct mstore_watch *watch;
	struct emsmdb_listener *listeners;
};

struct emsmdb_hub {
	struct tevent_context *ev;	/* set by the first session */
	struct mstore_watcher *watcher;
	struct tevent_fd *fde;
	struct tevent_timer *poll;
	struct emsmdb_mailbox *mailboxes;
	struct emsmdb_notify *sessions;
	emsmdb_wake_fn async_wake;
	emsmdb_wake_fn push_wake;
	uint16_t last_index;		/* the last session index given */
};

NTSTATUS emsmdb_hub_setup(struct dcesrv_context *dce_ctx,
			  struct dcesrv_interface *iface)
{
	struct emsmdb_hub *hub = talloc_zero(dce_ctx, struct emsmdb_hub);

	if (hub == NULL) {
		return NT_STATUS_NO_MEMORY;
	}
	iface->private_data = hub;
	return NT_STATUS_OK;
}

NTSTATUS emsmdb_hub_share(struct dcesrv_context *dce_ctx,
			  struct dcesrv_interface *iface)
{
	const struct ndr_syntax_id *want = &ndr_table_exchange_emsmdb.syntax_id;
	struct dcesrv_endpoint *ep;
	struct dcesrv_if_list *i;

	for (ep = dce_ctx->endpoint_list; ep != NULL; ep = ep->next) {
		for (i = ep->interface_list; i != NULL; i = i->next) {
			if (ndr_syntax_id_equal(&i->iface->syntax_id, want) &&
			    i->iface->private_data != NULL) {
				iface->private_data = i->iface->private_data;
				return NT_STATUS_OK;
			}
		}
	}
	DBG_ERR("AsyncEMSMDB registered before EMSMDB\n");
	return NT_STATUS_INTERNAL_ERROR;
}

/* ---------------------------------------------------------- events */

static void deliver(struct emsmdb_mailbox *m)
{
	TALLOC_CTX *tmp = talloc_new(m);
	struct mstore_event *events = NULL;
	struct emsmdb_listener *l, *next;
	uint32_t count = 0;
	bool lost = false;

	if (tmp == NULL) {
		return;
	}
	if (mstore_watch_read(tmp, m->watch, &events, &count, &lost) !=
	    MAPI_E_SUCCESS || (count == 0 && !lost)) {
		talloc_free(tmp);
		return;
	}
	DBG_DEBUG("%s: %u events%s\n", m->key, count, lost ? " (lost)" : "");
	for (l = m->listeners; l != NULL; l = next) {
		next = l->next;
		l->on_events(l, events, count, lost);
	}
	talloc_free(tmp);
}

/* Deliver what every mailbox of the hub has. */
static void deliver_all(struct emsmdb_hub *hub)
{
	struct emsmdb_mailbox *m, *next;

	for (m = hub->mailboxes; m != NULL; m = next) {
		next = m->next;
		if (mstore_watch_pending(m->watch)) {
			deliver(m);
		}
	}
}

static void watcher_readable(struct tevent_context *ev,
			     struct tevent_fd *fde, uint16_t flags,
			     void *private_data)
{
	struct emsmdb_hub *hub = private_data;

	mstore_watcher_drain(hub->watcher);
	deliver_all(hub);
}

static void poll_rings(struct tevent_context *ev, struct tevent_timer *te,
		       struct timeval now, void *private_data)
{
	struct emsmdb_hub *hub = private_data;

	hub->poll = tevent_add_timer(ev, hub, timeval_current_ofs_msec(
					     POLL_MS), poll_rings, hub);
	deliver_all(hub);
}

/* The watcher and its place in the event loop, at the first use. */
static bool hub_start(struct emsmdb_hub *hub)
{
	int fd;

	if (hub->watcher != NULL) {
		return true;
	}
	if (hub->ev == NULL ||
	    mstore_watcher_new(hub, &hub->watcher) != MAPI_E_SUCCESS) {
		return false;
	}
	fd = mstore_watcher_fd(hub->watcher);
	if (fd != -1) {
		hub->fde = tevent_add_fd(hub->ev, hub, fd, TEVENT_FD_READ,
					 watcher_readable, hub);
	} else {
		hub->poll = tevent_add_timer(hub->ev, hub,
					     timeval_current_ofs_msec(POLL_MS),
					     poll_rings, hub);
	}
	if (hub->fde == NULL && hub->poll == NULL) {
		TALLOC_FREE(hub->watcher);
		return false;
	}
	return true;
}

struct emsmdb_hub *emsmdb_hub_of(struct dcesrv_call_state *dce_call)
{
	struct emsmdb_hub *hub = talloc_get_type(
		dce_call->context->iface->private_data, struct emsmdb_hub);

	if (hub != NULL && hub->ev == NULL) {
		hub->ev = dce_call->event_ctx;
	}
	return hub;
}

struct tevent_context *emsmdb_hub_ev(struct emsmdb_hub *hub)
{
	return hub->ev;
}

void emsmdb_hub_set_wake(struct emsmdb_hub *hub, emsmdb_wake_fn async_wake,
			 emsmdb_wake_fn push_wake)
{
	hub->async_wake = async_wake;
	hub->push_wake = push_wake;
}

void emsmdb_hub_add_session(struct emsmdb_hub *hub, struct emsmdb_notify *n)
{
	EMSMDB_LIST_ADD(hub->sessions, n);
}

/* The session goes: out of the list, and its listeners (freed with its
 * objects, maybe after it) must not reach it any more. */
void emsmdb_hub_remove_session(struct emsmdb_hub *hub,
			       struct emsmdb_notify *n)
{
	struct emsmdb_mailbox *m;
	struct emsmdb_listener *l;

	EMSMDB_LIST_REMOVE(hub->sessions, n);
	for (m = hub->mailboxes; m != NULL; m = m->next) {
		for (l = m->listeners; l != NULL; l = l->next) {
			if (l->notify == n) {
				l->notify = NULL;
			}
		}
	}
}

uint16_t emsmdb_hub_new_index(struct emsmdb_hub *hub)
{
	uint32_t tries;

	/* MS-OXCRPC 3.1.4.1: no two live sessions share an index */
	for (tries = 0; tries <= UINT16_MAX; tries++) {
		hub->last_index++;
		if (emsmdb_hub_session(hub, hub->last_index) == NULL) {
			break;
		}
	}
	return hub->last_index;
}

void emsmdb_hub_wake(struct emsmdb_hub *hub, struct emsmdb_notify *n)
{
	if (hub->async_wake != NULL) {
		hub->async_wake(n);
	}
	if (hub->push_wake != NULL) {
		hub->push_wake(n);
	}
}

struct emsmdb_notify *emsmdb_hub_sessions(struct emsmdb_hub *hub)
{
	return hub->sessions;
}

struct emsmdb_notify *emsmdb_hub_session(struct emsmdb_hub *hub,
					 uint16_t index)
{
	struct emsmdb_notify *n;

	for (n = hub->sessions; n != NULL; n = n->next) {
		if (n->index == index) {
			return n;
		}
	}
	return NULL;
}

/* ------------------------------------------------------- listeners */

static int listener_destructor(struct emsmdb_listener *l)
{
	struct emsmdb_mailbox *m = l->mailbox;

	if (l->notify != NULL) {
		emsmdb_notify_purge(l->notify, l);
	}
	if (m == NULL) {
		return 0;
	}
	EMSMDB_LIST_REMOVE(m->listeners, l);
	if (m->listeners == NULL) {
		EMSMDB_LIST_REMOVE(m->hub->mailboxes, m);
		talloc_free(m);
	}
	return 0;
}

static struct emsmdb_mailbox *mailbox_get(struct emsmdb_hub *hub,
					  const char *directory,
					  const char *mailbox)
{
	char *key = mstore_events_path(hub, directory, mailbox);
	struct emsmdb_mailbox *m;

	if (key == NULL) {
		return NULL;
	}
	for (m = hub->mailboxes; m != NULL; m = m->next) {
		if (strcmp(m->key, key) == 0) {
			talloc_free(key);
			return m;
		}
	}
	m = talloc_zero(hub, struct emsmdb_mailbox);
	if (m == NULL || mstore_watch_add(m, hub->watcher, directory,
					  mailbox, &m->watch) !=
	    MAPI_E_SUCCESS) {
		talloc_free(key);
		talloc_free(m);
		return NULL;
	}
	m->hub = hub;
	m->key = talloc_steal(m, key);
	EMSMDB_LIST_ADD(hub->mailboxes, m);
	return m;
}

enum MAPISTATUS emsmdb_listener_attach(struct emsmdb_listener *l,
				       struct emsmdb_notify *notify,
				       const char *directory,
				       const char *mailbox)
{
	struct emsmdb_mailbox *m;

	if (notify == NULL || !hub_start(notify->hub)) {
		return MAPI_E_NO_SUPPORT;
	}
	m = mailbox_get(notify->hub, directory, mailbox);
	if (m == NULL) {
		return MAPI_E_CALL_FAILED;
	}
	l->notify = notify;
	l->mailbox = m;
	EMSMDB_LIST_ADD_END(m->listeners, l);
	talloc_set_destructor(l, listener_destructor);
	return MAPI_E_SUCCESS;
}

void emsmdb_hub_sync(struct emsmdb_notify *notify)
{
	struct emsmdb_mailbox *m, *next;
	struct emsmdb_listener *l;

	for (m = notify->hub->mailboxes; m != NULL; m = next) {
		next = m->next;
		for (l = m->listeners; l != NULL && l->notify != notify;
		     l = l->next) {
		}
		if (l != NULL && mstore_watch_pending(m->watch)) {
			deliver(m);
		}
	}
}
