/* Provenance from the real linker's own words: which archive members it
 * pulled in and the reference that pulled each, and (GNU ld) which
 * --as-needed library a reference kept.  lld says it in its --why-extract
 * file (reference, extracted, symbol: tab-separated), GNU ld and gold at
 * the top of a -Map file ("Archive member included to satisfy reference by
 * file (symbol)" / "... because of file (symbol)", "As-needed library
 * included ...") -- but a map costs GNU ld a quarter and gold several
 * times its link time on large links, so the wrapper asks them for their
 * trace instead (`-t -t` / `-t`: every member as it is loaded, on standard
 * output) and reads a map only when the user asked for one anyway; the
 * reference behind each traced member is then found in the symbol tables
 * (ld_manifest_why.c).  Lines that fit no pattern are skipped: the
 * linker's output is trusted for what it says, never for its shape. */
#ifndef LD_MANIFEST_MAP_H
#define LD_MANIFEST_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct ld_pull {
	char *archive;       /* as the linker names it: "./libab.a" */
	char *member;        /* "a.o" */
	char *referenced_by; /* "m.o", "x.a(y.o)"; NULL for --whole-archive */
	char *symbol;        /* demangled as GNU ld and lld print it; NULL for
				--whole-archive */
	bool whole_archive;
} ld_pull;

typedef struct ld_kept {
	char *library;       /* "libm.so.6" */
	char *referenced_by;
	char *symbol;        /* "fesetround@@GLIBC_2.2.5" */
} ld_kept;

typedef struct ld_provenance {
	size_t n_pulls, cap_pulls;
	ld_pull *pulls;   /* in the linker's order */
	size_t n_kept, cap_kept;
	ld_kept *kept;    /* GNU ld only */
} ld_provenance;

/* What GCC's LTO plugin resolved for one object it claimed (an object of
 * GIMPLE, whose symbol table holds none of its symbols). */
typedef struct ld_lto_object {
	char *path;          /* as the plugin names it: "/tmp/ccX.o", "lib.a@0x1c4" */
	size_t n_defs, cap_defs;
	char **defs;         /* definitions that prevailed (PREVAILING_DEF*) */
	size_t n_refs, cap_refs;
	char **refs;         /* references resolved outside the LTO objects
				(RESOLVED_EXEC, RESOLVED_DYN, UNDEF) */
} ld_lto_object;

typedef struct ld_lto {
	size_t n, cap;
	ld_lto_object *objects;
} ld_lto;

/* Read the plugin's resolution file (-plugin-opt=-fresolution=FILE, which
 * the plugin writes during the link for lto-wrapper) from IN: "COUNT",
 * then per object "PATH NSYMS" and NSYMS lines "ID HASH RESOLUTION NAME".
 * Adds to OUT. */
void ld_manifest_map_resolution(FILE *in, ld_lto *out);

/* The object PATH of LTO (compared as files), or NULL. */
const ld_lto_object *ld_manifest_map_lto_object(const ld_lto *lto, const char *path);

void ld_manifest_map_lto_free(ld_lto *lto);

/* Read a GNU ld or gold map from IN, stopping at the memory map (the bulk
 * of the file, which the manifest does not need).  Adds to OUT. */
void ld_manifest_map_read(FILE *in, ld_provenance *out);

/* Read an lld --why-extract file from IN.  Adds to OUT. */
void ld_manifest_map_why_extract(FILE *in, ld_provenance *out);

/* Read GNU ld's (`(archive)member`) or gold's (`archive(member)`) trace
 * from IN: the members, without the reference.  Every other line (the
 * files that are not members, and whatever else the linker printed on
 * standard output) is copied to FORWARD unless it names an existing file
 * or a file in TEMP_DIR (the linker's private TMPDIR, where the LTO
 * plugins' objects were; may be NULL). */
void ld_manifest_map_trace(FILE *in, FILE *forward, const char *temp_dir, ld_provenance *out);

/* A symbol the way GNU ld and lld print it: demangled (malloc'd). */
char *ld_manifest_map_symbol_name(const char *name);

/* Free what OUT holds and empty it. */
void ld_manifest_map_free(ld_provenance *out);

#endif
