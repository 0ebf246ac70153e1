/* The linker wrapper's judgement: inputs that must never be linked
 * (static libstdc++ and OpenMP archives), checked before the real linker
 * runs, and the facts of the finished output (versions above the policy's
 * caps, nonshared symbols exported, runtimes copied in, mixed OpenMP,
 * libraries outside the policy), checked after.  Findings become
 * diagnostics in a report; the program prints them and decides. */
#ifndef MG_LD_CHECK_H
#define MG_LD_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "elf/elf.h"
#include "base/error.h"
#include "policy/baseline.h"
#include "ld/ld_line.h"
#include "policy/policy.h"

typedef struct mg_ld_report {
	const char *program;   /* "manyguard-ld" */
	const mg_allow *allow; /* MANYGUARD_ALLOW, may be NULL */
	mg_diag_buf text;      /* the diagnostics, newline-terminated lines */
	size_t errors;         /* errors left after MANYGUARD_ALLOW */
	unsigned noted;        /* rules whose why/fix notes are in TEXT already */
	size_t n_findings;     /* every diagnostic with a rule, for the manifest */
	size_t cap_findings;
	struct mg_ld_finding *findings;
} mg_ld_report;

typedef struct mg_ld_finding {
	mg_rule rule;
	mg_severity severity;  /* after MANYGUARD_ALLOW */
	bool allowed;          /* downgraded by MANYGUARD_ALLOW */
	char *message;
} mg_ld_finding;

/* Free the report's text and findings (the struct itself is the caller's). */
void mg_ld_report_free(mg_ld_report *rep);

/* Before linking: libstdc++.a [static-libstdcxx] and libgomp.a, libomp.a,
 * libiomp5.a (hash-renamed too) [static-openmp], however they are named:
 * a path, -l in static state, -l:file, an entry of a linker script.  A
 * static -l of one of those runtimes counts even when the archive does
 * not exist (the link would fail anyway, or find it on another machine). */
void mg_ld_check_inputs(const mg_ld_line *line, mg_ld_report *rep);

typedef struct mg_ld_verify_opts {
	const mg_policy *policy;
	const char *runtime_dir; /* MANYGUARD_RUNTIME_DIR, or NULL */
	/* MANYGUARD_BASELINE_LIBSTDCXX's caps for libstdc++ and libgcc_s,
	 * or NULL: the policy's caps for everything. */
	const mg_ld_baseline *baseline;
} mg_ld_verify_opts;

/* After linking: the output LINE->output, opened as OUTPUT (the caller
 * opens it once for the checks and the manifest), against OPTS.  Returns 0
 * when the output was judged (findings are in REP), -1 with ERR set when it
 * cannot be read: an unverifiable output must not stay. */
int mg_ld_verify(const mg_ld_line *line, mg_elf *output, const mg_ld_verify_opts *opts,
		 mg_ld_report *rep, mg_error *err);

#endif
