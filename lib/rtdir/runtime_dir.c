/* The runtime directory of one compiler and one baseline: stubs, the
 * nonshared archive, linker scripts, newer-symbols.txt and report.json,
 * written into a staging directory, then SHA256SUMS of everything in it
 * (base/dirdigest.h: whatever files the directory holds), and renamed
 * into place.  Its users check the digest before they trust it. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "base/asprintf.h"
#include "base/dirdigest.h"
#include "elf/elf.h"
#include "rtdir/nonshared.h"
#include "rtdir/nonshared_report.h"
#include "base/outdir.h"
#include "policy/policy.h"
#include "base/run.h"
#include "rtdir/runtime_dir.h"
#include "policy/cxxabi.h"
#include "rtdir/stub.h"
#include "policy/caps.h"
#include "policy/symver.h"
#include "policy/verset.h"

/* The GCC release whose libstdc++ defines GLIBCXX version HIGHEST, as the
 * libgcc_s cap GCC_<major>.0.0 (libgcc_s versions are named after GCC
 * releases).  Returns 0 if unknown. */
static unsigned gcc_major_of_glibcxx(const char *highest)
{
	static const struct {
		unsigned glibcxx; /* the last number of GLIBCXX_3.4.N */
		unsigned gcc;
	} table[] = {
		{ 19, 4 }, { 20, 4 }, { 21, 5 }, { 22, 6 }, { 23, 7 }, { 24, 7 },
		{ 25, 8 }, { 26, 9 }, { 27, 9 }, { 28, 10 }, { 29, 11 }, { 30, 12 },
		{ 31, 13 }, { 32, 13 }, { 33, 14 },
	};
	mg_symver v;
	if (!highest || mg_symver_parse(highest, &v, NULL) != 0 || v.nparts != 3)
		return 0;
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].glibcxx == v.parts[2])
			return table[i].gcc;
	return 0;
}

/* The defined version names of a library. */
static mg_verset *versions_of(mg_elf *elf, mg_error *err)
{
	const mg_elf_verdefs *defs = mg_elf_verdef_info(elf, err);
	if (!defs)
		return NULL;
	mg_verset *set = mg_verset_new();
	for (size_t i = 0; i < defs->count; i++)
		if (!(defs->defs[i].flags & VER_FLG_BASE))
			mg_verset_add(set, defs->defs[i].name, NULL);
	return set;
}

/* A real baseline must be an older libstdc++ than the compiler's. */
static int check_baseline(mg_elf *baseline, mg_elf *runtime, mg_error *err)
{
	int rc = -1;
	mg_verset *old = versions_of(baseline, err), *cur = NULL;
	if (!old)
		goto out;
	if (mg_verset_count(old) == 0) {
		mg_error_set(err, mg_elf_name(baseline),
			     "defines no symbol versions: not a libstdc++ runtime to use as a baseline");
		goto out;
	}
	if (!mg_verset_highest(old, "GLIBCXX")) {
		mg_error_set(err, mg_elf_name(baseline),
			     "defines no GLIBCXX_ version: not a libstdc++ runtime");
		goto out;
	}
	cur = versions_of(runtime, err);
	if (!cur)
		goto out;
	for (size_t i = 0; i < mg_verset_count(old); i++) {
		const char *v = mg_verset_at(old, i);
		if (!mg_verset_contains(cur, v)) {
			mg_error_set(err, mg_elf_name(baseline),
				     "the baseline is newer than the compiler's runtime %s: it "
				     "defines %s, which the compiler's runtime lacks",
				     mg_elf_name(runtime), v);
			goto out;
		}
	}
	rc = 0;
out:
	mg_verset_free(old);
	mg_verset_free(cur);
	return rc;
}


/* The linker scripts -lstdc++ and -lgcc_s find in DIR.  The shared runtime
 * comes first and again after the archive: under --as-needed a library
 * only the archive's members need would otherwise already have been
 * dropped ("DSO missing from command line"). */
static int write_scripts(const char *staging, const char *final, const char *cxx_so,
			 const char *gcc_so, mg_error *err)
{
	char *cxx = mg_asprintf(
		"/* GNU ld script written by manyguard nonshared.\n"
		" * The baseline C++ runtime is linked dynamically; what it lacks comes\n"
		" * hidden from libstdc++_nonshared.a.  The runtime is named again after\n"
		" * the archive so that --as-needed keeps it when only the archive needs it. */\n"
		"INPUT ( %s/%s %s/libstdc++_nonshared.a %s/%s )\n",
		final, cxx_so, final, final, cxx_so);
	char *gcc_s = mg_asprintf(
		"/* GNU ld script written by manyguard nonshared: the baseline libgcc_s,\n"
		" * then libgcc.a for helpers newer than the baseline (hidden there). */\n"
		"GROUP ( %s/%s -lgcc )\n",
		final, gcc_so);
	int rc = mg_outdir_write_text(staging, "libstdc++.so", cxx, err);
	if (rc == 0)
		rc = mg_outdir_write_text(staging, "libgcc_s.so", gcc_s, err);
	free(cxx);
	free(gcc_s);
	return rc;
}

/* "/abs/parent/name" for OUT, whether or not it exists yet. */
static char *absolute_output(const char *out, mg_error *err)
{
	char *copy = xstrdup(out);
	size_t len = strlen(copy);
	while (len > 1 && copy[len - 1] == '/')
		copy[--len] = '\0';
	char *slash = strrchr(copy, '/');
	const char *parent = slash ? (slash == copy ? "/" : copy) : ".";
	const char *base = slash ? slash + 1 : copy;
	if (slash)
		*slash = '\0';
	char *real_parent = realpath(parent, NULL);
	char *abs = NULL;
	if (!real_parent && errno == ENOENT) {
		/* Created by mg_outdir_begin; resolve again afterwards. */
		abs = NULL;
	} else if (!real_parent) {
		mg_error_set(err, parent, "%s", strerror(errno));
	} else {
		abs = concat(real_parent, strcmp(real_parent, "/") ? "/" : "", base, NULL);
	}
	free(real_parent);
	free(copy);
	return abs;
}

/* Counts for the caller's message. */
static void summarize(const mg_nonshared *ns, mg_runtime_dir_summary *sum)
{
	memset(sum, 0, sizeof *sum);
	sum->newer = mg_nonshared_symbol_count(ns);
	for (size_t i = 0; i < sum->newer; i++)
		sum->by_status[mg_nonshared_symbol_at(ns, i)->status]++;
	sum->members = mg_nonshared_member_count(ns);
	sum->hazards = mg_nonshared_hazard_count(ns);
}

int mg_runtime_dir_make(const mg_runtime_dir_opts *o, const char *out_dir,
			mg_runtime_dir_summary *summary, mg_error *err)
{
	char *archive = NULL, *runtime_path = NULL, *gcc_s_path = NULL, *final = NULL;
	char *cxx_so = NULL, *gcc_so = NULL; /* the stubs' file names */
	mg_elf *runtime = NULL, *baseline_elf = NULL;
	mg_stub *baseline = NULL;
	mg_policy *policy = NULL;
	mg_caps *gcc_caps = NULL;
	mg_nonshared *ns = NULL;
	mg_outdir *out = NULL;
	const char *cxx = o->cxx ? o->cxx : "g++";
	const char *policy_name = o->policy ? o->policy : MG_DEFAULT_POLICY;
	int rc = -1;

	archive = o->archive ? xstrdup(o->archive) : mg_run_compiler_file(cxx, "libstdc++.a", err);
	if (!archive)
		goto out;
	runtime_path = o->runtime ? xstrdup(o->runtime)
				  : mg_run_compiler_file(cxx, "libstdc++.so.6", err);
	if (!runtime_path)
		goto out;
	gcc_s_path = o->libgcc_s ? xstrdup(o->libgcc_s)
				 : mg_run_compiler_file(cxx, "libgcc_s.so.1", err);
	if (!gcc_s_path)
		goto out;
	if (mg_elf_open(runtime_path, &runtime, err) != 0)
		goto out;

	/* The baseline, as the stub of libstdc++.so.6 it makes. */
	const mg_caps *caps = NULL;
	if (o->baseline) {
		if (mg_elf_open(o->baseline, &baseline_elf, err) != 0 ||
		    check_baseline(baseline_elf, runtime, err) != 0)
			goto out;
		baseline = mg_stub_from_elf(baseline_elf, err);
	} else {
		policy = mg_policy_load(o->policy_dir, policy_name, err);
		if (!policy)
			goto out;
		caps = mg_policy_caps(policy, mg_elf_machine_name(runtime));
		if (!caps) {
			mg_error_set(err, mg_policy_path(policy), "policy %s has no rules for %s",
				     mg_policy_name(policy), mg_elf_machine_name(runtime));
			goto out;
		}
		baseline = mg_stub_from_elf(runtime, err);
		if (baseline)
			mg_stub_apply_caps(baseline, caps);
	}
	if (!baseline)
		goto out;

	ns = mg_nonshared_plan(archive, runtime, baseline, o->allow, o->n_allow, err);
	if (!ns)
		goto out;

	final = absolute_output(out_dir, err);
	out = mg_outdir_begin(out_dir, err);
	if (!out)
		goto out;
	if (!final && !(final = absolute_output(out_dir, err)))
		goto out;
	const char *staging = mg_outdir_path(out);

	/* Stubs: libstdc++ of the baseline; libgcc_s of the baseline, or the
	 * compiler's capped at the baseline's GCC release. */
	if (o->baseline) {
		if (mg_stub_make(o->baseline, NULL, cxx, staging, &cxx_so, err) != 0)
			goto out;
	} else if (mg_stub_make(runtime_path, caps, cxx, staging, &cxx_so, err) != 0) {
		goto out;
	}
	if (o->baseline_gcc_s) {
		if (mg_stub_make(o->baseline_gcc_s, NULL, cxx, staging, &gcc_so, err) != 0)
			goto out;
	} else if (caps) {
		if (mg_stub_make(gcc_s_path, caps, cxx, staging, &gcc_so, err) != 0)
			goto out;
	} else {
		mg_verset *old = versions_of(baseline_elf, err);
		unsigned major = old ? gcc_major_of_glibcxx(mg_verset_highest(old, "GLIBCXX")) : 0;
		mg_verset_free(old);
		if (!major) {
			mg_error_set(err, o->baseline,
				     "cannot tell which GCC release the baseline comes from: "
				     "give its libgcc_s.so.1 with --baseline-libgcc-s");
			goto out;
		}
		char cap[32];
		snprintf(cap, sizeof cap, "%u.0.0", major);
		gcc_caps = mg_caps_new();
		if (mg_caps_set(gcc_caps, "GCC", cap, err) != 0 ||
		    mg_stub_make(gcc_s_path, gcc_caps, cxx, staging, &gcc_so, err) != 0)
			goto out;
	}

	char *archive_out = concat(staging, "/libstdc++_nonshared.a", NULL);
	rc = mg_nonshared_write_archive(ns, archive_out, cxx, err);
	free(archive_out);
	if (rc != 0)
		goto out;
	rc = -1;
	if (write_scripts(staging, final, cxx_so, gcc_so, err) != 0)
		goto out;

	struct mg_nonshared_inputs inputs = {
		.archive = archive,
		.runtime = runtime_path,
		.libgcc_s = gcc_s_path,
		.baseline_lib = o->baseline,
		.baseline_libgcc_s = o->baseline_gcc_s,
		.policy = policy ? mg_policy_name(policy) : NULL,
	};
	/* The old ABI for a baseline before GCC 5, by the rule the compiler
	 * wrapper applies to compiles (policy/cxxabi.h). */
	mg_verset *base_versions = baseline_elf ? versions_of(baseline_elf, err) : NULL;
	if (baseline_elf && !base_versions)
		goto out;
	bool old_abi = !mg_cxxabi_has_cxx11(
		base_versions ? mg_verset_highest(base_versions, "GLIBCXX")
			      : mg_caps_get(caps, "GLIBCXX", NULL));
	mg_verset_free(base_versions);
	if (mg_outdir_write_text(staging, MG_RUNTIME_DIR_CXXFLAGS,
		       old_abi ? MG_CXXABI_OLD_FLAGS "\n" : "", err) != 0)
		goto out;
	inputs.old_abi = old_abi;
	char *report = mg_nonshared_report_json(ns, &inputs);
	char *newer = mg_nonshared_report_newer_symbols(ns);
	int wrc = mg_outdir_write_text(staging, "report.json", report, err);
	if (wrc == 0)
		wrc = mg_outdir_write_text(staging, "newer-symbols.txt", newer, err);
	free(report);
	free(newer);
	if (wrc != 0)
		goto out;
	/* Last: the digest covers every file written above. */
	if (mg_dirdigest_write(staging, err) != 0)
		goto out;
	rc = mg_outdir_commit(out, err);
	out = NULL;
	if (rc == 0 && summary)
		summarize(ns, summary);
out:
	mg_outdir_abort(out);
	mg_nonshared_free(ns);
	mg_stub_free(baseline);
	mg_caps_free(gcc_caps);
	mg_policy_free(policy);
	mg_elf_close(baseline_elf);
	mg_elf_close(runtime);
	free(archive);
	free(runtime_path);
	free(gcc_s_path);
	free(final);
	free(cxx_so);
	free(gcc_so);
	return rc;
}
