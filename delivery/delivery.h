/**
 * @file delivery.h
 * @brief sambamapi local delivery: submitted messages to the mailboxes of
 * this server (MS-OXOMSG 3.3.5.1).
 *
 * The library takes a message submitted in a sender's mailbox, resolves
 * its recipients (To, Cc, Bcc) against the directory the address book
 * serves (mail-enabled users, universal distribution groups expanded
 * recursively, contacts), and
 *
 * - delivers one copy to each local mailbox, into the receive folder of
 *   the message class (MS-OXCSTOR 3.2.5.2; the Inbox by default), with
 *   the sender, sent-representing, received-by and delivery properties
 *   and unread;
 * - writes one non-delivery report (REPORT.<class>.NDR, MS-OXOMSG
 *   2.2.2, with the original message attached) into the sender's Inbox
 *   for the recipients it cannot deliver to, and a delivery report
 *   (REPORT.<class>.DR) for those it delivered to when the sender asked
 *   for one;
 * - sends read and non-read receipts (mdeliver_receipt());
 * - leaves recipients outside this server queued (see
 *   MDELIVER_STATE_REMOTE) for a later transport;
 * - moves the sender's copy to Sent Items (or the folder of
 *   PidTagSentMailSvrEID / PidTagSentMailEntryId), or deletes it when
 *   PidTagDeleteAfterSubmit is set (MS-OXOMSG 3.3.5.1.3).
 *
 * Durability: every submission is first written to a queue database
 * (delivery-queue.ldb in the store directory) with its resolved
 * recipients.  Each copy is one store transaction; before it, the queue
 * records the MID the copy will have, after it, that the recipient is
 * done.  A submission interrupted anywhere is taken up again by
 * mdeliver_resume(): a recipient whose recorded MID already exists in
 * its mailbox is not delivered again, so every recipient gets exactly
 * one copy.
 *
 * The API has no RPC types: the directory is an ldb connection to the
 * Samba AD database, stores are opened from the store directory.
 */
#ifndef SMAPI_DELIVERY_H
#define SMAPI_DELIVERY_H

#include "store/store.h"

struct ldb_context;

/** RopSubmitMessage SubmitFlags (MS-OXOMSG 2.2.4.1.1). */
#define MDELIVER_SUBMIT_PREPROCESS	0x01
#define MDELIVER_SUBMIT_NEEDS_SPOOLER	0x02

/** PidTagSubmitFlags bits (MS-OXPROPS 2.1039). */
#define MDELIVER_SUBMITFLAG_LOCKED	0x00000001
#define MDELIVER_SUBMITFLAG_PREPROCESS	0x00000002

/**
 * Called at named points of the delivery with the point's name; a test
 * build makes the process stop there (smb.conf "emsmdb:fault").  The
 * points are "deliver-after-first": right after the first recipient's
 * copy is committed and before the queue records it.
 */
typedef void (*mdeliver_fault_hook)(void *priv, const char *point);

/**
 * Called once for every copy delivered (or report written) and
 * committed: @a mailbox got message @a mid in folder @a fid.  The point
 * where a new-mail event (MS-OXCNOTIF) is raised.
 */
typedef void (*mdeliver_new_mail_hook)(void *priv, const char *mailbox,
				       uint64_t fid, uint64_t mid,
				       const char *message_class,
				       uint32_t message_flags);

/** How to reach the stores and the directory. */
struct mdeliver_params {
	/** Directory of the mailbox databases (mapistore:directory). */
	const char *store_directory;
	/** Backend of new mailbox databases. */
	enum mstore_backend backend;
	/** The Samba AD database (may be NULL for mdeliver_resume()). */
	struct ldb_context *directory;
	/** Extra SMTP domains that are this server's (NULL-terminated;
	 *  the AD's own DNS domain always is). */
	const char * const *local_domains;
	mdeliver_fault_hook fault;		/**< may be NULL */
	mdeliver_new_mail_hook new_mail;	/**< may be NULL */
	void *hook_priv;
};

/** A delivery context (talloc object). */
struct mdeliver;

/** @brief Create a context; @a params is copied. */
enum MAPISTATUS mdeliver_new(TALLOC_CTX *mem_ctx,
			     const struct mdeliver_params *params,
			     struct mdeliver **out);

/** What became of one submission. */
struct mdeliver_result {
	uint32_t delivered;	/**< local mailboxes that got a copy */
	uint32_t failed;	/**< recipients in the non-delivery report */
	uint32_t remote;	/**< recipients left queued for SMTP */
	bool spooler;		/**< left for a spooler client */
	bool finished;		/**< the sender's copy moved/deleted */
};

/**
 * @brief Submit message @a mid of @a sender's mailbox (opened as @a store).
 *
 * Sets PidTagClientSubmitTime, the sender and sent-representing
 * properties and mfSubmitted, queues the submission and, unless
 * @a submit_flags asks for a spooler (NeedsSpooler or PreProcess: the
 * message then waits for RopSpoolerLockMessage), delivers it at once.
 *
 * @param sender	the sender's account (its mailbox name)
 * @return MAPI_E_NO_RECIPIENTS for a message without recipients,
 *	   MAPI_E_SUBMITTED if it is already queued, MAPI_E_NOT_FOUND if
 *	   the sender is not in the directory, a store error otherwise
 */
enum MAPISTATUS mdeliver_submit(struct mdeliver *ctx, struct mstore *store,
				const char *sender, uint64_t mid,
				uint8_t submit_flags,
				struct mdeliver_result *result);

/**
 * @brief Take up every queued submission that is not finished and not
 * held by another process: deliver what is left, write the report, move
 * the sender's copy.  Submissions waiting only for remote recipients or
 * for a spooler are left as they are.
 *
 * @param[out] resumed	submissions completed (may be NULL)
 */
enum MAPISTATUS mdeliver_resume(struct mdeliver *ctx, uint32_t *resumed);

/** States of a queued submission, as mdeliver_state() reports them. */
enum mdeliver_state {
	MDELIVER_STATE_NONE = 0,	/**< not queued */
	MDELIVER_STATE_ACTIVE,		/**< delivering (or stopped) */
	MDELIVER_STATE_REMOTE,		/**< local part done; recipients
					     outside this server wait for an
					     SMTP transport */
	MDELIVER_STATE_SPOOLER,		/**< waiting for a spooler */
	MDELIVER_STATE_LOCKED		/**< locked by a spooler client */
};

/** @brief The queue state of @a sender's message @a mid. */
enum MAPISTATUS mdeliver_state(struct mdeliver *ctx, const char *sender,
			       uint64_t mid, enum mdeliver_state *state);

/**
 * @brief RopAbortSubmit (MS-OXOMSG 3.3.5.2): drop the queued submission
 * and give the message back its unsent state (mfUnsent set, mfSubmitted
 * cleared).
 * @return MAPI_E_NOT_IN_QUEUE if it is not queued (or already sent),
 *	   MAPI_E_UNABLE_TO_ABORT while a spooler has it locked
 */
enum MAPISTATUS mdeliver_abort(struct mdeliver *ctx, struct mstore *store,
			       const char *sender, uint64_t mid);

/** RopSpoolerLockMessage LockState (MS-OXOMSG 2.2.5.3.1). */
enum mdeliver_lock {
	MDELIVER_LOCK = 0,	/**< lstLock */
	MDELIVER_UNLOCK = 1,	/**< lstUnlock */
	MDELIVER_FINISHED = 2	/**< lstFinished */
};

/**
 * @brief RopSpoolerLockMessage (MS-OXOMSG 3.3.5.6) on a message waiting
 * for a spooler: lock, unlock, or finish (unlock and move/delete the
 * sender's copy as after a delivery).
 * @return MAPI_E_NOT_IN_QUEUE if the message is not waiting for a
 *	   spooler, or is already locked (lstLock)
 */
enum MAPISTATUS mdeliver_spooler_lock(struct mdeliver *ctx,
				      struct mstore *store,
				      const char *sender, uint64_t mid,
				      enum mdeliver_lock state);

/**
 * @brief The messages of @a sender's mailbox waiting for a spooler
 * (submitted with NeedsSpooler or PreProcess, locked by a spooler or
 * not), in submission order: what the Spooler Queue folder lists
 * (MS-OXOMSG 3.2.4.8).
 * @param[out] mids	their MIDs, on @a mem_ctx
 * @param[out] count	entries of @a mids
 */
enum MAPISTATUS mdeliver_spooler_queue(struct mdeliver *ctx,
				       TALLOC_CTX *mem_ctx,
				       const char *sender, uint64_t **mids,
				       uint32_t *count);

/**
 * @brief Deliver a message the caller (a spooler, RopTransportSend)
 * hands over: like mdeliver_submit() without queueing for a spooler,
 * and the sender's copy stays where it is (the spooler finishes it).
 * @param[out] props	the properties the submission set on the message
 *			(hung off @a mem_ctx), for the ROP's response
 */
enum MAPISTATUS mdeliver_transport_send(struct mdeliver *ctx,
					TALLOC_CTX *mem_ctx,
					struct mstore *store,
					const char *sender, uint64_t mid,
					struct mstore_value **props,
					uint32_t *count);

/** Read status reports (MS-OXOMSG 2.2.1.29, 2.2.2). */
enum mdeliver_receipt {
	MDELIVER_RECEIPT_READ = 0,	/**< read receipt (IPNRN) */
	MDELIVER_RECEIPT_NONREAD = 1	/**< non-read receipt (IPNNRN) */
};

/**
 * @brief Send the receipt of @a kind pending on message @a mid of
 * @a store, the mailbox of @a reader (or the public folders), if one is:
 * a read receipt once the message is read (its mfNotifyRead set), a
 * non-read receipt when it is deleted unread (mfNotifyUnread set, mfRead
 * clear).  The receipt ("REPORT." + class + ".IPNRN" or ".IPNNRN") is
 * submitted from @a reader's mailbox to the sender, or to the receipt
 * recipient of PidTagReadReceiptEntryId, and the message's mfNotifyRead
 * and mfNotifyUnread are cleared: a receipt goes once.
 *
 * @param fid	the folder the message must be in (0: any)
 * @return MAPI_E_SUCCESS (also when no receipt is pending),
 *	   MAPI_E_NOT_FOUND when the message is not there, or an error of
 *	   the submission
 */
enum MAPISTATUS mdeliver_receipt(struct mdeliver *ctx, struct mstore *store,
				 uint64_t fid, uint64_t mid,
				 const char *reader,
				 enum mdeliver_receipt kind);

/**
 * @brief The FID of the hidden folder for transport objects under the
 * root of @a store (MS-OXOMSG 2.2.5.2 RopGetTransportFolder), created at
 * first use; receipts wait there while they are sent.
 */
enum MAPISTATUS mdeliver_transport_folder(struct mstore *store,
					  uint64_t *fid);

/**
 * @brief Raise the new-mail event of a message a client delivered
 * itself (RopTransportNewMail, MS-OXOMSG 3.3.5.8), through the same
 * call point as the library's own deliveries.
 */
void mdeliver_announce(struct mdeliver *ctx, const char *mailbox,
		       uint64_t fid, uint64_t mid, const char *message_class,
		       uint32_t message_flags);

#endif /* SMAPI_DELIVERY_H */
