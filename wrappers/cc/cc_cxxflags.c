/* The C++ ABI flags of a compile.  They used to be read from the runtime
 * directory (its cxxflags), which made every C++ compile create or check
 * that directory: more than twice the wrapper's cost per compile, and a
 * failed compile with a compiler that has no libstdc++.a although nothing
 * was linked.  The directory's file and this answer come from one rule
 * (mg_cxxabi_has_cxx11), so compiles and links agree. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "cc/cc_cache.h"
#include "cc/cc_cxxflags.h"
#include "policy/baseline.h"
#include "policy/cxxabi.h"
#include "policy/policy.h"

static int of_baseline(const char *libstdcxx, bool *cxx11, mg_error *err)
{
	mg_baseline b = {0};
	int rc = mg_baseline_load(libstdcxx, NULL, NULL, &b, err);
	if (rc == 0)
		*cxx11 = mg_cxxabi_has_cxx11(mg_caps_get(b.cxx_caps, "GLIBCXX", NULL));
	mg_baseline_free(&b);
	return rc;
}

static int of_policy(const cc_compiler *cc, const char *name, bool *cxx11, mg_error *err)
{
	const char *dir = getenv("MANYGUARD_POLICY_DIR");
	mg_policy *policy = mg_policy_load(dir && *dir ? dir : NULL, name, err);
	if (!policy)
		return -1;
	int rc = mg_cxxabi_of_policy(policy, NULL, cxx11, err);
	if (rc != 0) {
		/* Machines that disagree: the compiler's decides. */
		char *machine = cc_cache_compiler_answer(cc, "-dumpmachine", err);
		if (machine) {
			machine[strcspn(machine, "-")] = '\0';
			rc = mg_cxxabi_of_policy(policy, machine, cxx11, err);
			free(machine);
		}
	}
	mg_policy_free(policy);
	return rc;
}

int cc_cxxflags(const cc_compiler *cc, const char *policy, const char **flags, mg_error *err)
{
	const char *baseline = getenv("MANYGUARD_BASELINE_LIBSTDCXX");
	bool cxx11 = true;
	int rc = baseline && *baseline ? of_baseline(baseline, &cxx11, err)
				       : of_policy(cc, policy, &cxx11, err);
	*flags = rc == 0 && !cxx11 ? MG_CXXABI_OLD_FLAGS : NULL;
	return rc;
}
