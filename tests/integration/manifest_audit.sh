#!/bin/sh
# `manyguard audit` reads embedded manifests, from files and from wheels
# (in place): what each file was linked for and how it passed, a note for
# rules MANYGUARD_ALLOW downgraded at link time, a warning for a corrupted
# manifest; files without a manifest are counted as such.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/manifest/common.sh"
cp "$fx/lib.cc" "$fx/omp.c" . || bail "cannot copy the fixtures"

mkdir -p pkg/pkg
"$wcxx" -fPIC -shared lib.cc -o pkg/pkg/clean.so 2>err.txt || bail "link clean.so: $(cat err.txt)"
# Two OpenMP runtimes in one output: refused unless allowed.
libomp=$(clang -print-file-name=libomp.so 2>/dev/null)
[ -f "$libomp" ] || libomp=$(ls /usr/lib/llvm-*/lib/libomp.so 2>/dev/null | head -n 1)
[ -f "$libomp" ] || bail "no LLVM libomp.so (libomp-dev)"
MANYGUARD_ALLOW=symbol-version,mixed-openmp g++ -B "$wb/" -fPIC -shared lib.cc -o pkg/pkg/allowed.so \
	-Wl,--no-as-needed -lgomp "$libomp" 2>err.txt || bail "link allowed.so: $(cat err.txt)"
g++ -fPIC -shared lib.cc -o pkg/pkg/plain.so || bail "link plain.so"
cp pkg/pkg/clean.so pkg/pkg/broken.so
printf 'MGMANIF\000\001\000\000\000\040\000\000\000' >short.bin
objcopy --update-section .manyguard.manifest=short.bin pkg/pkg/broken.so || bail "objcopy"

"$mg" audit --json pkg >audit.json
is "the package counts 3 embedded manifests, 1 corrupted" audit.json \
	'[d["packages"][0]["manifest"]["embedded"], d["packages"][0]["manifest"]["corrupted"]]' '[3, 1]'
elf() { echo "next(e for e in d[\"packages\"][0][\"elf\"] if e[\"path\"] == \"pkg/$1\")[\"manifest\"]"; }
is "clean.so: policy and result" audit.json "[$(elf clean.so)[k] for k in ('valid', 'policy', 'result', 'allowed')]" \
	'[true, "manylinux_2_28", "pass", []]'
is "allowed.so: the rules allowed at link time" audit.json "$(elf allowed.so)[\"allowed\"]" '["mixed-openmp", "symbol-version"]'
is "allowed.so: a note says so" audit.json \
	'[(f["rule"], f["severity"], f["places"][0]["file"]) for f in d["findings"] if f["rule"] == "manifest" and f["severity"] == "note"]' \
	'[["manifest", "note", "pkg/allowed.so"]]'
is "plain.so: no manifest" audit.json "$(elf plain.so)" null
is "broken.so: invalid, with the reason" audit.json "[$(elf broken.so)[\"valid\"], \"truncated\" in $(elf broken.so)[\"error\"]]" \
	'[false, true]'
is "broken.so: a warning finding" audit.json \
	'[(f["severity"], f["places"][0]["file"]) for f in d["findings"] if f["rule"] == "manifest" and f["severity"] == "warning"]' \
	'[["warning", "pkg/broken.so"]]'
"$mg" audit pkg >audit.txt
check "the text report shows each manifest" \
	grep -q '^  pkg/allowed.so: manifest: linked by manyguard .* for manylinux_2_28, pass-with-allowed, allowed: mixed-openmp,symbol-version$' audit.txt

# The same files in a wheel: read in place.
"$PYTHON3" "$top_srcdir/tests/audit/mkwheel.py" pkg-1.0-cp311-cp311-linux_x86_64.whl pkg ||
	bail "mkwheel.py"
"$mg" audit --json pkg-1.0-cp311-cp311-linux_x86_64.whl >wheel.json
is "wheel: the same manifests" wheel.json \
	'sorted((e["path"], (e["manifest"] or {}).get("result")) for e in d["packages"][0]["elf"])' \
	'[["pkg/allowed.so", "pass-with-allowed"], ["pkg/broken.so", null], ["pkg/clean.so", "pass"], ["pkg/plain.so", null]]'

done_testing
