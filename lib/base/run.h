/* Running a child program with an argv (no shell), through libiberty's
 * pex_one: its standard error is captured so that a failure can be
 * reported with what the child said, attached to the file concerned. */
#ifndef MG_RUN_H
#define MG_RUN_H

#include "base/error.h"

/* Run ARGV (ARGV[0] searched on PATH), stdout and stderr captured into
 * temporary files, stdin from /dev/null.  Returns 0 when the child exited
 * with status 0.  Otherwise -1 with ERR naming FILE (what the child was
 * working on) and the child's exit status or signal and the last lines of
 * its output, e.g. "cc failed (exit 1): stub.s:3: Error: ...".
 * When OUTPUT is not NULL it receives the child's stdout (malloc'd,
 * NUL-terminated; the caller frees it) on success. */
int mg_run(const char *const *argv, const char *file, char **output, mg_error *err);

/* `CC -print-file-name=NAME` resolved to a real path (malloc'd), or NULL
 * with ERR naming CC when the compiler has no such file (it then prints
 * NAME back). */
char *mg_run_compiler_file(const char *cc, const char *name, mg_error *err);

/* PROGRAM found in one of PATH's absolute directories (default
 * "/usr/bin:/bin"), as "DIR/PROGRAM" (malloc'd, not resolved), or NULL.
 * Relative directories are passed over: the answer must not depend on the
 * directory the caller runs in. */
char *mg_run_find_program(const char *program);

#endif
