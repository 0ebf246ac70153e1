/* openmp.json's reader (lib/policy/ompinfo.h) on arbitrary bytes: the
 * linker wrapper reads the file next to whatever OpenMP runtime a link
 * resolved, and `manyguard openmp --check` any directory it is given. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "policy/ompinfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mg_ompinfo info;
	mg_error err;
	int rc = mg_ompinfo_parse((const char *)data, size, "fuzz/openmp.json", "/fuzz", &info,
				  &err);
	/* Read: every fact is there; refused: nothing is left. */
	if (rc == 1 && (!info.source || !info.policy || !info.glibc_max || !info.library ||
			strcmp(info.dir, "/fuzz") != 0))
		__builtin_trap();
	if (rc != 1 && (info.source || info.dir || !err.reason[0]))
		__builtin_trap();
	mg_ompinfo_free(&info);
	return 0;
}
