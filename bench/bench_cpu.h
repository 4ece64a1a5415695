/*
 * What the codec benchmarks (bench_lz77, bench_rtfcp) share: one
 * pinned core, this thread's CPU time, a fixed-seed random sequence,
 * their command line and the settings part of their JSON results.
 */
#ifndef BENCH_CPU_H
#define BENCH_CPU_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <talloc.h>

/* xorshift64*: a fixed sequence for a fixed seed */
struct bench_rng {
	uint64_t s;
};

uint32_t bench_rng_next(struct bench_rng *r);

/* One run of a codec benchmark. */
struct bench_cpu {
	TALLOC_CTX *mem;
	struct bench_rng rng;
	uint64_t seed;
	int reps, warmup;
	double min_time_s;	/* least CPU seconds of one repetition */
	int cpu;		/* the core it is pinned to, -1: none */
};

/* One pass of operation @a op over the data set @a data; false on an
 * error. */
typedef bool (*bench_cpu_pass_fn)(void *data, int op);

/* Keep the compiler from dropping work whose result is never read */
static inline void bench_cpu_clobber(const void *p)
{
	__asm__ __volatile__("" : : "r"(p) : "memory");
}

/* Read the command line of @a prog (--reps, --warmup, --min-time,
 * --json, into *@a json), then set up @a b with the seed it holds and
 * pin it to the current core.  0, or 2 after printing the usage. */
int bench_cpu_start(struct bench_cpu *b, const char *prog, int argc,
		    const char **argv, char **json);

/* Median seconds per pass of @a op, after warm-up; passes are grouped
 * so that one timed repetition lasts at least b->min_time_s; -1 when
 * the first pass fails. */
double bench_cpu_measure(struct bench_cpu *b, bench_cpu_pass_fn pass,
			 void *data, int op);

/* The opening of a results file up to its "clock" entry: benchmark
 * @a name, status, date, @a codec, and how @a b measured. */
void bench_cpu_json_settings(FILE *f, const struct bench_cpu *b,
			     const char *name, const char *codec);

#endif /* BENCH_CPU_H */
