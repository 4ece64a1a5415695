/*
 * mapitest suite "table": hierarchy and contents tables (MS-OXCTABL)
 * through libmapi, on a scratch folder below the Inbox with five
 * messages (alpha ... echo, importance 0 1 2 1 0) or three subfolders:
 * columns, sorting on one and two keys, restrictions built with
 * libmapi/restriction.h, reading forwards, backwards and without
 * advancing, seeking, positions, bookmarks, RopFindRow, categories, and a
 * table following a change of its folder.
 */
#include <string.h>

#include "mapitest.h"
#include "libmapi/folder.h"
#include "libmapi/restriction.h"
#include "libmapi/table.h"

#define TAG_SUBJECT		0x0037001F
#define TAG_IMPORTANCE		0x00170003
#define TAG_DISPLAY_NAME	0x3001001F
#define TAG_MID			0x674A0014
#define TAG_INST_ID		0x674D0014
#define TAG_ROW_TYPE		0x0FF50003

static const char *const subjects[] = {
	"alpha", "bravo", "charlie", "delta", "echo"
};
static const uint32_t importance[] = { 0, 1, 2, 1, 0 };
#define N_MESSAGES 5

struct fixture {
	struct mapi_logon *logon;
	uint32_t folder;
	uint64_t fid;
	struct mapi_table *table;
};

/* The scratch folder with the five messages and its contents table,
 * columns subject, importance, MID; false with a note. */
static bool contents(struct mapitest *mt, TALLOC_CTX *mem_ctx,
		     const char *name, struct fixture *f)
{
	const uint32_t cols[] = { TAG_SUBJECT, TAG_IMPORTANCE, TAG_MID };
	uint64_t mid;
	uint32_t i;

	f->logon = mapitest_mailbox(mt, mem_ctx);
	if (f->logon == NULL ||
	    !mapitest_scratch_folder(mt, mem_ctx, f->logon, 0, name,
				     &f->folder, &f->fid)) {
		return false;
	}
	for (i = 0; i < N_MESSAGES; i++) {
		if (!mapitest_message(mt, mem_ctx, f->logon, f->folder, f->fid,
				      subjects[i], importance[i], &mid)) {
			return false;
		}
	}
	if (mapi_table_contents(f->logon, mem_ctx, f->folder, 0, &f->table,
				NULL) != MAPI_E_SUCCESS ||
	    mapi_table_set_columns(f->table, cols, 3) != MAPI_E_SUCCESS) {
		mapitest_note(mt, "contents table");
		return false;
	}
	return true;
}

static const char *subject_of(const struct mapi_table *t,
			      const struct property_row *row)
{
	const union PropertyValueUnion *v = mapi_table_cell(t, row,
							    TAG_SUBJECT);

	return v != NULL && v->String != NULL ? v->String : "";
}

/* The subjects of every row from the cursor on, comma-separated. */
static char *subjects_read(struct mapi_table *t, TALLOC_CTX *mem_ctx)
{
	struct mapi_table_rows rows;
	char *s = talloc_strdup(mem_ctx, "");
	uint32_t i;

	if (mapi_table_query_all(t, mem_ctx, 2, 0, &rows) != MAPI_E_SUCCESS) {
		return NULL;
	}
	for (i = 0; s != NULL && i < rows.count; i++) {
		s = talloc_asprintf_append_buffer(s, "%s%s", i ? "," : "",
						  subject_of(t, &rows.rows[i]));
	}
	return s;
}

static uint32_t position(struct mapi_table *t, uint32_t *total)
{
	uint32_t num = 0xFFFFFFFF, den = 0;

	mapi_table_query_position(t, &num, &den);
	if (total != NULL) {
		*total = den;
	}
	return num;
}

static struct SortOrder order(uint32_t tag, bool descending)
{
	struct SortOrder s = { .PropertyType = tag & 0xFFFF,
			       .PropertyId = tag >> 16,
			       .Order = descending ? TABLE_SORT_DESCEND
						   : TABLE_SORT_ASCEND };

	return s;
}

/* MS-OXCFOLD 2.2.1.13: three subfolders, sorted both ways by name. */
static enum mapitest_result test_hierarchy(struct mapitest *mt,
					   TALLOC_CTX *mem_ctx)
{
	static const char *const names[] = { "charlie", "alpha", "bravo" };
	const uint32_t col = TAG_DISPLAY_NAME;
	struct mapi_logon *logon = mapitest_mailbox(mt, mem_ctx);
	struct mapi_table_rows rows;
	struct mapi_table *t;
	struct SortOrder by_name = order(TAG_DISPLAY_NAME, false);
	uint32_t folder, h, count = 0, i;
	uint64_t fid;

	if (logon == NULL || !mapitest_scratch_folder(mt, mem_ctx, logon, 0,
						      "hierarchy", &folder,
						      &fid)) {
		return MAPITEST_FAIL;
	}
	for (i = 0; i < 3; i++) {
		MT_MAPI(mt, mapi_folder_create(logon, mem_ctx, folder,
					       names[i], NULL, NULL, &h, NULL),
			MAPI_E_SUCCESS);
	}
	MT_ROP(mt, mapi_table_hierarchy(logon, mem_ctx, folder, 0, &t,
					&count), MAPI_E_SUCCESS);
	MT_ASSERT(mt, count == 3, "RowCount %u", count);
	MT_ROP(mt, mapi_table_set_columns(t, &col, 1), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_table_sort(t, &by_name, 1), MAPI_E_SUCCESS);
	MT_MAPI(mt, mapi_table_query_all(t, mem_ctx, 0, 0, &rows),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, rows.count == 3 &&
		  strcmp(mapi_table_cell(t, &rows.rows[0], col)->String,
			 "alpha") == 0 &&
		  strcmp(mapi_table_cell(t, &rows.rows[2], col)->String,
			 "charlie") == 0, "not sorted by name");
	by_name.Order = TABLE_SORT_DESCEND;
	MT_MAPI(mt, mapi_table_sort(t, &by_name, 1), MAPI_E_SUCCESS);
	MT_MAPI(mt, mapi_table_query_all(t, mem_ctx, 0, 0, &rows),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, rows.count == 3 &&
		  strcmp(mapi_table_cell(t, &rows.rows[0], col)->String,
			 "charlie") == 0, "not sorted descending");
	return MAPITEST_PASS;
}

/* 2.2.2.3: one key, then two keys (importance down, subject up). */
static enum mapitest_result test_sort(struct mapitest *mt,
				      TALLOC_CTX *mem_ctx)
{
	struct SortOrder keys[2] = { order(TAG_SUBJECT, true) };
	struct fixture f;
	char *s;

	if (!contents(mt, mem_ctx, "sort", &f)) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, mapi_table_sort(f.table, keys, 1), MAPI_E_SUCCESS);
	s = subjects_read(f.table, mem_ctx);
	MT_ASSERT(mt, s && strcmp(s, "echo,delta,charlie,bravo,alpha") == 0,
		  "by subject, descending: %s", s ? s : "(error)");
	keys[0] = order(TAG_IMPORTANCE, true);
	keys[1] = order(TAG_SUBJECT, false);
	MT_ROP(mt, mapi_table_sort(f.table, keys, 2), MAPI_E_SUCCESS);
	MT_ASSERT(mt, position(f.table, NULL) == 0,
		  "RopSortTable leaves the cursor inside the table");
	s = subjects_read(f.table, mem_ctx);
	MT_ASSERT(mt, s && strcmp(s, "charlie,bravo,delta,alpha,echo") == 0,
		  "by importance then subject: %s", s ? s : "(error)");
	return MAPITEST_PASS;
}

/* A restriction and the subjects it keeps (sorted by subject). */
static bool keeps(struct mapitest *mt, TALLOC_CTX *mem_ctx,
		  struct mapi_table *t, const struct Restriction *r,
		  const char *want, const char *what)
{
	enum MAPISTATUS rv = mapi_table_restrict(t, r);
	char *got;

	if (rv != MAPI_E_SUCCESS) {
		mapitest_note(mt, "%s: RopRestrict gave %s", what,
			      mapi_status_string(rv));
		return false;
	}
	got = subjects_read(t, mem_ctx);
	if (got == NULL || strcmp(got, want) != 0) {
		mapitest_note(mt, "%s kept '%s', expected '%s'", what,
			      got ? got : "(error)", want);
		return false;
	}
	return true;
}

/* 2.2.2.4, MS-OXCDATA 2.12: content, property, exist, and, or, not. */
static enum mapitest_result test_restrict(struct mapitest *mt,
					  TALLOC_CTX *mem_ctx)
{
	struct SortOrder by_subject = order(TAG_SUBJECT, false);
	struct Restriction *a, *imp0, *imp1, *imp2, *e, *both[2], *either[2];
	struct fixture f;

	if (!contents(mt, mem_ctx, "restrict", &f)) {
		return MAPITEST_FAIL;
	}
	MT_MAPI(mt, mapi_table_sort(f.table, &by_subject, 1), MAPI_E_SUCCESS);
	a = mapi_restriction_content(mem_ctx, TAG_SUBJECT, "A", FL_SUBSTRING,
				     FL_IGNORECASE);
	e = mapi_restriction_content(mem_ctx, TAG_SUBJECT, "e", FL_PREFIX, 0);
	imp0 = mapi_restriction_long(mem_ctx, RELOP_EQ, TAG_IMPORTANCE, 0);
	imp1 = mapi_restriction_long(mem_ctx, RELOP_EQ, TAG_IMPORTANCE, 1);
	imp2 = mapi_restriction_long(mem_ctx, RELOP_GE, TAG_IMPORTANCE, 2);
	MT_ASSERT(mt, a && e && imp0 && imp1 && imp2, "out of memory");
	if (mapi_table_restrict(f.table, a) == MAPI_E_NO_SUPPORT) {
		return mapitest_not_implemented(mt, "RopRestrict answers "
						"MAPI_E_NO_SUPPORT");
	}
	both[0] = a;
	both[1] = imp0;
	either[0] = imp2;
	either[1] = e;
	if (!keeps(mt, mem_ctx, f.table, a, "alpha,bravo,charlie,delta",
		   "substring, any case") ||
	    !keeps(mt, mem_ctx, f.table, imp1, "bravo,delta", "importance 1") ||
	    !keeps(mt, mem_ctx, f.table, mapi_restriction_and(mem_ctx, both, 2),
		   "alpha", "and") ||
	    !keeps(mt, mem_ctx, f.table, mapi_restriction_or(mem_ctx, either,
		   2), "charlie,echo", "or") ||
	    !keeps(mt, mem_ctx, f.table, mapi_restriction_not(mem_ctx, imp1),
		   "alpha,charlie,echo", "not") ||
	    !keeps(mt, mem_ctx, f.table, mapi_restriction_exist(
		   mem_ctx, TAG_IMPORTANCE), "alpha,bravo,charlie,delta,echo",
		   "exist") ||
	    !keeps(mt, mem_ctx, f.table, NULL,
		   "alpha,bravo,charlie,delta,echo", "no restriction")) {
		return MAPITEST_FAIL;
	}
	return MAPITEST_PASS;
}

/* 2.2.2.5: forwards, backwards, and without advancing. */
static enum mapitest_result test_query_rows(struct mapitest *mt,
					    TALLOC_CTX *mem_ctx)
{
	struct SortOrder by_subject = order(TAG_SUBJECT, false);
	struct mapi_table_rows rows;
	struct fixture f;
	const char *x, *y;

	if (!contents(mt, mem_ctx, "query", &f)) {
		return MAPITEST_FAIL;
	}
	MT_MAPI(mt, mapi_table_sort(f.table, &by_subject, 1), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_table_query_rows(f.table, mem_ctx, 1,
					 QueryRows_NoAdvance, true, &rows),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, rows.count == 1 && position(f.table, NULL) == 0,
		  "NoAdvance moved the cursor");
	MT_MAPI(mt, mapi_table_query_rows(f.table, mem_ctx, 4, 0, true,
					  &rows), MAPI_E_SUCCESS);
	MT_ASSERT(mt, rows.count == 4 && position(f.table, NULL) == 4 &&
		  strcmp(subject_of(f.table, &rows.rows[3]), "delta") == 0,
		  "four rows forwards");
	MT_MAPI(mt, mapi_table_query_rows(f.table, mem_ctx, 2, 0, false,
					  &rows), MAPI_E_SUCCESS);
	MT_ASSERT(mt, rows.count == 2 && position(f.table, NULL) == 2,
		  "two rows backwards: %u, position %u", rows.count,
		  position(f.table, NULL));
	x = subject_of(f.table, &rows.rows[0]);
	y = subject_of(f.table, &rows.rows[1]);
	MT_ASSERT(mt, (strcmp(x, "charlie") == 0 && strcmp(y, "delta") == 0)
		  || (strcmp(x, "delta") == 0 && strcmp(y, "charlie") == 0),
		  "backwards read %s, %s", x, y);
	MT_MAPI(mt, mapi_table_query_rows(f.table, mem_ctx, 10, 0, true,
					  &rows), MAPI_E_SUCCESS);
	MT_ASSERT(mt, rows.count == 3 && rows.origin == BOOKMARK_END,
		  "to the end: %u rows, origin %u", rows.count, rows.origin);
	return MAPITEST_PASS;
}

/* 2.2.2.7, 2.2.2.8, 2.2.2.9: seeking and the position. */
static enum mapitest_result test_seek(struct mapitest *mt,
				      TALLOC_CTX *mem_ctx)
{
	struct fixture f;
	int32_t sought = 0;
	bool less = false;
	uint32_t total = 0, pos;

	if (!contents(mt, mem_ctx, "seek", &f)) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, mapi_table_seek_row(f.table, BOOKMARK_BEGINNING, 2,
				       &sought, &less), MAPI_E_SUCCESS);
	MT_ASSERT(mt, sought == 2 && !less, "sought %d", sought);
	MT_ROP(mt, mapi_table_query_position(f.table, &pos, &total),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, pos == 2 && total == N_MESSAGES, "position %u of %u",
		  pos, total);
	MT_MAPI(mt, mapi_table_seek_row(f.table, BOOKMARK_CURRENT, 10,
					&sought, &less), MAPI_E_SUCCESS);
	MT_ASSERT(mt, sought == 3 && less, "past the end: sought %d, %s",
		  sought, less ? "less" : "not less");
	MT_MAPI(mt, mapi_table_seek_row(f.table, BOOKMARK_END, -1, &sought,
					NULL), MAPI_E_SUCCESS);
	MT_ASSERT(mt, position(f.table, NULL) == N_MESSAGES - 1,
		  "one before the end: %u", position(f.table, NULL));
	MT_ROP(mt, mapi_table_seek_fraction(f.table, 0, 1), MAPI_E_SUCCESS);
	MT_ASSERT(mt, position(f.table, NULL) == 0, "fraction 0");
	MT_MAPI(mt, mapi_table_seek_fraction(f.table, 1, 1), MAPI_E_SUCCESS);
	MT_ASSERT(mt, position(f.table, NULL) == N_MESSAGES, "fraction 1");
	return MAPITEST_PASS;
}

/* 2.2.2.11 - 2.2.2.13: a bookmark, seeking to it, freeing it. */
static enum mapitest_result test_bookmark(struct mapitest *mt,
					  TALLOC_CTX *mem_ctx)
{
	struct SortOrder by_subject = order(TAG_SUBJECT, false);
	struct mapi_table_rows rows;
	struct fixture f;
	DATA_BLOB bm;
	bool gone = true;

	if (!contents(mt, mem_ctx, "bookmark", &f)) {
		return MAPITEST_FAIL;
	}
	MT_MAPI(mt, mapi_table_sort(f.table, &by_subject, 1), MAPI_E_SUCCESS);
	MT_MAPI(mt, mapi_table_seek_row(f.table, BOOKMARK_BEGINNING, 3, NULL,
					NULL), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_table_create_bookmark(f.table, mem_ctx, &bm),
	       MAPI_E_SUCCESS);
	MT_MAPI(mt, mapi_table_seek_row(f.table, BOOKMARK_BEGINNING, 0, NULL,
					NULL), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_table_seek_bookmark(f.table, &bm, 0, NULL, &gone),
	       MAPI_E_SUCCESS);
	MT_ASSERT(mt, !gone, "RowNoLongerVisible on a row still there");
	MT_MAPI(mt, mapi_table_query_rows(f.table, mem_ctx, 1, 0, true,
					  &rows), MAPI_E_SUCCESS);
	MT_ASSERT(mt, rows.count == 1 &&
		  strcmp(subject_of(f.table, &rows.rows[0]), "delta") == 0,
		  "the bookmark's row");
	MT_ROP(mt, mapi_table_free_bookmark(f.table, &bm), MAPI_E_SUCCESS);
	MT_MAPI(mt, mapi_table_seek_bookmark(f.table, &bm, 0, NULL, NULL),
		MAPI_E_INVALID_BOOKMARK);
	return MAPITEST_PASS;
}

/* 2.2.2.14: the first row matching, and none. */
static enum mapitest_result test_find_row(struct mapitest *mt,
					  TALLOC_CTX *mem_ctx)
{
	struct SortOrder by_subject = order(TAG_SUBJECT, false);
	struct Restriction *r;
	struct property_row row;
	struct fixture f;

	if (!contents(mt, mem_ctx, "find", &f)) {
		return MAPITEST_FAIL;
	}
	MT_MAPI(mt, mapi_table_sort(f.table, &by_subject, 1), MAPI_E_SUCCESS);
	r = mapi_restriction_long(mem_ctx, RELOP_EQ, TAG_IMPORTANCE, 1);
	MT_ROP(mt, mapi_table_find_row(f.table, mem_ctx, r,
				       BOOKMARK_BEGINNING, NULL, false, &row,
				       NULL), MAPI_E_SUCCESS);
	MT_ASSERT(mt, strcmp(subject_of(f.table, &row), "bravo") == 0,
		  "found '%s'", subject_of(f.table, &row));
	MT_MAPI(mt, mapi_table_find_row(f.table, mem_ctx, r, BOOKMARK_END,
					NULL, true, &row, NULL),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, strcmp(subject_of(f.table, &row), "delta") == 0,
		  "found backwards '%s'", subject_of(f.table, &row));
	r = mapi_restriction_content(mem_ctx, TAG_SUBJECT, "zulu",
				     FL_FULLSTRING, 0);
	MT_MAPI(mt, mapi_table_find_row(f.table, mem_ctx, r,
					BOOKMARK_BEGINNING, NULL, false, &row,
					NULL), MAPI_E_NOT_FOUND);
	return MAPITEST_PASS;
}

/* 2.2.2.18: RopQueryColumnsAll names the columns of the messages. */
static enum mapitest_result test_columns_all(struct mapitest *mt,
					     TALLOC_CTX *mem_ctx)
{
	struct fixture f;
	uint32_t *tags = NULL, count = 0, i, found = 0;

	if (!contents(mt, mem_ctx, "columns", &f)) {
		return MAPITEST_FAIL;
	}
	MT_ROP(mt, mapi_table_columns_all(f.table, mem_ctx, &tags, &count),
	       MAPI_E_SUCCESS);
	for (i = 0; i < count; i++) {
		found += tags[i] == TAG_SUBJECT || tags[i] == TAG_IMPORTANCE;
	}
	MT_ASSERT(mt, found == 2, "PidTagSubject or PidTagImportance missing "
		  "from %u columns", count);
	return MAPITEST_PASS;
}

/* 3.2.5.3: a categorised view by importance, collapsed, then one
 * category expanded and collapsed again. */
static enum mapitest_result test_categories(struct mapitest *mt,
					    TALLOC_CTX *mem_ctx)
{
	const uint32_t cols[] = { TAG_SUBJECT, TAG_IMPORTANCE, TAG_ROW_TYPE,
				  TAG_INST_ID };
	struct SortOrder keys[2] = { order(TAG_IMPORTANCE, false),
				     order(TAG_SUBJECT, false) };
	const union PropertyValueUnion *cat;
	struct mapi_table_rows rows;
	struct fixture f;
	uint32_t n = 0;

	if (!contents(mt, mem_ctx, "categories", &f)) {
		return MAPITEST_FAIL;
	}
	MT_MAPI(mt, mapi_table_set_columns(f.table, cols, 4), MAPI_E_SUCCESS);
	MT_ROP(mt, mapi_table_sort_categories(f.table, keys, 2, 1, 0),
	       MAPI_E_SUCCESS);
	MT_MAPI(mt, mapi_table_query_all(f.table, mem_ctx, 0, 0, &rows),
		MAPI_E_SUCCESS);
	MT_ASSERT(mt, rows.count == 3, "%u rows, expected 3 headers",
		  rows.count);
	cat = mapi_table_cell(f.table, &rows.rows[1], TAG_INST_ID);
	MT_ASSERT(mt, cat != NULL, "a header without PidTagInstID");
	MT_ROP(mt, mapi_table_expand_row(f.table, mem_ctx, cat->Integer64, 10,
					 &rows, &n), MAPI_E_SUCCESS);
	MT_ASSERT(mt, n == 2 && rows.count == 2, "importance 1 expanded to "
		  "%u rows", n);
	position(f.table, &n);
	MT_ASSERT(mt, n == 5, "%u rows with one category expanded", n);
	MT_ROP(mt, mapi_table_collapse_row(f.table, cat->Integer64, &n),
	       MAPI_E_SUCCESS);
	position(f.table, &n);
	MT_ASSERT(mt, n == 3, "%u rows collapsed again", n);
	return MAPITEST_PASS;
}

/* MS-OXCTABL 3.2.5.1: an open table follows its folder's changes. */
static enum mapitest_result test_changes(struct mapitest *mt,
					 TALLOC_CTX *mem_ctx)
{
	struct fixture f;
	uint32_t total = 0;
	uint64_t mid;

	if (!contents(mt, mem_ctx, "changes", &f)) {
		return MAPITEST_FAIL;
	}
	position(f.table, &total);
	MT_ASSERT(mt, total == N_MESSAGES, "%u rows", total);
	if (!mapitest_message(mt, mem_ctx, f.logon, f.folder, f.fid,
			      "foxtrot", 0, &mid)) {
		return MAPITEST_FAIL;
	}
	position(f.table, &total);
	MT_ASSERT(mt, total == N_MESSAGES + 1, "%u rows after a new message",
		  total);
	MT_MAPI(mt, mapi_messages_delete(f.logon, mem_ctx, f.folder, &mid, 1,
					 true), MAPI_E_SUCCESS);
	position(f.table, &total);
	MT_ASSERT(mt, total == N_MESSAGES, "%u rows after deleting it",
		  total);
	return MAPITEST_PASS;
}

static const struct mapitest_test table_tests[] = {
	{ "hierarchy", "a hierarchy table, sorted by name", test_hierarchy },
	{ "sort", "RopSortTable on one and two keys", test_sort },
	{ "restrict", "RopRestrict: content, property, and, or, not, exist",
	  test_restrict },
	{ "query_rows", "RopQueryRows forwards, backwards, NoAdvance",
	  test_query_rows },
	{ "seek", "RopSeekRow, RopSeekRowFractional, RopQueryPosition",
	  test_seek },
	{ "bookmark", "RopCreateBookmark, RopSeekRowBookmark, "
	  "RopFreeBookmark", test_bookmark },
	{ "find_row", "RopFindRow forwards, backwards, nothing",
	  test_find_row },
	{ "columns_all", "RopQueryColumnsAll", test_columns_all },
	{ "categories", "categories: RopExpandRow, RopCollapseRow",
	  test_categories },
	{ "changes", "a table follows its folder's changes", test_changes },
};

const struct mapitest_suite mapitest_suite_table = {
	.name = "table",
	.description = "hierarchy and contents tables (MS-OXCTABL)",
	.tests = table_tests,
	.count = ARRAY_SIZE(table_tests),
};
