#include <stdio.h>

int omp_fill(int *v, int n);

int main(void)
{
	int v[64];
	printf("%d\n", omp_fill(v, 64));
	return 0;
}
