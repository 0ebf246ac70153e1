#!/bin/sh
# 32 parallel first links with an empty cache: the runtime directory and
# the glibc directory are created once each (under their locks), every
# link succeeds and runs.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/wrappers/cc/common.sh"

cp "$fixtures/hello.cc" .
g++ -c hello.cc -o hello.o
check "the cache starts empty" test ! -e "$MANYGUARD_CACHE_DIR"
i=0
while [ $i -lt 32 ]; do
	("$wcxx" hello.o -o "prog$i" 2>"err$i.txt"; echo $? >"status$i") &
	i=$((i + 1))
done
wait
failed=0 ran=0
i=0
while [ $i -lt 32 ]; do
	[ "$(cat "status$i")" = 0 ] || { failed=$((failed + 1)); sed 's/^/# /' "err$i.txt" | head -n 3; }
	[ "$(./prog$i 2>/dev/null)" = "hello world" ] && ran=$((ran + 1))
	i=$((i + 1))
done
check "all 32 parallel links succeed ($failed failed)" test $failed -eq 0
check "all 32 programs run ($ran ran)" test $ran -eq 32
check "no link printed anything" sh -c 'cat err*.txt | grep -q . && exit 1 || exit 0'
dirs=$(cd "$MANYGUARD_CACHE_DIR/runtime" && ls -A)
diag "runtime/: $dirs"
check "exactly one runtime directory, its lock file and its check's stamp, no leftovers" \
	test "$(echo "$dirs" | wc -l)" -eq 3 -a "$(echo "$dirs" | grep -c '^manylinux_2_28-[0-9a-f]*$')" -eq 1 \
	-a "$(echo "$dirs" | grep -c '^manylinux_2_28-[0-9a-f]*\.lock$')" -eq 1 \
	-a "$(echo "$dirs" | grep -c '^manylinux_2_28-[0-9a-f]*\.stamp$')" -eq 1
# The policy's glibc directory (docs/glibc.md), made once too.
dirs=$(cd "$MANYGUARD_CACHE_DIR/glibc" && ls -A)
diag "glibc/: $dirs"
check "exactly one glibc directory, its lock file and its check's stamp, no leftovers" \
	test "$(echo "$dirs" | wc -l)" -eq 3 -a "$(echo "$dirs" | grep -c '^manylinux_2_28-[0-9a-f]*$')" -eq 1 \
	-a "$(echo "$dirs" | grep -c '^manylinux_2_28-[0-9a-f]*\.lock$')" -eq 1 \
	-a "$(echo "$dirs" | grep -c '^manylinux_2_28-[0-9a-f]*\.stamp$')" -eq 1
# The compiler's runtime files, and its answers: its version (for the GCC
# plugin), its target, its libc.so.6, libc_nonshared.a and libgcc_s.so.1
# (for the glibc directory), each asked once.
c=$MANYGUARD_CACHE_DIR/compilers
check "one compiler lookup file and five answers, no temporary files left" \
	test "$(ls -A "$c" | wc -l)" -eq 6 -a "$(ls -A "$c" | grep -c '^[0-9a-f]*$')" -eq 1 \
	-a "$(ls -A "$c" | grep -c '^answer-[0-9a-f]*$')" -eq 5
answers=$(cat "$c"/answer-* | sed 's|.*/||' | LC_ALL=C sort | tr '\n' ' ')
want=$(printf '%s\n' "$(g++ -dumpversion)" "$(g++ -dumpmachine)" libc.so.6 libc_nonshared.a libgcc_s.so.1 |
	LC_ALL=C sort | tr '\n' ' ')
check "... the answers: version, target, libc.so.6, libc_nonshared.a, libgcc_s.so.1 ($answers)" \
	test "$answers" = "$want"
# Once it exists, a link takes no lock: the directory is used as it is.
d=$(ls -d "$MANYGUARD_CACHE_DIR"/runtime/manylinux_2_28-*[0-9a-f])
before=$(stat -c %Y.%i "$d")
rm "$d.lock"
"$wcxx" hello.o -o again && ./again >/dev/null
check "a later link reuses the directory" test "$(stat -c %Y.%i "$d")" = "$before"
check "... without taking the lock" test ! -e "$d.lock"
done_testing
