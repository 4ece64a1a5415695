/*
 * Categorised views (MS-OXCTABL 3.2.5.3, 3.2.5.16 - 3.2.5.19): the first
 * CategoryCount sort orders group the rows; each group of each level gets
 * a header row (PidTagRowType TBL_EXPANDED_CATEGORY or
 * TBL_COLLAPSED_CATEGORY) followed by its rows, hidden while it is
 * collapsed.  The first ExpandedCount levels start expanded.  A header's
 * id (PidTagInstID, the CategoryId of RopExpandRow and RopCollapseRow)
 * is a hash of its level and values, so it stays the same when the view
 * is rebuilt; its low 16 bits are zero, unlike those of a MID (REPLID 1).
 */
#include "emsmdb_table.h"
#include "collation/mapi_collation.h"

#include <string.h>
#include <strings.h>
#include <ctype.h>

#define PTYPE(tag) ((uint16_t)((tag) & 0xFFFF))

/* PidTagRowType values (MS-OXCTABL 2.2.1.3) */
#define TBL_EXPANDED_CATEGORY	3
#define TBL_COLLAPSED_CATEGORY	4
#define PidTagRowType		0x0FF50003
#define PidTagDepth		0x30050003
#define PidTagInstID		0x674D0014
#define PidTagInstanceNum	0x674E0003
#define MSGFLAG_READ		0x00000001

/* GetCollapseState blobs start with this (then count, states, row). */
#define STATE_MAGIC		0x53434D53	/* "SMCS" */

static uint32_t sort_tag(const struct emsmdb_table *t, uint32_t level)
{
	return MSTORE_PROP_TAG(t->sorts[level].PropertyId,
			       t->sorts[level].PropertyType &
			       ~EMSMDB_MV_INSTANCE);
}

/* Rows a and b are in the same category down to @a level. */
static bool same_group(const struct emsmdb_table *t, uint32_t level,
		       const struct mstore_row *a, const struct mstore_row *b)
{
	uint32_t j;

	for (j = 0; j <= level; j++) {
		const struct mstore_value *va = emsmdb_row_find(a,
							sort_tag(t, j));
		const struct mstore_value *vb = emsmdb_row_find(b,
							sort_tag(t, j));

		if ((va == NULL) != (vb == NULL) ||
		    (va != NULL && emsmdb_value_compare(t->coll, va, vb) != 0)) {
			return false;
		}
	}
	return true;
}

static uint64_t fnv(uint64_t h, const void *data, size_t len, bool fold)
{
	const uint8_t *p = data;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= fold ? (uint8_t)tolower(p[i]) : p[i];
		h *= 0x100000001B3ULL;
	}
	return h;
}

static uint64_t category_id(const struct emsmdb_table *t, uint32_t level,
			    const struct mstore_row *row)
{
	uint64_t h = fnv(0xCBF29CE484222325ULL, &level, sizeof(level),
			 false);
	TALLOC_CTX *tmp = talloc_new(NULL);
	uint32_t j;

	for (j = 0; j <= level; j++) {
		const struct mstore_value *v = emsmdb_row_find(row,
							sort_tag(t, j));
		struct mstore_bin bin;
		DATA_BLOB key;

		if (v == NULL) {
			h = fnv(h, "-", 1, false);
		} else if ((PTYPE(v->tag) == PT_UNICODE ||
			    PTYPE(v->tag) == PT_STRING8) && t->coll != NULL &&
			   mapi_sort_key(tmp, t->coll, v->v.str, &key)) {
			/* strings equal in the locale group together */
			h = fnv(h, key.data, key.length, false);
		} else if (PTYPE(v->tag) == PT_UNICODE ||
			   PTYPE(v->tag) == PT_STRING8) {
			/* strings group case-insensitively */
			h = fnv(h, v->v.str, strlen(v->v.str), true);
		} else if (mstore_value_pack(tmp, v, &bin) ==
			   MAPI_E_SUCCESS) {
			h = fnv(h, bin.data, bin.length, false);
		}
	}
	talloc_free(tmp);
	h &= ~(uint64_t)0xFFFF;
	return h != 0 ? h : 0x10000;
}

static enum MAPISTATUS add_entry(struct emsmdb_table *t, uint64_t id,
				 uint32_t depth, int32_t category)
{
	struct emsmdb_view_entry *e;

	e = talloc_realloc(t, t->entries, struct emsmdb_view_entry,
			   t->entry_count + 1);
	if (e == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	e[t->entry_count].id = id;
	e[t->entry_count].depth = depth;
	e[t->entry_count].category = category;
	t->entries = e;
	t->entry_count++;
	return MAPI_E_SUCCESS;
}

/* A header for @a row's group at @a level. */
static enum MAPISTATUS add_header(struct emsmdb_table *t, uint32_t level,
				  const struct mstore_row *row)
{
	struct emsmdb_category *c;
	uint32_t j;

	c = talloc_realloc(t, t->categories, struct emsmdb_category,
			   t->category_rows + 1);
	if (c == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	t->categories = c;
	c = &c[t->category_rows];
	memset(c, 0, sizeof(*c));
	c->id = category_id(t, level, row);
	c->depth = level;
	c->values.values = talloc_zero_array(t->categories,
					     struct mstore_value, level + 1);
	if (c->values.values == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (j = 0; j <= level; j++) {
		const struct mstore_value *v = emsmdb_row_find(row,
							sort_tag(t, j));

		if (v != NULL && mstore_value_copy(t->categories, v,
			&c->values.values[c->values.count]) ==
		    MAPI_E_SUCCESS) {
			c->values.count++;
		}
	}
	t->category_rows++;
	return add_entry(t, c->id, level, t->category_rows - 1);
}

enum MAPISTATUS emsmdb_category_build(struct emsmdb_table *t,
				      const uint64_t *ids,
				      const struct mstore_row *rows,
				      uint32_t count)
{
	uint32_t levels = t->category_count, i, lvl, first;
	int32_t *open = talloc_zero_array(t, int32_t, levels);
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	if (open == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	TALLOC_FREE(t->entries);
	TALLOC_FREE(t->categories);
	t->entry_count = 0;
	t->category_rows = 0;
	for (i = 0; rv == MAPI_E_SUCCESS && i < count; i++) {
		const struct mstore_value *flags;

		for (first = 0; i > 0 && first < levels &&
		     same_group(t, first, &rows[i - 1], &rows[i]); first++) {
		}
		for (lvl = first; rv == MAPI_E_SUCCESS && lvl < levels;
		     lvl++) {
			rv = add_header(t, lvl, &rows[i]);
			open[lvl] = t->category_rows - 1;
		}
		if (rv == MAPI_E_SUCCESS) {
			rv = add_entry(t, ids[i], levels, -1);
		}
		flags = emsmdb_row_find(&rows[i], MSTORE_PidTagMessageFlags);
		for (lvl = 0; rv == MAPI_E_SUCCESS && lvl < levels; lvl++) {
			t->categories[open[lvl]].leaves++;
			if (flags == NULL ||
			    (flags->v.i32 & MSGFLAG_READ) == 0) {
				t->categories[open[lvl]].unread++;
			}
		}
	}
	talloc_free(open);
	return rv;
}

static bool is_expanded(const struct emsmdb_table *t,
			const struct emsmdb_category *c)
{
	uint32_t i;

	for (i = 0; i < t->state_count; i++) {
		if (t->states[i].id == c->id) {
			return t->states[i].expanded;
		}
	}
	return c->depth < t->expanded_count;
}

enum MAPISTATUS emsmdb_category_show(struct emsmdb_table *t)
{
	uint64_t *ids = talloc_array(t, uint64_t, t->entry_count + 1);
	uint32_t *depths = talloc_array(t, uint32_t, t->entry_count + 1);
	uint32_t hide = UINT32_MAX, n = 0, i;

	if (ids == NULL || depths == NULL) {
		talloc_free(ids);
		talloc_free(depths);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < t->entry_count; i++) {
		const struct emsmdb_view_entry *e = &t->entries[i];

		if (hide != UINT32_MAX && e->depth > hide) {
			continue;
		}
		hide = UINT32_MAX;
		ids[n] = e->id;
		depths[n++] = e->depth;
		if (e->category >= 0 &&
		    !is_expanded(t, &t->categories[e->category])) {
			hide = e->depth;
		}
	}
	talloc_free(t->ids);
	talloc_free(t->depths);
	t->ids = ids;
	t->depths = depths;
	t->count = n;
	return MAPI_E_SUCCESS;
}

struct emsmdb_category *emsmdb_category_find(struct emsmdb_table *t,
					     uint64_t id)
{
	uint32_t i;

	for (i = 0; (id & 0xFFFF) == 0 && i < t->category_rows; i++) {
		if (t->categories[i].id == id) {
			return &t->categories[i];
		}
	}
	return NULL;
}

static enum MAPISTATUS remember(struct emsmdb_table *t, uint64_t id,
				bool expanded)
{
	struct emsmdb_collapse *s;
	uint32_t i;

	for (i = 0; i < t->state_count; i++) {
		if (t->states[i].id == id) {
			t->states[i].expanded = expanded;
			return MAPI_E_SUCCESS;
		}
	}
	s = talloc_realloc(t, t->states, struct emsmdb_collapse,
			   t->state_count + 1);
	if (s == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	s[t->state_count].id = id;
	s[t->state_count].expanded = expanded;
	t->states = s;
	t->state_count++;
	return MAPI_E_SUCCESS;
}

static uint32_t visible_index(const struct emsmdb_table *t, uint64_t id)
{
	uint32_t i;

	for (i = 0; i < t->count && t->ids[i] != id; i++) {
	}
	return i;
}

/* Rows shown below the header at @a index (its open subtree). */
static uint32_t subtree_rows(const struct emsmdb_table *t, uint32_t index)
{
	uint32_t n = 0;

	while (index + 1 + n < t->count &&
	       t->depths[index + 1 + n] > t->depths[index]) {
		n++;
	}
	return n;
}

enum MAPISTATUS emsmdb_category_set(struct emsmdb_table *t, uint64_t id,
				    bool expand, uint32_t *index,
				    uint32_t *changed)
{
	struct emsmdb_category *c = emsmdb_category_find(t, id);
	uint32_t before, cursor_pos = t->position;
	uint64_t cursor = t->position < t->count ? t->ids[t->position] : 0;
	enum MAPISTATUS rv;

	if (c == NULL) {
		return MAPI_E_NOT_FOUND;
	}
	*index = visible_index(t, id);
	if (*index == t->count) {
		return MAPI_E_NOT_FOUND;	/* inside a collapsed one */
	}
	before = subtree_rows(t, *index);
	rv = remember(t, id, expand);
	if (rv == MAPI_E_SUCCESS) {
		rv = emsmdb_category_show(t);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	*changed = expand ? subtree_rows(t, *index) - before : before;
	/* the cursor stays on its row, or after the collapsed header */
	t->position = cursor == 0 ? t->count : visible_index(t, cursor);
	if (cursor != 0 && t->position == t->count && cursor_pos < t->count) {
		t->position = *index + 1;
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsmdb_category_values(TALLOC_CTX *mem_ctx,
				       const struct emsmdb_table *t,
				       const struct emsmdb_category *c,
				       struct mstore_row *row)
{
	struct mstore_value extra[6];
	uint32_t n = c->values.count;

	memset(extra, 0, sizeof(extra));
	extra[0].tag = PidTagRowType;
	extra[0].v.i32 = is_expanded(t, c) ? TBL_EXPANDED_CATEGORY :
			 TBL_COLLAPSED_CATEGORY;
	extra[1].tag = PidTagDepth;
	extra[1].v.i32 = (int32_t)c->depth;
	extra[2].tag = PidTagInstID;
	extra[2].v.i64 = (int64_t)c->id;
	extra[3].tag = PidTagInstanceNum;
	extra[4].tag = MSTORE_PidTagContentCount;
	extra[4].v.i32 = (int32_t)c->leaves;
	extra[5].tag = MSTORE_PidTagContentUnreadCount;
	extra[5].v.i32 = (int32_t)c->unread;
	row->values = talloc_array(mem_ctx, struct mstore_value, n + 6);
	if (row->values == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	memcpy(row->values, c->values.values, n * sizeof(*row->values));
	memcpy(row->values + n, extra, sizeof(extra));
	row->count = n + 6;
	return MAPI_E_SUCCESS;
}

static void put_u64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++) {
		p[i] = (v >> (8 * i)) & 0xFF;
	}
}

static uint64_t get_u64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--) {
		v = v << 8 | p[i];
	}
	return v;
}

/*
 * The collapse state (MS-OXCTABL 2.2.2.19, opaque to the client): magic,
 * count, the expanded/collapsed categories (id, flag), the row id and
 * instance number.
 */
enum MAPISTATUS emsmdb_category_state_get(TALLOC_CTX *mem_ctx,
					  const struct emsmdb_table *t,
					  uint64_t row_id, uint32_t instance,
					  DATA_BLOB *state)
{
	size_t len = 8 + 9 * (size_t)t->state_count + 12;
	uint8_t *p;
	uint32_t i;

	if (len > UINT16_MAX) {
		return MAPI_E_TOO_BIG;
	}
	*state = data_blob_talloc(mem_ctx, NULL, len);
	if (state->data == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	p = state->data;
	put_u64(p, STATE_MAGIC | (uint64_t)t->state_count << 32);
	p += 8;
	for (i = 0; i < t->state_count; i++, p += 9) {
		put_u64(p, t->states[i].id);
		p[8] = t->states[i].expanded ? 1 : 0;
	}
	put_u64(p, row_id);
	p[8] = instance & 0xFF;
	p[9] = (instance >> 8) & 0xFF;
	p[10] = (instance >> 16) & 0xFF;
	p[11] = instance >> 24;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsmdb_category_state_set(struct emsmdb_table *t,
					  const DATA_BLOB *state,
					  uint64_t *row_id)
{
	const uint8_t *p = state->data;
	uint64_t head;
	uint32_t count, i;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	if (state->length < 20) {
		return MAPI_E_INVALID_PARAMETER;
	}
	head = get_u64(p);
	count = head >> 32;
	if ((head & 0xFFFFFFFF) != STATE_MAGIC ||
	    state->length != 8 + 9 * (size_t)count + 12) {
		return MAPI_E_INVALID_PARAMETER;
	}
	TALLOC_FREE(t->states);
	t->state_count = 0;
	for (i = 0, p += 8; rv == MAPI_E_SUCCESS && i < count; i++, p += 9) {
		rv = remember(t, get_u64(p), p[8] != 0);
	}
	*row_id = get_u64(p);
	return rv;
}
