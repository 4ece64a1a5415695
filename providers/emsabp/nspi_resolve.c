/*
 * Ambiguous name resolution (MS-OXNSPI 3.1.4.7) for NspiResolveNames,
 * NspiResolveNamesW and PidTagAnr restrictions.
 *
 * A string resolves to the one entry whose SMTP address (bare, or any of
 * its "smtp:" proxy addresses), account name, legacyExchangeDN or display
 * name equals it, case-insensitively; failing that, to the entries that
 * match it ambiguously: a prefix of the display name, given name, surname,
 * account, SMTP address or office, or "given surname" / "surname given"
 * (or "surname, given") prefixes.  One entry: resolved (its MId); several:
 * MID_AMBIGUOUS; none: MID_UNRESOLVED.
 */
#include "emsabp.h"

#include <ldb.h>
#include <charset.h>
#include <strings.h>

static bool equal(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcasecmp_m(a, b) == 0;
}

/* strncasecmp_m counts characters, not bytes. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		n += ((uint8_t)*s & 0xC0) != 0x80;
	}
	return n;
}

static bool starts_with(const char *value, const char *prefix)
{
	return value != NULL &&
	       strncasecmp_m(value, prefix, utf8_chars(prefix)) == 0;
}

static const char *attr(const struct emsabp_entry *e, const char *name)
{
	return ldb_msg_find_attr_as_string(e->msg, name, NULL);
}

/* "SMTP:addr" proxies match their address part. */
static bool proxy_matches(const struct emsabp_entry *e, const char *s,
			  bool prefix)
{
	struct ldb_message_element *el = ldb_msg_find_element(e->msg,
							"proxyAddresses");
	unsigned int i;

	for (i = 0; el != NULL && i < el->num_values; i++) {
		const char *v = (const char *)el->values[i].data;

		if (strncasecmp(v, "smtp:", 5) != 0) {
			continue;
		}
		if (prefix ? starts_with(v + 5, s) : equal(v + 5, s)) {
			return true;
		}
	}
	return false;
}

/* "given surname", "surname given" and "surname, given" prefixes */
static bool name_pair_matches(const struct emsabp_entry *e, const char *s)
{
	const char *given = attr(e, "givenName"), *sn = attr(e, "sn");
	char buf[3][512];

	if (given == NULL || sn == NULL) {
		return false;
	}
	snprintf(buf[0], sizeof(buf[0]), "%s %s", given, sn);
	snprintf(buf[1], sizeof(buf[1]), "%s %s", sn, given);
	snprintf(buf[2], sizeof(buf[2]), "%s, %s", sn, given);
	return starts_with(buf[0], s) || starts_with(buf[1], s) ||
	       starts_with(buf[2], s);
}

bool emsabp_anr_match(const struct emsabp_entry *e, const char *text)
{
	if (strncasecmp(text, "SMTP:", 5) == 0) {
		text += 5;
	}
	if (text[0] == '\0') {
		return false;
	}
	return starts_with(e->display_name, text) ||
	       starts_with(attr(e, "givenName"), text) ||
	       starts_with(attr(e, "sn"), text) ||
	       starts_with(attr(e, "sAMAccountName"), text) ||
	       starts_with(attr(e, "mail"), text) ||
	       starts_with(attr(e, "physicalDeliveryOfficeName"), text) ||
	       proxy_matches(e, text, true) || name_pair_matches(e, text) ||
	       equal(e->legacy_dn, text);
}

/* The MId a string resolves to, MID_AMBIGUOUS or MID_UNRESOLVED; @a hit
 * is the entry when resolved.  Exact names decide first, then
 * ambiguous-name prefixes. */
static uint32_t resolve_one(const struct emsabp_book *book, const char *s,
			    struct emsabp_entry **hit)
{
	struct emsabp_entry *found;
	uint32_t n;

	if (strncasecmp(s, "SMTP:", 5) == 0) {
		s += 5;
	}
	if (*s == '\0') {
		return MID_UNRESOLVED;
	}
	n = emsabp_name_index_find(book->names, s, false, &found);
	if (n == 0) {
		n = emsabp_name_index_find(book->names, s, true, &found);
	}
	if (n == 1) {
		*hit = found;
		return found->mid;
	}
	return n > 1 ? MID_AMBIGUOUS : MID_UNRESOLVED;
}

/*
 * @a names are UTF-8 (ResolveNamesW), or string8 in the STAT code page as
 * the NDR layer delivered them (ResolveNames, @a string8 set).  Rows come
 * for resolved names only, in the order of the names.
 */
enum MAPISTATUS emsabp_resolve_names(struct dcesrv_call_state *dce_call,
				     TALLOC_CTX *mem_ctx,
				     const struct STAT *stat, bool string8,
				     const struct PropertyTagArray_r *tags,
				     uint32_t count, const char *const *names,
				     struct PropertyTagArray_r **mids_out,
				     struct PropertyRowSet_r **rows_out)
{
	struct emsabp_book *book = emsabp_book_current(dce_call);
	const struct emsabp_row_opts opts = {
		.code_page = stat->CodePage,
		.container = stat->ContainerID,
	};
	struct PropertyTagArray_r *mids;
	struct emsabp_entry **hits;
	uint32_t i, resolved = 0;
	enum MAPISTATUS status;

	*mids_out = NULL;
	*rows_out = NULL;
	if (book == NULL) {
		return MAPI_E_CALL_FAILED;
	}
	if (stat->CodePage != CP_WINUNICODE &&
	    !mapi_code_page_known(stat->CodePage)) {
		return MAPI_E_UNKNOWN_CPID;
	}
	mids = emsabp_tag_array(mem_ctx, count);
	hits = talloc_zero_array(mem_ctx, struct emsabp_entry *, count);
	if (mids == NULL || (count > 0 && hits == NULL)) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	mids->cValues = count;
	for (i = 0; i < count; i++) {
		struct emsabp_entry *hit = NULL;
		const char *name = names[i];

		if (name != NULL && string8 && stat->CodePage != CP_WINUNICODE) {
			name = mapi_string8_from_wire(mids, book->dos,
						 stat->CodePage, name);
		}
		mids->aulPropTag[i] = name == NULL ? MID_UNRESOLVED :
				      resolve_one(book, name, &hit);
		if (hit != NULL) {
			hits[resolved++] = hit;
		}
	}
	*mids_out = mids;
	if (resolved == 0) {
		return MAPI_E_SUCCESS;
	}
	status = emsabp_fill_rows(mem_ctx, book, hits, resolved,
				  tags ? tags : emsabp_query_rows_columns(),
				  &opts, rows_out);
	return status;
}
