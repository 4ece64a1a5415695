/*
 * EMSABP provider: the Exchange address book (NSPI, MS-OXNSPI) and the
 * address book referral interface (MS-OXABREF), served from the users and
 * groups of the Samba AD DC the module is loaded into.
 */
#ifndef EMSABP_H
#define EMSABP_H

#include "mapiproxy/mapiproxy.h"
#include <gen_ndr/exchange_nsp.h>
#include <gen_ndr/exchange_ds_rfr.h>

/** An NSPI session, owned by its context handle (MS-OXNSPI 3.1.4.1.1). */
struct emsabp_session {
	/** Account that bound (Samba also ties the handle to its SID). */
	const char *account_name;
	/** STAT.CodePage of the bind: the code page of string8 values. */
	uint32_t code_page;
	/** STAT.TemplateLocale and SortLocale of the bind. */
	uint32_t template_locale;
	uint32_t sort_locale;
};

/** Fill @a guid with this server's NSPI GUID; false if unavailable. */
bool emsabp_server_guid(struct dcesrv_call_state *dce_call,
			TALLOC_CTX *mem_ctx, struct FlatUID_r *guid);

struct emsabp_session *emsabp_session_find(struct dcesrv_call_state *dce_call,
					   const struct policy_handle *wire);

/* Directory (emsabp_directory.c) */
struct ldb_context;
struct ldb_message;
struct ldb_context *emsabp_samdb(TALLOC_CTX *mem_ctx,
				 struct dcesrv_call_state *dce_call);
struct ldb_message *emsabp_recipient_by_dn(TALLOC_CTX *mem_ctx,
					   struct ldb_context *samdb,
					   const char *legacy_dn);
struct ldb_message *emsabp_recipient_by_guid(TALLOC_CTX *mem_ctx,
					     struct ldb_context *samdb,
					     const struct GUID *guid);
bool emsabp_recipient_guid(const struct ldb_message *msg, struct GUID *guid);
bool emsabp_add_home_mdb(struct ldb_message *msg,
			 struct loadparm_context *lp_ctx);

/* Minimal Entry IDs (emsabp_mid.c) */
struct emsabp_mids;
struct emsabp_mids *emsabp_mids_open(TALLOC_CTX *mem_ctx,
				     struct loadparm_context *lp_ctx);
uint32_t emsabp_mid_for_guid(struct emsabp_mids *m, const struct GUID *guid);
bool emsabp_guid_for_mid(struct emsabp_mids *m, uint32_t mid,
			 struct GUID *guid);

/* Entries (nspi_entries.c) */
struct PropertyTagArray_r *emsabp_tag_array(TALLOC_CTX *mem_ctx,
					    uint32_t count);
enum MAPISTATUS emsabp_dn_to_mid(struct dcesrv_call_state *dce_call,
				 TALLOC_CTX *mem_ctx,
				 const struct StringsArray_r *names,
				 struct PropertyTagArray_r **out);
enum MAPISTATUS emsabp_get_props(struct dcesrv_call_state *dce_call,
				 TALLOC_CTX *mem_ctx,
				 const struct STAT *stat,
				 const struct PropertyTagArray_r *tags,
				 struct PropertyRow_r **out);
enum MAPISTATUS emsabp_query_columns(TALLOC_CTX *mem_ctx, uint32_t flags,
				     struct PropertyTagArray_r **out);
enum MAPISTATUS emsabp_get_prop_list(struct dcesrv_call_state *dce_call,
				     TALLOC_CTX *mem_ctx, uint32_t mid,
				     uint32_t code_page,
				     struct PropertyTagArray_r **out);
bool emsabp_fill_row(TALLOC_CTX *mem_ctx, const struct ldb_message *msg,
		     const struct PropertyTagArray_r *tags,
		     struct PropertyRow_r *row);

/* Tables (nspi_tables.c) */
struct gal_entry {
	const char *sort_key;		/* display name, else account */
	struct ldb_message *msg;
	uint32_t mid;
};

/** The Global Address List: every mail-enabled user, sorted. */
struct gal_table {
	uint32_t count;
	struct gal_entry *rows;
};

enum MAPISTATUS emsabp_load_gal(struct dcesrv_call_state *dce_call,
				TALLOC_CTX *mem_ctx, struct gal_table *gal);
enum MAPISTATUS emsabp_update_stat(struct dcesrv_call_state *dce_call,
				   TALLOC_CTX *mem_ctx, struct STAT *stat,
				   int32_t *delta);
enum MAPISTATUS emsabp_query_rows(struct dcesrv_call_state *dce_call,
				  TALLOC_CTX *mem_ctx, struct STAT *stat,
				  uint32_t etable_count, const uint32_t *etable,
				  uint32_t count,
				  const struct PropertyTagArray_r *tags,
				  struct PropertyRowSet_r **out);

enum MAPISTATUS emsabp_compare_mids(struct dcesrv_call_state *dce_call,
				    TALLOC_CTX *mem_ctx,
				    const struct STAT *stat, uint32_t mid1,
				    uint32_t mid2, int32_t *result);

/* Name resolution (nspi_resolve.c) */
enum MAPISTATUS emsabp_resolve_names(struct dcesrv_call_state *dce_call,
				     TALLOC_CTX *mem_ctx,
				     const struct STAT *stat,
				     const struct PropertyTagArray_r *tags,
				     uint32_t count, const char *const *names,
				     struct PropertyTagArray_r **mids_out,
				     struct PropertyRowSet_r **rows_out);

void nspi_fill_interface(struct dcesrv_interface *iface);
void rfr_fill_interface(struct dcesrv_interface *iface);

#endif /* EMSABP_H */
