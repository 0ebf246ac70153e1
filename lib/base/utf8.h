/* Text that JSON can carry: a file name is bytes, and a name that is not
 * UTF-8 (a Latin-1 "é") is a valid name that jansson refuses.  Such a
 * string is escaped, never dropped. */
#ifndef MG_BASE_UTF8_H
#define MG_BASE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Whether the LEN bytes at S are valid UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF), as jansson requires. */
bool mg_utf8_valid(const char *s, size_t len);

/* S when it is valid UTF-8; otherwise a copy in which each byte that is
 * not part of a valid sequence is written \xNN and each backslash \\ (the
 * escapes of bash's $'...'), so that the bytes can be recovered.  Returns
 * NULL when S needs no escaping, else a string the caller frees. */
char *mg_utf8_escape(const char *s);

#endif
