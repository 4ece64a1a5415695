/*
 * Typed context handles owned by the caller that created them.
 */
#include "mapiproxy.h"

#include <ndr.h>

struct dcesrv_handle *mpx_handle_new(struct dcesrv_call_state *dce_call,
				     uint8_t handle_type, void *data)
{
	struct dcesrv_handle *h = dcesrv_handle_create(dce_call, handle_type);

	if (h == NULL) {
		return NULL;
	}
	h->data = talloc_steal(h, data);
	return h;
}

/*
 * dcesrv_handle_lookup() refuses handles of another association group and
 * of another user (SID), but it *creates* a handle when given the all-zero
 * one: never pass it that.
 */
static struct dcesrv_handle *lookup(struct dcesrv_call_state *dce_call,
				    const struct policy_handle *wire,
				    uint8_t handle_type)
{
	struct dcesrv_handle *h;

	if (wire == NULL || ndr_policy_handle_empty(wire)) {
		return NULL;
	}
	h = dcesrv_handle_lookup(dce_call, wire, handle_type);
	if (h == NULL || h->wire_handle.handle_type != handle_type) {
		return NULL;
	}
	return h;
}

void *mpx_handle_data(struct dcesrv_call_state *dce_call,
		      const struct policy_handle *wire, uint8_t handle_type)
{
	struct dcesrv_handle *h = lookup(dce_call, wire, handle_type);

	return h != NULL ? h->data : NULL;
}

void mpx_handle_close(struct dcesrv_call_state *dce_call,
		      struct policy_handle *wire, uint8_t handle_type)
{
	struct dcesrv_handle *h = lookup(dce_call, wire, handle_type);

	TALLOC_FREE(h);
	NDR_ZERO_STRUCTP(wire);
}
