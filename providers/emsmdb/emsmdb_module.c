/*
 * The "emsmdb" endpoint server: EMSMDB and AsyncEMSMDB (MS-OXCRPC),
 * enabled in smb.conf with "dcerpc endpoint servers = +emsmdb".
 */
#include "emsmdb.h"
#include "emsmdb_notify.h"

#include <gen_ndr/ndr_exchange_emsmdb.h>

/* Both interfaces share the notification hub (emsmdb_notify_hub.c):
 * EMSMDB creates it, AsyncEMSMDB, registered after it, finds it. */
static const struct mpx_interface emsmdb_interfaces[] = {
	{ &ndr_table_exchange_emsmdb, emsmdb_fill_interface, emsmdb_setup },
	{ &ndr_table_exchange_async_emsmdb, async_emsmdb_fill_interface,
	  emsmdb_hub_share },
};

NTSTATUS emsmdb_setup(struct dcesrv_context *dce_ctx,
		      struct dcesrv_interface *iface)
{
	NTSTATUS status = emsmdb_hub_setup(dce_ctx, iface);

	if (NT_STATUS_IS_OK(status)) {
		emsmdb_hub_set_wake(discard_const_p(struct emsmdb_hub,
						    iface->private_data),
				    emsmdb_async_wake, emsmdb_push_wake);
	}
	return status;
}

MPX_DEFINE_ENDPOINT_SERVER("emsmdb", emsmdb_interfaces)
