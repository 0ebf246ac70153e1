/* A tiny argument vector, ccache-style: every place the compiler wrapper
 * edits a command line goes through these calls, so the vector always ends
 * in NULL and can be handed to execv as it is.  The vector owns copies of
 * its strings; args_free frees them. */
#ifndef MG_WRAPPERS_ARGS_H
#define MG_WRAPPERS_ARGS_H

#include <stddef.h>

typedef struct args {
	char **argv; /* argc strings, then NULL */
	size_t argc;
	size_t cap;
} args;

/* An empty vector (argv = { NULL }).  Free with args_free. */
args *args_new(void);
/* A copy of the first N strings of ARGV. */
args *args_from_argv(size_t n, char *const *argv);
void args_free(args *a);

void args_add(args *a, const char *s);
/* Insert S before position POS (0 <= POS <= argc). */
void args_insert(args *a, size_t pos, const char *s);
/* Total bytes the strings take on an exec command line (with their NULs). */
size_t args_length(const args *a);

#endif
