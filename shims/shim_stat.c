/* The stat family for targets before glibc 2.33.
 *
 * Until 2.33, stat, lstat, fstat, fstatat and their 64 variants were not
 * exported by libc.so.6: <sys/stat.h> made them inline calls of __xstat,
 * __lxstat, __fxstat and __fxstatat (the real entry points since glibc 2.0,
 * taking an interface version first), or libc_nonshared.a supplied them.
 * 2.33 exported the plain names and dropped the wrappers from
 * libc_nonshared.a, so code built on a newer host references `stat`, which
 * an older libc does not have.  These definitions are what the old
 * libc_nonshared.a had.  On 64-bit Linux, struct stat and struct stat64
 * are one layout, so the 64 variants are the same calls. */
#include <sys/stat.h>

#include "shim.h"

extern int mg_old_xstat(int ver, const char *path, struct stat *buf);
extern int mg_old_lxstat(int ver, const char *path, struct stat *buf);
extern int mg_old_fxstat(int ver, int fd, struct stat *buf);
extern int mg_old_fxstatat(int ver, int dirfd, const char *path, struct stat *buf, int flag);
extern int mg_old_xstat64(int ver, const char *path, struct stat64 *buf);
extern int mg_old_lxstat64(int ver, const char *path, struct stat64 *buf);
extern int mg_old_fxstat64(int ver, int fd, struct stat64 *buf);
extern int mg_old_fxstatat64(int ver, int dirfd, const char *path, struct stat64 *buf,
			     int flag);
MG_SHIM_OLD(mg_old_xstat, __xstat, MG_GLIBC_BASE);
MG_SHIM_OLD(mg_old_lxstat, __lxstat, MG_GLIBC_BASE);
MG_SHIM_OLD(mg_old_fxstat, __fxstat, MG_GLIBC_BASE);
MG_SHIM_OLD(mg_old_fxstatat, __fxstatat, MG_GLIBC_AT);
MG_SHIM_OLD(mg_old_xstat64, __xstat64, MG_GLIBC_BASE);
MG_SHIM_OLD(mg_old_lxstat64, __lxstat64, MG_GLIBC_BASE);
MG_SHIM_OLD(mg_old_fxstat64, __fxstat64, MG_GLIBC_BASE);
MG_SHIM_OLD(mg_old_fxstatat64, __fxstatat64, MG_GLIBC_AT);

MG_SHIM int stat(const char *restrict path, struct stat *restrict buf)
{
	return mg_old_xstat(MG_STAT_VER, path, buf);
}

MG_SHIM int lstat(const char *restrict path, struct stat *restrict buf)
{
	return mg_old_lxstat(MG_STAT_VER, path, buf);
}

MG_SHIM int fstat(int fd, struct stat *buf)
{
	return mg_old_fxstat(MG_STAT_VER, fd, buf);
}

MG_SHIM int fstatat(int dirfd, const char *restrict path, struct stat *restrict buf, int flag)
{
	return mg_old_fxstatat(MG_STAT_VER, dirfd, path, buf, flag);
}

MG_SHIM int stat64(const char *restrict path, struct stat64 *restrict buf)
{
	return mg_old_xstat64(MG_STAT_VER, path, buf);
}

MG_SHIM int lstat64(const char *restrict path, struct stat64 *restrict buf)
{
	return mg_old_lxstat64(MG_STAT_VER, path, buf);
}

MG_SHIM int fstat64(int fd, struct stat64 *buf)
{
	return mg_old_fxstat64(MG_STAT_VER, fd, buf);
}

MG_SHIM int fstatat64(int dirfd, const char *restrict path, struct stat64 *restrict buf,
		      int flag)
{
	return mg_old_fxstatat64(MG_STAT_VER, dirfd, path, buf, flag);
}
