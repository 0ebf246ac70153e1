/* The clock-based waits of glibc 2.30 for older targets:
 * pthread_cond_clockwait, pthread_mutex_clocklock,
 * pthread_rwlock_clockrdlock, pthread_rwlock_clockwrlock, sem_clockwait.
 *
 * Each takes an absolute timeout on CLOCK_REALTIME or CLOCK_MONOTONIC.
 * libstdc++ (since GCC 10, when glibc has them) uses them for every
 * steady_clock wait: std::condition_variable::wait_until/wait_for,
 * std::timed_mutex, std::shared_timed_mutex, std::counting_semaphore.
 * Old glibc has only the CLOCK_REALTIME forms (the *timed* calls), and
 * nothing reads the clock a condition variable was created with, so a
 * CLOCK_MONOTONIC deadline is converted: the time left on the monotonic
 * clock is added to the realtime clock's now, and the timed call waits for
 * that.  This is what libstdc++ itself did before GCC 10.  The limit: a
 * jump of the realtime clock during the wait moves the deadline (the
 * problem the clock-based calls were made to solve), and a condition
 * variable set to CLOCK_MONOTONIC with pthread_condattr_setclock must not
 * be waited on with CLOCK_MONOTONIC here.  Any other clock is EINVAL, as
 * in glibc. */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <time.h>

#include "shim.h"

/* The realtime deadline equal to ABSTIME on CLOCK; 0, or EINVAL. */
static int mg_clockwait_deadline(clockid_t clock, const struct timespec *abstime,
				 struct timespec *out)
{
	if (clock == CLOCK_REALTIME) {
		*out = *abstime;
		return 0;
	}
	if (clock != CLOCK_MONOTONIC)
		return EINVAL;
	if (abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000L)
		return EINVAL;
	struct timespec mono, real;
	clock_gettime(CLOCK_MONOTONIC, &mono);
	clock_gettime(CLOCK_REALTIME, &real);
	long long sec = (long long)abstime->tv_sec - mono.tv_sec + real.tv_sec;
	long nsec = abstime->tv_nsec - mono.tv_nsec + real.tv_nsec;
	while (nsec < 0) {
		nsec += 1000000000L;
		sec--;
	}
	while (nsec >= 1000000000L) {
		nsec -= 1000000000L;
		sec++;
	}
	out->tv_sec = (time_t)sec;
	out->tv_nsec = nsec;
	return 0;
}

MG_SHIM int pthread_cond_clockwait(pthread_cond_t *restrict cond, pthread_mutex_t *restrict mutex,
				   clockid_t clock, const struct timespec *restrict abstime)
{
	struct timespec deadline;
	int rc = mg_clockwait_deadline(clock, abstime, &deadline);
	return rc ? rc : pthread_cond_timedwait(cond, mutex, &deadline);
}

MG_SHIM int pthread_mutex_clocklock(pthread_mutex_t *restrict mutex, clockid_t clock,
				    const struct timespec *restrict abstime)
{
	struct timespec deadline;
	int rc = mg_clockwait_deadline(clock, abstime, &deadline);
	return rc ? rc : pthread_mutex_timedlock(mutex, &deadline);
}

MG_SHIM int pthread_rwlock_clockrdlock(pthread_rwlock_t *restrict rwlock, clockid_t clock,
				       const struct timespec *restrict abstime)
{
	struct timespec deadline;
	int rc = mg_clockwait_deadline(clock, abstime, &deadline);
	return rc ? rc : pthread_rwlock_timedrdlock(rwlock, &deadline);
}

MG_SHIM int pthread_rwlock_clockwrlock(pthread_rwlock_t *restrict rwlock, clockid_t clock,
				       const struct timespec *restrict abstime)
{
	struct timespec deadline;
	int rc = mg_clockwait_deadline(clock, abstime, &deadline);
	return rc ? rc : pthread_rwlock_timedwrlock(rwlock, &deadline);
}

MG_SHIM int sem_clockwait(sem_t *restrict sem, clockid_t clock,
			  const struct timespec *restrict abstime)
{
	struct timespec deadline;
	int rc = mg_clockwait_deadline(clock, abstime, &deadline);
	if (rc) {
		errno = rc;
		return -1;
	}
	return sem_timedwait(sem, &deadline);
}
