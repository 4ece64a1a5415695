/*
 * list_folders: the folders at the top of a mailbox, with their message
 * counts.  A libmapi example: a session from the usual command-line
 * options, a logon, a hierarchy table sorted by name.
 *
 *   list_folders -U 'DOMAIN\user%password' -I server
 *
 * Build: cc list_folders.c $(pkg-config --cflags --libs libmapi)
 */
#include <stdio.h>
#include <popt.h>
#include <libmapi/mapi_cmdline.h>
#include <libmapi/session.h>
#include <libmapi/folder.h>
#include <libmapi/table.h>

#define PidTagDisplayName	0x3001001F
#define PidTagContentCount	0x36020003
#define PidTagContentUnreadCount 0x36030003

static enum MAPISTATUS list(struct mapi_logon *logon, TALLOC_CTX *mem_ctx)
{
	const uint32_t columns[] = { PidTagDisplayName, PidTagContentCount,
				     PidTagContentUnreadCount };
	const struct SortOrder by_name = {
		.PropertyType = PT_UNICODE, .PropertyId = 0x3001,
		.Order = TABLE_SORT_ASCEND
	};
	struct mapi_table *table;
	struct mapi_table_rows rows;
	enum MAPISTATUS rv;
	uint32_t top, i;

	/* the IPM subtree: the folders a mail client shows */
	rv = mapi_folder_open(logon, mem_ctx, logon->handle,
			      logon->folder_ids[MAPI_LOGON_IPM_SUBTREE], &top);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	rv = mapi_table_hierarchy(logon, mem_ctx, top, 0, &table, NULL);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_table_set_columns(table, columns, 3);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_table_sort(table, &by_name, 1);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_table_query_all(table, mem_ctx, 0, 0, &rows);
	}
	for (i = 0; rv == MAPI_E_SUCCESS && i < rows.count; i++) {
		const union PropertyValueUnion *name, *total, *unread;

		name = mapi_table_cell(table, &rows.rows[i], PidTagDisplayName);
		total = mapi_table_cell(table, &rows.rows[i],
					PidTagContentCount);
		unread = mapi_table_cell(table, &rows.rows[i],
					 PidTagContentUnreadCount);
		printf("%-32s %6u %6u\n", name ? name->String : "?",
		       total ? total->Integer32 : 0,
		       unread ? unread->Integer32 : 0);
	}
	mapi_object_release(logon, top);
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
	struct poptOption options[] = {
		POPT_AUTOHELP
		MAPI_POPT_CONNECTION(&cl),
		POPT_TABLEEND
	};
	poptContext pc = poptGetContext("list_folders", argc, argv, options,
					0);

	while (poptGetNextOpt(pc) >= 0) {
	}
	rpc = mapi_cmdline_setup(mem_ctx, "list_folders", &cl, &params);
	if (rpc != NULL && mapi_cmdline_password(mem_ctx, &params)) {
		/* NULL profile: the address book says who the user is */
		rv = mapi_session_open(mem_ctx, rpc, &params, NULL, &session);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_session_mailbox(session, &logon);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = list(logon, mem_ctx);
	}
	if (rv != MAPI_E_SUCCESS) {
		fprintf(stderr, "list_folders: %s (%s)\n", mapi_strerror(rv),
			mapi_status_string(rv));
	}
	poptFreeContext(pc);
	mapi_cmdline_free(&cl);
	talloc_free(mem_ctx);	/* ends the session too */
	return rv == MAPI_E_SUCCESS ? 0 : 1;
}
