/*
 * The "emsmdb" endpoint server: EMSMDB and AsyncEMSMDB (MS-OXCRPC),
 * enabled in smb.conf with "dcerpc endpoint servers = +emsmdb".
 */
#include "emsmdb.h"

#include <gen_ndr/ndr_exchange_emsmdb.h>

static const struct mpx_interface emsmdb_interfaces[] = {
	{ &ndr_table_exchange_emsmdb, emsmdb_fill_interface },
	{ &ndr_table_exchange_async_emsmdb, async_emsmdb_fill_interface },
};

MPX_DEFINE_ENDPOINT_SERVER("emsmdb", emsmdb_interfaces)
