#!/bin/sh
# OpenMP links through the wrappers bind to the runtime `manyguard openmp`
# built for the policy's glibc (MANYGUARD_OPENMP_DIR, or the cache's
# directory for the policy and the compiler's GCC major); the manifest,
# `manyguard manifest` and `manyguard show` say which runtime and where it
# came from; the outputs run their parallel regions on glibc 2.17
# (manylinux_2_17, C) and in Debian bullseye (manylinux_2_28, C++ from
# Python).  With no runtime built the link binds to the compiler's libgomp
# and says so, with a warning and the command that fixes it when that one
# needs a GLIBC above the cap; with the source tree at hand the first
# links build it, once; a damaged runtime is an error, not a silent
# fallback.
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

# 4. None built, no source tree: the compiler's libgomp, never in silence.
# What it needs of GLIBC, read here with readelf, is what the warning and
# the manifest say.
sys_gomp=$(${CC:-gcc} -print-file-name=libgomp.so.1)
sys_max=$(openmp_glibc_max "$sys_gomp")
diag "the compiler's $sys_gomp needs up to $sys_max"
"$cc_w" -fopenmp -fPIC -shared -O2 -o plain.so "$top_srcdir/tests/openmp/omp_region.c" >plain.out 2>&1
rc=$?
diag "$(cat plain.out)"
check "with no runtime built the link binds to libgomp.so.1 (exit $rc)" \
	sh -c "[ $rc -eq 0 ] && $READELF -d plain.so | grep -q 'NEEDED.*\\[libgomp.so.1\\]'"
"$mg" manifest plain.so >manifest_plain 2>&1
if openmp_within "$sys_max" GLIBC_2.28; then
	check "the compiler's libgomp fits manylinux_2_28: no warning" sh -c "! grep -q warning plain.out"
	check "and its manifest says it is the compiler's own runtime, within the cap" \
		grep -q "the compiler's own runtime (.*), not built for the policy's glibc: needs up to $sys_max, within" manifest_plain
else
	check "a warning says so: the compiler's libgomp.so.1 needs $sys_max, above manylinux_2_28's cap" \
		grep -q "^manyguard-cc: warning: no OpenMP runtime built for manylinux_2_28: this link binds to the compiler's /.*/libgomp.so.1, which needs $sys_max (above manylinux_2_28's cap GLIBC_2.28)" plain.out
	check "with the command that fixes it" \
		grep -q "^manyguard-cc: note: fix: .*: manyguard openmp --fetch --policy manylinux_2_28" plain.out
	check "and its manifest says it is the compiler's own runtime, unfit for the policy" \
		grep -q "the compiler's own runtime (.*), not built for the policy's glibc: needs $sys_max, above the policy's cap: unfit for manylinux_2_28" manifest_plain
	"$mg" show --policy manylinux_2_28 plain.so >show_plain 2>&1
	check "manyguard show says the same" grep -q "OpenMP: gnu-openmp, libgomp.so.1: the compiler's own runtime .*needs $sys_max, unfit for manylinux_2_28" show_plain
fi
MANYGUARD_POLICY=manylinux_2_35 "$cc_w" -fopenmp -fPIC -shared -O2 -o plain235.so \
	"$top_srcdir/tests/openmp/omp_region.c" >plain235.out 2>&1
rc=$?
"$mg" manifest plain235.so >manifest_plain235 2>&1
if openmp_within "$sys_max" GLIBC_2.35; then
	check "for manylinux_2_35, which the compiler's libgomp fits, the link says nothing (exit $rc)" \
		sh -c "[ $rc -eq 0 ] && [ ! -s plain235.out ]"
	check "and the manifest says it is within the cap" \
		grep -q "not built for the policy's glibc: needs up to $sys_max, within the policy's cap" manifest_plain235
else
	check "for manylinux_2_35 the compiler's libgomp ($sys_max) is unfit too: a warning (exit $rc)" \
		grep -q "warning: no OpenMP runtime built for manylinux_2_35" plain235.out
fi

# 5. None built, but the source tree is where `manyguard openmp --fetch`
# puts it: the first links build the runtime, once (three in parallel: one
# builds, the others wait for it), against the policy's glibc stubs, and
# bind to it; later links say nothing.  Never fetched by a link.
mkdir -p "$MANYGUARD_CACHE_DIR/sources"
ln -s "$openmp_source" "$MANYGUARD_CACHE_DIR/sources/openmp-gcc$openmp_major"
for i in 1 2 3; do
	MANYGUARD_POLICY=manylinux_2_17 "$cc_w" -fopenmp -fPIC -shared -O2 -o first$i.so \
		"$top_srcdir/tests/openmp/omp_region.c" >first$i.out 2>&1 &
done
wait
diag "$(cat first1.out first2.out first3.out)"
first_dir=$("$mg" openmp --print-dir --policy manylinux_2_17)
check "three parallel first links each say the runtime is built once, from the source tree" \
	sh -c "for i in 1 2 3; do grep -q 'note: building the OpenMP runtime for manylinux_2_17 once, from $MANYGUARD_CACHE_DIR/sources/openmp-gcc$openmp_major, into $first_dir' first\$i.out || exit 1; done"
check "one of them built it" sh -c "[ \$(cat first1.out first2.out first3.out | grep -c 'note: built $first_dir/libgomp-manyguard.so.1 in') -eq 1 ]"
check "all three bind to it" \
	sh -c "for i in 1 2 3; do $READELF -d first\$i.so | grep -q 'NEEDED.*libgomp-manyguard.so.1' || exit 1; done"
check "built against the policy's glibc stubs: GLIBC_2.17 at most" \
	sh -c "grep -q '\"glibc\": \"stubs\"' '$first_dir/openmp.json' && grep -q '\"glibc_max\": \"GLIBC_2.1[0-7]*\"' '$first_dir/openmp.json'"
MANYGUARD_POLICY=manylinux_2_17 "$cc_w" -fopenmp -fPIC -shared -O2 -o later.so \
	"$top_srcdir/tests/openmp/omp_region.c" >later.out 2>&1
rc=$?
check "a later link binds to it and says nothing (exit $rc)" \
	sh -c "[ $rc -eq 0 ] && [ ! -s later.out ] && $READELF -d later.so | grep -q 'NEEDED.*libgomp-manyguard.so.1'"
if [ -n "$glibc217_missing" ]; then
	glibc217_unavailable
else
	OMP_NUM_THREADS=3 dlopen_on_glibc217 -L "$first_dir" ./first1.so omp_region >runfirst 2>&1
	rc=$?
	diag "on glibc 2.17: $(cat runfirst)"
	check "its parallel region runs on glibc 2.17 with the runtime built on first use (exit $rc)" \
		sh -c "[ $rc -eq 0 ] && grep -qx '3 threads, sum 5000050000' runfirst"
fi
MANYGUARD_OPENMP_SOURCE=$tmp/nowhere MANYGUARD_POLICY=manylinux_2_28 "$cc_w" -fopenmp -fPIC -shared \
	-o nowhere.so "$top_srcdir/tests/openmp/omp_region.c" >nowhere.out 2>&1
rc=$?
check "MANYGUARD_OPENMP_SOURCE naming no source tree fails the link (exit $rc), naming it" \
	sh -c "[ $rc -ne 0 ] && grep -q 'error: $tmp/nowhere: MANYGUARD_OPENMP_SOURCE is no source tree' nowhere.out && [ ! -e nowhere.so ]"
done_testing
