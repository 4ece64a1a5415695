/*
 * libmapi: the property ROPs (MS-OXCPRPT).
 */
#include "property.h"

#include <string.h>
#include <charset.h>

enum MAPISTATUS mapi_props_get(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       uint32_t handle, const uint32_t *tags,
			       uint16_t count, bool unicode,
			       uint16_t size_limit, struct property_row *row)
{
	struct RopRequest req = { .RopId = RopGetPropertiesSpecific };
	struct RopGetPropertiesSpecific_req *g =
		&req.Body.GetPropertiesSpecific;
	struct RopResponse *resp;
	struct ndr_pull *pull;
	enum MAPISTATUS rv;

	g->PropertySizeLimit = size_limit;
	g->WantUnicode = unicode ? 1 : 0;
	g->PropertyTagCount = count;
	g->PropertyTags = discard_const_p(uint32_t, tags);
	rv = mapi_logon_rop(logon, mem_ctx, handle, &req, &resp, NULL);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	/* the response is the only one: RowData is the row, typed by the
	 * tags asked for */
	pull = ndr_pull_init_blob(
		&resp->Body.GetPropertiesSpecific.Data.Success.RowData,
		mem_ctx);
	if (pull == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	pull->flags |= LIBNDR_FLAG_NOALIGN;
	if (ndr_pull_property_row(pull, mem_ctx, tags, count, row) !=
	    NDR_ERR_SUCCESS || pull->offset != pull->data_size) {
		return MAPI_E_CORRUPT_DATA;
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_props_get_all(struct mapi_logon *logon,
				   TALLOC_CTX *mem_ctx, uint32_t handle,
				   bool unicode,
				   struct TaggedPropertyValue **values,
				   uint16_t *count)
{
	struct RopRequest req = { .RopId = RopGetPropertiesAll };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	req.Body.GetPropertiesAll.WantUnicode = unicode ? 1 : 0;
	rv = mapi_logon_rop(logon, mem_ctx, handle, &req, &resp, NULL);
	if (rv == MAPI_E_SUCCESS) {
		*values = resp->Body.GetPropertiesAll.Data.Success
				  .PropertyValues;
		*count = resp->Body.GetPropertiesAll.Data.Success
				 .PropertyValueCount;
	}
	return rv;
}

enum MAPISTATUS mapi_props_list(struct mapi_logon *logon,
				TALLOC_CTX *mem_ctx, uint32_t handle,
				uint32_t **tags, uint16_t *count)
{
	struct RopRequest req = { .RopId = RopGetPropertiesList };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	rv = mapi_logon_rop(logon, mem_ctx, handle, &req, &resp, NULL);
	if (rv == MAPI_E_SUCCESS) {
		*tags = resp->Body.GetPropertiesList.Data.Success.PropertyTags;
		*count = resp->Body.GetPropertiesList.Data.Success
				 .PropertyTagCount;
	}
	return rv;
}

enum MAPISTATUS mapi_props_set(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       uint32_t handle,
			       const struct TaggedPropertyValue *values,
			       uint16_t count,
			       struct PropertyProblemList *problems)
{
	struct RopRequest req = { .RopId = RopSetProperties };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	req.Body.SetProperties.Values.PropertyValueCount = count;
	req.Body.SetProperties.Values.PropertyValues =
		discard_const_p(struct TaggedPropertyValue, values);
	rv = mapi_logon_rop(logon, mem_ctx, handle, &req, &resp, NULL);
	if (rv == MAPI_E_SUCCESS && problems != NULL) {
		*problems = resp->Body.SetProperties.Data.Success;
	}
	return rv;
}

enum MAPISTATUS mapi_props_delete(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint32_t handle,
				  const uint32_t *tags, uint16_t count,
				  struct PropertyProblemList *problems)
{
	struct RopRequest req = { .RopId = RopDeleteProperties };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	req.Body.DeleteProperties.PropertyTagCount = count;
	req.Body.DeleteProperties.PropertyTags = discard_const_p(uint32_t,
								 tags);
	rv = mapi_logon_rop(logon, mem_ctx, handle, &req, &resp, NULL);
	if (rv == MAPI_E_SUCCESS && problems != NULL) {
		*problems = resp->Body.DeleteProperties.Data.Success;
	}
	return rv;
}

enum MAPISTATUS mapi_named_ids(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       uint32_t handle,
			       const struct PropertyName *names,
			       uint16_t count, bool create, uint16_t **ids)
{
	struct RopRequest req = { .RopId = RopGetPropertyIdsFromNames };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	req.Body.GetPropertyIdsFromNames.Flags =
		create ? GetPropertyIdsFromNames_Create : 0;
	req.Body.GetPropertyIdsFromNames.PropertyNameCount = count;
	req.Body.GetPropertyIdsFromNames.PropertyNames =
		discard_const_p(struct PropertyName, names);
	rv = mapi_logon_rop(logon, mem_ctx, handle, &req, &resp, NULL);
	if (rv == MAPI_E_SUCCESS || rv == MAPI_W_ERRORS_RETURNED) {
		*ids = resp->Body.GetPropertyIdsFromNames.Data.Success
			       .PropertyIds;
	}
	return rv;
}

enum MAPISTATUS mapi_named_names(struct mapi_logon *logon,
				 TALLOC_CTX *mem_ctx, uint32_t handle,
				 const uint16_t *ids, uint16_t count,
				 struct PropertyName **names)
{
	struct RopRequest req = { .RopId = RopGetNamesFromPropertyIds };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	req.Body.GetNamesFromPropertyIds.PropertyIdCount = count;
	req.Body.GetNamesFromPropertyIds.PropertyIds =
		discard_const_p(uint16_t, ids);
	rv = mapi_logon_rop(logon, mem_ctx, handle, &req, &resp, NULL);
	if (rv == MAPI_E_SUCCESS || rv == MAPI_W_ERRORS_RETURNED) {
		*names = resp->Body.GetNamesFromPropertyIds.Data.Success
				 .PropertyNames;
	}
	return rv;
}

bool mapi_named_string(TALLOC_CTX *mem_ctx, const struct GUID *guid,
		       const char *name, struct PropertyName *out)
{
	void *u = NULL;
	size_t len = 0;

	memset(out, 0, sizeof(*out));
	out->Kind = MNID_STRING;
	out->Guid = *guid;
	/* MS-OXCDATA 2.6.1: NameSize counts the terminating NUL */
	if (!convert_string_talloc(mem_ctx, CH_UTF8, CH_UTF16LE, name,
				   strlen(name) + 1, &u, &len) ||
	    len > UINT8_MAX) {
		return false;
	}
	out->Value.Name.NameSize = len;
	out->Value.Name.Name = u;
	return true;
}
