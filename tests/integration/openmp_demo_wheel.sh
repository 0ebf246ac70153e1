#!/bin/sh
# The demo wheel (examples/mgdemo: C++ with OpenMP), `pip wheel` through the
# wrappers for manylinux_2_28 with the OpenMP runtime built for the policy,
# then repaired the way auditwheel repair vendors a library (copied into
# mgdemo.libs under a hashed name, SONAME, NEEDED and RPATH patched): every
# ELF file of the repaired wheel needs nothing above GLIBC_2.28 and
# `manyguard audit --policy manylinux_2_28` passes it.  The same repair
# with the compiler's own libgomp.so.1 (what the wheel carried before)
# needs GLIBC_2.34 and is refused, naming the file and the symbols.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/openmp/setup.sh"
openmp_test_setup build-tree pip patchelf
cp -R "$top_srcdir/examples/mgdemo" mgdemo && chmod -R u+w mgdemo

(cd mgdemo && MANYGUARD_OPENMP_DIR=$openmp_rt MANYGUARD_POLICY=manylinux_2_28 \
	CC="$top_builddir/wrappers/manyguard-cc" CXX="$top_builddir/wrappers/manyguard-c++" \
	"$py" -m pip wheel --no-build-isolation --no-deps -w ../dist .) >pip.log 2>&1
st=$?
check "pip wheel of the demo through the wrappers (exit $st)" test $st = 0
[ $st = 0 ] || { tail -n 20 pip.log | sed 's/^/# /'; done_testing; exit; }
whl=$(ls dist/mgdemo-1.0-*.whl)

# repair WHEEL NAME LIB: WHEEL repaired with LIB vendored as auditwheel
# does, in NAME/ (unpacked) and NAME.whl.
repair() {
	wheel=$1 name=$2 lib=$3
	mkdir "$name" && (cd "$name" && "$py" -m zipfile -e "../$wheel" .) || return 1
	so=$(ls "$name"/mgdemo/_core*.so)
	soname=$("$READELF" -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
	copy=$(echo "$soname" | sed 's/\.so\./-3bf86304.so./')
	mkdir "$name/mgdemo.libs" && cp "$lib" "$name/mgdemo.libs/$copy" &&
	patchelf --set-soname "$copy" "$name/mgdemo.libs/$copy" &&
	patchelf --replace-needed "$soname" "$copy" "$so" &&
	patchelf --set-rpath '$ORIGIN/../mgdemo.libs' "$so" &&
	rm -f "$name"/mgdemo-1.0.dist-info/RECORD && mkwheel "$name.whl" "$name"
}

repair "$whl" fit "$openmp_rt/libgomp-manyguard.so.1" || bail "cannot repair with the built runtime"
check "the repaired wheel carries the runtime as mgdemo.libs/libgomp-manyguard-3bf86304.so.1" \
	test -f fit/mgdemo.libs/libgomp-manyguard-3bf86304.so.1
max=$(openmp_glibc_max fit)
diag "highest GLIBC version in the repaired wheel: $max"
check "no file of it needs a GLIBC version above 2.28 ($max)" openmp_within "$max" GLIBC_2.28
"$mg" audit --policy manylinux_2_28 fit.whl >fit.out 2>&1
rc=$?
check "manyguard audit --policy manylinux_2_28 passes it (exit $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || sed 's/^/# /' fit.out | head -n 20
OMP_NUM_THREADS=2 "$py" -c 'import sys; sys.path.insert(0, "fit"); import mgdemo; print(mgdemo.harmonic(1000)[1])' >run.out 2>&1
check "and it runs its parallel region from the repaired tree with the vendored copy" grep -qx 2 run.out
check "which is the only libgomp the process maps" sh -c "OMP_NUM_THREADS=2 '$py' -c '
import sys; sys.path.insert(0, \"fit\"); import mgdemo; mgdemo.harmonic(10)
print(sorted({l.split()[-1] for l in open(\"/proc/self/maps\") if \"libgomp\" in l}))' | grep -q 'fit/mgdemo.libs/libgomp-manyguard-3bf86304.so.1.\\]\$'"

# Before: no runtime built, the link binds to the compiler's libgomp.so.1.
rm -rf mgdemo/build
(cd mgdemo && MANYGUARD_POLICY=manylinux_2_28 \
	CC="$top_builddir/wrappers/manyguard-cc" CXX="$top_builddir/wrappers/manyguard-c++" \
	"$py" -m pip wheel --no-build-isolation --no-deps -w ../dist-old .) >pip-old.log 2>&1 ||
	bail "pip wheel without the runtime: $(tail -n 3 pip-old.log)"
system=$(readlink -f "$(gcc -print-file-name=libgomp.so.1)")
repair "$(ls dist-old/mgdemo-1.0-*.whl)" old "$system" || bail "cannot repair with $system"
check "without the runtime the extension needs libgomp.so.1, vendored as libgomp-3bf86304.so.1" \
	sh -c "$READELF -d old/mgdemo/_core*.so | grep -q 'NEEDED.*libgomp-3bf86304.so.1'"
"$mg" audit --policy manylinux_2_28 old.whl >old.out 2>&1
rc=$?
check "with the compiler's libgomp.so.1 vendored instead, the audit refuses it (exit $rc)" [ $rc -eq 1 ]
check "naming the copy, GLIBC_2.34 and its symbols" \
	sh -c "grep -q 'symbol-version.*mgdemo.libs/libgomp-3bf86304.so.1' old.out && grep -q 'GLIBC_2.34' old.out"
done_testing
