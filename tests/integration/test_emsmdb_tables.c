/*
 * Hierarchy and contents tables through libmapi against the test DC
 * (MS-OXCTABL, MS-OXCFOLD 3.2.5.13, 3.2.5.14).
 *
 * The messages and folders the tables list are made with the store
 * library, on the mailbox database the server uses (the test runs on the
 * DC's host: <testenv>/private/mapistore), after a first RopLogon created
 * the mailbox.  Each test gets a folder of its own under the IPM subtree
 * holding N_MESSAGES messages; message i has:
 *   PidTagSubject "Message %03d", PidTagImportance i % 3,
 *   PidTagMessageDeliveryTime decreasing with i,
 *   PidTagBody of (i % 7 + 1) * 10 characters unless i % 5 == 0,
 *   read (mfRead) when i % 4 == 0.
 */
#include "itest.h"

#include <libgen.h>
#include <time.h>
#include <unistd.h>
#include "libmapi/nspi.h"
#include "libmapi/table.h"
#include "libmapi/folder.h"
#include "libmapi/ndr/string8.h"
#include "store/store.h"

#define ITEST_MAPI(expr, expected) do { \
	enum MAPISTATUS _r = (expr); \
	if (_r != (enum MAPISTATUS)(expected)) { \
		ITEST_FAIL("%s:%d: %s gave %s (0x%08x), expected %s", \
			   __FILE__, __LINE__, #expr, mapi_status_string(_r), \
			   (unsigned int)_r, \
			   mapi_status_string(expected)); \
	} \
} while (0)

#define N_MESSAGES 200

#define TAG_SUBJECT		0x0037001F
#define TAG_SUBJECT_A		0x0037001E
#define TAG_SUBJECT_ANY		0x00370000
#define TAG_IMPORTANCE		0x00170003
#define TAG_DELIVERY		0x0E060040
#define TAG_FLAGS		0x0E070003
#define TAG_BODY		0x1000001F
#define TAG_CLASS		0x001A001F
#define TAG_DISPLAY_NAME	0x3001001F
#define TAG_FOLDER_ID		0x67480014
#define TAG_CONTENT_COUNT	0x36020003
#define TAG_DEPTH		0x30050003
#define TAG_MID			0x674A0014
#define TAG_MISSING		0x7F7F0003
#define MSGFLAG_READ		0x01
#define BASE_TIME		130000000000000000ULL

struct fixture {
	struct mapi_emsmdb *e;
	struct mapi_logon *logon;
	struct mstore *store;
	uint64_t fid;			/* the test's folder */
	uint32_t folder;		/* its handle */
	uint64_t mids[N_MESSAGES];
};

static bool body_of(int i, int *len)
{
	*len = (i % 7 + 1) * 10;
	return i % 5 != 0;
}

/* ------------------------------------------------------------ set-up */

static const char *dn_of(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	uint32_t tag = 0x3003001F;	/* PidTagEmailAddress */
	struct PropertyTagArray_r *tags = mapi_nspi_tags(mem_ctx, 1, &tag);
	struct mapi_nspi_resolved *r;
	struct mapi_nspi *nspi;
	const char *name = env->user.username;

	if (mapi_nspi_connect(mem_ctx, env->rpc, &env->user, 1252, 0x409,
			      &nspi) != MAPI_E_SUCCESS ||
	    mapi_nspi_resolve(nspi, mem_ctx, &name, 1, tags, &r) !=
	    MAPI_E_SUCCESS || r[0].state != MAPI_NSPI_RESOLVED) {
		return NULL;
	}
	return talloc_strdup(mem_ctx, mapi_nspi_row_string(r[0].row, 0x3003));
}

/* The mailbox database of the test user, as the server opens it. */
static struct mstore *open_store(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mstore_open_params p = { 0 };
	struct mstore *store = NULL;
	char *conf = talloc_strdup(mem_ctx, env->smb_conf);

	if (conf == NULL) {
		return NULL;
	}
	/* <dir>/etc/smb.conf -> <dir>/private/mapistore */
	p.directory = talloc_asprintf(mem_ctx, "%s/private/mapistore",
				      dirname(dirname(conf)));
	p.mailbox = env->user.username;
	if (mstore_open(mem_ctx, &p, &store) != MAPI_E_SUCCESS) {
		return NULL;
	}
	return store;
}

static bool add_message(struct mstore *store, uint64_t fid, bool assoc,
			int i, const char *subject, uint64_t *mid)
{
	TALLOC_CTX *tmp = talloc_new(store);
	struct mstore_message *msg;
	struct mstore_value v[5];
	uint32_t n = 4;
	int len;
	bool ok;

	memset(v, 0, sizeof(v));
	v[0].tag = TAG_SUBJECT;
	v[0].v.str = subject != NULL ? subject :
		     talloc_asprintf(tmp, "Message %03d", i);
	v[1].tag = TAG_IMPORTANCE;
	v[1].v.i32 = i % 3;
	v[2].tag = TAG_DELIVERY;
	v[2].v.u64 = BASE_TIME + (uint64_t)(N_MESSAGES - i) * 600000000ULL;
	v[3].tag = TAG_CLASS;
	v[3].v.str = assoc ? "IPM.Configuration.Test" : "IPM.Note";
	if (body_of(i, &len)) {
		char *body = talloc_zero_size(tmp, len + 1);

		memset(body, 'x', len);
		v[4].tag = TAG_BODY;
		v[4].v.str = body;
		n = 5;
	}
	ok = mstore_message_create(tmp, store, fid, assoc, &msg) ==
	     MAPI_E_SUCCESS &&
	     mstore_message_set_props(msg, v, n) == MAPI_E_SUCCESS &&
	     mstore_message_save(msg) == MAPI_E_SUCCESS;
	if (ok) {
		*mid = mstore_message_mid(msg);
		if (i % 4 == 0 && !assoc) {
			ok = mstore_message_set_read(store, *mid, true) ==
			     MAPI_E_SUCCESS;
		}
	}
	talloc_free(tmp);
	return ok;
}

/* A session, a logon, the store, and a new folder of N_MESSAGES. */
static bool fixture(struct itest_env *env, TALLOC_CTX *mem_ctx,
		    struct fixture *f)
{
	const char *dn = dn_of(env, mem_ctx);
	struct timespec now;
	const char *name;
	int i;

	memset(f, 0, sizeof(*f));
	if (dn == NULL ||
	    mapi_emsmdb_connect(mem_ctx, env->rpc, &env->user, dn, &f->e) !=
	    MAPI_E_SUCCESS ||
	    mapi_logon_private(mem_ctx, f->e, 0, dn, &f->logon) !=
	    MAPI_E_SUCCESS) {
		printf("    no session or logon\n");
		return false;
	}
	f->store = open_store(env, mem_ctx);
	if (f->store == NULL) {
		printf("    cannot open the mailbox database\n");
		return false;
	}
	clock_gettime(CLOCK_REALTIME, &now);
	name = talloc_asprintf(mem_ctx, "tables %d %lld.%09ld", (int)getpid(),
			       (long long)now.tv_sec, now.tv_nsec);
	if (mstore_folder_create(f->store,
				 f->logon->folder_ids[MAPI_LOGON_IPM_SUBTREE],
				 name, NULL, 0, 0, &f->fid, NULL) !=
	    MAPI_E_SUCCESS) {
		printf("    cannot create the folder\n");
		return false;
	}
	for (i = 0; i < N_MESSAGES; i++) {
		if (!add_message(f->store, f->fid, false, i, NULL,
				 &f->mids[i])) {
			printf("    cannot create message %d\n", i);
			return false;
		}
	}
	return mapi_folder_open(f->logon, mem_ctx, f->logon->handle, f->fid,
				&f->folder) == MAPI_E_SUCCESS;
}

static void fixture_done(struct fixture *f)
{
	if (f->e != NULL) {
		mapi_emsmdb_disconnect(f->e);
	}
}

/* ------------------------------------------------------------ helpers */

static const uint32_t message_columns[] = {
	TAG_SUBJECT, TAG_IMPORTANCE, TAG_DELIVERY, TAG_MID, TAG_FLAGS
};

static struct mapi_table *contents(struct fixture *f, TALLOC_CTX *mem_ctx,
				   uint8_t flags)
{
	struct mapi_table *t = NULL;

	if (mapi_table_contents(f->logon, mem_ctx, f->folder, flags, &t,
				NULL) != MAPI_E_SUCCESS ||
	    mapi_table_set_columns(t, message_columns,
				   ARRAY_SIZE(message_columns)) !=
	    MAPI_E_SUCCESS) {
		return NULL;
	}
	return t;
}

/* Every row from the cursor on, in pages. */
static struct property_row *read_all(struct mapi_table *t,
				     TALLOC_CTX *mem_ctx, uint32_t *count)
{
	struct property_row *all = talloc_array(mem_ctx, struct property_row,
						0);
	struct mapi_table_rows page;

	*count = 0;
	do {
		if (mapi_table_query_rows(t, mem_ctx, 37, 0, true, &page) !=
		    MAPI_E_SUCCESS) {
			return NULL;
		}
		all = talloc_realloc(mem_ctx, all, struct property_row,
				     *count + page.count);
		memcpy(all + *count, page.rows,
		       page.count * sizeof(*page.rows));
		*count += page.count;
	} while (page.count > 0);
	return all;
}

/* The message number of a row ("Message %03d"), -1 if none. */
static int number_of(struct mapi_table *t, const struct property_row *row)
{
	const union PropertyValueUnion *v = mapi_table_cell(t, row,
							    TAG_SUBJECT);

	if (v == NULL || strncmp(v->String, "Message ", 8) != 0) {
		return -1;
	}
	return atoi(v->String + 8);
}

static uint32_t row_count(struct mapi_table *t)
{
	uint32_t num = 0, den = 0;

	mapi_table_query_position(t, &num, &den);
	return den;
}

static uint32_t position(struct mapi_table *t)
{
	uint32_t num = 0, den = 0;

	mapi_table_query_position(t, &num, &den);
	return num;
}

/* --------------------------------------------------------- restrictions */

static struct Restriction *res_new(TALLOC_CTX *mem_ctx, uint8_t type)
{
	struct Restriction *r = talloc_zero(mem_ctx, struct Restriction);

	r->RestrictType = type;
	return r;
}

static struct Restriction *res_string(TALLOC_CTX *mem_ctx, bool content,
				      uint16_t fuzzy, uint8_t relop,
				      uint32_t tag, const char *s)
{
	struct Restriction *r = res_new(mem_ctx, content ? RES_CONTENT :
					RES_PROPERTY);

	if (content) {
		r->Res.Content.FuzzyLevelLow = fuzzy & 0xFFFF;
		r->Res.Content.FuzzyLevelHigh = FL_IGNORECASE;
		r->Res.Content.PropertyTag = tag;
		r->Res.Content.TaggedValue.PropertyTag = tag;
		r->Res.Content.TaggedValue.Value.String = s;
	} else {
		r->Res.Property.RelOp = relop;
		r->Res.Property.PropTag = tag;
		r->Res.Property.TaggedValue.PropertyTag = tag;
		r->Res.Property.TaggedValue.Value.String = s;
	}
	return r;
}

static struct Restriction *res_long(TALLOC_CTX *mem_ctx, uint8_t relop,
				    uint32_t tag, uint32_t value)
{
	struct Restriction *r = res_new(mem_ctx, RES_PROPERTY);

	r->Res.Property.RelOp = relop;
	r->Res.Property.PropTag = tag;
	r->Res.Property.TaggedValue.PropertyTag = tag;
	r->Res.Property.TaggedValue.Value.Integer32 = value;
	return r;
}

static struct Restriction *res_list(TALLOC_CTX *mem_ctx, uint8_t type,
				    struct Restriction *a,
				    struct Restriction *b)
{
	struct Restriction *r = res_new(mem_ctx, type);
	struct Restriction *l = talloc_array(r, struct Restriction, 2);

	l[0] = *a;
	l[1] = *b;
	if (type == RES_AND) {
		r->Res.And.RestrictCount = 2;
		r->Res.And.Restricts = l;
	} else {
		r->Res.Or.RestrictCount = 2;
		r->Res.Or.Restricts = l;
	}
	return r;
}

static struct Restriction *res_not(TALLOC_CTX *mem_ctx, struct Restriction *a)
{
	struct Restriction *r = res_new(mem_ctx, RES_NOT);

	r->Res.Not.Restriction = a;
	return r;
}

static struct Restriction *res_bitmask(TALLOC_CTX *mem_ctx, uint8_t op,
				       uint32_t tag, uint32_t mask)
{
	struct Restriction *r = res_new(mem_ctx, RES_BITMASK);

	r->Res.BitMask.BitmapRelOp = op;
	r->Res.BitMask.PropTag = tag;
	r->Res.BitMask.Mask = mask;
	return r;
}

static struct Restriction *res_exist(TALLOC_CTX *mem_ctx, uint32_t tag)
{
	struct Restriction *r = res_new(mem_ctx, RES_EXIST);

	r->Res.Exist.PropTag = tag;
	return r;
}

static struct Restriction *res_size(TALLOC_CTX *mem_ctx, uint8_t relop,
				    uint32_t tag, uint32_t size)
{
	struct Restriction *r = res_new(mem_ctx, RES_SIZE);

	r->Res.Size.RelOp = relop;
	r->Res.Size.PropTag = tag;
	r->Res.Size.Size = size;
	return r;
}

/* Rows of the table under @a r, and whether each row satisfies @a want. */
static bool restricted(struct mapi_table *t, TALLOC_CTX *mem_ctx,
		       const struct Restriction *r, bool (*want)(int),
		       const char *what)
{
	struct property_row *rows;
	uint32_t n, i, expected = 0;
	int k;

	if (mapi_table_restrict(t, r) != MAPI_E_SUCCESS) {
		printf("    %s: RopRestrict failed\n", what);
		return false;
	}
	for (k = 0; k < N_MESSAGES; k++) {
		expected += want(k) ? 1 : 0;
	}
	rows = read_all(t, mem_ctx, &n);
	if (rows == NULL || n != expected || row_count(t) != expected) {
		printf("    %s: %u rows, expected %u\n", what, n, expected);
		return false;
	}
	for (i = 0; i < n; i++) {
		k = number_of(t, &rows[i]);
		if (k < 0 || !want(k)) {
			printf("    %s: row %u is message %d\n", what, i, k);
			return false;
		}
	}
	return true;
}

static bool w_sub01(int i) { return i >= 10 && i <= 19; }
static bool w_prefix1(int i) { return i >= 100 && i <= 199; }
static bool w_42(int i) { return i == 42; }
static bool w_imp2(int i) { return i % 3 == 2; }
static bool w_imp2_unread(int i) { return i % 3 == 2 && i % 4 != 0; }
static bool w_ends(int i) { return i == 0 || i == N_MESSAGES - 1; }
static bool w_body(int i) { int l; return body_of(i, &l); }
static bool w_read(int i) { return i % 4 == 0; }
static bool w_all(int i) { (void)i; return true; }
/* PtypString size: (characters + 1) * 2 bytes */
static bool w_big_body(int i) { int l; return body_of(i, &l) && l >= 50; }
static bool w_lt_50(int i) { return i < 50; }

/* --------------------------------------------------------------- tests */

static const char *cell_string(struct mapi_table *t,
			       const struct property_row *row, uint32_t tag)
{
	const union PropertyValueUnion *v = mapi_table_cell(t, row, tag);

	return v == NULL ? NULL : (tag & 0xFFFF) == PT_STRING8 ? v->String8 :
	       v->String;
}

/* The IPM subtree lists the special folders; Depth lists subtrees. */
static bool test_hierarchy(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	static const uint32_t cols[] = {
		TAG_DISPLAY_NAME, TAG_FOLDER_ID, TAG_CONTENT_COUNT, TAG_DEPTH
	};
	static const struct { int which; const char *name; } special[] = {
		{ MAPI_LOGON_INBOX, "Inbox" },
		{ MAPI_LOGON_OUTBOX, "Outbox" },
		{ MAPI_LOGON_SENT_ITEMS, "Sent Items" },
		{ MAPI_LOGON_DELETED_ITEMS, "Deleted Items" },
	};
	struct fixture f;
	struct mapi_table *t;
	struct property_row *rows;
	uint32_t ipm, count = 0, n, i, s;
	uint64_t a, a1, b;
	bool mine = false;

	if (!fixture(env, mem_ctx, &f)) {
		return false;
	}
	ITEST_MAPI(mapi_folder_open(f.logon, mem_ctx, f.logon->handle,
		   f.logon->folder_ids[MAPI_LOGON_IPM_SUBTREE], &ipm),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_hierarchy(f.logon, mem_ctx, ipm, 0, &t, &count),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_set_columns(t, cols, ARRAY_SIZE(cols)),
		   MAPI_E_SUCCESS);
	rows = read_all(t, mem_ctx, &n);
	ITEST_ASSERT(rows != NULL && n == count && n >= 5,
		     "%u rows, RowCount %u", n, count);
	for (s = 0; s < ARRAY_SIZE(special); s++) {
		for (i = 0; i < n; i++) {
			const union PropertyValueUnion *id =
				mapi_table_cell(t, &rows[i], TAG_FOLDER_ID);

			if (id != NULL && id->Integer64 ==
			    f.logon->folder_ids[special[s].which]) {
				break;
			}
		}
		ITEST_ASSERT(i < n, "%s not listed", special[s].name);
		ITEST_ASSERT(strcmp(cell_string(t, &rows[i], TAG_DISPLAY_NAME),
				    special[s].name) == 0,
			     "%s named %s", special[s].name,
			     cell_string(t, &rows[i], TAG_DISPLAY_NAME));
	}
	for (i = 0; i < n; i++) {
		const union PropertyValueUnion *id =
			mapi_table_cell(t, &rows[i], TAG_FOLDER_ID);
		const union PropertyValueUnion *c =
			mapi_table_cell(t, &rows[i], TAG_CONTENT_COUNT);

		if (id != NULL && id->Integer64 == f.fid) {
			mine = c != NULL && c->Integer32 == N_MESSAGES;
		}
	}
	ITEST_ASSERT(mine, "the test folder with %d messages", N_MESSAGES);

	/* subfolders A (with A1) and B of the test folder */
	ITEST_ASSERT(mstore_folder_create(f.store, f.fid, "A", NULL, 0, 0, &a,
					  NULL) == MAPI_E_SUCCESS &&
		     mstore_folder_create(f.store, a, "A1", NULL, 0, 0, &a1,
					  NULL) == MAPI_E_SUCCESS &&
		     mstore_folder_create(f.store, f.fid, "B", NULL, 0, 0, &b,
					  NULL) == MAPI_E_SUCCESS,
		     "subfolders");
	ITEST_MAPI(mapi_table_hierarchy(f.logon, mem_ctx, f.folder, 0, &t,
					&count), MAPI_E_SUCCESS);
	ITEST_ASSERT(count == 2, "RowCount %u without Depth", count);
	ITEST_MAPI(mapi_table_hierarchy(f.logon, mem_ctx, f.folder,
					TableFlags_Depth, &t, &count),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(count == 3, "RowCount %u with Depth", count);
	ITEST_MAPI(mapi_table_set_columns(t, cols, ARRAY_SIZE(cols)),
		   MAPI_E_SUCCESS);
	rows = read_all(t, mem_ctx, &n);
	ITEST_ASSERT(rows != NULL && n == 3, "%u rows with Depth", n);
	ITEST_ASSERT(mapi_table_cell(t, &rows[0], TAG_FOLDER_ID)->Integer64 ==
		     a && mapi_table_cell(t, &rows[1], TAG_FOLDER_ID)
		     ->Integer64 == a1 && mapi_table_cell(t, &rows[2],
		     TAG_FOLDER_ID)->Integer64 == b, "subtree order");
	ITEST_ASSERT(mapi_table_cell(t, &rows[1], TAG_DEPTH)->Integer32 == 1 &&
		     mapi_table_cell(t, &rows[2], TAG_DEPTH)->Integer32 == 0,
		     "PidTagDepth");
	/* a folder added while the table is open shows up */
	ITEST_ASSERT(mstore_folder_create(f.store, f.fid, "C", NULL, 0, 0, &b,
					  NULL) == MAPI_E_SUCCESS, "C");
	ITEST_ASSERT(row_count(t) == 4, "after a new folder: %u",
		     row_count(t));
	fixture_done(&f);
	return true;
}

static bool sorted_by(struct mapi_table *t, TALLOC_CTX *mem_ctx,
		      const struct SortOrder *s, uint32_t ns,
		      int (*cmp)(int, int))
{
	struct property_row *rows;
	uint32_t n, i;

	if (mapi_table_sort(t, s, ns) != MAPI_E_SUCCESS) {
		printf("    RopSortTable failed\n");
		return false;
	}
	rows = read_all(t, mem_ctx, &n);
	if (rows == NULL || n != N_MESSAGES) {
		printf("    %u rows\n", n);
		return false;
	}
	for (i = 1; i < n; i++) {
		if (cmp(number_of(t, &rows[i - 1]),
			number_of(t, &rows[i])) > 0) {
			printf("    rows %u and %u out of order\n", i - 1, i);
			return false;
		}
	}
	return true;
}

static int c_num_asc(int a, int b) { return a - b; }
static int c_num_desc(int a, int b) { return b - a; }
/* importance descending, then delivery time (decreasing with i) */
static int c_imp_time(int a, int b)
{
	return a % 3 != b % 3 ? b % 3 - a % 3 : b - a;
}
static int c_imp_subject_desc(int a, int b)
{
	return a % 3 != b % 3 ? a % 3 - b % 3 : b - a;
}

static bool test_sort(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct SortOrder subj_asc = { PT_UNICODE, 0x0037, 0 };
	struct SortOrder subj_desc = { PT_UNICODE, 0x0037, 1 };
	struct SortOrder time_desc = { PT_SYSTIME, 0x0E06, 1 };
	struct SortOrder two[2] = {
		{ PT_LONG, 0x0017, 1 }, { PT_SYSTIME, 0x0E06, 0 }
	};
	struct SortOrder two_b[2] = {
		{ PT_LONG, 0x0017, 0 }, { PT_STRING8, 0x0037, 1 }
	};
	struct fixture f;
	struct mapi_table *t;

	if (!fixture(env, mem_ctx, &f) || (t = contents(&f, mem_ctx, 0)) ==
	    NULL) {
		return false;
	}
	ITEST_ASSERT(sorted_by(t, mem_ctx, &subj_asc, 1, c_num_asc),
		     "subject ascending");
	ITEST_ASSERT(sorted_by(t, mem_ctx, &subj_desc, 1, c_num_desc),
		     "subject descending");
	/* delivery time decreases with i: descending is ascending i */
	ITEST_ASSERT(sorted_by(t, mem_ctx, &time_desc, 1, c_num_asc),
		     "delivery time descending");
	ITEST_ASSERT(sorted_by(t, mem_ctx, two, 2, c_imp_time),
		     "importance descending, time ascending");
	ITEST_ASSERT(sorted_by(t, mem_ctx, two_b, 2, c_imp_subject_desc),
		     "importance ascending, subject (string8) descending");
	fixture_done(&f);
	return true;
}

static bool test_restrict(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct fixture f;
	struct mapi_table *t;
	struct Restriction *r, *count, *comment;

	if (!fixture(env, mem_ctx, &f) || (t = contents(&f, mem_ctx, 0)) ==
	    NULL) {
		return false;
	}
	ITEST_ASSERT(restricted(t, mem_ctx, res_string(mem_ctx, true,
		FL_SUBSTRING, 0, TAG_SUBJECT, "message 01"), w_sub01,
		"substring"), "content substring");
	ITEST_ASSERT(restricted(t, mem_ctx, res_string(mem_ctx, true,
		FL_PREFIX, 0, TAG_SUBJECT, "MESSAGE 1"), w_prefix1,
		"prefix"), "content prefix");
	ITEST_ASSERT(restricted(t, mem_ctx, res_string(mem_ctx, true,
		FL_FULLSTRING, 0, TAG_SUBJECT, "Message 042"), w_42,
		"fullstring"), "content full string");
	ITEST_ASSERT(restricted(t, mem_ctx, res_long(mem_ctx, RELOP_EQ,
		TAG_IMPORTANCE, 2), w_imp2, "importance"), "property");
	ITEST_ASSERT(restricted(t, mem_ctx, res_string(mem_ctx, false, 0,
		RELOP_LT, TAG_SUBJECT, "Message 050"), w_lt_50, "lt"),
		"property RELOP_LT on a string");
	r = res_list(mem_ctx, RES_AND,
		     res_long(mem_ctx, RELOP_EQ, TAG_IMPORTANCE, 2),
		     res_not(mem_ctx, res_bitmask(mem_ctx, BMR_NEZ, TAG_FLAGS,
						  MSGFLAG_READ)));
	ITEST_ASSERT(restricted(t, mem_ctx, r, w_imp2_unread, "and/not"),
		     "and, not, bitmask");
	r = res_list(mem_ctx, RES_OR,
		     res_string(mem_ctx, false, 0, RELOP_EQ, TAG_SUBJECT,
				"Message 000"),
		     res_string(mem_ctx, false, 0, RELOP_EQ, TAG_SUBJECT,
				"Message 199"));
	ITEST_ASSERT(restricted(t, mem_ctx, r, w_ends, "or"), "or");
	ITEST_ASSERT(restricted(t, mem_ctx, res_bitmask(mem_ctx, BMR_NEZ,
		TAG_FLAGS, MSGFLAG_READ), w_read, "read"), "bitmask");
	ITEST_ASSERT(restricted(t, mem_ctx, res_exist(mem_ctx, TAG_BODY),
		w_body, "exist"), "exist");
	ITEST_ASSERT(restricted(t, mem_ctx, res_size(mem_ctx, RELOP_GT,
		TAG_BODY, 100), w_big_body, "size"), "size");
	comment = res_new(mem_ctx, RES_COMMENT);
	comment->Res.Comment.RestrictionPresent = 1;
	comment->Res.Comment.Restriction.Present.Restriction =
		res_exist(mem_ctx, TAG_BODY);
	ITEST_ASSERT(restricted(t, mem_ctx, comment, w_body, "comment"),
		     "comment");
	ITEST_ASSERT(restricted(t, mem_ctx, NULL, w_all, "none"),
		     "restriction removed");
	count = res_new(mem_ctx, RES_COUNT);
	count->Res.Count.Count = 7;
	count->Res.Count.SubRestriction = res_exist(mem_ctx, TAG_BODY);
	ITEST_MAPI(mapi_table_restrict(t, count), MAPI_E_SUCCESS);
	ITEST_ASSERT(row_count(t) == 7, "count restriction: %u rows",
		     row_count(t));
	fixture_done(&f);
	return true;
}

static bool expect_rows(struct mapi_table *t, const struct mapi_table_rows *p,
			int first, uint32_t n, uint8_t origin)
{
	uint32_t i;

	if (p->count != n || p->origin != origin) {
		printf("    %u rows (origin %u), expected %u (origin %u)\n",
		       p->count, p->origin, n, origin);
		return false;
	}
	for (i = 0; i < n; i++) {
		if (number_of(t, &p->rows[i]) != first + (int)i) {
			printf("    row %u is %d, expected %d\n", i,
			       number_of(t, &p->rows[i]), first + (int)i);
			return false;
		}
	}
	return true;
}

static bool test_paging(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct fixture f;
	struct mapi_table *t;
	struct mapi_table_rows p;

	if (!fixture(env, mem_ctx, &f) || (t = contents(&f, mem_ctx, 0)) ==
	    NULL) {
		return false;
	}
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 10, 0, true, &p),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(expect_rows(t, &p, 0, 10, BOOKMARK_CURRENT), "first");
	ITEST_ASSERT(position(t) == 10 && row_count(t) == N_MESSAGES,
		     "position %u", position(t));
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 5, 0, false, &p),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(expect_rows(t, &p, 5, 5, BOOKMARK_CURRENT), "backward");
	ITEST_ASSERT(position(t) == 5, "position %u", position(t));
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 3, QueryRows_NoAdvance,
					 true, &p), MAPI_E_SUCCESS);
	ITEST_ASSERT(expect_rows(t, &p, 5, 3, BOOKMARK_CURRENT), "NoAdvance");
	ITEST_ASSERT(position(t) == 5, "position %u", position(t));
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 10, 0, false, &p),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(expect_rows(t, &p, 0, 5, BOOKMARK_BEGINNING),
		     "backward to the beginning");
	ITEST_MAPI(mapi_table_seek_row(t, BOOKMARK_END, -3, NULL, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 50, 0, true, &p),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(expect_rows(t, &p, N_MESSAGES - 3, 3, BOOKMARK_END),
		     "last rows");
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 50, 0, true, &p),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(expect_rows(t, &p, 0, 0, BOOKMARK_END), "past the end");
	/* a large request is cut to what fits, at least one row */
	ITEST_MAPI(mapi_table_seek_row(t, BOOKMARK_BEGINNING, 0, NULL, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 0xFFFF, 0, true, &p),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(p.count > 0 && p.count <= N_MESSAGES &&
		     position(t) == p.count, "%u rows at once", p.count);
	fixture_done(&f);
	return true;
}

static bool test_seek(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct SortOrder subj = { PT_UNICODE, 0x0037, 0 };
	struct fixture f;
	struct mapi_table *t;
	struct mapi_table_rows p;
	DATA_BLOB bm, bm2, bad = data_blob_const("\x01\x02", 2);
	int32_t sought = 0;
	bool less = false, gone = true;

	if (!fixture(env, mem_ctx, &f) || (t = contents(&f, mem_ctx, 0)) ==
	    NULL) {
		return false;
	}
	ITEST_MAPI(mapi_table_seek_row(t, BOOKMARK_BEGINNING, 50, &sought,
				       &less), MAPI_E_SUCCESS);
	ITEST_ASSERT(sought == 50 && !less && position(t) == 50, "seek 50");
	ITEST_MAPI(mapi_table_seek_row(t, BOOKMARK_CURRENT, -80, &sought,
				       &less), MAPI_E_SUCCESS);
	ITEST_ASSERT(sought == -50 && less && position(t) == 0,
		     "seek back %d %d", sought, less);
	ITEST_MAPI(mapi_table_seek_row(t, BOOKMARK_END, -1, &sought, &less),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(position(t) == N_MESSAGES - 1, "seek from the end");
	ITEST_MAPI(mapi_table_seek_fraction(t, 1, 2), MAPI_E_SUCCESS);
	ITEST_ASSERT(position(t) == N_MESSAGES / 2, "fraction 1/2: %u",
		     position(t));
	ITEST_MAPI(mapi_table_seek_fraction(t, 3, 2), MAPI_E_SUCCESS);
	ITEST_ASSERT(position(t) == N_MESSAGES, "fraction 3/2");
	ITEST_MAPI(mapi_table_seek_fraction(t, 1, 0),
		   MAPI_E_INVALID_PARAMETER);
	/* bookmarks */
	ITEST_MAPI(mapi_table_seek_row(t, BOOKMARK_BEGINNING, 30, NULL, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_create_bookmark(t, mem_ctx, &bm),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_seek_row(t, BOOKMARK_BEGINNING, 100, NULL,
				       NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_seek_bookmark(t, &bm, 0, &sought, &gone),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(!gone && position(t) == 30, "bookmark: %u",
		     position(t));
	ITEST_MAPI(mapi_table_seek_bookmark(t, &bm, 5, &sought, &gone),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(sought == 5 && position(t) == 35, "bookmark + 5");
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 1, 0, true, &p),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(expect_rows(t, &p, 35, 1, BOOKMARK_CURRENT), "row 35");
	ITEST_MAPI(mapi_table_free_bookmark(t, &bm), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_seek_bookmark(t, &bm, 0, NULL, NULL),
		   MAPI_E_INVALID_BOOKMARK);
	ITEST_MAPI(mapi_table_free_bookmark(t, &bm), MAPI_E_INVALID_BOOKMARK);
	ITEST_MAPI(mapi_table_seek_bookmark(t, &bad, 0, NULL, NULL),
		   MAPI_E_INVALID_BOOKMARK);
	/* RopSortTable invalidates bookmarks (MS-OXCTABL 3.2.5.3) */
	ITEST_MAPI(mapi_table_create_bookmark(t, mem_ctx, &bm2),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_sort(t, &subj, 1), MAPI_E_SUCCESS);
	ITEST_ASSERT(position(t) == 0, "sort moves to the beginning");
	ITEST_MAPI(mapi_table_seek_bookmark(t, &bm2, 0, NULL, NULL),
		   MAPI_E_INVALID_BOOKMARK);
	fixture_done(&f);
	return true;
}

static bool test_find_row(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct SortOrder subj = { PT_UNICODE, 0x0037, 0 };
	struct fixture f;
	struct mapi_table *t;
	struct property_row row;
	DATA_BLOB bm;
	bool gone = true;

	if (!fixture(env, mem_ctx, &f) || (t = contents(&f, mem_ctx, 0)) ==
	    NULL) {
		return false;
	}
	ITEST_MAPI(mapi_table_sort(t, &subj, 1), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_find_row(t, mem_ctx, res_string(mem_ctx, false,
		   0, RELOP_EQ, TAG_SUBJECT, "Message 150"),
		   BOOKMARK_BEGINNING, NULL, false, &row, &gone),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(!gone && number_of(t, &row) == 150 &&
		     position(t) == 150, "found %d at %u",
		     number_of(t, &row), position(t));
	/* from the cursor, which matches itself */
	ITEST_MAPI(mapi_table_find_row(t, mem_ctx, res_string(mem_ctx, true,
		   FL_PREFIX, 0, TAG_SUBJECT, "Message 1"), BOOKMARK_CURRENT,
		   NULL, false, &row, NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT(number_of(t, &row) == 150, "current %d",
		     number_of(t, &row));
	/* backwards from the end: the last importance 0 is 198 */
	ITEST_MAPI(mapi_table_find_row(t, mem_ctx, res_long(mem_ctx, RELOP_EQ,
		   TAG_IMPORTANCE, 0), BOOKMARK_END, NULL, true, &row, NULL),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(number_of(t, &row) == 198 && position(t) == 198,
		     "backwards %d", number_of(t, &row));
	/* from a bookmark at 20 */
	ITEST_MAPI(mapi_table_seek_row(t, BOOKMARK_BEGINNING, 20, NULL, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_create_bookmark(t, mem_ctx, &bm),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_find_row(t, mem_ctx, res_long(mem_ctx, RELOP_EQ,
		   TAG_IMPORTANCE, 1), BOOKMARK_CUSTOM, &bm, false, &row,
		   NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT(number_of(t, &row) == 22, "from bookmark %d",
		     number_of(t, &row));
	ITEST_MAPI(mapi_table_find_row(t, mem_ctx, res_string(mem_ctx, false,
		   0, RELOP_EQ, TAG_SUBJECT, "nothing"), BOOKMARK_BEGINNING,
		   NULL, false, &row, NULL), MAPI_E_NOT_FOUND);
	fixture_done(&f);
	return true;
}

/* String8 and Unicode columns, PtypUnspecified per UseUnicode, and a
 * missing property as a flagged PtypErrorCode cell. */
static bool test_columns(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	static const uint32_t cols[] = {
		TAG_SUBJECT_A, TAG_SUBJECT, TAG_SUBJECT_ANY, TAG_MISSING,
		TAG_DELIVERY
	};
	struct fixture f;
	struct mapi_table *t;
	struct mapi_table_rows p;
	uint32_t *all = NULL, n = 0, i;
	bool found = false;
	int pass;

	if (!fixture(env, mem_ctx, &f)) {
		return false;
	}
	for (pass = 0; pass < 2; pass++) {
		uint8_t flags = pass ? TableFlags_UseUnicode : 0;
		const struct property_row_value *c;

		ITEST_MAPI(mapi_table_contents(f.logon, mem_ctx, f.folder,
					       flags, &t, NULL),
			   MAPI_E_SUCCESS);
		ITEST_MAPI(mapi_table_set_columns(t, cols, ARRAY_SIZE(cols)),
			   MAPI_E_SUCCESS);
		ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 1, 0, true, &p),
			   MAPI_E_SUCCESS);
		ITEST_ASSERT(p.count == 1 &&
			     p.rows[0].kind == PROPERTY_ROW_FLAGGED,
			     "one flagged row");
		c = p.rows[0].cells;
		ITEST_ASSERT(strcmp(c[0].value.String8, "Message 000") == 0 &&
			     strcmp(c[1].value.String, "Message 000") == 0,
			     "string8 %s, unicode %s", c[0].value.String8,
			     c[1].value.String);
		ITEST_ASSERT(c[2].type == (pass ? PT_UNICODE : PT_STRING8),
			     "unspecified column typed 0x%04x", c[2].type);
		ITEST_ASSERT(c[3].flag == PROPERTY_FLAG_ERROR &&
			     c[3].value.ErrorCode == MAPI_E_NOT_FOUND,
			     "missing property: flag %u", c[3].flag);
		ITEST_ASSERT(c[4].value.Time == BASE_TIME +
			     (uint64_t)N_MESSAGES * 600000000ULL, "time");
	}
	ITEST_MAPI(mapi_table_columns_all(t, mem_ctx, &all, &n),
		   MAPI_E_SUCCESS);
	for (i = 0; i < n; i++) {
		found |= all[i] == TAG_SUBJECT;
	}
	ITEST_ASSERT(found && n > 5, "QueryColumnsAll: %u tags", n);
	fixture_done(&f);
	return true;
}

static enum MAPISTATUS raw_rop(struct fixture *f, TALLOC_CTX *mem_ctx,
			       uint32_t handle, struct RopRequest *req)
{
	struct RopResponse *resp;

	return mapi_logon_rop(f->logon, mem_ctx, handle, req, &resp, NULL);
}

static bool test_errors(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct fixture f;
	struct mapi_table *t;
	struct mapi_table_rows p;
	struct property_row row;
	struct Restriction *sub, *re;
	struct RopRequest req;
	struct RopResponse *resp;
	uint32_t tag = TAG_SUBJECT;

	if (!fixture(env, mem_ctx, &f)) {
		return false;
	}
	ITEST_MAPI(mapi_table_contents(f.logon, mem_ctx, f.folder, 0, &t,
				       NULL), MAPI_E_SUCCESS);
	/* MS-OXCTABL 3.2.5.5, 3.2.5.14: RopSetColumns first */
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 1, 0, true, &p),
		   ecNullObject);
	ITEST_MAPI(mapi_table_find_row(t, mem_ctx, NULL, BOOKMARK_BEGINNING,
				       NULL, false, &row, NULL), ecNullObject);
	ITEST_MAPI(mapi_table_set_columns(t, &tag, 0),
		   MAPI_E_INVALID_PARAMETER);
	/* unsupported restrictions */
	sub = res_new(mem_ctx, RES_SUBRESTRICTION);
	sub->Res.SubObject.Subobject = 0x0E12000D;
	sub->Res.SubObject.Restriction = res_exist(mem_ctx, TAG_SUBJECT);
	ITEST_MAPI(mapi_table_restrict(t, sub), MAPI_E_TOO_COMPLEX);
	re = res_string(mem_ctx, false, 0, RELOP_RE, TAG_SUBJECT, "M.*");
	ITEST_MAPI(mapi_table_restrict(t, re), MAPI_E_TOO_COMPLEX);
	/* a string value for a PtypInteger32 property */
	re = res_string(mem_ctx, false, 0, RELOP_EQ, TAG_SUBJECT, "x");
	re->Res.Property.PropTag = TAG_IMPORTANCE;
	ITEST_MAPI(mapi_table_restrict(t, re), MAPI_E_TOO_COMPLEX);
	/* categories: more than sort orders; MAXIMUM_CATEGORY orders */
	req = (struct RopRequest) { .RopId = RopSortTable };
	req.Body.SortTable.SortOrderCount = 1;
	req.Body.SortTable.CategoryCount = 2;
	req.Body.SortTable.SortOrders = talloc_zero(mem_ctx, struct SortOrder);
	req.Body.SortTable.SortOrders->PropertyType = PT_LONG;
	req.Body.SortTable.SortOrders->PropertyId = 0x0017;
	ITEST_MAPI(mapi_table_rop(t, mem_ctx, &req, &resp),
		   MAPI_E_INVALID_PARAMETER);
	req.Body.SortTable.CategoryCount = 1;
	req.Body.SortTable.SortOrders->Order = TABLE_SORT_MAXIMUM_CATEGORY;
	ITEST_MAPI(mapi_table_rop(t, mem_ctx, &req, &resp),
		   MAPI_E_TOO_COMPLEX);
	req = (struct RopRequest) { .RopId = RopExpandRow };
	req.Body.ExpandRow.MaxRowCount = 10;
	ITEST_MAPI(mapi_table_rop(t, mem_ctx, &req, &resp), MAPI_E_NOT_FOUND);
	req = (struct RopRequest) { .RopId = RopAbort };
	ITEST_MAPI(mapi_table_rop(t, mem_ctx, &req, &resp),
		   MAPI_E_UNABLE_TO_ABORT);
	req = (struct RopRequest) { .RopId = RopGetStatus };
	ITEST_MAPI(mapi_table_rop(t, mem_ctx, &req, &resp), MAPI_E_SUCCESS);
	ITEST_ASSERT(resp->Body.GetStatus.Data.TableStatus ==
		     TBLSTAT_COMPLETE, "TableStatus");
	/* a table ROP on a folder: ecNotSupported (MS-OXCTABL 3.2.5.13) */
	req = (struct RopRequest) { .RopId = RopQueryColumnsAll };
	ITEST_MAPI(raw_rop(&f, mem_ctx, f.folder, &req), MAPI_E_NO_SUPPORT);
	req = (struct RopRequest) { .RopId = RopSetColumns };
	req.Body.SetColumns.PropertyTagCount = 1;
	req.Body.SetColumns.PropertyTags = &tag;
	ITEST_MAPI(raw_rop(&f, mem_ctx, f.folder, &req), MAPI_E_NO_SUPPORT);
	/* a hierarchy flag on a contents table */
	ITEST_MAPI(mapi_table_contents(f.logon, mem_ctx, f.folder,
				       TableFlags_Depth, &t, NULL),
		   MAPI_E_INVALID_PARAMETER);
	/* RopResetTable forgets the columns */
	ITEST_MAPI(mapi_table_contents(f.logon, mem_ctx, f.folder, 0, &t,
				       NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_set_columns(t, &tag, 1), MAPI_E_SUCCESS);
	req = (struct RopRequest) { .RopId = RopResetTable };
	ITEST_MAPI(mapi_table_rop(t, mem_ctx, &req, &resp), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 1, 0, true, &p),
		   ecNullObject);
	fixture_done(&f);
	return true;
}

/* Changes made while the table is open show (MS-OXCTABL 3.2.5). */
static bool test_changes(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct SortOrder subj = { PT_UNICODE, 0x0037, 0 };
	struct fixture f;
	struct mapi_table *t;
	struct mapi_table_rows p;
	DATA_BLOB bm;
	uint64_t mid;
	bool gone = false;

	if (!fixture(env, mem_ctx, &f) || (t = contents(&f, mem_ctx, 0)) ==
	    NULL) {
		return false;
	}
	ITEST_MAPI(mapi_table_sort(t, &subj, 1), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 10, 0, true, &p),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(expect_rows(t, &p, 0, 10, BOOKMARK_CURRENT), "first");
	/* bookmark on message 10, the cursor's row */
	ITEST_MAPI(mapi_table_create_bookmark(t, mem_ctx, &bm),
		   MAPI_E_SUCCESS);
	/* a new message sorting first */
	ITEST_ASSERT(add_message(f.store, f.fid, false, 1, "AAA new", &mid),
		     "new message");
	ITEST_ASSERT(row_count(t) == N_MESSAGES + 1, "rows %u",
		     row_count(t));
	ITEST_ASSERT(position(t) == 11, "cursor follows its row: %u",
		     position(t));
	ITEST_MAPI(mapi_table_seek_row(t, BOOKMARK_BEGINNING, 0, NULL, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 1, 0, true, &p),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(p.count == 1 && strcmp(cell_string(t, &p.rows[0],
		     TAG_SUBJECT), "AAA new") == 0, "new row first");
	/* the bookmarked row deleted: RowNoLongerVisible, next row */
	ITEST_ASSERT(mstore_messages_delete(f.store, f.fid, &f.mids[10], 1) ==
		     MAPI_E_SUCCESS, "delete");
	ITEST_MAPI(mapi_table_seek_bookmark(t, &bm, 0, NULL, &gone),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(gone, "RowNoLongerVisible");
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 1, 0, true, &p),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(expect_rows(t, &p, 11, 1, BOOKMARK_CURRENT),
		     "next row after the deleted one");
	/* a message marked read leaves an unread restriction */
	ITEST_MAPI(mapi_table_restrict(t, res_bitmask(mem_ctx, BMR_EQZ,
		   TAG_FLAGS, MSGFLAG_READ)), MAPI_E_SUCCESS);
	ITEST_ASSERT(row_count(t) == N_MESSAGES + 1 - 1 - N_MESSAGES / 4,
		     "unread %u", row_count(t));
	ITEST_ASSERT(mstore_message_set_read(f.store, f.mids[1], true) ==
		     MAPI_E_SUCCESS, "set read");
	ITEST_ASSERT(row_count(t) == N_MESSAGES - 1 - N_MESSAGES / 4,
		     "unread after reading one: %u", row_count(t));
	/* the same view opened again (from the logon's view cache) */
	t = contents(&f, mem_ctx, 0);
	ITEST_ASSERT(t != NULL, "second table");
	ITEST_MAPI(mapi_table_sort(t, &subj, 1), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_restrict(t, res_bitmask(mem_ctx, BMR_EQZ,
		   TAG_FLAGS, MSGFLAG_READ)), MAPI_E_SUCCESS);
	ITEST_ASSERT(row_count(t) == N_MESSAGES - 1 - N_MESSAGES / 4,
		     "same view again: %u", row_count(t));
	ITEST_ASSERT(add_message(f.store, f.fid, false, 1, "ZZZ", &mid),
		     "another message");
	ITEST_ASSERT(row_count(t) == N_MESSAGES - N_MESSAGES / 4,
		     "after another message: %u", row_count(t));
	ITEST_MAPI(mapi_table_seek_row(t, BOOKMARK_END, -1, NULL, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 1, 0, true, &p),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(p.count == 1 && strcmp(cell_string(t, &p.rows[0],
		     TAG_SUBJECT), "ZZZ") == 0, "new last row");
	fixture_done(&f);
	return true;
}

/* Change a message's subject with the store, keeping its size. */
static bool retitle(struct fixture *f, uint64_t mid, const char *subject)
{
	TALLOC_CTX *tmp = talloc_new(f->store);
	struct mstore_message *msg;
	struct mstore_value v = { .tag = TAG_SUBJECT };
	bool ok;

	v.v.str = subject;
	ok = mstore_message_open(tmp, f->store, mid, &msg) == MAPI_E_SUCCESS &&
	     mstore_message_set_props(msg, &v, 1) == MAPI_E_SUCCESS &&
	     mstore_message_save(msg) == MAPI_E_SUCCESS;
	talloc_free(tmp);
	return ok;
}

/* The subject number of the row at the cursor, the cursor kept. */
static int row_here(struct mapi_table *t, TALLOC_CTX *mem_ctx)
{
	struct mapi_table_rows p;

	if (mapi_table_query_rows(t, mem_ctx, 1, QueryRows_NoAdvance, true,
				  &p) != MAPI_E_SUCCESS || p.count != 1) {
		return -1;
	}
	return number_of(t, &p.rows[0]);
}

/*
 * A change that keeps the folder's counts and size (a new subject of the
 * same length) reorders an open sorted table; the cursor and a bookmark
 * stay on their rows, and go to the next row when theirs is deleted
 * (MS-OXCTABL 3.2.5.9).
 */
static bool test_changes_props(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct SortOrder subj = { PT_UNICODE, 0x0037, 0 };
	struct fixture f;
	struct mapi_table *t;
	struct mapi_table_rows p;
	DATA_BLOB bm;
	uint64_t gone2[2];
	bool gone = true;

	if (!fixture(env, mem_ctx, &f) || (t = contents(&f, mem_ctx, 0)) ==
	    NULL) {
		return false;
	}
	ITEST_MAPI(mapi_table_sort(t, &subj, 1), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_query_rows(t, mem_ctx, 10, 0, true, &p),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_create_bookmark(t, mem_ctx, &bm),
		   MAPI_E_SUCCESS);
	/* message 5 moves to the end: the rows after it move up */
	ITEST_ASSERT(retitle(&f, f.mids[5], "Message 999"), "retitle");
	ITEST_ASSERT(position(t) == 9, "cursor follows its row: %u",
		     position(t));
	ITEST_ASSERT(row_here(t, mem_ctx) == 10, "cursor row %d",
		     row_here(t, mem_ctx));
	ITEST_MAPI(mapi_table_seek_row(t, BOOKMARK_END, -1, NULL, NULL),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(row_here(t, mem_ctx) == 999, "last row %d",
		     row_here(t, mem_ctx));
	ITEST_MAPI(mapi_table_seek_bookmark(t, &bm, 0, NULL, &gone),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(!gone && row_here(t, mem_ctx) == 10,
		     "bookmark follows its row (gone %d, row %d)", gone,
		     row_here(t, mem_ctx));
	/* the bookmarked row and the one after it deleted */
	gone2[0] = f.mids[10];
	gone2[1] = f.mids[11];
	ITEST_ASSERT(mstore_messages_delete(f.store, f.fid, gone2, 2) ==
		     MAPI_E_SUCCESS, "delete");
	ITEST_ASSERT(row_here(t, mem_ctx) == 12, "cursor on the next row: %d",
		     row_here(t, mem_ctx));
	ITEST_MAPI(mapi_table_seek_row(t, BOOKMARK_BEGINNING, 0, NULL, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_seek_bookmark(t, &bm, 0, NULL, &gone),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(gone && row_here(t, mem_ctx) == 12,
		     "bookmark on the next row (gone %d, row %d)", gone,
		     row_here(t, mem_ctx));
	/* a row moving before the bookmark's keeps the bookmark there */
	ITEST_ASSERT(retitle(&f, f.mids[150], "Message 000"), "retitle 150");
	ITEST_MAPI(mapi_table_seek_bookmark(t, &bm, 0, NULL, &gone),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(gone && row_here(t, mem_ctx) == 12,
		     "bookmark still on message 12 (row %d)",
		     row_here(t, mem_ctx));
	ITEST_ASSERT(position(t) == 10, "at index %u", position(t));
	fixture_done(&f);
	return true;
}

/* A rename, a move and a change of a folder deep below are seen by open
 * hierarchy tables. */
static bool test_hierarchy_changes(struct itest_env *env,
				   TALLOC_CTX *mem_ctx)
{
	static const uint32_t cols[] = { TAG_DISPLAY_NAME, TAG_FOLDER_ID };
	struct SortOrder name = { PT_UNICODE, 0x3001, 0 };
	struct mstore_value v = { .tag = TAG_DISPLAY_NAME };
	struct fixture f;
	struct mapi_table *flat, *deep;
	struct mapi_table_rows p;
	uint64_t a, b, a1;

	if (!fixture(env, mem_ctx, &f)) {
		return false;
	}
	ITEST_ASSERT(mstore_folder_create(f.store, f.fid, "A", NULL, 0, 0, &a,
					  NULL) == MAPI_E_SUCCESS &&
		     mstore_folder_create(f.store, f.fid, "B", NULL, 0, 0, &b,
					  NULL) == MAPI_E_SUCCESS &&
		     mstore_folder_create(f.store, a, "A1", NULL, 0, 0, &a1,
					  NULL) == MAPI_E_SUCCESS,
		     "subfolders");
	ITEST_MAPI(mapi_table_hierarchy(f.logon, mem_ctx, f.folder, 0, &flat,
					NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_set_columns(flat, cols, ARRAY_SIZE(cols)),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_sort(flat, &name, 1), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_hierarchy(f.logon, mem_ctx, f.folder,
					TableFlags_Depth, &deep, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_set_columns(deep, cols, ARRAY_SIZE(cols)),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(row_count(flat) == 2 && row_count(deep) == 3,
		     "rows %u, %u", row_count(flat), row_count(deep));
	/* A renamed Z sorts after B */
	v.v.str = "Z";
	ITEST_ASSERT(mstore_folder_set_props(f.store, a, &v, 1) ==
		     MAPI_E_SUCCESS, "rename");
	ITEST_MAPI(mapi_table_query_rows(flat, mem_ctx, 2, 0, true, &p),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(p.count == 2 &&
		     strcmp(cell_string(flat, &p.rows[0], TAG_DISPLAY_NAME),
			    "B") == 0 &&
		     strcmp(cell_string(flat, &p.rows[1], TAG_DISPLAY_NAME),
			    "Z") == 0, "order after the rename: %u rows, %s, %s",
		     p.count, p.count > 0 ? cell_string(flat, &p.rows[0],
		     TAG_DISPLAY_NAME) : "", p.count > 1 ? cell_string(flat,
		     &p.rows[1], TAG_DISPLAY_NAME) : "");
	/* A1 renamed, two levels down: the Depth table shows the name */
	v.v.str = "A1 renamed";
	ITEST_ASSERT(mstore_folder_set_props(f.store, a1, &v, 1) ==
		     MAPI_E_SUCCESS, "rename A1");
	ITEST_MAPI(mapi_table_query_rows(deep, mem_ctx, 3, 0, true, &p),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(p.count == 3 &&
		     strcmp(cell_string(deep, &p.rows[1], TAG_DISPLAY_NAME),
			    "A1 renamed") == 0, "renamed below");
	/* A1 moved under B: still three rows, B's subtree now */
	ITEST_ASSERT(mstore_folder_move(f.store, a1, b, NULL) ==
		     MAPI_E_SUCCESS, "move");
	ITEST_MAPI(mapi_table_seek_row(deep, BOOKMARK_BEGINNING, 0, NULL,
				       NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_query_rows(deep, mem_ctx, 3, 0, true, &p),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(p.count == 3 &&
		     mapi_table_cell(deep, &p.rows[0], TAG_FOLDER_ID)
		     ->Integer64 == a &&
		     mapi_table_cell(deep, &p.rows[1], TAG_FOLDER_ID)
		     ->Integer64 == b &&
		     mapi_table_cell(deep, &p.rows[2], TAG_FOLDER_ID)
		     ->Integer64 == a1, "subtree after the move");
	/* deleted below: gone from the Depth table */
	ITEST_ASSERT(mstore_folder_delete(f.store, a1, MSTORE_DEL_HARD) ==
		     MAPI_E_SUCCESS, "delete");
	ITEST_ASSERT(row_count(deep) == 2, "after the delete: %u",
		     row_count(deep));
	fixture_done(&f);
	return true;
}

#define O_UML		"\xc3\x96"	/* Ö */
#define e_ACUTE		"\xc3\xa9"	/* é */
#define e_GRAVE		"\xc3\xa8"	/* è */

/* A second session and logon whose sort locale is @a lcid, with the
 * fixture's folder open. */
static struct mapi_logon *logon_in(struct itest_env *env,
				   TALLOC_CTX *mem_ctx, struct fixture *f,
				   uint32_t lcid, uint32_t *folder)
{
	struct mapi_emsmdb_connect_params cp;
	struct mapi_emsmdb *e = NULL;
	struct mapi_logon *logon = NULL;
	const char *dn = dn_of(env, mem_ctx);

	if (dn == NULL) {
		return NULL;
	}
	mapi_emsmdb_connect_params_init(&cp, dn);
	cp.locale = lcid;
	if (mapi_emsmdb_connect_ex(mem_ctx, env->rpc, &env->user, &cp, NULL,
				   &e) != MAPI_E_SUCCESS ||
	    mapi_logon_private(mem_ctx, e, 0, dn, &logon) != MAPI_E_SUCCESS ||
	    mapi_folder_open(logon, mem_ctx, logon->handle, f->fid,
			     folder) != MAPI_E_SUCCESS) {
		return NULL;
	}
	return logon;
}

/* The subjects of the first @a n rows sorted by subject, in a session
 * of sort locale @a lcid, joined by '|'. */
static const char *sorted_subjects(struct itest_env *env, TALLOC_CTX *mem_ctx,
				   struct fixture *f, uint32_t lcid,
				   uint32_t n)
{
	struct SortOrder subj = { PT_UNICODE, 0x0037, 0 };
	struct mapi_logon *logon;
	struct mapi_table *t;
	struct mapi_table_rows p;
	uint32_t folder, i;
	char *out = talloc_strdup(mem_ctx, "");

	logon = logon_in(env, mem_ctx, f, lcid, &folder);
	if (logon == NULL ||
	    mapi_table_contents(logon, mem_ctx, folder, 0, &t, NULL) !=
	    MAPI_E_SUCCESS ||
	    mapi_table_set_columns(t, message_columns,
				   ARRAY_SIZE(message_columns)) !=
	    MAPI_E_SUCCESS ||
	    mapi_table_sort(t, &subj, 1) != MAPI_E_SUCCESS ||
	    mapi_table_query_rows(t, mem_ctx, n, 0, true, &p) !=
	    MAPI_E_SUCCESS) {
		return NULL;
	}
	for (i = 0; i < p.count; i++) {
		out = talloc_asprintf_append(out, "%s%s", i ? "|" : "",
					     cell_string(t, &p.rows[i],
							 TAG_SUBJECT));
	}
	return out;
}

/* Tables sort strings in the session's sort locale (EcDoConnectEx
 * ulLcidSort): Ö with O in German, after Z in Swedish; case does not
 * count. */
static bool test_sort_locale(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	static const char *names[] = {
		"Zorro", O_UML "rjan", "olle", "Anna", "anna"
	};
	struct fixture f;
	const char *de, *sv;
	uint64_t mid;
	size_t i;

	if (!fixture(env, mem_ctx, &f)) {
		return false;
	}
	/* a folder of these messages only */
	ITEST_ASSERT(mstore_folder_create(f.store, f.fid, "locale", NULL, 0, 0,
					  &f.fid, NULL) == MAPI_E_SUCCESS,
		     "folder");
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		ITEST_ASSERT(add_message(f.store, f.fid, false, 1, names[i],
					 &mid), "message %zu", i);
	}
	de = sorted_subjects(env, mem_ctx, &f, 0x0407, 5);
	sv = sorted_subjects(env, mem_ctx, &f, 0x041D, 5);
	ITEST_ASSERT(de != NULL && sv != NULL, "tables");
	/* "Anna" before "anna": equal, the older row first */
	ITEST_ASSERT(strcmp(de, "Anna|anna|olle|" O_UML "rjan|Zorro") == 0,
		     "German: %s", de);
	ITEST_ASSERT(strcmp(sv, "Anna|anna|olle|Zorro|" O_UML "rjan") == 0,
		     "Swedish: %s", sv);
	fixture_done(&f);
	return true;
}

/* A string8 operand of RopRestrict and RopFindRow is in the session's
 * code page (1252 here): a non-ASCII one matches the stored Unicode. */
static bool test_string8_operand(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_string8_map *map = mapi_string8_map_new(mem_ctx);
	const char *cafe = "Caf" e_ACUTE " cr" e_GRAVE "me";
	struct fixture f;
	struct mapi_table *t;
	struct property_row row;
	struct Restriction *r;
	const char *wire;
	uint64_t mid;
	bool gone = true;

	if (map == NULL || !fixture(env, mem_ctx, &f) ||
	    (t = contents(&f, mem_ctx, 0)) == NULL) {
		return false;
	}
	ITEST_ASSERT(add_message(f.store, f.fid, false, 1, cafe, &mid),
		     "message");
	wire = mapi_string8_to_wire(mem_ctx, map, 1252, "caf" e_ACUTE);
	ITEST_ASSERT(wire != NULL, "string8");
	r = res_string(mem_ctx, true, FL_PREFIX, 0, TAG_SUBJECT_A, NULL);
	r->Res.Content.TaggedValue.Value.String8 = wire;
	ITEST_MAPI(mapi_table_restrict(t, r), MAPI_E_SUCCESS);
	ITEST_ASSERT(row_count(t) == 1, "restricted to %u rows",
		     row_count(t));
	ITEST_MAPI(mapi_table_restrict(t, NULL), MAPI_E_SUCCESS);
	r = res_string(mem_ctx, false, 0, RELOP_EQ, TAG_SUBJECT_A, NULL);
	r->Res.Property.TaggedValue.Value.String8 =
		mapi_string8_to_wire(mem_ctx, map, 1252, cafe);
	ITEST_MAPI(mapi_table_find_row(t, mem_ctx, r, BOOKMARK_BEGINNING,
				       NULL, false, &row, &gone),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(strcmp(cell_string(t, &row, TAG_SUBJECT), cafe) == 0,
		     "found %s", cell_string(t, &row, TAG_SUBJECT));
	fixture_done(&f);
	return true;
}

#define TAG_ROW_TYPE		0x0FF50003
#define TAG_INST_ID		0x674D0014
#define TAG_UNREAD_COUNT	0x36030003

static uint32_t cell_long(struct mapi_table *t, const struct property_row *r,
			  uint32_t tag)
{
	const union PropertyValueUnion *v = mapi_table_cell(t, r, tag);

	return v != NULL ? v->Integer32 : 0xFFFFFFFF;
}

/* Categorised by importance (MS-OXCTABL 3.2.5.3, 3.2.5.16 - 3.2.5.19). */
static bool test_categories(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	static const uint32_t cols[] = {
		TAG_SUBJECT, TAG_IMPORTANCE, TAG_ROW_TYPE, TAG_DEPTH,
		TAG_INST_ID, TAG_CONTENT_COUNT, TAG_UNREAD_COUNT
	};
	struct SortOrder s[2] = {
		{ PT_LONG, 0x0017, 0 }, { PT_UNICODE, 0x0037, 0 }
	};
	struct fixture f;
	struct mapi_table *t;
	struct mapi_table_rows p;
	struct property_row *rows;
	uint64_t cat[3];
	uint32_t n, i, more = 0, expected_unread[3] = { 0 };
	DATA_BLOB state, bm;
	int k;

	if (!fixture(env, mem_ctx, &f)) {
		return false;
	}
	for (k = 0; k < N_MESSAGES; k++) {
		expected_unread[k % 3] += k % 4 != 0 ? 1 : 0;
	}
	ITEST_MAPI(mapi_table_contents(f.logon, mem_ctx, f.folder, 0, &t,
				       NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_set_columns(t, cols, ARRAY_SIZE(cols)),
		   MAPI_E_SUCCESS);
	/* all collapsed: three header rows */
	ITEST_MAPI(mapi_table_sort_categories(t, s, 2, 1, 0),
		   MAPI_E_SUCCESS);
	rows = read_all(t, mem_ctx, &n);
	ITEST_ASSERT(rows != NULL && n == 3, "%u header rows", n);
	for (i = 0; i < 3; i++) {
		ITEST_ASSERT(cell_long(t, &rows[i], TAG_ROW_TYPE) == 4 &&
			     cell_long(t, &rows[i], TAG_DEPTH) == 0 &&
			     cell_long(t, &rows[i], TAG_IMPORTANCE) == i,
			     "header %u", i);
		ITEST_ASSERT(cell_long(t, &rows[i], TAG_CONTENT_COUNT) ==
			     (i == 2 ? 66 : 67) &&
			     cell_long(t, &rows[i], TAG_UNREAD_COUNT) ==
			     expected_unread[i], "header %u counts %u/%u", i,
			     cell_long(t, &rows[i], TAG_CONTENT_COUNT),
			     cell_long(t, &rows[i], TAG_UNREAD_COUNT));
		ITEST_ASSERT(mapi_table_cell(t, &rows[i], TAG_SUBJECT) == NULL,
			     "no subject on a header");
		cat[i] = mapi_table_cell(t, &rows[i], TAG_INST_ID)->Integer64;
	}
	/* expand importance 1: its 67 rows, the first 10 returned */
	ITEST_MAPI(mapi_table_expand_row(t, mem_ctx, cat[1], 10, &p, &more),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(more == 67 && p.count == 10, "expanded %u, %u rows",
		     more, p.count);
	for (i = 0; i < p.count; i++) {
		ITEST_ASSERT(number_of(t, &p.rows[i]) == 1 + 3 * (int)i &&
			     cell_long(t, &p.rows[i], TAG_DEPTH) == 1 &&
			     cell_long(t, &p.rows[i], TAG_ROW_TYPE) == 1,
			     "leaf %u", i);
	}
	ITEST_ASSERT(row_count(t) == 70 && position(t) == 12,
		     "%u rows, position %u", row_count(t), position(t));
	/* the collapse state, then collapse and restore it */
	ITEST_MAPI(mapi_table_get_collapse_state(t, mem_ctx, cat[1], 0,
						 &state), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_table_collapse_row(t, cat[1], &more), MAPI_E_SUCCESS);
	ITEST_ASSERT(more == 67 && row_count(t) == 3, "collapsed %u: %u",
		     more, row_count(t));
	ITEST_MAPI(mapi_table_set_collapse_state(t, mem_ctx, &state, &bm),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(row_count(t) == 70, "state restored: %u", row_count(t));
	ITEST_MAPI(mapi_table_seek_bookmark(t, &bm, 0, NULL, NULL),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(position(t) == 1, "bookmark on the header: %u",
		     position(t));
	ITEST_MAPI(mapi_table_expand_row(t, mem_ctx, 0x1234560001ULL, 1, &p,
					 &more), MAPI_E_NOT_FOUND);
	/* every category expanded from the start */
	ITEST_MAPI(mapi_table_sort_categories(t, s, 2, 1, 1),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(row_count(t) == N_MESSAGES + 3, "%u rows expanded",
		     row_count(t));
	/* a new message joins its category */
	ITEST_ASSERT(add_message(f.store, f.fid, false, 2, "Message 999",
				 &f.mids[0]), "new message");
	rows = read_all(t, mem_ctx, &n);
	ITEST_ASSERT(rows != NULL && n == N_MESSAGES + 4, "%u rows", n);
	ITEST_ASSERT(cell_long(t, &rows[67 + 67 + 2], TAG_CONTENT_COUNT) ==
		     67, "category 2 now has 67 rows");
	fixture_done(&f);
	return true;
}

/* FAI messages only in the Associated contents table. */
static bool test_associated(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct fixture f;
	struct mapi_table *t;
	uint32_t count = 0;
	uint64_t mid;
	int i;

	if (!fixture(env, mem_ctx, &f)) {
		return false;
	}
	for (i = 0; i < 3; i++) {
		ITEST_ASSERT(add_message(f.store, f.fid, true, i, NULL, &mid),
			     "FAI %d", i);
	}
	ITEST_MAPI(mapi_table_contents(f.logon, mem_ctx, f.folder,
				       TableFlags_Associated, &t, &count),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(count == 3, "associated RowCount %u", count);
	ITEST_MAPI(mapi_table_set_columns(t, message_columns,
					  ARRAY_SIZE(message_columns)),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(row_count(t) == 3, "associated rows");
	ITEST_MAPI(mapi_table_contents(f.logon, mem_ctx, f.folder, 0, &t,
				       &count), MAPI_E_SUCCESS);
	ITEST_ASSERT(count == N_MESSAGES, "normal RowCount %u", count);
	ITEST_MAPI(mapi_table_contents(f.logon, mem_ctx, f.folder,
				       TableFlags_SoftDeletes, &t, &count),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(count == 0, "soft-deleted RowCount %u", count);
	ITEST_MAPI(mapi_table_set_columns(t, message_columns,
					  ARRAY_SIZE(message_columns)),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(row_count(t) == 0, "soft-deleted rows");
	ITEST_MAPI(mapi_table_release(t), MAPI_E_SUCCESS);
	fixture_done(&f);
	return true;
}

static const struct itest tests[] = {
	{ "hierarchy", test_hierarchy },
	{ "sort", test_sort },
	{ "restrict", test_restrict },
	{ "paging", test_paging },
	{ "seek", test_seek },
	{ "find-row", test_find_row },
	{ "columns", test_columns },
	{ "errors", test_errors },
	{ "changes", test_changes },
	{ "changes-props", test_changes_props },
	{ "hierarchy-changes", test_hierarchy_changes },
	{ "sort-locale", test_sort_locale },
	{ "string8-operand", test_string8_operand },
	{ "associated", test_associated },
	{ "categories", test_categories },
};

int main(int argc, const char **argv)
{
	return itest_main("emsmdb-tables", tests, ARRAY_SIZE(tests), argc,
			  argv);
}
