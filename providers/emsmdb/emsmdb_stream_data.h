/*
 * The state a Stream object shares with its clones (emsmdb_stream.c) and
 * the conversions between its bytes and property values
 * (emsmdb_stream_value.c).  Private to those files.
 */
#ifndef EMSMDB_STREAM_DATA_H
#define EMSMDB_STREAM_DATA_H

#include "emsmdb_stream.h"
#include "store/store_lob.h"

/** A region locked by RopLockRegionStream. */
struct emsmdb_stream_lock {
	uint64_t offset;
	uint64_t size;
	uint32_t flags;
};

struct emsmdb_stream_data {
	struct emsmdb_object *owner;	/* folder, message or attachment */
	struct mstore *store;
	uint32_t tag;			/* PropertyTag as opened */
	uint32_t code_page;		/* of a PtypString8 stream */
	bool writable;
	bool direct;			/* a folder's: stored at commit */
	bool pending;			/* changed, not yet set on owner */
	uint32_t refs;			/* Stream objects sharing it */
	uint8_t *mem;			/* the bytes while small */
	size_t len;
	struct mstore_lob *lob;		/* the bytes once large */
	bool own;			/* lob is this stream's to write */
	struct emsmdb_stream_lock *locks;
	uint32_t lock_count;
};

/* emsmdb_stream.c */
uint64_t emsmdb_stream_data_size(const struct emsmdb_stream_data *d);
enum MAPISTATUS emsmdb_stream_data_read(struct emsmdb_stream_data *d,
					uint64_t offset, uint8_t *buf,
					size_t length, size_t *got);
enum MAPISTATUS emsmdb_stream_data_write(struct emsmdb_stream_data *d,
					 uint64_t offset,
					 const uint8_t *data, size_t length);

/* emsmdb_stream_value.c */
enum MAPISTATUS emsmdb_stream_data_load(struct emsmdb_stream_data *d,
					const struct mstore_value *v);
enum MAPISTATUS emsmdb_stream_data_value(TALLOC_CTX *mem_ctx,
					 struct emsmdb_stream_data *d,
					 struct mstore_value *v);
bool emsmdb_stream_data_costly(const struct emsmdb_stream_data *d);
uint32_t emsmdb_stream_stored_tag(uint32_t tag);

#endif /* EMSMDB_STREAM_DATA_H */
