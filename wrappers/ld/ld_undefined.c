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
};

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
			 * their own ("operator\"\"_x"), and GNU ld ends the line with it. */
			char *stop = patterns[p].close ? strrchr(name, patterns[p].close)
						       : name + strlen(name);
			if (!stop || stop == name)
				break;
			*stop = '\0';
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
