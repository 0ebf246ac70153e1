#!/bin/sh
# The README's demo shows what users see: step 2 runs the extension on
# Debian bullseye's own Python 3.9 and glibc 2.31 as README.md shows;
# scripts/demo's manifest step prints exactly what `manyguard manifest`
# prints for the extension (no
# placeholder standing in for the runtime directory's absolute path), and
# README.md's copy of that step names the runtime directory on the same
# lines, the same way: by an absolute path (the cache's place and the hash
# of its inputs differ from machine to machine, and so does the rest of a
# manifest with another Python's compiler flags: only those lines are
# compared).
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
py=${PYTHON3:-python3}
if ! "$py" -c 'import os, sysconfig, setuptools
assert os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h"))' 2>/dev/null; then
	skip "no python3 with setuptools and Python.h (apt-get install python3-setuptools python3-dev)"
	done_testing
	exit
fi
# The demo writes into BUILDDIR/demo: a build tree of the test's own that
# points at the real one, so parallel runs of the test do not collide.
mkdir -p "$tmp/build/tools" "$tmp/build/wrappers" "$tmp/build/specs"
for f in tools/manyguard wrappers/manyguard-cc wrappers/manyguard-c++ wrappers/bin \
	specs/manyguard.specs gcc-plugin shims Makefile; do
	ln -s "$top_builddir/$f" "$tmp/build/$f" || bail "cannot link $f"
done
MANYGUARD_CACHE_DIR=$tmp/cache "$top_srcdir/scripts/demo" "$tmp/build" >"$tmp/demo.out" 2>"$tmp/demo.err"
st=$?
check "scripts/demo runs (exit $st)" test $st = 0
[ $st = 0 ] || sed 's/^/# /' "$tmp/demo.err" | tail -n 10

# step N FILE: the lines of demo step N ("== N. ...") up to the blank line
# before the next step.
step() {
	awk -v n="$1" '/^== / { on = index($0, "== " n ".") == 1 } on' "$2" | sed '${/^$/d;}'
}
step 3 "$tmp/demo.out" | sed -n '3,$p' >"$tmp/step3.demo"
so=$(ls "$tmp"/build/demo/lib/mgdemo/_core*.so 2>/dev/null | head -n 1)
(cd "$tmp/build/demo" && "$top_builddir/tools/manyguard" manifest "lib/mgdemo/${so##*/}") >"$tmp/step3.real" 2>&1
check "the demo's manifest step is manyguard manifest's output, unchanged" cmp -s "$tmp/step3.demo" "$tmp/step3.real"
check "... which names the runtime directory by its absolute path" \
	grep -q "linked privately from $tmp/cache/runtime/manylinux_2_28-[0-9a-f]*/libstdc++_nonshared.a" "$tmp/step3.real"
[ ! -s "$tmp/step3.real" ] || cmp -s "$tmp/step3.demo" "$tmp/step3.real" || diff "$tmp/step3.demo" "$tmp/step3.real" | sed 's/^/# /' | head -n 10

# README.md's step 3, between its demo markers.
sed -n '/^<!-- demo output: begin/,/^<!-- demo output: end/p' "$top_srcdir/README.md" >"$tmp/readme.out"

# Step 2 runs the extension on Debian bullseye's own Python and glibc when
# their packages can be fetched, and says so when not; README.md shows the
# same lines (OpenMP's thread count is the machine's).
step 2 "$tmp/demo.out" | sed 's/with [0-9]* OpenMP threads/with N OpenMP threads/' >"$tmp/step2.demo"
step 2 "$tmp/readme.out" | sed '/^```$/d; s/with [0-9]* OpenMP threads/with N OpenMP threads/' >"$tmp/step2.readme"
if grep -q '^(not run on Debian bullseye: ' "$tmp/step2.demo"; then
	skip "the demo could not fetch Debian bullseye's packages: $(grep '^(not run' "$tmp/step2.demo")"
else
	check "the demo imports and runs the extension with Debian bullseye's Python 3.9 on glibc 2.31" \
		sh -c "tail -n 3 '$tmp/step2.demo' | tr '\n' '|' | grep -qx '0.1 2.5e-08 6.02214076e+23|harmonic(10\*\*7) = 16.695311366 with N OpenMP threads|Python 3.9.[0-9]* on glibc 2.31|'"
	check "README.md's step 2 is the demo's" cmp -s "$tmp/step2.readme" "$tmp/step2.demo"
	cmp -s "$tmp/step2.readme" "$tmp/step2.demo" || diff "$tmp/step2.readme" "$tmp/step2.demo" | sed 's/^/# /' | head -n 10
fi
step 3 "$tmp/readme.out" | sed -n '3,$p' | sed '/^```$/d' >"$tmp/step3.readme"
# runtime_lines FILE: FILE's lines that name a runtime directory, by an
# absolute path, with that path replaced by RUNTIME-DIR.
runtime_lines() {
	sed -n 's|/[^ ]*/runtime/manylinux_2_28-[0-9a-f]*/|RUNTIME-DIR/|gp' "$1"
}
runtime_lines "$tmp/step3.readme" >"$tmp/a"
runtime_lines "$tmp/step3.demo" >"$tmp/b"
check "README.md's manifest step names the runtime directory where the demo does, by its path ($(wc -l <"$tmp/b") lines; scripts/readme-demo regenerates it)" \
	sh -c "[ -s '$tmp/b' ] && cmp -s '$tmp/a' '$tmp/b'"
cmp -s "$tmp/a" "$tmp/b" || diff "$tmp/a" "$tmp/b" | sed 's/^/# /' | head -n 10
check "README.md's manifest step shows no placeholder" sh -c "! grep -q '<runtime dir>' '$tmp/step3.readme'"
done_testing
