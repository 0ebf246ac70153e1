/* The glibc side of a link: the glibc baseline it used
 * (MANYGUARD_GLIBC_DIR: stubs of the cap's libraries and the shim archive
 * libmanyguard_glibc.a), glibc's ABI table for the output's machine, the
 * names the shims define, and who else on the link line defines a name.
 * What lib/rules needs of them is in RULES. */
#ifndef LD_GLIBC_H
#define LD_GLIBC_H

#include <stdbool.h>

#include "base/error.h"
#include "ld/ld_line.h"
#include "rules/rules.h"

/* Files of a glibc directory (docs/glibc.md): the shim archive, what the
 * directory was made from, and the linker script that exists exactly when
 * the host's glibc is newer than the target (the baseline is in force). */
#define LD_GLIBC_SHIMS "libmanyguard_glibc.a"
#define LD_GLIBC_INFO "glibc.json"
#define LD_GLIBC_SCRIPT "libc.so"

typedef struct ld_glibc {
	const char *dir;             /* MANYGUARD_GLIBC_DIR, or NULL */
	/* From glibc.json (NULL when it does not say): the target release,
	 * the host's, the real old glibc it was made from (--baseline-libc). */
	char *release, *host, *baseline_libc;
	struct mg_glibc_abi *abi;    /* the table, or NULL */
	struct htab *shim_names;     /* what the shim archive defines, or NULL */
	mg_rules_definers shims;
	mg_rules_glibc rules;
} ld_glibc;

/* Fill G for a link whose output is for ARCH ("x86_64") with the glibc
 * directory DIR (may be NULL): its glibc.json; the baseline is in force
 * when DIR has its linker script; the table of ARCH installed beside
 * POLICY's file when the baseline is in force or WANTED (the output's
 * GLIBC facts are judged anyway: a shared object), unless there is none
 * for ARCH; the shims' names from DIR.  -1 with ERR when glibc.json, the
 * table or the archive is there but cannot be read.  G is the caller's;
 * free it with ld_glibc_free, also after a failure. */
int ld_glibc_load(ld_glibc *g, const char *dir, const mg_policy *policy, const char *arch,
		  bool wanted, mg_error *err);
void ld_glibc_free(ld_glibc *g);

/* The glibc directory LINE's -lc binds to, when no MANYGUARD_GLIBC_DIR
 * names one: the first -L directory holding a libc.so, if it is a glibc
 * directory (its glibc.json beside it); else NULL.  GCC's installed specs
 * give such an -L (docs/specs.md) but cannot set the variable, and a user
 * may name `manyguard glibc -o DIR` by hand: either way the baseline is in
 * force for the link.  Points into LINE. */
const char *ld_glibc_dir_on_line(const ld_line *line);

/* The machine LINE links for, as its first ELF object says ("x86_64"), or
 * NULL. */
const char *ld_glibc_line_machine(const ld_line *line);

/* Who else defines a name: the shared libraries on the link line, each
 * opened at the first question.  ARG is an ld_definers. */
typedef struct ld_definers {
	const ld_line *line;
	struct mg_elf **libs; /* by input index, opened lazily */
	bool *tried;
} ld_definers;

void ld_definers_init(ld_definers *d, const ld_line *line);
bool ld_definers_defines(void *arg, const char *name);
void ld_definers_free(ld_definers *d);

#endif
