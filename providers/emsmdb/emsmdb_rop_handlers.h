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
enum MAPISTATUS emsmdb_rop_set_receive_folder(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_get_receive_folder_table(
	struct emsmdb_rop_call *call);
/* emsmdb_rop_store_ids.c */
enum MAPISTATUS emsmdb_rop_get_store_state(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_get_owning_servers(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_public_folder_is_ghosted(
	struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_long_term_id_from_id(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_id_from_long_term_id(struct emsmdb_rop_call *call);
/* emsmdb_rop_store_peruser.c */
enum MAPISTATUS emsmdb_rop_get_per_user_long_term_ids(
	struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_get_per_user_guid(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_read_per_user_information(
	struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_write_per_user_information(
	struct emsmdb_rop_call *call);
enum ndr_err_code emsmdb_rop_pull_write_per_user_information(
	struct ndr_pull *pull, struct emsmdb_rop_env *env,
	TALLOC_CTX *mem_ctx, struct RopRequest *req, const void **extra);

/* Folders (emsmdb_rop_folder.c) */
enum MAPISTATUS emsmdb_rop_open_folder(struct emsmdb_rop_call *call);

#endif /* EMSMDB_ROP_HANDLERS_H */
