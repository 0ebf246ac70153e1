/* manyguard nonshared: produce the runtime directory of one compiler and
 * one baseline (see docs/nonshared.md). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include <libiberty/libiberty.h>

#include "base/grow.h"
#include "tools/cli.h"
#include "tools/commands.h"
#include "policy/policy.h"
#include "rtdir/nonshared.h"
#include "rtdir/runtime_dir.h"

static void nonshared_usage(FILE *out)
{
	fprintf(out,
		"usage: manyguard nonshared [--policy NAME | --baseline-lib PATH] -o DIR [options]\n"
		"\n"
		"Splits the compiler's C++ runtime for one baseline: what the baseline\n"
		"libstdc++.so.6 provides stays dynamic, what it lacks is linked privately\n"
		"and hidden from DIR/libstdc++_nonshared.a.  Link with `g++ -L DIR ...`.\n"
		"\n"
		"baseline (one of):\n"
		"  --policy NAME              the policy's caps on the compiler's own runtime\n"
		"                             (default: " MG_DEFAULT_POLICY ")\n"
		"  --baseline-lib PATH        a real old libstdc++.so.6\n"
		"  --baseline-libgcc-s PATH   a real old libgcc_s.so.1 (default: the compiler's,\n"
		"                             capped at the GCC release of the baseline)\n"
		"compiler (defaults from `CXX -print-file-name=...`):\n"
		"  --cxx CXX                  C++ compiler driver (default: $CXX, else g++)\n"
		"  --libstdcxx-a PATH         its libstdc++.a\n"
		"  --libstdcxx-so PATH        its libstdc++.so.6\n"
		"  --libgcc-s PATH            its libgcc_s.so.1\n"
		"other:\n"
		"  --allow-hazard SYMBOL      provide SYMBOL although its code would fork\n"
		"                             runtime state (repeatable)\n"
		"  -o, --output DIR           the runtime directory to write (replaced whole)\n");
}

/* One line of counts, so a user sees at once what will link privately and
 * what was left out (report.json has the details). */
static void print_summary(const char *out, const mg_runtime_dir_summary *s)
{
	printf("%s: %zu symbols newer than the baseline: %zu provided from %zu members "
	       "(%zu despite a hazard, allowed), %zu forwarded, %zu only in the shared runtime, "
	       "%zu left out for hazards, %zu unresolvable\n",
	       out, s->newer, s->by_status[MG_NONSHARED_PROVIDED] + s->by_status[MG_NONSHARED_HAZARD_ALLOWED],
	       s->members, s->by_status[MG_NONSHARED_HAZARD_ALLOWED],
	       s->by_status[MG_NONSHARED_FORWARDED], s->by_status[MG_NONSHARED_NOT_IN_ARCHIVE],
	       s->by_status[MG_NONSHARED_HAZARD], s->by_status[MG_NONSHARED_UNRESOLVED]);
}

int cmd_nonshared(int argc, char **argv)
{
	static const struct option options[] = {
		{ "policy", required_argument, NULL, 'p' },
		{ "baseline-lib", required_argument, NULL, 'b' },
		{ "baseline-libgcc-s", required_argument, NULL, 'g' },
		{ "cxx", required_argument, NULL, 'x' },
		{ "libstdcxx-a", required_argument, NULL, 'a' },
		{ "libstdcxx-so", required_argument, NULL, 's' },
		{ "libgcc-s", required_argument, NULL, 'G' },
		{ "allow-hazard", required_argument, NULL, 'H' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	mg_runtime_dir_opts o = { 0 };
	const char **allow = NULL;
	size_t cap_allow = 0;
	const char *out = NULL;
	const char *env_cxx = getenv("CXX");
	o.cxx = env_cxx && *env_cxx ? env_cxx : "g++";
	int opt, status = 2;
	while ((opt = getopt_long(argc, argv, "o:h", options, NULL)) != -1) {
		switch (opt) {
		case 'p': o.policy = optarg; break;
		case 'b': o.baseline = optarg; break;
		case 'g': o.baseline_gcc_s = optarg; break;
		case 'x': o.cxx = optarg; break;
		case 'a': o.archive = optarg; break;
		case 's': o.runtime = optarg; break;
		case 'G': o.libgcc_s = optarg; break;
		case 'H':
			MG_GROW(allow, o.n_allow + 1, cap_allow);
			allow[o.n_allow++] = optarg;
			o.allow = allow;
			break;
		case 'o': out = optarg; break;
		case 'h':
			nonshared_usage(stdout);
			status = 0;
			goto out;
		default:
			nonshared_usage(stderr);
			goto out;
		}
	}
	if (optind != argc) {
		cli_errorf("unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if (!out) {
		cli_errorf("no output directory given (-o DIR)");
		goto out;
	}
	if (o.policy && o.baseline) {
		cli_errorf("--policy and --baseline-lib are alternatives: give one");
		goto out;
	}
	if (!o.policy && !o.baseline)
		o.policy = MG_DEFAULT_POLICY;
	mg_error err;
	mg_error_clear(&err);
	o.policy_dir = cli_policy_dir();
	mg_runtime_dir_summary sum;
	if (mg_runtime_dir_make(&o, out, &sum, &err) != 0) {
		cli_error(&err);
		status = 1;
		goto out;
	}
	print_summary(out, &sum);
	status = 0;
out:
	free(allow);
	return status;
}
