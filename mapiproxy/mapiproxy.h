/*
 * mapiproxy: the Samba endpoint-module plumbing shared by every provider.
 *
 * Providers (providers/emsabp, providers/emsmdb) are Samba dcerpc_server
 * modules.  This library gives them one way to register several
 * interfaces under one endpoint server name, one access policy for every
 * call (authenticated, not anonymous, sealed unless relaxed in smb.conf),
 * smb.conf options, and typed context handles bound to the caller.
 */
#ifndef MAPIPROXY_H
#define MAPIPROXY_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <talloc.h>
#include <core/ntstatus.h>
#include <dcesrv_core.h>

struct loadparm_context;

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/** The smb.conf section of options shared by every provider. */
#define MPX_OPTION_SECTION "mapiproxy"

/**
 * @brief Read a boolean parametric option "SECTION:NAME" from smb.conf.
 */
bool mpx_option_bool(struct loadparm_context *lp_ctx, const char *section,
		     const char *name, bool default_value);

/**
 * @brief Read an integer parametric option "SECTION:NAME" from smb.conf.
 */
int mpx_option_int(struct loadparm_context *lp_ctx, const char *section,
		   const char *name, int default_value);

/**
 * @brief Read a string parametric option "SECTION:NAME" from smb.conf.
 */
const char *mpx_option_string(struct loadparm_context *lp_ctx,
			      const char *section, const char *name,
			      const char *default_value);

/**
 * @brief True unless smb.conf relaxes "mapiproxy:require sealing = no".
 */
bool mpx_require_sealing(struct loadparm_context *lp_ctx);

/**
 * @brief Bind hook for every provider interface: demands packet privacy
 * (sealing) for every later call unless the option relaxes it.
 */
NTSTATUS mpx_bind_policy(struct dcesrv_connection_context *context,
			 const struct dcesrv_interface *iface);

/**
 * @brief Whether the caller of this call may use the provider at all:
 * authenticated, not the anonymous logon, and at the required level.
 */
bool mpx_call_is_authorised(struct dcesrv_call_state *dce_call);

/** Signature of a pidl-generated interface ndr_pull function. */
typedef NTSTATUS (*mpx_ndr_pull_fn)(struct dcesrv_call_state *dce_call,
				    TALLOC_CTX *mem_ctx,
				    struct ndr_pull *pull, void **r);

/**
 * @brief Decode a request with a generated ndr_pull function, after the
 * access policy.
 *
 * A refused caller gets the DCE/RPC fault nca_s_fault_access_denied before
 * a byte of the request is decoded, and the operation is never run.
 */
NTSTATUS mpx_ndr_pull_checked(struct dcesrv_call_state *dce_call,
			      TALLOC_CTX *mem_ctx, struct ndr_pull *pull,
			      void **r, mpx_ndr_pull_fn ndr_pull);

/**
 * @brief One interface of a provider, as handed to the registration helpers.
 *
 * @a fill copies the generated interface description into @a iface with the
 * provider's policy hooks installed.  @a setup (optional) runs once when
 * the interface is registered with an RPC server context: it may hang
 * per-server-process state (caches) off @a dce_ctx and point
 * @a iface->private_data at it, where calls find it again through
 * dce_call->context->iface->private_data.
 */
struct mpx_interface {
	const struct ndr_interface_table *table;
	void (*fill)(struct dcesrv_interface *iface);
	NTSTATUS (*setup)(struct dcesrv_context *dce_ctx,
			  struct dcesrv_interface *iface);
};

/**
 * @brief Register every interface of a provider on each of its endpoints
 * (as listed in the IDL: ncacn_ip_tcp via the endpoint mapper, ncalrpc).
 */
NTSTATUS mpx_register_interfaces(struct dcesrv_context *dce_ctx,
				 const struct mpx_interface *ifaces,
				 size_t count);

/** @brief interface_by_uuid over a provider's interface list. */
bool mpx_interface_by_uuid(const struct mpx_interface *ifaces, size_t count,
			   struct dcesrv_interface *iface,
			   const struct GUID *uuid, uint32_t if_version);

/** @brief interface_by_name over a provider's interface list. */
bool mpx_interface_by_name(const struct mpx_interface *ifaces, size_t count,
			   struct dcesrv_interface *iface, const char *name);

/**
 * @brief Create a context handle of @a handle_type owning @a data.
 *
 * @a data is reparented to the handle: it lives exactly as long as the
 * handle (until the client closes it or the association goes away).
 * Samba binds the handle to the caller's SID, so a handle can never be
 * used by another user.
 */
struct dcesrv_handle *mpx_handle_new(struct dcesrv_call_state *dce_call,
				     uint8_t handle_type, void *data);

/**
 * @brief Find the data of a context handle of @a handle_type, or NULL if
 * the handle is unknown, of another type, or owned by another caller.
 */
void *mpx_handle_data(struct dcesrv_call_state *dce_call,
		      const struct policy_handle *wire, uint8_t handle_type);

/** @brief Destroy a context handle and everything it owns. */
void mpx_handle_close(struct dcesrv_call_state *dce_call,
		      struct policy_handle *wire, uint8_t handle_type);

/** Context handle types used by the providers. */
enum mpx_handle_type {
	MPX_HANDLE_NSPI = 1,
	MPX_HANDLE_EMSMDB_SESSION = 2,
	MPX_HANDLE_EMSMDB_ASYNC = 3
};

/**
 * @brief Register an endpoint server with Samba, logging failures.
 */
NTSTATUS mpx_register_ep_server(const struct dcesrv_endpoint_server *ep);

/**
 * @brief Define a provider module: the endpoint server @a ep_name serving
 * the interfaces of the array @a ifaces, and the samba_init_module() that
 * Samba calls when it loads the module.  Use once per module.
 */
#define MPX_DEFINE_ENDPOINT_SERVER(ep_name, ifaces) \
	static NTSTATUS mpx_ep_init_server(struct dcesrv_context *dce_ctx, \
			const struct dcesrv_endpoint_server *ep) \
	{ \
		return mpx_register_interfaces(dce_ctx, ifaces, \
					       ARRAY_SIZE(ifaces)); \
	} \
	static NTSTATUS mpx_ep_shutdown_server(struct dcesrv_context *dce_ctx, \
			const struct dcesrv_endpoint_server *ep) \
	{ \
		return NT_STATUS_OK; \
	} \
	static bool mpx_ep_interface_by_uuid(struct dcesrv_interface *iface, \
			const struct GUID *uuid, uint32_t if_version) \
	{ \
		return mpx_interface_by_uuid(ifaces, ARRAY_SIZE(ifaces), \
					     iface, uuid, if_version); \
	} \
	static bool mpx_ep_interface_by_name(struct dcesrv_interface *iface, \
			const char *name) \
	{ \
		return mpx_interface_by_name(ifaces, ARRAY_SIZE(ifaces), \
					     iface, name); \
	} \
	NTSTATUS samba_init_module(TALLOC_CTX *ctx); \
	NTSTATUS samba_init_module(TALLOC_CTX *ctx) \
	{ \
		static const struct dcesrv_endpoint_server ep = { \
			.name = (ep_name), \
			.init_server = mpx_ep_init_server, \
			.shutdown_server = mpx_ep_shutdown_server, \
			.interface_by_uuid = mpx_ep_interface_by_uuid, \
			.interface_by_name = mpx_ep_interface_by_name, \
		}; \
		return mpx_register_ep_server(&ep); \
	}

#endif /* MAPIPROXY_H */
