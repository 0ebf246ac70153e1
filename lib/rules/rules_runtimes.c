/* Runtimes that keep global state, linked in the wrong way: a static
 * archive of one on a link line (static-libstdcxx, static-openmp), a
 * static copy inside a file (static-runtime-copy, static-openmp), and
 * OpenMP runtimes of different families meeting in one process
 * (mixed-openmp). */
#include "config.h"
#include "rules/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "base/grow.h"

/* ---- archives on a link line ------------------------------------------------- */

bool mg_rules_static_archive(const char *archive, mg_runtime_id *id, mg_rule *rule)
{
	size_t n = strlen(archive);
	if (n < 3 || strcmp(archive + n - 2, ".a") != 0 ||
	    strcmp(archive, "libstdc++_nonshared.a") == 0)
		return false;
	char *stem = xstrndup(archive, n - 2);
	char *so = concat(stem, ".so", NULL);
	int known = mg_runtime_identify(so, id, NULL);
	free(stem);
	free(so);
	if (known != 1)
		return false;
	if (id->impl == MG_IMPL_LIBSTDCXX)
		*rule = MG_RULE_STATIC_LIBSTDCXX;
	else if (id->family == MG_RT_OPENMP)
		*rule = MG_RULE_STATIC_OPENMP;
	else
		return false;
	return true;
}

/* ---- static copies ------------------------------------------------------------ */

static bool needs_family(const mg_elf_dynamic *dyn, mg_runtime_family family)
{
	for (size_t i = 0; i < dyn->n_needed; i++) {
		mg_runtime_id id;
		if (mg_runtime_identify(dyn->needed[i], &id, NULL) == 1 && id.family == family)
			return true;
	}
	return false;
}

/* Runtimes whose private copy is a hazard: the C++ runtime and OpenMP
 * keep process-wide state, a BLAS starts its own thread pool. */
static bool judged_family(mg_runtime_family f)
{
	return f == MG_RT_LIBSTDCXX || f == MG_RT_OPENMP || f == MG_RT_BLAS;
}

int mg_rules_runtime_copies(mg_elf *elf, const mg_runtime_id *self, const mg_rules_opts *o,
			    mg_findings *out, mg_error *err)
{
	mg_elf_type type = MG_ELF_TYPE_OTHER;
	mg_elf_type_of(elf, &type, NULL);
	const mg_elf_dynamic *dyn = mg_elf_dynamic_info(elf, err);
	const mg_elf_symbols *dynsym = dyn ? mg_elf_dynsym(elf, err) : NULL;
	const mg_elf_symbols *symtab =
		dynsym && type != MG_ELF_TYPE_DYN ? mg_elf_symtab(elf, err) : NULL;
	if (!dynsym || (type != MG_ELF_TYPE_DYN && !symtab))
		return -1;
	mg_runtime_scan *scan = mg_runtime_scan_new();
	if (mg_runtime_scan_symbols(scan, dynsym, err) < 0 ||
	    (symtab && mg_runtime_scan_symbols(scan, symtab, err) < 0)) {
		mg_runtime_scan_free(scan);
		return -1;
	}
	mg_runtime_finding found[MG_IMPL_COUNT];
	size_t n = mg_runtime_scan_result(scan, found, MG_IMPL_COUNT);
	for (size_t i = 0; i < n && i < MG_IMPL_COUNT; i++) {
		mg_runtime_family fam = found[i].family;
		if (!judged_family(fam) || self->family == fam || needs_family(dyn, fam))
			continue;
		mg_rule rule = fam == MG_RT_OPENMP ? MG_RULE_STATIC_OPENMP : MG_RULE_STATIC_RUNTIME_COPY;
		mg_severity sev = fam == MG_RT_BLAS ? MG_SEV_WARNING : MG_SEV_ERROR;
		mg_finding *f = mg_finding_add(out, rule, sev, mg_elf_name(elf));
		f->u.runtime.impl = found[i].impl;
		f->u.runtime.family = fam;
		for (size_t k = 0; k < MG_RUNTIME_MAX_EVIDENCE && found[i].evidence[k]; k++)
			mg_finding_add_symbol(f, found[i].evidence[k], o->max_symbols);
		/* The scan counts every evidence symbol; the finding keeps some. */
		f->n_symbols_total = found[i].count;
	}
	mg_runtime_scan_free(scan);
	return 0;
}

/* ---- OpenMP families ------------------------------------------------------------ */

void mg_rules_openmp_uses(const char *file, const char *name, const mg_runtime_id *self,
			  const char *const *needed, size_t n_needed, const mg_findings *copies,
			  size_t tag, mg_openmp_use **uses, size_t *n, size_t *cap)
{
	if (self->family == MG_RT_OPENMP) {
		MG_GROW(*uses, *n + 1, *cap);
		(*uses)[(*n)++] = (mg_openmp_use){self->impl, xstrdup(file), xstrdup(name), true,
						  tag};
	}
	for (size_t i = 0; i < n_needed; i++) {
		mg_runtime_id id;
		if (mg_runtime_identify(needed[i], &id, NULL) != 1 || id.family != MG_RT_OPENMP)
			continue;
		MG_GROW(*uses, *n + 1, *cap);
		(*uses)[(*n)++] = (mg_openmp_use){id.impl, xstrdup(file), xstrdup(needed[i]),
						  false, tag};
	}
	for (size_t i = 0; copies && i < copies->count; i++) {
		const mg_finding *c = &copies->v[i];
		if (c->rule != MG_RULE_STATIC_OPENMP || c->u.runtime.archive)
			continue;
		MG_GROW(*uses, *n + 1, *cap);
		(*uses)[(*n)++] = (mg_openmp_use){c->u.runtime.impl, xstrdup(file), NULL, false, tag};
	}
}

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

void mg_rules_openmp_mix(const mg_openmp_use *uses, size_t n, mg_findings *out)
{
	bool present[OMP_N] = { false };
	for (size_t i = 0; i < n; i++)
		present[omp_family_of(uses[i].impl)] = true;
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
	mg_finding *f = mg_finding_add(out, MG_RULE_MIXED_OPENMP, MG_SEV_ERROR, NULL);
	mg_finding_openmp *m = &f->u.openmp;
	m->families = families;
	m->two_kmp = present[OMP_LLVM] + present[OMP_INTEL] + present[OMP_KMP] >= 2;
	m->list = xstrdup(list);
	m->uses = XNEWVEC(mg_openmp_use, n);
	m->n_uses = n;
	for (size_t i = 0; i < n; i++) {
		m->uses[i] = uses[i];
		m->uses[i].file = xstrdup(uses[i].file);
		m->uses[i].library = uses[i].library ? xstrdup(uses[i].library) : NULL;
	}
}

int mg_rules_openmp_family(mg_runtime_impl impl)
{
	return (int)omp_family_of(impl);
}
