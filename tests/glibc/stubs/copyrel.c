/* Data of libc the executable copies (copy relocations): environ is a weak
 * alias of __environ, program_invocation_short_name of __progname; libc's
 * own code uses the global names, so the copies must be the aliases'. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(void)
{
	int found = 0;
	for (char **e = environ; e && *e; e++)
		found |= strcmp(*e, "MG_PROBE=1") == 0;
	fprintf(stderr, "to stderr\n");
	printf("environ %s, getenv %s, name %s\n", found ? "has MG_PROBE" : "lacks MG_PROBE",
	       getenv("MG_PROBE") ? "has MG_PROBE" : "lacks MG_PROBE", program_invocation_short_name);
	return 0;
}
