/*
 * EMSABP provider: the Exchange address book (NSPI, MS-OXNSPI) and the
 * address book referral interface (MS-OXABREF), served from the users and
 * groups of the Samba AD DC the module is loaded into.
 */
#ifndef EMSABP_H
#define EMSABP_H

#include "mapiproxy/mapiproxy.h"
#include <gen_ndr/exchange_nsp.h>
#include <gen_ndr/exchange_ds_rfr.h>

/** An NSPI session, owned by its context handle (MS-OXNSPI 3.1.4.1.1). */
struct emsabp_session {
	/** Account that bound (Samba also ties the handle to its SID). */
	const char *account_name;
	/** STAT.CodePage of the bind: the code page of string8 values. */
	uint32_t code_page;
	/** STAT.TemplateLocale and SortLocale of the bind. */
	uint32_t template_locale;
	uint32_t sort_locale;
};

/** Fill @a guid with this server's NSPI GUID; false if unavailable. */
bool emsabp_server_guid(struct dcesrv_call_state *dce_call,
			TALLOC_CTX *mem_ctx, struct FlatUID_r *guid);

struct emsabp_session *emsabp_session_find(struct dcesrv_call_state *dce_call,
					   const struct policy_handle *wire);

void nspi_fill_interface(struct dcesrv_interface *iface);
void rfr_fill_interface(struct dcesrv_interface *iface);

#endif /* EMSABP_H */
