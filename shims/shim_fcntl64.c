/* fcntl64 for targets before glibc 2.28.
 *
 * glibc 2.28 added fcntl64, and <fcntl.h> turns fcntl into it when
 * _FILE_OFFSET_BITS is 64 (many builds set it on 64-bit systems too).  On
 * a 64-bit system the two are one call: off_t is 64 bits, struct flock is
 * struct flock64, and the kernel has a single fcntl.  Like glibc, the
 * third argument is taken as a pointer-sized value whatever the command. */
#include <stdarg.h>

#include "shim.h"

extern int mg_old_fcntl(int fd, int cmd, ...);
MG_SHIM_OLD(mg_old_fcntl, fcntl, MG_GLIBC_BASE);

MG_SHIM int fcntl64(int fd, int cmd, ...);

int fcntl64(int fd, int cmd, ...)
{
	va_list ap;
	va_start(ap, cmd);
	void *arg = va_arg(ap, void *);
	va_end(ap);
	return mg_old_fcntl(fd, cmd, arg);
}
