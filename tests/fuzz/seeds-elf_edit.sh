#!/bin/sh
# seeds-elf_edit.sh DIR: seed inputs for fuzz_elf_edit, made on the fly:
# relocatable objects compiled here (PIC, non-PIC, TLS, COMDAT, aarch64),
# small libstdc++.a members, and truncated/corrupted copies.
set -e
. "${0%/*}/seeds-lib.sh"
seeds_begin "$@"

cat >"$work/a.c" <<'SRC'
int foo(void) { return 42; }
int bar = 7;
static int counter;
__thread int tv;
__attribute__((weak)) int wk(void) { return 1; }
int next(void) { return ++counter + bar + tv + wk(); }
unsigned addr(void) { return (unsigned)(unsigned long)&bar; }
SRC
printf 'inline int c() { static int n; return ++n; }\nint use() { return c(); }\n' >"$work/c.cc"
cc -O2 -fPIC -c -o "$out/pic.o" "$work/a.c" 2>/dev/null || true
cc -O2 -fno-pic -c -o "$out/nopic.o" "$work/a.c" 2>/dev/null || true
cc -O2 -fPIC -ffunction-sections -fdata-sections -fno-semantic-interposition -g \
	-c -o "$out/fs.o" "$work/a.c" 2>/dev/null || true
g++ -O0 -fPIC -c -o "$out/comdat.o" "$work/c.cc" 2>/dev/null || true
clang -target aarch64-linux-gnu -O2 -fno-pic -c -o "$out/a64.o" "$work/a.c" 2>/dev/null || true
clang -target aarch64-linux-gnu -O2 -fPIC -c -o "$out/a64pic.o" "$work/a.c" 2>/dev/null || true
lib=$(g++ -print-file-name=libstdc++.a 2>/dev/null) || lib=
if [ -f "$lib" ]; then
	(cd "$work" && ar x "$lib" eh_globals.o compatibility.o 2>/dev/null) || true
	for m in eh_globals.o compatibility.o; do
		[ -f "$work/$m" ] && cp "$work/$m" "$out/lib-$m"
	done
fi
# Truncated and corrupted variants of what was made.
for f in "$out"/*.o; do
	[ -f "$f" ] || continue
	b=$(basename "$f" .o)
	size=$(wc -c <"$f")
	head -c $((size / 2)) "$f" >"$out/$b-half"
	head -c 64 "$f" >"$out/$b-ehdr"
	# flip bytes in the middle (section contents / relocations)
	cp "$f" "$out/$b-flip"
	overwrite "$out/$b-flip" $((size / 3)) '\377\377\377\377'
done
[ -n "$(ls "$out")" ]
