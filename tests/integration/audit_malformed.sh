#!/bin/sh
# manyguard audit on bad input: a truncated ELF file, a wheel with a broken
# central directory, a wheel member claiming 4 GiB, empty and non-ELF files,
# a file of another machine.  Each is reported for itself (exit 2) and
# everything else is still audited; symlink loops next to them are skipped
# (audit_symlinks.sh).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/audit/fixtures.sh"
mg_tmpdir
mg="$top_builddir/tools/manyguard"

mkdir -p "$tmp/tree/pkg/deep" "$tmp/w/good" "$tmp/w/bad"
cat >"$tmp/streams.cc" <<'SRC'
#include <iostream>
extern "C" void hello() { std::cout << "hello" << std::endl; }
SRC
g++ -shared -fPIC -static-libstdc++ -o "$tmp/tree/pkg/_s.so" "$tmp/streams.cc" || bail g++
printf 'int w(void) { return 1; }\n' >"$tmp/w.c"
cc -shared -fPIC -o "$tmp/w.so" "$tmp/w.c" || bail cc
head -c 3000 "$tmp/w.so" >"$tmp/tree/pkg/_trunc.so"
: >"$tmp/tree/pkg/empty.so"
printf '\177ELF' >"$tmp/tree/pkg/magic-only.so"
printf 'just text\n' >"$tmp/tree/pkg/notes.txt"
ln -s . "$tmp/tree/pkg/deep/loop-here"
ln -s ../.. "$tmp/tree/pkg/deep/loop-up"
ln -s self "$tmp/tree/pkg/self"
ln -s missing "$tmp/tree/pkg/dangling"

timeout 60 "$mg" audit "$tmp/tree" >"$tmp/out" 2>&1
rc=$?
check "bad files in a tree: exit 2 (not a hang: $rc)" [ $rc -eq 2 ]
check "the truncated ELF file is named" grep -q "^  $tmp/tree/pkg/_trunc.so: " "$tmp/out"
check "the 4-byte file with the ELF magic is named" grep -q "^  $tmp/tree/pkg/magic-only.so: " "$tmp/out"
check "the loop back to its own directory is named" \
	grep -q "^  $tmp/tree/pkg/deep/loop-here: symlink loop: leads back to $tmp/tree/pkg/deep" "$tmp/out"
check "the loop up the tree is named" grep -q "^  $tmp/tree/pkg/deep/loop-up: symlink loop" "$tmp/out"
check "the self-referencing link is named" grep -q "^  $tmp/tree/pkg/self: symlink loop" "$tmp/out"
check "exactly those 2 inputs are unreadable (empty, text and dangling are nothing to audit, loops are skipped)" \
	grep -q "0 warnings, 0 notes, 2 unreadable inputs, 3 symlinks not followed$" "$tmp/out"
check "the good module in the same tree is still audited" \
	grep -q "static-runtime-copy pkg/_s.so: contains a statically linked libstdc++" "$tmp/out"

# Wheels: one good, one with a broken central directory, one whose ELF
# member claims 4 GiB (deflated from a few KB).
mkdir -p "$tmp/w/good/mod"
cp "$tmp/tree/pkg/_s.so" "$tmp/w/good/mod/_s.so"
cp "$tmp/w.so" "$tmp/w/good/mod/_w.so"
mkwheel "$tmp/w/good-1.0-cp311-cp311-linux_x86_64.whl" "$tmp/w/good" || bail mkwheel
mkwheel "$tmp/w/broken-1.0-cp311-cp311-linux_x86_64.whl" "$tmp/w/good" --break-cd || bail mkwheel
mkwheel "$tmp/w/huge-1.0-cp311-cp311-linux_x86_64.whl" "$tmp/w/good" --claim=mod/_w.so=4294967294 || bail mkwheel
head -c 100 "$tmp/w/good-1.0-cp311-cp311-linux_x86_64.whl" >"$tmp/w/cut-1.0-py3-none-any.whl"
"$mg" audit "$tmp/w/broken-1.0-cp311-cp311-linux_x86_64.whl" "$tmp/w/huge-1.0-cp311-cp311-linux_x86_64.whl" \
	"$tmp/w/cut-1.0-py3-none-any.whl" "$tmp/w/good-1.0-cp311-cp311-linux_x86_64.whl" >"$tmp/out" 2>&1
check "bad wheels: exit 2" [ $? -eq 2 ]
check "the broken central directory is named" \
	grep -q "^  $tmp/w/broken-1.0-cp311-cp311-linux_x86_64.whl: not a readable zip file: " "$tmp/out"
check "the truncated zip is named" grep -q "^  $tmp/w/cut-1.0-py3-none-any.whl: not a readable zip file: " "$tmp/out"
check "the 4 GiB member is refused before it is read" \
	grep -q "^  $tmp/w/huge-1.0-cp311-cp311-linux_x86_64.whl!mod/_w.so: member claims 4294967294 bytes uncompressed, more than the limit" "$tmp/out"
check "the other members of that wheel are audited" \
	grep -q "^huge (wheel .*): 1 ELF file" "$tmp/out"
check "the good wheel is audited" grep -q "^good (wheel .*): 2 ELF files" "$tmp/out"
check "its static libstdc++ is found inside the wheel" \
	grep -q "static-runtime-copy mod/_s.so: contains a statically linked libstdc++" "$tmp/out"

# A file of another machine (aarch64, clang + lld).
if clang --target=aarch64-linux-gnu -c -o "$tmp/wa.o" "$tmp/w.c" 2>/dev/null &&
	ld.lld-14 -shared -o "$tmp/wa.so" "$tmp/wa.o" 2>/dev/null; then
	"$mg" audit "$tmp/wa.so" >"$tmp/out" 2>&1
	check "an aarch64 file is reported as such" \
		grep -q "foreign-machine wa.so: is an ELF file for aarch64, not $(uname -m)" "$tmp/out"
else
	skip "no clang/ld.lld-14 for an aarch64 file"
fi
# Same e_machine, another ABI: x32 (ELFCLASS32, EM_X86_64) and big-endian
# aarch64 load into no x86_64 or aarch64 process, and no policy covers them.
for abi in x86_64-linux-gnux32:x32 aarch64_be-linux-gnu:aarch64_be; do
	target=${abi%:*} name=${abi#*:}
	if clang --target="$target" -fPIC -c -o "$tmp/w-$name.o" "$tmp/w.c" 2>/dev/null &&
		ld.lld-14 -shared -o "$tmp/w-$name.so" "$tmp/w-$name.o" 2>/dev/null; then
		"$mg" audit "$tmp/w-$name.so" >"$tmp/out" 2>&1
		check "a $name file is foreign (exit $?)" \
			grep -q "foreign-machine w-$name.so: is an ELF file for $name, not $(uname -m)" "$tmp/out"
		check "... and no policy covers it [no-policy]" \
			grep -q "no-policy *w-$name.so: manylinux_2_28 has no rules for $name" "$tmp/out"
	else
		skip "no clang/ld.lld-14 for a $name file"
	fi
done
"$mg" audit "$tmp/nonexistent" "$tmp/w/good" >"$tmp/out" 2>&1
check "a missing input: exit 2 and its name" sh -c "[ $? -eq 2 ] && grep -q '$tmp/nonexistent: No such file' '$tmp/out'"
done_testing
