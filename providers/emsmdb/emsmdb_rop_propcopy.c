/*
 * RopCopyTo and RopCopyProperties (MS-OXCPRPT 3.2.5.10, 3.2.5.11):
 * properties from the source object to the object at DestHandleIndex.
 * Both run synchronously (WantAsynchronous is a hint); RopCopyTo's
 * WantSubObjects copies the sub-objects too (emsmdb_rop_copysub.c).
 */
#include "emsmdb.h"
#include "emsmdb_logon.h"
#include "emsmdb_rop_handlers.h"
#include "emsmdb_rop_objprops.h"
#include "emsmdb_rop_copysub.h"
#include "store/store_lob.h"

#include <util/debug.h>

struct copy_job {
	struct emsmdb_object *dst;
	uint8_t flags;				/* PropertyCopyFlags */
	struct PropertyProblemList *problems;
};

static enum MAPISTATUS problem(TALLOC_CTX *mem_ctx,
			       struct PropertyProblemList *l, uint16_t index,
			       uint32_t tag, enum MAPISTATUS e)
{
	struct PropertyProblem *p = talloc_realloc(
		mem_ctx, l->PropertyProblems, struct PropertyProblem,
		l->PropertyProblemCount + 1);

	if (p == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	p[l->PropertyProblemCount] = (struct PropertyProblem) {
		.Index = index, .PropertyTag = tag, .ErrorCode = e };
	l->PropertyProblems = p;
	l->PropertyProblemCount++;
	return MAPI_E_SUCCESS;
}

/* Copy one value, honouring NoOverwrite and Move. */
static enum MAPISTATUS copy_value(struct emsmdb_rop_call *call,
				  struct copy_job *job,
				  const struct mstore_value *v,
				  const struct mstore_value *dst_all,
				  uint32_t dst_n, uint16_t index)
{
	struct mstore *src = emsmdb_store_of(call->input);
	struct mstore *dst = emsmdb_store_of(job->dst);
	struct mstore_value moved;
	enum MAPISTATUS one = MAPI_E_SUCCESS, rv;
	uint32_t tag = v->tag;
	uint64_t size;

	if ((job->flags & PropertyCopyFlags_NoOverwrite) &&
	    emsmdb_objprops_find(dst_all, dst_n, v->tag) != NULL) {
		return MAPI_E_SUCCESS;
	}
	/* a value kept out of line by another store is copied into the
	 * destination's */
	if (mstore_value_is_large(v) && src != dst) {
		one = mstore_large_transfer(call->mem_ctx, src, v, dst,
					    &moved);
		v = &moved;
	}
	rv = one != MAPI_E_SUCCESS ? MAPI_E_SUCCESS :
	     emsmdb_objprops_set(call, job->dst, v, 1, &one);
	if (rv == MAPI_E_SUCCESS && one == MAPI_E_SUCCESS &&
	    (job->flags & PropertyCopyFlags_Move)) {
		rv = emsmdb_objprops_delete(call, call->input, &tag, 1, &one);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (one != MAPI_E_SUCCESS) {
		mstore_large_info(v, &tag, &size);	/* its own tag */
		return problem(call->mem_ctx, job->problems, index, tag,
			       one);
	}
	return MAPI_E_SUCCESS;
}

static bool excluded(const uint32_t *tags, uint16_t n, uint32_t tag)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		if (MSTORE_PROP_ID(tags[i]) == MSTORE_PROP_ID(tag)) {
			return true;
		}
	}
	return false;
}

/*
 * The destination (MS-OXCROPS 2.2.8.11/2.2.8.12): no object there is
 * ecDstNullObject with DestHandleIndex; it must be of the source's kind.
 */
static enum MAPISTATUS start(struct emsmdb_rop_call *call, uint8_t dst_index,
			     uint32_t *resp_dst_index, struct copy_job *job,
			     struct mstore_value **src, uint32_t *src_n,
			     struct mstore_value **dst, uint32_t *dst_n)
{
	enum MAPISTATUS rv;

	job->dst = emsmdb_rop_object_at(call, dst_index);
	if (job->dst == NULL) {
		*resp_dst_index = dst_index;
		call->keep_body = true;
		return ecDstNullObject;
	}
	if (job->dst->type != call->input->type || job->dst == call->input ||
	    (job->dst->type == EMSMDB_OBJECT_FOLDER &&
	     ((struct emsmdb_folder *)job->dst->data)->fid ==
	     ((struct emsmdb_folder *)call->input->data)->fid)) {
		/* the same object, through another handle too */
		return MAPI_E_INVALID_PARAMETER;
	}
	rv = emsmdb_objprops_all(call->mem_ctx, call, call->input, src,
				 src_n);
	if (rv == MAPI_E_SUCCESS) {
		rv = emsmdb_objprops_all(call->mem_ctx, call, job->dst, dst,
					 dst_n);
	}
	return rv;
}

/* MS-OXCPRPT 3.2.5.10 RopCopyTo: everything but the excluded tags */
enum MAPISTATUS emsmdb_rop_copy_to(struct emsmdb_rop_call *call)
{
	const struct RopCopyTo_req *req = &call->request->Body.CopyTo;
	union RopCopyTo_resp_data *d = &call->response->Body.CopyTo.Data;
	struct copy_job job = { .flags = req->CopyFlags,
				.problems = &d->Success };
	struct mstore_value *src, *dst;
	uint32_t src_n, dst_n, i;
	enum MAPISTATUS rv;

	rv = start(call, req->DestHandleIndex, &d->DestHandleIndex, &job,
		   &src, &src_n, &dst, &dst_n);
	for (i = 0; rv == MAPI_E_SUCCESS && i < src_n; i++) {
		if (excluded(req->ExcludedTags, req->ExcludedTagCount,
			     src[i].tag) ||
		    MSTORE_PROP_TYPE(src[i].tag) == PT_ERROR) {
			continue;
		}
		rv = copy_value(call, &job, &src[i], dst, dst_n, i);
	}
	/* computed properties are not copied: not problems for CopyTo */
	if (rv == MAPI_E_SUCCESS) {
		d->Success.PropertyProblemCount = 0;
	}
	if (rv == MAPI_E_SUCCESS && req->WantSubObjects) {
		rv = emsmdb_copy_subobjects(call, job.dst, req->CopyFlags,
					    req->ExcludedTags,
					    req->ExcludedTagCount);
	}
	return rv;
}

/* MS-OXCPRPT 3.2.5.11 RopCopyProperties: the listed tags */
enum MAPISTATUS emsmdb_rop_copy_properties(struct emsmdb_rop_call *call)
{
	const struct RopCopyProperties_req *req =
		&call->request->Body.CopyProperties;
	union RopCopyProperties_resp_data *d =
		&call->response->Body.CopyProperties.Data;
	struct copy_job job = { .flags = req->CopyFlags,
				.problems = &d->Success };
	struct mstore_value *src, *dst;
	const struct mstore_value *v;
	uint32_t src_n, dst_n, i;
	enum MAPISTATUS rv;

	rv = start(call, req->DestHandleIndex, &d->DestHandleIndex, &job,
		   &src, &src_n, &dst, &dst_n);
	for (i = 0; rv == MAPI_E_SUCCESS && i < req->PropertyTagCount; i++) {
		v = emsmdb_objprops_find(src, src_n, req->PropertyTags[i]);
		if (v == NULL) {
			rv = problem(call->mem_ctx, job.problems, i,
				     req->PropertyTags[i], MAPI_E_NOT_FOUND);
			continue;
		}
		rv = copy_value(call, &job, v, dst, dst_n, i);
	}
	return rv;
}
