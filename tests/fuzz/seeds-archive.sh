#!/bin/sh
# seeds-archive.sh DIR: small archives made on the fly with GNU ar (with an
# index, long names, odd sizes, thin), llvm-ar's BSD format when present,
# and truncated and corrupted variants of them.
. "${0%/*}/seeds-lib.sh"
seeds_begin "$@"
cd "$work" || exit 1
printf 'int f(void) { return 1; }\nint g; static int h;\nint *p = &h;\n' >a.c
printf 'extern int f(void);\nint use_f(void) { return f(); }\n' >a_long_member_name.c
cc -c -Os a.c a_long_member_name.c || exit 1
printf 'odd' >t.txt
ar rcD "$out/gnu.a" a.o a_long_member_name.o t.txt || exit 1
ar rcD "$out/text.a" t.txt || exit 1
as /dev/null -o empty.o && ar rcD "$out/nosyms.a" empty.o
ar rcDT "$out/thin.a" a.o || exit 1
ar qcD "$out/dup.a" a.o a.o t.txt || exit 1
llvm_ar=$(command -v llvm-ar-14 || command -v llvm-ar)
[ -n "$llvm_ar" ] && "$llvm_ar" rc --format=bsd "$out/bsd.a" a.o a_long_member_name.o t.txt
printf '!<arch>\n' >"$out/empty.a"
size=$(wc -c <"$out/gnu.a")
for cut in 7 8 40 68 100 200 $((size / 2)) $((size - 1)); do
	head -c $cut "$out/gnu.a" >"$out/gnu-cut$cut.a"
done
# Corrupt fields: the index count, the first size digit, a long-name reference.
cp "$out/gnu.a" "$out/gnu-count.a"
overwrite "$out/gnu-count.a" 68 '\177\377'
cp "$out/gnu.a" "$out/gnu-size.a"
overwrite "$out/gnu-size.a" 56 'x'
exit 0
