#!/bin/sh
# seeds-ld_undefined.sh DIR: what GNU ld, gold and lld print for undefined
# references (the output's own, and a library's versioned ones), and
# truncated and odd variants.
. "${0%/*}/seeds-lib.sh"
seeds_begin "$@"
cat >"$out/bfd.txt" <<'S'
/usr/bin/ld: /tmp/ccJ7EHD4.o: in function `f':
cr.c:(.text+0x1a): undefined reference to `getrandom'
/usr/bin/ld: ./libfoo.so: undefined reference to `pthread_create@GLIBC_2.34'
/usr/bin/ld: x.o: undefined reference to `operator""_x(char const*)'
/usr/bin/ld: y.o: undefined reference to symbol 'pthread_create@@GLIBC_2.2.5'
/usr/bin/ld: /lib/x86_64-linux-gnu/libpthread.so.0: error adding symbols: DSO missing from command line
collect2: error: ld returned 1 exit status
S
cat >"$out/gold.txt" <<'S'
/tmp/crmain.o:crmain.c:function main: error: undefined reference to 'close_range'
./libfoo.so: error: undefined reference to 'pthread_create', version 'GLIBC_2.34'
S
cat >"$out/lld.txt" <<'S'
ld.lld: error: undefined symbol: close_range
>>> referenced by crmain.c
ld.lld: error: ./libfoo.so: undefined reference to pthread_join@GLIBC_2.34 [--no-allow-shlib-undefined]
S
printf "undefined reference to \`'\nundefined reference to '', version ''\nundefined reference to \nundefined symbol: \n" >"$out/empty.txt"
printf "undefined reference to 'a', version 'b', version 'c'\nundefined reference to x@y" >"$out/noeol.txt"
printf 'undefined reference to `a\0b'"'"'\n' >"$out/nul.txt"
for f in "$out"/bfd.txt "$out"/gold.txt "$out"/lld.txt; do
	size=$(wc -c <"$f")
	for cut in 10 $((size / 2)) $((size - 3)); do
		head -c $cut "$f" >"$f.cut$cut"
	done
done
exit 0
