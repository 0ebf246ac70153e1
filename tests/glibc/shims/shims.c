/* Uses every glibc shim the way programs do, and prints what it saw in
 * words that do not depend on the glibc it runs on: built normally and run
 * on this machine, and built with the shims and run on glibc 2.17, it must
 * print the same (tests/integration/glibc_shims.sh).  Compiled with
 * -O2 -D_FORTIFY_SOURCE=2, so explicit_bzero becomes __explicit_bzero_chk.
 * `shims overflow` makes __explicit_bzero_chk fail (abort).  With
 * -DSHIMS_SHARED -Dmain=shims_main it is a shared object (no preinit_array)
 * whose shims_main a host program calls. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int __memcmpeq(const void *a, const void *b, size_t n);
extern char __libc_single_threaded;

static int inits;
static char order[8];
static size_t order_len;
static void note(char c) { if (order_len < sizeof order - 1) order[order_len++] = c; }
#ifndef SHIMS_SHARED
/* Only executables have a preinit_array; the loader runs it. */
static void preinit(int argc, char **argv, char **envp) { (void)argc; (void)argv; (void)envp; note('p'); }
__attribute__((used, section(".preinit_array"))) static void (*preinit_entry)(int, char **, char **) = preinit;
#endif
__attribute__((constructor(101))) static void first(void) { note('1'); }
__attribute__((constructor)) static void later(void) { inits++; note('c'); }

static long long ms_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000LL + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static struct timespec in_ms(clockid_t clock, long ms)
{
	struct timespec t;
	clock_gettime(clock, &t);
	t.tv_nsec += (ms % 1000) * 1000000L;
	t.tv_sec += ms / 1000 + t.tv_nsec / 1000000000L;
	t.tv_nsec %= 1000000000L;
	return t;
}

/* "timeout" when RC is ETIMEDOUT after at least 50 ms and well under 5 s. */
static const char *timed(int rc, const struct timespec *t0)
{
	long long ms = ms_since(t0);
	if (rc != ETIMEDOUT)
		return strerror(rc);
	return ms >= 45 && ms < 5000 ? "timeout" : "timeout at the wrong time";
}

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int flag;

static void *rw_reader(void *arg)
{
	(void)arg;
	struct timespec t0, d;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	d = in_ms(CLOCK_MONOTONIC, 50);
	printf("rwlock_clockrdlock monotonic: %s\n", timed(pthread_rwlock_clockrdlock(&rw, CLOCK_MONOTONIC, &d), &t0));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	d = in_ms(CLOCK_REALTIME, 50);
	printf("rwlock_clockwrlock realtime: %s\n", timed(pthread_rwlock_clockwrlock(&rw, CLOCK_REALTIME, &d), &t0));
	return NULL;
}

static void *mutex_taker(void *arg)
{
	(void)arg;
	struct timespec t0, d;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	d = in_ms(CLOCK_MONOTONIC, 50);
	printf("mutex_clocklock monotonic: %s\n", timed(pthread_mutex_clocklock(&mu, CLOCK_MONOTONIC, &d), &t0));
	return NULL;
}

static void *signaller(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&mu);
	flag = 1;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
	return NULL;
}

static void clockwaits(void)
{
	struct timespec t0, d;
	pthread_t th;

	pthread_mutex_lock(&mu);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	d = in_ms(CLOCK_MONOTONIC, 50);
	printf("cond_clockwait monotonic: %s\n", timed(pthread_cond_clockwait(&cv, &mu, CLOCK_MONOTONIC, &d), &t0));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	d = in_ms(CLOCK_REALTIME, 50);
	printf("cond_clockwait realtime: %s\n", timed(pthread_cond_clockwait(&cv, &mu, CLOCK_REALTIME, &d), &t0));
	printf("cond_clockwait cputime clock: %s\n",
	       strerror(pthread_cond_clockwait(&cv, &mu, CLOCK_PROCESS_CPUTIME_ID, &d)));
	pthread_create(&th, NULL, signaller, NULL);
	d = in_ms(CLOCK_MONOTONIC, 10000);
	int rc = 0;
	while (!flag && rc == 0)
		rc = pthread_cond_clockwait(&cv, &mu, CLOCK_MONOTONIC, &d);
	printf("cond_clockwait signalled: %s\n", rc ? strerror(rc) : "woken");
	pthread_join(th, NULL);
	/* The mutex is held: another thread times out on it. */
	pthread_create(&th, NULL, mutex_taker, NULL);
	pthread_join(th, NULL);
	pthread_mutex_unlock(&mu);
	d = in_ms(CLOCK_MONOTONIC, 50);
	printf("mutex_clocklock free: %s\n", strerror(pthread_mutex_clocklock(&mu, CLOCK_MONOTONIC, &d)));
	pthread_mutex_unlock(&mu);

	pthread_rwlock_wrlock(&rw);
	pthread_create(&th, NULL, rw_reader, NULL);
	pthread_join(th, NULL);
	pthread_rwlock_unlock(&rw);

	sem_t sem;
	sem_init(&sem, 0, 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	d = in_ms(CLOCK_MONOTONIC, 50);
	rc = sem_clockwait(&sem, CLOCK_MONOTONIC, &d);
	printf("sem_clockwait empty: %s\n", timed(rc == 0 ? 0 : errno, &t0));
	sem_post(&sem);
	rc = sem_clockwait(&sem, CLOCK_MONOTONIC, &d);
	printf("sem_clockwait posted: %s\n", rc == 0 ? "taken" : strerror(errno));
	rc = sem_clockwait(&sem, CLOCK_THREAD_CPUTIME_ID, &d);
	printf("sem_clockwait cputime clock: %s\n", rc == 0 ? "taken" : strerror(errno));
	sem_destroy(&sem);
}

static void stats(void)
{
	struct stat a, b, c, d;
	struct stat64 a64, b64, c64, d64;
	unlink("shims-file");
	unlink("shims-link");
	unlink("shims-fifo");
	unlink("shims-fifo2");
	int fd = open("shims-file", O_CREAT | O_WRONLY | O_TRUNC, 0640);
	if (fd < 0 || write(fd, "hello", 5) != 5 || symlink("shims-file", "shims-link") != 0) {
		perror("shims: setup");
		exit(1);
	}
	int rc = stat("shims-link", &a);
	printf("stat: %d size %lld regular %d mode %o\n", rc, (long long)a.st_size,
	       S_ISREG(a.st_mode), (unsigned)(a.st_mode & 07777));
	rc = lstat("shims-link", &b);
	printf("lstat: %d link %d size %lld\n", rc, S_ISLNK(b.st_mode), (long long)b.st_size);
	rc = fstat(fd, &c);
	printf("fstat: %d same inode %d nlink %lu\n", rc, c.st_ino == a.st_ino,
	       (unsigned long)c.st_nlink);
	rc = fstatat(AT_FDCWD, "shims-link", &d, AT_SYMLINK_NOFOLLOW);
	printf("fstatat nofollow: %d link %d\n", rc, S_ISLNK(d.st_mode));
	rc = stat64("shims-file", &a64);
	printf("stat64: %d size %lld\n", rc, (long long)a64.st_size);
	rc = lstat64("shims-link", &b64);
	printf("lstat64: %d link %d\n", rc, S_ISLNK(b64.st_mode));
	rc = fstat64(fd, &c64);
	printf("fstat64: %d same inode %d\n", rc, c64.st_ino == a.st_ino);
	rc = fstatat64(AT_FDCWD, "shims-link", &d64, 0);
	printf("fstatat64: %d size %lld\n", rc, (long long)d64.st_size);
	rc = stat("shims-none", &a);
	printf("stat missing: %d %s\n", rc, strerror(errno));
	rc = mknod("shims-fifo", S_IFIFO | 0600, 0);
	printf("mknod fifo: %d fifo %d\n", rc, stat("shims-fifo", &a) == 0 && S_ISFIFO(a.st_mode));
	rc = mknodat(AT_FDCWD, "shims-fifo2", S_IFIFO | 0600, 0);
	printf("mknodat fifo: %d fifo %d\n", rc, lstat("shims-fifo2", &a) == 0 && S_ISFIFO(a.st_mode));

	rc = fcntl64(fd, F_SETFD, FD_CLOEXEC);
	printf("fcntl64 setfd: %d getfd %d\n", rc, fcntl64(fd, F_GETFD));
	struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 5 };
	rc = fcntl64(fd, F_SETLK, &lk);
	lk.l_type = F_RDLCK;
	int rc2 = fcntl64(fd, F_GETLK, &lk);
	printf("fcntl64 setlk: %d getlk %d own lock no conflict %d\n", rc, rc2, lk.l_type == F_UNLCK);
	close(fd);
	unlink("shims-file");
	unlink("shims-link");
	unlink("shims-fifo");
	unlink("shims-fifo2");
}

static int nonzero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 1;
	return 0;
}

static void randoms(void)
{
	unsigned char a[32], b[32];
	ssize_t na = getrandom(a, sizeof a, 0), nb = getrandom(b, sizeof b, GRND_NONBLOCK);
	printf("getrandom: %zd %zd nonzero %d distinct %d\n", na, nb, nonzero(a, 32), memcmp(a, b, 32) != 0);
	memset(a, 0, sizeof a);
	memset(b, 0, sizeof b);
	int ea = getentropy(a, sizeof a), eb = getentropy(b, sizeof b);
	printf("getentropy: %d %d", ea, eb);
	printf(" nonzero %d distinct %d", nonzero(a, 32), memcmp(a, b, 32) != 0);
	unsigned char big[300];
	int rc = getentropy(big, sizeof big);
	printf(" 300 bytes: %d %s\n", rc, strerror(errno));
	memset(a, 0, sizeof a);
	memset(b, 0, sizeof b);
	arc4random_buf(a, sizeof a);
	arc4random_buf(b, sizeof b);
	printf("arc4random_buf: nonzero %d distinct %d\n", nonzero(a, 32), memcmp(a, b, 32) != 0);
	uint32_t x = arc4random(), y = arc4random(), z = arc4random();
	printf("arc4random: distinct %d\n", x != y || y != z);
	int seen[10] = { 0 }, in_range = 1, all = 1;
	for (int i = 0; i < 2000; i++) {
		uint32_t u = arc4random_uniform(10);
		if (u >= 10)
			in_range = 0;
		else
			seen[u] = 1;
	}
	for (int i = 0; i < 10; i++)
		all &= seen[i];
	printf("arc4random_uniform: in range %d all seen %d one %u zero %u\n", in_range, all,
	       arc4random_uniform(1), arc4random_uniform(0));
}

static volatile sig_atomic_t on_alt;
static void handler(int sig)
{
	(void)sig;
	stack_t ss;
	sigaltstack(NULL, &ss);
	on_alt = (ss.ss_flags & SS_ONSTACK) != 0;
}

static void altstack(void)
{
	long min = sysconf(_SC_MINSIGSTKSZ), size = sysconf(_SC_SIGSTKSZ);
	printf("sysconf: minsigstksz %ld sigstksz %ld SIGSTKSZ %ld pagesize %d\n", min, size,
	       (long)SIGSTKSZ, sysconf(_SC_PAGESIZE) > 0);
	stack_t ss = { .ss_sp = malloc(SIGSTKSZ), .ss_size = SIGSTKSZ, .ss_flags = 0 };
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sa.sa_flags = SA_ONSTACK;
	int rc = sigaltstack(&ss, NULL);
	printf("sigaltstack: %d", rc);
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	printf(" handler on it %d\n", (int)on_alt);
}

int main(int argc, char **argv)
{
	char secret[64];
	if (argc > 1 && strcmp(argv[1], "overflow") == 0) {
		volatile size_t n = sizeof secret + 1;
		explicit_bzero(secret, n);
		return 0;
	}
	printf("initializers: %s constructors %d\n", order, inits);
	printf("single-threaded flag readable: %d\n", __libc_single_threaded == 0 || __libc_single_threaded == 1);
	stats();
	clockwaits();
	volatile size_t half = SIZE_MAX / 2 + 1;
	void *p = reallocarray(NULL, half, 2);
	printf("reallocarray overflow: %s %s\n", p ? "allocated" : "null", strerror(errno));
	int *q = reallocarray(NULL, 10, sizeof *q);
	q[9] = 9;
	q = reallocarray(q, 1000, sizeof *q);
	printf("reallocarray: %d %d\n", q != NULL, q[9]);
	free(q);
	memset(secret, 'x', sizeof secret);
	explicit_bzero(secret, sizeof secret);
	printf("explicit_bzero: cleared %d\n", !nonzero((unsigned char *)secret, sizeof secret));
	randoms();
	printf("gettid: main thread %d\n", gettid() == getpid() && gettid() == (pid_t)syscall(SYS_gettid));
	altstack();
	printf("__memcmpeq: %d %d\n", __memcmpeq("abc", "abc", 3) == 0, __memcmpeq("abc", "abd", 3) != 0);
	return 0;
}
