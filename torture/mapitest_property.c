/*
 * mapitest suite "property": the property ROPs (MS-OXCPRPT) through
 * libmapi, on scratch folders and messages below the Inbox: reading
 * chosen properties, all of them and their list; setting and deleting;
 * string8 and Unicode views of one string; named properties; values of
 * every common type kept exactly.
 */
#include <string.h>
#include <unistd.h>

#include "mapitest.h"
#include "libmapi/folder.h"
#include "libmapi/property.h"
#include "libmapi/propnames.h"

#define TAG_DISPLAY_NAME	0x3001001F
#define TAG_COMMENT_W		0x3004001F
#define TAG_COMMENT_A		0x3004001E
#define TAG_FOLDER_ID		0x67480014
#define TAG_UNKNOWN		0x7FFE0003

/* The GUID of this suite's named properties (a random one of ours). */
static const char suite_guid[] = "8f1f2c3d-9a5e-4b6f-8d7c-1e2a3b4c5d6e";

/* A new scratch folder and its logon, or false with a note. */
static bool scratch(struct mapitest *mt, TALLOC_CTX *mem_ctx,
		    const char *name, struct mapi_logon **logon,
		    uint32_t *h, uint64_t *fid)
{
	*logon = mapitest_mailbox(mt, mem_ctx);
	return *logon != NULL &&
	       mapitest_scratch_folder(mt, mem_ctx, *logon, 0, name, h, fid);
}

static bool has_tag(const uint32_t *tags, uint32_t count, uint32_t tag)
{
	uint32_t i;

	for (i = 0; i < count; i++) {
		if (tags[i] == tag) {
			return true;
		}
	}
	return false;
}

/* 2.2.2.1: a flagged row, with an error for a property not set. */
static enum mapitest_result test_get_specific(struct mapitest *mt,
					      TALLOC_CTX *mem_ctx)
{
	const uint32_t tags[] = { TAG_DISPLAY_NAME, TAG_UNKNOWN };
	struct mapi_logon *logon;
	struct property_row row;
	uint32_t h;
	uint64_t fid;

	if (!scratch(mt, mem_ctx, "get", &logon, &h, &fid)) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, mapi_props_get(logon, mem_ctx, h, tags, 2, true, 0, &row),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, row.count == 2 && row.kind == PROPERTY_ROW_FLAGGED,
		  "not a flagged row of two");
	MT_ASSERT(mt, row.cells[0].flag == 0 &&
		  strncmp(row.cells[0].value.String, "mapitest-get-", 13) == 0,
		  "display name");
	MT_ASSERT(mt, row.cells[1].flag != 0 &&
		  (row.cells[1].flag == 0x01 ||
		   row.cells[1].value.ErrorCode == MAPI_E_NOT_FOUND),
		  "a property not set is not reported missing");
	return MAPITEST_PASS;
}

/* 2.2.2.4, 2.2.2.5: every property, and the list of their tags. */
static enum mapitest_result test_get_all_and_list(struct mapitest *mt,
						  TALLOC_CTX *mem_ctx)
{
	struct TaggedPropertyValue *all = NULL;
	struct mapi_logon *logon;
	uint32_t *tags = NULL, h, i, found = 0;
	uint16_t count = 0, ntags = 0;
	uint64_t fid;

	if (!scratch(mt, mem_ctx, "all", &logon, &h, &fid)) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, mapi_props_get_all(logon, mem_ctx, h, true, &all, &count),
	       MAPI_E_SUCCESS);
	for (i = 0; i < count; i++) {
		if (all[i].PropertyTag == TAG_FOLDER_ID &&
		    all[i].Value.Integer64 == fid) {
			found++;
		}
		if (all[i].PropertyTag == TAG_DISPLAY_NAME) {
			found++;
		}
	}
	MT_ASSERT(mt, found == 2, "PidTagFolderId or PidTagDisplayName "
		  "missing from RopGetPropertiesAll");
	MT_ROP(mt, mapi_props_list(logon, mem_ctx, h, &tags, &ntags),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, has_tag(tags, ntags, TAG_DISPLAY_NAME) ||
		  has_tag(tags, ntags, 0x3001001E),
		  "PidTagDisplayName missing from RopGetPropertiesList");
	return MAPITEST_PASS;
}

static const char *read_string(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       uint32_t h, uint32_t tag)
{
	struct property_row row;

	if (mapi_props_get(logon, mem_ctx, h, &tag, 1, true, 0, &row) !=
	    MAPI_E_SUCCESS || row.count != 1 || row.cells[0].flag != 0) {
		return NULL;
	}
	return (tag & 0xFFFF) == PT_STRING8 ? row.cells[0].value.String8
					    : row.cells[0].value.String;
}

/* 2.2.2.5, 2.2.2.7: set, read, delete, gone. */
static enum mapitest_result test_set_delete(struct mapitest *mt,
					    TALLOC_CTX *mem_ctx)
{
	struct TaggedPropertyValue v = { .PropertyTag = TAG_COMMENT_W };
	const uint32_t tag = TAG_COMMENT_W;
	struct PropertyProblemList p = { 0 };
	struct mapi_logon *logon;
	const char *s;
	uint32_t h;
	uint64_t fid;

	if (!scratch(mt, mem_ctx, "set", &logon, &h, &fid)) {
		return MAPITEST_FAIL;
	}
	v.Value.String = "Grüße, 世界";
	MT_ROP(mt, mapi_props_set(logon, mem_ctx, h, &v, 1, &p),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, p.PropertyProblemCount == 0, "problems setting it");
	s = read_string(logon, mem_ctx, h, TAG_COMMENT_W);
	MT_ASSERT(mt, s != NULL && strcmp(s, v.Value.String) == 0,
		  "read back '%s'", s ? s : "(none)");
	MT_ROP(mt, mapi_props_delete(logon, mem_ctx, h, &tag, 1, &p),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, p.PropertyProblemCount == 0, "problems deleting it");
	MT_ASSERT(mt, read_string(logon, mem_ctx, h, TAG_COMMENT_W) == NULL,
		  "still there after RopDeleteProperties");
	return MAPITEST_PASS;
}

/* MS-OXCDATA 2.11.1: one string, set as string8, read as Unicode. */
static enum mapitest_result test_string8(struct mapitest *mt,
					 TALLOC_CTX *mem_ctx)
{
	struct TaggedPropertyValue v = { .PropertyTag = TAG_COMMENT_A };
	struct mapi_logon *logon;
	const char *s;
	uint32_t h;
	uint64_t fid;

	if (!scratch(mt, mem_ctx, "string8", &logon, &h, &fid)) {
		return MAPITEST_FAIL;
	}
	v.Value.String8 = "plain text";
	MT_ROP(mt, mapi_props_set(logon, mem_ctx, h, &v, 1, NULL),
	       MAPI_E_SUCCESS);
	s = read_string(logon, mem_ctx, h, TAG_COMMENT_W);
	MT_ASSERT(mt, s != NULL && strcmp(s, "plain text") == 0,
		  "as Unicode: '%s'", s ? s : "(none)");
	s = read_string(logon, mem_ctx, h, TAG_COMMENT_A);
	MT_ASSERT(mt, s != NULL && strcmp(s, "plain text") == 0,
		  "as string8: '%s'", s ? s : "(none)");
	return MAPITEST_PASS;
}

/* A string name in the suite's GUID; with @unique, one of this run only
 * (a mailbox keeps every name it maps: the suite makes one per run). */
static bool run_name(TALLOC_CTX *mem_ctx, const char *what, bool unique,
		     struct PropertyName *pn)
{
	struct GUID guid;
	char *name = unique ? talloc_asprintf(mem_ctx, "mapitest-%s-%d", what,
					      (int)getpid())
			    : talloc_asprintf(mem_ctx, "mapitest-%s", what);

	return name != NULL &&
	       NT_STATUS_IS_OK(GUID_from_string(suite_guid, &guid)) &&
	       mapi_named_string(mem_ctx, &guid, name, pn);
}

/* 2.2.2.12, 2.2.2.13: an unknown name has no ID until created; then the
 * same ID every time, and the name back from the ID. */
static enum mapitest_result test_named_ids(struct mapitest *mt,
					   TALLOC_CTX *mem_ctx)
{
	struct PropertyName pn[2], *back = NULL;
	struct mapi_logon *logon;
	uint16_t *ids = NULL, first;
	uint32_t h;
	uint64_t fid;

	if (!scratch(mt, mem_ctx, "named", &logon, &h, &fid)) {
		return MAPITEST_FAIL;
	}
	MT_ASSERT(mt, run_name(mem_ctx, "named", true, &pn[0]),
		  "out of memory");
	pn[1] = (struct PropertyName){ .Kind = MNID_ID, .Guid = pn[0].Guid,
				       .Value.LID = 0x8001 };
	MT_ROP(mt, mapi_named_ids(logon, mem_ctx, h, pn, 1, false, &ids),
	       MAPI_W_ERRORS_RETURNED);
	MT_ASSERT(mt, ids[0] == 0, "an unknown name has ID 0x%04x", ids[0]);
	MT_MAPI(mt, mapi_named_ids(logon, mem_ctx, h, pn, 2, true, &ids),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, ids[0] >= 0x8000 && ids[1] >= 0x8000 &&
		  ids[0] != ids[1], "IDs 0x%04x 0x%04x", ids[0], ids[1]);
	first = ids[0];
	MT_MAPI(mt, mapi_named_ids(logon, mem_ctx, h, pn, 1, false, &ids),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, ids[0] == first, "another ID the second time");
	MT_ROP(mt, mapi_named_names(logon, mem_ctx, h, &first, 1, &back),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, back[0].Kind == MNID_STRING &&
		  GUID_equal(&back[0].Guid, &pn[0].Guid) &&
		  back[0].Value.Name.NameSize == pn[0].Value.Name.NameSize &&
		  memcmp(back[0].Value.Name.Name, pn[0].Value.Name.Name,
			 pn[0].Value.Name.NameSize) == 0,
		  "the name of the ID differs");
	return MAPITEST_PASS;
}

/* Named properties of several types, their IDs created. */
static bool typed_tags(struct mapitest *mt, TALLOC_CTX *mem_ctx,
		       struct mapi_logon *logon, uint32_t h,
		       const uint16_t *types, uint32_t *tags, uint16_t n)
{
	struct PropertyName *pn = talloc_array(mem_ctx, struct PropertyName,
					       n);
	uint16_t *ids = NULL, i;

	for (i = 0; pn != NULL && i < n; i++) {
		char *what = talloc_asprintf(mem_ctx, "type%04x", types[i]);

		if (what == NULL || !run_name(mem_ctx, what, false, &pn[i])) {
			return false;
		}
	}
	if (pn == NULL || mapi_named_ids(logon, mem_ctx, h, pn, n, true,
					 &ids) != MAPI_E_SUCCESS) {
		mapitest_note(mt, "named property IDs");
		return false;
	}
	for (i = 0; i < n; i++) {
		tags[i] = MAPI_PROP_TAG(ids[i], types[i]);
	}
	return true;
}

static void fill_values(TALLOC_CTX *mem_ctx, struct TaggedPropertyValue *v)
{
	static uint8_t bin[] = { 0x00, 0xFF, 0x10, 0x80 };
	static const uint32_t longs[] = { 1, 0xFFFFFFFF, 42 };
	struct UnicodeValue *strs = talloc_array(mem_ctx, struct UnicodeValue,
						 2);

	v[0].Value.Integer32 = 0xDEADBEEF;
	v[1].Value.Integer64 = 0x0123456789ABCDEFULL;
	v[2].Value.Boolean = 1;
	v[3].Value.Time = 0x01DA000011112222ULL;
	v[4].Value.Binary.Count = sizeof(bin);
	v[4].Value.Binary.Data = bin;
	v[5].Value.Floating64 = -2.5;
	GUID_from_string(suite_guid, &v[6].Value.Guid);
	v[7].Value.MultipleInteger32.Count = 3;
	v[7].Value.MultipleInteger32.Values = discard_const_p(uint32_t, longs);
	strs[0].Value = "one";
	strs[1].Value = "twö";
	v[8].Value.MultipleString.Count = 2;
	v[8].Value.MultipleString.Values = strs;
}

/* Every value read back as it was written, compared as text. */
static enum mapitest_result test_types(struct mapitest *mt,
				       TALLOC_CTX *mem_ctx)
{
	static const uint16_t types[] = {
		PT_LONG, PT_I8, PT_BOOLEAN, PT_SYSTIME, PT_BINARY, PT_DOUBLE,
		PT_CLSID, PT_MV_LONG, PT_MV_UNICODE,
	};
	enum { N = ARRAY_SIZE(types) };
	struct TaggedPropertyValue v[N];
	struct mapi_logon *logon;
	struct property_row row;
	uint32_t tags[N], h, i;
	uint64_t fid;

	if (!scratch(mt, mem_ctx, "types", &logon, &h, &fid) ||
	    !typed_tags(mt, mem_ctx, logon, h, types, tags, N)) {
		return MAPITEST_FAIL;
	}
	for (i = 0; i < N; i++) {
		v[i].PropertyTag = tags[i];
	}
	fill_values(mem_ctx, v);
	MT_ROP(mt, mapi_props_set(logon, mem_ctx, h, v, N, NULL),
	       MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_props_get(logon, mem_ctx, h, tags, N, true, 0, &row),
	       MAPI_E_SUCCESS);
	for (i = 0; i < N; i++) {
		char *want = mapi_prop_value_string(mem_ctx, types[i],
						    &v[i].Value);
		char *got = row.cells[i].flag == 0 ? mapi_prop_value_string(
			mem_ctx, row.cells[i].type, &row.cells[i].value) :
			"(missing)";

		MT_ASSERT(mt, want != NULL && got != NULL &&
			  strcmp(want, got) == 0, "%s: wrote %s, read %s",
			  mapi_prop_type_name(types[i]), want, got);
	}
	return MAPITEST_PASS;
}

static const struct mapitest_test property_tests[] = {
	{ "get_specific", "RopGetPropertiesSpecific, with a missing one",
	  test_get_specific },
	{ "get_all_and_list", "RopGetPropertiesAll, RopGetPropertiesList",
	  test_get_all_and_list },
	{ "set_delete", "RopSetProperties, RopDeleteProperties",
	  test_set_delete },
	{ "string8", "a string set as string8, read as both",
	  test_string8 },
	{ "named_ids", "RopGetPropertyIdsFromNames, "
	  "RopGetNamesFromPropertyIds", test_named_ids },
	{ "types", "values of every common type kept exactly", test_types },
};

const struct mapitest_suite mapitest_suite_property = {
	.name = "property",
	.description = "properties (MS-OXCPRPT)",
	.tests = property_tests,
	.count = ARRAY_SIZE(property_tests),
};
