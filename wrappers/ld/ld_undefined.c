/* Reading the undefined references out of a failed link's messages; see
 * ld_undefined.h.  The linkers print names demangled (their default): the
 * runtimes' facts look names up both ways. */
#include "config.h"
#include "ld/ld_undefined.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

/* Where a name starts after MARKER, and the quote that ends it ('\0': the
 * end of the line). */
static const struct pattern {
	const char *marker;
	char close;
} patterns[] = {
	{ "undefined reference to `", '\'' },
	{ "undefined reference to '", '\'' },
	{ "undefined symbol: ", '\0' },
	/* lld, for a library's reference: "undefined reference to NAME@V
	 * [--no-allow-shlib-undefined]". */
	{ "undefined reference to ", ' ' },
};

/* gold names a library's versioned reference "'NAME', version 'V'": as
 * NAME@V, the way GNU ld and lld print it. */
static void gold_version(char *name)
{
	static const char mid[] = "', version '";
	char *at = strstr(name, mid);
	if (at) {
		*at = '@';
		memmove(at + 1, at + strlen(mid), strlen(at + strlen(mid)) + 1);
	}
}

static bool seen(char **names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

size_t ld_undefined_names(const char *text, size_t len, char ***names)
{
	size_t n = 0;
	*names = NULL;
	const char *end = text + len;
	for (const char *line = text; line < end;) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		const char *eol = nl ? nl : end;
		char *copy = xstrndup(line, (size_t)(eol - line));
		for (size_t p = 0; p < sizeof patterns / sizeof patterns[0]; p++) {
			char *at = strstr(copy, patterns[p].marker);
			if (!at)
				continue;
			char *name = at + strlen(patterns[p].marker);
			/* The closing quote is the last one: names have quotes of
			 * their own ("operator\"\"_x"), and GNU ld ends the line with
			 * it; an unquoted name ends at the first space. */
			char *stop = patterns[p].close == ' ' ? name + strcspn(name, " ")
				     : patterns[p].close ? strrchr(name, patterns[p].close)
							 : name + strlen(name);
			if (!stop || stop == name)
				break;
			/* Unquoted, the name ends the line or precedes lld's "[...]"
			 * (GNU ld's "undefined reference to symbol 'X'" is another
			 * message: a library missing from the line). */
			if (patterns[p].close == ' ' && *stop && strncmp(stop, " [", 2) != 0)
				break;
			*stop = '\0';
			gold_version(name);
			if (!seen(*names, n, name)) {
				*names = xrealloc(*names, (n + 1) * sizeof **names);
				(*names)[n++] = xstrdup(name);
			}
			break;
		}
		free(copy);
		line = eol + 1;
	}
	return n;
}
