/* Platform policies (manylinux_2_17, manylinux_2_28, ...) read from
 * policy/NAME.json: per-architecture symbol version caps, the external
 * libraries a wheel may link against, symbols of those libraries that are
 * off limits, a priority and aliases.  The file format is described in
 * docs/policies.md. */
#ifndef MG_POLICY_H
#define MG_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "policy/caps.h"

/* The policy every program judges by when none is named (MANYGUARD_POLICY,
 * --policy). */
#define MG_DEFAULT_POLICY "manylinux_2_28"

typedef struct mg_policy mg_policy;
typedef struct mg_policy_set mg_policy_set;

/* The installed policy directory (pkgdatadir/policy), for programs that
 * are not told another one. */
const char *mg_policy_default_dir(void);

/* Load one policy file.  Validation errors name PATH and the JSON path
 * ("arch.x86_64.caps.GLIBCXX: expected a version string or null").
 * Free the result with mg_policy_free. */
mg_policy *mg_policy_load_file(const char *path, mg_error *err);

/* Load the policy called NAME or having NAME as an alias ("manylinux2014")
 * from DIR (NULL: mg_policy_default_dir()).  Free with mg_policy_free. */
mg_policy *mg_policy_load(const char *dir, const char *name, mg_error *err);

void mg_policy_free(mg_policy *policy);

/* Accessors; returned strings and caps belong to the policy. */
const char *mg_policy_name(const mg_policy *policy);
const char *mg_policy_path(const mg_policy *policy);
int mg_policy_priority(const mg_policy *policy);
size_t mg_policy_alias_count(const mg_policy *policy);
const char *mg_policy_alias_at(const mg_policy *policy, size_t i);
/* True if NAME is the policy's name or one of its aliases. */
bool mg_policy_matches(const mg_policy *policy, const char *name);

/* Architectures the policy covers, in file order. */
size_t mg_policy_arch_count(const mg_policy *policy);
const char *mg_policy_arch_at(const mg_policy *policy, size_t i);
/* Caps for ARCH ("x86_64", "aarch64"), or NULL if the policy lacks it. */
const mg_caps *mg_policy_caps(const mg_policy *policy, const char *arch);

/* Whether a wheel may depend on the system library SONAME. */
bool mg_policy_library_allowed(const mg_policy *policy, const char *soname);
size_t mg_policy_library_count(const mg_policy *policy);
const char *mg_policy_library_at(const mg_policy *policy, size_t i);

/* Whether SYMBOL of the allowed library LIBRARY is off limits (a private
 * symbol that some distributions export, e.g. libz's _tr_flush_block). */
bool mg_policy_symbol_blacklisted(const mg_policy *policy, const char *library,
				  const char *symbol);

/* ---- all policies of a directory ---------------------------------------- */

/* Load every *.json in DIR (NULL: the default dir).  Fails on the first
 * invalid file, on two policies sharing a name or alias, or when DIR holds
 * no policy.  Free with mg_policy_set_free (it owns its policies). */
mg_policy_set *mg_policy_set_load(const char *dir, mg_error *err);
void mg_policy_set_free(mg_policy_set *set);

/* Policies ordered by priority, highest first: the most widely compatible
 * (oldest baseline) first, as auditwheel orders them. */
size_t mg_policy_set_count(const mg_policy_set *set);
const mg_policy *mg_policy_set_at(const mg_policy_set *set, size_t i);
const mg_policy *mg_policy_set_find(const mg_policy_set *set, const char *name);

/* Whether POLICY accepts, on ARCH, an object requiring the version names
 * VERSIONS and the external libraries LIBS.  A version the caps do not
 * cover (MG_CAPS_UNCAPPED, e.g. VERS_1.0 of a vendored library) is
 * accepted.  False when the policy lacks ARCH. */
bool mg_policy_accepts(const mg_policy *policy, const char *arch,
		       const char *const *versions, size_t nversions,
		       const char *const *libs, size_t nlibs);

/* The highest-priority policy of SET that accepts the requirements (what
 * `--policy auto` picks), or NULL if none does. */
const mg_policy *mg_policy_set_best(const mg_policy_set *set, const char *arch,
				    const char *const *versions, size_t nversions,
				    const char *const *libs, size_t nlibs);

#endif
