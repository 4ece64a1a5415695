/*
 * EcDoConnectEx and EcDoAsyncConnectEx (MS-OXCRPC 3.1.4.1, 3.1.4.4).
 */
#include "emsmdb.h"
#include "emsmdb_aux.h"
#include "emsmdb_notify.h"

#include <string.h>
#include <time.h>
#include <util/debug.h>

/*
 * Timing advice to the client (MS-OXCRPC 3.1.4.1): poll for events every
 * 60 s, retry a busy call 6 times, 10 s apart.
 */
#define EMSMDB_POLLS_MAX_MS	60000
#define EMSMDB_RETRY_COUNT	6
#define EMSMDB_RETRY_DELAY_MS	10000

/*
 * Versions as three WORDs (MS-OXCRPC 3.1.4.1.3): with the high bit of the
 * second WORD set, major, 0x8000 | minor, build; otherwise the older
 * layout, whose first WORD carries major (and minor in its low byte when
 * it does not fit a byte).
 */
#define VERSION_NEW_FORMAT 0x8000

/* This server: an Exchange 2010 SP3 era server, 14.3.123. */
static const uint16_t server_version[3] = { 14, VERSION_NEW_FORMAT | 3, 123 };

/* MS-OXCRPC 3.2.4.1.3.2: 11.0.0.0 is the minimum client version. */
#define MIN_CLIENT_MAJOR 11

static uint16_t client_major(const uint16_t v[3])
{
	if (v[1] & VERSION_NEW_FORMAT) {
		return v[0];
	}
	return v[0] > 0xFF ? v[0] >> 8 : v[0];
}

static void clear_outputs(struct EcDoConnectEx *r)
{
	/* On failure the handle is NULL (MS-OXCRPC 3.1.4.1, pcxh). */
	memset(r->out.handle, 0, sizeof(*r->out.handle));
	*r->out.pcmsPollsMax = 0;
	*r->out.pcRetry = 0;
	*r->out.pcmsRetryDelay = 0;
	*r->out.picxr = 0;
	*r->out.szDNPrefix = NULL;
	*r->out.szDisplayName = NULL;
	memcpy(r->out.rgwServerVersion, server_version,
	       sizeof(server_version));
	memcpy(r->out.rgwBestVersion, server_version, sizeof(server_version));
	r->out.rgbAuxOut = NULL;
	*r->out.pcbAuxOut = 0;
}

/* szDNPrefix: the user's DN up to its last "/cn=" element. */
static const char *dn_prefix(TALLOC_CTX *mem_ctx, const char *dn)
{
	const char *last = NULL, *p = dn;

	while ((p = strcasestr(p, "/cn=")) != NULL) {
		last = p++;
	}
	return last ? talloc_strndup(mem_ctx, dn, last - dn)
		    : talloc_strdup(mem_ctx, dn);
}

static enum MAPISTATUS check_request(TALLOC_CTX *mem_ctx,
				     struct EcDoConnectEx *r)
{
	if (r->in.ulFlags & ulFlags_Administrator) {
		/* administrative access is not granted to anybody */
		return ecLoginPerm;
	}
	if (client_major(r->in.rgwClientVersion) < MIN_CLIENT_MAJOR) {
		return MAPI_E_VERSION;
	}
	return emsmdb_aux_validate(mem_ctx, r->in.rgbAuxIn, r->in.cbAuxIn);
}

static void fill_outputs(struct emsmdb_session *s, TALLOC_CTX *mem_ctx,
			 struct EcDoConnectEx *r)
{
	uint8_t *aux = NULL;
	uint32_t aux_len = 0;

	*r->out.pcmsPollsMax = EMSMDB_POLLS_MAX_MS;
	*r->out.pcRetry = EMSMDB_RETRY_COUNT;
	*r->out.pcmsRetryDelay = EMSMDB_RETRY_DELAY_MS;
	/* the session index: unique among the live sessions (MS-OXCRPC
	 * 3.1.4.1), as RopPending names it (MS-OXCROPS 2.2.14.3) */
	*r->out.picxr = s->notify != NULL ? s->notify->index :
			(uint16_t)(r->out.handle->uuid.time_low & 0xFFFF);
	*r->out.szDNPrefix = dn_prefix(mem_ctx, s->user_dn);
	*r->out.szDisplayName = talloc_strdup(mem_ctx, s->display_name);
	/* the best version for this client is the one it runs */
	memcpy(r->out.rgwBestVersion, r->in.rgwClientVersion,
	       sizeof(r->out.rgwBestVersion));
	*r->out.pulTimeStamp = (uint32_t)time(NULL);
	if (emsmdb_aux_connect_out(mem_ctx, *r->in.pcbAuxOut, &aux,
				   &aux_len) == MAPI_E_SUCCESS) {
		r->out.rgbAuxOut = aux;
		*r->out.pcbAuxOut = aux_len;
	}
}

enum MAPISTATUS emsmdb_connect(struct dcesrv_call_state *dce_call,
			       TALLOC_CTX *mem_ctx, struct EcDoConnectEx *r)
{
	struct emsmdb_user user = { 0 };
	struct emsmdb_session *s;
	enum MAPISTATUS rv;

	clear_outputs(r);
	rv = check_request(mem_ctx, r);
	if (rv == MAPI_E_SUCCESS) {
		rv = emsmdb_user_lookup(mem_ctx, dce_call, r->in.szUserDN,
					&user);
	}
	if (rv != MAPI_E_SUCCESS) {
		DBG_NOTICE("EcDoConnectEx from %s for '%s': 0x%08x\n",
			   dcesrv_call_account_name(dce_call),
			   r->in.szUserDN, rv);
		return rv;
	}
	s = emsmdb_session_new(dce_call, r->out.handle);
	if (s == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	s->user_dn = talloc_strdup(s, user.legacy_dn);
	s->display_name = talloc_strdup(s, user.display_name);
	/* a mailbox homed elsewhere still gets its session: EcDoConnectEx
	 * has no redirect (MS-OXCRPC 3.1.4.1), RopLogon gives it */
	s->home_server_dn = talloc_strdup(s, user.home_server);
	memcpy(s->client_version, r->in.rgwClientVersion,
	       sizeof(s->client_version));
	s->code_page = r->in.ulCpid;
	s->lcid_string = r->in.ulLcidString;
	s->lcid_sort = r->in.ulLcidSort;
	if (emsmdb_delivery_setup(s, dce_call) != MAPI_E_SUCCESS) {
		DBG_ERR("no local delivery for %s's session\n",
			s->account_name);
	}
	s->notify = emsmdb_notify_new(s, emsmdb_hub_of(dce_call),
				      r->in.ulIcxrLink);
	fill_outputs(s, mem_ctx, r);
	DBG_INFO("EcDoConnectEx: session for %s (%s)\n", s->account_name,
		 s->user_dn);
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsmdb_async_connect(struct emsmdb_session *session,
				     struct dcesrv_call_state *dce_call,
				     TALLOC_CTX *mem_ctx,
				     struct EcDoAsyncConnectEx *r)
{
	if (!emsmdb_session_async(dce_call, session, r->out.async_handle)) {
		memset(r->out.async_handle, 0, sizeof(*r->out.async_handle));
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return MAPI_E_SUCCESS;
}

