/*
 * Table objects of the EMSMDB provider: hierarchy and contents tables of
 * a folder (MS-OXCTABL, MS-OXCFOLD 3.2.5.13, 3.2.5.14) and the attachment
 * table of a message object (MS-OXCMSG 3.2.5.17), whose rows are the
 * attachments of the message as it stands in memory on that handle.
 *
 * A table keeps its columns, sort order and restriction, and a snapshot
 * of the row ids of its view (FIDs or MIDs, sorted and restricted) with
 * the cursor and the bookmarks.  The snapshot is built when a row is
 * first needed after the view changed, reading only the sort keys and
 * restricted properties of every row; row data (the columns) is read for
 * the rows returned only.  Before each use the snapshot is checked
 * against the folder (MS-OXCTABL 3.2.5: tables reflect changes): the
 * store moves a folder's contents version with every change of its
 * messages and its hierarchy version with every change of a folder below
 * it (mstore_folder_version()); a contents table is rebuilt when the
 * first moved, a hierarchy table when the second did (a sorted or
 * restricted one, whose order may also follow the subfolders' counts,
 * every time: it has a few rows; an attachment table too).  Across a
 * rebuild the cursor and the
 * bookmarks stay on their rows; one whose row went away goes to the row
 * that followed it and still exists (MS-OXCTABL 3.2.5.9).  A cursor at
 * the beginning or the end of the table stays there.
 *
 * emsmdb_table.c	the view, cursor and bookmarks
 * emsmdb_table_row.c	row data: store values -> PropertyRow cells
 * emsmdb_table_eval.c	sorting and restrictions (pure)
 * emsmdb_table_cache.c	a logon's recently built contents views
 * emsmdb_table_category.c	categorised views
 * emsmdb_rop_table_ops.c	the ROPs
 */
#ifndef EMSMDB_TABLE_H
#define EMSMDB_TABLE_H

#include "emsmdb_rop.h"
#include "emsmdb_table_eval.h"
#include "store/store.h"
#include "libmapi/ndr/property_row.h"

/** Kinds of table. */
enum emsmdb_table_type {
	EMSMDB_TABLE_HIERARCHY = 1,	/**< RopGetHierarchyTable */
	EMSMDB_TABLE_CONTENTS,		/**< RopGetContentsTable */
	EMSMDB_TABLE_ATTACHMENTS	/**< RopGetAttachmentTable */
};

/* MS-OXCFOLD 2.2.1.13.1, 2.2.1.14.1 TableFlags */
#define EMSMDB_TABLE_ASSOCIATED	0x02
#define EMSMDB_TABLE_DEPTH	0x04
#define EMSMDB_TABLE_SOFT_DELETES	0x20
#define EMSMDB_TABLE_USE_UNICODE	0x40

/** Bookmarks one table keeps at most (MAPI_E_UNABLE_TO_COMPLETE after). */
#define EMSMDB_TABLE_MAX_BOOKMARKS 256

/** A custom bookmark (MS-OXCTABL 2.2.2.1.2): the row it was set on. */
struct emsmdb_table_bookmark {
	uint32_t id;		/**< what the client holds (4 bytes LE) */
	/** FID or MID of the row (after it went away: of the row that
	 *  followed it); 0: the end of the table */
	uint64_t row_id;
	uint32_t position;	/**< index of row_id in the view */
	bool gone;		/**< its own row is no longer visible */
};

/** A header row of a categorised view (MS-OXCTABL 2.2.1.3). */
struct emsmdb_category {
	uint64_t id;		/**< PidTagInstID (low 16 bits zero) */
	uint32_t depth;		/**< category level, 0 = outermost */
	uint32_t leaves;	/**< PidTagContentCount */
	uint32_t unread;	/**< PidTagContentUnreadCount */
	struct mstore_row values; /**< the category columns 0..depth */
};

/** One row of a categorised view, shown or hidden by a collapse. */
struct emsmdb_view_entry {
	uint64_t id;		/**< MID or category id */
	uint32_t depth;		/**< PidTagDepth */
	int32_t category;	/**< index in categories; -1: a leaf */
};

/** A category expanded or collapsed against its default. */
struct emsmdb_collapse {
	uint64_t id;
	bool expanded;
};

/** A table object (the data of an EMSMDB_OBJECT_TABLE object). */
struct emsmdb_table {
	struct mstore *store;		/**< the logon's store */
	enum emsmdb_table_type type;
	uint64_t fid;			/**< the folder */
	uint8_t flags;			/**< TableFlags */
	uint32_t code_page;		/**< for string8 columns, operands */
	struct mapi_string8_map *string8; /**< built when first needed */
	/** the session's sort locale: string columns and restrictions */
	const struct mapi_collator *coll;
	struct emsmdb_view_cache *cache; /**< the logon's views, or NULL */
	/** an attachment table: the message (its object owns the table) */
	struct mstore_message *message;

	uint32_t *columns;		/**< RopSetColumns */
	uint32_t column_count;
	bool columns_set;
	struct SortOrder *sorts;	/**< RopSortTable */
	uint32_t sort_count;
	struct Restriction *restriction; /**< RopRestrict; NULL: none */
	uint32_t category_count;	/**< RopSortTable CategoryCount */
	uint32_t expanded_count;	/**< ExpandedCount */

	/* categorised views: every row, and the headers */
	struct emsmdb_view_entry *entries;
	uint32_t entry_count;
	struct emsmdb_category *categories;
	uint32_t category_rows;
	struct emsmdb_collapse *states;	/**< set by hand */
	uint32_t state_count;

	bool built;			/**< the snapshot is valid */
	bool stale;			/**< rebuild, not from the cache */
	uint64_t *ids;			/**< row ids in view order */
	uint32_t *depths;		/**< hierarchy: PidTagDepth */
	uint32_t count;
	uint64_t version;		/**< folder version of the snapshot */
	uint32_t position;		/**< cursor, 0..count */

	struct emsmdb_table_bookmark *bookmarks;
	uint32_t bookmark_count;
	uint32_t next_bookmark;
};

/**
 * @brief A new table on folder @a fid; @a coll (which must outlive it)
 * orders its strings.
 */
struct emsmdb_table *emsmdb_table_new(TALLOC_CTX *mem_ctx,
				      struct mstore *store,
				      enum emsmdb_table_type type,
				      uint64_t fid, uint8_t flags,
				      uint32_t code_page,
				      const struct mapi_collator *coll);

/**
 * @brief The collator of the call's session (its sort locale), made when
 * first needed; NULL: ASCII case folding.
 */
const struct mapi_collator *emsmdb_table_collator(
	struct emsmdb_rop_call *call);

/** @brief The table's string conversion context (its code page). */
enum MAPISTATUS emsmdb_table_strconv(struct emsmdb_table *t,
				     struct emsmdb_strconv *conv);

/**
 * @brief Rows of the table as the folder stands (RopGet*Table RowCount):
 * a contents table without restriction answers from the folder's counts.
 */
enum MAPISTATUS emsmdb_table_row_count(struct emsmdb_table *t,
				       uint32_t *count);

/** @brief RopSetColumns: the columns of the rows returned. */
enum MAPISTATUS emsmdb_table_set_columns(struct emsmdb_table *t,
					 const uint32_t *tags,
					 uint32_t count);

/**
 * @brief RopSortTable: a new sort order; the cursor goes to the beginning
 * and bookmarks are invalidated (MS-OXCTABL 3.2.5.3).
 */
enum MAPISTATUS emsmdb_table_sort(struct emsmdb_table *t,
				  const struct SortOrder *sorts,
				  uint32_t count, uint32_t categories,
				  uint32_t expanded);

/**
 * @brief RopRestrict: a new restriction (NULL removes it; string8
 * operands in the table's code page); the cursor goes to the beginning
 * and bookmarks are invalidated (3.2.5.4).
 */
enum MAPISTATUS emsmdb_table_restrict(struct emsmdb_table *t,
				      const struct Restriction *r);

/** @brief RopResetTable: no columns, sort or restriction (3.2.5.15). */
void emsmdb_table_reset(struct emsmdb_table *t);

/**
 * @brief Make the snapshot current: build it if needed, rebuild it if the
 * folder changed (the cursor stays on its row when it still exists).
 */
enum MAPISTATUS emsmdb_table_refresh(struct emsmdb_table *t);

/**
 * @brief Move the cursor by @a delta rows from @a origin (a position),
 * within 0..count.
 * @param moved the rows actually moved (signed)
 * @return true when the move was cut short by either end
 */
bool emsmdb_table_move(struct emsmdb_table *t, uint32_t origin,
		       int32_t delta, int32_t *moved);

/** @brief RopCreateBookmark: a bookmark on the cursor's row. */
enum MAPISTATUS emsmdb_table_bookmark_new(struct emsmdb_table *t,
					  uint32_t *id);

/**
 * @brief The position of bookmark @a id: its row's, or if that row is
 * gone, the next row's (@a visible false, MS-OXCTABL 3.2.5.9).
 * @return MAPI_E_INVALID_BOOKMARK if unknown (or invalidated)
 */
enum MAPISTATUS emsmdb_table_bookmark_seek(struct emsmdb_table *t,
					   uint32_t id, uint32_t *position,
					   bool *visible);

/** @brief RopFreeBookmark. */
enum MAPISTATUS emsmdb_table_bookmark_free(struct emsmdb_table *t,
					   uint32_t id);

/**
 * @brief Find the first row from @a start (forwards or backwards) that
 * matches @a r (prepared: emsmdb_restriction_prepare()); MAPI_E_NOT_FOUND
 * if none.
 */
enum MAPISTATUS emsmdb_table_find(struct emsmdb_table *t,
				  const struct Restriction *r,
				  uint32_t start, bool backwards,
				  uint32_t *index);

/* emsmdb_table_cache.c */

/** The recently built views of a logon's contents tables. */
struct emsmdb_view_cache;

/** @brief An empty view cache. */
struct emsmdb_view_cache *emsmdb_view_cache_new(TALLOC_CTX *mem_ctx);

/**
 * @brief The rows of the view of @a key built when the folder was at
 * @a version; false if there is none.  Copies hang off @a mem_ctx.
 */
bool emsmdb_view_cache_get(struct emsmdb_view_cache *c, TALLOC_CTX *mem_ctx,
			   const DATA_BLOB *key, uint64_t version,
			   uint64_t **ids, uint32_t **depths,
			   uint32_t *count);

/** @brief Remember a view (replacing the least recently used one). */
void emsmdb_view_cache_put(struct emsmdb_view_cache *c, const DATA_BLOB *key,
			   uint64_t version, const uint64_t *ids,
			   const uint32_t *depths, uint32_t count);

/* emsmdb_table_category.c: categorised views (MS-OXCTABL 3.2.5.3) */

/**
 * @brief Group sorted rows (ids and values of the sort keys) into the
 * table's categories: t->entries and t->categories.
 */
enum MAPISTATUS emsmdb_category_build(struct emsmdb_table *t,
				      const uint64_t *ids,
				      const struct mstore_row *rows,
				      uint32_t count);

/**
 * @brief The visible rows of a categorised view (children of collapsed
 * headers hidden) into t->ids, t->depths, t->count; the cursor and
 * bookmarks follow their rows.
 */
enum MAPISTATUS emsmdb_category_show(struct emsmdb_table *t);

/** @brief The header of category @a id, or NULL. */
struct emsmdb_category *emsmdb_category_find(struct emsmdb_table *t,
					     uint64_t id);

/**
 * @brief Expand or collapse category @a id.
 * @param index the header's visible index
 * @param changed rows shown or hidden
 * @return MAPI_E_NOT_FOUND for no such category
 */
enum MAPISTATUS emsmdb_category_set(struct emsmdb_table *t, uint64_t id,
				    bool expand, uint32_t *index,
				    uint32_t *changed);

/** @brief The values of a header row (its computed columns too). */
enum MAPISTATUS emsmdb_category_values(TALLOC_CTX *mem_ctx,
				       const struct emsmdb_table *t,
				       const struct emsmdb_category *c,
				       struct mstore_row *row);

/** @brief RopGetCollapseState: the collapse state and a row. */
enum MAPISTATUS emsmdb_category_state_get(TALLOC_CTX *mem_ctx,
					  const struct emsmdb_table *t,
					  uint64_t row_id, uint32_t instance,
					  DATA_BLOB *state);

/** @brief RopSetCollapseState: restore it; @a row_id its row. */
enum MAPISTATUS emsmdb_category_state_set(struct emsmdb_table *t,
					  const DATA_BLOB *state,
					  uint64_t *row_id);

/* emsmdb_table_row.c */

/**
 * @brief The row at @a index for the table's columns (missing values as
 * PtypErrorCode ecNotFound cells of a flagged row).
 * @return MAPI_E_NOT_FOUND when the row vanished since the snapshot
 */
enum MAPISTATUS emsmdb_table_row(TALLOC_CTX *mem_ctx, struct emsmdb_table *t,
				 uint32_t index, struct property_row *row);

/**
 * @brief Every stored property of a row, with the table's computed
 * columns (PidTagInstID, PidTagDepth, ...).
 */
enum MAPISTATUS emsmdb_table_row_values(TALLOC_CTX *mem_ctx,
					struct emsmdb_table *t, uint64_t id,
					uint32_t depth,
					struct mstore_row *row);

/**
 * @brief Append the table's computed columns of row @a id to @a row.
 */
enum MAPISTATUS emsmdb_table_add_computed(TALLOC_CTX *mem_ctx,
					  const struct emsmdb_table *t,
					  uint64_t id, uint32_t depth,
					  struct mstore_row *row);

/** @brief RopQueryColumnsAll: the columns the table can return. */
enum MAPISTATUS emsmdb_table_all_columns(TALLOC_CTX *mem_ctx,
					 struct emsmdb_table *t,
					 uint32_t **tags, uint32_t *count);

#endif /* EMSMDB_TABLE_H */
