/*
 * The message store's own write rates, no server: messages saved through
 * the store library (mstore_message_save) and, as the ceiling, raw
 * ldb_add of the very record such a save writes, each in its own durable
 * transaction, with the same backend.
 */
#ifndef BENCH_LDB_H
#define BENCH_LDB_H

#include "bench_timing.h"
#include "store/store.h"

/** What bench_store_rates() measures. */
struct bench_store_params {
	const char *parent;		/**< where the scratch stores go */
	enum mstore_backend backend;
	int count;			/**< writes per repetition */
	uint32_t body_len;		/**< body of each message */
	uint64_t seed;
};

/** Scratch stores in a temporary directory, removed when freed. */
struct bench_store_scratch;

/**
 * @brief A temporary directory under p->parent with two new stores of
 * p->backend: one for saves through the store library, one written with
 * raw ldb_add of copies of the record a save of the first message wrote
 * (in a third store): its own DN and objectGUID each, every other
 * attribute as the store wrote it.  Saves go to the Inbox.
 * @return NULL (and a message on stderr) on failure
 */
struct bench_store_scratch *bench_store_scratch_new(
	TALLOC_CTX *mem_ctx, const struct bench_store_params *p);

/** @brief @a n messages saved one by one: seconds per save, -1 on
 *  failure. */
double bench_store_scratch_saves(struct bench_store_scratch *s, int n);

/** @brief @a n raw ldb_add, each its own transaction: seconds per
 *  write, -1 on failure. */
double bench_store_scratch_raw(struct bench_store_scratch *s, int n);

/**
 * @brief Store saves and raw writes in alternating repetitions of
 * p->count each (after cfg->warmup of each): medians per write.
 * @return 0, or -1 when a scratch store could not be made or written
 */
int bench_store_rates(const struct bench_cfg *cfg,
		      const struct bench_store_params *p,
		      struct bench_measure *save, struct bench_measure *raw);

#endif /* BENCH_LDB_H */
