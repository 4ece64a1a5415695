/*
 * The ROPs of MS-OXCROPS 2.2.15 that the client sends: RopRelease.
 */
#include "emsmdb_rop_handlers.h"

#include <util/debug.h>

/*
 * MS-OXCROPS 2.2.15.3: release the Server object of InputHandleIndex and
 * every object it owns (MS-OXCROPS 3.1.5.3; a logon: every object of
 * the logon).
 * It has no response, so an invalid handle is simply ignored.
 */
enum MAPISTATUS emsmdb_rop_release(struct emsmdb_rop_call *call)
{
	DBG_DEBUG("RopRelease of handle 0x%08x\n", call->input->handle);
	emsmdb_object_release(call->input);
	call->input = NULL;
	return MAPI_E_SUCCESS;
}
