/*
 * libmapi: folders by path and by kind (see folder_path.h).
 */
#include "folder_path.h"
#include "folder.h"
#include "property.h"
#include "restriction.h"
#include "table.h"

#include <string.h>

#define TAG_FOLDER_ID		0x67480014	/* PidTagFolderId */
#define TAG_DISPLAY_NAME_W	0x3001001F	/* PidTagDisplayName */

/* Unescape the next name of @p; *p moves past it and its '/'. */
static char *next_name(TALLOC_CTX *mem_ctx, const char **p, bool *bad)
{
	char *name = talloc_array(mem_ctx, char, strlen(*p) + 1);
	size_t n = 0;
	const char *s = *p;

	if (name == NULL) {
		return NULL;
	}
	while (*s != '\0' && *s != '/') {
		if (*s == '\\') {
			if (s[1] == '\0') {
				*bad = true;
				break;
			}
			s++;
		}
		name[n++] = *s++;
	}
	name[n] = '\0';
	*p = *s == '/' ? s + 1 : s;
	return name;
}

enum MAPISTATUS mapi_folder_path_split(TALLOC_CTX *mem_ctx, const char *path,
				       char ***names, uint32_t *count)
{
	char **list = talloc_zero_array(mem_ctx, char *, 1);
	const char *p = path ? path : "";
	bool bad = false;
	uint32_t n = 0;

	while (list != NULL && *p != '\0' && !bad) {
		char *name = next_name(list, &p, &bad);

		if (name == NULL) {
			talloc_free(list);
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		if (name[0] == '\0') {
			talloc_free(name);
			continue;
		}
		list = talloc_realloc(mem_ctx, list, char *, n + 2);
		if (list != NULL) {
			list[n++] = name;
			list[n] = NULL;
		}
	}
	if (list == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (bad) {
		talloc_free(list);
		return MAPI_E_INVALID_PARAMETER;
	}
	*names = list;
	*count = n;
	return MAPI_E_SUCCESS;
}

/* The folder ID column of the one row of a restricted hierarchy table. */
static enum MAPISTATUS find_in_table(struct mapi_table *t,
				     TALLOC_CTX *mem_ctx, const char *name,
				     uint64_t *fid)
{
	const uint32_t cols[] = { TAG_FOLDER_ID, TAG_DISPLAY_NAME_W };
	struct Restriction *r;
	struct mapi_table_rows rows;
	const union PropertyValueUnion *v;
	enum MAPISTATUS rv;

	r = mapi_restriction_content(mem_ctx, TAG_DISPLAY_NAME_W, name,
				     FL_FULLSTRING, FL_IGNORECASE);
	if (r == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mapi_table_set_columns(t, cols, 2);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_table_restrict(t, r);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_table_query_rows(t, mem_ctx, 1, 0, true, &rows);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (rows.count == 0) {
		return MAPI_E_NOT_FOUND;
	}
	v = mapi_table_cell(t, &rows.rows[0], TAG_FOLDER_ID);
	if (v == NULL) {
		return MAPI_E_NOT_FOUND;
	}
	*fid = v->Integer64;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_folder_find_child(struct mapi_logon *logon,
				       TALLOC_CTX *mem_ctx, uint32_t parent,
				       const char *name, uint64_t *fid)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	struct mapi_table *t = NULL;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mapi_table_hierarchy(logon, tmp, parent, 0, &t, NULL);
	if (rv == MAPI_E_SUCCESS) {
		rv = find_in_table(t, tmp, name, fid);
		mapi_table_release(t);
	}
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mapi_folder_open_path(struct mapi_logon *logon,
				      TALLOC_CTX *mem_ctx, uint64_t base,
				      const char *path, uint32_t *handle,
				      uint64_t *fid, uint32_t *found)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	uint32_t h = 0xFFFFFFFF, next, i, count = 0;
	uint64_t id = base;
	char **names = NULL;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mapi_folder_path_split(tmp, path, &names, &count);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_folder_open(logon, tmp, logon->handle, base, &h);
	}
	for (i = 0; rv == MAPI_E_SUCCESS && i < count; i++) {
		rv = mapi_folder_find_child(logon, tmp, h, names[i], &id);
		/* through the logon: releasing @h must not release it */
		if (rv == MAPI_E_SUCCESS) {
			rv = mapi_folder_open(logon, tmp, logon->handle, id,
					      &next);
		}
		if (rv == MAPI_E_SUCCESS) {
			mapi_object_release(logon, h);
			h = next;
		}
	}
	if (found != NULL) {
		*found = rv == MAPI_E_SUCCESS ? count : (i > 0 ? i - 1 : 0);
	}
	if (rv == MAPI_E_SUCCESS) {
		*handle = h;
		if (fid != NULL) {
			*fid = id;
		}
	} else if (h != 0xFFFFFFFF) {
		mapi_object_release(logon, h);
	}
	talloc_free(tmp);
	return rv;
}
