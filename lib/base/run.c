/* Running a child with an argv through libiberty's pex (never a shell):
 * its standard output captured, its standard error kept in a temporary
 * file whose last lines explain a failure. */
#include "config.h"
#include "base/run.h"
#include "base/cleanup.h"
#include "base/grow.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

/* Everything readable from F, NUL-terminated (malloc'd). */
static char *read_stream(FILE *f)
{
	size_t len = 0, cap = 0;
	char *buf = NULL;
	size_t got;
	do {
		MG_GROW(buf, len + 4096, cap);
		got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
	} while (got > 0);
	buf[len] = '\0';
	return buf;
}

/* The whole of a small file, or NULL. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *text = read_stream(f);
	fclose(f);
	return text;
}

/* The last few lines of TEXT on one line, for an error message. */
static void tail_lines(const char *text, char *out, size_t size)
{
	size_t len = strlen(text);
	while (len && (text[len - 1] == '\n' || text[len - 1] == ' '))
		len--;
	size_t start = len, lines = 0;
	while (start > 0 && lines < 4) {
		start--;
		if (text[start] == '\n')
			lines++;
	}
	if (text[start] == '\n')
		start++;
	size_t n = 0;
	for (size_t i = start; i < len && n + 1 < size; i++)
		out[n++] = text[i] == '\n' ? ';' : text[i];
	out[n] = '\0';
}

/* A new empty temporary file under $TMPDIR (or /tmp), removed should a
 * fatal signal end the process (base/cleanup.h); its fd, or -1. */
static int temp_file(char *path, size_t size, const char *tag, int *slot)
{
	const char *dir = getenv("TMPDIR");
	snprintf(path, size, "%s/manyguard-%s.XXXXXX", dir && *dir ? dir : "/tmp", tag);
	return mg_cleanup_mkstemp(path, slot);
}

int mg_run(const char *const *argv, const char *file, char **output, mg_error *err)
{
	/* Standard error goes to a file, not a pipe: reading stdout to its end
	 * while the child blocks on a full stderr pipe would deadlock. */
	char err_path[4096];
	int slot;
	int err_fd = temp_file(err_path, sizeof err_path, "err", &slot);
	if (err_fd < 0)
		return mg_error_set(err, file, "cannot create a temporary file: %s", strerror(errno));
	close(err_fd);

	struct pex_obj *pex = pex_init(PEX_USE_PIPES, argv[0], NULL);
	int sys_errno = 0, status = 0, rc = 0;
	char *child_out = NULL;
	/* Not PEX_LAST: the output then stays in a pipe for pex_read_output. */
	const char *failed = pex_run(pex, PEX_SEARCH, argv[0], (char *const *)argv,
				     NULL, err_path, &sys_errno);
	if (!failed) {
		FILE *out = pex_read_output(pex, 0);
		if (out)
			child_out = read_stream(out);
		if (!pex_get_status(pex, 1, &status))
			failed = "cannot get its exit status";
	}
	pex_free(pex);

	char *child_err = slurp(err_path);
	if (failed) {
		rc = mg_error_set(err, file, "cannot run %s: %s%s%s", argv[0], failed,
				  sys_errno ? ": " : "", sys_errno ? strerror(sys_errno) : "");
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		char tail[600];
		tail_lines(child_err ? child_err : "", tail, sizeof tail);
		if (WIFSIGNALED(status))
			rc = mg_error_set(err, file, "%s was killed by signal %d%s%s", argv[0],
					  WTERMSIG(status), *tail ? ": " : "", tail);
		else
			rc = mg_error_set(err, file, "%s failed (exit %d)%s%s", argv[0],
					  WEXITSTATUS(status), *tail ? ": " : "", tail);
	} else if (output) {
		*output = child_out ? child_out : xstrdup("");
		child_out = NULL;
	}
	free(child_out);
	free(child_err);
	unlink(err_path);
	mg_cleanup_forget(slot);
	return rc;
}

char *mg_run_compiler_file(const char *cc, const char *name, mg_error *err)
{
	char *opt = concat("-print-file-name=", name, NULL);
	const char *argv[] = { cc, opt, NULL };
	char *out = NULL;
	int rc = mg_run(argv, cc, &out, err);
	free(opt);
	if (rc != 0)
		return NULL;
	out[strcspn(out, "\n")] = '\0';
	char *real = strchr(out, '/') ? realpath(out, NULL) : NULL;
	if (!real)
		mg_error_set(err, cc, "the compiler has no %s (it printed \"%s\")", name, out);
	free(out);
	return real;
}

char *mg_run_find_program(const char *program)
{
	const char *path = getenv("PATH");
	char *copy = xstrdup(path && *path ? path : "/usr/bin:/bin");
	char *found = NULL;
	for (char *save = NULL, *dir = strtok_r(copy, ":", &save); dir && !found;
	     dir = strtok_r(NULL, ":", &save)) {
		char *file = concat(dir, "/", program, NULL);
		if (dir[0] == '/' && access(file, X_OK) == 0)
			found = file;
		else
			free(file);
	}
	free(copy);
	return found;
}
