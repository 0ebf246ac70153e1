/* One demangler for every report: libiberty's, with parameters and ANSI
 * qualifiers, the way GCC's own diagnostics spell a function.  Only
 * Itanium names ("_Z...") are tried: a C name that happens to look like
 * an old-style mangled one is left alone. */
#include "config.h"
#include "base/demangle.h"

#include <string.h>

#include <libiberty/demangle.h>

char *mg_demangle(const char *name)
{
	if (strncmp(name, "_Z", 2) != 0)
		return NULL;
	return cplus_demangle(name, DMGL_PARAMS | DMGL_ANSI);
}
