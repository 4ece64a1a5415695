/**
 * @file notify.h
 * @brief libmapi: notifications (MS-OXCNOTIF) — subscribing, receiving
 * RopNotify details, waiting with EcDoAsyncWaitEx, push registration.
 *
 * A server may append RopNotify and RopPending responses (MS-OXCROPS
 * 2.2.14.2, 2.2.14.3) to any EcDoRpcExt2 reply.  mapi_emsmdb_rops() takes
 * them out of the reply's responses and keeps them in the session, in the
 * order received; mapi_notify_take() hands them over.
 *
 * Typical use:
 * @code
 *   mapi_notify_register(logon, mem, logon->handle,
 *                        NotificationTypes_NewMail, true, 0, 0, &sub);
 *   mapi_notify_waiter_open(mem, rpc, &params, emsmdb, &waiter);
 *   mapi_notify_loop(emsmdb, waiter, on_notification, state);
 * @endcode
 */
#ifndef MAPI_NOTIFY_H
#define MAPI_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <talloc.h>
#include <tevent.h>

#include "emsmdb.h"
#include "logon.h"
#include "gen_ndr/rops.h"

/** @brief One notification: a RopNotify response. */
struct mapi_notification {
	uint32_t handle;	/**< NotificationHandle: a subscription or a
				     table (MS-OXCNOTIF 2.2.1.4.1.1) */
	uint8_t logon_id;	/**< LogonId */
	struct NotificationData data;	/**< the details (2.2.1.4.1.2) */
};

/** @brief What the session received since the last mapi_notify_take(). */
struct mapi_notifications {
	struct mapi_notification *list;	/**< oldest first */
	uint32_t count;			/**< entries of @a list */
	uint16_t *pending;		/**< RopPending SessionIndex values */
	uint32_t pending_count;		/**< entries of @a pending */
};

/**
 * @brief Move the RopNotify and RopPending responses out of @a result
 * into the session's queue (called by mapi_emsmdb_rops()).
 * @param emsmdb	the session
 * @param result	the responses of one EcDoRpcExt2 call
 */
void mapi_notify_keep(struct mapi_emsmdb *emsmdb,
		      struct mapi_emsmdb_rop_result *result);

/**
 * @brief The notifications received so far (on @a mem_ctx); the
 * session's queue is emptied.
 * @param emsmdb	the session
 * @param mem_ctx	where the lists of @a out go
 * @param[out] out	the notifications and RopPending indexes
 */
void mapi_notify_take(struct mapi_emsmdb *emsmdb, TALLOC_CTX *mem_ctx,
		      struct mapi_notifications *out);

/**
 * @brief RopRegisterNotification (MS-OXCNOTIF 2.2.1.2.1) on the object
 * @a in_handle (the logon, a folder or a message of @a logon).
 *
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param in_handle	the logon's, a folder's or a message's handle
 * @param types		NotificationTypes, e.g. NotificationTypes_NewMail
 * @param whole_store	WantWholeStore: the whole mailbox, else the
 *			folder @a fid (and message @a mid, or 0)
 * @param fid		FolderId without @a whole_store
 * @param mid		MessageId without @a whole_store (0: the folder)
 * @param[out] handle	the subscription's handle: release it with
 *			mapi_object_release() to unsubscribe
 * @return the ROP's ReturnValue
 */
enum MAPISTATUS mapi_notify_register(struct mapi_logon *logon,
				     TALLOC_CTX *mem_ctx, uint32_t in_handle,
				     uint16_t types, bool whole_store,
				     uint64_t fid, uint64_t mid,
				     uint32_t *handle);

/**
 * @brief Poll (MS-OXCNOTIF 3.2.4.5): an EcDoRpcExt2 with an empty ROP
 * request buffer, then mapi_notify_take().
 * @param emsmdb	the session
 * @param mem_ctx	where the lists of @a out go
 * @param[out] out	the notifications and RopPending indexes
 */
enum MAPISTATUS mapi_notify_poll(struct mapi_emsmdb *emsmdb,
				 TALLOC_CTX *mem_ctx,
				 struct mapi_notifications *out);

/** @brief A connection to AsyncEMSMDB waiting for one session's events. */
struct mapi_notify_waiter {
	struct dcerpc_pipe *pipe;	/**< AsyncEMSMDB */
	struct tevent_context *ev;	/**< the pipe's event context */
	struct policy_handle async;	/**< from EcDoAsyncConnectEx */
};

/**
 * @brief Get the session's asynchronous context handle
 * (EcDoAsyncConnectEx) and connect to AsyncEMSMDB in the session's
 * association group, with a call timeout longer than the server's wait.
 * @param mem_ctx	owner of the waiter
 * @param rpc		the RPC context of the session
 * @param params	the credentials and server of the session
 * @param emsmdb	the session
 * @param[out] out	the waiter (free it to disconnect)
 */
enum MAPISTATUS mapi_notify_waiter_open(TALLOC_CTX *mem_ctx,
					struct mapi_rpc_context *rpc,
					const struct mapi_rpc_params *params,
					struct mapi_emsmdb *emsmdb,
					struct mapi_notify_waiter **out);

/**
 * @brief Start EcDoAsyncWaitEx (MS-OXCRPC 3.3.4.1); it completes when
 * notifications are pending or when the server's wait times out.
 * @param mem_ctx	owner of the request
 * @param waiter	the session's waiter
 * @return the request, NULL when out of memory
 */
struct tevent_req *mapi_notify_wait_send(TALLOC_CTX *mem_ctx,
					 struct mapi_notify_waiter *waiter);

/**
 * @brief The result of mapi_notify_wait_send().
 *
 * @param req		the request of mapi_notify_wait_send()
 * @param[out] pending	NotificationPending was set
 * @return the call's result (ecRejected when another wait of the session
 *	   is outstanding), or a transport error
 */
enum MAPISTATUS mapi_notify_wait_recv(struct tevent_req *req, bool *pending);

/**
 * @brief EcDoAsyncWaitEx, waiting for its completion.
 * @param waiter	the session's waiter
 * @param[out] pending	NotificationPending was set
 */
enum MAPISTATUS mapi_notify_wait(struct mapi_notify_waiter *waiter,
				 bool *pending);

/**
 * @brief Called for each notification by mapi_notify_loop(); return
 * false to end the loop.
 */
typedef bool (*mapi_notify_fn)(const struct mapi_notification *n,
			       void *private_data);

/**
 * @brief Wait, fetch, call back, until @a fn returns false (MS-OXCNOTIF
 * 3.2.5.5.1): notifications already received are handed over first;
 * then each wait with NotificationPending is followed by polls until no
 * RopPending names the session.
 *
 * @param emsmdb	the session
 * @param waiter	its waiter (mapi_notify_waiter_open())
 * @param fn		called for each notification
 * @param private_data	passed to @a fn
 * @return MAPI_E_SUCCESS when @a fn ended the loop, else the error
 */
enum MAPISTATUS mapi_notify_loop(struct mapi_emsmdb *emsmdb,
				 struct mapi_notify_waiter *waiter,
				 mapi_notify_fn fn, void *private_data);

/**
 * @brief mapi_notify_loop() that also ends when the flag @a stop points
 * to becomes true.
 *
 * The flag is meant to be set by a tevent timer or signal handler on the
 * waiter's event context (@a waiter->ev): the loop runs that context while
 * it waits, and looks at the flag between notifications and while an
 * EcDoAsyncWaitEx is outstanding.  A wait cut short is abandoned on the
 * client's side only (the server completes it when the session ends), so
 * after a stop free the waiter rather than waiting on it again.
 *
 * @param emsmdb	the session
 * @param waiter	its waiter (mapi_notify_waiter_open())
 * @param fn		called for each notification
 * @param private_data	passed to @a fn
 * @param stop		ends the loop when true; NULL: as mapi_notify_loop()
 * @return MAPI_E_SUCCESS when @a fn ended the loop, MAPI_E_USER_CANCEL
 *	   when @a stop did, else the error
 */
enum MAPISTATUS mapi_notify_loop_until(struct mapi_emsmdb *emsmdb,
				       struct mapi_notify_waiter *waiter,
				       mapi_notify_fn fn, void *private_data,
				       const bool *stop);

/**
 * @brief EcRRegisterPushNotification (MS-OXCRPC 3.1.4.5): the server
 * sends @a context (at most 16 bytes) in a UDP datagram to @a addr
 * (AF_INET or AF_INET6) when notifications are pending.
 *
 * @param emsmdb	the session
 * @param context	rgbContext, sent back in each datagram
 * @param context_len	its length
 * @param addr		the callback address (rgbCallbackAddress)
 * @param addr_len	its length
 * @param[out] handle	hNotification
 */
enum MAPISTATUS mapi_notify_register_push(struct mapi_emsmdb *emsmdb,
					  const uint8_t *context,
					  uint16_t context_len,
					  const struct sockaddr *addr,
					  socklen_t addr_len,
					  uint32_t *handle);

#endif /* MAPI_NOTIFY_H */
