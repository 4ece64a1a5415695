/*
 * mapimail ls: the messages of a folder, one line each: message ID, date
 * (delivery time, else last modification, local time), N for unread,
 * sender, size and subject.  The folder's contents table (MS-OXCFOLD
 * 2.2.1.14) does the work: sorted (RopSortTable), restricted
 * (RopRestrict), paged (RopSeekRow, RopQueryRows).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <util/time.h>

#include "mapimail.h"
#include "libmapi/restriction.h"
#include "libmapi/table.h"

#define FROM_WIDTH	20

static const uint32_t ls_columns[] = {
	TAG_MID, TAG_MESSAGE_FLAGS, TAG_DELIVERY_TIME, TAG_LAST_MODIFIED,
	TAG_SENT_REPR_NAME, TAG_SENDER_NAME, TAG_MESSAGE_SIZE, TAG_SUBJECT,
};

static struct SortOrder sort_key(uint32_t tag, bool descending)
{
	struct SortOrder s = {
		.PropertyType = tag & 0xFFFF, .PropertyId = tag >> 16,
		.Order = descending ? TABLE_SORT_DESCEND : TABLE_SORT_ASCEND
	};

	return s;
}

/* The sort orders of --sort and --reverse: newest first, subject and
 * sender A to Z, largest first. */
static uint32_t sort_orders(const struct mail_options *o,
			    struct SortOrder *keys)
{
	const char *by = o->sort ? o->sort : "date";
	bool rev = o->reverse != 0;

	if (strcmp(by, "subject") == 0) {
		keys[0] = sort_key(TAG_SUBJECT, rev);
	} else if (strcmp(by, "from") == 0) {
		keys[0] = sort_key(TAG_SENT_REPR_NAME, rev);
	} else if (strcmp(by, "size") == 0) {
		keys[0] = sort_key(TAG_MESSAGE_SIZE, !rev);
	} else {
		keys[0] = sort_key(TAG_DELIVERY_TIME, !rev);
		keys[1] = sort_key(TAG_LAST_MODIFIED, !rev);
		return 2;
	}
	return 1;
}

/* --subject and --unread as one restriction, or NULL for none. */
static struct Restriction *ls_restriction(TALLOC_CTX *mem_ctx,
					  const struct mail_options *o,
					  bool *failed)
{
	struct Restriction *parts[2];
	uint16_t n = 0;

	*failed = false;
	if (o->subject != NULL) {
		parts[n++] = mapi_restriction_content(
			mem_ctx, TAG_SUBJECT, o->subject, FL_SUBSTRING,
			FL_IGNORECASE);
	}
	if (o->unread) {
		parts[n++] = mapi_restriction_bitmask(
			mem_ctx, TAG_MESSAGE_FLAGS, MSGFLAG_READ, false);
	}
	if (n == 0) {
		return NULL;
	}
	*failed = true;
	if ((n > 0 && parts[0] == NULL) || (n > 1 && parts[1] == NULL)) {
		return NULL;
	}
	*failed = false;
	return n == 1 ? parts[0] : mapi_restriction_and(mem_ctx, parts, n);
}

static enum MAPISTATUS prepare(struct mail_ctx *m, struct mapi_table *t,
			       const uint32_t *columns, uint32_t count)
{
	struct SortOrder keys[2];
	struct Restriction *r;
	uint32_t nkeys = sort_orders(m->opt, keys);
	bool failed;
	enum MAPISTATUS rv;

	rv = mapi_table_set_columns(t, columns, count);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_table_sort(t, keys, nkeys);
	}
	r = ls_restriction(m->mem, m->opt, &failed);
	if (failed) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (rv == MAPI_E_SUCCESS && r != NULL) {
		rv = mapi_table_restrict(t, r);
	}
	if (rv == MAPI_E_SUCCESS && m->opt->offset > 0) {
		rv = mapi_table_seek_row(t, BOOKMARK_BEGINNING,
					 m->opt->offset, NULL, NULL);
	}
	return rv;
}

static void print_date(const struct mapi_table *t,
		       const struct property_row *row)
{
	const union PropertyValueUnion *v;
	struct tm tm;
	time_t when;
	char buf[32] = "-";

	v = mapi_table_cell(t, row, TAG_DELIVERY_TIME);
	if (v == NULL) {
		v = mapi_table_cell(t, row, TAG_LAST_MODIFIED);
	}
	if (v != NULL) {
		when = nt_time_to_unix(v->Time);
		if (localtime_r(&when, &tm) != NULL) {
			strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M", &tm);
		}
	}
	printf("%-16s", buf);
}

/* @s cut or padded to @w characters (UTF-8). */
void mail_print_column(const char *s, size_t w)
{
	size_t chars = 0;
	const char *p = s;

	while (*p != '\0' && chars < w) {
		p++;
		while (((unsigned char)*p & 0xC0) == 0x80) {
			p++;
		}
		chars++;
	}
	printf("%.*s%*s", (int)(p - s), s, (int)(w - chars), "");
}

static void print_row(const struct mapi_table *t,
		      const struct property_row *row, bool attach)
{
	const union PropertyValueUnion *mid, *flags, *from, *size, *subject;
	uint32_t f;

	mid = mapi_table_cell(t, row, TAG_MID);
	flags = mapi_table_cell(t, row, TAG_MESSAGE_FLAGS);
	from = mapi_table_cell(t, row, TAG_SENT_REPR_NAME);
	if (from == NULL) {
		from = mapi_table_cell(t, row, TAG_SENDER_NAME);
	}
	size = mapi_table_cell(t, row, TAG_MESSAGE_SIZE);
	subject = mapi_table_cell(t, row, TAG_SUBJECT);
	f = flags ? flags->Integer32 : 0;
	printf("%-12" PRIx64 "  ", mid ? (uint64_t)mid->Integer64 : 0);
	print_date(t, row);
	printf("  %c", f & MSGFLAG_READ ? ' ' : 'N');
	if (attach) {
		printf("%c", f & MSGFLAG_HASATTACH ? '@' : ' ');
	}
	printf("  ");
	mail_print_column(from && from->String ? from->String : "",
			  FROM_WIDTH);
	printf(" %8u  %s\n", size ? size->Integer32 : 0,
	       subject && subject->String ? subject->String : "");
}

void mail_print_summary(const struct mapi_table *t,
			const struct property_row *row)
{
	print_row(t, row, true);
}

int mail_list_messages(struct mail_ctx *m, const char *path,
		       const uint32_t *columns, uint32_t count,
		       uint32_t *folder, uint64_t *fid,
		       struct mapi_table **table,
		       struct mapi_table_rows *rows)
{
	struct mapi_table *t = NULL;
	uint32_t h, limit = m->opt->limit;
	enum MAPISTATUS rv;
	int rc;

	rc = mail_open_folder(m, path, &h, fid);
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	rv = mapi_table_contents(m->logon, m->mem, h, 0, &t, NULL);
	if (rv == MAPI_E_SUCCESS) {
		rv = prepare(m, t, columns ? columns : ls_columns,
			     columns ? count : ARRAY_SIZE(ls_columns));
		if (rv == MAPI_E_SUCCESS) {
			rv = mapi_table_query_all(t, m->mem,
						  limit && limit < 100 ? limit
								       : 100,
						  limit, rows);
		}
		mapi_table_release(t);
	}
	if (folder != NULL && rv == MAPI_E_SUCCESS) {
		*folder = h;
	} else {
		mail_release(m, h);
	}
	if (rv != MAPI_E_SUCCESS) {
		return mail_rop_fail("cannot list the messages of",
				     mail_path_display(m->mem, path), rv);
	}
	*table = t;
	return MAPIMAIL_OK;
}

const char *mail_default_path(struct mail_ctx *m, const char *path)
{
	if (path != NULL) {
		return path;
	}
	return m->opt->public_store || m->opt->root ? "" : "Inbox";
}

int cmd_ls(struct mail_ctx *m, const char **args)
{
	const char *path = mail_default_path(m, args[0]);
	struct mapi_table_rows rows = { 0 };
	struct mapi_table *t = NULL;
	uint32_t i;
	int rc;

	rc = mail_list_messages(m, path, NULL, 0, NULL, NULL, &t, &rows);
	for (i = 0; rc == MAPIMAIL_OK && i < rows.count; i++) {
		print_row(t, &rows.rows[i], false);
	}
	return rc;
}
