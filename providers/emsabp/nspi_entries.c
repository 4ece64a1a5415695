/*
 * NSPI operations on single address book entries and on the property set
 * (MS-OXNSPI NspiDNToMId, NspiGetProps, NspiGetPropList,
 * NspiQueryColumns), over mail-enabled users.
 */
#include "emsabp.h"

#include <ldb.h>
#include <ndr.h>
#include <util/debug.h>
#include <gen_ndr/ndr_exchange_nsp.h>

#define PROP_TAG(id, type) (((uint32_t)(id) << 16) | (type))
#define PROP_ID(tag) ((tag) >> 16)
#define PROP_TYPE(tag) ((tag) & 0xFFFF)

#define PID_OBJECT_TYPE		0x0FFE
#define PID_ENTRYID		0x0FFF
#define PID_DISPLAY_NAME	0x3001
#define PID_ADDRTYPE		0x3002
#define PID_EMAIL_ADDRESS	0x3003
#define PID_DISPLAY_TYPE	0x3900
#define PID_SMTP_ADDRESS	0x39FE
#define PID_ACCOUNT		0x3A00
#define PID_HOME_MDB		0x8006	/* PidTagAddressBookHomeMessageDatabase */

#define MAPI_MAILUSER		0x00000006	/* MS-OXCDATA 2.2.4 (ObjectType) */

/* MS-OXNSPI 2.2.9.3: ProviderUID of permanent entry IDs (GUID_NSPI) */
static const uint8_t guid_nspi[16] = {
	0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
	0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82
};

/* Properties returned when the client names none. */
static const uint32_t default_tags[] = {
	PROP_TAG(PID_ENTRYID, PT_BINARY),
	PROP_TAG(PID_OBJECT_TYPE, PT_LONG),
	PROP_TAG(PID_DISPLAY_TYPE, PT_LONG),
	PROP_TAG(PID_DISPLAY_NAME, PT_STRING8),
	PROP_TAG(PID_ADDRTYPE, PT_STRING8),
	PROP_TAG(PID_EMAIL_ADDRESS, PT_STRING8),
	PROP_TAG(PID_SMTP_ADDRESS, PT_STRING8),
	PROP_TAG(PID_ACCOUNT, PT_STRING8),
	PROP_TAG(PID_HOME_MDB, PT_STRING8),
};

static struct emsabp_mids *open_mids(TALLOC_CTX *mem_ctx,
				     struct dcesrv_call_state *dce_call)
{
	return emsabp_mids_open(mem_ctx, dce_call->conn->dce_ctx->lp_ctx);
}

/* A PropertyTagArray_r with room for @a count tags (the NDR array is
 * sized count + 1) and cValues 0. */
struct PropertyTagArray_r *emsabp_tag_array(TALLOC_CTX *mem_ctx,
					    uint32_t count)
{
	struct PropertyTagArray_r *r = talloc_zero(mem_ctx,
						   struct PropertyTagArray_r);

	if (r == NULL) {
		return NULL;
	}
	r->aulPropTag = talloc_zero_array(r, uint32_t, count + 1);
	if (r->aulPropTag == NULL) {
		talloc_free(r);
		return NULL;
	}
	return r;
}

/*
 * The mail user a MId names, with its computed home MDB: MAPI_E_NOT_FOUND
 * when the MId is unknown or no longer a mail user.
 */
static enum MAPISTATUS recipient_by_mid(struct dcesrv_call_state *dce_call,
					TALLOC_CTX *mem_ctx, uint32_t mid,
					struct ldb_message **msg)
{
	struct ldb_context *samdb = emsabp_samdb(mem_ctx, dce_call);
	struct emsabp_mids *mids = open_mids(mem_ctx, dce_call);
	struct GUID guid;

	if (samdb == NULL || mids == NULL) {
		return MAPI_E_CALL_FAILED;
	}
	if (!emsabp_guid_for_mid(mids, mid, &guid) ||
	    (*msg = emsabp_recipient_by_guid(mem_ctx, samdb, &guid)) == NULL) {
		return MAPI_E_NOT_FOUND;
	}
	emsabp_add_home_mdb(*msg, dce_call->conn->dce_ctx->lp_ctx);
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsabp_dn_to_mid(struct dcesrv_call_state *dce_call,
				 TALLOC_CTX *mem_ctx,
				 const struct StringsArray_r *names,
				 struct PropertyTagArray_r **out)
{
	struct ldb_context *samdb = emsabp_samdb(mem_ctx, dce_call);
	struct emsabp_mids *mids = open_mids(mem_ctx, dce_call);
	struct PropertyTagArray_r *r;
	uint32_t i;

	if (samdb == NULL || mids == NULL) {
		return MAPI_E_CALL_FAILED;
	}
	r = emsabp_tag_array(mem_ctx, names->Count);
	if (r == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	r->cValues = names->Count;
	/* An unknown DN maps to MId 0 (MS-OXNSPI NspiDNToMId). */
	for (i = 0; i < names->Count; i++) {
		struct ldb_message *msg;
		struct GUID guid;

		if (names->Strings[i] == NULL) {
			continue;
		}
		msg = emsabp_recipient_by_dn(mem_ctx, samdb, names->Strings[i]);
		if (msg != NULL && emsabp_recipient_guid(msg, &guid)) {
			r->aulPropTag[i] = emsabp_mid_for_guid(mids, &guid);
		}
	}
	*out = r;
	return MAPI_E_SUCCESS;
}

static bool entry_id(TALLOC_CTX *mem_ctx, const struct ldb_message *msg,
		     struct Binary_r *bin)
{
	struct PermanentEntryID eid = {
		.IDType = 0x00,
		.R4 = 0x00000001,
		.DisplayTypeString = DT_MAILUSER,
	};
	DATA_BLOB blob;

	memcpy(eid.ProviderUID.ab, guid_nspi, sizeof(guid_nspi));
	eid.DistinguishedName = ldb_msg_find_attr_as_string(msg,
						"legacyExchangeDN", "");
	if (!NDR_ERR_CODE_IS_SUCCESS(ndr_push_struct_blob(&blob, mem_ctx, &eid,
			(ndr_push_flags_fn_t)ndr_push_PermanentEntryID))) {
		return false;
	}
	bin->cb = blob.length;
	bin->lpb = blob.data;
	return true;
}

static const char *string_attribute(uint32_t prop_id)
{
	switch (prop_id) {
	case PID_DISPLAY_NAME: return "displayName";
	case PID_EMAIL_ADDRESS: return "legacyExchangeDN";
	case PID_SMTP_ADDRESS: return "mail";
	case PID_ACCOUNT: return "sAMAccountName";
	case PID_HOME_MDB: return "homeMDB";
	default: return NULL;
	}
}

/* One value; false when the entry has no such property. */
static bool fill_value(TALLOC_CTX *mem_ctx, const struct ldb_message *msg,
		       uint32_t tag, struct PropertyValue_r *v)
{
	uint32_t type = PROP_TYPE(tag);
	const char *attr = string_attribute(PROP_ID(tag));
	const char *s = NULL;

	v->ulPropTag = tag;
	if (PROP_ID(tag) == PID_ADDRTYPE) {
		s = "EX";
	} else if (attr != NULL) {
		s = ldb_msg_find_attr_as_string(msg, attr, NULL);
	}
	if (s != NULL && type == PT_STRING8) {
		v->Value.lpszA = talloc_strdup(mem_ctx, s);
		return true;
	}
	if (s != NULL && type == PT_UNICODE) {
		v->Value.lpszW = talloc_strdup(mem_ctx, s);
		return true;
	}
	if (type == PT_LONG && PROP_ID(tag) == PID_OBJECT_TYPE) {
		v->Value.l = MAPI_MAILUSER;
		return true;
	}
	if (type == PT_LONG && PROP_ID(tag) == PID_DISPLAY_TYPE) {
		v->Value.l = DT_MAILUSER;
		return true;
	}
	if (type == PT_BINARY && PROP_ID(tag) == PID_ENTRYID) {
		return entry_id(mem_ctx, msg, &v->Value.bin);
	}
	return false;
}

/*
 * One row of @a count columns for @a msg (NULL: an unknown entry, every
 * cell an error).  A missing property is a PtypErrorCode value
 * (MS-OXNSPI 3.1.4.1.7); returns false when a cell is an error.
 */
bool emsabp_fill_row(TALLOC_CTX *mem_ctx, const struct ldb_message *msg,
		     const struct PropertyTagArray_r *tags,
		     struct PropertyRow_r *row)
{
	const uint32_t *list = tags ? tags->aulPropTag : default_tags;
	uint32_t count = tags ? tags->cValues : ARRAY_SIZE(default_tags), i;
	bool complete = true;

	row->Reserved = 0;
	row->cValues = count;
	row->lpProps = talloc_zero_array(mem_ctx, struct PropertyValue_r, count);
	if (count > 0 && row->lpProps == NULL) {
		row->cValues = 0;
		return false;
	}
	for (i = 0; i < count; i++) {
		if (msg == NULL ||
		    !fill_value(row->lpProps, msg, list[i], &row->lpProps[i])) {
			row->lpProps[i].ulPropTag =
				PROP_TAG(PROP_ID(list[i]), PT_ERROR);
			row->lpProps[i].Value.err = MAPI_E_NOT_FOUND;
			complete = false;
		}
	}
	return complete;
}

enum MAPISTATUS emsabp_get_props(struct dcesrv_call_state *dce_call,
				 TALLOC_CTX *mem_ctx,
				 const struct STAT *stat,
				 const struct PropertyTagArray_r *tags,
				 struct PropertyRow_r **out)
{
	struct ldb_message *msg;
	struct PropertyRow_r *row;
	enum MAPISTATUS status;

	*out = NULL;
	status = recipient_by_mid(dce_call, mem_ctx, stat->CurrentRec, &msg);
	if (status != MAPI_E_SUCCESS) {
		return status;
	}
	row = talloc_zero(mem_ctx, struct PropertyRow_r);
	if (row == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	*out = row;
	return emsabp_fill_row(row, msg, tags, row) ? MAPI_E_SUCCESS
						    : MAPI_W_ERRORS_RETURNED;
}

/* String properties take the client's choice of string type. */
static uint32_t with_string_type(uint32_t tag, bool unicode)
{
	if (PROP_TYPE(tag) == PT_STRING8 && unicode) {
		return PROP_TAG(PROP_ID(tag), PT_UNICODE);
	}
	return tag;
}

/* MS-OXNSPI NspiQueryColumns: every property the server knows. */
enum MAPISTATUS emsabp_query_columns(TALLOC_CTX *mem_ctx, uint32_t flags,
				     struct PropertyTagArray_r **out)
{
	bool unicode = (flags & NspiUnicodeProptypes) != 0;
	struct PropertyTagArray_r *r = emsabp_tag_array(mem_ctx,
						ARRAY_SIZE(default_tags));
	uint32_t i;

	*out = NULL;
	if (r == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	for (i = 0; i < ARRAY_SIZE(default_tags); i++) {
		r->aulPropTag[r->cValues++] = with_string_type(default_tags[i],
							       unicode);
	}
	*out = r;
	return MAPI_E_SUCCESS;
}

/* MS-OXNSPI NspiGetPropList: the properties that have values on one
 * object, strings as PT_UNICODE when the client's code page is Unicode. */
enum MAPISTATUS emsabp_get_prop_list(struct dcesrv_call_state *dce_call,
				     TALLOC_CTX *mem_ctx, uint32_t mid,
				     uint32_t code_page,
				     struct PropertyTagArray_r **out)
{
	struct PropertyTagArray_r *r;
	struct ldb_message *msg;
	enum MAPISTATUS status;
	uint32_t i;

	*out = NULL;
	status = recipient_by_mid(dce_call, mem_ctx, mid, &msg);
	if (status != MAPI_E_SUCCESS) {
		return status;
	}
	r = emsabp_tag_array(mem_ctx, ARRAY_SIZE(default_tags));
	if (r == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	for (i = 0; i < ARRAY_SIZE(default_tags); i++) {
		struct PropertyValue_r v;

		if (fill_value(r, msg, default_tags[i], &v)) {
			r->aulPropTag[r->cValues++] = with_string_type(
				default_tags[i], code_page == CP_WINUNICODE);
		}
	}
	*out = r;
	return MAPI_E_SUCCESS;
}
