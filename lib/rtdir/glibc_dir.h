/* The glibc directory: what a link on a newer host needs to make outputs
 * that run on an older glibc (docs/glibc.md).  For the target release (a
 * policy's GLIBC cap, or a real old glibc given with --baseline-libc) it
 * holds a link-time stub of each library that release built, under its
 * SONAME (rtdir/glibc_stubs.h), linker scripts named like the host's
 * (libc.so, libm.so, libpthread.so, ...) so that a plain `-L DIR` link
 * finds them before the host's, the shim archive (libmanyguard_glibc.a)
 * when there is one, glibc.json (what it was made from, for the linker
 * wrapper and people) and SHA256SUMS, written last.
 *
 * When the compiler's own glibc is not newer than the target there is
 * nothing to do: the directory then holds glibc.json (needed: false) and
 * SHA256SUMS only, and no libc.so. */
#ifndef MG_RTDIR_GLIBC_DIR_H
#define MG_RTDIR_GLIBC_DIR_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

/* Bumped whenever what a glibc directory holds for the same inputs
 * changes: caches key directories by it. */
#define MG_GLIBC_DIR_FORMAT "2"

/* Files of the directory. */
#define MG_GLIBC_DIR_INFO "glibc.json"
#define MG_GLIBC_DIR_SCRIPT "libc.so" /* present exactly when the directory is needed */
#define MG_GLIBC_DIR_SHIMS "libmanyguard_glibc.a"

typedef struct mg_glibc_dir_opts {
	const char *cc;            /* C driver: assembles the stubs, names its libc.so.6,
				      libc_nonshared.a and target (-dumpmachine); NULL: "cc" */
	const char *policy;        /* the policy whose GLIBC cap is the target;
				      NULL: MG_DEFAULT_POLICY */
	const char *policy_dir;    /* NULL: the installed policies (and glibc tables) */
	const char *baseline_libc; /* a directory holding an old glibc's libraries
				      (libc.so.6, libpthread.so.0, ...), the target
				      instead of the policy's cap; or NULL */
	const char *arch;          /* NULL: the compiler's */
	const char *shim_dir;      /* the shims, one subdirectory per architecture
				      (rtdir/glibc_shims.h); NULL: the installed ones */
	bool force;                /* stubs even when the compiler's glibc is not newer */
} mg_glibc_dir_opts;

typedef struct mg_glibc_dir_summary {
	char arch[32];
	char release[16];  /* the target glibc ("2.17") */
	char host[16];     /* the compiler's glibc ("2.36") */
	bool needed;       /* stubs and scripts were written */
	size_t libraries;  /* stubs */
	size_t symbols;    /* symbol versions in them */
	bool shims;        /* libmanyguard_glibc.a was written */
} mg_glibc_dir_summary;

/* Write the glibc directory OUT_DIR (replacing an existing one whole; on
 * failure nothing is left).  SUMMARY (may be NULL) receives what it holds. */
int mg_glibc_dir_make(const mg_glibc_dir_opts *opts, const char *out_dir,
		      mg_glibc_dir_summary *summary, mg_error *err);

#endif
