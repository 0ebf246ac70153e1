/* Caps: for each version prefix the highest allowed version ("GLIBCXX" ->
 * GLIBCXX_3.4.24), or "this prefix does not exist in the baseline", and
 * the verdict on a version against them (docs/versions.md). */
#ifndef MG_POLICY_CAPS_H
#define MG_POLICY_CAPS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "policy/symver.h"

/* A cap may also say "this prefix does not exist in the baseline" (e.g.
 * LIBATOMIC on manylinux_2_17 x86_64, CXXABI_FLOAT128 on aarch64); every
 * version of such a prefix then exceeds the caps. */
typedef struct mg_caps mg_caps;

/* New empty caps.  Free with mg_caps_free. */
mg_caps *mg_caps_new(void);
void mg_caps_free(mg_caps *caps);

/* Set the cap of PREFIX to the dotted number MAX ("3.4.24"), or mark the
 * prefix absent when MAX is NULL.  Replaces an earlier cap of PREFIX. */
int mg_caps_set(mg_caps *caps, const char *prefix, const char *max, mg_error *err);

/* Number of prefixes and the I-th prefix (in insertion order), its cap
 * formatted as a full name ("GLIBCXX_3.4.24") or NULL when absent.  The
 * strings belong to CAPS. */
size_t mg_caps_count(const mg_caps *caps);
const char *mg_caps_prefix_at(const mg_caps *caps, size_t i);
const char *mg_caps_max_at(const mg_caps *caps, size_t i);

/* The cap of PREFIX as a full name, or NULL if PREFIX is absent or not
 * capped (*KNOWN, if given, tells the two apart). */
const char *mg_caps_get(const mg_caps *caps, const char *prefix, bool *known);

typedef enum mg_caps_verdict {
	MG_CAPS_WITHIN,    /* at or below the cap of its prefix */
	MG_CAPS_EXCEEDS,   /* newer than the cap, or a node the baseline lacks */
	MG_CAPS_FORBIDDEN, /* never allowed for external users (GLIBC_PRIVATE) */
	MG_CAPS_UNCAPPED,  /* the caps say nothing about this prefix */
} mg_caps_verdict;

typedef struct mg_caps_result {
	mg_caps_verdict verdict;
	/* The version actually compared: the name itself, or the numbered
	 * equivalent of a special one ("CXXABI_1.3.6" for CXXABI_TM_1). */
	char compared[MG_SYMVER_MAX_NAME];
	/* The cap it was compared with ("" when none). */
	char cap[MG_SYMVER_MAX_NAME];
	/* Why a special rule applied, a static string, or NULL. */
	const char *rule;
} mg_caps_result;

/* Judge VERSION against CAPS.  Fails only when VERSION cannot be parsed. */
int mg_caps_check(const mg_caps *caps, const char *version, mg_caps_result *res,
		  mg_error *err);

#endif
