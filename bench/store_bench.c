/*
 * store_bench: message saves per second with each ldb backend of the
 * message store (tdb and LMDB), and raw ldb_add of the same record with
 * that backend as the ceiling, in temporary directories.
 *
 *   store_bench [--reps N] [--dir DIR] [MESSAGES]
 *
 * The messages are the message throughput workload's (bench_message.h:
 * 20 properties and a 4 KB body), each saved in its own transaction;
 * figures are medians of the repetitions, MESSAGES writes each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <popt.h>

#include "bench_ldb.h"

struct backend_rates {
	double save_per_s;
	double raw_per_s;
};

static double per_s(const struct bench_measure *m)
{
	return m->median_s > 0 ? 1 / m->median_s : -1;
}

static int run(const struct bench_cfg *cfg, struct bench_store_params *p,
	       enum mstore_backend backend, const char *name,
	       struct backend_rates *out)
{
	struct bench_measure save = { .key = "store_save" };
	struct bench_measure raw = { .key = "raw_ldb_write" };

	p->backend = backend;
	if (bench_store_rates(cfg, p, &save, &raw) != 0 ||
	    save.median_s < 0 || raw.median_s < 0) {
		fprintf(stderr, "%s: failed (0x%08x, 0x%08x)\n", name,
			(unsigned int)save.status, (unsigned int)raw.status);
		return 1;
	}
	out->save_per_s = per_s(&save);
	out->raw_per_s = per_s(&raw);
	printf("%-5s store saves %8.0f /s   raw ldb_add %8.0f /s   "
	       "store/raw %.2f  (%d x %d writes)\n", name, out->save_per_s,
	       out->raw_per_s, out->save_per_s / out->raw_per_s, save.reps,
	       p->count);
	return 0;
}

int main(int argc, const char **argv)
{
	struct bench_cfg cfg = { .reps = 3, .warmup = 1, .budget_s = 60 };
	struct bench_store_params p = { .parent = "/tmp", .count = 1000,
					.body_len = 4096,
					.seed = 20261125 };
	struct backend_rates tdb = { 0 }, lmdb = { 0 };
	char *dir = NULL;
	const char *arg;
	int opt, rc = 2;
	poptContext pc;
	struct poptOption options[] = {
		POPT_AUTOHELP
		BENCH_POPT_TIMING(&cfg),
		{ "dir", 0, POPT_ARG_STRING, &dir, 0,
		  "Directory for the scratch stores (default /tmp)", "DIR" },
		POPT_TABLEEND
	};

	cfg.mem = talloc_new(NULL);
	pc = poptGetContext("store_bench", argc, argv, options, 0);
	poptSetOtherOptionHelp(pc, "[OPTIONS] [MESSAGES]");
	while ((opt = poptGetNextOpt(pc)) >= 0) {
	}
	arg = poptGetArg(pc);
	if (arg != NULL) {
		p.count = atoi(arg);
	}
	if (opt < -1 || p.count < 1 || cfg.reps < 1 || cfg.warmup < 0) {
		poptPrintUsage(pc, stderr, 0);
		goto out;
	}
	if (dir != NULL) {
		p.parent = dir;
	}
	rc = run(&cfg, &p, MSTORE_BACKEND_TDB, "tdb", &tdb);
	rc |= run(&cfg, &p, MSTORE_BACKEND_LMDB, "lmdb", &lmdb);
	if (rc == 0) {
		printf("faster: %s\n", tdb.save_per_s >= lmdb.save_per_s ?
		       "tdb" : "lmdb");
	}
out:
	poptFreeContext(pc);
	talloc_free(cfg.mem);
	free(dir);
	return rc;
}
