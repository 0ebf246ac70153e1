/* reallocarray for targets before glibc 2.26 (from OpenBSD): realloc of
 * NMEMB * SIZE bytes, failing with ENOMEM instead of wrapping around when
 * the product overflows. */
#include <errno.h>
#include <stdlib.h>

#include "shim.h"

MG_SHIM void *reallocarray(void *ptr, size_t nmemb, size_t size)
{
	size_t bytes;
	if (__builtin_mul_overflow(nmemb, size, &bytes)) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(ptr, bytes);
}
