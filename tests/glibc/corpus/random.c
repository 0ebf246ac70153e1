/* getrandom, getentropy (2.25) and arc4random (2.36). */
// manylinux_2_17: runs
// manylinux_2_28: runs
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

int corpus_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	unsigned char a[16], b[16];
	ssize_t n = getrandom(a, sizeof a, 0);
	int e = getentropy(b, sizeof b);
	printf("getrandom %zd getentropy %d distinct %d\n", n, e, memcmp(a, b, 16) != 0);
	uint32_t x = arc4random(), y = arc4random();
	arc4random_buf(a, sizeof a);
	printf("arc4random distinct %d uniform in range %d\n", x != y || a[0] != a[1],
	       arc4random_uniform(6) < 6);
	return 0;
}
