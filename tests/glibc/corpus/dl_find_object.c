/* _dl_find_object (glibc 2.35): refused. */
// manylinux_2_17: refused _dl_find_object
// manylinux_2_28: refused _dl_find_object
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>

int corpus_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct dl_find_object r;
	printf("found %d\n", _dl_find_object((void *)corpus_main, &r) == 0);
	return 0;
}
