/*
 * The message store's write rates against raw ldb (see bench_ldb.h).
 */
#include "bench_ldb.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ldb.h>

#include "bench_message.h"

/* Messages drawn once and written in turn. */
#define POOL_SIZE 16

/* The store's own ldb options (store_db.c): LMDB's map size. */
static const char *connect_options[] = {
	"lmdb_env_size:17179869184", NULL
};

struct pool {
	struct mstore_value *values[POOL_SIZE];
	uint32_t count[POOL_SIZE];
};

struct save_ctx {
	struct mstore *store;
	uint64_t fid;
	struct pool *pool;
	uint32_t next;
};

struct raw_ctx {
	struct ldb_context *ldb;
	const struct ldb_message *template;
	uint64_t next_id;
};

static bool pool_fill(TALLOC_CTX *mem_ctx, struct pool *pool,
		      uint32_t body_len, uint64_t seed)
{
	uint64_t rng = seed;
	int i;

	for (i = 0; i < POOL_SIZE; i++) {
		struct bench_message_spec spec;

		bench_message_draw(&rng, body_len, &spec);
		if (!bench_message_values(mem_ctx, &rng, i, &spec,
					  &pool->values[i],
					  &pool->count[i])) {
			return false;
		}
	}
	return true;
}

/* One message through the store library: create, set, save. */
static enum MAPISTATUS save_one(void *ctx, TALLOC_CTX *mem_ctx,
				uint32_t *rows)
{
	struct save_ctx *s = ctx;
	uint32_t i = s->next++ % POOL_SIZE;
	struct mstore_message *msg;
	enum MAPISTATUS rv;

	*rows = 1;
	rv = mstore_message_create(mem_ctx, s->store, s->fid, false, &msg);
	if (rv == MAPI_E_SUCCESS) {
		rv = mstore_message_set_props(msg, s->pool->values[i],
					      s->pool->count[i]);
	}
	return rv == MAPI_E_SUCCESS ? mstore_message_save(msg) : rv;
}

/* One copy of the template record, with its own DN and objectGUID. */
static enum MAPISTATUS raw_one(void *ctx, TALLOC_CTX *mem_ctx,
			       uint32_t *rows)
{
	struct raw_ctx *r = ctx;
	struct ldb_message *m = ldb_msg_copy_shallow(mem_ctx, r->template);
	uint8_t guid[16];
	struct ldb_val v, g = data_blob_const(guid, sizeof(guid));
	char rdn[17];
	int i;

	*rows = 1;
	/* the template's DN belongs to the handle that read it */
	if (m == NULL || (m->dn = ldb_dn_new(m, r->ldb,
			ldb_dn_get_linearized(r->template->dn))) == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	snprintf(rdn, sizeof(rdn), "%016llX",
		 (unsigned long long)r->next_id++);
	v = data_blob_const(rdn, 16);
	for (i = 0; i < 16; i++) {
		guid[i] = random() & 0xFF;
	}
	ldb_msg_remove_attr(m, "objectGUID");
	if (ldb_dn_set_component(m->dn, 0, "CN", v) != LDB_SUCCESS ||
	    ldb_msg_add_value(m, "objectGUID", &g, NULL) != LDB_SUCCESS) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return ldb_add(r->ldb, m) == LDB_SUCCESS ? MAPI_E_SUCCESS
						 : MAPI_E_DISK_ERROR;
}

static int remove_dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int rc = 0;

	if (d == NULL) {
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		char *f;

		if (strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0) {
			continue;
		}
		f = talloc_asprintf(NULL, "%s/%s", path, e->d_name);
		if (f == NULL || unlink(f) != 0) {
			rc = -1;
		}
		talloc_free(f);
	}
	closedir(d);
	return rmdir(path) == 0 ? rc : -1;
}

static enum MAPISTATUS new_store(TALLOC_CTX *mem_ctx, const char *dir,
				 const char *name,
				 enum mstore_backend backend,
				 struct mstore **store)
{
	struct mstore_open_params p = {
		.directory = dir, .mailbox = name, .backend = backend,
		.create = true
	};

	return mstore_open(mem_ctx, &p, store);
}

/* The record of a saved message (one carrying PidTagSubject), read with
 * a raw ldb handle on the store's database. */
static struct ldb_message *saved_record(TALLOC_CTX *mem_ctx,
					const char *url)
{
	struct ldb_context *ldb = ldb_init(mem_ctx, NULL);
	struct ldb_result *res = NULL;
	struct ldb_message *m = NULL;

	if (ldb != NULL &&
	    ldb_connect(ldb, url, 0, connect_options) == LDB_SUCCESS &&
	    ldb_search(ldb, mem_ctx, &res, NULL, LDB_SCOPE_SUBTREE, NULL,
		       "(p0037001f=*)") == LDB_SUCCESS && res->count > 0) {
		m = ldb_msg_copy(mem_ctx, res->msgs[0]);
	}
	talloc_free(res);
	talloc_free(ldb);
	return m;
}

static int measure_saves(const struct bench_cfg *cfg,
			 const struct bench_store_params *p,
			 const char *dir, struct pool *pool,
			 struct bench_measure *save, char **url)
{
	struct save_ctx s = { .pool = pool };

	if (new_store(cfg->mem, dir, "saves", p->backend, &s.store) !=
	    MAPI_E_SUCCESS ||
	    mstore_special_fid(s.store, MSTORE_INBOX, &s.fid) !=
	    MAPI_E_SUCCESS) {
		fprintf(stderr, "bench: cannot make a store in %s\n", dir);
		talloc_free(s.store);
		return -1;
	}
	bench_run_measure(cfg, save, save_one, &s, p->count);
	*url = talloc_strdup(cfg->mem, mstore_url(s.store));
	talloc_free(s.store);
	return *url != NULL ? 0 : -1;
}

static int measure_raw(const struct bench_cfg *cfg,
		       const struct bench_store_params *p, const char *dir,
		       const char *saves_url, struct bench_measure *raw)
{
	TALLOC_CTX *mem = talloc_new(cfg->mem);
	struct raw_ctx r = { .next_id = 0x7F00000000000000ULL };
	struct mstore *store = NULL;
	char *url = NULL;
	int rc = -1;

	r.template = saved_record(mem, saves_url);
	if (r.template != NULL &&
	    new_store(mem, dir, "raw", p->backend, &store) ==
	    MAPI_E_SUCCESS) {
		url = talloc_strdup(mem, mstore_url(store));
		TALLOC_FREE(store);
		r.ldb = ldb_init(mem, NULL);
	}
	if (r.ldb != NULL && url != NULL &&
	    ldb_connect(r.ldb, url, 0, connect_options) == LDB_SUCCESS) {
		bench_run_measure(cfg, raw, raw_one, &r, p->count);
		rc = 0;
	} else {
		fprintf(stderr, "bench: no record to copy or no raw store\n");
	}
	talloc_free(mem);
	return rc;
}

int bench_store_rates(const struct bench_cfg *cfg,
		      const struct bench_store_params *p,
		      struct bench_measure *save, struct bench_measure *raw)
{
	char *dir = talloc_asprintf(cfg->mem, "%s/bench-store.XXXXXX",
				    p->parent);
	struct pool *pool = talloc_zero(cfg->mem, struct pool);
	char *saves_url = NULL;
	int rc = -1;

	if (dir == NULL || pool == NULL || mkdtemp(dir) == NULL) {
		fprintf(stderr, "bench: no scratch directory under %s\n",
			p->parent);
		talloc_free(dir);
		talloc_free(pool);
		return -1;
	}
	srandom(p->seed);
	if (pool_fill(pool, pool, p->body_len, p->seed) &&
	    measure_saves(cfg, p, dir, pool, save, &saves_url) == 0) {
		rc = measure_raw(cfg, p, dir, saves_url, raw);
	}
	if (remove_dir(dir) != 0) {
		fprintf(stderr, "bench: could not remove %s\n", dir);
	}
	talloc_free(saves_url);
	talloc_free(pool);
	talloc_free(dir);
	return rc;
}
