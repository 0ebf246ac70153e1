/* What the compiler plugin recorded in each input object
 * (.manyguard.objnotes, lib/elf/objnotes.h), and which objects have no notes:
 * compiled without the plugin (another compiler, a prebuilt object), so
 * nothing is known about their flags and newer-symbol uses. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libiberty/hashtab.h>
#include <libiberty/libiberty.h>

#include "elf/archive.h"
#include "ld/ld_manifest_internal.h"
#include "ld/ld_glibc.h"
#include "elf/objnotes.h"

static json_t *int_or_null(int v)
{
	return v < 0 ? json_null() : json_integer(v);
}

static json_t *unit_json(const mg_objnotes_unit *u)
{
	json_t *uses = json_array();
	for (size_t i = 0; i < u->n_uses; i++) {
		const mg_objnotes_use *x = &u->uses[i];
		json_array_append_new(uses, json_pack("{s:o, s:o, s:o, s:o, s:I, s:I}", "symbol",
						      ld_manifest_str(x->symbol), "version",
						      ld_manifest_str(x->version), "status",
						      ld_manifest_str(x->status), "file",
						      ld_manifest_str(x->file), "line",
						      (json_int_t)x->line, "column",
						      (json_int_t)x->column));
	}
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			 "producer", ld_manifest_str(u->producer), "compiler", ld_manifest_str(u->compiler),
			 "language", ld_manifest_str(u->language), "std", ld_manifest_str(u->std),
			 "pic", int_or_null(u->pic), "pie", int_or_null(u->pie), "openmp",
			 int_or_null(u->openmp), "openmp_version", ld_manifest_str(u->openmp_version),
			 "cxx11_abi", ld_manifest_str(u->cxx11_abi), "exceptions",
			 int_or_null(u->exceptions), "rtti", int_or_null(u->rtti), "baseline",
			 ld_manifest_str(u->baseline), "newer_symbol_uses", uses);
}

/* The compiler's start files (crt1.o, crti.o, crtbeginS.o, ...) come from
 * the toolchain's directories; they never carry notes. */
static bool toolchain_object(const char *path)
{
	static const char *const dirs[] = {"/usr/lib/", "/usr/lib64/", "/lib/", "/lib64/",
					   "/usr/local/lib/", "/opt/"};
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
		if (strncmp(path, dirs[i], strlen(dirs[i])) == 0)
			return true;
	return false;
}

/* The "notes" value of ELF (an array of units, or null), or NULL with
 * *ERROR set when the object or its notes cannot be read. */
static json_t *notes_json(mg_elf *elf, const mg_error *open_err, char **error)
{
	mg_objnotes *notes = NULL;
	mg_error err = *open_err;
	*error = NULL;
	if (!elf || mg_objnotes_read(elf, &notes, &err) < 0) {
		*error = xstrdup(err.reason);
		return NULL;
	}
	if (!notes)
		return json_null();
	json_t *units = json_array();
	for (size_t u = 0; u < notes->count; u++)
		json_array_append_new(units, unit_json(&notes->units[u]));
	mg_objnotes_free(notes);
	return units;
}

/* Set O's "notes" (NOTES, or null with "notes_error") and list NAME in
 * WITHOUT when it has none. */
static void add_notes(json_t *o, json_t *notes, const char *error, const char *name,
		      bool toolchain, json_t *without)
{
	/* The linker read the object, so an error is about the notes. */
	json_object_set(o, "notes", notes ? notes : json_null());
	if (!notes)
		json_object_set_new(o, "notes_error", ld_manifest_str(error));
	if ((!notes || json_is_null(notes)) && !toolchain)
		json_array_append_new(without, ld_manifest_str(name));
}

/* OBJS->by_path holds entries of this shape: a link of thousands of
 * objects looks each up several times. */
typedef struct obj_entry {
	const char *path; /* OBJS->path[INDEX] */
	size_t index;
} obj_entry;

static hashval_t hash_entry(const void *p)
{
	return htab_hash_string(((const obj_entry *)p)->path);
}

static int eq_entry(const void *a, const void *b)
{
	return strcmp(((const obj_entry *)a)->path, ((const obj_entry *)b)->path) == 0;
}

size_t ld_manifest_obj_record(ld_manifest_objs *objs, const char *path)
{
	if (!objs->by_path)
		objs->by_path = htab_create_alloc(64, hash_entry, eq_entry, free, xcalloc, free);
	obj_entry key = {.path = path};
	void **slot = htab_find_slot(objs->by_path, &key, INSERT);
	if (*slot)
		return ((const obj_entry *)*slot)->index;
	mg_elf *elf = NULL;
	mg_error err = {0};
	if (mg_elf_open(path, &elf, &err) < 0)
		elf = NULL;
	size_t i = objs->n++;
	MG_GROW(objs->path, objs->n, objs->cap_path);
	MG_GROW(objs->notes, objs->n, objs->cap_notes);
	MG_GROW(objs->error, objs->n, objs->cap_error);
	MG_GROW(objs->undefs, objs->n, objs->cap_undefs);
	objs->path[i] = xstrdup(path);
	objs->notes[i] = notes_json(elf, &err, &objs->error[i]);
	objs->undefs[i] = (ld_manifest_undefs){0};
	if (elf)
		ld_manifest_undefs_read(elf, objs, &objs->undefs[i]);
	mg_elf_close(elf);
	obj_entry *e = xmalloc(sizeof *e);
	*e = (obj_entry){.path = objs->path[i], .index = i};
	*slot = e;
	return i;
}

void ld_manifest_objs_free(ld_manifest_objs *objs)
{
	for (size_t i = 0; i < objs->n; i++) {
		free(objs->path[i]);
		json_decref(objs->notes[i]);
		free(objs->error[i]);
		ld_manifest_undefs_free(&objs->undefs[i]);
	}
	free(objs->path);
	free(objs->notes);
	free(objs->error);
	free(objs->undefs);
	if (objs->by_path)
		htab_delete(objs->by_path);
	if (objs->names)
		htab_delete(objs->names);
	memset(objs, 0, sizeof *objs);
}

/* An object of the glibc directory GLIBC_DIR (its pthread_dep.o, which
 * its libpthread.so script names) is manyguard's: like the toolchain's. */
static bool glibc_dir_object(const char *path, const char *glibc_dir)
{
	if (!glibc_dir)
		return false;
	size_t n = strlen(glibc_dir);
	while (n > 1 && glibc_dir[n - 1] == '/')
		n--;
	return strncmp(path, glibc_dir, n) == 0 && path[n] == '/' && !strchr(path + n + 1, '/');
}

static void add_object(json_t *objects, json_t *without, ld_manifest_objs *objs, const char *path,
		       const char *glibc_dir)
{
	bool toolchain = toolchain_object(path) || glibc_dir_object(path, glibc_dir);
	size_t i = ld_manifest_obj_record(objs, path);
	json_t *o = json_pack("{s:o, s:b}", "path", ld_manifest_str(path), "toolchain", toolchain);
	add_notes(o, objs->notes[i], objs->error[i], path, toolchain, without);
	json_array_append_new(objects, o);
}

/* The members the link pulled out of the user's archives carry notes too
 * (a project's static helper library compiled with the plugin).  The
 * split runtime's members are libstdc++'s own, the glibc shims manyguard's:
 * like the toolchain's. */
static void add_members(json_t *objects, json_t *without, const ld_provenance *prov)
{
	mg_archive *ar = NULL;
	const char *open_path = NULL;
	for (size_t i = 0; i < prov->n_pulls; i++) {
		const ld_pull *pull = &prov->pulls[i];
		bool toolchain = toolchain_object(pull->archive) ||
				 strcmp(lbasename(pull->archive), "libstdc++_nonshared.a") == 0 ||
				 strcmp(lbasename(pull->archive), LD_GLIBC_SHIMS) == 0;
		if (!open_path || strcmp(open_path, pull->archive) != 0) {
			mg_archive_close(ar);
			ar = mg_archive_open(pull->archive, NULL);
			open_path = pull->archive;
		}
		const mg_archive_member *m = NULL;
		for (size_t k = 0; ar && k < mg_archive_member_count(ar) && !m; k++)
			if (strcmp(mg_archive_member_at(ar, k)->name, pull->member) == 0)
				m = mg_archive_member_at(ar, k);
		char *name = concat(pull->archive, "(", pull->member, ")", NULL);
		json_t *o = json_pack("{s:o, s:o, s:o, s:b}", "path", ld_manifest_str(name), "archive",
				      ld_manifest_str(pull->archive), "member",
				      ld_manifest_str(pull->member), "toolchain", toolchain);
		mg_elf *elf = NULL;
		mg_error err = {0};
		if (!m)
			mg_error_set(&err, name, "the member cannot be read from the archive");
		else if (mg_elf_open_memory(m->data, m->size, name, &elf, &err) < 0)
			elf = NULL;
		char *error = NULL;
		json_t *notes = notes_json(elf, &err, &error);
		add_notes(o, notes, error, name, toolchain, without);
		json_decref(notes);
		free(error);
		mg_elf_close(elf);
		free(name);
		json_array_append_new(objects, o);
	}
	mg_archive_close(ar);
}

json_t *ld_manifest_objects(const ld_line *line, const ld_provenance *prov, ld_manifest_objs *objs,
		       const char *glibc_dir, json_t **without)
{
	json_t *objects = json_array();
	*without = json_array();
	for (size_t i = 0; i < line->n_inputs; i++)
		if (line->inputs[i].type == LD_OBJECT)
			add_object(objects, *without, objs, line->inputs[i].path, glibc_dir);
	add_members(objects, *without, prov);
	return objects;
}

