/* The rules: every rule any program judges by, in one table (rule.c),
 * with what goes wrong at run time and what to do; and MANYGUARD_ALLOW,
 * the rules one build may break with a warning. */
#ifndef MG_BASE_RULE_H
#define MG_BASE_RULE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

/* Every rule any program judges by.  The first ones
 * are judged at build time and MANYGUARD_ALLOW may downgrade them; the
 * rest only `manyguard audit` (and `show`) report. */
typedef enum mg_rule {
	MG_RULE_NONE = 0, /* a diagnostic tied to no rule (usage errors, notes) */
	MG_RULE_STATIC_LIBSTDCXX,
	MG_RULE_STATIC_OPENMP,
	MG_RULE_MIXED_OPENMP,
	MG_RULE_DUPLICATE_RUNTIME,
	MG_RULE_SYMBOL_VERSION,
	MG_RULE_EXTERNAL_LIB,
	MG_RULE_STATIC_RUNTIME_COPY,
	MG_RULE_NONSHARED_EXPORT,
	MG_RULE_CXX_ABI,          /* objects of the C++11 ABI for a baseline without it */
	MG_RULE_RELOCATABILITY,   /* audit: RPATH/RUNPATH and NEEDED that do not travel */
	MG_RULE_SHADOWED_LIBRARY, /* audit: another copy of a library the process loads */
	MG_RULE_FOREIGN_MACHINE,  /* audit: a file for another machine */
	MG_RULE_NO_POLICY,        /* audit: no policy (or no rules) for the file */
	MG_RULE_MANIFEST,         /* audit: a damaged manifest, or rules allowed at link time */
	MG_RULE_COUNT
} mg_rule;

typedef struct mg_rule_info {
	const char *id;  /* "static-libstdcxx" */
	const char *why; /* one line: what goes wrong at run time */
	const char *fix; /* one line: what to do instead */
	bool allowable;  /* judged at build time: MANYGUARD_ALLOW may downgrade it */
} mg_rule_info;

/* The table entry of RULE, or NULL for MG_RULE_NONE / out of range. */
const mg_rule_info *mg_rule_get(mg_rule rule);
/* The rule called ID, or MG_RULE_NONE. */
mg_rule mg_rule_lookup(const char *id);

/* ---- MANYGUARD_ALLOW ------------------------------------------------------ */

typedef struct mg_allow {
	unsigned bits; /* 1 << rule */
} mg_allow;

/* Parse "rule,rule" (spaces around ids and empty items are ignored; NULL
 * or "" allow nothing).  An id that is unknown or not allowable is an error
 * naming it and listing the valid ones; OUT is then empty. */
int mg_rule_allow_parse(const char *spec, mg_allow *out, mg_error *err);
bool mg_rule_allow_has(const mg_allow *allow, mg_rule rule);

#endif
