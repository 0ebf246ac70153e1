/* symbol-version, undefined references: a reference that nothing in the
 * link nor the baseline defines at a version within the caps.  A shared
 * object links with it (undefined symbols are allowed there) and fails to
 * load on the target; an executable's link fails, and the linker wrapper
 * explains the linker's error with the same judgement.
 *
 * One rule, facts per runtime: each runtime in the table below says
 * whether a name is one of its own that its baseline lacks, why, and the
 * ways out.  libstdc++ knows its names from the runtime directory's split
 * (report.json: what it provides, what it left out and why) at link time,
 * and for a file as it ships from this machine's libstdc++, judged by the
 * policy's caps (policy/newer.h).  glibc knows its names from its ABI
 * table: a name the release at the cap lacks and a newer release has,
 * with why no shim gives it to the older release (some names cannot be
 * shimmed; the glibc directory's shims say which others are provided).
 * Both functions judge every runtime of the table alike. */
#include "config.h"
#include "rules/rules.h"
#include "rules/rules_internal.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "base/asprintf.h"
#include "policy/newer.h"
#include "policy/split.h"

/* What one runtime knows of a name it lacks at the caps. */
typedef struct absent {
	const char *runtime;  /* "libstdc++.so.6" */
	const char *baseline; /* the baseline in words: "manylinux_2_17" */
	const char *version;  /* the version the name has where it exists, or NULL */
	const char *reason;   /* why the baseline (as the output gets it) lacks it */
	const char *hazard;   /* its hazard class, or NULL */
	char *ways_out;       /* what the user can do (malloc'd) */
	bool cxx_runtime;
	/* glibc: the release judging and where the name is first. */
	bool glibc, in_force;
	const char *release, *first;
	const char *symbol;   /* the name to report, when not the one asked about */
	char words[128];      /* room for BASELINE */
	char plain[512];      /* room for SYMBOL */
	char reasons[1024];   /* room for REASON */
	bool older_only;      /* glibc has the name, at older versions only */
	bool unnamed;         /* glibc has the name, in a library the link does not name */
} absent;

/* libstdc++ without a split: a name this machine's runtime has only above
 * the policy's caps. */
static bool cxx_newer_absent(const mg_rules_opts *o, const char *name, absent *why)
{
	const mg_newer_symbol *sym = mg_newer_find(o->newer, name);
	if (!sym)
		return false;
	why->runtime = "libstdc++.so.6";
	why->baseline = mg_policy_name(o->policy);
	why->version = sym->version;
	why->cxx_runtime = true;
	why->ways_out = mg_asprintf("link through manyguard-c++ (its runtime directory provides "
				    "what the baseline lacks), a newer policy, whose baseline has "
				    "%s, or code that does not use it", sym->version);
	return true;
}

/* libstdc++: a newer symbol of the runtime directory's split.  One the
 * split does not provide (left out for a hazard, only in the shared
 * runtime, or needing what nothing provides) is explained by the split;
 * one it provides but the output still leaves undefined means that its
 * nonshared archive was not linked or lost the member (a damaged runtime
 * directory, made to match its digest, or bypassed). */
static bool cxx_absent(const mg_rules_opts *o, const char *name, absent *why)
{
	const mg_split *split = o->split;
	if (!split)
		return o->newer && o->policy && cxx_newer_absent(o, name, why);
	const mg_split_symbol *sym = mg_split_find(split, name);
	if (!sym)
		return false;
	if (mg_split_links(sym)) {
		why->runtime = "libstdc++.so.6";
		why->baseline = mg_split_baseline(split);
		why->version = sym->version;
		why->cxx_runtime = true;
		why->reason = "the runtime directory's libstdc++_nonshared.a provides it, yet "
			      "nothing in the link defined it: the archive was not linked, or "
			      "lacks the member (a damaged runtime directory)";
		why->ways_out = xstrdup("link through manyguard-c++, which checks its runtime "
					"directory and makes a damaged one again, or delete the "
					"runtime directory and make it again with manyguard nonshared");
		return true;
	}
	why->runtime = "libstdc++.so.6";
	why->baseline = mg_split_baseline(split);
	why->version = sym->version;
	why->reason = sym->reason;
	why->hazard = sym->hazard;
	why->cxx_runtime = true;
	bool hazard = strcmp(sym->status, "hazard") == 0;
	/* New-ABI code meets the old runtime's facets and exceptions: the old
	 * ABI is the way out there. */
	bool abi = !mg_split_cxx11_abi(split) && strstr(sym->name, "cxx11") != NULL;
	char *allow = hazard ? mg_asprintf("MANYGUARD_ALLOW_HAZARD=%s to link the private copy "
					   "anyway and live with the hazard (docs/nonshared.md), ",
					   sym->root ? sym->root : sym->name)
			     : xstrdup("");
	why->ways_out = mg_asprintf(
		"%sa newer policy, whose baseline has %s (its runtime then provides it), %sor "
		"code that does not use it",
		abi ? "the old C++ ABI (-D_GLIBCXX_USE_CXX11_ABI=0, what manyguard-c++ uses for "
		      "this baseline unless the command line sets it), "
		    : "",
		sym->version, allow);
	free(allow);
	return true;
}

/* glibc: a name (NAME, or NAME@VERSION as a failed link prints it) that
 * the release at the cap does not define at all and a newer one has by
 * default.  Why no shim gives it: it cannot be shimmed, or the glibc
 * directory's shims provide it and the link lost them, or (with the glibc
 * baseline in force) manyguard has no shim for it. */
/* The first release above REL with NAME@VERSION, and its line, or -1. */
static int first_at_version(const mg_glibc_abi *abi, const char *name, const char *version,
			    int rel, const mg_glibc_abi_symbol **line)
{
	int best = -1;
	for (const mg_glibc_abi_symbol *s = mg_glibc_abi_lookup(abi, name); s;
	     s = mg_glibc_abi_lookup_next(abi, s)) {
		if (strcmp(s->version, version) != 0)
			continue;
		for (int r = rel + 1; r < (int)mg_glibc_abi_release_count(abi); r++)
			if (mg_glibc_abi_in(s->releases, r) && (best < 0 || r < best)) {
				best = r;
				*line = s;
				break;
			}
	}
	return best;
}

/* A failed link's "NAME@VERSION" (a library of the link, or an object's
 * .symver, requires that version) that release REL has NAME for, but not
 * at VERSION: the library was built against a newer glibc. */
static bool glibc_version_absent(const mg_rules_opts *o, const mg_glibc_abi *abi, int rel,
				 const char *release, const char *version, absent *why)
{
	const mg_glibc_abi_symbol *line = NULL;
	if (strncmp(version, "GLIBC_", 6) != 0 || mg_glibc_abi_find(abi, why->plain, version, rel))
		return false;
	int at = first_at_version(abi, why->plain, version, rel, &line);
	if (at < 0)
		return false;
	const char *policy = o->policy ? mg_policy_name(o->policy) : "the policy";
	why->first = mg_glibc_abi_release_at(abi, (size_t)at);
	why->runtime = mg_glibc_abi_lib_at(abi, line->lib)->soname;
	why->version = line->version;
	snprintf(why->reasons, sizeof why->reasons, "glibc %s has %s, but not at %s: a library of "
		 "the link (or an object) was built against a newer glibc", release, why->plain,
		 version);
	why->reason = why->reasons;
	why->older_only = true;
	why->ways_out = mg_asprintf("build that library for %s too (through manyguard-cc or "
				    "manyguard-c++, which link against glibc %s's stubs), or a "
				    "policy whose glibc has it (GLIBC cap %s or newer)", policy,
				    release, version);
	return true;
}

/* An unversioned NAME that release REL has by default in a library of its
 * own, not in libc, and that a newer glibc moved into libc (2.34: libutil,
 * libanl, libresolv's res_*): code written for the newer glibc calls it
 * without naming the library, and a link for REL that does not name it
 * leaves NAME undefined (the glibc directory's libc.so brings in as needed
 * only the libraries such code commonly reaches: rtdir/glibc_dir.c).
 * libm's sin, in libm all along, is not one: a build for the host names
 * -lm too. */
static bool glibc_unnamed(const mg_rules_opts *o, const mg_glibc_abi *abi, int rel,
			  const char *release, absent *why)
{
	const mg_glibc_abi_symbol *at[4];
	size_t n = mg_glibc_abi_where(abi, why->plain, rel, at, 4);
	if (n == 0 || n > 4)
		return false;
	for (size_t i = 0; i < n; i++)
		if (at[i]->lib == 0)
			return false;
	const mg_glibc_abi_symbol *later[4];
	int moved = -1;
	for (int r = rel + 1; r < (int)mg_glibc_abi_release_count(abi) && moved < 0; r++) {
		size_t m = mg_glibc_abi_where(abi, why->plain, r, later, 4);
		for (size_t i = 0; i < m && i < 4; i++)
			if (later[i]->lib == 0)
				moved = r;
	}
	if (moved < 0)
		return false;
	const mg_glibc_abi_lib *lib = mg_glibc_abi_lib_at(abi, at[0]->lib);
	why->runtime = lib->soname;
	why->version = at[0]->version;
	why->first = mg_glibc_abi_release_at(abi, (size_t)moved);
	why->unnamed = true;
	snprintf(why->reasons, sizeof why->reasons,
		 "glibc %s has %s in %s only; code written for glibc %s or newer, whose libc.so.6 "
		 "has it, calls it without naming that library", release, why->plain, lib->soname,
		 why->first);
	why->reason = why->reasons;
	const char *short_name = strncmp(lib->name, "lib", 3) == 0 ? lib->name + 3 : lib->name;
	why->ways_out = mg_asprintf("link with -l%s, as a build for %s must (a configure test "
				    "for %s finds it there), or a policy whose glibc has it in "
				    "libc (GLIBC cap %s or newer)", short_name,
				    o->policy ? mg_policy_name(o->policy) : "that glibc", why->plain,
				    why->first);
	return true;
}

static bool glibc_absent(const mg_rules_opts *o, const char *name, absent *why)
{
	const char *release;
	int rel = rules_glibc_release(o, &release);
	if (rel < 0)
		return false;
	const mg_glibc_abi *abi = o->glibc->abi;
	size_t len = strcspn(name, "@");
	const char *version = name[len] ? name + len + strspn(name + len, "@") : NULL;
	snprintf(why->plain, sizeof why->plain, "%.*s", (int)len, name);
	const char *plain = why->plain;
	if (!plain[0])
		return false;
	why->glibc = true;
	why->in_force = o->glibc->in_force;
	why->release = release;
	why->symbol = plain;
	snprintf(why->words, sizeof why->words, "%s (glibc %s)",
		 o->policy ? mg_policy_name(o->policy) : "the baseline", release);
	why->baseline = why->words;
	if (mg_glibc_abi_defines(abi, plain, rel))
		return version ? glibc_version_absent(o, abi, rel, release, version, why)
			       : glibc_unnamed(o, abi, rel, release, why);
	const mg_glibc_abi_symbol *first;
	int at = mg_glibc_abi_first_release(abi, plain, rel + 1, &first);
	if (at < 0)
		return false;
	why->first = mg_glibc_abi_release_at(abi, (size_t)at);
	why->runtime = mg_glibc_abi_lib_at(abi, first->lib)->soname;
	why->version = first->version;
	const char *instead;
	const mg_rules_definers *shims = o->glibc->shims;
	if (rules_glibc_refused(plain, &why->reason, &instead)) {
		why->ways_out = mg_asprintf("a policy whose glibc has it (GLIBC cap %s or newer), or "
					    "code that does not call it: %s", why->version, instead);
	} else if (shims && shims->defines(shims->arg, plain)) {
		why->reason = "the glibc directory's shim archive (libmanyguard_glibc.a) provides "
			      "it, yet nothing in the link defined it: the archive was not linked, "
			      "or lacks the member";
		why->ways_out = xstrdup("link through manyguard-cc/manyguard-c++, which put the glibc "
					"directory's libc.so script on the link line, or delete the "
					"glibc directory so that they make it again");
	} else {
		if (o->glibc->in_force)
			why->reason = "manyguard has no shim for it";
		why->ways_out = mg_asprintf("a policy whose glibc has it (GLIBC cap %s or newer), or "
					    "code that does not call it (a configure test, or "
					    "__GLIBC_PREREQ in <features.h>)", why->version);
	}
	return true;
}

/* The runtimes and their facts; a runtime added here is judged by
 * mg_rules_undefined and mg_rules_explain_undefined alike. */
static const struct {
	const char *runtime;
	bool (*absent)(const mg_rules_opts *o, const char *name, absent *why);
} runtimes[] = {
	{ "libstdc++", cxx_absent },
	{ "glibc", glibc_absent },
};

static bool is_absent(const mg_rules_opts *o, const char *name, absent *why)
{
	for (size_t i = 0; i < sizeof runtimes / sizeof runtimes[0]; i++) {
		memset(why, 0, sizeof *why);
		if (runtimes[i].absent(o, name, why))
			return true;
	}
	return false;
}

static void add(const char *file, const char *name, bool unlinked, absent *why,
		mg_findings *out)
{
	mg_finding *f = mg_finding_add(out, MG_RULE_SYMBOL_VERSION, MG_SEV_ERROR, file);
	mg_finding_version *v = &f->u.version;
	v->absent = true;
	v->unlinked = unlinked;
	v->version = why->version ? xstrdup(why->version) : NULL;
	v->library = xstrdup(why->runtime);
	v->cap = xstrdup(why->baseline);
	v->cxx_runtime = why->cxx_runtime;
	v->reason = why->reason ? xstrdup(why->reason) : NULL;
	v->hazard = why->hazard ? xstrdup(why->hazard) : NULL;
	v->ways_out = why->ways_out;
	v->glibc = why->glibc;
	v->in_force = why->in_force;
	v->release = why->release ? xstrdup(why->release) : NULL;
	v->first = why->first ? xstrdup(why->first) : NULL;
	v->older_only = why->older_only;
	v->unnamed = why->unnamed;
	mg_finding_add_symbol(f, name, 1);
}

void mg_rules_explain_undefined(const char *file, const char *const *names, size_t n,
				const mg_rules_opts *opts, mg_findings *out)
{
	for (size_t i = 0; i < n; i++) {
		absent why;
		if (is_absent(opts, names[i], &why))
			add(file, why.symbol ? why.symbol : names[i], true, &why, out);
	}
}

int mg_rules_undefined(mg_elf *elf, const mg_rules_opts *opts, const mg_rules_definers *definers,
		       mg_findings *out, mg_error *err)
{
	const mg_elf_symbols *dyn = mg_elf_dynsym(elf, err);
	const unsigned char *used = dyn ? mg_elf_dynsym_relocated(elf, err) : NULL;
	if (!used)
		return -1;
	for (size_t i = 1; i < dyn->count; i++) {
		const mg_elf_symbol *s = &dyn->symbols[i];
		if (s->defined || s->bind == STB_WEAK || s->ver_kind != MG_ELF_VER_NONE ||
		    !s->name[0] || !used[i])
			continue;
		absent why;
		if (!is_absent(opts, s->name, &why))
			continue;
		if (definers && definers->defines(definers->arg, s->name)) {
			free(why.ways_out);
			continue;
		}
		add(mg_elf_name(elf), s->name, false, &why, out);
	}
	return 0;
}
