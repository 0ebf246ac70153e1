#!/bin/sh
# check.sh: the Debian image checks itself, run inside it (the RUN step of
# containers/debian/Containerfile.test).  It builds the demo extension
# (examples/mgdemo: C++20 with OpenMP, std::to_chars(double), Python's
# limited API) with pip, the way a user of the image would, and checks what
# came out: the build ran through manyguard's wrappers, the extension's
# manifest says manylinux_2_28 and pass, its objects carry the plugin's
# notes, it binds to the OpenMP runtime built for the policy, it needs no
# libstdc++ or glibc version above the policy's, it imports and works here
# and on an older system: Debian bullseye's own Python 3.9, glibc 2.31,
# libstdc++ 10.2 (fetched with apt's own client, run by bullseye's loader).
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
omp=$(field '" ".join("%s %s %s" % (r["impl"], r["library"], (r.get("built") or {}).get("by")) for r in m["runtimes"] if r["family"] == "openmp")')
why="OpenMP: $omp"
check "its OpenMP runtime: libgomp-manyguard.so.1, built by manyguard openmp for the image" \
	test "$omp" = "gnu-openmp libgomp-manyguard.so.1 manyguard openmp"
omp_dir=$(manyguard openmp --print-dir --policy manylinux_2_28 2>/dev/null)
why="manyguard openmp --print-dir: ${omp_dir:-nothing}"
check "the OpenMP runtime is in the image's cache" test -f "$omp_dir/libgomp-manyguard.so.1"
glibc=$(field 'm["glibc"] and m["glibc"]["release"]')
why="glibc baseline: $glibc"
check "it was linked against the policy's glibc 2.28 (the glibc directory)" test "$glibc" = 2.28
priv=$(field '" | ".join(s for r in m["runtimes"] if r["family"] == "libstdc++" for s in r.get("private_symbols", []))')
why="linked privately: $priv"
check "std::to_chars(double), and only it, was linked privately from the split runtime" \
	test "$priv" = "std::to_chars(char*, char*, double)"
high=$(readelf -V --wide "$so" | sed -n 's/.*Name: \(GLIBCXX_[0-9.]*\).*/\1/p' | sort -t. -k3,3n | tail -n 1)
why="highest: $high"
check "the extension needs at most GLIBCXX_3.4.24 (highest: $high)" \
	test "$(printf '%s\n' "$high" GLIBCXX_3.4.24 | sort -t. -k3,3n | tail -n 1)" = GLIBCXX_3.4.24
high=$(readelf -V --wide "$so" | sed -n 's/.*Name: \(GLIBC_[0-9.]*\).*/\1/p' | sort -t. -k2,2n | tail -n 1)
why="highest: $high"
check "the extension needs at most GLIBC_2.28 (highest: $high)" \
	test "$(printf '%s\n' "$high" GLIBC_2.28 | sort -t. -k2,2n | tail -n 1)" = GLIBC_2.28

# It imports and works, with the image's interpreter and the OpenMP
# runtime's directory on the library path (where a repaired wheel carries
# the runtime, or the manyguard-openmp wheel provides it: docs/openmp.md).
call='import mgdemo
print(mgdemo.shortest([0.1, 2.5e-8, 6.02214076e23]))
print("%.9f" % mgdemo.harmonic(10**7)[0])'
expected="0.1 2.5e-08 6.02214076e+23
16.695311366"
out=$(cd site && LD_LIBRARY_PATH=$omp_dir "$py" -c "$call" 2>&1)
why=$out
check "the extension imports and works" test "$out" = "$expected"

# The audit names the one thing the wheel still needs before it ships: the
# OpenMP runtime it binds to (a Requires-Dist on manyguard-openmp, or
# auditwheel repair vendoring it: docs/openmp.md), and nothing else.
manyguard audit --policy manylinux_2_28 "$whl" >audit.log 2>&1
st=$?
why="exit $st: $(grep -E '^ *(error|note)' audit.log | head -n 3 | tr '\n' ' ')"
check "manyguard audit names the shared OpenMP runtime libgomp-manyguard.so.1 [external-lib], and no other error (exit $st)" \
	sh -c "grep -qE '^ *(error|note) +external-lib .*libgomp-manyguard\.so\.1' audit.log &&
		[ \$(grep '^ *error ' audit.log | grep -vc 'libgomp-manyguard\.so\.1') = 0 ]"

# On an older system than the image's: Debian bullseye's own Python 3.9,
# glibc 2.31, libstdc++ 10.2 (GLIBCXX_3.4.28), run by bullseye's loader
# with only bullseye's libraries and the OpenMP runtime's directory.  The
# oldest glibc of a Debian release the archive still serves (the policy's
# 2.28 is buster's, archived): it shows nothing above 2.31 is needed, which
# the readelf check above narrows to 2.28.  The packages are fetched with
# apt's own client (scripts/fetch-debian-runtime) into
# /var/cache/manyguard-check when that is there (the test mounts a cache),
# else into the scratch directory.
old_cache=$work
[ -d /var/cache/manyguard-check ] && old_cache=/var/cache/manyguard-check
"$src/scripts/fetch-debian-runtime" bullseye "$old_cache/bullseye-python" libc6 libstdc++6 \
	libgcc-s1 libgomp1 python3.9-minimal libpython3.9-minimal libexpat1 zlib1g >fetch.log 2>&1
st=$?
why="exit $st: $(tail -n 2 fetch.log | tr '\n' ' ')"
check "Debian bullseye's Python 3.9 and runtime libraries fetched (exit $st)" test $st = 0
old=$old_cache/bullseye-python/root
triplet=$(gcc -print-multiarch)
loader=$(ls "$old/lib/$triplet"/ld-linux*.so.* 2>/dev/null | head -n 1)
out=$(cd site && env -i PYTHONHOME="$old/usr" "$loader" --inhibit-cache \
	--library-path "$omp_dir:$old/lib/$triplet:$old/usr/lib/$triplet" "$old/usr/bin/python3.9" -c "$call
import os, platform
print('Python %s on %s' % (platform.python_version(), os.confstr('CS_GNU_LIBC_VERSION')))" 2>&1)
why=$out
check "the extension imports and works on Debian bullseye: its Python 3.9, glibc 2.31, libstdc++ 10.2" \
	sh -c 'case $1 in "$2
Python 3.9."*" on glibc 2.31") exit 0 ;; *) exit 1 ;; esac' sh "$out" "$expected"

exit $((failed > 0))
