/*
 * The views of a logon's recently used contents tables: a client opens
 * the same sorted view of a folder again and again (each time a folder is
 * shown), and building it reads the sort keys of every message.  A view
 * is reused while the folder's contents version (see emsmdb_table.c) has
 * not moved.
 */
#include "emsmdb_table.h"

#include <string.h>

/** Views a logon keeps (each: 12 bytes per row). */
#define VIEW_CACHE_SIZE 4

struct cached_view {
	DATA_BLOB key;	/* type, folder, flags, sort, restriction */
	uint64_t version;
	uint64_t *ids;
	uint32_t *depths;
	uint32_t count;
	uint64_t last_use;
};

struct emsmdb_view_cache {
	struct cached_view views[VIEW_CACHE_SIZE];
	uint64_t clock;
};

struct emsmdb_view_cache *emsmdb_view_cache_new(TALLOC_CTX *mem_ctx)
{
	return talloc_zero(mem_ctx, struct emsmdb_view_cache);
}

static struct cached_view *find(struct emsmdb_view_cache *c,
				const DATA_BLOB *key)
{
	int i;

	for (i = 0; i < VIEW_CACHE_SIZE; i++) {
		if (c->views[i].key.length == key->length &&
		    key->length > 0 &&
		    memcmp(c->views[i].key.data, key->data,
			   key->length) == 0) {
			return &c->views[i];
		}
	}
	return NULL;
}

bool emsmdb_view_cache_get(struct emsmdb_view_cache *c, TALLOC_CTX *mem_ctx,
			   const DATA_BLOB *key, uint64_t version,
			   uint64_t **ids, uint32_t **depths, uint32_t *count)
{
	struct cached_view *v = c != NULL ? find(c, key) : NULL;

	if (v == NULL || v->version != version) {
		return false;
	}
	*ids = talloc_memdup(mem_ctx, v->ids,
			     (v->count + 1) * sizeof(uint64_t));
	*depths = talloc_memdup(mem_ctx, v->depths,
				(v->count + 1) * sizeof(uint32_t));
	if (*ids == NULL || *depths == NULL) {
		TALLOC_FREE(*ids);
		TALLOC_FREE(*depths);
		return false;
	}
	*count = v->count;
	v->last_use = ++c->clock;
	return true;
}

void emsmdb_view_cache_put(struct emsmdb_view_cache *c, const DATA_BLOB *key,
			   uint64_t version, const uint64_t *ids,
			   const uint32_t *depths, uint32_t count)
{
	struct cached_view *v;
	int i;

	if (c == NULL || key->length == 0) {
		return;
	}
	v = find(c, key);
	if (v == NULL) {
		/* the least recently used one */
		v = &c->views[0];
		for (i = 1; i < VIEW_CACHE_SIZE; i++) {
			if (c->views[i].last_use < v->last_use) {
				v = &c->views[i];
			}
		}
	}
	TALLOC_FREE(v->key.data);
	TALLOC_FREE(v->ids);
	TALLOC_FREE(v->depths);
	v->count = 0;
	v->key = data_blob_talloc(c, key->data, key->length);
	v->ids = talloc_memdup(c, ids, (count + 1) * sizeof(uint64_t));
	v->depths = talloc_memdup(c, depths, (count + 1) * sizeof(uint32_t));
	if (v->key.data == NULL || v->ids == NULL || v->depths == NULL) {
		TALLOC_FREE(v->key.data);
		v->key.length = 0;
		return;
	}
	v->version = version;
	v->count = count;
	v->last_use = ++c->clock;
}
