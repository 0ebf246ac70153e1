#!/bin/sh
# seeds-ld_script.sh DIR: the machine's input scripts (libc.so, libm.so),
# ones like manyguard nonshared writes, odd spellings, and truncated and
# corrupted variants.
. "${0%/*}/seeds-lib.sh"
seeds_begin "$@"
n=0
for f in $(cc -print-file-name=libc.so) $(cc -print-file-name=libm.so) \
	$(cc -print-file-name=libpthread.so); do
	[ -f "$f" ] && head -c 4096 "$f" | grep -q 'GROUP\|INPUT' && cp "$f" "$out/system$n.ld" && n=$((n + 1))
done
cat >"$out/nonshared.ld" <<'S'
/* GNU ld script written by manyguard nonshared. */
INPUT ( /rt/libstdc++.so.6 /rt/libstdc++_nonshared.a /rt/libstdc++.so.6 )
S
printf 'GROUP ( /rt/libgcc_s.so.1 -lgcc )\n' >"$out/gcc_s.ld"
printf 'OUTPUT_FORMAT(elf64-x86-64)\nGROUP(a.so,"b c.a" AS_NEEDED(-lx d.so))INPUT(e)\n' >"$out/commas.ld"
printf 'SECTIONS { .text : { *(.text) } }\nINPUT(f.o)\n' >"$out/sections.ld"
printf 'GROUP ( a.so AS_NEEDED ( b.so ' >"$out/open.ld"
printf 'INPUT ( /* unterminated' >"$out/comment.ld"
printf 'INPUT ( "unterminated' >"$out/quote.ld"
printf 'GROUP ( AS_NEEDED ( AS_NEEDED ( x ) ) )' >"$out/nested.ld"
printf 'INPUT(a)\0GROUP(b)' >"$out/nul.ld"
for f in "$out"/system0.ld "$out"/nonshared.ld; do
	[ -f "$f" ] || continue
	size=$(wc -c <"$f")
	for cut in 1 10 $((size / 2)) $((size - 2)); do
		[ "$cut" -gt 0 ] && head -c $cut "$f" >"$f.cut$cut"
	done
done
exit 0
