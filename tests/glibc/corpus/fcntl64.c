/* fcntl with _FILE_OFFSET_BITS=64 (fcntl64, glibc 2.28). */
// manylinux_2_17: runs
// manylinux_2_28: runs
#define _FILE_OFFSET_BITS 64
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int corpus_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	int fds[2];
	if (pipe(fds) != 0)
		return 1;
	int a = fcntl(fds[0], F_SETFL, O_NONBLOCK);
	printf("setfl %d nonblock %d\n", a, (fcntl(fds[0], F_GETFL) & O_NONBLOCK) != 0);
	int d = fcntl(fds[0], F_DUPFD_CLOEXEC, 10);
	printf("dupfd %d cloexec %d\n", d >= 10, fcntl(d, F_GETFD) == FD_CLOEXEC);
	return 0;
}
