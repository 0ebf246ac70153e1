/* symbol-version for names a runtime does not define at the caps at all:
 * the undefined references of a failed link, explained, and references a
 * finished file leaves unversioned and unresolved (a shared object may
 * leave names for the process to define, and the linker does not mind).
 * One rule for every runtime: each runtime's facts say whether it lacks a
 * name, and why (libstdc++'s below: what the split of the runtime
 * directory left out). */
#include "config.h"
#include "rules/rules.h"

#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "base/asprintf.h"
#include "policy/split.h"

static const mg_rules_runtime_facts *who_lacks(const char *name,
					       const mg_rules_runtime_facts *facts,
					       size_t n_facts, mg_rules_absent_info *info)
{
	for (size_t i = 0; i < n_facts; i++) {
		memset(info, 0, sizeof *info);
		if (facts[i].absent(facts[i].arg, name, info))
			return &facts[i];
	}
	return NULL;
}

static void add(const char *file, const char *name, bool unlinked,
		const mg_rules_runtime_facts *rt, mg_rules_absent_info *info, mg_findings *out)
{
	mg_finding *f = mg_finding_add(out, MG_RULE_SYMBOL_VERSION, MG_SEV_ERROR, file);
	mg_finding_version *v = &f->u.version;
	v->absent = true;
	v->unlinked = unlinked;
	v->version = info->version ? xstrdup(info->version) : NULL;
	v->library = xstrdup(rt->runtime);
	v->cap = xstrdup(rt->baseline);
	v->cxx_runtime = strncmp(rt->runtime, "libstdc++", 9) == 0 ||
			 strncmp(rt->runtime, "libgcc_s", 8) == 0;
	v->reason = info->reason ? xstrdup(info->reason) : NULL;
	v->hazard = info->hazard ? xstrdup(info->hazard) : NULL;
	v->ways_out = info->ways_out;
	mg_finding_add_symbol(f, name, 1);
}

void mg_rules_undefined(const char *file, const char *const *names, size_t n,
			const mg_rules_runtime_facts *facts, size_t n_facts, mg_findings *out)
{
	for (size_t i = 0; i < n; i++) {
		mg_rules_absent_info info;
		const mg_rules_runtime_facts *rt = who_lacks(names[i], facts, n_facts, &info);
		if (rt)
			add(file, names[i], true, rt, &info, out);
	}
}

int mg_rules_absent(mg_elf *elf, const char *file, const mg_rules_runtime_facts *facts,
		    size_t n_facts, mg_findings *out, mg_error *err)
{
	if (!n_facts)
		return 0;
	const mg_elf_symbols *dyn = mg_elf_dynsym(elf, err);
	const unsigned char *used = dyn ? mg_elf_dynsym_relocated(elf, err) : NULL;
	if (!used)
		return -1;
	for (size_t i = 1; i < dyn->count; i++) {
		const mg_elf_symbol *s = &dyn->symbols[i];
		/* A weak reference is optional by design: it may stay unresolved;
		 * a name no relocation uses is never looked up. */
		if (s->defined || s->bind == STB_WEAK || !s->name[0] || !used[i])
			continue;
		mg_rules_absent_info info;
		const mg_rules_runtime_facts *rt = who_lacks(s->name, facts, n_facts, &info);
		if (rt)
			add(file, s->name, false, rt, &info, out);
	}
	return 0;
}

/* ---- libstdc++: the split of the runtime directory ---------------------- */

static bool cxx_absent(void *arg, const char *name, mg_rules_absent_info *info)
{
	const mg_split *split = arg;
	const mg_split_symbol *sym = mg_split_find(split, name);
	if (!sym || mg_split_links(sym))
		return false;
	info->version = sym->version;
	info->reason = sym->reason;
	info->hazard = sym->hazard;
	bool hazard = strcmp(sym->status, "hazard") == 0;
	/* New-ABI code meets the old runtime's facets and exceptions: the old
	 * ABI is the way out there. */
	bool abi = !mg_split_cxx11_abi(split) && strstr(sym->name, "cxx11") != NULL;
	char *allow = hazard ? mg_asprintf("MANYGUARD_ALLOW_HAZARD=%s to link the private copy "
					   "anyway and live with the hazard (docs/nonshared.md), ",
					   sym->root ? sym->root : sym->name)
			     : xstrdup("");
	info->ways_out = mg_asprintf(
		"%sa newer policy, whose baseline has %s (its runtime then provides it), %sor "
		"code that does not use it",
		abi ? "the old C++ ABI (-D_GLIBCXX_USE_CXX11_ABI=0, what manyguard-c++ uses for "
		      "this baseline unless the command line sets it), "
		    : "",
		sym->version, allow);
	free(allow);
	return true;
}

void mg_rules_cxx_facts(const mg_split *split, mg_rules_runtime_facts *out)
{
	out->runtime = "libstdc++.so.6";
	out->baseline = mg_split_baseline(split);
	out->absent = cxx_absent;
	out->arg = (void *)split;
}
