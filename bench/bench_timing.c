/*
 * Timing of the benchmarks (see bench_timing.h).
 */
#include "bench_timing.h"

#include <stdlib.h>
#include <time.h>

double bench_now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double bench_median(double *v, int n)
{
	qsort(v, n, sizeof(v[0]), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static enum MAPISTATUS run_once(bench_fn fn, void *ctx, TALLOC_CTX *mem,
				uint32_t *rows)
{
	TALLOC_CTX *tmp = talloc_new(mem);
	enum MAPISTATUS st = fn(ctx, tmp, rows);

	talloc_free(tmp);
	return st;
}

void bench_run_measure(const struct bench_cfg *cfg, struct bench_measure *m,
		       bench_fn fn, void *ctx, int inner)
{
	double *t = talloc_array(cfg->mem, double, cfg->reps);
	double start = bench_now_s();
	int i, j;

	m->implemented = true;
	m->reps = 0;
	m->status = MAPI_E_SUCCESS;
	for (i = 0; i < cfg->warmup && m->status == MAPI_E_SUCCESS; i++) {
		m->status = run_once(fn, ctx, cfg->mem, &m->rows);
	}
	for (i = 0; i < cfg->reps && m->status == MAPI_E_SUCCESS; i++) {
		double t0 = bench_now_s();

		for (j = 0; j < inner && m->status == MAPI_E_SUCCESS; j++) {
			m->status = run_once(fn, ctx, cfg->mem, &m->rows);
		}
		t[m->reps++] = (bench_now_s() - t0) / inner;
		if (bench_now_s() - start > cfg->budget_s) {
			break;
		}
	}
	if (m->status == MAPI_E_NO_SUPPORT) {
		m->implemented = false;
	}
	m->median_s = m->reps > 0 && m->status == MAPI_E_SUCCESS ?
		      bench_median(t, m->reps) : -1;
	talloc_free(t);
}

