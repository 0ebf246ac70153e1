#!/bin/bash
# The glibc shims (shims/, docs/glibc-shims.md) by execution on the real
# glibc 2.17, before any wrapper is involved: tests/glibc/shims/shims.c
# uses every shim; built normally it runs on this machine, built against
# glibc 2.17's own libraries with an archive of every shim object (at 2.17
# every one is needed) it must need nothing above GLIBC_2.17 and print the
# same, run directly (its interpreter is the old loader) and through
# `ld.so PROG`, as an executable and as a shared object dlopened by GCC
# 4.8.5's program, built with gcc and with clang.  The C++ program checks
# the start fix: a global std::string and global objects constructed once,
# destructors run.  Last, what a shim must be: hidden, not exported from a
# shared object, and each object's defined names.
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
cd "$tmp" || bail "cannot enter $tmp"
. "$top_srcdir/tests/glibc/common.sh"
. "$top_srcdir/tests/fixtures/glibc217.sh"
src=$top_srcdir/tests/glibc/shims
shims=$MANYGUARD_SHIM_DIR/$(cat "$MANYGUARD_SHIM_DIR/arch")
[ -f "$shims/start.o" ] || bail "no shim objects in $shims"
umask 022

check "every shim definition is hidden" sh -c "
	! $READELF -sW $shims/*.o | awk '\$5 == \"GLOBAL\" && \$7 != \"UND\" && \$6 != \"HIDDEN\"' | grep ."

if [ -n "$glibc217_missing" ]; then
	glibc217_unavailable
	done_testing
	exit
fi

# The link environment of glibc 2.17: libc.so puts the shims first, then
# 2.17's libc.so.6, this machine's libc_nonshared.a (the one the crt files
# expect) and the old loader; libpthread, libm, libstdc++ and libgcc_s
# are 2.17's.
ar rcD libshims.a "$shims"/*.o || bail "ar failed"
mkdir -p L
nonshared=$(gcc -print-file-name=libc_nonshared.a)
cat >L/libc.so <<EOT
GROUP ( $tmp/libshims.a $glibc217_lib/libc.so.6 $nonshared AS_NEEDED ( $glibc217_ld_so ) )
EOT
echo "GROUP ( $glibc217_lib/libpthread.so.0 )" >L/libpthread.so
echo "GROUP ( $glibc217_libstdcxx )" >L/libstdc++.so
echo "GROUP ( $glibc217_lib/libm.so.6 )" >L/libm.so
echo "GROUP ( $glibc217_libgcc_s )" >L/libgcc_s.so
flags="-std=gnu11 -O2 -D_FORTIFY_SOURCE=2 -Wall -Wextra -pthread"

same() {
	diff -u "$1" "$2" >"$tmp/diff" || { diag "$(cat "$tmp/diff")"; return 1; }
}

gcc -O1 -o dlopen-host "$top_srcdir/tests/fixtures/dlopen_call.c" -ldl || bail "gcc cannot build dlopen_call.c"

for cc in gcc clang; do
	if ! command -v $cc >/dev/null; then
		skip "$cc is not installed"
		continue
	fi
	$cc $flags -o host-$cc "$src/shims.c" || bail "$cc cannot build shims.c"
	./host-$cc >expected-$cc 2>&1 || bail "shims.c fails on this machine: $(cat expected-$cc)"
	check "$cc: the program, built with the shims against glibc 2.17, links" \
		$cc $flags -o old-$cc "$src/shims.c" -L L $glibc217_ldflags
	check "$cc: ... and needs nothing above GLIBC_2.17" glibc_within old-$cc 17
	run_linked_on_glibc217 ./old-$cc >out-$cc 2>&1
	check "$cc: ... prints on glibc 2.17 what it prints here, run directly" same expected-$cc out-$cc
	run_on_glibc217 ./old-$cc >out2-$cc 2>&1
	check "$cc: ... and through glibc 2.17's ld.so" same expected-$cc out2-$cc
	run_linked_on_glibc217 ./old-$cc overflow >/dev/null 2>overflow-$cc
	rc=$?
	check "$cc: ... __explicit_bzero_chk aborts on an overflow (status $rc)" \
		sh -c "[ $rc -eq 134 ] && grep -q 'buffer overflow detected' overflow-$cc"

	$cc $flags -fPIC -shared -DSHIMS_SHARED -Dmain=shims_main -o host-$cc.so "$src/shims.c" ||
		bail "$cc cannot build shims.c as a shared object"
	./dlopen-host ./host-$cc.so shims_main >expected-so-$cc 2>&1 ||
		bail "shims.c as a shared object fails on this machine: $(cat expected-so-$cc)"
	check "$cc: the shared object, built with the shims against glibc 2.17, links" \
		$cc $flags -fPIC -shared -DSHIMS_SHARED -Dmain=shims_main -o old-$cc.so "$src/shims.c" -L L
	check "$cc: ... and needs nothing above GLIBC_2.17" glibc_within old-$cc.so 17
	exported=$("$READELF" --dyn-syms -W old-$cc.so | awk '$1 ~ /^[0-9]+:$/ && $7 != "UND" && $5 != "LOCAL" { print $8 }' |
		grep -vx -e shims_main -e _init -e _fini | tr '\n' ' ')
	check "$cc: ... exports none of the shims (exports: ${exported:-nothing else})" test -z "$exported"
	dlopen_on_glibc217 ./old-$cc.so shims_main >out-so-$cc 2>&1
	check "$cc: ... dlopened by GCC 4.8.5's program on glibc 2.17, prints what it prints here" \
		same expected-so-$cc out-so-$cc
done

# The start fix in C++: with the old string ABI, against GCC 4.8.5's
# libstdc++ (this machine's g++ and clang++).
for cxx in g++ clang++; do
	if ! command -v $cxx >/dev/null; then
		skip "$cxx is not installed"
		continue
	fi
	$cxx -O2 -D_GLIBCXX_USE_CXX11_ABI=0 -o init-host-$cxx "$src/init.cc" || bail "$cxx cannot build init.cc"
	./init-host-$cxx >expected-init-$cxx || bail "init.cc fails on this machine"
	check "$cxx: global objects and constructors run once, in order, on this machine" \
		grep -qx 'early global | xxx 40' expected-init-$cxx
	check "$cxx: the C++ program links with the shims against glibc 2.17 and libstdc++ 6.0.19" \
		$cxx -O2 -D_GLIBCXX_USE_CXX11_ABI=0 -o init-old-$cxx "$src/init.cc" -L L $glibc217_ldflags
	check "$cxx: ... and needs nothing above GLIBC_2.17" glibc_within init-old-$cxx 17
	run_linked_on_glibc217 ./init-old-$cxx >out-init-$cxx 2>&1
	check "$cxx: ... constructs its globals once and prints what it prints here, run directly" \
		same expected-init-$cxx out-init-$cxx
	run_on_glibc217 ./init-old-$cxx >out2-init-$cxx 2>&1
	check "$cxx: ... and through glibc 2.17's ld.so" same expected-init-$cxx out2-init-$cxx
done

# Through `manyguard glibc`'s directory: its stubs (not glibc 2.17's own
# libraries) and the shims it selected for the release, with a plain -L.
mg=$top_builddir/tools/manyguard
if "$mg" glibc --policy manylinux_2_17 -o "$tmp/gd17" >/dev/null 2>"$tmp/gd17.err"; then
	check "manyguard glibc (manylinux_2_17) selects every shim for glibc 2.17" \
		test "$(ar t "$tmp/gd17/libmanyguard_glibc.a" | tr '\n' ' ')" = "$(cd "$shims" && ls *.o | sort | tr '\n' ' ')"
	check "the program links against the directory with a plain -L" \
		gcc $flags -o viadir "$src/shims.c" -L "$tmp/gd17" $glibc217_ldflags
	check "... needs nothing above GLIBC_2.17" glibc_within viadir 17
	run_linked_on_glibc217 ./viadir >out-viadir 2>&1
	check "... and prints on glibc 2.17 what it prints here" same expected-gcc out-viadir
else
	not_ok "manyguard glibc --policy manylinux_2_17 makes the directory"
	diag "$(cat "$tmp/gd17.err")"
fi
"$mg" glibc --policy manylinux_2_28 -o "$tmp/gd28" >/dev/null 2>&1
check "manyguard glibc (manylinux_2_28) leaves out what glibc 2.28 has (reallocarray, getrandom, fcntl64...)" \
	test "$(ar t "$tmp/gd28/libmanyguard_glibc.a" | tr '\n' ' ')" = \
	"arc4random.o clockwait.o gettid.o memcmpeq.o mknod.o single_threaded.o start.o stat.o sysconf.o "

# Without the start fix the bug is real: linked straight against glibc
# 2.17's libc (no shims), a bookworm crt1.o program skips its
# constructors when run directly.
mkdir -p L0
cat >L0/libc.so <<EOT
GROUP ( $glibc217_lib/libc.so.6 $nonshared AS_NEEDED ( $glibc217_ld_so ) )
EOT
cat >ctor.c <<'EOT'
#include <stdio.h>
static int n;
__attribute__((constructor)) static void c(void) { n++; }
int main(void) { printf("constructors %d\n", n); return 0; }
EOT
gcc -o ctor-naive ctor.c -L L0 $glibc217_ldflags || bail "cannot link ctor.c against glibc 2.17"
check "without the start fix, a constructor does not run on glibc 2.17 (the bug the fix is for)" \
	test "$(run_linked_on_glibc217 ./ctor-naive)" = "constructors 0"

done_testing
