/* The linker wrapper's report: the findings of one link put into GCC-style
 * diagnostics (each rule in the wrapper's own words, with its notes), and
 * kept for the manifest.  The program prints the text and decides. */
#ifndef LD_REPORT_H
#define LD_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "rules/finding.h"

typedef struct ld_report {
	const char *program;   /* "manyguard-ld" */
	const mg_allow *allow; /* MANYGUARD_ALLOW, may be NULL */
	mg_diag_buf text;      /* the diagnostics, newline-terminated lines */
	size_t errors;         /* errors left after MANYGUARD_ALLOW */
	unsigned noted;        /* rules whose why/fix notes are in TEXT already */
	mg_findings findings;  /* every finding reported, worded (MESSAGE), for
				  the manifest */
} ld_report;

/* Free the report's text and findings (the struct itself is the caller's). */
void ld_report_free(ld_report *rep);

/* Whether REP already reported a finding of RULE. */
bool ld_report_has(const ld_report *rep, mg_rule rule);

/* A finding made by the wrapper itself (the refusal of an input) with its
 * MESSAGE already worded: MANYGUARD_ALLOW applied, the line and the rule's
 * notes added, F moved into REP. */
void ld_report_add(ld_report *rep, mg_finding *f);

/* The findings of lib/rules about OUTPUT, judged against POLICY (its
 * name), put into words and moved into REP (FOUND is left empty).
 * RUNTIME_ADVICE, when not NULL, is one more note after versions required
 * from the C++ runtimes: how to link against the right runtime directory. */
void ld_report_findings(ld_report *rep, const char *output, const char *policy,
			   mg_findings *found, const char *runtime_advice);

/* An error tied to no rule (a broken link, not a policy's verdict): no
 * MANYGUARD_ALLOW turns it into a warning; counted in ERRORS. */
void ld_report_error(ld_report *rep, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A note line tied to no rule. */
void ld_report_note(ld_report *rep, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
