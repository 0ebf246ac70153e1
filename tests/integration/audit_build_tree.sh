#!/bin/sh
# manyguard audit of a build tree (issue 20): the programs CMake, meson and
# configure compile only to probe the compiler (CMakeFiles/3.25.1/
# CompilerIdC/a.out, meson-private/sanitycheckc.exe, a conftest left
# behind) are left out of a plain directory, and the report says what was
# left out (text and JSON); --keep-probes audits them; --exclude PATTERN
# (repeatable) leaves out more.  Real build trees made here by cmake and
# meson.
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
cd "$tmp" || bail "cd $tmp"
mg="$top_builddir/tools/manyguard"
export MANYGUARD_POLICY_DIR="$top_srcdir/policy"

# json_get FILE EXPR: a Python expression on the report J.
json_get() {
	python3 -c 'import json,sys; J=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}
# elf_paths FILE: every ELF path the report lists, one per line.
elf_paths() {
	json_get "$1" '"\n".join(e["path"] for p in J["packages"] for e in p["elf"])'
}

command -v cmake >/dev/null 2>&1 || bail "cmake is not installed"
mkdir src
printf 'int foo(void) { return 1; }\n' >src/foo.c
printf 'int bar() { return 2; }\n' >src/bar.cc
cat >src/CMakeLists.txt <<'EOF'
cmake_minimum_required(VERSION 3.13)
project(probe C CXX)
include(CheckCSourceCompiles)
check_c_source_compiles("int main(void) { return 0; }" HAVE_MAIN)
add_library(foo SHARED foo.c bar.cc)
EOF
cmake -S src -B build >cmake.log 2>&1 && cmake --build build >>cmake.log 2>&1 ||
	bail "cmake build: $(tail -5 cmake.log)"
# What an interrupted configure leaves: a real conftest program.
printf 'int main(void) { return 0; }\n' >build/conftest.c
cc build/conftest.c -o build/conftest || bail "cc conftest"
probes=$(find build/CMakeFiles -path '*/CompilerId*' -type f -name 'a.out' | wc -l)
diag "CMake's compiler-id programs: $probes"
check "the CMake tree has its compiler-id programs (CompilerIdC, CompilerIdCXX)" test "$probes" -ge 2

"$mg" audit --json build >probe.json
"$mg" audit --json --keep-probes build >all.json
"$mg" audit build >probe.txt
elf_paths probe.json >probe.paths
elf_paths all.json >all.paths
check "the probes are left out: no CompilerId or conftest file among the ELF files" \
	sh -c '! grep -E "CompilerId|conftest" probe.paths'
check "the library the build made is audited" grep -qx 'libfoo.so' probe.paths
check "--keep-probes audits them: the compiler-id programs and conftest are there" \
	sh -c "[ \$(grep -c '/CompilerId.*/a.out\$' all.paths) -eq $probes ] && grep -qx conftest all.paths"
n_probe=$(json_get probe.json 'J["summary"]["elf_files"]')
n_all=$(json_get all.json 'J["summary"]["elf_files"]')
check "ELF files counted: $n_probe, with the probes $n_all (= + $probes compiler-id programs + conftest)" \
	test "$n_all" -eq $((n_probe + probes + 1))
# check_c_source_compiles leaves CMake 3.24's scratch directory (empty).
if [ -d build/CMakeFiles/CMakeScratch ]; then
	scratch=1 scratch_json=", ('CMakeFiles/CMakeScratch', 'probe', 1)"
	scratch_text=", CMakeFiles/CMakeScratch (1, probe outputs)"
else
	scratch=0 scratch_json= scratch_text=
fi
check "JSON: summary.excluded counts the paths left out, per pattern" \
	test "$(json_get probe.json '[(p["pattern"], p["origin"], p["paths"]) for p in J["summary"]["excluded"]["patterns"] if p["paths"]]')" = \
	"[('CMakeFiles/*/CompilerId*', 'probe', $probes)$scratch_json, ('conftest*', 'probe', 2)]"
check "JSON: ... and in all" \
	test "$(json_get probe.json 'J["summary"]["excluded"]["paths"]')" -eq $((probes + scratch + 2))
check "JSON: --keep-probes leaves nothing out" test "$(json_get all.json 'J["summary"]["excluded"]["paths"]')" -eq 0
check "text: the report says what was left out" \
	grep -qxF "left out $((probes + scratch + 2)) paths: CMakeFiles/*/CompilerId* ($probes, probe outputs)$scratch_text, conftest* (2, probe outputs)" probe.txt
diag "$(grep -A1 'left out' probe.txt)"

# --exclude, repeatable, relative to the directory audited or any below it.
"$mg" audit --json --exclude 'CMakeFiles' --exclude '*.so' build >excl.json
elf_paths excl.json >excl.paths
check "--exclude CMakeFiles --exclude '*.so': neither is audited" \
	sh -c '! grep -E "^CMakeFiles/|\.so$" excl.paths'
check "--exclude: counted as the user's patterns" \
	test "$(json_get excl.json '[(p["pattern"], p["origin"], p["paths"]) for p in J["summary"]["excluded"]["patterns"] if p["origin"] == "exclude"]')" = \
	"[('CMakeFiles', 'exclude', 1), ('*.so', 'exclude', 1)]"
mkdir -p build/sub && cp build/conftest build/sub/conftest
"$mg" audit --json --keep-probes --exclude '/conftest' build >anch.json
check "--exclude /conftest is anchored at the directory audited: conftest left out" \
	test "$(json_get anch.json '[p["paths"] for p in J["summary"]["excluded"]["patterns"] if p["pattern"] == "/conftest"]')" = "[1]"
elf_paths anch.json >anch.paths
check "... sub/conftest audited" grep -qx sub/conftest anch.paths

# A wheel or site-packages tree is no build tree: the probe patterns do
# not apply there.
mkdir -p site/site-packages/pkg site/site-packages/pkg-1.0.dist-info
cp build/conftest site/site-packages/pkg/conftest
printf 'pkg/conftest,,\n' >site/site-packages/pkg-1.0.dist-info/RECORD
"$mg" audit --json site/site-packages >site.json
check "site-packages: a file named conftest is audited, nothing left out" \
	test "$(json_get site.json '([e["path"] for p in J["packages"] for e in p["elf"]], J["summary"]["excluded"]["paths"])')" = "(['pkg/conftest'], 0)"

if command -v meson >/dev/null 2>&1 && command -v ninja >/dev/null 2>&1; then
	mkdir msrc
	printf "project('p', 'c')\nshared_library('foo', 'foo.c')\n" >msrc/meson.build
	cp src/foo.c msrc/
	# CC set: left to itself meson runs the compiler through sccache when it
	# finds one, and the sccache test may be stopping its server meanwhile.
	(cd msrc && CC=cc meson setup ../mbuild && ninja -C ../mbuild) >meson.log 2>&1 ||
		bail "meson build: $(tail -5 meson.log)"
	check "meson's tree has its sanity-check program" test -f mbuild/meson-private/sanitycheckc.exe
	"$mg" audit --json mbuild >meson.json
	elf_paths meson.json >meson.paths
	check "meson: meson-private is left out, the library audited" \
		sh -c '! grep -q meson-private meson.paths && grep -qx libfoo.so meson.paths'
	check "meson: counted under meson-private" \
		test "$(json_get meson.json '[p["paths"] for p in J["summary"]["excluded"]["patterns"] if p["pattern"] == "meson-private"]')" = "[1]"
else
	skip "meson or ninja is not installed"
fi

done_testing
