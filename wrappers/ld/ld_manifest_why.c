/* Why a traced archive member was linked: GNU ld's and gold's trace name
 * the members but not the reference that pulled each in, so it is found
 * the way the linker found it: the member defines a symbol (the archive's
 * symbol index says which) that an object loaded before it left undefined.
 * Candidates are the link line's objects in order, then the members pulled
 * before the one explained (an LTO object of GCC's references what its
 * plugin's resolution says, its symbol table holding none); the first candidate with an undefined
 * reference to one of the member's symbols is the reference (its first
 * such symbol in symbol-table order).
 * Passes: collect every unexplained member's symbols into one table; then
 * go through the candidates' undefined names, in order, and stop as soon
 * as every member is explained.  The link line's objects' names were
 * taken when they were recorded (during the link, ld_manifest_reader.c):
 * only the undefined ones are kept, a few dozen of the tens of thousands
 * of symbols of an object of a large C++ link. */
#include "config.h"

#include <gelf.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/hashtab.h>
#include <libiberty/libiberty.h>

#include "elf/archive.h"
#include "elf/elf.h"
#include "ld/ld_manifest_internal.h"

typedef struct archives {
	size_t count, cap_paths, cap_ars;
	char **paths;
	mg_archive **ars;                 /* NULL when unreadable */
} archives;

static mg_archive *archive_of(archives *a, const char *path)
{
	for (size_t i = 0; i < a->count; i++)
		if (strcmp(a->paths[i], path) == 0)
			return a->ars[i];
	MG_GROW(a->paths, a->count + 1, a->cap_paths);
	MG_GROW(a->ars, a->count + 1, a->cap_ars);
	a->paths[a->count] = xstrdup(path);
	a->ars[a->count] = mg_archive_open(path, NULL);
	return a->ars[a->count++];
}

static size_t member_index(const mg_archive *ar, const char *name)
{
	for (size_t i = 0; i < mg_archive_member_count(ar); i++)
		if (strcmp(lbasename(mg_archive_member_at(ar, i)->name), name) == 0)
			return i;
	return (size_t)-1;
}

/* A symbol some unexplained member defines, and which members. */
typedef struct def {
	const char *name;            /* owned by the archive's mg_archive */
	size_t n, cap;
	size_t *pulls;
} def;

static hashval_t hash_def(const void *p)
{
	return htab_hash_string(((const def *)p)->name);
}

static int eq_def(const void *a, const void *b)
{
	return strcmp(((const def *)a)->name, ((const def *)b)->name) == 0;
}

static void free_def(void *p)
{
	free(((def *)p)->pulls);
	free(p);
}

static void add_def(htab_t defs, const char *name, size_t pull)
{
	def key = {.name = name};
	void **slot = htab_find_slot(defs, &key, INSERT);
	def *d = *slot;
	if (!d) {
		d = xcalloc(1, sizeof *d);
		d->name = name;
		*slot = d;
	}
	MG_GROW(d->pulls, d->n + 1, d->cap);
	d->pulls[d->n++] = pull;
}

static bool whole_archive(const ld_line *line, const char *path)
{
	for (size_t i = 0; i < line->n_inputs; i++)
		if (line->inputs[i].type == LD_ARCHIVE && line->inputs[i].whole_archive &&
		    line->inputs[i].path && strcmp(line->inputs[i].path, path) == 0)
			return true;
	return false;
}

static const char *intern(ld_manifest_objs *objs, const char *name)
{
	if (!objs->names)
		objs->names = htab_create_alloc(256, htab_hash_string, htab_eq_string, free,
						xcalloc, free);
	void **slot = htab_find_slot(objs->names, name, INSERT);
	if (!*slot)
		*slot = xstrdup(name);
	return *slot;
}

void ld_manifest_undefs_read(mg_elf *elf, ld_manifest_objs *objs, ld_manifest_undefs *out)
{
	*out = (ld_manifest_undefs){0};
	size_t index = mg_elf_find_type(elf, SHT_SYMTAB);
	const mg_elf_section *symtab = index ? mg_elf_section_at(elf, index) : NULL;
	Elf *e = mg_elf_libelf(elf);
	Elf_Scn *scn = symtab ? elf_getscn(e, symtab->index) : NULL;
	Elf_Data *data = scn ? elf_getdata(scn, NULL) : NULL;
	if (!data || !symtab->entsize)
		return;
	size_t count = data->d_size / symtab->entsize, cap = 0;
	/* Local symbols come first; sh_info is the first non-local one (about
	 * half of an object's symbols are local).  A bad value reads them all. */
	size_t first = symtab->info > 0 && symtab->info < count ? symtab->info : 1;
	for (size_t i = first; i < count; i++) {
		GElf_Sym sym;
		if (!gelf_getsym(data, (int)i, &sym) || sym.st_shndx != SHN_UNDEF ||
		    GELF_ST_BIND(sym.st_info) == STB_LOCAL || !sym.st_name)
			continue;
		const char *name = elf_strptr(e, symtab->link, sym.st_name);
		if (!name || !*name)
			continue;
		MG_GROW(out->names, out->n + 1, cap);
		out->names[out->n++] = intern(objs, name);
	}
}

void ld_manifest_undefs_free(ld_manifest_undefs *u)
{
	free(u->names);
	*u = (ld_manifest_undefs){0};
}

/* A candidate's undefined names explain the members after it (ORDER: the
 * candidate's place; a member's place is N_OBJECTS + its index). */
static size_t explain_from(const ld_manifest_undefs *u, const char *name, size_t order,
			   size_t n_objects, htab_t defs, ld_provenance *prov)
{
	size_t explained = 0;
	for (size_t i = 0; i < u->n; i++) {
		def key = {.name = u->names[i]};
		const def *d = htab_find(defs, &key);
		for (size_t j = 0; d && j < d->n; j++) {
			ld_pull *p = &prov->pulls[d->pulls[j]];
			if (p->referenced_by || order >= n_objects + d->pulls[j])
				continue;
			p->referenced_by = xstrdup(name);
			p->symbol = ld_manifest_map_symbol_name(u->names[i]);
			explained++;
		}
	}
	return explained;
}

/* An LTO object's references as GCC's LTO plugin resolved them (its
 * symbol table names none), or NULL for another object. */
static bool lto_undefs(const ld_lto *lto, const char *path, ld_manifest_objs *objs,
		       ld_manifest_undefs *out)
{
	const ld_lto_object *ir = lto ? ld_manifest_map_lto_object(lto, path) : NULL;
	if (!ir)
		return false;
	*out = (ld_manifest_undefs){.n = ir->n_refs, .names = XNEWVEC(const char *, ir->n_refs + 1)};
	for (size_t i = 0; i < ir->n_refs; i++)
		out->names[i] = intern(objs, ir->refs[i]);
	return true;
}

void ld_manifest_explain(const ld_line *line, ld_provenance *prov, ld_manifest_objs *objs,
			 const ld_lto *lto)
{
	archives a = {0};
	htab_t defs = htab_create_alloc(256, hash_def, eq_def, free_def, xcalloc, free);
	size_t pending = 0;

	/* Collection pass. */
	for (size_t p = 0; p < prov->n_pulls; p++) {
		ld_pull *pull = &prov->pulls[p];
		if (!pull->referenced_by && !pull->whole_archive &&
		    whole_archive(line, pull->archive))
			pull->whole_archive = true;
		if (pull->referenced_by || pull->whole_archive)
			continue;
		mg_archive *ar = archive_of(&a, pull->archive);
		size_t m = ar ? member_index(ar, pull->member) : (size_t)-1;
		bool any = false;
		for (size_t s = 0; m != (size_t)-1 && s < mg_archive_symbol_count(ar); s++)
			if (mg_archive_symbol_at(ar, s)->member == m) {
				add_def(defs, mg_archive_symbol_at(ar, s)->name, p);
				any = true;
			}
		pending += any;
	}

	/* Candidate pass: the link line's objects, then the members. */
	size_t order = 0, n_objects = 0;
	for (size_t i = 0; i < line->n_inputs; i++)
		n_objects += line->inputs[i].type == LD_OBJECT;
	for (size_t i = 0; i < line->n_inputs && pending; i++) {
		const ld_input *in = &line->inputs[i];
		if (in->type != LD_OBJECT)
			continue;
		ld_manifest_undefs ir;
		bool is_ir = lto_undefs(lto, in->path, objs, &ir);
		const ld_manifest_undefs *u =
			is_ir ? &ir : &objs->undefs[ld_manifest_obj_record(objs, in->path)];
		size_t done = explain_from(u, in->spec, order, n_objects, defs, prov);
		pending -= done < pending ? done : pending;
		order++;
		if (is_ir)
			ld_manifest_undefs_free(&ir);
	}
	for (size_t q = 0; q < prov->n_pulls && pending; q++, order++) {
		const ld_pull *pull = &prov->pulls[q];
		mg_archive *ar = archive_of(&a, pull->archive);
		size_t m = ar ? member_index(ar, pull->member) : (size_t)-1;
		if (m == (size_t)-1)
			continue;
		const mg_archive_member *mem = mg_archive_member_at(ar, m);
		char *name = concat(pull->archive, "(", pull->member, ")", NULL);
		mg_elf *elf = NULL;
		if (mg_elf_open_memory(mem->data, mem->size, name, &elf, NULL) == 0) {
			ld_manifest_undefs u;
			ld_manifest_undefs_read(elf, objs, &u);
			size_t done = explain_from(&u, name, order, n_objects, defs, prov);
			pending -= done < pending ? done : pending;
			ld_manifest_undefs_free(&u);
			mg_elf_close(elf);
		}
		free(name);
	}

	htab_delete(defs);
	for (size_t i = 0; i < a.count; i++) {
		free(a.paths[i]);
		mg_archive_close(a.ars[i]);
	}
	free(a.paths);
	free(a.ars);
}
