/* GCC 5's dual ABI: a C++ runtime without GLIBCXX_3.4.21 has only the old
 * std::string and std::list, so C++ code for it is compiled with
 * -D_GLIBCXX_USE_CXX11_ABI=0 (docs/nonshared.md, "The dual ABI").  One
 * rule, decided from version names alone, for the runtime directory's
 * cxxflags and the compiler wrapper (which makes no runtime directory to
 * compile). */
#ifndef MG_POLICY_CXXABI_H
#define MG_POLICY_CXXABI_H

#include <stdbool.h>

#include "base/error.h"
#include "policy/caps.h"
#include "policy/policy.h"

/* The first version of the C++11 ABI. */
#define MG_CXXABI_CXX11_VERSION "GLIBCXX_3.4.21"
/* What every C++ compile for a baseline without it needs. */
#define MG_CXXABI_OLD_FLAGS "-D_GLIBCXX_USE_CXX11_ABI=0"

/* Whether a libstdc++ whose highest GLIBCXX version is GLIBCXX (a cap, or
 * the highest a real runtime defines; NULL: not capped) has the C++11 ABI. */
bool mg_cxxabi_has_cxx11(const char *glibcxx);

/* Whether POLICY's baseline on ARCH has the C++11 ABI, by its GLIBCXX cap.
 * ARCH NULL: the policy's machines must agree (they do for every
 * manylinux policy); -1 with ERR when they do not, or POLICY has no rules
 * for ARCH. */
int mg_cxxabi_of_policy(const mg_policy *policy, const char *arch, bool *cxx11, mg_error *err);

#endif
