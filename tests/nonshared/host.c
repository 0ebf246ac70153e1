/* Loads a corpus shared library like Python loads an extension (dlopen,
 * RTLD_LOCAL) and runs its entry point. */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: host LIBRARY\n");
		return 2;
	}
	void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		fprintf(stderr, "host: %s\n", dlerror());
		return 1;
	}
	int (*entry)(void) = (int (*)(void))dlsym(lib, "corpus_entry");
	if (!entry) {
		fprintf(stderr, "host: %s\n", dlerror());
		return 1;
	}
	return entry();
}
