/*
 * mapiadmin: maintenance of the message store databases (store/).
 *
 * purge-deleted removes for good the folders and messages clients soft
 * deleted (RopDeleteFolder without DELETE_HARD_DELETE, RopDeleteMessages,
 * RopEmptyFolder: MS-OXCFOLD keeps them recoverable) longer ago than
 * --days, in the mailboxes named or in every mailbox user's and the
 * public folders.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "mapiadmin.h"
#include "store/store.h"

/* FILETIME of the Unix epoch, and its ticks (100 ns) per second */
#define FILETIME_UNIX_EPOCH	116444736000000000ULL
#define FILETIME_SECOND		10000000ULL

/* smb.conf "mapistore:directory", by default "mapistore" in the private
 * directory, as the EMSMDB provider has it. */
static const char *store_directory(struct admin_ctx *a)
{
	const char *dir = lpcfg_parm_string(a->lp, NULL, "mapistore",
					    "directory");

	return dir != NULL ? talloc_strdup(a->mem, dir) :
	       lpcfg_private_path(a->mem, a->lp, "mapistore");
}

/* Purge one store (@a mailbox NULL: the public folders); a store never
 * created is skipped. */
static int purge_one(struct admin_ctx *a, const char *dir,
		     const char *mailbox, uint64_t before)
{
	struct mstore_open_params p = { .directory = dir, .mailbox = mailbox };
	const char *name = mailbox != NULL ? mailbox : "(public folders)";
	struct mstore *store = NULL;
	uint32_t purged = 0;
	enum MAPISTATUS rv;

	rv = mstore_open(a->mem, &p, &store);
	if (rv == MAPI_E_NOT_FOUND) {
		printf("%s: no store\n", name);
		return 0;
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mstore_purge_soft_deleted(store, before, &purged);
	}
	talloc_free(store);
	if (rv != MAPI_E_SUCCESS) {
		return admin_fail("%s: cannot purge (0x%08x)", name,
				  (unsigned int)rv);
	}
	printf("%s: %u purged\n", name, purged);
	return 0;
}

/* The account names of the mail-enabled users. */
static const char **mailbox_users(struct admin_ctx *a)
{
	const char **names = talloc_zero_array(a->mem, const char *, 1);
	struct ldb_result *res;
	unsigned int i, n = 0;

	if (names == NULL ||
	    ldb_search(a->ldb, a->mem, &res, ldb_get_default_basedn(a->ldb),
		       LDB_SCOPE_SUBTREE, (const char **)recipient_attrs,
		       "(&(objectClass=user)(!(objectClass=computer)))") !=
	    LDB_SUCCESS) {
		return NULL;
	}
	for (i = 0; i < res->count; i++) {
		if (!is_mail_enabled(a, res->msgs[i])) {
			continue;
		}
		names = talloc_realloc(a->mem, names, const char *, n + 2);
		if (names == NULL) {
			return NULL;
		}
		names[n++] = recipient_name(res->msgs[i]);
		names[n] = NULL;
	}
	return names;
}

int cmd_purge_deleted(struct admin_ctx *a, const char **mailboxes)
{
	const char *dir = store_directory(a);
	int days = a->opt->days >= 0 ? a->opt->days : PURGE_DEFAULT_DAYS;
	uint64_t before, now;
	size_t i;
	int rc = 0;

	if (dir == NULL) {
		return admin_fail("out of memory");
	}
	/* --days 0: everything soft deleted until now, this second too */
	now = (uint64_t)time(NULL) + (days == 0 ? 1 : 0);
	/* nothing was deleted before 1970 */
	before = ((uint64_t)days * 86400 < now ?
		  now - (uint64_t)days * 86400 : 0) * FILETIME_SECOND +
		 FILETIME_UNIX_EPOCH;
	if (mailboxes == NULL || mailboxes[0] == NULL) {
		mailboxes = mailbox_users(a);
		if (mailboxes == NULL) {
			return admin_fail("cannot list the mailbox users: %s",
					  ldb_errstring(a->ldb));
		}
		rc = purge_one(a, dir, NULL, before);
	}
	for (i = 0; mailboxes[i] != NULL; i++) {
		rc |= purge_one(a, dir, mailboxes[i], before);
	}
	return rc;
}
