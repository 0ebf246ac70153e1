#!/bin/sh
# check.sh: the Debian image checks itself, run inside it (the RUN step of
# containers/debian/Containerfile.test).  It builds the demo extension
# (examples/mgdemo: C++20 with OpenMP, std::to_chars(double)) with pip,
# the way a user of the image would, and checks what came out: the build
# ran through manyguard's wrappers, the extension's manifest says
# manylinux_2_28 and pass, its objects carry the plugin's notes, it needs
# no libstdc++ version above the policy's, and it imports and works.
#
# One line per check on stdout, "mgcheck: PASS<TAB>what" or
# "mgcheck: FAIL<TAB>what<TAB>why" (the test turns them into TAP); exit
# status 1 when one failed, so that the image's test build fails too.
set -u
failed=0
tab=$(printf '\t')
check() {
	what=$1
	shift
	if "$@" >/dev/null 2>&1; then
		echo "mgcheck: PASS$tab$what"
	else
		echo "mgcheck: FAIL$tab$what${why:+$tab$why}"
		failed=$((failed + 1))
	fi
	why=
}
why=
src=/usr/src/manyguard
py=/opt/python/cp311-cp311/bin/python
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

check "CC and CXX are manyguard's wrappers" test "${CC:-}-${CXX:-}" = manyguard-cc-manyguard-c++
check "the image's Python is $py" test -x "$py"

# pip without build isolation: the venv sees Debian's setuptools, so the
# build needs no package index.
cp -R "$src/examples/mgdemo" mgdemo
"$py" -m pip wheel --no-build-isolation --no-deps -v -w dist ./mgdemo >pip.log 2>&1
st=$?
why="exit $st: $(tail -n 5 pip.log | tr '\n' ' ')"
check "pip wheel examples/mgdemo with the image's settings (exit $st)" test $st = 0
check "setuptools compiled _core.cc with manyguard-cc" grep -q "^ *manyguard-cc .*-c mgdemo/_core.cc" pip.log
check "setuptools linked the extension with manyguard-c++" grep -q "^ *manyguard-c++ .*-shared" pip.log
whl=$(ls dist/mgdemo-1.0-*.whl 2>/dev/null | head -n 1)
mkdir site && (cd site && "$py" -m zipfile -e "../$whl" .) 2>/dev/null
so=$(ls site/mgdemo/_core*.so 2>/dev/null | head -n 1)
check "the wheel holds the extension (${so:-none})" test -n "$so"

# The manifest the linker wrapper embedded: what the image promises.
manyguard manifest --json "$so" >manifest.json 2>manifest.err
st=$?
why="exit $st: $(cat manifest.err)"
check "manyguard manifest reads the extension's manifest (exit $st)" test $st = 0
field() {
	"$py" -c 'import json, sys
m = json.load(open("manifest.json"))
print(eval(sys.argv[1], {"m": m}))' "$1" 2>/dev/null
}
v=$(field 'm["verdict"]["result"]')
why="verdict: $v"
check "its verdict: pass" test "$v" = pass
p=$(field 'm["policy"]["name"]')
why="policy: $p"
check "its policy: manylinux_2_28" test "$p" = manylinux_2_28
n=$(field 'sum(1 for o in m["objects"] if o["notes"])')
without=$(field '" ".join(m["objects_without_notes"]) or "none"')
why="objects with notes: $n; without: $without"
check "its object carries the plugin's notes, none lacks them" test "$n" = 1 -a "$without" = none
omp=$(field '" ".join(r["impl"] for r in m["runtimes"] if r["family"] == "openmp")')
why="OpenMP: $omp"
check "its OpenMP runtime: gnu-openmp, dynamic" test "$omp" = gnu-openmp
priv=$(field '" | ".join(s for r in m["runtimes"] if r["family"] == "libstdc++" for s in r.get("private_symbols", []))')
why="linked privately: $priv"
check "std::to_chars(double), and only it, was linked privately from the split runtime" \
	test "$priv" = "std::to_chars(char*, char*, double)"
high=$(readelf -V --wide "$so" | sed -n 's/.*Name: \(GLIBCXX_[0-9.]*\).*/\1/p' | sort -t. -k3,3n | tail -n 1)
why="highest: $high"
check "the extension needs at most GLIBCXX_3.4.24 (highest: $high)" \
	test "$(printf '%s\n' "$high" GLIBCXX_3.4.24 | sort -t. -k3,3n | tail -n 1)" = GLIBCXX_3.4.24

# It imports and works, with the image's interpreter.
out=$(cd site && "$py" -c 'import mgdemo
print(mgdemo.shortest([0.1, 2.5e-8, 6.02214076e23]))
print("%.9f" % mgdemo.harmonic(10**7)[0])' 2>&1)
why=$out
check "the extension imports and works" test "$out" = "0.1 2.5e-08 6.02214076e+23
16.695311366"

# The audit names what the wheel still needs repaired: libgomp, which no
# manylinux policy allows.
manyguard audit --policy manylinux_2_28 "$whl" >audit.log 2>&1
st=$?
why="exit $st: $(grep -E '^ *error' audit.log | head -n 3 | tr '\n' ' ')"
check "manyguard audit finds one error, libgomp.so.1 not allowed (exit $st)" \
	sh -c "[ $st = 1 ] && [ \$(grep -c '^ *error ' audit.log) = 1 ] && grep -q '^ *error *external-lib .*libgomp.so.1' audit.log"

# RESERVED for the glibc baseline work: run the extension on the old glibc
# the policy names (manylinux_2_28: glibc 2.28) from inside the image.  Not
# checked yet; the image links against bookworm's glibc 2.36, and nothing
# here may claim otherwise.

exit $((failed > 0))
