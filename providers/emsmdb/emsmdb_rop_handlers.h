/*
 * ROP handlers, one group per file (emsmdb_rop_<area>.c), listed in the
 * dispatch table of emsmdb_rop_table.c.
 */
#ifndef EMSMDB_ROP_HANDLERS_H
#define EMSMDB_ROP_HANDLERS_H

#include "emsmdb_rop.h"

/* emsmdb_rop_misc.c: MS-OXCROPS 2.2.15 */
enum MAPISTATUS emsmdb_rop_release(struct emsmdb_rop_call *call);

/* Store (emsmdb_rop_store.c) */
enum MAPISTATUS emsmdb_rop_logon(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_get_receive_folder(struct emsmdb_rop_call *call);

/* Folders (emsmdb_rop_folder.c) */
enum MAPISTATUS emsmdb_rop_open_folder(struct emsmdb_rop_call *call);

#endif /* EMSMDB_ROP_HANDLERS_H */
