/* GCC-style diagnostics with rule ids, formatted into memory (the programs
 * print them, and colour them if they like):
 *   manyguard-c++: error: -static-libstdc++ is not allowed [static-libstdcxx]
 *   ext.so:12:3: warning: ... [symbol-version; allowed by MANYGUARD_ALLOW]
 * A rule MANYGUARD_ALLOW allows (rule.h) turns an error into a warning for
 * one build. */
#ifndef MG_DIAG_H
#define MG_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "base/rule.h"

typedef enum mg_severity {
	MG_SEV_ERROR,
	MG_SEV_WARNING,
	MG_SEV_NOTE,
} mg_severity;

/* "error", "warning", "note" (static). */
const char *mg_diag_severity_name(mg_severity sev);

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
