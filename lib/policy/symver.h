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

/* Parse the dotted number TEXT ("3.4.24") into V's parts; false when TEXT
 * is not exactly "N(.N)*". */
bool mg_symver_parse_number(const char *text, mg_symver *v);

#endif
