/* getentropy for targets before glibc 2.25, as glibc has it: at most 256
 * bytes (more is EIO), filled by the getrandom system call, retried when
 * interrupted or short; ENOSYS from a kernel without getrandom is passed
 * on. */
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "shim.h"

MG_SHIM int getentropy(void *buf, size_t len)
{
	if (len > 256) {
		errno = EIO;
		return -1;
	}
	unsigned char *p = buf;
	unsigned char *end = p + len;
	while (p < end) {
		long n = syscall(SYS_getrandom, p, (size_t)(end - p), 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
	}
	return 0;
}
