/* What every `manyguard` command shares: errors and notes printed as
 * "manyguard: error: FILE: REASON", and where the policies are. */
#include "config.h"
#include "tools/cli.h"
#include "policy/policy.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

const char *cli_name = "manyguard";

void cli_error(const mg_error *err)
{
	char buf[sizeof err->file + sizeof err->reason + 4];
	fprintf(stderr, "%s: error: %s\n", cli_name,
		mg_error_format(err, buf, sizeof buf));
}

static void vmessage(const char *kind, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: %s: ", cli_name, kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void cli_errorf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage("error", fmt, ap);
	va_end(ap);
}

void cli_notef(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage("note", fmt, ap);
	va_end(ap);
}

const char *cli_policy_dir(void)
{
	const char *dir = getenv("MANYGUARD_POLICY_DIR");
	return dir && *dir ? dir : mg_policy_default_dir();
}
