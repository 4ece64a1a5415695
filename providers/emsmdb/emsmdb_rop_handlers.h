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

/* Tables (emsmdb_rop_table_ops.c): MS-OXCFOLD 3.2.5.13-14, MS-OXCTABL */
enum MAPISTATUS emsmdb_rop_get_hierarchy_table(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_get_contents_table(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_set_columns(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_sort_table(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_restrict(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_query_rows(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_abort(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_get_status(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_query_position(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_seek_row(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_seek_row_bookmark(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_seek_row_fractional(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_create_bookmark(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_query_columns_all(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_find_row(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_free_bookmark(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_reset_table(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_expand_row(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_collapse_row(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_get_collapse_state(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_set_collapse_state(struct emsmdb_rop_call *call);

#endif /* EMSMDB_ROP_HANDLERS_H */
