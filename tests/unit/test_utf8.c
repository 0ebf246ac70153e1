/* UTF-8 as jansson accepts it, and the escaping of what breaks it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "tests/unit/tap.h"

static void valid(const char *s, bool want, const char *what)
{
	tap_ok(mg_utf8_valid(s, strlen(s)) == want, "%s: %s", what, want ? "valid" : "not valid");
}

static void escaped(const char *s, const char *want, const char *what)
{
	char *e = mg_utf8_escape(s);
	if (!want)
		tap_ok(e == NULL, "%s: left as it is", what);
	else
		tap_eq_str(e, want, what);
	free(e);
}

int main(void)
{
	valid("plain ascii", true, "ASCII");
	valid("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", true, "2-, 3- and 4-byte sequences");
	valid("\xf4\x8f\xbf\xbf", true, "U+10FFFF");
	valid("caf\xe9", false, "a Latin-1 byte");
	valid("\xc0\xaf", false, "an overlong /");
	valid("\xe0\x80\xaf", false, "an overlong 3-byte /");
	valid("\xed\xa0\x80", false, "a UTF-16 surrogate");
	valid("\xf4\x90\x80\x80", false, "above U+10FFFF");
	valid("\xe2\x82", false, "a sequence cut short");
	valid("\x80", false, "a lone continuation byte");
	escaped("caf\xc3\xa9\\x", NULL, "valid UTF-8 with a backslash");
	escaped("caf\xe9.so", "caf\\xe9.so", "a Latin-1 byte as \\xNN");
	escaped("a\\b\xff", "a\\\\b\\xff", "a backslash doubled where bytes are escaped");
	escaped("\xe2\x82", "\\xe2\\x82", "a cut sequence byte by byte");
	escaped("\xc3\xa9\xe9", "\xc3\xa9\\xe9", "valid sequences kept, the rest escaped");
	return tap_done();
}
