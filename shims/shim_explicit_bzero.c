/* explicit_bzero and its fortified form __explicit_bzero_chk (what
 * _FORTIFY_SOURCE makes of a call when the buffer's size is known) for
 * targets before glibc 2.25: memset that the compiler may not remove as a
 * dead store, because the memory is passed to an empty asm that may read
 * it.  The fortified form fails like every __*_chk when the buffer is
 * smaller than the length (__chk_fail: "buffer overflow detected"). */
#include <string.h>

#include "shim.h"

extern void __chk_fail(void) __attribute__((noreturn));

MG_SHIM void explicit_bzero(void *s, size_t n)
{
	memset(s, 0, n);
	__asm__ __volatile__("" : : "r"(s) : "memory");
}

MG_SHIM void __explicit_bzero_chk(void *s, size_t n, size_t size);

void __explicit_bzero_chk(void *s, size_t n, size_t size)
{
	if (size < n)
		__chk_fail();
	explicit_bzero(s, n);
}
