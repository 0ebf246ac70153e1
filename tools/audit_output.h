/* The two renderings of an audit: the readable report and the JSON
 * document described in docs/audit.md. */
#ifndef MG_AUDIT_OUTPUT_H
#define MG_AUDIT_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "audit/audit.h"

typedef struct audit_output {
	bool color;          /* ANSI colours (only on a terminal) */
	const char *policy;  /* the policy's name, or "auto", or NULL */
} audit_output;

/* Cross-package findings first, then each package with its findings,
 * then the inputs that could not be read, then a summary line. */
void audit_output_text(FILE *out, const mg_audit *audit, const audit_output *o);

/* The JSON document; -1 when it cannot be written. */
int audit_output_json(FILE *out, const mg_audit *audit, const audit_output *o);

#endif
