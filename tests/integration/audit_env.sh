#!/bin/sh
# manyguard audit of an environment: a directory tree shaped like
# site-packages (distributions found through dist-info/RECORD, auditwheel's
# pkg.libs directories), duplicate vendored libgomp copies, and --python:
# the interpreter's process against a package's vendored libz.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/audit/fixtures.sh"
mg_tmpdir
mg="$top_builddir/tools/manyguard"
command -v patchelf >/dev/null || { skip "no patchelf"; done_testing; exit; }
gomp=$(cc -print-file-name=libgomp.so.1)
[ -f "$gomp" ] || { skip "no libgomp.so.1"; done_testing; exit; }

# scikit_learn ships sklearn/ and scikit_learn.libs/ (its RECORD says so);
# otherpkg/ and otherpkg.libs/ have no RECORD.  Each vendors libgomp under
# its own hash, as auditwheel does.
env="$tmp/env"
vendor_gomp() { # DIR-OF-MODULE LIBS-DIR HASH RPATH
	mkdir -p "$1" "$2"
	cp "$gomp" "$2/libgomp-$3.so.1" &&
	patchelf --set-soname "libgomp-$3.so.1" "$2/libgomp-$3.so.1" &&
	omp_module gcc "$1/_omp.so" &&
	patchelf --replace-needed libgomp.so.1 "libgomp-$3.so.1" "$1/_omp.so" &&
	patchelf --set-rpath "$4" "$1/_omp.so"
}
vendor_gomp "$env/sklearn" "$env/scikit_learn.libs" a34b3233 '$ORIGIN/../scikit_learn.libs' || bail vendor
vendor_gomp "$env/otherpkg" "$env/otherpkg.libs" 5e8a2b1c '$ORIGIN/../otherpkg.libs' || bail vendor
mkdir -p "$env/scikit_learn-1.3.0.dist-info"
(cd "$env" && find sklearn scikit_learn.libs -type f | sed 's/$/,,/') >"$env/scikit_learn-1.3.0.dist-info/RECORD"
printf 'x = 1\n' >"$env/single.py"

"$mg" audit --json "$env" >"$tmp/json" 2>&1
check "exit 1" [ $? -eq 1 ]
"${PYTHON3:-python3}" - "$tmp/json" >"$tmp/facts" <<'PY' || not_ok "the JSON report parses"
import json, sys
r = json.load(open(sys.argv[1]))
for p in r["packages"]:
    print("package", p["name"], p["kind"], " ".join(sorted(e["path"] for e in p["elf"])))
for f in r["findings"]:
    print("finding", f["rule"], f["severity"], f["cross_package"],
          " ".join("%s:%s" % (p["package"], p["file"]) for p in f["places"]))
PY
check "RECORD makes sklearn/ and scikit_learn.libs/ one package" \
	grep -qx "package scikit_learn site-package scikit_learn.libs/libgomp-a34b3233.so.1 sklearn/_omp.so" "$tmp/facts"
check "otherpkg/ and otherpkg.libs/ are one package" \
	grep -qx "package otherpkg site-package otherpkg.libs/libgomp-5e8a2b1c.so.1 otherpkg/_omp.so" "$tmp/facts"
check "a pure-Python module is a package without ELF files" grep -qx "package single site-package " "$tmp/facts"
check "the vendored libgomp is found in the package (no external-lib)" \
	sh -c "! grep -q 'finding external-lib' '$tmp/facts'"
check "two libgomp copies: duplicate-runtime error naming both" \
	grep -qx "finding duplicate-runtime error True otherpkg:otherpkg.libs/libgomp-5e8a2b1c.so.1 scikit_learn:scikit_learn.libs/libgomp-a34b3233.so.1" "$tmp/facts"
"$mg" audit "$env" >"$tmp/out" 2>&1
check "it names GNU OpenMP" grep -q "2 copies of GNU OpenMP (libgomp) would be loaded into one process" "$tmp/out"
check "it says: two thread pools" grep -q "at run time: each copy starts its own thread pool: two thread pools" "$tmp/out"

# --python: the interpreter's process.  Debian's python3 links libz.so.1;
# a package shipping its own renamed libz shadows it.
py=/usr/bin/python3
zlib=$(cc -print-file-name=libz.so.1)
if [ -x "$py" ] && readelf -d "$py" | grep -q 'libz.so.1' && [ -f "$zlib" ]; then
	zenv="$tmp/zenv/site-packages"
	mkdir -p "$zenv/zpkg" "$zenv/zpkg.libs"
	cp "$zlib" "$zenv/zpkg.libs/libz-0f1e2d3c.so.1"
	patchelf --set-soname libz-0f1e2d3c.so.1 "$zenv/zpkg.libs/libz-0f1e2d3c.so.1" || bail patchelf
	"$mg" audit --json --python "$py" "$zenv" >"$tmp/json" 2>&1
	"${PYTHON3:-python3}" - "$tmp/json" "$(readlink -f "$py")" "$(readlink -f "$zlib")" >"$tmp/facts" <<'PY' || not_ok "the JSON report parses"
import json, sys
r = json.load(open(sys.argv[1]))
proc = [p for p in r["packages"] if p["kind"] == "process"]
files = [e["path"] for e in proc[0]["elf"]] if proc else []
print("exe", sys.argv[2] in files)
print("libz", sys.argv[3] in files)
for f in r["findings"]:
    if f["rule"] == "shadowed-library":
        print("shadow", f["severity"], f["message"],
              " ".join("%s:%s" % (p["package"], p["file"]) for p in f["places"]))
PY
	check "the process holds the interpreter" grep -qx "exe True" "$tmp/facts"
	check "and the libz it loads, resolved like ld.so" grep -qx "libz True" "$tmp/facts"
	check "the vendored libz copy is reported as shadowing the interpreter's" \
		grep -q "^shadow warning ships libz-0f1e2d3c.so.1, another copy of libz.so.1, which the interpreter's process already loads zpkg:zpkg.libs/libz-0f1e2d3c.so.1 process:" "$tmp/facts"
else
	skip "no /usr/bin/python3 linking libz.so.1"
	skip "no /usr/bin/python3 linking libz.so.1"
	skip "no /usr/bin/python3 linking libz.so.1"
fi
"$mg" audit --python "$tmp/no-such-python" "$env" >"$tmp/out" 2>&1
check "an interpreter that cannot run: exit 2, the rest still audited" \
	sh -c "[ $? -eq 2 ] && grep -q duplicate-runtime '$tmp/out'"
done_testing
