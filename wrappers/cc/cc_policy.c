/* The policy a build was configured for.
 *
 * A build system records the compiler command once, when the build is
 * configured, and runs it for every compile and link afterwards, in
 * whatever environment `make` or `ninja` then has.  The recipes of
 * integration/ (CMake toolchain file, meson native file, autoconf site
 * file) therefore write the policy chosen at configure time into that
 * command, as `manyguard-c++ --manyguard-policy=NAME`.  This file takes
 * the option out of the command line (the compiler never sees it) and
 * settles the policy of the run: the configured one, which
 * MANYGUARD_POLICY may repeat but not contradict.  Without the check a
 * build configured for manylinux_2_17 and built from a shell that says
 * manylinux_2_28 would mix objects and links of two policies, silently. */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "cc/cc_policy.h"
#include "policy/policy.h"

static int check_name(const char *name, const char *where, mg_error *err)
{
	if (!*name || strchr(name, '/'))
		return mg_error_set(err, NULL, "%s\"%s\" is not a policy name", where, name);
	return 0;
}

int cc_policy_take(int *argc, char **argv, const char **configured, mg_error *err)
{
	const size_t len = strlen(CC_POLICY_OPTION);
	*configured = NULL;
	int kept = 1;
	for (int i = 1; i < *argc; i++) {
		if (strncmp(argv[i], CC_POLICY_OPTION, len) != 0) {
			argv[kept++] = argv[i];
			continue;
		}
		const char *name = argv[i] + len;
		if (check_name(name, CC_POLICY_OPTION, err) != 0)
			return -1;
		/* The recipes write it once; libtool may repeat it on a link. */
		if (*configured && strcmp(*configured, name) != 0)
			return mg_error_set(err, NULL,
					    "the compiler command names two policies: "
					    CC_POLICY_OPTION "%s and " CC_POLICY_OPTION "%s",
					    *configured, name);
		*configured = name;
	}
	*argc = kept;
	argv[kept] = NULL;
	return 0;
}

int cc_policy_resolve(const char *configured, const char *env, const char **policy,
		      mg_error *err)
{
	if (env && *env && check_name(env, "MANYGUARD_POLICY=", err) != 0)
		return -1;
	if (configured && env && *env && strcmp(configured, env) != 0)
		return mg_error_set(err, NULL,
				    "this build was configured for policy %s (" CC_POLICY_OPTION
				    "%s in its compiler command), but MANYGUARD_POLICY=%s in the "
				    "environment: unset MANYGUARD_POLICY to build for %s, or "
				    "configure the build again for %s",
				    configured, configured, env, configured, env);
	if (configured)
		*policy = configured;
	else if (env && *env)
		*policy = env;
	else
		*policy = MG_DEFAULT_POLICY;
	return 0;
}
