/*
 * Named properties of the address book: NspiGetIDsFromNames (MS-NSPI
 * 3.1.4.17, opnum 18) and NspiGetNamesFromIDs (MS-NSPI 3.1.4.16, opnum
 * 17), on PropertyName_r (a property set GUID and a numeric lID, MS-NSPI
 * 2.2.6.1).
 *
 * The map from names to property IDs is kept in a tdb beside the DC's
 * private data (sambamapi_names.tdb), so that an ID stays the same across
 * sessions and restarts.  It is opened per call and closed again: a tdb
 * may be open only once per process, and calls are short.
 *
 * IDs: names of the PS_MAPI set ([MS-OXCDATA] 2.6.1) stand for the tags
 * below 0x8000 themselves (lID is the property ID).  Other names get IDs
 * from the named property range of [MS-OXPROPS] 1.3.2 (0x8000-0xFFFE),
 * but not from 0x8000-0x8FFF, where the address book properties of
 * [MS-OXPROPS] (PidTagAddressBookMember 0x8009, ...) live, nor from the
 * 0xFFF0-0xFFFE tags of the address book (PidTagAddressBookContainerId
 * 0xFFFD, ...): from NAMED_FIRST to NAMED_LAST.
 */
#include "emsabp.h"

#include <tdb.h>
#include <fcntl.h>
#include <param.h>
#include <util/debug.h>
#include <gen_ndr/ndr_exchange_nsp.h>

#define NAMED_FIRST 0x9000
#define NAMED_LAST 0xFFEF
#define KEY_NEXT "NEXT_ID"

/* PS_MAPI {00020328-0000-0000-C000-000000000046} as a FlatUID_r */
static const uint8_t ps_mapi[16] = {
	0x28, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
	0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46
};

/* A name as stored: the set's 16 bytes and lID, little-endian. */
#define NAME_LEN 20

struct named_map {
	struct tdb_context *tdb;
};

static int named_map_destructor(struct named_map *m)
{
	tdb_close(m->tdb);
	return 0;
}

static struct named_map *named_map_open(TALLOC_CTX *mem_ctx,
					struct dcesrv_call_state *dce_call)
{
	struct named_map *m = talloc_zero(mem_ctx, struct named_map);
	char *path;

	if (m == NULL) {
		return NULL;
	}
	path = lpcfg_private_path(m, dce_call->conn->dce_ctx->lp_ctx,
				  "sambamapi_names.tdb");
	m->tdb = path != NULL ? tdb_open(path, 0, TDB_DEFAULT,
					 O_RDWR | O_CREAT, 0600) : NULL;
	if (m->tdb == NULL) {
		DBG_ERR("cannot open %s\n", path ? path : "names tdb");
		talloc_free(m);
		return NULL;
	}
	talloc_set_destructor(m, named_map_destructor);
	return m;
}

static void name_bytes(const struct FlatUID_r *guid, int32_t lid,
		       uint8_t out[NAME_LEN])
{
	uint32_t u = (uint32_t)lid;

	memcpy(out, guid->ab, 16);
	out[16] = u & 0xFF;
	out[17] = (u >> 8) & 0xFF;
	out[18] = (u >> 16) & 0xFF;
	out[19] = (u >> 24) & 0xFF;
}

/* "N" + 40 hex digits of the name: the name -> ID record */
static TDB_DATA name_key(const uint8_t name[NAME_LEN], char buf[48])
{
	int i;

	buf[0] = 'N';
	for (i = 0; i < NAME_LEN; i++) {
		snprintf(buf + 1 + 2 * i, 3, "%02x", name[i]);
	}
	return (TDB_DATA){ .dptr = (uint8_t *)buf, .dsize = 1 + 2 * NAME_LEN };
}

/* "I" + 4 hex digits: the ID -> name record */
static TDB_DATA id_key(uint32_t id, char buf[8])
{
	snprintf(buf, 8, "I%04x", id);
	return (TDB_DATA){ .dptr = (uint8_t *)buf, .dsize = 5 };
}

static bool fetch_id(struct tdb_context *tdb, TDB_DATA key, uint32_t *id)
{
	TDB_DATA d = tdb_fetch(tdb, key);
	bool ok = d.dptr != NULL && d.dsize == sizeof(*id);

	if (ok) {
		memcpy(id, d.dptr, sizeof(*id));
	}
	free(d.dptr);
	return ok;
}

static bool store(struct tdb_context *tdb, TDB_DATA key, void *data,
		  size_t len)
{
	return tdb_store(tdb, key, (TDB_DATA){ .dptr = data, .dsize = len },
			 TDB_REPLACE) == 0;
}

/*
 * A new ID for @a name, under the transaction lock (several server
 * processes may share the file, so the lookup is repeated there).
 * false when the range is used up or the file cannot be written.
 */
static bool named_map_assign(struct named_map *m,
			     uint8_t name[NAME_LEN], uint32_t *id)
{
	TDB_DATA next_key = { .dptr = (uint8_t *)KEY_NEXT,
			      .dsize = strlen(KEY_NEXT) };
	char nbuf[48], ibuf[8];
	TDB_DATA key = name_key(name, nbuf);
	uint32_t next;

	if (tdb_transaction_start(m->tdb) != 0) {
		return false;
	}
	if (fetch_id(m->tdb, key, id)) {
		tdb_transaction_cancel(m->tdb);
		return true;
	}
	if (!fetch_id(m->tdb, next_key, &next)) {
		next = NAMED_FIRST;
	}
	if (next > NAMED_LAST) {
		DBG_WARNING("named property range used up\n");
		tdb_transaction_cancel(m->tdb);
		return false;
	}
	*id = next++;
	if (!store(m->tdb, key, id, sizeof(*id)) ||
	    !store(m->tdb, id_key(*id, ibuf), name, NAME_LEN) ||
	    !store(m->tdb, next_key, &next, sizeof(next)) ||
	    tdb_transaction_commit(m->tdb) != 0) {
		tdb_transaction_cancel(m->tdb);
		return false;
	}
	return true;
}

/*
 * The tag of one name, PT_UNSPECIFIED typed; PT_ERROR with ID 0 for a
 * name that cannot have one (MS-NSPI 3.1.4.17).
 */
static uint32_t tag_of_name(struct named_map *m,
			    const struct PropertyName_r *n, bool verify)
{
	const uint32_t error = PROP_TAG(0, PT_ERROR);
	uint8_t name[NAME_LEN];
	char nbuf[48];
	uint32_t id;

	if (n == NULL || n->lpguid == NULL) {
		return error;
	}
	if (memcmp(n->lpguid->ab, ps_mapi, 16) == 0) {
		return n->lID > 0 && n->lID < 0x8000 ?
			PROP_TAG(n->lID, PT_UNSPECIFIED) : error;
	}
	name_bytes(n->lpguid, n->lID, name);
	if (fetch_id(m->tdb, name_key(name, nbuf), &id)) {
		return PROP_TAG(id, PT_UNSPECIFIED);
	}
	/* Unknown: with NspiVerifyNames an error, else a new ID. */
	if (verify || !named_map_assign(m, name, &id)) {
		return error;
	}
	return PROP_TAG(id, PT_UNSPECIFIED);
}

/*
 * MS-NSPI 3.1.4.17: one tag per name, in the order of the names.  Names
 * the server does not know get a new ID, unless NspiVerifyNames is set
 * (MS-NSPI 2.2.15): then they, like names that cannot be mapped, are
 * PT_ERROR and the call answers ErrorsReturned.
 */
enum MAPISTATUS emsabp_get_ids_from_names(struct dcesrv_call_state *dce_call,
					  TALLOC_CTX *mem_ctx, uint32_t flags,
					  uint32_t count,
					  struct PropertyName_r *const *names,
					  struct PropertyTagArray_r **out)
{
	bool verify = (flags & NspiVerifyNames) != 0, errors = false;
	struct PropertyTagArray_r *tags;
	struct named_map *m;
	uint32_t i;

	*out = NULL;
	tags = emsabp_tag_array(mem_ctx, count);
	if (tags == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	m = named_map_open(tags, dce_call);
	if (m == NULL) {
		talloc_free(tags);
		return MAPI_E_CALL_FAILED;
	}
	tags->cValues = count;
	for (i = 0; i < count; i++) {
		tags->aulPropTag[i] = tag_of_name(m, names[i], verify);
		errors |= PROP_TYPE(tags->aulPropTag[i]) == PT_ERROR;
	}
	talloc_free(m);
	*out = tags;
	return errors ? MAPI_W_ERRORS_RETURNED : MAPI_E_SUCCESS;
}

static bool set_name(TALLOC_CTX *mem_ctx, const uint8_t name[NAME_LEN],
		     struct PropertyName_r *n)
{
	n->lpguid = talloc_zero(mem_ctx, struct FlatUID_r);
	if (n->lpguid == NULL) {
		return false;
	}
	memcpy(n->lpguid->ab, name, 16);
	n->ulReserved = 0;
	n->lID = (int32_t)((uint32_t)name[16] | (uint32_t)name[17] << 8 |
			   (uint32_t)name[18] << 16 |
			   (uint32_t)name[19] << 24);
	return true;
}

/*
 * The name of one tag: PS_MAPI and the ID below 0x8000, the stored name
 * above; a name without a set (lpguid NULL, lID 0) for an ID that has
 * none.
 */
static bool name_of_tag(TALLOC_CTX *mem_ctx, struct named_map *m,
			uint32_t tag, struct PropertyName_r *n)
{
	uint8_t name[NAME_LEN];
	char ibuf[8];
	TDB_DATA d;
	bool ok;

	*n = (struct PropertyName_r){ 0 };
	if (PROP_ID(tag) < 0x8000) {
		struct FlatUID_r mapi;

		memcpy(mapi.ab, ps_mapi, 16);
		name_bytes(&mapi, PROP_ID(tag), name);
		return set_name(mem_ctx, name, n);
	}
	d = tdb_fetch(m->tdb, id_key(PROP_ID(tag), ibuf));
	ok = d.dptr == NULL || d.dsize != NAME_LEN ||
	     set_name(mem_ctx, d.dptr, n);
	free(d.dptr);
	return ok;
}

struct set_walk {
	TALLOC_CTX *mem_ctx;
	const struct FlatUID_r *guid;
	uint32_t count;
	uint32_t *ids;
	uint8_t *names;		/* count * NAME_LEN bytes */
	bool failed;
};

static int collect_set_member(struct tdb_context *tdb, TDB_DATA key,
			      TDB_DATA data, void *private_data)
{
	struct set_walk *w = private_data;
	unsigned int id;

	if (key.dsize != 5 || key.dptr[0] != 'I' ||
	    data.dsize != NAME_LEN ||
	    memcmp(data.dptr, w->guid->ab, 16) != 0 ||
	    sscanf((const char *)key.dptr + 1, "%4x", &id) != 1) {
		return 0;
	}
	w->ids = talloc_realloc(w->mem_ctx, w->ids, uint32_t, w->count + 1);
	w->names = talloc_realloc(w->mem_ctx, w->names, uint8_t,
				  (w->count + 1) * NAME_LEN);
	if (w->ids == NULL || w->names == NULL) {
		w->failed = true;
		return -1;
	}
	w->ids[w->count] = id;
	memcpy(w->names + w->count * NAME_LEN, data.dptr, NAME_LEN);
	w->count++;
	return 0;
}

/* Every named property of the set @a guid, with its tag. */
static enum MAPISTATUS names_of_set(TALLOC_CTX *mem_ctx, struct named_map *m,
				    const struct FlatUID_r *guid,
				    struct PropertyTagArray_r **tags_out,
				    struct PropertyNameSet_r *set)
{
	struct set_walk w = { .mem_ctx = mem_ctx, .guid = guid };
	struct PropertyTagArray_r *tags;
	uint32_t i;

	if (tdb_traverse_read(m->tdb, collect_set_member, &w) < 0 ||
	    w.failed) {
		TALLOC_FREE(w.ids);
		TALLOC_FREE(w.names);
		return MAPI_E_CALL_FAILED;
	}
	tags = emsabp_tag_array(mem_ctx, w.count);
	set->aNames = talloc_zero_array(set, struct PropertyName_r,
					w.count);
	if (tags == NULL || (w.count > 0 && set->aNames == NULL)) {
		talloc_free(tags);
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	tags->cValues = set->cNames = w.count;
	for (i = 0; i < w.count; i++) {
		tags->aulPropTag[i] = PROP_TAG(w.ids[i], PT_UNSPECIFIED);
		if (!set_name(set->aNames, w.names + i * NAME_LEN,
			      &set->aNames[i])) {
			talloc_free(tags);
			return MAPI_E_NOT_ENOUGH_RESOURCES;
		}
	}
	TALLOC_FREE(w.ids);
	TALLOC_FREE(w.names);
	*tags_out = tags;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS names_of_tags(struct named_map *m,
				     const struct PropertyTagArray_r *tags,
				     struct PropertyNameSet_r *set)
{
	uint32_t i;

	set->cNames = tags->cValues;
	set->aNames = talloc_zero_array(set, struct PropertyName_r,
					tags->cValues);
	if (tags->cValues > 0 && set->aNames == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	for (i = 0; i < tags->cValues; i++) {
		if (!name_of_tag(set->aNames, m, tags->aulPropTag[i],
				 &set->aNames[i])) {
			return MAPI_E_NOT_ENOUGH_RESOURCES;
		}
	}
	return MAPI_E_SUCCESS;
}

/*
 * MS-NSPI 3.1.4.16.  With pPropTags: one name per tag, in order (an ID
 * without a name gets an empty name: lpguid NULL, lID 0).  Without
 * pPropTags: every named property of the set lpguid and their tags
 * (ppReturnedPropTags); the PS_MAPI set is not enumerable (NotSupported),
 * and without a set there is nothing to enumerate (InvalidParameter).
 * On any answer but Success both outputs are NULL.
 */
enum MAPISTATUS emsabp_get_names_from_ids(struct dcesrv_call_state *dce_call,
					  TALLOC_CTX *mem_ctx,
					  const struct FlatUID_r *guid,
					  const struct PropertyTagArray_r *tags,
					  struct PropertyTagArray_r **tags_out,
					  struct PropertyNameSet_r **names_out)
{
	struct PropertyNameSet_r *set;
	struct named_map *m;
	enum MAPISTATUS status;

	*tags_out = NULL;
	*names_out = NULL;
	if (tags == NULL && guid == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (tags == NULL && memcmp(guid->ab, ps_mapi, 16) == 0) {
		return MAPI_E_NO_SUPPORT;
	}
	set = talloc_zero(mem_ctx, struct PropertyNameSet_r);
	m = set != NULL ? named_map_open(set, dce_call) : NULL;
	if (m == NULL) {
		talloc_free(set);
		return set == NULL ? MAPI_E_NOT_ENOUGH_RESOURCES :
				     MAPI_E_CALL_FAILED;
	}
	status = tags != NULL ? names_of_tags(m, tags, set) :
				names_of_set(mem_ctx, m, guid, tags_out, set);
	talloc_free(m);
	if (status != MAPI_E_SUCCESS) {
		TALLOC_FREE(*tags_out);
		talloc_free(set);
		return status;
	}
	*names_out = set;
	return MAPI_E_SUCCESS;
}
