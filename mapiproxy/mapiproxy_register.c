/*
 * Registration of a provider's interfaces with Samba's RPC server.
 */
#include "mapiproxy.h"

#include <string.h>
#include <util/debug.h>
#include <ndr.h>

NTSTATUS mpx_register_interfaces(struct dcesrv_context *dce_ctx,
				 const struct mpx_interface *ifaces,
				 size_t count)
{
	size_t i;
	uint32_t e;

	for (i = 0; i < count; i++) {
		const struct ndr_interface_table *table = ifaces[i].table;
		struct dcesrv_interface *iface;

		/* Lives as long as the RPC server context that uses it. */
		iface = talloc_zero(dce_ctx, struct dcesrv_interface);
		if (iface == NULL) {
			return NT_STATUS_NO_MEMORY;
		}
		ifaces[i].fill(iface);
		if (ifaces[i].setup != NULL) {
			NTSTATUS status = ifaces[i].setup(dce_ctx, iface);

			if (!NT_STATUS_IS_OK(status)) {
				return status;
			}
		}

		for (e = 0; e < table->endpoints->count; e++) {
			const char *name = table->endpoints->names[e];
			NTSTATUS status;

			status = dcesrv_interface_register(dce_ctx, name, NULL,
							   iface, NULL);
			if (!NT_STATUS_IS_OK(status)) {
				DBG_ERR("cannot register %s on %s: %s\n",
					table->name, name, nt_errstr(status));
				return status;
			}
			DBG_INFO("registered %s on %s\n", table->name, name);
		}
	}
	return NT_STATUS_OK;
}

bool mpx_interface_by_uuid(const struct mpx_interface *ifaces, size_t count,
			   struct dcesrv_interface *iface,
			   const struct GUID *uuid, uint32_t if_version)
{
	size_t i;

	for (i = 0; i < count; i++) {
		const struct ndr_syntax_id *id = &ifaces[i].table->syntax_id;

		if (id->if_version == if_version &&
		    GUID_equal(&id->uuid, uuid)) {
			ifaces[i].fill(iface);
			return true;
		}
	}
	return false;
}

bool mpx_interface_by_name(const struct mpx_interface *ifaces, size_t count,
			   struct dcesrv_interface *iface, const char *name)
{
	size_t i;

	for (i = 0; i < count; i++) {
		if (strcmp(ifaces[i].table->name, name) == 0) {
			ifaces[i].fill(iface);
			return true;
		}
	}
	return false;
}

NTSTATUS mpx_register_ep_server(const struct dcesrv_endpoint_server *ep)
{
	NTSTATUS status = dcerpc_register_ep_server(ep);

	if (!NT_STATUS_IS_OK(status)) {
		DBG_ERR("failed to register endpoint server '%s': %s\n",
			ep->name, nt_errstr(status));
	}
	return status;
}
