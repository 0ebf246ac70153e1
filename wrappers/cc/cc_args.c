/* The compiler wrapper's argument vector: append, insert, measure; always
 * NULL-terminated, so it can be handed to exec as it is. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "base/grow.h"
#include "cc/cc_args.h"

/* Room for EXTRA more strings and the NULL. */
static void cc_args_reserve(cc_args *a, size_t extra)
{
	MG_GROW(a->argv, a->argc + extra + 1, a->cap);
}

cc_args *cc_args_new(void)
{
	cc_args *a = XCNEW(cc_args);
	cc_args_reserve(a, 0);
	a->argv[0] = NULL;
	return a;
}

cc_args *cc_args_from_argv(size_t n, char *const *argv)
{
	cc_args *a = cc_args_new();
	cc_args_reserve(a, n);
	for (size_t i = 0; i < n; i++)
		a->argv[i] = xstrdup(argv[i]);
	a->argc = n;
	a->argv[n] = NULL;
	return a;
}

void cc_args_free(cc_args *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->argc; i++)
		free(a->argv[i]);
	free(a->argv);
	free(a);
}

void cc_args_add(cc_args *a, const char *s)
{
	cc_args_insert(a, a->argc, s);
}

void cc_args_insert(cc_args *a, size_t pos, const char *s)
{
	cc_args_reserve(a, 1);
	memmove(a->argv + pos + 1, a->argv + pos, (a->argc - pos + 1) * sizeof *a->argv);
	a->argv[pos] = xstrdup(s);
	a->argc++;
}

size_t cc_args_length(const cc_args *a)
{
	size_t len = 0;
	for (size_t i = 0; i < a->argc; i++)
		len += strlen(a->argv[i]) + 1;
	return len;
}
