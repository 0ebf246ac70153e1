/* Reading a small text file whole (a linker script, a response file). */
#ifndef MG_SMALL_FILE_H
#define MG_SMALL_FILE_H

#include <stddef.h>

#include "base/error.h"

/* PATH's bytes, NUL-terminated, their number in *LEN; NULL with ERR (may
 * be NULL) naming PATH when it cannot be opened or read, is not a regular
 * file (opening never blocks on a FIFO: base/input.h) or is larger than
 * MAX bytes.  Free with free(). */
char *mg_small_file_read(const char *path, size_t max, size_t *len, mg_error *err);

#endif
