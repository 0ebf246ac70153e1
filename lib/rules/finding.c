/* Findings: the one value every check returns, and lists of them.  Nothing
 * here judges; lib/rules/rules_*.c do. */
#include "config.h"
#include "rules/finding.h"

#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "base/grow.h"

static void free_details(mg_finding *f)
{
	switch (f->rule) {
	case MG_RULE_SYMBOL_VERSION:
		free(f->u.version.version);
		free(f->u.version.library);
		free(f->u.version.cap);
		free(f->u.version.baseline);
		free(f->u.version.reason);
		free(f->u.version.hazard);
		free(f->u.version.ways_out);
		free(f->u.version.release);
		free(f->u.version.first);
		free(f->u.version.defined_in);
		break;
	case MG_RULE_EXTERNAL_LIB:
		free(f->u.library.library);
		free(f->u.library.where);
		break;
	case MG_RULE_STATIC_LIBSTDCXX:
	case MG_RULE_STATIC_OPENMP:
	case MG_RULE_STATIC_RUNTIME_COPY:
		free(f->u.runtime.archive);
		break;
	case MG_RULE_MIXED_OPENMP:
		free(f->u.openmp.list);
		for (size_t i = 0; i < f->u.openmp.n_uses; i++) {
			free(f->u.openmp.uses[i].file);
			free(f->u.openmp.uses[i].library);
		}
		free(f->u.openmp.uses);
		break;
	case MG_RULE_RELOCATABILITY:
		free(f->u.path.entry);
		break;
	case MG_RULE_NO_POLICY:
		free(f->u.machine.arch);
		break;
	case MG_RULE_CXX_ABI:
		free(f->u.abi.object);
		free(f->u.abi.evidence);
		break;
	default:
		break;
	}
}

void mg_finding_free(mg_finding *f)
{
	free_details(f);
	free(f->file);
	for (size_t i = 0; i < f->n_symbols; i++)
		free(f->symbols[i]);
	free(f->symbols);
	free(f->message);
	free(f->effect);
	free(f->fix);
	memset(f, 0, sizeof *f);
}

void mg_finding_add_symbol(mg_finding *f, const char *name, size_t max)
{
	f->n_symbols_total++;
	if (f->n_symbols >= max)
		return;
	f->symbols = xrealloc(f->symbols, (f->n_symbols + 1) * sizeof *f->symbols);
	f->symbols[f->n_symbols++] = xstrdup(name);
}

mg_finding *mg_finding_add(mg_findings *list, mg_rule rule, mg_severity sev, const char *file)
{
	MG_GROW(list->v, list->count + 1, list->cap);
	mg_finding *f = &list->v[list->count++];
	memset(f, 0, sizeof *f);
	f->rule = rule;
	f->severity = sev;
	f->file = file ? xstrdup(file) : NULL;
	return f;
}

void mg_finding_move(mg_findings *to, mg_findings *from)
{
	for (size_t i = 0; i < from->count; i++) {
		MG_GROW(to->v, to->count + 1, to->cap);
		to->v[to->count++] = from->v[i];
	}
	free(from->v);
	memset(from, 0, sizeof *from);
}

bool mg_finding_has(const mg_findings *list, mg_rule rule)
{
	for (size_t i = 0; i < list->count; i++)
		if (list->v[i].rule == rule)
			return true;
	return false;
}

void mg_finding_list_free(mg_findings *list)
{
	for (size_t i = 0; i < list->count; i++)
		mg_finding_free(&list->v[i]);
	free(list->v);
	memset(list, 0, sizeof *list);
}
