/**
 * @file mapi_rpc.h
 * @brief libmapi: DCE/RPC connections to the Exchange interfaces.
 *
 * The client library talks to EMSMDB, AsyncEMSMDB, NSPI and the address
 * book referral interface over ncacn_ip_tcp (resolved through the endpoint
 * mapper) or ncalrpc, authenticated with NTLM and sealed by default.
 */
#ifndef MAPI_RPC_H
#define MAPI_RPC_H

#include <stdbool.h>
#include <talloc.h>
#include <tevent.h>
#include <core/ntstatus.h>

struct loadparm_context;
struct dcerpc_pipe;
struct ndr_interface_table;

/** @brief Process-wide client state: event loop and Samba configuration. */
struct mapi_rpc_context {
	struct tevent_context *ev;	/**< event context for every call */
	struct loadparm_context *lp_ctx;	/**< loaded smb.conf (may be empty) */
};

/** @brief Whom to connect to and as whom. */
struct mapi_rpc_params {
	const char *server;	/**< host name or IPv4 address */
	const char *username;	/**< account name; NULL with anonymous */
	const char *password;	/**< password of @a username */
	const char *domain;	/**< NetBIOS domain of @a username */
	bool anonymous;		/**< bind without credentials */
	bool local;		/**< ncalrpc on this host instead of TCP */
	/** Binding options, e.g. "seal" (default when NULL), "sign", "". */
	const char *options;
};

/**
 * @brief Create the client state.
 *
 * @param mem_ctx	owner of the returned context
 * @param smb_conf	smb.conf to load, or NULL for built-in defaults
 * @return the context, or NULL when out of memory or the file fails to load
 */
struct mapi_rpc_context *mapi_rpc_context_init(TALLOC_CTX *mem_ctx,
					       const char *smb_conf);

/**
 * @brief Connect and bind to one interface.
 *
 * Resolves the endpoint through the server's endpoint mapper (or uses
 * ncalrpc, whose socket directory comes from the loaded smb.conf, when
 * @a params->local is set), then binds with NTLM (Kerberos disabled) at
 * the level given by @a params->options.
 *
 * @param mem_ctx	owner of the returned pipe (and of the credentials it
 *			uses: free the pipe by freeing a context of its own)
 * @param ctx		client state from mapi_rpc_context_init()
 * @param params	server and credentials
 * @param table		interface, e.g. &ndr_table_exchange_emsmdb
 * @param[out] pipe	the connected pipe
 * @return NT_STATUS_OK, or the connection/bind error (e.g.
 *	   NT_STATUS_LOGON_FAILURE for a wrong password)
 */
NTSTATUS mapi_rpc_connect(TALLOC_CTX *mem_ctx, struct mapi_rpc_context *ctx,
			  const struct mapi_rpc_params *params,
			  const struct ndr_interface_table *table,
			  struct dcerpc_pipe **pipe);

/**
 * @brief mapi_rpc_connect() joining the association group
 * @a assoc_group_id (0: a new one), as a second connection of a client
 * does to share context handles (e.g. AsyncEMSMDB beside EMSMDB).
 */
NTSTATUS mapi_rpc_connect_assoc(TALLOC_CTX *mem_ctx,
				struct mapi_rpc_context *ctx,
				const struct mapi_rpc_params *params,
				const struct ndr_interface_table *table,
				uint32_t assoc_group_id,
				struct dcerpc_pipe **pipe);

/**
 * @brief Ask the server's endpoint mapper where an interface listens.
 *
 * @param mem_ctx	owner of @a endpoint
 * @param ctx		client state
 * @param server	host name or address
 * @param table		the interface
 * @param[out] endpoint	e.g. "49153" for ncacn_ip_tcp, allocated on mem_ctx
 */
NTSTATUS mapi_rpc_map_endpoint(TALLOC_CTX *mem_ctx,
			       struct mapi_rpc_context *ctx,
			       const char *server,
			       const struct ndr_interface_table *table,
			       const char **endpoint);

/**
 * @brief Parse "user%password", "DOMAIN\\user%password" or "user" into
 * @a params (strings allocated on @a mem_ctx).
 */
void mapi_rpc_params_parse_user(TALLOC_CTX *mem_ctx,
				struct mapi_rpc_params *params,
				const char *user_string);

#endif /* MAPI_RPC_H */
