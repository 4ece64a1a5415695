/*
 * NSPI RPC entry points (MS-OXNSPI 3.1.4.1).
 *
 * NspiBind and NspiUnbind manage sessions; every other operation needs
 * one (without it the RPC layer's answer, nca_s_fault_context_mismatch)
 * and is handed to the file that implements it.  The pidl-generated
 * server glue is included at the end of this file.
 */
#include "emsabp.h"

#include <util/debug.h>
#include <gen_ndr/ndr_exchange_nsp.h>

struct emsabp_session *emsabp_session_find(struct dcesrv_call_state *dce_call,
					   const struct policy_handle *wire)
{
	return talloc_get_type(mpx_handle_data(dce_call, wire, MPX_HANDLE_NSPI),
			       struct emsabp_session);
}

/*
 * A session handle the RPC server does not know: the RPC runtime answers
 * with nca_s_fault_context_mismatch before the method runs.
 */
#define REQUIRE_SESSION(wire) do { \
	if (emsabp_session_find(dce_call, (wire)) == NULL) { \
		DCESRV_FAULT(DCERPC_FAULT_CONTEXT_MISMATCH); \
	} \
} while (0)

/*
 * MS-OXNSPI 3.1.4.1.1: a session for an authenticated caller.  A bind in
 * the Unicode code page is refused (string8 needs a real code page); the
 * server GUID is returned when asked for.
 */
static enum MAPISTATUS dcesrv_NspiBind(struct dcesrv_call_state *dce_call,
				       TALLOC_CTX *mem_ctx, struct NspiBind *r)
{
	struct emsabp_session *session;
	struct dcesrv_handle *handle;

	memset(r->out.contextHandle, 0, sizeof(*r->out.contextHandle));
	/* pidl leaves [in,out,unique] outputs NULL on the server side. */
	r->out.pServerGuid = r->in.pServerGuid;
	/* string8 needs a real code page (MS-OXNSPI 3.1.4.1.1) */
	if (r->in.pStat->CodePage == CP_WINUNICODE ||
	    !mapi_code_page_known(r->in.pStat->CodePage)) {
		return MAPI_E_UNKNOWN_CPID;
	}
	if (r->in.pServerGuid != NULL &&
	    !emsabp_server_guid(dce_call, mem_ctx, r->out.pServerGuid)) {
		return MAPI_E_CALL_FAILED;
	}
	session = talloc_zero(mem_ctx, struct emsabp_session);
	if (session == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	session->account_name = talloc_strdup(session,
					dcesrv_call_account_name(dce_call));
	session->code_page = r->in.pStat->CodePage;
	session->template_locale = r->in.pStat->TemplateLocale;
	session->sort_locale = r->in.pStat->SortLocale;
	handle = mpx_handle_new(dce_call, MPX_HANDLE_NSPI, session);
	if (handle == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	*r->out.contextHandle = handle->wire_handle;
	DBG_INFO("NspiBind: session for %s\n", session->account_name);
	return MAPI_E_SUCCESS;
}

/* MS-OXNSPI 3.1.4.1.2 */
static enum MAPISTATUS dcesrv_NspiUnbind(struct dcesrv_call_state *dce_call,
					 TALLOC_CTX *mem_ctx,
					 struct NspiUnbind *r)
{
	REQUIRE_SESSION(r->in.contextHandle);
	mpx_handle_close(dce_call, r->out.contextHandle, MPX_HANDLE_NSPI);
	return MAPI_E_UNBIND_SUCCESS;
}



/* MS-OXNSPI 3.1.4.1.14 */
static enum MAPISTATUS dcesrv_NspiModProps(struct dcesrv_call_state *dce_call,
					   TALLOC_CTX *mem_ctx,
					   struct NspiModProps *r)
{
	REQUIRE_SESSION(r->in.hRpc);
	return emsabp_mod_props(dce_call, mem_ctx, r->in.pStat,
				r->in.pPropTags, r->in.pRow);
}

/* MS-OXNSPI 3.1.4.1.15 */
static enum MAPISTATUS dcesrv_NspiModLinkAtt(struct dcesrv_call_state *dce_call,
					     TALLOC_CTX *mem_ctx,
					     struct NspiModLinkAtt *r)
{
	REQUIRE_SESSION(r->in.hRpc);
	return emsabp_mod_link_att(dce_call, mem_ctx, r->in.dwFlags,
				   r->in.ulPropTag, r->in.dwMId,
				   r->in.lpEntryIds);
}

/* Opnum 15 (see nspi_modify.c) */
static enum MAPISTATUS dcesrv_NspiDeleteEntries(
	struct dcesrv_call_state *dce_call, TALLOC_CTX *mem_ctx,
	struct NspiDeleteEntries *r)
{
	REQUIRE_SESSION(r->in.hRpc);
	return emsabp_delete_entries(dce_call, mem_ctx, r->in.dwMId,
				     r->in.lpEntryIds);
}

/* MS-NSPI 3.1.4.16 (opnum 17) */
static enum MAPISTATUS dcesrv_NspiGetNamesFromIDs(
	struct dcesrv_call_state *dce_call, TALLOC_CTX *mem_ctx,
	struct NspiGetNamesFromIDs *r)
{
	REQUIRE_SESSION(r->in.hRpc);
	return emsabp_get_names_from_ids(dce_call, mem_ctx, r->in.lpguid,
					 r->in.pPropTags,
					 r->out.ppReturnedPropTags,
					 r->out.ppNames);
}

/* MS-NSPI 3.1.4.17 (opnum 18) */
static enum MAPISTATUS dcesrv_NspiGetIDsFromNames(
	struct dcesrv_call_state *dce_call, TALLOC_CTX *mem_ctx,
	struct NspiGetIDsFromNames *r)
{
	REQUIRE_SESSION(r->in.hRpc);
	return emsabp_get_ids_from_names(dce_call, mem_ctx, r->in.dwFlags,
					 r->in.cPropNames, r->in.pNames,
					 r->out.ppPropTags);
}

/*
 * MS-OXNSPI 3.1.4.1.3: the hierarchy table, or with
 * NspiAddressCreationTemplates the address creation table.
 */
static enum MAPISTATUS dcesrv_NspiGetSpecialTable(
	struct dcesrv_call_state *dce_call, TALLOC_CTX *mem_ctx,
	struct NspiGetSpecialTable *r)
{
	bool unicode = (r->in.dwFlags & NspiUnicodeStrings) != 0;

	REQUIRE_SESSION(r->in.hRpc);
	*r->out.ppRows = NULL;
	/* rule 4: with both flags NspiUnicodeStrings is ignored */
	if (r->in.dwFlags & NspiAddressCreationTemplates) {
		return emsabp_address_creation_table(mem_ctx, false,
						     r->out.ppRows);
	}
	return emsabp_hierarchy_table(dce_call, mem_ctx, unicode, r->in.pStat,
				      r->out.lpVersion, r->out.ppRows);
}

/* MS-OXNSPI 3.1.4.1.9 */
static enum MAPISTATUS dcesrv_NspiSeekEntries(struct dcesrv_call_state *dce_call,
					      TALLOC_CTX *mem_ctx,
					      struct NspiSeekEntries *r)
{
	REQUIRE_SESSION(r->in.hRpc);
	return emsabp_seek_entries(dce_call, mem_ctx, r->out.pStat,
				   r->in.pTarget, r->in.lpETable,
				   r->in.pPropTags, r->out.ppRows);
}

/* MS-OXNSPI 3.1.4.1.10 */
static enum MAPISTATUS dcesrv_NspiGetMatches(struct dcesrv_call_state *dce_call,
					     TALLOC_CTX *mem_ctx,
					     struct NspiGetMatches *r)
{
	REQUIRE_SESSION(r->in.hRpc);
	return emsabp_get_matches(dce_call, mem_ctx, r->out.pStat,
				  r->in.Filter, r->in.lpPropName,
				  r->in.ulRequested, r->in.pPropTags,
				  r->out.ppOutMIds, r->out.ppRows);
}

/* MS-OXNSPI 3.1.4.1.11 */
static enum MAPISTATUS dcesrv_NspiResortRestriction(
	struct dcesrv_call_state *dce_call, TALLOC_CTX *mem_ctx,
	struct NspiResortRestriction *r)
{
	REQUIRE_SESSION(r->in.hRpc);
	return emsabp_resort_restriction(dce_call, mem_ctx, r->out.pStat,
					 r->in.pInMIds, r->out.ppOutMIds);
}

/* MS-OXNSPI 3.1.4.1.18 */
static enum MAPISTATUS dcesrv_NspiGetTemplateInfo(
	struct dcesrv_call_state *dce_call, TALLOC_CTX *mem_ctx,
	struct NspiGetTemplateInfo *r)
{
	REQUIRE_SESSION(r->in.hRpc);
	return emsabp_get_template_info(mem_ctx, r->in.dwFlags, r->in.ulType,
					r->in.pDN,
					r->in.dwCodePage, r->in.dwLocaleID,
					r->out.ppData);
}

/* MS-OXNSPI NspiDNToMId */
static enum MAPISTATUS dcesrv_NspiDNToMId(struct dcesrv_call_state *dce_call,
					  TALLOC_CTX *mem_ctx,
					  struct NspiDNToMId *r)
{
	REQUIRE_SESSION(r->in.hRpc);
	return emsabp_dn_to_mid(dce_call, mem_ctx, r->in.pNames,
				r->out.ppMIds);
}

/* MS-OXNSPI 3.1.4.1.7 */
static enum MAPISTATUS dcesrv_NspiGetProps(struct dcesrv_call_state *dce_call,
					   TALLOC_CTX *mem_ctx,
					   struct NspiGetProps *r)
{
	REQUIRE_SESSION(r->in.hRpc);
	return emsabp_get_props(dce_call, mem_ctx, r->in.dwFlags, r->in.pStat,
				r->in.pPropTags, r->out.ppRows);
}

/* MS-OXNSPI 3.1.4.1.6 NspiGetPropList */
static enum MAPISTATUS dcesrv_NspiGetPropList(struct dcesrv_call_state *dce_call,
					      TALLOC_CTX *mem_ctx,
					      struct NspiGetPropList *r)
{
	REQUIRE_SESSION(r->in.hRpc);
	return emsabp_get_prop_list(dce_call, mem_ctx, r->in.dwFlags,
				    r->in.dwMId, r->in.CodePage,
				    r->out.ppPropTags);
}

/* MS-OXNSPI NspiQueryColumns */
static enum MAPISTATUS dcesrv_NspiQueryColumns(struct dcesrv_call_state *dce_call,
					       TALLOC_CTX *mem_ctx,
					       struct NspiQueryColumns *r)
{
	REQUIRE_SESSION(r->in.hRpc);
	return emsabp_query_columns(mem_ctx, r->in.dwFlags, r->out.ppColumns);
}

/* MS-OXNSPI 3.1.4.1.4 */
static enum MAPISTATUS dcesrv_NspiUpdateStat(struct dcesrv_call_state *dce_call,
					     TALLOC_CTX *mem_ctx,
					     struct NspiUpdateStat *r)
{
	REQUIRE_SESSION(r->in.hRpc);
	/* pidl leaves [in,out,unique] outputs NULL on the server side. */
	r->out.plDelta = r->in.plDelta;
	return emsabp_update_stat(dce_call, mem_ctx, r->out.pStat,
				  r->out.plDelta);
}

/* MS-OXNSPI 3.1.4.1.8 */
static enum MAPISTATUS dcesrv_NspiQueryRows(struct dcesrv_call_state *dce_call,
					    TALLOC_CTX *mem_ctx,
					    struct NspiQueryRows *r)
{
	REQUIRE_SESSION(r->in.hRpc);
	return emsabp_query_rows(dce_call, mem_ctx, r->in.dwFlags, r->out.pStat,
				 r->in.dwETableCount, r->in.lpETable,
				 r->in.Count, r->in.pPropTags, r->out.ppRows);
}

/* MS-OXNSPI 3.1.4.1.16 (string8 names, converted by the NDR layer) */
static enum MAPISTATUS dcesrv_NspiResolveNames(struct dcesrv_call_state *dce_call,
					       TALLOC_CTX *mem_ctx,
					       struct NspiResolveNames *r)
{
	REQUIRE_SESSION(r->in.hRpc);
	return emsabp_resolve_names(dce_call, mem_ctx, r->in.pStat, true,
				    r->in.pPropTags, r->in.paStr->Count,
				    r->in.paStr->Strings, r->out.ppMIds,
				    r->out.ppRows);
}

/* MS-OXNSPI 3.1.4.1.17 */
static enum MAPISTATUS dcesrv_NspiResolveNamesW(struct dcesrv_call_state *dce_call,
						TALLOC_CTX *mem_ctx,
						struct NspiResolveNamesW *r)
{
	REQUIRE_SESSION(r->in.hRpc);
	return emsabp_resolve_names(dce_call, mem_ctx, r->in.pStat, false,
				    r->in.pPropTags, r->in.paWStr->Count,
				    r->in.paWStr->Strings, r->out.ppMIds,
				    r->out.ppRows);
}

/* MS-OXNSPI NspiCompareMIds */
static enum MAPISTATUS dcesrv_NspiCompareMIds(struct dcesrv_call_state *dce_call,
					      TALLOC_CTX *mem_ctx,
					      struct NspiCompareMIds *r)
{
	REQUIRE_SESSION(r->in.hRpc);
	return emsabp_compare_mids(dce_call, mem_ctx, r->in.pStat, r->in.MId1,
				   r->in.MId2, r->out.plResult);
}

static NTSTATUS nspi_bind(struct dcesrv_connection_context *context,
			  const struct dcesrv_interface *iface)
{
	return mpx_bind_policy(context, iface);
}

#define DCESRV_INTERFACE_EXCHANGE_NSP_BIND nspi_bind

#include <gen_ndr/ndr_exchange_nsp_s.c>

static NTSTATUS nspi_ndr_pull(struct dcesrv_call_state *dce_call,
			      TALLOC_CTX *mem_ctx, struct ndr_pull *pull,
			      void **r)
{
	return mpx_ndr_pull_checked(dce_call, mem_ctx, pull, r,
				    exchange_nsp__op_ndr_pull);
}

void nspi_fill_interface(struct dcesrv_interface *iface)
{
	*iface = dcesrv_exchange_nsp_interface;
	iface->ndr_pull = nspi_ndr_pull;
}
