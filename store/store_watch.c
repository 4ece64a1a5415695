/*
 * sambamapi message store: watching the event rings of mailboxes
 * (store_notify.h).
 *
 * One inotify descriptor per watcher; each watched ring is one inotify
 * watch (IN_MODIFY), so a publishing process wakes every watcher on the
 * host.  The ring's sequence number says what is new: a wake-up without
 * new events costs one read of the header.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>
#include <util/debug.h>
#include "store/store_ring.h"

/* An inotify watch descriptor, shared by the watches of one file. */
struct wd_ref {
	int wd;
	uint32_t refs;
};

struct mstore_watcher {
	int fd;			/* inotify, or -1 */
	struct wd_ref *wds;
	uint32_t wd_count;
};

struct mstore_watch {
	struct mstore_watcher *watcher;
	struct mstore_ring *ring;
	int wd;			/* inotify watch, or -1 */
	uint64_t next;		/* the next sequence number to read */
};

static int watcher_destructor(struct mstore_watcher *w)
{
	if (w->fd != -1) {
		close(w->fd);
	}
	return 0;
}

enum MAPISTATUS mstore_watcher_new(TALLOC_CTX *mem_ctx,
				   struct mstore_watcher **out)
{
	struct mstore_watcher *w = talloc_zero(mem_ctx,
					       struct mstore_watcher);

	if (w == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd == -1) {
		DBG_WARNING("no inotify (%s): store events are polled\n",
			    strerror(errno));
	}
	talloc_set_destructor(w, watcher_destructor);
	*out = w;
	return MAPI_E_SUCCESS;
}

int mstore_watcher_fd(const struct mstore_watcher *watcher)
{
	return watcher->fd;
}

void mstore_watcher_drain(struct mstore_watcher *watcher)
{
	char buf[4096] __attribute__((aligned(__alignof__(
		struct inotify_event))));

	if (watcher->fd == -1) {
		return;
	}
	while (read(watcher->fd, buf, sizeof(buf)) > 0) {
	}
}

char *mstore_events_path(TALLOC_CTX *mem_ctx, const char *directory,
			 const char *mailbox)
{
	char *db = mstore_db_path(mem_ctx, directory, mailbox);
	char *path = db ? talloc_asprintf(mem_ctx, "%s.events", db) : NULL;

	talloc_free(db);
	return path;
}

static struct wd_ref *wd_find(struct mstore_watcher *w, int wd)
{
	uint32_t i;

	for (i = 0; i < w->wd_count; i++) {
		if (w->wds[i].wd == wd) {
			return &w->wds[i];
		}
	}
	return NULL;
}

/* inotify gives the same descriptor for every watch of one file. */
static bool wd_hold(struct mstore_watcher *w, int wd)
{
	struct wd_ref *r = wd_find(w, wd);

	if (r == NULL) {
		r = talloc_realloc(w, w->wds, struct wd_ref, w->wd_count + 1);
		if (r == NULL) {
			return false;
		}
		w->wds = r;
		r = &r[w->wd_count++];
		r->wd = wd;
		r->refs = 0;
	}
	r->refs++;
	return true;
}

static int watch_destructor(struct mstore_watch *watch)
{
	struct mstore_watcher *w = watch->watcher;
	struct wd_ref *r = watch->wd != -1 ? wd_find(w, watch->wd) : NULL;

	if (r != NULL && --r->refs == 0) {
		inotify_rm_watch(w->fd, r->wd);
		*r = w->wds[--w->wd_count];
	}
	return 0;
}

enum MAPISTATUS mstore_watch_add(TALLOC_CTX *mem_ctx,
				 struct mstore_watcher *watcher,
				 const char *directory, const char *mailbox,
				 struct mstore_watch **out)
{
	struct mstore_watch *w = talloc_zero(mem_ctx, struct mstore_watch);
	char *path;
	enum MAPISTATUS ret;

	if (w == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	w->watcher = watcher;
	w->wd = -1;
	path = mstore_events_path(w, directory, mailbox);
	ret = path ? mstore_ring_open(w, path, &w->ring)
		   : MAPI_E_NOT_ENOUGH_MEMORY;
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(w);
		return ret;
	}
	if (watcher->fd != -1) {
		w->wd = inotify_add_watch(watcher->fd, path,
					  IN_MODIFY | IN_CLOSE_WRITE);
		if (w->wd == -1) {
			DBG_WARNING("cannot watch %s: %s\n", path,
				    strerror(errno));
		} else if (!wd_hold(watcher, w->wd)) {
			inotify_rm_watch(watcher->fd, w->wd);
			talloc_free(w);
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	talloc_set_destructor(w, watch_destructor);
	if (!mstore_ring_lock(w->ring, false)) {
		talloc_free(w);
		return MAPI_E_DISK_ERROR;
	}
	w->next = mstore_ring_next_seq(w->ring);
	mstore_ring_unlock(w->ring);
	*out = w;
	return MAPI_E_SUCCESS;
}

bool mstore_watch_pending(struct mstore_watch *watch)
{
	uint64_t next = mstore_ring_next_seq(watch->ring);

	return next != 0 && next != watch->next;
}

/* Read [first, last) into @a events; a slot that is not the event
 * expected (overwritten meanwhile, malformed) counts as lost. */
static enum MAPISTATUS read_range(TALLOC_CTX *mem_ctx,
				  struct mstore_watch *w, uint64_t first,
				  uint64_t last, struct mstore_event **events,
				  uint32_t *count, bool *lost)
{
	struct mstore_event *list;
	uint64_t seq;
	uint32_t n = 0;

	list = talloc_zero_array(mem_ctx, struct mstore_event, last - first);
	if (list == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (seq = first; seq < last; seq++) {
		if (mstore_ring_get(list, w->ring, seq, &list[n])) {
			n++;
		} else {
			*lost = true;
		}
	}
	*events = list;
	*count = n;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_watch_read(TALLOC_CTX *mem_ctx,
				  struct mstore_watch *watch,
				  struct mstore_event **events,
				  uint32_t *count, bool *lost)
{
	uint64_t next, first;
	enum MAPISTATUS ret = MAPI_E_SUCCESS;

	*events = NULL;
	*count = 0;
	*lost = false;
	if (!mstore_ring_lock(watch->ring, false)) {
		return MAPI_E_DISK_ERROR;
	}
	next = mstore_ring_next_seq(watch->ring);
	if (next == 0) {
		mstore_ring_unlock(watch->ring);
		return MAPI_E_DISK_ERROR;
	}
	first = watch->next;
	if (next < first) {
		/* the ring was recreated: start again from it */
		*lost = next != first;
		first = next;
	} else if (next - first > watch->ring->slots) {
		*lost = true;
		first = next - watch->ring->slots;
	}
	if (next > first) {
		ret = read_range(mem_ctx, watch, first, next, events, count,
				 lost);
	}
	mstore_ring_unlock(watch->ring);
	if (ret == MAPI_E_SUCCESS) {
		watch->next = next;
	}
	return ret;
}
