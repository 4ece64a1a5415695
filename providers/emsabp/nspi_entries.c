/*
 * NSPI operations on single address book entries and on the property set:
 * NspiDNToMId (MS-OXNSPI 3.1.4.1.13), NspiGetProps (3.1.4.1.7),
 * NspiGetPropList (3.1.4.1.6) and NspiQueryColumns (3.1.4.1.5).
 */
#include "emsabp.h"

#include <ldb.h>
#include <util/debug.h>
#include <gen_ndr/ndr_exchange_nsp.h>

/* An unknown DN maps to MId 0 (MS-OXNSPI 3.1.4.1.13). */
enum MAPISTATUS emsabp_dn_to_mid(struct dcesrv_call_state *dce_call,
				 TALLOC_CTX *mem_ctx,
				 const struct StringsArray_r *names,
				 struct PropertyTagArray_r **out)
{
	struct emsabp_book *book = emsabp_book_current(dce_call);
	struct PropertyTagArray_r *r;
	uint32_t i;

	*out = NULL;
	if (book == NULL) {
		return MAPI_E_CALL_FAILED;
	}
	r = emsabp_tag_array(mem_ctx, names->Count);
	if (r == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	r->cValues = names->Count;
	for (i = 0; i < names->Count; i++) {
		const struct emsabp_entry *e = emsabp_book_entry_by_dn(book,
							names->Strings[i]);
		const struct emsabp_container *c = NULL;
		uint32_t j;

		if (e != NULL) {
			r->aulPropTag[i] = e->mid;
			continue;
		}
		for (j = 0; names->Strings[i] != NULL &&
			    j < book->num_containers; j++) {
			if (strcasecmp(book->containers[j].dn,
				       names->Strings[i]) == 0) {
				c = &book->containers[j];
			}
		}
		r->aulPropTag[i] = c != NULL ? c->entry_mid : 0;
	}
	*out = r;
	return MAPI_E_SUCCESS;
}

/*
 * MS-OXNSPI 3.1.4.1.7: the properties of the object CurrentRec names;
 * string8 values in the STAT's code page.  An object that does not exist
 * has no values: every requested column is a PtypErrorCode value and the
 * call answers MAPI_W_ERRORS_RETURNED, as for any missing property.
 * Without pPropTags, the columns are the object's property list.
 */
enum MAPISTATUS emsabp_get_props(struct dcesrv_call_state *dce_call,
				 TALLOC_CTX *mem_ctx, uint32_t flags,
				 const struct STAT *stat,
				 const struct PropertyTagArray_r *tags,
				 struct PropertyRow_r **out)
{
	struct emsabp_book *book = emsabp_book_current(dce_call);
	const struct emsabp_row_opts opts = {
		.code_page = stat->CodePage,
		.ephemeral_ids = (flags & fEphID) != 0,
		.skip_objects = (flags & fSkipObjects) != 0,
		.container = stat->ContainerID,
	};
	const struct emsabp_entry *e;
	struct PropertyRow_r *row;

	*out = NULL;
	if (book == NULL) {
		return MAPI_E_CALL_FAILED;
	}
	if (stat->CodePage != CP_WINUNICODE &&
	    !mapi_code_page_known(stat->CodePage)) {
		return MAPI_E_UNKNOWN_CPID;
	}
	if (emsabp_book_container(book, stat->ContainerID) == NULL) {
		return MAPI_E_INVALID_BOOKMARK;
	}
	e = emsabp_book_entry(book, stat->CurrentRec);
	if (tags == NULL) {
		if (e == NULL) {
			return MAPI_E_NOT_FOUND;
		}
		/* GetPropList's answer in a string8 code page (rule 5) */
		tags = emsabp_entry_prop_list(mem_ctx, book, e, &opts, false);
		if (tags == NULL) {
			return MAPI_E_NOT_ENOUGH_RESOURCES;
		}
	}
	row = talloc_zero(mem_ctx, struct PropertyRow_r);
	if (row == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	*out = row;
	return emsabp_fill_row(row, book, e, tags, &opts, row) ?
		MAPI_E_SUCCESS : MAPI_W_ERRORS_RETURNED;
}

enum MAPISTATUS emsabp_query_columns(TALLOC_CTX *mem_ctx, uint32_t flags,
				     struct PropertyTagArray_r **out)
{
	*out = emsabp_known_props(mem_ctx,
				  (flags & NspiUnicodeProptypes) != 0);
	return *out != NULL ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_RESOURCES;
}

enum MAPISTATUS emsabp_get_prop_list(struct dcesrv_call_state *dce_call,
				     TALLOC_CTX *mem_ctx, uint32_t flags,
				     uint32_t mid, uint32_t code_page,
				     struct PropertyTagArray_r **out)
{
	struct emsabp_book *book = emsabp_book_current(dce_call);
	const struct emsabp_row_opts opts = {
		.code_page = code_page,
		.skip_objects = (flags & fSkipObjects) != 0,
	};
	const struct emsabp_entry *e;

	*out = NULL;
	if (book == NULL) {
		return MAPI_E_CALL_FAILED;
	}
	e = emsabp_book_entry(book, mid);
	if (e == NULL) {
		return MAPI_E_NOT_FOUND;
	}
	*out = emsabp_entry_prop_list(mem_ctx, book, e, &opts,
				      code_page == CP_WINUNICODE);
	return *out != NULL ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_RESOURCES;
}
