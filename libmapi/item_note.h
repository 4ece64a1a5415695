/**
 * @file item_note.h
 * @brief libmapi: notes (IPM.StickyNote, MS-OXONOTE): the text, its
 * colour and size; saved in a notes folder (MAPI_FOLDER_NOTES of
 * folder_path.h).
 */
#ifndef MAPI_ITEM_NOTE_H
#define MAPI_ITEM_NOTE_H

#include "item.h"

/** @brief PidTagMessageClass of notes. */
#define MAPI_CLASS_NOTE "IPM.StickyNote"

/** @brief PidLidNoteColor values (MS-OXONOTE 2.2.1.1). */
enum mapi_note_color {
	MAPI_NOTE_BLUE = 0,	/**< blue */
	MAPI_NOTE_GREEN = 1,	/**< green */
	MAPI_NOTE_PINK = 2,	/**< pink */
	MAPI_NOTE_YELLOW = 3,	/**< yellow */
	MAPI_NOTE_WHITE = 4,	/**< white */
};

/** @brief A note. */
struct mapi_note {
	/** PidTagBody; its first line is the subject (MS-OXONOTE 2.2.1) */
	const char *text;
	enum mapi_note_color color;	/**< PidLidNoteColor */
	uint32_t width;		/**< PidLidNoteWidth, pixels (0: 200) */
	uint32_t height;	/**< PidLidNoteHeight, pixels (0: 166) */
	uint32_t x;		/**< PidLidNoteX: distance from the left */
	uint32_t y;		/**< PidLidNoteY: distance from the top */
};

/**
 * @brief The properties of @a n as an IPM.StickyNote.
 * @param mem_ctx	owner of the values
 * @param n		the note
 * @param[out] item	filled (initialised here)
 * @return MAPI_E_INVALID_PARAMETER without text or for another colour
 */
enum MAPISTATUS mapi_note_props(TALLOC_CTX *mem_ctx, const struct mapi_note *n,
				struct mapi_item *item);

/**
 * @brief The colour named @a name ("blue", "green", "pink", "yellow",
 * "white", any case).
 * @param name		the name
 * @param[out] color	the colour
 * @return false for another name
 */
bool mapi_note_color_parse(const char *name, enum mapi_note_color *color);

/**
 * @brief Create and save @a n in @a fid.
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param folder	handle of the notes folder
 * @param fid		its folder ID
 * @param n		the note
 * @param[out] mid	the new message's ID
 */
enum MAPISTATUS mapi_note_save(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       uint32_t folder, uint64_t fid,
			       const struct mapi_note *n, uint64_t *mid);

#endif /* MAPI_ITEM_NOTE_H */
