/*
 * libmapi: read flags and status of messages (MS-OXCMSG 2.2.3.8 -
 * 2.2.3.11).  RopSetMessageReadFlag has one request layout per kind of
 * logon (MS-OXCROPS 2.2.6.11.1), built here by hand for public logons.
 */
#include "message.h"

#include <string.h>
#include "gen_ndr/ndr_rops_message.h"

/* RopId, LogonId, ResponseHandleIndex 0, then InputHandleIndex 0,
 * ReadFlags and ClientData: the public folders layout. */
static enum MAPISTATUS public_read_flag_rop(struct mapi_logon *logon,
					    TALLOC_CTX *mem_ctx,
					    uint8_t flags,
					    const uint8_t *client_data,
					    DATA_BLOB *out)
{
	struct RopSetMessageReadFlag_public_req r = { .ReadFlags = flags };
	struct ndr_push *push = ndr_push_init_ctx(mem_ctx);
	enum ndr_err_code err;

	if (push == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	push->flags |= LIBNDR_FLAG_NOALIGN;
	if (client_data != NULL) {
		memcpy(r.ClientData, client_data, sizeof(r.ClientData));
	}
	err = ndr_push_uint8(push, NDR_SCALARS, RopSetMessageReadFlag);
	if (err == NDR_ERR_SUCCESS) {
		err = ndr_push_uint8(push, NDR_SCALARS, logon->logon_id);
	}
	if (err == NDR_ERR_SUCCESS) {
		err = ndr_push_uint8(push, NDR_SCALARS, 0);
	}
	if (err == NDR_ERR_SUCCESS) {
		err = ndr_push_RopSetMessageReadFlag_public_req(
			push, NDR_SCALARS, &r);
	}
	if (err != NDR_ERR_SUCCESS) {
		return MAPI_E_INVALID_PARAMETER;
	}
	*out = ndr_push_blob(push);
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS public_read_flag(struct mapi_logon *logon,
					TALLOC_CTX *mem_ctx, uint32_t handle,
					uint8_t flags,
					const uint8_t *client_data,
					struct RopResponse **resp)
{
	struct mapi_emsmdb_rop_result result;
	DATA_BLOB rops;
	enum MAPISTATUS rv;

	rv = public_read_flag_rop(logon, mem_ctx, flags, client_data, &rops);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_emsmdb_rops_list(logon->emsmdb, mem_ctx, &rops,
					   &handle, 1, NULL, &result);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (result.count != 1 ||
	    result.responses[0].RopId != RopSetMessageReadFlag) {
		return MAPI_E_CALL_FAILED;
	}
	*resp = &result.responses[0];
	return (*resp)->Body.SetMessageReadFlag.ReturnValue;
}

enum MAPISTATUS mapi_message_set_read_flag(struct mapi_logon *logon,
					   TALLOC_CTX *mem_ctx,
					   uint32_t handle, uint8_t flags,
					   const uint8_t *client_data,
					   struct mapi_read_flag_result *result)
{
	struct RopRequest req = { .RopId = RopSetMessageReadFlag };
	struct RopResponse *resp = NULL;
	const struct RopSetMessageReadFlag_Success *s;
	enum MAPISTATUS rv;

	if (logon->is_public) {
		rv = public_read_flag(logon, mem_ctx, handle, flags,
				      client_data, &resp);
	} else {
		req.Body.SetMessageReadFlag.InputHandleIndex = 0;
		req.Body.SetMessageReadFlag.ReadFlags = flags;
		rv = mapi_logon_rop(logon, mem_ctx, handle, &req, &resp, NULL);
	}
	if (rv != MAPI_E_SUCCESS || result == NULL) {
		return rv;
	}
	s = &resp->Body.SetMessageReadFlag.Data.Success;
	memset(result, 0, sizeof(*result));
	result->changed = s->ReadStatusChanged != 0;
	if (result->changed) {
		memcpy(result->client_data, s->Changed.Changed.ClientData,
		       sizeof(result->client_data));
	}
	return rv;
}

enum MAPISTATUS mapi_messages_set_read_flags(struct mapi_logon *logon,
					     TALLOC_CTX *mem_ctx,
					     uint32_t folder, uint8_t flags,
					     const uint64_t *mids,
					     uint16_t count, bool *partial)
{
	struct RopRequest req = { .RopId = RopSetReadFlags };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	req.Body.SetReadFlags.WantAsynchronous = 0;
	req.Body.SetReadFlags.ReadFlags = flags;
	req.Body.SetReadFlags.MessageIdCount = count;
	req.Body.SetReadFlags.MessageIds = discard_const_p(uint64_t, mids);
	rv = mapi_logon_rop(logon, mem_ctx, folder, &req, &resp, NULL);
	if (rv == MAPI_E_SUCCESS && partial != NULL) {
		*partial = resp->Body.SetReadFlags.PartialCompletion != 0;
	}
	return rv;
}

enum MAPISTATUS mapi_message_get_status(struct mapi_logon *logon,
					TALLOC_CTX *mem_ctx, uint32_t folder,
					uint64_t mid, uint32_t *status)
{
	struct RopRequest req = { .RopId = RopGetMessageStatus };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	req.Body.GetMessageStatus.MessageId = mid;
	rv = mapi_logon_rop(logon, mem_ctx, folder, &req, &resp, NULL);
	if (rv == MAPI_E_SUCCESS) {
		*status = resp->Body.GetMessageStatus.Data.MessageStatusFlags;
	}
	return rv;
}

enum MAPISTATUS mapi_message_set_status(struct mapi_logon *logon,
					TALLOC_CTX *mem_ctx, uint32_t folder,
					uint64_t mid, uint32_t status,
					uint32_t mask, uint32_t *old)
{
	struct RopRequest req = { .RopId = RopSetMessageStatus };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	req.Body.SetMessageStatus.MessageId = mid;
	req.Body.SetMessageStatus.MessageStatusFlags = status;
	req.Body.SetMessageStatus.MessageStatusMask = mask;
	rv = mapi_logon_rop(logon, mem_ctx, folder, &req, &resp, NULL);
	if (rv == MAPI_E_SUCCESS && old != NULL) {
		*old = resp->Body.SetMessageStatus.Data.MessageStatusFlags;
	}
	return rv;
}
