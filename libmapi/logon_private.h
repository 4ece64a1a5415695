/*
 * libmapi: the parts of a private logon shared by logon.c and
 * logon_redirect.c; not installed, not exported.
 */
#ifndef MAPI_LOGON_PRIVATE_H
#define MAPI_LOGON_PRIVATE_H

#include "logon.h"

/*
 * One RopLogon to the private mailbox @a essdn on @a emsmdb.  On
 * ecWrongServer *@a redirect_dn is the redirect's ServerName (on
 * @a mem_ctx), when the response carries a well-formed one.
 */
enum MAPISTATUS logon_private_once(TALLOC_CTX *mem_ctx,
				   struct mapi_emsmdb *emsmdb,
				   uint8_t logon_id, const char *essdn,
				   struct mapi_logon **out,
				   const char **redirect_dn);

/*
 * After a redirect to @a server_dn: resolve it, open a session there
 * and log on again, once (logon_redirect.c).  Records what happened in
 * @a emsmdb->redirect.
 */
enum MAPISTATUS logon_follow_redirect(TALLOC_CTX *mem_ctx,
				      struct mapi_emsmdb *emsmdb,
				      uint8_t logon_id, const char *essdn,
				      const char *server_dn,
				      struct mapi_logon **out);

#endif /* MAPI_LOGON_PRIVATE_H */
