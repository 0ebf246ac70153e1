/* Threads: pthread_create, once, keys, thread-local storage, mutexes and
 * the clock-based waits (glibc 2.30). */
// manylinux_2_17: runs
// manylinux_2_28: runs
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static __thread int tls = 1;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_count;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int total;

static void init_once(void) { once_count++; }

static void *work(void *arg)
{
	pthread_once(&once, init_once);
	tls += (int)(long)arg;
	pthread_mutex_lock(&mu);
	total += tls;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
	return NULL;
}

int corpus_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	pthread_t t[4];
	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, work, (void *)i);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	printf("once %d total %d main tls %d\n", once_count, total, tls);
	struct timespec d;
	clock_gettime(CLOCK_MONOTONIC, &d);
	d.tv_nsec += 20000000;
	if (d.tv_nsec >= 1000000000) {
		d.tv_sec++;
		d.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&mu);
	int rc = pthread_cond_clockwait(&cv, &mu, CLOCK_MONOTONIC, &d);
	pthread_mutex_unlock(&mu);
	printf("clockwait: %s\n", strerror(rc));
	return 0;
}
