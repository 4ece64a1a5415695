/*
 * Status-based tables of the address book (MS-OXNSPI 3.1.4.4, 3.1.4.5):
 * NspiUpdateStat and NspiQueryRows over the Global Address List.
 *
 * The GAL (ContainerID 0) holds every mail-enabled user, sorted by display
 * name.  A position is a row index from 0 (before the first row,
 * MID_BEGINNING_OF_TABLE) to the row count (MID_END_OF_TABLE).
 */
#include "emsabp.h"

#include <ldb.h>
#include <strings.h>
#include <util/debug.h>

#define GAL_CONTAINER 0

static int compare_entries(const void *a, const void *b)
{
	const struct gal_entry *x = a, *y = b;
	int c = strcasecmp(x->sort_key, y->sort_key);

	/* Equal names keep a stable order: by MId. */
	return c != 0 ? c : (x->mid > y->mid) - (x->mid < y->mid);
}

enum MAPISTATUS emsabp_load_gal(struct dcesrv_call_state *dce_call,
				TALLOC_CTX *mem_ctx, struct gal_table *gal)
{
	static const char *attrs[] = { "objectGUID", "sAMAccountName",
				       "displayName", "mail",
				       "legacyExchangeDN", NULL };
	struct ldb_context *samdb = emsabp_samdb(mem_ctx, dce_call);
	struct emsabp_mids *mids = emsabp_mids_open(mem_ctx,
					dce_call->conn->dce_ctx->lp_ctx);
	struct ldb_result *res;
	uint32_t i;

	if (samdb == NULL || mids == NULL ||
	    ldb_search(samdb, mem_ctx, &res, ldb_get_default_basedn(samdb),
		       LDB_SCOPE_SUBTREE, attrs,
		       "(&(objectClass=user)(legacyExchangeDN=*/cn=Recipients/*))")
	    != LDB_SUCCESS) {
		return MAPI_E_CALL_FAILED;
	}
	gal->rows = talloc_zero_array(mem_ctx, struct gal_entry, res->count);
	if (res->count > 0 && gal->rows == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	gal->count = 0;
	for (i = 0; i < res->count; i++) {
		struct gal_entry *e = &gal->rows[gal->count];
		struct GUID guid;

		if (!emsabp_recipient_guid(res->msgs[i], &guid)) {
			continue;
		}
		e->msg = res->msgs[i];
		emsabp_add_home_mdb(e->msg, dce_call->conn->dce_ctx->lp_ctx);
		e->mid = emsabp_mid_for_guid(mids, &guid);
		e->sort_key = ldb_msg_find_attr_as_string(e->msg, "displayName",
			ldb_msg_find_attr_as_string(e->msg, "sAMAccountName", ""));
		if (e->mid != 0) {
			gal->count++;
		}
	}
	qsort(gal->rows, gal->count, sizeof(gal->rows[0]), compare_entries);
	return MAPI_E_SUCCESS;
}

static bool row_index(const struct gal_table *gal, uint32_t mid, uint32_t *pos)
{
	uint32_t i;

	for (i = 0; i < gal->count; i++) {
		if (gal->rows[i].mid == mid) {
			*pos = i;
			return true;
		}
	}
	return false;
}

static enum MAPISTATUS check_stat(const struct STAT *stat)
{
	if (stat->CodePage == CP_WINUNICODE) {
		return MAPI_E_UNKNOWN_CPID;
	}
	if (stat->ContainerID != GAL_CONTAINER) {
		return MAPI_E_INVALID_BOOKMARK;
	}
	return MAPI_E_SUCCESS;
}

/*
 * MS-OXNSPI 3.1.4.5: the position the STAT names.  MID_CURRENT asks for
 * fractional positioning (NumPos out of the client's TotalRecs); otherwise
 * CurrentRec is a row's MId or one of the table ends.  Delta moves from
 * there, clamped to the table.  @a start is the position before Delta.
 */
static enum MAPISTATUS stat_position(const struct gal_table *gal,
				     const struct STAT *stat,
				     uint32_t *start, uint32_t *pos)
{
	int64_t p;
	uint32_t i;

	switch (stat->CurrentRec) {
	case MID_BEGINNING_OF_TABLE:
		p = 0;
		break;
	case MID_END_OF_TABLE:
		p = gal->count;
		break;
	case MID_CURRENT:
		p = stat->TotalRecs == 0 ? 0 :
		    (int64_t)gal->count * stat->NumPos / stat->TotalRecs;
		if (p > gal->count) {
			p = gal->count;
		}
		break;
	default:
		if (!row_index(gal, stat->CurrentRec, &i)) {
			return MAPI_E_NOT_FOUND;
		}
		p = i;
		break;
	}
	*start = (uint32_t)p;
	p += stat->Delta;
	if (p < 0) {
		p = 0;
	}
	if (p > gal->count) {
		p = gal->count;
	}
	*pos = (uint32_t)p;
	return MAPI_E_SUCCESS;
}

static void stat_set(const struct gal_table *gal, uint32_t pos,
		     struct STAT *stat)
{
	stat->CurrentRec = pos < gal->count ? gal->rows[pos].mid
					    : MID_END_OF_TABLE;
	stat->NumPos = pos;
	stat->TotalRecs = gal->count;
	stat->Delta = 0;
}

/* MS-OXNSPI 3.1.4.1.4 */
enum MAPISTATUS emsabp_update_stat(struct dcesrv_call_state *dce_call,
				   TALLOC_CTX *mem_ctx, struct STAT *stat,
				   int32_t *delta)
{
	struct gal_table gal;
	uint32_t start, pos;
	enum MAPISTATUS status;

	if ((status = check_stat(stat)) != MAPI_E_SUCCESS ||
	    (status = emsabp_load_gal(dce_call, mem_ctx, &gal)) != MAPI_E_SUCCESS ||
	    (status = stat_position(&gal, stat, &start, &pos)) != MAPI_E_SUCCESS) {
		return status;
	}
	stat_set(&gal, pos, stat);
	if (delta != NULL) {
		*delta = (int32_t)pos - (int32_t)start;
	}
	return MAPI_E_SUCCESS;
}

static struct ldb_message *find_row(const struct gal_table *gal, uint32_t mid)
{
	uint32_t pos;

	return row_index(gal, mid, &pos) ? gal->rows[pos].msg : NULL;
}

/*
 * MS-OXNSPI 3.1.4.1.8.  With an explicit table (lpETable) the rows are
 * those MIds in that order and the STAT is left alone; otherwise up to
 * Count rows from the STAT's position, which then moves past them.
 */
enum MAPISTATUS emsabp_query_rows(struct dcesrv_call_state *dce_call,
				  TALLOC_CTX *mem_ctx, struct STAT *stat,
				  uint32_t etable_count, const uint32_t *etable,
				  uint32_t count,
				  const struct PropertyTagArray_r *tags,
				  struct PropertyRowSet_r **out)
{
	struct PropertyRowSet_r *set;
	struct gal_table gal;
	uint32_t start, pos, n, i;
	enum MAPISTATUS status;

	*out = NULL;
	if (stat->CodePage == CP_WINUNICODE) {
		return MAPI_E_UNKNOWN_CPID;
	}
	if (etable == NULL && (status = check_stat(stat)) != MAPI_E_SUCCESS) {
		return status;
	}
	if ((status = emsabp_load_gal(dce_call, mem_ctx, &gal)) != MAPI_E_SUCCESS) {
		return status;
	}
	if (etable != NULL) {
		start = 0;
		n = etable_count < count ? etable_count : count;
	} else {
		status = stat_position(&gal, stat, &start, &pos);
		if (status != MAPI_E_SUCCESS) {
			return status;
		}
		start = pos;
		n = gal.count - pos < count ? gal.count - pos : count;
	}
	set = talloc_zero(mem_ctx, struct PropertyRowSet_r);
	if (set == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	set->aRow = talloc_zero_array(set, struct PropertyRow_r, n);
	if (n > 0 && set->aRow == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	set->cRows = n;
	for (i = 0; i < n; i++) {
		const struct ldb_message *msg = etable != NULL ?
			find_row(&gal, etable[i]) : gal.rows[start + i].msg;

		emsabp_fill_row(set->aRow, msg, tags, &set->aRow[i]);
	}
	if (etable == NULL) {
		stat_set(&gal, start + n, stat);
	}
	*out = set;
	return MAPI_E_SUCCESS;
}

/* MS-OXNSPI NspiCompareMIds: the order of two rows of the STAT's table,
 * as the sign of *result. */
enum MAPISTATUS emsabp_compare_mids(struct dcesrv_call_state *dce_call,
				    TALLOC_CTX *mem_ctx,
				    const struct STAT *stat, uint32_t mid1,
				    uint32_t mid2, int32_t *result)
{
	struct gal_table gal;
	uint32_t p1, p2;
	enum MAPISTATUS status;

	*result = 0;
	if ((status = check_stat(stat)) != MAPI_E_SUCCESS ||
	    (status = emsabp_load_gal(dce_call, mem_ctx, &gal)) != MAPI_E_SUCCESS) {
		return status;
	}
	if (!row_index(&gal, mid1, &p1) || !row_index(&gal, mid2, &p2)) {
		return MAPI_E_NOT_FOUND;
	}
	*result = (p1 > p2) - (p1 < p2);
	return MAPI_E_SUCCESS;
}
