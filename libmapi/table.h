/**
 * @file table.h
 * @brief libmapi: hierarchy and contents tables of folders (MS-OXCTABL,
 * MS-OXCFOLD 2.2.1.13, 2.2.1.14), and any other table (attachment.h).
 *
 * A struct mapi_table remembers its columns, so that the rows of
 * RopQueryRows and RopFindRow come back parsed (libmapi/ndr/property_row.h).
 * Every function returns the ROP's ReturnValue, or the transport error.
 */
#ifndef MAPI_TABLE_H
#define MAPI_TABLE_H

#include "logon.h"
#include "ndr/property_row.h"

/** @brief An open table (talloc object; freeing it does not release the
 *  server object, see mapi_table_release()). */
struct mapi_table {
	struct mapi_logon *logon;	/**< the logon it was opened on */
	uint32_t handle;		/**< server handle of the table */
	uint32_t *columns;		/**< the last RopSetColumns columns */
	uint32_t column_count;		/**< entries of @a columns */
};

struct mapi_table_rows;

/**
 * @brief RopGetHierarchyTable on a folder.
 * @param logon the logon
 * @param mem_ctx owner of @a table
 * @param folder_handle the folder
 * @param[out] table the open table
 * @param flags TableFlags (MS-OXCFOLD 2.2.1.13.1, e.g. TableFlags_Depth)
 * @param[out] row_count the response's RowCount (may be NULL)
 */
enum MAPISTATUS mapi_table_hierarchy(struct mapi_logon *logon,
				     TALLOC_CTX *mem_ctx,
				     uint32_t folder_handle, uint8_t flags,
				     struct mapi_table **table,
				     uint32_t *row_count);

/** @brief RopGetContentsTable on a folder (flags: 2.2.1.14.1). */
enum MAPISTATUS mapi_table_contents(struct mapi_logon *logon,
				    TALLOC_CTX *mem_ctx,
				    uint32_t folder_handle, uint8_t flags,
				    struct mapi_table **table,
				    uint32_t *row_count);

/**
 * @brief Open a table with @a req, a ROP on the object @a handle that
 * creates one (its OutputHandleIndex 1): RopGetHierarchyTable,
 * RopGetAttachmentTable, ...
 * @param logon		the logon
 * @param mem_ctx	owner of @a table
 * @param handle	the object the table is of
 * @param req		the request (its LogonId is set)
 * @param[out] resp	the response, on the table
 * @param[out] table	the open table
 */
enum MAPISTATUS mapi_table_open(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
				uint32_t handle, struct RopRequest *req,
				struct RopResponse **resp,
				struct mapi_table **table);

/** @brief Send any ROP on the table (the LogonId is set). */
enum MAPISTATUS mapi_table_rop(struct mapi_table *table, TALLOC_CTX *mem_ctx,
			       struct RopRequest *request,
			       struct RopResponse **response);

/** @brief RopSetColumns; the columns are kept for parsing rows. */
enum MAPISTATUS mapi_table_set_columns(struct mapi_table *table,
				       const uint32_t *tags, uint32_t count);

/**
 * @brief RopSortTable with @a count sort orders, no categories.
 * @param table the table
 * @param count number of sort orders
 * @param sorts pairs of (property tag, TABLE_SORT_ASCEND/DESCEND)
 */
enum MAPISTATUS mapi_table_sort(struct mapi_table *table,
				const struct SortOrder *sorts,
				uint32_t count);

/**
 * @brief RopSortTable of a categorised view: the first @a categories
 * sort orders are category columns, the first @a expanded of them start
 * expanded (MS-OXCTABL 2.2.2.3).
 */
enum MAPISTATUS mapi_table_sort_categories(struct mapi_table *table,
					   const struct SortOrder *sorts,
					   uint32_t count, uint16_t categories,
					   uint16_t expanded);

/**
 * @brief RopExpandRow: the first @a max rows shown (parsed), and how many
 * the category shows in all.
 */
enum MAPISTATUS mapi_table_expand_row(struct mapi_table *table,
				      TALLOC_CTX *mem_ctx,
				      uint64_t category, uint16_t max,
				      struct mapi_table_rows *rows,
				      uint32_t *expanded);

/** @brief RopCollapseRow: how many rows it hid. */
enum MAPISTATUS mapi_table_collapse_row(struct mapi_table *table,
					uint64_t category,
					uint32_t *collapsed);

/** @brief RopGetCollapseState for a row; the state on @a mem_ctx. */
enum MAPISTATUS mapi_table_get_collapse_state(struct mapi_table *table,
					      TALLOC_CTX *mem_ctx,
					      uint64_t row_id,
					      uint32_t instance,
					      DATA_BLOB *state);

/** @brief RopSetCollapseState; the bookmark of its row on @a mem_ctx. */
enum MAPISTATUS mapi_table_set_collapse_state(struct mapi_table *table,
					      TALLOC_CTX *mem_ctx,
					      const DATA_BLOB *state,
					      DATA_BLOB *bookmark);

/** @brief RopRestrict; NULL removes the restriction. */
enum MAPISTATUS mapi_table_restrict(struct mapi_table *table,
				    const struct Restriction *restriction);

/** @brief The rows of one RopQueryRows. */
struct mapi_table_rows {
	uint8_t origin;			/**< BOOKMARK_* (response) */
	uint32_t count;			/**< rows */
	struct property_row *rows;	/**< one per row, columns' order */
};

/**
 * @brief RopQueryRows.
 * @param table the table
 * @param mem_ctx owner of @a rows
 * @param count rows asked for
 * @param[out] rows the rows read
 * @param flags QueryRows_NoAdvance or 0
 * @param forward read forwards (true) or backwards
 */
enum MAPISTATUS mapi_table_query_rows(struct mapi_table *table,
				      TALLOC_CTX *mem_ctx, uint16_t count,
				      uint8_t flags, bool forward,
				      struct mapi_table_rows *rows);

/**
 * @brief Read rows forward from the cursor to the end of the table (or
 * until @a max rows), @a page rows per RopQueryRows.
 * @param table	the table
 * @param mem_ctx	owner of @a rows
 * @param page	rows asked for per RopQueryRows (0: 100)
 * @param max	stop after this many rows (0: no limit)
 * @param[out] rows	every row read, on @a mem_ctx
 */
enum MAPISTATUS mapi_table_query_all(struct mapi_table *table,
				     TALLOC_CTX *mem_ctx, uint16_t page,
				     uint32_t max,
				     struct mapi_table_rows *rows);

/** @brief RopQueryPosition. */
enum MAPISTATUS mapi_table_query_position(struct mapi_table *table,
					  uint32_t *numerator,
					  uint32_t *denominator);

/**
 * @brief RopSeekRow with WantRowMovedCount.
 * @param table the table
 * @param origin BOOKMARK_BEGINNING, BOOKMARK_CURRENT or BOOKMARK_END
 * @param count rows to move (negative: backwards)
 * @param sought rows moved (may be NULL)
 * @param less HasSoughtLess (may be NULL)
 */
enum MAPISTATUS mapi_table_seek_row(struct mapi_table *table, uint8_t origin,
				    int32_t count, int32_t *sought,
				    bool *less);

/** @brief RopSeekRowFractional. */
enum MAPISTATUS mapi_table_seek_fraction(struct mapi_table *table,
					 uint32_t numerator,
					 uint32_t denominator);

/** @brief RopCreateBookmark; the bookmark hangs off @a mem_ctx. */
enum MAPISTATUS mapi_table_create_bookmark(struct mapi_table *table,
					   TALLOC_CTX *mem_ctx,
					   DATA_BLOB *bookmark);

/**
 * @brief RopSeekRowBookmark with WantRowMovedCount.
 * @param table the table
 * @param bookmark from mapi_table_create_bookmark()
 * @param count rows to move from the bookmark
 * @param sought rows moved (may be NULL)
 * @param gone RowNoLongerVisible (may be NULL)
 */
enum MAPISTATUS mapi_table_seek_bookmark(struct mapi_table *table,
					 const DATA_BLOB *bookmark,
					 int32_t count, int32_t *sought,
					 bool *gone);

/** @brief RopFreeBookmark. */
enum MAPISTATUS mapi_table_free_bookmark(struct mapi_table *table,
					 const DATA_BLOB *bookmark);

/**
 * @brief RopFindRow.
 * @param table the table
 * @param mem_ctx owner of @a row
 * @param restriction what the row must match
 * @param bookmark the bookmark with BOOKMARK_CUSTOM, else NULL
 * @param backwards search backwards
 * @param gone RowNoLongerVisible (may be NULL)
 * @param origin BOOKMARK_BEGINNING/CURRENT/END, or BOOKMARK_CUSTOM with
 *	  @a bookmark
 * @param row the row found, parsed for the table's columns
 */
enum MAPISTATUS mapi_table_find_row(struct mapi_table *table,
				    TALLOC_CTX *mem_ctx,
				    const struct Restriction *restriction,
				    uint8_t origin, const DATA_BLOB *bookmark,
				    bool backwards, struct property_row *row,
				    bool *gone);

/** @brief RopQueryColumnsAll; the tags hang off @a mem_ctx. */
enum MAPISTATUS mapi_table_columns_all(struct mapi_table *table,
				       TALLOC_CTX *mem_ctx, uint32_t **tags,
				       uint32_t *count);

/** @brief RopRelease of the table's server object. */
enum MAPISTATUS mapi_table_release(struct mapi_table *table);

/**
 * @brief The cell of @a tag in @a row (by the table's columns), or NULL
 * if the table has no such column or the cell is an error.
 */
const union PropertyValueUnion *mapi_table_cell(const struct mapi_table *t,
						const struct property_row *row,
						uint32_t tag);

#endif /* MAPI_TABLE_H */
