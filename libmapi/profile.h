/**
 * @file profile.h
 * @brief libmapi: MAPI profiles, stored in an ldb database.
 *
 * A profile names everything a client needs to reach one mailbox: the
 * server, the account (and, when asked for, its password), and what the
 * server's address book says about the account: its legacyExchangeDN
 * (PidTagEmailAddress), display name, SMTP address, home message database
 * (PidTagAddressBookHomeMessageDatabase) and the DN, name and FQDN of the
 * mailbox server (RfrGetFQDNFromServerDN, MS-OXABREF 3.1.4.2).
 *
 * The database is an ldb file: the path given to mapi_profile_db_open(),
 * else the environment variable SAMBAMAPI_PROFILES, else
 * ~/.sambamapi/profiles.ldb.  It is created (mode 0600, its directory
 * 0700) on first use.
 *
 * Every call returns a MAPI status; mapi_profile_strerror() turns it into
 * a readable sentence.  Results are allocated on the caller's context.
 */
#ifndef MAPI_PROFILE_H
#define MAPI_PROFILE_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>

#include "mapi_rpc.h"
#include "gen_ndr/exchange_nsp.h"

/** @brief Environment variable naming the profile database. */
#define MAPI_PROFILE_ENV	"SAMBAMAPI_PROFILES"

/** @brief Flags of mapi_profile_create(). */
enum mapi_profile_flags {
	MAPI_PROFILE_STORE_PASSWORD = 0x1, /**< keep the password */
	MAPI_PROFILE_SET_DEFAULT = 0x2	/**< make it the default profile */
};

/** @brief One profile (a talloc object; strings are its children). */
struct mapi_profile {
	const char *name;		/**< profile name */
	const char *server;		/**< host name or address to connect */
	const char *username;		/**< account name */
	const char *domain;		/**< NetBIOS domain, may be NULL */
	const char *password;		/**< NULL unless stored */
	const char *user_dn;		/**< legacyExchangeDN of the mailbox */
	const char *display_name;	/**< PidTagDisplayName */
	const char *smtp_address;	/**< PidTagSmtpAddress, may be NULL */
	const char *home_mdb;		/**< home message database DN */
	const char *server_dn;		/**< mailbox server DN */
	const char *server_name;	/**< mailbox server name (its cn) */
	const char *server_fqdn;	/**< mailbox server FQDN */
	uint32_t code_page;		/**< code page for sessions (1252) */
	uint32_t locale;		/**< locale for sessions (0x409) */
	bool is_default;		/**< it is the default profile */
};

/** @brief An open profile database (talloc object; free to close). */
struct mapi_profile_db;

/**
 * @brief The path of the profile database.
 *
 * @param mem_ctx	owner of the result
 * @param path	an explicit path, or NULL for $SAMBAMAPI_PROFILES or
 *		~/.sambamapi/profiles.ldb
 * @return the path allocated on @a mem_ctx, NULL without a home directory
 */
char *mapi_profile_db_path(TALLOC_CTX *mem_ctx, const char *path);

/**
 * @brief Open (creating if needed) a profile database.
 *
 * @param mem_ctx	owner of @a db
 * @param path	as for mapi_profile_db_path()
 * @param[out] db the database, owned by @a mem_ctx
 * @return MAPI_E_SUCCESS, or MAPI_E_DISK_ERROR when the file cannot be
 *	   created or opened
 */
enum MAPISTATUS mapi_profile_db_open(TALLOC_CTX *mem_ctx, const char *path,
				     struct mapi_profile_db **db);

/**
 * @brief Ask the server's address book who @a params->username is.
 *
 * Binds to NSPI as the account, resolves the account name with
 * NspiResolveNamesW, reads the entry's legacyExchangeDN, display name,
 * SMTP address and home message database, and asks the referral
 * interface for the FQDN of the home server.  Stores nothing.
 *
 * @param mem_ctx	owner of @a out
 * @param rpc	client state
 * @param params	server and credentials
 * @param name	the profile's name
 * @param[out] out the profile (password included), owned by @a mem_ctx
 * @return MAPI_E_SUCCESS; MAPI_E_LOGON_FAILED (wrong password or unknown
 *	   account), MAPI_E_NETWORK_ERROR (server unreachable),
 *	   MAPI_E_NOT_FOUND (the account has no address book entry),
 *	   MAPI_E_AMBIGUOUS_RECIP (it resolves to several), or the error of
 *	   the failing call
 */
enum MAPISTATUS mapi_profile_fetch(TALLOC_CTX *mem_ctx,
				   struct mapi_rpc_context *rpc,
				   const struct mapi_rpc_params *params,
				   const char *name,
				   struct mapi_profile **out);

/**
 * @brief Store a profile under its name.
 *
 * @param db	the profile database
 * @param profile	the profile
 * @param flags	MAPI_PROFILE_STORE_PASSWORD, MAPI_PROFILE_SET_DEFAULT
 * @return MAPI_E_SUCCESS, MAPI_E_COLLISION when a profile of that name
 *	   exists, MAPI_E_INVALID_PARAMETER for an empty name
 */
enum MAPISTATUS mapi_profile_add(struct mapi_profile_db *db,
				 const struct mapi_profile *profile,
				 uint32_t flags);

/**
 * @brief mapi_profile_fetch() then mapi_profile_add().
 *
 * @param db	the profile database
 * @param mem_ctx	owner of @a out
 * @param rpc	client state
 * @param params	server and credentials
 * @param name	the profile's name
 * @param flags	MAPI_PROFILE_STORE_PASSWORD, MAPI_PROFILE_SET_DEFAULT
 * @param[out] out the stored profile (may be NULL)
 */
enum MAPISTATUS mapi_profile_create(struct mapi_profile_db *db,
				    TALLOC_CTX *mem_ctx,
				    struct mapi_rpc_context *rpc,
				    const struct mapi_rpc_params *params,
				    const char *name, uint32_t flags,
				    struct mapi_profile **out);

/**
 * @brief Read a profile.
 *
 * @param db	the profile database
 * @param mem_ctx	owner of @a out
 * @param name	the profile, or NULL for the default profile
 * @return MAPI_E_SUCCESS, MAPI_E_NOT_FOUND (no such profile, or no
 *	   default), MAPI_E_CORRUPT_DATA (a record lacks its server or user)
 * @param[out] out the profile
 */
enum MAPISTATUS mapi_profile_get(struct mapi_profile_db *db,
				 TALLOC_CTX *mem_ctx, const char *name,
				 struct mapi_profile **out);

/**
 * @brief Every profile, sorted by name.
 *
 * @param db	the profile database
 * @param mem_ctx	owner of @a out
 * @param[out] count	the number of profiles
 * @param[out] out	array of @a count profiles on @a mem_ctx
 */
enum MAPISTATUS mapi_profile_list(struct mapi_profile_db *db,
				  TALLOC_CTX *mem_ctx,
				  struct mapi_profile ***out,
				  uint32_t *count);

/**
 * @brief Delete a profile (if it was the default, there is none after).
 * @return MAPI_E_SUCCESS or MAPI_E_NOT_FOUND
 */
enum MAPISTATUS mapi_profile_delete(struct mapi_profile_db *db,
				    const char *name);

/**
 * @brief Rename a profile; the default follows it.
 * @return MAPI_E_SUCCESS, MAPI_E_NOT_FOUND (no @a old_name),
 *	   MAPI_E_COLLISION (@a new_name exists)
 */
enum MAPISTATUS mapi_profile_rename(struct mapi_profile_db *db,
				    const char *old_name,
				    const char *new_name);

/**
 * @brief Make @a name the default profile (setting it again is no error).
 * @return MAPI_E_SUCCESS or MAPI_E_NOT_FOUND
 */
enum MAPISTATUS mapi_profile_set_default(struct mapi_profile_db *db,
					 const char *name);

/**
 * @brief The name of the default profile.
 * @return MAPI_E_SUCCESS or MAPI_E_NOT_FOUND when there is none
 */
enum MAPISTATUS mapi_profile_get_default(struct mapi_profile_db *db,
					 TALLOC_CTX *mem_ctx,
					 const char **name);

/**
 * @brief Connection parameters for a profile.
 *
 * @param mem_ctx	owner of the strings of @a params
 * @param profile	the profile
 * @param password	used when the profile stores none (may be NULL:
 *			then @a params->password is NULL and the caller
 *			must ask for one)
 * @param[out] params	filled in; strings allocated on @a mem_ctx
 */
enum MAPISTATUS mapi_profile_to_params(TALLOC_CTX *mem_ctx,
				       const struct mapi_profile *profile,
				       const char *password,
				       struct mapi_rpc_params *params);

/**
 * @brief A readable sentence for a status of this API, e.g. "wrong user
 * name or password" for MAPI_E_LOGON_FAILED.
 * @return a static string
 */
const char *mapi_profile_strerror(enum MAPISTATUS status);

#endif /* MAPI_PROFILE_H */
