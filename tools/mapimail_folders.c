/*
 * mapimail mkdir, rmdir, mv, cp, rename: changing the folder tree
 * (MS-OXCFOLD: RopCreateFolder, RopDeleteFolder, RopMoveFolder,
 * RopCopyFolder; a rename is RopSetProperties on PidTagDisplayName).
 */
#include <string.h>

#include "mapimail.h"
#include "libmapi/folder.h"
#include "libmapi/folder_path.h"
#include "libmapi/property.h"

/* The subfolder @name of @h: created if it is the @last name of the path
 * or with --parents (which also accepts an existing one), else opened;
 * *next is its handle. */
static int mkdir_step(struct mail_ctx *m, uint32_t h, const char *shown,
		      const char *name, bool last, uint32_t *next,
		      bool *existed)
{
	struct mapi_folder_create_options o = { .type = FOLDER_GENERIC };
	uint64_t fid;
	enum MAPISTATUS rv;

	if (!last && !m->opt->parents) {
		rv = mapi_folder_find_child(m->logon, m->mem, h, name, &fid);
		if (rv == MAPI_E_NOT_FOUND) {
			return mail_fail("no folder '%s' (--parents creates "
					 "missing folders)", shown);
		}
		if (rv != MAPI_E_SUCCESS) {
			return mail_rop_fail("cannot look up the folder",
					     shown, rv);
		}
		*existed = true;
		rv = mapi_folder_open(m->logon, m->mem, h, fid, next);
		return rv == MAPI_E_SUCCESS ? MAPIMAIL_OK :
		       mail_rop_fail("cannot open the folder", shown, rv);
	}
	o.open_existing = m->opt->parents;
	o.comment = last ? m->opt->comment : NULL;
	rv = mapi_folder_create(m->logon, m->mem, h, name, &o, &fid, next,
				existed);
	if (rv == MAPI_E_COLLISION) {
		return mail_fail("folder '%s' exists already", shown);
	}
	if (rv != MAPI_E_SUCCESS) {
		return mail_rop_fail("cannot create the folder", shown, rv);
	}
	return MAPIMAIL_OK;
}

static int set_class(struct mail_ctx *m, uint32_t h, const char *shown)
{
	struct TaggedPropertyValue v = { .PropertyTag = TAG_CONTAINER_CLASS };
	struct PropertyProblemList problems = { 0 };
	enum MAPISTATUS rv;

	v.Value.String = m->opt->container_class;
	rv = mapi_props_set(m->logon, m->mem, h, &v, 1, &problems);
	if (rv == MAPI_E_SUCCESS && problems.PropertyProblemCount > 0) {
		rv = problems.PropertyProblems[0].ErrorCode;
	}
	if (rv != MAPI_E_SUCCESS) {
		return mail_rop_fail("cannot set the container class of",
				     shown, rv);
	}
	return MAPIMAIL_OK;
}

/* The path of names[0..n), as the user would write it. */
static const char *prefix(TALLOC_CTX *mem_ctx, char **names, uint32_t n)
{
	char *s = talloc_strdup(mem_ctx, "");
	uint32_t i;

	for (i = 0; s != NULL && i < n; i++) {
		s = talloc_asprintf_append_buffer(s, "%s%s", i ? "/" : "",
						  names[i]);
	}
	return s;
}

/* Each folder is opened or created through its parent: the handles stay
 * open until the end (a parent's release may release its children). */
int cmd_mkdir(struct mail_ctx *m, const char **args)
{
	uint32_t *h, count = 0, valid, i;
	char **names = NULL;
	bool existed = false;
	int rc;

	if (mapi_folder_path_split(m->mem, args[0], &names, &count) !=
	    MAPI_E_SUCCESS || count == 0) {
		return mail_fail("bad folder path '%s'", args[0]);
	}
	h = talloc_array(m->mem, uint32_t, count + 1);
	if (h == NULL) {
		return mail_fail("out of memory");
	}
	rc = mail_open_folder(m, "", &h[0], NULL);
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	for (valid = 1; rc == MAPIMAIL_OK && valid <= count; valid++) {
		rc = mkdir_step(m, h[valid - 1],
				prefix(m->mem, names, valid),
				names[valid - 1], valid == count, &h[valid],
				&existed);
		if (rc != MAPIMAIL_OK) {
			break;
		}
	}
	if (rc == MAPIMAIL_OK && !existed && m->opt->container_class) {
		rc = set_class(m, h[count], args[0]);
	}
	for (i = valid; i > 0; i--) {
		mail_release(m, h[i - 1]);
	}
	return rc;
}

static uint8_t rmdir_flags(const struct mail_options *o)
{
	uint8_t flags = 0;

	if (o->recursive) {
		flags |= DEL_MESSAGES | DEL_FOLDERS;
	}
	if (o->hard) {
		flags |= DELETE_HARD_DELETE;
	}
	return flags;
}

int cmd_rmdir(struct mail_ctx *m, const char **args)
{
	const char *path = args[0];
	bool partial = false;
	uint32_t parent;
	uint64_t fid;
	char *leaf;
	enum MAPISTATUS rv;
	int rc;

	rc = mail_open_parent(m, path, &parent, &leaf);
	if (rc == MAPIMAIL_OK) {
		rc = mail_find_child(m, parent, path, leaf, &fid);
	}
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	if (mail_is_special(m, fid)) {
		return mail_fail("'%s' is a special folder: it cannot be "
				 "deleted", path);
	}
	rv = mapi_folder_delete(m->logon, m->mem, parent, fid,
				rmdir_flags(m->opt), &partial);
	mail_release(m, parent);
	if (rv == MAPI_E_NO_ACCESS) {
		return mail_fail("cannot delete '%s': access denied", path);
	}
	if (rv != MAPI_E_SUCCESS) {
		return mail_rop_fail("cannot delete the folder", path, rv);
	}
	if (partial) {
		return mail_fail("folder '%s' is not empty (--recursive deletes "
				 "its messages and subfolders too)", path);
	}
	return MAPIMAIL_OK;
}

/* Where mv and cp put the folder: into DEST if it is a folder, else into
 * DEST's parent under DEST's last name. */
static int destination(struct mail_ctx *m, const char *dest,
		       const char *leaf, uint32_t *h, const char **name)
{
	char *dest_leaf = NULL;
	int rc;

	if (mapi_folder_open_path(m->logon, m->mem, m->base, dest, h, NULL,
				  NULL) == MAPI_E_SUCCESS) {
		*name = leaf;
		return MAPIMAIL_OK;
	}
	rc = mail_open_parent(m, dest, h, &dest_leaf);
	*name = dest_leaf;
	return rc;
}

static int move_copy_error(const char *src, const char *dest, bool copy,
			   enum MAPISTATUS rv)
{
	switch (rv) {
	case MAPI_E_COLLISION:
		return mail_fail("cannot %s '%s' to '%s': a folder of that "
				 "name exists already", copy ? "copy" : "move",
				 src, dest);
	case MAPI_E_FOLDER_CYCLE:
		return mail_fail("cannot %s '%s' into itself or one of its "
				 "subfolders ('%s')", copy ? "copy" : "move",
				 src, dest);
	default:
		return mail_fail("cannot %s '%s' to '%s': %s (%s)",
				 copy ? "copy" : "move", src, dest,
				 mapi_strerror(rv), mapi_status_string(rv));
	}
}

static int move_copy(struct mail_ctx *m, const char **args, bool copy)
{
	uint32_t src_parent, dst;
	const char *name;
	uint64_t fid;
	char *leaf;
	enum MAPISTATUS rv;
	int rc;

	rc = mail_open_parent(m, args[0], &src_parent, &leaf);
	if (rc == MAPIMAIL_OK) {
		rc = mail_find_child(m, src_parent, args[0], leaf, &fid);
	}
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	if (!copy && mail_is_special(m, fid)) {
		return mail_fail("'%s' is a special folder: it cannot be "
				 "moved", args[0]);
	}
	rc = destination(m, args[1], leaf, &dst, &name);
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	rv = mapi_folder_move_copy(m->logon, m->mem, src_parent, dst, fid,
				   name, copy, copy && m->opt->recursive);
	mail_release(m, dst);
	mail_release(m, src_parent);
	return rv == MAPI_E_SUCCESS ? MAPIMAIL_OK :
	       move_copy_error(args[0], args[1], copy, rv);
}

int cmd_mv(struct mail_ctx *m, const char **args)
{
	return move_copy(m, args, false);
}

int cmd_cp(struct mail_ctx *m, const char **args)
{
	return move_copy(m, args, true);
}

int cmd_rename(struct mail_ctx *m, const char **args)
{
	struct TaggedPropertyValue v = { .PropertyTag = TAG_DISPLAY_NAME };
	struct PropertyProblemList problems = { 0 };
	uint32_t h, count = 0;
	char **names = NULL;
	uint64_t fid;
	enum MAPISTATUS rv;
	int rc;

	if (mapi_folder_path_split(m->mem, args[1], &names, &count) !=
	    MAPI_E_SUCCESS || count != 1) {
		return mail_fail("'%s' is not a folder name (mv moves a "
				 "folder elsewhere)", args[1]);
	}
	rc = mail_open_folder(m, args[0], &h, &fid);
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	if (fid == m->base) {
		mail_release(m, h);
		return mail_fail("cannot rename the top folder");
	}
	v.Value.String = names[0];
	rv = mapi_props_set(m->logon, m->mem, h, &v, 1, &problems);
	if (rv == MAPI_E_SUCCESS && problems.PropertyProblemCount > 0) {
		rv = problems.PropertyProblems[0].ErrorCode;
	}
	mail_release(m, h);
	if (rv == MAPI_E_COLLISION) {
		return mail_fail("cannot rename '%s' to '%s': a folder of that "
				 "name exists already", args[0], names[0]);
	}
	if (rv != MAPI_E_SUCCESS) {
		return mail_fail("cannot rename '%s' to '%s': %s (%s)",
				 args[0], names[0], mapi_strerror(rv),
				 mapi_status_string(rv));
	}
	return MAPIMAIL_OK;
}
