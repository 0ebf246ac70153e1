#!/bin/sh
# Scenario 2: one package links the build machine's OpenBLAS because it
# happened to be installed (-lopenblas), another vendors its own copy.  In
# one process there are two OpenBLAS thread pools, and a thread limit set
# through one (threadpoolctl, a user's "use 1 thread") misses the other.
# manyguard's linker refuses the accidental link naming the path it
# resolved to, the manifest records it when allowed, and audit reports it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/scenarios/common.sh"
need_python
need_tool gcc patchelf
sysblas=$(gcc -print-file-name=libopenblas.so.0)
case $sysblas in
/*) ;;
*) skip "no system libopenblas.so.0 (libopenblas0)"; done_testing; exit ;;
esac
realblas=$(readlink -f "$sysblas")

site=$tmp/env/site-packages
pymod gcc "$site/pkg_sys/_blas.so" "$src/blas_mod.c" -DMODNAME=_blas -lopenblas ||
	bail "cannot build pkg_sys"
pymod gcc "$site/pkg_own/_blas.so" "$src/blas_mod.c" -DMODNAME=_blas -lopenblas &&
	vendor "$realblas" "$site/pkg_own" libopenblas-9c8d7e6f.so.0 "$site/pkg_own/_blas.so" \
		libopenblas.so.0 || bail "cannot build pkg_own"

# Without manyguard: both copies in one process, two thread settings.
PYTHONPATH=$site "$py" -c '
import pkg_sys._blas as s, pkg_own._blas as o
files = sorted({l.split()[-1] for l in open("/proc/self/maps") if "openblas" in l})
print("loaded", len(files))
for f in files:
    print("file", f)
print("before", s.threads(), o.threads())
s.set_threads(1)
print("after", s.threads(), o.threads())' >run.out 2>&1
diag "$(cat run.out)"
check "the process loads two OpenBLAS files" grep -qx "loaded 2" run.out
check "the system's" grep -qx "file $realblas" run.out
check "and pkg_own's copy" grep -qx "file $site/pkg_own.libs/libopenblas-9c8d7e6f.so.0" run.out
# OpenBLAS sizes its pool by the CPUs, up to the maximum it was built for.
pool=$(sed -n 's/^before \([0-9]*\) \1$/\1/p' run.out)
if [ "$ncpu" -ge 2 ]; then
	check "each copy sizes its own thread pool (${pool:-?} threads)" test "${pool:-0}" -ge 2
	check "a limit of 1 thread set through one copy misses the other" \
		grep -qx "after 1 $pool" run.out
else
	skip "one CPU: both pools have one thread, the missed limit cannot show"
	skip "one CPU: both pools have one thread, the missed limit cannot show"
fi

# With manyguard: the accidental link is refused, naming what -lopenblas found.
"$wcc" -shared -fPIC -I"$pyinc" -DMODNAME=_blas -o wrapped.so "$src/blas_mod.c" -lopenblas \
	>link.out 2>&1
rc=$?
check "manyguard-cc refuses the link (exit $rc)" [ $rc -eq 1 ]
check "no output is left" [ ! -e wrapped.so ]
check "the error names the rule, the -l and the path it resolved to" \
	grep -q "error: wrapped.so needs libopenblas.so.0, which manylinux_2_28 does not allow; -lopenblas resolved to .*libopenblas.so ($realblas) \[external-lib\]" link.out
MANYGUARD_ALLOW=external-lib "$wcc" -shared -fPIC -I"$pyinc" -DMODNAME=_blas -o allowed.so \
	"$src/blas_mod.c" -lopenblas >allow.out 2>&1
check "MANYGUARD_ALLOW=external-lib keeps the output, with a warning" \
	sh -c "test -f allowed.so && grep -q 'warning: .*libopenblas.so.0.*allowed by MANYGUARD_ALLOW' allow.out"
manifest_json allowed.so allowed.json
"$py" - allowed.json "$realblas" >facts.out 2>&1 <<'PY'
import json, os, sys
doc = json.load(open(sys.argv[1]))
for n in doc["needed"]:
    if n["name"] == "libopenblas.so.0":
        print("needed", n.get("linked_by"), os.path.realpath(n.get("resolved", "")) == sys.argv[2])
print("allowed", " ".join(doc["verdict"].get("allowed", [])))
PY
diag "$(cat facts.out)"
check "the manifest lists libopenblas.so.0, linked by -lopenblas, resolved to the system's file" \
	grep -qx "needed -lopenblas True" facts.out
check "and records that external-lib was allowed" grep -qx "allowed external-lib" facts.out

# And audit finds it in the built environment.
"$mg" audit "$site" >audit.out 2>&1
check "audit of the environment exits 1" [ $? -eq 1 ]
check "it reports pkg_sys's system OpenBLAS with where it resolves" \
	grep -q "error *external-lib *pkg_sys/_blas.so: needs libopenblas.so.0, which manylinux_2_28 does not allow and the package does not ship (here it resolves to .*libopenblas.so.0)" audit.out
check "it reports the pair: the system OpenBLAS next to pkg_own's copy" \
	sh -c "grep -q 'duplicate-runtime *2 copies of OpenBLAS' audit.out && grep -q 'pkg_sys: pkg_sys/_blas.so' audit.out"
done_testing
