/* Verification pass: the finished output judged by the rules of lib/rules
 * at the link stage, in the order the report lists them (symbol versions,
 * nonshared symbols exported, runtimes copied in, OpenMP runtimes mixed,
 * libraries outside the policy), with what only the link line knows: the
 * runtime directory, the nonshared archives named on it, the user's own
 * objects and archives, the input that provided each library. */
#include "config.h"
#include "ld/ld_verify.h"
#include "base/asprintf.h"
#include "ld/ld_glibc.h"
#include "policy/split.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libiberty/libiberty.h>

/* Runtime symbols listed under one finding; the report counts the rest. */
#define MAX_LISTED 8

static bool is_nonshared_archive(const char *path)
{
	return strcmp(lbasename(path), "libstdc++_nonshared.a") == 0;
}

/* The nonshared archives of the link: the runtime directory's, and one
 * named on the link line unless it is that same file (reached through the
 * runtime directory's linker script).  Appended to ARCHIVES (malloc'd
 * paths, at most two). */
static size_t nonshared_archives(const ld_line *line, const char *runtime_dir,
				 char *archives[2])
{
	size_t n = 0;
	char *rt_archive = runtime_dir ? concat(runtime_dir, "/libstdc++_nonshared.a", NULL) : NULL;
	struct stat st;
	if (rt_archive && stat(rt_archive, &st) != 0) {
		free(rt_archive);
		rt_archive = NULL;
	}
	if (rt_archive)
		archives[n++] = rt_archive;
	for (size_t i = 0; i < line->n_inputs; i++) {
		const ld_input *in = &line->inputs[i];
		struct stat ist;
		if (in->type == LD_ARCHIVE && is_nonshared_archive(in->path) &&
		    !(rt_archive && stat(in->path, &ist) == 0 && ist.st_ino == st.st_ino &&
		      ist.st_dev == st.st_dev)) {
			archives[n++] = xstrdup(in->path);
			break;
		}
	}
	return n;
}

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return strcmp(a, b) == 0 || (stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
				     sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino);
}

/* The members PROV says the linker pulled from ARCHIVE, into NAMES (the
 * strings belong to PROV). */
static size_t pulled_from(const ld_provenance *prov, const char *archive, const char **names)
{
	size_t n = 0;
	for (size_t i = 0; i < prov->n_pulls; i++)
		if (same_file(prov->pulls[i].archive, archive))
			names[n++] = prov->pulls[i].member;
	return n;
}

static int check_nonshared(mg_elf *elf, const ld_line *line, const ld_verify_opts *opts,
			   mg_findings *out, mg_error *err)
{
	char *archives[2];
	size_t n = nonshared_archives(line, opts->runtime_dir, archives);
	if (!n)
		return 0;
	/* The user's own inputs, whose definitions are the user's to export. */
	const char **objects = XNEWVEC(const char *, line->n_inputs + 1);
	const char **user_archives = XNEWVEC(const char *, line->n_inputs + 1);
	mg_rules_nonshared_link link = {.archives = (const char *const *)archives,
					.n_archives = n,
					.objects = objects,
					.user_archives = user_archives};
	for (size_t i = 0; i < line->n_inputs; i++) {
		const ld_input *in = &line->inputs[i];
		if (in->type == LD_ARCHIVE && !is_nonshared_archive(in->path))
			user_archives[link.n_user_archives++] = in->path;
		else if (in->type == LD_OBJECT)
			objects[link.n_objects++] = in->path;
	}
	/* What the LTO plugin resolved to the user's LTO objects. */
	const char **lto_defs = NULL;
	size_t n_lto = 0;
	for (size_t i = 0; opts->lto && i < opts->lto->n; i++)
		n_lto += opts->lto->objects[i].n_defs;
	if (n_lto) {
		lto_defs = XNEWVEC(const char *, n_lto);
		for (size_t i = 0; i < opts->lto->n; i++)
			for (size_t k = 0; k < opts->lto->objects[i].n_defs; k++)
				lto_defs[link.n_lto_defs++] = opts->lto->objects[i].defs[k];
		link.lto_defs = lto_defs;
	}
	/* The members the linker pulled from each nonshared archive. */
	const char **pulled[2] = {NULL, NULL};
	size_t n_pulled[2] = {0, 0};
	if (opts->prov) {
		for (size_t i = 0; i < n; i++) {
			pulled[i] = XNEWVEC(const char *, opts->prov->n_pulls + 1);
			n_pulled[i] = pulled_from(opts->prov, archives[i], pulled[i]);
		}
		link.pulled = (const char *const *const *)pulled;
		link.n_pulled = n_pulled;
	}
	int rc = mg_rules_nonshared_exports(elf, &link, out, err);
	free(objects);
	free(user_archives);
	free(lto_defs);
	for (size_t i = 0; i < n; i++) {
		free(pulled[i]);
		free(archives[i]);
	}
	return rc;
}

/* A copy of a runtime whose archive was already reported (and allowed, or
 * the link would not have run) is the same finding. */
static void drop_reported_copies(mg_findings *copies, const ld_report *rep)
{
	size_t kept = 0;
	for (size_t i = 0; i < copies->count; i++) {
		mg_finding *f = &copies->v[i];
		bool cxx = f->u.runtime.family == MG_RT_LIBSTDCXX;
		if ((cxx && ld_report_has(rep, MG_RULE_STATIC_LIBSTDCXX)) ||
		    (!cxx && f->rule == MG_RULE_STATIC_OPENMP &&
		     ld_report_has(rep, MG_RULE_STATIC_OPENMP)))
			mg_finding_free(f);
		else
			copies->v[kept++] = *f;
	}
	copies->count = kept;
}

/* The note after versions required from the C++ runtimes: how the link
 * gets the right ones. */
static char *runtime_advice(const ld_verify_opts *opts)
{
	if (opts->runtime_dir)
		return mg_asprintf("the runtime directory %s was on the link line, yet these "
				 "versions came from another libstdc++/libgcc_s: pass -L %s before "
				 "other directories", opts->runtime_dir, opts->runtime_dir);
	if (opts->baseline)
		return mg_asprintf("link with manyguard-c++, or create the baseline's runtime "
				 "directory (manyguard nonshared --baseline-lib %s -o DIR) and add "
				 "-L DIR", opts->baseline->cxx_path);
	return mg_asprintf("link with manyguard-c++, or create the policy's runtime directory "
			 "(manyguard nonshared --policy %s -o DIR) and add -L DIR",
			 mg_policy_name(opts->policy));
}

/* Names the runtimes lack at the caps, and C++11-ABI objects for a baseline
 * without that ABI (what the runtime directory's split knows). */
static int check_undefined(mg_elf *elf, const ld_line *line, const ld_verify_opts *opts,
			   const mg_rules_opts *ro, mg_findings *out, mg_error *err)
{
	ld_definers definers;
	ld_definers_init(&definers, line);
	const mg_rules_definers d = {ld_definers_defines, &definers};
	int undefined = mg_rules_undefined(elf, ro, &d, out, err);
	ld_definers_free(&definers);
	if (undefined < 0)
		return -1;
	if (!opts->split || mg_split_cxx11_abi(opts->split))
		return 0;
	const char **objects = XNEWVEC(const char *, line->n_inputs + 1);
	size_t n = 0;
	for (size_t i = 0; i < line->n_inputs; i++)
		if (line->inputs[i].type == LD_OBJECT)
			objects[n++] = line->inputs[i].path;
	int rc = mg_rules_cxx_abi(line->output, objects, n, out, err);
	free(objects);
	return rc;
}

/* Passes, each a rule of lib/rules, reported in this order. */
static int judge(mg_elf *elf, const ld_line *line, const mg_elf_dynamic *dyn,
		 const ld_verify_opts *opts, ld_report *rep, mg_error *err)
{
	const mg_rules_opts ro = {.stage = MG_STAGE_LINK, .policy = opts->policy,
				  .baseline = opts->baseline, .max_symbols = MAX_LISTED,
				  .split = opts->split, .glibc = opts->glibc};
	const char *policy = mg_policy_name(opts->policy);
	const mg_runtime_id none = {.family = MG_RT_NONE};
	mg_findings found = {0};
	int rc = mg_rules_versions(elf, &ro, &found, err);
	if (rc == 0)
		rc = check_undefined(elf, line, opts, &ro, &found, err);
	if (rc == 0) {
		char *advice = runtime_advice(opts);
		ld_report_findings(rep, line->output, policy, &found, advice);
		free(advice);
		rc = check_nonshared(elf, line, opts, &found, err);
	}
	if (rc == 0) {
		ld_report_findings(rep, line->output, policy, &found, NULL);
		rc = mg_rules_runtime_copies(elf, &none, &ro, &found, err);
	}
	if (rc == 0) {
		drop_reported_copies(&found, rep);
		mg_openmp_use *uses = NULL;
		size_t n_uses = 0, cap_uses = 0;
		mg_rules_openmp_uses(line->output, NULL, &none, dyn->needed, dyn->n_needed, NULL, 0,
				     &uses, &n_uses, &cap_uses);
		mg_rules_openmp_mix(uses, n_uses, &found);
		for (size_t i = 0; i < n_uses; i++) {
			free(uses[i].file);
			free(uses[i].library);
		}
		free(uses);
		ld_supplier supplier;
		ld_supplier_init(&supplier, line, dyn);
		mg_elf_type type = MG_ELF_TYPE_OTHER;
		mg_elf_type_of(elf, &type, NULL);
		const mg_rules_supplier s = {ld_supplier_supplies, &supplier};
		mg_rules_libraries(line->output, dyn->needed, dyn->n_needed,
				   type == MG_ELF_TYPE_DYN, &ro, &s, &found);
		ld_supplier_free(&supplier);
		ld_report_findings(rep, line->output, policy, &found, NULL);
	}
	mg_finding_list_free(&found);
	return rc;
}

int ld_verify(const ld_line *line, mg_elf *elf, const ld_verify_opts *opts,
		 ld_report *rep, mg_error *err)
{
	if (line->relocatable || mg_elf_etype(elf) == ET_REL)
		return 0;
	const mg_elf_dynamic *dyn = mg_elf_dynamic_info(elf, err);
	if (!dyn)
		return -1;
	return judge(elf, line, dyn, opts, rep, err);
}
