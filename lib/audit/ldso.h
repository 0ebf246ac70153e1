/* ld.so's search, in one small module like pax-utils' paxldso.c, that the
 * audit and `manyguard show` share: where the dynamic loader of this
 * machine would find a library for a file, and what the C++ runtime it
 * finds there has above a policy's caps.
 *
 * Ownership: an mg_ldso keeps what it read of /etc/ld.so.cache; the
 * caller frees it with mg_ldso_free.  Paths and sets returned are the
 * caller's. */
#ifndef MG_AUDIT_LDSO_H
#define MG_AUDIT_LDSO_H

#include "base/error.h"
#include "policy/caps.h"
#include "policy/newer.h"

typedef struct mg_ldso mg_ldso;

mg_ldso *mg_ldso_new(void);
void mg_ldso_free(mg_ldso *ldso);

/* Where ld.so would find NEEDED for a file of ELF_CLASS/MACHINE with these
 * RPATH/RUNPATH (each may be NULL) and $ORIGIN (NULL: entries using it
 * are passed over); malloc'd, or NULL. */
char *mg_ldso_find(mg_ldso *ldso, const char *needed, const char *rpath, const char *runpath,
		   const char *origin, int elf_class, unsigned machine);

/* The names this machine's libstdc++.so.6 (where ld.so finds it for a file
 * of ELF_CLASS/MACHINE) defines only above CAPS (policy/newer.h): what a
 * shipped file must not leave undefined (mg_rules_absent).  A runtime
 * older than the one a file was built with knows fewer of them: the check
 * then finds less, never more.  0 with *OUT NULL when there is no
 * libstdc++ here; -1 with ERR when it cannot be read. */
int mg_ldso_cxx_newer(mg_ldso *ldso, int elf_class, unsigned machine, const mg_caps *caps,
		      mg_newer **out, mg_error *err);

#endif
