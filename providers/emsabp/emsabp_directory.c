/*
 * The address book's access to the Samba directory (see emsabp_book.c for
 * what it reads, tools/mapiadmin.c for the attributes a mailbox carries).
 */
#include "emsabp.h"
#include "mapiproxy/mapiproxy_home.h"

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

/* The servers of the organisation, read once per snapshot. */
struct emsabp_homes {
	struct ldb_context *samdb;
	struct mpx_server *servers;
	unsigned int count;
	const char *this_server;	/* this server's NetBIOS name */
};

struct emsabp_homes *emsabp_homes_load(TALLOC_CTX *mem_ctx,
				       struct ldb_context *samdb,
				       struct loadparm_context *lp_ctx)
{
	struct emsabp_homes *h = talloc_zero(mem_ctx, struct emsabp_homes);

	if (h == NULL) {
		return NULL;
	}
	h->samdb = samdb;
	h->this_server = lpcfg_netbios_name(lp_ctx);
	if (mpx_home_servers(h, samdb, &h->servers, &h->count) !=
	    LDB_SUCCESS) {
		/* without them every mailbox is homed here, as before */
		DBG_WARNING("cannot read the servers of the organisation: "
			    "%s\n", ldb_errstring(samdb));
		h->count = 0;
	}
	return h;
}

/*
 * The home message database of a mailbox (PidTagAddressBookHomeMessage-
 * Database, MS-OXOABK 2.2.4.37): the private MDB of the server its home
 * record names (mapiproxy/mapiproxy_home.h), else of this server, in the
 * organisation and administrative group of the mailbox's own
 * legacyExchangeDN.  Added to @a msg as the in-memory attribute "homeMDB"
 * (the base schema has none to store it in).
 */
bool emsabp_add_home_mdb(struct ldb_message *msg,
			 const struct emsabp_homes *homes)
{
	const char *dn = ldb_msg_find_attr_as_string(msg, "legacyExchangeDN",
						     NULL);
	const char *cut = dn ? strcasestr(dn, "/cn=Recipients/") : NULL;
	const struct mpx_server *home = mpx_home_of_user(
		homes->samdb, msg, homes->servers, homes->count);

	if (home != NULL) {
		return ldb_msg_add_fmt(msg, "homeMDB",
				       "%s/cn=Microsoft Private MDB",
				       home->legacy_dn) == LDB_SUCCESS;
	}
	if (cut == NULL) {
		return false;
	}
	return ldb_msg_add_fmt(msg, "homeMDB",
			       "%.*s/cn=Configuration/cn=Servers/cn=%s"
			       "/cn=Microsoft Private MDB", (int)(cut - dn), dn,
			       homes->this_server) == LDB_SUCCESS;
}
