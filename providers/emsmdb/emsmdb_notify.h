/*
 * Notifications of the EMSMDB provider (MS-OXCNOTIF): how the store's
 * change events (store/store_notify.h) reach the sessions of this
 * process.
 *
 * emsmdb_notify_hub.c    the per-process hub: the mailboxes watched and
 *                        their listeners, fed from the store's event
 *                        rings through one inotify descriptor in the
 *                        server's tevent loop
 * emsmdb_notify.c        a session's pending notifications: RopNotify
 *                        and RopPending responses after the ROPs of
 *                        EcDoRpcExt2 (MS-OXCNOTIF 3.1.5.5-3.1.5.7),
 *                        session linking, waking the session's waiters
 * emsmdb_notify_data.c   NotificationData (2.2.1.4.1.2) of an event
 * emsmdb_rop_notify.c    RopRegisterNotification: subscription objects
 * emsmdb_notify_table.c  TableModified notifications of open tables
 * emsmdb_async.c         EcDoAsyncWaitEx (MS-OXCRPC 3.3.4.1)
 * emsmdb_push.c          EcRRegisterPushNotification, UDP datagrams
 *                        (MS-OXCRPC 3.1.4.5, MS-OXCNOTIF 3.1.5.4)
 *
 * Everything runs in the server process's event loop: a waiting client
 * costs a small structure and a timer, never a thread or a process.
 */
#ifndef EMSMDB_NOTIFY_H
#define EMSMDB_NOTIFY_H

#include "emsmdb_rop.h"
#include "store/store.h"
#include <gen_ndr/rops.h>
#include <tevent.h>

struct dcesrv_context;
struct dcesrv_interface;
struct dcesrv_call_state;
struct emsmdb_session;
struct emsmdb_hub;
struct emsmdb_notify;
struct emsmdb_mailbox;
struct table_watch;

/** Something fed with the events of one mailbox. */
struct emsmdb_listener {
	struct emsmdb_listener *prev, *next;
	struct emsmdb_mailbox *mailbox;	/**< set by the attach */
	struct emsmdb_notify *notify;	/**< the session it belongs to */
	/** The events, oldest first; @a lost when some were missed. */
	void (*on_events)(struct emsmdb_listener *l,
			  const struct mstore_event *events, uint32_t count,
			  bool lost);
	void *private_data;		/**< the listener's owner */
};

/* ------------------------------------------- emsmdb_notify_hub.c */

/**
 * @brief mpx_interface setup hook of EMSMDB: the per-process hub behind
 * the interface's private data (its state is created at first use, in
 * the process that serves the calls).
 */
NTSTATUS emsmdb_hub_setup(struct dcesrv_context *dce_ctx,
			  struct dcesrv_interface *iface);

/**
 * @brief mpx_interface setup hook of AsyncEMSMDB: the same hub as the
 * EMSMDB interface registered before it.
 */
NTSTATUS emsmdb_hub_share(struct dcesrv_context *dce_ctx,
			  struct dcesrv_interface *iface);

/** @brief The hub of a call's interface (NULL if none). */
struct emsmdb_hub *emsmdb_hub_of(struct dcesrv_call_state *dce_call);

/**
 * @brief Feed @a l with the events of a mailbox (@a mailbox NULL: the
 * public folders) of the stores in @a directory, from now on.  @a l
 * must be a talloc object: freeing it detaches it.
 */
enum MAPISTATUS emsmdb_listener_attach(struct emsmdb_listener *l,
				       struct emsmdb_notify *notify,
				       const char *directory,
				       const char *mailbox);

/**
 * @brief Read now what the watched rings of @a notify's mailboxes hold
 * (a session about to report its notifications sees every commit that
 * finished before).
 */
void emsmdb_hub_sync(struct emsmdb_notify *notify);

/** @brief The hub's event context (NULL before the first session). */
struct tevent_context *emsmdb_hub_ev(struct emsmdb_hub *hub);

/** @brief The first session of the hub (then follow ->next). */
struct emsmdb_notify *emsmdb_hub_sessions(struct emsmdb_hub *hub);

/** @brief A session of the hub with session index @a index, or NULL. */
struct emsmdb_notify *emsmdb_hub_session(struct emsmdb_hub *hub,
					 uint16_t index);

/** @brief Add a session to the hub (emsmdb_notify_new()). */
void emsmdb_hub_add_session(struct emsmdb_hub *hub, struct emsmdb_notify *n);

/** @brief Remove a session; its listeners no longer reach it. */
void emsmdb_hub_remove_session(struct emsmdb_hub *hub,
			       struct emsmdb_notify *n);

/** @brief A session index no live session of the hub has. */
uint16_t emsmdb_hub_new_index(struct emsmdb_hub *hub);

/** @brief Wake the waiters of a session (asynchronous wait, push). */
void emsmdb_hub_wake(struct emsmdb_hub *hub, struct emsmdb_notify *n);

/** Wakes the waiters of a session with pending notifications
 *  (emsmdb_async.c, emsmdb_push.c). */
typedef void (*emsmdb_wake_fn)(struct emsmdb_notify *notify);

/** @brief Install the functions that wake a session's waiters. */
void emsmdb_hub_set_wake(struct emsmdb_hub *hub, emsmdb_wake_fn async_wake,
			 emsmdb_wake_fn push_wake);

/* ----------------------------------------------- emsmdb_notify.c */

/** A session's notification state (MS-OXCNOTIF 3.1.1). */
struct emsmdb_notify {
	struct emsmdb_notify *prev, *next;	/**< the hub's sessions */
	struct emsmdb_hub *hub;
	struct emsmdb_session *session;
	uint16_t index;			/**< session index (picxr) */
	uint32_t link;			/**< link group: index of its
					     first session */
	/** RopNotify responses to send, oldest first */
	struct emsmdb_pending *pending;
	struct emsmdb_pending *pending_last;
	uint32_t pending_count;
	struct tevent_immediate *wake;	/**< wake-up scheduled */
	struct emsmdb_wait *wait;	/**< outstanding EcDoAsyncWaitEx */
	struct emsmdb_push *push;	/**< push notification target */
	struct table_watch *tables;	/**< its notifying tables
					     (emsmdb_notify_table.c) */
	struct timeval last_access;	/**< last EcDoRpcExt2 */
};

/**
 * @brief The notification state of a new session (a child of it), with
 * the session's index (picxr, unique in the process).
 *
 * @param link	ulIcxrLink of EcDoConnectEx: the index of a session of
 *		the same user to link with, or 0xFFFFFFFF (MS-OXCRPC
 *		3.1.4.1); an unknown index links nothing
 */
struct emsmdb_notify *emsmdb_notify_new(struct emsmdb_session *session,
					struct emsmdb_hub *hub,
					uint32_t link);

/**
 * @brief Queue a notification for the session: @a data (stolen) is sent
 * as a RopNotify response with @a handle and @a logon_id.  @a owner (a
 * listener) identifies it for emsmdb_notify_purge().
 */
void emsmdb_notify_queue(struct emsmdb_notify *notify, const void *owner,
			 uint32_t handle, uint8_t logon_id,
			 struct NotificationData *data);

/** @brief Drop the queued notifications of @a owner. */
void emsmdb_notify_purge(struct emsmdb_notify *notify, const void *owner);

/** @brief Whether notifications wait for the session. */
bool emsmdb_notify_pending(struct emsmdb_notify *notify);

/**
 * @brief The emsmdb_rop_env tail of EcDoRpcExt2 (MS-OXCNOTIF 3.1.5.5):
 * as many RopNotify responses as fit in @a room, then RopPending for the
 * session when some remain and for every linked session with pending
 * notifications (3.1.5.6).
 */
enum MAPISTATUS emsmdb_notify_tail(struct emsmdb_rop_env *env,
				   TALLOC_CTX *mem_ctx, size_t room,
				   DATA_BLOB *out);

/** @brief Note client activity (EcDoRpcExt2) for the waiters. */
void emsmdb_notify_touch(struct emsmdb_notify *notify);

/* ------------------------------------------ emsmdb_notify_data.c */

/**
 * @brief The NotificationData of an object event (every type but
 * TableModified), on @a mem_ctx.
 */
struct NotificationData *emsmdb_notify_data(TALLOC_CTX *mem_ctx,
					    const struct mstore_event *e);

/* ----------------------------------------- emsmdb_notify_table.c */

/**
 * @brief emsmdb_rop_env hook for new Server objects: a table object gets
 * TableModified notifications (MS-OXCNOTIF 3.1.4.3) unless opened with
 * NoNotifications.
 */
void emsmdb_notify_object_created(struct emsmdb_rop_env *env,
				  struct emsmdb_object *object);

/**
 * @brief emsmdb_rop_env hook after each ROP: a RopRestrict on a table
 * with a view is TableRestrictionChanged (MS-OXCNOTIF 2.2.1.1.1).
 */
void emsmdb_notify_rop_done(struct emsmdb_rop_env *env,
			    const struct emsmdb_rop_call *call);

#endif /* EMSMDB_NOTIFY_H */
