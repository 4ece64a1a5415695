/*
 * sambamapi message store: the events of a transaction (store_notify.h).
 *
 * The store's mutation points report what they change with the
 * mstore_event_*() calls of store_private.h.  Inside a transaction the
 * events wait in the store handle; the outermost commit publishes them to
 * the mailbox's event ring, a cancel drops them.  Outside a transaction
 * an event is published at once.
 *
 * Queued events are merged so that a transaction reports what it did, not
 * how: a message removed and written again (a save of an existing message,
 * a move) becomes modified or moved; the folder counts changed by many
 * messages become one event with the final counts; the messages of a
 * folder deleted in the same transaction are not reported one by one.  A
 * transaction changing more than MAX_BATCH objects reports, per folder,
 * one MSTORE_EVENT_CONTENTS modification instead of each message.
 */
#include <string.h>
#include <util/debug.h>
#include "store/store_private.h"
#include "store/store_ring.h"

/* The most events one transaction publishes one by one. */
#define MAX_BATCH 256

struct mstore_events {
	struct mstore_event *list;
	uint32_t count;
};

static struct mstore_events *queue_of(struct mstore *store)
{
	if (store->events == NULL) {
		store->events = talloc_zero(store, struct mstore_events);
	}
	return store->events;
}

static bool is_message(const struct mstore_event *e)
{
	return (e->flags & MSTORE_EVENT_MESSAGE) != 0;
}

/* The queued event of the same kind on the same object, or NULL. */
static struct mstore_event *find(struct mstore_events *q, bool message,
				 uint16_t type, uint64_t id)
{
	uint32_t i;

	for (i = q->count; i > 0; i--) {
		struct mstore_event *e = &q->list[i - 1];

		if (is_message(e) == message && e->type == type &&
		    (message ? e->mid : e->fid) == id) {
			return e;
		}
	}
	return NULL;
}

static struct mstore_event *append(struct mstore_events *q)
{
	struct mstore_event *l;

	l = talloc_realloc(q, q->list, struct mstore_event, q->count + 1);
	if (l == NULL) {
		DBG_ERR("out of memory: a store event is lost\n");
		return NULL;
	}
	q->list = l;
	memset(&l[q->count], 0, sizeof(l[0]));
	return &l[q->count++];
}

static void add_tags(struct mstore_events *q, struct mstore_event *e,
		     const uint32_t *tags, uint32_t n)
{
	uint32_t i, j;

	if (e->tag_count == MSTORE_EVENT_TAGS_UNKNOWN) {
		return;
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < e->tag_count && e->tags[j] != tags[i]; j++) {
		}
		if (j < e->tag_count) {
			continue;
		}
		if (e->tag_count >= MSTORE_EVENT_MAX_TAGS) {
			e->tag_count = MSTORE_EVENT_TAGS_UNKNOWN;
			return;
		}
		e->tags = talloc_realloc(q, e->tags, uint32_t,
					 e->tag_count + 1);
		if (e->tags == NULL) {
			e->tag_count = MSTORE_EVENT_TAGS_UNKNOWN;
			return;
		}
		e->tags[e->tag_count++] = tags[i];
	}
}

/* ------------------------------------------------------- publishing */

static char *events_path_of(TALLOC_CTX *mem_ctx, const struct mstore *store)
{
	const char *p = strstr(store->url, "://");

	return talloc_asprintf(mem_ctx, "%s.events", p ? p + 3 : store->url);
}

/* Write the events to the ring: one lock, the slots, the new sequence. */
static void publish(struct mstore *store, const struct mstore_event *list,
		    uint32_t count)
{
	uint64_t seq;
	uint32_t i;
	bool ok;

	if (store->ring == NULL) {
		char *path = events_path_of(store, store);

		if (path == NULL || mstore_ring_open(store, path,
						     &store->ring) !=
		    MAPI_E_SUCCESS) {
			talloc_free(path);
			return;
		}
		talloc_free(path);
	}
	if (!mstore_ring_lock(store->ring, true)) {
		return;
	}
	seq = mstore_ring_next_seq(store->ring);
	ok = seq != 0;
	for (i = 0; ok && i < count; i++) {
		ok = mstore_ring_put(store->ring, seq + i, &list[i]);
	}
	if (ok && !mstore_ring_set_next_seq(store->ring, seq + count)) {
		ok = false;
	}
	mstore_ring_unlock(store->ring);
	if (!ok) {
		DBG_WARNING("%s: events not published\n", store->url);
	}
}

/* An event made moot by the deletion of its folder in the same batch:
 * the folder's messages and the folder's own modifications. */
static bool hidden(const struct mstore_events *q,
		   const struct mstore_event *e)
{
	uint32_t i;

	if (!is_message(e) && e->type != MSTORE_EVENT_MODIFIED) {
		return false;
	}
	for (i = 0; i < q->count; i++) {
		const struct mstore_event *f = &q->list[i];

		if (!is_message(f) && f->type == MSTORE_EVENT_DELETED &&
		    f->fid == e->fid) {
			return true;
		}
	}
	return false;
}

static void drop_hidden(struct mstore_events *q)
{
	uint32_t i, k = 0;

	for (i = 0; i < q->count; i++) {
		if (!hidden(q, &q->list[i])) {
			q->list[k++] = q->list[i];
		}
	}
	q->count = k;
}

/* Too many events: one "contents changed" event per folder. */
static void collapse(struct mstore_events *q)
{
	struct mstore_event *folders = NULL;
	uint32_t n = 0, i, j;

	for (i = 0; i < q->count; i++) {
		const struct mstore_event *e = &q->list[i];

		for (j = 0; j < n && folders[j].fid != e->fid; j++) {
		}
		if (j < n) {
			continue;
		}
		folders = talloc_realloc(q, folders, struct mstore_event,
					 n + 1);
		if (folders == NULL) {
			q->count = 0;
			return;
		}
		memset(&folders[n], 0, sizeof(folders[n]));
		folders[n].type = MSTORE_EVENT_MODIFIED;
		folders[n].flags = MSTORE_EVENT_CONTENTS;
		folders[n].fid = e->fid;
		folders[n].tag_count = MSTORE_EVENT_TAGS_UNKNOWN;
		n++;
	}
	talloc_free(q->list);
	q->list = folders;
	q->count = n > MAX_BATCH ? 0 : n;
}

static void flush(struct mstore *store)
{
	struct mstore_events *q = store->events;

	if (q == NULL || q->count == 0) {
		return;
	}
	drop_hidden(q);
	if (q->count > MAX_BATCH) {
		collapse(q);
	}
	publish(store, q->list, q->count);
}

static void reset(struct mstore *store)
{
	TALLOC_FREE(store->events);
}

/* The outermost transaction ended (mstore_txn_finish()). */
void mstore_txn_events_end(struct mstore *store, bool committed)
{
	if (committed) {
		flush(store);
	}
	reset(store);
}

/* Outside a transaction, an event is published at once. */
static void done(struct mstore *store)
{
	if (store->txn_depth == 0) {
		flush(store);
		reset(store);
	}
}

/* --------------------------------------------------------- reports */

static void message_created(struct mstore_events *q, uint64_t fid,
			    uint64_t mid, uint16_t flags)
{
	struct mstore_event *gone = find(q, true, MSTORE_EVENT_DELETED, mid);
	struct mstore_event *e;

	if (gone != NULL) {
		/* removed and written again: modified, or moved */
		if (gone->fid != fid) {
			gone->type = MSTORE_EVENT_MOVED;
			gone->old_fid = gone->fid;
			gone->old_mid = mid;
			gone->fid = fid;
		} else {
			gone->type = MSTORE_EVENT_MODIFIED;
			gone->tag_count = MSTORE_EVENT_TAGS_UNKNOWN;
		}
		gone->flags = flags;
		return;
	}
	e = append(q);
	if (e != NULL) {
		e->type = MSTORE_EVENT_CREATED;
		e->flags = flags;
		e->fid = fid;
		e->mid = mid;
	}
}

void mstore_event_message(struct mstore *store, uint16_t type, uint64_t fid,
			  uint64_t mid, bool associated)
{
	struct mstore_events *q = queue_of(store);
	uint16_t flags = MSTORE_EVENT_MESSAGE |
			 (associated ? MSTORE_EVENT_ASSOCIATED : 0);
	struct mstore_event *e;

	if (q == NULL) {
		return;
	}
	if (type == MSTORE_EVENT_CREATED) {
		message_created(q, fid, mid, flags);
	} else if (type != MSTORE_EVENT_MODIFIED ||
		   (find(q, true, MSTORE_EVENT_CREATED, mid) == NULL &&
		    find(q, true, MSTORE_EVENT_MODIFIED, mid) == NULL)) {
		e = append(q);
		if (e != NULL) {
			e->type = type;
			e->flags = flags;
			e->fid = fid;
			e->mid = mid;
			e->tag_count = MSTORE_EVENT_TAGS_UNKNOWN;
		}
	}
	done(store);
}

void mstore_event_message_tags(struct mstore *store, uint64_t fid,
			       uint64_t mid, bool associated,
			       const uint32_t *tags, uint32_t count)
{
	struct mstore_events *q = queue_of(store);
	struct mstore_event *e;

	if (q == NULL || find(q, true, MSTORE_EVENT_CREATED, mid) != NULL) {
		done(store);
		return;
	}
	e = find(q, true, MSTORE_EVENT_MODIFIED, mid);
	if (e == NULL && (e = append(q)) != NULL) {
		e->type = MSTORE_EVENT_MODIFIED;
		e->flags = MSTORE_EVENT_MESSAGE |
			   (associated ? MSTORE_EVENT_ASSOCIATED : 0);
		e->fid = fid;
		e->mid = mid;
	}
	if (e != NULL) {
		add_tags(q, e, tags, count);
	}
	done(store);
}

void mstore_event_new_mail(struct mstore *store, uint64_t fid, uint64_t mid,
			   uint32_t message_flags, const char *message_class)
{
	struct mstore_events *q = queue_of(store);
	struct mstore_event *e = q != NULL ? append(q) : NULL;

	if (e != NULL) {
		e->type = MSTORE_EVENT_NEW_MAIL;
		e->flags = MSTORE_EVENT_MESSAGE;
		e->fid = fid;
		e->mid = mid;
		e->message_flags = message_flags;
		e->message_class = talloc_strdup(q, message_class ?
						 message_class : "");
	}
	done(store);
}

void mstore_event_folder(struct mstore *store, uint16_t type, uint64_t fid,
			 uint64_t parent, uint64_t old_parent)
{
	struct mstore_events *q = queue_of(store);
	struct mstore_event *e = q != NULL ? append(q) : NULL;

	if (e != NULL) {
		e->type = type;
		e->fid = fid;
		e->parent_fid = parent;
		if (type == MSTORE_EVENT_MOVED || type == MSTORE_EVENT_COPIED) {
			e->old_fid = fid;
			e->old_parent_fid = old_parent;
		}
	}
	done(store);
}

/* The folder's pending modification (created at the first change). */
static struct mstore_event *folder_modified(struct mstore_events *q,
					    uint64_t fid)
{
	struct mstore_event *e = find(q, false, MSTORE_EVENT_MODIFIED, fid);

	if (e == NULL && (e = append(q)) != NULL) {
		e->type = MSTORE_EVENT_MODIFIED;
		e->fid = fid;
	}
	return e;
}

void mstore_event_folder_tags(struct mstore *store, uint64_t fid,
			      const uint32_t *tags, uint32_t count)
{
	struct mstore_events *q = queue_of(store);
	struct mstore_event *e = q != NULL ? folder_modified(q, fid) : NULL;

	if (e != NULL) {
		add_tags(q, e, tags, count);
	}
	done(store);
}

void mstore_event_folder_counts(struct mstore *store, uint64_t fid,
				int32_t total, int32_t unread)
{
	static const uint32_t tags[] = {
		MSTORE_PidTagContentCount, MSTORE_PidTagContentUnreadCount
	};
	struct mstore_events *q = queue_of(store);
	struct mstore_event *e = q != NULL ? folder_modified(q, fid) : NULL;

	if (e != NULL) {
		e->flags |= MSTORE_EVENT_COUNTS;
		e->total = total < 0 ? 0 : (uint32_t)total;
		e->unread = unread < 0 ? 0 : (uint32_t)unread;
		add_tags(q, e, tags, ARRAY_SIZE(tags));
	}
	done(store);
}

void mstore_event_copied(struct mstore *store, bool message,
			 uint64_t new_id, uint64_t old_id,
			 uint64_t old_container)
{
	struct mstore_events *q = queue_of(store);
	struct mstore_event *e;

	e = q != NULL ? find(q, message, MSTORE_EVENT_CREATED, new_id) : NULL;
	if (e != NULL) {
		e->type = MSTORE_EVENT_COPIED;
		if (message) {
			e->old_fid = old_container;
			e->old_mid = old_id;
		} else {
			e->old_fid = old_id;
			e->old_parent_fid = old_container;
		}
	}
	done(store);
}

void mstore_event_message_saved(struct mstore *store, uint64_t fid,
				uint64_t mid, bool associated, bool delivered,
				const struct mstore_value *values,
				uint32_t count)
{
	const struct mstore_value *f, *c;

	mstore_event_message(store, MSTORE_EVENT_CREATED, fid, mid,
			     associated);
	if (!delivered) {
		return;
	}
	f = mstore_values_find(values, count, MSTORE_PidTagMessageFlags);
	c = mstore_values_find(values, count, MSTORE_PidTagMessageClass);
	if (c == NULL) {
		c = mstore_values_find(values, count, MSTORE_PROP_TAG(
			MSTORE_PROP_ID(MSTORE_PidTagMessageClass),
			PT_STRING8));
	}
	mstore_event_new_mail(store, fid, mid, f ? (uint32_t)f->v.i32 : 0,
			      c ? c->v.str : "IPM");
}

void mstore_event_folder_set(struct mstore *store, uint64_t fid,
			     const struct mstore_value *values,
			     uint32_t count)
{
	uint32_t tags[MSTORE_EVENT_MAX_TAGS + 1];
	uint32_t i, n = count > ARRAY_SIZE(tags) ? ARRAY_SIZE(tags) : count;

	for (i = 0; i < n; i++) {
		tags[i] = values[i].tag;
	}
	mstore_event_folder_tags(store, fid, tags, n);
}

void mstore_event_folder_copied(struct mstore *store, uint64_t new_fid,
				uint64_t old_fid)
{
	uint64_t old_parent = 0;

	mstore_folder_parent(store, old_fid, &old_parent);
	mstore_event_copied(store, false, new_fid, old_fid, old_parent);
}

/* The events of a hidden folder being removed: of its messages, and
 * its own modifications (as hidden() drops those of a deleted one). */
static void drop_folder(struct mstore_events *q, uint64_t fid)
{
	uint32_t i, k = 0;

	if (q == NULL) {
		return;
	}
	for (i = 0; i < q->count; i++) {
		const struct mstore_event *e = &q->list[i];

		if (e->fid != fid || (!is_message(e) &&
				      e->type != MSTORE_EVENT_MODIFIED)) {
			q->list[k++] = q->list[i];
		}
	}
	q->count = k;
}

void mstore_event_folder_deleted(struct mstore *store, uint64_t fid)
{
	uint64_t parent = 0;

	/* one soft deleted (or below one) was reported gone already, and
	 * so were its contents */
	if (mstore_folder_open(store, fid) != MAPI_E_SUCCESS) {
		drop_folder(queue_of(store), fid);
		return;
	}
	mstore_folder_parent(store, fid, &parent);
	mstore_event_folder(store, MSTORE_EVENT_DELETED, fid, parent, 0);
}

void mstore_announce_new_mail(struct mstore *store, uint64_t fid,
			      uint64_t mid, const char *message_class,
			      uint32_t message_flags)
{
	mstore_event_new_mail(store, fid, mid, message_flags,
			      message_class != NULL ? message_class : "IPM");
}
