/*
 * bench_nspi: the address book (NSPI) measured as a real client sees it,
 * over ncacn_ip_tcp with NTLM and sealing, against Samba's own trivial
 * RPC call on the same DC.
 *
 * Baseline: mgmt inq_if_ids (the DCE/RPC management interface Samba's
 * RPC server answers on every endpoint) on a sealed connection to the
 * NSPI endpoint, in calls per second.  Then, each the median of several
 * repetitions after warm-up: the whole GAL in one NspiQueryRows call, the
 * GAL paged 100 rows per call, one NspiResolveNamesW of one name, and one
 * NspiGetMatches with a PidTagAnr restriction (recorded as not implemented
 * when the server answers MAPI_E_NO_SUPPORT).  Results go to stdout and,
 * with --json, to a JSON file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <popt.h>
#include <talloc.h>
#include <util/debug.h>
#include <dcerpc.h>
#include <ndr.h>

#include "bench_common.h"
#include "libmapi/mapi_cmdline.h"
#include "gen_ndr/ndr_exchange_nsp.h"

/* Targets of the benchmark */
#define TARGET_GAL_DUMP_S	1.0	/* the whole GAL in under 1 s */
#define TARGET_RESOLVE_RATIO	5.0	/* resolve within 5 null calls */

struct bench {
	struct bench_cfg cfg;
	TALLOC_CTX *mem;
	struct mapi_rpc_context *rpc;
	struct mapi_rpc_params params;
	struct mapi_nspi *nspi;
	struct dcerpc_pipe *mgmt;
	int null_calls, resolve_calls;
	const char *resolve_name;
};

static struct PropertyTagArray_r *gal_columns(TALLOC_CTX *mem_ctx)
{
	static const uint32_t t[] = { MAPI_NSPI_TAG_DISPLAY_NAME_W,
				      MAPI_NSPI_TAG_SMTP_ADDRESS,
				      MAPI_NSPI_TAG_ACCOUNT };

	return mapi_nspi_tags(mem_ctx, 3, t);
}

static enum MAPISTATUS gal_dump(void *ctx, TALLOC_CTX *mem_ctx,
				uint32_t *rows)
{
	struct bench *b = ctx;
	struct PropertyRowSet_r *set = NULL;
	struct STAT stat;
	enum MAPISTATUS ret;

	mapi_nspi_stat_init(b->nspi, &stat);
	/* one call asking for as many rows as a row set can carry */
	ret = mapi_nspi_query_rows(b->nspi, mem_ctx, 0, &stat, 0, NULL, 100000,
				   gal_columns(mem_ctx), &set);
	*rows = set ? set->cRows : 0;
	return ret;
}

static enum MAPISTATUS gal_paged(void *ctx, TALLOC_CTX *mem_ctx,
				 uint32_t *rows)
{
	struct bench *b = ctx;
	struct PropertyRowSet_r *set = NULL;
	enum MAPISTATUS ret;

	ret = mapi_nspi_gal_list(b->nspi, mem_ctx, gal_columns(mem_ctx), 100,
				 &set);
	*rows = set ? set->cRows : 0;
	return ret;
}

static enum MAPISTATUS resolve_one(void *ctx, TALLOC_CTX *mem_ctx,
				   uint32_t *rows)
{
	struct bench *b = ctx;
	struct PropertyTagArray_r *mids = NULL;
	struct PropertyRowSet_r *set = NULL;
	enum MAPISTATUS ret;

	ret = mapi_nspi_resolve_namesw(b->nspi, mem_ctx, NULL,
				       gal_columns(mem_ctx), &b->resolve_name,
				       1, &mids, &set);
	*rows = set ? set->cRows : 0;
	if (ret == MAPI_E_SUCCESS && (mids == NULL || mids->cValues != 1 ||
				      mids->aulPropTag[0] <= MID_AMBIGUOUS)) {
		fprintf(stderr, "bench_nspi: '%s' did not resolve\n",
			b->resolve_name);
		return MAPI_E_NOT_FOUND;
	}
	return ret;
}

static enum MAPISTATUS get_matches_anr(void *ctx, TALLOC_CTX *mem_ctx,
				       uint32_t *rows)
{
	struct bench *b = ctx;
	struct PropertyTagArray_r *mids = NULL;
	struct PropertyRowSet_r *set = NULL;
	struct Restriction_r *anr;
	enum MAPISTATUS ret;

	/* MS-OXNSPI 3.1.4.7: an ANR search is a property restriction with
	 * RELOP_EQ on PidTagAnr */
	anr = mapi_nspi_restriction_property(mem_ctx, 4,
			mapi_nspi_value_string(mem_ctx, MAPI_NSPI_TAG_ANR_W,
					       b->resolve_name));
	if (anr == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mapi_nspi_get_matches(b->nspi, mem_ctx, NULL, anr, NULL, 50,
				    gal_columns(mem_ctx), &mids, &set);
	*rows = set ? set->cRows : 0;
	return ret;
}

static int write_json(struct bench *b, const char *path,
		      const struct bench_measure *null_m,
		      const struct bench_measure *ms,
		      int n)
{
	double null_s = null_m->median_s;
	bool gal_met = ms[0].median_s >= 0 &&
		       ms[0].median_s < TARGET_GAL_DUMP_S;
	bool paged_met = ms[1].median_s >= 0 &&
			 ms[1].median_s < TARGET_GAL_DUMP_S;
	double rr = bench_ratio(&ms[2], null_s);
	bool resolve_met = rr >= 0 && rr <= TARGET_RESOLVE_RATIO;
	FILE *f = fopen(path, "w");
	int i;

	if (f == NULL) {
		perror(path);
		return 1;
	}
	bench_json_header(f, "nspi", &b->cfg);
	fprintf(f, "  \"gal_rows\": %u,\n", ms[0].rows);
	fprintf(f, "  \"baseline_calls_per_rep\": %d,\n", b->null_calls);
	fprintf(f, "  \"baseline_reps\": %d,\n", null_m->reps);
	bench_json_number(f, "baseline_null_call_s", null_s, false);
	bench_json_number(f, "baseline_null_calls_per_s",
		    null_s > 0 ? 1 / null_s : -1, false);
	fprintf(f, "  \"resolve_name\": \"%s\",\n", b->resolve_name);
	fprintf(f, "  \"resolve_calls_per_rep\": %d,\n", b->resolve_calls);
	for (i = 0; i < n; i++) {
		bench_json_measure(f, &ms[i], null_s);
	}
	fprintf(f, "  \"target_gal_dump_s\": %.1f,\n", TARGET_GAL_DUMP_S);
	fprintf(f, "  \"target_gal_dump_met\": %s,\n", bench_json_bool(gal_met));
	fprintf(f, "  \"target_gal_dump_paged_met\": %s,\n",
		bench_json_bool(paged_met));
	fprintf(f, "  \"target_resolve_vs_null_ratio\": %.1f,\n",
		TARGET_RESOLVE_RATIO);
	fprintf(f, "  \"target_resolve_met\": %s\n}\n", bench_json_bool(resolve_met));
	return fclose(f) == 0 ? 0 : 1;
}

static int connect_all(struct bench *b)
{
	enum MAPISTATUS ret;
	NTSTATUS status;

	ret = mapi_nspi_connect_ex(b->mem, b->rpc, &b->params, 1252, 0x409,
				   &status, &b->nspi);
	if (ret != MAPI_E_SUCCESS) {
		fprintf(stderr, "bench_nspi: NSPI session: %s (%s)\n",
			mapi_status_string(ret), nt_errstr(status));
		return 1;
	}
	/* the management interface on the NSPI endpoint, sealed as well */
	status = bench_mgmt_connect(b->mem, b->rpc, &b->params,
				    &ndr_table_exchange_nsp, &b->mgmt);
	if (!NT_STATUS_IS_OK(status)) {
		fprintf(stderr, "bench_nspi: mgmt connection: %s\n",
			nt_errstr(status));
		return 1;
	}
	return 0;
}

static int run(struct bench *b, const char *json)
{
	struct bench_measure null_m = { .key = "baseline_null_call" };
	struct bench_measure ms[] = {
		{ .key = "nspi_gal_dump_10k" },
		{ .key = "nspi_gal_paged100_10k" },
		{ .key = "nspi_resolve" },
		{ .key = "nspi_getmatches_anr" },
	};
	int i;

	if (connect_all(b) != 0) {
		return 1;
	}
	bench_run_measure(&b->cfg, &null_m, bench_null_call, b->mgmt,
			  b->null_calls);
	if (null_m.median_s < 0) {
		fprintf(stderr, "bench_nspi: the baseline call failed\n");
		return 1;
	}
	printf("%-34s %10.0f calls/s  (%10.6f s)\n", "baseline mgmt inq_if_ids",
	       1 / null_m.median_s, null_m.median_s);
	bench_run_measure(&b->cfg, &ms[0], gal_dump, b, 1);
	bench_run_measure(&b->cfg, &ms[1], gal_paged, b, 1);
	bench_run_measure(&b->cfg, &ms[2], resolve_one, b, b->resolve_calls);
	bench_run_measure(&b->cfg, &ms[3], get_matches_anr, b, b->resolve_calls);
	for (i = 0; i < 4; i++) {
		bench_report(&ms[i], null_m.median_s);
	}
	if (json != NULL && write_json(b, json, &null_m, ms, 4) != 0) {
		return 1;
	}
	/* a failure other than "not implemented" fails the run */
	for (i = 0; i < 4; i++) {
		if (ms[i].median_s < 0 && ms[i].implemented) {
			return 1;
		}
	}
	return 0;
}

int main(int argc, const char **argv)
{
	struct bench b = { .cfg = { .reps = 5, .warmup = 1, .budget_s = 60 },
			   .null_calls = 2000, .resolve_calls = 20,
			   .resolve_name = "bench04711" };
	struct mapi_cmdline cl = { 0 };
	char *json = NULL, *name = NULL;
	int opt, rc = 2;
	poptContext pc;
	struct poptOption options[] = {
		POPT_AUTOHELP
		MAPI_POPT_CONNECTION(&cl),
		BENCH_POPT_TIMING(&b.cfg),
		{ "null-calls", 0, POPT_ARG_INT, &b.null_calls, 0,
		  "Baseline calls per repetition (default 2000)", "N" },
		{ "resolve-calls", 0, POPT_ARG_INT, &b.resolve_calls, 0,
		  "Resolve/GetMatches calls per repetition (default 20)", "N" },
		{ "name", 0, POPT_ARG_STRING, &name, 0,
		  "Name to resolve (default bench04711)", "NAME" },
		{ "json", 0, POPT_ARG_STRING, &json, 0,
		  "Write the results to this JSON file", "FILE" },
		POPT_TABLEEND
	};

	b.mem = talloc_new(NULL);
	b.cfg.mem = b.mem;
	pc = poptGetContext("bench_nspi", argc, argv, options, 0);
	while ((opt = poptGetNextOpt(pc)) >= 0) {
	}
	if (opt < -1 || cl.user == NULL || b.cfg.reps < 1 || b.cfg.warmup < 0 ||
	    b.null_calls < 1 || b.resolve_calls < 1) {
		poptPrintUsage(pc, stderr, 0);
		goto out;
	}
	if (name != NULL) {
		b.resolve_name = name;
	}
	b.rpc = mapi_cmdline_setup(b.mem, "bench_nspi", &cl, &b.params);
	if (b.rpc == NULL) {
		rc = 1;
		goto out;
	}
	rc = run(&b, json);
out:
	poptFreeContext(pc);
	talloc_free(b.mem);
	mapi_cmdline_free(&cl);
	free(json);
	free(name);
	return rc;
}
