/**
 * @file logon.h
 * @brief libmapi: logging on to a message store (RopLogon, MS-OXCSTOR).
 */
#ifndef MAPI_LOGON_H
#define MAPI_LOGON_H

#include "emsmdb.h"

/** @brief A logon to a private mailbox or the public folders (talloc
 *  object). */
struct mapi_logon {
	struct mapi_emsmdb *emsmdb;	/**< the session it belongs to */
	uint8_t logon_id;		/**< LogonId of its ROPs */
	uint32_t handle;		/**< server handle of the logon */
	uint64_t folder_ids[13];	/**< RopLogon FolderIds, in order */
	uint8_t response_flags;		/**< RopLogon ResponseFlags */
	struct GUID mailbox_guid;	/**< MailboxGuid */
	uint16_t replid;		/**< ReplId */
	struct GUID replica_guid;	/**< ReplGuid */
	bool is_public;			/**< a public folders logon */
	struct GUID per_user_guid;	/**< PerUserGuid (public) */
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
 * When the server answers that the mailbox lives on another server
 * (ecWrongServer and that server's ESSDN, MS-OXCSTOR 2.2.1.1.2), the
 * logon follows it once: the FQDN from the session's server's referral
 * interface (RfrGetFQDNFromServerDN), a new session there with the same
 * credentials and parameters (mapi_emsmdb_reopen()), RopLogon again.
 * The logon then uses, and owns, that session (mapi_logon.emsmdb);
 * @a emsmdb->redirect says where it went.  When the redirect cannot be
 * followed the result is ecWrongServer, and @a emsmdb->redirect names
 * the server and why (mapi_logon_redirect_string()).
 *
 * @param mem_ctx	owner of the logon
 * @param emsmdb	the session
 * @param logon_id	LogonId to use for this logon's ROPs
 * @param essdn		the mailbox owner's legacyExchangeDN
 * @param[out] out	the logon, owned by @a mem_ctx
 * @return the RopLogon ReturnValue (of the home server's after a
 *	   redirect), ecWrongServer for a redirect not followed, or the
 *	   transport error
 */
enum MAPISTATUS mapi_logon_private(TALLOC_CTX *mem_ctx,
				   struct mapi_emsmdb *emsmdb,
				   uint8_t logon_id, const char *essdn,
				   struct mapi_logon **out);

/**
 * @brief A sentence for users about the last redirect of a private logon
 * on @a emsmdb, e.g. "the mailbox is on server OTHERSRV (/o=.../cn=OTHERSRV,
 * othersrv.example.com), which could not be used: network error
 * (MAPI_E_NETWORK_ERROR, NT_STATUS_...)".
 *
 * @param mem_ctx	owner of the sentence
 * @param emsmdb	the session the logon was sent on
 * @return the sentence, or NULL when no logon of @a emsmdb was redirected
 */
char *mapi_logon_redirect_string(TALLOC_CTX *mem_ctx,
				 const struct mapi_emsmdb *emsmdb);

/** @brief Indexes into mapi_logon.folder_ids of a public folders logon
 *  (MS-OXCSTOR 2.2.1.1.4); the last three are zero. */
enum mapi_logon_public_folder {
	MAPI_PUBLIC_ROOT = 0,
	MAPI_PUBLIC_IPM_SUBTREE,
	MAPI_PUBLIC_NON_IPM_SUBTREE,
	MAPI_PUBLIC_EFORMS_REGISTRY,
	MAPI_PUBLIC_FREEBUSY,
	MAPI_PUBLIC_OAB,
	MAPI_PUBLIC_LOCALE_EFORMS,
	MAPI_PUBLIC_LOCAL_FREEBUSY,
	MAPI_PUBLIC_LOCAL_OAB,
	MAPI_PUBLIC_NNTP_INDEX,
};

/**
 * @brief Log on to the public folders (LogonFlags without Private,
 * OpenFlags PUBLIC) over an EMSMDB session.
 *
 * @param mem_ctx	owner of the logon
 * @param emsmdb	the session
 * @param logon_id	LogonId to use for this logon's ROPs
 * @param[out] out	the logon, owned by @a mem_ctx
 * @return the RopLogon ReturnValue, or the transport error
 */
enum MAPISTATUS mapi_logon_public(TALLOC_CTX *mem_ctx,
				  struct mapi_emsmdb *emsmdb,
				  uint8_t logon_id, struct mapi_logon **out);

/** @brief One RopWritePerUserInformation chunk (MS-OXCSTOR 2.2.1.13). */
struct mapi_per_user_write {
	struct LongTermId folder;	/**< FolderId */
	bool finished;			/**< HasFinished */
	uint32_t offset;		/**< DataOffset */
	const uint8_t *data;		/**< Data */
	uint16_t size;			/**< DataSize */
	/** ReplGuid: sent on a private logon when offset is 0 */
	struct GUID repl_guid;
};

/**
 * @brief RopWritePerUserInformation on the logon, in the request layout of
 * its kind (a private logon's first chunk carries ReplGuid, MS-OXCROPS
 * 2.2.3.13.1).
 * @return the ROP's ReturnValue, or the transport error
 */
enum MAPISTATUS mapi_logon_write_per_user(struct mapi_logon *logon,
					  TALLOC_CTX *mem_ctx,
					  const struct mapi_per_user_write *w);

/**
 * @brief Send one ROP on an object of this logon (see
 * mapi_emsmdb_object_rop()); the request's LogonId is set.
 */
enum MAPISTATUS mapi_logon_rop(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       uint32_t in_handle, struct RopRequest *request,
			       struct RopResponse **response,
			       uint32_t *out_handle);

/**
 * @brief Send one ROP on two objects of this logon: the handle table is
 * { @a src, @a dst }, InputHandleIndex 0 and the request's
 * DestHandleIndex (or equivalent) must be 1.
 * @param logon		the logon
 * @param mem_ctx	context of @a response
 * @param src		handle of the input object
 * @param dst		handle of the destination object
 * @param request	the ROP (LogonId and HandleIndex are set)
 * @param[out] response	its response (also on failure when one came)
 * @return the ROP's ReturnValue, or the transport error
 */
enum MAPISTATUS mapi_logon_rop_pair(struct mapi_logon *logon,
				    TALLOC_CTX *mem_ctx, uint32_t src,
				    uint32_t dst, struct RopRequest *request,
				    struct RopResponse **response);

#endif /* MAPI_LOGON_H */
