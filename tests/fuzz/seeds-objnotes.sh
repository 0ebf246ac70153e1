#!/bin/sh
# seeds-objnotes.sh DIR: seed inputs for fuzz_objnotes, made on the fly:
# objects compiled with the GCC plugin (when it is built) from C sources
# that reference newer symbols through asm() names, their raw notes
# sections, an `ld -r` object with two units, and truncated/corrupted
# variants of each.
set -e
. "${0%/*}/seeds-lib.sh"
seeds_begin "$@"

printf '# manyguard newer-symbols 1: symbol\tversion\tstatus\tdemangled\n' >"$work/newer.txt"
printf '_ZSt8to_charsPcS_d\tGLIBCXX_3.4.29\tprovided\tstd::to_chars(char*, char*, double)\n' >>"$work/newer.txt"
printf 'new_data\tGLIBCXX_3.4.30\thazard\tnew_data\n' >>"$work/newer.txt"
cat >"$work/a.c" <<'SRC'
struct r { char *p; int e; };
extern struct r tc(char *, char *, double) __asm__("_ZSt8to_charsPcS_d");
extern int new_data;
int *keep = &new_data;
int f(char *b, char *e, double d) { return (int)(tc(b, e, d).p - b) + new_data; }
SRC
printf 'int g(void) { return 1; }\n' >"$work/b.c"
mkdir -p "$work/dir	with tab"
cp "$work/a.c" "$work/dir	with tab/a.c"

plugin=${top_builddir:+$top_builddir/gcc-plugin/manyguard.so}
if [ -n "$plugin" ] && [ -f "$plugin" ]; then
	p="-fplugin=$plugin -fplugin-arg-manyguard-symbols=$work/newer.txt -fplugin-arg-manyguard-baseline=manylinux_2_28"
	# shellcheck disable=SC2086
	{ cc -O1 -c -o "$work/a.o" "$work/a.c" $p &&
	  cc -fopenmp -fPIC -c -o "$work/b.o" "$work/b.c" $p &&
	  cc -c -o "$work/t.o" "$work/dir	with tab/a.c" $p; } 2>/dev/null || true
fi
# Without the plugin (or as well): a hand-written section.
cat >"$work/h.c" <<'SRC'
__asm__(".section .manyguard.objnotes,\"e\",@progbits\n"
	".ascii \"manyguard-objnotes 1\\nlanguage=c\\npic=1\\n"
	"symbol=s\\tV_1\\tprovided\\t3\\t4\\tx\\\\x09y.c\\nend\\n\"\n.previous");
int h;
SRC
cc -c -o "$work/h.o" "$work/h.c" 2>/dev/null || true
for o in a b t h; do
	[ -f "$work/$o.o" ] || continue
	cp "$work/$o.o" "$out/obj-$o.o"
	objcopy --dump-section .manyguard.objnotes="$out/sec-$o" "$work/$o.o" 2>/dev/null || true
done
if [ -f "$work/a.o" ] && [ -f "$work/b.o" ]; then
	ld -r -o "$out/obj-ldr.o" "$work/a.o" "$work/b.o" 2>/dev/null &&
		objcopy --dump-section .manyguard.objnotes="$out/sec-ldr" "$out/obj-ldr.o" 2>/dev/null || true
fi

# Truncated and corrupted variants of the sections and objects.
for f in "$out"/sec-* "$out"/obj-a.o "$out"/obj-h.o; do
	[ -f "$f" ] || continue
	size=$(wc -c <"$f")
	b=$(basename "$f")
	for n in 1 20 $((size / 2)) $((size - 1)); do
		[ "$n" -gt 0 ] && [ "$n" -lt "$size" ] && head -c "$n" "$f" >"$out/$b-trunc-$n"
	done
	i=0
	for off in 3 19 $((size / 3)) $((size - 5)); do
		[ "$off" -lt "$size" ] || continue
		cp "$f" "$out/$b-bad-$i"
		overwrite "$out/$b-bad-$i" "$off" '\t\\\000='
		i=$((i + 1))
	done
done
printf '' >"$out/empty"
printf 'manyguard-objnotes 1\nend\n' >"$out/minimal"
printf 'manyguard-objnotes 9\nend\n' >"$out/future"
