/* What the output depends on: its NEEDED libraries with the input that
 * provided each, the archive members linked in, and the runtime families
 * among them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "base/utf8.h"
#include "ld/ld_manifest_internal.h"
#include "policy/glibc_need.h"
#include "policy/ompinfo.h"
#include "policy/runtime.h"

json_t *ld_manifest_str(const char *s)
{
	if (!s)
		return json_null();
	char *escaped = mg_utf8_escape(s);
	json_t *j = json_string(escaped ? escaped : s);
	free(escaped);
	return j;
}

/* The input that named the linker script SCRIPT ("-lstdc++"). */
static const ld_input *script_input(const ld_line *line, const char *script)
{
	for (size_t i = 0; i < line->n_inputs; i++)
		if (line->inputs[i].type == LD_SCRIPT && line->inputs[i].path &&
		    strcmp(line->inputs[i].path, script) == 0)
			return &line->inputs[i];
	return NULL;
}

/* "linked_by": the words on the link line that brought IN in. */
static void add_origin(json_t *obj, const ld_line *line, const ld_input *in)
{
	if (!in) {
		json_object_set_new(obj, "resolved", json_null());
		json_object_set_new(obj, "linked_by", json_null());
		return;
	}
	json_object_set_new(obj, "resolved", ld_manifest_str(in->path));
	if (in->script) {
		const ld_input *s = script_input(line, in->script);
		json_object_set_new(obj, "linked_by", ld_manifest_str(s ? s->spec : in->script));
		json_object_set_new(obj, "script", ld_manifest_str(in->script));
		json_object_set_new(obj, "script_entry", ld_manifest_str(in->spec));
	} else {
		json_object_set_new(obj, "linked_by", ld_manifest_str(in->spec));
	}
	json_object_set_new(obj, "as_needed", json_boolean(in->as_needed));
}

static json_t *versions_of(const mg_elf_verneeds *vn, const mg_elf_symbols *dynsym,
			   const char *file)
{
	json_t *out = json_array();
	for (size_t i = 0; vn && i < vn->count; i++) {
		if (strcmp(vn->needs[i].file, file) != 0)
			continue;
		for (size_t j = 0; j < vn->needs[i].count; j++) {
			const mg_elf_vernaux *aux = &vn->needs[i].aux[j];
			json_t *syms = json_array();
			for (size_t k = 0; k < aux->n_symbols; k++)
				if (aux->symbols[k] < dynsym->count)
					json_array_append_new(
						syms, ld_manifest_str(dynsym->symbols[aux->symbols[k]].name));
			json_array_append_new(out, json_pack("{s:o, s:b, s:o}", "version", ld_manifest_str(aux->name),
							     "weak", (aux->flags & VER_FLG_WEAK) != 0,
							     "symbols", syms));
		}
	}
	return out;
}

static const ld_kept *kept_for(const ld_provenance *prov, const char *soname,
				  const char *path)
{
	for (size_t i = 0; i < prov->n_kept; i++) {
		const char *lib = prov->kept[i].library;
		if (strcmp(lib, soname) == 0 || (path && strcmp(lbasename(lib), lbasename(path)) == 0))
			return &prov->kept[i];
	}
	return NULL;
}

static json_t *runtime_of(const char *name)
{
	mg_runtime_id id;
	if (mg_runtime_identify(name, &id, NULL) != 1)
		return json_null();
	return json_pack("{s:s, s:s}", "family", mg_runtime_family_name(id.family), "impl",
			 mg_runtime_impl_name(id.impl));
}

json_t *ld_manifest_needed(mg_elf *elf, const ld_line *line, const ld_provenance *prov,
		      json_t **dropped, mg_error *err)
{
	const mg_elf_dynamic *dyn = mg_elf_dynamic_info(elf, err);
	const mg_elf_verneeds *vn = dyn ? mg_elf_verneed_info(elf, err) : NULL;
	const mg_elf_symbols *dynsym = vn ? mg_elf_dynsym(elf, err) : NULL;
	if (!dynsym)
		return NULL;
	char **sonames = ld_line_sonames(line);
	size_t np = line->n_inputs;
	bool *used = xcalloc(np + 1, sizeof *used);
	json_t *needed = json_array();
	for (size_t i = 0; i < dyn->n_needed; i++) {
		const char *name = dyn->needed[i];
		size_t k = ld_line_provider(line, sonames, name);
		const ld_input *in = k == (size_t)-1 ? NULL : &line->inputs[k];
		if (in)
			used[k] = true;
		json_t *e = json_pack("{s:o}", "name", ld_manifest_str(name));
		add_origin(e, line, in);
		const ld_kept *kept = in && in->as_needed ? kept_for(prov, name, in->path) : NULL;
		json_object_set_new(e, "kept_by", kept ? json_pack("{s:o, s:o}", "referenced_by",
								   ld_manifest_str(kept->referenced_by),
								   "symbol", ld_manifest_str(kept->symbol))
						       : json_null());
		json_object_set_new(e, "runtime", runtime_of(name));
		json_object_set_new(e, "versions", versions_of(vn, dynsym, name));
		json_array_append_new(needed, e);
	}
	/* --as-needed inputs nothing referenced: linked, then left out. */
	*dropped = json_array();
	for (size_t k = 0; k < np; k++) {
		if (!sonames[k])
			continue;
		bool seen = used[k];
		for (size_t j = 0; j < k && !seen; j++)
			seen = sonames[j] && strcmp(sonames[j], sonames[k]) == 0;
		if (!seen && line->inputs[k].as_needed) {
			json_t *e = json_pack("{s:o}", "name", ld_manifest_str(sonames[k]));
			add_origin(e, line, &line->inputs[k]);
			json_array_append_new(*dropped, e);
		}
	}
	ld_line_sonames_free(line, sonames);
	free(used);
	return needed;
}

/* ---- archives ---------------------------------------------------------------- */

static bool same_file(const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return true;
	char *ra = realpath(a, NULL), *rb = ra ? realpath(b, NULL) : NULL;
	bool same = rb && strcmp(ra, rb) == 0;
	free(ra);
	free(rb);
	return same;
}

static const ld_input *archive_input(const ld_line *line, const char *path)
{
	for (size_t i = 0; i < line->n_inputs; i++)
		if (line->inputs[i].type == LD_ARCHIVE && line->inputs[i].path &&
		    strcmp(line->inputs[i].path, path) == 0)
			return &line->inputs[i];
	for (size_t i = 0; i < line->n_inputs; i++)
		if (line->inputs[i].type == LD_ARCHIVE && line->inputs[i].path &&
		    same_file(line->inputs[i].path, path))
			return &line->inputs[i];
	return NULL;
}

json_t *ld_manifest_archives(const ld_line *line, const ld_provenance *prov)
{
	json_t *archives = json_array();
	/* Group by archive, in the order of each archive's first member. */
	for (size_t i = 0; i < prov->n_pulls; i++) {
		const char *path = prov->pulls[i].archive;
		bool done = false;
		for (size_t j = 0; j < i && !done; j++)
			done = strcmp(prov->pulls[j].archive, path) == 0;
		if (done)
			continue;
		json_t *members = json_array();
		bool whole = false;
		for (size_t j = i; j < prov->n_pulls; j++) {
			const ld_pull *m = &prov->pulls[j];
			if (strcmp(m->archive, path) != 0)
				continue;
			whole |= m->whole_archive;
			json_array_append_new(members,
					      json_pack("{s:o, s:o, s:o}", "member", ld_manifest_str(m->member),
							"referenced_by", ld_manifest_str(m->referenced_by),
							"symbol", ld_manifest_str(m->symbol)));
		}
		const ld_input *in = archive_input(line, path);
		json_t *a = json_pack("{s:o}", "path", ld_manifest_str(path));
		add_origin(a, line, in);
		json_object_del(a, "as_needed");
		json_object_set_new(a, "nonshared",
				    json_boolean(strcmp(lbasename(path), "libstdc++_nonshared.a") == 0));
		json_object_set_new(a, "whole_archive", json_boolean(whole || (in && in->whole_archive)));
		json_object_set_new(a, "members", members);
		json_array_append_new(archives, a);
	}
	return archives;
}

/* ---- runtime families --------------------------------------------------------- */

/* Where an OpenMP runtime linked from PATH came from: the directory of
 * `manyguard openmp` it lies in (its openmp.json), or null: the
 * compiler's own runtime (or one of unknown origin). */
static json_t *openmp_built(const char *path)
{
	if (!path)
		return json_null();
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	mg_ompinfo info;
	mg_error err;
	json_t *built = json_null();
	if (slash && mg_ompinfo_read(dir, &info, &err) == 1) {
		built = json_pack("{s:s, s:s, s:s, s:s, s:s}", "by", "manyguard openmp", "dir",
				  info.dir, "source", info.source, "policy", info.policy,
				  "glibc_max", info.glibc_max);
		mg_ompinfo_free(&info);
	}
	free(dir);
	return built;
}

/* The compiler's own OpenMP runtime (or one of unknown origin) at PATH,
 * as the link bound to it: the highest GLIBC version it needs and whether
 * POLICY's cap admits it, into R ("glibc_max" and "fits_policy", null when
 * it cannot be read: a linker script, no policy).  A wheel that carries a
 * runtime above the cap is refused for the policy. */
static void openmp_need(json_t *r, const char *path, const mg_policy *policy)
{
	mg_glibc_need need;
	mg_error err;
	bool known = path && policy && mg_glibc_need_read(path, policy, &need, &err) == 0;
	json_object_set_new(r, "glibc_max",
			    known && need.max[0] ? json_string(need.max) : json_null());
	json_object_set_new(r, "fits_policy", known ? json_boolean(need.within) : json_null());
}

json_t *ld_manifest_runtimes(const json_t *needed, const json_t *archives,
			     const mg_policy *policy)
{
	json_t *out = json_array();
	const json_t *nonshared = NULL;
	size_t i;
	json_t *a, *e;
	json_array_foreach(archives, i, a)
		if (json_is_true(json_object_get(a, "nonshared")))
			nonshared = a;
	bool cxx_seen = false;
	json_array_foreach(needed, i, e) {
		json_t *rt = json_object_get(e, "runtime");
		if (!json_is_object(rt))
			continue;
		const char *family = json_string_value(json_object_get(rt, "family"));
		if (strcmp(family, "vendored") == 0)
			continue;
		json_t *r = json_pack("{s:O, s:O, s:O, s:O, s:O, s:s}", "family",
				      json_object_get(rt, "family"), "impl", json_object_get(rt, "impl"),
				      "library", json_object_get(e, "name"),
				      "resolved", json_object_get(e, "resolved"), "linked_by",
				      json_object_get(e, "linked_by"), "how", "dynamic");
		if (strcmp(family, "openmp") == 0) {
			const char *resolved = json_string_value(json_object_get(e, "resolved"));
			json_t *built = openmp_built(resolved);
			if (json_is_null(built))
				openmp_need(r, resolved, policy);
			json_object_set_new(r, "built", built);
		}
		if (strcmp(family, "libstdc++") == 0 && nonshared && !cxx_seen) {
			json_object_set_new(r, "how", json_string("dynamic+nonshared"));
			cxx_seen = true;
		}
		json_array_append_new(out, r);
	}
	if (nonshared && !cxx_seen)
		json_array_append_new(out, json_pack("{s:s, s:s, s:n, s:n, s:n, s:s}", "family",
						     "libstdc++", "impl", "libstdc++", "library",
						     "resolved", "linked_by", "how", "nonshared"));
	if (nonshared) {
		/* The family's entry: what was linked privately from the archive. */
		json_t *r = NULL;
		json_array_foreach(out, i, e)
			if (strcmp(json_string_value(json_object_get(e, "family")), "libstdc++") == 0) {
				r = e;
				break;
			}
		json_t *syms = json_array();
		json_array_foreach(json_object_get(nonshared, "members"), i, e) {
			json_t *s = json_object_get(e, "symbol");
			if (json_is_string(s))
				json_array_append(syms, s);
		}
		json_object_set(r, "nonshared_archive", json_object_get(nonshared, "path"));
		json_object_set_new(r, "nonshared_members",
				    json_integer((json_int_t)json_array_size(
					    json_object_get(nonshared, "members"))));
		json_object_set_new(r, "private_symbols", syms);
	}
	return out;
}
