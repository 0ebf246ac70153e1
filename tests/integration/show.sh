#!/bin/bash
# manyguard show: what a file needs, judged against a policy.
. "$top_srcdir/tests/lib.sh"
not_grep() { ! grep -q "$@"; }
mg_tmpdir
mg="$top_builddir/tools/manyguard"
cat >"$tmp/newer.cc" <<'SRC'
#include <charconv>
#include <cstdio>
int main() { char b[32]; auto r = std::to_chars(b, b + 32, 0.5); std::printf("%.*s\n", int(r.ptr - b), b); }
SRC
g++ -std=c++17 -o "$tmp/normal" "$tmp/newer.cc" || bail compile
"$mg" nonshared --policy manylinux_2_28 -o "$tmp/rt" >/dev/null || bail nonshared
g++ -std=c++17 -o "$tmp/guarded" "$tmp/newer.cc" -L"$tmp/rt" || bail link
cat >"$tmp/streams.cc" <<'SRC'
#include <iostream>
extern "C" void hello() { std::cout << "hello" << std::endl; }
SRC
g++ -shared -fPIC -static-libstdc++ -o "$tmp/static.so" "$tmp/streams.cc" || bail link

"$mg" show --policy manylinux_2_28 "$tmp/normal" >"$tmp/out" 2>&1
check "a normal build violates manylinux_2_28 (exit 1)" [ $? -eq 1 ]
check "it names GLIBCXX_3.4.29 and the cap" \
	grep -q "GLIBCXX_3.4.29 from libstdc++.so.6 is newer than manylinux_2_28 allows (GLIBCXX_3.4.24), needed by:" "$tmp/out"
check "it names the symbol that needs it, demangled" \
	grep -qF "_ZSt8to_charsPcS_d  (std::to_chars(char*, char*, double))" "$tmp/out"
"$mg" show --policy manylinux_2_28 "$tmp/guarded" >"$tmp/out" 2>&1
check "the build against the runtime directory needs nothing newer from libstdc++" \
	not_grep "GLIBCXX\|CXXABI" "$tmp/out"
# This machine's glibc (2.36) is newer than manylinux_2_28's: the verdict
# says that this is the only violation left.
if grep -q "GLIBC_" "$tmp/out"; then
	check "its verdict names the C library as the only violation" \
		grep -q "violates manylinux_2_28 only through the C library" "$tmp/out"
else
	check "its verdict: satisfies" grep -q "satisfies manylinux_2_28" "$tmp/out"
fi
"$mg" show --policy manylinux_2_34 "$tmp/normal" >"$tmp/out" 2>&1
check "a newer policy (manylinux_2_34: GLIBCXX_3.4.29) accepts the normal build's C++ needs" \
	not_grep "GLIBCXX" "$tmp/out"
"$mg" show "$tmp/static.so" >"$tmp/out" 2>&1
check "a -static-libstdc++ module shows the libstdc++ it carries" grep -q "contains libstdc++" "$tmp/out"
# x32: the x86_64 machine with 32-bit pointers, another ABI that no
# policy covers.
printf '.globl f\n.type f,@function\nf: ret\n' >"$tmp/x32.s"
if as --x32 -o "$tmp/x32.o" "$tmp/x32.s" && ld -m elf32_x86_64 -shared -o "$tmp/x32.so" "$tmp/x32.o"; then
	"$mg" show "$tmp/x32.so" >"$tmp/out" 2>&1
	check "an x32 file violates the policy (exit $?): no policy covers it" [ $? -eq 1 ]
	check "... shown as x32, not x86_64" grep -q "x32.so: DYN, x32$" "$tmp/out"
	check "... [no-policy]" grep -q "no-policy: manylinux_2_28 has no rules for x32" "$tmp/out"
else
	skip "as --x32 / ld -m elf32_x86_64 do not work here"
fi
"$mg" show "$tmp/missing" >"$tmp/out" 2>&1
check "a missing file: exit 2 and its name" [ $? -eq 2 ] && grep -q "missing" "$tmp/out"
"$mg" show --policy nosuch "$tmp/normal" >"$tmp/out" 2>&1
check "an unknown policy: exit 2" [ $? -eq 2 ]
done_testing
