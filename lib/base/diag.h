/* GCC-style diagnostics with rule ids, formatted into memory (the programs
 * print them, and colour them if they like):
 *   manyguard-c++: error: -static-libstdc++ is not allowed [static-libstdcxx]
 *   ext.so:12:3: warning: ... [symbol-version; allowed by MANYGUARD_ALLOW]
 * plus MANYGUARD_ALLOW parsing: an allowed rule turns an error into a
 * warning for one build. */
#ifndef MG_DIAG_H
#define MG_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

typedef enum mg_severity {
	MG_SEV_ERROR,
	MG_SEV_WARNING,
	MG_SEV_NOTE,
} mg_severity;

/* Every rule any program judges by, in one table (diag.c).  The first ones
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
const char *mg_severity_name(mg_severity sev);

/* ---- MANYGUARD_ALLOW ------------------------------------------------------ */

typedef struct mg_allow {
	unsigned bits; /* 1 << rule */
} mg_allow;

/* Parse "rule,rule" (spaces around ids and empty items are ignored; NULL
 * or "" allow nothing).  An id that is unknown or not allowable is an error
 * naming it and listing the valid ones; OUT is then empty. */
int mg_allow_parse(const char *spec, mg_allow *out, mg_error *err);
bool mg_allow_has(const mg_allow *allow, mg_rule rule);

/* ---- diagnostics ---------------------------------------------------------- */

typedef struct mg_diag {
	const char *program; /* used when FILE is NULL: "manyguard-c++" */
	const char *file;    /* or NULL */
	unsigned line, col;  /* 0 = unknown (then left out) */
	mg_severity severity;
	mg_rule rule;
	bool allowed;        /* downgraded by MANYGUARD_ALLOW */
	const char *message;
} mg_diag;

/* Downgrade D from error to warning if ALLOW (may be NULL) has its rule;
 * returns true if it did. */
bool mg_diag_apply_allow(mg_diag *d, const mg_allow *allow);

/* Format D as one line (no newline) into BUF of SIZE bytes, truncating
 * like snprintf; returns the length the full line needs. */
size_t mg_diag_format(const mg_diag *d, char *buf, size_t size);

/* A growing string for several diagnostics.  Zero-initialise it; free its
 * DATA with free() (or mg_diag_buf_free). */
typedef struct mg_diag_buf {
	char *data; /* NUL-terminated, NULL until the first append */
	size_t len;
	size_t cap;
} mg_diag_buf;

/* Append D and a newline. */
void mg_diag_append(mg_diag_buf *buf, const mg_diag *d);
/* Append the rule's "note: why" and "note: fix" lines for D (nothing for
 * MG_RULE_NONE), attributed like D. */
void mg_diag_append_notes(mg_diag_buf *buf, const mg_diag *d);
void mg_diag_buf_free(mg_diag_buf *buf);

#endif
