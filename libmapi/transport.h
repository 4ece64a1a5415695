/**
 * @file transport.h
 * @brief libmapi: sending messages and the spooler (MS-OXOMSG 2.2.4,
 * 2.2.5; MS-OXCROPS 2.2.7).
 *
 * Each call sends one ROP and returns its ReturnValue, or the transport
 * error.  Message handles come from mapi_message_create() or
 * mapi_message_open() (folder.h); the other calls act on the logon.
 */
#ifndef MAPI_TRANSPORT_H
#define MAPI_TRANSPORT_H

#include "logon.h"

/** RopSubmitMessage SubmitFlags (MS-OXOMSG 2.2.4.1.1): PreProcess. */
#define MAPI_SUBMIT_PREPROCESS		0x01
/** RopSubmitMessage SubmitFlags: NeedsSpooler. */
#define MAPI_SUBMIT_NEEDS_SPOOLER	0x02

/** RopSpoolerLockMessage LockState (MS-OXOMSG 2.2.5.3.1). */
enum mapi_spooler_lock {
	MAPI_SPOOLER_LOCK = 0,		/**< lstLock */
	MAPI_SPOOLER_UNLOCK = 1,	/**< lstUnlock */
	MAPI_SPOOLER_FINISHED = 2	/**< lstFinished */
};

/**
 * @brief RopSubmitMessage: send the message of @a handle to its
 * recipients (or, with MAPI_SUBMIT_NEEDS_SPOOLER, queue it for a
 * spooler).
 * @return e.g. MAPI_E_NO_RECIPIENTS for a message without recipients
 */
enum MAPISTATUS mapi_message_submit(struct mapi_logon *logon,
				    TALLOC_CTX *mem_ctx, uint32_t handle,
				    uint8_t submit_flags);

/**
 * @brief RopAbortSubmit: take message @a mid of folder @a fid out of the
 * queue again.
 * @return MAPI_E_NOT_IN_QUEUE when it is no longer queued
 */
enum MAPISTATUS mapi_abort_submit(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint64_t fid,
				  uint64_t mid);

/** @brief RopSetSpooler: this client acts as a mail spooler. */
enum MAPISTATUS mapi_set_spooler(struct mapi_logon *logon,
				 TALLOC_CTX *mem_ctx);

/** @brief RopSpoolerLockMessage on message @a mid of the spooler queue. */
enum MAPISTATUS mapi_spooler_lock(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint64_t mid,
				  enum mapi_spooler_lock state);

/**
 * @brief RopTransportSend: have the server send the message of
 * @a handle at once.
 * @param logon		the logon the message was opened through
 * @param mem_ctx	where @a values go
 * @param handle		the message's server object handle
 * @param[out] values	the properties the server returned (on
 *			@a mem_ctx; NULL and 0 when it returned none)
 * @param[out] count	how many @a values
 */
enum MAPISTATUS mapi_transport_send(struct mapi_logon *logon,
				    TALLOC_CTX *mem_ctx, uint32_t handle,
				    struct TaggedPropertyValue **values,
				    uint16_t *count);

/** @brief RopTransportNewMail: tell the server of a message the client
 *  delivered itself. */
enum MAPISTATUS mapi_transport_new_mail(struct mapi_logon *logon,
					TALLOC_CTX *mem_ctx, uint64_t fid,
					uint64_t mid,
					const char *message_class,
					uint32_t message_flags);

/** @brief RopGetTransportFolder: the folder for outgoing transport
 *  objects. */
enum MAPISTATUS mapi_transport_folder(struct mapi_logon *logon,
				      TALLOC_CTX *mem_ctx, uint64_t *fid);

/**
 * @brief RopGetAddressTypes: the address types the server handles.
 * @param logon		the logon to ask
 * @param mem_ctx	where @a types go
 * @param[out] types	@a count strings on @a mem_ctx
 * @param[out] count	how many @a types
 */
enum MAPISTATUS mapi_address_types(struct mapi_logon *logon,
				   TALLOC_CTX *mem_ctx, const char ***types,
				   uint16_t *count);

/** What RopOptionsData returns (MS-OXCROPS 2.2.7.9.2). */
struct mapi_options_data {
	uint8_t reserved;		/**< Reserved (1) */
	DATA_BLOB options_info;		/**< OptionsInfo */
	DATA_BLOB help_file;		/**< HelpFile */
	const char *help_file_name;	/**< HelpFileName, or NULL */
};

/** @brief RopOptionsData for @a address_type. */
enum MAPISTATUS mapi_options_data(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx,
				  const char *address_type, bool want_win32,
				  struct mapi_options_data *out);

#endif /* MAPI_TRANSPORT_H */
