/*
 * Property ROPs (MS-OXCPRPT, MS-OXCROPS 2.2.8) on logon, folder and
 * message objects.  Named properties: emsmdb_rop_named.c.
 */
#include "emsmdb.h"
#include "emsmdb_logon.h"
#include "emsmdb_rop_handlers.h"
#include "emsmdb_rop_objprops.h"
#include "emsmdb_rop_propval.h"
#include "libmapi/ndr/property_row.h"

#include <util/debug.h>

/* RopId, InputHandleIndex, ReturnValue of a response */
#define RESPONSE_HEADER 6
/* room kept for the rest of a response around one value */
#define VALUE_MARGIN 16

/* A stored string tag for a requested one (string8 -> Unicode). */
static uint32_t stored_tag(uint32_t tag)
{
	switch (MSTORE_PROP_TYPE(tag)) {
	case PT_STRING8:
		return MSTORE_PROP_TAG(MSTORE_PROP_ID(tag), PT_UNICODE);
	case PT_MV_STRING8:
		return MSTORE_PROP_TAG(MSTORE_PROP_ID(tag), PT_MV_UNICODE);
	default:
		return tag;
	}
}

static void error_cell(struct property_row_value *cell, enum MAPISTATUS e)
{
	cell->type = PT_ERROR;
	cell->flag = PROPERTY_FLAG_ERROR;
	cell->value.ErrorCode = e;
}

/* MS-OXCDATA 2.4.2: a value kept out of line is too large to be
 * retrieved this way (NotEnoughMemory: read it with RopOpenStream); a
 * request for another type than the stored one finds nothing. */
static void large_cell(const struct mstore_value *v, uint32_t tag,
		       struct property_row_value *cell)
{
	uint16_t want = MSTORE_PROP_TYPE(tag), have;
	uint64_t size;
	uint32_t real;
	bool strings;

	mstore_large_info(v, &real, &size);
	have = MSTORE_PROP_TYPE(real);
	strings = (want == PT_STRING8 || want == PT_UNICODE) &&
		  (have == PT_STRING8 || have == PT_UNICODE);
	if (want == PT_UNSPECIFIED || want == have || strings ||
	    (want == PT_OBJECT && have == PT_BINARY)) {
		error_cell(cell, MAPI_E_NOT_ENOUGH_MEMORY);
	} else {
		error_cell(cell, MAPI_E_NOT_FOUND);
	}
}

/*
 * MS-OXCPRPT 3.2.5.1: one requested value.  A value larger than
 * PropertySizeLimit, or than what is left of the response buffer, is the
 * error NotEnoughMemory (the client reads it with RopOpenStream).
 */
static void fill_cell(TALLOC_CTX *mem_ctx, const struct emsmdb_strconv *conv,
		      const struct mstore_value *v, uint32_t tag,
		      bool unicode, size_t limit, size_t *room,
		      struct property_row_value *cell)
{
	enum MAPISTATUS rv;
	uint16_t type;
	size_t size;

	if (v == NULL) {
		error_cell(cell, MAPI_E_NOT_FOUND);
		return;
	}
	if (mstore_value_is_large(v)) {
		large_cell(v, tag, cell);
		return;
	}
	type = emsmdb_wire_type(MSTORE_PROP_TYPE(v->tag),
				MSTORE_PROP_TYPE(tag), unicode);
	rv = emsmdb_value_to_wire(mem_ctx, conv, v, type, &cell->value);
	if (rv != MAPI_E_SUCCESS) {
		/* another type than the stored one: no such value; a type
		 * without a ROP encoding here: InvalidType */
		error_cell(cell, rv != MAPI_E_INVALID_TYPE ? rv :
				 type != MSTORE_PROP_TYPE(v->tag) ?
				 MAPI_E_NOT_FOUND : MAPI_E_INVALID_TYPE);
		return;
	}
	cell->type = type;
	cell->flag = PROPERTY_FLAG_VALUE;
	size = emsmdb_wire_size(mem_ctx, type, &cell->value);
	if ((limit != 0 && size > limit) || size + VALUE_MARGIN > *room) {
		error_cell(cell, MAPI_E_NOT_ENOUGH_MEMORY);
		return;
	}
	*room -= size;
}

static size_t room_of(struct emsmdb_rop_call *call, size_t fixed)
{
	return call->out_room > fixed ? call->out_room - fixed : 0;
}

/* MS-OXCPRPT 3.2.5.1 RopGetPropertiesSpecific */
enum MAPISTATUS emsmdb_rop_get_properties_specific(
	struct emsmdb_rop_call *call)
{
	const struct RopGetPropertiesSpecific_req *req =
		&call->request->Body.GetPropertiesSpecific;
	struct emsmdb_strconv conv;
	struct property_row row = { .count = req->PropertyTagCount };
	struct mstore_value *all = NULL;
	struct ndr_push *push;
	uint32_t n = 0, i;
	size_t room = room_of(call, RESPONSE_HEADER + 1 +
				    req->PropertyTagCount * 3);
	enum MAPISTATUS rv;

	rv = emsmdb_objprops_all(call->mem_ctx, call, call->input, &all, &n);
	if (rv == MAPI_E_SUCCESS) {
		rv = emsmdb_strconv_of(call, &conv);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	row.cells = talloc_zero_array(call->mem_ctx,
				      struct property_row_value, row.count);
	push = ndr_push_init_ctx(call->mem_ctx);
	if ((row.cells == NULL && row.count > 0) || push == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < row.count; i++) {
		fill_cell(call->mem_ctx, &conv,
			  emsmdb_objprops_find(all, n, req->PropertyTags[i]),
			  req->PropertyTags[i], req->WantUnicode != 0,
			  req->PropertySizeLimit, &room, &row.cells[i]);
	}
	row.kind = property_row_choose_kind(&row);
	push->flags |= LIBNDR_FLAG_NOALIGN;
	if (ndr_push_property_row(push, req->PropertyTags, row.count, &row) !=
	    NDR_ERR_SUCCESS) {
		DBG_ERR("cannot encode a property row\n");
		return MAPI_E_CALL_FAILED;
	}
	call->response->Body.GetPropertiesSpecific.Data.Success.RowData =
		ndr_push_blob(push);
	return MAPI_E_SUCCESS;
}

/* MS-OXCPRPT 3.2.5.2 RopGetPropertiesAll: every value as a
 * TaggedPropertyValue; errors as PtypErrorCode values. */
enum MAPISTATUS emsmdb_rop_get_properties_all(struct emsmdb_rop_call *call)
{
	const struct RopGetPropertiesAll_req *req =
		&call->request->Body.GetPropertiesAll;
	struct RopGetPropertiesAll_resp_success *ok =
		&call->response->Body.GetPropertiesAll.Data.Success;
	struct emsmdb_strconv conv;
	struct mstore_value *all = NULL;
	uint32_t n = 0, i;
	size_t room = room_of(call, RESPONSE_HEADER + 2);
	enum MAPISTATUS rv;

	rv = emsmdb_objprops_all(call->mem_ctx, call, call->input, &all, &n);
	if (rv == MAPI_E_SUCCESS) {
		rv = emsmdb_strconv_of(call, &conv);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	ok->PropertyValues = talloc_zero_array(call->mem_ctx,
					       struct TaggedPropertyValue, n);
	if (ok->PropertyValues == NULL && n > 0) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < n && i < 0x4000; i++) {
		struct property_row_value cell = { 0 };
		struct TaggedPropertyValue *t = &ok->PropertyValues[i];

		room = room > 4 ? room - 4 : 0;
		fill_cell(call->mem_ctx, &conv, &all[i], PT_UNSPECIFIED,
			  req->WantUnicode != 0, req->PropertySizeLimit,
			  &room, &cell);
		t->PropertyTag = MSTORE_PROP_TAG(MSTORE_PROP_ID(all[i].tag),
						 cell.type);
		t->Value = cell.value;
	}
	ok->PropertyValueCount = i;
	return MAPI_E_SUCCESS;
}

/* MS-OXCPRPT 3.2.5.3 RopGetPropertiesList */
enum MAPISTATUS emsmdb_rop_get_properties_list(struct emsmdb_rop_call *call)
{
	struct RopGetPropertiesList_resp_success *ok =
		&call->response->Body.GetPropertiesList.Data.Success;
	struct mstore_value *all = NULL;
	uint32_t n = 0, i;
	enum MAPISTATUS rv;

	rv = emsmdb_objprops_all(call->mem_ctx, call, call->input, &all, &n);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	ok->PropertyTags = talloc_zero_array(call->mem_ctx, uint32_t, n);
	if (ok->PropertyTags == NULL && n > 0) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < n && i < 0x4000; i++) {
		uint64_t size;

		/* a value kept out of line: its own tag */
		if (mstore_large_info(&all[i], &ok->PropertyTags[i], &size) !=
		    MAPI_E_SUCCESS) {
			ok->PropertyTags[i] = all[i].tag;
		}
	}
	ok->PropertyTagCount = i;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS add_problem(TALLOC_CTX *mem_ctx,
				   struct PropertyProblemList *list,
				   uint16_t index, uint32_t tag,
				   enum MAPISTATUS e)
{
	struct PropertyProblem *p = talloc_realloc(
		mem_ctx, list->PropertyProblems, struct PropertyProblem,
		list->PropertyProblemCount + 1);

	if (p == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	list->PropertyProblems = p;
	p[list->PropertyProblemCount].Index = index;
	p[list->PropertyProblemCount].PropertyTag = tag;
	p[list->PropertyProblemCount].ErrorCode = e;
	list->PropertyProblemCount++;
	return MAPI_E_SUCCESS;
}

/*
 * MS-OXCPRPT 3.2.5.4: set each value; the ones that could not be set
 * are listed as PropertyProblems, the ROP itself succeeds.
 */
static enum MAPISTATUS set_properties(struct emsmdb_rop_call *call,
				      const struct PropertySetValues *in,
				      struct PropertyProblemList *problems)
{
	struct emsmdb_strconv conv;
	struct mstore_value *v;
	enum MAPISTATUS *status, rv;
	uint32_t i, n = in->PropertyValueCount;

	rv = emsmdb_strconv_of(call, &conv);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	v = talloc_zero_array(call->mem_ctx, struct mstore_value, n);
	status = talloc_zero_array(call->mem_ctx, enum MAPISTATUS, n);
	if ((v == NULL || status == NULL) && n > 0) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < n; i++) {
		const struct TaggedPropertyValue *t = &in->PropertyValues[i];

		status[i] = emsmdb_value_from_wire(call->mem_ctx, &conv,
						   t->PropertyTag, &t->Value,
						   &v[i]);
	}
	for (i = 0; i < n; i++) {
		enum MAPISTATUS one = status[i];

		if (one == MAPI_E_SUCCESS) {
			rv = emsmdb_objprops_set(call, call->input, &v[i], 1,
						 &one);
			if (rv != MAPI_E_SUCCESS) {
				return rv;
			}
		}
		if (one != MAPI_E_SUCCESS &&
		    add_problem(call->mem_ctx, problems, i,
				in->PropertyValues[i].PropertyTag, one) !=
		    MAPI_E_SUCCESS) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	return MAPI_E_SUCCESS;
}

/* MS-OXCPRPT 3.2.5.4 RopSetProperties */
enum MAPISTATUS emsmdb_rop_set_properties(struct emsmdb_rop_call *call)
{
	return set_properties(call,
			      &call->request->Body.SetProperties.Values,
			      &call->response->Body.SetProperties.Data.Success);
}

/* MS-OXCPRPT 2.2.6 / 3.2.5.5: without folder replication, the same as
 * RopSetProperties */
enum MAPISTATUS emsmdb_rop_set_properties_no_replicate(
	struct emsmdb_rop_call *call)
{
	return set_properties(
		call, &call->request->Body.SetPropertiesNoReplicate.Values,
		&call->response->Body.SetPropertiesNoReplicate.Data.Success);
}

/* MS-OXCPRPT 3.2.5.6: delete each property; failures are problems. */
static enum MAPISTATUS delete_properties(struct emsmdb_rop_call *call,
					 uint16_t count, const uint32_t *tags,
					 struct PropertyProblemList *problems)
{
	enum MAPISTATUS one, rv;
	uint32_t i, tag;

	for (i = 0; i < count; i++) {
		tag = stored_tag(tags[i]);
		rv = emsmdb_objprops_delete(call, call->input, &tag, 1, &one);
		if (rv != MAPI_E_SUCCESS) {
			return rv;
		}
		if (one != MAPI_E_SUCCESS &&
		    add_problem(call->mem_ctx, problems, i, tags[i], one) !=
		    MAPI_E_SUCCESS) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	return MAPI_E_SUCCESS;
}

/* MS-OXCPRPT 3.2.5.6 RopDeleteProperties */
enum MAPISTATUS emsmdb_rop_delete_properties(struct emsmdb_rop_call *call)
{
	const struct RopDeleteProperties_req *req =
		&call->request->Body.DeleteProperties;

	return delete_properties(
		call, req->PropertyTagCount, req->PropertyTags,
		&call->response->Body.DeleteProperties.Data.Success);
}

/* MS-OXCPRPT 2.2.8 / 3.2.5.7 RopDeletePropertiesNoReplicate */
enum MAPISTATUS emsmdb_rop_delete_properties_no_replicate(
	struct emsmdb_rop_call *call)
{
	const struct RopDeletePropertiesNoReplicate_req *req =
		&call->request->Body.DeletePropertiesNoReplicate;

	return delete_properties(
		call, req->PropertyTagCount, req->PropertyTags,
		&call->response->Body.DeletePropertiesNoReplicate.Data.Success);
}

/*
 * MS-OXCPRPT 3.2.5.20 RopProgress.  The ROP engine runs every ROP to its
 * end within its EcDoRpcExt2 call: WantAsynchronous is a request the
 * server may decline (MS-OXCFOLD 3.1.5.2, 3.2.5.9: it "can return ... the
 * ROP response buffer to indicate that the operation has already
 * completed"), so no ROP is ever answered with a RopProgress response and
 * no operation is pending when a RopProgress request arrives.  The
 * answer says so: 0 of 0 tasks, nothing left (WantCancel has nothing to
 * abort).
 */
enum MAPISTATUS emsmdb_rop_progress(struct emsmdb_rop_call *call)
{
	struct RopProgress_resp_success *ok =
		&call->response->Body.Progress.Data.Success;

	ok->LogonId = call->request->LogonId;
	ok->CompletedTaskCount = 0;
	ok->TotalTaskCount = 0;
	return MAPI_E_SUCCESS;
}
