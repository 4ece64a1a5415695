/*
 * The spooler and transport information ROPs (MS-OXOMSG 2.2.4.3,
 * 2.2.4.4, 2.2.5; MS-OXCROPS 2.2.7): RopSetSpooler,
 * RopSpoolerLockMessage, RopGetTransportFolder, RopGetAddressTypes and
 * RopOptionsData.  All take the logon as input.
 */
#include "emsmdb_rop_transport.h"
#include "emsmdb_rop_handlers.h"

#include <string.h>
#include <strings.h>
#include <util/debug.h>

/* The address types this server delivers (MS-OXOMSG 2.2.4.3.2):
 * legacyExchangeDNs and SMTP addresses. */
static const char *const address_types[] = { "EX", "SMTP" };

/* MS-OXOMSG 3.3.5.5 RopSetSpooler: the client acts as a spooler on this
 * logon from now on (several clients may). */
enum MAPISTATUS emsmdb_rop_set_spooler(struct emsmdb_rop_call *call)
{
	struct emsmdb_session *s;
	struct emsmdb_logon *l;
	enum MAPISTATUS rv = emsmdb_transport_of(call, &s, &l);

	if (rv == MAPI_E_SUCCESS) {
		l->spooler = true;
	}
	return rv;
}

/*
 * MS-OXOMSG 3.3.5.6 RopSpoolerLockMessage: lock, unlock or finish a
 * message waiting in the spooler queue; only a spooler may
 * (ecNotSupported otherwise), an unknown LockState is invalid.
 */
enum MAPISTATUS emsmdb_rop_spooler_lock_message(struct emsmdb_rop_call *call)
{
	const struct RopSpoolerLockMessage_req *req =
		&call->request->Body.SpoolerLockMessage;
	struct emsmdb_session *s;
	struct emsmdb_logon *l;
	enum MAPISTATUS rv = emsmdb_transport_of(call, &s, &l);

	if (rv == MAPI_E_SUCCESS && !l->spooler) {
		rv = MAPI_E_NO_SUPPORT;
	}
	if (rv == MAPI_E_SUCCESS && req->LockState > LockState_Finished) {
		rv = MAPI_E_INVALID_PARAMETER;
	}
	return rv ?: mdeliver_spooler_lock(s->delivery, l->store,
					   s->account_name, req->MessageId,
					   (enum mdeliver_lock)req->LockState);
}

/* MS-OXOMSG 2.2.5.2 RopGetTransportFolder: the FID of the folder for
 * outgoing transport objects, a hidden folder under the root created at
 * first use (mdeliver_transport_folder()). */
enum MAPISTATUS emsmdb_rop_get_transport_folder(struct emsmdb_rop_call *call)
{
	struct RopGetTransportFolder_resp_success *ok =
		&call->response->Body.GetTransportFolder.Data.Success;
	struct emsmdb_session *s;
	struct emsmdb_logon *l;
	enum MAPISTATUS rv = emsmdb_transport_of(call, &s, &l);

	return rv ?: mdeliver_transport_folder(l->store, &ok->FolderId);
}

/* MS-OXOMSG 2.2.4.3 RopGetAddressTypes: AddressTypeSize counts the
 * strings with their terminators. */
enum MAPISTATUS emsmdb_rop_get_address_types(struct emsmdb_rop_call *call)
{
	struct RopGetAddressTypes_resp_success *ok =
		&call->response->Body.GetAddressTypes.Data.Success;
	struct emsmdb_session *s;
	struct emsmdb_logon *l;
	enum MAPISTATUS rv = emsmdb_transport_of(call, &s, &l);
	size_t i;

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	ok->AddressTypeCount = ARRAY_SIZE(address_types);
	ok->AddressTypes = discard_const_p(const char *, address_types);
	ok->AddressTypeSize = 0;
	for (i = 0; i < ARRAY_SIZE(address_types); i++) {
		ok->AddressTypeSize += strlen(address_types[i]) + 1;
	}
	return MAPI_E_SUCCESS;
}

/*
 * MS-OXCROPS 2.2.7.9.2 RopOptionsData: Reserved is 1, OptionsInfo is
 * empty (servers SHOULD return it empty) and there is no help file.  An
 * address type this server does not handle is not found.
 */
enum MAPISTATUS emsmdb_rop_options_data(struct emsmdb_rop_call *call)
{
	const struct RopOptionsData_req *req =
		&call->request->Body.OptionsData;
	struct RopOptionsData_resp_success *ok =
		&call->response->Body.OptionsData.Data.Success;
	struct emsmdb_session *s;
	struct emsmdb_logon *l;
	enum MAPISTATUS rv = emsmdb_transport_of(call, &s, &l);
	size_t i;

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	for (i = 0; i < ARRAY_SIZE(address_types); i++) {
		if (req->AddressType != NULL &&
		    strcasecmp(req->AddressType, address_types[i]) == 0) {
			ok->Reserved = 1;
			ok->OptionsInfoSize = 0;
			ok->HelpFileSize = 0;
			return MAPI_E_SUCCESS;
		}
	}
	return MAPI_E_NOT_FOUND;
}
