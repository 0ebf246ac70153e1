/* Reading a small text file whole (a linker script, a response file). */
#ifndef MG_SMALL_FILE_H
#define MG_SMALL_FILE_H

#include <stddef.h>

/* PATH's bytes, NUL-terminated, their number in *LEN; NULL when PATH cannot
 * be opened, is not a regular file (opening never blocks on a FIFO) or is
 * larger than MAX bytes.  Free with free(). */
char *mg_small_file_read(const char *path, size_t max, size_t *len);

#endif
