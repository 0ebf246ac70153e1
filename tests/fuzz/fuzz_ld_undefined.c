/* The linker wrapper's reader of a failed link's messages on arbitrary
 * bytes: the real linker's standard error is whatever it printed. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ld/ld_undefined.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char **names;
	size_t n = ld_undefined_names((const char *)data, size, &names);
	/* Every name is a non-empty string no longer than the input, and
	 * names are not repeated. */
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(names[i]);
		if (len == 0 || len > size)
			__builtin_trap();
		for (size_t k = 0; k < i; k++)
			if (strcmp(names[k], names[i]) == 0)
				__builtin_trap();
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return 0;
}
