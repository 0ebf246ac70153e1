/* Opening an input file safely: every reader of a file named by a user
 * (an ELF file, an archive, a wheel, a manifest, a policy, a linker
 * script) opens it here, so that a FIFO, a device or a directory is an
 * error naming it instead of a read that blocks forever. */
#ifndef MG_BASE_INPUT_H
#define MG_BASE_INPUT_H

#include <sys/stat.h>

#include "base/error.h"

/* Open PATH read-only if it is a regular file.  The open itself never
 * blocks (O_NONBLOCK, which means nothing for the regular file that is
 * then read); anything else is refused with "not a regular file (a FIFO)"
 * and the like.  Returns the descriptor (close-on-exec), with ST filled
 * when not NULL; -1 with ERR naming PATH. */
int mg_input_open(const char *path, struct stat *st, mg_error *err);

/* The same for NAME in the directory open at DIRFD, without following a
 * symlink (one is "a symbolic link, not a regular file"); SHOWN names the
 * file in errors. */
int mg_input_openat(int dirfd, const char *name, const char *shown, struct stat *st,
		    mg_error *err);

/* "a FIFO", "a directory", ... for a file of MODE, for messages. */
const char *mg_input_kind(mode_t mode);

#endif
