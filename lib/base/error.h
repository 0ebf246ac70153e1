/* Errors as values: every library call that can fail takes an mg_error and
 * fills it with the file it was working on and what went wrong.  Only the
 * programs print.  The struct is caller-owned and holds no heap memory. */
#ifndef MG_ERROR_H
#define MG_ERROR_H

#include <stddef.h>

typedef struct mg_error {
	char file[4096];   /* the file concerned, "" when none */
	char reason[1024]; /* what went wrong, without the file name */
} mg_error;

/* Fill ERR (which may be NULL) and return -1, so callers can write
 * `return mg_error_set(err, path, "...")`. */
int mg_error_set(mg_error *err, const char *file, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Reset ERR to "no error". */
void mg_error_clear(mg_error *err);

/* "FILE: REASON" (or just REASON) into BUF of SIZE bytes; returns BUF. */
const char *mg_error_format(const mg_error *err, char *buf, size_t size);

#endif
