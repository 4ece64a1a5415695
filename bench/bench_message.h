/*
 * The messages of the benchmarks: what a mail client saves for a
 * received or sent mail, drawn from a fixed seed, as store values.  The
 * message throughput workload sends them through the server, the store
 * and raw ldb measurements write the same ones, and the contents table
 * folders are filled with them.
 */
#ifndef BENCH_MESSAGE_H
#define BENCH_MESSAGE_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include "store/store_value.h"

/** Properties of a message besides its body. */
#define BENCH_MESSAGE_PROPS 20

/** PidTagMessageDeliveryTime, the contents tables' sort key. */
#define BENCH_PidTagMessageDeliveryTime 0x0E060040

/** What varies from one message to the next. */
struct bench_message_spec {
	uint32_t body_len;	/**< bytes of plain text in PidTagBody */
	uint64_t delivery;	/**< FILETIME of delivery */
	bool read;		/**< mfRead in PidTagMessageFlags */
};

/** xorshift64*: the same sequence for a seed on every platform. */
uint64_t bench_random(uint64_t *state);

/**
 * @brief A spec drawn from @a rng: delivery within the two years before
 * 2026-01-01, three in four messages read.
 */
void bench_message_draw(uint64_t *rng, uint32_t body_len,
			struct bench_message_spec *spec);

/**
 * @brief The BENCH_MESSAGE_PROPS properties and the body of message
 * number @a n (names, subject and body words from @a rng), on @a mem_ctx.
 * @return false when out of memory
 */
bool bench_message_values(TALLOC_CTX *mem_ctx, uint64_t *rng, uint64_t n,
			  const struct bench_message_spec *spec,
			  struct mstore_value **values, uint32_t *count);

#endif /* BENCH_MESSAGE_H */
