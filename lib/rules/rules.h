/* Every check of a built file, once.  Each function judges one aspect of
 * a file and appends findings (rules/finding.h) to a list; the linker
 * wrapper, `manyguard show` and `manyguard audit` call the same functions
 * and only put the findings into words.
 *
 * What differs between a fresh link on the build machine and a file about
 * to ship is said once, here, by the stage:
 *  - at link time the C library's versions are the build machine's (any
 *    glibc newer than the policy's shows up in every configure test), so
 *    versions not required from the C++ runtimes are warnings in shared
 *    objects and not judged in executables; unless the link ran with the
 *    glibc baseline (a glibc directory: stubs of the cap's libraries,
 *    placed as that release had them, and shims), whose GLIBC
 *    requirements are the output's own: then every GLIBC version above the
 *    cap, and every binding the cap's release refuses, is an error for
 *    executables and shared objects alike;
 *  - at link time an executable is a build tool or a test, not what a
 *    wheel ships into other processes: its external libraries are warnings;
 *  - at link time a wheel's OpenMP runtime is not yet vendored (auditwheel
 *    repair does that), so OpenMP libraries are not external ones; the
 *    static-openmp and mixed-openmp rules guard their hazards.
 * Everything else is judged the same way at both stages. */
#ifndef MG_RULES_H
#define MG_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "elf/elf.h"
#include "policy/baseline.h"
#include "policy/policy.h"
#include "policy/runtime.h"
#include "rules/finding.h"

typedef enum mg_rules_stage {
	MG_STAGE_LINK,    /* the linker wrapper, on the output it just linked */
	MG_STAGE_SHIPPED, /* show and audit, on a file as it ships */
} mg_rules_stage;

/* Who else defines a name: DEFINES(ARG, NAME) is true when something the
 * file will be loaded with (a library of the link) defines NAME. */
typedef struct mg_rules_definers {
	bool (*defines)(void *arg, const char *name);
	void *arg;
} mg_rules_definers;

struct mg_glibc_abi;

/* What the rules know of glibc: the ABI table (policy/glibc_abi.h), which
 * says which library of which release defines which name at which
 * version, and, at link time, the glibc baseline the link used. */
typedef struct mg_rules_glibc {
	/* The table of the files' machine, or NULL: GLIBC versions are judged
	 * by the caps alone. */
	const struct mg_glibc_abi *abi;
	/* The release whose libraries judge ("2.17": a real old glibc's), or
	 * NULL: the policy's GLIBC cap. */
	const char *release;
	/* Link stage: the link ran with the glibc baseline (MANYGUARD_GLIBC_DIR). */
	bool in_force;
	/* Link stage: the names the glibc directory's shim archive defines,
	 * or NULL. */
	const mg_rules_definers *shims;
} mg_rules_glibc;

/* glibc's ABI table for ARCH ("x86_64") installed beside POLICY's file
 * (its directory's glibc/ARCH.abi, where the tables are installed with
 * the policies): 0 with *ABI set (free with mg_glibc_abi_free), 0 with
 * *ABI NULL when there is no table for ARCH, -1 with ERR when it is there
 * but cannot be read. */
int mg_rules_glibc_table(const mg_policy *policy, const char *arch, struct mg_glibc_abi **abi,
			 mg_error *err);

typedef struct mg_rules_opts {
	mg_rules_stage stage;
	const mg_policy *policy;
	/* Link stage: caps from a real old libstdc++ / libgcc_s for what the
	 * file asks of those two, or NULL (the policy's caps). */
	const mg_baseline *baseline;
	/* Symbols kept per finding (the rest are only counted). */
	size_t max_symbols;
	/* Link stage: the runtime directory's split of libstdc++ (what it left
	 * out and why), or NULL. */
	const struct mg_split *split;
	/* Without a split (a file as it ships: show, audit): the names this
	 * machine's libstdc++ defines only above the policy's caps
	 * (policy/newer.h), or NULL. */
	const struct mg_newer *newer;
	/* glibc's facts, or NULL (GLIBC versions judged by the caps alone). */
	const mg_rules_glibc *glibc;
} mg_rules_opts;

/* ---- symbol-version, no-policy ------------------------------------------ */

/* Every version ELF requires above the caps (the policy's; for libstdc++
 * and libgcc_s the baseline's when one is given, a version it does not
 * number being the policy's to judge), with the dynamic symbols needing
 * it.  With glibc's table (OPTS->glibc), also the GLIBC requirements
 * within the cap that the cap's release cannot satisfy: a name required
 * from a file that, at that release, does not define it at that version
 * (pthread_create@GLIBC_2.2.5 from libc.so.6 for glibc 2.17, whose
 * libpthread.so.0 has it): that release's ld.so refuses the file.  One
 * finding per file, version and the file the release has the names in.
 * When the policy has no rules for ELF's machine, one no-policy warning
 * instead.  -1 with ERR set when the file's versions cannot be read or a
 * version name cannot be judged. */
int mg_rules_versions(mg_elf *elf, const mg_rules_opts *opts, mg_findings *out, mg_error *err);

/* ---- symbol-version: undefined references ------------------------------- */

/* The file's undefined references, unversioned (a versioned one is
 * mg_rules_versions' to judge), not weak (a weak one may stay unresolved)
 * and used by a dynamic relocation (a name nothing uses is never looked
 * up), that a runtime knows as one of its own names and that its baseline
 * does not define, unless DEFINERS (may be NULL) says something else
 * defines the name.  One finding per name, with why the runtime lacks it
 * and the ways out.  The runtimes: libstdc++ (OPTS->split, the runtime
 * directory's split, whose names count whether the split provides them
 * or not: a provided one left undefined means the nonshared archive was
 * damaged or bypassed; else OPTS->newer) and glibc (OPTS->glibc: a name
 * its table knows from a release above the cap's only, with why it cannot
 * be shimmed or that no shim provides it; or one the cap's release has in
 * a library of its own, not libc, that a newer glibc moved into libc:
 * openpty, in libutil.so.1 before 2.34, with -lutil as the way out;
 * the finding's unnamed).  A shared object links with
 * such references and then fails to load ("undefined symbol:
 * _ZNSt3_V216generic_categoryEv", "undefined symbol: close_range"), under
 * --as-needed even here.  -1 with ERR set when the symbols cannot be read. */
int mg_rules_undefined(mg_elf *elf, const mg_rules_opts *opts, const mg_rules_definers *definers,
		       mg_findings *out, mg_error *err);

/* The same judgement on the undefined references a failed link reported,
 * NAMES (N of them, as the linker printed them: demangled, or
 * "name@VERSION"), for the output FILE: one finding per name a runtime
 * lacks, so the linker wrapper explains its error instead of leaving it
 * bare.  Names no runtime knows give nothing. */
void mg_rules_explain_undefined(const char *file, const char *const *names, size_t n,
				const mg_rules_opts *opts, mg_findings *out);

/* ---- cxx-abi ----------------------------------------------------------------- */

/* OBJECTS (N paths of the link line's objects) built with the C++11 ABI,
 * for FILE, an output whose baseline predates it: one error each, with the
 * evidence (the GCC plugin's note, or a name of the new ABI the object
 * defines or uses, for objects compiled without the plugin).  An object
 * that cannot be read is an error (ERR, -1). */
int mg_rules_cxx_abi(const char *file, const char *const *objects, size_t n, mg_findings *out,
		     mg_error *err);

/* ---- external-lib ---------------------------------------------------------- */

/* Whether LIB (a NEEDED entry) is the dynamic loader, which comes with the
 * C library every policy allows (auditwheel does not list it either). */
bool mg_rules_is_dynamic_loader(const char *lib);

/* Who supplies the libraries a file needs: SUPPLIED(ARG, LIB, &WHERE) is
 * true when LIB comes with the file (the package ships it, it is vendored
 * next to it, the project built it); when not, it may set *WHERE to its
 * words on where LIB comes from (malloc'd, owned by the finding). */
typedef struct mg_rules_supplier {
	bool (*supplied)(void *arg, const char *lib, char **where);
	void *arg;
} mg_rules_supplier;

/* The libraries of NEEDED (N entries) that FILE (a shared object when
 * SHARED) needs although the policy does not allow them and nobody
 * supplies them.  The dynamic loader and NEEDED entries that are paths
 * (mg_rules_paths judges those) are not external libraries. */
void mg_rules_libraries(const char *file, const char *const *needed, size_t n, bool shared,
			const mg_rules_opts *opts, const mg_rules_supplier *supplier,
			mg_findings *out);

/* ---- static-libstdcxx, static-openmp, static-runtime-copy ---------------- */

/* The runtime an archive file name stands for ("libstdc++.a",
 * "libgomp-a34b3233.a", by its shared twin), with its rule: libstdc++ ->
 * static-libstdcxx, an OpenMP runtime -> static-openmp.  False for any
 * other archive (libstdc++_nonshared.a included). */
bool mg_rules_static_archive(const char *archive, mg_runtime_id *id, mg_rule *rule);

/* Runtimes ELF carries a static copy of: a C++ runtime or a BLAS it
 * defines the symbols of, without being or needing that runtime
 * (static-runtime-copy), an OpenMP runtime likewise (static-openmp).
 * C++ and OpenMP copies are errors, BLAS copies warnings; the evidence is
 * in the symbols.  SELF is the runtime ELF is (family MG_RT_NONE when it
 * is none).  A shared object's .symtab is not read: its non-local
 * definitions are the exported ones in .dynsym (the linker makes hidden
 * and version-script-local ones local), and it is by far the largest table
 * of a big link.  -1 with ERR set when a symbol table cannot be read. */
int mg_rules_runtime_copies(mg_elf *elf, const mg_runtime_id *self, const mg_rules_opts *opts,
			    mg_findings *out, mg_error *err);

/* ---- mixed-openmp -------------------------------------------------------------- */

/* Where FILE brings OpenMP runtimes into the process: the runtime it is
 * (SELF, called NAME: its SONAME or file name), the ones it needs
 * (NEEDED), the static copies among COPIES (findings of
 * mg_rules_runtime_copies; may be NULL).  Appended to *USES (*N of them,
 * capacity *CAP); TAG is copied into each. */
void mg_rules_openmp_uses(const char *file, const char *name, const mg_runtime_id *self,
			  const char *const *needed, size_t n_needed, const mg_findings *copies,
			  size_t tag, mg_openmp_use **uses, size_t *n, size_t *cap);

/* One mixed-openmp error when USES (N) bring OpenMP runtimes of two
 * families or more into one process: GNU, LLVM, Intel, and a runtime known
 * only as LLVM-or-Intel when neither of those is there.  Two copies of one
 * family are duplicate-runtime's concern, not this rule's. */
void mg_rules_openmp_mix(const mg_openmp_use *uses, size_t n, mg_findings *out);

/* IMPL's OpenMP family as the mix counts them, 0 .. MG_OPENMP_FAMILIES - 1
 * (GNU, LLVM, Intel, LLVM-or-Intel, unknown): the order a finding's uses
 * are listed in. */
#define MG_OPENMP_FAMILIES 5
int mg_rules_openmp_family(mg_runtime_impl impl);

/* ---- relocatability -------------------------------------------------------- */

/* RPATH/RUNPATH entries that do not travel (absolute, relative to the
 * current directory, $ORIGIN leading outside the package), DT_RPATH
 * without DT_RUNPATH (a note), and NEEDED entries that are paths.  FILE is
 * relative to the package root; INSIDE(ARG, TARGET) says whether TARGET
 * (a path relative to the root, leading nowhere above it) is part of the
 * package, NULL: everything below the root is. */
void mg_rules_paths(const char *file, const mg_elf_dynamic *dyn,
		    bool (*inside)(void *arg, const char *target), void *arg,
		    mg_findings *out);

/* ---- nonshared-export ------------------------------------------------------ */

/* What a link says of the nonshared archives and of the user's inputs. */
typedef struct mg_rules_nonshared_link {
	const char *const *archives; /* the nonshared archives (paths) */
	size_t n_archives;
	/* The members the linker pulled from each of ARCHIVES (its trace,
	 * map or --why-extract; N_PULLED[i] names in PULLED[i]), or NULL when
	 * it did not say: only what they define can have come from the
	 * archive. */
	const char *const *const *pulled;
	const size_t *n_pulled;
	const char *const *objects; /* the user's objects */
	size_t n_objects;
	const char *const *user_archives;
	size_t n_user_archives;
	/* Names whose definition in the user's LTO objects prevailed, as the
	 * linker's LTO plugin resolved them (their symbol tables hold none). */
	const char *const *lto_defs;
	size_t n_lto_defs;
} mg_rules_nonshared_link;

/* Symbols of LINK's nonshared archives that ELF, the output of the link,
 * exports although none of the user's own inputs defines them: the
 * nonshared archive's definitions interposing on the process's libstdc++.
 * One finding at most, the names in its symbols.  -1 with ERR set when a
 * file cannot be read. */
int mg_rules_nonshared_exports(mg_elf *elf, const mg_rules_nonshared_link *link,
			       mg_findings *out, mg_error *err);

#endif
