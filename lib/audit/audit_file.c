/* One ELF file: its facts, the checks of lib/rules that need only the
 * file (symbol versions, relocatability, static runtime copies) put into
 * the audit's words (audit_words.c), the facts kept for the package (what
 * it needs) and for the checks across packages (the runtime it is, carries
 * or uses).  Passes per file: identity and manifest, the runtimes it is
 * and needs, the rules, the static copies. */
#include "config.h"
#include "audit/audit_internal.h"
#include "policy/glibc_abi.h"
#include "base/asprintf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

/* Families whose copies are compared across packages (the commonly
 * vendored libcrypto/libz/... are judged against the process instead). */
static bool tracked_family(mg_runtime_family f)
{
	return f == MG_RT_OPENMP || f == MG_RT_BLAS || f == MG_RT_LIBSTDCXX ||
	       f == MG_RT_LIBGCC_S || f == MG_RT_FORTRAN;
}

static bool in_process(const mg_audit *a)
{
	return a->packages[a->pkg].kind == MG_AUDIT_PROCESS;
}

static void add_copy(mg_audit *a, mg_runtime_impl impl, const char *name, const char *file)
{
	MG_GROW(a->copies, a->n_copies + 1, a->cap_copies);
	audit_copy *c = &a->copies[a->n_copies++];
	c->impl = impl;
	c->name = name ? xstrdup(name) : NULL;
	c->external = false;
	c->package = a->pkg;
	c->file = xstrdup(file);
}

/* The rules' options for a file of this audit. */
static mg_rules_opts rules_opts(const mg_audit *a)
{
	return (mg_rules_opts){.stage = MG_STAGE_SHIPPED, .policy = a->opts.policy,
			       .max_symbols = MG_AUDIT_MAX_SYMBOLS, .glibc = a->glibc_now};
}

/* glibc's facts for a file of ARCH: the table installed beside the
 * policy, read again only when the machine changes. */
static int glibc_facts(mg_audit *a, const char *arch, mg_error *err)
{
	a->glibc_now = NULL;
	if (!a->opts.policy)
		return 0;
	if (!a->glibc_arch || strcmp(a->glibc_arch, arch) != 0) {
		mg_glibc_abi_free(a->glibc_abi);
		a->glibc_abi = NULL;
		a->glibc_arch = arch;
		if (mg_rules_glibc_table(a->opts.policy, arch, &a->glibc_abi, err) < 0) {
			a->glibc_arch = NULL;
			return -1;
		}
	}
	a->glibc = (mg_rules_glibc){.abi = a->glibc_abi};
	a->glibc_now = a->glibc_abi ? &a->glibc : NULL;
	return 0;
}

/* Every finding of FOUND, worded, recorded at FILE of the current package. */
static void record_all(mg_audit *a, mg_findings *found, const char *file)
{
	for (size_t i = 0; i < found->count; i++)
		audit_file_finding(a, &found->v[i], file);
	mg_finding_list_free(found);
}

char *audit_stem(const char *name)
{
	char buf[4096];
	if (mg_runtime_unhash(name, buf, sizeof buf) < 0)
		snprintf(buf, sizeof buf, "%s", lbasename(name));
	char *so = strstr(buf, ".so");
	if (so)
		*so = '\0';
	return xstrdup(buf);
}

/* ---- symbol versions -------------------------------------------------------- */

/* --policy auto: every version the file requires, for the best policy. */
static int collect_versions(mg_elf *elf, audit_pending *p, mg_error *err)
{
	const mg_elf_verneeds *needs = mg_elf_verneed_info(elf, err);
	if (!needs)
		return -1;
	for (size_t i = 0; i < needs->count; i++)
		for (size_t j = 0; j < needs->needs[i].count; j++) {
			MG_GROW(p->versions, p->n_versions + 1, p->cap_versions);
			p->versions[p->n_versions++] = xstrdup(needs->needs[i].aux[j].name);
		}
	return 0;
}

/* ---- names the baseline lacks ------------------------------------------------ */

/* References no library defines at the policy's caps (mg_rules_undefined),
 * judged by this machine's libstdc++, read for the first file of this
 * machine (the only files judged so), and by glibc's table. */
static int check_undefined(mg_audit *a, mg_elf *elf, const char *arch, mg_findings *out,
			   mg_error *err)
{
	const mg_caps *caps = mg_policy_caps(a->opts.policy, arch);
	if (!caps)
		return 0;
	if (!a->newer_read) {
		a->newer_read = true;
		if (mg_ldso_cxx_newer(a->ldso, mg_elf_class(elf), mg_elf_machine(elf), caps,
				      &a->newer, err) != 0)
			return -1;
	}
	if (!a->newer && !a->glibc_now)
		return 0;
	mg_rules_opts o = rules_opts(a);
	o.newer = a->newer;
	return mg_rules_undefined(elf, &o, NULL, out, err);
}

/* ---- runtimes linked in ------------------------------------------------------ */

/* Static copies: findings (none for the interpreter's own process) and, for
 * files of this machine, copies and OpenMP uses for the checks across
 * packages. */
static int check_static(mg_audit *a, mg_elf *elf, const char *file, const mg_runtime_id *self,
			bool foreign, mg_error *err)
{
	const mg_rules_opts o = rules_opts(a);
	mg_findings found = {0};
	if (mg_rules_runtime_copies(elf, self, &o, &found, err) < 0) {
		mg_finding_list_free(&found);
		return -1;
	}
	if (!foreign) {
		for (size_t i = 0; i < found.count; i++)
			add_copy(a, found.v[i].u.runtime.impl, NULL, file);
		mg_rules_openmp_uses(file, NULL, &(mg_runtime_id){.family = MG_RT_NONE}, NULL, 0,
				     &found, a->pkg, &a->omp, &a->n_omp, &a->cap_omp);
	}
	if (in_process(a))
		mg_finding_list_free(&found);
	else
		record_all(a, &found, file);
	return 0;
}

/* ---- relocatability ------------------------------------------------------- */

/* In a site-packages tree the package is some of the top-level entries. */
static bool inside_package(void *arg, const char *target)
{
	const mg_audit *a = arg;
	if (!a->tops)
		return true;
	size_t len = strcspn(target, "/");
	for (size_t i = 0; i < a->n_tops; i++)
		if (strlen(a->tops[i]) == len && strncmp(a->tops[i], target, len) == 0)
			return true;
	return false;
}

/* ---- the process ------------------------------------------------------------ */

static void add_process_lib(mg_audit *a, const char *name, const char *origin,
			    const char *file, const mg_runtime_id *id)
{
	MG_GROW(a->process, a->n_process + 1, a->cap_process);
	audit_process_lib *l = &a->process[a->n_process++];
	l->name = xstrdup(name);
	l->path = origin ? concat(origin, "/", lbasename(file), NULL) : xstrdup(file);
	l->impl = id->impl;
	l->stem = audit_stem(name);
}

/* A library the package ships under another name than the interpreter's
 * copy of the same library. */
static void check_shadowing(mg_audit *a, const char *file, const char *name,
			    const mg_runtime_id *id)
{
	if (id->family != MG_RT_NONE && tracked_family(id->family))
		return;
	char *stem = audit_stem(name);
	for (size_t i = 0; i < a->n_process; i++) {
		const audit_process_lib *l = &a->process[i];
		bool same = (id->impl != MG_IMPL_NONE && id->impl == l->impl) ||
			    strcmp(stem, l->stem) == 0;
		if (!same || strcmp(name, l->name) == 0)
			continue;
		mg_audit_finding *f = audit_finding(
			a, MG_RULE_SHADOWED_LIBRARY, MG_SEV_WARNING,
			mg_asprintf("ships %s, another copy of %s, which the interpreter's "
				  "process already loads", name, l->name));
		f->f.effect = xstrdup("both copies end up in one process: unversioned symbols "
				    "bind to whichever copy loaded first (the interpreter's), so "
				    "the package runs partly against a library it was not built "
				    "with; global state (error queues, allocators) is split");
		f->f.fix = mg_asprintf("use the interpreter's %s, or build the vendored copy with "
				     "versioned or hidden symbols", l->name);
		audit_add_place(f, a->pkg, file, NULL);
		audit_add_place(f, a->process_pkg, l->path, "loaded by the interpreter");
		break;
	}
	free(stem);
}

/* ---- one file ------------------------------------------------------------- */

void audit_pending_free(audit_pending *p)
{
	free(p->arch);
	free(p->rpath);
	free(p->runpath);
	free(p->origin);
	for (size_t i = 0; i < p->n_needed; i++)
		free(p->needed[i]);
	free(p->needed);
	for (size_t i = 0; i < p->n_versions; i++)
		free(p->versions[i]);
	free(p->versions);
}

static audit_pending *new_pending(mg_audit *a, mg_elf *elf, size_t index, const char *arch,
				  const mg_elf_dynamic *dyn, const char *origin)
{
	MG_GROW(a->pending, a->n_pending + 1, a->cap_pending);
	audit_pending *p = &a->pending[a->n_pending++];
	memset(p, 0, sizeof *p);
	p->elf = index;
	p->arch = xstrdup(arch);
	p->elf_class = mg_elf_class(elf);
	p->machine = mg_elf_machine(elf);
	p->rpath = dyn->rpath ? xstrdup(dyn->rpath) : NULL;
	p->runpath = dyn->runpath ? xstrdup(dyn->runpath) : NULL;
	p->origin = origin ? xstrdup(origin) : NULL;
	for (size_t i = 0; i < dyn->n_needed; i++) {
		const char *lib = dyn->needed[i];
		if (strchr(lib, '/'))
			continue;
		if (mg_rules_is_dynamic_loader(lib) ||
		    (a->opts.policy && mg_policy_library_allowed(a->opts.policy, lib)))
			continue;
		MG_GROW(p->needed, p->n_needed + 1, p->cap_needed);
		p->needed[p->n_needed++] = xstrdup(lib);
	}
	return p;
}

static size_t add_elf_entry(mg_audit *a, const char *file, mg_elf_type type, const char *arch)
{
	mg_audit_package *pkg = &a->packages[a->pkg];
	MG_GROW(pkg->elf, pkg->n_elf + 1, a->cap_elf);
	mg_audit_elf *e = &pkg->elf[pkg->n_elf];
	e->path = xstrdup(file);
	e->type = mg_elf_type_name(type);
	e->machine = arch;
	e->best_policy = NULL;
	e->manifest_policy = e->manifest_result = e->manifest_allowed = NULL;
	e->manifest_version = e->manifest_error = NULL;
	return pkg->n_elf++;
}

/* The runtime the file is, the OpenMP runtimes it needs. */
static void record_runtimes(mg_audit *a, const char *file, const char *name,
			    const mg_runtime_id *self, const mg_elf_dynamic *dyn)
{
	if (self->family != MG_RT_NONE && tracked_family(self->family))
		add_copy(a, self->impl, name, file);
	mg_rules_openmp_uses(file, name, self, dyn->needed, dyn->n_needed, NULL, a->pkg, &a->omp,
			     &a->n_omp, &a->cap_omp);
}

static int audit_elf_checks(mg_audit *a, mg_elf *elf, const char *file, const char *origin,
			    mg_error *err)
{
	mg_elf_type type;
	if (mg_elf_type_of(elf, &type, err) != 0)
		return -1;
	if (type != MG_ELF_TYPE_DYN && type != MG_ELF_TYPE_PIE && type != MG_ELF_TYPE_EXEC)
		return 0;
	const mg_elf_dynamic *dyn = mg_elf_dynamic_info(elf, err);
	if (!dyn)
		return -1;
	const char *arch = mg_elf_machine_name(elf);
	bool foreign = strcmp(arch, a->machine) != 0;
	size_t index = add_elf_entry(a, file, type, arch);
	audit_manifest(a, elf, file, index);
	const char *name = dyn->soname ? dyn->soname : lbasename(file);
	if (dyn->soname)
		audit_provide(a, dyn->soname);
	mg_runtime_id self;
	if (mg_runtime_identify(name, &self, NULL) != 1)
		self.family = MG_RT_NONE, self.impl = MG_IMPL_NONE;
	bool process = in_process(a);
	if (foreign) {
		mg_audit_finding *f = audit_finding(
			a, MG_RULE_FOREIGN_MACHINE, MG_SEV_NOTE,
			mg_asprintf("is an ELF file for %s, not %s: left out of the checks across "
				  "packages", arch, a->machine));
		audit_add_place(f, a->pkg, file, NULL);
	} else {
		record_runtimes(a, file, name, &self, dyn);
		if (process && type == MG_ELF_TYPE_DYN)
			add_process_lib(a, name, origin, file, &self);
		else if (!process && a->n_process)
			check_shadowing(a, file, name, &self);
	}
	if (!process) {
		if (glibc_facts(a, arch, err) != 0)
			return -1;
		const mg_rules_opts o = rules_opts(a);
		mg_findings found = {0};
		if (a->opts.policy || a->opts.policies) {
			audit_pending *p = new_pending(a, elf, index, arch, dyn, origin);
			if (!a->opts.policy && collect_versions(elf, p, err) != 0)
				return -1;
		}
		if (a->opts.policy && (mg_rules_versions(elf, &o, &found, err) != 0 ||
				       (!foreign && check_undefined(a, elf, arch, &found, err) != 0))) {
			mg_finding_list_free(&found);
			return -1;
		}
		mg_rules_paths(file, dyn, inside_package, a, &found);
		record_all(a, &found, file);
	}
	return check_static(a, elf, file, &self, foreign, err);
}

void audit_elf(mg_audit *a, mg_elf *elf, const char *file, const char *origin)
{
	mg_error err;
	a->elf_seen++;
	if (audit_elf_checks(a, elf, file, origin, &err) != 0)
		audit_input_error(a, &err);
	mg_elf_close(elf);
}

/* ---- at the end of the package ---------------------------------------------- */

static bool provided(mg_audit *a, const char *lib)
{
	return htab_find(a->provided, lib) != NULL;
}

/* The package supplies what it ships; for the rest, where ld.so would
 * find it on this machine. */
typedef struct package_supplier {
	mg_audit *a;
	const audit_pending *p;
} package_supplier;

static bool package_supplies(void *arg, const char *lib, char **where)
{
	package_supplier *s = arg;
	/* The shared OpenMP runtime comes from its own package (the
	 * manyguard-openmp wheel), which the checks across packages look
	 * for: not a library the policy must allow. */
	if (provided(s->a, lib) || strcmp(lib, MG_OMPINFO_SONAME) == 0)
		return true;
	const audit_pending *p = s->p;
	*where = mg_ldso_find(s->a->ldso, lib, p->rpath, p->runpath, p->origin, p->elf_class,
			      p->machine);
	return false;
}

/* A runtime the package needs but does not ship is the machine's copy; it
 * meets the copies other packages ship in the same process. */
static void note_external_copy(mg_audit *a, audit_pending *p, const char *lib)
{
	mg_runtime_id id;
	if (mg_runtime_identify(lib, &id, NULL) != 1 || !tracked_family(id.family))
		return;
	add_copy(a, id.impl, lib, a->packages[a->pkg].elf[p->elf].path);
	a->copies[a->n_copies - 1].external = true;
}

void audit_pending_check(mg_audit *a, audit_pending *p)
{
	mg_audit_package *pkg = &a->packages[a->pkg];
	for (size_t i = 0; i < p->n_needed; i++) {
		if (provided(a, p->needed[i]))
			continue;
		note_external_copy(a, p, p->needed[i]);
		if (strcmp(p->needed[i], MG_OMPINFO_SONAME) == 0 && a->meta_known &&
		    a->omp_dep != MG_PKGMETA_REQUIRED) {
			MG_GROW(a->omp_undeclared, a->n_omp_undeclared + 1,
				a->cap_omp_undeclared);
			a->omp_undeclared[a->n_omp_undeclared++] = xstrdup(pkg->elf[p->elf].path);
		} else if (strcmp(p->needed[i], MG_OMPINFO_SONAME) == 0) {
			MG_GROW(a->shared_omp, a->n_shared_omp + 1, a->cap_shared_omp);
			a->shared_omp[a->n_shared_omp++] = (audit_copy){
				.impl = MG_IMPL_GNU_OPENMP, .package = a->pkg,
				.file = xstrdup(pkg->elf[p->elf].path) };
		}
	}
	if (a->opts.policy) {
		const mg_rules_opts o = rules_opts(a);
		package_supplier ps = {a, p};
		const mg_rules_supplier s = {package_supplies, &ps};
		mg_findings found = {0};
		mg_rules_libraries(pkg->elf[p->elf].path, (const char *const *)p->needed,
				   p->n_needed, true, &o, &s, &found);
		record_all(a, &found, pkg->elf[p->elf].path);
		return;
	}
	const char **libs = xcalloc(p->n_needed + 1, sizeof *libs);
	size_t nlibs = 0;
	for (size_t i = 0; i < p->n_needed; i++)
		if (!provided(a, p->needed[i]))
			libs[nlibs++] = p->needed[i];
	const mg_policy *best = mg_policy_set_best(a->opts.policies, p->arch,
						   (const char *const *)p->versions,
						   p->n_versions, libs, nlibs);
	free(libs);
	mg_audit_elf *e = &pkg->elf[p->elf];
	if (!best) {
		pkg->best_policy_known = false;
		pkg->best_policy = NULL;
		mg_audit_finding *f = audit_finding(a, MG_RULE_NO_POLICY, MG_SEV_ERROR,
						    xstrdup("satisfies no policy: it needs versions "
							    "or libraries beyond every policy"));
		audit_add_place(f, a->pkg, e->path, NULL);
		f->f.effect = xstrdup("no platform tag promises the libraries it needs: the "
				    "wheel cannot be tagged manylinux");
		f->f.fix = xstrdup("run `manyguard audit --policy NAME` on it to see which "
				 "versions and libraries exceed that policy");
		return;
	}
	e->best_policy = mg_policy_name(best);
	if (!pkg->best_policy_known)
		return;
	const mg_policy *cur = pkg->best_policy ?
		mg_policy_set_find(a->opts.policies, pkg->best_policy) : NULL;
	if (!cur || mg_policy_priority(best) < mg_policy_priority(cur))
		pkg->best_policy = mg_policy_name(best);
}
