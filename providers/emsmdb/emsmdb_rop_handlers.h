/*
 * ROP handlers, one group per file (emsmdb_rop_<area>.c), listed in the
 * dispatch table of emsmdb_rop_table.c.
 */
#ifndef EMSMDB_ROP_HANDLERS_H
#define EMSMDB_ROP_HANDLERS_H

#include "emsmdb_rop.h"

/* emsmdb_rop_misc.c: MS-OXCROPS 2.2.15 */
enum MAPISTATUS emsmdb_rop_release(struct emsmdb_rop_call *call);

/* Notifications (emsmdb_rop_notify.c): MS-OXCROPS 2.2.14 */
enum MAPISTATUS emsmdb_rop_register_notification(struct emsmdb_rop_call *call);

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
enum MAPISTATUS emsmdb_rop_create_folder(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_delete_folder(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_move_folder(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_copy_folder(struct emsmdb_rop_call *call);

/* A folder's content (emsmdb_rop_folder_messages.c) */
enum MAPISTATUS emsmdb_rop_empty_folder(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_hard_delete_messages_and_subfolders(
	struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_delete_messages(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_hard_delete_messages(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_move_copy_messages(struct emsmdb_rop_call *call);

/* Messages (emsmdb_rop_message.c) */
enum MAPISTATUS emsmdb_rop_create_message(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_open_message(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_save_changes_message(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_reload_cached_information(
	struct emsmdb_rop_call *call);

/* Recipients (emsmdb_rop_recipients.c) */
enum MAPISTATUS emsmdb_rop_remove_all_recipients(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_modify_recipients(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_read_recipients(struct emsmdb_rop_call *call);

/* Read state and status (emsmdb_rop_read_flags.c) */
enum MAPISTATUS emsmdb_rop_set_message_read_flag(struct emsmdb_rop_call *call);
enum ndr_err_code emsmdb_rop_pull_set_message_read_flag(
	struct ndr_pull *pull, struct emsmdb_rop_env *env,
	TALLOC_CTX *mem_ctx, struct RopRequest *req, const void **extra);
enum MAPISTATUS emsmdb_rop_set_read_flags(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_get_message_status(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_set_message_status(struct emsmdb_rop_call *call);

/* Attachments (emsmdb_rop_attachment.c) */
enum MAPISTATUS emsmdb_rop_open_attachment(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_create_attachment(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_delete_attachment(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_save_changes_attachment(
	struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_get_attachment_table(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_get_valid_attachments(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_open_embedded_message(struct emsmdb_rop_call *call);

/* Transport (emsmdb_rop_transport.c, emsmdb_rop_spooler.c): MS-OXOMSG */
enum MAPISTATUS emsmdb_rop_submit_message(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_abort_submit(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_transport_send(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_transport_new_mail(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_set_spooler(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_spooler_lock_message(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_get_transport_folder(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_get_address_types(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_options_data(struct emsmdb_rop_call *call);

/* Properties (emsmdb_rop_property.c, emsmdb_rop_propcopy.c) */
enum MAPISTATUS emsmdb_rop_get_properties_specific(
	struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_get_properties_all(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_get_properties_list(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_set_properties(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_set_properties_no_replicate(
	struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_delete_properties(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_delete_properties_no_replicate(
	struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_copy_to(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_copy_properties(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_progress(struct emsmdb_rop_call *call);

/* Streams (emsmdb_rop_stream.c, emsmdb_rop_stream_copy.c): MS-OXCPRPT */
enum MAPISTATUS emsmdb_rop_open_stream(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_read_stream(struct emsmdb_rop_call *call);
enum ndr_err_code emsmdb_rop_pull_read_stream(
	struct ndr_pull *pull, struct emsmdb_rop_env *env,
	TALLOC_CTX *mem_ctx, struct RopRequest *req, const void **extra);
enum MAPISTATUS emsmdb_rop_write_stream(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_write_stream_extended(
	struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_commit_stream(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_write_and_commit_stream(
	struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_get_stream_size(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_set_stream_size(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_seek_stream(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_copy_to_stream(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_clone_stream(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_lock_region_stream(struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_unlock_region_stream(
	struct emsmdb_rop_call *call);

/* Named properties (emsmdb_rop_named.c) */
enum MAPISTATUS emsmdb_rop_get_property_ids_from_names(
	struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_get_names_from_property_ids(
	struct emsmdb_rop_call *call);
enum MAPISTATUS emsmdb_rop_query_named_properties(
	struct emsmdb_rop_call *call);

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
