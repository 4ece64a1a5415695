/*
 * mapitest suite "nspi": the address book protocol (MS-OXNSPI), through
 * libmapi/nspi.h.  The tests assume nothing about the directory but that
 * the run's user has an entry: they work from that entry and from what
 * the server reports about its own tables.
 */
#include <string.h>
#include <strings.h>

#include "mapitest.h"

#define TAG_DISPLAY_NAME_A	0x3001001E
#define TAG_DISPLAY_NAME_W	0x3001001F
#define TAG_EMAIL_ADDRESS_W	0x3003001F
#define TAG_ACCOUNT_W		0x3A00001F
#define TAG_PHONE_W		0x3A08001F	/* BusinessTelephoneNumber */
#define TAG_PHONE_ERR		0x3A08000A
#define TAG_ENTRYID		0x0FFF0102
#define TAG_CONTAINER_FLAGS	0x36000003
#define TAG_DEPTH		0x30050003
#define TAG_TEMPLATE_DATA	0x00010102
#define RELOP_EQ		4
#define FL_PREFIX_IGNORECASE	0x00010002

/* A property set of mapitest's own for named properties. */
static const uint8_t mapitest_set[16] = {
	0x3b, 0x1f, 0x6a, 0x52, 0x0c, 0x7e, 0x49, 0xd1,
	0x8e, 0x22, 0x5a, 0x90, 0x41, 0x6d, 0x37, 0xc8 };
static const uint8_t ps_mapi[16] = {
	0x28, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
	0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46 };

#define OPEN(mt, mem_ctx, nspi) do { \
	(nspi) = mapitest_nspi((mt), (mem_ctx)); \
	if ((nspi) == NULL) { \
		return MAPITEST_FAIL; \
	} \
} while (0)

#define SELF(mt, nspi, mem_ctx, mid) do { \
	(mid) = mapitest_self_mid((mt), (nspi), (mem_ctx)); \
	if ((mid) == 0) { \
		return MAPITEST_FAIL; \
	} \
} while (0)

static struct PropertyTagArray_r *one_tag(TALLOC_CTX *mem_ctx, uint32_t tag)
{
	return mapi_nspi_tags(mem_ctx, 1, &tag);
}

static bool has_mid(const struct PropertyTagArray_r *mids, uint32_t mid)
{
	uint32_t i;

	for (i = 0; mids != NULL && i < mids->cValues; i++) {
		if (mids->aulPropTag[i] == mid) {
			return true;
		}
	}
	return false;
}

static bool streq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* Number of rows of the GAL, as NspiUpdateStat reports it. */
static enum MAPISTATUS gal_size(struct mapi_nspi *nspi, uint32_t *total)
{
	struct STAT stat;
	enum MAPISTATUS ret;

	mapi_nspi_stat_init(nspi, &stat);
	ret = mapi_nspi_update_stat(nspi, &stat, NULL);
	*total = stat.TotalRecs;
	return ret;
}

/* MIds of the GAL's entries with a display name, in table order. */
static enum MAPISTATUS gal_mids(struct mapi_nspi *nspi, TALLOC_CTX *mem_ctx,
				struct PropertyTagArray_r **mids)
{
	struct Restriction_r *r;
	struct PropertyRowSet_r *rows = NULL;
	uint32_t total = 0;
	enum MAPISTATUS ret;

	ret = gal_size(nspi, &total);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	r = mapi_nspi_restriction_exist(mem_ctx, TAG_DISPLAY_NAME_W);
	return mapi_nspi_get_matches(nspi, mem_ctx, NULL, r, NULL, total + 1,
				     NULL, mids, &rows);
}

static enum mapitest_result test_bind_unbind(struct mapitest *mt,
					     TALLOC_CTX *mem_ctx)
{
	static const uint8_t zero[16] = { 0 };
	struct mapi_nspi *nspi, *other = NULL;

	OPEN(mt, mem_ctx, nspi);
	MT_ASSERT(mt, memcmp(nspi->server_guid.ab, zero, 16) != 0,
		  "NspiBind returned no server GUID");
	OPEN(mt, mem_ctx, other);
	MT_ASSERT(mt, memcmp(nspi->server_guid.ab, other->server_guid.ab,
			     16) == 0, "the server GUID differs by session");
	MT_MAPI(mt, mapi_nspi_unbind(nspi), MAPI_E_SUCCESS);
	MT_MAPI(mt, mapi_nspi_unbind(other), MAPI_E_SUCCESS);
	/* MS-OXNSPI 3.1.4.1.1: the Unicode code page is refused */
	MT_MAPI(mt, mapi_nspi_connect(mem_ctx, mt->rpc, &mt->params,
				      CP_WINUNICODE, 0x409, &other),
		MAPI_E_UNKNOWN_CPID);
	return MAPITEST_PASS;
}

static enum mapitest_result test_update_stat(struct mapitest *mt,
					     TALLOC_CTX *mem_ctx)
{
	struct mapi_nspi *nspi;
	struct STAT stat;
	int32_t delta = 0;

	OPEN(mt, mem_ctx, nspi);
	mapi_nspi_stat_init(nspi, &stat);
	stat.Delta = 1;
	MT_MAPI(mt, mapi_nspi_update_stat(nspi, &stat, &delta),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, stat.TotalRecs >= 1, "empty GAL (TotalRecs 0)");
	MT_ASSERT(mt, delta == 1 && stat.NumPos == 1,
		  "moved by %d to %u", delta, stat.NumPos);
	/* moving back past the start stops at the start */
	stat.Delta = -5;
	MT_MAPI(mt, mapi_nspi_update_stat(nspi, &stat, &delta),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, stat.NumPos == 0 && delta == -1,
		  "moved back by %d to %u", delta, stat.NumPos);
	return MAPITEST_PASS;
}

static enum mapitest_result test_query_rows(struct mapitest *mt,
					    TALLOC_CTX *mem_ctx)
{
	struct PropertyTagArray_r *tags = one_tag(mem_ctx, TAG_DISPLAY_NAME_W);
	struct PropertyRowSet_r *rows = NULL;
	struct mapi_nspi *nspi;
	struct STAT stat;
	uint32_t total = 0, mid;

	OPEN(mt, mem_ctx, nspi);
	SELF(mt, nspi, mem_ctx, mid);
	MT_MAPI(mt, gal_size(nspi, &total), MAPI_E_SUCCESS);
	mapi_nspi_stat_init(nspi, &stat);
	MT_MAPI(mt, mapi_nspi_query_rows(nspi, mem_ctx, 0, &stat, 0, NULL, 1,
					 tags, &rows), MAPI_E_SUCCESS);
	MT_ASSERT(mt, rows != NULL && rows->cRows == 1 && stat.NumPos == 1,
		  "one row from the start: %u rows, position %u",
		  rows ? rows->cRows : 0, stat.NumPos);
	/* the whole table, two rows at a time */
	MT_MAPI(mt, mapi_nspi_gal_list(nspi, mem_ctx, tags, 2, &rows),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, rows->cRows == total, "%u rows, TotalRecs %u",
		  rows->cRows, total);
	/* an explicit table: the user's own entry */
	MT_MAPI(mt, mapi_nspi_query_rows(nspi, mem_ctx, 0, NULL, 1, &mid, 1,
					 tags, &rows), MAPI_E_SUCCESS);
	MT_ASSERT(mt, rows->cRows == 1 &&
		  streq(mapi_nspi_row_string(&rows->aRow[0], 0x3001),
			mt->self->display_name),
		  "explicit table: not the user's display name");
	return MAPITEST_PASS;
}

static enum mapitest_result test_seek_entries(struct mapitest *mt,
					      TALLOC_CTX *mem_ctx)
{
	struct PropertyTagArray_r *tags = one_tag(mem_ctx, TAG_DISPLAY_NAME_W);
	struct PropertyRowSet_r *rows = NULL, *found = NULL;
	struct mapi_nspi *nspi;
	struct STAT stat;
	const char *target;
	uint32_t i;

	OPEN(mt, mem_ctx, nspi);
	MT_MAPI(mt, mapi_nspi_gal_list(nspi, mem_ctx, tags, 0, &rows),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, rows->cRows > 0, "empty GAL");
	i = rows->cRows / 2;
	target = mapi_nspi_row_string(&rows->aRow[i], 0x3001);
	MT_ASSERT(mt, target != NULL, "row %u has no display name", i);
	mapi_nspi_stat_init(nspi, &stat);
	MT_MAPI(mt, mapi_nspi_seek_entries(nspi, mem_ctx, &stat,
		mapi_nspi_value_string(mem_ctx, TAG_DISPLAY_NAME_W, target),
		NULL, tags, &found), MAPI_E_SUCCESS);
	MT_ASSERT(mt, found != NULL && found->cRows >= 1 &&
		  streq(mapi_nspi_row_string(&found->aRow[0], 0x3001),
			target), "seek to '%s' found another row", target);
	MT_ASSERT(mt, stat.NumPos <= i, "seek to row %u gave position %u",
		  i, stat.NumPos);
	return MAPITEST_PASS;
}

static enum mapitest_result test_get_matches(struct mapitest *mt,
					     TALLOC_CTX *mem_ctx)
{
	struct PropertyTagArray_r *mids = NULL;
	struct PropertyRowSet_r *rows = NULL;
	struct Restriction_r *r;
	struct mapi_nspi *nspi;
	uint32_t mid, total = 0;

	OPEN(mt, mem_ctx, nspi);
	SELF(mt, nspi, mem_ctx, mid);
	MT_MAPI(mt, gal_size(nspi, &total), MAPI_E_SUCCESS);
	/* PidTagAnr: ambiguous name resolution on the account name */
	r = mapi_nspi_restriction_property(mem_ctx, RELOP_EQ,
		mapi_nspi_value_string(mem_ctx, MAPI_NSPI_TAG_ANR_W,
				       mt->self->username));
	MT_MAPI(mt, mapi_nspi_get_matches(nspi, mem_ctx, NULL, r, NULL,
					  total + 1, NULL, &mids, &rows),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, has_mid(mids, mid), "PidTagAnr %s: not among %u "
		  "matches", mt->self->username, mids ? mids->cValues : 0);
	/* content restriction: a prefix of the display name, any case */
	r = mapi_nspi_restriction_content(mem_ctx, FL_PREFIX_IGNORECASE,
		mapi_nspi_value_string(mem_ctx, TAG_DISPLAY_NAME_W,
			talloc_strndup(mem_ctx, mt->self->display_name, 3)));
	MT_MAPI(mt, mapi_nspi_get_matches(nspi, mem_ctx, NULL, r, NULL,
					  total + 1, one_tag(mem_ctx,
						TAG_DISPLAY_NAME_W),
					  &mids, &rows), MAPI_E_SUCCESS);
	MT_ASSERT(mt, has_mid(mids, mid) && rows != NULL &&
		  rows->cRows == mids->cValues,
		  "prefix of the display name: user not found");
	return MAPITEST_PASS;
}

static enum mapitest_result test_resort_restriction(struct mapitest *mt,
						    TALLOC_CTX *mem_ctx)
{
	struct PropertyTagArray_r *mids = NULL, *reversed, *out = NULL;
	struct mapi_nspi *nspi;
	struct STAT stat;
	uint32_t i, n;

	OPEN(mt, mem_ctx, nspi);
	MT_MAPI(mt, gal_mids(nspi, mem_ctx, &mids), MAPI_E_SUCCESS);
	n = mids->cValues;
	reversed = mapi_nspi_tags(mem_ctx, n, mids->aulPropTag);
	MT_ASSERT(mt, reversed != NULL, "out of memory");
	for (i = 0; i < n; i++) {
		reversed->aulPropTag[i] = mids->aulPropTag[n - 1 - i];
	}
	mapi_nspi_stat_init(nspi, &stat);
	MT_MAPI(mt, mapi_nspi_resort_restriction(nspi, mem_ctx, &stat,
						 reversed, &out),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, out != NULL && out->cValues == n, "%u MIds back, "
		  "%u sent", out ? out->cValues : 0, n);
	for (i = 0; i + 1 < n; i++) {
		int32_t cmp = 0;

		MT_MAPI(mt, mapi_nspi_compare_mids(nspi, &stat,
						   out->aulPropTag[i],
						   out->aulPropTag[i + 1],
						   &cmp), MAPI_E_SUCCESS);
		MT_ASSERT(mt, cmp <= 0, "rows %u and %u out of order", i,
			  i + 1);
	}
	MT_ASSERT(mt, stat.TotalRecs == n, "STAT TotalRecs %u, %u MIds",
		  stat.TotalRecs, n);
	return MAPITEST_PASS;
}

static enum mapitest_result test_dn_to_mid(struct mapitest *mt,
					   TALLOC_CTX *mem_ctx)
{
	const char *dns[2] = { mt->self->user_dn,
			       "/o=mapitest/cn=Recipients/cn=no-such-entry" };
	struct PropertyTagArray_r *mids = NULL, *resolved = NULL;
	struct PropertyRowSet_r *rows = NULL;
	const char *name = mt->self->username;
	struct mapi_nspi *nspi;

	OPEN(mt, mem_ctx, nspi);
	MT_MAPI(mt, mapi_nspi_dn_to_mid(nspi, mem_ctx, dns, 2, &mids),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, mids->cValues == 2 && mids->aulPropTag[0] != 0 &&
		  mids->aulPropTag[1] == 0, "MIds 0x%x 0x%x",
		  mids->aulPropTag[0], mids->aulPropTag[1]);
	MT_MAPI(mt, mapi_nspi_resolve_namesw(nspi, mem_ctx, NULL, NULL, &name,
					     1, &resolved, &rows),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, resolved->aulPropTag[0] == mids->aulPropTag[0],
		  "DN and account name give different MIds");
	return MAPITEST_PASS;
}

static enum mapitest_result test_get_props(struct mapitest *mt,
					   TALLOC_CTX *mem_ctx)
{
	uint32_t t[] = { TAG_DISPLAY_NAME_W, TAG_ACCOUNT_W,
			 TAG_EMAIL_ADDRESS_W };
	struct PropertyRow_r *row = NULL;
	struct mapi_nspi *nspi;
	struct STAT stat;
	enum MAPISTATUS ret;

	OPEN(mt, mem_ctx, nspi);
	mapi_nspi_stat_init(nspi, &stat);
	SELF(mt, nspi, mem_ctx, stat.CurrentRec);
	ret = mapi_nspi_get_props(nspi, mem_ctx, 0, &stat,
				  mapi_nspi_tags(mem_ctx, 3, t), &row);
	MT_ASSERT(mt, ret == MAPI_E_SUCCESS ||
		  ret == MAPI_W_ERRORS_RETURNED, "NspiGetProps: %s",
		  mapi_status_string(ret));
	MT_ASSERT(mt, row != NULL && row->cValues == 3, "not three values");
	MT_ASSERT(mt, streq(mapi_nspi_row_string(row, 0x3001),
			    mt->self->display_name), "display name");
	MT_ASSERT(mt, streq(mapi_nspi_row_string(row, 0x3003),
			    mt->self->user_dn), "email address");
	MT_ASSERT(mt, mapi_nspi_row_string(row, 0x3A00) != NULL &&
		  strcasecmp(mapi_nspi_row_string(row, 0x3A00),
			     mt->self->username) == 0, "account");
	/* NULL tags: the server's default columns (some may be missing) */
	ret = mapi_nspi_get_props(nspi, mem_ctx, 0, &stat, NULL, &row);
	MT_ASSERT(mt, ret == MAPI_E_SUCCESS ||
		  ret == MAPI_W_ERRORS_RETURNED, "NspiGetProps, default "
		  "columns: %s", mapi_status_string(ret));
	MT_ASSERT(mt, row != NULL && row->cValues > 0, "no default columns");
	return MAPITEST_PASS;
}

static bool has_tag(const struct PropertyTagArray_r *tags, uint32_t tag)
{
	return has_mid(tags, tag);
}

static enum mapitest_result test_get_prop_list(struct mapitest *mt,
					       TALLOC_CTX *mem_ctx)
{
	struct PropertyTagArray_r *tags = NULL;
	struct mapi_nspi *nspi;
	uint32_t mid;

	OPEN(mt, mem_ctx, nspi);
	SELF(mt, nspi, mem_ctx, mid);
	MT_MAPI(mt, mapi_nspi_get_prop_list(nspi, mem_ctx, 0, mid, 1252,
					    &tags), MAPI_E_SUCCESS);
	MT_ASSERT(mt, has_tag(tags, TAG_DISPLAY_NAME_A),
		  "8-bit list lacks PidTagDisplayName");
	MT_MAPI(mt, mapi_nspi_get_prop_list(nspi, mem_ctx, 0, mid,
					    CP_WINUNICODE, &tags),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, has_tag(tags, TAG_DISPLAY_NAME_W),
		  "Unicode list lacks PidTagDisplayName");
	return MAPITEST_PASS;
}

static enum mapitest_result test_compare_mids(struct mapitest *mt,
					      TALLOC_CTX *mem_ctx)
{
	struct PropertyTagArray_r *mids = NULL;
	struct mapi_nspi *nspi;
	uint32_t first, last;
	int32_t cmp = 0;

	OPEN(mt, mem_ctx, nspi);
	MT_MAPI(mt, gal_mids(nspi, mem_ctx, &mids), MAPI_E_SUCCESS);
	MT_ASSERT(mt, mids->cValues >= 1, "empty GAL");
	first = mids->aulPropTag[0];
	last = mids->aulPropTag[mids->cValues - 1];
	MT_MAPI(mt, mapi_nspi_compare_mids(nspi, NULL, first, first, &cmp),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, cmp == 0, "an entry against itself: %d", cmp);
	MT_MAPI(mt, mapi_nspi_compare_mids(nspi, NULL, first, last, &cmp),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, first == last || cmp < 0, "first vs last: %d", cmp);
	MT_MAPI(mt, mapi_nspi_compare_mids(nspi, NULL, last, first, &cmp),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, first == last || cmp > 0, "last vs first: %d", cmp);
	return MAPITEST_PASS;
}

static enum mapitest_result test_get_special_table(struct mapitest *mt,
						   TALLOC_CTX *mem_ctx)
{
	struct PropertyRowSet_r *rows = NULL;
	struct mapi_nspi *nspi;
	struct STAT stat;
	uint32_t version = 0, i;

	OPEN(mt, mem_ctx, nspi);
	mapi_nspi_stat_init(nspi, &stat);
	MT_MAPI(mt, mapi_nspi_get_special_table(nspi, mem_ctx, 0, &stat,
						&version, &rows),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, rows != NULL && rows->cRows >= 1, "no containers");
	for (i = 0; i < rows->cRows; i++) {
		const struct PropertyRow_r *r = &rows->aRow[i];

		/* MS-OXNSPI 3.1.4.1.3: the first columns, in this order */
		MT_ASSERT(mt, r->cValues >= 3 &&
			  r->lpProps[0].ulPropTag == TAG_ENTRYID &&
			  r->lpProps[1].ulPropTag == TAG_CONTAINER_FLAGS &&
			  r->lpProps[2].ulPropTag == TAG_DEPTH,
			  "hierarchy row %u: columns", i);
	}
	/* the version just returned: nothing changed, no table */
	MT_MAPI(mt, mapi_nspi_get_special_table(nspi, mem_ctx, 0, &stat,
						&version, &rows),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, rows == NULL || rows->cRows == 0,
		  "same version: %u rows", rows->cRows);
	/* the address creation table */
	MT_MAPI(mt, mapi_nspi_get_special_table(nspi, mem_ctx,
						NspiAddressCreationTemplates,
						&stat, NULL, &rows),
		MAPI_E_SUCCESS);
	return MAPITEST_PASS;
}

static enum mapitest_result test_get_template_info(struct mapitest *mt,
						   TALLOC_CTX *mem_ctx)
{
	struct PropertyRow_r *row = NULL;
	const struct PropertyValue_r *v;
	struct mapi_nspi *nspi;

	OPEN(mt, mem_ctx, nspi);
	MT_MAPI(mt, mapi_nspi_get_template_info(nspi, mem_ctx, TI_TEMPLATE,
						DT_MAILUSER, NULL, 1252,
						0x409, &row),
		MAPI_E_SUCCESS);
	v = row ? mapi_nspi_row_find(row, TAG_TEMPLATE_DATA) : NULL;
	MT_ASSERT(mt, v != NULL && v->Value.bin.cb >= 8,
		  "no PidTagTemplateData in the mail user template");
	return MAPITEST_PASS;
}

static enum mapitest_result test_query_columns(struct mapitest *mt,
					       TALLOC_CTX *mem_ctx)
{
	struct PropertyTagArray_r *cols = NULL;
	struct mapi_nspi *nspi;

	OPEN(mt, mem_ctx, nspi);
	MT_MAPI(mt, mapi_nspi_query_columns(nspi, mem_ctx,
					    NspiUnicodeProptypes, &cols),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, has_tag(cols, TAG_DISPLAY_NAME_W),
		  "Unicode columns lack PidTagDisplayName");
	MT_MAPI(mt, mapi_nspi_query_columns(nspi, mem_ctx, 0, &cols),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, has_tag(cols, TAG_DISPLAY_NAME_A),
		  "8-bit columns lack PidTagDisplayName");
	return MAPITEST_PASS;
}

static enum mapitest_result resolve(struct mapitest *mt, TALLOC_CTX *mem_ctx,
				    bool unicode)
{
	const char *names[2] = { mt->self->username,
				 "mapitest-no-such-name-7f3a" };
	struct PropertyTagArray_r *tags = one_tag(mem_ctx, unicode ?
						  TAG_DISPLAY_NAME_W :
						  TAG_DISPLAY_NAME_A);
	struct PropertyTagArray_r *mids = NULL;
	struct PropertyRowSet_r *rows = NULL;
	struct mapi_nspi *nspi;
	uint32_t mid;

	OPEN(mt, mem_ctx, nspi);
	SELF(mt, nspi, mem_ctx, mid);
	if (unicode) {
		MT_MAPI(mt, mapi_nspi_resolve_namesw(nspi, mem_ctx, NULL,
						     tags, names, 2, &mids,
						     &rows), MAPI_E_SUCCESS);
	} else {
		MT_MAPI(mt, mapi_nspi_resolve_names(nspi, mem_ctx, NULL, tags,
						    names, 2, &mids, &rows),
			MAPI_E_SUCCESS);
	}
	MT_ASSERT(mt, mids != NULL && mids->cValues == 2, "MId count");
	MT_ASSERT(mt, mids->aulPropTag[0] == mid, "%s resolved to 0x%x, "
		  "not 0x%x", names[0], mids->aulPropTag[0], mid);
	MT_ASSERT(mt, mids->aulPropTag[1] == MID_UNRESOLVED,
		  "unknown name gave 0x%x", mids->aulPropTag[1]);
	MT_ASSERT(mt, rows != NULL && rows->cRows == 1 &&
		  streq(mapi_nspi_row_string(&rows->aRow[0], 0x3001),
			mt->self->display_name), "resolved row");
	return MAPITEST_PASS;
}

static enum mapitest_result test_resolve_names(struct mapitest *mt,
					       TALLOC_CTX *mem_ctx)
{
	return resolve(mt, mem_ctx, false);
}

static enum mapitest_result test_resolve_names_w(struct mapitest *mt,
						 TALLOC_CTX *mem_ctx)
{
	return resolve(mt, mem_ctx, true);
}

/* The user's phone number (NULL when there is none). */
static bool read_phone(struct mapi_nspi *nspi, TALLOC_CTX *mem_ctx,
		       uint32_t mid, const char **phone)
{
	struct PropertyRow_r *row = NULL;
	const struct PropertyValue_r *v;
	struct STAT stat;
	enum MAPISTATUS ret;

	mapi_nspi_stat_init(nspi, &stat);
	stat.CurrentRec = mid;
	ret = mapi_nspi_get_props(nspi, mem_ctx, 0, &stat,
				  one_tag(mem_ctx, TAG_PHONE_W), &row);
	if ((ret != MAPI_E_SUCCESS && ret != MAPI_W_ERRORS_RETURNED) ||
	    row == NULL || row->cValues != 1) {
		return false;
	}
	v = &row->lpProps[0];
	*phone = v->ulPropTag == TAG_PHONE_W ? v->Value.lpszW : NULL;
	return v->ulPropTag == TAG_PHONE_W || v->ulPropTag == TAG_PHONE_ERR;
}

/* Set the phone number, or with NULL remove it. */
static enum MAPISTATUS write_phone(struct mapi_nspi *nspi,
				   TALLOC_CTX *mem_ctx, uint32_t mid,
				   const char *phone)
{
	struct PropertyValue_r *v;
	struct PropertyRow_r row = { 0 };
	struct STAT stat;

	mapi_nspi_stat_init(nspi, &stat);
	stat.CurrentRec = mid;
	if (phone == NULL) {
		return mapi_nspi_mod_props(nspi, &stat,
					   one_tag(mem_ctx, TAG_PHONE_W),
					   &row);
	}
	v = mapi_nspi_value_string(mem_ctx, TAG_PHONE_W, phone);
	row.cValues = 1;
	row.lpProps = v;
	return mapi_nspi_mod_props(nspi, &stat, NULL, &row);
}

static enum mapitest_result test_mod_props(struct mapitest *mt,
					   TALLOC_CTX *mem_ctx)
{
	const char *test_value = "+1 555 0199 (mapitest)";
	const char *old = NULL, *now = NULL;
	struct mapi_nspi *nspi;
	enum MAPISTATUS ret;
	uint32_t mid;

	OPEN(mt, mem_ctx, nspi);
	SELF(mt, nspi, mem_ctx, mid);
	MT_ASSERT(mt, read_phone(nspi, mem_ctx, mid, &old),
		  "cannot read PidTagBusinessTelephoneNumber");
	old = old ? talloc_strdup(mem_ctx, old) : NULL;
	ret = write_phone(nspi, mem_ctx, mid, test_value);
	MT_ASSERT(mt, ret == MAPI_E_SUCCESS, "NspiModProps on one's own "
		  "entry: %s", mapi_status_string(ret));
	MT_ASSERT(mt, read_phone(nspi, mem_ctx, mid, &now) &&
		  streq(now, test_value), "value not changed");
	/* restore what was there */
	MT_MAPI(mt, write_phone(nspi, mem_ctx, mid, old), MAPI_E_SUCCESS);
	MT_ASSERT(mt, read_phone(nspi, mem_ctx, mid, &now) &&
		  (old == NULL ? now == NULL : streq(now, old)),
		  "value not restored");
	return MAPITEST_PASS;
}

static struct PropertyName_r *prop_name(TALLOC_CTX *mem_ctx,
					const uint8_t *set, int32_t lid)
{
	struct PropertyName_r *n = talloc_zero(mem_ctx, struct PropertyName_r);

	if (n == NULL) {
		return NULL;
	}
	n->lpguid = talloc(n, struct FlatUID_r);
	if (n->lpguid == NULL) {
		return NULL;
	}
	memcpy(n->lpguid->ab, set, 16);
	n->lID = lid;
	return n;
}

static enum mapitest_result test_names_ids(struct mapitest *mt,
					   TALLOC_CTX *mem_ctx)
{
	struct PropertyName_r *names[2] = {
		prop_name(mem_ctx, mapitest_set, 0x4D54),
		prop_name(mem_ctx, ps_mapi, 0x3001) };
	struct PropertyTagArray_r *tags = NULL, *again = NULL, *ret = NULL;
	struct PropertyNameSet_r *back = NULL;
	struct mapi_nspi *nspi;
	uint32_t ask[2];

	OPEN(mt, mem_ctx, nspi);
	MT_ASSERT(mt, names[0] != NULL && names[1] != NULL, "out of memory");
	MT_MAPI(mt, mapi_nspi_get_ids_from_names(nspi, mem_ctx, 0, 2, names,
						 &tags), MAPI_E_SUCCESS);
	MT_ASSERT(mt, tags->cValues == 2 &&
		  (tags->aulPropTag[0] >> 16) >= 0x8000 &&
		  tags->aulPropTag[1] == 0x30010000,
		  "IDs 0x%08x 0x%08x", tags->aulPropTag[0],
		  tags->aulPropTag[1]);
	MT_MAPI(mt, mapi_nspi_get_ids_from_names(nspi, mem_ctx,
						 NspiVerifyNames, 1, names,
						 &again), MAPI_E_SUCCESS);
	MT_ASSERT(mt, again->aulPropTag[0] == tags->aulPropTag[0],
		  "the ID changed between calls");
	ask[0] = tags->aulPropTag[0] | 0x001F;
	ask[1] = 0x3001001F;
	MT_MAPI(mt, mapi_nspi_get_names_from_ids(nspi, mem_ctx, NULL,
						 mapi_nspi_tags(mem_ctx, 2,
								ask),
						 &ret, &back), MAPI_E_SUCCESS);
	MT_ASSERT(mt, back != NULL && back->cNames == 2, "names back");
	MT_ASSERT(mt, back->aNames[0].lpguid != NULL &&
		  memcmp(back->aNames[0].lpguid->ab, mapitest_set, 16) == 0 &&
		  back->aNames[0].lID == 0x4D54, "named ID round trip");
	MT_ASSERT(mt, back->aNames[1].lpguid != NULL &&
		  memcmp(back->aNames[1].lpguid->ab, ps_mapi, 16) == 0 &&
		  back->aNames[1].lID == 0x3001, "PS_MAPI round trip");
	return MAPITEST_PASS;
}

static const struct mapitest_test nspi_tests[] = {
	{ "bind_unbind", "NspiBind, NspiUnbind, Unicode code page refused",
	  test_bind_unbind },
	{ "update_stat", "NspiUpdateStat moves the STAT", test_update_stat },
	{ "query_rows", "NspiQueryRows: positioned, paged, explicit table",
	  test_query_rows },
	{ "seek_entries", "NspiSeekEntries to a display name",
	  test_seek_entries },
	{ "get_matches", "NspiGetMatches with PidTagAnr and a content "
	  "restriction", test_get_matches },
	{ "resort_restriction", "NspiResortRestriction sorts MIds",
	  test_resort_restriction },
	{ "dn_to_mid", "NspiDNToMId of one's own DN and an unknown one",
	  test_dn_to_mid },
	{ "get_props", "NspiGetProps of one's own entry", test_get_props },
	{ "get_prop_list", "NspiGetPropList, 8-bit and Unicode",
	  test_get_prop_list },
	{ "compare_mids", "NspiCompareMIds", test_compare_mids },
	{ "get_special_table", "NspiGetSpecialTable: hierarchy, version, "
	  "address creation", test_get_special_table },
	{ "get_template_info", "NspiGetTemplateInfo of the mail user "
	  "template", test_get_template_info },
	{ "query_columns", "NspiQueryColumns", test_query_columns },
	{ "resolve_names", "NspiResolveNames", test_resolve_names },
	{ "resolve_names_w", "NspiResolveNamesW", test_resolve_names_w },
	{ "mod_props", "NspiModProps on one's own entry, restored",
	  test_mod_props },
	{ "names_ids", "NspiGetIDsFromNames / NspiGetNamesFromIDs round trip",
	  test_names_ids },
};

const struct mapitest_suite mapitest_suite_nspi = {
	.name = "nspi",
	.description = "address book (MS-OXNSPI)",
	.tests = nspi_tests,
	.count = ARRAY_SIZE(nspi_tests),
};
