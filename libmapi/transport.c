/*
 * libmapi: sending messages and the spooler (MS-OXOMSG, MS-OXCROPS
 * 2.2.7).
 */
#include "transport.h"

#include <string.h>

/* One ROP on @a handle whose response only has a ReturnValue. */
static enum MAPISTATUS simple_rop(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint32_t handle,
				  struct RopRequest *req)
{
	struct RopResponse *resp;

	return mapi_logon_rop(logon, mem_ctx, handle, req, &resp, NULL);
}

enum MAPISTATUS mapi_message_submit(struct mapi_logon *logon,
				    TALLOC_CTX *mem_ctx, uint32_t handle,
				    uint8_t submit_flags)
{
	struct RopRequest req = { .RopId = RopSubmitMessage };

	req.Body.SubmitMessage.SubmitFlags = submit_flags;
	return simple_rop(logon, mem_ctx, handle, &req);
}

enum MAPISTATUS mapi_abort_submit(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint64_t fid,
				  uint64_t mid)
{
	struct RopRequest req = { .RopId = RopAbortSubmit };

	req.Body.AbortSubmit.FolderId = fid;
	req.Body.AbortSubmit.MessageId = mid;
	return simple_rop(logon, mem_ctx, logon->handle, &req);
}

enum MAPISTATUS mapi_set_spooler(struct mapi_logon *logon,
				 TALLOC_CTX *mem_ctx)
{
	struct RopRequest req = { .RopId = RopSetSpooler };

	return simple_rop(logon, mem_ctx, logon->handle, &req);
}

enum MAPISTATUS mapi_spooler_lock(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint64_t mid,
				  enum mapi_spooler_lock state)
{
	struct RopRequest req = { .RopId = RopSpoolerLockMessage };

	req.Body.SpoolerLockMessage.MessageId = mid;
	req.Body.SpoolerLockMessage.LockState = (enum TransportLockState)state;
	return simple_rop(logon, mem_ctx, logon->handle, &req);
}

enum MAPISTATUS mapi_transport_send(struct mapi_logon *logon,
				    TALLOC_CTX *mem_ctx, uint32_t handle,
				    struct TaggedPropertyValue **values,
				    uint16_t *count)
{
	struct RopRequest req = { .RopId = RopTransportSend };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	*values = NULL;
	*count = 0;
	rv = mapi_logon_rop(logon, mem_ctx, handle, &req, &resp, NULL);
	if (rv == MAPI_E_SUCCESS) {
		const struct RopTransportSend_resp_success *ok =
			&resp->Body.TransportSend.Data.Success;

		if (ok->NoPropertiesReturned == 0) {
			*values = ok->Properties.Properties.PropertyValues;
			*count = ok->Properties.Properties.PropertyValueCount;
		}
	}
	return rv;
}

enum MAPISTATUS mapi_transport_new_mail(struct mapi_logon *logon,
					TALLOC_CTX *mem_ctx, uint64_t fid,
					uint64_t mid,
					const char *message_class,
					uint32_t message_flags)
{
	struct RopRequest req = { .RopId = RopTransportNewMail };

	req.Body.TransportNewMail.MessageId = mid;
	req.Body.TransportNewMail.FolderId = fid;
	req.Body.TransportNewMail.MessageClass = message_class;
	req.Body.TransportNewMail.MessageFlags = message_flags;
	return simple_rop(logon, mem_ctx, logon->handle, &req);
}

enum MAPISTATUS mapi_transport_folder(struct mapi_logon *logon,
				      TALLOC_CTX *mem_ctx, uint64_t *fid)
{
	struct RopRequest req = { .RopId = RopGetTransportFolder };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	rv = mapi_logon_rop(logon, mem_ctx, logon->handle, &req, &resp,
			    NULL);
	if (rv == MAPI_E_SUCCESS) {
		*fid = resp->Body.GetTransportFolder.Data.Success.FolderId;
	}
	return rv;
}

enum MAPISTATUS mapi_address_types(struct mapi_logon *logon,
				   TALLOC_CTX *mem_ctx, const char ***types,
				   uint16_t *count)
{
	struct RopRequest req = { .RopId = RopGetAddressTypes };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	*types = NULL;
	*count = 0;
	rv = mapi_logon_rop(logon, mem_ctx, logon->handle, &req, &resp,
			    NULL);
	if (rv == MAPI_E_SUCCESS) {
		const struct RopGetAddressTypes_resp_success *ok =
			&resp->Body.GetAddressTypes.Data.Success;

		*types = ok->AddressTypes;
		*count = ok->AddressTypeCount;
	}
	return rv;
}

enum MAPISTATUS mapi_options_data(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx,
				  const char *address_type, bool want_win32,
				  struct mapi_options_data *out)
{
	struct RopRequest req = { .RopId = RopOptionsData };
	struct RopResponse *resp;
	enum MAPISTATUS rv;

	memset(out, 0, sizeof(*out));
	req.Body.OptionsData.AddressType = address_type;
	req.Body.OptionsData.WantWin32 = want_win32 ? 1 : 0;
	rv = mapi_logon_rop(logon, mem_ctx, logon->handle, &req, &resp,
			    NULL);
	if (rv == MAPI_E_SUCCESS) {
		const struct RopOptionsData_resp_success *ok =
			&resp->Body.OptionsData.Data.Success;

		out->reserved = ok->Reserved;
		out->options_info = data_blob_const(ok->OptionsInfo,
						    ok->OptionsInfoSize);
		out->help_file = data_blob_const(ok->HelpFile,
						 ok->HelpFileSize);
		out->help_file_name = ok->HelpFileSize > 0 ?
				      ok->HelpFileName.HelpFileName : NULL;
	}
	return rv;
}
