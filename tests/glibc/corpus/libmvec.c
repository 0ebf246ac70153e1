/* A vectorized loop calling cos, declared as <math.h> declares it under
 * -ffast-math: GCC calls libmvec's _ZGVbN2v_cos (glibc 2.22), which glibc
 * 2.17 does not have: refused for manylinux_2_17; manylinux_2_28 allows
 * libmvec.so.1.  Clang 14 calls _ZGVbN2v_cos too (it warns that it does
 * not know the attribute, and vectorizes with libmvec all the same). */
// manylinux_2_17: refused _ZGVbN2v_cos
// manylinux_2_28: runs
#include <math.h>
#include <stdio.h>

double cos(double) __attribute__((simd("notinbranch")));

#pragma GCC optimize("O3")
static void cosines(double *restrict out, const double *restrict in, int n)
{
	for (int i = 0; i < n; i++)
		out[i] = cos(in[i]);
}

int corpus_main(int argc, char **argv)
{
	(void)argv;
	double in[64], out[64];
	for (int i = 0; i < 64; i++)
		in[i] = i * 0.1 + argc;
	cosines(out, in, 64);
	printf("%.6f %.6f\n", out[0], out[63]);
	return 0;
}
