/* The audit's words for the findings of lib/rules about one file: what
 * was found (MESSAGE, the file is the place beside it), what happens at
 * run time (EFFECT) and what to do (FIX).  Without words of its own a
 * finding gets the rule table's why and fix. */
#include "config.h"
#include "audit/audit_internal.h"
#include "base/asprintf.h"

#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

/* A name the runtime lacks at the caps, left undefined. */
static void absent(mg_finding *f, const char *file)
{
	const mg_finding_version *v = &f->u.version;
	if (v->unnamed) {
		f->message = mg_asprintf("leaves %s undefined, which %s has in %s, a library the "
					 "file does not need", f->symbols[0], v->cap, v->library);
		f->effect = mg_asprintf("on a %s system the file fails to load unless the process "
					"has %s: \"undefined symbol: %s\" (%s)", v->cap, v->library,
					f->symbols[0], lbasename(file));
	} else {
		f->message = mg_asprintf("leaves %s undefined, which %s has only at %s, newer than "
					 "%s allows: nothing else defines it", f->symbols[0],
					 v->library, v->version ? v->version : "a version", v->cap);
		f->effect = mg_asprintf("on a %s system the file fails to load: \"undefined "
					"symbol: %s\" (%s)", v->cap, f->symbols[0], lbasename(file));
	}
	if (v->glibc && v->reason && v->ways_out)
		f->fix = mg_asprintf("%s; ways out: %s", v->reason, v->ways_out);
	else if (v->ways_out)
		f->fix = xstrdup(v->ways_out);
}

/* GLIBC names required from a file that the cap's release does not have
 * them in. */
static void wrong_library(const mg_audit *a, mg_finding *f, const char *file)
{
	const mg_finding_version *v = &f->u.version;
	const char *policy = mg_policy_name(a->opts.policy);
	if (v->defined_in)
		f->message = mg_asprintf("%s from %s is bound to the wrong library: glibc %s (%s) "
					 "has these names in %s", v->version, v->library,
					 v->release, policy, v->defined_in);
	else
		f->message = mg_asprintf("%s from %s names a version glibc %s (%s) does not define "
					 "these names at", v->version, v->library, v->release,
					 policy);
	f->effect = mg_asprintf("on a glibc %s system the file fails to load: \"symbol %s, "
				"version %s not defined in file %s with link time reference\" "
				"(%s)", v->release, f->symbols[0], v->version, v->library,
				lbasename(file));
	f->fix = mg_asprintf("link it against stubs that place each name in the library glibc %s "
			     "had it in: manyguard-cc and manyguard-c++ for %s do", v->release,
			     policy);
}

static void version(const mg_audit *a, mg_finding *f, const char *file)
{
	const mg_finding_version *v = &f->u.version;
	const char *policy = mg_policy_name(a->opts.policy);
	if (v->absent) {
		absent(f, file);
		return;
	}
	if (v->wrong_library) {
		wrong_library(a, f, file);
		return;
	}
	if (v->forbidden)
		f->message = mg_asprintf("%s from %s is never allowed (%s)", v->version, v->library,
				       v->forbidden_why ? v->forbidden_why : "private interface");
	else if (v->cap[0])
		f->message = mg_asprintf("%s from %s is newer than %s allows (%s)", v->version,
				       v->library, policy, v->cap);
	else
		f->message = mg_asprintf("%s from %s does not exist in %s", v->version, v->library,
				       policy);
	f->effect = mg_asprintf("on a %s system the file fails to load: \"version `%s' not found "
			      "(required by %s)\"", policy, v->version, lbasename(file));
	if (v->glibc || strncmp(v->version, "GLIBC_", 6) == 0)
		f->fix = mg_asprintf("link it with manyguard-cc or manyguard-c++ for %s (stubs of "
				     "the policy's glibc and shims for what it lacks), or build on a "
				     "system (container) whose C library is not newer than %s's",
				     policy, policy);
}

static void copy(mg_finding *f)
{
	const mg_finding_runtime *r = &f->u.runtime;
	f->message = mg_asprintf("contains a statically linked %s (defines %s%s)",
			       mg_runtime_impl_name(r->impl), f->symbols[0],
			       f->n_symbols_total > 1 ? ", ..." : "");
	if (r->family == MG_RT_OPENMP)
		f->effect = xstrdup("a private OpenMP runtime starts its own thread pool next to "
				    "the process's; with another libomp/libiomp5 in the process "
				    "it aborts with \"OMP: Error #15\"");
	else if (r->family == MG_RT_BLAS)
		f->effect = xstrdup("a private BLAS starts its own thread pool: threads "
				    "oversubscribe the machine and thread settings reach only one");
	else
		f->effect = xstrdup("a private C++ runtime keeps its own locale, iostream and "
				    "exception state: exceptions and objects crossing into other "
				    "modules see the wrong runtime (global state corrupted at import)");
}

/* What happens and what to do, by path problem. */
static const struct {
	const char *effect, *fix;
} path_words[] = {
	[MG_PATH_OUTSIDE] = {"the library is found only where the build put its neighbours, or "
			     "a foreign one is picked up",
			     "ship the library inside the package and point at it with $ORIGIN"},
	[MG_PATH_ABSOLUTE] = {"on other machines the directory is missing or holds other "
			      "libraries, which are loaded instead of the intended ones",
			      "use $ORIGIN-relative entries (auditwheel repair does)"},
	[MG_PATH_RELATIVE] = {"what loads depends on the directory the program was started from",
			      "use $ORIGIN-relative entries"},
	[MG_PATH_RPATH] = {"DT_RPATH also applies to the libraries this file loads and "
			   "overrides LD_LIBRARY_PATH",
			   "link with -Wl,--enable-new-dtags (patchelf --set-rpath without "
			   "--force-rpath)"},
	[MG_PATH_NEEDED] = {"ld.so opens exactly that path, which exists only on the build "
			    "machine",
			    "link the library by its SONAME (-lNAME or a library with DT_SONAME)"},
};

static void path(mg_finding *f)
{
	const mg_finding_path *p = &f->u.path;
	switch (p->problem) {
	case MG_PATH_OUTSIDE:
		f->message = mg_asprintf("%s entry %s points outside the package", p->tag, p->entry);
		break;
	case MG_PATH_ABSOLUTE:
		f->message = mg_asprintf("%s entry %s is an absolute path (of the build machine)",
					 p->tag, p->entry);
		break;
	case MG_PATH_RELATIVE:
		f->message = mg_asprintf("%s entry \"%s\" is relative to the current directory",
					 p->tag, p->entry);
		break;
	case MG_PATH_RPATH:
		f->message = mg_asprintf("uses DT_RPATH (%s), not DT_RUNPATH", p->entry);
		break;
	case MG_PATH_NEEDED:
		f->message = mg_asprintf("NEEDED entry %s is a path", p->entry);
		break;
	}
	f->effect = xstrdup(path_words[p->problem].effect);
	f->fix = xstrdup(path_words[p->problem].fix);
}

static void library(const mg_audit *a, mg_finding *f)
{
	const mg_finding_library *l = &f->u.library;
	f->message = mg_asprintf("needs %s, which %s does not allow and the package does not ship "
			       "(%s%s)", l->library, mg_policy_name(a->opts.policy),
			       l->where ? "here it resolves to " : "not found on this machine",
			       l->where ? l->where : "");
	f->effect = mg_asprintf("on a machine without %s the import fails (\"%s: cannot open "
			      "shared object file\"); where it exists, its version is whatever "
			      "that machine has", l->library, l->library);
	f->fix = mg_asprintf("vendor %s into the package (auditwheel repair) or drop the "
			   "dependency", l->library);
}

mg_audit_finding *audit_file_finding(mg_audit *a, mg_finding *f, const char *file)
{
	switch (f->rule) {
	case MG_RULE_SYMBOL_VERSION:
		version(a, f, file);
		break;
	case MG_RULE_NO_POLICY:
		f->message = mg_asprintf("%s has no rules for %s", mg_policy_name(a->opts.policy),
				       f->u.machine.arch);
		break;
	case MG_RULE_STATIC_RUNTIME_COPY:
	case MG_RULE_STATIC_OPENMP:
		copy(f);
		break;
	case MG_RULE_RELOCATABILITY:
		path(f);
		break;
	case MG_RULE_EXTERNAL_LIB:
		library(a, f);
		break;
	default:
		break;
	}
	/* The rule's own explanation where the words above have none (a
	 * finding that needs none, no-policy, keeps none). */
	const mg_rule_info *info = mg_rule_get(f->rule);
	if (f->rule != MG_RULE_NO_POLICY) {
		if (!f->effect)
			f->effect = xstrdup(info->why);
		if (!f->fix)
			f->fix = xstrdup(info->fix);
	}
	mg_audit_finding *af = audit_record(a, f);
	audit_add_place(af, a->pkg, file, NULL);
	return af;
}
