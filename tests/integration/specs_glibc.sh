#!/bin/bash
# Installed default specs bind every link to the policy's glibc, as the
# wrappers do (docs/specs.md, docs/glibc.md): `manyguard specs install`
# makes the glibc directory next to the runtime directory and names it in
# `*link` with --allow-shlib-undefined, so a plain gcc/g++ that bypasses
# CC/CXX makes outputs that need nothing above the policy's GLIBC cap and
# run there: on the real glibc 2.17 (its loader; linked for it; a shared
# object dlopened by GCC 4.8.5's program) for manylinux_2_17.  Static links
# and other ABIs get no -L of it; --no-glibc and a cap at the compiler's
# glibc leave links on the compiler's glibc; uninstall removes it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/specs/common.sh"
. "$top_srcdir/tests/fixtures/glibc217.sh"
stubs=$top_srcdir/tests/glibc/stubs
host=$(ldd --version | sed -n '1s/.* \([0-9][0-9]*\.[0-9][0-9]*\)$/\1/p')
[ -n "$host" ] || bail "cannot tell this machine's glibc release"

# within FILE MINOR: FILE needs no GLIBC_2.N with N above MINOR.
within() {
	local v
	[ -f "$1" ] || { diag "no $1"; return 1; }
	v=$("$READELF" -V -W "$1" | grep -oE 'GLIBC_2\.[0-9]+' | sort -u |
		awk -F. -v cap="$2" '$2 > cap' | tr '\n' ' ')
	[ -z "$v" ] || { diag "$1 needs $v"; return 1; }
}
# link_line CMD...: the linker command line the driver would run (-###),
# unquoted.
link_line() { "$@" -### 2>&1 | grep '/collect2' | tr -d '"'; }
# in_order LINE A B: LINE holds " A " before " B".
in_order() {
	awk -v a=" $2 " -v b=" $3" 'BEGIN { i = index(ARGV[1], a); j = index(ARGV[1], b)
		exit !(i > 0 && j > i) }' "$1"
}

gcc -O1 -o ref-threads "$stubs/threads.c" -pthread -lm && ./ref-threads >threads.expected ||
	bail "reference build of threads.c"
g++ -O1 -pthread -o ref-hello "$stubs/hello.cc" && ./ref-hello >hello.expected ||
	bail "reference build of hello.cc"

while read -r cc cxx n; do
	[ -n "$cc" ] || continue
	root=$tmp/root$n
	mkdir "$root"
	"$mg" specs install --gcc "$cxx" --policy manylinux_2_17 --root "$root" >out.txt 2>err.txt
	check "$cxx: install --policy manylinux_2_17 succeeds silently" \
		sh -c "[ ! -s out.txt ] && [ ! -s err.txt ]"
	gdir=$root/manyguard/glibc-manylinux_2_17
	check "$cxx: the glibc directory is made next to the runtime directory" \
		sh -c "[ -f '$gdir/libc.so' ] && [ -f '$gdir/libpthread.so.0' ] && cd '$gdir' && sha256sum --quiet -c SHA256SUMS"
	check "$cxx: the specs name it for links, with --allow-shlib-undefined" \
		grep -qx -- "-L$gdir --allow-shlib-undefined" "$root/specs"
	B="-B$root/"

	# Plain gcc/g++, no CC/CXX, no environment: every kind of link gets it.
	for what in "program:$cc -pthread -o threads $stubs/threads.c -lm" \
		"shared object:$cc -shared -fPIC -o lib.so $stubs/lib.c -lm" \
		"C++ program:$cxx -pthread -o hello $stubs/hello.cc"; do
		set -- ${what#*:}
		check "$1, ${what%%:*}: the link line has -L of the glibc directory, before the compiler's" \
			in_order "$(link_line "$@" "$B")" "-L$gdir --allow-shlib-undefined" "-L/usr/lib/gcc/"
	done
	"$cc" "$B" -O1 -pthread -o threads "$stubs/threads.c" -lm 2>err.txt &&
		"$cc" "$B" -O1 -shared -fPIC -o lib.so "$stubs/lib.c" -lm 2>>err.txt &&
		"$cxx" "$B" -O1 -pthread -o hello "$stubs/hello.cc" 2>>err.txt
	check "$cxx: a C program, a shared object and a C++ program link silently" \
		sh -c "[ \$1 = 0 ] && [ ! -s err.txt ]" sh $?
	sed 's/^/# /' err.txt | head -n 5
	check "$cxx: all three need nothing above GLIBC_2.17" \
		sh -c "$(declare -f within diag); within threads 17 && within lib.so 17 && within hello 17"
	# The linker wrapper the specs run is told of no directory (specs set
	# no environment): it finds the one -lc binds to on the link line.
	"$mg" manifest threads >manifest.txt 2>&1
	check "$cc: the manifest names the glibc baseline of the specs' directory" \
		grep -qx "  glibc baseline: glibc 2.17, from $gdir" manifest.txt
	sed -n 's/^/# /; /glibc baseline/p' manifest.txt
	check "$cc: ... and counts its pthread_dep.o as manyguard's, not as an object without notes" \
		sh -c "grep -q . manifest.txt && ! grep -q 'pthread_dep' manifest.txt"
	grep -i 'notes' manifest.txt | sed 's/^/# /' | head -n 3
	MANYGUARD_POLICY=manylinux_2_17 "$cc" "$B" -O1 -o close_range "$stubs/close_range.c" 2>cr.err
	check "$cc: close_range (glibc 2.34): refused, named by the linker wrapper with the policy's glibc" \
		sh -c "[ \$1 != 0 ] && [ ! -e close_range ] &&
			grep -q '^manyguard-ld: error: .*close_range.*manylinux_2_17 (glibc 2.17)' cr.err" sh $?
	sed 's/^/# /' cr.err | grep manyguard-ld | head -n 2
	"$cc" -O1 -pthread -o threads-plain "$stubs/threads.c" -lm
	check "$cc: ... while without the specs the program needs GLIBC_2.34" \
		sh -c "'$READELF' -V -W threads-plain | grep -q 'GLIBC_2.34'"
	"$mg" show --policy manylinux_2_17 threads lib.so hello >show.txt 2>&1
	check "$cxx: manyguard show finds nothing above manylinux_2_17's caps in them" \
		sh -c "! grep -q 'symbol-version' show.txt"

	if [ -n "$glibc217_missing" ]; then
		glibc217_unavailable
	else
		run_on_glibc217 ./threads >got 2>&1
		check "$cc: 2.17: the C program runs through glibc 2.17's loader" cmp -s got threads.expected
		"$cc" "$B" -O1 -pthread -o threads-linked "$stubs/threads.c" -lm $glibc217_ldflags
		run_linked_on_glibc217 ./threads-linked >got 2>&1
		check "$cc: 2.17: the C program linked for glibc 2.17's loader runs (its constructors too)" \
			cmp -s got threads.expected
		dlopen_on_glibc217 "$tmp/lib.so" run a b >got 2>&1
		check "$cc: 2.17: the shared object, dlopened by GCC 4.8.5's program, runs" \
			grep -qx 'square 49 pow 1024.0 args 2' got
		"$cxx" "$B" -O1 -pthread -o hello-linked "$stubs/hello.cc" $glibc217_ldflags
		run_linked_on_glibc217 ./hello-linked >got 2>&1
		check "$cxx: 2.17: the C++ program (a global std::string, threads, iostream) runs on glibc 2.17 and GCC 4.8.5's libstdc++" \
			cmp -s got hello.expected
		sed 's/^/# /' got | head -n 2
		run_on_glibc217 ./threads-plain >got 2>&1
		check "$cc: 2.17: ... where the program linked without the specs does not load" \
			grep -q "version \`GLIBC_2.34' not found" got
	fi

	# No glibc directory where it would be wrong or is not wanted.
	for flag in -static -m32; do
		check "$cc $flag: no -L of the glibc directory" \
			sh -c "[ -n \"\$1\" ] && ! printf '%s\n' \"\$1\" | grep -q -- '$gdir'" sh \
			"$(link_line "$cc" "$B" $flag -o x "$stubs/threads.c")"
	done
	"$cc" "$B" -static -O1 -pthread -o threads-static "$stubs/threads.c" -lm 2>err.txt
	check "$cc -static: links against the compiler's libc.a and runs" \
		sh -c "[ -x threads-static ] && ./threads-static | cmp -s - threads.expected"

	"$mg" specs install --gcc "$cxx" --policy manylinux_2_17 --no-glibc --root "$root" 2>err.txt
	check "$cxx: --no-glibc: the specs name no glibc directory" \
		sh -c "[ \$1 = 0 ] && ! grep -q 'glibc-manylinux_2_17 --allow' '$root/specs'" sh $?
	"$cc" "$B" -O1 -pthread -o threads-noglibc "$stubs/threads.c" -lm
	check "$cc: --no-glibc: links bind to the compiler's glibc (GLIBC_2.34)" \
		sh -c "'$READELF' -V -W threads-noglibc | grep -q 'GLIBC_2.34'"
	"$mg" specs uninstall --gcc "$cxx" --root "$root" 2>err.txt
	check "$cxx: uninstall removes the glibc directory with the rest" \
		sh -c "[ \$1 = 0 ] && [ -z \"\$(ls -A '$root')\" ]" sh $?
done <<EOF2
$compilers
EOF2
set -- $compilers
cc=$1 cxx=$2

# A cap at the compiler's glibc: nothing to bind, no -L.
mkdir -p "$tmp/policies/glibc" host
cp "$top_srcdir"/policy/glibc/*.abi "$tmp/policies/glibc/"
sed "s/\"GLIBC\": \"2.28\"/\"GLIBC\": \"$host\"/; s/manylinux_2_28/host_glibc/" \
	"$top_srcdir/policy/manylinux_2_28.json" >"$tmp/policies/host_glibc.json"
MANYGUARD_POLICY_DIR=$tmp/policies "$mg" specs install --gcc "$cxx" --policy host_glibc --root host 2>err.txt
check "a cap at the compiler's glibc $host: installed, the specs name no glibc directory" \
	sh -c "[ \$1 = 0 ] && ! grep -q -- '^-L.* --allow-shlib-undefined\$' host/specs" sh $?
MANYGUARD_POLICY_DIR=$tmp/policies MANYGUARD_POLICY=host_glibc "$cc" -B"$tmp/host/" -O1 -o threads-host \
	"$stubs/threads.c" -pthread -lm
check "... and links bind to the compiler's glibc" \
	sh -c "'$READELF' -V -W threads-host | grep -q 'GLIBC_2.34'"
"$mg" specs uninstall --no-glibc --gcc "$cxx" --root host 2>err.txt
check "--no-glibc is for install (a usage error)" \
	sh -c "[ \$1 = 2 ] && grep -q -- '--no-glibc is for install' err.txt" sh $?
done_testing
