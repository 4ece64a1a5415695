/*
 * Workload 4: contents tables of folders of 1,000, 10,000 and 100,000
 * messages ("bench contents N", filled by bench_contents_populate).
 *
 * What a client does to show a folder, in two EcDoRpcExt2 calls:
 * RopOpenFolder + RopGetContentsTable, then RopSetColumns (12 columns of
 * a mail view) + RopSortTable (PidTagMessageDeliveryTime descending) +
 * RopQueryRows of the first 50 rows, parsed.  Measured three ways:
 *   first page, cold: the first time a logon shows the folder (a new
 *     logon each repetition, made and released outside the timing), so
 *     the server builds the sorted view;
 *   first page, warm: the same logon showing it again (the server keeps
 *     a logon's recent views while the folder does not change);
 *   full scan: first page (warm), then RopQueryRows of 50 rows at a time
 *     to the end, every row parsed and counted.
 * Targets: the first page independent of the folder size (largest over
 * smallest folder within 2x), the full scan linear (its time per row
 * within 2x from the smallest to the largest folder).
 */
#include <string.h>
#include <sys/param.h>

#include "bench_emsmdb.h"
#include "bench_message.h"

#define PAGE_ROWS		50
#define TARGET_GROWTH		2.0
#define NO_HANDLE		0xFFFFFFFF

/* The columns of a mail view. */
static const uint32_t columns[] = {
	0x674A0014,	/* PidTagMid */
	0x0037001F,	/* PidTagSubject */
	0x0C1A001F,	/* PidTagSenderName */
	BENCH_PidTagMessageDeliveryTime,
	0x0E070003,	/* PidTagMessageFlags */
	0x0E080003,	/* PidTagMessageSize */
	0x00170003,	/* PidTagImportance */
	0x0E1B000B,	/* PidTagHasAttachments */
	0x001A001F,	/* PidTagMessageClass */
	0x0E04001F,	/* PidTagDisplayTo */
	0x0070001F,	/* PidTagConversationTopic */
	0x00360003,	/* PidTagSensitivity */
};

#define N_COLUMNS (sizeof(columns) / sizeof(columns[0]))

/* One folder's figures. */
struct folder_figures {
	uint32_t size;
	char suffix[16];	/* "1k", "10k", ... */
	uint64_t fid;
	double cold_s, warm_s, scan_s;
	int cold_reps, warm_reps, scan_reps;
	uint32_t rows;		/* rows of the full scan */
};

/* A shown folder: its folder and table objects. */
struct view {
	struct mapi_logon *logon;
	uint32_t folder;
	struct mapi_table table;
	uint32_t row_count;	/* RopGetContentsTable RowCount */
	uint32_t rows;		/* rows read so far */
	uint8_t origin;		/* of the last RopQueryRows */
};

static enum MAPISTATUS all_ok(const struct mapi_emsmdb_rop_result *r,
			      uint32_t want)
{
	enum MAPISTATUS rv = r->count == want ? MAPI_E_SUCCESS
					      : MAPI_E_CALL_FAILED;
	uint32_t i;

	for (i = 0; rv == MAPI_E_SUCCESS && i < r->count; i++) {
		rv = bench_rop_status(&r->responses[i]);
	}
	return rv;
}

/* RopOpenFolder + RopGetContentsTable in one call. */
static enum MAPISTATUS open_table(struct view *v, TALLOC_CTX *mem_ctx,
				  uint64_t fid)
{
	uint32_t handles[3] = { v->logon->handle, NO_HANDLE, NO_HANDLE };
	uint8_t id = v->logon->logon_id;
	struct RopRequest req[2] = {
		{ .RopId = RopOpenFolder, .LogonId = id, .HandleIndex = 0 },
		{ .RopId = RopGetContentsTable, .LogonId = id,
		  .HandleIndex = 1 },
	};
	struct mapi_emsmdb_rop_result r;
	enum MAPISTATUS rv;

	req[0].Body.OpenFolder.OutputHandleIndex = 1;
	req[0].Body.OpenFolder.FolderId = fid;
	req[1].Body.GetContentsTable.OutputHandleIndex = 2;
	rv = mapi_emsmdb_rops(v->logon->emsmdb, mem_ctx, req, 2, handles, 3,
			      NULL, &r);
	if (rv == MAPI_E_SUCCESS) {
		rv = all_ok(&r, 2);
	}
	if (rv == MAPI_E_SUCCESS && r.handle_count != 3) {
		rv = MAPI_E_CALL_FAILED;
	}
	if (rv == MAPI_E_SUCCESS) {
		v->folder = r.handles[1];
		v->table.logon = v->logon;
		v->table.handle = r.handles[2];
		v->table.columns = discard_const_p(uint32_t, columns);
		v->table.column_count = N_COLUMNS;
		v->row_count = r.responses[1].Body.GetContentsTable.Data
			       .RowCount;
	}
	return rv;
}

static enum MAPISTATUS parse_page(TALLOC_CTX *mem_ctx,
				  const struct RopQueryRows_Success *ok)
{
	struct ndr_pull *ndr = ndr_pull_init_blob(&ok->RowData, mem_ctx);
	struct property_row row;
	uint32_t i;

	if (ndr == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ndr->flags |= LIBNDR_FLAG_NOALIGN;
	for (i = 0; i < ok->RowCount; i++) {
		if (!NDR_ERR_CODE_IS_SUCCESS(ndr_pull_property_row(
			    ndr, mem_ctx, columns, N_COLUMNS, &row))) {
			return MAPI_E_CORRUPT_DATA;
		}
	}
	return MAPI_E_SUCCESS;
}

/* RopSetColumns + RopSortTable + RopQueryRows(50) in one call. */
static enum MAPISTATUS first_page(struct view *v, TALLOC_CTX *mem_ctx)
{
	struct SortOrder sort = {
		.PropertyType = BENCH_PidTagMessageDeliveryTime & 0xFFFF,
		.PropertyId = BENCH_PidTagMessageDeliveryTime >> 16,
		.Order = TABLE_SORT_DESCEND
	};
	uint8_t id = v->logon->logon_id;
	struct RopRequest req[3] = {
		{ .RopId = RopSetColumns, .LogonId = id },
		{ .RopId = RopSortTable, .LogonId = id },
		{ .RopId = RopQueryRows, .LogonId = id },
	};
	const struct RopQueryRows_Success *ok;
	struct mapi_emsmdb_rop_result r;
	enum MAPISTATUS rv;

	req[0].Body.SetColumns.PropertyTagCount = N_COLUMNS;
	req[0].Body.SetColumns.PropertyTags = discard_const_p(uint32_t,
							      columns);
	req[1].Body.SortTable.SortOrderCount = 1;
	req[1].Body.SortTable.SortOrders = &sort;
	req[2].Body.QueryRows.ForwardRead = 1;
	req[2].Body.QueryRows.RowCount = PAGE_ROWS;
	rv = mapi_emsmdb_rops(v->logon->emsmdb, mem_ctx, req, 3,
			      &v->table.handle, 1, NULL, &r);
	if (rv == MAPI_E_SUCCESS) {
		rv = all_ok(&r, 3);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	ok = &r.responses[2].Body.QueryRows.Data.Success;
	v->rows = ok->RowCount;
	v->origin = ok->Origin;
	if (ok->RowCount != MIN(PAGE_ROWS, v->row_count)) {
		return MAPI_E_CALL_FAILED;
	}
	return parse_page(mem_ctx, ok);
}

/* Show the folder: open, sort, first page. */
static enum MAPISTATUS show(struct view *v, TALLOC_CTX *mem_ctx, uint64_t fid)
{
	enum MAPISTATUS rv = open_table(v, mem_ctx, fid);

	return rv == MAPI_E_SUCCESS ? first_page(v, mem_ctx) : rv;
}

enum MAPISTATUS bench_show_folder(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint64_t fid,
				  uint32_t *folder, uint32_t *table)
{
	struct view v = { .logon = logon };
	enum MAPISTATUS rv = show(&v, mem_ctx, fid);

	*folder = v.folder;
	*table = v.table.handle;
	return rv;
}

static void release(struct view *v)
{
	mapi_object_release(v->logon, v->table.handle);
	mapi_object_release(v->logon, v->folder);
}

/* The rest of the rows, 50 at a time. */
static enum MAPISTATUS scan_rest(struct view *v, TALLOC_CTX *mem_ctx)
{
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	while (rv == MAPI_E_SUCCESS && v->origin != BOOKMARK_END) {
		TALLOC_CTX *tmp = talloc_new(mem_ctx);
		struct mapi_table_rows rows;

		rv = mapi_table_query_rows(&v->table, tmp, PAGE_ROWS, 0, true,
					   &rows);
		if (rv == MAPI_E_SUCCESS && rows.count == 0 &&
		    rows.origin != BOOKMARK_END) {
			rv = MAPI_E_CALL_FAILED;	/* no progress */
		}
		v->rows += rows.count;
		v->origin = rows.origin;
		talloc_free(tmp);
	}
	return rv;
}

/* ------------------------------------------------------------ timing */

enum mode { COLD, WARM, SCAN };

/* One repetition of @a mode; its time in @a t (setup not counted). */
static enum MAPISTATUS once(struct bench *b, enum mode mode,
			    struct folder_figures *f, uint8_t logon_id,
			    double *t)
{
	TALLOC_CTX *tmp = talloc_new(b->mem);
	struct view v = { .logon = b->logon };
	enum MAPISTATUS rv = MAPI_E_SUCCESS;
	double t0;

	if (mode == COLD) {
		rv = mapi_logon_private(tmp, b->emsmdb, logon_id, b->user.dn,
					&v.logon);
	}
	t0 = bench_now_s();
	if (rv == MAPI_E_SUCCESS) {
		rv = show(&v, tmp, f->fid);
	}
	if (rv == MAPI_E_SUCCESS && mode == SCAN) {
		rv = scan_rest(&v, tmp);
		f->rows = v.rows;
	}
	*t = bench_now_s() - t0;
	if (mode == COLD && v.logon != NULL) {
		mapi_object_release(v.logon, v.logon->handle);
	} else if (v.table.logon != NULL) {
		release(&v);
	}
	talloc_free(tmp);
	return rv;
}

/* Median over the repetitions (after the warm-up), within the budget. */
static enum MAPISTATUS measure(struct bench *b, enum mode mode,
			       struct folder_figures *f, double *median,
			       int *reps)
{
	double *t = talloc_array(b->mem, double, b->cfg.reps);
	double start = bench_now_s(), x;
	enum MAPISTATUS rv = t != NULL ? MAPI_E_SUCCESS
				       : MAPI_E_NOT_ENOUGH_MEMORY;
	int i, n = 0;

	for (i = 0; rv == MAPI_E_SUCCESS &&
		    i < b->cfg.warmup + b->cfg.reps; i++) {
		rv = once(b, mode, f, 1 + i % 254, &x);
		if (rv == MAPI_E_SUCCESS && i >= b->cfg.warmup) {
			t[n++] = x;
		}
		if (n > 0 && bench_now_s() - start > b->cfg.budget_s) {
			break;
		}
	}
	*median = rv == MAPI_E_SUCCESS && n > 0 ? bench_median(t, n) : -1;
	*reps = n;
	talloc_free(t);
	return rv;
}

/* The populated folder of @a f->size messages. */
static enum MAPISTATUS find_folder(struct bench *b, struct folder_figures *f)
{
	char *name = talloc_asprintf(b->mem, "bench contents %u", f->size);
	struct view v = { .logon = b->logon };
	bool existed = false;
	enum MAPISTATUS rv;

	rv = bench_ipm_folder(b->logon, b->mem, name, &f->fid, NULL,
			      &existed);
	if (rv == MAPI_E_SUCCESS) {
		rv = open_table(&v, b->mem, f->fid);
	}
	if (rv == MAPI_E_SUCCESS) {
		release(&v);
		if (!existed || v.row_count != f->size) {
			fprintf(stderr, "bench_emsmdb: \"%s\" holds %u "
				"messages (run bench_contents_populate)\n",
				name, existed ? v.row_count : 0);
			rv = MAPI_E_NOT_FOUND;
		}
	}
	talloc_free(name);
	return rv;
}

static enum MAPISTATUS measure_folder(struct bench *b,
				      struct folder_figures *f)
{
	enum MAPISTATUS rv = find_folder(b, f);

	if (rv == MAPI_E_SUCCESS) {
		rv = measure(b, COLD, f, &f->cold_s, &f->cold_reps);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = measure(b, WARM, f, &f->warm_s, &f->warm_reps);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = measure(b, SCAN, f, &f->scan_s, &f->scan_reps);
	}
	if (rv == MAPI_E_SUCCESS && f->rows != f->size) {
		fprintf(stderr, "bench_emsmdb: scan of %u rows read %u\n",
			f->size, f->rows);
		rv = MAPI_E_CALL_FAILED;
	}
	printf("contents %7u: first page %9.6f s cold, %9.6f s warm; full "
	       "scan %8.4f s (%.2f us/row)\n", f->size, f->cold_s, f->warm_s,
	       f->scan_s, f->scan_s / f->size * 1e6);
	return rv;
}

/* ------------------------------------------------------------ figures */

static void json_time(struct bench *b, const char *what,
		      const struct folder_figures *f, double t, int reps)
{
	char k[96];

	snprintf(k, sizeof(k), "contents_%s_s_%s", what, f->suffix);
	bench_json_num(b, k, t);
	snprintf(k, sizeof(k), "contents_%s_%s_vs_null_ratio", what,
		 f->suffix);
	bench_json_num(b, k, t > 0 ? t / b->null_m.median_s : -1);
	snprintf(k, sizeof(k), "contents_%s_%s_reps", what, f->suffix);
	bench_json_int(b, k, reps);
}

static void json_folder(struct bench *b, const struct folder_figures *f)
{
	char k[96];

	json_time(b, "first_page", f, f->cold_s, f->cold_reps);
	json_time(b, "first_page_warm", f, f->warm_s, f->warm_reps);
	json_time(b, "full_scan", f, f->scan_s, f->scan_reps);
	snprintf(k, sizeof(k), "contents_full_scan_per_row_us_%s", f->suffix);
	bench_json_num(b, k, f->scan_s / f->size * 1e6);
}

/* Largest over smallest folder: <what>_growth_<big>_vs_<small>_ratio. */
static double growth(struct bench *b, const char *what,
		     const struct folder_figures *small,
		     const struct folder_figures *big, double vs, double vb)
{
	double g = vs > 0 && vb > 0 ? vb / vs : -1;
	char k[128];

	snprintf(k, sizeof(k), "contents_%s_growth_%s_vs_%s_ratio", what,
		 big->suffix, small->suffix);
	bench_json_num(b, k, g);
	return g;
}

static void json_growth(struct bench *b, const struct folder_figures *s,
			const struct folder_figures *l)
{
	double cold, warm, row;

	cold = growth(b, "first_page", s, l, s->cold_s, l->cold_s);
	warm = growth(b, "first_page_warm", s, l, s->warm_s, l->warm_s);
	row = growth(b, "full_scan_per_row", s, l, s->scan_s / s->size,
		     l->scan_s / l->size);
	printf("contents growth %s -> %s: first page x%.1f cold, x%.1f warm;"
	       " scan time per row x%.2f\n", s->suffix, l->suffix, cold,
	       warm, row);
	bench_json_num(b, "target_contents_growth_max", TARGET_GROWTH);
	bench_json_flag(b, "target_first_page_met",
			cold > 0 && cold <= TARGET_GROWTH);
	bench_json_flag(b, "target_first_page_warm_met",
			warm > 0 && warm <= TARGET_GROWTH);
	bench_json_flag(b, "target_full_scan_linear_met",
			row > 0 && row <= TARGET_GROWTH);
}

/* The folder sizes of --contents. */
static int parse_sizes(struct bench *b, struct folder_figures **out)
{
	const char *c = b->contents ? b->contents : "1000,10000,100000";
	struct folder_figures *f = NULL;
	int n = 0;

	while (*c != '\0') {
		char *end;
		unsigned long v = strtoul(c, &end, 10);

		f = talloc_realloc(b->mem, f, struct folder_figures, n + 1);
		if (f == NULL || end == c || v == 0 ||
		    (*end != ',' && *end != '\0')) {
			talloc_free(f);
			return -1;
		}
		memset(&f[n], 0, sizeof(f[n]));
		f[n].size = v;
		snprintf(f[n].suffix, sizeof(f[n].suffix),
			 v % 1000 == 0 ? "%luk" : "%lu",
			 v % 1000 == 0 ? v / 1000 : v);
		n++;
		c = *end == ',' ? end + 1 : end;
	}
	*out = f;
	return n;
}

int bench_workload_contents(struct bench *b)
{
	struct folder_figures *f = NULL;
	int n = parse_sizes(b, &f), i;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	if (n <= 0) {
		fprintf(stderr, "bench_emsmdb: bad --contents list\n");
		return 1;
	}
	bench_json_str(b, "contents_table", "RopOpenFolder + "
		       "RopGetContentsTable; RopSetColumns (12) + RopSortTable "
		       "(delivery time, descending) + RopQueryRows (50); then "
		       "RopQueryRows (50) to the end");
	bench_json_str(b, "contents_population", "bench_contents_populate: "
		       "the store library's mstore_message_save into the "
		       "server's database, 20 properties and 1 KB body each");
	for (i = 0; rv == MAPI_E_SUCCESS && i < n; i++) {
		rv = measure_folder(b, &f[i]);
		if (rv == MAPI_E_SUCCESS) {
			json_folder(b, &f[i]);
		}
	}
	if (rv != MAPI_E_SUCCESS) {
		fprintf(stderr, "bench_emsmdb: contents tables: %s\n",
			mapi_status_string(rv));
		talloc_free(f);
		return 1;
	}
	if (n > 1) {
		json_growth(b, &f[0], &f[n - 1]);
	}
	talloc_free(f);
	return 0;
}
