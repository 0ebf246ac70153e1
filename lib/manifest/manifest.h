/* The runtime-dependency manifest: what a linked output needs at run time
 * and how it was judged, recorded by the linker wrapper for later audits
 * (docs/manifest.md has the schema, docs/manifest.schema.json the JSON
 * Schema).
 *
 * The model is the JSON document itself (jansson): the wrapper builds it,
 * readers validate it (mg_manifest_validate) and take the few facts they
 * need (mg_manifest_summary).
 *
 * Storage: a non-allocated ELF section MG_MANIFEST_SECTION holding a
 * 32-byte header and the zstd-compressed compact JSON:
 *
 *   offset  size  field (integers little-endian, whatever the ELF's order)
 *   0       8     magic "MGMANIF\0"
 *   8       4     format version (MG_MANIFEST_FORMAT)
 *   12      4     header size (32; a reader skips what it does not know)
 *   16      8     compressed size (bytes after the header)
 *   24      8     JSON size (decompressed)
 *
 * Optionally also a pretty-printed <dir>/<output-name>.manyguard.json.
 * Everything is deterministic: the same document gives the same bytes. */
#ifndef MG_MANIFEST_H
#define MG_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "elf/elf.h"
#include "base/error.h"

#define MG_MANIFEST_SECTION ".manyguard.manifest"
#define MG_MANIFEST_SCHEMA "manyguard-manifest/1"
#define MG_MANIFEST_FORMAT 1
#define MG_MANIFEST_MAGIC "MGMANIF" /* plus its NUL: 8 bytes */
#define MG_MANIFEST_HEADER_SIZE 32
/* A manifest whose JSON is above MAX_JSON bytes, or (above RATIO_FLOOR
 * bytes) more than MAX_RATIO times its compressed size, is refused before
 * anything is allocated, by the reader and the writer alike.  A link of
 * 3,000 objects gives 580 KB of JSON compressed 66 times (docs/manifest.md,
 * "Limits"); 16 MiB is room for about 85,000 objects. */
#define MG_MANIFEST_MAX_JSON (16u << 20)
#define MG_MANIFEST_MAX_RATIO 1000u
#define MG_MANIFEST_RATIO_FLOOR (1u << 20)

/* ---- section contents ----------------------------------------------------- */

/* Encode DOC (compact JSON, keys in insertion order) into section contents:
 * *OUT (malloc'd, caller frees) of *SIZE bytes. */
int mg_manifest_encode(const json_t *doc, void **out, size_t *size, mg_error *err);

/* Decode section contents (DATA, SIZE bytes) read from NAME: the header is
 * checked (magic, format, sizes), the zstd frame decompressed and the JSON
 * parsed and validated.  On success *OUT is a new reference the caller
 * releases with json_decref; on failure -1 with ERR naming NAME and the
 * problem ("wrong magic", "truncated", "bad zstd frame", "invalid JSON at
 * line 1, column 7: ..."). */
int mg_manifest_decode(const void *data, size_t size, const char *name, json_t **out,
		       mg_error *err);

/* The structural checks of the schema readers rely on: an object with
 * "schema": MG_MANIFEST_SCHEMA, "output" and "verdict" objects, "needed" an
 * array of objects with a "name" string. */
int mg_manifest_validate(const json_t *doc, const char *name, mg_error *err);

/* ---- ELF files ------------------------------------------------------------ */

/* The manifest embedded in ELF: 0 with *OUT NULL when there is none, 0 with
 * *OUT set (caller releases) when there is one, -1 with ERR set when the
 * section is there but bad. */
int mg_manifest_read(mg_elf *elf, json_t **out, mg_error *err);

/* Same for the file PATH (which must be ELF). */
int mg_manifest_read_file(const char *path, json_t **out, mg_error *err);

/* Add (or replace) the section MG_MANIFEST_SECTION holding DATA (SIZE
 * bytes) to the ELF file PATH: the section, a new section name table and
 * section header table are appended at its end (nothing already in the
 * file moves, so segments and build-id stay), then one write of the ELF
 * header commits them.  A reader sees the file without or with the
 * manifest, never half of it; on failure the file is as it was. */
int mg_manifest_embed(const char *path, const void *data, size_t size, mg_error *err);

/* ---- JSON files ----------------------------------------------------------- */

/* DOC pretty-printed (2-space indent, a final newline): *TEXT malloc'd. */
int mg_manifest_dump(const json_t *doc, char **text, size_t *len, mg_error *err);

/* Write DOC to DIR/<basename of OUTPUT>.manyguard.json atomically (a
 * temporary file in DIR, then rename), creating DIR when missing: many
 * links writing into one DIR at once (make -j) are safe. */
int mg_manifest_write_json(const char *dir, const char *output, const json_t *doc,
			   mg_error *err);

/* ---- reading it back ------------------------------------------------------ */

/* The facts most readers want, pointing into the document (valid while it
 * is referenced); absent fields are NULL / 0. */
typedef struct mg_manifest_summary {
	const char *manyguard_version;
	const char *policy;
	const char *result;       /* "pass" or "pass-with-allowed" */
	size_t n_needed;
	size_t n_allowed;
	const char *allowed[16];  /* rules downgraded by MANYGUARD_ALLOW */
	size_t n_findings;        /* warnings recorded in the verdict */
	size_t n_nonshared_members;
	const char *openmp;       /* runtime implementation, e.g. "gnu-openmp" */
	const char *openmp_library;  /* its NEEDED name ("libgomp-manyguard.so.1") */
	const char *openmp_resolved; /* the file linked at link time */
	/* from `manyguard openmp` (docs/openmp.md): its source and policy;
	 * NULL: the compiler's own runtime */
	const char *openmp_source;
	const char *openmp_policy;
	const char *openmp_glibc_max;
	/* the compiler's own runtime: whether the policy's GLIBC cap admits
	 * what it needs (openmp_glibc_max), 1 or 0; -1: not recorded */
	int openmp_fits;
	const char *blas;
	const char *cxx_abi;      /* the objects' C++ ABI: "old", "new", "mixed"; NULL */
	int baseline_cxx11_abi;   /* 1, 0, or -1: not recorded */
	size_t n_hazards;         /* newer symbols linked despite a hazard */
	const char *hazards[8];   /* ... their demangled names */
	const char *hazard_classes[8];
	size_t n_forwarded;       /* newer symbols from manyguard's forwarders */
} mg_manifest_summary;

void mg_manifest_summarize(const json_t *doc, mg_manifest_summary *out);

#endif
