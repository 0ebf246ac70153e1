/* libm functions that got new versions in glibc 2.27 (expf, logf, powf,
 * sinf, cosf) and 2.29 (exp, log, pow, exp2, log2): bound to the versions
 * the target has. */
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <math.h>
#include <stdio.h>

int corpus_main(int argc, char **argv)
{
	volatile double x = 1.5 + argc;
	volatile float f = 0.75f + (float)argc;
	(void)argv;
	printf("%.9f %.9f %.9f %.9f %.9f\n", exp(x), log(x), pow(x, 2.5), exp2(x), log2(x));
	printf("%.5f %.5f %.5f %.5f %.5f\n", (double)expf(f), (double)logf(f), (double)powf(f, 1.5f),
	       (double)sinf(f), (double)cosf(f));
	return 0;
}
