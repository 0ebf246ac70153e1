/* manyguard audit [--policy NAME|auto] [--python PATH] [--exclude PATTERN]...
 * [--keep-probes] [--json] [--quiet] INPUT...: runtime conflicts in wheels,
 * directories and environments. */
#include "config.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "audit/audit.h"
#include "tools/audit_output.h"
#include "tools/cli.h"
#include "tools/commands.h"
#include "policy/policy.h"

static void audit_usage(FILE *out)
{
	fprintf(out,
		"usage: manyguard audit [--policy NAME|auto] [--python PATH] [--exclude PATTERN]...\n"
		"                       [--keep-probes] [--json] [--quiet] [INPUT...]\n"
		"\n"
		"Audit ELF files, directories, wheels (read in place) and site-packages trees,\n"
		"each file against a policy (default " MG_DEFAULT_POLICY "; auto: the best policy\n"
		"each file satisfies) and everything together as one process: mixed OpenMP\n"
		"runtimes, several copies of one runtime, static runtime copies, libraries\n"
		"that shadow the interpreter's, non-relocatable RPATH/RUNPATH.\n"
		"\n"
		"  --policy NAME   judge against policy NAME (or auto)\n"
		"  --python PATH   add that interpreter's process and its site-packages\n"
		"  --exclude PATTERN\n"
		"                  leave out the paths of walked directories that PATTERN\n"
		"                  matches (fnmatch, relative to the directory; repeatable)\n"
		"  --keep-probes   audit the outputs of configure, CMake and meson probes too\n"
		"                  (CMakeFiles/*/CompilerId*, conftest*, ...: left out of a\n"
		"                  plain directory by default)\n"
		"  --json          print the JSON report (docs/audit.md describes it)\n"
		"  --quiet         print nothing; the exit status says it all\n"
		"\n"
		"Exit status: 0 clean, 1 findings at error level, 2 an input could not be\n"
		"read (the rest is still audited) or bad usage.\n");
}

typedef struct progress_state {
	bool shown;
} progress_state;

/* A running count on the terminal once the scan is big enough to wait for. */
static void show_progress(void *ctx, size_t files)
{
	progress_state *p = ctx;
	if (files < 300 || files % 100 != 0)
		return;
	fprintf(stderr, "\r%s: %zu files...", cli_name, files);
	fflush(stderr);
	p->shown = true;
}

typedef struct audit_args {
	const char *policy;
	const char *python;
	bool json, quiet, keep_probes;
	size_t n_exclude;
	const char **exclude; /* point into argv */
} audit_args;

static int parse_args(int argc, char **argv, audit_args *args)
{
	static const struct option options[] = {
		{ "policy", required_argument, NULL, 'p' },
		{ "python", required_argument, NULL, 'P' },
		{ "json", no_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "exclude", required_argument, NULL, 'x' },
		{ "keep-probes", no_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	args->policy = MG_DEFAULT_POLICY;
	int opt;
	while ((opt = getopt_long(argc, argv, "qh", options, NULL)) != -1) {
		switch (opt) {
		case 'p': args->policy = optarg; break;
		case 'P': args->python = optarg; break;
		case 'j': args->json = true; break;
		case 'q': args->quiet = true; break;
		case 'x':
			args->exclude = xrealloc(args->exclude,
						 (args->n_exclude + 1) * sizeof *args->exclude);
			args->exclude[args->n_exclude++] = optarg;
			break;
		case 'k': args->keep_probes = true; break;
		case 'h': audit_usage(stdout); return 0;
		default: audit_usage(stderr); return 2;
		}
	}
	if (optind >= argc && !args->python) {
		cli_errorf("nothing to audit: give inputs or --python");
		audit_usage(stderr);
		return 2;
	}
	return -1;
}

static int run_audit(mg_audit *audit, const audit_args *args, int argc, char **argv)
{
	mg_error err;
	/* The process comes first: packages are compared with it as they
	 * are read. */
	if (args->python && mg_audit_add_python(audit, args->python, &err) != 0 && !args->quiet)
		cli_error(&err);
	for (int i = optind; i < argc; i++)
		mg_audit_add_path(audit, argv[i], &err);
	mg_audit_finish(audit);
	return mg_audit_exit_status(audit);
}

int cmd_audit(int argc, char **argv)
{
	audit_args args = { 0 };
	int status = parse_args(argc, argv, &args);
	if (status >= 0) {
		free(args.exclude);
		return status;
	}
	mg_error err;
	mg_error_clear(&err);
	mg_policy_set *set = NULL;
	mg_policy *policy = NULL;
	bool is_auto = strcmp(args.policy, "auto") == 0;
	if (is_auto)
		set = mg_policy_set_load(cli_policy_dir(), &err);
	else
		policy = mg_policy_load(cli_policy_dir(), args.policy, &err);
	if (!set && !policy) {
		cli_error(&err);
		return 2;
	}
	progress_state progress = { false };
	bool tty_err = isatty(STDERR_FILENO);
	mg_audit_options opts = {
		.policy = policy,
		.policies = set,
		.progress = tty_err && !args.quiet ? show_progress : NULL,
		.progress_ctx = &progress,
		.exclude = args.exclude,
		.n_exclude = args.n_exclude,
		.keep_probes = args.keep_probes,
	};
	mg_audit *audit = mg_audit_new(&opts, &err);
	if (!audit) {
		cli_error(&err);
		status = 2;
		goto out;
	}
	status = run_audit(audit, &args, argc, argv);
	if (progress.shown)
		fprintf(stderr, "\r\033[K");
	audit_output out = {
		.color = isatty(STDOUT_FILENO),
		.policy = is_auto ? "auto" : mg_policy_name(policy),
	};
	if (args.quiet)
		;
	else if (args.json) {
		if (audit_output_json(stdout, audit, &out) != 0) {
			cli_errorf("cannot write the JSON report");
			status = 2;
		}
	} else
		audit_output_text(stdout, audit, &out);
out:
	mg_audit_free(audit);
	mg_policy_free(policy);
	mg_policy_set_free(set);
	free(args.exclude);
	return status;
}
