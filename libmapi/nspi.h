/**
 * @file nspi.h
 * @brief libmapi: address book client (MS-OXNSPI) and referral client
 * (MS-OXABREF).
 *
 * A struct mapi_nspi is one NSPI session: a sealed connection to the
 * server's NSPI endpoint and the context handle NspiBind returned.  Every
 * NSPI operation has one typed wrapper over the generated marshalling;
 * each returns the server's MAPI status, or a MAPI error standing for a
 * transport failure (see mapi_status_from_ntstatus()), in which case the
 * NTSTATUS stays available through mapi_nspi_last_ntstatus().
 *
 * Output parameters are allocated on the caller's @c mem_ctx.  A NULL
 * @c stat argument means "the session's default STAT": the GAL
 * (ContainerID 0), from the beginning of the table, with the code page and
 * locale given to mapi_nspi_connect().
 */
#ifndef MAPI_NSPI_H
#define MAPI_NSPI_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include <core/ntstatus.h>

#include "mapi_rpc.h"
#include "gen_ndr/exchange_nsp.h"
#include "error.h"

/** @brief PidTagDisplayName, 8-bit string (MS-OXPROPS). */
#define MAPI_NSPI_TAG_DISPLAY_NAME	0x3001001E
/** @brief PidTagDisplayName, Unicode string. */
#define MAPI_NSPI_TAG_DISPLAY_NAME_W	0x3001001F
/** @brief PidTagSmtpAddress, 8-bit string. */
#define MAPI_NSPI_TAG_SMTP_ADDRESS	0x39FE001E
/** @brief PidTagAccount, 8-bit string. */
#define MAPI_NSPI_TAG_ACCOUNT		0x3A00001E
/** @brief PidTagEmailAddress (the legacyExchangeDN), 8-bit string. */
#define MAPI_NSPI_TAG_EMAIL_ADDRESS	0x3003001E
/** @brief PidTagAnr, 8-bit string: ambiguous name resolution restriction. */
#define MAPI_NSPI_TAG_ANR		0x360C001E
/** @brief PidTagAnr, Unicode string. */
#define MAPI_NSPI_TAG_ANR_W		0x360C001F

struct mapi_string8_map;

/** @brief One NSPI session (talloc object; freeing it unbinds). */
struct mapi_nspi {
	struct dcerpc_pipe *pipe;	/**< connection to the NSPI endpoint */
	struct policy_handle handle;	/**< NSPI_HANDLE from NspiBind */
	struct FlatUID_r server_guid;	/**< server GUID from NspiBind */
	uint32_t code_page;		/**< STAT.CodePage of the session */
	uint32_t locale;		/**< template and sort locale */
	bool bound;			/**< handle valid (not unbound) */
	NTSTATUS last_ntstatus;	/**< last call's transport status */
	/** string8 carrier (libmapi/ndr/string8.h): string8 values are
	 *  UTF-8 for the caller, the STAT's code page on the wire */
	struct mapi_string8_map *string8;
};

/** @brief Referral (MS-OXABREF) connection (talloc object). */
struct mapi_rfr {
	struct dcerpc_pipe *pipe;	/**< connection to the RFR endpoint */
	NTSTATUS last_ntstatus;	/**< last call's transport status */
};

/** @brief How one name of mapi_nspi_resolve() resolved. */
enum mapi_nspi_resolution {
	MAPI_NSPI_UNRESOLVED = 0,	/**< no match (MID_UNRESOLVED) */
	MAPI_NSPI_AMBIGUOUS = 1,	/**< several matches (MID_AMBIGUOUS) */
	MAPI_NSPI_RESOLVED = 2		/**< exactly one match */
};

/** @brief One name's answer from mapi_nspi_resolve(). */
struct mapi_nspi_resolved {
	const char *name;		/**< the name asked for */
	enum mapi_nspi_resolution state; /**< how it resolved */
	uint32_t mid;			/**< its Minimal Entry ID */
	struct PropertyRow_r *row;	/**< its row if resolved, else NULL */
};

/**
 * @brief Connect to the server's NSPI endpoint and bind a session.
 *
 * @param mem_ctx	owner of the session
 * @param rpc		client state from mapi_rpc_context_init()
 * @param params	server and credentials
 * @param code_page	STAT.CodePage for the session, e.g. 1252
 *			(CP_WINUNICODE is refused by NspiBind)
 * @param locale	template and sort locale, e.g. 0x409
 * @param[out] nt_status transport status of the connection (may be NULL)
 * @param[out] out	the session; NULL on failure
 * @return MAPI_E_SUCCESS, NspiBind's error, or a transport error mapped by
 *	   mapi_status_from_ntstatus()
 */
enum MAPISTATUS mapi_nspi_connect_ex(TALLOC_CTX *mem_ctx,
				     struct mapi_rpc_context *rpc,
				     const struct mapi_rpc_params *params,
				     uint32_t code_page, uint32_t locale,
				     NTSTATUS *nt_status,
				     struct mapi_nspi **out);

/** @brief mapi_nspi_connect_ex() without the transport status. */
enum MAPISTATUS mapi_nspi_connect(TALLOC_CTX *mem_ctx,
				  struct mapi_rpc_context *rpc,
				  const struct mapi_rpc_params *params,
				  uint32_t code_page, uint32_t locale,
				  struct mapi_nspi **out);

/**
 * @brief End the session (NspiUnbind, MS-OXNSPI 3.1.4.1.2).
 *
 * Freeing the session does this too.  Unbinding twice is harmless.
 * @return MAPI_E_SUCCESS when the server answered MAPI_E_UNBIND_SUCCESS.
 */
enum MAPISTATUS mapi_nspi_unbind(struct mapi_nspi *nspi);

/** @brief Transport status of the session's last call. */
NTSTATUS mapi_nspi_last_ntstatus(const struct mapi_nspi *nspi);

/** @brief Fill @a stat with the session's default STAT (GAL, start). */
void mapi_nspi_stat_init(const struct mapi_nspi *nspi, struct STAT *stat);

/** @name NSPI operations (MS-OXNSPI 3.1.4.1), one wrapper each.
 *  Reserved parameters are sent as the specification requires (zero or
 *  NULL).  @{ */

/** @brief NspiUpdateStat (3.1.4.1.4): move @a stat by stat->Delta. */
enum MAPISTATUS mapi_nspi_update_stat(struct mapi_nspi *nspi,
				      struct STAT *stat, int32_t *delta);

/** @brief NspiQueryRows (3.1.4.1.8): up to @a count rows from @a stat's
 *  position, or the rows of the explicit table @a etable. */
enum MAPISTATUS mapi_nspi_query_rows(struct mapi_nspi *nspi,
				     TALLOC_CTX *mem_ctx, uint32_t flags,
				     struct STAT *stat,
				     uint32_t etable_count,
				     const uint32_t *etable, uint32_t count,
				     const struct PropertyTagArray_r *tags,
				     struct PropertyRowSet_r **rows);

/** @brief NspiSeekEntries (3.1.4.1.9): position at the first row whose
 *  sort key is >= @a target. */
enum MAPISTATUS mapi_nspi_seek_entries(struct mapi_nspi *nspi,
				       TALLOC_CTX *mem_ctx, struct STAT *stat,
				       const struct PropertyValue_r *target,
				       const struct PropertyTagArray_r *etable,
				       const struct PropertyTagArray_r *tags,
				       struct PropertyRowSet_r **rows);

/** @brief NspiGetMatches (3.1.4.1.10): MIds (and rows) of the entries
 *  matching @a filter, at most @a requested. */
enum MAPISTATUS mapi_nspi_get_matches(struct mapi_nspi *nspi,
				      TALLOC_CTX *mem_ctx, struct STAT *stat,
				      const struct Restriction_r *filter,
				      const struct PropertyName_r *prop_name,
				      uint32_t requested,
				      const struct PropertyTagArray_r *tags,
				      struct PropertyTagArray_r **mids,
				      struct PropertyRowSet_r **rows);

/** @brief NspiResortRestriction (3.1.4.1.11): sort @a in_mids as the
 *  STAT's sort order says. */
enum MAPISTATUS mapi_nspi_resort_restriction(
	struct mapi_nspi *nspi,
	TALLOC_CTX *mem_ctx,
	struct STAT *stat,
	const struct PropertyTagArray_r *in_mids,
	struct PropertyTagArray_r **out_mids);

/** @brief NspiDNToMId (3.1.4.1.13): MIds of legacyExchangeDNs (0 for
 *  unknown DNs). */
enum MAPISTATUS mapi_nspi_dn_to_mid(struct mapi_nspi *nspi,
				    TALLOC_CTX *mem_ctx,
				    const char *const *dns, uint32_t count,
				    struct PropertyTagArray_r **mids);

/** @brief NspiGetPropList (3.1.4.1.6): tags of the properties of @a mid. */
enum MAPISTATUS mapi_nspi_get_prop_list(struct mapi_nspi *nspi,
					TALLOC_CTX *mem_ctx, uint32_t flags,
					uint32_t mid, uint32_t code_page,
					struct PropertyTagArray_r **tags);

/** @brief NspiGetProps (3.1.4.1.7): properties @a tags of the entry
 *  stat->CurrentRec (NULL @a tags: the server's default set). */
enum MAPISTATUS mapi_nspi_get_props(struct mapi_nspi *nspi,
				    TALLOC_CTX *mem_ctx, uint32_t flags,
				    const struct STAT *stat,
				    const struct PropertyTagArray_r *tags,
				    struct PropertyRow_r **row);

/** @brief NspiCompareMIds (3.1.4.1.12): <0, 0, >0 as @a mid1 sorts
 *  before, with, after @a mid2. */
enum MAPISTATUS mapi_nspi_compare_mids(struct mapi_nspi *nspi,
				       const struct STAT *stat,
				       uint32_t mid1, uint32_t mid2,
				       int32_t *result);

/** @brief NspiModProps (3.1.4.1.14): change properties of
 *  stat->CurrentRec. */
enum MAPISTATUS mapi_nspi_mod_props(struct mapi_nspi *nspi,
				    const struct STAT *stat,
				    const struct PropertyTagArray_r *tags,
				    const struct PropertyRow_r *row);

/** @brief NspiGetSpecialTable (3.1.4.1.3): the address book hierarchy or
 *  the address creation templates; @a version is in/out. */
enum MAPISTATUS mapi_nspi_get_special_table(struct mapi_nspi *nspi,
					    TALLOC_CTX *mem_ctx,
					    uint32_t flags,
					    const struct STAT *stat,
					    uint32_t *version,
					    struct PropertyRowSet_r **rows);

/** @brief NspiGetTemplateInfo (3.1.4.1.18). */
enum MAPISTATUS mapi_nspi_get_template_info(struct mapi_nspi *nspi,
					    TALLOC_CTX *mem_ctx,
					    uint32_t flags, uint32_t type,
					    const char *dn, uint32_t code_page,
					    uint32_t locale,
					    struct PropertyRow_r **data);

/** @brief NspiModLinkAtt (3.1.4.1.15): add (or with fDelete remove)
 *  entry IDs to the link attribute @a prop_tag of @a mid. */
enum MAPISTATUS mapi_nspi_mod_link_att(struct mapi_nspi *nspi,
				       uint32_t flags, uint32_t prop_tag,
				       uint32_t mid,
				       const struct BinaryArray_r *entry_ids);

/** @brief NspiDeleteEntries (opnum 15). */
enum MAPISTATUS mapi_nspi_delete_entries(struct mapi_nspi *nspi,
					 uint32_t mid,
					 const struct BinaryArray_r *entry_ids);

/** @brief NspiQueryColumns (3.1.4.1.5): every column the server knows;
 *  @a flags NspiUnicodeProptypes for Unicode string types. */
enum MAPISTATUS mapi_nspi_query_columns(struct mapi_nspi *nspi,
					TALLOC_CTX *mem_ctx, uint32_t flags,
					struct PropertyTagArray_r **columns);

/** @brief NspiGetNamesFromIDs (opnum 17): names of named property IDs. */
enum MAPISTATUS mapi_nspi_get_names_from_ids(
	struct mapi_nspi *nspi,
	TALLOC_CTX *mem_ctx,
	const struct FlatUID_r *guid,
	const struct PropertyTagArray_r *tags,
	struct PropertyTagArray_r **returned_tags,
	struct PropertyNameSet_r **names);

/** @brief NspiGetIDsFromNames (opnum 18): IDs of named properties
 *  (@a flags NspiVerifyNames: do not create). */
enum MAPISTATUS mapi_nspi_get_ids_from_names(
	struct mapi_nspi *nspi,
	TALLOC_CTX *mem_ctx,
	uint32_t flags,
	uint32_t count,
	struct PropertyName_r *const *names,
	struct PropertyTagArray_r **tags);

/** @brief NspiResolveNames (3.1.4.1.16): ambiguous name resolution of
 *  8-bit strings. */
enum MAPISTATUS mapi_nspi_resolve_names(struct mapi_nspi *nspi,
					TALLOC_CTX *mem_ctx,
					const struct STAT *stat,
					const struct PropertyTagArray_r *tags,
					const char *const *names,
					uint32_t count,
					struct PropertyTagArray_r **mids,
					struct PropertyRowSet_r **rows);

/** @brief NspiResolveNamesW (3.1.4.1.17): the same for Unicode strings
 *  (UTF-8 in C). */
enum MAPISTATUS mapi_nspi_resolve_namesw(struct mapi_nspi *nspi,
					 TALLOC_CTX *mem_ctx,
					 const struct STAT *stat,
					 const struct PropertyTagArray_r *tags,
					 const char *const *names,
					 uint32_t count,
					 struct PropertyTagArray_r **mids,
					 struct PropertyRowSet_r **rows);
/** @} */

/** @name Convenience calls
 *  @{ */

/**
 * @brief The whole GAL, read with NspiQueryRows pages of @a page_size
 * rows (0: 100) from the beginning of the table.
 *
 * @param nspi		the NSPI session
 * @param mem_ctx	owner of @a rows
 * @param tags		the columns
 * @param page_size	rows per NspiQueryRows
 * @param[out] rows every row, in the server's sort order, one talloc tree
 */
enum MAPISTATUS mapi_nspi_gal_list(struct mapi_nspi *nspi,
				   TALLOC_CTX *mem_ctx,
				   const struct PropertyTagArray_r *tags,
				   uint32_t page_size,
				   struct PropertyRowSet_r **rows);

/**
 * @brief Resolve names (NspiResolveNamesW) and pair each name with its
 * answer.
 *
 * @param nspi		the NSPI session
 * @param mem_ctx	owner of @a out
 * @param names		the names (UTF-8)
 * @param count		their number
 * @param tags		the columns of the resolved rows (may be NULL)
 * @param[out] out	array of @a count entries, in the order of @a names
 */
enum MAPISTATUS mapi_nspi_resolve(struct mapi_nspi *nspi, TALLOC_CTX *mem_ctx,
				  const char *const *names, uint32_t count,
				  const struct PropertyTagArray_r *tags,
				  struct mapi_nspi_resolved **out);

/**
 * @brief Build a PropertyTagArray_r of @a count tags (the array has the
 * extra element its wire form's conformance needs).
 */
struct PropertyTagArray_r *mapi_nspi_tags(TALLOC_CTX *mem_ctx,
					  uint32_t count,
					  const uint32_t *tags);

/** @brief A property value of a string tag (PT_STRING8 or PT_UNICODE). */
struct PropertyValue_r *mapi_nspi_value_string(TALLOC_CTX *mem_ctx,
					       uint32_t tag, const char *s);

/** @brief A property value of a PT_LONG tag. */
struct PropertyValue_r *mapi_nspi_value_long(TALLOC_CTX *mem_ctx,
					     uint32_t tag, int32_t l);

/** @brief Content restriction (MS-OXNSPI 2.2.5.4) on @a value's tag.
 *  @a fuzzy_level: FL_* of MS-OXCDATA 2.12.4, e.g. 0x00010001
 *  (prefix, ignore case).  @a value is copied (a string value deeply,
 *  binaries and arrays by reference). */
struct Restriction_r *mapi_nspi_restriction_content(
	TALLOC_CTX *mem_ctx,
	uint32_t fuzzy_level,
	const struct PropertyValue_r *value);

/** @brief Property restriction (2.2.5.6): @a relop (RELOP_* of
 *  MS-OXCDATA 2.12.5, 4 = equal) on @a value's tag. */
struct Restriction_r *mapi_nspi_restriction_property(
	TALLOC_CTX *mem_ctx,
	uint32_t relop,
	const struct PropertyValue_r *value);

/** @brief Exist restriction (2.2.5.10): the entry has @a tag. */
struct Restriction_r *mapi_nspi_restriction_exist(TALLOC_CTX *mem_ctx,
						  uint32_t tag);

/** @brief And (2.2.5.1) of @a count restrictions, which it takes over. */
struct Restriction_r *mapi_nspi_restriction_and(TALLOC_CTX *mem_ctx,
						uint32_t count,
						struct Restriction_r **res);

/** @brief Or (2.2.5.2) of @a count restrictions, which it takes over. */
struct Restriction_r *mapi_nspi_restriction_or(TALLOC_CTX *mem_ctx,
					       uint32_t count,
					       struct Restriction_r **res);

/** @brief Not (2.2.5.3) of @a res, which it takes over. */
struct Restriction_r *mapi_nspi_restriction_not(TALLOC_CTX *mem_ctx,
						struct Restriction_r *res);

/** @brief The value of @a tag in @a row, or NULL. */
const struct PropertyValue_r *mapi_nspi_row_find(
	const struct PropertyRow_r *row,
	uint32_t tag);

/** @brief The string value of property @a prop_id (the tag's upper 16
 *  bits) in @a row, whether 8-bit or Unicode; NULL if absent. */
const char *mapi_nspi_row_string(const struct PropertyRow_r *row,
				 uint16_t prop_id);

/**
 * @brief A property value as text: numbers in decimal, booleans as
 * true/false, strings as they are, binaries and GUIDs in hex, times in
 * UTC, errors by name, multi-valued ones as "[a, b]".
 */
char *mapi_nspi_value_to_string(TALLOC_CTX *mem_ctx,
				const struct PropertyValue_r *value);
/** @} */

/** @name Referral (MS-OXABREF)
 *  @{ */

/** @brief Connect to the server's referral endpoint. */
enum MAPISTATUS mapi_rfr_connect(TALLOC_CTX *mem_ctx,
				 struct mapi_rpc_context *rpc,
				 const struct mapi_rpc_params *params,
				 NTSTATUS *nt_status, struct mapi_rfr **out);

/** @brief RfrGetNewDSA (3.1.4.1): the NSPI server to use for
 *  @a user_dn (may be ""). */
enum MAPISTATUS mapi_rfr_get_new_dsa(struct mapi_rfr *rfr,
				     TALLOC_CTX *mem_ctx, const char *user_dn,
				     const char **server);

/** @brief RfrGetFQDNFromServerDN (3.1.4.2): the FQDN of the mailbox
 *  server @a server_dn. */
enum MAPISTATUS mapi_rfr_get_fqdn_from_server_dn(struct mapi_rfr *rfr,
						 TALLOC_CTX *mem_ctx,
						 const char *server_dn,
						 const char **fqdn);

/** @brief Transport status of the last referral call. */
NTSTATUS mapi_rfr_last_ntstatus(const struct mapi_rfr *rfr);
/** @} */

#endif /* MAPI_NSPI_H */
