/* Names a runtime library defines only above a policy's caps: a file that
 * leaves one of them undefined fails to load on the policy's baseline
 * ("undefined symbol"), since nothing in the old runtime defines it.  At
 * link time the runtime directory's split knows these names (policy/
 * split.h); for a file as it ships, show and audit take them from this
 * machine's libstdc++.so.6 (audit/ldso.h).
 *
 * Ownership: mg_newer_from_runtime returns a set the caller frees with
 * mg_newer_free; the entries and strings belong to it. */
#ifndef MG_POLICY_NEWER_H
#define MG_POLICY_NEWER_H

#include <stddef.h>

#include "base/error.h"
#include "elf/elf.h"
#include "policy/caps.h"

typedef struct mg_newer_symbol {
	const char *name;    /* mangled */
	const char *version; /* the runtime's version of it: "GLIBCXX_3.4.29" */
} mg_newer_symbol;

typedef struct mg_newer mg_newer;

/* The names RUNTIME defines (dynamic symbols with a version) only at
 * versions CAPS exceed.  NULL with ERR when its symbols or versions
 * cannot be read. */
mg_newer *mg_newer_from_runtime(mg_elf *runtime, const mg_caps *caps, mg_error *err);

void mg_newer_free(mg_newer *set);

/* The entry of NAME (mangled), or NULL. */
const mg_newer_symbol *mg_newer_find(const mg_newer *set, const char *name);

size_t mg_newer_count(const mg_newer *set);

#endif
