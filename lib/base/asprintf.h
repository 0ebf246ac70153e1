/* printf into a new string, the one way the project does it.  libiberty's
 * xasprintf cannot serve: it sizes its buffer with its own format parser,
 * which does not know the z modifier and reads past the arguments on %zu
 * (libiberty 20230104). */
#ifndef MG_BASE_ASPRINTF_H
#define MG_BASE_ASPRINTF_H

#include <stdarg.h>

/* FMT formatted into a new malloc'd string; out of memory ends the
 * program like libiberty's x* allocators. */
char *mg_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *mg_vasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
