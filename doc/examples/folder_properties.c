/*
 * folder_properties: create a folder below the Inbox, set and read its
 * properties (a standard one and a named one), then delete it.  A libmapi
 * example: folders by path, RopSetProperties, RopGetPropertiesSpecific,
 * RopGetPropertyIdsFromNames, property names and values as text.
 *
 *   folder_properties -U 'DOMAIN\user%password' -I server NAME
 *
 * Build: cc folder_properties.c $(pkg-config --cflags --libs libmapi)
 */
#include <stdio.h>
#include <popt.h>
#include <libmapi/mapi_cmdline.h>
#include <libmapi/session.h>
#include <libmapi/folder.h>
#include <libmapi/folder_path.h>
#include <libmapi/property.h>
#include <libmapi/propnames.h>

#define PidTagComment		0x3004001F
#define PidTagContainerClass	0x3613001F

/* A named property of our own: a string name in a GUID of ours. */
static const char *const example_guid = "2a6b3e0c-6a84-4b1e-9d0f-5e1f0d7c3a11";

static enum MAPISTATUS set_props(struct mapi_logon *logon, TALLOC_CTX *mem,
				 uint32_t folder, uint32_t named_tag)
{
	struct TaggedPropertyValue v[3] = {
		{ .PropertyTag = PidTagComment },
		{ .PropertyTag = PidTagContainerClass },
		{ .PropertyTag = named_tag },
	};
	struct PropertyProblemList problems;

	v[0].Value.String = "made by the folder_properties example";
	v[1].Value.String = "IPF.Note";
	v[2].Value.String = "a named property's value";
	return mapi_props_set(logon, mem, folder, v, 3, &problems);
}

static enum MAPISTATUS print_props(struct mapi_logon *logon, TALLOC_CTX *mem,
				   uint32_t folder, uint32_t named_tag)
{
	const uint32_t tags[] = { 0x3001001F, PidTagComment,
				  PidTagContainerClass, named_tag };
	struct property_row row;
	enum MAPISTATUS rv;
	uint32_t i;

	rv = mapi_props_get(logon, mem, folder, tags, 4, true, 0, &row);
	for (i = 0; rv == MAPI_E_SUCCESS && i < row.count; i++) {
		const char *name = mapi_prop_name(tags[i]);

		printf("%-24s %s\n", name ? name : "(named)",
		       mapi_prop_value_string(mem, row.cells[i].type,
					      &row.cells[i].value));
	}
	return rv;
}

static enum MAPISTATUS run(struct mapi_logon *logon, TALLOC_CTX *mem,
			   const char *name)
{
	struct PropertyName pn;
	struct GUID guid;
	uint16_t *ids = NULL;
	uint32_t inbox, folder, named_tag;
	uint64_t inbox_fid, fid;
	enum MAPISTATUS rv;

	rv = mapi_folder_default(logon, mem, MAPI_FOLDER_INBOX, &inbox_fid);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_folder_open(logon, mem, logon->handle, inbox_fid,
				      &inbox);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_folder_create(logon, mem, inbox, name, NULL, &fid,
					&folder, NULL);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	/* the named property's ID in this mailbox, created if new */
	GUID_from_string(example_guid, &guid);
	if (!mapi_named_string(mem, &guid, "ExampleNote", &pn)) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mapi_named_ids(logon, mem, folder, &pn, 1, true, &ids);
	named_tag = MAPI_PROP_TAG(rv == MAPI_E_SUCCESS ? ids[0] : 0,
				  PT_UNICODE);
	if (rv == MAPI_E_SUCCESS) {
		rv = set_props(logon, mem, folder, named_tag);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = print_props(logon, mem, folder, named_tag);
	}
	/* delete it again, for good */
	mapi_object_release(logon, folder);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_folder_delete(logon, mem, inbox, fid,
					DEL_MESSAGES | DEL_FOLDERS |
					DELETE_HARD_DELETE, NULL);
	}
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
	const char *name;
	struct poptOption options[] = {
		POPT_AUTOHELP
		MAPI_POPT_CONNECTION(&cl),
		POPT_TABLEEND
	};
	poptContext pc = poptGetContext("folder_properties", argc, argv,
					options, 0);

	while (poptGetNextOpt(pc) >= 0) {
	}
	name = poptGetArg(pc);
	rpc = mapi_cmdline_setup(mem_ctx, "folder_properties", &cl, &params);
	if (name != NULL && rpc != NULL &&
	    mapi_cmdline_password(mem_ctx, &params)) {
		rv = mapi_session_open(mem_ctx, rpc, &params, NULL, &session);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_session_mailbox(session, &logon);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = run(logon, mem_ctx, name);
	}
	if (rv != MAPI_E_SUCCESS) {
		fprintf(stderr, "folder_properties: %s (%s)\n",
			mapi_strerror(rv), mapi_status_string(rv));
	}
	poptFreeContext(pc);
	mapi_cmdline_free(&cl);
	talloc_free(mem_ctx);
	return rv == MAPI_E_SUCCESS ? 0 : 1;
}
