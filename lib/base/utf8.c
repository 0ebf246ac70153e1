/* UTF-8 validation (RFC 3629: the shortest form only, no UTF-16
 * surrogates, nothing above U+10FFFF) and the escaping of the bytes that
 * break it. */
#include "config.h"
#include "base/utf8.h"

#include <stdio.h>
#include <string.h>

#include <libiberty/libiberty.h>

/* The length of the valid sequence at P (at most N bytes), or 0. */
static size_t sequence(const unsigned char *p, size_t n)
{
	unsigned char c = p[0];
	if (c < 0x80)
		return 1;
	size_t len;
	unsigned char lo = 0x80, hi = 0xbf; /* the range of the second byte */
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		if (c == 0xe0)
			lo = 0xa0; /* overlong below */
		if (c == 0xed)
			hi = 0x9f; /* surrogates above */
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		if (c == 0xf0)
			lo = 0x90;
		if (c == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return len;
}

bool mg_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		size_t n = sequence(p + i, len - i);
		if (!n)
			return false;
		i += n;
	}
	return true;
}

char *mg_utf8_escape(const char *s)
{
	size_t len = strlen(s);
	if (mg_utf8_valid(s, len))
		return NULL;
	const unsigned char *p = (const unsigned char *)s;
	char *out = xmalloc(4 * len + 1), *o = out;
	for (size_t i = 0; i < len;) {
		size_t n = sequence(p + i, len - i);
		if (n && p[i] == '\\') {
			*o++ = '\\';
			*o++ = '\\';
		} else if (n) {
			memcpy(o, p + i, n);
			o += n;
		} else {
			o += sprintf(o, "\\x%02x", p[i]);
			n = 1;
		}
		i += n;
	}
	*o = '\0';
	return out;
}
