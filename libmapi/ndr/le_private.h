/*
 * Little-endian reading and writing of the blobs of libmapi/ndr
 * (recurrence patterns, time zone definitions, object ids, entry ids):
 * a reader that remembers running past the end, a writer that grows on
 * talloc and remembers running out of memory, so that callers check once.
 */
#ifndef MAPI_NDR_LE_PRIVATE_H
#define MAPI_NDR_LE_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

struct le_reader {
	const uint8_t *data;
	size_t size;
	size_t off;
	bool bad;		/* read past the end */
};

struct le_writer {
	TALLOC_CTX *mem_ctx;
	uint8_t *data;
	size_t len;
	bool oom;		/* out of memory */
};

void le_reader_init(struct le_reader *r, const uint8_t *data, size_t size);
uint8_t le_get8(struct le_reader *r);
uint16_t le_get16(struct le_reader *r);
uint32_t le_get32(struct le_reader *r);
uint64_t le_get64(struct le_reader *r);
/* the next @n bytes (NULL, and bad, when there are fewer) */
const uint8_t *le_get_bytes(struct le_reader *r, size_t n);
/* a copy of the next @n bytes on @mem_ctx, NUL-terminated */
uint8_t *le_dup_bytes(TALLOC_CTX *mem_ctx, struct le_reader *r, size_t n);
size_t le_left(const struct le_reader *r);
/* a 16-bit count of UTF-16 characters, then them, as UTF-8 on @mem_ctx
 * (NULL, and bad, when they run past the end or do not convert) */
char *le_get_utf16_counted(TALLOC_CTX *mem_ctx, struct le_reader *r);

void le_writer_init(struct le_writer *w, TALLOC_CTX *mem_ctx);
void le_put8(struct le_writer *w, uint8_t v);
void le_put16(struct le_writer *w, uint16_t v);
void le_put32(struct le_writer *w, uint32_t v);
void le_put64(struct le_writer *w, uint64_t v);
void le_put_bytes(struct le_writer *w, const void *p, size_t n);

#endif /* MAPI_NDR_LE_PRIVATE_H */
