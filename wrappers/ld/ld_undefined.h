/* The undefined references of a failed link, read from the real linker's
 * messages (GNU ld, gold, lld), so that the rules can say why a runtime
 * lacks them (mg_rules_explain_undefined). */
#ifndef LD_UNDEFINED_H
#define LD_UNDEFINED_H

#include <stddef.h>

/* The names TEXT (LEN bytes of the linker's standard error) reports as
 * undefined, each once, in order: "undefined reference to `NAME'" (GNU
 * ld), "undefined reference to 'NAME'" (gold), "undefined symbol: NAME"
 * (lld); and a library's versioned references as "NAME@VERSION": GNU ld's
 * "`NAME@VERSION'", gold's "'NAME', version 'VERSION'", lld's "undefined
 * reference to NAME@VERSION [...]".  *NAMES is a malloc'd array of malloc'd strings (free both);
 * returns their number. */
size_t ld_undefined_names(const char *text, size_t len, char ***names);

#endif
