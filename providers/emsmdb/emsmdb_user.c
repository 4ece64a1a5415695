/*
 * The caller's mailbox (MS-OXCRPC 3.1.4.1, szUserDN): a session is only
 * opened by the owner of the mailbox, found in the Samba directory by
 * the caller's account name; and the mailbox's home server
 * (mapiproxy/mapiproxy_home.h), for RopLogon's redirect.
 */
#include "emsmdb.h"
#include "mapiproxy/mapiproxy_home.h"

#include <ldb.h>
#include <param.h>
#include <strings.h>
#include <util/debug.h>

struct ldb_context *dcesrv_samdb_connect_as_system(TALLOC_CTX *mem_ctx,
					struct dcesrv_call_state *dce_call);

static const char *const user_attrs[] = {
	"legacyExchangeDN", "displayName", "sAMAccountName",
	MPX_HOME_BACKLINK, NULL
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
 * The mailbox's home server when its home record names another server
 * than this one; none recorded, or this one: homed here.  A directory
 * that cannot be read is a logon failure (MS-OXCSTOR 3.2.5.1.1).
 */
static enum MAPISTATUS user_home(TALLOC_CTX *mem_ctx,
				 struct dcesrv_call_state *dce_call,
				 struct ldb_context *samdb,
				 const struct ldb_message *msg,
				 struct emsmdb_user *user)
{
	struct loadparm_context *lp_ctx = dce_call->conn->dce_ctx->lp_ctx;
	struct mpx_server *home = NULL;

	user->home_server = NULL;
	if (mpx_home_lookup(mem_ctx, samdb, msg, &home) != LDB_SUCCESS) {
		DBG_ERR("cannot read the home of %s: %s\n", user->legacy_dn,
			ldb_errstring(samdb));
		return MAPI_E_LOGON_FAILED;
	}
	if (home != NULL &&
	    strcasecmp(home->name, lpcfg_netbios_name(lp_ctx)) != 0) {
		user->home_server = home->legacy_dn;
		DBG_INFO("%s is homed on %s\n", user->legacy_dn,
			 home->legacy_dn);
	}
	return MAPI_E_SUCCESS;
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
		return user_home(mem_ctx, dce_call, samdb, msg, user);
	}
	if (search_one(mem_ctx, samdb, "legacyExchangeDN", user_dn) != NULL) {
		DBG_NOTICE("%s asked for the mailbox of %s\n", account,
			   user_dn);
		return MAPI_E_NO_ACCESS;
	}
	DBG_NOTICE("%s: no mailbox %s\n", account, user_dn);
	return ecUnknownUser;
}
