/* The flags C++ code needs for the run's baseline, decided from version
 * names (lib/policy/cxxabi.h) without the runtime directory: a compile or
 * a preprocessing run makes no runtime directory, and works with a
 * compiler that has no libstdc++.a to split. */
#ifndef MG_WRAPPERS_CC_CXXFLAGS_H
#define MG_WRAPPERS_CC_CXXFLAGS_H

#include "base/error.h"
#include "cc/cc_find.h"

/* *FLAGS: MG_CXXABI_OLD_FLAGS for a baseline without the C++11 ABI, NULL
 * otherwise; the baseline is MANYGUARD_BASELINE_LIBSTDCXX (its versions)
 * when set, else POLICY (its GLIBCXX cap; from MANYGUARD_POLICY_DIR when
 * set).  CC answers -dumpmachine only for a policy whose machines
 * disagree. */
int cc_cxxflags(const cc_compiler *cc, const char *policy, const char **flags, mg_error *err);

#endif
