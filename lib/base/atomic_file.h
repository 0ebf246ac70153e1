/* Files that appear whole or not at all, and the directories they go in.
 * Readers (another link, a CI collector, ld itself) never see half a file:
 * the data goes to a temporary file next to the target, which replaces the
 * target in one rename. */
#ifndef MG_ATOMIC_FILE_H
#define MG_ATOMIC_FILE_H

#include <stddef.h>
#include <sys/types.h>

#include "base/error.h"

/* The mode a new file gets by default: 0666 minus the umask. */
mode_t mg_atomic_file_mode(void);

/* Write SIZE bytes of DATA to PATH with MODE, atomically; synced to disk
 * before the rename.  On failure PATH is untouched and no temporary file
 * remains; ERR names PATH. */
int mg_atomic_file_write(const char *path, const void *data, size_t size, mode_t mode,
			 mg_error *err);

/* mkdir -p DIR.  Another process creating a part at the same moment is
 * fine (parallel links share cache and manifest directories). */
int mg_atomic_file_mkdir_p(const char *dir, mg_error *err);

#endif
