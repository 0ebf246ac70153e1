/* manyguard show [--policy NAME] FILE...: what one ELF file needs at run
 * time, judged against a policy: its libraries, the symbol versions it
 * requires above the policy's caps with the symbols that need each, the
 * libraries the policy does not allow, and runtimes linked in statically. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "base/demangle.h"
#include "tools/cli.h"
#include "tools/commands.h"
#include "elf/elf.h"
#include "policy/policy.h"
#include "policy/runtime.h"
#include "policy/symver.h"

static void show_usage(FILE *out)
{
	fprintf(out,
		"usage: manyguard show [--policy NAME] FILE...\n"
		"\n"
		"For each ELF file: its type and machine, the libraries it needs, the\n"
		"runtimes it carries, and where it breaks the policy (default\n"
		MG_DEFAULT_POLICY "): each required symbol version above the policy's caps\n"
		"with the symbols that need it, and each library outside the allowed list.\n"
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

/* The C library's versions (GLIBC_*) depend on the machine that builds, not
 * on the toolchain: they are counted apart so the verdict can say so. */
static bool is_glibc_version(const char *version)
{
	return strncmp(version, "GLIBC_", 6) == 0;
}

/* Versions above the caps, each with the symbols needing it; returns how
 * many versions exceed (*GLIBC_ONLY of them C library versions), or -1 on a
 * corrupted file. */
static int show_versions(mg_elf *elf, const mg_caps *caps, const char *policy,
			 int *glibc_only, mg_error *err)
{
	const mg_elf_verneeds *needs = mg_elf_verneed_info(elf, err);
	if (!needs)
		return -1;
	const mg_elf_symbols *dynsym = mg_elf_dynsym(elf, err);
	if (!dynsym)
		return -1;
	int exceeding = 0;
	for (size_t i = 0; i < needs->count; i++) {
		const mg_elf_verneed *n = &needs->needs[i];
		for (size_t j = 0; j < n->count; j++) {
			const mg_elf_vernaux *a = &n->aux[j];
			mg_caps_result res;
			if (mg_caps_check(caps, a->name, &res, err) != 0)
				return -1;
			if (res.verdict != MG_CAPS_EXCEEDS && res.verdict != MG_CAPS_FORBIDDEN)
				continue;
			exceeding++;
			if (is_glibc_version(a->name))
				(*glibc_only)++;
			if (res.verdict == MG_CAPS_FORBIDDEN)
				printf("  %s from %s is never allowed (%s), needed by:\n", a->name,
				       n->file, res.rule ? res.rule : "private interface");
			else if (res.cap[0])
				printf("  %s from %s is newer than %s allows (%s), needed by:\n",
				       a->name, n->file, policy, res.cap);
			else
				printf("  %s from %s does not exist in %s, needed by:\n", a->name,
				       n->file, policy);
			for (size_t k = 0; k < a->n_symbols; k++)
				print_symbol(dynsym->symbols[a->symbols[k]].name);
		}
	}
	return exceeding;
}

/* Runtimes linked into the file: definitions betray them. */
static int show_static_runtimes(mg_elf *elf, mg_error *err)
{
	const mg_elf_symbols *tabs[2] = { mg_elf_dynsym(elf, err), NULL };
	if (!tabs[0])
		return -1;
	tabs[1] = mg_elf_symtab(elf, err);
	if (!tabs[1])
		return -1;
	mg_runtime_scan *scan = mg_runtime_scan_new();
	if (!scan)
		return mg_error_set(err, mg_elf_name(elf), "out of memory");
	if (mg_runtime_scan_symbols(scan, tabs[0], err) < 0 ||
	    mg_runtime_scan_symbols(scan, tabs[1], err) < 0) {
		mg_runtime_scan_free(scan);
		return -1;
	}
	mg_runtime_finding found[8];
	size_t n = mg_runtime_scan_result(scan, found, 8);
	int shown = 0;
	for (size_t i = 0; i < n && i < 8; i++) {
		printf("  contains %s (%s): defines %s%s\n",
		       mg_runtime_impl_name(found[i].impl),
		       mg_runtime_family_name(found[i].family), found[i].evidence[0],
		       found[i].count > 1 ? ", ..." : "");
		shown++;
	}
	mg_runtime_scan_free(scan);
	return shown;
}

/* 0: satisfies the policy, 1: does not, 2: unreadable. */
static int show_file(const char *path, const mg_policy *policy)
{
	mg_error err;
	mg_error_clear(&err);
	mg_elf *elf = NULL;
	int status = 2;
	if (mg_elf_open(path, &elf, &err) != 0)
		goto fail;
	mg_elf_type type;
	const mg_elf_dynamic *dyn;
	if (mg_elf_type_of(elf, &type, &err) != 0 || !(dyn = mg_elf_dynamic_info(elf, &err)))
		goto fail;
	const char *arch = mg_elf_machine_name(elf);
	printf("%s: %s, %s%s%s\n", path, mg_elf_type_name(type), arch,
	       dyn->soname ? ", SONAME " : "", dyn->soname ? dyn->soname : "");
	if (dyn->n_needed) {
		printf("  needs:");
		for (size_t i = 0; i < dyn->n_needed; i++)
			printf(" %s", dyn->needed[i]);
		printf("\n");
	}
	const mg_caps *caps = mg_policy_caps(policy, arch);
	if (!caps) {
		printf("  %s has no rules for %s\n", mg_policy_name(policy), arch);
		status = 1;
		goto done;
	}
	int glibc = 0;
	int bad = show_versions(elf, caps, mg_policy_name(policy), &glibc, &err);
	if (bad < 0)
		goto fail;
	for (size_t i = 0; i < dyn->n_needed; i++) {
		if (!mg_policy_library_allowed(policy, dyn->needed[i])) {
			printf("  %s is not a library %s allows: vendor it or link it statically\n",
			       dyn->needed[i], mg_policy_name(policy));
			bad++;
		}
	}
	int runtimes = show_static_runtimes(elf, &err);
	if (runtimes < 0)
		goto fail;
	if (!bad)
		printf("  satisfies %s\n", mg_policy_name(policy));
	else if (bad == glibc)
		printf("  violates %s only through the C library (GLIBC versions): build on a "
		       "machine with an older glibc\n", mg_policy_name(policy));
	else
		printf("  violates %s\n", mg_policy_name(policy));
	status = bad ? 1 : 0;
	goto done;
fail:
	mg_cli_error(&err);
done:
	mg_elf_close(elf);
	return status;
}

int mg_cmd_show(int argc, char **argv)
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
		mg_cli_errorf("no file given");
		show_usage(stderr);
		return 2;
	}
	mg_error err;
	mg_error_clear(&err);
	mg_policy *policy = mg_policy_load(mg_cli_policy_dir(), policy_name, &err);
	if (!policy) {
		mg_cli_error(&err);
		return 2;
	}
	int status = 0;
	for (int i = optind; i < argc; i++) {
		int s = show_file(argv[i], policy);
		if (s > status)
			status = s;
	}
	mg_policy_free(policy);
	return status;
}
