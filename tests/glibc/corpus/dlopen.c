/* dlopen and dlsym (libdl before glibc 2.34, libc after). */
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <dlfcn.h>
#include <stdio.h>

int corpus_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	void *h = dlopen("libm.so.6", RTLD_NOW);
	double (*fn)(double) = h ? (double (*)(double))dlsym(h, "floor") : NULL;
	printf("dlopen %d floor(2.5) %.1f\n", h != NULL, fn ? fn(2.5) : -1.0);
	printf("missing: %s\n", dlopen("libcorpus-none.so", RTLD_NOW) ? "loaded" : "refused");
	return 0;
}
