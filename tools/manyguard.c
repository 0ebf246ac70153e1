/* manyguard: one program, one subcommand per job. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "base/cleanup.h"
#include "tools/cli.h"
#include "tools/commands.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "nonshared", cmd_nonshared,
	  "split libstdc++ into baseline-dynamic and newer-static (hidden) parts" },
	{ "glibc", cmd_glibc, "make link-time stubs of an old glibc for links on a newer host" },
	{ "stub", cmd_stub, "make a link-time stub of a versioned shared library" },
	{ "show", cmd_show, "show an ELF file's runtime needs against a policy" },
	{ "audit", cmd_audit, "find runtime conflicts in wheels, directories and environments" },
	{ "specs", cmd_specs, "install or uninstall manyguard's specs as a GCC's default specs" },
	{ "manifest", cmd_manifest, "print the runtime-dependency manifest embedded in a file" },
	{ "openmp", cmd_openmp, "build the OpenMP runtime that fits the policy's glibc" },
};

static void usage(FILE *out)
{
	fprintf(out, "usage: manyguard COMMAND [ARGS...]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\n`manyguard COMMAND --help` describes each command.\n");
}

int main(int argc, char **argv)
{
	/* Killed, a command leaves no temporary file of its own behind. */
	mg_cleanup_on_fatal_signals();
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("manyguard %s\n", PACKAGE_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(argv[1], commands[i].name) == 0) {
			static char name[64];
			snprintf(name, sizeof name, "manyguard %s", commands[i].name);
			cli_name = name;
			return commands[i].run(argc - 1, argv + 1);
		}
	}
	cli_errorf("unknown command '%s'", argv[1]);
	usage(stderr);
	return 2;
}
