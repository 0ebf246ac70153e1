/* What a runtime directory's split of the C++ runtime says (its
 * report.json, written by `manyguard nonshared`, schema in
 * docs/nonshared.md): which newer symbols it provides and which it left out,
 * and why; whether its baseline has the C++11 ABI.  Read by the linker
 * wrapper and the rules, which explain a missing symbol in these words
 * without knowing how the split is made (lib/rtdir).
 *
 * Ownership: mg_split_load returns a split the caller frees with
 * mg_split_free; the symbols and strings it hands out belong to it. */
#ifndef MG_POLICY_SPLIT_H
#define MG_POLICY_SPLIT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

typedef struct mg_split_symbol {
	const char *name;      /* mangled */
	const char *demangled; /* as linkers print it; the name when it does not demangle */
	const char *version;   /* in the compiler's runtime: GLIBCXX_3.4.21 */
	const char *status;    /* provided, forwarded, hazard, hazard-allowed, ... */
	const char *hazard;    /* its hazard class, or NULL */
	const char *root;      /* the symbol whose hazard it inherits (the one to
				  allow), or NULL: its own */
	const char *reason;
} mg_split_symbol;

typedef struct mg_split mg_split;

/* DIR/report.json.  NULL with ERR set when it cannot be read or is not a
 * report of schema 1. */
mg_split *mg_split_load(const char *dir, mg_error *err);
void mg_split_free(mg_split *split);

/* The newer symbol called NAME, mangled or demangled; NULL: none. */
const mg_split_symbol *mg_split_find(const mg_split *split, const char *name);
/* Whether the split's archive defines it (a link can use it). */
bool mg_split_links(const mg_split_symbol *sym);
/* The baseline in words: "manylinux_2_17" or the old library's path. */
const char *mg_split_baseline(const mg_split *split);
/* Whether the baseline has the C++11 ABI (GLIBCXX_3.4.21, GCC 5). */
bool mg_split_cxx11_abi(const mg_split *split);
/* The runtime directory it was read from. */
const char *mg_split_dir(const mg_split *split);

#endif
