/* The table of rules (id, why, fix, whether a build may allow it) and
 * MANYGUARD_ALLOW parsing: ids separated by commas, spaces ignored, an
 * unknown or audit-only id an error that lists the valid ones. */
#include "config.h"
#include "base/rule.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const mg_rule_info rules[MG_RULE_COUNT] = {
	[MG_RULE_STATIC_LIBSTDCXX] = {
		"static-libstdcxx",
		"a private copy of libstdc++ keeps its own locale, iostream and exception state "
		"next to the process's libstdc++ (one runtime per process)",
		"link libstdc++ dynamically; symbols newer than the baseline come from "
		"libstdc++_nonshared.a in manyguard's runtime directory, hidden", true},
	[MG_RULE_STATIC_OPENMP] = {
		"static-openmp",
		"a static OpenMP runtime starts its own thread pool beside the process's "
		"(two libomp copies abort with \"OMP: Error #15\")",
		"link the OpenMP runtime dynamically (drop -static / -Bstatic around -lgomp, "
		"-lomp, -liomp5)", true},
	[MG_RULE_MIXED_OPENMP] = {
		"mixed-openmp",
		"GNU and LLVM/Intel OpenMP runtimes in one process each start a thread pool and "
		"oversubscribe the machine or deadlock",
		"build every object against one OpenMP runtime (libgomp, libomp or libiomp5)", true},
	[MG_RULE_DUPLICATE_RUNTIME] = {
		"duplicate-runtime",
		"two copies of one runtime in a process keep separate global state",
		"depend on the one shared copy instead of vendoring another", true},
	[MG_RULE_SYMBOL_VERSION] = {
		"symbol-version",
		"the output requires symbol versions newer than the policy's baseline, so it "
		"fails to load there (\"version ... not found\")",
		"build against the policy's baseline runtime (manyguard nonshared) or pick a "
		"newer policy", true},
	[MG_RULE_EXTERNAL_LIB] = {
		"external-lib",
		"the output depends on a system library the policy does not promise",
		"vendor the library with the package, or drop the dependency", true},
	[MG_RULE_STATIC_RUNTIME_COPY] = {
		"static-runtime-copy",
		"the output defines a runtime's own symbols: it carries a statically linked copy "
		"of that runtime",
		"relink with the runtime as a shared library dependency", true},
	[MG_RULE_NONSHARED_EXPORT] = {
		"nonshared-export",
		"symbols of a nonshared archive are exported and interpose on the process's "
		"libstdc++ for everyone",
		"link the nonshared archive with hidden symbols (manyguard's runtime directory "
		"does) or add -Wl,--exclude-libs,ALL", true},
	[MG_RULE_CXX_ABI] = {
		"cxx-abi",
		"code built with the C++11 ABI (_GLIBCXX_USE_CXX11_ABI=1) needs GCC 5's runtime: "
		"on an older one its std::string-based facets, error categories and exceptions are "
		"not the runtime's, so streams fail and handlers miss",
		"compile it with manyguard-c++ (which defines _GLIBCXX_USE_CXX11_ABI=0 for such a "
		"baseline) or with -D_GLIBCXX_USE_CXX11_ABI=0, or pick a newer policy", true},
	[MG_RULE_RELOCATABILITY] = {
		"relocatability",
		"the file finds its libraries through paths of the build machine, or of the "
		"directory it is started from, so another machine loads other libraries or none",
		"use $ORIGIN-relative DT_RUNPATH entries inside the package and NEEDED entries "
		"by SONAME", false},
	[MG_RULE_SHADOWED_LIBRARY] = {
		"shadowed-library",
		"a package ships another copy of a library the interpreter's process already "
		"loads: symbols bind to whichever copy loaded first",
		"use the process's copy, or build the vendored copy with versioned or hidden "
		"symbols", false},
	[MG_RULE_FOREIGN_MACHINE] = {
		"foreign-machine",
		"a file for another machine never loads into this machine's processes, so it is "
		"left out of the checks across packages",
		"audit it on (or for) the machine it was built for", false},
	[MG_RULE_NO_POLICY] = {
		"no-policy",
		"no policy judges the file: the policy has no rules for its machine, or every "
		"policy is exceeded by what it needs",
		"pick a policy that covers the machine, or run `manyguard audit --policy NAME` to "
		"see what exceeds it", false},
	[MG_RULE_MANIFEST] = {
		"manifest",
		"the embedded manifest is damaged, or records rules MANYGUARD_ALLOW downgraded "
		"when the file was linked",
		"rebuild it through manyguard's wrappers; `manyguard manifest FILE` shows what was "
		"allowed and why", false},
};

const mg_rule_info *mg_rule_get(mg_rule rule)
{
	if (rule <= MG_RULE_NONE || rule >= MG_RULE_COUNT)
		return NULL;
	return &rules[rule];
}

mg_rule mg_rule_lookup(const char *id)
{
	for (int r = MG_RULE_NONE + 1; r < MG_RULE_COUNT; r++)
		if (strcmp(rules[r].id, id) == 0)
			return (mg_rule)r;
	return MG_RULE_NONE;
}

/* ---- MANYGUARD_ALLOW ------------------------------------------------------ */

/* The ids MANYGUARD_ALLOW takes, for its error message. */
static void valid_ids(char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int r = MG_RULE_NONE + 1; r < MG_RULE_COUNT && used < size; r++) {
		if (!rules[r].allowable)
			continue;
		int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", rules[r].id);
		if (n < 0)
			break;
		used += (size_t)n;
	}
}

int mg_rule_allow_parse(const char *spec, mg_allow *out, mg_error *err)
{
	out->bits = 0;
	if (!spec)
		return 0;
	for (const char *p = spec; *p;) {
		while (*p == ',' || isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		const char *end = p + strcspn(p, ",");
		const char *last = end;
		while (last > p && isspace((unsigned char)last[-1]))
			last--;
		size_t len = (size_t)(last - p);
		char id[64];
		mg_rule r = MG_RULE_NONE;
		if (len < sizeof id) {
			memcpy(id, p, len);
			id[len] = '\0';
			r = mg_rule_lookup(id);
		}
		if (r == MG_RULE_NONE || !rules[r].allowable) {
			char ids[512];
			valid_ids(ids, sizeof ids);
			out->bits = 0;
			return mg_error_set(err, NULL,
					    "MANYGUARD_ALLOW: unknown rule \"%.*s\" (valid rules: %s)",
					    (int)(len > 64 ? 64 : len), p, ids);
		}
		out->bits |= 1u << r;
		p = end;
	}
	return 0;
}

bool mg_rule_allow_has(const mg_allow *allow, mg_rule rule)
{
	return allow && rule > MG_RULE_NONE && rule < MG_RULE_COUNT && rules[rule].allowable &&
	       (allow->bits & (1u << rule));
}

