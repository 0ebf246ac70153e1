/* Link-time stub libraries.
 *
 * A stub is a shared object that carries exactly the dynamic symbols and
 * symbol versions of a baseline library (an old libstdc++.so.6, libgcc_s.so.1,
 * glibc) and no code: linking against it binds every reference to a version
 * the baseline has, and a reference to anything newer fails at link time
 * instead of at import time on a user's machine.
 *
 * This module turns a description of the baseline into the two texts the
 * toolchain needs to build the stub (GNU assembler source with .symver
 * directives and a linker version script); running the assembler and linker
 * is the caller's job.  Only x86_64 and aarch64 spell their directives the way
 * this module writes them (both use '@' type markers and .zero/.byte). */
#ifndef MG_STUB_H
#define MG_STUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

/* A version definition of the baseline, in the order of its .gnu.version_d
 * (that order becomes the stub's).  The BASE entry (the SONAME) is not
 * listed.  Strings are borrowed from the caller for the stub's lifetime. */
typedef struct mg_stub_version {
	const char *name;
	const char *parent; /* NULL, or the first parent name readelf shows */
	bool weak;          /* VER_FLG_WEAK */
} mg_stub_version;

/* A defined dynamic symbol of the baseline.  TYPE and BIND are ELF
 * STT_/STB_ values; SIZE matters for data (copy relocations use it).
 * Data symbols with the same nonzero PLACE share their storage in the
 * stub, as aliases do in the library (glibc's weak environ and global
 * __environ): an executable's copy relocation of the weak one then also
 * carries the global one, which the library's own code uses; with two
 * places the library would never see the copy. */
typedef struct mg_stub_symbol {
	const char *name;
	const char *version; /* NULL for an unversioned definition */
	bool hidden;         /* name@VERSION (not the default name@@VERSION) */
	unsigned char type;
	unsigned char bind;
	uint64_t size;
	uint64_t place;      /* 0: a place of its own (st_value in a real library) */
} mg_stub_symbol;

typedef struct mg_stub mg_stub;

/* An empty stub with SONAME; NULL only when memory runs out. */
mg_stub *mg_stub_new(const char *soname);
void mg_stub_free(mg_stub *stub);

/* Add a version (in verdef order) or a symbol.  Return 0, or -1 with ERR
 * set: a symbol naming an undeclared version, a duplicate name@version. */
int mg_stub_add_version(mg_stub *stub, const mg_stub_version *v, mg_error *err);
int mg_stub_add_symbol(mg_stub *stub, const mg_stub_symbol *s, mg_error *err);

/* Keep only what passes KEEP (a version name -> keep?) and make, for every
 * symbol name whose default version was dropped, the highest remaining
 * version its default: on the old library that version was the default.
 * ORDER compares two version names (negative, 0, positive).  Returns the
 * number of symbols dropped. */
size_t mg_stub_filter_versions(mg_stub *stub,
			       bool (*keep)(const char *version, void *ctx),
			       int (*order)(const char *a, const char *b),
			       void *ctx);

size_t mg_stub_symbol_count(const mg_stub *stub);
/* Symbol I (in the order added, after filtering); owned by STUB. */
const mg_stub_symbol *mg_stub_symbol_at(const mg_stub *stub, size_t i);
/* Whether STUB defines NAME in any version. */
bool mg_stub_defines(const mg_stub *stub, const char *name);
size_t mg_stub_version_count(const mg_stub *stub);
const char *mg_stub_soname(const mg_stub *stub);

/* The assembler source and the version script, as malloc'd NUL-terminated
 * strings the caller frees.  Deterministic: the same stub, the same text. */
char *mg_stub_assembly(const mg_stub *stub);
char *mg_stub_version_script(const mg_stub *stub);

/* ---- from a real library, and to a real stub ------------------------- */

struct mg_elf;

/* The stub description of the shared library ELF: its SONAME, its version
 * definitions and every defined global, weak or unique dynamic symbol.
 * Fails (NULL, ERR set) for a file without SONAME or a corrupted one. */
mg_stub *mg_stub_from_elf(struct mg_elf *elf, mg_error *err);

struct mg_caps;

/* Keep only the versions CAPS allows (within a cap, or of a prefix CAPS does
 * not mention), with the default-version promotion described at
 * mg_stub_filter_versions.  Returns the number of symbols dropped. */
size_t mg_stub_apply_caps(mg_stub *stub, const struct mg_caps *caps);

/* Assemble and link STUB into the shared object OUT_PATH with the C
 * compiler driver CC (e.g. "cc", "gcc-12"), using WORKDIR for the
 * intermediate files.  OUT_PATH is written in place: callers that need
 * atomicity give a path inside a staging directory. */
int mg_stub_build(const mg_stub *stub, const char *cc, const char *workdir,
		  const char *out_path, mg_error *err);

/* The whole job: stub the library at LIB (capped by CAPS unless NULL) into
 * DIR/SONAME, creating DIR if needed.  DIR/SONAME appears whole or not at
 * all; on failure nothing is left in DIR.  *SONAME (if not NULL) receives
 * the stub's file name, malloc'd. */
int mg_stub_make(const char *lib, const struct mg_caps *caps, const char *cc,
		 const char *dir, char **soname, mg_error *err);

#endif
