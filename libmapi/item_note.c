/*
 * libmapi: notes (MS-OXONOTE 2.2.1).
 */
#include <string.h>
#include <strings.h>

#include "item_note.h"

#define NAMED(lid, type) (((uint32_t)(lid) << 16) | (type))

/* PSETID_Note (MS-OXONOTE 2.2.1) */
#define LID_NOTE_COLOR	NAMED(0x8B00, PT_LONG)
#define LID_NOTE_WIDTH	NAMED(0x8B02, PT_LONG)
#define LID_NOTE_HEIGHT	NAMED(0x8B03, PT_LONG)
#define LID_NOTE_X	NAMED(0x8B04, PT_LONG)
#define LID_NOTE_Y	NAMED(0x8B05, PT_LONG)

/* The size of a new note when none is given (a choice: MS-OXONOTE
 * leaves it to the client). */
#define DEFAULT_WIDTH	200
#define DEFAULT_HEIGHT	166

static const char *const colors[] = { "blue", "green", "pink", "yellow",
				      "white" };

bool mapi_note_color_parse(const char *name, enum mapi_note_color *color)
{
	size_t i;

	for (i = 0; name != NULL && i < sizeof(colors) / sizeof(colors[0]);
	     i++) {
		if (strcasecmp(name, colors[i]) == 0) {
			*color = (enum mapi_note_color)i;
			return true;
		}
	}
	return false;
}

enum MAPISTATUS mapi_note_props(TALLOC_CTX *mem_ctx, const struct mapi_note *n,
				struct mapi_item *item)
{
	const char *nl;
	char *subject;

	mapi_item_init(mem_ctx, item);
	if (n == NULL || n->text == NULL || n->color > MAPI_NOTE_WHITE) {
		return MAPI_E_INVALID_PARAMETER;
	}
	nl = strpbrk(n->text, "\r\n");
	subject = nl ? talloc_strndup(mem_ctx, n->text, nl - n->text)
		     : talloc_strdup(mem_ctx, n->text);
	if (subject == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	mapi_item_string(item, MAPI_PS_NONE, MAPI_TAG_MESSAGE_CLASS,
			 MAPI_CLASS_NOTE);
	mapi_item_string(item, MAPI_PS_NONE, MAPI_TAG_SUBJECT, subject);
	mapi_item_string(item, MAPI_PS_NONE, MAPI_TAG_BODY, n->text);
	mapi_item_long(item, MAPI_PS_NOTE, LID_NOTE_COLOR, n->color);
	mapi_item_long(item, MAPI_PS_NOTE, LID_NOTE_WIDTH,
		       n->width ? n->width : DEFAULT_WIDTH);
	mapi_item_long(item, MAPI_PS_NOTE, LID_NOTE_HEIGHT,
		       n->height ? n->height : DEFAULT_HEIGHT);
	mapi_item_long(item, MAPI_PS_NOTE, LID_NOTE_X, n->x);
	mapi_item_long(item, MAPI_PS_NOTE, LID_NOTE_Y, n->y);
	return item->failed ? MAPI_E_NOT_ENOUGH_MEMORY : MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_note_save(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       uint32_t folder, uint64_t fid,
			       const struct mapi_note *n, uint64_t *mid)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	struct mapi_item item;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mapi_note_props(tmp, n, &item);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_item_save(logon, tmp, folder, fid, &item, NULL, 0,
				    mid);
	}
	talloc_free(tmp);
	return rv;
}
