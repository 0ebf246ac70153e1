/* Runtime families: which runtime a shared object *is* (from its SONAME or
 * file name, including auditwheel's hash-renamed vendored copies such as
 * libgomp-a34b3233.so.1) and which runtimes an object *contains* (from the
 * symbols it defines: a statically linked copy leaves no NEEDED entry, only
 * definitions).  Plain data in, no ELF reading here. */
#ifndef MG_RUNTIME_H
#define MG_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>

#include "elf/elf.h"
#include "base/error.h"

typedef enum mg_runtime_family {
	MG_RT_NONE = 0,
	MG_RT_LIBSTDCXX,  /* the C++ standard library / C++ ABI runtime */
	MG_RT_LIBGCC_S,   /* GCC's shared runtime and unwinder */
	MG_RT_OPENMP,
	MG_RT_BLAS,
	MG_RT_FORTRAN,    /* libgfortran, libquadmath */
	MG_RT_VENDORED,   /* commonly vendored: libcrypto, libssl, libffi, libz */
} mg_runtime_family;

typedef enum mg_runtime_impl {
	MG_IMPL_NONE = 0,
	MG_IMPL_LIBSTDCXX,      /* GNU libstdc++ */
	MG_IMPL_CXXABI,         /* a C++ ABI runtime: libsupc++ or libc++abi */
	MG_IMPL_LIBGCC_S,       /* libgcc_s.so.1 */
	MG_IMPL_UNWINDER,       /* a static copy of the _Unwind_* unwinder */
	MG_IMPL_GNU_OPENMP,     /* libgomp */
	MG_IMPL_LLVM_OPENMP,    /* libomp */
	MG_IMPL_INTEL_OPENMP,   /* libiomp5 */
	MG_IMPL_KMP_OPENMP,     /* libomp or libiomp5: same code base, same symbols */
	MG_IMPL_UNKNOWN_OPENMP, /* only omp_* API definitions */
	MG_IMPL_OPENBLAS,
	MG_IMPL_MKL,
	MG_IMPL_BLIS,
	MG_IMPL_FLEXIBLAS,
	MG_IMPL_UNKNOWN_BLAS,   /* BLAS entry points (dgemm_) of no known vendor */
	MG_IMPL_LIBGFORTRAN,
	MG_IMPL_LIBQUADMATH,
	MG_IMPL_LIBCRYPTO,
	MG_IMPL_LIBSSL,
	MG_IMPL_LIBFFI,
	MG_IMPL_LIBZ,
	MG_IMPL_COUNT
} mg_runtime_impl;

/* "libstdc++", "openmp", ...; "llvm-openmp", "openblas", ... (static). */
const char *mg_runtime_family_name(mg_runtime_family family);
const char *mg_runtime_impl_name(mg_runtime_impl impl);
mg_runtime_family mg_runtime_impl_family(mg_runtime_impl impl);

/* ---- identification by name -------------------------------------------- */

typedef struct mg_runtime_id {
	mg_runtime_family family;
	mg_runtime_impl impl;
	/* NAME without directory and without auditwheel's "-<8 hex>" hash:
	 * "libgomp.so.1" for libgomp-a34b3233.so.1. */
	char canonical[256];
	bool hashed; /* NAME carried such a hash */
} mg_runtime_id;

/* Identify the runtime a library is, from its SONAME or file name (a path
 * is fine).  Returns 1 and fills ID if NAME is a known runtime, 0 if not
 * (ID->canonical is still filled), -1 if NAME is empty or too long. */
int mg_runtime_identify(const char *name, mg_runtime_id *id, mg_error *err);

/* NAME's basename with an auditwheel hash removed, into BUF.  Returns 1 if
 * a hash was removed, 0 if not, -1 if BUF is too small. */
int mg_runtime_unhash(const char *name, char *buf, size_t size);

/* ---- detection from defined symbols ------------------------------------ */

#define MG_RUNTIME_MAX_EVIDENCE 8

typedef struct mg_runtime_finding {
	mg_runtime_family family;
	mg_runtime_impl impl;
	size_t count;                  /* how many evidence symbols were seen */
	const char *evidence[MG_RUNTIME_MAX_EVIDENCE]; /* the first ones, owned by the scan */
} mg_runtime_finding;

typedef struct mg_runtime_scan mg_runtime_scan;

/* A scan collects the names of the symbols an object defines (dynamic or
 * static symbol table, the caller's choice); "name@VERSION" and
 * "name@@VERSION" are accepted.  Free with mg_runtime_scan_free. */
mg_runtime_scan *mg_runtime_scan_new(void);
void mg_runtime_scan_free(mg_runtime_scan *scan);
int mg_runtime_scan_add(mg_runtime_scan *scan, const char *symbol, mg_error *err);
/* Whether SYMBOL is one the scan counts (a rule matches it). */
bool mg_runtime_scan_wants(const mg_runtime_scan *scan, const char *symbol);
/* Add every named non-local definition of TAB, in table order, as
 * mg_runtime_scan_add would (lib/policy/runtime_symbols.c: fast on tables of
 * 10^5 symbols).  Returns 0, or -1 with ERR set when out of memory. */
int mg_runtime_scan_symbols(mg_runtime_scan *scan, const mg_elf_symbols *tab, mg_error *err);

/* Judge what was collected: fills up to MAX findings, one per
 * implementation found, in mg_runtime_impl order, and returns how many
 * there are (may exceed MAX).  Findings point into SCAN.  Rules (see
 * docs/versions.md, "Runtime identification"):
 *  - libstdc++: definitions only libstdc++ has (std::ios_base::Init,
 *    std::locale::classic); __cxa_throw / __gxx_personality_v0 alone mean
 *    a C++ ABI runtime (libsupc++ or libc++abi).
 *  - OpenMP: __kmpc_* / kmp_* mean libomp or libiomp5 (which also define
 *    GOMP_* entry points); GOMP_* or GOACC_* without them mean libgomp;
 *    omp_* alone an unknown runtime.
 *  - BLAS: openblas_* / gotoblas, mkl_* / MKL_*, bli_*, flexiblas_*, else
 *    dgemm_ / cblas_dgemm for an unknown BLAS. */
size_t mg_runtime_scan_result(const mg_runtime_scan *scan, mg_runtime_finding *out, size_t max);

#endif
