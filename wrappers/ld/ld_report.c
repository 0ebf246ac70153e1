/* The linker wrapper's words for each finding: one GCC-style line naming
 * the output and the rule, notes with the symbols or runtimes behind it,
 * and once per rule its why and fix.  MANYGUARD_ALLOW turns an error into
 * a warning here.  The worded line is kept in the finding for the
 * manifest. */
#include "config.h"
#include "ld/ld_report.h"
#include "base/asprintf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "base/demangle.h"
#include "rules/rules.h"

/* Symbols listed under one finding; the rest are counted. */
#define MAX_LISTED 8

void ld_report_free(ld_report *rep)
{
	mg_diag_buf_free(&rep->text);
	mg_finding_list_free(&rep->findings);
}

bool ld_report_has(const ld_report *rep, mg_rule rule)
{
	return mg_finding_has(&rep->findings, rule);
}

static void line(ld_report *rep, mg_severity sev, mg_rule rule, bool allowed,
		 const char *msg)
{
	mg_diag d = {.program = rep->program, .severity = sev, .rule = rule,
		     .allowed = allowed, .message = msg};
	mg_diag_append(&rep->text, &d);
}

void ld_report_error(ld_report *rep, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = mg_vasprintf(fmt, ap);
	va_end(ap);
	line(rep, MG_SEV_ERROR, MG_RULE_NONE, false, msg);
	rep->errors++;
	free(msg);
}

void ld_report_note(ld_report *rep, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = mg_vasprintf(fmt, ap);
	va_end(ap);
	line(rep, MG_SEV_NOTE, MG_RULE_NONE, false, msg);
	free(msg);
}

/* The rule's why and fix, once per rule and report, after its first finding. */
static void rule_notes(ld_report *rep, mg_rule rule)
{
	if (rep->noted & (1u << rule))
		return;
	rep->noted |= 1u << rule;
	mg_diag d = {.program = rep->program, .severity = MG_SEV_NOTE, .rule = rule};
	mg_diag_append_notes(&rep->text, &d);
}

/* F's line, MANYGUARD_ALLOW applied; F (worded) joins the report. */
static mg_finding *record(ld_report *rep, mg_finding *f)
{
	mg_diag d = {.severity = f->severity, .rule = f->rule};
	mg_diag_apply_allow(&d, rep->allow);
	f->severity = d.severity;
	f->allowed = d.allowed;
	if (f->severity == MG_SEV_ERROR)
		rep->errors++;
	line(rep, f->severity, f->rule, f->allowed, f->message);
	mg_finding *kept = mg_finding_add(&rep->findings, f->rule, f->severity, NULL);
	*kept = *f;
	memset(f, 0, sizeof *f);
	return kept;
}

void ld_report_add(ld_report *rep, mg_finding *f)
{
	mg_rule rule = f->rule;
	record(rep, f);
	rule_notes(rep, rule);
}

/* A symbol as users write it; mangled when it does not demangle. */
static char *pretty(const char *name)
{
	char *dem = mg_demangle(name);
	return dem ? dem : xstrdup(name);
}

/* A name the runtime lacks at the caps: what it is, why it is absent,
 * the ways out. */
static void absent(ld_report *rep, const char *out, mg_finding *f)
{
	const mg_finding_version *v = &f->u.version;
	char *name = pretty(f->symbols[0]);
	char *version = v->version ? concat(" (", v->version, ")", NULL) : xstrdup("");
	if (v->unnamed && v->unlinked)
		f->message = mg_asprintf("%s: undefined reference to %s: %s has it in %s, which the "
					 "link does not name", out, name, v->cap, v->library);
	else if (v->unnamed)
		f->message = mg_asprintf("%s needs %s, which %s has in %s, a library the file does "
					 "not need: it fails to load there unless the process has %s",
					 out, name, v->cap, v->library, v->library);
	else if (v->glibc && v->unlinked && v->older_only)
		f->message = mg_asprintf("%s: undefined reference to %s@%s: %s has %s only at older "
					 "versions (%s has %s from glibc %s)", out, name, v->version,
					 v->cap, name, v->library, v->version, v->first);
	else if (v->glibc && v->unlinked)
		f->message = mg_asprintf("%s: undefined reference to %s%s: %s does not provide it "
					 "(%s has it from glibc %s)", out, name, version, v->cap,
					 v->library, v->first);
	else if (v->glibc)
		f->message = mg_asprintf("%s needs %s%s, which %s does not provide (%s has it from "
					 "glibc %s): the file fails to load there", out, name,
					 version, v->cap, v->library, v->first);
	else if (v->unlinked)
		f->message = mg_asprintf("%s: undefined reference to %s%s: %s does not provide it "
					 "for %s", out, name, version, v->library, v->cap);
	else
		f->message = mg_asprintf("%s needs %s%s, which %s does not provide for %s: the "
					 "file fails to load there", out, name, version, v->library,
					 v->cap);
	const mg_finding *kept = record(rep, f);
	const mg_finding_version *k = &kept->u.version;
	if (k->reason && k->hazard)
		ld_report_note(rep, "left out for a hazard (%s): %s", k->hazard, k->reason);
	else if (k->reason)
		ld_report_note(rep, "why: %s", k->reason);
	if (k->ways_out)
		ld_report_note(rep, "ways out: %s", k->ways_out);
	free(name);
	free(version);
}

/* GLIBC names required from a file that the cap's release does not have
 * them in: where it has them, name by name. */
static void wrong_library(ld_report *rep, const char *out, const char *policy, mg_finding *f)
{
	const mg_finding_version *v = &f->u.version;
	if (v->defined_in)
		f->message = mg_asprintf("%s requires %s from %s for names that glibc %s (%s) has in "
					 "%s: its ld.so refuses to load the file", out, v->version,
					 v->library, v->release, policy, v->defined_in);
	else
		f->message = mg_asprintf("%s requires %s from %s for names that glibc %s (%s) does "
					 "not define at that version: its ld.so refuses to load the "
					 "file", out, v->version, v->library, v->release, policy);
	const mg_finding *kept = record(rep, f);
	const mg_finding_version *k = &kept->u.version;
	for (size_t i = 0; i < kept->n_symbols && i < MAX_LISTED; i++) {
		if (k->defined_in)
			ld_report_note(rep, "%s is needed by %s, which glibc %s has in %s, not %s",
				       k->version, kept->symbols[i], k->release, k->defined_in,
				       k->library);
		else
			ld_report_note(rep, "%s is needed by %s, which glibc %s does not define at %s",
				       k->version, kept->symbols[i], k->release, k->version);
	}
	if (kept->n_symbols_total > MAX_LISTED)
		ld_report_note(rep, "... and %zu more", kept->n_symbols_total - MAX_LISTED);
}

static void version(ld_report *rep, const char *out, const char *policy, mg_finding *f)
{
	const mg_finding_version *v = &f->u.version;
	if (v->absent) {
		absent(rep, out, f);
		return;
	}
	if (v->wrong_library) {
		wrong_library(rep, out, policy, f);
		return;
	}
	char *owner = v->baseline ? concat("the baseline ", v->baseline, NULL) : xstrdup(policy);
	if (v->forbidden)
		f->message = mg_asprintf("%s requires %s from %s, which %s never allows", out,
				       v->version, v->library, policy);
	else
		f->message = mg_asprintf("%s requires %s from %s, newer than %s allows (%s)", out,
				       v->version, v->library, owner, v->cap[0] ? v->cap : "none");
	free(owner);
	const mg_finding *kept = record(rep, f);
	for (size_t k = 0; k < kept->n_symbols && k < MAX_LISTED; k++) {
		char *name = pretty(kept->symbols[k]);
		ld_report_note(rep, "%s is needed by %s", kept->u.version.version, name);
		free(name);
	}
	if (kept->n_symbols_total > MAX_LISTED)
		ld_report_note(rep, "... and %zu more", kept->n_symbols_total - MAX_LISTED);
}

static int by_length(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t lx = strlen(x), ly = strlen(y);
	return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x, y);
}

static void exports(ld_report *rep, const char *out, mg_finding *f)
{
	size_t n = f->n_symbols;
	char **names = XNEWVEC(char *, n ? n : 1);
	for (size_t i = 0; i < n; i++)
		names[i] = pretty(f->symbols[i]);
	/* Shortest first: the plain functions users call, before the template
	 * machinery behind them. */
	qsort(names, n, sizeof *names, by_length);
	f->message = mg_asprintf("%s exports %zu symbols of the nonshared archive", out, n);
	record(rep, f);
	for (size_t i = 0; i < n && i < MAX_LISTED; i++)
		ld_report_note(rep, "exported: %s", names[i]);
	if (n > MAX_LISTED)
		ld_report_note(rep, "... and %zu more", n - MAX_LISTED);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	rule_notes(rep, MG_RULE_NONSHARED_EXPORT);
}

static void copy(ld_report *rep, const char *out, mg_finding *f)
{
	mg_rule rule = f->rule;
	f->message = mg_asprintf("%s contains a static copy of %s (%zu of its symbols defined)", out,
			       mg_runtime_impl_name(f->u.runtime.impl), f->n_symbols_total);
	const mg_finding *kept = record(rep, f);
	for (size_t k = 0; k < kept->n_symbols; k++) {
		char *name = pretty(kept->symbols[k]);
		ld_report_note(rep, "defines %s", name);
		free(name);
	}
	rule_notes(rep, rule);
}

/* One line for each runtime of another family than the first one. */
static void openmp(ld_report *rep, const char *out, mg_finding *f)
{
	const mg_finding_openmp *m = &f->u.openmp;
	const mg_openmp_use *first = &m->uses[0];
	int family = mg_rules_openmp_family(first->impl);
	mg_finding pair = *f;
	memset(f, 0, sizeof *f);
	for (size_t i = 1; i < pair.u.openmp.n_uses; i++) {
		const mg_openmp_use *u = &pair.u.openmp.uses[i];
		if (mg_rules_openmp_family(u->impl) == family)
			continue;
		mg_finding one = {.rule = pair.rule, .severity = pair.severity};
		one.message = mg_asprintf("%s needs two OpenMP runtimes: %s (%s) and %s (%s)", out,
					first->library, mg_runtime_impl_name(first->impl),
					u->library, mg_runtime_impl_name(u->impl));
		record(rep, &one);
		rule_notes(rep, MG_RULE_MIXED_OPENMP);
	}
	mg_finding_free(&pair);
}

static void library(ld_report *rep, const char *out, const char *policy, mg_finding *f)
{
	const mg_finding_library *l = &f->u.library;
	f->message = mg_asprintf("%s needs %s, which %s does not allow; %s", out, l->library, policy,
			       l->where ? l->where : "");
	record(rep, f);
	rule_notes(rep, MG_RULE_EXTERNAL_LIB);
}

/* The why and the fix after GLIBC versions above the cap (ABOVE) or
 * bound to the wrong library (WRONG), judged for RELEASE: how the link
 * gets glibc's names right, which depends on whether it used the glibc
 * baseline (IN_FORCE). */
/* The compiler wrappers were told to leave the glibc baseline out
 * (docs/glibc.md, "Switching it off"); the linker wrapper inherits it. */
static bool glibc_switched_off(void)
{
	const char *v = getenv("MANYGUARD_GLIBC");
	return v && strcmp(v, "off") == 0;
}

static void glibc_notes(ld_report *rep, const char *policy, bool in_force, const char *release,
			bool above, bool wrong)
{
	if (above && !(rep->noted & (1u << MG_RULE_SYMBOL_VERSION)))
		ld_report_note(rep, "%s", mg_rule_get(MG_RULE_SYMBOL_VERSION)->why);
	if (wrong)
		ld_report_note(rep, "glibc %s's ld.so refuses a name required at a version from a "
			       "library that does not define it there (\"symbol NAME, version V not "
			       "defined in file LIB with link time reference\")", release);
	if (in_force)
		ld_report_note(rep, "fix: every GLIBC name must come from the stubs of the glibc "
			       "directory (MANYGUARD_GLIBC_DIR), which place each in the library "
			       "glibc %s had it in: put it before the system's library directories "
			       "on the link line (manyguard-cc and manyguard-c++ do) and name no "
			       "library of this machine's glibc by its path; if these came from its "
			       "stubs, delete it so that the wrappers make it again", release);
	else if (wrong && !above)
		ld_report_note(rep, "fix: link against stubs that place each name in the library "
			       "glibc %s had it in, such as the glibc directory manyguard-cc and "
			       "manyguard-c++ link with (a stub of this machine's libc.so.6 capped "
			       "at a version has every name in libc.so.6)", release);
	else if (glibc_switched_off())
		ld_report_note(rep, "fix: link without MANYGUARD_GLIBC=off: manyguard-cc and "
			       "manyguard-c++ then link against stubs of glibc %s's libraries, each "
			       "name where that release had it, and shims for what it lacks (the "
			       "glibc baseline), so that the output requires nothing above the cap",
			       release);
	else
		ld_report_note(rep, "fix: link with manyguard-cc or manyguard-c++ for %s: they link "
			       "against stubs of glibc %s's libraries, each name where that release "
			       "had it, and shims for what it lacks (the glibc baseline), so that the "
			       "output requires nothing above the cap; or build on a system whose "
			       "glibc is %s", policy, release, release);
}

void ld_report_findings(ld_report *rep, const char *out, const char *policy,
			   mg_findings *found, const char *runtime_advice)
{
	bool versions = false, runtime_versions = false, wrong = false, above = false;
	bool glibc = false, in_force = false;
	char release[32] = "";
	for (size_t i = 0; i < found->count; i++) {
		mg_finding *f = &found->v[i];
		switch (f->rule) {
		case MG_RULE_SYMBOL_VERSION:
			/* An absent name carries its own why and ways out; the
			 * C library's versions have their own fix. */
			if (!f->u.version.absent && f->u.version.glibc && !glibc) {
				glibc = true;
				in_force = f->u.version.in_force;
				/* Without glibc's table, the cap names the release. */
				const char *cap = f->u.version.cap ? f->u.version.cap : "";
				snprintf(release, sizeof release, "%s",
					 f->u.version.release ? f->u.version.release
					 : strncmp(cap, "GLIBC_", 6) == 0 ? cap + 6 : "of the cap");
			}
			wrong |= f->u.version.wrong_library;
			above |= f->u.version.glibc && !f->u.version.absent &&
				 !f->u.version.wrong_library;
			versions |= !f->u.version.absent && !f->u.version.glibc;
			runtime_versions |= f->u.version.cxx_runtime && !f->u.version.absent;
			version(rep, out, policy, f);
			break;
		case MG_RULE_NONSHARED_EXPORT:
			exports(rep, out, f);
			break;
		case MG_RULE_STATIC_RUNTIME_COPY:
		case MG_RULE_STATIC_OPENMP:
			copy(rep, out, f);
			break;
		case MG_RULE_MIXED_OPENMP:
			openmp(rep, out, f);
			break;
		case MG_RULE_EXTERNAL_LIB:
			library(rep, out, policy, f);
			break;
		case MG_RULE_CXX_ABI:
			f->message = mg_asprintf("%s links %s, built with the C++11 ABI (%s), which "
						 "the baseline's runtime for %s predates", out,
						 f->u.abi.object, f->u.abi.evidence, policy);
			ld_report_add(rep, f);
			break;
		case MG_RULE_NO_POLICY:
			f->message = mg_asprintf("%s has no rules for %s, the machine of %s: its "
					       "symbol versions are not judged", policy,
					       f->u.machine.arch, out);
			ld_report_add(rep, f);
			break;
		default:
			/* The other rules are judged before the link
			 * (ld_report_add) or only by audit. */
			break;
		}
	}
	/* The versions' advice and notes follow the whole list of versions. */
	if (runtime_versions && runtime_advice)
		ld_report_note(rep, "%s", runtime_advice);
	if (versions)
		rule_notes(rep, MG_RULE_SYMBOL_VERSION);
	if (glibc)
		glibc_notes(rep, policy, in_force, release, above, wrong);
	mg_finding_list_free(found);
}
