/* The per-user cache of the compiler wrapper: runtime directories (one per
 * compiler runtime, policy and baseline), glibc directories and OpenMP
 * runtimes, created on first use under a file lock, and the compiler's
 * answers to -print-file-name. */
#ifndef MG_WRAPPERS_CC_CACHE_H
#define MG_WRAPPERS_CC_CACHE_H

#include <stdbool.h>

#include "cc/cc_find.h"
#include "base/error.h"
#include "policy/glibc_need.h"

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

/* The OpenMP runtime of an -fopenmp link (docs/openmp.md), as far as the
 * cache knows it. */
typedef struct cc_openmp {
	char *dir;          /* the runtime's directory, checked; NULL: none */
	/* With no directory: the cache's directory for the policy and the
	 * source tree it can be built from (MANYGUARD_OPENMP_SOURCE, or
	 * where `manyguard openmp --fetch` puts it), when there is one
	 * (cc_cache_openmp_build makes it); and the C driver that builds it
	 * (also what the command that fixes it passes as --cc, or NULL when
	 * it is the `gcc` on PATH). */
	char *cache_dir;
	char *source;
	char *c_driver;
	char *fix_cc;
	/* With no directory: the compiler's libgomp.so.1, which the link
	 * binds to instead, and what it needs of GLIBC (NEED_ERROR's reason
	 * set when that could not be read). */
	char *compiler_lib;
	mg_glibc_need need;
	mg_error need_error;
	bool built;         /* cc_cache_openmp_build made it (not another link) */
	double seconds;
} cc_openmp;

/* The OpenMP runtime for -fopenmp links of compiler CC for POLICY:
 * MANYGUARD_OPENMP_DIR when set, else the cache's, made by `manyguard
 * openmp` or by an earlier link; either is checked (SHA256SUMS, the
 * policy's GLIBC cap) and an error when it does not pass.  GCC only (for
 * clang OUT stays empty).  0 with OUT filled (free with cc_openmp_free), or
 * -1 with ERR set. */
int cc_cache_openmp(const cc_compiler *cc, const char *policy, const char *policy_dir,
		    cc_openmp *out, mg_error *err);

/* Build OUT->source into OUT->cache_dir (once, under a lock: parallel
 * links wait for the one that builds it), against the policy's glibc, and
 * check it: OUT->dir is then set.  0, or -1 with ERR set. */
int cc_cache_openmp_build(const char *policy, const char *policy_dir, cc_openmp *out,
			  mg_error *err);

void cc_openmp_free(cc_openmp *o);

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
