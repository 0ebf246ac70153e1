/* The table of paths to remove when a fatal signal arrives.  A slot is
 * filled (the copy made first, then published by setting its flag) and
 * emptied outside the handler; the handler only reads published slots and
 * calls unlink (rmdir for a directory), which are async-signal-safe.  The table is process-wide
 * state on purpose: so is a signal. */
#include "config.h"
#include "base/cleanup.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

static char *paths[MG_CLEANUP_MAX];
static volatile sig_atomic_t used[MG_CLEANUP_MAX];
static volatile pid_t child;

static const int fatal_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

static void block_fatal(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
		sigaddset(&set, fatal_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

int mg_cleanup_add(const char *path)
{
	sigset_t old;
	block_fatal(&old);
	int slot = -1;
	for (int i = 0; i < MG_CLEANUP_MAX && slot < 0; i++)
		if (!used[i]) {
			free(paths[i]);
			paths[i] = xstrdup(path);
			used[i] = 1;
			slot = i;
		}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return slot;
}

void mg_cleanup_forget(int slot)
{
	if (slot >= 0 && slot < MG_CLEANUP_MAX)
		used[slot] = 0;
}

int mg_cleanup_mkstemp(char *template, int *slot)
{
	sigset_t old;
	block_fatal(&old);
	int fd = mkstemp(template);
	int saved = errno;
	*slot = fd >= 0 ? mg_cleanup_add(template) : -1;
	sigprocmask(SIG_SETMASK, &old, NULL);
	errno = saved;
	return fd;
}

void mg_cleanup_now(void)
{
	int saved = errno;
	for (int i = 0; i < MG_CLEANUP_MAX; i++)
		if (used[i] && unlink(paths[i]) != 0 && errno == EISDIR)
			rmdir(paths[i]);
	errno = saved;
}

static void on_fatal_signal(int sig)
{
	int saved = errno;
	pid_t c = child;
	if (c > 0) {
		kill(c, sig);
		while (waitpid(c, NULL, 0) < 0 && errno == EINTR)
			;
	}
	mg_cleanup_now();
	mg_cleanup_reraise(sig);
	errno = saved;
}

void mg_cleanup_reraise(int sig)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigaction(sig, &sa, NULL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
}

void mg_cleanup_child(pid_t pid)
{
	child = pid;
}

int mg_cleanup_spawn(pid_t *pid, const char *file, bool search,
		     const posix_spawn_file_actions_t *fa, char *const argv[],
		     char *const envp[])
{
	sigset_t old;
	block_fatal(&old);
	posix_spawnattr_t attr;
	posix_spawnattr_init(&attr);
	posix_spawnattr_setsigmask(&attr, &old);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
	int rc = search ? posix_spawnp(pid, file, fa, &attr, argv, envp)
			: posix_spawn(pid, file, fa, &attr, argv, envp);
	posix_spawnattr_destroy(&attr);
	if (rc == 0)
		child = *pid;
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}

void mg_cleanup_on_fatal_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
		sigaddset(&sa.sa_mask, fatal_signals[i]);
	for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++) {
		struct sigaction old;
		/* A signal the parent made us ignore (nohup, a background job's
		 * SIGINT) stays ignored. */
		if (sigaction(fatal_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(fatal_signals[i], &sa, NULL);
	}
}
