/* reallocarray (2.26), explicit_bzero (2.25, fortified), gettid (2.30),
 * SIGSTKSZ (a sysconf call since 2.34). */
// manylinux_2_17: runs
// manylinux_2_28: runs
#define _GNU_SOURCE
#define _FORTIFY_SOURCE 2
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int corpus_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	volatile size_t big = SIZE_MAX / 4;
	errno = 0;
	void *p = reallocarray(NULL, big, 8);
	printf("reallocarray overflow %s %d\n", p ? "allocated" : "null", errno == ENOMEM);
	char secret[32];
	memset(secret, 'k', sizeof secret);
	explicit_bzero(secret, sizeof secret);
	printf("explicit_bzero %d\n", secret[0] == 0 && secret[31] == 0);
	printf("gettid %d\n", gettid() == (pid_t)syscall(SYS_gettid));
	long sz = SIGSTKSZ;
	stack_t ss = { .ss_sp = malloc((size_t)sz), .ss_size = (size_t)sz };
	printf("SIGSTKSZ positive %d sigaltstack %d\n", sz > 0, sigaltstack(&ss, NULL));
	return 0;
}
