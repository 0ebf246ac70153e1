/* arc4random, arc4random_buf and arc4random_uniform for targets before
 * glibc 2.36 (GCC 12's libstdc++ uses arc4random for std::random_device).
 *
 * As in glibc 2.36: the bytes come from the getrandom system call; a
 * kernel without it (before Linux 3.17, CentOS 7's) is served from
 * /dev/urandom; when neither works the process aborts, because these
 * functions cannot fail.  arc4random_uniform rejects the values below
 * 2^32 mod UPPER, so every result is equally likely. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "shim.h"

static int mg_arc4random_urandom(unsigned char *p, size_t n)
{
	int fd;
	do
		fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return -1;
	while (n > 0) {
		ssize_t got = read(fd, p, n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			close(fd);
			return -1;
		}
		p += got;
		n -= (size_t)got;
	}
	close(fd);
	return 0;
}

MG_SHIM void arc4random_buf(void *buf, size_t n)
{
	unsigned char *p = buf;
	while (n > 0) {
		long got = syscall(SYS_getrandom, p, n, 0);
		if (got > 0) {
			p += got;
			n -= (size_t)got;
		} else if (got < 0 && errno == ENOSYS) {
			if (mg_arc4random_urandom(p, n) != 0)
				break;
			return;
		} else if (got < 0 && errno != EINTR) {
			break;
		}
	}
	if (n > 0) {
		static const char msg[] = "Fatal glibc error: cannot get entropy for arc4random\n";
		if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0)
			abort();
		abort();
	}
}

MG_SHIM uint32_t arc4random(void)
{
	uint32_t r;
	arc4random_buf(&r, sizeof r);
	return r;
}

MG_SHIM uint32_t arc4random_uniform(uint32_t upper)
{
	if (upper < 2)
		return 0;
	uint32_t min = -upper % upper;
	uint32_t r;
	do
		r = arc4random();
	while (r < min);
	return r % upper;
}
