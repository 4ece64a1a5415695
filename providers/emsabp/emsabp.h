/*
 * EMSABP provider: the Exchange address book (NSPI, MS-OXNSPI) and the
 * address book referral interface (MS-OXABREF), served from the users and
 * groups of the Samba AD DC the module is loaded into.
 */
#ifndef EMSABP_H
#define EMSABP_H

#include "mapiproxy/mapiproxy.h"
#include "libmapi/ndr/string8.h"
#include <gen_ndr/exchange_nsp.h>
#include <gen_ndr/exchange_ds_rfr.h>

/*
 * The most property values one reply builds (rows x columns): bounds the
 * memory a single call can make the server allocate.
 */
#define EMSABP_MAX_CELLS	(1024 * 1024)

#ifndef MAX
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#endif
#ifndef MIN
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#endif

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
bool emsabp_recipient_guid(const struct ldb_message *msg, struct GUID *guid);
struct emsabp_homes;
struct emsabp_homes *emsabp_homes_load(TALLOC_CTX *mem_ctx,
				       struct ldb_context *samdb,
				       struct loadparm_context *lp_ctx);
bool emsabp_add_home_mdb(struct ldb_message *msg,
			 const struct emsabp_homes *homes);

/* Minimal Entry IDs (emsabp_mid.c) */
struct emsabp_mids;
struct emsabp_mids *emsabp_mids_open(TALLOC_CTX *mem_ctx,
				     struct loadparm_context *lp_ctx);
bool emsabp_mids_assign(struct emsabp_mids *m, uint32_t count,
			const char *const *keys, uint32_t *mids);

/* The address book snapshot (emsabp_book.c) */

/** What an address book entry is (MS-OXOABK 2.2.3.11, display types). */
enum emsabp_kind {
	EMSABP_MAILUSER,	/**< a mailbox user: DT_MAILUSER */
	EMSABP_DISTLIST,	/**< a mail-enabled group: DT_DISTLIST */
	EMSABP_CONTACT,		/**< a mail contact: DT_REMOTE_MAILUSER */
};

struct emsabp_mid_list {
	uint32_t count;
	uint32_t *mids;
};

/** One mail-enabled recipient of the directory. */
struct emsabp_entry {
	uint32_t mid;
	enum emsabp_kind kind;
	struct GUID guid;
	const char *legacy_dn;
	const char *display_name;	/**< displayName, else cn */
	struct ldb_message *msg;	/**< directory attributes (+ homeMDB) */
	struct emsabp_mid_list members;	/**< list: its mail-enabled members */
	struct emsabp_mid_list member_of; /**< the lists it belongs to */
	struct emsabp_mid_list reports;	/**< entries it is the manager of */
	uint32_t manager;		/**< MId of its manager, 0 if none */
	uint32_t owner;			/**< list: MId of its owner, 0 if none */
};

#define EMSABP_GAL 0	/* ContainerID of the Global Address List */

/** An address book container (a row of the hierarchy table). */
struct emsabp_container {
	uint32_t mid;		/**< ContainerID (EMSABP_GAL for the GAL) */
	uint32_t entry_mid;	/**< MId of the container object itself */
	const char *name;
	const char *dn;
	uint32_t depth;
	/** Which entries it holds; NULL: holds only subcontainers. */
	bool (*includes)(const struct emsabp_entry *e);
};

/** A container's rows in one sort order. */
struct emsabp_view {
	uint32_t container;
	uint32_t sort_locale;
	uint32_t count;
	struct emsabp_entry **rows;
	struct emsabp_view *next;
};

struct emsabp_name_index;

struct emsabp_book {
	uint64_t sequence;		/**< directory highestCommittedUSN */
	uint32_t count;
	struct emsabp_entry *entries;	/**< sorted by MId */
	struct emsabp_entry **by_dn;	/**< sorted by legacyExchangeDN */
	uint32_t num_containers;
	struct emsabp_container *containers;
	struct emsabp_view *views;
	bool has_server_guid;
	struct FlatUID_r server_guid;
	struct mapi_string8_map *dos;	/**< string8 carrier, see codepage */
	struct emsabp_name_index *names; /**< names for resolution */
};

NTSTATUS emsabp_cache_setup(struct dcesrv_context *dce_ctx,
			    struct dcesrv_interface *iface);
struct emsabp_book *emsabp_book_current(struct dcesrv_call_state *dce_call);
struct emsabp_entry *emsabp_book_entry(const struct emsabp_book *book,
				       uint32_t mid);
struct emsabp_entry *emsabp_book_entry_by_dn(const struct emsabp_book *book,
					     const char *legacy_dn);
const struct emsabp_container *emsabp_book_container(
	const struct emsabp_book *book, uint32_t container_id);
const struct emsabp_container *emsabp_book_container_by_mid(
	const struct emsabp_book *book, uint32_t mid);
const struct emsabp_view *emsabp_book_view(struct emsabp_book *book,
					   uint32_t container_id,
					   uint32_t sort_locale);
bool emsabp_view_position(const struct emsabp_view *view, uint32_t mid,
			  uint32_t *pos);

/* String8 code pages: libmapi/ndr/string8.h */

/* Property values of entries (emsabp_props.c) */
#define PROP_TAG(id, type) (((uint32_t)(id) << 16) | (type))
#define PROP_ID(tag) ((tag) >> 16)
#define PROP_TYPE(tag) ((tag) & 0xFFFF)

/** How a row is asked for: STAT code page and the fEphID flag. */
struct emsabp_row_opts {
	uint32_t code_page;
	bool ephemeral_ids;
	bool skip_objects;
	uint32_t container;	/**< STAT ContainerID of the table read */
};

struct PropertyTagArray_r *emsabp_tag_array(TALLOC_CTX *mem_ctx,
					    uint32_t count);
bool emsabp_prop_value(TALLOC_CTX *mem_ctx, const struct emsabp_book *book,
		       const struct emsabp_entry *e, uint32_t tag,
		       const struct emsabp_row_opts *opts,
		       struct PropertyValue_r *v);
bool emsabp_fill_row(TALLOC_CTX *mem_ctx, const struct emsabp_book *book,
		     const struct emsabp_entry *e,
		     const struct PropertyTagArray_r *tags,
		     const struct emsabp_row_opts *opts,
		     struct PropertyRow_r *row);
enum MAPISTATUS emsabp_fill_rows(TALLOC_CTX *mem_ctx,
				 const struct emsabp_book *book,
				 struct emsabp_entry *const *entries,
				 uint32_t count,
				 const struct PropertyTagArray_r *tags,
				 const struct emsabp_row_opts *opts,
				 struct PropertyRowSet_r **out);
struct PropertyTagArray_r *emsabp_entry_prop_list(TALLOC_CTX *mem_ctx,
					const struct emsabp_book *book,
					const struct emsabp_entry *e,
					const struct emsabp_row_opts *opts,
					bool unicode);
struct PropertyTagArray_r *emsabp_known_props(TALLOC_CTX *mem_ctx,
					      bool unicode);
bool emsabp_entry_id(TALLOC_CTX *mem_ctx, const struct emsabp_book *book,
		     const struct emsabp_entry *e, bool ephemeral,
		     struct Binary_r *bin);
uint32_t emsabp_mid_from_entry_id(const struct emsabp_book *book,
				  const struct Binary_r *bin);
uint32_t emsabp_display_type(const struct emsabp_entry *e);
const char *emsabp_prop_attribute(uint32_t tag);
const struct PropertyTagArray_r *emsabp_query_rows_columns(void);
uint32_t emsabp_prop_native_type(uint32_t tag);

/* Entries (nspi_entries.c) */
enum MAPISTATUS emsabp_dn_to_mid(struct dcesrv_call_state *dce_call,
				 TALLOC_CTX *mem_ctx,
				 const struct StringsArray_r *names,
				 struct PropertyTagArray_r **out);
enum MAPISTATUS emsabp_get_props(struct dcesrv_call_state *dce_call,
				 TALLOC_CTX *mem_ctx, uint32_t flags,
				 const struct STAT *stat,
				 const struct PropertyTagArray_r *tags,
				 struct PropertyRow_r **out);
enum MAPISTATUS emsabp_query_columns(TALLOC_CTX *mem_ctx, uint32_t flags,
				     struct PropertyTagArray_r **out);
enum MAPISTATUS emsabp_get_prop_list(struct dcesrv_call_state *dce_call,
				     TALLOC_CTX *mem_ctx, uint32_t flags,
				     uint32_t mid, uint32_t code_page,
				     struct PropertyTagArray_r **out);

/* Tables (nspi_tables.c) */
enum MAPISTATUS emsabp_update_stat(struct dcesrv_call_state *dce_call,
				   TALLOC_CTX *mem_ctx, struct STAT *stat,
				   int32_t *delta);
enum MAPISTATUS emsabp_query_rows(struct dcesrv_call_state *dce_call,
				  TALLOC_CTX *mem_ctx, uint32_t flags,
				  struct STAT *stat,
				  uint32_t etable_count, const uint32_t *etable,
				  uint32_t count,
				  const struct PropertyTagArray_r *tags,
				  struct PropertyRowSet_r **out);
enum MAPISTATUS emsabp_compare_mids(struct dcesrv_call_state *dce_call,
				    TALLOC_CTX *mem_ctx,
				    const struct STAT *stat, uint32_t mid1,
				    uint32_t mid2, int32_t *result);
enum MAPISTATUS emsabp_table_view(struct dcesrv_call_state *dce_call,
				  const struct STAT *stat,
				  struct emsabp_book **book,
				  const struct emsabp_view **view);
void emsabp_stat_set(const struct emsabp_view *view, uint32_t pos,
		     struct STAT *stat);

/* Explicit tables (nspi_matches.c) */
enum MAPISTATUS emsabp_get_matches(struct dcesrv_call_state *dce_call,
				   TALLOC_CTX *mem_ctx, struct STAT *stat,
				   const struct Restriction_r *filter,
				   const struct PropertyName_r *prop_name,
				   uint32_t requested,
				   const struct PropertyTagArray_r *tags,
				   struct PropertyTagArray_r **mids_out,
				   struct PropertyRowSet_r **rows_out);
enum MAPISTATUS emsabp_resort_restriction(struct dcesrv_call_state *dce_call,
					  TALLOC_CTX *mem_ctx,
					  struct STAT *stat,
					  const struct PropertyTagArray_r *in,
					  struct PropertyTagArray_r **out);
enum MAPISTATUS emsabp_seek_entries(struct dcesrv_call_state *dce_call,
				    TALLOC_CTX *mem_ctx, struct STAT *stat,
				    const struct PropertyValue_r *target,
				    const struct PropertyTagArray_r *etable,
				    const struct PropertyTagArray_r *tags,
				    struct PropertyRowSet_r **rows_out);

/* Hierarchy table (nspi_hierarchy.c) */
enum MAPISTATUS emsabp_hierarchy_table(struct dcesrv_call_state *dce_call,
				       TALLOC_CTX *mem_ctx, bool unicode,
				       const struct STAT *stat,
				       uint32_t *version,
				       struct PropertyRowSet_r **out);

/* Name index (emsabp_name_index.c) */
struct emsabp_name_index *emsabp_name_index_build(TALLOC_CTX *mem_ctx,
						  struct emsabp_book *book);
uint32_t emsabp_name_index_find(const struct emsabp_name_index *ix,
				const char *name, bool prefix,
				struct emsabp_entry **hit);
bool emsabp_name_index_select(const struct emsabp_book *book,
			      const char *name, bool *selected);

/* Name resolution (nspi_resolve.c) */
bool emsabp_anr_match(const struct emsabp_entry *e, const char *text);
enum MAPISTATUS emsabp_resolve_names(struct dcesrv_call_state *dce_call,
				     TALLOC_CTX *mem_ctx,
				     const struct STAT *stat, bool string8,
				     const struct PropertyTagArray_r *tags,
				     uint32_t count, const char *const *names,
				     struct PropertyTagArray_r **mids_out,
				     struct PropertyRowSet_r **rows_out);

void nspi_fill_interface(struct dcesrv_interface *iface);
void rfr_fill_interface(struct dcesrv_interface *iface);

/* Writes and named properties (nspi_modify.c, nspi_names.c) */
enum MAPISTATUS emsabp_mod_props(struct dcesrv_call_state *dce_call,
				 TALLOC_CTX *mem_ctx, const struct STAT *stat,
				 const struct PropertyTagArray_r *remove,
				 const struct PropertyRow_r *row);
enum MAPISTATUS emsabp_mod_link_att(struct dcesrv_call_state *dce_call,
				    TALLOC_CTX *mem_ctx, uint32_t flags,
				    uint32_t prop_tag, uint32_t mid,
				    const struct BinaryArray_r *ids);
enum MAPISTATUS emsabp_delete_entries(struct dcesrv_call_state *dce_call,
				      TALLOC_CTX *mem_ctx, uint32_t mid,
				      const struct BinaryArray_r *ids);
enum MAPISTATUS emsabp_get_ids_from_names(struct dcesrv_call_state *dce_call,
					  TALLOC_CTX *mem_ctx, uint32_t flags,
					  uint32_t count,
					  struct PropertyName_r *const *names,
					  struct PropertyTagArray_r **out);
enum MAPISTATUS emsabp_get_names_from_ids(struct dcesrv_call_state *dce_call,
					  TALLOC_CTX *mem_ctx,
					  const struct FlatUID_r *guid,
					  const struct PropertyTagArray_r *tags,
					  struct PropertyTagArray_r **tags_out,
					  struct PropertyNameSet_r **names_out);

/* Templates (nspi_templates.c) */
enum MAPISTATUS emsabp_get_template_info(TALLOC_CTX *mem_ctx, uint32_t flags,
					 uint32_t display_type, const char *dn,
					 uint32_t code_page,
					 uint32_t locale_id,
					 struct PropertyRow_r **out);
bool emsabp_creation_template(uint32_t index, const char **address_type,
			      const char **display_name, const char **dn);
/* The address creation table (nspi_creation_table.c) */
enum MAPISTATUS emsabp_address_creation_table(TALLOC_CTX *mem_ctx,
					      bool unicode,
					      struct PropertyRowSet_r **out);

#endif /* EMSABP_H */
