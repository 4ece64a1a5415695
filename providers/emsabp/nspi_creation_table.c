/*
 * The address creation table: NspiGetSpecialTable with
 * NspiAddressCreationTemplates ([MS-OXNSPI] 3.1.4.1.3), one row per
 * address creation template of nspi_templates.c, with the columns of
 * [MS-OXOABKT] 2.2.1 (NspiGetSpecialTable PropertyRowSet_r Format).
 */
#include "emsabp.h"

#include <ndr.h>
#include <gen_ndr/ndr_exchange_nsp.h>

#define PID_ENTRYID		0x0FFF
#define PID_INSTANCE_KEY	0x0FF6
#define PID_ADDRESS_TYPE	0x3002
#define PID_DISPLAY_NAME	0x3001
#define PID_DISPLAY_TYPE	0x3900
#define PID_DEPTH		0x3005
#define PID_SELECTABLE		0x3609

#define CREATION_COLUMNS	7

/* [MS-OXNSPI] 2.2.9.3: the permanent entry ID of a template object; its
 * DN is what NspiGetTemplateInfo takes as pDN. */
static bool template_entry_id(TALLOC_CTX *mem_ctx, const char *dn,
			      struct Binary_r *bin)
{
	static const uint8_t guid_nspi[16] = {
		0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
		0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82
	};
	struct PermanentEntryID eid = {
		.IDType = 0x00,
		.R4 = 0x00000001,
		.DisplayTypeString = DT_ADDRESS_TEMPLATE,
		.DistinguishedName = dn,
	};
	ndr_push_flags_fn_t push =
		(ndr_push_flags_fn_t)ndr_push_PermanentEntryID;
	enum ndr_err_code err;
	DATA_BLOB blob;

	memcpy(eid.ProviderUID.ab, guid_nspi, sizeof(guid_nspi));
	err = ndr_push_struct_blob(&blob, mem_ctx, &eid, push);
	if (!NDR_ERR_CODE_IS_SUCCESS(err)) {
		return false;
	}
	bin->cb = blob.length;
	bin->lpb = blob.data;
	return true;
}

/* PidTagInstanceKey: the row's index, little-endian. */
static bool instance_key(TALLOC_CTX *mem_ctx, uint32_t index,
			 struct Binary_r *bin)
{
	bin->lpb = talloc_array(mem_ctx, uint8_t, 4);
	if (bin->lpb == NULL) {
		return false;
	}
	bin->cb = 4;
	bin->lpb[0] = index & 0xFF;
	bin->lpb[1] = (index >> 8) & 0xFF;
	bin->lpb[2] = (index >> 16) & 0xFF;
	bin->lpb[3] = (index >> 24) & 0xFF;
	return true;
}

static void set_string(struct PropertyValue_r *v, uint32_t id, bool unicode,
		       const char *s)
{
	if (unicode) {
		v->ulPropTag = PROP_TAG(id, PT_UNICODE);
		v->Value.lpszW = s;
	} else {
		/* the template names and address types are 7-bit ASCII,
		 * the same in every string8 code page */
		v->ulPropTag = PROP_TAG(id, PT_STRING8);
		v->Value.lpszA = s;
	}
}

static bool fill_creation_row(TALLOC_CTX *mem_ctx, uint32_t index,
			      bool unicode, struct PropertyRow_r *row)
{
	const char *address_type, *name, *dn;
	struct PropertyValue_r *v;

	if (!emsabp_creation_template(index, &address_type, &name, &dn)) {
		return false;
	}
	v = talloc_zero_array(mem_ctx, struct PropertyValue_r,
			      CREATION_COLUMNS);
	if (v == NULL) {
		return false;
	}
	set_string(&v[0], PID_ADDRESS_TYPE, unicode, address_type);
	set_string(&v[1], PID_DISPLAY_NAME, unicode, name);
	/* the kind of recipient the template creates: a mail user */
	v[2].ulPropTag = PROP_TAG(PID_DISPLAY_TYPE, PT_LONG);
	v[2].Value.l = DT_MAILUSER;
	v[3].ulPropTag = PROP_TAG(PID_ENTRYID, PT_BINARY);
	if (!template_entry_id(v, dn, &v[3].Value.bin)) {
		return false;
	}
	/* PidTagDepth and PidTagSelectable: the client ignores them */
	v[4].ulPropTag = PROP_TAG(PID_DEPTH, PT_LONG);
	v[4].Value.l = 0;
	v[5].ulPropTag = PROP_TAG(PID_SELECTABLE, PT_BOOLEAN);
	v[5].Value.b = 1;
	v[6].ulPropTag = PROP_TAG(PID_INSTANCE_KEY, PT_BINARY);
	if (!instance_key(v, index, &v[6].Value.bin)) {
		return false;
	}
	row->Reserved = 0;
	row->cValues = CREATION_COLUMNS;
	row->lpProps = v;
	return true;
}

static uint32_t count_creation_templates(void)
{
	const char *address_type, *name, *dn;
	uint32_t n = 0;

	while (emsabp_creation_template(n, &address_type, &name, &dn)) {
		n++;
	}
	return n;
}

/*
 * The rows of the address creation table.  Strings are Unicode with
 * @a unicode (NspiUnicodeStrings), else string8.
 */
enum MAPISTATUS emsabp_address_creation_table(TALLOC_CTX *mem_ctx,
					      bool unicode,
					      struct PropertyRowSet_r **out)
{
	uint32_t count = count_creation_templates();
	struct PropertyRowSet_r *set;
	uint32_t i;

	*out = NULL;
	set = talloc_zero(mem_ctx, struct PropertyRowSet_r);
	if (set == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	set->aRow = talloc_zero_array(set, struct PropertyRow_r, count);
	if (set->aRow == NULL) {
		talloc_free(set);
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	for (i = 0; i < count; i++) {
		if (!fill_creation_row(set->aRow, i, unicode, &set->aRow[i])) {
			talloc_free(set);
			return MAPI_E_NOT_ENOUGH_RESOURCES;
		}
	}
	set->cRows = count;
	*out = set;
	return MAPI_E_SUCCESS;
}
