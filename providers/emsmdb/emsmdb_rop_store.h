/*
 * Helpers shared by the store ROP files (emsmdb_rop_store*.c): the
 * conversions between the store's GUIDs and ids and their wire forms.
 */
#ifndef EMSMDB_ROP_STORE_H
#define EMSMDB_ROP_STORE_H

#include "emsmdb.h"
#include "emsmdb_logon.h"

/** @brief A store GUID as the wire GUID (its 16 bytes in order). */
void emsmdb_guid_to_wire(struct GUID *out, const struct mstore_guid *in);

/** @brief A wire GUID as a store GUID. */
void emsmdb_guid_from_wire(struct mstore_guid *out, const struct GUID *in);

/** @brief A LongTermId (MS-OXCDATA 2.2.1.3.1) as the store's. */
void emsmdb_ltid_from_wire(struct mstore_long_term_id *out,
			   const struct LongTermId *in);

/** @brief The store's LongTermId in its wire form (Pad zero). */
void emsmdb_ltid_to_wire(struct LongTermId *out,
			 const struct mstore_long_term_id *in);

/** @brief True for a logon to the public folders. */
bool emsmdb_logon_is_public(const struct emsmdb_logon *logon);

/**
 * @brief The ESSDN of this server's public folder database
 * (".../cn=Configuration/cn=Servers/cn=NAME/cn=Microsoft Public MDB", in
 * the organisation of the session's mailbox), on @a mem_ctx.
 */
const char *emsmdb_public_mdb_dn(TALLOC_CTX *mem_ctx,
				 const struct emsmdb_session *session);

/**
 * @brief Fill @a resp with RopLogon's redirect response (MS-OXCROPS
 * 2.2.3.1.4): the Private, Undercover and Ghosted bits of @a logon_flags
 * and @a server_dn (the home server's ESSDN) with its terminating NUL.
 * @return ecWrongServer (the ReturnValue to send with it), or
 *	   MAPI_E_LOGON_FAILED when the DN does not fit ServerNameSize
 */
enum MAPISTATUS emsmdb_logon_redirect(TALLOC_CTX *mem_ctx,
				      struct RopLogon_resp *resp,
				      uint8_t logon_flags,
				      const char *server_dn);

#endif /* EMSMDB_ROP_STORE_H */
