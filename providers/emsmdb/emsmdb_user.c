/*
 * The caller's mailbox (MS-OXCRPC 3.1.4.1, szUserDN): a session is only
 * opened by the owner of the mailbox, found in the Samba directory by
 * the caller's account name.
 */
#include "emsmdb.h"

#include <ldb.h>
#include <strings.h>
#include <util/debug.h>

struct ldb_context *dcesrv_samdb_connect_as_system(TALLOC_CTX *mem_ctx,
					struct dcesrv_call_state *dce_call);

static const char *const user_attrs[] = {
	"legacyExchangeDN", "displayName", "sAMAccountName", NULL
};

static struct ldb_message *search_one(TALLOC_CTX *mem_ctx,
				      struct ldb_context *samdb,
				      const char *attr, const char *value)
{
	struct ldb_result *res = NULL;
	char *escaped = ldb_binary_encode_string(mem_ctx, value);
	int ret;

	if (escaped == NULL) {
		return NULL;
	}
	ret = ldb_search(samdb, mem_ctx, &res, ldb_get_default_basedn(samdb),
			 LDB_SCOPE_SUBTREE, user_attrs,
			 "(&(objectClass=user)(%s=%s))", attr, escaped);
	if (ret != LDB_SUCCESS || res->count != 1) {
		return NULL;
	}
	return res->msgs[0];
}

/*
 * MS-OXCRPC 3.1.4.1 return values: an empty szUserDN or another user's
 * mailbox is ecAccessDenied; a DN that is no mailbox is ecUnknownUser.
 */
enum MAPISTATUS emsmdb_user_lookup(TALLOC_CTX *mem_ctx,
				   struct dcesrv_call_state *dce_call,
				   const char *user_dn,
				   struct emsmdb_user *user)
{
	const char *account = dcesrv_call_account_name(dce_call);
	struct ldb_context *samdb;
	struct ldb_message *msg;

	if (user_dn == NULL || user_dn[0] == '\0') {
		return MAPI_E_NO_ACCESS;
	}
	samdb = dcesrv_samdb_connect_as_system(mem_ctx, dce_call);
	if (samdb == NULL) {
		DBG_ERR("cannot open the directory\n");
		return MAPI_E_LOGON_FAILED;
	}
	msg = search_one(mem_ctx, samdb, "sAMAccountName", account);
	user->legacy_dn = msg ? ldb_msg_find_attr_as_string(
					msg, "legacyExchangeDN", NULL) : NULL;
	if (user->legacy_dn != NULL &&
	    strcasecmp(user->legacy_dn, user_dn) == 0) {
		user->display_name = ldb_msg_find_attr_as_string(
			msg, "displayName", account);
		return MAPI_E_SUCCESS;
	}
	if (search_one(mem_ctx, samdb, "legacyExchangeDN", user_dn) != NULL) {
		DBG_NOTICE("%s asked for the mailbox of %s\n", account,
			   user_dn);
		return MAPI_E_NO_ACCESS;
	}
	DBG_NOTICE("%s: no mailbox %s\n", account, user_dn);
	return ecUnknownUser;
}
