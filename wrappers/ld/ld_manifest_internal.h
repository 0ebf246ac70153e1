/* The parts of the manifest the linker wrapper builds, one per file. */
#ifndef LD_MANIFEST_INTERNAL_H
#define LD_MANIFEST_INTERNAL_H

#include <jansson.h>

#include "base/grow.h"
#include "elf/elf.h"
#include "base/error.h"
#include "ld/ld_line.h"
#include "ld/ld_manifest_map.h"
#include "policy/policy.h"

/* "needed": every DT_NEEDED of ELF with the input that provided it, why it
 * was linked, --as-needed, the reference that kept it (GNU ld) and the
 * versions required from it with the symbols needing each.  *DROPPED gets
 * the --as-needed inputs the linker left out.  NULL with ERR on a corrupted
 * output. */
json_t *ld_manifest_needed(mg_elf *elf, const ld_line *line, const ld_provenance *prov,
		      json_t **dropped, mg_error *err);

/* The names an object leaves undefined (non-local, non-empty), in
 * symbol-table order: what the provenance pass matches against the
 * symbols of the members pulled from archives.  The strings belong to a
 * table of names (a libiberty hashtab of strings it frees) shared by all
 * objects: the objects of one link mostly reference the same functions. */
typedef struct ld_manifest_undefs {
	size_t n;
	const char **names;
} ld_manifest_undefs;

struct ld_manifest_objs;
/* Read ELF's undefined names into OUT (empty when it has no symbol table),
 * their strings kept in OBJS->names (ld_manifest_why.c). */
void ld_manifest_undefs_read(mg_elf *elf, struct ld_manifest_objs *objs, ld_manifest_undefs *out);
void ld_manifest_undefs_free(ld_manifest_undefs *u);

/* What the passes learnt of the link line's objects: an object of a large
 * C++ link holds tens of thousands of sections, so each is opened once and
 * only what the passes need is kept (the models themselves would be
 * hundreds of megabytes): its notes and its undefined names. */
typedef struct ld_manifest_objs {
	size_t n, cap_path, cap_notes, cap_error, cap_undefs;
	char **path;
	json_t **notes; /* array of units, json null (no notes) or NULL (error) */
	char **error;   /* why NOTES is NULL */
	ld_manifest_undefs *undefs;
	struct htab *names;   /* the strings of UNDEFS */
	struct htab *by_path; /* index of PATH (libiberty hashtab) */
} ld_manifest_objs;

/* The index of PATH's record in OBJS, made the first time (an unreadable
 * object gets NULL notes with the error, and no undefined names). */
size_t ld_manifest_obj_record(ld_manifest_objs *objs, const char *path);
void ld_manifest_objs_free(ld_manifest_objs *objs);

/* While the linker runs: a second thread records LINE's objects in OBJS
 * through ld_manifest_obj_record
 * (ld_manifest_reader.c).  Returns NULL when no thread could be started;
 * the passes after the link read the objects then, as they do any the
 * reader has not. */
typedef struct ld_manifest_reader ld_manifest_reader;
ld_manifest_reader *ld_manifest_reader_start(const ld_line *line, ld_manifest_objs *objs);
/* Wait for R (NULL: nothing to wait for) and free it. */
void ld_manifest_reader_wait(ld_manifest_reader *r);

/* Fill in the reference behind each member of PROV that has none (a
 * traced member) from the symbol tables, and mark the members of
 * --whole-archive archives (ld_manifest_why.c).  LTO: what GCC's LTO
 * plugin resolved (NULL: nothing). */
void ld_manifest_explain(const ld_line *line, ld_provenance *prov, ld_manifest_objs *objs,
			 const ld_lto *lto);

/* "archives": the members the linker pulled in, grouped by archive, each
 * with the reference that pulled it; the nonshared archive called out. */
json_t *ld_manifest_archives(const ld_line *line, const ld_provenance *prov);

/* "runtimes": the runtime families among NEEDED and ARCHIVES; an OpenMP
 * runtime not built by `manyguard openmp` judged by POLICY's GLIBC cap
 * (POLICY may be NULL). */
json_t *ld_manifest_runtimes(const json_t *needed, const json_t *archives,
			     const mg_policy *policy);

/* "objects": each input object, then each archive member the link pulled
 * in ("lib.a(m.o)"), with its plugin notes (or null); *WITHOUT gets the
 * names of the project's objects that had none (toolchain start files, the
 * split runtime's members, the glibc shims and the objects of GLIBC_DIR,
 * the glibc directory or NULL, are not counted). */
json_t *ld_manifest_objects(const ld_line *line, const ld_provenance *prov,
		       ld_manifest_objs *objs, const char *glibc_dir, json_t **without);

/* A string, or null for NULL. */
json_t *ld_manifest_str(const char *s);

/* "cxx": the objects' C++ ABI (from OBJECTS, the "objects" value), the
 * baseline's, and the hazard-allowed and forwarded newer symbols linked
 * (from ARCHIVES' nonshared members and the objects' uses), judged by the
 * runtime directory's SPLIT (NULL: no runtime directory). */
struct mg_split;
json_t *ld_manifest_cxx(const json_t *objects, const json_t *archives,
			const struct mg_split *split);

/* "glibc": the glibc baseline G used (NULL, or without the baseline in
 * force: null) and the members of its shim archive in ARCHIVES (the
 * "archives" value). */
struct ld_glibc;
json_t *ld_manifest_glibc(const json_t *archives, const struct ld_glibc *g);

/* Replace the driver's randomly named temporary objects (/tmp/ccAbc123.o)
 * everywhere in DOC by "<compiler temporary N>": same build, same manifest. */
void ld_manifest_stable_temporaries(json_t *doc, const ld_line *line);

#endif
