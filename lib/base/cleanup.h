/* Files that must not outlive the process, even one killed by a signal:
 * the temporary files of a link (manyguard-ld.XXXXXX), of a compiler
 * query (manyguard-err.XXXXXX), of an atomic write, and an output not yet
 * verified.  Code that makes such a file remembers its path here; a
 * program that opts in (mg_cleanup_on_fatal_signals) removes every path
 * remembered when SIGINT, SIGTERM, SIGHUP or SIGQUIT arrives, then dies of
 * that signal as it would have, so that make and shells see it.  A child
 * the program waits for (the real linker, the compiler) gets the signal
 * too, and is waited for first: killed alone by `timeout` or a CI job, a
 * wrapper must not leave a linker writing an output nobody verifies.
 *
 * The table is the process's (one per process, as signals are); at most
 * MG_CLEANUP_MAX paths at a time, which is more than any program here
 * holds.  Ownership: the table keeps its own copies. */
#ifndef MG_BASE_CLEANUP_H
#define MG_BASE_CLEANUP_H

#include <spawn.h>
#include <stdbool.h>
#include <sys/types.h>

#define MG_CLEANUP_MAX 32

/* mkstemp(TEMPLATE), its path remembered with no signal arriving in
 * between (the fatal signals are blocked meanwhile).  Returns the
 * descriptor, or -1 with errno set; *SLOT receives what
 * mg_cleanup_forget takes. */
int mg_cleanup_mkstemp(char *template, int *slot);

/* Remember PATH (a file, or a directory: removed if it is empty by
 * then); returns its slot, or -1 when the table is full (the path is then
 * removed on a normal exit only). */
int mg_cleanup_add(const char *path);

/* Forget SLOT (-1 is allowed): its path is no longer removed on a signal.
 * The caller removes or keeps the file itself. */
void mg_cleanup_forget(int slot);

/* Remove every path remembered.  Async-signal-safe. */
void mg_cleanup_now(void);

/* The child running now (0: none): a fatal signal is passed on to it, and
 * the child waited for, before the paths are removed. */
void mg_cleanup_child(pid_t pid);

/* posix_spawn (posix_spawnp with SEARCH) of FILE with ARGV, ENVP and the
 * file actions FA (may be NULL), made the child of mg_cleanup_child with
 * no signal arriving in between; the child starts with the signal mask
 * the caller had.  Returns posix_spawn's result.  The caller waits for
 * the child, then calls mg_cleanup_child(0). */
int mg_cleanup_spawn(pid_t *pid, const char *file, bool search,
		     const posix_spawn_file_actions_t *fa, char *const argv[],
		     char *const envp[]);

/* Die of SIG as if no handler had been there: its default action
 * restored, SIG unblocked, then raised (a program that ends the way its
 * child did, so that make and shells see the signal).  Returns only when
 * SIG's default action does not end the process.  Async-signal-safe. */
void mg_cleanup_reraise(int sig);

/* For programs: on SIGINT, SIGTERM, SIGHUP and SIGQUIT, pass the signal on
 * to the child (mg_cleanup_child) and wait for it, remove every path
 * remembered, then die of the signal.  A signal the program was started
 * with ignored (nohup) stays ignored. */
void mg_cleanup_on_fatal_signals(void);

#endif
