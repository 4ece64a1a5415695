/*
 * The sub-objects of RopCopyTo (emsmdb_rop_copysub.c).
 */
#ifndef EMSMDB_ROP_COPYSUB_H
#define EMSMDB_ROP_COPYSUB_H

#include "emsmdb_rop.h"

/**
 * @brief RopCopyTo WantSubObjects (MS-OXCPRPT 2.2.11.1): the sub-objects
 * of the ROP's input object (a folder's messages and subfolders, a
 * message's recipients and attachments) to @a dst, an object of the same
 * kind, but the kinds whose sub-object property is in @a excl.
 * @param flags CopyFlags (Move, NoOverwrite)
 */
enum MAPISTATUS emsmdb_copy_subobjects(struct emsmdb_rop_call *call,
				       struct emsmdb_object *dst,
				       uint8_t flags, const uint32_t *excl,
				       uint16_t count);

#endif /* EMSMDB_ROP_COPYSUB_H */
