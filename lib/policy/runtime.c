/* Runtime families: which runtime a library is, by its SONAME or file
 * name (auditwheel's hash-renamed copies included), and which runtimes an
 * object contains, by the definitions a scan collects (rules picked by a
 * name's first characters; lib/policy/runtime_symbols.c feeds whole symbol
 * tables). */
#include "config.h"
#include "policy/runtime.h"

#include <assert.h>
#include <ctype.h>
#include <limits.h>
#include <libiberty/hashtab.h>
#include <libiberty/libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	mg_runtime_family family;
} impls[MG_IMPL_COUNT] = {
	[MG_IMPL_NONE] = {"none", MG_RT_NONE},
	[MG_IMPL_LIBSTDCXX] = {"libstdc++", MG_RT_LIBSTDCXX},
	[MG_IMPL_CXXABI] = {"c++abi-runtime", MG_RT_LIBSTDCXX},
	[MG_IMPL_LIBGCC_S] = {"libgcc_s", MG_RT_LIBGCC_S},
	[MG_IMPL_UNWINDER] = {"unwinder", MG_RT_LIBGCC_S},
	[MG_IMPL_GNU_OPENMP] = {"gnu-openmp", MG_RT_OPENMP},
	[MG_IMPL_LLVM_OPENMP] = {"llvm-openmp", MG_RT_OPENMP},
	[MG_IMPL_INTEL_OPENMP] = {"intel-openmp", MG_RT_OPENMP},
	[MG_IMPL_KMP_OPENMP] = {"llvm-or-intel-openmp", MG_RT_OPENMP},
	[MG_IMPL_UNKNOWN_OPENMP] = {"unknown-openmp", MG_RT_OPENMP},
	[MG_IMPL_OPENBLAS] = {"openblas", MG_RT_BLAS},
	[MG_IMPL_MKL] = {"mkl", MG_RT_BLAS},
	[MG_IMPL_BLIS] = {"blis", MG_RT_BLAS},
	[MG_IMPL_FLEXIBLAS] = {"flexiblas", MG_RT_BLAS},
	[MG_IMPL_UNKNOWN_BLAS] = {"unknown-blas", MG_RT_BLAS},
	[MG_IMPL_LIBGFORTRAN] = {"libgfortran", MG_RT_FORTRAN},
	[MG_IMPL_LIBQUADMATH] = {"libquadmath", MG_RT_FORTRAN},
	[MG_IMPL_LIBCRYPTO] = {"libcrypto", MG_RT_VENDORED},
	[MG_IMPL_LIBSSL] = {"libssl", MG_RT_VENDORED},
	[MG_IMPL_LIBFFI] = {"libffi", MG_RT_VENDORED},
	[MG_IMPL_LIBZ] = {"libz", MG_RT_VENDORED},
};

const char *mg_runtime_family_name(mg_runtime_family family)
{
	switch (family) {
	case MG_RT_NONE: return "none";
	case MG_RT_LIBSTDCXX: return "libstdc++";
	case MG_RT_LIBGCC_S: return "libgcc_s";
	case MG_RT_OPENMP: return "openmp";
	case MG_RT_BLAS: return "blas";
	case MG_RT_FORTRAN: return "fortran";
	case MG_RT_VENDORED: return "vendored";
	}
	return "none";
}

const char *mg_runtime_impl_name(mg_runtime_impl impl)
{
	return impl < MG_IMPL_COUNT ? impls[impl].name : "none";
}

mg_runtime_family mg_runtime_impl_family(mg_runtime_impl impl)
{
	return impl < MG_IMPL_COUNT ? impls[impl].family : MG_RT_NONE;
}

/* ---- names -------------------------------------------------------------- */

/* auditwheel renames a vendored library NAME.EXT to NAME-<8 hex>.EXT
 * (libgomp.so.1 -> libgomp-a34b3233.so.1, libopenblasp-r0.3.28.dev.so ->
 * libopenblasp-r0-8dca6697.3.28.dev.so): find that "-<8 hex>" followed by
 * '.' or the end. */
static const char *find_hash(const char *base)
{
	for (const char *p = strchr(base, '-'); p; p = strchr(p + 1, '-')) {
		int i;
		for (i = 1; i <= 8; i++)
			if (!isxdigit((unsigned char)p[i]))
				break;
		if (i == 9 && (p[9] == '.' || p[9] == '\0'))
			return p;
	}
	return NULL;
}

int mg_runtime_unhash(const char *name, char *buf, size_t size)
{
	const char *base = lbasename(name);
	const char *hash = find_hash(base);
	int n;

	if (hash)
		n = snprintf(buf, size, "%.*s%s", (int)(hash - base), base, hash + 9);
	else
		n = snprintf(buf, size, "%s", base);
	if (n < 0 || (size_t)n >= size)
		return -1;
	return hash != NULL;
}

/* How a stem (the canonical name up to ".so") names a runtime: exactly, or
 * by prefix for families whose file names carry variants (libmkl_core,
 * libopenblasp-r0.3.21, libscipy_openblas64_). */
static const struct {
	const char *stem;
	bool prefix;
	mg_runtime_impl impl;
} name_rules[] = {
	{"libstdc++", false, MG_IMPL_LIBSTDCXX},
	{"libgcc_s", false, MG_IMPL_LIBGCC_S},
	{"libgomp", false, MG_IMPL_GNU_OPENMP},
	{"libgomp-manyguard", false, MG_IMPL_GNU_OPENMP}, /* manyguard openmp's */
	{"libomp", false, MG_IMPL_LLVM_OPENMP},
	{"libiomp5", false, MG_IMPL_INTEL_OPENMP},
	{"libopenblas", true, MG_IMPL_OPENBLAS},
	{"libscipy_openblas", true, MG_IMPL_OPENBLAS},
	{"libmkl_", true, MG_IMPL_MKL},
	{"libblis", true, MG_IMPL_BLIS},
	{"libflexiblas", true, MG_IMPL_FLEXIBLAS},
	{"libgfortran", false, MG_IMPL_LIBGFORTRAN},
	{"libquadmath", false, MG_IMPL_LIBQUADMATH},
	{"libcrypto", false, MG_IMPL_LIBCRYPTO},
	{"libssl", false, MG_IMPL_LIBSSL},
	{"libffi", false, MG_IMPL_LIBFFI},
	{"libz", false, MG_IMPL_LIBZ},
};

/* Length of the part before ".so" (followed by '.' or the end). */
static size_t stem_length(const char *name)
{
	for (const char *p = strstr(name, ".so"); p; p = strstr(p + 1, ".so"))
		if (p[3] == '\0' || p[3] == '.')
			return (size_t)(p - name);
	return strlen(name);
}

int mg_runtime_identify(const char *name, mg_runtime_id *id, mg_error *err)
{
	memset(id, 0, sizeof *id);
	if (!name || !*lbasename(name))
		return mg_error_set(err, name, "empty library name");
	int hashed = mg_runtime_unhash(name, id->canonical, sizeof id->canonical);
	if (hashed < 0)
		return mg_error_set(err, name, "library name too long");
	id->hashed = hashed;

	size_t len = stem_length(id->canonical);
	for (size_t i = 0; i < sizeof name_rules / sizeof name_rules[0]; i++) {
		size_t rlen = strlen(name_rules[i].stem);
		if (strncmp(id->canonical, name_rules[i].stem, rlen) != 0)
			continue;
		if (name_rules[i].prefix ? len < rlen : len != rlen)
			continue;
		id->impl = name_rules[i].impl;
		id->family = impls[id->impl].family;
		return 1;
	}
	return 0;
}

/* ---- symbols -------------------------------------------------------------- */

/* What one defined symbol can betray. */
typedef enum marker {
	M_LIBSTDCXX,  /* only libstdc++ defines it */
	M_CXXABI,     /* libsupc++ or libc++abi */
	M_UNWIND,
	M_KMP,        /* libomp / libiomp5 */
	M_GOMP,       /* GOMP_* / GOACC_*: libgomp, or the GNU-compat layer of KMP */
	M_OMP_API,
	M_OPENBLAS,
	M_MKL,
	M_BLIS,
	M_FLEXIBLAS,
	M_BLAS_API,
	M_GFORTRAN,
	M_QUADMATH,
	M_CRYPTO,
	M_SSL,
	M_FFI,
	M_ZLIB,
	M_COUNT
} marker;

/* Out-of-line functions, never template instantiations: a C++ DSO defines
 * weak copies of the templates it uses, which would betray nothing.  Exact
 * names are the telling ones and come first in the evidence; the first
 * matching rule wins, so an exact name precedes its family's prefix. */
static const struct {
	const char *text;
	bool prefix;
	marker m;
} symbol_rules[] = {
	{"_ZNSt8ios_base4InitC1Ev", false, M_LIBSTDCXX},
	{"_ZNSt8ios_base4InitD1Ev", false, M_LIBSTDCXX},
	{"_ZNSt6locale7classicEv", false, M_LIBSTDCXX},
	{"_ZSt17__throw_bad_allocv", false, M_LIBSTDCXX},
	{"_ZSt20__throw_length_errorPKc", false, M_LIBSTDCXX},
	{"__cxa_throw", false, M_CXXABI},
	{"__gxx_personality_v0", false, M_CXXABI},
	{"__cxa_begin_catch", false, M_CXXABI},
	{"__cxa_allocate_exception", false, M_CXXABI},
	{"__cxa_guard_acquire", false, M_CXXABI},
	{"_Unwind_RaiseException", false, M_UNWIND},
	{"_Unwind_Resume", false, M_UNWIND},
	{"_Unwind_Backtrace", false, M_UNWIND},
	{"__gcc_personality_v0", false, M_UNWIND},
	{"__kmpc_fork_call", false, M_KMP},
	{"__kmpc_", true, M_KMP},
	{"__kmp_", true, M_KMP},
	{"kmp_", true, M_KMP},
	{"GOMP_parallel", false, M_GOMP},
	{"GOMP_", true, M_GOMP},
	{"GOACC_", true, M_GOMP},
	{"omp_get_num_threads", false, M_OMP_API},
	{"omp_get_thread_num", false, M_OMP_API},
	{"omp_set_num_threads", false, M_OMP_API},
	{"omp_get_max_threads", false, M_OMP_API},
	{"omp_in_parallel", false, M_OMP_API},
	{"openblas_get_config", false, M_OPENBLAS},
	{"openblas_", true, M_OPENBLAS},
	{"gotoblas", true, M_OPENBLAS},
	{"goto_set_num_threads", false, M_OPENBLAS},
	{"mkl_", true, M_MKL},
	{"MKL_", true, M_MKL},
	{"bli_", true, M_BLIS},
	{"flexiblas_", true, M_FLEXIBLAS},
	{"dgemm_", false, M_BLAS_API},
	{"sgemm_", false, M_BLAS_API},
	{"cblas_dgemm", false, M_BLAS_API},
	{"cblas_sgemm", false, M_BLAS_API},
	{"_gfortran_st_write", false, M_GFORTRAN},
	{"_gfortran_", true, M_GFORTRAN},
	{"quadmath_snprintf", false, M_QUADMATH},
	{"strtoflt128", false, M_QUADMATH},
	{"OPENSSL_init_crypto", false, M_CRYPTO},
	{"CRYPTO_malloc", false, M_CRYPTO},
	{"ERR_get_error", false, M_CRYPTO},
	{"OPENSSL_init_ssl", false, M_SSL},
	{"SSL_CTX_new", false, M_SSL},
	{"SSL_new", false, M_SSL},
	{"ffi_call", false, M_FFI},
	{"ffi_prep_cif", false, M_FFI},
	{"zlibVersion", false, M_ZLIB},
	{"deflateInit_", false, M_ZLIB},
	{"inflateInit_", false, M_ZLIB},
};

typedef struct marker_hits {
	size_t count;
	char *key[MG_RUNTIME_MAX_EVIDENCE];   /* exact-name hits */
	size_t nkey;
	char *other[MG_RUNTIME_MAX_EVIDENCE]; /* prefix hits */
	size_t nother;
} marker_hits;

/* Every rule's text has RULE_KEY_LEN characters or more, so a name's first
 * ones pick the few rules that can match it: a large output has 10^5
 * names, and trying the ~50 rules on each was most of the linker
 * wrapper's own time. */
enum {
	RULE_KEY_LEN = 4,
	RULE_BUCKETS = 64,
	N_RULES = sizeof symbol_rules / sizeof symbol_rules[0],
};
_Static_assert(N_RULES <= UCHAR_MAX, "rule indices are kept in unsigned chars");

struct mg_runtime_scan {
	marker_hits hits[M_COUNT];
	/* The rules of bucket B are rule_of[first[B]] up to rule_of[first[B + 1]],
	 * in table order: the first matching rule still wins. */
	unsigned char first[RULE_BUCKETS + 1];
	unsigned char rule_of[N_RULES];
	unsigned char rule_len[N_RULES];
	/* Marker names already counted: one name is often defined at several
	 * versions (GOMP_parallel@@VERSION and GOMP_parallel@GOMP_4.0). */
	htab_t seen;
};

/* The bucket of a name's first RULE_KEY_LEN characters, or -1 when it is
 * shorter (no rule can match it then). */
static int rule_bucket(const char *name)
{
	unsigned h = 0;
	for (size_t i = 0; i < RULE_KEY_LEN; i++) {
		if (!name[i])
			return -1;
		h = h * 31 + (unsigned char)name[i];
	}
	return (int)(h % RULE_BUCKETS);
}

/* A counting sort of the rules by bucket, stable so table order holds. */
static void index_rules(mg_runtime_scan *scan)
{
	size_t count[RULE_BUCKETS] = { 0 };
	int bucket[N_RULES];
	for (size_t i = 0; i < N_RULES; i++) {
		size_t len = strlen(symbol_rules[i].text);
		assert(len >= RULE_KEY_LEN && len <= UCHAR_MAX);
		scan->rule_len[i] = (unsigned char)len;
		bucket[i] = rule_bucket(symbol_rules[i].text);
		count[bucket[i]]++;
	}
	size_t next[RULE_BUCKETS];
	scan->first[0] = 0;
	for (size_t b = 0; b < RULE_BUCKETS; b++) {
		next[b] = scan->first[b];
		scan->first[b + 1] = (unsigned char)(scan->first[b] + count[b]);
	}
	for (size_t i = 0; i < N_RULES; i++)
		scan->rule_of[next[bucket[i]]++] = (unsigned char)i;
}

mg_runtime_scan *mg_runtime_scan_new(void)
{
	mg_runtime_scan *scan = XCNEW(mg_runtime_scan);

	scan->seen = htab_create_alloc(64, htab_hash_string, htab_eq_string, free, xcalloc, free);
	index_rules(scan);
	return scan;
}

void mg_runtime_scan_free(mg_runtime_scan *scan)
{
	if (!scan)
		return;
	htab_delete(scan->seen);
	free(scan);
}

/* Whether NAME ("name" or "name@VERSION") matches rule I.  No rule text
 * contains '@', so the character after the text decides. */
static bool rule_matches(const mg_runtime_scan *scan, size_t i, const char *name)
{
	size_t tlen = scan->rule_len[i];
	/* A loop, not strncmp: most names differ within a few characters, and
	 * the call was a third of the scan.  It stops at NAME's end, since no
	 * rule text contains a NUL. */
	const char *text = symbol_rules[i].text;
	for (size_t k = 0; k < tlen; k++)
		if (name[k] != text[k])
			return false;
	bool ends = name[tlen] == '\0' || name[tlen] == '@';
	return symbol_rules[i].prefix ? !ends : ends;
}

/* The first rule NAME matches, or -1. */
static int find_rule(const mg_runtime_scan *scan, const char *name)
{
	int b = rule_bucket(name);
	if (b < 0)
		return -1;
	for (size_t r = scan->first[b]; r < scan->first[b + 1]; r++)
		if (rule_matches(scan, scan->rule_of[r], name))
			return scan->rule_of[r];
	return -1;
}

bool mg_runtime_scan_wants(const mg_runtime_scan *scan, const char *symbol)
{
	return symbol && find_rule(scan, symbol) >= 0;
}

int mg_runtime_scan_add(mg_runtime_scan *scan, const char *symbol, mg_error *err)
{
	if (!symbol)
		return mg_error_set(err, NULL, "null symbol name");
	int i = find_rule(scan, symbol);
	if (i < 0)
		return 0;
	marker_hits *h = &scan->hits[symbol_rules[i].m];
	char *bare = xstrndup(symbol, strcspn(symbol, "@"));
	void **slot = htab_find_slot(scan->seen, bare, INSERT);
	if (*slot) {
		free(bare);
		return 0;
	}
	*slot = bare;
	/* The names are shared with SEEN, which frees them. */
	if (!symbol_rules[i].prefix && h->nkey < MG_RUNTIME_MAX_EVIDENCE)
		h->key[h->nkey++] = bare;
	else if (symbol_rules[i].prefix && h->nother < MG_RUNTIME_MAX_EVIDENCE)
		h->other[h->nother++] = bare;
	h->count++;
	return 0;
}

/* Fill one finding from up to two markers' hits, the first ones first. */
static void fill(mg_runtime_finding *f, mg_runtime_impl impl, const marker_hits *a,
		 const marker_hits *b)
{
	memset(f, 0, sizeof *f);
	f->impl = impl;
	f->family = impls[impl].family;
	size_t n = 0;
	const marker_hits *hits[2] = {a, b};
	for (int k = 0; k < 2; k++)
		if (hits[k])
			f->count += hits[k]->count;
	/* Exact names of both markers first, then prefix hits. */
	for (int pass = 0; pass < 2; pass++) {
		for (int k = 0; k < 2; k++) {
			const marker_hits *h = hits[k];
			if (!h)
				continue;
			char *const *v = pass ? h->other : h->key;
			size_t nv = pass ? h->nother : h->nkey;
			for (size_t i = 0; i < nv && n < MG_RUNTIME_MAX_EVIDENCE; i++)
				f->evidence[n++] = v[i];
		}
	}
}

size_t mg_runtime_scan_result(const mg_runtime_scan *scan, mg_runtime_finding *out, size_t max)
{
	const marker_hits *h = scan->hits;
	mg_runtime_finding found[MG_IMPL_COUNT];
	size_t n = 0;

	if (h[M_LIBSTDCXX].count)
		fill(&found[n++], MG_IMPL_LIBSTDCXX, &h[M_LIBSTDCXX], &h[M_CXXABI]);
	else if (h[M_CXXABI].count)
		fill(&found[n++], MG_IMPL_CXXABI, &h[M_CXXABI], NULL);
	if (h[M_UNWIND].count)
		fill(&found[n++], MG_IMPL_UNWINDER, &h[M_UNWIND], NULL);

	/* libomp and libiomp5 define GOMP_* too, for code compiled by GCC:
	 * only the absence of __kmpc_* / kmp_* makes GOMP_* mean libgomp. */
	if (h[M_KMP].count)
		fill(&found[n++], MG_IMPL_KMP_OPENMP, &h[M_KMP], NULL);
	else if (h[M_GOMP].count)
		fill(&found[n++], MG_IMPL_GNU_OPENMP, &h[M_GOMP], NULL);
	else if (h[M_OMP_API].count)
		fill(&found[n++], MG_IMPL_UNKNOWN_OPENMP, &h[M_OMP_API], NULL);

	static const struct {
		marker m;
		mg_runtime_impl impl;
	} blas[] = {
		{M_OPENBLAS, MG_IMPL_OPENBLAS},
		{M_MKL, MG_IMPL_MKL},
		{M_BLIS, MG_IMPL_BLIS},
		{M_FLEXIBLAS, MG_IMPL_FLEXIBLAS},
	};
	bool vendor_blas = false;
	for (size_t i = 0; i < sizeof blas / sizeof blas[0]; i++) {
		if (h[blas[i].m].count) {
			fill(&found[n++], blas[i].impl, &h[blas[i].m], NULL);
			vendor_blas = true;
		}
	}
	if (!vendor_blas && h[M_BLAS_API].count)
		fill(&found[n++], MG_IMPL_UNKNOWN_BLAS, &h[M_BLAS_API], NULL);

	static const struct {
		marker m;
		mg_runtime_impl impl;
	} plain[] = {
		{M_GFORTRAN, MG_IMPL_LIBGFORTRAN}, {M_QUADMATH, MG_IMPL_LIBQUADMATH},
		{M_CRYPTO, MG_IMPL_LIBCRYPTO},     {M_SSL, MG_IMPL_LIBSSL},
		{M_FFI, MG_IMPL_LIBFFI},           {M_ZLIB, MG_IMPL_LIBZ},
	};
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
		if (h[plain[i].m].count)
			fill(&found[n++], plain[i].impl, &h[plain[i].m], NULL);

	for (size_t i = 0; i < n && i < max; i++)
		out[i] = found[i];
	return n;
}
