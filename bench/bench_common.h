/*
 * What the benchmark programs share: timing (medians of repetitions after
 * warm-up, within a time budget), Samba's null RPC call as the baseline,
 * and JSON/console output.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <talloc.h>
#include <popt.h>

#include "libmapi/mapi_rpc.h"
#include "libmapi/nspi.h"

struct dcerpc_pipe;
struct ndr_interface_table;

/* How measurements repeat. */
struct bench_cfg {
	TALLOC_CTX *mem;
	int reps;		/* timed repetitions */
	int warmup;		/* untimed runs first */
	double budget_s;	/* stop repeating after this long */
};

/* popt entries of the repetition settings, stored in @a cfg. */
#define BENCH_POPT_TIMING(cfg) \
	{ "reps", 0, POPT_ARG_INT, &(cfg)->reps, 0, \
	  "Repetitions per measurement (default 5)", "N" }, \
	{ "warmup", 0, POPT_ARG_INT, &(cfg)->warmup, 0, \
	  "Warm-up runs per measurement (default 1)", "N" }, \
	{ "budget", 0, POPT_ARG_DOUBLE, &(cfg)->budget_s, 0, \
	  "Seconds after which a measurement stops repeating " \
	  "(default 60)", "S" }

/* One measured quantity: the median of its repetitions. */
struct bench_measure {
	const char *key;
	double median_s;	/* < 0: not measured */
	int reps;
	bool implemented;	/* false: the server answered NO_SUPPORT */
	enum MAPISTATUS status;
	uint32_t rows;
};

typedef enum MAPISTATUS (*bench_fn)(void *ctx, TALLOC_CTX *mem_ctx,
				    uint32_t *rows);

double bench_now_s(void);
double bench_median(double *v, int n);

/* Warm up, then time @a fn cfg->reps times (fewer if the budget runs
 * out, at least once); each repetition runs @a inner calls and counts as
 * their mean. */
void bench_run_measure(const struct bench_cfg *cfg, struct bench_measure *m,
		       bench_fn fn, void *ctx, int inner);

/* Samba's own trivial call: mgmt inq_if_ids on a sealed connection to
 * the endpoint of @a table. */
NTSTATUS bench_mgmt_connect(TALLOC_CTX *mem_ctx, struct mapi_rpc_context *rpc,
			    const struct mapi_rpc_params *params,
			    const struct ndr_interface_table *table,
			    struct dcerpc_pipe **mgmt);
enum MAPISTATUS bench_null_call(void *mgmt_pipe, TALLOC_CTX *mem_ctx,
				uint32_t *rows);

double bench_ratio(const struct bench_measure *m, double null_s);
const char *bench_json_bool(bool v);
void bench_json_number(FILE *f, const char *key, double v, bool last);
void bench_json_measure(FILE *f, const struct bench_measure *m,
			double null_s);
void bench_json_header(FILE *f, const char *name,
		       const struct bench_cfg *cfg);
void bench_report(const struct bench_measure *m, double null_s);

#endif /* BENCH_COMMON_H */
