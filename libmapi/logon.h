/**
 * @file logon.h
 * @brief libmapi: logging on to a message store (RopLogon, MS-OXCSTOR).
 */
#ifndef MAPI_LOGON_H
#define MAPI_LOGON_H

#include "emsmdb.h"

/** @brief A logon to a private mailbox (talloc object). */
struct mapi_logon {
	struct mapi_emsmdb *emsmdb;	/**< the session it belongs to */
	uint8_t logon_id;		/**< LogonId of its ROPs */
	uint32_t handle;		/**< server handle of the logon */
	uint64_t folder_ids[13];	/**< RopLogon FolderIds, in order */
	uint8_t response_flags;		/**< RopLogon ResponseFlags */
	struct GUID mailbox_guid;	/**< MailboxGuid */
	uint16_t replid;		/**< ReplId */
	struct GUID replica_guid;	/**< ReplGuid */
};

/** @brief Indexes into mapi_logon.folder_ids (MS-OXCSTOR 2.2.1.1.3). */
enum mapi_logon_folder {
	MAPI_LOGON_ROOT = 0,
	MAPI_LOGON_DEFERRED_ACTION,
	MAPI_LOGON_SPOOLER_QUEUE,
	MAPI_LOGON_IPM_SUBTREE,
	MAPI_LOGON_INBOX,
	MAPI_LOGON_OUTBOX,
	MAPI_LOGON_SENT_ITEMS,
	MAPI_LOGON_DELETED_ITEMS,
	MAPI_LOGON_COMMON_VIEWS,
	MAPI_LOGON_SCHEDULE,
	MAPI_LOGON_SEARCH,
	MAPI_LOGON_VIEWS,
	MAPI_LOGON_SHORTCUTS,
};

/**
 * @brief Log on to the private mailbox @a essdn (the mailbox owner's
 * legacyExchangeDN) over an EMSMDB session.
 *
 * @param logon_id	LogonId to use for this logon's ROPs
 * @param[out] out	the logon, owned by @a mem_ctx
 * @return the RopLogon ReturnValue, or the transport error
 */
enum MAPISTATUS mapi_logon_private(TALLOC_CTX *mem_ctx,
				   struct mapi_emsmdb *emsmdb,
				   uint8_t logon_id, const char *essdn,
				   struct mapi_logon **out);

/**
 * @brief Send one ROP on an object of this logon (see
 * mapi_emsmdb_object_rop()); the request's LogonId is set.
 */
enum MAPISTATUS mapi_logon_rop(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       uint32_t in_handle, struct RopRequest *request,
			       struct RopResponse **response,
			       uint32_t *out_handle);

#endif /* MAPI_LOGON_H */
