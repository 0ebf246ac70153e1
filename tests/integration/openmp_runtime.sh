#!/bin/sh
# manyguard openmp: GNU libgomp built from Debian's GCC source against
# glibc 2.17's libraries needs nothing above GLIBC_2.17, exports exactly
# what the compiler's own libgomp.so.1 exports, says where it came from,
# and runs an OpenMP parallel region on the real glibc 2.17 and in a
# Debian bullseye root; a build made to link this machine's glibc
# (--host-glibc) is refused and leaves nothing behind; a damaged runtime is
# refused on use.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/openmp/setup.sh"
openmp_test_setup
rt=$openmp_rt
lib=$rt/libgomp-manyguard.so.1
[ -s "$openmp_build_log" ] && diag "$(cat "$openmp_build_log")"

check "the runtime directory holds the library, its linker script, openmp.json, SHA256SUMS" \
	test -f "$lib" -a -f "$rt/libgomp.so" -a -f "$rt/openmp.json" -a -f "$rt/SHA256SUMS"
"$READELF" -d "$lib" >"$tmp/dyn"
check "its SONAME is libgomp-manyguard.so.1" grep -q 'Library soname: \[libgomp-manyguard.so.1\]' "$tmp/dyn"
check "it needs glibc 2.17's libpthread.so.0 and libdl.so.2 (where 2.17 had the symbols)" \
	sh -c "grep -q 'NEEDED.*libpthread.so.0' '$tmp/dyn' && grep -q 'NEEDED.*libdl.so.2' '$tmp/dyn'"
"$READELF" -V "$lib" | sed -n 's/.*Name: \(GLIBC_[0-9.]*\).*/\1/p' | sort -uV >"$tmp/glibc"
diag "GLIBC versions it needs: $(tr '\n' ' ' <"$tmp/glibc")"
check "it needs GLIBC versions, none above GLIBC_2.17" \
	openmp_within "$(openmp_glibc_max "$lib")" GLIBC_2.17
system=$(${CC:-gcc} -print-file-name=libgomp.so.1)
openmp_exports "$lib" >"$tmp/ours"
openmp_exports "$system" >"$tmp/theirs"
diag "exports: $(wc -l <"$tmp/ours") here, $(wc -l <"$tmp/theirs") in $system"
check "it exports exactly the compiler's libgomp.so.1's symbols and versions" \
	cmp -s "$tmp/ours" "$tmp/theirs"
check "openmp.json names the source package and the glibc cap it meets" \
	sh -c "grep -q '\"source\": \"Debian .* source package gcc-[0-9]* ' '$rt/openmp.json' &&
		grep -q '\"glibc_max\": \"GLIBC_2.17\"' '$rt/openmp.json'"

"$mg" openmp --check "$rt" --policy manylinux_2_17 >"$tmp/check" 2>&1
check "manyguard openmp --check accepts it for manylinux_2_17" grep -q "needs up to GLIBC_2.17" "$tmp/check"
cp -R "$rt" "$tmp/damaged"
printf 'x' >>"$tmp/damaged/libgomp-manyguard.so.1"
"$mg" openmp --check "$tmp/damaged" >"$tmp/damaged.out" 2>&1
rc=$?
check "a damaged copy is refused (exit $rc), naming the file" \
	sh -c "[ $rc -eq 1 ] && grep -q 'libgomp-manyguard.so.1' '$tmp/damaged.out'"

# An OpenMP shared object, linked with -L the runtime: -lgomp binds to it.
cc -fopenmp -fPIC -shared -O2 -o "$tmp/omp_region.so" "$top_srcdir/tests/openmp/omp_region.c" \
	-L"$rt" || bail "cannot build omp_region.so"
check "the object needs libgomp-manyguard.so.1, not libgomp.so.1" \
	sh -c "$READELF -d '$tmp/omp_region.so' | grep -q 'NEEDED.*\\[libgomp-manyguard.so.1\\]' &&
		! $READELF -d '$tmp/omp_region.so' | grep -q 'NEEDED.*\\[libgomp.so.1\\]'"

if [ -n "$glibc217_missing" ]; then
	glibc217_unavailable
else
	OMP_NUM_THREADS=3 dlopen_on_glibc217 -L "$rt" "$tmp/omp_region.so" omp_region >"$tmp/217" 2>&1
	rc=$?
	diag "on glibc 2.17: $(cat "$tmp/217")"
	check "its parallel region runs on glibc 2.17 with the runtime (exit $rc)" \
		sh -c "[ $rc -eq 0 ] && grep -qx '3 threads, sum 5000050000' '$tmp/217'"
fi

. "$top_srcdir/tests/fixtures/bullseye_root.sh"
if [ -n "$bullseye_root_missing" ]; then
	bullseye_root_unavailable
else
	in_bullseye true
	cp "$lib" "$tmp/omp_region.so" "$bullseye_root/work/"
	in_bullseye env OMP_NUM_THREADS=2 LD_LIBRARY_PATH=/work python3 -c \
		'import ctypes; m = ctypes.CDLL("/work/omp_region.so"); print(m.omp_threads())' \
		>"$tmp/bullseye" 2>&1
	rc=$?
	diag "in bullseye: $(cat "$tmp/bullseye")"
	check "its parallel region runs in Debian bullseye (glibc 2.31) with the runtime (exit $rc)" \
		sh -c "[ $rc -eq 0 ] && grep -qx 2 '$tmp/bullseye'"
fi

# Linked against this machine's glibc (--host-glibc), the runtime needs
# GLIBC_2.34: refused for manylinux_2_17, leaving nothing behind, and
# built for manylinux_2_34, whose cap it meets.
"$mg" openmp --policy manylinux_2_17 --host-glibc --source "$openmp_source" -o "$tmp/refused" >"$tmp/refused.out" 2>&1
rc=$?
diag "$(cat "$tmp/refused.out")"
check "a build against this machine's glibc is refused for manylinux_2_17 (exit $rc) naming the version, the cap and the options" \
	sh -c "[ $rc -eq 1 ] && grep -q 'needs GLIBC_2.3[0-9] from libc.so.6, above manylinux_2_17.s cap GLIBC_2.17' '$tmp/refused.out' &&
		grep -q '^manyguard openmp: error: $tmp/refused/libgomp-manyguard.so.1: .*--glibc-dir or --baseline-libc' '$tmp/refused.out'"
check "and writes no directory" test ! -e "$tmp/refused"
"$mg" openmp --policy manylinux_2_34 --host-glibc --source "$openmp_source" -o "$tmp/host" >"$tmp/host.out" 2>&1
rc=$?
diag "$(cat "$tmp/host.out")"
check "against this machine's glibc (--host-glibc) it is built for manylinux_2_34 (exit $rc), whose cap it meets" \
	sh -c "[ $rc -eq 0 ] && grep -q '\"glibc\": \"host\"' '$tmp/host/openmp.json' &&
		grep -q '\"glibc_max\": \"GLIBC_2.3[0-4]\"' '$tmp/host/openmp.json'"
done_testing
