/*
 * Minimal Entry IDs (MS-OXNSPI 2.2.9.1) that stay the same for an object
 * across server restarts: a tdb beside the DC's private data maps each
 * directory object's objectGUID to a MId, and back.
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

/* Keys and values hold GUIDs as strings: portable across hosts. */
static TDB_DATA guid_key(const struct GUID *guid, struct GUID_txt_buf *buf)
{
	const char *s = GUID_buf_string(guid, buf);

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

uint32_t emsabp_mid_for_guid(struct emsabp_mids *m, const struct GUID *guid)
{
	struct GUID_txt_buf kbuf;
	char mbuf[16];
	TDB_DATA key = guid_key(guid, &kbuf);
	TDB_DATA next_key = { .dptr = (uint8_t *)KEY_NEXT,
			      .dsize = strlen(KEY_NEXT) };
	uint32_t mid = 0, next;

	if (fetch_u32(m->tdb, key, &mid)) {
		return mid;
	}
	/* Several server processes may share the file: allocate under the
	 * tdb's transaction lock and look again inside it. */
	if (tdb_transaction_start(m->tdb) != 0) {
		return 0;
	}
	if (fetch_u32(m->tdb, key, &mid)) {
		tdb_transaction_cancel(m->tdb);
		return mid;
	}
	if (!fetch_u32(m->tdb, next_key, &next)) {
		next = MID_FIRST;
	}
	mid = next;
	next++;
	if (tdb_store(m->tdb, key, (TDB_DATA){ .dptr = (uint8_t *)&mid,
					       .dsize = sizeof(mid) },
		      TDB_REPLACE) != 0 ||
	    tdb_store(m->tdb, mid_key(mid, mbuf), key, TDB_REPLACE) != 0 ||
	    tdb_store(m->tdb, next_key, (TDB_DATA){ .dptr = (uint8_t *)&next,
						    .dsize = sizeof(next) },
		      TDB_REPLACE) != 0 ||
	    tdb_transaction_commit(m->tdb) != 0) {
		tdb_transaction_cancel(m->tdb);
		return 0;
	}
	return mid;
}

bool emsabp_guid_for_mid(struct emsabp_mids *m, uint32_t mid,
			 struct GUID *guid)
{
	char mbuf[16];
	TDB_DATA d = tdb_fetch(m->tdb, mid_key(mid, mbuf));
	DATA_BLOB text = data_blob_const(d.dptr, d.dsize);
	bool ok = d.dptr != NULL && NT_STATUS_IS_OK(GUID_from_data_blob(&text, guid));

	free(d.dptr);
	return ok;
}
