/* The linker wrapper's judgement: inputs that must never be linked
 * (static libstdc++ and OpenMP archives), refused before the real linker
 * runs (ld_refuse.c), and the output, verified after it (ld_verify.c)
 * with the rules of lib/rules and what the link line tells about where
 * libraries come from (ld_supplier.c).  Findings go into a report. */
#ifndef LD_VERIFY_H
#define LD_VERIFY_H

#include "base/error.h"
#include "elf/elf.h"
#include "ld/ld_line.h"
#include "ld/ld_manifest_map.h"
#include "ld/ld_report.h"
#include "policy/baseline.h"
#include "policy/policy.h"
#include "rules/rules.h"

/* Before linking: libstdc++.a [static-libstdcxx] and libgomp.a, libomp.a,
 * libiomp5.a (hash-renamed too) [static-openmp], however they are named:
 * a path, -l in static state, -l:file, an entry of a linker script.  A
 * static -l of one of those runtimes counts even when the archive does
 * not exist (the link would fail anyway, or find it on another machine). */
void ld_refuse_inputs(const ld_line *line, ld_report *rep);

typedef struct ld_verify_opts {
	const mg_policy *policy;
	const char *runtime_dir; /* MANYGUARD_RUNTIME_DIR, or NULL */
	/* MANYGUARD_BASELINE_LIBSTDCXX's caps for libstdc++ and libgcc_s,
	 * or NULL: the policy's caps for everything. */
	const mg_baseline *baseline;
	/* The split of the runtime directory (its report.json), or NULL: what
	 * it left out of libstdc++, and whether its baseline has the C++11 ABI. */
	const struct mg_split *split;
	/* glibc's facts: its ABI table and the glibc baseline the link used
	 * (MANYGUARD_GLIBC_DIR), or NULL. */
	const mg_rules_glibc *glibc;
	/* The glibc side of the link (ld/ld_glibc.h: MANYGUARD_GLIBC_DIR and
	 * what it says), or NULL. */
	const struct ld_glibc *glibc_link;
	/* What the linker said it did: the archive members it pulled (NULL:
	 * it was not asked, or did not say), and what GCC's LTO plugin
	 * resolved (NULL: no LTO object was claimed). */
	const ld_provenance *prov;
	const ld_lto *lto;
} ld_verify_opts;

/* After linking: the output LINE->output, opened as OUTPUT (the caller
 * opens it once for the checks and the manifest), against OPTS.  Returns 0
 * when the output was judged (findings are in REP), -1 with ERR set when it
 * cannot be read: an unverifiable output must not stay. */
int ld_verify(const ld_line *line, mg_elf *output, const ld_verify_opts *opts,
		 ld_report *rep, mg_error *err);

/* Who supplies a library the output needs, as the link line tells: the
 * input that provided it is vendored next to the output (or in an
 * $ORIGIN directory of its RPATH/RUNPATH) or lies outside the system's
 * directories (the project built it).  ARG is an ld_supplier. */
typedef struct ld_supplier {
	const ld_line *line;
	const mg_elf_dynamic *dyn;
	char *out_dir;      /* the output's directory, resolved */
	char **sonames;     /* the inputs' SONAMEs, read at the first question */
} ld_supplier;

void ld_supplier_init(ld_supplier *s, const ld_line *line, const mg_elf_dynamic *dyn);
bool ld_supplier_supplies(void *arg, const char *lib, char **where);
void ld_supplier_free(ld_supplier *s);

#endif
