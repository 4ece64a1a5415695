/*
 * sambamapi message store: change events of a mailbox, for every process
 * that watches it (MS-OXCNOTIF 2.2.1.1 server events).
 *
 * Every committed change of a store (a message or folder created,
 * deleted, modified, moved or copied, new mail delivered) becomes one
 * struct mstore_event.  The store collects the events of a transaction
 * and publishes them when the outermost transaction commits (a cancelled
 * transaction publishes nothing), whichever process wrote: an EMSMDB
 * session, a delivery agent or an administration tool.
 *
 * The cross-process channel is the mailbox's event ring, a file next to
 * its database ("mbx-NAME.ldb.events", "public.ldb.events"): a header
 * with the next sequence number and a ring of fixed-size slots, written
 * under a lock on the header after the commit (a few system calls per
 * commit, no fsync: events are ephemeral).  A reader watches the file
 * with inotify, so a write wakes every watching process at once, and
 * reads the events after its last sequence number.  A reader too slow to
 * keep up with the ring (more events than its slots) is told that events
 * were lost.  The ring lives on the host: processes of other hosts
 * sharing the directory are not woken (inotify); such readers still see
 * the events when they read.
 *
 * Watching: one mstore_watcher per process (one inotify descriptor, its
 * fd for the caller's event loop), one mstore_watch per mailbox.
 */
#ifndef SMAPI_STORE_NOTIFY_H
#define SMAPI_STORE_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>

struct mstore;

/**
 * Event types: the values of the NotificationType of MS-OXCNOTIF
 * 2.2.1.4.1.2, so that a provider can use them as they are.
 */
enum mstore_event_type {
	MSTORE_EVENT_NEW_MAIL = 0x0002,	/**< a message was delivered */
	MSTORE_EVENT_CREATED = 0x0004,	/**< object created */
	MSTORE_EVENT_DELETED = 0x0008,	/**< object deleted */
	MSTORE_EVENT_MODIFIED = 0x0010,	/**< object modified */
	MSTORE_EVENT_MOVED = 0x0020,	/**< object moved */
	MSTORE_EVENT_COPIED = 0x0040	/**< object copied */
};

/** The event is on a message (else on a folder). */
#define MSTORE_EVENT_MESSAGE	0x0001
/** The message is a folder associated information (FAI) message. */
#define MSTORE_EVENT_ASSOCIATED	0x0002
/** total and unread carry the folder's new message counts. */
#define MSTORE_EVENT_COUNTS	0x0004
/** Many messages of the folder changed at once (one event for them). */
#define MSTORE_EVENT_CONTENTS	0x0008
/** The folder (of a message) is a search folder. */
#define MSTORE_EVENT_SEARCH	0x0010

/** tag_count when the changed properties are not known. */
#define MSTORE_EVENT_TAGS_UNKNOWN 0xFFFF
/** Most tags an event carries; more are reported as unknown. */
#define MSTORE_EVENT_MAX_TAGS 32

/** One committed change of a mailbox. */
struct mstore_event {
	uint64_t seq;		/**< its place in the mailbox's event ring */
	uint16_t type;		/**< enum mstore_event_type */
	uint16_t flags;		/**< MSTORE_EVENT_MESSAGE, ... */
	uint64_t fid;		/**< the folder, or the message's folder */
	uint64_t mid;		/**< the message (0 for a folder event) */
	uint64_t parent_fid;	/**< a folder's parent */
	uint64_t old_fid;	/**< moved/copied: the folder before
				     (a message's old folder) */
	uint64_t old_mid;	/**< moved/copied message: its old MID */
	uint64_t old_parent_fid; /**< moved/copied folder: old parent */
	uint32_t total;		/**< MSTORE_EVENT_COUNTS: message count */
	uint32_t unread;	/**< MSTORE_EVENT_COUNTS: unread count */
	uint16_t tag_count;	/**< changed property tags, or
				     MSTORE_EVENT_TAGS_UNKNOWN */
	uint32_t *tags;		/**< tag_count tags */
	uint32_t message_flags;	/**< new mail: PidTagMessageFlags */
	const char *message_class; /**< new mail: PidTagMessageClass */
};

/** The inotify descriptor of a process (talloc object). */
struct mstore_watcher;

/** One watched mailbox (talloc object, child of its watcher's owner). */
struct mstore_watch;

/**
 * @brief A watcher for this process.  Its fd becomes readable when a
 * watched mailbox has new events; without inotify the fd is -1 and the
 * caller polls.
 */
enum MAPISTATUS mstore_watcher_new(TALLOC_CTX *mem_ctx,
				   struct mstore_watcher **watcher);

/** @brief The descriptor to poll for reading, or -1. */
int mstore_watcher_fd(const struct mstore_watcher *watcher);

/**
 * @brief Consume the wake-ups of the watcher's fd (call when it is
 * readable): afterwards mstore_watch_read() on each watch gives what
 * arrived.  Never blocks.
 */
void mstore_watcher_drain(struct mstore_watcher *watcher);

/**
 * @brief Watch a mailbox (NULL: the public folders) of the stores in
 * @a directory from now on: events committed before this call are not
 * reported.  The ring file is created if missing.
 *
 * @return MAPI_E_SUCCESS; MAPI_E_DISK_ERROR if the ring cannot be opened
 */
enum MAPISTATUS mstore_watch_add(TALLOC_CTX *mem_ctx,
				 struct mstore_watcher *watcher,
				 const char *directory, const char *mailbox,
				 struct mstore_watch **watch);

/**
 * @brief The events published since the last call (or since
 * mstore_watch_add()), oldest first, hung off @a mem_ctx.
 *
 * @param lost	set when events were overwritten before being read (the
 *		reader must assume anything changed)
 */
enum MAPISTATUS mstore_watch_read(TALLOC_CTX *mem_ctx,
				  struct mstore_watch *watch,
				  struct mstore_event **events,
				  uint32_t *count, bool *lost);

/** @brief Whether events are waiting to be read (no lock, cheap). */
bool mstore_watch_pending(struct mstore_watch *watch);

/**
 * @brief Report new mail for a message already stored (RopTransportNewMail,
 * MS-OXOMSG 3.3.5.8: a client delivered it itself).  Published at once,
 * or at the commit of the store's current transaction.  Deliveries
 * through the store use mstore_message_save_delivered() instead.
 *
 * @param store the mailbox
 * @param fid the folder of the message
 * @param mid the message
 * @param message_class its PidTagMessageClass (UTF-8; NULL: "IPM")
 * @param message_flags its PidTagMessageFlags
 */
void mstore_announce_new_mail(struct mstore *store, uint64_t fid,
			      uint64_t mid, const char *message_class,
			      uint32_t message_flags);

/** @brief The event ring of a mailbox's database (talloc string). */
char *mstore_events_path(TALLOC_CTX *mem_ctx, const char *directory,
			 const char *mailbox);

#endif
