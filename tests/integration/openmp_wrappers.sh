#!/bin/sh
# OpenMP links through the wrappers bind to the runtime `manyguard openmp`
# built for the policy's glibc (MANYGUARD_OPENMP_DIR, or the cache's
# directory for the policy and the compiler's GCC major); the manifest,
# `manyguard manifest` and `manyguard show` say which runtime and where it
# came from; the outputs run their parallel regions on glibc 2.17
# (manylinux_2_17, C) and in Debian bullseye (manylinux_2_28, C++ from
# Python).  With no runtime built the link binds to the compiler's libgomp
# and says so; a damaged runtime is an error, not a silent fallback.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/openmp/setup.sh"
openmp_test_setup build-tree

# 1. MANYGUARD_OPENMP_DIR, manylinux_2_17, C: runs on glibc 2.17.
MANYGUARD_OPENMP_DIR=$openmp_rt MANYGUARD_POLICY=manylinux_2_17 "$cc_w" -fopenmp -fPIC -shared -O2 \
	-o omp217.so "$top_srcdir/tests/openmp/omp_region.c" >link217.out 2>&1
rc=$?
check "an OpenMP link for manylinux_2_17 with MANYGUARD_OPENMP_DIR succeeds (exit $rc)" [ $rc -eq 0 ]
diag "needs: $(openmp_needed omp217.so)"
check "it binds to libgomp-manyguard.so.1, not libgomp.so.1" \
	sh -c "needed() { $READELF -d \"\$1\" | grep NEEDED; }; needed omp217.so | grep -q 'libgomp-manyguard.so.1' && ! needed omp217.so | grep -q '\\[libgomp.so.1\\]'"
"$mg" manifest omp217.so >manifest217 2>&1
check "manyguard manifest says the runtime was built by manyguard openmp, from what, for which cap" \
	grep -q "built by manyguard openmp for manylinux_2_17 (needs up to GLIBC_2.17) from Debian .* source package gcc-" manifest217
check "and where it is" grep -qF "in $openmp_rt" manifest217
"$mg" show --policy manylinux_2_17 omp217.so >show217 2>&1
check "manyguard show says the same" \
	grep -q "OpenMP: gnu-openmp, libgomp-manyguard.so.1 built by manyguard openmp for manylinux_2_17" show217
if [ -n "$glibc217_missing" ]; then
	glibc217_unavailable
else
	OMP_NUM_THREADS=4 dlopen_on_glibc217 -L "$openmp_rt" ./omp217.so omp_region >run217 2>&1
	rc=$?
	diag "on glibc 2.17: $(cat run217)"
	check "its parallel region runs on glibc 2.17 (exit $rc)" \
		sh -c "[ $rc -eq 0 ] && grep -qx '4 threads, sum 5000050000' run217"
fi

# 2. The cache's directory (what `manyguard openmp` without -o makes),
# manylinux_2_28, C++: runs in bullseye from Python.
cache_dir=$("$mg" openmp --print-dir --policy manylinux_2_28)
check "manyguard openmp --print-dir names a directory in the wrappers' cache" \
	sh -c "case '$cache_dir' in '$MANYGUARD_CACHE_DIR'/openmp/manylinux_2_28-gcc*) true ;; *) false ;; esac"
mkdir -p "$(dirname "$cache_dir")" && cp -R "$openmp_rt" "$cache_dir"
cat >omp.cc <<'CC'
#include <omp.h>
#include <string>
extern "C" int omp_threads()
{
	std::string seen;
	int n = 0;
#pragma omp parallel
	{
#pragma omp single
		n = omp_get_num_threads();
	}
	return n;
}
CC
MANYGUARD_POLICY=manylinux_2_28 "$cxx_w" -fopenmp -fPIC -shared -O2 -o omp228.so omp.cc >link228.out 2>&1
rc=$?
check "a C++ OpenMP link for manylinux_2_28 finds the cache's runtime (exit $rc)" \
	sh -c "[ $rc -eq 0 ] && $READELF -d omp228.so | grep -q 'NEEDED.*libgomp-manyguard.so.1'"
"$mg" manifest omp228.so >manifest228 2>&1
check "its manifest names the cache's directory" grep -qF "in $(cd "$cache_dir" && pwd -P)" manifest228
. "$top_srcdir/tests/fixtures/bullseye_root.sh"
if [ -n "$bullseye_root_missing" ]; then
	bullseye_root_unavailable
else
	in_bullseye true
	cp "$cache_dir/libgomp-manyguard.so.1" omp228.so "$bullseye_root/work/"
	in_bullseye env OMP_NUM_THREADS=3 LD_LIBRARY_PATH=/work python3 -c \
		'import ctypes; print(ctypes.CDLL("/work/omp228.so").omp_threads())' >bullseye 2>&1
	rc=$?
	diag "in bullseye: $(cat bullseye)"
	check "its parallel region runs in bullseye, loaded by Python 3.9 (exit $rc)" \
		sh -c "[ $rc -eq 0 ] && grep -qx 3 bullseye"
fi

# 3. Damaged: an error naming the file, no output.
printf 'x' >>"$cache_dir/libgomp-manyguard.so.1"
MANYGUARD_POLICY=manylinux_2_28 "$cxx_w" -fopenmp -fPIC -shared -O2 -o damaged.so omp.cc >damaged.out 2>&1
rc=$?
diag "$(cat damaged.out)"
check "a damaged runtime fails the link (exit $rc), naming the file" \
	sh -c "[ $rc -ne 0 ] && grep -q 'error: .*libgomp-manyguard.so.1' damaged.out && [ ! -e damaged.so ]"
rm -rf "$cache_dir"

# 4. None built: the compiler's libgomp, and the manifest says so.
"$cc_w" -fopenmp -fPIC -shared -O2 -o plain.so "$top_srcdir/tests/openmp/omp_region.c" >plain.out 2>&1
rc=$?
check "with no runtime built the link binds to libgomp.so.1 (exit $rc)" \
	sh -c "[ $rc -eq 0 ] && $READELF -d plain.so | grep -q 'NEEDED.*\\[libgomp.so.1\\]'"
"$mg" manifest plain.so >manifest_plain 2>&1
check "and its manifest says it is the compiler's own runtime" \
	grep -q "the compiler's own runtime (.*), not built for the policy's glibc" manifest_plain
done_testing
