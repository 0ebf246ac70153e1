/* The C++ ABI of a baseline from its GLIBCXX versions: the old one below
 * GLIBCXX_3.4.21 (GCC 5).  A policy answers for all its machines at once
 * when their caps agree, so the compiler wrapper need not ask the compiler
 * which machine it builds for. */
#include "config.h"
#include "policy/cxxabi.h"

#include "policy/symver.h"

bool mg_cxxabi_has_cxx11(const char *glibcxx)
{
	return !glibcxx || mg_symver_cmp_names(glibcxx, MG_CXXABI_CXX11_VERSION) >= 0;
}

static bool of_caps(const mg_caps *caps)
{
	return mg_cxxabi_has_cxx11(mg_caps_get(caps, "GLIBCXX", NULL));
}

int mg_cxxabi_of_policy(const mg_policy *policy, const char *arch, bool *cxx11, mg_error *err)
{
	if (arch) {
		const mg_caps *caps = mg_policy_caps(policy, arch);
		if (!caps)
			return mg_error_set(err, mg_policy_path(policy), "policy %s has no rules for %s",
					    mg_policy_name(policy), arch);
		*cxx11 = of_caps(caps);
		return 0;
	}
	size_t n = mg_policy_arch_count(policy);
	if (!n)
		return mg_error_set(err, mg_policy_path(policy), "policy %s names no machine",
				    mg_policy_name(policy));
	for (size_t i = 0; i < n; i++) {
		bool one = of_caps(mg_policy_caps(policy, mg_policy_arch_at(policy, i)));
		if (i > 0 && one != *cxx11)
			return mg_error_set(err, mg_policy_path(policy),
					    "policy %s caps GLIBCXX below %s on some machines only: "
					    "the machine must be known", mg_policy_name(policy),
					    MG_CXXABI_CXX11_VERSION);
		*cxx11 = one;
	}
	return 0;
}
