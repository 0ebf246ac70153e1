#!/bin/sh
# manyguard audit, per module: a -static-libstdc++ module, a module linking
# the system OpenBLAS, symbol versions above the caps, relocatability, clean
# modules without findings, --policy auto, --quiet and --json.
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
mg="$top_builddir/tools/manyguard"
no_grep() { ! grep -q "$@"; }

mkdir -p "$tmp/cxx" "$tmp/blas" "$tmp/clean" "$tmp/paths/pkg/sub" "$tmp/newer"
cat >"$tmp/streams.cc" <<'SRC'
#include <iostream>
extern "C" void hello() { std::cout << "hello" << std::endl; }
SRC
g++ -shared -fPIC -static-libstdc++ -o "$tmp/cxx/_s.so" "$tmp/streams.cc" || bail "g++"
printf 'int clean_a(int x) { return x + 1; }\n' >"$tmp/a.c"
printf 'static int n; int clean_b(void) { return ++n; }\n' >"$tmp/b.c"
cc -shared -fPIC -o "$tmp/clean/_a.so" "$tmp/a.c" || bail cc
cc -shared -fPIC -o "$tmp/clean/_b.so" "$tmp/b.c" || bail cc
printf 'not ELF\n' >"$tmp/clean/README"
: >"$tmp/clean/empty"

"$mg" audit "$tmp/clean" >"$tmp/out" 2>&1
check "clean modules: exit 0" [ $? -eq 0 ]
check "clean modules: no findings" grep -q "^  no findings$" "$tmp/out"
check "clean modules: 4 files seen, 2 of them ELF, nothing unreadable" \
	grep -q "^1 package, 4 files (2 ELF): 0 errors, 0 warnings, 0 notes, 0 unreadable inputs$" "$tmp/out"
"$mg" audit --json "$tmp/clean" >"$tmp/json" 2>&1
check "clean modules: the JSON report has no findings" \
	"${PYTHON3:-python3}" -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(r["findings"] or r["summary"]["exit_status"])' "$tmp/json"

"$mg" audit "$tmp/cxx" >"$tmp/out" 2>&1
check "-static-libstdc++: exit 1" [ $? -eq 1 ]
check "-static-libstdc++: static-runtime-copy error naming libstdc++ and its evidence" \
	grep -q "error *static-runtime-copy *_s.so: contains a statically linked libstdc++ (defines _ZNSt8ios_base4InitC1Ev" "$tmp/out"
check "-static-libstdc++: not confused with a libstdc++ dependency" no_grep "external-lib" "$tmp/out"

blas=/usr/lib/x86_64-linux-gnu/libopenblas.so.0
if [ -e "$blas" ]; then
	printf 'double cblas_ddot(int, const double *, int, const double *, int);\ndouble dot(const double *x, int n) { return cblas_ddot(n, x, 1, x, 1); }\n' >"$tmp/blas.c"
	cc -shared -fPIC -o "$tmp/blas/_b.so" "$tmp/blas.c" "$blas" || bail "link openblas"
	where=$(ldd "$tmp/blas/_b.so" | sed -n 's/.*libopenblas.so.0 => \(.*\) (0x.*/\1/p')
	"$mg" audit "$tmp/blas" >"$tmp/out" 2>&1
	check "system OpenBLAS: exit 1" [ $? -eq 1 ]
	check "external-lib with the path ld.so resolves ($where)" \
		grep -qF "external-lib _b.so: needs libopenblas.so.0, which manylinux_2_28 does not allow and the package does not ship (here it resolves to $where)" "$tmp/out"
	# Shipping the library makes it the package's own.
	cp "$blas" "$tmp/blas/libopenblas.so.0"
	"$mg" audit "$tmp/blas" >"$tmp/out" 2>&1
	check "shipped next to the module it is not external" no_grep "external-lib _b.so" "$tmp/out"
else
	skip "no $blas (libopenblas0-pthread)"
fi

# Symbol versions above the caps, named with the symbols needing them.
cat >"$tmp/newer.cc" <<'SRC'
#include <charconv>
extern "C" int to_text(char *b, double v) { return int(std::to_chars(b, b + 32, v).ptr - b); }
SRC
g++ -std=c++17 -shared -fPIC -o "$tmp/newer/_n.so" "$tmp/newer.cc" || bail "g++"
"$mg" audit "$tmp/newer" >"$tmp/out" 2>&1
check "GLIBCXX_3.4.29 above manylinux_2_28's cap" \
	grep -q "symbol-version *_n.so: GLIBCXX_3.4.29 from libstdc++.so.6 is newer than manylinux_2_28 allows (GLIBCXX_3.4.24)" "$tmp/out"
check "with the symbol that needs it, demangled" \
	grep -qF "_ZSt8to_charsPcS_d (std::to_chars(char*, char*, double))" "$tmp/out"
"$mg" audit --policy manylinux_2_34 "$tmp/newer" >"$tmp/out" 2>&1
check "manylinux_2_34 accepts GLIBCXX_3.4.29" no_grep "GLIBCXX" "$tmp/out"

# --policy auto: the best policy of each file and of the package.
"$mg" audit --policy auto "$tmp/clean" "$tmp/newer" >"$tmp/out" 2>&1
check "auto: a plain C module satisfies manylinux_2_17" grep -q "^  _a.so  manylinux_2_17$" "$tmp/out"
check "auto: the package's best policy" grep -q "best policy of the package: manylinux_2_17" "$tmp/out"
check "auto: to_chars needs manylinux_2_34 (GLIBCXX_3.4.29)" grep -q "^  _n.so  manylinux_2_34$" "$tmp/out"

# Relocatability.
cc -shared -fPIC -o "$tmp/paths/pkg/sub/_r.so" "$tmp/a.c" \
	-Wl,--enable-new-dtags -Wl,-rpath,'/home/builder/lib:$ORIGIN/../../../outside:$ORIGIN/..' || bail cc
cc -shared -fPIC -o "$tmp/paths/pkg/_old.so" "$tmp/a.c" -Wl,--disable-new-dtags -Wl,-rpath,'$ORIGIN' || bail cc
cc -shared -fPIC -o "$tmp/paths/pkg/_p.so" "$tmp/a.c" -Wl,--no-as-needed "$tmp/clean/_b.so" || bail cc
"$mg" audit "$tmp/paths" >"$tmp/out" 2>&1
check "an absolute RUNPATH entry" grep -q "relocatability *pkg/sub/_r.so: DT_RUNPATH entry /home/builder/lib is an absolute path" "$tmp/out"
check "an \$ORIGIN entry leading outside the package" grep -qF 'pkg/sub/_r.so: DT_RUNPATH entry $ORIGIN/../../../outside points outside the package' "$tmp/out"
check "an \$ORIGIN entry inside is fine" no_grep 'entry $ORIGIN/.. ' "$tmp/out"
check "DT_RPATH instead of DT_RUNPATH (a note)" grep -q 'note *relocatability *pkg/_old.so: uses DT_RPATH (\$ORIGIN), not DT_RUNPATH' "$tmp/out"
check "a NEEDED entry that is a path" grep -qF "pkg/_p.so: NEEDED entry $tmp/clean/_b.so is a path" "$tmp/out"
check "warnings alone: exit 0" sh -c "'$mg' audit --quiet '$tmp/paths'"

"$mg" audit --quiet "$tmp/cxx" >"$tmp/out" 2>&1
check "--quiet: exit 1 for an error" [ $? -eq 1 ]
check "--quiet: prints nothing" [ ! -s "$tmp/out" ]
"$mg" audit --policy nosuch "$tmp/clean" >"$tmp/out" 2>&1
check "an unknown policy: exit 2" [ $? -eq 2 ]
"$mg" audit >"$tmp/out" 2>&1
check "no input: exit 2" [ $? -eq 2 ]

# On a terminal (script(1) gives one): colours, and a running count once a
# scan passes 300 files; into a file neither.
mkdir -p "$tmp/many"
i=0
while [ $i -lt 450 ]; do echo x >"$tmp/many/f$i.txt"; i=$((i + 1)); done
cp "$tmp/paths/pkg/_old.so" "$tmp/many/"
"$mg" audit "$tmp/many" >"$tmp/out" 2>&1
check "into a file: no escape sequences" no_grep "$(printf '\033')" "$tmp/out"
check "into a file: no progress count" no_grep "files\.\.\." "$tmp/out"
if command -v script >/dev/null; then
	script -qec "'$mg' audit '$tmp/many'" /dev/null >"$tmp/out" 2>&1
	check "on a terminal: a progress count" grep -q "manyguard audit: 400 files\.\.\." "$tmp/out"
	check "on a terminal: the note in cyan" grep -q "$(printf '\033')\[1;36mnote" "$tmp/out"
else
	skip "no script(1) to give the audit a terminal"
fi
done_testing
