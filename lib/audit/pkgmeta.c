/* Core metadata read for one question: does the package require a given
 * distribution?  Passes over the header block: join each header with its
 * continuation lines; for every Requires-Dist, read the requirement's name
 * (PEP 508: letters, digits, '-', '_', '.') and compare it normalized;
 * then look in its marker (after ';') for the variable `extra`, which makes
 * the requirement optional.  Anything else in the requirement (extras in
 * brackets, versions, URLs) does not change the answer. */
#include "config.h"
#include "audit/pkgmeta.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libiberty/libiberty.h>

static bool is_sep(char c)
{
	return c == '-' || c == '_' || c == '.';
}

static bool is_name_char(char c)
{
	return isalnum((unsigned char)c) || is_sep(c);
}

static bool is_word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* NAME (LEN bytes) and DIST equal once normalized: lower case, every run
 * of separators one '-'. */
static bool same_name(const char *name, size_t len, const char *dist)
{
	size_t i = 0;
	const char *d = dist;
	while (i < len && *d) {
		if (is_sep(name[i]) && is_sep(*d)) {
			while (i < len && is_sep(name[i]))
				i++;
			while (is_sep(*d))
				d++;
			continue;
		}
		if (tolower((unsigned char)name[i]) != tolower((unsigned char)*d))
			return false;
		i++;
		d++;
	}
	return i == len && !*d;
}

/* The quoted string after `extra ==` at P (END: the marker's end) into
 * EXTRA; empty when the marker has another form. */
static void extra_name(const char *p, const char *end, char *extra, size_t size)
{
	if (!extra || !size)
		return;
	extra[0] = '\0';
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (end - p < 2 || p[0] != '=' || p[1] != '=')
		return;
	p += 2;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p == end || (*p != '"' && *p != '\''))
		return;
	char quote = *p++;
	const char *close = memchr(p, quote, (size_t)(end - p));
	if (!close)
		return;
	size_t n = (size_t)(close - p);
	if (n >= size)
		n = size - 1;
	memcpy(extra, p, n);
	extra[n] = '\0';
}

/* One Requires-Dist value V (N bytes) judged for DIST. */
static mg_pkgmeta_dep judge(const char *v, size_t n, const char *dist, char *extra,
			    size_t size)
{
	const char *end = v + n, *p = v;
	while (p < end && isspace((unsigned char)*p))
		p++;
	const char *name = p;
	while (p < end && is_name_char(*p))
		p++;
	if (p == name || !same_name(name, (size_t)(p - name), dist))
		return MG_PKGMETA_ABSENT;
	const char *marker = memchr(p, ';', (size_t)(end - p));
	if (!marker)
		return MG_PKGMETA_REQUIRED;
	for (const char *m = marker + 1; m + 5 <= end; m++) {
		if (memcmp(m, "extra", 5) != 0 || is_word_char(m[-1]) ||
		    (m + 5 < end && is_word_char(m[5])))
			continue;
		extra_name(m + 5, end, extra, size);
		return MG_PKGMETA_EXTRA;
	}
	return MG_PKGMETA_REQUIRED;
}

/* The header HEADER (N bytes, continuation lines joined) judged for DIST,
 * when it is a Requires-Dist. */
static mg_pkgmeta_dep header(const char *h, size_t n, const char *dist, char *extra,
			     size_t size)
{
	static const char key[] = "requires-dist";
	const size_t klen = sizeof key - 1;
	if (n <= klen || strncasecmp(h, key, klen) != 0)
		return MG_PKGMETA_ABSENT;
	const char *p = h + klen;
	while (p < h + n && (*p == ' ' || *p == '\t'))
		p++;
	if (p == h + n || *p != ':')
		return MG_PKGMETA_ABSENT;
	p++;
	return judge(p, (size_t)(h + n - p), dist, extra, size);
}

mg_pkgmeta_dep mg_pkgmeta_requires(const char *text, size_t len, const char *dist,
				   char *extra, size_t size)
{
	mg_pkgmeta_dep best = MG_PKGMETA_ABSENT;
	char found_extra[128] = "";
	/* The header being joined: at most the whole text. */
	char *cur = xmalloc(len + 1);
	size_t n = 0;
	const char *p = text, *end = text + len;

	if (extra && size)
		extra[0] = '\0';
	for (;;) {
		const char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
		const char *eol = nl ? nl : end;
		size_t line = (size_t)(eol - p);
		if (line && p[line - 1] == '\r')
			line--;
		bool last = p >= end || line == 0;
		bool continued = !last && (p[0] == ' ' || p[0] == '\t');
		if (!continued && n) {
			char this_extra[128];
			mg_pkgmeta_dep d = header(cur, n, dist, this_extra, sizeof this_extra);
			if (d == MG_PKGMETA_REQUIRED) {
				best = d;
				break;
			}
			if (d == MG_PKGMETA_EXTRA && best == MG_PKGMETA_ABSENT) {
				best = d;
				snprintf(found_extra, sizeof found_extra, "%s", this_extra);
			}
			n = 0;
		}
		if (last)
			break;
		if (continued && n)
			cur[n++] = ' ';
		memcpy(cur + n, p, line);
		n += line;
		p = nl ? nl + 1 : end;
	}
	free(cur);
	if (best == MG_PKGMETA_EXTRA && extra && size)
		snprintf(extra, size, "%s", found_extra);
	return best;
}
