/* Formatting into a new string with the C library's printf, measured
 * first, allocated with libiberty's xmalloc. */
#include "config.h"
#include "base/asprintf.h"

#include <stdio.h>

#include <libiberty/libiberty.h>

char *mg_vasprintf(const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	size_t size = n > 0 ? (size_t)n + 1 : 1;
	char *s = xmalloc(size);
	if (n > 0)
		vsnprintf(s, size, fmt, again);
	else
		s[0] = '\0';
	va_end(again);
	return s;
}

char *mg_asprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = mg_vasprintf(fmt, ap);
	va_end(ap);
	return s;
}
