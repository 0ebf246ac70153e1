/* __memcmpeq for targets before glibc 2.35: memcmp whose result is only
 * compared with zero.  GCC 12 and later emit calls to it for
 * `memcmp(...) == 0` when the glibc they were configured for has it
 * (bookworm's GCC 12 does not; Ubuntu 22.04's and newer GCCs do). */
#include <string.h>

#include "shim.h"

MG_SHIM int __memcmpeq(const void *a, const void *b, size_t n)
{
	return memcmp(a, b, n) != 0;
}
