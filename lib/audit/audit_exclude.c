/* What an audit of a directory leaves out.  A build tree holds the
 * programs configure, CMake and meson compiled only to learn about the
 * compiler (CMake's CMakeFiles/3.25.1/CompilerIdC/a.out, meson's
 * sanitycheckcpp.exe, a conftest an interrupted configure left): they are
 * nobody's output, and counted they drown what the build made.  In a
 * plain directory (not a wheel, not a site-packages tree) their paths are
 * left out by the table below; --exclude adds patterns of the user's,
 * which apply to every walked directory.  A pattern matches with fnmatch
 * (a `*` never crosses a `/`) the path relative to the directory audited
 * or any tail of it that starts after a `/`, so `conftest*` matches
 * `sub/conftest.o`; a leading `/` anchors it at the directory audited.
 * A directory that matches is left out whole and counted once. */
#include "config.h"
#include "audit/audit_internal.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

/* The probe outputs, by build system (docs/audit.md lists them). */
static const char *const probes[] = {
	"CMakeFiles/*/CompilerId*", /* CMake: the compiler's identification */
	"CMakeFiles/CMakeScratch",  /* CMake >= 3.24: try_compile projects */
	"CMakeFiles/CMakeTmp",      /* older CMake: try_compile projects */
	"meson-private",            /* meson: sanity checks, compiler probes */
	"conftest*",                /* autoconf: a test program left behind */
};

void audit_exclude_init(mg_audit *a)
{
	size_t n_probes = sizeof probes / sizeof probes[0];
	a->exclusions = XCNEWVEC(mg_audit_exclusion, n_probes + a->opts.n_exclude + 1);
	for (size_t i = 0; i < n_probes; i++)
		a->exclusions[a->n_exclusions++] = (mg_audit_exclusion){ .pattern = probes[i], .probe = true };
	for (size_t i = 0; i < a->opts.n_exclude; i++)
		a->exclusions[a->n_exclusions++] = (mg_audit_exclusion){ .pattern = a->opts.exclude[i] };
}

static bool matches(const char *pattern, const char *rel)
{
	if (pattern[0] == '/')
		return fnmatch(pattern + 1, rel, FNM_PATHNAME | FNM_PERIOD) == 0;
	for (const char *tail = rel; tail; tail = strchr(tail, '/'), tail = tail ? tail + 1 : NULL)
		if (fnmatch(pattern, tail, FNM_PATHNAME | FNM_PERIOD) == 0)
			return true;
	return false;
}

bool audit_excluded_path(mg_audit *a, const char *rel)
{
	if (!rel || !*rel)
		return false;
	bool plain = a->packages[a->pkg].kind == MG_AUDIT_DIRECTORY;
	for (size_t i = 0; i < a->n_exclusions; i++) {
		mg_audit_exclusion *s = &a->exclusions[i];
		if (s->probe && (!plain || a->opts.keep_probes))
			continue;
		if (matches(s->pattern, rel)) {
			s->paths++;
			return true;
		}
	}
	return false;
}

void audit_exclude_free(mg_audit *a)
{
	free(a->exclusions);
	a->exclusions = NULL;
	a->n_exclusions = 0;
}

size_t mg_audit_exclusion_count(const mg_audit *a)
{
	return a->n_exclusions;
}

const mg_audit_exclusion *mg_audit_exclusion_at(const mg_audit *a, size_t i)
{
	return i < a->n_exclusions ? &a->exclusions[i] : NULL;
}

size_t mg_audit_excluded(const mg_audit *a)
{
	size_t n = 0;
	for (size_t i = 0; i < a->n_exclusions; i++)
		n += a->exclusions[i].paths;
	return n;
}
