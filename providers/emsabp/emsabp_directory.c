/*
 * The address book's view of the Samba directory: mail-enabled users,
 * found by legacyExchangeDN or by objectGUID (see tools/mapiadmin.c for
 * the attributes a mailbox carries).
 */
#include "emsabp.h"

#include <ldb.h>
#include <ndr.h>
#include <param.h>
#include <string.h>
#include <util/debug.h>

struct ldb_context *dcesrv_samdb_connect_as_system(TALLOC_CTX *mem_ctx,
					struct dcesrv_call_state *dce_call);

static const char *const recipient_attrs[] = {
	"objectGUID", "sAMAccountName", "displayName", "mail",
	"legacyExchangeDN", "proxyAddresses", NULL
};

struct ldb_context *emsabp_samdb(TALLOC_CTX *mem_ctx,
				 struct dcesrv_call_state *dce_call)
{
	return dcesrv_samdb_connect_as_system(mem_ctx, dce_call);
}

static struct ldb_message *single(struct ldb_result *res)
{
	return res->count == 1 ? res->msgs[0] : NULL;
}

struct ldb_message *emsabp_recipient_by_dn(TALLOC_CTX *mem_ctx,
					   struct ldb_context *samdb,
					   const char *legacy_dn)
{
	struct ldb_result *res;
	char *escaped = ldb_binary_encode_string(mem_ctx, legacy_dn);

	if (escaped == NULL ||
	    ldb_search(samdb, mem_ctx, &res, ldb_get_default_basedn(samdb),
		       LDB_SCOPE_SUBTREE, recipient_attrs,
		       "(&(objectClass=user)(legacyExchangeDN=%s))",
		       escaped) != LDB_SUCCESS) {
		return NULL;
	}
	return single(res);
}

struct ldb_message *emsabp_recipient_by_guid(TALLOC_CTX *mem_ctx,
					     struct ldb_context *samdb,
					     const struct GUID *guid)
{
	struct GUID_txt_buf buf;
	struct ldb_result *res;
	struct ldb_dn *dn;

	dn = ldb_dn_new_fmt(mem_ctx, samdb, "<GUID=%s>",
			    GUID_buf_string(guid, &buf));
	if (dn == NULL ||
	    ldb_search(samdb, mem_ctx, &res, dn, LDB_SCOPE_BASE,
		       recipient_attrs, "(legacyExchangeDN=*)") != LDB_SUCCESS) {
		return NULL;
	}
	return single(res);
}

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
