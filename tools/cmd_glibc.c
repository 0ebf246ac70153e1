/* manyguard glibc: make the glibc directory of one compiler and one target
 * glibc ahead of time (see docs/glibc.md); the wrappers make the same
 * directory in their cache on first use. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "tools/cli.h"
#include "tools/commands.h"
#include "policy/policy.h"
#include "rtdir/glibc_dir.h"
#include "rtdir/glibc_shims.h"

static void glibc_usage(FILE *out)
{
	fprintf(out,
		"usage: manyguard glibc [--policy NAME | --baseline-libc DIR] -o DIR [options]\n"
		"\n"
		"Writes link-time stubs of an old glibc's libraries, each symbol in the\n"
		"library that glibc had it in, and linker scripts (libc.so, libm.so,\n"
		"libpthread.so, ...) into DIR, so that `cc -L DIR ...` on a newer host makes\n"
		"outputs that need nothing newer than that glibc.\n"
		"\n"
		"target glibc (one of):\n"
		"  --policy NAME          the policy's GLIBC cap (default: " MG_DEFAULT_POLICY ")\n"
		"  --baseline-libc DIR    the libraries of a real old glibc (libc.so.6, libm.so.6,\n"
		"                         libpthread.so.0, ... as far as DIR has them)\n"
		"other:\n"
		"  --cc CC                C compiler driver (default: $CC, else cc): its target\n"
		"                         and its glibc, the stubs are assembled with it\n"
		"  --force                write the stubs even when the compiler's glibc is\n"
		"                         not newer than the target\n"
		"  -o, --output DIR       the directory to write (replaced whole)\n");
}

int cmd_glibc(int argc, char **argv)
{
	static const struct option options[] = {
		{ "policy", required_argument, NULL, 'p' },
		{ "baseline-libc", required_argument, NULL, 'b' },
		{ "cc", required_argument, NULL, 'c' },
		{ "force", no_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	mg_glibc_dir_opts o = { 0 };
	const char *out = NULL;
	const char *env_cc = getenv("CC");
	o.cc = env_cc && *env_cc ? env_cc : "cc";
	int opt;
	while ((opt = getopt_long(argc, argv, "o:h", options, NULL)) != -1) {
		switch (opt) {
		case 'p': o.policy = optarg; break;
		case 'b': o.baseline_libc = optarg; break;
		case 'c': o.cc = optarg; break;
		case 'f': o.force = true; break;
		case 'o': out = optarg; break;
		case 'h':
			glibc_usage(stdout);
			return 0;
		default:
			glibc_usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		cli_errorf("unexpected argument '%s'", argv[optind]);
		return 2;
	}
	if (!out) {
		cli_errorf("no output directory given (-o DIR)");
		return 2;
	}
	if (o.policy && o.baseline_libc) {
		cli_errorf("--policy and --baseline-libc are alternatives: give one");
		return 2;
	}
	o.policy_dir = cli_policy_dir();
	const char *shim_dir = getenv(MG_GLIBC_SHIMS_ENV);
	o.shim_dir = shim_dir && *shim_dir ? shim_dir : NULL;
	mg_error err;
	mg_error_clear(&err);
	mg_glibc_dir_summary sum;
	if (mg_glibc_dir_make(&o, out, &sum, &err) != 0) {
		cli_error(&err);
		return 1;
	}
	if (sum.needed)
		printf("%s: glibc %s for %s on glibc %s: %zu library stubs, %zu symbol versions, %s\n",
		       out, sum.release, sum.arch, sum.host, sum.libraries, sum.symbols,
		       sum.shims ? "shims" : "no shims");
	else
		printf("%s: nothing to do: the compiler's glibc %s is not newer than glibc %s\n", out,
		       sum.host, sum.release);
	return 0;
}
