/* Running the real compiler: exec it in place of the wrapper, or, when the
 * command line is too long for exec, run it with a response file and
 * leave as it left (its exit status, or its death by signal). */
#include "config.h"

#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "cc/cc_exec.h"
#include "base/cleanup.h"
#include "base/diag.h"

extern char **environ;

static void report(const char *program, const char *what, int errnum)
{
	char msg[4096];
	snprintf(msg, sizeof msg, "cannot run %s: %s", what, strerror(errnum));
	mg_diag d = { .program = program, .severity = MG_SEV_ERROR, .message = msg };
	char line[4200];
	mg_diag_format(&d, line, sizeof line);
	fprintf(stderr, "%s\n", line);
}

static int exec_status(int errnum)
{
	return errnum == ENOENT ? 127 : 126;
}

int cc_exec(const char *program, const char *file, const cc_args *argv)
{
	fflush(NULL);
	if (file)
		execv(file, argv->argv);
	else
		execvp(argv->argv[0], argv->argv);
	int errnum = errno;
	report(program, file ? file : argv->argv[0], errnum);
	return exec_status(errnum);
}

int cc_exec_with_response_file(const char *program, const char *exe, const cc_args *argv,
			      size_t ncommand)
{
	/* Removed should a fatal signal end the wrapper (base/cleanup.h),
	 * which passes the signal on to the compiler first. */
	const char *dir = getenv("TMPDIR");
	char *file = concat(dir && *dir ? dir : "/tmp", "/manyguard-rsp.XXXXXX", NULL);
	int slot;
	int fd = mg_cleanup_mkstemp(file, &slot);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		int errnum = errno;
		report(program, file, errnum);
		if (fd >= 0) {
			close(fd);
			unlink(file);
		}
		mg_cleanup_forget(slot);
		free(file);
		return 1;
	}
	bool ok = writeargv(argv->argv + ncommand, f) == 0;
	ok = fclose(f) == 0 && ok;
	if (!ok) {
		report(program, file, errno);
		unlink(file);
		mg_cleanup_forget(slot);
		free(file);
		return 1;
	}

	cc_args *child = cc_args_from_argv(ncommand, argv->argv);
	char *at = concat("@", file, NULL);
	cc_args_add(child, at);
	free(at);

	pid_t pid;
	int status = 0;
	int rc = mg_cleanup_spawn(&pid, exe ? exe : child->argv[0], !exe, NULL, child->argv,
				  environ);
	if (rc == 0) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		mg_cleanup_child(0);
	}
	unlink(file);
	mg_cleanup_forget(slot);
	free(file);
	if (rc != 0) {
		report(program, child->argv[0], rc);
		cc_args_free(child);
		return exec_status(rc);
	}
	cc_args_free(child);
	/* Die the way the child died, so that make and shells see the signal. */
	if (WIFSIGNALED(status))
		mg_cleanup_reraise(WTERMSIG(status));
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
