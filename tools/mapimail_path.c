/*
 * mapimail: folder paths ("Inbox/Projects", relative to the IPM subtree
 * or, with --root, to the store's root; see libmapi/folder_path.h),
 * with error messages that name the missing folder.
 */
#include <string.h>
#include <util/debug.h>

#include "mapimail.h"
#include "libmapi/folder.h"
#include "libmapi/folder_path.h"

const char *mail_path_display(TALLOC_CTX *mem_ctx, const char *path)
{
	return path != NULL && path[0] != '\0' ? path : "/";
}

/* @names[0..count) as a path, '/' and '\' escaped. */
static char *join_names(TALLOC_CTX *mem_ctx, char **names, uint32_t count)
{
	char *s = talloc_strdup(mem_ctx, "");
	uint32_t i;
	const char *c;

	for (i = 0; s != NULL && i < count; i++) {
		if (i > 0) {
			s = talloc_strdup_append_buffer(s, "/");
		}
		for (c = names[i]; s != NULL && *c != '\0'; c++) {
			s = talloc_asprintf_append_buffer(
				s, "%s%c", *c == '/' || *c == '\\' ? "\\" : "",
				*c);
		}
	}
	return s;
}

static int bad_path(const char *path, enum MAPISTATUS rv)
{
	if (rv == MAPI_E_INVALID_PARAMETER) {
		return mail_fail("bad folder path '%s': it ends in a lone '\\'",
				 path);
	}
	return mail_rop_fail("cannot read the folder path", path, rv);
}

int mail_open_folder(struct mail_ctx *m, const char *path, uint32_t *handle,
		     uint64_t *fid)
{
	uint32_t found = 0, count = 0;
	char **names = NULL;
	enum MAPISTATUS rv;

	rv = mapi_folder_path_split(m->mem, path, &names, &count);
	if (rv != MAPI_E_SUCCESS) {
		return bad_path(path, rv);
	}
	rv = mapi_folder_open_path(m->logon, m->mem, m->base, path, handle,
				   fid, &found);
	if (rv == MAPI_E_NOT_FOUND && found < count) {
		return mail_fail("no folder '%s'",
				 join_names(m->mem, names, found + 1));
	}
	if (rv != MAPI_E_SUCCESS) {
		return mail_rop_fail("cannot open the folder",
				     mail_path_display(m->mem, path), rv);
	}
	return MAPIMAIL_OK;
}

int mail_open_parent(struct mail_ctx *m, const char *path, uint32_t *parent,
		     char **leaf)
{
	uint32_t count = 0;
	char **names = NULL;
	enum MAPISTATUS rv;

	rv = mapi_folder_path_split(m->mem, path, &names, &count);
	if (rv != MAPI_E_SUCCESS) {
		return bad_path(path, rv);
	}
	if (count == 0) {
		return mail_fail("'%s' is the top folder: give the path of a "
				 "folder below it", mail_path_display(m->mem,
								      path));
	}
	*leaf = names[count - 1];
	return mail_open_folder(m, join_names(m->mem, names, count - 1),
				parent, NULL);
}

int mail_find_child(struct mail_ctx *m, uint32_t parent, const char *path,
		    const char *leaf, uint64_t *fid)
{
	enum MAPISTATUS rv;

	rv = mapi_folder_find_child(m->logon, m->mem, parent, leaf, fid);
	if (rv == MAPI_E_NOT_FOUND) {
		return mail_fail("no folder '%s'", path);
	}
	if (rv != MAPI_E_SUCCESS) {
		return mail_rop_fail("cannot look up the folder", path, rv);
	}
	return MAPIMAIL_OK;
}

/* A folder of the logon (MS-OXCSTOR 2.2.1.1.3) or a default folder of the
 * mailbox (MS-OXOSFLD), which clients must not delete, move or rename. */
bool mail_is_special(struct mail_ctx *m, uint64_t fid)
{
	static const enum mapi_default_folder kinds[] = {
		MAPI_FOLDER_CALENDAR, MAPI_FOLDER_CONTACTS,
		MAPI_FOLDER_JOURNAL, MAPI_FOLDER_NOTES, MAPI_FOLDER_TASKS,
		MAPI_FOLDER_DRAFTS,
	};
	uint64_t id;
	size_t i;

	for (i = 0; i < 13; i++) {
		if (m->logon->folder_ids[i] != 0 &&
		    m->logon->folder_ids[i] == fid) {
			return true;
		}
	}
	for (i = 0; !m->logon->is_public && i < ARRAY_SIZE(kinds); i++) {
		if (mapi_folder_default(m->logon, m->mem, kinds[i], &id) ==
		    MAPI_E_SUCCESS && id == fid) {
			return true;
		}
	}
	return false;
}

void mail_release(struct mail_ctx *m, uint32_t handle)
{
	enum MAPISTATUS rv = mapi_object_release(m->logon, handle);

	if (rv != MAPI_E_SUCCESS) {
		DBG_NOTICE("RopRelease of 0x%x: %s\n", handle,
			   mapi_status_string(rv));
	}
}
