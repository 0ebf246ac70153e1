/* Constructors, destructors and atexit in the output (the start fix in an
 * executable; the loader's job in a shared object). */
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <stdio.h>
#include <stdlib.h>

static int ran;
__attribute__((constructor(101))) static void early(void) { ran = ran * 10 + 1; }
__attribute__((constructor)) static void late(void) { ran = ran * 10 + 2; }
/* fflush(NULL), not fflush(stdout): see docs/testing.md on copy relocations
 * of stdout under glibc 2.17's ld.so run explicitly. */
__attribute__((destructor)) static void gone(void) { printf("destructor\n"); fflush(NULL); }
static void bye(void) { printf("atexit\n"); }

int corpus_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	atexit(bye);
	printf("constructors ran in order: %d\n", ran);
	return 0;
}
