/* close_range (glibc 2.34): no shim can give its semantics on an old
 * kernel, so it is refused. */
// manylinux_2_17: refused close_range
// manylinux_2_28: refused close_range
#define _GNU_SOURCE
#include <stdio.h>
#include <unistd.h>

int corpus_main(int argc, char **argv)
{
	(void)argv;
	printf("close_range %d\n", close_range(100 + argc, 200, 0));
	return 0;
}
