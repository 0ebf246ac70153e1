/* Loads ext.so the way an interpreter loads an extension (dlopen, one
 * symbol) and prints what it formats. */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s EXT.so\n", argv[0]);
		return 2;
	}
	void *h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		fprintf(stderr, "%s\n", dlerror());
		return 1;
	}
	int (*format)(double, char *, int) = (int (*)(double, char *, int))dlsym(h, "mg_ext_format");
	if (!format) {
		fprintf(stderr, "%s\n", dlerror());
		return 1;
	}
	char buf[64], tiny[2];
	format(0.1, buf, sizeof buf);
	/* -1: the exception thrown inside the object was caught there. */
	printf("%s %d\n", buf, format(6.02214076e23, tiny, sizeof tiny));
	return 0;
}
