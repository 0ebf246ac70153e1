/* The glibc shim archive of a runtime directory: from the installed shim
 * objects (docs/glibc-shims.md), the members a target glibc release needs.
 *
 * A member is needed when the release defines none of the names it
 * provides by default (the names are the object's own defined global
 * symbols: no second list to keep in sync), or when the object says it is
 * needed below a release (its `.manyguard.shim` section, "below
 * GLIBC_2.34": the start fix, sysconf's SIGSTKSZ).  A member that is not
 * needed must stay out: a hidden `reallocarray` would preempt the target's
 * own.  The archive, libmanyguard_glibc.a, is written deterministically
 * (members in name order, lib/elf/archive.h) and atomically. */
#ifndef MG_RTDIR_GLIBC_SHIMS_H
#define MG_RTDIR_GLIBC_SHIMS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "policy/glibc_abi.h"

/* The archive's name in a runtime directory. */
#define MG_GLIBC_SHIMS_ARCHIVE "libmanyguard_glibc.a"

/* The installed shims, $(pkglibdir)/shims: those of an architecture are in
 * its subdirectory ("x86_64"), the one mg_glibc_shims_plan reads.  The
 * programs let MG_GLIBC_SHIMS_ENV override it (the build tree's tests set
 * it to build/shims).  A static string. */
#define MG_GLIBC_SHIMS_ENV "MANYGUARD_SHIM_DIR"
const char *mg_glibc_shims_default_dir(void);

typedef struct mg_glibc_shims mg_glibc_shims;

/* One shim object and the verdict for the release. */
typedef struct mg_glibc_shim {
	const char *name;          /* "stat.o" */
	const char *const *provides; /* its defined global names, sorted */
	size_t n_provides;
	const char *below;         /* "2.34" when the object names one, else NULL */
	bool needed;               /* goes into the archive */
	const char *why;           /* why needed: "glibc 2.17 lacks stat" or
				      "needed below glibc 2.34"; NULL when not */
} mg_glibc_shim;

/* Read every `*.o` of DIR (the shims of one architecture) and decide each
 * for RELEASE ("2.17") of ABI.  NULL with ERR set when DIR cannot be read,
 * holds no object, an object is not a relocatable ELF file, or RELEASE is
 * not in the table.  Free with mg_glibc_shims_free; ABI is not kept. */
mg_glibc_shims *mg_glibc_shims_plan(const char *dir, const mg_glibc_abi *abi,
				    const char *release, mg_error *err);

/* The objects in name order; pointers owned by SHIMS. */
size_t mg_glibc_shims_count(const mg_glibc_shims *shims);
const mg_glibc_shim *mg_glibc_shims_at(const mg_glibc_shims *shims, size_t i);

/* Write the needed members to PATH (an ar archive, possibly without
 * members), atomically. */
int mg_glibc_shims_write(const mg_glibc_shims *shims, const char *path, mg_error *err);

void mg_glibc_shims_free(mg_glibc_shims *shims);

#endif
