/*
 * Session Contexts (MS-OXCRPC 3.1.1) kept behind EMSMDB context handles.
 */
#include "emsmdb.h"

struct emsmdb_session *emsmdb_session_find(struct dcesrv_call_state *dce_call,
					   const struct policy_handle *wire)
{
	return talloc_get_type(mpx_handle_data(dce_call, wire,
					       MPX_HANDLE_EMSMDB_SESSION),
			       struct emsmdb_session);
}

void emsmdb_session_close(struct dcesrv_call_state *dce_call,
			  struct policy_handle *wire)
{
	mpx_handle_close(dce_call, wire, MPX_HANDLE_EMSMDB_SESSION);
}
