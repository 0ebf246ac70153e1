/* The policy a build was configured for (wrappers/cc/cc_policy.c): the
 * option comes off the command line wherever it stands, the configured
 * policy wins over an unset environment, and every disagreement is an
 * error that names both sides. */
#include "config.h"

#include <string.h>

#include "cc/cc_policy.h"
#include "tests/unit/tap.h"

/* Take the option out of a copy of WORDS (argv[0] first, NULL-terminated);
 * the remaining words joined by spaces go to OUT. */
static int take(const char *const *words, char *out, size_t size, const char **configured,
		mg_error *err)
{
	static char *argv[16];
	int argc = 0;
	while (words[argc] && argc < 15) {
		argv[argc] = (char *)words[argc];
		argc++;
	}
	argv[argc] = NULL;
	int rc = cc_policy_take(&argc, argv, configured, err);
	out[0] = '\0';
	for (int i = 0; i < argc; i++) {
		strncat(out, argv[i], size - strlen(out) - 2);
		if (i + 1 < argc)
			strcat(out, " ");
	}
	tap_ok(argv[argc] == NULL, "the vector still ends in NULL");
	return rc;
}

int main(void)
{
	char out[256];
	const char *configured, *policy;
	mg_error err;

	const char *plain[] = { "manyguard-c++", "-c", "a.cc", NULL };
	tap_eq_int(take(plain, out, sizeof out, &configured, &err), 0, "no option: no error");
	tap_ok(configured == NULL, "no option: nothing configured");
	tap_eq_str(out, "manyguard-c++ -c a.cc", "no option: the command is unchanged");

	const char *first[] = { "manyguard-c++", "--manyguard-policy=manylinux_2_17", "-c", "a.cc",
				NULL };
	tap_eq_int(take(first, out, sizeof out, &configured, &err), 0, "option first");
	tap_eq_str(configured, "manylinux_2_17", "option first: the configured policy");
	tap_eq_str(out, "manyguard-c++ -c a.cc", "option first: taken off the command line");

	/* libtool moves options it does not know and may repeat them. */
	const char *twice[] = { "manyguard-c++", "-shared", "--manyguard-policy=manylinux_2_28",
				"a.o", "--manyguard-policy=manylinux_2_28", "-o", "a.so", NULL };
	tap_eq_int(take(twice, out, sizeof out, &configured, &err), 0, "the same option twice");
	tap_eq_str(configured, "manylinux_2_28", "twice: the configured policy");
	tap_eq_str(out, "manyguard-c++ -shared a.o -o a.so", "twice: both taken off");

	const char *two[] = { "manyguard-cc", "--manyguard-policy=manylinux_2_28", "-c", "a.c",
			      "--manyguard-policy=manylinux_2_17", NULL };
	tap_eq_int(take(two, out, sizeof out, &configured, &err), -1, "two policies: error");
	tap_ok(strstr(err.reason, "manylinux_2_28") && strstr(err.reason, "manylinux_2_17"),
	       "two policies: both named (%s)", err.reason);

	const char *empty[] = { "manyguard-cc", "--manyguard-policy=", "-c", "a.c", NULL };
	tap_eq_int(take(empty, out, sizeof out, &configured, &err), -1, "an empty name: error");
	const char *path[] = { "manyguard-cc", "--manyguard-policy=../x", "-c", "a.c", NULL };
	tap_eq_int(take(path, out, sizeof out, &configured, &err), -1, "a path: error");
	tap_ok(strstr(err.reason, "is not a policy name") != NULL, "a path: %s", err.reason);

	tap_eq_int(cc_policy_resolve(NULL, NULL, &policy, &err), 0, "nothing set");
	tap_eq_str(policy, "manylinux_2_28", "nothing set: the default");
	tap_eq_int(cc_policy_resolve(NULL, "", &policy, &err), 0, "MANYGUARD_POLICY empty");
	tap_eq_str(policy, "manylinux_2_28", "MANYGUARD_POLICY empty: the default");
	tap_eq_int(cc_policy_resolve(NULL, "manylinux_2_17", &policy, &err), 0, "environment only");
	tap_eq_str(policy, "manylinux_2_17", "environment only: its policy");
	tap_eq_int(cc_policy_resolve("manylinux_2_17", NULL, &policy, &err), 0, "configured only");
	tap_eq_str(policy, "manylinux_2_17", "configured only: its policy");
	tap_eq_int(cc_policy_resolve("manylinux_2_17", "manylinux_2_17", &policy, &err), 0,
		   "configured and environment agree");
	tap_eq_str(policy, "manylinux_2_17", "agreeing: the policy");
	tap_eq_int(cc_policy_resolve("manylinux_2_17", "manylinux_2_28", &policy, &err), -1,
		   "configured and environment differ: error");
	tap_eq_str(err.reason,
		   "this build was configured for policy manylinux_2_17 "
		   "(--manyguard-policy=manylinux_2_17 in its compiler command), but "
		   "MANYGUARD_POLICY=manylinux_2_28 in the environment: unset MANYGUARD_POLICY to "
		   "build for manylinux_2_17, or configure the build again for manylinux_2_28",
		   "the mismatch names what was configured and what was found");
	tap_eq_int(cc_policy_resolve(NULL, "a/b", &policy, &err), -1, "MANYGUARD_POLICY a path");
	tap_eq_str(err.reason, "MANYGUARD_POLICY=\"a/b\" is not a policy name", "... says so");
	return tap_done();
}
