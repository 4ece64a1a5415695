/*
 * libmapi's address book client (libmapi/nspi.h) against the test server:
 * sessions, the GAL, DN to MId, properties, name resolution, referrals,
 * and the error paths a client sees (wrong password, unknown MId,
 * operations the server does not implement yet).
 */
#include "itest.h"

#include "libmapi/nspi.h"

static const char *alice_dn =
	"/o=First Organization/ou=First Administrative Group"
	"/cn=Recipients/cn=alice";

static bool session(struct itest_env *env, TALLOC_CTX *mem_ctx,
		    struct mapi_nspi **nspi)
{
	enum MAPISTATUS ret;

	ret = mapi_nspi_connect(mem_ctx, env->rpc, &env->user, 1252, 0x409,
				nspi);
	if (ret != MAPI_E_SUCCESS) {
		printf("    connect: %s\n", mapi_status_string(ret));
		return false;
	}
	return true;
}

#define ITEST_MAPI(expr, expected) do { \
	enum MAPISTATUS _r = (expr); \
	if (_r != (expected)) { \
		ITEST_FAIL("%s:%d: %s gave %s (0x%08x), expected %s", \
			   __FILE__, __LINE__, #expr, mapi_status_string(_r), \
			   (unsigned int)_r, mapi_status_string(expected)); \
	} \
} while (0)

static uint32_t alice_mid(struct mapi_nspi *nspi, TALLOC_CTX *mem_ctx)
{
	struct PropertyTagArray_r *mids = NULL;
	const char *dns[1] = { alice_dn };

	if (mapi_nspi_dn_to_mid(nspi, mem_ctx, dns, 1, &mids) !=
	    MAPI_E_SUCCESS || mids == NULL || mids->cValues != 1) {
		return 0;
	}
	return mids->aulPropTag[0];
}

static bool test_bind_unbind(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	static const uint8_t zero[16] = { 0 };
	struct mapi_nspi *nspi, *other;

	ITEST_ASSERT(session(env, mem_ctx, &nspi), "bind");
	ITEST_ASSERT(memcmp(nspi->server_guid.ab, zero, 16) != 0,
		     "no server GUID");
	ITEST_ASSERT(session(env, mem_ctx, &other), "second bind");
	ITEST_ASSERT(memcmp(nspi->server_guid.ab, other->server_guid.ab,
			    16) == 0, "server GUID differs between sessions");
	ITEST_MAPI(mapi_nspi_unbind(nspi), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_nspi_unbind(nspi), MAPI_E_SUCCESS);	/* no-op */
	talloc_free(nspi);
	/* freeing a bound session unbinds it */
	talloc_free(other);
	/* Unicode code page refused at bind (MS-OXNSPI 3.1.4.1.1) */
	ITEST_MAPI(mapi_nspi_connect(mem_ctx, env->rpc, &env->user,
				     CP_WINUNICODE, 0x409, &nspi),
		   MAPI_E_UNKNOWN_CPID);
	ITEST_ASSERT(nspi == NULL, "session returned on failure");
	return true;
}

/* The GAL of torture/testenv, sorted for en-US (Ö sorts as O). */
static const char *const gal_order[] = {
	"Alice Tester", "Bob Tester", "Carol Tester", "Dave External",
	"Ölund Zoë", "Staff"
};

static bool test_update_stat(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_nspi *nspi;
	struct STAT stat;
	int32_t delta = 0;

	ITEST_ASSERT(session(env, mem_ctx, &nspi), "bind");
	mapi_nspi_stat_init(nspi, &stat);
	stat.Delta = 2;
	ITEST_MAPI(mapi_nspi_update_stat(nspi, &stat, &delta), MAPI_E_SUCCESS);
	ITEST_ASSERT(delta == 2 && stat.NumPos == 2 &&
		     stat.TotalRecs == ARRAY_SIZE(gal_order),
		     "delta %d pos %u total %u", delta, stat.NumPos,
		     stat.TotalRecs);
	return true;
}

static bool test_query_rows(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	uint32_t t[] = { MAPI_NSPI_TAG_DISPLAY_NAME_W,
			 MAPI_NSPI_TAG_SMTP_ADDRESS };
	struct PropertyTagArray_r *tags = mapi_nspi_tags(mem_ctx, 2, t);
	struct PropertyRowSet_r *rows = NULL;
	struct mapi_nspi *nspi;
	struct STAT stat;
	uint32_t etable[1];

	ITEST_ASSERT(session(env, mem_ctx, &nspi), "bind");
	mapi_nspi_stat_init(nspi, &stat);
	ITEST_MAPI(mapi_nspi_query_rows(nspi, mem_ctx, 0, &stat, 0, NULL, 2,
					tags, &rows), MAPI_E_SUCCESS);
	ITEST_ASSERT(rows && rows->cRows == 2, "rows");
	ITEST_ASSERT(strcmp(mapi_nspi_row_string(&rows->aRow[0], 0x3001),
			    "Alice Tester") == 0, "first row");
	ITEST_ASSERT(stat.NumPos == 2, "STAT not advanced: %u", stat.NumPos);
	/* explicit table */
	etable[0] = alice_mid(nspi, mem_ctx);
	ITEST_MAPI(mapi_nspi_query_rows(nspi, mem_ctx, 0, NULL, 1, etable, 1,
					tags, &rows), MAPI_E_SUCCESS);
	ITEST_ASSERT(rows && rows->cRows == 1 &&
		     strcmp(mapi_nspi_row_string(&rows->aRow[0], 0x3001),
			    "Alice Tester") == 0, "explicit table");
	/* an unknown CurrentRec */
	stat.CurrentRec = 0x7fffff00;
	ITEST_MAPI(mapi_nspi_query_rows(nspi, mem_ctx, 0, &stat, 0, NULL, 1,
					tags, &rows), MAPI_E_NOT_FOUND);
	return true;
}

static bool test_dn_to_mid(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	const char *dns[2] = { alice_dn, "/o=First Organization/cn=nobody" };
	struct PropertyTagArray_r *mids = NULL;
	struct mapi_nspi *nspi;

	ITEST_ASSERT(session(env, mem_ctx, &nspi), "bind");
	ITEST_MAPI(mapi_nspi_dn_to_mid(nspi, mem_ctx, dns, 2, &mids),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(mids->cValues == 2 && mids->aulPropTag[0] >= 0x10 &&
		     mids->aulPropTag[1] == 0, "MIds 0x%x 0x%x",
		     mids->aulPropTag[0], mids->aulPropTag[1]);
	return true;
}

static bool test_get_props(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	uint32_t t[] = { MAPI_NSPI_TAG_DISPLAY_NAME, MAPI_NSPI_TAG_ACCOUNT,
			 MAPI_NSPI_TAG_EMAIL_ADDRESS, 0x0FFE0003, 0x3A08001E };
	struct PropertyTagArray_r *tags = mapi_nspi_tags(mem_ctx, 5, t);
	struct PropertyRow_r *row = NULL;
	const struct PropertyValue_r *v;
	struct mapi_nspi *nspi;
	struct STAT stat;
	char *text;

	ITEST_ASSERT(session(env, mem_ctx, &nspi), "bind");
	mapi_nspi_stat_init(nspi, &stat);
	stat.CurrentRec = alice_mid(nspi, mem_ctx);
	ITEST_MAPI(mapi_nspi_get_props(nspi, mem_ctx, 0, &stat, tags, &row),
		   MAPI_W_ERRORS_RETURNED);
	ITEST_ASSERT(row && row->cValues == 5, "row");
	ITEST_ASSERT(strcmp(mapi_nspi_row_string(row, 0x3A00), "alice") == 0,
		     "account");
	ITEST_ASSERT(strcmp(mapi_nspi_row_string(row, 0x3003), alice_dn) == 0,
		     "email address");
	v = mapi_nspi_row_find(row, 0x0FFE0003);
	text = v ? mapi_nspi_value_to_string(mem_ctx, v) : NULL;
	ITEST_ASSERT(text && strcmp(text, "6") == 0, "object type '%s'",
		     text ? text : "(none)");
	v = mapi_nspi_row_find(row, 0x3A08000A);
	text = v ? mapi_nspi_value_to_string(mem_ctx, v) : NULL;
	ITEST_ASSERT(text && strstr(text, "MAPI_E_NOT_FOUND") != NULL,
		     "missing property '%s'", text ? text : "(none)");
	/* unknown MId: an object without values (MS-OXNSPI 3.1.4.1.7) */
	stat.CurrentRec = 0x7fffff00;
	ITEST_MAPI(mapi_nspi_get_props(nspi, mem_ctx, 0, &stat, tags, &row),
		   MAPI_W_ERRORS_RETURNED);
	return true;
}

static bool test_prop_lists(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct PropertyTagArray_r *list = NULL, *cols = NULL;
	struct mapi_nspi *nspi;
	uint32_t mid, i;
	bool found = false;

	ITEST_ASSERT(session(env, mem_ctx, &nspi), "bind");
	mid = alice_mid(nspi, mem_ctx);
	ITEST_MAPI(mapi_nspi_get_prop_list(nspi, mem_ctx, 0, mid, 1252, &list),
		   MAPI_E_SUCCESS);
	for (i = 0; list && i < list->cValues; i++) {
		found |= list->aulPropTag[i] == MAPI_NSPI_TAG_SMTP_ADDRESS;
	}
	ITEST_ASSERT(found, "GetPropList lacks PidTagSmtpAddress");
	ITEST_MAPI(mapi_nspi_get_prop_list(nspi, mem_ctx, 0, 0x7fffff00, 1252,
					   &list), MAPI_E_NOT_FOUND);
	ITEST_MAPI(mapi_nspi_query_columns(nspi, mem_ctx, NspiUnicodeProptypes,
					   &cols), MAPI_E_SUCCESS);
	found = false;
	for (i = 0; cols && i < cols->cValues; i++) {
		found |= cols->aulPropTag[i] == MAPI_NSPI_TAG_DISPLAY_NAME_W;
	}
	ITEST_ASSERT(found, "QueryColumns lacks the Unicode display name");
	return true;
}

static bool test_compare_mids(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct PropertyRowSet_r *rows = NULL;
	uint32_t t[] = { 0x3001001E };
	struct mapi_nspi *nspi;
	struct STAT stat;
	int32_t cmp = 0;
	uint32_t first, second;

	ITEST_ASSERT(session(env, mem_ctx, &nspi), "bind");
	/* MIds of the first two rows, by explicit positioning */
	mapi_nspi_stat_init(nspi, &stat);
	ITEST_MAPI(mapi_nspi_query_rows(nspi, mem_ctx, 0, &stat, 0, NULL, 1,
					mapi_nspi_tags(mem_ctx, 1, t), &rows),
		   MAPI_E_SUCCESS);
	second = stat.CurrentRec;
	first = alice_mid(nspi, mem_ctx);
	ITEST_MAPI(mapi_nspi_compare_mids(nspi, NULL, first, second, &cmp),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(cmp < 0, "alice vs next: %d", cmp);
	ITEST_MAPI(mapi_nspi_compare_mids(nspi, NULL, first, first, &cmp),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(cmp == 0, "equal: %d", cmp);
	ITEST_MAPI(mapi_nspi_compare_mids(nspi, NULL, first, 0x7fffff00, &cmp),
		   MAPI_E_NOT_FOUND);
	return true;
}

static bool test_resolve(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	uint32_t t[] = { MAPI_NSPI_TAG_DISPLAY_NAME_W };
	struct PropertyTagArray_r *tags = mapi_nspi_tags(mem_ctx, 1, t);
	const char *names[3] = { "alice", "nobody-at-all", "Car" };
	struct PropertyTagArray_r *mids = NULL;
	struct PropertyRowSet_r *rows = NULL;
	struct mapi_nspi_resolved *res = NULL;
	struct mapi_nspi *nspi;

	ITEST_ASSERT(session(env, mem_ctx, &nspi), "bind");
	ITEST_MAPI(mapi_nspi_resolve(nspi, mem_ctx, names, 3, tags, &res),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(res[0].state == MAPI_NSPI_RESOLVED && res[0].row &&
		     strcmp(mapi_nspi_row_string(res[0].row, 0x3001),
			    "Alice Tester") == 0, "alice");
	/* rows pair with the resolved names even after an unresolved one
	 * (ambiguous names: tests/integration/test_mapiab.sh) */
	ITEST_ASSERT(res[1].state == MAPI_NSPI_UNRESOLVED && !res[1].row,
		     "nobody: state %d", res[1].state);
	ITEST_ASSERT(res[2].state == MAPI_NSPI_RESOLVED && res[2].row &&
		     strcmp(mapi_nspi_row_string(res[2].row, 0x3001),
			    "Carol Tester") == 0, "Car: state %d",
		     res[2].state);
	ITEST_MAPI(mapi_nspi_resolve_names(nspi, mem_ctx, NULL, tags, names, 3,
					   &mids, &rows), MAPI_E_SUCCESS);
	ITEST_ASSERT(mids && mids->cValues == 3 &&
		     mids->aulPropTag[1] == MID_UNRESOLVED &&
		     rows && rows->cRows == 2, "ResolveNames");
	ITEST_MAPI(mapi_nspi_resolve_namesw(nspi, mem_ctx, NULL, tags, names, 1,
					    &mids, &rows), MAPI_E_SUCCESS);
	ITEST_ASSERT(mids->cValues == 1 && mids->aulPropTag[0] >= 0x10,
		     "ResolveNamesW");
	return true;
}

static bool test_gal_list(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	uint32_t t[] = { MAPI_NSPI_TAG_DISPLAY_NAME_W,
			 MAPI_NSPI_TAG_SMTP_ADDRESS, MAPI_NSPI_TAG_ACCOUNT };
	struct PropertyTagArray_r *tags = mapi_nspi_tags(mem_ctx, 3, t);
	struct PropertyRowSet_r *rows = NULL;
	struct mapi_nspi *nspi;
	uint32_t page, i;

	ITEST_ASSERT(session(env, mem_ctx, &nspi), "bind");
	/* page sizes smaller than, equal to and larger than the GAL */
	for (page = 1; page <= ARRAY_SIZE(gal_order) + 1; page++) {
		TALLOC_CTX *tmp = talloc_new(mem_ctx);

		ITEST_MAPI(mapi_nspi_gal_list(nspi, tmp, tags, page, &rows),
			   MAPI_E_SUCCESS);
		ITEST_ASSERT(rows && rows->cRows == ARRAY_SIZE(gal_order),
			     "page %u: %u rows", page, rows ? rows->cRows : 0);
		for (i = 0; i < ARRAY_SIZE(gal_order); i++) {
			ITEST_ASSERT(strcmp(mapi_nspi_row_string(&rows->aRow[i],
								 0x3001),
					    gal_order[i]) == 0, "page %u row %u",
				     page, i);
		}
		talloc_free(tmp);
	}
	return true;
}

/* Operations the server answers MAPI_E_NO_SUPPORT for today go through
 * the wrappers and come back as a MAPI status, not a transport error. */
static bool test_pending_operations(struct itest_env *env,
				    TALLOC_CTX *mem_ctx)
{
	struct mapi_nspi *nspi;
	struct PropertyTagArray_r *mids = NULL;
	struct PropertyRowSet_r *rows = NULL;
	struct Restriction_r *anr;
	enum MAPISTATUS ret;

	ITEST_ASSERT(session(env, mem_ctx, &nspi), "bind");
	anr = mapi_nspi_restriction_property(mem_ctx, 4,
			mapi_nspi_value_string(mem_ctx, MAPI_NSPI_TAG_ANR,
					       "ali"));
	ITEST_ASSERT(anr != NULL, "restriction");
	ret = mapi_nspi_get_matches(nspi, mem_ctx, NULL, anr, NULL, 10, NULL,
				    &mids, &rows);
	ITEST_ASSERT(NT_STATUS_IS_OK(mapi_nspi_last_ntstatus(nspi)),
		     "GetMatches transport: %s",
		     nt_errstr(mapi_nspi_last_ntstatus(nspi)));
	ITEST_ASSERT(ret == MAPI_E_SUCCESS || ret == MAPI_E_NO_SUPPORT,
		     "GetMatches: %s", mapi_status_string(ret));
	return true;
}

static bool test_restriction_helpers(struct itest_env *env,
				     TALLOC_CTX *mem_ctx)
{
	struct Restriction_r *parts[2], *r, *first;

	parts[0] = mapi_nspi_restriction_content(mem_ctx, 0x00010001,
			mapi_nspi_value_string(mem_ctx, 0x3001001F, "Al"));
	parts[1] = mapi_nspi_restriction_exist(mem_ctx, 0x39FE001E);
	r = mapi_nspi_restriction_and(mem_ctx, 2, parts);
	ITEST_ASSERT(r && r->rt == 0 && r->res.resAnd.cRes == 2, "and");
	first = &r->res.resAnd.lpRes[0];
	ITEST_ASSERT(first->rt == 3 &&
		     strcmp(first->res.resContent.lpProp->Value.lpszW,
			    "Al") == 0, "and: content restriction");
	ITEST_ASSERT(r->res.resAnd.lpRes[1].res.resExist.ulPropTag ==
		     0x39FE001E, "and: exist restriction");
	r = mapi_nspi_restriction_not(mem_ctx, r);
	ITEST_ASSERT(r && r->rt == 2 && r->res.resNot.lpRes->rt == 0, "not");
	parts[0] = r;
	parts[1] = mapi_nspi_restriction_exist(mem_ctx, 0x3001001F);
	r = mapi_nspi_restriction_or(mem_ctx, 2, parts);
	ITEST_ASSERT(r && r->rt == 1 && r->res.resOr.cRes == 2, "or");
	ITEST_ASSERT(mapi_nspi_value_string(mem_ctx, 0x0FFE0003, "x") == NULL,
		     "string value for a PT_LONG tag");
	ITEST_ASSERT(strcmp(mapi_status_string(MAPI_E_NO_SUPPORT),
			    "MAPI_E_NO_SUPPORT") == 0, "status string");
	return true;
}

static bool test_referral(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	const char *ours = "/o=First Organization/ou=First Administrative Group"
			   "/cn=Configuration/cn=Servers/cn=MAPIDC";
	struct mapi_rfr *rfr;
	const char *server = NULL, *fqdn = NULL;

	ITEST_MAPI(mapi_rfr_connect(mem_ctx, env->rpc, &env->user, NULL, &rfr),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_rfr_get_new_dsa(rfr, mem_ctx, alice_dn, &server),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(server && strncmp(server, "mapidc.", 7) == 0,
		     "server '%s'", server ? server : "(null)");
	ITEST_MAPI(mapi_rfr_get_fqdn_from_server_dn(rfr, mem_ctx, ours, &fqdn),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(fqdn && strcmp(fqdn, server) == 0, "fqdn '%s'",
		     fqdn ? fqdn : "(null)");
	ITEST_MAPI(mapi_rfr_get_fqdn_from_server_dn(rfr, mem_ctx,
			"/o=First Organization/cn=ELSEWHERE", &fqdn),
		   MAPI_E_NOT_FOUND);
	ITEST_MAPI(mapi_rfr_get_fqdn_from_server_dn(rfr, mem_ctx, "/o=x",
						    &fqdn),
		   MAPI_E_INVALID_PARAMETER);
	return true;
}

static bool test_wrong_password(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_rpc_params params = env->user;
	struct mapi_nspi *nspi = NULL;
	struct mapi_rfr *rfr = NULL;
	NTSTATUS status = NT_STATUS_OK;

	params.password = "not-the-password";
	ITEST_MAPI(mapi_nspi_connect_ex(mem_ctx, env->rpc, &params, 1252,
					0x409, &status, &nspi),
		   MAPI_E_LOGON_FAILED);
	ITEST_NTSTATUS(status, NT_STATUS_LOGON_FAILURE);
	ITEST_ASSERT(nspi == NULL, "session on failure");
	ITEST_MAPI(mapi_rfr_connect(mem_ctx, env->rpc, &params, NULL, &rfr),
		   MAPI_E_LOGON_FAILED);
	return true;
}

static bool test_unreachable(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_rpc_params params = env->user;
	struct mapi_nspi *nspi = NULL;
	NTSTATUS status = NT_STATUS_OK;

	params.server = "127.0.0.2";	/* nothing listens there */
	ITEST_MAPI(mapi_nspi_connect_ex(mem_ctx, env->rpc, &params, 1252,
					0x409, &status, &nspi),
		   MAPI_E_NETWORK_ERROR);
	ITEST_ASSERT(!NT_STATUS_IS_OK(status), "no transport status");
	return true;
}

/* A session ended on the server side: calls fail with a MAPI error and
 * the NTSTATUS stays retrievable. */
static bool test_ended_session(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_nspi *nspi;
	struct STAT stat;

	ITEST_ASSERT(session(env, mem_ctx, &nspi), "bind");
	ITEST_MAPI(mapi_nspi_unbind(nspi), MAPI_E_SUCCESS);
	mapi_nspi_stat_init(nspi, &stat);
	ITEST_MAPI(mapi_nspi_update_stat(nspi, &stat, NULL),
		   MAPI_E_END_OF_SESSION);
	ITEST_NTSTATUS(mapi_nspi_last_ntstatus(nspi),
		       NT_STATUS_RPC_SS_CONTEXT_MISMATCH);
	return true;
}

static const struct itest tests[] = {
	{ "bind_unbind", test_bind_unbind },
	{ "update_stat", test_update_stat },
	{ "query_rows", test_query_rows },
	{ "dn_to_mid", test_dn_to_mid },
	{ "get_props", test_get_props },
	{ "prop_lists", test_prop_lists },
	{ "compare_mids", test_compare_mids },
	{ "resolve", test_resolve },
	{ "gal_list", test_gal_list },
	{ "pending_operations", test_pending_operations },
	{ "restriction_helpers", test_restriction_helpers },
	{ "referral", test_referral },
	{ "wrong_password", test_wrong_password },
	{ "unreachable", test_unreachable },
	{ "ended_session", test_ended_session },
};

int main(int argc, const char **argv)
{
	return itest_main("libmapi_nspi", tests, ARRAY_SIZE(tests), argc, argv);
}
