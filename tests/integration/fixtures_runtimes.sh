#!/bin/sh
# The fixtures of real old runtimes are what they claim, proven by
# execution: GCC 4.8.5's programs run on glibc 2.17's loader and a
# bookworm-built one is refused there; a 4.8.5 C++ program runs on
# libstdc++ 6.0.19; the dlopen helper loads 4.8.5-built objects (C and C++,
# with threads, with a dependency found through -L) and reports dlerror()
# exactly; zig cc's x86_64-linux-gnu.2.17 output runs on the 2.17 loader;
# the bullseye root reports glibc 2.31 and has libstdc++ 10.2, libgomp and
# python3, and leaves nothing mounted.  Before them: where the cache is, how
# entries are keyed, and scripts/fetch-npm-fixture's refusals (on a local
# package, no network).
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
cd "$tmp" || bail "cannot enter $tmp"
probe=$top_srcdir/tests/fixtures/probe
common=$top_srcdir/tests/fixtures/common.sh

# --- the cache's location and keys -------------------------------------------------
# cache_dir VAR=VALUE...: the fixture_dir common.sh decides in that
# environment (MANYGUARD_FIXTURE_DIR, XDG_CACHE_HOME, HOME cleared first),
# with a private build tree for the fallback.
cache_dir() {
	(
		unset MANYGUARD_FIXTURE_DIR XDG_CACHE_HOME HOME fixture_common_sourced
		for a in "$@"; do export "${a?}"; done
		top_builddir=$tmp/build
		. "$common" >/dev/null
		echo "$fixture_dir"
	)
}
check "the cache is \$MANYGUARD_FIXTURE_DIR when set" \
	test "$(cache_dir MANYGUARD_FIXTURE_DIR="$tmp/mfd" XDG_CACHE_HOME="$tmp/xdg")" = "$tmp/mfd"
check "... else \$XDG_CACHE_HOME/manyguard/fixtures" \
	test "$(cache_dir XDG_CACHE_HOME="$tmp/xdg" HOME="$tmp/home")" = "$tmp/xdg/manyguard/fixtures"
check "... else ~/.cache/manyguard/fixtures" \
	test "$(cache_dir HOME="$tmp/home")" = "$tmp/home/.cache/manyguard/fixtures"
check "... and the build tree's tests/fixtures/cache when that cannot be written" \
	test "$(cache_dir MANYGUARD_FIXTURE_DIR=/proc/mg-fixtures)" = "$tmp/build/tests/fixtures/cache"
. "$common"
echo one >input
k1=$(fixture_key a b @input)
k2=$(fixture_key a b @input)
echo two >input
k3=$(fixture_key a b @input)
check "entries are keyed by their inputs: same inputs, same key ($k1)" test "$k1" = "$k2"
check "... a changed input file, another key ($k3)" test "$k1" != "$k3"
check "... a changed word, another key" test "$(fixture_key a c @input)" != "$k3"
diag "fixture cache: $fixture_dir"

# --- scripts/fetch-npm-fixture, on a local package -----------------------------------
fetch=$top_srcdir/scripts/fetch-npm-fixture
if command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then
	mkdir -p pkg/src/bin && echo '{"name":"mg-fixture-probe","version":"1.0.0"}' >pkg/package.json
	echo payload >pkg/data.txt
	echo inner >pkg/src/bin/tool
	tar -C pkg/src -cJf pkg/inner.tar.xz bin
	"$fetch" ./pkg npm/plain >fetch.out 2>&1
	check "fetch-npm-fixture unpacks a package" test $? = 0 -a "$(cat npm/plain/data.txt 2>/dev/null)" = payload
	integrity=$(sed -n 's/^integrity //p' npm/plain/.done)
	check "... and marks it done with its spec and integrity ($integrity)" \
		grep -q "^spec ./pkg$" npm/plain/.done
	# A second call must not fetch: an npm that fails stands first on PATH.
	mkdir nonpm && printf '#!/bin/sh\necho "npm ran" >&2\nexit 1\n' >nonpm/npm && chmod +x nonpm/npm
	PATH=$tmp/nonpm:$PATH "$fetch" ./pkg npm/plain >fetch.out 2>&1
	check "... a second call with the same inputs is a no-op (npm not run)" test $? = 0
	"$fetch" --integrity "$integrity" --inner inner.tar.xz ./pkg npm/inner >fetch.out 2>&1
	check "--inner unpacks the archive inside the package, pinned integrity accepted" \
		test $? = 0 -a "$(cat npm/inner/bin/tool 2>/dev/null)" = inner
	"$fetch" --integrity sha512-bm90IHRoaXMgcGFja2FnZQ== ./pkg npm/wrong >fetch.out 2>&1
	st=$?
	check "a tarball that does not match the pinned integrity is refused (exit $st)" test $st = 1
	check "... naming what was found and what was expected" \
		grep -q "integrity $integrity, expected sha512-bm90IHRoaXMgcGFja2FnZQ==" fetch.out
	check "... leaving no entry and no staging directory" \
		sh -c '! test -e npm/wrong && ! ls -a npm | grep -q "^\.npm-fixture"'
	"$fetch" --inner missing.tar.xz ./pkg npm/noinner >fetch.out 2>&1
	check "--inner naming no file of the package fails, saying so" \
		sh -c "test $? = 1 && grep -q 'has no missing.tar.xz' fetch.out && ! test -e npm/noinner"
	"$fetch" ./no-such-package npm/none >fetch.out 2>&1
	check "a package npm cannot pack fails, saying so" \
		sh -c "test $? = 1 && grep -q 'npm pack .*no-such-package failed' fetch.out"
else
	skip "npm or node is not installed: fetch-npm-fixture cannot run"
fi

# --- glibc 2.17 + libstdc++ 6.0.19 ---------------------------------------------------
start=$(date +%s)
. "$top_srcdir/tests/fixtures/glibc217.sh"
diag "glibc 2.17 fixture ready in $(($(date +%s) - start)) s: $glibc217_dir"
if [ -n "$glibc217_missing" ]; then
	glibc217_unavailable
else
	check "the fixture's compiler is GCC 4.8.5" test "$("$glibc217_cc" -dumpversion)" = 4.8.5
	"$glibc217_cc" -O1 -o v48 "$probe/libc_version.c" 2>build.err
	check "GCC 4.8.5 builds a C program" test $? = 0
	out=$(run_on_glibc217 ./v48 2>run.err)
	check "... which runs on glibc 2.17 through its loader (prints '$out')" test "$out" = 2.17
	"$glibc217_cc" -O1 $glibc217_ldflags -o v48l "$probe/libc_version.c" 2>build.err
	out=$(run_linked_on_glibc217 ./v48l 2>run.err)
	check "... and, linked with \$glibc217_ldflags, by itself (prints '$out')" test "$out" = 2.17
	gcc -O1 -o vhost "$probe/libc_version.c"
	check "a bookworm-built program runs on the host" test "$(./vhost)" != 2.17
	run_on_glibc217 ./vhost >run.out 2>run.err
	st=$?
	check "... and is refused by glibc 2.17 (exit $st): version \`GLIBC_2.34' not found" \
		sh -c "test $st != 0 && grep -q \"version \\\`GLIBC_2.34' not found\" run.err"
	gcc -O1 $glibc217_ldflags -o vhostl "$probe/libc_version.c"
	run_linked_on_glibc217 ./vhostl >run.out 2>run.err
	check "... also when linked with \$glibc217_ldflags" \
		sh -c "test $? != 0 && grep -q \"version \\\`GLIBC_2.34' not found\" run.err"
	run_linked_on_glibc217 ./vhost >run.out 2>run.err
	check "run_linked_on_glibc217 refuses a program not linked for glibc 2.17 (125)" \
		sh -c "test $? = 125 && grep -q 'not glibc 2.17' run.err"

	"$glibc217_cxx" -O1 -o cxx48 "$probe/cxx_runtime.cc" 2>build.err
	check "GCC 4.8.5 builds a C++ program using iostream" test $? = 0
	run_on_glibc217 ./cxx48 >run.out 2>run.err
	check "... which runs on glibc 2.17 and works (throws, catches, streams)" \
		test "$(sed -n 1p run.out)" = "caught 42"
	check "... on libstdc++.so.6.0.19 of the fixture ($(sed -n 2p run.out))" \
		test "$(sed -n 2p run.out)" = "$(realpath "$glibc217_libstdcxx")"
	"$glibc217_cxx" -O1 $glibc217_ldflags -o cxx48l "$probe/cxx_runtime.cc" 2>build.err
	run_linked_on_glibc217 ./cxx48l >run.out 2>run.err
	check "... also linked with \$glibc217_ldflags (libstdc++'s own libm and libgcc_s found too)" \
		test "$(cat run.out)" = "caught 42
$(realpath "$glibc217_libstdcxx")"

	"$glibc217_cc" -O1 -shared -fPIC -pthread -o entry.so "$probe/entry.c" 2>build.err
	out=$(dlopen_on_glibc217 ./entry.so mg_fixture_entry one two 2>run.err)
	st=$?
	check "the dlopen helper loads a 4.8.5-built .so with threads and calls it (exit $st)" \
		test $st = 7 -a "$out" = "entry one two on 2.17, thread ran"
	"$glibc217_cxx" -O1 -shared -fPIC -o entry_cxx.so "$probe/entry_cxx.cc" 2>build.err
	out=$(dlopen_on_glibc217 ./entry_cxx.so mg_fixture_cxx 2>run.err)
	check "... a 4.8.5-built C++ .so, bringing libstdc++ 6.0.19 into the C host ('$out')" \
		test $? = 0 -a "$out" = "thrown and caught 42"
	gcc -O1 -shared -fPIC -pthread -o host.so "$probe/entry.c"
	dlopen_on_glibc217 ./host.so mg_fixture_entry >run.out 2>run.err
	st=$?
	check "... refuses a bookworm-built .so (exit $st)" test $st = 125
	check "... with dlerror()'s text, exactly" \
		test "$(cat run.err)" = "dlopen: $glibc217_lib/libc.so.6: version \`GLIBC_2.34' not found (required by ./host.so)"
	dlopen_on_glibc217 ./entry.so no_such_function >run.out 2>run.err
	check "... reports a missing function with dlsym's text (124)" \
		sh -c "test $? = 124 && grep -q '^dlsym: ./entry.so: undefined symbol: no_such_function$' run.err"
	mkdir extra
	"$glibc217_cc" -O1 -shared -fPIC -o extra/libdep.so "$probe/dep.c" &&
		"$glibc217_cc" -O1 -shared -fPIC -o uses_dep.so "$probe/uses_dep.c" -Lextra -ldep 2>build.err
	dlopen_on_glibc217 ./uses_dep.so mg_fixture_uses_dep >run.out 2>run.err
	check "... a dependency outside the sysroot is not found (no host ld.so.cache either)" \
		sh -c "test $? = 125 && grep -q 'libdep.so: cannot open shared object file' run.err"
	out=$(dlopen_on_glibc217 -L "$tmp/extra" ./uses_dep.so mg_fixture_uses_dep 2>run.err)
	check "... and is found with -L DIR ('$out')" test $? = 0 -a "$out" = "dep 42"
fi

# --- zig cc 0.11 -------------------------------------------------------------------------
start=$(date +%s)
. "$top_srcdir/tests/fixtures/zig.sh"
diag "zig fixture ready in $(($(date +%s) - start)) s: $zig_dir"
if [ -n "$zig_missing" ]; then
	zig_unavailable
else
	check "the fixture's zig is 0.11.0" test "$("$zig" version)" = 0.11.0
	zig_cc -target "$zig_target_glibc217" -O1 -o vzig "$probe/libc_version.c" 2>build.err
	check "zig cc builds a C program for $zig_target_glibc217" test $? = 0
	if [ -n "$glibc217_missing" ]; then
		glibc217_unavailable
	else
		out=$(run_on_glibc217 ./vzig 2>run.err)
		check "... which runs on glibc 2.17 through its loader (prints '$out')" test "$out" = 2.17
	fi
fi

# --- the bullseye root ---------------------------------------------------------------------
start=$(date +%s)
. "$top_srcdir/tests/fixtures/bullseye_root.sh"
diag "bullseye root ready in $(($(date +%s) - start)) s: $bullseye_root_tarball"
if [ -n "$bullseye_root_missing" ]; then
	bullseye_root_unavailable
else
	out=$(in_bullseye ldd --version 2>&1 | sed -n 1p)
	check "ldd --version in the bullseye root reports glibc 2.31 ('$out')" \
		sh -c "echo '$out' | grep -q ' 2\.31\$'"
	if [ -n "$glibc217_missing" ]; then
		glibc217_unavailable
	else
		out=$(run_in_bullseye ./v48 2>run.err)
		check "a program printing gnu_get_libc_version() runs there and prints '$out'" test "$out" = 2.31
		run_in_bullseye ./cxx48 >run.out 2>run.err
		check "a 4.8.5-built C++ program runs there on bullseye's libstdc++ 10.2 ($(sed -n 2p run.out))" \
			test "$(cat run.out)" = "caught 42
/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.28"
	fi
	run_in_bullseye ./vhost >run.out 2>run.err
	check "a bookworm-built program is refused there: version \`GLIBC_2.34' not found" \
		sh -c "test $? != 0 && grep -q \"version \\\`GLIBC_2.34' not found\" run.err"
	out=$(in_bullseye python3 -c 'import sys, ctypes
gomp = ctypes.CDLL("libgomp.so.1")
print("%d.%d" % sys.version_info[:2], gomp.omp_get_max_threads() >= 1)' 2>run.err)
	check "python3 3.9 runs there and loads libgomp.so.1 ('$out')" test "$out" = "3.9 True"
	echo data >input.txt
	printf '#!/bin/sh\ncat input.txt\necho written >output.txt\n' >show.sh && chmod +x show.sh
	out=$(run_in_bullseye -f input.txt ./show.sh 2>run.err)
	check "run_in_bullseye -f copies files into /work and runs there ('$out')" test "$out" = data
	check "... what the program writes in /work is in \$bullseye_root/work" \
		test "$(cat "$bullseye_root/work/output.txt" 2>/dev/null)" = written
	check "nothing stays mounted under the root after the runs" test -z "$(chroot_mounts "$bullseye_root")"
fi
done_testing
