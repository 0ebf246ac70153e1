#include "config.h"
#include "ld/ld_check.h"
#include "base/demangle.h"
#include "base/grow.h"

#include <libiberty/hashtab.h>
#include <libiberty/libiberty.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "elf/archive.h"
#include "elf/elf.h"
#include "elf/elf_gnuhash.h"
#include "policy/runtime.h"

/* Symbols listed under one finding; the rest are counted. */
#define MAX_LISTED 8

/* ---- the report ------------------------------------------------------------ */

void mg_ld_report_free(mg_ld_report *rep)
{
	mg_diag_buf_free(&rep->text);
	for (size_t i = 0; i < rep->n_findings; i++)
		free(rep->findings[i].message);
	free(rep->findings);
	rep->findings = NULL;
	rep->n_findings = rep->cap_findings = 0;
}

static void vadd(mg_ld_report *rep, mg_severity sev, mg_rule rule, const char *fmt, va_list ap)
{
	char *msg = NULL;
	if (vasprintf(&msg, fmt, ap) < 0)
		return;
	mg_diag d = {.program = rep->program, .severity = sev, .rule = rule, .message = msg};
	mg_diag_apply_allow(&d, rep->allow);
	if (d.severity == MG_SEV_ERROR)
		rep->errors++;
	mg_diag_append(&rep->text, &d);
	if (rule != MG_RULE_NONE) {
		MG_GROW(rep->findings, rep->n_findings + 1, rep->cap_findings);
		rep->findings[rep->n_findings++] =
			(mg_ld_finding){rule, d.severity, d.allowed, msg};
		return;
	}
	free(msg);
}

static void __attribute__((format(printf, 4, 5)))
report(mg_ld_report *rep, mg_severity sev, mg_rule rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vadd(rep, sev, rule, fmt, ap);
	va_end(ap);
}

static void __attribute__((format(printf, 2, 3))) note(mg_ld_report *rep, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vadd(rep, MG_SEV_NOTE, MG_RULE_NONE, fmt, ap);
	va_end(ap);
}

/* The rule's why and fix, once per rule and report, after its first finding. */
static void rule_notes(mg_ld_report *rep, mg_rule rule)
{
	if (rep->noted & (1u << rule))
		return;
	rep->noted |= 1u << rule;
	mg_diag d = {.program = rep->program, .severity = MG_SEV_NOTE, .rule = rule};
	mg_diag_append_notes(&rep->text, &d);
}

/* A symbol as users write it; mangled when it does not demangle. */
static char *pretty(const char *name)
{
	char *dem = mg_demangle(name);
	return dem ? dem : xstrdup(name);
}

/* ---- before linking ---------------------------------------------------------- */

/* The runtime an archive file name stands for (libgomp.a, libomp.a,
 * libgomp-a34b3233.a, libstdc++.a), by the name of its shared twin. */
static bool archive_runtime(const char *file, mg_runtime_id *id)
{
	size_t n = strlen(file);
	if (n < 3 || strcmp(file + n - 2, ".a") != 0 || strcmp(file, "libstdc++_nonshared.a") == 0)
		return false;
	char *stem = xstrndup(file, n - 2);
	char *so = concat(stem, ".so", NULL);
	int known = mg_runtime_identify(so, id, NULL);
	free(stem);
	free(so);
	return known == 1;
}

/* The archive file name an input stands for, or NULL when it is none:
 * an archive that exists, or a static -l whose archive does not. */
static char *archive_name(const mg_ld_input *in)
{
	if (in->type == MG_LD_ARCHIVE)
		return xstrdup(lbasename(in->path));
	if (!in->library || !in->static_state || in->type != MG_LD_MISSING)
		return NULL;
	const char *name = in->spec + 2;
	if (name[0] == ':')
		return xstrdup(lbasename(name + 1));
	return concat("lib", name, ".a", NULL);
}

/* How the archive got in, for the message. */
static char *how_named(const mg_ld_input *in)
{
	const char *from = in->script ? ", named by the linker script " : "";
	const char *script = in->script ? in->script : "";
	if (in->library && in->static_state && !in->path)
		return concat(in->spec, " in static mode (-Bstatic/-static) asks for a static "
			      "archive (none in the search path)", from, script, NULL);
	const char *path = in->path ? in->path : "";
	if (in->library && in->static_state)
		return concat(in->spec, " in static mode (-Bstatic/-static) links ", path, from,
			      script, NULL);
	if (in->library)
		return concat(in->spec, " links ", path, from, script, NULL);
	return concat(path, " is linked", from, script, NULL);
}

void mg_ld_check_inputs(const mg_ld_line *line, mg_ld_report *rep)
{
	for (size_t i = 0; i < line->n_inputs; i++) {
		const mg_ld_input *in = &line->inputs[i];
		char *file = archive_name(in);
		mg_runtime_id id;
		if (!file)
			continue;
		if (archive_runtime(file, &id)) {
			char *how = how_named(in);
			if (id.impl == MG_IMPL_LIBSTDCXX) {
				report(rep, MG_SEV_ERROR, MG_RULE_STATIC_LIBSTDCXX,
				       "static libstdc++: %s", how);
				rule_notes(rep, MG_RULE_STATIC_LIBSTDCXX);
			} else if (id.family == MG_RT_OPENMP) {
				report(rep, MG_SEV_ERROR, MG_RULE_STATIC_OPENMP,
				       "static OpenMP runtime (%s): %s", mg_runtime_impl_name(id.impl),
				       how);
				rule_notes(rep, MG_RULE_STATIC_OPENMP);
			}
			free(how);
		}
		free(file);
	}
}

/* ---- after linking: symbol versions ------------------------------------------ */

static void list_symbols(mg_ld_report *rep, const mg_elf_symbols *dynsym,
			 const mg_elf_vernaux *aux)
{
	size_t listed = 0;
	for (size_t k = 0; k < aux->n_symbols; k++) {
		size_t idx = aux->symbols[k];
		if (idx >= dynsym->count)
			continue;
		if (listed == MAX_LISTED) {
			note(rep, "... and %zu more", aux->n_symbols - k);
			break;
		}
		char *name = pretty(dynsym->symbols[idx].name);
		note(rep, "%s is needed by %s", aux->name, name);
		free(name);
		listed++;
	}
}

/* The caps that judge what NEED asks of its library, and who set them
 * (for the message): a real baseline's for libstdc++ and libgcc_s when one
 * is given, the policy's for everything else. */
static const mg_caps *caps_for(const mg_ld_verify_opts *opts, const mg_caps *policy_caps,
			       const mg_runtime_id *id, bool runtime, char **owner)
{
	const mg_ld_baseline *b = opts->baseline;
	if (runtime && b && id->family == MG_RT_LIBSTDCXX && b->cxx_caps) {
		*owner = concat("the baseline ", b->cxx_path, NULL);
		return b->cxx_caps;
	}
	if (runtime && b && id->family == MG_RT_LIBGCC_S && b->gcc_s_caps) {
		*owner = concat("the baseline ", b->gcc_s_path, NULL);
		return b->gcc_s_caps;
	}
	*owner = xstrdup(mg_policy_name(opts->policy));
	return policy_caps;
}

/* Versions above the caps: the C++ runtimes' are errors (the split runtime
 * fixes them); the C library's only warnings, because this machine's
 * glibc is newer than any manylinux baseline and a build cannot avoid all
 * of them. */
static int check_versions(mg_elf *elf, const char *out, bool shared,
			  const mg_ld_verify_opts *opts, mg_ld_report *rep, mg_error *err)
{
	const mg_caps *policy_caps =
		opts->policy ? mg_policy_caps(opts->policy, mg_elf_machine_name(elf)) : NULL;
	if (!policy_caps)
		return 0;
	const mg_elf_verneeds *vn = mg_elf_verneed_info(elf, err);
	const mg_elf_symbols *dynsym = vn ? mg_elf_dynsym(elf, err) : NULL;
	if (!dynsym)
		return -1;
	bool runtime_errors = false, found = false;
	for (size_t i = 0; i < vn->count; i++) {
		const mg_elf_verneed *need = &vn->needs[i];
		mg_runtime_id id;
		bool runtime = mg_runtime_identify(need->file, &id, NULL) == 1 &&
			       (id.family == MG_RT_LIBSTDCXX || id.family == MG_RT_LIBGCC_S);
		char *owner = NULL;
		const mg_caps *caps = caps_for(opts, policy_caps, &id, runtime, &owner);
		for (size_t j = 0; j < need->count; j++) {
			const mg_elf_vernaux *aux = &need->aux[j];
			mg_caps_result res;
			if (mg_caps_check(caps, aux->name, &res, NULL) < 0)
				continue;
			/* A node the baseline does not number (a tag) is the
			 * policy's to judge. */
			if (res.verdict == MG_CAPS_UNCAPPED && caps != policy_caps &&
			    mg_caps_check(policy_caps, aux->name, &res, NULL) < 0)
				continue;
			if (res.verdict != MG_CAPS_EXCEEDS && res.verdict != MG_CAPS_FORBIDDEN)
				continue;
			/* An executable on this machine always needs the build's glibc
			 * (__libc_start_main@GLIBC_2.34): warning about it on every
			 * configure test would be noise; shared objects are what wheels
			 * ship. */
			if (!runtime && !shared)
				continue;
			mg_severity sev = runtime ? MG_SEV_ERROR : MG_SEV_WARNING;
			if (res.verdict == MG_CAPS_FORBIDDEN)
				report(rep, sev, MG_RULE_SYMBOL_VERSION,
				       "%s requires %s from %s, which %s never allows", out, aux->name,
				       need->file, mg_policy_name(opts->policy));
			else
				report(rep, sev, MG_RULE_SYMBOL_VERSION,
				       "%s requires %s from %s, newer than %s allows (%s)", out,
				       aux->name, need->file, owner, res.cap[0] ? res.cap : "none");
			list_symbols(rep, dynsym, aux);
			runtime_errors |= runtime;
			found = true;
		}
		free(owner);
	}
	if (runtime_errors) {
		if (opts->runtime_dir)
			note(rep, "the runtime directory %s was on the link line, yet these versions "
			     "came from another libstdc++/libgcc_s: pass -L %s before other "
			     "directories", opts->runtime_dir, opts->runtime_dir);
		else if (opts->baseline)
			note(rep, "link with manyguard-c++, or create the baseline's runtime "
			     "directory (manyguard nonshared --baseline-lib %s -o DIR) and add -L DIR",
			     opts->baseline->cxx_path);
		else
			note(rep, "link with manyguard-c++, or create the policy's runtime "
			     "directory (manyguard nonshared --policy %s -o DIR) and add -L DIR",
			     mg_policy_name(opts->policy));
	}
	if (found)
		rule_notes(rep, MG_RULE_SYMBOL_VERSION);
	return 0;
}

/* ---- after linking: nonshared symbols exported --------------------------------- */

/* A set of names that points into data that outlives it (an archive's
 * index, a symbol table): nothing is copied, nothing freed per entry. */
static htab_t new_names(size_t size)
{
	return htab_create_alloc(size, htab_hash_string, htab_eq_string, NULL, xcalloc, free);
}

static void add_name(htab_t names, const char *name)
{
	void **slot = htab_find_slot(names, name, INSERT);
	if (!*slot)
		*slot = (void *)name;
}

static bool has_name(htab_t names, const char *name)
{
	return htab_find(names, name) != NULL;
}

static int by_length(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t lx = strlen(x), ly = strlen(y);
	return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x, y);
}

static bool is_nonshared_archive(const char *path)
{
	return strcmp(lbasename(path), "libstdc++_nonshared.a") == 0;
}

/* The nonshared archives of the link: the runtime directory's, and any
 * input of that name.  Open archives go to ARS (closed by the caller),
 * whose indexes the names point into. */
typedef struct archives {
	mg_ar *ar[2];
	size_t count;
} archives;

/* Names of an archive's symbol index (defined global symbols, hidden ones
 * included): what the archive can contribute.  AR stays open: NAMES
 * points into it. */
static int add_archive_names(htab_t names, const char *path, mg_ar **ar, mg_error *err)
{
	*ar = mg_ar_open(path, err);
	if (!*ar)
		return -1;
	for (size_t i = 0; i < mg_ar_symbol_count(*ar); i++)
		add_name(names, mg_ar_symbol_at(*ar, i)->name);
	return 0;
}

/* Take from SUSPECTS the names that PATH, an archive of the user's, can
 * define. */
static int acquit_by_archive(htab_t suspects, const char *path, mg_error *err)
{
	mg_ar *ar = mg_ar_open(path, err);
	if (!ar)
		return -1;
	for (size_t i = 0; i < mg_ar_symbol_count(ar) && htab_elements(suspects); i++)
		htab_remove_elt(suspects, mg_ar_symbol_at(ar, i)->name);
	mg_ar_close(ar);
	return 0;
}

/* Take from SUSPECTS the names that PATH, an object of the user's,
 * defines globally. */
static int acquit_by_object(htab_t suspects, const char *path, mg_error *err)
{
	mg_elf *elf = NULL;
	if (mg_elf_open(path, &elf, err) < 0)
		return -1;
	const mg_elf_symbols *tab = mg_elf_symtab(elf, err);
	if (!tab) {
		mg_elf_close(elf);
		return -1;
	}
	for (size_t i = 1; i < tab->count && htab_elements(suspects); i++) {
		const mg_elf_symbol *s = &tab->symbols[i];
		if (s->defined && s->bind != STB_LOCAL && s->name[0])
			htab_remove_elt(suspects, s->name);
	}
	mg_elf_close(elf);
	return 0;
}

/* A defined, non-local dynamic symbol of an archive name is a suspect. */
typedef struct suspect_ctx {
	const mg_elf_symbols *dynsym;
	const mg_ld_gnuhash *hash;
	htab_t suspects;
} suspect_ctx;

static void suspect_found(size_t index, void *arg)
{
	suspect_ctx *ctx = arg;
	const mg_elf_symbol *s = &ctx->dynsym->symbols[index];
	if (s->defined && s->bind != STB_LOCAL)
		add_name(ctx->suspects, s->name);
}

static int suspect_probe(void **slot, void *arg)
{
	suspect_ctx *ctx = arg;
	mg_ld_gnuhash_find(ctx->hash, ctx->dynsym, *slot, suspect_found, ctx);
	return 1;
}

/* The output's exported definitions of ARCHIVE's names, into SUSPECTS:
 * each name looked up in the output's own .gnu.hash (the archive has a
 * thousand names, a large output a hundred times as many symbols), or,
 * without one, every dynamic symbol looked up in ARCHIVE. */
static void collect_suspects(mg_elf *elf, const mg_elf_symbols *dynsym, htab_t archive,
			     htab_t suspects)
{
	mg_ld_gnuhash h;
	suspect_ctx ctx = {dynsym, &h, suspects};
	if (mg_ld_gnuhash_open(elf, dynsym, &h)) {
		htab_traverse_noresize(archive, suspect_probe, &ctx);
		return;
	}
	for (size_t i = 1; i < dynsym->count; i++)
		if (has_name(archive, dynsym->symbols[i].name))
			suspect_found(i, &ctx);
}

typedef struct leaks {
	char **names;
	size_t count, cap;
} leaks;

static int add_leak(void **slot, void *arg)
{
	leaks *lk = arg;
	MG_GROW(lk->names, lk->count + 1, lk->cap);
	lk->names[lk->count++] = pretty(*slot);
	return 1;
}

/* Passes, cheapest first, so that the usual link (nothing exported from
 * the archive) reads only the archive's index and the output's dynamic
 * symbols:
 *   collection: what the nonshared archives can define;
 *   suspects:   the output's exported definitions among those names;
 *   acquittal:  names the user's own objects and archives define are the
 *               user's to export (template instantiations, see
 *               tests/integration/nonshared_corpus.sh), read only while
 *               suspects are left;
 * what remains only the nonshared archive explains: leaks. */
static int check_nonshared(mg_elf *elf, const mg_ld_line *line, const mg_ld_verify_opts *opts,
			   mg_ld_report *rep, mg_error *err)
{
	char *rt_archive = opts->runtime_dir
				   ? concat(opts->runtime_dir, "/libstdc++_nonshared.a", NULL)
				   : NULL;
	struct stat st;
	if (rt_archive && stat(rt_archive, &st) != 0) {
		free(rt_archive);
		rt_archive = NULL;
	}
	/* One named on the link line, unless it is the runtime directory's
	 * (reached through its linker script). */
	const char *in_archive = NULL;
	for (size_t i = 0; i < line->n_inputs && !in_archive; i++) {
		const mg_ld_input *in = &line->inputs[i];
		struct stat ist;
		if (in->type == MG_LD_ARCHIVE && is_nonshared_archive(in->path) &&
		    !(rt_archive && stat(in->path, &ist) == 0 && ist.st_ino == st.st_ino &&
		      ist.st_dev == st.st_dev))
			in_archive = in->path;
	}
	if (!rt_archive && !in_archive)
		return 0;

	htab_t archive = new_names(1024), suspects = NULL;
	archives ars = {.count = 0};
	const char *paths[2] = {rt_archive, in_archive};
	int rc = 0;
	for (size_t i = 0; i < 2 && rc == 0; i++)
		if (paths[i])
			rc = add_archive_names(archive, paths[i], &ars.ar[ars.count++], err);
	const mg_elf_symbols *dynsym = rc == 0 ? mg_elf_dynsym(elf, err) : NULL;
	if (!dynsym)
		rc = -1;
	if (rc == 0) {
		suspects = new_names(64);
		collect_suspects(elf, dynsym, archive, suspects);
	}
	for (size_t i = 0; rc == 0 && i < line->n_inputs && htab_elements(suspects); i++) {
		const mg_ld_input *in = &line->inputs[i];
		if (in->type == MG_LD_ARCHIVE && !is_nonshared_archive(in->path))
			rc = acquit_by_archive(suspects, in->path, err);
		else if (in->type == MG_LD_OBJECT)
			rc = acquit_by_object(suspects, in->path, err);
	}
	leaks lk = {NULL, 0, 0};
	if (rc == 0 && htab_elements(suspects))
		htab_traverse_noresize(suspects, add_leak, &lk);
	char **leaked = lk.names;
	size_t n_leaked = lk.count;
	if (n_leaked) {
		/* Shortest first: the plain functions users call, before the
		 * template machinery behind them. */
		qsort(leaked, n_leaked, sizeof *leaked, by_length);
		report(rep, MG_SEV_ERROR, MG_RULE_NONSHARED_EXPORT,
		       "%s exports %zu symbols of the nonshared archive", line->output, n_leaked);
		for (size_t i = 0; i < n_leaked && i < MAX_LISTED; i++)
			note(rep, "exported: %s", leaked[i]);
		if (n_leaked > MAX_LISTED)
			note(rep, "... and %zu more", n_leaked - MAX_LISTED);
		rule_notes(rep, MG_RULE_NONSHARED_EXPORT);
	}
	for (size_t i = 0; i < n_leaked; i++)
		free(leaked[i]);
	free(leaked);
	if (suspects)
		htab_delete(suspects);
	htab_delete(archive);
	for (size_t i = 0; i < ars.count; i++)
		mg_ar_close(ars.ar[i]);
	free(rt_archive);
	return rc;
}

/* ---- after linking: runtimes copied in ----------------------------------------- */

static void evidence_notes(mg_ld_report *rep, const mg_runtime_finding *f)
{
	for (size_t k = 0; k < f->count && k < MG_RUNTIME_MAX_EVIDENCE; k++) {
		if (!f->evidence[k])
			break;
		char *name = pretty(f->evidence[k]);
		note(rep, "defines %s", name);
		free(name);
	}
}

/* A runtime linked statically leaves only its definitions behind, in the
 * dynamic symbols of a shared object and in the symbol table of an
 * executable, however it got in (an archive, a prelinked object).  A
 * shared object's .symtab is not read: its non-local definitions are the
 * exported ones already in .dynsym (the linker turns hidden and
 * version-script-local ones into locals), and it is by far the largest
 * table of a big link. */
static int check_runtime_copies(mg_elf *elf, const char *out, bool shared, mg_ld_report *rep,
				mg_error *err)
{
	const mg_elf_symbols *dynsym = mg_elf_dynsym(elf, err);
	const mg_elf_symbols *symtab = dynsym && !shared ? mg_elf_symtab(elf, err) : NULL;
	if (!dynsym || (!shared && !symtab))
		return -1;
	mg_runtime_scan *scan = mg_runtime_scan_new();
	if (!scan)
		return mg_error_set(err, out, "out of memory");
	if (mg_runtime_scan_symbols(scan, dynsym, err) < 0 ||
	    (symtab && mg_runtime_scan_symbols(scan, symtab, err) < 0)) {
		mg_runtime_scan_free(scan);
		return -1;
	}
	mg_runtime_finding found[MG_IMPL_COUNT];
	size_t n = mg_runtime_scan_result(scan, found, MG_IMPL_COUNT);
	for (size_t i = 0; i < n && i < MG_IMPL_COUNT; i++) {
		const mg_runtime_finding *f = &found[i];
		mg_rule rule;
		if (f->family == MG_RT_OPENMP)
			rule = MG_RULE_STATIC_OPENMP;
		else if (f->impl == MG_IMPL_LIBSTDCXX || f->impl == MG_IMPL_CXXABI)
			rule = rep->noted & (1u << MG_RULE_STATIC_LIBSTDCXX)
				       ? MG_RULE_STATIC_LIBSTDCXX
				       : MG_RULE_STATIC_RUNTIME_COPY;
		else
			continue;
		/* The archive was already reported (and allowed, or we would not
		 * have linked): the copy it left is the same finding. */
		if (rep->noted & (1u << rule) && rule != MG_RULE_STATIC_RUNTIME_COPY)
			continue;
		report(rep, MG_SEV_ERROR, rule, "%s contains a static copy of %s (%zu of its symbols "
		       "defined)", out, mg_runtime_impl_name(f->impl), f->count);
		evidence_notes(rep, f);
		rule_notes(rep, rule);
	}
	mg_runtime_scan_free(scan);
	return 0;
}

/* ---- after linking: NEEDED ------------------------------------------------------ */

static void check_openmp_mix(const mg_elf_dynamic *dyn, const char *out, mg_ld_report *rep)
{
	const char *first = NULL;
	mg_runtime_impl first_impl = MG_IMPL_NONE;
	char first_name[256];

	for (size_t i = 0; i < dyn->n_needed; i++) {
		mg_runtime_id id;
		if (mg_runtime_identify(dyn->needed[i], &id, NULL) != 1 || id.family != MG_RT_OPENMP)
			continue;
		if (!first) {
			first = dyn->needed[i];
			first_impl = id.impl;
			snprintf(first_name, sizeof first_name, "%s", id.canonical);
			continue;
		}
		if (strcmp(id.canonical, first_name) == 0)
			continue;
		report(rep, MG_SEV_ERROR, MG_RULE_MIXED_OPENMP,
		       "%s needs two OpenMP runtimes: %s (%s) and %s (%s)", out, first,
		       mg_runtime_impl_name(first_impl), dyn->needed[i], mg_runtime_impl_name(id.impl));
		rule_notes(rep, MG_RULE_MIXED_OPENMP);
	}
}

/* The dynamic loader comes with the C library (auditwheel does not list
 * it either). */
static bool is_dynamic_loader(const char *lib)
{
	return strncmp(lib, "ld-linux", 8) == 0 || strncmp(lib, "ld64.so", 7) == 0 ||
	       strncmp(lib, "ld.so", 5) == 0;
}

/* The input shared library that provides SONAME, or NULL. */
/* DIR, or a directory below it, holds FILE (both real paths). */
static bool dir_holds(const char *dir, const char *file)
{
	size_t n = strlen(dir);
	return strncmp(dir, file, n) == 0 && (file[n] == '/' || (n == 1 && dir[0] == '/'));
}

/* Vendored: next to (or below) the output, or in a directory of an
 * $ORIGIN-relative RPATH/RUNPATH entry. */
static bool vendored(const char *real, const char *out_dir, const mg_elf_dynamic *dyn)
{
	if (dir_holds(out_dir, real))
		return true;
	const char *lists[2] = {dyn->rpath, dyn->runpath};
	for (size_t l = 0; l < 2; l++) {
		char *copy = lists[l] ? xstrdup(lists[l]) : NULL;
		for (char *save = NULL, *e = copy ? strtok_r(copy, ":", &save) : NULL; e;
		     e = strtok_r(NULL, ":", &save)) {
			const char *rest = strncmp(e, "$ORIGIN", 7) == 0	   ? e + 7
					   : strncmp(e, "${ORIGIN}", 9) == 0 ? e + 9
									     : NULL;
			if (!rest)
				continue;
			char *dir = concat(out_dir, rest, NULL);
			char *rdir = realpath(dir, NULL);
			bool hit = rdir && dir_holds(rdir, real);
			free(dir);
			free(rdir);
			if (hit) {
				free(copy);
				return true;
			}
		}
		free(copy);
	}
	return false;
}

/* PATH with its directory's "..", "." and symlinks resolved, the file
 * name kept (libopenblas.so, not the file its symlink chain ends at). */
static char *tidy_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	char *real_dir = realpath(*dir ? dir : "/", NULL);
	char *out = real_dir ? concat(strcmp(real_dir, "/") == 0 ? "" : real_dir, "/",
				      lbasename(path), NULL)
			     : xstrdup(path);
	free(dir);
	free(real_dir);
	return out;
}

/* System library locations: a library found there is the machine's, not
 * the project's, and will not be on the user's machine. */
static bool in_system_dir(const char *real)
{
	static const char *const prefixes[] = {"/usr/", "/lib/", "/lib32/", "/lib64/",
					       "/libx32/", "/opt/"};
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (strncmp(real, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	return false;
}

/* NEEDED libraries the policy does not allow, found in a system directory
 * at link time.  A project's own libraries (built elsewhere than the
 * system directories) and vendored ones pass: the wheel carries them.
 * OpenMP runtimes pass too: a wheel vendors its one OpenMP runtime
 * (static-openmp and mixed-openmp guard the hazards). */
static void check_external(const mg_elf_dynamic *dyn, const mg_ld_line *line, bool shared,
			  const mg_ld_verify_opts *opts, mg_ld_report *rep)
{
	if (!opts->policy)
		return;
	/* An executable is not loaded into anybody else's process, and builds
	 * link helper programs against system libraries all the time (code
	 * generators, tests, the build's own tools): for them the finding is a
	 * warning.  A shared object is what a wheel ships into other processes. */
	mg_severity sev = shared ? MG_SEV_ERROR : MG_SEV_WARNING;
	char *out_copy = xstrdup(line->output);
	char *slash = strrchr(out_copy, '/');
	const char *dir = slash ? (slash == out_copy ? "/" : (*slash = '\0', out_copy)) : ".";
	char *out_dir = realpath(dir, NULL);
	free(out_copy);
	char **sonames = NULL; /* read at the first library that needs them */
	for (size_t i = 0; i < dyn->n_needed; i++) {
		const char *lib = dyn->needed[i];
		mg_runtime_id id;
		if (mg_policy_library_allowed(opts->policy, lib) || is_dynamic_loader(lib) ||
		    (mg_runtime_identify(lib, &id, NULL) == 1 && id.family == MG_RT_OPENMP))
			continue;
		if (!sonames)
			sonames = mg_ld_line_sonames(line);
		size_t k = mg_ld_line_provider(line, sonames, lib);
		const mg_ld_input *in = k == (size_t)-1 ? NULL : &line->inputs[k];
		char *real = in ? realpath(in->path, NULL) : NULL;
		if (real && ((out_dir && vendored(real, out_dir, dyn)) || !in_system_dir(real))) {
			free(real);
			continue;
		}
		char *shown = in ? tidy_path(in->path) : NULL;
		if (!in)
			report(rep, sev, MG_RULE_EXTERNAL_LIB,
			       "%s needs %s, which %s does not allow; no input on the link line "
			       "provides it (the linker found it in its own search path)",
			       line->output, lib, mg_policy_name(opts->policy));
		else if (real && strcmp(real, shown) != 0)
			report(rep, sev, MG_RULE_EXTERNAL_LIB,
			       "%s needs %s, which %s does not allow; %s resolved to %s (%s)",
			       line->output, lib, mg_policy_name(opts->policy), in->spec, shown, real);
		else
			report(rep, sev, MG_RULE_EXTERNAL_LIB,
			       "%s needs %s, which %s does not allow; %s resolved to %s",
			       line->output, lib, mg_policy_name(opts->policy), in->spec, shown);
		free(shown);
		rule_notes(rep, MG_RULE_EXTERNAL_LIB);
		free(real);
	}
	mg_ld_line_sonames_free(line, sonames);
	free(out_dir);
}

/* ---- after linking: all of it -------------------------------------------------- */

/* A shared object proper, not a PIE. */
static bool is_shared_object(mg_elf *elf)
{
	mg_elf_type type;
	return mg_elf_type_of(elf, &type, NULL) == 0 && type == MG_ELF_TYPE_DYN;
}

int mg_ld_verify(const mg_ld_line *line, mg_elf *elf, const mg_ld_verify_opts *opts,
		 mg_ld_report *rep, mg_error *err)
{
	if (line->relocatable)
		return 0;
	int rc = 0;
	if (mg_elf_etype(elf) != ET_REL) {
		const mg_elf_dynamic *dyn = mg_elf_dynamic_info(elf, err);
		rc = dyn ? 0 : -1;
		if (rc == 0)
			rc = check_versions(elf, line->output, is_shared_object(elf), opts, rep, err);
		if (rc == 0)
			rc = check_nonshared(elf, line, opts, rep, err);
		if (rc == 0)
			rc = check_runtime_copies(elf, line->output, is_shared_object(elf), rep, err);
		if (rc == 0) {
			check_openmp_mix(dyn, line->output, rep);
			check_external(dyn, line, is_shared_object(elf), opts, rep);
		}
	}
	return rc;
}
