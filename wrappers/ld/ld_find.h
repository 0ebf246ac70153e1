/* Finding the real linker behind the wrapper. */
#ifndef LD_FIND_H
#define LD_FIND_H

#include <stdbool.h>

#include "base/error.h"

/* The linker flavour the wrapper was called as: "ld", "ld.bfd", "ld.gold"
 * or "ld.lld" from ARGV0's file name; "ld" for any other name (e.g. the
 * build's manyguard-ld).  Static string. */
const char *ld_find_flavour(const char *argv0);

/* The first executable NAME on PATH that is not this program: its own
 * directory is skipped (real paths compared) and so is any file that is
 * this program under another name (same inode: a symlink or hard link).
 * Returns a malloc'd path the caller frees, or NULL with ERR set. */
char *ld_find_real(const char *name, mg_error *err);

/* Whether the real linker REAL, called as FLAVOUR, is lld (ld.lld, or an
 * `ld` that resolves to lld). */
bool ld_find_is_lld(const char *flavour, const char *real);

#endif
