/*
 * Explicit tables (MS-OXNSPI 3.1.4.4.2): NspiGetMatches (3.1.4.1.10),
 * NspiSeekEntries (3.1.4.1.9) and NspiResortRestriction (3.1.4.1.11).
 *
 * Restrictions are evaluated by emsabp_restriction.c against entries of
 * the address book snapshot, strings compared in the collation of the
 * STAT's sort locale; PidTagAnr goes through ambiguous name resolution.
 */
#include "emsabp.h"
#include "emsabp_match.h"

#include <util/debug.h>

/* MS-OXNSPI 2.2.1.10 table sort orders */
#define SORT_DISPLAY_NAME		0x00000000
#define SORT_PHONETIC_DISPLAY_NAME	0x00000003
#define SORT_DISPLAY_NAME_RO		0x000003E8
#define SORT_DISPLAY_NAME_W		0x000003E9

#define PID_DISPLAY_NAME		0x3001

/* The restriction engine reads entries through this. */
struct match_entry {
	const struct emsabp_book *book;
	const struct emsabp_entry *e;
	const struct emsabp_row_opts *opts;
};

static bool match_get(TALLOC_CTX *mem_ctx, void *entry, uint32_t tag,
		      struct PropertyValue_r *value)
{
	const struct match_entry *m = entry;

	return emsabp_prop_value(mem_ctx, m->book, m->e, tag, m->opts, value);
}

static bool match_anr(void *entry, const char *text, void *private_data)
{
	const struct match_entry *m = entry;

	return emsabp_anr_match(m->e, text);
}

static bool sort_type_by_name(uint32_t sort_type)
{
	/* Phonetic names are not kept: sort by display name (rule 6). */
	return sort_type == SORT_DISPLAY_NAME ||
	       sort_type == SORT_PHONETIC_DISPLAY_NAME;
}

static struct PropertyTagArray_r *mid_array(TALLOC_CTX *mem_ctx,
					    struct emsabp_entry *const *rows,
					    uint32_t count)
{
	struct PropertyTagArray_r *r = emsabp_tag_array(mem_ctx, count);
	uint32_t i;

	for (i = 0; r != NULL && i < count; i++) {
		r->aulPropTag[r->cValues++] = rows[i]->mid;
	}
	return r;
}

/*
 * The rows of @a mids as NspiQueryRows gives them for an explicit table
 * (dwFlags fEphID), when the client asked for columns.
 */
static enum MAPISTATUS explicit_rows(TALLOC_CTX *mem_ctx,
				     const struct emsabp_book *book,
				     struct emsabp_entry *const *rows,
				     uint32_t count, const struct STAT *stat,
				     const struct PropertyTagArray_r *tags,
				     struct PropertyRowSet_r **out)
{
	const struct emsabp_row_opts opts = {
		.code_page = stat->CodePage,
		.ephemeral_ids = true,
		.container = stat->ContainerID,
	};

	*out = NULL;
	if (tags == NULL) {
		return MAPI_E_SUCCESS;
	}
	return emsabp_fill_rows(mem_ctx, book, rows, count, tags, &opts, out);
}

/* A string8 value the client sent, read in its code page. */
static void value_from_code_page(TALLOC_CTX *mem_ctx,
				 const struct emsabp_book *book,
				 uint32_t code_page, struct PropertyValue_r *v)
{
	uint32_t i;

	if (v == NULL) {
		return;
	}
	if (PROP_TYPE(v->ulPropTag) == PT_STRING8 && v->Value.lpszA != NULL) {
		const char *s = mapi_string8_from_wire(mem_ctx, book->dos,
						  code_page, v->Value.lpszA);

		v->Value.lpszA = s ? s : v->Value.lpszA;
	}
	if (PROP_TYPE(v->ulPropTag) == PT_MV_STRING8) {
		for (i = 0; i < v->Value.MVszA.cValues; i++) {
			const char **p = &v->Value.MVszA.lppszA[i];
			const char *s = *p ? mapi_string8_from_wire(mem_ctx,
					book->dos, code_page, *p) : NULL;

			*p = s ? s : *p;
		}
	}
}

/*
 * The string8 values of a (validated) restriction are in the client's
 * code page as the NDR layer delivered them: make them UTF-8.
 */
static void restriction_from_code_page(TALLOC_CTX *mem_ctx,
				       const struct emsabp_book *book,
				       uint32_t code_page,
				       struct Restriction_r *r)
{
	uint32_t i;

	switch (r->rt) {
	case EMSABP_RES_AND:
	case EMSABP_RES_OR:
		for (i = 0; i < r->res.resAnd.cRes; i++) {
			restriction_from_code_page(mem_ctx, book, code_page,
						   &r->res.resAnd.lpRes[i]);
		}
		break;
	case EMSABP_RES_NOT:
		restriction_from_code_page(mem_ctx, book, code_page,
					   r->res.resNot.lpRes);
		break;
	case EMSABP_RES_CONTENT:
		value_from_code_page(mem_ctx, book, code_page,
				     r->res.resContent.lpProp);
		break;
	case EMSABP_RES_PROPERTY:
		value_from_code_page(mem_ctx, book, code_page,
				     r->res.resProperty.lpProp);
		break;
	default:
		break;
	}
}

/*
 * The text of a restriction that is nothing but ambiguous name
 * resolution (PidTagAnr), the form Outlook's name search sends; NULL for
 * any other restriction.
 */
static const char *anr_only(const struct Restriction_r *r)
{
	const struct PropertyValue_r *v = NULL;

	if (r->rt == EMSABP_RES_PROPERTY) {
		v = r->res.resProperty.lpProp;
	} else if (r->rt == EMSABP_RES_CONTENT) {
		v = r->res.resContent.lpProp;
	}
	if (v == NULL || PROP_ID(v->ulPropTag) != EMSABP_PID_ANR) {
		return NULL;
	}
	if (PROP_TYPE(v->ulPropTag) == PT_UNICODE) {
		return v->Value.lpszW;
	}
	return PROP_TYPE(v->ulPropTag) == PT_STRING8 ? v->Value.lpszA : NULL;
}

/* The rows of @a view whose entries ANR of @a text selects, through the
 * snapshot's name index. */
static enum MAPISTATUS rows_by_anr(TALLOC_CTX *mem_ctx,
				   const struct emsabp_book *book,
				   const struct emsabp_view *view,
				   const char *text, uint32_t requested,
				   struct emsabp_entry **rows, uint32_t *count)
{
	bool *selected = talloc_zero_array(mem_ctx, bool, book->count + 1);
	uint32_t i, n = 0;

	if (selected == NULL ||
	    !emsabp_name_index_select(book, text, selected)) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	for (i = 0; i < view->count; i++) {
		if (!selected[view->rows[i] - book->entries]) {
			continue;
		}
		if (n == requested) {
			return MAPI_E_TABLE_TOO_BIG;
		}
		rows[n++] = view->rows[i];
	}
	talloc_free(selected);
	*count = n;
	return MAPI_E_SUCCESS;
}

/* Restriction-based explicit table: matching rows, in table order. */
static enum MAPISTATUS rows_matching(TALLOC_CTX *mem_ctx,
				     struct dcesrv_call_state *dce_call,
				     const struct STAT *stat,
				     const struct Restriction_r *filter,
				     uint32_t requested,
				     struct emsabp_book **book_out,
				     struct emsabp_entry ***rows_out,
				     uint32_t *count_out)
{
	const struct emsabp_row_opts opts = {
		.code_page = CP_WINUNICODE,	/* compare as Unicode */
		.container = stat->ContainerID,
	};
	const struct emsabp_view *view;
	struct emsabp_match_ctx ctx = { .get = match_get, .anr = match_anr };
	struct emsabp_entry **rows;
	struct emsabp_book *book;
	enum MAPISTATUS status;
	uint32_t i, n = 0;

	status = emsabp_restriction_validate(filter);
	if (status != MAPI_E_SUCCESS) {
		return status;
	}
	status = emsabp_table_view(dce_call, stat, &book, &view);
	if (status != MAPI_E_SUCCESS) {
		return status;
	}
	restriction_from_code_page(mem_ctx, book, stat->CodePage,
				   discard_const_p(struct Restriction_r,
						   filter));
	rows = talloc_array(mem_ctx, struct emsabp_entry *, view->count);
	if (view->count > 0 && rows == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	if (anr_only(filter) != NULL) {
		status = rows_by_anr(mem_ctx, book, view, anr_only(filter),
				     requested, rows, &n);
		*book_out = book;
		*rows_out = rows;
		*count_out = n;
		return status;
	}
	ctx.coll = mapi_collator_new(mem_ctx, stat->SortLocale, 0);
	if (ctx.coll == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	for (i = 0; i < view->count; i++) {
		struct match_entry m = { book, view->rows[i], &opts };

		if (!emsabp_restriction_match(&ctx, filter, &m)) {
			continue;
		}
		if (n == requested) {
			return MAPI_E_TABLE_TOO_BIG;
		}
		rows[n++] = view->rows[i];
	}
	*book_out = book;
	*rows_out = rows;
	*count_out = n;
	return MAPI_E_SUCCESS;
}

static const struct emsabp_mid_list *link_list(const struct emsabp_entry *e,
					       uint32_t prop_id,
					       struct emsabp_mid_list *one)
{
	switch (prop_id) {
	case 0x8009: return &e->members;	/* AddressBookMember */
	case 0x8008: return &e->member_of;	/* ..IsMemberOfDistributionList */
	case 0x800E: return &e->reports;	/* AddressBookReports */
	case 0x8005:				/* AddressBookManager */
		*one = (struct emsabp_mid_list){ e->manager ? 1 : 0,
						 discard_const_p(uint32_t,
								 &e->manager) };
		return one;
	case 0x800C:				/* AddressBookOwner */
		*one = (struct emsabp_mid_list){ e->owner ? 1 : 0,
						 discard_const_p(uint32_t,
								 &e->owner) };
		return one;
	default:
		return NULL;
	}
}

/* Sort entries by display name in the collation of @a sort_locale. */
static bool sort_by_name(TALLOC_CTX *mem_ctx, uint32_t sort_locale,
			 struct emsabp_entry **rows, uint32_t count);

/*
 * Property-value-based explicit table (MS-OXNSPI 3.1.4.4.2.2): the
 * entries a link property of the object CurrentRec refers to, sorted by
 * display name.  The property is lpPropName's when given (only the
 * address book's own link properties are mappable), else the proptag in
 * ContainerID.
 */
static enum MAPISTATUS rows_linked(TALLOC_CTX *mem_ctx,
				   struct dcesrv_call_state *dce_call,
				   const struct STAT *stat,
				   const struct PropertyName_r *prop_name,
				   struct emsabp_book **book_out,
				   struct emsabp_entry ***rows_out,
				   uint32_t *count_out)
{
	struct emsabp_book *book = emsabp_book_current(dce_call);
	uint32_t tag = prop_name ? prop_name->lID : stat->ContainerID;
	const struct emsabp_mid_list *list;
	struct emsabp_mid_list one;
	const struct emsabp_entry *e;
	struct emsabp_entry **rows;
	uint32_t i, n = 0;

	if (book == NULL) {
		return MAPI_E_CALL_FAILED;
	}
	if (prop_name != NULL && prop_name->lpguid != NULL) {
		return MAPI_E_NO_SUPPORT;	/* no named link properties */
	}
	if (stat->SortType == SORT_DISPLAY_NAME_W) {
		/* writable member tables: changes go through ModLinkAtt */
		return MAPI_E_NO_SUPPORT;
	}
	e = emsabp_book_entry(book, stat->CurrentRec);
	if (e == NULL) {
		return MAPI_E_CALL_FAILED;	/* GeneralFailure, rule 10 */
	}
	list = link_list(e, PROP_ID(tag), &one);
	if (list == NULL) {
		return MAPI_E_NO_SUPPORT;
	}
	rows = talloc_array(mem_ctx, struct emsabp_entry *, list->count);
	if (list->count > 0 && rows == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	for (i = 0; i < list->count; i++) {
		struct emsabp_entry *t = emsabp_book_entry(book,
							   list->mids[i]);

		if (t != NULL) {
			rows[n++] = t;
		}
	}
	if (!sort_by_name(mem_ctx, stat->SortLocale, rows, n)) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	*book_out = book;
	*rows_out = rows;
	*count_out = n;
	return MAPI_E_SUCCESS;
}

/* MS-OXNSPI 3.1.4.1.10 */
enum MAPISTATUS emsabp_get_matches(struct dcesrv_call_state *dce_call,
				   TALLOC_CTX *mem_ctx, struct STAT *stat,
				   const struct Restriction_r *filter,
				   const struct PropertyName_r *prop_name,
				   uint32_t requested,
				   const struct PropertyTagArray_r *tags,
				   struct PropertyTagArray_r **mids_out,
				   struct PropertyRowSet_r **rows_out)
{
	struct emsabp_entry **rows = NULL;
	struct emsabp_book *book = NULL;
	struct STAT updated = *stat;
	enum MAPISTATUS status;
	uint32_t n = 0;

	*mids_out = NULL;
	*rows_out = NULL;
	if (stat->CodePage == CP_WINUNICODE ||
	    !mapi_code_page_known(stat->CodePage)) {
		return MAPI_E_UNKNOWN_CPID;
	}
	if (filter != NULL) {
		if (!sort_type_by_name(stat->SortType)) {
			return MAPI_E_CALL_FAILED;
		}
		status = rows_matching(mem_ctx, dce_call, stat, filter,
				       requested, &book, &rows, &n);
	} else {
		status = rows_linked(mem_ctx, dce_call, stat, prop_name,
				     &book, &rows, &n);
		if (status == MAPI_E_SUCCESS && n > requested) {
			status = MAPI_E_TABLE_TOO_BIG;
		}
		/* The table now stands for the object's property (rule 15). */
		updated.ContainerID = stat->CurrentRec;
	}
	if (status != MAPI_E_SUCCESS) {
		return status;
	}
	*mids_out = mid_array(mem_ctx, rows, n);
	if (*mids_out == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	status = explicit_rows(mem_ctx, book, rows, n, &updated, tags,
			       rows_out);
	if (status != MAPI_E_SUCCESS) {
		*mids_out = NULL;
		return status;
	}
	*stat = updated;
	return MAPI_E_SUCCESS;
}

struct sort_row {
	DATA_BLOB key;
	struct emsabp_entry *entry;
};

static int compare_sort_rows(const void *a, const void *b)
{
	const struct sort_row *x = a, *y = b;
	int c = mapi_sort_key_cmp(&x->key, &y->key);

	return c != 0 ? c : (x->entry->mid > y->entry->mid) -
			    (x->entry->mid < y->entry->mid);
}

static bool sort_by_name(TALLOC_CTX *mem_ctx, uint32_t sort_locale,
			 struct emsabp_entry **rows, uint32_t count)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	struct mapi_collator *coll = mapi_collator_new(tmp, sort_locale, 0);
	struct sort_row *keys = talloc_array(tmp, struct sort_row, count);
	uint32_t i;

	if (tmp == NULL || coll == NULL || (count > 0 && keys == NULL)) {
		talloc_free(tmp);
		return false;
	}
	for (i = 0; i < count; i++) {
		keys[i].entry = rows[i];
		if (!mapi_sort_key(keys, coll, rows[i]->display_name,
				     &keys[i].key)) {
			talloc_free(tmp);
			return false;
		}
	}
	qsort(keys, count, sizeof(keys[0]), compare_sort_rows);
	for (i = 0; i < count; i++) {
		rows[i] = keys[i].entry;
	}
	talloc_free(tmp);
	return true;
}

/*
 * MS-OXNSPI 3.1.4.1.11: the known MIds of @a in sorted by display name;
 * TotalRecs counts them, and a CurrentRec not among them moves to the
 * beginning of the table.
 */
enum MAPISTATUS emsabp_resort_restriction(struct dcesrv_call_state *dce_call,
					  TALLOC_CTX *mem_ctx,
					  struct STAT *stat,
					  const struct PropertyTagArray_r *in,
					  struct PropertyTagArray_r **out)
{
	struct emsabp_book *book = emsabp_book_current(dce_call);
	struct emsabp_entry **rows;
	uint32_t i, n = 0, pos = 0;
	bool current_found = false;

	*out = NULL;
	if (book == NULL) {
		return MAPI_E_CALL_FAILED;
	}
	if (stat->CodePage == CP_WINUNICODE ||
	    !mapi_code_page_known(stat->CodePage)) {
		return MAPI_E_UNKNOWN_CPID;
	}
	if (!sort_type_by_name(stat->SortType)) {
		return MAPI_E_CALL_FAILED;
	}
	rows = talloc_array(mem_ctx, struct emsabp_entry *, in->cValues);
	if (in->cValues > 0 && rows == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	for (i = 0; i < in->cValues; i++) {
		struct emsabp_entry *e = emsabp_book_entry(book,
							   in->aulPropTag[i]);
		uint32_t j;

		for (j = 0; e != NULL && j < n && rows[j] != e; j++);
		if (e != NULL && j == n) {
			rows[n++] = e;	/* each object once */
		}
	}
	if (!sort_by_name(mem_ctx, stat->SortLocale, rows, n)) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	*out = mid_array(mem_ctx, rows, n);
	if (*out == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	for (i = 0; i < n; i++) {
		if (rows[i]->mid == stat->CurrentRec) {
			current_found = true;
			pos = i;
		}
	}
	stat->TotalRecs = n;
	if (current_found) {
		stat->NumPos = pos;
	} else {
		stat->NumPos = 0;
		stat->CurrentRec = MID_BEGINNING_OF_TABLE;
	}
	return MAPI_E_SUCCESS;
}

/* The display name a SeekEntries target holds, as UTF-8. */
static const char *seek_target(TALLOC_CTX *mem_ctx,
			       const struct emsabp_book *book,
			       const struct STAT *stat,
			       const struct PropertyValue_r *target)
{
	if (target->ulPropTag == PROP_TAG(PID_DISPLAY_NAME, PT_UNICODE)) {
		return target->Value.lpszW;
	}
	if (target->ulPropTag == PROP_TAG(PID_DISPLAY_NAME, PT_STRING8) &&
	    target->Value.lpszA != NULL) {
		return mapi_string8_from_wire(mem_ctx, book->dos, stat->CodePage,
					 target->Value.lpszA);
	}
	return NULL;
}

/*
 * MS-OXNSPI 3.1.4.1.9: move to the first row whose display name sorts at
 * or after the target, in the STAT's container or in the explicit table
 * lpETable; with columns, return the rows from there (a page of the
 * container, or the rest of the explicit table).
 */
enum MAPISTATUS emsabp_seek_entries(struct dcesrv_call_state *dce_call,
				    TALLOC_CTX *mem_ctx, struct STAT *stat,
				    const struct PropertyValue_r *target,
				    const struct PropertyTagArray_r *etable,
				    const struct PropertyTagArray_r *tags,
				    struct PropertyRowSet_r **rows_out)
{
	const struct emsabp_view *view;
	struct mapi_collator *coll;
	struct emsabp_entry **rows;
	struct emsabp_book *book;
	struct STAT updated = *stat;
	enum MAPISTATUS status;
	const char *wanted;
	uint32_t count, i;

	*rows_out = NULL;
	status = emsabp_table_view(dce_call, stat, &book, &view);
	if (status != MAPI_E_SUCCESS) {
		return status;
	}
	if (!sort_type_by_name(stat->SortType)) {
		return MAPI_E_CALL_FAILED;
	}
	wanted = seek_target(mem_ctx, book, stat, target);
	if (wanted == NULL) {
		return MAPI_E_CALL_FAILED;	/* not the sort property */
	}
	if (etable != NULL) {
		count = etable->cValues;
		rows = talloc_array(mem_ctx, struct emsabp_entry *, count);
		if (count > 0 && rows == NULL) {
			return MAPI_E_NOT_ENOUGH_RESOURCES;
		}
		for (i = 0; i < count; i++) {
			rows[i] = emsabp_book_entry(book,
						    etable->aulPropTag[i]);
		}
	} else {
		count = view->count;
		rows = view->rows;
	}
	coll = mapi_collator_new(mem_ctx, stat->SortLocale, 0);
	if (coll == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	for (i = 0; i < count; i++) {
		if (rows[i] != NULL &&
		    mapi_collate(coll, rows[i]->display_name, wanted) >= 0) {
			break;
		}
	}
	if (i == count) {
		return MAPI_E_NOT_FOUND;
	}
	updated.CurrentRec = rows[i]->mid;
	updated.NumPos = i;
	updated.TotalRecs = count;
	if (tags != NULL) {
		/* a page of the container; the rest of an explicit table */
		uint32_t n = etable != NULL ? count - i : MIN(count - i, 50);

		status = explicit_rows(mem_ctx, book, rows + i, n, &updated,
				       tags, rows_out);
		if (status != MAPI_E_SUCCESS) {
			return status;
		}
	}
	*stat = updated;
	return MAPI_E_SUCCESS;
}
