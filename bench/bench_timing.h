/*
 * Timing of the benchmarks: medians of repetitions after warm-up, within
 * a time budget.  Needs no server and no RPC library.
 */
#ifndef BENCH_TIMING_H
#define BENCH_TIMING_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include <popt.h>
#include "gen_ndr/mapi_types.h"

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

#endif /* BENCH_TIMING_H */
