/*
 * contents_table: the messages of the Inbox whose subject contains a
 * text, newest first, one page at a time.  A libmapi example: a contents
 * table with columns, a sort order, a restriction made with the
 * restriction builders, and paging with RopSeekRow and RopQueryRows.
 *
 *   contents_table -U 'DOMAIN\user%password' -I server TEXT [PAGE]
 *
 * Build: cc contents_table.c $(pkg-config --cflags --libs libmapi)
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <popt.h>
#include <libmapi/mapi_cmdline.h>
#include <libmapi/session.h>
#include <libmapi/folder.h>
#include <libmapi/folder_path.h>
#include <libmapi/restriction.h>
#include <libmapi/table.h>

#define PidTagSubject			0x0037001F
#define PidTagMessageDeliveryTime	0x0E060040
#define PidTagMid			0x674A0014

/* Sort newest first, keep the subjects containing @text (any case). */
static enum MAPISTATUS prepare(struct mapi_table *table, TALLOC_CTX *mem,
			       const char *text)
{
	const uint32_t columns[] = { PidTagMid, PidTagSubject };
	const struct SortOrder newest_first = {
		.PropertyType = PT_SYSTIME, .PropertyId = 0x0E06,
		.Order = TABLE_SORT_DESCEND
	};
	struct Restriction *r;
	enum MAPISTATUS rv;

	r = mapi_restriction_content(mem, PidTagSubject, text, FL_SUBSTRING,
				     FL_IGNORECASE);
	if (r == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mapi_table_set_columns(table, columns, 2);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_table_sort(table, &newest_first, 1);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_table_restrict(table, r);
	}
	return rv;
}

static enum MAPISTATUS print_pages(struct mapi_table *table, TALLOC_CTX *mem,
				   uint16_t page)
{
	struct mapi_table_rows rows;
	enum MAPISTATUS rv;
	uint32_t i, n = 0;

	do {
		rv = mapi_table_query_rows(table, mem, page, 0, true, &rows);
		for (i = 0; rv == MAPI_E_SUCCESS && i < rows.count; i++) {
			const union PropertyValueUnion *mid, *subject;

			mid = mapi_table_cell(table, &rows.rows[i], PidTagMid);
			subject = mapi_table_cell(table, &rows.rows[i],
						  PidTagSubject);
			printf("page %u: %" PRIx64 " %s\n", n,
			       mid ? (uint64_t)mid->Integer64 : 0,
			       subject ? subject->String : "");
		}
		n++;
	} while (rv == MAPI_E_SUCCESS && rows.count > 0);
	return rv;
}

static enum MAPISTATUS run(struct mapi_logon *logon, TALLOC_CTX *mem,
			   const char *text, uint16_t page)
{
	struct mapi_table *table;
	uint32_t inbox, count = 0;
	uint64_t fid;
	enum MAPISTATUS rv;

	rv = mapi_folder_default(logon, mem, MAPI_FOLDER_INBOX, &fid);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_folder_open(logon, mem, logon->handle, fid, &inbox);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_table_contents(logon, mem, inbox, 0, &table, &count);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	printf("%u messages in the Inbox\n", count);
	rv = prepare(table, mem, text);
	if (rv == MAPI_E_SUCCESS) {
		rv = print_pages(table, mem, page);
	}
	mapi_table_release(table);
	mapi_object_release(logon, inbox);
	return rv;
}

int main(int argc, const char **argv)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_cmdline cl = { 0 };
	struct mapi_rpc_params params = { 0 };
	struct mapi_rpc_context *rpc;
	struct mapi_session *session;
	struct mapi_logon *logon;
	enum MAPISTATUS rv = MAPI_E_INVALID_PARAMETER;
	const char *text, *page;
	struct poptOption options[] = {
		POPT_AUTOHELP
		MAPI_POPT_CONNECTION(&cl),
		POPT_TABLEEND
	};
	poptContext pc = poptGetContext("contents_table", argc, argv,
					options, 0);

	while (poptGetNextOpt(pc) >= 0) {
	}
	text = poptGetArg(pc);
	page = poptGetArg(pc);
	rpc = mapi_cmdline_setup(mem_ctx, "contents_table", &cl, &params);
	if (text != NULL && rpc != NULL &&
	    mapi_cmdline_password(mem_ctx, &params)) {
		rv = mapi_session_open(mem_ctx, rpc, &params, NULL, &session);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_session_mailbox(session, &logon);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = run(logon, mem_ctx, text, page ? atoi(page) : 10);
	}
	if (rv != MAPI_E_SUCCESS) {
		fprintf(stderr, "contents_table: %s (%s)\n",
			mapi_strerror(rv), mapi_status_string(rv));
	}
	poptFreeContext(pc);
	mapi_cmdline_free(&cl);
	talloc_free(mem_ctx);
	return rv == MAPI_E_SUCCESS ? 0 : 1;
}
