/* openpty: glibc 2.17 to 2.33 have it in libutil.so.1, 2.34 and later in
 * libc.so.6.  A link for an old glibc must name -lutil, as a native
 * build there must. */
#include <pty.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	int master, slave;
	if (openpty(&master, &slave, NULL, NULL, NULL) != 0) {
		perror("openpty");
		return 1;
	}
	printf("openpty: %s\n", isatty(slave) ? "a terminal" : "not a terminal");
	return 0;
}
