/* The linker wrapper's script reader on arbitrary bytes: input scripts are
 * whatever file a -l or an input path names. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ld/ld_script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ld_script script;
	mg_error err;
	int rc = ld_script_parse((const char *)data, size, "fuzz", &script, &err);
	/* Entries are always non-empty strings; a result of 0 has none. */
	for (size_t i = 0; i < script.count; i++)
		if (script.entries[i].name[0] == '\0' || (rc == 0 && script.count))
			__builtin_trap();
	ld_script_free(&script);
	return 0;
}
