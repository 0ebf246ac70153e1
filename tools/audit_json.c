/* The JSON report (schema "manyguard-audit/1", described in docs/audit.md). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libiberty/libiberty.h>

#include "base/utf8.h"
#include "tools/audit_output.h"

/* S as a JSON string (escaped when it is not UTF-8: base/utf8.h), or
 * null.  Every string of the report goes through here: a name jansson
 * refused would take its whole finding with it. */
static json_t *str_or_null(const char *s)
{
	if (!s)
		return json_null();
	char *escaped = mg_utf8_escape(s);
	json_t *j = json_string(escaped ? escaped : s);
	free(escaped);
	return j;
}

/* The file's embedded manifest, or null when it has none. */
static json_t *manifest_json(const mg_audit_elf *e)
{
	if (e->manifest_error)
		return json_pack("{s:b, s:o}", "valid", 0, "error", str_or_null(e->manifest_error));
	if (!e->manifest_result && !e->manifest_policy && !e->manifest_version)
		return json_null();
	json_t *allowed = json_array();
	char *copy = e->manifest_allowed ? xstrdup(e->manifest_allowed) : NULL;
	for (char *save = NULL, *r = copy ? strtok_r(copy, ",", &save) : NULL; r;
	     r = strtok_r(NULL, ",", &save))
		json_array_append_new(allowed, str_or_null(r));
	free(copy);
	return json_pack("{s:b, s:o, s:o, s:o, s:o}", "valid", 1, "policy",
			 str_or_null(e->manifest_policy), "result", str_or_null(e->manifest_result),
			 "allowed", allowed, "manyguard_version", str_or_null(e->manifest_version));
}

static json_t *package_json(const mg_audit_package *p, bool auto_policy)
{
	json_t *files = json_array();
	size_t with_manifest = 0, corrupted = 0;
	for (size_t i = 0; i < p->n_elf; i++) {
		const mg_audit_elf *e = &p->elf[i];
		json_t *f = json_pack("{s:o, s:s, s:s}", "path", str_or_null(e->path), "type",
				      e->type, "machine", e->machine);
		if (auto_policy && p->kind != MG_AUDIT_PROCESS)
			json_object_set_new(f, "best_policy", str_or_null(e->best_policy));
		json_t *m = manifest_json(e);
		with_manifest += !json_is_null(m);
		corrupted += e->manifest_error != NULL;
		json_object_set_new(f, "manifest", m);
		json_array_append_new(files, f);
	}
	json_t *pkg = json_pack("{s:o, s:s, s:o, s:I, s:I, s:o, s:{s:I, s:I}}", "name",
				str_or_null(p->name), "kind", mg_audit_kind_name(p->kind), "root",
				str_or_null(p->root), "files",
				(json_int_t)p->n_files, "elf_files", (json_int_t)p->n_elf,
				"elf", files, "manifest", "embedded", (json_int_t)with_manifest,
				"corrupted", (json_int_t)corrupted);
	if (auto_policy && p->kind != MG_AUDIT_PROCESS)
		json_object_set_new(pkg, "best_policy", str_or_null(p->best_policy));
	return pkg;
}

static json_t *finding_json(const mg_audit *audit, const mg_audit_finding *f)
{
	json_t *places = json_array();
	for (size_t i = 0; i < f->n_places; i++) {
		const mg_audit_place *p = &f->places[i];
		json_array_append_new(places,
				      json_pack("{s:o, s:o, s:o}", "package",
						str_or_null(mg_audit_package_at(audit, p->package)->name),
						"file", str_or_null(p->file), "role", str_or_null(p->role)));
	}
	json_t *j = json_pack("{s:s, s:s, s:o, s:b, s:o, s:o, s:o}", "rule", mg_rule_get(f->f.rule)->id,
			      "severity", mg_diag_severity_name(f->f.severity), "message",
			      str_or_null(f->f.message),
			      "cross_package", f->cross, "effect", str_or_null(f->f.effect), "fix",
			      str_or_null(f->f.fix), "places", places);
	if (f->f.n_symbols) {
		json_t *syms = json_array();
		for (size_t i = 0; i < f->f.n_symbols; i++)
			json_array_append_new(syms, str_or_null(f->f.symbols[i]));
		json_object_set_new(j, "symbols", syms);
		json_object_set_new(j, "symbols_total", json_integer((json_int_t)f->f.n_symbols_total));
	}
	return j;
}

/* Append V to ARRAY; a value jansson could not build clears *OK (the
 * report fails rather than drop it). */
static void append(json_t *array, json_t *v, bool *ok)
{
	if (!v || json_array_append_new(array, v) != 0)
		*ok = false;
}

int audit_output_json(FILE *out, const mg_audit *audit, const audit_output *o)
{
	bool ok = true;
	bool auto_policy = o->policy && strcmp(o->policy, "auto") == 0;
	json_t *packages = json_array();
	for (size_t i = 0; i < mg_audit_package_count(audit); i++)
		append(packages, package_json(mg_audit_package_at(audit, i), auto_policy), &ok);
	json_t *findings = json_array();
	for (size_t i = 0; i < mg_audit_finding_count(audit); i++)
		append(findings, finding_json(audit, mg_audit_finding_at(audit, i)), &ok);
	json_t *errors = json_array();
	for (size_t i = 0; i < mg_audit_error_count(audit); i++) {
		const mg_audit_input_error *e = mg_audit_error_at(audit, i);
		append(errors, json_pack("{s:o, s:o, s:o}", "input", str_or_null(e->input), "file",
					 str_or_null(e->error.file), "reason",
					 str_or_null(e->error.reason)), &ok);
	}
	json_t *skipped = json_array();
	for (size_t i = 0; i < mg_audit_skipped_count(audit); i++) {
		const mg_audit_input_error *e = mg_audit_skipped_at(audit, i);
		append(skipped, json_pack("{s:o, s:o, s:o}", "input", str_or_null(e->input), "file",
					  str_or_null(e->error.file), "reason",
					  str_or_null(e->error.reason)), &ok);
	}
	json_t *patterns = json_array();
	for (size_t i = 0; i < mg_audit_exclusion_count(audit); i++) {
		const mg_audit_exclusion *s = mg_audit_exclusion_at(audit, i);
		append(patterns, json_pack("{s:s, s:s, s:I}", "pattern", s->pattern, "origin",
					   s->probe ? "probe" : "exclude", "paths",
					   (json_int_t)s->paths), &ok);
	}
	json_t *excluded = json_pack("{s:I, s:o}", "paths", (json_int_t)mg_audit_excluded(audit),
				    "patterns", patterns);
	json_t *summary = json_pack(
		"{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:i, s:o}", "packages",
		(json_int_t)mg_audit_package_count(audit), "files",
		(json_int_t)mg_audit_files_seen(audit), "elf_files",
		(json_int_t)mg_audit_elf_seen(audit), "errors",
		(json_int_t)mg_audit_count_severity(audit, MG_SEV_ERROR), "warnings",
		(json_int_t)mg_audit_count_severity(audit, MG_SEV_WARNING), "notes",
		(json_int_t)mg_audit_count_severity(audit, MG_SEV_NOTE), "unreadable_inputs",
		(json_int_t)mg_audit_error_count(audit), "not_followed",
		(json_int_t)mg_audit_skipped_count(audit), "exit_status",
		mg_audit_exit_status(audit), "excluded", excluded);
	json_t *root = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "schema",
				 "manyguard-audit/1", "policy", str_or_null(o->policy), "summary",
				 summary, "packages", packages, "findings", findings, "input_errors",
				 errors, "not_followed", skipped);
	if (!root || !ok) {
		json_decref(root);
		return -1;
	}
	int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(root);
	return rc == 0 ? 0 : -1;
}
