/* The linker wrapper's side of the manifest (lib/manifest/manifest.h,
 * docs/manifest.md): before the link, ask the real linker for provenance
 * (-Map for GNU ld and gold, --why-extract for lld); after a verified link,
 * collect the facts, embed them in the output and, with
 * MANYGUARD_MANIFEST_DIR, write them next to the others.
 * MANYGUARD_MANIFEST=0 turns all of it off (bench/manifest compares),
 * except the provenance of a link of LLVM bitcode, which the nonshared
 * check needs. */
#ifndef LD_MANIFEST_H
#define LD_MANIFEST_H

#include <stdbool.h>

#include "ld/ld_verify.h"
#include "ld/ld_line.h"
#include "ld/ld_manifest_map.h"

typedef enum ld_prov_kind {
	LD_PROV_NONE,
	LD_PROV_MAP,       /* the user's own -Map (GNU ld, gold) */
	LD_PROV_TRACE,     /* our -t (-t): standard output to a file */
	LD_PROV_WHY,       /* lld --why-extract */
} ld_prov_kind;

typedef struct ld_manifest {
	bool enabled;         /* a manifest is written (else provenance only) */
	bool lld;
	ld_prov_kind kind;
	bool redirected;      /* standard output is the trace file ... */
	int saved_stdout;     /* ... and this the real one */
	char *prov_path;      /* the file the linker writes provenance to */
	bool prov_ours;       /* a temporary file of ours: removed at the end */
	int prov_slot;        /* its slot in base/cleanup.h's table, or -1 */
	const char *prov_none; /* why there is no provenance, or NULL */
	char *temp_dir;       /* the real linker's TMPDIR while it traces (the LTO
				 plugins' temporary objects, named in the trace) */
	char *user_tmpdir;    /* TMPDIR as the wrapper found it, or NULL */
	int temp_slot;        /* TEMP_DIR's slot in base/cleanup.h's table */
	bool prov_read;       /* PROV holds what the linker reported */
	ld_provenance prov;
	char **argv;          /* the linker's words plus ours, or NULL */
	size_t n_added;       /* ours, at the end of ARGV (owned) */
	const char *flavour;  /* "ld", "ld.bfd", "ld.gold", "ld.lld" */
	struct ld_manifest_objs *objs;     /* the objects' notes, read ... */
	struct ld_manifest_reader *reader; /* ... by this thread during the link */
} ld_manifest;

/* Before the link: decide whether LINE gets a manifest and, if so, start
 * reading its objects' notes on a second thread; add the provenance
 * option for a manifest or for LLVM bitcode inputs.  Returns the argument vector to run the real linker
 * with: ARGV itself, or a new one M owns.  XARGV is ARGV with response files
 * expanded (to see the user's own -Map). */
char **ld_manifest_prepare(ld_manifest *m, const char *flavour, const char *real,
			      const ld_line *line, char **argv, char *const *xargv);

/* Right after the real linker ran (successfully or not): wait for the
 * notes reader, give back the standard output and forward what the linker
 * printed on it, the trace lines taken out; read what it reported. */
void ld_manifest_linked(ld_manifest *m);

/* What the linker said it pulled from archives (its trace, --why-extract
 * or the user's map), once the link ran; NULL when it was not asked. */
const ld_provenance *ld_manifest_provenance(const ld_manifest *m);

/* After a link that passed verification: build the manifest of
 * LINE->output, embed it and write the JSON copy.  A failure is a warning
 * in REP: the output itself is good. */
void ld_manifest_finish(ld_manifest *m, const ld_line *line, mg_elf *output,
			   const ld_verify_opts *opts, ld_report *rep);

/* Remove the temporary provenance file; free M's memory. */
void ld_manifest_free(ld_manifest *m);

#endif
