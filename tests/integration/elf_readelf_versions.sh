#!/bin/sh
# The model's version sections, printed by elf_dump_versions in the format
# of `readelf -V`, must equal binutils' own output byte for byte: every
# offset, index, hash-derived name lookup, flag word and parent line.
. "$top_srcdir/tests/lib.sh"
dump="$top_builddir/tests/unit/elf_dump_versions"
[ -x "$dump" ] || bail "$dump not built"
READELF=${READELF:-readelf}
"$READELF" --version 2>/dev/null | head -n 1 | grep -q 'GNU readelf' ||
	bail "$READELF is not GNU readelf"
diag "$("$READELF" --version | head -n 1)"
mg_tmpdir

libdir=/usr/lib/x86_64-linux-gnu
stdcxx=$(g++ -print-file-name=libstdc++.so.6 2>/dev/null)
[ -n "$stdcxx" ] && [ "$stdcxx" != libstdc++.so.6 ] && stdcxx=$(readlink -f "$stdcxx")
# The required four, then a spread of libraries with different version
# layouts: WEAK and BASE flags, parents, hidden (@) definitions, no
# versions at all, many requirements.
required="$stdcxx $libdir/libc.so.6 $libdir/libgomp.so.1 $libdir/libm.so.6"
more="libgcc_s.so.1 libz.so.1 libzstd.so.1 libelf.so.1 libcrypto.so.3 libssl.so.3
libpthread.so.0 libdl.so.2 libresolv.so.2 libexpat.so.1 libffi.so.8 libgmp.so.10
libstdc++.so.6 libasan.so.8 libatomic.so.1 libquadmath.so.0 libjansson.so.4"

compare() {
	f=$1
	"$READELF" -V "$f" >"$tmp/want" 2>"$tmp/want.err"
	"$dump" "$f" >"$tmp/got" 2>"$tmp/got.err"
	if cmp -s "$tmp/want" "$tmp/got"; then
		ok "readelf -V matches for $f ($(wc -l <"$tmp/want") lines)"
	else
		not_ok "readelf -V differs for $f"
		cat "$tmp/got.err" | sed 's/^/# /'
		diff "$tmp/want" "$tmp/got" | head -n 20 | sed 's/^/# /'
	fi
}

for f in $required; do
	if [ -f "$f" ]; then compare "$f"; else not_ok "required library $f is missing"; fi
done
n=0
for name in $more; do
	f=$libdir/$name
	[ -f "$f" ] || continue
	compare "$(readlink -f "$f")"
	n=$((n + 1))
done
check "at least a dozen more libraries compared ($n)" [ "$n" -ge 12 ]
if [ -f /usr/lib/llvm-14/lib/libomp.so.5 ]; then
	compare /usr/lib/llvm-14/lib/libomp.so.5
else
	skip "LLVM libomp.so.5 not installed (Debian package libomp5-14)"
fi

# A library made here with hidden versions, parents and a WEAK requirement
# (a weak undefined reference gives vna_flags WEAK).
cat >"$tmp/v.c" <<'SRC'
#include <math.h>
extern double fdim(double, double) __attribute__((weak));
int v_old(void) { return 1; }
int v_new(void) { return 2; }
__asm__(".symver v_old, v@V_1");
__asm__(".symver v_new, v@@V_3");
double v_cos(double x) { return cos(x) + (fdim ? fdim(x, 1) : 0); }
SRC
printf 'V_1 { global: v; v_cos; local: *; };\nV_2 { } V_1;\nV_3 { global: v; } V_2 V_1;\n' >"$tmp/v.map"
if cc -shared -fPIC -o "$tmp/libv.so" "$tmp/v.c" -Wl,--version-script="$tmp/v.map" -lm 2>"$tmp/cc.err"; then
	compare "$tmp/libv.so"
	# Make sure the comparison covered the interesting cases: the empty
	# V_2 is WEAK and V_3 lists two parents.
	check "test library has a WEAK definition" grep -q 'Flags: WEAK  Index: 3' "$tmp/got"
	check "test library has a second parent line" grep -q 'Parent 2: V_2' "$tmp/got"
	check "test library has a hidden (h) versym entry" grep -q '2h(V_1)' "$tmp/got"
else
	sed 's/^/# /' "$tmp/cc.err"
	not_ok "cc -shared failed"
fi
# An object and an unversioned library: "No version information".
printf 'int f(void) { return 0; }\n' >"$tmp/o.c"
cc -c -o "$tmp/o.o" "$tmp/o.c" && compare "$tmp/o.o"
cc -shared -o "$tmp/libnov.so" "$tmp/o.c" -nostdlib && compare "$tmp/libnov.so"
done_testing
