#!/bin/sh
# Scenario 5: two extensions use different OpenMP runtimes, GNU (gcc
# -fopenmp: libgomp) and LLVM (clang -fopenmp: libomp).  Imported together,
# the process runs two thread pools and a thread setting reaches only one.
# Built through manyguard, each manifest records its OpenMP runtime, a link
# that would mix them is refused, and audit flags the pair across packages.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/scenarios/common.sh"
need_python
need_tool gcc clang
llvmlib=/usr/lib/llvm-14/lib
[ -f "$llvmlib/libomp.so.5" ] || { skip "no $llvmlib/libomp.so.5 (libomp-14-dev)"; done_testing; exit; }

site=$tmp/plain
pymod gcc "$site/pkg_gnu/_omp.so" "$src/omp_mod.c" -DMODNAME=_omp -fopenmp || bail "gcc -fopenmp"
pymod clang "$site/pkg_llvm/_omp.so" "$src/omp_mod.c" -DMODNAME=_omp -fopenmp -L"$llvmlib" ||
	bail "clang -fopenmp"
# both SITE: import both, limit the GNU one to 1 thread, show both settings
# and the OpenMP runtimes loaded.
both() {
	PYTHONPATH=$1 "$py" -c '
import pkg_gnu._omp as g, pkg_llvm._omp as l
print("runs", g.run(), l.run())
g.set_threads(1)
print("max", g.max_threads(), l.max_threads())
libs = sorted({l.split()[-1].rsplit("/", 1)[-1] for l in open("/proc/self/maps")
               if "/libgomp" in l or "/libomp" in l})
print("runtimes", " ".join(libs))' 2>&1
}

# Without manyguard.
both "$site" >run.out
diag "$(cat run.out)"
check "both extensions run together (no abort: different families)" grep -qx "runs $ncpu $ncpu" run.out
check "the process holds both runtimes" grep -q "^runtimes libgomp\\.so\\.1[.0-9]* libomp\\.so\\.5$" run.out
if [ "$ncpu" -ge 2 ]; then
	check "omp_set_num_threads(1) in one extension misses the other's pool" grep -qx "max 1 $ncpu" run.out
else
	skip "one CPU: both pools have one thread, the missed setting cannot show"
fi

# With manyguard: each extension alone is fine (one runtime each)...
g=$tmp/guarded
mkdir -p "$g/pkg_gnu" "$g/pkg_llvm"
MANYGUARD_CC=gcc "$wcc" -shared -fPIC -fopenmp -I"$pyinc" -DMODNAME=_omp \
	-o "$g/pkg_gnu/_omp.so" "$src/omp_mod.c" >gnu.out 2>&1
check "manyguard-cc (gcc) builds the GNU OpenMP extension" test -f "$g/pkg_gnu/_omp.so"
MANYGUARD_CC=clang "$wcc" -shared -fPIC -fopenmp -L"$llvmlib" -I"$pyinc" -DMODNAME=_omp \
	-o "$g/pkg_llvm/_omp.so" "$src/omp_mod.c" >llvm.out 2>&1
check "manyguard-cc (clang) builds the LLVM OpenMP extension" test -f "$g/pkg_llvm/_omp.so"
# ... each manifest says which runtime it brings ...
for k in gnu llvm; do
	manifest_json "$g/pkg_$k/_omp.so" $k.json
	"$py" - $k.json >$k.facts 2>&1 <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
print(" ".join("%s:%s" % (r["impl"], r["library"]) for r in doc["runtimes"]
               if r["family"] == "openmp"))
PY
done
check "the GNU extension's manifest records GNU OpenMP ($(cat gnu.facts))" \
	grep -qx 'gnu-openmp:libgomp.so.1' gnu.facts
check "the LLVM extension's manifest records LLVM OpenMP ($(cat llvm.facts))" \
	grep -qx 'llvm-openmp:libomp.so.5' llvm.facts
# ... a single link that would bring both is refused ...
MANYGUARD_CC=gcc "$wcc" -shared -fPIC -fopenmp -I"$pyinc" -DMODNAME=_omp -o mixed.so \
	"$src/omp_mod.c" -Wl,--no-as-needed "$llvmlib/libomp.so.5" -lgomp >mixed.out 2>&1
rc=$?
check "a link needing libgomp and libomp is refused (exit $rc)" [ $rc -eq 1 ]
check "with [mixed-openmp], naming both" \
	grep -q "error: mixed.so needs two OpenMP runtimes: libomp.so.5 (llvm-openmp) and libgomp.so.1 (gnu-openmp) \[mixed-openmp\]" mixed.out
check "leaving no output" [ ! -e mixed.so ]
# ... and audit flags the two packages together.
"$mg" audit "$g/pkg_gnu" "$g/pkg_llvm" >audit.out 2>&1
check "audit of the two packages exits 1" [ $? -eq 1 ]
check "mixed-openmp across packages, naming both families" \
	grep -q "error *mixed-openmp *2 OpenMP runtime families would meet in one process: GNU (libgomp), LLVM (libomp)" audit.out
check "and both extensions" \
	sh -c "grep -q 'pkg_gnu: _omp.so (needs libgomp.so.1)' audit.out && grep -q 'pkg_llvm: _omp.so (needs libomp.so.5)' audit.out"
"$mg" audit "$g/pkg_gnu" >audit1.out 2>&1
check "one of them alone is not flagged" sh -c "! grep -q mixed-openmp audit1.out"
done_testing
