/* A tiny argument vector, ccache-style: every place the compiler wrapper
 * edits a command line goes through these calls, so the vector always ends
 * in NULL and can be handed to execv as it is.  The vector owns copies of
 * its strings; cc_args_free frees them. */
#ifndef MG_WRAPPERS_ARGS_H
#define MG_WRAPPERS_ARGS_H

#include <stddef.h>

typedef struct cc_args {
	char **argv; /* argc strings, then NULL */
	size_t argc;
	size_t cap;
} cc_args;

/* An empty vector (argv = { NULL }).  Free with cc_args_free. */
cc_args *cc_args_new(void);
/* A copy of the first N strings of ARGV. */
cc_args *cc_args_from_argv(size_t n, char *const *argv);
void cc_args_free(cc_args *a);

void cc_args_add(cc_args *a, const char *s);
/* Insert S before position POS (0 <= POS <= argc). */
void cc_args_insert(cc_args *a, size_t pos, const char *s);
/* Total bytes the strings take on an exec command line (with their NULs). */
size_t cc_args_length(const cc_args *a);

#endif
