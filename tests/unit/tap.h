/* Minimal TAP producer for the C unit tests: the automake TAP driver counts
 * every check, and a skip carries its reason into the test log. */
#ifndef MG_TAP_H
#define MG_TAP_H

#include <stdbool.h>

/* Record one check; returns COND so a test can stop early on failure. */
bool tap_ok(bool cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Record one skipped check with the reason this machine cannot run it. */
void tap_skip(const char *reason, ...) __attribute__((format(printf, 1, 2)));
/* A diagnostic line ("# ...") shown in the log. */
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Abort the whole test with "Bail out!" (a setup step failed). */
_Noreturn void tap_bail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print the plan and return the exit status for main(). */
int tap_done(void);

/* Equality helpers that print both sides on failure. */
bool tap_eq_int(long long got, long long want, const char *what);
bool tap_eq_str(const char *got, const char *want, const char *what);

#endif
