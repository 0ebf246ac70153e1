/* Symbol version names (GLIBCXX_3.4.9, CXXABI_TM_1, GLIBC_PRIVATE ...):
 * parsing, numeric ordering within a prefix, caps (prefix -> highest
 * allowed version) and sets of versions a library defines.
 *
 * A name is split at its last '_' when everything after it is a dotted
 * number: GLIBCXX_LDBL_3.4.31 -> ("GLIBCXX_LDBL", 3.4.31), CXXABI_TM_1 ->
 * ("CXXABI_TM", 1).  Anything else is a "tag" whose prefix is the whole
 * name and which has no numeric part: GLIBC_PRIVATE, CXXABI_FLOAT128,
 * GLIBC_ABI_DT_RELR, VERSION.  docs/versions.md explains how the special
 * ones are judged against caps. */
#ifndef MG_SYMVER_H
#define MG_SYMVER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

#define MG_SYMVER_MAX_PARTS 8
#define MG_SYMVER_MAX_NAME 256

typedef struct mg_symver {
	char prefix[MG_SYMVER_MAX_NAME]; /* "GLIBCXX", "CXXABI_TM", "GLIBC_PRIVATE" */
	unsigned nparts;                 /* 0 for a tag such as GLIBC_PRIVATE */
	unsigned long parts[MG_SYMVER_MAX_PARTS];
} mg_symver;

/* Parse NAME into OUT.  Fails only for an empty name or one longer than
 * MG_SYMVER_MAX_NAME - 1 bytes; unusual names become tags. */
int mg_symver_parse(const char *name, mg_symver *out, mg_error *err);

/* Order two parsed versions: by prefix (strcmp), then numerically, a
 * missing component counting as 0 (GCC_11.0 == GCC_11.0.0).  Returns <0, 0
 * or >0. */
int mg_symver_cmp(const mg_symver *a, const mg_symver *b);

/* Same order on names; unparseable names sort by strcmp. */
int mg_symver_cmp_names(const char *a, const char *b);

/* "PREFIX_N.N.N" (or the bare prefix of a tag) into BUF; returns BUF. */
const char *mg_symver_format(const mg_symver *v, char *buf, size_t size);

/* ---- caps: prefix -> highest allowed version ---------------------------
 * A cap may also say "this prefix does not exist in the baseline" (e.g.
 * LIBATOMIC on manylinux_2_17 x86_64, CXXABI_FLOAT128 on aarch64); every
 * version of such a prefix then exceeds the caps. */
typedef struct mg_caps mg_caps;

/* New empty caps, or NULL on allocation failure.  Free with mg_caps_free. */
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

/* ---- sets of version names (what a library defines) -------------------- */
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
