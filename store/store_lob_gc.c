/*
 * sambamapi message store: removing value files no record refers to.
 *
 * A file becomes unreferenced when the record referring to it is deleted
 * or rewritten without it; the ids such a transaction dropped are checked
 * after it commits.  A crash between a file getting its name and its
 * record being committed, or between the commit and that check, leaves a
 * file nobody refers to: opening the store finds those.  Both run inside
 * a transaction, where no other writer can be committing a reference
 * (files are only named inside transactions too).  A holder that loses
 * its file this way (a message loaded before the value was replaced)
 * still reads it through its descriptor, and stages a copy when it saves
 * the value again (store_lob.c).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include <util/debug.h>
#include "store/store_private.h"

#define TEMP_PREFIX "new-"

void mstore_lob_drop(struct mstore *store, const uint8_t *id)
{
	uint8_t *ids;
	uint32_t i;

	for (i = 0; i < store->lob_dropped_count; i++) {
		if (memcmp(store->lob_dropped + i * MSTORE_LOB_ID_SIZE, id,
			   MSTORE_LOB_ID_SIZE) == 0) {
			return;
		}
	}
	ids = talloc_realloc(store, store->lob_dropped, uint8_t,
			     (store->lob_dropped_count + 1) *
			     MSTORE_LOB_ID_SIZE);
	if (ids == NULL) {
		return;		/* found again when the store is opened */
	}
	memcpy(ids + store->lob_dropped_count * MSTORE_LOB_ID_SIZE, id,
	       MSTORE_LOB_ID_SIZE);
	store->lob_dropped = ids;
	store->lob_dropped_count++;
}

/* Whether some record refers to the file @a name. */
static enum MAPISTATUS referenced(struct mstore *store, const char *name,
				  bool *yes)
{
	static const char *attrs[] = { MSTORE_ATTR_LOBREF, NULL };
	struct ldb_result *res = NULL;
	struct ldb_dn *root = ldb_dn_new(store, store->ldb, "");
	enum MAPISTATUS ret;

	if (root == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mstore_ldb_status(store, ldb_search(
		store->ldb, root, &res, root, LDB_SCOPE_SUBTREE, attrs,
		"(" MSTORE_ATTR_LOBREF "=%s)", name));
	if (ret == MAPI_E_SUCCESS) {
		*yes = res->count > 0;
	}
	talloc_free(root);
	return ret;
}

/* Remove the file of @a id unless referenced. */
static enum MAPISTATUS collect_one(struct mstore *store, const uint8_t *id)
{
	char *name = mstore_lob_name(store, id);
	bool used = true;
	enum MAPISTATUS ret;

	if (name == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = referenced(store, name, &used);
	if (ret == MAPI_E_SUCCESS && !used) {
		if (unlinkat(mstore_lob_dirfd(store), name, 0) == -1 &&
		    errno != ENOENT) {
			DBG_WARNING("cannot remove value %s: %s\n", name,
				    strerror(errno));
		} else {
			DBG_DEBUG("removed unreferenced value %s\n", name);
		}
	}
	talloc_free(name);
	return ret;
}

static void collect(struct mstore *store, uint8_t *ids, uint32_t count)
{
	enum MAPISTATUS ret = mstore_txn_start(store);
	uint32_t i;

	for (i = 0; ret == MAPI_E_SUCCESS && i < count; i++) {
		ret = collect_one(store, ids + i * MSTORE_LOB_ID_SIZE);
	}
	if (ret != MAPI_E_SUCCESS) {
		DBG_NOTICE("unreferenced values left for the next open: "
			   "0x%08x\n", ret);
	}
	mstore_txn_finish(store, ret);
}

/* The outermost transaction ended: check what it dropped. */
void mstore_lob_txn_end(struct mstore *store, bool committed)
{
	uint8_t *ids = store->lob_dropped;
	uint32_t count = store->lob_dropped_count;

	store->lob_dropped = NULL;
	store->lob_dropped_count = 0;
	if (committed && count > 0 && store->lob_dir != NULL) {
		collect(store, ids, count);
	}
	talloc_free(ids);
}

/* A staged file of the fallback kind whose writer is gone. */
static bool stale_temp(int dirfd, const char *name)
{
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	bool stale;

	if (fd == -1) {
		return false;
	}
	stale = flock(fd, LOCK_EX | LOCK_NB) == 0;
	close(fd);
	return stale;
}

/*
 * One file of the directory: with @a remove (inside a transaction), an
 * unreferenced one is removed; without (a first look, outside any),
 * *@a suspect says whether it may be one.
 */
static enum MAPISTATUS scan_entry(struct mstore *store, int dirfd,
				  const char *name, bool remove,
				  bool *suspect)
{
	uint8_t id[MSTORE_LOB_ID_SIZE];
	bool used = true;
	enum MAPISTATUS ret = MAPI_E_SUCCESS;

	if (mstore_lob_name_parse(name, id)) {
		if (remove) {
			return collect_one(store, id);
		}
		ret = referenced(store, name, &used);
		*suspect |= ret == MAPI_E_SUCCESS && !used;
	} else if (strncmp(name, TEMP_PREFIX, strlen(TEMP_PREFIX)) == 0 &&
		   stale_temp(dirfd, name)) {
		*suspect = true;
		if (remove) {
			unlinkat(dirfd, name, 0);
			DBG_DEBUG("removed stale staged value %s\n", name);
		}
	}
	return ret;
}

static enum MAPISTATUS scan_dir(struct mstore *store, bool remove,
				bool *suspect)
{
	int dirfd = mstore_lob_dirfd(store), fd = dup(dirfd);
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	struct dirent *e;
	DIR *dir;

	dir = fd != -1 ? fdopendir(fd) : NULL;
	if (dir == NULL) {
		if (fd != -1) {
			close(fd);
		}
		return MAPI_E_DISK_ERROR;
	}
	rewinddir(dir);
	while (ret == MAPI_E_SUCCESS && (e = readdir(dir)) != NULL) {
		if (e->d_name[0] != '.') {
			ret = scan_entry(store, dirfd, e->d_name, remove,
					 suspect);
		}
	}
	closedir(dir);
	return ret;
}

/* A first look without a transaction: most opens find nothing to remove
 * and take no write lock. */
enum MAPISTATUS mstore_lob_scan(struct mstore *store)
{
	bool suspect = false;
	enum MAPISTATUS ret;

	if (store->lob_dir == NULL) {
		return MAPI_E_SUCCESS;
	}
	ret = scan_dir(store, false, &suspect);
	if (ret != MAPI_E_SUCCESS || !suspect) {
		return ret;
	}
	ret = mstore_txn_start(store);
	if (ret == MAPI_E_SUCCESS) {
		ret = scan_dir(store, true, &suspect);
		ret = mstore_txn_finish(store, ret);
	}
	return ret;
}
