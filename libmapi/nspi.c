/*
 * libmapi: address book client (MS-OXNSPI) and referral client
 * (MS-OXABREF), over the generated NSPI and RFR marshalling.
 */
#include "nspi.h"
#include "libmapi/ndr/string8.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <util/debug.h>
#include <dcerpc.h>
#include <ndr.h>

#include "gen_ndr/ndr_exchange_nsp.h"
#include "gen_ndr/ndr_exchange_nsp_c.h"
#include "gen_ndr/ndr_exchange_ds_rfr.h"
#include "gen_ndr/ndr_exchange_ds_rfr_c.h"

/* MS-OXCDATA 2.11.1: the property type is the low word of a tag. */
#define PROP_TYPE(tag) ((tag) & 0xFFFF)
#define PROP_ID(tag) (((tag) >> 16) & 0xFFFF)

const char *mapi_status_string(enum MAPISTATUS status)
{
#define S(x) case x: return #x
	switch (status) {
	S(MAPI_E_SUCCESS);
	S(MAPI_E_UNBIND_SUCCESS);
	S(MAPI_E_UNBIND_FAILURE);
	S(MAPI_E_CALL_FAILED);
	S(MAPI_E_NO_SUPPORT);
	S(MAPI_E_BAD_CHARWIDTH);
	S(MAPI_E_STRING_TOO_LONG);
	S(MAPI_E_UNKNOWN_FLAGS);
	S(MAPI_E_INVALID_ENTRYID);
	S(MAPI_E_INVALID_OBJECT);
	S(MAPI_E_OBJECT_CHANGED);
	S(MAPI_E_OBJECT_DELETED);
	S(MAPI_E_BUSY);
	S(MAPI_E_NOT_ENOUGH_DISK);
	S(MAPI_E_NOT_ENOUGH_RESOURCES);
	S(MAPI_E_NOT_FOUND);
	S(MAPI_E_VERSION);
	S(MAPI_E_LOGON_FAILED);
	S(MAPI_E_SESSION_LIMIT);
	S(MAPI_E_USER_CANCEL);
	S(MAPI_E_UNABLE_TO_ABORT);
	S(MAPI_E_NETWORK_ERROR);
	S(MAPI_E_DISK_ERROR);
	S(MAPI_E_TOO_COMPLEX);
	S(MAPI_E_BAD_COLUMN);
	S(MAPI_E_EXTENDED_ERROR);
	S(MAPI_E_COMPUTED);
	S(MAPI_E_CORRUPT_DATA);
	S(MAPI_E_UNCONFIGURED);
	S(MAPI_E_FAILONEPROVIDER);
	S(MAPI_E_UNKNOWN_CPID);
	S(MAPI_E_UNKNOWN_LCID);
	S(MAPI_E_PASSWORD_CHANGE_REQUIRED);
	S(MAPI_E_PASSWORD_EXPIRED);
	S(MAPI_E_INVALID_WORKSTATION_ACCOUNT);
	S(MAPI_E_INVALID_ACCESS_TIME);
	S(MAPI_E_ACCOUNT_DISABLED);
	S(MAPI_E_END_OF_SESSION);
	S(MAPI_E_UNKNOWN_ENTRYID);
	S(MAPI_E_MISSING_REQUIRED_COLUMN);
	S(MAPI_W_NO_SERVICE);
	S(MAPI_E_BAD_VALUE);
	S(MAPI_E_INVALID_TYPE);
	S(MAPI_E_TYPE_NO_SUPPORT);
	S(MAPI_E_UNEXPECTED_TYPE);
	S(MAPI_E_TOO_BIG);
	S(MAPI_E_DECLINE_COPY);
	S(MAPI_E_UNEXPECTED_ID);
	S(MAPI_W_ERRORS_RETURNED);
	S(MAPI_E_UNABLE_TO_COMPLETE);
	S(MAPI_E_TIMEOUT);
	S(MAPI_E_TABLE_EMPTY);
	S(MAPI_E_TABLE_TOO_BIG);
	S(MAPI_E_INVALID_BOOKMARK);
	S(MAPI_W_POSITION_CHANGED);
	S(MAPI_W_APPROX_COUNT);
	S(MAPI_E_WAIT);
	S(MAPI_E_CANCEL);
	S(MAPI_E_NOT_ME);
	S(MAPI_W_CANCEL_MESSAGE);
	S(MAPI_E_CORRUPT_STORE);
	S(MAPI_E_NOT_IN_QUEUE);
	S(MAPI_E_NO_SUPPRESS);
	S(MAPI_E_COLLISION);
	S(MAPI_E_NOT_INITIALIZED);
	S(MAPI_E_NON_STANDARD);
	S(MAPI_E_NO_RECIPIENTS);
	S(MAPI_E_SUBMITTED);
	S(MAPI_E_HAS_FOLDERS);
	S(MAPI_E_HAS_MESSAGES);
	S(MAPI_E_FOLDER_CYCLE);
	S(MAPI_E_LOCKID_LIMIT);
	S(MAPI_W_PARTIAL_COMPLETION);
	S(MAPI_E_AMBIGUOUS_RECIP);
	S(MAPI_E_NAMED_PROP_QUOTA_EXCEEDED);
	S(MAPI_E_NOT_IMPLEMENTED);
	S(STG_E_INVALIDFUNCTION);
	S(STG_E_ACCESSDENIED);
	S(STG_E_INSUFFICIENTMEMORY);
	S(STG_E_SEEKERROR);
	S(STG_E_LOCKVIOLATION);
	S(STG_E_INVALIDPARAMETER);
	S(STG_E_MEDIUMFULL);
	S(MAPI_E_NO_ACCESS);
	S(MAPI_E_NOT_ENOUGH_MEMORY);
	S(MAPI_E_INVALID_PARAMETER);
	S(ecJetError);
	S(ecUnknownUser);
	S(ecServerOOM);
	S(ecLoginPerm);
	S(ecNotPrivateMailbox);
	S(ecNotEncrypted);
	S(ecRpcFormat);
	S(ecClientVerDisallowed);
	S(ecNullObject);
	S(ecWrongServer);
	S(ecBufferTooSmall);
	S(ecMaxAttachmentExceeded);
	S(ecDstNullObject);
	S(ecServerBusy);
	S(ecRpcAuthentication);
	S(ecTooManyRecips);
	S(ecUnknownCodePage);
	S(ecExiting);
	S(ecRejected);
	}
#undef S
	return "unknown MAPI status";
}

enum MAPISTATUS mapi_status_from_ntstatus(NTSTATUS status)
{
	static const struct {
		NTSTATUS nt;
		enum MAPISTATUS mapi;
	} map[] = {
		{ NT_STATUS_LOGON_FAILURE, MAPI_E_LOGON_FAILED },
		{ NT_STATUS_WRONG_PASSWORD, MAPI_E_LOGON_FAILED },
		{ NT_STATUS_NO_SUCH_USER, MAPI_E_LOGON_FAILED },
		{ NT_STATUS_ACCOUNT_DISABLED, MAPI_E_ACCOUNT_DISABLED },
		{ NT_STATUS_PASSWORD_EXPIRED, MAPI_E_PASSWORD_EXPIRED },
		{ NT_STATUS_PASSWORD_MUST_CHANGE,
		  MAPI_E_PASSWORD_CHANGE_REQUIRED },
		{ NT_STATUS_ACCESS_DENIED, MAPI_E_NO_ACCESS },
		{ NT_STATUS_NO_MEMORY, MAPI_E_NOT_ENOUGH_MEMORY },
		{ NT_STATUS_INVALID_PARAMETER, MAPI_E_INVALID_PARAMETER },
		{ NT_STATUS_RPC_SS_CONTEXT_MISMATCH, MAPI_E_END_OF_SESSION },
		{ NT_STATUS_IO_TIMEOUT, MAPI_E_NETWORK_ERROR },
		{ NT_STATUS_CONNECTION_REFUSED, MAPI_E_NETWORK_ERROR },
		{ NT_STATUS_CONNECTION_RESET, MAPI_E_NETWORK_ERROR },
		{ NT_STATUS_CONNECTION_DISCONNECTED, MAPI_E_NETWORK_ERROR },
		{ NT_STATUS_CONNECTION_ABORTED, MAPI_E_NETWORK_ERROR },
		{ NT_STATUS_HOST_UNREACHABLE, MAPI_E_NETWORK_ERROR },
		{ NT_STATUS_NETWORK_UNREACHABLE, MAPI_E_NETWORK_ERROR },
		{ NT_STATUS_PORT_UNREACHABLE, MAPI_E_NETWORK_ERROR },
		{ NT_STATUS_BAD_NETWORK_NAME, MAPI_E_NETWORK_ERROR },
		{ NT_STATUS_INVALID_ADDRESS, MAPI_E_NETWORK_ERROR },
		{ NT_STATUS_END_OF_FILE, MAPI_E_NETWORK_ERROR },
		{ NT_STATUS_INVALID_NETWORK_RESPONSE, MAPI_E_NETWORK_ERROR },
		{ NT_STATUS_RPC_PROTOCOL_ERROR, MAPI_E_NETWORK_ERROR },
		{ NT_STATUS_PIPE_DISCONNECTED, MAPI_E_NETWORK_ERROR },
		{ NT_STATUS_OBJECT_NAME_NOT_FOUND, MAPI_E_NETWORK_ERROR },
	};
	size_t i;

	if (NT_STATUS_IS_OK(status)) {
		return MAPI_E_SUCCESS;
	}
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (NT_STATUS_EQUAL(status, map[i].nt)) {
			return map[i].mapi;
		}
	}
	return MAPI_E_CALL_FAILED;
}

/* The outcome of one call: the transport status is kept, a transport
 * failure becomes a MAPI error. */
static enum MAPISTATUS nspi_done(struct mapi_nspi *nspi, const char *op,
				 NTSTATUS status, enum MAPISTATUS result)
{
	nspi->last_ntstatus = status;
	if (!NT_STATUS_IS_OK(status)) {
		DBG_NOTICE("%s: RPC failed: %s\n", op, nt_errstr(status));
		return mapi_status_from_ntstatus(status);
	}
	if (result != MAPI_E_SUCCESS) {
		DBG_INFO("%s: %s (0x%08x)\n", op, mapi_status_string(result),
			 (unsigned int)result);
	}
	return result;
}

#define PROP_TYPE_OF(tag) ((tag) & 0xFFFF)

/*
 * String8 values travel in the STAT's code page (MS-OXNSPI 2.2.1.3);
 * this library's callers see UTF-8 (libmapi/ndr/string8.h).
 */
static bool string8_session(const struct mapi_nspi *nspi, uint32_t code_page)
{
	return nspi->string8 != NULL && code_page != CP_WINUNICODE;
}

static void value_from_wire(const struct mapi_nspi *nspi, TALLOC_CTX *mem_ctx,
			    uint32_t code_page, struct PropertyValue_r *v)
{
	uint32_t i;

	if (PROP_TYPE_OF(v->ulPropTag) == PT_STRING8 && v->Value.lpszA) {
		const char *u = mapi_string8_from_wire(mem_ctx, nspi->string8,
						       code_page,
						       v->Value.lpszA);

		v->Value.lpszA = u ? u : v->Value.lpszA;
	}
	if (PROP_TYPE_OF(v->ulPropTag) == PT_MV_STRING8) {
		for (i = 0; i < v->Value.MVszA.cValues; i++) {
			const char **p = &v->Value.MVszA.lppszA[i];
			const char *u = *p ? mapi_string8_from_wire(mem_ctx,
					nspi->string8, code_page, *p) : NULL;

			*p = u ? u : *p;
		}
	}
}

static void row_from_wire(const struct mapi_nspi *nspi, uint32_t code_page,
			  struct PropertyRow_r *row)
{
	uint32_t i;

	for (i = 0; row != NULL && string8_session(nspi, code_page) &&
		    i < row->cValues; i++) {
		value_from_wire(nspi, row->lpProps, code_page,
				&row->lpProps[i]);
	}
}

static void rows_from_wire(const struct mapi_nspi *nspi, uint32_t code_page,
			   struct PropertyRowSet_r *rows)
{
	uint32_t i;

	for (i = 0; rows != NULL && i < rows->cRows; i++) {
		row_from_wire(nspi, code_page, &rows->aRow[i]);
	}
}

/* A copy of @a v whose string8 value is in wire form. */
static struct PropertyValue_r *value_to_wire(const struct mapi_nspi *nspi,
					     TALLOC_CTX *mem_ctx,
					     uint32_t code_page,
					     const struct PropertyValue_r *v)
{
	struct PropertyValue_r *copy;

	if (v == NULL || !string8_session(nspi, code_page) ||
	    PROP_TYPE_OF(v->ulPropTag) != PT_STRING8 ||
	    v->Value.lpszA == NULL) {
		return discard_const_p(struct PropertyValue_r, v);
	}
	copy = talloc_memdup(mem_ctx, v, sizeof(*v));
	if (copy != NULL) {
		copy->Value.lpszA = mapi_string8_to_wire(copy, nspi->string8,
							 code_page,
							 v->Value.lpszA);
	}
	return copy;
}

/* A copy of a restriction with its string8 values in wire form (the
 * restriction types that carry values, and the ones that nest them). */
static struct Restriction_r *restriction_to_wire(const struct mapi_nspi *nspi,
						 TALLOC_CTX *mem_ctx,
						 uint32_t code_page,
						 const struct Restriction_r *r)
{
	struct Restriction_r *copy;
	uint32_t i;

	if (r == NULL || !string8_session(nspi, code_page)) {
		return discard_const_p(struct Restriction_r, r);
	}
	copy = talloc_memdup(mem_ctx, r, sizeof(*r));
	if (copy == NULL) {
		return NULL;
	}
	switch (r->rt) {
	case 0x00:	/* and */
	case 0x01:	/* or: the same layout */
		copy->res.resAnd.lpRes = talloc_array(copy,
			struct Restriction_r, r->res.resAnd.cRes);
		for (i = 0; copy->res.resAnd.lpRes != NULL &&
			    i < r->res.resAnd.cRes; i++) {
			struct Restriction_r *sub = restriction_to_wire(nspi,
				copy, code_page, &r->res.resAnd.lpRes[i]);

			if (sub == NULL) {
				return NULL;
			}
			copy->res.resAnd.lpRes[i] = *sub;
		}
		break;
	case 0x02:	/* not */
		copy->res.resNot.lpRes = restriction_to_wire(nspi, copy,
			code_page, r->res.resNot.lpRes);
		break;
	case 0x03:	/* content */
		copy->res.resContent.lpProp = value_to_wire(nspi, copy,
			code_page, r->res.resContent.lpProp);
		break;
	case 0x04:	/* property */
		copy->res.resProperty.lpProp = value_to_wire(nspi, copy,
			code_page, r->res.resProperty.lpProp);
		break;
	default:
		break;
	}
	return copy;
}

static int nspi_destructor(struct mapi_nspi *nspi)
{
	mapi_nspi_unbind(nspi);
	return 0;
}

void mapi_nspi_stat_init(const struct mapi_nspi *nspi, struct STAT *stat)
{
	*stat = (struct STAT) {
		.SortType = SortTypeDisplayName,
		.ContainerID = 0,
		.CurrentRec = MID_BEGINNING_OF_TABLE,
		.CodePage = nspi->code_page,
		.TemplateLocale = nspi->locale,
		.SortLocale = nspi->locale,
	};
}

enum MAPISTATUS mapi_nspi_connect_ex(TALLOC_CTX *mem_ctx,
				     struct mapi_rpc_context *rpc,
				     const struct mapi_rpc_params *params,
				     uint32_t code_page, uint32_t locale,
				     NTSTATUS *nt_status,
				     struct mapi_nspi **out)
{
	struct mapi_nspi *nspi;
	struct STAT stat;
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	NTSTATUS status;

	*out = NULL;
	if (nt_status != NULL) {
		*nt_status = NT_STATUS_OK;
	}
	nspi = talloc_zero(mem_ctx, struct mapi_nspi);
	if (nspi == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	nspi->code_page = code_page;
	nspi->locale = locale;
	nspi->string8 = mapi_string8_map_new(nspi);
	if (nspi->string8 == NULL) {
		talloc_free(nspi);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	status = mapi_rpc_connect(nspi, rpc, params, &ndr_table_exchange_nsp,
				  &nspi->pipe);
	if (NT_STATUS_IS_OK(status)) {
		mapi_nspi_stat_init(nspi, &stat);
		/* MS-OXNSPI 3.1.4.1.1: dwFlags 0 (no anonymous login), a
		 * server GUID to be filled in. */
		status = dcerpc_NspiBind(nspi->pipe->binding_handle, nspi, 0,
					 &stat, &nspi->server_guid,
					 &nspi->handle, &result);
	}
	if (nt_status != NULL) {
		*nt_status = status;
	}
	result = nspi_done(nspi, "NspiBind", status, result);
	if (result != MAPI_E_SUCCESS) {
		DBG_NOTICE("NSPI session with %s failed: %s (%s)\n",
			   params->server ? params->server : "(local)",
			   mapi_status_string(result), nt_errstr(status));
		talloc_free(nspi);
		return result;
	}
	nspi->bound = true;
	talloc_set_destructor(nspi, nspi_destructor);
	*out = nspi;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_nspi_connect(TALLOC_CTX *mem_ctx,
				  struct mapi_rpc_context *rpc,
				  const struct mapi_rpc_params *params,
				  uint32_t code_page, uint32_t locale,
				  struct mapi_nspi **out)
{
	return mapi_nspi_connect_ex(mem_ctx, rpc, params, code_page, locale,
				    NULL, out);
}

enum MAPISTATUS mapi_nspi_unbind(struct mapi_nspi *nspi)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	TALLOC_CTX *tmp;
	NTSTATUS status;

	if (nspi == NULL || !nspi->bound) {
		return MAPI_E_SUCCESS;
	}
	nspi->bound = false;
	tmp = talloc_new(nspi);
	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	/* MS-OXNSPI 3.1.4.1.2: Reserved 0; success is MAPI_E_UNBIND_SUCCESS */
	status = dcerpc_NspiUnbind(nspi->pipe->binding_handle, tmp,
				   &nspi->handle, 0, &result);
	talloc_free(tmp);
	result = nspi_done(nspi, "NspiUnbind", status, result);
	return result == MAPI_E_UNBIND_SUCCESS ? MAPI_E_SUCCESS : result;
}

NTSTATUS mapi_nspi_last_ntstatus(const struct mapi_nspi *nspi)
{
	return nspi->last_ntstatus;
}

/* The STAT to send: the caller's, or the session default in @a buf. */
static struct STAT *nspi_stat(const struct mapi_nspi *nspi,
			      const struct STAT *stat, struct STAT *buf)
{
	if (stat != NULL) {
		*buf = *stat;
	} else {
		mapi_nspi_stat_init(nspi, buf);
	}
	return buf;
}

#define NSPI_B(nspi) ((nspi)->pipe->binding_handle)
#define NSPI_H(nspi) (&(nspi)->handle)
/* The generated stubs take non-const pointers to [in] parameters. */
#define TAGS(t) discard_const_p(struct PropertyTagArray_r, (t))

enum MAPISTATUS mapi_nspi_update_stat(struct mapi_nspi *nspi,
				      struct STAT *stat, int32_t *delta)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	TALLOC_CTX *tmp = talloc_new(nspi);
	NTSTATUS status;

	if (stat == NULL) {
		talloc_free(tmp);
		return MAPI_E_INVALID_PARAMETER;
	}
	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	status = dcerpc_NspiUpdateStat(NSPI_B(nspi), tmp, NSPI_H(nspi), 0,
				       stat, delta, &result);
	talloc_free(tmp);
	return nspi_done(nspi, "NspiUpdateStat", status, result);
}

enum MAPISTATUS mapi_nspi_query_rows(struct mapi_nspi *nspi,
				     TALLOC_CTX *mem_ctx, uint32_t flags,
				     struct STAT *stat,
				     uint32_t etable_count,
				     const uint32_t *etable, uint32_t count,
				     const struct PropertyTagArray_r *tags,
				     struct PropertyRowSet_r **rows)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	struct STAT buf, *st;
	NTSTATUS status;

	st = stat ? stat : nspi_stat(nspi, NULL, &buf);
	*rows = NULL;
	status = dcerpc_NspiQueryRows(NSPI_B(nspi), mem_ctx, NSPI_H(nspi),
				      flags, st,
				      etable_count,
				      discard_const_p(uint32_t, etable), count,
				      TAGS(tags),
				      rows, &result);
	result = nspi_done(nspi, "NspiQueryRows", status, result);
	rows_from_wire(nspi, st->CodePage, *rows);
	return result;
}

enum MAPISTATUS mapi_nspi_seek_entries(struct mapi_nspi *nspi,
				       TALLOC_CTX *mem_ctx, struct STAT *stat,
				       const struct PropertyValue_r *target,
				       const struct PropertyTagArray_r *etable,
				       const struct PropertyTagArray_r *tags,
				       struct PropertyRowSet_r **rows)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	struct STAT buf, *st;
	NTSTATUS status;

	st = stat ? stat : nspi_stat(nspi, NULL, &buf);
	*rows = NULL;
	if (target == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	/* MS-OXNSPI 3.1.4.1.9: Reserved 0 */
	status = dcerpc_NspiSeekEntries(NSPI_B(nspi), mem_ctx, NSPI_H(nspi), 0,
					st,
					value_to_wire(nspi, mem_ctx,
						      st->CodePage, target),
					TAGS(etable),
					TAGS(tags),
					rows, &result);
	result = nspi_done(nspi, "NspiSeekEntries", status, result);
	rows_from_wire(nspi, st->CodePage, *rows);
	return result;
}

enum MAPISTATUS mapi_nspi_get_matches(struct mapi_nspi *nspi,
				      TALLOC_CTX *mem_ctx, struct STAT *stat,
				      const struct Restriction_r *filter,
				      const struct PropertyName_r *prop_name,
				      uint32_t requested,
				      const struct PropertyTagArray_r *tags,
				      struct PropertyTagArray_r **mids,
				      struct PropertyRowSet_r **rows)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	struct STAT buf, *st;
	NTSTATUS status;

	st = stat ? stat : nspi_stat(nspi, NULL, &buf);
	*mids = NULL;
	*rows = NULL;
	/* MS-OXNSPI 3.1.4.1.10: Reserved1 0, pReserved NULL, Reserved2 0 */
	status = dcerpc_NspiGetMatches(NSPI_B(nspi), mem_ctx, NSPI_H(nspi), 0,
				       st,
				       NULL, 0,
				       restriction_to_wire(nspi, mem_ctx,
							   st->CodePage,
							   filter),
				       discard_const_p(struct PropertyName_r,
						       prop_name),
				       requested, mids,
				       TAGS(tags),
				       rows, &result);
	result = nspi_done(nspi, "NspiGetMatches", status, result);
	rows_from_wire(nspi, st->CodePage, *rows);
	return result;
}

enum MAPISTATUS mapi_nspi_resort_restriction(
	struct mapi_nspi *nspi,
	TALLOC_CTX *mem_ctx,
	struct STAT *stat,
	const struct PropertyTagArray_r *in_mids,
	struct PropertyTagArray_r **out_mids)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	struct STAT buf, *st;
	NTSTATUS status;

	st = stat ? stat : nspi_stat(nspi, NULL, &buf);
	*out_mids = NULL;
	if (in_mids == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	/* MS-OXNSPI 3.1.4.1.11: Reserved 0; ppOutMIds in: no array */
	status = dcerpc_NspiResortRestriction(NSPI_B(nspi), mem_ctx,
				NSPI_H(nspi), 0,
				st,
				TAGS(in_mids),
				out_mids, &result);
	return nspi_done(nspi, "NspiResortRestriction", status, result);
}

enum MAPISTATUS mapi_nspi_dn_to_mid(struct mapi_nspi *nspi,
				    TALLOC_CTX *mem_ctx,
				    const char *const *dns, uint32_t count,
				    struct PropertyTagArray_r **mids)
{
	struct StringsArray_r names = {
		.Count = count,
		.Strings = discard_const_p(const char *, dns),
	};
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	NTSTATUS status;

	*mids = NULL;
	status = dcerpc_NspiDNToMId(NSPI_B(nspi), mem_ctx, NSPI_H(nspi), 0,
				    &names, mids, &result);
	return nspi_done(nspi, "NspiDNToMId", status, result);
}

enum MAPISTATUS mapi_nspi_get_prop_list(struct mapi_nspi *nspi,
					TALLOC_CTX *mem_ctx, uint32_t flags,
					uint32_t mid, uint32_t code_page,
					struct PropertyTagArray_r **tags)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	NTSTATUS status;

	*tags = NULL;
	status = dcerpc_NspiGetPropList(NSPI_B(nspi), mem_ctx, NSPI_H(nspi),
					flags, mid, code_page, tags, &result);
	return nspi_done(nspi, "NspiGetPropList", status, result);
}

enum MAPISTATUS mapi_nspi_get_props(struct mapi_nspi *nspi,
				    TALLOC_CTX *mem_ctx, uint32_t flags,
				    const struct STAT *stat,
				    const struct PropertyTagArray_r *tags,
				    struct PropertyRow_r **row)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	struct STAT buf, *st = nspi_stat(nspi, stat, &buf);
	NTSTATUS status;

	*row = NULL;
	status = dcerpc_NspiGetProps(NSPI_B(nspi), mem_ctx, NSPI_H(nspi), flags,
				     st, TAGS(tags), row, &result);
	result = nspi_done(nspi, "NspiGetProps", status, result);
	row_from_wire(nspi, st->CodePage, *row);
	return result;
}

enum MAPISTATUS mapi_nspi_compare_mids(struct mapi_nspi *nspi,
				       const struct STAT *stat,
				       uint32_t mid1, uint32_t mid2,
				       int32_t *cmp)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	TALLOC_CTX *tmp = talloc_new(nspi);
	struct STAT buf;
	NTSTATUS status;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	status = dcerpc_NspiCompareMIds(NSPI_B(nspi), tmp, NSPI_H(nspi), 0,
					nspi_stat(nspi, stat, &buf), mid1,
					mid2, cmp, &result);
	talloc_free(tmp);
	return nspi_done(nspi, "NspiCompareMIds", status, result);
}

enum MAPISTATUS mapi_nspi_mod_props(struct mapi_nspi *nspi,
				    const struct STAT *stat,
				    const struct PropertyTagArray_r *tags,
				    const struct PropertyRow_r *row)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	TALLOC_CTX *tmp;
	struct STAT buf;
	NTSTATUS status;

	if (row == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	tmp = talloc_new(nspi);
	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	/* MS-OXNSPI 3.1.4.1.14: Reserved 0 */
	status = dcerpc_NspiModProps(NSPI_B(nspi), tmp, NSPI_H(nspi), 0,
				     nspi_stat(nspi, stat, &buf),
				     TAGS(tags),
				     discard_const_p(struct PropertyRow_r, row),
				     &result);
	talloc_free(tmp);
	return nspi_done(nspi, "NspiModProps", status, result);
}

enum MAPISTATUS mapi_nspi_get_special_table(struct mapi_nspi *nspi,
					    TALLOC_CTX *mem_ctx,
					    uint32_t flags,
					    const struct STAT *stat,
					    uint32_t *version,
					    struct PropertyRowSet_r **rows)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	struct STAT buf, *st = nspi_stat(nspi, stat, &buf);
	uint32_t none = 0;
	NTSTATUS status;

	*rows = NULL;
	status = dcerpc_NspiGetSpecialTable(NSPI_B(nspi), mem_ctx,
					    NSPI_H(nspi), flags, st,
					    version ? version : &none, rows,
					    &result);
	result = nspi_done(nspi, "NspiGetSpecialTable", status, result);
	rows_from_wire(nspi, st->CodePage, *rows);
	return result;
}

enum MAPISTATUS mapi_nspi_get_template_info(struct mapi_nspi *nspi,
					    TALLOC_CTX *mem_ctx,
					    uint32_t flags, uint32_t type,
					    const char *dn, uint32_t code_page,
					    uint32_t locale,
					    struct PropertyRow_r **data)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	NTSTATUS status;

	*data = NULL;
	status = dcerpc_NspiGetTemplateInfo(NSPI_B(nspi), mem_ctx,
					    NSPI_H(nspi), flags, type, dn,
					    code_page, locale, data, &result);
	return nspi_done(nspi, "NspiGetTemplateInfo", status, result);
}

enum MAPISTATUS mapi_nspi_mod_link_att(struct mapi_nspi *nspi,
				       uint32_t flags, uint32_t prop_tag,
				       uint32_t mid,
				       const struct BinaryArray_r *entry_ids)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	TALLOC_CTX *tmp;
	NTSTATUS status;

	if (entry_ids == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	tmp = talloc_new(nspi);
	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	status = dcerpc_NspiModLinkAtt(NSPI_B(nspi), tmp, NSPI_H(nspi), flags,
				       prop_tag, mid,
				       discard_const_p(struct BinaryArray_r,
						       entry_ids),
				       &result);
	talloc_free(tmp);
	return nspi_done(nspi, "NspiModLinkAtt", status, result);
}

enum MAPISTATUS mapi_nspi_delete_entries(struct mapi_nspi *nspi,
					 uint32_t mid,
					 const struct BinaryArray_r *entry_ids)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	TALLOC_CTX *tmp;
	NTSTATUS status;

	if (entry_ids == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	tmp = talloc_new(nspi);
	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	/* Reserved1 0 */
	status = dcerpc_NspiDeleteEntries(NSPI_B(nspi), tmp, NSPI_H(nspi), 0,
					  mid,
					  discard_const_p(struct BinaryArray_r,
							  entry_ids),
					  &result);
	talloc_free(tmp);
	return nspi_done(nspi, "NspiDeleteEntries", status, result);
}

enum MAPISTATUS mapi_nspi_query_columns(struct mapi_nspi *nspi,
					TALLOC_CTX *mem_ctx, uint32_t flags,
					struct PropertyTagArray_r **columns)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	NTSTATUS status;

	*columns = NULL;
	/* MS-OXNSPI 3.1.4.1.5: Reserved 0 */
	status = dcerpc_NspiQueryColumns(NSPI_B(nspi), mem_ctx, NSPI_H(nspi),
					 0, flags, columns, &result);
	return nspi_done(nspi, "NspiQueryColumns", status, result);
}

enum MAPISTATUS mapi_nspi_get_names_from_ids(
	struct mapi_nspi *nspi,
	TALLOC_CTX *mem_ctx,
	const struct FlatUID_r *guid,
	const struct PropertyTagArray_r *tags,
	struct PropertyTagArray_r **returned_tags,
	struct PropertyNameSet_r **names)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	NTSTATUS status;

	*returned_tags = NULL;
	*names = NULL;
	status = dcerpc_NspiGetNamesFromIDs(NSPI_B(nspi), mem_ctx,
				NSPI_H(nspi), 0,
				discard_const_p(struct FlatUID_r, guid),
				TAGS(tags),
				returned_tags, names, &result);
	return nspi_done(nspi, "NspiGetNamesFromIDs", status, result);
}

enum MAPISTATUS mapi_nspi_get_ids_from_names(
	struct mapi_nspi *nspi,
	TALLOC_CTX *mem_ctx,
	uint32_t flags,
	uint32_t count,
	struct PropertyName_r *const *names,
	struct PropertyTagArray_r **tags)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	NTSTATUS status;

	*tags = NULL;
	if (names == NULL && count > 0) {
		return MAPI_E_INVALID_PARAMETER;
	}
	status = dcerpc_NspiGetIDsFromNames(NSPI_B(nspi), mem_ctx,
				NSPI_H(nspi), 0, flags, count,
				discard_const_p(struct PropertyName_r *, names),
				tags, &result);
	return nspi_done(nspi, "NspiGetIDsFromNames", status, result);
}

enum MAPISTATUS mapi_nspi_resolve_names(struct mapi_nspi *nspi,
					TALLOC_CTX *mem_ctx,
					const struct STAT *stat,
					const struct PropertyTagArray_r *tags,
					const char *const *names,
					uint32_t count,
					struct PropertyTagArray_r **mids,
					struct PropertyRowSet_r **rows)
{
	struct StringsArray_r str = {
		.Count = count,
		.Strings = discard_const_p(const char *, names),
	};
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	struct STAT buf, *st = nspi_stat(nspi, stat, &buf);
	NTSTATUS status;
	uint32_t i;

	*mids = NULL;
	*rows = NULL;
	if (string8_session(nspi, st->CodePage)) {
		str.Strings = talloc_array(mem_ctx, const char *, count);
		for (i = 0; str.Strings != NULL && i < count; i++) {
			str.Strings[i] = names[i] == NULL ? NULL :
				mapi_string8_to_wire(str.Strings,
						     nspi->string8,
						     st->CodePage, names[i]);
		}
		if (str.Strings == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	status = dcerpc_NspiResolveNames(NSPI_B(nspi), mem_ctx, NSPI_H(nspi), 0,
					 st, TAGS(tags),
					 &str, mids, rows, &result);
	result = nspi_done(nspi, "NspiResolveNames", status, result);
	rows_from_wire(nspi, st->CodePage, *rows);
	return result;
}

enum MAPISTATUS mapi_nspi_resolve_namesw(struct mapi_nspi *nspi,
					 TALLOC_CTX *mem_ctx,
					 const struct STAT *stat,
					 const struct PropertyTagArray_r *tags,
					 const char *const *names,
					 uint32_t count,
					 struct PropertyTagArray_r **mids,
					 struct PropertyRowSet_r **rows)
{
	struct WStringsArray_r wstr = {
		.Count = count,
		.Strings = discard_const_p(const char *, names),
	};
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	struct STAT buf, *st = nspi_stat(nspi, stat, &buf);
	NTSTATUS status;

	*mids = NULL;
	*rows = NULL;
	status = dcerpc_NspiResolveNamesW(NSPI_B(nspi), mem_ctx, NSPI_H(nspi),
					  0, st, TAGS(tags),
					  &wstr, mids, rows, &result);
	result = nspi_done(nspi, "NspiResolveNamesW", status, result);
	rows_from_wire(nspi, st->CodePage, *rows);
	return result;
}

/* Append the rows of @a page to @a all; @a page becomes a child of
 * @a all, whose rows point into it. */
static bool rowset_append(struct PropertyRowSet_r *all,
			  struct PropertyRowSet_r *page)
{
	struct PropertyRow_r *grown;
	uint32_t i;

	if (page->cRows == 0) {
		return true;
	}
	grown = talloc_realloc(all, all->aRow, struct PropertyRow_r,
			       all->cRows + page->cRows);
	if (grown == NULL) {
		return false;
	}
	all->aRow = grown;
	for (i = 0; i < page->cRows; i++) {
		all->aRow[all->cRows++] = page->aRow[i];
	}
	talloc_steal(all, page);
	return true;
}

enum MAPISTATUS mapi_nspi_gal_list(struct mapi_nspi *nspi,
				   TALLOC_CTX *mem_ctx,
				   const struct PropertyTagArray_r *tags,
				   uint32_t page_size,
				   struct PropertyRowSet_r **rows)
{
	struct PropertyRowSet_r *all, *page;
	struct STAT stat;
	enum MAPISTATUS ret;

	*rows = NULL;
	if (page_size == 0) {
		page_size = 100;
	}
	all = talloc_zero(mem_ctx, struct PropertyRowSet_r);
	if (all == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	mapi_nspi_stat_init(nspi, &stat);
	for (;;) {
		ret = mapi_nspi_query_rows(nspi, all, 0, &stat, 0, NULL,
					   page_size, tags, &page);
		if (ret != MAPI_E_SUCCESS) {
			talloc_free(all);
			return ret;
		}
		if (page == NULL || page->cRows == 0) {
			break;
		}
		if (!rowset_append(all, page)) {
			talloc_free(all);
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		/* MS-OXNSPI 3.1.4.1.8: after the last row the STAT points
		 * at the end of the table. */
		if (stat.CurrentRec == MID_END_OF_TABLE ||
		    page->cRows < page_size) {
			break;
		}
	}
	*rows = all;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_nspi_resolve(struct mapi_nspi *nspi, TALLOC_CTX *mem_ctx,
				  const char *const *names, uint32_t count,
				  const struct PropertyTagArray_r *tags,
				  struct mapi_nspi_resolved **out)
{
	struct PropertyTagArray_r *mids = NULL;
	struct PropertyRowSet_r *rows = NULL;
	struct mapi_nspi_resolved *res;
	enum MAPISTATUS ret;
	uint32_t i, next_row = 0;

	*out = NULL;
	res = talloc_zero_array(mem_ctx, struct mapi_nspi_resolved, count);
	if (res == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mapi_nspi_resolve_namesw(nspi, res, NULL, tags, names, count,
				       &mids, &rows);
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(res);
		return ret;
	}
	if (mids == NULL || mids->cValues != count) {
		talloc_free(res);
		return MAPI_E_CORRUPT_DATA;
	}
	/* MS-OXNSPI 3.1.4.1.17: one MId per name; rows only for the
	 * resolved ones, in the same order. */
	for (i = 0; i < count; i++) {
		uint32_t mid = mids->aulPropTag[i];

		res[i].name = names[i];
		res[i].mid = mid;
		if (mid == MID_UNRESOLVED) {
			res[i].state = MAPI_NSPI_UNRESOLVED;
		} else if (mid == MID_AMBIGUOUS) {
			res[i].state = MAPI_NSPI_AMBIGUOUS;
		} else {
			res[i].state = MAPI_NSPI_RESOLVED;
			if (rows != NULL && next_row < rows->cRows) {
				res[i].row = &rows->aRow[next_row++];
			}
		}
	}
	*out = res;
	return MAPI_E_SUCCESS;
}

struct PropertyTagArray_r *mapi_nspi_tags(TALLOC_CTX *mem_ctx,
					  uint32_t count,
					  const uint32_t *tags)
{
	struct PropertyTagArray_r *a = talloc_zero(mem_ctx,
						   struct PropertyTagArray_r);

	if (a == NULL) {
		return NULL;
	}
	/* MS-OXNSPI 2.2.2.2: conformant size cValues + 1 */
	a->aulPropTag = talloc_zero_array(a, uint32_t, count + 1);
	if (a->aulPropTag == NULL) {
		talloc_free(a);
		return NULL;
	}
	if (count > 0) {
		memcpy(a->aulPropTag, tags, count * sizeof(uint32_t));
	}
	a->cValues = count;
	return a;
}

struct PropertyValue_r *mapi_nspi_value_string(TALLOC_CTX *mem_ctx,
					       uint32_t tag, const char *s)
{
	struct PropertyValue_r *v;
	char *copy;

	if (PROP_TYPE(tag) != PT_STRING8 && PROP_TYPE(tag) != PT_UNICODE) {
		return NULL;
	}
	v = talloc_zero(mem_ctx, struct PropertyValue_r);
	copy = v ? talloc_strdup(v, s) : NULL;
	if (copy == NULL) {
		talloc_free(v);
		return NULL;
	}
	v->ulPropTag = tag;
	if (PROP_TYPE(tag) == PT_STRING8) {
		v->Value.lpszA = copy;
	} else {
		v->Value.lpszW = copy;
	}
	return v;
}

struct PropertyValue_r *mapi_nspi_value_long(TALLOC_CTX *mem_ctx,
					     uint32_t tag, int32_t l)
{
	struct PropertyValue_r *v;

	if (PROP_TYPE(tag) != PT_LONG) {
		return NULL;
	}
	v = talloc_zero(mem_ctx, struct PropertyValue_r);
	if (v != NULL) {
		v->ulPropTag = tag;
		v->Value.l = l;
	}
	return v;
}

/* A restriction of type @a rt with a private copy of @a value. */
static struct Restriction_r *restriction_with_value(
	TALLOC_CTX *mem_ctx,
	uint32_t rt,
	const struct PropertyValue_r *value,
	struct PropertyValue_r **copy)
{
	struct Restriction_r *r;

	if (value == NULL) {
		return NULL;
	}
	r = talloc_zero(mem_ctx, struct Restriction_r);
	if (r == NULL) {
		return NULL;
	}
	*copy = talloc(r, struct PropertyValue_r);
	if (*copy == NULL) {
		talloc_free(r);
		return NULL;
	}
	**copy = *value;
	/* Strings are copied; other pointer values (binaries, arrays) are
	 * shared with the caller's value, which must outlive @a r. */
	if (PROP_TYPE(value->ulPropTag) == PT_STRING8 &&
	    value->Value.lpszA != NULL) {
		(*copy)->Value.lpszA = talloc_strdup(*copy, value->Value.lpszA);
	} else if (PROP_TYPE(value->ulPropTag) == PT_UNICODE &&
		   value->Value.lpszW != NULL) {
		(*copy)->Value.lpszW = talloc_strdup(*copy, value->Value.lpszW);
	}
	r->rt = rt;
	return r;
}

struct Restriction_r *mapi_nspi_restriction_content(
	TALLOC_CTX *mem_ctx,
	uint32_t fuzzy_level,
	const struct PropertyValue_r *value)
{
	struct PropertyValue_r *copy = NULL;
	struct Restriction_r *r;

	/* MS-OXCDATA 2.12: RES_CONTENT = 3 */
	r = restriction_with_value(mem_ctx, 3, value, &copy);
	if (r != NULL) {
		r->res.resContent.ulFuzzyLevel = fuzzy_level;
		r->res.resContent.ulPropTag = value->ulPropTag;
		r->res.resContent.lpProp = copy;
	}
	return r;
}

struct Restriction_r *mapi_nspi_restriction_property(
	TALLOC_CTX *mem_ctx,
	uint32_t relop,
	const struct PropertyValue_r *value)
{
	struct PropertyValue_r *copy = NULL;
	struct Restriction_r *r;

	/* RES_PROPERTY = 4 */
	r = restriction_with_value(mem_ctx, 4, value, &copy);
	if (r != NULL) {
		r->res.resProperty.relop = relop;
		r->res.resProperty.ulPropTag = value->ulPropTag;
		r->res.resProperty.lpProp = copy;
	}
	return r;
}

struct Restriction_r *mapi_nspi_restriction_exist(TALLOC_CTX *mem_ctx,
						  uint32_t tag)
{
	struct Restriction_r *r = talloc_zero(mem_ctx, struct Restriction_r);

	if (r != NULL) {
		/* RES_EXIST = 8; MS-OXNSPI 2.2.5.10: reserved fields 0 */
		r->rt = 8;
		r->res.resExist.ulPropTag = tag;
	}
	return r;
}

/* Copy @a count restrictions into one array owned by @a parent. */
static struct Restriction_r *restriction_array(TALLOC_CTX *parent,
					       uint32_t count,
					       struct Restriction_r **res)
{
	struct Restriction_r *a;
	uint32_t i;

	a = talloc_zero_array(parent, struct Restriction_r, count);
	if (a == NULL) {
		return NULL;
	}
	for (i = 0; i < count; i++) {
		if (res[i] == NULL) {
			talloc_free(a);
			return NULL;
		}
		a[i] = *res[i];
		/* the members' children now hang off the copied struct */
		talloc_steal(a, res[i]);
	}
	return a;
}

static struct Restriction_r *restriction_list(TALLOC_CTX *mem_ctx,
					      uint32_t rt, uint32_t count,
					      struct Restriction_r **res)
{
	struct Restriction_r *r = talloc_zero(mem_ctx, struct Restriction_r);
	struct Restriction_r *a;

	if (r == NULL) {
		return NULL;
	}
	a = restriction_array(r, count, res);
	if (a == NULL && count > 0) {
		talloc_free(r);
		return NULL;
	}
	r->rt = rt;
	/* AndRestriction_r and OrRestriction_r share one layout */
	if (rt == 0) {
		r->res.resAnd.cRes = count;
		r->res.resAnd.lpRes = a;
	} else {
		r->res.resOr.cRes = count;
		r->res.resOr.lpRes = a;
	}
	return r;
}

struct Restriction_r *mapi_nspi_restriction_and(TALLOC_CTX *mem_ctx,
						uint32_t count,
						struct Restriction_r **res)
{
	return restriction_list(mem_ctx, 0, count, res);	/* RES_AND */
}

struct Restriction_r *mapi_nspi_restriction_or(TALLOC_CTX *mem_ctx,
					       uint32_t count,
					       struct Restriction_r **res)
{
	return restriction_list(mem_ctx, 1, count, res);	/* RES_OR */
}

struct Restriction_r *mapi_nspi_restriction_not(TALLOC_CTX *mem_ctx,
						struct Restriction_r *res)
{
	struct Restriction_r *r;

	if (res == NULL) {
		return NULL;
	}
	r = talloc_zero(mem_ctx, struct Restriction_r);
	if (r != NULL) {
		r->rt = 2;	/* RES_NOT */
		r->res.resNot.lpRes = talloc_steal(r, res);
	}
	return r;
}

const struct PropertyValue_r *mapi_nspi_row_find(
	const struct PropertyRow_r *row,
	uint32_t tag)
{
	uint32_t i;

	for (i = 0; row != NULL && i < row->cValues; i++) {
		if (row->lpProps[i].ulPropTag == tag) {
			return &row->lpProps[i];
		}
	}
	return NULL;
}

const char *mapi_nspi_row_string(const struct PropertyRow_r *row,
				 uint16_t prop_id)
{
	const struct PropertyValue_r *v;

	v = mapi_nspi_row_find(row, ((uint32_t)prop_id << 16) | PT_UNICODE);
	if (v != NULL) {
		return v->Value.lpszW;
	}
	v = mapi_nspi_row_find(row, ((uint32_t)prop_id << 16) | PT_STRING8);
	return v != NULL ? v->Value.lpszA : NULL;
}

static char *hex_string(TALLOC_CTX *mem_ctx, const uint8_t *p, uint32_t len)
{
	char *s = talloc_array(mem_ctx, char, len * 2 + 1);
	uint32_t i;

	if (s == NULL) {
		return NULL;
	}
	for (i = 0; i < len; i++) {
		snprintf(s + 2 * i, 3, "%02X", p[i]);
	}
	s[len * 2] = '\0';
	return s;
}

/* MS-DTYP 2.3.3: 100-ns intervals since 1601-01-01 UTC. */
static char *filetime_string(TALLOC_CTX *mem_ctx, const struct FILETIME *ft)
{
	uint64_t t = ((uint64_t)ft->dwHighDateTime << 32) | ft->dwLowDateTime;
	const uint64_t epoch_diff = 116444736000000000ULL;
	time_t secs;
	struct tm tm;
	char buf[32];

	if (t < epoch_diff) {
		return talloc_asprintf(mem_ctx, "FILETIME 0x%016llx",
				       (unsigned long long)t);
	}
	secs = (time_t)((t - epoch_diff) / 10000000ULL);
	if (gmtime_r(&secs, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S UTC", &tm) == 0) {
		return talloc_strdup(mem_ctx, "(bad time)");
	}
	return talloc_strdup(mem_ctx, buf);
}

static char *join(TALLOC_CTX *mem_ctx, char *acc, uint32_t i, const char *s)
{
	if (acc == NULL) {
		return NULL;
	}
	return talloc_asprintf_append(acc, "%s%s", i ? ", " : "",
				      s ? s : "(null)");
}

static char *mv_string(TALLOC_CTX *mem_ctx, const struct PropertyValue_r *v)
{
	char *acc = talloc_strdup(mem_ctx, "[");
	uint32_t i, n = 0;

	switch (PROP_TYPE(v->ulPropTag)) {
	case PT_MV_SHORT:
		for (i = 0, n = v->Value.MVi.cValues; i < n; i++) {
			acc = join(mem_ctx, acc, i, talloc_asprintf(acc, "%d",
					v->Value.MVi.lpi[i]));
		}
		break;
	case PT_MV_LONG:
		for (i = 0, n = v->Value.MVl.cValues; i < n; i++) {
			acc = join(mem_ctx, acc, i, talloc_asprintf(acc, "%d",
					v->Value.MVl.lpl[i]));
		}
		break;
	case PT_MV_STRING8:
		for (i = 0, n = v->Value.MVszA.cValues; i < n; i++) {
			acc = join(mem_ctx, acc, i, v->Value.MVszA.lppszA[i]);
		}
		break;
	case PT_MV_UNICODE:
		for (i = 0, n = v->Value.MVszW.cValues; i < n; i++) {
			acc = join(mem_ctx, acc, i, v->Value.MVszW.lppszW[i]);
		}
		break;
	case PT_MV_BINARY:
		for (i = 0, n = v->Value.MVbin.cValues; i < n; i++) {
			acc = join(mem_ctx, acc, i, hex_string(acc,
					v->Value.MVbin.lpbin[i].lpb,
					v->Value.MVbin.lpbin[i].cb));
		}
		break;
	case PT_MV_CLSID:
		for (i = 0, n = v->Value.MVguid.cValues; i < n; i++) {
			const struct FlatUID_r *g = v->Value.MVguid.lpguid[i];

			acc = join(mem_ctx, acc, i,
				   g ? hex_string(acc, g->ab, 16) : NULL);
		}
		break;
	case PT_MV_SYSTIME:
		for (i = 0, n = v->Value.MVft.cValues; i < n; i++) {
			acc = join(mem_ctx, acc, i, filetime_string(acc,
					&v->Value.MVft.lpft[i]));
		}
		break;
	}
	return acc ? talloc_asprintf_append(acc, "]") : NULL;
}

char *mapi_nspi_value_to_string(TALLOC_CTX *mem_ctx,
				const struct PropertyValue_r *v)
{
	const union PROP_VAL_UNION *u = &v->Value;

	switch (PROP_TYPE(v->ulPropTag)) {
	case PT_SHORT:
		return talloc_asprintf(mem_ctx, "%d", u->i);
	case PT_LONG:
		return talloc_asprintf(mem_ctx, "%d", u->l);
	case PT_BOOLEAN:
		return talloc_strdup(mem_ctx, u->b ? "true" : "false");
	case PT_STRING8:
		return talloc_strdup(mem_ctx, u->lpszA ? u->lpszA : "");
	case PT_UNICODE:
		return talloc_strdup(mem_ctx, u->lpszW ? u->lpszW : "");
	case PT_BINARY:
		return hex_string(mem_ctx, u->bin.lpb, u->bin.cb);
	case PT_CLSID:
		return u->lpguid ? hex_string(mem_ctx, u->lpguid->ab, 16)
				 : talloc_strdup(mem_ctx, "(null)");
	case PT_SYSTIME:
		return filetime_string(mem_ctx, &u->ft);
	case PT_ERROR:
		return talloc_asprintf(mem_ctx, "error %s (0x%08x)",
				       mapi_status_string(u->err),
				       (unsigned int)u->err);
	case PT_NULL:
	case PT_OBJECT:
		return talloc_asprintf(mem_ctx, "(reserved %d)", u->lReserved);
	case PT_MV_SHORT:
	case PT_MV_LONG:
	case PT_MV_STRING8:
	case PT_MV_UNICODE:
	case PT_MV_BINARY:
	case PT_MV_CLSID:
	case PT_MV_SYSTIME:
		return mv_string(mem_ctx, v);
	}
	return talloc_asprintf(mem_ctx, "(type 0x%04x)",
			       PROP_TYPE(v->ulPropTag));
}

/* Referral interface (MS-OXABREF) */

static enum MAPISTATUS rfr_done(struct mapi_rfr *rfr, const char *op,
				NTSTATUS status, enum MAPISTATUS result)
{
	rfr->last_ntstatus = status;
	if (!NT_STATUS_IS_OK(status)) {
		DBG_NOTICE("%s: RPC failed: %s\n", op, nt_errstr(status));
		return mapi_status_from_ntstatus(status);
	}
	return result;
}

enum MAPISTATUS mapi_rfr_connect(TALLOC_CTX *mem_ctx,
				 struct mapi_rpc_context *rpc,
				 const struct mapi_rpc_params *params,
				 NTSTATUS *nt_status, struct mapi_rfr **out)
{
	struct mapi_rfr *rfr;
	NTSTATUS status;

	*out = NULL;
	rfr = talloc_zero(mem_ctx, struct mapi_rfr);
	if (rfr == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	status = mapi_rpc_connect(rfr, rpc, params, &ndr_table_exchange_ds_rfr,
				  &rfr->pipe);
	if (nt_status != NULL) {
		*nt_status = status;
	}
	if (!NT_STATUS_IS_OK(status)) {
		DBG_NOTICE("referral connection failed: %s\n",
			   nt_errstr(status));
		talloc_free(rfr);
		return mapi_status_from_ntstatus(status);
	}
	*out = rfr;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_rfr_get_new_dsa(struct mapi_rfr *rfr,
				     TALLOC_CTX *mem_ctx, const char *user_dn,
				     const char **server)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	const char *answer = NULL;
	NTSTATUS status;

	*server = NULL;
	/* MS-OXABREF 3.1.4.1: ulFlags 0, ppszUnused NULL, *ppszServer NULL */
	status = dcerpc_RfrGetNewDSA(rfr->pipe->binding_handle, mem_ctx, 0,
				     user_dn ? user_dn : "", NULL, &answer,
				     &result);
	result = rfr_done(rfr, "RfrGetNewDSA", status, result);
	if (result == MAPI_E_SUCCESS) {
		if (answer == NULL) {
			return MAPI_E_CORRUPT_DATA;
		}
		*server = answer;
	}
	return result;
}

enum MAPISTATUS mapi_rfr_get_fqdn_from_server_dn(struct mapi_rfr *rfr,
						 TALLOC_CTX *mem_ctx,
						 const char *server_dn,
						 const char **fqdn)
{
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	size_t len;
	NTSTATUS status;

	*fqdn = NULL;
	if (server_dn == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	/* MS-OXABREF 3.1.4.2: the byte count includes the terminating NUL
	 * and lies within [10, 1024]. */
	len = strlen(server_dn) + 1;
	if (len < 10 || len > 1024) {
		return MAPI_E_INVALID_PARAMETER;
	}
	status = dcerpc_RfrGetFQDNFromServerDN(rfr->pipe->binding_handle,
					       mem_ctx, 0, len, server_dn, fqdn,
					       &result);
	return rfr_done(rfr, "RfrGetFQDNFromServerDN", status, result);
}

NTSTATUS mapi_rfr_last_ntstatus(const struct mapi_rfr *rfr)
{
	return rfr->last_ntstatus;
}
