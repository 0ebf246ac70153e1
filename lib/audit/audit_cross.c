/* Checks across everything audited: what happens when all the packages
 * (and the interpreter's process) are loaded into one process. */
#include "config.h"
#include "audit/audit_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

/* ---- OpenMP families -------------------------------------------------------- */

typedef enum omp_family { OMP_GNU, OMP_LLVM, OMP_INTEL, OMP_KMP, OMP_OTHER, OMP_N } omp_family;

static omp_family omp_family_of(mg_runtime_impl impl)
{
	switch (impl) {
	case MG_IMPL_GNU_OPENMP: return OMP_GNU;
	case MG_IMPL_LLVM_OPENMP: return OMP_LLVM;
	case MG_IMPL_INTEL_OPENMP: return OMP_INTEL;
	case MG_IMPL_KMP_OPENMP: return OMP_KMP;
	default: return OMP_OTHER;
	}
}

static const char *const omp_family_names[OMP_N] = {
	"GNU (libgomp)", "LLVM (libomp)", "Intel (libiomp5)", "LLVM or Intel (libomp/libiomp5)",
	"unknown",
};

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

void audit_cross_openmp(mg_audit *a)
{
	bool present[OMP_N] = { false };
	for (size_t i = 0; i < a->n_omp; i++)
		present[omp_family_of(a->omp[i].impl)] = true;
	/* A symbol-only KMP runtime is a family of its own only when no named
	 * LLVM or Intel runtime is there to be it. */
	bool kmp_alone = present[OMP_KMP] && !present[OMP_LLVM] && !present[OMP_INTEL];
	int families = present[OMP_GNU] + present[OMP_LLVM] + present[OMP_INTEL] + kmp_alone;
	if (families < 2)
		return;
	char list[256] = "";
	for (int fam = OMP_GNU; fam <= OMP_KMP; fam++) {
		if (!present[fam] || (fam == OMP_KMP && !kmp_alone))
			continue;
		size_t len = strlen(list);
		snprintf(list + len, sizeof list - len, "%s%s", len ? ", " : "",
			 omp_family_names[fam]);
	}
	const mg_rule_info *info = mg_rule_get(MG_RULE_MIXED_OPENMP);
	mg_audit_finding *f = audit_finding(
		a, info->id, MG_SEV_ERROR,
		audit_printf("%d OpenMP runtime families would meet in one process: %s", families,
			  list));
	f->cross = true;
	bool two_kmp = present[OMP_LLVM] + present[OMP_INTEL] + present[OMP_KMP] >= 2;
	f->effect = concat(info->why,
			   two_kmp ? "; two LLVM/Intel runtimes abort with \"OMP: Error #15\"" : "",
			   NULL);
	f->fix = xstrdup(info->fix);
	for (int fam = OMP_GNU; fam < OMP_N; fam++)
		for (size_t i = 0; i < a->n_omp; i++) {
			const audit_omp_use *u = &a->omp[i];
			if (omp_family_of(u->impl) != (omp_family)fam)
				continue;
			if (!has_place(f, u->package, u->file, u->role))
				audit_add_place(f, u->package, u->file, u->role);
		}
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
		msg = audit_printf("%zu copies of %s would be loaded into one process", distinct,
				what);
		sev = severe_family(fam) ? MG_SEV_ERROR : MG_SEV_WARNING;
	} else {
		msg = audit_printf("%zu packages ship %s under the same name: ld.so loads the "
				"first one for all of them", packages, what);
		sev = MG_SEV_WARNING;
	}
	const mg_rule_info *info = mg_rule_get(MG_RULE_DUPLICATE_RUNTIME);
	mg_audit_finding *f = audit_finding(a, info->id, sev, msg);
	f->cross = true;
	f->effect = xstrdup(distinct >= 2 ? copy_effect(key)
			    : "the packages get a copy they were not built or tested with");
	f->fix = audit_printf("keep one %s in the process: have the packages depend on one "
			   "shared copy (the same file, one SONAME) instead of each vendoring "
			   "its own", what);
	for (size_t i = 0; i < a->n_copies; i++) {
		const audit_copy *c = &a->copies[i];
		if (copy_key(c->impl) != key)
			continue;
		char *role = c->external ? audit_printf("needs %s from the machine", c->name)
			     : c->name   ? audit_printf("ships %s", c->name)
					 : audit_printf("contains a static %s",
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
