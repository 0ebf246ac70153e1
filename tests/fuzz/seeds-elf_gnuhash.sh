#!/bin/sh
# seeds-elf_gnuhash.sh DIR: shared objects with a .gnu.hash, linked here by
# GNU ld, gold and lld (32- and 64-bit where the toolchain can), plus
# copies whose table header, Bloom filter, buckets and chains are
# corrupted.
. "${0%/*}/seeds-lib.sh"
seeds_begin "$@"
i=0
while [ $i -lt 40 ]; do
	printf 'int f%d(void) { return %d; }\nint v%d = %d;\n' $i $i $i $i
	i=$((i + 1))
done >"$work/lib.c"
n=0
for opts in "-fuse-ld=bfd" "-fuse-ld=gold" "-fuse-ld=lld" "-m32 -fuse-ld=bfd" \
	"-Wl,--hash-style=both" "-Wl,--hash-style=sysv"; do
	# shellcheck disable=SC2086
	cc -shared -fPIC $opts -o "$out/lib$n.so" "$work/lib.c" 2>/dev/null && n=$((n + 1))
done
[ -f "$out/lib0.so" ] || exit 0
# Corrupt the table: the section offset from readelf, then bytes at the
# header (nbuckets, symoffset, bloom size, shift), the filter and beyond.
off=$(readelf -SW "$out/lib0.so" | sed -n 's/.*\.gnu\.hash *GNU_HASH *[0-9a-f]* \([0-9a-f]*\).*/\1/p')
[ -n "$off" ] || exit 0
off=$((0x$off))
size=$(wc -c <"$out/lib0.so")
k=0
for at in 0 1 4 5 8 9 12 16 24 32 40 48; do
	for byte in '\377' '\000' '\200'; do
		cp "$out/lib0.so" "$out/bad$k.so"
		overwrite "$out/bad$k.so" $((off + at)) "$byte"
		k=$((k + 1))
	done
done
head -c $((off + 20)) "$out/lib0.so" >"$out/cut.so"
exit 0
