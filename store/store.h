/*
 * sambamapi message store: the ldb-backed store of mailboxes, folders,
 * messages, recipients and attachments shared by every provider.
 *
 * One database per mailbox (and one for the public folders) lives in a
 * directory the caller names.  The library knows nothing of RPC: ids,
 * property values and status codes are those of the Open Specifications
 * (MS-OXCDATA, MS-OXCFXICS, MS-OXOSFLD, MS-OXCSTOR).
 *
 * Every function returns an enum MAPISTATUS.  Handles are talloc objects;
 * freeing one releases what it holds.
 */
#ifndef SMAPI_STORE_H
#define SMAPI_STORE_H

#include "store/store_value.h"
#include "store/store_ids.h"
#include "store/store_tags.h"
#include "store/store_special.h"
#include "store/store_body.h"
#include "store/store_notify.h"

/** Database backends of ldb. */
enum mstore_backend {
	MSTORE_BACKEND_DEFAULT = 0,	/**< the faster one (see README) */
	MSTORE_BACKEND_TDB,		/**< tdb:// */
	MSTORE_BACKEND_LMDB		/**< mdb:// (ldb's LMDB backend) */
};

/** Optional hook giving a localised display name for a special folder. */
typedef const char *(*mstore_name_hook)(void *priv,
					enum mstore_special_folder folder,
					const char *english);

/** How to open a store. */
struct mstore_open_params {
	/** Directory of the databases (must exist). */
	const char *directory;
	/** Mailbox name (e.g. the account name); NULL: public folders. */
	const char *mailbox;
	/** Backend used when the database is created or opened. */
	enum mstore_backend backend;
	/** Create the database (and the special folders) if missing. */
	bool create;
	/** Mailbox GUID of a new mailbox; random if NULL. */
	const struct mstore_guid *mailbox_guid;
	/** GLOBCNT values one handle reserves at a time; 0: 64. */
	uint32_t id_range;
	/** Localised special folder names at creation; NULL: English. */
	mstore_name_hook name_hook;
	void *name_hook_priv;
	/** Values longer than this many bytes are written out of line
	 *  (store_lob.h); 0: MSTORE_LARGE_THRESHOLD, UINT32_MAX: only the
	 *  values given as MSTORE_PT_LARGE references. */
	uint32_t large_threshold;
};

/** An open store: one mailbox database. */
struct mstore;

/** A message being read or written. */
struct mstore_message;

/** A named property (MS-OXCDATA 2.6.1 PropertyName). */
struct mstore_named_prop {
	struct mstore_guid guid;
	bool is_string;		/**< true: name; false: lid */
	uint32_t lid;
	const char *name;	/**< UTF-8 */
};

/** Folder create flag: open the existing folder of that name instead. */
#define MSTORE_OPEN_IF_EXISTS 0x0001
/** Folder create flag: a search folder (PidTagFolderType 2). */
#define MSTORE_SEARCH_FOLDER 0x0002

/** Folder delete flags, as RopDeleteFolder's (MS-OXCFOLD 2.2.1.3.1);
 *  MSTORE_DEL_HARD also for the messages and emptying functions. */
#define MSTORE_DEL_MESSAGES 0x01
#define MSTORE_DEL_FOLDERS 0x04
#define MSTORE_DEL_HARD 0x10

/** Emptying and listing flag: the associated (FAI) messages. */
#define MSTORE_EMPTY_ASSOCIATED 0x0100

/**
 * Open and listing flag: soft-deleted folders and messages (a folder
 * below a soft-deleted folder counts as one), as OpenSoftDeleted
 * (MS-OXCFOLD 2.2.1.1.1, MS-OXCMSG 2.2.3.1.1) and the SoftDeletes table
 * flag (MS-OXCFOLD 2.2.1.13.1) ask.
 *
 * Soft deletion (MS-OXCFOLD 1.3.3): a soft-deleted folder or message is
 * kept but hidden: no listing, count or open finds it without this flag.
 * It keeps its properties, PidTagDeletedOn says when it was deleted; a
 * hard delete or mstore_purge_soft_deleted() removes it for good.
 */
#define MSTORE_SOFT_DELETED 0x0200

/* ------------------------------------------------------------ stores */

/**
 * @brief The file name of a mailbox's database inside the directory.
 *
 * Mailbox names are lower-cased and every byte outside [a-z0-9._-] is
 * hex-escaped, so names cannot leave the directory.
 */
char *mstore_db_path(TALLOC_CTX *mem_ctx, const char *directory,
		     const char *mailbox);

/**
 * @brief Open (and with params->create, create) a store.
 *
 * A new mailbox gets its GUIDs and its special folders (MS-OXOSFLD) in
 * one transaction.  Several handles, in one or several processes, may
 * be open on one database at once.
 *
 * @return MAPI_E_SUCCESS; MAPI_E_NOT_FOUND if missing and not asked to
 *	   create; MAPI_E_CORRUPT_STORE if the file is not a store;
 *	   MAPI_E_DISK_ERROR if ldb cannot open it
 */
enum MAPISTATUS mstore_open(TALLOC_CTX *mem_ctx,
			    const struct mstore_open_params *params,
			    struct mstore **store);

/** @brief The mailbox GUID (RopLogon MailboxGuid, entry ID provider). */
const struct mstore_guid *mstore_mailbox_guid(const struct mstore *store);

/** @brief The replica GUID (REPLID 1, MS-OXCDATA 2.2.1.1). */
const struct mstore_guid *mstore_replica_guid(const struct mstore *store);

/** @brief True for the public folders store. */
bool mstore_is_public(const struct mstore *store);

/** @brief The ldb URL the store was opened with. */
const char *mstore_url(const struct mstore *store);

/**
 * @brief A new FID/MID/CN (replica 1) from the handle's reserved range.
 */
enum MAPISTATUS mstore_new_id(struct mstore *store, uint64_t *id);

/**
 * @brief Reserve count GLOBCNT values for the caller (e.g. for
 * RopGetLocalReplicaIds); first is the first of them.
 */
enum MAPISTATUS mstore_reserve_globcnts(struct mstore *store,
					uint32_t count, uint64_t *first);

/** @brief The GUID of a replica id (1: the store's replica GUID). */
enum MAPISTATUS mstore_replid_to_guid(struct mstore *store, uint16_t replid,
				      struct mstore_guid *guid);

/**
 * @brief The replica id of a GUID; with create, a new one is mapped.
 * @return MAPI_E_NOT_FOUND if unknown and not create
 */
enum MAPISTATUS mstore_guid_to_replid(struct mstore *store,
				      const struct mstore_guid *guid,
				      bool create, uint16_t *replid);

/** @brief LongTermId of an id (MS-OXCROPS RopLongTermIdFromId). */
enum MAPISTATUS mstore_id_to_long_term(struct mstore *store, uint64_t id,
				       struct mstore_long_term_id *ltid);

/** @brief Id of a LongTermId (MS-OXCROPS RopIdFromLongTermId). */
enum MAPISTATUS mstore_long_term_to_id(struct mstore *store,
				       const struct mstore_long_term_id *lt,
				       uint64_t *id);

/** @brief The folder entry ID (MS-OXCDATA 2.2.4.1) of a FID. */
enum MAPISTATUS mstore_folder_entryid(TALLOC_CTX *mem_ctx,
				      struct mstore *store, uint64_t fid,
				      struct mstore_bin *entryid);

/** @brief The FID of a folder entry ID of this store. */
enum MAPISTATUS mstore_folder_entryid_to_fid(struct mstore *store,
					     const struct mstore_bin *eid,
					     uint64_t *fid);

/* ------------------------------------------------- named properties */

/**
 * @brief The property id (0x8000..0xFFFE) of a named property; with
 * create, a new one is allocated when the name is unknown.
 * @return MAPI_E_NOT_FOUND if unknown and not create;
 *	   MAPI_E_NAMED_PROP_QUOTA_EXCEEDED when the range is full
 */
enum MAPISTATUS mstore_named_to_id(struct mstore *store,
				   const struct mstore_named_prop *name,
				   bool create, uint16_t *propid);

/** @brief The name of a named property id (MAPI_E_NOT_FOUND if none). */
enum MAPISTATUS mstore_id_to_named(TALLOC_CTX *mem_ctx,
				   struct mstore *store, uint16_t propid,
				   struct mstore_named_prop *name);

/** @brief Every mapping of the mailbox, sorted by property id. */
enum MAPISTATUS mstore_named_list(TALLOC_CTX *mem_ctx, struct mstore *store,
				  uint16_t **propids,
				  struct mstore_named_prop **names,
				  uint32_t *count);

/* --------------------------------------------------- special folders */

/** @brief The FID of a special folder. */
enum MAPISTATUS mstore_special_fid(struct mstore *store,
				   enum mstore_special_folder folder,
				   uint64_t *fid);

/**
 * @brief The 13 folder ids of a RopLogon response in their fixed order.
 * A private mailbox (MS-OXCSTOR 2.2.1.1.3): Root, Deferred Action,
 * Spooler Queue, IPM Subtree, Inbox, Outbox, Sent Items, Deleted Items,
 * Common Views, Schedule, Search (Finder), Views, Shortcuts.  The public
 * store (2.2.1.1.4): Public Folders root, IPM_SUBTREE, NON_IPM_SUBTREE,
 * EFORMS REGISTRY, Free/Busy Data, Offline Address Book Data, the
 * locale's EFORMS registry, the local site's Free/Busy and Offline
 * Address Book Data, NNTP Article Index, then three zeros.
 */
enum MAPISTATUS mstore_logon_fids(struct mstore *store, uint64_t fids[13]);

/**
 * @brief The receive folder of a message class (MS-OXCSTOR 3.2.5.2): the
 * longest case-insensitive prefix match ("" matches all).
 * @param explicit_class the matching class, hung off mem_ctx
 */
enum MAPISTATUS mstore_get_receive_folder(TALLOC_CTX *mem_ctx,
					  struct mstore *store,
					  const char *message_class,
					  uint64_t *fid,
					  char **explicit_class);

/** @brief Set (fid != 0) or remove (fid == 0) a class's receive folder. */
enum MAPISTATUS mstore_set_receive_folder(struct mstore *store,
					  const char *message_class,
					  uint64_t fid);

/**
 * @brief Every receive folder of the mailbox (MS-OXCSTOR 3.2.5.4):
 * classes[i] (hung off mem_ctx) is received in fids[i], set at
 * times[i] (FILETIME; 0 if unknown).
 */
enum MAPISTATUS mstore_receive_folders(TALLOC_CTX *mem_ctx,
				       struct mstore *store, char ***classes,
				       uint64_t **fids, uint64_t **times,
				       uint32_t *count);

/* ------------------------------------------------ per-user information */

/** One RopWritePerUserInformation chunk (MS-OXCSTOR 2.2.1.13.1). */
struct mstore_peruser_chunk {
	/** the public folder */
	const struct mstore_long_term_id *folder;
	uint32_t offset;		/**< DataOffset: bytes written before */
	const uint8_t *data;		/**< this chunk */
	size_t length;
	bool finished;			/**< HasFinished: commit the data */
	/** ReplGuid (private mailbox, first chunk); NULL: keep it */
	const struct mstore_guid *repl_guid;
};

/**
 * @brief Write per-user read/unread data of a public folder: cached in a
 * private mailbox (@a user NULL) or, in the public store, the data of
 * @a user.  Chunks follow each other (offset = bytes written so far, 0
 * starts over); the data is replaced when a chunk has finished set.
 * @return MAPI_E_INVALID_PARAMETER for an offset out of sequence or a
 *	   user missing (public) or given (private)
 */
enum MAPISTATUS mstore_peruser_write(struct mstore *store, const char *user,
				     const struct mstore_peruser_chunk *chunk);

/**
 * @brief The committed per-user data of a folder, and (private mailbox)
 * the replica GUID it came with.
 * @return MAPI_E_NOT_FOUND if none was ever written
 */
enum MAPISTATUS mstore_peruser_read(TALLOC_CTX *mem_ctx, struct mstore *store,
				    const char *user,
				    const struct mstore_long_term_id *folder,
				    struct mstore_bin *data,
				    struct mstore_guid *repl_guid);

/**
 * @brief The public folders whose data a private mailbox caches from the
 * public store @a repl_guid (RopGetPerUserLongTermIds).
 * @return MAPI_E_NO_SUPPORT on the public store
 */
enum MAPISTATUS mstore_peruser_list(TALLOC_CTX *mem_ctx, struct mstore *store,
				    const struct mstore_guid *repl_guid,
				    struct mstore_long_term_id **ltids,
				    uint32_t *count);

/* ----------------------------------------------------------- folders */

/**
 * @brief Create a folder under parent_fid named name (unique among its
 * siblings, compared case-insensitively), with extra properties.
 * @param flags MSTORE_OPEN_IF_EXISTS, MSTORE_SEARCH_FOLDER
 * @param existed set when MSTORE_OPEN_IF_EXISTS found one (may be NULL)
 * @return MAPI_E_COLLISION on a name clash without MSTORE_OPEN_IF_EXISTS
 */
enum MAPISTATUS mstore_folder_create(struct mstore *store,
				     uint64_t parent_fid, const char *name,
				     const struct mstore_value *props,
				     uint32_t count, uint32_t flags,
				     uint64_t *fid, bool *existed);

/**
 * Change counters of a folder.  The store moves them in the transaction
 * of every change, so that whoever shows the folder (an open table,
 * MS-OXCTABL 3.2.5) knows when to look again.
 */
struct mstore_folder_version {
	/** moves when a message of the folder is saved, deleted (soft or
	 *  hard), moved or copied in or out, or (un)read */
	uint64_t contents;
	/** moves when a folder below it (at any depth) is created,
	 *  deleted, moved in or out, renamed or has its properties set */
	uint64_t hierarchy;
};

/** @brief The change counters of a folder. */
enum MAPISTATUS mstore_folder_version(struct mstore *store, uint64_t fid,
				      struct mstore_folder_version *version);

/** @brief MAPI_E_SUCCESS if the folder exists (and is not soft deleted),
 *  else MAPI_E_NOT_FOUND. */
enum MAPISTATUS mstore_folder_open(struct mstore *store, uint64_t fid);

/**
 * @brief mstore_folder_open(); with MSTORE_SOFT_DELETED a soft-deleted
 * folder (or one below it) is found too.
 */
enum MAPISTATUS mstore_folder_open_ex(struct mstore *store, uint64_t fid,
				      uint32_t flags);

/** @brief The parent FID (0 for the root; of a soft-deleted folder, the
 *  folder it was deleted from). */
enum MAPISTATUS mstore_folder_parent(struct mstore *store, uint64_t fid,
				     uint64_t *parent_fid);

/** @brief A child folder by name (case-insensitive). */
enum MAPISTATUS mstore_folder_find(struct mstore *store, uint64_t parent_fid,
				   const char *name, uint64_t *fid);

/**
 * @brief Values of the given tags; a missing one comes back as PT_ERROR
 * MAPI_E_NOT_FOUND with the tag's id.  values has count elements.
 */
enum MAPISTATUS mstore_folder_get_props(TALLOC_CTX *mem_ctx,
					struct mstore *store, uint64_t fid,
					const uint32_t *tags, uint32_t count,
					struct mstore_value **values);

/** @brief Every stored property of a folder. */
enum MAPISTATUS mstore_folder_get_all_props(TALLOC_CTX *mem_ctx,
					    struct mstore *store,
					    uint64_t fid,
					    struct mstore_value **values,
					    uint32_t *count);

/**
 * @brief Set properties (a new PidTagDisplayName renames, refused with
 * MAPI_E_COLLISION on a clash); computed ones (ids, counts, change
 * tracking) are refused with MAPI_E_COMPUTED.
 */
enum MAPISTATUS mstore_folder_set_props(struct mstore *store, uint64_t fid,
					const struct mstore_value *values,
					uint32_t count);

/** @brief Remove properties (PidTagDisplayName cannot be removed). */
enum MAPISTATUS mstore_folder_delete_props(struct mstore *store,
					   uint64_t fid,
					   const uint32_t *tags,
					   uint32_t count);

/** @brief The FIDs of the child folders, in creation order. */
enum MAPISTATUS mstore_folder_children(TALLOC_CTX *mem_ctx,
				       struct mstore *store, uint64_t fid,
				       uint64_t **fids, uint32_t *count);

/**
 * @brief Move a folder under a new parent, optionally renaming it.
 * @return MAPI_E_FOLDER_CYCLE if new_parent is the folder or below it;
 *	   MAPI_E_COLLISION on a name clash; MAPI_E_NO_ACCESS for a special
 *	   folder
 */
enum MAPISTATUS mstore_folder_move(struct mstore *store, uint64_t fid,
				   uint64_t new_parent, const char *new_name);

/**
 * @brief Copy a folder (its properties and messages, and with recursive
 * its subfolders) under new_parent; the copies get new ids.
 */
enum MAPISTATUS mstore_folder_copy(struct mstore *store, uint64_t fid,
				   uint64_t new_parent, const char *new_name,
				   bool recursive, uint64_t *new_fid);

/**
 * @brief Delete a folder: with MSTORE_DEL_HARD for good, else soft
 * (MS-OXCFOLD 2.2.1.3.1: hidden with everything in it, see
 * MSTORE_SOFT_DELETED).  Without MSTORE_DEL_MESSAGES a folder with
 * messages is refused (MAPI_E_HAS_MESSAGES), without MSTORE_DEL_FOLDERS
 * one with subfolders (MAPI_E_HAS_FOLDERS); special folders are refused
 * (MAPI_E_NO_ACCESS).  A soft-deleted folder can only be hard deleted.
 */
enum MAPISTATUS mstore_folder_delete(struct mstore *store, uint64_t fid,
				     uint32_t flags);

/**
 * @brief Hard delete the folder's normal messages and subfolders, and
 * with associated its FAI messages too (special folders stay).
 */
enum MAPISTATUS mstore_folder_empty(struct mstore *store, uint64_t fid,
				    bool associated);

/**
 * @brief Delete the folder's normal messages and its subfolders (special
 * folders stay): soft deleted (RopEmptyFolder, MS-OXCFOLD 3.2.5.9), or
 * for good with MSTORE_DEL_HARD (RopHardDeleteMessagesAndSubfolders);
 * MSTORE_EMPTY_ASSOCIATED: the FAI messages too.
 */
enum MAPISTATUS mstore_folder_empty_ex(struct mstore *store, uint64_t fid,
				       uint32_t flags);

/** @brief The FIDs of the soft-deleted child folders. */
enum MAPISTATUS mstore_folder_deleted_children(TALLOC_CTX *mem_ctx,
					       struct mstore *store,
					       uint64_t fid, uint64_t **fids,
					       uint32_t *count);

/**
 * @brief The messages of a folder (normal or associated), each with the
 * requested properties, in MID order.  Missing values come back as
 * PT_ERROR MAPI_E_NOT_FOUND.  Only the requested attributes are read.
 */
enum MAPISTATUS mstore_folder_messages(TALLOC_CTX *mem_ctx,
				       struct mstore *store, uint64_t fid,
				       bool associated, const uint32_t *tags,
				       uint32_t tag_count, uint64_t **mids,
				       struct mstore_row **rows,
				       uint32_t *count);

/**
 * @brief mstore_folder_messages() with flags: MSTORE_EMPTY_ASSOCIATED
 * for the FAI messages, MSTORE_SOFT_DELETED for the soft-deleted ones
 * (instead of the others).
 */
enum MAPISTATUS mstore_folder_messages_ex(TALLOC_CTX *mem_ctx,
					  struct mstore *store, uint64_t fid,
					  uint32_t flags, const uint32_t *tags,
					  uint32_t tag_count, uint64_t **mids,
					  struct mstore_row **rows,
					  uint32_t *count);

/**
 * @brief Remove for good the soft-deleted folders (with everything in
 * them) and messages deleted before @a before (a FILETIME), in one
 * transaction; @a purged (may be NULL) counts them.
 */
enum MAPISTATUS mstore_purge_soft_deleted(struct mstore *store,
					  uint64_t before, uint32_t *purged);

/* ---------------------------------------------------------- messages */

/**
 * @brief Start a new message in a folder; nothing is stored before
 * mstore_message_save().  It has its PidTagCreationTime and
 * PidTagLastModificationTime from now on (MS-OXCMSG 3.2.5.2).
 */
enum MAPISTATUS mstore_message_create(TALLOC_CTX *mem_ctx,
				      struct mstore *store, uint64_t fid,
				      bool associated,
				      struct mstore_message **msg);

/** @brief Load a saved message with its recipients, its attachments and
 *  their embedded messages (MAPI_E_NOT_FOUND for a soft-deleted one). */
enum MAPISTATUS mstore_message_open(TALLOC_CTX *mem_ctx,
				    struct mstore *store, uint64_t mid,
				    struct mstore_message **msg);

/**
 * @brief mstore_message_open(); with MSTORE_SOFT_DELETED a soft-deleted
 * message is found too (OpenSoftDeleted, MS-OXCMSG 2.2.3.1.1).
 */
enum MAPISTATUS mstore_message_open_ex(TALLOC_CTX *mem_ctx,
				       struct mstore *store, uint64_t mid,
				       uint32_t flags,
				       struct mstore_message **msg);

/** @brief The message's MID. */
uint64_t mstore_message_mid(const struct mstore_message *msg);

/** @brief The FID of the message's folder. */
uint64_t mstore_message_fid(const struct mstore_message *msg);

/** @brief True for a folder associated information (FAI) message. */
bool mstore_message_is_associated(const struct mstore_message *msg);

/** @brief True until the message was first saved. */
bool mstore_message_is_new(const struct mstore_message *msg);

/** @brief Set properties in memory (computed ones: MAPI_E_COMPUTED). */
enum MAPISTATUS mstore_message_set_props(struct mstore_message *msg,
					 const struct mstore_value *values,
					 uint32_t count);

/** @brief Values of the given tags (missing: PT_ERROR NOT_FOUND). */
enum MAPISTATUS mstore_message_get_props(TALLOC_CTX *mem_ctx,
					 struct mstore_message *msg,
					 const uint32_t *tags, uint32_t count,
					 struct mstore_value **values);

/** @brief Every property of the message. */
enum MAPISTATUS mstore_message_get_all_props(TALLOC_CTX *mem_ctx,
					     struct mstore_message *msg,
					     struct mstore_value **values,
					     uint32_t *count);

/** @brief Remove properties in memory. */
enum MAPISTATUS mstore_message_delete_props(struct mstore_message *msg,
					    const uint32_t *tags,
					    uint32_t count);

/**
 * @brief Replace the recipients, in memory.
 *
 * A recipient is one row of properties; the store keeps whatever
 * properties it is given.  The EMSMDB provider stores the RecipientRow
 * of MS-OXCDATA 2.8.3.2 as: PidTagRowid (0x30000003, the RowId; a row
 * without one gets its index), PidTagRecipientType (0x0C150003, MAPI_TO
 * 1, MAPI_CC 2, MAPI_BCC 3, with the 0x10 / 0x80 resend flags),
 * PidTagDisplayName (0x3001001F), PidTagAddressType (0x3002001F, "EX"
 * for an X500 DN, "SMTP", ...), PidTagEmailAddress (0x3003001F: the
 * X500 DN or the address), PidTagTransmittableDisplayName (0x3A20001F),
 * PidTagAddressBookDisplayNamePrintable (0x39FF001F, the simple display
 * name), PidTagDisplayType (0x39000003, of an X500 recipient),
 * PidTagSendRichInfo (0x3A40000B), PidTagResponsibility (0x0E0F000B),
 * PidTagEntryId (0x0FFF0102) and PidTagSearchKey (0x300B0102), plus the
 * client's extra columns.  Rows are kept in RowId order.
 */
enum MAPISTATUS mstore_message_set_recipients(struct mstore_message *msg,
					      const struct mstore_row *rows,
					      uint32_t count);

/** @brief The recipients, in RowId order (each with PidTagRowid). */
enum MAPISTATUS mstore_message_get_recipients(TALLOC_CTX *mem_ctx,
					      struct mstore_message *msg,
					      struct mstore_row **rows,
					      uint32_t *count);

/** @brief Save flag: refuse with MAPI_E_OBJECT_CHANGED when another copy
 *  of the message was saved since this one was loaded (MS-OXCMSG
 *  3.2.5.3, a save without ForceSave). */
#define MSTORE_SAVE_NO_OVERWRITE 0x01

/** @brief Save flag: a message being delivered; the store reports it as
 *  new mail (see mstore_message_save_delivered()). */
#define MSTORE_SAVE_DELIVERED 0x02

/**
 * @brief Store the message atomically: properties, recipients,
 * attachments with their embedded messages, a new change number with
 * PidTagChangeKey and PidTagPredecessorChangeList, times, size,
 * PidTagDisplayTo/Cc/Bcc and the folder's counts, in one ldb
 * transaction.  Either all of it is stored or nothing.
 *
 * The read state (mfRead, mfNotifyRead, mfNotifyUnread, mfEverRead) and
 * PidTagMessageStatus of the stored message are kept unless this copy set
 * PidTagMessageFlags.  An embedded message (mstore_attachment_embedded())
 * is saved into its attachment object instead.
 *
 * @param flags MSTORE_SAVE_NO_OVERWRITE, MSTORE_SAVE_DELIVERED or 0
 * @return MAPI_E_OBJECT_DELETED when the message was deleted since it was
 *	   loaded; MAPI_E_OBJECT_CHANGED (see MSTORE_SAVE_NO_OVERWRITE)
 */
enum MAPISTATUS mstore_message_save_flags(struct mstore_message *msg,
					  uint32_t flags);

/** @brief mstore_message_save_flags() overwriting (flags 0). */
enum MAPISTATUS mstore_message_save(struct mstore_message *msg);

/**
 * @brief mstore_message_save() of a message being delivered (local
 * delivery, a transport agent): the same atomic save, and the store
 * reports it as new mail (MS-OXCNOTIF 2.2.1.1 NewMail) besides the
 * creation of the message, to every session watching the mailbox.
 *
 * Use it for a new message (mstore_message_create()) placed in its
 * receive folder; the message's PidTagMessageFlags and
 * PidTagMessageClass go into the notification.
 */
enum MAPISTATUS mstore_message_save_delivered(struct mstore_message *msg);

/** @brief Hard delete messages of a folder (unknown MIDs are skipped). */
enum MAPISTATUS mstore_messages_delete(struct mstore *store, uint64_t fid,
				       const uint64_t *mids, uint32_t count);

/**
 * @brief Delete messages of a folder, in one transaction: soft deleted
 * (RopDeleteMessages, MS-OXCFOLD 2.2.1.11), or with MSTORE_DEL_HARD for
 * good, the soft-deleted ones of the folder too (RopHardDeleteMessages).
 * MIDs that are not (visible) in the folder are skipped; @a done (may be
 * NULL) counts the others.
 */
enum MAPISTATUS mstore_messages_delete_ex(struct mstore *store, uint64_t fid,
					  const uint64_t *mids,
					  uint32_t count, uint32_t flags,
					  uint32_t *done);

/** @brief Move a message to another folder (it keeps its MID). */
enum MAPISTATUS mstore_message_move(struct mstore *store, uint64_t mid,
				    uint64_t dst_fid);

/** @brief Copy a message into a folder under a new MID. */
enum MAPISTATUS mstore_message_copy(struct mstore *store, uint64_t mid,
				    uint64_t dst_fid, uint64_t *new_mid);

/* ------------------------------------------- read state and status */

/** @brief Set or clear mfRead (with mfEverRead), keeping the unread count
 *  right. */
enum MAPISTATUS mstore_message_set_read(struct mstore *store, uint64_t mid,
					bool read);

/** @brief What a read-flag change did. */
struct mstore_read_result {
	uint32_t flags;		/**< PidTagMessageFlags after it */
	bool read_changed;	/**< mfRead changed */
	/** a read receipt is to be sent now (mfNotifyRead was set); it
	 *  stays pending (mfNotifyRead set) until cleared with
	 *  rfClearNotifyRead */
	bool receipt_due;
};

/**
 * @brief Apply ReadFlags (MS-OXCMSG 2.2.3.10.1) to a stored message at
 * once: rfDefault sets mfRead (a pending read receipt becomes due),
 * rfSuppressReceipt sets mfRead and cancels it (clears mfNotifyRead),
 * rfClearReadFlag clears mfRead, rfGenerateReceiptOnly only reports a
 * pending receipt as due, rfClearNotifyRead / rfClearNotifyUnread clear
 * mfNotifyRead / mfNotifyUnread.  mfEverRead follows mfRead.
 *
 * @param fid	the folder the message must be in, or 0
 * @param res	what changed (may be NULL)
 * @return MAPI_E_NOT_FOUND if there is no such message (in @a fid)
 */
enum MAPISTATUS mstore_message_set_read_flags(struct mstore *store,
					      uint64_t fid, uint64_t mid,
					      uint8_t read_flags,
					      struct mstore_read_result *res);

/**
 * @brief mstore_message_set_read_flags() through an open copy: a stored
 * message changes at once (the copy shows it); one never saved, or
 * embedded, changes in memory.
 * @return MAPI_E_OBJECT_DELETED when the stored message is gone
 */
enum MAPISTATUS mstore_message_read_flags(struct mstore_message *msg,
					  uint8_t read_flags,
					  struct mstore_read_result *res);

/** @brief PidTagMessageStatus of a stored message of folder @a fid (or
 *  any folder: 0); 0 when never set. */
enum MAPISTATUS mstore_message_get_status(struct mstore *store, uint64_t fid,
					  uint64_t mid, uint32_t *status);

/**
 * @brief Change PidTagMessageStatus at once (MS-OXCMSG 3.2.5.8): the bits
 * of @a mask take their value in @a flags.
 * @param old the status before (may be NULL)
 */
enum MAPISTATUS mstore_message_set_status(struct mstore *store, uint64_t fid,
					  uint64_t mid, uint32_t flags,
					  uint32_t mask, uint32_t *old);

/* ------------------------------------------------------- attachments */

/** An attachment being edited (MS-OXCMSG 2.2.2). */
struct mstore_attachment;

/** Attachments one message may have (ecMaxAttachmentExceeded past it). */
#define MSTORE_MAX_ATTACHMENTS 1024

/** @brief Add an attachment in memory; num is its PidTagAttachNumber. */
enum MAPISTATUS mstore_message_add_attachment(struct mstore_message *msg,
					      const struct mstore_value *v,
					      uint32_t count, uint32_t *num);

/** @brief Set properties of an attachment, in memory. */
enum MAPISTATUS mstore_message_set_attachment(struct mstore_message *msg,
					      uint32_t num,
					      const struct mstore_value *v,
					      uint32_t count);

/** @brief The attachments in number order, each with all its properties
 *  and its PidTagAttachSize. */
enum MAPISTATUS mstore_message_get_attachments(TALLOC_CTX *mem_ctx,
					       struct mstore_message *msg,
					       struct mstore_row **rows,
					       uint32_t *count);

/** @brief The PidTagAttachNumber of every attachment, in order. */
enum MAPISTATUS mstore_message_attachment_nums(TALLOC_CTX *mem_ctx,
					       struct mstore_message *msg,
					       uint32_t **nums,
					       uint32_t *count);

/** @brief Remove an attachment (and its embedded message), in memory. */
enum MAPISTATUS mstore_message_delete_attachment(struct mstore_message *m,
						 uint32_t num);

/**
 * @brief A new attachment of @a msg (MS-OXCMSG 3.2.5.13): it gets its
 * PidTagAttachNumber, PidTagRenderingPosition 0xFFFFFFFF and its times;
 * it is part of the message once mstore_attachment_save()d.  @a msg must
 * outlive it.
 * @return ecMaxAttachmentExceeded past MSTORE_MAX_ATTACHMENTS
 */
enum MAPISTATUS mstore_attachment_create(TALLOC_CTX *mem_ctx,
					 struct mstore_message *msg,
					 struct mstore_attachment **att);

/** @brief An attachment of @a msg by number, as a copy to edit; @a msg
 *  must outlive it.  MAPI_E_NOT_FOUND if there is none. */
enum MAPISTATUS mstore_attachment_open(TALLOC_CTX *mem_ctx,
				       struct mstore_message *msg,
				       uint32_t num,
				       struct mstore_attachment **att);

/** @brief The attachment's PidTagAttachNumber. */
uint32_t mstore_attachment_num(const struct mstore_attachment *att);

/** @brief Every property of the attachment, PidTagAttachSize computed. */
enum MAPISTATUS mstore_attachment_get_all_props(TALLOC_CTX *mem_ctx,
						struct mstore_attachment *att,
						struct mstore_value **values,
						uint32_t *count);

/** @brief Values of the given tags (missing: PT_ERROR NOT_FOUND). */
enum MAPISTATUS mstore_attachment_get_props(TALLOC_CTX *mem_ctx,
					    struct mstore_attachment *att,
					    const uint32_t *tags,
					    uint32_t count,
					    struct mstore_value **values);

/** @brief Set properties (computed ones, PidTagAttachSize and
 *  PidTagAttachNumber among them: MAPI_E_COMPUTED). */
enum MAPISTATUS mstore_attachment_set_props(struct mstore_attachment *att,
					    const struct mstore_value *v,
					    uint32_t count);

/** @brief Remove properties. */
enum MAPISTATUS mstore_attachment_delete_props(struct mstore_attachment *att,
					       const uint32_t *tags,
					       uint32_t count);

/**
 * @brief Put the attachment into its message (MS-OXCMSG 3.2.5.14): it is
 * stored with the message's next save.
 */
enum MAPISTATUS mstore_attachment_save(struct mstore_attachment *att);

/**
 * @brief The message embedded in an attachment (afEmbeddedMessage), as a
 * copy to edit; with @a create, a new one when there is none (the
 * attachment's method absent or afEmbeddedMessage).  Its
 * mstore_message_save() puts it into @a att (PidTagAttachMethod becomes
 * afEmbeddedMessage); @a att must outlive it.
 * @return MAPI_E_NOT_FOUND when there is none and none can be created
 */
enum MAPISTATUS mstore_attachment_embedded(TALLOC_CTX *mem_ctx,
					   struct mstore_attachment *att,
					   bool create,
					   struct mstore_message **msg);

#endif
