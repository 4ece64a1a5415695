/*
 * The logon object of the EMSMDB provider: one open store (a private
 * mailbox or the public folders) per RopLogon (MS-OXCSTOR 3.2.5.1).
 * Every object opened through a logon reaches its store here.
 */
#ifndef EMSMDB_LOGON_H
#define EMSMDB_LOGON_H

#include "emsmdb_rop.h"
#include "store/store.h"

struct mapi_string8_map;

struct emsmdb_logon {
	struct mstore *store;		/**< the open store */
	const char *mailbox;		/**< account of a private mailbox */
	uint8_t logon_flags;		/**< RopLogon LogonFlags */
	uint32_t open_flags;		/**< RopLogon OpenFlags */
	/** string8 conversion map, made at the first use
	 *  (emsmdb_rop_propval.c) */
	struct mapi_string8_map *string8;
	/** Recently built contents table views (emsmdb_table_cache.c),
	 *  created when first needed. */
	struct emsmdb_view_cache *views;
	/** RopSetSpooler was sent on this logon (MS-OXOMSG 3.3.5.5). */
	bool spooler;
};

/** A folder object (RopOpenFolder, RopCreateFolder). */
struct emsmdb_folder {
	uint64_t fid;			/**< its Folder ID */
};

/**
 * A message object (RopCreateMessage, RopOpenMessage): the message is
 * edited in memory and stored by RopSaveChangesMessage (MS-OXCMSG 3.2.5).
 */
struct emsmdb_message {
	struct mstore_message *msg;	/**< the store's message */
	uint64_t fid;			/**< its folder */
	uint64_t mid;			/**< its MID (0 until saved) */
	bool writable;			/**< read/write or created */
	bool associated;		/**< a FAI message */
};

/** The logon an object was opened through (the object itself for a
 *  logon); NULL if none. */
struct emsmdb_logon *emsmdb_logon_of(struct emsmdb_object *object);

/** The store an object lives in; NULL if none. */
struct mstore *emsmdb_store_of(struct emsmdb_object *object);

#endif /* EMSMDB_LOGON_H */
