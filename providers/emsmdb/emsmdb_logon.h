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
 * A message object (RopCreateMessage, RopOpenMessage, and
 * RopOpenEmbeddedMessage on an attachment object): the message is edited
 * in memory and stored by RopSaveChangesMessage (MS-OXCMSG 3.2.5); an
 * embedded message is saved into its attachment object.
 */
struct emsmdb_message {
	struct mstore_message *msg;	/**< the store's message */
	uint64_t fid;			/**< its folder */
	uint64_t mid;			/**< its MID */
	bool writable;			/**< read/write or created */
	bool associated;		/**< a FAI message */
	bool embedded;			/**< of an attachment */
	uint32_t code_page;		/**< CodePageId; 0: the session's */
	/** The recipient columns of the last RopOpenMessage,
	 *  RopReloadCachedInformation, RopOpenEmbeddedMessage or
	 *  RopModifyRecipients on this object: what RopReadRecipients
	 *  rows carry (MS-OXCDATA 2.8.3.2 RecipientProperties). */
	uint32_t *rcpt_columns;
	uint16_t rcpt_column_count;
};

/** An attachment object (RopOpenAttachment, RopCreateAttachment),
 *  a child of its message object. */
struct emsmdb_attachment {
	struct mstore_attachment *att;	/**< the store's copy */
	bool writable;			/**< read/write */
};

/** @brief The CodePageId of the message an object is (or belongs to);
 *  0 when none was given (the session's code page applies). */
uint32_t emsmdb_message_code_page(struct emsmdb_object *object);

/** The logon an object was opened through (the object itself for a
 *  logon); NULL if none. */
struct emsmdb_logon *emsmdb_logon_of(struct emsmdb_object *object);

/** The store an object lives in; NULL if none. */
struct mstore *emsmdb_store_of(struct emsmdb_object *object);

#endif /* EMSMDB_LOGON_H */
