/* What a runtime directory's split of the C++ runtime says (its
 * report.json and newer-symbols.txt, written by `manyguard nonshared`,
 * formats in docs/nonshared.md): which newer symbols it provides and
 * which it left out, and why; whether its baseline has the C++11 ABI.  Read by the linker
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
	const char *reason;    /* why it has its status; "" for a symbol the
				  split provides (its reason is not read) */
} mg_split_symbol;

typedef struct mg_split mg_split;

/* The split of the runtime directory DIR: its newer-symbols.txt and
 * cxxflags, with report.json read on the first question only it answers
 * (a hazard or reason, the baseline); without those files, report.json at
 * once.  NULL with ERR set when a file cannot be read or is not of its
 * format (report.json: schema 1). */
mg_split *mg_split_load(const char *dir, mg_error *err);
/* A split of the newer-symbols.txt table in TEXT (LEN bytes) alone, with
 * no report and the C++11 ABI (the table's reader on its own, for the
 * fuzz target).  NULL with ERR when TEXT is not such a table. */
mg_split *mg_split_from_table(const char *text, size_t len, mg_error *err);
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
