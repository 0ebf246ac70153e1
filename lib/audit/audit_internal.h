/* Shared between lib/audit*.c: the audit's state and the small facts kept
 * for the checks across packages.  Not a public interface. */
#ifndef MG_AUDIT_INTERNAL_H
#define MG_AUDIT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <sys/utsname.h>

#include <libiberty/hashtab.h>

#include "audit/audit.h"
#include "audit/ldso.h"
#include "audit/pkgmeta.h"
#include "base/grow.h"
#include "elf/elf.h"
#include "policy/ompinfo.h"
#include "policy/runtime.h"
#include "rules/rules.h"

/* A copy of a runtime somewhere in the inputs: a shipped library (NAME is
 * its SONAME or file name) or a static copy inside another file. */
typedef struct audit_copy {
	mg_runtime_impl impl;
	char *name;      /* NULL for a static copy */
	bool external;   /* needed from outside the package (the system's copy) */
	size_t package;
	char *file;
} audit_copy;

/* A library the interpreter's process loads. */
typedef struct audit_process_lib {
	char *name;      /* its SONAME or file name */
	char *path;
	mg_runtime_impl impl;
	char *stem;      /* "libcrypto": unhashed, without ".so..." */
} audit_process_lib;

/* An ELF file of the current package whose needs are judged when the whole
 * package is known (which libraries it ships). */
typedef struct audit_pending {
	size_t elf;          /* index in the package's elf[] */
	char *arch;
	int elf_class;
	unsigned machine;
	char *rpath, *runpath, *origin; /* for resolving what it needs */
	size_t n_needed, cap_needed;
	char **needed;       /* libraries outside the policy (all, for auto) */
	size_t n_versions, cap_versions;
	char **versions;     /* --policy auto: every required version */
} audit_pending;

struct mg_audit {
	mg_audit_options opts;
	mg_wheel_limits limits;
	char machine[sizeof(((struct utsname *)0)->machine)];

	size_t n_packages, cap_packages;
	mg_audit_package *packages;
	size_t n_findings, cap_findings;
	mg_audit_finding *findings;
	size_t n_errors, cap_errors;
	mg_audit_input_error *errors;
	size_t n_skipped, cap_skipped;
	mg_audit_input_error *skipped;

	size_t n_copies, cap_copies;
	audit_copy *copies;
	size_t n_omp, cap_omp;
	mg_openmp_use *omp;  /* tagged with their package */
	/* The shared OpenMP runtime (libgomp-manyguard.so.1, docs/openmp.md):
	 * whether an audited package ships it, and the files that need it
	 * without shipping it (tagged with their package, like omp). */
	bool shared_omp_shipped;
	size_t n_shared_omp, cap_shared_omp;
	audit_copy *shared_omp;
	/* The current package's: whether it has core metadata (a wheel's or
	 * an installed distribution's METADATA), what that says about
	 * manyguard-openmp, and its files that need the shared runtime
	 * without shipping it or requiring that package. */
	bool meta_known;
	mg_pkgmeta_dep omp_dep;
	char omp_dep_extra[64];
	size_t n_omp_undeclared, cap_omp_undeclared;
	char **omp_undeclared;
	size_t n_process, cap_process;
	audit_process_lib *process;
	size_t process_pkg;  /* the package they belong to */

	size_t files_seen, elf_seen;
	htab_t inodes;       /* (dev, ino) of every ELF file read */

	/* The package being read. */
	const char *input;   /* the input it comes from */
	size_t pkg;
	htab_t provided;     /* file names and SONAMEs it ships */
	char **tops;         /* site-packages: its top-level entries */
	size_t n_tops;
	size_t n_pending, cap_pending;
	audit_pending *pending;
	size_t cap_elf;      /* of packages[pkg].elf */

	/* ld.so's search; this machine's libstdc++ names above the policy's
	 * caps, read on first use (NEWER_READ) for files of this machine. */
	mg_ldso *ldso;
	bool newer_read;
	mg_newer *newer;
	/* glibc's ABI table for the machine of GLIBC_ARCH (read for its first
	 * file), and the facts the rules get for the current file (NULL: no
	 * table for its machine). */
	struct mg_glibc_abi *glibc_abi;
	const char *glibc_arch;
	mg_rules_glibc glibc;
	const mg_rules_glibc *glibc_now;

	/* The directory being walked (resolved): directory symlinks are
	 * followed only inside it. */
	char *walk_root;

	/* Wheels met while walking directories, audited afterwards. */
	size_t n_queued, cap_queued;
	char **queued;

	/* The patterns of paths left out (audit_exclude.c). */
	size_t n_exclusions;
	mg_audit_exclusion *exclusions;
};

/* Whether REL (relative to the directory audited) is left out by a
 * pattern of the options; counted when it is. */
bool audit_excluded_path(mg_audit *a, const char *rel);
/* The table of patterns from the options, and its end. */
void audit_exclude_init(mg_audit *a);
void audit_exclude_free(mg_audit *a);

/* True the first time the file (DEV, INO) is met: a file reached twice
 * (a symlink to a file already read) is read once. */
bool audit_first_visit(mg_audit *a, dev_t dev, ino_t ino);

/* Record an input error (copied). */
void audit_input_error(mg_audit *a, const mg_error *err);
/* Record a symlink the walk did not follow (ERR: the link and why). */
void audit_skipped(mg_audit *a, const mg_error *err);

/* F, worded (MESSAGE at least), moved into the audit's findings; the
 * caller adds its places. */
mg_audit_finding *audit_record(mg_audit *a, mg_finding *f);
/* A finding the audit judges itself (no facts beyond its words), recorded
 * with MESSAGE (malloc'd, now the audit's). */
mg_audit_finding *audit_finding(mg_audit *a, mg_rule rule, mg_severity sev, char *message);
void audit_add_place(mg_audit_finding *f, size_t package, const char *file,
		     const char *role);

/* F, a finding of lib/rules about FILE of the current package, in the
 * audit's words, recorded (audit_words.c). */
mg_audit_finding *audit_file_finding(mg_audit *a, mg_finding *f, const char *file);

/* Start and finish a package; the pending checks run at the end. */
size_t audit_package_begin(mg_audit *a, const char *name, mg_audit_kind kind,
			   const char *root);
void audit_package_end(mg_audit *a);
void audit_provide(mg_audit *a, const char *name);
/* The current package's core metadata (TEXT, LEN bytes; pkgmeta.h). */
void audit_package_metadata(mg_audit *a, const char *text, size_t len);

/* One ELF file of the current package (audit_file.c).  PATH is relative to
 * the package root; ORIGIN the absolute directory the file is in (NULL in
 * wheels).  Never fails: problems become input errors or findings.
 * Takes ownership of ELF. */
void audit_elf(mg_audit *a, mg_elf *elf, const char *path, const char *origin);
/* Read ELF's embedded manifest into the package's ELF entry INDEX; a
 * corrupted one or rules allowed at link time become findings at FILE
 * (audit_manifest.c). */
void audit_manifest(mg_audit *a, mg_elf *elf, const char *file, size_t index);
/* The checks that need the whole package (external libraries, auto). */
void audit_pending_check(mg_audit *a, audit_pending *p);
void audit_pending_free(audit_pending *p);

/* Cross-package checks (audit_cross.c). */
void audit_cross_openmp(mg_audit *a);
void audit_cross_duplicates(mg_audit *a);
void audit_cross_shared_openmp(mg_audit *a);
/* The current package's files that need the shared OpenMP runtime which
 * nothing it ships or requires provides (at the end of the package). */
void audit_shared_openmp_undeclared(mg_audit *a);

/* "libcrypto" from "libcrypto-1a2b3c4d.so.1.1": malloc'd. */
char *audit_stem(const char *name);

#endif
