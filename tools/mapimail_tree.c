/*
 * mapimail folders: the folder tree below a folder, one line per folder:
 * its name (indented two spaces per level), the number of messages, of
 * unread messages, and its container class.  Each level comes from the
 * folder's hierarchy table sorted by display name (MS-OXCFOLD 2.2.1.13,
 * MS-OXCTABL 2.2.2.3).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mapimail.h"
#include "libmapi/folder.h"
#include "libmapi/property.h"
#include "libmapi/table.h"

struct tree_line {
	unsigned depth;
	const char *name;
	uint32_t total;
	uint32_t unread;
	const char *container_class;
};

struct tree {
	struct tree_line *lines;
	size_t count;
};

static const uint32_t tree_columns[] = {
	TAG_FOLDER_ID, TAG_DISPLAY_NAME, TAG_CONTENT_COUNT, TAG_UNREAD_COUNT,
	TAG_SUBFOLDERS, TAG_CONTAINER_CLASS,
};

static struct tree_line *add_line(TALLOC_CTX *mem_ctx, struct tree *t)
{
	struct tree_line *l;

	l = talloc_realloc(mem_ctx, t->lines, struct tree_line, t->count + 1);
	if (l == NULL) {
		return NULL;
	}
	t->lines = l;
	l = &t->lines[t->count++];
	memset(l, 0, sizeof(*l));
	return l;
}

static const char *cell_string(const struct mapi_table *table,
			       const struct property_row *row, uint32_t tag)
{
	const union PropertyValueUnion *v = mapi_table_cell(table, row, tag);

	return v != NULL && v->String != NULL ? v->String : "";
}

static uint32_t cell_long(const struct mapi_table *table,
			  const struct property_row *row, uint32_t tag)
{
	const union PropertyValueUnion *v = mapi_table_cell(table, row, tag);

	return v != NULL ? v->Integer32 : 0;
}

static int walk(struct mail_ctx *m, struct tree *t, uint32_t folder,
		unsigned depth);

/* One row of a hierarchy table: its line, then its subfolders. */
static int walk_row(struct mail_ctx *m, struct tree *t,
		    const struct mapi_table *table,
		    const struct property_row *row, uint32_t folder,
		    unsigned depth)
{
	const union PropertyValueUnion *fid, *sub;
	struct tree_line *l = add_line(m->mem, t);
	uint32_t h;
	enum MAPISTATUS rv;
	int rc;

	if (l == NULL) {
		return mail_fail("out of memory");
	}
	l->depth = depth;
	l->name = talloc_strdup(m->mem, cell_string(table, row,
						    TAG_DISPLAY_NAME));
	l->total = cell_long(table, row, TAG_CONTENT_COUNT);
	l->unread = cell_long(table, row, TAG_UNREAD_COUNT);
	l->container_class = talloc_strdup(m->mem, cell_string(
		table, row, TAG_CONTAINER_CLASS));
	fid = mapi_table_cell(table, row, TAG_FOLDER_ID);
	sub = mapi_table_cell(table, row, TAG_SUBFOLDERS);
	if (fid == NULL || sub == NULL || !sub->Boolean) {
		return MAPIMAIL_OK;
	}
	rv = mapi_folder_open(m->logon, m->mem, m->logon->handle,
			      fid->Integer64, &h);
	if (rv != MAPI_E_SUCCESS) {
		return mail_rop_fail("cannot open the folder", l->name, rv);
	}
	rc = walk(m, t, h, depth + 1);
	mail_release(m, h);
	return rc;
}

/* The subfolders of the open @folder, sorted by name, recursively. */
static int walk(struct mail_ctx *m, struct tree *t, uint32_t folder,
		unsigned depth)
{
	const struct SortOrder by_name = {
		.PropertyType = PT_UNICODE, .PropertyId = 0x3001,
		.Order = TABLE_SORT_ASCEND
	};
	TALLOC_CTX *tmp = talloc_new(m->mem);
	struct mapi_table *table = NULL;
	struct mapi_table_rows rows = { 0 };
	enum MAPISTATUS rv;
	uint32_t i;
	int rc = MAPIMAIL_OK;

	rv = mapi_table_hierarchy(m->logon, tmp, folder, 0, &table, NULL);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_table_set_columns(table, tree_columns,
					    ARRAY_SIZE(tree_columns));
		if (rv == MAPI_E_SUCCESS) {
			rv = mapi_table_sort(table, &by_name, 1);
		}
		if (rv == MAPI_E_SUCCESS) {
			rv = mapi_table_query_all(table, tmp, 100, 0, &rows);
		}
		mapi_table_release(table);
	}
	if (rv != MAPI_E_SUCCESS) {
		talloc_free(tmp);
		return mail_rop_fail("cannot read the hierarchy table of",
				     depth ? t->lines[t->count - 1].name : "/",
				     rv);
	}
	for (i = 0; rc == MAPIMAIL_OK && i < rows.count; i++) {
		rc = walk_row(m, t, table, &rows.rows[i], folder, depth);
	}
	talloc_free(tmp);
	return rc;
}

/* The line of the folder the listing starts at. */
static int top_line(struct mail_ctx *m, struct tree *t, uint32_t folder)
{
	const uint32_t tags[] = { TAG_DISPLAY_NAME, TAG_CONTENT_COUNT,
				  TAG_UNREAD_COUNT, TAG_CONTAINER_CLASS };
	struct tree_line *l = add_line(m->mem, t);
	struct property_row row;
	enum MAPISTATUS rv;

	if (l == NULL) {
		return mail_fail("out of memory");
	}
	rv = mapi_props_get(m->logon, m->mem, folder, tags, ARRAY_SIZE(tags),
			    true, 0, &row);
	if (rv == MAPI_E_SUCCESS && row.count != ARRAY_SIZE(tags)) {
		rv = MAPI_E_CORRUPT_DATA;
	}
	if (rv != MAPI_E_SUCCESS) {
		return mail_rop_fail("cannot read the properties of", "/", rv);
	}
	l->name = row.cells[0].flag == 0 ? row.cells[0].value.String : "";
	l->total = row.cells[1].flag == 0 ? row.cells[1].value.Integer32 : 0;
	l->unread = row.cells[2].flag == 0 ? row.cells[2].value.Integer32 : 0;
	l->container_class = row.cells[3].flag == 0 ?
			     row.cells[3].value.String : "";
	return MAPIMAIL_OK;
}

/* Characters (not bytes) of a UTF-8 string. */
static size_t width(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		n += ((unsigned char)*s & 0xC0) != 0x80;
	}
	return n;
}

static void print_tree(const struct tree *t)
{
	size_t i, w = 0;

	for (i = 0; i < t->count; i++) {
		size_t lw = 2 * t->lines[i].depth + width(t->lines[i].name);

		w = lw > w ? lw : w;
	}
	for (i = 0; i < t->count; i++) {
		const struct tree_line *l = &t->lines[i];
		size_t pad = w - 2 * l->depth - width(l->name);

		printf("%*s%s%*s %7u %7u%s%s\n", (int)(2 * l->depth), "",
		       l->name, (int)pad, "", l->total, l->unread,
		       l->container_class[0] ? "  " : "", l->container_class);
	}
}

int cmd_folders(struct mail_ctx *m, const char **args)
{
	const char *path = args[0] ? args[0] : "";
	struct tree t = { 0 };
	uint32_t h;
	int rc;

	rc = mail_open_folder(m, path, &h, NULL);
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	rc = top_line(m, &t, h);
	if (rc == MAPIMAIL_OK) {
		rc = walk(m, &t, h, 1);
	}
	mail_release(m, h);
	if (rc == MAPIMAIL_OK) {
		print_tree(&t);
	}
	return rc;
}
