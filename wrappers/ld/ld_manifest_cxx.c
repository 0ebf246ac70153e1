/* The manifest's "cxx" section: the C++ ABI of the output's objects (from
 * their plugin notes), whether the baseline has the C++11 ABI, and the
 * newer runtime symbols linked from the nonshared archive that carry a
 * hazard the build accepted (MANYGUARD_ALLOW_HAZARD) or come from a
 * forwarder: what `manyguard show`, `audit` and `manifest` report about
 * the C++ runtime an output carries (docs/nonshared.md). */
#include "config.h"

#include <string.h>

#include "ld/ld_manifest_internal.h"
#include "policy/split.h"

/* "old", "new" or "mixed" from the objects' notes; NULL: none records it. */
static const char *abi_of(const json_t *objects)
{
	bool old = false, new_abi = false;
	size_t i, u;
	json_t *o, *unit;
	json_array_foreach((json_t *)objects, i, o) {
		json_array_foreach(json_object_get(o, "notes"), u, unit) {
			const char *v = json_string_value(json_object_get(unit, "cxx11_abi"));
			if (v && strcmp(v, "0") == 0)
				old = true;
			else if (v && strcmp(v, "1") == 0)
				new_abi = true;
		}
	}
	return old && new_abi ? "mixed" : old ? "old" : new_abi ? "new" : NULL;
}

/* NAME (mangled or demangled), when the split marks it hazard-allowed or
 * forwarded, joins HAZARDS once. */
static void add_if_hazard(json_t *hazards, const mg_split *split, const char *name)
{
	const mg_split_symbol *s = name ? mg_split_find(split, name) : NULL;
	if (!s || (strcmp(s->status, "hazard-allowed") != 0 && strcmp(s->status, "forwarded") != 0))
		return;
	size_t i;
	json_t *e;
	json_array_foreach(hazards, i, e)
		if (strcmp(json_string_value(json_object_get(e, "symbol")), s->name) == 0)
			return;
	json_array_append_new(hazards,
			      json_pack("{s:o, s:o, s:o, s:o, s:o}", "symbol",
					ld_manifest_str(s->name), "demangled",
					ld_manifest_str(s->demangled), "status",
					ld_manifest_str(s->status), "hazard", ld_manifest_str(s->hazard),
					"reason", ld_manifest_str(s->reason)));
}

json_t *ld_manifest_cxx(const json_t *objects, const json_t *archives, const mg_split *split)
{
	json_t *hazards = json_array();
	if (split) {
		size_t i, j, u, k;
		json_t *a, *m, *o, *unit, *use;
		json_array_foreach((json_t *)archives, i, a) {
			if (!json_is_true(json_object_get(a, "nonshared")))
				continue;
			json_array_foreach(json_object_get(a, "members"), j, m)
				add_if_hazard(hazards, split,
					      json_string_value(json_object_get(m, "symbol")));
		}
		json_array_foreach((json_t *)objects, i, o)
			json_array_foreach(json_object_get(o, "notes"), u, unit)
				json_array_foreach(json_object_get(unit, "newer_symbol_uses"), k, use)
					add_if_hazard(hazards, split,
						      json_string_value(json_object_get(use, "symbol")));
	}
	json_t *base = split ? json_boolean(mg_split_cxx11_abi(split)) : json_null();
	return json_pack("{s:o, s:o, s:o}", "abi", ld_manifest_str(abi_of(objects)),
			 "baseline_cxx11_abi", base, "hazards", hazards);
}
