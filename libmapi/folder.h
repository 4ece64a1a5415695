/**
 * @file folder.h
 * @brief libmapi: folders and messages of a logon (MS-OXCFOLD, MS-OXCMSG).
 *
 * Each call sends one ROP (two handles for the move/copy ROPs) and
 * returns its ReturnValue, or the transport error.  Handles are the
 * server's object handles; mapi_object_release() frees one.
 */
#ifndef MAPI_FOLDER_H
#define MAPI_FOLDER_H

#include "logon.h"

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
 * @param opts		NULL: a generic folder, Unicode names
 * @param[out] existed	IsExistingFolder (may be NULL)
 */
enum MAPISTATUS mapi_folder_create(struct mapi_logon *logon,
				   TALLOC_CTX *mem_ctx, uint32_t parent,
				   const char *name,
				   const struct mapi_folder_create_options *o,
				   uint64_t *fid, uint32_t *handle,
				   bool *existed);

/** @brief RopDeleteFolder of @a fid, a subfolder of @a parent.
 *  @param[out] partial	PartialCompletion (may be NULL) */
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

/** @brief RopMoveCopyMessages from folder @a src to folder @a dst.
 *  @param[out] partial	PartialCompletion (may be NULL) */
enum MAPISTATUS mapi_messages_move_copy(struct mapi_logon *logon,
					TALLOC_CTX *mem_ctx, uint32_t src,
					uint32_t dst, const uint64_t *mids,
					uint16_t count, bool copy,
					bool *partial);

/** @brief RopCreateMessage in @a fid (through @a parent, a folder or the
 *  logon). */
enum MAPISTATUS mapi_message_create(struct mapi_logon *logon,
				    TALLOC_CTX *mem_ctx, uint32_t parent,
				    uint64_t fid, bool associated,
				    uint32_t *handle);

/** @brief RopOpenMessage of @a mid in @a fid; @a mode is OpenModeFlags.
 *  @param[out] info	the response (may be NULL), on @a mem_ctx */
enum MAPISTATUS mapi_message_open(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint32_t parent,
				  uint64_t fid, uint64_t mid, uint8_t mode,
				  uint32_t *handle,
				  struct MessageRecipientsInfo **info);

/** @brief RopSaveChangesMessage with SaveFlags @a flags. */
enum MAPISTATUS mapi_message_save(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint32_t handle,
				  uint8_t flags, uint64_t *mid);

#endif /* MAPI_FOLDER_H */
