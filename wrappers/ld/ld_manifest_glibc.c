/* "glibc": the glibc baseline a link used (MANYGUARD_GLIBC_DIR: the
 * release it stands for, the host's, the real old glibc it was made from)
 * and the shims the output carries: each member of the glibc directory's
 * libmanyguard_glibc.a the link pulled in, with the undefined name that
 * pulled it and the object that referenced it (the provenance the
 * "archives" pass already has).  null when the link used this machine's
 * glibc. */
#include "config.h"
#include "ld/ld_manifest_internal.h"

#include <string.h>

#include <libiberty/libiberty.h>

#include "ld/ld_glibc.h"

/* The shim archive's members in ARCHIVES, as "shims" lists them. */
static json_t *shims(const json_t *archives)
{
	json_t *out = json_array();
	size_t i, j;
	json_t *a, *m;
	json_array_foreach(archives, i, a) {
		const char *path = json_string_value(json_object_get(a, "path"));
		if (!path || strcmp(lbasename(path), LD_GLIBC_SHIMS) != 0)
			continue;
		json_array_foreach(json_object_get(a, "members"), j, m)
			json_array_append_new(out, json_pack("{s:O, s:O, s:O}", "member",
							     json_object_get(m, "member"), "symbol",
							     json_object_get(m, "symbol"),
							     "referenced_by",
							     json_object_get(m, "referenced_by")));
	}
	return out;
}

json_t *ld_manifest_glibc(const json_t *archives, const ld_glibc *g)
{
	if (!g || !g->dir || !g->rules.in_force)
		return json_null();
	return json_pack("{s:o, s:o, s:s, s:o, s:o}", "release", ld_manifest_str(g->release), "host",
			 ld_manifest_str(g->host), "dir", g->dir, "baseline_libc",
			 ld_manifest_str(g->baseline_libc), "shims", shims(archives));
}
