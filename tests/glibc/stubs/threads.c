/* Threads, a monotonic clock, dlopen without -ldl, and libm functions whose
 * default version is newer than the caps (exp, log, pow: GLIBC_2.29). */
#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static void *twice(void *arg)
{
	return (void *)((long)arg * 2);
}

int main(int argc, char **argv)
{
	pthread_t t;
	void *r = NULL;
	if (pthread_create(&t, NULL, twice, (void *)21L) != 0 || pthread_join(t, &r) != 0)
		return 1;
	struct timespec ts;
	int clock_ok = clock_gettime(CLOCK_MONOTONIC, &ts) == 0;
	void *m = dlopen("libm.so.6", RTLD_NOW);
	double (*cosine)(double) = m ? (double (*)(double))dlsym(m, "cos") : NULL;
	volatile double x = argc;
	printf("thread %ld clock %d cos %.1f exp %.4f log %.4f pow %.1f\n", (long)r, clock_ok,
	       cosine ? cosine(0) : -1.0, exp(x), log(x + 1), pow(x + 1, 3));
	(void)argv;
	return 0;
}
