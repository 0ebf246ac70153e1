/* mknod and mknodat for targets before glibc 2.33, which exported only
 * __xmknod and __xmknodat (an interface version first, the device number
 * by pointer) and left the plain names to libc_nonshared.a; see
 * shim_stat.c for the same story. */
#include <sys/stat.h>

#include "shim.h"

extern int mg_old_xmknod(int ver, const char *path, mode_t mode, dev_t *dev);
extern int mg_old_xmknodat(int ver, int dirfd, const char *path, mode_t mode, dev_t *dev);
MG_SHIM_OLD(mg_old_xmknod, __xmknod, MG_GLIBC_BASE);
MG_SHIM_OLD(mg_old_xmknodat, __xmknodat, MG_GLIBC_AT);

MG_SHIM int mknod(const char *path, mode_t mode, dev_t dev)
{
	return mg_old_xmknod(MG_MKNOD_VER, path, mode, &dev);
}

MG_SHIM int mknodat(int dirfd, const char *path, mode_t mode, dev_t dev)
{
	return mg_old_xmknodat(MG_MKNOD_VER, dirfd, path, mode, &dev);
}
