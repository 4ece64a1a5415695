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
	const char *parent;		/**< directory for the scratch stores */
	enum mstore_backend backend;
	int count;			/**< writes per repetition */
	uint32_t body_len;		/**< body of each message */
	uint64_t seed;
};

/**
 * @brief In a new store (a temporary directory under p->parent, removed
 * at the end), messages of bench_message.h saved one by one into the
 * Inbox; then, in a second new store of the same backend, ldb_add of
 * copies of one saved message's record (its own DN and objectGUID each,
 * every other attribute as the store wrote it), each ldb_add its own
 * transaction.  @a save and @a raw are per write, medians of the
 * repetitions of @a cfg (p->count writes each).
 * @return 0, or -1 when the stores could not be made
 */
int bench_store_rates(const struct bench_cfg *cfg,
		      const struct bench_store_params *p,
		      struct bench_measure *save, struct bench_measure *raw);

#endif /* BENCH_LDB_H */
