/*
 * Status-based tables of the address book (MS-OXNSPI 3.1.4.4, 3.1.4.5):
 * NspiUpdateStat (3.1.4.1.4), NspiQueryRows (3.1.4.1.8) and
 * NspiCompareMIds (3.1.4.1.12) over the containers of emsabp_book.c.
 *
 * A position is a row index from 0 (before the first row,
 * MID_BEGINNING_OF_TABLE) to the row count (MID_END_OF_TABLE) in the
 * container's rows sorted for the STAT's sort locale.
 */
#include "emsabp.h"

#include <util/debug.h>

/* Table operations work in a real code page: a STAT in CP_WINUNICODE is
 * refused as at NspiBind (MS-OXNSPI 3.1.4.1.8). */
static bool table_code_page(const struct STAT *stat)
{
	return stat->CodePage != CP_WINUNICODE &&
	       mapi_code_page_known(stat->CodePage);
}

/*
 * The book and the sorted rows of the container a STAT names; an unknown
 * container is MAPI_E_INVALID_BOOKMARK, an unknown code page
 * MAPI_E_UNKNOWN_CPID.
 */
enum MAPISTATUS emsabp_table_view(struct dcesrv_call_state *dce_call,
				  const struct STAT *stat,
				  struct emsabp_book **book,
				  const struct emsabp_view **view)
{
	if (!table_code_page(stat)) {
		return MAPI_E_UNKNOWN_CPID;
	}
	*book = emsabp_book_current(dce_call);
	if (*book == NULL) {
		return MAPI_E_CALL_FAILED;
	}
	if (emsabp_book_container(*book, stat->ContainerID) == NULL) {
		return MAPI_E_INVALID_BOOKMARK;
	}
	*view = emsabp_book_view(*book, stat->ContainerID, stat->SortLocale);
	return *view != NULL ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_RESOURCES;
}

/*
 * MS-OXNSPI 3.1.4.5: the position the STAT names.  MID_CURRENT asks for
 * fractional positioning (NumPos out of the client's TotalRecs); otherwise
 * CurrentRec is a row's MId or one of the table ends.  Delta moves from
 * there, clamped to the table.  @a start is the position before Delta.
 */
static enum MAPISTATUS stat_position(const struct emsabp_view *view,
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
		p = view->count;
		break;
	case MID_CURRENT:
		p = stat->TotalRecs == 0 ? 0 :
		    (int64_t)view->count * stat->NumPos / stat->TotalRecs;
		if (p > view->count) {
			p = view->count;
		}
		break;
	default:
		if (!emsabp_view_position(view, stat->CurrentRec, &i)) {
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
	if (p > view->count) {
		p = view->count;
	}
	*pos = (uint32_t)p;
	return MAPI_E_SUCCESS;
}

void emsabp_stat_set(const struct emsabp_view *view, uint32_t pos,
		     struct STAT *stat)
{
	stat->CurrentRec = pos < view->count ? view->rows[pos]->mid
					     : MID_END_OF_TABLE;
	stat->NumPos = pos;
	stat->TotalRecs = view->count;
	stat->Delta = 0;
}

enum MAPISTATUS emsabp_update_stat(struct dcesrv_call_state *dce_call,
				   TALLOC_CTX *mem_ctx, struct STAT *stat,
				   int32_t *delta)
{
	const struct emsabp_view *view;
	struct emsabp_book *book;
	uint32_t start, pos;
	enum MAPISTATUS status;

	if ((status = emsabp_table_view(dce_call, stat, &book, &view))
	    != MAPI_E_SUCCESS ||
	    (status = stat_position(view, stat, &start, &pos))
	    != MAPI_E_SUCCESS) {
		return status;
	}
	emsabp_stat_set(view, pos, stat);
	if (delta != NULL) {
		*delta = (int32_t)pos - (int32_t)start;
	}
	return MAPI_E_SUCCESS;
}

/*
 * With an explicit table (lpETable) the rows are those MIds in that order
 * (an unknown MId gives a row of errors) and the STAT is left alone;
 * otherwise up to Count rows from the STAT's position, which then moves
 * past them.
 */
enum MAPISTATUS emsabp_query_rows(struct dcesrv_call_state *dce_call,
				  TALLOC_CTX *mem_ctx, uint32_t flags,
				  struct STAT *stat,
				  uint32_t etable_count, const uint32_t *etable,
				  uint32_t count,
				  const struct PropertyTagArray_r *tags,
				  struct PropertyRowSet_r **out)
{
	const struct emsabp_row_opts opts = {
		.code_page = stat->CodePage,
		.ephemeral_ids = (flags & fEphID) != 0,
		.skip_objects = (flags & fSkipObjects) != 0,
		.container = stat->ContainerID,
	};
	struct emsabp_entry **rows;
	const struct emsabp_view *view;
	struct emsabp_book *book;
	uint32_t start, pos, n, i;
	enum MAPISTATUS status;

	*out = NULL;
	if (tags == NULL) {
		tags = emsabp_query_rows_columns();
	}
	if (etable != NULL) {
		book = emsabp_book_current(dce_call);
		if (book == NULL) {
			return MAPI_E_CALL_FAILED;
		}
		if (!table_code_page(stat)) {
			return MAPI_E_UNKNOWN_CPID;
		}
		n = MIN(etable_count, count);
		n = MIN(n, MAX(1, EMSABP_MAX_CELLS / MAX(1, tags->cValues)));
		rows = talloc_array(mem_ctx, struct emsabp_entry *, n);
		if (n > 0 && rows == NULL) {
			return MAPI_E_NOT_ENOUGH_RESOURCES;
		}
		for (i = 0; i < n; i++) {
			rows[i] = emsabp_book_entry(book, etable[i]);
		}
		return emsabp_fill_rows(mem_ctx, book, rows, n, tags, &opts,
					out);
	}
	if ((status = emsabp_table_view(dce_call, stat, &book, &view))
	    != MAPI_E_SUCCESS ||
	    (status = stat_position(view, stat, &start, &pos))
	    != MAPI_E_SUCCESS) {
		return status;
	}
	n = MIN(view->count - pos, count);
	/* At least one row, but no more cells than a reply may carry
	 * (MS-OXNSPI 3.1.4.1.8: the server returns as many as it can). */
	n = MIN(n, MAX(1, EMSABP_MAX_CELLS / MAX(1, tags->cValues)));
	status = emsabp_fill_rows(mem_ctx, book, view->rows + pos, n, tags,
				  &opts, out);
	if (status == MAPI_E_SUCCESS) {
		emsabp_stat_set(view, pos + n, stat);
	}
	return status;
}

/* The order of two rows of the STAT's table, as the sign of *result. */
enum MAPISTATUS emsabp_compare_mids(struct dcesrv_call_state *dce_call,
				    TALLOC_CTX *mem_ctx,
				    const struct STAT *stat, uint32_t mid1,
				    uint32_t mid2, int32_t *result)
{
	const struct emsabp_view *view;
	struct emsabp_book *book;
	uint32_t p1, p2;
	enum MAPISTATUS status;

	*result = 0;
	status = emsabp_table_view(dce_call, stat, &book, &view);
	if (status != MAPI_E_SUCCESS) {
		return status;
	}
	if (!emsabp_view_position(view, mid1, &p1) ||
	    !emsabp_view_position(view, mid2, &p2)) {
		return MAPI_E_NOT_FOUND;
	}
	*result = (p1 > p2) - (p1 < p2);
	return MAPI_E_SUCCESS;
}
