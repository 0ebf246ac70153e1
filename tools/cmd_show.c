/* manyguard show [--policy NAME] FILE...: what one ELF file needs at run
 * time, judged against a policy by the rules `manyguard audit` judges a
 * shipped file by (lib/rules): its libraries, the symbol versions it
 * requires above the policy's caps with the symbols that need each, the
 * libraries the policy does not allow, runtimes linked in statically,
 * OpenMP runtimes of several families, search paths that do not travel.
 * Each finding is one line starting with its rule id.  From the file's
 * manifest, when it has one: the C++ ABI of its objects and the C++
 * hazards its build accepted. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "audit/ldso.h"
#include "base/demangle.h"
#include "elf/elf.h"
#include "policy/glibc_abi.h"
#include "policy/policy.h"
#include "policy/runtime.h"
#include "rules/rules.h"
#include "tools/cli.h"
#include "tools/commands.h"
#include "tools/cxx_words.h"
#include "manifest/manifest.h"

static void show_usage(FILE *out)
{
	fprintf(out,
		"usage: manyguard show [--policy NAME] FILE...\n"
		"\n"
		"For each ELF file: its type and machine, the libraries it needs, and\n"
		"where it breaks the policy (default " MG_DEFAULT_POLICY "), one line per\n"
		"finding starting with its rule id: each required symbol version above the\n"
		"policy's caps with the symbols that need it, each library outside the\n"
		"allowed list, runtimes linked in statically, OpenMP runtimes of several\n"
		"families, search paths that do not travel.  The rules are the ones\n"
		"`manyguard audit` judges a file by.\n"
		"Exit status: 0 when every file satisfies the policy, 1 when one does not,\n"
		"2 when a file cannot be read.\n");
}

/* "name (demangled)" when NAME is a C++ symbol. */
static void print_symbol(const char *name)
{
	char *plain = mg_demangle(name);
	if (plain)
		printf("      %s  (%s)\n", name, plain);
	else
		printf("      %s\n", name);
	free(plain);
}

static void print_version(const mg_finding *f, const char *policy)
{
	const mg_finding_version *v = &f->u.version;
	if (v->wrong_library && v->defined_in)
		printf("bound to the wrong library: glibc %s (%s) has these in %s, needed by:\n",
		       v->release, policy, v->defined_in);
	else if (v->wrong_library)
		printf("bound to a version glibc %s (%s) does not define them at, needed by:\n",
		       v->release, policy);
	else if (v->forbidden)
		printf("never allowed (%s), needed by:\n",
		       v->forbidden_why ? v->forbidden_why : "private interface");
	else if (v->cap[0])
		printf("newer than %s allows (%s), needed by:\n", policy, v->cap);
	else
		printf("does not exist in %s, needed by:\n", policy);
	for (size_t k = 0; k < f->n_symbols; k++)
		print_symbol(f->symbols[k]);
}

static void print_path(const mg_finding_path *p)
{
	switch (p->problem) {
	case MG_PATH_OUTSIDE:
		printf("%s entry %s leads outside the file's directory\n", p->tag, p->entry);
		break;
	case MG_PATH_ABSOLUTE:
		printf("%s entry %s is a directory of the build machine\n", p->tag, p->entry);
		break;
	case MG_PATH_RELATIVE:
		printf("%s entry \"%s\" depends on the current directory\n", p->tag, p->entry);
		break;
	case MG_PATH_RPATH:
		printf("DT_RPATH %s without DT_RUNPATH\n", p->entry);
		break;
	case MG_PATH_NEEDED:
		printf("NEEDED entry %s is a path of the build machine\n", p->entry);
		break;
	}
}

/* One finding, "  RULE: what was found". */
static void print_finding(const mg_finding *f, const char *policy)
{
	printf("  %s: ", mg_rule_get(f->rule)->id);
	switch (f->rule) {
	case MG_RULE_SYMBOL_VERSION:
		if (f->u.version.absent && f->u.version.unnamed) {
			printf("a name is left undefined that %s has in %s, a library the file "
			       "does not need:\n", f->u.version.cap, f->u.version.library);
			print_symbol(f->symbols[0]);
			printf("    why: %s\n", f->u.version.reason);
			break;
		}
		if (f->u.version.absent) {
			printf("a name is left undefined that %s has only at %s, newer than %s "
			       "allows:\n", f->u.version.library,
			       f->u.version.version ? f->u.version.version : "a newer version",
			       f->u.version.cap);
			print_symbol(f->symbols[0]);
			if (f->u.version.glibc && f->u.version.reason)
				printf("    why: %s\n", f->u.version.reason);
			break;
		}
		printf("%s from %s is ", f->u.version.version, f->u.version.library);
		print_version(f, policy);
		break;
	case MG_RULE_NO_POLICY:
		printf("%s has no rules for %s\n", policy, f->u.machine.arch);
		break;
	case MG_RULE_EXTERNAL_LIB:
		printf("%s is not a library %s allows: vendor it or link it statically\n",
		       f->u.library.library, policy);
		break;
	case MG_RULE_STATIC_RUNTIME_COPY:
	case MG_RULE_STATIC_OPENMP:
		printf("contains %s (%s): defines %s%s\n", mg_runtime_impl_name(f->u.runtime.impl),
		       mg_runtime_family_name(f->u.runtime.family), f->symbols[0],
		       f->n_symbols_total > 1 ? ", ..." : "");
		break;
	case MG_RULE_MIXED_OPENMP:
		printf("OpenMP runtimes of %d families would meet in one process: %s\n",
		       f->u.openmp.families, f->u.openmp.list);
		break;
	case MG_RULE_RELOCATABILITY:
		print_path(&f->u.path);
		break;
	default:
		printf("%s\n", mg_rule_get(f->rule)->why);
		break;
	}
}

/* What the files are judged by: the policy, and the names this machine's
 * libstdc++ has above its caps (read for the first file of each machine
 * and class, as the audit reads them). */
typedef struct show_ctx {
	const mg_policy *policy;
	mg_ldso *ldso;
	mg_newer *newer;
	const mg_caps *newer_caps; /* what NEWER was computed for */
	int newer_class;
	unsigned newer_machine;
	/* glibc's ABI table, read for the first file of each machine. */
	mg_glibc_abi *glibc_abi;
	const char *glibc_arch;
	mg_rules_glibc glibc;
} show_ctx;

/* glibc's facts for ELF's machine (the table installed with the
 * policies), or NULL when there is no table for it. */
static int glibc_facts(show_ctx *ctx, mg_elf *elf, const mg_rules_glibc **glibc, mg_error *err)
{
	const char *arch = mg_elf_machine_name(elf);
	if (!ctx->glibc_arch || strcmp(ctx->glibc_arch, arch) != 0) {
		mg_glibc_abi_free(ctx->glibc_abi);
		ctx->glibc_abi = NULL;
		ctx->glibc_arch = arch;
		if (mg_rules_glibc_table(ctx->policy, arch, &ctx->glibc_abi, err) < 0) {
			ctx->glibc_arch = NULL;
			return -1;
		}
	}
	ctx->glibc = (mg_rules_glibc){.abi = ctx->glibc_abi};
	*glibc = ctx->glibc_abi ? &ctx->glibc : NULL;
	return 0;
}

/* The names this machine's libstdc++ has above the policy's caps for
 * ELF's machine, into *NEWER (NULL: none known). */
static int newer_names(show_ctx *ctx, mg_elf *elf, const mg_newer **newer, mg_error *err)
{
	const mg_caps *caps = mg_policy_caps(ctx->policy, mg_elf_machine_name(elf));
	*newer = NULL;
	if (!caps)
		return 0;
	if (caps != ctx->newer_caps || mg_elf_class(elf) != ctx->newer_class ||
	    mg_elf_machine(elf) != ctx->newer_machine) {
		mg_newer_free(ctx->newer);
		ctx->newer = NULL;
		ctx->newer_caps = caps;
		ctx->newer_class = mg_elf_class(elf);
		ctx->newer_machine = mg_elf_machine(elf);
		if (mg_ldso_cxx_newer(ctx->ldso, ctx->newer_class, ctx->newer_machine, caps,
				      &ctx->newer, err) != 0) {
			ctx->newer_caps = NULL;
			return -1;
		}
	}
	*newer = ctx->newer;
	return 0;
}

/* The checks `manyguard audit` makes of a file of its own: everything the
 * file itself shows, nothing shipped beside it. */
static int judge(show_ctx *ctx, mg_elf *elf, const mg_elf_dynamic *dyn, const char *path,
		 mg_findings *out, mg_error *err)
{
	const mg_newer *newer;
	const mg_rules_glibc *glibc;
	if (newer_names(ctx, elf, &newer, err) < 0 || glibc_facts(ctx, elf, &glibc, err) < 0)
		return -1;
	const mg_rules_opts o = {.stage = MG_STAGE_SHIPPED, .policy = ctx->policy,
				 .max_symbols = (size_t)-1, .newer = newer, .glibc = glibc};
	const char *name = dyn->soname ? dyn->soname : lbasename(path);
	mg_runtime_id self;
	if (mg_runtime_identify(name, &self, NULL) != 1)
		self.family = MG_RT_NONE, self.impl = MG_IMPL_NONE;
	mg_findings copies = {0};
	if (mg_rules_versions(elf, &o, out, err) < 0 ||
	    mg_rules_undefined(elf, &o, NULL, out, err) < 0 ||
	    mg_rules_runtime_copies(elf, &self, &o, &copies, err) < 0) {
		mg_finding_list_free(&copies);
		return -1;
	}
	mg_elf_type type = MG_ELF_TYPE_OTHER;
	mg_elf_type_of(elf, &type, NULL);
	mg_rules_libraries(path, dyn->needed, dyn->n_needed, type == MG_ELF_TYPE_DYN, &o, NULL,
			   out);
	mg_openmp_use *uses = NULL;
	size_t n_uses = 0, cap_uses = 0;
	mg_rules_openmp_uses(path, name, &self, dyn->needed, dyn->n_needed, &copies, 0, &uses,
			     &n_uses, &cap_uses);
	mg_finding_move(out, &copies);
	mg_rules_openmp_mix(uses, n_uses, out);
	for (size_t i = 0; i < n_uses; i++) {
		free(uses[i].file);
		free(uses[i].library);
	}
	free(uses);
	mg_rules_paths(lbasename(path), dyn, NULL, NULL, out);
	return 0;
}

/* The verdict line; whether the file violates the policy: an error, or
 * no rules for its machine. */
static bool verdict(const mg_findings *found, const char *policy)
{
	size_t errors = 0, glibc = 0;
	for (size_t i = 0; i < found->count; i++) {
		const mg_finding *f = &found->v[i];
		if (f->rule == MG_RULE_NO_POLICY)
			return true;
		if (f->severity != MG_SEV_ERROR)
			continue;
		errors++;
		/* The C library's versions depend on the machine that builds,
		 * not on the toolchain: the verdict says so. */
		glibc += f->rule == MG_RULE_SYMBOL_VERSION && f->u.version.glibc &&
			 !f->u.version.absent;
	}
	if (!errors)
		printf("  satisfies %s\n", policy);
	else if (errors == glibc)
		printf("  violates %s only through the C library (GLIBC versions): link it with "
		       "manyguard-cc or manyguard-c++ for %s (stubs of the policy's glibc and "
		       "shims), or build on a machine whose glibc is not newer than the "
		       "policy's\n", policy, policy);
	else
		printf("  violates %s\n", policy);
	return errors > 0;
}

/* 0: satisfies the policy, 1: does not, 2: unreadable. */
/* Which OpenMP runtime the manifest says the file was linked against, and
 * where it came from (docs/openmp.md). */
static void print_openmp(const mg_manifest_summary *s)
{
	if (!s->openmp)
		return;
	printf("  OpenMP: %s, %s", s->openmp, s->openmp_library ? s->openmp_library : "-");
	if (s->openmp_source)
		printf(" built by manyguard openmp for %s (needs up to %s) from %s\n",
		       s->openmp_policy, s->openmp_glibc_max, s->openmp_source);
	else if (s->openmp_fits == 0)
		printf(": the compiler's own runtime (%s), not built for the policy's glibc: "
		       "needs %s, unfit for %s\n", s->openmp_resolved ? s->openmp_resolved : "-",
		       s->openmp_glibc_max ? s->openmp_glibc_max : "-", s->policy ? s->policy : "-");
	else
		printf(": the compiler's own runtime (%s), not built for the policy's glibc\n",
		       s->openmp_resolved ? s->openmp_resolved : "-");
}

static int show_file(show_ctx *ctx, const char *path)
{
	const mg_policy *policy = ctx->policy;
	mg_error err;
	mg_error_clear(&err);
	mg_elf *elf = NULL;
	mg_findings found = {0};
	int status = 2;
	mg_elf_type type;
	const mg_elf_dynamic *dyn;
	if (mg_elf_open(path, &elf, &err) != 0 || mg_elf_type_of(elf, &type, &err) != 0 ||
	    !(dyn = mg_elf_dynamic_info(elf, &err))) {
		cli_error(&err);
		goto out;
	}
	printf("%s: %s, %s%s%s\n", path, mg_elf_type_name(type), mg_elf_machine_name(elf),
	       dyn->soname ? ", SONAME " : "", dyn->soname ? dyn->soname : "");
	if (dyn->n_needed) {
		printf("  needs:");
		for (size_t i = 0; i < dyn->n_needed; i++)
			printf(" %s", dyn->needed[i]);
		printf("\n");
	}
	/* What the manifest recorded about the C++ runtime the file carries:
	 * the objects' ABI and the hazards the build accepted. */
	json_t *doc = NULL;
	if (mg_manifest_read(elf, &doc, &err) < 0) {
		printf("  manifest: %s\n", err.reason);
		mg_error_clear(&err);
	} else if (doc) {
		mg_manifest_summary sum;
		mg_manifest_summarize(doc, &sum);
		cxx_words_print(&sum);
		print_openmp(&sum);
		json_decref(doc);
	}
	if (judge(ctx, elf, dyn, path, &found, &err) < 0) {
		cli_error(&err);
		goto out;
	}
	for (size_t i = 0; i < found.count; i++)
		print_finding(&found.v[i], mg_policy_name(policy));
	status = verdict(&found, mg_policy_name(policy)) ? 1 : 0;
out:
	mg_finding_list_free(&found);
	mg_elf_close(elf);
	return status;
}

int cmd_show(int argc, char **argv)
{
	static const struct option options[] = {
		{ "policy", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *policy_name = MG_DEFAULT_POLICY;
	int opt;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'p':
			policy_name = optarg;
			break;
		case 'h':
			show_usage(stdout);
			return 0;
		default:
			show_usage(stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		cli_errorf("no file given");
		show_usage(stderr);
		return 2;
	}
	mg_error err;
	mg_error_clear(&err);
	mg_policy *policy = mg_policy_load(cli_policy_dir(), policy_name, &err);
	if (!policy) {
		cli_error(&err);
		return 2;
	}
	int status = 0;
	show_ctx ctx = {.policy = policy, .ldso = mg_ldso_new()};
	for (int i = optind; i < argc; i++) {
		int s = show_file(&ctx, argv[i]);
		if (s > status)
			status = s;
	}
	mg_newer_free(ctx.newer);
	mg_glibc_abi_free(ctx.glibc_abi);
	mg_ldso_free(ctx.ldso);
	mg_policy_free(policy);
	return status;
}
