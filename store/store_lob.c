/*
 * sambamapi message store: the files of large values (store_lob.h).
 *
 * Each value is one file of the value directory, named by 32 hex digits
 * of a random id.  A new value lives in an unnamed file (O_TMPFILE) until
 * the transaction saving an object that refers to it gives it a name,
 * after flushing it: a crash before leaves nothing behind.  Where the file
 * system has no unnamed files, a value is staged as "new-<key>", locked
 * (flock) for as long as its writer lives, and renamed instead.
 *
 * The files open in one store handle are listed in store->lob_files;
 * holders (handles, loaded messages) keep them open, so a reader still
 * reads a value whose name another session removed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <util/debug.h>
#include "store/store_private.h"
#include "store/store_lob.h"

#define COPY_CHUNK (64 * 1024)
#define TEMP_PREFIX "new-"

struct mstore_lob_dir {
	char *path;
	int fd;
	bool dirty;	/* a file was named since the last flush */
};

enum lob_state {
	LOB_ANON,	/* unnamed (O_TMPFILE), never linked */
	LOB_TEMP,	/* named TEMP_PREFIX + key, locked */
	LOB_NAMED	/* named by its id */
};

struct mstore_lob_file {
	struct mstore *store;
	struct mstore_lob_file *prev, *next;	/* store->lob_files */
	struct mstore_lob *holds;
	uint8_t key[MSTORE_LOB_ID_SIZE];	/* its identity in memory */
	uint8_t id[MSTORE_LOB_ID_SIZE];		/* its name when LOB_NAMED */
	enum lob_state state;
	bool committed;				/* named: never changes */
	int fd;
	uint64_t size;
};

/* A holder's reference; the public handle is one. */
struct mstore_lob {
	struct mstore_lob_file *f;
	struct mstore_lob *prev, *next;
};

/* ------------------------------------------------------------ names */

char *mstore_lob_name(TALLOC_CTX *mem_ctx, const uint8_t *id)
{
	char *s = talloc_array(mem_ctx, char, MSTORE_LOB_ID_SIZE * 2 + 1);
	int i;

	for (i = 0; s != NULL && i < MSTORE_LOB_ID_SIZE; i++) {
		snprintf(s + 2 * i, 3, "%02x", id[i]);
	}
	return s;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	return -1;
}

bool mstore_lob_name_parse(const char *name, uint8_t *id)
{
	int i, hi, lo;

	if (strlen(name) != MSTORE_LOB_ID_SIZE * 2) {
		return false;
	}
	for (i = 0; i < MSTORE_LOB_ID_SIZE; i++) {
		hi = hex_digit(name[2 * i]);
		lo = hex_digit(name[2 * i + 1]);
		if (hi < 0 || lo < 0) {
			return false;
		}
		id[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

static void random_id(uint8_t *id)
{
	struct mstore_guid g;

	mstore_guid_random(&g);
	memcpy(id, g.bytes, MSTORE_LOB_ID_SIZE);
}

static enum MAPISTATUS errno_status(int err)
{
	switch (err) {
	case ENOSPC:
	case EDQUOT:
		return MAPI_E_NOT_ENOUGH_DISK;
	case ENOENT:
		return MAPI_E_NOT_FOUND;
	case ENOMEM:
		return MAPI_E_NOT_ENOUGH_MEMORY;
	default:
		return MAPI_E_DISK_ERROR;
	}
}

/* -------------------------------------------------------- directory */

static int dir_destructor(struct mstore_lob_dir *d)
{
	if (d->fd != -1) {
		close(d->fd);
	}
	return 0;
}

/* The value directory of "x.ldb" is "x.lob". */
enum MAPISTATUS mstore_lob_init(struct mstore *store, const char *db_path)
{
	struct mstore_lob_dir *d = talloc_zero(store, struct mstore_lob_dir);
	size_t len = strlen(db_path);

	if (d == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	d->fd = -1;
	talloc_set_destructor(d, dir_destructor);
	if (len > 4 && strcmp(db_path + len - 4, ".ldb") == 0) {
		len -= 4;
	}
	d->path = talloc_asprintf(d, "%.*s.lob", (int)len, db_path);
	if (d->path == NULL) {
		talloc_free(d);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (mkdir(d->path, 0700) == -1 && errno != EEXIST) {
		DBG_ERR("cannot create %s: %s\n", d->path, strerror(errno));
		talloc_free(d);
		return MAPI_E_DISK_ERROR;
	}
	d->fd = open(d->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (d->fd == -1) {
		DBG_ERR("cannot open %s: %s\n", d->path, strerror(errno));
		talloc_free(d);
		return MAPI_E_DISK_ERROR;
	}
	store->lob_dir = d;
	return MAPI_E_SUCCESS;
}

int mstore_lob_dirfd(struct mstore *store)
{
	return store->lob_dir != NULL ? store->lob_dir->fd : -1;
}

/* The names given in a transaction reach the disk before the records
 * referring to them are committed. */
enum MAPISTATUS mstore_lob_sync_dir(struct mstore *store)
{
	struct mstore_lob_dir *d = store->lob_dir;

	if (d == NULL || !d->dirty) {
		return MAPI_E_SUCCESS;
	}
	if (fsync(d->fd) == -1) {
		DBG_ERR("cannot flush %s: %s\n", d->path, strerror(errno));
		return errno_status(errno);
	}
	d->dirty = false;
	return MAPI_E_SUCCESS;
}

/* ----------------------------------------------------- open files */

static int file_destructor(struct mstore_lob_file *f)
{
	struct mstore_lob *h;

	for (h = f->holds; h != NULL; h = h->next) {
		h->f = NULL;
	}
	if (f->fd != -1) {
		close(f->fd);
	}
	if (f->prev != NULL) {
		f->prev->next = f->next;
	} else if (f->store->lob_files == f) {
		f->store->lob_files = f->next;
	}
	if (f->next != NULL) {
		f->next->prev = f->prev;
	}
	return 0;
}

static struct mstore_lob_file *file_alloc(struct mstore *store)
{
	struct mstore_lob_file *f = talloc_zero(store, struct mstore_lob_file);

	if (f == NULL) {
		return NULL;
	}
	f->store = store;
	f->fd = -1;
	f->next = store->lob_files;
	if (f->next != NULL) {
		f->next->prev = f;
	}
	store->lob_files = f;
	talloc_set_destructor(f, file_destructor);
	return f;
}

static struct mstore_lob_file *file_find(struct mstore *store,
					 const uint8_t *key)
{
	struct mstore_lob_file *f;

	for (f = store->lob_files; f != NULL; f = f->next) {
		if (memcmp(f->key, key, MSTORE_LOB_ID_SIZE) == 0) {
			return f;
		}
	}
	return NULL;
}

static int hold_destructor(struct mstore_lob *h)
{
	struct mstore_lob_file *f = h->f;

	if (f == NULL) {
		return 0;
	}
	if (h->prev != NULL) {
		h->prev->next = h->next;
	} else {
		f->holds = h->next;
	}
	if (h->next != NULL) {
		h->next->prev = h->prev;
	}
	if (f->holds == NULL) {
		talloc_free(f);
	}
	return 0;
}

struct mstore_lob *mstore_lob_hold(TALLOC_CTX *mem_ctx,
				   struct mstore_lob_file *f)
{
	struct mstore_lob *h = talloc_zero(mem_ctx, struct mstore_lob);

	if (h == NULL) {
		return NULL;
	}
	h->f = f;
	h->next = f->holds;
	if (h->next != NULL) {
		h->next->prev = h;
	}
	f->holds = h;
	talloc_set_destructor(h, hold_destructor);
	return h;
}

/* Whether @a holder already keeps the file open (an object setting the
 * same value again and again holds it once). */
bool mstore_lob_held_by(const struct mstore_lob_file *f, const void *holder)
{
	const struct mstore_lob *h;

	for (h = f->holds; h != NULL; h = h->next) {
		if (talloc_parent(h) == holder) {
			return true;
		}
	}
	return false;
}

struct mstore_lob_file *mstore_lob_file_of(const struct mstore_lob *lob)
{
	return lob->f;
}

uint64_t mstore_lob_file_size(const struct mstore_lob_file *f)
{
	return f->size;
}

const uint8_t *mstore_lob_file_key(const struct mstore_lob_file *f)
{
	return f->key;
}

/* A saved value, by its id (which is then its key too). */
static enum MAPISTATUS open_named(struct mstore *store, const uint8_t *id,
				  struct mstore_lob_file **out)
{
	struct mstore_lob_file *f;
	struct stat st;
	char *name;
	int fd, err;

	name = mstore_lob_name(store, id);
	if (name == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	fd = openat(mstore_lob_dirfd(store), name, O_RDONLY | O_CLOEXEC);
	err = errno;
	talloc_free(name);
	if (fd == -1) {
		return errno_status(err);
	}
	f = file_alloc(store);
	if (f == NULL || fstat(fd, &st) == -1) {
		close(fd);
		talloc_free(f);
		return f == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : MAPI_E_DISK_ERROR;
	}
	f->fd = fd;
	f->size = st.st_size;
	f->state = LOB_NAMED;
	f->committed = true;
	memcpy(f->key, id, MSTORE_LOB_ID_SIZE);
	memcpy(f->id, id, MSTORE_LOB_ID_SIZE);
	*out = f;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_lob_file_get(struct mstore *store, const uint8_t *key,
				    struct mstore_lob_file **f)
{
	*f = file_find(store, key);
	if (*f != NULL) {
		return MAPI_E_SUCCESS;
	}
	return open_named(store, key, f);
}

/* A new staged file: unnamed, or named TEMP_PREFIX + key and locked. */
static int staged_open(struct mstore_lob_file *f)
{
	int dirfd = mstore_lob_dirfd(f->store);
	char *name;
	int fd;

	fd = openat(dirfd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd != -1) {
		f->state = LOB_ANON;
		return fd;
	}
	if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL) {
		return -1;
	}
	name = talloc_asprintf(f, TEMP_PREFIX "%s",
			       mstore_lob_name(f, f->key));
	if (name == NULL) {
		errno = ENOMEM;
		return -1;
	}
	fd = openat(dirfd, name, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC,
		    0600);
	if (fd != -1 && flock(fd, LOCK_EX) == -1) {
		close(fd);
		unlinkat(dirfd, name, 0);
		fd = -1;
	}
	talloc_free(name);
	f->state = LOB_TEMP;
	return fd;
}

enum MAPISTATUS mstore_lob_file_new(struct mstore *store,
				    struct mstore_lob_file **out)
{
	struct mstore_lob_file *f;
	int err;

	if (store->lob_dir == NULL) {
		return MAPI_E_NO_SUPPORT;
	}
	f = file_alloc(store);
	if (f == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	random_id(f->key);
	f->fd = staged_open(f);
	if (f->fd == -1) {
		err = errno;
		DBG_ERR("cannot create a value file in %s: %s\n",
			store->lob_dir->path, strerror(err));
		talloc_free(f);
		return errno_status(err);
	}
	*out = f;
	return MAPI_E_SUCCESS;
}

/* ------------------------------------------------------------- I/O */

static enum MAPISTATUS pread_all(int fd, uint64_t offset, uint8_t *buf,
				 size_t length, size_t *got)
{
	size_t done = 0;
	ssize_t n;

	while (done < length) {
		n = pread(fd, buf + done, length - done, offset + done);
		if (n == -1 && errno == EINTR) {
			continue;
		}
		if (n == -1) {
			return errno_status(errno);
		}
		if (n == 0) {
			break;
		}
		done += n;
	}
	*got = done;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS pwrite_all(int fd, uint64_t offset,
				  const uint8_t *data, size_t length)
{
	size_t done = 0;
	ssize_t n;

	while (done < length) {
		n = pwrite(fd, data + done, length - done, offset + done);
		if (n == -1 && errno == EINTR) {
			continue;
		}
		if (n == -1) {
			return errno_status(errno);
		}
		done += n;
	}
	return MAPI_E_SUCCESS;
}

/* Copy @a size bytes of one file into another. */
static enum MAPISTATUS copy_fd(int in, int out, uint64_t size)
{
	uint8_t *buf = talloc_size(NULL, COPY_CHUNK);
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	uint64_t done = 0;
	size_t got;

	if (buf == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	while (ret == MAPI_E_SUCCESS && done < size) {
		ret = pread_all(in, done, buf,
				size - done < COPY_CHUNK ? size - done
							 : COPY_CHUNK, &got);
		if (ret == MAPI_E_SUCCESS && got == 0) {
			ret = MAPI_E_CORRUPT_DATA;	/* shorter than known */
		}
		if (ret == MAPI_E_SUCCESS) {
			ret = pwrite_all(out, done, buf, got);
			done += got;
		}
	}
	talloc_free(buf);
	return ret;
}

/* ---------------------------------------------------------- naming */

static bool name_is_ours(struct mstore_lob_file *f)
{
	struct stat a, b;
	char name[MSTORE_LOB_ID_SIZE * 2 + 1];
	int i;

	for (i = 0; i < MSTORE_LOB_ID_SIZE; i++) {
		snprintf(name + 2 * i, 3, "%02x", f->id[i]);
	}
	return fstatat(mstore_lob_dirfd(f->store), name, &a,
		       AT_SYMLINK_NOFOLLOW) == 0 &&
	       fstat(f->fd, &b) == 0 && a.st_ino == b.st_ino &&
	       a.st_dev == b.st_dev;
}

static int link_staged(struct mstore_lob_file *f, int dirfd,
		       const char *name)
{
	char proc[64];
	char *temp;
	int ret;

	if (f->state == LOB_TEMP) {
		temp = talloc_asprintf(f, TEMP_PREFIX "%s",
				       mstore_lob_name(f, f->key));
		ret = temp != NULL ? renameat(dirfd, temp, dirfd, name) : -1;
		talloc_free(temp);
		return ret;
	}
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", f->fd);
	ret = linkat(AT_FDCWD, proc, dirfd, name, AT_SYMLINK_FOLLOW);
	if (ret == -1 && errno != EEXIST) {
		ret = linkat(f->fd, "", dirfd, name, AT_EMPTY_PATH);
	}
	return ret;
}

/* Flush a staged file and name it; the directory is flushed once, before
 * the transaction commits (mstore_lob_sync_dir()). */
static enum MAPISTATUS give_name(struct mstore_lob_file *f)
{
	int dirfd = mstore_lob_dirfd(f->store);
	uint8_t id[MSTORE_LOB_ID_SIZE];
	char *name;
	int ret;

	if (fdatasync(f->fd) == -1) {
		return errno_status(errno);
	}
	random_id(id);
	name = mstore_lob_name(f, id);
	if (name == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = link_staged(f, dirfd, name);
	talloc_free(name);
	if (ret == -1) {
		return errno_status(errno);
	}
	f->store->lob_dir->dirty = true;
	memcpy(f->id, id, MSTORE_LOB_ID_SIZE);
	f->state = LOB_NAMED;
	f->committed = true;
	return MAPI_E_SUCCESS;
}

/* The file lost its name (removed as unreferenced, or an unnamed file
 * that cannot be linked any more): stage a copy of its bytes. */
static enum MAPISTATUS restage(struct mstore_lob_file *f)
{
	int old = f->fd, fd;
	enum MAPISTATUS ret;

	fd = staged_open(f);
	if (fd == -1) {
		return errno_status(errno);
	}
	ret = copy_fd(old, fd, f->size);
	if (ret != MAPI_E_SUCCESS) {
		close(fd);
		return ret;
	}
	close(old);
	f->fd = fd;
	f->committed = false;
	return MAPI_E_SUCCESS;
}

/*
 * Give the value a name a record can refer to; inside a transaction,
 * which is what keeps the scan for unreferenced files (run inside one
 * too) from removing it before the record is committed.
 */
enum MAPISTATUS mstore_lob_file_link(struct mstore_lob_file *f, uint8_t *id)
{
	enum MAPISTATUS ret = MAPI_E_SUCCESS;

	if (f->store->txn_depth == 0) {
		DBG_ERR("a value file is named outside a transaction\n");
		return MAPI_E_CALL_FAILED;
	}
	if (f->state == LOB_NAMED && !name_is_ours(f)) {
		ret = restage(f);
	}
	if (ret == MAPI_E_SUCCESS && f->state != LOB_NAMED) {
		ret = give_name(f);
		if (ret == MAPI_E_NOT_FOUND) {
			ret = restage(f);
			ret = ret == MAPI_E_SUCCESS ? give_name(f) : ret;
		}
	}
	if (ret == MAPI_E_SUCCESS) {
		memcpy(id, f->id, MSTORE_LOB_ID_SIZE);
	} else {
		DBG_ERR("cannot name a value file: 0x%08x\n", ret);
	}
	return ret;
}

/* ------------------------------------------------------ public API */

enum MAPISTATUS mstore_lob_create(TALLOC_CTX *mem_ctx, struct mstore *store,
				  struct mstore_lob **lob)
{
	struct mstore_lob_file *f;
	enum MAPISTATUS ret = mstore_lob_file_new(store, &f);

	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	*lob = mstore_lob_hold(mem_ctx, f);
	if (*lob == NULL) {
		talloc_free(f);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_lob_open(TALLOC_CTX *mem_ctx, struct mstore *store,
				const struct mstore_value *large,
				struct mstore_lob **lob)
{
	struct mstore_lob_file *f;
	enum MAPISTATUS ret;

	if (!mstore_value_is_large(large)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	ret = mstore_lob_file_get(store, mstore_large_key(large), &f);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	*lob = mstore_lob_hold(mem_ctx, f);
	if (*lob == NULL) {
		if (f->holds == NULL) {
			talloc_free(f);
		}
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return MAPI_E_SUCCESS;
}

uint64_t mstore_lob_size(const struct mstore_lob *lob)
{
	return lob->f != NULL ? lob->f->size : 0;
}

bool mstore_lob_writable(const struct mstore_lob *lob)
{
	return lob->f != NULL && !lob->f->committed;
}

enum MAPISTATUS mstore_lob_read(struct mstore_lob *lob, uint64_t offset,
				uint8_t *buf, size_t length, size_t *got)
{
	struct mstore_lob_file *f = lob->f;

	*got = 0;
	if (f == NULL) {
		return MAPI_E_INVALID_OBJECT;
	}
	if (offset >= f->size) {
		return MAPI_E_SUCCESS;
	}
	if (length > f->size - offset) {
		length = f->size - offset;
	}
	return pread_all(f->fd, offset, buf, length, got);
}

enum MAPISTATUS mstore_lob_write(struct mstore_lob *lob, uint64_t offset,
				 const uint8_t *data, size_t length)
{
	struct mstore_lob_file *f = lob->f;
	enum MAPISTATUS ret;

	if (f == NULL) {
		return MAPI_E_INVALID_OBJECT;
	}
	if (f->committed) {
		return MAPI_E_NO_ACCESS;
	}
	if (offset > INT64_MAX - length) {
		return MAPI_E_TOO_BIG;
	}
	ret = pwrite_all(f->fd, offset, data, length);
	if (ret == MAPI_E_SUCCESS && offset + length > f->size) {
		f->size = offset + length;
	}
	return ret;
}

enum MAPISTATUS mstore_lob_truncate(struct mstore_lob *lob, uint64_t size)
{
	struct mstore_lob_file *f = lob->f;

	if (f == NULL) {
		return MAPI_E_INVALID_OBJECT;
	}
	if (f->committed) {
		return MAPI_E_NO_ACCESS;
	}
	if (size > INT64_MAX) {
		return MAPI_E_TOO_BIG;
	}
	if (ftruncate(f->fd, size) == -1) {
		return errno_status(errno);
	}
	f->size = size;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_lob_clone(TALLOC_CTX *mem_ctx, struct mstore_lob *src,
				 struct mstore_lob **copy)
{
	struct mstore_lob *dst;
	enum MAPISTATUS ret;

	if (src->f == NULL) {
		return MAPI_E_INVALID_OBJECT;
	}
	ret = mstore_lob_create(mem_ctx, src->f->store, &dst);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	ret = copy_fd(src->f->fd, dst->f->fd, src->f->size);
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(dst);
		return ret;
	}
	dst->f->size = src->f->size;
	*copy = dst;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_lob_value(TALLOC_CTX *mem_ctx, struct mstore_lob *lob,
				 uint32_t tag, struct mstore_value *value)
{
	switch (MSTORE_PROP_TYPE(tag)) {
	case PT_BINARY:
	case PT_STRING8:
	case PT_UNICODE:
		break;
	default:
		return MAPI_E_INVALID_TYPE;
	}
	if (lob->f == NULL) {
		return MAPI_E_INVALID_OBJECT;
	}
	return mstore_large_ref(mem_ctx, tag, lob->f->size, lob->f->key,
				value);
}
