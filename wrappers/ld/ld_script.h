/* The input commands of GNU ld scripts given as inputs: INPUT(...),
 * GROUP(...) and AS_NEEDED(...) inside them, as in libc.so, or the
 * libstdc++.so that `manyguard nonshared` writes.  Everything else in a
 * script (OUTPUT_FORMAT, SECTIONS, ...) is skipped: the wrapper only needs
 * to know which files the script pulls in. */
#ifndef LD_SCRIPT_H
#define LD_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

typedef struct ld_script_entry {
	char *name;     /* "/lib/x86_64-linux-gnu/libc.so.6", "-lgcc", "libfoo.a" */
	bool as_needed; /* inside AS_NEEDED(...) */
} ld_script_entry;

typedef struct ld_script {
	size_t count, cap;
	ld_script_entry *entries; /* in script order */
} ld_script;

/* Parse TEXT (LEN bytes, not necessarily NUL-terminated) into OUT, which
 * the caller frees with ld_script_free (also after a failure).  Returns
 * 1 when TEXT is a script with at least one INPUT or GROUP command, 0 when
 * it has none (OUT empty: not an input script, e.g. binary data), -1 with
 * ERR naming NAME when an INPUT/GROUP command is malformed. */
int ld_script_parse(const char *text, size_t len, const char *name,
		       ld_script *out, mg_error *err);

void ld_script_free(ld_script *script);

#endif
