/**
 * @file folder.h
 * @brief libmapi: folders of a logon and the messages in them (MS-OXCFOLD);
 * one message's calls are in message.h.
 *
 * Each call sends one ROP (two handles for the move/copy ROPs) and
 * returns its ReturnValue, or the transport error.  Handles are the
 * server's object handles; mapi_object_release() frees one.
 */
#ifndef MAPI_FOLDER_H
#define MAPI_FOLDER_H

#include "logon.h"
#include "message.h"

/** @brief RopRelease of @a handle (MS-OXCROPS 2.2.15.3). */
enum MAPISTATUS mapi_object_release(struct mapi_logon *logon,
				    uint32_t handle);

/** @brief RopOpenFolder of @a fid through @a parent (the logon's handle
 *  or a folder's). */
enum MAPISTATUS mapi_folder_open(struct mapi_logon *logon,
				 TALLOC_CTX *mem_ctx, uint32_t parent,
				 uint64_t fid, uint32_t *handle);

/** @brief RopOpenFolder with OpenModeFlags @a mode (MS-OXCFOLD
 *  2.2.1.1.1: 0x04 OpenSoftDeleted). */
enum MAPISTATUS mapi_folder_open_ex(struct mapi_logon *logon,
				    TALLOC_CTX *mem_ctx, uint32_t parent,
				    uint64_t fid, uint8_t mode,
				    uint32_t *handle);

/** @brief Options of mapi_folder_create(). */
struct mapi_folder_create_options {
	uint8_t type;		/**< FOLDER_GENERIC (0: generic) or
				     FOLDER_SEARCH */
	bool open_existing;	/**< OpenExisting */
	bool string8;		/**< send the names as string8 */
	const char *comment;	/**< PidTagComment, or NULL */
};

/**
 * @brief RopCreateFolder named @a name under the folder @a parent.
 * @param logon		the logon
 * @param mem_ctx	context for the call
 * @param parent	handle of the parent folder
 * @param name		DisplayName of the new folder (UTF-8)
 * @param o		NULL: a generic folder, Unicode names
 * @param[out] fid	its folder ID (may be NULL)
 * @param[out] handle	its handle
 * @param[out] existed	IsExistingFolder (may be NULL)
 */
enum MAPISTATUS mapi_folder_create(struct mapi_logon *logon,
				   TALLOC_CTX *mem_ctx, uint32_t parent,
				   const char *name,
				   const struct mapi_folder_create_options *o,
				   uint64_t *fid, uint32_t *handle,
				   bool *existed);

/**
 * @brief RopDeleteFolder of @a fid, a subfolder of @a parent.
 * @param logon		the logon
 * @param mem_ctx	context for the call
 * @param parent	handle of the parent folder
 * @param fid		folder ID of the folder to delete
 * @param flags		DeleteFolderFlags: DEL_MESSAGES, DEL_FOLDERS,
 *			DELETE_HARD_DELETE (MS-OXCFOLD 2.2.1.3.1)
 * @param[out] partial	PartialCompletion (may be NULL): something was
 *			not deleted, e.g. a folder not empty without flags
 */
enum MAPISTATUS mapi_folder_delete(struct mapi_logon *logon,
				   TALLOC_CTX *mem_ctx, uint32_t parent,
				   uint64_t fid, uint8_t flags,
				   bool *partial);

/** @brief RopMoveFolder (@a copy false) or RopCopyFolder of @a fid from
 *  the folder @a src to the folder @a dst, named @a name. */
enum MAPISTATUS mapi_folder_move_copy(struct mapi_logon *logon,
				      TALLOC_CTX *mem_ctx, uint32_t src,
				      uint32_t dst, uint64_t fid,
				      const char *name, bool copy,
				      bool recursive);

/** @brief RopEmptyFolder of the folder @a handle. */
enum MAPISTATUS mapi_folder_empty(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint32_t handle,
				  bool associated);

/** @brief RopDeleteMessages (or RopHardDeleteMessages) in a folder. */
enum MAPISTATUS mapi_messages_delete(struct mapi_logon *logon,
				     TALLOC_CTX *mem_ctx, uint32_t folder,
				     const uint64_t *mids, uint16_t count,
				     bool hard);

/**
 * @brief RopMoveCopyMessages from folder @a src to folder @a dst.
 * @param logon		the logon
 * @param mem_ctx	context for the call
 * @param src		handle of the source folder
 * @param dst		handle of the destination folder
 * @param mids		message IDs
 * @param count		their number
 * @param copy		copy (true) or move
 * @param[out] partial	PartialCompletion (may be NULL)
 */
enum MAPISTATUS mapi_messages_move_copy(struct mapi_logon *logon,
					TALLOC_CTX *mem_ctx, uint32_t src,
					uint32_t dst, const uint64_t *mids,
					uint16_t count, bool copy,
					bool *partial);

#endif /* MAPI_FOLDER_H */
