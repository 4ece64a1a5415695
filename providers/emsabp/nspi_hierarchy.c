/*
 * The address book hierarchy table (MS-OXNSPI 3.1.4.1.3 NspiGetSpecialTable
 * without NspiAddressCreationTemplates; MS-OXOABK 2.2.6 container
 * properties): one row per container of emsabp_book.c, in tree order.
 */
#include "emsabp.h"

#include <ndr.h>
#include <gen_ndr/ndr_exchange_nsp.h>

/* MS-OXOABK 2.2.6.1 PidTagContainerFlags */
#define AB_RECIPIENTS		0x00000001
#define AB_SUBCONTAINERS	0x00000002
#define AB_UNMODIFIABLE		0x00000008

#define PID_ENTRYID		0x0FFF
#define PID_CONTAINER_FLAGS	0x3600
#define PID_DEPTH		0x3005
#define PID_CONTAINER_ID	0xFFFD	/* PidTagAddressBookContainerId */
#define PID_DISPLAY_NAME	0x3001
#define PID_IS_MASTER		0xFFFB	/* PidTagAddressBookIsMaster */
#define PID_PARENT_ENTRYID	0xFFFC	/* PidTagAddressBookParentEntryId */

/*
 * The version of the hierarchy: the containers are fixed by the server,
 * so it changes only when the server's container layout does.
 */
#define HIERARCHY_VERSION	0x00010001

/* The permanent entry ID of a container (MS-OXNSPI 2.2.9.3): display
 * type DT_CONTAINER and the container's addresslist DN. */
static bool container_entry_id(TALLOC_CTX *mem_ctx,
			       const struct emsabp_container *c,
			       struct Binary_r *bin)
{
	static const uint8_t guid_nspi[16] = {
		0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
		0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82
	};
	struct PermanentEntryID eid = {
		.IDType = 0x00,
		.R4 = 0x00000001,
		.DisplayTypeString = DT_CONTAINER,
		.DistinguishedName = c->dn,
	};
	DATA_BLOB blob;

	memcpy(eid.ProviderUID.ab, guid_nspi, sizeof(guid_nspi));
	if (!NDR_ERR_CODE_IS_SUCCESS(ndr_push_struct_blob(&blob, mem_ctx,
			&eid, (ndr_push_flags_fn_t)ndr_push_PermanentEntryID))) {
		return false;
	}
	bin->cb = blob.length;
	bin->lpb = blob.data;
	return true;
}

/*
 * MS-OXOABK 2.2.2.1: AB_RECIPIENTS and AB_UNMODIFIABLE are set on every
 * container the server returns; AB_SUBCONTAINERS when it has children.
 */
static uint32_t container_flags(const struct emsabp_book *b, uint32_t index)
{
	bool children = index + 1 < b->num_containers &&
		b->containers[index + 1].depth > b->containers[index].depth;

	return AB_RECIPIENTS | AB_UNMODIFIABLE |
	       (children ? AB_SUBCONTAINERS : 0);
}

/* The nearest container above @a index with a smaller depth. */
static const struct emsabp_container *parent_of(const struct emsabp_book *b,
						 uint32_t index)
{
	uint32_t i;

	for (i = index; i-- > 0;) {
		if (b->containers[i].depth < b->containers[index].depth) {
			return &b->containers[i];
		}
	}
	return NULL;
}

static bool fill_hierarchy_row(TALLOC_CTX *mem_ctx,
			       const struct emsabp_book *book, uint32_t index,
			       bool unicode, uint32_t code_page,
			       struct PropertyRow_r *row)
{
	const struct emsabp_container *c = &book->containers[index];
	const struct emsabp_container *parent = parent_of(book, index);
	struct PropertyValue_r *v;
	uint32_t n = 0;

	v = talloc_zero_array(mem_ctx, struct PropertyValue_r, 7);
	if (v == NULL) {
		return false;
	}
	v[n].ulPropTag = PROP_TAG(PID_ENTRYID, PT_BINARY);
	if (!container_entry_id(v, c, &v[n++].Value.bin)) {
		return false;
	}
	v[n].ulPropTag = PROP_TAG(PID_CONTAINER_FLAGS, PT_LONG);
	v[n++].Value.l = container_flags(book, index);
	v[n].ulPropTag = PROP_TAG(PID_DEPTH, PT_LONG);
	v[n++].Value.l = c->depth;
	v[n].ulPropTag = PROP_TAG(PID_CONTAINER_ID, PT_LONG);
	v[n++].Value.l = c->mid;
	if (unicode) {
		v[n].ulPropTag = PROP_TAG(PID_DISPLAY_NAME, PT_UNICODE);
		v[n++].Value.lpszW = c->name;
	} else {
		v[n].ulPropTag = PROP_TAG(PID_DISPLAY_NAME, PT_STRING8);
		v[n++].Value.lpszA = mapi_string8_to_wire(v, book->dos,
							code_page, c->name);
	}
	v[n].ulPropTag = PROP_TAG(PID_IS_MASTER, PT_BOOLEAN);
	v[n++].Value.b = 0;
	if (parent != NULL) {
		v[n].ulPropTag = PROP_TAG(PID_PARENT_ENTRYID, PT_BINARY);
		if (!container_entry_id(v, parent, &v[n++].Value.bin)) {
			return false;
		}
	}
	row->Reserved = 0;
	row->cValues = n;
	row->lpProps = v;
	return true;
}

/*
 * The rows of the hierarchy table.  Strings are Unicode with
 * NspiUnicodeStrings, else string8 in the STAT code page; *version
 * receives the hierarchy's version.
 */
enum MAPISTATUS emsabp_hierarchy_table(struct dcesrv_call_state *dce_call,
				       TALLOC_CTX *mem_ctx, bool unicode,
				       const struct STAT *stat,
				       uint32_t *version,
				       struct PropertyRowSet_r **out)
{
	struct emsabp_book *book = emsabp_book_current(dce_call);
	struct PropertyRowSet_r *set;
	uint32_t i;

	*out = NULL;
	if (book == NULL) {
		return MAPI_E_CALL_FAILED;
	}
	/* MS-OXNSPI 3.1.4.1.3: a client that has this version gets no rows */
	if (*version == HIERARCHY_VERSION) {
		set = talloc_zero(mem_ctx, struct PropertyRowSet_r);
		*out = set;
		return set != NULL ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	if (!unicode && (stat->CodePage == CP_WINUNICODE ||
			 !mapi_code_page_known(stat->CodePage))) {
		return MAPI_E_UNKNOWN_CPID;
	}
	set = talloc_zero(mem_ctx, struct PropertyRowSet_r);
	if (set == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	set->aRow = talloc_zero_array(set, struct PropertyRow_r,
				      book->num_containers);
	if (set->aRow == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	for (i = 0; i < book->num_containers; i++) {
		if (!fill_hierarchy_row(set->aRow, book, i, unicode,
					stat->CodePage, &set->aRow[i])) {
			return MAPI_E_NOT_ENOUGH_RESOURCES;
		}
	}
	set->cRows = book->num_containers;
	*version = HIERARCHY_VERSION;
	*out = set;
	return MAPI_E_SUCCESS;
}
