/*
 * The logon object of the EMSMDB provider: one open store (a private
 * mailbox or the public folders) per RopLogon (MS-OXCSTOR 3.2.5.1).
 * Every object opened through a logon reaches its store here.
 */
#ifndef EMSMDB_LOGON_H
#define EMSMDB_LOGON_H

#include "emsmdb_rop.h"
#include "store/store.h"

struct emsmdb_logon {
	struct mstore *store;		/**< the open store */
	const char *mailbox;		/**< account of a private mailbox */
	uint8_t logon_flags;		/**< RopLogon LogonFlags */
	uint32_t open_flags;		/**< RopLogon OpenFlags */
	/** Recently built contents table views (emsmdb_table_cache.c),
	 *  created when first needed. */
	struct emsmdb_view_cache *views;
};

/** A folder object (RopOpenFolder, RopCreateFolder). */
struct emsmdb_folder {
	uint64_t fid;			/**< its Folder ID */
};

/** The logon an object was opened through (the object itself for a
 *  logon); NULL if none. */
struct emsmdb_logon *emsmdb_logon_of(struct emsmdb_object *object);

/** The store an object lives in; NULL if none. */
struct mstore *emsmdb_store_of(struct emsmdb_object *object);

#endif /* EMSMDB_LOGON_H */
