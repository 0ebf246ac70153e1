/* A shared object: threads and libm from inside a library another program
 * loads (dlopen_call.c calls run()). */
#include <math.h>
#include <pthread.h>
#include <stdio.h>

static void *square(void *arg)
{
	long v = (long)arg;
	return (void *)(v * v);
}

int run(int argc, char **argv)
{
	pthread_t t;
	void *r = NULL;
	if (pthread_create(&t, NULL, square, (void *)7L) != 0 || pthread_join(t, &r) != 0)
		return 1;
	printf("square %ld pow %.1f args %d\n", (long)r, pow(2.0, 10.0), argc);
	(void)argv;
	return 0;
}
