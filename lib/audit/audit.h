/* The audit model: inputs -> packages -> ELF facts -> findings.
 *
 * Inputs are ELF files, directories, wheels, site-packages trees and a
 * Python interpreter's process (the executable and the libraries ld.so
 * would load for it).  Each input becomes one or more packages:
 *  - a wheel is one package, read in place (lib/audit/wheel.h);
 *  - a site-packages tree (a directory holding *.dist-info, or named
 *    site-packages / dist-packages) gives one package per distribution:
 *    the top-level entries its dist-info/RECORD lists (so `sklearn/` and
 *    `scikit_learn.libs/` are one package), and one per top-level entry
 *    no RECORD claims (`foo/` and `foo.libs/` together);
 *  - any other directory or file is its own package.
 *
 * Packages are audited one at a time and files one at a time: only small
 * facts survive a file (the runtime it is or carries, the OpenMP runtime
 * it uses, per-package: the libraries it needs), and the per-package facts
 * are dropped when the package is done.  Memory does not grow with the
 * size of the input, only (slightly) with the number of packages and
 * findings.
 *
 * Per file: symbol versions above the policy's caps (with the symbols that
 * need each), libraries outside the policy's list that the package does not
 * ship, runtimes linked in statically, relocatability of RPATH/RUNPATH and
 * NEEDED.  Across everything (mg_audit_finish): OpenMP runtimes of
 * different families, several copies of one runtime, and libraries of the
 * interpreter's process that a package ships another copy of.
 *
 * Unreadable inputs (a truncated ELF file, a broken zip) are recorded as
 * input errors; the audit of everything else goes on.  A directory walk
 * follows symlinks that stay inside the directory audited; one to a
 * directory outside it, and a symlink loop, are skipped: recorded as
 * "not followed", which is no error (docs/audit.md, "Symlinks").
 *
 * Ownership: an mg_audit owns every package, finding and error it hands
 * out; pointers stay valid until mg_audit_free().  Not thread-safe. */
#ifndef MG_AUDIT_H
#define MG_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/error.h"
#include "rules/finding.h"
#include "policy/policy.h"
#include "audit/wheel.h"

typedef struct mg_audit mg_audit;

typedef struct mg_audit_options {
	/* Judge files against POLICY; or, when POLICY is NULL, against every
	 * policy of POLICIES and report the best one each file satisfies
	 * (--policy auto).  Both belong to the caller and must outlive the
	 * audit.  Both NULL: no policy checks. */
	const mg_policy *policy;
	const mg_policy_set *policies;
	/* The machine of the process ("x86_64"); NULL: this machine's.  ELF
	 * files of other machines are reported and left out of the
	 * cross-package checks. */
	const char *machine;
	/* Limits for wheel members; NULL: mg_wheel_limits_default(). */
	const mg_wheel_limits *limits;
	/* Called after each file looked at (ELF or not), with the running
	 * count; may be NULL.  The library never prints: the program decides
	 * whether and how to show progress. */
	void (*progress)(void *ctx, size_t files_seen);
	void *progress_ctx;
	/* Paths of a walked directory left out (audit_exclude.c): EXCLUDE's
	 * patterns (fnmatch on the path relative to the directory audited,
	 * or to any directory under it), and in a plain directory the
	 * outputs of configure, CMake and meson probes unless KEEP_PROBES. */
	const char *const *exclude;
	size_t n_exclude;
	bool keep_probes;
} mg_audit_options;

typedef enum mg_audit_kind {
	MG_AUDIT_FILE,          /* one file given on the command line */
	MG_AUDIT_DIRECTORY,     /* a plain directory */
	MG_AUDIT_SITE_PACKAGE,  /* a distribution in a site-packages tree */
	MG_AUDIT_WHEEL,
	MG_AUDIT_PROCESS,       /* the interpreter and the libraries it loads */
} mg_audit_kind;

/* "file", "directory", "site-package", "wheel", "process" (static). */
const char *mg_audit_kind_name(mg_audit_kind kind);

/* One ELF file audited (shared objects and executables; relocatable
 * objects are counted but not judged). */
typedef struct mg_audit_elf {
	char *path;              /* relative to the package's root */
	const char *type;        /* "DYN", "PIE", "EXEC" (static) */
	const char *machine;     /* "x86_64", ... (static) */
	/* --policy auto: the best policy it satisfies (owned by the policy
	 * set), NULL when none does. */
	const char *best_policy;
	/* What its embedded manifest says (docs/manifest.md); all NULL when
	 * it has none.  MANIFEST_ERROR is set instead when it is corrupted. */
	char *manifest_policy;   /* the policy it was linked for */
	char *manifest_result;   /* "pass", "pass-with-allowed", ... */
	char *manifest_allowed;  /* rules downgraded by MANYGUARD_ALLOW, "a,b" */
	char *manifest_version;  /* the manyguard that linked it */
	char *manifest_error;
} mg_audit_elf;

typedef struct mg_audit_package {
	char *name;              /* "numpy", "ext.so", "process" */
	mg_audit_kind kind;
	char *root;              /* what relative paths start from: the wheel,
				    the site-packages or other directory, or
				    the file's directory */
	size_t n_files;          /* files looked at */
	size_t n_elf;
	mg_audit_elf *elf;       /* n_elf entries */
	/* --policy auto: the best policy every file satisfies, NULL when some
	 * file satisfies none (or the package has no ELF file). */
	const char *best_policy;
	bool best_policy_known;  /* false when some file satisfies none */
} mg_audit_package;

/* Where a finding applies: a file of a package, with what it has to do
 * with the finding ("ships libomp-1a2b3c4d.so.5", "needs libgomp.so.1"). */
typedef struct mg_audit_place {
	size_t package;          /* index (mg_audit_package_at) */
	char *file;              /* relative to the package's root */
	char *role;              /* may be NULL */
} mg_audit_place;

/* A finding (rules/finding.h: its rule, severity, facts and symbols, and
 * the audit's words for it in MESSAGE, EFFECT and FIX) and where it was
 * found. */
typedef struct mg_audit_finding {
	mg_finding f;            /* symbols: at most MG_AUDIT_MAX_SYMBOLS */
	bool cross;              /* found across packages (mg_audit_finish) */
	size_t n_places;         /* >= 1; places[0] is the main one */
	size_t cap_places;
	mg_audit_place *places;
} mg_audit_finding;

#define MG_AUDIT_MAX_SYMBOLS 16

/* An input (or a part of one) that could not be audited; or, in the list
 * of symlinks not followed, one the walk skipped and why. */
typedef struct mg_audit_input_error {
	char *input;             /* as given: the wheel, directory, ... */
	mg_error error;          /* the file concerned and the reason */
} mg_audit_input_error;

/* A new audit; OPTS is copied (the policies it points to are not).
 * Fails only when this machine's name cannot be found. */
mg_audit *mg_audit_new(const mg_audit_options *opts, mg_error *err);
void mg_audit_free(mg_audit *audit);

/* Audit PATH: an ELF file, a wheel, a directory or a site-packages tree.
 * Returns 0 when it was audited, even partly: what could not be read is an
 * input error (mg_audit_error_at), and -1 only when nothing of PATH could
 * be read (ERR says why; the error is recorded too). */
int mg_audit_add_path(mg_audit *audit, const char *path, mg_error *err);

/* Ask the interpreter PYTHON for its site-packages (site, sysconfig
 * purelib/platlib) and audit them, after its process: the executable and
 * the libraries ld.so would load for it (DT_RPATH/RUNPATH, /etc/ld.so.cache
 * through `ldconfig -p`, the default directories).  Call it before
 * mg_audit_add_path, so that every package is compared with the process.
 * -1 when the interpreter cannot be run or answers nonsense. */
int mg_audit_add_python(mg_audit *audit, const char *python, mg_error *err);

/* Run the checks across packages.  Call once, after the last input. */
void mg_audit_finish(mg_audit *audit);

size_t mg_audit_package_count(const mg_audit *audit);
const mg_audit_package *mg_audit_package_at(const mg_audit *audit, size_t i);

/* Findings in the order they were found: per package while reading, then
 * the cross-package ones. */
size_t mg_audit_finding_count(const mg_audit *audit);
const mg_audit_finding *mg_audit_finding_at(const mg_audit *audit, size_t i);

size_t mg_audit_error_count(const mg_audit *audit);
const mg_audit_input_error *mg_audit_error_at(const mg_audit *audit, size_t i);

/* Symlinks a directory walk did not follow: to a directory outside the
 * directory audited, or a loop.  They do not change the exit status. */
size_t mg_audit_skipped_count(const mg_audit *audit);
const mg_audit_input_error *mg_audit_skipped_at(const mg_audit *audit, size_t i);

/* Files looked at in all (ELF or not) and ELF files among them. */
size_t mg_audit_files_seen(const mg_audit *audit);
size_t mg_audit_elf_seen(const mg_audit *audit);

/* What the walk of directories left out, per pattern, in the order of
 * the patterns (the probes' first, then --exclude's): every pattern,
 * matched or not. */
typedef struct mg_audit_exclusion {
	const char *pattern;
	bool probe;              /* one of the probe outputs, not --exclude */
	size_t paths;            /* files and directories left out (a
				    directory counts once, whatever it holds) */
} mg_audit_exclusion;

size_t mg_audit_exclusion_count(const mg_audit *audit);
const mg_audit_exclusion *mg_audit_exclusion_at(const mg_audit *audit, size_t i);
/* Paths left out in all. */
size_t mg_audit_excluded(const mg_audit *audit);

/* Findings of severity SEV. */
size_t mg_audit_count_severity(const mg_audit *audit, mg_severity sev);

/* The exit status the issue defines: 2 when an input could not be read,
 * else 1 when a finding is at error level, else 0. */
int mg_audit_exit_status(const mg_audit *audit);

#endif
