/*
 * Auxiliary buffers of EcDoConnectEx and EcDoRpcExt2 (MS-OXCRPC 2.2.2.2,
 * 3.1.4.1.1.1): an extended buffer (RPC_HEADER_EXT) whose payload is a
 * sequence of AUX_HEADER + block.
 */
#ifndef EMSMDB_AUX_H
#define EMSMDB_AUX_H

#include <stdint.h>
#include <talloc.h>
#include <gen_ndr/mapi_types.h>

/** Size of AUX_HEADER (MS-OXCRPC 2.2.2.2): Size, Version, Type. */
#define AUX_HEADER_SIZE 4
/** AUX_HEADER Version values (MS-OXCRPC 2.2.2.2). */
#define AUX_VERSION_1 0x01
#define AUX_VERSION_2 0x02
/** AUX_HEADER Type of AUX_SERVER_CAPABILITIES (MS-OXCRPC 2.2.2.2.19). */
#define AUX_TYPE_SERVER_CAPABILITIES 0x46
/** Largest rgbAuxIn / rgbAuxOut (MS-OXCRPC 3.1.4.1: 0x1008). */
#define EMSMDB_AUX_MAX 0x1008

/**
 * @brief Check an auxiliary input buffer: its RPC_HEADER_EXT framing
 * (compression and obfuscation undone) and that its AUX_HEADERs tile the
 * payload exactly with known versions.  Unknown block types are skipped
 * (the server ignores what it does not use).
 *
 * @return MAPI_E_SUCCESS (also for an empty buffer), or ecRpcFormat
 */
enum MAPISTATUS emsmdb_aux_validate(TALLOC_CTX *mem_ctx, const uint8_t *buf,
				    uint32_t len);

/**
 * @brief The rgbAuxOut of EcDoConnectEx: AUX_SERVER_CAPABILITIES in one
 * uncompressed extended buffer, or nothing when it does not fit in
 * @a max (the client's pcbAuxOut).
 *
 * @param[out] out	allocated on @a mem_ctx (NULL when empty)
 * @param[out] out_len	bytes in @a out
 */
enum MAPISTATUS emsmdb_aux_connect_out(TALLOC_CTX *mem_ctx, uint32_t max,
				       uint8_t **out, uint32_t *out_len);

#endif /* EMSMDB_AUX_H */
