/**
 * @file folder_path.h
 * @brief libmapi: folders by path and by kind.
 *
 * A folder path names a folder by the display names of the folders on
 * the way to it, separated by '/', e.g. "Inbox/Projects/2024", relative
 * to a base folder (for a mailbox, usually the IPM subtree: "Top of
 * Information Store").  Names compare case-insensitively, as the store
 * does (MS-OXCFOLD 3.2.5.2: sibling names are unique regardless of
 * case).  A '/' or '\' inside a name is written "\/" or "\\".  Empty
 * names (a leading, trailing or doubled '/') are ignored, so "" and "/"
 * name the base folder itself.
 */
#ifndef MAPI_FOLDER_PATH_H
#define MAPI_FOLDER_PATH_H

#include "logon.h"

/**
 * @brief Split a folder path into its names.
 * @param mem_ctx	owner of @a names
 * @param path		the path
 * @param[out] count	the number of names
 * @param[out] names	array of @a count names (unescaped, UTF-8), on
 *			@a mem_ctx
 * @return MAPI_E_SUCCESS, MAPI_E_INVALID_PARAMETER for a path ending in a
 *	   lone '\', MAPI_E_NOT_ENOUGH_MEMORY
 */
enum MAPISTATUS mapi_folder_path_split(TALLOC_CTX *mem_ctx, const char *path,
				       char ***names, uint32_t *count);

/**
 * @brief Find the subfolder called @a name of the open folder @a parent
 * (its hierarchy table restricted to the display name).
 * @param logon		the logon
 * @param mem_ctx	context for the call
 * @param parent	handle of the open folder
 * @param name		display name looked for (UTF-8)
 * @param[out] fid	its folder ID
 * @return MAPI_E_SUCCESS, MAPI_E_NOT_FOUND, or the table ROPs' error
 */
enum MAPISTATUS mapi_folder_find_child(struct mapi_logon *logon,
				       TALLOC_CTX *mem_ctx, uint32_t parent,
				       const char *name, uint64_t *fid);

/**
 * @brief Open the folder at @a path below the folder @a base.
 *
 * @param logon		the logon
 * @param mem_ctx	context for the call
 * @param base		folder ID where the path starts
 * @param[out] handle	the open folder (release it with
 *			mapi_object_release())
 * @param[out] fid	its folder ID (may be NULL)
 * @param[out] found	how many names of the path were found (may be
 *			NULL): on MAPI_E_NOT_FOUND, the index of the
 *			missing name
 * @param path		the folder path
 * @return MAPI_E_SUCCESS, MAPI_E_NOT_FOUND, or the error of the ROPs
 */
enum MAPISTATUS mapi_folder_open_path(struct mapi_logon *logon,
				      TALLOC_CTX *mem_ctx, uint64_t base,
				      const char *path, uint32_t *handle,
				      uint64_t *fid, uint32_t *found);

/** @brief Kinds of default folders (mapi_folder_default()). */
enum mapi_default_folder {
	MAPI_FOLDER_TOP,		/**< the IPM subtree */
	MAPI_FOLDER_INBOX,		/**< Inbox */
	MAPI_FOLDER_OUTBOX,		/**< Outbox */
	MAPI_FOLDER_SENT_ITEMS,		/**< Sent Items */
	MAPI_FOLDER_DELETED_ITEMS,	/**< Deleted Items */
	MAPI_FOLDER_CALENDAR,		/**< PidTagIpmAppointmentEntryId */
	MAPI_FOLDER_CONTACTS,		/**< PidTagIpmContactEntryId */
	MAPI_FOLDER_JOURNAL,		/**< PidTagIpmJournalEntryId */
	MAPI_FOLDER_NOTES,		/**< PidTagIpmNoteEntryId */
	MAPI_FOLDER_TASKS,		/**< PidTagIpmTaskEntryId */
	MAPI_FOLDER_DRAFTS,		/**< PidTagIpmDraftsEntryId */
};

/**
 * @brief The folder ID of a mailbox's default folder of a kind
 * (MS-OXOSFLD 2.2: the RopLogon folder IDs, or the PidTagIpm*EntryId
 * properties of the root folder).
 * @param logon		a logon to a mailbox
 * @param mem_ctx	context for the call
 * @param kind		the kind of folder
 * @param[out] fid	the folder ID
 * @return MAPI_E_SUCCESS, MAPI_E_NOT_FOUND (the mailbox has no such
 *	   folder, or @a logon is a public folders logon), or the error of
 *	   the ROPs
 */
enum MAPISTATUS mapi_folder_default(struct mapi_logon *logon,
				    TALLOC_CTX *mem_ctx,
				    enum mapi_default_folder kind,
				    uint64_t *fid);

#endif /* MAPI_FOLDER_PATH_H */
