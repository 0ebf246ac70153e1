/* One way to grow an array, git's ALLOC_GROW: before storing element N,
 *
 *     MG_GROW(v, n + 1, cap);
 *     v[n++] = x;
 *
 * makes V hold at least N + 1 elements, growing CAP (a size_t, 0 for an
 * empty array) by half again plus a few, so that appending is amortised
 * O(1).  Out of memory ends the program (libiberty's xrealloc): sizes read
 * from untrusted files are never grown this way but allocated checked, at
 * once (docs/library.md). */
#ifndef MG_BASE_GROW_H
#define MG_BASE_GROW_H

#include <stddef.h>

#define MG_GROW(ptr, nr, alloc)                                                   \
	do {                                                                      \
		if ((nr) > (alloc))                                               \
			(ptr) = mg_grow((ptr), sizeof *(ptr), (nr), &(alloc));    \
	} while (0)

/* PTR (of elements of ELEM bytes) reallocated to hold at least NR, *ALLOC
 * updated.  Use MG_GROW. */
void *mg_grow(void *ptr, size_t elem, size_t nr, size_t *alloc);

#endif
