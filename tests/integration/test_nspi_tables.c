/*
 * Address book tables through libmapi against the test DC: the hierarchy
 * table and its containers, restriction-based and property-value-based
 * explicit tables (NspiGetMatches), NspiSeekEntries,
 * NspiResortRestriction, ephemeral entry IDs, string8 code pages and the
 * sort locale.
 *
 * Directory content (torture/testenv): users alice, bob, carol ("Alice
 * Tester", ...) and zoe ("Ölund Zoë"), the group "Staff" (alice, bob;
 * owner alice) and the contact "Dave External".
 */
#include "itest.h"

#include "libmapi/nspi.h"
#include "gen_ndr/ndr_exchange_nsp.h"

#define ITEST_MAPI(expr, expected) do { \
	enum MAPISTATUS _r = (expr); \
	if (_r != (expected)) { \
		ITEST_FAIL("%s:%d: %s gave %s (0x%08x), expected %s", \
			   __FILE__, __LINE__, #expr, mapi_status_string(_r), \
			   (unsigned int)_r, mapi_status_string(expected)); \
	} \
} while (0)

#define TAG_DISPLAY_NAME	0x3001001F
#define TAG_DISPLAY_NAME_A	0x3001001E
#define TAG_SMTP_ADDRESS	0x39FE001F
#define TAG_ACCOUNT		0x3A00001F
#define TAG_DISPLAY_TYPE	0x39000003
#define TAG_ENTRYID		0x0FFF0102
#define TAG_CONTAINER_FLAGS	0x36000003
#define TAG_DEPTH		0x30050003
#define TAG_CONTAINER_ID	0xFFFD0003
#define TAG_PARENT_ENTRYID	0xFFFC0102
#define TAG_MEMBER		0x8009000D
#define TAG_MEMBER_OF		0x8008000D

#define FL_SUBSTRING		0x00000001
#define FL_PREFIX		0x00000002
#define FL_IGNORECASE		0x00010000
#define RELOP_EQ		4

static struct mapi_nspi *session(struct itest_env *env, TALLOC_CTX *mem_ctx,
				 uint32_t code_page)
{
	struct mapi_nspi *nspi = NULL;

	if (mapi_nspi_connect(mem_ctx, env->rpc, &env->user, code_page, 0x409,
			      &nspi) != MAPI_E_SUCCESS) {
		return NULL;
	}
	return nspi;
}

static struct STAT gal_stat(const struct mapi_nspi *nspi)
{
	struct STAT stat;

	mapi_nspi_stat_init(nspi, &stat);
	return stat;
}

/* The MId of the one entry a name resolves to, 0 if none. */
static uint32_t mid_of(struct mapi_nspi *nspi, TALLOC_CTX *mem_ctx,
		       const char *name)
{
	struct mapi_nspi_resolved *r;

	if (mapi_nspi_resolve(nspi, mem_ctx, &name, 1, NULL, &r) !=
	    MAPI_E_SUCCESS || r[0].state != MAPI_NSPI_RESOLVED) {
		return 0;
	}
	return r[0].mid;
}

static const char *name_of(const struct PropertyRow_r *row)
{
	const char *s = mapi_nspi_row_string(row, 0x3001);

	return s ? s : "(none)";
}

static bool test_hierarchy(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_nspi *nspi = session(env, mem_ctx, 1252);
	struct PropertyRowSet_r *rows;
	struct STAT stat;
	uint32_t version = 0, i;

	ITEST_ASSERT(nspi != NULL, "bind");
	stat = gal_stat(nspi);
	ITEST_MAPI(mapi_nspi_get_special_table(nspi, mem_ctx, 0, &stat,
					       &version, &rows),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(rows && rows->cRows == 5, "%u containers",
		     rows ? rows->cRows : 0);
	for (i = 0; i < rows->cRows; i++) {
		const struct PropertyRow_r *r = &rows->aRow[i];
		const struct PropertyValue_r *flags, *depth, *eid;

		/* MS-OXNSPI 3.1.4.1.3: the column order is fixed */
		ITEST_ASSERT(r->cValues >= 6 &&
			     r->lpProps[0].ulPropTag == TAG_ENTRYID &&
			     r->lpProps[1].ulPropTag == TAG_CONTAINER_FLAGS &&
			     r->lpProps[2].ulPropTag == TAG_DEPTH &&
			     r->lpProps[3].ulPropTag == TAG_CONTAINER_ID &&
			     r->lpProps[4].ulPropTag == TAG_DISPLAY_NAME_A,
			     "row %u columns", i);
		flags = &r->lpProps[1];
		depth = &r->lpProps[2];
		eid = &r->lpProps[0];
		ITEST_ASSERT((flags->Value.l & 0x9) == 0x9,
			     "row %u flags 0x%x", i, flags->Value.l);
		ITEST_ASSERT(eid->Value.bin.cb > 28 &&
			     eid->Value.bin.lpb[24] == 0x00 &&
			     eid->Value.bin.lpb[25] == 0x01,
			     "row %u: a DT_CONTAINER permanent entry ID", i);
		ITEST_ASSERT(depth->Value.l == 0 ||
			     (r->cValues == 7 &&
			      r->lpProps[6].ulPropTag == TAG_PARENT_ENTRYID),
			     "row %u: a child has its parent", i);
	}
	ITEST_ASSERT(rows->aRow[0].lpProps[3].Value.l == 0 &&
		     strcmp(name_of(&rows->aRow[0]), "Global Address List") == 0,
		     "first row is the GAL");
	ITEST_ASSERT(rows->aRow[1].lpProps[1].Value.l == 0xB,
		     "All Address Lists has subcontainers");
	/* The same version again: no rows. */
	ITEST_MAPI(mapi_nspi_get_special_table(nspi, mem_ctx, 0, &stat,
					       &version, &rows),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(rows == NULL || rows->cRows == 0, "rows for same version");
	version = 0;
	ITEST_MAPI(mapi_nspi_get_special_table(nspi, mem_ctx, 4 /* Unicode */,
					       &stat, &version, &rows),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(rows->aRow[2].lpProps[4].ulPropTag == TAG_DISPLAY_NAME &&
		     strcmp(rows->aRow[2].lpProps[4].Value.lpszW,
			    "All Users") == 0, "Unicode names");
	return true;
}

/* Display names of a container's rows, joined with "|". */
static char *container_names(struct mapi_nspi *nspi, TALLOC_CTX *mem_ctx,
			     uint32_t container, uint32_t sort_locale,
			     enum MAPISTATUS *status)
{
	uint32_t tag = TAG_DISPLAY_NAME;
	struct PropertyTagArray_r *tags = mapi_nspi_tags(mem_ctx, 1, &tag);
	struct PropertyRowSet_r *rows;
	struct STAT stat = gal_stat(nspi);
	char *out = talloc_strdup(mem_ctx, "");
	uint32_t i;

	stat.ContainerID = container;
	stat.SortLocale = sort_locale;
	*status = mapi_nspi_query_rows(nspi, mem_ctx, 0, &stat, 0, NULL, 100,
				       tags, &rows);
	for (i = 0; *status == MAPI_E_SUCCESS && rows && i < rows->cRows; i++) {
		out = talloc_asprintf_append(out, "%s%s", i ? "|" : "",
					     name_of(&rows->aRow[i]));
	}
	return out;
}

static bool test_containers(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_nspi *nspi = session(env, mem_ctx, 1252);
	struct PropertyRowSet_r *rows;
	struct STAT stat;
	uint32_t version = 0, ids[5], i;
	enum MAPISTATUS status;
	const char *names;

	ITEST_ASSERT(nspi != NULL, "bind");
	stat = gal_stat(nspi);
	ITEST_MAPI(mapi_nspi_get_special_table(nspi, mem_ctx, 0, &stat,
					       &version, &rows),
		   MAPI_E_SUCCESS);
	for (i = 0; i < 5; i++) {
		ids[i] = rows->aRow[i].lpProps[3].Value.l;
	}
	names = container_names(nspi, mem_ctx, ids[2], 0x409, &status);
	ITEST_ASSERT(status == MAPI_E_SUCCESS &&
		     strstr(names, "Alice Tester|Bob Tester|Carol Tester") &&
		     !strstr(names, "Staff") && !strstr(names, "Dave"),
		     "All Users: %s", names);
	names = container_names(nspi, mem_ctx, ids[3], 0x409, &status);
	ITEST_ASSERT(status == MAPI_E_SUCCESS && strcmp(names, "Staff") == 0,
		     "All Groups: %s", names);
	names = container_names(nspi, mem_ctx, ids[4], 0x409, &status);
	ITEST_ASSERT(status == MAPI_E_SUCCESS &&
		     strcmp(names, "Dave External") == 0,
		     "All Contacts: %s", names);
	names = container_names(nspi, mem_ctx, ids[1], 0x409, &status);
	ITEST_ASSERT(status == MAPI_E_SUCCESS && names[0] == '\0',
		     "All Address Lists holds no entries: %s", names);
	names = container_names(nspi, mem_ctx, 0x7ffffff0, 0x409, &status);
	ITEST_ASSERT(status == MAPI_E_INVALID_BOOKMARK, "unknown container");
	return true;
}

/* Sort order follows the sort locale: Ö is O in English, after Z in
 * Swedish. */
static bool test_sort_locale(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_nspi *nspi = session(env, mem_ctx, 1252);
	enum MAPISTATUS status;
	const char *en, *sv;

	ITEST_ASSERT(nspi != NULL, "bind");
	en = container_names(nspi, mem_ctx, 0, 0x409, &status);
	ITEST_ASSERT(status == MAPI_E_SUCCESS &&
		     strstr(en, "Dave External|Ölund Zoë|Staff"),
		     "en-US order: %s", en);
	sv = container_names(nspi, mem_ctx, 0, 0x41D, &status);
	ITEST_ASSERT(status == MAPI_E_SUCCESS &&
		     strstr(sv, "Dave External|Staff|Ölund Zoë"),
		     "sv-SE order: %s", sv);
	return true;
}

static enum MAPISTATUS matches(struct mapi_nspi *nspi, TALLOC_CTX *mem_ctx,
			       const struct Restriction_r *filter,
			       uint32_t requested, char **names)
{
	uint32_t tag = TAG_DISPLAY_NAME;
	struct PropertyTagArray_r *tags = mapi_nspi_tags(mem_ctx, 1, &tag);
	struct PropertyTagArray_r *mids = NULL;
	struct PropertyRowSet_r *rows = NULL;
	struct STAT stat = gal_stat(nspi);
	enum MAPISTATUS status;
	uint32_t i;

	status = mapi_nspi_get_matches(nspi, mem_ctx, &stat, filter, NULL,
				       requested, tags, &mids, &rows);
	*names = talloc_strdup(mem_ctx, "");
	for (i = 0; status == MAPI_E_SUCCESS && rows && i < rows->cRows; i++) {
		*names = talloc_asprintf_append(*names, "%s%s", i ? "|" : "",
						name_of(&rows->aRow[i]));
	}
	if (status == MAPI_E_SUCCESS &&
	    (mids == NULL || rows == NULL || mids->cValues != rows->cRows ||
	     stat.ContainerID != 0)) {
		return MAPI_E_CALL_FAILED;
	}
	return status;
}

static bool test_get_matches(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_nspi *nspi = session(env, mem_ctx, 1252);
	struct Restriction_r *r, *pair[2];
	char *names;

	ITEST_ASSERT(nspi != NULL, "bind");
	/* PidTagAnr: ambiguous name resolution */
	r = mapi_nspi_restriction_property(mem_ctx, RELOP_EQ,
		mapi_nspi_value_string(mem_ctx, MAPI_NSPI_TAG_ANR_W, "ali"));
	ITEST_MAPI(matches(nspi, mem_ctx, r, 100, &names), MAPI_E_SUCCESS);
	ITEST_ASSERT(strcmp(names, "Alice Tester") == 0, "ANR ali: %s", names);
	/* content: prefix, ignoring case */
	r = mapi_nspi_restriction_content(mem_ctx, FL_PREFIX | FL_IGNORECASE,
		mapi_nspi_value_string(mem_ctx, TAG_DISPLAY_NAME, "BOB"));
	ITEST_MAPI(matches(nspi, mem_ctx, r, 100, &names), MAPI_E_SUCCESS);
	ITEST_ASSERT(strcmp(names, "Bob Tester") == 0, "prefix: %s", names);
	/* property: SMTP address equal */
	r = mapi_nspi_restriction_property(mem_ctx, RELOP_EQ,
		mapi_nspi_value_string(mem_ctx, TAG_SMTP_ADDRESS,
				       "carol@sambamapi.test"));
	ITEST_MAPI(matches(nspi, mem_ctx, r, 100, &names), MAPI_E_SUCCESS);
	ITEST_ASSERT(strcmp(names, "Carol Tester") == 0, "smtp: %s", names);
	/* distribution lists by display type; or; not exist */
	pair[0] = mapi_nspi_restriction_property(mem_ctx, RELOP_EQ,
		mapi_nspi_value_long(mem_ctx, TAG_DISPLAY_TYPE, 1));
	pair[1] = mapi_nspi_restriction_not(mem_ctx,
		mapi_nspi_restriction_exist(mem_ctx, TAG_ACCOUNT));
	r = mapi_nspi_restriction_or(mem_ctx, 2, pair);
	ITEST_MAPI(matches(nspi, mem_ctx, r, 100, &names), MAPI_E_SUCCESS);
	ITEST_ASSERT(strcmp(names, "Dave External|Staff") == 0,
		     "lists or no account: %s", names);
	/* and: substring "Tester" and not Bob */
	pair[0] = mapi_nspi_restriction_content(mem_ctx,
		FL_SUBSTRING | FL_IGNORECASE,
		mapi_nspi_value_string(mem_ctx, TAG_DISPLAY_NAME, "tester"));
	pair[1] = mapi_nspi_restriction_not(mem_ctx,
		mapi_nspi_restriction_content(mem_ctx, FL_PREFIX,
			mapi_nspi_value_string(mem_ctx, TAG_DISPLAY_NAME,
					       "Bob")));
	r = mapi_nspi_restriction_and(mem_ctx, 2, pair);
	ITEST_MAPI(matches(nspi, mem_ctx, r, 100, &names), MAPI_E_SUCCESS);
	ITEST_ASSERT(strcmp(names, "Alice Tester|Carol Tester") == 0,
		     "and/not: %s", names);
	/* more matches than asked for */
	r = mapi_nspi_restriction_content(mem_ctx, FL_SUBSTRING,
		mapi_nspi_value_string(mem_ctx, TAG_DISPLAY_NAME, "Tester"));
	ITEST_MAPI(matches(nspi, mem_ctx, r, 2, &names),
		   MAPI_E_TABLE_TOO_BIG);
	/* a restriction the server cannot evaluate: types differ */
	r = mapi_nspi_restriction_property(mem_ctx, RELOP_EQ,
		mapi_nspi_value_long(mem_ctx, TAG_SMTP_ADDRESS, 1));
	ITEST_ASSERT(matches(nspi, mem_ctx, r, 100, &names) !=
		     MAPI_E_SUCCESS, "mismatched restriction accepted");
	return true;
}

/* Members of a list, lists of a member: property-value-based tables. */
static bool test_member_tables(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_nspi *nspi = session(env, mem_ctx, 1252);
	uint32_t tag = TAG_DISPLAY_NAME, staff, alice;
	struct PropertyTagArray_r *tags = mapi_nspi_tags(mem_ctx, 1, &tag);
	struct PropertyTagArray_r *mids;
	struct PropertyRowSet_r *rows;
	struct STAT stat;

	ITEST_ASSERT(nspi != NULL, "bind");
	staff = mid_of(nspi, mem_ctx, "staff@sambamapi.test");
	alice = mid_of(nspi, mem_ctx, "alice");
	ITEST_ASSERT(staff != 0 && alice != 0, "resolve staff, alice");
	stat = gal_stat(nspi);
	stat.CurrentRec = staff;
	stat.ContainerID = TAG_MEMBER;
	ITEST_MAPI(mapi_nspi_get_matches(nspi, mem_ctx, &stat, NULL, NULL, 100,
					 tags, &mids, &rows), MAPI_E_SUCCESS);
	ITEST_ASSERT(mids->cValues == 2 && rows->cRows == 2 &&
		     strcmp(name_of(&rows->aRow[0]), "Alice Tester") == 0 &&
		     strcmp(name_of(&rows->aRow[1]), "Bob Tester") == 0,
		     "members of Staff");
	ITEST_ASSERT(stat.ContainerID == staff, "ContainerID %08x",
		     stat.ContainerID);
	stat = gal_stat(nspi);
	stat.CurrentRec = alice;
	stat.ContainerID = TAG_MEMBER_OF;
	ITEST_MAPI(mapi_nspi_get_matches(nspi, mem_ctx, &stat, NULL, NULL, 100,
					 tags, &mids, &rows), MAPI_E_SUCCESS);
	ITEST_ASSERT(mids->cValues == 1 && mids->aulPropTag[0] == staff,
		     "alice is a member of Staff");
	/* too many for ulRequested; unmappable property; no object */
	stat = gal_stat(nspi);
	stat.CurrentRec = staff;
	stat.ContainerID = TAG_MEMBER;
	ITEST_MAPI(mapi_nspi_get_matches(nspi, mem_ctx, &stat, NULL, NULL, 1,
					 tags, &mids, &rows),
		   MAPI_E_TABLE_TOO_BIG);
	stat.ContainerID = TAG_SMTP_ADDRESS;
	ITEST_MAPI(mapi_nspi_get_matches(nspi, mem_ctx, &stat, NULL, NULL, 100,
					 tags, &mids, &rows),
		   MAPI_E_NO_SUPPORT);
	stat.ContainerID = TAG_MEMBER;
	stat.CurrentRec = 0x7ffff000;
	ITEST_MAPI(mapi_nspi_get_matches(nspi, mem_ctx, &stat, NULL, NULL, 100,
					 tags, &mids, &rows),
		   MAPI_E_CALL_FAILED);
	return true;
}

static bool test_seek_entries(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_nspi *nspi = session(env, mem_ctx, 1252);
	uint32_t tag = TAG_DISPLAY_NAME, alice, carol, et[2];
	struct PropertyTagArray_r *tags = mapi_nspi_tags(mem_ctx, 1, &tag);
	struct PropertyTagArray_r *etable;
	struct PropertyRowSet_r *rows;
	struct STAT stat;

	ITEST_ASSERT(nspi != NULL, "bind");
	stat = gal_stat(nspi);
	ITEST_MAPI(mapi_nspi_seek_entries(nspi, mem_ctx, &stat,
		mapi_nspi_value_string(mem_ctx, TAG_DISPLAY_NAME, "b"),
		NULL, tags, &rows), MAPI_E_SUCCESS);
	ITEST_ASSERT(rows && rows->cRows >= 1 &&
		     strcmp(name_of(&rows->aRow[0]), "Bob Tester") == 0 &&
		     stat.NumPos == 1 && stat.TotalRecs >= 6,
		     "seek b: NumPos %u TotalRecs %u", stat.NumPos,
		     stat.TotalRecs);
	stat = gal_stat(nspi);
	ITEST_MAPI(mapi_nspi_seek_entries(nspi, mem_ctx, &stat,
		mapi_nspi_value_string(mem_ctx, TAG_DISPLAY_NAME, "zzzz"),
		NULL, tags, &rows), MAPI_E_NOT_FOUND);
	ITEST_MAPI(mapi_nspi_seek_entries(nspi, mem_ctx, &stat,
		mapi_nspi_value_string(mem_ctx, TAG_SMTP_ADDRESS, "b"),
		NULL, tags, &rows), MAPI_E_CALL_FAILED);
	/* in an explicit table: from the match to its end */
	alice = mid_of(nspi, mem_ctx, "alice");
	carol = mid_of(nspi, mem_ctx, "carol");
	et[0] = alice;
	et[1] = carol;
	etable = mapi_nspi_tags(mem_ctx, 2, et);
	stat = gal_stat(nspi);
	ITEST_MAPI(mapi_nspi_seek_entries(nspi, mem_ctx, &stat,
		mapi_nspi_value_string(mem_ctx, TAG_DISPLAY_NAME, "B"),
		etable, tags, &rows), MAPI_E_SUCCESS);
	ITEST_ASSERT(stat.CurrentRec == carol && stat.NumPos == 1 &&
		     stat.TotalRecs == 2 && rows && rows->cRows == 1,
		     "seek in explicit table");
	return true;
}

static bool test_resort(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_nspi *nspi = session(env, mem_ctx, 1252);
	struct PropertyTagArray_r *in, *out = NULL;
	uint32_t alice, carol, list[4];
	struct STAT stat;

	ITEST_ASSERT(nspi != NULL, "bind");
	alice = mid_of(nspi, mem_ctx, "alice");
	carol = mid_of(nspi, mem_ctx, "carol");
	list[0] = carol;
	list[1] = 0x7ffff000;		/* no such object: dropped */
	list[2] = alice;
	list[3] = alice;
	in = mapi_nspi_tags(mem_ctx, 4, list);
	stat = gal_stat(nspi);
	stat.CurrentRec = 0x7ffff001;
	ITEST_MAPI(mapi_nspi_resort_restriction(nspi, mem_ctx, &stat, in,
						&out), MAPI_E_SUCCESS);
	ITEST_ASSERT(out && out->cValues == 2 && out->aulPropTag[0] == alice &&
		     out->aulPropTag[1] == carol, "resorted");
	ITEST_ASSERT(stat.TotalRecs == 2 && stat.NumPos == 0 &&
		     stat.CurrentRec == MID_BEGINNING_OF_TABLE,
		     "STAT after resort");
	return true;
}

/* fEphID: entry IDs that carry the MId (MS-OXNSPI 2.2.9.2). */
static bool test_ephemeral_ids(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_nspi *nspi = session(env, mem_ctx, 1252);
	uint32_t tag = TAG_ENTRYID;
	struct PropertyTagArray_r *tags = mapi_nspi_tags(mem_ctx, 1, &tag);
	struct PropertyTagArray_r *mids;
	struct PropertyRowSet_r *rows;
	const struct Binary_r *b;
	struct STAT stat = gal_stat(nspi);
	uint32_t mid;

	ITEST_ASSERT(nspi != NULL, "bind");
	ITEST_MAPI(mapi_nspi_query_rows(nspi, mem_ctx, 2 /* fEphID */, &stat,
					0, NULL, 1, tags, &rows),
		   MAPI_E_SUCCESS);
	b = &rows->aRow[0].lpProps[0].Value.bin;
	ITEST_ASSERT(b->cb == 32 && b->lpb[0] == 0x87 &&
		     memcmp(b->lpb + 4, nspi->server_guid.ab, 16) == 0,
		     "ephemeral entry ID");
	mid = b->lpb[28] | b->lpb[29] << 8 | b->lpb[30] << 16 |
	      (uint32_t)b->lpb[31] << 24;
	ITEST_MAPI(mapi_nspi_dn_to_mid(nspi, mem_ctx,
		(const char *[]){ "/o=First Organization/ou=First "
				  "Administrative Group/cn=Recipients/"
				  "cn=alice" }, 1, &mids), MAPI_E_SUCCESS);
	ITEST_ASSERT(mid == mids->aulPropTag[0], "MId in the entry ID %u/%u",
		     mid, mids->aulPropTag[0]);
	return true;
}

/*
 * string8 values travel in the session's code page ('?' where it has no
 * such character) and libmapi gives them back as UTF-8; string8
 * restriction values are read in it too.
 */
static bool test_code_pages(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	static const struct { uint32_t cp; const char *text; } cases[] = {
		{ 1252, "Ölund Zoë" },
		{ 1251, "?lund Zo?" },	/* no Ö or ë in Cyrillic */
		{ 65001, "Ölund Zoë" },
		{ 850, "Ölund Zoë" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct mapi_nspi *nspi = session(env, mem_ctx, cases[i].cp);
		uint32_t tag = TAG_DISPLAY_NAME_A, zoe;
		struct PropertyTagArray_r *tags = mapi_nspi_tags(mem_ctx, 1,
								 &tag);
		struct PropertyRow_r *row;
		struct STAT stat;

		ITEST_ASSERT(nspi != NULL, "bind %u", cases[i].cp);
		zoe = mid_of(nspi, mem_ctx, "zoe");
		ITEST_ASSERT(zoe != 0, "resolve zoe");
		stat = gal_stat(nspi);
		stat.CurrentRec = zoe;
		ITEST_MAPI(mapi_nspi_get_props(nspi, mem_ctx, 0, &stat, tags,
					       &row), MAPI_E_SUCCESS);
		ITEST_ASSERT(strcmp(row->lpProps[0].Value.lpszA,
				    cases[i].text) == 0,
			     "code page %u: %s", cases[i].cp,
			     row->lpProps[0].Value.lpszA);
	}
	{
		struct mapi_nspi *nspi = session(env, mem_ctx, 1252);
		struct Restriction_r *r;
		char *names;

		ITEST_ASSERT(nspi != NULL, "bind");
		r = mapi_nspi_restriction_content(mem_ctx, FL_PREFIX,
			mapi_nspi_value_string(mem_ctx, TAG_DISPLAY_NAME_A,
					       "Ölund"));
		ITEST_MAPI(matches(nspi, mem_ctx, r, 10, &names),
			   MAPI_E_SUCCESS);
		ITEST_ASSERT(strcmp(names, "Ölund Zoë") == 0,
			     "string8 restriction in 1252: %s", names);
	}
	return true;
}

static const struct itest tests[] = {
	{ "hierarchy-table", test_hierarchy },
	{ "containers", test_containers },
	{ "sort-locale", test_sort_locale },
	{ "get-matches", test_get_matches },
	{ "member-tables", test_member_tables },
	{ "seek-entries", test_seek_entries },
	{ "resort-restriction", test_resort },
	{ "ephemeral-ids", test_ephemeral_ids },
	{ "code-pages", test_code_pages },
};

int main(int argc, const char **argv)
{
	return itest_main("nspi-tables", tests, ARRAY_SIZE(tests), argc, argv);
}
