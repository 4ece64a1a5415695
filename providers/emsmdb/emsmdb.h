/*
 * EMSMDB provider: the Exchange message store protocol (MS-OXCRPC) and the
 * ROPs it carries (MS-OXCROPS), served from the project's store.
 *
 * emsmdb_rpc.c       RPC entry points, argument limits
 * emsmdb_connect.c   EcDoConnectEx, EcDoAsyncConnectEx (MS-OXCRPC 3.1.4.1,
 *                    3.1.4.4), client version checks
 * emsmdb_user.c      the caller's mailbox in the directory
 * emsmdb_session.c   Session Contexts behind the context handles
 * emsmdb_aux.c       auxiliary buffers (MS-OXCRPC 2.2.2.2)
 * emsmdb_rpc_ext.c   EcDoRpcExt2 extended buffers (MS-OXCRPC 3.1.4.2)
 * emsmdb_rop*.c      the ROP engine, its dispatch table and the handlers
 * emsmdb_object.c    Server objects of a session
 * emsmdb_delivery.c  the session's local delivery (delivery/), resumed
 *                    queue at every EcDoConnectEx
 * emsmdb_notify*.c,  notifications (MS-OXCNOTIF): see emsmdb_notify.h
 * emsmdb_async.c, emsmdb_push.c
 */
#ifndef EMSMDB_H
#define EMSMDB_H

#include "mapiproxy/mapiproxy.h"
#include <gen_ndr/exchange_emsmdb.h>
#include "emsmdb_rop.h"

struct mapi_collator;
struct mdeliver;
struct emsmdb_notify;

/** A Session Context (MS-OXCRPC 3.1.1), owned by its context handle. */
struct emsmdb_session {
	/** Account that created the session; only it may use the handle. */
	const char *account_name;
	/** The mailbox's legacyExchangeDN (szUserDN of EcDoConnectEx). */
	const char *user_dn;
	/** The mailbox's display name. */
	const char *display_name;
	/** rgwClientVersion as sent. */
	uint16_t client_version[3];
	/** ulCpid, ulLcidString, ulLcidSort of EcDoConnectEx. */
	uint32_t code_page;
	uint32_t lcid_string;
	uint32_t lcid_sort;
	/** Collator of lcid_sort (tables), made when first needed. */
	struct mapi_collator *collator;
	/** Server objects of the session (logons and what they opened). */
	struct emsmdb_object_table *objects;
	/** Where mailbox databases live (smb.conf mapistore:directory). */
	const char *store_directory;
	/** This server's NetBIOS name (its cn in server DNs). */
	const char *server_name;
	/** The asynchronous context handle bound to this session, if any. */
	struct dcesrv_handle *async;
	/** Local delivery of submitted messages (delivery/delivery.h). */
	struct mdeliver *delivery;
	/** Notification state (emsmdb_notify.h); NULL without a hub. */
	struct emsmdb_notify *notify;
	/** ESSDN of the mailbox's home server when it is homed on another
	 *  server (read at EcDoConnectEx): RopLogon redirects there
	 *  (MS-OXCSTOR 3.2.5.1.1); NULL when homed here. */
	const char *home_server_dn;
};

/** Data of an asynchronous context handle (MS-OXCRPC 3.3.1). */
struct emsmdb_async {
	/** The session; NULL once it is closed. */
	struct emsmdb_session *session;
};

/** The caller's mailbox as the directory knows it. */
struct emsmdb_user {
	const char *legacy_dn;		/**< legacyExchangeDN */
	const char *display_name;	/**< displayName (or account) */
	/** ESSDN of its home server when that is another server than
	 *  this one, else NULL (mapiproxy/mapiproxy_home.h) */
	const char *home_server;
};

enum MAPISTATUS emsmdb_user_lookup(TALLOC_CTX *mem_ctx,
				   struct dcesrv_call_state *dce_call,
				   const char *user_dn,
				   struct emsmdb_user *user);

struct emsmdb_session *emsmdb_session_new(struct dcesrv_call_state *dce_call,
					  struct policy_handle *wire);
struct emsmdb_session *emsmdb_session_find(struct dcesrv_call_state *dce_call,
					   const struct policy_handle *wire);
void emsmdb_session_close(struct dcesrv_call_state *dce_call,
			  struct policy_handle *wire);
bool emsmdb_session_async(struct dcesrv_call_state *dce_call,
			  struct emsmdb_session *session,
			  struct policy_handle *wire);

enum MAPISTATUS emsmdb_delivery_setup(struct emsmdb_session *session,
				      struct dcesrv_call_state *dce_call);

enum MAPISTATUS emsmdb_connect(struct dcesrv_call_state *dce_call,
			       TALLOC_CTX *mem_ctx, struct EcDoConnectEx *r);
enum MAPISTATUS emsmdb_rpc_ext2(struct emsmdb_session *session,
				struct dcesrv_call_state *dce_call,
				TALLOC_CTX *mem_ctx, struct EcDoRpcExt2 *r);
enum MAPISTATUS emsmdb_async_connect(struct emsmdb_session *session,
				     struct dcesrv_call_state *dce_call,
				     TALLOC_CTX *mem_ctx,
				     struct EcDoAsyncConnectEx *r);
enum MAPISTATUS emsmdb_async_wait(struct dcesrv_call_state *dce_call,
				  TALLOC_CTX *mem_ctx,
				  struct EcDoAsyncWaitEx *r);
void emsmdb_async_wake(struct emsmdb_notify *notify);
enum MAPISTATUS emsmdb_push_register(struct emsmdb_session *session,
				     struct dcesrv_call_state *dce_call,
				     struct EcRRegisterPushNotification *r);
void emsmdb_push_wake(struct emsmdb_notify *notify);
NTSTATUS emsmdb_setup(struct dcesrv_context *dce_ctx,
		      struct dcesrv_interface *iface);

void emsmdb_fill_interface(struct dcesrv_interface *iface);
void async_emsmdb_fill_interface(struct dcesrv_interface *iface);

#endif /* EMSMDB_H */
