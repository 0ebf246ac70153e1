/* The per-user cache of the compiler wrapper: runtime directories (one per
 * compiler runtime, policy and baseline), created on first use under a
 * file lock, and the compiler's answers to -print-file-name. */
#ifndef MG_WRAPPERS_CC_CACHE_H
#define MG_WRAPPERS_CC_CACHE_H

#include <stdbool.h>

#include "cc/cc_find.h"
#include "base/error.h"

typedef struct cc_runtime_request {
	const cc_compiler *compiler;
	const char *policy;          /* policy name (or alias) */
	const char *policy_dir;      /* NULL: the installed policies */
	const char *baseline;        /* MANYGUARD_BASELINE_LIBSTDCXX, or NULL */
	const char *baseline_gcc_s;  /* MANYGUARD_BASELINE_LIBGCC_S, or NULL */
	/* MANYGUARD_ALLOW_HAZARD: newer symbols provided despite their hazard */
	const char *const *allow_hazard;
	size_t n_allow_hazard;
	/* A compile, for GCC's plugin, which reads newer-symbols.txt alone:
	 * a directory that exists is used without its SHA256SUMS checked
	 * (hashing the nonshared archive cost a compile ~25 ms); links check. */
	bool unchecked;
} cc_runtime_request;

/* What the glibc directory (rtdir/glibc_dir.h) of a link depends on. */
typedef struct cc_glibc_request {
	const cc_compiler *compiler;
	const char *policy;          /* policy name (or alias): its GLIBC cap */
	const char *policy_dir;      /* NULL: the installed policies and glibc tables */
	const char *baseline_libc;   /* MANYGUARD_BASELINE_LIBC, or NULL */
	const char *shim_dir;        /* MANYGUARD_SHIM_DIR, or NULL: the installed shims */
} cc_glibc_request;

/* The first line COMPILER prints for QUERY ("-dumpversion"), asked once
 * per compiler identity (path, size, modification time) and kept in the
 * cache.  Returns it (malloc'd) or NULL. */
char *cc_cache_compiler_answer(const cc_compiler *cc, const char *query, mg_error *err);

/* The runtime directory for REQ, created if missing (once, however many
 * links ask at the same time), and made again when it does not match its
 * SHA256SUMS: then DAMAGE names the file that did not and says how (its
 * reason is empty otherwise).  Returns its path (malloc'd) or NULL. */
char *cc_cache_runtime_dir(const cc_runtime_request *req, mg_error *damage, mg_error *err);

/* The OpenMP runtime for -fopenmp links of GCC compiler CC for POLICY
 * (docs/openmp.md): MANYGUARD_OPENMP_DIR when set, else the cache's,
 * made by `manyguard openmp`; either is checked (SHA256SUMS, the policy's
 * GLIBC cap) and an error when it does not pass.  Returns its directory
 * (malloc'd), or NULL with ERR's reason empty when there is none (the link
 * binds to the compiler's libgomp), or NULL with ERR set. */
char *cc_cache_openmp_dir(const cc_compiler *cc, const char *policy, const char *policy_dir,
			  mg_error *err);

/* The glibc directory for REQ, made like the runtime directory (once, under
 * a lock; made again when it does not match its SHA256SUMS, DAMAGE then
 * saying why).  Returns its path (malloc'd), or NULL with ERR set -- or
 * with ERR's reason empty when there is no glibc directory for the
 * compiler (its target is not glibc, or no ABI table covers its
 * architecture).  *NEEDED tells whether the link needs it (the compiler's
 * glibc is newer than the target: the directory then has libc.so). */
char *cc_cache_glibc_dir(const cc_glibc_request *req, bool *needed, mg_error *damage,
			 mg_error *err);

#endif
