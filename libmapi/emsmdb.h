/**
 * @file emsmdb.h
 * @brief libmapi: message store client (EMSMDB, MS-OXCRPC) and ROP
 * requests (MS-OXCROPS).
 *
 * A struct mapi_emsmdb is one Session Context: a sealed connection to the
 * server's EMSMDB endpoint and the session context handle EcDoConnectEx
 * returned.  mapi_emsmdb_rops() sends a list of ROP requests (generated
 * struct RopRequest) in one EcDoRpcExt2 call, framed with RPC_HEADER_EXT
 * (compressed and/or obfuscated as asked), and returns the parsed
 * responses and the server object handle table.
 *
 * Every function returns the server's MAPI status, or a MAPI error standing
 * for a transport failure (mapi_status_from_ntstatus()); the NTSTATUS stays
 * available through mapi_emsmdb_last_ntstatus().
 */
#ifndef MAPI_EMSMDB_H
#define MAPI_EMSMDB_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include <core/ntstatus.h>
#include <ndr.h>

#include "mapi_rpc.h"
#include "error.h"
#include "gen_ndr/exchange_emsmdb.h"
#include "gen_ndr/rops.h"

struct mapi_notifications;

/** @brief Client version sent by default: 15.0.4569.1503 (Outlook 2013
 *  SP1), in the three-WORD layout of MS-OXCRPC 3.1.4.1.3. */
#define MAPI_EMSMDB_CLIENT_VERSION { 15, 0x8000, 4569 }

/** @brief Largest rgbOut asked for (MS-OXCRPC 3.1.4.2: 0x40000). */
#define MAPI_EMSMDB_MAX_OUT 0x40000

/** @brief Parameters of EcDoConnectEx (mapi_emsmdb_connect_ex()). */
struct mapi_emsmdb_connect_params {
	const char *user_dn;		/**< szUserDN: the mailbox's DN */
	uint16_t client_version[3];	/**< rgwClientVersion */
	uint32_t flags;			/**< ulFlags */
	uint32_t code_page;		/**< ulCpid, e.g. 1252 */
	uint32_t locale;		/**< ulLcidString and ulLcidSort */
	const uint8_t *aux_in;		/**< rgbAuxIn (NULL: none) */
	uint32_t aux_in_len;		/**< cbAuxIn */
	uint32_t aux_out_max;		/**< pcbAuxOut in (<= 0x1008) */
	uint32_t link;			/**< ulIcxrLink: the session index
					     of a session to link with, or
					     0xFFFFFFFF (the default) */
};

/**
 * @brief Where the server sent a private logon (the RopLogon redirect
 * response, MS-OXCSTOR 2.2.1.1.2) and whether mapi_logon_private() got
 * there.
 */
struct mapi_emsmdb_redirect {
	/** ServerName of the redirect: the ESSDN of the mailbox's home
	 *  server; NULL when no logon of the session was redirected */
	const char *server_dn;
	/** its FQDN (RfrGetFQDNFromServerDN), NULL when not known */
	const char *server_fqdn;
	/** MAPI_E_SUCCESS when the logon was made there; else why not:
	 *  the error of the referral, the connection or the logon there
	 *  (ecWrongServer: that server redirected again) */
	enum MAPISTATUS status;
	/** transport status of the failing step (NT_STATUS_OK if none) */
	NTSTATUS nt_status;
};

/** @brief One Session Context (talloc object; freeing it disconnects). */
struct mapi_emsmdb {
	struct dcerpc_pipe *pipe;	/**< connection to EMSMDB */
	struct policy_handle handle;	/**< session context handle */
	bool connected;			/**< handle valid */
	uint32_t polls_max_ms;		/**< pcmsPollsMax */
	uint32_t retry_count;		/**< pcRetry */
	uint32_t retry_delay_ms;	/**< pcmsRetryDelay */
	uint16_t icxr;			/**< picxr */
	const char *dn_prefix;		/**< szDNPrefix */
	const char *display_name;	/**< szDisplayName */
	uint16_t server_version[3];	/**< rgwServerVersion */
	uint16_t best_version[3];	/**< rgwBestVersion */
	uint32_t timestamp;		/**< pulTimeStamp */
	uint8_t *aux_out;		/**< rgbAuxOut of EcDoConnectEx */
	uint32_t aux_out_len;		/**< its size */
	NTSTATUS last_ntstatus;		/**< last transport status */
	/** client state the session was opened with (not owned) */
	struct mapi_rpc_context *rpc;
	/** server and credentials it was opened with (copies) */
	struct mapi_rpc_params params;
	/** its EcDoConnectEx parameters (a copy, without rgbAuxIn and
	 *  ulIcxrLink, for mapi_emsmdb_reopen()) */
	struct mapi_emsmdb_connect_params connect;
	/** the last redirect of a private logon on this session */
	struct mapi_emsmdb_redirect redirect;
	/** RopNotify/RopPending received, not yet taken (notify.h) */
	struct mapi_notifications *received;
};


/** @brief Fill @a p with the defaults for @a user_dn. */
void mapi_emsmdb_connect_params_init(struct mapi_emsmdb_connect_params *p,
				     const char *user_dn);

/**
 * @brief Connect to EMSMDB and open a session (EcDoConnectEx).
 *
 * @param mem_ctx		owner of the session
 * @param rpc			client state (mapi_rpc_context_init())
 * @param params		server and credentials
 * @param cp			the EcDoConnectEx parameters
 * @param[out] nt_status	transport status (may be NULL)
 * @param[out] out		the session; NULL on failure
 */
enum MAPISTATUS mapi_emsmdb_connect_ex(TALLOC_CTX *mem_ctx,
				       struct mapi_rpc_context *rpc,
				       const struct mapi_rpc_params *params,
				       const struct mapi_emsmdb_connect_params
					       *cp,
				       NTSTATUS *nt_status,
				       struct mapi_emsmdb **out);

/** @brief mapi_emsmdb_connect_ex() with the default parameters. */
enum MAPISTATUS mapi_emsmdb_connect(TALLOC_CTX *mem_ctx,
				    struct mapi_rpc_context *rpc,
				    const struct mapi_rpc_params *params,
				    const char *user_dn,
				    struct mapi_emsmdb **out);

/**
 * @brief Open a session like @a emsmdb (same credentials, user and
 * EcDoConnectEx parameters) on another server, e.g. the home server a
 * RopLogon redirect names.
 *
 * @param mem_ctx	owner of the new session
 * @param emsmdb	the session to copy
 * @param server	host name or address of the other server
 * @param[out] nt_status	transport status (may be NULL)
 * @param[out] out	the new session; NULL on failure
 * @return as mapi_emsmdb_connect_ex(); MAPI_E_INVALID_PARAMETER for a
 *	   session not opened by mapi_emsmdb_connect_ex()
 */
enum MAPISTATUS mapi_emsmdb_reopen(TALLOC_CTX *mem_ctx,
				   struct mapi_emsmdb *emsmdb,
				   const char *server, NTSTATUS *nt_status,
				   struct mapi_emsmdb **out);

/** @brief Close the session (EcDoDisconnect); the connection stays. */
enum MAPISTATUS mapi_emsmdb_disconnect(struct mapi_emsmdb *emsmdb);

/** @brief Transport status of the last call. */
NTSTATUS mapi_emsmdb_last_ntstatus(const struct mapi_emsmdb *emsmdb);

/** @brief Get the session's asynchronous context handle
 *  (EcDoAsyncConnectEx). */
enum MAPISTATUS mapi_emsmdb_async_connect(struct mapi_emsmdb *emsmdb,
					  struct policy_handle *async);

/**
 * @brief One EcDoRpcExt2 call with a raw rgbIn (already framed).
 *
 * Retries up to the session's pcRetry times, pcmsRetryDelay apart, while
 * the server answers RPC_S_SERVER_TOO_BUSY (MS-OXCRPC 3.2.4.4).
 *
 * @param emsmdb	the session
 * @param mem_ctx	owner of @a out's data
 * @param flags		pulFlags (pulFlags_NoCompression, ...)
 * @param in		rgbIn: RPC_HEADER_EXT and payload
 * @param in_len	its size (cbIn)
 * @param max_out	pcbOut on input
 * @param[out] out	rgbOut, on @a mem_ctx
 */
enum MAPISTATUS mapi_emsmdb_rpc_ext2(struct mapi_emsmdb *emsmdb,
				     TALLOC_CTX *mem_ctx, uint32_t flags,
				     const uint8_t *in, uint32_t in_len,
				     uint32_t max_out, DATA_BLOB *out);

/** @brief Options of mapi_emsmdb_rops(). */
struct mapi_emsmdb_rop_options {
	bool compress;		/**< compress the request */
	bool obfuscate;		/**< obfuscate it (RHEF_XORMAGIC) */
	uint32_t pul_flags;	/**< pulFlags: what the response may use */
	uint32_t max_out;	/**< pcbOut; 0 means MAPI_EMSMDB_MAX_OUT */
};

/** @brief The ROP output buffer of mapi_emsmdb_rops(). */
struct mapi_emsmdb_rop_result {
	struct RopResponse *responses;	/**< in the order of the server */
	uint32_t count;			/**< number of responses */
	uint32_t *handles;		/**< ServerObjectHandleTable */
	uint32_t handle_count;		/**< its entries */
};

/**
 * @brief Send ROP requests in one ROP input buffer (MS-OXCROPS 2.2.1) and
 * parse the ROP output buffer.
 *
 * Responses whose rows depend on earlier columns (RopQueryRows, ...) keep
 * those rows as bytes; see libmapi/ndr/property_row.h.
 *
 * @param emsmdb	the session
 * @param mem_ctx	owner of @a result's data
 * @param requests	the ROP requests, in order
 * @param count		their number
 * @param handles	ServerObjectHandleTable of the request
 * @param handle_count	its entries
 * @param opts		NULL: uncompressed, not obfuscated, default flags
 * @param[out] result	on @a mem_ctx
 */
enum MAPISTATUS mapi_emsmdb_rops(struct mapi_emsmdb *emsmdb,
				 TALLOC_CTX *mem_ctx,
				 const struct RopRequest *requests,
				 uint32_t count, const uint32_t *handles,
				 uint32_t handle_count,
				 const struct mapi_emsmdb_rop_options *opts,
				 struct mapi_emsmdb_rop_result *result);

/**
 * @brief Send ROP requests already encoded as a RopsList (the requests
 * one after the other, MS-OXCROPS 2.2.1), for requests whose layout the
 * generated RopRequest cannot express (it depends on the logon's kind);
 * like mapi_emsmdb_rops() otherwise.
 */
enum MAPISTATUS mapi_emsmdb_rops_list(struct mapi_emsmdb *emsmdb,
				      TALLOC_CTX *mem_ctx,
				      const DATA_BLOB *rops_list,
				      const uint32_t *handles,
				      uint32_t handle_count,
				      const struct mapi_emsmdb_rop_options
					      *opts,
				      struct mapi_emsmdb_rop_result *result);

/**
 * @brief Encode ROP requests as a ROP input buffer (MS-OXCROPS 2.2.1).
 */
enum MAPISTATUS mapi_emsmdb_build_rops(TALLOC_CTX *mem_ctx,
				       const struct RopRequest *requests,
				       uint32_t count,
				       const uint32_t *handles,
				       uint32_t handle_count, DATA_BLOB *out);

/**
 * @brief Parse a ROP output buffer (MS-OXCROPS 2.2.1).
 *
 * @return MAPI_E_SUCCESS, or MAPI_E_CORRUPT_DATA
 */
enum MAPISTATUS mapi_emsmdb_parse_rops(TALLOC_CTX *mem_ctx,
				       const DATA_BLOB *buffer,
				       struct mapi_emsmdb_rop_result *result);

/**
 * @brief Send one ROP on one server object and return its response.
 *
 * The handle table is { @a in_handle, 0xFFFFFFFF }: the request's
 * InputHandleIndex is set to 0; a ROP that creates an object must name
 * OutputHandleIndex 1 in its body, and @a out_handle receives the new
 * object's handle.
 *
 * @return the ROP's ReturnValue, or the transport/framing error
 */
enum MAPISTATUS mapi_emsmdb_object_rop(struct mapi_emsmdb *e,
				       TALLOC_CTX *mem_ctx,
				       uint32_t in_handle,
				       struct RopRequest *request,
				       struct RopResponse **response,
				       uint32_t *out_handle);

#endif /* MAPI_EMSMDB_H */
