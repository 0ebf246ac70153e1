/* A module that runs one OpenMP parallel region: built with gcc it uses
 * libgomp, with clang libomp. */
#include <omp.h>
int omp_user_run(void);
int omp_user_run(void)
{
	int n = 0;
#pragma omp parallel reduction(+ : n)
	n += 1;
	return n > 0 ? omp_get_max_threads() : -1;
}
