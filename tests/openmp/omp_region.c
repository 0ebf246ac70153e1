/* An OpenMP shared object for the runtime tests: its parallel region
 * reports how many threads ran it and checks the work they shared.
 * omp_region(argc, argv) prints "N threads, sum S" and returns 0 when the
 * sum is right (the dlopen-call entry form); omp_threads() returns N (for
 * ctypes). */
#include <omp.h>
#include <stdio.h>

int omp_threads(void)
{
	int n = 0;
#pragma omp parallel
	{
#pragma omp single
		n = omp_get_num_threads();
	}
	return n;
}

int omp_region(int argc, char **argv)
{
	long sum = 0;
	(void)argc;
	(void)argv;
#pragma omp parallel for reduction(+ : sum)
	for (long i = 1; i <= 100000; i++)
		sum += i;
	printf("%d threads, sum %ld\n", omp_threads(), sum);
	return sum == 5000050000L ? 0 : 1;
}
