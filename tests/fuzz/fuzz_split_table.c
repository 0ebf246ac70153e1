/* The reader of a runtime directory's newer-symbols.txt (policy/split.h)
 * on arbitrary bytes: the file is covered by the directory's digest, but
 * one made by hand must give an error, not a crash.  A table that parses
 * finds each of its symbols by name and by demangled name. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "policy/split.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mg_error err;
	mg_split *split = mg_split_from_table((const char *)data, size, &err);
	if (!split)
		return 0;
	/* Every symbol line names itself: look the names up again. */
	const char *p = memchr(data, '\n', size);
	while (p && (size_t)(p + 1 - (const char *)data) < size) {
		const char *line = p + 1;
		size_t left = size - (size_t)(line - (const char *)data);
		const char *tab = memchr(line, '\t', left);
		p = memchr(line, '\n', left);
		if (!tab || (p && tab > p))
			__builtin_trap();
		char name[256];
		size_t n = (size_t)(tab - line);
		if (n < sizeof name && !memchr(line, '\0', n)) {
			memcpy(name, line, n);
			name[n] = '\0';
			const mg_split_symbol *s = mg_split_find(split, name);
			if (!s || !mg_split_find(split, s->demangled))
				__builtin_trap();
			mg_split_links(s);
		}
	}
	mg_split_baseline(split);
	mg_split_free(split);
	return 0;
}
