/* pidfd_open (glibc 2.36): refused. */
// manylinux_2_17: refused pidfd_open
// manylinux_2_28: refused pidfd_open
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/pidfd.h>
#include <unistd.h>

int corpus_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	int fd = pidfd_open(getpid(), 0);
	printf("pidfd %d\n", fd >= 0);
	return 0;
}
