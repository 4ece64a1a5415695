/*
 * Minimal Entry IDs (MS-OXNSPI 2.2.9.1) that stay the same for an object
 * across server restarts: a tdb beside the DC's private data maps each
 * directory object's objectGUID (or a container's name) to a MId, and
 * back.  The address book (emsabp_book.c) reads it once per directory
 * change, not per call.
 *
 * MIds 0x0 to 0xF are the positioning MIds (MID_BEGINNING_OF_TABLE, ...),
 * so the first MId handed out is 0x10.
 */
#include "emsabp.h"

#include <tdb.h>
#include <ndr.h>
#include <fcntl.h>
#include <param.h>
#include <util/debug.h>

#define MID_FIRST 0x10
#define KEY_NEXT "NEXT_MID"

struct emsabp_mids {
	struct tdb_context *tdb;
};

static int mids_destructor(struct emsabp_mids *m)
{
	tdb_close(m->tdb);
	return 0;
}

struct emsabp_mids *emsabp_mids_open(TALLOC_CTX *mem_ctx,
				     struct loadparm_context *lp_ctx)
{
	struct emsabp_mids *m = talloc_zero(mem_ctx, struct emsabp_mids);
	char *path;

	if (m == NULL) {
		return NULL;
	}
	path = lpcfg_private_path(m, lp_ctx, "sambamapi_mids.tdb");
	if (path == NULL) {
		talloc_free(m);
		return NULL;
	}
	m->tdb = tdb_open(path, 0, TDB_DEFAULT, O_RDWR | O_CREAT, 0600);
	if (m->tdb == NULL) {
		DBG_ERR("cannot open %s\n", path);
		talloc_free(m);
		return NULL;
	}
	talloc_set_destructor(m, mids_destructor);
	return m;
}

/* Keys are text (GUID strings, container names): portable across hosts. */
static TDB_DATA text_key(const char *s)
{
	return (TDB_DATA){ .dptr = discard_const_p(uint8_t, s),
			   .dsize = strlen(s) };
}

static TDB_DATA mid_key(uint32_t mid, char buf[16])
{
	snprintf(buf, 16, "M%08x", mid);
	return (TDB_DATA){ .dptr = (uint8_t *)buf, .dsize = strlen(buf) };
}

static bool fetch_u32(struct tdb_context *tdb, TDB_DATA key, uint32_t *value)
{
	TDB_DATA d = tdb_fetch(tdb, key);
	bool ok = d.dptr != NULL && d.dsize == sizeof(*value);

	if (ok) {
		memcpy(value, d.dptr, sizeof(*value));
	}
	free(d.dptr);
	return ok;
}

/*
 * MIds for @a count keys (GUID strings of directory objects, or the
 * names of the server's own containers), allocating the missing ones in
 * one transaction: the first load of a 10,000-entry directory costs one
 * commit, not 10,000.  Several server processes may share the file, so
 * the lookup is repeated under the transaction lock.  A key that cannot
 * be given a MId gets 0.
 */
bool emsabp_mids_assign(struct emsabp_mids *m, uint32_t count,
			const char *const *keys, uint32_t *mids)
{
	TDB_DATA next_key = { .dptr = (uint8_t *)KEY_NEXT,
			      .dsize = strlen(KEY_NEXT) };
	uint32_t i, missing = 0, next;
	char mbuf[16];

	for (i = 0; i < count; i++) {
		mids[i] = 0;
		if (!fetch_u32(m->tdb, text_key(keys[i]), &mids[i])) {
			missing++;
		}
	}
	if (missing == 0) {
		return true;
	}
	if (tdb_transaction_start(m->tdb) != 0) {
		return false;
	}
	if (!fetch_u32(m->tdb, next_key, &next)) {
		next = MID_FIRST;
	}
	for (i = 0; i < count; i++) {
		TDB_DATA key = text_key(keys[i]);

		if (mids[i] != 0 || fetch_u32(m->tdb, key, &mids[i])) {
			continue;
		}
		mids[i] = next++;
		if (tdb_store(m->tdb, key, (TDB_DATA){
				.dptr = (uint8_t *)&mids[i],
				.dsize = sizeof(mids[i]) }, TDB_REPLACE) != 0 ||
		    tdb_store(m->tdb, mid_key(mids[i], mbuf), key,
			      TDB_REPLACE) != 0) {
			goto fail;
		}
	}
	if (tdb_store(m->tdb, next_key, (TDB_DATA){ .dptr = (uint8_t *)&next,
						    .dsize = sizeof(next) },
		      TDB_REPLACE) != 0 ||
	    tdb_transaction_commit(m->tdb) != 0) {
		goto fail;
	}
	return true;
fail:
	tdb_transaction_cancel(m->tdb);
	for (i = 0; i < count; i++) {
		mids[i] = 0;
	}
	return false;
}


