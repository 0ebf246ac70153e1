/* The growth step behind MG_GROW (grow.h): half again plus 16, like git's
 * alloc_nr, and never less than asked for.  An allocation that would
 * overflow size_t is an allocation failure. */
#include "config.h"
#include "base/grow.h"

#include <stdint.h>

#include <libiberty/libiberty.h>

void *mg_grow(void *ptr, size_t elem, size_t nr, size_t *alloc)
{
	size_t next = *alloc < (SIZE_MAX - 16) / 3 * 2 ? (*alloc + 16) * 3 / 2 : SIZE_MAX;
	if (next < nr)
		next = nr;
	if (elem && next > SIZE_MAX / elem)
		xmalloc_failed(SIZE_MAX);
	*alloc = next;
	return xrealloc(ptr, next * elem);
}
