/*
 * Stream objects (MS-OXCPRPT 3.2.5.11 - 3.2.5.24): the bytes a stream and
 * its clones share, the seek pointer, and what writing does to the
 * property (see emsmdb_stream.h).
 */
#include "emsmdb.h"
#include "emsmdb_logon.h"
#include "emsmdb_rop_objprops.h"
#include "emsmdb_rop_propval.h"
#include "emsmdb_stream_data.h"

#include <string.h>
#include <util/debug.h>

/* ------------------------------------------------------------ bytes */

uint64_t emsmdb_stream_data_size(const struct emsmdb_stream_data *d)
{
	return d->lob != NULL ? mstore_lob_size(d->lob) : d->len;
}

enum MAPISTATUS emsmdb_stream_data_read(struct emsmdb_stream_data *d,
					uint64_t offset, uint8_t *buf,
					size_t length, size_t *got)
{
	*got = 0;
	if (d->lob != NULL) {
		return mstore_lob_read(d->lob, offset, buf, length, got);
	}
	if (offset < d->len) {
		*got = length < d->len - offset ? length : d->len - offset;
		memcpy(buf, d->mem + offset, *got);
	}
	return MAPI_E_SUCCESS;
}

/* The bytes as a value of the store this stream may write: its own copy
 * of a large value (a saved one never changes), in a file once larger
 * than @a end allows in memory. */
static enum MAPISTATUS make_writable(struct emsmdb_stream_data *d,
				     uint64_t end)
{
	struct mstore_lob *copy;
	enum MAPISTATUS ret;

	if (d->lob != NULL) {
		if (d->own && mstore_lob_writable(d->lob)) {
			return MAPI_E_SUCCESS;
		}
		ret = mstore_lob_clone(d, d->lob, &copy);
		if (ret == MAPI_E_SUCCESS) {
			talloc_free(d->lob);
			d->lob = copy;
			d->own = true;
		}
		return ret;
	}
	if (end <= MSTORE_LARGE_THRESHOLD) {
		return MAPI_E_SUCCESS;
	}
	ret = mstore_lob_create(d, d->store, &copy);
	if (ret == MAPI_E_SUCCESS && d->len > 0) {
		ret = mstore_lob_write(copy, 0, d->mem, d->len);
	}
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(copy);
		return ret;
	}
	TALLOC_FREE(d->mem);
	d->len = 0;
	d->lob = copy;
	d->own = true;
	return MAPI_E_SUCCESS;
}

/* Grow or cut the bytes kept in memory; new ones are zeros. */
static enum MAPISTATUS mem_resize(struct emsmdb_stream_data *d, size_t size)
{
	uint8_t *p = talloc_realloc(d, d->mem, uint8_t, size > 0 ? size : 1);

	if (p == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (size > d->len) {
		memset(p + d->len, 0, size - d->len);
	}
	d->mem = p;
	d->len = size;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsmdb_stream_data_write(struct emsmdb_stream_data *d,
					 uint64_t offset,
					 const uint8_t *data, size_t length)
{
	enum MAPISTATUS ret = make_writable(d, offset + length);

	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	if (d->lob != NULL) {
		return mstore_lob_write(d->lob, offset, data, length);
	}
	if (offset + length > d->len) {
		ret = mem_resize(d, offset + length);
	}
	if (ret == MAPI_E_SUCCESS && length > 0) {
		memcpy(d->mem + offset, data, length);
	}
	return ret;
}

static enum MAPISTATUS data_resize(struct emsmdb_stream_data *d,
				   uint64_t size)
{
	enum MAPISTATUS ret = make_writable(d, size);

	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	if (d->lob != NULL) {
		return mstore_lob_truncate(d->lob, size);
	}
	return mem_resize(d, size);
}

/* ------------------------------------------------ value of the owner */

/* Set the bytes as the property's value on the owner. */
static enum MAPISTATUS set_owner(struct emsmdb_stream_data *d)
{
	TALLOC_CTX *tmp = talloc_new(d);
	struct mstore_value v;
	enum MAPISTATUS ret, one = MAPI_E_SUCCESS;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = emsmdb_stream_data_value(tmp, d, &v);
	if (ret == MAPI_E_SUCCESS) {
		/* no ROP context needed for the objects streams live on */
		ret = emsmdb_objprops_set(NULL, d->owner, &v, 1, &one);
	}
	talloc_free(tmp);
	if (ret == MAPI_E_SUCCESS) {
		ret = one;
	}
	if (ret == MAPI_E_SUCCESS) {
		d->pending = false;
	}
	return ret;
}

/* What was written becomes visible in a message or attachment at once
 * (MS-OXCPRPT 3.2.5.13); a folder's waits for commit or release. */
static enum MAPISTATUS changed(struct emsmdb_stream_data *d)
{
	d->pending = true;
	if (d->direct || emsmdb_stream_data_costly(d)) {
		return MAPI_E_SUCCESS;
	}
	return set_owner(d);
}

/* ------------------------------------------------------- the object */

static int stream_destructor(struct emsmdb_stream *s)
{
	struct emsmdb_stream_data *d = s->data;
	enum MAPISTATUS ret;

	if (d == NULL || --d->refs > 0) {
		return 0;
	}
	/* MS-OXCPRPT 3.2.5.13: a folder's value is stored when its stream
	 * is released */
	if (d->pending && d->writable) {
		ret = set_owner(d);
		if (ret != MAPI_E_SUCCESS) {
			DBG_WARNING("value of 0x%08x not stored at release: "
				    "0x%08x\n", d->tag, ret);
		}
	}
	talloc_free(d);
	return 0;
}

static struct emsmdb_stream *stream_new(TALLOC_CTX *mem_ctx,
					struct emsmdb_stream_data *d,
					uint64_t position)
{
	struct emsmdb_stream *s = talloc_zero(mem_ctx, struct emsmdb_stream);

	if (s == NULL) {
		return NULL;
	}
	s->data = d;
	s->position = position;
	d->refs++;
	talloc_set_destructor(s, stream_destructor);
	return s;
}

struct emsmdb_stream *emsmdb_stream_clone(TALLOC_CTX *mem_ctx,
					  const struct emsmdb_stream *s)
{
	return stream_new(mem_ctx, s->data, s->position);
}

struct emsmdb_stream *emsmdb_stream_of(struct emsmdb_object *object)
{
	return talloc_get_type_abort(object->data, struct emsmdb_stream);
}

uint64_t emsmdb_stream_size(const struct emsmdb_stream *s)
{
	return emsmdb_stream_data_size(s->data);
}

bool emsmdb_stream_writable(const struct emsmdb_stream *s)
{
	return s->data->writable;
}

bool emsmdb_stream_direct(const struct emsmdb_stream *s)
{
	return s->data->direct;
}

/* ------------------------------------------------------- open modes */

/* Whether the stream is writable; errors as emsmdb_stream_open() says. */
static enum MAPISTATUS open_mode(struct emsmdb_object *owner, uint8_t mode,
				 bool direct, bool *writable)
{
	enum MAPISTATUS can = emsmdb_objprops_writable(owner);
	struct mstore *store = emsmdb_store_of(owner);

	if (mode > OpenStream_BestAccess) {
		return MAPI_E_INVALID_PARAMETER;
	}
	*writable = mode != OpenStream_ReadOnly;
	if (mode == OpenStream_BestAccess) {
		*writable = can == MAPI_E_SUCCESS;
	}
	if (!*writable) {
		return MAPI_E_SUCCESS;
	}
	/* MS-OXCPRPT 3.2.5.11: no writing streams on public folders */
	if (direct && store != NULL && mstore_is_public(store)) {
		return MAPI_E_NO_SUPPORT;
	}
	return can;
}

/* MS-OXCPRPT 2.2.14: single-valued binary and string properties (and
 * PtypObject on messages and attachments). */
static bool type_streams(uint16_t type, bool direct)
{
	switch (type) {
	case PT_BINARY:
	case PT_STRING8:
	case PT_UNICODE:
		return true;
	case PT_OBJECT:
		return !direct;
	default:
		return false;
	}
}

static const struct mstore_value *current_value(
	TALLOC_CTX *mem_ctx, struct emsmdb_rop_call *call,
	struct emsmdb_object *owner, uint32_t tag, enum MAPISTATUS *ret)
{
	struct mstore_value *all = NULL;
	uint32_t n = 0;

	*ret = emsmdb_objprops_all(mem_ctx, call, owner, &all, &n);
	if (*ret != MAPI_E_SUCCESS) {
		return NULL;
	}
	return emsmdb_objprops_find(all, n, tag);
}

/* Fill a new stream: empty, the current value being deleted (Create,
 * MS-OXCPRPT 2.2.14.1), or with the property's current value
 * (3.2.5.11). */
static enum MAPISTATUS prepopulate(struct emsmdb_rop_call *call,
				   struct emsmdb_stream_data *d,
				   uint8_t mode)
{
	TALLOC_CTX *tmp = talloc_new(d);
	const struct mstore_value *v;
	uint32_t stored = emsmdb_stream_stored_tag(d->tag);
	enum MAPISTATUS ret, one = MAPI_E_SUCCESS;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	v = current_value(tmp, call, d->owner, stored, &ret);
	if (ret == MAPI_E_SUCCESS && mode != OpenStream_Create) {
		ret = emsmdb_stream_data_load(d, v);
	} else if (ret == MAPI_E_SUCCESS && v != NULL) {
		ret = emsmdb_objprops_delete(call, d->owner, &v->tag, 1,
					     &one);
		ret = ret == MAPI_E_SUCCESS ? one : ret;
	}
	talloc_free(tmp);
	return ret;
}

enum MAPISTATUS emsmdb_stream_open(TALLOC_CTX *mem_ctx,
				   struct emsmdb_rop_call *call,
				   struct emsmdb_object *owner, uint32_t tag,
				   uint8_t mode, struct emsmdb_stream **out)
{
	enum emsmdb_stream_kind kind = emsmdb_objprops_stream_kind(owner);
	struct emsmdb_strconv conv;
	struct emsmdb_stream_data *d;
	enum MAPISTATUS ret;
	bool writable;

	if (kind == EMSMDB_STREAMS_NONE ||
	    !type_streams(MSTORE_PROP_TYPE(tag),
			  kind == EMSMDB_STREAMS_DIRECT)) {
		return MAPI_E_NO_SUPPORT;
	}
	ret = open_mode(owner, mode, kind == EMSMDB_STREAMS_DIRECT, &writable);
	if (ret == MAPI_E_SUCCESS) {
		ret = emsmdb_strconv_of(call, &conv);
	}
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	/* the owner outlives its streams: they are its children */
	d = talloc_zero(owner, struct emsmdb_stream_data);
	if (d == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	d->owner = owner;
	d->store = emsmdb_store_of(owner);
	d->tag = tag;
	d->code_page = conv.code_page;
	d->writable = writable;
	d->direct = kind == EMSMDB_STREAMS_DIRECT;
	ret = prepopulate(call, d, mode);
	if (ret == MAPI_E_SUCCESS) {
		*out = stream_new(mem_ctx, d, 0);
		ret = *out != NULL ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(d);
	}
	return ret;
}

/* ------------------------------------------------------ operations */

enum MAPISTATUS emsmdb_stream_read(struct emsmdb_stream *s, uint8_t *buf,
				   size_t want, size_t *got)
{
	enum MAPISTATUS ret;

	ret = emsmdb_stream_data_read(s->data, s->position, buf, want, got);
	if (ret == MAPI_E_SUCCESS) {
		s->position += *got;
	}
	return ret;
}

enum MAPISTATUS emsmdb_stream_write(struct emsmdb_stream *s,
				    const uint8_t *data, size_t length,
				    size_t *written)
{
	size_t n = length;
	enum MAPISTATUS ret;

	*written = 0;
	if (!s->data->writable) {
		return STG_E_ACCESSDENIED;
	}
	if (s->position >= EMSMDB_STREAM_MAX) {
		n = 0;
	} else if (n > EMSMDB_STREAM_MAX - s->position) {
		n = EMSMDB_STREAM_MAX - s->position;
	}
	ret = n > 0 ? emsmdb_stream_data_write(s->data, s->position, data, n)
		    : MAPI_E_SUCCESS;
	if (ret == MAPI_E_SUCCESS && n > 0) {
		s->position += n;
		*written = n;
		ret = changed(s->data);
	}
	/* MS-OXCPRPT 3.2.5.13: less written than asked is TooBig */
	if (ret == MAPI_E_SUCCESS && n < length) {
		ret = MAPI_E_TOO_BIG;
	}
	return ret;
}

enum MAPISTATUS emsmdb_stream_set_size(struct emsmdb_stream *s,
				       uint64_t size)
{
	enum MAPISTATUS ret;

	if (!s->data->writable) {
		return STG_E_ACCESSDENIED;
	}
	if (size > EMSMDB_STREAM_MAX) {
		return STG_E_MEDIUMFULL;
	}
	if (size == emsmdb_stream_data_size(s->data)) {
		return MAPI_E_SUCCESS;
	}
	ret = data_resize(s->data, size);
	return ret == MAPI_E_SUCCESS ? changed(s->data) : ret;
}

/* A read-only stream has nothing to commit. */
enum MAPISTATUS emsmdb_stream_commit(struct emsmdb_stream *s)
{
	if (!s->data->writable) {
		return MAPI_E_SUCCESS;
	}
	return set_owner(s->data);
}

/* --------------------------------------------------------- locks */

static bool overlaps(const struct emsmdb_stream_lock *l, uint64_t offset,
		     uint64_t size)
{
	uint64_t end = offset + size < offset ? UINT64_MAX : offset + size;
	uint64_t lend = l->offset + l->size < l->offset ? UINT64_MAX :
			l->offset + l->size;

	return offset < lend && l->offset < end;
}

/*
 * MS-OXCPRPT 3.2.5.21: a region is granted when no unexpired lock covers
 * part of it.  A stream's bytes are only ever shared by one session's
 * Stream objects (clones), so a lock never expires while its session
 * asks for another one: an overlapping request is denied until unlocked.
 */
enum MAPISTATUS emsmdb_stream_lock(struct emsmdb_stream *s, uint64_t offset,
				   uint64_t size, uint32_t flags)
{
	struct emsmdb_stream_data *d = s->data;
	struct emsmdb_stream_lock *l;
	uint32_t i;

	for (i = 0; i < d->lock_count; i++) {
		if (overlaps(&d->locks[i], offset, size)) {
			return MAPI_E_NO_ACCESS;
		}
	}
	l = talloc_realloc(d, d->locks, struct emsmdb_stream_lock,
			   d->lock_count + 1);
	if (l == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	l[d->lock_count] = (struct emsmdb_stream_lock) {
		.offset = offset, .size = size, .flags = flags };
	d->locks = l;
	d->lock_count++;
	return MAPI_E_SUCCESS;
}

void emsmdb_stream_unlock(struct emsmdb_stream *s, uint64_t offset,
			  uint64_t size, uint32_t flags)
{
	struct emsmdb_stream_data *d = s->data;
	uint32_t i = 0;

	while (i < d->lock_count) {
		if (overlaps(&d->locks[i], offset, size)) {
			d->locks[i] = d->locks[--d->lock_count];
		} else {
			i++;
		}
	}
}
