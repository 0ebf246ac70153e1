/* manyguard openmp: the baseline-fit OpenMP runtime (lib/rtdir/openmp.h),
 * built once into the cache the wrappers use (or into -o DIR), from a
 * source tree scripts/fetch-openmp-source makes (--fetch runs it). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "base/asprintf.h"
#include "base/outdir.h"
#include "base/run.h"
#include "policy/policy.h"
#include "rtdir/glibc_shims.h"
#include "rtdir/openmp.h"
#include "tools/cli.h"
#include "tools/commands.h"

#ifndef MG_SCRIPT_DIR
#error "MG_SCRIPT_DIR (pkglibexecdir) must be defined by the build"
#endif

static void openmp_usage(FILE *out)
{
	fprintf(out,
		"usage: manyguard openmp [--policy NAME]\n"
		"                        [--glibc-dir DIR | --baseline-libc DIR | --host-glibc]\n"
		"                        [--source DIR | --fetch] [--cc CC] [-j N] [-o DIR]\n"
		"       manyguard openmp --check DIR [--policy NAME]\n"
		"       manyguard openmp --print-dir [--policy NAME] [--cc CC]\n"
		"       manyguard openmp --wheel OUTDIR (--runtime DIR | [--policy NAME] [--cc CC])\n"
		"\n"
		"Builds GNU libgomp from source against the target glibc, so that it needs\n"
		"nothing above the policy's GLIBC cap: DIR/libgomp-manyguard.so.1, the linker\n"
		"script DIR/libgomp.so (a link with -L DIR binds -lgomp to it) and\n"
		"DIR/openmp.json (its source, compiler, glibc).  Without -o it goes into\n"
		"the cache the compiler wrappers use for -fopenmp links (made once per\n"
		"compiler and policy) and its directory is printed.  See docs/openmp.md.\n"
		"\n"
		"  --policy NAME        the policy whose GLIBC cap it must meet (default %s)\n"
		"  --glibc-dir DIR      link against the glibc stubs in DIR\n"
		"  --baseline-libc DIR  link against a real old glibc's libraries in DIR\n"
		"  --host-glibc         link against this machine's glibc, which must not be\n"
		"                       newer than the cap (a manylinux image's)\n"
		"                       (none of the three: this machine's glibc when it is\n"
		"                       not newer than the cap, else the stubs of the\n"
		"                       policy's glibc, made for the build)\n"
		"  --source DIR         the source tree (default: CACHE/sources/openmp-gccMAJOR)\n"
		"  --fetch              make the source tree first (fetch-openmp-source)\n"
		"  --cc CC              the C compiler (default gcc)\n"
		"  -j N                 parallel make jobs (default: the processors)\n"
		"  -o DIR               write DIR instead of the cache\n"
		"  --check DIR          check DIR (SHA256SUMS, the policy's cap) and describe it\n"
		"  --print-dir          print the cache's directory for the policy and CC's\n"
		"                       GCC major, built or not, and build nothing\n"
		"  --wheel OUTDIR       write the shared runtime's wheel, manyguard-openmp, from\n"
		"                       --runtime DIR or the cache's directory (docs/openmp.md)\n"
		"\n"
		"Exit status: 0 done, 1 when it cannot be built or DIR does not check, 2 on\n"
		"bad usage.\n",
		MG_DEFAULT_POLICY);
}


/* The major version of the compiler CC ("12"), malloc'd, or NULL. */
static char *gcc_major(const char *cc, mg_error *err)
{
	const char *argv[] = { cc, "-dumpversion", NULL };
	char *version = NULL;
	if (mg_run(argv, cc, &version, err) != 0)
		return NULL;
	version[strcspn(version, ".\n")] = '\0';
	return version;
}

static int fetch(const char *source, const char *major, mg_error *err)
{
	const char *env = getenv("MANYGUARD_SCRIPT_DIR");
	char *script = concat(env && *env ? env : MG_SCRIPT_DIR, "/fetch-openmp-source", NULL);
	const char *argv[] = { script, "--gcc", major, source, NULL };
	int rc = mg_run(argv, source, NULL, err);
	free(script);
	return rc;
}

static int check(const char *dir, const char *policy)
{
	mg_error err;
	mg_ompinfo info;
	mg_error_clear(&err);
	if (mg_openmp_check(dir, policy, cli_policy_dir(), &info, &err) != 0) {
		cli_error(&err);
		return 1;
	}
	printf("%s: %s, built for %s, needs up to %s\n  from %s\n", info.library,
	       MG_OPENMP_SONAME, info.policy, info.glibc_max, info.source);
	mg_ompinfo_free(&info);
	return 0;
}

int cmd_openmp(int argc, char **argv)
{
	static const struct option options[] = {
		{ "policy", required_argument, NULL, 'p' },
		{ "glibc-dir", required_argument, NULL, 'g' },
		{ "baseline-libc", required_argument, NULL, 'b' },
		{ "host-glibc", no_argument, NULL, 'H' },
		{ "source", required_argument, NULL, 's' },
		{ "fetch", no_argument, NULL, 'f' },
		{ "cc", required_argument, NULL, 'c' },
		{ "check", required_argument, NULL, 'k' },
		{ "print-dir", no_argument, NULL, 'P' },
		{ "wheel", required_argument, NULL, 'w' },
		{ "runtime", required_argument, NULL, 'r' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	mg_openmp_opts o = { 0 };
	const char *out = NULL, *check_dir = NULL, *wheel_dir = NULL, *runtime = NULL;
	char *root = NULL, *source = NULL, *dir = NULL, *major = NULL;
	bool want_fetch = false, print_dir = false, host_glibc = false;
	int status = 2, opt;
	mg_error err;
	mg_error_clear(&err);

	while ((opt = getopt_long(argc, argv, "j:o:h", options, NULL)) != -1) {
		switch (opt) {
		case 'p': o.policy = optarg; break;
		case 'g': o.glibc_dir = optarg; break;
		case 'b': o.baseline_libc = optarg; break;
		case 'H': host_glibc = true; break;
		case 's': o.source = optarg; break;
		case 'f': want_fetch = true; break;
		case 'c': o.cc = optarg; break;
		case 'k': check_dir = optarg; break;
		case 'P': print_dir = true; break;
		case 'w': wheel_dir = optarg; break;
		case 'r': runtime = optarg; break;
		case 'j': o.jobs = (unsigned)strtoul(optarg, NULL, 10); break;
		case 'o': out = optarg; break;
		case 'h':
			openmp_usage(stdout);
			status = 0;
			goto out;
		default:
			openmp_usage(stderr);
			goto out;
		}
	}
	if (optind != argc) {
		cli_errorf("unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if (check_dir) {
		status = check(check_dir, o.policy);
		goto out;
	}
	if (print_dir || (wheel_dir && !runtime)) {
		status = 1;
		root = mg_outdir_cache_root();
		if (!(major = gcc_major(o.cc ? o.cc : "gcc", &err)) ||
		    !(dir = mg_openmp_cache_path(root, major, o.policy, cli_policy_dir(), &err)))
			goto fail;
		if (print_dir) {
			printf("%s\n", dir);
			status = 0;
			goto out;
		}
		runtime = dir;
	}
	if (wheel_dir) {
		char *wheel = NULL;
		status = 1;
		if (mg_openmp_wheel(runtime, cli_policy_dir(), wheel_dir, &wheel, &err) != 0)
			goto fail;
		printf("%s\n", wheel);
		free(wheel);
		status = 0;
		goto out;
	}
	if ((o.glibc_dir != NULL) + (o.baseline_libc != NULL) + host_glibc > 1) {
		cli_errorf("--glibc-dir, --baseline-libc and --host-glibc are alternatives: give one");
		goto out;
	}
	const char *shim_dir = getenv(MG_GLIBC_SHIMS_ENV);
	o.shim_dir = shim_dir && *shim_dir ? shim_dir : NULL;
	o.glibc_auto = !host_glibc;
	status = 1;
	const char *cc = o.cc ? o.cc : "gcc";
	root = mg_outdir_cache_root();
	o.policy_dir = cli_policy_dir();
	if (!(major = gcc_major(cc, &err)))
		goto fail;
	if (!o.source)
		o.source = source = mg_openmp_source_path(root, major);
	if (want_fetch && fetch(o.source, major, &err) != 0)
		goto fail;
	if (access(o.source, F_OK) != 0) {
		cli_errorf("%s: no source tree: fetch it with --fetch (or "
			   "fetch-openmp-source in %s)", o.source, MG_SCRIPT_DIR);
		goto out;
	}
	mg_openmp_summary sum = { 0 };
	bool made = true;
	if (out) {
		if (mg_openmp_make(&o, out, &sum, &err) != 0)
			goto fail;
		dir = xstrdup(out);
	} else {
		if (!(dir = mg_openmp_cache_path(root, major, o.policy, o.policy_dir, &err)) ||
		    mg_openmp_cache_make(&o, dir, &made, &sum, &err) != 0)
			goto fail;
	}
	if (made)
		fprintf(stderr, "manyguard openmp: built %s/" MG_OPENMP_SONAME
			" (%lld bytes, needs up to %s) in %.1f s\n",
			dir, sum.size, sum.glibc_max, sum.seconds);
	printf("%s\n", dir);
	status = 0;
	goto out;
fail:
	cli_error(&err);
out:
	free(root);
	free(source);
	free(dir);
	free(major);
	return status;
}
