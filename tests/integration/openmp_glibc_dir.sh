#!/bin/sh
# The OpenMP runtime built against the glibc directory (`manyguard glibc`:
# stubs of the policy's glibc, each symbol in the library that release had
# it in) instead of a real old glibc: for manylinux_2_17 it needs nothing
# above GLIBC_2.17, exports what the compiler's libgomp.so.1 exports, says
# it was linked against stubs, and runs its parallel region on the real
# glibc 2.17; for manylinux_2_28 (the stubs made by manyguard openmp itself,
# no glibc given) it runs in Debian bullseye.  No old glibc is needed on the
# build machine.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/openmp/setup.sh"
openmp_test_setup source-only
openmp_exports "$(${CC:-gcc} -print-file-name=libgomp.so.1)" >theirs

# manylinux_2_17: the directory `manyguard glibc` made, given; manylinux_2_28:
# none given, so manyguard openmp makes the policy's stubs itself (this
# machine's glibc is newer than 2.28).
for policy in manylinux_2_17 manylinux_2_28; do
	glibc_opt= how="with no glibc given (the policy's stubs, made for the build)"
	if [ $policy = manylinux_2_17 ]; then
		"$mg" glibc --policy $policy -o glibc-$policy >glibc-$policy.out 2>&1 ||
			bail "manyguard glibc --policy $policy: $(tail -n 1 glibc-$policy.out)"
		glibc_opt="--glibc-dir glibc-$policy" how="--glibc-dir (manyguard glibc's)"
	fi
	# shellcheck disable=SC2086 # glibc_opt: no option or two words
	"$mg" openmp --policy $policy $glibc_opt --source "$openmp_source" \
		-o rt-$policy >rt-$policy.out 2>&1
	rc=$?
	diag "$(cat rt-$policy.out)"
	check "$policy: manyguard openmp $how builds the runtime (exit $rc)" [ $rc -eq 0 ]
	lib=rt-$policy/libgomp-manyguard.so.1
	max=$(openmp_glibc_max "$lib")
	check "$policy: it needs GLIBC_2.17 at most ($max)" openmp_within "$max" GLIBC_2.17
	check "$policy: from glibc 2.17's libpthread.so.0 and libdl.so.2, as a native old build" \
		sh -c "$READELF -d '$lib' | grep -q 'NEEDED.*libpthread.so.0' && $READELF -d '$lib' | grep -q 'NEEDED.*libdl.so.2'"
	openmp_exports "$lib" >ours-$policy
	check "$policy: it exports exactly the compiler's libgomp.so.1's symbols and versions" \
		cmp -s ours-$policy theirs
	check "$policy: openmp.json says it was linked against stubs" \
		grep -q '"glibc": "stubs"' rt-$policy/openmp.json
done

cc -fopenmp -fPIC -shared -O2 -o omp_region.so "$top_srcdir/tests/openmp/omp_region.c" \
	-Lrt-manylinux_2_17 || bail "cannot build omp_region.so"
if [ -n "$glibc217_missing" ]; then
	glibc217_unavailable
else
	OMP_NUM_THREADS=3 dlopen_on_glibc217 -L "$tmp/rt-manylinux_2_17" ./omp_region.so omp_region >run217 2>&1
	rc=$?
	diag "on glibc 2.17: $(cat run217)"
	check "the manylinux_2_17 runtime runs a parallel region on glibc 2.17 (exit $rc)" \
		sh -c "[ $rc -eq 0 ] && grep -qx '3 threads, sum 5000050000' run217"
fi
. "$top_srcdir/tests/fixtures/bullseye_root.sh"
if [ -n "$bullseye_root_missing" ]; then
	bullseye_root_unavailable
else
	in_bullseye true
	cp rt-manylinux_2_28/libgomp-manyguard.so.1 omp_region.so "$bullseye_root/work/"
	in_bullseye env OMP_NUM_THREADS=2 LD_LIBRARY_PATH=/work python3 -c \
		'import ctypes; print(ctypes.CDLL("/work/omp_region.so").omp_threads())' >bullseye 2>&1
	rc=$?
	diag "in bullseye: $(cat bullseye)"
	check "the manylinux_2_28 runtime runs a parallel region in bullseye (exit $rc)" \
		sh -c "[ $rc -eq 0 ] && grep -qx 2 bullseye"
fi
done_testing
