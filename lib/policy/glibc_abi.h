/* The glibc ABI table (policy/glibc/ARCH.abi, format in
 * docs/glibc-table.md): for every glibc release it covers, which library
 * defines which symbol at which version, default or compat, of what kind
 * and size, and the version nodes of each library in definition order.
 *
 * The table is read once (it is a few thousand lines) into memory that the
 * returned object owns: every string and record below belongs to it and
 * lives until mg_glibc_abi_free.  Names are hashed, so a lookup costs one
 * hash probe and a walk over that name's few lines: cheap enough for every
 * link.  Releases are named by their index in the table (oldest first). */
#ifndef MG_POLICY_GLIBC_ABI_H
#define MG_POLICY_GLIBC_ABI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

/* At most this many releases (the masks below are 64-bit). */
#define MG_GLIBC_ABI_MAX_RELEASES 64

typedef struct mg_glibc_abi mg_glibc_abi;

/* A symbol's status as the table writes it.  The two obsolete ones are
 * compat in glibc's default configuration and default when glibc was
 * configured with --enable-obsolete-rpc / --enable-obsolete-nsl. */
typedef enum mg_glibc_abi_status {
	MG_GLIBC_ABI_DEFAULT,      /* name@@VERSION */
	MG_GLIBC_ABI_COMPAT,       /* name@VERSION */
	MG_GLIBC_ABI_OBSOLETE_RPC, /* compat/obsolete-rpc */
	MG_GLIBC_ABI_OBSOLETE_NSL, /* compat/obsolete-nsl */
} mg_glibc_abi_status;

/* Configure options that turn the obsolete statuses into default ones
 * (mg_glibc_abi_is_default); 0 is glibc's own configuration. */
#define MG_GLIBC_ABI_ENABLE_OBSOLETE_RPC 1u
#define MG_GLIBC_ABI_ENABLE_OBSOLETE_NSL 2u

/* A library line: glibc's name for it ("libc", "libpthread", "ld"), its
 * SONAME, and the releases that build it (bit I: release I). */
typedef struct mg_glibc_abi_lib {
	const char *name;
	const char *soname;
	uint64_t releases;
} mg_glibc_abi_lib;

/* A version node of a library, in the library's definition order. */
typedef struct mg_glibc_abi_version {
	const char *name;
	uint64_t releases;
} mg_glibc_abi_version;

/* A symbol line: LIB defines NAME at VERSION in the releases of the mask. */
typedef struct mg_glibc_abi_symbol {
	size_t lib;          /* index of mg_glibc_abi_lib_at */
	const char *name;
	const char *version;
	char kind;           /* 'F' function, 'D' data object, 'T' TLS object */
	uint64_t size;       /* for 'D' and 'T'; 0 for 'F' */
	mg_glibc_abi_status status;
	uint64_t releases;
} mg_glibc_abi_symbol;

/* ---- loading ---------------------------------------------------------- */

/* Parse the table TEXT of LEN bytes (it need not be NUL-terminated); PATH
 * names it in errors ("PATH: line N: ..."). */
mg_glibc_abi *mg_glibc_abi_parse(const char *text, size_t len, const char *path,
				 mg_error *err);

/* Read and parse the table at PATH. */
mg_glibc_abi *mg_glibc_abi_load(const char *path, mg_error *err);

/* The installed table of ARCH ("x86_64", "aarch64"): POLICY_DIR/glibc/ARCH.abi,
 * POLICY_DIR NULL meaning mg_policy_default_dir() (the tables are installed
 * with the policies). */
mg_glibc_abi *mg_glibc_abi_load_arch(const char *policy_dir, const char *arch,
				     mg_error *err);

/* The path mg_glibc_abi_load_arch reads; free with free(). */
char *mg_glibc_abi_arch_path(const char *policy_dir, const char *arch);

void mg_glibc_abi_free(mg_glibc_abi *abi);

/* ---- the table -------------------------------------------------------- */

const char *mg_glibc_abi_arch(const mg_glibc_abi *abi);
/* The architecture's oldest version ("GLIBC_2.2.5"). */
const char *mg_glibc_abi_base_version(const mg_glibc_abi *abi);
/* SHA-256 of the table's bytes, 64 hex digits (a cache key). */
const char *mg_glibc_abi_digest(const mg_glibc_abi *abi);

size_t mg_glibc_abi_release_count(const mg_glibc_abi *abi);
/* Release I's name ("2.17"), tag and commit. */
const char *mg_glibc_abi_release_at(const mg_glibc_abi *abi, size_t i);
const char *mg_glibc_abi_release_tag(const mg_glibc_abi *abi, size_t i);
/* The index of release NAME ("2.17"), or -1 when the table lacks it. */
int mg_glibc_abi_release_index(const mg_glibc_abi *abi, const char *name);
/* Compare two release names numerically ("2.9" < "2.17"); names that are
 * not dotted numbers sort after those that are, by strcmp. */
int mg_glibc_abi_release_cmp(const char *a, const char *b);

/* Libraries in the table's order (libc first). */
size_t mg_glibc_abi_lib_count(const mg_glibc_abi *abi);
const mg_glibc_abi_lib *mg_glibc_abi_lib_at(const mg_glibc_abi *abi, size_t i);
/* The index of the library named NAME ("libpthread"), or -1. */
int mg_glibc_abi_lib_index(const mg_glibc_abi *abi, const char *name);

/* Version nodes of library LIB, every release's, in definition order. */
size_t mg_glibc_abi_version_count(const mg_glibc_abi *abi, size_t lib);
const mg_glibc_abi_version *mg_glibc_abi_version_at(const mg_glibc_abi *abi, size_t lib,
						    size_t i);
/* The verdef parent of VERSION when PREVIOUS is the node before it within a
 * release (glibc's scripts/versions.awk): PREVIOUS when both share their
 * non-numeric prefix (GLIBC_2.3 after GLIBC_2.2.6, GLIBC_ABI_DT_RELR after
 * GLIBC_2.36), else NULL (GLIBC_ABI_GNU2_TLS after GLIBC_ABI_DT_X86_64_PLT). */
const char *mg_glibc_abi_version_parent(const char *previous, const char *version);

/* Every symbol line, in table order: by library, then name, then version;
 * one library's lines are consecutive. */
size_t mg_glibc_abi_symbol_count(const mg_glibc_abi *abi);
const mg_glibc_abi_symbol *mg_glibc_abi_symbol_at(const mg_glibc_abi *abi, size_t i);

/* Whether release REL is in a mask of the records above. */
static inline bool mg_glibc_abi_in(uint64_t releases, int rel)
{
	return rel >= 0 && rel < MG_GLIBC_ABI_MAX_RELEASES && (releases >> rel & 1u);
}

/* Whether S is name@@VERSION, given the configure options ENABLE
 * (MG_GLIBC_ABI_ENABLE_*). */
bool mg_glibc_abi_is_default(const mg_glibc_abi_symbol *s, unsigned enable);

/* ---- lookups by name -------------------------------------------------- */

/* The first line of NAME in table order, or NULL; _next gives the following
 * line of the same name (any library, version and release), or NULL. */
const mg_glibc_abi_symbol *mg_glibc_abi_lookup(const mg_glibc_abi *abi, const char *name);
const mg_glibc_abi_symbol *mg_glibc_abi_lookup_next(const mg_glibc_abi *abi,
						    const mg_glibc_abi_symbol *s);

/* Where NAME is defined by default at release REL (glibc's configuration):
 * up to MAX lines, in library order, into OUT; returns how many there are
 * (which may exceed MAX).  A name can be default in two libraries of one
 * release: clock_gettime in libc (GLIBC_2.17) and librt (GLIBC_2.2.5) in
 * 2.17 to 2.33. */
size_t mg_glibc_abi_where(const mg_glibc_abi *abi, const char *name, int rel,
			  const mg_glibc_abi_symbol **out, size_t max);

/* NAME@VERSION at release REL, default or compat, in any library (the
 * first in library order), or NULL when REL has no such definition. */
const mg_glibc_abi_symbol *mg_glibc_abi_find(const mg_glibc_abi *abi, const char *name,
					     const char *version, int rel);

/* Whether release REL defines NAME at any version, default or compat. */
bool mg_glibc_abi_defines(const mg_glibc_abi *abi, const char *name, int rel);

/* The first release at or after FROM in which NAME has a default version
 * (in glibc's configuration), -1 if none; *FIRST (if not NULL) receives
 * that release's default line, the first in library order ("close_range
 * is libc's GLIBC_2.34"). */
int mg_glibc_abi_first_release(const mg_glibc_abi *abi, const char *name, int from,
			       const mg_glibc_abi_symbol **first);

#endif
