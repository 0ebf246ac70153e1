#include "config.h"
#include "tests/unit/tap.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_count;
static int tap_failed;

static void tap_vline(const char *status, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static void tap_vline(const char *status, const char *fmt, va_list ap)
{
	printf("%s %d - ", status, ++tap_count);
	vprintf(fmt, ap);
}

bool tap_ok(bool cond, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tap_vline(cond ? "ok" : "not ok", fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		tap_failed++;
	fflush(stdout);
	return cond;
}

void tap_skip(const char *reason, ...)
{
	va_list ap;
	printf("ok %d # SKIP ", ++tap_count);
	va_start(ap, reason);
	vprintf(reason, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

void tap_diag(const char *fmt, ...)
{
	va_list ap;
	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

void tap_bail(const char *fmt, ...)
{
	va_list ap;
	fputs("Bail out! ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	exit(99);
}

int tap_done(void)
{
	printf("1..%d\n", tap_count);
	fflush(stdout);
	return tap_failed ? 1 : 0;
}

bool tap_eq_int(long long got, long long want, const char *what)
{
	bool ok = tap_ok(got == want, "%s", what);
	if (!ok)
		tap_diag("  got %lld, want %lld", got, want);
	return ok;
}

bool tap_eq_str(const char *got, const char *want, const char *what)
{
	bool same = (got == NULL && want == NULL) ||
		    (got && want && strcmp(got, want) == 0);
	bool ok = tap_ok(same, "%s", what);
	if (!ok)
		tap_diag("  got \"%s\", want \"%s\"", got ? got : "(null)",
			 want ? want : "(null)");
	return ok;
}
