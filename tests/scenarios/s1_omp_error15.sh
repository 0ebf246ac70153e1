#!/bin/sh
# Scenario 1: two packages each vendor a renamed copy of LLVM's OpenMP
# runtime (as auditwheel repair makes them).  Importing both into one
# Python and using both aborts with "OMP: Error #15".  manyguard audit of
# the environment names both packages, before anything runs.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/scenarios/common.sh"
libomp=/usr/lib/llvm-14/lib/libomp.so.5
need_python
need_tool clang patchelf
[ -f "$libomp" ] || { skip "no $libomp (libomp-14-dev)"; done_testing; exit; }

site=$tmp/env/site-packages
for p in "pkg_a 1a2b3c4d" "pkg_b 5e6f7a8b"; do
	set -- $p
	pymod clang "$site/$1/_omp.so" "$src/omp_mod.c" -DMODNAME=_omp -fopenmp \
		-L/usr/lib/llvm-14/lib || bail "cannot build $1"
	vendor "$libomp" "$site/$1" "libomp-$2.so.5" "$site/$1/_omp.so" libomp.so.5 ||
		bail "cannot vendor libomp into $1"
done

# Without manyguard: each package works alone, both together abort.
PYTHONPATH=$site "$py" -c 'import pkg_a._omp as a; print("threads", a.run())' >one.out 2>&1
check "pkg_a alone runs its parallel region ($(cat one.out))" grep -qx "threads $ncpu" one.out
PYTHONPATH=$site "$py" -c 'import pkg_b._omp as b; print("threads", b.run())' >one.out 2>&1
check "pkg_b alone runs its parallel region" grep -qx "threads $ncpu" one.out
PYTHONPATH=$site "$py" -c '
import pkg_a._omp as a, pkg_b._omp as b
print("a", a.run(), flush=True)
print("b", b.run(), flush=True)' >two.out 2>&1
rc=$?
diag "$(grep 'OMP:' two.out | head -n 1)"
check "importing both and using both: the interpreter dies (exit $rc)" [ $rc -ne 0 ]
check "the first copy ran" grep -qx "a $ncpu" two.out
check "the second aborts with OMP: Error #15" grep -q "^OMP: Error #15: Initializing libomp" two.out

# With manyguard: the audit of the environment says so before anything runs.
"$mg" audit "$site" >audit.out 2>&1
rc=$?
diag "$(head -n 4 audit.out)"
check "audit of the environment exits 1" [ $rc -eq 1 ]
check "the report opens with the findings across packages" \
	sh -c "grep -m 1 . audit.out | grep -qx 'across packages: 1 finding'"
check "the first is the duplicate OpenMP runtime" \
	sh -c "grep -m 2 . audit.out | tail -n 1 | grep -q 'error *duplicate-runtime *2 copies of LLVM/Intel OpenMP'"
check "naming pkg_a's copy" grep -q "pkg_a: pkg_a.libs/libomp-1a2b3c4d.so.5 (ships libomp-1a2b3c4d.so.5)" audit.out
check "naming pkg_b's copy" grep -q "pkg_b: pkg_b.libs/libomp-5e6f7a8b.so.5 (ships libomp-5e6f7a8b.so.5)" audit.out
check "and what happens at run time" grep -q 'at run time: .*OMP: Error #15' audit.out
"$mg" audit "$site/pkg_a" "$site/pkg_a.libs" >audit1.out 2>&1
check "one package alone has no duplicate" sh -c "! grep -q duplicate-runtime audit1.out"
done_testing
