/* Checks across everything audited: what happens when all the packages
 * (and the interpreter's process) are loaded into one process. */
#include "config.h"
#include "audit/audit_internal.h"
#include "base/asprintf.h"
#include "policy/ompinfo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

/* ---- OpenMP families -------------------------------------------------------- */

static bool has_place(const mg_audit_finding *f, size_t package, const char *file,
		      const char *role)
{
	for (size_t i = 0; i < f->n_places; i++) {
		const mg_audit_place *p = &f->places[i];
		if (p->package == package && strcmp(p->file, file) == 0 &&
		    strcmp(p->role ? p->role : "", role ? role : "") == 0)
			return true;
	}
	return false;
}

/* What a file has to do with the OpenMP runtime it brings in. */
static char *omp_role(const mg_openmp_use *u)
{
	if (!u->library)
		return mg_asprintf("contains a static %s", mg_runtime_impl_name(u->impl));
	return mg_asprintf(u->shipped ? "ships %s" : "needs %s", u->library);
}

/* The mixed-openmp rule over every OpenMP runtime the inputs bring in;
 * its places listed family by family. */
void audit_cross_openmp(mg_audit *a)
{
	mg_findings found = {0};
	mg_rules_openmp_mix(a->omp, a->n_omp, &found);
	if (!found.count)
		return;
	mg_finding *m = &found.v[0];
	const mg_rule_info *info = mg_rule_get(MG_RULE_MIXED_OPENMP);
	m->message = mg_asprintf("%d OpenMP runtime families would meet in one process: %s",
			       m->u.openmp.families, m->u.openmp.list);
	m->effect = concat(info->why,
			   m->u.openmp.two_kmp ? "; two LLVM/Intel runtimes abort with "
						 "\"OMP: Error #15\"" : "",
			   NULL);
	m->fix = xstrdup(info->fix);
	mg_audit_finding *f = audit_record(a, m);
	f->cross = true;
	const mg_finding_openmp *mix = &f->f.u.openmp;
	for (int fam = 0; fam < MG_OPENMP_FAMILIES; fam++)
		for (size_t i = 0; i < mix->n_uses; i++) {
			const mg_openmp_use *u = &mix->uses[i];
			if (mg_rules_openmp_family(u->impl) != fam)
				continue;
			char *role = omp_role(u);
			if (!has_place(f, u->tag, u->file, role))
				audit_add_place(f, u->tag, u->file, role);
			free(role);
		}
	mg_finding_list_free(&found);
}

/* ---- copies of one runtime ------------------------------------------------- */

/* libomp and libiomp5 are one code base: two of them are two copies. */
static mg_runtime_impl copy_key(mg_runtime_impl impl)
{
	if (impl == MG_IMPL_LLVM_OPENMP || impl == MG_IMPL_INTEL_OPENMP)
		return MG_IMPL_KMP_OPENMP;
	return impl;
}

static const char *copy_effect(mg_runtime_impl key)
{
	switch (mg_runtime_impl_family(key)) {
	case MG_RT_OPENMP:
		if (key == MG_IMPL_KMP_OPENMP)
			return "the second copy to start a parallel region aborts the process: "
			       "\"OMP: Error #15: Initializing libomp.so, but found libomp.so "
			       "already initialized\"";
		return "each copy starts its own thread pool: two thread pools oversubscribe "
		       "the cores and OMP_NUM_THREADS / omp_set_num_threads reach only one";
	case MG_RT_BLAS:
		return "each copy starts its own thread pool: two thread pools oversubscribe "
		       "the cores, and thread settings (threadpoolctl, OPENBLAS_NUM_THREADS "
		       "at run time) reach only one";
	case MG_RT_LIBSTDCXX:
		return "each copy keeps its own global state (locale, iostreams, exception "
		       "handling): global state corrupted at import, exceptions and objects "
		       "crossing between modules misbehave";
	case MG_RT_FORTRAN:
		return "each copy keeps its own I/O units and error handling";
	default:
		return "each copy keeps its own global state";
	}
}

static const char *runtime_title(mg_runtime_impl key)
{
	switch (key) {
	case MG_IMPL_KMP_OPENMP: return "LLVM/Intel OpenMP (libomp, libiomp5)";
	case MG_IMPL_GNU_OPENMP: return "GNU OpenMP (libgomp)";
	case MG_IMPL_OPENBLAS: return "OpenBLAS";
	case MG_IMPL_MKL: return "MKL";
	case MG_IMPL_LIBSTDCXX: return "libstdc++";
	case MG_IMPL_LIBGCC_S: return "libgcc_s";
	case MG_IMPL_LIBGFORTRAN: return "libgfortran";
	default: return mg_runtime_impl_name(key);
	}
}

static bool severe_family(mg_runtime_family f)
{
	return f == MG_RT_OPENMP || f == MG_RT_BLAS || f == MG_RT_LIBSTDCXX;
}

/* How many different copies: shipped ones count once per name (ld.so
 * loads one library per SONAME), static ones once each.  *PACKAGES gets
 * how many packages have one. */
static size_t count_copies(const mg_audit *a, mg_runtime_impl key, size_t *packages)
{
	size_t distinct = 0;
	*packages = 0;
	for (size_t i = 0; i < a->n_copies; i++) {
		const audit_copy *c = &a->copies[i];
		if (copy_key(c->impl) != key)
			continue;
		bool seen_name = false, seen_pkg = false;
		for (size_t j = 0; j < i; j++) {
			const audit_copy *d = &a->copies[j];
			if (copy_key(d->impl) != key)
				continue;
			if (c->name && d->name && strcmp(c->name, d->name) == 0)
				seen_name = true;
			if (c->package == d->package)
				seen_pkg = true;
		}
		distinct += !seen_name;
		/* Packages that all take the machine's one copy share it. */
		*packages += !seen_pkg && !c->external;
	}
	return distinct;
}

static void duplicate_finding(mg_audit *a, mg_runtime_impl key, size_t distinct,
			      size_t packages)
{
	mg_runtime_family fam = mg_runtime_impl_family(key);
	const char *what = runtime_title(key);
	char *msg;
	mg_severity sev;
	if (distinct >= 2) {
		msg = mg_asprintf("%zu copies of %s would be loaded into one process", distinct,
				what);
		sev = severe_family(fam) ? MG_SEV_ERROR : MG_SEV_WARNING;
	} else {
		msg = mg_asprintf("%zu packages ship %s under the same name: ld.so loads the "
				"first one for all of them", packages, what);
		sev = MG_SEV_WARNING;
	}
	mg_audit_finding *f = audit_finding(a, MG_RULE_DUPLICATE_RUNTIME, sev, msg);
	f->cross = true;
	f->f.effect = xstrdup(distinct >= 2 ? copy_effect(key)
			    : "the packages get a copy they were not built or tested with");
	f->f.fix = mg_asprintf("keep one %s in the process: have the packages depend on one "
			   "shared copy (the same file, one SONAME) instead of each vendoring "
			   "its own", what);
	for (size_t i = 0; i < a->n_copies; i++) {
		const audit_copy *c = &a->copies[i];
		if (copy_key(c->impl) != key)
			continue;
		char *role = c->external ? mg_asprintf("needs %s from the machine", c->name)
			     : c->name   ? mg_asprintf("ships %s", c->name)
					 : mg_asprintf("contains a static %s",
						     mg_runtime_impl_name(c->impl));
		audit_add_place(f, c->package, c->file, role);
		free(role);
	}
}

void audit_cross_duplicates(mg_audit *a)
{
	bool done[MG_IMPL_COUNT] = { false };
	for (size_t i = 0; i < a->n_copies; i++) {
		mg_runtime_impl key = copy_key(a->copies[i].impl);
		if (done[key])
			continue;
		done[key] = true;
		size_t packages;
		size_t distinct = count_copies(a, key, &packages);
		if (distinct >= 2 || packages >= 2)
			duplicate_finding(a, key, distinct, packages);
	}
}

/* ---- the shared OpenMP runtime ---------------------------------------------- */

/* Files that need the shared runtime (libgomp-manyguard.so.1) get it from
 * the manyguard-openmp package: audited together with it, they share its
 * one copy (audit_cross_duplicates counts it once); without it, the
 * package must depend on it, or the import fails. */
void audit_cross_shared_openmp(mg_audit *a)
{
	if (!a->n_shared_omp || a->shared_omp_shipped)
		return;
	mg_audit_finding *f = audit_finding(
		a, MG_RULE_EXTERNAL_LIB, MG_SEV_NOTE,
		mg_asprintf("%zu file%s need%s the shared OpenMP runtime " MG_OMPINFO_SONAME
			    ", which the manyguard-openmp package provides and none of the "
			    "audited packages ships", a->n_shared_omp,
			    a->n_shared_omp == 1 ? "" : "s", a->n_shared_omp == 1 ? "s" : ""));
	f->cross = true;
	f->f.effect = xstrdup("without manyguard-openmp installed the import fails (\""
			      MG_OMPINFO_SONAME ": cannot open shared object file\"); with it, "
			      "every package that needs it shares its one copy");
	f->f.fix = xstrdup("declare the dependency (Requires-Dist: manyguard-openmp) and import "
			   "manyguard_openmp before the extension (docs/openmp.md)");
	for (size_t i = 0; i < a->n_shared_omp; i++)
		audit_add_place(f, a->shared_omp[i].package, a->shared_omp[i].file,
				"needs " MG_OMPINFO_SONAME);
}

/* A package with core metadata whose files need the shared runtime but
 * which neither ships it nor requires manyguard-openmp (not only for an
 * extra) breaks where it is installed as its metadata says: an error of
 * the package, whatever else the audit sees. */
void audit_shared_openmp_undeclared(mg_audit *a)
{
	if (!a->n_omp_undeclared)
		return;
	bool extra = a->omp_dep == MG_PKGMETA_EXTRA;
	mg_audit_finding *f = audit_finding(
		a, MG_RULE_EXTERNAL_LIB, MG_SEV_ERROR,
		mg_asprintf("needs the shared OpenMP runtime " MG_OMPINFO_SONAME ", which the "
			    "package neither ships nor requires: its metadata %s%s%s",
			    extra ? "requires " MG_OMPINFO_DIST " only with the extra '"
				  : "has no Requires-Dist: " MG_OMPINFO_DIST,
			    extra ? a->omp_dep_extra : "", extra ? "'" : ""));
	f->f.effect = xstrdup("installed as its metadata says, without " MG_OMPINFO_DIST
			      ", the import fails (\"" MG_OMPINFO_SONAME ": cannot open shared "
			      "object file\")");
	f->f.fix = xstrdup("declare the dependency (Requires-Dist: " MG_OMPINFO_DIST ", e.g. "
			   "install_requires=[\"" MG_OMPINFO_DIST "\"]) and import "
			   "manyguard_openmp before the extension, or vendor the runtime "
			   "(auditwheel repair; docs/openmp.md)");
	for (size_t i = 0; i < a->n_omp_undeclared; i++) {
		audit_add_place(f, a->pkg, a->omp_undeclared[i], "needs " MG_OMPINFO_SONAME);
		free(a->omp_undeclared[i]);
	}
	a->n_omp_undeclared = 0;
}
