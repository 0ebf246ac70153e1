/* Small helpers the C unit tests share: running a tool, reading and writing
 * whole files. */
#ifndef MG_TESTUTIL_H
#define MG_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>

/* Run ARGV (PATH lookup) with stdout to OUT (or /dev/null) and stderr to
 * /dev/null; true when it exits with status 0. */
bool tu_run(const char *out, char *const argv[]);

/* The whole file at PATH (malloc'd, *SIZE bytes), or NULL. */
char *tu_slurp(const char *path, size_t *size);

/* Write TEXT to PATH; true on success. */
bool tu_write_file(const char *path, const char *text);

#endif
