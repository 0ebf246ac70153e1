/* The baseline-fit OpenMP runtime: GNU libgomp configured and built by
 * itself from a source tree (scripts/fetch-openmp-source), linked against
 * the target glibc instead of this machine's.
 *
 * Passes: check the inputs (the source tree, the policy, where the target
 * glibc is); in a staging directory, give a real old glibc linker scripts
 * (so -lpthread, -ldl, -lrt find its libraries, and configure's own link
 * tests see the old glibc too), or make the stubs of the policy's glibc
 * when none is given and this machine's is newer; configure libgomp/ (shared only, no
 * multilib, the flags Debian's build passes that matter for the library)
 * and make it, its shared library named libgomp-manyguard.so.1 through
 * libtool's -release; strip it into place; verify it (its SONAME, every
 * GLIBC version it needs against the policy's cap: a build that picked up
 * this machine's glibc is refused, never cached); write the linker script
 * and openmp.json; drop the build tree; SHA256SUMS last; rename into place. */
#include "config.h"

#include "rtdir/openmp.h"

#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "base/asprintf.h"
#include "base/dirdigest.h"
#include "base/outdir.h"
#include "base/run.h"
#include "base/small_file.h"
#include "elf/elf.h"
#include "policy/glibc_need.h"
#include "rtdir/glibc_dir.h"
#include "policy/policy.h"

/* The libraries of a real old glibc that libgomp and configure's tests
 * link: the script's name, the file, and whether it is libc (which also
 * needs this machine's libc_nonshared.a and the loader). */
static const struct {
	const char *script;
	const char *file;
} glibc_libs[] = {
	{ "libc.so", "libc.so.6" },
	{ "libpthread.so", "libpthread.so.0" },
	{ "libdl.so", "libdl.so.2" },
	{ "librt.so", "librt.so.1" },
	{ "libm.so", "libm.so.6" },
};



/* DIR/glibc: linker scripts naming the real old glibc's libraries in
 * LIBC_DIR by absolute path (libc with this machine's libc_nonshared.a,
 * as the system's own libc.so script does). */
static int write_glibc_scripts(const char *cc, const char *libc_dir, const char *dir,
			       mg_error *err)
{
	char *nonshared = mg_run_compiler_file(cc, "libc_nonshared.a", err);
	if (!nonshared)
		return -1;
	int rc = mkdir(dir, 0755) == 0 ? 0 : mg_error_set(err, dir, "%s", strerror(errno));
	for (size_t i = 0; rc == 0 && i < sizeof glibc_libs / sizeof glibc_libs[0]; i++) {
		char *lib = concat(libc_dir, "/", glibc_libs[i].file, NULL);
		char *text;
		if (access(lib, R_OK) != 0) {
			rc = mg_error_set(err, lib, "the baseline glibc has no %s: %s",
					  glibc_libs[i].file, strerror(errno));
			free(lib);
			break;
		}
		if (i == 0)
			text = mg_asprintf("/* written by manyguard openmp: the baseline glibc */\n"
					   "GROUP ( %s %s AS_NEEDED ( %s/ld-linux-x86-64.so.2 ) )\n",
					   lib, nonshared, libc_dir);
		else
			text = mg_asprintf("/* written by manyguard openmp: the baseline glibc */\n"
					   "INPUT ( %s )\n", lib);
		rc = mg_outdir_write_text(dir, glibc_libs[i].script, text, err);
		free(text);
		free(lib);
	}
	free(nonshared);
	return rc;
}

static char *absolute(const char *path, mg_error *err)
{
	char *real = realpath(path, NULL);
	if (!real)
		mg_error_set(err, path, "%s", strerror(errno));
	return real;
}

/* configure and make in BUILD; the output is BUILD/.libs/libgomp-manyguard.so.1. */
static int build(const char *cc, const char *gfortran, unsigned jobs_wanted, const char *source,
		 const char *build_dir, const char *link_dir, const char *libc_dir,
		 mg_error *err)
{
	if (mkdir(build_dir, 0755) != 0)
		return mg_error_set(err, build_dir, "%s", strerror(errno));
	char *chdir_opt = concat("--chdir=", build_dir, NULL);
	char *configure = concat(source, "/src/libgomp/configure", NULL);
	char *cc_var = concat("CC=", cc, NULL);
	/* This machine's glibc needs no flags. */
	char *ldflags = link_dir ? mg_asprintf("LDFLAGS=-L%s -Wl,-rpath-link,%s", link_dir, libc_dir)
				 : xstrdup("LDFLAGS=");
	char *fc_var = concat("GFORTRAN=", gfortran ? gfortran : "no", NULL);
	/* Debian's build passes these for libgomp; --enable-cet marks the
	 * library IBT/SHSTK-compatible like the system's.  No info manual
	 * (MAKEINFO=true).  GFORTRAN (an absolute path, or configure ignores
	 * it) adds openacc.f90, whose acc_*_h_ entry points the system's
	 * libgomp.so.1 exports too.  The caller's build settings stay out:
	 * a link through the wrappers that builds the runtime on first use
	 * runs inside somebody's build (its CPPFLAGS, LIBS, make's jobserver). */
	const char *conf_argv[] = {
		"env", "-u", "CPPFLAGS", "-u", "LIBS", "-u", "MAKEFLAGS", "-u", "MFLAGS",
		"-u", "MAKELEVEL", chdir_opt, cc_var, ldflags, "CFLAGS=-g -O2", "MAKEINFO=true",
		fc_var, configure, "--disable-multilib", "--enable-shared",
		"--disable-static", "--enable-cet", "--with-gcc-major-version-only",
		"--host=x86_64-linux-gnu", "--build=x86_64-linux-gnu", NULL,
	};
	int rc = mg_run(conf_argv, configure, NULL, err);
	if (rc == 0) {
		long n = jobs_wanted ? (long)jobs_wanted : sysconf(_SC_NPROCESSORS_ONLN);
		char *jobs = mg_asprintf("-j%ld", n > 0 ? n : 1);
		/* -release names the library libgomp-manyguard.so.1 (its SONAME
		 * too); the rest is the Makefile's own value. */
		const char *make_argv[] = {
			"env", "-u", "MAKEFLAGS", "-u", "MFLAGS", "-u", "MAKELEVEL",
			"make", "-C", build_dir, jobs, "MAKEINFO=true",
			"libgomp_la_LDFLAGS=$(libgomp_version_info) -release manyguard "
			"$(libgomp_version_script) $(lt_host_flags)",
			NULL,
		};
		rc = mg_run(make_argv, build_dir, NULL, err);
		free(jobs);
	}
	free(chdir_opt);
	free(fc_var);
	free(configure);
	free(cc_var);
	free(ldflags);
	return rc;
}

/* LIB's SONAME (ours), its NEEDED entries into NEEDED and every GLIBC
 * version it needs within POLICY's cap, the highest in MAX.  Errors name
 * SHOWN, where the library is going; HOST: it was linked against this
 * machine's glibc. */
static int verify(const char *lib, const char *shown, bool host, const mg_policy *policy,
		  char *max, size_t max_size, json_t *needed, mg_error *err)
{
	mg_elf *elf = NULL;
	mg_glibc_need need;
	int rc = -1;
	if (mg_elf_open(lib, &elf, err) != 0)
		return -1;
	const mg_elf_dynamic *dyn = mg_elf_dynamic_info(elf, err);
	if (!dyn)
		goto out;
	if (!dyn->soname || strcmp(dyn->soname, MG_OPENMP_SONAME) != 0) {
		mg_error_set(err, shown, "has SONAME %s, not " MG_OPENMP_SONAME,
			     dyn->soname ? dyn->soname : "(none)");
		goto out;
	}
	for (size_t i = 0; i < dyn->n_needed; i++)
		json_array_append_new(needed, json_string(dyn->needed[i]));
	if (mg_glibc_need_read(lib, policy, &need, err) != 0)
		goto out;
	if (!need.within) {
		mg_error_set(err, shown,
			     "needs %s from %s, above %s's cap %s: the build linked this "
			     "machine's glibc, not the target's%s",
			     need.over, need.over_file, mg_policy_name(policy), need.cap,
			     host ? " (give the target glibc: --glibc-dir or --baseline-libc)" : "");
		goto out;
	}
	snprintf(max, max_size, "%.*s", (int)max_size - 1, need.max);
	rc = 0;
out:
	mg_elf_close(elf);
	return rc;
}

/* OUT_DIR as an absolute path; its parent exists, it need not. */
static char *absolute_target(const char *out_dir, mg_error *err)
{
	char *copy = xstrdup(out_dir);
	size_t len = strlen(copy);
	while (len > 1 && copy[len - 1] == '/')
		copy[--len] = '\0';
	char *slash = strrchr(copy, '/');
	char *parent = slash ? absolute(slash == copy ? "/" : (*slash = '\0', copy), err)
			     : absolute(".", err);
	char *abs = parent ? concat(parent, strcmp(parent, "/") ? "/" : "",
				    slash ? slash + 1 : copy, NULL)
			   : NULL;
	free(parent);
	free(copy);
	return abs;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *compiler_version(const char *cc, mg_error *err)
{
	const char *argv[] = { cc, "--version", NULL };
	char *out = NULL;
	if (mg_run(argv, cc, &out, err) != 0)
		return NULL;
	out[strcspn(out, "\n")] = '\0';
	return out;
}

int mg_openmp_make(const mg_openmp_opts *o, const char *out_dir, mg_openmp_summary *summary,
		   mg_error *err)
{
	const char *cc = o->cc ? o->cc : "gcc";
	char *source = NULL, *source_text = NULL, *version = NULL, *glibc = NULL;
	char *build_dir = NULL, *link_dir = NULL, *built = NULL, *lib = NULL, *script = NULL;
	char *final = NULL, *info = NULL, *gfortran = NULL, *shown = NULL, *stubs = NULL;
	mg_policy *policy = NULL;
	mg_outdir *out = NULL;
	json_t *root = NULL, *needed = json_array();
	char max[64] = "";
	size_t len;
	int rc = -1;

	/* Inputs. */
	if (o->glibc_dir && o->baseline_libc) {
		mg_error_set(err, NULL, "the target glibc: give either the glibc stubs' "
			     "directory or a real old glibc's library directory, not both");
		goto out;
	}
	if (!o->source) {
		mg_error_set(err, NULL, "no source tree given (scripts/fetch-openmp-source makes one)");
		goto out;
	}
	if (!(source = absolute(o->source, err)))
		goto out;
	char *source_file = concat(source, "/" MG_OPENMP_SOURCE_FILE, NULL);
	source_text = mg_small_file_read(source_file, 4096, &len, err);
	free(source_file);
	if (!source_text)
		goto out;
	source_text[strcspn(source_text, "\n")] = '\0';
	if ((o->glibc_dir || o->baseline_libc) &&
	    !(glibc = absolute(o->glibc_dir ? o->glibc_dir : o->baseline_libc, err)))
		goto out;
	policy = mg_policy_load(o->policy_dir, o->policy ? o->policy : MG_DEFAULT_POLICY, err);
	if (!policy || !(version = compiler_version(cc, err)))
		goto out;

	/* Build in the staging directory; only the results stay. */
	if (!(out = mg_outdir_begin(out_dir, err)))
		goto out;
	const char *staging = mg_outdir_path(out);
	/* The parent exists now: where the directory will be, absolute. */
	if (!(final = absolute_target(out_dir, err)))
		goto out;
	build_dir = concat(staging, "/build", NULL);
	if (o->baseline_libc) {
		link_dir = concat(staging, "/glibc", NULL);
		if (write_glibc_scripts(cc, glibc, link_dir, err) != 0)
			goto out;
	} else if (glibc) {
		link_dir = xstrdup(glibc);
	} else if (o->glibc_auto) {
		/* Made here and dropped with the build tree: openmp.json says
		 * stubs, and the directory's digest does not cover them. */
		stubs = concat(staging, "/glibc-stubs", NULL);
		mg_glibc_dir_opts g = { .cc = cc, .policy = mg_policy_name(policy),
					.policy_dir = o->policy_dir, .shim_dir = o->shim_dir };
		mg_glibc_dir_summary gs;
		if (mg_glibc_dir_make(&g, stubs, &gs, err) != 0)
			goto out;
		/* Absolute: libtool and configure run in the build tree. */
		if (gs.needed && !(glibc = absolute(stubs, err)))
			goto out;
		if (gs.needed)
			link_dir = xstrdup(glibc);
	}
	double start = now();
	gfortran = mg_run_find_program("gfortran"); /* absolute, as configure wants */
	if (build(cc, gfortran, o->jobs, source, build_dir, link_dir, glibc, err) != 0)
		goto out;
	double seconds = now() - start;

	built = concat(build_dir, "/.libs/" MG_OPENMP_SONAME, NULL);
	lib = concat(staging, "/" MG_OPENMP_SONAME, NULL);
	shown = concat(final, "/" MG_OPENMP_SONAME, NULL);
	const char *strip_argv[] = { "strip", "--strip-unneeded", "-o", lib, built, NULL };
	if (mg_run(strip_argv, built, NULL, err) != 0 ||
	    verify(lib, shown, !glibc, policy, max, sizeof max, needed, err) != 0)
		goto out;

	/* GCC's licences travel with the library (the wheel carries them). */
	static const char *const licences[] = { "COPYING3", "COPYING.RUNTIME" };
	for (size_t i = 0; i < sizeof licences / sizeof licences[0]; i++) {
		char *from = concat(source, "/src/", licences[i], NULL);
		size_t size;
		char *text = mg_small_file_read(from, 1 << 20, &size, err);
		int wrc = text ? mg_outdir_write_text(staging, licences[i], text, err) : -1;
		free(text);
		free(from);
		if (wrc != 0)
			goto out;
	}
	/* By name, not by path: the linker finds it next to this script
	 * through the -L that found the script, so the directory can move
	 * (an image built ahead of time, a copy). */
	script = mg_asprintf("/* GNU ld script written by manyguard openmp: -lgomp binds to\n"
			     " * the OpenMP runtime built for %s (openmp.json). */\n"
			     "INPUT ( " MG_OPENMP_SONAME " )\n",
			     mg_policy_name(policy));
	if (mg_outdir_write_text(staging, "libgomp.so", script, err) != 0)
		goto out;

	struct stat st;
	if (stat(lib, &st) != 0) {
		mg_error_set(err, lib, "%s", strerror(errno));
		goto out;
	}
	root = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:I, s:b}",
			 "format", MG_OPENMP_FORMAT, "runtime", "gnu-openmp",
			 "soname", MG_OPENMP_SONAME, "source", source_text,
			 "compiler", version, "policy", mg_policy_name(policy),
			 "glibc", o->baseline_libc ? "baseline" : glibc ? "stubs" : "host",
			 "glibc_dir", stubs ? "" : glibc ? glibc : "",
			 "needed", json_incref(needed), "glibc_max", max,
			 "size", (json_int_t)st.st_size, "fortran", gfortran != NULL);
	info = json_dumps(root, JSON_INDENT(2));
	if (!info) {
		mg_error_set(err, NULL, "cannot format " MG_OPENMP_INFO);
		goto out;
	}
	char *text = concat(info, "\n", NULL);
	rc = mg_outdir_write_text(staging, MG_OPENMP_INFO, text, err);
	free(text);
	if (rc != 0)
		goto out;
	rc = -1;
	if (mg_outdir_remove_tree(build_dir, err) != 0)
		goto out;
	if (o->baseline_libc && mg_outdir_remove_tree(link_dir, err) != 0)
		goto out;
	if (stubs && mg_outdir_remove_tree(stubs, err) != 0)
		goto out;
	if (mg_dirdigest_write(staging, err) != 0)
		goto out;
	rc = mg_outdir_commit(out, err);
	out = NULL;
	if (rc == 0 && summary) {
		snprintf(summary->glibc_max, sizeof summary->glibc_max, "%s", max);
		summary->size = (long long)st.st_size;
		summary->seconds = seconds;
	}
out:
	mg_outdir_abort(out);
	mg_policy_free(policy);
	json_decref(root);
	json_decref(needed);
	free(info);
	free(source);
	free(source_text);
	free(version);
	free(glibc);
	free(build_dir);
	free(link_dir);
	free(built);
	free(lib);
	free(script);
	free(final);
	free(gfortran);
	free(shown);
	free(stubs);
	return rc;
}
