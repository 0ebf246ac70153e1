/* external-lib: the libraries a file needs that the policy does not
 * allow and nobody supplies.  Who supplies a library is the caller's
 * knowledge (the link line, the package); the rule is here. */
#include "config.h"
#include "rules/rules.h"

#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

bool mg_rules_is_dynamic_loader(const char *lib)
{
	return strncmp(lib, "ld-linux", 8) == 0 || strncmp(lib, "ld64.so", 7) == 0 ||
	       strncmp(lib, "ld.so", 5) == 0;
}

static bool is_openmp(const char *lib)
{
	mg_runtime_id id;
	return mg_runtime_identify(lib, &id, NULL) == 1 && id.family == MG_RT_OPENMP;
}

void mg_rules_libraries(const char *file, const char *const *needed, size_t n, bool shared,
			const mg_rules_opts *o, const mg_rules_supplier *supplier,
			mg_findings *out)
{
	if (!o->policy)
		return;
	bool link = o->stage == MG_STAGE_LINK;
	mg_severity sev = link && !shared ? MG_SEV_WARNING : MG_SEV_ERROR;
	for (size_t i = 0; i < n; i++) {
		const char *lib = needed[i];
		if (strchr(lib, '/') || mg_rules_is_dynamic_loader(lib) ||
		    mg_policy_library_allowed(o->policy, lib) || (link && is_openmp(lib)))
			continue;
		char *where = NULL;
		if (supplier && supplier->supplied(supplier->arg, lib, &where)) {
			free(where);
			continue;
		}
		mg_finding *f = mg_finding_add(out, MG_RULE_EXTERNAL_LIB, sev, file);
		f->u.library.library = xstrdup(lib);
		f->u.library.where = where;
	}
}
