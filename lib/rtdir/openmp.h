/* The baseline-fit OpenMP runtime (`manyguard openmp`, docs/openmp.md): GNU
 * libgomp built from source against the target glibc, so that what a link
 * binds to, and what a wheel later carries, needs nothing above the
 * policy's GLIBC cap.  Its directory holds:
 *   libgomp-manyguard.so.1  the runtime (SONAME libgomp-manyguard.so.1: a
 *                           name no system library has, so the loader never
 *                           confuses it with a machine's libgomp.so.1)
 *   libgomp.so              linker script: -lgomp (what -fopenmp adds) binds to it
 *   openmp.json             what it is and where it came from (MG_OPENMP_INFO)
 *   COPYING3, COPYING.RUNTIME  GCC's licences (GPL 3 with the runtime
 *                           library exception), from the source tree
 *   SHA256SUMS              written last, checked on use (base/dirdigest.h) */
#ifndef MG_RTDIR_OPENMP_H
#define MG_RTDIR_OPENMP_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "policy/ompinfo.h"

/* Bumped whenever what the directory holds for the same inputs changes:
 * caches key directories by it. */
#define MG_OPENMP_FORMAT "1"
#define MG_OPENMP_SONAME MG_OMPINFO_SONAME
#define MG_OPENMP_INFO MG_OMPINFO_FILE
/* The file in a source tree (scripts/fetch-openmp-source) naming it. */
#define MG_OPENMP_SOURCE_FILE "SOURCE"

typedef struct mg_openmp_opts {
	const char *cc;            /* C compiler that builds it; NULL: "gcc" */
	const char *source;        /* the tree scripts/fetch-openmp-source made */
	/* The target glibc at link time, at most one of (neither: this
	 * machine's when it is not newer than the target, as in a manylinux
	 * image, and otherwise the stubs of the policy's glibc, made for the
	 * build: GLIBC_AUTO; or this machine's in any case: the cap is checked
	 * on the result either way): */
	const char *glibc_dir;     /* a directory where -lc, -lpthread, -ldl,
				      -lrt, -lm find the target glibc (the
				      glibc stubs of `manyguard glibc`) */
	const char *baseline_libc; /* a real old glibc's library directory
				      (libc.so.6, libpthread.so.0, ...) */
	bool glibc_auto;           /* neither given: stubs when this machine's
				      glibc is newer than the policy's */
	const char *shim_dir;      /* for those stubs (rtdir/glibc_dir.h);
				      NULL: the installed shims */
	const char *policy;        /* NULL: MG_DEFAULT_POLICY */
	const char *policy_dir;    /* NULL: the installed policies */
	unsigned jobs;             /* make -j; 0: the number of processors */
} mg_openmp_opts;

typedef struct mg_openmp_summary {
	char glibc_max[64];        /* the highest GLIBC version it needs */
	long long size;            /* bytes of libgomp-manyguard.so.1 */
	double seconds;            /* wall-clock time of configure and make */
} mg_openmp_summary;

/* Build the runtime into OUT_DIR (replacing an existing one whole; on
 * failure nothing is left), refusing a result that needs a GLIBC version
 * above the policy's cap.  SUMMARY may be NULL. */
int mg_openmp_make(const mg_openmp_opts *opts, const char *out_dir,
		   mg_openmp_summary *summary, mg_error *err);

/* ---- the cache (the wrappers' and `manyguard openmp`'s) ------------------- */

/* Check DIR as a runtime to link with for POLICY (NULL: MG_DEFAULT_POLICY;
 * POLICY_DIR NULL: the installed policies): it matches its SHA256SUMS and
 * needs no GLIBC version above the policy's cap.  Fills INFO (free with
 * mg_ompinfo_free); -1 with ERR naming the file and the problem. */
int mg_openmp_check(const char *dir, const char *policy, const char *policy_dir,
		    mg_ompinfo *info, mg_error *err);

/* ROOT/openmp/POLICY-gccMAJOR-KEY: where the cache keeps GCC GCC_MAJOR's
 * ("12") runtime for POLICY (KEY: its name and its file's text), whether or
 * not it exists yet (malloc'd), or NULL with ERR. */
char *mg_openmp_cache_path(const char *root, const char *gcc_major, const char *policy,
			   const char *policy_dir, mg_error *err);

/* ROOT/sources/openmp-gccMAJOR: where `manyguard openmp --fetch` puts the
 * source tree for GCC GCC_MAJOR and where the wrappers look for one to
 * build the runtime from on first use (malloc'd). */
char *mg_openmp_source_path(const char *root, const char *gcc_major);

/* Make DIR with OPTS under flock on "DIR.lock", unless it exists and
 * matches its SHA256SUMS once the lock is held (another process made it
 * meanwhile).  *MADE says whether this call built it (may be NULL). */
int mg_openmp_cache_make(const mg_openmp_opts *opts, const char *dir, bool *made,
			 mg_openmp_summary *summary, mg_error *err);

/* ---- the shared runtime's wheel ------------------------------------------- */

/* Write OUT_DIR/manyguard_openmp-VERSION-py3-none-TAGS.whl from the runtime
 * directory RT_DIR (checked first, as mg_openmp_check does for the policy
 * it was built for; its tags are that policy's name and aliases), holding
 * manyguard_openmp/lib/libgomp-manyguard.so.1, manyguard_openmp/__init__.py
 * (importing it loads the runtime) and GCC's licences.  *WHEEL gets its
 * path (malloc'd). */
int mg_openmp_wheel(const char *rt_dir, const char *policy_dir, const char *out_dir,
		    char **wheel, mg_error *err);

#endif
