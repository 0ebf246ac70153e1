/* What an OpenMP runtime directory of `manyguard openmp` says about itself
 * (its openmp.json, docs/openmp.md): read by the linker wrapper for the
 * manifest and by `manyguard openmp --check`, which do not share a layer
 * above this one (lib/rtdir writes the file). */
#ifndef MG_POLICY_OMPINFO_H
#define MG_POLICY_OMPINFO_H

#include <stddef.h>

#include "base/error.h"

/* The runtime's SONAME and the file the directory names it by: a name no
 * system library has, so the loader never confuses it with a machine's
 * libgomp.so.1 and the audit knows the shared runtime by it. */
#define MG_OMPINFO_SONAME "libgomp-manyguard.so.1"
#define MG_OMPINFO_FILE "openmp.json"
/* The distribution of the shared runtime's wheel (`manyguard openmp
 * --wheel`), which packages whose files need the SONAME must require. */
#define MG_OMPINFO_DIST "manyguard-openmp"

typedef struct mg_ompinfo {
	char *dir;          /* the directory (absolute) */
	char *library;      /* DIR/libgomp-manyguard.so.1 */
	char *source;       /* "Debian bookworm source package gcc-12 ..." */
	char *policy;       /* the policy it was built for */
	char *glibc_max;    /* "GLIBC_2.17" */
} mg_ompinfo;

/* Read DIR/openmp.json into INFO (free with mg_ompinfo_free): 1 when
 * read, 0 when DIR has none (not such a directory; INFO left empty), -1
 * with ERR naming the file when it is there but unreadable or incomplete. */
int mg_ompinfo_read(const char *dir, mg_ompinfo *info, mg_error *err);

/* The same for openmp.json's text TEXT (LEN bytes, not necessarily
 * NUL-terminated) found in DIR (named PATH in errors): 1, or -1 with ERR.
 * DIR is not read (INFO->dir and ->library are made from it). */
int mg_ompinfo_parse(const char *text, size_t len, const char *path, const char *dir,
		     mg_ompinfo *info, mg_error *err);

void mg_ompinfo_free(mg_ompinfo *info);

#endif
