#include <omp.h>
#include <stdio.h>

int main(void)
{
	int n = 0;
#pragma omp parallel reduction(+ : n)
	n += 1;
	printf("%d\n", n > 0);
	return 0;
}
