/*
 * The message store properties of a logon object (MS-OXCSTOR 2.2.2.1).
 */
#ifndef EMSMDB_ROP_STOREPROPS_H
#define EMSMDB_ROP_STOREPROPS_H

#include "emsmdb_logon.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/** @brief Every property of a logon, on @a mem_ctx. */
enum MAPISTATUS emsmdb_storeprops_all(TALLOC_CTX *mem_ctx,
				      struct emsmdb_rop_call *call,
				      struct emsmdb_logon *logon,
				      struct mstore_value **values,
				      uint32_t *count);

#endif /* EMSMDB_ROP_STOREPROPS_H */
