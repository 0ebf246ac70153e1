/* Symbol version names: split at the last '_' before a dotted number,
 * ordered numerically within a prefix, anything else a tag. */
#include "config.h"
#include "policy/symver.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

/* Components above this are not version numbers but something else
 * spelled with digits; such names are kept whole as tags. */
#define MAX_COMPONENT 999999999UL

bool mg_symver_parse_number(const char *text, mg_symver *v)
{
	const char *p = text;
	unsigned n = 0;

	if (!*p)
		return false;
	for (;;) {
		if (!isdigit((unsigned char)*p) || n == MG_SYMVER_MAX_PARTS)
			return false;
		unsigned long value = 0;
		while (isdigit((unsigned char)*p)) {
			value = value * 10 + (unsigned long)(*p - '0');
			if (value > MAX_COMPONENT)
				return false;
			p++;
		}
		v->parts[n++] = value;
		if (*p == '\0')
			break;
		if (*p != '.')
			return false;
		p++;
	}
	v->nparts = n;
	return true;
}

int mg_symver_parse(const char *name, mg_symver *out, mg_error *err)
{
	size_t len = name ? strlen(name) : 0;

	if (len == 0)
		return mg_error_set(err, NULL, "empty symbol version name");
	if (len >= sizeof out->prefix)
		return mg_error_set(err, NULL, "symbol version name longer than %d bytes: %.40s...",
				    MG_SYMVER_MAX_NAME - 1, name);
	memset(out, 0, sizeof *out);

	const char *us = strrchr(name, '_');
	if (us && us != name && mg_symver_parse_number(us + 1, out)) {
		memcpy(out->prefix, name, (size_t)(us - name));
		out->prefix[us - name] = '\0';
		return 0;
	}
	out->nparts = 0;
	memcpy(out->prefix, name, len + 1);
	return 0;
}

int mg_symver_cmp(const mg_symver *a, const mg_symver *b)
{
	int c = strcmp(a->prefix, b->prefix);
	if (c)
		return c;
	unsigned n = a->nparts > b->nparts ? a->nparts : b->nparts;
	for (unsigned i = 0; i < n; i++) {
		unsigned long x = i < a->nparts ? a->parts[i] : 0;
		unsigned long y = i < b->nparts ? b->parts[i] : 0;
		if (x != y)
			return x < y ? -1 : 1;
	}
	return 0;
}

int mg_symver_cmp_names(const char *a, const char *b)
{
	mg_symver va, vb;

	if (mg_symver_parse(a, &va, NULL) < 0 || mg_symver_parse(b, &vb, NULL) < 0)
		return strcmp(a ? a : "", b ? b : "");
	int c = mg_symver_cmp(&va, &vb);
	/* Keep distinct spellings of equal versions (GCC_11.0, GCC_11.0.0)
	 * apart so sets stay sets. */
	return c ? c : strcmp(a, b);
}

const char *mg_symver_format(const mg_symver *v, char *buf, size_t size)
{
	size_t used = 0;
	int n = snprintf(buf, size, "%s", v->prefix);

	if (n < 0 || (size_t)n >= size)
		return buf;
	used = (size_t)n;
	for (unsigned i = 0; i < v->nparts; i++) {
		n = snprintf(buf + used, size - used, "%c%lu", i ? '.' : '_', v->parts[i]);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
	return buf;
}

