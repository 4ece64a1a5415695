/*
 * The message store's write rates against raw ldb (see bench_ldb.h).
 */
#include "bench_ldb.h"

#include <ftw.h>
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

struct bench_store_scratch {
	char *dir;
	struct pool *pool;
	struct mstore *store;		/* the saves */
	uint64_t fid;
	uint32_t next;
	struct ldb_context *ldb;	/* the raw writes */
	struct ldb_message *template;
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
static enum MAPISTATUS save_one(struct bench_store_scratch *s,
				TALLOC_CTX *mem_ctx)
{
	uint32_t i = s->next++ % POOL_SIZE;
	struct mstore_message *msg;
	enum MAPISTATUS rv;

	rv = mstore_message_create(mem_ctx, s->store, s->fid, false, &msg);
	if (rv == MAPI_E_SUCCESS) {
		rv = mstore_message_set_props(msg, s->pool->values[i],
					      s->pool->count[i]);
	}
	return rv == MAPI_E_SUCCESS ? mstore_message_save(msg) : rv;
}

/* One copy of the template record, with its own DN and objectGUID. */
static enum MAPISTATUS raw_one(struct bench_store_scratch *s,
			       TALLOC_CTX *mem_ctx)
{
	struct ldb_message *m = ldb_msg_copy_shallow(mem_ctx, s->template);
	uint8_t guid[16];
	struct ldb_val v, g = data_blob_const(guid, sizeof(guid));
	char rdn[17];
	int i;

	/* the template's DN belongs to the handle that read it */
	if (m == NULL || (m->dn = ldb_dn_new(m, s->ldb,
			ldb_dn_get_linearized(s->template->dn))) == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	snprintf(rdn, sizeof(rdn), "%016llX",
		 (unsigned long long)s->next_id++);
	v = data_blob_const(rdn, 16);
	for (i = 0; i < 16; i++) {
		guid[i] = random() & 0xFF;
	}
	ldb_msg_remove_attr(m, "objectGUID");
	if (ldb_dn_set_component(m->dn, 0, "CN", v) != LDB_SUCCESS ||
	    ldb_msg_add_value(m, "objectGUID", &g, NULL) != LDB_SUCCESS) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return ldb_add(s->ldb, m) == LDB_SUCCESS ? MAPI_E_SUCCESS
						 : MAPI_E_DISK_ERROR;
}

typedef enum MAPISTATUS (*write_fn)(struct bench_store_scratch *s,
				    TALLOC_CTX *mem_ctx);

/* Seconds per write of @a n writes; -1 on failure. */
static double timed(struct bench_store_scratch *s, write_fn fn, int n)
{
	double t0 = bench_now_s();
	enum MAPISTATUS rv = MAPI_E_SUCCESS;
	int i;

	for (i = 0; i < n && rv == MAPI_E_SUCCESS; i++) {
		TALLOC_CTX *tmp = talloc_new(s);

		rv = fn(s, tmp);
		talloc_free(tmp);
	}
	if (rv != MAPI_E_SUCCESS) {
		fprintf(stderr, "bench: store write failed: 0x%08x\n",
			(unsigned int)rv);
		return -1;
	}
	return n > 0 ? (bench_now_s() - t0) / n : -1;
}

double bench_store_scratch_saves(struct bench_store_scratch *s, int n)
{
	return timed(s, save_one, n);
}

double bench_store_scratch_raw(struct bench_store_scratch *s, int n)
{
	return timed(s, raw_one, n);
}

static int remove_entry(const char *path, const struct stat *st, int type,
			struct FTW *ftw)
{
	return remove(path);
}

/* The scratch directory and everything in it (the stores' value
 * directories too). */
static int remove_dir(const char *path)
{
	return nftw(path, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
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

/* The record a save of the first message writes, from a store of its
 * own, closed before it is read. */
static struct ldb_message *template_record(TALLOC_CTX *mem_ctx,
					   struct bench_store_scratch *s,
					   enum mstore_backend backend)
{
	struct bench_store_scratch t = { .pool = s->pool };
	struct ldb_message *m = NULL;
	char *url = NULL;

	if (new_store(mem_ctx, s->dir, "template", backend, &t.store) ==
	    MAPI_E_SUCCESS &&
	    mstore_special_fid(t.store, MSTORE_INBOX, &t.fid) ==
	    MAPI_E_SUCCESS && save_one(&t, t.store) == MAPI_E_SUCCESS) {
		url = talloc_strdup(mem_ctx, mstore_url(t.store));
	}
	TALLOC_FREE(t.store);
	if (url != NULL) {
		m = saved_record(mem_ctx, url);
	}
	talloc_free(url);
	return m;
}

/* The raw store: made by the store library, written through ldb. */
static bool open_raw(struct bench_store_scratch *s,
		     enum mstore_backend backend)
{
	struct mstore *store = NULL;
	char *url = NULL;

	if (new_store(s, s->dir, "raw", backend, &store) == MAPI_E_SUCCESS) {
		url = talloc_strdup(s, mstore_url(store));
	}
	TALLOC_FREE(store);
	s->ldb = url != NULL ? ldb_init(s, NULL) : NULL;
	if (s->ldb == NULL ||
	    ldb_connect(s->ldb, url, 0, connect_options) != LDB_SUCCESS) {
		TALLOC_FREE(s->ldb);
	}
	talloc_free(url);
	return s->ldb != NULL;
}

static int scratch_destructor(struct bench_store_scratch *s)
{
	TALLOC_FREE(s->store);
	TALLOC_FREE(s->ldb);
	if (remove_dir(s->dir) != 0) {
		fprintf(stderr, "bench: could not remove %s\n", s->dir);
	}
	return 0;
}

struct bench_store_scratch *bench_store_scratch_new(
	TALLOC_CTX *mem_ctx, const struct bench_store_params *p)
{
	struct bench_store_scratch *s = talloc_zero(mem_ctx,
						    struct bench_store_scratch);

	if (s == NULL || (s->pool = talloc_zero(s, struct pool)) == NULL ||
	    (s->dir = talloc_asprintf(s, "%s/bench-store.XXXXXX",
				      p->parent)) == NULL ||
	    mkdtemp(s->dir) == NULL) {
		fprintf(stderr, "bench: no scratch directory under %s\n",
			p->parent);
		talloc_free(s);
		return NULL;
	}
	talloc_set_destructor(s, scratch_destructor);
	srandom(p->seed);
	s->next_id = 0x7F00000000000000ULL;
	if (!pool_fill(s->pool, s->pool, p->body_len, p->seed) ||
	    (s->template = template_record(s, s, p->backend)) == NULL ||
	    new_store(s, s->dir, "saves", p->backend, &s->store) !=
	    MAPI_E_SUCCESS ||
	    mstore_special_fid(s->store, MSTORE_INBOX, &s->fid) !=
	    MAPI_E_SUCCESS || !open_raw(s, p->backend)) {
		fprintf(stderr, "bench: cannot make the stores in %s\n",
			s->dir);
		talloc_free(s);
		return NULL;
	}
	return s;
}

static void finish(struct bench_measure *m, double *t, int n, bool ok)
{
	m->implemented = true;
	m->status = ok ? MAPI_E_SUCCESS : MAPI_E_CALL_FAILED;
	m->reps = n;
	m->rows = 1;
	m->median_s = ok && n > 0 ? bench_median(t, n) : -1;
}

int bench_store_rates(const struct bench_cfg *cfg,
		      const struct bench_store_params *p,
		      struct bench_measure *save, struct bench_measure *raw)
{
	struct bench_store_scratch *s = bench_store_scratch_new(cfg->mem, p);
	double *ts = talloc_array(cfg->mem, double, cfg->reps);
	double *tr = talloc_array(cfg->mem, double, cfg->reps);
	double start = bench_now_s(), a = 0, b = 0;
	int i, n = 0;

	for (i = 0; s != NULL && ts != NULL && tr != NULL &&
		    i < cfg->warmup + cfg->reps; i++) {
		a = bench_store_scratch_saves(s, p->count);
		b = bench_store_scratch_raw(s, p->count);
		if (a < 0 || b < 0) {
			break;
		}
		if (i >= cfg->warmup) {
			ts[n] = a;
			tr[n++] = b;
		}
		if (n > 0 && bench_now_s() - start > cfg->budget_s) {
			break;
		}
	}
	finish(save, ts, n, s != NULL && a >= 0);
	finish(raw, tr, n, s != NULL && b >= 0);
	talloc_free(ts);
	talloc_free(tr);
	talloc_free(s);
	return save->median_s >= 0 && raw->median_s >= 0 ? 0 : -1;
}
