/* manyguard stub LIB [--cap PREFIX_VERSION]... -o DIR */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/input.h"
#include "tools/cli.h"
#include "tools/commands.h"
#include "rtdir/stub.h"
#include "policy/caps.h"
#include "policy/symver.h"

static void stub_usage(FILE *out)
{
	fprintf(out,
		"usage: manyguard stub LIB [--cap PREFIX_VERSION]... [--cc CC] -o DIR\n"
		"\n"
		"Writes DIR/SONAME: a link-time stub of the shared library LIB with exactly\n"
		"its dynamic symbols and symbol versions (and no code), so that linking\n"
		"against it cannot bind to anything LIB lacks.  Each --cap (e.g.\n"
		"--cap GLIBCXX_3.4.24 --cap CXXABI_1.3.11) also drops every version of that\n"
		"prefix newer than the cap, as if LIB were that older release.\n"
		"\n"
		"  --cap V     cap a version prefix at V (repeatable)\n"
		"  --cc CC     compiler driver that assembles and links the stub (default: cc)\n"
		"  -o DIR      output directory (created if missing)\n"
		"\n"
		"Exit status: 0 when the stub is written, 1 when it cannot be made, 2 when\n"
		"LIB cannot be read (missing, not a regular file) or on bad usage.\n");
}

/* "GLIBCXX_3.4.24" -> caps GLIBCXX <= 3.4.24. */
static int add_cap(mg_caps *caps, const char *spec, mg_error *err)
{
	mg_symver v;
	if (mg_symver_parse(spec, &v, err) != 0)
		return -1;
	if (v.nparts == 0)
		return mg_error_set(err, NULL,
				    "--cap %s: expected PREFIX_VERSION such as GLIBCXX_3.4.24", spec);
	const char *number = spec + strlen(v.prefix) + 1;
	return mg_caps_set(caps, v.prefix, number, err);
}

int cmd_stub(int argc, char **argv)
{
	static const struct option options[] = {
		{ "cap", required_argument, NULL, 'c' },
		{ "cc", required_argument, NULL, 'C' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	mg_error err;
	mg_error_clear(&err);
	mg_caps *caps = NULL;
	const char *cc = "cc", *dir = NULL;
	int status = 2, opt;

	while ((opt = getopt_long(argc, argv, "o:h", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			if (!caps)
				caps = mg_caps_new();
			if (add_cap(caps, optarg, &err) != 0) {
				cli_error(&err);
				goto out;
			}
			break;
		case 'C':
			cc = optarg;
			break;
		case 'o':
			dir = optarg;
			break;
		case 'h':
			stub_usage(stdout);
			status = 0;
			goto out;
		default:
			stub_usage(stderr);
			goto out;
		}
	}
	if (optind != argc - 1 || !dir) {
		cli_errorf("%s", optind >= argc ? "no library given" :
				     optind < argc - 1 ? "give exactly one library" :
							 "no output directory given (-o DIR)");
		stub_usage(stderr);
		goto out;
	}
	/* An input that cannot be read is the caller's mistake (2), told apart
	 * from a stub that cannot be made (1). */
	int fd = mg_input_open(argv[optind], NULL, &err);
	if (fd < 0) {
		cli_error(&err);
		goto out;
	}
	close(fd);
	status = mg_stub_make(argv[optind], caps, cc, dir, NULL, &err) == 0 ? 0 : 1;
	if (status)
		cli_error(&err);
out:
	mg_caps_free(caps);
	return status;
}
