/* The stat family and mknod (glibc 2.33 names). */
// manylinux_2_17: runs
// manylinux_2_28: runs
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

int corpus_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct stat st;
	struct stat64 st64;
	char name[64];
	snprintf(name, sizeof name, "corpus-stat-%d", (int)getpid());
	int fd = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	if (fd < 0 || write(fd, "12345678", 8) != 8)
		return 1;
	int a = stat(name, &st);
	printf("stat %d size %lld\n", a, (long long)st.st_size);
	a = fstat(fd, &st);
	printf("fstat %d size %lld\n", a, (long long)st.st_size);
	a = lstat(name, &st);
	printf("lstat %d regular %d\n", a, S_ISREG(st.st_mode));
	a = fstatat(AT_FDCWD, name, &st, 0);
	printf("fstatat %d\n", a);
	a = stat64(name, &st64);
	printf("stat64 %d size %lld\n", a, (long long)st64.st_size);
	close(fd);
	unlink(name);
	a = mknod(name, S_IFIFO | 0600, 0);
	int b = stat(name, &st);
	printf("mknod fifo %d %d %d\n", a, b, S_ISFIFO(st.st_mode));
	unlink(name);
	return 0;
}
