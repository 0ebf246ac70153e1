/* Core metadata's reader (lib/audit/pkgmeta.h) on arbitrary bytes: the
 * audit reads the METADATA of every wheel and installed distribution it is
 * given. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "audit/pkgmeta.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char extra[8];
	memset(extra, 'x', sizeof extra);
	mg_pkgmeta_dep dep = mg_pkgmeta_requires((const char *)data, size, "manyguard-openmp",
						 extra, sizeof extra);
	/* An answer of the three, the extra's name a string within its buffer. */
	if (dep != MG_PKGMETA_ABSENT && dep != MG_PKGMETA_EXTRA && dep != MG_PKGMETA_REQUIRED)
		__builtin_trap();
	if (!memchr(extra, '\0', sizeof extra))
		__builtin_trap();
	if (dep != MG_PKGMETA_EXTRA && extra[0])
		__builtin_trap();
	return 0;
}
