/* Runtime identification by name (real SONAMEs and auditwheel's hashed
 * names) and by the dynamic symbols real runtimes of this machine define,
 * listed with `nm -D --defined-only` (run through libiberty's pex). */
#include "config.h"

#include <libiberty/libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "policy/runtime.h"
#include "tests/unit/tap.h"

static void check_name(const char *name, mg_runtime_impl impl, const char *canonical,
		       bool hashed)
{
	mg_runtime_id id;
	mg_error err;
	int rc = mg_runtime_identify(name, &id, &err);

	tap_eq_int(rc, impl != MG_IMPL_NONE, name);
	tap_eq_str(mg_runtime_impl_name(id.impl), mg_runtime_impl_name(impl), "implementation");
	tap_eq_str(id.canonical, canonical, "canonical name");
	tap_eq_int(id.hashed, hashed, "hashed");
}

static void test_names(void)
{
	check_name("libgomp.so.1", MG_IMPL_GNU_OPENMP, "libgomp.so.1", false);
	check_name("libgomp-a34b3233.so.1", MG_IMPL_GNU_OPENMP, "libgomp.so.1", true);
	check_name("/site-packages/torch.libs/libgomp-a34b3233.so.1.0.0", MG_IMPL_GNU_OPENMP,
		   "libgomp.so.1.0.0", true);
	check_name("libomp.so.5", MG_IMPL_LLVM_OPENMP, "libomp.so.5", false);
	check_name("libomp.so", MG_IMPL_LLVM_OPENMP, "libomp.so", false);
	check_name("libomp-1a2b3c4d.so", MG_IMPL_LLVM_OPENMP, "libomp.so", true);
	check_name("libiomp5.so", MG_IMPL_INTEL_OPENMP, "libiomp5.so", false);
	check_name("libopenblasp-r0-8dca6697.3.28.dev.so", MG_IMPL_OPENBLAS,
		   "libopenblasp-r0.3.28.dev.so", true);
	check_name("libopenblas.so.0", MG_IMPL_OPENBLAS, "libopenblas.so.0", false);
	check_name("libscipy_openblas64_-ff651d7f.so", MG_IMPL_OPENBLAS,
		   "libscipy_openblas64_.so", true);
	check_name("libgfortran-040039e1.so.5.0.0", MG_IMPL_LIBGFORTRAN, "libgfortran.so.5.0.0",
		   true);
	check_name("libstdc++.so.6", MG_IMPL_LIBSTDCXX, "libstdc++.so.6", false);
	check_name("libstdc++.so.6.0.30", MG_IMPL_LIBSTDCXX, "libstdc++.so.6.0.30", false);
	check_name("libgcc_s.so.1", MG_IMPL_LIBGCC_S, "libgcc_s.so.1", false);
	check_name("libmkl_rt.so.2", MG_IMPL_MKL, "libmkl_rt.so.2", false);
	check_name("libblis.so.4", MG_IMPL_BLIS, "libblis.so.4", false);
	check_name("libflexiblas.so.3", MG_IMPL_FLEXIBLAS, "libflexiblas.so.3", false);
	check_name("libcrypto.so.3", MG_IMPL_LIBCRYPTO, "libcrypto.so.3", false);
	check_name("libssl-5a4e9b2c.so.3", MG_IMPL_LIBSSL, "libssl.so.3", true);
	check_name("libffi.so.8", MG_IMPL_LIBFFI, "libffi.so.8", false);
	check_name("libz.so.1", MG_IMPL_LIBZ, "libz.so.1", false);
	/* Near misses are not runtimes. */
	check_name("libzstd.so.1", MG_IMPL_NONE, "libzstd.so.1", false);
	check_name("libgomp_stub.so", MG_IMPL_NONE, "libgomp_stub.so", false);
	check_name("libompx.so", MG_IMPL_NONE, "libompx.so", false);
	check_name("libc.so.6", MG_IMPL_NONE, "libc.so.6", false);
	check_name("libfoo-r0-1234567.so", MG_IMPL_NONE, "libfoo-r0-1234567.so", false);

	mg_runtime_id id;
	mg_error err;
	tap_ok(mg_runtime_identify("", &id, &err) < 0, "empty name is an error");
	tap_ok(mg_runtime_identify("/usr/lib/", &id, &err) < 0, "a directory is an error");
	char big[600];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	tap_ok(mg_runtime_identify(big, &id, &err) < 0, "overlong name is an error");
	tap_eq_str(mg_runtime_family_name(mg_runtime_impl_family(MG_IMPL_KMP_OPENMP)), "openmp",
		   "family of KMP");
}

/* Feed the defined dynamic symbols of PATH to SCAN; -1 if nm fails. */
static long scan_library(const char *path, mg_runtime_scan *scan)
{
	char *const argv[] = {"nm", "-D", "--defined-only", (char *)path, NULL};
	struct pex_obj *pex = pex_init(PEX_USE_PIPES, "test_runtime", NULL);
	const char *errmsg;
	int errnum, status = -1;
	char line[4096];
	long n = 0;

	if (!pex)
		return -1;
	errmsg = pex_run(pex, PEX_SEARCH, "nm", argv, NULL, NULL, &errnum);
	FILE *out = errmsg ? NULL : pex_read_output(pex, 0);
	while (out && fgets(line, sizeof line, out)) {
		/* "0000000000147300 T cblas_dgemm" */
		char *name = strrchr(line, ' ');
		if (!name)
			continue;
		name++;
		name[strcspn(name, "\n")] = '\0';
		if (mg_runtime_scan_add(scan, name, NULL) == 0)
			n++;
	}
	if (out && !pex_get_status(pex, 1, &status))
		status = -1;
	pex_free(pex);
	return status == 0 ? n : -1;
}

static bool has_evidence(const mg_runtime_finding *f, const char *sym)
{
	for (size_t i = 0; i < MG_RUNTIME_MAX_EVIDENCE && f->evidence[i]; i++)
		if (strcmp(f->evidence[i], sym) == 0)
			return true;
	return false;
}

/* Scan PATH and expect exactly the implementations WANT (in order), the
 * first with EVIDENCE among its evidence. */
static void check_library(const char *path, const mg_runtime_impl *want, size_t nwant,
			  const char *evidence)
{
	if (access(path, R_OK) != 0) {
		tap_skip("%s is not installed on this machine", path);
		return;
	}
	mg_runtime_scan *scan = mg_runtime_scan_new();
	long n = scan_library(path, scan);
	if (!tap_ok(n > 0, "nm -D --defined-only %s (%ld symbols)", path, n)) {
		mg_runtime_scan_free(scan);
		return;
	}
	mg_runtime_finding f[8];
	size_t nf = mg_runtime_scan_result(scan, f, 8);
	for (size_t i = 0; i < nf && i < 8; i++)
		tap_diag("%s: %s (%zu symbols, first %s)", path, mg_runtime_impl_name(f[i].impl),
			 f[i].count, f[i].evidence[0]);
	tap_eq_int((long long)nf, (long long)nwant, "number of runtimes found");
	for (size_t i = 0; i < nwant && i < nf; i++)
		tap_eq_str(mg_runtime_impl_name(f[i].impl), mg_runtime_impl_name(want[i]),
			   "runtime found");
	if (nf > 0)
		tap_ok(has_evidence(&f[0], evidence), "evidence includes %s", evidence);
	mg_runtime_scan_free(scan);
}

#define LIBDIR "/usr/lib/x86_64-linux-gnu/"

static void test_real_libraries(void)
{
	static const mg_runtime_impl gomp[] = {MG_IMPL_GNU_OPENMP};
	check_library(LIBDIR "libgomp.so.1", gomp, 1, "GOMP_parallel");

	/* libomp defines GOMP_* too: __kmpc_* decides. */
	static const mg_runtime_impl omp[] = {MG_IMPL_KMP_OPENMP};
	check_library("/usr/lib/llvm-14/lib/libomp.so.5", omp, 1, "__kmpc_fork_call");

	static const mg_runtime_impl cxx[] = {MG_IMPL_LIBSTDCXX};
	check_library(LIBDIR "libstdc++.so.6", cxx, 1, "_ZNSt8ios_base4InitC1Ev");

	static const mg_runtime_impl gcc_s[] = {MG_IMPL_UNWINDER};
	check_library(LIBDIR "libgcc_s.so.1", gcc_s, 1, "_Unwind_RaiseException");

	/* Debian's OpenBLAS (libopenblas0-pthread) exports a BLAS and LAPACK. */
	static const mg_runtime_impl openblas[] = {MG_IMPL_OPENBLAS};
	check_library(LIBDIR "openblas-pthread/libopenblas.so.0", openblas, 1,
		      "openblas_get_config");

	static const mg_runtime_impl refblas[] = {MG_IMPL_UNKNOWN_BLAS};
	check_library(LIBDIR "blas/libblas.so.3", refblas, 1, "dgemm_");

	static const mg_runtime_impl gfortran[] = {MG_IMPL_LIBGFORTRAN};
	check_library(LIBDIR "libgfortran.so.5", gfortran, 1, "_gfortran_st_write");

	static const mg_runtime_impl crypto[] = {MG_IMPL_LIBCRYPTO};
	check_library(LIBDIR "libcrypto.so.3", crypto, 1, "OPENSSL_init_crypto");

	static const mg_runtime_impl ffi[] = {MG_IMPL_LIBFFI};
	check_library(LIBDIR "libffi.so.8", ffi, 1, "ffi_call");

	static const mg_runtime_impl z[] = {MG_IMPL_LIBZ};
	check_library(LIBDIR "libz.so.1", z, 1, "zlibVersion");

	/* libc defines none of these runtimes' symbols. */
	check_library(LIBDIR "libc.so.6", NULL, 0, "");
}

static size_t scan_list(const char *const *syms, size_t n, mg_runtime_finding *f, size_t max)
{
	mg_runtime_scan *scan = mg_runtime_scan_new();
	for (size_t i = 0; i < n; i++)
		mg_runtime_scan_add(scan, syms[i], NULL);
	size_t nf = mg_runtime_scan_result(scan, f, max);
	/* Evidence points into the scan: copy what the caller checks. */
	static char first[8][128];
	for (size_t i = 0; i < nf && i < max; i++) {
		snprintf(first[i], sizeof first[i], "%s", f[i].evidence[0] ? f[i].evidence[0] : "");
		f[i].evidence[0] = first[i];
	}
	mg_runtime_scan_free(scan);
	return nf;
}

static void test_rules(void)
{
	mg_runtime_finding f[8];

	/* A DSO with GCC-compiled OpenMP code defines no GOMP_*; one that
	 * carries libgomp.a does. */
	const char *gnu[] = {"GOMP_parallel@@GOMP_4.0", "GOMP_parallel@GOMP_4.0", "omp_get_num_threads"};
	tap_eq_int((long long)scan_list(gnu, 3, f, 8), 1, "GOMP_* alone: one runtime");
	tap_eq_str(mg_runtime_impl_name(f[0].impl), "gnu-openmp", "GOMP_* without KMP is libgomp");
	tap_eq_int((long long)f[0].count, 1, "one name at two versions counts once");
	tap_eq_str(f[0].evidence[0], "GOMP_parallel", "version suffix stripped");

	const char *kmp[] = {"GOMP_parallel", "kmp_set_blocktime", "omp_get_num_threads"};
	scan_list(kmp, 3, f, 8);
	tap_eq_str(mg_runtime_impl_name(f[0].impl), "llvm-or-intel-openmp",
		   "GOMP_* with kmp_* is LLVM/Intel");

	const char *api[] = {"omp_get_num_threads", "omp_set_num_threads"};
	scan_list(api, 2, f, 8);
	tap_eq_str(mg_runtime_impl_name(f[0].impl), "unknown-openmp", "omp_* alone");

	const char *abi[] = {"__cxa_throw", "__gxx_personality_v0"};
	scan_list(abi, 2, f, 8);
	tap_eq_str(mg_runtime_impl_name(f[0].impl), "c++abi-runtime",
		   "__cxa_throw alone: libsupc++ or libc++abi");

	/* Template instantiations every C++ DSO defines betray nothing. */
	const char *user[] = {"_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE12_M_constructIPKcEEvT_S8_St20forward_iterator_tag",
			      "PyInit_ext", "GOMP_", "kmp_"};
	tap_eq_int((long long)scan_list(user, 4, f, 8), 0, "ordinary definitions: nothing");

	const char *mkl[] = {"mkl_get_version", "dgemm_", "MKL_Get_Max_Threads"};
	tap_eq_int((long long)scan_list(mkl, 3, f, 8), 1, "MKL's dgemm_ is MKL's");
	tap_eq_str(mg_runtime_impl_name(f[0].impl), "mkl", "MKL");

	const char *many[] = {"_ZNSt6locale7classicEv", "GOMP_barrier", "bli_init",
			      "flexiblas_get_num_threads", "deflateInit_", "SSL_new"};
	size_t nf = scan_list(many, 6, f, 3);
	tap_eq_int((long long)nf, 6, "count beyond MAX is still reported");
	tap_eq_str(mg_runtime_impl_name(f[0].impl), "libstdc++", "first in impl order");
	tap_eq_str(mg_runtime_impl_name(f[2].impl), "blis", "third");

	mg_runtime_scan *scan = mg_runtime_scan_new();
	mg_error err;
	tap_ok(mg_runtime_scan_add(scan, NULL, &err) < 0, "NULL symbol is an error");
	tap_ok(mg_runtime_scan_add(scan, "", &err) == 0, "empty symbol is ignored");
	tap_eq_int((long long)mg_runtime_scan_result(scan, f, 8), 0, "nothing found");
	mg_runtime_scan_free(scan);
}

int main(void)
{
	test_names();
	test_real_libraries();
	test_rules();
	return tap_done();
}
