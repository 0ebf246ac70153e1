/* What the files of lib/rules share: glibc's facts (rules_glibc.c). */
#ifndef MG_RULES_INTERNAL_H
#define MG_RULES_INTERNAL_H

#include <stdbool.h>

#include "policy/glibc_abi.h"
#include "rules/rules.h"

/* The glibc release that judges GLIBC requirements under O: O->glibc's
 * own release, else the policy's GLIBC cap for the table's machine.  Its
 * index in the table, with its name in *NAME; -1 when there is no table,
 * no cap, or the table lacks that release. */
int rules_glibc_release(const mg_rules_opts *o, const char **name);

/* The index of the library of the table whose SONAME is FILE at release
 * REL ("libc.so.6", "ld-linux-x86-64.so.2"), or -1: not glibc's. */
int rules_glibc_library(const mg_glibc_abi *abi, const char *file, int rel);

/* A name glibc has only from a release above the cap's that is refused by
 * name because no shim can give it to an older glibc (close_range,
 * pidfd_*, libmvec's _ZGV*, _dl_find_object): why, and what the user can
 * do instead (static strings), or false. */
bool rules_glibc_refused(const char *name, const char **why, const char **instead);

#endif
