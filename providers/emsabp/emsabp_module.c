/*
 * The "emsabp" endpoint server: NSPI (MS-OXNSPI) and the address book
 * referral interface (MS-OXABREF), enabled in smb.conf with
 * "dcerpc endpoint servers = +emsabp".
 */
#include "emsabp.h"

#include <gen_ndr/ndr_exchange_nsp.h>
#include <gen_ndr/ndr_exchange_ds_rfr.h>

static const struct mpx_interface emsabp_interfaces[] = {
	{ &ndr_table_exchange_nsp, nspi_fill_interface, emsabp_cache_setup },
	{ &ndr_table_exchange_ds_rfr, rfr_fill_interface },
};

MPX_DEFINE_ENDPOINT_SERVER("emsabp", emsabp_interfaces)
