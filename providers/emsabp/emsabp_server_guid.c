/*
 * The NSPI server GUID returned by NspiBind (MS-OXNSPI 3.1.4.1.1,
 * pServerGuid): the objectGUID of this DC's NTDS Settings object, which
 * is unique to the server and stable across restarts.
 */
#include "emsabp.h"

#include <ldb.h>
#include <util/debug.h>

bool emsabp_server_guid(struct dcesrv_call_state *dce_call,
			TALLOC_CTX *mem_ctx, struct FlatUID_r *guid)
{
	static const char *root_attrs[] = { "dsServiceName", NULL };
	static const char *guid_attrs[] = { "objectGUID", NULL };
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	struct ldb_context *samdb;
	struct ldb_result *res;
	const struct ldb_val *val;
	struct ldb_dn *ntds;
	bool ok = false;

	samdb = emsabp_samdb(tmp, dce_call);
	if (samdb == NULL ||
	    ldb_search(samdb, tmp, &res, ldb_dn_new(tmp, samdb, ""),
		       LDB_SCOPE_BASE, root_attrs, NULL) != LDB_SUCCESS ||
	    res->count != 1) {
		goto done;
	}
	ntds = ldb_msg_find_attr_as_dn(samdb, tmp, res->msgs[0],
				       "dsServiceName");
	if (ntds == NULL ||
	    ldb_search(samdb, tmp, &res, ntds, LDB_SCOPE_BASE, guid_attrs,
		       NULL) != LDB_SUCCESS || res->count != 1) {
		goto done;
	}
	val = ldb_msg_find_ldb_val(res->msgs[0], "objectGUID");
	if (val != NULL && val->length == sizeof(guid->ab)) {
		memcpy(guid->ab, val->data, sizeof(guid->ab));
		ok = true;
	}
done:
	if (!ok) {
		DBG_ERR("cannot read this DC's NTDS Settings objectGUID\n");
	}
	talloc_free(tmp);
	return ok;
}
