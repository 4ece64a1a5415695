/*
 * Table objects: the view (a sorted, restricted snapshot of row ids), the
 * cursor and the bookmarks (MS-OXCTABL 3.2.5).
 */
#include "emsmdb_table.h"

#include <stdlib.h>	/* qsort_r (_GNU_SOURCE) */
#include <sys/param.h>
#include <string.h>
#include <util/debug.h>
#include "gen_ndr/ndr_rop_types.h"
#include "libmapi/ndr/string8.h"
#include "collation/mapi_collation.h"

#define PTYPE(tag) ((uint16_t)((tag) & 0xFFFF))

struct emsmdb_table *emsmdb_table_new(TALLOC_CTX *mem_ctx,
				      struct mstore *store,
				      enum emsmdb_table_type type,
				      uint64_t fid, uint8_t flags,
				      uint32_t code_page,
				      const struct mapi_collator *coll)
{
	struct emsmdb_table *t = talloc_zero(mem_ctx, struct emsmdb_table);

	if (t == NULL) {
		return NULL;
	}
	t->store = store;
	t->type = type;
	t->fid = fid;
	t->flags = flags;
	t->code_page = code_page;
	t->coll = coll;
	t->next_bookmark = 1;
	return t;
}

enum MAPISTATUS emsmdb_table_strconv(struct emsmdb_table *t,
				     struct emsmdb_strconv *conv)
{
	if (t->string8 == NULL) {
		t->string8 = mapi_string8_map_new(t);
		if (t->string8 == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	conv->map = t->string8;
	conv->code_page = t->code_page;
	return MAPI_E_SUCCESS;
}

/* ------------------------------------------------------ folder state */

/*
 * What the snapshot depends on: for a contents table the folder's
 * contents version, for a hierarchy table its hierarchy version.
 * @a versioned is false when the version does not say it all: a sorted
 * or restricted hierarchy table may order or pick its rows by the
 * subfolders' counts, which move with their own contents; an attachment
 * table shows the message as it stands on its handle, not in the store.
 */
static enum MAPISTATUS folder_version(struct emsmdb_table *t,
				      uint64_t *version, bool *versioned)
{
	struct mstore_folder_version v;
	enum MAPISTATUS rv;

	if (t->type == EMSMDB_TABLE_ATTACHMENTS) {
		*version = 0;
		*versioned = false;
		return MAPI_E_SUCCESS;
	}
	rv = mstore_folder_version(t->store, t->fid, &v);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (t->type == EMSMDB_TABLE_CONTENTS) {
		*version = v.contents;
		*versioned = true;
	} else {
		*version = v.hierarchy;
		*versioned = t->sort_count == 0 && t->restriction == NULL;
	}
	return MAPI_E_SUCCESS;
}

/* The folder's message counts: normal or associated. */
static enum MAPISTATUS folder_count(struct emsmdb_table *t, uint32_t *count)
{
	uint32_t tag = t->flags & EMSMDB_TABLE_ASSOCIATED ?
		       MSTORE_PidTagAssociatedContentCount :
		       MSTORE_PidTagContentCount;
	struct mstore_value *v;
	enum MAPISTATUS rv;

	rv = mstore_folder_get_props(t, t->store, t->fid, &tag, 1, &v);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	*count = PTYPE(v[0].tag) == PT_LONG ? (uint32_t)v[0].v.i32 : 0;
	talloc_free(v);
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsmdb_table_row_count(struct emsmdb_table *t,
				       uint32_t *count)
{
	enum MAPISTATUS rv;

	if (t->type == EMSMDB_TABLE_CONTENTS && t->restriction == NULL &&
	    !(t->flags & EMSMDB_TABLE_SOFT_DELETES)) {
		return folder_count(t, count);
	}
	rv = emsmdb_table_refresh(t);
	if (rv == MAPI_E_SUCCESS) {
		*count = t->count;
	}
	return rv;
}

/* ------------------------------------------------------ view changes */

static void invalidate_view(struct emsmdb_table *t)
{
	t->built = false;
	t->position = 0;
	TALLOC_FREE(t->bookmarks);
	t->bookmark_count = 0;
}

enum MAPISTATUS emsmdb_table_set_columns(struct emsmdb_table *t,
					 const uint32_t *tags, uint32_t count)
{
	uint32_t *c = talloc_memdup(t, tags, count * sizeof(uint32_t));

	if (count > 0 && c == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	talloc_free(t->columns);
	t->columns = c;
	t->column_count = count;
	t->columns_set = true;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsmdb_table_sort(struct emsmdb_table *t,
				  const struct SortOrder *sorts,
				  uint32_t count, uint32_t categories,
				  uint32_t expanded)
{
	struct SortOrder *s = NULL;
	uint32_t i;

	if (categories > count || expanded > categories) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (categories > 0 && t->type != EMSMDB_TABLE_CONTENTS) {
		return MAPI_E_TOO_COMPLEX;
	}

	for (i = 0; i < count; i++) {
		if ((sorts[i].Order & ~EMSMDB_SORT_DESCEND) != 0) {
			/* TABLE_SORT_MAXIMUM/MINIMUM_CATEGORY: categories */
			return MAPI_E_TOO_COMPLEX;
		}
	}
	if (count > 0) {
		s = talloc_memdup(t, sorts, count * sizeof(*sorts));
		if (s == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	talloc_free(t->sorts);
	t->sorts = s;
	t->sort_count = count;
	t->category_count = categories;
	t->expanded_count = expanded;
	TALLOC_FREE(t->states);
	t->state_count = 0;
	invalidate_view(t);
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsmdb_table_restrict(struct emsmdb_table *t,
				      const struct Restriction *r)
{
	struct Restriction *copy = NULL;
	struct emsmdb_strconv conv;
	enum MAPISTATUS rv;

	if (r != NULL) {
		rv = emsmdb_table_strconv(t, &conv);
		if (rv == MAPI_E_SUCCESS) {
			rv = emsmdb_restriction_prepare(t, &conv, r, &copy);
		}
		if (rv != MAPI_E_SUCCESS) {
			return rv;
		}
	}
	talloc_free(t->restriction);
	t->restriction = copy;
	invalidate_view(t);
	return MAPI_E_SUCCESS;
}

void emsmdb_table_reset(struct emsmdb_table *t)
{
	TALLOC_FREE(t->columns);
	t->column_count = 0;
	t->columns_set = false;
	TALLOC_FREE(t->sorts);
	t->sort_count = 0;
	TALLOC_FREE(t->restriction);
	t->category_count = 0;
	t->expanded_count = 0;
	TALLOC_FREE(t->states);
	t->state_count = 0;
	invalidate_view(t);
}

/* ---------------------------------------------------- snapshot build */

/* One candidate row while building: its id, depth and key values. */
struct view_row {
	uint64_t id;
	uint32_t depth;
	struct mstore_row values;
	const struct mstore_value **sort;	/* its values of the sorts */
};

struct view {
	struct view_row *rows;
	uint32_t count;
};

static int view_row_cmp(const void *a, const void *b, void *priv)
{
	const struct emsmdb_table *t = priv;
	const struct view_row *ra = a, *rb = b;
	/* strings in the session's locale (ICU's strcoll has a fast path
	 * for Latin text: cheaper than making sort keys for every row) */
	int c = emsmdb_sort_values_compare(t->coll, t->sorts, t->sort_count,
					   ra->sort, rb->sort);

	if (c != 0) {
		return c;
	}
	/* rows equal by the sort orders keep a stable order */
	return ra->id < rb->id ? -1 : ra->id > rb->id ? 1 : 0;
}

/* Each row's values of the sort orders, found once before sorting. */
static enum MAPISTATUS find_sort_values(TALLOC_CTX *mem_ctx,
					const struct emsmdb_table *t,
					struct view *v)
{
	const struct mstore_value **all;
	uint32_t i;

	all = talloc_array(mem_ctx, const struct mstore_value *,
			   (size_t)v->count * t->sort_count + 1);
	if (all == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < v->count; i++) {
		v->rows[i].sort = all + (size_t)i * t->sort_count;
		emsmdb_sort_values(t->sorts, t->sort_count,
				   &v->rows[i].values, v->rows[i].sort);
	}
	return MAPI_E_SUCCESS;
}

/* The tags to read for sorting and restricting: both string types of a
 * string property (the store keeps each as it was set). */
static enum MAPISTATUS key_tags(TALLOC_CTX *mem_ctx,
				const struct emsmdb_table *t,
				uint32_t **tags, uint32_t *count)
{
	uint32_t *base = NULL, n = 0, i, k = 0;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	for (i = 0; i < t->sort_count; i++) {
		base = talloc_realloc(mem_ctx, base, uint32_t, n + 1);
		if (base == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		base[n++] = MSTORE_PROP_TAG(t->sorts[i].PropertyId,
					    t->sorts[i].PropertyType &
					    ~EMSMDB_MV_INSTANCE);
	}
	if (t->restriction != NULL) {
		rv = emsmdb_restriction_tags(mem_ctx, t->restriction, &base,
					     &n);
	}
	if (rv == MAPI_E_SUCCESS && t->category_count > 0) {
		/* the unread counts of the headers */
		base = talloc_realloc(mem_ctx, base, uint32_t, n + 1);
		if (base == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		base[n++] = MSTORE_PidTagMessageFlags;
	}
	*tags = talloc_array(mem_ctx, uint32_t, 2 * n + 1);
	if (rv != MAPI_E_SUCCESS || *tags == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < n; i++) {
		uint16_t type = PTYPE(base[i]) & ~MSTORE_MV_FLAG;

		(*tags)[k++] = base[i];
		if (type == PT_STRING8 || type == PT_UNICODE) {
			(*tags)[k++] = base[i] ^ (PT_STRING8 ^ PT_UNICODE);
		}
	}
	*count = k;
	return MAPI_E_SUCCESS;
}

/* Messages of the folder with their sort and restriction keys. */
static enum MAPISTATUS load_messages(TALLOC_CTX *mem_ctx,
				     struct emsmdb_table *t, struct view *v)
{
	bool assoc = (t->flags & EMSMDB_TABLE_ASSOCIATED) != 0;
	struct mstore_row *rows = NULL;
	uint64_t *mids = NULL;
	uint32_t *tags = NULL, ntags = 0, n = 0, i;
	enum MAPISTATUS rv;

	rv = key_tags(mem_ctx, t, &tags, &ntags);
	if (rv == MAPI_E_SUCCESS) {
		rv = mstore_folder_messages_ex(
			mem_ctx, t->store, t->fid,
			(assoc ? MSTORE_EMPTY_ASSOCIATED : 0) |
			(t->flags & EMSMDB_TABLE_SOFT_DELETES ?
			 MSTORE_SOFT_DELETED : 0),
			tags, ntags, &mids, &rows, &n);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	v->rows = talloc_zero_array(mem_ctx, struct view_row, n);
	if (n > 0 && v->rows == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < n; i++) {
		v->rows[i].id = mids[i];
		v->rows[i].values = rows[i];
	}
	v->count = n;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS add_folder(TALLOC_CTX *mem_ctx, struct view *v,
				  uint64_t fid, uint32_t depth)
{
	struct view_row *r = talloc_realloc(mem_ctx, v->rows, struct view_row,
					    v->count + 1);

	if (r == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	memset(&r[v->count], 0, sizeof(r[0]));
	r[v->count].id = fid;
	r[v->count].depth = depth;
	v->rows = r;
	v->count++;
	return MAPI_E_SUCCESS;
}

/* The subfolders, each followed by its own subtree with Depth
 * (MS-OXCFOLD 2.2.1.13.1). */
static enum MAPISTATUS load_folders(TALLOC_CTX *mem_ctx,
				    struct emsmdb_table *t, struct view *v,
				    uint64_t fid, uint32_t depth)
{
	uint64_t *kids = NULL;
	uint32_t n = 0, i;
	enum MAPISTATUS rv;

	rv = mstore_folder_children(mem_ctx, t->store, fid, &kids, &n);
	for (i = 0; rv == MAPI_E_SUCCESS && i < n; i++) {
		rv = add_folder(mem_ctx, v, kids[i], depth);
		if (rv == MAPI_E_SUCCESS &&
		    (t->flags & EMSMDB_TABLE_DEPTH) != 0) {
			rv = load_folders(mem_ctx, t, v, kids[i], depth + 1);
		}
	}
	return rv;
}

/* MS-OXCFOLD 2.2.1.13.1 SoftDeletes: the soft-deleted subfolders (with
 * Depth, each followed by its subtree). */
static enum MAPISTATUS load_deleted_folders(TALLOC_CTX *mem_ctx,
					    struct emsmdb_table *t,
					    struct view *v)
{
	uint64_t *kids = NULL;
	uint32_t n = 0, i;
	enum MAPISTATUS rv;

	rv = mstore_folder_deleted_children(mem_ctx, t->store, t->fid, &kids,
					    &n);
	for (i = 0; rv == MAPI_E_SUCCESS && i < n; i++) {
		rv = add_folder(mem_ctx, v, kids[i], 0);
		if (rv == MAPI_E_SUCCESS &&
		    (t->flags & EMSMDB_TABLE_DEPTH) != 0) {
			rv = load_folders(mem_ctx, t, v, kids[i], 1);
		}
	}
	return rv;
}

/* Sort keys and restricted values of the folders (few rows: all their
 * properties). */
static enum MAPISTATUS folder_keys(TALLOC_CTX *mem_ctx,
				   struct emsmdb_table *t, struct view *v)
{
	enum MAPISTATUS rv = MAPI_E_SUCCESS;
	uint32_t i;

	if (t->sort_count == 0 && t->restriction == NULL) {
		return MAPI_E_SUCCESS;
	}
	for (i = 0; rv == MAPI_E_SUCCESS && i < v->count; i++) {
		rv = emsmdb_table_row_values(mem_ctx, t, v->rows[i].id,
					     v->rows[i].depth,
					     &v->rows[i].values);
	}
	return rv;
}

/* A categorised view: headers and rows, the visible ones returned. */
static enum MAPISTATUS categorise(TALLOC_CTX *mem_ctx,
				  struct emsmdb_table *t, struct view *v,
				  uint64_t **ids, uint32_t **depths)
{
	uint64_t *mids = talloc_array(mem_ctx, uint64_t, v->count + 1);
	struct mstore_row *rows = talloc_array(mem_ctx, struct mstore_row,
					       v->count + 1);
	enum MAPISTATUS rv;
	uint32_t i;

	if (mids == NULL || rows == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < v->count; i++) {
		mids[i] = v->rows[i].id;
		rows[i] = v->rows[i].values;
	}
	rv = emsmdb_category_build(t, mids, rows, v->count);
	if (rv == MAPI_E_SUCCESS) {
		rv = emsmdb_category_show(t);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	*ids = talloc_memdup(t, t->ids, (t->count + 1) * sizeof(uint64_t));
	*depths = talloc_memdup(t, t->depths,
				(t->count + 1) * sizeof(uint32_t));
	if (*ids == NULL || *depths == NULL) {
		TALLOC_FREE(*ids);
		TALLOC_FREE(*depths);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return MAPI_E_SUCCESS;
}

/* Restrict and sort the candidate rows into the table's snapshot. */
static enum MAPISTATUS finish_view(TALLOC_CTX *mem_ctx,
				   struct emsmdb_table *t, struct view *v,
				   uint64_t **ids, uint32_t **depths)
{
	struct emsmdb_match_state state = { 0 };
	uint32_t i, k = 0;
	enum MAPISTATUS rv;

	for (i = 0; i < v->count; i++) {
		if (t->type == EMSMDB_TABLE_CONTENTS &&
		    (t->sort_count > 0 || t->restriction != NULL)) {
			rv = emsmdb_table_add_computed(mem_ctx, t,
						       v->rows[i].id, 0,
						       &v->rows[i].values);
			if (rv != MAPI_E_SUCCESS) {
				return rv;
			}
		}
		if (t->restriction == NULL ||
		    emsmdb_restriction_match(t->coll, t->restriction,
					     &v->rows[i].values, &state)) {
			v->rows[k++] = v->rows[i];
		}
	}
	v->count = k;
	if (t->sort_count > 0 && k > 1) {
		rv = find_sort_values(mem_ctx, t, v);
		if (rv != MAPI_E_SUCCESS) {
			return rv;
		}
		qsort_r(v->rows, k, sizeof(v->rows[0]), view_row_cmp, t);
	}
	if (t->category_count > 0) {
		return categorise(mem_ctx, t, v, ids, depths);
	}
	*ids = talloc_array(t, uint64_t, k + 1);
	*depths = talloc_array(t, uint32_t, k + 1);
	if (*ids == NULL || *depths == NULL) {
		TALLOC_FREE(*ids);
		TALLOC_FREE(*depths);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < k; i++) {
		(*ids)[i] = v->rows[i].id;
		(*depths)[i] = v->rows[i].depth;
	}
	return MAPI_E_SUCCESS;
}

static uint32_t index_of(const struct emsmdb_table *t, uint64_t id,
			 bool *found)
{
	uint32_t i;

	for (i = 0; i < t->count; i++) {
		if (t->ids[i] == id) {
			*found = true;
			return i;
		}
	}
	*found = false;
	return t->count;
}

/* The rows of a rebuilt view by id, to find where old rows went. */
struct id_pos {
	uint64_t id;
	uint32_t pos;
};

static int id_pos_cmp(const void *a, const void *b)
{
	const struct id_pos *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id ? 1 : 0;
}

static struct id_pos *id_index(TALLOC_CTX *mem_ctx, const uint64_t *ids,
			       uint32_t count)
{
	struct id_pos *idx = talloc_array(mem_ctx, struct id_pos, count + 1);
	uint32_t i;

	if (idx == NULL) {
		return NULL;
	}
	for (i = 0; i < count; i++) {
		idx[i].id = ids[i];
		idx[i].pos = i;
	}
	qsort(idx, count, sizeof(idx[0]), id_pos_cmp);
	return idx;
}

static bool id_find(const struct id_pos *idx, uint32_t count, uint64_t id,
		    uint32_t *pos)
{
	struct id_pos key = { .id = id };
	const struct id_pos *hit = bsearch(&key, idx, count, sizeof(idx[0]),
					   id_pos_cmp);

	if (hit != NULL) {
		*pos = hit->pos;
	}
	return hit != NULL;
}

/* The old view a rebuild replaced. */
struct old_view {
	const uint64_t *ids;
	uint32_t count;
	const struct id_pos *idx;	/* of the new view */
};

/*
 * Where the row at @a old_pos of the old view is in the new one: its own
 * place if it is still there (@a same), else that of the first row after
 * it in the old view that still is; the end of the table if none.
 */
static uint32_t follow(const struct emsmdb_table *t,
		       const struct old_view *old, uint32_t old_pos,
		       bool *same)
{
	uint32_t i, pos;

	*same = false;
	for (i = old_pos; i < old->count; i++) {
		if (id_find(old->idx, t->count, old->ids[i], &pos)) {
			*same = i == old_pos;
			return pos;
		}
	}
	return t->count;
}

/* A bookmark after a rebuild (MS-OXCTABL 3.2.5.9: a row that is no
 * longer visible leaves the bookmark on the next row). */
static void follow_bookmark(const struct emsmdb_table *t,
			    const struct old_view *old,
			    struct emsmdb_table_bookmark *b)
{
	uint32_t old_pos = b->position;
	bool same;

	if (b->row_id == 0) {
		b->position = t->count;	/* the end stays the end */
		return;
	}
	if (old_pos >= old->count || old->ids[old_pos] != b->row_id) {
		/* not where it was last seen (a collapse moved it) */
		for (old_pos = 0; old_pos < old->count &&
		     old->ids[old_pos] != b->row_id; old_pos++) {
		}
	}
	b->position = follow(t, old, old_pos, &same);
	if (!same) {
		b->gone = true;
		b->row_id = b->position < t->count ? t->ids[b->position] : 0;
	}
}

/* After a rebuild: the cursor and the bookmarks follow their rows, or
 * go to the next row still there; a cursor at the beginning or at the
 * end of the table stays there (BOOKMARK_BEGINNING, BOOKMARK_END). */
static void follow_rows(struct emsmdb_table *t, const uint64_t *old_ids,
			uint32_t old_count, uint32_t old_position)
{
	TALLOC_CTX *tmp = talloc_new(t);
	struct old_view old = { .ids = old_ids, .count = old_count };
	uint32_t i;
	bool same;

	old.idx = tmp != NULL ? id_index(tmp, t->ids, t->count) : NULL;
	if (old.idx == NULL) {
		/* out of memory: a valid if less helpful place */
		t->position = MIN(old_position, t->count);
		talloc_free(tmp);
		return;
	}
	t->position = old_position == 0 ? 0 :
		      old_position >= old_count ? t->count :
		      follow(t, &old, old_position, &same);
	for (i = 0; i < t->bookmark_count; i++) {
		follow_bookmark(t, &old, &t->bookmarks[i]);
	}
	talloc_free(tmp);
}

/* What identifies a contents view: folder, flags, sort, restriction. */
static DATA_BLOB view_key(TALLOC_CTX *mem_ctx, const struct emsmdb_table *t)
{
	uint8_t head[10];
	DATA_BLOB key = data_blob_null, res = data_blob_null;
	uint32_t i;

	head[0] = t->type;
	head[1] = t->flags & (EMSMDB_TABLE_ASSOCIATED | EMSMDB_TABLE_DEPTH |
			      EMSMDB_TABLE_SOFT_DELETES);
	for (i = 0; i < 8; i++) {
		head[2 + i] = (t->fid >> (8 * i)) & 0xFF;
	}
	if (t->restriction != NULL &&
	    !NDR_ERR_CODE_IS_SUCCESS(ndr_push_struct_blob(&res, mem_ctx,
		    t->restriction,
		    (ndr_push_flags_fn_t)ndr_push_Restriction))) {
		return data_blob_null;
	}
	if (!data_blob_append(mem_ctx, &key, head, sizeof(head))) {
		return data_blob_null;
	}
	for (i = 0; i < t->sort_count; i++) {
		const struct SortOrder *o = &t->sorts[i];
		uint8_t b[5] = {
			o->PropertyType & 0xFF, o->PropertyType >> 8,
			o->PropertyId & 0xFF, o->PropertyId >> 8, o->Order
		};

		if (!data_blob_append(mem_ctx, &key, b, sizeof(b))) {
			return data_blob_null;
		}
	}
	if (!data_blob_append(mem_ctx, &key, res.data, res.length)) {
		return data_blob_null;
	}
	return key;
}

/* The attachments of the message, with every property (few rows). */
static enum MAPISTATUS load_attachments(TALLOC_CTX *mem_ctx,
					struct emsmdb_table *t, struct view *v)
{
	struct mstore_row *rows = NULL;
	uint32_t n = 0, i;
	const struct mstore_value *num;
	enum MAPISTATUS rv;

	rv = mstore_message_get_attachments(mem_ctx, t->message, &rows, &n);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	v->rows = talloc_zero_array(mem_ctx, struct view_row, n + 1);
	if (v->rows == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; rv == MAPI_E_SUCCESS && i < n; i++) {
		num = mstore_values_find(rows[i].values, rows[i].count,
					 MSTORE_PidTagAttachNumber);
		v->rows[i].id = num != NULL ? (uint32_t)num->v.i32 : i;
		v->rows[i].values = rows[i];
		rv = emsmdb_table_add_computed(mem_ctx, t, v->rows[i].id, 0,
					       &v->rows[i].values);
	}
	v->count = n;
	return rv;
}

static enum MAPISTATUS build_view(TALLOC_CTX *tmp, struct emsmdb_table *t,
				  uint64_t **ids, uint32_t **depths)
{
	struct view v = { 0 };
	enum MAPISTATUS rv;

	if (t->type == EMSMDB_TABLE_ATTACHMENTS) {
		rv = load_attachments(tmp, t, &v);
	} else if (t->type == EMSMDB_TABLE_CONTENTS) {
		rv = load_messages(tmp, t, &v);
	} else {
		rv = t->flags & EMSMDB_TABLE_SOFT_DELETES ?
		     load_deleted_folders(tmp, t, &v) :
		     load_folders(tmp, t, &v, t->fid, 0);
		if (rv == MAPI_E_SUCCESS) {
			rv = folder_keys(tmp, t, &v);
		}
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = finish_view(tmp, t, &v, ids, depths);
	}
	return rv;
}

/* The snapshot for the folder at @a version: a cached view of the
 * logon when there is one, else built (and cached, contents tables). */
/* The memory a build works in: reading a large folder makes several
 * small allocations per message, all freed together, which a pool
 * serves without malloc (only the pages used are touched). */
#define CONTENTS_BUILD_POOL	(8 << 20)
#define HIERARCHY_BUILD_POOL	(64 << 10)

static enum MAPISTATUS build(struct emsmdb_table *t, uint64_t version)
{
	TALLOC_CTX *tmp = talloc_pool(t, t->type == EMSMDB_TABLE_CONTENTS ?
				      CONTENTS_BUILD_POOL :
				      HIERARCHY_BUILD_POOL);
	uint64_t *ids = NULL;
	uint32_t *depths = NULL, count = 0;
	bool cacheable = t->type == EMSMDB_TABLE_CONTENTS && t->cache &&
			 t->category_count == 0;
	DATA_BLOB key = data_blob_null;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (cacheable) {
		key = view_key(tmp, t);
	}
	if (!cacheable || t->stale ||
	    !emsmdb_view_cache_get(t->cache, t, &key, version, &ids, &depths,
				   &count)) {
		rv = build_view(tmp, t, &ids, &depths);
		if (rv == MAPI_E_SUCCESS) {
			count = talloc_array_length(ids) - 1;
		}
		if (rv == MAPI_E_SUCCESS && cacheable) {
			emsmdb_view_cache_put(t->cache, &key, version, ids,
					      depths, count);
		}
	}
	talloc_free(tmp);
	if (rv != MAPI_E_SUCCESS) {
		DBG_WARNING("table of folder 0x%016llx: 0x%08x\n",
			    (unsigned long long)t->fid, (unsigned int)rv);
		return rv;
	}
	talloc_free(t->ids);
	talloc_free(t->depths);
	t->ids = ids;
	t->depths = depths;
	t->count = count;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsmdb_table_refresh(struct emsmdb_table *t)
{
	uint64_t version = 0, *old_ids;
	uint32_t old_count = t->count, old_position = t->position;
	bool versioned = false, was_built = t->built;
	enum MAPISTATUS rv;

	rv = folder_version(t, &version, &versioned);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (t->built && !t->stale && versioned && version == t->version) {
		return MAPI_E_SUCCESS;
	}
	/* the old view, to follow the cursor and bookmarks into the new */
	old_ids = t->ids;
	t->ids = NULL;
	rv = build(t, version);
	if (rv != MAPI_E_SUCCESS) {
		if (t->ids == NULL) {
			t->ids = old_ids;
		} else {
			talloc_free(old_ids);
			t->built = false;
		}
		return rv;
	}
	t->version = version;
	t->built = true;
	t->stale = false;
	if (was_built) {
		follow_rows(t, old_ids, old_count, old_position);
	} else {
		t->position = MIN(t->position, t->count);
	}
	talloc_free(old_ids);
	return MAPI_E_SUCCESS;
}

/* ------------------------------------------------------------ cursor */

bool emsmdb_table_move(struct emsmdb_table *t, uint32_t origin,
		       int32_t delta, int32_t *moved)
{
	int64_t target = (int64_t)origin + delta;
	bool cut = false;

	if (target < 0) {
		target = 0;
		cut = true;
	} else if (target > t->count) {
		target = t->count;
		cut = true;
	}
	*moved = (int32_t)(target - (int64_t)origin);
	t->position = (uint32_t)target;
	return cut;
}

/* --------------------------------------------------------- bookmarks */

enum MAPISTATUS emsmdb_table_bookmark_new(struct emsmdb_table *t,
					  uint32_t *id)
{
	struct emsmdb_table_bookmark *b;

	if (t->bookmark_count >= EMSMDB_TABLE_MAX_BOOKMARKS) {
		return MAPI_E_UNABLE_TO_COMPLETE;
	}
	b = talloc_realloc(t, t->bookmarks, struct emsmdb_table_bookmark,
			   t->bookmark_count + 1);
	if (b == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	t->bookmarks = b;
	b = &b[t->bookmark_count++];
	b->id = t->next_bookmark++;
	b->position = t->position;
	b->row_id = t->position < t->count ? t->ids[t->position] : 0;
	b->gone = false;
	*id = b->id;
	return MAPI_E_SUCCESS;
}

static struct emsmdb_table_bookmark *bookmark_find(struct emsmdb_table *t,
						   uint32_t id)
{
	uint32_t i;

	for (i = 0; i < t->bookmark_count; i++) {
		if (t->bookmarks[i].id == id) {
			return &t->bookmarks[i];
		}
	}
	return NULL;
}

enum MAPISTATUS emsmdb_table_bookmark_seek(struct emsmdb_table *t,
					   uint32_t id, uint32_t *position,
					   bool *visible)
{
	struct emsmdb_table_bookmark *b = bookmark_find(t, id);
	uint32_t pos;
	bool found;

	if (b == NULL) {
		return MAPI_E_INVALID_BOOKMARK;
	}
	*visible = !b->gone;
	if (b->row_id == 0) {
		/* the end of the table (set there, or nothing followed) */
		*position = t->count;
		return MAPI_E_SUCCESS;
	}
	/* the view may have changed since (a collapse, an expansion) */
	if (b->position < t->count && t->ids[b->position] == b->row_id) {
		*position = b->position;
		return MAPI_E_SUCCESS;
	}
	pos = index_of(t, b->row_id, &found);
	if (!found) {
		/* hidden under a collapsed header */
		*visible = false;
	}
	*position = found ? pos : MIN(b->position, t->count);
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsmdb_table_bookmark_free(struct emsmdb_table *t,
					   uint32_t id)
{
	struct emsmdb_table_bookmark *b = bookmark_find(t, id);
	uint32_t i;

	if (b == NULL) {
		return MAPI_E_INVALID_BOOKMARK;
	}
	i = b - t->bookmarks;
	memmove(b, b + 1, (t->bookmark_count - i - 1) * sizeof(*b));
	t->bookmark_count--;
	return MAPI_E_SUCCESS;
}

/* -------------------------------------------------------------- find */

enum MAPISTATUS emsmdb_table_find(struct emsmdb_table *t,
				  const struct Restriction *r,
				  uint32_t start, bool backwards,
				  uint32_t *index)
{
	TALLOC_CTX *tmp;
	struct emsmdb_match_state state = { 0 };
	int64_t i = backwards ? (int64_t)start - 1 : start;
	enum MAPISTATUS rv = MAPI_E_NOT_FOUND;

	tmp = talloc_new(t);
	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	/* Row by row from the cursor: a match near it costs little. */
	for (; i >= 0 && i < t->count; i += backwards ? -1 : 1) {
		struct mstore_row row = { 0 };
		enum MAPISTATUS e;

		e = emsmdb_table_row_values(tmp, t, t->ids[i], t->depths[i],
					    &row);
		if (e == MAPI_E_SUCCESS &&
		    emsmdb_restriction_match(t->coll, r, &row, &state)) {
			*index = (uint32_t)i;
			rv = MAPI_E_SUCCESS;
			break;
		}
		talloc_free_children(tmp);
	}
	talloc_free(tmp);
	return rv;
}
