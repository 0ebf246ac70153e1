/* host LIB...: load each module with RTLD_LOCAL, as Python loads extension
 * modules, and run its OpenMP parallel region; prints "LIB: N threads".
 * Two private libomp copies abort here with "OMP: Error #15". */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		void *h = dlopen(argv[i], RTLD_NOW | RTLD_LOCAL);
		if (!h) {
			fprintf(stderr, "host: %s\n", dlerror());
			return 2;
		}
		int (*run)(void) = (int (*)(void))dlsym(h, "omp_user_run");
		if (!run) {
			fprintf(stderr, "host: %s: no omp_user_run\n", argv[i]);
			return 2;
		}
		printf("%s: %d threads\n", argv[i], run());
		fflush(stdout);
	}
	return 0;
}
