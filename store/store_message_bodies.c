/*
 * sambamapi message store: mstore_body_sync() (store_body.c) on a message
 * whose bodies may be kept out of line (store_lob.h).
 *
 * The synchronisation works on whole values: the body properties kept
 * out of line are loaded for it, each once, and the ones it leaves as
 * they were go back to their reference, so that their files are not
 * written again.  A message whose three body forms were saved in
 * agreement and are unchanged needs no synchronisation and loads nothing.
 */
#include <string.h>
#include <util/discard.h>
#include <util/debug.h>
#include "store/store_message_private.h"
#include "store/store_lob.h"

#define ID_NATIVE	0x1016		/* PidTagNativeBody */
#define ID_IN_SYNC	0x0E1F		/* PidTagRtfInSync */

/* PidTagBody, PidTagRtfCompressed, PidTagHtml */
static const uint16_t body_ids[] = { 0x1000, 0x1009, 0x1013 };

/* mstore_values_find_id(), for the values this file rewrites in place. */
static struct mstore_value *find_id(const struct mstore_value *v,
				    uint32_t count, uint16_t id)
{
	return discard_const_p(struct mstore_value,
			       mstore_values_find_id(v, count, id));
}

static bool has_large_body(const struct mstore_value *v, uint32_t count)
{
	const struct mstore_value *b;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(body_ids); i++) {
		b = find_id(v, count, body_ids[i]);
		if (b != NULL && mstore_value_is_large(b)) {
			return true;
		}
	}
	return false;
}

static bool same_ref(const struct mstore_value *a,
		     const struct mstore_value *b)
{
	return a->tag == b->tag && mstore_value_is_large(a) &&
	       mstore_value_is_large(b) &&
	       memcmp(a->v.bin.data, b->v.bin.data,
		      MSTORE_LARGE_REF_SIZE) == 0;
}

/* The three bodies there and unchanged since they were saved in
 * agreement (PidTagNativeBody, PidTagRtfInSync TRUE): nothing to do. */
static bool settled(const struct mstore_message *msg,
		    const struct mstore_message *old)
{
	const struct mstore_value *c, *o;
	size_t i;

	if (old == NULL) {
		return false;
	}
	for (i = 0; i < ARRAY_SIZE(body_ids); i++) {
		c = find_id(msg->values, msg->count, body_ids[i]);
		o = find_id(old->values, old->count, body_ids[i]);
		if (c == NULL || o == NULL ||
		    !(same_ref(c, o) || mstore_value_equal(c, o))) {
			return false;
		}
	}
	for (i = 0; i < 2; i++) {
		uint16_t id = i == 0 ? ID_NATIVE : ID_IN_SYNC;

		c = find_id(msg->values, msg->count, id);
		o = find_id(old->values, old->count, id);
		if (c == NULL || o == NULL || !mstore_value_equal(c, o)) {
			return false;
		}
	}
	c = find_id(msg->values, msg->count, ID_IN_SYNC);
	return MSTORE_PROP_TYPE(c->tag) == PT_BOOLEAN && c->v.b;
}

/*
 * A copy of @a v on @a mem_ctx whose large bodies are whole values; one
 * with the key of a value of @a loaded (already whole) takes its
 * content.
 */
static enum MAPISTATUS load_bodies(TALLOC_CTX *mem_ctx, struct mstore *store,
				   const struct mstore_value *v,
				   uint32_t count,
				   const struct mstore_value *refs,
				   const struct mstore_value *loaded,
				   uint32_t loaded_count,
				   struct mstore_value **out)
{
	struct mstore_value *c;
	const struct mstore_value *r;
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	size_t i;

	c = talloc_memdup(mem_ctx, v, sizeof(v[0]) * (count + 1));
	for (i = 0; c != NULL && ret == MAPI_E_SUCCESS &&
	     i < ARRAY_SIZE(body_ids); i++) {
		struct mstore_value *b = find_id(c, count, body_ids[i]);

		if (b == NULL || !mstore_value_is_large(b)) {
			continue;
		}
		r = find_id(refs, loaded_count, body_ids[i]);
		if (r != NULL && same_ref(r, b)) {
			*b = *find_id(loaded, loaded_count, body_ids[i]);
			continue;
		}
		ret = mstore_large_load(mem_ctx, store, b, b);
	}
	*out = c;
	return c != NULL ? ret : MAPI_E_NOT_ENOUGH_MEMORY;
}

/* What the synchronisation left as it was goes back to its reference;
 * the result replaces the message's values. */
static enum MAPISTATUS merge(struct mstore_message *msg,
			     struct mstore_value *synced, uint32_t n,
			     const struct mstore_value *before,
			     uint32_t before_count)
{
	struct mstore_value *ref, *now, *values = NULL;
	const struct mstore_value *was;
	uint32_t count = 0;
	size_t i;
	enum MAPISTATUS ret;

	for (i = 0; i < ARRAY_SIZE(body_ids); i++) {
		ref = find_id(msg->values, msg->count, body_ids[i]);
		now = find_id(synced, n, body_ids[i]);
		was = find_id(before, before_count, body_ids[i]);
		if (ref != NULL && mstore_value_is_large(ref) &&
		    now != NULL && was != NULL &&
		    mstore_value_equal(now, was)) {
			*now = *ref;
		}
	}
	ret = mstore_values_dup(msg, synced, n, &values, &count);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	talloc_free(msg->values);
	msg->values = values;
	msg->count = count;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS sync_loaded(struct mstore_message *msg,
				   const struct mstore_message *old)
{
	TALLOC_CTX *tmp = talloc_new(msg);
	struct mstore_value *cur = NULL, *before = NULL, *prev = NULL;
	uint32_t n = msg->count;
	enum MAPISTATUS ret;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = load_bodies(tmp, msg->store, msg->values, msg->count, NULL,
			  NULL, 0, &cur);
	if (ret == MAPI_E_SUCCESS) {
		before = talloc_memdup(tmp, cur, sizeof(cur[0]) * (n + 1));
		ret = before != NULL ? MAPI_E_SUCCESS
				     : MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (ret == MAPI_E_SUCCESS && old != NULL) {
		ret = load_bodies(tmp, msg->store, old->values, old->count,
				  msg->values, cur, msg->count, &prev);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_body_sync(tmp, &cur, &n, prev,
				       old != NULL ? old->count : 0);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = merge(msg, cur, n, before, msg->count);
	}
	talloc_free(tmp);
	return ret;
}

enum MAPISTATUS mstore_body_sync_message(struct mstore_message *msg,
					 const struct mstore_message *old)
{
	if (!has_large_body(msg->values, msg->count)) {
		return mstore_body_sync(msg, &msg->values, &msg->count,
					old != NULL ? old->values : NULL,
					old != NULL ? old->count : 0);
	}
	if (settled(msg, old)) {
		return MAPI_E_SUCCESS;
	}
	return sync_loaded(msg, old);
}
