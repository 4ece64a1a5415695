/*
 * What the transport ROPs (MS-OXOMSG 2.2.4, 2.2.5) share: the session's
 * delivery and the private logon they act on.
 */
#ifndef EMSMDB_ROP_TRANSPORT_H
#define EMSMDB_ROP_TRANSPORT_H

#include "emsmdb.h"
#include "emsmdb_logon.h"
#include "delivery/delivery.h"

/**
 * @brief The session and logon of a transport ROP: a private logon on
 * the caller's own mailbox (a user submits from his own mailbox only).
 * @return MAPI_E_NO_SUPPORT on a public folders logon (MS-OXOMSG
 *	   3.3.5.2), MAPI_E_NO_ACCESS on another mailbox,
 *	   MAPI_E_CALL_FAILED when the session has no delivery
 */
enum MAPISTATUS emsmdb_transport_of(struct emsmdb_rop_call *call,
				    struct emsmdb_session **session,
				    struct emsmdb_logon **logon);

#endif /* EMSMDB_ROP_TRANSPORT_H */
