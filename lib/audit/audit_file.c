/* One ELF file: its facts and the checks that need only the file (symbol
 * versions, static runtime copies, relocatability), the facts kept for the
 * package (what it needs) and for the checks across packages (the runtime
 * it is, carries or uses). */
#include "config.h"
#include "audit/audit_internal.h"

#include <stdarg.h>
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

static void add_omp(mg_audit *a, mg_runtime_impl impl, const char *file, char *role)
{
	MG_GROW(a->omp, a->n_omp + 1, a->cap_omp);
	audit_omp_use *u = &a->omp[a->n_omp++];
	u->impl = impl;
	u->package = a->pkg;
	u->file = xstrdup(file);
	u->role = role;
}

/* A finding of the current package about FILE, without explanation. */
static mg_audit_finding *bare_finding(mg_audit *a, const char *file, mg_rule rule,
				      mg_severity sev, char *message)
{
	mg_audit_finding *f = audit_finding(a, mg_rule_get(rule)->id, sev, message);
	audit_add_place(f, a->pkg, file, NULL);
	return f;
}

/* A finding of the current package about FILE, with the rule's own
 * explanation (the caller may replace it). */
static mg_audit_finding *file_finding(mg_audit *a, const char *file, mg_rule rule,
				      mg_severity sev, char *message)
{
	const mg_rule_info *info = mg_rule_get(rule);
	mg_audit_finding *f = bare_finding(a, file, rule, sev, message);
	f->effect = xstrdup(info->why);
	f->fix = xstrdup(info->fix);
	return f;
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

static void version_finding(mg_audit *a, const char *file, const mg_elf_vernaux *aux,
			    const char *lib, const mg_caps_result *res,
			    const mg_elf_symbols *dynsym)
{
	const char *policy = mg_policy_name(a->opts.policy);
	char *msg;
	if (res->verdict == MG_CAPS_FORBIDDEN)
		msg = audit_printf("%s from %s is never allowed (%s)", aux->name, lib,
				 res->rule ? res->rule : "private interface");
	else if (res->cap[0])
		msg = audit_printf("%s from %s is newer than %s allows (%s)", aux->name, lib,
				 policy, res->cap);
	else
		msg = audit_printf("%s from %s does not exist in %s", aux->name, lib, policy);
	mg_audit_finding *f = file_finding(a, file, MG_RULE_SYMBOL_VERSION,
					   MG_SEV_ERROR, msg);
	free(f->effect);
	f->effect = audit_printf("on a %s system the file fails to load: \"version `%s' not "
			       "found (required by %s)\"", policy, aux->name, lbasename(file));
	if (strncmp(aux->name, "GLIBC_", 6) == 0) {
		free(f->fix);
		f->fix = audit_printf("build on a system (container) whose C library is not newer "
				    "than %s's", policy);
	}
	f->n_symbols_total = aux->n_symbols;
	size_t n = aux->n_symbols < MG_AUDIT_MAX_SYMBOLS ? aux->n_symbols : MG_AUDIT_MAX_SYMBOLS;
	f->symbols = xcalloc(n ? n : 1, sizeof *f->symbols);
	for (size_t k = 0; k < n; k++)
		f->symbols[f->n_symbols++] = xstrdup(dynsym->symbols[aux->symbols[k]].name);
}

/* Judge every required version against CAPS (may be NULL) and, for
 * --policy auto, collect the names into P. */
static int check_versions(mg_audit *a, mg_elf *elf, const char *file, const mg_caps *caps,
			  audit_pending *p, mg_error *err)
{
	const mg_elf_verneeds *needs = mg_elf_verneed_info(elf, err);
	if (!needs)
		return -1;
	const mg_elf_symbols *dynsym = mg_elf_dynsym(elf, err);
	if (!dynsym)
		return -1;
	for (size_t i = 0; i < needs->count; i++) {
		const mg_elf_verneed *n = &needs->needs[i];
		for (size_t j = 0; j < n->count; j++) {
			const mg_elf_vernaux *aux = &n->aux[j];
			if (p) {
				MG_GROW(p->versions, p->n_versions + 1, p->cap_versions);
				p->versions[p->n_versions++] = xstrdup(aux->name);
			}
			if (!caps)
				continue;
			mg_caps_result res;
			if (mg_caps_check(caps, aux->name, &res, err) != 0)
				return -1;
			if (res.verdict == MG_CAPS_EXCEEDS || res.verdict == MG_CAPS_FORBIDDEN)
				version_finding(a, file, aux, n->file, &res, dynsym);
		}
	}
	return 0;
}

/* ---- runtimes linked in ------------------------------------------------------ */

static bool needs_family(const mg_elf_dynamic *dyn, mg_runtime_family family)
{
	for (size_t i = 0; i < dyn->n_needed; i++) {
		mg_runtime_id id;
		if (mg_runtime_identify(dyn->needed[i], &id, NULL) == 1 && id.family == family)
			return true;
	}
	return false;
}

static void static_finding(mg_audit *a, const char *file, const mg_runtime_finding *rf)
{
	const char *impl = mg_runtime_impl_name(rf->impl);
	bool severe = rf->impl == MG_IMPL_LIBSTDCXX || rf->family == MG_RT_OPENMP;
	char *msg = audit_printf("contains a statically linked %s (defines %s%s)", impl,
			       rf->evidence[0], rf->count > 1 ? ", ..." : "");
	mg_audit_finding *f = file_finding(a, file, MG_RULE_STATIC_RUNTIME_COPY,
					   severe ? MG_SEV_ERROR : MG_SEV_WARNING, msg);
	free(f->effect);
	if (rf->family == MG_RT_OPENMP)
		f->effect = xstrdup("a private OpenMP runtime starts its own thread pool next to "
				    "the process's; with another libomp/libiomp5 in the process "
				    "it aborts with \"OMP: Error #15\"");
	else if (rf->family == MG_RT_BLAS)
		f->effect = xstrdup("a private BLAS starts its own thread pool: threads "
				    "oversubscribe the machine and thread settings reach only one");
	else
		f->effect = xstrdup("a private C++ runtime keeps its own locale, iostream and "
				    "exception state: exceptions and objects crossing into other "
				    "modules see the wrong runtime (global state corrupted at import)");
}

/* Runtimes the file defines but neither is nor needs: static copies. */
static int check_static(mg_audit *a, mg_elf *elf, const char *file, const mg_runtime_id *self,
			const mg_elf_dynamic *dyn, bool foreign, mg_error *err)
{
	const mg_elf_symbols *tabs[2] = { mg_elf_dynsym(elf, err), NULL };
	if (!tabs[0])
		return -1;
	if (!(tabs[1] = mg_elf_symtab(elf, err)))
		return -1;
	mg_runtime_scan *scan = mg_runtime_scan_new();
	if (!scan)
		return mg_error_set(err, file, "out of memory");
	if (mg_runtime_scan_symbols(scan, tabs[0], err) < 0 ||
	    mg_runtime_scan_symbols(scan, tabs[1], err) < 0) {
		mg_runtime_scan_free(scan);
		return -1;
	}
	mg_runtime_finding found[8];
	size_t n = mg_runtime_scan_result(scan, found, 8);
	for (size_t i = 0; i < n && i < 8; i++) {
		mg_runtime_family fam = found[i].family;
		if (fam != MG_RT_LIBSTDCXX && fam != MG_RT_OPENMP && fam != MG_RT_BLAS)
			continue;
		if (self->family == fam || needs_family(dyn, fam))
			continue;
		if (!foreign) {
			add_copy(a, found[i].impl, NULL, file);
			if (fam == MG_RT_OPENMP)
				add_omp(a, found[i].impl, file,
					audit_printf("contains a static %s",
						   mg_runtime_impl_name(found[i].impl)));
		}
		if (!in_process(a))
			static_finding(a, file, &found[i]);
	}
	mg_runtime_scan_free(scan);
	return 0;
}

/* ---- relocatability ------------------------------------------------------- */

/* Where "$ORIGIN/REST" of FILE (relative to the package root) leads,
 * normalized; NULL when it climbs above the root. */
static char *origin_target(const char *file, const char *rest)
{
	char *dir = xstrdup(file);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		dir[0] = '\0';
	char *joined = concat(dir, "/", rest, NULL);
	free(dir);
	char *out = xcalloc(1, strlen(joined) + 2);
	size_t len = 0;
	bool above = false;
	for (char *save = NULL, *c = strtok_r(joined, "/", &save); c;
	     c = strtok_r(NULL, "/", &save)) {
		if (strcmp(c, ".") == 0)
			continue;
		if (strcmp(c, "..") == 0) {
			if (len == 0) {
				above = true;
				break;
			}
			while (len > 0 && out[len - 1] != '/')
				len--;
			if (len > 0)
				len--;
			out[len] = '\0';
			continue;
		}
		if (len)
			out[len++] = '/';
		strcpy(out + len, c);
		len += strlen(c);
	}
	free(joined);
	if (above) {
		free(out);
		return NULL;
	}
	return out;
}

/* In a site-packages tree the package is some of the top-level entries. */
static bool inside_package(const mg_audit *a, const char *target)
{
	if (!a->tops)
		return true;
	size_t len = strcspn(target, "/");
	for (size_t i = 0; i < a->n_tops; i++)
		if (strlen(a->tops[i]) == len && strncmp(a->tops[i], target, len) == 0)
			return true;
	return false;
}

static void path_finding(mg_audit *a, const char *file, mg_severity sev, char *msg,
			 const char *effect, const char *fix)
{
	mg_audit_finding *f = bare_finding(a, file, MG_RULE_RELOCATABILITY, sev, msg);
	f->effect = xstrdup(effect);
	f->fix = xstrdup(fix);
}

static void check_search_path(mg_audit *a, const char *file, const char *tag, const char *list)
{
	char *copy = xstrdup(list);
	char *p = copy;
	for (;;) {
		char *entry = p;
		char *colon = strchr(p, ':');
		if (colon)
			*colon = '\0';
		const char *rest = NULL;
		if (strncmp(entry, "$ORIGIN", 7) == 0)
			rest = entry + 7;
		else if (strncmp(entry, "${ORIGIN}", 9) == 0)
			rest = entry + 9;
		if (rest) {
			char *target = origin_target(file, rest);
			if (!target || !inside_package(a, target))
				path_finding(a, file, MG_SEV_WARNING,
					     audit_printf("%s entry %s points outside the package", tag,
							entry),
					     "the library is found only where the build put its "
					     "neighbours, or a foreign one is picked up",
					     "ship the library inside the package and point at it "
					     "with $ORIGIN");
			free(target);
		} else if (entry[0] == '/') {
			path_finding(a, file, MG_SEV_WARNING,
				     audit_printf("%s entry %s is an absolute path (of the build "
						"machine)", tag, entry),
				     "on other machines the directory is missing or holds other "
				     "libraries, which are loaded instead of the intended ones",
				     "use $ORIGIN-relative entries (auditwheel repair does)");
		} else {
			path_finding(a, file, MG_SEV_WARNING,
				     audit_printf("%s entry \"%s\" is relative to the current "
						"directory", tag, entry),
				     "what loads depends on the directory the program was "
				     "started from",
				     "use $ORIGIN-relative entries");
		}
		if (!colon)
			break;
		p = colon + 1;
	}
	free(copy);
}

static void check_relocatability(mg_audit *a, const char *file, const mg_elf_dynamic *dyn)
{
	if (dyn->rpath)
		check_search_path(a, file, "DT_RPATH", dyn->rpath);
	if (dyn->runpath)
		check_search_path(a, file, "DT_RUNPATH", dyn->runpath);
	if (dyn->rpath && !dyn->runpath)
		path_finding(a, file, MG_SEV_NOTE,
			     audit_printf("uses DT_RPATH (%s), not DT_RUNPATH", dyn->rpath),
			     "DT_RPATH also applies to the libraries this file loads and "
			     "overrides LD_LIBRARY_PATH",
			     "link with -Wl,--enable-new-dtags (patchelf --set-rpath without "
			     "--force-rpath)");
	for (size_t i = 0; i < dyn->n_needed; i++)
		if (strchr(dyn->needed[i], '/'))
			path_finding(a, file, MG_SEV_WARNING,
				     audit_printf("NEEDED entry %s is a path", dyn->needed[i]),
				     "ld.so opens exactly that path, which exists only on the "
				     "build machine",
				     "link the library by its SONAME (-lNAME or a library "
				     "with DT_SONAME)");
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
			a, mg_rule_get(MG_RULE_SHADOWED_LIBRARY)->id, MG_SEV_WARNING,
			audit_printf("ships %s, another copy of %s, which the interpreter's "
				   "process already loads", name, l->name));
		f->effect = xstrdup("both copies end up in one process: unversioned symbols "
				    "bind to whichever copy loaded first (the interpreter's), so "
				    "the package runs partly against a library it was not built "
				    "with; global state (error queues, allocators) is split");
		f->fix = audit_printf("use the interpreter's %s, or build the vendored copy with "
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

/* The dynamic loader comes with the C library, which every policy allows
 * (auditwheel does not list it either). */
static bool is_dynamic_loader(const char *lib)
{
	return strncmp(lib, "ld-linux", 8) == 0 || strncmp(lib, "ld64.so", 7) == 0 ||
	       strncmp(lib, "ld.so", 5) == 0;
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
		if (is_dynamic_loader(lib) ||
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
	if (self->family != MG_RT_NONE && tracked_family(self->family)) {
		add_copy(a, self->impl, name, file);
		if (self->family == MG_RT_OPENMP)
			add_omp(a, self->impl, file, audit_printf("ships %s", name));
	}
	for (size_t i = 0; i < dyn->n_needed; i++) {
		mg_runtime_id id;
		if (mg_runtime_identify(dyn->needed[i], &id, NULL) == 1 &&
		    id.family == MG_RT_OPENMP)
			add_omp(a, id.impl, file, audit_printf("needs %s", dyn->needed[i]));
	}
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
	if (foreign)
		bare_finding(a, file, MG_RULE_FOREIGN_MACHINE, MG_SEV_NOTE,
			     audit_printf("is an ELF file for %s, not %s: left out of the checks "
					"across packages", arch, a->machine));
	else {
		record_runtimes(a, file, name, &self, dyn);
		if (process && type == MG_ELF_TYPE_DYN)
			add_process_lib(a, name, origin, file, &self);
		else if (!process && a->n_process)
			check_shadowing(a, file, name, &self);
	}
	if (!process) {
		const mg_caps *caps = NULL;
		audit_pending *p = NULL;
		if (a->opts.policy) {
			caps = mg_policy_caps(a->opts.policy, arch);
			if (!caps)
				bare_finding(a, file, MG_RULE_NO_POLICY, MG_SEV_WARNING,
					     audit_printf("%s has no rules for %s",
							mg_policy_name(a->opts.policy), arch));
		}
		if (a->opts.policy || a->opts.policies)
			p = new_pending(a, elf, index, arch, dyn, origin);
		if (check_versions(a, elf, file, caps, a->opts.policy ? NULL : p, err) != 0)
			return -1;
		check_relocatability(a, file, dyn);
	}
	return check_static(a, elf, file, &self, dyn, foreign, err);
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

static void external_finding(mg_audit *a, audit_pending *p, const char *lib)
{
	const char *file = a->packages[a->pkg].elf[p->elf].path;
	char *where = audit_resolve(a, lib, p->rpath, p->runpath, p->origin, p->elf_class,
				    p->machine);
	char *msg = audit_printf("needs %s, which %s does not allow and the package does not "
			       "ship (%s%s)", lib, mg_policy_name(a->opts.policy),
			       where ? "here it resolves to " : "not found on this machine",
			       where ? where : "");
	mg_audit_finding *f = file_finding(a, file, MG_RULE_EXTERNAL_LIB, MG_SEV_ERROR, msg);
	free(f->effect);
	f->effect = audit_printf("on a machine without %s the import fails (\"%s: cannot open "
			       "shared object file\"); where it exists, its version is whatever "
			       "that machine has", lib, lib);
	free(f->fix);
	f->fix = audit_printf("vendor %s into the package (auditwheel repair) or drop the "
			      "dependency", lib);
	free(where);
}

static bool provided(mg_audit *a, const char *lib)
{
	return htab_find(a->provided, lib) != NULL;
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
	for (size_t i = 0; i < p->n_needed; i++)
		if (!provided(a, p->needed[i]))
			note_external_copy(a, p, p->needed[i]);
	if (a->opts.policy) {
		for (size_t i = 0; i < p->n_needed; i++)
			if (!provided(a, p->needed[i]))
				external_finding(a, p, p->needed[i]);
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
		mg_audit_finding *f = bare_finding(a, e->path, MG_RULE_NO_POLICY, MG_SEV_ERROR,
						   xstrdup("satisfies no policy: it needs versions "
							   "or libraries beyond every policy"));
		f->effect = xstrdup("no platform tag promises the libraries it needs: the "
				    "wheel cannot be tagged manylinux");
		f->fix = xstrdup("run `manyguard audit --policy NAME` on it to see which "
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
