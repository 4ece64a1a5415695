/*
 * LD_PRELOAD helper for hermetic test servers.
 *
 * Samba's module directory is compiled in and no smb.conf option moves it.
 * Preloaded into `samba`, this constructor points it at the directory named
 * by SAMBAMAPI_MODULESDIR (a private tree that links Samba's own module
 * folders plus a dcerpc_server/ folder holding the modules under test), so
 * the test suite exercises the modules it just built without installing
 * anything.
 */
#include <stdlib.h>

const char *set_dyn_MODULESDIR(const char *newpath);

__attribute__((constructor))
static void sambamapi_modulesdir_preload(void)
{
	const char *dir = getenv("SAMBAMAPI_MODULESDIR");

	if (dir != NULL && dir[0] != '\0') {
		set_dyn_MODULESDIR(dir);
	}
}
