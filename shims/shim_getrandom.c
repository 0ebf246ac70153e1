/* getrandom for targets before glibc 2.25: the system call itself.  A
 * kernel without it (before Linux 3.17, e.g. CentOS 7's) gives ENOSYS,
 * as glibc's own getrandom does there. */
#include <sys/syscall.h>
#include <sys/random.h>
#include <sys/types.h>
#include <unistd.h>

#include "shim.h"

MG_SHIM ssize_t getrandom(void *buf, size_t len, unsigned int flags)
{
	return syscall(SYS_getrandom, buf, len, flags);
}
