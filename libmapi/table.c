/*
 * libmapi: hierarchy and contents tables (MS-OXCTABL).
 */
#include "table.h"

#include <string.h>
#include "gen_ndr/ndr_rop_types.h"

/*
 * Send a RopGetHierarchyTable or RopGetContentsTable request on a folder
 * and wrap the table it opens.
 */
enum MAPISTATUS mapi_table_open(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
				uint32_t handle, struct RopRequest *req,
				struct RopResponse **resp,
				struct mapi_table **table)
{
	struct mapi_table *t = talloc_zero(mem_ctx, struct mapi_table);
	enum MAPISTATUS rv;

	if (t == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	t->logon = logon;
	rv = mapi_logon_rop(logon, t, handle, req, resp, &t->handle);
	if (rv != MAPI_E_SUCCESS) {
		talloc_free(t);
		return rv;
	}
	*table = t;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_table_hierarchy(struct mapi_logon *logon,
				     TALLOC_CTX *mem_ctx,
				     uint32_t folder_handle, uint8_t flags,
				     struct mapi_table **table,
				     uint32_t *row_count)
{
	struct RopRequest req = { .RopId = RopGetHierarchyTable };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	req.Body.GetHierarchyTable.OutputHandleIndex = 1;
	req.Body.GetHierarchyTable.TableFlags = flags;
	rv = mapi_table_open(logon, mem_ctx, folder_handle, &req, &resp, table);
	if (rv == MAPI_E_SUCCESS && row_count != NULL) {
		*row_count = resp->Body.GetHierarchyTable.Data.RowCount;
	}
	return rv;
}

enum MAPISTATUS mapi_table_contents(struct mapi_logon *logon,
				    TALLOC_CTX *mem_ctx,
				    uint32_t folder_handle, uint8_t flags,
				    struct mapi_table **table,
				    uint32_t *row_count)
{
	struct RopRequest req = { .RopId = RopGetContentsTable };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	req.Body.GetContentsTable.OutputHandleIndex = 1;
	req.Body.GetContentsTable.TableFlags = flags;
	rv = mapi_table_open(logon, mem_ctx, folder_handle, &req, &resp, table);
	if (rv == MAPI_E_SUCCESS && row_count != NULL) {
		*row_count = resp->Body.GetContentsTable.Data.RowCount;
	}
	return rv;
}

enum MAPISTATUS mapi_table_rop(struct mapi_table *table, TALLOC_CTX *mem_ctx,
			       struct RopRequest *request,
			       struct RopResponse **response)
{
	return mapi_logon_rop(table->logon, mem_ctx, table->handle, request,
			      response, NULL);
}

/* Send a ROP whose response is only needed for its ReturnValue. */
static enum MAPISTATUS simple_rop(struct mapi_table *table,
				  struct RopRequest *req)
{
	TALLOC_CTX *tmp = talloc_new(table);
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mapi_table_rop(table, tmp, req, &resp);
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mapi_table_set_columns(struct mapi_table *table,
				       const uint32_t *tags, uint32_t count)
{
	struct RopRequest req = { .RopId = RopSetColumns };
	uint32_t *copy = talloc_memdup(table, tags, count * sizeof(*tags));
	enum MAPISTATUS rv;

	if (count > 0 && copy == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	req.Body.SetColumns.PropertyTagCount = count;
	req.Body.SetColumns.PropertyTags = copy;
	rv = simple_rop(table, &req);
	if (rv != MAPI_E_SUCCESS) {
		talloc_free(copy);
		return rv;
	}
	talloc_free(table->columns);
	table->columns = copy;
	table->column_count = count;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_table_sort(struct mapi_table *table,
				const struct SortOrder *sorts,
				uint32_t count)
{
	struct RopRequest req = { .RopId = RopSortTable };

	req.Body.SortTable.SortOrderCount = count;
	req.Body.SortTable.SortOrders = discard_const_p(struct SortOrder,
							sorts);
	return simple_rop(table, &req);
}

enum MAPISTATUS mapi_table_sort_categories(struct mapi_table *table,
					   const struct SortOrder *sorts,
					   uint32_t count, uint16_t categories,
					   uint16_t expanded)
{
	struct RopRequest req = { .RopId = RopSortTable };

	req.Body.SortTable.SortOrderCount = count;
	req.Body.SortTable.CategoryCount = categories;
	req.Body.SortTable.ExpandedCount = expanded;
	req.Body.SortTable.SortOrders = discard_const_p(struct SortOrder,
							sorts);
	return simple_rop(table, &req);
}

enum MAPISTATUS mapi_table_restrict(struct mapi_table *table,
				    const struct Restriction *restriction)
{
	struct RopRequest req = { .RopId = RopRestrict };
	TALLOC_CTX *tmp = talloc_new(table);
	enum MAPISTATUS rv;
	DATA_BLOB blob;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (restriction != NULL) {
		/* RestrictionDataSize is the encoded size (MS-OXCROPS
		 * 2.2.5.3.1) */
		if (!NDR_ERR_CODE_IS_SUCCESS(ndr_push_struct_blob(
			    &blob, tmp, restriction,
			    (ndr_push_flags_fn_t)ndr_push_Restriction))) {
			talloc_free(tmp);
			return MAPI_E_INVALID_PARAMETER;
		}
		req.Body.Restrict.RestrictionDataSize = blob.length;
		req.Body.Restrict.RestrictionData.Restriction = *restriction;
	}
	rv = simple_rop(table, &req);
	talloc_free(tmp);
	return rv;
}

/* RowCount PropertyRows of the table's columns (MS-OXCDATA 2.8.1). */
static enum MAPISTATUS parse_rows(TALLOC_CTX *mem_ctx,
				  const struct mapi_table *table,
				  const DATA_BLOB *data, uint32_t count,
				  struct property_row *rows)
{
	struct ndr_pull *ndr = ndr_pull_init_blob(data, mem_ctx);
	uint32_t i;

	if (ndr == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ndr->flags |= LIBNDR_FLAG_NOALIGN;
	for (i = 0; i < count; i++) {
		if (!NDR_ERR_CODE_IS_SUCCESS(ndr_pull_property_row(
			    ndr, mem_ctx, table->columns, table->column_count,
			    &rows[i]))) {
			talloc_free(ndr);
			return MAPI_E_CORRUPT_DATA;
		}
	}
	talloc_free(ndr);
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_table_query_rows(struct mapi_table *table,
				      TALLOC_CTX *mem_ctx, uint16_t count,
				      uint8_t flags, bool forward,
				      struct mapi_table_rows *rows)
{
	struct RopRequest req = { .RopId = RopQueryRows };
	const struct RopQueryRows_Success *ok;
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	memset(rows, 0, sizeof(*rows));
	req.Body.QueryRows.QueryRowsFlags = flags;
	req.Body.QueryRows.ForwardRead = forward ? 1 : 0;
	req.Body.QueryRows.RowCount = count;
	rv = mapi_table_rop(table, mem_ctx, &req, &resp);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	ok = &resp->Body.QueryRows.Data.Success;
	rows->origin = ok->Origin;
	rows->count = ok->RowCount;
	rows->rows = talloc_zero_array(mem_ctx, struct property_row,
				       ok->RowCount);
	if (ok->RowCount > 0 && rows->rows == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return parse_rows(mem_ctx, table, &ok->RowData, ok->RowCount,
			  rows->rows);
}

enum MAPISTATUS mapi_table_query_position(struct mapi_table *table,
					  uint32_t *numerator,
					  uint32_t *denominator)
{
	struct RopRequest req = { .RopId = RopQueryPosition };
	TALLOC_CTX *tmp = talloc_new(table);
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	rv = mapi_table_rop(table, tmp, &req, &resp);
	if (rv == MAPI_E_SUCCESS) {
		*numerator = resp->Body.QueryPosition.Data.Success.Numerator;
		*denominator =
			resp->Body.QueryPosition.Data.Success.Denominator;
	}
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mapi_table_seek_row(struct mapi_table *table, uint8_t origin,
				    int32_t count, int32_t *sought,
				    bool *less)
{
	struct RopRequest req = { .RopId = RopSeekRow };
	TALLOC_CTX *tmp = talloc_new(table);
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	req.Body.SeekRow.Origin = origin;
	req.Body.SeekRow.RowCount = count;
	req.Body.SeekRow.WantRowMovedCount = 1;
	rv = mapi_table_rop(table, tmp, &req, &resp);
	if (rv == MAPI_E_SUCCESS) {
		const struct RopSeekRow_Success *ok =
			&resp->Body.SeekRow.Data.Success;

		if (sought != NULL) {
			*sought = ok->RowsSought;
		}
		if (less != NULL) {
			*less = ok->HasSoughtLess != 0;
		}
	}
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mapi_table_seek_fraction(struct mapi_table *table,
					 uint32_t numerator,
					 uint32_t denominator)
{
	struct RopRequest req = { .RopId = RopSeekRowFractional };

	req.Body.SeekRowFractional.Numerator = numerator;
	req.Body.SeekRowFractional.Denominator = denominator;
	return simple_rop(table, &req);
}

enum MAPISTATUS mapi_table_create_bookmark(struct mapi_table *table,
					   TALLOC_CTX *mem_ctx,
					   DATA_BLOB *bookmark)
{
	struct RopRequest req = { .RopId = RopCreateBookmark };
	TALLOC_CTX *tmp = talloc_new(table);
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	rv = mapi_table_rop(table, tmp, &req, &resp);
	if (rv == MAPI_E_SUCCESS) {
		const struct RopCreateBookmark_Success *ok =
			&resp->Body.CreateBookmark.Data.Success;

		*bookmark = data_blob_talloc(mem_ctx, ok->Bookmark,
					     ok->BookmarkSize);
	}
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mapi_table_seek_bookmark(struct mapi_table *table,
					 const DATA_BLOB *bookmark,
					 int32_t count, int32_t *sought,
					 bool *gone)
{
	struct RopRequest req = { .RopId = RopSeekRowBookmark };
	TALLOC_CTX *tmp = talloc_new(table);
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	req.Body.SeekRowBookmark.BookmarkSize = bookmark->length;
	req.Body.SeekRowBookmark.Bookmark = bookmark->data;
	req.Body.SeekRowBookmark.RowCount = count;
	req.Body.SeekRowBookmark.WantRowMovedCount = 1;
	rv = mapi_table_rop(table, tmp, &req, &resp);
	if (rv == MAPI_E_SUCCESS) {
		const struct RopSeekRowBookmark_Success *ok =
			&resp->Body.SeekRowBookmark.Data.Success;

		if (sought != NULL) {
			*sought = ok->RowsSought;
		}
		if (gone != NULL) {
			*gone = ok->RowNoLongerVisible != 0;
		}
	}
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mapi_table_free_bookmark(struct mapi_table *table,
					 const DATA_BLOB *bookmark)
{
	struct RopRequest req = { .RopId = RopFreeBookmark };

	req.Body.FreeBookmark.BookmarkSize = bookmark->length;
	req.Body.FreeBookmark.Bookmark = bookmark->data;
	return simple_rop(table, &req);
}

enum MAPISTATUS mapi_table_find_row(struct mapi_table *table,
				    TALLOC_CTX *mem_ctx,
				    const struct Restriction *restriction,
				    uint8_t origin, const DATA_BLOB *bookmark,
				    bool backwards, struct property_row *row,
				    bool *gone)
{
	struct RopRequest req = { .RopId = RopFindRow };
	struct RopFindRow_req *f = &req.Body.FindRow;
	const struct RopFindRow_Success *ok;
	struct RopResponse *resp;
	enum MAPISTATUS rv;
	DATA_BLOB blob;

	f->FindRowFlags = backwards ? FindRow_Backwards : FindRow_Forwards;
	if (restriction != NULL) {
		if (!NDR_ERR_CODE_IS_SUCCESS(ndr_push_struct_blob(
			    &blob, mem_ctx, restriction,
			    (ndr_push_flags_fn_t)ndr_push_Restriction))) {
			return MAPI_E_INVALID_PARAMETER;
		}
		f->RestrictionDataSize = blob.length;
		f->RestrictionData.Restriction = *restriction;
	}
	f->Origin = origin;
	if (bookmark != NULL) {
		f->BookmarkSize = bookmark->length;
		f->Bookmark = bookmark->data;
	}
	rv = mapi_table_rop(table, mem_ctx, &req, &resp);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	ok = &resp->Body.FindRow.Data.Success;
	if (gone != NULL) {
		*gone = ok->RowNoLongerVisible != 0;
	}
	if (!ok->HasRowData) {
		return MAPI_E_NOT_FOUND;
	}
	return parse_rows(mem_ctx, table, &ok->RowData, 1, row);
}

enum MAPISTATUS mapi_table_columns_all(struct mapi_table *table,
				       TALLOC_CTX *mem_ctx, uint32_t **tags,
				       uint32_t *count)
{
	struct RopRequest req = { .RopId = RopQueryColumnsAll };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	rv = mapi_table_rop(table, mem_ctx, &req, &resp);
	if (rv == MAPI_E_SUCCESS) {
		*count = resp->Body.QueryColumnsAll.Data.Success
			.PropertyTagCount;
		*tags = resp->Body.QueryColumnsAll.Data.Success.PropertyTags;
	}
	return rv;
}

/* RopRelease has no response (MS-OXCROPS 2.2.15.3). */
enum MAPISTATUS mapi_table_release(struct mapi_table *table)
{
	struct RopRequest req = { .RopId = RopRelease };
	struct mapi_emsmdb_rop_result result;
	uint32_t handle = table->handle;
	TALLOC_CTX *tmp = talloc_new(table);
	enum MAPISTATUS rv;

	req.LogonId = table->logon->logon_id;
	req.HandleIndex = 0;
	rv = mapi_emsmdb_rops(table->logon->emsmdb, tmp, &req, 1, &handle, 1,
			      NULL, &result);
	talloc_free(tmp);
	return rv;
}

const union PropertyValueUnion *mapi_table_cell(const struct mapi_table *t,
						const struct property_row *row,
						uint32_t tag)
{
	uint32_t i;

	for (i = 0; i < t->column_count && i < row->count; i++) {
		if (t->columns[i] == tag) {
			return row->cells[i].flag == PROPERTY_FLAG_VALUE ?
			       &row->cells[i].value : NULL;
		}
	}
	return NULL;
}

enum MAPISTATUS mapi_table_expand_row(struct mapi_table *table,
				      TALLOC_CTX *mem_ctx,
				      uint64_t category, uint16_t max,
				      struct mapi_table_rows *rows,
				      uint32_t *expanded)
{
	struct RopRequest req = { .RopId = RopExpandRow };
	const struct RopExpandRow_Success *ok;
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	memset(rows, 0, sizeof(*rows));
	req.Body.ExpandRow.MaxRowCount = max;
	req.Body.ExpandRow.CategoryId = category;
	rv = mapi_table_rop(table, mem_ctx, &req, &resp);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	ok = &resp->Body.ExpandRow.Data.Success;
	*expanded = ok->ExpandedRowCount;
	rows->count = ok->RowCount;
	rows->rows = talloc_zero_array(mem_ctx, struct property_row,
				       ok->RowCount);
	if (ok->RowCount > 0 && rows->rows == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return parse_rows(mem_ctx, table, &ok->RowData, ok->RowCount,
			  rows->rows);
}

enum MAPISTATUS mapi_table_collapse_row(struct mapi_table *table,
					uint64_t category,
					uint32_t *collapsed)
{
	struct RopRequest req = { .RopId = RopCollapseRow };
	TALLOC_CTX *tmp = talloc_new(table);
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	req.Body.CollapseRow.CategoryId = category;
	rv = mapi_table_rop(table, tmp, &req, &resp);
	if (rv == MAPI_E_SUCCESS) {
		*collapsed = resp->Body.CollapseRow.Data.CollapsedRowCount;
	}
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mapi_table_get_collapse_state(struct mapi_table *table,
					      TALLOC_CTX *mem_ctx,
					      uint64_t row_id,
					      uint32_t instance,
					      DATA_BLOB *state)
{
	struct RopRequest req = { .RopId = RopGetCollapseState };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	req.Body.GetCollapseState.RowId = row_id;
	req.Body.GetCollapseState.RowInstanceNumber = instance;
	rv = mapi_table_rop(table, mem_ctx, &req, &resp);
	if (rv == MAPI_E_SUCCESS) {
		const struct RopGetCollapseState_Success *ok =
			&resp->Body.GetCollapseState.Data.Success;

		*state = data_blob_talloc(mem_ctx, ok->CollapseState,
					  ok->CollapseStateSize);
	}
	return rv;
}

enum MAPISTATUS mapi_table_set_collapse_state(struct mapi_table *table,
					      TALLOC_CTX *mem_ctx,
					      const DATA_BLOB *state,
					      DATA_BLOB *bookmark)
{
	struct RopRequest req = { .RopId = RopSetCollapseState };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	req.Body.SetCollapseState.CollapseStateSize = state->length;
	req.Body.SetCollapseState.CollapseState = state->data;
	rv = mapi_table_rop(table, mem_ctx, &req, &resp);
	if (rv == MAPI_E_SUCCESS) {
		const struct RopSetCollapseState_Success *ok =
			&resp->Body.SetCollapseState.Data.Success;

		*bookmark = data_blob_talloc(mem_ctx, ok->Bookmark,
					     ok->BookmarkSize);
	}
	return rv;
}

/* Append the rows of @page to @all (both on @mem_ctx). */
static enum MAPISTATUS append_rows(TALLOC_CTX *mem_ctx,
				   struct mapi_table_rows *all,
				   const struct mapi_table_rows *page)
{
	struct property_row *r;

	if (page->count == 0) {
		return MAPI_E_SUCCESS;
	}
	r = talloc_realloc(mem_ctx, all->rows, struct property_row,
			   all->count + page->count);
	if (r == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	memcpy(r + all->count, page->rows, page->count * sizeof(*r));
	all->rows = r;
	all->count += page->count;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_table_query_all(struct mapi_table *table,
				     TALLOC_CTX *mem_ctx, uint16_t page,
				     uint32_t max,
				     struct mapi_table_rows *rows)
{
	struct mapi_table_rows one;
	enum MAPISTATUS rv;

	memset(rows, 0, sizeof(*rows));
	if (page == 0) {
		page = 100;
	}
	while (max == 0 || rows->count < max) {
		uint32_t want = page;

		if (max != 0 && max - rows->count < want) {
			want = max - rows->count;
		}
		rv = mapi_table_query_rows(table, mem_ctx, want, 0, true,
					   &one);
		if (rv == MAPI_E_SUCCESS) {
			rv = append_rows(mem_ctx, rows, &one);
		}
		if (rv != MAPI_E_SUCCESS) {
			return rv;
		}
		rows->origin = one.origin;
		if (one.count == 0 || one.origin == BOOKMARK_END) {
			break;
		}
	}
	return MAPI_E_SUCCESS;
}
