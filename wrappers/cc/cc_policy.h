/* The policy of one run of the compiler wrapper: the one the build was
 * configured for (`--manyguard-policy=NAME`, written into the compiler
 * command by the build-system recipes of integration/), else
 * MANYGUARD_POLICY, else the default.  A build tree configured for one
 * policy and run with another in the environment is an error. */
#ifndef MG_WRAPPERS_CC_POLICY_H
#define MG_WRAPPERS_CC_POLICY_H

#include "base/error.h"

/* The option the recipes put after the wrapper's name. */
#define CC_POLICY_OPTION "--manyguard-policy="

/* Remove every CC_POLICY_OPTION from ARGV[1..*ARGC-1] (in place; *ARGC
 * shrinks and ARGV[*ARGC] becomes NULL), so that the compiler never sees
 * it.  *CONFIGURED points at the name inside ARGV's string, or is NULL
 * when there was none.  Two different names, an empty one or one with a
 * '/' are an error. */
int cc_policy_take(int *argc, char **argv, const char **configured, mg_error *err);

/* The policy of this run from CONFIGURED (or NULL) and ENV (the value of
 * MANYGUARD_POLICY, or NULL): an error when both are set and differ, or
 * when ENV is not a policy name.  *POLICY points at one of them or at
 * MG_DEFAULT_POLICY. */
int cc_policy_resolve(const char *configured, const char *env, const char **policy,
		      mg_error *err);

#endif
