/* `manyguard nonshared` as a library call, for the command and for the
 * compiler wrappers (which create the directory on first use). */
#ifndef MG_RUNTIME_DIR_H
#define MG_RUNTIME_DIR_H

#include <stddef.h>

#include "base/error.h"
#include "rtdir/nonshared.h"

/* Bumped whenever what a runtime directory holds for the same inputs
 * changes (the split's rules, its files): caches key directories by it. */
#define MG_RUNTIME_DIR_FORMAT "4"

/* DIR/cxxflags: the flags every C++ compile for this baseline needs, one
 * line (empty when none).  A baseline without the C++11 ABI of GCC 5
 * (GLIBCXX_3.4.21) gets -D_GLIBCXX_USE_CXX11_ABI=0 (docs/nonshared.md,
 * "The dual ABI"; the rule is policy/cxxabi.h's, which the compiler
 * wrapper applies to compiles without this directory). */
#define MG_RUNTIME_DIR_CXXFLAGS "cxxflags"

typedef struct mg_runtime_dir_opts {
	const char *cxx;        /* C++ driver asked for defaults and used to
				   assemble stubs; NULL: "g++" */
	const char *archive;    /* its libstdc++.a; NULL: asked from CXX */
	const char *runtime;    /* its libstdc++.so.6; NULL: asked from CXX */
	const char *libgcc_s;   /* its libgcc_s.so.1; NULL: asked from CXX */
	const char *baseline;   /* a real old libstdc++.so.6, or NULL */
	const char *baseline_gcc_s; /* a real old libgcc_s.so.1, or NULL */
	const char *policy;     /* without BASELINE: policy name; NULL: MG_DEFAULT_POLICY */
	const char *policy_dir; /* NULL: the installed policies */
	const char *const *allow; /* N symbols whose hazards are accepted */
	size_t n_allow;
} mg_runtime_dir_opts;

typedef struct mg_runtime_dir_summary {
	size_t newer;           /* symbols newer than the baseline */
	size_t by_status[MG_NONSHARED_STATUS_COUNT];
	size_t members;         /* members in the nonshared archive */
	size_t hazards;         /* forked-state findings */
} mg_runtime_dir_summary;

/* Write the runtime directory OUT_DIR (replacing an existing one whole; on
 * failure nothing is left), its SHA256SUMS written last
 * (base/dirdigest.h).  SUMMARY (may be NULL) receives the counts. */
int mg_runtime_dir_make(const mg_runtime_dir_opts *opts, const char *out_dir,
			mg_runtime_dir_summary *summary, mg_error *err);

#endif
