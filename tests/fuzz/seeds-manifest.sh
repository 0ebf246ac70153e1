#!/bin/sh
# seeds-manifest.sh DIR: seed inputs for fuzz_manifest, made on the fly:
# outputs linked through the build tree's linker wrapper (so they carry a
# manifest) and their raw sections, GNU ld/gold maps and lld --why-extract
# files of the same link, GCC's LTO resolution files, and truncated/corrupted
# variants of each.
set -e
. "${0%/*}/seeds-lib.sh"
seeds_begin "$@"
wb=${top_builddir:+$top_builddir/wrappers/bin}
cd "$work"
printf 'int a(void) { return 1; }\n' >a.c
printf 'int a(void); int m(void) { return a(); }\n' >m.c
cc -fPIC -c a.c m.c
ar rc liba.a a.o
if [ -n "$wb" ] && [ -x "$wb/ld" ]; then
	for f in bfd gold lld; do
		env -u MANYGUARD_MANIFEST cc -fuse-ld=$f -B "$wb/" -shared m.o -L. -la -o "m-$f.so" \
			2>/dev/null || continue
		cp "m-$f.so" "$out/elf-$f"
		objcopy --dump-section .manyguard.manifest="$out/sec-$f" "m-$f.so" 2>/dev/null || true
	done
fi
cc -fuse-ld=bfd -shared m.o -L. -la -o x.so -Wl,-Map="$out/map-bfd" -Wl,--as-needed -lm 2>/dev/null || true
cc -fuse-ld=gold -shared m.o -L. -la -o x.so -Wl,-Map="$out/map-gold" 2>/dev/null || true
cc -fuse-ld=lld -shared m.o -L. -la -o x.so -Wl,--why-extract="$out/why-lld" 2>/dev/null || true
# GCC's LTO plugin resolution file, kept by -save-temps next to the output.
cc -flto -fPIC -c a.c -o a-lto.o && cc -flto -shared -save-temps a-lto.o -o lto.so 2>/dev/null &&
	cp lto.so.res "$out/res-gcc" || true
printf '2\na b.o 2\n1 2a PREVAILING_DEF f\n2 2a UNDEF g\nlib.a@0x1c4 1\n9 ff RESOLVED_EXEC _Z1hv\n' >"$out/res-hand"
printf 'Archive member included to satisfy reference by file (symbol)\n\nx.a(y.o)                      z.o (f(int (*)(char)))\nlong/path/to/an/archive.a(member.o)\n                              (--whole-archive)\n\nAs-needed library included to satisfy reference by file (symbol)\n\nlibm.so.6                     x.a(y.o) (sin@@GLIBC_2.2.5)\n' >"$out/map-hand"

for f in "$out"/*; do
	size=$(wc -c <"$f")
	b=$(basename "$f")
	for n in 1 20 32 33 $((size / 2)) $((size - 1)); do
		[ "$n" -gt 0 ] && [ "$n" -lt "$size" ] && head -c "$n" "$f" >"$out/$b-trunc-$n"
	done
	i=0
	for off in 0 9 13 17 25 33 $((size / 3)) $((size - 5)); do
		[ "$off" -ge 0 ] && [ "$off" -lt "$size" ] || continue
		cp "$f" "$out/$b-bad-$i"
		overwrite "$out/$b-bad-$i" "$off" '\377(\t)'
		i=$((i + 1))
	done
done
printf '' >"$out/empty"
printf 'MGMANIF\000' >"$out/magic-only"
