/*
 * sambamapi message store: identifiers, XIDs, PCLs and entry IDs.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include "store/store_ids.h"

uint64_t mstore_id_make(uint16_t replid, uint64_t globcnt)
{
	uint8_t gc[6];
	uint64_t id = replid;
	int i;

	mstore_globcnt_put(gc, globcnt);
	for (i = 0; i < 6; i++) {
		id |= ((uint64_t)gc[i]) << (16 + 8 * i);
	}
	return id;
}

uint16_t mstore_id_replid(uint64_t id)
{
	return (uint16_t)(id & 0xFFFF);
}

uint64_t mstore_id_globcnt(uint64_t id)
{
	uint8_t gc[6];
	int i;

	for (i = 0; i < 6; i++) {
		gc[i] = (uint8_t)(id >> (16 + 8 * i));
	}
	return mstore_globcnt_get(gc);
}

void mstore_globcnt_put(uint8_t out[6], uint64_t globcnt)
{
	int i;

	for (i = 0; i < 6; i++) {
		out[i] = (uint8_t)(globcnt >> (8 * (5 - i)));
	}
}

uint64_t mstore_globcnt_get(const uint8_t in[6])
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 6; i++) {
		v = (v << 8) | in[i];
	}
	return v;
}

void mstore_guid_random(struct mstore_guid *guid)
{
	size_t got = 0;
	ssize_t n;

	while (got < sizeof(guid->bytes)) {
		n = getrandom(guid->bytes + got, sizeof(guid->bytes) - got, 0);
		if (n > 0) {
			got += (size_t)n;
		}
	}
	/* RFC 4122 version 4 in the wire layout: time_hi_and_version is
	 * the little-endian 16-bit field at bytes 6-7. */
	guid->bytes[7] = (guid->bytes[7] & 0x0F) | 0x40;
	guid->bytes[8] = (guid->bytes[8] & 0x3F) | 0x80;
}

bool mstore_guid_equal(const struct mstore_guid *a,
		       const struct mstore_guid *b)
{
	return memcmp(a->bytes, b->bytes, sizeof(a->bytes)) == 0;
}

char *mstore_guid_hex(TALLOC_CTX *mem_ctx, const struct mstore_guid *guid)
{
	char *s = talloc_array(mem_ctx, char, 33);
	int i;

	if (s == NULL) {
		return NULL;
	}
	for (i = 0; i < 16; i++) {
		snprintf(s + 2 * i, 3, "%02x", guid->bytes[i]);
	}
	return s;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

bool mstore_guid_from_hex(const char *hex, struct mstore_guid *guid)
{
	int i, hi, lo;

	if (hex == NULL || strlen(hex) != 32) {
		return false;
	}
	for (i = 0; i < 16; i++) {
		hi = hex_digit(hex[2 * i]);
		lo = hex_digit(hex[2 * i + 1]);
		if (hi < 0 || lo < 0) {
			return false;
		}
		guid->bytes[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

void mstore_long_term_id_put(uint8_t out[24],
			     const struct mstore_long_term_id *ltid)
{
	memcpy(out, ltid->guid.bytes, 16);
	mstore_globcnt_put(out + 16, ltid->globcnt);
	out[22] = 0;
	out[23] = 0;
}

bool mstore_long_term_id_get(const uint8_t in[24],
			     struct mstore_long_term_id *ltid)
{
	if (in[22] != 0 || in[23] != 0) {
		return false;
	}
	memcpy(ltid->guid.bytes, in, 16);
	ltid->globcnt = mstore_globcnt_get(in + 16);
	return true;
}

enum MAPISTATUS mstore_xid_make(TALLOC_CTX *mem_ctx,
				const struct mstore_guid *guid,
				uint64_t globcnt, struct mstore_bin *xid)
{
	xid->data = talloc_array(mem_ctx, uint8_t, MSTORE_XID_SIZE);
	if (xid->data == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	xid->length = MSTORE_XID_SIZE;
	memcpy(xid->data, guid->bytes, 16);
	mstore_globcnt_put(xid->data + 16, globcnt);
	return MAPI_E_SUCCESS;
}

/* LocalId values of different lengths compare as big-endian numbers. */
static int local_id_cmp(const uint8_t *a, size_t alen,
			const uint8_t *b, size_t blen)
{
	uint64_t va = 0, vb = 0;
	size_t i;

	for (i = 0; i < alen; i++) {
		va = (va << 8) | a[i];
	}
	for (i = 0; i < blen; i++) {
		vb = (vb << 8) | b[i];
	}
	return va < vb ? -1 : (va > vb ? 1 : 0);
}

static bool xid_valid(const struct mstore_bin *xid)
{
	return xid->length >= 17 && xid->length <= 24;
}

/* Walk a PCL; calls fn for each XID; false if the list is malformed. */
static bool pcl_walk(const struct mstore_bin *pcl,
		     bool (*fn)(const uint8_t *xid, size_t len, void *priv),
		     void *priv)
{
	size_t ofs = 0, len;

	while (ofs < pcl->length) {
		len = pcl->data[ofs];
		if (len < 17 || len > 24 || pcl->length - ofs - 1 < len) {
			return false;
		}
		if (!fn(pcl->data + ofs + 1, len, priv)) {
			return true;
		}
		ofs += 1 + len;
	}
	return true;
}

struct pcl_merge_state {
	TALLOC_CTX *mem_ctx;
	const struct mstore_bin *xid;
	struct mstore_bin *out;
	bool replaced;
	bool failed;
};

static bool pcl_append(struct pcl_merge_state *s, const uint8_t *xid,
		       size_t len)
{
	uint8_t *p = talloc_realloc(s->mem_ctx, s->out->data, uint8_t,
				    s->out->length + 1 + len);

	if (p == NULL) {
		s->failed = true;
		return false;
	}
	p[s->out->length] = (uint8_t)len;
	memcpy(p + s->out->length + 1, xid, len);
	s->out->data = p;
	s->out->length += 1 + len;
	return true;
}

static bool pcl_merge_one(const uint8_t *xid, size_t len, void *priv)
{
	struct pcl_merge_state *s = priv;
	const uint8_t *nx = s->xid->data;
	size_t nlen = s->xid->length;

	if (memcmp(xid, nx, 16) != 0) {
		return pcl_append(s, xid, len);
	}
	s->replaced = true;
	if (local_id_cmp(xid + 16, len - 16, nx + 16, nlen - 16) > 0) {
		return pcl_append(s, xid, len);
	}
	return pcl_append(s, nx, nlen);
}

enum MAPISTATUS mstore_pcl_merge(TALLOC_CTX *mem_ctx,
				 const struct mstore_bin *old_pcl,
				 const struct mstore_bin *xid,
				 struct mstore_bin *new_pcl)
{
	struct pcl_merge_state s = { mem_ctx, xid, new_pcl, false, false };
	struct mstore_bin empty = { 0, NULL };

	if (!xid_valid(xid)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	new_pcl->data = NULL;
	new_pcl->length = 0;
	if (old_pcl == NULL) {
		old_pcl = &empty;
	}
	if (!pcl_walk(old_pcl, pcl_merge_one, &s)) {
		talloc_free(new_pcl->data);
		return MAPI_E_CORRUPT_DATA;
	}
	if (!s.failed && !s.replaced) {
		pcl_append(&s, xid->data, xid->length);
	}
	if (s.failed) {
		talloc_free(new_pcl->data);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return MAPI_E_SUCCESS;
}

struct pcl_includes_state {
	const struct mstore_bin *xid;
	bool found;
};

static bool pcl_includes_one(const uint8_t *xid, size_t len, void *priv)
{
	struct pcl_includes_state *s = priv;
	const uint8_t *nx = s->xid->data;

	if (memcmp(xid, nx, 16) == 0 &&
	    local_id_cmp(xid + 16, len - 16, nx + 16,
			 s->xid->length - 16) >= 0) {
		s->found = true;
		return false;
	}
	return true;
}

bool mstore_pcl_includes(const struct mstore_bin *pcl,
			 const struct mstore_bin *xid)
{
	struct pcl_includes_state s = { xid, false };

	if (!xid_valid(xid)) {
		return false;
	}
	return pcl_walk(pcl, pcl_includes_one, &s) && s.found;
}

enum MAPISTATUS mstore_folder_entryid_make(TALLOC_CTX *mem_ctx,
					   const struct mstore_guid *provider,
					   uint16_t folder_type,
					   const struct mstore_guid *database,
					   uint64_t globcnt,
					   struct mstore_bin *entryid)
{
	uint8_t *p = talloc_zero_array(mem_ctx, uint8_t,
				       MSTORE_FOLDER_ENTRYID_SIZE);

	if (p == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	/* Flags (4 bytes) stay zero. */
	memcpy(p + 4, provider->bytes, 16);
	p[20] = (uint8_t)(folder_type & 0xFF);
	p[21] = (uint8_t)(folder_type >> 8);
	memcpy(p + 22, database->bytes, 16);
	mstore_globcnt_put(p + 38, globcnt);
	/* Pad (2 bytes) stays zero. */
	entryid->data = p;
	entryid->length = MSTORE_FOLDER_ENTRYID_SIZE;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_folder_entryid_parse(const struct mstore_bin *eid,
					    struct mstore_guid *provider,
					    uint16_t *folder_type,
					    struct mstore_guid *database,
					    uint64_t *globcnt)
{
	static const uint8_t zero[4];
	const uint8_t *p = eid->data;

	if (eid->length != MSTORE_FOLDER_ENTRYID_SIZE ||
	    memcmp(p, zero, 4) != 0) {
		return MAPI_E_INVALID_ENTRYID;
	}
	memcpy(provider->bytes, p + 4, 16);
	*folder_type = (uint16_t)(p[20] | (p[21] << 8));
	memcpy(database->bytes, p + 22, 16);
	*globcnt = mstore_globcnt_get(p + 38);
	return MAPI_E_SUCCESS;
}
