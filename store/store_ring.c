/*
 * sambamapi message store: the event ring file (see store_ring.h).
 *
 * Its contents may come from any process with access to the store
 * directory: every read is bounds-checked, a malformed slot is skipped.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <util/debug.h>
#include "store/store_ring.h"

static const char ring_magic[8] = "SMAPIEV1";

/* The longest message class an event keeps (bytes of UTF-8). */
#define MAX_CLASS 255
/* Bytes of an encoded event before its tags: type, flags, six ids, three
 * 32-bit values, tag count. */
#define FIXED_SIZE (2 + 2 + 6 * 8 + 3 * 4 + 2)

/* ------------------------------------------------ little-endian I/O */

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v & 0xFF;
	p[1] = v >> 8;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v & 0xFFFF);
	put16(p + 2, v >> 16);
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, v & 0xFFFFFFFF);
	put32(p + 4, v >> 32);
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t get32(const uint8_t *p)
{
	return get16(p) | ((uint32_t)get16(p + 2) << 16);
}

static uint64_t get64(const uint8_t *p)
{
	return get32(p) | ((uint64_t)get32(p + 4) << 32);
}

/* ----------------------------------------------------------- locks */

/* Open file description locks where the kernel has them: they belong to
 * the descriptor, so the store handles of one process do not share
 * them. */
#ifdef F_OFD_SETLKW
#define LOCK_CMD F_OFD_SETLKW
#else
#define LOCK_CMD F_SETLKW
#endif

static bool header_lock(int fd, short type)
{
	struct flock fl;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	fl.l_start = 0;
	fl.l_len = MSTORE_RING_HEADER;
	while (fcntl(fd, LOCK_CMD, &fl) == -1) {
		if (errno != EINTR) {
			DBG_WARNING("event ring lock: %s\n", strerror(errno));
			return false;
		}
	}
	return true;
}

bool mstore_ring_lock(struct mstore_ring *ring, bool write)
{
	return header_lock(ring->fd, write ? F_WRLCK : F_RDLCK);
}

void mstore_ring_unlock(struct mstore_ring *ring)
{
	header_lock(ring->fd, F_UNLCK);
}

/* ---------------------------------------------------------- header */

static bool write_header(int fd)
{
	uint8_t h[MSTORE_RING_HEADER];

	memset(h, 0, sizeof(h));
	memcpy(h, ring_magic, sizeof(ring_magic));
	put32(h + 8, MSTORE_RING_SLOT);
	put32(h + 12, MSTORE_RING_SLOTS);
	put64(h + 16, 1);
	return pwrite(fd, h, sizeof(h), 0) == sizeof(h);
}

/* Check (or, for a new empty file, write) the header under the lock. */
static bool load_header(struct mstore_ring *ring)
{
	uint8_t h[MSTORE_RING_HEADER];
	ssize_t n = pread(ring->fd, h, sizeof(h), 0);
	bool ok;

	if (n == 0) {
		if (!write_header(ring->fd)) {
			return false;
		}
		n = pread(ring->fd, h, sizeof(h), 0);
	}
	ok = n == sizeof(h) && memcmp(h, ring_magic, 8) == 0;
	if (ok) {
		ring->slot_size = get32(h + 8);
		ring->slots = get32(h + 12);
		ok = ring->slot_size > MSTORE_RING_SLOT_HEAD + FIXED_SIZE &&
		     ring->slot_size <= MSTORE_RING_SLOT_MAX &&
		     ring->slots > 0 && ring->slots <= (1U << 20);
	}
	if (!ok) {
		DBG_ERR("%s: not an event ring\n", ring->path);
	}
	return ok;
}

static int ring_destructor(struct mstore_ring *ring)
{
	if (ring->fd != -1) {
		close(ring->fd);
	}
	return 0;
}

enum MAPISTATUS mstore_ring_open(TALLOC_CTX *mem_ctx, const char *path,
				 struct mstore_ring **out)
{
	struct mstore_ring *ring = talloc_zero(mem_ctx, struct mstore_ring);
	bool ok;

	if (ring == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ring->fd = -1;
	talloc_set_destructor(ring, ring_destructor);
	ring->path = talloc_strdup(ring, path);
	if (ring->path == NULL) {
		talloc_free(ring);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ring->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (ring->fd == -1) {
		DBG_ERR("cannot open %s: %s\n", path, strerror(errno));
		talloc_free(ring);
		return MAPI_E_DISK_ERROR;
	}
	ok = mstore_ring_lock(ring, true);
	if (ok) {
		ok = load_header(ring);
		mstore_ring_unlock(ring);
	}
	if (!ok) {
		talloc_free(ring);
		return MAPI_E_CORRUPT_STORE;
	}
	*out = ring;
	return MAPI_E_SUCCESS;
}

uint64_t mstore_ring_next_seq(struct mstore_ring *ring)
{
	uint8_t b[8];

	if (pread(ring->fd, b, sizeof(b), 16) != sizeof(b)) {
		return 0;
	}
	return get64(b);
}

bool mstore_ring_set_next_seq(struct mstore_ring *ring, uint64_t seq)
{
	uint8_t b[8];

	put64(b, seq);
	return pwrite(ring->fd, b, sizeof(b), 16) == sizeof(b);
}

/* ----------------------------------------------------------- slots */

static off_t slot_offset(const struct mstore_ring *ring, uint64_t seq)
{
	return MSTORE_RING_HEADER +
	       (off_t)(seq % ring->slots) * ring->slot_size;
}

static size_t encode(const struct mstore_ring *ring,
		     const struct mstore_event *e, uint8_t *p)
{
	uint16_t tags = e->tag_count <= MSTORE_EVENT_MAX_TAGS ?
			e->tag_count : MSTORE_EVENT_TAGS_UNKNOWN;
	uint16_t ntags = tags == MSTORE_EVENT_TAGS_UNKNOWN ? 0 : tags;
	size_t cls = e->message_class ? strlen(e->message_class) : 0;
	size_t room = ring->slot_size - MSTORE_RING_SLOT_HEAD - FIXED_SIZE -
		      4 * ntags - 2;
	size_t off = 0;
	uint16_t i;

	cls = cls > MAX_CLASS ? MAX_CLASS : cls;
	cls = cls > room ? room : cls;
	put16(p + off, e->type); off += 2;
	put16(p + off, e->flags); off += 2;
	put64(p + off, e->fid); off += 8;
	put64(p + off, e->mid); off += 8;
	put64(p + off, e->parent_fid); off += 8;
	put64(p + off, e->old_fid); off += 8;
	put64(p + off, e->old_mid); off += 8;
	put64(p + off, e->old_parent_fid); off += 8;
	put32(p + off, e->total); off += 4;
	put32(p + off, e->unread); off += 4;
	put32(p + off, e->message_flags); off += 4;
	put16(p + off, tags); off += 2;
	for (i = 0; i < ntags; i++, off += 4) {
		put32(p + off, e->tags[i]);
	}
	put16(p + off, cls); off += 2;
	memcpy(p + off, e->message_class ? e->message_class : "", cls);
	return off + cls;
}

bool mstore_ring_put(struct mstore_ring *ring, uint64_t seq,
		     const struct mstore_event *e)
{
	uint8_t buf[MSTORE_RING_SLOT_MAX];
	size_t len;

	len = encode(ring, e, buf + MSTORE_RING_SLOT_HEAD);
	put64(buf, seq);
	put16(buf + 8, len);
	len += MSTORE_RING_SLOT_HEAD;
	return pwrite(ring->fd, buf, len, slot_offset(ring, seq)) ==
	       (ssize_t)len;
}

static bool decode_tags(TALLOC_CTX *mem_ctx, const uint8_t *p, size_t len,
			size_t *off, struct mstore_event *e)
{
	uint16_t i, n;

	e->tag_count = get16(p + *off);
	*off += 2;
	n = e->tag_count == MSTORE_EVENT_TAGS_UNKNOWN ? 0 : e->tag_count;
	if (n > MSTORE_EVENT_MAX_TAGS || *off + 4 * n + 2 > len) {
		return false;
	}
	e->tags = n > 0 ? talloc_array(mem_ctx, uint32_t, n) : NULL;
	if (n > 0 && e->tags == NULL) {
		return false;
	}
	for (i = 0; i < n; i++, *off += 4) {
		e->tags[i] = get32(p + *off);
	}
	return true;
}

static bool decode(TALLOC_CTX *mem_ctx, const uint8_t *p, size_t len,
		   struct mstore_event *e)
{
	size_t off = 0, cls;

	if (len < FIXED_SIZE + 2) {
		return false;
	}
	e->type = get16(p); off += 2;
	e->flags = get16(p + off); off += 2;
	e->fid = get64(p + off); off += 8;
	e->mid = get64(p + off); off += 8;
	e->parent_fid = get64(p + off); off += 8;
	e->old_fid = get64(p + off); off += 8;
	e->old_mid = get64(p + off); off += 8;
	e->old_parent_fid = get64(p + off); off += 8;
	e->total = get32(p + off); off += 4;
	e->unread = get32(p + off); off += 4;
	e->message_flags = get32(p + off); off += 4;
	if (!decode_tags(mem_ctx, p, len, &off, e)) {
		return false;
	}
	cls = get16(p + off);
	off += 2;
	if (cls > MAX_CLASS || off + cls > len) {
		return false;
	}
	e->message_class = cls > 0 ? talloc_strndup(mem_ctx,
						    (const char *)p + off,
						    cls) : NULL;
	return cls == 0 || e->message_class != NULL;
}

bool mstore_ring_get(TALLOC_CTX *mem_ctx, struct mstore_ring *ring,
		     uint64_t seq, struct mstore_event *e)
{
	uint8_t buf[MSTORE_RING_SLOT_MAX];
	ssize_t n;
	uint16_t len;

	n = pread(ring->fd, buf, ring->slot_size, slot_offset(ring, seq));
	if (n < MSTORE_RING_SLOT_HEAD || get64(buf) != seq) {
		return false;
	}
	len = get16(buf + 8);
	if (len > n - MSTORE_RING_SLOT_HEAD) {
		return false;
	}
	memset(e, 0, sizeof(*e));
	e->seq = seq;
	return decode(mem_ctx, buf + MSTORE_RING_SLOT_HEAD, len, e);
}
