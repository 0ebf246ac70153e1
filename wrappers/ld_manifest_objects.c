/* What the compiler plugin recorded in each input object
 * (.manyguard.objnotes, lib/objnotes.h), and which objects have no notes:
 * compiled without the plugin (another compiler, a prebuilt object), so
 * nothing is known about their flags and newer-symbol uses. */
#include "config.h"

#include <string.h>

#include "ld_manifest_internal.h"
#include "objnotes.h"

static json_t *int_or_null(int v)
{
	return v < 0 ? json_null() : json_integer(v);
}

static json_t *unit_json(const mg_objnotes_unit *u)
{
	json_t *uses = json_array();
	for (size_t i = 0; i < u->n_uses; i++) {
		const mg_objnote_use *x = &u->uses[i];
		json_array_append_new(uses, json_pack("{s:s, s:s, s:s, s:s, s:I, s:I}", "symbol",
						      x->symbol, "version", x->version, "status",
						      x->status, "file", x->file, "line",
						      (json_int_t)x->line, "column",
						      (json_int_t)x->column));
	}
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			 "producer", mg_ldm_str(u->producer), "compiler", mg_ldm_str(u->compiler),
			 "language", mg_ldm_str(u->language), "std", mg_ldm_str(u->std),
			 "pic", int_or_null(u->pic), "pie", int_or_null(u->pie), "openmp",
			 int_or_null(u->openmp), "openmp_version", mg_ldm_str(u->openmp_version),
			 "cxx11_abi", mg_ldm_str(u->cxx11_abi), "exceptions",
			 int_or_null(u->exceptions), "rtti", int_or_null(u->rtti), "baseline",
			 mg_ldm_str(u->baseline), "newer_symbol_uses", uses);
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

json_t *mg_ldm_objects(const mg_ld_line *line, json_t **without)
{
	json_t *objects = json_array();
	*without = json_array();
	for (size_t i = 0; i < line->n_inputs; i++) {
		const mg_ld_input *in = &line->inputs[i];
		if (in->type != MG_LD_OBJECT)
			continue;
		bool toolchain = toolchain_object(in->path);
		mg_elf *elf = NULL;
		mg_objnotes *notes = NULL;
		mg_error err;
		json_t *o = json_pack("{s:s, s:b}", "path", in->path, "toolchain", toolchain);
		if (mg_elf_open(in->path, &elf, &err) < 0 || mg_objnotes_read(elf, &notes, &err) < 0) {
			/* The linker read it, so the notes are what is broken. */
			json_object_set_new(o, "notes", json_null());
			json_object_set_new(o, "notes_error", json_string(err.reason));
		} else if (notes) {
			json_t *units = json_array();
			for (size_t u = 0; u < notes->count; u++)
				json_array_append_new(units, unit_json(&notes->units[u]));
			json_object_set_new(o, "notes", units);
		} else {
			json_object_set_new(o, "notes", json_null());
		}
		if (!notes && !toolchain)
			json_array_append_new(*without, json_string(in->path));
		mg_objnotes_free(notes);
		mg_elf_close(elf);
		json_array_append_new(objects, o);
	}
	return objects;
}
