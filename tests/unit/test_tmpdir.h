/*
 * Scratch directories of the unit tests: made under /tmp, removed with
 * everything in them (no shell involved).
 */
#ifndef TEST_TMPDIR_H
#define TEST_TMPDIR_H

#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

/* Make /tmp/PREFIX.XXXXXX into @dir (of @size bytes). */
static inline bool test_tmpdir_make(char *dir, size_t size,
				    const char *prefix)
{
	snprintf(dir, size, "/tmp/%s.XXXXXX", prefix);
	return mkdtemp(dir) != NULL;
}

static inline int test_tmpdir_remove_one(const char *path,
					 const struct stat *st, int type,
					 struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

/* Remove @dir and everything below it: 0, or -1 on any failure. */
static inline int test_tmpdir_remove(const char *dir)
{
	return nftw(dir, test_tmpdir_remove_one, 16,
		    FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}

#endif /* TEST_TMPDIR_H */
