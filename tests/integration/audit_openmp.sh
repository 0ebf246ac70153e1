#!/bin/sh
# manyguard audit, OpenMP across packages: two modules each vendoring a
# renamed copy of LLVM's libomp really abort together ("OMP: Error #15"),
# and the audit names the pair before anything runs; a libgomp user next
# to a libomp user is a mixed-openmp error.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/audit/fixtures.sh"
mg_tmpdir
mg="$top_builddir/tools/manyguard"
[ -f "$libomp" ] || { skip "no $libomp (libomp-14-dev)"; done_testing; exit; }
command -v patchelf >/dev/null || { skip "no patchelf"; done_testing; exit; }
command -v clang >/dev/null || { skip "no clang"; done_testing; exit; }

# A site-packages tree: pkg_a and pkg_b, each with its pkg.libs copy.
site="$tmp/site-packages"
vendor_libomp "$site" pkg_a 1a2b3c4d || bail "cannot build pkg_a"
vendor_libomp "$site" pkg_b 5e6f7a8b || bail "cannot build pkg_b"
cc -o "$tmp/host" "$top_srcdir/tests/audit/host.c" -ldl || bail "cannot build host"

"$tmp/host" "$site/pkg_a/_omp.so" >"$tmp/one" 2>&1
check "one vendored libomp alone runs its parallel region" grep -q "threads" "$tmp/one"
"$tmp/host" "$site/pkg_a/_omp.so" "$site/pkg_b/_omp.so" >"$tmp/two" 2>&1
rc=$?
check "both in one process abort (exit $rc)" [ $rc -ne 0 ]
check "with OMP: Error #15" grep -q "OMP: Error #15" "$tmp/two"

"$mg" audit "$site" >"$tmp/out" 2>&1
rc=$?
check "the audit of the tree exits 1" [ $rc -eq 1 ]
check "the report starts with the findings across packages" \
	sh -c "head -n 2 '$tmp/out' | grep -q 'duplicate-runtime *2 copies of LLVM/Intel OpenMP'"
check "it names pkg_a's copy" grep -q "pkg_a: pkg_a.libs/libomp-1a2b3c4d.so.5 (ships libomp-1a2b3c4d.so.5)" "$tmp/out"
check "it names pkg_b's copy" grep -q "pkg_b: pkg_b.libs/libomp-5e6f7a8b.so.5 (ships libomp-5e6f7a8b.so.5)" "$tmp/out"
check "it says what happens at run time" grep -q 'at run time: .*OMP: Error #15' "$tmp/out"
check "the vendored libraries are not external (each package ships its own)" \
	sh -c "! grep -q 'external-lib.*libomp' '$tmp/out'"

# The same packages as wheels (Python's zipfile), read in place.
mkdir -p "$tmp/a" "$tmp/b" "$tmp/w"
cp -r "$site/pkg_a" "$site/pkg_a.libs" "$tmp/a/"
cp -r "$site/pkg_b" "$site/pkg_b.libs" "$tmp/b/"
mkwheel "$tmp/w/pkg_a-1.0-cp311-cp311-linux_x86_64.whl" "$tmp/a" || bail "mkwheel"
mkwheel "$tmp/w/pkg_b-2.0-cp311-cp311-linux_x86_64.whl" "$tmp/b" || bail "mkwheel"
"$mg" audit --json "$tmp/w"/*.whl >"$tmp/json" 2>&1
check "the wheels: exit 1" [ $? -eq 1 ]
"${PYTHON3:-python3}" - "$tmp/json" >"$tmp/dups" <<'PY' || not_ok "the JSON report parses"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["schema"] == "manyguard-audit/1"
for f in r["findings"]:
    if f["rule"] == "duplicate-runtime":
        print(f["severity"], f["cross_package"],
              " ".join("%s:%s" % (p["package"], p["file"]) for p in f["places"]))
PY
check "JSON: one duplicate-runtime error across the two wheels, with both copies" \
	grep -qx "error True pkg_a:pkg_a.libs/libomp-1a2b3c4d.so.5 pkg_b:pkg_b.libs/libomp-5e6f7a8b.so.5" "$tmp/dups"
check "JSON: nothing else is a duplicate" [ "$(wc -l <"$tmp/dups")" -eq 1 ]

# libgomp (gcc -fopenmp) next to libomp (clang -fopenmp).
mkdir -p "$tmp/mix/gnu" "$tmp/mix/llvm"
omp_module gcc "$tmp/mix/gnu/_g.so" || bail "gcc -fopenmp"
omp_module clang "$tmp/mix/llvm/_l.so" || bail "clang -fopenmp"
"$mg" audit "$tmp/mix/gnu" "$tmp/mix/llvm" >"$tmp/out" 2>&1
check "libgomp and libomp users: exit 1" [ $? -eq 1 ]
check "mixed-openmp names both families" \
	grep -q "error *mixed-openmp *2 OpenMP runtime families would meet in one process: GNU (libgomp), LLVM (libomp)" "$tmp/out"
check "it names the libgomp user" grep -q "gnu: _g.so (needs libgomp.so.1)" "$tmp/out"
check "it names the libomp user" grep -q "llvm: _l.so (needs libomp.so.5)" "$tmp/out"
"$mg" audit "$tmp/mix/gnu" >"$tmp/out" 2>&1
check "one family alone is not mixed" sh -c "! grep -q mixed-openmp '$tmp/out'"
done_testing
