#!/bin/sh
# `manyguard specs install/uninstall` into private copies of a GCC library
# directory (GCC reads DIR/specs as its default specs under -B DIR/; the
# machine's compilers are never touched): the installed default specs
# refuse forbidden flags, load the plugin with the runtime directory's
# symbols, link C++ against the baseline, keep an existing specs file in
# force and restore it byte for byte; clear refusals without permission.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/specs/common.sh"

while read -r cc cxx n; do
	[ -n "$cc" ] || continue
	# An existing default specs file (as GCC wants one: all its specs, here
	# with a site's addition), no final newline and an unusual mode:
	# uninstall must give back exactly these bytes.
	{ "$cxx" -dumpspecs; printf '# site specs\n*cpp:\n+ -DSITE_SPECS_KEPT=1\t'; } >orig.specs
	chmod 640 orig.specs
	root=$tmp/root$n
	mkdir "$root"
	cp -p orig.specs "$root/specs"
	"$mg" specs install --gcc "$cxx" --root "$root" >out.txt 2>err.txt
	check "$cxx: install --root succeeds silently" \
		sh -c "[ ! -s out.txt ] && [ ! -s err.txt ] && head -n 1 '$root/specs' | grep -q '^# manyguard default specs'"
	check "$cxx: the original is kept byte for byte" cmp orig.specs "$root/manyguard/specs.orig"
	B="-B$root/"

	# The original's definitions stay in force.
	check "$cxx: the original specs still apply" \
		sh -c "'$cxx' '$B' -E -dM -x c++ /dev/null | grep -q '^#define SITE_SPECS_KEPT 1\$'"
	# The plugin, with the runtime directory's symbols, in every compile.
	"$cxx" "$B" -O2 -c newer.cc -o newer.o
	check "$cxx: notes name the baseline" test "$(facts newer.o)" = \
		"compiler=gcc $("$cxx" -dumpfullversion) language=c++ baseline=manylinux_2_28 "
	check "$cxx: notes name the newer symbol, as the runtime directory provides it" \
		sh -c "'$dump' newer.o | grep -q '^use newer.cc:9:[0-9]* _ZSt8to_charsPcS_d GLIBCXX_3.4.29 provided\$'"
	# C++ links get -L of the runtime directory: the program needs only
	# the baseline (without the specs it needs GLIBCXX_3.4.29).
	"$cxx" "$B" newer.o -o prog 2>err.txt
	check "$cxx: the C++ link succeeds silently and runs" \
		sh -c "[ ! -s err.txt ] && [ \"\$(./prog)\" = '1.5 ok' ]"
	got=$(highest prog GLIBCXX_)
	check "$cxx: the program needs GLIBCXX_3.4.24 at most (got $got)" test -n "$got" -a \
		"$(printf '%s\n' "$got" GLIBCXX_3.4.24 | sort -V | tail -n 1)" = GLIBCXX_3.4.24
	"$cxx" newer.o -o prog_plain
	check "$cxx: ... while linked without the specs it needs GLIBCXX_3.4.29" \
		test "$(highest prog_plain GLIBCXX_)" = GLIBCXX_3.4.29
	"$cc" "$B" hello.c -o cprog 2>err.txt
	check "$cc: a C link succeeds silently and runs" sh -c "[ ! -s err.txt ] && [ \"\$(./cprog)\" = hello ]"

	# The rules, for gcc and g++ of that version alike.
	refused "$cc (default specs) -static-libstdc++" static-libstdcxx "$cc" "$B" hello.c -static-libstdc++
	refused "$cc (default specs) -static -fopenmp" static-openmp "$cc" "$B" -static -fopenmp omp.c
	refused "$cxx (default specs) -static-libstdc++" static-libstdcxx "$cxx" "$B" plain.cc -static-libstdc++
	refused "$cxx (default specs) -static" static-libstdcxx "$cxx" "$B" -static plain.cc

	# The off switch.
	"$cxx" -O2 -g -c newer.cc -o real.o
	"$cxx" "$B" -O2 -g -c newer.cc -o off.o -fplugin-arg-manyguard-disable
	check "$cxx: -fplugin-arg-manyguard-disable gives the compiler's own object" cmp real.o off.o

	# Installing again (another policy) keeps the first backup.
	"$mg" specs install --gcc "$cxx" --policy manylinux_2_34 --root "$root"
	check "$cxx: reinstall: the backup is still the original" cmp orig.specs "$root/manyguard/specs.orig"
	"$cxx" "$B" -O2 -c newer.cc -o newer34.o
	check "$cxx: reinstall: the new policy is the baseline, to_chars is not newer than it" test \
		"$("$dump" newer34.o | grep -E '^(baseline=|use )' | tr '\n' ' ')" = "baseline=manylinux_2_34 "
	check "$cxx: manylinux_2_34's baseline has the C++11 ABI: C++ keeps it" \
		sh -c "'$cxx' '$B' -E -dM -x c++ newer.cc | grep -q '^#define _GLIBCXX_USE_CXX11_ABI 1\$'"
	# A baseline before GCC 5: the old ABI, unless the command line says.
	"$mg" specs install --gcc "$cxx" --policy manylinux_2_17 --root "$root"
	check "$cxx: manylinux_2_17: C++ gets the old ABI" \
		sh -c "'$cxx' '$B' -E -dM -x c++ newer.cc | grep -q '^#define _GLIBCXX_USE_CXX11_ABI 0\$'"
	check "$cxx: manylinux_2_17: ... unless the command line sets it" \
		sh -c "'$cxx' '$B' -D_GLIBCXX_USE_CXX11_ABI=1 -E -dM -x c++ newer.cc | grep -q '^#define _GLIBCXX_USE_CXX11_ABI 1\$'"
	"$cxx" "$B" -O2 -c newer.cc -o newer17.o
	check "$cxx: manylinux_2_17: the notes record the old ABI" \
		sh -c "'$dump' newer17.o | grep -q '^glibcxx_use_cxx11_abi=0\$'"

	# Uninstall restores the original: bytes and mode; our files are gone.
	"$mg" specs uninstall --gcc "$cxx" --root "$root" >out.txt 2>err.txt
	check "$cxx: uninstall succeeds silently" sh -c "[ ! -s out.txt ] && [ ! -s err.txt ]"
	check "$cxx: uninstall restores the original byte for byte" cmp orig.specs "$root/specs"
	check "$cxx: ... with its mode" test "$(stat -c %a "$root/specs")" = 640
	check "$cxx: ... and leaves nothing of manyguard's" test "$(ls -A "$root")" = specs
	"$cxx" "$B" -c plain.cc -o plain.o
	check "$cxx: after uninstall no plugin runs" sh -c "'$dump' plain.o 2>&1 | grep -q 'no notes'"
	"$mg" specs uninstall --gcc "$cxx" --root "$root" 2>err.txt
	st=$?
	check "$cxx: a second uninstall refuses and leaves the original alone" \
		sh -c "[ $st -eq 1 ] && grep -q 'not installed by manyguard specs install; left alone' err.txt && cmp -s orig.specs '$root/specs'"

	# Without a specs file before: uninstall removes ours.
	fresh=$tmp/fresh$n
	mkdir "$fresh"
	"$mg" specs install --gcc "$cxx" --root "$fresh"
	# GCC's built-in specs (-dumpspecs) start ours: without them a default
	# specs file loses what GCC builds at start-up (-lgcc_s for g++).
	"$cxx" "-B$fresh/" newer.cc -o fresh_prog 2>err.txt
	check "$cxx: no original: compiles and links with notes, runs" sh -c "[ ! -s err.txt ] &&
		[ \"\$(./fresh_prog)\" = '1.5 ok' ] && '$dump' fresh_prog 2>&1 | grep -q 'no notes'"
	"$cxx" "-B$fresh/" -c newer.cc -o fresh.o
	check "$cxx: no original: the object has notes" test "$(facts fresh.o)" = \
		"compiler=gcc $("$cxx" -dumpfullversion) language=c++ baseline=manylinux_2_28 "
	"$mg" specs uninstall --gcc "$cxx" --root "$fresh"
	check "$cxx: no original: install then uninstall leaves the directory empty" test -z "$(ls -A "$fresh")"
done <<EOF2
$compilers
EOF2

# Bad input: nothing is left behind.
set -- $compilers
cxx=$2
mkdir bad
"$mg" specs install --gcc "$cxx" --policy manylinux_9_99 --root bad 2>err.txt
st=$?
check "an unknown policy is refused (exit 1, named)" sh -c "[ $st -eq 1 ] && grep -q 'manylinux_9_99' err.txt"
check "... and nothing is written" test -z "$(ls -A bad)"
mkdir noplugin
MANYGUARD_PLUGIN_DIR=$tmp/noplugin "$mg" specs install --gcc "$cxx" --root bad 2>err.txt
st=$?
check "a GCC without a plugin build is refused" sh -c "[ $st -eq 1 ] &&
	grep -q \"manyguard's plugin is not built for GCC $3, which $cxx runs\" err.txt"
check "... and nothing is written" test -z "$(ls -A bad)"
"$mg" specs install --gcc "$cxx" --root "$tmp/does-not-exist" 2>err.txt
st=$?
check "a missing --root directory is named" sh -c "[ $st -eq 1 ] && grep -q 'does-not-exist: No such file' err.txt"
"$mg" specs remove 2>err.txt
st=$?
check "an unknown action is a usage error (exit 2)" sh -c "[ $st -eq 2 ] && grep -q 'unknown action' err.txt"

# Without permission: a clear refusal, nothing changed.  As root the
# check runs as nobody (setpriv); the real library directory is then only
# looked up, never written.
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null 2>&1 && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
		as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	else
		as_user=
	fi
else
	as_user() { "$@"; }
fi
libdir=$(dirname "$("$cxx" -print-libgcc-file-name)")
if ! command -v as_user >/dev/null 2>&1; then
	skip "running as root without setpriv: cannot drop the permission to write"
elif as_user test -w "$libdir"; then
	skip "$libdir is writable without root here: the refusal cannot be shown without changing it"
else
	chmod 755 "$tmp"
	mkdir ro
	chmod 555 ro
	cp -p "$libdir/specs" before.specs 2>/dev/null
	as_user "$mg" specs install --gcc "$cxx" 2>err.txt
	st=$?
	check "install into $cxx's library directory without permission: refused (exit 1)" test $st -eq 1
	check "... saying where and what to do" grep -qF \
		"error: $libdir: cannot change $cxx's default specs here: Permission denied (run as root, or use --root DIR for a private copy)" err.txt
	check "... and the library directory's specs are as before" \
		sh -c "if [ -e before.specs ]; then cmp -s before.specs '$libdir/specs'; else [ ! -e '$libdir/specs' ]; fi"
	as_user "$mg" specs uninstall --gcc "$cxx" 2>err.txt
	st=$?
	check "uninstall without permission: refused the same way" \
		sh -c "[ $st -eq 1 ] && grep -q 'Permission denied (run as root' err.txt"
	as_user "$mg" specs install --gcc "$cxx" --root ro 2>err.txt
	st=$?
	check "install into a read-only --root: refused, nothing written" \
		sh -c "[ $st -eq 1 ] && grep -q 'Permission denied' err.txt && [ -z \"\$(ls -A ro)\" ]"
fi
done_testing
