/*
 * Table ROPs (MS-OXCTABL 3.2.5, MS-OXCROPS 2.2.5) and the ROPs that open
 * tables on folders (MS-OXCFOLD 3.2.5.13 RopGetHierarchyTable, 3.2.5.14
 * RopGetContentsTable).  Every table ROP runs synchronously: TableStatus
 * is always TBLSTAT_COMPLETE.
 *
 * Categorised views (emsmdb_table_category.c) group by the first
 * CategoryCount sort orders; TABLE_SORT_MAXIMUM_CATEGORY and
 * TABLE_SORT_MINIMUM_CATEGORY orders answer ecTooComplex.
 */
#include "emsmdb.h"
#include "emsmdb_logon.h"
#include "emsmdb_rop_handlers.h"
#include "emsmdb_table.h"

#include <sys/param.h>
#include <util/debug.h>
#include "collation/mapi_collation.h"

/* TableFlags each table accepts (MS-OXCFOLD 2.2.1.13.1, 2.2.1.14.1) */
#define HIERARCHY_FLAGS	0xFC	/* Depth .. SuppressNotifications */
#define CONTENTS_FLAGS	0xFA	/* Associated, DeferredErrors .. */

/* Row data one RopQueryRows sends at most: rows must fit in the ROP
 * output buffer with the other responses (MS-OXCTABL 3.2.5.5). */
#define ROW_DATA_LIMIT	0x3000
/* The largest single row: what a 32 KB ROP output buffer can carry. */
#define ROW_MAX		0x7800

/* A custom bookmark on the wire: its id, 4 bytes little-endian. */
#define BOOKMARK_SIZE	4

/* ---------------------------------------------------- opening tables */

static uint32_t session_code_page(struct emsmdb_rop_call *call)
{
	struct emsmdb_session *s = call->env->session;

	return s != NULL ? s->code_page : 1252;
}

/*
 * The collator of the session's sort locale (EcDoConnectEx ulLcidSort,
 * MS-OXCRPC 3.1.4.1), for the string columns and restrictions of its
 * tables.  Strings compare case-insensitively, as ASCII folding did
 * before; NULL (no session, or ICU failed) leaves that folding.
 */
const struct mapi_collator *emsmdb_table_collator(
	struct emsmdb_rop_call *call)
{
	struct emsmdb_session *s = call->env->session;

	if (s == NULL) {
		return NULL;
	}
	if (s->collator == NULL) {
		s->collator = mapi_collator_new(s, s->lcid_sort,
						MAPI_COLLATE_IGNORE_CASE);
		if (s->collator == NULL) {
			DBG_WARNING("no collator for LCID 0x%08x\n",
				    s->lcid_sort);
		}
	}
	return s->collator;
}

static enum MAPISTATUS open_table(struct emsmdb_rop_call *call,
				  enum emsmdb_table_type type, uint8_t flags,
				  uint32_t *row_count)
{
	struct emsmdb_folder *folder = call->input->data;
	struct emsmdb_logon *logon = emsmdb_logon_of(call->input);
	struct mstore *store = emsmdb_store_of(call->input);
	struct emsmdb_table *t;
	enum MAPISTATUS rv;

	if (store == NULL || folder == NULL) {
		return ecNullObject;
	}
	t = emsmdb_table_new(call->mem_ctx, store, type, folder->fid, flags,
			     session_code_page(call),
			     emsmdb_table_collator(call));
	if (t == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (logon != NULL && logon->views == NULL) {
		logon->views = emsmdb_view_cache_new(logon);
	}
	t->cache = logon != NULL ? logon->views : NULL;
	rv = emsmdb_table_row_count(t, row_count);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (emsmdb_rop_new_object(call, call->input, EMSMDB_OBJECT_TABLE,
				  t) == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	talloc_steal(call->output, t);
	return MAPI_E_SUCCESS;
}

/* MS-OXCFOLD 3.2.5.13: the subfolders (the whole subtree with Depth); an
 * invalid TableFlags bit SHOULD be ecNotSupported (R314). */
enum MAPISTATUS emsmdb_rop_get_hierarchy_table(struct emsmdb_rop_call *call)
{
	const struct RopGetHierarchyTable_req *req =
		&call->request->Body.GetHierarchyTable;
	struct RopGetHierarchyTable_resp *resp =
		&call->response->Body.GetHierarchyTable;

	if (req->TableFlags & ~HIERARCHY_FLAGS) {
		return MAPI_E_NO_SUPPORT;
	}
	return open_table(call, EMSMDB_TABLE_HIERARCHY, req->TableFlags,
			  &resp->Data.RowCount);
}

/* MS-OXCFOLD 3.2.5.14: the messages (FAI ones with Associated); an
 * invalid TableFlags bit SHOULD be ecInvalidParam (R330). */
enum MAPISTATUS emsmdb_rop_get_contents_table(struct emsmdb_rop_call *call)
{
	const struct RopGetContentsTable_req *req =
		&call->request->Body.GetContentsTable;
	struct RopGetContentsTable_resp *resp =
		&call->response->Body.GetContentsTable;

	if (req->TableFlags & ~CONTENTS_FLAGS) {
		return MAPI_E_INVALID_PARAMETER;
	}
	return open_table(call, EMSMDB_TABLE_CONTENTS, req->TableFlags,
			  &resp->Data.RowCount);
}

/* ------------------------------------------------------------ common */

/* MS-OXCTABL 3.2.5.13 (and every table ROP): a ROP on an object that is
 * not a table is ecNotSupported. */
static enum MAPISTATUS table_of(struct emsmdb_rop_call *call,
				struct emsmdb_table **t)
{
	if (call->input->type != EMSMDB_OBJECT_TABLE ||
	    call->input->data == NULL) {
		return MAPI_E_NO_SUPPORT;
	}
	*t = call->input->data;
	return MAPI_E_SUCCESS;
}

/* A table whose snapshot is current, for the ROPs that read rows. */
static enum MAPISTATUS current_table(struct emsmdb_rop_call *call,
				     struct emsmdb_table **t)
{
	enum MAPISTATUS rv = table_of(call, t);

	if (rv == MAPI_E_SUCCESS) {
		rv = emsmdb_table_refresh(*t);
	}
	return rv;
}

static bool bookmark_id(uint16_t size, const uint8_t *bytes, uint32_t *id)
{
	if (size != BOOKMARK_SIZE) {
		return false;
	}
	*id = bytes[0] | bytes[1] << 8 | bytes[2] << 16 |
	      (uint32_t)bytes[3] << 24;
	return true;
}

static enum MAPISTATUS push_row(TALLOC_CTX *mem_ctx, struct emsmdb_table *t,
				uint32_t index, DATA_BLOB *out)
{
	struct property_row row;
	struct ndr_push *ndr;
	enum MAPISTATUS rv;

	rv = emsmdb_table_row(mem_ctx, t, index, &row);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	ndr = ndr_push_init_ctx(mem_ctx);
	if (ndr == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ndr->flags |= LIBNDR_FLAG_NOALIGN;
	if (!NDR_ERR_CODE_IS_SUCCESS(ndr_push_property_row(
		    ndr, t->columns, t->column_count, &row))) {
		DBG_WARNING("row %u of the table does not encode\n", index);
		return MAPI_E_CALL_FAILED;
	}
	*out = ndr_push_blob(ndr);
	return MAPI_E_SUCCESS;
}

/* ------------------------------------------------------ view changes */

/* MS-OXCTABL 3.2.5.1 */
enum MAPISTATUS emsmdb_rop_set_columns(struct emsmdb_rop_call *call)
{
	const struct RopSetColumns_req *req = &call->request->Body.SetColumns;
	struct emsmdb_table *t;
	enum MAPISTATUS rv = table_of(call, &t);

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (req->PropertyTagCount == 0) {
		return MAPI_E_INVALID_PARAMETER;
	}
	rv = emsmdb_table_set_columns(t, req->PropertyTags,
				      req->PropertyTagCount);
	call->response->Body.SetColumns.Data.TableStatus = TBLSTAT_COMPLETE;
	return rv;
}

/* MS-OXCTABL 3.2.5.2 */
enum MAPISTATUS emsmdb_rop_sort_table(struct emsmdb_rop_call *call)
{
	const struct RopSortTable_req *req = &call->request->Body.SortTable;
	struct emsmdb_table *t;
	enum MAPISTATUS rv = table_of(call, &t);

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	rv = emsmdb_table_sort(t, req->SortOrders, req->SortOrderCount,
			       req->CategoryCount, req->ExpandedCount);
	call->response->Body.SortTable.Data.TableStatus = TBLSTAT_COMPLETE;
	return rv;
}

/* MS-OXCTABL 3.2.5.3 */
enum MAPISTATUS emsmdb_rop_restrict(struct emsmdb_rop_call *call)
{
	const struct RopRestrict_req *req = &call->request->Body.Restrict;
	struct emsmdb_table *t;
	enum MAPISTATUS rv = table_of(call, &t);

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	rv = emsmdb_table_restrict(t, req->RestrictionDataSize == 0 ? NULL :
				   &req->RestrictionData.Restriction);
	call->response->Body.Restrict.Data.TableStatus = TBLSTAT_COMPLETE;
	return rv;
}

/* MS-OXCTABL 3.2.5.15 */
enum MAPISTATUS emsmdb_rop_reset_table(struct emsmdb_rop_call *call)
{
	struct emsmdb_table *t;
	enum MAPISTATUS rv = table_of(call, &t);

	if (rv == MAPI_E_SUCCESS) {
		emsmdb_table_reset(t);
	}
	return rv;
}

/* ---------------------------------------------------------- reading */

/*
 * Rows from @a first on (forwards) or before @a first (backwards, the
 * nearest ones), as many as RowCount and ROW_DATA_LIMIT allow, at least
 * one (MS-OXCTABL 3.2.5.5).  The data is laid out in table order.
 */
static enum MAPISTATUS collect_rows(TALLOC_CTX *mem_ctx,
				    struct emsmdb_table *t, uint32_t first,
				    uint32_t want, bool forward,
				    DATA_BLOB *data, uint32_t *got)
{
	DATA_BLOB *rows = talloc_array(mem_ctx, DATA_BLOB, want + 1);
	size_t total = 0, at = 0;
	uint32_t n = 0, i;
	enum MAPISTATUS rv;

	if (rows == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (n = 0; n < want; n++) {
		uint32_t index = forward ? first + n : first - 1 - n;

		rv = push_row(rows, t, index, &rows[n]);
		if (rv != MAPI_E_SUCCESS) {
			return rv;
		}
		if (n > 0 && total + rows[n].length > ROW_DATA_LIMIT) {
			break;
		}
		if (rows[n].length > ROW_MAX) {
			/* not even one row fits (MS-OXCTABL 3.2.5.5) */
			return ecBufferTooSmall;
		}
		total += rows[n].length;
	}
	*data = data_blob_talloc(mem_ctx, NULL, total);
	if (total > 0 && data->data == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < n; i++) {
		const DATA_BLOB *r = &rows[forward ? i : n - 1 - i];

		memcpy(data->data + at, r->data, r->length);
		at += r->length;
	}
	*got = n;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS read_rows(TALLOC_CTX *mem_ctx, struct emsmdb_table *t,
				 uint16_t want, bool forward, DATA_BLOB *data,
				 uint32_t *got)
{
	enum MAPISTATUS rv = emsmdb_table_refresh(t);
	uint32_t avail;

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	avail = forward ? t->count - t->position : t->position;
	return collect_rows(mem_ctx, t, t->position, MIN(avail, want),
			    forward, data, got);
}

/* MS-OXCTABL 3.2.5.5 */
enum MAPISTATUS emsmdb_rop_query_rows(struct emsmdb_rop_call *call)
{
	const struct RopQueryRows_req *req = &call->request->Body.QueryRows;
	struct RopQueryRows_Success *ok =
		&call->response->Body.QueryRows.Data.Success;
	bool forward = req->ForwardRead != 0;
	struct emsmdb_table *t;
	uint32_t got = 0, end;
	enum MAPISTATUS rv = table_of(call, &t);

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if ((req->QueryRowsFlags & ~(QueryRows_NoAdvance |
				     QueryRows_EnablePackedBuffers)) != 0 ||
	    req->ForwardRead > 1) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (!t->columns_set) {
		return ecNullObject;	/* 3.2.5.5: RopSetColumns first */
	}
	rv = read_rows(call->mem_ctx, t, req->RowCount, forward,
		       &ok->RowData, &got);
	if (rv == MAPI_E_NOT_FOUND) {
		/* a row went away between the version check and the read (a
		 * change of another session): rebuild */
		t->stale = true;
		rv = read_rows(call->mem_ctx, t, req->RowCount, forward,
			       &ok->RowData, &got);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	end = forward ? t->position + got : t->position - got;
	if (!(req->QueryRowsFlags & QueryRows_NoAdvance)) {
		t->position = end;
	}
	ok->RowCount = got;
	if (forward) {
		ok->Origin = end >= t->count ? BOOKMARK_END : BOOKMARK_CURRENT;
	} else {
		ok->Origin = end == 0 ? BOOKMARK_BEGINNING : BOOKMARK_CURRENT;
	}
	return MAPI_E_SUCCESS;
}

/* MS-OXCTABL 3.2.5.7 */
enum MAPISTATUS emsmdb_rop_query_position(struct emsmdb_rop_call *call)
{
	struct RopQueryPosition_Success *ok =
		&call->response->Body.QueryPosition.Data.Success;
	struct emsmdb_table *t;
	enum MAPISTATUS rv = current_table(call, &t);

	if (rv == MAPI_E_SUCCESS) {
		ok->Numerator = t->position;
		ok->Denominator = t->count;
	}
	return rv;
}

/* MS-OXCTABL 3.2.5.13 */
enum MAPISTATUS emsmdb_rop_query_columns_all(struct emsmdb_rop_call *call)
{
	struct RopQueryColumnsAll_Success *ok =
		&call->response->Body.QueryColumnsAll.Data.Success;
	struct emsmdb_table *t;
	uint32_t *tags = NULL, n = 0;
	enum MAPISTATUS rv = table_of(call, &t);

	if (rv == MAPI_E_SUCCESS) {
		rv = emsmdb_table_all_columns(call->mem_ctx, t, &tags, &n);
	}
	if (rv == MAPI_E_SUCCESS) {
		ok->PropertyTagCount = MIN(n, 0x4000);
		ok->PropertyTags = tags;
	}
	return rv;
}

/* MS-OXCTABL 3.2.5.6: nothing is ever pending */
enum MAPISTATUS emsmdb_rop_get_status(struct emsmdb_rop_call *call)
{
	struct emsmdb_table *t;
	enum MAPISTATUS rv = table_of(call, &t);

	call->response->Body.GetStatus.Data.TableStatus = TBLSTAT_COMPLETE;
	return rv;
}

/* MS-OXCTABL 3.2.5.5 RopAbort: no asynchronous operation to stop. */
enum MAPISTATUS emsmdb_rop_abort(struct emsmdb_rop_call *call)
{
	struct emsmdb_table *t;
	enum MAPISTATUS rv = table_of(call, &t);

	return rv != MAPI_E_SUCCESS ? rv : MAPI_E_UNABLE_TO_ABORT;
}

/* ----------------------------------------------------------- seeking */

static enum MAPISTATUS origin_position(const struct emsmdb_table *t,
				       uint8_t origin, uint32_t *position)
{
	switch (origin) {
	case BOOKMARK_BEGINNING:
		*position = 0;
		return MAPI_E_SUCCESS;
	case BOOKMARK_CURRENT:
		*position = t->position;
		return MAPI_E_SUCCESS;
	case BOOKMARK_END:
		*position = t->count;
		return MAPI_E_SUCCESS;
	default:
		return MAPI_E_INVALID_PARAMETER;
	}
}

/* MS-OXCTABL 3.2.5.8 */
enum MAPISTATUS emsmdb_rop_seek_row(struct emsmdb_rop_call *call)
{
	const struct RopSeekRow_req *req = &call->request->Body.SeekRow;
	struct RopSeekRow_Success *ok =
		&call->response->Body.SeekRow.Data.Success;
	struct emsmdb_table *t;
	uint32_t origin = 0;
	int32_t moved;
	bool less;
	enum MAPISTATUS rv = current_table(call, &t);

	if (rv == MAPI_E_SUCCESS) {
		rv = origin_position(t, req->Origin, &origin);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	less = emsmdb_table_move(t, origin, req->RowCount, &moved);
	if (req->WantRowMovedCount) {
		ok->HasSoughtLess = less ? 1 : 0;
		ok->RowsSought = moved;
	}
	return MAPI_E_SUCCESS;
}

/* MS-OXCTABL 3.2.5.9 */
enum MAPISTATUS emsmdb_rop_seek_row_bookmark(struct emsmdb_rop_call *call)
{
	const struct RopSeekRowBookmark_req *req =
		&call->request->Body.SeekRowBookmark;
	struct RopSeekRowBookmark_Success *ok =
		&call->response->Body.SeekRowBookmark.Data.Success;
	struct emsmdb_table *t;
	uint32_t id, origin;
	int32_t moved;
	bool visible, less;
	enum MAPISTATUS rv = current_table(call, &t);

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (!bookmark_id(req->BookmarkSize, req->Bookmark, &id)) {
		return MAPI_E_INVALID_BOOKMARK;
	}
	rv = emsmdb_table_bookmark_seek(t, id, &origin, &visible);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	less = emsmdb_table_move(t, origin, req->RowCount, &moved);
	ok->RowNoLongerVisible = visible ? 0 : 1;
	if (req->WantRowMovedCount) {
		ok->HasSoughtLess = less ? 1 : 0;
		ok->RowsSought = moved;
	}
	return MAPI_E_SUCCESS;
}

/* MS-OXCTABL 3.2.5.10: to Numerator/Denominator of the table. */
enum MAPISTATUS emsmdb_rop_seek_row_fractional(struct emsmdb_rop_call *call)
{
	const struct RopSeekRowFractional_req *req =
		&call->request->Body.SeekRowFractional;
	struct emsmdb_table *t;
	uint64_t pos;
	enum MAPISTATUS rv = current_table(call, &t);

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (req->Denominator == 0) {
		return MAPI_E_INVALID_PARAMETER;
	}
	pos = (uint64_t)req->Numerator * t->count / req->Denominator;
	t->position = (uint32_t)MIN(pos, t->count);
	return MAPI_E_SUCCESS;
}

/* ---------------------------------------------------------- bookmarks */

/* A bookmark id in its wire form: BOOKMARK_SIZE bytes, little-endian. */
static enum MAPISTATUS bookmark_out(TALLOC_CTX *mem_ctx, uint32_t id,
				    uint8_t **bookmark, uint16_t *size)
{
	uint8_t *b = talloc_array(mem_ctx, uint8_t, BOOKMARK_SIZE);

	if (b == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	b[0] = id & 0xFF;
	b[1] = (id >> 8) & 0xFF;
	b[2] = (id >> 16) & 0xFF;
	b[3] = id >> 24;
	*bookmark = b;
	*size = BOOKMARK_SIZE;
	return MAPI_E_SUCCESS;
}

/* MS-OXCTABL 3.2.5.11 */
enum MAPISTATUS emsmdb_rop_create_bookmark(struct emsmdb_rop_call *call)
{
	struct RopCreateBookmark_Success *ok =
		&call->response->Body.CreateBookmark.Data.Success;
	struct emsmdb_table *t;
	uint32_t id = 0;
	enum MAPISTATUS rv = current_table(call, &t);

	if (rv == MAPI_E_SUCCESS) {
		rv = emsmdb_table_bookmark_new(t, &id);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	return bookmark_out(call->mem_ctx, id, &ok->Bookmark,
			    &ok->BookmarkSize);
}

/* MS-OXCTABL 3.2.5.14 RopFreeBookmark */
enum MAPISTATUS emsmdb_rop_free_bookmark(struct emsmdb_rop_call *call)
{
	const struct RopFreeBookmark_req *req =
		&call->request->Body.FreeBookmark;
	struct emsmdb_table *t;
	uint32_t id;
	enum MAPISTATUS rv = table_of(call, &t);

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (!bookmark_id(req->BookmarkSize, req->Bookmark, &id)) {
		return MAPI_E_INVALID_BOOKMARK;
	}
	return emsmdb_table_bookmark_free(t, id);
}

/* -------------------------------------------------------------- find */

static enum MAPISTATUS find_origin(struct emsmdb_table *t,
				   const struct RopFindRow_req *req,
				   uint32_t *start, bool *visible)
{
	uint32_t id;

	*visible = true;
	if (req->Origin != BOOKMARK_CUSTOM) {
		return origin_position(t, req->Origin, start);
	}
	if (!bookmark_id(req->BookmarkSize, req->Bookmark, &id)) {
		return MAPI_E_INVALID_BOOKMARK;
	}
	return emsmdb_table_bookmark_seek(t, id, start, visible);
}

/* MS-OXCTABL 3.2.5.14: the first matching row from the origin. */
enum MAPISTATUS emsmdb_rop_find_row(struct emsmdb_rop_call *call)
{
	const struct RopFindRow_req *req = &call->request->Body.FindRow;
	struct RopFindRow_Success *ok =
		&call->response->Body.FindRow.Data.Success;
	const struct Restriction *r = NULL;
	struct Restriction all = { .RestrictType = RES_AND };
	struct Restriction *prepared = NULL;
	struct emsmdb_strconv conv;
	struct emsmdb_table *t;
	uint32_t start = 0, index = 0;
	bool visible = true, back = req->FindRowFlags == FindRow_Backwards;
	enum MAPISTATUS rv = table_of(call, &t);

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (req->FindRowFlags > FindRow_Backwards) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (!t->columns_set) {
		return ecNullObject;
	}
	/* no restriction: an empty AndRestriction, every row matches */
	r = req->RestrictionDataSize > 0 ?
	    &req->RestrictionData.Restriction : &all;
	/* string8 operands are in the session's code page */
	rv = emsmdb_table_strconv(t, &conv);
	if (rv == MAPI_E_SUCCESS) {
		rv = emsmdb_restriction_prepare(call->mem_ctx, &conv, r,
						&prepared);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = emsmdb_table_refresh(t);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = find_origin(t, req, &start, &visible);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = emsmdb_table_find(t, prepared, start, back, &index);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	t->position = index;
	ok->RowNoLongerVisible = visible ? 0 : 1;
	ok->HasRowData = 1;
	return push_row(call->mem_ctx, t, index, &ok->RowData);
}

/* ---------------------------------------------------------- categories */

/* MS-OXCTABL 3.2.5.16: the rows a category shows once expanded, the
 * first MaxRowCount of them returned; the cursor goes after them. */
enum MAPISTATUS emsmdb_rop_expand_row(struct emsmdb_rop_call *call)
{
	const struct RopExpandRow_req *req = &call->request->Body.ExpandRow;
	struct RopExpandRow_Success *ok =
		&call->response->Body.ExpandRow.Data.Success;
	struct emsmdb_table *t;
	uint32_t index = 0, shown = 0, got = 0;
	enum MAPISTATUS rv = current_table(call, &t);

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (emsmdb_category_find(t, req->CategoryId) == NULL) {
		return MAPI_E_NOT_FOUND;
	}
	if (!t->columns_set) {
		return ecNullObject;
	}
	rv = emsmdb_category_set(t, req->CategoryId, true, &index, &shown);
	if (rv == MAPI_E_SUCCESS) {
		rv = collect_rows(call->mem_ctx, t, index + 1,
				  MIN(shown, req->MaxRowCount), true,
				  &ok->RowData, &got);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	ok->ExpandedRowCount = shown;
	ok->RowCount = got;
	t->position = index + 1 + got;
	return MAPI_E_SUCCESS;
}

/* MS-OXCTABL 3.2.5.17 */
enum MAPISTATUS emsmdb_rop_collapse_row(struct emsmdb_rop_call *call)
{
	const struct RopCollapseRow_req *req =
		&call->request->Body.CollapseRow;
	struct emsmdb_table *t;
	uint32_t index = 0, hidden = 0;
	enum MAPISTATUS rv = current_table(call, &t);

	if (rv == MAPI_E_SUCCESS) {
		rv = emsmdb_category_set(t, req->CategoryId, false, &index,
					 &hidden);
	}
	if (rv == MAPI_E_SUCCESS) {
		call->response->Body.CollapseRow.Data.CollapsedRowCount =
			hidden;
	}
	return rv;
}

/* MS-OXCTABL 3.2.5.18 */
enum MAPISTATUS emsmdb_rop_get_collapse_state(struct emsmdb_rop_call *call)
{
	const struct RopGetCollapseState_req *req =
		&call->request->Body.GetCollapseState;
	struct RopGetCollapseState_Success *ok =
		&call->response->Body.GetCollapseState.Data.Success;
	struct emsmdb_table *t;
	DATA_BLOB state;
	enum MAPISTATUS rv = current_table(call, &t);

	if (rv == MAPI_E_SUCCESS) {
		rv = emsmdb_category_state_get(call->mem_ctx, t, req->RowId,
					       req->RowInstanceNumber,
					       &state);
	}
	if (rv == MAPI_E_SUCCESS) {
		ok->CollapseStateSize = state.length;
		ok->CollapseState = state.data;
	}
	return rv;
}

/* MS-OXCTABL 3.2.5.19: the state restored, a bookmark on its row. */
enum MAPISTATUS emsmdb_rop_set_collapse_state(struct emsmdb_rop_call *call)
{
	const struct RopSetCollapseState_req *req =
		&call->request->Body.SetCollapseState;
	struct RopSetCollapseState_Success *ok =
		&call->response->Body.SetCollapseState.Data.Success;
	DATA_BLOB state = data_blob_const(req->CollapseState,
					  req->CollapseStateSize);
	struct emsmdb_table *t;
	uint64_t row = 0;
	uint32_t i, id = 0;
	enum MAPISTATUS rv = current_table(call, &t);

	if (rv == MAPI_E_SUCCESS) {
		rv = emsmdb_category_state_set(t, &state, &row);
	}
	if (rv == MAPI_E_SUCCESS && t->category_count > 0) {
		rv = emsmdb_category_show(t);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	for (i = 0; i < t->count && t->ids[i] != row; i++) {
	}
	t->position = i < t->count ? i : 0;
	rv = emsmdb_table_bookmark_new(t, &id);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	return bookmark_out(call->mem_ctx, id, &ok->Bookmark,
			    &ok->BookmarkSize);
}
