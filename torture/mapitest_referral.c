/*
 * mapitest suite "referral": the address book referral interface
 * (MS-OXABREF), through libmapi/nspi.h.
 */
#include <string.h>

#include "mapitest.h"

static struct mapi_rfr *open_rfr(struct mapitest *mt, TALLOC_CTX *mem_ctx)
{
	struct mapi_rfr *rfr = NULL;
	enum MAPISTATUS ret;

	ret = mapi_rfr_connect(mem_ctx, mt->rpc, &mt->params, NULL, &rfr);
	if (ret != MAPI_E_SUCCESS) {
		mapitest_note(mt, "referral connection: %s",
			      mapi_status_string(ret));
		return NULL;
	}
	return rfr;
}

/* MS-OXABREF 3.1.4.1: the NSPI server for a user DN, or for none. */
static enum mapitest_result test_get_new_dsa(struct mapitest *mt,
					     TALLOC_CTX *mem_ctx)
{
	struct mapi_rfr *rfr = open_rfr(mt, mem_ctx);
	const char *server = NULL;

	if (rfr == NULL) {
		return MAPITEST_FAIL;
	}
	MT_MAPI(mt, mapi_rfr_get_new_dsa(rfr, mem_ctx, mt->self->user_dn,
					 &server), MAPI_E_SUCCESS);
	MT_ASSERT(mt, server != NULL && server[0] != '\0',
		  "no server for %s", mt->self->user_dn);
	MT_MAPI(mt, mapi_rfr_get_new_dsa(rfr, mem_ctx, "", &server),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, server != NULL && server[0] != '\0',
		  "no server without a user DN");
	return MAPITEST_PASS;
}

/* MS-OXABREF 3.1.4.2: the FQDN of the user's home server; an unknown
 * server is an error. */
static enum mapitest_result test_get_fqdn(struct mapitest *mt,
					  TALLOC_CTX *mem_ctx)
{
	struct mapi_rfr *rfr = open_rfr(mt, mem_ctx);
	const char *fqdn = NULL;
	char *unknown;
	enum MAPISTATUS ret;

	if (rfr == NULL) {
		return MAPITEST_FAIL;
	}
	MT_MAPI(mt, mapi_rfr_get_fqdn_from_server_dn(rfr, mem_ctx,
						     mt->self->server_dn,
						     &fqdn), MAPI_E_SUCCESS);
	MT_ASSERT(mt, fqdn != NULL && strchr(fqdn, '.') != NULL,
		  "FQDN '%s' of %s", fqdn ? fqdn : "", mt->self->server_dn);
	MT_MAPI(mt, mapi_rfr_get_fqdn_from_server_dn(rfr, mem_ctx,
						     mt->self->home_mdb,
						     &fqdn), MAPI_E_SUCCESS);
	unknown = talloc_asprintf(mem_ctx, "%s-mapitest-none",
				  mt->self->server_dn);
	ret = mapi_rfr_get_fqdn_from_server_dn(rfr, mem_ctx, unknown, &fqdn);
	MT_ASSERT(mt, ret != MAPI_E_SUCCESS, "unknown server %s has FQDN %s",
		  unknown, fqdn ? fqdn : "");
	return MAPITEST_PASS;
}

static const struct mapitest_test referral_tests[] = {
	{ "get_new_dsa", "RfrGetNewDSA with and without a user DN",
	  test_get_new_dsa },
	{ "get_fqdn_from_server_dn", "RfrGetFQDNFromServerDN of the home "
	  "server, and of an unknown one", test_get_fqdn },
};

const struct mapitest_suite mapitest_suite_referral = {
	.name = "referral",
	.description = "address book referral (MS-OXABREF)",
	.tests = referral_tests,
	.count = ARRAY_SIZE(referral_tests),
};
