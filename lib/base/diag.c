/* Diagnostics formatted into memory, GCC's way: location, severity,
 * message, [rule]; a growing buffer of them with the rules' notes. */
#include "config.h"
#include "base/diag.h"
#include "base/grow.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *mg_diag_severity_name(mg_severity sev)
{
	switch (sev) {
	case MG_SEV_ERROR: return "error";
	case MG_SEV_WARNING: return "warning";
	case MG_SEV_NOTE: return "note";
	}
	return "error";
}

/* ---- formatting ----------------------------------------------------------- */

bool mg_diag_apply_allow(mg_diag *d, const mg_allow *allow)
{
	if (d->severity != MG_SEV_ERROR || !mg_rule_allow_has(allow, d->rule))
		return false;
	d->severity = MG_SEV_WARNING;
	d->allowed = true;
	return true;
}

/* snprintf that keeps counting past the end of BUF. */
static void put(char *buf, size_t size, size_t *used, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void put(char *buf, size_t size, size_t *used, const char *fmt, ...)
{
	va_list ap;
	char *dst = *used < size ? buf + *used : NULL;
	size_t room = *used < size ? size - *used : 0;

	va_start(ap, fmt);
	int n = vsnprintf(dst, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		*used += (size_t)n;
}

/* "FILE:LINE:COL: ", "FILE: " or "PROGRAM: ". */
static void put_location(const mg_diag *d, char *buf, size_t size, size_t *used)
{
	if (!d->file) {
		put(buf, size, used, "%s: ", d->program ? d->program : "manyguard");
		return;
	}
	put(buf, size, used, "%s:", d->file);
	if (d->line) {
		put(buf, size, used, "%u:", d->line);
		if (d->col)
			put(buf, size, used, "%u:", d->col);
	}
	put(buf, size, used, " ");
}

size_t mg_diag_format(const mg_diag *d, char *buf, size_t size)
{
	size_t used = 0;
	const mg_rule_info *info = mg_rule_get(d->rule);

	if (size)
		buf[0] = '\0';
	put_location(d, buf, size, &used);
	put(buf, size, &used, "%s: %s", mg_diag_severity_name(d->severity),
	    d->message ? d->message : "");
	if (info)
		put(buf, size, &used, d->allowed ? " [%s; allowed by MANYGUARD_ALLOW]" : " [%s]",
		    info->id);
	return used;
}

void mg_diag_append(mg_diag_buf *b, const mg_diag *d)
{
	size_t need = mg_diag_format(d, NULL, 0);

	/* The line, its newline and the NUL. */
	MG_GROW(b->data, b->len + need + 2, b->cap);
	mg_diag_format(d, b->data + b->len, b->cap - b->len);
	b->len += need;
	b->data[b->len++] = '\n';
	b->data[b->len] = '\0';
}

void mg_diag_append_notes(mg_diag_buf *b, const mg_diag *d)
{
	const mg_rule_info *info = mg_rule_get(d->rule);
	char fix[512];

	if (!info)
		return;
	mg_diag note = *d;
	note.severity = MG_SEV_NOTE;
	note.rule = MG_RULE_NONE;
	note.allowed = false;
	note.message = info->why;
	mg_diag_append(b, &note);
	snprintf(fix, sizeof fix, "fix: %s", info->fix);
	note.message = fix;
	mg_diag_append(b, &note);
}

void mg_diag_buf_free(mg_diag_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
