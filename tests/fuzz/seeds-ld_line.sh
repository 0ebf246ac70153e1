#!/bin/sh
# seeds-ld_line.sh DIR: link lines for fuzz_ld_line, NUL-separated, "%"
# standing for its fixture directory: what gcc, g++ and clang hand the
# linker, the static/dynamic spellings of tests/integration/wrapper_ld_*.sh,
# sysroots, nested and looping scripts, missing option arguments.
. "${0%/*}/seeds-lib.sh"
seeds_begin "$@"
n=0
seed() {
	first=1
	for a; do
		[ $first = 1 ] || printf '\000'
		printf '%s' "$a"
		first=0
	done >"$out/seed$n"
	n=$((n + 1))
}
seed --build-id --eh-frame-hdr -m elf_x86_64 --hash-style=gnu --as-needed -shared -o w.so \
	-L% -L/usr/lib/gcc/x86_64-linux-gnu/12 %/o.o -lstdc++ -lm -lgcc_s -lc -lgcc_s
seed -plugin x.so -plugin-opt=-pass-through=-lgcc -o a.out -L% %/o.o -Bstatic -lstdc++ -Bdynamic -lfoo
seed -L% --push-state -Bstatic -lgomp --pop-state -lgomp -o a.out
seed -L % --whole-archive %/libgomp.a --no-whole-archive -l:libbar.a --library=baz --library loop
seed --sysroot=% -L=/ -L\$SYSROOT/ -static -l gomp -o out
seed -r -o r.o %/o.o %/libfoo.so
seed -L% -lloop
seed -L% -l:empty.so -l:libstdc++.so %/empty.so -
seed -o
seed -L
seed -L% -T script.ld -soname x --version-script v -z now -lfoo -dn -lbaz -dy -non_shared -call_shared
seed -L% --output=o --library-path=% -Bshareable -i --relocatable -static -lbar
seed --as-needed -L% -lfoo --no-as-needed -lstdc++ /dev/null /nonexistent
exit 0
