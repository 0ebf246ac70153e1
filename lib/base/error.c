/* The error value every library call fills: the file concerned and the
 * reason, formatted for the programs to print. */
#include "config.h"
#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int mg_error_set(mg_error *err, const char *file, const char *fmt, ...)
{
	if (!err)
		return -1;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->reason, sizeof err->reason, fmt, ap);
	va_end(ap);
	return -1;
}

void mg_error_clear(mg_error *err)
{
	if (err) {
		err->file[0] = '\0';
		err->reason[0] = '\0';
	}
}

const char *mg_error_format(const mg_error *err, char *buf, size_t size)
{
	if (err->file[0])
		snprintf(buf, size, "%s: %s", err->file, err->reason);
	else
		snprintf(buf, size, "%s", err->reason);
	return buf;
}
