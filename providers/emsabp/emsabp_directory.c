/*
 * The address book's access to the Samba directory (see emsabp_book.c for
 * what it reads, tools/mapiadmin.c for the attributes a mailbox carries).
 */
#include "emsabp.h"

#include <ldb.h>
#include <ndr.h>
#include <param.h>
#include <string.h>
#include <util/debug.h>

bool emsabp_recipient_guid(const struct ldb_message *msg, struct GUID *guid)
{
	const struct ldb_val *v = ldb_msg_find_ldb_val(msg, "objectGUID");

	return v != NULL && NT_STATUS_IS_OK(GUID_from_ndr_blob(v, guid));
}

/*
 * Every mailbox lives on this server: its home message database
 * (PidTagAddressBookHomeMessageDatabase) is this server's private MDB in
 * the organisation and administrative group of the mailbox's own
 * legacyExchangeDN.  Added to @a msg as the in-memory attribute "homeMDB"
 * (the base schema has none to store it in).
 */
bool emsabp_add_home_mdb(struct ldb_message *msg,
			 struct loadparm_context *lp_ctx)
{
	const char *dn = ldb_msg_find_attr_as_string(msg, "legacyExchangeDN",
						     NULL);
	const char *cut = dn ? strcasestr(dn, "/cn=Recipients/") : NULL;

	if (cut == NULL) {
		return false;
	}
	return ldb_msg_add_fmt(msg, "homeMDB",
			       "%.*s/cn=Configuration/cn=Servers/cn=%s"
			       "/cn=Microsoft Private MDB", (int)(cut - dn), dn,
			       lpcfg_netbios_name(lp_ctx)) == LDB_SUCCESS;
}
