/*
 * Deterministic test data for the codec tests: a seeded PRNG (xorshift64*)
 * so that every run exercises the same bytes.
 */
#ifndef TEST_RANDOM_H
#define TEST_RANDOM_H

#include <stddef.h>
#include <stdint.h>

static uint64_t rng_state;

static inline void rng_seed(uint64_t seed)
{
	rng_state = seed ? seed : 0x9E3779B97F4A7C15ULL;
}

static inline uint32_t rng_next(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 32);
}

static inline void fill_random(uint8_t *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		buf[i] = (uint8_t)rng_next();
	}
}

#endif /* TEST_RANDOM_H */
