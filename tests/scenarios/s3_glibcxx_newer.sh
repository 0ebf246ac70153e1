#!/bin/sh
# Scenario 3: a C++ extension (the demo package, examples/mgdemo: to_chars,
# stringstream::view(), OpenMP) needs a GLIBCXX newer than its users'
# runtime.  Built normally it fails to import on Debian bullseye's
# libstdc++ ("version `GLIBCXX_3.4.29' not found"); built through manyguard
# it imports and works there, and exports no runtime symbols.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/scenarios/common.sh"
need_python
need_tool gcc g++
"$py" -c 'import setuptools' 2>/dev/null ||
	{ skip "$py has no setuptools"; done_testing; exit; }
. "$top_srcdir/tests/fixtures/bullseye.sh"
[ -z "$bullseye_missing" ] || { bullseye_unavailable; done_testing; exit; }

# build NAME CC CXX: examples/mgdemo built with setuptools into NAME/lib.
build() {
	cp -R "$top_srcdir/examples/mgdemo" "$1" && chmod -R u+w "$1" &&
		(cd "$1" && CC=$2 CXX=$3 "$py" setup.py build --build-lib lib) >"$1.log" 2>&1
}
expected="0.1 2.5e-08 6.02214076e+23 16.695311366"
# use NAME [LD_LIBRARY_PATH]: import and call it, from outside its sources.
use() {
	(cd "$tmp" && LD_LIBRARY_PATH=${2:-} PYTHONPATH=$tmp/$1/lib "$py" -c '
import mgdemo
s, t = mgdemo.harmonic(10**7)
print(mgdemo.shortest([0.1, 2.5e-8, 6.02214076e23]), "%.9f" % s)') 2>&1
}
needs_above() { # FILE VERSION: FILE requires a GLIBCXX version above VERSION
	"$READELF" -V --wide "$1" | sed -n 's/.*Name: GLIBCXX_3\.4\.\([0-9]*\).*/\1/p' |
		awk -v cap="${2##*.}" '$1 > cap { found = 1 } END { exit !found }'
}

# Without manyguard.
build plain gcc g++ || { diag "$(tail -n 5 plain.log)"; bail "the plain build failed"; }
so=$(ls plain/lib/mgdemo/_core*.so)
if ! needs_above "$so" GLIBCXX_3.4.28; then
	skip "$(g++ -dumpversion): g++ links nothing newer than GLIBCXX_3.4.28, nothing to show"
	done_testing
	exit
fi
check "built normally it imports and works here" test "$(use plain)" = "$expected"
use plain "$bullseye_ld_path" >bullseye.out
diag "$(tail -n 1 bullseye.out | sed "s|$bullseye_dir/root|<bullseye>|")"
check "on bullseye's runtime the import fails: version GLIBCXX_3.4.29 (or later) not found" \
	grep -q "^ImportError: .*version .GLIBCXX_3\.4\.\(29\|3[0-9]\). not found" bullseye.out

# Through manyguard (CC/CXX = the wrappers, nothing else changes).
build guarded "$wcc" "$wcxx" || { diag "$(tail -n 5 guarded.log)"; bail "the guarded build failed"; }
so=$(ls guarded/lib/mgdemo/_core*.so)
check "setuptools linked it through manyguard-c++" grep -q "^$wcxx .*-shared" guarded.log
check "it needs libstdc++'s GLIBCXX versions" sh -c "$READELF -V --wide '$so' | grep -q 'Name: GLIBCXX_3'"
check "but nothing above manylinux_2_28's GLIBCXX_3.4.24" eval '! needs_above "$so" GLIBCXX_3.4.24'
check "it works here" test "$(use guarded)" = "$expected"
out=$(use guarded "$bullseye_ld_path")
check "and on bullseye's runtime ($out)" test "$out" = "$expected"
nm -D --defined-only "$so" | awk '{ print $NF }' >exports
check "it exports only its init function, no runtime symbol" \
	test "$(cat exports)" = "PyInit__core"
manifest_json "$so" m.json
"$py" - m.json >facts.out 2>&1 <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for r in doc["runtimes"]:
    if r["family"] == "libstdc++":
        print(r["how"], "|".join(r.get("private_symbols", [])))
PY
diag "manifest: libstdc++ $(cat facts.out)"
check "its manifest: libstdc++ dynamic, std::to_chars(double) linked privately" \
	grep -q "^dynamic+nonshared .*std::to_chars(char\*, char\*, double)" facts.out
done_testing
