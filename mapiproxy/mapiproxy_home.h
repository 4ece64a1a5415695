/*
 * The home server of a mailbox, shared by both providers and mapiadmin.
 *
 * The base AD schema has no per-user home server (Exchange's homeMDB and
 * msExchHomeServerName are schema extensions this project does not make).
 * The organisation that mapiadmin records in the Configuration partition
 * carries it instead, in classes and attributes of the base schema:
 *
 *   CN=Microsoft Exchange,CN=Services,CN=Configuration,...
 *     CN=<ORG>                           container + mailRecipient
 *       CN=Administrative Groups         container
 *         CN=<AG>                        container + mailRecipient
 *           CN=Servers                   container
 *             CN=<NETBIOS>               container + mailRecipient: a
 *                                        server, legacyExchangeDN
 *                                        /o=ORG/ou=AG/cn=Configuration/
 *                                        cn=Servers/cn=NETBIOS
 *               CN=Mailboxes             container
 *                 CN=<account>           container: a home marker,
 *                                        msDS-ObjectReference = the user
 *
 * msDS-ObjectReference is a linked attribute (container may hold it), so
 * the directory keeps the back link msDS-ObjectReferenceBL on the user:
 * a user's home is found from the user's own entry, follows renames, and
 * goes away with the user.  A mailbox without a marker is homed on
 * whichever server the client connected to.
 *
 * Nothing here logs: callers say what went wrong at their own level.
 */
#ifndef MAPIPROXY_HOME_H
#define MAPIPROXY_HOME_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include <ldb.h>

/** Name of the container of a server's home markers. */
#define MPX_HOME_MAILBOXES	"Mailboxes"
/** The linked attribute of a marker that names its user. */
#define MPX_HOME_LINK		"msDS-ObjectReference"
/** Its back link, on the user. */
#define MPX_HOME_BACKLINK	"msDS-ObjectReferenceBL"

/** A server registered in the organisation (a server object). */
struct mpx_server {
	struct ldb_dn *dn;		/**< the server object */
	const char *name;		/**< its cn (NetBIOS name) */
	const char *legacy_dn;		/**< its ESSDN (legacyExchangeDN) */
};

/**
 * @brief Whether @a dn has the place of a server object in the layout
 * above (CN=<name>,CN=Servers,CN=<AG>,CN=Administrative Groups,CN=<ORG>,
 * CN=Microsoft Exchange,CN=Services,CN=Configuration,...).  Pure.
 */
bool mpx_home_is_server_dn(struct ldb_dn *dn);

/**
 * @brief The server object of a home marker's DN
 * (CN=<x>,CN=Mailboxes,<server object>), or NULL when @a marker is no
 * marker.  Pure.
 */
struct ldb_dn *mpx_home_marker_server(TALLOC_CTX *mem_ctx,
				      struct ldb_dn *marker);

/**
 * @brief The default DNS name of a server: its NetBIOS name, lower-cased,
 * in @a dns_domain (lower-cased too).  Pure.
 */
char *mpx_home_default_fqdn(TALLOC_CTX *mem_ctx, const char *name,
			    const char *dns_domain);

/**
 * @brief Every server object of the organisation, in directory order.
 * @return LDB_SUCCESS (none is no error), or the search's error
 */
int mpx_home_servers(TALLOC_CTX *mem_ctx, struct ldb_context *ldb,
		     struct mpx_server **servers, unsigned int *count);

/**
 * @brief The server of @a list whose object is @a dn, NULL if none.
 */
const struct mpx_server *mpx_home_server_by_dn(
	const struct mpx_server *list, unsigned int count, struct ldb_dn *dn);

/**
 * @brief The server of @a list named @a name (its cn, without case), NULL
 * if none.
 */
const struct mpx_server *mpx_home_server_by_name(
	const struct mpx_server *list, unsigned int count, const char *name);

/**
 * @brief The home server of a user among @a list: the first of the user's
 * msDS-ObjectReferenceBL values that is a home marker under a server of
 * @a list.  NULL: the user has no home recorded.
 *
 * @param ldb	the directory (to parse the values)
 * @param user	the user's entry, read with MPX_HOME_BACKLINK
 * @param list	the servers (mpx_home_servers())
 * @param count	their number
 */
const struct mpx_server *mpx_home_of_user(struct ldb_context *ldb,
					  const struct ldb_message *user,
					  const struct mpx_server *list,
					  unsigned int count);

/**
 * @brief The home server of a user, reading the directory (one search of
 * the servers).  *@a home is NULL when no home is recorded.
 * @return LDB_SUCCESS or the search's error
 */
int mpx_home_lookup(TALLOC_CTX *mem_ctx, struct ldb_context *ldb,
		    const struct ldb_message *user, struct mpx_server **home);

/**
 * @brief The FQDN of a server: the dNSHostName of the domain's computer
 * account <name>$ when there is one (a DC of the domain), else
 * mpx_home_default_fqdn().
 */
char *mpx_home_server_fqdn(TALLOC_CTX *mem_ctx, struct ldb_context *ldb,
			   const char *name, const char *dns_domain);

#endif /* MAPIPROXY_HOME_H */
