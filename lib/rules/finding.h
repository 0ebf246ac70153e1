/* A finding: one rule broken by one file (or one command line), with the
 * facts that say what and where.  Every check of lib/rules returns
 * findings of this one type, and so do the compiler wrapper's flag checks
 * and the audit's checks across packages; the programs only turn them into
 * text (each in its own words: a GCC-style diagnostic, an audit line, a
 * `show` line) and keep that text in MESSAGE, EFFECT and FIX.
 *
 * Ownership: a finding owns every string and array in it; mg_finding_free
 * frees them.  A list (mg_findings) owns its findings. */
#ifndef MG_RULES_FINDING_H
#define MG_RULES_FINDING_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "policy/runtime.h"

/* symbol-version: a version required above the caps. */
typedef struct mg_finding_version {
	char *version;             /* "GLIBCXX_3.4.30" */
	char *library;             /* the file it is required from: "libstdc++.so.6" */
	bool forbidden;            /* never allowed (GLIBC_PRIVATE, ...) */
	const char *forbidden_why; /* static; NULL: a private interface */
	char *cap;                 /* the cap it exceeds; "" when its prefix has none */
	char *baseline;            /* the baseline file whose caps judged it; NULL:
				      the policy's */
	bool cxx_runtime;          /* required from libstdc++ or libgcc_s */
	/* A name the runtime does not define at the caps at all (mg_rules_undefined,
	 * mg_rules_explain_undefined): VERSION is the one it has where it exists (or
	 * NULL), LIBRARY the runtime, CAP the baseline in words, the name in
	 * SYMBOLS; REASON why it is absent, HAZARD its hazard class (or NULL),
	 * WAYS_OUT what the user can do. */
	bool absent;
	bool unlinked;             /* from the linker's messages: the link failed */
	char *reason, *hazard, *ways_out;
	/* Judged by glibc's facts (its ABI table): RELEASE is the glibc release
	 * that judged ("2.17").  An absent name: VERSION is where glibc has it
	 * first, in LIBRARY, from release FIRST.  WRONG_LIBRARY: the names in
	 * SYMBOLS are required at VERSION (within the cap) from LIBRARY, which
	 * at RELEASE does not define them there; DEFINED_IN is the file that
	 * does (NULL: none at that version). */
	bool glibc;
	bool in_force;             /* the link ran with the glibc baseline */
	bool older_only;           /* absent: RELEASE has the name, at older
				      versions than VERSION only */
	bool unnamed;              /* absent: RELEASE has the name at VERSION in
				      LIBRARY, a library of its own that the link
				      does not name; libc has it from FIRST */
	bool wrong_library;
	char *release, *first, *defined_in;
} mg_finding_version;

/* external-lib: a library the policy does not promise. */
typedef struct mg_finding_library {
	char *library;             /* "libopenblas.so.0" */
	char *where;               /* where it comes from, in the words of whoever
				      knows (the link line, the package); NULL */
} mg_finding_library;

/* static-libstdcxx, static-openmp, static-runtime-copy: a runtime linked
 * in statically (a copy in a file, or an archive on a link line). */
typedef struct mg_finding_runtime {
	mg_runtime_impl impl;
	mg_runtime_family family;
	char *archive;             /* the archive on the link line; NULL for a copy
				      (whose evidence is in SYMBOLS) */
} mg_finding_runtime;

/* mixed-openmp: where each OpenMP runtime comes into the process. */
typedef struct mg_openmp_use {
	mg_runtime_impl impl;
	char *file;                /* the file that brings it in */
	char *library;             /* the library needed or shipped; NULL for a
				      static copy */
	bool shipped;              /* FILE is that runtime */
	size_t tag;                /* the caller's (the audit's package index) */
} mg_openmp_use;

typedef struct mg_finding_openmp {
	int families;              /* OpenMP families that meet (>= 2) */
	bool two_kmp;              /* two LLVM/Intel runtimes among them */
	char *list;                /* "GNU (libgomp), LLVM (libomp)" */
	size_t n_uses;
	mg_openmp_use *uses;       /* in the order they were given */
} mg_finding_openmp;

/* relocatability: an RPATH/RUNPATH or NEEDED entry that does not travel. */
typedef enum mg_path_problem {
	MG_PATH_OUTSIDE,           /* $ORIGIN/... leads outside the package */
	MG_PATH_ABSOLUTE,          /* an absolute path of the build machine */
	MG_PATH_RELATIVE,          /* relative to the current directory */
	MG_PATH_RPATH,             /* DT_RPATH without DT_RUNPATH */
	MG_PATH_NEEDED,            /* a NEEDED entry that is a path */
} mg_path_problem;

typedef struct mg_finding_path {
	mg_path_problem problem;
	const char *tag;           /* "DT_RPATH", "DT_RUNPATH", "NEEDED" (static) */
	char *entry;               /* the entry, or the whole list for MG_PATH_RPATH */
} mg_finding_path;

/* cxx-abi: an object built with the C++11 ABI for a baseline without it. */
typedef struct mg_finding_abi {
	char *object;              /* the object, as the link line names it */
	char *evidence;            /* "its notes say _GLIBCXX_USE_CXX11_ABI=1", or the
				      new-ABI name it uses */
} mg_finding_abi;

/* no-policy: the policy has no rules for the file's machine. */
typedef struct mg_finding_machine {
	char *arch;                /* "ppc64le" */
} mg_finding_machine;

typedef struct mg_finding {
	mg_rule rule;
	mg_severity severity;
	bool allowed;              /* downgraded by MANYGUARD_ALLOW */
	char *file;                /* the file judged; NULL: a command line */
	union {                    /* the facts, by rule (see above) */
		mg_finding_version version;
		mg_finding_library library;
		mg_finding_runtime runtime;
		mg_finding_openmp openmp;
		mg_finding_path path;
		mg_finding_machine machine;
		mg_finding_abi abi;
	} u;
	/* Symbols: symbol-version, the ones needing the version; a runtime
	 * copy, its evidence; nonshared-export, the exported names.  Mangled,
	 * at most the checker's limit; N_SYMBOLS_TOTAL counts them all. */
	char **symbols;
	size_t n_symbols, n_symbols_total;
	/* The text a program made of it: one line, what happens at run time,
	 * what to do (NULL until a program renders the finding). */
	char *message, *effect, *fix;
} mg_finding;

/* Free what F owns (not F itself), leaving it zeroed. */
void mg_finding_free(mg_finding *f);

/* Add NAME (copied) to F's symbols if it has fewer than MAX; counted
 * either way. */
void mg_finding_add_symbol(mg_finding *f, const char *name, size_t max);

/* A growing list of findings. */
typedef struct mg_findings {
	size_t count, cap;
	mg_finding *v;
} mg_findings;

/* A new zeroed finding at the end of LIST, with its rule, severity and
 * file (copied; may be NULL).  The pointer is valid until the next add. */
mg_finding *mg_finding_add(mg_findings *list, mg_rule rule, mg_severity sev,
			    const char *file);
/* Move every finding of FROM to the end of TO; FROM is left empty. */
void mg_finding_move(mg_findings *to, mg_findings *from);
/* Whether LIST has a finding of RULE. */
bool mg_finding_has(const mg_findings *list, mg_rule rule);
void mg_finding_list_free(mg_findings *list);

#endif
