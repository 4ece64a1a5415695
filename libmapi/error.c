/*
 * libmapi: readable sentences for MAPI status codes (see error.h).
 */
#include "error.h"

static const struct {
	enum MAPISTATUS status;
	const char *text;
} sentences[] = {
	{ MAPI_E_SUCCESS, "success" },
	{ MAPI_E_CALL_FAILED, "the call failed" },
	{ MAPI_E_NO_SUPPORT, "not supported by the server" },
	{ MAPI_E_INVALID_OBJECT, "the object cannot do that" },
	{ MAPI_E_NOT_FOUND, "not found" },
	{ MAPI_E_VERSION, "client version refused by the server" },
	{ MAPI_E_LOGON_FAILED, "wrong user name or password" },
	{ MAPI_E_NETWORK_ERROR, "the server cannot be reached" },
	{ MAPI_E_DISK_ERROR, "disk error" },
	{ MAPI_E_TOO_COMPLEX, "too complex for the server" },
	{ MAPI_E_BAD_COLUMN, "no such column" },
	{ MAPI_E_UNKNOWN_ENTRYID, "unknown entry ID" },
	{ MAPI_E_BAD_VALUE, "bad value" },
	{ MAPI_E_INVALID_TYPE, "invalid property type" },
	{ MAPI_E_TOO_BIG, "too big" },
	{ MAPI_E_TABLE_TOO_BIG, "the table is too big" },
	{ MAPI_E_INVALID_BOOKMARK, "invalid bookmark" },
	{ MAPI_E_COLLISION, "the name is already in use" },
	{ MAPI_E_HAS_FOLDERS, "the folder has subfolders" },
	{ MAPI_E_HAS_MESSAGES, "the folder has messages" },
	{ MAPI_E_FOLDER_CYCLE, "a folder cannot go into its own subtree" },
	{ MAPI_E_AMBIGUOUS_RECIP, "ambiguous name" },
	{ MAPI_E_NO_ACCESS, "access denied" },
	{ MAPI_E_NOT_ENOUGH_MEMORY, "out of memory" },
	{ MAPI_E_INVALID_PARAMETER, "invalid parameter" },
	{ MAPI_E_CORRUPT_DATA, "the server's answer cannot be parsed" },
	{ MAPI_W_ERRORS_RETURNED, "some values could not be returned" },
	{ MAPI_W_PARTIAL_COMPLETION, "only partly done" },
	{ ecNullObject, "no such object handle" },
	{ ecDstNullObject, "no such destination object handle" },
	{ ecWrongServer, "the mailbox lives on another server" },
	{ ecServerBusy, "the server is busy" },
};

const char *mapi_strerror(enum MAPISTATUS status)
{
	size_t i;

	for (i = 0; i < sizeof(sentences) / sizeof(sentences[0]); i++) {
		if (sentences[i].status == status) {
			return sentences[i].text;
		}
	}
	return mapi_status_string(status);
}
