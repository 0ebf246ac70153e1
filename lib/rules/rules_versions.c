/* symbol-version: the versions a file requires above the caps, each with
 * the dynamic symbols that need it; no-policy when the policy has no caps
 * for the file's machine.  One pass over the file's version requirements
 * (lib/elf reads them with their users). */
#include "config.h"
#include "rules/rules.h"

#include <stdio.h>
#include <string.h>

#include <libiberty/libiberty.h>

/* The caps that judge what is required from LIB (C_RUNTIME: libstdc++ or
 * libgcc_s, FAMILY telling which), and the baseline file behind them
 * (NULL: the policy). */
static const mg_caps *caps_for(const mg_rules_opts *o, const mg_caps *policy_caps,
			       bool c_runtime, mg_runtime_family family, const char **baseline)
{
	const mg_baseline *b = o->baseline;
	*baseline = NULL;
	if (c_runtime && b && family == MG_RT_LIBSTDCXX && b->cxx_caps) {
		*baseline = b->cxx_path;
		return b->cxx_caps;
	}
	if (c_runtime && b && family == MG_RT_LIBGCC_S && b->gcc_s_caps) {
		*baseline = b->gcc_s_path;
		return b->gcc_s_caps;
	}
	return policy_caps;
}

/* The verdict on VERSION: CAPS first, and a version a baseline does not
 * number (a tag) is the policy's to judge. */
static int judge(const mg_caps *caps, const mg_caps *policy_caps, const char *version,
		 mg_caps_result *res, const char *file, mg_error *err)
{
	if (mg_caps_check(caps, version, res, err) < 0 ||
	    (res->verdict == MG_CAPS_UNCAPPED && caps != policy_caps &&
	     mg_caps_check(policy_caps, version, res, err) < 0)) {
		if (err && !err->file[0])
			snprintf(err->file, sizeof err->file, "%s", file);
		return -1;
	}
	return 0;
}

static void add_finding(const mg_elf_verneed *need, const mg_elf_vernaux *aux,
			const mg_caps_result *res, const char *baseline, bool c_runtime,
			mg_severity sev, const mg_elf_symbols *dynsym, const char *file,
			const mg_rules_opts *o, mg_findings *out)
{
	mg_finding *f = mg_finding_add(out, MG_RULE_SYMBOL_VERSION, sev, file);
	mg_finding_version *v = &f->u.version;
	v->version = xstrdup(aux->name);
	v->library = xstrdup(need->file);
	v->forbidden = res->verdict == MG_CAPS_FORBIDDEN;
	v->forbidden_why = res->rule;
	v->cap = xstrdup(res->cap);
	v->baseline = baseline ? xstrdup(baseline) : NULL;
	v->cxx_runtime = c_runtime;
	for (size_t k = 0; k < aux->n_symbols; k++)
		if (aux->symbols[k] < dynsym->count)
			mg_finding_add_symbol(f, dynsym->symbols[aux->symbols[k]].name,
					      o->max_symbols);
}

int mg_rules_versions(mg_elf *elf, const mg_rules_opts *o, mg_findings *out, mg_error *err)
{
	const char *file = mg_elf_name(elf);
	const char *arch = mg_elf_machine_name(elf);
	if (!o->policy)
		return 0;
	const mg_caps *policy_caps = mg_policy_caps(o->policy, arch);
	if (!policy_caps) {
		mg_finding *f = mg_finding_add(out, MG_RULE_NO_POLICY, MG_SEV_WARNING, file);
		f->u.machine.arch = xstrdup(arch);
		return 0;
	}
	const mg_elf_verneeds *vn = mg_elf_verneed_info(elf, err);
	const mg_elf_symbols *dynsym = vn ? mg_elf_dynsym(elf, err) : NULL;
	if (!dynsym)
		return -1;
	mg_elf_type type = MG_ELF_TYPE_OTHER;
	mg_elf_type_of(elf, &type, NULL);
	bool shared = type == MG_ELF_TYPE_DYN;
	for (size_t i = 0; i < vn->count; i++) {
		const mg_elf_verneed *need = &vn->needs[i];
		mg_runtime_id id;
		bool c_runtime = mg_runtime_identify(need->file, &id, NULL) == 1 &&
				 (id.family == MG_RT_LIBSTDCXX || id.family == MG_RT_LIBGCC_S);
		const char *baseline;
		const mg_caps *caps = caps_for(o, policy_caps, c_runtime, id.family, &baseline);
		for (size_t j = 0; j < need->count; j++) {
			const mg_elf_vernaux *aux = &need->aux[j];
			mg_caps_result res;
			if (judge(caps, policy_caps, aux->name, &res, file, err) < 0)
				return -1;
			if (res.verdict != MG_CAPS_EXCEEDS && res.verdict != MG_CAPS_FORBIDDEN)
				continue;
			mg_severity sev = MG_SEV_ERROR;
			if (o->stage == MG_STAGE_LINK && !c_runtime) {
				if (!shared)
					continue;
				sev = MG_SEV_WARNING;
			}
			add_finding(need, aux, &res, baseline, c_runtime, sev, dynsym, file, o, out);
		}
	}
	return 0;
}
