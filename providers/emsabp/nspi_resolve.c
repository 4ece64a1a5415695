/*
 * Ambiguous name resolution (MS-OXNSPI 3.1.4.7) for NspiResolveNames and
 * NspiResolveNamesW.
 *
 * A string resolves to the one entry whose SMTP address, account name,
 * legacyExchangeDN or display name equals it (case-insensitively, an
 * "SMTP:" prefix allowed); failing that, to the entries whose display name,
 * account or SMTP address starts with it.  One entry: resolved (its MId);
 * several: MID_AMBIGUOUS; none: MID_UNRESOLVED.
 */
#include "emsabp.h"

#include <ldb.h>
#include <strings.h>

static const char *const exact_attrs[] = {
	"mail", "sAMAccountName", "legacyExchangeDN", "displayName", NULL
};
static const char *const prefix_attrs[] = {
	"displayName", "sAMAccountName", "mail", NULL
};

static bool matches(const struct ldb_message *msg, const char *const *attrs,
		    const char *s, bool prefix)
{
	size_t len = strlen(s);
	unsigned int i;

	for (i = 0; attrs[i] != NULL; i++) {
		const char *v = ldb_msg_find_attr_as_string(msg, attrs[i], NULL);

		if (v != NULL && (prefix ? strncasecmp(v, s, len) == 0
					 : strcasecmp(v, s) == 0)) {
			return true;
		}
	}
	return false;
}

/* The MId a string resolves to, MID_AMBIGUOUS or MID_UNRESOLVED; @a hit
 * is the row when resolved. */
static uint32_t resolve_one(const struct gal_table *gal, const char *s,
			    const struct gal_entry **hit)
{
	int pass;

	if (strncasecmp(s, "SMTP:", 5) == 0) {
		s += 5;
	}
	if (*s == '\0') {
		return MID_UNRESOLVED;
	}
	for (pass = 0; pass < 2; pass++) {
		const struct gal_entry *found = NULL;
		uint32_t n = 0, i;

		for (i = 0; i < gal->count; i++) {
			if (matches(gal->rows[i].msg,
				    pass == 0 ? exact_attrs : prefix_attrs,
				    s, pass == 1)) {
				found = &gal->rows[i];
				n++;
			}
		}
		if (n == 1) {
			*hit = found;
			return found->mid;
		}
		if (n > 1) {
			return MID_AMBIGUOUS;
		}
	}
	return MID_UNRESOLVED;
}

enum MAPISTATUS emsabp_resolve_names(struct dcesrv_call_state *dce_call,
				     TALLOC_CTX *mem_ctx,
				     const struct STAT *stat,
				     const struct PropertyTagArray_r *tags,
				     uint32_t count, const char *const *names,
				     struct PropertyTagArray_r **mids_out,
				     struct PropertyRowSet_r **rows_out)
{
	struct PropertyTagArray_r *mids;
	struct PropertyRowSet_r *rows;
	struct gal_table gal;
	enum MAPISTATUS status;
	uint32_t i;

	*mids_out = NULL;
	*rows_out = NULL;
	status = emsabp_load_gal(dce_call, mem_ctx, &gal);
	if (status != MAPI_E_SUCCESS) {
		return status;
	}
	mids = emsabp_tag_array(mem_ctx, count);
	rows = talloc_zero(mem_ctx, struct PropertyRowSet_r);
	if (mids == NULL || rows == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	rows->aRow = talloc_zero_array(rows, struct PropertyRow_r, count);
	if (count > 0 && rows->aRow == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	mids->cValues = count;
	/* Rows come for resolved names only, in the order of the names. */
	for (i = 0; i < count; i++) {
		const struct gal_entry *hit = NULL;

		mids->aulPropTag[i] = names[i] == NULL ? MID_UNRESOLVED :
				      resolve_one(&gal, names[i], &hit);
		if (hit != NULL) {
			emsabp_fill_row(rows->aRow, hit->msg, tags,
					&rows->aRow[rows->cRows++]);
		}
	}
	*mids_out = mids;
	*rows_out = rows->cRows > 0 ? rows : NULL;
	return MAPI_E_SUCCESS;
}
