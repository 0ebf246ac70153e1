/* An OpenMP loop; FN names the function so that objects built by GCC and
 * by clang can be linked together. */
#ifndef FN
#define FN omp_fill
#endif
int FN(int *v, int n)
{
#pragma omp parallel for
	for (int i = 0; i < n; i++)
		v[i] = i;
	return v[n - 1];
}
