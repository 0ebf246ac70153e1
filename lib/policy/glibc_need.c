/* What a library needs of GLIBC, by policy: one pass over its version
 * requirements, each GLIBC_ version judged by the policy's caps (the one
 * judgement of versions, policy/caps.h), the highest kept. */
#include "config.h"

#include "policy/glibc_need.h"

#include <stdio.h>
#include <string.h>

#include "elf/elf.h"
#include "policy/caps.h"

int mg_glibc_need_read(const char *lib, const mg_policy *policy, mg_glibc_need *need,
		       mg_error *err)
{
	mg_elf *elf = NULL;
	int rc = -1;

	memset(need, 0, sizeof *need);
	need->within = true;
	if (mg_elf_open(lib, &elf, err) != 0)
		return -1;
	const mg_elf_verneeds *vn = mg_elf_verneed_info(elf, err);
	if (!vn)
		goto out;
	const mg_caps *caps = mg_policy_caps(policy, mg_elf_machine_name(elf));
	if (!caps) {
		mg_error_set(err, mg_policy_path(policy), "policy %s has no rules for %s",
			     mg_policy_name(policy), mg_elf_machine_name(elf));
		goto out;
	}
	for (size_t i = 0; i < vn->count; i++)
		for (size_t j = 0; j < vn->needs[i].count; j++) {
			const char *name = vn->needs[i].aux[j].name;
			if (strncmp(name, "GLIBC_", 6) != 0)
				continue;
			mg_caps_result res;
			if (mg_caps_check(caps, name, &res, err) != 0)
				goto out;
			if (res.cap[0])
				snprintf(need->cap, sizeof need->cap, "%s", res.cap);
			if (need->within && (res.verdict == MG_CAPS_EXCEEDS ||
					     res.verdict == MG_CAPS_FORBIDDEN)) {
				need->within = false;
				snprintf(need->over, sizeof need->over, "%s", name);
				snprintf(need->over_file, sizeof need->over_file, "%s",
					 vn->needs[i].file ? vn->needs[i].file : "?");
			}
			if (!need->max[0] || mg_symver_cmp_names(name, need->max) > 0)
				snprintf(need->max, sizeof need->max, "%s", name);
		}
	rc = 0;
out:
	mg_elf_close(elf);
	return rc;
}
