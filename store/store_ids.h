/*
 * sambamapi message store: identifiers (MS-OXCDATA 2.2.1), XIDs and
 * predecessor change lists (MS-OXCFXICS 2.2.2), folder entry IDs
 * (MS-OXCDATA 2.2.4.1).  Pure functions, no database.
 */
#ifndef SMAPI_STORE_IDS_H
#define SMAPI_STORE_IDS_H

#include "store/store_value.h"

/** The replica id every store maps to its own replica GUID. */
#define MSTORE_LOCAL_REPLID 0x0001
/** Largest GLOBCNT: 48 bits (MS-OXCDATA 2.2.1.1). */
#define MSTORE_GLOBCNT_MAX 0xFFFFFFFFFFFFULL
/** Size of an XID of a 6-byte GLOBCNT (MS-OXCFXICS 2.2.2.2). */
#define MSTORE_XID_SIZE 22
/** Size of a folder entry ID (MS-OXCDATA 2.2.4.1). */
#define MSTORE_FOLDER_ENTRYID_SIZE 46
/** Folder entry ID type: private mailbox folder (eitLTPrivateFolder). */
#define MSTORE_EIT_PRIVATE_FOLDER 0x0001
/** Folder entry ID type: public folder (eitLTPublicFolder). */
#define MSTORE_EIT_PUBLIC_FOLDER 0x0003

/** A LongTermId (MS-OXCDATA 2.2.1.3.1). */
struct mstore_long_term_id {
	struct mstore_guid guid;
	uint64_t globcnt;
};

/**
 * @brief Build a FID/MID/CN from a replica id and a GLOBCNT.
 *
 * The 64-bit value is the 8 wire bytes read little-endian: the 16-bit
 * replica id first, then the 6-byte GLOBCNT in big-endian byte order
 * (MS-OXCDATA 2.2.1.1 and 2.2.1.2).
 */
uint64_t mstore_id_make(uint16_t replid, uint64_t globcnt);

/** @brief The replica id part of an id. */
uint16_t mstore_id_replid(uint64_t id);

/** @brief The GLOBCNT part of an id. */
uint64_t mstore_id_globcnt(uint64_t id);

/** @brief Write a GLOBCNT as its 6 big-endian bytes. */
void mstore_globcnt_put(uint8_t out[6], uint64_t globcnt);

/** @brief Read a GLOBCNT from its 6 big-endian bytes. */
uint64_t mstore_globcnt_get(const uint8_t in[6]);

/** @brief Fill a GUID with random (version 4) bytes. */
void mstore_guid_random(struct mstore_guid *guid);

/** @brief True if both GUIDs are equal. */
bool mstore_guid_equal(const struct mstore_guid *a,
		       const struct mstore_guid *b);

/** @brief 32 lower-case hex digits of the wire bytes. */
char *mstore_guid_hex(TALLOC_CTX *mem_ctx, const struct mstore_guid *guid);

/** @brief Parse mstore_guid_hex() output. */
bool mstore_guid_from_hex(const char *hex, struct mstore_guid *guid);

/**
 * @brief Serialise a LongTermId: GUID, 6-byte GLOBCNT, 2 zero bytes
 * (24 bytes, MS-OXCDATA 2.2.1.3.1).
 */
void mstore_long_term_id_put(uint8_t out[24],
			     const struct mstore_long_term_id *ltid);

/** @brief Parse a 24-byte LongTermId; false if the pad is not zero. */
bool mstore_long_term_id_get(const uint8_t in[24],
			     struct mstore_long_term_id *ltid);

/**
 * @brief An XID of a GUID and a 6-byte GLOBCNT (MS-OXCFXICS 2.2.2.2),
 * as used by PidTagChangeKey and PidTagSourceKey.
 */
enum MAPISTATUS mstore_xid_make(TALLOC_CTX *mem_ctx,
				const struct mstore_guid *guid,
				uint64_t globcnt, struct mstore_bin *xid);

/**
 * @brief Merge an XID into a predecessor change list (MS-OXCFXICS
 * 2.2.2.4): a PCL holds at most one XID per namespace GUID, the one with
 * the greatest LocalId; entries are SizedXid (one size byte, then the
 * XID).  A malformed old list is refused.
 *
 * @param old_pcl	current list (may be empty)
 * @param xid		XID to merge (at least 17 bytes)
 * @param new_pcl	the result, hung off mem_ctx
 */
enum MAPISTATUS mstore_pcl_merge(TALLOC_CTX *mem_ctx,
				 const struct mstore_bin *old_pcl,
				 const struct mstore_bin *xid,
				 struct mstore_bin *new_pcl);

/**
 * @brief True if the PCL includes the change (same namespace GUID with a
 * LocalId greater than or equal, MS-OXCFXICS 3.1.5.6.2).
 */
bool mstore_pcl_includes(const struct mstore_bin *pcl,
			 const struct mstore_bin *xid);

/**
 * @brief Build a folder entry ID (MS-OXCDATA 2.2.4.1): 4 zero flag bytes,
 * the provider UID (the mailbox GUID for a private store), the folder
 * type, the database GUID (of the FID's replica), the 6-byte GLOBCNT and
 * 2 zero pad bytes.
 */
enum MAPISTATUS mstore_folder_entryid_make(TALLOC_CTX *mem_ctx,
					   const struct mstore_guid *provider,
					   uint16_t folder_type,
					   const struct mstore_guid *database,
					   uint64_t globcnt,
					   struct mstore_bin *entryid);

/**
 * @brief Parse a folder entry ID back into its parts.
 * @return MAPI_E_SUCCESS or MAPI_E_INVALID_ENTRYID
 */
enum MAPISTATUS mstore_folder_entryid_parse(const struct mstore_bin *eid,
					    struct mstore_guid *provider,
					    uint16_t *folder_type,
					    struct mstore_guid *database,
					    uint64_t *globcnt);

#endif
