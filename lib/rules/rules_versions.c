/* symbol-version: the versions a file requires above the caps, each with
 * the dynamic symbols that need it, and the GLIBC requirements within the
 * cap that the cap's glibc release cannot satisfy because they name the
 * wrong library (glibc's ABI table says where each name is); no-policy
 * when the policy has no caps for the file's machine.  One pass over the
 * file's version requirements (lib/elf reads them with their users). */
#include "config.h"
#include "rules/rules.h"
#include "rules/rules_internal.h"

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

/* The glibc release judging a file, and whether its GLIBC requirements are
 * the output's own (the link used the glibc baseline). */
typedef struct glibc_judge {
	const mg_glibc_abi *abi;
	int rel;           /* -1: no table or no release */
	const char *release;
	bool in_force;
} glibc_judge;

static mg_finding *new_finding(const mg_elf_verneed *need, const mg_elf_vernaux *aux,
			       mg_severity sev, bool glibc, const glibc_judge *g,
			       const char *file, mg_findings *out)
{
	mg_finding *f = mg_finding_add(out, MG_RULE_SYMBOL_VERSION, sev, file);
	mg_finding_version *v = &f->u.version;
	v->version = xstrdup(aux->name);
	v->library = xstrdup(need->file);
	v->glibc = glibc;
	v->in_force = glibc && g->in_force;
	v->release = glibc && g->release ? xstrdup(g->release) : NULL;
	return f;
}

static void add_finding(const mg_elf_verneed *need, const mg_elf_vernaux *aux,
			const mg_caps_result *res, const char *baseline, bool c_runtime,
			bool glibc, const glibc_judge *g, mg_severity sev,
			const mg_elf_symbols *dynsym, const char *file, const mg_rules_opts *o,
			mg_findings *out)
{
	mg_finding *f = new_finding(need, aux, sev, glibc, g, file, out);
	mg_finding_version *v = &f->u.version;
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

/* Whether library LIB of the table defines NAME at VERSION in release REL
 * (default or compat: a versioned reference binds to either). */
static bool defined_there(const mg_glibc_abi *abi, int lib, const char *name,
			  const char *version, int rel)
{
	for (const mg_glibc_abi_symbol *s = mg_glibc_abi_lookup(abi, name); s;
	     s = mg_glibc_abi_lookup_next(abi, s))
		if (s->lib == (size_t)lib && mg_glibc_abi_in(s->releases, rel) &&
		    strcmp(s->version, version) == 0)
			return true;
	return false;
}

/* The symbols needing AUX (a GLIBC version within the cap, required from
 * NEED, library LIB of the table) that release G->rel does not define
 * there: one finding per file the release has them in (none: NULL), the
 * symbols under it. */
static void wrong_library(const mg_elf_verneed *need, const mg_elf_vernaux *aux, int lib,
			  const char *cap, const glibc_judge *g, mg_severity sev,
			  const mg_elf_symbols *dynsym, const char *file, const mg_rules_opts *o,
			  mg_findings *out)
{
	size_t first = out->count;
	for (size_t k = 0; k < aux->n_symbols; k++) {
		if (aux->symbols[k] >= dynsym->count)
			continue;
		const char *name = dynsym->symbols[aux->symbols[k]].name;
		if (defined_there(g->abi, lib, name, aux->name, g->rel))
			continue;
		const mg_glibc_abi_symbol *where =
			mg_glibc_abi_find(g->abi, name, aux->name, g->rel);
		const char *in = where ? mg_glibc_abi_lib_at(g->abi, where->lib)->soname : NULL;
		mg_finding *f = NULL;
		for (size_t i = first; i < out->count && !f; i++) {
			const char *d = out->v[i].u.version.defined_in;
			if ((!d && !in) || (d && in && strcmp(d, in) == 0))
				f = &out->v[i];
		}
		if (!f) {
			f = new_finding(need, aux, sev, true, g, file, out);
			f->u.version.wrong_library = true;
			f->u.version.cap = xstrdup(cap);
			f->u.version.defined_in = in ? xstrdup(in) : NULL;
		}
		mg_finding_add_symbol(f, name, o->max_symbols);
	}
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
	glibc_judge g = {.abi = o->glibc ? o->glibc->abi : NULL,
			 .in_force = o->glibc && o->glibc->in_force};
	g.rel = rules_glibc_release(o, &g.release);
	if (g.abi && strcmp(mg_glibc_abi_arch(g.abi), arch) != 0)
		g.rel = -1;
	for (size_t i = 0; i < vn->count; i++) {
		const mg_elf_verneed *need = &vn->needs[i];
		mg_runtime_id id;
		bool c_runtime = mg_runtime_identify(need->file, &id, NULL) == 1 &&
				 (id.family == MG_RT_LIBSTDCXX || id.family == MG_RT_LIBGCC_S);
		const char *baseline;
		const mg_caps *caps = caps_for(o, policy_caps, c_runtime, id.family, &baseline);
		int lib = g.rel >= 0 ? rules_glibc_library(g.abi, need->file, g.rel) : -1;
		for (size_t j = 0; j < need->count; j++) {
			const mg_elf_vernaux *aux = &need->aux[j];
			mg_caps_result res;
			if (judge(caps, policy_caps, aux->name, &res, file, err) < 0)
				return -1;
			bool glibc = strncmp(aux->name, "GLIBC_", 6) == 0;
			/* A fresh link's versions of the C library are the build
			 * machine's, unless the link used the glibc baseline. */
			mg_severity sev = MG_SEV_ERROR;
			if (o->stage == MG_STAGE_LINK && !c_runtime && !(glibc && g.in_force)) {
				if (!shared)
					continue;
				sev = MG_SEV_WARNING;
			}
			if (res.verdict == MG_CAPS_WITHIN && glibc && lib >= 0)
				wrong_library(need, aux, lib, res.cap, &g, sev, dynsym, file, o,
					      out);
			if (res.verdict != MG_CAPS_EXCEEDS && res.verdict != MG_CAPS_FORBIDDEN)
				continue;
			add_finding(need, aux, &res, baseline, c_runtime, glibc, &g, sev, dynsym,
				    file, o, out);
		}
	}
	return 0;
}
