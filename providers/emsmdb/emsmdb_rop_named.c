/*
 * Named property ROPs (MS-OXCPRPT 3.2.5.8, 3.2.5.9, 3.2.5.12) through
 * the store's per-mailbox map.  Names in PS_MAPI with a LID are the
 * tagged properties themselves: their id is the LID (MS-OXCPRPT
 * 3.2.5.8, 3.2.5.9).
 */
#include "emsmdb.h"
#include "emsmdb_logon.h"
#include "emsmdb_rop_handlers.h"

#include <string.h>
#include <charset.h>
#include <util/debug.h>

#define NAMED_FIRST 0x8000

/* PS_MAPI {00020328-0000-0000-C000-000000000046} (MS-OXPROPS 1.3.2) */
static const struct GUID PS_MAPI = {
	0x00020328, 0x0000, 0x0000, { 0xC0, 0x00 },
	{ 0x00, 0x00, 0x00, 0x00, 0x00, 0x46 }
};

static void mguid_of(struct mstore_guid *m, const struct GUID *g)
{
	uint8_t tmp[16];

	/* MS-DTYP 2.3.4.2 little-endian form */
	tmp[0] = g->time_low & 0xFF;
	tmp[1] = (g->time_low >> 8) & 0xFF;
	tmp[2] = (g->time_low >> 16) & 0xFF;
	tmp[3] = (g->time_low >> 24) & 0xFF;
	tmp[4] = g->time_mid & 0xFF;
	tmp[5] = g->time_mid >> 8;
	tmp[6] = g->time_hi_and_version & 0xFF;
	tmp[7] = g->time_hi_and_version >> 8;
	memcpy(tmp + 8, g->clock_seq, 2);
	memcpy(tmp + 10, g->node, 6);
	memcpy(m->bytes, tmp, sizeof(tmp));
}

static void guid_of(struct GUID *g, const struct mstore_guid *m)
{
	DATA_BLOB b = data_blob_const(m->bytes, sizeof(m->bytes));

	GUID_from_ndr_blob(&b, g);
}

/* A wire PropertyName as the store's (the name UTF-16LE -> UTF-8). */
static enum MAPISTATUS name_in(TALLOC_CTX *mem_ctx,
			       const struct PropertyName *in,
			       struct mstore_named_prop *out)
{
	char *s = NULL;
	size_t len = 0;

	memset(out, 0, sizeof(*out));
	mguid_of(&out->guid, &in->Guid);
	switch (in->Kind) {
	case MNID_ID:
		out->lid = in->Value.LID;
		return MAPI_E_SUCCESS;
	case MNID_STRING:
		out->is_string = true;
		if (!convert_string_talloc(mem_ctx, CH_UTF16LE, CH_UTF8,
					   in->Value.Name.Name,
					   in->Value.Name.NameSize,
					   &s, &len)) {
			return MAPI_E_INVALID_PARAMETER;
		}
		/* the name may carry its terminating NUL */
		out->name = talloc_strndup(mem_ctx, s, len);
		return out->name ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
	default:
		return MAPI_E_INVALID_PARAMETER;
	}
}

static enum MAPISTATUS name_out(TALLOC_CTX *mem_ctx,
				const struct mstore_named_prop *in,
				struct PropertyName *out)
{
	void *u = NULL;
	size_t len = 0;

	memset(out, 0, sizeof(*out));
	guid_of(&out->Guid, &in->guid);
	if (!in->is_string) {
		out->Kind = MNID_ID;
		out->Value.LID = in->lid;
		return MAPI_E_SUCCESS;
	}
	out->Kind = MNID_STRING;
	/* NameSize counts the terminating NUL (MS-OXCDATA 2.6.1) */
	if (!convert_string_talloc(mem_ctx, CH_UTF8, CH_UTF16LE, in->name,
				   strlen(in->name) + 1, &u, &len) ||
	    len > UINT8_MAX) {
		return MAPI_E_INVALID_PARAMETER;
	}
	out->Value.Name.NameSize = len;
	out->Value.Name.Name = u;
	return MAPI_E_SUCCESS;
}

static bool is_ps_mapi_id(const struct PropertyName *n)
{
	return n->Kind == MNID_ID && GUID_equal(&n->Guid, &PS_MAPI);
}

/* MS-OXCPRPT 3.2.5.8 RopGetPropertyIdsFromNames: unknown names (or
 * names that cannot be created) get id 0 and the warning
 * ErrorsReturned. */
enum MAPISTATUS emsmdb_rop_get_property_ids_from_names(
	struct emsmdb_rop_call *call)
{
	const struct RopGetPropertyIdsFromNames_req *req =
		&call->request->Body.GetPropertyIdsFromNames;
	struct RopGetPropertyIdsFromNames_resp_success *ok =
		&call->response->Body.GetPropertyIdsFromNames.Data.Success;
	struct mstore *store = emsmdb_store_of(call->input);
	bool create = req->Flags & GetPropertyIdsFromNames_Create;
	enum MAPISTATUS rv = MAPI_E_SUCCESS, one;
	uint16_t i;

	ok->PropertyIds = talloc_zero_array(call->mem_ctx, uint16_t,
					    req->PropertyNameCount);
	if (ok->PropertyIds == NULL && req->PropertyNameCount > 0) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ok->PropertyIdCount = req->PropertyNameCount;
	for (i = 0; i < req->PropertyNameCount; i++) {
		const struct PropertyName *n = &req->PropertyNames[i];
		struct mstore_named_prop np;

		if (is_ps_mapi_id(n)) {
			ok->PropertyIds[i] = n->Value.LID & 0xFFFF;
			continue;
		}
		one = name_in(call->mem_ctx, n, &np);
		if (one == MAPI_E_SUCCESS) {
			one = mstore_named_to_id(store, &np, create,
						 &ok->PropertyIds[i]);
		}
		if (one != MAPI_E_SUCCESS) {
			ok->PropertyIds[i] = 0;
			rv = MAPI_W_ERRORS_RETURNED;
		}
	}
	/* the warning response has the success layout */
	call->keep_body = true;
	return rv;
}

/* MS-OXCPRPT 3.2.5.9 RopGetNamesFromPropertyIds: ids below 0x8000 are
 * PS_MAPI names; unknown ids get Kind 0xFF and ErrorsReturned. */
enum MAPISTATUS emsmdb_rop_get_names_from_property_ids(
	struct emsmdb_rop_call *call)
{
	const struct RopGetNamesFromPropertyIds_req *req =
		&call->request->Body.GetNamesFromPropertyIds;
	struct RopGetNamesFromPropertyIds_resp_success *ok =
		&call->response->Body.GetNamesFromPropertyIds.Data.Success;
	struct mstore *store = emsmdb_store_of(call->input);
	enum MAPISTATUS rv = MAPI_E_SUCCESS, one;
	uint16_t i;

	if (req->PropertyIdCount > 0xF0F) {
		return MAPI_E_TOO_BIG;
	}
	ok->PropertyNames = talloc_zero_array(call->mem_ctx,
					      struct PropertyName,
					      req->PropertyIdCount);
	if (ok->PropertyNames == NULL && req->PropertyIdCount > 0) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ok->PropertyNameCount = req->PropertyIdCount;
	for (i = 0; i < req->PropertyIdCount; i++) {
		struct PropertyName *out = &ok->PropertyNames[i];
		struct mstore_named_prop np;
		uint16_t id = req->PropertyIds[i];

		if (id < NAMED_FIRST) {
			out->Kind = MNID_ID;
			out->Guid = PS_MAPI;
			out->Value.LID = id;
			continue;
		}
		one = mstore_id_to_named(call->mem_ctx, store, id, &np);
		if (one == MAPI_E_SUCCESS) {
			one = name_out(call->mem_ctx, &np, out);
		}
		if (one != MAPI_E_SUCCESS) {
			memset(out, 0, sizeof(*out));
			out->Kind = MNID_NONE;
			rv = MAPI_W_ERRORS_RETURNED;
		}
	}
	call->keep_body = true;
	return rv;
}

static bool query_wanted(const struct RopQueryNamedProperties_req *req,
			 const struct mstore_named_prop *np)
{
	struct GUID g;

	if (np->is_string &&
	    (req->QueryFlags & PropertyQueryFlags_NoStrings)) {
		return false;
	}
	if (!np->is_string && (req->QueryFlags & PropertyQueryFlags_NoIds)) {
		return false;
	}
	if (req->HasGuid) {
		guid_of(&g, &np->guid);
		return GUID_equal(&g, &req->PropertyGuid.PropertyGuid);
	}
	return true;
}

/* MS-OXCPRPT 3.2.5.12 RopQueryNamedProperties */
enum MAPISTATUS emsmdb_rop_query_named_properties(
	struct emsmdb_rop_call *call)
{
	const struct RopQueryNamedProperties_req *req =
		&call->request->Body.QueryNamedProperties;
	struct RopQueryNamedProperties_resp_success *ok =
		&call->response->Body.QueryNamedProperties.Data.Success;
	struct mstore *store = emsmdb_store_of(call->input);
	struct mstore_named_prop *names = NULL;
	uint16_t *ids = NULL;
	uint32_t count = 0, i, n = 0;
	enum MAPISTATUS rv;

	rv = mstore_named_list(call->mem_ctx, store, &ids, &names, &count);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	ok->PropertyIds = talloc_zero_array(call->mem_ctx, uint16_t, count);
	ok->PropertyNames = talloc_zero_array(call->mem_ctx,
					      struct PropertyName, count);
	if ((ok->PropertyIds == NULL || ok->PropertyNames == NULL) &&
	    count > 0) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < count && n < 0xD79; i++) {
		if (!query_wanted(req, &names[i]) ||
		    name_out(call->mem_ctx, &names[i],
			     &ok->PropertyNames[n]) != MAPI_E_SUCCESS) {
			continue;
		}
		ok->PropertyIds[n++] = ids[i];
	}
	ok->IdCount = n;
	return MAPI_E_SUCCESS;
}
