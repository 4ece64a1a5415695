/*
 * What the codec benchmarks share (see bench_cpu.h).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sched.h>
#include <stdlib.h>
#include <time.h>
#include <popt.h>

#include "bench_cpu.h"
#include "bench_timing.h"

uint32_t bench_rng_next(struct bench_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return (uint32_t)((r->s * 0x2545F4914F6CDD1DULL) >> 32);
}

/* CPU time of this thread: the work on one core, not the time other
 * processes of a busy machine take from it */
static double thread_cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Stay on the CPU we start on: one core, no migrations mid-measure */
static int pin_cpu(void)
{
	int cpu = sched_getcpu();
	cpu_set_t set;

	if (cpu < 0) {
		return -1;
	}
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set) == 0 ? cpu : -1;
}

int bench_cpu_start(struct bench_cpu *b, const char *prog, int argc,
		    const char **argv, char **json)
{
	struct poptOption options[] = {
		POPT_AUTOHELP
		{ "reps", 0, POPT_ARG_INT, &b->reps, 0,
		  "Repetitions per measurement (default 7)", "N" },
		{ "warmup", 0, POPT_ARG_INT, &b->warmup, 0,
		  "Warm-up repetitions per measurement (default 1)", "N" },
		{ "min-time", 0, POPT_ARG_DOUBLE, &b->min_time_s, 0,
		  "Least seconds per repetition (default 0.05)", "S" },
		{ "json", 0, POPT_ARG_STRING, json, 0,
		  "Write the results to this JSON file", "FILE" },
		POPT_TABLEEND
	};
	poptContext pc;
	int opt;

	b->reps = 7;
	b->warmup = 1;
	b->min_time_s = 0.05;
	b->mem = talloc_new(NULL);
	b->rng.s = b->seed;
	pc = poptGetContext(prog, argc, argv, options, 0);
	while ((opt = poptGetNextOpt(pc)) >= 0) {
	}
	if (opt < -1 || b->reps < 1 || b->warmup < 0 || b->min_time_s <= 0) {
		poptPrintUsage(pc, stderr, 0);
		poptFreeContext(pc);
		return 2;
	}
	poptFreeContext(pc);
	b->cpu = pin_cpu();
	return 0;
}

static void run_passes(bench_cpu_pass_fn pass, void *data, int op, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		pass(data, op);
	}
}

double bench_cpu_measure(struct bench_cpu *b, bench_cpu_pass_fn pass,
			 void *data, int op)
{
	double *t = talloc_array(b->mem, double, b->reps);
	double t0, once, result;
	int i, inner;

	if (t == NULL) {
		return -1;
	}
	t0 = thread_cpu_s();
	if (!pass(data, op)) {
		return -1;
	}
	once = thread_cpu_s() - t0;
	inner = once > 0 ? (int)(b->min_time_s / once) + 1 : 1000;
	for (i = 0; i < b->warmup; i++) {
		run_passes(pass, data, op, inner);
	}
	for (i = 0; i < b->reps; i++) {
		t0 = thread_cpu_s();
		run_passes(pass, data, op, inner);
		t[i] = (thread_cpu_s() - t0) / inner;
	}
	result = bench_median(t, b->reps);
	talloc_free(t);
	return result;
}

void bench_cpu_json_settings(FILE *f, const struct bench_cpu *b,
			     const char *name, const char *codec)
{
	char when[32];
	time_t t = time(NULL);
	struct tm tm;

	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
	fprintf(f, "{\n  \"benchmark\": \"%s\",\n", name);
	fprintf(f, "  \"status\": \"ok\",\n");
	fprintf(f, "  \"date\": \"%s\",\n", when);
	fprintf(f, "  \"codec\": \"%s\",\n", codec);
	fprintf(f, "  \"threads\": 1,\n  \"cpu_pinned\": %d,\n", b->cpu);
	fprintf(f, "  \"seed\": %llu,\n", (unsigned long long)b->seed);
	fprintf(f, "  \"repetitions\": %d,\n  \"warmup\": %d,\n", b->reps,
		b->warmup);
	fprintf(f, "  \"min_time_per_rep_s\": %g,\n", b->min_time_s);
	fprintf(f, "  \"statistic\": \"median\",\n");
	fprintf(f, "  \"clock\": \"CLOCK_THREAD_CPUTIME_ID\",\n");
}
