/*
 * sambamapi message store: the event ring of a mailbox (store_notify.h),
 * the file format shared by its writers (store_notify.c) and readers
 * (store_watch.c).
 *
 * File layout, little-endian:
 *   header (64 bytes): magic "SMAPIEV1", uint32 slot size, uint32 slot
 *     count, uint64 next sequence number (the first event is 1), zeros;
 *   slots: slot count x slot size bytes; event seq lives in slot
 *     (seq % slot count): uint64 seq, uint16 length, the encoded event.
 * Writers hold a write lock on the header while they add events and
 * move the sequence number; readers take a read lock while they read.
 */
#ifndef SMAPI_STORE_RING_H
#define SMAPI_STORE_RING_H

#include "store/store.h"

#define MSTORE_RING_HEADER	64
#define MSTORE_RING_SLOT	512
#define MSTORE_RING_SLOTS	1024
/* the largest slot a reader accepts */
#define MSTORE_RING_SLOT_MAX	4096
/* seq + length in front of every slot's event */
#define MSTORE_RING_SLOT_HEAD	10

/** An open ring file. */
struct mstore_ring {
	int fd;
	char *path;
	uint32_t slot_size;
	uint32_t slots;
};

/** @brief Open (creating if needed) the ring at @a path. */
enum MAPISTATUS mstore_ring_open(TALLOC_CTX *mem_ctx, const char *path,
				 struct mstore_ring **ring);

/** @brief Lock the header: @a write for writers, else shared. */
bool mstore_ring_lock(struct mstore_ring *ring, bool write);

/** @brief Release the lock. */
void mstore_ring_unlock(struct mstore_ring *ring);

/** @brief The next sequence number (0 on a read error). */
uint64_t mstore_ring_next_seq(struct mstore_ring *ring);

/** @brief Write the next sequence number. */
bool mstore_ring_set_next_seq(struct mstore_ring *ring, uint64_t seq);

/** @brief Write event @a e as number @a seq (lock held). */
bool mstore_ring_put(struct mstore_ring *ring, uint64_t seq,
		     const struct mstore_event *e);

/**
 * @brief Read event @a seq (lock held).
 * @return false if the slot holds another event or is malformed
 */
bool mstore_ring_get(TALLOC_CTX *mem_ctx, struct mstore_ring *ring,
		     uint64_t seq, struct mstore_event *e);

#endif
