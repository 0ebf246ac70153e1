/* Embedded manifests in audited files: what the linker wrapper recorded
 * when the file was linked (docs/manifest.md).  Only a few strings are
 * kept per file (memory stays flat); a corrupted manifest and rules that
 * MANYGUARD_ALLOW downgraded at link time become findings, because both
 * mean the file is not what a clean manyguard build would have produced. */
#include "config.h"

#include <string.h>

#include <libiberty/libiberty.h>

#include "base/asprintf.h"
#include "audit/audit_internal.h"
#include "manifest/manifest.h"

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void audit_manifest(mg_audit *a, mg_elf *elf, const char *file, size_t index)
{
	mg_audit_elf *e = &a->packages[a->pkg].elf[index];
	json_t *doc = NULL;
	mg_error err;
	if (mg_manifest_read(elf, &doc, &err) < 0) {
		e->manifest_error = xstrdup(err.reason);
		mg_audit_finding *f = audit_finding(
			a, MG_RULE_MANIFEST, MG_SEV_WARNING,
			mg_asprintf("has a corrupted manyguard manifest: %s", err.reason));
		f->f.effect = xstrdup("what the file was linked against and how it was judged is "
				    "unknown: the file was changed after the link, or damaged");
		f->f.fix = xstrdup("rebuild it through manyguard's wrappers; tools that rewrite "
				 "files (strip, patchelf) keep the manifest intact");
		audit_add_place(f, a->pkg, file, NULL);
		return;
	}
	if (!doc)
		return;
	mg_manifest_summary s;
	mg_manifest_summarize(doc, &s);
	e->manifest_policy = dup_or_null(s.policy);
	e->manifest_result = dup_or_null(s.result);
	e->manifest_version = dup_or_null(s.manyguard_version);
	char *allowed = xstrdup("");
	for (size_t i = 0; i < s.n_allowed; i++) {
		char *next = concat(allowed, i ? "," : "", s.allowed[i], NULL);
		free(allowed);
		allowed = next;
	}
	e->manifest_allowed = allowed;
	if (s.n_allowed) {
		mg_audit_finding *f = audit_finding(
			a, MG_RULE_MANIFEST, MG_SEV_NOTE,
			mg_asprintf("was linked with MANYGUARD_ALLOW=%s: its manifest records %zu "
				     "finding(s) downgraded to warnings", allowed, s.n_findings));
		f->f.effect = xstrdup("the build accepted a rule violation on purpose; the "
				    "findings above for this file may be that violation");
		f->f.fix = xstrdup("`manyguard manifest FILE` shows what was allowed and why");
		audit_add_place(f, a->pkg, file, NULL);
	}
	if (s.n_hazards) {
		char *list = xstrdup("");
		for (size_t i = 0; i < s.n_hazards && i < sizeof s.hazards / sizeof s.hazards[0]; i++) {
			char *next = concat(list, i ? ", " : "", s.hazards[i] ? s.hazards[i] : "?", " [",
					    s.hazard_classes[i] ? s.hazard_classes[i] : "hazard", "]",
					    NULL);
			free(list);
			list = next;
		}
		mg_audit_finding *f = audit_finding(
			a, MG_RULE_MANIFEST, MG_SEV_NOTE,
			mg_asprintf("was linked with %zu C++ runtime symbol(s) whose hazard the build "
				    "accepted (MANYGUARD_ALLOW_HAZARD): %s", s.n_hazards, list));
		f->f.effect = xstrdup("the file carries private copies of runtime code that share "
				    "state or identity with the process's libstdc++ (docs/nonshared.md)");
		f->f.fix = xstrdup("a newer policy whose baseline has these symbols, or code that "
				 "does not use them");
		audit_add_place(f, a->pkg, file, NULL);
		free(list);
	}
	if (s.cxx_abi && s.baseline_cxx11_abi == 0 && strcmp(s.cxx_abi, "old") != 0) {
		mg_audit_finding *f = audit_finding(
			a, MG_RULE_MANIFEST, MG_SEV_WARNING,
			mg_asprintf("has objects of the C++11 ABI (%s) for a baseline that predates it",
				    s.cxx_abi));
		f->f.effect = xstrdup("facets, error categories and exceptions of the new ABI are not "
				    "the old runtime's (docs/nonshared.md, \"The dual ABI\")");
		f->f.fix = xstrdup("rebuild with manyguard-c++, which compiles with "
				 "_GLIBCXX_USE_CXX11_ABI=0 for such a baseline");
		audit_add_place(f, a->pkg, file, NULL);
	}
	json_decref(doc);
}
