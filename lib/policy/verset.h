/* Sets of version names: what a library defines, in version order; the
 * caps a real baseline library sets. */
#ifndef MG_POLICY_VERSET_H
#define MG_POLICY_VERSET_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "policy/caps.h"

/* A set; new ones are empty, free with mg_verset_free. */
typedef struct mg_verset mg_verset;

mg_verset *mg_verset_new(void);
void mg_verset_free(mg_verset *set);

/* Add NAME (copied); adding a name twice keeps one copy. */
int mg_verset_add(mg_verset *set, const char *name, mg_error *err);
bool mg_verset_contains(const mg_verset *set, const char *name);

/* Names in mg_symver_cmp order; strings belong to SET and stay valid until
 * the next mg_verset_add or mg_verset_free. */
size_t mg_verset_count(const mg_verset *set);
const char *mg_verset_at(const mg_verset *set, size_t i);

/* Highest numbered version of PREFIX in SET ("GLIBCXX_3.4.30"), or NULL. */
const char *mg_verset_highest(const mg_verset *set, const char *prefix);

/* Caps from a real baseline library: each numbered prefix of SET capped at
 * its highest version.  Tags are not caps and are left out. */
int mg_verset_to_caps(const mg_verset *set, mg_caps *caps, mg_error *err);

#endif
