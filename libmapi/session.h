/**
 * @file session.h
 * @brief libmapi: a MAPI session, the starting point of a message store
 * client.
 *
 * A struct mapi_session joins what a client needs to work on a mailbox:
 * the server and credentials, who the user is (a struct mapi_profile:
 * legacyExchangeDN, display name, home server), one EMSMDB session
 * (struct mapi_emsmdb) and the logons made over it: the user's own
 * mailbox and, when asked for, the public folders.  Both logons are made
 * on first use and live as long as the session.
 *
 * Freeing the session (talloc_free()) ends the EMSMDB session
 * (EcDoDisconnect) and frees the logons.
 */
#ifndef MAPI_SESSION_H
#define MAPI_SESSION_H

#include "mapi_rpc.h"
#include "profile.h"
#include "logon.h"
#include "error.h"

/** @brief LogonId of the mailbox logon of a session. */
#define MAPI_SESSION_MAILBOX_LOGON_ID	0
/** @brief LogonId of the public folders logon of a session. */
#define MAPI_SESSION_PUBLIC_LOGON_ID	1

/** @brief A session on one user's mailbox server (talloc object). */
struct mapi_session {
	struct mapi_rpc_context *rpc;	/**< client state (not owned) */
	struct mapi_rpc_params params;	/**< server and credentials */
	struct mapi_profile *profile;	/**< who the user is */
	struct mapi_emsmdb *emsmdb;	/**< the EMSMDB session */
	struct mapi_logon *mailbox;	/**< the mailbox logon, once made */
	struct mapi_logon *public_folders; /**< the public logon, once made */
};

/**
 * @brief Open a session: ask the address book who the user is (unless
 * @a profile says it), then connect to the message store (EcDoConnectEx)
 * in the profile's code page and locale.  No logon is made yet.
 *
 * @param mem_ctx	owner of the session
 * @param rpc		client state (mapi_rpc_context_init())
 * @param params	server and credentials; copied
 * @param profile	the user's profile (copied), or NULL to ask the
 *			server with mapi_profile_fetch()
 * @param[out] out	the session, owned by @a mem_ctx
 * @return MAPI_E_SUCCESS; MAPI_E_LOGON_FAILED (wrong password),
 *	   MAPI_E_NETWORK_ERROR (server unreachable), MAPI_E_NOT_FOUND (the
 *	   user has no mailbox), or the EcDoConnectEx error
 */
enum MAPISTATUS mapi_session_open(TALLOC_CTX *mem_ctx,
				  struct mapi_rpc_context *rpc,
				  const struct mapi_rpc_params *params,
				  const struct mapi_profile *profile,
				  struct mapi_session **out);

/**
 * @brief The logon to the user's own mailbox (RopLogon with LogonId
 * #MAPI_SESSION_MAILBOX_LOGON_ID), made on the first call.
 *
 * @param session	the session
 * @param[out] out	the logon, owned by the session
 * @return MAPI_E_SUCCESS or the RopLogon error
 */
enum MAPISTATUS mapi_session_mailbox(struct mapi_session *session,
				     struct mapi_logon **out);

/**
 * @brief The logon to the public folders (LogonId
 * #MAPI_SESSION_PUBLIC_LOGON_ID), made on the first call.
 *
 * @param session	the session
 * @param[out] out	the logon, owned by the session
 * @return MAPI_E_SUCCESS or the RopLogon error
 */
enum MAPISTATUS mapi_session_public(struct mapi_session *session,
				    struct mapi_logon **out);

#endif /* MAPI_SESSION_H */
